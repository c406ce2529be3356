// The extent map of a volume group, from the metadata model: for every PV, its extents in order,
// each range owned by one LV segment, free, or in error (two LVs on the same extents, or extents
// past the PV's pe_count). Hidden sub-LVs (RAID images, pool data and metadata, cache and
// writecache origins, integrity metadata...) are grouped under the LV an admin sees.
import type { LV, MetadataModel, VG } from '../metadata/model';

export interface MapSegment {
  start: number;
  count: number;
  /** Owning LV (null: free extents). */
  lv: string | null;
  /** The visible LV the owner belongs to (itself when it is visible). */
  topLv: string | null;
  /** The segment number of the owner (`segmentN`), null for free ranges. */
  segment: number | null;
  /** 'overlap': another LV also claims these extents; 'out-of-range': past pe_count. */
  error?: 'overlap' | 'out-of-range';
  /** Offset of the segment section in the text (for reveal); not in the JSON. */
  at?: number;
}

export interface MapPv {
  name: string;
  device: string | null;
  peCount: number;
  missing: boolean;
  segments: MapSegment[];
  at?: number;
}

export interface MapLv {
  name: string;
  topLv: string;
  visible: boolean;
  type: string;
  /** Logical extents (the end of the last segment). */
  extents: number;
  /** Physical extents this LV itself holds on PVs. */
  allocated: number;
  at?: number;
}

export interface VgMap {
  kind: 'vg';
  vg: string;
  /** Extent size in 512-byte sectors, as lvm2 writes it. */
  extentSize: number | null;
  pvs: MapPv[];
  lvs: MapLv[];
}

/** Suffixes lvm2 gives hidden sub-LVs, longest first where one is a prefix of another. */
const SUB_SUFFIX = /^(.+?)_(rimage|rmeta|mimage|mlog|tdata|tmeta|cdata|cmeta|cpool|corig|cvol|vorigin|wcorig|imeta|iorig|vdata|pmspare)(_\d+)?$/;

/** The LV each hidden LV belongs to: by the references lvm2 writes, then by lvm2's name suffixes. */
export function topLvs(vg: VG): Map<string, string> {
  const parent = new Map<string, string>();
  for (const lv of vg.lvs) {
    for (const seg of lv.segments) {
      // An old-style snapshot: lvm2 keeps an internal `snapshotN` LV tying the origin to the
      // COW LV, and the COW LV carries the name the admin gave (lvs shows it as the snapshot).
      if (seg.baseType === 'snapshot') {
        const cow = seg.refs.find((r) => r.role === 'cow_store' || r.role === 'merging_store');
        if (cow && vg.lvByName.has(cow.name) && cow.name !== lv.name && !parent.has(lv.name)) parent.set(lv.name, cow.name);
        continue;
      }
      // A thin LV names its pool and origin, which are LVs of their own, not parts of it.
      if (seg.baseType === 'thin') continue;
      for (const a of seg.areas) {
        if (a.kind !== 'lv') continue;
        const child = vg.lvByName.get(a.name);
        if (child && !child.visible && child !== lv && !parent.has(child.name)) parent.set(child.name, lv.name);
      }
      for (const r of seg.refs) {
        const child = vg.lvByName.get(r.name);
        if (child && !child.visible && child !== lv && !parent.has(child.name)) parent.set(child.name, lv.name);
      }
    }
  }
  for (const lv of vg.lvs) {
    if (lv.visible || parent.has(lv.name)) continue;
    // Peel one suffix at a time (`r_rimage_0_imeta` -> `r_rimage_0` -> `r`).
    const m = SUB_SUFFIX.exec(lv.name);
    if (m && m[2] !== 'pmspare' && vg.lvByName.has(m[1])) parent.set(lv.name, m[1]);
  }
  const top = new Map<string, string>();
  for (const lv of vg.lvs) {
    let at = lv.name;
    // Bounded walk (a reference cycle in a damaged file must not loop).
    for (let i = 0; i < vg.lvs.length && parent.has(at); i++) at = parent.get(at)!;
    top.set(lv.name, at);
  }
  return top;
}

function segNumber(key: string): number | null {
  const m = /^segment(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}

function lvType(lv: LV): string {
  const t = lv.segments[0]?.baseType ?? 'unknown';
  if (t === 'striped') return (lv.segments[0]?.stripeCount ?? 1) > 1 ? 'striped' : 'linear';
  return t;
}

interface Claim {
  start: number;
  end: number;
  lv: string;
  seg: number | null;
  at: number;
}

/** The extent map of the model's VG, or undefined when the file has no VG section. */
export function vgMap(model: MetadataModel): VgMap | undefined {
  const vg = model.vg;
  if (!vg) return undefined;
  const top = topLvs(vg);
  const claims = new Map<string, Claim[]>();
  for (const p of vg.pvs) claims.set(p.key, []);
  const allocated = new Map<string, number>();
  for (const lv of vg.lvs) {
    let own = 0;
    for (const seg of lv.segments) {
      for (const a of seg.areas) {
        if (a.kind !== 'pv' || a.offset === undefined || !(a.length > 0)) continue;
        const list = claims.get(a.name);
        if (!list) continue; // an undefined PV: reported by the checks, nothing to draw
        list.push({ start: a.offset, end: a.offset + a.length, lv: lv.name, seg: segNumber(seg.key), at: lv.base + seg.sec.s });
        own += a.length;
      }
    }
    allocated.set(lv.name, own);
  }
  const pvs: MapPv[] = [];
  for (const p of vg.pvs) {
    const peCount = p.peCount ?? 0;
    const list = claims.get(p.key)!;
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const segments: MapSegment[] = [];
    let reached = 0; // end of everything drawn so far
    for (const c of list) {
      if (c.start > reached && reached < peCount) {
        segments.push({ start: reached, count: Math.min(c.start, peCount) - reached, lv: null, topLv: null, segment: null });
      }
      const s: MapSegment = { start: c.start, count: c.end - c.start, lv: c.lv, topLv: top.get(c.lv) ?? c.lv, segment: c.seg, at: c.at };
      if (c.start < reached) s.error = 'overlap';
      else if (c.end > peCount) s.error = 'out-of-range';
      segments.push(s);
      if (c.end > reached) reached = c.end;
    }
    if (reached < peCount) segments.push({ start: reached, count: peCount - reached, lv: null, topLv: null, segment: null });
    pvs.push({ name: p.key, device: p.device ?? null, peCount, missing: p.missing, segments, at: p.sec.s });
  }
  const lvs: MapLv[] = vg.lvs.map((lv) => ({
    name: lv.name,
    topLv: top.get(lv.name) ?? lv.name,
    visible: lv.visible,
    type: lvType(lv),
    extents: lv.extents,
    allocated: allocated.get(lv.name) ?? 0,
    at: lv.base,
  }));
  return { kind: 'vg', vg: vg.name, extentSize: vg.extentSize ?? null, pvs, lvs };
}

/** The map as the CLI and the tests print it (offsets left out). */
export function vgMapJson(m: VgMap): unknown {
  return {
    kind: m.kind,
    vg: m.vg,
    extentSize: m.extentSize,
    pvs: m.pvs.map((p) => ({
      name: p.name,
      device: p.device,
      peCount: p.peCount,
      ...(p.missing ? { missing: true } : {}),
      segments: p.segments.map((s) => ({ start: s.start, count: s.count, lv: s.lv, topLv: s.topLv, segment: s.segment, ...(s.error ? { error: s.error } : {}) })),
    })),
    lvs: m.lvs.map((l) => ({ name: l.name, topLv: l.topLv, visible: l.visible, type: l.type, extents: l.extents, allocated: l.allocated })),
  };
}

/** Per visible (top) LV: extents it holds on PVs with all its sub-LVs, in first-seen order. */
export function topTotals(m: VgMap): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of m.lvs) out.set(l.topLv, (out.get(l.topLv) ?? 0) + l.allocated);
  return out;
}
