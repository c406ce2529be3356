// HCL templatefile (Packer, Terraform): `${ }` expressions, `%{ }` directives with `~`, `$${`/`%%{` literals.
import { findBalanced, leadingWord, stripRange, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';


export function scanHcl(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let i = 0;
  for (;;) {
    const d = text.indexOf('{', i);
    if (d < 0) break;
    const at = d - 1;
    const sigil = text[at];
    if (at < 0 || (sigil !== '$' && sigil !== '%')) {
      i = d + 1;
      continue;
    }
    if (text[at - 1] === sigil) {
      // `$${` and `%%{` render a literal `${` / `%{`.
      tags.push({ start: at - 1, end: at, kind: 'escape', flow: 'none', inner: sigil, renders: ' ' });
      i = d + 1;
      continue;
    }
    const close = findBalanced(text, d, text.length);
    if (close < 0) {
      problem ??= { offset: at, message: `this \`${sigil}{\` is never closed by \`}\`` };
      tags.push({ start: at, end: d + 1, kind: 'expr', flow: 'none', inner: `${sigil}{` });
      i = d + 1;
      continue;
    }
    const inner = stripRange(text, d + 1, close);
    const end = close + 1;
    i = end;
    if (sigil === '$') {
      tags.push({ start: at, end, kind: 'expr', flow: 'none', inner });
      continue;
    }
    const w = leadingWord(inner);
    const flow: Flow = w === 'if' ? 'if' : w === 'else' ? 'else' : w === 'endif' || w === 'endfor' ? 'end' : w === 'for' ? 'loop' : 'none';
    tags.push({ start: at, end, kind: 'control', flow, inner });
  }
  return { engine: 'hcl', tags, problem };
}
