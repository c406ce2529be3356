// Shared by the attack suite (test/security): the bundled CLI as a process, temporary folders a
// non-root user can read, and how to run as that user.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/util';

export const root = repoRoot();
export const bin = join(root, 'bin', 'blockwise.js');
export const fixtures = join(root, 'test', 'fixtures');

const made: string[] = [];
// Removed when the test file's process ends (also the chmod-000 ones: the runner is their owner).
process.on('exit', () => {
  for (const d of made) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {
      /* left for the system's temporary-folder cleaning */
    }
  }
});

/** A fresh folder under the temporary folder, readable (not writable) by other users. */
export function tempDir(tag: string): string {
  const d = mkdtempSync(join(tmpdir(), `bw-sec-${tag}-`));
  chmodSync(d, 0o755);
  made.push(d);
  return d;
}

const DAC_CAPS = '-dac_override,-dac_read_search';

/** Run the bundled CLI; a hang ends at `timeout` ms with status null (the test then fails). */
export function cli(args: string[], o: { input?: string | Buffer; timeout?: number; cwd?: string; unprivileged?: boolean; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> & { out: string; err: string } {
  // unprivileged: root without the capabilities that override permission bits, so a chmod-000 file
  // stops it as it stops an admin's normal account. (Changing to `nobody` instead would also need
  // nobody to reach the checkout, which a clone in a private temporary folder does not allow.)
  const cmd = o.unprivileged ? 'setpriv' : process.execPath;
  const argv = o.unprivileged ? [`--bounding-set=${DAC_CAPS}`, `--inh-caps=${DAC_CAPS}`, '--', process.execPath, bin, ...args] : [bin, ...args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', input: o.input, timeout: o.timeout ?? 60_000, cwd: o.cwd, env: o.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  return Object.assign(r, { out: r.stdout ?? '', err: r.stderr ?? '' });
}

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version'], { encoding: 'utf8' }).status === 0;
/** Skip reason for tests that need to drop to a non-root user (false when they can run). */
export const noNobody: string | false = !isRoot ? 'needs root, to drop the capabilities that let root ignore permission bits (setpriv)' : !hasSetpriv ? 'setpriv (util-linux) is not installed' : false;

/** Skip reason when ansible-inventory (Debian ansible-core) is missing. */
export const noAnsible: string | false = spawnSync('ansible-inventory', ['--version'], { encoding: 'utf8' }).status === 0 ? false : 'ansible-inventory (Debian ansible-core) is not installed; npm test installs it as root';

/** Characters a terminal acts on: ESC, BEL, CR, the C1 CSI/OSC, bidi overrides, line separators. */
export const RAW_CONTROL = /[\u0007\u001b\r\u0085\u009b\u009d\u202e\u2066\u2028\u2029]/;
