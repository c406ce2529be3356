// ERB (Foreman, Puppet, Chef): `<% %>` code, `<%= %>` expressions, `<%# %>` comments, `<%%` literal.
// Most tags are one short line: each test looks at a character before it runs a pattern.
import { isSpace, leadingWord, stripRange, trimRange, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';
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

interface FlowState {
  net: number;
  first: string;
  /** The first `=` at or after the current line's start (2^32 - 1: none). */
  eq: number;
}

/**
 * A code line's effect on blocks: +1 for an opener (a block word first, after `=`, or a `do`/`{ |x|`
 * block at its end; the first opener's word kept), -1 for an `end` (first, or last after `;` or a
 * blank) or a lone `}`. The line is code[a, b): trimmed, not empty, not a comment.
 */
function lineFlow(code: string, a: number, b: number, st: FlowState): void {
  const c0 = code.charCodeAt(a);
  const cn = code.charCodeAt(b - 1);
  let m = wordIn(OPENERS, code, a, b);
  if (!m) {
    // The `=`s of the line; the first one after it is remembered (the lines come in order).
    let e = st.eq < a ? code.indexOf('=', a) >>> 0 : st.eq;
    for (; e < b; e = code.indexOf('=', e + 1) >>> 0) {
      let j = e + 1;
      while (j < b && isSpace(code.charCodeAt(j))) j++;
      m = wordIn(ASSIGNED_OPENERS, code, j, b);
      if (m) break;
    }
    st.eq = e;
  }
  if (m || ((cn === 111 || cn === 124) && (DO_BLOCK.test(code.slice(a, b)) || BRACE_BLOCK.test(code.slice(a, b))))) {
    st.net++;
    st.first ||= m || 'do';
  }
  const endFirst = c0 === 101 && code.startsWith('end', a) && !(a + 3 < b && isWord(code.charCodeAt(a + 3)));
  if (endFirst) st.net--;
  else if (b - a === 1 && c0 === 125) st.net--;
  else if (cn === 100 && b - a >= 4 && code.startsWith('end', b - 3)) {
    const p = code.charCodeAt(b - 4);
    if (p === 59 || isSpace(p)) st.net--;
  }
}

/** Ruby block openers and `end`s in a code tag (one or many lines): the tag's net effect on blocks. */
function erbFlow(code: string): Flow {
  const st: FlowState = { net: 0, first: '', eq: -1 };
  for (let a = 0; a < code.length; ) {
    let b = code.indexOf('\n', a);
    if (b < 0) b = code.length;
    const next = b + 1;
    while (a < b && isSpace(code.charCodeAt(a))) a++;
    while (b > a && isSpace(code.charCodeAt(b - 1))) b--;
    if (a < b && code.charCodeAt(a) !== 35) lineFlow(code, a, b, st);
    a = next;
  }
  const net = st.net;
  if (net === 0) {
    const w = leadingWord(code);
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
    const inner = stripRange(text, at + 2, close);
    if (c0 === 61) {
      // `<%=`
      const tag: Tag = { start: at, end, kind: 'expr', flow: 'none', inner };
      const f = inner.charCodeAt(0);
      if (f === 115 && SECTION_END.test(inner)) tag.renders = '%end';
      else if (((f === 115 || f === 105 || f === 64) && INCLUDES.test(inner)) || inner.includes('diskLayout')) tag.include = true;
      tags.push(tag);
      continue;
    }
    tags.push({ start: at, end, kind: 'control', flow: erbFlow(inner), inner });
  }
  return { engine: 'erb', tags, problem };
}
