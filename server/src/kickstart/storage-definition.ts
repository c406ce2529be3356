// Go to definition in a kickstart's storage commands: member ids, VG names and thin pool names
// lead to the commands that define them.
import type { Position, Range } from '../core/types';
import { rangeContains } from '../core/text';
import type { ParsedDocument } from '../core/document';
import type { KickstartModel, KsOption, KsWord } from './model';
import { storageGraph } from './storage-graph';

/** Where the name under the cursor is defined: member ids, VG names and thin pool names. */
export function storageDefinition(model: KickstartModel, _doc: ParsedDocument | undefined, pos: Position): Range[] {
  const g = storageGraph(model);
  const idDefs = (id: string): Range[] => (g.ids.get(id) ?? []).map((n) => n.first!.range);
  const vgDefs = (name: string | undefined): Range[] =>
    name === undefined ? [] : g.vgs.filter((v) => v.name === name && v.first).map((v) => v.first!.range);
  const poolDefs = (vg: string | undefined, pool: string | undefined): Range[] =>
    g.lvs
      .filter((l) => l.thinpool && l.name?.value === pool && (vg === undefined || l.vgname?.value === vg))
      .map((l) => l.name!.valueRange ?? l.name!.range);
  const inWord = (w: KsWord | undefined): boolean => !!w && rangeContains(w.range, pos);
  const inValue = (o: KsOption | undefined): boolean => !!o && rangeContains(o.valueRange ?? o.range, pos);

  for (const r of g.raids) {
    for (const m of r.members) if (inWord(m)) return idDefs(m.text);
    if (inWord(r.first) && r.memberOf) return idDefs(r.first!.text);
  }
  for (const v of g.vgs) {
    for (const p of v.pvs) if (inWord(p)) return idDefs(p.text);
    if (inWord(v.first)) return vgDefs(v.name);
  }
  for (const b of g.btrfs) for (const m of b.members) if (inWord(m)) return idDefs(m.text);
  for (const p of g.parts) if (inWord(p.first) && p.memberOf) return idDefs(p.first!.text);
  for (const l of g.lvs) {
    if (inValue(l.vgname)) return vgDefs(l.vgname?.value);
    if (inValue(l.poolname)) return poolDefs(l.vgname?.value, l.poolname?.value);
    if (inValue(l.name) && l.thinpool) return poolDefs(l.vgname?.value, l.name?.value);
  }
  return [];
}
