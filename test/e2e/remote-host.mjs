// A loopback LVM host for the remote end-to-end suite, run by test/e2e/run.mjs as a child process:
// real lvm2 on loop devices (test/remote/lvmfixture.ts: a cache LV whose cache_check is missing)
// behind Debian's sshd on 127.0.0.1 (test/harness/sshd.ts). Prints one JSON line:
//   {"skip": "reason"}  or  {"host", "sshPath", "vg", "hostLvmConf"}
// then keeps the host up until stdin closes or SIGTERM/SIGINT, and removes everything.
//
// When run inside a private mount namespace (run.mjs starts it under `unshare -m`, env
// BLOCKWISE_E2E_MOUNT_NS=1), the host's /etc/lvm/lvm.conf is the fixture's own lvm.conf (the one
// its lvm2 reads through LVM_SYSTEM_DIR) bind-mounted over /etc/lvm/lvm.conf for sshd and its
// sessions only: the machine's /etc is never changed. Its archive retention is set to 0/0, which
// lvm2 accepts and Blockwise reports (unsafe-retention), so the remote file has a finding to show.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist', 'test', 'test');
const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

let harness;
let fixture;
let stopping;
function stop(code = 0) {
  stopping ??= (async () => {
    try {
      await harness?.stop();
    } catch (e) {
      process.stderr.write(`remote-host: sshd stop failed: ${e?.message ?? e}\n`);
    }
    try {
      fixture?.stop();
    } catch (e) {
      process.stderr.write(`remote-host: lvm fixture stop failed: ${e?.message ?? e}\n`);
    }
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();

try {
  if (!existsSync(join(dist, 'harness', 'sshd.js')) || !existsSync(join(dist, 'remote', 'lvmfixture.js'))) {
    say({ skip: 'the sshd harness is not built (dist/test/test/harness/sshd.js); run the build' });
    await stop();
  }
  const { sshdUnavailable, startSshd } = require(join(dist, 'harness', 'sshd.js'));
  const { createLvmFixture, lvmUnavailable } = require(join(dist, 'remote', 'lvmfixture.js'));
  const skip = sshdUnavailable() ?? lvmUnavailable();
  if (skip) {
    say({ skip });
    await stop();
  }
  fixture = createLvmFixture();
  let hostLvmConf = false;
  if (process.env.BLOCKWISE_E2E_MOUNT_NS === '1') {
    const conf = join(fixture.systemDir, 'lvm.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/retain_min = \d+/, 'retain_min = 0').replace(/retain_days = \d+/, 'retain_days = 0'));
    const m = spawnSync('mount', ['--bind', conf, '/etc/lvm/lvm.conf'], { encoding: 'utf8' });
    hostLvmConf = m.status === 0;
    if (!hostLvmConf) process.stderr.write(`remote-host: cannot bind-mount the host lvm.conf: ${m.stderr}\n`);
  }
  harness = await startSshd({ lvmSystemDir: fixture.systemDir, aliases: 1 });
  // VS Code's ssh is the system client; the harness's aliases live in its own ssh_config, which
  // the extension cannot be pointed at (by design), so blockwise.remote.sshPath names this wrapper.
  const sshPath = join(harness.dir, 'ssh-e2e');
  writeFileSync(sshPath, `#!/bin/sh\nexec /usr/bin/ssh -F '${harness.sshConfig}' "$@"\n`);
  chmodSync(sshPath, 0o755);
  say({ host: 'bw-host', sshPath, vg: fixture.vg, hostLvmConf });
} catch (e) {
  say({ error: String(e?.stack ?? e) });
  await stop(1);
}
