// Output that another engine collected from `blockwise hosts --print-command`: Ansible's `--tree`
// folders (one JSON result per host) or raw output files (one per host, named after the host,
// with an optional NAME.stderr beside it). Each becomes the same HostResult as a live refresh.
import { readdirSync, statSync } from 'node:fs';
import { readRegularFile } from '../core/bounded-read';
import { basename, join } from 'node:path';
import { analyzeRefreshOutput, type HostResult } from './analyze';
import type { HealthOptions } from './health';

export interface CollectedFile {
  host: string;
  path: string;
  stderrPath?: string;
}

/** A file's content, at most this many bytes (a refresh's stdout cap is 16 MiB). */
const MAX_BYTES = 64 * 1024 * 1024;

/** The files to analyse under the given paths (folders one level deep), or an error message. */
export function listCollected(paths: string[]): { files: CollectedFile[]; skipped: string[] } | { error: string } {
  const files: CollectedFile[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      return { error: `${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}` };
    }
    if (st.isFile()) {
      files.push({ host: basename(p), path: p });
      continue;
    }
    if (!st.isDirectory()) return { error: `${p}: not a file or folder` };
    const names = readdirSync(p).sort();
    const present = new Set(names);
    for (const n of names) {
      if (n.startsWith('.')) continue;
      const full = join(p, n);
      if (n.endsWith('.stderr') && present.has(n.slice(0, -'.stderr'.length))) continue;
      let s;
      try {
        s = statSync(full);
      } catch {
        skipped.push(`${full}: unreadable`);
        continue;
      }
      if (!s.isFile()) {
        skipped.push(`${full}: not a regular file`);
        continue;
      }
      files.push({ host: n, path: full, ...(present.has(`${n}.stderr`) ? { stderrPath: join(p, `${n}.stderr`) } : {}) });
    }
  }
  return { files, skipped };
}

/** A regular file's text, refused (before reading) past MAX_BYTES; FIFOs and devices refused. */
function readCapped(path: string): string {
  return readRegularFile(path, MAX_BYTES).toString('utf8');
}

/** An Ansible result object (`--tree` file), or undefined when the text is not one. */
function ansibleResult(text: string): Record<string, unknown> | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v) && ('stdout' in v || 'unreachable' in v || 'failed' in v || 'msg' in v || 'module_stdout' in v)) return v as Record<string, unknown>;
  } catch {
    /* not JSON: raw output that happens to start with a brace */
  }
  return undefined;
}

/** Analyse one collected file. Never throws. */
export function analyzeCollectedFile(f: CollectedFile, health?: HealthOptions): HostResult {
  const fail = (error: string, kind: HostResult['errorKind'] = 'output'): HostResult => ({ host: f.host, ok: false, error, errorKind: kind, vgs: [], findings: [], ms: 0 });
  let text: string;
  try {
    text = readCapped(f.path);
  } catch (e) {
    return fail(`cannot read ${f.path}: ${(e as Error).message}`);
  }
  const ans = ansibleResult(text);
  if (ans) {
    const s = (k: string) => (typeof ans[k] === 'string' ? (ans[k] as string) : '');
    if (ans.unreachable === true) return fail(`Ansible could not reach the host: ${s('msg').split('\n')[0] || 'unreachable'}`, 'unreachable');
    if (typeof ans.stdout !== 'string') {
      const msg = s('msg') || s('module_stderr').split('\n').filter(Boolean).pop() || 'no stdout in the result';
      return fail(`Ansible reported a failure without output: ${msg.split('\n')[0]}`, /sudo|password|become/i.test(msg) ? 'needs-root' : 'output');
    }
    return analyzeRefreshOutput({ host: f.host, stdout: ans.stdout, stderr: s('stderr'), code: typeof ans.rc === 'number' ? ans.rc : null, health });
  }
  let stderr = '';
  if (f.stderrPath) {
    try {
      stderr = readCapped(f.stderrPath);
    } catch {
      /* a missing companion is no error */
    }
  }
  return analyzeRefreshOutput({ host: f.host, stdout: text, stderr, code: null, health });
}
