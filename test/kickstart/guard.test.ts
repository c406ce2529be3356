// %pre guard analysis over the real tree-sitter-bash parse.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScript, guardVerdict, isShellInterpreter, MAX_SCRIPT_DEPTH } from '../../server/src/kickstart/guard';
import { loadLanguage } from '../../server/src/syntax/treesitter';

before(async () => {
  await loadLanguage('bash');
});

const verdict = (body: string, erroronfail = true, interpreter?: string) => guardVerdict(analyzeScript(body, interpreter), erroronfail);

test('an if on vgs output that exits 1 is a guard with --erroronfail, ineffective without', () => {
  const body = 'if vgs --noheadings 2>/dev/null | grep -q .; then\n  echo "data" >&2\n  exit 1\nfi\n';
  assert.equal(verdict(body, true).strength, 'guard');
  assert.equal(verdict(body, false).strength, 'ineffective');
  assert.equal(verdict(body).stop?.status, 1);
});

test('exit 0 and unconditional exits unrelated to storage are not guards', () => {
  assert.equal(verdict('if vgs | grep -q .; then\n  exit 0\nfi\n').strength, 'none');
  assert.equal(verdict('echo hello\nexit 1\n').strength, 'none');
  assert.equal(verdict('if [ -f /tmp/x ]; then exit 1; fi\n').strength, 'none');
});

test('&& / || lists: the left side governs the exit', () => {
  assert.equal(verdict('[ -e /proc/mdstat ] && grep -q active /proc/mdstat && exit 2\n').strength, 'guard');
  assert.equal(verdict('grep -q md /proc/mdstat || exit 3\n').strength, 'guard');
  assert.equal(verdict('exit 1 && vgs\n').strength, 'none');
});

test('a variable assigned from an inspection taints the condition that reads it', () => {
  const body = 'VGS=$(lvm vgs --noheadings -o vg_name)\nif [ -n "$VGS" ]; then\n  exit 1\nfi\n';
  assert.equal(verdict(body).strength, 'guard');
  const unrelated = 'X=$(hostname)\nif [ -n "$X" ]; then\n  exit 1\nfi\n';
  assert.equal(verdict(unrelated).strength, 'none');
});

test('powering off when blkid finds a signature guards even without --erroronfail', () => {
  const body = 'for dev in $(lsblk -dpno NAME); do\n  if blkid -p "$dev" >/dev/null 2>&1; then\n    poweroff -f\n  fi\ndone\n';
  const v = verdict(body, false);
  assert.equal(v.strength, 'guard');
  assert.equal(v.stop?.kind, 'halt');
});

test('an exit inside a pipeline loop only ends the subshell', () => {
  const body = 'lsblk -dno NAME | while read d; do\n  if blkid /dev/$d; then exit 1; fi\ndone\n';
  const v = verdict(body);
  assert.equal(v.strength, 'none');
  assert.equal(v.subshellExits.length, 1);
});

test('a stop inside a function counts where the function is called', () => {
  const body = 'die() { echo "$1" >&2; exit 4; }\nif mdadm --examine --scan | grep -q ARRAY; then\n  die "md arrays found"\nfi\n';
  const v = verdict(body);
  assert.equal(v.strength, 'guard');
  assert.equal(v.stop?.status, 4);
});

test('destructive commands do not count as looking at storage', () => {
  assert.equal(verdict('wipefs -a /dev/sda && exit 1\n').strength, 'none');
  assert.equal(verdict('mdadm --stop --scan || exit 1\n').strength, 'none');
  assert.equal(verdict('wipefs -n /dev/sda | grep -q . && exit 1\n').strength, 'guard');
});

test('files written by the script: heredoc and echo bodies are captured', () => {
  const body = 'DISK=sda\ncat > /tmp/part-include <<EOT\nclearpart --all --initlabel\npart / --ondisk=$DISK\nEOT\necho "zerombr" >> /tmp/part-include\necho hi >/dev/null\n';
  const a = analyzeScript(body);
  const paths = a.writes.map((w) => w.path);
  assert.deepEqual(paths, ['/tmp/part-include', '/tmp/part-include']);
  assert.match(a.writes[0].text, /clearpart --all/);
  assert.equal(a.writes[1].append, true);
  assert.match(a.writes[1].text, /zerombr/);
});

test('non-shell interpreters are not analysed', () => {
  assert.equal(isShellInterpreter('/usr/bin/python3'), false);
  assert.equal(isShellInterpreter('/bin/bash'), true);
  assert.equal(isShellInterpreter(undefined), true);
  const v = verdict('import sys\nsys.exit(1)\n', true, '/usr/bin/python3');
  assert.equal(v.strength, 'unknown');
});

test('a %pre nested deeper than MAX_SCRIPT_DEPTH is "cannot tell", in time linear in its size (was quadratic: 32,000 deep took 62 s)', () => {
  const nested = (n: number, inner: string) => 'if true; then\n'.repeat(n) + inner + 'fi\n'.repeat(n);
  // Within the bound a guard deep inside ifs is still read.
  const ok = analyzeScript(nested(20, 'lsblk -n /dev/sda | grep -q part && exit 1\n'));
  assert.equal(ok.analyzed, true);
  assert.equal(ok.stops.length, 1);
  const time = (n: number) => {
    const t0 = performance.now();
    const a = analyzeScript(nested(n, 'exit 1\n'));
    return { a, ms: performance.now() - t0 };
  };
  const small = time(2_000);
  const big = time(100_000);
  for (const { a } of [small, big]) assert.equal(a.analyzed, false);
  assert.match(small.a.reason ?? '', new RegExp(`more than ${MAX_SCRIPT_DEPTH} levels`));
  // On a loaded machine the parse of the 100,000-deep script may reach the shell parser's own time
  // budget before the depth check: both end in "cannot tell", which is what matters here.
  assert.match(big.a.reason ?? '', new RegExp(`more than ${MAX_SCRIPT_DEPTH} levels|time budget`));
  // 50x the input: linear would be ~50x; quadratic (the old cost) would be ~2,500x.
  assert.ok(big.ms < Math.max(small.ms, 5) * 400, `2,000 deep ${small.ms.toFixed(0)} ms, 100,000 deep ${big.ms.toFixed(0)} ms`);
  assert.equal(guardVerdict(big.a, true).strength, 'unknown');
});
