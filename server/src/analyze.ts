// The one entry point the server and the CLI share: a parsed document in, final findings out.
import { ParsedDocument } from './core/document';
import { finalize } from './core/rules';
import type { AnalysisOptions, Finding, LanguageId } from './core/types';
import { HANDLERS } from './languages';

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
