// lvm.conf settings across lvm2 releases (releases.json, generated from lvm2's own
// config_settings.h at every tag by scripts/gen-lvm-releases.mjs), and the release a file is
// checked as: an explicit target wins; otherwise the settings the file holds narrow the releases
// where all of them are live (present and not deprecated), and the newest of those is chosen.
import releasesJson from './releases.json';
import { compareVersions } from './schema';
import type { ReleaseChoice } from '../core/release';

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
}
interface ReleasesDoc {
  provenance: { first: { tag: string }; last: { tag: string } };
  releases: string[];
  settings: Record<string, SettingHistory>;
  sections: Record<string, SectionHistory>;
}

const doc = releasesJson as unknown as ReleasesDoc;
/** The releases the table covers, oldest first. */
export const LVM2_RELEASES: readonly string[] = doc.releases;
export const NEWEST_LVM2 = doc.releases[doc.releases.length - 1];
const FIRST = doc.releases[0];

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
  const h = doc.settings[path];
  if (!h) return undefined;
  if (compareVersions(release, FIRST) < 0) {
    // Before lvm2 declared its settings in one table: the setting's own `since`.
    const present = h.since !== undefined && compareVersions(h.since, release) <= 0 && at(h.present, FIRST) === true;
    return { present, type: at(h.type, FIRST) };
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

/** Whether a section exists and is not deprecated in `release`; undefined when the table does not know it. */
export function sectionAt(path: string, release: string): { present: boolean; deprecatedSince?: string } | undefined {
  const h = doc.sections[path];
  if (!h) return undefined;
  if (compareVersions(release, FIRST) < 0) return { present: h.since !== undefined && compareVersions(h.since, release) <= 0 };
  return { present: at(h.present, release) === true, deprecatedSince: h.deprecatedSince && compareVersions(h.deprecatedSince, release) <= 0 ? h.deprecatedSince : undefined };
}

export type { ReleaseChoice } from '../core/release';

/**
 * The release a file is checked as. `paths` are the schema paths of the settings the file sets.
 * Without an explicit choice: the newest release in which every known setting of the file is
 * present and not deprecated, when that is older than the newest (the file carries settings that
 * newer lvm2 deprecated or dropped); otherwise the default (current lvm2).
 */
export function chooseLvmRelease(paths: Iterable<string>, explicit?: string): ReleaseChoice {
  if (explicit) return { release: explicit, reason: 'chosen explicitly (--target or blockwise.lvm.target)', source: 'explicit' };
  const evidence: string[] = [];
  let newestLive: string | undefined = NEWEST_LVM2;
  const seen = new Set<string>();
  for (const p of paths) {
    if (seen.has(p)) continue;
    seen.add(p);
    const h = doc.settings[p];
    // Settings the table does not know, or that every release in it deprecates, say nothing of the era.
    if (!h || (h.deprecatedSince && compareVersions(h.deprecatedSince, FIRST) <= 0)) continue;
    // The newest release where this setting is present and not deprecated.
    let live: string | undefined;
    for (let i = doc.releases.length - 1; i >= 0; i--) {
      const r = doc.releases[i];
      const s = settingAt(p, r)!;
      if (s.present && !s.deprecatedSince) {
        live = r;
        break;
      }
    }
    if (live === undefined) continue;
    if (compareVersions(live, NEWEST_LVM2) < 0) evidence.push(p);
    if (compareVersions(live, newestLive!) < 0) newestLive = live;
  }
  if (!evidence.length || newestLive === NEWEST_LVM2) return { release: NEWEST_LVM2, reason: 'default (current lvm2): nothing in the file points at an older release', source: 'default' };
  // Every setting the file holds must still exist there (a file can mix eras; then no inference).
  for (const p of seen) {
    const s = settingAt(p, newestLive!);
    if (s && !s.present) return { release: NEWEST_LVM2, reason: `default (current lvm2): ${evidence[0]} points at lvm2 ${newestLive} or older, but ${p} is newer`, source: 'default' };
  }
  const names = evidence.slice(0, 3).join(', ') + (evidence.length > 3 ? ` and ${evidence.length - 3} more` : '');
  return { release: newestLive!, reason: `inferred from ${names} (live up to lvm2 ${newestLive}, deprecated or gone later)`, source: 'evidence' };
}
