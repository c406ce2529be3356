// Bad input never throws or hangs: random bytes, every truncation of a real kickstart, a 10 MB
// file, NUL bytes, CRLF, invalid UTF-8. Also the size of the tree (few nodes per byte).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { analyzeDocument } from '../../server/src/analyze';
import { loadAll } from '../../server/src/syntax/treesitter';
import { buildModel } from '../../server/src/kickstart/model';
import { kickstartHandler } from '../../server/src/kickstart';

const root = join(__dirname, '..', '..', '..', '..');
const sample = readFileSync(join(root, 'samples/kickstart/guarded-raid10-lvm.ks'), 'utf8');

before(async () => {
  await loadAll();
});

function all(text: string): number {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', text);
  try {
    const fs = analyzeDocument(doc, {});
    assert.ok(!fs.some((f) => f.code === 'internal-error'), fs.find((f) => f.code === 'internal-error')?.message);
    kickstartHandler.symbols(doc, {});
    kickstartHandler.folding(doc);
    kickstartHandler.hover!(doc, { line: 1, character: 2 }, {});
    kickstartHandler.completion!(doc, { line: 1, character: 2 }, {});
    return fs.length;
  } finally {
    doc.dispose();
  }
}

test('every truncation of a real kickstart analyses without an exception', () => {
  for (let i = 0; i <= sample.length; i++) all(sample.slice(0, i));
});

test('random bytes, NUL, invalid UTF-8 and CRLF never throw', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = ' \t\n\r%#"\'\\-=abc/\u0000\u00a0\u2028\ufffd';
  for (let k = 0; k < 300; k++) {
    let s = '';
    const n = Math.floor(rnd() * 400);
    for (let i = 0; i < n; i++) s += rnd() < 0.7 ? alphabet[Math.floor(rnd() * alphabet.length)] : String.fromCharCode(Math.floor(rnd() * 0xd7ff));
    all(s);
  }
  const bad = new TextDecoder('utf-8').decode(new Uint8Array([0x70, 0x61, 0x72, 0x74, 0x20, 0xff, 0xfe, 0x0a, 0x25, 0x70, 0x72, 0x65, 0x0a]));
  all(bad);
  assert.ok(all('zerombr\u0000\nclearpart --all\u0000 --drives=sda\n') >= 0);
  const crlf = sample.replace(/\n/g, '\r\n');
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', crlf);
  const m = buildModel(doc, {});
  assert.equal(m.sections.length, 2);
  assert.ok(m.commands.every((c) => c.words.every((w) => !w.text.includes('\r'))));
  doc.dispose();
});

test('a 10 MB kickstart parses and is analysed without a hang', () => {
  const line = 'part raid.0001 --size=1024 --ondisk=sdb --label="data disk"\n';
  const big = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
  const t0 = Date.now();
  all(big);
  assert.ok(Date.now() - t0 < 60000);
});

test('the tree has one node per line plus one per word', () => {
  const doc = new ParsedDocument('file:///t.ks', 'kickstart', sample);
  let count = 0;
  const c = doc.tree.walk();
  const visit = (): void => {
    count++;
    if (c.gotoFirstChild()) {
      do visit();
      while (c.gotoNextSibling());
      c.gotoParent();
    }
  };
  visit();
  c.delete();
  assert.ok(count < sample.length / 4, `${count} nodes for ${sample.length} chars`);
  assert.equal(doc.tree.rootNode.hasError, false);
  doc.dispose();
});
