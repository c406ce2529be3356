import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll, parse } from '../../server/src/syntax/treesitter';
import { buildModel } from '../../server/src/metadata/model';
import { diffTexts, formatDiff } from '../../server/src/backups/diff';
import { readHeader } from '../../server/src/backups/header';
import { restoreCommands, shellQuote } from '../../server/src/backups/restore';
import { listTimelines, loadHeaders } from '../../server/src/backups/timeline';
import { runBackupsCommand, utcText } from '../../server/src/backups/cli';
import { fixture, FIX } from '../metadata/helpers';

const archive = (prefix: string) => readdirSync(join(FIX, 'archive')).find((f) => f.startsWith(prefix))!;

test('timeline from real folders: per VG, archive index order, backup last, labels from headers', () => {
  const tl = listTimelines([join(FIX, 'backup'), join(FIX, 'archive')]);
  assert.deepEqual(tl.map((t) => t.vg), ['vg.data+1', 'vg_miss-2', 'vgkinds']);
  for (const t of tl) {
    loadHeaders(t.entries);
    assert.equal(t.entries.at(-1)!.kind, 'backup');
    const seq = t.entries.map((e) => e.header!.seqno!);
    assert.deepEqual([...seq].sort((a, b) => a - b), seq, `${t.vg} seqnos ascend`);
    assert.equal(t.entries.at(-1)!.header!.when, 'after');
    assert.ok(t.entries.slice(0, -1).every((e) => e.header!.when === 'before'));
  }
});

test('archive indexes past 99999 sort numerically; only the page asked for is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-arch-'));
  try {
    const body = fixture(`archive/${archive('vgkinds_00001')}`);
    for (const i of [99998, 99999, 100000, 100001, 2, 1000000]) writeFileSync(join(dir, `vgkinds_${String(i).padStart(5, '0')}-${i * 7}.vg`), body);
    writeFileSync(join(dir, 'vgkinds_00003-1.vg'), 'not metadata');
    const [t] = listTimelines([dir]);
    assert.deepEqual(t.entries.map((e) => e.index), [2, 3, 99998, 99999, 100000, 100001, 1000000]);
    loadHeaders(t.entries, 5, 2);
    assert.deepEqual(t.entries.map((e) => e.header !== undefined), [false, false, false, false, false, true, true]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('header: bounded read gives description, command, time, vg and seqno', () => {
  const h = readHeader(join(FIX, 'backup', 'vg.data+1'), 1024);
  assert.equal(h.vg, 'vg.data+1');
  assert.equal(h.when, 'after');
  assert.match(h.command!, /^lvchange --addtag/);
  assert.equal(h.version, '2.03.16');
  assert.ok(h.seqno! > 5);
  assert.ok(h.creationTime! > 1.6e9);
});

test('structural diff on real archives: rename, resize, conversion, added LVs, missing PV', async () => {
  await loadAll();
  const renamed = diffTexts(fixture(`archive/${archive('vg.data+1_00008')}`), fixture(`archive/${archive('vg.data+1_00009')}`));
  assert.deepEqual(renamed.lvsRenamed, [{ from: 'lv+a.b_2', to: 'lv+a.b_3' }]);
  assert.equal(renamed.lvsAdded.length + renamed.lvsRemoved.length, 0);
  const resized = diffTexts(fixture(`archive/${archive('vg.data+1_00003')}`), fixture(`archive/${archive('vg.data+1_00004')}`));
  assert.deepEqual(resized.lvsResized.map((r) => [r.name, r.from, r.to]), [['lv+a.b_2', 2, 3]]);
  const cached = diffTexts(fixture(`archive/${archive('vg.data+1_00007')}`), fixture(`archive/${archive('vg.data+1_00008')}`));
  assert.deepEqual(cached.lvsConverted.map((c) => [c.name, c.from, c.to]), [['home', 'linear', 'cache']]);
  const miss = diffTexts(fixture(`archive/${archive('vg_miss-2_00001')}`), fixture('backup/vg_miss-2'));
  assert.deepEqual(miss.pvsMissing.map((p) => p.key), ['pv1']);
  const md = formatDiff(cached, { a: 'A', b: 'B' }, true);
  assert.match(md, /### LVs converted\n\n- `home` linear → cache/);
  const same = diffTexts(fixture('backup/vgkinds'), fixture('backup/vgkinds'));
  assert.equal(same.changes, 0);
});

test('restore commands: test first, --force for thin/raid, pvcreate per lost PV, quoted names', async () => {
  await loadAll();
  const text = fixture('backup/vgkinds');
  const tree = parse('lvm', text);
  const out = restoreCommands(buildModel(tree, text), { file: "/tmp/it's here.vg", lostLabels: ['pv1'] });
  tree.delete();
  const cmds = out.split('\n').filter((l) => l && !l.startsWith('#'));
  const testAt = cmds.findIndex((l) => l.startsWith('vgcfgrestore --test --force -f'));
  const realAt = cmds.findIndex((l) => /^vgcfgrestore --force -f/.test(l));
  const pvAt = cmds.findIndex((l) => l.startsWith('pvcreate --restorefile'));
  assert.ok(pvAt >= 0 && pvAt < testAt && testAt < realAt, out);
  assert.equal(cmds.filter((l) => l.startsWith('pvcreate')).length, 1);
  assert.ok(cmds[realAt].includes(`${shellQuote("/tmp/it's here.vg")} 'vgkinds'`));
  assert.equal(shellQuote("a'b"), `'a'\\''b'`);
  assert.match(out, /WARNINGS[\s\S]*Thin pools/);
  const plain = fixture(`archive/${archive('vg.data+1_00001')}`);
  const t2 = parse('lvm', plain);
  const out2 = restoreCommands(buildModel(t2, plain), { file: 'f' });
  t2.delete();
  assert.ok(!/--force/.test(out2), 'no --force for a linear-only VG');
});

test('CLI: text and json timelines, diff, usage errors', async () => {
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s) };
  assert.equal(await runBackupsCommand(['backups', '--format', 'json', join(FIX, 'archive'), join(FIX, 'backup')], io), 0);
  const rows = JSON.parse(out) as { vg: string; seqno: number; description: string }[];
  assert.equal(rows.length, readdirSync(join(FIX, 'archive')).length + readdirSync(join(FIX, 'backup')).length);
  assert.ok(rows.every((r) => r.seqno > 0 && r.description.startsWith('Created')));
  out = '';
  assert.equal(await runBackupsCommand(['diff', join(FIX, 'archive', archive('vg.data+1_00008')), join(FIX, 'backup', 'vg.data+1')], io), 0);
  assert.match(out, /LVs renamed:\n {2}lv\+a\.b_2 → lv\+a\.b_3/);
  assert.equal(await runBackupsCommand(['diff', 'only-one'], io), 2);
  assert.equal(await runBackupsCommand(['--format', 'xml', FIX], io), 2);
  assert.ok(err.includes('usage'));
});

test('scale: 20,000 archive names listed and the first page labelled quickly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-scale-'));
  try {
    const body = fixture(`archive/${archive('vgkinds_00001')}`).slice(0, 1500);
    for (let i = 0; i < 20000; i++) writeFileSync(join(dir, `vg0_${String(i).padStart(5, '0')}-${i}.vg`), body);
    const t = performance.now();
    const [tl] = listTimelines([dir]);
    loadHeaders(tl.entries, tl.entries.length - 200, 200);
    const ms = performance.now() - t;
    assert.equal(tl.entries.length, 20000);
    assert.equal(tl.entries.at(-1)!.index, 19999);
    console.log(`20,000 archives: list + sort + 200 headers in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 2000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('utcText formats like Date.toISOString (seconds, space for T), also at leap days and the edges', () => {
  const cases = [0, 1, 59, 86399, 86400, 951782400, 951868799, 1700000000, 4107542399, 253402300799, 253402300800, -1, 1.5, 1e13];
  for (let i = 0; i < 2000; i++) cases.push(Math.floor((i * 2654435761) % 253402300800));
  for (const t of cases) {
    let want: string;
    try {
      want = new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);
    } catch {
      assert.throws(() => utcText(t));
      continue;
    }
    assert.equal(utcText(t), want, String(t));
  }
});
