// Editor features on the metadata model: outline, folding, hover, definition, references.
import { mdText } from '../core/markdown';
import type { ParsedDocument } from '../core/document';
import type { HoverResult } from '../core/handler';
import type { DocSymbol, FoldRange, Position, Range } from '../core/types';
import type { CAssign, CItem, CSection } from './config';
import { getModel, lvKind, type LV, type MetadataModel, type PV, type VG } from './model';
import { humanBytes } from '../core/units';

const SECTOR = 512;


function extentBytes(vg: VG | undefined, extents: number): number | undefined {
  return vg?.extentSize !== undefined ? extents * vg.extentSize * SECTOR : undefined;
}

function sizeText(vg: VG | undefined, extents: number): string {
  const b = extentBytes(vg, extents);
  return b === undefined ? `${extents} extents` : humanBytes(b);
}

export function formatTime(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('T', ' ').replace(/\.000Z$/, ' UTC');
}

// ---- outline ----

export function symbolsMetadata(doc: ParsedDocument): DocSymbol[] {
  const m = getModel(doc);
  const vg = m.vg;
  if (!vg) return [];
  const L = doc.lines;
  const r = (s: number, e: number) => L.range(s, e);
  const pvSyms: DocSymbol[] = vg.pvs.map((pv) => ({
    name: pv.key,
    detail: `${pv.device ?? '?'}${pv.peCount !== undefined ? ` · ${sizeText(vg, pv.peCount)}` : ''}${pv.missing ? ' · MISSING' : ''}`,
    kind: 'object',
    range: r(pv.sec.s, pv.sec.e),
    selectionRange: r(pv.sec.ns, pv.sec.ne),
  }));
  const lvSyms: DocSymbol[] = vg.lvs.map((lv) => ({
    name: lv.name,
    detail: `${lvKind(lv)} · ${sizeText(vg, lv.extents)}${lv.visible ? '' : ' · hidden'}`,
    kind: lv.visible ? 'class' : 'field',
    range: r(lv.base + lv.sec.s, lv.base + lv.sec.e),
    selectionRange: r(lv.base + lv.sec.ns, lv.base + lv.sec.ne),
  }));
  const children: DocSymbol[] = [];
  if (vg.physicalVolumes) children.push({ name: 'physical_volumes', detail: `${vg.pvs.length} PV${vg.pvs.length === 1 ? '' : 's'}`, kind: 'module', range: r(vg.physicalVolumes.s, vg.physicalVolumes.e), selectionRange: r(vg.physicalVolumes.ns, vg.physicalVolumes.ne), children: pvSyms });
  if (vg.logicalVolumes) children.push({ name: 'logical_volumes', detail: `${vg.lvs.length} LV${vg.lvs.length === 1 ? '' : 's'}`, kind: 'module', range: r(vg.logicalVolumes.s, vg.logicalVolumes.e), selectionRange: r(vg.logicalVolumes.ns, vg.logicalVolumes.ne), children: lvSyms });
  const total = vg.pvs.reduce((a, p) => a + (p.peCount ?? 0), 0);
  return [
    {
      name: vg.name,
      detail: `VG · seqno ${vg.seqno ?? '?'} · ${sizeText(vg, total)}`,
      kind: 'namespace',
      range: r(vg.sec.s, vg.sec.e),
      selectionRange: r(vg.sec.ns, vg.sec.ne),
      children,
    },
  ];
}

// ---- folding ----

export function foldingMetadata(doc: ParsedDocument): FoldRange[] {
  const m = getModel(doc);
  const out: FoldRange[] = [];
  const L = doc.lines;
  const add = (s: number, e: number) => {
    const a = L.positionAt(s).line;
    const b = L.positionAt(e).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  };
  const walk = (sec: CSection, base: number) => {
    add(base + sec.s, base + sec.e);
    for (const i of sec.items) if (i.kind === 'section') walk(i, base);
  };
  const vg = m.vg;
  if (!vg) return out;
  add(vg.sec.s, vg.sec.e);
  for (const i of vg.sec.items) {
    if (i.kind !== 'section') continue;
    if (i.name === 'logical_volumes' || i.name === 'historical_logical_volumes') {
      add(i.s, i.e);
      continue;
    }
    walk(i, 0);
  }
  for (const lv of vg.lvs) walk(lv.sec, lv.base);
  return out;
}

// ---- what is at a position ----

type Hit =
  | { kind: 'lv-decl'; lv: LV; s: number; e: number }
  | { kind: 'pv-decl'; pv: PV; s: number; e: number }
  | { kind: 'lv-ref'; name: string; from: LV; s: number; e: number }
  | { kind: 'pv-ref'; name: string; from: LV; s: number; e: number; offset?: number; length?: number }
  | { kind: 'assign'; a: CAssign; lv?: LV; pv?: PV; s: number; e: number };

function lvAt(vg: VG, off: number): LV | undefined {
  // LVs are in document order; binary search by base.
  const lvs = vg.lvs;
  let lo = 0;
  let hi = lvs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lvs[mid].base <= off) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const lv = lvs[found];
  return off <= lv.base + lv.sec.e ? lv : undefined;
}

function assignAt(items: CItem[], rel: number): CAssign | undefined {
  for (const i of items) {
    if (rel < i.s || rel > i.e) continue;
    if (i.kind === 'assign') return i;
    return assignAt(i.items, rel);
  }
  return undefined;
}

function hitAt(m: MetadataModel, off: number): Hit | undefined {
  const vg = m.vg;
  if (!vg) return undefined;
  const lv = lvAt(vg, off);
  if (lv) {
    const rel = off - lv.base;
    if (rel >= lv.sec.ns && rel <= lv.sec.ne) return { kind: 'lv-decl', lv, s: lv.base + lv.sec.ns, e: lv.base + lv.sec.ne };
    for (const seg of lv.segments) {
      if (rel < seg.sec.s || rel > seg.sec.e) continue;
      for (const a of seg.areas) {
        if (rel >= a.s && rel <= a.e) {
          return a.kind === 'pv'
            ? { kind: 'pv-ref', name: a.name, from: lv, s: lv.base + a.s, e: lv.base + a.e, offset: a.offset, length: a.length }
            : { kind: 'lv-ref', name: a.name, from: lv, s: lv.base + a.s, e: lv.base + a.e };
        }
      }
      for (const r of seg.refs) if (rel >= r.s && rel <= r.e) return { kind: 'lv-ref', name: r.name, from: lv, s: lv.base + r.s, e: lv.base + r.e };
    }
    const a = assignAt(lv.sec.items, rel);
    if (a) return { kind: 'assign', a, lv, s: lv.base + a.s, e: lv.base + a.e };
    return undefined;
  }
  for (const pv of vg.pvs) {
    if (off < pv.sec.s || off > pv.sec.e) continue;
    if (off >= pv.sec.ns && off <= pv.sec.ne) return { kind: 'pv-decl', pv, s: pv.sec.ns, e: pv.sec.ne };
    const a = assignAt(pv.sec.items, off);
    if (a) return { kind: 'assign', a, pv, s: a.s, e: a.e };
  }
  const top = assignAt(vg.sec.items.filter((i) => i.kind === 'assign'), off) ?? assignAt(m.header.items, off);
  if (top) return { kind: 'assign', a: top, s: top.s, e: top.e };
  return undefined;
}

// ---- hover ----

function lvSummary(vg: VG, lv: LV): string {
  const lines = [`**LV ${mdText(lv.name)}** — ${lvKind(lv)}, ${sizeText(vg, lv.extents)} (${lv.extents} extents)${lv.visible ? '' : ', hidden'}`];
  if (lv.creationTime !== undefined) lines.push(`created ${formatTime(lv.creationTime)}${lv.creationHost ? ` on ${mdText(lv.creationHost)}` : ''}`);
  lines.push('', '| segment | extents | type | on |', '|---|---|---|---|');
  for (const seg of lv.segments.slice(0, 20)) {
    const on = [
      ...seg.areas.map((a) => (a.kind === 'pv' ? `${mdText(a.name)}${a.offset !== undefined ? `:${a.offset}–${a.offset + a.length - 1}` : ''}` : mdText(a.name))),
      ...seg.refs.map((r) => `${mdText(r.role)}=${mdText(r.name)}`),
    ].join(', ');
    const from = seg.start ?? 0;
    lines.push(`| ${mdText(seg.key)} | ${from}–${from + (seg.count ?? 0) - 1} (${sizeText(vg, seg.count ?? 0)}) | ${mdText(seg.type ?? '?')} | ${on} |`);
  }
  if (lv.segments.length > 20) lines.push(`| … | ${lv.segments.length - 20} more | | |`);
  return lines.join('\n');
}

function pvSummary(vg: VG, pv: PV): string {
  const size = pv.devSize !== undefined ? `${humanBytes(pv.devSize * SECTOR)} device` : 'device size unknown';
  const pe = pv.peCount !== undefined ? `, ${pv.peCount} extents (${sizeText(vg, pv.peCount)})` : '';
  return `**PV ${mdText(pv.key)}** — ${mdText(pv.device ?? '?')} (a hint: lvm2 finds PVs by id)\n\n${size}${pe}${pv.id ? `\n\nid ${mdText(pv.id.name)}` : ''}${pv.missing ? '\n\n**MISSING**: the VG is partial.' : ''}`;
}

const SECTOR_KEYS = new Set(['extent_size', 'dev_size', 'pe_start', 'chunk_size', 'region_size', 'stripe_size', 'ba_start', 'ba_size', 'data_sectors', 'metadata_start', 'metadata_len', 'data_start', 'data_len']);
const EXTENT_KEYS = new Set(['start_extent', 'extent_count', 'pe_count', 'virtual_extents', 'reshape_count']);

export function hoverMetadata(doc: ParsedDocument, pos: Position): HoverResult | null {
  const m = getModel(doc);
  const vg = m.vg;
  const off = doc.lines.offsetAt(pos);
  const h = hitAt(m, off);
  if (!h || !vg) return null;
  const range = doc.lines.range(h.s, h.e);
  switch (h.kind) {
    case 'lv-decl':
      return { contents: lvSummary(vg, h.lv), range };
    case 'pv-decl':
      return { contents: pvSummary(vg, h.pv), range };
    case 'lv-ref': {
      const lv = vg.lvByName.get(h.name);
      return { contents: lv ? lvSummary(vg, lv) : `LV **${mdText(h.name)}** is not defined in this VG.`, range };
    }
    case 'pv-ref': {
      const pv = vg.pvByKey.get(h.name);
      if (!pv) return { contents: `PV **${mdText(h.name)}** is not defined in physical_volumes.`, range };
      const ext = h.offset !== undefined && h.length ? `\n\nThis area: extents ${h.offset}–${h.offset + h.length - 1} of ${mdText(pv.key)} (${sizeText(vg, h.length)})` : '';
      return { contents: pvSummary(vg, pv) + ext, range };
    }
    case 'assign': {
      const a = h.a;
      const v = a.value;
      if (v?.kind !== 'number') return null;
      if (a.key === 'creation_time') return { contents: `**creation_time** ${v.value} = ${formatTime(v.value)}`, range };
      if (SECTOR_KEYS.has(a.key)) return { contents: `**${a.key}** ${v.value} sectors = ${v.value * SECTOR} bytes (${humanBytes(v.value * SECTOR)})`, range };
      if (EXTENT_KEYS.has(a.key)) {
        const b = extentBytes(vg, v.value);
        return { contents: `**${a.key}** ${v.value} extents${b !== undefined ? ` = ${b} bytes (${(b / 2 ** 30).toFixed(3)} GiB, ${humanBytes(b)})` : ''}`, range };
      }
      return null;
    }
  }
}

// ---- definition / references ----

function nameAt(m: MetadataModel, off: number): { kind: 'lv' | 'pv'; name: string } | undefined {
  const h = hitAt(m, off);
  if (!h) return undefined;
  if (h.kind === 'lv-decl') return { kind: 'lv', name: h.lv.name };
  if (h.kind === 'pv-decl') return { kind: 'pv', name: h.pv.key };
  if (h.kind === 'lv-ref') return { kind: 'lv', name: h.name };
  if (h.kind === 'pv-ref') return { kind: 'pv', name: h.name };
  return undefined;
}

export function definitionMetadata(doc: ParsedDocument, pos: Position): Range[] {
  const m = getModel(doc);
  const t = nameAt(m, doc.lines.offsetAt(pos));
  const vg = m.vg;
  if (!t || !vg) return [];
  if (t.kind === 'pv') {
    const pv = vg.pvByKey.get(t.name);
    return pv ? [doc.lines.range(pv.sec.ns, pv.sec.ne)] : [];
  }
  const lv = vg.lvByName.get(t.name.replace(/^-/, ''));
  return lv ? [doc.lines.range(lv.base + lv.sec.ns, lv.base + lv.sec.ne)] : [];
}

export function referencesMetadata(doc: ParsedDocument, pos: Position, includeDeclaration: boolean): Range[] {
  const m = getModel(doc);
  const t = nameAt(m, doc.lines.offsetAt(pos));
  const vg = m.vg;
  if (!t || !vg) return [];
  const out: Range[] = [];
  const L = doc.lines;
  if (includeDeclaration) out.push(...definitionMetadata(doc, pos));
  for (const lv of vg.lvs) {
    for (const seg of lv.segments) {
      for (const a of seg.areas) if (a.name === t.name && a.kind === t.kind) out.push(L.range(lv.base + a.s, lv.base + a.e));
      if (t.kind === 'lv') for (const r of seg.refs) if (r.name === t.name) out.push(L.range(lv.base + r.s, lv.base + r.e));
    }
  }
  return out;
}
