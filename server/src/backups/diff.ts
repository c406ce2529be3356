// Structural difference between two versions of a VG's metadata: LVs added, removed, renamed,
// resized, converted; PVs added, removed, newly missing; extents moved. Pure: models in, data out.
import { parse } from '../syntax/treesitter';
import { buildModel, lvKind, type LV, type MetadataModel, type VG } from '../metadata/model';
import { humanBytes } from '../core/units';

export interface LvChange {
  name: string;
  kind: string;
  extents: number;
  bytes?: number;
}

export interface StructuralDiff {
  vg: { a?: string; b?: string; seqnoA?: number; seqnoB?: number; extentSize?: number };
  lvsAdded: LvChange[];
  lvsRemoved: LvChange[];
  lvsRenamed: { from: string; to: string }[];
  lvsResized: { name: string; from: number; to: number; fromBytes?: number; toBytes?: number }[];
  lvsConverted: { name: string; from: string; to: string }[];
  /** LVs whose physical extents changed place (same size). */
  extentsMoved: { name: string; from: string; to: string }[];
  pvsAdded: { key: string; device?: string; id?: string }[];
  pvsRemoved: { key: string; device?: string; id?: string }[];
  pvsMissing: { key: string; device?: string; id?: string }[];
  pvsReturned: { key: string; device?: string; id?: string }[];
  /** Findings-free summary line counts. */
  changes: number;
}

function bytes(vg: VG | undefined, extents: number): number | undefined {
  return vg?.extentSize !== undefined ? extents * vg.extentSize * 512 : undefined;
}

/** Where an LV's data sits: PV id (or key) : first extent + length, per PV area of every segment. */
function placement(vg: VG, lv: LV): string {
  const parts: string[] = [];
  for (const seg of lv.segments) {
    for (const a of seg.areas) {
      if (a.kind !== 'pv') continue;
      const pv = vg.pvByKey.get(a.name);
      parts.push(`${pv?.id?.name ?? a.name}@${a.offset ?? '?'}+${a.length}`);
    }
  }
  return parts.join(' ');
}

function placementText(vg: VG, lv: LV): string {
  const parts: string[] = [];
  for (const seg of lv.segments) for (const a of seg.areas) if (a.kind === 'pv') parts.push(`${a.name}${vg.pvByKey.get(a.name)?.device ? `(${vg.pvByKey.get(a.name)!.device})` : ''}:${a.offset}-${(a.offset ?? 0) + a.length - 1}`);
  return parts.join(', ') || '—';
}

export function diffModels(ma: MetadataModel, mb: MetadataModel): StructuralDiff {
  const a = ma.vg;
  const b = mb.vg;
  const d: StructuralDiff = {
    vg: { a: a?.name, b: b?.name, seqnoA: a?.seqno, seqnoB: b?.seqno, extentSize: b?.extentSize ?? a?.extentSize },
    lvsAdded: [],
    lvsRemoved: [],
    lvsRenamed: [],
    lvsResized: [],
    lvsConverted: [],
    extentsMoved: [],
    pvsAdded: [],
    pvsRemoved: [],
    pvsMissing: [],
    pvsReturned: [],
    changes: 0,
  };
  if (!a || !b) return d;
  // LVs are matched by id (so renames are seen), else by name.
  const bById = new Map<string, LV>();
  for (const lv of b.lvs) if (lv.id) bById.set(lv.id.name, lv);
  const matched = new Set<LV>();
  for (const la of a.lvs) {
    const lb = (la.id && bById.get(la.id.name)) || b.lvByName.get(la.name);
    if (!lb || matched.has(lb)) {
      d.lvsRemoved.push({ name: la.name, kind: lvKind(la), extents: la.extents, bytes: bytes(a, la.extents) });
      continue;
    }
    matched.add(lb);
    if (lb.name !== la.name) d.lvsRenamed.push({ from: la.name, to: lb.name });
    if (lb.extents !== la.extents) d.lvsResized.push({ name: lb.name, from: la.extents, to: lb.extents, fromBytes: bytes(a, la.extents), toBytes: bytes(b, lb.extents) });
    const ka = lvKind(la);
    const kb = lvKind(lb);
    if (ka !== kb) d.lvsConverted.push({ name: lb.name, from: ka, to: kb });
    else if (lb.extents === la.extents && placement(a, la) !== placement(b, lb)) d.extentsMoved.push({ name: lb.name, from: placementText(a, la), to: placementText(b, lb) });
  }
  for (const lb of b.lvs) if (!matched.has(lb)) d.lvsAdded.push({ name: lb.name, kind: lvKind(lb), extents: lb.extents, bytes: bytes(b, lb.extents) });
  const pvKey = (id: string | undefined, key: string) => id ?? `key:${key}`;
  const aPvs = new Map(a.pvs.map((p) => [pvKey(p.id?.name, p.key), p]));
  const bPvs = new Map(b.pvs.map((p) => [pvKey(p.id?.name, p.key), p]));
  for (const [k, p] of aPvs) if (!bPvs.has(k)) d.pvsRemoved.push({ key: p.key, device: p.device, id: p.id?.name });
  for (const [k, p] of bPvs) {
    const old = aPvs.get(k);
    if (!old) d.pvsAdded.push({ key: p.key, device: p.device, id: p.id?.name });
    else if (p.missing && !old.missing) d.pvsMissing.push({ key: p.key, device: old.device, id: p.id?.name });
    else if (!p.missing && old.missing) d.pvsReturned.push({ key: p.key, device: p.device, id: p.id?.name });
  }
  d.changes =
    d.lvsAdded.length + d.lvsRemoved.length + d.lvsRenamed.length + d.lvsResized.length + d.lvsConverted.length + d.extentsMoved.length +
    d.pvsAdded.length + d.pvsRemoved.length + d.pvsMissing.length + d.pvsReturned.length;
  return d;
}

/** Parse two metadata texts (the lvm grammar must be loaded) and diff them. */
export function diffTexts(a: string, b: string): StructuralDiff {
  const ta = parse('lvm', a);
  const tb = parse('lvm', b);
  try {
    return diffModels(buildModel(ta, a), buildModel(tb, b));
  } finally {
    ta.delete();
    tb.delete();
  }
}

const UNIT_POW: Record<string, number> = { B: 0, KiB: 1, MiB: 2, GiB: 3, TiB: 4, PiB: 5, EiB: 6 };

/**
 * A size for people, marked as lvm2 marks it (`lvs` prints <32.00g) when the rounded figure is
 * above the real size: 8191 extents of 4 MiB are <32 GiB, not 32 GiB.
 */
export function sizeText(bytes: number): string {
  const s = humanBytes(bytes);
  return shownBytes(s) > bytes ? `<${s}` : s;
}

/** The byte count a humanBytes text stands for (12 MiB → 12582912). */
export function shownBytes(s: string): number {
  const [num, unit] = s.split(' ');
  return Number(num) * 1024 ** (UNIT_POW[unit] ?? 0);
}

function human(n: number | undefined): string {
  return n === undefined ? '' : sizeText(n);
}

/** The diff as lines of text (markdown when `md`). */
export function formatDiff(d: StructuralDiff, labels: { a: string; b: string }, md = false): string {
  const out: string[] = [];
  const h = (s: string) => out.push(md ? `\n### ${s}\n` : `${s}:`);
  const li = (s: string) => out.push(md ? `- ${s}` : `  ${s}`);
  const code = (s: string) => (md ? `\`${s}\`` : s);
  out.push(md ? `# Structural changes in VG ${code(d.vg.b ?? d.vg.a ?? '?')}` : `VG ${d.vg.b ?? d.vg.a ?? '?'}`);
  out.push(md ? '' : '');
  out.push(`${md ? '**From**' : 'from'} ${labels.a}${d.vg.seqnoA !== undefined ? ` (seqno ${d.vg.seqnoA})` : ''}`);
  out.push(`${md ? '\n**To**' : 'to  '} ${labels.b}${d.vg.seqnoB !== undefined ? ` (seqno ${d.vg.seqnoB})` : ''}`);
  if (d.vg.a && d.vg.b && d.vg.a !== d.vg.b) out.push(`${md ? '\n' : ''}VG name differs: ${d.vg.a} → ${d.vg.b}`);
  if (!d.changes) {
    out.push(md ? '\nNo structural change (LVs, sizes, types, PVs and extents are the same).' : 'no structural change');
    return out.join('\n') + '\n';
  }
  if (d.lvsAdded.length) {
    h('LVs added');
    for (const l of d.lvsAdded) li(`${code(l.name)} ${l.kind}, ${human(l.bytes) || `${l.extents} extents`}`);
  }
  if (d.lvsRemoved.length) {
    h('LVs removed');
    for (const l of d.lvsRemoved) li(`${code(l.name)} ${l.kind}, ${human(l.bytes) || `${l.extents} extents`}`);
  }
  if (d.lvsRenamed.length) {
    h('LVs renamed');
    for (const l of d.lvsRenamed) li(`${code(l.from)} → ${code(l.to)}`);
  }
  if (d.lvsResized.length) {
    h('LVs resized');
    for (const l of d.lvsResized) li(`${code(l.name)} ${human(l.fromBytes) || l.from} → ${human(l.toBytes) || l.to} (${l.from} → ${l.to} extents)`);
  }
  if (d.lvsConverted.length) {
    h('LVs converted');
    for (const l of d.lvsConverted) li(`${code(l.name)} ${l.from} → ${l.to}`);
  }
  if (d.extentsMoved.length) {
    h('Extents moved');
    for (const l of d.extentsMoved) li(`${code(l.name)} ${l.from} → ${l.to}`);
  }
  if (d.pvsAdded.length) {
    h('PVs added');
    for (const p of d.pvsAdded) li(`${code(p.key)} ${p.device ?? ''} ${p.id ? `(${p.id})` : ''}`.trim());
  }
  if (d.pvsRemoved.length) {
    h('PVs removed');
    for (const p of d.pvsRemoved) li(`${code(p.key)} ${p.device ?? ''} ${p.id ? `(${p.id})` : ''}`.trim());
  }
  if (d.pvsMissing.length) {
    h('PVs now MISSING');
    for (const p of d.pvsMissing) li(`${code(p.key)} last seen as ${p.device ?? '?'} ${p.id ? `(${p.id})` : ''}`.trim());
  }
  if (d.pvsReturned.length) {
    h('PVs back (no longer MISSING)');
    for (const p of d.pvsReturned) li(`${code(p.key)} ${p.device ?? ''}`.trim());
  }
  return out.join('\n') + '\n';
}
