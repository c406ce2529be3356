// Closing delimiters (`%>`, `}}`, `%}`) searched for from a tag's opener, quoted strings skipped:
// a quote ends at its quote character or at its line's end, a backslash in a quote escapes the
// next character. One seeker per scan; pure.
//
// `find` searches with indexOf: the next offset of each needle (each closer, the two quotes, a
// backslash, a newline) is remembered, so while searches move forward (each starts after the
// previous one's result) every needle's searches cover disjoint stretches: linear in all. A
// failed search sends later ones back at most once per closer. `findByChars` reads char by char,
// for searches that may start inside an earlier one's stretch (Jinja's `{% raw %}` body).
// Both give the same answers, and share what failed: a closer searched for in vain from an
// offset is not searched for again from any later one (a file of unclosed openers costs linear
// time, not quadratic).

const QUOTE2 = 0;
const QUOTE1 = 1;
const BACKSLASH = 2;
const NEWLINE = 3;
/** The closers' slots come after these. */
const CLOSERS = 4;

export class CloseSeeker {
  private readonly needles: string[];
  /** For needle k: from offset from[k] on, its first occurrence is at[k] (Infinity: none). */
  private readonly from: Float64Array;
  private readonly at: Float64Array;
  /** For closer k: from where it is known to be absent (Infinity: not known). */
  private readonly failed: Float64Array;

  constructor(
    private readonly text: string,
    closers: readonly string[],
  ) {
    this.needles = ['"', "'", '\\', '\n', ...closers];
    this.from = new Float64Array(this.needles.length).fill(-1);
    this.at = new Float64Array(this.needles.length).fill(-1);
    this.failed = new Float64Array(closers.length).fill(Infinity);
  }

  /** The first offset >= i where needle k occurs, Infinity when none. */
  private next(k: number, i: number): number {
    if (i >= this.from[k] && i <= this.at[k]) return this.at[k];
    const p = this.text.indexOf(this.needles[k], i);
    this.from[k] = i;
    return (this.at[k] = p < 0 ? Infinity : p);
  }

  /** The offset of the first closer number `k` from `from` on outside quoted strings, -1 when none. */
  find(from: number, k = 0): number {
    if (from >= this.failed[k]) return -1;
    const r = this.scan(from, CLOSERS + k);
    if (r < 0) this.failed[k] = from;
    return r;
  }

  /** As `find`, reading char by char from `from` (no remembered offsets used or changed). */
  findByChars(from: number, k = 0): number {
    if (from >= this.failed[k]) return -1;
    const r = this.scanChars(from, this.needles[CLOSERS + k]);
    if (r < 0) this.failed[k] = from;
    return r;
  }

  private scan(from: number, close: number): number {
    const limit = this.text.length;
    let i = from;
    for (;;) {
      const c = this.next(close, i);
      const dq = this.next(QUOTE2, i);
      const sq = this.next(QUOTE1, i);
      const m = dq < sq ? dq : sq;
      if (c < m) return c < limit ? c : -1;
      if (m >= limit) return -1;
      // In a quote: it ends at its quote character or its line's end; `\` skips a character.
      const q = m === dq ? QUOTE2 : QUOTE1;
      i = m + 1;
      for (;;) {
        const e = this.next(q, i);
        const b = this.next(BACKSLASH, i);
        const n = this.next(NEWLINE, i);
        const k = Math.min(e, b, n);
        if (k >= limit) return -1;
        if (k === b) {
          i = k + 2;
          continue;
        }
        i = k + 1;
        break;
      }
    }
  }

  private scanChars(from: number, close: string): number {
    const text = this.text;
    let q = 0; // the open quote's char code, 0 outside quotes
    const first = close.charCodeAt(0);
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (q) {
        if (c === 92) i++; // backslash
        else if (c === q || c === 10) q = 0; // a quote never runs past its line inside a tag
        continue;
      }
      if (c === 34 || c === 39) q = c;
      else if (c === first && text.startsWith(close, i)) return i;
    }
    return -1;
  }
}
