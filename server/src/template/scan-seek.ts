// A closing delimiter searched for with indexOf rather than char by char, for a scanner whose
// searches only move forward (each starts after the previous one's result): ERB, whose code tags
// run to many lines. The next offset of each needle (the closer, the quotes, a backslash, a
// newline) is remembered, so every needle's searches cover disjoint stretches: linear in all.
// Same answers as `findClose` (scan-common.ts): quoted strings are skipped, a quote ends at its
// line's end, a backslash in a quote escapes the next character. Pure.

export class CloseSeeker {
  private readonly keys: string[] = [];
  /** For needle k: from offset from[k] on, its first occurrence is at[k] (Infinity: none). */
  private readonly from: number[] = [];
  private readonly at: number[] = [];
  /** The closer searches that failed, from where: later ones fail at once. */
  private readonly failed = new Map<string, number>();

  constructor(private readonly text: string) {}

  /** The first offset >= i where `needle` occurs, Infinity when none. */
  private next(needle: string, i: number): number {
    let k = this.keys.indexOf(needle);
    if (k < 0) {
      k = this.keys.length;
      this.keys.push(needle);
      this.from.push(-1);
      this.at.push(-1);
    } else if (i >= this.from[k] && i <= this.at[k]) return this.at[k];
    const p = this.text.indexOf(needle, i);
    this.from[k] = i;
    return (this.at[k] = p < 0 ? Infinity : p);
  }

  /** The offset of the first `close` from `from` on outside quoted strings, -1 when none. */
  find(from: number, close: string): number {
    const failed = this.failed.get(close);
    if (failed !== undefined && from >= failed) return -1;
    const r = this.scan(from, close);
    if (r < 0) this.failed.set(close, Math.min(failed ?? from, from));
    return r;
  }

  private scan(from: number, close: string): number {
    const limit = this.text.length;
    let i = from;
    for (;;) {
      const c = this.next(close, i);
      const dq = this.next('"', i);
      const sq = this.next("'", i);
      const m = dq < sq ? dq : sq;
      if (c < m) return c < limit ? c : -1;
      if (m >= limit) return -1;
      // In a quote: it ends at its quote character or its line's end; `\` skips a character.
      const q = m === dq ? '"' : "'";
      i = m + 1;
      for (;;) {
        const e = this.next(q, i);
        const b = this.next('\\', i);
        const n = this.next('\n', i);
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
