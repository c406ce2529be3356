// Generates server/src/lvmconf/releases.json: for every lvm.conf setting and section, the releases
// it exists in, the release that deprecated it, and its type and flags, read from lvm2's own
// declaration of its settings (lib/config/config_settings.h) at every release tag.
//
//   node scripts/gen-lvm-releases.mjs --git-dir /path/to/lvm2.git [--out FILE]
//
// The lvm2 repository is read with `git show TAG:lib/config/config_settings.h` (a clone or a bare
// mirror; nothing is built or run). Only facts are kept: names, versions, types, flags. lvm2's
// comments (the prose) are not copied. The first tag that has the file is v2_02_99; settings of
// older releases fall back to each setting's own `since` version.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const gitDir = arg('--git-dir') ?? process.env.LVM2_GIT_DIR;
const out = arg('--out') ?? join(root, 'server/src/lvmconf/releases.json');
if (!gitDir) {
  console.error('usage: node scripts/gen-lvm-releases.mjs --git-dir PATH-TO-LVM2-GIT [--out FILE]');
  process.exit(2);
}
const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** v2_02_187 -> 2.02.187, v2_03_00 -> 2.03.0 */
const tagRelease = (t) => {
  const m = /^v(\d+)_(\d+)_(\d+)$/.exec(t);
  return m ? `${Number(m[1])}.${m[2].padStart(2, '0')}.${Number(m[3])}` : undefined;
};
const cmp = (a, b) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};
const vsn = (s) => {
  const m = /^vsn\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(s.trim());
  if (!m) return undefined;
  // 2.03.00 and 2.03.01 wrote their own release as vsn(3, 0, 0) (it was to be "3.0"); 2.03.02 on say vsn(2, 3, 0).
  if (m[1] === '3') return '2.03.0';
  return `${Number(m[1])}.${m[2].padStart(2, '0')}.${Number(m[3])}`;
};

/** Top-level macro calls `NAME(args...)` in C text: args split at commas outside strings/parens. */
function macroCalls(text, names) {
  const calls = [];
  // A call may be indented: 2.02.169 on write activation/mirror_region_size as " cfg(...)".
  const re = new RegExp(`^[ \\t]*(${names.join('|')})\\(`, 'gm');
  let m;
  while ((m = re.exec(text))) {
    let i = m.index + m[0].length;
    let depth = 1;
    let cur = '';
    const args = [];
    let inStr = false;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (inStr) {
        cur += c;
        if (c === '\\') cur += text[++i];
        else if (c === '"') inStr = false;
        continue;
      }
      if (c === '"') {
        inStr = true;
        cur += c;
      } else if (c === '(') {
        depth++;
        cur += c;
      } else if (c === ')') {
        depth--;
        if (depth > 0) cur += c;
      } else if (c === ',' && depth === 1) {
        args.push(cur.trim());
        cur = '';
      } else cur += c;
    }
    args.push(cur.trim());
    calls.push({ macro: m[1], args });
    re.lastIndex = i;
  }
  return calls;
}

/** The argument names of each macro as the tag's own header documents them (older tags: the short form). */
function signatures(text) {
  const sig = {
    cfg_section: ['id', 'name', 'parent', 'flags', 'since', 'comment'],
    cfg: ['id', 'name', 'parent', 'flags', 'type', 'default', 'since', 'comment'],
    cfg_array: ['id', 'name', 'parent', 'flags', 'types', 'default', 'since', 'comment'],
    cfg_runtime: ['id', 'name', 'parent', 'flags', 'type', 'since', 'comment'],
    cfg_array_runtime: ['id', 'name', 'parent', 'flags', 'types', 'since', 'comment'],
  };
  const rename = { since_version: 'since', deprecated_since_version: 'deprecated', default_value: 'default', unconfigured_default_value: 'unconfigured', deprecation_comment: 'deprecationComment' };
  for (const m of text.matchAll(/^ \*\s+(cfg(?:_section|_array|_runtime|_array_runtime)?)\(([^)]*)\)/gm)) {
    sig[m[1]] = m[2].split(',').map((s) => rename[s.trim()] ?? s.trim());
  }
  // Runtime variants not documented separately follow their plain form minus the default.
  if (!text.includes('cfg_array_runtime(id')) sig.cfg_array_runtime = sig.cfg_runtime.map((a) => (a === 'type' ? 'types' : a));
  return sig;
}

const TYPE = { CFG_TYPE_BOOL: 'boolean', CFG_TYPE_INT: 'integer', CFG_TYPE_FLOAT: 'float', CFG_TYPE_STRING: 'string' };
const typeOf = (macro, a) => {
  if (macro.startsWith('cfg_array')) {
    const ts = a.types.split('|').map((t) => TYPE[t.trim()]).filter(Boolean);
    return `array:${ts.join(' ')}`;
  }
  return TYPE[a.type?.trim()] ?? a.type;
};
const FLAG = {
  CFG_PROFILABLE: 'profilable',
  CFG_PROFILABLE_METADATA: 'profilable-metadata',
  CFG_ADVANCED: 'advanced',
  CFG_UNSUPPORTED: 'unsupported',
  CFG_DISABLED: 'disabled',
  CFG_NAME_VARIABLE: 'variable-name',
  CFG_SECTION_NO_CHECK: 'no-check',
  CFG_ALLOW_EMPTY: 'allow-empty',
};
const flagsOf = (s) => (s ?? '').split('|').map((f) => FLAG[f.trim()]).filter(Boolean).sort();

function readTag(tag) {
  const text = git('show', `${tag}:lib/config/config_settings.h`);
  const sig = signatures(text);
  const sections = new Map(); // id -> {path, since, deprecated, flags}
  const settings = new Map(); // path -> facts
  for (const { macro, args } of macroCalls(text, ['cfg_section', 'cfg_array_runtime', 'cfg_array', 'cfg_runtime', 'cfg'])) {
    const names = sig[macro];
    const a = Object.fromEntries(names.map((n, i) => [n, args[i]]));
    if (a.name === 'NULL') continue; // the CFG_COUNT end marker
    if (!/^".*"$/.test(a.name ?? '')) throw new Error(`${tag}: ${macro} args ${JSON.stringify(args.slice(0, 4))} do not fit the signature ${names.join(',')}`);
    const name = JSON.parse(a.name);
    const flags = flagsOf(a.flags);
    if (macro === 'cfg_section') {
      if (a.id === 'root_CFG_SECTION') {
        sections.set(a.id, { path: '' });
        continue;
      }
      const parent = sections.get(a.parent)?.path ?? '';
      const seg = flags.includes('variable-name') ? `<${name}>` : name;
      sections.set(a.id, { path: parent ? `${parent}/${seg}` : seg, since: vsn(a.since ?? ''), deprecated: a.deprecated && a.deprecated !== '0' ? vsn(a.deprecated) : undefined, flags });
      continue;
    }
    const parent = sections.get(a.parent)?.path;
    if (parent === undefined) continue;
    const path = `${parent}/${name}`;
    settings.set(path, { type: typeOf(macro, a), since: vsn(a.since ?? ''), deprecated: a.deprecated && a.deprecated !== '0' ? vsn(a.deprecated) : undefined, flags });
  }
  return { sections: [...sections.values()].filter((s) => s.path), settings };
}

const tags = git('tag', '--list', 'v2_0[23]_*')
  .split('\n')
  .filter((t) => /^v2_0[23]_\d+$/.test(t))
  .filter((t) => cmp(tagRelease(t), '2.02.99') >= 0)
  .sort((a, b) => cmp(tagRelease(a), tagRelease(b)));
const releases = [];
const settings = {};
const sections = {};
/** Record a fact's value per release as a change list: [[release, value], ...]. */
const track = (list, release, value) => {
  const v = JSON.stringify(value);
  if (!list.length || JSON.stringify(list[list.length - 1][1]) !== v) list.push([release, value]);
};
for (const tag of tags) {
  let facts;
  try {
    facts = readTag(tag);
  } catch (e) {
    if (/does not exist|exists on disk, but not in/.test(String(e.stderr ?? e.message))) continue; // a tag without the file
    throw e;
  }
  const r = tagRelease(tag);
  releases.push(r);
  for (const [path, f] of facts.settings) {
    const s = (settings[path] ??= { since: f.since, present: [], type: [], flags: [] });
    if (cmp(f.since ?? '9.9.9', s.since ?? '9.9.9') < 0) s.since = f.since;
    track(s.present, r, true);
    // A declared version: tags before 2.02.119 had no deprecation field, so the earliest version
    // any tag declares holds for every release from it on.
    if (f.deprecated && (!s.deprecatedSince || cmp(f.deprecated, s.deprecatedSince) < 0)) s.deprecatedSince = f.deprecated;
    track(s.type, r, f.type);
    track(s.flags, r, f.flags);
  }
  for (const path of Object.keys(settings)) if (!facts.settings.has(path)) track(settings[path].present, r, false);
  for (const sec of facts.sections) {
    const s = (sections[sec.path] ??= { since: sec.since, present: [], flags: [] });
    track(s.present, r, true);
    track(s.flags, r, sec.flags);
    if (sec.deprecated && (!s.deprecatedSince || cmp(sec.deprecated, s.deprecatedSince) < 0)) s.deprecatedSince = sec.deprecated;
  }
  for (const path of Object.keys(sections)) if (!facts.sections.some((x) => x.path === path)) track(sections[path].present, r, false);
}
const headOf = (tag) => git('rev-parse', `${tag}^{commit}`).trim();
const doc = {
  provenance: {
    source: 'lvm2 lib/config/config_settings.h at every release tag (facts only: names, versions, types, flags)',
    generator: 'scripts/gen-lvm-releases.mjs',
    first: { tag: tags[0], commit: headOf(tags[0]) },
    last: { tag: tags[tags.length - 1], commit: headOf(tags[tags.length - 1]) },
    note: 'Releases before 2.02.99 have no config_settings.h; for them each setting\'s own since version applies. Each list is [[release, value], ...]: the value holds from that release until the next entry. deprecatedSince is the version lvm2 declares (tags before 2.02.119 declared none; the declared version holds for them too).',
  },
  releases,
  settings,
  sections,
};
writeFileSync(out, `${JSON.stringify(doc)}\n`);
console.log(`${releases.length} releases (${releases[0]} .. ${releases[releases.length - 1]}), ${Object.keys(settings).length} settings, ${Object.keys(sections).length} sections -> ${out}`);
