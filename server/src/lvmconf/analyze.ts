// lvm.conf analysis: the model against the schema. Pure: text in, findings out.
import type { ParsedDocument } from '../core/document';
import type { LineIndex } from '../core/text';
import type { AnalysisOptions, Finding, Fix, Range } from '../core/types';
import { lvmSyntaxFindings, tooDeepFinding } from '../syntax/lvm-syntax';
import { checkRegex, isUnanchored, parseFilterEntry } from './filter';
import { getModel, type ConfModel, type ConfSetting, type ConfValue } from './model';
import {
  compareVersions,
  didYouMean,
  getSchema,
  lookupSection,
  lookupSetting,
  schemaSectionPath,
  type SettingSpec,
} from './schema';
import { chooseLvmRelease, newestLvm2, sectionAt, settingAt, type ReleaseChoice } from './releases';
import './rules';
import { locksOff, riskFindings } from './risks';

export interface Ctx {
  lines: LineIndex;
  text: string;
  model: ConfModel;
  options: AnalysisOptions;
  out: Finding[];
  profile?: 'command' | 'metadata' | 'unknown';
  /** The release the file is checked as (explicit or inferred); undefined: current lvm2, as always. */
  release?: ReleaseChoice;
}

/** The release an lvm.conf file is checked as: --target / the setting, or what its settings point at. */
export function lvmConfRelease(doc: ParsedDocument, options: AnalysisOptions = {}): ReleaseChoice {
  // A file read from a host is read there by that host's lvm2: that beats what its settings suggest.
  if (!options.target && options.host) return { release: options.host.release, reason: options.host.reason, source: 'host' };
  const model = getModel(doc);
  const paths: string[] = [];
  for (const s of model.settings) {
    if (s.recovered || !s.section) continue;
    paths.push(lookupSetting(s.section, s.name)?.path ?? `${schemaSectionPath(s.section).path}/${s.name}`);
  }
  return chooseLvmRelease(paths, options.target);
}

/** ", checked as lvm2 R (why)" for messages that depend on the release. */
function checkedAs(ctx: Ctx): string {
  const r = ctx.release;
  return r ? `; this file is checked as lvm2 ${r.release}, ${r.source === 'explicit' ? 'as chosen' : r.reason}` : '';
}

const BOOL_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false']);

function rng(ctx: Ctx, a: number, b: number): Range {
  return ctx.lines.range(a, b);
}

function suppressFix(ctx: Ctx, at: number, code: string): Fix {
  const pos = ctx.lines.positionAt(at);
  const lineStart = ctx.lines.starts[pos.line];
  const indent = /^[ \t]*/.exec(ctx.lines.lineText(pos.line))![0];
  return {
    title: `Suppress ${code} on this line`,
    edits: [{ range: rng(ctx, lineStart, lineStart), newText: `${indent}# blockwise-disable-next-line ${code}\n` }],
  };
}

function push(ctx: Ctx, f: Finding, at: number): void {
  f.fixes = [...(f.fixes ?? []), suppressFix(ctx, at, f.code)];
  ctx.out.push(f);
}

function typeWord(t: SettingSpec['type']): string {
  switch (t) {
    case 'array:string':
      return 'a list of strings (a single string is fine too)';
    case 'array:integer string':
      return 'a list of strings and integers';
    case 'boolean':
      return 'a boolean (0/1, or "y/n", "yes/no", "on/off", "true/false")';
    default:
      return `an ${t === 'integer' ? 'integer' : t === 'float' ? 'number' : 'string'}`.replace('an string', 'a string').replace('an number', 'a number');
  }
}

const kindWord: Record<ConfValue['kind'], string> = { int: 'an integer', float: 'a decimal number', string: 'a string', array: 'a list', error: 'no value' };

/** Type check exactly as `lvmconfig --validate` does (measured on 2.03.16). */
function checkType(ctx: Ctx, s: ConfSetting, spec: SettingSpec): void {
  const v = s.value;
  if (v.kind === 'error') return;
  const severity = spec.unchecked ? 'warning' : 'error';
  const mismatch = (found: ConfValue, extra = '') =>
    push(
      ctx,
      {
        code: 'type-mismatch',
        severity,
        range: rng(ctx, found.start, found.end),
        message: `${spec.path} expects ${typeWord(spec.type)}, but this is ${kindWord[found.kind]}${extra}. lvm2 reports the file invalid and ignores the value.`,
      },
      s.start,
    );
  const empty = (at: ConfValue, what: string) =>
    push(
      ctx,
      {
        code: 'empty-value',
        severity,
        range: rng(ctx, at.start, at.end),
        message: `${spec.path} cannot be ${what}: lvm2 rejects it and uses the default${spec.defaultText ? ` (${spec.defaultText})` : ''}.`,
      },
      s.start,
    );
  if (spec.type.startsWith('array')) {
    const items = v.kind === 'array' ? v.items! : [v];
    if (v.kind === 'array' && items.length === 0) {
      if (spec.emptyArray === false) empty(v, 'an empty list');
      return;
    }
    for (const it of items) {
      if (it.kind === 'float' || (it.kind === 'int' && spec.type === 'array:string')) return mismatch(it);
      if (it.kind === 'string' && it.str === '' && spec.emptyString === false) return empty(it, '""');
    }
    return;
  }
  // A scalar setting: a one-element list counts as its element.
  let one = v;
  if (v.kind === 'array') {
    if (v.items!.length !== 1) return mismatch(v);
    one = v.items![0];
  }
  switch (spec.type) {
    case 'boolean':
      if (one.kind === 'int') return;
      if (one.kind === 'string') {
        if (!BOOL_WORDS.has(one.str!.toLowerCase())) {
          push(
            ctx,
            {
              code: 'type-mismatch',
              severity,
              range: rng(ctx, one.start, one.end),
              message: `${spec.path} is a boolean: use 0/1 or "y/n", "yes/no", "on/off", "true/false", not ${JSON.stringify(one.str)}. lvm2 reports the file invalid and ignores the value.`,
              fixes: [
                { title: 'Replace with 1', edits: [{ range: rng(ctx, one.start, one.end), newText: '1' }] },
                { title: 'Replace with 0', edits: [{ range: rng(ctx, one.start, one.end), newText: '0' }] },
              ],
            },
            s.start,
          );
        }
        return;
      }
      return mismatch(one);
    case 'integer':
      if (one.kind !== 'int') {
        const numeric = one.kind === 'string' && /^-?\d+$/.test(one.str!);
        return mismatch(one, numeric ? ' (integers are written without quotes)' : '');
      }
      return;
    case 'float':
      if (one.kind !== 'int' && one.kind !== 'float') return mismatch(one);
      return;
    case 'string':
      if (one.kind !== 'string') return mismatch(one, one.kind === 'int' || one.kind === 'float' ? ' (quote it: "…")' : '');
      if (one.str === '' && spec.emptyString === false) empty(one, '""');
      return;
  }
}

function scalarString(v: ConfValue): string | undefined {
  if (v.kind === 'string') return v.str;
  if (v.kind === 'array' && v.items!.length === 1 && v.items![0].kind === 'string') return v.items![0].str;
  return undefined;
}

function scalarInt(v: ConfValue): number | undefined {
  if (v.kind === 'int') return v.num;
  if (v.kind === 'array' && v.items!.length === 1 && v.items![0].kind === 'int') return v.items![0].num;
  return undefined;
}

const FAULT_EFFECT: Record<string, (v: string) => string> = {
  'activation/raid_fault_policy': () => 'lvm2 treats any value other than "allocate" as "warn": a failed RAID leg is only logged, never replaced.',
  'activation/mirror_image_fault_policy': () => 'lvm2 treats any value other than exactly "remove" as "allocate": it will try to replace the failed leg from free space.',
  'activation/mirror_log_fault_policy': () => 'lvm2 treats any value other than exactly "remove" as "allocate": it will try to place a new log on free space.',
  'activation/mirror_device_fault_policy': () => 'lvm2 treats any value other than exactly "remove" as "allocate".',
};

function checkValue(ctx: Ctx, s: ConfSetting, spec: SettingSpec): void {
  if (!spec.allowed) return;
  const str = scalarString(s.value);
  if (str === undefined) return;
  const v = s.value.kind === 'array' ? s.value.items![0] : s.value;
  if (!spec.allowed.includes(str)) {
    const lower = spec.allowed.find((a) => a.toLowerCase() === str.toLowerCase());
    const close = lower ? [lower] : didYouMean(str, spec.allowed);
    const effect = FAULT_EFFECT[spec.path]?.(str) ?? 'lvm2 does not act on it as intended.';
    push(
      ctx,
      {
        code: 'invalid-value',
        severity: 'error',
        range: rng(ctx, v.start, v.end),
        message: `${JSON.stringify(str)} is not a value of ${spec.path} (${spec.allowed.map((a) => `"${a}"`).join(', ')}${lower ? '; values are case-sensitive' : ''}). ${effect}`,
        fixes: close.map((c, i) => ({ title: `Replace with "${c}"`, preferred: i === 0, edits: [{ range: rng(ctx, v.start, v.end), newText: `"${c}"` }] })),
      },
      s.start,
    );
    return;
  }
  const since = spec.valueSince?.[str];
  if (since && ctx.options.target && compareVersions(ctx.options.target, since) < 0) {
    push(
      ctx,
      {
        code: 'target-version',
        severity: 'error',
        range: rng(ctx, v.start, v.end),
        message: `${spec.path} = "${str}" needs lvm2 ${since}; the target is ${ctx.options.target}.`,
      },
      s.start,
    );
  }
}

function checkFilter(ctx: Ctx, s: ConfSetting): void {
  const items = s.value.kind === 'array' ? s.value.items! : [s.value];
  for (const it of items) {
    if (it.kind !== 'string') continue;
    const entry = it.str!;
    const contentStart = it.quote === 'bare' ? it.start : it.start + 1;
    const parsed = parseFilterEntry(entry);
    let problem = 'message' in parsed ? parsed : undefined;
    if (!problem && !('message' in parsed)) {
      const p = checkRegex(parsed.regex);
      if (p) problem = { at: p.at + parsed.regexAt, message: p.message };
      else if (isUnanchored(parsed.regex)) {
        push(
          ctx,
          {
            code: 'unanchored-filter',
            severity: 'warning',
            range: rng(ctx, it.start, it.end),
            message: `${s.name} pattern ${JSON.stringify(parsed.regex)} is not anchored: it matches anywhere in a device path (any path containing it, not only the device you mean). Anchor it with ^ (and $).`,
          },
          s.start,
        );
      }
    }
    if (problem) {
      push(
        ctx,
        {
          code: 'invalid-filter',
          severity: 'error',
          range: rng(ctx, it.start, it.end),
          message: `Invalid ${s.name} entry ${JSON.stringify(entry)}: ${problem.message}. lvmconfig --validate accepts it, but every LVM command on this host will fail ("Invalid filter pattern" / "Failed to create regex device filter").`,
        },
        s.start,
      );
      void contentStart;
    }
  }
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
    if (sec.recovered) continue;
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
  // Settings read back from broken syntax are left to the syntax finding.
  const settings = model.settings.filter((s) => !s.recovered);
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

function wholeLines(ctx: Ctx, start: number, end: number): Range {
  const a = ctx.lines.positionAt(start).line;
  const b = ctx.lines.positionAt(end).line;
  const to = b + 1 < ctx.lines.lineCount ? ctx.lines.starts[b + 1] : ctx.text.length;
  return rng(ctx, ctx.lines.starts[a], to);
}

function hintSection(name: string): string {
  const l = getSchema().byName.get(name);
  return l?.length ? ` It belongs in ${l.map((x) => x.section).join(' or ')}.` : '';
}

function topLevelFix(ctx: Ctx, s: ConfSetting): Fix[] | undefined {
  const l = getSchema().byName.get(s.name);
  if (!l?.length || l[0].section.includes('<')) return undefined;
  return [{ title: `Write it as ${l[0].section}/${s.name}`, preferred: true, edits: [{ range: rng(ctx, s.keyStart, s.keyEnd), newText: `${l[0].section}/${s.name}` }] }];
}

function reportUnknown(ctx: Ctx, s: ConfSetting): void {
  const schema = getSchema();
  const secPath = schemaSectionPath(s.section).path;
  const elsewhere = schema.byName.get(s.name)?.filter((x) => !x.section.includes('<'));
  const inTags = s.section.startsWith('tags/');
  if (elsewhere?.length) {
    push(
      ctx,
      {
        code: 'wrong-section',
        severity: 'warning',
        range: rng(ctx, s.nameStart, s.nameEnd),
        message: `${s.name} belongs in section ${elsewhere.map((x) => x.section).join(' or ')}, not ${s.section}; lvm2 ${inTags ? 'ignores it here' : 'calls it unknown here and ignores it'}.`,
        fixes:
          s.implied.length && !elsewhere[0].section.includes('<')
            ? [{ title: `Write it as ${elsewhere[0].path}`, preferred: true, edits: [{ range: rng(ctx, s.keyStart, s.keyEnd), newText: elsewhere[0].path }] }]
            : undefined,
      },
      s.start,
    );
    return;
  }
  const names = (schema.bySection.get(secPath) ?? []).map((x) => x.name);
  const cands = didYouMean(s.name, names);
  push(
    ctx,
    {
      code: 'unknown-setting',
      severity: 'warning',
      range: rng(ctx, s.nameStart, s.nameEnd),
      message: `lvm2 has no setting ${s.section}/${s.name}${cands.length ? `; did you mean ${cands[0]}?` : ''}. ${inTags ? 'lvm2 ignores it.' : 'lvm2 ignores it (lvmconfig --validate calls the file invalid).'}`,
      fixes: cands.map((c, i) => ({ title: `Change to ${c}`, preferred: i === 0, edits: [{ range: rng(ctx, s.nameStart, s.nameEnd), newText: c }] })),
    },
    s.start,
  );
}

function checkProfile(ctx: Ctx, s: ConfSetting, spec: SettingSpec): void {
  if (!spec.profilable) {
    const top = s.section.split('/')[0];
    const sectionProfilable = [...getSchema().settings.values()].some((x) => x.section.split('/')[0] === top && x.profilable);
    push(
      ctx,
      {
        code: 'profile-section',
        severity: 'error',
        range: rng(ctx, s.nameStart, s.nameEnd),
        message: sectionProfilable
          ? `${spec.path} cannot be set in a profile; lvm2 refuses the whole profile. Set it in lvm.conf or lvmlocal.conf.`
          : `Section ${top} is not customizable by a profile; lvm2 refuses the whole profile. Set ${spec.path} in lvm.conf or lvmlocal.conf.`,
      },
      s.start,
    );
    return;
  }
  if (ctx.profile !== 'unknown' && ctx.profile && spec.profilable !== ctx.profile) {
    push(
      ctx,
      {
        code: 'profile-kind',
        severity: 'warning',
        range: rng(ctx, s.nameStart, s.nameEnd),
        message: `${spec.path} is customizable by ${spec.profilable} profiles only; lvm2 refuses this ${ctx.profile} profile when it is applied as one.`,
      },
      s.start,
    );
  }
}

function checkSafety(ctx: Ctx, eff: Map<string, ConfSetting>): void {
  const minS = eff.get('backup/retain_min');
  const daysS = eff.get('backup/retain_days');
  const min = minS ? scalarInt(minS.value) : undefined;
  const days = daysS ? scalarInt(daysS.value) : undefined;
  const raiseFix = (s: ConfSetting): Fix[] => [
    {
      title: 'Keep the newest 100 archives (retain_min = 100, retain_days = 0)',
      preferred: true,
      edits: [
        { range: rng(ctx, s.value.start, s.value.end), newText: '100' },
        ...(daysS && daysS !== s && (days ?? 30) !== 0 ? [{ range: rng(ctx, daysS.value.start, daysS.value.end), newText: '0' }] : []),
      ],
    },
    { title: 'Raise retain_min to lvm2\'s default of 10', edits: [{ range: rng(ctx, s.value.start, s.value.end), newText: '10' }] },
  ];
  const archiveOff = eff.get('backup/archive');
  const archiveDisabled = archiveOff && isFalse(archiveOff.value);
  if (!archiveDisabled && min !== undefined && minS) {
    const effDays = days ?? 30;
    if (min <= 0 && effDays <= 0) {
      push(
        ctx,
        {
          code: 'unsafe-retention',
          severity: 'error',
          range: rng(ctx, minS.start, minS.end),
          message:
            'retain_min = 0 with retain_days = 0 leaves exactly one metadata archive per VG (the state before the last command): after two changes there is nothing to restore a mistaken lvremove from. Both settings are minimums, never maximums. Known-good: retain_min = 100, retain_days = 0.',
          related: daysS ? [{ range: rng(ctx, daysS.start, daysS.end), message: 'retain_days = 0' }] : undefined,
          fixes: raiseFix(minS),
        },
        minS.start,
      );
    } else if (min < 10) {
      push(
        ctx,
        {
          code: 'unsafe-retention',
          severity: 'warning',
          range: rng(ctx, minS.start, minS.end),
          message: `retain_min = ${min} is below lvm2's default of 10: once archives are older than retain_days (${effDays}) only ${Math.max(min, 1)} remain per VG. Both settings are minimums, not caps; to bound the archive on busy hosts use retain_min = 100 with retain_days = 0 instead.`,
          fixes: raiseFix(minS),
        },
        minS.start,
      );
    }
  }
  if (daysS && days !== undefined && days > 0 && (min ?? 10) >= 0) {
    // Long day-based retention is the other failure mode (archive growth); only worth a word
    // when it is well above the default.
    if (days > 90) {
      push(
        ctx,
        {
          code: 'unsafe-retention',
          severity: 'warning',
          range: rng(ctx, daysS.start, daysS.end),
          message: `retain_days = ${days} keeps every archive younger than ${days} days, however many there are. On hosts that change metadata all day (snapshot rotation, container storage) /etc/lvm/archive has grown to 110,000 files and slowed every LVM command. Known-good for busy hosts: retain_min = 100, retain_days = 0.`,
        },
        daysS.start,
      );
    }
  }
  for (const key of ['backup/backup', 'backup/archive']) {
    const s = eff.get(key);
    if (s && isFalse(s.value)) {
      const what = key === 'backup/backup' ? 'the current-metadata backup in backup_dir' : 'the archive of earlier metadata in archive_dir';
      push(
        ctx,
        {
          code: 'backup-disabled',
          severity: 'warning',
          range: rng(ctx, s.start, s.end),
          message: `${key} = 0 turns off ${what}: vgcfgrestore then has nothing to restore after a mistaken lvremove/lvreduce or damaged PV headers.${key === 'backup/archive' ? ' To limit archive growth, use retain_min = 100 with retain_days = 0 instead.' : ''}`,
          fixes: [{ title: `Set ${key.split('/')[1]} = 1`, preferred: true, edits: [{ range: rng(ctx, s.value.start, s.value.end), newText: '1' }] }],
        },
        s.start,
      );
    }
  }
  for (const [key, def, pkg] of [
    ['global/thin_check_executable', '/usr/sbin/thin_check', 'thin'],
    ['global/cache_check_executable', '/usr/sbin/cache_check', 'cache'],
  ] as const) {
    const s = eff.get(key);
    if (s && scalarString(s.value) === '') {
      push(
        ctx,
        {
          code: 'check-disabled',
          severity: 'warning',
          range: rng(ctx, s.start, s.end),
          message: `An empty ${key.split('/')[1]} turns off the ${pkg} metadata check: pools with damaged metadata are activated and written to unchecked. Use ${def} (package thin-provisioning-tools).`,
          fixes: [{ title: `Use ${def}`, preferred: true, edits: [{ range: rng(ctx, s.value.start, s.value.end), newText: `"${def}"` }] }],
        },
        s.start,
      );
    }
  }
}

function isFalse(v: ConfValue): boolean {
  const n = scalarInt(v);
  if (n !== undefined) return n === 0;
  const s = scalarString(v);
  return s !== undefined && ['n', 'no', 'off', 'false'].includes(s.toLowerCase());
}

export function profileKindOf(uri: string, model: ConfModel, options: AnalysisOptions): Ctx['profile'] {
  const set = options.settings?.profileKind;
  if (set === 'command' || set === 'metadata') return set;
  if (!/\.profile$/.test(uri)) return undefined;
  const base = uri.split('/').pop()!;
  if (/metadata/i.test(base)) return 'metadata';
  if (/command/i.test(base)) return 'command';
  let c = 0;
  let m = 0;
  for (const s of model.settings) {
    const spec = s.section ? lookupSetting(s.section, s.name) : undefined;
    if (spec?.profilable === 'command') c++;
    if (spec?.profilable === 'metadata') m++;
  }
  return c > m ? 'command' : m > c ? 'metadata' : 'unknown';
}

/** All findings of one lvm.conf document (before suppressions and severity overrides). */
export function analyzeLvmConf(doc: ParsedDocument, options: AnalysisOptions = {}): Finding[] {
  const model = getModel(doc);
  const ctx: Ctx = { lines: doc.lines, text: doc.text, model, options, out: [] };
  const release = lvmConfRelease(doc, options);
  if (release.source !== 'default') {
    // An older release: its own facts decide what is deprecated or unknown (a default choice
    // keeps the current catalogue's findings exactly).
    ctx.release = release;
    ctx.options = { ...options, target: release.release };
  }
  ctx.profile = profileKindOf(doc.uri, model, options);
  ctx.out.push(...lvmSyntaxFindings(doc.tree, doc.lines));
  if (model.tooDeep) ctx.out.push(tooDeepFinding(rng(ctx, model.tooDeep.start, Math.min(model.tooDeep.end, model.tooDeep.start + 1)), model.tooDeep.depth));
  analyzeModel(ctx);
  return ctx.out;
}
