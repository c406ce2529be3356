// The grammars' query sets for Neovim (queries/neovim: highlights, folds, injections, indents) and
// Helix (queries/helix: highlights, injections, indents, textobjects), checked in a real headless
// Neovim 0.7 with each grammar's C library (built by its Makefile, loaded as Neovim loads parsers):
// every file compiles; on sample texts the highlight a node gets follows each editor's precedence
// (Neovim: the last matching pattern wins; Helix: the first), and script bodies are injected as
// bash or python by --interpreter, %packages not at all. Skipped with the reason without nvim or cc.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/util';

const root = repoRoot();
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const reason = !has('nvim') ? 'nvim is not installed (Debian package neovim)' : !has('cc') || !has('make') ? 'cc or make is not installed' : undefined;
const work = mkdtempSync(join(tmpdir(), 'blockwise-queries-'));
after(() => rmSync(work, { recursive: true, force: true }));

const LVM_TEXT = 'global {\n\tunits = h\n\tflag = yes\n}\n# note\n';
const KS_TEXT = '%pre\necho pre\n%end\n%post --interpreter=/usr/bin/python3\nprint(1)\n%end\n%post --interp /bin/bash\nls\n%end\n%packages\n@core\n%end\n';

interface Out {
  error?: string;
  compiled: { grammar: string; file: string; ok: boolean; error?: string }[];
  highlights: { grammar: string; editor: string; text: string; type: string; capture: string }[];
  injections: { grammar: string; row: number; language?: string; legacy?: string; combined: boolean }[];
}

test('Neovim and Helix query sets compile in Neovim and follow each editor\'s precedence', { skip: reason }, () => {
  const grammars = ['lvm', 'kickstart'].map((name) => {
    const src = join(root, 'grammars', `tree-sitter-${name}`);
    const dir = join(work, name);
    cpSync(src, dir, { recursive: true, filter: (p) => !/\/(build|node_modules)$/.test(p) && !/\.(o|so|a|wasm)$/.test(p) });
    const make = spawnSync('make', ['-j2', `libtree-sitter-${name}.so`], { cwd: dir, encoding: 'utf8' });
    assert.equal(make.status, 0, make.stderr);
    const queries = ['neovim', 'helix'].flatMap((ed) => readdirSync(join(src, 'queries', ed)).filter((f) => f.endsWith('.scm')).map((f) => ({ file: `${ed}/${f}`, path: join(src, 'queries', ed, f) })));
    return { name, so: join(dir, `libtree-sitter-${name}.so`), queries };
  });
  for (const g of grammars) {
    const files = g.queries.map((q) => q.file).sort();
    assert.deepEqual(files.filter((f) => f.startsWith('neovim/')), ['neovim/folds.scm', 'neovim/highlights.scm', 'neovim/indents.scm', 'neovim/injections.scm']);
    assert.deepEqual(files.filter((f) => f.startsWith('helix/')), ['helix/highlights.scm', 'helix/indents.scm', 'helix/injections.scm', 'helix/textobjects.scm']);
  }
  const outPath = join(work, 'out.json');
  const cfg = join(work, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ grammars, texts: [{ grammar: 'lvm', text: LVM_TEXT }, { grammar: 'kickstart', text: KS_TEXT }], out: outPath }));
  const r = spawnSync('nvim', ['--headless', '--clean', '-i', 'NONE', '-c', `luafile ${join(root, 'test', 'editors', 'scripts', 'nvim-queries.lua')}`], {
    cwd: work,
    input: '',
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, HOME: work, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work, XDG_STATE_HOME: work, BLOCKWISE_QUERY_CONFIG: cfg },
  });
  assert.ok(existsSync(outPath), `nvim wrote nothing: ${r.stderr}`);
  const out = JSON.parse(readFileSync(outPath, 'utf8')) as Out;
  assert.equal(out.error, undefined);
  assert.equal(out.compiled.length, 16);
  for (const c of out.compiled) assert.ok(c.ok, `${c.grammar} ${c.file}: ${c.error}`);

  const hl = (editor: string, grammar: string, text: string, type?: string) => out.highlights.find((h) => h.editor === editor && h.grammar === grammar && h.text === text && (!type || h.type === type))?.capture;
  // `yes` matches the general bare-word pattern and the boolean one: each editor must show boolean.
  assert.equal(hl('neovim', 'lvm', 'yes'), 'boolean');
  assert.equal(hl('helix', 'lvm', 'yes'), 'constant.builtin.boolean');
  assert.equal(hl('neovim', 'lvm', 'h'), 'string.special');
  assert.equal(hl('helix', 'lvm', 'h'), 'string.special');
  assert.equal(hl('neovim', 'lvm', 'global'), 'module');
  assert.equal(hl('helix', 'lvm', 'units'), 'variable.other.member');
  assert.equal(hl('neovim', 'kickstart', '%packages'), 'keyword');
  assert.equal(hl('neovim', 'kickstart', '@core\n', 'body'), 'string.special');
  assert.equal(hl('helix', 'kickstart', '@core\n', 'body'), 'string.special');

  const inj = (row: number) => out.injections.filter((i) => i.grammar === 'kickstart' && i.row === row);
  for (const [row, lang] of [
    [1, 'bash'],
    [4, 'python'],
    [7, 'bash'],
  ] as const) {
    assert.deepEqual(
      inj(row).map((i) => [i.language, i.legacy, i.combined]),
      [[lang, lang, true]],
      `body on line ${row + 1}`,
    );
  }
  assert.deepEqual(inj(10), [], '%packages is not a script');
  assert.ok(out.injections.some((i) => i.grammar === 'lvm' && i.language === 'comment'));
  // Neovim 0.9+ reads injection.combined (a #set! without value, which 0.7 cannot evaluate): every
  // script pattern carries both forms.
  const nvimInjections = readFileSync(join(root, 'grammars', 'tree-sitter-kickstart', 'queries', 'neovim', 'injections.scm'), 'utf8');
  assert.equal(nvimInjections.match(/\(#set! injection\.combined\)/g)?.length, 4);
});
