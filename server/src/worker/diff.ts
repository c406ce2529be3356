// The one edit that turns a document's old text into its new one: common prefix and suffix kept,
// the middle replaced. The analysis workers get whole texts and turn them into incremental edits
// with it (tree-sitter then reparses only around the change).

export interface MiddleEdit {
  /** [start, end) in the old text, replaced by `text`. */
  start: number;
  end: number;
  text: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** undefined when the texts are equal. Never splits a surrogate pair or a CR LF. */
export function middleEdit(a: string, b: string): MiddleEdit | undefined {
  if (a === b) return undefined;
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p > 0 && (isHigh(a.charCodeAt(p - 1)) || a.charCodeAt(p - 1) === 13)) p--;
  let s = 0;
  while (s < n - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (s > 0 && (isLow(a.charCodeAt(a.length - s)) || a.charCodeAt(a.length - s) === 10)) s--;
  return { start: p, end: a.length - s, text: b.slice(p, b.length - s) };
}
