// extent-overlap / extent-out-of-range: physical extents of each PV, from every PV area.
import type { LV, MetadataModel } from '../types';
import type { Emit } from './emit';

interface Use {
  lv: LV;
  seg: string;
  from: number;
  to: number; // exclusive
  s: number;
  e: number;
}

export function checkExtents(m: MetadataModel, emit: Emit): void {
  const vg = m.vg;
  if (!vg) return;
  const perPv = new Map<string, Use[]>();
  for (const lv of vg.lvs) {
    for (const seg of lv.segments) {
      for (const a of seg.areas) {
        if (a.kind !== 'pv' || a.offset === undefined || !vg.pvByKey.has(a.name)) continue;
        let list = perPv.get(a.name);
        if (!list) perPv.set(a.name, (list = []));
        list.push({ lv, seg: seg.key, from: a.offset, to: a.offset + a.length, s: a.s, e: a.e });
      }
    }
  }
  for (const [key, uses] of perPv) {
    const pv = vg.pvByKey.get(key)!;
    if (pv.peCount !== undefined) {
      for (const u of uses) {
        if (u.to > pv.peCount) {
          emit(u.lv, u.s, u.e, 'extent-out-of-range', 'error', `${u.seg} of ${u.lv.name} uses extents ${u.from}–${u.to - 1} of ${key}, which has only ${pv.peCount} (pe_count): lvm2 refuses the file ("Segment with extent ${Math.max(u.from, pv.peCount)} in PV … not found").`);
        }
      }
    }
    uses.sort((a, b) => a.from - b.from || a.to - b.to);
    let reach: Use | undefined;
    for (const u of uses) {
      if (reach && u.from < reach.to) {
        const lo = u.from;
        const hi = Math.min(u.to, reach.to) - 1;
        emit(u.lv, u.s, u.e, 'extent-overlap', 'error', `Extents ${lo}–${hi} of ${key} are claimed by ${u.seg} of ${u.lv.name} and by ${reach.seg} of ${reach.lv.name}: the two LVs would overwrite each other. lvm2 refuses the file.`, [
          { lv: reach.lv, s: reach.s, e: reach.e, message: `${reach.lv.name} ${reach.seg} also uses ${key} extents ${reach.from}–${reach.to - 1}` },
        ]);
      }
      if (!reach || u.to > reach.to) reach = u;
    }
  }
}
