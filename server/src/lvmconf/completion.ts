// Completion: sections at top level, only the current section's settings inside it, allowed and
// boolean values after `=`, and snippets for the blocks admins write most.
import type { ParsedDocument } from '../core/document';
import type { CompletionEntry } from '../core/handler';
import type { AnalysisOptions, Position } from '../core/types';
import { settingMarkdown } from './hover';
import { lvmConfRelease } from './analyze';
import { getModel } from './model';
import { lvm2Releases, settingAt, tableSettingsOf } from './releases';
import { compareVersions, getSchema, lookupSetting, schemaSectionPath } from './schema';

const SNIPPETS: { label: string; body: string; detail: string }[] = [
  {
    label: 'backup retention (busy hosts)',
    detail: 'backup { … retain_min = 100, retain_days = 0 }',
    body: 'backup {\n\tbackup = 1\n\tarchive = 1\n\tretain_min = ${1:100}\n\tretain_days = ${2:0}\n}\n',
  },
  {
    label: 'global_filter',
    detail: 'devices { global_filter = [ accept …, reject everything else ] }',
    body: 'devices {\n\tglobal_filter = [ "a|^${1:/dev/sda[0-9]*}$|", "r|.*|" ]\n}\n',
  },
  {
    label: 'thin pool autoextend',
    detail: 'activation { thin_pool_autoextend_threshold = 80 … }',
    body: 'activation {\n\tmonitoring = 1\n\tthin_pool_autoextend_threshold = ${1:80}\n\tthin_pool_autoextend_percent = ${2:20}\n}\n',
  },
  {
    label: 'raid fault policy',
    detail: 'activation { raid_fault_policy = "allocate" }',
    body: 'activation {\n\tmonitoring = 1\n\traid_fault_policy = "${1|allocate,warn|}"\n}\n',
  },
];

/** The section path enclosing an offset (innermost open section). */
function sectionAt(doc: ParsedDocument, off: number): string {
  let best = '';
  let bestStart = -1;
  for (const s of getModel(doc).sections) {
    if (s.open < 0 || off <= s.open) continue;
    if (s.close >= 0 && off > s.close) continue;
    if (s.start > bestStart) {
      best = s.path;
      bestStart = s.start;
    }
  }
  return best;
}

export function completeLvmConf(doc: ParsedDocument, pos: Position, options: AnalysisOptions = {}): CompletionEntry[] {
  const schema = getSchema();
  const off = doc.lines.offsetAt(pos);
  const lineText = doc.lines.lineText(pos.line).slice(0, pos.character);
  if (/#/.test(lineText.replace(/"[^"]*"/g, ''))) return [];
  const section = sectionAt(doc, off);
  const valueMatch = /^\s*([^\s=#{}]+)\s*=\s*\[?\s*("?)[^"]*$/.exec(lineText);
  if (valueMatch) {
    const key = valueMatch[1];
    const segs = key.split('/').filter(Boolean);
    const secPath = [...(section ? [section] : []), ...segs.slice(0, -1)].join('/');
    const spec = lookupSetting(secPath, segs[segs.length - 1]);
    if (!spec) return [];
    const quoted = valueMatch[2] === '"';
    const word = /[\w-]*$/.exec(lineText)![0];
    const replace = doc.lines.range(off - word.length, off);
    if (spec.type === 'boolean') {
      return [
        { label: '1', kind: 'value', detail: 'on', replace },
        { label: '0', kind: 'value', detail: 'off', replace },
      ];
    }
    const vals = spec.allowed ?? spec.suggest ?? [];
    return vals
      .filter((v) => !(spec.valueSince?.[v] && options.target && compareVersions(options.target, spec.valueSince[v]) < 0))
      .map((v, i) => ({ label: v, kind: 'enum' as const, insertText: quoted ? v : `"${v}"`, sortText: String(i).padStart(3, '0'), replace, detail: spec.defaultText === `"${v}"` ? 'default' : undefined }));
  }
  if (!/^\s*[\w/-]*$/.test(lineText)) return [];
  const word = /[\w/-]*$/.exec(lineText)![0];
  const replace = doc.lines.range(off - word.length, off);
  const out: CompletionEntry[] = [];
  const visible = (hidden?: boolean, since?: string) => !hidden && !(since && options.target && compareVersions(options.target, since) < 0);
  if (!section) {
    for (const s of schema.topSections) {
      out.push({ label: s, kind: 'module', detail: 'section', insertText: `${s} {\n\t$0\n}`, snippet: true, replace });
    }
    for (const sn of SNIPPETS) out.push({ label: sn.label, kind: 'snippet', detail: sn.detail, insertText: sn.body, snippet: true, replace });
    return out;
  }
  const secPath = schemaSectionPath(section).path;
  // Settings as the release this file is checked as has them: not those it lacks, and deprecated
  // ones only where that release deprecates them (a 2.02 file is offered use_lvmetad).
  const release = lvmConfRelease(doc, options).release;
  const offered = new Set<string>();
  for (const spec of schema.bySection.get(secPath) ?? []) {
    const at = settingAt(spec.path, release);
    if (at && !at.present) continue;
    const deprecated = at ? at.deprecatedSince !== undefined : spec.deprecated;
    if (!visible(spec.hidden || deprecated, at ? undefined : spec.since)) continue;
    offered.add(spec.name);
    const esc = (t: string) => t.replace(/[\\$}]/g, '\\$&');
    const def = spec.defaultText;
    const value =
      spec.type === 'boolean'
        ? '${1|0,1|}'
        : spec.allowed
          ? `"\${1|${spec.allowed.join(',')}|}"`
          : spec.type === 'integer'
            ? `\${1:${esc(def ?? '0')}}`
            : spec.type.startsWith('array')
              ? `[ \${1:${esc(def?.replace(/^\[|\]$/g, '') || '""')}} ]`
              : `"\${1:${esc((def ?? '""').replace(/^"|"$/g, ''))}}"`;
    out.push({
      label: spec.name,
      kind: 'property',
      detail: spec.description,
      documentation: settingMarkdown(spec, options),
      insertText: `${spec.name} = ${value}`,
      snippet: true,
      replace,
    });
  }
  // Settings of that release that the current schema no longer describes (gone from lvm2 since).
  if (release !== lvm2Releases()[lvm2Releases().length - 1]) {
    for (const name of tableSettingsOf(secPath)) {
      if (offered.has(name)) continue;
      const at = settingAt(`${secPath}/${name}`, release);
      if (!at?.present || at.deprecatedSince) continue;
      out.push({ label: name, kind: 'property', detail: `lvm2 ${release} setting (${at.type ?? 'value'}), gone from current lvm2`, insertText: `${name} = `, replace });
    }
  }
  for (const p of schema.sections.keys()) {
    if (p.startsWith(`${secPath}/`) && !p.slice(secPath.length + 1).includes('/') && !p.includes('<')) {
      const name = p.split('/').pop()!;
      out.push({ label: name, kind: 'module', detail: 'section', insertText: `${name} {\n\t$0\n}`, snippet: true, replace });
    }
  }
  return out;
}
