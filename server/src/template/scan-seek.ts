// A closing delimiter searched for with indexOf rather than char by char, for a scanner whose
// searches only move forward (each starts after the previous one's result): ERB, whose code tags
// run to many lines. The next offset of each needle (the closer, the quotes, a backslash, a
// newline) is remembered, so every needle's searches cover disjoint stretches: linear in all.
// Same answers as `findClose` (scan-common.ts): quoted strings are skipped, a quote ends at its
// line's end, a backslash in a quote escapes the next character. Pure.

/** The needles: the closer (slot 0), then these. */
const QUOTE2 = 1;
const QUOTE1 = 2;
const BACKSLASH = 3;
const NEWLINE = 4;

export class CloseSeeker {
  private readonly needles: string[];
  /** For needle k: from offset from[k] on, its first occurrence is at[k] (Infinity: none). */
  private readonly from = new Float64Array(5).fill(-1);
  private readonly at = new Float64Array(5).fill(-1);
  /** From where the closer is known to be absent: later searches fail at once. */
  private failed = Infinity;

  constructor(
    private readonly text: string,
    close: string,
  ) {
    this.needles = [close, '"', "'", '\\', '\n'];
  }

  /** The first offset >= i where needle k occurs, Infinity when none. */
  private next(k: number, i: number): number {
    if (i >= this.from[k] && i <= this.at[k]) return this.at[k];
    const p = this.text.indexOf(this.needles[k], i);
    this.from[k] = i;
    return (this.at[k] = p < 0 ? Infinity : p);
  }

  /** The offset of the first closer from `from` on outside quoted strings, -1 when none. */
  find(from: number): number {
    if (from >= this.failed) return -1;
    const r = this.scan(from);
    if (r < 0) this.failed = from;
    return r;
  }

  private scan(from: number): number {
    const limit = this.text.length;
    let i = from;
    for (;;) {
      const c = this.next(0, i);
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
}
