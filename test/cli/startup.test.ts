// What bin/blockwise.js does for start-up time (docs/architecture.md, "CLI start-up"): the V8 code
// cache of the bundle, its stamp, Liftoff-only wasm, the lazily imported subcommands and the bash
// grammar left out for kickstarts without %pre. Each test runs the real launcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grammarsFor } from '../../server/src/core/document';

const root = join(__dirname, '..', '..', '..', '..');

/** A copy of bin/ and dist/server/ (the launcher finds the bundle relative to itself), so tests may break its cache. */
function install(): { dir: string; bin: string; cache: string; bundle: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bw-startup-'));
  mkdirSync(join(dir, 'bin'));
  cpSync(join(root, 'bin', 'blockwise.js'), join(dir, 'bin', 'blockwise.js'));
  mkdirSync(join(dir, 'dist', 'server'), { recursive: true });
  cpSync(join(root, 'dist', 'server', 'cli.js'), join(dir, 'dist', 'server', 'cli.js'));
  cpSync(join(root, 'dist', 'wasm'), join(dir, 'dist', 'wasm'), { recursive: true });
  return { dir, bin: join(dir, 'bin', 'blockwise.js'), cache: join(dir, 'dist', 'server', 'cli.js.cache'), bundle: join(dir, 'dist', 'server', 'cli.js') };
}

const KS = join(root, 'samples', 'kickstart', 'storage-mistakes.ks');
const run = (bin: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });

test('the launcher writes a stamped code cache, uses it, and the output is the same with and without it', () => {
  const i = install();
  try {
    assert.ok(!existsSync(i.cache));
    const cold = run(i.bin, ['check', '--format', 'json', KS]);
    assert.equal(cold.status, 1, cold.stderr);
    assert.ok(existsSync(i.cache), 'the first run writes the cache');
    const st = statSync(i.bundle);
    assert.ok(readFileSync(i.cache).subarray(0, 80).toString('latin1').startsWith(`blockwise-code-cache ${st.size} ${st.mtimeMs}\n`));
    const written = statSync(i.cache).mtimeMs;
    const warm = run(i.bin, ['check', '--format', 'json', KS]);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(statSync(i.cache).mtimeMs, written, 'an accepted cache is not rewritten');
    const none = run(i.bin, ['check', '--format', 'json', KS], { BLOCKWISE_NO_CODE_CACHE: '1' });
    assert.equal(none.stdout, cold.stdout);
    assert.ok(JSON.parse(cold.stdout)[0].diagnostics.length > 0);
  } finally {
    rmSync(i.dir, { recursive: true, force: true });
  }
});

test('a cache made for another bundle of the same length is not used (V8 alone checks only the length)', () => {
  const i = install();
  try {
    run(i.bin, ['check', KS]);
    // Same length, other code: the usage text changes one letter, so a cache that were used would
    // either crash or print the old text.
    const src = readFileSync(i.bundle, 'latin1');
    const at = src.indexOf('  blockwise check [--format');
    assert.ok(at > 0);
    writeFileSync(i.bundle, src.slice(0, at) + '  blockwise chEck [--format' + src.slice(at + '  blockwise check [--format'.length), 'latin1');
    utimesSync(i.bundle, new Date(), new Date(Date.now() + 5000));
    const r = run(i.bin, ['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /blockwise chEck/);
    const st = statSync(i.bundle);
    assert.ok(readFileSync(i.cache).toString('latin1').startsWith(`blockwise-code-cache ${st.size} ${st.mtimeMs}\n`), 'the cache was remade for the new bundle');
  } finally {
    rmSync(i.dir, { recursive: true, force: true });
  }
});

test('a read-only install runs without writing a cache; a garbage cache is ignored', () => {
  const i = install();
  try {
    writeFileSync(i.cache, Buffer.from('not a cache at all'));
    const r = run(i.bin, ['check', KS]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /1 file checked/);
    mkdirSync(join(i.dir, 'ro'));
    rmSync(i.cache);
    spawnSync('chmod', ['a-w', join(i.dir, 'dist', 'server')]);
    const ro = run(i.bin, ['check', KS]);
    assert.equal(ro.status, 1, ro.stderr);
    // root ignores permissions; the point is that the run succeeds either way.
    assert.match(ro.stdout, /1 file checked/);
  } finally {
    spawnSync('chmod', ['-R', 'u+w', i.dir]);
    rmSync(i.dir, { recursive: true, force: true });
  }
});

test('a run exits promptly after its output: no waiting for V8 background compilation of the bash grammar', () => {
  const pre = join(root, 'samples', 'kickstart', 'guarded-raid10-lvm.ks');
  assert.match(readFileSync(pre, 'utf8'), /^%pre/m);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'blockwise.js'), 'check', pre], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  assert.equal(r.status, 0, r.stderr);
  // Measured: 1.1-1.4 s before (exit waited for TurboFan), 0.3-0.4 s after, on 2 loaded cores.
  // The bound is loose on purpose; `npm run bench` (section startup) has the figures.
  assert.ok(ms < 5000, `${ms} ms`);
});

test('grammarsFor: the bash grammar only for a kickstart that has %pre somewhere', () => {
  assert.deepEqual(grammarsFor('kickstart', 'part / --size 1\n'), []);
  assert.deepEqual(grammarsFor('kickstart', 'part / --size 1\n%pre\nexit 0\n%end\n'), ['bash']);
  assert.deepEqual(grammarsFor('kickstart', Buffer.from('  %pre-install --log=/x\n%end\n')), ['bash']);
  assert.deepEqual(grammarsFor('kickstart', new Uint8Array(Buffer.from('x\n%pre --interpreter=/usr/bin/bash\n'))), ['bash']);
  assert.deepEqual(grammarsFor('lvm-conf', ''), ['lvm']);
  assert.deepEqual(grammarsFor('lvm-metadata', ''), ['lvm']);
});

test('subcommands imported on use still register everything: rules lists the remote-host rules', () => {
  const r = run(join(root, 'bin', 'blockwise.js'), ['rules', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const rules = JSON.parse(r.stdout) as { code: string; languages: string[] }[];
  assert.ok(rules.some((x) => x.languages.length === 0), 'remote-host rules (no file language) are listed');
  assert.ok(rules.some((x) => x.languages.includes('kickstart')));
});

test('auto runtime: a kickstart without %pre loads no parser at all; one with %pre loads the native addon when it is built', () => {
  const probe = join(mkdtempSync(join(tmpdir(), 'bw-probe-')), 'probe.js');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write('NATIVE=' + Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]tree-sitter[\\\\/]/.test(k)) + '\\n'));\n");
  const env = { ...process.env, BLOCKWISE_PARSER: '' };
  const plain = spawnSync(process.execPath, ['--require', probe, join(root, 'bin', 'blockwise.js'), 'check', KS], { encoding: 'utf8', env });
  assert.equal(plain.status, 1, plain.stderr);
  assert.match(plain.stderr, /NATIVE=false/);
  const pre = spawnSync(process.execPath, ['--require', probe, join(root, 'bin', 'blockwise.js'), 'check', join(root, 'samples', 'kickstart', 'guarded-raid10-lvm.ks')], { encoding: 'utf8', env });
  assert.equal(pre.status, 0, pre.stderr);
  const built = existsSync(join(root, 'node_modules', 'tree-sitter', 'build', 'Release')) || existsSync(join(root, 'node_modules', 'tree-sitter', 'prebuilds'));
  if (built) assert.match(pre.stderr, /NATIVE=true/);
  rmSync(join(probe, '..'), { recursive: true, force: true });
});
