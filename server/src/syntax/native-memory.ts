// Native tree-sitter trees live in C memory, freed by the binding's N-API finalizer when a Tree's
// JS object is collected. Node runs N-API finalizers from the event loop, not inside the
// collection: in a loop that never yields (a `check` of 100,000 archive files awaits only settled
// promises) no tree is ever freed, and the run grew to 2.1 GB (293 MB with wasm, whose trees are
// deleted explicitly). So every 256 files on the native runtime the loop yields one turn of the
// event loop (setImmediate), after a full collection when the process has grown past 192 MB: the
// finalizers of every tree dropped since then run and free them. Nothing happens on wasm.
import { runInNewContext } from 'node:vm';
import { parserRuntime } from './treesitter';

const EVERY_FILES = 256;
const RSS_BYTES = 192 * 1024 * 1024;
let files = 0;
let gc: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (gc !== undefined) return gc;
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return (gc = g);
  try {
    // --expose-gc set at run time takes effect for new contexts: take `gc` from one.
    // node:v8 is loaded only here: loading it at start brings Node's stream modules (start-up time).
    process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    gc = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    gc = null;
  }
  return gc;
}

/**
 * Await after each file is done (its tree dropped): on the native runtime, every 256 files,
 * lets the finalizers of dropped trees run. Resolves at once otherwise.
 */
export async function fileDone(): Promise<void> {
  if (++files % EVERY_FILES !== 0 || parserRuntime() !== 'native') return;
  if (process.memoryUsage.rss() > RSS_BYTES) collector()?.();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
