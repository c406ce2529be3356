// The whole test suite, as `npm test` runs it (after the build). Steps:
//   1. on Debian as root, install the Debian packages the suites need (scripts/install-deps.sh);
//   2. the grammars' generated files must match grammar.js (grammars/build.sh --check);
//   3. every node:test file under dist/test/test (unit, LSP protocol, real lvm2, loopback sshd);
//   4. the suites that run their own harness (e2e in VS Code, TextMate grammars) via their scripts.
// Ends with one line `N passed, N failed, N skipped`. Exit 1 when anything failed.
// BLOCKWISE_TESTS=unit,e2e,... limits the steps (deps, grammars, unit, e2e, tmgrammar).
import { spawnSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.env.BLOCKWISE_TESTS ? new Set(process.env.BLOCKWISE_TESTS.split(',')) : undefined;
const want = (step) => !only || only.has(step);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const t0 = Date.now();

function banner(s) {
  process.stdout.write(`\n=== ${s}\n`);
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}

/** Run a script that prints its own `N passed, N failed[, N skipped]` line; fold it into the totals. */
function scriptSuite(name, cmd, args, opts = {}) {
  banner(name);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env, ...opts });
    let last = null;
    let buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const l of lines) {
        const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(l);
        if (m) last = m;
      }
    });
    child.on('close', (code) => {
      const m = last ?? /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(buf);
      if (m) {
        totals.passed += Number(m[1]);
        totals.failed += Number(m[2]);
        totals.skipped += Number(m[3] ?? 0);
      }
      if (code !== 0) {
        if (!m || Number(m[2]) === 0) totals.failed += 1;
        failures.push(`${name} (exit ${code})`);
      }
      process.stdout.write(`--- ${name}: exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      resolve();
    });
  });
}

if (want('deps') && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
  banner('Debian packages the suites need');
  const r = spawnSync('bash', [join(root, 'scripts/install-deps.sh')], { stdio: 'inherit' });
  if (r.status !== 0) process.stdout.write('warning: installing Debian packages failed; suites that need them will say what they skip\n');
} else if (want('deps')) {
  process.stdout.write('note: not root on Debian, so no Debian packages are installed; suites that need lvm2, sshd or chromium skip and say so\n');
}

if (want('grammars') && existsSync(join(root, 'grammars/build.sh'))) {
  await scriptSuite('grammars: generated parsers and wasm match grammar.js', 'bash', ['grammars/build.sh', '--check']);
}

if (want('unit')) {
  banner('node:test suites (unit, LSP protocol, real lvm2, loopback sshd)');
  const files = walk(join(root, 'dist/test/test')).filter((f) => !f.includes(`${join('test', 'e2e')}`));
  if (!files.length) {
    process.stdout.write('no test files found: run the build first\n');
    totals.failed++;
  } else {
    const started = Date.now();
    const counts = {};
    const stream = run({ files, concurrency: Number(process.env.BLOCKWISE_TEST_CONCURRENCY ?? 2), timeout: 10 * 60 * 1000 });
    stream.on('test:diagnostic', (d) => {
      const m = /^(tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(d.message);
      if (m && d.nesting === 0) counts[m[1]] = Number(m[2]);
    });
    stream.on('test:fail', (d) => {
      if (d.details?.error?.failureType !== 'subtestsFailed') failures.push(`${d.name} (${d.file ? relative(root, d.file) : '?'})`);
    });
    // Pipe without ending stdout, and wait for the reporter's end (a pipe into stdout never 'finish'es).
    const report = stream.compose(new spec());
    report.pipe(process.stdout, { end: false });
    await once(report, 'end');
    totals.passed += counts.pass ?? 0;
    totals.failed += (counts.fail ?? 0) + (counts.cancelled ?? 0);
    totals.skipped += (counts.skipped ?? 0) + (counts.todo ?? 0);
    process.stdout.write(`--- node:test: ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}


if (want('e2e') && existsSync(join(root, 'test/e2e/run.mjs'))) {
  await scriptSuite('end to end in VS Code (code-server)', process.execPath, ['test/e2e/run.mjs']);
}

// After e2e: its code-server install brings VS Code's shell grammar, which the %pre-body test embeds.
if (want('tmgrammar') && existsSync(join(root, 'test/tmgrammar/run.mjs'))) {
  await scriptSuite('TextMate grammars', process.execPath, ['test/tmgrammar/run.mjs']);
}

banner(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (failures.length) process.stdout.write(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed ? 1 : 0;
