// What one refresh printed, turned into a host result: split the sentinels, parse the probes and
// the lvm report, derive health and findings. Pure (text in, result out), so the same analysis
// serves a live ssh refresh, raw output files and Ansible's --tree folders (`hosts --from`).
import { buildModel, hostFindings, type HealthOptions, type RemoteFinding, type VgView } from './health';
import { parseFullReport, parseProbes, ReportError, splitSections, splitStderr, type Probes } from './report';

export type ErrorKind = 'invalid-name' | 'unreachable' | 'host-key' | 'auth' | 'timeout' | 'output' | 'needs-root' | 'cancelled' | 'lvm' | 'ssh-missing' | 'inventory';

export interface HostResult {
  host: string;
  ok: boolean;
  error?: string;
  errorKind?: ErrorKind;
  vgs: VgView[];
  findings: RemoteFinding[];
  probes?: Probes;
  ms: number;
  /** Warnings lvm printed on stderr for the report (capped), for the detail view. */
  stderr?: string;
  /** Inventory groups the host belongs to (inventory runs only). */
  groups?: string[];
}

export interface RefreshOutput {
  host: string;
  stdout: string;
  stderr: string;
  /** Exit status of the remote command (null when unknown, e.g. a raw output file). */
  code: number | null;
  signal?: string | null;
  /** Bytes of stdout as received (for messages); defaults to the string's length. */
  stdoutBytes?: number;
  /** The request's sentinel nonce; found in the output when absent (collected output). */
  nonce?: string;
  timeoutSeconds?: number;
  health?: HealthOptions;
  ms?: number;
}

export function sudoMessage(stderr: string): string | undefined {
  const m = /sudo: (a password is required|a terminal is required[^\n]*|[^\n]*not in the sudoers[^\n]*|[^\n]*may not run sudo[^\n]*)/.exec(stderr) ?? /(sudo: (?:command )?not found|sudo: not found)/.exec(stderr);
  return m ? m[0].trim() : undefined;
}

export const NEEDS_ROOT_FIX = 'log in as root, or give this user passwordless sudo for lvm, lvmconfig, find, du and head (sudo -n never prompts)';

const NONCE_IN_OUTPUT = /@@BW-([0-9a-f]{8,64})@@ begin priv/;

/** The nonce of the first `begin priv` marker, for output collected by another engine. */
export function findNonce(stdout: string): string | undefined {
  return NONCE_IN_OUTPUT.exec(stdout)?.[1];
}

/** Analyse one refresh's output. Never throws: every problem is a result with ok=false. */
export function analyzeRefreshOutput(o: RefreshOutput): HostResult {
  const ms = o.ms ?? 0;
  const base = { host: o.host, vgs: [] as VgView[], findings: [] as RemoteFinding[], ms };
  const stdout = o.stdout;
  const exit = o.code ?? o.signal ?? 'unknown';
  const nonce = o.nonce ?? findNonce(stdout);
  const { sections, done } = nonce ? splitSections(stdout, nonce) : { sections: new Map(), done: false };
  const errs = nonce ? splitStderr(o.stderr, nonce) : new Map<string, string>();
  if (!sections.has('priv')) {
    const sudo = sudoMessage(o.stderr);
    if (sudo)
      return { ...base, ok: false, error: `needs root: ${sudo}; ${NEEDS_ROOT_FIX}`, errorKind: 'needs-root', findings: [{ code: 'needs-root', severity: 'error', message: `${sudo}: ${NEEDS_ROOT_FIX}.` }] };
    const preview = stdout.slice(0, 60).replace(/[^\x20-\x7e]/g, '.');
    const bytes = o.stdoutBytes ?? Buffer.byteLength(stdout);
    return {
      ...base,
      ok: false,
      errorKind: 'output',
      error: `unexpected output from the host (exit ${exit}): no Blockwise markers in ${bytes} bytes${stdout ? ` starting "${preview}"` : ''}${o.stderr.trim() ? `; stderr: ${o.stderr.trim().split('\n').pop()!.slice(0, 200)}` : ''}`,
    };
  }
  const probes = parseProbes(sections);
  if (probes.sudo === 'none') {
    const sudo = sudoMessage(errs.get('sudo') ?? o.stderr) ?? 'sudo -n is not available';
    return { ...base, ok: false, probes, error: `needs root: logged in as uid ${probes.uid} and ${sudo}; ${NEEDS_ROOT_FIX}`, errorKind: 'needs-root', findings: [{ code: 'needs-root', severity: 'error', message: `Logged in as uid ${probes.uid}; ${sudo}: ${NEEDS_ROOT_FIX}.` }] };
  }
  const rep = sections.get('report');
  if (!rep || !done) {
    const why = o.code === 124 || o.code === 137 ? `the remote timeout${o.timeoutSeconds ? ` (${o.timeoutSeconds} s)` : ''} ended it` : `exit ${exit}`;
    return { ...base, ok: false, probes, error: `the report did not complete (${why})${errs.get('report') ? `: ${errs.get('report')!.split('\n').pop()}` : ''}`, errorKind: 'lvm' };
  }
  let report;
  try {
    report = parseFullReport(rep.body);
  } catch (e) {
    return { ...base, ok: false, probes, error: e instanceof ReportError ? e.message : `bad report: ${(e as Error).message}`, errorKind: 'output' };
  }
  if (rep.rc !== 0 && report.vgs.length === 0 && report.log.every((l) => !/Can't get lock/.test(l.log_message ?? ''))) {
    const msg = (errs.get('report') ?? '').split('\n').filter((l) => l && !/^\s*WARNING: (Activation disabled|Running as a non-root)/.test(l)).pop();
    if (rep.rc !== null && rep.rc !== 0 && msg) return { ...base, ok: false, probes, error: `lvm fullreport failed (rc ${rep.rc}): ${msg.trim()}`, errorKind: 'lvm' };
  }
  const vgs = buildModel(report);
  const findings = hostFindings(vgs, probes, report.log, o.health);
  return { host: o.host, ok: true, vgs, findings, probes, ms, stderr: errs.get('report') };
}
