// Test support for the safety, storage and guard rule tests: the kickstart model of a text,
// always through the real pipeline (ParsedDocument with the tree-sitter-kickstart tree, then
// buildModel from server/src/kickstart/model). There is no stand-in tokenizer: when the grammar
// wasm is missing, setup() fails and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParsedDocument } from '../../server/src/core/document';
import { buildModel, type KickstartModelExt } from '../../server/src/kickstart/model';
import { loadAll } from '../../server/src/syntax/treesitter';

export interface Subject {
  model: KickstartModelExt;
  doc: ParsedDocument;
  dispose(): void;
}

/** Load the grammars the pipeline needs (kickstart, and bash for %pre guard analysis). */
export async function setup(): Promise<void> {
  await loadAll();
}

export function subject(text: string, target = 'rhel9'): Subject {
  const doc = new ParsedDocument('file:///test.ks', 'kickstart', text);
  const model = buildModel(doc, { target });
  return { model, doc, dispose: () => doc.dispose() };
}

// Registered only when this file runs as a test file, not when another test imports the helpers.
if (require.main === module) {
  test('the model reads commands, options, sections and includes', async () => {
    await setup();
    const s = subject('clearpart --all --drives=sda,sdb\npartition raid.01 --ondisk=sda\n%include /tmp/x\n%pre --erroronfail\nexit 1\n%end\n');
    try {
      const cp = s.model.byName.get('clearpart')![0];
      assert.deepEqual(cp.options.map((o) => o.name), ['all', 'drives']);
      assert.equal(cp.options[1].value, 'sda,sdb');
      assert.equal(s.doc.text.slice(s.doc.lines.offsetAt(cp.options[1].valueRange!.start), s.doc.lines.offsetAt(cp.options[1].valueRange!.end)), 'sda,sdb');
      assert.equal(s.model.byName.get('part')?.[0].args[0].text, 'raid.01');
      assert.equal(s.model.includes[0].path, '/tmp/x');
      const pre = s.model.sections.find((x) => x.kind === 'pre')!;
      assert.equal(s.doc.text.slice(pre.bodyStart, pre.bodyEnd), 'exit 1\n');
    } finally {
      s.dispose();
    }
  });

  test('option names are canonical: aliases and unique prefixes resolve, misspellings stay unknown', async () => {
    await setup();
    const s = subject('ignoredisk --only=sda\npart / --ondrive=sdb --type=xfs --size=1\nclearpart --al --drives=sda\nbootloader --boot-drive=sda\n');
    try {
      const names = (c: string) => s.model.byName.get(c)![0].options.map((o) => `${o.name}${o.known === false ? '?' : ''}`);
      assert.deepEqual(names('ignoredisk'), ['only-use']);
      assert.deepEqual(names('part'), ['ondisk', 'fstype', 'size']);
      assert.deepEqual(names('clearpart'), ['all', 'drives']);
      assert.deepEqual(names('bootloader'), ['boot-drive']);
    } finally {
      s.dispose();
    }
    // pykickstart rejects these spellings: they are not the options, whatever they look like.
    const bad = subject('ignoredisk --onlyuse=sda\nignoredisk --only_use=sda\n');
    try {
      for (const c of bad.model.byName.get('ignoredisk')!) assert.equal(c.options[0].known, false, c.options[0].written);
    } finally {
      bad.dispose();
    }
  });
}
