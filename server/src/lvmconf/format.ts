// Canonical layout: one tab per section level (or tabSize spaces), list items one level deeper
// than their setting, closing braces and brackets at their opener's level, trailing blanks
// removed. Only indentation changes: comments, values and line breaks are kept.
import type { ParsedDocument } from '../core/document';
import type { TextEdit } from '../core/types';
import { getModel } from './model';

export function formatLvmConf(doc: ParsedDocument, options: { tabSize: number; insertSpaces: boolean }): TextEdit[] {
  const model = getModel(doc);
  const lines = doc.lines;
  const n = lines.lineCount;
  const depth = new Int32Array(n + 1);
  const keep = new Uint8Array(n); // lines inside a multi-line string: untouched
  const line = (o: number) => lines.positionAt(o).line;
  const bump = (from: number, to: number) => {
    // lines from..to-1 get one more level
    if (to <= from) return;
    depth[from] += 1;
    depth[to] -= 1;
  };
  for (const s of model.sections) {
    if (s.open < 0) continue;
    const a = line(s.open) + 1;
    const b = s.close >= 0 ? line(s.close) : n;
    bump(a, b);
  }
  for (const s of model.settings) {
    const v = s.value;
    if (v.kind === 'array') {
      const a = line(v.start) + 1;
      const b = /\]$/.test(v.text) ? line(v.end - 1) : line(v.end) + 1;
      bump(a, b);
      for (const it of v.items ?? []) if (it.kind === 'string' && it.text.includes('\n')) for (let l = line(it.start) + 1; l <= line(it.end); l++) keep[l] = 1;
    } else if (v.kind === 'string' && v.text.includes('\n')) {
      for (let l = line(v.start) + 1; l <= line(v.end); l++) keep[l] = 1;
    }
  }
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const edits: TextEdit[] = [];
  let d = 0;
  for (let l = 0; l < n; l++) {
    d += depth[l];
    if (keep[l]) continue;
    const text = lines.lineText(l);
    const start = lines.starts[l];
    const lead = /^[ \t]*/.exec(text)![0];
    const body = text.slice(lead.length);
    const trail = /[ \t]*$/.exec(body)![0];
    const want = body.length === 0 ? '' : unit.repeat(Math.max(0, d));
    if (lead !== want) edits.push({ range: lines.range(start, start + lead.length), newText: want });
    if (trail.length && body.length) edits.push({ range: lines.range(start + text.length - trail.length, start + text.length), newText: '' });
  }
  return edits;
}
