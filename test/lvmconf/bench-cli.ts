// `npm run bench`: the Blockwise CLI against Debian's `lvmconfig --validate` on the same configs.
//   batch:    one `blockwise check --language lvm-conf F1 … F100` process vs 100 lvmconfig runs
//             (each with its own private LVM_SYSTEM_DIR holding the config as lvm.conf);
//   per file: 100 `blockwise check --language lvm-conf Fi` processes vs the same 100 lvmconfig runs.
// Needs the build (bin/blockwise.js -> dist/server/cli.js) and lvm2; says why when it skips.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus, root } from './corpus';

export interface CliBench {
  files: number;
  /** One CLI process over all files. */
  cliMs: number;
  /** One lvmconfig run per file, summed. */
  lvmconfigMs: number;
  /** cliMs / lvmconfigMs (target <= 1). */
  ratio: number;
  /** One CLI process per file, summed. */
  cliPerFileMs: number;
  /** cliPerFileMs / lvmconfigMs. */
  perFileRatio: number;
  /** Per file, in the batch run / per lvmconfig run / per single-file CLI run. */
  cliMsPerFile: number;
  lvmconfigMsPerFile: number;
  cliSingleMsPerFile: number;
  skipped?: undefined;
}

const LVMCONFIG = ['/usr/sbin/lvmconfig', '/sbin/lvmconfig'].find((p) => existsSync(p));

/** The first `n` configs of the corpus (fixtures, Debian's files, then generated ones), written to `dir`. */
export function writeCorpus(dir: string, n = 100): string[] {
  const fixed = corpus(0);
  const all = corpus(Math.max(0, n - fixed.length)).slice(0, n);
  return all.map((c, i) => {
    const p = join(dir, `${String(i).padStart(3, '0')}-${c.name.replace(/[/]/g, '_').replace(/\.profile$/, '.conf')}`);
    writeFileSync(p, c.text);
    return p;
  });
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/**
 * Compare the CLI with lvmconfig on `files` (default: 100 configs of the agreement corpus written
 * to a temporary folder). Everything is sequential on one core's worth of work per process.
 */
export async function benchCliVsLvmconfig(files?: string[]): Promise<CliBench | { skipped: string }> {
  if (!LVMCONFIG) return { skipped: 'lvmconfig (Debian package lvm2) is not installed' };
  const cli = join(root, 'bin', 'blockwise.js');
  if (!existsSync(join(root, 'dist', 'server', 'cli.js'))) return { skipped: 'the CLI bundle is not built (node scripts/build.mjs)' };
  const tmp = mkdtempSync(join(tmpdir(), 'blockwise-bench-cli-'));
  try {
    let list = files;
    if (!list) {
      mkdirSync(join(tmp, 'configs'));
      list = writeCorpus(join(tmp, 'configs'));
    }
    // One private LVM_SYSTEM_DIR per config, prepared outside the timing.
    const sysdirs = list.map((f, i) => {
      const d = join(tmp, `sys${i}`);
      mkdirSync(d);
      copyFileSync(f, join(d, 'lvm.conf'));
      return d;
    });
    const env = { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' };
    const runCli = (args: string[]) => {
      const r = spawnSync(process.execPath, [cli, 'check', '--language', 'lvm-conf', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`blockwise check exited ${r.status}: ${r.stderr}`);
    };
    // Warm the page cache and node's compile cache once for both tools.
    const files0 = list;
    runCli([files0[0]]);
    spawnSync(LVMCONFIG, ['--validate'], { env: { ...env, LVM_SYSTEM_DIR: sysdirs[0] } });

    const cliMs = time(() => runCli(list));
    const lvmconfigMs = time(() => {
      for (const d of sysdirs) spawnSync(LVMCONFIG, ['--validate'], { env: { ...env, LVM_SYSTEM_DIR: d }, encoding: 'utf8' });
    });
    const cliPerFileMs = time(() => {
      for (const f of list) runCli([f]);
    });
    const n = list.length;
    return {
      files: n,
      cliMs,
      lvmconfigMs,
      ratio: cliMs / lvmconfigMs,
      cliPerFileMs,
      perFileRatio: cliPerFileMs / lvmconfigMs,
      cliMsPerFile: cliMs / n,
      lvmconfigMsPerFile: lvmconfigMs / n,
      cliSingleMsPerFile: cliPerFileMs / n,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
