// ERB (Foreman, Puppet, Chef): `<% %>` code, `<%= %>` expressions, `<%# %>` comments, `<%%` literal.
import { findClose, stripMarkers, word, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';


/** Ruby block openers and `end`s in a code tag (one or many lines): the tag's net effect on blocks. */
function erbFlow(code: string): Flow {
  let net = 0;
  let firstOpener = '';
  for (const line of code.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(if|unless|case|while|until|for|begin|def|class|module)\b/.exec(t) ?? /=\s*(if|unless|case|begin)\b/.exec(t);
    const opens = m || /\bdo\s*(\|[^|]*\|)?\s*$/.test(t) || /\{\s*\|[^|]*\|\s*$/.test(t);
    if (opens) {
      net++;
      firstOpener ||= m ? m[1] : 'do';
    }
    if (/^end\b/.test(t) || /^\}\s*$/.test(t) || (!/^end\b/.test(t) && /[;\s]end\s*$/.test(t))) net--;
  }
  const w = word(code);
  if (net === 0) {
    if (w === 'elsif' || w === 'when') return 'elif';
    if (w === 'else') return 'else';
    return 'none';
  }
  if (net < 0) return 'end';
  return firstOpener === 'if' || firstOpener === 'unless' || firstOpener === 'case' ? 'if' : 'loop';
}

export function scanErb(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let i = 0;
  for (;;) {
    const at = text.indexOf('<%', i);
    if (at < 0) break;
    if (text[at + 2] === '%') {
      tags.push({ start: at, end: at + 3, kind: 'escape', flow: 'none', inner: '<%', renders: '<%' });
      i = at + 3;
      continue;
    }
    const close = findClose(text, at + 2, '%>');
    if (close < 0) {
      problem ??= { offset: at, message: 'this `<%` is never closed by `%>`' };
      tags.push({ start: at, end: at + 2, kind: 'expr', flow: 'none', inner: '<%' });
      i = at + 2;
      continue;
    }
    const raw = text.slice(at + 2, close);
    const end = close + 2;
    i = end;
    if (raw.startsWith('#')) {
      tags.push({ start: at, end, kind: 'comment', flow: 'none', inner: raw.slice(1).trim() });
      continue;
    }
    if (raw.startsWith('=')) {
      const inner = stripMarkers(raw);
      const tag: Tag = { start: at, end, kind: 'expr', flow: 'none', inner };
      if (/^section_end\b/.test(inner)) tag.renders = '%end';
      else if (/^(snippet|snippet_if_exists|indent|@host\.diskLayout|@host\.diskLayout)\b/.test(inner) || /diskLayout/.test(inner)) tag.include = true;
      tags.push(tag);
      continue;
    }
    const inner = stripMarkers(raw);
    tags.push({ start: at, end, kind: 'control', flow: erbFlow(inner), inner });
  }
  return { engine: 'erb', tags, problem };
}
