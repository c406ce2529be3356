// Hosts view: host > VG > LV (hidden sub-LVs under their parent), PVs, findings; files.
import * as vscode from 'vscode';
import type { HostResult } from '../../../server/src/remote/client';
import { formatBytes, formatPercent, type LvView, type RemoteFinding, type VgView } from '../../../server/src/remote/health';
import { displayName } from '../../../server/src/remote/names';
import { remoteUri } from './fs';
import type { HostEntry } from './settings';

export type Node =
  | { kind: 'group'; name: string; hosts: HostEntry[] }
  | { kind: 'host'; host: HostEntry; result?: HostResult; busy: boolean }
  | { kind: 'vg'; host: HostEntry; vg: VgView }
  | { kind: 'lv'; host: HostEntry; vg: VgView; lv: LvView }
  | { kind: 'pvs'; host: HostEntry; vg: VgView }
  | { kind: 'pv'; label: string; description: string; missing: boolean }
  | { kind: 'findings'; host: HostEntry; findings: RemoteFinding[] }
  | { kind: 'finding'; finding: RemoteFinding }
  | { kind: 'files'; host: HostEntry }
  | { kind: 'file'; host: HostEntry; path: string; dir: boolean }
  | { kind: 'message'; text: string; error?: boolean };

const sevIcon = (s: string) => new vscode.ThemeIcon(s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info');

function md(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString();
  m.isTrusted = false; // remote data: no command links
  m.supportHtml = false;
  m.appendText(text);
  return m;
}

export function lvDescription(lv: LvView): string {
  const parts = [lv.kind || 'unknown', formatBytes(lv.sizeBytes)];
  if (lv.kind === 'thin-pool') parts.push(`data ${formatPercent(lv.dataPercent)}`, `meta ${formatPercent(lv.metadataPercent)}`);
  if (/^raid(?!0)|^mirror/.test(lv.kind) && lv.syncPercent !== null && lv.syncPercent < 100) parts.push(`sync ${formatPercent(lv.syncPercent)}`);
  if (lv.kind === 'snapshot' && lv.snapPercent !== null) parts.push(`used ${formatPercent(lv.snapPercent)}`);
  if (lv.health !== 'ok') parts.push(lv.health === 'unknown' ? 'state unknown' : lv.health);
  return parts.join(' · ');
}

export class HostsTree implements vscode.TreeDataProvider<Node> {
  private emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  constructor(
    private readonly hosts: () => HostEntry[],
    private readonly state: (id: string) => { result?: HostResult; busy: boolean },
    private readonly trusted: () => boolean,
    private readonly inventoryError: () => string | undefined = () => undefined,
  ) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getChildren(n?: Node): Node[] | Promise<Node[]> {
    if (!n) {
      if (!this.trusted()) return [{ kind: 'message', text: 'Remote hosts are disabled in Restricted Mode.' }];
      const all = this.hosts();
      // Inventory hosts under their groups (a host in two groups shows in both); settings hosts after.
      const groups = new Map<string, HostEntry[]>();
      for (const h of all) for (const g of h.groups ?? []) groups.set(g, [...(groups.get(g) ?? []), h]);
      const top: Node[] = [];
      const err = this.inventoryError();
      if (err) top.push({ kind: 'message', text: err, error: true });
      for (const name of [...groups.keys()].sort()) top.push({ kind: 'group', name, hosts: groups.get(name)! });
      for (const host of all) if (!host.groups) top.push({ kind: 'host', host, ...this.state(host.id) });
      return top;
    }
    switch (n.kind) {
      case 'group':
        return n.hosts.map((host) => ({ kind: 'host' as const, host, ...this.state(host.id) }));
      case 'host': {
        if (n.host.error) return [{ kind: 'message', text: n.host.error, error: true }];
        const out: Node[] = [];
        const r = n.result;
        if (!r) out.push({ kind: 'message', text: n.busy ? 'Refreshing…' : 'Not refreshed yet: use Refresh.' });
        else if (!r.ok) out.push({ kind: 'message', text: r.error ?? 'failed', error: true });
        if (r?.findings.length) out.push({ kind: 'findings', host: n.host, findings: r.findings });
        for (const vg of r?.vgs ?? []) out.push({ kind: 'vg', host: n.host, vg });
        out.push({ kind: 'files', host: n.host });
        return out;
      }
      case 'vg': {
        const visible = n.vg.lvs.filter((l) => !l.hidden);
        return [...visible.map((lv) => ({ kind: 'lv' as const, host: n.host, vg: n.vg, lv })), { kind: 'pvs', host: n.host, vg: n.vg }];
      }
      case 'lv': {
        // Hidden sub-LVs: [NAME_...] belong to NAME (pool data/metadata, RAID images, cache parts).
        const prefix = `[${n.lv.name}_`;
        return n.vg.lvs.filter((l) => l.hidden && l.name.startsWith(prefix)).map((lv) => ({ kind: 'lv' as const, host: n.host, vg: n.vg, lv }));
      }
      case 'pvs':
        return n.vg.pvs.map((p) => ({ kind: 'pv', label: displayName(p.name), description: `${formatBytes(p.sizeBytes)} · ${formatBytes(p.freeBytes)} free${p.missing ? ` · MISSING ${p.uuid}` : ''}`, missing: p.missing }));
      case 'findings':
        return n.findings.map((finding) => ({ kind: 'finding', finding }));
      case 'files':
        return [
          { kind: 'file', host: n.host, path: '/etc/lvm/lvm.conf', dir: false },
          { kind: 'file', host: n.host, path: '/etc/lvm/lvmlocal.conf', dir: false },
          { kind: 'file', host: n.host, path: '/etc/lvm/profile', dir: true },
          { kind: 'file', host: n.host, path: '/etc/lvm/backup', dir: true },
          { kind: 'file', host: n.host, path: '/etc/lvm/archive', dir: true },
        ];
      case 'file':
        return n.dir ? this.listFolder(n.host, n.path) : [];
      default:
        return [];
    }
  }

  private async listFolder(host: HostEntry, path: string): Promise<Node[]> {
    const n = { host, path };
    const entries = await vscode.workspace.fs.readDirectory(remoteUri(n.host.id, n.path));
    return entries.filter(([, t]) => t === vscode.FileType.File).map(([name]) => ({ kind: 'file' as const, host: n.host, path: `${n.path}/${name}`, dir: false }));
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.kind) {
      case 'group': {
        const it = new vscode.TreeItem(n.name, C.Expanded);
        const states = n.hosts.map((h) => this.state(h.id).result);
        const bad = states.filter((r, i) => n.hosts[i].error || (r && (!r.ok || r.findings.some((f) => f.severity === 'error')))).length;
        it.description = `${n.hosts.length} host${n.hosts.length === 1 ? '' : 's'}${bad ? ` · ${bad} with errors` : ''}`;
        it.iconPath = new vscode.ThemeIcon(bad ? 'error' : 'server-environment');
        it.contextValue = 'blockwise.remoteGroup';
        return it;
      }
      case 'host': {
        const r = n.result;
        const it = new vscode.TreeItem(n.host.id, C.Collapsed);
        it.contextValue = 'blockwise.remoteHost';
        const errors = r?.findings.filter((f) => f.severity === 'error').length ?? 0;
        const warns = r?.findings.filter((f) => f.severity === 'warning').length ?? 0;
        it.description = n.busy ? 'refreshing…' : n.host.error ? 'invalid' : !r ? '' : !r.ok ? 'error' : `${r.vgs.length} VG · ${errors} errors · ${warns} warnings`;
        it.iconPath = new vscode.ThemeIcon(n.busy ? 'sync~spin' : n.host.error || (r && !r.ok) || errors ? 'error' : warns ? 'warning' : 'server');
        if (r?.error) it.tooltip = md(r.error);
        return it;
      }
      case 'vg': {
        const it = new vscode.TreeItem(displayName(n.vg.name), C.Collapsed);
        it.description = `${formatBytes(n.vg.sizeBytes)} · ${formatBytes(n.vg.freeBytes)} free${n.vg.partial ? ' · PARTIAL' : ''}`;
        it.iconPath = new vscode.ThemeIcon(n.vg.partial ? 'error' : 'database');
        it.tooltip = md(`VG ${n.vg.name} (${n.vg.uuid}) attr ${n.vg.attr}`);
        return it;
      }
      case 'lv': {
        const hasKids = n.vg.lvs.some((l) => l.hidden && l.name.startsWith(`[${n.lv.name}_`));
        const it = new vscode.TreeItem(displayName(n.lv.name), hasKids ? C.Collapsed : C.None);
        it.description = lvDescription(n.lv);
        const bad = ['partial', 'invalid', 'failed', 'out-of-data', 'metadata-read-only'].includes(n.lv.health);
        it.iconPath = new vscode.ThemeIcon(bad ? 'error' : n.lv.health === 'ok' || n.lv.health === 'unknown' ? 'symbol-field' : 'warning');
        it.tooltip = md(`${n.lv.vg}/${n.lv.name}\nattr ${n.lv.attr}, layout ${n.lv.layout}\nhealth: ${n.lv.healthText}${n.lv.nameValid ? '' : '\nThis name breaks lvm2 naming rules; Blockwise will not use it in any command.'}`);
        return it;
      }
      case 'pvs':
        return Object.assign(new vscode.TreeItem('PVs', C.Collapsed), { iconPath: new vscode.ThemeIcon('circuit-board') });
      case 'pv':
        return Object.assign(new vscode.TreeItem(n.label, C.None), { description: n.description, iconPath: new vscode.ThemeIcon(n.missing ? 'error' : 'circle-outline') });
      case 'findings': {
        const it = new vscode.TreeItem(`Findings (${n.findings.length})`, C.Expanded);
        it.iconPath = sevIcon(n.findings.some((f) => f.severity === 'error') ? 'error' : 'warning');
        return it;
      }
      case 'finding': {
        const f = n.finding;
        const it = new vscode.TreeItem(f.code, C.None);
        it.description = f.message;
        it.tooltip = md(`${f.severity} ${f.code}\n${f.message}`);
        it.iconPath = sevIcon(f.severity);
        return it;
      }
      case 'files':
        return Object.assign(new vscode.TreeItem('/etc/lvm', C.Collapsed), { iconPath: new vscode.ThemeIcon('folder') });
      case 'file': {
        const name = n.path.slice(n.path.lastIndexOf('/') + 1);
        const it = new vscode.TreeItem(name, n.dir ? C.Collapsed : C.None);
        it.resourceUri = remoteUri(n.host.id, n.path);
        if (!n.dir) it.command = { command: 'vscode.open', title: 'Open (read-only)', arguments: [remoteUri(n.host.id, n.path)] };
        return it;
      }
      case 'message':
        return Object.assign(new vscode.TreeItem(n.text, C.None), { iconPath: new vscode.ThemeIcon(n.error ? 'error' : 'info') });
    }
  }
}
