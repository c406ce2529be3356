// Our errors against lvm2's own verdicts (vgcfgrestore --test) on the broken fixtures, and on
// every real backup/archive file lvm2 wrote: an error from us <=> lvm2 refuses the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAll } from '../../server/src/syntax/treesitter';
import { analyze, fixture, fixtureFiles, verdict } from './helpers';

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
