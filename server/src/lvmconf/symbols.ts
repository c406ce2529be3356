// Document symbols (sections > settings) and folding ranges from the model.
import type { ParsedDocument } from '../core/document';
import type { DocSymbol, FoldRange } from '../core/types';
import { getModel, isSetting, type ConfSection, type ConfSetting } from './model';
import { lookupSetting } from './schema';

export function symbolsLvmConf(doc: ParsedDocument): DocSymbol[] {
  const model = getModel(doc);
  const r = (a: number, b: number) => doc.lines.range(a, b);
  const conv = (x: ConfSection | ConfSetting): DocSymbol => {
    if (isSetting(x)) {
      const spec = x.section ? lookupSetting(x.section, x.name) : undefined;
      return {
        name: x.keyText,
        detail: x.value.text.length > 60 ? `${x.value.text.slice(0, 60)}…` : x.value.text,
        kind: spec?.type === 'boolean' ? 'constant' : spec?.type.startsWith('array') ? 'array' : 'property',
        range: r(x.start, x.end),
        selectionRange: r(x.keyStart, x.keyEnd),
      };
    }
    return {
      name: x.path.split('/').slice(-1 - x.implied.length).join('/'),
      kind: 'namespace',
      range: r(x.start, x.end),
      selectionRange: r(x.nameStart, x.nameEnd),
      children: x.children.map(conv),
    };
  };
  return model.top.map(conv);
}

export function foldingLvmConf(doc: ParsedDocument): FoldRange[] {
  const model = getModel(doc);
  const out: FoldRange[] = [];
  const line = (o: number) => doc.lines.positionAt(o).line;
  for (const s of model.sections) {
    const a = line(s.start);
    const b = line(s.close >= 0 ? s.close : s.end);
    if (b > a) out.push({ startLine: a, endLine: s.close >= 0 ? b - 1 >= a ? b - 1 : b : b, kind: 'region' });
  }
  for (const s of model.settings) {
    if (s.value.kind !== 'array') continue;
    const a = line(s.start);
    const b = line(s.end);
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  // Runs of whole-line comments.
  let runStart = -1;
  let prev = -2;
  for (const c of model.comments) {
    const l = line(c.start);
    const whole = /^\s*$/.test(doc.text.slice(doc.lines.starts[l], c.start));
    if (!whole) continue;
    if (l === prev + 1) {
      prev = l;
      continue;
    }
    if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
    runStart = l;
    prev = l;
  }
  if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
  return out.sort((x, y) => x.startLine - y.startLine);
}
