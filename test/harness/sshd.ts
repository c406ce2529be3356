// Loopback sshd harness: Debian's openssh-server on 127.0.0.1, a free high port, everything
// (config, host key, client keys, authorized_keys, known_hosts, ssh_config aliases) in a private
// temp dir. Never touches /etc/ssh or ~/.ssh. Needs root (sshd must switch users and read keys);
// otherwise `startSshd` returns a skip reason.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemoteClient, refreshAll } from '../../server/src/remote/client';

export type FaultKey = 'client' | 'hang' | 'flood' | 'garbage' | 'sudo' | 'fail' | 'record' | 'noise' | 'liar' | 'partial';

export interface SshdHarness {
  dir: string;
  port: number;
  /** known_hosts with the real host key under [127.0.0.1]:PORT. */
  knownHosts: string;
  /** ssh_config with `bw-<fault>` hosts, `bw-host-1..N` aliases, `bw-unknown`, `bw-changed`. */
  sshConfig: string;
  keys: Record<FaultKey, string>;
  recordLog: string;
  /** Env for the private lvm (LVM_SYSTEM_DIR) the sshd passes to sessions. */
  lvmSystemDir: string;
  /** Known-hosts files for the fail-closed cases. */
  emptyKnownHosts: string;
  wrongKnownHosts: string;
  /** Ports of local fake servers: silent TCP and garbage banner. */
  silentPort: number;
  garbagePort: number;
  /** PIDs the forced commands recorded (hang), for cleanup and leak checks. */
  forcedPids(): number[];
  stop(): Promise<void>;
}

export interface SshdOptions {
  aliases?: number;
  /** LVM_SYSTEM_DIR for sessions (the lvm fixture's); default: a dir with activation = 0 only. */
  lvmSystemDir?: string;
  /** LVM_SYSTEM_DIR for the `partial` key (a filter hiding one PV). */
  partialLvmSystemDir?: string;
  /** A JSON file the `liar` key's fake lvm prints for `fullreport`. */
  liarReport?: string;
}

/** Why the harness cannot run here, or undefined. Installs openssh-server when root on Debian. */
export function sshdUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'loopback sshd harness needs Linux';
  if (process.getuid?.() !== 0) return 'loopback sshd harness needs root (sshd switches users; run the suite as root)';
  if (!existsSync('/usr/sbin/sshd') || !existsSync('/usr/bin/ssh')) {
    if (existsSync('/etc/debian_version')) {
      const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'openssh-server', 'openssh-client'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (r.status !== 0) return 'openssh-server is missing and apt-get install failed';
    } else return 'openssh-server (/usr/sbin/sshd) is missing';
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function listen(handler: (sock: import('node:net').Socket) => void): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, port: typeof a === 'object' && a ? a.port : 0 });
    });
  });
}

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

export async function startSshd(o: SshdOptions = {}): Promise<SshdHarness> {
  const T = mkdtempSync(join(tmpdir(), 'bw-sshd-'));
  chmodSync(T, 0o755);
  const keygen = (name: string) => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(T, name)]);
    return join(T, name);
  };
  keygen('host_ed25519');
  keygen('other_host_ed25519');
  const names: FaultKey[] = ['client', 'hang', 'flood', 'garbage', 'sudo', 'fail', 'record', 'noise', 'liar', 'partial'];
  const keys = {} as Record<FaultKey, string>;
  for (const n of names) keys[n] = keygen(`key_${n}`);

  const lvmDir = o.lvmSystemDir ?? join(T, 'lvm');
  if (!o.lvmSystemDir) {
    mkdirSync(lvmDir, { recursive: true });
    writeFileSync(join(lvmDir, 'lvm.conf'), 'global {\n activation = 0\n use_lvmpolld = 0\n}\ndevices {\n global_filter = [ "r|.*|" ]\n use_devicesfile = 0\n}\n');
  }
  const fc = join(T, 'fc');
  mkdirSync(fc);
  mkdirSync(join(T, 'pids'));
  const recordLog = join(T, 'record.log');
  // Fake non-root user whose sudo wants a password: `id -u` says 1000, sudo -n refuses.
  const fakeSudo = join(T, 'fake-sudo');
  mkdirSync(fakeSudo);
  script(join(fakeSudo, 'id'), 'if [ "$1" = "-u" ]; then echo 1000; else echo "uid=1000(op) gid=1000(op)"; fi');
  script(join(fakeSudo, 'sudo'), 'echo "sudo: a password is required" >&2; exit 1');
  // A lying host: a fake lvm whose fullreport prints hostile JSON; everything else is real.
  const fakeLvm = join(T, 'fake-lvm');
  mkdirSync(fakeLvm);
  script(join(fakeLvm, 'lvm'), `if [ "$1" = "fullreport" ]; then cat ${o.liarReport ?? '/dev/null'}; exit 0; fi\nexec /sbin/lvm "$@"`);

  const forced: Partial<Record<FaultKey, string>> = {
    hang: script(join(fc, 'hang'), `echo $$ >> ${T}/pids/hang\nexec sleep 600`),
    flood: script(join(fc, 'flood'), 'exec head -c 50000000 /dev/zero'),
    garbage: script(join(fc, 'garbage'), 'head -c 4096 /dev/urandom; exit 0'),
    sudo: script(join(fc, 'sudo'), `PATH=${fakeSudo}:$PATH; export PATH; exec sh -c "$SSH_ORIGINAL_COMMAND"`),
    fail: script(join(fc, 'fail'), 'echo "fatal: something broke" >&2; exit 3'),
    record: script(join(fc, 'record'), `printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> ${recordLog}\nexec sh -c "$SSH_ORIGINAL_COMMAND"`),
    noise: script(join(fc, 'noise'), 'echo "Welcome to host.example (login banner)"; echo "@@BW-deadbeef@@ begin report"; echo "{broken"; exec sh -c "$SSH_ORIGINAL_COMMAND"'),
    liar: script(join(fc, 'liar'), `PATH=${fakeLvm}:$PATH; export PATH; exec sh -c "$SSH_ORIGINAL_COMMAND"`),
    partial: script(join(fc, 'partial'), `LVM_SYSTEM_DIR=${o.partialLvmSystemDir ?? lvmDir}; export LVM_SYSTEM_DIR; exec sh -c "$SSH_ORIGINAL_COMMAND"`),
  };
  const auth = names
    .map((n) => {
      const pub = readFileSync(`${keys[n]}.pub`, 'utf8').trim();
      return forced[n] ? `command="${forced[n]}",restrict ${pub}` : `restrict ${pub}`;
    })
    .join('\n');
  writeFileSync(join(T, 'authorized_keys'), `${auth}\n`, { mode: 0o600 });

  let port = 0;
  let sshd: ChildProcess | undefined;
  const log = join(T, 'sshd.log');
  // sshd's privilege-separation folder. Left in place afterwards: another harness (a second
  // test file runs in parallel) may still have an sshd that needs it for every new connection.
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  for (let attempt = 0; attempt < 5 && !sshd; attempt++) {
    port = await freePort();
    writeFileSync(
      join(T, 'sshd_config'),
      [
        `ListenAddress 127.0.0.1:${port}`,
        `HostKey ${T}/host_ed25519`,
        `PidFile ${T}/sshd.pid`,
        `AuthorizedKeysFile ${T}/authorized_keys`,
        'AuthenticationMethods publickey',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'PermitRootLogin prohibit-password',
        'AllowUsers root',
        'AllowTcpForwarding no',
        'X11Forwarding no',
        'PermitTTY no',
        'PrintMotd no',
        `SetEnv LVM_SYSTEM_DIR=${lvmDir} LVM_SUPPRESS_FD_WARNINGS=1`,
        'LogLevel VERBOSE',
        'MaxStartups 100:30:200',
        'MaxSessions 100',
        '',
      ].join('\n'),
    );
    const t = spawnSync('/usr/sbin/sshd', ['-t', '-f', join(T, 'sshd_config')], { encoding: 'utf8' });
    if (t.status !== 0) throw new Error(`sshd -t failed: ${t.stderr}`);
    const child = spawn('/usr/sbin/sshd', ['-f', join(T, 'sshd_config'), '-D', '-e', '-E', log], { stdio: 'ignore' });
    const ok = await new Promise<boolean>((resolve) => {
      const t0 = Date.now();
      const iv = setInterval(() => {
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (text.includes(`Server listening on 127.0.0.1 port ${port}`)) {
          clearInterval(iv);
          resolve(true);
        } else if (child.exitCode !== null || Date.now() - t0 > 5000) {
          clearInterval(iv);
          resolve(false);
        }
      }, 20);
    });
    if (ok) sshd = child;
    else {
      child.kill('SIGKILL');
      rmSync(log, { force: true });
    }
  }
  if (!sshd) throw new Error(`sshd did not start: ${existsSync(log) ? readFileSync(log, 'utf8') : 'no log'}`);

  const hostPub = readFileSync(join(T, 'host_ed25519.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const otherPub = readFileSync(join(T, 'other_host_ed25519.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const knownHosts = join(T, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostPub}\n`);
  const emptyKnownHosts = join(T, 'known_hosts_empty');
  writeFileSync(emptyKnownHosts, '');
  const wrongKnownHosts = join(T, 'known_hosts_wrong');
  writeFileSync(wrongKnownHosts, `[127.0.0.1]:${port} ${otherPub}\n`);

  const silent = await listen(() => {
    /* accept and say nothing */
  });
  const garbage = await listen((s) => {
    s.on('error', () => undefined);
    s.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });

  const host = (alias: string, key: string, extra: string[] = [], p = port, kh = knownHosts) =>
    [`Host ${alias}`, '  HostName 127.0.0.1', `  Port ${p}`, '  User root', `  IdentityFile ${key}`, '  IdentitiesOnly yes', `  UserKnownHostsFile ${kh}`, '  GlobalKnownHostsFile /dev/null', '  LogLevel ERROR', ...extra.map((e) => `  ${e}`), ''].join('\n');
  const cfg: string[] = [];
  for (const n of names) if (n !== 'client') cfg.push(host(`bw-${n}`, keys[n]));
  cfg.push(host('bw-unknown', keys.client, [], port, emptyKnownHosts));
  cfg.push(host('bw-changed', keys.client, [], port, wrongKnownHosts));
  cfg.push(host('bw-silent', keys.client, [], silent.port));
  cfg.push(host('bw-badbanner', keys.client, [], garbage.port));
  cfg.push(host('bw-host', keys.client));
  for (let i = 1; i <= (o.aliases ?? 50); i++) cfg.push(host(`bw-host-${i}`, keys.client));
  const sshConfig = join(T, 'ssh_config');
  writeFileSync(sshConfig, cfg.join('\n'));

  const forcedPids = () => {
    const f = join(T, 'pids', 'hang');
    return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  };
  let stopped = false;
  return {
    dir: T,
    port,
    knownHosts,
    sshConfig,
    keys,
    recordLog,
    lvmSystemDir: lvmDir,
    emptyKnownHosts,
    wrongKnownHosts,
    silentPort: silent.port,
    garbagePort: garbage.port,
    forcedPids,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const pid of forcedPids()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      silent.server.close();
      garbage.server.close();
      await new Promise<void>((resolve) => {
        if (sshd!.exitCode !== null) return resolve();
        sshd!.once('exit', () => resolve());
        sshd!.kill('SIGTERM');
        setTimeout(() => sshd!.kill('SIGKILL'), 2000).unref();
      });
      rmSync(T, { recursive: true, force: true });
    },
  };
}

export interface RemoteBench {
  skipped?: string;
  oneHostMs?: number;
  fiftyAliasesMs?: number;
  ratio?: number;
  concurrency?: number;
  maxConcurrentSsh?: number;
  allOk?: boolean;
}

/**
 * Bench entry: refresh of one loopback host (median of 3, after one warm-up) and of 50 aliases
 * pointing at it at once, with the default concurrency cap. Starts and stops its own sshd.
 */
export async function benchRemoteRefresh(o: { aliases?: number; concurrency?: number; lvmSystemDir?: string; coalesce?: boolean } = {}): Promise<RemoteBench> {
  const skip = sshdUnavailable();
  if (skip) return { skipped: skip };
  const n = o.aliases ?? 50;
  const h = await startSshd({ aliases: n, lvmSystemDir: o.lvmSystemDir });
  try {
    let live = 0;
    let maxLive = 0;
    const hooks = {
      onSpawn: () => {
        live++;
        maxLive = Math.max(maxLive, live);
      },
      onExit: () => {
        live--;
      },
    };
    const mk = () => new RemoteClient({ ssh: { configFile: h.sshConfig }, concurrency: o.concurrency, hooks, coalesce: o.coalesce });
    await mk().refresh({ host: 'bw-host' });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await mk().refresh({ host: 'bw-host' });
      if (!r.ok) throw new Error(`bench refresh failed: ${r.error}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const one = times[1];
    maxLive = 0;
    const client = mk();
    const t0 = performance.now();
    const res = await refreshAll(client, Array.from({ length: n }, (_, i) => ({ host: `bw-host-${i + 1}` })));
    const many = performance.now() - t0;
    return {
      oneHostMs: Math.round(one),
      fiftyAliasesMs: Math.round(many),
      ratio: Math.round((many / one) * 100) / 100,
      concurrency: client.sem.limit,
      maxConcurrentSsh: maxLive,
      allOk: res.every((r) => r.ok),
    };
  } finally {
    await h.stop();
  }
}
