// Running ssh: one child per request, in its own process group, with output caps, a deadline
// and an AbortSignal. A scheduler keeps one request per host in flight and a global cap on
// concurrent ssh processes.
import { spawn } from 'node:child_process';

export interface RunLimits {
  /** stdout cap in bytes (default 16 MiB); the process is killed when it is exceeded. */
  stdoutCap?: number;
  /** stderr cap in bytes (default 64 KiB); stderr beyond it is dropped, not fatal. */
  stderrCap?: number;
  /** Local deadline in ms (default 75 s). */
  deadlineMs?: number;
  /** Grace between SIGTERM and SIGKILL (default 2 s). */
  killGraceMs?: number;
  signal?: AbortSignal;
}

export type RunEnd = 'exit' | 'deadline' | 'stdout-cap' | 'aborted' | 'spawn-error';

export interface RunResult {
  end: RunEnd;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  stderrTruncated: boolean;
  ms: number;
  pid?: number;
  spawnError?: string;
}

/** Observers for tests and the bench: called when an ssh child starts and when it is gone. */
export interface SpawnHooks {
  onSpawn?: (pid: number, argv: string[]) => void;
  onExit?: (pid: number) => void;
}

export function runProcess(program: string, argv: string[], limits: RunLimits = {}, hooks: SpawnHooks = {}): Promise<RunResult> {
  const stdoutCap = limits.stdoutCap ?? 16 * 1024 * 1024;
  const stderrCap = limits.stderrCap ?? 64 * 1024;
  const deadlineMs = limits.deadlineMs ?? 75_000;
  const grace = limits.killGraceMs ?? 2000;
  const t0 = Date.now();
  return new Promise((resolve) => {
    if (limits.signal?.aborted) {
      resolve({ end: 'aborted', code: null, signal: null, stdout: Buffer.alloc(0), stderr: '', stderrTruncated: false, ms: 0 });
      return;
    }
    const child = spawn(program, argv, {
      shell: false,
      windowsHide: true,
      // Own process group (POSIX) so the whole tree can be ended at once.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    let outLen = 0;
    let err = '';
    let errTrunc = false;
    let end: RunEnd | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const pid = child.pid;
    if (pid !== undefined) hooks.onSpawn?.(pid, argv);

    const kill = (why: RunEnd) => {
      if (end === undefined) end = why;
      const sig = (s: NodeJS.Signals) => {
        try {
          if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, s);
          else child.kill(s);
        } catch {
          /* already gone */
        }
      };
      sig('SIGTERM');
      if (!killTimer) killTimer = setTimeout(() => sig('SIGKILL'), grace);
    };
    const deadline = setTimeout(() => kill('deadline'), deadlineMs);
    const onAbort = () => kill('aborted');
    limits.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (d: Buffer) => {
      if (end !== undefined) return;
      if (outLen + d.length > stdoutCap) {
        out.push(d.subarray(0, stdoutCap - outLen));
        outLen = stdoutCap;
        kill('stdout-cap');
        return;
      }
      out.push(d);
      outLen += d.length;
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      if (err.length >= stderrCap) {
        errTrunc = true;
        return;
      }
      err += d;
      if (err.length > stderrCap) {
        err = err.slice(0, stderrCap);
        errTrunc = true;
      }
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      limits.signal?.removeEventListener('abort', onAbort);
      // The group leader is gone; make sure nothing it started lingers in the group.
      if (pid !== undefined && process.platform !== 'win32') {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* group empty */
        }
      }
      if (killTimer) clearTimeout(killTimer);
      if (pid !== undefined) hooks.onExit?.(pid);
      resolve({
        end: spawnError ? 'spawn-error' : (end ?? 'exit'),
        code,
        signal,
        stdout: Buffer.concat(out),
        stderr: err,
        stderrTruncated: errTrunc,
        ms: Date.now() - t0,
        pid,
        spawnError,
      });
    };
    child.on('error', (e) => finish(null, null, e.message));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Counting semaphore (FIFO). */
export class Semaphore {
  private active = 0;
  private waiting: Array<() => void> = [];
  maxSeen = 0;
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('concurrency must be a positive integer');
  }
  get inUse(): number {
    return this.active;
  }
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw abortError();
    if (this.active < this.limit) {
      this.active++;
      this.maxSeen = Math.max(this.maxSeen, this.active);
      return this.releaser();
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        this.maxSeen = Math.max(this.maxSeen, this.active);
        resolve(this.releaser());
      };
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== go);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(go);
    });
  }
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      const next = this.waiting.shift();
      if (next) next();
    };
  }
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/**
 * One request per host at a time. A second refresh of a host that is still in flight joins the
 * running one instead of stacking another ssh behind a sick host.
 */
export class HostQueue<T> {
  private inflight = new Map<string, Promise<T>>();
  run(key: string, job: () => Promise<T>): Promise<T> {
    const cur = this.inflight.get(key);
    if (cur) return cur;
    const p = job().finally(() => {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    });
    this.inflight.set(key, p);
    return p;
  }
  get size(): number {
    return this.inflight.size;
  }
}

/** Is a process group still alive? (POSIX; false on Windows.) */
export function groupAlive(pgid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
