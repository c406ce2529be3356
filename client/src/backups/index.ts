// LVM backups browser: a tree view of the backup/archive folders, one node per VG with its
// timeline paged (200 entries per page, newest first), and actions to open, compare (vscode.diff),
// summarise the structural changes (markdown) and generate restore commands (untitled document).
// Listing is lazy: file names only; headers are read for the entries a page shows.
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupDirsOf, currentOf, entryLabel, isDir, listTimelines, loadHeaders, previousOf, type BackupEntry, type VgTimeline } from '../../../server/src/backups/timeline';
import { diffTexts, formatDiff } from '../../../server/src/backups/diff';
import { planRestore } from '../../../server/src/backups/plan';
import { loadLanguage } from '../../../server/src/syntax/treesitter';
import { changeSvg, versionMapSvg, type PictureServer } from '../map/backups';
import { showSvgPanel } from '../map/index';

export const VIEW_ID = 'blockwise.backups';
export const PAGE = 200;
const DEFAULT_FOLDERS = ['/etc/lvm/backup', '/etc/lvm/archive'];
// Folders of a workspace that may hold backup/ and archive/ (expanded by backupDirsOf, as the CLI does).
const WORKSPACE_CANDIDATES = ['etc/lvm', 'lvm', '.', 'samples/metadata', 'test/fixtures/metadata'];

type Node =
  | { type: 'vg'; timeline: VgTimeline }
  | { type: 'entry'; entry: BackupEntry; timeline: VgTimeline }
  | { type: 'more'; timeline: VgTimeline; shown: number }
  | { type: 'empty'; message: string };

/** The folders the browser lists: the setting (machine scope) plus backup/archive folders found in the workspace. */
export function backupFolders(): string[] {
  const configured = vscode.workspace.getConfiguration('blockwise').get<string[]>('backups.folders') ?? DEFAULT_FOLDERS;
  const out = new Set<string>();
  for (const d of configured) if (isDir(d)) for (const b of backupDirsOf(d)) out.add(b);
  for (const ws of vscode.workspace.workspaceFolders ?? []) {
    if (ws.uri.scheme !== 'file') continue;
    for (const c of WORKSPACE_CANDIDATES) {
      const p = join(ws.uri.fsPath, c);
      // Only folders that hold backup/ or archive/: a workspace root is not itself a backup folder.
      if (isDir(p)) for (const b of backupDirsOf(p)) if (b !== p) out.add(b);
    }
  }
  return [...out];
}

export class BackupsProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timelines: VgTimeline[] | undefined;
  private readonly shown = new Map<string, number>();

  refresh(): void {
    this.timelines = undefined;
    this.shown.clear();
    this.changed.fire(undefined);
  }

  loadMore(t: VgTimeline): void {
    this.shown.set(t.vg, (this.shown.get(t.vg) ?? PAGE) + PAGE);
    this.changed.fire({ type: 'vg', timeline: t });
  }

  getTimelines(): VgTimeline[] {
    this.timelines ??= listTimelines(backupFolders());
    return this.timelines;
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.type === 'vg') {
      const item = new vscode.TreeItem(n.timeline.vg, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${n.timeline.entries.length} version${n.timeline.entries.length === 1 ? '' : 's'}`;
      item.contextValue = 'blockwise.backups.vg';
      item.iconPath = new vscode.ThemeIcon('database');
      item.id = `vg:${n.timeline.vg}`;
      return item;
    }
    if (n.type === 'more') {
      const item = new vscode.TreeItem(`Load ${Math.min(PAGE, n.timeline.entries.length - n.shown)} more…`);
      item.command = { command: 'blockwise.backups.loadMore', title: 'Load more', arguments: [n] };
      item.contextValue = 'blockwise.backups.more';
      return item;
    }
    if (n.type === 'empty') return new vscode.TreeItem(n.message);
    const e = n.entry;
    const h = e.header ?? {};
    const item = new vscode.TreeItem(h.command ? `${h.when === 'after' ? 'after' : 'before'} ${h.command}` : e.file);
    item.description = [e.kind === 'archive' ? `#${e.index}` : 'current backup', h.seqno !== undefined ? `seqno ${h.seqno}` : '', h.creationTime !== undefined ? new Date(h.creationTime * 1000).toLocaleString() : ''].filter(Boolean).join(' · ');
    item.tooltip = `${entryLabel(e)}\n${e.path}`;
    item.resourceUri = vscode.Uri.file(e.path);
    item.contextValue = e.kind === 'backup' ? 'blockwise.backups.backup' : 'blockwise.backups.archive';
    item.iconPath = new vscode.ThemeIcon(e.kind === 'backup' ? 'pass' : 'history');
    item.command = { command: 'blockwise.backups.open', title: 'Open', arguments: [n] };
    item.id = `entry:${e.path}`;
    return item;
  }

  getChildren(n?: Node): Node[] {
    if (!n) {
      const tl = this.getTimelines();
      if (!tl.length) return [{ type: 'empty', message: 'No LVM backup or archive folders found (setting blockwise.backups.folders).' }];
      return tl.map((timeline) => ({ type: 'vg', timeline }));
    }
    if (n.type !== 'vg') return [];
    const t = n.timeline;
    const shown = Math.min(this.shown.get(t.vg) ?? PAGE, t.entries.length);
    // Newest first: the page is the tail of the timeline, reversed.
    const from = t.entries.length - shown;
    loadHeaders(t.entries, from, shown);
    const nodes: Node[] = t.entries.slice(from).reverse().map((entry) => ({ type: 'entry', entry, timeline: t }));
    if (from > 0) nodes.push({ type: 'more', timeline: t, shown });
    return nodes;
  }
}

function entryOf(arg: unknown, provider: BackupsProvider): { entry: BackupEntry; timeline: VgTimeline } | undefined {
  const n = arg as Node | undefined;
  if (n && n.type === 'entry') return n;
  // Called with a Uri (explorer / editor title): find its timeline.
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  for (const timeline of provider.getTimelines()) {
    const entry = timeline.entries.find((e) => e.path === uri.fsPath);
    if (entry) return { entry, timeline };
  }
  return undefined;
}

const title = (e: BackupEntry) => (e.kind === 'archive' ? `${e.vg} #${e.index}` : `${e.vg} (backup)`);

async function showText(content: string, language: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/**
 * Markdown summary of the structural changes from `a` to `b`: the language server reads and
 * compares the two versions (a worker for big ones), not this thread; here only without a server.
 */
export async function structuralSummary(a: BackupEntry, b: BackupEntry, server?: PictureServer): Promise<string> {
  const labels = { a: `${title(a)} — ${a.path}`, b: `${title(b)} — ${b.path}` };
  if (server) {
    const r = await server.sendRequest<{ markdown?: string; error?: string }>('blockwise/backupDiff', { beforePath: a.path, afterPath: b.path, labels });
    if (r.markdown === undefined) throw new Error(r.error ?? 'the versions could not be compared');
    return r.markdown;
  }
  await loadLanguage('lvm');
  const d = diffTexts(readFileSync(a.path, 'utf8'), readFileSync(b.path, 'utf8'));
  return formatDiff(d, labels, true);
}

/** The restore plan for an entry, for review (the CLI's checks and lvm2-matched advice). */
export async function restoreText(e: BackupEntry): Promise<string> {
  const r = await planRestore(e.path);
  if (!r.ok) throw new Error(`no restore plan for ${e.path}: ${r.why}`);
  return r.text;
}

export function registerBackups(context: vscode.ExtensionContext, server: () => PictureServer | undefined = () => undefined): BackupsProvider {
  const provider = new BackupsProvider();
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const cmd = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  const need = (arg: unknown) => {
    const hit = entryOf(arg, provider);
    if (!hit) void vscode.window.showWarningMessage('Blockwise: pick a backup or archive entry in the LVM Backups view.');
    return hit;
  };
  context.subscriptions.push(view);
  cmd('blockwise.backups.refresh', () => provider.refresh());
  cmd('blockwise.backups.loadMore', (n) => {
    const m = n as Node;
    if (m?.type === 'more') provider.loadMore(m.timeline);
  });
  cmd('blockwise.backups.open', async (arg) => {
    const hit = need(arg);
    if (hit) await vscode.window.showTextDocument(vscode.Uri.file(hit.entry.path), { preview: true });
  });
  cmd('blockwise.backups.compareWithPrevious', async (arg) => {
    const hit = need(arg);
    if (!hit) return;
    const prev = previousOf(hit.timeline, hit.entry);
    if (!prev) return void vscode.window.showInformationMessage(`Blockwise: ${title(hit.entry)} is the oldest version.`);
    await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(prev.path), vscode.Uri.file(hit.entry.path), `${title(prev)} ↔ ${title(hit.entry)}`);
  });
  cmd('blockwise.backups.compareWithCurrent', async (arg) => {
    const hit = need(arg);
    if (!hit) return;
    const cur = currentOf(hit.timeline);
    if (!cur) return void vscode.window.showInformationMessage(`Blockwise: no current backup of VG ${hit.entry.vg} in the listed folders.`);
    await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(hit.entry.path), vscode.Uri.file(cur.path), `${title(hit.entry)} ↔ ${title(cur)}`);
  });
  cmd('blockwise.backups.structuralSummary', async (arg) => {
    const hit = need(arg);
    if (!hit) return;
    const prev = previousOf(hit.timeline, hit.entry);
    const cur = currentOf(hit.timeline);
    const [a, b] = prev ? [prev, hit.entry] : cur && cur !== hit.entry ? [hit.entry, cur] : [undefined, undefined];
    if (!a || !b) return void vscode.window.showInformationMessage('Blockwise: nothing to compare this version with.');
    const md = await structuralSummary(a, b, server()).catch((e: Error) => void vscode.window.showErrorMessage(`Blockwise: ${e.message}`));
    if (md !== undefined) return showText(md, 'markdown');
  });
  cmd('blockwise.backups.showMap', async (arg) => {
    const hit = need(arg);
    if (!hit) return;
    // Drawn by the language server, off this thread.
    const svg = await versionMapSvg(server(), hit.entry.path).catch((e: Error) => void vscode.window.showErrorMessage(`Blockwise: ${e.message}`));
    if (svg) showSvgPanel(`Extent map: ${title(hit.entry)}`, svg, vscode.Uri.file(hit.entry.path));
  });
  cmd('blockwise.backups.showChanges', async (arg) => {
    const hit = need(arg);
    if (!hit) return;
    const prev = previousOf(hit.timeline, hit.entry);
    if (!prev) return void vscode.window.showInformationMessage(`Blockwise: ${title(hit.entry)} is the oldest version.`);
    // The text diff, and the picture of what changed beside it.
    await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(prev.path), vscode.Uri.file(hit.entry.path), `${title(prev)} ↔ ${title(hit.entry)}`);
    const labels = { a: title(prev).replace(/^.* /, ''), b: title(hit.entry).replace(/^.* /, '') };
    const svg = await changeSvg(server(), prev.path, hit.entry.path, labels).catch((e: Error) => void vscode.window.showErrorMessage(`Blockwise: ${e.message}`));
    if (svg) showSvgPanel(`What changed: ${title(prev)} → ${title(hit.entry)}`, svg, vscode.Uri.file(hit.entry.path));
  });
  cmd('blockwise.backups.restoreCommands', async (arg) => {
    const hit = need(arg);
    if (!hit) return;
    const r = await planRestore(hit.entry.path);
    if (!r.ok) return void vscode.window.showErrorMessage(`Blockwise: no restore plan for ${hit.entry.path}: ${r.why}`);
    return showText(r.text, 'shellscript');
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('blockwise.backups.folders')) provider.refresh();
    }),
  );
  return provider;
}
