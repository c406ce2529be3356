// One handler per document language behind one interface (helm-ls's shape). The server and the
// CLI route by language id; every feature reads the handler's own model of the document.
import type { ParsedDocument } from './document';
import type { AnalysisOptions, DocSymbol, Finding, FoldRange, LanguageId, Position, Range } from './types';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range?: Range;
}

export type CompletionKind =
  | 'keyword'
  | 'property'
  | 'value'
  | 'module'
  | 'snippet'
  | 'enum'
  | 'reference'
  | 'file';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText?: string;
  /** insertText is an LSP snippet. */
  snippet?: boolean;
  sortText?: string;
  /** Range the completion replaces; defaults to the word at the cursor. */
  replace?: Range;
}

/**
 * One rendering of a template (template/views.ts): the text with the branches it does not take
 * blanked (same length, same line breaks as the text with every branch), and those blanked spans.
 */
export interface BranchView {
  doc: ParsedDocument;
  blanked: [number, number][];
}

/** Findings of a template's renderings: those every line decides alone, and each view's own. */
export interface BranchFindings {
  /** Each holds wherever its line renders. */
  shared: Finding[];
  /** perView[k]: the whole-file findings of view k. */
  perView: Finding[][];
}

export interface LanguageHandler {
  readonly id: LanguageId;
  /** The releases `--target` may name for this language (the CLI refuses a value no language accepts). */
  readonly targets?: { accepts(raw: string): boolean; describe: string };
  /** Findings for the whole document (severity overrides and suppressions are applied by the caller). */
  analyze(doc: ParsedDocument, options: AnalysisOptions): Finding[];
  /**
   * A template's renderings analysed together, sharing the work their common lines allow: `union`
   * holds every branch. Undefined when the views cannot share it (a branch changes the structure
   * of the file or splits a line); the caller then analyses each view alone.
   */
  branchFindings?(union: ParsedDocument, views: BranchView[], options: AnalysisOptions): BranchFindings | undefined;
  /**
   * The findings of some lines alone (the offsets where they start), those lines checked as
   * `release` for `reason`: a template's branch that renders only for that release.
   */
  linesAs?(doc: ParsedDocument, starts: number[], release: string, reason: string, options: AnalysisOptions): Finding[];
  /** Whether the word starting at `offset` is read as an option's value (`--disklabel gpt`). */
  isOptionValue?(doc: ParsedDocument, offset: number): boolean;
  symbols(doc: ParsedDocument, options?: AnalysisOptions): DocSymbol[];
  folding(doc: ParsedDocument): FoldRange[];
  hover?(doc: ParsedDocument, pos: Position, options: AnalysisOptions): HoverResult | null;
  completion?(doc: ParsedDocument, pos: Position, options: AnalysisOptions): CompletionEntry[];
  /** Definition of the name at pos (ranges inside the same document). */
  definition?(doc: ParsedDocument, pos: Position): Range[];
  references?(doc: ParsedDocument, pos: Position, includeDeclaration: boolean): Range[];
  /** Offsets of embedded shell scripts (kickstart %pre/%post bodies with a shell interpreter), for highlighting. */
  shellBodies?(doc: ParsedDocument): { start: number; end: number }[];
  /** The release this file is checked as, and why (shown by the CLI, hover and the status bar). */
  release?(doc: ParsedDocument, options: AnalysisOptions): { release: string; reason: string; source: import('./release').ReleaseSource } | undefined;
  /** Canonical formatting as edits (lvm-conf). */
  format?(doc: ParsedDocument, options: { tabSize: number; insertSpaces: boolean }): import('./types').TextEdit[];
}

/** lvm2 releases a target may name: 2.02.x and 2.03.x versions (the settings catalogue's range). */
export const LVM2_TARGETS = {
  accepts: (raw: string) => /^2\.0[23]\.\d{1,3}$/.test(raw.trim()),
  describe: 'an lvm2 version 2.02.x or 2.03.x, e.g. 2.03.16',
};
