// Rule catalogue: every finding code has a doc entry and a default severity. Severity overrides
// (per-rule settings, `--severity` in the CLI) and `# blockwise-disable-next-line CODE` comments
// are applied here, once, for every language.
import type { Finding, LanguageId, Severity } from './types';
import type { LineIndex } from './text';

export interface RuleDoc {
  code: string;
  /** Languages that report this code (one code may serve several, e.g. `syntax`). */
  languages: LanguageId[];
  severity: Severity;
  /** One line: what it reports. */
  title: string;
  /** Why it matters to a storage admin. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** Where a rule with no file language applies (e.g. remote hosts). */
  appliesTo?: string;
}

const catalogue = new Map<string, RuleDoc>();

export function defineRules(rules: RuleDoc[]): void {
  for (const r of rules) {
    const prev = catalogue.get(r.code);
    if (prev) {
      for (const l of r.languages) if (!prev.languages.includes(l)) prev.languages.push(l);
      continue;
    }
    catalogue.set(r.code, { ...r, languages: [...r.languages] });
  }
}

export function ruleDoc(code: string): RuleDoc | undefined {
  return catalogue.get(code);
}

export function allRules(): RuleDoc[] {
  return [...catalogue.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const SUPPRESS = /#\s*blockwise-disable-next-line\b([^\n]*)/;

/** Codes suppressed on each line by a comment on the line before (`*` = every code). */
export function suppressions(lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const text = lines.text;
  let at = text.indexOf('blockwise-disable-next-line');
  while (at !== -1) {
    const pos = lines.positionAt(at);
    const m = SUPPRESS.exec(lines.lineText(pos.line));
    if (m) {
      const codes = m[1]
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => /^[a-z0-9-]+$/.test(s));
      // The comment covers the next line that is not itself blank or a comment.
      let target = pos.line + 1;
      while (target < lines.lineCount && /^\s*$/.test(lines.lineText(target))) target++;
      out.set(target, new Set(codes.length ? codes : ['*']));
    }
    at = text.indexOf('blockwise-disable-next-line', at + 1);
  }
  return out;
}

/** Apply suppression comments and severity overrides, then sort by position. */
export function finalize(
  findings: Finding[],
  lines: LineIndex,
  severities: Record<string, Severity | 'off'> = {},
): Finding[] {
  const sup = findings.length ? suppressions(lines) : new Map<number, Set<string>>();
  const out: Finding[] = [];
  for (const f of findings) {
    const s = sup.get(f.range.start.line);
    if (s && (s.has('*') || s.has(f.code))) continue;
    const override = severities[f.code];
    if (override === 'off') continue;
    out.push(override ? { ...f, severity: override } : f);
  }
  out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
  return out;
}
