// Blockwise in VS Code: starts the language server (dist/server/server.js) over node IPC, keeps it
// running (restart after a crash, with a limit), gives files the right language by content, and
// registers the LVM backups browser and the LVM hosts view.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerBackups, type BackupsProvider } from './backups/index';
import { registerRemote } from './remote/index';
import { registerMaps } from './map/index';
import { registerReleaseStatus, type ReleaseStatus } from './release';
import type { HostsTree } from './remote/tree';

const LANGUAGES = ['lvm-conf', 'lvm-metadata', 'kickstart'] as const;
/** Languages a file may have when VS Code did not recognise it; content detection may replace them. */
const GENERIC = new Set(['plaintext', 'ini', 'properties', 'log']);
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export interface BlockwiseApi {
  /** The running language client (tests ask it for `blockwise/status`). */
  client(): LanguageClient | undefined;
  /** Resolves when the client is running again (after a start or a restart). */
  ready(): Promise<void>;
  /** The tree data providers of the LVM Backups and LVM Hosts views (read by the end-to-end tests). */
  views(): { backups?: BackupsProvider; hosts?: HostsTree };
  /** The status bar item naming the active file's release (read by the end-to-end tests). */
  release(): ReleaseStatus | undefined;
}

/** Restart the server when it dies, unless it died MAX_RESTARTS times within RESTART_WINDOW_MS. */
function errorHandler(output: vscode.OutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0] > RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const msg = vscode.l10n.t('The Blockwise language server stopped {0} times in 3 minutes and will not be restarted. Run "Blockwise: Restart the language server" after fixing the cause (see the Blockwise output).', crashes.length);
        void vscode.window.showErrorMessage(msg);
        return { action: CloseAction.DoNotRestart, message: msg };
      }
      output.appendLine(`[client] the language server stopped; restarting (${crashes.length} in the last 3 minutes)`);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

async function detectByContent(doc: vscode.TextDocument, decided: Set<string>, force = false): Promise<void> {
  if (!client || client.state !== State.Running) return;
  if (!force && (!GENERIC.has(doc.languageId) || decided.has(doc.uri.toString()))) return;
  decided.add(doc.uri.toString());
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 400), 0)).slice(0, 8192);
  let lang: string | null = null;
  try {
    lang = await client.sendRequest<string | null>('blockwise/detectLanguage', { path: doc.uri.path, head });
  } catch {
    return;
  }
  if (lang && lang !== doc.languageId && (LANGUAGES as readonly string[]).includes(lang)) {
    await vscode.languages.setTextDocumentLanguage(doc, lang);
  }
}

/** Register a client module (backups browser, hosts view); its failure must not stop the language client. */
function registerModule<T>(output: vscode.LogOutputChannel, name: string, register: () => T): T | undefined {
  try {
    return register();
  } catch (e) {
    output.error(`[client] ${name} failed to register: ${(e as Error)?.stack ?? e}`);
    return undefined;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<BlockwiseApi> {
  const output = vscode.window.createOutputChannel('Blockwise', { log: true });
  context.subscriptions.push(output);
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // By language only: file, untitled and virtual documents alike (the server never reads the disk).
    documentSelector: LANGUAGES.map((language) => ({ language })),
    // .blockwise.yaml changes make the server read the repository configs again.
    synchronize: { configurationSection: 'blockwise', fileEvents: vscode.workspace.createFileSystemWatcher('**/.blockwise.{yaml,yml}') },
    outputChannel: output,
    errorHandler: errorHandler(output),
    diagnosticCollectionName: 'blockwise',
  };
  client = new LanguageClient('blockwise', 'Blockwise', serverOptions, clientOptions);

  let running: Promise<void> = client.start().catch((e) => {
    output.appendLine(`[client] the language server did not start: ${(e as Error)?.message ?? e}`);
  });

  const decided = new Set<string>();
  const detectAll = () => {
    for (const doc of vscode.workspace.textDocuments) void detectByContent(doc, decided);
  };
  context.subscriptions.push(
    client,
    vscode.workspace.onDidOpenTextDocument((doc) => void running.then(() => detectByContent(doc, decided))),
    client.onDidChangeState((e: { newState: State }) => {
      if (e.newState === State.Running) detectAll();
    }),
    vscode.commands.registerCommand('blockwise.restartServer', async () => {
      if (!client) return;
      running = client.restart().catch((e) => output.appendLine(`[client] restart failed: ${(e as Error)?.message ?? e}`));
      await running;
    }),
    vscode.commands.registerCommand('blockwise.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('blockwise.detectLanguage', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc) await detectByContent(doc, decided, true);
    }),
  );
  void running.then(detectAll);

  const backups = registerModule(output, 'the LVM backups view', () => registerBackups(context, () => (client?.state === State.Running ? client : undefined)));
  // Remote files are checked as the lvm2 of their host: each refreshed host's version goes to the server.
  const hostVersions = new Map<string, string>();
  const sendHostVersions = () => {
    if (client?.state !== State.Running) return;
    for (const [host, lvmVersion] of hostVersions) void client.sendNotification('blockwise/hostRelease', { host, lvmVersion });
  };
  context.subscriptions.push(client.onDidChangeState((e: { newState: State }) => e.newState === State.Running && sendHostVersions()));
  const hosts = registerModule(output, 'the LVM hosts view', () =>
    registerRemote(
      context,
      (host, lvmVersion) => {
        hostVersions.set(host, lvmVersion);
        sendHostVersions();
      },
      () => (client?.state === State.Running ? client : undefined),
    ),
  );
  registerModule(output, 'the extent map and storage plan', () => registerMaps(context, () => client));
  const release = registerModule(output, 'the release status bar item', () => registerReleaseStatus(context, () => client));
  void running.then(() => release?.refresh());

  return {
    client: () => client,
    views: () => ({ backups, hosts }),
    release: () => release,
    ready: async () => {
      await running;
      const deadline = Date.now() + 20000;
      while (client && client.state !== State.Running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}
