// Which release a kickstart is checked against (release.ts), the RHEL 6/7 tables, and option
// parsing as pykickstart's argparse does it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, releaseOf } from '../../server/src/analyze';
import { checkFile, toJson } from '../../server/src/cli';
import { ParsedDocument } from '../../server/src/core/document';
import { loadAll } from '../../server/src/syntax/treesitter';
import { buildModel } from '../../server/src/kickstart/model';
import { commandSpec } from '../../server/src/kickstart/versions';

before(async () => {
  await loadAll();
});

const run = (text: string, target?: string) => analyzeText('file:///t.ks', 'kickstart', text, { target });
const codes = (text: string, target?: string) => run(text, target).map((f) => `${f.range.start.line + 1}:${f.code}:${f.severity}`);
function release(text: string, target?: string) {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', text);
  const m = buildModel(doc, { target });
  doc.dispose();
  return m.release;
}

// The shape of an anaconda-ks.cfg that RHEL 7's Anaconda wrote (it always wrote #version=DEVEL).
const RHEL7_ANACONDA_KS = `#version=DEVEL
# System authorization information
auth --enableshadow --passalgo=sha512
# Use CDROM installation media
cdrom
# Use graphical install
graphical
# Run the Setup Agent on first boot
firstboot --enable
ignoredisk --only-use=sda
# Keyboard layouts
keyboard --vckeymap=us --xlayouts='us'
# System language
lang en_US.UTF-8

# Network information
network  --bootproto=dhcp --device=eth0 --ipv6=auto --activate
network  --hostname=localhost.localdomain

# Root password
rootpw --iscrypted $6$abc$def
# System services
services --enabled="chronyd"
# System timezone
timezone America/New_York --isUtc
# System bootloader configuration
bootloader --append=" crashkernel=auto" --location=mbr --boot-drive=sda
autopart --type=lvm
# Partition clearing information
clearpart --none --initlabel

%packages
@^minimal
@core
chrony
kexec-tools

%end

%addon com_redhat_kdump --enable --reserve-mb='auto'

%end

%anaconda
pwpolicy root --minlen=6 --minquality=1 --notstrict --nochanges --notempty
%end
`;

test('#version=DEVEL is resolved by evidence: a RHEL 7 anaconda-ks.cfg gets no version finding', () => {
  const r = release(RHEL7_ANACONDA_KS);
  // auth is gone from RHEL 10 and Fedora, %anaconda deprecated in RHEL 9: RHEL 8 is the newest
  // release that reads the whole file without a word (RHEL 7 reads it the same way).
  assert.equal(r.release.table, 'RHEL8');
  assert.equal(r.source, 'evidence');
  assert.match(r.reason, /DEVEL/);
  const found = codes(RHEL7_ANACONDA_KS);
  assert.deepEqual(
    found.filter((c) => /removed|deprecated|version-unsupported|unknown-option/.test(c)),
    [],
  );
});

test('files without #version=: the default when the whole file is valid there, else the newest release that accepts it', () => {
  assert.equal(release('zerombr\nautopart\n').release.table, 'RHEL9');
  assert.equal(release('zerombr\nautopart\n').source, 'default');
  // install is removed in RHEL 9 and deprecated in RHEL 8: RHEL 7 reads it without a word.
  const r = release('install\nautopart\n');
  assert.equal(r.release.table, 'RHEL7');
  assert.equal(r.source, 'evidence');
  assert.match(r.reason, /install is not accepted by RHEL 9/);
  // logging --level (deprecated in RHEL 9, gone in 10) with authselect (RHEL 8 on): RHEL 8.
  assert.equal(release('authselect select sssd\nlogging --level=info\n').release.table, 'RHEL8');
  // A typo no release knows is not evidence.
  assert.equal(release('part / --size=1 --sizee=2\n').release.table, 'RHEL9');
});

test('an explicit target wins over #version= and says so once', () => {
  const r = release('#version=RHEL7\ninstall\n', 'rhel9');
  assert.equal(r.release.table, 'RHEL9');
  assert.equal(r.source, 'explicit');
  const found = codes('#version=RHEL7\ninstall\n', 'rhel9');
  assert.ok(found.includes('1:target-overrides-version:info'), found.join());
  assert.ok(found.includes('2:removed-command:error'));
  // Agreeing target and line: no note.
  assert.ok(!codes('#version=RHEL9\nzerombr\n', 'rhel9').some((c) => c.includes('target-overrides-version')));
  assert.equal(release('#version=RHEL7\ninstall\n').source, 'header');
});

test('RHEL 6 and 7 tables: history of install/upgrade, auth, timezone, logging, bootloader, part, btrfs, %packages', () => {
  const st = (c: string, o?: string) => (o ? commandSpec(c)!.spec.options[o].status : commandSpec(c)!.spec.status);
  assert.deepEqual([st('install').RHEL6, st('install').RHEL7, st('install').RHEL8, st('install').RHEL9], ['active', 'active', 'deprecated', 'removed']);
  assert.deepEqual([st('upgrade').RHEL6, st('upgrade').RHEL7, st('upgrade').RHEL8], ['active', 'deprecated', 'absent']);
  assert.deepEqual([st('auth').RHEL7, st('authconfig').RHEL9, st('auth').RHEL10], ['active', 'active', 'removed']);
  assert.deepEqual([st('timezone', '--isUtc').RHEL7, st('timezone', '--isUtc').RHEL10], ['ok', 'absent']);
  assert.equal(st('timezone', '--ntpservers').RHEL6, undefined);
  assert.equal(st('timezone', '--ntpservers').RHEL7, 'ok');
  assert.deepEqual([st('logging', '--level').RHEL7, st('logging', '--level').RHEL9, st('logging', '--level').RHEL10], ['ok', 'deprecated:F34', 'absent']);
  assert.deepEqual([st('bootloader', '--upgrade').RHEL7, st('bootloader', '--upgrade').RHEL8, st('bootloader', '--upgrade').RHEL9], ['ok', 'deprecated:F29', 'absent']);
  assert.deepEqual([st('part', '--active').RHEL6, st('part', '--active').RHEL9], ['ok', 'absent']);
  assert.deepEqual([st('btrfs').RHEL6, st('btrfs').RHEL7, st('btrfs').RHEL9, st('btrfs').RHEL10], ['absent', 'active', 'deprecated', 'removed']);
  assert.ok(codes('#version=RHEL6\nbtrfs / --data=1 btrfs.01\n').includes('2:version-unsupported:error'));
  assert.deepEqual(codes('#version=RHEL7\n%packages --instLangs=en_US\n@core\n%end\n'), []);
  assert.ok(codes('#version=RHEL6\nkey --skip\nautopart\n').every((c) => !c.endsWith(':error')));
  assert.ok(codes('#version=RHEL7\nkey --skip\nautopart\n').includes('2:version-unsupported:error'));
  assert.equal(release('key --skip\nautopart\n').release.table, 'RHEL6');
});

test('%anaconda: read by RHEL 8 and older, deprecated in RHEL 9, refused by RHEL 10', () => {
  const ks = '%anaconda\npwpolicy root --minlen=6\n%end\n';
  for (const t of ['rhel6', 'rhel7', 'rhel8']) assert.deepEqual(codes(ks, t).filter((c) => c.includes('section')), [], t);
  assert.ok(codes(ks, 'rhel9').includes('1:deprecated-section:warning'));
  assert.ok(codes(ks, 'rhel10').includes('1:removed-section:error'));
});

test('argparse: a word starting with - that contains a space is a value; negative numbers are values', () => {
  // Rocky Linux 9's official image kickstarts.
  const rocky = '#version=RHEL9\nzerombr\nclearpart --all --initlabel --disklabel=gpt\npart pv.01 --size=1 --grow\nvolgroup rocky pv.01\nlogvol / --vgname=rocky --size=8000 --name=root --grow --mkfsoptions "-m bigtime=0,inobtcount=0"\n';
  assert.deepEqual(codes(rocky).filter((c) => /invalid-value|unknown-option/.test(c)), []);
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', rocky);
  const lv = buildModel(doc, {}).commands.find((c) => c.name === 'logvol')!;
  assert.equal(lv.options.find((o) => o.name === 'mkfsoptions')!.value, '-m bigtime=0,inobtcount=0');
  doc.dispose();
  // Without a space it is an option word, as argparse reads it.
  assert.ok(codes('#version=RHEL9\nlogvol / --vgname=v --size=1 --name=r --mkfsoptions -m\n').some((c) => /invalid-value|unknown-option/.test(c)));
  assert.ok(!codes('#version=RHEL9\nlogvol / --vgname=v --size=-1 --name=r --grow\n').some((c) => c.includes('invalid')));
});

test('options that add up are not a conflict; a removed option with its value is one finding', () => {
  assert.deepEqual(codes('#version=RHEL9\nfirewall --enabled --http --ssh --smtp --service=cockpit\n').filter((c) => c.includes('option-conflict')), []);
  // store_true/store_false on one destination still override each other.
  assert.ok(codes('#version=RHEL9\nfirewall --enabled --disabled\n').some((c) => c.includes('option-conflict')));
  // Two flags that store the same constant into one destination agree (pykickstart's timezone:
  // --utc and --isUtc are both store_true into isUtc; seen in real RHEL 7 kickstarts).
  assert.deepEqual(codes('#version=RHEL7\ntimezone America/New_York --utc --isUtc\n').filter((c) => c.includes('option-conflict')), []);
  const one = codes('#version=RHEL10\nrepo --name=x --baseurl=http://example.com/ --ignoregroups 1\n').filter((c) => !c.endsWith(':info'));
  assert.deepEqual(one, ['2:removed-option:error']);
});

test('timezone takes one zone or none on every release', () => {
  for (const t of ['rhel6', 'rhel7', 'rhel9', 'rhel10', 'f45']) {
    assert.ok(codes('timezone YOUR TIMEZONE\n', t).includes('1:unexpected-argument:error'), t);
    assert.ok(!codes('timezone Europe/Prague --utc\n', t).some((c) => c.endsWith(':error')), t);
  }
});

test('the unguarded-clearpart incident rule fires on every release', () => {
  for (const t of ['rhel6', 'rhel7', 'rhel8', 'rhel9', 'rhel10', 'f45']) {
    assert.ok(codes('zerombr\nclearpart --all --initlabel\nautopart\n', t).some((c) => c.includes('unguarded-clearpart')), t);
  }
});

test('a release-dependent finding says which release and why when the file does not say it', () => {
  const msg = (text: string, target?: string, code = 'deprecated-command') => run(text, target).find((f) => f.code === code)!.message;
  assert.match(msg('install\nauthselect select sssd\nautopart\n'), /in RHEL 8.*\(Checked as RHEL 8: no #version= line; install is not accepted by RHEL 9; RHEL 8 is the newest release that accepts all its commands and options\.\)/);
  assert.match(msg('#version=RHEL7\ninstall\n', 'rhel10', 'removed-command'), /\(Checked as RHEL 10: set by the target setting\/--target \(rhel10\)\.\)/);
  // The file's own line says it: the message is as before.
  assert.doesNotMatch(msg('#version=RHEL8\ninstall\n'), /Checked as/);
});

test('the release and its reason reach the CLI (text and JSON) through the handler', () => {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', 'install\nauthselect select sssd\nautopart\n');
  assert.deepEqual(releaseOf(doc, {}), {
    release: 'RHEL 8',
    reason: 'no #version= line; install is not accepted by RHEL 9; RHEL 8 is the newest release that accepts all its commands and options',
    source: 'evidence',
  });
  assert.equal(releaseOf(doc, { target: 'rhel10' })!.source, 'explicit');
  doc.dispose();
  const r = checkFile('t.ks', Buffer.from('#version=RHEL7\ninstall\nautopart\n'), { language: 'kickstart' })!;
  assert.deepEqual(r.target, { release: 'RHEL 7', reason: '#version=RHEL7' });
  assert.deepEqual((toJson([r]) as { target: unknown }[])[0].target, { release: 'RHEL 7', reason: '#version=RHEL7' });
});

test('a size with a unit: the fix is in the unit pykickstart reads (--pesize and --chunksize are KiB)', () => {
  const fix = (text: string) => run(text, 'rhel9').find((f) => f.code === 'invalid-int')!;
  const pe = fix('volgroup vg --pesize=4M pv.01\npart pv.01 --size=100\n');
  assert.match(pe.message, /--pesize is whole KiB: 4M is 4096/);
  assert.equal(pe.fixes![0].edits[0].newText, '4096');
  assert.equal(fix('part / --size=2G\n').fixes![0].edits[0].newText, '2048');
});

test('Btrfs: refused from RHEL 8 on (raid until RHEL 10), accepted by RHEL 6 and 7; a file without #version= that uses it is not read as RHEL', () => {
  const part = 'clearpart --all --drives=sda\npart / --fstype=btrfs --size=1000 --ondisk=sda\n';
  for (const v of ['RHEL6', 'RHEL7']) assert.deepEqual(codes(`#version=${v}\n${part}`).filter((c) => c.includes('invalid-value')), [], v);
  for (const v of ['RHEL8', 'RHEL9', 'RHEL10']) assert.ok(codes(`#version=${v}\n${part}`).includes('3:invalid-value:error'), v);
  assert.deepEqual(codes('#version=RHEL7\nautopart --type=btrfs\n').filter((c) => c.includes('invalid-value')), []);
  assert.ok(codes('#version=RHEL9\nautopart --type=btrfs\n').includes('2:invalid-value:error'));
  const raid = '#version=RHEL10\npart raid.1 --size=1 --ondisk=sda\npart raid.2 --size=1 --ondisk=sdb\nraid / --level=1 --device=0 --fstype=btrfs raid.1 raid.2\n';
  assert.deepEqual(codes(raid).filter((c) => c.includes('invalid-value')), []);
  assert.ok(codes(raid.replace('RHEL10', 'RHEL9')).includes('4:invalid-value:error'));
  // No header: Btrfs storage is evidence against RHEL 8 and later.
  const r = release(`lang en_US.UTF-8\n${part}`);
  assert.equal(r.release.table, 'RHEL7', r.reason);
  assert.match(r.reason, /part on Btrfs is not accepted by RHEL 9/);
  // With a command RHEL 7 lacks (an image-based Fedora install), Fedora.
  assert.equal(release(`lang en_US.UTF-8\n${part}ostreecontainer --url=quay.io/x/y:latest\n`).release.table, 'F45');
});
