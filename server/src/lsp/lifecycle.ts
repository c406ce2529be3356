// The connection's life: `initialize` (what the client can take, the settings it gives, the
// workers, our capabilities), configuration changes, the document notifications, `shutdown`.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeTextDocumentParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { forgetRepoConfigs } from '../config/server';
import type { ContentChange } from '../core/document';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../features/tokens';
import { clientFeatures } from './capabilities';
import { documentLanguage } from './documents';
import { grammarsReady } from './grammars';
import { startPool } from './pool';
import { change, close, entries, enqueue, open, schedule, shutdown } from './registry';
import { settingsCache, state, type Settings } from './settings';

export function registerLifecycle(connection: Connection): void {
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    state.features = clientFeatures(caps);
    state.supportsConfiguration = state.features.configuration;
    state.supportsSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const init = (params.initializationOptions ?? {}) as {
      diagnosticsDelay?: unknown;
      settings?: Settings;
      analysisWorkers?: unknown;
      analysisBudgetMs?: unknown;
      analysisStopAfterMs?: unknown;
      analysisHeapMb?: unknown;
    };
    if (typeof init.diagnosticsDelay === 'number' && init.diagnosticsDelay >= 0) state.diagnosticsDelayOverride = init.diagnosticsDelay;
    if (init.settings && typeof init.settings === 'object') state.globalSettings = init.settings;
    startPool(init);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Blockwise' },
        foldingRangeProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', '-', '%', '/', '"', ' '], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: TOKEN_TYPES, tokenModifiers: TOKEN_MODIFIERS }, full: true, range: true },
      },
      serverInfo: { name: 'blockwise', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (state.features.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'blockwise' }).catch(() => undefined);
    }
  });

  // A .blockwise.yaml was created, changed or deleted (the client watches them): read configs again.
  connection.onDidChangeWatchedFiles(() => {
    forgetRepoConfigs();
    for (const e of entries.values()) {
      e.generation++;
      schedule(e, 0);
    }
  });

  connection.onDidChangeConfiguration((p: DidChangeConfigurationParams) => {
    settingsCache.clear();
    const s = (p?.settings as { blockwise?: Settings } | undefined)?.blockwise;
    if (!state.supportsConfiguration && s && typeof s === 'object') state.globalSettings = s;
    for (const e of entries.values()) {
      e.generation++;
      schedule(e, 0);
    }
  });

  connection.onDidOpenTextDocument((p: DidOpenTextDocumentParams) => {
    const td = p?.textDocument;
    if (!td || typeof td.uri !== 'string' || typeof td.text !== 'string') return;
    // Our languageId, else the name and content detection of `blockwise check` (other editors).
    const lang = documentLanguage(td.uri, td.languageId, td.text);
    if (!lang) return;
    enqueue('didOpen', async () => {
      await grammarsReady;
      open(td.uri, lang, td.version ?? 0, td.text);
    });
  });

  connection.onDidChangeTextDocument((p: DidChangeTextDocumentParams) => {
    const td = p?.textDocument;
    if (!td || typeof td.uri !== 'string' || !Array.isArray(p.contentChanges)) return;
    const changes = p.contentChanges.filter((c: TextDocumentContentChangeEvent): c is ContentChange => !!c && typeof c.text === 'string');
    enqueue('didChange', () => change(td.uri, td.version ?? 0, changes));
  });

  connection.onDidCloseTextDocument((p: DidCloseTextDocumentParams) => {
    const uri = p?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    enqueue('didClose', () => {
      close(uri);
      settingsCache.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] });
    });
  });

  connection.onShutdown(() => shutdown());
}
