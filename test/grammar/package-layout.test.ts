// Each grammars/tree-sitter-NAME folder is a tree-sitter grammar package in the standard layout
// (tree-sitter.json, package.json, binding.gyp, bindings/node, queries): the files name each
// other consistently, and what they name exists. That the binding builds and parses like the wasm
// is corpus.test.ts's part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/util';

const grammarsDir = join(repoRoot(), 'grammars');
const names = readdirSync(grammarsDir)
  .filter((d) => d.startsWith('tree-sitter-') && existsSync(join(grammarsDir, d, 'grammar.js')))
  .map((d) => d.slice('tree-sitter-'.length));

test('both grammars are there', () => {
  assert.deepEqual([...names].sort(), ['kickstart', 'lvm']);
});

for (const name of names) {
  const dir = join(grammarsDir, `tree-sitter-${name}`);
  const json = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;

  test(`tree-sitter-${name}: tree-sitter.json describes this grammar and its queries`, () => {
    const ts = json('tree-sitter.json') as { grammars: Record<string, unknown>[]; metadata: Record<string, unknown>; bindings: Record<string, boolean> };
    assert.equal(ts.grammars.length, 1);
    const g = ts.grammars[0];
    assert.equal(g.name, name);
    assert.equal(g.path, '.');
    assert.match(String(g.scope), /^source\./);
    for (const q of ['highlights', 'injections', 'folds']) {
      assert.equal(typeof g[q], 'string', `${q} query not listed`);
      assert.ok(existsSync(join(dir, String(g[q]))), `${g[q]} missing`);
    }
    assert.equal(ts.bindings.node, true, 'the Node binding is declared');
    assert.equal(ts.metadata.version, json('package.json').version, 'one version in both files');
  });

  test(`tree-sitter-${name}: package.json points at the Node binding and ships what it needs`, () => {
    const pkg = json('package.json') as { name: string; main: string; types: string; files: string[]; scripts: Record<string, string>; dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    assert.equal(pkg.name, `tree-sitter-${name}`);
    assert.equal(pkg.main, 'bindings/node');
    assert.equal(pkg.types, 'bindings/node');
    assert.equal(pkg.scripts.install, 'node-gyp-build');
    assert.ok(pkg.dependencies['node-addon-api'] && pkg.dependencies['node-gyp-build']);
    assert.ok(pkg.peerDependencies['tree-sitter']);
    for (const f of ['grammar.js', 'tree-sitter.json', 'binding.gyp', 'bindings/node/*', 'queries/*', 'src/**']) assert.ok(pkg.files.includes(f), `files lacks ${f}`);
    for (const f of ['index.js', 'index.d.ts', 'binding.cc']) assert.ok(existsSync(join(dir, 'bindings', 'node', f)), `bindings/node/${f} missing`);
  });

  test(`tree-sitter-${name}: binding.gyp builds tree_sitter_${name}_binding from files that exist`, () => {
    // binding.gyp is gyp's Python-literal dialect: drop the comment lines, then it is JSON.
    const gyp = JSON.parse(readFileSync(join(dir, 'binding.gyp'), 'utf8').replace(/^\s*#.*$/gm, '')) as { targets: { target_name: string; sources: string[] }[] };
    assert.equal(gyp.targets.length, 1);
    assert.equal(gyp.targets[0].target_name, `tree_sitter_${name}_binding`);
    for (const s of gyp.targets[0].sources) assert.ok(existsSync(join(dir, s)), `${s} missing`);
    assert.ok(gyp.targets[0].sources.includes('src/parser.c'));
    if (existsSync(join(dir, 'src', 'scanner.c'))) assert.ok(gyp.targets[0].sources.includes('src/scanner.c'));
    const cc = readFileSync(join(dir, 'bindings', 'node', 'binding.cc'), 'utf8');
    assert.match(cc, new RegExp(`tree_sitter_${name}\\(void\\)`), 'binding.cc declares the parser entry point');
    assert.match(readFileSync(join(dir, 'src', 'parser.c'), 'utf8'), new RegExp(`\\*tree_sitter_${name}\\(void\\)`), 'parser.c defines it');
    assert.match(cc, new RegExp(`NODE_API_MODULE\\(tree_sitter_${name}_binding,`));
  });
}
