// VS Code side of the remote hosts panel. Nothing connects on activation: only the Refresh
// commands do, and only in a trusted workspace. Host and ssh settings are machine-scoped and read
// from the user level only.
import * as vscode from 'vscode';
import { RemoteClient, type HostResult } from '../../../server/src/remote/client';
import { checkHost } from '../../../server/src/remote/names';
import { buildTerminalArgv } from '../../../server/src/remote/ssh';
import { hostsFromSshConfig } from '../../../server/src/remote/sshconfig';
import { parseHostArg } from '../../../server/src/remote/cli';
import { REMOTE_SCHEME, RemoteFs, remoteUri } from './fs';
import { drawHostOverview } from '../../../server/src/map/limits';
import { showSvgPanel } from '../map/index';
import { clientLimits, configuredHosts, healthOptions, inventoryHosts, inventorySetting, reloadInventory, setHosts, sshSettings, type HostEntry } from './settings';
import { HostsTree, type Node } from './tree';
import { remoteAnalyzer, type AnalysisServer } from './analyze-remote';

export { REMOTE_SCHEME, remoteUri };

export function registerRemote(context: vscode.ExtensionContext, onHostVersion?: (hostId: string, lvmVersion: string) => void, server: () => AnalysisServer | undefined = () => undefined): HostsTree {
  const results = new Map<string, HostResult>();
  const busy = new Map<string, AbortController>();
  let client: RemoteClient | undefined;
  const trusted = () => vscode.workspace.isTrusted;
  const getClient = () => {
    if (!client) {
      const lim = clientLimits();
      // What a host prints is analysed by the language server (remote-analyze.ts), off this thread.
      client = new RemoteClient({ ssh: sshSettings(context), concurrency: lim.concurrency, timeoutSeconds: lim.timeoutSeconds, health: healthOptions(), analyze: remoteAnalyzer(server) });
    }
    return client;
  };
  const inventoryNote = () => {
    const { file } = inventorySetting();
    if (!file) return undefined;
    const inv = inventoryHosts();
    if (inv.error) return inv.error;
    return inv.hosts.length === 0 ? `Inventory ${file}: use Refresh to read it.` : undefined;
  };
  const tree = new HostsTree(configuredHosts, (id) => ({ result: results.get(id), busy: busy.has(id) }), trusted, inventoryNote);
  const view = vscode.window.createTreeView<Node>('blockwise.remoteHosts', { treeDataProvider: tree, showCollapseAll: true });
  const fs = new RemoteFs(getClient, configuredHosts, trusted);
  context.subscriptions.push(view, vscode.workspace.registerFileSystemProvider(REMOTE_SCHEME, fs, { isReadonly: true, isCaseSensitive: true }));

  const setBusy = () => void vscode.commands.executeCommand('setContext', 'blockwise.remote.busy', busy.size > 0);

  /** Only ids that are in the machine settings are accepted (never a free host string). */
  const known = (arg: unknown): HostEntry | undefined => {
    const id = typeof arg === 'string' ? arg : (arg as Node | undefined)?.kind === 'host' ? (arg as Extract<Node, { kind: 'host' }>).host.id : undefined;
    return configuredHosts().find((h) => h.id === id && h.target);
  };

  async function refresh(hosts: HostEntry[] | 'all'): Promise<void> {
    if (!trusted()) {
      void vscode.window.showWarningMessage('Blockwise does not contact remote hosts in Restricted Mode.');
      return;
    }
    if (hosts === 'all') {
      // The inventory is read only here: ansible-inventory may run inventory plugins.
      await reloadInventory();
      hosts = configuredHosts();
      tree.refresh();
    }
    const todo = hosts.filter((h) => h.target && !busy.has(h.id));
    if (!todo.length) return;
    let done = 0;
    await vscode.window.withProgress({ location: { viewId: 'blockwise.remoteHosts' }, title: 'Refreshing hosts', cancellable: true }, async (progress, token) => {
      const ctl = new AbortController();
      token.onCancellationRequested(() => ctl.abort());
      for (const h of todo) busy.set(h.id, ctl);
      setBusy();
      tree.refresh();
      await Promise.all(
        todo.map(async (h) => {
          const r = await getClient().refresh(h.target!, ctl.signal);
          results.set(h.id, { ...r, host: h.id });
          if (r.probes?.lvmVersion) onHostVersion?.(h.id, r.probes.lvmVersion);
          busy.delete(h.id);
          done++;
          progress.report({ message: `${done}/${todo.length} hosts`, increment: 100 / todo.length });
          tree.refresh();
        }),
      );
      setBusy();
    });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('blockwise.remote.refresh', () => refresh('all')),
    vscode.commands.registerCommand('blockwise.remote.refreshHost', (arg: unknown) => {
      const h = known(arg);
      if (!h) return void vscode.window.showErrorMessage('Blockwise: not a configured host.');
      return refresh([h]);
    }),
    vscode.commands.registerCommand('blockwise.remote.cancel', () => {
      for (const c of new Set(busy.values())) c.abort();
    }),
    vscode.commands.registerCommand('blockwise.remote.addHost', async () => {
      if (!trusted()) return;
      const fromConfig = hostsFromSshConfig();
      const current = new Set(configuredHosts().map((h) => h.id));
      const pick = await vscode.window.showQuickPick(
        [...fromConfig.filter((h) => !current.has(h)).map((h) => ({ label: h, description: '~/.ssh/config' })), { label: '$(edit) Enter a host…', description: 'alias, name or user@host' }],
        { title: 'Add a host to Blockwise', placeHolder: 'Pick an ~/.ssh/config Host entry or enter one' },
      );
      if (!pick) return;
      let id = pick.label;
      if (pick.label.startsWith('$(edit)')) {
        const v = await vscode.window.showInputBox({
          title: 'Host ([user@]host)',
          validateInput: (s) => {
            try {
              parseHostArg(s.trim());
              return undefined;
            } catch (e) {
              return (e as Error).message;
            }
          },
        });
        if (!v) return;
        id = v.trim();
      }
      await setHosts([...current, id]);
      tree.refresh();
    }),
    vscode.commands.registerCommand('blockwise.remote.removeHost', async (arg: unknown) => {
      const h = known(arg);
      if (!h) return;
      await setHosts(configuredHosts().map((x) => x.id).filter((x) => x !== h.id));
      results.delete(h.id);
      tree.refresh();
    }),
    vscode.commands.registerCommand('blockwise.remote.connectInTerminal', async (arg: unknown) => {
      if (!trusted()) return;
      let h = known(arg);
      if (!h) {
        const pick = await vscode.window.showQuickPick(configuredHosts().filter((x) => x.target).map((x) => x.id), { title: 'Connect in terminal' });
        h = known(pick);
      }
      if (!h) return;
      checkHost(h.target!.host);
      const s = sshSettings(context);
      // No shell: the terminal runs ssh itself with an argv; OpenSSH asks its own questions
      // (host key fingerprint, passphrase, password). Nothing typed there reaches Blockwise.
      const term = vscode.window.createTerminal({ name: `ssh ${h.id}`, shellPath: s.sshPath ?? 'ssh', shellArgs: buildTerminalArgv(h.target!, s) });
      term.show();
    }),
    vscode.commands.registerCommand('blockwise.remote.showOverview', (arg: unknown) => {
      const h = known(arg);
      if (!h) return;
      const r = results.get(h.id);
      if (!r) return void vscode.window.showInformationMessage(`Blockwise: refresh ${h.id} first; the overview draws its last report.`);
      const o = healthOptions();
      // Capped like every picture (a host can report any number of LVs).
      const drawn = drawHostOverview(r, { warn: o.thinWarnPercent, error: o.thinErrorPercent });
      if ('error' in drawn) return void vscode.window.showWarningMessage(`Blockwise: no overview of ${h.id}: ${drawn.error}.`);
      showSvgPanel(`Overview: ${h.id}`, drawn.svg);
    }),
    vscode.commands.registerCommand('blockwise.remote.openLvmConf', async (arg: unknown) => {
      const h = known(arg);
      if (!h || !trusted()) return;
      const doc = await vscode.workspace.openTextDocument(remoteUri(h.id, '/etc/lvm/lvm.conf'));
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('blockwise.remote')) {
        client = undefined; // new limits and ssh settings for the next refresh
        tree.refresh();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => tree.refresh()),
  );
  void vscode.commands.executeCommand('setContext', 'blockwise.remote.busy', false);
  return tree;
}
