// What Anaconda's storage checker and blivet refuse after the installer has booted
// (server/src/kickstart/rules/anaconda/): each check on a real-shaped kickstart that must fire, at
// the line that causes it and with the release in the message, and a twin that must stay quiet.
// Run through the whole analysis (analyzeText), so the release is the one the file resolves to.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../server/src/core/types';
import { analyzeText } from '../../server/src/analyze';
import { ruleDoc } from '../../server/src/core/rules';
import { loadAll } from '../../server/src/syntax/treesitter';
import { ParsedDocument } from '../../server/src/core/document';
import { pictureOf, render, type StoragePlan } from '../../server/src/map/index';

const CODES = [
  'no-root-mount', 'root-keeps-format', 'mount-must-be-on-root', 'mount-needs-linux-fs', 'esp-fstype-ignored',
  'boot-on-lv', 'boot-encrypted', 'boot-fstype', 'boot-raid-level', 'boot-raid-single-esp', 'no-stage1-place',
  'below-recommended-size', 'over-format-max', 'grown-to-format-min', 'vg-overcommitted', 'vg-percent-over-100',
  'no-swap', 'encrypted-no-passphrase', 'snapshot-origin-not-thin',
];
const OURS = new Set(CODES);

before(async () => {
  await loadAll();
});

/** A kickstart as an admin writes one: header commands, then the storage lines given. */
function ks(version: string, storage: string[]): string {
  return [
    `#version=${version}`,
    'text',
    'lang en_US.UTF-8',
    'keyboard us',
    'timezone UTC --utc',
    'rootpw --iscrypted $6$abc$def',
    'network --bootproto=dhcp --activate',
    'bootloader --location=mbr --append="crashkernel=auto"',
    'zerombr',
    ...storage,
    'reboot',
    '',
    '%packages',
    '@core',
    '%end',
    '',
  ].join('\n');
}

function run(text: string): Finding[] {
  return analyzeText('file:///t.ks', 'kickstart', text, {}).filter((f) => OURS.has(f.code));
}
/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i + 1;
}
const at = (fs: Finding[]): string[] => fs.map((f) => `${f.code}:${f.severity}@${f.range.start.line + 1}`);
function fires(text: string, code: string, line: string, severity: string, release: RegExp): Finding {
  const fs = run(text);
  const hit = fs.filter((f) => f.code === code);
  assert.equal(hit.length, 1, `${code} once: ${at(fs).join(' ')}`);
  assert.equal(`${hit[0].severity}@${hit[0].range.start.line + 1}`, `${severity}@${lineOf(text, line)}`, hit[0].message);
  assert.match(hit[0].message, release);
  return hit[0];
}
function quiet(text: string, code: string): void {
  const fs = run(text).filter((f) => f.code === code);
  assert.deepEqual(at(fs), [], fs.map((f) => f.message).join('\n'));
}

const BASE = ['clearpart --all --initlabel --drives=sda', 'reqpart', 'part /boot --fstype=xfs --size=1024 --ondisk=sda', 'part pv.01 --size=1 --grow --ondisk=sda', 'volgroup vg_sys pv.01'];

test('every code is documented in the rule catalogue', () => {
  for (const c of CODES) assert.ok(ruleDoc(c), c);
  const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs/rules/kickstart-anaconda.md'), 'utf8');
  for (const c of CODES) assert.ok(doc.includes(`\`${c}\``), `docs: ${c}`);
});

test('a good RHEL 9 layout with LVM, swap and a 1 GiB /boot gets no finding', () => {
  const t = ks('RHEL9', [...BASE, 'logvol / --vgname=vg_sys --name=root --fstype=xfs --size=20480', 'logvol /var --vgname=vg_sys --name=var --size=8192', 'logvol swap --vgname=vg_sys --name=swap --recommended']);
  assert.deepEqual(at(run(t)), []);
});

test('no / mount point: an error on the first storage line; autopart and a layout with / are quiet', () => {
  const t = ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part swap --size=4096 --ondisk=sda', 'part /home --size=1 --grow --ondisk=sda']);
  const f = fires(t, 'no-root-mount', 'part swap', 'error', /RHEL 9's installer/);
  assert.match(f.message, /root partition/);
  quiet(ks('RHEL9', ['clearpart --all --drives=sda', 'autopart --type=lvm']), 'no-root-mount');
  quiet(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part swap --size=4096', 'part / --size=1 --grow']), 'no-root-mount');
  // Another file may give /.
  quiet(`%include /tmp/part-include\n${ks('RHEL9', ['part swap --size=4096'])}`, 'no-root-mount');
});

test('/ kept with --noformat: an error on RHEL 9, a warning on RHEL 10 (unless empty, which cannot be told)', () => {
  const storage = ['reqpart --add-boot', 'part swap --onpart=sda2', 'part / --onpart=sda3 --noformat', 'part /home --onpart=sda4 --noformat'];
  fires(ks('RHEL9', storage), 'root-keeps-format', 'part / --onpart', 'error', /RHEL 9's installer/);
  const w = fires(ks('RHEL10', storage), 'root-keeps-format', 'part / --onpart', 'warning', /RHEL 10's installer/);
  assert.match(w.message, /empty/);
  // Formatting / anew on an existing partition is the normal reinstall: quiet.
  quiet(ks('RHEL9', ['reqpart --add-boot', 'part swap --onpart=sda2', 'part / --onpart=sda3 --fstype=xfs', 'part /home --onpart=sda4 --noformat']), 'root-keeps-format');
});

test('/etc on its own LV is refused; /usr, /var and /opt on their own LVs are allowed', () => {
  const t = ks('RHEL9', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol /etc --vgname=vg_sys --name=etc --size=1024', 'logvol swap --vgname=vg_sys --name=swap --size=2048']);
  fires(t, 'mount-must-be-on-root', 'logvol /etc', 'error', /RHEL 9's installer/);
  quiet(ks('RHEL9', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol /usr --vgname=vg_sys --name=usr --size=8192', 'logvol /var --vgname=vg_sys --name=var --size=4096', 'logvol /opt --vgname=vg_sys --name=opt --size=4096', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'mount-must-be-on-root');
});

test('/home on vfat is refused at its --fstype; vfat on /srv/exchange and the ESP are fine', () => {
  const t = ks('RHEL10', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol /home --vgname=vg_sys --name=home --fstype=vfat --size=4096', 'logvol swap --vgname=vg_sys --name=swap --size=2048']);
  const f = fires(t, 'mount-needs-linux-fs', 'logvol /home', 'error', /RHEL 10's installer/);
  assert.equal(t.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character), 'vfat');
  quiet(ks('RHEL10', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol /srv/exchange --vgname=vg_sys --name=x --fstype=vfat --size=4096', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'mount-needs-linux-fs');
});

test('part /boot/efi --fstype=ext4: an info (Anaconda makes an ESP anyway); --fstype=efi is quiet', () => {
  const storage = (fs: string) => ['clearpart --all --drives=sda', `part /boot/efi --fstype=${fs} --size=600 --ondisk=sda`, 'part /boot --size=1024 --ondisk=sda', 'part swap --size=2048 --ondisk=sda', 'part / --size=1 --grow --ondisk=sda'];
  fires(ks('RHEL9', storage('ext4')), 'esp-fstype-ignored', 'part /boot/efi', 'info', /RHEL 9's installer/);
  quiet(ks('RHEL9', storage('efi')), 'esp-fstype-ignored');
});

test('/boot, or / without /boot, on an LV is refused; reqpart --add-boot and part /boot are the way out', () => {
  fires(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart', 'part pv.01 --size=1 --grow', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'boot-on-lv', 'logvol /', 'error', /RHEL 9's installer/);
  fires(ks('RHEL8', ['clearpart --all --drives=sda', 'reqpart', 'part pv.01 --size=1 --grow', 'volgroup vg_sys pv.01', 'logvol /boot --vgname=vg_sys --name=boot --size=1024', 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'boot-on-lv', 'logvol /boot', 'error', /RHEL 8's installer/);
  quiet(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part pv.01 --size=1 --grow', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'boot-on-lv');
  quiet(ks('RHEL9', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'boot-on-lv');
  // /boot may come from the %include.
  quiet(`%include /tmp/boot-part\n${ks('RHEL9', ['part pv.01 --size=1 --grow', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=10240'])}`, 'boot-on-lv');
});

test('without a #version= line the message says which release was assumed and why', () => {
  const t = ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart', 'part pv.01 --size=1 --grow', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol swap --vgname=vg_sys --name=swap --size=2048']).replace('#version=RHEL9\n', '');
  const f = run(t).find((x) => x.code === 'boot-on-lv');
  assert.ok(f);
  // No evidence at all: the newest RHEL, and the reason says it is the default.
  assert.match(f.message, /RHEL 10's installer.*\(Checked as RHEL 10: no release evidence in the file/);
});

test('an encrypted /boot is refused; an encrypted / with a plain /boot is fine', () => {
  fires(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart', 'part /boot --size=1024 --encrypted --passphrase=secret', 'part swap --size=2048', 'part / --size=1 --grow']), 'boot-encrypted', 'part /boot', 'error', /RHEL 9's installer/);
  fires(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart', 'part swap --size=2048', 'part / --size=1 --grow --encrypted --passphrase=secret']), 'boot-encrypted', 'part / ', 'error', /RHEL 9's installer/);
  quiet(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart', 'part /boot --size=1024', 'part swap --size=2048', 'part / --size=1 --grow --encrypted --passphrase=secret']), 'boot-encrypted');
});

test('/boot on vfat is refused; ext4 is fine; btrfs /boot is fine on Fedora', () => {
  const storage = (fs: string) => ['clearpart --all --drives=sda', 'reqpart', `part /boot --fstype=${fs} --size=1024`, 'part swap --size=2048', 'part / --size=1 --grow'];
  fires(ks('RHEL9', storage('vfat')), 'boot-fstype', 'part /boot', 'error', /RHEL 9's installer/);
  quiet(ks('RHEL9', storage('ext4')), 'boot-fstype');
  quiet(ks('F45', storage('btrfs')), 'boot-fstype');
});

test('/boot on RAID5: refused from anaconda-43.12 (Fedora 45), accepted by RHEL 10; RAID1 accepted by both', () => {
  const storage = (level: number) => [
    'clearpart --all --drives=sda,sdb,sdc',
    'part biosboot --size=1 --ondisk=sda',
    'part raid.11 --size=1024 --ondisk=sda', 'part raid.12 --size=1024 --ondisk=sdb', 'part raid.13 --size=1024 --ondisk=sdc',
    'part raid.21 --size=1 --grow --ondisk=sda', 'part raid.22 --size=1 --grow --ondisk=sdb', 'part raid.23 --size=1 --grow --ondisk=sdc',
    `raid /boot --level=${level} --device=boot --fstype=ext4 raid.11 raid.12 raid.13`,
    'raid / --level=5 --device=root --fstype=ext4 raid.21 raid.22 raid.23',
    'part swap --size=2048 --ondisk=sda',
  ];
  const f = fires(ks('F45', storage(5)), 'boot-raid-level', 'raid /boot', 'error', /Fedora 45's installer/);
  assert.match(f.message, /RAID1/);
  quiet(ks('RHEL10', storage(5)), 'boot-raid-level');
  quiet(ks('F45', storage(1)), 'boot-raid-level');
});

test('/boot on RAID1 with a single ESP: a warning naming UEFI; a RAID1 ESP with /boot on RAID1 is quiet', () => {
  const members = ['part raid.11 --size=1024 --ondisk=sda', 'part raid.12 --size=1024 --ondisk=sdb', 'part raid.21 --size=1 --grow --ondisk=sda', 'part raid.22 --size=1 --grow --ondisk=sdb', 'raid /boot --level=1 --device=boot --fstype=xfs raid.11 raid.12', 'raid pv.01 --level=1 --device=pv raid.21 raid.22', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=10240', 'logvol swap --vgname=vg_sys --name=swap --size=2048'];
  const single = ks('RHEL9', ['clearpart --all --drives=sda,sdb', 'part /boot/efi --fstype=efi --size=600 --ondisk=sda', ...members]);
  const f = fires(single, 'boot-raid-single-esp', 'raid /boot', 'warning', /RHEL 9's installer/);
  assert.match(f.message, /UEFI/);
  const mirrored = ks('RHEL9', ['clearpart --all --drives=sda,sdb', 'part raid.01 --size=600 --ondisk=sda', 'part raid.02 --size=600 --ondisk=sdb', 'raid /boot/efi --level=1 --device=esp --fstype=efi raid.01 raid.02', ...members]);
  quiet(mirrored, 'boot-raid-single-esp');
  assert.deepEqual(at(run(mirrored)), []);
});

test('no place for stage1: RHEL 10 clears to GPT with no reqpart/biosboot/ESP (a warning naming both firmwares); RHEL 9 and reqpart are quiet', () => {
  const storage = ['clearpart --all --initlabel --drives=sda', 'part /boot --size=1024 --ondisk=sda', 'part swap --size=2048 --ondisk=sda', 'part / --size=1 --grow --ondisk=sda'];
  const f = fires(ks('RHEL10', storage), 'no-stage1-place', 'clearpart', 'warning', /RHEL 10's installer/);
  assert.match(f.message, /BIOS/);
  assert.match(f.message, /UEFI/);
  quiet(ks('RHEL9', storage), 'no-stage1-place');
  quiet(ks('RHEL10', [storage[0], 'reqpart', ...storage.slice(1)]), 'no-stage1-place');
  quiet(ks('RHEL10', [storage[0], 'part biosboot --size=1 --ondisk=sda', ...storage.slice(1)]), 'no-stage1-place');
  fires(ks('RHEL9', [storage[0].replace('--initlabel', '--disklabel=gpt'), ...storage.slice(1)]), 'no-stage1-place', 'clearpart', 'warning', /RHEL 9's installer/);
});

test('sizes below the release\'s recommendation: /boot exactly at the minimum is quiet; Fedora 44+ wants 1 GiB', () => {
  const storage = (boot: number) => ['clearpart --all --drives=sda', 'reqpart', `part /boot --size=${boot}`, 'part swap --size=2048', 'part / --size=1 --grow'];
  const f = fires(ks('RHEL9', storage(500)), 'below-recommended-size', 'part /boot', 'warning', /RHEL 9's installer/);
  assert.match(f.message, /512 MiB \(RHEL 9\.1 and later; 200 MiB before\)/);
  quiet(ks('RHEL9', storage(512)), 'below-recommended-size');
  fires(ks('F45', storage(512)), 'below-recommended-size', 'part /boot', 'warning', /Fedora 45's installer.*1 GiB/);
  quiet(ks('F43', storage(512)), 'below-recommended-size');
  fires(ks('RHEL8', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=200', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'below-recommended-size', 'logvol /', 'warning', /RHEL 8's installer.*250 MiB/);
});

test('a vfat partition over 1 TiB is refused; exactly 1 TiB is fine', () => {
  const storage = (size: number) => ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part swap --size=2048', 'part / --size=20480', `part /srv/exchange --fstype=vfat --size=${size}`];
  fires(ks('RHEL9', storage(1048577)), 'over-format-max', 'part /srv/exchange', 'error', /RHEL 9's installer/);
  quiet(ks('RHEL9', storage(1048576)), 'over-format-max');
});

test('below the format minimum: an info that blivet grows it (xfs 300 MiB on RHEL 10), nothing on RHEL 9', () => {
  const storage = ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part swap --size=2048', 'part / --size=20480', 'part /srv/small --fstype=xfs --size=100'];
  const f = fires(ks('RHEL10', storage), 'grown-to-format-min', 'part /srv/small', 'info', /RHEL 10/);
  assert.match(f.message, /300 MiB/);
  quiet(ks('RHEL9', storage), 'grown-to-format-min');
  // /boot/efi is an EFI System Partition whatever --fstype says: its minimum is EFI's (50 MiB).
  const esp = ['clearpart --all --drives=sda', 'part /boot/efi --size=40 --ondisk=sda', 'part /boot --size=1024 --ondisk=sda', 'part swap --size=2048 --ondisk=sda', 'part / --size=1 --grow --ondisk=sda'];
  assert.match(fires(ks('RHEL9', esp), 'grown-to-format-min', 'part /boot/efi', 'info', /RHEL 9/).message, /50 MiB/);
  // Fedora 44 and later recommend 500 MiB for it: one warning that says both.
  assert.match(fires(ks('F45', esp), 'below-recommended-size', 'part /boot/efi', 'warning', /Fedora 45's installer/).message, /50 MiB once blivet raises it.*500 MiB/);
  quiet(ks('F45', esp), 'grown-to-format-min');
});

test('fixed LVs that do not fit fixed PVs: an error on the LV that overflows; a growing PV or a fit is quiet', () => {
  const storage = (pv: string, home: number) => ['clearpart --all --drives=sda', 'reqpart --add-boot', `part pv.01 ${pv}`, 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=8192', `logvol /home --vgname=vg_sys --name=home --size=${home}`, 'logvol swap --vgname=vg_sys --name=swap --size=0 --recommended'];
  const f = fires(ks('RHEL9', storage('--size=10240', 4096)), 'vg-overcommitted', 'logvol /home', 'error', /RHEL 9's installer/);
  assert.match(f.message, /vg_sys/);
  quiet(ks('RHEL9', storage('--size=10240', 2044)), 'vg-overcommitted');
  quiet(ks('RHEL9', storage('--size=10240 --grow', 4096)), 'vg-overcommitted');
});

test('--percent over 100 in one VG: an error where the sum passes 100; 50 + 50 is quiet', () => {
  const storage = (b: number) => [...BASE, 'logvol swap --vgname=vg_sys --name=swap --size=2048', 'logvol / --vgname=vg_sys --name=root --percent=60', `logvol /srv --vgname=vg_sys --name=srv --percent=${b}`];
  fires(ks('RHEL9', storage(50)), 'vg-percent-over-100', 'logvol /srv', 'error', /RHEL 9's installer/);
  quiet(ks('RHEL9', storage(40)), 'vg-percent-over-100');
});

test('no swap in a RHEL custom layout: a warning stating the RAM it assumes; autopart --noswap and Fedora are quiet', () => {
  const storage = ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part / --size=1 --grow'];
  const f = fires(ks('RHEL9', storage), 'no-swap', 'part / ', 'warning', /RHEL 9's installer/);
  assert.match(f.message, /520 MiB of RAM/);
  quiet(ks('RHEL9', ['clearpart --all --drives=sda', 'autopart --type=lvm --noswap']), 'no-swap');
  quiet(ks('F45', storage), 'no-swap');
  quiet(ks('RHEL9', [...storage, 'part swap --recommended']), 'no-swap');
});

test('--encrypted without any passphrase stops an unattended install; one passphrase given earlier is reused', () => {
  fires(ks('RHEL9', [...BASE, 'logvol / --vgname=vg_sys --name=root --size=10240 --encrypted', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'encrypted-no-passphrase', 'logvol /', 'error', /RHEL 9's installer/);
  fires(ks('RHEL9', ['clearpart --all --drives=sda', 'autopart --encrypted']), 'encrypted-no-passphrase', 'autopart', 'error', /RHEL 9's installer/);
  // part lines run before logvol lines: the passphrase of the PV's partition serves the LVs.
  quiet(ks('RHEL9', ['clearpart --all --drives=sda', 'reqpart --add-boot', 'part pv.01 --size=1 --grow --encrypted --passphrase=secret', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=10240 --encrypted', 'logvol swap --vgname=vg_sys --name=swap --size=2048']), 'encrypted-no-passphrase');
});

test('a post-install snapshot of a normal LV is refused; of a thin LV it is fine', () => {
  const storage = (thin: boolean) => [
    'clearpart --all --drives=sda', 'reqpart --add-boot', 'part pv.01 --size=1 --grow', 'volgroup vg_sys pv.01',
    'logvol none --vgname=vg_sys --name=pool --thinpool --size=30720',
    thin ? 'logvol / --vgname=vg_sys --name=root --thin --poolname=pool --size=20480' : 'logvol / --vgname=vg_sys --name=root --size=20480',
    'logvol swap --vgname=vg_sys --name=swap --size=2048',
    'snapshot vg_sys/root --name=after-install --when=post-install',
  ];
  fires(ks('RHEL9', storage(false)), 'snapshot-origin-not-thin', 'snapshot', 'error', /RHEL 9's installer/);
  quiet(ks('RHEL9', storage(true)), 'snapshot-origin-not-thin');
});

test('the storage plan shows the findings on the parts they concern (SVG outline and title, text, JSON)', () => {
  const t = ks('RHEL10', ['clearpart --all --initlabel --drives=sda', 'part /boot --size=500 --ondisk=sda', 'part pv.01 --size=10240 --ondisk=sda', 'volgroup vg_sys pv.01', 'logvol / --vgname=vg_sys --name=root --size=8192', 'logvol /etc --vgname=vg_sys --name=etc --size=4096']);
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', t);
  try {
    const p = pictureOf(doc) as StoragePlan;
    const codes = p.notes.map((n) => `${n.code}@${n.line + 1}`).sort();
    assert.deepEqual(codes, [`below-recommended-size@${lineOf(t, 'part /boot')}`, `mount-must-be-on-root@${lineOf(t, 'logvol /etc')}`, `no-stage1-place@${lineOf(t, 'clearpart')}`, `no-swap@${lineOf(t, 'part /boot')}`, `vg-overcommitted@${lineOf(t, 'logvol /etc')}`].sort());
    const svg = render(p, 'svg');
    // The LV /etc: its box is outlined as an error and its title carries both findings.
    const etc = new RegExp(`<g [^>]*data-line="${lineOf(t, 'logvol /etc') - 1}"><title>([^<]*)</title><rect class="lv note-error"`).exec(svg);
    assert.ok(etc, 'the /etc LV box is marked as an error');
    assert.match(etc[1], /mount-must-be-on-root/);
    assert.match(etc[1], /vg-overcommitted/);
    assert.match(svg, /class="part note-warning"/);
    // The clearpart finding has no box: it is written under the heading.
    assert.match(svg, /warning: clearpart --all relabels the disks/);
    const text = render(p, 'text');
    assert.match(text, /\/boot .*\n {4}! warning below-recommended-size/);
    assert.match(text, /! warning no-stage1-place \(line \d+\)/);
    const j = JSON.parse(render(p, 'json')) as { notes: { line: number; code: string }[] };
    assert.ok(j.notes.some((n) => n.code === 'mount-must-be-on-root' && n.line === lineOf(t, 'logvol /etc')));
    // The severity settings apply: a rule set to off is not drawn, another is drawn at its set severity.
    const set = pictureOf(doc, { severities: { 'no-swap': 'off', 'below-recommended-size': 'error' } }) as StoragePlan;
    assert.ok(!set.notes.some((n) => n.code === 'no-swap'));
    assert.equal(set.notes.find((n) => n.code === 'below-recommended-size')?.severity, 'error');
  } finally {
    doc.dispose();
  }
});

test('RHEL 6 and 7 are not judged by these rules (another installer)', () => {
  assert.deepEqual(at(run(ks('RHEL7', ['clearpart --all', 'part /etc --size=100']))), []);
});

/**
 * The real corpus (test/fixtures/kickstart/real): every finding of this family, judged. Cloud and
 * Vagrant image kickstarts of RHEL rebuilds have no swap by design; Anaconda's RHEL profile still
 * logs its no-swap warning, so the warning is right (and its severity can be turned off). The two
 * Raspberry Pi images make a 300 MiB /boot, under the 512 MiB RHEL 9.1 recommends.
 */
test('the real corpus gains only judged findings: no-swap on swapless RHEL images, a small /boot on the Pi images and in Foreman\'s rendered default (100 MiB)', () => {
  const dir = join(__dirname, '..', '..', '..', '..', 'test/fixtures/kickstart/real');
  const got: string[] = [];
  for (const rel of readdirSync(dir).filter((d) => /^(RHEL|F)\d+$/.test(d))) {
    for (const f of readdirSync(join(dir, rel))) {
      const fs = analyzeText(`file:///${rel}/${f}`, 'kickstart', readFileSync(join(dir, rel, f), 'utf8'), {}).filter((x) => OURS.has(x.code));
      for (const x of fs) got.push(`${rel}/${f}:${x.code}:${x.severity}`);
    }
  }
  const other = got.filter((g) => !/:no-swap:warning$/.test(g));
  assert.deepEqual(other.sort(), [
    'RHEL10/Rocky-10-RPI-Base.ks:below-recommended-size:warning',
    'RHEL8/foreman-kickstart-default-rocky8-dhcp.ks:below-recommended-size:warning',
    'RHEL9/Rocky-9-RPI-Base.ks:below-recommended-size:warning',
    'RHEL9/foreman-kickstart-default-rhel9-dhcp.ks:below-recommended-size:warning',
  ]);
  assert.ok(got.every((g) => !/:error$/.test(g)), 'no errors');
});
