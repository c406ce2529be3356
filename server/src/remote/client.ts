// One refresh of one host, end to end: build the command, run ssh under the scheduler, split the
// sentinels, parse, derive health and findings, and turn every failure into a per-host error.
import { randomBytes } from 'node:crypto';
import { analyzeRefreshOutput, sudoMessage, type ErrorKind, type HostResult, type RefreshOutput } from './analyze';
import type { HealthOptions, RemoteFinding, VgView } from './health';
import { checkHost, NameError } from './names';
import { HostQueue, runProcess, Semaphore, type RunLimits, type RunResult, type SpawnHooks } from './run';
import { buildListDirCommand, buildReadFileCommand, buildRefreshCommand, isAllowedRemoteDir, isAllowedRemoteFile } from './script';
import { buildSshArgv, type SshSettings, type SshTarget } from './ssh';

export type { ErrorKind, HostResult } from './analyze';

export interface RemoteClientOptions {
  ssh?: SshSettings;
  /** Global cap on concurrent ssh processes (default 8). */
  concurrency?: number;
  /** Remote `timeout` for a refresh, in seconds (default 60); the local deadline adds 10 s. */
  timeoutSeconds?: number;
  /** Local deadline in ms (default timeoutSeconds * 1000 + 10000). */
  deadlineMs?: number;
  limits?: Omit<RunLimits, 'signal' | 'deadlineMs'>;
  health?: HealthOptions;
  hooks?: SpawnHooks;
  /**
   * Read a machine once when several aliases resolve (ssh -G) to the same HostName, Port, User
   * and proxy settings: the later aliases join the request in flight. Default true.
   */
  coalesce?: boolean;
  /**
   * Where a host's output is analysed (default: here, analyzeRefreshOutput). VS Code passes the
   * language server, so a big report is never parsed on the extension host's thread.
   */
  analyze?: (o: RefreshOutput) => HostResult | Promise<HostResult>;
}

export interface FileRead {
  ok: boolean;
  error?: string;
  errorKind?: ErrorKind;
  data: Buffer;
  truncated: boolean;
}

/** Map an ssh failure (exit 255 and friends) to a clear one-line message. */
export function explainSshFailure(res: RunResult, deadlineMs: number): { kind: ErrorKind; message: string } | undefined {
  const err = res.stderr;
  if (res.end === 'spawn-error') return { kind: 'ssh-missing', message: `could not start ssh: ${res.spawnError}` };
  if (res.end === 'aborted') return { kind: 'cancelled', message: 'cancelled' };
  if (res.end === 'deadline') return { kind: 'timeout', message: `no complete answer within ${Math.round(deadlineMs / 1000)} s; the ssh process was ended` };
  if (res.end === 'stdout-cap') return { kind: 'output', message: `the host printed more than the output cap (${res.stdout.length} bytes); aborted` };
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(err))
    return { kind: 'host-key', message: 'the host key has CHANGED since it was recorded in known_hosts; refusing to connect. Verify the new key with the host\'s admin before updating known_hosts.' };
  if (/Host key verification failed|No .*host key is known|host key for .* has changed/i.test(err))
    return { kind: 'host-key', message: 'the host key is not in known_hosts (or does not match); refusing to connect. Use "Connect in terminal" to check the fingerprint and accept it once.' };
  if (res.code === 255) {
    const line = err.split('\n').map((l) => l.trim()).filter((l) => l && !/^Warning: Permanently added/.test(l)).pop() ?? 'ssh failed';
    if (/Permission denied|Too many authentication failures/.test(err)) return { kind: 'auth', message: `authentication failed: ${line}. Load the key into ssh-agent or use "Connect in terminal".` };
    return { kind: 'unreachable', message: `ssh could not connect: ${line}` };
  }
  return undefined;
}

export class RemoteClient {
  readonly sem: Semaphore;
  private queue = new HostQueue<HostResult>();
  private fileQueues = new Map<string, Promise<unknown>>();
  constructor(readonly opts: RemoteClientOptions = {}) {
    this.sem = new Semaphore(opts.concurrency ?? 8);
  }

  private key(t: SshTarget): string {
    // Per-host options (an inventory's IdentityFile) can change who answers: part of the key.
    return `${t.user ?? ''}@${t.host}:${t.port ?? ''}${t.options?.length ? `|${t.options.join('|')}` : ''}`;
  }

  private resolved = new Map<string, Promise<string>>();

  /**
   * The destination an alias really reaches, from `ssh -G` (no network: it only evaluates
   * the config). Falls back to the alias itself when ssh -G fails.
   */
  resolveKey(target: SshTarget, signal?: AbortSignal): Promise<string> {
    const k = this.key(target);
    let p = this.resolved.get(k);
    if (!p) {
      p = (async () => {
        const argv = buildSshArgv(target, 'true', this.opts.ssh);
        argv.splice(argv.length - 3, 0, '-G');
        argv.pop(); // ssh -G takes no remote command
        let release: () => void;
        try {
          release = await this.sem.acquire(signal);
        } catch {
          return k;
        }
        try {
          const res = await runProcess(this.opts.ssh?.sshPath ?? 'ssh', argv, { deadlineMs: 10_000, stdoutCap: 1024 * 1024, signal }, this.opts.hooks);
          if (res.code !== 0) return k;
          // Everything that can change which machine, which account or which key answers.
          const keep = new Set(['hostname', 'port', 'user', 'proxyjump', 'proxycommand', 'hostkeyalias', 'identityfile', 'certificatefile', 'identitiesonly', 'identityagent', 'userknownhostsfile', 'globalknownhostsfile', 'stricthostkeychecking']);
          const parts = res.stdout
            .toString('utf8')
            .split('\n')
            .filter((line) => keep.has(line.slice(0, line.indexOf(' ')).toLowerCase()))
            .sort();
          return `resolved:${parts.join('\u0000')}`;
        } finally {
          release();
        }
      })();
      this.resolved.set(k, p);
    }
    return p;
  }

  /** Refresh one host. Never throws: every failure is a HostResult with ok=false. */
  refresh(target: SshTarget, signal?: AbortSignal): Promise<HostResult> {
    const t0 = Date.now();
    try {
      checkHost(target.host);
      buildSshArgv(target, 'true', this.opts.ssh); // user, port, options: all validated before any spawn
    } catch (e) {
      return Promise.resolve({ host: String(target.host), ok: false, error: (e as Error).message, errorKind: 'invalid-name', vgs: [], findings: [], ms: 0 });
    }
    if (this.opts.coalesce === false) return this.queue.run(this.key(target), () => this.refreshNow(target, signal, t0));
    return this.resolveKey(target, signal).then((key) =>
      this.queue.run(key, () => this.refreshNow(target, signal, t0)).then((r) => (r.host === target.host ? r : { ...r, host: target.host, ms: Date.now() - t0 })),
    );
  }

  private async refreshNow(target: SshTarget, signal: AbortSignal | undefined, t0: number): Promise<HostResult> {
    const base = { host: target.host, vgs: [] as VgView[], findings: [] as RemoteFinding[] };
    const timeoutSeconds = this.opts.timeoutSeconds ?? 60;
    const deadlineMs = this.opts.deadlineMs ?? timeoutSeconds * 1000 + 10_000;
    const nonce = randomBytes(12).toString('hex');
    let argv: string[];
    try {
      argv = buildSshArgv(target, buildRefreshCommand({ nonce, timeoutSeconds }), this.opts.ssh);
    } catch (e) {
      return { ...base, ok: false, error: (e as Error).message, errorKind: 'invalid-name', ms: Date.now() - t0 };
    }
    let release: () => void;
    try {
      release = await this.sem.acquire(signal);
    } catch {
      return { ...base, ok: false, error: 'cancelled', errorKind: 'cancelled', ms: Date.now() - t0 };
    }
    let res: RunResult;
    try {
      res = await runProcess(this.opts.ssh?.sshPath ?? 'ssh', argv, { ...this.opts.limits, deadlineMs, signal }, this.opts.hooks);
    } finally {
      release();
    }
    const ms = Date.now() - t0;
    const fail = explainSshFailure(res, deadlineMs);
    if (fail) return { ...base, ok: false, error: fail.message, errorKind: fail.kind, ms };
    return (this.opts.analyze ?? analyzeRefreshOutput)({ host: target.host, stdout: res.stdout.toString('utf8'), stderr: res.stderr, code: res.code, signal: res.signal, stdoutBytes: res.stdout.length, nonce, timeoutSeconds, health: this.opts.health, ms });
  }

  private serial<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.fileQueues.get(key) ?? Promise.resolve();
    const p = prev.then(job, job);
    const tail = p.catch(() => undefined);
    this.fileQueues.set(key, tail);
    void tail.then(() => {
      if (this.fileQueues.get(key) === tail) this.fileQueues.delete(key);
    });
    return p;
  }

  private async runCommand(target: SshTarget, command: string, limits: RunLimits): Promise<RunResult> {
    const argv = buildSshArgv(target, command, this.opts.ssh);
    const release = await this.sem.acquire(limits.signal);
    try {
      return await runProcess(this.opts.ssh?.sshPath ?? 'ssh', argv, limits, this.opts.hooks);
    } finally {
      release();
    }
  }

  /** Read one allowlisted /etc/lvm file, at most `cap` bytes (default 8 MiB). */
  readFile(target: SshTarget, path: string, cap = 8 * 1024 * 1024, signal?: AbortSignal): Promise<FileRead> {
    const empty = { data: Buffer.alloc(0), truncated: false };
    try {
      buildSshArgv(target, 'true', this.opts.ssh);
      if (!isAllowedRemoteFile(path)) throw new NameError('remote path', path, 'not an allowed /etc/lvm file');
    } catch (e) {
      return Promise.resolve({ ...empty, ok: false, error: (e as Error).message, errorKind: 'invalid-name' as ErrorKind });
    }
    return this.serial(this.key(target), async () => {
      const deadlineMs = 40_000;
      let res: RunResult;
      try {
        res = await this.runCommand(target, buildReadFileCommand(path, cap), { stdoutCap: cap + 1, stderrCap: 64 * 1024, deadlineMs, signal });
      } catch {
        return { ...empty, ok: false, error: 'cancelled', errorKind: 'cancelled' as ErrorKind };
      }
      if (res.end === 'stdout-cap' || (res.end === 'exit' && res.stdout.length > cap))
        return { ok: true, data: res.stdout.subarray(0, cap), truncated: true };
      const fail = explainSshFailure(res, deadlineMs);
      if (fail) return { ...empty, ok: false, error: fail.message, errorKind: fail.kind };
      if (res.code !== 0) {
        const sudo = sudoMessage(res.stderr);
        return { ...empty, ok: false, error: sudo ? `needs root: ${sudo}` : res.stderr.trim().split('\n').pop() || `exit ${res.code}`, errorKind: sudo ? 'needs-root' : 'lvm' };
      }
      return { ok: true, data: res.stdout, truncated: false };
    });
  }

  /** Names of the regular files in one allowlisted folder (names failing validation are dropped). */
  listDir(target: SshTarget, dir: string, limit = 5000, signal?: AbortSignal): Promise<{ ok: boolean; error?: string; names: string[]; truncated: boolean }> {
    try {
      buildSshArgv(target, 'true', this.opts.ssh);
      if (!isAllowedRemoteDir(dir)) throw new NameError('remote folder', dir, 'not an allowed /etc/lvm folder');
    } catch (e) {
      return Promise.resolve({ ok: false, error: (e as Error).message, names: [], truncated: false });
    }
    return this.serial(this.key(target), async () => {
      let res: RunResult;
      try {
        res = await this.runCommand(target, buildListDirCommand(dir, limit), { stdoutCap: 4 * 1024 * 1024, deadlineMs: 40_000, signal });
      } catch {
        return { ok: false, error: 'cancelled', names: [], truncated: false };
      }
      const fail = explainSshFailure(res, 40_000);
      if (fail) return { ok: false, error: fail.message, names: [], truncated: false };
      const prefix = `${dir}/`;
      const lines = res.stdout.toString('utf8').split('\n').filter(Boolean);
      const names = lines
        .filter((l) => l.startsWith(prefix))
        .map((l) => l.slice(prefix.length))
        .filter((n) => isAllowedRemoteFile(prefix + n))
        .sort();
      return { ok: res.code === 0 || names.length > 0, error: res.code === 0 ? undefined : res.stderr.trim().split('\n').pop(), names: names.slice(0, limit), truncated: lines.length > limit };
    });
  }
}

/** Refresh many hosts under one client (shared cap); results in the input order. */
export function refreshAll(client: RemoteClient, targets: SshTarget[], signal?: AbortSignal): Promise<HostResult[]> {
  return Promise.all(targets.map((t) => client.refresh(t, signal)));
}
