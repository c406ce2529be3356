// The language server's analysis threads. Analysing a document runs in a worker thread, so a file
// that takes seconds (10 MB of metadata, a hostile file) never holds up the LSP connection: hover,
// completion and the diagnostics of other documents go on meanwhile. A job has a time budget; past
// it, or once an edit has made it stale and it has run for a while, its worker is ended
// (Worker.terminate stops even a parse that never yields) and replaced.
// No LSP here: the server turns outcomes into diagnostics (lsp/registry.ts, publish).
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Range } from '../core/types';
import { isBackground, type AnalyzeRequest, type Task, type WorkerMessage } from './protocol';

const rank = (t: Task): number => (t === 'analyze' ? 1 : isBackground(t) ? 2 : 0);

/** An error a worker cannot be trusted to go on after: memory exhausted (V8 or wasm). */
const UNUSABLE = /out of memory|\bOOM\b|Aborted\(|memory access out of bounds|allocation failed|Cannot allocate/i;

/** A text above this many characters is "big": it may not take the last idle worker. */
export const BIG = 512 * 1024;

export type Outcome =
  | { kind: 'done'; value: unknown; ms: number }
  /** Stopped at its time budget; nothing from the file was checked. */
  | { kind: 'over-budget'; budgetMs: number }
  /** The worker failed (an exception, out of memory); the message says how. `died`: the worker itself ended. */
  | { kind: 'failed'; message: string; died?: boolean }
  /** A newer version of the document (or its closing) overtook the job: publish nothing. */
  | { kind: 'superseded' }
  /** No worker can run (the worker script is missing or dies while starting): analyse in-thread. */
  | { kind: 'unavailable'; reason: string };

/** One job: the document version and what to compute (the worker's request without its envelope). */
export type JobInput = Omit<AnalyzeRequest, 'type' | 'id'>;

export interface PoolOptions {
  /** The worker script (dist/server/analysis-worker.js beside the server bundle). */
  script: string;
  /** Workers kept running; the first starts at once, the others one after another. */
  min: number;
  /** Most workers at once: more start only while every running one is busy. */
  max: number;
  /** The time budget of one job, from its start in the worker. */
  budgetMs: (textLength: number) => number;
  /** A running job overtaken by an edit is stopped once it has run this long; a shorter one finishes and is dropped. */
  stopAfterMs: number;
  /** Workers beyond `min` end after being idle this long. */
  idleMs: number;
  /** V8 heap limit of a worker, MB: a file that needs more ends its worker, not the server. */
  heapMb?: number;
  /**
   * A worker that has held a text longer than this is replaced once it holds no document any more:
   * a V8 heap and a wasm memory, once grown, are not given back to the system while the thread lives.
   */
  recycleChars?: number;
  log?: (s: string) => void;
}

interface Job {
  id: number;
  input: JobInput;
  resolve: (o: Outcome) => void;
  superseded?: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Documents this worker has parsed (it keeps them for incremental reparses). */
  docs: Set<string>;
  /** The longest text it has been sent. */
  peak: number;
  job?: Job;
  startedAt?: number;
  budget?: NodeJS.Timeout;
  /** Stops a superseded job that is still running after stopAfterMs. */
  stop?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
  ended?: boolean;
}

export interface PoolStats {
  workers: number;
  ready: number;
  queued: number;
  running: { uri: string; task: Task; version: number; ms: number }[];
  /** Jobs stopped because an edit overtook them. */
  stopped: number;
  /** Jobs stopped at their time budget. */
  overBudget: number;
  /** Workers started in this process. */
  started: number;
  /** Workers replaced after the big documents they held were closed (their memory given back). */
  recycled: number;
  /** Workers that died running a job (heap limit, crash). */
  died: number;
  /** Jobs that ended with a result, by task. */
  completed: Partial<Record<Task, number>>;
  broken?: string;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private counts = { stopped: 0, overBudget: 0, started: 0, recycled: 0, died: 0, completed: {} as Partial<Record<Task, number>> };
  private disposed = false;
  /** Set when workers cannot run at all; every job is then `unavailable`. */
  broken?: string;

  constructor(private readonly o: PoolOptions) {
    if (!existsSync(o.script)) this.broken = `the analysis worker ${o.script} is missing`;
    else if (o.min > 0) this.spawn();
  }

  /** Run a task on a document version. A queued or running job of the same task and document is superseded. */
  submit(input: JobInput): Promise<Outcome> {
    if (this.broken) return Promise.resolve({ kind: 'unavailable', reason: this.broken });
    if (this.disposed) return Promise.resolve({ kind: 'superseded' });
    this.supersede(input.uri, input.task, input.range);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, input, resolve });
      this.pump();
    });
  }

  /**
   * The document changed or closed (every task), or a task is asked again: drop the queued jobs,
   * stop the running ones that have run a while.
   */
  supersede(uri: string, task?: Task, range?: Range): void {
    const same = (a?: Range, b?: Range) => (a === undefined ? b === undefined : b !== undefined && a.start.line === b.start.line && a.end.line === b.end.line);
    const hit = (j: Job) => j.input.uri === uri && (task === undefined || (j.input.task === task && same(j.input.range, range)));
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (hit(this.queue[i])) this.queue.splice(i, 1)[0].resolve({ kind: 'superseded' });
    }
    const now = performance.now();
    for (const s of [...this.slots]) {
      if (!s.job || !hit(s.job) || s.job.superseded) continue;
      s.job.superseded = true;
      // A stale job that has run for stopAfterMs is stopped (its worker ended and replaced); one
      // that ends before that only has its result dropped, which keeps a warm worker while typing.
      const ran = s.startedAt === undefined ? 0 : now - s.startedAt;
      const stop = () => {
        this.counts.stopped++;
        this.end(s, { kind: 'superseded' });
      };
      if (ran >= this.o.stopAfterMs) stop();
      else {
        const job = s.job;
        s.stop = setTimeout(() => {
          if (s.job === job && !s.ended) stop();
        }, this.o.stopAfterMs - ran);
      }
    }
    this.pump();
  }

  /** The document closed: every worker forgets its parse; one that grew big for it is replaced. */
  forget(uri: string): void {
    this.supersede(uri);
    for (const s of [...this.slots]) {
      if (!s.docs.delete(uri)) continue;
      s.worker.postMessage({ type: 'drop', uri });
      if (!s.docs.size && !s.job && s.ready && s.peak > (this.o.recycleChars ?? Infinity)) {
        this.counts.recycled++;
        this.end(s, { kind: 'superseded' });
      }
    }
  }

  stats(): PoolStats {
    const now = performance.now();
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      queued: this.queue.length,
      running: this.slots.filter((s) => s.job && s.startedAt !== undefined).map((s) => ({ uri: s.job!.input.uri, task: s.job!.input.task, version: s.job!.input.version, ms: Math.round(now - s.startedAt!) })),
      ...this.counts,
      completed: { ...this.counts.completed },
      broken: this.broken,
    };
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.queue.splice(0)) j.resolve({ kind: 'superseded' });
    for (const s of [...this.slots]) this.end(s, { kind: 'superseded' });
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.o.script, { resourceLimits: this.o.heapMb ? { maxOldGenerationSizeMb: this.o.heapMb } : undefined, stdout: true, stderr: true });
    } catch (e) {
      this.fail(`cannot start an analysis worker: ${(e as Error).message}`);
      return;
    }
    this.counts.started++;
    const slot: Slot = { worker, ready: false, docs: new Set(), peak: 0 };
    this.slots.push(slot);
    // A worker's console output would otherwise go to the server's stdout, the LSP channel.
    worker.stdout.on('data', (d) => this.o.log?.(`analysis worker: ${String(d).trimEnd()}`));
    worker.stderr.on('data', (d) => this.o.log?.(`analysis worker: ${String(d).trimEnd()}`));
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (e) => this.onExit(slot, `${e?.message ?? e}`));
    worker.on('exit', (code) => this.onExit(slot, `the analysis worker exited (code ${code})`));
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    if (slot.ended) return;
    switch (m.type) {
      case 'ready': {
        slot.ready = true;
        const bad = Object.entries(m.errors);
        if (bad.length) this.o.log?.(`blockwise: analysis worker grammars: ${bad.map(([g, e]) => `${g}: ${e}`).join('; ')}`);
        // The other workers start one after another, so start-up does not load every core at once.
        if (this.slots.length < this.o.min) this.spawn();
        break;
      }
      case 'start': {
        if (slot.job?.id !== m.id) return;
        slot.startedAt = performance.now();
        const budgetMs = this.o.budgetMs(slot.job.input.text.length);
        slot.budget = setTimeout(() => {
          this.counts.overBudget++;
          this.end(slot, { kind: 'over-budget', budgetMs });
        }, budgetMs);
        return;
      }
      case 'result':
      case 'error': {
        const job = slot.job;
        if (job?.id !== m.id) return;
        const ms = slot.startedAt === undefined ? 0 : performance.now() - slot.startedAt;
        if (m.type === 'error' && UNUSABLE.test(m.message)) {
          // Memory ran out inside the worker (the wasm heap, an allocation): it is not trusted
          // with another job. Ended and replaced, and its job counts as a death.
          this.counts.died++;
          this.end(slot, job.superseded ? { kind: 'superseded' } : { kind: 'failed', message: m.message, died: true });
          this.dropQueued(job.input);
          return;
        }
        this.release(slot);
        if (job.superseded) job.resolve({ kind: 'superseded' });
        else if (m.type === 'result') {
          this.counts.completed[job.input.task] = (this.counts.completed[job.input.task] ?? 0) + 1;
          job.resolve({ kind: 'done', value: m.value, ms });
        }
        else job.resolve({ kind: 'failed', message: m.message });
        break;
      }
    }
    this.pump();
  }

  /** The worker died (an exception it did not catch, its heap limit, a crash). */
  private onExit(slot: Slot, why: string): void {
    if (slot.ended) return;
    const job = slot.job;
    const wasReady = slot.ready;
    this.remove(slot);
    if (job) this.counts.died++;
    if (job) job.resolve(job.superseded ? { kind: 'superseded' } : { kind: 'failed', message: why, died: true });
    if (job) this.dropQueued(job.input);
    if (!wasReady && !this.disposed) {
      // It never got as far as loading its grammars: starting more would fail the same way.
      this.fail(`the analysis worker could not start: ${why}`);
      return;
    }
    this.o.log?.(`blockwise: ${why}; starting another`);
    this.pump();
  }

  /**
   * A job killed its worker: the other jobs queued for the same document version would likely do
   * the same, one worker after another. They are dropped (superseded); the server reports the death once.
   */
  private dropQueued(input: JobInput): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const q = this.queue[i].input;
      if (q.uri === input.uri && q.version === input.version) this.queue.splice(i, 1)[0].resolve({ kind: 'superseded' });
    }
  }

  private fail(reason: string): void {
    this.broken = reason;
    this.o.log?.(`blockwise: ${reason}; analysing in the server's own thread`);
    for (const j of this.queue.splice(0)) j.resolve({ kind: 'unavailable', reason });
  }

  /** End a slot's worker and settle its job with `outcome`. */
  private end(slot: Slot, outcome: Outcome): void {
    const job = slot.job;
    this.remove(slot);
    void slot.worker.terminate().catch(() => undefined);
    job?.resolve(outcome);
    this.pump();
  }

  private remove(slot: Slot): void {
    slot.ended = true;
    clearTimeout(slot.budget);
    clearTimeout(slot.stop);
    clearTimeout(slot.idle);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private release(slot: Slot): void {
    clearTimeout(slot.budget);
    clearTimeout(slot.stop);
    slot.stop = undefined;
    slot.job = undefined;
    slot.startedAt = undefined;
    slot.budget = undefined;
  }

  private pump(): void {
    if (this.disposed || this.broken) return;
    // What a person waits for (hover, completion...) first, then diagnostics, then outline,
    // folding and colours; smallest text first within each. A big text never takes the last idle
    // worker, so the files a person edits are served even while a 10 MB file is being analysed.
    this.queue.sort((a, b) => rank(a.input.task) - rank(b.input.task) || a.input.text.length - b.input.text.length);
    for (let i = 0; i < this.queue.length; ) {
      const idle = this.slots.filter((s) => s.ready && !s.job);
      if (!idle.length) break;
      const job = this.queue[i];
      // (With a single worker allowed there is nothing to keep it for.)
      if (job.input.text.length > BIG && idle.length === 1 && this.o.max > 1) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      // The worker that has the document parsed, when it is free: its reparse is incremental.
      const slot = idle.find((x) => x.docs.has(job.input.uri)) ?? idle[0];
      slot.docs.add(job.input.uri);
      slot.peak = Math.max(slot.peak, job.input.text.length + (job.input.other?.length ?? 0));
      clearTimeout(slot.idle);
      slot.idle = undefined;
      slot.job = job;
      // A function cannot cross to the worker: it makes its own include reader from the URI.
      const { readInclude: _reader, ...options } = job.input.options ?? {};
      const msg: AnalyzeRequest = { type: 'run', id: job.id, ...job.input, options };
      slot.worker.postMessage(msg);
    }
    // Work waiting and every worker busy, starting or kept for small texts: one more, up to max.
    const starting = this.slots.filter((s) => !s.ready).length;
    if (this.queue.length > starting && this.slots.length < this.o.max) this.spawn();
    else if (this.slots.length < this.o.min && starting === 0) this.spawn();
    // Idle workers beyond min end after a while.
    for (const s of this.slots) {
      if (s.ready && !s.job && !s.idle && this.slots.length > this.o.min) {
        s.idle = setTimeout(() => {
          s.idle = undefined;
          if (!s.job && this.slots.length > this.o.min) this.end(s, { kind: 'superseded' });
        }, this.o.idleMs);
        s.idle.unref?.();
      }
    }
  }
}
