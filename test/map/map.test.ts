// `blockwise map`: the extent map of real lvm2-written metadata (every allocated extent exactly
// once, per-PV sums equal pe_count, hidden sub-LVs under their LV), the storage plan of the
// kickstart samples and the real kickstart corpus, the SVG parsed by a strict XML parser and
// naming every LV and disk, and the CLI.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { getModel } from '../../server/src/metadata/model';
import { loadAll } from '../../server/src/syntax/treesitter';
import { pictureOf, render, vgMap, vgMapJson, vgMapSvg, vgMapText, storagePlanSvg, storagePlanText, type StoragePlan, type VgMap } from '../../server/src/map/index';
import { main } from '../../server/src/cli';
import { vgChange, vgChangeSvg } from '../../server/src/map/change';

const ROOT = join(__dirname, '..', '..', '..', '..');
const META = join(ROOT, 'test', 'fixtures', 'metadata');
const KS = join(ROOT, 'test', 'fixtures', 'kickstart');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean): { onerror: (e: Error) => void; ontext: (t: string) => void; onopentag: (n: { name: string; attributes: Record<string, string> }) => void; write(s: string): { close(): void } } };

/** Parse an SVG with sax in strict mode (throws on any well-formedness error); its text and attributes. */
function parseSvg(svg: string): { text: string; tags: { name: string; attributes: Record<string, string> }[] } {
  const p = sax.parser(true);
  let text = '';
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  p.onerror = (e) => {
    throw e;
  };
  p.ontext = (t) => (text += `${t}\n`);
  p.onopentag = (n) => tags.push(n);
  p.write(svg).close();
  assert.equal(tags[0]?.name, 'svg');
  return { text, tags };
}

before(async () => {
  await loadAll();
});

function mapOf(text: string): VgMap {
  const doc = new ParsedDocument('file:///x.vg', 'lvm-metadata', text);
  try {
    const m = vgMap(getModel(doc));
    assert.ok(m);
    return m;
  } finally {
    doc.dispose();
  }
}

function planOf(text: string, uri = 'file:///x.ks'): StoragePlan {
  const doc = new ParsedDocument(uri, 'kickstart', text);
  try {
    const p = pictureOf(doc);
    assert.ok(!('error' in p) && p.kind === 'storage-plan');
    return p;
  } finally {
    doc.dispose();
  }
}

/** Every real lvm2-written metadata file of the fixtures (backups, archives, vgcfgrestore'd edits). */
function realMetadata(): string[] {
  const out: string[] = [];
  for (const d of ['backup', 'archive', 'restored']) for (const f of readdirSync(join(META, d)).sort()) out.push(join(META, d, f));
  return out;
}

test('real lvm2 metadata: every PV area exactly once, ranges tile each PV, sums equal pe_count', () => {
  const files = realMetadata();
  assert.ok(files.length >= 30, `${files.length} files`);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const m = mapOf(text);
    const json = vgMapJson(m) as { pvs: { name: string; peCount: number; segments: { start: number; count: number; lv: string | null; error?: string }[] }[] };
    // Independently of the map: the PV areas lvm2 wrote, read from the model.
    const doc = new ParsedDocument('file:///x.vg', 'lvm-metadata', text);
    const want = new Map<string, string[]>();
    try {
      const vg = getModel(doc).vg!;
      for (const lv of vg.lvs) for (const s of lv.segments) for (const a of s.areas) if (a.kind === 'pv' && a.length > 0) {
        const k = `${a.name}:${a.offset}:${a.length}`;
        want.set(k, [...(want.get(k) ?? []), lv.name]);
      }
    } finally {
      doc.dispose();
    }
    const got = new Map<string, string[]>();
    for (const p of json.pvs) {
      let at = 0;
      let sum = 0;
      for (const s of p.segments) {
        assert.equal(s.start, at, `${f}: ${p.name} gap or overlap at ${at}`);
        assert.ok(s.count > 0);
        assert.equal(s.error, undefined, `${f}: ${p.name} ${s.start} ${s.error}`);
        at += s.count;
        sum += s.count;
        if (s.lv !== null) {
          const k = `${p.name}:${s.start}:${s.count}`;
          got.set(k, [...(got.get(k) ?? []), s.lv]);
        }
      }
      assert.equal(sum, p.peCount, `${f}: ${p.name}`);
    }
    assert.deepEqual([...got.entries()].sort(), [...want.entries()].sort(), f);
    // The SVG is well-formed and names every PV and LV; the text names every top LV.
    const svg = parseSvg(vgMapSvg(m));
    for (const p of m.pvs) assert.ok(svg.text.includes(p.name), `${f}: ${p.name} not in the SVG`);
    for (const l of m.lvs) assert.ok(svg.text.includes(l.name), `${f}: ${l.name} not in the SVG`);
    const t = vgMapText(m);
    for (const l of m.lvs) if (l.name === l.topLv) assert.ok(t.includes(l.name));
  }
});

test('vgkinds (thin, RAID 1/5/10, mirror, snapshots, vdo, writecache, integrity): sub-LVs under their LV', () => {
  const m = mapOf(readFileSync(join(META, 'backup', 'vgkinds'), 'utf8'));
  const top = new Map(m.lvs.map((l) => [l.name, l.topLv]));
  const expect: Record<string, string> = {
    r10_rimage_0: 'r10',
    r10_rmeta_3: 'r10',
    r5_rimage_2: 'r5',
    r1_rmeta_1: 'r1',
    m1_mimage_0: 'm1',
    m1_mlog: 'm1',
    pool0_tdata: 'pool0',
    pool0_tmeta: 'pool0',
    il_iorig: 'il',
    il_imeta: 'il',
    wc_wcorig: 'wc',
    fast_cvol: 'wc',
    vpool: 'vd',
    vpool_vdata: 'vd',
    snapshot0: 'snap1',
    snapshot1: 'snap2',
    thin1: 'thin1',
    orig: 'orig',
    lvol0_pmspare: 'lvol0_pmspare',
  };
  for (const [lv, t] of Object.entries(expect)) assert.equal(top.get(lv), t, lv);
  // pv0 as lvm2 wrote it: base 0-1, r1 meta 2, r1 image 3-4, ..., m1 image 11-12, then free.
  const pv0 = m.pvs.find((p) => p.name === 'pv0')!;
  assert.deepEqual(
    pv0.segments.map((s) => [s.start, s.count, s.lv, s.topLv]),
    [
      [0, 2, 'base', 'base'],
      [2, 1, 'r1_rmeta_0', 'r1'],
      [3, 2, 'r1_rimage_0', 'r1'],
      [5, 1, 'r5_rmeta_0', 'r5'],
      [6, 2, 'r5_rimage_0', 'r5'],
      [8, 1, 'r10_rmeta_0', 'r10'],
      [9, 2, 'r10_rimage_0', 'r10'],
      [11, 2, 'm1_mimage_0', 'm1'],
      [13, 50, null, null],
    ],
  );
  const j = JSON.parse(render(m, 'json'));
  assert.deepEqual(Object.keys(j), ['kind', 'vg', 'extentSize', 'pvs', 'lvs']);
  assert.deepEqual(Object.keys(j.pvs[0]), ['name', 'device', 'peCount', 'segments']);
  assert.deepEqual(Object.keys(j.pvs[0].segments[0]), ['start', 'count', 'lv', 'topLv', 'segment']);
  assert.equal(j.kind, 'vg');
  assert.equal(j.vg, 'vgkinds');
  assert.equal(j.extentSize, 8192);
  assert.equal(j.pvs[0].device, '/dev/loop5');
});

test('lvm2-rejected metadata: overlapping and out-of-range extents are drawn as errors, once each', () => {
  const over = mapOf(readFileSync(join(META, 'broken', 'data-overlap.vg'), 'utf8'));
  const errs = over.pvs.flatMap((p) => p.segments.filter((s) => s.error));
  assert.ok(errs.length >= 1 && errs.every((s) => s.error === 'overlap'), JSON.stringify(errs));
  const oor = mapOf(readFileSync(join(META, 'broken', 'data-out-of-range.vg'), 'utf8'));
  const e2 = oor.pvs.flatMap((p) => p.segments.filter((s) => s.error));
  assert.ok(e2.length >= 1 && e2.every((s) => s.error === 'out-of-range'), JSON.stringify(e2));
  for (const m of [over, oor]) {
    const svg = vgMapSvg(m);
    parseSvg(svg);
    assert.match(svg, /class="seg err"/);
    assert.match(vgMapText(m), /ERROR: (overlap|out-of-range)/);
  }
});

test('every broken metadata fixture: a picture or a reason, never a crash; SVG well-formed', () => {
  for (const f of readdirSync(join(META, 'broken')).filter((x) => x.endsWith('.vg'))) {
    const doc = new ParsedDocument('file:///x.vg', 'lvm-metadata', readFileSync(join(META, 'broken', f), 'utf8'));
    try {
      const p = pictureOf(doc);
      if ('error' in p) continue;
      parseSvg(render(p, 'svg'));
      JSON.parse(render(p, 'json'));
    } finally {
      doc.dispose();
    }
  }
});

const SAMPLES = join(ROOT, 'samples', 'kickstart');

test('kickstart sample: guarded RAID 10 + LVM plan', () => {
  const p = planOf(readFileSync(join(SAMPLES, 'guarded-raid10-lvm.ks'), 'utf8'));
  assert.deepEqual(p.disks.map((d) => d.name), ['sda', 'sdb', 'sdc', 'sdd', 'sde', 'sdf', 'sdg', 'sdh', 'sdi', 'sdj', 'sdk']);
  assert.ok(p.disks.every((d) => d.wiped === true));
  assert.deepEqual(p.disks[0].partitions.map((x) => [x.mount, x.size, x.grow]), [['/boot', 1024, false], ['/boot/efi', 600, false], ['pv.00', 1, true]]);
  assert.equal(p.raids.length, 1);
  assert.equal(p.raids[0].level, '10');
  assert.equal(p.raids[0].members.length, 10);
  assert.deepEqual(p.raids[0].disks, ['sdb', 'sdc', 'sdd', 'sde', 'sdf', 'sdg', 'sdh', 'sdi', 'sdj', 'sdk']);
  assert.deepEqual(p.vgs.map((v) => [v.name, v.pvs]), [['vg_sys', ['pv.00']], ['vg_data', ['pv.01']]]);
  const data = p.vgs[1].lvs;
  assert.deepEqual(data.map((l) => [l.name, l.mount, l.size, l.grow, l.thinpool, l.pool]), [['pool', 'none', 1, true, true, null], ['pgsql', '/var/lib/pgsql', 2097152, false, false, 'pool']]);
  const j = JSON.parse(render(p, 'json'));
  assert.equal(j.kind, 'storage-plan');
  for (const k of ['disks', 'raids', 'vgs']) assert.ok(Array.isArray(j[k]));
  assert.deepEqual(Object.keys(j.vgs[0].lvs[0]).slice(0, 4), ['name', 'mount', 'size', 'percent']);
  const svg = parseSvg(storagePlanSvg(p));
  for (const d of p.disks) assert.ok(svg.text.includes(d.name));
  for (const v of p.vgs) for (const l of v.lvs) assert.ok(svg.tags.some((t) => (t.attributes['aria-label'] ?? '').includes(`LV ${l.name} `)));
});

test('kickstart samples: ignoredisk hides a disk, %include makes the plan dynamic, every-disk clearpart wipes them all', () => {
  const m = planOf(readFileSync(join(SAMPLES, 'storage-mistakes.ks'), 'utf8'));
  assert.deepEqual(m.disks.map((d) => [d.name, d.wiped]), [['sda', true], ['sdb', true], ['sdc', false]]);
  const inc = planOf(readFileSync(join(SAMPLES, 'dynamic-part-include.ks'), 'utf8'));
  assert.equal(inc.dynamic, true);
  assert.ok(inc.disks.every((d) => d.wiped === 'unknown'));
  const pxe = planOf(readFileSync(join(SAMPLES, 'incident-pxe-default.ks'), 'utf8'));
  assert.equal(pxe.clearpart?.type, 'all');
  assert.ok(pxe.disks.length === 11 && pxe.disks.every((d) => d.wiped === true));
});

test('kickstart: wiped per disk from clearpart, ignoredisk, zerombr and patterns', () => {
  const ks = (s: string) => planOf(`${s}\n`);
  const w = (p: StoragePlan) => Object.fromEntries(p.disks.map((d) => [d.name, d.wiped]));
  assert.deepEqual(w(ks('clearpart --all --drives=sda\npart / --size=1000 --ondisk=sda\npart /srv --size=1000 --ondisk=sdb')), { sda: true, sdb: false });
  assert.deepEqual(w(ks('clearpart --none\npart / --size=1000 --ondisk=sda')), { sda: false });
  assert.deepEqual(w(ks('zerombr\npart / --size=1000 --ondisk=sda')), { sda: 'unknown' });
  assert.deepEqual(w(ks('clearpart --all --drives=sd*\npart / --size=1000 --ondisk=sda\npart /srv --size=1000 --ondisk=vdb')), { sda: true, vdb: false });
  assert.deepEqual(w(ks('clearpart --linux --drives=/dev/disk/by-id/wwn-0x5000c500a1b2c3d4\npart / --size=1000 --ondisk=sda')), { sda: 'unknown', '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4': true });
  assert.deepEqual(w(ks('ignoredisk --only-use=sda\nclearpart --all\npart / --size=1000 --ondisk=sda\nbootloader --boot-drive=sdb')), { sda: true, sdb: false });
  assert.deepEqual(w(ks('ignoredisk --drives=sdb\nclearpart --all\npart / --size=1000\npart /a --size=1 --ondisk=sdb')), { '(any disk)': 'unknown', sdb: false });
  assert.deepEqual(w(ks('clearpart --all\nclearpart --none\npart / --size=1000 --ondisk=sda')), { sda: false });
  assert.deepEqual(w(ks('clearpart --none --list=sda1\npart / --size=1000 --ondisk=sda')), { sda: true });
});

test('real kickstart corpus: a plan for every file, SVG well-formed, every disk and VG named', () => {
  let n = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.ks') || e.endsWith('.cfg')) {
        const plan = planOf(readFileSync(p, 'utf8'), `file://${p}`);
        const svg = parseSvg(storagePlanSvg(plan));
        for (const disk of plan.disks) assert.ok(svg.text.includes(disk.name.slice(0, 21)), `${p}: ${disk.name}`);
        for (const v of plan.vgs) assert.ok(svg.tags.some((t) => (t.attributes['aria-label'] ?? '').includes(`VG ${v.name}`)), `${p}: ${v.name}`);
        assert.ok(storagePlanText(plan).startsWith('storage plan'));
        n++;
      }
    }
  };
  walk(join(KS, 'real'));
  assert.ok(n >= 50, `${n} kickstarts`);
});

function capture(): { io: { stdout: (s: string) => void; stderr: (s: string) => void }; out: () => string; err: () => string } {
  let o = '';
  let e = '';
  return { io: { stdout: (s) => (o += s), stderr: (s) => (e += s) }, out: () => o, err: () => e };
}

test('CLI: blockwise map in each format; usage errors exit 2', async () => {
  const file = join(META, 'backup', 'vgkinds');
  for (const format of ['json', 'svg', 'text']) {
    const c = capture();
    assert.equal(await main(['map', '--format', format, file], c.io), 0, c.err());
    if (format === 'json') assert.equal(JSON.parse(c.out()).vg, 'vgkinds');
    if (format === 'svg') parseSvg(c.out());
    if (format === 'text') assert.match(c.out(), /^VG vgkinds: 4 PVs/);
  }
  const k = capture();
  assert.equal(await main(['map', '--format=json', join(SAMPLES, 'guarded-raid10-lvm.ks')], k.io), 0);
  assert.equal(JSON.parse(k.out()).kind, 'storage-plan');
  const bad = capture();
  assert.equal(await main(['map', '--format', 'png', file], bad.io), 2);
  assert.match(bad.err(), /--format must be svg, json or text/);
  const two = capture();
  assert.equal(await main(['map', file, file], two.io), 2);
  const conf = capture();
  assert.equal(await main(['map', join(ROOT, 'samples', 'lvm', 'lvm.conf')], conf.io), 2);
  assert.match(conf.err(), /no map/);
  const missing = capture();
  assert.equal(await main(['map', join(META, 'nope.vg')], missing.io), 2);
});

test('real cache (vg.data+1, lvm2-written): cache pool data/metadata and the cached origin under the cached LV', () => {
  const m = mapOf(readFileSync(join(META, 'backup', 'vg.data+1'), 'utf8'));
  const top = new Map(m.lvs.map((l) => [l.name, l.topLv]));
  for (const sub of m.lvs.filter((l) => /_(cdata|cmeta|corig)$/.test(l.name) || l.name === 'cpool')) assert.equal(top.get(sub.name), 'home', sub.name);
  assert.ok(m.lvs.some((l) => l.name === 'home_corig'));
});

test('what changed between real archive versions: created, resized; a moved LV; picture well-formed', () => {
  const arch = (n: string) => mapOf(readFileSync(join(META, 'archive', readdirSync(join(META, 'archive')).find((f) => f.startsWith(`vg.data+1_${n}`))!), 'utf8'));
  const kinds = (a: VgMap, b: VgMap) => Object.fromEntries(vgChange(a, b).changes.filter((c) => c.kind !== 'same').map((c) => [c.lv, c.kind]));
  // 00000 is before `lvcreate -n lv+a.b_2`, 00001 after it.
  assert.deepEqual(kinds(arch('00000'), arch('00001')), { 'lv+a.b_2': 'created' });
  // 00003 is before `lvextend -L +4m lv+a.b_2`, 00004 after it.
  const r = vgChange(arch('00003'), arch('00004')).changes.find((c) => c.lv === 'lv+a.b_2')!;
  assert.equal(r.kind, 'resized');
  assert.equal(r.after! - r.before!, 1); // +4 MiB with 4 MiB extents
  assert.deepEqual(kinds(arch('00001'), arch('00000')), { 'lv+a.b_2': 'removed' });
  // A pvmove, written by hand from the real file: the linear LV's extents on another PV.
  const text = readFileSync(join(META, 'backup', 'vgkinds'), 'utf8');
  const moved = text.replace(/(\t\torig \{[\s\S]*?stripes = \[\s*)"pv3", 3/, '$1"pv2", 50');
  assert.notEqual(moved, text);
  assert.deepEqual(kinds(mapOf(text), mapOf(moved)), { orig: 'moved' });
  const svg = parseSvg(vgChangeSvg(mapOf(text), mapOf(moved)));
  assert.match(svg.text, /orig: moved/);
});
