// Checks of where a setting is written: outside any section, in the wrong or an unknown
// section, or in a profile that may not hold it; and which kind of profile a file is.
import type { AnalysisOptions, Fix } from '../../core/types';
import type { ConfModel, ConfSetting } from '../model';
import { didYouMean, getSchema, lookupSetting, schemaSectionPath, type SettingSpec } from '../schema';
import { push, rng, type Ctx } from './context';

export function hintSection(name: string): string {
  const l = getSchema().byName.get(name);
  return l?.length ? ` It belongs in ${l.map((x) => x.section).join(' or ')}.` : '';
}

export function topLevelFix(ctx: Ctx, s: ConfSetting): Fix[] | undefined {
  const l = getSchema().byName.get(s.name);
  if (!l?.length || l[0].section.includes('<')) return undefined;
  return [{ title: `Write it as ${l[0].section}/${s.name}`, preferred: true, edits: [{ range: rng(ctx, s.keyStart, s.keyEnd), newText: `${l[0].section}/${s.name}` }] }];
}

export function reportUnknown(ctx: Ctx, s: ConfSetting): void {
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

export function checkProfile(ctx: Ctx, s: ConfSetting, spec: SettingSpec): void {
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
