#!/usr/bin/env node
// Record what the real lvm2 says about every real lvm.conf, lvmlocal.conf and profile in
// test/fixtures/real/lvm/ (sources and the release each file was written for: SOURCES.md) into
// test/fixtures/real/lvm/verdicts.json. test/lvmconf/real-corpus.test.ts checks Blockwise
// against it and re-runs lvmconfig live where lvm2 is installed.
//
// Two records per file:
//   - lvmconfig: Debian's installed lvm2 (`lvmconfig --validate`, private LVM_SYSTEM_DIR holding
//     the file as lvm.conf, as lvmlocal.conf next to an empty lvm.conf, or as profile/<name>.profile
//     applied with --commandprofile / --metadataprofile). This is the verdict for files written
//     for lvm2 2.03.
//   - table: lvm2's own settings table for the file's release (server/src/lvmconf/releases.json,
//     generated from lib/config/config_settings.h per tag): every setting the file sets must be
//     present in that release; the ones that release deprecates are listed. This is the verdict
//     for files written for lvm2 2.02 (no 2.02 binary is installed), and for 2.03 files whose
//     release knows other settings than the installed lvm2 (e.g. VDO settings 2.03.16 dropped).
//
// Usage: node scripts/lvm-real-verdicts.mjs [--check]   (--check: compare, do not write)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, 'test/fixtures/real/lvm');
const out = join(corpus, 'verdicts.json');
const check = process.argv.includes('--check');
const LVMCONFIG = ['/usr/sbin/lvmconfig', '/sbin/lvmconfig'].find((p) => existsSync(p));
if (!LVMCONFIG) {
  console.error('lvmconfig (Debian package lvm2) is not installed');
  process.exit(2);
}
const table = JSON.parse(readFileSync(join(root, 'server/src/lvmconf/releases.json'), 'utf8'));
const FIRST = table.releases[0];

function cmp(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
function at(list, release) {
  let v;
  for (const [r, x] of list) {
    if (cmp(r, release) > 0) break;
    v = x;
  }
  return v;
}

/** file -> { release, kind } from the SOURCES.md table (columns: file | repository | path | commit | licence | release | ...). */
export function readSources() {
  const rows = {};
  for (const line of readFileSync(join(corpus, 'SOURCES.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8 || !/\.(conf|profile)$/.test(cells[1])) continue;
    rows[cells[1]] = { repository: cells[2], path: cells[3], commit: cells[4], licence: cells[5], release: cells[6] };
  }
  return rows;
}

export function kindOf(file) {
  if (file.endsWith('.profile')) return 'profile';
  if (file.endsWith('lvmlocal.conf')) return 'lvmlocal.conf';
  return 'lvm.conf';
}

/** Run lvmconfig with a fresh private LVM_SYSTEM_DIR holding `text` where `kind` says. */
export function lvmconfig(lvmconfigPath, text, kind, profileKind) {
  const dir = mkdtempSync(join(tmpdir(), 'blockwise-realcorpus-'));
  try {
    const env = { ...process.env, LVM_SYSTEM_DIR: dir, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' };
    const args = ['--validate'];
    if (kind === 'lvm.conf') writeFileSync(join(dir, 'lvm.conf'), text);
    else writeFileSync(join(dir, 'lvm.conf'), '');
    if (kind === 'lvmlocal.conf') writeFileSync(join(dir, 'lvmlocal.conf'), text);
    if (kind === 'profile') {
      mkdirSync(join(dir, 'profile'));
      writeFileSync(join(dir, 'profile', 'realcorpus.profile'), text);
      args.push(profileKind === 'metadata' ? '--metadataprofile' : '--commandprofile', 'realcorpus');
    }
    const r = spawnSync(lvmconfigPath, args, { env, encoding: 'utf8' });
    const messages = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l && l !== 'LVM configuration valid.');
    return { status: r.status, messages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The setting paths a config sets, read with lvm2's config syntax (sections `name {...}`,
 * `name = value`, arrays `[...]`, `#` comments, double-quoted strings). lvmconfig's own print
 * is no use here: it leaves out the settings it calls unknown.
 */
export function settingPaths(text) {
  const tokens = [];
  const re = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"?|[{}[\]=,]|[^\s{}[\]=,#"]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith('#')) continue;
    tokens.push(t);
  }
  const stack = [];
  const paths = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '}') {
      stack.pop();
      continue;
    }
    const next = tokens[i + 1];
    if (next === '{') {
      stack.push(t);
      i++;
    } else if (next === '=') {
      paths.push([...stack, t].join('/'));
      i += 2;
      if (tokens[i] === '[') while (i < tokens.length && tokens[i] !== ']') i++;
    }
  }
  return paths;
}

/** The settings table's verdict at `release` for the set paths (tags/<name>/... by its schema form). */
export function tableVerdict(paths, release) {
  const unknown = [];
  const deprecated = [];
  for (const p of paths) {
    // lvm2 passes cache_settings' contents to the kernel policy unchecked (free-form keys).
    if (p.startsWith('allocation/cache_settings/')) continue;
    const parts = p.split('/');
    const key = parts[0] === 'tags' && parts.length === 3 ? `tags/<tag>/${parts[2]}` : p;
    const h = table.settings[key];
    let present = false;
    if (h) {
      if (cmp(release, FIRST) < 0) present = h.since !== undefined && cmp(h.since, release) <= 0 && at(h.present, FIRST) === true;
      else present = at(h.present, release) === true;
    }
    if (!present) unknown.push(p);
    else if (h.deprecatedSince && cmp(h.deprecatedSince, release) <= 0) deprecated.push(p);
  }
  return { release, valid: unknown.length === 0, unknown, deprecated };
}

function lvm2Version() {
  const r = spawnSync(LVMCONFIG, ['--version'], { env: { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' }, encoding: 'utf8' });
  return /LVM version:\s*(\S+)/.exec(r.stdout)?.[1] ?? 'unknown';
}

function main() {
  const sources = readSources();
  const files = readdirSync(corpus).filter((f) => /\.(conf|profile)$/.test(f)).sort();
  const missing = files.filter((f) => !sources[f]);
  if (missing.length) throw new Error(`not in SOURCES.md: ${missing.join(', ')}`);
  const lvm2 = lvm2Version();
  const installed = lvm2.replace(/\(.*$/, '');
  const doc = { lvmconfig: LVMCONFIG, lvm2, table: `${table.provenance.first.tag}..${table.provenance.last.tag}`, files: {} };
  for (const f of files) {
    const text = readFileSync(join(corpus, f), 'utf8');
    const kind = kindOf(f);
    const { release } = sources[f];
    const rec = { release, family: cmp(release, '2.03.0') >= 0 ? '2.03' : '2.02', kind };
    let live;
    if (kind === 'profile') {
      // The kind lvm2 accepts it as; a profile neither kind accepts is recorded as the kind its name says.
      const cmd = lvmconfig(LVMCONFIG, text, kind, 'command');
      const meta = lvmconfig(LVMCONFIG, text, kind, 'metadata');
      rec.profileKind = meta.status === 0 ? 'metadata' : cmd.status === 0 ? 'command' : /command/.test(f) ? 'command' : 'metadata';
      live = rec.profileKind === 'metadata' ? meta : cmd;
    } else live = lvmconfig(LVMCONFIG, text, kind);
    const paths = settingPaths(text);
    rec.settings = paths.length;
    rec.lvmconfig = { valid: live.status === 0, messages: live.messages };
    rec.table = tableVerdict(paths, release);
    // The table at the installed release: must name exactly the settings lvmconfig calls unknown.
    rec.tableAtInstalled = tableVerdict(paths, installed).unknown;
    // 2.03 files: the installed lvmconfig decides, unless the file's own release knows a different
    // set of settings than the installed one (then lvm2's table of the file's release does).
    const same = rec.table.unknown.join() === rec.tableAtInstalled.join();
    rec.verdict = rec.family === '2.03' && same ? 'lvmconfig' : 'table';
    doc.files[f] = rec;
  }
  const json = `${JSON.stringify(doc, null, 1)}\n`;
  if (check) {
    const old = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (old !== json) {
      const was = old ? JSON.parse(old) : { files: {} };
      if (was.lvm2 !== doc.lvm2) console.error(`recorded with lvm2 ${was.lvm2}, installed ${doc.lvm2}`);
      for (const f of new Set([...Object.keys(was.files), ...files])) {
        if (JSON.stringify(was.files[f]) !== JSON.stringify(doc.files[f])) console.error(`${f}: recorded ${JSON.stringify(was.files[f]?.lvmconfig)}, now ${JSON.stringify(doc.files[f]?.lvmconfig)}`);
      }
      console.error('verdicts.json differs from what lvm2 says now');
      process.exit(1);
    }
    console.log(`verdicts.json matches (${files.length} files)`);
    return;
  }
  writeFileSync(out, json);
  const n = Object.values(doc.files);
  console.log(`${n.length} files: lvmconfig ${doc.lvm2} valid ${n.filter((r) => r.lvmconfig.valid).length}; table valid ${n.filter((r) => r.table.valid).length}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
