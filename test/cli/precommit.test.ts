// .pre-commit-hooks.yaml with Debian's pre-commit: `pre-commit try-repo` of this checkout on a
// temporary git repository holding a bad and a good kickstart (and a file that is not ours). pre-commit
// installs the hook as a node package: `npm install` in a copy of the repository (which builds it),
// `npm pack`, `npm install -g` of the tarball. That needs the npm registry (a warm npm cache is used
// first) and takes minutes; native addon builds are turned off here (as on a machine without a
// compiler: node-gyp gets no headers), so the hook parses with wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lsp/client';

const root = repoRoot();
const have = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !have('pre-commit') ? 'pre-commit is not installed (Debian package pre-commit; scripts/install-deps.sh installs it)' : !have('git') ? 'git is not installed' : !have('npm') ? 'npm is not on PATH' : false;

test('pre-commit try-repo: the blockwise hook fails on a bad kickstart, passes a good one, ignores other files', { skip, timeout: 900000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'bw-pre-commit-'));
  try {
    const repo = join(work, 'repo');
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    spawnSync('git', ['init', '-q', repo]);
    git('config', 'user.email', 'ci@example.invalid');
    git('config', 'user.name', 'ci');
    writeFileSync(join(repo, 'bad.ks'), 'clearpart --all --initlabel\nautopart\nfrobnicate\n');
    writeFileSync(join(repo, 'good.ks'), '#version=RHEL9\nignoredisk --only-use=sda\nclearpart --all --initlabel --drives=sda\nautopart\n');
    writeFileSync(join(repo, 'notes.txt'), 'frobnicate\n');
    mkdirSync(join(repo, 'etc', 'lvm'), { recursive: true });
    writeFileSync(join(repo, 'etc', 'lvm', 'lvm.conf'), 'devices {\n\tissue_discards = 1\n}\n');
    git('add', '.');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PRE_COMMIT_HOME: join(work, 'cache'),
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_nodedir: join(work, 'no-node-headers'),
    };
    delete env.BLOCKWISE_PARSER;
    const r = spawnSync('pre-commit', ['try-repo', root, 'blockwise', '--all-files', '--verbose'], { cwd: repo, env, encoding: 'utf8', timeout: 880000 });
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 1, out);
    assert.match(out, /^blockwise\.+Failed$/m, out);
    assert.match(out, /^bad\.ks:1:1: warning \[unguarded-clearpart\]/m, out);
    assert.match(out, /^bad\.ks:3:1: error \[unknown-command\]/m, out);
    assert.doesNotMatch(out, /^good\.ks:\d+:\d+:/m, out);
    assert.match(out, /^good\.ks: checked as RHEL 9/m, out);
    assert.doesNotMatch(out, /notes\.txt/, out);
    assert.match(out, /^etc\/lvm\/lvm\.conf: checked as lvm2 /m, out);
    assert.match(out, /^3 files checked: 1 error, 1 warning/m, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
