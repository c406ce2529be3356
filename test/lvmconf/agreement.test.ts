// Agreement with lvm2: every config of the corpus (hand-written fixtures, Debian's shipped files,
// and configs generated from the schema) is checked by Blockwise and by `lvmconfig --validate`
// with a private LVM_SYSTEM_DIR. Every setting or section lvm2 calls unknown or mistyped must get
// one of our findings on a line where that path is written; a config lvm2 calls valid must get
// no error from us except the documented semantic codes lvm2's --validate does not check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalize } from '../../server/src/core/rules';
import { analyzeLvmConf } from '../../server/src/lvmconf/analyze';
import { getModel } from '../../server/src/lvmconf/model';
import { SEMANTIC_ERROR_CODES } from '../../server/src/lvmconf/rules';
import { corpus } from './corpus';
import { doc, setup } from './helpers';

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
