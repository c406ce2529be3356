// SVG (as text) and compact text renderings of the extent map and the storage plan. The SVG
// uses theme variables with fallbacks (`var(--vscode-..., #...)`), so the same text is a
// stand-alone picture and follows the editor's theme (high contrast included) in a webview.
// Every drawn element carries a <title> and an aria-label; clickable ones carry data-at (a text
// offset) or data-line (a 0-based line) and are focusable.
import { notesByLine, type PlanDisk, type PlanLv, type PlanNote, type StoragePlan } from './plan';
import { topTotals, type VgMap } from './vg';

// Markup characters, and what XML 1.0 forbids in a document: C0 controls but tab and line breaks,
// U+FFFE, U+FFFF and UTF-16 surrogates that are not part of a pair.
const NEEDS_ESCAPE = /[&<>"'\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]/;

export function esc(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else if (c === "'") out += '&#39;';
    else {
      const code = s.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
        out += c + s[++i]; // a well-formed pair
        continue;
      }
      // Characters XML 1.0 does not allow in a document become U+FFFD (the picture stays well-formed).
      const forbidden = (code < 32 && code !== 9 && code !== 10 && code !== 13) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff;
      out += forbidden ? '\uFFFD' : c;
    }
  }
  return out;
}

/** Bytes as lvm2 prints sizes (binary units, two decimals). */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(2)} ${units[u]}`;
}

/** MiB (kickstart sizes) as text. */
export function humanMiB(mib: number): string {
  return humanBytes(mib * 1024 * 1024).replace(/\.00 /, ' ');
}

// Twelve fill colours, the first ones the editor's chart colours when in a webview.
const PALETTE = [
  'var(--vscode-charts-blue, #3b7dd8)',
  'var(--vscode-charts-green, #388a34)',
  'var(--vscode-charts-purple, #8c5bd1)',
  'var(--vscode-charts-orange, #d18616)',
  'var(--vscode-charts-yellow, #b89500)',
  '#1f9e9e',
  '#b5488f',
  '#6a8f1f',
  '#5a6acf',
  '#a0522d',
  '#2e8b57',
  '#7b68ee',
];

const STYLE = `<style>
.branch{stroke-dasharray:5 3}
.t{fill:var(--vscode-foreground,#1e1e1e);font:12px var(--vscode-font-family,sans-serif)}
.s{fill:var(--vscode-descriptionForeground,#555);font:11px var(--vscode-font-family,sans-serif)}
.h{fill:var(--vscode-foreground,#1e1e1e);font:bold 13px var(--vscode-font-family,sans-serif)}
.in{fill:#fff;font:11px var(--vscode-font-family,sans-serif);pointer-events:none}
.free{fill:var(--vscode-editorWidget-background,#f0f0f0);stroke:var(--vscode-editorWidget-border,#999);stroke-width:1}
.err{fill:url(#err);stroke:var(--vscode-errorForeground,#e51400);stroke-width:2}
.seg,.box{stroke:var(--vscode-contrastBorder,rgba(0,0,0,0.25));stroke-width:1;cursor:pointer}
.seg:focus,.box:focus,.seg:hover,.box:hover{stroke:var(--vscode-focusBorder,#0078d4);stroke-width:3;outline:none}
.wiped{fill:var(--vscode-errorForeground,#e51400)}
.unknown{fill:var(--vscode-editorWarning-foreground,#bf8803)}
.kept{fill:var(--vscode-testing-iconPassed,#388a34)}
.grow{stroke-dasharray:4 3}
.note-error{stroke:var(--vscode-errorForeground,#e51400);stroke-width:3}
.note-warning{stroke:var(--vscode-editorWarning-foreground,#bf8803);stroke-width:3}
.note-info,.note-hint{stroke:var(--vscode-editorInfo-foreground,#1a85ff);stroke-width:2}
.t,.s,.h,.in,.wiped,.kept,.unknown{stroke:none}
.part{fill:var(--vscode-charts-blue,#3b7dd8)}
.member{fill:var(--vscode-charts-purple,#8c5bd1)}
.lv{fill:var(--vscode-charts-green,#388a34)}
.pool{fill:var(--vscode-charts-orange,#d18616)}
${PALETTE.map((c, i) => `.c${i}{fill:${c}}`).join('\n')}
</style>
<defs><pattern id="err" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="var(--vscode-inputValidation-errorBackground,#f2c4c4)"/><rect width="3" height="6" fill="var(--vscode-errorForeground,#e51400)"/></pattern></defs>`;

function open(w: number, h: number, title: string, desc: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="svg-title svg-desc"><title id="svg-title">${esc(title)}</title><desc id="svg-desc">${esc(desc)}</desc>${STYLE}`;
}

const WIDTH = 960;
const LABEL = 170;
const BAR = WIDTH - LABEL - 20;

/** The extent map as an SVG document. */
export function vgMapSvg(m: VgMap): string {
  const es = (m.extentSize ?? 0) * 512;
  const size = (extents: number): string => (es ? humanBytes(extents * es) : `${extents} extents`);
  const totals = topTotals(m);
  const colour = new Map<string, number>();
  for (const k of totals.keys()) colour.set(k, colour.size % PALETTE.length);
  const maxPe = Math.max(1, ...m.pvs.map((p) => Math.max(p.peCount, ...p.segments.map((s) => s.start + s.count))));
  const scale = BAR / maxPe;
  const parts: string[] = [];
  let y = 24;
  parts.push(`<text class="h" x="10" y="${y - 6}">${esc(`VG ${m.vg}: ${m.pvs.length} PV${m.pvs.length === 1 ? '' : 's'}, ${m.lvs.length} LV${m.lvs.length === 1 ? '' : 's'}, extent ${size(1)}`)}</text>`);
  y += 8;
  for (const p of m.pvs) {
    const label = `${p.name}${p.device ? ` ${p.device}` : ''}${p.missing ? ' (MISSING)' : ''}`;
    parts.push(`<text class="t" x="10" y="${y + 14}">${esc(label.length > 26 ? `${label.slice(0, 25)}…` : label)}<title>${esc(`${label}: ${p.peCount} extents, ${size(p.peCount)}`)}</title></text>`);
    parts.push(`<text class="s" x="10" y="${y + 28}">${esc(size(p.peCount))}</text>`);
    parts.push(`<g role="list" aria-label="${esc(`extents of ${p.name}`)}">`);
    for (const s of p.segments) {
      const x = LABEL + s.start * scale;
      const w = Math.max(0.5, s.count * scale);
      const range = `${s.start}-${s.start + s.count - 1}`;
      if (s.lv === null) {
        const t = `free: extents ${range} (${s.count}, ${size(s.count)}) on ${p.name}`;
        parts.push(`<rect class="free" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="24" role="listitem" aria-label="${esc(t)}"><title>${esc(t)}</title></rect>`);
        continue;
      }
      const cls = s.error ? 'seg err' : `seg c${colour.get(s.topLv!) ?? 0}`;
      const owner = s.lv === s.topLv ? s.lv : `${s.topLv} (${s.lv})`;
      const t = `${owner} segment ${s.segment ?? '?'}: extents ${range} (${s.count}, ${size(s.count)}) on ${p.name}${s.error === 'overlap' ? ': OVERLAPS another LV' : s.error === 'out-of-range' ? `: PAST pe_count ${p.peCount}` : ''}`;
      parts.push(`<rect class="${cls}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="24" tabindex="0" role="listitem" aria-label="${esc(t)}"${s.at !== undefined ? ` data-at="${s.at}"` : ''}><title>${esc(t)}</title></rect>`);
      if (w > 60) parts.push(`<text class="in" x="${(x + 4).toFixed(1)}" y="${y + 16}">${esc(s.lv.length * 6.5 > w - 8 ? `${s.lv.slice(0, Math.max(1, Math.floor((w - 8) / 6.5) - 1))}…` : s.lv)}</text>`);
    }
    parts.push('</g>');
    y += 40;
  }
  // Legend: one entry per visible LV with what it holds on PVs; its sub-LVs in its title.
  y += 8;
  parts.push(`<text class="h" x="10" y="${y}">Logical volumes</text>`);
  y += 10;
  const subs = new Map<string, string[]>();
  const info = new Map(m.lvs.map((l) => [l.name, l]));
  for (const l of m.lvs) if (l.name !== l.topLv) (subs.get(l.topLv) ?? subs.set(l.topLv, []).get(l.topLv)!).push(l.name);
  const cols = 3;
  const colW = (WIDTH - 20) / cols;
  let i = 0;
  for (const [top, ext] of totals) {
    const l = info.get(top);
    const x = 10 + (i % cols) * colW;
    const ly = y + Math.floor(i / cols) * 34;
    const sub = subs.get(top) ?? [];
    const t = `${top}: ${l?.type ?? '?'}, ${size(l?.extents ?? 0)}${ext ? `, ${size(ext)} on PVs` : ''}${sub.length ? `; sub-LVs: ${sub.join(', ')}` : ''}`;
    parts.push(`<g role="listitem" aria-label="${esc(t)}"${l?.at !== undefined ? ` data-at="${l.at}" tabindex="0" class="box"` : ''}><title>${esc(t)}</title>`);
    parts.push(`<rect class="c${colour.get(top) ?? 0}" x="${x}" y="${ly}" width="14" height="14"/>`);
    parts.push(`<text class="t" x="${x + 20}" y="${ly + 11}">${esc(top.length > 34 ? `${top.slice(0, 33)}…` : top)}</text>`);
    parts.push(`<text class="s" x="${x + 20}" y="${ly + 26}">${esc(`${l?.type ?? '?'} ${size(l?.extents ?? 0)}${ext && ext !== l?.extents ? ` · ${size(ext)} on PVs` : ''}${sub.length ? ` · ${sub.length} sub-LV${sub.length === 1 ? '' : 's'}` : ''}`)}</text>`);
    // Sub-LV names as hidden text so search and screen readers find every LV.
    if (sub.length) parts.push(`<text class="s" x="${x}" y="${ly}" opacity="0" aria-hidden="true">${esc(sub.join(' '))}</text>`);
    parts.push('</g>');
    i++;
  }
  const free = m.pvs.reduce((a, p) => a + p.segments.reduce((b, s) => b + (s.lv === null ? s.count : 0), 0), 0);
  const ly = y + Math.ceil(i / cols) * 34;
  parts.push(`<rect class="free" x="10" y="${ly}" width="14" height="14"/><text class="t" x="30" y="${ly + 11}">${esc(`free: ${size(free)}`)}</text>`);
  parts.push(`<rect class="err" x="${10 + colW}" y="${ly}" width="14" height="14"/><text class="t" x="${30 + colW}" y="${ly + 11}">overlapping or out-of-range extents</text>`);
  const h = ly + 30;
  const desc = `Extent map of VG ${m.vg}: ${m.pvs.map((p) => `${p.name} ${p.peCount} extents`).join(', ')}; ${free} extents free.`;
  return `${open(WIDTH, h, `Extent map of VG ${m.vg}`, desc)}${parts.join('')}</svg>\n`;
}

/** The extent map as text: one bar per PV and its ranges. */
export function vgMapText(m: VgMap, width = 64): string {
  const es = (m.extentSize ?? 0) * 512;
  const size = (extents: number): string => (es ? humanBytes(extents * es) : `${extents} extents`);
  const totals = topTotals(m);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const letter = new Map<string, string>();
  for (const k of totals.keys()) letter.set(k, letter.size < letters.length ? letters[letter.size] : '+');
  let out = `VG ${m.vg}: ${m.pvs.length} PVs, ${m.lvs.length} LVs, extent size ${size(1)}\n`;
  for (const p of m.pvs) {
    out += `\n${p.name}${p.device ? ` (${p.device})` : ''}${p.missing ? ' MISSING' : ''}: ${p.peCount} extents, ${size(p.peCount)}\n`;
    const cells = new Array<string>(width).fill('.');
    const total = Math.max(1, p.peCount, ...p.segments.map((s) => s.start + s.count));
    for (const s of p.segments) {
      if (s.lv === null) continue;
      const a = Math.floor((s.start / total) * width);
      const b = Math.max(a + 1, Math.ceil(((s.start + s.count) / total) * width));
      for (let c = a; c < b && c < width; c++) cells[c] = s.error ? '!' : letter.get(s.topLv!) ?? '+';
    }
    out += `  [${cells.join('')}]\n`;
    for (const s of p.segments) {
      const range = `${s.start}-${s.start + s.count - 1}`.padEnd(13);
      const who = s.lv === null ? 'free' : `${letter.get(s.topLv!) ?? '+'} ${s.topLv}${s.lv !== s.topLv ? ` (${s.lv})` : ''}`;
      out += `  ${range} ${String(s.count).padStart(7)}  ${who}${s.error ? `  ERROR: ${s.error}` : ''}\n`;
    }
  }
  out += '\nLVs:\n';
  const info = new Map(m.lvs.map((l) => [l.name, l]));
  for (const [top, ext] of totals) {
    const l = info.get(top);
    out += `  ${letter.get(top)} ${top}  ${l?.type ?? '?'}  ${size(l?.extents ?? 0)}${ext ? `  (${size(ext)} on PVs)` : ''}\n`;
  }
  return out;
}

// ---- storage plan ----

function sizeText(size: number | null, grow: boolean, percent: number | null = null): string {
  const bits: string[] = [];
  if (percent !== null) bits.push(`${percent}%`);
  else if (size !== null) bits.push(humanMiB(size));
  if (grow) bits.push('grow');
  return bits.join('+') || 'size ?';
}

function boxWidth(size: number | null, grow: boolean): number {
  const base = size === null ? 60 : 50 + Math.min(110, Math.round(18 * Math.log2(1 + size / 256)));
  return base + (grow ? 30 : 0);
}

function wipedText(d: PlanDisk): string {
  return d.wiped === true ? 'WIPED' : d.wiped === false ? 'kept' : 'may be wiped';
}

/** The storage plan as an SVG document. */
export function storagePlanSvg(p: StoragePlan): string {
  const parts: string[] = [];
  const notes = notesByLine(p);
  let y = 20;
  const heading = (t: string): void => {
    parts.push(`<text class="h" x="10" y="${y}">${esc(t)}</text>`);
    y += 12;
  };
  const box = (cls: string, x: number, w: number, label: string, sub: string, title0: string, line: number, grow: boolean, when?: string): void => {
    // A part that depends on a template branch is dashed and says when it is there.
    const here = notes.get(line);
    const title1 = when ? `${title0} (only when ${when})` : title0;
    const title = here ? `${title1}${noteText(here)}` : title1;
    parts.push(`<g class="box" tabindex="0" role="listitem" aria-label="${esc(title)}" data-line="${line}"><title>${esc(title)}</title>`);
    parts.push(`<rect class="${cls}${grow ? ' grow' : ''}${when ? ' branch' : ''}${here ? ` note-${worst(here)}` : ''}" x="${x}" y="${y}" width="${w}" height="34" rx="3"/>`);
    const fit = (s: string): string => (s.length * 6.2 > w - 8 ? `${s.slice(0, Math.max(1, Math.floor((w - 8) / 6.2) - 1))}…` : s);
    parts.push(`<text class="in" x="${x + 4}" y="${y + 14}">${esc(fit(label))}</text><text class="in" x="${x + 4}" y="${y + 28}">${esc(fit(sub))}</text></g>`);
  };
  const cp = p.clearpart;
  const cpNotes = looseNotes(p);
  heading(`Storage plan${p.autopart ? ' (autopart)' : ''}: ${cp ? `clearpart --${cp.type}${cp.drives.length ? ` --drives=${cp.drives.join(',')}` : ''}` : 'no clearpart'}${p.zerombr ? ', zerombr' : ''}${p.dynamic ? ', %include (plan may be incomplete)' : ''}`);
  if (p.template) heading(`${p.template} template: every branch is drawn; dashed parts are there only in some renderings`);
  {
    for (const n of cpNotes) {
      parts.push(`<text class="${n.severity === 'error' ? 'wiped' : n.severity === 'warning' ? 'unknown' : 's'}" x="10" y="${y + 4}" font-size="11" data-line="${n.line}">${esc(`${n.severity}: ${n.message}`.slice(0, 200))}</text>`);
      y += 14;
    }
  }
  y += 6;
  let maxX = WIDTH;
  if (p.disks.length) heading('Disks');
  for (const d of p.disks) {
    const status = wipedText(d);
    parts.push(`<g role="listitem" aria-label="${esc(`disk ${d.name}: ${status} (${d.why})`)}" data-line="${d.line}" tabindex="0" class="box"><title>${esc(`${d.name}: ${status}, ${d.why}`)}</title>`);
    parts.push(`<text class="t" x="10" y="${y + 14}">${esc(d.name.length > 22 ? `${d.name.slice(0, 21)}…` : d.name)}</text>`);
    parts.push(`<text class="${d.wiped === true ? 'wiped' : d.wiped === false ? 'kept' : 'unknown'}" x="10" y="${y + 29}" font-size="11">${esc(status)}</text></g>`);
    let x = LABEL;
    parts.push(`<g role="list" aria-label="${esc(`partitions on ${d.name}`)}">`);
    for (const part of d.partitions) {
      const w = boxWidth(part.size, part.grow);
      const label = part.mount ?? '(part)';
      const sub = `${sizeText(part.size, part.grow)}${part.fstype ? ` ${part.fstype}` : ''}`;
      box(part.member ? 'member' : 'part', x, w, label, sub, `partition ${label} on ${d.name}: ${sub}${part.member ? `, ${part.member} member` : ''}`, part.line, part.grow, part.when);
      x += w + 4;
    }
    if (!d.partitions.length) parts.push(`<text class="s" x="${LABEL}" y="${y + 20}">no partitions</text>`);
    parts.push('</g>');
    maxX = Math.max(maxX, x + 10);
    y += 44;
  }
  if (p.raids.length) {
    y += 6;
    heading('RAID sets');
  }
  for (const r of p.raids) {
    const label = `${r.device ?? '?'} raid${(r.level ?? '?').replace(/^raid/i, '')}`;
    const sub = `${r.members.length} members${r.spares ? `, ${r.spares} spares` : ''}${r.disks.length ? ` on ${r.disks.join(',')}` : ''}`;
    const w = Math.min(WIDTH - 20, Math.max(260, sub.length * 6.4 + 12));
    box('member', 10, w, `${label} → ${r.mount ?? '?'}`, sub, `RAID ${r.device ?? '?'} level ${r.level ?? '?'} as ${r.mount ?? '?'}: members ${r.members.join(' ')}${r.disks.length ? ` on ${r.disks.join(', ')}` : ''}`, r.line, false, r.when);
    y += 44;
  }
  if (p.vgs.length) {
    y += 6;
    heading('Volume groups');
  }
  for (const v of p.vgs) {
    parts.push(`<g data-line="${v.line}" tabindex="0" class="box" role="listitem" aria-label="${esc(`VG ${v.name} on ${v.pvs.join(' ')}`)}"><title>${esc(`VG ${v.name} on ${v.pvs.join(' ') || '?'}`)}</title><text class="t" x="10" y="${y + 14}">${esc(v.name.length > 22 ? `${v.name.slice(0, 21)}…` : v.name)}</text><text class="s" x="10" y="${y + 29}">${esc((v.pvs.join(' ') || 'no PVs').slice(0, 26))}</text></g>`);
    let x = LABEL;
    parts.push(`<g role="list" aria-label="${esc(`logical volumes of ${v.name}`)}">`);
    for (const l of v.lvs) {
      const w = boxWidth(l.size, l.grow);
      const label = `${l.name ?? '?'}${l.mount && l.mount !== 'none' ? ` ${l.mount}` : ''}`;
      const sub = `${sizeText(l.size, l.grow, l.percent)}${l.thinpool ? ' pool' : l.pool ? ` thin:${l.pool}` : ''}`;
      box(l.thinpool ? 'pool' : 'lv', x, w, label, sub, lvTitle(l, v.name), l.line, l.grow, l.when ?? v.when);
      x += w + 4;
    }
    parts.push('</g>');
    maxX = Math.max(maxX, x + 10);
    y += 44;
  }
  if (!p.disks.length && !p.raids.length && !p.vgs.length) {
    parts.push(`<text class="t" x="10" y="${y + 14}">${p.autopart ? 'autopart: Anaconda chooses the layout' : 'no storage commands'}</text>`);
    y += 30;
  }
  const desc = `${p.disks.length} disks (${p.disks.map((d) => `${d.name} ${wipedText(d)}`).join(', ')}), ${p.raids.length} RAID sets, ${p.vgs.length} volume groups`;
  return `${open(Math.ceil(maxX), y + 10, 'Kickstart storage plan', desc)}${parts.join('')}</svg>\n`;
}

/** Notes on lines the picture draws no part for (clearpart, autopart, snapshot, a missing /): shown under the heading. */
function looseNotes(p: StoragePlan): PlanNote[] {
  const drawn = new Set<number>();
  for (const d of p.disks) for (const x of d.partitions) drawn.add(x.line);
  for (const r of p.raids) drawn.add(r.line);
  for (const v of p.vgs) for (const l of v.lvs) drawn.add(l.line);
  return p.notes.filter((n) => !drawn.has(n.line));
}

const RANK: Record<PlanNote['severity'], number> = { error: 3, warning: 2, info: 1, hint: 0 };

function worst(ns: PlanNote[]): PlanNote['severity'] {
  let w = ns[0].severity;
  for (const n of ns) if (RANK[n.severity] > RANK[w]) w = n.severity;
  return w;
}

function noteText(ns: PlanNote[]): string {
  return ns.map((n) => `\n${n.severity} (${n.code}): ${n.message}`).join('');
}

function lvTitle(l: PlanLv, vg: string): string {
  return `LV ${l.name ?? '?'} in ${vg}${l.mount ? ` on ${l.mount}` : ''}: ${sizeText(l.size, l.grow, l.percent)}${l.fstype ? `, ${l.fstype}` : ''}${l.thinpool ? ', thin pool' : ''}${l.pool ? `, thin in ${l.pool}` : ''}`;
}

/** The storage plan as text. */
export function storagePlanText(p: StoragePlan): string {
  const notes = notesByLine(p);
  const noted = (line: number, indent: string): string => (notes.get(line) ?? []).map((n) => `${indent}! ${n.severity} ${n.code}: ${n.message}\n`).join('');
  const cp = p.clearpart;
  let out = `storage plan${p.autopart ? ' (autopart)' : ''}: ${cp ? `clearpart --${cp.type}${cp.drives.length ? ` --drives=${cp.drives.join(',')}` : ''}` : 'no clearpart'}${p.zerombr ? ', zerombr' : ''}${p.dynamic ? ', %include: plan may be incomplete' : ''}\n`;
  if (p.template) out += `${p.template} template: every branch is shown; parts marked [only when ...] are there only in some renderings\n`;
  for (const n of looseNotes(p)) out += `! ${n.severity} ${n.code} (line ${n.line + 1}): ${n.message}\n`;
  for (const d of p.disks) {
    out += `\ndisk ${d.name}: ${wipedText(d)} (${d.why})\n`;
    for (const x of d.partitions) out += `  ${(x.mount ?? '(part)').padEnd(20)} ${sizeText(x.size, x.grow).padEnd(16)} ${x.fstype ?? ''}${x.member ? ` ${x.member} member` : ''}${x.when ? `  [only when ${x.when}]` : ''}\n${noted(x.line, '    ')}`;
  }
  for (const r of p.raids) out += `\nraid ${r.device ?? '?'} level ${r.level ?? '?'} -> ${r.mount ?? '?'}: ${r.members.join(' ')}${r.disks.length ? ` (on ${r.disks.join(',')})` : ''}${r.when ? `  [only when ${r.when}]` : ''}\n${noted(r.line, '  ')}`;
  for (const v of p.vgs) {
    out += `\nvg ${v.name} on ${v.pvs.join(' ') || '?'}${v.when ? `  [only when ${v.when}]` : ''}\n`;
    for (const l of v.lvs) out += `  ${(l.name ?? '?').padEnd(16)} ${(l.mount ?? '').padEnd(20)} ${sizeText(l.size, l.grow, l.percent).padEnd(16)} ${l.fstype ?? ''}${l.thinpool ? ' thin pool' : ''}${l.pool ? ` thin in ${l.pool}` : ''}${l.when ? `  [only when ${l.when}]` : ''}\n${noted(l.line, '    ')}`;
  }
  return out;
}
