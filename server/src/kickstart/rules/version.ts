// Kickstart version rules: commands, options and sections that the target release deprecated,
// removed or does not have yet, and a `#version=` line Blockwise does not know.
import type { ParsedDocument } from '../../core/document';
import { defineRules } from '../../core/rules';
import type { AnalysisOptions, Finding } from '../../core/types';
import { OPT_UNKNOWN, type KickstartModelExt, type KsCommand } from '../model';
import { anacondaSectionRemoved } from '../release';
import { commandSpec, releaseSpan, resolveTarget, sectionSpec, ksTables, versionLabel, type CommandSpec, type OptionMatch, type OptionSpec, type TableKey } from '../versions';

defineRules([
  { code: 'removed-option', languages: ['kickstart'], severity: 'error', title: 'An option the target release removed.', why: 'pykickstart for that release rejects it as an unrecognized argument.', fix: 'Remove the option, or use its replacement (see the message).' },
  { code: 'removed-command', languages: ['kickstart'], severity: 'error', title: 'A command the target release removed.', why: 'pykickstart reports "<command> has been removed" and the installer stops.', fix: 'Remove the command or use its replacement.' },
  { code: 'deprecated-command', languages: ['kickstart'], severity: 'warning', title: 'A command the target release deprecated.', why: 'The installer only logs a warning today (ksvalidator fails the file), and a later release removes it.', fix: 'Use the replacement the message names.' },
  { code: 'deprecated-option', languages: ['kickstart'], severity: 'warning', title: 'An option the target release deprecated.', why: 'It still works but is logged, fails ksvalidator, and goes away in a later release.', fix: 'Remove it or use the replacement.' },
  { code: 'deprecated-section', languages: ['kickstart'], severity: 'warning', title: 'A section the target release deprecated (%traceback).', why: 'It still runs but is logged as deprecated and fails ksvalidator.', fix: 'Use %onerror instead of %traceback.' },
  { code: 'removed-section', languages: ['kickstart'], severity: 'error', title: 'A section the target installer no longer accepts (%anaconda).', why: 'pykickstart still reads it, but Anaconda removed it in 2021 and stops on it.', fix: 'Remove the section.' },
  { code: 'target-overrides-version', languages: ['kickstart'], severity: 'info', title: 'The target setting or --target checks the file as another release than its #version= line.', why: 'An explicit choice wins over the line, so findings follow the chosen release; the file may have been written for another one.', fix: 'Fix the #version= line or the target, whichever is wrong.' },
  { code: 'version-unsupported', languages: ['kickstart'], severity: 'error', title: 'A command or option not available on the target release, or a target Blockwise does not know.', why: 'pykickstart for that release does not have it and rejects the line.', fix: 'Remove it, or set the right target (#version= line or the blockwise.kickstart.target setting).' },
]);

/** The spelling pykickstart prefers for an option it warns about (the fix offered). */
const PREFERRED: Record<string, string> = { '--instLangs': '--inst-langs', '--excludeWeakdeps': '--exclude-weakdeps', '--isUtc': '--utc' };
/** What replaces an option pykickstart warns about, in our words. */
const OPTION_REPLACEMENTS: Record<string, string> = { '--ntpservers': 'a timesource --ntp-server line per server', '--nontp': 'timesource --ntp-disable' };

/** Does pykickstart for `table` warn, while parsing, about this spelling of the option (timezone --isUtc on RHEL 9)? */
function warnsAtParse(spec: OptionSpec | undefined, spelling: string, table: TableKey): boolean {
  return !!spec?.warnsAtParse?.[spelling]?.includes(table);
}

const REPLACEMENTS: Record<string, string> = {
  auth: 'authselect',
  authconfig: 'authselect',
  install: 'nothing (installing is the default)',
  method: 'url, nfs, cdrom or harddrive',
  device: 'nothing (drivers load automatically)',
  deviceprobe: 'nothing',
  dmraid: 'nothing (firmware RAID is detected automatically)',
  multipath: 'nothing (multipath is detected automatically)',
  btrfs: 'LVM or plain partitions (Btrfs is not supported on RHEL)',
  vnc: 'rdp',
  autostep: 'nothing',
  module: 'nothing (modularity is gone)',
};

export function versionRuleFindings(model: KickstartModelExt, doc: ParsedDocument, options: AnalysisOptions): Finding[] {
  const out: Finding[] = [];
  const table = model.resolved.table;
  const label = model.resolved.label;

  if (model.versionLine && !model.versionLine.known) {
    out.push({
      code: 'version-unsupported',
      severity: 'warning',
      range: model.versionLine.range,
      message: `Blockwise does not know the target ${JSON.stringify(model.versionLine.value)}; checking against ${label} instead. Known: RHEL6 to RHEL11 (also as OL8, Rocky9, Alma9, CentOS7, centos-stream-9...), F17 to F45, DEVEL.`,
    });
  }
  if (!model.versionLine && options.target && !resolveTarget(options.target)) {
    out.push({
      code: 'version-unsupported',
      severity: 'warning',
      range: doc.lines.lineRange(0),
      message: `The target setting ${JSON.stringify(options.target)} is not one Blockwise knows; checking against ${label} instead.`,
    });
  }

  // An explicit target that the file's own #version= line contradicts.
  if (model.release.source === 'explicit' && model.versionLine?.known) {
    const own = resolveTarget(model.versionLine.value)!;
    if (own.table !== table) {
      out.push({
        code: 'target-overrides-version',
        severity: 'info',
        range: model.versionLine.range,
        message: `The file says ${model.versionLine.value.trim()} (${own.label}), but the target setting checks it as ${label}; findings below are for ${label}.`,
      });
    }
  }

  for (const c of model.commands) {
    const found = commandSpec(c.written);
    if (!found) continue;
    const st = found.spec.status[table];
    if (st !== 'active') commandStatus(c, found.name, found.spec, st, table, label, out);
    else if (found.spec.warnsAtParse?.includes(table)) {
      // An active command whose handler warns when it is written (auth/authconfig on RHEL 8 and 9).
      const repl = REPLACEMENTS[found.name] ?? REPLACEMENTS[c.written];
      out.push({
        code: 'deprecated-command',
        severity: 'warning',
        range: c.nameRange,
        message: `${c.written} is marked for deprecation in ${label}: pykickstart warns about it and ksvalidator fails the file.${repl ? ` Use ${repl}.` : ''}`,
      });
    }
    if (st !== 'active' && st !== 'deprecated') continue;
    const t = c.optionTable;
    // pykickstart's handler stops at its first parse-time warning on a line (ksvalidator makes it an error): one a line.
    let warned = st === 'active' && !!found.spec.warnsAtParse?.includes(table);
    for (let j = c.optFirst; j < c.optEnd; j++) {
      if (t.flags[j] & OPT_UNKNOWN) continue;
      const s = t.key[j].spec ?? found.spec.options[`--${t.key[j].name}`];
      const ost = s?.status[table] ?? '';
      if (ost.startsWith('deprecated')) {
        out.push({
          code: 'deprecated-option',
          severity: 'warning',
          range: t.range(j),
          message: `${c.written} --${t.key[j].name} is deprecated in ${label} (since ${versionLabel(ost.split(':')[1])}); the installer ignores or logs it and ksvalidator fails the file.`,
        });
      } else {
        const spelling = (t.key[j] as OptionMatch).matched ?? t.key[j].written;
        if (!warned && warnsAtParse(s, spelling, table)) {
          out.push(parseWarning(`${c.written} ${spelling}`, spelling, label, t.range(j), t.key[j].written.length));
          warned = true;
        }
      }
    }
  }

  for (const s of model.sections) {
    const spec = sectionSpec(s.header.written);
    if (!spec) continue;
    if (spec.deprecated) {
      const since = table.startsWith('RHEL') ? spec.deprecated.rhel : spec.deprecated.fedora;
      const sinceNum = since ? versionNumber(since) : undefined;
      if (sinceNum !== undefined && model.resolved.number >= sinceNum) {
        out.push({
          code: 'deprecated-section',
          severity: 'warning',
          range: s.header.nameRange,
          message: `${s.header.written} is deprecated since ${versionLabel(since)}; use %onerror, which runs in the same situation.`,
          fixes: s.header.written === '%traceback' ? [{ title: 'Change to %onerror', edits: [{ range: s.header.nameRange, newText: '%onerror' }], preferred: true }] : undefined,
        });
      }
    }
    if (s.kind === 'anaconda' && model.resolved.number >= ksTables().versionNumbers.RHEL9) {
      // pykickstart accepts it on every release; Anaconda >= 36.12 (RHEL 10, current Fedora)
      // rejects it, RHEL 9's Anaconda deprecated it, RHEL 8 and older read it.
      const rejects = anacondaSectionRemoved(model.resolved);
      out.push({
        code: rejects ? 'removed-section' : 'deprecated-section',
        severity: rejects ? 'error' : 'warning',
        range: s.header.nameRange,
        message: rejects
          ? `%anaconda is no longer accepted by the ${label} installer (removed from Anaconda in 2021); remove the section.`
          : `%anaconda is deprecated in ${label} and removed from newer Anaconda releases; this file will not install on RHEL 10 or current Fedora.`,
      });
    }
    // Section options that are deprecated for the target (%packages --instLangs ...).
    for (const o of s.header.options) {
      if (o.known === false) continue;
      const os = spec.options[`--${o.name}`];
      const st = os?.status[table] ?? '';
      const hyphenated = PREFERRED[o.written];
      if (st.startsWith('deprecated')) {
        out.push({
          code: 'deprecated-option',
          severity: 'warning',
          range: o.range,
          message: `${s.header.written} --${o.name} is deprecated in ${label}${hyphenated ? `; write ${hyphenated}` : ''}.`,
          fixes: hyphenated ? [{ title: `Change to ${hyphenated}`, edits: [{ range: { start: o.range.start, end: { line: o.range.start.line, character: o.range.start.character + o.written.length } }, newText: hyphenated }], preferred: true }] : undefined,
        });
      } else if (warnsAtParse(os, o.written, table)) {
        out.push(parseWarning(`${s.header.written} ${o.written}`, o.written, label, o.range, o.written.length));
      }
    }
  }
  return out;
}

/** An option spelling pykickstart warns about while parsing, with the preferred spelling as a fix when there is one. */
function parseWarning(what: string, spelling: string, label: string, range: Finding['range'], writtenLength: number): Finding {
  const preferred = PREFERRED[spelling];
  const instead = preferred ? `; write ${preferred}` : OPTION_REPLACEMENTS[spelling] ? `; use ${OPTION_REPLACEMENTS[spelling]}` : '';
  return {
    code: 'deprecated-option',
    severity: 'warning',
    range,
    message: `${what} is marked for deprecation in ${label}: pykickstart warns about it and ksvalidator fails the file${instead}.`,
    fixes: preferred
      ? [{ title: `Change to ${preferred}`, edits: [{ range: { start: range.start, end: { line: range.start.line, character: range.start.character + writtenLength } }, newText: preferred }], preferred: true }]
      : undefined,
  };
}

/** A command the target removed, deprecated or does not have. */
function commandStatus(c: KsCommand, name: string, spec: CommandSpec, st: string, table: TableKey, label: string, out: Finding[]): void {
  const repl = REPLACEMENTS[name] ?? REPLACEMENTS[c.written];
  if (st === 'removed') {
    const h = spec.history?.[table.startsWith('RHEL') ? 'rhel' : 'fedora'];
    out.push({
      code: 'removed-command',
      severity: 'error',
      range: c.nameRange,
      message: `${c.written} has been removed${h?.removedIn ? ` since ${versionLabel(h.removedIn)}` : ''}; the ${label} installer rejects it.${repl ? ` Use ${repl}.` : ''}`,
    });
  } else if (st === 'deprecated') {
    out.push({
      code: 'deprecated-command',
      severity: 'warning',
      range: c.nameRange,
      message: `${c.written} is deprecated in ${label}: the installer logs it and ksvalidator fails the file.${repl ? ` Use ${repl}.` : ''}`,
    });
  } else if (st === 'absent') {
    const where = (Object.keys(spec.status) as TableKey[]).filter((t) => ['active', 'deprecated'].includes(spec.status[t]));
    out.push({
      code: 'version-unsupported',
      severity: 'error',
      range: c.nameRange,
      message: `${c.written} is not available in ${label}${where.length ? ` (it exists in ${releaseSpan(where)})` : ''}.`,
    });
  }
}

function versionNumber(v: string): number | undefined {
  const known = ksTables().versionNumbers[v];
  if (known !== undefined) return known;
  const m = /^(?:F|FC)(\d+)$/.exec(v);
  return m ? Number(m[1]) * 1000 : undefined;
}
