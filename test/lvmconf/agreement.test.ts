// Agreement with lvm2: every config of the corpus (hand-written fixtures, Debian's shipped files,
// and configs generated from the schema) is checked by Blockwise and by `lvmconfig --validate`
// with a private LVM_SYSTEM_DIR. Every setting or section lvm2 calls unknown or mistyped must get
// one of our findings on a line where that path is written; a config lvm2 calls valid must get
// no error from us except the documented semantic codes lvm2's --validate does not check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalize } from '../../server/src/core/rules';
import { analyzeLvmConf } from '../../server/src/lvmconf/analyze';
import { getModel } from '../../server/src/lvmconf/model';
import { SEMANTIC_ERROR_CODES } from '../../server/src/lvmconf/rules';
import { getSchema, type SettingSpec } from '../../server/src/lvmconf/schema';
import { doc, root, setup } from './helpers';

const LVMCONFIG = ['/usr/sbin/lvmconfig', '/sbin/lvmconfig'].find((p) => existsSync(p));
const skip = LVMCONFIG ? false : 'lvmconfig (Debian package lvm2) is not installed; the agreement suite needs the real lvm2';
let sysdir = '';

before(async () => {
  await setup();
  if (LVMCONFIG) sysdir = mkdtempSync(join(tmpdir(), 'blockwise-agree-'));
});
after(() => {
  if (sysdir) rmSync(sysdir, { recursive: true, force: true });
});

function lvm2(text: string): { status: number; out: string } {
  writeFileSync(join(sysdir, 'lvm.conf'), text);
  const r = spawnSync(LVMCONFIG!, ['--validate'], {
    env: { ...process.env, LVM_SYSTEM_DIR: sysdir, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' },
    encoding: 'utf8',
  });
  return { status: r.status ?? -1, out: `${r.stdout}\n${r.stderr}` };
}

/** A seeded PRNG so a failing generated config can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function goodValue(s: SettingSpec): string {
  if (s.allowed) return `"${s.allowed[0]}"`;
  switch (s.type) {
    case 'boolean':
      return '1';
    case 'integer':
      return s.path === 'backup/retain_min' ? '100' : s.defaultText && /^-?\d+$/.test(s.defaultText) ? s.defaultText : '1';
    case 'string':
      return s.defaultText && s.defaultText !== '""' ? s.defaultText : '"x"';
    default:
      return s.defaultText && s.defaultText !== '[]' && !s.defaultText.includes('""') ? s.defaultText : '[ "x" ]';
  }
}
function badValue(s: SettingSpec, r: () => number): string {
  const opts = s.type === 'string' ? ['5', '1.5', '[ 1, 2 ]'] : s.type === 'integer' ? ['"12"', '1.5', 'word'] : s.type === 'boolean' ? ['"maybe"', '2.5', '"1"'] : ['1.5', '[ "a", 7 ]'];
  return opts[Math.floor(r() * opts.length)];
}

function generated(n: number): { name: string; text: string }[] {
  const schema = getSchema();
  const pool = [...schema.settings.values()].filter((s) => !s.section.includes('<') && !s.section.startsWith('tags') && s.path !== 'devices/types' && s.path !== 'devices/scan' && !s.path.startsWith('log/') && s.path !== 'global/activation');
  const out: { name: string; text: string }[] = [];
  for (let k = 0; k < n; k++) {
    const r = prng(1000 + k);
    const pick = () => pool[Math.floor(r() * pool.length)];
    const bySec = new Map<string, string[]>();
    const flat: string[] = [];
    const count = 3 + Math.floor(r() * 6);
    for (let j = 0; j < count; j++) {
      const s = pick();
      const mode = r();
      let line: string;
      let section = s.section;
      if (mode < 0.5) line = `${s.name} = ${goodValue(s)}`;
      else if (mode < 0.65) line = `${s.name} = ${badValue(s, r)}`;
      else if (mode < 0.75) line = `${s.name.slice(0, -1)}${s.name.endsWith('x') ? 'y' : 'x'} = ${goodValue(s)}`;
      else if (mode < 0.82) {
        const other = pick();
        section = other.section === s.section ? 'report' : other.section;
        line = `${s.name} = ${goodValue(s)}`;
      } else if (mode < 0.9) {
        flat.push(`${s.section}/${s.name} = ${r() < 0.5 ? goodValue(s) : badValue(s, r)}`);
        continue;
      } else {
        section = `${s.section}x`;
        line = `${s.name} = ${goodValue(s)}`;
      }
      if (!bySec.has(section)) bySec.set(section, []);
      bySec.get(section)!.push(line);
    }
    let text = `# generated config ${k} (seed ${1000 + k})\n`;
    for (const [sec, lines] of bySec) text += `${sec} {\n${lines.map((l) => `\t${l}\n`).join('')}}\n`;
    text += flat.map((l) => `${l}\n`).join('');
    out.push({ name: `generated-${k}`, text });
  }
  return out;
}

function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const fx = join(root, 'test', 'fixtures', 'lvmconf');
  for (const f of readdirSync(fx).sort()) out.push({ name: `fixtures/${f}`, text: readFileSync(join(fx, f), 'utf8') });
  const sm = join(root, 'samples', 'lvm');
  out.push({ name: 'debian/lvm.conf', text: readFileSync(join(sm, 'lvm.conf'), 'utf8') });
  out.push({ name: 'debian/lvmlocal.conf', text: readFileSync(join(sm, 'lvmlocal.conf'), 'utf8') });
  for (const f of readdirSync(join(sm, 'profiles')).sort()) out.push({ name: `debian/profiles/${f}`, text: readFileSync(join(sm, 'profiles', f), 'utf8') });
  out.push(...generated(50));
  return out;
}

const LVM2_MSG = [
  /Configuration setting "([^"]+)" unknown\./,
  /Configuration section "([^"]+)" unknown\./,
  /Configuration setting "([^"]+)" has invalid type\./,
  /Configuration setting "([^"]+)" invalid\./,
];

test('Blockwise agrees with lvmconfig --validate on the corpus', { skip }, () => {
  const all = corpus();
  assert.ok(all.length >= 60, `corpus has ${all.length} configs`);
  let lvm2Valid = 0;
  let lvm2Problems = 0;
  const failures: string[] = [];
  for (const c of all) {
    const d = doc(c.text, `file:///corpus/${c.name.replace(/\.profile$/, '.conf')}`);
    const findings = finalize(analyzeLvmConf(d, {}), d.lines);
    const model = getModel(d);
    const res = lvm2(c.text);
    if (res.status === 0) {
      lvm2Valid++;
      const errs = findings.filter((f) => f.severity === 'error' && !SEMANTIC_ERROR_CODES.has(f.code));
      for (const e of errs) failures.push(`${c.name}: lvm2 says valid, we say ${e.code} on line ${e.range.start.line + 1}: ${e.message}\n${c.text}`);
      continue;
    }
    for (const line of res.out.split('\n')) {
      for (const re of LVM2_MSG) {
        const m = re.exec(line);
        if (!m) continue;
        lvm2Problems++;
        const path = m[1];
        // Lines where that path (as a setting, section or flat-key prefix) is written.
        const where = new Set<number>();
        const ln = (o: number) => d.lines.positionAt(o).line;
        for (const s of model.settings) {
          if (s.path === path) where.add(ln(s.start));
          for (const imp of s.implied) if (imp.path === path) where.add(ln(s.start));
          if (!s.section && s.name === path) where.add(ln(s.start));
        }
        for (const s of model.sections) {
          if (s.path === path) where.add(ln(s.start));
          for (const imp of s.implied) if (imp.path === path) where.add(ln(s.start));
        }
        const hit = findings.some((f) => where.has(f.range.start.line) && f.code !== 'duplicate-setting');
        if (!hit) failures.push(`${c.name}: lvm2 says ${line.trim()} — no finding of ours on lines ${[...where].map((x) => x + 1).join(',') || '(path not found)'}\n${c.text}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(lvm2Valid > 10 && lvm2Problems > 20, `valid ${lvm2Valid}, problems ${lvm2Problems}`);
});
