// Pictures the editor draws are bounded by elements and by bytes. A generated kickstart with a
// million `part` lines made a 336 MB SVG: the analysis worker ran out of heap posting it and the
// whole language server aborted, then again on every redraw. A picture over the limits is not
// drawn; the reason says how big it is ("too large to draw: 1,000,000 partitions").
import type { Picture } from './index';
import type { HostResult } from '../remote/analyze';
import { vgChangeSvg } from './change';
import { hostOverviewSvg } from './host';
import { render } from './index';

/** Drawn parts (partitions, LVs, RAID sets, disks, extent segments) in one picture at most. */
export const MAX_PICTURE_ELEMENTS = 50_000;
/** Bytes of SVG in one picture at most. */
export const MAX_PICTURE_BYTES = 32 * 1024 * 1024;

// What one drawn part costs in SVG markup besides its text (a box, its title, aria-label, two
// labels), and how many times its text appears in it: an upper estimate, so that the limit is
// known before anything is drawn.
const PER_ELEMENT = 700;
const TEXT_COPIES = 5;
/** The picture's frame: the SVG element, its style sheet, headings and legend. */
const BASE = 16 * 1024;

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** How big the picture would be: its parts, an upper estimate of its bytes, and its parts in words. */
export function pictureSize(p: Picture): { elements: number; bytes: number; what: string } {
  let elements = 0;
  let text = 0;
  const words: [number, string][] = [];
  const add = (...s: (string | null | undefined)[]) => {
    for (const x of s) if (x) text += x.length;
  };
  if (p.kind === 'vg') {
    let segments = 0;
    for (const pv of p.pvs) {
      segments += pv.segments.length;
      add(pv.name, pv.device);
      for (const s of pv.segments) add(s.lv, s.topLv, s.lv, s.topLv);
    }
    for (const l of p.lvs) add(l.name, l.name);
    elements = segments + p.lvs.length + p.pvs.length;
    words.push([segments, 'extent segment'], [p.lvs.length, 'LV'], [p.pvs.length, 'PV']);
  } else {
    let parts = 0;
    for (const d of p.disks) {
      parts += d.partitions.length;
      add(d.name, d.why);
      for (const x of d.partitions) add(x.mount, x.fstype, x.member);
    }
    let lvs = 0;
    for (const v of p.vgs) {
      lvs += v.lvs.length;
      add(v.name, ...v.pvs);
      for (const l of v.lvs) add(l.name, l.mount, l.fstype, l.pool);
    }
    let members = 0;
    for (const r of p.raids) {
      members += r.members.length;
      add(r.device, r.level, r.mount, ...r.members, ...r.disks);
    }
    // The installer's findings drawn on the parts (in their titles and labels).
    for (const n of p.notes ?? []) add(n.code, n.message);
    elements = parts + lvs + p.raids.length + p.disks.length + p.vgs.length + members;
    words.push([parts, 'partition'], [lvs, 'logical volume'], [p.raids.length, 'RAID set'], [p.disks.length, 'disk'], [p.vgs.length, 'volume group']);
  }
  const what =
    words
      .filter(([n]) => n > 0)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 2)
      .map(([n, w]) => count(n, w))
      .join(' and ') || count(elements, 'part');
  return { elements, bytes: BASE + elements * PER_ELEMENT + text * TEXT_COPIES, what };
}

/** The picture as SVG, or why it is not drawn (over the limits). */
export function drawSvg(p: Picture, limits = { elements: MAX_PICTURE_ELEMENTS, bytes: MAX_PICTURE_BYTES }): { svg: string } | { error: string } {
  const size = pictureSize(p);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  if (size.elements > limits.elements) return { error: `too large to draw: ${size.what} (the editor draws up to ${limits.elements.toLocaleString('en-US')} parts); \`blockwise map\` prints it as text` };
  if (size.bytes > limits.bytes) return { error: `too large to draw: ${size.what} with long names, about ${mb(size.bytes)} of SVG (the editor draws up to ${mb(limits.bytes)}); \`blockwise map\` prints it as text` };
  const svg = render(p, 'svg');
  if (svg.length > limits.bytes) return { error: `too large to draw: ${size.what}, ${mb(svg.length)} of SVG (the editor draws up to ${mb(limits.bytes)})` };
  return { svg };
}

/** What changed between two versions of a VG (the backups browser), under the same limits. */
export function drawChangeSvg(a: Picture, b: Picture, labels: { a: string; b: string }, limits = { elements: MAX_PICTURE_ELEMENTS, bytes: MAX_PICTURE_BYTES }): { svg: string } | { error: string } {
  if (a.kind !== 'vg' || b.kind !== 'vg') return { error: 'changes are drawn between two versions of a volume group' };
  const sa = pictureSize(a);
  const sb = pictureSize(b);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const big = sa.elements >= sb.elements ? sa : sb;
  if (sa.elements + sb.elements > limits.elements || sa.bytes + sb.bytes > limits.bytes) return { error: `too large to draw: ${big.what} (the editor draws up to ${limits.elements.toLocaleString('en-US')} parts, ${mb(limits.bytes)})` };
  const svg = vgChangeSvg(a, b, labels);
  if (svg.length > limits.bytes) return { error: `too large to draw: ${big.what}, ${mb(svg.length)} of SVG (the editor draws up to ${mb(limits.bytes)})` };
  return { svg };
}

/** A host's overview (the hosts view), under the same limits: one gauge per VG, thin pool and unhealthy LV at most. */
export function drawHostOverview(r: HostResult, thresholds: { warn?: number; error?: number } = {}, limits = { elements: MAX_PICTURE_ELEMENTS, bytes: MAX_PICTURE_BYTES }): { svg: string } | { error: string } {
  let lvs = 0;
  let pvs = 0;
  for (const v of r.vgs) {
    lvs += v.lvs.length;
    pvs += v.pvs.length;
  }
  const elements = r.vgs.length + lvs + pvs + r.findings.length;
  if (elements > limits.elements) return { error: `too large to draw: ${count(r.vgs.length, 'VG')}, ${count(lvs, 'LV')} and ${count(r.findings.length, 'finding')} (the editor draws up to ${limits.elements.toLocaleString('en-US')} parts)` };
  const svg = hostOverviewSvg(r, thresholds);
  if (svg.length > limits.bytes) return { error: `too large to draw: ${(svg.length / 1024 / 1024).toFixed(0)} MB of SVG (the editor draws up to ${(limits.bytes / 1024 / 1024).toFixed(0)} MB)` };
  return { svg };
}
