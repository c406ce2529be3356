// `npm run bench`, section huge (issue 28): one huge document in the BUILT language server over
// stdio: the 1,000,000-line kickstart (time to its first diagnostics, outline and storage plan,
// peak RSS of the server process with its workers, alive after) and the 1,000,000-line lvm.conf
// (its folding ranges and diagnostics), then the memory after both are closed.
import { readFileSync } from 'node:fs';
import { LspClient } from './client';

export const HUGE_KICKSTART = (): string => 'part / --size=1\n'.repeat(1_000_000);
export const HUGE_LVM_CONF = (): string => `global {\n${'\tumask = 077\n'.repeat(1_000_000)}}\n`;

function rss(pid: number): { rssMb: number; hwmMb: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return { rssMb: kb('VmRSS'), hwmMb: kb('VmHWM') };
}

export async function benchHugeDocuments(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const c = LspClient.start();
  try {
    await c.initialize({ diagnosticsDelay: 0 });
    let pid = 0;
    for (let i = 0; i < 1000; i++) {
      const s = await c.request<{ pid: number; analysis: { ready?: number } }>('blockwise/status', {});
      pid = s.pid;
      if ((s.analysis.ready ?? 0) >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const base = rss(pid).rssMb;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const ks = 'file:///bench/huge.ks';
    let t0 = performance.now();
    const d = c.waitDiagnostics(ks, () => true, 600_000);
    await c.open(ks, 'kickstart', HUGE_KICKSTART());
    const outline = c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: ks } }).then(() => performance.now() - t0);
    const plan = c.request<{ error?: string }>('blockwise/map', { uri: ks }).then((r) => ({ ms: performance.now() - t0, r }));
    const first = await d;
    const diagMs = performance.now() - t0;
    const [outlineMs, p] = await Promise.all([outline, plan]);
    out['1 M-line kickstart: didOpen -> first diagnostics'] = `${s(diagMs)}, ${first.diagnostics.length} diagnostics (${String(first.diagnostics.at(-1)?.code)})`;
    out['1 M-line kickstart: outline answered after'] = s(outlineMs);
    out['1 M-line kickstart: storage plan answered after'] = `${s(p.ms)}: ${p.r.error ?? 'drawn'}`;
    out['1 M-line kickstart: server peak RSS (with its workers)'] = `${rss(pid).hwmMb.toFixed(0)} MB (${base.toFixed(0)} MB before)`;
    await c.close(ks);

    const conf = 'file:///bench/huge/lvm.conf';
    t0 = performance.now();
    const cd = c.waitDiagnostics(conf, () => true, 600_000).then((x) => ({ ms: performance.now() - t0, x }));
    await c.open(conf, 'lvm-conf', HUGE_LVM_CONF());
    const folding = await c.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri: conf } });
    const foldMs = performance.now() - t0;
    const cdr = await cd;
    out['1 M-line lvm.conf: didOpen -> folding ranges'] = `${s(foldMs)} (${folding.length} ranges)`;
    out['1 M-line lvm.conf: didOpen -> diagnostics'] = `${s(cdr.ms)}, ${cdr.x.diagnostics.length} (${String(cdr.x.diagnostics.at(-1)?.code)})`;
    out['server peak RSS over both'] = `${rss(pid).hwmMb.toFixed(0)} MB`;
    await c.close(conf);
    // Memory given back: the workers that held them are replaced.
    await new Promise((r) => setTimeout(r, 3000));
    out['server RSS 3 s after both closed'] = `${rss(pid).rssMb.toFixed(0)} MB`;
    const alive = await c.request<{ pid: number }>('blockwise/status', {}).then(
      (x) => x.pid === pid,
      () => false,
    );
    out['server alive after all that'] = alive && c.exitCode === undefined ? 'yes' : 'NO';
  } finally {
    await c.shutdown().catch(() => c.kill());
  }
  return out;
}
