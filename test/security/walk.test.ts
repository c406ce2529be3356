// Attack suite, folder walks (issue 28 items 2 and 7): links leaving the folder are not followed
// and are listed with the reason; a secret-looking token of a walked file is never printed whole;
// an unreadable file or folder (as a non-root user) is reported and the run goes on (exit 2 at
// the end, results of the other files printed); a kickstart whose name is not UTF-8 is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixtures, noNobody, tempDir } from './helpers';

const TOKEN = 'ghp_8fK2xQ9mZr4TnV7bWc1LpYs3Hd6Ju0EaGt5N';
const UNGUARDED = '#version=RHEL9\nclearpart --all --initlabel\nautopart\nrootpw --lock\n%packages\n@core\n%end\n';

test('a link leaving the folder is skipped with its reason; the secret it points to is never read', () => {
  const d = tempDir('links');
  const outside = tempDir('secret');
  writeFileSync(join(outside, '.git-credentials'), `https://admin:${TOKEN}@github.com\n`);
  writeFileSync(join(outside, 'token.txt'), `${TOKEN}\n`);
  mkdirSync(join(d, 'lvm', 'backup'), { recursive: true });
  symlinkSync(join(outside, '.git-credentials'), join(d, 'lvm', 'backup', 'vg0'));
  symlinkSync(join(outside, 'token.txt'), join(d, 'a.ks'));
  // A link inside the folder is still followed (once).
  writeFileSync(join(d, 'real.ks'), UNGUARDED);
  symlinkSync('real.ks', join(d, 'alias.ks'));
  for (const format of ['text', 'json', 'sarif']) {
    const r = cli(['check', '--fail-on', 'warning', '--format', format, d]);
    assert.doesNotMatch(r.out + r.err, new RegExp(TOKEN.slice(4, 20)), `${format}: the token is not printed`);
    assert.match(r.err, /a\.ks: skipped, a link to .*token\.txt, outside/);
    assert.match(r.err, /vg0: skipped, a link to .*\.git-credentials, outside/);
    assert.equal(r.status, 1, `${format}: the kickstart inside is still checked (${r.err})`);
  }
  const text = cli(['check', d]).out;
  assert.match(text, /1 file checked/); // real.ks and alias.ks are one file
  // Named explicitly, the admin's own choice is read.
  const named = cli(['check', '--language', 'kickstart', join(d, 'a.ks')]);
  assert.notEqual(named.status, 2);
});

test('findings of a walked file show a secret-looking token only masked; a named file in full', () => {
  const d = tempDir('mask');
  // A token pasted into a kickstart by mistake: the unknown-command message quotes the word.
  writeFileSync(join(d, 'leak.ks'), `#version=RHEL9\n${TOKEN}\nautopart\n`);
  const walked = cli(['check', '--format', 'json', d]);
  assert.doesNotMatch(walked.out, new RegExp(TOKEN), walked.out);
  assert.match(walked.out, /ghp_…\(40 chars\)/);
  const named = cli(['check', '--format', 'json', join(d, 'leak.ks')]);
  assert.match(named.out, new RegExp(TOKEN));
});

test('an unreadable file and folder are reported, the run goes on, exit 2 at the end', { skip: noNobody }, () => {
  const d = tempDir('unreadable');
  mkdirSync(join(d, 'lvm', 'archive'), { recursive: true });
  const archive = join(d, 'lvm', 'archive', 'vg.data+1_00000-461331424.vg');
  copyFileSync(join(fixtures, 'metadata', 'archive', 'vg.data+1_00000-461331424.vg'), archive);
  chmodSync(archive, 0o000);
  mkdirSync(join(d, 'closed'));
  writeFileSync(join(d, 'closed', 'x.ks'), UNGUARDED);
  chmodSync(join(d, 'closed'), 0o000);
  writeFileSync(join(d, 'site.ks'), UNGUARDED);
  chmodSync(join(d, 'site.ks'), 0o644);
  const r = cli(['check', d], { unprivileged: true });
  assert.equal(r.status, 2, r.err);
  assert.match(r.err, /cannot read .*vg\.data\+1_00000-461331424\.vg: permission denied/);
  assert.match(r.err, /cannot read folder .*closed: permission denied/);
  assert.match(r.out, /site\.ks:\d+:\d+: (error|warning)/, 'the readable kickstart still has its findings');
  assert.match(r.out, /1 file checked/);
});

test('a kickstart whose name is not UTF-8 is checked, its name shown escaped', () => {
  const d = tempDir('names');
  const name = Buffer.concat([Buffer.from(join(d, 'inst')), Buffer.from([0xff, 0xfe]), Buffer.from('.ks')]);
  writeFileSync(name, UNGUARDED);
  const r = cli(['check', '--fail-on', 'warning', d]);
  assert.equal(r.status, 1, `the unguarded clearpart fails the gate (${r.out}${r.err})`);
  assert.match(r.out, /inst\\xff\\xfe\.ks:\d+:\d+/);
  assert.match(r.out, /1 file checked/);
  // The same file is what was read (its bytes, not a look-alike name).
  assert.equal(readFileSync(name, 'utf8'), UNGUARDED);
});

test('backups DIR: an archive entry linking outside the folder is listed as skipped, never read', () => {
  const d = tempDir('backup-links');
  const outside = tempDir('backup-secret');
  mkdirSync(join(d, 'archive'));
  const real = readFileSync(join(fixtures, 'metadata', 'archive', 'vg.data+1_00000-461331424.vg'), 'utf8');
  // A file elsewhere that happens to hold a token where lvm2 writes the description.
  writeFileSync(join(outside, 'notes.vg'), real.replace(/^description = ".*"$/m, `description = "${TOKEN}"`));
  symlinkSync(join(outside, 'notes.vg'), join(d, 'archive', 'vg.data+1_00099-1.vg'));
  copyFileSync(join(fixtures, 'metadata', 'archive', 'vg.data+1_00000-461331424.vg'), join(d, 'archive', 'vg.data+1_00000-461331424.vg'));
  const r = cli(['backups', d]);
  assert.equal(r.status, 0, r.err);
  assert.doesNotMatch(r.out + r.err, new RegExp(TOKEN));
  assert.match(r.err, /vg\.data\+1_00099-1\.vg: skipped, a link to .*notes\.vg, outside/);
  assert.match(r.out, /vg\.data\+1 \(1 file\)/);
});

test('backups DIR: an archive whose name is not UTF-8 is reported, not skipped silently', () => {
  const d = tempDir('backup-names');
  mkdirSync(join(d, 'archive'));
  const src = join(fixtures, 'metadata', 'archive', 'vg.data+1_00000-461331424.vg');
  writeFileSync(Buffer.concat([Buffer.from(join(d, 'archive', 'vg.data+1_00001-')), Buffer.from([0xff]), Buffer.from('.vg')]), readFileSync(src));
  copyFileSync(src, join(d, 'archive', 'vg.data+1_00000-461331424.vg'));
  const r = cli(['backups', d]);
  assert.equal(r.status, 0, r.err);
  assert.match(r.err, /vg\.data\+1_00001-\uFFFD\.vg: skipped, its name is not UTF-8/);
  assert.match(r.out, /vg\.data\+1 \(1 file\)/);
});
