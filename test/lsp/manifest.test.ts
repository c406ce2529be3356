// The extension manifest and what the .vsix ships: languages, grammars, snippets, nls strings,
// workspace trust, activation, and `vsce ls` against the allowlist .vscodeignore.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './client';

const root = repoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const c = pkg.contributes;

test('three languages with configuration, TextMate grammar and snippets', () => {
  const ids = c.languages.map((l: { id: string }) => l.id);
  assert.deepEqual(ids, ['lvm-conf', 'lvm-metadata', 'kickstart']);
  for (const l of c.languages) {
    assert.ok(existsSync(join(root, l.configuration)), l.configuration);
    JSON.parse(readFileSync(join(root, l.configuration), 'utf8'));
    const g = c.grammars.find((x: { language: string }) => x.language === l.id);
    assert.ok(g && existsSync(join(root, g.path)), `grammar of ${l.id}`);
    assert.equal(JSON.parse(readFileSync(join(root, g.path), 'utf8')).scopeName, g.scopeName);
    const s = c.snippets.find((x: { language: string }) => x.language === l.id);
    assert.ok(s && Object.keys(JSON.parse(readFileSync(join(root, s.path), 'utf8'))).length > 0, `snippets of ${l.id}`);
  }
  const byId = Object.fromEntries(c.languages.map((l: { id: string }) => [l.id, l]));
  assert.deepEqual(byId['lvm-conf'].filenames, ['lvm.conf', 'lvmlocal.conf']);
  assert.ok(byId['lvm-conf'].filenamePatterns.includes('**/lvm/profile/*.profile'));
  assert.ok(byId['lvm-metadata'].filenamePatterns.includes('**/lvm/backup/*'));
  assert.ok(byId['lvm-metadata'].filenamePatterns.includes('**/lvm/archive/*.vg'));
  assert.deepEqual(byId.kickstart.extensions, ['.ks']);
  assert.deepEqual(byId.kickstart.filenames, ['ks.cfg', 'anaconda-ks.cfg']);
  assert.ok(byId.kickstart.filenamePatterns.includes('*-ks.cfg'));
  assert.equal(byId.kickstart.firstLine, '^#version=');
  const ks = c.grammars.find((x: { language: string }) => x.language === 'kickstart');
  assert.equal(ks.embeddedLanguages['meta.embedded.block.shell'], 'shellscript');
});

test('every %key% in the manifest has a string in package.nls.json', () => {
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  for (const k of keys) assert.equal(typeof nls[k], 'string', `package.nls.json lacks ${k}`);
  // User-visible manifest strings are all references.
  for (const cmd of c.commands) assert.match(cmd.title, /^%.+%$/, cmd.command);
  for (const l of c.languages) assert.match(l.aliases[0], /^%.+%$/, l.id);
});

test('implicit activation only; main entry; workspace trust limited; virtual workspaces declared', () => {
  assert.ok(!(pkg.activationEvents ?? []).includes('*'));
  assert.equal(pkg.main, './dist/client/extension.js');
  const t = pkg.capabilities.untrustedWorkspaces;
  assert.equal(t.supported, 'limited');
  assert.ok(pkg.capabilities.virtualWorkspaces);
  const props: Record<string, { scope?: string }> = Object.assign({}, ...[c.configuration].flat().map((s: { properties: object }) => s.properties));
  // Every restricted setting is declared and machine-scoped.
  for (const k of t.restrictedConfigurations) {
    assert.ok(props[k], `${k} declared`);
    assert.match(props[k].scope ?? '', /^machine/, `${k} scope`);
  }
  // Settings that run a program or reach a host are restricted.
  for (const k of Object.keys(props)) {
    if (/hostComments|sshPath|\.hosts$|connectionReuse|Path$|command/i.test(k)) assert.ok(t.restrictedConfigurations.includes(k), `${k} should be restricted`);
  }
});

test('the client modules\' fragments are merged (scripts/merge-contributes.mjs --check)', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'merge-contributes.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('vsce ls ships only the allowlist', { timeout: 120000 }, () => {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  assert.ok(existsSync(vsce), '@vscode/vsce is installed');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  for (const must of ['package.json', 'package.nls.json', 'LICENSE', 'README.md', 'dist/client/extension.js', 'dist/server/server.js', 'dist/server/analysis-worker.js', 'dist/wasm/tree-sitter.wasm', 'dist/wasm/tree-sitter-lvm.wasm']) {
    assert.ok(files.includes(must), `${must} missing from the package: ${files.join(', ')}`);
  }
  for (const f of files) {
    assert.doesNotMatch(f, /node_modules\//, f);
    assert.doesNotMatch(f, /\.(ts|map)$/, f);
    assert.doesNotMatch(f, /^(test|server|client|scripts|samples)\//, f);
    assert.doesNotMatch(f, /^docs\/(?!screenshots\/[\w-]+\.png$)/, f);
    assert.doesNotMatch(f, /^dist\/test\//, f);
    assert.doesNotMatch(f, /^\.vscode-test\//, f);
    assert.match(f, /^(package\.json|package\.nls\.json|LICENSE|README\.md|icon\.png|dist\/(client|server|wasm|queries)\/|grammars\/(textmate|tree-sitter-[a-z]+\/queries)\/|snippets\/|schemas\/|language-configuration\/|docs\/screenshots\/[\w-]+\.png$)/, `not in the allowlist: ${f}`);
  }
});

test('the README and docs/ stand alone: every relative link and image resolves inside the repository', () => {
  const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), ...readdirSync(join(root, 'docs', 'rules')).map((f) => `docs/rules/${f}`)];
  for (const f of files) {
    const text = readFileSync(join(root, f), 'utf8');
    assert.doesNotMatch(text, /\.\.\/shared|\/work\/|shared\/reference/, `${f} points outside the repository`);
    for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue;
      const resolved = join(root, dirname(f), target);
      assert.ok(resolved.startsWith(root), `${f}: ${target} leaves the repository`);
      assert.ok(existsSync(resolved), `${f}: ${target} does not exist`);
    }
  }
});
