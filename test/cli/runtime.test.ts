// The CLI's parser runtime: the bundled `blockwise` binary parses with the native tree-sitter
// binding when it loads and with web-tree-sitter (wasm) otherwise; BLOCKWISE_PARSER forces one.
// Whatever the runtime, the findings are the same, byte for byte, on the shipped samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeLanguage, nativeModule } from '../../server/src/syntax/native';
import { repoRoot } from '../support/util';

const root = repoRoot();
const bin = join(root, 'bin', 'blockwise.js');
// Every language and a folder walk: lvm.conf, profiles, metadata backups/archives, kickstarts.
const SAMPLES = join(root, 'samples');

function run(env: Record<string, string | undefined>, args = ['check', '--format', 'json', SAMPLES]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, BLOCKWISE_PARSER: undefined, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function nativeProblem(): string | undefined {
  try {
    nativeModule();
    for (const g of ['lvm', 'kickstart', 'bash'] as const) nativeLanguage(g);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

test('blockwise check gives the same JSON with BLOCKWISE_PARSER=wasm, =native and unset', (t) => {
  const wasm = run({ BLOCKWISE_PARSER: 'wasm' });
  assert.equal(wasm.status, 1, wasm.stderr); // the samples hold the incidents the README shows
  const findings = (JSON.parse(wasm.stdout) as { diagnostics: unknown[] }[]).reduce((n, f) => n + f.diagnostics.length, 0);
  assert.ok(findings > 10, `only ${findings} findings on the samples`);
  const auto = run({});
  assert.equal(auto.status, wasm.status, auto.stderr);
  assert.equal(auto.stdout, wasm.stdout);
  const why = nativeProblem();
  if (why) {
    assert.notEqual(process.env.BLOCKWISE_PARSER, 'native', why);
    t.skip(`native runtime not built here: ${why}`);
    return;
  }
  const native = run({ BLOCKWISE_PARSER: 'native' });
  assert.equal(native.status, wasm.status, native.stderr);
  assert.equal(native.stdout, wasm.stdout);
});

test('when a grammar binding does not load the CLI falls back to wasm mid-run, and BLOCKWISE_PARSER=native says why', () => {
  // BLOCKWISE_GRAMMARS_DIR hides our grammars' bindings; tree-sitter-bash's still loads, so a
  // kickstart (bash grammar) before a metadata file (lvm grammar) switches runtime between files.
  const empty = mkdtempSync(join(tmpdir(), 'blockwise-nogrammars-'));
  const ks = join(SAMPLES, 'kickstart', 'guarded-raid10-lvm.ks');
  const meta = join(SAMPLES, 'metadata', 'backup', 'vg.data+1');
  for (const files of [[ks, meta, ks], [meta, ks]]) {
    const wasm = run({ BLOCKWISE_PARSER: 'wasm' }, ['check', '--format', 'json', ...files]);
    assert.ok(wasm.status === 0 || wasm.status === 1, wasm.stderr);
    const fallback = run({ BLOCKWISE_GRAMMARS_DIR: empty }, ['check', '--format', 'json', ...files]);
    assert.equal(fallback.status, wasm.status, fallback.stderr);
    assert.equal(fallback.stdout, wasm.stdout);
  }
  const forced = run({ BLOCKWISE_PARSER: 'native', BLOCKWISE_GRAMMARS_DIR: empty }, ['check', meta]);
  assert.equal(forced.status, 2);
  // Without the runtime itself (no compiler at npm ci) the runtime is what is named.
  let runtimeLoads = true;
  try {
    nativeModule();
  } catch {
    runtimeLoads = false;
  }
  const what = runtimeLoads ? 'lvm grammar' : 'tree-sitter binding';
  assert.match(forced.stderr, new RegExp(`^blockwise: BLOCKWISE_PARSER=native but the native ${what} does not load`, 'm'));
});

test('a BLOCKWISE_PARSER value other than wasm, native or auto is a usage error', () => {
  const r = run({ BLOCKWISE_PARSER: 'fast' }, ['check', join(SAMPLES, 'lvm', 'lvmlocal.conf')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /BLOCKWISE_PARSER must be wasm, native or auto/);
});

test('blockwise --help says which parser runtime is used and how to force one', () => {
  const r = run({}, ['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /native tree-sitter binding when it loads, else web-tree-sitter/);
  assert.match(r.stdout, /BLOCKWISE_PARSER=wasm\|native/);
});
