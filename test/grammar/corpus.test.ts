// Corpus tests of every grammar under grammars/ (tree-sitter's corpus format, our own runner):
// each grammars/tree-sitter-NAME/test/corpus/*.txt is parsed with the committed
// tree-sitter-NAME.wasm. The grammar's queries must also compile against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { initTreeSitter } from '../../server/src/syntax/treesitter';
import { caseLabel, findCorpusFiles, readCorpus, runCase } from './corpus-runner';
import { repoRoot } from '../support/util';


const grammarsDir = join(repoRoot(), 'grammars');
const files = findCorpusFiles(grammarsDir);

test('every grammar with a grammar.js has corpus tests', () => {
  assert.ok(files.some((f) => f.grammar === 'lvm'), 'no corpus for tree-sitter-lvm');
});

const byGrammar = new Map<string, typeof files>();
for (const f of files) byGrammar.set(f.grammar, [...(byGrammar.get(f.grammar) ?? []), f]);

for (const [grammar, list] of byGrammar) {
  test(`corpus: tree-sitter-${grammar}`, async (t) => {
    const wasm = join(list[0].dir, `tree-sitter-${grammar}.wasm`);
    if (!existsSync(wasm)) {
      t.skip(`tree-sitter-${grammar}.wasm not built (npm run grammars)`);
      return;
    }
    await initTreeSitter();
    const lang = await Language.load(readFileSync(wasm));
    const parser = new Parser();
    parser.setLanguage(lang);
    let count = 0;
    for (const f of list) {
      for (const c of readCorpus(f.file)) {
        const label = caseLabel(f, c);
        await t.test(label, (tt) => {
          if (c.skip) {
            tt.skip(':skip attribute');
            return;
          }
          const r = runCase(parser, c);
          assert.ok(r.ok, `${label}\n${r.message ?? ''}\n  expected: ${r.expected}\n  actual:   ${r.actual}`);
        });
        count++;
      }
    }
    assert.ok(count > 0, `no cases in the corpus of tree-sitter-${grammar}`);
    for (const q of ['highlights', 'folds', 'injections']) {
      const p = join(list[0].dir, 'queries', `${q}.scm`);
      if (!existsSync(p)) continue;
      await t.test(`queries/${q}.scm compiles`, () => {
        const query = new Query(lang, readFileSync(p, 'utf8'));
        query.delete();
      });
    }
    parser.delete();
  });
}
