// The kickstart model: commands, options, sections and includes as pykickstart reads them.
// Built from the tree-sitter-kickstart tree (one node per line, words split like shlex in posix
// mode), cached per document version. Every rule family, hover, completion and the storage
// graph read this model; none of them look at the text again.
import type { ParsedDocument } from '../core/document';
import type { AnalysisOptions, Range } from '../core/types';

export interface KsWord {
  /** The word after shlex unquoting (quotes removed, backslash escapes applied). */
  text: string;
  /** The word exactly as written. */
  raw: string;
  range: Range;
  /** Offsets in the document text. */
  start: number;
  end: number;
}

export interface KsOption {
  /** Canonical long name without dashes (e.g. `drives`), after alias and abbreviation resolution. */
  name: string;
  /** As written, e.g. `--drive`. */
  written: string;
  value?: string;
  valueRange?: Range;
  range: Range;
  abbreviated: boolean;
}

export interface KsCommand {
  /** Canonical command name after alias resolution (`part` for `partition`). */
  name: string;
  written: string;
  nameRange: Range;
  range: Range;
  /** 0-based line. */
  line: number;
  options: KsOption[];
  args: KsWord[];
  words: KsWord[];
  fromInclude?: string;
}

export interface KsSection {
  /** 'pre' | 'pre-install' | 'post' | 'packages' | 'onerror' | 'traceback' | 'addon' | ... */
  kind: string;
  /** The %xxx line with its options. */
  header: KsCommand;
  /** Offsets of the raw body. */
  bodyStart: number;
  bodyEnd: number;
  bodyRange: Range;
  /** The %end line; absent when missing. */
  end?: Range;
  interpreter?: string;
}

export interface KickstartModel {
  /** e.g. 'rhel9', 'fedora', from #version=, options.target, or default. */
  target: string;
  targetSource: 'version-line' | 'setting' | 'default';
  commands: KsCommand[];
  sections: KsSection[];
  includes: { path: string; range: Range; kind: 'include' | 'ksappend' }[];
  byName: Map<string, KsCommand[]>;
}

/** Build (or fetch from doc.cache for this document version) the model of a kickstart. */
export function buildModel(doc: ParsedDocument, options: AnalysisOptions): KickstartModel {
  void doc;
  void options;
  throw new Error('kickstart model: not implemented yet');
}
