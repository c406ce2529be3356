// All metadata findings for a document: syntax (tree-sitter), per-LV checks (cached with each LV
// section), then the VG-wide families (references, extents, ids, state).
import type { ParsedDocument } from '../core/document';
import type { AnalysisOptions, Finding } from '../core/types';
import { lvmSyntaxFindings, MAX_SECTION_DEPTH, tooDeepFinding } from '../syntax/lvm-syntax';
import { firstTooDeep } from './config';
import { getModel, type LV, type MetadataModel } from './model';
import './rules/catalogue';
import type { Emit } from './rules/emit';
import { checkExtents } from './rules/extents';
import { checkIds } from './rules/ids';
import { checkReferences } from './rules/references';
import { checkState } from './rules/state';

export function analyzeMetadata(doc: ParsedDocument, options: AnalysisOptions = {}): Finding[] {
  const out: Finding[] = lvmSyntaxFindings(doc.tree, doc.lines);
  const model = getModel(doc);
  const lines = doc.lines;
  const abs = (lv: LV | undefined, s: number, e: number) => lines.range((lv?.base ?? 0) + s, (lv?.base ?? 0) + e);
  const emit: Emit = (lv, s, e, code, severity, message, related) => {
    out.push({
      code,
      severity,
      range: abs(lv, s, e),
      message,
      related: related?.map((r) => ({ range: abs(r.lv, r.s, r.e), message: r.message })),
    });
  };
  if (model.vg) {
    for (const lv of model.vg.lvs) if (lv.local) for (const f of lv.local) emit(lv, f.s, f.e, f.code, f.severity, f.message);
  }
  const deep = firstTooDeep([...(model.vg ? [model.vg.sec] : []), ...model.extraSections]);
  if (deep) out.push(tooDeepFinding(lines.range(deep.s, deep.s + 1), MAX_SECTION_DEPTH + 1));
  runFamilies(model, emit, options.target);
  return out;
}

export function runFamilies(model: MetadataModel, emit: Emit, target?: string): void {
  checkReferences(model, emit);
  checkExtents(model, emit);
  checkIds(model, emit);
  checkState(model, emit, target);
}
