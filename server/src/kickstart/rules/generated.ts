// Storage that comes from another file: an `%include` that a %pre writes at install time
// (dynamic-partitioning), one nothing here creates (unchecked-include), and the disk scope such
// files give clearpart and zerombr. Files beside the kickstart are read (../includes.ts) and count
// as part of it; a file a %pre writes is known only by the text the %pre visibly puts in it.
import type { ParsedDocument } from '../../core/document';
import { defineRules } from '../../core/rules';
import type { Finding, Range } from '../../core/types';
import { isShellInterpreter, type ScriptWrite } from '../guard';
import type { Includes } from '../includes';
import type { KickstartModel, KsSection } from '../model';
import { isPatternDiskSpec } from '../storage';
import { interpreterOf, type PreGuard } from './pre-guards';

defineRules([
  {
    code: 'unchecked-include',
    languages: ['kickstart'],
    severity: 'info',
    title: '%include of a file nothing in this kickstart creates',
    why: 'The file is read at install time from wherever it is then (the install tree, a %pre of another kickstart, the boot media). Whatever storage commands it holds cannot be checked here.',
    fix: 'Review the included file too, or inline its storage commands.',
  },
  {
    code: 'dynamic-partitioning',
    languages: ['kickstart'],
    severity: 'info',
    title: 'storage comes from a file generated at install time',
    why: 'A %pre that writes the partitioning into a file that is then %include-d decides at install time what is wiped; nothing in this file can be reviewed for it.',
    fix: 'Review the %pre that writes it. Make the generated clearpart name explicit disks, or guard the %pre with --erroronfail checks for existing data.',
  },
]);

/** A disk scope for clearpart and zerombr that comes from an included file. */
export interface IncludeScope {
  /** `ignoredisk --only-use` (an allow-list) or `clearpart --drives`. */
  kind: 'only-use' | 'drives';
  /** The line as written, e.g. `ignoredisk --only-use=$disk`. */
  line: string;
  /** Where it comes from, in words: `the %pre on line 12 writes it into /tmp/part.ks`. */
  from: string;
  /** The `%include` line. */
  range: Range;
}

interface Writer {
  g: PreGuard;
  w: ScriptWrite;
}

const SCOPE_LINES: { kind: IncludeScope['kind']; re: RegExp }[] = [
  { kind: 'only-use', re: /^[ \t]*(ignoredisk\b[^\n]*?--only-use[= ][ \t]*["']?([^\s"']+)[^\n]*)$/gm },
  { kind: 'drives', re: /^[ \t]*(clearpart\b[^\n]*?--drives[= ][ \t]*["']?([^\s"']+)[^\n]*)$/gm },
];

function writersOf(guards: PreGuard[], path: string): Writer[] {
  return guards.flatMap((g) => g.verdict.analysis.writes.filter((w) => w.path === path).map((w) => ({ g, w })));
}


/**
 * %pre sections that name the file but write it in no way the shell reading here sees: one in
 * another language (python, perl...), or a shell one that runs a script in such a language. They
 * write it, most likely, but what they write cannot be read here. (Called only when no %pre
 * visibly writes the file.)
 */
function opaqueWriters(guards: PreGuard[], doc: ParsedDocument, path: string): PreGuard[] {
  if (!path) return [];
  return guards.filter((g) => {
    const body = doc.text.slice(g.section.bodyStart, g.section.bodyEnd);
    return body.includes(path) && (!isShellInterpreter(interpreterOf(g.section)) || SCRIPT_RUNNER.test(body));
  });
}

/** A shell %pre that runs a script in another language (python3 /tmp/pre.py, $PYTHON -c, perl -e). */
const SCRIPT_RUNNER = /(?:^|[\s;&|(`])(?:\/\S*\/)?(?:python[\d.]*|platform-python|perl|ruby|php|node|lua)(?=\s|$)|\$\{?PYTHON\b/m;

/** Disk scopes that included files give clearpart and zerombr: read beside the kickstart, or written by a %pre. */
export function includeScopes(model: KickstartModel, guards: PreGuard[], includes: Includes): IncludeScope[] {
  const out: IncludeScope[] = [];
  for (const f of includes.read) {
    if (f.onlyUse) out.push({ kind: 'only-use', line: `ignoredisk --only-use=${f.onlyUse}`, from: `${f.written} (read from ${f.file})`, range: f.range });
    if (f.clearpart?.drives) out.push({ kind: 'drives', line: `clearpart --drives=${f.clearpart.drives}`, from: `${f.written} (read from ${f.file})`, range: f.range });
  }
  for (const inc of model.includes) if (inc.kind === 'include') out.push(...generatedScopes(guards, inc));
  return out;
}

/** Scopes in the text %pre sections visibly write into one included file. */
function generatedScopes(guards: PreGuard[], inc: { path: string; range: Range }): IncludeScope[] {
  const out: IncludeScope[] = [];
  for (const { g, w } of writersOf(guards, inc.path)) {
    for (const { kind, re } of SCOPE_LINES) {
      for (const m of w.text.matchAll(re)) {
        const line = m[1].trim();
        if (m[2].split(',').some((d) => !d || isPatternDiskSpec(d))) continue;
        // A `--drives=$var` whose variable can be empty (empty-generated-drives) scopes nothing.
        if (g.verdict.analysis.emptyDrives.some((e) => e.line === line)) continue;
        out.push({ kind, line, from: `the %pre on line ${g.section.header.range.start.line + 1} writes it into ${inc.path}`, range: inc.range });
      }
    }
  }
  return out;
}

/**
 * The text %pre sections visibly write into each included file (heredocs, echo, printf), by
 * %include path; a file some writer fills invisibly (curl, a program's output) is left out.
 */
export function generatedTexts(model: KickstartModel, guards: PreGuard[]): Map<string, { text: string; range: Range }> {
  const out = new Map<string, { text: string; range: Range }>();
  for (const inc of model.includes) {
    if (inc.kind !== 'include' || out.has(inc.path)) continue;
    const ws = writersOf(guards, inc.path);
    if (!ws.length || ws.some((x) => x.w.from)) continue;
    out.set(inc.path, { text: ws.map((x) => x.w.text).join('\n'), range: inc.range });
  }
  return out;
}

export interface GeneratedContext {
  guards: PreGuard[];
  includes: Includes;
  /** A %pre that stops the install on existing storage. */
  realGuard?: PreGuard;
  /** This file (or a file read beside it) has storage commands. */
  hasStorage: boolean;
  /** What the scopes from included files limit, for the message (`clearpart --all and zerombr`). */
  scoped: string;
  /** Relative includes were looked up beside the kickstart (the analysis was given a reader). */
  lookedBeside: boolean;
}

export function generatedFindings(model: KickstartModel, doc: ParsedDocument, ctx: GeneratedContext, out: Finding[]): void {
  const { guards, includes, realGuard, hasStorage } = ctx;
  const bodyRange = (s: KsSection, start: number, end: number): Range => doc.lines.range(s.bodyStart + start, s.bodyStart + end);
  const read = new Set(includes.read.map((f) => `${f.range.start.line}:${f.written}`));
  let unchecked: Finding | undefined;
  for (const inc of model.includes) {
    if (inc.kind !== 'include' || read.has(`${inc.range.start.line}:${inc.path}`)) continue;
    const writers = writersOf(guards, inc.path);
    const opaque = writers.length ? [] : opaqueWriters(guards, doc, inc.path);
    if (!writers.length && !opaque.length) {
      // Nothing here creates it. Only includes among the commands can hold storage (not those
      // inside %packages or %post bodies); say it once, on the first, the others related.
      const line = inc.range.start.line;
      const inSection = model.sections.some((sec) => sec.header.range.start.line < line && line <= (sec.end?.start.line ?? doc.lines.positionAt(sec.bodyEnd).line));
      if (inSection) continue;
      if (unchecked) {
        unchecked.related!.push({ range: inc.range, message: `${inc.path} is not checked either` });
        continue;
      }
      unchecked = {
        code: 'unchecked-include',
        severity: 'info',
        range: inc.range,
        message: `Nothing in this kickstart creates ${inc.path || 'this file'} (no %pre writes it${ctx.lookedBeside && /^[^/$][^:]*$/.test(inc.path) ? ', and it is not beside this file' : ''}): it is read at install time, and the ${hasStorage ? 'storage commands it may add' : 'partitioning it provides'} cannot be checked here.`,
        related: [],
      };
      out.push(unchecked);
      continue;
    }
    if (opaque.length) {
      const g = opaque[0];
      out.push({
        code: 'dynamic-partitioning',
        severity: 'info',
        range: inc.range,
        message: `${inc.path} is written at install time by the %pre on line ${g.section.header.range.start.line + 1} (${isShellInterpreter(interpreterOf(g.section)) ? 'which names it and runs a script that writes it' : interpreterOf(g.section)}); its content cannot be read here, so the storage it ${hasStorage ? 'may add' : 'provides'} cannot be reviewed.`,
        related: opaque.map((x) => ({ range: x.section.header.range, message: `names ${inc.path}` })),
      });
      continue;
    }
    const text = writers.map((x) => x.w.text).join('\n');
    const fetched = writers.find((x) => x.w.from);
    const storageInText = /^\s*(clearpart|zerombr|autopart|part|partition|raid|volgroup|logvol|btrfs|ignoredisk|reqpart)\b/m.test(text);
    if (!storageInText && (text.trim() || hasStorage)) continue;
    const wipes = /^\s*clearpart\b[^\n]*--(all|linux)\b/m.test(text) && !/^\s*clearpart\b[^\n]*--drives[= ]\S/m.test(text);
    const scope = generatedScopes(guards, inc);
    const scoped = scope.some((s) => s.kind === 'only-use');
    const where = `the %pre on line ${writers[0].g.section.header.range.start.line + 1}`;
    const chosen = scope.length && scope[0].line.includes('$') ? ', chosen at install time' : '';
    const scopeNote = scope.length
      ? `; the generated \`${scope[0].line}\` ${ctx.scoped ? `scopes ${ctx.scoped} to the disks it names` : 'limits the install to the disks it names'}${chosen}`
      : '';
    out.push({
      code: 'dynamic-partitioning',
      severity: wipes && !scoped && !realGuard ? 'warning' : 'info',
      range: inc.range,
      message: fetched
        ? `Storage for this install is ${fetched.w.from} at install time into ${inc.path} by ${where}; what it holds cannot be reviewed here.`
        : `Storage for this install is generated at install time by ${where} into ${inc.path}${wipes && !scoped ? ', and the generated text runs clearpart over every disk (no --drives, no ignoredisk --only-use)' : ''}${scopeNote}; what it wipes cannot be reviewed here.`,
      related: writers.map((x) => ({ range: bodyRange(x.g.section, x.w.start, x.w.end), message: `writes ${x.w.path}` })),
    });
  }
}
