// lvm.conf settings across lvm2 releases (releases.json, generated from lvm2's own
// config_settings.h at every tag by scripts/gen-lvm-releases.mjs), and the release a file is
// checked as: an explicit target wins; otherwise the releases where every setting the file holds
// exists, and of those the one that deprecates the fewest of them (newest on a tie).
import releasesJson from './releases.json';
import { compareVersions } from './schema';
import type { ReleaseChoice } from '../core/release';
import { LVM2_TARGETS } from '../core/handler';
import { NEWEST_RHEL, OLDEST_FEDORA, OLDEST_RHEL, distroRelease } from '../core/distro';

/** Whether a target is an lvm2 version (2.02.x, 2.03.x) rather than, say, a distribution's name. */
export const isLvm2Version = (raw: string): boolean => LVM2_TARGETS.accepts(raw);

type Changes<T> = Array<[string, T]>;
interface SettingHistory {
  since?: string;
  present: Changes<boolean>;
  deprecatedSince?: string;
  type: Changes<string>;
  flags: Changes<string[]>;
}
interface SectionHistory {
  since?: string;
  present: Changes<boolean>;
  deprecatedSince?: string;
  flags?: Changes<string[]>;
}
interface ReleasesDoc {
  provenance: { first: { tag: string }; last: { tag: string } };
  releases: string[];
  settings: Record<string, SettingHistory>;
  sections: Record<string, SectionHistory>;
}

/**
 * The table, read on first use (a CLI run over kickstarts never needs it; parsing it is part of
 * every start otherwise: bench, section startup).
 */
let table: ReleasesDoc | undefined;
const doc = (): ReleasesDoc => (table ??= releasesJson as unknown as ReleasesDoc);
/** The releases the table covers, oldest first. */
export const lvm2Releases = (): readonly string[] => doc().releases;
/** The newest lvm2 release the table covers (what files are checked as by default). */
export const newestLvm2 = (): string => doc().releases[doc().releases.length - 1];
const first = (): string => doc().releases[0];

function at<T>(list: Changes<T>, release: string): T | undefined {
  let v: T | undefined;
  for (const [r, x] of list) {
    if (compareVersions(r, release) > 0) break;
    v = x;
  }
  return v;
}

export interface SettingAtRelease {
  /** Whether lvm2 of that release knows the setting. */
  present: boolean;
  /** The release that deprecated it, when it is deprecated in that release. */
  deprecatedSince?: string;
  type?: string;
  profilable?: 'command' | 'metadata';
}

/** What lvm2 `release` knows of `path` (schema form, e.g. `global/use_lvmetad`); undefined if the table has no such setting. */
export function settingAt(path: string, release: string): SettingAtRelease | undefined {
  const h = doc().settings[path];
  if (!h) return undefined;
  if (compareVersions(release, first()) < 0) {
    // Before lvm2 declared its settings in one table: the setting's own `since`.
    const present = h.since !== undefined && compareVersions(h.since, release) <= 0 && at(h.present, first()) === true;
    return { present, type: at(h.type, first()) };
  }
  const present = at(h.present, release) === true;
  const flags = at(h.flags, release) ?? [];
  return {
    present,
    deprecatedSince: h.deprecatedSince && compareVersions(h.deprecatedSince, release) <= 0 ? h.deprecatedSince : undefined,
    type: at(h.type, release),
    profilable: flags.includes('profilable-metadata') ? 'metadata' : flags.includes('profilable') ? 'command' : undefined,
  };
}

/**
 * Whether a section exists and is not deprecated in `release`, and which profiles may hold it as
 * a whole (allocation/cache_settings: metadata profiles only, from 2.02.169); undefined when the
 * table does not know it.
 */
export function sectionAt(path: string, release: string): { present: boolean; deprecatedSince?: string; profilable?: 'command' | 'metadata' } | undefined {
  const h = doc().sections[path];
  if (!h) return undefined;
  if (compareVersions(release, first()) < 0) return { present: h.since !== undefined && compareVersions(h.since, release) <= 0 };
  const flags = (h.flags && at(h.flags, release)) ?? [];
  return {
    present: at(h.present, release) === true,
    deprecatedSince: h.deprecatedSince && compareVersions(h.deprecatedSince, release) <= 0 ? h.deprecatedSince : undefined,
    profilable: flags.includes('profilable-metadata') ? 'metadata' : flags.includes('profilable') ? 'command' : undefined,
  };
}

export type { ReleaseChoice } from '../core/release';

/** The release before the table's first: files older than lvm2's settings table are checked as this one. */
export const PRE_TABLE_LVM2 = '2.02.98';

/** The names of the settings the table knows directly under a section path (every release). */
export function tableSettingsOf(section: string): string[] {
  const out: string[] = [];
  const prefix = `${section}/`;
  for (const p of Object.keys(doc().settings)) if (p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) out.push(p.slice(prefix.length));
  return out;
}

/**
 * The release a file is checked as. `paths` are the schema paths of the settings the file sets.
 * Without an explicit choice: among the releases where every setting the file sets exists, the
 * one that deprecates the fewest of them (newest on a tie). lvm2's own stock files carry settings
 * their release already deprecated (detect_internal_vg_cache_corruption in 2.02.18x), so "fewest"
 * rather than "none". Releases before the table (settings such as mirror_region_size, replaced in
 * 2.02.99) count as PRE_TABLE_LVM2. When that is the newest release, the default (current lvm2).
 */
/** Every release a file can be checked as, oldest first: the one before the table, then the table's. */
let candidateList: readonly string[] | undefined;
let candidateMap: Map<string, number> | undefined;
function candidates(): readonly string[] {
  return (candidateList ??= [PRE_TABLE_LVM2, ...doc().releases]);
}
function candidateIndex(): Map<string, number> {
  return (candidateMap ??= new Map(candidates().map((r, i) => [r, i])));
}

/**
 * A setting's presence per candidate release (index into candidates()) and the first index where it
 * is deprecated, made once per setting per process by walking its change list, so choosing a
 * release is a scan of small arrays (the resolver's cost: `npm run bench`, section lvmconf).
 */
interface Profile {
  present: Uint8Array;
  deprecatedFrom: number;
}
const profileCache = new Map<string, Profile>();
function profileOf(path: string): Profile {
  const have = profileCache.get(path);
  if (have) return have;
  const h = doc().settings[path];
  const present = new Uint8Array(candidates().length);
  present[0] = settingAt(path, candidates()[0])?.present ? 1 : 0;
  let cur = 0;
  let next = 0;
  for (let i = 1; i < candidates().length; i++) {
    while (next < h.present.length) {
      const idx = candidateIndex().get(h.present[next][0]) ?? candidates().findIndex((r) => compareVersions(r, h.present[next][0]) >= 0);
      if (idx < 0 || idx > i) break;
      cur = h.present[next][1] ? 1 : 0;
      next++;
    }
    present[i] = cur;
  }
  let deprecatedFrom = candidates().length;
  if (h.deprecatedSince !== undefined) {
    const d = h.deprecatedSince;
    const idx = candidates().findIndex((r) => compareVersions(d, r) <= 0);
    if (idx >= 0) deprecatedFrom = idx;
  }
  const p = { present, deprecatedFrom };
  profileCache.set(path, p);
  return p;
}

/**
 * The lvm2 releases a distribution line shipped, for a target that names a distribution (the
 * kickstart spellings: RHEL7, CentOS7, Rocky9, OL8, F40 ...) rather than an lvm2 version: a
 * repository of RHEL 7 hosts checked with `--target RHEL7` holds RHEL 7's lvm.conf files too.
 * From the "Generated by LVM2 version ... -RHELn" lines of real backups and the distributions'
 * packages: RHEL 6 ended at 2.02.143, RHEL 7 ran 2.02.105 (7.0) to 2.02.187 (7.9), RHEL 8 2.03.2
 * (8.0) to 2.03.14 (8.6 on), RHEL 9 starts at 2.03.14 and still moves; Fedora went to 2.03 with
 * Fedora 30. Lines still updated end at the newest release the table knows.
 */
export interface DistroLvm2 {
  label: string;
  low: string;
  high: string;
  /** The span as a person says it: "lvm2 2.02.105 to 2.02.187", "lvm2 2.03.14 or later". */
  span: string;
}
export function distroLvm2(raw: string): DistroLvm2 | undefined {
  const d = distroRelease(raw);
  // The releases the kickstart tables know too: RHEL 6 to 11, Fedora 17 on (rawhide: the newest).
  if (!d || (d.family === 'rhel' && (d.major! < OLDEST_RHEL || d.major! > NEWEST_RHEL + 1)) || (d.family === 'fedora' && d.major !== undefined && d.major < OLDEST_FEDORA)) return undefined;
  const n = d.major ?? Infinity;
  const newest = newestLvm2();
  const label = d.family === 'rhel' ? `RHEL ${n}` : d.major === undefined ? 'Fedora rawhide' : `Fedora ${n}`;
  const range = (low: string, high: string, span: string): DistroLvm2 => ({ label, low, high, span });
  if (d.family === 'rhel') {
    if (n <= 6) return range(PRE_TABLE_LVM2, '2.02.143', 'lvm2 up to 2.02.143');
    if (n === 7) return range('2.02.105', '2.02.187', 'lvm2 2.02.105 to 2.02.187');
    if (n === 8) return range('2.03.2', '2.03.14', 'lvm2 2.03.2 to 2.03.14');
    return range('2.03.14', newest, 'lvm2 2.03.14 or later');
  }
  return n < 30 ? range(PRE_TABLE_LVM2, '2.02.188', 'an lvm2 2.02 release') : range('2.03.2', newest, 'an lvm2 2.03 release');
}

export function chooseLvmRelease(paths: Iterable<string>, explicit?: string): ReleaseChoice {
  if (explicit && isLvm2Version(explicit)) return { release: explicit, reason: 'chosen explicitly (--target or blockwise.lvm.target)', source: 'explicit' };
  // A distribution's name: its lvm2 releases bound the choice the file's settings make.
  const line = explicit ? distroLvm2(explicit) : undefined;
  const known: string[] = [];
  for (const p of new Set(paths)) if (doc().settings[p]) known.push(p);
  const deprecatedIn = (p: string, r: string) => {
    const d = doc().settings[p].deprecatedSince;
    return d !== undefined && compareVersions(d, r) <= 0;
  };
  const profiles = known.map(profileOf);
  let best: string | undefined;
  let bestCount = Infinity;
  for (let i = 0; i < candidates().length; i++) {
    if (line && (compareVersions(candidates()[i], line.low) < 0 || compareVersions(candidates()[i], line.high) > 0)) continue;
    let n = 0;
    let all = true;
    for (const pr of profiles) {
      if (!pr.present[i]) {
        all = false;
        break;
      }
      if (i >= pr.deprecatedFrom) n++;
    }
    if (all && n <= bestCount) {
      best = candidates()[i];
      bestCount = n;
    }
  }
  if (line) {
    const span = `${line.label} (the target ${JSON.stringify(explicit)}) ships ${line.span}`;
    if (best === undefined) return { release: line.high, reason: `${span}; no single one of them knows every setting of the file, so its newest`, source: 'evidence' };
    if (best === line.high) return { release: best, reason: `${span}; nothing in the file points at an older one`, source: 'evidence' };
    return { release: best, reason: `${span}; the file's settings point at ${best} (fewest of them deprecated)`, source: 'evidence' };
  }
  if (best === undefined) return { release: newestLvm2(), reason: 'default (current lvm2): no single release knows every setting of the file', source: 'default' };
  if (best === newestLvm2()) return { release: newestLvm2(), reason: 'default (current lvm2): nothing in the file points at an older release', source: 'default' };
  // The evidence: settings live in the chosen release that the newest deprecates or dropped.
  const evidence = known.filter((p) => !deprecatedIn(p, best!) && (deprecatedIn(p, newestLvm2()) || !settingAt(p, newestLvm2())!.present));
  const names = evidence.slice(0, 3).join(', ') + (evidence.length > 3 ? ` and ${evidence.length - 3} more` : '');
  return { release: best, reason: `inferred from ${names || 'its settings'} (live in lvm2 ${best}, deprecated or gone later)`, source: 'evidence' };
}
