// duplicate-id: PV ids and LV ids must be unique (lvm2 finds objects by id).
import type { MetadataModel } from '../types';
import type { Emit } from './emit';

export function checkIds(m: MetadataModel, emit: Emit): void {
  const vg = m.vg;
  if (!vg) return;
  const pvs = new Map<string, string>();
  for (const pv of vg.pvs) {
    if (!pv.id) continue;
    const prev = pvs.get(pv.id.name);
    if (prev) emit(undefined, pv.id.s, pv.id.e, 'duplicate-id', 'error', `${pv.key} has the same id as ${prev}: lvm2 cannot tell the PVs apart.`);
    else pvs.set(pv.id.name, pv.key);
  }
  const lvs = new Map<string, (typeof vg.lvs)[number]>();
  for (const lv of vg.lvs) {
    if (!lv.id) continue;
    const prev = lvs.get(lv.id.name);
    if (prev) emit(lv, lv.id.s, lv.id.e, 'duplicate-id', 'error', `LV ${lv.name} has the same id as LV ${prev.name}: lvm2 refuses the file ("Duplicate LV id … detected").`, [{ lv: prev, s: prev.id!.s, e: prev.id!.e, message: `id of ${prev.name}` }]);
    else lvs.set(lv.id.name, lv);
  }
  const seen = new Map<string, (typeof vg.lvs)[number]>();
  for (const lv of vg.lvs) {
    const prev = seen.get(lv.name);
    if (prev) emit(lv, lv.sec.ns, lv.sec.ne, 'duplicate-id', 'error', `A second LV section named ${lv.name}: lvm2 merges duplicate sections, so its settings silently mix with the first one's.`, [{ lv: prev, s: prev.sec.ns, e: prev.sec.ne, message: 'first section' }]);
    else seen.set(lv.name, lv);
  }
}
