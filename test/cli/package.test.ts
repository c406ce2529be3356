// The installable package: `npm pack` holds the bundles, wasm, data, man page, completion and
// schema (and nothing of the sources or tests); `npm install -g` of the tarball into a temporary
// prefix gives a `blockwise` that prints the same JSON over samples/ as the checkout, with the
// wasm parser (the native binding is optional and left out here, as on a machine without a
// compiler); the man page is installed and the bash completion completes formats and rule codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lsp/client';

const root = repoRoot();
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
const skip = npm.status !== 0 ? 'npm is not on PATH' : !existsSync(join(root, 'dist', 'server', 'cli.js')) ? 'dist/ is not built' : false;

test('npm pack + npm install -g: the installed blockwise prints the checkout\'s JSON over samples/', { skip, timeout: 300000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'bw-pack-'));
  // --ignore-scripts: pack dist/ as built (no rebuild under the running tests).
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const info = JSON.parse(pack.stdout)[0] as { filename: string; files: { path: string }[] };
  const files = info.files.map((f) => f.path).sort();
  for (const must of [
    'bin/blockwise.js',
    'bin/blockwise-pre-commit.js',
    'bin/blockwise-language-server.js',
    'bin/lsp.js',
    'editors/vim/ftdetect/blockwise.vim',
    'dist/server/cli.js',
    'dist/server/cli-check.js',
    'dist/server/server.js',
    'dist/server/cli-yaml.js',
    'dist/server/data/commands.json',
    'dist/server/data/releases.json',
    'dist/server/data/schema.json',
    'dist/wasm/tree-sitter.wasm',
    'dist/wasm/tree-sitter-lvm.wasm',
    'dist/wasm/tree-sitter-kickstart.wasm',
    'dist/wasm/tree-sitter-bash.wasm',
    'dist/queries/bash-highlights.scm',
    'man/blockwise.1',
    'completion/blockwise.bash',
    'schemas/blockwise-config.schema.json',
    'scripts/postinstall.cjs',
    'package.json',
    'LICENSE',
  ])
    assert.ok(files.includes(must), `the package lacks ${must}`);
  for (const f of files) assert.doesNotMatch(f, /^(server|client|test|samples|grammars|docs)\/|^dist\/(test|bench|client)\/|\.(map|cache|ts)$/, `the package should not hold ${f}`);

  const prefix = join(work, 'prefix');
  // --ignore-scripts: no native build (as on a machine without a compiler, where the optional
  // binding fails to build), and minutes less of compiling tree-sitter on a CI machine.
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)], { cwd: work, encoding: 'utf8', timeout: 240000 });
  assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
  const installed = join(prefix, 'bin', 'blockwise');
  assert.ok(existsSync(installed));
  // Without our grammars' native bindings (never in the package) the installed CLI parses with wasm.
  assert.ok(!existsSync(join(prefix, 'lib', 'node_modules', 'blockwise', 'grammars')));

  const env = { ...process.env };
  delete env.BLOCKWISE_PARSER; // each CLI picks its runtime as it would for a user
  const mine = spawnSync(process.execPath, [join(root, 'bin', 'blockwise.js'), 'check', '--format', 'json', 'samples'], { cwd: root, env, encoding: 'utf8' });
  const theirs = spawnSync(installed, ['check', '--format', 'json', 'samples'], { cwd: root, env, encoding: 'utf8' });
  assert.equal(theirs.stderr, mine.stderr);
  assert.equal(theirs.status, mine.status);
  assert.ok(JSON.parse(mine.stdout).length >= 10);
  assert.equal(theirs.stdout, mine.stdout);
  // .blockwise.yaml is read by the installed CLI too (its YAML reader is a bundle of its own).
  const repo = join(work, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  writeFileSync(join(repo, '.blockwise.yaml'), 'severity:\n  unguarded-clearpart: error\n');
  writeFileSync(join(repo, 'a.ks'), 'clearpart --all --initlabel\nautopart\n');
  const configured = spawnSync(installed, ['check', 'a.ks'], { cwd: repo, env, encoding: 'utf8' });
  assert.equal(configured.status, 1, configured.stderr);
  assert.match(configured.stdout, /a\.ks:1:1: error \[unguarded-clearpart\]/);
  // The language server from the installed package answers a plain client's initialize.
  for (const argv of [[installed, 'lsp', '--stdio'], [join(prefix, 'bin', 'blockwise-language-server')]]) {
    const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    // stdin stays open for 2 s (an editor keeps it open; the server ends when it closes).
    const lsp = spawnSync('bash', ['-c', '{ printf "Content-Length: %d\\r\\n\\r\\n%s" "${#1}" "$1"; sleep 2; } | "${@:2}"', 'bash', msg, ...argv], { encoding: 'utf8', timeout: 20000 });
    assert.match(lsp.stdout, /"serverInfo":\{"name":"blockwise"/, `${argv.join(' ')}: ${lsp.stderr}`);
  }
  const help = spawnSync(installed, ['check', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: blockwise check/);

  // npm links the man page into the prefix; man renders it.
  const man = join(prefix, 'share', 'man', 'man1', 'blockwise.1');
  assert.ok(existsSync(man), `no man page in ${readdirSync(prefix).join(', ')}`);
  const render = spawnSync('man', ['-l', man], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '100', MAN_KEEP_FORMATTING: '' } });
  if (render.status === 0) assert.match(render.stdout, /blockwise - check LVM configuration/);

  // Bash completion from the installed package, with the installed blockwise on PATH.
  const script = join(prefix, 'lib', 'node_modules', 'blockwise', 'completion', 'blockwise.bash');
  const complete = (words: string[]) => {
    const line = `. '${script}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _blockwise; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', line], { encoding: 'utf8', env: { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(complete(['blockwise', 'ch']), ['check']);
  assert.deepEqual(complete(['blockwise', 'check', '--format', '']), ['text', 'json', 'sarif', 'github', 'codeclimate']);
  assert.deepEqual(complete(['blockwise', 'check', '--language', 'k']), ['kickstart']);
  assert.deepEqual(complete(['blockwise', 'check', '--severity', 'unguarded-c']), ['unguarded-clearpart=']);
  assert.deepEqual(complete(['blockwise', 'check', '--severity', 'unguarded-clearpart=o']), ['unguarded-clearpart=off']);
  assert.ok(complete(['blockwise', 'check', '--target', 'RHEL']).includes('RHEL8'));
  assert.deepEqual(complete(['blockwise', 'map', '--format', 's']), ['svg']);
});
