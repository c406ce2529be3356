// Real public templates (test/fixtures/templates/, sources in SOURCES.md): Foreman ERB provisioning
// and partition-table templates, Cobbler Cheetah, Beaker and Ansible Jinja2, Packer HCL
// templatefile, kickstart-tests `@VAR@`, lvm2's own `.in` files and Ansible/OpenStack lvm.conf.j2.
// Every finding was judged by hand; verdicts.json keeps each with its verdict. The test checks that
// each file is found as its language by the folder walk, and that the findings are exactly the
// judged ones: a new finding (e.g. one caused by template syntax) or a lost one (a literal risk)
// fails it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/analyze';
import { collect } from '../../server/src/checkfiles';
import { loadAll } from '../../server/src/syntax/treesitter';
import type { LanguageId } from '../../server/src/core/types';

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'test/fixtures/templates');
const verdicts = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as Record<string, { language: LanguageId; findings: { code: string; line: number; verdict: string }[] }>;

before(async () => {
  await loadAll();
});

test('the corpus: at least 40 kickstart and 10 lvm.conf templates, every finding judged', () => {
  const files = Object.entries(verdicts);
  assert.ok(files.filter(([, v]) => v.language === 'kickstart').length >= 40);
  assert.ok(files.filter(([, v]) => v.language === 'lvm-conf').length >= 10);
  for (const [, v] of files) for (const f of v.findings) assert.match(f.verdict, /^(real|correct):/, `${f.code} is judged a true finding`);
});

test('a folder walk checks every template, each as its language', () => {
  const got = collect([dir], () => {}, (p) => readFileSync(p, 'utf8').slice(0, 8192));
  for (const [rel, v] of Object.entries(verdicts)) {
    assert.equal(got.languages.get(join(dir, rel)), v.language, rel);
  }
});

for (const [rel, v] of Object.entries(verdicts)) {
  test(`${rel}: exactly the judged findings`, () => {
    const text = readFileSync(join(dir, rel), 'utf8');
    const found = analyzeText(join(dir, rel), v.language, text);
    const got = found.map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
    const want = v.findings.map((f) => `${f.code}@${f.line}`).sort();
    assert.deepEqual(got, want);
    for (const f of found) if (f.code !== 'template-unknown-content') assert.match(f.message, /template: (in every rendering|when )/, 'says where it holds');
  });
}

test('blockwise check on the folder (the bundled CLI): every template checked, the same judged findings', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin/blockwise.js'), 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { path: string; language: string; diagnostics: { code: string; line: number }[] }[];
  assert.equal(out.length, Object.keys(verdicts).length);
  for (const f of out) {
    const rel = f.path.slice(dir.length + 1);
    assert.equal(f.language, verdicts[rel]?.language, rel);
    assert.deepEqual(f.diagnostics.map((d) => `${d.code}@${d.line}`).sort(), verdicts[rel].findings.map((x) => `${x.code}@${x.line}`).sort(), rel);
  }
});
