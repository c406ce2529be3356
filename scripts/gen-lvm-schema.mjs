#!/usr/bin/env node
// Generate server/src/lvmconf/schema.json: every lvm2 configuration setting with its facts
// (section, name, type, default, first version, deprecated-since, profilability, whether an empty
// value is accepted), taken from the installed lvm2's own `lvmconfig` — no lvm2 source needed.
//
//   node scripts/gen-lvm-schema.mjs [--check] [--out PATH]
//
// How each fact is obtained (all with a private LVM_SYSTEM_DIR, so the host's /etc/lvm is never
// read):
//   names       lvmconfig --type list --showdeprecated --showunsupported
//   versions    lvmconfig --type list --withversions --showdeprecated --showunsupported
//   defaults,   lvmconfig --type default --withcomments --withversions --showdeprecated
//   flags                 --showunsupported  (only the fact lines are read: the value line and
//                         "deprecated/advanced/not officially supported/no default" markers; the
//                         comment prose is never stored)
//   shown       lvmconfig --type list  (what lvm2 shows without --showdeprecated/--showunsupported)
//   types       every setting set to 1.5 in a probe lvm.conf, then `lvmconfig --validate`:
//               "Found float but expected <type>." names the type of each setting
//   empty       every string/array setting set to "" -> "It cannot be set to an empty value."
//               every array setting set to [ ] (one run each; lvm2 stops at the first) ->
//               "Empty value not allowed."
//   profiles    lvmconfig --type profilable-command / profilable-metadata --withcomments
// Descriptions, explanations and allowed values are hand-written in server/src/lvmconf/notes.ts
// and merged at load time, so regenerating never loses them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outPath = outIdx >= 0 ? args[outIdx + 1] : join(root, 'server/src/lvmconf/schema.json');
const check = args.includes('--check');
const LVMCONFIG = process.env.LVMCONFIG ?? 'lvmconfig';
/** Where lvm2 puts its files on a real host; the private dir's path is replaced by this in defaults. */
const SYSTEM_DIR = '/etc/lvm';

const sysdir = mkdtempSync(join(tmpdir(), 'blockwise-lvmschema-'));
const commands = [];

function lvmconfig(argv, conf = 'global {\n}\n', record = true) {
  writeFileSync(join(sysdir, 'lvm.conf'), conf);
  const r = spawnSync(LVMCONFIG, argv, {
    env: { ...process.env, LVM_SYSTEM_DIR: sysdir, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.error) throw new Error(`cannot run ${LVMCONFIG}: ${r.error.message}`);
  if (record) commands.push(`LVM_SYSTEM_DIR=<private> lvmconfig ${argv.join(' ')}`);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const ALL = ['--showdeprecated', '--showunsupported'];

// ---- names, versions
const listed = lvmconfig(['--type', 'list', '--withversions', ...ALL]).stdout.split('\n').filter(Boolean);
const settings = new Map();
for (const line of listed) {
  const m = /^(\S+) - \[([\d.]+)\]$/.exec(line.trim());
  if (!m) throw new Error(`unexpected list line: ${line}`);
  const path = m[1];
  const segs = path.split('/');
  settings.set(path, {
    path,
    section: segs.slice(0, -1).join('/'),
    name: segs[segs.length - 1],
    type: undefined,
    since: m[2],
  });
}
const shown = new Set(lvmconfig(['--type', 'list']).stdout.split('\n').map((s) => s.trim()).filter(Boolean));
const version = /LVM version:\s*(\S+(?: \([^)]*\))?)/.exec(lvmconfig(['--version'], undefined, false).stdout)?.[1] ?? 'unknown';

// ---- defaults and flags from the commented default tree
const sections = new Map();
function parseCommented(text, onOption, onSection) {
  let cur = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m;
    if ((m = /^# Configuration option (\S+)\.$/.exec(line))) {
      cur = { kind: 'option', path: m[1], flags: new Set(), value: undefined };
      onOption(cur);
      continue;
    }
    if ((m = /^# Configuration section (\S+)\.$/.exec(line))) {
      cur = { kind: 'section', path: m[1], flags: new Set() };
      onSection(cur);
      continue;
    }
    if (!cur) continue;
    if (line === '') {
      cur = null;
      continue;
    }
    if ((m = /^# This configuration (?:option|section) (.*)\.$/.exec(line))) {
      cur.flags.add(m[1]);
      continue;
    }
    if ((m = /^# Available since version ([\d.]+)\.$/.exec(line))) {
      cur.since = m[1];
      continue;
    }
    if ((m = /^# Deprecated since version ([\d.]+)\.$/.exec(line))) {
      cur.deprecatedSince = m[1];
      continue;
    }
    if (cur.kind === 'option') {
      const name = cur.path.split('/').pop();
      const vm = new RegExp(`^(#\\s*)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(.*)$`).exec(line);
      if (vm) {
        cur.value = vm[2];
        cur.commented = !!vm[1];
      }
    }
  }
}
const defaultTree = lvmconfig(['--type', 'default', '--withcomments', '--withversions', ...ALL]).stdout;
parseCommented(
  defaultTree,
  (o) => {
    const s = settings.get(o.path);
    if (!s) throw new Error(`option ${o.path} not in the list`);
    s._raw = o;
  },
  (sec) => sections.set(sec.path, sec),
);

/** Parse one value in lvm2's config syntax (as lvmconfig prints it). */
function parseValue(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const scalar = () => {
    ws();
    if (text[i] === '"') {
      let j = i + 1;
      let out = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) j++;
        out += text[j++];
      }
      i = j + 1;
      return out;
    }
    const m = /^[-+]?[0-9.]+/.exec(text.slice(i));
    if (!m) throw new Error(`cannot parse default ${text}`);
    i += m[0].length;
    const t = m[0];
    if (t.includes('.')) return Number.parseFloat(t);
    return /^[-+]?0[0-7]+$/.test(t) ? Number.parseInt(t, 8) : Number.parseInt(t, 10);
  };
  ws();
  if (text[i] === '[') {
    i++;
    const out = [];
    for (;;) {
      ws();
      if (text[i] === ']') break;
      if (text[i] === ',') {
        i++;
        continue;
      }
      out.push(scalar());
    }
    return out;
  }
  return scalar();
}

// ---- types by probing --validate with a float everywhere
function treeText(paths, valueOf) {
  const tree = {};
  for (const p of paths) {
    const segs = p
      .split('/')
      .map((s) => (s === '<disk_area>' ? 'disk_area0' : s === '<tag>' ? 'tag0' : s));
    let t = tree;
    for (const s of segs.slice(0, -1)) t = t[s] ??= {};
    t[segs[segs.length - 1]] = valueOf(p);
  }
  const emit = (t, ind) =>
    Object.entries(t)
      .map(([k, v]) => (typeof v === 'string' ? `${ind}${k} = ${v}\n` : `${ind}${k} {\n${emit(v, ind + '\t')}${ind}}\n`))
      .join('');
  return emit(tree, '');
}
function probePath(msgPath) {
  return msgPath.replace(/^metadata\/disk_areas\/disk_area0\//, 'metadata/disk_areas/<disk_area>/').replace(/^tags\/tag0\//, 'tags/<tag>/');
}
// Host tags are evaluated while lvm2 starts, before validation, so a float there stops the run;
// tags/<tag>/host_list is probed on its own below.
const probeable = [...settings.keys()].filter((p) => !p.startsWith('tags/'));
const variable = (p) => p.includes('<');
const TYPE_RE = /Configuration setting "([^"]+)" has invalid type\. Found float but expected (.+)\.$/;
function probeTypes(paths, single = false) {
  const r = lvmconfig(['--validate'], treeText(paths, () => '1.5'), !single);
  for (const line of r.stderr.split('\n').concat(r.stdout.split('\n'))) {
    const m = TYPE_RE.exec(line.trim());
    if (!m) continue;
    // lvm2 names settings inside variable-named sections by the parent section's path, so
    // those are probed one per run.
    const s = settings.get(single ? paths[0] : probePath(m[1]));
    if (!s) throw new Error(`probe named an unknown setting ${m[1]}`);
    s.type = m[2] === 'array with values of type: string' ? 'array:string' : m[2].startsWith('array with values of type:') ? `array:${m[2].split(':')[1].trim().replace(/ or /g, '|')}` : m[2];
  }
}
probeTypes(probeable.filter((p) => !variable(p)));
for (const p of probeable.filter(variable)) probeTypes([p], true);
// `lvmconfig --validate` does not check the tags section at all (`tags { hosttags = 1.5 }` is
// "valid"); lvm2 reads it at start-up instead. Types there are recorded from lvm2's behaviour at
// start-up and marked `unchecked`, so the analysis never calls them errors.
{
  const r = lvmconfig(['--validate'], 'tags {\n\thosttags = 1.5\n}\n');
  const hosttags = settings.get('tags/hosttags');
  if (hosttags && r.status === 0) Object.assign(hosttags, { type: 'boolean', unchecked: true });
  const hl = settings.get('tags/<tag>/host_list');
  const r2 = lvmconfig(['--validate'], 'tags {\n\ttag0 {\n\t\thost_list = [ 1.5 ]\n\t}\n}\n');
  if (hl && /Invalid hostname string/.test(r2.stderr + r2.stdout)) Object.assign(hl, { type: 'array:string', unchecked: true });
}
for (const s of settings.values()) {
  if (s.type === undefined) {
    // A float is accepted only by float settings (none in 2.03.16) — or the probe was skipped.
    const r = lvmconfig(['--validate'], treeText([s.path], () => '1.5'));
    s.type = r.status === 0 ? 'float' : 'unknown';
  }
}

// ---- empty values
const EMPTY_RE = /Configuration setting "([^"]+)" invalid\. It cannot be set to an empty value\./;
{
  const strs = probeable.filter((p) => !variable(p) && /^(string|array)/.test(settings.get(p).type));
  const r = lvmconfig(['--validate'], treeText(strs, () => '""'));
  for (const s of strs.map((p) => settings.get(p))) s.emptyString = true;
  for (const line of (r.stderr + r.stdout).split('\n')) {
    const m = EMPTY_RE.exec(line.trim());
    if (m) settings.get(probePath(m[1])).emptyString = false;
  }
  for (const p of probeable.filter((p) => settings.get(p).type.startsWith('array'))) {
    const r2 = lvmconfig(['--validate'], treeText([p], () => '[ ]'), false);
    settings.get(p).emptyArray = !/Empty value not allowed|cannot be set to an empty value/.test(r2.stderr + r2.stdout);
  }
  commands.push('LVM_SYSTEM_DIR=<private> lvmconfig --validate   (once per array setting set to [ ])');
}

// ---- profiles
for (const kind of ['command', 'metadata']) {
  const t = lvmconfig(['--type', `profilable-${kind}`, '--withcomments', ...ALL]).stdout;
  parseCommented(
    t,
    (o) => {
      const s = settings.get(o.path);
      if (s) s.profilable = kind;
    },
    () => {},
  );
}

// ---- assemble
const fmt = (v) => {
  if (!v) return undefined;
  const [a, b, c] = v.split('.').map(Number);
  return `${a}.${String(b).padStart(2, '0')}.${String(c).padStart(2, '0')}`;
};
const fixDir = (v) =>
  typeof v === 'string' ? v.split(sysdir).join(SYSTEM_DIR) : Array.isArray(v) ? v.map(fixDir) : v;
const out = [];
for (const s of settings.values()) {
  const raw = s._raw ?? { flags: new Set() };
  const flags = raw.flags;
  const e = {
    path: s.path,
    section: s.section,
    name: s.name,
    type: s.type,
  };
  if (flags.has('does not have a default value defined') || raw.value === undefined) e.noDefault = true;
  else {
    e.default = fixDir(parseValue(raw.value));
    e.defaultText = fixDir(raw.value);
    if (flags.has('has an automatic default value')) e.runtimeDefault = true;
  }
  e.since = fmt(s.since);
  if (flags.has('is deprecated') || raw.deprecatedSince) {
    e.deprecated = true;
    if (raw.deprecatedSince) e.deprecatedSince = fmt(raw.deprecatedSince);
  }
  if (flags.has('is not officially supported')) e.unsupported = true;
  if (flags.has('is advanced')) e.advanced = true;
  if (!shown.has(s.path)) e.hidden = true;
  if (s.profilable) e.profilable = s.profilable;
  if (s.emptyString === false) e.emptyString = false;
  if (s.emptyArray === false) e.emptyArray = false;
  if (s.unchecked) e.unchecked = true;
  out.push(e);
}
const secOut = [...sections.values()].map((sec) => {
  const o = { path: sec.path, since: fmt(sec.since) };
  if (sec.flags.has('has variable name')) o.variableName = true;
  if (sec.flags.has('is deprecated')) o.deprecated = true;
  if (sec.flags.has('is not officially supported')) o.unsupported = true;
  if (sec.deprecatedSince) o.deprecatedSince = fmt(sec.deprecatedSince);
  return o;
});
const schema = {
  provenance: {
    lvm2: version,
    source: 'Debian package lvm2 (lvmconfig), facts only; descriptions are hand-written in notes.ts',
    generator: 'scripts/gen-lvm-schema.mjs',
    date: new Date().toISOString().slice(0, 10),
    commands: [...new Set(commands)],
    counts: {
      settings: out.length,
      shownByDefault: out.filter((e) => !e.hidden).length,
      deprecated: out.filter((e) => e.deprecated).length,
      unsupported: out.filter((e) => e.unsupported).length,
    },
  },
  sections: secOut,
  settings: out,
};
rmSync(sysdir, { recursive: true, force: true });
const unknown = out.filter((e) => e.type === 'unknown');
if (unknown.length) console.error(`warning: no type for ${unknown.map((e) => e.path).join(', ')}`);
const json = JSON.stringify(schema, null, 1) + '\n';
if (check) {
  const have = JSON.parse(readFileSync(outPath, 'utf8'));
  const strip = (s) => JSON.stringify({ ...s, provenance: { ...s.provenance, date: undefined } });
  if (strip(have) !== strip(schema)) {
    console.error(`${outPath} differs from what lvmconfig ${version} says; rerun scripts/gen-lvm-schema.mjs`);
    process.exit(1);
  }
  console.log(`${outPath} matches lvmconfig ${version}`);
} else {
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, json);
  console.log(`wrote ${outPath}: ${out.length} settings (${schema.provenance.counts.shownByDefault} shown by default, ${schema.provenance.counts.deprecated} deprecated, ${schema.provenance.counts.unsupported} unsupported)`);
}
