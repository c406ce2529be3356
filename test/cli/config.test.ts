// .blockwise.yaml: the loader (located problems, globs, nearest file, repository root), what
// `blockwise check` does with it (severity, ignore, per-path targets; flags win), its JSON Schema,
// and the same tree checked by the CLI and by the language server over stdio giving the same
// findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { main } from '../../server/src/cli';
import { compileGlob } from '../../server/src/config/glob';
import { configFor, findConfigFile, parseConfig } from '../../server/src/config/repoconfig';
import { configCheck, nodeConfigFs } from '../../server/src/config/node';
import { allRules } from '../../server/src/core/rules';
import { loadAll } from '../../server/src/syntax/treesitter';
import { LspClient, repoRoot } from '../lsp/client';

const root = repoRoot();

function capture(): { io: { stdout: (s: string) => void; stderr: (s: string) => void }; out: () => string; err: () => string } {
  let o = '';
  let e = '';
  return { io: { stdout: (s) => (o += s), stderr: (s) => (e += s) }, out: () => o, err: () => e };
}

function write(base: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(base, rel, '..'), { recursive: true });
    writeFileSync(join(base, rel), text);
  }
}

test('globs: names at any depth, anchored paths, **, classes, alternatives, folders cover their contents', () => {
  const cases: [string, string, boolean][] = [
    ['*.ks', 'a.ks', true],
    ['*.ks', 'el8/deep/a.ks', true],
    ['*.ks', 'a.ks.bak', false],
    ['el8/*.ks', 'el8/a.ks', true],
    ['el8/*.ks', 'el8/x/a.ks', false],
    ['el8/*.ks', 'other/el8/a.ks', false],
    ['el8/**', 'el8/x/y/a.ks', true],
    ['el8/**/*.ks', 'el8/a.ks', true],
    ['el8/**/*.ks', 'el8/x/y/a.ks', true],
    ['**/lvm/*.conf', 'hosts/db/lvm/lvm.conf', true],
    ['el8', 'el8/a.ks', true],
    ['el8/', 'el8/sub/a.ks', true],
    ['/ks', 'ks/a.ks', true],
    ['/ks', 'x/ks/a.ks', false],
    ['db[0-9].ks', 'db7.ks', true],
    ['db[!0-9].ks', 'dbx.ks', true],
    ['db[!0-9].ks', 'db7.ks', false],
    ['{el7,el8}/*.ks', 'el7/a.ks', true],
    ['{el7,el8}/*.ks', 'el9/a.ks', false],
    ['pxe hosts/db #1.ks', 'pxe hosts/db #1.ks', true],
    ['a?.ks', 'ab.ks', true],
    ['a?.ks', 'a/.ks', false],
  ];
  for (const [g, path, want] of cases) assert.equal(compileGlob(g).test(path), want, `${g} ~ ${path}`);
  assert.throws(() => compileGlob('[abc'), /unclosed \[/);
  assert.throws(() => compileGlob('{a,b'), /unclosed \{/);
});

test('a config with mistakes: every problem located by line and column, the valid parts kept', async () => {
  await loadAll();
  const text = [
    'severity:',
    '  unguarded-clearpart: error',
    '  no-such-rule: off',
    '  unknown-command: loud',
    'ignore:',
    '  - "legacy/**"',
    '  - "[bad"',
    'targets:',
    '  - paths: [el8/**]',
    '    target: RHEL 8',
    '  - paths: [x/**]',
    '    target: RHEL 99',
    '  - target: RHEL 7',
    'colour: blue',
    '',
  ].join('\n');
  const cfg = parseConfig(text, '/r/.blockwise.yaml', configCheck);
  const got = cfg.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  assert.equal(got.length, 6, got.join('\n'));
  assert.match(got[0], /^3:3 severity: no rule has the code "no-such-rule"/);
  assert.match(got[1], /^4:20 severity: unknown-command must be off, info, warning or error, not "loud"/);
  assert.match(got[2], /^7:5 ignore: "\[bad" is not a valid glob/);
  assert.match(got[3], /^12:13 targets: "RHEL 99" is not a release Blockwise knows/);
  assert.match(got[4], /^13:5 targets: the entry needs paths/);
  assert.match(got[5], /^14:1 unknown key "colour"/);
  assert.deepEqual(cfg.severity, { 'unguarded-clearpart': 'error' });
  assert.equal(cfg.ignore.length, 1);
  assert.deepEqual(cfg.targets.map((t) => t.target), ['RHEL 8']);
  const yamlError = parseConfig('severity: [\n', '/r/.blockwise.yaml', configCheck);
  assert.equal(yamlError.problems.length > 0, true);
  assert.equal(yamlError.problems[0].line >= 1, true);
  assert.deepEqual(parseConfig('', '/r/.blockwise.yaml', configCheck).problems, []);
  assert.deepEqual(parseConfig('# only a comment\n', '/r/.blockwise.yaml', configCheck).problems, []);
});

test('the nearest config applies, the search stops at the repository root, targets go by language', async () => {
  await loadAll();
  const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-find-'));
  write(dir, {
    '.blockwise.yaml': 'severity: {unknown-command: off}\n',
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/.blockwise.yaml': 'targets:\n  - paths: [el7/**]\n    target: RHEL 7\n  - paths: [el7/**]\n    target: 2.02.187\n',
    'repo/el7/sub/.blockwise.yml': 'severity: {unguarded-clearpart: info}\n',
  });
  const repo = join(dir, 'repo');
  assert.equal(findConfigFile(join(repo, 'el7', 'a.ks'), nodeConfigFs), join(repo, '.blockwise.yaml'));
  assert.equal(findConfigFile(join(repo, 'el7', 'sub', 'a.ks'), nodeConfigFs), join(repo, 'el7', 'sub', '.blockwise.yml'));
  assert.equal(findConfigFile(join(dir, 'loose.ks'), nodeConfigFs), join(dir, '.blockwise.yaml'));
  write(dir, { 'repo2/.git/HEAD': 'x\n' });
  assert.equal(findConfigFile(join(dir, 'repo2', 'a.ks'), nodeConfigFs), undefined, 'a config above the repository root does not apply');
  const cfg = parseConfig(readFileSync(join(repo, '.blockwise.yaml'), 'utf8'), join(repo, '.blockwise.yaml'), configCheck);
  const ks = configFor(cfg, join(repo, 'el7', 'a.ks'), (t) => /^RHEL/i.test(t));
  const conf = configFor(cfg, join(repo, 'el7', 'lvm.conf'), (t) => /^2\./.test(t));
  assert.equal(ks.target, 'RHEL 7');
  assert.equal(conf.target, '2.02.187');
  assert.equal(configFor(cfg, join(repo, 'el8', 'a.ks'), () => true).target, undefined);
});

// One tree for the CLI and the language server.
const TREE: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.blockwise.yaml': [
    '# team settings',
    'severity:',
    '  unguarded-clearpart: error',
    '  target-version: warning',
    'ignore:',
    '  - legacy/**',
    'targets:',
    '  - paths: ["el7/**"]',
    '    target: RHEL 7',
    '  - paths: ["el7/**"]',
    '    target: 2.02.187',
    '',
  ].join('\n'),
  'top.ks': 'clearpart --all --initlabel\nautopart\n',
  'el7/db.ks': 'timesource --ntp-server=ntp.example.com\nclearpart --all --initlabel\nautopart\n',
  'el7/lvm.conf': 'devices {\n\tuse_devicesfile = 1\n}\n',
  'el9/db.ks': 'timesource --ntp-server=ntp.example.com\nclearpart --all --initlabel\nautopart\n',
  'el9/lvm.conf': 'devices {\n\tuse_devicesfile = 1\n}\n',
  'legacy/old.ks': 'frobnicate\n',
  'sub/.blockwise.yaml': 'severity:\n  unguarded-clearpart: off\n',
  'sub/x.ks': 'clearpart --all --initlabel\nautopart\nfrobnicate\n',
};

type Seen = Record<string, string[]>;

async function viaCli(dir: string, extra: string[] = []): Promise<{ code: number; seen: Seen; err: string }> {
  const c = capture();
  const cwd = process.cwd();
  process.chdir(dir);
  let code: number;
  try {
    code = await main(['check', '--format', 'json', ...extra, '.'], c.io);
  } finally {
    process.chdir(cwd);
  }
  const seen: Seen = {};
  for (const f of JSON.parse(c.out()) as { path: string; diagnostics: { code: string; severity: string; line: number; column: number }[] }[]) {
    seen[f.path] = f.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
  }
  return { code, seen, err: c.err() };
}

test('blockwise check follows .blockwise.yaml: severities, ignore, per-path targets by language; flags win', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-cli-'));
  write(dir, TREE);
  const { code, seen, err } = await viaCli(dir);
  assert.equal(err, '');
  assert.equal(code, 1);
  assert.deepEqual(Object.keys(seen).sort(), ['el7/db.ks', 'el7/lvm.conf', 'el9/db.ks', 'el9/lvm.conf', 'sub/x.ks', 'top.ks']);
  assert.deepEqual(seen['top.ks'], ['1:1 error unguarded-clearpart']);
  // el7/: checked as RHEL 7 (no timesource there yet) and lvm2 2.02.187 (no devices file yet);
  // the same files elsewhere are RHEL 9 (the default) and the newest lvm2.
  assert.deepEqual(seen['el7/db.ks'], ['1:1 error version-unsupported', '2:1 error unguarded-clearpart']);
  assert.deepEqual(seen['el7/lvm.conf'], ['2:2 warning target-version']);
  assert.deepEqual(seen['el9/db.ks'], ['2:1 error unguarded-clearpart']);
  assert.deepEqual(seen['el9/lvm.conf'], []);
  // The nearer config replaces the root one for sub/.
  assert.deepEqual(seen['sub/x.ks'], ['3:1 error unknown-command']);
  // Flags win over the file.
  const flags = await viaCli(dir, ['--severity', 'unguarded-clearpart=warning', '--target', 'RHEL9']);
  assert.deepEqual(flags.seen['top.ks'], ['1:1 warning unguarded-clearpart']);
  assert.deepEqual(flags.seen['el7/db.ks'], ['2:1 warning unguarded-clearpart']);
  // A kickstart --target leaves lvm.conf files to the file's lvm2 target.
  assert.deepEqual(flags.seen['el7/lvm.conf'], ['2:2 warning target-version']);
  const none = await viaCli(dir, ['--no-config']);
  assert.ok(none.seen['legacy/old.ks'], '--no-config checks ignored files too');
  assert.deepEqual(none.seen['top.ks'], ['1:1 warning unguarded-clearpart']);
  // An ignored file named on the command line (pre-commit passes names) is not checked either.
  const c = capture();
  assert.equal(await main(['check', join(dir, 'legacy', 'old.ks')], c.io), 0);
  assert.match(c.out(), /0 files checked.*1 ignored by \.blockwise\.yaml/);
  // Standard input named with --stdin-filename gets the config of that name (el7/: RHEL 7).
  const named = spawnSync(process.execPath, [join(root, 'bin', 'blockwise.js'), 'check', '--format', 'json', '--stdin-filename', 'el7/db.ks', '-'], { cwd: dir, input: TREE['el7/db.ks'], encoding: 'utf8' });
  assert.equal(named.stderr, '');
  assert.deepEqual(
    JSON.parse(named.stdout).map((f: { path: string; diagnostics: { code: string }[] }) => [f.path, f.diagnostics.map((d) => d.code)]),
    [['el7/db.ks', ['version-unsupported', 'unguarded-clearpart']]],
  );
});

test('a broken .blockwise.yaml is exit 2 with its problems located, the files still checked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-bad-'));
  write(dir, { '.git/HEAD': 'x\n', '.blockwise.yaml': 'severity:\n  unguarded-clearpart: loud\n', 'a.ks': 'clearpart --all --initlabel\nautopart\n' });
  const c = capture();
  assert.equal(await main(['check', join(dir, 'a.ks')], c.io), 2);
  assert.match(c.err(), /\.blockwise\.yaml:2:24: severity: unguarded-clearpart must be off, info, warning or error, not "loud"/);
  assert.match(c.out(), /warning \[unguarded-clearpart\]/);
});

test('hostile configs: too big is refused before parsing, deep nesting is a located problem, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-hostile-'));
  write(dir, { '.git/HEAD': 'x\n', 'big/.blockwise.yaml': `# ${'x'.repeat(70 * 1024)}\n`, 'big/a.ks': 'autopart\n', 'deep/.blockwise.yaml': '['.repeat(60 * 1024), 'deep/a.ks': 'autopart\n' });
  for (const [sub, re] of [
    ['big', /big\/\.blockwise\.yaml:1:1: cannot read: over 64 KiB, not a \.blockwise\.yaml/],
    ['deep', /deep\/\.blockwise\.yaml:\d+:\d+: /],
  ] as [string, RegExp][]) {
    const c = capture();
    assert.equal(await main(['check', join(dir, sub, 'a.ks')], c.io), 2, sub);
    assert.match(c.err(), re, sub);
    assert.match(c.out(), /1 file checked/, sub);
  }
});

test('the language server gives the same findings as the CLI on the same tree (over stdio)', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-lsp-'));
  write(dir, TREE);
  const cli = await viaCli(dir);
  // Settings of the editor that the repository file overrides (its severity and its target).
  const c = LspClient.start({ settings: { severity: { 'unguarded-clearpart': 'hint' }, kickstart: { target: 'RHEL9' } } });
  try {
    await c.initialize({ diagnosticsDelay: 0 });
    const lsp: Seen = {};
    const LEVEL: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
    for (const rel of Object.keys(TREE).filter((p) => p.endsWith('.ks') || p.endsWith('.conf'))) {
      const uri = pathToFileURL(join(dir, rel)).href;
      const got = c.waitDiagnostics(uri, () => true, 20000);
      await c.open(uri, rel.endsWith('.ks') ? 'kickstart' : 'lvm-conf', TREE[rel]);
      const p = await got;
      if (rel.startsWith('legacy/')) {
        assert.deepEqual(p.diagnostics, [], 'an ignored file has no diagnostics in the editor');
        continue;
      }
      lsp[rel] = p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${LEVEL[d.severity ?? 2]} ${String(d.code)}`);
    }
    assert.deepEqual(lsp, cli.seen);
    // The release the status bar shows comes from the config too.
    const rel = await c.request<{ label: string; source: string } | null>('blockwise/release', { uri: pathToFileURL(join(dir, 'el7', 'db.ks')).href });
    assert.equal(rel?.label, 'RHEL 7');
    assert.equal(rel?.source, 'explicit');
    // A config with a mistake: logged, the user told once (window/showMessage), the rest applied.
    const warned = new Promise<string>((resolve) => c.conn.onNotification('window/showMessage', (p: { message: string }) => resolve(p.message)));
    writeFileSync(join(dir, '.blockwise.yaml'), 'severity:\n  unguarded-clearpart: loud\n  unknown-command: off\n');
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.blockwise.yaml')).href, type: 2 }] });
    assert.match(await warned, /\.blockwise\.yaml has 1 problem \(line 2: severity: unguarded-clearpart must be off, info, warning or error, not "loud"\)/);
    // Editing the config and telling the server (the client's file watcher) changes the findings.
    writeFileSync(join(dir, '.blockwise.yaml'), 'severity:\n  unguarded-clearpart: warning\n');
    const uri = pathToFileURL(join(dir, 'top.ks')).href;
    const again = c.waitDiagnostics(uri, (p) => p.diagnostics.some((d) => d.severity === 2), 20000);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.blockwise.yaml')).href, type: 2 }] });
    await again;
  } finally {
    await c.shutdown();
  }
});

test('the JSON Schema of .blockwise.yaml: valid configs pass, mistakes fail, its codes exist and its pattern admits every code', async () => {
  await loadAll();
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'blockwise-config.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const ok = [
    {},
    { severity: { 'unguarded-clearpart': 'error', 'abbreviated-option': 'off' } },
    { ignore: ['legacy/**'], targets: [{ paths: ['el8/**'], target: 'RHEL 8' }, { paths: ['el8/**'], target: '2.03.14' }, { paths: ['f/**'], target: 'F45' }] },
  ];
  for (const c of ok) assert.ok(validate(c), JSON.stringify(validate.errors));
  const bad = [{ severity: { 'unguarded-clearpart': 'loud' } }, { colour: 'blue' }, { targets: [{ target: 'RHEL 8' }] }, { targets: [{ paths: ['x'], target: 'RHEL 99' }] }, { ignore: 'x' }];
  for (const c of bad) assert.ok(!validate(c), JSON.stringify(c));
  const codes = new Set(allRules().map((r) => r.code));
  const listed = new Set(schema.properties.severity.propertyNames.anyOf[0].enum as string[]);
  for (const c of listed) assert.ok(codes.has(c), `${c} is listed in the schema but no rule has it (node scripts/config-schema.mjs)`);
  // Completion in the editor offers the listed codes: every rule must be there.
  for (const c of codes) assert.ok(listed.has(c), `${c} is a rule but the schema does not list it (node scripts/config-schema.mjs)`);
  const pattern = new RegExp(schema.properties.severity.propertyNames.anyOf[1].pattern);
  for (const c of codes) assert.match(c, pattern);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: ['.blockwise.yaml', '.blockwise.yml'], url: './schemas/blockwise-config.schema.json' }]);
});
