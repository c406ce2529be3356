// Version rules: commands and sections per target, #version= handling.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analyze';
import { loadAll } from '../../server/src/syntax/treesitter';
import { resolveTarget, lookupOption, commandSpec } from '../../server/src/kickstart/versions';

before(async () => {
  await loadAll();
});

const run = (text: string, target?: string) => analyzeText('file:///t.ks', 'kickstart', text, { target });
const codes = (text: string, target?: string) => run(text, target).map((f) => `${f.code}:${f.severity}`);

test('targets as pykickstart spells them', () => {
  assert.equal(resolveTarget('RHEL9')?.table, 'RHEL9');
  assert.equal(resolveTarget('DEVEL')?.table, 'F45');
  assert.equal(resolveTarget('F42')?.name, 'f42');
  assert.equal(resolveTarget('rhel10')?.number, 40100);
  // pykickstart ships handlers for RHEL 6 and 7 too; RHEL 5 and older are not checked.
  assert.equal(resolveTarget('RHEL7')?.table, 'RHEL7');
  assert.equal(resolveTarget('RHEL6')?.number, 11100);
  assert.equal(resolveTarget('RHEL5'), undefined);
  assert.ok(!codes('#version=RHEL7\nzerombr\n').includes('version-unsupported:warning'));
  assert.ok(codes('#version=RHEL5\nzerombr\n').includes('version-unsupported:warning'));
});

test('argparse prefixes: exact names win, a unique prefix resolves, a shared one is ambiguous', () => {
  const pre = commandSpec('%pre') ? undefined : undefined;
  void pre;
  const part = commandSpec('part')!.spec.options;
  const l = lookupOption(part, '--ondr', 'RHEL9');
  assert.equal(l.kind === 'ok' && l.match.name, 'ondisk');
  assert.equal(lookupOption(part, '--p', 'RHEL9').kind, 'ambiguous');
  assert.equal(lookupOption(part, '--type', 'RHEL9').kind === 'ok', true);
});

test('deprecated and removed commands per target', () => {
  assert.ok(codes('install\n', 'rhel8').includes('deprecated-command:warning'));
  assert.ok(codes('install\n', 'rhel9').includes('removed-command:error'));
  assert.ok(codes('authconfig --enableshadow\n', 'rhel9').every((c) => !c.endsWith(':error')));
  assert.ok(codes('authconfig --enableshadow\n', 'rhel10').includes('removed-command:error'));
  assert.ok(codes('vnc\n', 'rhel10').includes('deprecated-command:warning'));
  assert.ok(codes('rdp\n', 'rhel9').includes('version-unsupported:error'));
  assert.ok(codes('btrfs / --data=1 btrfs.01\n', 'f45').every((c) => !c.endsWith(':error')));
  assert.ok(codes('mouse\n', 'rhel9').includes('unknown-command:error'));
});

test('sections per target: %traceback deprecated from RHEL 9, %anaconda rejected by current Anaconda', () => {
  assert.deepEqual(codes('%traceback\necho x\n%end\n', 'rhel8'), []);
  assert.ok(codes('%traceback\necho x\n%end\n', 'rhel9').includes('deprecated-section:warning'));
  assert.ok(codes('%anaconda\n%end\n', 'rhel10').includes('removed-section:error'));
  assert.ok(codes('%anaconda\n%end\n', 'rhel8').every((c) => !c.endsWith(':error')));
});

test('deprecated options warn', () => {
  assert.ok(codes('timezone UTC --isUtc\n', 'f45').includes('deprecated-option:warning'));
  assert.ok(!codes('timezone UTC --isUtc\n', 'rhel9').includes('deprecated-option:warning'));
});
