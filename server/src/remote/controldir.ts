// The private folder for ssh ControlMaster sockets. A socket there lets any process of the user
// run commands on the host without authenticating again, so the folder must be the user's own:
// created 0700, checked with lstat (a link is refused, never followed: another user's symlink in
// /tmp would otherwise pass an ownership check made through it), owned by the user, with no
// group or other access. Candidates in order: the extension's own storage, a folder under
// $XDG_RUNTIME_DIR (per user, 0700, on tmpfs), else a fresh mkdtemp folder in the temporary
// folder (a new random name, never a predictable one).
import { lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `dir` is a real folder (not a link) of this user with no group or other access. */
export function isPrivateDir(dir: string, uid = process.getuid?.()): boolean {
  try {
    const st = lstatSync(dir);
    return st.isDirectory() && !st.isSymbolicLink() && (uid === undefined || st.uid === uid) && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** A short path without characters ssh's ControlPath would expand (socket paths are limited). */
function usable(dir: string): boolean {
  return !/[\s%'"\\$`]/.test(dir) && dir.length <= 70 && dir.startsWith('/');
}

/** Make (or reuse) `dir` as a private folder; undefined when it is not one. */
function ensurePrivate(dir: string): string | undefined {
  if (!usable(dir)) return undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return undefined;
  }
  return isPrivateDir(dir) ? dir : undefined;
}

/**
 * The ControlMaster folder: `preferred` (the extension's storage) when private, else
 * $XDG_RUNTIME_DIR/blockwise-cm, else a new mkdtemp folder. Undefined on Windows or when none works.
 */
export function controlDirFor(preferred: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return undefined;
  if (preferred) {
    const d = ensurePrivate(preferred);
    if (d) return d;
  }
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && runtime.startsWith('/') && isPrivateDir(runtime)) {
    const d = ensurePrivate(join(runtime, 'blockwise-cm'));
    if (d) return d;
  }
  try {
    const d = mkdtempSync(join(tmpdir(), 'blockwise-cm-'));
    return usable(d) && isPrivateDir(d) ? d : undefined;
  } catch {
    return undefined;
  }
}
