// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, any SARIF viewer). Files inside the
// repository are URIs relative to %SRCROOT% (declared as the repository root), files outside it
// absolute file:// URIs; every result carries GitHub's line fingerprint so an alert follows its
// line across commits; rules carry a name, help in text and Markdown, tags, precision and
// problem.severity. Validated against the official schema in test/cli/reports.test.ts.
import { allRules, ruleDoc, type RuleDoc } from '../core/rules';
import type { Severity } from '../core/types';
import { lineHashes } from './fingerprint';
import { artifactLocation, folderUri } from './location';
import { familyOf, precisionOf, problemSeverity, ruleName } from './rulemeta';
import type { ReportContext, ReportFile } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function ruleEntry(r: RuleDoc): unknown {
  const family = familyOf(r);
  const languages = r.languages.length ? r.languages : ['remote'];
  const text = [r.title, r.why, r.fix ? `Fix: ${r.fix}` : ''].filter(Boolean).join('\n\n');
  const markdown = [`**${r.title}**`, r.why, r.fix ? `**Fix:** ${r.fix}` : '', `Rule \`${r.code}\`; severity ${r.severity} by default (change it with \`severity:\` in .blockwise.yaml or \`--severity ${r.code}=LEVEL\`).`]
    .filter(Boolean)
    .join('\n\n');
  return {
    id: r.code,
    name: ruleName(r.code),
    shortDescription: { text: r.title },
    fullDescription: { text: r.why || r.title },
    help: { text, markdown },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: [...languages, family],
      precision: precisionOf(r, family),
      'problem.severity': problemSeverity(r.severity),
    },
  };
}

export function toSarif(files: ReportFile[], ctx: ReportContext): unknown {
  const used = new Set(files.flatMap((f) => f.findings.map((x) => x.code)));
  const rules: RuleDoc[] = allRules().filter((r) => used.has(r.code));
  for (const code of used) if (!ruleDoc(code)) rules.push({ code, languages: [], severity: 'warning', title: code, why: '', fix: '' });
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const results: unknown[] = [];
  const targets: Record<string, unknown> = {};
  for (const f of files) {
    const where = f.unnamed ? undefined : artifactLocation(ctx.root, f.path);
    if (where && f.target) targets[where.uri] = f.target;
    const hashes = f.text !== undefined && f.findings.length ? lineHashes(f.text, new Set(f.findings.map((x) => x.range.start.line + 1))) : undefined;
    for (const x of f.findings) {
      const hash = hashes?.get(x.range.start.line + 1);
      results.push({
        ruleId: x.code,
        ruleIndex: index.get(x.code),
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: where ?? { description: { text: 'standard input (name it with --stdin-filename)' } },
              region: {
                startLine: x.range.start.line + 1,
                startColumn: x.range.start.character + 1,
                endLine: x.range.end.line + 1,
                endColumn: x.range.end.character + 1,
              },
            },
          },
        ],
        ...(hash ? { partialFingerprints: { primaryLocationLineHash: hash } } : {}),
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Blockwise', semanticVersion: ctx.version, rules: rules.map(ruleEntry) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(ctx.root), description: { text: 'The repository root (the nearest folder with .git, else the working folder).' } } },
        invocations: [
          {
            executionSuccessful: ctx.executionSuccessful,
            workingDirectory: { uri: folderUri(ctx.cwd) },
            ...(ctx.notes.length ? { toolExecutionNotifications: ctx.notes.map((n) => ({ level: ctx.executionSuccessful ? 'warning' : 'error', message: { text: n } })) } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        // The release each file was checked as (keyed by its URI).
        properties: { targets },
        results,
      },
    ],
  };
}
