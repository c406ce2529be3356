// Kickstart syntax rules: what pykickstart's parser (and argparse behind each command) rejects
// or silently changes. Every error here is one pykickstart reports for the target; where
// pykickstart only warns, or where we are not sure, the finding is a warning.
import type { ParsedDocument } from '../../core/document';
import { defineRules } from '../../core/rules';
import type { AnalysisOptions, Finding, Fix, Range } from '../../core/types';
import { OPT_ABBREVIATED, OPT_UNKNOWN, optionRow, usesBtrfs, type KickstartModelExt, type KsCommand, type KsOption, type KsSection } from '../model';
import { closest, commandSpec, commandsFor, droppedCommand, refusesBtrfs, sectionSpec, tableLabel, ksTables, type CommandSpec } from '../versions';

defineRules([
  { code: 'unterminated-quote', languages: ['kickstart'], severity: 'error', title: 'A quote is not closed on its line.', why: 'pykickstart splits each line like a shell; an open quote makes it give up on the whole file ("No closing quotation"), without saying which line.', fix: 'Close the quote on the same line, or escape a literal quote with a backslash.' },
  { code: 'missing-end', languages: ['kickstart'], severity: 'error', title: 'A section is not closed with %end.', why: 'Every section must end with %end; without it the installer refuses the file.', fix: 'Add a line %end after the section body.' },
  { code: 'stray-end', languages: ['kickstart'], severity: 'error', title: '%end outside any section.', why: 'pykickstart reads it as an unknown section and stops.', fix: 'Remove the line, or open the section it was meant to close.' },
  { code: 'unknown-section', languages: ['kickstart'], severity: 'error', title: 'A %name line that is not a kickstart section.', why: 'Unknown sections are fatal in the installer.', fix: 'Use one of %pre, %pre-install, %post, %onerror, %packages, %addon, %certificate.' },
  { code: 'unknown-command', languages: ['kickstart'], severity: 'error', title: 'A command that kickstart does not have.', why: 'The installer stops at an unknown command.', fix: 'Correct the spelling (a fix is offered when the name is close to a real command) or remove the line.' },
  { code: 'unknown-option', languages: ['kickstart'], severity: 'error', title: 'An option the command does not have for the target, or an ambiguous abbreviation.', why: 'pykickstart rejects unrecognized arguments; the line is not applied.', fix: 'Correct the option name; write abbreviations out in full.' },
  { code: 'unexpected-argument', languages: ['kickstart'], severity: 'error', title: 'More plain arguments than the command takes.', why: 'Extra words are rejected ("unrecognized arguments").', fix: 'Remove the extra words, or quote a value that contains spaces.' },
  { code: 'line-continuation', languages: ['kickstart'], severity: 'error', title: 'A line ends with a backslash.', why: 'Kickstart has no line continuation: the backslash becomes an argument and the next line is read as a new command.', fix: 'Join the lines into one.' },
  { code: 'invalid-int', languages: ['kickstart'], severity: 'error', title: 'An integer option has a value that is not a whole number.', why: 'Sizes are plain numbers of MiB; `--size=10G` is rejected.', fix: 'Write the value in MiB without a unit (10G = 10240).' },
  { code: 'invalid-value', languages: ['kickstart'], severity: 'error', title: 'An option value the command does not accept, or a flag given a value.', why: 'The command is rejected, or does something other than intended.', fix: 'Use one of the listed values.' },
  { code: 'missing-required-option', languages: ['kickstart'], severity: 'error', title: 'A required option or argument is missing.', why: 'pykickstart rejects the command without it.', fix: 'Add the option the message names.' },
  { code: 'option-conflict', languages: ['kickstart'], severity: 'error', title: 'Options that cannot be used together, or that silently override each other.', why: 'Either the command is rejected, or only the last of them takes effect.', fix: 'Keep one of them.' },
  { code: 'conflicting-commands', languages: ['kickstart'], severity: 'error', title: 'Commands that cannot be used in the same file (autopart with part, mount with logvol, ...).', why: 'The installer refuses the combination.', fix: 'Choose automatic or manual partitioning, not both.' },
  { code: 'abbreviated-option', languages: ['kickstart'], severity: 'info', title: 'An option written as an abbreviation.', why: 'Accepted as a unique prefix, but a newer release can add an option that makes it ambiguous.', fix: 'Write the option in full (a fix is offered).' },
  { code: 'crlf-line-endings', languages: ['kickstart'], severity: 'warning', title: 'Windows (CRLF) line endings.', why: 'Commands parse, but script bodies keep the carriage returns: `exit 1\\r` and `/dev/sda\\r` break shell scripts.', fix: 'Save the file with LF line endings.' },
]);

export function fixReplace(title: string, range: Range, newText: string, preferred = true): Fix {
  return { title, edits: [{ range, newText }], preferred };
}

/** Syntax findings of a kickstart (see the rule table above). */
export function syntaxRuleFindings(model: KickstartModelExt, doc: ParsedDocument, options: AnalysisOptions): Finding[] {
  const out = syntaxLineFindings(model, doc, options);
  conflictingCommands(model, out);
  return out;
}

/**
 * The syntax findings each of which one line (or one section's own lines) decides: all but the
 * conflicts between commands. A template's branches share them (kickstart/branches.ts).
 */
export function syntaxLineFindings(model: KickstartModelExt, doc: ParsedDocument, options: AnalysisOptions): Finding[] {
  void options;
  const out: Finding[] = [];
  const lines = doc.lines;
  const table = model.resolved.table;
  const label = tableLabel(table);

  // Problems found while reading words and options.
  for (const i of model.issues) {
    out.push({
      code: i.code,
      severity: i.severity,
      range: i.range,
      message: i.message,
      fixes: i.replaceWith?.map((r, k) => fixReplace(r.title, i.range, r.text, k === 0)),
    });
  }

  // Sections: %end, header checks.
  for (let si = 0; si < model.sections.length; si++) {
    const s = model.sections[si];
    if (!s.end) {
      // One finding for the one mistake. pykickstart notices it at the next section header and
      // names that line, so the finding is there, pointing back to the section left open.
      const next = model.sections[si + 1];
      const noticed = next && next.header.range.start.line >= doc.lines.positionAt(s.bodyEnd).line ? next : undefined;
      // RHEL 6's installer (pykickstart 1.74) still closed a section at the next header without a
      // word, and only warned at the end of the file; Fedora 14 and later stop on it.
      const rhel6 = table === 'RHEL6';
      out.push({
        code: 'missing-end',
        severity: rhel6 ? 'warning' : 'error',
        range: noticed ? noticed.header.nameRange : s.header.nameRange,
        message: rhel6
          ? noticed
            ? `${s.header.written} (line ${s.header.line + 1}) has no %end: RHEL 6's installer closes it at ${noticed.header.written}, but later releases stop here; add %end.`
            : `${s.header.written} is not closed: RHEL 6's installer warns that this is deprecated, later releases stop; add %end after its body.`
          : noticed
            ? `${s.header.written} (line ${s.header.line + 1}) is still open here: add %end before ${noticed.header.written} (pykickstart reports "does not end with %end" on this line and stops).`
            : `${s.header.written} is not closed: add %end after its body (pykickstart reports "does not end with %end" and stops).`,
        fixes: [addEndFix(s, doc)],
        related: noticed ? [{ range: s.header.nameRange, message: `${s.header.written} opens here` }] : undefined,
      });
    }
    if (s.kind === 'certificate') certificateChecks(s, doc, out);
    if (s.kind === 'packages') {
      const has = (n: string) => s.header.options.some((o) => o.name === n);
      if (has('default') && has('nocore')) {
        out.push({ code: 'option-conflict', severity: 'error', range: s.header.range, message: '%packages cannot use --default together with --nocore.' });
      }
    }
    headerOptionChecks(s.header, out);
    if (HEADER_NO_WORDS.has(s.kind) && s.header.args.length) headerWords(s, model.resolved.number, out);
  }
  for (const p of model.percentLines) {
    if (p.written === '%end') {
      out.push({ code: 'stray-end', severity: 'error', range: p.nameRange, message: '%end outside a section: there is no open section to close (pykickstart reads it as an unknown section and stops).' });
    } else {
      const guess = sectionGuess(p.written, Object.keys(ksTables().sections));
      out.push({
        code: 'unknown-section',
        severity: 'error',
        range: p.nameRange,
        message: `${p.written} is not a kickstart section; the installer stops on it.${guess ? ` Did you mean ${guess}?` : ''}`,
        fixes: guess ? [fixReplace(`Change to ${guess}`, p.nameRange, guess)] : undefined,
      });
    }
  }

  // Commands.
  const usable = commandsFor(table);
  for (const c of model.commands) {
    const found = commandSpec(c.written);
    if (!found) {
      if (droppedCommand(c.written)) {
        out.push({ code: 'unknown-command', severity: 'error', range: c.nameRange, message: `${c.written} was dropped from kickstart long ago; no current release knows it.` });
        continue;
      }
      const guess = closest(c.written, usable);
      out.push({
        code: 'unknown-command',
        severity: 'error',
        range: c.nameRange,
        message: `Unknown kickstart command ${JSON.stringify(c.written)} for ${label}.${guess ? ` Did you mean ${guess}?` : ''}`,
        fixes: guess ? [fixReplace(`Change to ${guess}`, c.nameRange, guess)] : undefined,
      });
      continue;
    }
    const st = found.spec.status[table];
    if (st !== 'active' && st !== 'deprecated') continue; // version.ts reports removed/absent commands
    commandChecks(c, found.spec, model, out);
  }

  // CRLF.
  const crlf = doc.text.indexOf('\r\n');
  if (crlf !== -1) {
    const scripts = model.sections.some((s) => sectionSpec(`%${s.kind}`)?.script && doc.text.slice(s.bodyStart, s.bodyEnd).includes('\r'));
    const line = lines.positionAt(crlf).line;
    out.push({
      code: 'crlf-line-endings',
      severity: scripts ? 'warning' : 'info',
      range: lines.lineRange(line),
      message: scripts
        ? 'This file has Windows (CRLF) line endings. Commands still parse, but script bodies keep the carriage returns and the shell sees `\\r` at the end of every line.'
        : 'This file has Windows (CRLF) line endings. pykickstart accepts them; script sections would keep the carriage returns.',
    });
  }
  return out;
}

/**
 * The section an unknown `%name` was meant to be: the longest known section that starts what was
 * written (`%postinstall` is `%post` with a word run on, not `%pre-install` misspelt), then the
 * nearest by edit distance.
 */
export function sectionGuess(written: string, sectionNames: readonly string[]): string | undefined {
  const w = written.toLowerCase();
  let best: string | undefined;
  for (const n of sectionNames) if (w.startsWith(n) && (!best || n.length > best.length)) best = n;
  return best ?? closest(written, sectionNames);
}

function addEndFix(s: KsSection, doc: ParsedDocument): Fix {
  const text = doc.text;
  const at = s.bodyEnd;
  const pos = doc.lines.positionAt(at);
  const needsNewline = at > 0 && text[at - 1] !== '\n';
  return { title: `Add %end to close ${s.header.written}`, edits: [{ range: { start: pos, end: pos }, newText: `${needsNewline ? '\n' : ''}%end\n` }], preferred: true };
}

function headerOptionChecks(h: KsCommand, out: Finding[]): void {
  for (const o of h.options) abbreviation(h, o, out);
}

/** Sections whose header takes options only (no plain words). */
const HEADER_NO_WORDS = new Set(['packages', 'pre', 'pre-install', 'post', 'onerror', 'traceback']);
/** pykickstart's number of Fedora 24, the first release whose section headers went through argparse (pykickstart 3). */
const ARGPARSE_HEADERS = 22000;

/**
 * Plain words on a section header. pykickstart 3 (Fedora 24 on, RHEL 8 on) refuses them as
 * unrecognized arguments; the optparse-based pykickstart of RHEL 6 and 7 dropped them without a word.
 */
function headerWords(s: KsSection, release: number, out: Finding[]): void {
  const h = s.header;
  const first = h.args[0];
  const last = h.args[h.args.length - 1];
  const words = h.args.map((a) => a.text).join(' ');
  const ignored = release < ARGPARSE_HEADERS;
  out.push({
    code: 'unexpected-argument',
    severity: ignored ? 'warning' : 'error',
    range: { start: first.range.start, end: last.range.end },
    message: ignored
      ? `${h.written} takes no plain words: this release's installer drops "${words}" without a word (so it does nothing), and later releases refuse it as an unrecognized argument.`
      : `${h.written} takes no plain words: "${words}" is refused as an unrecognized argument.`,
  });
}

function abbreviation(c: KsCommand, o: KsOption, out: Finding[]): void {
  if (!o.abbreviated || o.known === false) return;
  const full = `--${o.name}`;
  const r = { start: o.range.start, end: { line: o.range.start.line, character: o.range.start.character + o.written.length } };
  out.push({
    code: 'abbreviated-option',
    severity: 'info',
    range: r,
    message: `${o.written} is accepted as an abbreviation of ${full}; write it in full so a future option cannot make it ambiguous.`,
    fixes: [fixReplace(`Write ${full}`, r, full)],
  });
  void c;
}

function certificateChecks(s: KsSection, doc: ParsedDocument, out: Finding[]): void {
  const h = s.header;
  const has = (n: string) => h.options.some((o) => o.name === n);
  if (!has('filename')) out.push({ code: 'missing-required-option', severity: 'error', range: h.nameRange, message: '%certificate needs --filename.' });
  if (!has('dir') && !has('type')) out.push({ code: 'missing-required-option', severity: 'error', range: h.nameRange, message: '%certificate needs --dir or --type.' });
  if (!doc.text.slice(s.bodyStart, s.bodyEnd).trim()) out.push({ code: 'invalid-value', severity: 'error', range: h.nameRange, message: '%certificate has an empty body; it must hold the certificate text.' });
}

/** Commands that read their own positionals after argparse (parse_known_args in pykickstart). */
const PARSE_KNOWN_ARGS = new Set(['btrfs', 'auth', 'authconfig', 'authselect', 'realm']);

const INT = /^\s*[-+]?\d+(_\d+)*\s*$/;
const BOOLS = new Set(['yes', 'no', 'true', 'false', 'on', 'off', '1', '0']);

/** The range of an option's value (its whole range when it has none); only findings read it. */
function vrOf(o: KsOption): Range {
  return o.valueRange ?? o.range;
}

/** The last option with this name (known or not), as argparse keeps the last occurrence. */
function opt(c: KsCommand, name: string): KsOption | undefined {
  const j = optionRow(c, name);
  return j < 0 ? undefined : c.optionTable.view(j);
}

function has(c: KsCommand, name: string): boolean {
  return optionRow(c, name) >= 0;
}

/** `--a` and `--b` on one line: an option-conflict finding on `--b`. */
function both(c: KsCommand, a: string, b: string, why: string, out: Finding[], sev: 'error' | 'warning' = 'error'): void {
  const ob = opt(c, b);
  if (ob && has(c, a)) out.push({ code: 'option-conflict', severity: sev, range: ob.range, message: `--${a} and --${b} cannot be used together${why ? `: ${why}` : '.'}` });
}

/** Per command spec and target: option keys that are required, and the positional count bounds. */
interface SpecFacts {
  required: string[];
  min: number;
  max: number;
}
/** Facts per target table, then per command spec (one lookup a command). */
const FACTS = new Map<string, Map<CommandSpec, SpecFacts>>();

function specFacts(name: string, spec: CommandSpec, table: string): SpecFacts {
  let per = FACTS.get(table);
  if (!per) FACTS.set(table, (per = new Map()));
  let f = per.get(spec);
  if (f) return f;
  const required: string[] = [];
  for (const [k, s] of Object.entries(spec.options)) {
    if (!s.required || s.historical) continue;
    const st = s.status[table as keyof typeof s.status];
    if (st !== 'ok' && !(st ?? '').startsWith('deprecated')) continue;
    required.push(k.slice(2));
  }
  const pos = spec.positionals;
  let min = 0;
  let max = PARSE_KNOWN_ARGS.has(name) && pos.length === 0 ? Infinity : 0;
  for (const p of pos) {
    if (typeof p.nargs === 'number') {
      min += p.nargs;
      max += p.nargs;
    } else if (p.nargs === '?') max += 1;
    else max = Infinity;
  }
  // Commands whose parse() allows fewer positionals than their parser collects: timezone takes
  // one zone or none on every release ("One or zero arguments", or "Unexpected arguments" before
  // RHEL 7), so `timezone YOUR TIMEZONE` is refused everywhere.
  const cap = POSITIONAL_CAP[name];
  if (cap !== undefined && cap < max) max = cap;
  f = { required, min, max };
  per.set(spec, f);
  return f;
}

const POSITIONAL_CAP: Record<string, number> = { timezone: 1 };

/** argparse actions that accumulate into their destination instead of replacing it. */
const ADDS_UP = new Set(['append', 'append_const', 'extend', 'count']);

/** Reused between commands: option row, dest, option row, dest ... */
const DEST_SCRATCH: (number | string)[] = [];

function invalidInt(o: KsOption, value: string, out: Finding[]): void {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTP])i?B?$/i.exec(value.trim());
  let hint = '';
  let fixes: Fix[] | undefined;
  if (m) {
    // --pesize and --chunksize are KiB in pykickstart (volgroup --pesize=4096 is 4 MiB); sizes are MiB.
    const kib = o.name === 'pesize' || o.name === 'chunksize';
    const mult: Record<string, number> = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024, P: 1024 * 1024 * 1024 };
    const n = Math.round(Number(m[1]) * mult[m[2].toUpperCase()] * (kib ? 1024 : 1));
    if (n >= 1) {
      hint = ` ${kib ? `--${o.name} is whole KiB` : 'Sizes are whole MiB'}: ${value} is ${n}.`;
      fixes = [fixReplace(`Change to ${n}`, vrOf(o), String(n))];
    }
  }
  out.push({ code: 'invalid-int', severity: 'error', range: vrOf(o), message: `--${o.name} takes a whole number, not ${JSON.stringify(value)}.${hint}`, fixes });
}

function invalidEnum(c: KsCommand, o: KsOption, v: string, values: string[], out: Finding[]): void {
  const ci = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (ci) {
    if (!(c.name === 'raid' && o.name === 'level')) {
      out.push({ code: 'invalid-value', severity: 'warning', range: vrOf(o), message: `--${o.name}=${v}: the accepted spelling is ${ci}.`, fixes: [fixReplace(`Change to ${ci}`, vrOf(o), ci)] });
    }
  } else {
    const guess = closest(v, values);
    out.push({
      code: 'invalid-value',
      severity: 'error',
      range: vrOf(o),
      message: `--${o.name} does not accept ${JSON.stringify(v)}; use one of ${values.join(', ')}.`,
      fixes: guess ? [fixReplace(`Change to ${guess}`, vrOf(o), guess)] : undefined,
    });
  }
}

function commandChecks(c: KsCommand, spec: CommandSpec, model: KickstartModelExt, out: Finding[]): void {
  const table = model.resolved.table;
  const facts = specFacts(c.name, spec, table);
  // Option values; options with a destination (dest) are kept to compare below.
  const dests = DEST_SCRATCH;
  let nd = 0;
  const t = c.optionTable;
  for (let j = c.optFirst; j < c.optEnd; j++) {
    const flags = t.flags[j];
    if (flags & OPT_UNKNOWN) continue;
    if (flags & OPT_ABBREVIATED) abbreviation(c, t.view(j), out);
    const s = t.key[j].spec ?? spec.options[`--${t.key[j].name}`];
    if (!s) continue;
    // Options whose action adds to a list or a count (firewall --http --ssh) do not override each other.
    if (s.dest && !ADDS_UP.has(s.action ?? 'store')) {
      dests[nd++] = j;
      dests[nd++] = s.dest;
    }
    const value = t.value[j];
    if (value === undefined) continue;
    // Only a finding needs the option as an object.
    if (s.type === 'int') {
      if (!INT.test(value)) invalidInt(t.view(j), value, out);
    } else if (s.type === 'enum') {
      if (s.values && !s.values.includes(value)) invalidEnum(c, t.view(j), value, s.values, out);
    } else if (s.type === 'bool' && !BOOLS.has(value.toLowerCase())) {
      out.push({ code: 'invalid-value', severity: 'warning', range: vrOf(t.view(j)), message: `--${t.key[j].name} takes yes or no, not ${JSON.stringify(value)}.` });
    }
  }
  // Options sharing one destination: the last one wins silently.
  let clash = false;
  for (let i = 1; i < nd && !clash; i += 2) {
    for (let j = 1; j < i; j += 2) {
      if (dests[i] === dests[j] && t.key[dests[i - 1] as number].name !== t.key[dests[j - 1] as number].name) {
        clash = true;
        break;
      }
    }
  }
  if (clash) {
    const byDest = new Map<string, KsOption[]>();
    for (let i = 0; i < nd; i += 2) {
      const o = t.view(dests[i] as number);
      const d = dests[i + 1] as string;
      const l = byDest.get(d);
      if (l) l.push(o);
      else byDest.set(d, [o]);
    }
    for (const [dest, os] of byDest) {
      const names = new Set(os.map((o) => o.name));
      // Flags that store the same constant (timezone --utc --isUtc, both store_true into isUtc)
      // agree: whichever comes last, the result is the same.
      const actions = new Set(os.map((o) => (o.spec ?? spec.options[`--${o.name}`])?.action));
      const sameConstant = actions.size === 1 && (actions.has('store_true') || actions.has('store_false'));
      if (names.size > 1 && !sameConstant) {
        const last = os[os.length - 1];
        out.push({
          code: 'option-conflict',
          severity: 'warning',
          range: last.range,
          message: `${[...names].map((n) => `--${n}`).join(' and ')} set the same thing (${dest}); only the last one, --${last.name}, takes effect.`,
        });
      }
    }
  }

  // Positionals.
  const pos = spec.positionals;
  const { min, max } = facts;
  if (c.args.length > max) {
    const extra = c.args.slice(max);
    const r = { start: extra[0].range.start, end: extra[extra.length - 1].range.end };
    const isBackslash = extra.length === 1 && extra[0].raw === '\\';
    if (!isBackslash) {
      out.push({
        code: 'unexpected-argument',
        severity: 'error',
        range: r,
        message:
          max === 0
            ? `${c.written} takes no plain arguments; ${extra.map((w) => JSON.stringify(w.text)).join(' ')} would be rejected.`
            : `${c.written} takes at most ${max} plain argument${max === 1 ? '' : 's'}; ${extra.map((w) => JSON.stringify(w.text)).join(' ')} would be rejected.`,
      });
    }
  } else if (c.args.length < min) {
    const p = pos.find((x) => typeof x.nargs === 'number');
    out.push({ code: 'missing-required-option', severity: 'error', range: c.range, message: `${c.written} needs ${p ? p.name : 'an argument'}.` });
  }

  // Required options.
  for (const name of facts.required) {
    if (!opt(c, name)) {
      out.push({ code: 'missing-required-option', severity: 'error', range: c.nameRange, message: `${c.written} needs --${name}.` });
    }
  }
  commandRules(c, model, out);
}

const THINPOOL_ONLY = ['chunksize', 'metadatasize'];
/** pykickstart's number of Fedora 21, the first release whose logvol refuses --size with --percent. */
const SIZE_PERCENT_CONFLICT = 19000;
const NOT_WITH_TMPFS = ['grow', 'maxsize'];

/** Per-command checks pykickstart makes at parse time (reference/kickstart.md 5.2). */
const RULE_COMMANDS = new Set(['part', 'raid', 'volgroup', 'logvol', 'autopart', 'ignoredisk', 'bootloader']);

function commandRules(c: KsCommand, model: KickstartModelExt, out: Finding[]): void {
  if (!RULE_COMMANDS.has(c.name)) return;
  const noBtrfs = refusesBtrfs(c.name, model.resolved.table) && usesBtrfs(c);
  const preexisting = has(c, 'useexisting') || has(c, 'noformat');
  switch (c.name) {
    case 'part': {
      if (has(c, 'resize') && !(has(c, 'onpart') && has(c, 'size'))) out.push({ code: 'missing-required-option', severity: 'error', range: opt(c, 'resize')!.range, message: 'part --resize needs --onpart and --size.' });
      if (opt(c, 'fstype')?.value === 'tmpfs') {
        for (const n of NOT_WITH_TMPFS) if (has(c, n)) out.push({ code: 'option-conflict', severity: 'error', range: opt(c, n)!.range, message: `--${n} cannot be used with --fstype=tmpfs.` });
      }
      both(c, 'mkfsoptions', 'noformat', 'there is nothing to make a file system with.', out);
      both(c, 'mkfsoptions', 'fsprofile', '', out);
      both(c, 'pbkdf-time', 'pbkdf-iterations', '', out);
      if (noBtrfs) {
        out.push({ code: 'invalid-value', severity: 'error', range: (opt(c, 'fstype')?.valueRange ?? c.args[0]?.range ?? c.range), message: `Btrfs is not supported on ${model.resolved.label}.` });
      }
      break;
    }
    case 'raid': {
      if (!has(c, 'level') && !preexisting) out.push({ code: 'missing-required-option', severity: 'error', range: c.nameRange, message: 'raid needs --level (unless it reuses an existing array with --useexisting or --noformat).' });
      const members = Math.max(0, c.args.length - 1);
      if (!preexisting && c.args.length >= 1 && members === 0) out.push({ code: 'missing-required-option', severity: 'error', range: c.range, message: 'raid needs its member partitions (raid.NN ...) after the mount point.' });
      if (preexisting && members > 0) out.push({ code: 'unexpected-argument', severity: 'error', range: { start: c.args[1].range.start, end: c.args[c.args.length - 1].range.end }, message: 'An existing array (--useexisting/--noformat) takes no member list.' });
      if (noBtrfs) out.push({ code: 'invalid-value', severity: 'error', range: opt(c, 'fstype')!.valueRange ?? c.range, message: `Btrfs is not supported on ${model.resolved.label}.` });
      break;
    }
    case 'volgroup': {
      if (c.args.length === 0) out.push({ code: 'missing-required-option', severity: 'error', range: c.range, message: 'volgroup needs a volume group name.' });
      else if (!preexisting && c.args.length === 1) out.push({ code: 'missing-required-option', severity: 'error', range: c.range, message: 'volgroup needs its physical volumes (pv.NN ...) after the name.' });
      else if (preexisting && c.args.length > 1) out.push({ code: 'unexpected-argument', severity: 'error', range: c.args[1].range, message: 'An existing volume group (--useexisting/--noformat) takes no physical volume list.' });
      const rp = opt(c, 'reserved-percent')?.value;
      if (rp !== undefined && INT.test(rp) && (Number(rp) < 1 || Number(rp) > 99)) out.push({ code: 'invalid-value', severity: 'error', range: opt(c, 'reserved-percent')!.valueRange ?? c.range, message: '--reserved-percent must be between 1 and 99.' });
      break;
    }
    case 'logvol': {
      // pykickstart refuses both from Fedora 21 and RHEL 7; RHEL 6 asks --percent to come with --size and --grow.
      if (model.resolved.number >= SIZE_PERCENT_CONFLICT) both(c, 'size', 'percent', 'give either a size in MiB or a percentage.', out);
      both(c, 'thin', 'thinpool', 'a volume is either a thin pool or a thin volume.', out);
      if (has(c, 'thin') && !has(c, 'poolname')) out.push({ code: 'missing-required-option', severity: 'error', range: opt(c, 'thin')!.range, message: 'logvol --thin needs --poolname.' });
      if (!preexisting && !has(c, 'size') && !has(c, 'percent') && !has(c, 'recommended') && !has(c, 'hibernation')) {
        out.push({ code: 'missing-required-option', severity: 'error', range: c.nameRange, message: 'logvol needs a size: --size, --percent, --recommended or --hibernation (or --useexisting).' });
      }
      const pct = opt(c, 'percent')?.value;
      if (pct !== undefined && INT.test(pct) && (Number(pct) < 0 || Number(pct) > 100)) out.push({ code: 'invalid-value', severity: 'error', range: opt(c, 'percent')!.valueRange ?? c.range, message: '--percent must be between 0 and 100.' });
      if (has(c, 'cachepvs') !== has(c, 'cachesize')) out.push({ code: 'missing-required-option', severity: 'error', range: c.nameRange, message: 'logvol --cachepvs and --cachesize go together.' });
      const cm = opt(c, 'cachemode')?.value;
      if (cm !== undefined && cm !== 'writeback' && cm !== 'writethrough') out.push({ code: 'invalid-value', severity: 'error', range: opt(c, 'cachemode')!.valueRange ?? c.range, message: '--cachemode is writeback or writethrough.' });
      for (const n of THINPOOL_ONLY) if (has(c, n) && !has(c, 'thinpool')) out.push({ code: 'option-conflict', severity: 'error', range: opt(c, n)!.range, message: `--${n} only applies with --thinpool.` });
      break;
    }
    case 'autopart': {
      if (opt(c, 'fstype')?.value === 'btrfs') out.push({ code: 'invalid-value', severity: 'error', range: opt(c, 'fstype')!.valueRange ?? c.range, message: 'autopart --fstype=btrfs is not accepted; use --type=btrfs.' });
      if (noBtrfs) out.push({ code: 'invalid-value', severity: 'error', range: opt(c, 'type')!.valueRange ?? c.range, message: `Btrfs is not supported on ${model.resolved.label}.` });
      if (has(c, 'fstype') && opt(c, 'type')?.value === 'btrfs') out.push({ code: 'option-conflict', severity: 'error', range: opt(c, 'fstype')!.range, message: '--fstype cannot be used with --type=btrfs.' });
      both(c, 'hibernation', 'noswap', '', out);
      break;
    }
    case 'ignoredisk': {
      const d = has(c, 'drives');
      const u = has(c, 'only-use');
      if (d === u && !has(c, 'interactive')) out.push({ code: d ? 'option-conflict' : 'missing-required-option', severity: 'error', range: c.nameRange, message: 'ignoredisk needs exactly one of --drives or --only-use.' });
      break;
    }
    case 'bootloader': {
      both(c, 'sdboot', 'extlinux', '', out);
      const bd = opt(c, 'boot-drive');
      if (bd?.value?.includes(',')) out.push({ code: 'invalid-value', severity: 'error', range: bd.valueRange ?? bd.range, message: '--boot-drive names one drive, not a list.' });
      break;
    }
  }
}

/** Commands that cannot be used in one kickstart: a whole-file check (each rendering of a template has its own). */
export function conflictingCommands(model: KickstartModelExt, out: Finding[]): void {
  const table = model.resolved.table;
  const seen = new Set<string>();
  for (const [name, cs] of model.byName) {
    const spec = commandSpec(name)?.spec ?? commandSpec(cs[0].written)?.spec;
    const conflicts = spec?.conflicts[table] ?? [];
    for (const other0 of conflicts) {
      const other = other0 === 'partition' ? 'part' : other0;
      const os = model.byName.get(other);
      if (!os?.length) continue;
      const key = [name, other].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const a = cs[0];
      const b = os[0];
      const later = a.line > b.line ? a : b;
      const earlier = later === a ? b : a;
      out.push({
        code: 'conflicting-commands',
        severity: 'error',
        range: later.nameRange,
        message: `${later.written} and ${earlier.written} (line ${earlier.line + 1}) cannot be used in the same kickstart.`,
        related: [{ range: earlier.nameRange, message: `${earlier.written} is here` }],
      });
    }
  }
}
