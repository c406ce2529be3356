// Release evidence from a read kickstart: for every release, how many of the file's commands,
// options, sections and Btrfs storage lines its pykickstart rejects or deprecates. release.ts
// weighs the counts; this module only counts. Pure: the model's commands and the tables in.
import type { KickstartModelExt } from './ast';
import { OPT_UNKNOWN, usesBtrfs } from './ast';
import { anacondaSectionRemoved, targetOfTable, type Evidence } from './release';
import { commandSpec, ksTables, refusesBtrfs, sectionSpec, unavailableOption, type TableKey } from './versions';

export type { Evidence } from './release';

/** %packages spellings RHEL 9 warns about (rules/version.ts says so; RHEL 10 drops them). */
const RHEL9_RESPELLED = new Set(['instLangs', 'excludeWeakdeps']);

/**
 * Count, for every release, what in the file that release rejects or deprecates. One pass over
 * the commands and their option rows; option strings the model could not resolve for the table
 * it was built with are looked up in the others.
 */
export function kickstartEvidence(model: KickstartModelExt): Evidence {
  const keys = (ksTables().targets as TableKey[]).filter((k) => k !== 'RHEL11'); // not released
  let btrfs: string | undefined;
  const errors = {} as Record<TableKey, number>;
  const warnings = {} as Record<TableKey, number>;
  const firstRejected: Partial<Record<TableKey, string>> = {};
  for (const k of keys) errors[k] = warnings[k] = 0;
  const reject = (k: TableKey, what: string) => {
    errors[k]++;
    if (firstRejected[k] === undefined) firstRejected[k] = what;
  };
  const t = model.optionTable;
  for (const c of model.commands) {
    const found = commandSpec(c.written);
    if (!found) continue;
    const st = found.spec.status;
    for (const k of keys) {
      const s = st[k];
      if (s === 'absent' || s === 'removed') reject(k, c.written);
      else if (s === 'deprecated') warnings[k]++;
    }
    for (let j = c.optFirst; j < c.optEnd; j++) {
      const key = t.key[j];
      const spec = key.spec;
      if (!spec || t.flags[j] & OPT_UNKNOWN) {
        // Not resolved for the model's table: an option string some release has, written in
        // full (a prefix or a typo no release knows is not evidence of a release).
        const written = key.written;
        const known = unavailableOption(found.spec.options, written);
        if (!known) continue;
        for (const k of keys) {
          const s = st[k];
          if (s !== 'active') continue; // counted with the command
          const os = known.spec.status[k];
          if (os === undefined || os === 'absent') reject(k, `${c.written} ${written}`);
          else if (os.startsWith('deprecated')) warnings[k]++;
        }
        continue;
      }
      for (const k of keys) {
        const cs = st[k];
        if (cs !== 'active') continue; // a deprecated/removed command's options follow the command
        const s = spec.status[k];
        if (s === undefined || s === 'absent') reject(k, `${c.written} --${key.name}`);
        else if (s.startsWith('deprecated')) warnings[k]++;
      }
    }
  }
  // Btrfs storage: a file that uses it was not written for the releases that refuse it.
  for (const c of model.commands) {
    if (!usesBtrfs(c)) continue;
    btrfs ??= `${c.written} on Btrfs (line ${c.line + 1})`;
    for (const k of keys) if (refusesBtrfs(c.name, k)) reject(k, `${c.written} on Btrfs`);
  }
  for (const s of model.sections) {
    if (s.kind === 'anaconda') {
      for (const k of keys) {
        if (anacondaSectionRemoved(targetOfTable(k))) reject(k, '%anaconda');
        else if (k === 'RHEL9') warnings[k]++;
      }
    }
    const spec = sectionSpec(s.header.written);
    if (!spec) continue;
    for (const o of s.header.options) {
      if (o.known !== false) {
        const os = spec.options[`--${o.name}`];
        if (!os) continue;
        for (const k of keys) {
          const st = os.status[k];
          if (st === undefined || st === 'absent') reject(k, `${s.header.written} --${o.name}`);
          else if (st.startsWith('deprecated') || (k === 'RHEL9' && RHEL9_RESPELLED.has(o.name))) warnings[k]++;
        }
      } else {
        const known = unavailableOption(spec.options, o.written);
        if (!known) continue;
        for (const k of keys) {
          const st = known.spec.status[k];
          if (st === undefined || st === 'absent') reject(k, `${s.header.written} ${o.written}`);
          else if (st.startsWith('deprecated')) warnings[k]++;
        }
      }
    }
  }
  return { errors, warnings, firstRejected, btrfs };
}
