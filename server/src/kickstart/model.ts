// The kickstart model: commands, options, sections and includes as pykickstart reads them.
// Built from the text in one pass (reader.ts gives the line structure the grammar defines; words
// are split like shlex in POSIX mode), cached per document version. Every rule family, hover,
// completion and the storage graph read this model.
import type { ParsedDocument } from '../core/document';
import type { LineIndex } from '../core/text';
import type { AnalysisOptions, Range } from '../core/types';
import { chooseKickstartRelease, kickstartEvidence, type KsReleaseChoice } from './release';
import { isPySpace, readKickstart, unquote, wordEnd, type WordScan } from './reader';
import {
  closest,
  commandSpec,
  exactOptionAt,
  lookupOption,
  optionNames,
  optionAvailable,
  resolveTarget,
  sectionSpec,
  tableLabel,
  unavailableOption,
  versionLabel,
  type CommandSpec,
  type OptionKey,
  type OptionMatch,
  type OptionSpec,
  type TableKey,
  type Target,
} from './versions';

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

/**
 * A word of one line: offsets plus the line, the range made on first read. Made only by makeWord,
 * as an object literal with this prototype (see makeWord), so the class declares its fields and
 * holds the getters.
 */
class Word implements KsWord {
  declare text: string;
  declare raw: string;
  declare start: number;
  declare end: number;
  /** 0-based line and the offset where it starts (words never span lines). */
  declare readonly line: number;
  declare readonly lineStart: number;
  get range(): Range {
    return { start: { line: this.line, character: this.start - this.lineStart }, end: { line: this.line, character: this.end - this.lineStart } };
  }
}

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
    this.line = new Int32Array(n);
    this.lineStart = new Int32Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.valueStart = new Int32Array(n);
    this.flags = new Uint8Array(n);
  }

  add(key: OptionKey, start: number, end: number, cmd: Command, flags: number): number {
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
    const widen = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    const key = new Array<OptionKey>(n);
    const value = new Array<string | undefined>(n);
    for (let j = 0; j < this.count - 1; j++) {
      key[j] = this.key[j];
      value[j] = this.value[j];
    }
    this.key = key;
    this.value = value;
    this.line = widen(this.line, new Int32Array(n));
    this.lineStart = widen(this.lineStart, new Int32Array(n));
    this.start = widen(this.start, new Int32Array(n));
    this.end = widen(this.end, new Int32Array(n));
    this.valueStart = widen(this.valueStart, new Int32Array(n));
    this.flags = widen(this.flags, new Uint8Array(n));
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

// Shared by every command without positionals (a plain array: a frozen one has its own
// elements kind and makes every `for...of` over them generic). Never mutated: argsOf replaces it.
const NO_ARGS: KsWord[] = [];

/**
 * A command, section header or directive line; its ranges come from its first and last words.
 * Made only by readLine, as an object literal with this prototype (see makeWord).
 */
class Command implements KsCommand {
  declare args: KsWord[];
  /** Its options are the rows [optFirst, optEnd) of optionTable. */
  declare optFirst: number;
  declare optEnd: number;
  declare name: string;
  declare written: string;
  declare line: number;
  declare readonly lineStart: number;
  /** Offsets of the first word, where it ends, and where the last word ends. */
  declare private readonly start: number;
  declare private readonly nameEnd: number;
  declare private readonly end: number;
  /** The document text and the raw first-word end (readLine's keyEnd), to read the words again. */
  declare private readonly text: string;
  declare private readonly keyEnd: number;
  declare readonly optionTable: OptionTable;
  get options(): KsOption[] {
    const out: KsOption[] = [];
    for (let j = this.optFirst; j < this.optEnd; j++) out.push(this.optionTable.view(j));
    return out;
  }
  get nameRange(): Range {
    const { line, lineStart } = this;
    return { start: { line, character: this.start - lineStart }, end: { line, character: this.nameEnd - lineStart } };
  }
  get range(): Range {
    const { line, lineStart } = this;
    return { start: { line, character: this.start - lineStart }, end: { line, character: this.end - lineStart } };
  }
  /** The line's words, read from the text again (only the outline and tests ask). */
  get words(): KsWord[] {
    readWords(this.text, this.start, this.line, this.lineStart, this.keyEnd, undefined);
    const out: KsWord[] = [];
    for (let k = 0; k < WN; k++) out.push(makeWord(this.text, k, this.line, this.lineStart));
    return out;
  }
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

export { unquote, type Unquoted } from './reader';

// ---------------------------------------------------------------------------------------------
// Building the model from the text (reader.ts gives the line structure).

const CACHE_KEY = 'kickstart-model';
interface CacheEntry {
  lines: LineIndex;
  version: number;
  target: string | undefined;
  model: KickstartModelExt;
}

/** Commands whose words go to another program (authselect, realm) rather than to argparse. */
const PASS_THROUGH = new Set(['auth', 'authconfig', 'authselect', 'realm']);

/**
 * The model of this document version for whatever target it was last built for, or a new one for
 * the file's own target. For features that do not depend on the target (folding, sections,
 * go to definition), so they do not rebuild a 20,000-line model the review already made.
 */
export function currentModel(doc: ParsedDocument): KickstartModelExt {
  const hit = doc.cache.get(CACHE_KEY) as CacheEntry | undefined;
  if (hit && hit.lines === doc.lines && hit.version === doc.version) return hit.model;
  return buildModel(doc, {});
}

/** Build (or fetch from doc.cache for this document version) the model of a kickstart. */
export function buildModel(doc: ParsedDocument, options: AnalysisOptions): KickstartModelExt {
  const hit = doc.cache.get(CACHE_KEY) as CacheEntry | undefined;
  if (hit && hit.lines === doc.lines && hit.version === doc.version && hit.target === options.target) return hit.model;
  const model = build(doc, options);
  doc.cache.set(CACHE_KEY, { lines: doc.lines, version: doc.version, target: options.target, model });
  return model;
}

function build(doc: ParsedDocument, options: AnalysisOptions): KickstartModelExt {
  const text = doc.text;
  const lines = doc.lines;
  // The #version= line, then the release: explicit setting > the line > evidence > default (release.ts).
  let versionLine: KickstartModelExt['versionLine'];
  const vm = /^#version=([^\r\n]*)/m.exec(text.length > 200000 ? text.slice(0, 200000) : text);
  if (vm) {
    const at = vm.index;
    const value = vm[1].trim();
    versionLine = { value, range: lines.range(at, at + vm[0].length), known: !!resolveTarget(value) };
  }
  let first: KickstartModelExt | undefined;
  const choice = chooseKickstartRelease(versionLine?.value, options.target, (t) => kickstartEvidence((first = buildFor(doc, t))));
  const model = first && first.resolved.table === choice.release.table ? first : buildFor(doc, choice.release);
  model.resolved = choice.release;
  model.target = choice.release.name;
  model.release = choice;
  model.targetSource = choice.source === 'header' ? 'version-line' : choice.source === 'explicit' ? 'setting' : choice.source === 'evidence' ? 'evidence' : 'default';
  model.versionLine = versionLine;
  return model;
}

function buildFor(doc: ParsedDocument, resolved: Target): KickstartModelExt {
  const text = doc.text;
  const lines = doc.lines;
  const issues: KsIssue[] = [];
  const targetSource: KickstartModel['targetSource'] = 'default';
  const versionLine: KickstartModelExt['versionLine'] = undefined;

  const commands: KsCommand[] = [];
  const sections: KsSection[] = [];
  const includes: KickstartModel['includes'] = [];
  const percentLines: KsCommand[] = [];
  const table = resolved.table;

  const byName = new Map<string, KsCommand[]>();
  // About one option per 32 characters of a storage-heavy file, with room, and at most 65,536 up
  // front (a 10 MB file of %packages has few options); the columns double past that.
  const optionTable = new OptionTable(Math.min(65536, Math.ceil(text.length / 24)));
  lastLine = 0;
  let header: Command | undefined;
  let headerEnd = 0;
  // After an unknown `%name` line, the lines up to the next %end (or section header) are that
  // section's body, as pykickstart reads an unknown section when it is told to go on: they are
  // neither commands nor a stray %end, so the unknown section is the one finding.
  const unknownSections: UnknownSection[] = [];
  let unknown: UnknownSection | undefined;
  readKickstart(text, {
    command: (start, end) => {
      if (unknown) {
        if (firstRun(text, start) === '%end') {
          unknown.end = lines.range(start, start + 4);
          unknown.sectionEnd = end;
          unknown = undefined;
        } else unknown.bodyEnd = unknown.sectionEnd = end;
        return;
      }
      const c = readLine(start, text, lines, issues, -1, optionTable);
      if (!c) return;
      if (c.written.charCodeAt(0) === 37) {
        percentLines.push(c);
        if (c.written !== '%end') unknownSections.push((unknown = { header: c, bodyStart: end, bodyEnd: end, sectionEnd: end }));
        return;
      }
      const spec = commandSpec(c.written);
      if (spec) {
        c.name = spec.name;
        c.written = spec.written; // the table's copy of the name, not one string per line
        // Commands that hand their words to another tool, and deprecated/removed ones (whose
        // arguments pykickstart ignores), are not checked option by option.
        parseOptions(c, text, spec.spec.options, table, optionsChecked(spec, table) ? 'command' : 'unknown', issues);
      } else {
        // Unknown commands: keep what is written; options stay unresolved.
        parseOptions(c, text, {}, table, 'unknown', issues);
      }
      commands.push(c);
      const l = byName.get(c.name);
      if (l) l.push(c);
      else byName.set(c.name, [c]);
    },
    include: (start, keyEnd) => {
      const c = readLine(start, text, lines, issues, keyEnd, optionTable);
      if (c) addInclude(c, text, includes, issues);
    },
    header: (start, keyEnd, end) => {
      unknown = undefined;
      header = readLine(start, text, lines, issues, keyEnd, optionTable);
      headerEnd = end;
      if (!header) return;
      header.name = header.written.replace(/^%/, '');
      const spec = sectionSpec(header.written);
      if (spec && !spec.opaque) parseOptions(header, text, spec.options, table, 'section', issues);
      else splitOpaque(header, text);
    },
    sectionDone: (endStart, endEnd, end) => {
      if (header) addSection(header, headerEnd, endStart, endEnd, end, text, lines, sections);
      header = undefined;
    },
  });
  clearScratch();

  return {
    target: resolved.name,
    targetSource,
    resolved,
    release: { release: resolved, reason: '', source: 'default' },
    versionLine,
    commands,
    sections,
    includes,
    byName,
    percentLines,
    unknownSections,
    issues,
    lineCount: lines.lineCount,
    optionTable,
  };
}

/** Are a command's options read against its table (not for pass-through and removed commands)? */
const CHECKED = new WeakMap<object, Map<TableKey, boolean>>();
function optionsChecked(spec: { name: string; spec: CommandSpec }, table: TableKey): boolean {
  let per = CHECKED.get(spec);
  if (!per) CHECKED.set(spec, (per = new Map()));
  let v = per.get(table);
  if (v === undefined) {
    const st = spec.spec.status[table];
    const opts = spec.spec.options;
    v = !PASS_THROUGH.has(spec.name) && (st === 'active' || (st === 'deprecated' && Object.keys(opts).some((k) => optionAvailable(opts[k], table))));
    per.set(table, v);
  }
  return v;
}

// The words of the line being read: parallel scratch arrays filled by readWords (WN words).
// Only positionals become Word objects; options are read from the offsets.
const W_START: number[] = [];
const W_END: number[] = [];
/** A word's unquoted text when it has quotes or backslashes; undefined when the text is the raw slice. */
const W_TEXT: (string | undefined)[] = [];
let WN = 0;
// Positionals of the line (ARGS[0, na)), copied out at their exact length.
const ARGS: KsWord[] = [];

/** Let go of what the scratch arrays still point to (strings of the last document). */
function clearScratch(): void {
  ARGS.length = 0;
  W_TEXT.length = 0;
}
const SCAN: WordScan = { quoted: false };

/** The text of scratch word k after unquoting. */
function wordText(text: string, k: number): string {
  return W_TEXT[k] ?? text.slice(W_START[k], W_END[k]);
}

/** Scratch word k as a Word. */
function makeWord(text: string, k: number, line: number, lineStart: number): Word {
  const raw = text.slice(W_START[k], W_END[k]);
  // A literal, not a constructor call: V8 keeps an allocation site for literals, sees that the
  // objects made here all survive, and from then on allocates them in the old generation, so the
  // scavenger does not copy them (a class constructor call has no such site). Same in readLine.
  return { __proto__: Word.prototype, text: W_TEXT[k] ?? raw, raw, start: W_START[k], end: W_END[k], line, lineStart } as unknown as Word;
}

function rangeAt(line: number, lineStart: number, start: number, end: number): Range {
  return { start: { line, character: start - lineStart }, end: { line, character: end - lineStart } };
}

/**
 * Read the words of the command, include or section header line that starts at `nodeStart` into
 * the scratch arrays, with the grammar's rules (scanner.c read_word: blanks separate words,
 * quotes group, a backslash escapes, an unquoted `#` or the line end stops). With `keyEnd` >= 0
 * the first word is the raw run [nodeStart, keyEnd) (a directive or header inside a section,
 * which the scanner reads without shlex). Quote problems go to `issues` when given.
 * model-words.test.ts checks that these words are exactly the tree's word nodes.
 */
function readWords(text: string, nodeStart: number, line: number, lineStart: number, keyEnd: number, issues: KsIssue[] | undefined): void {
  const n = text.length;
  let wn = 0;
  let i = nodeStart;
  if (keyEnd >= 0) {
    W_START[0] = nodeStart;
    W_END[0] = keyEnd;
    W_TEXT[0] = undefined;
    wn = 1;
    i = keyEnd;
  }
  for (;;) {
    let c = i < n ? text.charCodeAt(i) : -1;
    while (c === 32 || c === 9) c = ++i < n ? text.charCodeAt(i) : -1;
    // End of the line (\n, \r, end of text) or a comment.
    if (c === -1 || c === 10 || c === 13 || c === 35) break;
    const start = i;
    i = wordEnd(text, i, n, SCAN);
    let unquoted: string | undefined;
    if (SCAN.quoted) {
      const u = unquote(text.slice(start, i));
      unquoted = u.text;
      if (issues && (u.unterminated || u.trailingBackslash)) {
        const range = rangeAt(line, lineStart, start, i);
        if (u.unterminated) {
          issues.push({ code: 'unterminated-quote', severity: 'error', range, message: 'This quote is not closed before the end of the line. pykickstart stops reading the whole file here ("No closing quotation"); quotes never span lines.' });
        } else {
          issues.push({ code: 'line-continuation', severity: 'error', range: rangeAt(line, lineStart, i - 1, i), message: 'A backslash at the end of a line does not continue the command: kickstart has no line continuation, so the next line is read as a separate command. Put the whole command on one line.' });
        }
      }
    }
    W_START[wn] = start;
    W_END[wn] = i;
    W_TEXT[wn] = unquoted;
    wn++;
  }
  WN = wn;
}

/** Read a line into the scratch words and make its command (undefined for a line without words). */
function readLine(nodeStart: number, text: string, lines: LineIndex, issues: KsIssue[], keyEnd: number, optionTable: OptionTable): Command | undefined {
  const line = lineAt(lines, nodeStart);
  const lineStart = lines.starts[line];
  readWords(text, nodeStart, line, lineStart, keyEnd, issues);
  if (!WN) return undefined;
  const head = wordText(text, 0);
  // A literal, for the reason given in makeWord; every field Command declares.
  return {
    __proto__: Command.prototype,
    args: NO_ARGS,
    optFirst: 0,
    optEnd: 0,
    name: head,
    written: head,
    line,
    lineStart,
    start: nodeStart,
    nameEnd: W_END[0],
    end: W_END[WN - 1],
    text,
    keyEnd,
    optionTable,
  } as unknown as Command;
}

/** The run of non-whitespace at `i` (how a section recognises its %end line). */
function firstRun(text: string, i: number): string {
  let k = i;
  while (k < text.length && !isPySpace(text.charCodeAt(k))) k++;
  return text.slice(i, k);
}

/** The line of an offset. Lines are read in file order, so this walks on from the last answer. */
let lastLine = 0;
function lineAt(lines: LineIndex, offset: number): number {
  const starts = lines.starts;
  let l = lastLine < starts.length && starts[lastLine] <= offset ? lastLine : 0;
  if (l + 64 < starts.length && starts[l + 64] <= offset) l = lines.positionAt(offset).line;
  else while (l + 1 < starts.length && starts[l + 1] <= offset) l++;
  lastLine = l;
  return l;
}

function addInclude(c: Command, text: string, includes: KickstartModel['includes'], issues: KsIssue[]): void {
  const kind = c.written === '%ksappend' ? 'ksappend' : 'include';
  const path = WN > 1 ? wordText(text, 1) : '';
  includes.push({ path, range: c.range, kind });
  if (!path) {
    issues.push({
      code: 'invalid-value',
      severity: 'error',
      range: c.nameRange,
      message: `${c.written} needs a ${kind === 'include' ? 'file path or URL' : 'URL'}; pykickstart rejects it without one.`,
    });
  }
}

/**
 * A section from what the reader found: its header (options already read), where its body
 * starts (the line after the header), where its %end line starts and where that line's text ends
 * (-1 when it has no %end), and where the section ends.
 */
function addSection(header: Command, headerEnd: number, endStart: number, endEnd: number, sectionEndIndex: number, text: string, lines: LineIndex, sections: KsSection[]): void {
  const endRange = endStart >= 0 ? lines.range(endStart, Math.min(endStart + 4, endEnd)) : undefined;
  // The body runs from the line after the header to the start of the %end line (or the end of
  // the section when %end is missing).
  let bodyStart = headerEnd;
  if (bodyStart > text.length) bodyStart = text.length;
  let bodyEnd = endStart >= 0 ? lines.starts[lines.positionAt(endStart).line] : sectionEndIndex;
  if (bodyEnd < bodyStart) bodyEnd = bodyStart;
  const ir = optionRow(header, 'interpreter');
  sections.push({
    kind: header.name,
    header,
    bodyStart,
    bodyEnd,
    bodyRange: lines.range(bodyStart, bodyEnd),
    end: endRange,
    interpreter: ir === -1 ? undefined : header.optionTable.value[ir],
  });
}

/** %addon/%anaconda headers are not validated: keep their words as options/args as written. */
function splitOpaque(c: Command, text: string): void {
  const t = c.optionTable;
  const args = ARGS;
  let na = 0;
  c.optFirst = t.count;
  for (let k = 1; k < WN; k++) {
    const w = wordText(text, k);
    if (w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      const written = eq === -1 ? w : w.slice(0, eq);
      const j = t.add(unresolvedKey(written), W_START[k], W_END[k], c, 0);
      if (eq !== -1) t.value[j] = w.slice(eq + 1);
    } else args[na++] = makeWord(text, k, c.line, c.lineStart);
  }
  c.optEnd = t.count;
  if (na) c.args = argsOf(args, na);
}

/** The key of an option not resolved against a table: its name without dashes. (The shape of OptionMatch, as every key has.) */
function unresolvedKey(written: string): OptionKey {
  return { name: written.replace(/^-+/, ''), written, spec: undefined, matched: written, abbreviated: false } as OptionKey;
}

/**
 * Does argparse see this word as an option (not a positional)? Its _parse_optional: a word that
 * does not start with `-`, or is `-` alone, is a value; so is a negative number (no kickstart
 * parser has numeric-looking options), and so is a word whose option part (before any `=`)
 * contains a space, since no option string has one: `--mkfsoptions "-m bigtime=0"` gives
 * --mkfsoptions the value `-m bigtime=0`.
 */
function looksLikeOption(t: string): boolean {
  if (t.charCodeAt(0) !== 45 || t.length === 1) return false;
  const d = t.charCodeAt(1);
  if (((d >= 48 && d <= 57) || d === 46) && /^-\d+$|^-\d*\.\d+$/.test(t)) return false;
  const sp = t.indexOf(' ');
  if (sp !== -1) {
    const eq = t.indexOf('=');
    if (eq === -1 || sp < eq) return false;
  }
  return true;
}

/** looksLikeOption for scratch word k, without making its text when it has no quotes. */
function wordIsOption(text: string, k: number): boolean {
  const q = W_TEXT[k];
  if (q !== undefined) return looksLikeOption(q);
  const s = W_START[k];
  const len = W_END[k] - s;
  if (len < 2 || text.charCodeAt(s) !== 45) return false;
  const d = text.charCodeAt(s + 1);
  if ((d >= 48 && d <= 57) || d === 46) return looksLikeOption(text.slice(s, W_END[k]));
  return true;
}

/**
 * Read the words after the command name (the scratch words) the way argparse does for this
 * command on the target: `--opt=value`, `--opt value`, flags, unique prefixes, `--` ending the
 * options, positionals interleaved. Unknown, ambiguous and malformed options become issues.
 */
function parseOptions(c: Command, text: string, options: Record<string, OptionSpec>, table: TableKey, what: 'command' | 'section' | 'unknown', issues: KsIssue[]): void {
  const t = c.optionTable;
  const outArgs = ARGS;
  let na = 0;
  const line = c.line;
  const lineStart = c.lineStart;
  const names = what === 'unknown' ? undefined : optionNames(options, table);
  c.optFirst = t.count;
  let onlyPositionals = false;
  for (let k = 1; k < WN; k++) {
    if (onlyPositionals || !wordIsOption(text, k)) {
      outArgs[na++] = makeWord(text, k, line, lineStart);
      continue;
    }
    const ws = W_START[k];
    const we = W_END[k];
    const q = W_TEXT[k];
    // The option's name as written (before any `=`), its value, and where the value starts in
    // the text (quotes may shift it). A name written in full without quotes is found in place.
    let exact: OptionMatch | undefined;
    let written: string | undefined;
    let value: string | undefined;
    let valueStart = -1;
    if (q === undefined) {
      let eqAt = -1;
      for (let x = ws + 1; x < we; x++) {
        if (text.charCodeAt(x) === 61) {
          eqAt = x;
          break;
        }
      }
      if (eqAt === -1 && we - ws === 2 && text.charCodeAt(ws + 1) === 45) {
        onlyPositionals = true; // `--`
        continue;
      }
      const nameEnd = eqAt === -1 ? we : eqAt;
      if (names) exact = exactOptionAt(names, text, ws, nameEnd);
      if (!exact) written = text.slice(ws, nameEnd);
      if (eqAt !== -1) {
        value = text.slice(eqAt + 1, we);
        valueStart = eqAt + 1;
      }
    } else {
      if (q === '--') {
        onlyPositionals = true;
        continue;
      }
      const eq = q.indexOf('=');
      written = eq === -1 ? q : q.slice(0, eq);
      if (eq !== -1) {
        value = q.slice(eq + 1);
        valueStart = ws + text.slice(ws, we).indexOf('=') + 1;
      }
    }
    let j: number;
    let m: OptionMatch | undefined = exact;
    if (!m && written !== undefined) {
      const look = what === 'unknown' ? undefined : lookupOption(options, written, table);
      if (look && look.kind === 'ok') m = look.match;
      else {
        j = t.add(unresolvedKey(written), ws, we, c, OPT_UNKNOWN);
        if (look) {
          const nameRange = rangeAt(line, lineStart, ws, valueStart === -1 ? we : valueStart - 1);
          if (look.kind === 'ambiguous') {
            issues.push({
              code: 'unknown-option',
              severity: 'error',
              range: nameRange,
              message: `${written} is ambiguous for ${c.written}: it could be ${look.candidates.join(', ')}. Write the option out in full.`,
              replaceWith: look.candidates.slice(0, 5).map((s) => ({ title: `Change to ${s}`, text: s })),
            });
          } else {
            issues.push(unknownOptionIssue(c, written, options, table, nameRange));
            // An option this release lacks but another has: argparse would not know it either, but
            // the word after it is its value, not a second mistake (`--ignoregroups 1` is one finding).
            const other = value === undefined && k + 1 < WN && !wordIsOption(text, k + 1) ? unavailableOption(options, written) : undefined;
            if (other && other.spec.value !== 'none' && other.spec.value !== undefined) {
              k++;
              value = wordText(text, k);
              valueStart = W_START[k];
              t.end[j] = W_END[k];
            }
          }
        }
      }
    }
    if (m) {
      // An option written in full keeps the table's shared key; an abbreviation keeps what is written.
      j = t.add(m, ws, we, c, m.abbreviated ? OPT_KNOWN | OPT_ABBREVIATED : OPT_KNOWN);
      const takes = m.spec.value ?? 'none';
      if (value !== undefined) {
        if (takes === 'none') {
          issues.push({ code: 'invalid-value', severity: 'error', range: rangeAt(line, lineStart, ws, we), message: `${m.matched} is a flag and takes no value; pykickstart rejects "${wordText(text, k)}".` });
        }
      } else if (takes !== 'none') {
        if (k + 1 < WN && !wordIsOption(text, k + 1)) {
          // `--opt value`: the next word is the value; the option's range runs to its end.
          k++;
          value = wordText(text, k);
          valueStart = W_START[k];
          t.end[j] = W_END[k];
        } else if (takes === 'required') {
          issues.push({ code: 'invalid-value', severity: 'error', range: rangeAt(line, lineStart, ws, we), message: `${m.matched} needs a value (${m.matched}=VALUE).` });
        }
      }
    }
    if (value !== undefined) {
      t.value[j!] = value;
      t.valueStart[j!] = valueStart;
    }
  }
  c.optEnd = t.count;
  if (na) c.args = argsOf(outArgs, na);
}

/**
 * The first `na` collected positionals as the command's own array. Array literals for the usual
 * one to three: V8 sees every array made at such a site survive and allocates them in the old
 * generation from then on (slice has no allocation site, so its arrays are copied by the GC).
 */
function argsOf(a: KsWord[], na: number): KsWord[] {
  if (na === 1) return [a[0]];
  if (na === 2) return [a[0], a[1]];
  if (na === 3) return [a[0], a[1], a[2]];
  return a.slice(0, na);
}

function unknownOptionIssue(c: KsCommand, written: string, options: Record<string, OptionSpec>, table: TableKey, range: Range): KsIssue {
  const avail = Object.entries(options)
    .filter(([, s]) => optionAvailable(s, table))
    .flatMap(([k, s]) => [k, ...(s.aliases ?? [])]);
  const known = unavailableOption(options, written);
  const label = tableLabel(table);
  if (known) {
    const st = known.spec.status[table];
    const h = known.spec.history;
    const removedIn = table.startsWith('RHEL') ? h?.rhel?.removedIn : h?.fedora?.removedIn;
    const elsewhere = (Object.keys(known.spec.status) as TableKey[]).filter((t) => {
      const s = known.spec.status[t];
      return s === 'ok' || (s ?? '').startsWith('deprecated');
    });
    if (st === 'command-removed') {
      return { code: 'removed-option', severity: 'error', range, message: `${c.written} itself is removed in ${label}, and so is ${written}.` };
    }
    if (known.spec.historical || removedIn || (elsewhere.length === 0)) {
      return {
        code: 'removed-option',
        severity: 'error',
        range,
        message: `${written} was removed from ${c.written}${removedIn ? ` in ${versionLabel(removedIn)}` : ''}; pykickstart for ${label} rejects it.`,
      };
    }
    return {
      code: 'version-unsupported',
      severity: 'error',
      range,
      message: `${written} of ${c.written} is not available in ${label} (it exists in ${elsewhere.map(tableLabel).join(', ')}).`,
    };
  }
  const guess = closest(written, avail);
  return {
    code: 'unknown-option',
    severity: 'error',
    range,
    message: `${c.written} has no option ${written} in ${label}.${guess ? ` Did you mean ${guess}?` : ''}`,
    replaceWith: guess ? [{ title: `Change to ${guess}`, text: guess }] : undefined,
  };
}
