// The kickstart model: commands, options, sections and includes as pykickstart reads them.
// Built from the text in one pass (reader.ts gives the line structure the grammar defines; words
// are split like shlex in POSIX mode), cached per document version. Every rule family, hover,
// completion and the storage graph read this model.
// The shapes are in ast.ts, the reading of one line in words.ts, the release in release.ts.
import type { ParsedDocument } from '../core/document';
import type { LineIndex } from '../core/text';
import type { AnalysisOptions } from '../core/types';
import type { KickstartModel, KickstartModelExt, KsCommand, KsIssue, KsSection, UnknownSection } from './ast';
import { OptionTable } from './ast';
import { RENDERS_FOR_KEY, type RendersFor } from '../core/release';
import { kickstartEvidence } from './evidence';
import { kickstartClues } from './clues';
import { resolveKickstartRelease } from './release';
import { readKickstart } from './reader';
import { commandSpec, optionAvailable, resolveTarget, sectionSpec, type CommandSpec, type TableKey, type Target } from './versions';
import { addInclude, addSection, clearScratch, firstRun, parseOptions, readLine, resetLineAt, splitOpaque, type Command } from './words';

export * from './ast';
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
  // Clues are read only when neither the setting nor the #version= line decides.
  const clues = resolveTarget(options.target) || (versionLine?.known && !/^devel$/i.test(versionLine.value)) ? [] : kickstartClues(text, doc.uri);
  const choice = resolveKickstartRelease({
    explicit: options.target,
    explicitFrom: options.targetFrom,
    versionLine: versionLine?.value,
    clues,
    // A template's union: a line counts only for the releases its branch renders for.
    acceptance: (t) => kickstartEvidence((first = buildFor(doc, t)), doc.cache.get(RENDERS_FOR_KEY) as RendersFor | undefined),
  });
  const model = first && first.resolved.table === choice.release.table ? first : buildFor(doc, choice.release);
  model.resolved = choice.release;
  model.target = choice.release.name;
  model.release = choice;
  model.targetSource = choice.source === 'header' ? 'version-line' : choice.source === 'explicit' ? 'setting' : choice.source === 'evidence' ? 'evidence' : 'default';
  model.versionLine = versionLine;
  model.clues = clues;
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
  resetLineAt();
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
      readOptions(c, text, table, issues);
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

/** A command line's name and options, read against the release's table. */
function readOptions(c: Command, text: string, table: TableKey, issues: KsIssue[]): void {
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
}

/**
 * Only the command lines starting at `starts` (in order; top-level lines of commands, not `%`
 * lines) read as the release `like` was resolved to: a model of those lines alone (a template's
 * line that a branch splits, as one rendering has it).
 */
export function buildLinesLike(doc: ParsedDocument, starts: number[], like: KickstartModelExt): KickstartModelExt {
  const text = doc.text;
  const issues: KsIssue[] = [];
  const commands: KsCommand[] = [];
  const byName = new Map<string, KsCommand[]>();
  const optionTable = new OptionTable(64);
  resetLineAt();
  for (const start of starts) {
    const c = readLine(start, text, doc.lines, issues, -1, optionTable);
    if (!c || c.written.charCodeAt(0) === 37) continue;
    readOptions(c, text, like.resolved.table, issues);
    commands.push(c);
    const l = byName.get(c.name);
    if (l) l.push(c);
    else byName.set(c.name, [c]);
  }
  clearScratch();
  return { ...like, versionLine: undefined, commands, sections: [], includes: [], byName, percentLines: [], unknownSections: [], issues, lineCount: doc.lines.lineCount, optionTable };
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
