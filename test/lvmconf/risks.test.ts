// Issue 23, item 6: locking-disabled, filter-ignored and autoextend-unmonitored on real lvm.conf
// files (test/fixtures/real/lvm, sources in SOURCES.md) changed in the one setting each rule is
// about, and checked against the real lvm2 where it can show the behaviour: `lvm pvs` with the
// file as its configuration prints the warnings the rules explain.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalize } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';
import { analyzeLvmConf } from '../../server/src/lvmconf/analyze';
import { doc, root, setup } from './helpers';

before(setup);

const real = (name: string): string => readFileSync(join(root, 'test/fixtures/real/lvm', name), 'utf8');
function check(text: string, target?: string): Finding[] {
  const d = doc(text, 'file:///srv/config/lvm.conf');
  try {
    return finalize(analyzeLvmConf(d, { target }), d.lines);
  } finally {
    d.dispose();
  }
}
const of = (fs: Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);
const at = (f: Finding): string => `${f.code}@${f.range.start.line + 1}`;
/** Replace exactly one occurrence (the test fails loudly if the real file changed). */
function change(text: string, from: RegExp, to: string): string {
  assert.equal(text.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`))?.length, 1, `${from} occurs once`);
  return text.replace(from, to);
}

const LVM = ['/usr/sbin/lvm', '/sbin/lvm'].find((p) => existsSync(p));
const lvmSkip = !LVM ? 'lvm (Debian package lvm2) is not installed' : process.getuid?.() !== 0 ? 'lvm pvs needs root' : false;

/** stderr of `lvm pvs` run with `conf` as lvm.conf (and a devices file when asked). */
function lvmWarnings(conf: string, devicesFile: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'bw-risks-'));
  try {
    writeFileSync(join(dir, 'lvm.conf'), conf);
    if (devicesFile) {
      mkdirSync(join(dir, 'devices'));
      writeFileSync(join(dir, 'devices', 'system.devices'), '');
    }
    const r = spawnSync(LVM!, ['pvs'], { encoding: 'utf8', timeout: 30000, env: { ...process.env, LVM_SYSTEM_DIR: dir, LVM_SUPPRESS_FD_WARNINGS: '1' } });
    return r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- locking-disabled ----

const HA = real('ansible-ha-cluster.lvm.conf');
// The real file is a clvmd cluster config (locking_type = 3); the mistake is setting 0 instead.
const HA_OFF = change(HA, /^(\s*)locking_type = 3$/m, '$1locking_type = 0');

test('locking-disabled: locking_type = 0 in a real 2.02 cluster lvm.conf, one finding (no deprecated-setting beside it)', () => {
  assert.deepEqual(of(check(HA, '2.02.108'), 'locking-disabled'), []);
  const fs = check(HA_OFF, '2.02.108');
  const line = HA_OFF.slice(0, HA_OFF.indexOf('locking_type = 0')).split('\n').length;
  assert.deepEqual(of(fs, 'locking-disabled').map(at), [`locking-disabled@${line}`]);
  assert.match(of(fs, 'locking-disabled')[0].message, /Locking disabled\. Be careful! This could corrupt your metadata\./);
  // On 2.03 the same line: lvm2's 2.03 warning, and still one finding.
  const now = check(HA_OFF, '2.03.16');
  assert.deepEqual(now.filter((f) => f.range.start.line + 1 === line).map((f) => f.code), ['locking-disabled']);
  assert.match(of(now, 'locking-disabled')[0].message, /using --nolocking/);
  // locking_type = 5 turns locking off in 2.03 too; other values are file locking (only deprecated).
  assert.equal(of(check(change(HA, /^(\s*)locking_type = 3$/m, '$1locking_type = 5'), '2.03.16'), 'locking-disabled').length, 1);
  assert.deepEqual(of(check(HA, '2.03.16'), 'locking-disabled'), []);
});

test('locking-disabled: the real lvm2 warns on every command with locking_type = 0', { skip: lvmSkip }, () => {
  assert.match(lvmWarnings('global {\n\tlocking_type = 0\n}\n', false), /locking_type \(0\) is deprecated, using --nolocking/);
  assert.doesNotMatch(lvmWarnings('global {\n\tlocking_type = 1\n}\n', false), /nolocking/);
});

// ---- filter-ignored ----

// A real 2.03.12 config with the devices file turned on and a filter added beside it.
const DOCKER = real('docker-lvm-init.lvm.conf');
const DOCKER_DF = change(DOCKER, /use_devicesfile = 0/, 'use_devicesfile = 1\n    filter = [ "a|^/dev/sd.*|", "r|.*|" ]\n    global_filter = [ "r|^/dev/zram.*|" ]');

test('filter-ignored: filter and global_filter with use_devicesfile = 1, one finding that says the devices file wins', () => {
  assert.deepEqual(of(check(DOCKER), 'filter-ignored'), []);
  const fs = of(check(DOCKER_DF), 'filter-ignored');
  assert.deepEqual(fs.map(at), ['filter-ignored@4']);
  assert.match(fs[0].message, /^filter and global_filter are ignored: use_devicesfile = 1 \(line 3\) makes lvm2 use only the devices listed in \/etc\/lvm\/devices\/system\.devices/);
  assert.match(fs[0].message, /The devices file wins/);
  assert.equal(fs[0].related?.length, 2);
  // Before 2.03.12 there is no devices file (target-version says so instead).
  assert.deepEqual(of(check(DOCKER_DF, '2.03.11'), 'filter-ignored'), []);
  // use_devicesfile = 0: the filters are in charge.
  assert.deepEqual(of(check(DOCKER_DF.replace('use_devicesfile = 1', 'use_devicesfile = 0')), 'filter-ignored'), []);
});

test('filter-ignored: the real lvm2 ignores the filter when the devices file exists, and uses it when not', { skip: lvmSkip }, () => {
  assert.match(lvmWarnings(DOCKER_DF, true), /Please remove the lvm\.conf filter, it is ignored with the devices file\./);
  assert.match(lvmWarnings(DOCKER_DF, true), /Please remove the lvm\.conf global_filter, it is ignored with the devices file\./);
  assert.doesNotMatch(lvmWarnings(DOCKER_DF, false), /ignored with the devices file/);
});

// ---- autoextend-unmonitored ----

// A real config that already has monitoring = 0, with its thresholds at 100 (autoextend off).
const ZRAM = real('hypervisor-zram-root.lvm.conf');

test('autoextend-unmonitored: a threshold below 100 with monitoring = 0; none at 100 (the real file)', () => {
  assert.deepEqual(of(check(ZRAM), 'autoextend-unmonitored'), []);
  const low = change(change(ZRAM, /thin_pool_autoextend_threshold = 100/, 'thin_pool_autoextend_threshold = 70'), /snapshot_autoextend_threshold = 100/, 'snapshot_autoextend_threshold = 80');
  const fs = of(check(low), 'autoextend-unmonitored');
  assert.deepEqual(fs.map(at), ['autoextend-unmonitored@631']);
  assert.match(fs[0].message, /snapshot_autoextend_threshold = 80 asks dmeventd to extend snapshots, thin pools .* but monitoring = 0 \(line 680\) means no LV is monitored: autoextend never runs/);
  assert.equal(fs[0].related?.length, 2);
  // Monitoring on: autoextend works.
  assert.deepEqual(of(check(change(low, /monitoring = 0/, 'monitoring = 1')), 'autoextend-unmonitored'), []);
});

test('the rules are documented with the lvm2 source lines they follow', () => {
  const docs = readFileSync(join(root, 'docs/rules/lvm-conf.md'), 'utf8');
  for (const code of ['locking-disabled', 'filter-ignored', 'autoextend-unmonitored']) assert.match(docs, new RegExp(`^#+ \`${code}\``, 'm'), code);
  for (const src of ['tools/lvmcmdline.c', 'lib/filters/filter-regex.c', 'lib/device/dev-cache.c', 'lib/config/config_settings.h', 'tools/toollib.c']) assert.ok(docs.includes(src), src);
});
