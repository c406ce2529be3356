// Reading one kickstart line into words, options and a command, as pykickstart does (shlex in
// POSIX mode, then argparse for the command's table): scratch arrays per line, then a Command
// with its options as rows of the document's OptionTable. model.ts drives it line by line.
import type { LineIndex } from '../core/text';
import type { Range } from '../core/types';
import { OPT_ABBREVIATED, OPT_KNOWN, OPT_UNKNOWN, optionRow, type KickstartModel, type KsCommand, type KsIssue, type KsOption, type KsSection, type KsWord, type OptionTable } from './ast';
import { isPySpace, unquote, wordEnd, type WordScan } from './reader';
import {
  closest,
  exactOptionAt,
  lookupOption,
  optionNames,
  optionAvailable,
  releaseSpan,
  tableLabel,
  unavailableOption,
  versionLabel,
  type OptionKey,
  type OptionMatch,
  type OptionSpec,
  type TableKey,
} from './versions';

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

// Shared by every command without positionals (a plain array: a frozen one has its own
// elements kind and makes every `for...of` over them generic). Never mutated: argsOf replaces it.
const NO_ARGS: KsWord[] = [];

/**
 * A command, section header or directive line; its ranges come from its first and last words.
 * Made only by readLine, as an object literal with this prototype (see makeWord).
 */
export class Command implements KsCommand {
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
export function clearScratch(): void {
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
export function readLine(nodeStart: number, text: string, lines: LineIndex, issues: KsIssue[], keyEnd: number, optionTable: OptionTable): Command | undefined {
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
export function firstRun(text: string, i: number): string {
  let k = i;
  while (k < text.length && !isPySpace(text.charCodeAt(k))) k++;
  return text.slice(i, k);
}

/** The line of an offset. Lines are read in file order, so this walks on from the last answer. */
let lastLine = 0;
/** Start walking from the first line again (a new document). */
export function resetLineAt(): void {
  lastLine = 0;
}
function lineAt(lines: LineIndex, offset: number): number {
  const starts = lines.starts;
  let l = lastLine < starts.length && starts[lastLine] <= offset ? lastLine : 0;
  if (l + 64 < starts.length && starts[l + 64] <= offset) l = lines.positionAt(offset).line;
  else while (l + 1 < starts.length && starts[l + 1] <= offset) l++;
  lastLine = l;
  return l;
}

export function addInclude(c: Command, text: string, includes: KickstartModel['includes'], issues: KsIssue[]): void {
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
export function addSection(header: Command, headerEnd: number, endStart: number, endEnd: number, sectionEndIndex: number, text: string, lines: LineIndex, sections: KsSection[]): void {
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
export function splitOpaque(c: Command, text: string): void {
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
export function parseOptions(c: Command, text: string, options: Record<string, OptionSpec>, table: TableKey, what: 'command' | 'section' | 'unknown', issues: KsIssue[]): void {
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
      message: `${written} of ${c.written} is not available in ${label} (it exists in ${releaseSpan(elsewhere)}).`,
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
