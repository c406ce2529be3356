// GitHub Actions workflow commands: one `::error|warning|notice file=...,line=...::message` line per
// finding, which the runner turns into annotations on the pull request. Paths are relative to the
// repository root (the checkout). Text from input goes through the one sanitiser (terminal
// controls, line breaks), then property values escape % : and , and messages %, so no finding can
// end its line and forge another command.
import { sanitizeText } from '../core/sanitize';
import type { Severity } from '../core/types';
import { reportPath } from './location';
import type { ReportContext, ReportFile } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

const escData = (s: string) => sanitizeText(s).replace(/%/g, '%25');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithub(files: ReportFile[], ctx: ReportContext): string {
  let out = '';
  for (const f of files) {
    const file = f.unnamed ? undefined : reportPath(ctx.root, f.path);
    for (const x of f.findings) {
      const props = [
        ...(file !== undefined ? [`file=${escProp(file)}`] : []),
        `line=${x.range.start.line + 1}`,
        `col=${x.range.start.character + 1}`,
        `endLine=${x.range.end.line + 1}`,
        `endColumn=${x.range.end.character + 1}`,
        `title=${escProp(x.code)}`,
      ];
      out += `::${COMMAND[x.severity]} ${props.join(',')}::${escData(x.message)}\n`;
    }
  }
  return out;
}
