// Hover, completion, formatting, symbols, folding and quick fixes of lvm.conf.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from '../../server/src/core/types';
import { lvmConfHandler } from '../../server/src/lvmconf';
import { checkRegex, parseFilterEntry } from '../../server/src/lvmconf/filter';
import { validateLvmConfDoc } from '../../server/src/lvmconf/bench';
import { doc, root, setup } from './helpers';

before(setup);

function apply(text: string, edits: TextEdit[], d = doc(text)): string {
  const offs = edits.map((e) => [d.lines.offsetAt(e.range.start), d.lines.offsetAt(e.range.end), e.newText] as const).sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [a, b, t] of offs) out = out.slice(0, a) + t + out.slice(b);
  return out;
}

test('hover shows type, default, description, and the safety explanation', () => {
  const text = 'backup {\n\tretain_min = 3\n}\nbackup/retain_days = 0\n';
  const d = doc(text);
  const h = lvmConfHandler.hover!(d, { line: 1, character: 3 }, {})!;
  assert.match(h.contents, /backup\/retain_min/);
  assert.match(h.contents, /integer/);
  assert.match(h.contents, /Default: `10`/);
  assert.match(h.contents, /minimums/);
  const flat = lvmConfHandler.hover!(d, { line: 3, character: 10 }, {})!;
  assert.match(flat.contents, /retain_days/);
  const sec = lvmConfHandler.hover!(d, { line: 3, character: 2 }, {})!;
  assert.match(sec.contents, /section/);
  const thin = lvmConfHandler.hover!(doc('global {\n\tthin_check_executable = ""\n}\n'), { line: 1, character: 4 }, {})!;
  assert.match(thin.contents, /thin-provisioning-tools/);
  assert.match(thin.contents, /2\.02\.178/);
});

test('completion: sections at top, only the current section inside, values after =', () => {
  const top = lvmConfHandler.completion!(doc('\n'), { line: 0, character: 0 }, {});
  assert.ok(top.some((c) => c.label === 'backup' && c.kind === 'module'));
  assert.ok(top.some((c) => c.kind === 'snippet'));
  const inside = lvmConfHandler.completion!(doc('backup {\n\tre\n}\n'), { line: 1, character: 3 }, {});
  const labels = inside.map((c) => c.label);
  assert.ok(labels.includes('retain_min') && labels.includes('archive_dir'));
  assert.ok(!labels.includes('units'), 'settings of other sections are not offered');
  const vals = lvmConfHandler.completion!(doc('activation {\n\traid_fault_policy = \n}\n'), { line: 1, character: 21 }, {});
  assert.deepEqual(vals.map((v) => v.label), ['warn', 'allocate']);
  const bools = lvmConfHandler.completion!(doc('backup {\n\tarchive = \n}\n'), { line: 1, character: 11 }, {});
  assert.deepEqual(bools.map((v) => v.label), ['1', '0']);
  const old = lvmConfHandler.completion!(doc('devices {\n\t\n}\n'), { line: 1, character: 1 }, { target: '2.03.11' });
  assert.ok(!old.some((c) => c.label === 'use_devicesfile'), 'newer than the target');
});

test('formatting: canonical indentation, comments kept, idempotent', () => {
  const text = 'backup {\n  # keep 100\n      retain_min = 100   \nretain_days = 0\n   }\ndevices {\nfilter = [\n"a|^/dev/sda$|",\n  "r|.*|"\n]\n}\n';
  const d = doc(text);
  const once = apply(text, lvmConfHandler.format!(d, { tabSize: 4, insertSpaces: false }), d);
  assert.equal(once, 'backup {\n\t# keep 100\n\tretain_min = 100\n\tretain_days = 0\n}\ndevices {\n\tfilter = [\n\t\t"a|^/dev/sda$|",\n\t\t"r|.*|"\n\t]\n}\n');
  assert.deepEqual(lvmConfHandler.format!(doc(once), { tabSize: 4, insertSpaces: false }), []);
});

test('symbols and folding', () => {
  const text = 'backup {\n\tretain_min = 100\n\tretain_days = 0\n}\nglobal/units = "h"\n';
  const d = doc(text);
  const sy = lvmConfHandler.symbols(d);
  assert.equal(sy[0].name, 'backup');
  assert.deepEqual(sy[0].children!.map((c) => c.name), ['retain_min', 'retain_days']);
  assert.equal(sy[1].name, 'global/units');
  assert.ok(lvmConfHandler.folding(d).some((f) => f.startLine === 0 && f.endLine >= 2));
});

test('quick fixes apply: typo, retain_min, deprecated key, suppression', () => {
  const text = 'backup {\n\tretain_dayz = 3\n\tretain_min = 0\n\tretain_days = 0\n}\nactivation {\n\tmirror_device_fault_policy = "remove"\n}\n';
  const d = doc(text);
  const fs = lvmConfHandler.analyze(d, {});
  const typo = fs.find((f) => f.code === 'unknown-setting')!;
  assert.match(apply(text, typo.fixes![0].edits), /\tretain_days = 3\n/);
  const ret = fs.find((f) => f.code === 'unsafe-retention')!;
  assert.match(apply(text, ret.fixes![0].edits), /retain_min = 100/);
  const dep = fs.find((f) => f.code === 'deprecated-setting')!;
  const fixed = apply(text, dep.fixes![0].edits);
  assert.match(fixed, /mirror_image_fault_policy = "remove"/);
  assert.deepEqual(lvmConfHandler.analyze(doc(fixed), {}).filter((f) => f.code === 'deprecated-setting'), []);
  const sup = typo.fixes!.find((f) => /Suppress/.test(f.title))!;
  const suppressed = apply(text, sup.edits);
  assert.match(suppressed, /\t# blockwise-disable-next-line unknown-setting\n\tretain_dayz/);
});

test('filter dialect matches what lvm2 2.03.16 compiles (measured with pvs)', () => {
  const valid = ['.*', 'x{2}', '\\d', 'abc|d', 'a**', '[^a]', 'a|b', ')', 'x??', '^^', '$a', '[[:alpha:]]', '}', ']', '[]a]', '(x)*', '^*', '.+', '(x))', '[z-a]', '\\\\', 'x)'];
  const invalid = ['(ab', '[a-', '', '+', '?', '(', '\\', '()', '(|)', 'x||y', '|x', '*', 'x|*', ')abc', 'x(', '[a', '[a-]', 'x|+', '(x|)', 'x['];
  for (const r of valid) assert.equal(checkRegex(r), undefined, `valid: ${r}`);
  for (const r of invalid) assert.notEqual(checkRegex(r), undefined, `invalid: ${r}`);
  for (const e of ['a(abc)', 'a{b}', 'a[b]', 'a/b/', 'a|abc|d|', 'r"x"']) assert.ok(!('message' in parseFilterEntry(e)), e);
  for (const e of ['x|abc|', 'a|abc', 'A|x|', ' a|x|']) assert.ok('message' in parseFilterEntry(e), e);
});

test("Debian's lvm.conf validates (bench entry)", () => {
  const d = doc(readFileSync(join(root, 'samples/lvm/lvm.conf'), 'utf8'));
  const fs = validateLvmConfDoc(d);
  assert.deepEqual(fs.filter((f) => f.severity === 'error'), []);
});
