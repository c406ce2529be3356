// Blockwise's other requests and notifications: language detection, a host's refresh output, the
// release a document is checked as, a host's lvm2 version, the server's status.
import type { Connection } from 'vscode-languageserver/node';
import { HANDLERS, detectLanguage } from '../languages';
import { analyzeRefreshOutput, type HostResult, type RefreshOutput } from '../remote/analyze';
import { guard, guardAsync } from './connection';
import type { Release } from './features';
import { GRAMMARS, grammarErrors, grammarsReady } from './grammars';
import { OFFLOAD_CHARS, jobUri, pool } from './pool';
import { docFor, entries, inWorker, schedule } from './registry';
import { hostVersions, optionsFrom, remoteHostOf, settingsFor } from './settings';

export function registerRequests(connection: Connection): void {
  /**
   * `blockwise/detectLanguage`: the language a file should have from its path and first bytes, for
   * files the editor opened under a generic language (a metadata backup saved as `vg0.txt`).
   */
  connection.onRequest('blockwise/detectLanguage', (p: { path?: unknown; head?: unknown }) =>
    guard('detectLanguage', null, () =>
      detectLanguage(typeof p?.path === 'string' ? p.path : '', typeof p?.head === 'string' ? p.head : undefined) ?? null,
    ),
  );

  /**
   * `blockwise/analyzeRefresh` (a host's refresh output, remote/analyze.ts RefreshOutput): the host's
   * result, computed here or, for output over 64 KB, in an analysis worker: the hosts view sends
   * what ssh printed, so a big or hostile report is never parsed on the extension host's thread.
   */
  connection.onRequest('blockwise/analyzeRefresh', async (p: RefreshOutput) => {
    const host = typeof p?.host === 'string' ? p.host : '?';
    const failed = (error: string): HostResult => ({ host, ok: false, error, errorKind: 'output', vgs: [], findings: [], ms: typeof p?.ms === 'number' ? p.ms : 0 });
    if (!p || typeof p.stdout !== 'string' || typeof p.stderr !== 'string') return failed('no refresh output to analyse');
    const { stdout, ...rest } = p;
    if (pool && !pool.broken && stdout.length > OFFLOAD_CHARS) {
      const uri = jobUri('blockwise:remote');
      const o = await pool.submit({ task: 'remote', uri, languageId: 'lvm-conf', version: 0, text: stdout, remote: rest, options: {} });
      pool.forget(uri);
      if (o.kind === 'done') return o.value as HostResult;
      if (o.kind !== 'unavailable') return failed(o.kind === 'over-budget' ? 'analysing the output went over its time budget' : `the output could not be analysed${o.kind === 'failed' ? `: ${o.message}` : ''}`);
    }
    return guard('analyzeRefresh', failed('the output could not be analysed (see the Blockwise output)'), () => analyzeRefreshOutput(p));
  });

  /**
   * `blockwise/release` {uri}: the release an open document is checked as and why, for the status
   * bar: `{release, reason, source, label}` (label: "lvm2 2.02.187" or "RHEL 8"), or null when the
   * document is not open as one of ours or its language has no releases.
   */
  connection.onRequest('blockwise/release', async (p: { uri?: unknown }) => {
    if (typeof p?.uri !== 'string') return null;
    await grammarsReady;
    const d = await docFor(p.uri);
    if (!d) return null;
    const options = optionsFrom(await settingsFor(p.uri), d.doc.languageId, p.uri);
    const far = await guardAsync('release', undefined, () => inWorker<Release | null>(d, 'release', options));
    const r = far ? far.value : guard('release', undefined, () => HANDLERS[d.doc.languageId].release?.(d.doc, options));
    if (!r) return null;
    const label = d.doc.languageId === 'kickstart' ? r.release : `lvm2 ${r.release}`;
    return { release: r.release, reason: r.reason, source: r.source, label, languageId: d.doc.languageId, version: d.e.version };
  });

  /**
   * `blockwise/hostRelease` {host, lvmVersion}: the lvm2 version a host reported (client, after a
   * refresh). Open files of that host are checked again as that release.
   */
  connection.onNotification('blockwise/hostRelease', (p: { host?: unknown; lvmVersion?: unknown }) => {
    if (typeof p?.host !== 'string' || typeof p.lvmVersion !== 'string') return;
    const v = /^(\d+\.\d+\.\d+)/.exec(p.lvmVersion)?.[1];
    if (!v || hostVersions.get(p.host) === v) return;
    hostVersions.set(p.host, v);
    for (const e of entries.values()) {
      if (remoteHostOf(e.uri) !== p.host) continue;
      e.generation++;
      schedule(e, 0);
    }
  });

  /** `blockwise/status`: which grammars loaded and how many documents are open (tests, the status bar). */
  connection.onRequest('blockwise/status', async () => {
    await grammarsReady;
    return {
      grammars: Object.fromEntries(GRAMMARS.map((g) => [g, grammarErrors.get(g) ?? 'ok'])),
      documents: entries.size,
      pid: process.pid,
      analysis: pool ? pool.stats() : { workers: 0, inThread: true },
    };
  });
}
