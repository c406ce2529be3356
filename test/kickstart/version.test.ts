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

test('deprecated options warn, and so do the spellings pykickstart warns about while parsing, at its releases', () => {
  assert.ok(codes('timezone UTC --isUtc\n', 'f45').includes('deprecated-option:warning'));
  // F32_Timezone and later warn about --isUtc (RHEL 9); RHEL 8's handler (F25) and RHEL 7's do not.
  assert.ok(codes('timezone UTC --isUtc\n', 'rhel9').includes('deprecated-option:warning'));
  for (const t of ['rhel7', 'rhel8', 'f31']) assert.ok(!codes('timezone UTC --isUtc\n', t).includes('deprecated-option:warning'), t);
  // --ntpservers and --nontp from F33 (RHEL 9); one warning a line, as pykickstart stops at its first.
  assert.deepEqual(codes('timezone UTC --isUtc --nontp\n', 'rhel9').filter((c) => c.startsWith('deprecated')), ['deprecated-option:warning']);
  assert.ok(codes('timezone UTC --ntpservers=a.example\n', 'f33').includes('deprecated-option:warning'));
  assert.ok(!codes('timezone UTC --ntpservers=a.example\n', 'f32').includes('deprecated-option:warning'));
  // authconfig/auth: F28 to F34, RHEL 8 and 9 warn when it is written; F35 and RHEL 10 removed it.
  for (const t of ['rhel8', 'rhel9', 'f28', 'f34']) assert.ok(codes('auth --enableshadow --passalgo=sha512\n', t).includes('deprecated-command:warning'), t);
  for (const t of ['rhel7', 'f27']) assert.ok(!codes('authconfig --enableshadow\n', t).some((c) => c.startsWith('deprecated')), t);
  assert.ok(codes('auth --enableshadow\n', 'f35').includes('removed-command:error'));
  // %packages --instLangs: RHEL 9 and F32 to F39 ask for --inst-langs; F40 deprecates it; RHEL 8 only knows it.
  assert.ok(codes('%packages --instLangs=en\n@core\n%end\n', 'rhel9').includes('deprecated-option:warning'));
  assert.ok(codes('%packages --instLangs=en\n@core\n%end\n', 'f40').includes('deprecated-option:warning'));
  assert.ok(!codes('%packages --instLangs=en\n@core\n%end\n', 'rhel8').includes('deprecated-option:warning'));
  assert.ok(!codes('%packages --inst-langs=en\n@core\n%end\n', 'rhel9').includes('deprecated-option:warning'));
  // %packages --nobase: deprecated from F18 (RHEL 7), removed from F22: RHEL 9 rejects it.
  assert.ok(codes('%packages --nobase\n@core\n%end\n', 'rhel7').includes('deprecated-option:warning'));
  assert.ok(codes('%packages --nobase\n@core\n%end\n', 'rhel9').some((c) => c.endsWith(':error')));
});
