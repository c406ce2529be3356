// Runs a real editor headless on the case files (test/editors/scripts/*) with Blockwise's language
// server, and returns what the editor saw: each file's filetype, diagnostics (code, line) and hover
// text. Shared by editors.test.ts and the bench (section editors).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
  /** The command line; `init` is the user's configuration file to start with (docs/editors.md). */
  argv(script: string, init?: string): string[];
  script: string;
  /** Where docs/editors.md shows this editor's configuration: heading and code block language. */
  doc: { heading: string; lang: string; ext: string };
}

const which = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasPkg = (pkg: string): boolean => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;

export const EDITORS: Editor[] = [
  {
    name: 'Neovim (vim.lsp.start_client, no plugin)',
    missing: () => (which('nvim') ? undefined : 'nvim is not installed (Debian package neovim; scripts/install-deps.sh installs it)'),
    script: 'nvim-client.lua',
    argv: (s, init) => ['nvim', '--headless', ...(init ? ['-u', init] : ['--clean']), '-i', 'NONE', '-c', `luafile ${s}`],
    doc: { heading: '## Neovim 0.7 to 0.10 (built-in client, no plugin)', lang: 'lua', ext: 'lua' },
  },
  {
    name: 'Emacs with eglot',
    missing: () =>
      !which('emacs') ? 'emacs is not installed (Debian package emacs-nox)' : !existsSync('/usr/share/emacs/site-lisp/elpa/eglot-1.9') && !hasPkg('elpa-eglot') ? 'eglot is not installed (Debian package elpa-eglot)' : undefined,
    script: 'emacs-eglot.el',
    // -Q skips package activation: the harness puts Debian's elpa packages on the load path first.
    argv: (s, init) => ['emacs', '--batch', '-Q', ...(init ? ['--eval', '(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) (add-to-list (quote load-path) d))', '-l', init] : []), '-l', s],
    doc: { heading: '### eglot (Emacs 29 has it built in; Debian\'s `elpa-eglot` for Emacs 28)', lang: 'elisp', ext: 'el' },
  },
  {
    name: 'Vim with ALE',
    missing: () => (!which('vim') ? 'vim is not installed' : !existsSync('/usr/share/vim-ale/plugin/ale.vim') ? 'ALE is not installed (Debian package vim-ale)' : undefined),
    script: 'vim-ale.vim',
    argv: (s, init) => ['vim', '-N', '-u', init ?? 'NONE', '-i', 'NONE', '--not-a-term', '-S', s],
    doc: { heading: '## Vim 9 with ALE', lang: 'vim', ext: 'vim' },
  },
];

/** How each editor starts the server: both entry points are exercised. */
export function serverCommand(bin: 'blockwise' | 'blockwise-language-server'): string[] {
  const root = repoRoot();
  return bin === 'blockwise' ? [process.execPath, join(root, 'bin', 'blockwise.js'), 'lsp', '--stdio'] : [process.execPath, join(root, 'bin', 'blockwise-language-server.js')];
}

/** The first code block of `lang` under `heading` in docs/editors.md. */
export function docSnippet(heading: string, lang: string): string {
  const md = readFileSync(join(repoRoot(), 'docs', 'editors.md'), 'utf8');
  const at = md.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`docs/editors.md has no heading ${heading}`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(md.slice(at));
  if (!m) throw new Error(`docs/editors.md: no ${lang} block under ${heading}`);
  return m[1] + '\n';
}

/**
 * Run one editor over `cases` (default: the standard two) in a fresh folder. With `fromDocs`, the
 * editor starts with its configuration as docs/editors.md gives it, `blockwise` on PATH and
 * $BLOCKWISE the package folder, instead of the harness's own set-up.
 */
export function runEditor(editor: Editor, cmd: string[], cases: EditorCase[] = CASES, timeoutMs = 90_000, fromDocs = false): EditorRun & { dir: string } {
  const { dir, paths } = writeCases('blockwise-editor-', cases);
  const out = join(dir, 'out.json');
  const cfg = join(dir, 'editor.json');
  let init: string | undefined;
  let path = process.env.PATH ?? '';
  if (fromDocs) {
    init = join(dir, `config.${editor.doc.ext}`);
    writeFileSync(init, docSnippet(editor.doc.heading, editor.doc.lang));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(join(repoRoot(), 'bin', 'blockwise.js'), join(dir, 'bin', 'blockwise'));
    path = `${join(dir, 'bin')}:${path}`;
  }
  writeFileSync(cfg, JSON.stringify({ cmd, root: dir, out, init, cases: cases.map((c, i) => ({ path: paths[i], hover: { line: c.hover.line, character: c.hover.character } })) }));
  const script = join(repoRoot(), 'test', 'editors', 'scripts', editor.script);
  const [exe, ...args] = editor.argv(script, init);
  const r = spawnSync(exe, args, {
    cwd: dir,
    input: '',
    encoding: 'utf8',
    timeout: timeoutMs,
    // The editor's own state stays in the temporary folder.
    env: { ...process.env, PATH: path, BLOCKWISE: repoRoot(), BLOCKWISE_EDITOR_CONFIG: cfg, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, TERM: 'dumb' },
  });
  if (!existsSync(out)) throw new Error(`${editor.name} wrote no result (exit ${r.status}, signal ${r.signal}): ${(r.stderr || r.stdout || '').slice(-800)}`);
  const run = JSON.parse(readFileSync(out, 'utf8')) as EditorRun;
  for (const f of run.files) {
    // eglot shows flymake texts "blockwise [code]: message"; the others give the code.
    f.diagnostics = (f.diagnostics ?? []).map((d) => ({ line: d.line, code: d.code || /\[([a-z0-9-]+)\]/.exec((d as { text?: string }).text ?? '')?.[1] || '' }));
  }
  return { ...run, dir };
}
