// Checks that need only one LV section: flags, required fields, segment tiling, segment_count,
// stripe arrays, segment types. Computed once per section text and cached with the LV.
import type { CSection } from '../config';
import { get } from '../config';
import type { LocalFinding, LV } from '../types';
import { LV_FLAGS, LV_STATUS, SEGMENT_TYPES } from './flags';

export function localFindings(lv: LV): LocalFinding[] {
  const out: LocalFinding[] = [];
  if (lv.historical) return out;
  const sec = lv.sec;
  // A section with a syntax error: lvm2 stops at that error, and what the broken parse left of the
  // section (a value swallowed, a field cut off) is no further mistake. The syntax finding is the one.
  if (sec.broken) return out;
  const at = (s: number, e: number, code: string, severity: LocalFinding['severity'], message: string) => out.push({ code, severity, s, e, message });
  for (const f of lv.status) if (!LV_STATUS.has(f.name)) at(f.s, f.e, 'unknown-flag', 'error', `lvm2 does not know the LV status flag "${f.name}" and refuses the whole file ("Unknown status flag '${f.name}'").`);
  for (const f of lv.flags) if (!LV_FLAGS.has(f.name)) at(f.s, f.e, 'unknown-flag', 'error', `lvm2 does not know the LV flag "${f.name}" and refuses the whole file ("Unknown status flag '${f.name}'").`);
  if (!lv.id) at(sec.ns, sec.ne, 'missing-field', 'error', `LV ${lv.name} has no id; lvm2 refuses the file.`);
  if (!get(sec, 'status')) at(sec.ns, sec.ne, 'missing-field', 'error', `LV ${lv.name} has no status list; lvm2 refuses the file ("Couldn't find status flags").`);
  const sc = lv.segmentCount;
  if (!sc || sc.value?.kind !== 'number') {
    at(sec.ns, sec.ne, 'missing-field', 'error', `LV ${lv.name} has no numeric segment_count; lvm2 refuses the file.`);
  } else if (sc.value.value !== lv.segments.length) {
    at(sc.value.s, sc.value.e, 'segment-mismatch', 'error', `segment_count is ${sc.value.value} but LV ${lv.name} has ${lv.segments.length} segment section${lv.segments.length === 1 ? '' : 's'}; lvm2 refuses the file ("segment_count and actual number of segments disagree").`);
  }
  const need = (seg: CSection, key: string, kind: 'number' | 'string') => {
    const a = get(seg, key);
    if (!a || a.value?.kind !== kind) {
      at(a?.s ?? seg.ns, a?.e ?? seg.ne, 'missing-field', 'error', a ? `${key} in ${seg.name} of LV ${lv.name} must be a ${kind}; lvm2 refuses the file${key === 'type' ? ' ("Segment type must be a string")' : ''}.` : `${seg.name} of LV ${lv.name} has no ${key}; lvm2 refuses the file.`);
      return false;
    }
    return true;
  };
  const ordered = [...lv.segments].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  let expect = 0;
  for (const seg of ordered) {
    const okStart = need(seg.sec, 'start_extent', 'number');
    const okCount = need(seg.sec, 'extent_count', 'number');
    if (need(seg.sec, 'type', 'string') && seg.baseType && !SEGMENT_TYPES.has(seg.baseType) && seg.typeAssign?.value) {
      at(seg.typeAssign.value.s, seg.typeAssign.value.e, 'unknown-segment-type', 'warning', `lvm2 does not know the segment type "${seg.baseType}": it restores the file ("WARNING: Unrecognised segment type ${seg.baseType}") but cannot activate LV ${lv.name}.`);
    }
    if (!okStart || !okCount) continue;
    const s = seg.start!;
    const n = seg.count!;
    const startA = get(seg.sec, 'start_extent')!;
    if (s !== expect) {
      const what = s > expect ? `leaves extents ${expect}–${s - 1} of LV ${lv.name} uncovered` : `overlaps the previous segment (which ends at extent ${expect})`;
      at(startA.s, startA.e, 'segment-mismatch', 'error', `${seg.key} starts at extent ${s}: it ${what}. lvm2 refuses LVs whose segments do not tile them ("LV segments corrupted").`);
    }
    expect = Math.max(expect, s + n);
    if (seg.baseType === 'striped') {
      const stripes = get(seg.sec, 'stripes');
      const k = seg.stripeCount;
      if (k !== undefined && stripes?.value?.kind === 'array') {
        const pairs = stripes.value.items.length / 2;
        if (pairs !== k) at(stripes.s, stripes.e, 'segment-mismatch', 'error', `stripe_count is ${k} but stripes lists ${pairs} area${pairs === 1 ? '' : 's'}; lvm2 refuses the file.`);
        else if (k > 0 && n % k !== 0) at(startA.s, startA.e, 'segment-mismatch', 'error', `extent_count ${n} is not a multiple of stripe_count ${k}; lvm2 refuses the file.`);
      }
    }
  }
  return out;
}
