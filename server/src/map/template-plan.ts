// The storage plan of a template: drawn from the masked text with every branch, its lines mapped
// back to the template's, and each part that renders only under a branch marked with that branch
// (the picture dashes it and says when it is there).
import type { ParsedDocument } from '../core/document';
import type { StoragePlan } from './plan';
import { ENGINE_NAMES } from '../template/engines';
import type { TemplateInfo } from '../template';
import { branchWhere } from '../template/views';

export function markTemplatePlan(plan: StoragePlan, union: ParsedDocument, doc: ParsedDocument, info: TemplateInfo): StoragePlan {
  const at = (line: number): { line: number; when?: string } => {
    if (line < 0 || line >= union.lines.lineCount) return { line };
    const text = union.lines.lineText(line);
    const off = union.lines.offsetAt({ line, character: Math.max(0, text.search(/\S/)) });
    if (off >= doc.text.length) return { line: doc.lines.lineCount - 1 };
    const where = branchWhere(info.masked, off);
    return { line: doc.lines.positionAt(off).line, when: where || undefined };
  };
  // A value that is an opaque stand-in (`xxxx`) is shown as the template wrote it (`<%= dev %>`):
  // same offset in the template.
  const shown = (v: string, line: number): string => {
    if (!/x{3,}/.test(v) || line < 0 || line >= union.lines.lineCount) return v;
    const i = union.lines.lineText(line).indexOf(v);
    if (i < 0) return v;
    const off = union.lines.offsetAt({ line, character: i });
    return off + v.length <= doc.text.length ? doc.text.slice(off, off + v.length) : v;
  };
  const KEYS = ['mount', 'fstype', 'name', 'device', 'pool'] as const;
  const mark = <T extends { line: number; when?: string }>(x: T): T => {
    const m = at(x.line);
    const out: Record<string, unknown> = { ...x, line: m.line, ...(m.when ? { when: m.when } : {}) };
    for (const k of KEYS) if (typeof out[k] === 'string') out[k] = shown(out[k] as string, x.line);
    return out as T;
  };
  return {
    ...plan,
    template: ENGINE_NAMES[info.engine],
    clearpart: plan.clearpart ? { ...plan.clearpart, line: at(plan.clearpart.line).line } : null,
    disks: plan.disks.map((d) => ({ ...d, name: shown(d.name, d.line), line: at(d.line).line, partitions: d.partitions.map(mark) })),
    raids: plan.raids.map(mark),
    vgs: plan.vgs.map((v) => ({ ...mark(v), lvs: v.lvs.map(mark) })),
    notes: plan.notes.map((n) => ({ ...n, line: at(n.line).line })),
  };
}
