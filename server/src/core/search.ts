// Searches over sorted offsets, shared by the line index and the template layer.

/** The index of the last element of `sorted` (ascending) that is at most `x`; 0 when none is. */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
