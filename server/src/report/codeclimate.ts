// GitLab Code Quality (the Code Climate issue format): the merge-request widget compares the
// report of the source and target branches by fingerprint, so a fingerprint must stay the same
// while the finding stays (it hashes the path, the rule, the line's content fingerprint and the
// message, not the line number) and differ between findings (a counter separates repeats).
import { createHash } from 'node:crypto';
import type { Severity } from '../core/types';
import { ruleDoc } from '../core/rules';
import { lineHashes } from './fingerprint';
import { reportPath } from './location';
import { familyOf } from './rulemeta';
import type { ReportContext, ReportFile } from './types';

type Level = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

function levelOf(code: string, s: Severity): Level {
  const rule = ruleDoc(code);
  if (s === 'error') return rule && familyOf(rule) === 'safety' ? 'blocker' : 'critical';
  if (s === 'warning') return 'major';
  return s === 'info' ? 'minor' : 'info';
}

export function toCodeClimate(files: ReportFile[], ctx: ReportContext): unknown[] {
  const out: unknown[] = [];
  const seen = new Map<string, number>();
  for (const f of files) {
    const path = f.unnamed ? '-' : reportPath(ctx.root, f.path);
    const hashes = f.text !== undefined && f.findings.length ? lineHashes(f.text, new Set(f.findings.map((x) => x.range.start.line + 1))) : undefined;
    for (const x of f.findings) {
      const base = [path, x.code, hashes?.get(x.range.start.line + 1) ?? '', x.message].join('\0');
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const rule = ruleDoc(x.code);
      out.push({
        type: 'issue',
        check_name: x.code,
        description: x.message,
        categories: [rule && familyOf(rule) === 'version' ? 'Compatibility' : 'Bug Risk'],
        fingerprint: createHash('md5').update(`${base}\0${n}`).digest('hex'),
        severity: levelOf(x.code, x.severity),
        location: { path, lines: { begin: x.range.start.line + 1, end: x.range.end.line + 1 } },
      });
    }
  }
  return out;
}
