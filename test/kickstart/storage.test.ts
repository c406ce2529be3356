// Storage graph rules, outline and go-to-definition on real kickstart text.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocSymbol, Finding, Range } from '../../server/src/core/types';
import { ruleDoc } from '../../server/src/core/rules';
import { storageFindings } from '../../server/src/kickstart/rules/storage';
import { storageDefinition, storageSymbols } from '../../server/src/kickstart/storage';
import { setup, subject } from './safety-model.test';

const root = join(__dirname, '..', '..', '..', '..');
const corpus = (name: string): string => readFileSync(join(root, 'test/fixtures/kickstart/corpus', name), 'utf8');

before(setup);

function check(text: string, target = 'rhel9'): Finding[] {
  const s = subject(text, target);
  try {
    return storageFindings(s.model, s.doc, { target });
  } finally {
    s.dispose();
  }
}
const codes = (fs: Finding[]): string[] => fs.map((f) => f.code).sort();
const at = (f: Finding): string => `${f.code}@${f.range.start.line + 1}`;
const textAt = (text: string, r: Range): string => text.split('\n')[r.start.line].slice(r.start.character, r.end.character);

test('clean layouts have no storage findings', () => {
  for (const f of ['02-incident-raid10-lvm.ks', '03-guarded-raid-lvm-rhel9.ks', '04-thinpool-rhel9.ks', '05-btrfs-fedora.ks', '43-luks-logvols.ks', '52-full-server-rhel8.ks', '55-raid-md-prefix.ks', '57-raid-preexisting.ks', '42-mount-existing.ks']) {
    assert.deepEqual(codes(check(corpus(f))), [], f);
  }
});

test('undefined references: raid member, pv, volgroup (with a suggestion), thin pool', () => {
  const t32 = corpus('32-undefined-raid-member.ks');
  const r = check(t32);
  assert.deepEqual(r.map(at), ['undefined-raid-member@10']);
  assert.equal(textAt(t32, r[0].range), 'raid.02');
  assert.equal(r[0].severity, 'error');
  assert.deepEqual(check(corpus('33-undefined-pv.ks')).map(at), ['undefined-pv@11']);
  const vg = check(corpus('34-undefined-volgroup.ks'));
  assert.deepEqual(vg.map(at), ['undefined-volgroup@13']);
  assert.match(vg[0].message, /did you mean vg_root/);
  const tp = check(corpus('35-undefined-thinpool.ks'));
  assert.deepEqual(tp.map(at), ['undefined-thinpool@13']);
  assert.match(tp[0].message, /pool0/);
});

test('an unresolved %include may define the rest: undefined references are info that do not claim the install stops, unused ones are not claimed', () => {
  const fs = check('%include /tmp/more\nraid / --level=1 --device=md0 raid.01 raid.02\npart raid.09 --size=1\n');
  assert.deepEqual(fs.map((f) => `${f.code}:${f.severity}`), ['undefined-raid-member:info', 'undefined-raid-member:info']);
  assert.match(fs[0].message, /unless \/tmp\/more, %include-d on line 1 and not readable here, defines it/);
  assert.doesNotMatch(fs[0].message, /stops/);
  const pv = check('%include /tmp/part-include\nvolgroup vg0 pv.01\nlogvol / --vgname=vg0 --name=root --size=1\n');
  assert.deepEqual(pv.map((f) => `${f.code}:${f.severity}`), ['undefined-pv:info']);
  assert.doesNotMatch(pv[0].message, /stops/);
});

test('existing devices in member lists are not undefined ids', () => {
  assert.deepEqual(codes(check('raid / --level=1 --device=md0 sdb1 /dev/sdc1\n')), []);
});

test('unused members and PVs', () => {
  const fs = check(corpus('36-unused-members.ks'));
  assert.deepEqual(fs.map(at).sort(), ['unused-pv@13', 'unused-raid-member@11']);
});

test('RAID member minimums per level, spares counted', () => {
  const fs = check(corpus('37-raid10-two-members.ks'));
  assert.deepEqual(fs.map(at), ['raid-too-few-members@12']);
  assert.match(fs[0].message, /RAID10 needs at least 4 members; this array has 2/);
  assert.deepEqual(codes(check('part raid.1 --size=1\npart raid.2 --size=1\npart raid.3 --size=1\nraid / --level=5 --device=md0 raid.1 raid.2 raid.3\n')), []);
  const sp = check('part raid.1 --size=1\npart raid.2 --size=1\npart raid.3 --size=1\nraid / --level=5 --spares=1 --device=md0 raid.1 raid.2 raid.3\n');
  assert.deepEqual(sp.map((f) => `${f.code}:${f.severity}`), ['raid-too-few-members:warning']);
  assert.equal(check('part raid.1 --size=1\nraid / --level=raid1 --device=md0 raid.1\n')[0].code, 'raid-too-few-members');
});

test('members reused across arrays and volume groups; ids defined twice', () => {
  assert.deepEqual(check(corpus('38-raid-member-reused.ks')).map(at), ['raid-member-reused@13']);
  const vg = check('part pv.01 --size=1\nvolgroup a pv.01\nvolgroup b pv.01\n');
  assert.deepEqual(vg.map(at), ['raid-member-reused@3']);
  const dup = check('part raid.01 --size=1 --ondisk=sda\npart raid.01 --size=1 --ondisk=sdb\npart raid.02 --size=1\nraid / --level=1 --device=md0 raid.01 raid.02\n');
  assert.deepEqual(dup.map(at), ['duplicate-member-id@2']);
});

test('duplicate mount points across part, raid, logvol, btrfs and mount', () => {
  const fs = check(corpus('39-duplicate-mount-across.ks'));
  assert.deepEqual(fs.map(at), ['duplicate-mountpoint@14']);
  assert.match(fs[0].message, /line 10/);
  assert.deepEqual(check(corpus('29-duplicate-part-mountpoint.ks')).map(at), ['duplicate-mountpoint@12']);
  // swap and none are not mount points; a trailing slash is the same directory.
  assert.deepEqual(codes(check('part swap --size=1\npart swap --size=1\nlogvol none --vgname=v --name=p --thinpool --size=1\npart pv.1 --size=1\nvolgroup v pv.1\n')), []);
  assert.deepEqual(check('part /srv/ --size=1\nmount /dev/sdb1 /srv\n').map(at), ['duplicate-mountpoint@2']);
});

test('duplicate volume groups and RAID device names, md prefix per target', () => {
  assert.deepEqual(check(corpus('30-duplicate-volgroup.ks')).map(at), ['duplicate-volgroup@13']);
  assert.deepEqual(check(corpus('31-duplicate-raid-device.ks')).map(at), ['duplicate-raid-device@14']);
  const mixed = 'part raid.1 --size=1\npart raid.2 --size=1\npart raid.3 --size=1\npart raid.4 --size=1\nraid /a --level=1 --device=md0 raid.1 raid.2\nraid /b --level=1 --device=0 raid.3 raid.4\n';
  assert.deepEqual(check(mixed, 'rhel9').map(at), ['duplicate-raid-device@6']);
  assert.deepEqual(check(mixed, 'rhel10').map(at), []);
  assert.deepEqual(check(mixed, 'f45').map(at), []);
});

test('two part lines on one existing partition (--onpart/--usepart): Anaconda refuses neither, the later one wins', () => {
  // UMD HEP-CMS's Foreman partition table: the Dell utility partition kept with --noformat, then / formatted on the same sda1.
  const real = readFileSync(join(root, 'test/fixtures/templates/kickstart/umd-hepcms-disklayout_wn_compute.erb'), 'utf8');
  const found = check(real.replace(/<%#[\s\S]*?%>/, (c) => c.replace(/[^\n]/g, ' '))).filter((f) => f.code === 'duplicate-onpart');
  assert.deepEqual(found.map(at), ['duplicate-onpart@9']);
  assert.match(found[0].message, /formats it although line 8 keeps it \(--noformat\)/);
  // /dev/sdb1 and --usepart=sdb1 are one partition; another partition, or a value made at install time, is not.
  assert.deepEqual(check('part /a --onpart=/dev/sdb1\npart /b --usepart=sdb1 --noformat\npart /c --onpart=sdb2\npart /d --onpart=$P\npart /e --onpart=$P\n').map(at), ['duplicate-onpart@2']);
  assert.deepEqual(check('part /a --onpart=sdb1\npart /b --onpart=sdb2\n').map(at), []);
});

test('every storage code has a rule doc', () => {
  for (const code of ['undefined-raid-member', 'undefined-pv', 'undefined-volgroup', 'undefined-thinpool', 'unused-raid-member', 'unused-pv', 'raid-too-few-members', 'raid-member-reused', 'duplicate-mountpoint', 'duplicate-volgroup', 'duplicate-raid-device', 'duplicate-member-id', 'duplicate-onpart']) {
    const d = ruleDoc(code);
    assert.ok(d && d.title && d.why && d.fix, code);
  }
});

function flat(s: DocSymbol[], depth = 0, out: string[] = []): string[] {
  for (const x of s) {
    out.push(`${'  '.repeat(depth)}${x.name}${x.detail ? ` [${x.detail}]` : ''}`);
    flat(x.children ?? [], depth + 1, out);
  }
  return out;
}

test('storage outline: disks > partitions, RAID > VG > LVs, thin pools hold their thin LVs', () => {
  const s = subject(corpus('02-incident-raid10-lvm.ks'));
  const tree = flat(storageSymbols(s.model));
  assert.equal(tree[0], 'Storage [11 partitions · 1 array · 1 VG · 3 LVs]');
  assert.ok(tree.includes('  sda [1 partition]'));
  assert.ok(tree.includes('    /boot [1 GiB · xfs]'));
  const raid = tree.indexOf('  RAID md0 pv.01 [level 10 · 10 members]');
  assert.ok(raid > 0, tree.join('\n'));
  assert.equal(tree[raid + 1], '    raid.01 [on sdb]');
  const vg = tree.indexOf('    VG vg_data [PVs pv.01]');
  assert.ok(vg > raid);
  assert.deepEqual(tree.slice(vg + 1), ['      root / [50 GiB · xfs]', '      swap swap [16 GiB]', '      pgsql /var/lib/pgsql [1 MiB, grow · xfs]']);
  const t = subject(corpus('04-thinpool-rhel9.ks'));
  const thin = flat(storageSymbols(t.model));
  const pool = thin.findIndex((l) => l.trim().startsWith('pool00'));
  assert.match(thin[pool], /thin pool/);
  assert.match(thin[pool + 1], /^\s+root \/ \[thin in pool00/);
  assert.deepEqual(storageSymbols(subject('lang en_US.UTF-8\n').model), []);
  // Ranges are real: every selection range lies inside its range.
  const walk = (xs: DocSymbol[]): void => {
    for (const x of xs) {
      assert.ok(x.selectionRange.start.line >= x.range.start.line && x.selectionRange.end.line <= x.range.end.line, x.name);
      walk(x.children ?? []);
    }
  };
  walk(storageSymbols(s.model));
});

test('go to definition: raid members, PVs, volume groups, thin pools', () => {
  const text = corpus('04-thinpool-rhel9.ks');
  const s = subject(text);
  const lines = text.split('\n');
  const pos = (line: number, needle: string, nth = 0) => {
    let c = -1;
    for (let i = 0; i <= nth; i++) c = lines[line - 1].indexOf(needle, c + 1);
    return { line: line - 1, character: c + 1 };
  };
  // --vgname=vg_sys on line 13 -> volgroup vg_sys on line 11
  const vg = storageDefinition(s.model, s.doc, pos(13, 'vg_sys'));
  assert.equal(vg.length, 1);
  assert.equal(vg[0].start.line, 10);
  assert.equal(textAt(text, vg[0]), 'vg_sys');
  // --poolname=pool00 -> the thin pool's --name value
  const pool = storageDefinition(s.model, s.doc, pos(13, 'pool00'));
  assert.equal(pool[0].start.line, 11);
  assert.equal(textAt(text, pool[0]), 'pool00');
  // pv.01 in the volgroup -> part pv.01
  const pv = storageDefinition(s.model, s.doc, pos(11, 'pv.01'));
  assert.equal(pv[0].start.line, 9);
  assert.equal(textAt(text, pv[0]), 'pv.01');
  const t2 = corpus('03-guarded-raid-lvm-rhel9.ks');
  const s2 = subject(t2);
  const l2 = t2.split('\n');
  const m = storageDefinition(s2.model, s2.doc, { line: 17, character: l2[17].indexOf('raid.23') + 2 });
  assert.equal(m[0].start.line, 14);
  assert.deepEqual(storageDefinition(s2.model, s2.doc, { line: 0, character: 0 }), []);
});

test('a member id defined twice and listed twice is one finding (CentOS 6 RAID kickstart shape)', () => {
  const text = [
    'part raid.1 --size=1 --grow --ondisk=sda',
    'part raid.3 --size=1 --grow --ondisk=sdb',
    'part raid.3 --size=1 --grow --ondisk=sdc',
    'raid pv.01 --level=1 --device=md0 raid.1 raid.3',
    'raid pv.02 --level=1 --device=md1 raid.3 raid.1',
    'volgroup vg pv.01 pv.02',
    'logvol / --vgname=vg --name=root --size=1 --grow',
    '',
  ].join('\n');
  const f = check(text).filter((x) => x.code === 'duplicate-member-id' || x.code === 'raid-member-reused');
  assert.deepEqual(f.map((x) => x.code).filter((c) => c === 'duplicate-member-id'), ['duplicate-member-id']);
  assert.ok(!f.some((x) => x.code === 'raid-member-reused' && /raid\.3/.test(x.message)), JSON.stringify(f.map((x) => x.message)));
});
