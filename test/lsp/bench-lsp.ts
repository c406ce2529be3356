// Language-server benchmarks on the BUILT server over stdio (what VS Code runs): cold start to the
// `initialize` response, didOpen -> diagnostics, one-character didChange -> new diagnostics.
// `npm run bench` (scripts/bench.mjs) calls benchLsp(); each function is usable on its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBigMetadata } from '../../server/src/metadata/generate';
import { LspClient, repoRoot } from './client';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Milliseconds from spawning the server to its `initialize` response (median of `runs`). */
export async function coldStart(runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c = LspClient.start();
    await c.initialize();
    times.push(performance.now() - t0);
    await c.shutdown();
  }
  return median(times);
}

export interface EditTimes {
  /** didOpen sent -> first diagnostics for the document. */
  openMs: number;
  /** one-character didChange sent -> diagnostics of that version (median). */
  changeMs: number;
  diagnostics: number;
}

/**
 * Open `text`, then make `edits` one-character changes at `offset` (replace the character there by
 * `alt`, then back), each timed to the diagnostics of its version. Diagnostics are not debounced here.
 */
export async function editCycle(languageId: string, uri: string, text: string, offset: number, alt: string, edits = 11): Promise<EditTimes> {
  const c = LspClient.start();
  try {
    await c.initialize({ diagnosticsDelay: 0 });
    // Load the grammars (the server's and its analysis workers') before timing the open: the open
    // should measure the document, not the wasm.
    for (let i = 0; i < 500; i++) {
      const s = await c.request<{ analysis: { ready?: number; inThread?: boolean; broken?: string } }>('blockwise/status', {});
      if (s.analysis.inThread || s.analysis.broken || (s.analysis.ready ?? 0) >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    let p = c.waitDiagnostics(uri, () => true, 120000);
    let t0 = performance.now();
    await c.open(uri, languageId, text, 1);
    const first = await p;
    const openMs = performance.now() - t0;
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    const original = text[offset];
    const times: number[] = [];
    for (let v = 2; v < edits + 2; v++) {
      const ch = v % 2 === 0 ? alt : original;
      p = c.waitDiagnostics(uri, (x) => x.version === v, 120000);
      t0 = performance.now();
      await c.change(uri, v, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: ch }]);
      await p;
      times.push(performance.now() - t0);
    }
    return { openMs, changeMs: median(times), diagnostics: first.diagnostics.length };
  } finally {
    await c.shutdown().catch(() => c.kill());
  }
}

/**
 * What activation costs on the server side: spawn the built server, initialize, open the shipped
 * lvm.conf at once (grammars still loading) and wait for its first diagnostics (median of `runs`).
 */
export async function activationToDiagnostics(runs = 5): Promise<number> {
  const conf = readFileSync(join(repoRoot(), 'samples', 'lvm', 'lvm.conf'), 'utf8');
  const uri = 'file:///etc/lvm/lvm.conf';
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c = LspClient.start();
    try {
      await c.initialize({ diagnosticsDelay: 0 });
      const p = c.waitDiagnostics(uri, () => true, 120000);
      await c.open(uri, 'lvm-conf', conf, 1);
      await p;
      times.push(performance.now() - t0);
    } finally {
      await c.shutdown().catch(() => c.kill());
    }
  }
  return median(times);
}

/** Every language-server figure of `npm run bench`, labelled with its target. */
export async function benchLsp(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  out['server cold start to the initialize response (target < 300 ms)'] = await coldStart();

  const conf = readFileSync(join(repoRoot(), 'samples', 'lvm', 'lvm.conf'), 'utf8');
  // A digit of a setting value (active or commented out) in the middle of the file.
  const m = /\w+ = (\d)/.exec(conf.slice(conf.length >> 1));
  const confOffset = m ? (conf.length >> 1) + m.index + m[0].length - 1 : conf.length >> 1;
  const c = await editCycle('lvm-conf', 'file:///etc/lvm/lvm.conf', conf, confOffset, conf[confOffset] === '1' ? '0' : '1');
  out[`lvm.conf (${(conf.length / 1024).toFixed(0)} KB): didOpen -> diagnostics`] = c.openMs;
  out[`lvm.conf (${(conf.length / 1024).toFixed(0)} KB): one-char didChange -> diagnostics (target < 20 ms)`] = c.changeMs;

  const meta = generateBigMetadata({ lvs: 10000 });
  // A digit of an extent_count in the middle of the file.
  const at = meta.indexOf('extent_count = ', meta.length >> 1) + 'extent_count = '.length;
  const r = await editCycle('lvm-metadata', 'file:///etc/lvm/backup/vgbig', meta, at, meta[at] === '1' ? '2' : '1');
  out[`10,000-LV metadata (${(meta.length / 1e6).toFixed(1)} MB): didOpen -> diagnostics`] = r.openMs;
  out['10,000-LV metadata: one-char didChange -> diagnostics (target < 200 ms)'] = r.changeMs;
  return out;
}
