// ERB (Foreman, Puppet, Chef): `<% %>` code, `<%= %>` expressions, `<%# %>` comments, `<%%` literal.
// Most tags are one short line: each test looks at a character before it runs a pattern.
import { isSpace, leadingWord, stripBounds, trimRange, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';
import { CloseSeeker } from './scan-seek';

const DO_BLOCK = /\bdo\s*(\|[^|]*\|)?\s*$/;
const BRACE_BLOCK = /\{\s*\|[^|]*\|\s*$/;

/** Ruby words that open a block at a line's start, and after `=` (`x = if y`). */
const OPENERS = ['if', 'unless', 'case', 'while', 'until', 'for', 'begin', 'def', 'class', 'module'];
const ASSIGNED_OPENERS = ['if', 'unless', 'case', 'begin'];

/** A char code of `\w` (`[A-Za-z0-9_]`). */
const isWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** The `\w` word at s[i, b) if it is one of `words` (a whole word: `\b` after it), else ''. */
function wordIn(words: readonly string[], s: string, i: number, b: number): string {
  let k = i;
  while (k < b && k - i < 7 && isWord(s.charCodeAt(k))) k++;
  if (k < b && isWord(s.charCodeAt(k))) return '';
  for (const w of words) if (w.length === k - i && s.startsWith(w, i)) return w;
  return '';
}

/** Whether a char code starts one of OPENERS (i u c w f b d m); ASSIGNED_OPENERS start with i u c b. */
const opensWord = (c: number): boolean => c === 105 || c === 117 || c === 99 || c === 119 || c === 102 || c === 98 || c === 100 || c === 109;

/** What erbFlow reads across a scan's tags (they come in order). */
interface ErbScan {
  /** The first `=` / newline at or after the offset last asked about (2^32 - 1: none). */
  eq: number;
  nl: number;
}

interface FlowState {
  net: number;
  first: string;
}

/**
 * A code line's effect on blocks: +1 for an opener (a block word first, after `=`, or a `do`/`{ |x|`
 * block at its end; the first opener's word kept), -1 for an `end` (first, or last after `;` or a
 * blank) or a lone `}`. The line is text[a, b): trimmed, not empty, not a comment.
 */
function lineFlow(text: string, a: number, b: number, st: FlowState, sc: ErbScan): void {
  const c0 = text.charCodeAt(a);
  const cn = text.charCodeAt(b - 1);
  let m = opensWord(c0) ? wordIn(OPENERS, text, a, b) : '';
  if (!m) {
    // The `=`s of the line (the next one is remembered: lines and tags come in order).
    let e = sc.eq < a ? text.indexOf('=', a) >>> 0 : sc.eq;
    for (; e < b; e = text.indexOf('=', e + 1) >>> 0) {
      let j = e + 1;
      while (j < b && isSpace(text.charCodeAt(j))) j++;
      if (j < b && opensWord(text.charCodeAt(j))) m = wordIn(ASSIGNED_OPENERS, text, j, b);
      if (m) break;
    }
    sc.eq = e;
  }
  if (m || ((cn === 111 || cn === 124) && (DO_BLOCK.test(text.slice(a, b)) || BRACE_BLOCK.test(text.slice(a, b))))) {
    st.net++;
    st.first ||= m || 'do';
  }
  const endFirst = c0 === 101 && text.startsWith('end', a) && !(a + 3 < b && isWord(text.charCodeAt(a + 3)));
  if (endFirst) st.net--;
  else if (b - a === 1 && c0 === 125) st.net--;
  else if (cn === 100 && b - a >= 4 && text.startsWith('end', b - 3)) {
    const p = text.charCodeAt(b - 4);
    if (p === 59 || isSpace(p)) st.net--;
  }
}

/**
 * Ruby block openers and `end`s in a code tag whose text (trimmed) is text[a0, b0), one or many
 * lines: the tag's net effect on blocks.
 */
function erbFlow(text: string, a0: number, b0: number, sc: ErbScan): Flow {
  const st: FlowState = { net: 0, first: '' };
  for (let a = a0; a < b0; ) {
    if (sc.nl < a) sc.nl = text.indexOf('\n', a) >>> 0;
    let b = sc.nl < b0 ? sc.nl : b0;
    const next = b + 1;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a < b && text.charCodeAt(a) !== 35) lineFlow(text, a, b, st, sc);
    a = next;
  }
  const net = st.net;
  if (net === 0) {
    const w = leadingWord(text, a0, b0);
    if (w === 'elsif' || w === 'when') return 'elif';
    if (w === 'else') return 'else';
    return 'none';
  }
  if (net < 0) return 'end';
  return st.first === 'if' || st.first === 'unless' || st.first === 'case' ? 'if' : 'loop';
}

const SECTION_END = /^section_end\b/;
const INCLUDES = /^(snippet|snippet_if_exists|indent|@host\.diskLayout|@host\.diskLayout)\b/;

export function scanErb(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  const seek = new CloseSeeker(text, ['%>']);
  const sc: ErbScan = { eq: -1, nl: -1 };
  let i = 0;
  for (;;) {
    const at = text.indexOf('<%', i);
    if (at < 0) break;
    const c0 = text.charCodeAt(at + 2);
    if (c0 === 37) {
      // `<%%`
      tags.push({ start: at, end: at + 3, kind: 'escape', flow: 'none', inner: '<%', renders: '<%' });
      i = at + 3;
      continue;
    }
    const close = seek.find(at + 2);
    if (close < 0) {
      problem ??= { offset: at, message: 'this `<%` is never closed by `%>`' };
      tags.push({ start: at, end: at + 2, kind: 'expr', flow: 'none', inner: '<%' });
      i = at + 2;
      continue;
    }
    const end = close + 2;
    i = end;
    if (c0 === 35) {
      // `<%#`
      tags.push({ start: at, end, kind: 'comment', flow: 'none', inner: trimRange(text, at + 3, close) });
      continue;
    }
    const [ia, ib] = stripBounds(text, at + 2, close);
    const inner = text.slice(ia, ib);
    if (c0 === 61) {
      // `<%=`
      const tag: Tag = { start: at, end, kind: 'expr', flow: 'none', inner };
      const f = inner.charCodeAt(0);
      if (f === 115 && SECTION_END.test(inner)) tag.renders = '%end';
      else if (((f === 115 || f === 105 || f === 64) && INCLUDES.test(inner)) || inner.includes('diskLayout')) tag.include = true;
      tags.push(tag);
      continue;
    }
    tags.push({ start: at, end, kind: 'control', flow: erbFlow(text, ia, ib, sc), inner });
  }
  return { engine: 'erb', tags, problem };
}
