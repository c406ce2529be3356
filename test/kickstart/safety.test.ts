// Safety rules on real kickstart text (corpus files and inline cases), with their quick fixes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, TextEdit } from '../../server/src/core/types';
import { LineIndex } from '../../server/src/core/text';
import { ruleDoc } from '../../server/src/core/rules';
import { safetyFindings } from '../../server/src/kickstart/rules/safety';
import { storageFindings } from '../../server/src/kickstart/rules/storage';
import { GUARD_PRE_LINES } from '../../server/src/kickstart/fixes';
import { analyzeScript, guardVerdict } from '../../server/src/kickstart/guard';
import { setup, subject } from './safety-model.test';

const root = join(__dirname, '..', '..', '..', '..');
const corpus = (name: string): string => readFileSync(join(root, 'test/fixtures/kickstart/corpus', name), 'utf8');

before(setup);

function check(text: string): Finding[] {
  const s = subject(text);
  try {
    return safetyFindings(s.model, s.doc, {});
  } finally {
    s.dispose();
  }
}
const codes = (fs: Finding[]): string[] => fs.map((f) => f.code).sort();
const lineOf = (f: Finding): number => f.range.start.line + 1;

function apply(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => li.offsetAt(b.range.start) - li.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, li.offsetAt(e.range.start)) + e.newText + out.slice(li.offsetAt(e.range.end));
  return out;
}

test('the incident kickstart: unguarded clearpart and unscoped zerombr, with fixes that make it safe', () => {
  const text = corpus('02-incident-raid10-lvm.ks');
  const fs = check(text);
  const cp = fs.find((f) => f.code === 'unguarded-clearpart');
  assert.ok(cp, `expected unguarded-clearpart, got ${codes(fs)}`);
  assert.equal(lineOf(cp), 11);
  assert.equal(cp.severity, 'warning');
  assert.ok(fs.some((f) => f.code === 'unscoped-zerombr' && lineOf(f) === 10));
  // Fix 1: ignoredisk --only-use with the disks the file names (sda for /boot and sdb..sdk for RAID).
  const scope = cp.fixes!.find((f) => /ignoredisk/.test(f.title))!;
  const scoped = apply(text, scope.edits);
  assert.match(scoped, /^ignoredisk --only-use=sda,sdb,sdc,sdd,sde,sdf,sdg,sdh,sdi,sdj,sdk\nclearpart --all --initlabel$/m);
  assert.deepEqual(codes(check(scoped)), []);
  // Fix 2: the guard %pre, recognised as a guard by our own analysis.
  const guard = cp.fixes!.find((f) => /%pre/.test(f.title))!;
  const guarded = apply(text, guard.edits);
  assert.ok(guarded.endsWith(`${GUARD_PRE_LINES.join('\n')}\n`));
  assert.deepEqual(codes(check(guarded)), []);
});

test('the inserted guard is a guard to the bash analysis, line by line real shell', () => {
  const body = GUARD_PRE_LINES.slice(1, -1).join('\n') + '\n';
  const a = analyzeScript(body, '/bin/sh');
  assert.equal(a.hasErrors, false);
  assert.ok(a.inspections.some((c) => c.name === 'lvm'));
  assert.ok(a.inspections.some((c) => c.name === 'mdadm'));
  assert.equal(a.stops.filter((s) => s.linked).length, 5);
  assert.equal(guardVerdict(a, true).strength, 'guard');
});

test('explicit scopes guard clearpart: ignoredisk --only-use, clearpart --drives, a %pre --erroronfail guard', () => {
  assert.deepEqual(codes(check(corpus('01-minimal-autopart-rhel9.ks'))), []);
  assert.deepEqual(codes(check(corpus('03-guarded-raid-lvm-rhel9.ks'))), []);
  assert.deepEqual(codes(check('zerombr\nclearpart --all --initlabel --drives=sda\nignoredisk --only-use=sda\nautopart\n')), []);
  assert.deepEqual(codes(check('clearpart --all --drives=sda,sdb\nautopart\n')), []);
  assert.deepEqual(codes(check(corpus('52-full-server-rhel8.ks'))), []);
});

test('a %pre that halts on data guards; one without --erroronfail does not', () => {
  assert.deepEqual(codes(check(corpus('45-pre-poweroff-on-data.ks'))), []);
  const fs = check(corpus('07-pre-exit-without-erroronfail.ks'));
  assert.deepEqual(codes(fs), ['ineffective-pre-guard', 'unguarded-clearpart', 'unscoped-zerombr']);
  const ineff = fs.find((f) => f.code === 'ineffective-pre-guard')!;
  assert.equal(lineOf(ineff), 12);
  assert.match(ineff.message, /--erroronfail/);
  // The fix adds --erroronfail, and then the same %pre is a guard. It only looks at LVM (vgs), so
  // zerombr with clearpart --all still re-initialises disks that hold other data: one finding left.
  const text = corpus('07-pre-exit-without-erroronfail.ks');
  const fixed = apply(text, ineff.fixes![0].edits);
  assert.match(fixed, /^%pre --erroronfail$/m);
  const left = check(fixed);
  assert.deepEqual(codes(left), ['unscoped-zerombr']);
  assert.match(left[0].message, /^The %pre guard on line 12 only stops the install when it finds LVM \(`vgs`\)/);
  assert.match(fs.find((f) => f.code === 'unguarded-clearpart')!.message, /no --erroronfail/);
});

test('a %pre in another interpreter is not analysed, so it does not count as a guard', () => {
  const fs = check(corpus('44-python-pre-guard.ks'));
  const cp = fs.find((f) => f.code === 'unguarded-clearpart')!;
  assert.ok(cp);
  assert.match(cp.message, /python3/);
  assert.ok(!fs.some((f) => f.code === 'ineffective-pre-guard'));
});

test('ignoredisk --drives is a deny-list and does not scope clearpart', () => {
  const fs = check(corpus('46-ignoredisk-denylist.ks'));
  const cp = fs.find((f) => f.code === 'unguarded-clearpart')!;
  assert.match(cp.message, /ignoredisk --drives/);
  // No disk is named anywhere, so there is no ignoredisk fix to offer, only the guard.
  assert.deepEqual(cp.fixes!.map((f) => /%pre/.test(f.title)), [true]);
});

test('glob and empty drive lists', () => {
  const weak = check(corpus('08-weak-glob-scope.ks'));
  const w = weak.find((f) => f.code === 'weak-clearpart-scope')!;
  assert.equal(lineOf(w), 8);
  assert.equal(corpus('08-weak-glob-scope.ks').split('\n')[7].slice(w.range.start.character, w.range.end.character), 'sd*');
  assert.ok(weak.some((f) => f.code === 'unguarded-clearpart'));
  const empty = check(corpus('09-empty-drive-list.ks'));
  assert.ok(empty.some((f) => f.code === 'empty-drive-list' && lineOf(f) === 9));
  assert.ok(empty.some((f) => f.code === 'unguarded-clearpart' && lineOf(f) === 9));
});

test('clearpart redefined: only the last counts, even when an earlier one was scoped', () => {
  const fs = check(corpus('10-clearpart-redefined.ks'));
  const red = fs.find((f) => f.code === 'clearpart-redefined')!;
  assert.equal(lineOf(red), 8);
  assert.match(red.message, /line 10/);
  // ignoredisk --only-use=sda still scopes the last one, so no unguarded-clearpart.
  assert.ok(!fs.some((f) => f.code === 'unguarded-clearpart'));
  const unscoped = check('clearpart --all --drives=sda\nclearpart --all\nautopart\n');
  assert.ok(unscoped.some((f) => f.code === 'unguarded-clearpart' && lineOf(f) === 2));
});

test('clearpart --none --all is --all', () => {
  const fs = check(corpus('11-clearpart-none-all.ks'));
  const c = fs.find((f) => f.code === 'clearpart-type-conflict')!;
  assert.match(c.message, /--all/);
  assert.ok(fs.some((f) => f.code === 'unguarded-clearpart'));
  assert.ok(!check('clearpart --all --none\nautopart\n').some((f) => f.code === 'unguarded-clearpart'));
  assert.deepEqual(codes(check(corpus('54-clearpart-list.ks'))), []);
});

test('disks outside ignoredisk --only-use', () => {
  const fs = check(corpus('12-disk-not-selected.ks'));
  const d = fs.filter((f) => f.code === 'disk-not-selected');
  assert.equal(d.length, 1);
  assert.equal(lineOf(d[0]), 10);
  assert.equal(d[0].severity, 'error');
  // Different naming styles cannot be compared: no claim.
  assert.deepEqual(codes(check('ignoredisk --only-use=/dev/disk/by-id/wwn-0x5000c500a1b2c3d4\nclearpart --all --drives=sda\nautopart\n')), []);
  const two = check('ignoredisk --only-use=sda\nclearpart --all --drives=sda,sdc\npart / --ondisk=/dev/sda --size=100\nbootloader --boot-drive=sdb\n');
  assert.deepEqual(two.filter((f) => f.code === 'disk-not-selected').map((f) => `${lineOf(f)}:${f.range.start.character}`), ['2:29', '4:24']);
});

test('dynamic partitioning from a %pre-generated %include', () => {
  const fs = check(corpus('06-dynamic-part-include.ks'));
  const d = fs.find((f) => f.code === 'dynamic-partitioning')!;
  assert.ok(d, `got ${codes(fs)}`);
  assert.equal(lineOf(d), 7);
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /line 11/);
  assert.match(d.message, /every disk/);
  // A static include from the install tree is not dynamic.
  assert.ok(!check(corpus('60-include-storage.ks')).some((f) => f.code === 'dynamic-partitioning'));
  // Generated, but with ignoredisk --only-use in the generated text: info only.
  const scoped = check('%include /tmp/p\n%pre\necho "ignoredisk --only-use=sda" > /tmp/p\necho "clearpart --all" >> /tmp/p\n%end\n');
  assert.equal(scoped.find((f) => f.code === 'dynamic-partitioning')?.severity, 'info');
});

test('no storage commands: interactive storage, a warning in cmdline mode', () => {
  const fs = check(corpus('13-interactive-storage.ks'));
  assert.deepEqual(codes(fs), ['interactive-storage']);
  assert.equal(fs[0].severity, 'info');
  const cl = check(corpus('59-cmdline-no-storage.ks'));
  assert.equal(cl[0].code, 'interactive-storage');
  assert.equal(cl[0].severity, 'warning');
  assert.equal(lineOf(cl[0]), 2);
  // A fragment with no install commands says nothing.
  assert.deepEqual(codes(check('network --bootproto=dhcp\n')), []);
});

test('an exit inside a pipeline is flagged as not stopping the %pre', () => {
  const fs = check('clearpart --all --drives=sda\nautopart\n%pre --erroronfail\nlsblk -dno NAME | while read d; do\n  blkid /dev/$d && exit 1\ndone\n%end\n');
  const f = fs.find((x) => x.code === 'ineffective-pre-guard')!;
  assert.equal(lineOf(f), 5);
  assert.match(f.message, /subshell/);
});

test('every safety code has a rule doc', () => {
  for (const code of ['unguarded-clearpart', 'unscoped-zerombr', 'ineffective-pre-guard', 'weak-clearpart-scope', 'empty-drive-list', 'clearpart-redefined', 'clearpart-type-conflict', 'disk-not-selected', 'dynamic-partitioning', 'interactive-storage']) {
    const d = ruleDoc(code);
    assert.ok(d, code);
    assert.ok(d.title && d.why && d.fix && d.languages.includes('kickstart'));
  }
});

test('CRLF files get CRLF fixes', () => {
  const text = 'zerombr\r\nclearpart --all\r\npart / --ondisk=vda --size=100\r\n';
  const fs = check(text);
  const cp = fs.find((f) => f.code === 'unguarded-clearpart')!;
  const out = apply(text, cp.fixes![0].edits);
  assert.equal(out, 'zerombr\r\nignoredisk --only-use=vda\r\nclearpart --all\r\npart / --ondisk=vda --size=100\r\n');
  const g = apply(text, cp.fixes![1].edits);
  assert.ok(!/[^\r]\n/.test(g), 'all line ends are CRLF');
});

test('samples/kickstart: each sample reports what its header says', () => {
  const run = (name: string): string[] => {
    const s = subject(readFileSync(join(root, 'samples/kickstart', name), 'utf8'));
    try {
      return [...safetyFindings(s.model, s.doc, {}), ...storageFindings(s.model, s.doc, {})].map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
    } finally {
      s.dispose();
    }
  };
  assert.deepEqual(run('incident-pxe-default.ks'), ['unguarded-clearpart@12', 'unscoped-zerombr@11']);
  assert.deepEqual(run('guarded-raid10-lvm.ks'), []);
  assert.deepEqual(run('dynamic-part-include.ks'), ['dynamic-partitioning@9']);
  assert.deepEqual(run('storage-mistakes.ks'), [
    'disk-not-selected@15',
    'duplicate-mountpoint@19',
    'raid-too-few-members@16',
    'undefined-raid-member@16',
    'undefined-thinpool@21',
    'undefined-volgroup@22',
    'unused-pv@15',
  ]);
});

test('only the canonical option counts as a scope: a misspelled --onlyuse or --on-disk guards nothing', () => {
  // pykickstart rejects `--onlyuse` (unknown option), so it limits nothing: the clearpart is unguarded.
  assert.ok(codes(check('ignoredisk --onlyuse=sda\nclearpart --all\n')).includes('unguarded-clearpart'));
  // A unique prefix is the real option: scoped.
  assert.ok(!codes(check('ignoredisk --only=sda\nclearpart --all\n')).includes('unguarded-clearpart'));
  // --ondrive is an alias of --ondisk: the disk outside the --only-use list is caught.
  const fs = check('ignoredisk --only-use=sda\nclearpart --all --drives=sda\npart / --size=1 --ondrive=sdb\n');
  assert.deepEqual(fs.filter((f) => f.code === 'disk-not-selected').map(lineOf), [3]);
  // A misspelled option is not read as --ondisk at all.
  assert.deepEqual(check('ignoredisk --only-use=sda\nclearpart --all --drives=sda\npart / --size=1 --on-disk=sdb\n').filter((f) => f.code === 'disk-not-selected'), []);
});

test('an exit before a %pre writes the file the kickstart %includes stops the install without --erroronfail', () => {
  // johnsimcall/storage-install ks/RHDATA.ks (RHEL 7): the %pre exits 1 unless it finds two SSDs,
  // before it writes /tmp/part-include; Anaconda then cannot open the %include and stops.
  const real = readFileSync(join(root, 'test/fixtures/kickstart/real/RHEL7/johnsimcall-RHDATA.ks'), 'utf8');
  const fs = check(real);
  assert.ok(!fs.some((f) => f.code === 'ineffective-pre-guard'));
  assert.ok(fs.some((f) => f.code === 'unguarded-pre-wipe'));
  const stops = '%include /tmp/part.ks\n%pre\nif [ -z "$(ls /dev/sd?)" ]; then exit 1; fi\necho "clearpart --all --drives=sda" > /tmp/part.ks\n%end\n';
  assert.ok(!check(stops).some((f) => f.code === 'ineffective-pre-guard'));
  // The exit after the write, or a file nobody includes: the install goes on.
  const after = '%include /tmp/part.ks\n%pre\necho "clearpart --all --drives=sda" > /tmp/part.ks\nif vgs | grep -q .; then exit 1; fi\n%end\n';
  assert.ok(check(after).some((f) => f.code === 'ineffective-pre-guard'));
  const other = '%include /tmp/part.ks\n%pre\nif vgs | grep -q .; then exit 1; fi\necho "clearpart --all --drives=sda" > /tmp/other.ks\n%end\n';
  assert.ok(check(other).some((f) => f.code === 'ineffective-pre-guard'));
  // Another %pre writes the file too: this one's exit leaves it written.
  const two = '%include /tmp/part.ks\n%pre\nif vgs | grep -q .; then exit 1; fi\necho "clearpart --all --drives=sda" > /tmp/part.ks\n%end\n%pre\necho "zerombr" >> /tmp/part.ks\n%end\n';
  assert.ok(check(two).some((f) => f.code === 'ineffective-pre-guard'));
});
