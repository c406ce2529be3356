// `npm run bench`, section editors: `blockwise lsp` from process start to the initialize response,
// and, in the Neovim harness (test/editors/scripts/nvim-client.lua, Neovim's built-in client), the
// time from opening a 100 KB lvm.conf (Debian's shipped one, plus a typo) to its first diagnostics.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/util';
import { EDITORS, runEditor, serverCommand } from './harness';

/** Milliseconds from spawning the server to its initialize response (a plain client's request). */
export function startToInitialize(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
    const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
    let out = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error('no initialize response within 10 s'));
    }, 10000);
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes('"id":1')) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        p.kill();
        resolve(ms);
      }
    });
  });
}

export async function lspStart(n = 11): Promise<{ blockwise: number[]; bin: number[] }> {
  const blockwise: number[] = [];
  const bin: number[] = [];
  for (let i = 0; i < n; i++) {
    blockwise.push(await startToInitialize(serverCommand('blockwise')));
    bin.push(await startToInitialize(serverCommand('blockwise-language-server')));
  }
  return { blockwise, bin };
}

/** Runs of the Neovim harness on a 100 KB lvm.conf; undefined (with the reason) without nvim. */
export function neovimFirstDiagnostics(n = 5): { runs: { openMs: number; initMs: number }[]; bytes: number } | { skipped: string } {
  const nvim = EDITORS[0];
  const missing = nvim.missing();
  if (missing) return { skipped: missing };
  const text = `${readFileSync(join(repoRoot(), 'samples', 'lvm', 'lvm.conf'), 'utf8')}\nbackup {\n\tretain_dayz = 30\n}\n`;
  const runs: { openMs: number; initMs: number }[] = [];
  for (let i = 0; i < n; i++) {
    const r = runEditor(nvim, serverCommand('blockwise'), [{ rel: 'etc/lvm/lvm.conf', text, code: 'unknown-setting', line: 0, hover: { line: 0, character: 0, contains: '' } }]);
    rmSync(r.dir, { recursive: true, force: true });
    if (r.error || !r.files[0]?.diagnostics.length) throw new Error(`Neovim run failed: ${r.error ?? 'no diagnostics'}`);
    runs.push({ openMs: r.files[0].ms, initMs: r.init_ms ?? NaN });
  }
  return { runs, bytes: Buffer.byteLength(text) };
}
