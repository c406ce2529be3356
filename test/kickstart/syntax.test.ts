// Kickstart grammar, model and syntax rules on real text (fixtures and strings).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import type { Finding } from '../../server/src/core/types';
import { analyzeDocument } from '../../server/src/analyze';
import { loadAll } from '../../server/src/syntax/treesitter';
import { buildModel, unquote } from '../../server/src/kickstart/model';
import { kickstartHandler } from '../../server/src/kickstart';

const root = join(__dirname, '..', '..', '..', '..');
const fixture = (n: string) => readFileSync(join(root, 'test/fixtures/kickstart/syntax', n), 'utf8');

before(async () => {
  await loadAll();
});

function check(text: string, target?: string): Finding[] {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', text);
  try {
    return analyzeDocument(doc, { target });
  } finally {
    doc.dispose();
  }
}
const codesAt = (fs: Finding[], line: number) => fs.filter((f) => f.range.start.line === line).map((f) => f.code);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

test('shlex unquoting follows Python shlex (posix)', () => {
  assert.equal(unquote('--label="a b"').text, '--label=a b');
  assert.equal(unquote("'x\\y'").text, 'x\\y');
  assert.equal(unquote('"a\\"b\\\\c\\d"').text, 'a"b\\c\\d');
  assert.equal(unquote('a\\ b').text, 'a b');
  assert.equal(unquote('"open').unterminated, true);
  assert.equal(unquote('end\\').trailingBackslash, true);
});

test('the model reads commands, aliases, abbreviations, values and sections', () => {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', 'partition / --fstype xfs --size=10240 --ondrive=sda\nclearpart --al --drives="sda,sdb" # wipe\n%pre --interp /usr/bin/python3\nprint(1)\n%end\n%include /tmp/part.ks\n');
  try {
    const m = buildModel(doc, { target: 'rhel9' });
    assert.equal(m.target, 'rhel9');
    assert.equal(m.targetSource, 'setting');
    const part = m.byName.get('part')![0];
    assert.equal(part.written, 'partition');
    assert.deepEqual(part.options.map((o) => [o.name, o.value]), [['fstype', 'xfs'], ['size', '10240'], ['ondisk', 'sda']]);
    assert.equal(part.args[0].text, '/');
    const cp = m.byName.get('clearpart')![0];
    assert.deepEqual(cp.options.map((o) => [o.name, o.abbreviated, o.value]), [['all', true, undefined], ['drives', false, 'sda,sdb']]);
    assert.equal(doc.text.slice(doc.lines.offsetAt(cp.options[1].valueRange!.start), doc.lines.offsetAt(cp.options[1].valueRange!.end)), '"sda,sdb"');
    assert.equal(m.sections[0].kind, 'pre');
    assert.equal(m.sections[0].interpreter, '/usr/bin/python3');
    assert.equal(doc.text.slice(m.sections[0].bodyStart, m.sections[0].bodyEnd), 'print(1)\n');
    assert.deepEqual(m.includes.map((i) => [i.kind, i.path]), [['include', '/tmp/part.ks']]);
    // The model is cached per document version.
    assert.equal(buildModel(doc, { target: 'rhel9' }), m);
  } finally {
    doc.dispose();
  }
});

test('target comes from the setting, then #version=, then evidence, then the default (the newest RHEL)', () => {
  for (const [text, target, want, source] of [
    ['#version=RHEL8\nzerombr\n', 'f45', 'f45', 'setting'],
    ['#version=RHEL8\nzerombr\n', undefined, 'rhel8', 'version-line'],
    ['#version=DEVEL\nzerombr\n', undefined, 'rhel10', 'default'],
    ['#version=DEVEL\nzerombr\nurl --url=https://dl.fedoraproject.org/pub/fedora/linux/releases/39/Everything/x86_64/os/\n', undefined, 'f39', 'evidence'],
    ['#version=OL8\nzerombr\n', undefined, 'rhel8', 'version-line'],
    ['#version=F40\nzerombr\n', undefined, 'f40', 'version-line'],
    ['zerombr\n', 'RHEL10', 'rhel10', 'setting'],
    ['zerombr\n', undefined, 'rhel10', 'default'],
  ] as const) {
    const doc = new ParsedDocument('file:///t.ks', 'kickstart', text);
    const m = buildModel(doc, { target });
    assert.equal(m.target, want, text);
    assert.equal(m.targetSource, source, text);
    doc.dispose();
  }
});

test('a clean RHEL 9 kickstart has no syntax or version finding', () => {
  const fs = check(fixture('clean-rhel9.ks'));
  const syntaxish = fs.filter((f) => !['unguarded-clearpart', 'unscoped-zerombr'].includes(f.code) && f.severity !== 'info');
  assert.deepEqual(syntaxish.map((f) => `${f.range.start.line + 1}:${f.code}`), []);
});

test('every mistake in the fixture is reported on its line with the right code', () => {
  const fs = check(fixture('mistakes.ks'));
  const at = (l: number) => codesAt(fs, l - 1);
  assert.ok(at(3).includes('unknown-command'), 'keybaord');
  assert.equal(fs.find((f) => f.code === 'unknown-command')!.fixes![0].edits[0].newText, 'keyboard');
  assert.ok(at(6).includes('abbreviated-option'), '--al');
  assert.ok(at(6).includes('unknown-option'), '--drivs');
  assert.equal(fs.find((f) => f.code === 'unknown-option' && f.range.start.line === 5)!.fixes![0].edits[0].newText, '--drives');
  assert.ok(at(7).includes('invalid-int'), '--size=1G');
  assert.equal(fs.find((f) => f.code === 'invalid-int')!.fixes![0].edits[0].newText, '1024');
  assert.ok(at(8).includes('unexpected-argument'), 'extra');
  assert.ok(at(9).includes('missing-required-option'), 'raid without --level');
  assert.ok(at(10).includes('option-conflict'), '--size with --percent');
  assert.ok(at(11).includes('invalid-value'), 'mbrr');
  assert.ok(at(12).includes('line-continuation'), 'trailing backslash');
  assert.ok(at(13).includes('unknown-command'), '--device=eth0 read as a command');
  assert.ok(at(14).includes('stray-end'));
  // One finding for the one mistake: at the %post where pykickstart notices, pointing back to the open %pre.
  const me = fs.filter((f) => f.code === 'missing-end');
  assert.equal(me.length, 1);
  assert.ok(at(17).includes('missing-end'), 'noticed at %post');
  assert.equal(me[0].related![0].range.start.line, 14, '%pre not closed');
  const fix = fs.find((f) => f.code === 'missing-end')!.fixes![0];
  assert.equal(fix.edits[0].newText, '%end\n');
  assert.equal(fix.edits[0].range.start.line, 16);
  assert.ok(at(20).includes('unknown-section'));
});

test('an unknown section is one finding: its body is not read as commands, its %end is not stray', () => {
  // A real-shaped mistake: the %post of a RHEL 9 kickstart typed as %postinstall, with a shell body
  // whose lines are not kickstart commands and a quote pykickstart's shlex could not close.
  const text = [
    '#version=RHEL9',
    'text',
    'lang en_US.UTF-8',
    'keyboard us',
    'timezone UTC --utc',
    'rootpw --lock',
    'ignoredisk --only-use=sda',
    'clearpart --all --drives=sda',
    'autopart',
    '%postinstall --log=/root/ks-post.log',
    'systemctl enable sshd',
    "echo \"it's done\" > /root/ks-done",
    'sed -i \'s/^#PermitRootLogin.*/PermitRootLogin no/\' /etc/ssh/sshd_config',
    '%end',
    'reboot',
    '',
  ].join('\n');
  const fs = errors(check(text));
  assert.deepEqual(fs.map((f) => `${f.range.start.line + 1}:${f.code}`), ['10:unknown-section']);
  assert.match(fs[0].message, /Did you mean %post\?/);
  assert.equal(fs[0].fixes![0].edits[0].newText, '%post');
  // Commands after its %end are read again.
  assert.deepEqual(codesAt(check(text.replace('reboot', 'rebot')), 14), ['unknown-command']);
  // The corpus file with the same mistake: one error.
  const corpusFile = readFileSync(join(root, 'test/fixtures/kickstart/corpus/20-unknown-section.ks'), 'utf8');
  assert.deepEqual(errors(check(corpusFile)).map((f) => f.code), ['unknown-section']);
  // A known section that starts what was written wins over edit distance; otherwise the nearest.
  for (const [written, want] of [['%postinstall', '%post'], ['%pre-installer', '%pre-install'], ['%packagesx', '%packages'], ['%packags', '%packages'], ['%prex', '%pre']] as const) {
    const f = check(`${written}\nx\n%end\n`).find((x) => x.code === 'unknown-section')!;
    assert.ok(f.message.endsWith(`Did you mean ${want}?`), `${written}: ${f.message}`);
  }
  // Without %end, the unknown section runs to the next real section.
  assert.deepEqual(errors(check('%postinstall\nfoo bar\n%post\necho ok\n%end\n')).map((f) => f.code), ['unknown-section']);
  // A stray %end is still reported on its own.
  assert.deepEqual(errors(check('autopart\n%end\n')).map((f) => f.code), ['stray-end']);
});

test('a %pre left open before %packages is one missing-end, where pykickstart notices it', () => {
  const fs = errors(check('#version=RHEL9\nautopart\n%pre\nvgs\n%packages\n@^minimal-environment\n%end\n'));
  assert.deepEqual(fs.map((f) => `${f.range.start.line + 1}:${f.code}`), ['5:missing-end']);
  assert.match(fs[0].message, /^%pre \(line 3\) is still open here: add %end before %packages/);
  assert.equal(fs[0].related![0].range.start.line, 2);
  assert.equal(fs[0].fixes![0].edits[0].range.start.line, 4);
  // Left open at the end of the file: one finding on the section.
  assert.deepEqual(errors(check('autopart\n%post\necho hi\n')).map((f) => `${f.range.start.line + 1}:${f.code}`), ['2:missing-end']);
});

test('quotes, comments and hashes are read as pykickstart reads them', () => {
  const fs = check('part / --size=1024 --label=root#1 --bogus\nrootpw "unclosed\n');
  // An unquoted # inside a word starts a comment: --bogus is never seen by pykickstart.
  assert.deepEqual(codesAt(fs, 0).filter((c) => c !== 'abbreviated-option' && c !== 'no-swap'), []);
  assert.deepEqual(codesAt(fs, 1), ['unterminated-quote']);
});

test('options per target: removed, deprecated, not yet available', () => {
  assert.ok(check('ignoredisk --interactive\n', 'rhel9').some((f) => f.code === 'removed-option'));
  assert.ok(check('timesource --ntp-server=ntp.example.com\n', 'rhel8').some((f) => f.code === 'version-unsupported'));
  assert.ok(!check('timesource --ntp-server=ntp.example.com\n', 'rhel9').some((f) => f.severity === 'error'));
  assert.ok(check('part / --size=1 --hw-passphrase=x\n', 'rhel9').some((f) => f.code === 'version-unsupported'));
  assert.ok(check('%packages --instLangs=en\n%end\n', 'rhel10').some((f) => f.code === 'unknown-option' || f.code === 'version-unsupported' || f.code === 'removed-option'));
  assert.ok(check('%packages --instLangs=en\n%end\n', 'rhel9').some((f) => f.code === 'deprecated-option' && f.severity === 'warning'));
  assert.deepEqual(errors(check('%packages --instLangs=en\n%end\n', 'rhel8')).map((f) => f.code), []);
  // An ambiguous prefix is an error; a unique one is info.
  assert.ok(check('part / --size=1 --p=x\n').some((f) => f.code === 'unknown-option' && /ambiguous/.test(f.message)));
});

test('conflicting commands and CRLF', () => {
  const fs = check('autopart\npart / --size=100\n');
  assert.deepEqual(fs.filter((f) => f.code === 'conflicting-commands').map((f) => f.range.start.line), [1]);
  const crlf = check('text\r\n%post\r\necho hi\r\n%end\r\n');
  assert.deepEqual(crlf.filter((f) => f.code === 'crlf-line-endings').map((f) => f.severity), ['warning']);
  assert.deepEqual(errors(crlf), []);
});

test('hover and completion read the target tables', () => {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', '#version=RHEL9\nclearpart --all --drives=sda\nbootloader --location=\nclearpart --all \n\n');
  try {
    const h = kickstartHandler.hover!(doc, { line: 1, character: 3 }, {})!;
    assert.match(h.contents, /\*\*clearpart\*\*/);
    assert.match(h.contents, /RHEL 9/);
    const ho = kickstartHandler.hover!(doc, { line: 1, character: 18 }, {})!;
    assert.match(ho.contents, /--drives/);
    assert.match(ho.contents, /comma-separated list/);
    const start = kickstartHandler.completion!(doc, { line: 4, character: 0 }, {}).map((c) => c.label);
    assert.ok(start.includes('clearpart') && start.includes('%post') && start.includes('timesource'));
    assert.ok(!start.includes('install'), 'removed on RHEL 9');
    const vals = kickstartHandler.completion!(doc, { line: 2, character: 22 }, {}).map((c) => c.label);
    assert.deepEqual(vals.sort(), ['boot', 'mbr', 'none', 'partition']);
    const opts = kickstartHandler.completion!(doc, { line: 3, character: 16 }, {}).map((c) => c.label);
    assert.ok(opts.includes('--initlabel') && !opts.includes('--all'));
    assert.deepEqual(kickstartHandler.folding(doc), []);
  } finally {
    doc.dispose();
  }
});

test('outline and folding cover sections', () => {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', fixture('clean-rhel9.ks'));
  try {
    const f = kickstartHandler.folding(doc);
    assert.deepEqual(f.map((r) => [r.startLine, r.endLine]), [[17, 20], [22, 24]]);
    const names = kickstartHandler.symbols(doc, {}).map((s) => s.name);
    assert.ok(names.includes('commands') && names.includes('%packages') && names.includes('%post'));
  } finally {
    doc.dispose();
  }
});

test('release-bound section and logvol checks: RHEL 6 closes a section at the next header, takes --size with --percent, and ignores words on a section header', () => {
  const real = (f: string) => readFileSync(join(root, 'test/fixtures/kickstart/real', f), 'utf8');
  // fubralimited/CentOS-KVM-Image-Tools: CentOS 6 hypervisor kickstart, %packages and %post without
  // %end, `logvol ... --size=1 --grow --percent=50` (RHEL 6 asks --percent to come with --size and --grow).
  const hv = real('RHEL6/fubralimited-centos6x-hypervisor-mbr-selinux.cfg');
  const fs6 = check(hv, 'rhel6');
  assert.deepEqual(errors(fs6).map((f) => `${f.range.start.line + 1} ${f.code}`), []);
  assert.deepEqual(codesAt(fs6, 127), []);
  assert.equal(fs6.find((f) => f.code === 'missing-end')?.severity, 'warning');
  assert.deepEqual(fs6.filter((f) => f.code === 'unexpected-argument').map((f) => [f.range.start.line + 1, f.severity]), [[132, 'warning']]);
  // The same lines from Fedora 21 / RHEL 7 on (--size with --percent) and from Fedora 24 / RHEL 8 on (the header word).
  const mini = 'part /boot --size=1024\npart pv.01 --size=1 --grow\nvolgroup vg pv.01\nlogvol / --vgname=vg --name=root --size=1 --grow --percent=50\n%packages –nobase\n@core\n%end\n';
  const conflicts = (fs: Finding[]) => fs.filter((f) => f.code === 'option-conflict').map((f) => f.range.start.line + 1);
  assert.deepEqual(conflicts(check(mini, 'rhel6')), []);
  assert.deepEqual(conflicts(check(mini, 'f20')), []);
  assert.deepEqual(conflicts(check(mini, 'rhel7')), [4]);
  assert.deepEqual(conflicts(check(mini, 'f21')), [4]);
  assert.deepEqual(errors(check(mini, 'rhel7')).map((f) => f.code), ['option-conflict']);
  assert.deepEqual(errors(check(mini, 'rhel9')).map((f) => f.code).sort(), ['option-conflict', 'unexpected-argument']);
  assert.deepEqual(errors(check('%post foo\necho\n%end\n', 'f40')).map((f) => f.code), ['unexpected-argument']);
  // %addon takes its name as a word.
  assert.deepEqual(check('%addon com_redhat_kdump --enable\n%end\n', 'rhel9').filter((f) => f.code === 'unexpected-argument'), []);
  // A section left open: an error from Fedora 14 on, still closed quietly by RHEL 6's installer.
  const open = '%pre\necho\n%packages\n@core\n%end\n';
  assert.equal(check(open, 'f17').find((f) => f.code === 'missing-end')?.severity, 'error');
  assert.equal(check(open, 'rhel7').find((f) => f.code === 'missing-end')?.severity, 'error');
  assert.equal(check(open, 'rhel6').find((f) => f.code === 'missing-end')?.severity, 'warning');
  assert.equal(check('%pre\necho\n', 'rhel6').find((f) => f.code === 'missing-end')?.severity, 'warning');
});
