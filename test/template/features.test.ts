// Editor features and pictures of templates: semantic colours (tags as template tags, the language
// around them as usual), outline and folding on the template's own lines, and the storage plan
// with branch-dependent parts marked.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { HANDLERS } from '../../server/src/languages';
import { semanticTokens, TOKEN_TYPES } from '../../server/src/features/tokens';
import { pictureOf, render } from '../../server/src/map';
import { loadAll } from '../../server/src/syntax/treesitter';

before(async () => {
  await loadAll();
});

const root = join(__dirname, '..', '..', '..', '..');
const TEXT = 'lang en_US\n{% if raid -%}\npart raid.01 --size={{ size }} --ondisk=sda\npart raid.02 --size={{ size }} --ondisk=sdb\nraid / --level=1 --device=md0 raid.01 raid.02\n{% else %}\npart / --size=1 --grow --ondisk=sda\n{% endif %}\n{# a comment #}\nclearpart --all --drives=sda,sdb\n%packages\n@core\n%end\n';

function decode(data: number[]): { line: number; char: number; length: number; type: string }[] {
  const out: { line: number; char: number; length: number; type: string }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push({ line, char, length: data[i + 2], type: TOKEN_TYPES[data[i + 3]] });
  }
  return out;
}

test('semantic tokens: template tags are macros and comments, kickstart words keep their colours', () => {
  const doc = new ParsedDocument('file:///x/ks.cfg.j2', 'kickstart', TEXT);
  const toks = decode(semanticTokens(doc).data);
  const at = (line: number, char: number) => toks.find((t) => t.line === line && t.char === char);
  assert.equal(at(1, 0)?.type, 'macro', '{% if raid -%}');
  assert.equal(at(2, 20)?.type, 'macro', '{{ size }}');
  assert.equal(at(8, 0)?.type, 'comment', '{# a comment #}');
  assert.ok(toks.some((t) => t.line === 9 && t.char === 0 && t.type !== 'macro'), 'clearpart coloured as kickstart');
  // No language token overlaps a tag.
  const tags = toks.filter((t) => t.type === 'macro');
  for (const t of toks) if (t.type !== 'macro') assert.ok(!tags.some((g) => g.line === t.line && t.char < g.char + g.length && g.char < t.char + t.length));
  doc.dispose();
});

test('outline and folding are on the template\'s own lines', () => {
  const doc = new ParsedDocument('file:///x/ks.cfg.j2', 'kickstart', TEXT);
  const syms = HANDLERS.kickstart.symbols(doc);
  const flat = syms.flatMap((s) => [s, ...(s.children ?? [])]);
  assert.equal(flat.find((s) => s.name === 'clearpart')?.range.start.line, 9);
  assert.equal(flat.find((s) => s.name === '%packages')?.range.start.line, 10);
  const folds = HANDLERS.kickstart.folding(doc);
  assert.ok(folds.some((f) => f.startLine === 1 && f.endLine === 7), JSON.stringify(folds));
  doc.dispose();
});

test('storage plan: branch-dependent parts say when they are there, values as written', () => {
  const doc = new ParsedDocument('file:///x/ks.cfg.j2', 'kickstart', TEXT);
  const p = pictureOf(doc);
  assert.ok(!('error' in p) && p.kind === 'storage-plan');
  const text = render(p, 'text');
  assert.match(text, /Jinja2 template/);
  assert.match(text, /only when `\{% if raid %\}` \(line 2\)/);
  assert.match(text, /only when `\{% else %\}` \(line 6\)/);
  assert.match(render(p, 'svg'), /class="part branch"|class="member branch"/);
  doc.dispose();
  const erb = join(root, 'test/fixtures/templates/kickstart/foreman-partition_tables_templates-kickstart_custom.erb');
  const d2 = new ParsedDocument(erb, 'kickstart', readFileSync(erb, 'utf8'));
  assert.match(render(pictureOf(d2) as never, 'text'), /disk <%= dev %>/);
  d2.dispose();
});

test('the template rules are documented', () => {
  const doc = readFileSync(join(root, 'docs/rules/templates.md'), 'utf8');
  for (const code of ['template-syntax', 'template-unknown-content']) assert.match(doc, new RegExp(`### \`${code}\``));
});

test('hover: a template tag says what it is; kickstart words are explained as usual', () => {
  const doc = new ParsedDocument('file:///x/ks.cfg.j2', 'kickstart', TEXT);
  const h = HANDLERS.kickstart.hover!(doc, { line: 2, character: 24 }, {});
  assert.match(h!.contents, /Jinja2 expression/);
  const k = HANDLERS.kickstart.hover!(doc, { line: 9, character: 3 }, {});
  assert.ok(k && /clearpart/i.test(k.contents) && !/Jinja2/.test(k.contents));
  doc.dispose();
});
