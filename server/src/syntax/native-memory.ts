// Native tree-sitter trees live in C memory, freed by the binding's N-API finalizer when a Tree's
// JS object is collected. Node runs N-API finalizers from the event loop, not inside the
// collection: in a loop that never yields (a `check` of 100,000 archive files awaits only settled
// promises) no tree is ever freed, and the run grew to 2.1 GB (293 MB with wasm, whose trees are
// deleted explicitly). So every 256 files on the native runtime the loop yields one turn of the
// event loop (setImmediate): the finalizers of the trees V8's young-generation collections found
// dropped since then run and free them. (Forcing a full collection as well freed nothing more at
// 20,000 files and made 100,000 three times slower.) Nothing happens on wasm.
import { parserRuntime } from './treesitter';

const EVERY_FILES = 256;
let files = 0;

/**
 * Await after each file is done (its tree dropped): on the native runtime, every 256 files,
 * lets the finalizers of dropped trees run. Resolves at once otherwise.
 */
export async function fileDone(): Promise<void> {
  if (++files % EVERY_FILES !== 0 || parserRuntime() !== 'native') return;
  await new Promise<void>((resolve) => setImmediate(resolve));
}
