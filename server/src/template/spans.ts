// Template spans (opaque values, tags) are kept sorted by start and never overlap, so their ends
// are sorted too: the first span that ends after an offset is found by binary search.

/** Index of the first span whose end is after `offset` (spans.length when none is). */
export function firstEndingAfter(spans: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
