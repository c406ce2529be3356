// The analysis pool's part in "the language server never dies of one file" (issue 28): a worker
// whose memory ran out is not given another job, and one that held a big document is replaced
// once that document is closed (its memory given back). Real worker bundle, and a worker script
// that fails the way web-tree-sitter does when its wasm heap cannot grow.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AnalysisPool, type JobInput, type PoolOptions } from '../../server/src/worker/pool';
import { repoRoot } from '../lsp/client';

const WORKER = join(repoRoot(), 'dist', 'server', 'analysis-worker.js');
const dir = mkdtempSync(join(tmpdir(), 'bw-pool-sec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const job = (over: Partial<JobInput> = {}): JobInput => ({ task: 'analyze', uri: 'file:///x/lvm.conf', languageId: 'lvm-conf', version: 1, text: 'global {\n\tumask = 077\n}\n', options: {}, ...over });
const opts = (script: string, over: Partial<PoolOptions> = {}): PoolOptions => ({ script, min: 1, max: 1, budgetMs: () => 60_000, stopAfterMs: 100, idleMs: 60_000, ...over });

async function until(pred: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('analysis pool: memory', () => {
  test('a worker that reports its memory exhausted is ended and replaced; the job counts as a death', async () => {
    const script = join(dir, 'oom.js');
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready', errors: {} });
parentPort.on('message', (m) => {
  if (m.type !== 'run') return;
  parentPort.postMessage({ type: 'start', id: m.id });
  if (m.text === 'oom') parentPort.postMessage({ type: 'error', id: m.id, message: 'Aborted(OOM). Build with -sASSERTIONS for more info.' });
  else if (m.text === 'bug') parentPort.postMessage({ type: 'error', id: m.id, message: 'Cannot read properties of undefined' });
  else parentPort.postMessage({ type: 'result', id: m.id, value: [] });
});\n`,
    );
    const pool = new AnalysisPool(opts(script));
    try {
      const bug = await pool.submit(job({ text: 'bug' }));
      assert.deepEqual(bug, { kind: 'failed', message: 'Cannot read properties of undefined' });
      assert.equal(pool.stats().started, 1, 'an ordinary error keeps its worker');
      const oom = await pool.submit(job({ text: 'oom', uri: 'file:///y/lvm.conf' }));
      assert.equal(oom.kind, 'failed');
      assert.equal((oom as { died?: boolean }).died, true);
      assert.equal(pool.stats().died, 1);
      await until(() => pool.stats().ready === 1);
      assert.equal(pool.stats().started, 2, 'replaced');
      assert.equal((await pool.submit(job())).kind, 'done');
    } finally {
      pool.dispose();
    }
  });

  test('a job that kills its worker takes the queued jobs of the same document version with it; other documents go on', async () => {
    const script = join(dir, 'die.js');
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready', errors: {} });
parentPort.on('message', (m) => {
  if (m.type !== 'run') return;
  parentPort.postMessage({ type: 'start', id: m.id });
  if (m.text === 'die') setTimeout(() => process.exit(3), 50);
  else parentPort.postMessage({ type: 'result', id: m.id, value: m.task });
});\n`,
    );
    const pool = new AnalysisPool(opts(script));
    try {
      await until(() => pool.stats().ready === 1);
      const first = pool.submit(job({ text: 'die' }));
      const outline = pool.submit(job({ text: 'die', task: 'symbols' }));
      const folding = pool.submit(job({ text: 'die', task: 'folding' }));
      const other = pool.submit(job({ uri: 'file:///other/lvm.conf', task: 'symbols' }));
      const a = await first;
      assert.equal(a.kind, 'failed');
      assert.equal((a as { died?: boolean }).died, true);
      assert.deepEqual([await outline, await folding], [{ kind: 'superseded' }, { kind: 'superseded' }]);
      assert.equal((await other).kind, 'done');
      assert.equal(pool.stats().died, 1, 'one death, not three');
    } finally {
      pool.dispose();
    }
  });

  test('the real worker that held a 5 MB document is replaced when it closes; one that held small ones is kept', async () => {
    const pool = new AnalysisPool(opts(WORKER, { recycleChars: 4 * 1024 * 1024 }));
    try {
      const small = await pool.submit(job());
      assert.equal(small.kind, 'done');
      pool.forget('file:///x/lvm.conf');
      assert.equal(pool.stats().recycled, 0);
      const big = `global {\n${'\tumask = 077\n'.repeat(400_000)}}\n`;
      assert.ok(big.length > 4 * 1024 * 1024);
      const r = await pool.submit(job({ uri: 'file:///big/lvm.conf', text: big, task: 'folding' }));
      assert.equal(r.kind, 'done', JSON.stringify(r).slice(0, 200));
      const started = pool.stats().started;
      pool.forget('file:///big/lvm.conf');
      assert.equal(pool.stats().recycled, 1);
      await until(() => pool.stats().ready === 1);
      assert.equal(pool.stats().started, started + 1, 'a fresh worker took its place');
      assert.equal((await pool.submit(job({ version: 2 }))).kind, 'done');
    } finally {
      pool.dispose();
    }
  });
});
