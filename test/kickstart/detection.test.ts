// Issue 23, item 5: kickstarts are found by the names sites give them and by a long %pre at the
// top, in the editor (detectLanguage) and in folder walks of `blockwise check` (walkLanguage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkLanguage } from '../../server/src/checkfiles';
import { detectLanguage } from '../../server/src/languages';

const root = join(__dirname, '..', '..', '..', '..');

/** A disk-picking %pre of `n` shell lines first, then the commands (well past the 8 KB head). */
function longPre(n: number, header = '%pre --interpreter=/usr/bin/bash --log=/tmp/ks-pre.log'): string {
  const body: string[] = [];
  for (let i = 0; i < n; i++) body.push(`if [ -b /dev/sd${String.fromCharCode(97 + (i % 26))} ]; then disks="$disks sd${String.fromCharCode(97 + (i % 26))}"; fi`);
  return `# provisioning kickstart\n\n${header}\n${body.join('\n')}\necho "ignoredisk --only-use=\${disks# }" > /tmp/disks.ks\n%end\n%include /tmp/disks.ks\nautopart\n`;
}

test('kickstart names: *_ks.cfg, *-ks.cfg, ks-*.cfg, ks_*.cfg, besides *.ks, ks.cfg and anaconda-ks.cfg', () => {
  for (const name of ['web_ks.cfg', 'rhel9-web-ks.cfg', 'ks-rhel9.cfg', 'ks_centos7_minimal.cfg', 'node.ks', 'ks.cfg', 'anaconda-ks.cfg', 'pxe/ks-compute.cfg']) {
    assert.equal(detectLanguage(name), 'kickstart', name);
    assert.equal(walkLanguage(`/srv/pxe/${name}`, () => ''), 'kickstart', name);
  }
  // Not kickstarts: similar names of other things.
  for (const name of ['ks.conf', 'books.cfg', 'tasks.cfg', 'ksh.cfg', 'ks-notes.txt']) assert.equal(detectLanguage(name, 'hello\n'), undefined, name);
});

test('a file that opens with a long %pre is a kickstart, by content, whatever its name', () => {
  const text = longPre(400);
  assert.ok(text.length > 8192);
  const head = text.slice(0, 8192);
  assert.equal(detectLanguage('/srv/pxe/compute.cfg', head), 'kickstart');
  assert.equal(detectLanguage('/srv/pxe/default', head), 'kickstart');
  assert.equal(walkLanguage('/srv/pxe/compute.cfg', () => head), 'kickstart');
  assert.equal(detectLanguage('/srv/pxe/compute.cfg', longPre(400, '%pre')), 'kickstart');
  assert.equal(detectLanguage('/srv/pxe/compute.cfg', longPre(400, '%pre-install --log=/tmp/x')), 'kickstart');
  assert.equal(detectLanguage('/srv/pxe/compute.cfg', longPre(400, '%pre --erroronfail --log /tmp/pre-install.log')), 'kickstart');
  // An RPM spec scriptlet is not a kickstart section.
  assert.equal(detectLanguage('/tmp/x.cfg', '%pre -n foo-server\ngetent group foo >/dev/null || groupadd -r foo\n'), undefined);
  // Before this change the command count alone missed it (one %pre header, shell lines after).
  // Not kickstarts: lines that only start like a section.
  assert.equal(detectLanguage('/tmp/x.cfg', '%prefix = /usr\n%pre: build\n'), undefined);
  assert.equal(detectLanguage('/tmp/x.cfg', '#!/bin/sh\necho %pre\n'), undefined);
});

test('real kickstarts of the corpus still detected by content alone', () => {
  for (const p of ['test/fixtures/kickstart/real/RHEL7/centos7-minimal.cfg', 'test/fixtures/kickstart/includes/pre-onlyuse-echo.ks']) {
    const head = readFileSync(join(root, p), 'utf8').slice(0, 8192);
    assert.equal(detectLanguage('/tmp/unnamed', head), 'kickstart', p);
  }
});
