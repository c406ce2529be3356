// A host at a glance, from one hosts-view refresh (remote/analyze.ts HostResult): each VG's fill,
// each thin pool's data and metadata gauges with the warning and error thresholds marked, and
// every LV whose health is not ok, coloured by severity. An SVG, like the other pictures.
import type { HostResult } from '../remote/analyze';
import type { LvView } from '../remote/health';
import { esc, humanBytes } from './render';

const STYLE = `<style>
.t{fill:var(--vscode-foreground,#1e1e1e);font:12px var(--vscode-font-family,sans-serif);stroke:none}
.s{fill:var(--vscode-descriptionForeground,#555);font:11px var(--vscode-font-family,sans-serif);stroke:none}
.h{fill:var(--vscode-foreground,#1e1e1e);font:bold 13px var(--vscode-font-family,sans-serif);stroke:none}
.track{fill:var(--vscode-editorWidget-background,#f0f0f0);stroke:var(--vscode-editorWidget-border,#999)}
.ok{fill:var(--vscode-testing-iconPassed,#388a34)}
.warn{fill:var(--vscode-editorWarning-foreground,#bf8803)}
.err{fill:var(--vscode-errorForeground,#e51400)}
.unk{fill:var(--vscode-disabledForeground,#9a9a9a)}
.mark{stroke:var(--vscode-foreground,#1e1e1e);stroke-width:2}
.markw{stroke:var(--vscode-editorWarning-foreground,#bf8803);stroke-width:2;stroke-dasharray:3 2}
.marke{stroke:var(--vscode-errorForeground,#e51400);stroke-width:2;stroke-dasharray:3 2}
</style>`;

/** Health of an LV as a colour class: error for lost data, warning for degraded or at risk. */
function healthClass(lv: LvView): string {
  switch (lv.health) {
    case 'ok':
      return 'ok';
    case 'partial':
    case 'failed':
    case 'invalid':
    case 'out-of-data':
    case 'metadata-read-only':
      return 'err';
    case 'unknown':
      return 'unk';
    default:
      return 'warn';
  }
}

export function hostOverviewSvg(r: HostResult, thresholds: { warn?: number; error?: number } = {}): string {
  const warnAt = thresholds.warn ?? 80;
  const errAt = thresholds.error ?? 95;
  const W = 760;
  const L = 200;
  const BAR = W - L - 90;
  const parts: string[] = [];
  let y = 20;
  const worst = r.findings.some((f) => f.severity === 'error') || !r.ok ? 'err' : r.findings.some((f) => f.severity === 'warning') ? 'warn' : 'ok';
  parts.push(`<circle class="${worst}" cx="16" cy="${y - 4}" r="6"/><text class="h" x="28" y="${y}">${esc(`${r.host}: ${r.ok ? `${r.vgs.length} VG${r.vgs.length === 1 ? '' : 's'}, ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}` : `no report: ${r.error ?? 'failed'}`}`)}</text>`);
  y += 20;
  const gauge = (label: string, pct: number | null, cls: string, title: string, marks: boolean): void => {
    parts.push(`<g role="listitem" tabindex="0" aria-label="${esc(title)}"><title>${esc(title)}</title>`);
    parts.push(`<text class="t" x="20" y="${y + 12}">${esc(label.length > 28 ? `${label.slice(0, 27)}…` : label)}</text>`);
    parts.push(`<rect class="track" x="${L}" y="${y}" width="${BAR}" height="16"/>`);
    if (pct !== null) parts.push(`<rect class="${cls}" x="${L}" y="${y}" width="${((Math.max(0, Math.min(100, pct)) / 100) * BAR).toFixed(1)}" height="16"/>`);
    if (marks) {
      for (const [at, c] of [
        [warnAt, 'markw'],
        [errAt, 'marke'],
      ] as const) {
        const x = (L + (at / 100) * BAR).toFixed(1);
        parts.push(`<line class="${c}" x1="${x}" x2="${x}" y1="${y - 3}" y2="${y + 19}"/>`);
      }
    }
    parts.push(`<text class="s" x="${L + BAR + 8}" y="${y + 12}">${pct === null ? 'unknown' : `${pct.toFixed(1)}%`}</text></g>`);
    y += 24;
  };
  for (const vg of r.vgs) {
    y += 6;
    parts.push(`<text class="h" x="10" y="${y + 4}">${esc(`VG ${vg.name}${vg.partial ? ` (PARTIAL: ${vg.missingPvCount} PV missing)` : ''}`)}</text>`);
    y += 14;
    const used = vg.sizeBytes !== null && vg.freeBytes !== null && vg.sizeBytes > 0 ? ((vg.sizeBytes - vg.freeBytes) / vg.sizeBytes) * 100 : null;
    gauge('allocated', used, vg.partial ? 'err' : 'ok', `VG ${vg.name}: ${used === null ? 'size unknown' : `${used.toFixed(1)}% allocated of ${humanBytes(vg.sizeBytes!)}, ${humanBytes(vg.freeBytes!)} free`}`, false);
    for (const lv of vg.lvs) {
      if (lv.kind !== 'thin-pool') continue;
      const level = (p: number | null) => (p === null ? 'unk' : p >= errAt ? 'err' : p >= warnAt ? 'warn' : 'ok');
      gauge(`${lv.name} data`, lv.dataPercent, level(lv.dataPercent), `thin pool ${lv.name} data ${lv.dataPercent === null ? 'unknown (inactive)' : `${lv.dataPercent}%`}; warning at ${warnAt}%, error at ${errAt}%`, true);
      gauge(`${lv.name} metadata`, lv.metadataPercent, level(lv.metadataPercent), `thin pool ${lv.name} metadata ${lv.metadataPercent === null ? 'unknown (inactive)' : `${lv.metadataPercent}%`}; warning at ${warnAt}%, error at ${errAt}%`, true);
    }
    for (const lv of vg.lvs) {
      if (lv.hidden || lv.health === 'ok') continue;
      const t = `${lv.name}: ${lv.healthText || lv.health}`;
      parts.push(`<g role="listitem" tabindex="0" aria-label="${esc(t)}"><title>${esc(t)}</title><circle class="${healthClass(lv)}" cx="26" cy="${y + 7}" r="5"/><text class="t" x="38" y="${y + 11}">${esc(t.length > 100 ? `${t.slice(0, 99)}…` : t)}</text></g>`);
      y += 18;
    }
  }
  if (r.findings.length) {
    y += 10;
    parts.push(`<text class="h" x="10" y="${y}">Findings</text>`);
    y += 8;
    for (const f of r.findings) {
      const t = `${f.code}: ${f.message}`;
      parts.push(`<g role="listitem" aria-label="${esc(t)}"><title>${esc(t)}</title><circle class="${f.severity === 'error' ? 'err' : f.severity === 'warning' ? 'warn' : 'unk'}" cx="16" cy="${y + 7}" r="5"/><text class="t" x="28" y="${y + 11}">${esc(t.length > 110 ? `${t.slice(0, 109)}…` : t)}</text></g>`);
      y += 18;
    }
  }
  y += 10;
  const desc = `${r.host}: ${r.vgs.map((v) => `VG ${v.name}`).join(', ') || 'no VGs'}; ${r.findings.length} findings`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" role="img" aria-labelledby="host-title host-desc"><title id="host-title">${esc(`Overview of ${r.host}`)}</title><desc id="host-desc">${esc(desc)}</desc>${STYLE}${parts.join('')}</svg>\n`;
}
