// The analysis workers (worker/pool.ts): analysis runs in worker threads so that one slow or
// hostile file never holds up the connection: hover, completion and other documents' diagnostics
// go on meanwhile. Created at `initialize`; without it (no worker script,
// BLOCKWISE_ANALYSIS_WORKERS=0) analysis runs in the server's own thread.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool } from '../worker/pool';
import { log } from './connection';

export let pool: AnalysisPool | undefined;
/** A job's time budget: 10 s plus 2 ms per KiB (a valid 10 MB metadata file takes about 3 s here). */
let analysisBudget = (textLength: number): number => 10_000 + (2 * textLength) / 1024;

/**
 * Start the analysis workers: two kept (a slow file occupies one, the rest of the workspace uses
 * the other), up to four (no more than the cores) while all are busy. `analysisWorkers: 0` in the initialization options or
 * BLOCKWISE_ANALYSIS_WORKERS=0 keeps analysis in this thread (debugging; no isolation then).
 */
export function startPool(init: { analysisWorkers?: unknown; analysisBudgetMs?: unknown; analysisStopAfterMs?: unknown; analysisHeapMb?: unknown }): void {
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

/** Texts above this size have their background work (outline, folding, colours, diagnostics) done in a worker. */
export const OFFLOAD_CHARS = 64 * 1024;
/** ... and their interactive requests (hover, completion, definition, references, release, pictures) too above this. */
export const INTERACTIVE_OFFLOAD_CHARS = 256 * 1024;
/** A file the editor asks to draw by path (a backup version) is read only up to this size. */
export const MAX_DRAWN_FILE = 64 * 1024 * 1024;

let jobs = 0;
/** A name of its own for a job on a text that is not an open document (the worker forgets it after). */
export function jobUri(prefix: string): string {
  return `${prefix}/${++jobs}`;
}
