// The CI report formats of `blockwise check`, behind one call the CLI imports when asked for one.
import { resolve } from 'node:path';
import { toCodeClimate } from './codeclimate';
import { toGithub } from './github';
import { findRepoRoot } from './location';
import { toSarif } from './sarif';
import type { ReportContext, ReportFile } from './types';

export function writeReport(format: 'sarif' | 'github' | 'codeclimate', files: ReportFile[], run: Omit<ReportContext, 'cwd' | 'root'>, cwd = process.cwd()): string {
  const ctx: ReportContext = { ...run, cwd: resolve(cwd), root: findRepoRoot(cwd) ?? resolve(cwd) };
  switch (format) {
    case 'sarif':
      return `${JSON.stringify(toSarif(files, ctx), null, 2)}\n`;
    case 'codeclimate':
      return `${JSON.stringify(toCodeClimate(files, ctx), null, 2)}\n`;
    default:
      return toGithub(files, ctx);
  }
}
