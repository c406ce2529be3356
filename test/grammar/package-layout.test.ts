// Each grammars/tree-sitter-NAME folder is a tree-sitter grammar package in the standard layout
// (tree-sitter.json, package.json, binding.gyp, bindings/node, queries): the files name each
// other consistently, and what they name exists. That the binding builds and parses like the wasm
// is corpus.test.ts's part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../support/util';
import { schemaErrors } from './ts-config-schema';

const grammarsDir = join(repoRoot(), 'grammars');

test('grammars/packages.mjs --check: the packaging files are what the script writes (one repository URL, one version)', () => {
  const r = spawnSync(process.execPath, [join(grammarsDir, 'packages.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
const names = readdirSync(grammarsDir)
  .filter((d) => d.startsWith('tree-sitter-') && existsSync(join(grammarsDir, d, 'grammar.js')))
  .map((d) => d.slice('tree-sitter-'.length));

test('both grammars are there', () => {
  assert.deepEqual([...names].sort(), ['kickstart', 'lvm']);
});

for (const name of names) {
  const dir = join(grammarsDir, `tree-sitter-${name}`);
  const json = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;

  test(`tree-sitter-${name}: tree-sitter.json is valid under tree-sitter's config schema and describes this grammar`, () => {
    const ts = json('tree-sitter.json');
    assert.deepEqual(schemaErrors(ts), []);
    const { grammars, metadata, bindings } = ts as { grammars: Record<string, unknown>[]; metadata: Record<string, unknown>; bindings: Record<string, boolean> };
    assert.equal(grammars.length, 1);
    const g = grammars[0];
    assert.equal(g.name, name);
    assert.equal(g.path, '.');
    for (const q of ['highlights', 'injections']) assert.ok(existsSync(join(dir, String(g[q]))), `${g[q]} missing`);
    assert.ok(existsSync(join(dir, 'queries', 'folds.scm')), 'queries/folds.scm missing');
    assert.equal(bindings.node, true, 'the Node binding is declared');
    assert.equal(metadata.version, json('package.json').version, 'one version in both files');
    // File types name real files, never every *.conf, *.profile or *.vg.
    for (const t of g['file-types'] as string[]) assert.ok(!['conf', 'profile', 'vg', 'cfg'].includes(t), `file type ${t} claims unrelated files`);
    assert.deepEqual(g['file-types'], name === 'lvm' ? ['lvm.conf', 'lvmlocal.conf'] : ['ks', 'ks.cfg', 'anaconda-ks.cfg']);
  });

  test(`tree-sitter-${name}: the C, Python, Rust and Go binding files are there and name this grammar`, () => {
    const full = `tree-sitter-${name}`;
    const fn = `tree_sitter_${name}`;
    const has = (f: string, re?: RegExp) => {
      assert.ok(existsSync(join(dir, f)), `${f} missing`);
      if (re) assert.match(readFileSync(join(dir, f), 'utf8'), re, f);
    };
    has('Makefile', new RegExp(`^NAME := ${full}$`, 'm'));
    has(`bindings/c/${full}.h`, new RegExp(`const TSLanguage \\*${fn}\\(void\\);`));
    has(`bindings/c/${full}.pc.in`, new RegExp(`-l${full}`));
    has('setup.py', new RegExp(`"bindings/python/${fn}/binding.c"`));
    has('pyproject.toml', new RegExp(`^name = "${full}"$`, 'm'));
    has(`bindings/python/${fn}/binding.c`, /PyCapsule_New\(\(void \*\)tree_sitter_\w+\(\), "tree_sitter.Language"/);
    has(`bindings/python/${fn}/__init__.py`);
    has(`bindings/python/${fn}/__init__.pyi`);
    has('Cargo.toml', new RegExp(`^name = "${full}"$`, 'm'));
    has('bindings/rust/lib.rs', new RegExp(`fn ${fn}\\(\\)`));
    has('bindings/rust/build.rs', /"parser\.c"/);
    has('go.mod', new RegExp(`^module \\S+/grammars/${full}$`, 'm'));
    has('bindings/go/binding.go', new RegExp(`C\\.${fn}\\(\\)`));
    has('bindings/go/binding_test.go');
    // One repository URL: tree-sitter.json's, repeated by every package file.
    const url = (json('tree-sitter.json').metadata as { links: { repository: string } }).links.repository;
    for (const f of ['Makefile', 'pyproject.toml', 'Cargo.toml']) assert.ok(readFileSync(join(dir, f), 'utf8').includes(url), `${f} names ${url}`);
    assert.ok(readFileSync(join(dir, 'go.mod'), 'utf8').includes(url.replace(/^https:\/\//, '')), 'go.mod');
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
