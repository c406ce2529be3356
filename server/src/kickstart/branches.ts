// A template's renderings (views) share most of their lines: every view is the text with every
// branch (the union) with some spans blanked. So the model is built once, from the union; each
// line's own findings (syntax, option values, the release's deprecations and removals) are made
// once there and hold wherever that line renders; and each view runs only the families that read
// the file as a whole (guards and wipes, the storage graph, what the installer refuses, commands
// that conflict) on the union's model narrowed to the lines the view renders.
// That is exact when the views keep the union's structure and release: each line of a view is the
// union's line, blank, or a line a branch splits (`part /{% if big %} --grow{% endif %}`, read
// again as the view has it); the sections open and close at the same lines; and the evidence that
// chose the release renders in every view. Otherwise (half a section in a branch, an install URL
// per branch) this says so (undefined) and the caller analyses each view alone.
import type { BranchFindings, BranchView } from '../core/handler';
import type { AnalysisOptions, Finding, Range } from '../core/types';
import { OPT_ABBREVIATED, OPT_UNKNOWN, type KickstartModelExt, type KsCommand, type KsSection } from './ast';
import { kickstartClues } from './clues';
import { explainRelease } from './explain';
import type { ParsedDocument } from '../core/document';
import { buildLinesLike, buildModel } from './model';
import { anacondaFindings } from './rules/anaconda';
import { safetyFindings } from './rules/safety';
import { storageFindings } from './rules/storage';
import { conflictingCommands, syntaxLineFindings } from './rules/syntax';
import { versionRuleFindings } from './rules/version';
import { commandSpec, resolveTarget, sectionSpec, type TableKey } from './versions';

/** Whether text[a, b) holds only blanks. */
function blank(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return false;
  }
  return true;
}

/** Whether text a and text b hold the same characters in [from, to). */
function same(a: string, b: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** The offsets where the union's structure is: section headers and %end lines, and `%` lines among the commands. */
interface Structure {
  /** [header, end of its %end line or -1] per section, in order. */
  sections: [number, number][];
  percent: number[];
}

function structureOf(model: KickstartModelExt, union: ParsedDocument): Structure {
  const at = (r: Range) => union.lines.offsetAt(r.start);
  return {
    sections: model.sections.map((s): [number, number] => [at(s.header.nameRange), s.end ? union.lines.offsetAt(s.end.end) : -1]),
    percent: model.percentLines.map((c) => at(c.nameRange)),
  };
}

/** The span of `spans` (sorted, disjoint) holding `offset`, or -1. */
function spanOf(spans: [number, number][], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= offset) lo = mid + 1;
    else if (spans[mid][0] > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Whether the view opens and closes sections where the union does: every section it blanks is
 * blanked whole (header to %end, in one span), and no `%` line among the commands is blanked.
 */
function structureKept(st: Structure, spans: [number, number][]): boolean {
  for (const p of st.percent) if (spanOf(spans, p) >= 0) return false;
  for (let i = 0; i < st.sections.length; i++) {
    const [h, e] = st.sections[i];
    const sh = spanOf(spans, h);
    if (e < 0) {
      // Closed by the next header (or the end of the file): neither may go in this view alone.
      const next = st.sections[i + 1];
      if (sh >= 0 || (next && spanOf(spans, next[0]) >= 0)) return false;
      continue;
    }
    const se = spanOf(spans, e - 1);
    if (sh !== se) return false;
  }
  return true;
}

/**
 * The lines a view renders differently from the union, other than blank: a branch inside a line
 * (`part swap --size 1{% if d %} --ondisk={{ d }}{% endif %}`). Undefined when such a line is one
 * the union reads as structure or starts elsewhere in the view (it would be read as another kind of line).
 */
function splitLines(union: ParsedDocument, view: BranchView): number[] | undefined {
  const u = union.text;
  const v = view.doc.text;
  const lines = union.lines;
  const out: number[] = [];
  for (const [a, b] of view.blanked) {
    for (const at of [a, Math.max(a, b - 1)]) {
      const l = lines.positionAt(at).line;
      if (out.length && out[out.length - 1] === l) continue;
      const ls = lines.offsetAt({ line: l, character: 0 });
      const le = lines.lineEnd(l);
      if (blank(v, ls, le) || same(u, v, ls, le)) continue;
      const fu = lines.firstNonBlank(l);
      if (fu !== view.doc.lines.firstNonBlank(l) || u.charCodeAt(fu) !== v.charCodeAt(fu) || u.charCodeAt(fu) === 37) return undefined;
      out.push(l);
    }
  }
  return out;
}

/** The union's model narrowed to the lines a view renders, its split lines read from the view. */
function narrowed(model: KickstartModelExt, union: ParsedDocument, kept: (offset: number) => boolean, split: Set<number>, own: KsCommand[]): KickstartModelExt {
  const at = (r: Range) => union.lines.offsetAt(r.start);
  const keep = (c: KsCommand) => !split.has(c.line) && kept(at(c.nameRange));
  const commands: KsCommand[] = [];
  let j = 0;
  for (const c of model.commands) {
    while (j < own.length && own[j].line < c.line) commands.push(own[j++]);
    if (keep(c)) commands.push(c);
  }
  while (j < own.length) commands.push(own[j++]);
  const byName = new Map<string, KsCommand[]>();
  for (const c of commands) {
    const l = byName.get(c.name);
    if (l) l.push(c);
    else byName.set(c.name, [c]);
  }
  return {
    ...model,
    commands,
    byName,
    sections: model.sections.filter((s) => keep(s.header)),
    includes: model.includes.filter((i) => kept(at(i.range))),
    percentLines: model.percentLines.filter(keep),
    unknownSections: model.unknownSections.filter((s) => keep(s.header)),
    issues: model.issues.filter((i) => !split.has(i.range.start.line) && kept(at(i.range))),
  };
}

/** The line-local findings: syntax and the release's deprecations and removals. */
export function lineFindings(model: KickstartModelExt, doc: ParsedDocument, options: AnalysisOptions): Finding[] {
  const out = syntaxLineFindings(model, doc, options);
  for (const f of versionRuleFindings(model, doc, options)) out.push(f);
  explainRelease(model, out);
  return out;
}

/**
 * Whether every view is checked as the union's release: the evidence that chose it (the #version=
 * line, install URLs, release packages...) renders in every view. When a branch holds some of it
 * (`{% if v == '8' %}url .../8/...{% else %}url .../9/...{% endif %}`), each view is its own
 * release, and the views are analysed alone.
 */
function sameRelease(model: KickstartModelExt, union: ParsedDocument, views: BranchView[]): boolean {
  const u = union.text;
  const everywhere = (line: number): boolean => {
    const o = union.lines.firstNonBlank(line);
    return views.every((v) => v.doc.text.charCodeAt(o) === u.charCodeAt(o));
  };
  const r = model.release;
  if (r.source === 'explicit') return true;
  if (model.versionLine && !everywhere(model.versionLine.range.start.line)) return false;
  // With no evidence at all (the default) no view has any; a #version= line decides for all.
  if (r.source !== 'evidence') return true;
  // The clues the model's release was chosen from (read when it was built).
  for (const c of model.clues ?? kickstartClues(u, union.uri)) if (c.line !== undefined && !everywhere(c.line)) return false;
  return true;
}

/** The findings of a template's views (see the top of this file), or undefined when they cannot share the union's model. */
export function kickstartBranchFindings(union: ParsedDocument, views: BranchView[], options: AnalysisOptions): BranchFindings | undefined {
  const u = union.text;
  const split: number[][] = [];
  for (const v of views) {
    if (v.doc.text.length !== u.length) return undefined;
    const s = splitLines(union, v);
    if (!s) return undefined;
    split.push(s.sort((a, b) => a - b));
  }
  const model = buildModel(union, options);
  if (!sameRelease(model, union, views)) return undefined;
  const st = structureOf(model, union);
  for (const v of views) if (!structureKept(st, v.blanked)) return undefined;
  const splitAny = new Set(split.flat());
  const all = lineFindings(model, union, options);
  const shared = splitAny.size ? all.filter((f) => !splitAny.has(f.range.start.line)) : all;
  // What one view worked out from text alone (a %pre body's guard verdict) the next one reuses.
  let carried = union.contentCache();
  const perView = views.map((v, k) => {
    const vt = v.doc.text;
    for (const [key, value] of carried) if (!v.doc.cache.has(key)) v.doc.cache.set(key, value);
    const kept = (o: number) => vt.charCodeAt(o) === u.charCodeAt(o);
    const mine = new Set(split[k]);
    const out: Finding[] = [];
    // The union's reading of a line split in another view holds where this view renders it whole.
    if (splitAny.size) for (const f of all) if (splitAny.has(f.range.start.line) && !mine.has(f.range.start.line) && kept(union.lines.firstNonBlank(f.range.start.line))) out.push(f);
    let own: KsCommand[] = [];
    if (mine.size) {
      const lm = buildLinesLike(v.doc, split[k].map((l) => v.doc.lines.firstNonBlank(l)), model);
      own = lm.commands;
      for (const f of lineFindings(lm, v.doc, options)) if (mine.has(f.range.start.line)) out.push(f);
    }
    const m = v.blanked.length ? narrowed(model, union, kept, mine, own) : model;
    const whole: Finding[] = [];
    conflictingCommands(m, whole);
    for (const f of safetyFindings(m, v.doc, options)) whole.push(f);
    for (const f of storageFindings(m, v.doc, options)) whole.push(f);
    for (const f of anacondaFindings(m)) whole.push(f);
    explainRelease(m, whole);
    for (const f of whole) out.push(f);
    carried = v.doc.contentCache();
    return out;
  });
  return { shared, perView };
}

const COMMANDS_AT = new WeakMap<KickstartModelExt, Map<number, KsCommand>>();

/**
 * A line that cannot have a release finding as `table`: its command is active there (and not one
 * whose handler warns), and every option is written in full and plainly available there. Such a
 * line gives nothing when checked as that release, so it is not read again. Anything else is.
 */
export function quietIn(c: KsCommand, table: TableKey): boolean {
  const found = commandSpec(c.written);
  if (!found || found.spec.status[table] !== 'active' || found.spec.warnsAtParse?.includes(table)) return false;
  const t = c.optionTable;
  for (let j = c.optFirst; j < c.optEnd; j++) {
    if (t.flags[j] & (OPT_UNKNOWN | OPT_ABBREVIATED)) return false;
    const os = t.key[j].spec ?? found.spec.options[`--${t.key[j].name}`];
    if (!os || os.status[table] !== 'ok') return false;
    if (os.warnsAtParse && Object.values(os.warnsAtParse).some((ts) => ts.includes(table))) return false;
  }
  return true;
}

/**
 * A section header that has no release finding in any release: a section no release deprecated
 * or removed, written without options (`%post`, `%packages`). What rules/version.ts checks of a
 * header is its deprecation, %anaconda and its options.
 */
export function headerQuiet(sec: KsSection): boolean {
  const spec = sectionSpec(sec.header.written);
  return !!spec && !spec.deprecated && sec.kind !== 'anaconda' && sec.header.options.length === 0;
}

/** Some top-level command lines of a kickstart checked alone as another release (core/handler.ts linesAs). */
export function kickstartLinesAs(doc: ParsedDocument, starts: number[], release: string, reason: string, options: AnalysisOptions): Finding[] {
  const target = resolveTarget(release);
  if (!target) return [];
  const base = buildModel(doc, options);
  // Command lines and section headers only: a section's body (a package name in %packages) is not
  // read as commands.
  let at = COMMANDS_AT.get(base);
  if (!at) COMMANDS_AT.set(base, (at = new Map(base.commands.map((c) => [doc.lines.offsetAt(c.nameRange.start), c]))));
  const known = at;
  const headers = base.sections.filter((sec) => !headerQuiet(sec) && starts.includes(doc.lines.offsetAt(sec.header.nameRange.start)));
  starts = starts.filter((o) => {
    const c = known.get(o);
    return c !== undefined && !quietIn(c, target.table);
  });
  if (!starts.length && !headers.length) return [];
  const like: KickstartModelExt = { ...base, resolved: target, target: target.name, targetSource: 'evidence', release: { release: target, source: 'evidence', reason } };
  const lm = buildLinesLike(doc, starts, like);
  // A section header is checked as the release through the union's own reading of it.
  lm.sections = headers;
  const lines = new Set([...starts, ...headers.map((sec) => doc.lines.offsetAt(sec.header.nameRange.start))].map((o) => doc.lines.positionAt(o).line));
  return lineFindings(lm, doc, options).filter((f) => lines.has(f.range.start.line));
}
