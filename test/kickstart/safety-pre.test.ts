// Safety rules about what %pre scripts do and what the storage lines hide, on real-shaped
// kickstarts (test/fixtures/kickstart/safety, sources in its README) and inline cases.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../server/src/core/types';
import { ruleDoc } from '../../server/src/core/rules';
import { safetyFindings } from '../../server/src/kickstart/rules/safety';
import { analyzeScript } from '../../server/src/kickstart/guard';
import { setup, subject } from './safety-model.test';

const root = join(__dirname, '..', '..', '..', '..');
const fixture = (name: string): string => readFileSync(join(root, 'test/fixtures/kickstart/safety', name), 'utf8');

before(setup);

function check(text: string): Finding[] {
  const s = subject(text);
  try {
    return safetyFindings(s.model, s.doc, {});
  } finally {
    s.dispose();
  }
}
const of = (fs: Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);
const lineOf = (f: Finding): number => f.range.start.line + 1;
const wipes = (body: string) => analyzeScript(body).wipes.map((w) => `${w.tool} ${w.width} ${w.disks}`);

test('unguarded-pre-wipe: dd and parted mklabel on /dev/vda in a cloud-image %pre', () => {
  const fs = of(check(fixture('pre-wipe-cloud-vda.ks')), 'unguarded-pre-wipe');
  assert.equal(fs.length, 1, 'one finding for the %pre, not one per command');
  assert.equal(lineOf(fs[0]), 20);
  assert.match(fs[0].message, /^This %pre wipes \/dev\/vda \(`dd if=\/dev\/zero of=\/dev\/vda bs=512 count=1` and 1 more\)/);
  // dd and mklabel wipe; mkpart and set do not.
  assert.deepEqual(fs[0].related!.map((r) => `${r.range.start.line + 1} ${r.message}`), ['20 dd: /dev/vda', '21 parted: /dev/vda']);
});

test('unguarded-pre-wipe: a loop over what lsblk prints is every disk, whatever ignoredisk says', () => {
  const fs = check(fixture('pre-wipe-every-disk.ks'));
  const w = of(fs, 'unguarded-pre-wipe');
  assert.equal(w.length, 1);
  assert.equal(lineOf(w[0]), 18);
  assert.match(w[0].message, /^This %pre wipes every disk `lsblk -n -l -o NAME -d -e 7,11` lists \(\/dev\/\$i\) \(`wipefs -af \/dev\/\$i` and 1 more\) before Anaconda/);
  assert.deepEqual(w[0].related!.map((r) => r.range.start.line + 1), [18, 19]);
  // The storage lines themselves are scoped: nothing else to say.
  assert.deepEqual(fs.map((f) => f.code), ['unguarded-pre-wipe']);
});

test('unguarded-pre-wipe: a stop on existing data before the wipe guards it; after it does not', () => {
  assert.deepEqual(of(check(fixture('pre-wipe-guarded.ks')), 'unguarded-pre-wipe'), []);
  // The same check placed after the wipe comes too late.
  const late = fixture('pre-wipe-guarded.ks').replace(/(for d in[\s\S]*?done\n)(for i in[\s\S]*?done\n)/, '$2$1');
  assert.notEqual(late, fixture('pre-wipe-guarded.ks'));
  assert.equal(of(check(late), 'unguarded-pre-wipe').length, 1);
  // A guard in an earlier %pre --erroronfail stops Anaconda before the next %pre runs.
  const earlier = '%pre --erroronfail\nif vgs --noheadings | grep -q .; then exit 1; fi\n%end\n%pre\nwipefs -a /dev/sdb\n%end\nautopart\n';
  assert.deepEqual(of(check(earlier), 'unguarded-pre-wipe'), []);
  // ... but not without --erroronfail: the exit only ends that first script.
  assert.equal(of(check(earlier.replace(' --erroronfail', '')), 'unguarded-pre-wipe').length, 1);
});

test('wipe commands and their targets, read from the bash parse', () => {
  assert.deepEqual(wipes('dd if=/dev/zero of=/dev/vda bs=512 count=1\n'), ['dd disk /dev/vda']);
  assert.deepEqual(wipes('dd if=/dev/vda of=/tmp/mbr.bin bs=512 count=1\n'), [], 'reading a disk is not a wipe');
  assert.deepEqual(wipes('wipefs -a /dev/sda\nwipefs /dev/sdb\nwipefs -n -a /dev/sdc\nwipefs --all --force /dev/nvme0n1\n'), ['wipefs disk /dev/sda', 'wipefs disk /dev/nvme0n1']);
  assert.deepEqual(wipes('sgdisk --zap-all /dev/sdb\nsgdisk -Z /dev/sdc\nsgdisk -p /dev/sdd\nsgdisk -n 1:0:+1G /dev/sde\n'), ['sgdisk disk /dev/sdb', 'sgdisk disk /dev/sdc']);
  assert.deepEqual(wipes('parted -s /dev/sda mklabel gpt\nparted -s /dev/sda print\nparted /dev/sdb -- mklabel msdos\n'), ['parted disk /dev/sda', 'parted disk /dev/sdb']);
  assert.deepEqual(wipes('mdadm --zero-superblock /dev/sdb /dev/sdc1\nmdadm --examine /dev/sdd\n'), ['mdadm disk /dev/sdb']);
  assert.deepEqual(wipes('pvremove -ff -y /dev/sdb\npvremove /dev/sdc\npvremove -f -f /dev/sdd\n'), ['pvremove disk /dev/sdb', 'pvremove disk /dev/sdd']);
  assert.deepEqual(wipes('blkdiscard -f /dev/nvme1n1\nblkdiscard /dev/nvme1n1p2\n'), ['blkdiscard disk /dev/nvme1n1']);
  assert.deepEqual(wipes('wipefs -a /dev/disk/by-id/wwn-0x5000c500a1b2c3d4\nwipefs -a /dev/disk/by-id/wwn-0x5000c500a1b2c3d4-part1\n'), ['wipefs disk /dev/disk/by-id/wwn-0x5000c500a1b2c3d4']);
  // md arrays, mapper nodes and partitions are not whole disks.
  assert.deepEqual(wipes('wipefs -a /dev/md0\nwipefs -a /dev/mapper/vg-lv\ndd if=/dev/zero of=/dev/sda1 bs=1M count=1\n'), []);
});

test('a variable target is as wide as the variable can be', () => {
  // Globs: /dev/sd? is every SCSI disk; /dev/sd?1 only partitions.
  assert.deepEqual(wipes('for d in /dev/sd?; do dd if=/dev/zero of=$d bs=1M count=10; done\n'), ['dd every-disk every disk matching /dev/sd? ($d)']);
  assert.deepEqual(wipes('for p in /dev/sd?1; do wipefs -a $p; done\n'), []);
  // The backquoted ls of the real PXE scrub scripts.
  assert.deepEqual(wipes('for i in `ls /dev/sd* | grep -v "[0-9]"`; do dd if=/dev/zero of=${i} bs=1024000; done\n'), ['dd every-disk every disk `ls /dev/sd* | grep -v "[0-9]"` lists (${i})']);
  // A pipeline into while read.
  assert.deepEqual(wipes('lsblk -dno NAME | while read d; do\n  wipefs -a "/dev/$d"\ndone\n'), ['wipefs every-disk every disk `lsblk -dno NAME` lists (/dev/$d)']);
  // Literal lists stay literal.
  assert.deepEqual(wipes('for d in sdb sdc; do sgdisk --zap-all /dev/$d; done\n'), ['sgdisk disk /dev/sdb, /dev/sdc']);
  assert.deepEqual(wipes('DISK=/dev/sdb\nwipefs -a "$DISK"\n'), ['wipefs disk /dev/sdb']);
  // One disk picked at install time.
  assert.deepEqual(wipes('DISK=$(lsblk -dno NAME | head -1)\nwipefs -a /dev/$DISK\n'), ['wipefs chosen whichever disk `lsblk -dno NAME | head -1` prints at install time (/dev/$DISK)']);
  assert.deepEqual(wipes('wipefs -a /dev/$1\n'), ['wipefs chosen whichever disk $1 names at install time (/dev/$1)']);
  // A partition of the variable's disk is not the disk.
  assert.deepEqual(wipes('for d in /dev/sd?; do wipefs -a ${d}1; done\n'), []);
  // Inside a function: counted where it is called.
  const fn = analyzeScript('zap() { sgdisk --zap-all /dev/$1; }\necho start\nzap sdb\n').wipes;
  assert.equal(fn.length, 1);
  assert.match(fn[0].text, /^zap sdb \(sgdisk --zap-all/);
});

test('the rules of this file have rule docs', () => {
  for (const code of ['unguarded-pre-wipe', 'empty-generated-drives', 'unchecked-include']) {
    const d = ruleDoc(code);
    assert.ok(d && d.title && d.why && d.fix && d.languages.includes('kickstart'), code);
    assert.match(readFileSync(join(root, 'docs/rules/kickstart-safety.md'), 'utf8'), new RegExp(`### \`${code}\``));
  }
});

test('disk-not-selected: a typo in ignoredisk --only-use hides a disk that part and volgroup use', () => {
  const fs = of(check(fixture('ignoredisk-hides-disk.ks')), 'disk-not-selected');
  // One finding for the one missing name, on the first line that needs nvme3n1.
  assert.deepEqual(fs.map((f) => `${lineOf(f)}:${f.severity}`), ['21:error']);
  assert.match(fs[0].message, /^part --ondisk names nvme3n1, but `ignoredisk --only-use=nvme0n1,nvme1n1,nvme2n1` \(line 11\) hides every other disk/);
  // Both lines: the ignoredisk list, and the other line that needs the hidden disk.
  assert.deepEqual(fs[0].related!.map((r) => `${r.range.start.line + 1}: ${r.message}`), [
    '11: the disks the installer may use: nvme3n1 is not among them',
    '24: part --onpart also uses nvme3n1p2',
  ]);
  // Fixed list: nothing.
  assert.deepEqual(of(check(fixture('ignoredisk-hides-disk.ks').replace('nvme1n1,nvme2n1', 'nvme1n1,nvme3n1')), 'disk-not-selected'), []);
});

test('disk-not-selected: existing devices in volgroup, raid and part --onpart', () => {
  const d = (text: string) => of(check(text), 'disk-not-selected').map((f) => `${lineOf(f)}:${f.range.start.character}:${f.message.split(',')[0]}`);
  assert.deepEqual(d('ignoredisk --only-use=nvme0n1\nautopart\nvolgroup vg_data /dev/nvme1n1\n'), ['3:17:volgroup vg_data names /dev/nvme1n1']);
  assert.deepEqual(d('ignoredisk --only-use=sda\nraid /data --level=1 --device=md1 sdb1 sdc1\n'), ['2:34:raid /data uses sdb1', '2:39:raid /data uses sdc1']);
  assert.deepEqual(d('ignoredisk --only-use=sda\npart / --onpart=vda3\n'), ['2:16:part --onpart uses vda3']);
  assert.deepEqual(d('ignoredisk --only-use=/dev/disk/by-id/nvme-A\npart / --onpart=/dev/disk/by-id/nvme-B-part2\n'), ['2:16:part --onpart uses /dev/disk/by-id/nvme-B-part2']);
  // Selected disks, ids, md arrays, LVs and names of another style are not claimed.
  assert.deepEqual(d('ignoredisk --only-use=sda,sdb\npart / --onpart=sda3\nvolgroup vg pv.01 /dev/sdb2\npart pv.01 --size=1 --ondisk=sda\n'), []);
  assert.deepEqual(d('ignoredisk --only-use=sda\npart / --onpart=md0\npart /srv --onpart=vg-srv\nvolgroup vg /dev/md1\n'), []);
  assert.deepEqual(d('ignoredisk --only-use=/dev/disk/by-path/pci-0000:00:1f.2-ata-1\npart / --onpart=sdb1\n'), []);
});

test('unscoped-zerombr: a guard that checks only LVM and md RAID, once, naming what it checks', () => {
  const fs = check(fixture('guard-lvm-md-only.ks'));
  assert.deepEqual(fs.map((f) => f.code), ['unscoped-zerombr']);
  assert.equal(lineOf(fs[0]), 12);
  assert.match(fs[0].message, /^The %pre guard on line 17 only stops the install when it finds LVM or md RAID \(`vgs`, `\/proc\/mdstat`\)\. A disk holding a ZFS pool, a Ceph OSD or a raw database device has neither, so the install goes on and zerombr and `clearpart --all` re-initialise it/);
  assert.deepEqual(fs[0].related!.map((r) => r.range.start.line + 1), [17, 13]);
  // autopart names no disk, so there is no ignoredisk list to propose; with part --ondisk there is.
  assert.deepEqual(fs[0].fixes, []);
  const named = check(fixture('guard-lvm-md-only.ks').replace('autopart --type=lvm', 'part / --fstype=xfs --size=10240 --ondisk=sda'));
  assert.deepEqual(named.find((f) => f.code === 'unscoped-zerombr')!.fixes!.map((f) => f.title), ['Only touch the disks this file names: insert ignoredisk --only-use=sda']);
  // A guard that looks at every signature (blkid, lsblk FSTYPE, wipefs -n) is not narrow.
  const wide = fixture('guard-lvm-md-only.ks').replace("grep -q '^md' /proc/mdstat 2>/dev/null", 'lsblk -nro FSTYPE | grep -q -e zfs_member -e ceph_bluestore');
  assert.deepEqual(check(wide).map((f) => f.code), []);
  // Through a variable and a function, the checks are still found.
  const viaVar = fixture('guard-lvm-md-only.ks').replace(/if vgs[^\n]*\n/, 'VGS=$(lvm vgs --noheadings -o vg_name 2>/dev/null)\nif [ -n "$VGS" ]; then\n');
  assert.match(check(viaVar)[0].message, /finds LVM or md RAID \(`lvm`, `\/proc\/mdstat`\)/);
  // The incident's own guard fix (LVM, md, ZFS and Ceph) leaves nothing; ignoredisk --only-use leaves nothing.
  assert.deepEqual(check(fixture('guard-lvm-md-only.ks').replace('zerombr\n', 'ignoredisk --only-use=sda\nzerombr\n')).map((f) => f.code), []);
  // The corpus guards that are scoped by ignoredisk --only-use stay clean.
  assert.deepEqual(check(readFileSync(join(root, 'test/fixtures/kickstart/corpus/03-guarded-raid-lvm-rhel9.ks'), 'utf8')).map((f) => f.code), []);
});

test('empty-generated-drives: a %pre writes clearpart --drives=$selected_disk and the variable can be empty', () => {
  const text = fixture('generated-clearpart-variable.ks');
  const fs = of(check(text), 'empty-generated-drives');
  assert.equal(fs.length, 1);
  assert.equal(lineOf(fs[0]), 17);
  assert.match(fs[0].message, /^This %pre writes `clearpart --all --initlabel --drives=\$selected_disk` into \/tmp\/part-include\.ks, and \$selected_disk is set from `lsblk -dnbo NAME,SIZE,TYPE \| awk/);
  assert.match(fs[0].message, /no --erroronfail/);
  assert.deepEqual(fs[0].related!.map((r) => r.range.start.line + 1), [11]);
  // A check that stops the script when it is empty makes it safe; so does ${v:?}.
  const checkedText = text.replace('cat > /tmp/part-include.ks', '[ -n "$selected_disk" ] || exit 1\ncat > /tmp/part-include.ks').replace('%pre --log', '%pre --erroronfail --log');
  assert.deepEqual(of(check(checkedText), 'empty-generated-drives'), []);
  assert.deepEqual(of(check(text.replace('--drives=$selected_disk', '--drives=${selected_disk:?no disk}')), 'empty-generated-drives'), []);
  // The stop may be in a helper function, as many real %pre scripts write it.
  const viaDie = text.replace('cat > /tmp/part-include.ks', 'die() { echo "$*" >&2; exit 1; }\n[ -n "$selected_disk" ] || die "no disk found"\ncat > /tmp/part-include.ks').replace('%pre --log', '%pre --erroronfail --log');
  assert.deepEqual(of(check(viaDie), 'empty-generated-drives'), []);
  // A helper that does not stop is no check.
  const viaLog = viaDie.replace('die() { echo "$*" >&2; exit 1; }', 'die() { echo "$*" >&2; }');
  assert.equal(of(check(viaLog), 'empty-generated-drives').length, 1);
  // A literal disk cannot be empty; a value with a fixed disk in it is not empty either.
  assert.deepEqual(of(check(text.replace(/^selected_disk=.*$/m, 'selected_disk=sda')), 'empty-generated-drives'), []);
  assert.deepEqual(of(check(text.replace('--drives=$selected_disk', '--drives=sda,$selected_disk')), 'empty-generated-drives'), []);
  // Never set at all (a typo in the name): empty.
  assert.match(of(check(text.replace('--drives=$selected_disk', '--drives=$selected_disks')), 'empty-generated-drives')[0].message, /\$selected_disks is never set/);
});

test('a %pre that writes the include through a variable holding its path is seen as writing it', () => {
  const text = [
    '%pre --erroronfail',
    'inc=/tmp/part-include.ks',
    ': > "$inc"',
    'disk=$(lsblk -dno NAME | head -n1)',
    '[ -n "$disk" ] || exit 1',
    'printf "ignoredisk --only-use=%s\\n" "$disk" > "$inc"',
    '%end',
    '%include /tmp/part-include.ks',
    'autopart',
    '',
  ].join('\n');
  const fs = check(text);
  assert.deepEqual(of(fs, 'unchecked-include'), []);
  assert.equal(of(fs, 'dynamic-partitioning').length, 1);
  // Assigned two different paths: not resolved, so the include is unchecked again.
  const two = text.replace(': > "$inc"', ': > "$inc"\ninc=/tmp/other.ks');
  assert.equal(of(check(two), 'unchecked-include').length, 1);
});

test('unchecked-include: an %include of a file nothing here creates is one info finding', () => {
  const corpus60 = readFileSync(join(root, 'test/fixtures/kickstart/corpus/60-include-storage.ks'), 'utf8');
  const fs = check(corpus60);
  const inc = of(fs, 'unchecked-include');
  assert.equal(inc.length, 1);
  assert.equal(inc[0].severity, 'info');
  assert.match(inc[0].message, /^Nothing in this kickstart creates \S+ \(no %pre writes it\)/);
  // A /tmp file no %pre writes (the boot environment or another tool made it): the same, once.
  const tmp = check('text\nlang en_US.UTF-8\n%include /tmp/part.ks\nreboot\n');
  assert.deepEqual(tmp.map((f) => f.code), ['unchecked-include']);
  assert.match(tmp[0].message, /the partitioning it provides cannot be checked here/);
  // Several: one finding, the others related; includes inside %packages and %post are not storage.
  const many = of(check('text\n%include /ksincludes/basic.ks\n%include /ksincludes/partitioning.ks\n%packages\n%include /ksincludes/pkgs.ks\n%end\n%post\n%include /ksincludes/configs.ks\n%end\n'), 'unchecked-include');
  assert.deepEqual(many.map((f) => [lineOf(f), f.related!.map((r) => r.range.start.line + 1)]), [[2, [3]]]);
  // Written by a %pre: dynamic-partitioning, not this.
  assert.deepEqual(check(fixture('generated-clearpart-variable.ks')).map((f) => f.code).sort(), ['dynamic-partitioning', 'empty-generated-drives']);
});
