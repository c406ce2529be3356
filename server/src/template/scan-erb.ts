// ERB (Foreman, Puppet, Chef): `<% %>` code, `<%= %>` expressions, `<%# %>` comments, `<%%` literal.
// Most tags are one short line: each test looks at a character before it runs a pattern.
import { leadingWord, stripRange, trimRange, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';
import { CloseSeeker } from './scan-seek';

const OPENER = /^(if|unless|case|while|until|for|begin|def|class|module)\b/;
const ASSIGNED_OPENER = /=\s*(if|unless|case|begin)\b/;
const DO_BLOCK = /\bdo\s*(\|[^|]*\|)?\s*$/;
const BRACE_BLOCK = /\{\s*\|[^|]*\|\s*$/;
const END_FIRST = /^end\b/;
const END_LAST = /[;\s]end\s*$/;

/** Whether a char code starts one of OPENER's words (i u c w f b d m). */
const opensWord = (c: number): boolean => c === 105 || c === 117 || c === 99 || c === 119 || c === 102 || c === 98 || c === 100 || c === 109;

/** A code line's effect (trimmed, not empty, not a comment): +1 opener, the opener's word in `state.first`. */
interface FlowState {
  net: number;
  first: string;
}

function lineFlow(t: string, st: FlowState): void {
  const c0 = t.charCodeAt(0);
  const cn = t.charCodeAt(t.length - 1);
  // The patterns, each run only where its first or last character can match (t is trimmed).
  let m = opensWord(c0) ? OPENER.exec(t) : null;
  if (!m && t.includes('=')) m = ASSIGNED_OPENER.exec(t);
  if (m || ((cn === 111 || cn === 124) && (DO_BLOCK.test(t) || BRACE_BLOCK.test(t)))) {
    st.net++;
    st.first ||= m ? m[1] : 'do';
  }
  const endFirst = c0 === 101 && END_FIRST.test(t);
  if (endFirst || (t.length === 1 && c0 === 125) || (!endFirst && cn === 100 && END_LAST.test(t))) st.net--;
}

/** Ruby block openers and `end`s in a code tag (one or many lines): the tag's net effect on blocks. */
function erbFlow(code: string): Flow {
  const st: FlowState = { net: 0, first: '' };
  if (code.indexOf('\n') < 0) {
    // `code` is trimmed already.
    if (code && code.charCodeAt(0) !== 35) lineFlow(code, st);
  } else {
    for (let a = 0; a <= code.length; ) {
      let b = code.indexOf('\n', a);
      if (b < 0) b = code.length;
      const t = trimRange(code, a, b);
      if (t && t.charCodeAt(0) !== 35) lineFlow(t, st);
      a = b + 1;
    }
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
  const seek = new CloseSeeker(text);
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
    const close = seek.find(at + 2, '%>');
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
