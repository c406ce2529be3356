// The e2e runner's desktop path (@vscode/test-electron with BLOCKWISE_VSCODE_PATH): a stand-in
// "VS Code" that records how it was started shows the runner passes the staged extension, the
// compiled suite and the workspace, and a missing path is a clear failure, not a download.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');
const runner = join(root, 'test', 'e2e', 'run.mjs');

test('desktop path: a missing BLOCKWISE_VSCODE_PATH fails with the reason', () => {
  const r = spawnSync(process.execPath, [runner], { cwd: root, encoding: 'utf8', env: { ...process.env, BLOCKWISE_VSCODE_PATH: '/nonexistent/code', BLOCKWISE_E2E_MODES: 'trusted' }, timeout: 120_000 });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /BLOCKWISE_VSCODE_PATH=\/nonexistent\/code does not exist/);
  assert.match(r.stdout, /e2e: 0 passed, 1 failed/);
});

test('desktop path: @vscode/test-electron starts the given VS Code with the staged extension and the suite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-fake-code-'));
  try {
    const log = join(dir, 'argv.json');
    const fake = join(dir, 'code');
    writeFileSync(fake, `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)));\n`);
    chmodSync(fake, 0o755);
    const r = spawnSync(process.execPath, [runner], { cwd: root, encoding: 'utf8', env: { ...process.env, BLOCKWISE_VSCODE_PATH: fake, BLOCKWISE_E2E_MODES: 'trusted,untrusted' }, timeout: 120_000 });
    assert.match(r.stdout, /e2e \(electron, trusted\): the suite passed/, r.stdout + r.stderr);
    assert.match(r.stdout, /the untrusted run needs code-server; skipped here/);
    const argv = JSON.parse(readFileSync(log, 'utf8')) as string[];
    assert.ok(argv.includes(join(root, 'test', 'e2e', 'workspace')), argv.join(' '));
    assert.ok(argv.some((a) => /^--extensionDevelopmentPath=.*\.vscode-test\/stage-\d+$/.test(a)), argv.join(' '));
    assert.ok(argv.some((a) => /^--extensionTestsPath=.*stage-\d+\/dist\/test\/test\/e2e\/suite\/index\.js$/.test(a)), argv.join(' '));
    assert.ok(argv.includes('--disable-extensions'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
