// Which documents `blockwise lsp` takes from an editor that sends its own language ids: the pure
// function the server calls on didOpen (server/src/lsp/documents.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentLanguage, pathOfUri } from '../../server/src/lsp/documents';

test('our language ids are taken as they are; others fall back to name and content', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['file:///etc/lvm/lvm.conf', '', 'devices {\n}\n', 'lvm-conf'],
    ['file:///etc/lvm/lvm.conf', 'conf', 'devices {\n}\n', 'lvm-conf'],
    ['file:///srv/pxe/install.ks', 'kscript', 'zerombr\n', 'kickstart'],
    ['file:///root/anaconda-ks.cfg', 'cfg', 'zerombr\n', 'kickstart'],
    ['file:///srv/pxe/menu.cfg', 'text', '#version=RHEL9\nzerombr\n', 'kickstart'],
    ['file:///etc/lvm/backup/vg0', 'text', 'contents = "Text Format Volume Group"\nversion = 1\n', 'lvm-metadata'],
    ['file:///tmp/copy.txt', 'plaintext', '# x\ncontents = "Text Format Volume Group"\n', 'lvm-metadata'],
    ['file:///etc/lvm/profile/thin-performance.profile', 'sh', 'allocation {\n}\n', 'lvm-conf'],
    ['file:///tmp/vdo.profile', 'conf', 'allocation {\n}\n', 'lvm-conf'],
    // Not ours.
    ['file:///home/admin/.profile', 'sh', 'umask 022\n. "$HOME/.bashrc"\n', undefined],
    ['file:///home/admin/.profile', 'sh', 'if [ -n "$BASH_VERSION" ]; then\n  :\nfi\n', undefined],
    ['file:///etc/ssh/sshd_config', 'sshdconfig', 'Port 22\n', undefined],
    ['file:///etc/app.conf', 'conf', 'key = value\n', undefined],
    ['file:///setup.sh', 'sh', 'echo hi\n', undefined],
    // An explicit language id of ours wins over the name.
    ['file:///tmp/notes.txt', 'kickstart', 'text\n', 'kickstart'],
    ['untitled:Untitled-1', 'lvm-metadata', '', 'lvm-metadata'],
  ];
  for (const [uri, id, text, want] of cases) assert.equal(documentLanguage(uri, id, text), want, `${uri} (${id})`);
  assert.equal(documentLanguage('file:///srv/pxe/install.ks', undefined, ''), 'kickstart', 'no languageId at all');
});

test('file URIs are decoded to paths; other schemes keep their path part', () => {
  assert.equal(pathOfUri('file:///etc/lvm/my%20lvm.conf'), '/etc/lvm/my lvm.conf');
  assert.equal(pathOfUri('blockwise-remote://db1/etc/lvm/lvm.conf'), '/etc/lvm/lvm.conf');
  assert.equal(pathOfUri('file:///bad%E0%A4%A'), '/bad%E0%A4%A');
});
