// lvm.conf analysis: the model against the schema. Pure: text in, findings out.
// The release a file is checked as and the walk over its model live here; the checks it calls
// are in ./checks (context, values, placement, safety).
import type { ParsedDocument } from '../core/document';
import type { AnalysisOptions, Finding } from '../core/types';
import { lvmSyntaxFindings, tooDeepFinding } from '../syntax/lvm-syntax';
import { getModel, type ConfSetting } from './model';
import { compareVersions, didYouMean, getSchema, lookupSection, lookupSetting, schemaSectionPath } from './schema';
import { chooseLvmRelease, isLvm2Version, newestLvm2, sectionAt, settingAt, type ReleaseChoice } from './releases';
import './rules';
import { locksOff, riskFindings } from './risks';
import { checkedAs, push, rng, wholeLines, type Ctx } from './checks/context';
import { checkProfile, hintSection, profileKindOf, reportUnknown, topLevelFix } from './checks/placement';
import { checkSafety } from './checks/safety';
import { checkFilter, checkType, checkValue, typeWord } from './checks/values';

export type { Ctx } from './checks/context';
export { profileKindOf } from './checks/placement';

/** The release an lvm.conf file is checked as: --target / the setting, or what its settings point at. */
export function lvmConfRelease(doc: ParsedDocument, options: AnalysisOptions = {}): ReleaseChoice {
  // A file read from a host is read there by that host's lvm2: that beats what its settings suggest.
  // A distribution's name as the target (RHEL7) bounds the choice less tightly than the host's own lvm2.
  if ((!options.target || !isLvm2Version(options.target)) && options.host) return { release: options.host.release, reason: options.host.reason, source: 'host' };
  const model = getModel(doc);
  const paths: string[] = [];
  for (const s of model.settings) {
    if (s.recovered || !s.section) continue;
    paths.push(lookupSetting(s.section, s.name)?.path ?? `${schemaSectionPath(s.section).path}/${s.name}`);
  }
  return chooseLvmRelease(paths, options.target);
}

function analyzeModel(ctx: Ctx): void {
  const schema = getSchema();
  const { model } = ctx;
  const reportedSections = new Set<string>();

  const checkSectionPath = (path: string, start: number, end: number, at: number): boolean => {
    const sec = lookupSection(path);
    if (sec) {
      const secAt = ctx.release && sec !== 'free' ? sectionAt(sec.path, ctx.release.release) : undefined;
      if (sec !== 'free' && sec.deprecated && !(secAt && !secAt.deprecatedSince) && !reportedSections.has(`dep:${path}`)) {
        reportedSections.add(`dep:${path}`);
        push(ctx, { code: 'deprecated-setting', severity: 'warning', range: rng(ctx, start, end), message: `Section ${path} is deprecated${sec.deprecatedSince ? ` since lvm2 ${sec.deprecatedSince}` : ''}; lvm2 ignores it.` }, at);
      }
      return true;
    }
    if (reportedSections.has(path)) return false;
    reportedSections.add(path);
    const parent = path.split('/').slice(0, -1).join('/');
    const name = path.split('/').pop()!;
    if (!parent) {
      // A setting name used as a section (`retain_min { }`) is a type error in lvm2's eyes.
      const cands = didYouMean(name, schema.topSections);
      push(
        ctx,
        {
          code: 'unknown-section',
          severity: 'warning',
          range: rng(ctx, start, end),
          message: `lvm2 has no section "${name}"${cands.length ? `; did you mean "${cands[0]}"?` : ''}. Everything inside it is ignored.`,
          fixes: cands.map((c, i) => ({ title: `Rename to ${c}`, preferred: i === 0, edits: [{ range: rng(ctx, start, end), newText: c }] })),
        },
        at,
      );
      return false;
    }
    const psec = lookupSection(parent);
    if (!psec) return false;
    if (psec === 'free') return true;
    const spec = lookupSetting(parent, name);
    if (spec) {
      push(ctx, { code: 'type-mismatch', severity: spec.unchecked ? 'warning' : 'error', range: rng(ctx, start, end), message: `${spec.path} is a setting (${typeWord(spec.type)}), not a section.` }, at);
      return false;
    }
    const childSecs = [...schema.sections.keys()].filter((p) => p.startsWith(`${schemaSectionPath(parent).path}/`) && !p.includes('<')).map((p) => p.split('/').pop()!);
    const cands = didYouMean(name, childSecs);
    push(
      ctx,
      {
        code: 'unknown-section',
        severity: parent.startsWith('tags/') || parent === 'tags' ? 'warning' : 'warning',
        range: rng(ctx, start, end),
        message: `lvm2 has no section "${path}"${cands.length ? `; did you mean "${parent}/${cands[0]}"?` : ''}. Everything inside it is ignored.`,
      },
      at,
    );
    return false;
  };

  for (const sec of model.sections) {
    if (sec.recovered || sec.start >= ctx.readTo) continue;
    let ok = true;
    for (const imp of sec.implied) ok = ok && checkSectionPath(imp.path, imp.start, imp.end, sec.start);
    if (ok && sec.path) checkSectionPath(sec.path, sec.nameStart, sec.nameEnd, sec.start);
    // A section only metadata profiles may hold (allocation/cache_settings): lvm2 refuses a
    // command profile that has it, whatever is inside (its keys are the cache policy's own).
    if (ok && sec.path && ctx.profile === 'command' && sectionAt(sec.path, ctx.release?.release ?? newestLvm2())?.profilable === 'metadata') {
      push(
        ctx,
        {
          code: 'profile-kind',
          severity: 'warning',
          range: rng(ctx, sec.nameStart, sec.nameEnd),
          message: `Section ${sec.path} is customizable by metadata profiles only; lvm2 refuses this command profile when it is applied as one.`,
        },
        sec.start,
      );
    }
  }

  // Duplicates: last value wins.
  const seen = new Map<string, ConfSetting[]>();
  // Settings read back from broken syntax, or past the point where lvm2's parse stops, are left to the syntax finding.
  const settings = model.settings.filter((s) => !s.recovered && s.start < ctx.readTo);
  for (const s of settings) {
    let l = seen.get(s.path);
    if (!l) seen.set(s.path, (l = []));
    l.push(s);
  }
  for (const [path, list] of seen) {
    if (list.length < 2) continue;
    const last = list[list.length - 1];
    for (const s of list.slice(0, -1)) {
      const lp = ctx.lines.positionAt(last.start).line + 1;
      push(
        ctx,
        {
          code: 'duplicate-setting',
          severity: 'warning',
          range: rng(ctx, s.keyStart, s.keyEnd),
          message: `${path} is set again on line ${lp}; lvm2 warns "Ignoring duplicate config value" and keeps the last value (${last.value.text}), not this one.`,
          related: [{ range: rng(ctx, last.keyStart, last.keyEnd), message: 'the value lvm2 uses' }],
          fixes: [{ title: 'Remove this line (lvm2 ignores it anyway)', edits: [{ range: wholeLines(ctx, s.start, s.end), newText: '' }] }],
        },
        s.start,
      );
    }
  }

  const effective = new Map<string, ConfSetting>();
  for (const [p, l] of seen) effective.set(p, l[l.length - 1]);

  for (const s of settings) {
    if (!s.section) {
      push(
        ctx,
        {
          code: 'top-level-assignment',
          severity: 'error',
          range: rng(ctx, s.keyStart, s.keyEnd),
          message: `"${s.name}" is not inside a section; lvm2 reports the file invalid ("not part of any section").${hintSection(s.name)}`,
          fixes: topLevelFix(ctx, s),
        },
        s.start,
      );
      continue;
    }
    let ok = true;
    for (const imp of s.implied) ok = ok && checkSectionPath(imp.path, imp.start, imp.end, s.start);
    if (!ok) continue;
    const sec = lookupSection(s.section);
    if (!sec) continue; // reported on the section
    if (sec === 'free') continue;
    const spec = lookupSetting(s.section, s.name);
    if (!spec) {
      // Known to the release the file is checked as (a setting later lvm2 dropped): not unknown.
      if (ctx.release && settingAt(`${schemaSectionPath(s.section).path}/${s.name}`, ctx.release.release)?.present) continue;
      reportUnknown(ctx, s);
      continue;
    }
    // lvm2 drops every earlier occurrence of a duplicated setting before it validates.
    const isLast = effective.get(s.path) === s;
    if (isLast) {
      checkType(ctx, s, spec);
      checkValue(ctx, s, spec);
    }
    const atRelease = ctx.release ? settingAt(spec.path, ctx.release.release) : undefined;
    // locking_type = 0 is locking-disabled (risks.ts), one finding for one mistake.
    const lockingOff = spec.path === 'global/locking_type' && isLast && locksOff(s, ctx.options.target);
    if (spec.deprecated && !(atRelease && !atRelease.deprecatedSince) && !lockingOff) {
      const repl = spec.replacedBy;
      push(
        ctx,
        {
          code: 'deprecated-setting',
          severity: 'warning',
          range: rng(ctx, s.nameStart, s.nameEnd),
          message: `${spec.path} is deprecated${atRelease?.deprecatedSince ? ` since lvm2 ${atRelease.deprecatedSince}` : spec.deprecatedSince ? ` since lvm2 ${spec.deprecatedSince}` : ''}${checkedAs(ctx)}. ${repl ? `Use ${repl} instead; ` : ''}${spec.removedNote ?? 'lvm2 accepts it silently and ignores it.'}`,
          fixes: repl && !effective.has(repl) ? [{ title: `Replace with ${repl.split('/').pop()}`, preferred: true, edits: [{ range: rng(ctx, s.nameStart, s.nameEnd), newText: repl.split('/').pop()! }] }] : undefined,
        },
        s.start,
      );
    }
    // The release table knows presence per release (a setting can be backported to a 2.02
    // release before the 2.03 one the current catalogue names); spec.since is the fallback.
    const newer = atRelease ? !atRelease.present : ctx.options.target !== undefined && compareVersions(ctx.options.target, spec.since) < 0;
    if (ctx.options.target && newer) {
      push(ctx, { code: 'target-version', severity: 'error', range: rng(ctx, s.nameStart, s.nameEnd), message: `${spec.path} is new in lvm2 ${spec.since}; the target lvm2 ${ctx.options.target} does not know it.` }, s.start);
    }
    if (ctx.profile) checkProfile(ctx, s, spec);
    if (isLast && (spec.path === 'devices/filter' || spec.path === 'devices/global_filter')) checkFilter(ctx, s);
  }

  checkSafety(ctx, effective);
  riskFindings({ effective, release: ctx.options.target, range: (a, b) => rng(ctx, a, b), push: (f, at) => push(ctx, f, at) });
}

/**
 * A file named like an lvm.conf that is another format (a playbook, a saved web page): when lvm2's
 * parse fails at the file's first word and the text opens as YAML, HTML/XML or an INI file, the
 * syntax finding says so instead of advising an edit of that word.
 */
function otherFormat(doc: ParsedDocument, f: Finding): Finding | undefined {
  const text = doc.text;
  let at = 0;
  while (at < text.length && /\s/.test(text[at])) at++;
  if (doc.lines.offsetAt(f.range.start) !== at) return undefined;
  const head = text.slice(at, at + 200);
  const kind = /^(---|%YAML)(\s|$)/.test(head) ? 'YAML' : /^<(!doctype|\?xml|[a-z])/i.test(head) ? 'HTML or XML' : /^\[[\w .:-]+\][ \t]*(\r?\n|$)/.test(head) ? 'an INI file' : undefined;
  if (!kind) return undefined;
  return { ...f, fixes: undefined, message: `This file does not read as an lvm.conf: it opens like ${kind}, and lvm2 refuses it at its first word. If it is not meant to be one, rename it or list it under \`ignore:\` in .blockwise.yaml.` };
}

/** All findings of one lvm.conf document (before suppressions and severity overrides). */
export function analyzeLvmConf(doc: ParsedDocument, options: AnalysisOptions = {}): Finding[] {
  const model = getModel(doc);
  const ctx: Ctx = { lines: doc.lines, text: doc.text, model, options, out: [], readTo: doc.text.length };
  const release = lvmConfRelease(doc, options);
  if (release.source !== 'default') {
    // An older release: its own facts decide what is deprecated or unknown (a default choice
    // keeps the current catalogue's findings exactly).
    ctx.release = release;
    ctx.options = { ...options, target: release.release };
  } else if (options.target !== undefined && !isLvm2Version(options.target)) {
    // A target no lvm2 release answers to is no target for the checks that compare versions.
    ctx.options = { ...options, target: undefined };
  }
  ctx.profile = profileKindOf(doc.uri, model, options);
  const syntax = lvmSyntaxFindings(doc.tree, doc.lines).map((f) => otherFormat(doc, f) ?? f);
  ctx.out.push(...syntax);
  // lvm2 stops at its first parse error: nothing past it is read (one mistake, one finding).
  if (syntax.length) ctx.readTo = doc.lines.offsetAt(syntax[0].range.start);
  if (model.tooDeep) ctx.out.push(tooDeepFinding(rng(ctx, model.tooDeep.start, Math.min(model.tooDeep.end, model.tooDeep.start + 1)), model.tooDeep.depth));
  analyzeModel(ctx);
  return ctx.out;
}
