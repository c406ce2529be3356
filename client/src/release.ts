// The status bar item that says which release the active lvm.conf, metadata backup or kickstart is
// checked as (lvm2 2.02.187, RHEL 8...) and why; a click opens the setting that pins a release.
// The answer comes from the language server (`blockwise/release`), the same resolver the CLI uses.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const LANGUAGES = new Set(['lvm-conf', 'lvm-metadata', 'kickstart']);

interface ReleaseAnswer {
  release: string;
  reason: string;
  source: string;
  label: string;
  languageId: string;
}

export interface ReleaseStatus {
  /** What the item shows now (tests read it): undefined when it is hidden. */
  shown(): { text: string; tooltip: string; uri: string } | undefined;
  /** Ask the server again for the active editor (after settings changes, tests). */
  refresh(): Promise<void>;
}

export function registerReleaseStatus(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): ReleaseStatus {
  const item = vscode.window.createStatusBarItem('blockwise.release', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Blockwise: release checked against');
  let current: { text: string; tooltip: string; uri: string } | undefined;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const hide = () => {
    current = undefined;
    item.hide();
  };

  const refresh = async (): Promise<void> => {
    const mine = ++seq;
    const doc = vscode.window.activeTextEditor?.document;
    const c = client();
    if (!doc || !LANGUAGES.has(doc.languageId) || !c || !c.isRunning()) return hide();
    let r: ReleaseAnswer | null = null;
    try {
      r = await c.sendRequest<ReleaseAnswer | null>('blockwise/release', { uri: doc.uri.toString() });
    } catch {
      r = null;
    }
    if (mine !== seq) return; // a newer refresh is under way
    if (!r) return hide();
    const setting = doc.languageId === 'kickstart' ? 'blockwise.kickstart.target' : 'blockwise.lvm.target';
    item.text = `$(versions) ${r.label}`;
    const tip = `${vscode.l10n.t('Checked as {0}: {1}.', r.label, r.reason)}\n\n${vscode.l10n.t('Click to pin a release with the setting {0}.', setting)}`;
    item.tooltip = tip;
    item.command = { title: vscode.l10n.t('Pin a release'), command: 'workbench.action.openSettings', arguments: [setting] };
    item.show();
    current = { text: item.text, tooltip: tip, uri: doc.uri.toString() };
  };

  const later = (ms = 300) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), ms);
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => later(0)),
    // After an edit the server publishes diagnostics; the release may have moved with the text.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      if (uri && e.uris.some((u) => u.toString() === uri)) later();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('blockwise')) later(500);
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  later(0);
  return { shown: () => current, refresh };
}
