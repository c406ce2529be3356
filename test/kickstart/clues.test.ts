// Release clues in a kickstart's text and path (clues.ts) and how the resolver (release.ts)
// weighs them: the evidence a person reads, strongest first, the explicit input another caller
// passes, and the default when there is none.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/analyze';
import { ParsedDocument } from '../../server/src/core/document';
import { kickstartClues, pathClues } from '../../server/src/kickstart/clues';
import { buildModel } from '../../server/src/kickstart/model';
import { resolveKickstartRelease } from '../../server/src/kickstart/release';
import { resolveTarget } from '../../server/src/kickstart/versions';
import { loadAll } from '../../server/src/syntax/treesitter';

before(async () => {
  await loadAll();
});

function release(text: string, path = 'file:///srv/ks/host.ks', target?: string) {
  const doc = new ParsedDocument(path, 'kickstart', text);
  const r = buildModel(doc, { target }).release;
  doc.dispose();
  return r;
}
/** The release one line of text points to (through the resolver, no path). */
const fromLine = (line: string) => resolveKickstartRelease({ clues: kickstartClues(`${line}\n`) }).release.table;

test('#version= and target spellings of RHEL rebuilds name their RHEL release', () => {
  const t = (s: string) => resolveTarget(s)?.table;
  assert.deepEqual(
    ['OL8', 'OL9', 'ol7', 'Rocky9', 'rocky8', 'Alma9', 'AlmaLinux10', 'CentOS7', 'centos-stream-9', 'CentOS8-Stream', 'el8', 'rhel-9.2', 'RHEL8.10', 'f17', 'F38', 'fedora39', 'DEVEL'].map(t),
    ['RHEL8', 'RHEL9', 'RHEL7', 'RHEL9', 'RHEL8', 'RHEL9', 'RHEL10', 'RHEL7', 'RHEL9', 'RHEL8', 'RHEL8', 'RHEL9', 'RHEL8', 'F17', 'F38', 'F39', 'F45'],
  );
  for (const bad of ['RHEL5', 'F16', 'OL', 'ubuntu22', 'centos']) assert.equal(t(bad), undefined, bad);
  const ol9 = release('#version=OL9\nautopart\n');
  assert.deepEqual([ol9.release.table, ol9.source, ol9.reason], ['RHEL9', 'header', "#version=OL9 (Oracle Linux: RHEL 9's kickstart)"]);
});

test('distribution and release in install and repository URLs, refs and images', () => {
  const cases: [string, string][] = [
    ['url --url=http://mirror.centos.org/centos/7/os/x86_64', 'RHEL7'],
    ['url --url="https://download.rockylinux.org/stg/rocky/9/BaseOS/$basearch/os/"', 'RHEL9'],
    ['url --url https://repo.almalinux.org/almalinux/10/BaseOS/x86_64/os', 'RHEL10'],
    ['url --url=https://yum.oracle.com/repo/OracleLinux/OL8/baseos/latest/x86_64', 'RHEL8'],
    ['url --url=https://dl.fedoraproject.org/pub/fedora/linux/releases/39/Everything/x86_64/os/', 'F39'],
    ['url --mirrorlist=http://mirrors.fedoraproject.org/mirrorlist?repo=fedora-40&arch=x86_64', 'F40'],
    ['repo --name=epel --baseurl=https://dl.fedoraproject.org/pub/epel/8/Everything/x86_64/', 'RHEL8'],
    ['repo --name=base --baseurl=http://mirror.example.com/el8/BaseOS/', 'RHEL8'],
    ['repo --name=rhel --baseurl=https://cdn.example.com/content/dist/rhel-9/x86_64/baseos/os', 'RHEL9'],
    ['url --url=http://mirror.stream.centos.org/9-stream/BaseOS/x86_64/os/', 'RHEL9'],
    ['ostreecontainer --url=quay.io/centos-bootc/centos-bootc:stream9', 'RHEL9'],
    ['ostreecontainer --url=quay.io/fedora/fedora-bootc:41', 'F41'],
    ['ostreesetup --osname=fedora-atomic --remote=fedora --url=https://kojipkgs.fedoraproject.org/atomic/repo/ --ref=fedora/39/x86_64/silverblue', 'F39'],
    ['url --url=http://download.fedoraproject.org/pub/fedora/linux/development/rawhide/Everything/x86_64/os/', 'F45'],
    ['url --url=http://10.10.10.118/centos7_repo', 'RHEL7'],
    ['liveimg --url="http://10.66.65.30/rhevh/rhev-hypervisor7-ng-3.6-20160516.0.x86_64.liveimg.squashfs"', 'RHEL7'],
  ];
  for (const [line, want] of cases) assert.equal(fromLine(line), want, line);
  // Rawhide dated by a year a person wrote in a comment.
  assert.equal(fromLine('# built 2021-03-02\nurl --url=http://dl.fedoraproject.org/pub/fedora/linux/development/rawhide/Everything/x86_64/os/'), 'F35');
  // Release packages and comments.
  assert.equal(fromLine('%packages\noraclelinux-release-el8\n%end'), 'RHEL8');
  assert.equal(fromLine('# Kickstart for CentOS 7 web servers'), 'RHEL7');
  // "RHEL 8+" and "Fedora 38 or later" name a release and every newer one (Linuxfabrik's lf-rhel.cfg: "RHEL 8+, Fedora 38+").
  assert.deepEqual(kickstartClues('# installs RHEL 8+, Fedora 38+ and compatible\n')[0].releases, ['RHEL8', 'RHEL9', 'RHEL10']);
  assert.equal(kickstartClues('# for Fedora 38 or later\n')[0].releases[0], 'F38');
  assert.ok(kickstartClues('# for Fedora 38 or later\n')[0].releases.length > 1);
  assert.deepEqual(kickstartClues('# RHEL 8 only\n')[0].releases, ['RHEL8']);
  const lf = readFileSync(join(__dirname, '..', '..', '..', '..', 'test/fixtures/kickstart/real/RHEL10/linuxfabrik-lf-rhel.cfg'), 'utf8');
  assert.notEqual(release(lf, 'file:///home/me/kickstart/lf-rhel.cfg').release.table, 'RHEL8');
  // EPEL is for RHEL, though it is served from fedoraproject.org.
  assert.deepEqual(kickstartClues('repo --name=epel --mirrorlist=https://mirrors.fedoraproject.org/metalink?repo=epel-$releasever&arch=x86_64\nrepo --name=e --baseurl=https://dl.fedoraproject.org/pub/epel/$releasever/Everything/x86_64/\n').map((c) => c.releases.every((r) => r.startsWith('RHEL'))), [true, true]);
  // A tree named for major and minor run together (johnsimcall/storage-install ks/ks-rhs.cfg).
  assert.deepEqual(kickstartClues('url --url="http://172.16.8.2/mnt/rhel64"\n').map((c) => c.releases.join('|')), ['RHEL6']);
  assert.deepEqual(kickstartClues('url --url=http://example.com/rhel79/os\n').map((c) => c.releases.join('|')), ['RHEL7']);
  // No release: $releasever says nothing.
  assert.deepEqual(kickstartClues('url --mirrorlist=http://mirrorlist.example.com/?release=$releasever&repo=os\n'), []);
});

test('oVirt Node and RHEV-H: a liveimg of the node image or its own tools in %post leave RHEL 7 to 9 open (RHEV-H: 6 and 7, RHV-H: 7 and 8)', () => {
  const rels = (text: string) => kickstartClues(text).map((c) => c.releases.join('|'));
  assert.deepEqual(rels('liveimg --url=http://example.com/ovirt-node-ng-installer.squashfs.img\n'), ['RHEL7|RHEL8|RHEL9']);
  // RHV-H (Red Hat's node) was built on RHEL 7 (4.0-4.3) and 8 (4.4) only; its version pins one.
  assert.deepEqual(rels('liveimg --url=http://example.com/rhvh/image.squashfs.img\n'), ['RHEL7|RHEL8']);
  assert.deepEqual(rels('%pre\nrpm2cpio /run/install/repo/Packages/redhat-virtualization-host-image-update* | cpio -ivd\n%end\n'), ['RHEL7|RHEL8']);
  assert.deepEqual(rels('%pre\nKEEP=$(lsblk -o NAME,LABEL | awk \'/RHVH-4.3 RHVH.x86_64/ {print $1}\')\n%end\n'), ['RHEL7']);
  assert.deepEqual(rels('%pre\nINSTALL_LABEL="RHVH-4.4 RHVH.x86_64"\n%end\n'), ['RHEL8']);
  assert.deepEqual(rels('liveimg --url=http://example.com/rhevh/image.squashfs.img\n'), ['RHEL6|RHEL7']);
  assert.deepEqual(rels('%post --erroronfail\nimgbase layout --init\nnodectl init\n%end\n'), ['RHEL7|RHEL8|RHEL9', 'RHEL7|RHEL8|RHEL9']);
  assert.deepEqual(rels('imgbase layout --init\n%pre\nimgbase x\n%end\n'), []);
  // The real files (demilyc/ngn-auto-installation-kickstarts, RHEV-H 3.6/4.0 NG tests; #version=DEVEL, no
  // release elsewhere): read as RHEL 10 before, where auth and timezone --isUtc are errors.
  const real = (f: string) => readFileSync(join(__dirname, '..', '..', '..', '..', 'test/fixtures/kickstart/real/RHEL7', f), 'utf8');
  for (const f of ['demilyc-ngn-ati_FC_01.ks', 'demilyc-ngn-ati_iscsi_01.ks', 'demilyc-ngn-ati_lvm_04.ks']) {
    const text = real(f);
    assert.equal(release(text, `file:///home/me/ngn-auto-installation-kickstarts/${f.replace('demilyc-ngn-', '')}`).release.table, 'RHEL7', f);
    const errs = analyzeText(`file:///home/me/${f}`, 'kickstart', text, {}).filter((x) => x.severity === 'error');
    assert.deepEqual(errs.map((x) => x.code), [], f);
  }
});

test('file and folder names', () => {
  const names = (p: string) => pathClues(p).map((c) => c.releases.join('|'));
  assert.deepEqual(names('/srv/ks/rhel9/web.ks'), ['RHEL9']);
  assert.deepEqual(names('/srv/ks/centos7-ks.cfg'), ['RHEL7']);
  assert.deepEqual(names('/srv/ks/fedora39.ks'), ['F39']);
  assert.deepEqual(names('file:///home/me/kickstarts/Rocky-8-EC2-LVM.ks'), ['RHEL8']);
  assert.deepEqual(names('/src/bento/packer_templates/almalinux/http/8/ks.cfg'), ['RHEL8']);
  assert.deepEqual(names('/src/bento/packer_templates/centos/http/9-stream/ks.cfg'), ['RHEL9']);
  assert.deepEqual(names('/src/bento/packer_templates/http/rhel/10ks.cfg'), ['RHEL10']);
  assert.deepEqual(names('/srv/ks/web01.ks'), []);
  assert.deepEqual(names('/srv/ks/sda1-layout.ks'), []);
  // CentOS's short form: c6rac1.ks (piotraf.github.io's CentOS 6 RAC node), ks-c7.cfg; not a longer number or another word.
  assert.deepEqual(names('/srv/lab/c6rac1.ks'), ['RHEL6']);
  assert.deepEqual(names('/srv/ks/ks-c7.cfg'), ['RHEL7']);
  assert.deepEqual(names('/srv/ks/c10-node.ks'), []);
  assert.deepEqual(names('/srv/ks/disc6.ks'), []);
  assert.deepEqual(names('/srv/ks/ec2-c5.ks'), []);
  const rac = readFileSync(join(__dirname, '..', '..', '..', '..', 'test/fixtures/kickstart/real/RHEL6/piotraf-c6rac1.ks'), 'utf8');
  assert.equal(release(rac, 'file:///src/piotraf.github.io/lab/c6rac1.ks').release.table, 'RHEL6');
  // A folder named by a bare release number past every RHEL is a Fedora release (gremo/fedora-kickstart's 38/).
  assert.deepEqual(names('/home/me/fedora-kickstart/38/gnome-minimal.ks'), ['F38']);
  assert.deepEqual(names('/srv/ks/9/web.ks'), []);
  assert.deepEqual(names('/srv/ks/38.ks'), []);
  // The real file: a Fedora mirrorlist with $releasever, in its repository's 38/ folder.
  const gremo = readFileSync(join(__dirname, '..', '..', '..', '..', 'test/fixtures/kickstart/real/F38/gremo-38-gnome-minimal.ks'), 'utf8');
  assert.equal(release(gremo, 'file:///home/me/fedora-kickstart/38/gnome-minimal.ks').release.table, 'F38');
  assert.notEqual(release(gremo, 'file:///home/me/fedora-kickstart/gnome-minimal.ks').release.table, 'F38');
});

test('the issue\'s cases: each file is checked as the release its evidence names, and that release\'s deprecations and removals are reported', () => {
  // Rocky Linux 9's Vagrant kickstart: #version=DEVEL, url on rocky/9/BaseOS.
  const rocky = '#version=DEVEL\ntext\nurl --url="https://download.rockylinux.org/stg/rocky/9/BaseOS/$basearch/os/"\ntimezone UTC --isUtc\nautopart\n';
  assert.equal(release(rocky).release.table, 'RHEL9');
  assert.ok(analyzeText('file:///t.ks', 'kickstart', rocky, {}).some((f) => f.code === 'deprecated-option' && f.range.start.line === 3));
  // Fedora 35 with auth (removed there: the install fails).
  const f35 = 'url --mirrorlist=https://mirrors.fedoraproject.org/mirrorlist?repo=fedora-35&arch=x86_64\nauth --enableshadow --passalgo=sha512\nautopart\n';
  assert.equal(release(f35).release.table, 'F35');
  assert.ok(analyzeText('file:///t.ks', 'kickstart', f35, {}).some((f) => f.code === 'removed-command' && f.severity === 'error' && f.range.start.line === 1));
  // Fedora 34 with install (removed in F34).
  const f34 = 'install\nurl --url=https://dl.fedoraproject.org/pub/fedora/linux/releases/34/Everything/x86_64/os/\nautopart\n';
  assert.equal(release(f34).release.table, 'F34');
  assert.ok(analyzeText('file:///t.ks', 'kickstart', f34, {}).some((f) => f.code === 'removed-command' && f.range.start.line === 0));
  // Stronger evidence wins over a name; a name decides when nothing else does.
  assert.equal(release('url --url=http://mirror.centos.org/centos/8/BaseOS/x86_64/os/\n', 'file:///srv/rhel9/a.ks').release.table, 'RHEL8');
  assert.equal(release('autopart\n', 'file:///srv/rhel9/a.ks').release.table, 'RHEL9');
  // The installer that wrote it: Anaconda 34 is Fedora 34 or RHEL 9; a Fedora URL without a release decides the family.
  assert.equal(release('# Generated by Anaconda 34.25.0.23\nautopart\n').release.table, 'RHEL9');
  assert.equal(release('# Generated by Anaconda 34.24.9\nurl --mirrorlist=https://mirrors.fedoraproject.org/mirrorlist?repo=fedora-$releasever&arch=x86_64\nautopart\n').release.table, 'F34');
});

test('the resolver\'s inputs: an explicit target from another caller, clues a caller adds, and the default', () => {
  const explicit = resolveKickstartRelease({ explicit: 'rocky8', explicitFrom: 'the repository config (.blockwise.yaml)', versionLine: 'RHEL9', clues: [] });
  assert.deepEqual([explicit.release.table, explicit.source, explicit.reason], ['RHEL8', 'explicit', 'set by the repository config (.blockwise.yaml) (rocky8)']);
  // A template branch's condition, as a caller would add it.
  const branch = resolveKickstartRelease({ clues: [...kickstartClues('autopart\n'), { tier: 'distribution', releases: ['RHEL7'], what: 'the branch for os_major == 7', weight: 3 }] });
  assert.deepEqual([branch.release.table, branch.source, branch.reason], ['RHEL7', 'evidence', 'the branch for os_major == 7']);
  const none = resolveKickstartRelease({ clues: [] });
  assert.deepEqual([none.release.table, none.source], ['RHEL10', 'default']);
  assert.match(none.reason, /no release evidence in the file .* checked as RHEL 10, the newest; add a #version= line \(e\.g\. #version=RHEL8\) or set the target/);
});
