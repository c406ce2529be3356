// TextMate grammar tests (vscode-tmgrammar-test) for grammars/textmate/*.tmLanguage.json.
// Every test/tmgrammar/*.test.* file runs on its own and counts as one test. The kickstart grammar
// embeds source.shell and source.python: small stand-ins (test/tmgrammar/stubs) provide those
// scopes; `kickstart-shell.test.ks` needs VS Code's real shell grammar and runs only when the
// code-server copy of VS Code is installed in .vscode-test/ (the e2e setup), else it is skipped.
// Last line: `tmgrammar: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cli = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const realShell = join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode/extensions/shellscript/syntaxes/shell-unix-bash.tmLanguage.json');
const stubs = ['shell-stub', 'python-stub'].map((s) => join(here, 'stubs', `${s}.tmLanguage.json`));
const counts = { passed: 0, failed: 0, skipped: 0 };

if (!existsSync(cli)) {
  console.log('vscode-tmgrammar-test is not installed (npm install)');
  console.log('tmgrammar: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

for (const f of readdirSync(here).filter((f) => /\.test\./.test(f)).sort()) {
  const needsRealShell = f.startsWith('kickstart-shell');
  if (needsRealShell && !existsSync(realShell)) {
    console.log(`- ${f}: skipped (VS Code's shell grammar is not installed; run scripts/setup-code-server.sh)`);
    counts.skipped++;
    continue;
  }
  const grammars = needsRealShell ? [realShell, stubs[1]] : stubs;
  const r = spawnSync(process.execPath, [cli, '--config', join(root, 'package.json'), ...grammars.flatMap((g) => ['-g', g]), join(here, f)], {
    cwd: root,
    encoding: 'utf8',
  });
  const out = `${r.stdout}${r.stderr}`.split('\n').filter((l) => !/grammar not found for "source\.python"/.test(l)).join('\n').trim();
  if (r.status === 0) {
    counts.passed++;
    console.log(`✔ ${relative(root, join(here, f))}`);
  } else {
    counts.failed++;
    console.log(`✘ ${relative(root, join(here, f))}\n${out}`);
  }
}
console.log(`tmgrammar: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed ? 1 : 0);
