// The grammars' C binding as a C programmer (or an editor packager) uses it: each grammar folder's
// Makefile builds lib<grammar>.a/.so and the pkg-config file with Debian's toolchain, `make install`
// puts them under a prefix, and a small C program built against the installed header and .pc file
// parses every corpus case and every sample with Debian's libtree-sitter (libtree-sitter-dev). Its
// trees must be identical to web-tree-sitter's on the committed wasm. Skipped with the reason when
// cc, make, pkg-config or libtree-sitter-dev is missing (scripts/install-deps.sh installs them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/util';
import { bindingInputs, webTrees } from './binding-inputs';

const root = repoRoot();
const sh = (cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts, env: { ...process.env, ...opts.env } });

function missingTools(): string | undefined {
  for (const t of ['cc', 'make', 'pkg-config']) if (sh('sh', ['-c', `command -v ${t}`]).status !== 0) return `${t} is not installed`;
  if (sh('pkg-config', ['--exists', 'tree-sitter']).status !== 0) return 'libtree-sitter-dev is not installed (pkg-config tree-sitter)';
  return undefined;
}

const work = mkdtempSync(join(tmpdir(), 'blockwise-c-binding-'));
after(() => rmSync(work, { recursive: true, force: true }));
const reason = missingTools();

for (const grammar of ['lvm', 'kickstart']) {
  test(`tree-sitter-${grammar}: make builds the C library; Debian's libtree-sitter parses corpus and samples as web-tree-sitter does`, { skip: reason }, async () => {
    const src = join(root, 'grammars', `tree-sitter-${grammar}`);
    const dir = join(work, grammar);
    cpSync(src, dir, { recursive: true, filter: (p) => !/\/(build|node_modules)$/.test(p) && !/\.(o|so|a)$/.test(p) });
    const make = sh('make', ['-j2'], { cwd: dir });
    assert.equal(make.status, 0, make.stderr);
    for (const f of [`libtree-sitter-${grammar}.a`, `libtree-sitter-${grammar}.so`, `tree-sitter-${grammar}.pc`]) assert.ok(existsSync(join(dir, f)), `${f} not built`);
    const soname = sh('readelf', ['-d', join(dir, `libtree-sitter-${grammar}.so`)]).stdout;
    assert.match(soname, new RegExp(`SONAME.*libtree-sitter-${grammar}\\.so\\.14\\]`), 'soname carries the ABI version');
    const prefix = join(work, `prefix-${grammar}`);
    const install = sh('make', ['install', `PREFIX=${prefix}`], { cwd: dir });
    assert.equal(install.status, 0, install.stderr);
    const pcPath = join(prefix, 'lib', 'pkgconfig');
    const flags = sh('pkg-config', ['--cflags', '--libs', `tree-sitter-${grammar}`], { env: { PKG_CONFIG_PATH: pcPath } });
    assert.equal(flags.status, 0, `pkg-config reads the installed .pc: ${flags.stderr}`);
    const exe = join(work, `parse-${grammar}`);
    const cc = sh('sh', [
      '-c',
      `cc -std=c11 -Wall -Werror -DGRAMMAR_HEADER='<tree_sitter/tree-sitter-${grammar}.h>' -DLANGUAGE=tree_sitter_${grammar} "$1" -o "$2" $(pkg-config --cflags --libs tree-sitter-${grammar}) -Wl,-rpath,"$3"`,
      'cc',
      join(root, 'test', 'grammar', 'c', 'parse-trees.c'),
      exe,
      join(prefix, 'lib'),
    ], { env: { PKG_CONFIG_PATH: pcPath } });
    assert.equal(cc.status, 0, cc.stderr);

    const { inputs, corpusCount } = bindingInputs(grammar);
    const paths = inputs.map((x, i) => {
      const p = join(work, `${grammar}-input-${i}`);
      writeFileSync(p, x.text);
      return p;
    });
    const run = sh(exe, paths);
    assert.equal(run.status, 0, `${run.stderr} ${run.signal ?? ""} ${run.error?.message ?? ""}`);
    const native = run.stdout.split('\n').slice(0, -1);
    assert.equal(native.length, inputs.length);

    const web = await webTrees(grammar, inputs);
    for (const [i, x] of inputs.entries()) assert.equal(native[i], web[i], `${x.label}: libtree-sitter and web-tree-sitter built different trees`);
    assert.ok(corpusCount > 10 && inputs.length > corpusCount, `${corpusCount} corpus cases, ${inputs.length - corpusCount} samples`);
  });
}
