// Where the hosts view analyses what a host printed: in the language server (an analysis worker
// for output over 64 KB), never on the extension host's thread, which every extension shares
// (800 KB of lvm2 JSON with trailing commas froze it for close to a minute). Small outputs are
// analysed here only when the language server is not running.
import { analyzeRefreshOutput, type HostResult, type RefreshOutput } from '../../../server/src/remote/analyze';

export interface AnalysisServer {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

/** Output up to this size may be analysed here when there is no language server. */
export const LOCAL_OUTPUT_CHARS = 64 * 1024;

export function remoteAnalyzer(server: () => AnalysisServer | undefined): (o: RefreshOutput) => Promise<HostResult> {
  return async (o) => {
    const s = server();
    if (s) return s.sendRequest<HostResult>('blockwise/analyzeRefresh', o);
    if (o.stdout.length <= LOCAL_OUTPUT_CHARS) return analyzeRefreshOutput(o);
    return { host: o.host, ok: false, error: `the Blockwise language server is not running, and ${o.stdout.length} characters of output are not analysed on the editor's own thread`, errorKind: 'output', vgs: [], findings: [], ms: o.ms ?? 0 };
  };
}
