// lvm.conf diagnostics on strings and on Debian's shipped files.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { finalize } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';
import { analyzeLvmConf } from '../../server/src/lvmconf/analyze';
import { getSchema } from '../../server/src/lvmconf/schema';
import { doc, root, setup } from './helpers';

before(setup);

function check(text: string, uri?: string, target?: string): Finding[] {
  const d = doc(text, uri);
  return finalize(analyzeLvmConf(d, { target }), d.lines);
}
const codes = (fs: Finding[]) => fs.map((f) => `${f.code}@${f.range.start.line + 1}`);

test('schema has the 267 settings of lvm2 2.03.16 with types', () => {
  const s = getSchema();
  assert.equal(s.settings.size, 267);
  assert.equal([...s.settings.values()].filter((x) => !x.hidden).length, 242);
  for (const x of s.settings.values()) assert.ok(x.description.length > 10, `description of ${x.path}`);
  assert.equal(s.settings.get('backup/retain_min')!.type, 'integer');
  assert.equal(s.settings.get('devices/filter')!.type, 'array:string');
});

test('clean config has no findings', () => {
  assert.deepEqual(codes(check('backup {\n\tretain_min = 10\n\tretain_days = 30\n}\ndevices {\n\tglobal_filter = [ "a|^/dev/sda$|", "r|.*|" ]\n}\n')), []);
});

test('unknown setting with did-you-mean, in nested and flat form', () => {
  for (const text of ['backup {\n\tretain_dayz = 3\n}\n', 'backup/retain_dayz = 3\n']) {
    const f = check(text).filter((x) => x.code === 'unknown-setting');
    assert.equal(f.length, 1, text);
    assert.match(f[0].message, /retain_days/);
    assert.equal(f[0].fixes![0].edits[0].newText, 'retain_days');
  }
});

test('unknown section, wrong section, top-level assignment', () => {
  assert.deepEqual(codes(check('bakup {\n\tretain_min = 10\n}\n')), ['unknown-section@1']);
  assert.deepEqual(codes(check('global {\n\tretain_min = 10\n}\n')), ['wrong-section@2']);
  assert.deepEqual(codes(check('retain_min = 10\n')), ['top-level-assignment@1']);
  assert.deepEqual(codes(check('bakup/retain_min = 10\n')), ['unknown-section@1']);
});

test('type-mismatch follows lvmconfig --validate', () => {
  const bad = ['backup {\n\tretain_min = "10"\n}\n', 'backup {\n\tbackup = "maybe"\n}\n', 'backup {\n\tbackup = 1.5\n}\n', 'backup {\n\tbackup_dir = 5\n}\n', 'global {\n\tthin_check_options = [ 1 ]\n}\n', 'backup {\n\tretain_min = [ 1, 2 ]\n}\n'];
  for (const t of bad) assert.deepEqual(codes(check(t)).filter((c) => c.startsWith('type-mismatch')), ['type-mismatch@2'], t);
  const good = ['backup {\n\tbackup = "YES"\n}\n', 'backup {\n\tbackup = 5\n}\n', 'backup {\n\tretain_min = [ 12 ]\n}\n', 'devices {\n\tscan = "/dev"\n}\n', 'backup {\n\tarchive_dir = [ "/x" ]\n}\n', 'backup/backup = off\n'];
  for (const t of good) assert.deepEqual(codes(check(t)).filter((c) => c.startsWith('type')), [], t);
});

test('empty values', () => {
  assert.deepEqual(codes(check('backup {\n\tbackup_dir = ""\n}\n')), ['empty-value@2']);
  assert.deepEqual(codes(check('devices {\n\tscan = [ ]\n}\n')), ['empty-value@2']);
  assert.deepEqual(codes(check('global {\n\tthin_check_options = [ ]\n}\n')), []);
});

test('invalid-value for fault policies, case-sensitive', () => {
  const f = check('activation {\n\tmirror_image_fault_policy = "Remove"\n\traid_fault_policy = "alocate"\n}\n');
  assert.deepEqual(codes(f), ['invalid-value@2', 'invalid-value@3']);
  assert.match(f[0].message, /case-sensitive/);
  assert.match(f[0].message, /allocate/);
  assert.match(f[1].message, /warn/);
  assert.equal(f[1].fixes![0].edits[0].newText, '"allocate"');
});

test('deprecated settings with replacement', () => {
  const text = 'global {\n\tuse_lvmetad = 1\n\tlocking_type = 3\n}\nactivation {\n\tmirror_device_fault_policy = "remove"\n}\n';
  // Read as a 2.02 file (use_lvmetad and locking_type are live there): only the setting 2.02.57 deprecated.
  assert.deepEqual(codes(check(text)), ['deprecated-setting@6']);
  const f = check(text, undefined, '2.03.16');
  assert.deepEqual(codes(f), ['deprecated-setting@2', 'deprecated-setting@3', 'deprecated-setting@6']);
  assert.match(f[2].message, /mirror_image_fault_policy/);
  // lvm2 still reads it (as mirror_image_fault_policy's value when that is unset): not "ignores it".
  assert.match(f[2].message, /still applies it/);
  assert.doesNotMatch(f[2].message, /ignores it/);
  // lvm2 2.03 still acts on locking_type 0/5 (no locking) and 4 (read-only), and on cache_pool_cachemode.
  assert.match(f[1].message, /0 or 5 still turn locking off/);
  const cm = check('allocation {\n\tcache_pool_cachemode = "writeback"\n}\n', undefined, '2.03.16');
  assert.deepEqual(codes(cm), ['deprecated-setting@2']);
  assert.match(cm[0].message, /still reads it when allocation\/cache_mode is not set/);
  assert.equal(f[2].fixes![0].edits[0].newText, 'mirror_image_fault_policy');
});

test('duplicate setting: last wins, across forms', () => {
  const f = check('backup/retain_min = 3\nbackup {\n\tretain_min = 50\n}\n');
  assert.deepEqual(codes(f), ['duplicate-setting@1']);
  assert.match(f[0].message, /last value \(50\)/);
});

test('unsafe retention, backup-disabled, check-disabled', () => {
  assert.deepEqual(codes(check('backup {\n\tretain_min = 0\n\tretain_days = 0\n}\n')).map((c) => c), ['unsafe-retention@2']);
  const f = check('backup {\n\tretain_min = 0\n\tretain_days = 0\n}\n');
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /exactly one/);
  assert.deepEqual(f[0].fixes![0].edits.map((e) => e.newText), ['100']);
  const w = check('backup/retain_min = 3\n');
  assert.equal(w[0].code, 'unsafe-retention');
  assert.equal(w[0].severity, 'warning');
  assert.deepEqual(codes(check('backup {\n\tretain_min = 100\n\tretain_days = 0\n}\n')), []);
  assert.deepEqual(codes(check('backup {\n\tarchive = 0\n\tbackup = "no"\n}\n')), ['backup-disabled@2', 'backup-disabled@3']);
  assert.deepEqual(codes(check('global {\n\tthin_check_executable = ""\n}\n')), ['check-disabled@2']);
  assert.deepEqual(codes(check('global/cache_check_executable = ""\n')), ['check-disabled@1']);
});

test('filters: invalid entries and unanchored patterns', () => {
  const f = check('devices {\n\tfilter = [ "x|abc|", "a|(ab|", "a|abc", "a|^/dev/sd.*|", "r|.*|" ]\n\tglobal_filter = [ "a|loop|" ]\n}\n');
  assert.deepEqual(codes(f), ['invalid-filter@2', 'invalid-filter@2', 'invalid-filter@2', 'unanchored-filter@3']);
  assert.deepEqual(codes(check('devices/filter = [ "a(^/dev/sd[a-z]$)", "a{^/dev/x}", "r/.*/" ]\n')), []);
});

test('target version', () => {
  assert.deepEqual(codes(check('devices {\n\tuse_devicesfile = 0\n}\n', undefined, '2.03.11')), ['target-version@2']);
  assert.deepEqual(codes(check('devices {\n\tuse_devicesfile = 0\n}\n', undefined, '2.03.16')), []);
  assert.deepEqual(codes(check('report {\n\toutput_format = "json_std"\n}\n', undefined, '2.03.16')), ['target-version@2']);
});

test('profiles: non-profilable setting and wrong kind', () => {
  assert.deepEqual(codes(check('backup {\n\tretain_min = 10\n}\n', 'file:///etc/lvm/profile/x.profile')), ['profile-section@2']);
  assert.deepEqual(codes(check('allocation {\n\tthin_pool_zero = 1\n}\n', 'file:///etc/lvm/profile/my_command.profile')), ['profile-kind@2']);
  // A section only metadata profiles may hold (lvm2: "Configuration section ... is customizable by
  // metadata profile only"): one finding on the section, none for the policy keys inside it.
  const cs = 'allocation {\n\tcache_settings {\n\t\tmq {\n\t\t\tmigration_threshold = 2048\n\t\t}\n\t}\n}\n';
  assert.deepEqual(codes(check(cs, 'file:///etc/lvm/profile/my_command.profile')), ['profile-kind@2']);
  assert.deepEqual(codes(check(cs, 'file:///etc/lvm/profile/my_metadata.profile')), []);
  // lvm2 2.02.128 to 2.02.168 let command profiles hold it.
  assert.deepEqual(codes(check(cs, 'file:///etc/lvm/profile/my_command.profile', '2.02.160')), []);
});

test('suppression comment works on every code', () => {
  assert.deepEqual(codes(check('backup {\n\t# blockwise-disable-next-line unknown-setting\n\tretain_dayz = 3\n}\n')), []);
});

test('syntax errors are worded and placed', () => {
  const f = check('backup {\n\tretain_min = 10\n\nglobal {\n\tunits = "h"\n}\n');
  const s = f.filter((x) => x.code === 'syntax');
  assert.ok(s.length >= 1);
  assert.ok(s.some((x) => /never closed/.test(x.message) && x.range.start.line === 0), JSON.stringify(s));
});

test("Debian's shipped files: no errors", () => {
  const dir = join(root, 'samples', 'lvm');
  const files = ['lvm.conf', 'lvmlocal.conf', ...readdirSync(join(dir, 'profiles')).map((f) => join('profiles', f))];
  for (const f of files) {
    const fs = check(readFileSync(join(dir, f), 'utf8'), `file:///etc/lvm/${f}`);
    assert.deepEqual(fs.filter((x) => x.severity === 'error').map((x) => `${x.code}@${x.range.start.line + 1}: ${x.message}`), [], f);
  }
});
