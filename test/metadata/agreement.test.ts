// Our errors against lvm2's own verdicts (vgcfgrestore --test) on the broken fixtures, and on
// every real backup/archive file lvm2 wrote: an error from us <=> lvm2 refuses the file.
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { loadAll } from '../../server/src/syntax/treesitter';
import { analyze, fixture, fixtureFiles, ROOT, verdict } from './helpers';
import { lvmUnavailable } from '../remote/lvmfixture';

const EXPECTED_CODE: Record<string, string> = {
  'duplicate-id': 'duplicate-id',
  'out-of-range': 'extent-out-of-range',
  overlap: 'extent-overlap',
  'segment-count': 'segment-mismatch',
  syntax: 'syntax',
  'undefined-pv': 'undefined-pv',
  'undefined-lv': 'undefined-lv',
  'undefined-lv-origin': 'undefined-lv',
  'unknown-status': 'unknown-flag',
  'unknown-segtype': 'unknown-segment-type',
};

test('broken fixtures: an error exactly when lvm2 refused the file, with the matching code', async () => {
  await loadAll();
  const files = fixtureFiles('broken').filter((f) => f.endsWith('.vg'));
  assert.ok(files.length >= 20, `expected the broken fixtures, found ${files.length}`);
  for (const f of files) {
    const v = verdict(`broken/${f}`);
    const findings = analyze(fixture(`broken/${f}`));
    const errors = findings.filter((x) => x.severity === 'error');
    assert.equal(errors.length > 0, v.rc !== 0, `${f}: lvm2 rc=${v.rc}, our errors: ${errors.map((e) => e.code).join(',') || 'none'}`);
    const kind = f.replace(/^(data|kinds)-/, '').replace(/\.vg$/, '');
    const code = EXPECTED_CODE[kind];
    if (code) assert.ok(findings.some((x) => x.code === code), `${f}: expected ${code}, got ${findings.map((x) => x.code).join(',')}`);
  }
});

test('every real backup and archive written by lvm2 has no error', async () => {
  await loadAll();
  for (const sub of ['backup', 'archive']) {
    for (const f of fixtureFiles(sub)) {
      const errors = analyze(fixture(`${sub}/${f}`)).filter((x) => x.severity === 'error');
      assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], `${sub}/${f}`);
    }
  }
});

test('state rules on real files: missing PV, pending thin message, merging snapshot, thin tools', async () => {
  await loadAll();
  const miss = analyze(fixture('backup/vg_miss-2'));
  const mp = miss.find((f) => f.code === 'missing-pv');
  assert.ok(mp, 'missing-pv reported');
  assert.match(mp.message, /spans/);
  const kinds = analyze(fixture('backup/vgkinds'));
  assert.ok(kinds.some((f) => f.code === 'thin-pending-message' && /delete thin device 2/.test(f.message)));
  assert.ok(kinds.some((f) => f.code === 'snapshot-merging'));
  const tools = kinds.find((f) => f.code === 'needs-thin-tools');
  assert.ok(tools);
  assert.match(tools.message, /2\.03\.16.*without checking/);
  // The same file claimed by an old lvm2: activation fails without the tool.
  const old = analyze(fixture('backup/vgkinds').replace(/LVM2 version 2\.03\.16/, 'LVM2 version 2.02.177'));
  assert.match(old.find((f) => f.code === 'needs-thin-tools')!.message, /refuses to activate/);
  // Archives from before the thin pool existed do not ask for the tools.
  const first = fixtureFiles('archive').find((f) => f.startsWith('vgkinds_00000'))!;
  assert.ok(!analyze(fixture(`archive/${first}`)).some((f) => f.code === 'needs-thin-tools'));
});

// Backups and archives copied unchanged from public repositories (test/fixtures/metadata/real/,
// sources in its SOURCES.md), each with lvm2's verdict beside it
// (scripts/lvm-real-metadata-verdicts.sh: PVs recreated from the file, then vgcfgrestore --test).
test('real public backups and archives: an error from us exactly when lvm2 refused the file', async () => {
  await loadAll();
  const files = fixtureFiles('real').filter((f) => !f.endsWith('.verdict') && !f.endsWith('.md'));
  assert.ok(files.length >= 8, `expected the real public files, found ${files.length}`);
  const sources = fixture('real/SOURCES.md');
  const releases = new Set<string>();
  for (const f of files) {
    assert.ok(sources.includes(`| ${f} |`), `${f}: no row in SOURCES.md`);
    const v = verdict(`real/${f}`);
    const text = fixture(`real/${f}`);
    const errors = analyze(text).filter((x) => x.severity === 'error');
    assert.equal(errors.length > 0, v.rc !== 0, `${f}: lvm2 rc=${v.rc}, our errors: ${errors.map((e) => `${e.code}: ${e.message}`).join('; ') || 'none'}`);
    releases.add(/LVM2 version (\d+\.\d+\.\d+)/.exec(text)![1]);
  }
  assert.ok(releases.size >= 6, `expected files from several lvm2 releases, found ${[...releases].join(', ')}`);
});

test('real public thin pool backups: restore needs --force, thin tools asked for', async () => {
  await loadAll();
  const codes = analyze(fixture('real/pve-bak.pve')).map((f) => f.code);
  assert.ok(codes.includes('restore-needs-force'), codes.join(','));
  assert.ok(codes.includes('needs-thin-tools'), codes.join(','));
  // A linear-only VG of the same kind of host asks for neither.
  const plain = analyze(fixture('real/pincabos.ubuntu-vg')).map((f) => f.code);
  assert.deepEqual(plain, []);
});

test('the recorded lvm2 verdicts on the real public files hold against the installed lvm2 (live)', { skip: lvmUnavailable() }, () => {
  const r = spawnSync('bash', [join(ROOT, 'scripts/lvm-real-metadata-verdicts.sh'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /as recorded/);
});
