// Which release a kickstart is checked against, and why: one resolver for the CLI, the language
// server and the hosts view. Evidence is weighed strongest first:
//   1. an explicit choice (`--target`, the editor setting, the repository config's per-path target);
//   2. the file's `#version=` line, distribution spellings included (OL8, Rocky9, centos-stream-9);
//      `#version=DEVEL` is not a release (Anaconda writes it into every anaconda-ks.cfg), so it
//      is resolved like a file without the line;
//   3. clues in the text and path (clues.ts), tier by tier: distribution and release in URLs,
//      refs, %packages and comments; the Anaconda that wrote the file; the family (Fedora-only or
//      RHEL-only commands, Btrfs storage that RHEL 8 and later refuse); the file and folder names.
//      Within a tier the clues add up per release; a weaker tier only narrows what the stronger
//      ones leave open, and one that contradicts them is passed over.
//   4. syntax acceptance (evidence.ts): when the clues leave several releases open, the ones that
//      reject the fewest lines; ties go to the newest. It never leaves the clues' releases, so it
//      never moves a file older than its evidence.
//   5. no evidence at all: the newest RHEL, with a reason that says so and how to choose.
// Pure: text-level clues and an acceptance callback in, a choice out; reads only the tables.
import { CLUE_TIERS, familyTables, type ClueTier, type ReleaseClue } from './clues';
import { NEWEST_RHEL, ksTables, rebuildName, resolveTarget, tableLabel, targetOf, type TableKey, type Target } from './versions';

export type { ReleaseClue } from './clues';

export interface KsReleaseChoice {
  /** The table checked against, e.g. RHEL7. */
  release: Target;
  /** One line: why this release (shown with findings, in the CLI, JSON and hover). */
  reason: string;
  source: 'explicit' | 'header' | 'evidence' | 'default';
  /** The clues that decided it (strongest tier first), for tools and tests. */
  clues?: ReleaseClue[];
}

/** Per release: errors (rejected) and warnings (deprecated) the file's version-dependent words would get. */
export interface Evidence {
  errors: Record<TableKey, number>;
  warnings: Record<TableKey, number>;
  /** For each release, the first word it rejects (for the reason line). */
  firstRejected: Partial<Record<TableKey, string>>;
  /** For each release, the releases whose pykickstart rejects that first word too (a command's or option's own verdicts). */
  firstRejectedBy?: Partial<Record<TableKey, TableKey[]>>;
  /** The file puts storage on Btrfs (RHEL 8 and later refuse it). */
  btrfs?: string;
}

export interface KsReleaseInput {
  /** An explicit choice: `--target`, the editor setting, or a repository config's per-path target. */
  explicit?: string;
  /** Where the explicit choice comes from, for the reason line (default: "the target setting/--target"). */
  explicitFrom?: string;
  /** The value of the file's `#version=` line, when it has one. */
  versionLine?: string;
  /** Clues from the text and path (clues.ts), plus any a caller adds (a template branch's conditions). */
  clues: ReleaseClue[];
  /** What each release's pykickstart rejects and deprecates in the file; asked only when the clues leave several releases open. */
  acceptance?: (t: Target) => Evidence;
}

export function targetOfTable(t: TableKey): Target {
  return targetOf(t);
}

/** Does the installer of this release reject %anaconda (Anaconda removed it in 36.12; RHEL 9 kept it)? */
export function anacondaSectionRemoved(t: Target): boolean {
  return t.number >= 36000 && t.table !== 'RHEL9';
}

/** The releases evidence may choose from: the released RHELs and every Fedora with a table. */
function released(): TableKey[] {
  return (ksTables().targets as TableKey[]).filter((t) => t !== 'RHEL11');
}

const DEFAULT_TABLE = `RHEL${NEWEST_RHEL}` as TableKey;

/** Newest first by pykickstart's version number; among equals, the default family (RHEL) first. */
function newest(cands: TableKey[]): TableKey {
  const num = ksTables().versionNumbers;
  if (cands.includes(DEFAULT_TABLE)) return DEFAULT_TABLE;
  return cands.reduce((a, b) => ((num[b] ?? 0) > (num[a] ?? 0) ? b : a));
}

const HOW_TO_CHOOSE = 'add a #version= line (e.g. #version=RHEL8) or set the target (--target, blockwise.kickstart.target)';

/** Narrow `cands` by one tier's clues: the releases the most weight points to (none: unchanged). */
function narrow(cands: TableKey[], clues: ReleaseClue[]): { cands: TableKey[]; used: ReleaseClue[] } {
  if (!clues.length) return { cands, used: [] };
  const score = new Map<TableKey, number>();
  for (const c of clues) for (const r of c.releases) if (cands.includes(r)) score.set(r, (score.get(r) ?? 0) + c.weight);
  let best = 0;
  for (const v of score.values()) best = Math.max(best, v);
  if (best === 0) return { cands, used: [] }; // every clue of this tier contradicts stronger ones
  const next = cands.filter((r) => score.get(r) === best);
  return { cands: next, used: clues.filter((c) => c.releases.some((r) => next.includes(r))) };
}

/** Family clues from syntax: words only one family's pykickstart accepts, Btrfs storage. */
function syntaxFamilyClues(ev: Evidence): ReleaseClue[] {
  const out: ReleaseClue[] = [];
  const min = (ks: TableKey[]) => Math.min(...ks.map((k) => ev.errors[k] ?? 0));
  const rhel = familyTables('rhel');
  const fed = familyTables('fedora');
  const r = min(rhel);
  const f = min(fed);
  // What the losing family rejects: one word when each of its releases' pykickstart rejects it, else that no
  // release of it accepts every line, and what the newest of its best ones rejects.
  const why = (ks: TableKey[], least: number, name: string, other: string): string => {
    const best = ks.filter((k) => ev.errors[k] === least);
    const at = newest(best);
    const what = ev.firstRejected[at];
    const by = ev.firstRejectedBy?.[at];
    if (what && by && ks.every((k) => by.includes(k))) return `no ${name} accepts ${what} (${other} does)`;
    return `no ${name} accepts every line (${tableLabel(at)} rejects ${what ?? 'some'}; ${other} accepts them all)`;
  };
  if (f < r) out.push({ tier: 'family', releases: fed, what: why(rhel, r, 'RHEL', 'Fedora'), weight: 1 });
  else if (r < f) out.push({ tier: 'family', releases: rhel, what: why(fed, f, 'Fedora', 'RHEL'), weight: 1 });
  if (ev.btrfs) {
    out.push({ tier: 'family', releases: [...fed, 'RHEL6', 'RHEL7'], what: `${ev.btrfs} (RHEL 8 and later refuse Btrfs)`, weight: 1 });
  }
  return out;
}

function describe(used: ReleaseClue[]): string {
  const parts: string[] = [];
  for (const c of used) {
    const s = `${c.what}${c.line !== undefined ? ` (line ${c.line + 1})` : ''}`;
    if (!parts.includes(s)) parts.push(s);
    if (parts.length === 2) break;
  }
  const more = used.length > parts.length ? ` and ${used.length - parts.length} more` : '';
  return parts.join('; ') + more;
}

/** Pick the release for a kickstart (see the top of this file). */
export function resolveKickstartRelease(input: KsReleaseInput): KsReleaseChoice {
  const fromExplicit = resolveTarget(input.explicit);
  if (fromExplicit) {
    return { release: fromExplicit, source: 'explicit', reason: `set by ${input.explicitFrom ?? 'the target setting/--target'} (${input.explicit!.trim()})` };
  }
  const v = input.versionLine?.trim();
  const isDevel = v !== undefined && /^devel$/i.test(v);
  const fromHeader = !isDevel ? resolveTarget(v) : undefined;
  if (fromHeader) {
    const rebuild = rebuildName(v!);
    return { release: fromHeader, source: 'header', reason: `#version=${v}${rebuild ? ` (${rebuild}: ${fromHeader.label}'s kickstart)` : ''}` };
  }
  const lead = isDevel ? '#version=DEVEL names no release; ' : v ? `#version=${v} is not a release Blockwise knows; ` : '';

  // Tier by tier, strongest first.
  let cands = released();
  const used: ReleaseClue[] = [];
  const byTier = (tier: ClueTier) => input.clues.filter((c) => c.tier === tier);
  let ev: Evidence | undefined;
  const acceptance = (): Evidence | undefined => {
    if (!ev && input.acceptance) ev = input.acceptance(targetOf(newest(cands)));
    return ev;
  };
  for (const tier of CLUE_TIERS) {
    if (cands.length === 1) break;
    let clues = byTier(tier);
    if (tier === 'family') {
      const e = acceptance();
      if (e) clues = [...clues, ...syntaxFamilyClues(e)];
    }
    const r = narrow(cands, clues);
    cands = r.cands;
    used.push(...r.used);
  }

  if (!used.length) {
    const release = targetOf(DEFAULT_TABLE);
    return {
      release,
      source: 'default',
      reason: `${lead}no release evidence in the file (no #version= line, install URL, release package or name): checked as ${release.label}, the newest; ${HOW_TO_CHOOSE}`,
    };
  }
  let table = cands[0];
  let how = '';
  if (cands.length > 1) {
    // Syntax acceptance narrows what the evidence leaves open: the fewest rejected lines, then the newest.
    const e = acceptance();
    let pick = cands;
    if (e) {
      const least = Math.min(...cands.map((k) => e.errors[k] ?? 0));
      pick = cands.filter((k) => (e.errors[k] ?? 0) === least);
    }
    table = newest(pick);
    const newestOpen = newest(cands);
    how =
      table === newestOpen
        ? `; the newest of ${cands.length} releases it leaves open`
        : `; ${tableLabel(newestOpen)} rejects ${e?.firstRejected[newestOpen] ?? 'lines of it'}, ${tableLabel(table)} is the newest of them that accepts the most`;
  }
  const release = targetOf(table);
  return { release, source: 'evidence', reason: `${lead}${describe(used)}${how}`, clues: used };
}
