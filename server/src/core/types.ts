// Shared shapes of the analysis core. Pure data: no LSP connection, no `vscode` import.
// Positions are 0-based lines and UTF-16 columns, as LSP and web-tree-sitter count them.

export type LanguageId = 'lvm-conf' | 'lvm-metadata' | 'kickstart';
export const LANGUAGE_IDS: readonly LanguageId[] = ['lvm-conf', 'lvm-metadata', 'kickstart'];

/** The tree-sitter grammars the project ships (loaded by syntax/treesitter.ts). */
export type GrammarName = 'lvm' | 'kickstart' | 'bash';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor should offer first (LSP isPreferred). */
  preferred?: boolean;
}

export interface Finding {
  /** Stable kebab-case rule code, e.g. `unguarded-clearpart`. */
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Other places that explain the finding (LSP relatedInformation). */
  related?: { range: Range; message: string }[];
}

export type SymbolKind =
  | 'file'
  | 'module'
  | 'namespace'
  | 'class'
  | 'field'
  | 'property'
  | 'variable'
  | 'constant'
  | 'array'
  | 'object'
  | 'key'
  | 'struct'
  | 'event'
  | 'function';

export interface DocSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocSymbol[];
}

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/** Options every analysis takes; each language may read more of its own from `settings`. */
export interface AnalysisOptions {
  /** Kickstart target (e.g. `rhel9`) or lvm2 target version (e.g. `2.03.16`), per language. */
  target?: string;
  /** Where `target` comes from, for the reason line (e.g. "--target", "the repository config"); default: the target setting/--target. */
  targetFrom?: string;
  /** Per-rule severity overrides: code -> severity or 'off'. */
  severities?: Record<string, Severity | 'off'>;
  /** Language-specific settings, passed through untouched. */
  settings?: Record<string, unknown>;
  /**
   * The lvm2 of the host a remote file was read from (the remote panel's report): an lvm.conf
   * read from a host is checked as that host's lvm2 unless a target is set explicitly.
   */
  host?: { release: string; reason: string };
  /**
   * Reads a file the document includes (a kickstart's `%include common.ks`) the way the real tool
   * does: a relative path beside the including file. The CLI and the server give it for files on
   * disk; it is never sent to an analysis worker (the worker makes its own from the document's path).
   */
  readInclude?: IncludeReader;
}

/** The text of an included file and where it was found, or undefined when it cannot be read here. */
export type IncludeReader = (path: string, from?: string) => { text: string; file: string } | undefined;
