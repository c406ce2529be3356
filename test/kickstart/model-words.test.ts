// The model reads the words of a line from the document text by offsets (no web-tree-sitter call
// per word). This checks that those words are exactly the grammar's word nodes (command_name,
// section_name, directive, word, option) on the corpus, the samples, the bench file and random
// lines full of quotes, backslashes, comments, CR and odd whitespace.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { buildModel } from '../../server/src/kickstart/model';
import { loadAll } from '../../server/src/syntax/treesitter';
import { generateKickstart } from './bench-kickstart';

const root = join(__dirname, '..', '..', '..', '..');
const WORDS = new Set(['command_name', 'section_name', 'directive', 'word', 'option']);

before(async () => {
  await loadAll();
});

/** [start, end) of every word node in the tree, in order. */
function treeWords(doc: ParsedDocument): string[] {
  const out: string[] = [];
  const c = doc.tree.walk();
  const visit = (): void => {
    if (WORDS.has(c.nodeType)) out.push(`${c.startIndex}-${c.endIndex}`);
    if (c.gotoFirstChild()) {
      do visit();
      while (c.gotoNextSibling());
      c.gotoParent();
    }
  };
  visit();
  c.delete();
  return out;
}

function modelWords(doc: ParsedDocument): string[] {
  const m = buildModel(doc, {});
  const lines = [...m.commands, ...m.percentLines, ...m.sections.map((s) => s.header)];
  const out: { start: number; end: number }[] = [];
  for (const l of lines) for (const w of l.words) out.push(w);
  // Includes are kept as paths only; their words come from the same reader.
  out.sort((a, b) => a.start - b.start);
  // Every word's range must agree with its offsets.
  for (const l of lines) {
    for (const w of l.words) {
      assert.equal(doc.lines.offsetAt(w.range.start), w.start);
      assert.equal(doc.lines.offsetAt(w.range.end), w.end);
    }
  }
  return out.map((w) => `${w.start}-${w.end}`);
}

function same(text: string, label: string): void {
  const doc = new ParsedDocument('file:///w.ks', 'kickstart', text);
  try {
    const fromTree = treeWords(doc);
    const fromModel = new Set(modelWords(doc));
    // The tree also has the words of %include lines, which the model keeps as includes.
    const missing = fromTree.filter((w) => !fromModel.has(w));
    const includeWords = new Set<string>();
    const m = buildModel(doc, {});
    // So does the body of an unknown %section, which the model reads as that section's body text
    // (as pykickstart would), not as commands.
    const skipped = [...m.includes.map((inc) => [doc.lines.offsetAt(inc.range.start), doc.lines.offsetAt(inc.range.end)]), ...m.unknownSections.map((u) => [u.bodyStart, u.sectionEnd])];
    for (const [a, b] of skipped) {
      for (const w of missing) {
        const [s, e] = w.split('-').map(Number);
        if (s >= a && e <= b) includeWords.add(w);
      }
    }
    assert.deepEqual(missing.filter((w) => !includeWords.has(w)), [], `${label}: words in the tree, not in the model`);
    const tree = new Set(fromTree);
    assert.deepEqual([...fromModel].filter((w) => !tree.has(w)), [], `${label}: words in the model, not in the tree`);
  } finally {
    doc.dispose();
  }
}

test('model words equal the tree words: corpus, samples and the bench file', () => {
  for (const dir of ['test/fixtures/kickstart/corpus', 'samples/kickstart']) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ks'))) same(readFileSync(join(root, dir, f), 'utf8'), f);
  }
  same(generateKickstart(2000), 'bench');
});

test('model words equal the tree words: random lines', () => {
  let seed = 1234;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pieces = ['part', 'clearpart', '%pre', '%end', '%include', '--size=1', '--label="a b"', "'x y'", '"q\\"', '\\', '\\ ', '#c', 'a#b', '"', "'", ' ', '\t', '\r', '\r\n', '\n', '\u00a0', '\u000b', 'x', '--', '-', '=', 'é', '😀'];
  for (let k = 0; k < 400; k++) {
    let s = '';
    const n = Math.floor(rnd() * 40);
    for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.5 ? ' ' : '');
    same(s, `random #${k}: ${JSON.stringify(s)}`);
  }
});

test('option and value ranges (made from offsets when read) cover what the option says', () => {
  const texts = [generateKickstart(2000), ...readdirSync(join(root, 'test/fixtures/kickstart/corpus')).filter((n) => n.endsWith('.ks')).map((f) => readFileSync(join(root, 'test/fixtures/kickstart/corpus', f), 'utf8'))];
  for (const text of texts) {
    const doc = new ParsedDocument('file:///r.ks', 'kickstart', text);
    try {
      const m = buildModel(doc, {});
      for (const c of [...m.commands, ...m.sections.map((s) => s.header)]) {
        assert.deepEqual(c.range.start, c.words[0].range.start);
        assert.deepEqual(c.range.end, c.words[c.words.length - 1].range.end);
        assert.deepEqual(c.nameRange, c.words[0].range);
        for (const o of c.options) {
          const a = doc.lines.offsetAt(o.range.start);
          const b = doc.lines.offsetAt(o.range.end);
          assert.ok(o.range.start.line === c.line && o.range.end.line === c.line, `${c.written} ${o.written}: one line`);
          // The option starts where it is written (quotes aside) and ends at its value's end.
          if (!/["'\\]/.test(text.slice(a, b))) assert.ok(text.slice(a, b).startsWith(o.written), `${c.written}: ${text.slice(a, b)} starts with ${o.written}`);
          if (o.valueRange) {
            const va = doc.lines.offsetAt(o.valueRange.start);
            const vb = doc.lines.offsetAt(o.valueRange.end);
            assert.ok(va >= a && vb === b, `${c.written} ${o.written}: value inside the option`);
            const raw = text.slice(va, vb);
            if (!/["'\\]/.test(raw)) assert.equal(raw, o.value);
          }
        }
      }
    } finally {
      doc.dispose();
    }
  }
});
