import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll, parse } from '../../server/src/syntax/treesitter';
import { buildModel } from '../../server/src/metadata/model';
import { diffTexts, formatDiff } from '../../server/src/backups/diff';
import { readHeader } from '../../server/src/backups/header';
import { restoreCommands, shellQuote } from '../../server/src/backups/restore';
import { backupDirsOf, listTimelines, loadHeaders } from '../../server/src/backups/timeline';
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

test('restore commands: test first, --force only for thin, pvcreate per lost PV, quoted names, comments cannot break out', async () => {
  await loadAll();
  const text = fixture('backup/vgkinds');
  const tree = parse('lvm', text);
  const out = restoreCommands(buildModel(tree, text), { file: "/tmp/it's here.vg", lostLabels: ['pv1'] });
  tree.delete();
  const cmds = out.split('\n').filter((l) => l && !l.startsWith('#'));
  const testAt = cmds.findIndex((l) => l.startsWith('vgcfgrestore --test --force -f'));
  const realAt = cmds.findIndex((l) => /^vgcfgrestore --force -f/.test(l));
  const pvAt = cmds.findIndex((l) => l.startsWith('pvcreate --uuid'));
  assert.ok(pvAt >= 0 && pvAt < testAt && testAt < realAt, out);
  assert.equal(cmds.filter((l) => l.startsWith('pvcreate')).length, 1);
  assert.ok(cmds[realAt].includes(`${shellQuote("/tmp/it's here.vg")} 'vgkinds'`));
  assert.equal(shellQuote("a'b"), `'a'\\''b'`);
  assert.match(out, /WARNINGS[\s\S]*Thin pools: lvm2 needs --force/);
  // vg.data+1 has a cache LV but no thin LV: lvm2 needs no --force (restore-lvm.test.ts runs it).
  const cached = fixture('backup/vg.data+1');
  const t2 = parse('lvm', cached);
  const out2 = restoreCommands(buildModel(t2, cached), { file: 'f' });
  t2.delete();
  assert.ok(!/--force/.test(out2), 'no --force without thin LVs');
  assert.match(out2, /Cache LVs/);
});

test('restore: a MISSING PV never gets vgcfgrestore of that file; the pre-loss archive is found and what it undoes listed', async () => {
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s) };
  const file = join(FIX, 'backup', 'vg_miss-2');
  assert.equal(await runBackupsCommand(['restore', file], io), 0, err);
  const cmds = out.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(!cmds.some((l) => l.startsWith('vgcfgrestore') && l.includes(file)), out);
  // Archive 00002 ("before vgchange --addtag after_loss") already carries the flag: 00001 is the one.
  assert.ok(cmds.includes(`vgcfgrestore --test -f '${join(FIX, 'archive', archive('vg_miss-2_00001'))}' 'vg_miss-2'`), out);
  assert.match(out, /LV safe \(linear, 8 MiB\) created since would disappear/);
  assert.match(out, /--force REMOVES them: spans \(linear\)\./);
  assert.ok(cmds.includes(`vgextend --restoremissing --test 'vg_miss-2' "$pv_dev"`));
});

test('restore: refused (exit 2) for anything that is not LVM metadata of the VG it holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-refuse-'));
  try {
    let out = '';
    let err = '';
    const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s) };
    const cases: [string, string | Buffer, RegExp][] = [
      ['ls', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), /binary/],
      ['lvm.conf', readFileSync(join(FIX, '..', 'lvmconf', readdirSync(join(FIX, '..', 'lvmconf')).find((f) => f.endsWith('.conf'))!)), /not LVM metadata/],
      ['broken.vg', fixture('backup/vgkinds').replace('segment1 {', 'segment1 {{'), /syntax error at line \d+/],
      ['notes.txt', 'hello\n', /not LVM metadata/],
    ];
    for (const [name, body, why] of cases) {
      const p = join(dir, name);
      writeFileSync(p, body);
      out = '';
      err = '';
      assert.equal(await runBackupsCommand(['restore', p], io), 2, name);
      assert.equal(out, '', name);
      assert.match(err, why, name);
    }
    assert.equal(await runBackupsCommand(['restore', '--vg', 'other', join(FIX, 'backup', 'vgkinds')], io), 2);
    assert.match(err, /holds VG "vgkinds", not "other"/);
    assert.equal(await runBackupsCommand(['restore', dir], io), 2);
    // A file name with a line break: a pasted line could run its second half; refused.
    const nl = join(dir, 'a\nrm -rf x');
    cpSync(join(FIX, 'backup', 'vgkinds'), nl);
    err = '';
    assert.equal(await runBackupsCommand(['restore', nl], io), 2);
    assert.match(err, /control character/);
    // A VG name lvm2 would refuse (crafted file): refused too.
    const odd = join(dir, 'odd.vg');
    writeFileSync(odd, fixture('backup/vgkinds').replace(/^vgkinds \{/m, '"vg\\nx" {'));
    err = '';
    assert.equal(await runBackupsCommand(['restore', odd], io), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backups DIR: /etc/lvm-like folders give the backup+archive timeline; lvm.conf, profiles and subfolders are not VGs; FIFOs never opened', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-etc-'));
  try {
    const etc = join(dir, 'lvm');
    cpSync(join(FIX, 'backup'), join(etc, 'backup'), { recursive: true });
    cpSync(join(FIX, 'archive'), join(etc, 'archive'), { recursive: true });
    mkdirSync(join(etc, 'profile'));
    writeFileSync(join(etc, 'lvm.conf'), 'config {\n\tcheckconfig = 1\n}\n');
    writeFileSync(join(etc, 'lvmlocal.conf'), 'local {\n}\n');
    writeFileSync(join(etc, 'profile', 'thin-performance.profile'), 'allocation {\n}\n');
    writeFileSync(join(etc, 'backup', 'notes.txt'), 'not metadata\n');
    spawnSync('mkfifo', [join(etc, 'backup', 'fifo')]);
    let out = '';
    let err = '';
    const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s) };
    assert.equal(await runBackupsCommand([etc], io), 0, err);
    const vgs = out.split('\n').filter((l) => l && !l.startsWith(' '));
    assert.deepEqual(vgs, ['vg.data+1 (11 files)', 'vg_miss-2 (4 files)', 'vgkinds (12 files)']);
    assert.ok(!/seqno \?/.test(out), out);
    // The same folders listed by the editor's view (shared walk).
    const tl = listTimelines(backupDirsOf(etc));
    assert.deepEqual(tl.map((t) => `${t.vg} (${t.entries.length} files)`), vgs);
    // A folder with neither: told so, nothing listed.
    out = '';
    err = '';
    assert.equal(await runBackupsCommand([join(etc, 'profile')], io), 0);
    assert.equal(out, '');
    assert.match(err, /no LVM metadata backups or archives/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

test('real archives: sizes rounded up are marked as lvm2 marks them; a replacement disk gets its exact minimum', async () => {
  await loadAll();
  // dockervg's only LV has 8191 extents of 4 MiB: 4 MiB short of 32 GiB (lvs prints <32.00g).
  const created = diffTexts(fixture('real/bastion.dockervg_00000-108126693.vg'), fixture('real/bastion.dockervg'));
  assert.deepEqual(created.lvsAdded.map((l) => [l.name, l.extents]), [['dockerlv', 8191]]);
  assert.match(formatDiff(created, { a: 'A', b: 'B' }), /^ {2}dockerlv linear, <32 GiB$/m);
  // The Proxmox lvextend: exact sizes stay unmarked.
  const grown = diffTexts(fixture('real/pve-bak.pve_00029-242318654.vg'), fixture('real/pve-bak.pve'));
  assert.match(formatDiff(grown, { a: 'A', b: 'B' }), /^ {2}vm-102-disk-1 32 GiB → 48 GiB \(8192 → 12288 extents\)$/m);
  assert.equal(grown.changes, 1);
  // Debian's PV of 52391936 sectors is 24.9824 GiB: "24.98 GiB" alone would let a disk 2 MiB too small through.
  const text = fixture('real/compuaplicada.vg_tp').replace('flags = []\n\t\t\tdev_size', 'flags = ["MISSING"]\n\t\t\tdev_size');
  const tree = parse('lvm', text);
  const out = restoreCommands(buildModel(tree, text), { file: '/etc/lvm/backup/vg_tp' });
  tree.delete();
  assert.match(out, /at least as large as the lost one \(pv0: 24\.98 GiB, 26824671232 bytes\)\./);
});

test('real Proxmox thin VGs: the --force note says a pool alone needs it, and mentions queued messages only where the file has some', async () => {
  await loadAll();
  for (const [name, file] of [['pve-bak.pve-OLD-C027DD2B', '/etc/lvm/backup/pve-OLD-C027DD2B'], ['pve-bak.pve', '/etc/lvm/backup/pve']]) {
    const text = fixture(`real/${name}`);
    const tree = parse('lvm', text);
    const out = restoreCommands(buildModel(tree, text), { file });
    tree.delete();
    // lvm2 2.03.16 refuses both without --force (restore-lvm.test.ts measures it); the OLD VG has a pool and no thin LV.
    assert.match(out, /lvm2 needs --force to restore a VG with a thin pool or thin LVs\./, name);
    assert.doesNotMatch(out, /messages/, `${name} has no message section`);
    assert.match(out, /^vgcfgrestore --test --force -f /m, name);
  }
  // A queued create message in the pool (the same file with one added): then the note says so.
  const text = fixture('real/pve-bak.pve').replace('transaction_id = 14\n', 'transaction_id = 14\n\t\t\t\tmessage1 {\n\t\t\t\t\tcreate = "vm-100-disk-0"\n\t\t\t\t}\n');
  const tree = parse('lvm', text);
  const m = buildModel(tree, text);
  tree.delete();
  assert.equal(m.vg!.lvByName.get('data')!.segments[0].messages.length, 1);
  assert.match(restoreCommands(m, { file: '/x' }), /The thin messages queued in this file are replayed at activation\./);
});

test('real Proxmox /etc/lvm: the timeline of pve is archive #29 (seqno 35, before the lvextend) then the backup (36); the renamed VG stands alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-pve-'));
  try {
    mkdirSync(join(dir, 'backup'));
    mkdirSync(join(dir, 'archive'));
    cpSync(join(FIX, 'real', 'pve-bak.pve'), join(dir, 'backup', 'pve'));
    cpSync(join(FIX, 'real', 'pve-bak.pve-OLD-C027DD2B'), join(dir, 'backup', 'pve-OLD-C027DD2B'));
    cpSync(join(FIX, 'real', 'pve-bak.pve_00029-242318654.vg'), join(dir, 'archive', 'pve_00029-242318654.vg'));
    const tl = listTimelines(backupDirsOf(dir));
    assert.deepEqual(tl.map((t) => t.vg), ['pve', 'pve-OLD-C027DD2B']);
    loadHeaders(tl[0].entries);
    assert.deepEqual(tl[0].entries.map((e) => [e.kind, e.index ?? null, e.header!.seqno, e.header!.when, e.header!.creationTime]), [
      ['archive', 29, 35, 'before', 1705949993],
      ['backup', null, 36, 'after', 1705949993],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
