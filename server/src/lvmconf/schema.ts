// The lvm.conf schema: generated facts (schema.json, from lvmconfig) merged with our hand-written
// notes (notes.ts). Lookups by setting path, with lvm2's variable-named sections resolved.
import schemaJson from './schema.json';
import { settingNotes, type SettingNote } from './notes';

export type SettingType = 'boolean' | 'integer' | 'float' | 'string' | 'array:string' | 'array:integer string';

export interface SettingSpec extends SettingNote {
  path: string;
  section: string;
  name: string;
  type: SettingType;
  default?: unknown;
  defaultText?: string;
  noDefault?: boolean;
  runtimeDefault?: boolean;
  since: string;
  deprecated?: boolean;
  deprecatedSince?: string;
  unsupported?: boolean;
  advanced?: boolean;
  hidden?: boolean;
  profilable?: 'command' | 'metadata';
  /** false: lvm2 rejects "" (and [""]). */
  emptyString?: boolean;
  /** false: lvm2 rejects [ ]. */
  emptyArray?: boolean;
  /** `lvmconfig --validate` does not check this setting (tags). */
  unchecked?: boolean;
}

export interface SectionSpec {
  path: string;
  since: string;
  variableName?: boolean;
  deprecated?: boolean;
  deprecatedSince?: string;
  unsupported?: boolean;
}

export interface Schema {
  provenance: { lvm2: string; date: string; commands: string[] };
  settings: Map<string, SettingSpec>;
  sections: Map<string, SectionSpec>;
  /** Setting names per section path. */
  bySection: Map<string, SettingSpec[]>;
  /** Every path a setting name occurs under (for wrong-section). */
  byName: Map<string, SettingSpec[]>;
  topSections: string[];
}

let schema: Schema | undefined;

export function getSchema(): Schema {
  if (schema) return schema;
  const notes = settingNotes();
  const settings = new Map<string, SettingSpec>();
  const bySection = new Map<string, SettingSpec[]>();
  const byName = new Map<string, SettingSpec[]>();
  for (const raw of (schemaJson as unknown as { settings: SettingSpec[] }).settings) {
    const s: SettingSpec = { ...raw, ...(notes.get(raw.path) ?? { description: '' }) };
    settings.set(s.path, s);
    let l = bySection.get(s.section);
    if (!l) bySection.set(s.section, (l = []));
    l.push(s);
    let n = byName.get(s.name);
    if (!n) byName.set(s.name, (n = []));
    n.push(s);
  }
  const sections = new Map<string, SectionSpec>();
  for (const sec of (schemaJson as unknown as { sections: SectionSpec[] }).sections) sections.set(sec.path, sec);
  schema = {
    provenance: (schemaJson as unknown as Schema).provenance,
    settings,
    sections,
    bySection,
    byName,
    topSections: [...sections.keys()].filter((p) => !p.includes('/')),
  };
  return schema;
}

/**
 * The schema form of a concrete section path: `tags/mytag` -> `tags/<tag>`,
 * `metadata/disk_areas/area1` -> `metadata/disk_areas/<disk_area>`. Sections below
 * `allocation/cache_settings/<policy>` are free-form (`free`).
 */
export function schemaSectionPath(path: string): { path: string; free?: boolean } {
  const segs = path.split('/');
  if (segs[0] === 'tags' && segs.length >= 2) return { path: ['tags', '<tag>', ...segs.slice(2)].join('/') };
  if (segs[0] === 'metadata' && segs[1] === 'disk_areas' && segs.length >= 3) {
    return { path: ['metadata', 'disk_areas', '<disk_area>', ...segs.slice(3)].join('/') };
  }
  if (segs[0] === 'allocation' && segs[1] === 'cache_settings' && segs.length >= 3) return { path, free: true };
  return { path };
}

export function lookupSection(path: string): SectionSpec | 'free' | undefined {
  const s = schemaSectionPath(path);
  if (s.free) return 'free';
  return getSchema().sections.get(s.path);
}

export function lookupSetting(sectionPath: string, name: string): SettingSpec | undefined {
  const s = schemaSectionPath(sectionPath);
  return getSchema().settings.get(`${s.path}/${name}`);
}

/** Version strings as numbers for comparison: `2.03.16` -> [2, 3, 16]. */
export function parseVersion(v: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return 0;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Damerau-free Levenshtein distance, bounded (for did-you-mean). */
export function editDistance(a: string, b: string, max = 4): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // transposition
      cur.push(
        i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? Math.min(v, (prev[j - 2] ?? v) + 1) : v,
      );
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Closest candidates by edit distance (at most 2, or a third of the length). */
export function didYouMean(word: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), limit);
    if (d <= limit) scored.push([c, d]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, 3).map((s) => s[0]);
}
