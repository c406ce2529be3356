// The host's own lvmconfig comment text for a setting (`lvmconfig --withcomments --type default
// PATH`), fetched lazily, once per path, and cached. Not part of the pure analysis: the server
// calls it while building a hover, and only when lvmconfig exists on the machine.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

const cache = new Map<string, Promise<string | undefined>>();
const CANDIDATES = ['/usr/sbin/lvmconfig', '/sbin/lvmconfig', '/usr/bin/lvmconfig'];

export function lvmconfigPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/** Comment lines lvmconfig prints for the setting, without `#` marks; undefined when unavailable. */
export function hostComment(path: string, exe = lvmconfigPath()): Promise<string | undefined> {
  if (!exe || !/^[a-z_]+(\/[a-z_<>]+)+$/.test(path) || path.includes('<')) return Promise.resolve(undefined);
  let p = cache.get(path);
  if (!p) {
    p = new Promise((resolve) => {
      execFile(
        exe,
        ['--type', 'default', '--withcomments', '--showdeprecated', '--showunsupported', path],
        { timeout: 3000, env: { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' }, maxBuffer: 1 << 20 },
        (err, stdout) => {
          if (err && !stdout) return resolve(undefined);
          const text = String(stdout)
            .split('\n')
            .filter((l) => /^\s*#/.test(l) && !/Configuration (option|section) /.test(l))
            .map((l) => l.replace(/^\s*# ?/, ''))
            .filter((l) => !/^\S+\s*=/.test(l))
            .join('\n')
            .trim();
          resolve(text || undefined);
        },
      );
    });
    cache.set(path, p);
  }
  return p;
}
