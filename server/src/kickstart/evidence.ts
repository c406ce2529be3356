// Release evidence from a read kickstart: for every release, how many of the file's commands,
// options, sections and Btrfs storage lines its pykickstart rejects or deprecates. release.ts
// weighs the counts; this module only counts. Pure: the model's commands and the tables in.
import type { RendersFor } from '../core/release';
import type { KickstartModelExt } from './ast';
import { OPT_UNKNOWN, usesBtrfs } from './ast';
import { anacondaSectionRemoved, targetOfTable, type Evidence } from './release';
import { commandSpec, ksTables, refusesBtrfs, sectionSpec, unavailableOption, type TableKey } from './versions';

export type { Evidence } from './release';


/** %packages spellings RHEL 9 warns about (rules/version.ts says so; RHEL 10 drops them). */
const RHEL9_RESPELLED = new Set(['instLangs', 'excludeWeakdeps']);

/** The released tables, in the tables' order (RHEL 11 is not released), and their index. */
let KEYS: TableKey[] | undefined;
function keys(): TableKey[] {
  return (KEYS ??= (ksTables().targets as TableKey[]).filter((k) => k !== 'RHEL11'));
}

const REJECT = 2;
const DEPRECATED = 1;
/** Per status record (a command's or an option's), what each release does with it: REJECT, DEPRECATED or 0; made once. */
const VERDICTS = new WeakMap<object, Int8Array>();
function verdicts(status: Partial<Record<TableKey, string>>, command: boolean): Int8Array {
  let v = VERDICTS.get(status);
  if (!v) {
    const ks = keys();
    v = new Int8Array(ks.length);
    for (let i = 0; i < ks.length; i++) {
      const s = status[ks[i]];
      if (command) v[i] = s === 'absent' || s === 'removed' ? REJECT : s === 'deprecated' ? DEPRECATED : 0;
      else v[i] = s === undefined || s === 'absent' ? REJECT : s.startsWith('deprecated') ? DEPRECATED : 0;
    }
    VERDICTS.set(status, v);
  }
  return v;
}

/**
 * Count, for every release, what in the file that release rejects or deprecates. One pass over
 * the commands and their option rows; option strings the model could not resolve for the table
 * it was built with are looked up in the others. Each command's and option's verdicts per release
 * are made once (a small array) and added up, so the pass costs one array walk an option.
 */
export function kickstartEvidence(model: KickstartModelExt, rendersFor?: RendersFor): Evidence {
  const ks = keys();
  const n = ks.length;
  // Per line of a template's union, the releases it does not render for (only lines some branch limits).
  const skipAt = new Map<number, Uint8Array | undefined>();
  const skipOf = (line: number): Uint8Array | undefined => {
    if (!rendersFor) return undefined;
    if (skipAt.has(line)) return skipAt.get(line);
    let m: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      if (rendersFor(line, targetOfTable(ks[i]).label)) continue;
      (m ??= new Uint8Array(n))[i] = 1;
    }
    skipAt.set(line, m);
    return m;
  };
  let skip: Uint8Array | undefined;
  const err = new Int32Array(n);
  const warn = new Int32Array(n);
  const first: (string | undefined)[] = new Array<string | undefined>(n);
  // The verdicts of each release's first rejected word (which releases reject it too).
  const firstBy: (Int8Array | undefined)[] = new Array<Int8Array | undefined>(n);
  let btrfs: string | undefined;
  /** Add a verdict vector where `mask` (the command's) lets it count; `what` is made only when first needed. */
  const add = (v: Int8Array, cmd: Int8Array | undefined, what: () => string) => {
    let w: string | undefined;
    for (let i = 0; i < n; i++) {
      if (cmd && cmd[i] !== 0) continue; // a deprecated/removed command's options follow the command
      if (skip && skip[i]) continue; // a template line that does not render for this release
      const x = v[i];
      if (x === REJECT) {
        err[i]++;
        if (first[i] === undefined) {
          first[i] = w ??= what();
          firstBy[i] = v;
        }
      } else if (x === DEPRECATED) warn[i]++;
    }
  };
  const t = model.optionTable;
  for (const c of model.commands) {
    const found = commandSpec(c.written);
    if (!found) continue;
    const cv = verdicts(found.spec.status, true);
    skip = skipOf(c.line);
    add(cv, undefined, () => c.written);
    for (let j = c.optFirst; j < c.optEnd; j++) {
      const key = t.key[j];
      const spec = key.spec;
      if (!spec || t.flags[j] & OPT_UNKNOWN) {
        // Not resolved for the model's table: an option string some release has, written in
        // full (a prefix or a typo no release knows is not evidence of a release).
        const written = key.written;
        const known = unavailableOption(found.spec.options, written);
        if (known) add(verdicts(known.spec.status, false), cv, () => `${c.written} ${written}`);
        continue;
      }
      add(verdicts(spec.status, false), cv, () => `${c.written} --${key.name}`);
    }
  }
  // Btrfs storage: a file that uses it was not written for the releases that refuse it.
  for (const c of model.commands) {
    if (!usesBtrfs(c)) continue;
    btrfs ??= `${c.written} on Btrfs (line ${c.line + 1})`;
    skip = skipOf(c.line);
    for (let i = 0; i < n; i++) {
      if (!refusesBtrfs(c.name, ks[i]) || skip?.[i]) continue;
      err[i]++;
      first[i] ??= `${c.written} on Btrfs`;
    }
  }
  for (const s of model.sections) {
    skip = skipOf(s.header.nameRange.start.line);
    if (s.kind === 'anaconda') {
      for (let i = 0; i < n; i++) {
        if (skip?.[i]) continue;
        if (anacondaSectionRemoved(targetOfTable(ks[i]))) {
          err[i]++;
          first[i] ??= '%anaconda';
        } else if (ks[i] === 'RHEL9') warn[i]++;
      }
    }
    const spec = sectionSpec(s.header.written);
    if (!spec) continue;
    for (const o of s.header.options) {
      if (o.known !== false) {
        const os = spec.options[`--${o.name}`];
        if (!os) continue;
        add(verdicts(os.status, false), undefined, () => `${s.header.written} --${o.name}`);
        if (RHEL9_RESPELLED.has(o.name) && !(os.status.RHEL9 ?? '').startsWith('deprecated')) warn[ks.indexOf('RHEL9')]++;
      } else {
        const known = unavailableOption(spec.options, o.written);
        if (known) add(verdicts(known.spec.status, false), undefined, () => `${s.header.written} ${o.written}`);
      }
    }
  }
  const errors = {} as Record<TableKey, number>;
  const warnings = {} as Record<TableKey, number>;
  const firstRejected: Partial<Record<TableKey, string>> = {};
  const firstRejectedBy: Partial<Record<TableKey, TableKey[]>> = {};
  for (let i = 0; i < n; i++) {
    errors[ks[i]] = err[i];
    warnings[ks[i]] = warn[i];
    if (first[i] !== undefined) firstRejected[ks[i]] = first[i];
    const by = firstBy[i];
    if (by) firstRejectedBy[ks[i]] = ks.filter((_, j) => by[j] === REJECT);
  }
  return { errors, warnings, firstRejected, firstRejectedBy, btrfs };
}
