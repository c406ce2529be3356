// "Show Extent Map" / "Show Storage Plan": a webview beside the file with the picture the server
// draws (server/src/map, through `blockwise/map`), redrawn as the file is edited (debounced;
// a redraw already in flight is not duplicated). Clicking (or Enter on) a segment, an LV, a disk
// or a partition reveals its line. The webview has a strict CSP (nonce, no remote resources),
// theme colours and keyboard navigation; the SVG carries titles and aria labels.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface MapReply {
  kind?: 'vg' | 'storage-plan';
  svg?: string;
  error?: string;
  ms?: number;
}

const DEBOUNCE_MS = 250;

/** One panel per document. */
const panels = new Map<string, MapPanel>();

export function nonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** The webview page: strict CSP, the SVG inside, a small script for reveal and redraws. */
export function mapHtml(title: string, body: string, n: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escHtml(title)}</title>
<style nonce="${n}">
body{color:var(--vscode-foreground);background:var(--vscode-editor-background);font-family:var(--vscode-font-family);margin:0;padding:8px}
#status{color:var(--vscode-descriptionForeground);font-size:12px;min-height:1.2em;margin:0 0 6px}
#status.error{color:var(--vscode-errorForeground)}
#pic svg{max-width:none}
</style></head>
<body><p id="status" role="status" aria-live="polite"></p><main id="pic" aria-label="${escHtml(title)}">${body}</main>
<script nonce="${n}">
const vscode = acquireVsCodeApi();
const pic = document.getElementById('pic');
const status = document.getElementById('status');
const target = (e) => e.target instanceof Element ? e.target.closest('[data-at],[data-line]') : null;
const reveal = (el) => vscode.postMessage({ type: 'reveal', at: el.hasAttribute('data-at') ? Number(el.getAttribute('data-at')) : undefined, line: el.hasAttribute('data-line') ? Number(el.getAttribute('data-line')) : undefined });
pic.addEventListener('click', (e) => { const el = target(e); if (el) reveal(el); });
pic.addEventListener('keydown', (e) => { if (e.key !== 'Enter' && e.key !== ' ') return; const el = target(e); if (el) { e.preventDefault(); reveal(el); } });
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type === 'svg') { pic.innerHTML = m.svg; status.textContent = m.status || ''; status.className = ''; }
  else if (m.type === 'error') { status.textContent = m.message; status.className = 'error'; }
});
</script></body></html>`;
}

function escHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG's <style> gets the page's nonce (the CSP allows no other style). */
function withNonce(svg: string, n: string): string {
  return svg.replace('<style>', `<style nonce="${n}">`);
}

class MapPanel {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private again = false;
  private readonly nonce = nonce();
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly doc: vscode.TextDocument,
    private readonly client: () => LanguageClient | undefined,
  ) {
    panel.webview.html = mapHtml(panel.title, '', this.nonce);
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc) this.schedule();
      }),
      panel.webview.onDidReceiveMessage((m: { type?: string; at?: number; line?: number }) => void this.reveal(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.redraw();
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    // Big files (a 10,000-LV VG is 5 MB of metadata and of SVG) wait longer between redraws.
    const delay = this.doc.lineCount > 50_000 ? 4 * DEBOUNCE_MS : DEBOUNCE_MS;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.redraw();
    }, delay);
  }

  /** Ask the server for the picture; one request at a time, the latest edit wins. */
  async redraw(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      const c = this.client();
      if (!c) {
        void this.panel.webview.postMessage({ type: 'error', message: 'The Blockwise language server is not running.' });
        return;
      }
      const r = await c.sendRequest<MapReply>('blockwise/map', { uri: this.doc.uri.toString() });
      if (r.error || !r.svg) void this.panel.webview.postMessage({ type: 'error', message: `No picture: ${r.error ?? 'nothing to draw'}.` });
      else void this.panel.webview.postMessage({ type: 'svg', svg: withNonce(r.svg, this.nonce), status: `Click or press Enter on a part to show its line. Drawn in ${r.ms ?? 0} ms.` });
    } catch (e) {
      void this.panel.webview.postMessage({ type: 'error', message: `No picture: ${(e as Error).message}` });
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        void this.redraw();
      }
    }
  }

  async reveal(m: { type?: string; at?: number; line?: number }): Promise<void> {
    if (m.type !== 'reveal') return;
    let pos: vscode.Position | undefined;
    if (typeof m.at === 'number' && Number.isFinite(m.at)) pos = this.doc.positionAt(m.at);
    else if (typeof m.line === 'number' && Number.isFinite(m.line)) pos = new vscode.Position(Math.max(0, Math.min(m.line, this.doc.lineCount - 1)), 0);
    if (!pos) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.doc);
    const editor = await vscode.window.showTextDocument(this.doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const line = this.doc.lineAt(pos.line);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(line.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    panels.delete(this.doc.uri.toString());
  }
}

/** Open (or show) the picture of a document beside it. */
export function showMap(doc: vscode.TextDocument, client: () => LanguageClient | undefined): vscode.WebviewPanel | undefined {
  if (doc.languageId !== 'lvm-metadata' && doc.languageId !== 'kickstart') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Blockwise draws pictures of LVM metadata files and kickstarts; this file is {0}.', doc.languageId));
    return undefined;
  }
  const key = doc.uri.toString();
  const have = panels.get(key);
  if (have) {
    have.panel.reveal(vscode.ViewColumn.Beside, true);
    return have.panel;
  }
  const name = doc.uri.path.split('/').pop() ?? doc.uri.path;
  const title = doc.languageId === 'lvm-metadata' ? vscode.l10n.t('Extent map: {0}', name) : vscode.l10n.t('Storage plan: {0}', name);
  const panel = vscode.window.createWebviewPanel('blockwise.map', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: true,
    localResourceRoots: [],
    retainContextWhenHidden: false,
  });
  panels.set(key, new MapPanel(panel, doc, client));
  return panel;
}

/**
 * A fixed picture (a backup version, a change between versions) in its own panel; a click on a
 * part with data-at reveals that offset of `file`, when given.
 */
export function showSvgPanel(title: string, svg: string, file?: vscode.Uri): vscode.WebviewPanel {
  const n = nonce();
  const panel = vscode.window.createWebviewPanel('blockwise.map', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
  panel.webview.html = mapHtml(title, withNonce(svg, n), n);
  if (file) {
    panel.webview.onDidReceiveMessage(async (m: { type?: string; at?: number }) => {
      if (m?.type !== 'reveal' || typeof m.at !== 'number' || !Number.isFinite(m.at)) return;
      const doc = await vscode.workspace.openTextDocument(file);
      const pos = doc.positionAt(m.at);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
    });
  }
  return panel;
}

export function registerMaps(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const open = (uri?: unknown) => {
    const doc = uri instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (doc) showMap(doc, client);
    else if (uri instanceof vscode.Uri) void vscode.workspace.openTextDocument(uri).then((d) => showMap(d, client));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('blockwise.showExtentMap', open),
    vscode.commands.registerCommand('blockwise.showStoragePlan', open),
    { dispose: () => [...panels.values()].forEach((p) => p.panel.dispose()) },
  );
}
