// Every wasm the build ships loads with the pinned web-tree-sitter, and the bundled CLI (not the
// test build) parses with each grammar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { repoRoot } from '../support/util';

const root = repoRoot();
const wasmDir = join(root, 'dist', 'wasm');

test('web-tree-sitter is pinned to an exact version', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.match(pkg.dependencies['web-tree-sitter'], /^\d+\.\d+\.\d+$/);
  const installed = JSON.parse(readFileSync(join(root, 'node_modules/web-tree-sitter/package.json'), 'utf8')).version;
  assert.equal(installed, pkg.dependencies['web-tree-sitter']);
});

test('every grammar wasm in dist/wasm loads and parses', async () => {
  await Parser.init({ locateFile: (f: string) => join(wasmDir, f) });
  const grammars = readdirSync(wasmDir).filter((f) => f.endsWith('.wasm') && f !== 'tree-sitter.wasm');
  assert.deepEqual(grammars.sort(), ['tree-sitter-bash.wasm', 'tree-sitter-kickstart.wasm', 'tree-sitter-lvm.wasm']);
  const samples: Record<string, string> = {
    'tree-sitter-bash.wasm': 'if vgs >/dev/null 2>&1; then exit 1; fi\n',
    'tree-sitter-kickstart.wasm': 'clearpart --all\n%pre --erroronfail\nexit 0\n%end\n',
    'tree-sitter-lvm.wasm': 'backup {\n\tretain_min = 10\n}\n',
  };
  for (const g of grammars) {
    const lang = await Language.load(readFileSync(join(wasmDir, g)));
    assert.ok(lang.abiVersion >= 13 && lang.abiVersion <= 15, `${g}: ABI ${lang.abiVersion}`);
    const p = new Parser();
    p.setLanguage(lang);
    const tree = p.parse(samples[g]);
    assert.ok(tree, g);
    assert.equal(tree.rootNode.hasError, false, `${g}: ${tree.rootNode.toString()}`);
    tree.delete();
    p.delete();
  }
});

test('the bundled CLI parses with every grammar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blockwise-wasm-'));
  writeFileSync(join(dir, 'lvm.conf'), 'backup {\n\tretain_min = 10\n}\n');
  writeFileSync(join(dir, 'ks.cfg'), '#version=RHEL9\ntext\n%pre --erroronfail\nif vgs | grep -q .; then exit 1; fi\n%end\n');
  const r = spawnSync(process.execPath, [join(root, 'bin', 'blockwise.js'), 'check', '--format', 'json', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout) as { language: string }[];
  assert.deepEqual(out.map((x) => x.language).sort(), ['kickstart', 'lvm-conf']);
});
