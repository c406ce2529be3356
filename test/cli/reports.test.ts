// CI reports of `blockwise check`: SARIF validated against the official SARIF 2.1.0 schema (the
// schema file shipped by an npm package, a JSON Schema validator), URIs, GitHub's line
// fingerprints against the test vectors of GitHub's upload action, GitHub workflow commands, GitLab
// Code Quality; --help of every subcommand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { lineHashes } from '../../server/src/report/fingerprint';
import { repoRoot } from '../lsp/client';

const root = repoRoot();
const bin = join(root, 'bin', 'blockwise.js');

function run(args: string[], cwd: string, input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Test vectors of github/codeql-action's src/fingerprints.test.ts (inputs and expected hashes).
const VECTORS: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End', ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1']],
  ...[' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n', ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r', ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n'].map(
    (s): [string, string[]] => [s, ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  ),
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`), 'a7f2ff1481e87703:1', 'a9cf91f7bbf1862b:1', '55ec222b86bcae53:1', 'cc97dc7b1d7d8f7b:1', 'c129715d7a2bc9a3:1'],
  ],
];

test('line fingerprints equal those of GitHub\'s upload action (its published test vectors)', () => {
  for (const [input, want] of VECTORS) {
    const got = lineHashes(input);
    assert.deepEqual([...got.keys()], want.map((_, i) => i + 1), JSON.stringify(input));
    assert.deepEqual([...got.values()], want, JSON.stringify(input));
  }
  // Only the lines asked for are kept; the hash of a line does not depend on which are asked for.
  const text = VECTORS[VECTORS.length - 1][0];
  assert.deepEqual([...lineHashes(text, new Set([7])).entries()], [[7, 'a7f2ff1481e87703:1']]);
});

/** A repository with awkward names, a file outside it, and a subfolder as the working folder. */
function tree(): { dir: string; repo: string; outside: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bw-reports-'));
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'pxe hosts'), { recursive: true });
  mkdirSync(join(repo, 'lvm'), { recursive: true });
  writeFileSync(join(repo, 'pxe hosts', 'db #1.ks'), `clearpart --all --initlabel\nautopart\n${'frobnicate\n'.repeat(12)}`);
  writeFileSync(join(repo, 'pxe hosts', 'ok%20.ks'), '#version=RHEL9\nignoredisk --only-use=sda\nclearpart --all --initlabel --drives=sda\nautopart\n');
  writeFileSync(join(repo, 'lvm', 'lvm.conf'), 'devices {\n\tfilter = [ "a|sda|" ]\n}\n');
  const outside = join(dir, 'elsewhere ks');
  mkdirSync(outside);
  writeFileSync(join(outside, 'x.ks'), 'frobnicate\n');
  return { dir, repo, outside };
}

test('SARIF validates against the SARIF 2.1.0 schema; URIs, base ids, fingerprints, rules, invocations', () => {
  const { repo, outside } = tree();
  const schema = JSON.parse(readFileSync(join(root, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const compiled = ajv.compile(schema);
  // A plain boolean (ajv's type guard would narrow the parsed report to `unknown`).
  const validate = Object.assign((x: unknown): boolean => compiled(x), { get errors() { return compiled.errors; } });
  // From a subfolder of the repository: %SRCROOT% is still the repository root.
  const r = run(['check', '--format', 'sarif', '.', join(outside, 'x.ks'), join(repo, 'lvm')], join(repo, 'pxe hosts'));
  assert.equal(r.status, 1, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  const run0 = sarif.runs[0];
  assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(repo).href}/`);
  assert.equal(run0.invocations[0].executionSuccessful, true);
  const uris = [...new Set(run0.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => JSON.stringify(x.locations[0].physicalLocation.artifactLocation)))].sort();
  assert.deepEqual(uris, [
    JSON.stringify({ uri: pathToFileURL(join(outside, 'x.ks')).href }),
    JSON.stringify({ uri: 'lvm/lvm.conf', uriBaseId: '%SRCROOT%' }),
    JSON.stringify({ uri: 'pxe%20hosts/db%20%231.ks', uriBaseId: '%SRCROOT%' }),
  ].sort());
  assert.ok(uris[0].includes('elsewhere%20ks'), 'an absolute file URI is percent-encoded too');
  // Fingerprints: identical lines followed by the same 100 characters share a hash, numbered :1, :2, ...
  const db = run0.results.filter((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('pxe'));
  const text = readFileSync(join(repo, 'pxe hosts', 'db #1.ks'), 'utf8');
  const want = lineHashes(text);
  for (const x of db) assert.equal(x.partialFingerprints.primaryLocationLineHash, want.get(x.locations[0].physicalLocation.region.startLine));
  const unknown = db.filter((x: { ruleId: string }) => x.ruleId === 'unknown-command').map((x: { partialFingerprints: { primaryLocationLineHash: string } }) => x.partialFingerprints.primaryLocationLineHash);
  assert.equal(unknown.length, 12);
  assert.match(unknown[0], /:1$/);
  assert.equal(unknown[1], unknown[0].replace(/:1$/, ':2'));
  // Rules: a name that is not the id, help in text and Markdown, tags, precision, problem.severity.
  for (const rule of run0.tool.driver.rules) {
    assert.notEqual(rule.name, rule.id);
    assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/);
    assert.ok(rule.help.text.length > 20 && rule.help.markdown.includes('**'), rule.id);
    assert.ok(rule.properties.tags.some((t: string) => ['kickstart', 'lvm-conf', 'lvm-metadata'].includes(t)), rule.id);
    assert.ok(rule.properties.tags.some((t: string) => ['safety', 'syntax', 'version'].includes(t)), rule.id);
    assert.ok(['very-high', 'high', 'medium'].includes(rule.properties.precision), rule.id);
    assert.ok(['error', 'warning', 'recommendation'].includes(rule.properties['problem.severity']), rule.id);
  }
  const byId = Object.fromEntries(run0.tool.driver.rules.map((x: { id: string }) => [x.id, x]));
  assert.deepEqual(byId['unguarded-clearpart'].properties.tags, ['kickstart', 'safety']);
  assert.deepEqual(byId['unknown-command'].properties.tags, ['kickstart', 'syntax']);
  for (const x of run0.results) assert.equal(run0.tool.driver.rules[x.ruleIndex].id, x.ruleId);

  // Standard input: named by --stdin-filename (relative to the working folder), else no URI at all.
  const named = run(['check', '--format', 'sarif', '--stdin-filename', 'pxe hosts/new.ks', '-'], repo, 'frobnicate\n');
  const namedSarif = JSON.parse(named.stdout);
  assert.ok(validate(namedSarif));
  assert.deepEqual(namedSarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'pxe%20hosts/new.ks', uriBaseId: '%SRCROOT%' });
  assert.equal(namedSarif.runs[0].results[0].partialFingerprints.primaryLocationLineHash, lineHashes('frobnicate\n').get(1));
  const unnamed = run(['check', '--format', 'sarif', '--language', 'kickstart', '-'], repo, 'frobnicate\n');
  const unnamedSarif = JSON.parse(unnamed.stdout);
  assert.ok(validate(unnamedSarif));
  assert.equal(unnamedSarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, undefined);
  assert.ok(!unnamed.stdout.includes('<stdin>'));

  // A file that cannot be read: exit 2, executionSuccessful false, the reason as a notification.
  const missing = run(['check', '--format', 'sarif', 'nope.ks'], repo);
  assert.equal(missing.status, 2);
  const missingSarif = JSON.parse(missing.stdout);
  assert.ok(validate(missingSarif));
  assert.equal(missingSarif.runs[0].invocations[0].executionSuccessful, false);
  assert.match(missingSarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /cannot read nope\.ks/);
});

test('--format github: workflow commands with repository paths, positions, rule as title, escaped text', () => {
  const { repo } = tree();
  const r = run(['check', '--format', 'github', '.'], join(repo, 'pxe hosts'));
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 13);
  assert.deepEqual(
    lines.slice(0, 3).map((l) => l.slice(0, l.indexOf('::', 2))),
    [
      '::warning file=pxe hosts/db #1.ks,line=1,col=1,endLine=1,endColumn=28,title=unguarded-clearpart',
      '::error file=pxe hosts/db #1.ks,line=3,col=1,endLine=3,endColumn=11,title=unknown-command',
      '::error file=pxe hosts/db #1.ks,line=4,col=1,endLine=4,endColumn=11,title=unknown-command',
    ],
  );
  // A file name with a line break and a command cannot start a workflow command of its own.
  const odd = join(repo, 'x\n::error file=y::forged\u001b[2J.ks');
  writeFileSync(odd, 'frobnicate\n');
  const forged = run(['check', '--format', 'github', odd], repo);
  assert.equal(forged.stdout.trimEnd().split('\n').length, 1, forged.stdout);
  assert.match(forged.stdout, /^::error file=x\\x0a%3A%3Aerror file=y%3A%3Aforged\\x1b\[2J\.ks,line=1,/);
  // `%` in a message is escaped (workflow commands read %XX as an escape).
  assert.match(lines[0], /no %25pre --erroronfail guard/);
  for (const l of lines) assert.doesNotMatch(l.slice(l.indexOf('::', 2) + 2), /%(?!25|0D|0A)/);
});

test('--format codeclimate: GitLab Code Quality issues, fingerprints unique and stable across runs and line moves', () => {
  const { repo } = tree();
  const a = run(['check', '--format', 'codeclimate', '.'], repo);
  assert.equal(a.status, 1);
  const issues = JSON.parse(a.stdout) as { type: string; check_name: string; description: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
  assert.ok(issues.length >= 4);
  for (const i of issues) {
    assert.equal(i.type, 'issue');
    assert.ok(i.description && i.check_name);
    assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
    assert.ok(!i.location.path.startsWith('/') && !i.location.path.startsWith('.'), i.location.path);
    assert.ok(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1);
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  const b = JSON.parse(run(['check', '--format', 'codeclimate', '.'], repo).stdout) as typeof issues;
  assert.deepEqual(b.map((i) => i.fingerprint), issues.map((i) => i.fingerprint), 'stable across runs');
  // Lines inserted above a finding move it, not its fingerprint.
  const file = join(repo, 'pxe hosts', 'db #1.ks');
  writeFileSync(file, `# a comment\n# another\n${readFileSync(file, 'utf8')}`);
  const c = JSON.parse(run(['check', '--format', 'codeclimate', '.'], repo).stdout) as typeof issues;
  assert.deepEqual(c.map((i) => i.fingerprint).sort(), issues.map((i) => i.fingerprint).sort());
  assert.deepEqual(c.map((i) => i.location.lines.begin).filter((n, k) => issues[k].location.path.startsWith('pxe')), issues.filter((i) => i.location.path.startsWith('pxe')).map((i) => i.location.lines.begin + 2));
  const sev = Object.fromEntries(issues.map((i) => [i.check_name, i.severity]));
  assert.equal(sev['unknown-command'], 'critical');
  assert.equal(sev['unguarded-clearpart'], 'major');
});

test('--help on every subcommand prints its usage and exits 0', () => {
  for (const [cmd, re] of [
    ['check', /usage: blockwise check .*--stdin-filename/s],
    ['map', /usage: blockwise map/],
    ['rules', /usage: blockwise rules/],
    ['backups', /blockwise backups/],
    ['hosts', /usage: blockwise hosts/],
  ] as [string, RegExp][]) {
    for (const flag of ['--help', '-h']) {
      const r = run([cmd, flag], root);
      assert.equal(r.status, 0, `${cmd} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, re, `${cmd} ${flag}`);
      assert.equal(r.stderr, '');
    }
  }
  // After `--`, --help is a file name.
  const r = run(['check', '--', '--help'], root);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read --help/);
});
