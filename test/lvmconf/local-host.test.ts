// An lvm.conf in /etc/lvm of the machine Blockwise runs on is checked as that machine's lvm2
// (`lvm version`, run once), through the CLI's edge; anywhere else it is not. Needs the real lvm2
// (scripts/install-deps.sh installs it); without it the tests that run it say why they skip.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../../server/src/cli';
import { inLocalEtcLvm, localHostOption, localLvm2, parseLvmVersion, resetLocalLvm2 } from '../../server/src/lvmconf/local-host';
import { loadAll } from '../../server/src/syntax/treesitter';

const LVM = ['/usr/sbin/lvm', '/sbin/lvm'].find((p) => existsSync(p));
const CONF = '/etc/lvm/lvm.conf';
const skipReason = !LVM ? 'lvm2 is not installed (scripts/install-deps.sh installs it)' : !existsSync(CONF) ? `${CONF} does not exist on this machine` : undefined;

/** What `lvm version` prints, read here independently of the module. */
function realVersion(): string {
  let out = '';
  try {
    out = execFileSync(LVM!, ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1' } });
  } catch (e) {
    out = String((e as { stdout?: unknown }).stdout ?? '');
  }
  const m = /LVM version:\s*(\d+\.\d+\.\d+)/.exec(out);
  assert.ok(m, out);
  return m[1];
}

before(async () => {
  await loadAll();
});

test('lvm version output is read', () => {
  assert.equal(parseLvmVersion('  LVM version:     2.03.16(2) (2022-05-18)\n  Library version: 1.02.185 (2022-05-18)\n'), '2.03.16');
  assert.equal(parseLvmVersion('  LVM version:     2.02.187(2)-RHEL7 (2020-03-24)\n'), '2.02.187');
  assert.equal(parseLvmVersion('lvm: command not found'), undefined);
});

test('which files are this machine\'s lvm2 configuration: lvm.conf, lvmlocal.conf and profiles in /etc/lvm that exist', () => {
  assert.equal(inLocalEtcLvm('/etc/lvm/lvm.conf'), existsSync('/etc/lvm/lvm.conf'));
  assert.equal(inLocalEtcLvm('file:///etc/lvm/profile/thin-performance.profile'), existsSync('/etc/lvm/profile/thin-performance.profile'));
  assert.ok(!inLocalEtcLvm('file:///etc/lvm/old/lvm.conf')); // lvm2 does not read it
  assert.ok(!inLocalEtcLvm('file:///etc/lvm/profile/not-there.profile'));
  assert.ok(!inLocalEtcLvm('blockwise-remote://db1/etc/lvm/lvm.conf'));
  assert.ok(!inLocalEtcLvm('untitled:Untitled-1'));
  assert.ok(!inLocalEtcLvm('/srv/ansible/files/etc/lvm/lvm.conf'));
  assert.deepEqual(localHostOption('/etc/lvm/lvm.conf', 'kickstart'), {});
});

test('an lvm.conf in /etc/lvm is checked as this machine\'s lvm2; a copy elsewhere is not; --target still wins', { skip: skipReason }, () => {
  resetLocalLvm2();
  const v = realVersion();
  assert.equal(localLvm2()?.release, v);
  const bytes = readFileSync(CONF);
  const here = checkFile(CONF, bytes, {})!;
  assert.deepEqual(here.target, { release: v, reason: `the lvm2 of this machine (lvm version: ${v}), which reads its own /etc/lvm` });
  const dir = mkdtempSync(join(tmpdir(), 'bw-localhost-'));
  try {
    writeFileSync(join(dir, 'lvm.conf'), bytes);
    const copy = checkFile(join(dir, 'lvm.conf'), bytes, {})!;
    assert.doesNotMatch(copy.target!.reason, /this machine/);
    // A link to the real file is the real file.
    symlinkSync(CONF, join(dir, 'linked.conf'));
    assert.ok(inLocalEtcLvm(join(dir, 'linked.conf')));
    assert.ok(inLocalEtcLvm(`file://${CONF}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const chosen = checkFile(CONF, bytes, { target: '2.03.11' })!;
  assert.equal(chosen.target!.release, '2.03.11');
});
