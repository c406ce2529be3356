// The one entry point the server and the CLI share: a parsed document in, final findings out.
import { ParsedDocument } from './core/document';
import { defineRules, finalize } from './core/rules';
import { LANGUAGE_IDS } from './core/types';
import type { AnalysisOptions, Finding, LanguageId } from './core/types';
import { HANDLERS } from './languages';
// The editor's cap on findings per document (too-many-findings): in the catalogue, so `blockwise
// rules`, the settings and .blockwise.yaml know its code.
import './core/limits';

defineRules([
  {
    code: 'analysis-budget',
    languages: [...LANGUAGE_IDS],
    severity: 'warning',
    title: 'Parsing or analysing the file went over its time budget and was stopped',
    why: 'Text that is nothing like the language (a megabyte of one format opened as another) can make a parser recover from errors for a minute; one such file must not stall the editor or a CI run. Nothing in it was checked.',
    fix: 'Check that the file is what its name says (or pass --language). Real lvm.conf, metadata and kickstart files stay well within the budgets: parsing 2 s plus 1 ms per KiB; in the editor, the whole analysis 10 s plus 2 ms per KiB.',
  },
]);

export function analyzeDocument(doc: ParsedDocument, options: AnalysisOptions = {}): Finding[] {
  const handler = HANDLERS[doc.languageId];
  let findings: Finding[];
  try {
    findings = handler.analyze(doc, options);
  } catch (e) {
    // An analysis bug must never take the server or the CLI down: report it where it can be seen.
    findings = [
      {
        code: 'internal-error',
        severity: 'error',
        range: doc.lines.lineRange(0),
        message: `Blockwise could not analyse this file (${(e as Error).message}). Please report this with the file.`,
      },
    ];
  }
  if (doc.parseAborted) {
    findings.unshift({
      code: 'analysis-budget',
      severity: 'warning',
      range: doc.lines.lineRange(0),
      message: `Blockwise gave up parsing this file after ${(doc.parseAborted.budgetMs / 1000).toFixed(1)} s: it is far from ${doc.languageId} syntax (lvm2 would refuse it at its first line), and reading it further would stall the editor. Nothing else in it was checked; if it is not a ${doc.languageId} file, open it as another language.`,
    });
  }
  return finalize(findings, doc.lines, options.severities);
}

export function analyzeText(uri: string, languageId: LanguageId, text: string, options: AnalysisOptions = {}): Finding[] {
  const doc = new ParsedDocument(uri, languageId, text);
  try {
    return analyzeDocument(doc, options);
  } finally {
    doc.dispose();
  }
}

/** The release a document is checked as, when its language has release data. Never throws. */
export function releaseOf(doc: ParsedDocument, options: AnalysisOptions = {}): { release: string; reason: string; source: string } | undefined {
  try {
    return HANDLERS[doc.languageId].release?.(doc, options);
  } catch {
    return undefined;
  }
}
