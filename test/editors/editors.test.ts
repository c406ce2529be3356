// Blockwise's language server in real editors, headless, as an admin would set them up from
// docs/editors.md: Neovim 0.7 with its built-in client and no plugin, Emacs with eglot, Vim with ALE.
// Each opens an /etc/lvm/lvm.conf and a .ks kickstart (the editor sends its own filetype, or none)
// and must show the known finding on its line and a hover. An editor that is not installed is
// skipped with the reason (scripts/install-deps.sh installs all three on Debian).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { CASES } from './cases';
import { EDITORS, runEditor, serverCommand } from './harness';

for (const [i, editor] of EDITORS.entries()) {
  const reason = editor.missing();
  // Both entry points: `blockwise lsp --stdio` and the blockwise-language-server bin.
  const bin = i === 1 ? 'blockwise-language-server' : 'blockwise';
  test(`${editor.name}: diagnostics and hover on lvm.conf and a kickstart (server: ${bin})`, { skip: reason }, () => {
    const run = runEditor(editor, serverCommand(bin));
    try {
      assert.equal(run.error, undefined, `${editor.name} failed: ${run.error}`);
      assert.equal(run.files.length, CASES.length);
      for (const [k, c] of CASES.entries()) {
        const f = run.files[k];
        const found = f.diagnostics.find((d) => d.code === c.code);
        assert.ok(found, `${run.client}, ${c.rel} (filetype ${JSON.stringify(f.filetype)}): no ${c.code} among ${JSON.stringify(f.diagnostics)}`);
        assert.equal(found.line, c.line, `${c.rel}: ${c.code} on line ${found.line + 1}`);
        assert.ok(f.hover?.includes(c.hover.contains), `${run.client}, ${c.rel}: hover ${JSON.stringify(f.hover?.slice(0, 200))}`);
      }
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });

  // The configuration docs/editors.md gives, as a user would paste it, with editors/vim's filetypes.
  test(`${editor.name}: the set-up in docs/editors.md works as written`, { skip: reason }, () => {
    const run = runEditor(editor, [], CASES, 90_000, true);
    try {
      assert.equal(run.error, undefined, `${editor.name} failed: ${run.error}`);
      for (const [k, c] of CASES.entries()) {
        const f = run.files[k];
        assert.ok(
          f.diagnostics.some((d) => d.code === c.code && d.line === c.line),
          `${run.client}, ${c.rel} (filetype ${JSON.stringify(f.filetype)}): no ${c.code} on line ${c.line + 1} among ${JSON.stringify(f.diagnostics)}`,
        );
        assert.ok(f.hover?.includes(c.hover.contains), `${c.rel}: hover ${JSON.stringify(f.hover?.slice(0, 200))}`);
      }
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });
}
