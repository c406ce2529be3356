// editors/vim (shipped in the package): Vim and Neovim with it on the runtimepath give lvm.conf,
// lvmlocal.conf, profiles, metadata backups and kickstarts Blockwise's language ids as filetypes,
// and leave other files alone. Real editors, headless; skipped with the reason when one is absent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/util';

const root = repoRoot();
const EXPECT: [string, string, string?][] = [
  ['etc/lvm/lvm.conf', 'lvm-conf'],
  ['etc/lvm/lvmlocal.conf', 'lvm-conf'],
  ['repo/host_vars/db1.lvm.conf', 'lvm-conf'],
  ['etc/lvm/lvm.conf.rpmnew', 'lvm-conf'],
  ['etc/lvm/profile/thin-performance.profile', 'lvm-conf'],
  ['etc/lvm/backup/vg0', 'lvm-metadata'],
  ['etc/lvm/archive/vg0_00012-1234567890.vg', 'lvm-metadata'],
  ['install.ks', 'kickstart'],
  ['root/anaconda-ks.cfg', 'kickstart'],
  ['pxe/web-ks.cfg', 'kickstart'],
  ['pxe/rhel9.cfg', 'kickstart', '#version=RHEL9\nzerombr\n'],
  // Not ours: these keep what the editor gives them.
  ['etc/ssh/sshd_config', '!'],
  ['home/admin/.profile', '!'],
  ['pxe/menu.cfg', '!', 'default menu.c32\n'],
];

for (const [editor, exe, argv] of [
  ['Neovim', 'nvim', ['--headless', '--clean', '-i', 'NONE']],
  ['Vim', 'vim', ['-N', '-u', 'DEFAULTS', '-i', 'NONE', '--not-a-term', '-es']],
] as const) {
  const present = spawnSync('sh', ['-c', `command -v ${exe}`]).status === 0;
  test(`${editor}: editors/vim/ftdetect names Blockwise's files and no others`, { skip: present ? undefined : `${exe} is not installed (scripts/install-deps.sh installs it)` }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'blockwise-ft-'));
    try {
      const paths = EXPECT.map(([rel, , text]) => {
        const p = join(dir, rel);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text ?? '# empty\n');
        return p;
      });
      writeFileSync(join(dir, 'paths'), paths.join('\n') + '\n');
      const out = join(dir, 'out');
      const script = join(root, 'test', 'editors', 'scripts', 'filetypes.vim');
      const rtp = join(root, 'editors', 'vim');
      const r = spawnSync(exe, [...argv, '--cmd', `set rtp^=${rtp}`, '--cmd', 'filetype plugin on', '-S', script], {
        cwd: dir,
        input: '',
        encoding: 'utf8',
        timeout: 30000,
        env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, BLOCKWISE_FT_PATHS: join(dir, 'paths'), BLOCKWISE_FT_OUT: out },
      });
      const got = new Map(
        readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('\t'))
          .map(([p, ft, cms]) => [p, { ft, cms }]),
      );
      assert.equal(got.size, EXPECT.length, `${exe} exit ${r.status}: ${r.stderr}`);
      for (const [i, [rel, want]] of EXPECT.entries()) {
        const { ft, cms } = got.get(paths[i])!;
        if (want === '!') assert.ok(!['lvm-conf', 'lvm-metadata', 'kickstart'].includes(ft), `${rel}: ${ft}`);
        else {
          assert.equal(ft, want, rel);
          assert.equal(cms, '# %s', `${rel}: the ftplugin sets commentstring`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
