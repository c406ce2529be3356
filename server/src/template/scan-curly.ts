// Jinja2 (`{{ }}` `{% %}` `{# #}`, `{% raw %}`, whitespace control) and Go text/template (`{{ }}`,
// `{{/* */}}`, `{{-`/`-}}`): one scanner, the engine decides which words are control.
import { leadingWord, stripRange, trimRange, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';
import { CloseSeeker } from './scan-seek';


const JINJA_FLOW: Record<string, Flow> = {
  if: 'if',
  elif: 'elif',
  else: 'else',
  endif: 'end',
  for: 'loop',
  endfor: 'end',
  block: 'loop',
  endblock: 'end',
  with: 'loop',
  endwith: 'end',
  filter: 'loop',
  endfilter: 'end',
  call: 'loop',
  endcall: 'end',
  autoescape: 'loop',
  endautoescape: 'end',
  macro: 'skip-open',
  endmacro: 'end',
};

/**
 * JINJA_FLOW[w] ?? 'none', the words under 7 characters compared rather than looked up by a fresh
 * string (a keyed lookup per tag). Longer ones keep the lookup of the table's own keys.
 */
function jinjaFlow(w: string): Flow {
  switch (w) {
    case 'if':
      return 'if';
    case 'elif':
      return 'elif';
    case 'else':
      return 'else';
    case 'endif':
    case 'endfor':
      return 'end';
    case 'for':
    case 'block':
    case 'with':
    case 'filter':
    case 'call':
      return 'loop';
    case 'macro':
      return 'skip-open';
    default:
      // Own keys only: `{% constructor %}` is no block word (the lookup would find Object.prototype's).
      return w.length >= 7 && Object.hasOwn(JINJA_FLOW, w) ? JINJA_FLOW[w] : 'none';
  }
}

export function scanCurly(text: string, engine: 'jinja' | 'go'): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let i = 0;
  const seek = new CloseSeeker(text, ['}}', '%}']);
  // The first `#}` at or after the last comment opener (2^32 - 1: none): searched for again only past it.
  let commentEnd = -1;
  let rawUntil = -1; // inside {% raw %}: no tags until {% endraw %}
  for (;;) {
    const at = text.indexOf('{', i);
    if (at < 0) break;
    const next = text[at + 1];
    if (next !== '{' && next !== '%' && next !== '#') {
      i = at + 1;
      continue;
    }
    if (engine === 'go' && next !== '{') {
      i = at + 1;
      continue;
    }
    if (rawUntil >= 0) {
      if (next !== '%') {
        i = at + 2;
        continue;
      }
      const c = seek.findByChars(at + 2, 1); // may start inside the previous search's stretch
      if (c >= 0 && leadingWord(stripRange(text, at + 2, c)) === 'endraw') {
        tags.push({ start: at, end: c + 2, kind: 'control', flow: 'none', inner: 'endraw' });
        rawUntil = -1;
        i = c + 2;
      } else i = at + 2;
      continue;
    }
    const closer = next === '{' ? '}}' : next === '%' ? '%}' : '#}';
    if (next === '#' && commentEnd < at + 2) commentEnd = text.indexOf('#}', at + 2) >>> 0;
    const close = next !== '#' ? seek.find(at + 2, next === '{' ? 0 : 1) : commentEnd === 0xffffffff ? -1 : commentEnd;
    if (close < 0) {
      problem ??= { offset: at, message: `this \`{${next}\` is never closed by \`${closer}\`` };
      tags.push({ start: at, end: at + 2, kind: 'expr', flow: 'none', inner: `{${next}` });
      i = at + 2;
      continue;
    }
    const end = close + 2;
    i = end;
    if (next === '#') {
      tags.push({ start: at, end, kind: 'comment', flow: 'none', inner: trimRange(text, at + 2, close) });
      continue;
    }
    const inner = stripRange(text, at + 2, close);
    if (next === '{' && engine === 'go') {
      if (inner.startsWith('/*')) {
        tags.push({ start: at, end, kind: 'comment', flow: 'none', inner });
        continue;
      }
      const w = leadingWord(inner);
      const flow: Flow = w === 'if' ? 'if' : w === 'else' ? (/^else\s+(if|with)\b/.test(inner) ? 'elif' : 'else') : w === 'end' ? 'end' : w === 'range' || w === 'with' || w === 'block' ? 'loop' : w === 'define' ? 'skip-open' : 'none';
      if (flow !== 'none' || w === 'template') tags.push({ start: at, end, kind: 'control', flow, inner, include: w === 'template' });
      else tags.push({ start: at, end, kind: 'expr', flow: 'none', inner });
      continue;
    }
    if (next === '{') {
      tags.push({ start: at, end, kind: 'expr', flow: 'none', inner });
      continue;
    }
    const w = leadingWord(inner);
    if (w === 'raw') {
      tags.push({ start: at, end, kind: 'control', flow: 'none', inner });
      rawUntil = end;
      continue;
    }
    // `{% set x %}...{% endset %}` captures a block: its body is not rendered there.
    const flow: Flow = w === 'set' && !inner.includes('=') ? 'skip-open' : w === 'endset' ? 'end' : jinjaFlow(w);
    tags.push({ start: at, end, kind: 'control', flow, inner, include: w === 'include' || w === 'extends' });
  }
  if (rawUntil >= 0) problem ??= { offset: rawUntil, message: '`{% raw %}` is never closed by `{% endraw %}`' };
  return { engine, tags, problem };
}
