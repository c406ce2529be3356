// The outline (document symbols) of the storage a kickstart builds: disks > partitions, RAID
// arrays > VGs > LVs, btrfs and mounts, under one "Storage" node.
import type { DocSymbol, Range } from '../core/types';
import type { KickstartModel } from './model';
import { push, storageGraph } from './storage-graph';
import { diskKey } from './storage-names';
import type { LvNode, PartNode, StorageGraph, VgNode } from './storage-types';

function mib(n: number | undefined, grow: boolean, percent?: number): string {
  const parts: string[] = [];
  if (percent !== undefined) parts.push(`${percent}% of free space`);
  else if (n !== undefined) parts.push(n >= 1024 && n % 1024 === 0 ? `${n / 1024} GiB` : `${n} MiB`);
  if (grow) parts.push('grow');
  return parts.join(', ');
}

function detail(...bits: (string | undefined)[]): string | undefined {
  const s = bits.filter((b) => b && b.length).join(' · ');
  return s || undefined;
}

function lvSymbol(lv: LvNode): DocSymbol {
  const name = lv.name?.value ?? '(unnamed)';
  const what = lv.thinpool ? 'thin pool' : lv.thin ? `thin in ${lv.poolname?.value ?? '?'}` : undefined;
  return {
    name: `${name}${lv.first && lv.first.text !== 'none' ? ` ${lv.first.text}` : ''}`,
    detail: detail(what, mib(lv.size, lv.grow, lv.percent), lv.fstype, lv.preexisting ? 'existing' : undefined),
    kind: lv.thinpool ? 'namespace' : 'field',
    range: lv.cmd.range,
    selectionRange: lv.name?.valueRange ?? lv.cmd.nameRange,
  };
}

function vgSymbol(vg: VgNode, g: StorageGraph): DocSymbol {
  const lvs = vg.name !== undefined ? (g.lvsByVg.get(vg.name) ?? []) : [];
  const pools = lvs.filter((l) => l.thinpool);
  const children: DocSymbol[] = [];
  for (const lv of lvs) {
    if (lv.thin && pools.some((p) => p.name?.value === lv.poolname?.value)) continue;
    const sym = lvSymbol(lv);
    if (lv.thinpool) {
      sym.children = lvs.filter((t) => t.thin && t.poolname?.value === lv.name?.value).map(lvSymbol);
    }
    children.push(sym);
  }
  return {
    name: `VG ${vg.name ?? '?'}`,
    detail: detail(vg.pvs.length ? `PVs ${vg.pvs.map((p) => p.text).join(' ')}` : undefined, vg.preexisting ? 'existing' : undefined),
    kind: 'module',
    range: vg.cmd.range,
    selectionRange: vg.first?.range ?? vg.cmd.nameRange,
    children,
  };
}

/** The VG fed by exactly this one PV (nested under it in the outline), if any. */
function soleVgOf(id: string | undefined, g: StorageGraph): VgNode | undefined {
  if (!id) return undefined;
  let index = SOLE.get(g);
  if (!index) {
    index = new Map();
    for (const v of g.vgs) if (v.pvs.length === 1) push(index, v.pvs[0].text, v);
    SOLE.set(g, index);
  }
  const vgs = index.get(id) ?? [];
  return vgs.length === 1 ? vgs[0] : undefined;
}
const SOLE = new WeakMap<StorageGraph, Map<string, VgNode[]>>();

function partSymbol(p: PartNode, g: StorageGraph, nested: Set<VgNode>): DocSymbol {
  const sym: DocSymbol = {
    name: p.first?.text ?? '(part)',
    detail: detail(mib(p.size, p.grow), p.fstype, p.memberOf ? `${p.memberOf} member` : undefined),
    kind: 'field',
    range: p.cmd.range,
    selectionRange: p.first?.range ?? p.cmd.nameRange,
  };
  const vg = p.memberOf === 'pv' ? soleVgOf(p.first?.text, g) : undefined;
  if (vg) {
    nested.add(vg);
    sym.children = [vgSymbol(vg, g)];
  }
  return sym;
}

/** Outline of the storage the file builds: disks > partitions, RAID arrays > VGs > LVs, btrfs, mounts. */
export function storageSymbols(model: KickstartModel): DocSymbol[] {
  const g = storageGraph(model);
  if (!g.parts.length && !g.raids.length && !g.vgs.length && !g.lvs.length && !g.btrfs.length && !g.mounts.length) {
    return [];
  }
  const nested = new Set<VgNode>();
  const out: DocSymbol[] = [];
  const byDisk = new Map<string, PartNode[]>();
  for (const p of g.parts) {
    const key = p.disk ? diskKey(p.disk.text) : '(any disk)';
    const list = byDisk.get(key);
    if (list) list.push(p);
    else byDisk.set(key, [p]);
  }
  for (const [disk, parts] of byDisk) {
    out.push({
      name: disk,
      detail: `${parts.length} partition${parts.length === 1 ? '' : 's'}`,
      kind: 'object',
      range: spanOf(parts.map((p) => p.cmd.range)),
      selectionRange: parts[0].disk?.range ?? parts[0].cmd.nameRange,
      children: parts.map((p) => partSymbol(p, g, nested)),
    });
  }
  for (const r of g.raids) {
    const children: DocSymbol[] = r.members.map((m) => ({
      name: m.text,
      detail: (() => {
        const def = g.ids.get(m.text)?.[0];
        return def?.kind === 'part' && def.disk ? `on ${def.disk.text}` : undefined;
      })(),
      kind: 'variable' as const,
      range: m.range,
      selectionRange: m.range,
    }));
    const vg = r.memberOf === 'pv' ? soleVgOf(r.first?.text, g) : undefined;
    if (vg) {
      nested.add(vg);
      children.push(vgSymbol(vg, g));
    }
    out.push({
      name: `RAID ${r.device?.value ?? '?'}${r.first ? ` ${r.first.text}` : ''}`,
      detail: detail(r.level ? `level ${r.level}` : undefined, `${r.members.length} members`, r.fstype, r.preexisting ? 'existing' : undefined),
      kind: 'array',
      range: r.cmd.range,
      selectionRange: r.device?.valueRange ?? r.cmd.nameRange,
      children,
    });
  }
  for (const vg of g.vgs) if (!nested.has(vg)) out.push(vgSymbol(vg, g));
  const orphanLvs = g.lvs.filter((l) => l.vgname?.value === undefined || !g.vgsByName.has(l.vgname.value));
  for (const lv of orphanLvs) out.push(lvSymbol(lv));
  for (const b of g.btrfs) {
    out.push({
      name: `btrfs ${b.subvol ? `subvolume ${b.name ?? '?'}` : (b.label ?? b.first?.text ?? '?')}`,
      detail: detail(b.first?.text, b.members.length ? b.members.map((m) => m.text).join(' ') : undefined),
      kind: 'struct',
      range: b.cmd.range,
      selectionRange: b.first?.range ?? b.cmd.nameRange,
    });
  }
  for (const m of g.mounts) {
    out.push({
      name: `mount ${m.first?.text ?? '?'} ${m.mountpoint?.text ?? ''}`.trim(),
      kind: 'field',
      range: m.cmd.range,
      selectionRange: m.first?.range ?? m.cmd.nameRange,
    });
  }
  const cmds = [...g.parts, ...g.raids, ...g.vgs, ...g.lvs, ...g.btrfs, ...g.mounts].map((n) => n.cmd);
  const firstCmd = cmds.reduce((a, b) => (b.line < a.line ? b : a));
  return [
    {
      name: 'Storage',
      detail: storageSummary(g),
      kind: 'namespace',
      range: spanOf(cmds.map((c) => c.range)),
      selectionRange: firstCmd.nameRange,
      children: out,
    },
  ];
}

function storageSummary(g: StorageGraph): string {
  const n = (k: number, w: string): string | undefined => (k ? `${k} ${w}${k === 1 ? '' : 's'}` : undefined);
  return detail(n(g.parts.length, 'partition'), n(g.raids.length, 'array'), n(g.vgs.length, 'VG'), n(g.lvs.length, 'LV'), n(g.btrfs.length, 'btrfs')) ?? '';
}

function spanOf(ranges: Range[]): Range {
  let start = ranges[0].start;
  let end = ranges[0].end;
  for (const r of ranges) {
    if (r.start.line < start.line || (r.start.line === start.line && r.start.character < start.character)) start = r.start;
    if (r.end.line > end.line || (r.end.line === end.line && r.end.character > end.character)) end = r.end;
  }
  return { start, end };
}
