// Hostile input, bounded: for every language, random bytes, truncations and splices of the real
// samples, nesting 1 to 100,000 deep, a 1 MB line, 1,000,000-item arrays, 100,000 %include lines,
// CR-only and mixed line endings, invalid UTF-8 and NUL bytes. Each must end with findings (never
// internal-error) whose ranges lie inside the document, and the big cases must stay within 10x
// the linear extrapolation of a small one, so a quadratic regression fails here. Deterministic
// seeds; the whole file runs in well under a minute on two cores.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { checkFile, type FileResult } from '../../server/src/cli';
import { ANALYSIS_GRAMMARS } from '../../server/src/core/document';
import type { LanguageId } from '../../server/src/core/types';
import { loadLanguage } from '../../server/src/syntax/treesitter';
import { prng as rng } from '../support/util';

const root = join(__dirname, '..', '..', '..', '..');
const LANGS: LanguageId[] = ['lvm-conf', 'lvm-metadata', 'kickstart'];
const PATH: Record<LanguageId, string> = { 'lvm-conf': '/etc/lvm/lvm.conf', 'lvm-metadata': '/etc/lvm/backup/vg', kickstart: '/srv/ks/fuzz.ks' };

before(async () => {
  for (const l of LANGS) for (const g of ANALYSIS_GRAMMARS[l]) await loadLanguage(g);
});

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

const SAMPLES: Record<LanguageId, Buffer[]> = {
  'lvm-conf': files(join(root, 'samples', 'lvm')).map((p) => readFileSync(p)),
  'lvm-metadata': files(join(root, 'samples', 'metadata')).map((p) => readFileSync(p)),
  kickstart: files(join(root, 'samples', 'kickstart')).map((p) => readFileSync(p)),
};

/** Check one input; assert the contract; return the time it took in ms. */
function run(language: LanguageId, bytes: Uint8Array, what: string): { ms: number; r: FileResult } {
  const t0 = performance.now();
  const r = checkFile(PATH[language], bytes, { language })!;
  const ms = performance.now() - t0;
  const internal = r.findings.filter((f) => f.code === 'internal-error');
  assert.deepEqual(internal.map((f) => f.message), [], `${language} ${what}`);
  // Ranges lie inside the document (lines counted as the LSP counts them).
  const text = new TextDecoder().decode(bytes);
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const f of r.findings) {
    const { start, end } = f.range;
    assert.ok(start.line >= 0 && start.line < lineCount && end.line < lineCount, `${language} ${what}: ${f.code} at line ${start.line}-${end.line} of ${lineCount}`);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${language} ${what}: ${f.code} range ends before it starts`);
  }
  return { ms, r };
}

/**
 * A big case (10x the small one) may take at most 10x the time a linear extrapolation of the small
 * case predicts: a quadratic cost is 100x and fails; GC and JIT noise stay inside the margin.
 */
function linear(language: LanguageId, what: string, small: Uint8Array, big: Uint8Array): void {
  run(language, small, `${what} (warm-up)`);
  const times = [0, 1, 2].map(() => run(language, small, `${what} small`).ms).sort((x, y) => x - y);
  const s = times[1];
  const bound = 10 * s * (big.length / small.length) + 250;
  let b = run(language, big, `${what} big`).ms;
  // One retry rules out a collection or a busy neighbour; a quadratic cost fails both times.
  if (b >= bound) b = Math.min(b, run(language, big, `${what} big, again`).ms);
  assert.ok(b < bound, `${language} ${what}: ${big.length} bytes took ${b.toFixed(0)} ms; 10x linear from ${small.length} bytes in ${s.toFixed(1)} ms is ${bound.toFixed(0)} ms`);
}

const enc = (s: string) => new TextEncoder().encode(s);

test('random bytes (every byte value, NUL included) in every language', () => {
  for (const language of LANGS) {
    const next = rng(1234);
    for (let i = 0; i < 20; i++) {
      const n = 1 + Math.floor(next() * 20000);
      const b = new Uint8Array(n);
      for (let j = 0; j < n; j++) b[j] = Math.floor(next() * 256);
      run(language, b, `random #${i}`);
    }
    const small = new Uint8Array(100_000).map(() => Math.floor(next() * 256));
    const big = new Uint8Array(1_000_000).map(() => Math.floor(next() * 256));
    linear(language, 'random bytes', small, big);
  }
});

test('truncations of every real sample (every 1/60 of it) and random splices of two samples', () => {
  for (const language of LANGS) {
    for (const s of SAMPLES[language]) {
      const step = Math.max(1, Math.floor(s.length / 60));
      for (let cut = 0; cut <= s.length; cut += step) run(language, s.subarray(0, cut), `truncated at ${cut}`);
    }
    const next = rng(99);
    const all = SAMPLES[language];
    for (let i = 0; i < 40; i++) {
      const a = all[Math.floor(next() * all.length)];
      const b = all[Math.floor(next() * all.length)];
      const x = Math.floor(next() * a.length);
      const y = Math.floor(next() * b.length);
      run(language, Buffer.concat([a.subarray(0, x), b.subarray(y)]), `splice #${i}`);
    }
  }
});

test('nesting 1 to 100,000 deep stays linear and is one finding, not a crash', () => {
  const nest = (n: number) => enc('a {\n'.repeat(n) + 'x = 1\n' + '}\n'.repeat(n));
  for (const language of LANGS) {
    for (const n of [1, 10, 100, 1000]) run(language, nest(n), `nesting ${n}`);
    linear(language, 'nesting', nest(10_000), nest(100_000));
    // Unclosed nesting too (every brace open: a tree with errors).
    linear(language, 'unclosed nesting', enc('a {\n'.repeat(10_000)), enc('a {\n'.repeat(100_000)));
  }
  const r = run('lvm-conf', nest(20_000), 'nesting 20000').r;
  assert.equal(r.findings.filter((f) => f.code === 'nesting-too-deep').length, 1);
});

test('a 1 MB line, 1,000,000-item arrays and 100,000 %include lines stay linear', () => {
  for (const language of LANGS) {
    linear(language, 'one long line', enc('global { x = "' + 'a'.repeat(100_000) + '" }\n'), enc('global { x = "' + 'a'.repeat(1_000_000) + '" }\n'));
    const arr = (n: number) => enc('devices {\n\tfilter = [ ' + Array.from({ length: n }, (_, i) => `"a|^/dev/sd${i}$|"`).join(', ') + ' ]\n}\n');
    linear(language, 'array', arr(100_000), arr(1_000_000));
    const inc = (n: number) => enc(Array.from({ length: n }, (_, i) => `%include /tmp/part-${i}.ks`).join('\n') + '\n');
    linear(language, '%include lines', inc(10_000), inc(100_000));
  }
});

test('CR-only, mixed line endings, invalid UTF-8 and NUL bytes keep findings located', () => {
  for (const language of LANGS) {
    for (const s of SAMPLES[language].slice(0, 3)) {
      const text = s.toString('latin1');
      run(language, Buffer.from(text.replace(/\n/g, '\r'), 'latin1'), 'CR only');
      run(language, Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1'), 'CRLF');
      let k = 0;
      run(language, Buffer.from(text.replace(/\n/g, () => ['\n', '\r\n', '\r'][k++ % 3]), 'latin1'), 'mixed endings');
      const bad = Buffer.from(s);
      for (let i = 7; i < bad.length; i += 97) bad[i] = i % 2 ? 0xff : 0x00;
      run(language, bad, 'invalid UTF-8 and NUL');
    }
  }
});
