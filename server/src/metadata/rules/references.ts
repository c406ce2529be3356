// undefined-pv / undefined-lv: every PV area and LV reference of every segment must resolve.
import type { MetadataModel } from '../types';
import type { Emit } from './emit';

export function checkReferences(m: MetadataModel, emit: Emit): void {
  const vg = m.vg;
  if (!vg) return;
  const historical = new Set<string>();
  for (const i of vg.sec.items) {
    if (i.kind === 'section' && i.name === 'historical_logical_volumes') for (const h of i.items) if (h.kind === 'section') historical.add(h.name);
  }
  for (const lv of vg.lvs) {
    for (const seg of lv.segments) {
      for (const a of seg.areas) {
        if (!a.name) continue;
        if (a.kind === 'pv') {
          if (!vg.pvByKey.has(a.name)) emit(lv, a.s, a.e, 'undefined-pv', 'error', `No PV "${a.name}" in physical_volumes: lvm2 refuses the file ("Couldn't find volume '${a.name}' for segment '${seg.key}'").`);
        } else if (!vg.lvByName.has(a.name)) {
          emit(lv, a.s, a.e, 'undefined-lv', 'error', `No LV "${a.name}" in logical_volumes (${seg.key} of ${lv.name} uses it as an image): lvm2 refuses the file.`);
        }
      }
      for (const r of seg.refs) {
        const name = r.name.startsWith('-') ? r.name.slice(1) : r.name;
        if (vg.lvByName.has(r.name) || (r.name.startsWith('-') && historical.has(name))) continue;
        emit(lv, r.s, r.e, 'undefined-lv', 'error', `Unknown LV "${r.name}" as ${r.role} in ${seg.key} of ${lv.name}: lvm2 refuses the file ("Unknown logical volume ${r.name} specified").`);
      }
    }
  }
}
