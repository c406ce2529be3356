// Which release a kickstart is checked against, and why. Precedence: an explicit choice
// (`--target`, blockwise.kickstart.target) > the file's own `#version=` line > evidence in the
// file > the default. `#version=DEVEL` is not a release: Anaconda writes it into every
// anaconda-ks.cfg of the release it ships with (RHEL 7 did), so it means "unknown, newer than what
// wrote it" and is resolved by evidence, like a file without the line.
//
// Evidence: every command, option and section written counts against the releases whose
// pykickstart rejects it (absent, removed: an error) or deprecates it (a warning); the release with
// the fewest (errors first) wins, ties going to the preferred release (the default for a file
// without the line, the newest for DEVEL). Pure: a model in, a choice out.
// The file's commands are counted by evidence.ts; this module reads only the tables.
import { resolveTarget, tableLabel, type TableKey, type Target } from './versions';

export interface KsReleaseChoice {
  /** The table checked against, e.g. RHEL7. */
  release: Target;
  /** One line: why this release (shown with findings, in the CLI, JSON and hover). */
  reason: string;
  source: 'explicit' | 'header' | 'evidence' | 'default';
}

/** Newest first, as evidence considers them for `#version=DEVEL` (pykickstart's DEVEL is the current Fedora). */
const DEVEL_ORDER: TableKey[] = ['F45', 'RHEL10', 'RHEL9', 'RHEL8', 'RHEL7', 'RHEL6'];
/** For a file without the line: the default first, then newest first (RHEL 11 is not released). */
const NO_HEADER_ORDER: TableKey[] = ['RHEL9', 'RHEL10', 'RHEL8', 'RHEL7', 'RHEL6', 'F45'];

const TARGET_OF: Record<TableKey, string> = { RHEL6: 'rhel6', RHEL7: 'rhel7', RHEL8: 'rhel8', RHEL9: 'rhel9', RHEL10: 'rhel10', RHEL11: 'rhel11', F45: 'f45' };

export function targetOfTable(t: TableKey): Target {
  return resolveTarget(TARGET_OF[t])!;
}

/** Does the installer of this release reject %anaconda (Anaconda removed it in 36.12; RHEL 9 kept it)? */
export function anacondaSectionRemoved(t: Target): boolean {
  return t.number >= 36000 && t.table !== 'RHEL9';
}

/** Per release: errors (rejected) and warnings (deprecated) the file's version-dependent words would get. */
export interface Evidence {
  errors: Record<TableKey, number>;
  warnings: Record<TableKey, number>;
  /** For each release, the first word it rejects (for the reason line). */
  firstRejected: Partial<Record<TableKey, string>>;
}

/** The release the evidence points to among `order` (preferred first), with a reason. */
export function releaseFromEvidence(ev: Evidence, order: TableKey[]): { table: TableKey; why: string } {
  let best = order[0];
  for (const k of order) {
    if (ev.errors[k] < ev.errors[best] || (ev.errors[k] === ev.errors[best] && ev.warnings[k] < ev.warnings[best])) best = k;
  }
  const first = order[0];
  if (best === first) {
    return { table: best, why: ev.errors[best] === 0 ? 'every command and option in the file exists there' : 'no release accepts every command in the file' };
  }
  const rejected = ev.firstRejected[first];
  return {
    table: best,
    why: rejected
      ? `${rejected} is not accepted by ${tableLabel(first)}${ev.errors[best] === 0 ? `; ${tableLabel(best)} is the newest release that accepts all its commands and options` : `; ${tableLabel(best)} rejects the fewest lines`}`
      : `${tableLabel(best)} is the newest release where nothing in the file is deprecated`,
  };
}

/**
 * Pick the release for a kickstart. `build(table)` makes the model for a table (cached by the
 * caller); the model of the provisional table is reused when evidence confirms it.
 */
export function chooseKickstartRelease(
  versionValue: string | undefined,
  explicit: string | undefined,
  evidenceOf: (t: Target) => Evidence,
): KsReleaseChoice {
  const fromExplicit = resolveTarget(explicit);
  if (fromExplicit) {
    return { release: fromExplicit, source: 'explicit', reason: `set by the target setting/--target (${explicit!.trim()})` };
  }
  const isDevel = versionValue !== undefined && /^\s*devel\s*$/i.test(versionValue);
  const fromHeader = !isDevel ? resolveTarget(versionValue) : undefined;
  if (fromHeader) return { release: fromHeader, source: 'header', reason: `#version=${versionValue!.trim()}` };
  const order = isDevel ? DEVEL_ORDER : NO_HEADER_ORDER;
  const first = targetOfTable(order[0]);
  const ev = evidenceOf(first);
  const pick = releaseFromEvidence(ev, order);
  const release = targetOfTable(pick.table);
  if (isDevel) return { release, source: 'evidence', reason: `#version=DEVEL (a release newer than what wrote it); ${pick.why}` };
  if (pick.table === order[0]) return { release, source: 'default', reason: `no #version= line; the default ${tableLabel(pick.table)} (${pick.why})` };
  return { release, source: 'evidence', reason: `no #version= line; ${pick.why}` };
}
