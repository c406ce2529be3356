// Corpus tests of every grammar under grammars/ (tree-sitter's corpus format, our own runner):
// each grammars/tree-sitter-NAME/test/corpus/*.txt is parsed with the committed
// tree-sitter-NAME.wasm (web-tree-sitter) AND with the grammar's Node binding
// (bindings/node, built by scripts/build-native.mjs) under the native `tree-sitter` runtime.
// Every case must pass on both and both must print the same S-expression (fields included),
// error-recovery trees too. The grammar's queries must compile on both runtimes.
// Without a built binding the native half is skipped and says why, unless BLOCKWISE_PARSER=native
// (then it fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { initTreeSitter } from '../../server/src/syntax/treesitter';
import { nativeModule } from '../../server/src/syntax/native';
import { caseLabel, findCorpusFiles, readCorpus, runCase, type CorpusParser } from './corpus-runner';
import { repoRoot } from '../support/util';

interface NativeRuntime {
  new (): CorpusParser & { setLanguage(l: unknown): void };
  Query: new (language: unknown, source: string) => unknown;
}

/** The native runtime and this grammar's binding, or the reason they do not load. */
function loadNative(dir: string): { parser: CorpusParser; lang: unknown; P: NativeRuntime } | string {
  try {
    const P = nativeModule() as unknown as NativeRuntime;
    const lang: unknown = createRequire(__filename)(join(dir, 'bindings', 'node', 'index.js'));
    const parser = new P();
    parser.setLanguage(lang);
    return { parser, lang, P };
  } catch (e) {
    return `native runtime or binding not available (${(e as Error).message.split('\n')[0]}); build it with node scripts/build-native.mjs`;
  }
}


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
    const native = loadNative(list[0].dir);
    if (typeof native === 'string') {
      assert.notEqual(process.env.BLOCKWISE_PARSER, 'native', `BLOCKWISE_PARSER=native but the ${native}`);
      await t.test(`native runtime (tree-sitter-${grammar}/bindings/node)`, (tt) => tt.skip(native));
    }
    let count = 0;
    let compared = 0;
    for (const f of list) {
      for (const c of readCorpus(f.file)) {
        const label = caseLabel(f, c);
        await t.test(label, (tt) => {
          if (c.skip) {
            tt.skip(':skip attribute');
            return;
          }
          const r = runCase(parser, c);
          assert.ok(r.ok, `${label} (wasm)\n${r.message ?? ''}\n  expected: ${r.expected}\n  actual:   ${r.actual}`);
          if (typeof native === 'string') return;
          const n = runCase(native.parser, c);
          assert.ok(n.ok, `${label} (native)\n${n.message ?? ''}\n  expected: ${n.expected}\n  actual:   ${n.actual}`);
          assert.equal(n.sexp, r.sexp, `${label}: the native and wasm runtimes built different trees`);
          compared++;
        });
        count++;
      }
    }
    assert.ok(count > 0, `no cases in the corpus of tree-sitter-${grammar}`);
    if (typeof native !== 'string') assert.ok(compared > 0, 'no case compared across runtimes');
    for (const q of ['highlights', 'folds', 'injections']) {
      const p = join(list[0].dir, 'queries', `${q}.scm`);
      if (!existsSync(p)) continue;
      await t.test(`queries/${q}.scm compiles`, () => {
        const query = new Query(lang, readFileSync(p, 'utf8'));
        query.delete();
        if (typeof native !== 'string') new native.P.Query(native.lang, readFileSync(p, 'utf8'));
      });
    }
    parser.delete();
  });
}
