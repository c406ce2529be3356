// "What changed" between two versions of a VG's metadata, as a picture: per LV (sub-LVs grouped
// under their LV) created, removed, resized or moved between PVs; per PV the bar before and the
// bar after on one scale, each LV's extents coloured by what happened to it.
import { esc, humanBytes } from './render';
import { topTotals, type VgMap } from './vg';

export type ChangeKind = 'created' | 'removed' | 'resized' | 'moved' | 'resized+moved' | 'same';

export interface LvChange {
  lv: string;
  kind: ChangeKind;
  /** Logical extents before and after (null when absent). */
  before: number | null;
  after: number | null;
  /** PVs holding the LV (with its sub-LVs) before and after. */
  pvsBefore: string[];
  pvsAfter: string[];
}

export interface VgChange {
  kind: 'vg-change';
  vg: string;
  changes: LvChange[];
}

/** Per top LV: its logical size and where it sits (`pv:start:count` ranges) on the PVs. */
function placement(m: VgMap): Map<string, { extents: number; pvs: Set<string>; ranges: string[] }> {
  const out = new Map<string, { extents: number; pvs: Set<string>; ranges: string[] }>();
  for (const top of topTotals(m).keys()) out.set(top, { extents: 0, pvs: new Set(), ranges: [] });
  for (const l of m.lvs) if (l.name === l.topLv) out.get(l.name)!.extents = l.extents;
  for (const p of m.pvs) {
    for (const s of p.segments) {
      if (s.topLv === null) continue;
      const e = out.get(s.topLv);
      if (!e) continue;
      e.pvs.add(p.name);
      e.ranges.push(`${p.name}:${s.lv}:${s.start}:${s.count}`);
    }
  }
  return out;
}

export function vgChange(a: VgMap, b: VgMap): VgChange {
  const pa = placement(a);
  const pb = placement(b);
  const changes: LvChange[] = [];
  const names = [...pa.keys(), ...[...pb.keys()].filter((k) => !pa.has(k))];
  for (const lv of names) {
    const x = pa.get(lv);
    const y = pb.get(lv);
    let kind: ChangeKind;
    if (!x) kind = 'created';
    else if (!y) kind = 'removed';
    else {
      const resized = x.extents !== y.extents;
      // Moved: some of its extents left a PV (pvmove), or it kept its size on other extents.
      // Grown onto more PVs while keeping the old ones is a resize, not a move.
      const leftPv = [...x.pvs].some((p) => !y.pvs.has(p));
      const moved = leftPv || (!resized && x.ranges.join() !== y.ranges.join());
      kind = resized && moved ? 'resized+moved' : resized ? 'resized' : moved ? 'moved' : 'same';
    }
    changes.push({ lv, kind, before: x?.extents ?? null, after: y?.extents ?? null, pvsBefore: x ? [...x.pvs] : [], pvsAfter: y ? [...y.pvs] : [] });
  }
  return { kind: 'vg-change', vg: b.vg || a.vg, changes };
}

const CLASS: Record<ChangeKind, string> = { created: 'k-new', removed: 'k-gone', resized: 'k-size', moved: 'k-move', 'resized+moved': 'k-move', same: 'k-same' };

const STYLE = `<style>
.t{fill:var(--vscode-foreground,#1e1e1e);font:12px var(--vscode-font-family,sans-serif)}
.s{fill:var(--vscode-descriptionForeground,#555);font:11px var(--vscode-font-family,sans-serif)}
.h{fill:var(--vscode-foreground,#1e1e1e);font:bold 13px var(--vscode-font-family,sans-serif)}
.free{fill:var(--vscode-editorWidget-background,#f0f0f0);stroke:var(--vscode-editorWidget-border,#999)}
.k-new{fill:var(--vscode-gitDecoration-addedResourceForeground,#388a34)}
.k-gone{fill:var(--vscode-gitDecoration-deletedResourceForeground,#c74e39)}
.k-size{fill:var(--vscode-charts-orange,#d18616)}
.k-move{fill:var(--vscode-charts-purple,#8c5bd1)}
.k-same{fill:var(--vscode-disabledForeground,#9a9a9a)}
.seg{stroke:var(--vscode-contrastBorder,rgba(0,0,0,0.25));stroke-width:1}
.seg:focus,.seg:hover{stroke:var(--vscode-focusBorder,#0078d4);stroke-width:3;outline:none}
</style>`;

/** The change picture: a list of changed LVs, then per PV the bar before and after. */
export function vgChangeSvg(a: VgMap, b: VgMap, labels: { a: string; b: string } = { a: 'before', b: 'after' }): string {
  const ch = vgChange(a, b);
  const kindOf = new Map(ch.changes.map((c) => [c.lv, c.kind]));
  const es = (b.extentSize ?? a.extentSize ?? 0) * 512;
  const size = (n: number | null): string => (n === null ? '-' : es ? humanBytes(n * es) : `${n} extents`);
  const W = 960;
  const L = 170;
  const BAR = W - L - 20;
  const parts: string[] = [];
  let y = 20;
  const changed = ch.changes.filter((c) => c.kind !== 'same');
  parts.push(`<text class="h" x="10" y="${y}">${esc(`VG ${ch.vg}: ${changed.length} LV${changed.length === 1 ? '' : 's'} changed from ${labels.a} to ${labels.b}`)}</text>`);
  y += 16;
  for (const c of changed) {
    const what =
      c.kind === 'created'
        ? `created, ${size(c.after)} on ${c.pvsAfter.join(', ') || 'no PV'}`
        : c.kind === 'removed'
          ? `removed (was ${size(c.before)} on ${c.pvsBefore.join(', ') || 'no PV'})`
          : `${c.kind.replace('+', ' and ')}: ${size(c.before)} → ${size(c.after)}${c.kind.includes('moved') ? `, ${c.pvsBefore.join(', ')} → ${c.pvsAfter.join(', ')}` : ''}`;
    parts.push(`<g role="listitem" aria-label="${esc(`${c.lv} ${what}`)}"><rect class="${CLASS[c.kind]}" x="10" y="${y - 10}" width="12" height="12"/><text class="t" x="28" y="${y}">${esc(`${c.lv}: ${what}`)}</text></g>`);
    y += 18;
  }
  if (!changed.length) {
    parts.push(`<text class="t" x="10" y="${y}">no LV was created, removed, resized or moved</text>`);
    y += 18;
  }
  y += 10;
  const names = [...new Set([...a.pvs.map((p) => p.name), ...b.pvs.map((p) => p.name)])];
  const maxPe = Math.max(1, ...a.pvs.map((p) => p.peCount), ...b.pvs.map((p) => p.peCount));
  const scale = BAR / maxPe;
  for (const name of names) {
    parts.push(`<text class="t" x="10" y="${y + 12}">${esc(name)}</text>`);
    for (const [m, label] of [
      [a, labels.a],
      [b, labels.b],
    ] as const) {
      const p = m.pvs.find((q) => q.name === name);
      parts.push(`<text class="s" x="${L - 60}" y="${y + 12}">${esc(label.slice(0, 9))}</text>`);
      if (p) {
        for (const s of p.segments) {
          const x = (L + s.start * scale).toFixed(1);
          const w = Math.max(0.5, s.count * scale).toFixed(1);
          if (s.topLv === null) {
            parts.push(`<rect class="free" x="${x}" y="${y}" width="${w}" height="16"><title>${esc(`free ${s.start}-${s.start + s.count - 1}`)}</title></rect>`);
            continue;
          }
          const k = kindOf.get(s.topLv) ?? 'same';
          const t = `${s.topLv}${s.lv !== s.topLv ? ` (${s.lv})` : ''}: ${k}, extents ${s.start}-${s.start + s.count - 1} on ${name} (${label})`;
          parts.push(`<rect class="seg ${CLASS[k]}" x="${x}" y="${y}" width="${w}" height="16" tabindex="0" aria-label="${esc(t)}"><title>${esc(t)}</title></rect>`);
        }
      } else parts.push(`<text class="s" x="${L}" y="${y + 12}">not in this version</text>`);
      y += 20;
    }
    y += 10;
  }
  const legend: [string, string][] = [
    ['k-new', 'created'],
    ['k-gone', 'removed'],
    ['k-size', 'resized'],
    ['k-move', 'moved between PVs'],
    ['k-same', 'unchanged'],
    ['free', 'free'],
  ];
  legend.forEach(([cls, t], i) => parts.push(`<rect class="${cls}" x="${10 + i * 150}" y="${y}" width="12" height="12"/><text class="t" x="${28 + i * 150}" y="${y + 10}">${t}</text>`));
  y += 24;
  const desc = changed.map((c) => `${c.lv} ${c.kind}`).join(', ') || 'no changes';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" role="img" aria-labelledby="chg-title chg-desc"><title id="chg-title">${esc(`What changed in VG ${ch.vg}`)}</title><desc id="chg-desc">${esc(desc)}</desc>${STYLE}${parts.join('')}</svg>\n`;
}
