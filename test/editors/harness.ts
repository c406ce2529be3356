// Runs a real editor headless on the case files (test/editors/scripts/*) with Blockwise's language
// server, and returns what the editor saw: each file's filetype, diagnostics (code, line) and hover
// text. Shared by editors.test.ts and the bench (section editors).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/util';
import { CASES, writeCases, type EditorCase } from './cases';

export interface EditorFile {
  path: string;
  filetype: string;
  diagnostics: { code: string; line: number }[];
  hover?: string;
  /** From opening the file to its first diagnostics, in the editor. */
  ms: number;
}
export interface EditorRun {
  client: string;
  files: EditorFile[];
  init_ms?: number;
  error?: string;
}

export interface Editor {
  name: string;
  /** Why this editor cannot run here, or undefined. */
  missing(): string | undefined;
  argv(script: string): string[];
  script: string;
}

const which = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasPkg = (pkg: string): boolean => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;

export const EDITORS: Editor[] = [
  {
    name: 'Neovim (vim.lsp.start_client, no plugin)',
    missing: () => (which('nvim') ? undefined : 'nvim is not installed (Debian package neovim; scripts/install-deps.sh installs it)'),
    script: 'nvim-client.lua',
    argv: (s) => ['nvim', '--headless', '--clean', '-i', 'NONE', '-c', `luafile ${s}`],
  },
  {
    name: 'Emacs with eglot',
    missing: () =>
      !which('emacs') ? 'emacs is not installed (Debian package emacs-nox)' : !existsSync('/usr/share/emacs/site-lisp/elpa/eglot-1.9') && !hasPkg('elpa-eglot') ? 'eglot is not installed (Debian package elpa-eglot)' : undefined,
    script: 'emacs-eglot.el',
    argv: (s) => ['emacs', '--batch', '-Q', '-l', s],
  },
  {
    name: 'Vim with ALE',
    missing: () => (!which('vim') ? 'vim is not installed' : !existsSync('/usr/share/vim-ale/plugin/ale.vim') ? 'ALE is not installed (Debian package vim-ale)' : undefined),
    script: 'vim-ale.vim',
    argv: (s) => ['vim', '-N', '-u', 'NONE', '-i', 'NONE', '--not-a-term', '-S', s],
  },
];

/** How each editor starts the server: both entry points are exercised. */
export function serverCommand(bin: 'blockwise' | 'blockwise-language-server'): string[] {
  const root = repoRoot();
  return bin === 'blockwise' ? [process.execPath, join(root, 'bin', 'blockwise.js'), 'lsp', '--stdio'] : [process.execPath, join(root, 'bin', 'blockwise-language-server.js')];
}

/** Run one editor over `cases` (default: the standard two) in a fresh folder. */
export function runEditor(editor: Editor, cmd: string[], cases: EditorCase[] = CASES, timeoutMs = 90_000): EditorRun & { dir: string } {
  const { dir, paths } = writeCases('blockwise-editor-', cases);
  const out = join(dir, 'out.json');
  const cfg = join(dir, 'editor.json');
  writeFileSync(cfg, JSON.stringify({ cmd, root: dir, out, cases: cases.map((c, i) => ({ path: paths[i], hover: { line: c.hover.line, character: c.hover.character } })) }));
  const script = join(repoRoot(), 'test', 'editors', 'scripts', editor.script);
  const [exe, ...args] = editor.argv(script);
  const r = spawnSync(exe, args, {
    cwd: dir,
    input: '',
    encoding: 'utf8',
    timeout: timeoutMs,
    // The editor's own state stays in the temporary folder.
    env: { ...process.env, BLOCKWISE_EDITOR_CONFIG: cfg, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, TERM: 'dumb' },
  });
  if (!existsSync(out)) throw new Error(`${editor.name} wrote no result (exit ${r.status}, signal ${r.signal}): ${(r.stderr || r.stdout || '').slice(-800)}`);
  const run = JSON.parse(readFileSync(out, 'utf8')) as EditorRun;
  for (const f of run.files) {
    // eglot shows flymake texts "blockwise [code]: message"; the others give the code.
    f.diagnostics = (f.diagnostics ?? []).map((d) => ({ line: d.line, code: d.code || /\[([a-z0-9-]+)\]/.exec((d as { text?: string }).text ?? '')?.[1] || '' }));
  }
  return { ...run, dir };
}
