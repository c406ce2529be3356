// One mistake, one finding: lvm2 stops at its first parse error, so a value the broken line
// swallowed, a field the broken section lost and a `}` only that error unbalanced are not reported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { checkFile } from '../../server/src/cli';
import { loadLanguage } from '../../server/src/syntax/treesitter';

const root = join(__dirname, '..', '..', '..', '..');
before(async () => {
  await loadLanguage('lvm');
});

test('metadata: `segment_count =` with no value is one syntax finding, where lvm2 stops', () => {
  // A real lvm2-written backup with one value removed.
  const ok = readFileSync(join(root, 'test/fixtures/metadata/broken/kinds-ok.vg'), 'utf8');
  const broken = ok.replace(/segment_count = 1\n/, 'segment_count =\n');
  assert.notEqual(broken, ok);
  const r = checkFile('/etc/lvm/backup/vgkinds', new TextEncoder().encode(broken), { language: 'lvm-metadata' })!;
  const errors = r.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => f.code), ['syntax'], JSON.stringify(errors.map((f) => f.message)));
  const line = broken.split('\n').findIndex((l) => /segment1 \{/.test(l) && broken.split('\n').indexOf(l) > broken.indexOf('segment_count =\n') / 1e9);
  assert.ok(errors[0].range.start.line >= 0 && line >= 0);
  assert.match(errors[0].message, /cannot read `\{`/);
});

test('lvm.conf: a stray `}` after the first error is no second finding', () => {
  const text = 'global {\n\tunits = \n}\n}\nbackup {\n\tretain_min = 10\n}\n';
  const r = checkFile('/etc/lvm/lvm.conf', new TextEncoder().encode(text), { language: 'lvm-conf' })!;
  assert.deepEqual(r.findings.filter((f) => f.code === 'syntax').length, 1, JSON.stringify(r.findings.map((f) => f.message)));
});

function check(text: string) {
  return checkFile('/etc/lvm/backup/vg', new TextEncoder().encode(text), { language: 'lvm-metadata' })!.findings;
}

test('needs-thin-tools: one finding per file naming every pool and cache LV', () => {
  // The real lvm2-written vgkinds backup with a second thin pool: still one finding, both named.
  const real = readFileSync(join(root, 'test/fixtures/metadata/backup/vgkinds'), 'utf8');
  assert.equal(check(real).filter((f) => f.code === 'needs-thin-tools').length, 1);
  const data = readFileSync(join(root, 'test/fixtures/metadata/backup/vg.data+1'), 'utf8');
  const f = check(data).filter((x) => x.code === 'needs-thin-tools');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /cache LVs home, cpool_cpool/);
});

test('pe-beyond-device: pe_start + pe_count x extent_size past dev_size is a warning; real files have none', () => {
  const real = readFileSync(join(root, 'test/fixtures/metadata/broken/kinds-ok.vg'), 'utf8');
  assert.deepEqual(check(real).filter((f) => f.code === 'pe-beyond-device'), []);
  const m = /dev_size = (\d+)/.exec(real)!;
  const shrunk = real.replace(m[0], `dev_size = ${Number(m[1]) - 65536}`);
  const f = check(shrunk).filter((x) => x.code === 'pe-beyond-device');
  assert.equal(f.length, 1, JSON.stringify(check(shrunk).map((x) => x.code)));
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /dev_size is \d+ \(\d+ sectors short\)/);
});

test('lvm.conf: nothing past lvm2\'s first parse error is read (a mistake before it is still reported)', () => {
  // `fliter` (line 2) is a mistake of its own; `units =` (line 5) stops lvm2; `foo_bar` and the
  // section `nosuch` come after it, where lvm2 reads nothing.
  const text = 'devices {\n\tfliter = [ "a|.*|" ]\n}\nglobal {\n\tunits = \n}\nactivation {\n\tfoo_bar = 1\n}\nnosuch {\n\tx = 1\n}\n';
  const r = checkFile('/etc/lvm/lvm.conf', new TextEncoder().encode(text), { language: 'lvm-conf' })!;
  const seen = r.findings.map((f) => `${f.code}@${f.range.start.line + 1}`);
  assert.ok(seen.includes('syntax@5') || seen.includes('syntax@6'), seen.join(' '));
  assert.ok(seen.some((s) => s.endsWith('@2') && s.startsWith('unknown-setting')), seen.join(' '));
  assert.deepEqual(r.findings.filter((f) => f.range.start.line >= 6).map((f) => f.code), [], seen.join(' '));
});

test('lvm.conf: a playbook or a saved web page named lvm.conf is one finding that says what it is', () => {
  const yaml = '---\n- hosts: all\n  tasks:\n    - name: configure lvm\n      lineinfile: path=/etc/lvm/lvm.conf regexp=filter line="filter = [ \\"r|.*|\\" ]"\n      apt: name=lvm2 state=present\n';
  const html = '<!DOCTYPE html>\n<html>\n<body>\n<pre>devices {\n  filter = [ "a|sd.*|", "r|.*|" ]\n}\nnosuch = 1\n</pre>\n</body>\n</html>\n';
  for (const [text, kind] of [[yaml, /YAML/], [html, /HTML or XML/]] as const) {
    const r = checkFile('/repo/roles/lvm/files/lvm.conf', new TextEncoder().encode(text), { language: 'lvm-conf' })!;
    assert.deepEqual(r.findings.map((f) => f.code), ['syntax'], JSON.stringify(r.findings.map((f) => f.message)));
    assert.match(r.findings[0].message, /does not read as an lvm\.conf/);
    assert.match(r.findings[0].message, kind);
    assert.equal(r.findings[0].fixes, undefined);
  }
});

test('a damaged file (a NUL byte) is one finding, whatever the language', () => {
  const conf = 'devices {\n\tfilter = [ "a|.*|" ]\n}\n\u0000\u0001\u0002 garbage = =\nnosuch {\n}\n';
  const ks = 'part / --size=1\n\u0000\u0001garbage\nclearpart --all\nfoo bar\n';
  for (const [text, language] of [[conf, 'lvm-conf'], [ks, 'kickstart']] as const) {
    const r = checkFile(language === 'kickstart' ? '/repo/ks.cfg' : '/etc/lvm/lvm.conf', new TextEncoder().encode(text), { language })!;
    assert.deepEqual(r.findings.map((f) => `${f.code}@${f.range.start.line + 1}`), [language === 'kickstart' ? 'binary-content@2' : 'binary-content@4']);
  }
  // Turned off, the file is analysed as it reads.
  const r = checkFile('/repo/ks.cfg', new TextEncoder().encode(ks), { language: 'kickstart', severities: { 'binary-content': 'off' } })!;
  assert.ok(r.findings.some((f) => f.code === 'unknown-command'));
});
