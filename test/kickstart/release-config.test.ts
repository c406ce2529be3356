// The explicit target from a repository config (.blockwise.yaml `targets`, issue 26) reaches the
// kickstart release resolver as its explicit input, and the reason says where it came from; the
// CLI's --target wins over it; a file no entry matches is read by its evidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const bin = join(root, 'bin', 'blockwise.js');

function targets(dir: string, ...args: string[]): Record<string, { release: string; reason: string }> {
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return Object.fromEntries((JSON.parse(r.stdout) as { path: string; target: { release: string; reason: string } }[]).map((f) => [f.path, f.target]));
}

test('a .blockwise.yaml target is the explicit choice, named in the reason; --target wins; other files keep their evidence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-release-config-'));
  try {
    writeFileSync(join(dir, '.blockwise.yaml'), 'targets:\n  - paths: ["legacy/*.ks"]\n    target: "RHEL 8"\n');
    mkdirSync(join(dir, 'legacy'));
    writeFileSync(join(dir, 'legacy', 'a.ks'), 'install\nautopart\n');
    writeFileSync(join(dir, 'web.ks'), 'url --url=http://mirror.centos.org/centos/7/os/x86_64\nautopart\n');
    const t = targets(dir, join('legacy', 'a.ks'), 'web.ks');
    assert.deepEqual(t[join('legacy', 'a.ks')], { release: 'RHEL 8', reason: 'set by .blockwise.yaml (targets) (RHEL 8)' });
    assert.equal(t['web.ks'].release, 'RHEL 7');
    assert.match(t['web.ks'].reason, /centos\/7\/os/);
    assert.deepEqual(targets(dir, '--target', 'rhel7', join('legacy', 'a.ks'))[join('legacy', 'a.ks')], { release: 'RHEL 7', reason: 'set by --target (rhel7)' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
