// The lvm2 of the machine Blockwise runs on, for the lvm.conf files in that machine's own
// /etc/lvm: lvm2 there reads them, so they are checked as its version (`lvm version`, run once
// per process and cached). Not part of the pure analysis: the CLI and the language server call
// it at their edge and pass the result in as AnalysisOptions.host, as they do for a remote host.
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/sbin/lvm', '/sbin/lvm', '/usr/bin/lvm'];

/** `  LVM version:     2.03.16(2) (2022-05-18)` -> 2.03.16 (undefined when the output has no such line). */
export function parseLvmVersion(out: string): string | undefined {
  return /^\s*LVM version:\s*(\d+\.\d+\.\d+)/m.exec(out)?.[1];
}

let cached: { release: string; reason: string } | null | undefined;

/** node:child_process, loaded on first use (process.getBuiltinModule from Node 20.16; require before). */
function childProcess(): typeof import('node:child_process') {
  return typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:child_process') : (createRequire(__filename)('node:child_process') as typeof import('node:child_process'));
}

/** This machine's lvm2 version and the reason line, or undefined when lvm2 is not installed or says nothing. */
export function localLvm2(exe = CANDIDATES.find((p) => existsSync(p))): { release: string; reason: string } | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  if (!exe) return undefined;
  let out = '';
  try {
    // Loaded when first needed: a `blockwise check` of anything else loads no child_process (and
    // its streams) at start-up (test/cli/startup.test.ts).
    const { execFileSync } = childProcess();
    out = execFileSync(exe, ['version'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' } });
  } catch (e) {
    // lvm exits non-zero without device-mapper (a container) but still prints its version.
    out = String((e as { stdout?: unknown }).stdout ?? '');
  }
  const v = parseLvmVersion(out);
  if (v) cached = { release: v, reason: `the lvm2 of this machine (lvm version: ${v}), which reads its own /etc/lvm` };
  return cached ?? undefined;
}

/** A file path or file: URI -> the real path on this machine (symbolic links resolved when it exists), else undefined. */
function localPath(pathOrUri: string): string | undefined {
  let p = pathOrUri;
  if (/^file:/i.test(p)) {
    try {
      p = fileURLToPath(p);
    } catch {
      return undefined;
    }
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return undefined; // untitled:, blockwise-remote:, ...
  p = isAbsolute(p) ? p : resolve(p);
  try {
    return existsSync(p) ? realpathSync(p) : p;
  } catch {
    return p;
  }
}

/** The files lvm2 reads from /etc/lvm: lvm.conf, lvmlocal.conf and the profiles. */
const READ_BY_LVM2 = /^\/etc\/lvm\/(?:lvm\.conf|lvmlocal\.conf|profile\/[^/]+\.profile)$/;

/** Is this one of the files this machine's lvm2 reads from its /etc/lvm (and is it there)? */
export function inLocalEtcLvm(pathOrUri: string): boolean {
  const p = localPath(pathOrUri);
  return p !== undefined && READ_BY_LVM2.test(p) && existsSync(p);
}

/**
 * The `host` analysis option for an lvm.conf, lvmlocal.conf or profile in this machine's /etc/lvm
 * (checked as this machine's lvm2), else nothing. Runs `lvm version` the first time it is needed.
 */
export function localHostOption(pathOrUri: string, language: string): { host?: { release: string; reason: string } } {
  if (language !== 'lvm-conf' || !inLocalEtcLvm(pathOrUri)) return {};
  const h = localLvm2();
  return h ? { host: h } : {};
}

/** Forget the cached version (tests). */
export function resetLocalLvm2(): void {
  cached = undefined;
}
