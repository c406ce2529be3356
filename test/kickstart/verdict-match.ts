// How a Blockwise finding is matched with what pykickstart's ksvalidator says about the same file
// (shared by the real-corpus and the differential tests). ksvalidator names a line for most
// problems; the warnings pykickstart's handlers raise while parsing (authconfig, timezone --isUtc,
// --ntpservers, --nontp) and duplicate definitions come without one, so those are matched by what
// they name.
import type { Finding } from '../../server/src/core/types';

export interface VerdictError {
  line: number | null;
  message: string;
}

/** Storage findings that stand on a definition ksvalidator reports without a line ("... has already been defined"). */
const LINELESS_STORAGE = new Set(['duplicate-member-id', 'raid-member-reused', 'duplicate-part-mountpoint']);

/** The commands and option strings a line-less deprecation message names. */
function namedInLineless(errors: VerdictError[]): { commands: Set<string>; options: Set<string> } {
  const commands = new Set<string>();
  const options = new Set<string>();
  // Any message: ksvalidator's output glues a line-less message to the next one, which may name a line.
  for (const e of errors) {
    for (const m of e.message.matchAll(/The (\w+) command will be deprecated/g)) commands.add(m[1]);
    for (const m of e.message.matchAll(/The option (--[\w-]+) will be deprecated/g)) options.add(m[1]);
  }
  // pykickstart's authconfig handler serves both spellings.
  if (commands.has('authconfig')) commands.add('auth');
  return { commands, options };
}

/** Is the finding confirmed by one of ksvalidator's errors for the file? */
export function confirmedBy(f: Finding, errors: VerdictError[]): boolean {
  const line = f.range.start.line + 1;
  if (errors.some((e) => e.line === line)) return true;
  // pykickstart stops at the first section left open and never reads the sections after it, so a
  // later section without %end cannot be named by it (it would be, once the first is closed).
  if (f.code === 'missing-end' && errors.some((e) => e.line !== null && e.line < line && /does not end with %end/.test(e.message))) return true;
  if (LINELESS_STORAGE.has(f.code) && errors.some((e) => e.line === null && /already been defined/.test(e.message))) return true;
  const named = namedInLineless(errors);
  if (f.code === 'deprecated-command') {
    const cmd = /^(\w+) is /.exec(f.message)?.[1];
    return !!cmd && named.commands.has(cmd);
  }
  if (f.code === 'deprecated-option') return [...named.options].some((o) => f.message.includes(`${o} `));
  return false;
}

/**
 * Is an error ksvalidator gives without a line explained by one of the findings? Deprecations name
 * their command or option; duplicate definitions stand on a storage or duplicate finding. Other
 * line-less errors (a quote never closed, the file empty) are matched by their code.
 */
export function explainedBy(e: VerdictError, findings: Finding[]): boolean {
  const named = namedInLineless([e]);
  if (named.commands.size || named.options.size) {
    return findings.some((f) => {
      if (f.code === 'deprecated-command' || f.code === 'removed-command') return named.commands.has(/^(\w+) /.exec(f.message)?.[1] ?? '');
      return f.code.startsWith('deprecated') && [...named.options].some((o) => f.message.includes(`${o} `));
    });
  }
  if (/already been defined/.test(e.message)) return findings.some((f) => LINELESS_STORAGE.has(f.code) || f.code.startsWith('duplicate-'));
  if (/No closing quotation/.test(e.message)) return findings.some((f) => f.code === 'unterminated-quote');
  return false;
}
