// The analysis pool (server/src/worker/pool.ts) against the real worker bundle and against workers
// that misbehave the ways a real one can: dying mid-job, never loading, hanging in a loop.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AnalysisPool, type JobInput, type PoolOptions } from '../../server/src/worker/pool';
import { repoRoot } from './client';

const WORKER = join(repoRoot(), 'dist', 'server', 'analysis-worker.js');
const dir = mkdtempSync(join(tmpdir(), 'bw-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A worker script: `ready`, then `onRun` (JS source with `m` the request) for each job. */
function fake(name: string, onRun: string, ready = true): string {
  const file = join(dir, `${name}.js`);
  writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads');
${ready ? "parentPort.postMessage({ type: 'ready', errors: {} });" : ''}
parentPort.on('message', (m) => { parentPort.postMessage({ type: 'start', id: m.id }); ${onRun} });\n`,
  );
  return file;
}

const job = (over: Partial<JobInput> = {}): JobInput => ({ task: 'analyze', uri: 'file:///x/lvm.conf', languageId: 'lvm-conf', version: 1, text: 'global {\n\tumask = 077\n}\n', options: {}, ...over });
const opts = (script: string, over: Partial<PoolOptions> = {}): PoolOptions => ({ script, min: 1, max: 2, budgetMs: () => 10_000, stopAfterMs: 100, idleMs: 60_000, ...over });

describe('analysis pool', () => {
  test('the real worker: findings, outline, folding and colours of an lvm.conf', async () => {
    const pool = new AnalysisPool(opts(WORKER));
    try {
      const text = 'global {\n\tumask = 077\n\tlocking_type = 1\n}\nbackup {\n\tretain_dayz = 3\n}\n';
      const a = await pool.submit(job({ text }));
      assert.equal(a.kind, 'done');
      const codes = (a as { value: { code: string }[] }).value.map((f) => f.code);
      assert.ok(codes.includes('unknown-setting'), codes.join(','));
      const s = await pool.submit(job({ text, task: 'symbols' }));
      assert.deepEqual((s as { value: { name: string }[] }).value.map((x) => x.name), ['global', 'backup']);
      const f = await pool.submit(job({ text, task: 'folding' }));
      assert.ok((f as { value: unknown[] }).value.length >= 2);
      const t = await pool.submit(job({ text, task: 'tokens' }));
      const data = (t as { value: { data: number[] } }).value.data;
      assert.ok(data.length > 0 && data.length % 5 === 0);
    } finally {
      pool.dispose();
    }
  });

  test('a worker that dies mid-job: the job fails with the reason, a new worker takes the next one', async () => {
    const script = fake('dies', "if (m.text === 'die') process.exit(7); parentPort.postMessage({ type: 'result', id: m.id, value: ['ok'] });");
    const pool = new AnalysisPool(opts(script));
    try {
      const a = await pool.submit(job({ text: 'die' }));
      assert.equal(a.kind, 'failed');
      assert.match((a as { message: string }).message, /exited \(code 7\)/);
      const b = await pool.submit(job({ uri: 'file:///y' }));
      assert.deepEqual(b, { kind: 'done', value: ['ok'], ms: (b as { ms: number }).ms });
      assert.equal(pool.stats().started, 2);
    } finally {
      pool.dispose();
    }
  });

  test('a worker that cannot start, or no worker script: jobs are unavailable (the server then analyses in-thread)', async () => {
    const broken = fake('throws', '', false);
    writeFileSync(broken, "throw new Error('cannot load');\n");
    const pool = new AnalysisPool(opts(broken));
    const a = await pool.submit(job());
    assert.equal(a.kind, 'unavailable');
    assert.match((a as { reason: string }).reason, /cannot load/);
    assert.equal((await pool.submit(job())).kind, 'unavailable', 'later jobs too, at once');
    pool.dispose();
    const none = new AnalysisPool(opts(join(dir, 'missing.js')));
    assert.equal((await none.submit(job())).kind, 'unavailable');
  });

  test('a job in an endless loop is stopped at its budget; the pool goes on with a fresh worker', async () => {
    const script = fake('loops', "if (m.text === 'loop') for (;;); parentPort.postMessage({ type: 'result', id: m.id, value: [] });");
    const pool = new AnalysisPool(opts(script, { budgetMs: () => 300 }));
    try {
      const t0 = performance.now();
      const a = await pool.submit(job({ text: 'loop' }));
      assert.deepEqual(a, { kind: 'over-budget', budgetMs: 300 });
      assert.ok(performance.now() - t0 < 3000);
      assert.equal((await pool.submit(job({ uri: 'file:///z' }))).kind, 'done');
      assert.equal(pool.stats().overBudget, 1);
    } finally {
      pool.dispose();
    }
  });

  test('a newer version supersedes the queued and the running job of the same document and task only', async () => {
    const script = fake('slow', "const end = Date.now() + (m.text === 'slow' ? 2000 : 0); while (Date.now() < end); parentPort.postMessage({ type: 'result', id: m.id, value: [m.version] });");
    const pool = new AnalysisPool(opts(script, { min: 1, max: 1 }));
    try {
      await new Promise((r) => setTimeout(r, 300)); // the worker is ready
      const running = pool.submit(job({ text: 'slow', version: 1 }));
      await new Promise((r) => setTimeout(r, 150));
      const queued = pool.submit(job({ task: 'symbols', text: 'slow', version: 1 }));
      const newer = pool.submit(job({ version: 2 }));
      assert.deepEqual(await running, { kind: 'superseded' });
      assert.equal((await newer).kind, 'done');
      assert.deepEqual((await newer as { value: number[] }).value, [2]);
      assert.equal(pool.stats().stopped, 1, 'the running job had run past stopAfterMs: its worker was ended');
      // The symbols job of the same document was another task: not superseded by the analysis.
      assert.equal((await queued).kind, 'done');
    } finally {
      pool.dispose();
    }
  });

  test('a big text does not take the last idle worker: a small one sent after it runs at once', async () => {
    const script = fake('order', "const end = Date.now() + (m.text === 'busy' ? 1200 : m.text.length > 600000 ? 800 : 0); while (Date.now() < end); parentPort.postMessage({ type: 'result', id: m.id, value: [m.uri] });");
    const pool = new AnalysisPool(opts(script, { min: 2, max: 2 }));
    try {
      await new Promise((r) => setTimeout(r, 500)); // both workers ready
      assert.equal(pool.stats().ready, 2);
      const order: string[] = [];
      const busy = pool.submit(job({ uri: 'file:///busy', text: 'busy' })).then(() => order.push('busy'));
      const big = pool.submit(job({ uri: 'file:///big', text: 'x'.repeat(700_000) })).then(() => order.push('big'));
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      const small = pool.submit(job({ uri: 'file:///small' })).then(() => order.push('small'));
      await small;
      const ms = performance.now() - t0;
      await Promise.all([busy, big]);
      // One worker busy, one idle: the big job waited for the busy one, the small one ran at once.
      assert.deepEqual(order, ['small', 'busy', 'big']);
      assert.ok(ms < 600, `${ms} ms`);
    } finally {
      pool.dispose();
    }
  });
});
