// What every template scanner shares: the tag shapes, and a linear search for a closing
// bracket that remembers where a search failed (a file of unclosed openers costs
// linear time, not quadratic). Pure.

export type Engine = 'erb' | 'jinja' | 'go' | 'cheetah' | 'hcl' | 'atvar' | 'openqa';

/** What a control tag does to the branch structure. */
export type Flow = 'if' | 'elif' | 'else' | 'end' | 'loop' | 'skip-open' | 'none';

export interface Tag {
  start: number;
  end: number;
  kind: 'expr' | 'control' | 'comment' | 'escape';
  flow: Flow;
  /** The tag's text without its delimiters and whitespace markers, for messages. */
  inner: string;
  /** The tag pulls in content we cannot see (`{% include %}`, `$SNIPPET()`, `{{template}}`). */
  include?: boolean;
  /** What the tag renders when the engine's idiom is known (Foreman's `section_end`: `%end`). */
  renders?: string;
  /** Whitespace control: the engine removes the whitespace (newlines included) before / after the tag. */
  trimBefore?: boolean;
  trimAfter?: boolean;
}

export interface ScanProblem {
  offset: number;
  message: string;
}

export interface Scan {
  engine: Engine;
  tags: Tag[];
  problem?: ScanProblem;
}

/** Whether a char code is one that `\s` matches and `trim()` removes (the same set in JavaScript). */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `-` `+` `~` `=` `#`: whitespace-control and tag-kind markers at a tag's start. */
const isLeadMark = (c: number): boolean => c === 45 || c === 43 || c === 126 || c === 61 || c === 35;
/** `-` `+` `~`: whitespace-control markers at a tag's end. */
const isTrailMark = (c: number): boolean => c === 45 || c === 43 || c === 126;

/** `text.slice(a, b).trim()`, without the intermediate substring. */
export function trimRange(text: string, a: number, b: number): string {
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return text.slice(a, b);
}

/**
 * A tag's text without its leading markers (`-` `+` `~` `=` `#`), its trailing ones (`-` `+` `~`)
 * and the blanks around it: `stripMarkers(text.slice(a, b))`, made with one substring.
 */
export function stripRange(text: string, a: number, b: number): string {
  const [s, e] = stripBounds(text, a, b);
  return text.slice(s, e);
}

const bounds: [number, number] = [0, 0];

/** Where `stripRange(text, a, b)` starts and ends in `text` (a pair reused by every call). */
export function stripBounds(text: string, a: number, b: number): readonly [number, number] {
  while (a < b && isLeadMark(text.charCodeAt(a))) a++;
  while (b > a && isTrailMark(text.charCodeAt(b - 1))) b--;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  bounds[0] = a;
  bounds[1] = b;
  return bounds;
}

export function stripMarkers(inner: string): string {
  return stripRange(inner, 0, inner.length);
}

/** The first word of a trimmed tag's text s[a, b) (`if`, `endfor`, `else`: `[A-Za-z_]+` at its start), '' when none. */
export function leadingWord(s: string, a = 0, b = s.length): string {
  let i = a;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) break;
  }
  return s.slice(a, i);
}

let noBalanceFrom = { limit: -1, from: -1 };

/** Index of the bracket closing the one at `at` (quotes skipped, no recursion), or -1. */
export function findBalanced(text: string, at: number, limit: number): number {
  if (noBalanceFrom.limit === limit && at >= noBalanceFrom.from) return -1;
  const r = findBalancedScan(text, at, limit);
  if (r < 0) noBalanceFrom = { limit, from: noBalanceFrom.limit === limit ? Math.min(noBalanceFrom.from, at) : at };
  return r;
}

function findBalancedScan(text: string, at: number, limit: number): number {
  let depth = 0;
  let q = '';
  for (let i = at; i < limit; i++) {
    const c = text[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = '';
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Forget the failed searches: called once per scan. */
export function resetSearches(): void {
  noBalanceFrom = { limit: -1, from: -1 };
}

/**
 * `s` with every character but line breaks replaced by `ch`, line by line (a global regex
 * replace makes one match per character: 600,000 of them for a 1 MB view).
 */
export function blankOut(s: string, ch = ' '): string {
  if (s.indexOf('\n') < 0) return ch.repeat(s.length); // a tag on one line, the usual case
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const j = s.indexOf('\n', i);
    if (j < 0) {
      parts.push(ch.repeat(s.length - i));
      break;
    }
    const cr = j > i && s.charCodeAt(j - 1) === 13 ? 1 : 0;
    parts.push(ch.repeat(j - i - cr), cr ? '\r\n' : '\n');
    i = j + 1;
  }
  return parts.join('');
}
