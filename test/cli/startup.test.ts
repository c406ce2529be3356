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

/**
 * A copy of bin/ and dist/server/ (the launcher finds the bundles relative to itself), so tests may
 * break its caches. `bundle`/`cache`: the check bundle (`check` runs it); `full`/`fullCache`: cli.js.
 */
function install(): { dir: string; bin: string; cache: string; bundle: string; full: string; fullCache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bw-startup-'));
  mkdirSync(join(dir, 'bin'));
  cpSync(join(root, 'bin', 'blockwise.js'), join(dir, 'bin', 'blockwise.js'));
  const server = join(dir, 'dist', 'server');
  mkdirSync(server, { recursive: true });
  for (const f of ['cli.js', 'cli-check.js']) cpSync(join(root, 'dist', 'server', f), join(server, f));
  cpSync(join(root, 'dist', 'server', 'data'), join(server, 'data'), { recursive: true });
  cpSync(join(root, 'dist', 'wasm'), join(dir, 'dist', 'wasm'), { recursive: true });
  return {
    dir,
    bin: join(dir, 'bin', 'blockwise.js'),
    cache: join(server, 'cli-check.js.cache'),
    bundle: join(server, 'cli-check.js'),
    full: join(server, 'cli.js'),
    fullCache: join(server, 'cli.js.cache'),
  };
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
    run(i.bin, ['--help']);
    assert.ok(existsSync(i.fullCache), 'commands other than check use cli.js and its own cache');
    // Same length, other code: the usage text changes one letter, so a cache that were used would
    // either crash or print the old text.
    const src = readFileSync(i.full, 'latin1');
    const at = src.indexOf('  blockwise check [--format');
    assert.ok(at > 0);
    writeFileSync(i.full, src.slice(0, at) + '  blockwise chEck [--format' + src.slice(at + '  blockwise check [--format'.length), 'latin1');
    utimesSync(i.full, new Date(), new Date(Date.now() + 5000));
    const r = run(i.bin, ['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /blockwise chEck/);
    const st = statSync(i.full);
    assert.ok(readFileSync(i.fullCache).toString('latin1').startsWith(`blockwise-code-cache ${st.size} ${st.mtimeMs}\n`), 'the cache was remade for the new bundle');
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

test('check runs its own bundle: no fleet, backups or map code and no YAML reader in it; same findings as the full CLI', () => {
  const check = readFileSync(join(root, 'dist', 'server', 'cli-check.js'), 'latin1');
  const full = readFileSync(join(root, 'dist', 'server', 'cli.js'), 'latin1');
  for (const mod of ['server/src/remote/', 'server/src/backups/restore', 'server/src/map/', 'node_modules/yaml/']) {
    assert.ok(full.includes(mod), `cli.js has ${mod}`);
    assert.ok(!check.includes(mod), `cli-check.js leaves out ${mod}`);
  }
  assert.ok(check.length < full.length * 0.7, `${check.length} against ${full.length}`);
  // The JSON tables are read from dist/server/data, not bundled.
  assert.ok(!check.includes('"autoactivation_volume_list"'));
  const bin = join(root, 'bin', 'blockwise.js');
  const args = ['--format', 'json', join(root, 'samples')];
  const viaCheck = run(bin, ['check', ...args]);
  // The same check in-process through the full bundle's main().
  const viaFull = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(root, 'dist', 'server', 'cli.js'))}).main(['check', ...${JSON.stringify(args)}]).then((c) => { process.exitCode = c; })`], { encoding: 'utf8', env: { ...process.env, BLOCKWISE_PARSER: 'wasm' } });
  assert.equal(viaCheck.status, 1, viaCheck.stderr);
  assert.equal(viaFull.status, 1, viaFull.stderr);
  assert.equal(viaCheck.stdout, viaFull.stdout);
  assert.ok(JSON.parse(viaCheck.stdout).length >= 10);
});

test('output is written straight to the descriptors: a check loads no stream module, a closed reader ends it quietly', () => {
  const probe = join(mkdtempSync(join(tmpdir(), 'bw-probe-')), 'probe.js');
  // process.moduleLoadList names every built-in module Node loaded (internal/streams/utils is part of
  // Node's own bootstrap; the writable stream comes with process.stdout). Written with fs.
  writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, 'STREAMS=' + process.moduleLoadList.some((m) => /internal\\/streams\\/writable/.test(m)) + '\\n'));\n");
  // Run through the shebang, as a user does (node with --liftoff-only, so the launcher does not
  // need the v8 module, which itself loads streams).
  const r = spawnSync(join(root, 'bin', 'blockwise.js'), ['check', KS], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /1 file checked/);
  assert.match(r.stderr, /STREAMS=false/);
  rmSync(join(probe, '..'), { recursive: true, force: true });
  // `| head -1` closes the pipe after the first line: no EPIPE trace, the exit code is the check's.
  const sh = spawnSync('sh', ['-c', `${JSON.stringify(join(root, 'bin', 'blockwise.js'))} check ${JSON.stringify(join(root, 'test', 'fixtures', 'kickstart', 'real'))} | head -1`], { encoding: 'utf8' });
  assert.equal(sh.stdout.split('\n').filter((l) => l.includes('checked as')).length, 1);
  assert.equal(sh.stderr, '');
});
