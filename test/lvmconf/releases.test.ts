// lvm.conf across lvm2 releases: the facts generated from lvm2's own config_settings.h at every
// tag (server/src/lvmconf/releases.json), the release a file is checked as (explicit, inferred
// from its settings, or current), and real 2.02-era files that must not get 2.03 findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFile } from '../../server/src/cli';
import { ParsedDocument } from '../../server/src/core/document';
import { completeLvmConf } from '../../server/src/lvmconf/completion';
import { hoverLvmConf } from '../../server/src/lvmconf/hover';
import { chooseLvmRelease, sectionAt, settingAt } from '../../server/src/lvmconf/releases';
import { loadLanguage } from '../../server/src/syntax/treesitter';
import releases from '../../server/src/lvmconf/releases.json';

const root = join(__dirname, '..', '..', '..', '..');
const real = (name: string) => join(root, 'test', 'fixtures', 'real', 'lvm', name);
const RELEASE_CODES = new Set(['deprecated-setting', 'unknown-setting', 'target-version', 'profile-section', 'profile-kind']);

async function check(path: string, target?: string, text?: string) {
  await loadLanguage('lvm');
  const bytes = text !== undefined ? new TextEncoder().encode(text) : readFileSync(path);
  return checkFile(path, bytes, { language: 'lvm-conf', target })!;
}

test('release facts read from lvm2 tags', () => {
  assert.equal((releases as { releases: string[] }).releases[0], '2.02.99');
  assert.ok((releases as { releases: string[] }).releases.includes('2.03.16'));
  // use_lvmetad: live through 2.02, deprecated by 2.03.0 (which wrote its own version as 3.0).
  assert.deepEqual(settingAt('global/use_lvmetad', '2.02.187'), { present: true, deprecatedSince: undefined, type: 'boolean', profilable: undefined });
  assert.equal(settingAt('global/use_lvmetad', '2.03.16')!.deprecatedSince, '2.03.0');
  assert.equal(settingAt('global/locking_type', '2.02.150')!.deprecatedSince, undefined);
  // The 2.02 spelling lvm2 itself accepted until 2.02.164.
  assert.equal(settingAt('report/colums_as_rows', '2.02.164')!.present, true);
  assert.equal(settingAt('report/colums_as_rows', '2.02.165')!.present, false);
  assert.equal(settingAt('report/columns_as_rows', '2.02.165')!.present, true);
  // Backported to 2.02.187, absent from 2.03.0 to 2.03.5, back in 2.03.6.
  assert.equal(settingAt('devices/allow_mixed_block_sizes', '2.02.187')!.present, true);
  assert.equal(settingAt('devices/allow_mixed_block_sizes', '2.03.2')!.present, false);
  assert.equal(settingAt('devices/allow_mixed_block_sizes', '2.03.16')!.present, true);
  // Profiles: metadata-profilable settings carry the flag in their release.
  assert.equal(settingAt('allocation/thin_pool_chunk_size_policy', '2.03.16')!.profilable, 'metadata');
  // Sections carry their profile flags too: cache_settings became metadata-only in 2.02.169.
  assert.equal(sectionAt('allocation/cache_settings', '2.02.168')!.profilable, 'command');
  assert.equal(sectionAt('allocation/cache_settings', '2.03.16')!.profilable, 'metadata');
});

test('which release: explicit wins, evidence narrows, otherwise current', () => {
  assert.equal(chooseLvmRelease(['global/use_lvmetad'], '2.03.16').source, 'explicit');
  const old = chooseLvmRelease(['global/use_lvmetad', 'global/locking_type', 'devices/filter']);
  assert.equal(old.source, 'evidence');
  assert.match(old.release, /^2\.02\./);
  assert.match(old.reason, /inferred from global\/use_lvmetad, global\/locking_type/);
  assert.equal(chooseLvmRelease(['devices/filter', 'backup/retain_min']).source, 'default');
  // A file that mixes eras (a leftover deprecated setting next to a 2.03-only one) is current.
  const mixed = chooseLvmRelease(['global/use_lvmetad', 'devices/use_devicesfile']);
  assert.equal(mixed.source, 'default');
});

test('real 2.02 files get no 2.03 findings; before this change they got deprecated-setting warnings', async () => {
  for (const name of ['centos7-voip.lvm.conf', 'openstack-scolomar.lvm.conf']) {
    const r = await check(real(name));
    assert.match(r.target!.release, /^2\.02\./, name);
    assert.match(r.target!.reason, /inferred from/);
    const wrong = r.findings.filter((f) => RELEASE_CODES.has(f.code));
    assert.deepEqual(wrong.map((f) => `${f.code}: ${f.message}`), [], name);
  }
  // Checked as 2.03.16 on purpose, the same file's 2.02 settings are deprecated, and say so.
  const as203 = await check(real('centos7-voip.lvm.conf'), '2.03.16');
  const dep = as203.findings.filter((f) => f.code === 'deprecated-setting');
  assert.ok(dep.some((f) => /global\/use_lvmetad is deprecated since lvm2 2\.03\.0; this file is checked as lvm2 2\.03\.16/.test(f.message)), dep.map((f) => f.message).join('\n'));
});

test('--target 2.02.187 makes locking_type and use_lvmetad live settings', async () => {
  const text = 'global {\n\tlocking_type = 1\n\tuse_lvmetad = 1\n}\ndevices {\n\tcache_dir = "/etc/lvm/cache"\n}\n';
  const r = await check('/etc/lvm/lvm.conf', '2.02.187', text);
  assert.deepEqual(r.findings.map((f) => f.code), []);
  assert.equal(r.target!.release, '2.02.187');
  const now = await check('/etc/lvm/lvm.conf', '2.03.16', text);
  assert.deepEqual(now.findings.map((f) => f.code), ['deprecated-setting', 'deprecated-setting', 'deprecated-setting']);
});

test('a distribution as the target (--target RHEL7 over a repository of RHEL 7 hosts): its lvm2 releases, not the newest lvm2', async () => {
  // A CentOS 7 host's lvm.conf (the VG backup beside it in the same repository says -RHEL7).
  // Before: checked as "RHEL7", i.e. as the newest lvm2, 8 deprecated-setting findings on
  // settings RHEL 7's lvm2 keeps live (use_lvmetad, locking_type, cache_dir...).
  for (const target of ['RHEL7', 'CentOS7', 'el7']) {
    const r = await check(real('tatiana-job.lvm.conf'), target);
    assert.deepEqual(r.findings.filter((f) => RELEASE_CODES.has(f.code)).map((f) => `${f.code}: ${f.message}`), [], target);
    assert.match(r.target!.release, /^2\.02\.(1[0-8]\d)$/, target);
    assert.match(r.target!.reason, /RHEL 7 .* ships lvm2 2\.02\.105 to 2\.02\.187/, target);
  }
  // Minimal: a 2.02 setting is live on RHEL 7 and on a Fedora of the 2.02 years, gone on RHEL 8 and 9.
  // (Not at /etc/lvm/lvm.conf: this machine's own file is read by this machine's lvm2.)
  const text = 'global {\n\tuse_lvmetad = 1\n}\n';
  for (const [target, codes] of [['RHEL7', []], ['F28', []], ['RHEL8', ['deprecated-setting']], ['RHEL9', ['deprecated-setting']]] as const) {
    const r = await check('/srv/hosts/lvm.conf', target, text);
    assert.deepEqual(r.findings.map((f) => f.code), codes, target);
  }
  const rhel8 = await check('/srv/hosts/lvm.conf', 'RHEL8', text);
  assert.equal(rhel8.target!.release, '2.03.14');
  assert.match(rhel8.findings[0].message, /checked as lvm2 2\.03\.14, RHEL 8/);
  // A backup's own header still says which lvm2 wrote it.
  await loadLanguage('lvm');
  const pve = readFileSync(join(root, 'test', 'fixtures', 'metadata', 'real', 'pve-bak.pve'));
  const m = checkFile('/etc/lvm/backup/pve', pve, { language: 'lvm-metadata', target: 'RHEL7' })!;
  assert.equal(m.target!.release, '2.03.16');
  assert.equal(chooseLvmRelease(['devices/filter'], 'Rocky9').release.startsWith('2.03.'), true);
});

test('current files keep their findings; incident rules fire on every release', async () => {
  const sample = await check(join(root, 'samples', 'lvm', 'lvm.conf'));
  assert.equal(sample.target!.reason.startsWith('default'), true);
  for (const target of [undefined, '2.02.99', '2.02.187', '2.03.16']) {
    const text = 'global {\n\tuse_lvmetad = 1\n}\nbackup {\n\tretain_min = 0\n\tretain_days = 0\n}\n';
    const r = await check('/etc/lvm/lvm.conf', target, text);
    assert.ok(r.findings.some((f) => f.code === 'unsafe-retention'), `${target}: ${r.findings.map((f) => f.code)}`);
  }
});

test('unanchored-filter: a pattern that starts with /dev/ cannot match mid-path (Proxmox), others still do', async () => {
  const r = await check(real('proxmox-pve-bak.lvm.conf'));
  assert.deepEqual(r.findings.filter((f) => f.code === 'unanchored-filter').map((f) => f.message), []);
  const text = 'devices {\n\tglobal_filter = [ "r|/dev/zd.*|", "r|/dev/nbd.*|", "a|loop1|", "a/xvda./", "r|.*|" ]\n}\n';
  const f = (await check('/etc/lvm/lvm.conf', undefined, text)).findings.filter((x) => x.code === 'unanchored-filter');
  assert.deepEqual(f.map((x) => x.message.match(/"([^"]+)"/)![1]), ['loop1', 'xvda.']);
});

test('completion and hover follow the release the file is checked as', async () => {
  await loadLanguage('lvm');
  const labels = (text: string, line: number, ch: number, target?: string) => {
    const doc = new ParsedDocument('file:///etc/lvm/lvm.conf', 'lvm-conf', text);
    try {
      return completeLvmConf(doc, { line, character: ch }, target ? { target } : {}).map((c) => c.label);
    } finally {
      doc.dispose();
    }
  };
  // A 2.02-era file (locking_type = 1 with use_lvmetad): use_lvmetad is live there and offered;
  // a current file is not offered it (deprecated since 2.03.0), nor a setting 2.02 lacks.
  const old = 'global {\n\tuse_lvmetad = 1\n\t\n}\n';
  const oldLabels = labels(old, 2, 1);
  assert.ok(oldLabels.includes('use_lvmetad'), 'use_lvmetad offered to a 2.02 file');
  assert.ok(oldLabels.includes('locking_type'));
  const cur = 'global {\n\tumask = 077\n\t\n}\n';
  const curLabels = labels(cur, 2, 1);
  assert.ok(!curLabels.includes('use_lvmetad'), 'not offered to a current file');
  // A setting that lvm2 2.02.187 lacks is not offered to a file checked as 2.02.187.
  const newer = Object.entries((releases as unknown as { settings: Record<string, { present: [string, boolean][] }> }).settings).find(
    ([p, h]) => p.startsWith('global/') && p.split('/').length === 2 && h.present.length === 1 && h.present[0][1] && h.present[0][0].startsWith('2.03.'),
  );
  assert.ok(newer, 'a global setting that appeared in 2.03');
  const name = newer[0].split('/')[1];
  assert.ok(curLabels.includes(name) || !labels(cur, 2, 1).length, `${name} offered to a current file`);
  assert.ok(!labels(old, 2, 1, '2.02.187').includes(name), `${name} not offered as 2.02.187`);
  // Hover says what the file's release makes of the setting.
  const doc = new ParsedDocument('file:///etc/lvm/lvm.conf', 'lvm-conf', old);
  try {
    const h = hoverLvmConf(doc, { line: 1, character: 3 }, {});
    assert.ok(h);
    assert.match(h.contents, /Deprecated\*\* since 2\.03\.0/);
    assert.match(h.contents, /This file is checked as lvm2 2\.02\.\d+: inferred from .*use_lvmetad.*\. There it is a live setting\./);
  } finally {
    doc.dispose();
  }
});
