#!/usr/bin/env node
// Generate server/src/kickstart/commands.json: command, option and section tables for every
// release pykickstart ships a handler for that Blockwise checks (RHEL 6 to 11, current Fedora).
//
// Two inputs, facts only (no pykickstart code or prose is copied):
//  1. the introspection dump of pykickstart's handlers (scripts/ks-introspect.py run with a
//     pykickstart checkout on PYTHONPATH): per release, every command's status (active,
//     deprecated, removed), its argparse options (strings, action, nargs, type, choices, dest,
//     pykickstart's deprecated marker), positionals, conflicts, and the sections the parser
//     registers with their options. Every per-release status below comes from it.
//  2. the research file reference/kickstart-commands.json (same pykickstart tag), for what a
//     single handler cannot tell: the release history of each command/option (first seen,
//     deprecated since, removed in, computed by diffing handlers along the RHEL and Fedora
//     chains) and the commands pykickstart no longer has a handler for.
// The script checks that both agree on RHEL 8 and later and stops when they do not.
//
// Usage:
//   PYTHONPATH=/path/to/pykickstart python3 scripts/ks-introspect.py > /tmp/ks-introspect.json
//   node scripts/gen-kickstart-commands.mjs /tmp/ks-introspect.json [path/to/kickstart-commands.json]
// With no arguments it runs the introspection itself on .tools/pykickstart-r3.74 (the checkout
// scripts/ksvalidator-verdicts.mjs makes) when that exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let introPath = process.argv[2];
let intro;
if (introPath) intro = JSON.parse(readFileSync(introPath, 'utf8'));
else {
  const py = process.env.PYKICKSTART_DIR ?? join(root, '.tools', 'pykickstart-r3.74');
  if (!existsSync(py)) throw new Error(`no introspection file given and no pykickstart checkout at ${py}`);
  const r = spawnSync('python3', [join(root, 'scripts/ks-introspect.py')], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: py }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ks-introspect.py failed: ${r.stderr}`);
  intro = JSON.parse(r.stdout);
  introPath = `${py} (introspected)`;
}
const refPath = process.argv[3] ?? join(root, '..', 'shared', 'reference', 'kickstart-commands.json');
const ref = JSON.parse(readFileSync(refPath, 'utf8'));
const R = intro.releases;
/** Every release the introspection dumped (RHEL 6 to 11, Fedora 17 to 45), oldest first by pykickstart's version number; F45 is the current Fedora (pykickstart's DEVEL). */
const TARGETS = Object.keys(R).sort((a, b) => R[a].number - R[b].number);
const CHECKED = ['RHEL8', 'RHEL9', 'RHEL10', 'RHEL11', 'F45'];

const hist = (h) =>
  h
    ? Object.fromEntries(
        Object.entries(h).filter(([, v]) => v).map(([line, v]) => [
          line,
          Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined)),
        ]),
      )
    : undefined;

/** The argparse action of an option string in a parser's dump, or undefined. */
function findAction(options, str) {
  if (!options) return undefined;
  for (const a of Object.values(options)) if (a.strings.includes(str)) return a;
  return undefined;
}

/**
 * The argparse options of a command on a release. `method` has no parser of its own: it hands its
 * line to the install-method command, and the research file lists url's options for it.
 */
function commandOptions(rel, cmd) {
  return cmd === 'method' ? R[rel].commands.url?.options : R[rel].commands[cmd]?.options;
}

function cmdStatus(rel, name) {
  return R[rel].commands[name]?.status ?? 'absent';
}

/** Status of an option string of a command on a release, in the tables' vocabulary. */
function optStatus(rel, cmd, str) {
  const st = cmdStatus(rel, cmd);
  if (st === 'absent') return 'absent';
  if (st === 'removed') return 'command-removed';
  if (st === 'deprecated') return 'command-deprecated';
  const a = findAction(commandOptions(rel, cmd), str);
  if (!a) return 'absent';
  return a.deprecated ? `deprecated:${a.deprecated}` : 'ok';
}

function sectionOptStatus(rel, sec, str) {
  const s = R[rel].sections[sec];
  if (!s) return 'absent';
  const a = findAction(s.options, str);
  if (!a) return 'absent';
  return a.deprecated ? `deprecated:${a.deprecated}` : 'ok';
}

/** argparse action as the rules use it: store, store_true, store_false, store_const, append, append_const, count, extend. */
function actionKind(a) {
  const base = a.action.split(':')[0];
  if (/ExtendAction/.test(a.action)) return 'extend';
  return base === 'custom' ? 'store' : base;
}

/** The value fields of a new option (one the research file does not list) from its argparse action. */
function valueFields(a) {
  const kind = actionKind(a);
  const out = {};
  const takes = kind === 'store' || kind === 'append' || kind === 'extend';
  out.value = !takes ? 'none' : a.nargs === '?' ? 'optional' : 'required';
  if (takes) {
    if (a.choices) (out.type = 'enum'), (out.values = a.choices);
    else if (a.type === 'int') out.type = 'int';
    else if (a.type === 'commaSplit') out.type = 'commaList';
    else out.type = 'string';
  }
  if (a.required) out.required = true;
  if (a.dest) out.dest = a.dest;
  return out;
}

/** The newest release's action for an option string (the rules read action and nargs from it). */
function newestAction(getOptions, str) {
  for (const rel of [...TARGETS].reverse()) {
    const a = findAction(getOptions(rel), str);
    if (a) return a;
  }
  return undefined;
}

/**
 * The spellings of an option that pykickstart warns about while parsing (a handler's own
 * warnings.warn, beyond argparse's deprecated marker), and at which releases: { '--isUtc': [RHEL9, ...] }.
 */
function parseWarnings(getOptions, strings) {
  const out = {};
  for (const t of TARGETS) {
    for (const a of Object.values(getOptions(t) ?? {})) {
      if (!a.strings.some((x) => strings.includes(x))) continue;
      for (const w of a.warnsAtParse ?? []) (out[w] ??= []).push(t);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function option(o, status, action) {
  const out = {};
  if (o.aliases?.length) out.aliases = o.aliases;
  // historical: no release from RHEL 8 on has it (older ones may: its value fields then come from their parser).
  if (o.historicalOnly) {
    out.historical = true;
    if (action) Object.assign(out, valueFields(action));
  } else {
    out.value = o.takesValue ? (o.valueOptional ? 'optional' : 'required') : 'none';
    if (o.valueType) out.type = o.valueType;
    if (o.allowedValues) out.values = o.allowedValues;
    if (o.required) out.required = true;
    if (o.dest) out.dest = o.dest;
  }
  if (action) {
    out.action = actionKind(action);
    if (action.nargs !== undefined) out.nargs = action.nargs;
  }
  out.status = status;
  const h = hist(o.history);
  if (h) out.history = h;
  return out;
}

const mismatches = [];
function check(what, rel, refValue, ours) {
  if (CHECKED.includes(rel) && refValue !== undefined && refValue !== ours) mismatches.push(`${what} ${rel}: research ${refValue}, pykickstart ${ours}`);
}

const commands = {};
const allNames = new Set(Object.keys(ref.commands));
for (const rel of TARGETS) for (const n of Object.keys(R[rel].commands)) allNames.add(n);
for (const name of [...allNames].sort()) {
  const c = ref.commands[name];
  const status = Object.fromEntries(TARGETS.map((t) => [t, cmdStatus(t, name)]));
  if (c) for (const t of CHECKED) check(`command ${name}`, t, c.availability[t] ?? 'absent', status[t]);
  const cmdOptions = (rel) => commandOptions(rel, name);
  const options = {};
  const seen = new Set();
  for (const [key, o] of Object.entries(c?.options ?? {})) {
    const strs = [key, ...(o.aliases ?? [])];
    strs.forEach((s) => seen.add(s));
    const st = Object.fromEntries(
      TARGETS.map((t) => {
        // Any of the option's strings (an alias may be the one the release's parser lists).
        const got = strs.map((s) => optStatus(t, name, s)).find((s) => s !== 'absent') ?? optStatus(t, name, key);
        return [t, got];
      }),
    );
    for (const t of CHECKED) check(`option ${name} ${key}`, t, o.availability?.[t], st[t]);
    const action = newestAction(cmdOptions, key) ?? strs.map((s) => newestAction(cmdOptions, s)).find(Boolean);
    options[key] = option(o, Object.fromEntries(TARGETS.filter((t) => st[t] !== 'absent' || o.availability?.[t]).map((t) => [t, st[t]])), action);
    const pw = parseWarnings(cmdOptions, strs);
    if (pw) options[key].warnsAtParse = pw;
  }
  // Options only older releases have (RHEL 6/7), which the research file does not list.
  for (const rel of TARGETS) {
    for (const a of Object.values(cmdOptions(rel) ?? {})) {
      const key = a.strings[0];
      if (a.strings.some((s) => seen.has(s))) continue;
      a.strings.forEach((s) => seen.add(s));
      const st = Object.fromEntries(TARGETS.map((t) => [t, a.strings.map((s) => optStatus(t, name, s)).find((s) => s !== 'absent') ?? 'absent']));
      const out = { ...(a.strings.length > 1 ? { aliases: a.strings.slice(1) } : {}), ...valueFields(a), action: actionKind(a) };
      if (a.nargs !== undefined) out.nargs = a.nargs;
      out.status = Object.fromEntries(TARGETS.filter((t) => st[t] !== 'absent').map((t) => [t, st[t]]));
      const pw = parseWarnings(cmdOptions, a.strings);
      if (pw) out.warnsAtParse = pw;
      options[key] = out;
    }
  }
  const positionals = c
    ? Object.entries(c.positionals).map(([p, v]) => ({ name: p, nargs: v.nargs ?? '*' }))
    : (R[TARGETS.find((t) => R[t].commands[name])].commands[name].positionals ?? []).map((p) => ({ name: `<${p.dest}>`, nargs: p.nargs ?? 1 }));
  const conflicts = Object.fromEntries(
    TARGETS.map((t) => [
      t,
      c && CHECKED.includes(t) ? (c.conflictsWithByVersion ? c.conflictsWithByVersion[t] : c.conflictsWith) : (R[t].commands[name]?.conflicts ?? []),
    ]),
  );
  const dropped = ref.droppedCommands[name];
  commands[name] = {
    status,
    aliases: c?.aliases ?? [],
    multi: c?.multiInstance ?? false,
    partitioning: c?.partitioning ?? false,
    positionals,
    conflicts,
    history: hist(c?.history ?? dropped),
    options,
  };
  // Releases whose handler warns whenever the command is written (authconfig on F28 to F34, RHEL 8 and 9).
  const warns = TARGETS.filter((t) => R[t].commands[name]?.warnsAtParse);
  if (warns.length) commands[name].warnsAtParse = warns;
}

const sections = {};
for (const [name, s] of Object.entries(ref.sections)) {
  const secOptions = (rel) => R[rel].sections[name]?.options;
  const options = {};
  for (const [key, o] of Object.entries(s.options ?? {})) {
    const strs = [key, ...(o.aliases ?? [])];
    const st = Object.fromEntries(TARGETS.map((t) => [t, strs.map((x) => sectionOptStatus(t, name, x)).find((x) => x !== 'absent') ?? 'absent']));
    for (const t of CHECKED) check(`section ${name} ${key}`, t, o.availability?.[t] ?? 'absent', st[t]);
    options[key] = option(o, Object.fromEntries(TARGETS.filter((t) => st[t] !== 'absent' || o.availability?.[t]).map((t) => [t, st[t]])), newestAction(secOptions, key));
    const pw = parseWarnings(secOptions, strs);
    if (pw) options[key].warnsAtParse = pw;
  }
  // Options only older releases have (%packages --nobase), which the research file does not list.
  const seen = new Set(Object.entries(s.options ?? {}).flatMap(([k, o]) => [k, ...(o.aliases ?? [])]));
  for (const rel of TARGETS) {
    for (const a of Object.values(secOptions(rel) ?? {})) {
      if (a.strings.some((x) => seen.has(x))) continue;
      a.strings.forEach((x) => seen.add(x));
      const st = Object.fromEntries(TARGETS.map((t) => [t, a.strings.map((x) => sectionOptStatus(t, name, x)).find((x) => x !== 'absent') ?? 'absent']));
      const o = { ...(a.strings.length > 1 ? { aliases: a.strings.slice(1) } : {}), ...valueFields(a), action: actionKind(a) };
      if (a.nargs !== undefined) o.nargs = a.nargs;
      o.status = Object.fromEntries(TARGETS.filter((t) => st[t] !== 'absent').map((t) => [t, st[t]]));
      const pw = parseWarnings(secOptions, a.strings);
      if (pw) o.warnsAtParse = pw;
      options[a.strings[0]] = o;
    }
  }
  sections[name] = {
    registeredIn: TARGETS.filter((t) => R[t].sections[name]),
    script: s.body === 'script',
    opaque: /opaque/.test(String(s.body)),
    deprecated: s.deprecated,
    options,
    groupLineOptions: s.groupLineOptions,
  };
}

if (mismatches.length) {
  process.stderr.write(`pykickstart introspection and the research file disagree (${mismatches.length}):\n${mismatches.slice(0, 40).join('\n')}\n`);
  process.exitCode = 1;
}

const out = {
  provenance: {
    generatedBy: 'scripts/gen-kickstart-commands.mjs (scripts/ks-introspect.py)',
    from: ['pykickstart handlers introspected per release', 'reference/kickstart-commands.json (history)'],
    pykickstart: ref.source.pykickstart,
    anaconda: ref.source.anaconda,
  },
  targets: TARGETS,
  versionNumbers: { ...ref.versionNumbers, ...Object.fromEntries(TARGETS.map((t) => [t, R[t].number])) },
  commands,
  sections,
  dropped: Object.fromEntries(Object.entries(ref.droppedCommands).filter(([n]) => !commands[n]).map(([n, h]) => [n, hist(h)])),
};
if (!process.exitCode) {
  writeFileSync(join(root, 'server/src/kickstart/commands.json'), JSON.stringify(out, null, 1) + '\n');
  console.log(`commands.json: ${Object.keys(commands).length} commands, ${Object.keys(sections).length} sections, ${TARGETS.length} releases (from ${introPath})`);
}
