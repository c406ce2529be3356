// The grammars' Python binding: each grammar's setup.py builds the tree_sitter_NAME package (the
// _binding C extension and the queries) with Debian's python3-dev and setuptools, offline; the
// package is imported, its language() capsule is handed to Debian's libtree-sitter (ctypes:
// bookworm has no py-tree-sitter), and every corpus case and sample must parse to the same tree as
// web-tree-sitter's. Skipped with the reason when python3-dev, setuptools or libtree-sitter is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/util';
import { bindingInputs, webTrees } from './binding-inputs';

const root = repoRoot();
const run = (cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts, env: { ...process.env, ...opts.env } });

function missing(): string | undefined {
  if (run('python3', ['-c', 'import setuptools, sysconfig, os; assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))']).status !== 0) return 'python3-dev or python3-setuptools is not installed';
  if (run('python3', ['-c', 'import ctypes.util, ctypes; ctypes.CDLL(ctypes.util.find_library("tree-sitter") or "libtree-sitter.so.0")']).status !== 0) return 'libtree-sitter is not installed';
  if (run('sh', ['-c', 'command -v cc']).status !== 0) return 'no C compiler';
  return undefined;
}

const work = mkdtempSync(join(tmpdir(), 'blockwise-py-binding-'));
after(() => rmSync(work, { recursive: true, force: true }));
const reason = missing();

for (const grammar of ['lvm', 'kickstart']) {
  test(`tree-sitter-${grammar}: setup.py builds tree_sitter_${grammar}; imported, it parses corpus and samples as web-tree-sitter does`, { skip: reason }, async () => {
    const dir = join(work, grammar);
    cpSync(join(root, 'grammars', `tree-sitter-${grammar}`), dir, { recursive: true, filter: (p) => !/\/(build|node_modules)$/.test(p) && !/\.(o|so|a|wasm)$/.test(p) });
    const lib = join(work, `lib-${grammar}`);
    const b = run('python3', ['setup.py', '-q', 'build', '--build-base', join(work, `build-${grammar}`), '--build-lib', lib], { cwd: dir });
    assert.equal(b.status, 0, b.stderr);
    const env = { PYTHONPATH: lib, PYTHONDONTWRITEBYTECODE: '1' };
    const probe = run('python3', ['-c', `import tree_sitter_${grammar} as m; c = m.language(); print(type(c).__name__, repr(c).split('"')[1], bool(m.HIGHLIGHTS_QUERY))`], { env });
    assert.equal(probe.stdout.trim(), 'PyCapsule tree_sitter.Language True', probe.stderr);
    assert.ok(existsSync(join(lib, `tree_sitter_${grammar}`, 'queries', 'highlights.scm')));

    const { inputs, corpusCount } = bindingInputs(grammar);
    const paths = inputs.map((x, i) => {
      const p = join(work, `${grammar}-py-input-${i}`);
      writeFileSync(p, x.text);
      return p;
    });
    const r = run('python3', [join(root, 'test', 'grammar', 'python', 'parse_trees.py'), grammar, ...paths], { env });
    assert.equal(r.status, 0, r.stderr);
    const trees = r.stdout.split('\n').slice(0, -1);
    assert.equal(trees.length, inputs.length);
    const web = await webTrees(grammar, inputs);
    for (const [i, x] of inputs.entries()) assert.equal(trees[i], web[i], `${x.label}: the Python binding and web-tree-sitter built different trees`);
    assert.ok(corpusCount > 10 && inputs.length > corpusCount);
  });
}
