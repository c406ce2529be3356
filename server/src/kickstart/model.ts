// The kickstart model: commands, options, sections and includes as pykickstart reads them.
// Built from the tree-sitter-kickstart tree (one node per line, words split like shlex in posix
// mode), cached per document version. Every rule family, hover, completion and the storage
// graph read this model; none of them look at the text again.
import type { ParsedDocument } from '../core/document';
import type { LineIndex } from '../core/text';
import type { AnalysisOptions, Range } from '../core/types';
import { readKickstart, sawQuote, unquote, wordEnd } from './reader';
import {
  closest,
  commandSpec,
  defaultTarget,
  lookupOption,
  optionAvailable,
  resolveTarget,
  sectionSpec,
  tableLabel,
  unavailableOption,
  versionLabel,
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
  options: KsOption[];
  args: KsWord[];
  words: KsWord[];
  fromInclude?: string;
}

// Ranges of words, options and command lines are computed from offsets when first read: a
// 20,000-line file has ~100,000 of them and most are never looked at (only findings, hover and
// the outline read them), so building them eagerly cost a third of the model's time in GC.

/** A word of one line: offsets plus the line, the range made on first read. */
class Word implements KsWord {
  constructor(
    public text: string,
    public raw: string,
    public start: number,
    public end: number,
    /** 0-based line and the offset where it starts (words never span lines). */
    readonly line: number,
    readonly lineStart: number,
  ) {}
  get range(): Range {
    return { start: { line: this.line, character: this.start - this.lineStart }, end: { line: this.line, character: this.end - this.lineStart } };
  }
}

/** An option: offsets of the whole option (with a separate value word) and of its value. */
class Option implements KsOption {
  value?: string = undefined;
  known?: boolean = undefined;
  spec?: OptionSpec = undefined;
  /** Offsets of the value in the text (-1: no value range). */
  valueStart = -1;
  valueEnd = -1;
  constructor(
    public name: string,
    public written: string,
    public abbreviated: boolean,
    /** Offsets of the option on its line (to the end of a separate value word). */
    public start: number,
    public end: number,
    /** The option's word (its line and where that line starts). */
    private readonly w: Word,
  ) {}
  get range(): Range {
    const { line, lineStart } = this.w;
    return { start: { line, character: this.start - lineStart }, end: { line, character: this.end - lineStart } };
  }
  get valueRange(): Range | undefined {
    if (this.valueStart < 0) return undefined;
    const { line, lineStart } = this.w;
    return { start: { line, character: this.valueStart - lineStart }, end: { line, character: this.valueEnd - lineStart } };
  }
}

/** A command, section header or directive line; its ranges come from its first and last words. */
class Command implements KsCommand {
  options: KsOption[] = [];
  args: KsWord[] = [];
  fromInclude?: string = undefined;
  private r: Range | undefined = undefined;
  constructor(
    public name: string,
    public written: string,
    public line: number,
    public words: Word[],
  ) {}
  get nameRange(): Range {
    return this.words[0].range;
  }
  get range(): Range {
    return (this.r ??= { start: this.words[0].range.start, end: this.words[this.words.length - 1].range.end });
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
  targetSource: 'version-line' | 'setting' | 'default';
  commands: KsCommand[];
  sections: KsSection[];
  includes: { path: string; range: Range; kind: 'include' | 'ksappend' }[];
  byName: Map<string, KsCommand[]>;
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
  /** The `#version=` line, when present. */
  versionLine?: { value: string; range: Range; known: boolean };
  /** Lines outside sections whose first word starts with '%' but names no section (%end, %foo). */
  percentLines: KsCommand[];
  /** Problems found while reading words and options (unknown/ambiguous options, bad quotes...). */
  issues: KsIssue[];
  /** Number of lines (for bench figures). */
  lineCount: number;
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

const VERSION_LINE = /^#version=(\S*)/;

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
  const issues: KsIssue[] = [];

  // Target: #version= line, then the setting, then the default.
  let versionLine: KickstartModelExt['versionLine'];
  const vm = /^#version=([^\r\n]*)/m.exec(text.length > 200000 ? text.slice(0, 200000) : text);
  if (vm) {
    const at = vm.index;
    const value = vm[1].trim();
    versionLine = { value, range: lines.range(at, at + vm[0].length), known: !!resolveTarget(value) };
  }
  let resolved: Target;
  let targetSource: KickstartModel['targetSource'];
  const fromLine = versionLine && resolveTarget(versionLine.value);
  const fromSetting = resolveTarget(options.target);
  if (fromLine) {
    resolved = fromLine;
    targetSource = 'version-line';
  } else if (fromSetting) {
    resolved = fromSetting;
    targetSource = 'setting';
  } else {
    resolved = defaultTarget();
    targetSource = 'default';
  }
  void VERSION_LINE;

  const commands: KsCommand[] = [];
  const sections: KsSection[] = [];
  const includes: KickstartModel['includes'] = [];
  const percentLines: KsCommand[] = [];
  const table = resolved.table;

  lastLine = 0;
  const onCommand = (start: number): void => {
    const c = readLine(start, text, lines, issues);
    if (!c) return;
    if (c.written.startsWith('%')) {
      percentLines.push(c);
      return;
    }
    const spec = commandSpec(c.written);
    if (spec) {
      c.name = spec.name;
      const st = spec.spec.status[table];
      // Commands that hand their words to another tool, and deprecated/removed ones (whose
      // arguments pykickstart ignores), are not checked option by option.
      const checked = !PASS_THROUGH.has(spec.name) && (st === 'active' || (st === 'deprecated' && Object.keys(spec.spec.options).some((k) => optionAvailable(spec.spec.options[k], table))));
      parseOptions(c, spec.spec.options, table, checked ? 'command' : 'unknown', lines, issues);
    } else {
      // Unknown commands: keep what is written; options stay unresolved.
      parseOptions(c, {}, table, 'unknown', lines, issues);
    }
    commands.push(c);
  };
  let header: KsCommand | undefined;
  let headerEnd = 0;
  readKickstart(text, {
    command: (start) => onCommand(start),
    include: (start, keyEnd) => {
      const c = readLine(start, text, lines, issues, keyEnd);
      if (c) addInclude(c, includes, lines, issues);
    },
    header: (start, keyEnd, end) => {
      header = readLine(start, text, lines, issues, keyEnd);
      headerEnd = end;
    },
    sectionDone: (endStart, endEnd, end) => {
      if (header) addSection(header, headerEnd, endStart, endEnd, end, text, lines, issues, table, sections);
      header = undefined;
    },
  });

  const byName = new Map<string, KsCommand[]>();
  for (const c of commands) {
    const l = byName.get(c.name);
    if (l) l.push(c);
    else byName.set(c.name, [c]);
  }
  return {
    target: resolved.name,
    targetSource,
    resolved,
    versionLine,
    commands,
    sections,
    includes,
    byName,
    percentLines,
    issues,
    lineCount: lines.lineCount,
  };
}

/**
 * The words of the command, include or section header line that starts at `nodeStart`, read with
 * the grammar's rules (scanner.c read_word: blanks separate words, quotes group, a backslash
 * escapes, an unquoted `#` or the line end stops). With `keyEnd` >= 0 the first word is the raw
 * run [nodeStart, keyEnd) (a directive or header inside a section, which the scanner reads
 * without shlex). model-words.test.ts checks that these words are exactly the tree's word nodes.
 */
// Words, options and positionals are collected in these scratch arrays and copied out at their
// exact length: pushing onto a fresh [] gives it room for 17 entries, which on 20,000 lines was
// more memory than the words themselves.
const WORDS: Word[] = [];
const OPTIONS: KsOption[] = [];
const ARGS: KsWord[] = [];

function readLine(nodeStart: number, text: string, lines: LineIndex, issues: KsIssue[], keyEnd = -1): KsCommand | undefined {
  const words = WORDS;
  words.length = 0;
  const n = text.length;
  const line = lineAt(lines, nodeStart);
  const lineStart = lines.starts[line];
  let i = nodeStart;
  if (keyEnd >= 0) {
    const key = text.slice(nodeStart, keyEnd);
    words.push(new Word(key, key, nodeStart, keyEnd, line, lineStart));
    i = keyEnd;
  }
  for (;;) {
    let c = i < n ? text.charCodeAt(i) : -1;
    while (c === 32 || c === 9) c = ++i < n ? text.charCodeAt(i) : -1;
    // End of the line (\n, \r, end of text) or a comment.
    if (c === -1 || c === 10 || c === 13 || c === 35) break;
    const start = i;
    i = wordEnd(text, i, n);
    const raw = text.slice(start, i);
    let wordText = raw;
    if (sawQuote) {
      const u = unquote(raw);
      wordText = u.text;
      const range: Range = { start: { line, character: start - lineStart }, end: { line, character: i - lineStart } };
      if (u.unterminated) {
        issues.push({ code: 'unterminated-quote', severity: 'error', range, message: 'This quote is not closed before the end of the line. pykickstart stops reading the whole file here ("No closing quotation"); quotes never span lines.' });
      } else if (u.trailingBackslash) {
        issues.push({ code: 'line-continuation', severity: 'error', range: { start: { line, character: i - 1 - lineStart }, end: range.end }, message: 'A backslash at the end of a line does not continue the command: kickstart has no line continuation, so the next line is read as a separate command. Put the whole command on one line.' });
      }
    }
    words.push(new Word(wordText, raw, start, i, line, lineStart));
  }
  if (!words.length) return undefined;
  const head = words[0].text;
  const c = new Command(head, head, line, words.slice());
  words.length = 0;
  return c;
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

function addInclude(c: KsCommand, includes: KickstartModel['includes'], lines: LineIndex, issues: KsIssue[]): void {
  const kind = c.written === '%ksappend' ? 'ksappend' : 'include';
  const path = c.words[1]?.text ?? '';
  includes.push({ path, range: c.range, kind });
  if (!path) {
    issues.push({
      code: 'invalid-value',
      severity: 'error',
      range: c.nameRange,
      message: `${c.written} needs a ${kind === 'include' ? 'file path or URL' : 'URL'}; pykickstart rejects it without one.`,
    });
  }
  void lines;
}

/**
 * A section from what the reader found: its header line, where its body starts (the line after
 * the header), where its %end line starts and where that line's text ends (-1 when it has no
 * %end), and where the section ends.
 */
function addSection(
  header: KsCommand,
  headerEnd: number,
  endStart: number,
  endEnd: number,
  sectionEndIndex: number,
  text: string,
  lines: LineIndex,
  issues: KsIssue[],
  table: TableKey,
  sections: KsSection[],
): void {
  const endRange = endStart >= 0 ? lines.range(endStart, Math.min(endStart + 4, endEnd)) : undefined;
  const kind = header.written.replace(/^%/, '');
  header.name = kind;
  const spec = sectionSpec(header.written);
  if (spec && !spec.opaque) parseOptions(header, spec.options, table, 'section', lines, issues);
  else splitOpaque(header, lines);
  // The body runs from the line after the header to the start of the %end line (or the end of
  // the section when %end is missing).
  let bodyStart = headerEnd;
  if (bodyStart > text.length) bodyStart = text.length;
  let bodyEnd = endStart >= 0 ? lines.starts[lines.positionAt(endStart).line] : sectionEndIndex;
  if (bodyEnd < bodyStart) bodyEnd = bodyStart;
  const interp = header.options.find((o) => o.name === 'interpreter');
  sections.push({
    kind,
    header,
    bodyStart,
    bodyEnd,
    bodyRange: lines.range(bodyStart, bodyEnd),
    end: endRange,
    interpreter: interp?.value,
  });
}

/** %addon/%anaconda headers are not validated: keep their words as options/args as written. */
function splitOpaque(c: KsCommand, lines: LineIndex): void {
  const ws = c.words as Word[];
  const options = OPTIONS;
  const args = ARGS;
  options.length = 0;
  args.length = 0;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i];
    if (w.text.startsWith('-') && w.text.length > 1) {
      const eq = w.text.indexOf('=');
      const written = eq === -1 ? w.text : w.text.slice(0, eq);
      const o = new Option(written.replace(/^-+/, ''), written, false, w.start, w.end, w);
      if (eq !== -1) o.value = w.text.slice(eq + 1);
      options.push(o);
    } else args.push(w);
  }
  copyOut(c, options, args);
  void lines;
}

/** Append the collected options and positionals to the command, each copied at its length. */
function copyOut(c: KsCommand, options: KsOption[], args: KsWord[]): void {
  if (options.length) c.options = c.options.length ? c.options.concat(options) : options.slice();
  if (args.length) c.args = c.args.length ? c.args.concat(args) : args.slice();
  options.length = 0;
  args.length = 0;
}

/** A range inside one word (words never span lines), from document offsets. */
function within(w: Word, start: number, end: number): Range {
  const line = w.line;
  const base = w.lineStart;
  return { start: { line, character: start - base }, end: { line, character: end - base } };
}

/** Does argparse see this word as an option (not a positional)? */
function looksLikeOption(t: string): boolean {
  if (t.charCodeAt(0) !== 45 || t.length === 1) return false;
  // Negative numbers are positionals for parsers without numeric-looking options.
  const d = t.charCodeAt(1);
  if (((d >= 48 && d <= 57) || d === 46) && /^-\d+$|^-\d*\.\d+$/.test(t)) return false;
  return true;
}

/** An option whose value (if any) follows `=` in the same word. */
function inlineOption(name: string, written: string, abbreviated: boolean, w: Word, t: string, eq: number, rawEq: number): Option {
  const o = new Option(name, written, abbreviated, w.start, w.end, w);
  if (eq !== -1) {
    o.value = t.slice(eq + 1);
    o.valueStart = w.start + rawEq + 1;
    o.valueEnd = w.end;
  }
  return o;
}

/** The option takes the next word as its value. */
function takeValue(o: Option, next: Word): void {
  o.value = next.text;
  o.valueStart = next.start;
  o.valueEnd = next.end;
  o.end = next.end;
}

/**
 * Read the words after the command name the way argparse does for this command on the target:
 * `--opt=value`, `--opt value`, flags, unique prefixes, `--` ending the options, positionals
 * interleaved. Unknown, ambiguous and malformed options become issues.
 */
function parseOptions(
  c: KsCommand,
  options: Record<string, OptionSpec>,
  table: TableKey,
  what: 'command' | 'section' | 'unknown',
  lines: LineIndex,
  issues: KsIssue[],
): void {
  const ws = c.words as Word[];
  const outOptions = OPTIONS;
  const outArgs = ARGS;
  outOptions.length = 0;
  outArgs.length = 0;
  let onlyPositionals = false;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i];
    const t = w.text;
    if (onlyPositionals || !looksLikeOption(t)) {
      outArgs.push(w);
      continue;
    }
    if (t === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = t.indexOf('=');
    const written = eq === -1 ? t : t.slice(0, eq);
    // Offset of '=' in the raw word (quotes may shift it); the value range covers the rest.
    const rawEq = eq === -1 ? -1 : w.raw.indexOf('=');
    if (what === 'unknown') {
      const o = inlineOption(written.replace(/^-+/, ''), written, false, w, t, eq, rawEq);
      o.known = false;
      outOptions.push(o);
      continue;
    }
    const look = lookupOption(options, written, table);
    if (look.kind !== 'ok') {
      const o = inlineOption(written.replace(/^-+/, ''), written, false, w, t, eq, rawEq);
      o.known = false;
      outOptions.push(o);
      const nameRange = rawEq === -1 ? w.range : within(w, w.start, w.start + rawEq);
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
      }
      continue;
    }
    const m = look.match;
    // Keep the table's copy of an exact option name (one string for every line that writes it).
    const o = inlineOption(m.name, m.abbreviated ? written : m.matched, m.abbreviated, w, t, eq, rawEq);
    o.known = true;
    o.spec = m.spec;
    const takes = m.spec.value ?? 'none';
    if (eq !== -1) {
      if (takes === 'none') {
        issues.push({ code: 'invalid-value', severity: 'error', range: w.range, message: `${m.matched} is a flag and takes no value; pykickstart rejects "${t}".` });
      }
    } else if (takes === 'required') {
      const next = ws[i + 1];
      if (next && !looksLikeOption(next.text)) {
        takeValue(o, next);
        i++;
      } else {
        issues.push({ code: 'invalid-value', severity: 'error', range: w.range, message: `${m.matched} needs a value (${m.matched}=VALUE).` });
      }
    } else if (takes === 'optional') {
      const next = ws[i + 1];
      if (next && !looksLikeOption(next.text)) {
        takeValue(o, next);
        i++;
      }
    }
    outOptions.push(o);
  }
  copyOut(c, outOptions, outArgs);
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
