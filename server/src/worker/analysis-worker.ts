// Entry of dist/server/analysis-worker.js: one analysis thread of the language server. It loads the
// grammars itself (a wasm module instance cannot be shared between threads), then answers each
// `run` message with the findings (or, for big documents, the outline, folding ranges or colours)
// of the text it was sent. The server ends a worker whose job goes over its time budget or is
// overtaken by an edit (worker.terminate() stops even a parse that never returns to the event
// loop), so nothing here needs to poll for that.
//
// Documents stay parsed here between jobs (the pool sends a document's jobs to the worker that has
// it when that worker is free): a new text is compared with the old one, the differing middle
// becomes one edit, and tree-sitter reparses incrementally, so a one-character change in a 4 MB
// metadata file costs what it costs in the server's own thread.
import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../analyze';
import { ParsedDocument } from '../core/document';
import { configureTokens, semanticTokens } from '../features/tokens';
import { HANDLERS } from '../languages';
import { capFindings, capFolding, capSymbols } from '../core/limits';
import { pictureOf } from '../map/index';
import { drawChangeSvg, drawSvg } from '../map/limits';
import { analyzeRefreshOutput } from '../remote/analyze';
import { diffTexts, formatDiff } from '../backups/diff';
import { loadLanguage, useRuntime, wasmDir, type GrammarName } from '../syntax/treesitter';
import { middleEdit } from './diff';
import type { AnalyzeRequest, WorkerMessage } from './protocol';
import { includeReaderForUri } from '../include-reader';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js runs as a worker thread of the language server');

const post = (m: WorkerMessage) => port.postMessage(m);

const ready = (async () => {
  useRuntime('wasm');
  const errors: Record<string, string> = {};
  let dir: string | undefined;
  try {
    dir = wasmDir();
  } catch (e) {
    for (const g of ['lvm', 'kickstart', 'bash']) errors[g] = (e as Error).message;
  }
  if (dir) {
    const d = dir;
    await Promise.all((['lvm', 'kickstart', 'bash'] as GrammarName[]).map((g) => loadLanguage(g, d).catch((e: Error) => void (errors[g] = e.message))));
  }
  configureTokens({ available: (g) => !errors[g], warn: (s) => console.error(s) });
  post({ type: 'ready', errors });
})();

/** Parsed documents by URI, least recently used first; at most CACHE_CHARS of text in all. */
const docs = new Map<string, ParsedDocument>();
const CACHE_CHARS = 64 * 1024 * 1024;

function documentFor(m: AnalyzeRequest): ParsedDocument {
  const old = docs.get(m.uri);
  docs.delete(m.uri);
  let doc: ParsedDocument | undefined;
  if (old && old.languageId === m.languageId) {
    try {
      const edit = middleEdit(old.text, m.text);
      if (edit) old.update([{ range: { start: old.lines.positionAt(edit.start), end: old.lines.positionAt(edit.end) }, text: edit.text }], m.version);
      old.version = m.version;
      doc = old;
    } catch {
      old.dispose();
    }
  } else old?.dispose();
  doc ??= new ParsedDocument(m.uri, m.languageId, m.text, m.version);
  docs.set(m.uri, doc);
  let total = 0;
  for (const d of docs.values()) total += d.text.length;
  for (const [uri, d] of docs) {
    if (total <= CACHE_CHARS || d === doc) break;
    total -= d.text.length;
    d.dispose();
    docs.delete(uri);
  }
  return doc;
}

function run(m: AnalyzeRequest, doc: ParsedDocument): unknown {
  const readInclude = m.task === 'analyze' ? includeReaderForUri(m.uri) : undefined;
  if (readInclude) m = { ...m, options: { ...m.options, readInclude } };
  const h = HANDLERS[m.languageId];
  const pos = m.position ?? { line: 0, character: 0 };
  switch (m.task) {
    // What goes back is bounded (core/limits.ts): a million findings or outline entries would
    // be copied to the server's thread and then sent as one JSON message.
    case 'analyze':
      return capFindings(analyzeDocument(doc, m.options), undefined, m.options.severities);
    case 'symbols':
      return capSymbols(h.symbols(doc, m.options));
    case 'folding':
      return capFolding(h.folding(doc));
    case 'tokens':
      return semanticTokens(doc, m.range);
    case 'hover':
      return { hover: h.hover?.(doc, pos, m.options) ?? null, release: pos.line === 0 ? h.release?.(doc, m.options) : undefined };
    case 'completion':
      return h.completion?.(doc, pos, m.options) ?? [];
    case 'definition':
      return h.definition?.(doc, pos) ?? [];
    case 'references':
      return h.references?.(doc, pos, !!m.includeDeclaration) ?? [];
    case 'release':
      return h.release?.(doc, m.options) ?? null;
    case 'map': {
      // Capped by elements before anything is drawn, and by bytes (map/limits.ts).
      const pic = pictureOf(doc, { target: m.options.target, severities: m.options.severities });
      if ('error' in pic) return { error: pic.error };
      const drawn = drawSvg(pic);
      return 'error' in drawn ? drawn : { kind: pic.kind, svg: drawn.svg };
    }
    case 'remote':
    case 'diff':
      return undefined; // answered before any document is made (below)
    case 'change': {
      const after = new ParsedDocument(`${m.uri}#after`, m.languageId, m.other ?? '');
      try {
        const a = pictureOf(doc);
        const b = pictureOf(after);
        if ('error' in a) return { error: a.error };
        if ('error' in b) return { error: b.error };
        return drawChangeSvg(a, b, m.labels ?? { a: 'before', b: 'after' });
      } finally {
        after.dispose();
      }
    }
  }
}

port.on('message', (m: AnalyzeRequest | { type: 'drop'; uri: string }) => {
  if (m.type === 'run' && (m.task === 'remote' || m.task === 'diff')) {
    // A host's report, or two backup versions' structural changes (markdown): text in, a result
    // out; no document to keep.
    void ready.then(() => {
      post({ type: 'start', id: m.id });
      try {
        const value = m.task === 'remote' ? analyzeRefreshOutput({ ...m.remote!, stdout: m.text }) : formatDiff(diffTexts(m.text, m.other ?? ''), m.labels ?? { a: 'before', b: 'after' }, true);
        post({ type: 'result', id: m.id, value });
      } catch (e) {
        post({ type: 'error', id: m.id, message: (e as Error)?.message ?? String(e) });
      }
    });
    return;
  }
  if (m.type === 'drop') {
    docs.get(m.uri)?.dispose();
    docs.delete(m.uri);
    return;
  }
  void ready.then(() => {
    post({ type: 'start', id: m.id });
    try {
      const doc = documentFor(m);
      post({ type: 'result', id: m.id, value: run(m, doc) });
    } catch (e) {
      docs.get(m.uri)?.dispose();
      docs.delete(m.uri);
      post({ type: 'error', id: m.id, message: (e as Error)?.message ?? String(e) });
    }
  });
});
