// Entry of dist/server/analysis-worker.js: one analysis thread of the language server. It loads the
// grammars itself (a wasm module instance cannot be shared between threads), then answers each
// `run` message with the findings (or, for big documents, the outline or folding ranges) of a fresh
// parse of the text it was sent. The server ends a
// worker whose job goes over its time budget or is overtaken by an edit (worker.terminate() stops
// even a parse that never returns to the event loop), so nothing here needs to poll for that.
import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../analyze';
import { ParsedDocument } from '../core/document';
import { configureTokens, semanticTokens } from '../features/tokens';
import { HANDLERS } from '../languages';
import { loadLanguage, useRuntime, wasmDir, type GrammarName } from '../syntax/treesitter';
import type { AnalyzeRequest, WorkerMessage } from './protocol';

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

port.on('message', (m: AnalyzeRequest) => {
  void ready.then(() => {
    post({ type: 'start', id: m.id });
    let doc: ParsedDocument | undefined;
    try {
      doc = new ParsedDocument(m.uri, m.languageId, m.text, m.version);
      const handler = HANDLERS[m.languageId];
      const value =
        m.task === 'symbols'
          ? handler.symbols(doc, m.options)
          : m.task === 'folding'
            ? handler.folding(doc)
            : m.task === 'tokens'
              ? semanticTokens(doc, m.range)
              : analyzeDocument(doc, m.options);
      post({ type: 'result', id: m.id, value });
    } catch (e) {
      post({ type: 'error', id: m.id, message: (e as Error)?.message ?? String(e) });
    } finally {
      doc?.dispose();
    }
  });
});
