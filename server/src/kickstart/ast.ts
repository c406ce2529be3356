// The shapes of a kickstart as read: words, options (in columns: OptionTable), commands, sections,
// includes and the model that holds them. Types and the option table only: model.ts builds them
// (words.ts reads the lines), release identification and the rules read them.
import type { Range } from '../core/types';
import type { KsReleaseChoice, ReleaseClue } from './release';
import type { OptionKey, OptionSpec, Target } from './versions';

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
  /** False when the option is not in the command's table for the target (unknown, ambiguous, removed). */
  known?: boolean;
  /** The table entry the option resolved to (set when known). */
  spec?: OptionSpec;
}

export interface KsCommand {
  /** Canonical command name after alias resolution (`part` for `partition`). */
  name: string;
  written: string;
  nameRange: Range;
  range: Range;
  /** 0-based line. */
  line: number;
  /** The options as objects, made when read (rules that visit every option read the rows). */
  options: KsOption[];
  args: KsWord[];
  words: KsWord[];
  fromInclude?: string;
  /** The command's options are the rows [optFirst, optEnd) of this table. */
  readonly optionTable: OptionTable;
  readonly optFirst: number;
  readonly optEnd: number;
}

// What the model keeps is small: a 20,000-line file has ~100,000 words and ~33,000 options,
// and everything kept survives the young generation, so the GC copies it (with an object an
// option, that copying was half of a review's time). Options live in columns (OptionTable);
// ranges are made from offsets when first read (only findings, hover and the outline read them);
// a command keeps its positionals and reads its words from the text again when asked.

/** OptionTable.flags bits. */
export const OPT_KNOWN = 1; // resolved against the command's table (KsOption.known === true)
export const OPT_UNKNOWN = 2; // not in the table for the target (known === false)
export const OPT_ABBREVIATED = 4;

/**
 * Every option of a document in file order, one row an option, in columns: the numbers in typed
 * arrays (outside the JS heap); each row's key (canonical name, name as written, spec) is, for an
 * option written in full, the command table's own shared object. A command's options are the rows
 * [optFirst, optEnd). An option's range runs from its start to its end (the end of a separate
 * value word); its value, when it has one, from valueStart to the end.
 */
export class OptionTable {
  count = 0;
  private cap: number;
  key: OptionKey[];
  value: (string | undefined)[];
  /** The 0-based line each option is on, and the offset where that line starts. */
  line: Int32Array;
  lineStart: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** -1: no value. */
  valueStart: Int32Array;
  flags: Uint8Array;

  /** `expected`: about how many options there will be (the columns grow past it). */
  constructor(expected = 256) {
    const n = (this.cap = Math.max(64, expected));
    // Sized up front and filled by index: pushing grows (and copies) each column a dozen times.
    this.key = new Array<OptionKey>(n);
    this.value = new Array<string | undefined>(n);
    // The number columns share one buffer: one allocation, not six (a model is built per analysis,
    // and per release a template's branches name).
    const buf = new ArrayBuffer(n * 21);
    this.line = new Int32Array(buf, 0, n);
    this.lineStart = new Int32Array(buf, n * 4, n);
    this.start = new Int32Array(buf, n * 8, n);
    this.end = new Int32Array(buf, n * 12, n);
    this.valueStart = new Int32Array(buf, n * 16, n);
    this.flags = new Uint8Array(buf, n * 20, n);
  }

  add(key: OptionKey, start: number, end: number, cmd: { readonly line: number; readonly lineStart: number }, flags: number): number {
    const j = this.count++;
    if (j === this.cap) this.grow();
    this.key[j] = key;
    this.value[j] = undefined;
    this.line[j] = cmd.line;
    this.lineStart[j] = cmd.lineStart;
    this.start[j] = start;
    this.end[j] = end;
    this.valueStart[j] = -1;
    this.flags[j] = flags;
    return j;
  }

  private grow(): void {
    const n = (this.cap *= 2);
    const buf = new ArrayBuffer(n * 21);
    let at = 0;
    const widen = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), (at += n * a.BYTES_PER_ELEMENT), b);
    const key = new Array<OptionKey>(n);
    const value = new Array<string | undefined>(n);
    for (let j = 0; j < this.count - 1; j++) {
      key[j] = this.key[j];
      value[j] = this.value[j];
    }
    this.key = key;
    this.value = value;
    this.line = widen(this.line, new Int32Array(buf, at, n));
    this.lineStart = widen(this.lineStart, new Int32Array(buf, at, n));
    this.start = widen(this.start, new Int32Array(buf, at, n));
    this.end = widen(this.end, new Int32Array(buf, at, n));
    this.valueStart = widen(this.valueStart, new Int32Array(buf, at, n));
    this.flags = widen(this.flags, new Uint8Array(buf, at, n));
  }

  /** KsOption.known of a row. */
  known(j: number): boolean | undefined {
    const f = this.flags[j];
    return f & OPT_KNOWN ? true : f & OPT_UNKNOWN ? false : undefined;
  }

  range(j: number): Range {
    const line = this.line[j];
    const ls = this.lineStart[j];
    return { start: { line, character: this.start[j] - ls }, end: { line, character: this.end[j] - ls } };
  }

  valueRange(j: number): Range | undefined {
    const vs = this.valueStart[j];
    if (vs < 0) return undefined;
    const line = this.line[j];
    const ls = this.lineStart[j];
    return { start: { line, character: vs - ls }, end: { line, character: this.end[j] - ls } };
  }

  /** Row j as a KsOption (a view: it reads the row when asked). */
  view(j: number): KsOption {
    return new OptionView(this, j);
  }
}

/** A row of an OptionTable seen as a KsOption. */
class OptionView implements KsOption {
  constructor(
    private readonly t: OptionTable,
    readonly row: number,
  ) {}
  get name(): string {
    return this.t.key[this.row].name;
  }
  get written(): string {
    return this.t.key[this.row].written;
  }
  get value(): string | undefined {
    return this.t.value[this.row];
  }
  get spec(): OptionSpec | undefined {
    return this.t.key[this.row].spec;
  }
  get known(): boolean | undefined {
    return this.t.known(this.row);
  }
  get abbreviated(): boolean {
    return (this.t.flags[this.row] & OPT_ABBREVIATED) !== 0;
  }
  get range(): Range {
    return this.t.range(this.row);
  }
  get valueRange(): Range | undefined {
    return this.t.valueRange(this.row);
  }
}

/**
 * The row of the last option of `c` named `name` (argparse keeps the last occurrence), or -1.
 * With `knownOnly`, options the model could not resolve for the target are passed over.
 */
export function optionRow(c: KsCommand, name: string, knownOnly = false): number {
  const t = c.optionTable;
  for (let j = c.optEnd - 1; j >= c.optFirst; j--) {
    if (t.key[j].name === name && !(knownOnly && t.flags[j] & OPT_UNKNOWN)) return j;
  }
  return -1;
}

/** Btrfs storage on a part (`--fstype=btrfs`, `btrfs.NN`), raid (`--fstype=btrfs`) or autopart (`--type=btrfs`) line. */
export function usesBtrfs(c: KsCommand): boolean {
  const value = (name: string) => {
    const j = optionRow(c, name);
    return j < 0 ? undefined : c.optionTable.value[j];
  };
  if (c.name === 'part') return value('fstype') === 'btrfs' || /^btrfs\./.test(c.args[0]?.text ?? '');
  if (c.name === 'raid') return value('fstype') === 'btrfs';
  if (c.name === 'autopart') return value('type') === 'btrfs';
  return false;
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
  targetSource: 'version-line' | 'setting' | 'evidence' | 'default';
  commands: KsCommand[];
  sections: KsSection[];
  includes: { path: string; range: Range; kind: 'include' | 'ksappend' }[];
  byName: Map<string, KsCommand[]>;
  /** Every option of every command and section header. */
  optionTable: OptionTable;
}

// ---------------------------------------------------------------------------------------------
// Extensions (optional, so code written against the contract above keeps working).

export interface KsIssue {
  code: string;
  severity: 'error' | 'warning' | 'info';
  range: Range;
  message: string;
  /** Replacement text for `range` offered as a quick fix (did-you-mean, full option name). */
  replaceWith?: { title: string; text: string }[];
}

export interface KickstartModelExt extends KickstartModel {
  /** The resolved target (tables, version number, label). */
  resolved: Target;
  /** Why that release (release.ts): explicit setting, the #version= line, evidence or the default. */
  release: KsReleaseChoice;
  /** The `#version=` line, when present. */
  versionLine?: { value: string; range: Range; known: boolean };
  /** Every release clue read from the text and path (all of them, not only those that decided); empty when the setting or the #version= line decided. */
  clues?: ReleaseClue[];
  /** Lines outside sections whose first word starts with '%' but names no section (%end, %foo). */
  percentLines: KsCommand[];
  /**
   * The percentLines that are not %end, with the lines read as their body: up to their %end (not
   * a stray one), the next section header or the end of the file.
   */
  unknownSections: UnknownSection[];
  /** Problems found while reading words and options (unknown/ambiguous options, bad quotes...). */
  issues: KsIssue[];
  /** Number of lines (for bench figures). */
  lineCount: number;
}

export interface UnknownSection {
  header: KsCommand;
  /** Offsets of the lines read as its body (comments and %include lines among them). */
  bodyStart: number;
  bodyEnd: number;
  /** Its %end, when it has one. */
  end?: Range;
  /** Where its last line (the %end line, when it has one) ends. */
  sectionEnd: number;
}
