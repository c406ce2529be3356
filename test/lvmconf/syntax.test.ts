// Syntax findings on the real tree-sitter-lvm grammar: one finding per mistake, worded for admins,
// on the line of the mistake. When Debian's lvmconfig is installed, every case is also checked to
// be refused by lvm2 (and the clean ones accepted), so the cases cannot drift from lvm2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLvmConf } from '../../server/src/lvmconf/analyze';
import { lvmSyntaxFindings } from '../../server/src/syntax/lvm-syntax';
import { doc, setup } from './helpers';

const LVMCONFIG = ['/usr/sbin/lvmconfig', '/sbin/lvmconfig'].find((p) => existsSync(p));
let sysdir = '';
before(async () => {
  await setup();
  if (LVMCONFIG) sysdir = mkdtempSync(join(tmpdir(), 'blockwise-syntax-'));
});
after(() => {
  if (sysdir) rmSync(sysdir, { recursive: true, force: true });
});

/** lvm2's verdict on the text as lvm.conf: true when it loads (semantic complaints do not count). */
function lvm2Loads(text: string): boolean | undefined {
  if (!LVMCONFIG) return undefined;
  writeFileSync(join(sysdir, 'lvm.conf'), text);
  const r = spawnSync(LVMCONFIG, ['--validate'], { env: { ...process.env, LVM_SYSTEM_DIR: sysdir, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' }, encoding: 'utf8' });
  return !/Failed to load config file|Parse error|Failed to read (int|float) token/.test(`${r.stdout}${r.stderr}`);
}

// [text, expected findings as `line: message pattern`]
const CASES: [string, [number, RegExp][]][] = [
  ['backup {\n\tretain_min = 10\n\nglobal {\n\tunits = "h"\n}\n', [[1, /Section `backup` opened on line 1 is never closed/]]],
  ['global {\n\tunits = "h"\n}\n\n\n\n\n\n\n\n\nbackup {\n\tretain_min = 10\n', [[12, /Section `backup` opened on line 12 is never closed/]]],
  ['s {\n\ta =\n}\n', [[2, /`a` has no value after `=`/]]],
  ['backup/retain_min =', [[1, /has no value after `=`/]]],
  ['s {\n\ta = "open\n}\n', [[2, /string opened on line 2 is never closed/]]],
  ["s {\n\tb = 1\n\ta = 'x\n\tc = 2\n}\n", [[3, /string opened on line 3 is never closed: its single quote/]]],
  ['a = "', [[1, /string opened on line 1 is never closed/]]],
  ['s {\n a = "x\n b = "y"\n}\n', [[2, /string opened on line 2 is probably never closed: it takes its closing quote from line 3/]]],
  ['a {\n b = 1\n}\n}\n', [[4, /`}` on line 4 closes no section/]]],
  ['s { a = [ , "x" ] }\n', [[1, /cannot start with a comma/]]],
  ['s { a = [ "x",, "y" ] }\n', [[1, /Two commas in a row/]]],
  ['s { a = [ 1 2 ] }\n', [[1, /`2` follows `1` without a comma: .*only before a quoted string/]]],
  ['s { a = [ "x" y ] }\n', [[1, /`y` follows `"x"` without a comma/]]],
  ['s {\n a = [ 1, 2 3 4 ]\n}\n', [[2, /`3` follows `2` without a comma/]]],
  ['devices { filter = [a|.*|] }\n', [[1, /unquoted value `a\|\.\*\|\]` takes the `\]`/]]],
  ['s { a = [ [ 1 ] ] }\n', [[1, /Lists cannot be nested/]]],
  ['s {\n x = 1\n y = [ 1, 2\n z = 3\n}\n', [[3, /list opened on line 3 is never closed/]]],
  ['s {\n a = [ "x" \n}\n', [[2, /list opened on line 2 is never closed/]]],
  ['# only a comment\n\n', [[1, /lvm2 refuses a file with no settings: every LVM command fails to load it/]]],
  ['\n\n', [[1, /lvm2 refuses a file with no settings/]]],
  ['# x\n\0a = 1\n', [[1, /no settings.*NUL byte on line 2/]]],
  ['s { a = 9223372036854775808 }\n', [[1, /cannot read the number `9223372036854775808`: integers must lie between/]]],
  ['s { a = -9223372036854775809 }\n', [[1, /cannot read the number `-9223372036854775809`/]]],
  ['s { a = 0x8000000000000000 }\n', [[1, /cannot read the number `0x8000000000000000`/]]],
  ['s { a = [ 99999999999999999999 ] }\n', [[1, /cannot read the number `99999999999999999999`/]]],
  ['s { a = 1.5e999 }\n', [[1, /cannot read the number `1\.5e999`: it is beyond the range of a double/]]],
  ['s { a = 0x1E }\n', [[1, /`0x1E`.*no hexadecimal/]]],
  ['s { a = 1e3 }\n', [[1, /`1e3`.*no exponent notation/]]],
  ['s {\n\ta = 5abc\n}\n', [[2, /`5abc`: it reads the number `5` and then `abc`/]]],
  ['s {\n\ta = 1.2.3\n}\n', [[2, /at most one `\.`/]]],
  ['s {\n\ta 1\n}\n', [[2, /`=` is missing between `a` and `1`/]]],
  ['# c\nfoo\n', [[2, /`foo` is followed by neither `=` nor `\{`/]]],
  ['"" {\n}\n', [[1, /section name cannot be empty/]]],
  ['backup = {\n\tretain_min = 10\n}\n', [[1, /A section is opened with `backup \{`, without `=`/]]],
  ['s {\n\t= 1\n}\n', [[2, /no name before `=`/]]],
];

test('each syntax mistake gets exactly one worded finding on its line', () => {
  for (const [text, want] of CASES) {
    const d = doc(text);
    const got = lvmSyntaxFindings(d.tree, d.lines);
    assert.equal(got.length, want.length, `${JSON.stringify(text)}: ${JSON.stringify(got.map((f) => f.message))}`);
    want.forEach(([line, re], i) => {
      assert.equal(got[i].range.start.line + 1, line, `${JSON.stringify(text)}: ${got[i].message}`);
      assert.match(got[i].message, re, JSON.stringify(text));
      assert.equal(got[i].code, 'syntax');
      assert.equal(got[i].severity, 'error');
    });
  }
});

test('lvm2 refuses every syntax case and loads the clean ones', { skip: LVMCONFIG ? false : 'lvmconfig (Debian lvm2) not installed' }, () => {
  for (const [text] of CASES) assert.equal(lvm2Loads(text), false, JSON.stringify(text));
  for (const ok of ['', 'a = "open at the end', 's { a = [ "x" "y", ] }\n', 's { a = [ 1, "b" ] }\n', 's {\n\tumask = 077#x\n}\n', 's { a = - }\n']) {
    assert.equal(lvm2Loads(ok), true, JSON.stringify(ok));
    const d = doc(ok);
    assert.deepEqual(lvmSyntaxFindings(d.tree, d.lines), [], JSON.stringify(ok));
  }
});

test('broken syntax does not also produce semantic findings about the same text', () => {
  // `global` inside the unclosed `backup` is not an unknown section backup/global; `b` inside the
  // root ERROR is not a top-level assignment; the swallowed `]` is not an invalid filter.
  for (const text of ['backup {\n\tretain_min = 10\n\nglobal {\n\tunits = "h"\n}\n', "backup {\n\tretain_min = 10\n\tarchive_dir = 'x\n", 'devices { filter = [a|.*|] }\n']) {
    const fs = analyzeLvmConf(doc(text), {});
    assert.deepEqual(fs.map((f) => f.code), ['syntax'], `${JSON.stringify(text)}: ${fs.map((f) => `${f.code}: ${f.message}`).join('\n')}`);
  }
});

test('quick fixes for a missing comma and a doubled comma', () => {
  const d = doc('s { a = [ 1 2 ] }\n');
  const f = lvmSyntaxFindings(d.tree, d.lines)[0];
  assert.equal(f.fixes![0].edits[0].newText, ',');
  assert.equal(f.fixes![0].edits[0].range.start.character, 11);
});
