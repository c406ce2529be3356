// Semantic tokens of a template: the language's tokens come from the masked text with every branch
// (mapped back by offset), and every template tag is coloured as a template tag (a macro; template
// comments as comments), never as a part of the language or an error.
import type { ParsedDocument } from '../core/document';
import type { Masked } from './mask';
import { firstEndingAfter } from './spans';

export interface TokLike {
  line: number;
  char: number;
  length: number;
  type: number;
  mods: number;
}

export function templateTokens(tokens: TokLike[], from: ParsedDocument, to: ParsedDocument, m: Masked, macro: number, comment: number): TokLike[] {
  const out: TokLike[] = [];
  // Tag spans in order, to drop language tokens that fall on a tag (its opaque stand-in).
  const spans = m.tags.filter((t) => t.kind !== 'escape');
  for (const t of tokens) {
    const a = from.lines.offsetAt({ line: t.line, character: t.char });
    const b = a + t.length;
    if (b > to.text.length) continue;
    const s = to.lines.positionAt(a);
    const e = to.lines.positionAt(b);
    if (s.line !== e.line) continue;
    const lo = firstEndingAfter(spans, a);
    if (lo < spans.length && spans[lo].start < b) continue;
    out.push({ ...t, line: s.line, char: s.character });
  }
  for (const tag of spans) {
    const type = tag.kind === 'comment' ? comment : macro;
    const s = to.lines.positionAt(tag.start);
    const e = to.lines.positionAt(tag.end);
    for (let l = s.line; l <= e.line; l++) {
      const c0 = l === s.line ? s.character : 0;
      const c1 = l === e.line ? e.character : to.lines.lineEnd(l) - to.lines.starts[l];
      if (c1 > c0) out.push({ line: l, char: c0, length: c1 - c0, type, mods: 0 });
    }
  }
  return out;
}
