// The Blockwise language server: LSP wiring only. Every feature is answered by the language's
// handler (server/src/languages.ts); this file routes requests by language id, keeps one
// ParsedDocument per open file (incremental sync -> incremental tree-sitter reparse), reads the
// settings, debounces diagnostics, and makes sure no handler error or odd request order can stop
// the process.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  InsertTextFormat,
  ProposedFeatures,
  SymbolKind,
  TextDocumentSyncKind,
  createConnection,
  type CompletionItem,
  type DidChangeConfigurationParams,
  type DidChangeTextDocumentParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type TextDocumentContentChangeEvent,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeParams,
  type InitializeResult,
  type Location,
} from 'vscode-languageserver/node';
import { analyzeDocument } from './analyze';
import { pictureOf } from './map/index';
import { drawChangeSvg, drawSvg } from './map/limits';
import { readBounded } from './core/read-bounded';
import { mdText } from './core/markdown';
import { analyzeRefreshOutput, type HostResult, type RefreshOutput } from './remote/analyze';
import { diffTexts, formatDiff } from './backups/diff';
import { capFindings, capFolding, capSymbols } from './core/limits';
import { ANALYSIS_GRAMMARS, ParsedDocument, type ContentChange } from './core/document';
import { localHostOption } from './lvmconf/local-host';
import type { CompletionEntry, HoverResult } from './core/handler';
import { defineRules, ruleDoc } from './core/rules';
import { LineIndex } from './core/text';
import type { AnalysisOptions, DocSymbol, Finding, Fix, FoldRange, LanguageId, Position, Range, Severity } from './core/types';
import { LANGUAGE_IDS } from './core/types';
import { detectLanguage, HANDLERS } from './languages';
import { clientFeatures, markup, type ClientFeatures } from './lsp/capabilities';
import { documentLanguage } from './lsp/documents';
import { hostComment } from './lvmconf/host';
import { loadLanguage, useRuntime, wasmDir, type GrammarName } from './syntax/treesitter';
import { AnalysisPool, type Outcome } from './worker/pool';
import { isBackground, type Task } from './worker/protocol';
import { forgetRepoConfigs, repoConfigFor, withRepoConfig } from './config/server';
import { configureTokens, semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES, type SemanticTokens } from './features/tokens';
import { includeReaderForUri } from './include-reader';

defineRules([
  {
    code: 'grammar-missing',
    languages: [...LANGUAGE_IDS],
    severity: 'error',
    title: 'The parser for this language could not be loaded',
    why: 'Without its tree-sitter grammar Blockwise cannot read the file, so it reports nothing else about it.',
    fix: 'Reinstall the extension; when building from source, run `npm run grammars` and the build.',
  },
  {
    code: 'internal-error',
    languages: [...LANGUAGE_IDS],
    severity: 'error',
    title: 'Blockwise failed while analysing the file',
    why: 'An analysis bug; the file may be fine.',
    fix: 'Report the file (or a reduced copy) to the Blockwise developers.',
  },
]);

// ---------------------------------------------------------------------------------------------
// Grammars: loaded once at process start, each on its own, so one missing wasm only disables its
// own languages. Nothing waits for them before `initialize` is answered.

const grammarErrors = new Map<GrammarName, string>();
const grammarsReady: Promise<void> = (async () => {
  // The language server parses with web-tree-sitter whatever BLOCKWISE_PARSER says: the .vsix ships
  // no native addons, and its highlight queries are web-tree-sitter Query objects.
  useRuntime('wasm');
  let dir: string;
  try {
    dir = wasmDir();
  } catch (e) {
    for (const g of ['lvm', 'kickstart', 'bash'] as GrammarName[]) grammarErrors.set(g, (e as Error).message);
    return;
  }
  await Promise.all(
    (['lvm', 'kickstart', 'bash'] as GrammarName[]).map((g) =>
      loadLanguage(g, dir).then(
        () => undefined,
        (e: Error) => void grammarErrors.set(g, e.message),
      ),
    ),
  );
})();

// ---------------------------------------------------------------------------------------------
// Connection and state

const connection: Connection = createConnection(ProposedFeatures.all);
const log = (s: string) => {
  try {
    connection.console.log(s);
  } catch {
    /* the connection may be gone */
  }
};

configureTokens({ available: (g) => !grammarErrors.has(g), warn: log });

interface Entry {
  uri: string;
  languageId: LanguageId;
  version: number;
  /** Present when the language's grammar loaded. */
  doc?: ParsedDocument;
  /** Text and lines when there is no parse (grammar missing). */
  lines: LineIndex;
  timer?: NodeJS.Timeout;
  /** Bumped on every change; a diagnostics run for an older generation is dropped. */
  generation: number;
  /** An analysis worker died working on this version: it gets one finding and no more jobs. */
  killed?: { version: number; message: string };
}

const entries = new Map<string, Entry>();
let initialized = false;
let shuttingDown = false;
let supportsConfiguration = false;
let supportsSnippets = false;
let features: ClientFeatures = clientFeatures(undefined);
let diagnosticsDelayOverride: number | undefined;
const settingsCache = new Map<string, Promise<Settings>>();

// Analysis runs in worker threads (worker/pool.ts) so that one slow or hostile file never holds up
// the connection: hover, completion and other documents' diagnostics go on meanwhile. Created at
// `initialize`; without it (no worker script, BLOCKWISE_ANALYSIS_WORKERS=0) analysis runs here.
let pool: AnalysisPool | undefined;
/** A job's time budget: 10 s plus 2 ms per KiB (a valid 10 MB metadata file takes about 3 s here). */
let analysisBudget = (textLength: number): number => 10_000 + (2 * textLength) / 1024;

interface Settings {
  severity?: Record<string, Severity | 'off'>;
  rules?: Record<string, unknown>;
  kickstart?: { target?: string };
  lvm?: { target?: string };
  diagnostics?: { delay?: number };
  lvmconf?: { hostComments?: boolean };
}

/** Serialises document notifications so an await (grammar loading) never reorders open/change/close. */
let queue: Promise<void> = Promise.resolve();
function enqueue(what: string, fn: () => void | Promise<void>): void {
  queue = queue.then(fn).catch((e: Error) => log(`blockwise: ${what} failed: ${e?.stack ?? e}`));
}

/** Run a handler; a throw is logged and answered with the fallback, never propagated. */
function guard<T>(what: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    log(`blockwise: ${what} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}

async function guardAsync<T>(what: string, fallback: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    log(`blockwise: ${what} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// Settings

async function settingsFor(uri: string): Promise<Settings> {
  if (!supportsConfiguration) return globalSettings;
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'blockwise' })
      .then((s: unknown) => (s && typeof s === 'object' ? (s as Settings) : {}))
      .catch(() => ({}) as Settings);
    settingsCache.set(uri, p);
  }
  return p;
}
let globalSettings: Settings = {};

const LEVELS = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** A warning the user sees (window/showMessage); never throws. */
function warnUser(message: string): void {
  try {
    // A notification (window/showMessage), not the request showWarningMessage sends: nothing waits.
    void connection.sendNotification('window/showMessage', { type: 2, message });
  } catch {
    /* the connection may be gone */
  }
}

function optionsFrom(s: Settings, lang: LanguageId, uri?: string): AnalysisOptions {
  const severities: Record<string, Severity | 'off'> = {};
  const add = (code: string, v: unknown) => {
    const level = typeof v === 'object' && v !== null ? (v as { severity?: unknown }).severity : v;
    if (typeof level === 'string' && LEVELS.has(level)) severities[code] = level as Severity | 'off';
  };
  for (const [k, v] of Object.entries(s.rules ?? {})) add(k, v);
  for (const [k, v] of Object.entries(s.severity ?? {})) add(k, v);
  const rawTarget = lang === 'kickstart' ? s.kickstart?.target : s.lvm?.target;
  const target = typeof rawTarget === 'string' && rawTarget.trim() ? rawTarget.trim() : undefined;
  const readInclude = uri ? includeReaderForUri(uri) : undefined;
  // .blockwise.yaml of the file's folder wins over the settings (config/server.ts).
  const repo = uri ? repoConfigFor(uri, lang, log, warnUser) : undefined;
  return withRepoConfig({ severities, target, settings: s as Record<string, unknown>, ...(uri ? hostOf(uri, lang) : {}), ...(readInclude ? { readInclude } : {}) }, repo);
}

// lvm2 versions of remote hosts, from the client's host reports (`blockwise/hostRelease`): a file
// opened as blockwise-remote://HOST/... is checked as the lvm2 that reads it there.
const hostVersions = new Map<string, string>();
/** The host of a blockwise-remote://HOST/... document (decoded), or undefined. */
function remoteHostOf(uri: string): string | undefined {
  const m = /^blockwise-remote:\/\/([^/]+)\//.exec(uri);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
function hostOf(uri: string, lang: LanguageId): { host?: { release: string; reason: string } } {
  const h = remoteHostOf(uri);
  // An lvm.conf in this machine's own /etc/lvm: this machine's lvm2 (`lvm version`, run once).
  if (h === undefined) return localHostOption(uri, lang);
  const v = h === undefined ? undefined : hostVersions.get(h);
  return v ? { host: { release: v, reason: `the lvm2 version on host ${h}` } } : {};
}

function delayFor(s: Settings): number {
  if (diagnosticsDelayOverride !== undefined) return diagnosticsDelayOverride;
  const d = s.diagnostics?.delay;
  return typeof d === 'number' && d >= 0 && d <= 5000 ? d : 150;
}

// ---------------------------------------------------------------------------------------------
// Conversions to LSP types

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(uri: string, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    source: 'blockwise',
    message: f.message,
  };
  if (f.fixes?.length) d.data = { fixes: f.fixes };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}

const SYMBOL_KIND: Record<DocSymbol['kind'], SymbolKind> = {
  file: SymbolKind.File,
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  class: SymbolKind.Class,
  field: SymbolKind.Field,
  property: SymbolKind.Property,
  variable: SymbolKind.Variable,
  constant: SymbolKind.Constant,
  array: SymbolKind.Array,
  object: SymbolKind.Object,
  key: SymbolKind.Key,
  struct: SymbolKind.Struct,
  event: SymbolKind.Event,
  function: SymbolKind.Function,
};

function toSymbol(s: DocSymbol): DocumentSymbol {
  return {
    name: s.name || '?',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind] ?? SymbolKind.Object,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children?.map(toSymbol),
  };
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  module: CompletionItemKind.Module,
  snippet: CompletionItemKind.Snippet,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
};

function toCompletion(c: CompletionEntry): CompletionItem | null {
  if (c.snippet && !supportsSnippets) return null;
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind] ?? CompletionItemKind.Text,
    detail: c.detail,
    sortText: c.sortText,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.documentation) item.documentation = markup(c.documentation, features.markdownCompletion);
  const text = c.insertText ?? c.label;
  if (c.replace) item.textEdit = { range: c.replace, newText: text };
  else item.insertText = text;
  return item;
}

// ---------------------------------------------------------------------------------------------
// Documents

/** Why a language cannot be analysed (a grammar its analysis needs did not load), if it cannot. */
function missingGrammar(lang: LanguageId): string | undefined {
  for (const g of ANALYSIS_GRAMMARS[lang]) {
    const e = grammarErrors.get(g);
    if (e) return e;
  }
  return undefined;
}

function open(uri: string, languageId: LanguageId, version: number, text: string): void {
  close(uri);
  const e: Entry = { uri, languageId, version, lines: new LineIndex(text), generation: 0 };
  if (!missingGrammar(languageId)) {
    try {
      e.doc = new ParsedDocument(uri, languageId, text, version);
    } catch (err) {
      log(`blockwise: parsing ${uri} failed: ${(err as Error).message}`);
    }
  }
  entries.set(uri, e);
  schedule(e, 0);
}

function change(uri: string, version: number, changes: ContentChange[]): void {
  const e = entries.get(uri);
  if (!e) return; // a change for a document that was never opened: nothing to update
  if (e.doc) {
    try {
      e.doc.update(changes, version);
      e.lines = e.doc.lines;
    } catch (err) {
      // Fall back to a full parse of the text as far as we can reconstruct it.
      log(`blockwise: incremental update of ${uri} failed (${(err as Error).message}); reparsing`);
      const text = applyChanges(e.lines.text, changes);
      e.doc.dispose();
      e.doc = new ParsedDocument(uri, e.languageId, text, version);
      e.lines = e.doc.lines;
    }
  } else {
    e.lines = new LineIndex(applyChanges(e.lines.text, changes));
  }
  e.version = version;
  e.generation++;
  // An analysis of the old text still running is stale now: stopped if it has run a while.
  pool?.supersede(uri);
  void settingsFor(uri).then((s) => schedule(e, delayFor(s)));
}

function applyChanges(text: string, changes: ContentChange[]): string {
  let lines = new LineIndex(text);
  for (const c of changes) {
    if (!c.range) text = c.text;
    else text = text.slice(0, lines.offsetAt(c.range.start)) + c.text + text.slice(lines.offsetAt(c.range.end));
    lines = new LineIndex(text);
  }
  return text;
}

function close(uri: string): void {
  const e = entries.get(uri);
  if (!e) return;
  pool?.forget(uri);
  if (e.timer) clearTimeout(e.timer);
  e.doc?.dispose();
  entries.delete(uri);
}

function schedule(e: Entry, delay: number): void {
  if (e.timer) clearTimeout(e.timer);
  const gen = e.generation;
  e.timer = setTimeout(() => {
    e.timer = undefined;
    void publish(e, gen);
  }, delay);
}

async function publish(e: Entry, gen: number): Promise<void> {
  if (shuttingDown || entries.get(e.uri) !== e || e.generation !== gen) return;
  const settings = await settingsFor(e.uri);
  if (entries.get(e.uri) !== e || e.generation !== gen) return;
  const options = optionsFrom(settings, e.languageId, e.uri);
  if (repoConfigFor(e.uri, e.languageId, log, warnUser)?.ignored) {
    connection.sendDiagnostics({ uri: e.uri, version: e.version, diagnostics: [] });
    return;
  }
  let findings: Finding[];
  if (e.killed?.version === e.version) findings = [killedFinding(e, e.killed.message)];
  else if (pool && !pool.broken && e.doc && !missingGrammar(e.languageId)) {
    const version = e.version;
    const outcome = await pool.submit({ task: 'analyze', uri: e.uri, languageId: e.languageId, version, text: e.doc.text, options });
    if (shuttingDown || entries.get(e.uri) !== e || e.generation !== gen) return;
    const got = fromOutcome(e, outcome);
    if (got === undefined) return;
    findings = got ?? findingsOf(e, options);
  } else {
    findings = findingsOf(e, options);
  }
  connection.sendDiagnostics({ uri: e.uri, version: e.version, diagnostics: findings.map((f) => toDiagnostic(e.uri, f)) });
}

/** What a worker's outcome publishes: findings, null to analyse here instead, undefined for nothing. */
function fromOutcome(e: Entry, o: Outcome): Finding[] | null | undefined {
  const top = e.lines.lineRange(0);
  switch (o.kind) {
    case 'done':
      return o.value as Finding[];
    case 'superseded':
      return undefined;
    case 'unavailable':
      return null;
    case 'over-budget':
      return [
        {
          code: 'analysis-budget',
          severity: 'warning',
          range: top,
          message: `Blockwise stopped analysing this file after ${(o.budgetMs / 1000).toFixed(1)} s, the time budget for a file of its size, so nothing in it was checked. Other files are not affected. A real ${e.languageId} file of this size takes a fraction of that; check that the file is what its language says.`,
        },
      ];
    case 'failed':
      log(`blockwise: analysis of ${e.uri} failed: ${o.message}`);
      if (o.died) {
        e.killed = { version: e.version, message: o.message };
        return [killedFinding(e, o.message)];
      }
      return [
        {
          code: 'internal-error',
          severity: 'error',
          range: top,
          message: `Blockwise could not analyse this file (${o.message}). Other files are not affected; please report this with the file.`,
        },
      ];
  }
}

/**
 * The one finding of a version whose analysis worker died (its heap limit, a crash), whatever the
 * task was: the server goes on, and no other job runs on this version, so it cannot kill another.
 */
function killedFinding(e: Entry, message: string): Finding {
  return {
    code: 'internal-error',
    severity: 'error',
    range: e.lines.lineRange(0),
    message: `Blockwise stopped working on this file: its analysis worker ended (${message}). Nothing more is computed for this version; an edit tries again. Other files are not affected; please report this with the file.`,
  };
}

/** A worker died on a job for this version (not diagnostics): say so once, in its diagnostics. */
function workerDied(e: Entry, message: string): void {
  if (entries.get(e.uri) !== e || e.killed?.version === e.version) return;
  e.killed = { version: e.version, message };
  e.generation++;
  schedule(e, 0);
}

function findingsOf(e: Entry, options: AnalysisOptions): Finding[] {
  const missing = missingGrammar(e.languageId);
  if (missing || !e.doc) {
    return [
      {
        code: 'grammar-missing',
        severity: 'error',
        range: e.lines.lineRange(0),
        message: `Blockwise cannot check this ${e.languageId} file: ${missing ?? 'the parser failed'}.`,
      },
    ];
  }
  const doc = e.doc;
  return guard('analysis', [], () => capFindings(analyzeDocument(doc, options), undefined, options.severities));
}

/** The parsed document behind a request, after pending notifications; undefined when not ours. */
async function docFor(uri: string): Promise<{ e: Entry; doc: ParsedDocument } | undefined> {
  await queue;
  const e = entries.get(uri);
  if (!e?.doc) return undefined;
  return { e, doc: e.doc };
}

// ---------------------------------------------------------------------------------------------
// Requests and notifications

connection.onInitialize((params: InitializeParams): InitializeResult => {
  initialized = true;
  const caps = params.capabilities;
  features = clientFeatures(caps);
  supportsConfiguration = features.configuration;
  supportsSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
  const init = (params.initializationOptions ?? {}) as {
    diagnosticsDelay?: unknown;
    settings?: Settings;
    analysisWorkers?: unknown;
    analysisBudgetMs?: unknown;
    analysisStopAfterMs?: unknown;
    analysisHeapMb?: unknown;
  };
  if (typeof init.diagnosticsDelay === 'number' && init.diagnosticsDelay >= 0) diagnosticsDelayOverride = init.diagnosticsDelay;
  if (init.settings && typeof init.settings === 'object') globalSettings = init.settings;
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
  if (features.configurationRegistration) {
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
  if (!supportsConfiguration && s && typeof s === 'object') globalSettings = s;
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

/**
 * Requests on big documents are answered by an analysis worker (the one that has the document
 * parsed): a first parse and walk of such a file here would hold up every other document's
 * requests (a 20,000-deep nesting is 120 KB; the first hover on 10 MB of metadata took 1.7 s).
 * Outline, folding and colours move above 64 KB; hover, completion, definition, references, the
 * release and pictures above 256 KB. `undefined`: answer here; `{ value: undefined }`: no answer
 * (stopped, failed).
 */
async function inWorker<T>(
  d: { e: Entry; doc: ParsedDocument },
  task: Exclude<Task, 'analyze'>,
  options: AnalysisOptions,
  at?: { position?: Position; includeDeclaration?: boolean; range?: Range },
): Promise<{ value: T | undefined } | undefined> {
  const min = isBackground(task) ? OFFLOAD_CHARS : INTERACTIVE_OFFLOAD_CHARS;
  if (!pool || pool.broken || d.doc.text.length <= min) return undefined;
  if (d.e.killed?.version === d.e.version) return { value: undefined };
  const version = d.e.version;
  const o = await pool.submit({ task, uri: d.e.uri, languageId: d.doc.languageId, version, text: d.doc.text, options, ...at });
  if (o.kind === 'unavailable') return undefined;
  if (o.kind === 'failed') log(`blockwise: ${task} on ${d.e.uri} failed: ${o.message}`);
  if (o.kind === 'failed' && o.died && d.e.version === version) workerDied(d.e, o.message);
  return { value: o.kind === 'done' ? (o.value as T) : undefined };
}
const OFFLOAD_CHARS = 64 * 1024;
/** A file the editor asks to draw by path (a backup version) is read only up to this size. */
const MAX_DRAWN_FILE = 64 * 1024 * 1024;
const INTERACTIVE_OFFLOAD_CHARS = 256 * 1024;
let mapJobs = 0;
type Release = { release: string; reason: string; source: string };

connection.onDocumentSymbol(async (p) => {
  const d = await docFor(p.textDocument.uri);
  if (!d) return [];
  const settings = await settingsFor(d.e.uri);
  const options = optionsFrom(settings, d.doc.languageId, d.e.uri);
  const far = await guardAsync('documentSymbol', undefined, () => inWorker<DocSymbol[]>(d, 'symbols', options));
  if (far) return (far.value ?? []).map(toSymbol);
  return guard('documentSymbol', [], () => capSymbols(HANDLERS[d.doc.languageId].symbols(d.doc, options)).map(toSymbol));
});

connection.onFoldingRanges(async (p) => {
  const d = await docFor(p.textDocument.uri);
  if (!d) return [];
  const toLsp = (fs: FoldRange[]): FoldingRange[] => fs.filter((f) => f.endLine > f.startLine).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind }));
  const far = await guardAsync('foldingRange', undefined, () => inWorker<FoldRange[]>(d, 'folding', {}));
  if (far) return toLsp(far.value ?? []);
  return guard('foldingRange', [] as FoldingRange[], () => toLsp(capFolding(HANDLERS[d.doc.languageId].folding(d.doc))));
});

connection.languages.semanticTokens.on(async (p) => {
  const d = await docFor(p.textDocument.uri);
  if (!d) return { data: [] };
  const far = await guardAsync('semanticTokens', undefined, () => inWorker<SemanticTokens>(d, 'tokens', {}));
  if (far) return far.value ?? { data: [] };
  return guard('semanticTokens', { data: [] }, () => semanticTokens(d.doc));
});

connection.languages.semanticTokens.onRange(async (p) => {
  const d = await docFor(p.textDocument.uri);
  if (!d) return { data: [] };
  const far = await guardAsync('semanticTokens/range', undefined, () => inWorker<SemanticTokens>(d, 'tokens', {}, { range: p.range }));
  if (far) return far.value ?? { data: [] };
  return guard('semanticTokens/range', { data: [] }, () => semanticTokens(d.doc, p.range));
});

connection.onHover(async (p) => {
  const d = await docFor(p.textDocument.uri);
  const h = d && HANDLERS[d.doc.languageId].hover;
  if (!d) return null;
  const settings = await settingsFor(d.e.uri);
  const options = optionsFrom(settings, d.doc.languageId, d.e.uri);
  const far = await guardAsync('hover', undefined, () => inWorker<{ hover: HoverResult | null; release?: Release }>(d, 'hover', options, { position: p.position }));
  // The first line says which release the file is checked as, and why.
  const release = far ? far.value?.release : p.position.line === 0 ? guard('release', undefined, () => HANDLERS[d.doc.languageId].release?.(d.doc, options)) : undefined;
  // The reason may name the host of a remote document (from its URI): escaped, as every name in hover markdown.
  const host = remoteHostOf(d.e.uri);
  const reason = release && host ? release.reason.split(host).join(mdText(host)) : release?.reason;
  const releaseText = release ? `Checked as ${d.doc.languageId === 'kickstart' ? '' : 'lvm2 '}${release.release}: ${reason}.` : undefined;
  const r = far ? (far.value?.hover ?? null) : h ? guard('hover', null, () => h(d.doc, p.position, options)) : null;
  if (!r) return releaseText ? { contents: markup(releaseText, features.markdownHover) } : null;
  let value = releaseText ? `${releaseText}\n\n---\n${r.contents}` : r.contents;
  // lvm.conf: add the host's own description of the setting when lvmconfig is installed.
  const path = d.doc.languageId === 'lvm-conf' && settings.lvmconf?.hostComments !== false ? /^\*\*([a-z_]+(?:\/[a-z_]+)+)\*\* — (?!section)/.exec(value)?.[1] : undefined;
  if (path) {
    const extra = await hostComment(path).catch(() => undefined);
    if (extra) value += `\n\n---\nOn this host (\`lvmconfig\`):\n\n${extra.replace(/\n/g, '  \n')}`;
  }
  return { contents: markup(value, features.markdownHover), range: r.range };
});

connection.onCompletion(async (p) => {
  const d = await docFor(p.textDocument.uri);
  const c = d && HANDLERS[d.doc.languageId].completion;
  if (!d || !c) return [];
  const settings = await settingsFor(d.e.uri);
  const options = optionsFrom(settings, d.doc.languageId, d.e.uri);
  const far = await guardAsync('completion', undefined, () => inWorker<CompletionEntry[]>(d, 'completion', options, { position: p.position }));
  return guard('completion', [] as CompletionItem[], () =>
    (far ? (far.value ?? []) : c(d.doc, p.position, options)).map(toCompletion).filter((x): x is CompletionItem => !!x),
  );
});

connection.onCodeAction(async (p) => {
  const d = await docFor(p.textDocument.uri);
  if (!d) return [];
  return guard('codeAction', [] as CodeAction[], () => {
    const out: CodeAction[] = [];
    for (const diag of p.context?.diagnostics ?? []) {
      if (diag.source !== 'blockwise') continue;
      const fixes = (diag.data as { fixes?: Fix[] } | undefined)?.fixes;
      if (!Array.isArray(fixes)) continue;
      for (const f of fixes) {
        if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits)) continue;
        out.push({
          title: f.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: f.preferred,
          edit: { changes: { [p.textDocument.uri]: f.edits } },
        });
      }
      // Every finding can be silenced for one line.
      const code = typeof diag.code === 'string' ? diag.code : undefined;
      if (code && ruleDoc(code) && code !== 'grammar-missing' && code !== 'internal-error') {
        const line = diag.range.start.line;
        const indent = /^\s*/.exec(d.doc.lines.lineText(line))?.[0] ?? '';
        out.push({
          title: `Silence ${code} on this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          edit: {
            changes: {
              [p.textDocument.uri]: [
                { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# blockwise-disable-next-line ${code}\n` },
              ],
            },
          },
        });
      }
    }
    return out;
  });
});

connection.onDefinition(async (p) => {
  const d = await docFor(p.textDocument.uri);
  const def = d && HANDLERS[d.doc.languageId].definition;
  if (!d || !def) return [];
  const far = await guardAsync('definition', undefined, () => inWorker<Range[]>(d, 'definition', {}, { position: p.position }));
  return guard('definition', [] as Location[], () => (far ? (far.value ?? []) : def(d.doc, p.position)).map((range) => ({ uri: d.e.uri, range })));
});

connection.onReferences(async (p) => {
  const d = await docFor(p.textDocument.uri);
  const refs = d && HANDLERS[d.doc.languageId].references;
  if (!d || !refs) return [];
  const includeDeclaration = !!p.context?.includeDeclaration;
  const far = await guardAsync('references', undefined, () => inWorker<Range[]>(d, 'references', {}, { position: p.position, includeDeclaration }));
  return guard('references', [] as Location[], () => (far ? (far.value ?? []) : refs(d.doc, p.position, includeDeclaration)).map((range) => ({ uri: d.e.uri, range })));
});

connection.onDocumentFormatting(async (p) => {
  const d = await docFor(p.textDocument.uri);
  const fmt = d && HANDLERS[d.doc.languageId].format;
  if (!d || !fmt) return [];
  return guard('formatting', [], () => fmt(d.doc, { tabSize: p.options?.tabSize ?? 4, insertSpaces: p.options?.insertSpaces ?? false }));
});

/**
 * `blockwise/detectLanguage`: the language a file should have from its path and first bytes, for
 * files the editor opened under a generic language (a metadata backup saved as `vg0.txt`).
 */
connection.onRequest('blockwise/detectLanguage', (p: { path?: unknown; head?: unknown }) =>
  guard('detectLanguage', null, () =>
    detectLanguage(typeof p?.path === 'string' ? p.path : '', typeof p?.head === 'string' ? p.head : undefined) ?? null,
  ),
);

/**
 * `blockwise/map`: the picture (extent map or storage plan) of an open document as SVG text, or
 * of a text that is not open (a backup version): `{uri}` or `{text, languageId}`. The SVG's
 * clickable parts carry data-at (text offsets) and data-line (0-based lines) for reveal.
 */
connection.onRequest('blockwise/map', async (p: { uri?: unknown; text?: unknown; path?: unknown; languageId?: unknown }) => {
  await grammarsReady;
  const started = Date.now();
  // A file (the backups browser's version): read here, capped, so the extension host never holds it.
  if (typeof p?.path === 'string' && p.text === undefined) {
    const r = await readBounded(p.path, MAX_DRAWN_FILE);
    if ('error' in r) return r;
    p = { text: r.text, languageId: p.languageId };
  }
  if (typeof p?.uri === 'string') {
    const d = await docFor(p.uri);
    if (!d) return { error: 'the document is not open as LVM metadata or kickstart' };
    const settings = await settingsFor(p.uri);
    const opts = optionsFrom(settings, d.doc.languageId, d.e.uri);
    const far = await guardAsync('map', undefined, () => inWorker<{ error: string } | { kind: string; svg: string }>(d, 'map', opts));
    if (far) return far.value ? { ...far.value, version: d.e.version, ms: Date.now() - started } : { error: 'the picture could not be drawn (see the Blockwise output)' };
    return guard('map', { error: 'the picture could not be drawn (see the Blockwise output)' }, () => {
      const pic = pictureOf(d.doc, { target: opts.target, severities: opts.severities });
      if ('error' in pic) return { error: pic.error };
      const drawn = drawSvg(pic);
      if ('error' in drawn) return drawn;
      return { kind: pic.kind, svg: drawn.svg, version: d.e.version, ms: Date.now() - started };
    });
  }
  if (typeof p?.text === 'string' && (p.languageId === 'lvm-metadata' || p.languageId === 'kickstart')) {
    const lang = p.languageId as LanguageId;
    if (missingGrammar(lang)) return { error: 'the parser is not available' };
    if (pool && !pool.broken && p.text.length > INTERACTIVE_OFFLOAD_CHARS) {
      // A big backup version: drawn in a worker, under a name of its own that it forgets after.
      const uri = `blockwise:map/${++mapJobs}`;
      const o = await pool.submit({ task: 'map', uri, languageId: lang, version: 0, text: p.text, options: {} });
      pool.forget(uri);
      if (o.kind === 'done') return { ...(o.value as object), ms: Date.now() - started };
      if (o.kind !== 'unavailable') return { error: o.kind === 'over-budget' ? 'drawing the picture went over its time budget' : 'the picture could not be drawn (see the Blockwise output)' };
    }
    const doc = new ParsedDocument('blockwise:map', lang, p.text);
    try {
      return guard('map', { error: 'the picture could not be drawn (see the Blockwise output)' }, () => {
        const pic = pictureOf(doc);
        if ('error' in pic) return { error: pic.error };
        const drawn = drawSvg(pic);
        if ('error' in drawn) return drawn;
        return { kind: pic.kind, svg: drawn.svg, ms: Date.now() - started };
      });
    } finally {
      doc.dispose();
    }
  }
  return { error: 'blockwise/map needs a uri, or a text with languageId lvm-metadata or kickstart' };
});

/**
 * `blockwise/mapChange` {before, after, labels?} or {beforePath, afterPath, labels?}: what changed between two versions of a VG's
 * metadata (the backups browser's compare) as SVG, drawn here or in a worker (never on the
 * extension host), under the pictures' limits: `{svg}` or `{error}`.
 */
connection.onRequest('blockwise/mapChange', async (p: { before?: unknown; after?: unknown; beforePath?: unknown; afterPath?: unknown; labels?: { a?: unknown; b?: unknown } }) => {
  await grammarsReady;
  if (typeof p?.beforePath === 'string' && typeof p.afterPath === 'string') {
    const a = await readBounded(p.beforePath, MAX_DRAWN_FILE);
    if ('error' in a) return a;
    const b = await readBounded(p.afterPath, MAX_DRAWN_FILE);
    if ('error' in b) return b;
    p = { before: a.text, after: b.text, labels: p.labels };
  }
  if (typeof p?.before !== 'string' || typeof p.after !== 'string') return { error: 'blockwise/mapChange needs the before and after texts' };
  if (missingGrammar('lvm-metadata')) return { error: 'the parser is not available' };
  const started = Date.now();
  const labels = { a: typeof p.labels?.a === 'string' ? p.labels.a : 'before', b: typeof p.labels?.b === 'string' ? p.labels.b : 'after' };
  if (pool && !pool.broken && p.before.length + p.after.length > INTERACTIVE_OFFLOAD_CHARS) {
    const uri = `blockwise:change/${++mapJobs}`;
    const o = await pool.submit({ task: 'change', uri, languageId: 'lvm-metadata', version: 0, text: p.before, other: p.after, labels, options: {} });
    pool.forget(uri);
    if (o.kind === 'done') return { ...(o.value as object), ms: Date.now() - started };
    if (o.kind !== 'unavailable') return { error: o.kind === 'over-budget' ? 'drawing the picture went over its time budget' : 'the picture could not be drawn (see the Blockwise output)' };
  }
  const a = new ParsedDocument('blockwise:change/a', 'lvm-metadata', p.before);
  const b = new ParsedDocument('blockwise:change/b', 'lvm-metadata', p.after);
  try {
    return guard('mapChange', { error: 'the picture could not be drawn (see the Blockwise output)' }, () => {
      const pa = pictureOf(a);
      const pb = pictureOf(b);
      if ('error' in pa) return { error: pa.error };
      if ('error' in pb) return { error: pb.error };
      return { ...drawChangeSvg(pa, pb, labels), ms: Date.now() - started };
    });
  } finally {
    a.dispose();
    b.dispose();
  }
});

/**
 * `blockwise/backupDiff` {beforePath, afterPath, labels}: the structural changes between two
 * backup versions as markdown (`{markdown}` or `{error}`), for the backups browser: read here
 * (regular files up to 64 MB), compared here or in a worker, never on the extension host.
 */
connection.onRequest('blockwise/backupDiff', async (p: { beforePath?: unknown; afterPath?: unknown; labels?: { a?: unknown; b?: unknown } }) => {
  await grammarsReady;
  if (typeof p?.beforePath !== 'string' || typeof p.afterPath !== 'string') return { error: 'blockwise/backupDiff needs beforePath and afterPath' };
  if (missingGrammar('lvm-metadata')) return { error: 'the parser is not available' };
  const a = await readBounded(p.beforePath, MAX_DRAWN_FILE);
  if ('error' in a) return a;
  const b = await readBounded(p.afterPath, MAX_DRAWN_FILE);
  if ('error' in b) return b;
  const labels = { a: typeof p.labels?.a === 'string' ? p.labels.a : p.beforePath, b: typeof p.labels?.b === 'string' ? p.labels.b : p.afterPath };
  if (pool && !pool.broken && a.text.length + b.text.length > INTERACTIVE_OFFLOAD_CHARS) {
    const uri = `blockwise:diff/${++mapJobs}`;
    const o = await pool.submit({ task: 'diff', uri, languageId: 'lvm-metadata', version: 0, text: a.text, other: b.text, labels, options: {} });
    pool.forget(uri);
    if (o.kind === 'done') return { markdown: o.value as string };
    if (o.kind !== 'unavailable') return { error: o.kind === 'over-budget' ? 'comparing the versions went over its time budget' : 'the versions could not be compared (see the Blockwise output)' };
  }
  return guard<{ markdown?: string; error?: string }>('backupDiff', { error: 'the versions could not be compared (see the Blockwise output)' }, () => ({ markdown: formatDiff(diffTexts(a.text, b.text), labels, true) }));
});

/**
 * `blockwise/analyzeRefresh` (a host's refresh output, remote/analyze.ts RefreshOutput): the host's
 * result, computed here or, for output over 64 KB, in an analysis worker: the hosts view sends
 * what ssh printed, so a big or hostile report is never parsed on the extension host's thread.
 */
connection.onRequest('blockwise/analyzeRefresh', async (p: RefreshOutput) => {
  const host = typeof p?.host === 'string' ? p.host : '?';
  const failed = (error: string): HostResult => ({ host, ok: false, error, errorKind: 'output', vgs: [], findings: [], ms: typeof p?.ms === 'number' ? p.ms : 0 });
  if (!p || typeof p.stdout !== 'string' || typeof p.stderr !== 'string') return failed('no refresh output to analyse');
  const { stdout, ...rest } = p;
  if (pool && !pool.broken && stdout.length > OFFLOAD_CHARS) {
    const uri = `blockwise:remote/${++mapJobs}`;
    const o = await pool.submit({ task: 'remote', uri, languageId: 'lvm-conf', version: 0, text: stdout, remote: rest, options: {} });
    pool.forget(uri);
    if (o.kind === 'done') return o.value as HostResult;
    if (o.kind !== 'unavailable') return failed(o.kind === 'over-budget' ? 'analysing the output went over its time budget' : `the output could not be analysed${o.kind === 'failed' ? `: ${o.message}` : ''}`);
  }
  return guard('analyzeRefresh', failed('the output could not be analysed (see the Blockwise output)'), () => analyzeRefreshOutput(p));
});

/**
 * `blockwise/release` {uri}: the release an open document is checked as and why, for the status
 * bar: `{release, reason, source, label}` (label: "lvm2 2.02.187" or "RHEL 8"), or null when the
 * document is not open as one of ours or its language has no releases.
 */
connection.onRequest('blockwise/release', async (p: { uri?: unknown }) => {
  if (typeof p?.uri !== 'string') return null;
  await grammarsReady;
  const d = await docFor(p.uri);
  if (!d) return null;
  const options = optionsFrom(await settingsFor(p.uri), d.doc.languageId, p.uri);
  const far = await guardAsync('release', undefined, () => inWorker<Release | null>(d, 'release', options));
  const r = far ? far.value : guard('release', undefined, () => HANDLERS[d.doc.languageId].release?.(d.doc, options));
  if (!r) return null;
  const label = d.doc.languageId === 'kickstart' ? r.release : `lvm2 ${r.release}`;
  return { release: r.release, reason: r.reason, source: r.source, label, languageId: d.doc.languageId, version: d.e.version };
});

/**
 * `blockwise/hostRelease` {host, lvmVersion}: the lvm2 version a host reported (client, after a
 * refresh). Open files of that host are checked again as that release.
 */
connection.onNotification('blockwise/hostRelease', (p: { host?: unknown; lvmVersion?: unknown }) => {
  if (typeof p?.host !== 'string' || typeof p.lvmVersion !== 'string') return;
  const v = /^(\d+\.\d+\.\d+)/.exec(p.lvmVersion)?.[1];
  if (!v || hostVersions.get(p.host) === v) return;
  hostVersions.set(p.host, v);
  for (const e of entries.values()) {
    if (remoteHostOf(e.uri) !== p.host) continue;
    e.generation++;
    schedule(e, 0);
  }
});

/** `blockwise/status`: which grammars loaded and how many documents are open (tests, the status bar). */
connection.onRequest('blockwise/status', async () => {
  await grammarsReady;
  return {
    grammars: Object.fromEntries((['lvm', 'kickstart', 'bash'] as GrammarName[]).map((g) => [g, grammarErrors.get(g) ?? 'ok'])),
    documents: entries.size,
    pid: process.pid,
    analysis: pool ? pool.stats() : { workers: 0, inThread: true },
  };
});

connection.onShutdown(() => {
  shuttingDown = true;
  for (const uri of [...entries.keys()]) close(uri);
  pool?.dispose();
});

/**
 * Start the analysis workers: two kept (a slow file occupies one, the rest of the workspace uses
 * the other), up to four (no more than the cores) while all are busy. `analysisWorkers: 0` in the initialization options or
 * BLOCKWISE_ANALYSIS_WORKERS=0 keeps analysis in this thread (debugging; no isolation then).
 */
function startPool(init: { analysisWorkers?: unknown; analysisBudgetMs?: unknown; analysisStopAfterMs?: unknown; analysisHeapMb?: unknown }): void {
  const env = process.env.BLOCKWISE_ANALYSIS_WORKERS;
  const wanted = typeof init.analysisWorkers === 'number' ? init.analysisWorkers : env !== undefined && env !== '' ? Number(env) : 2;
  if (!(wanted > 0) || pool) return;
  if (typeof init.analysisBudgetMs === 'number' && init.analysisBudgetMs > 0) {
    const fixed = init.analysisBudgetMs;
    analysisBudget = () => fixed;
  }
  const stopAfterMs = typeof init.analysisStopAfterMs === 'number' && init.analysisStopAfterMs >= 0 ? init.analysisStopAfterMs : 300;
  pool = new AnalysisPool({
    script: join(__dirname, 'analysis-worker.js'),
    min: Math.min(wanted, 2),
    // No more workers than cores: past that, more threads only share the same CPUs and a small
    // document's analysis waits behind big ones for its share.
    max: Math.max(Math.min(wanted, 2), Math.min(Math.max(wanted, 4), availableParallelism())),
    budgetMs: analysisBudget,
    stopAfterMs,
    idleMs: 60_000,
    // (analysisHeapMb: tests make a worker die of its heap limit with a small one.)
    heapMb: typeof init.analysisHeapMb === 'number' && init.analysisHeapMb >= 16 ? init.analysisHeapMb : 2048,
    recycleChars: 4 * 1024 * 1024,
    log,
  });
  if (pool.broken) log(`blockwise: ${pool.broken}; analysing in the server's own thread`);
}

// Last line of defence: an unexpected error is logged, the process keeps serving.
process.on('uncaughtException', (e) => log(`blockwise: uncaught ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`blockwise: unhandled rejection ${(e as Error)?.stack ?? e}`));

void initialized;
connection.listen();
