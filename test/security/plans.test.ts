// Attack suite, restore plans and the smaller items (issue 28 item 8): --archive-dir validated like
// FILE; a PV's device hint used only when it is a plain /dev/ path that is not a likely system disk;
// bidi and C1 controls from a file escaped in plan comments; the ControlMaster folder refuses
// links; the lvm2 JSON repair removes only trailing commas, in linear time. Real lvm2-written
// metadata (test/fixtures/metadata, see make-log.txt there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlDirFor, isPrivateDir } from '../../server/src/remote/controldir';
import { dropTrailingCommas, parseFullReport } from '../../server/src/remote/report';
import { cli, fixtures, RAW_CONTROL, tempDir } from './helpers';

const meta = join(fixtures, 'metadata');

test('--archive-dir with a line break is refused (no `rm -rf ~` line in a plan)', () => {
  const d = tempDir('archdir');
  const evil = join(d, 'x\nrm -rf ~ #');
  mkdirSync(evil);
  for (const n of readdirSync(join(meta, 'archive')).filter((n) => n.startsWith('vg_miss-2_'))) copyFileSync(join(meta, 'archive', n), join(evil, n));
  const r = cli(['backups', 'restore', '--archive-dir', evil, join(meta, 'backup', 'vg_miss-2')]);
  assert.equal(r.status, 2, r.out);
  assert.doesNotMatch(r.out, /^rm -rf/m);
  assert.match(r.err, /--archive-dir .* control character/);
  // The same archives in a plain folder give the plan with the pre-loss archive.
  const plain = join(d, 'archive');
  mkdirSync(plain);
  for (const n of readdirSync(evil)) copyFileSync(join(evil, n), join(plain, n));
  const ok = cli(['backups', 'restore', '--archive-dir', plain, join(meta, 'backup', 'vg_miss-2')]);
  assert.equal(ok.status, 0, ok.err);
  assert.match(ok.out, /B2\. Or go back to the newest archive written before the loss/);
});

test('a lost PV device hint that is an option or a system disk becomes a placeholder', () => {
  const d = tempDir('hint');
  const src = readFileSync(join(meta, 'backup', 'vg.data+1'), 'utf8');
  const dev = /device = "([^"]+)"/.exec(src)![1];
  for (const [hint, expect] of [
    ['--yes', 'DEVICE'],
    ['/dev/sda', 'DEVICE'],
    ['/dev/nvme0n1', 'DEVICE'],
    ['/dev/../dev/sdb', 'DEVICE'],
    ['/dev/sdb1', '/dev/sdb1'],
    ['/dev/mapper/mpatha', '/dev/mapper/mpatha'],
  ]) {
    const f = join(d, 'vg.data+1');
    writeFileSync(f, src.replace(`device = "${dev}"`, `device = "${hint}"`));
    const r = cli(['backups', 'restore', '--lost', 'pv0', f]);
    assert.equal(r.status, 0, r.err);
    const line = r.out.split('\n').find((l) => l.startsWith('pvcreate --uuid'));
    assert.ok(line, r.out);
    assert.ok(line.endsWith(` '${expect}'`), `${hint}: ${line}`);
  }
});

test('bidi and C1 controls from a file are escaped in plan comments', () => {
  const d = tempDir('bidi');
  const f = join(d, 'vg.data+1');
  const src = readFileSync(join(meta, 'backup', 'vg.data+1'), 'utf8');
  writeFileSync(f, src.replace(/^description = ".*"$/m, 'description = "Created *after* executing \'lvcreate \u202e~ fr- mr\u2066 \u009b2J\u0085x\'"'));
  const r = cli(['backups', 'restore', f]);
  assert.equal(r.status, 0, r.err);
  assert.doesNotMatch(r.out, RAW_CONTROL);
  assert.match(r.out, /\\u\{202e\}~ fr- mr\\u\{2066\} \\x9b2J\\x85x/);
});

test('the ControlMaster folder is never a link, whoever made it', () => {
  const d = tempDir('cm');
  const target = join(d, 'target');
  mkdirSync(target, { mode: 0o700 });
  const link = join(d, 'cm');
  symlinkSync(target, link);
  assert.equal(isPrivateDir(link), false);
  assert.equal(isPrivateDir(target), true);
  // The preferred folder is a link: refused; $XDG_RUNTIME_DIR a link: refused; mkdtemp then.
  const runtime = join(d, 'runtime');
  symlinkSync(target, runtime);
  const got = controlDirFor(link, { XDG_RUNTIME_DIR: runtime }, 'linux');
  assert.ok(got && got !== link && !got.startsWith(runtime) && !got.startsWith(target), got);
  assert.equal(lstatSync(got).isSymbolicLink(), false);
  assert.equal(lstatSync(got).mode & 0o777, 0o700);
  rmSync(got, { recursive: true, force: true }); // the mkdtemp fallback's folder
  // A private $XDG_RUNTIME_DIR is used.
  const xdg = join(d, 'xdg');
  mkdirSync(xdg, { mode: 0o700 });
  assert.equal(controlDirFor(undefined, { XDG_RUNTIME_DIR: xdg }, 'linux'), join(xdg, 'blockwise-cm'));
  assert.equal(controlDirFor(undefined, {}, 'win32'), undefined);
});

test('the JSON repair removes only trailing commas, not commas inside strings', () => {
  assert.equal(dropTrailingCommas('{"log": [{"a": "x,]"}, \n ]}'), '{"log": [{"a": "x,]"} \n ]}');
  assert.equal(dropTrailingCommas('[1,2]'), '[1,2]');
  assert.equal(dropTrailingCommas('{"a":"\\",}",}'), '{"a":"\\",}"}');
  // lvm2 2.03.16's defect on 800 KB of log entries: repaired and parsed whole.
  const entries = Array.from({ length: 3300 }, (_, i) => `{"log_seq_num":"${i}", "log_type":"status", "log_context":"processing", "log_object_type":"cmd", "log_object_name":"", "log_object_id":"", "log_object_group":"", "log_object_group_id":"", "log_message":"msg ${i}", "log_errno":"0", "log_ret_code":"1"},`);
  const text = `{\n  "report": [],\n  "log": [\n${entries.join('\n')}\n  ]\n}\n`;
  assert.ok(text.length > 800_000);
  const r = parseFullReport(text);
  assert.equal(r.log.length, 3300);
  assert.equal(r.log[3299].log_message, 'msg 3299');
});
