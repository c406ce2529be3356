// Differential test: tree-sitter-lvm against the real lvm2 parser (Debian's `lvmconfig`).
// For every input, the tree has an ERROR or MISSING node exactly when lvm2 fails to read the
// file as configuration ("Parse error at byte N", "Failed to read int token.", or "Failed to load
// config file" for a non-empty file without any setting). Semantic messages (unknown settings,
// wrong types) are not syntax errors: plain `lvmconfig` reports them and still exits 0.
//
// lvm2 reads each input as the lvm.conf of a private LVM_SYSTEM_DIR. Inputs: hand-picked edge
// cases, every corpus case, real files from the machine and the repository, and a few hundred
// generated ones (seeded PRNG; BLOCKWISE_SEED=N reproduces a run, the seed is printed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLanguage, parse } from '../../server/src/syntax/treesitter';
import { findCorpusFiles, readCorpus } from './corpus-runner';
import { prng, repoRoot } from '../support/util';


/**
 * Inputs where lvm2 and the grammar are known to disagree, by name, with the reason. The test
 * asserts that each listed input still disagrees (so the list cannot go stale silently) and that
 * no other input does. See grammars/README.md, "Known differences".
 */
export const KNOWN_DIFFERENCES: { name: string; input: string; why: string }[] = [];

// ---------------------------------------------------------------------------------------------
// lvm2

function findLvmconfig(): string | undefined {
  for (const p of ['/usr/sbin/lvmconfig', '/sbin/lvmconfig', '/usr/bin/lvmconfig']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v lvmconfig'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** lvmconfig, installing lvm2 from Debian when root and missing; or the reason it is unavailable. */
function ensureLvmconfig(): { path?: string; reason?: string } {
  let path = findLvmconfig();
  if (path) return { path };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'lvm2'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    path = findLvmconfig();
    if (path) return { path };
    return { reason: 'lvmconfig not installed and `apt-get install lvm2` failed' };
  }
  return { reason: `lvmconfig not installed (needs Debian's lvm2; ${root ? 'no apt-get' : 'not root, cannot install'})` };
}

const SYNTAX_FAILURE = /Parse error at byte|Failed to read (?:int|float) token|Failed to load config file/;

interface Verdict {
  syntaxError: boolean;
  message: string;
}

/** Ask lvm2 about many inputs, a few at a time (each lvmconfig run takes ~10 ms). */
async function lvm2Verdicts(lvmconfig: string, inputs: string[], parallel = 4): Promise<Verdict[]> {
  const base = mkdtempSync(join(tmpdir(), 'blockwise-lvmdiff-'));
  const out: Verdict[] = new Array(inputs.length);
  let next = 0;
  async function worker(w: number): Promise<void> {
    const dir = join(base, `w${w}`);
    spawnSync('mkdir', ['-p', dir]);
    for (;;) {
      const i = next++;
      if (i >= inputs.length) return;
      writeFileSync(join(dir, 'lvm.conf'), inputs[i], 'utf8');
      const stderr = await new Promise<string>((resolve) => {
        const child = spawn(lvmconfig, [], {
          env: { ...process.env, LVM_SYSTEM_DIR: dir, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
        child.on('close', () => resolve(err));
      });
      const lines = stderr.split('\n').filter((l) => SYNTAX_FAILURE.test(l));
      out[i] = { syntaxError: lines.length > 0, message: lines.map((l) => l.trim()).join(' | ') };
    }
  }
  try {
    await Promise.all(Array.from({ length: parallel }, (_, w) => worker(w)));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// inputs


const NAMES = ['a', 'b2', 'vg.data+1', 'lv+a.b_2', 'x/y', '/x//y', '-n', '.d', '1x', '+p', 'c[0]', 'd"e', "f'g", 'h,i', 'ä', '"q"', "'r'", '""', "''", '"s t"', '"u\\"v"'];
const VALUES = [
  '1', '-5', '+3', '.5', '5.', '-', '+', '.', '-.', '077', '08', '0x1E', '0x', '1e3', '5abc', '1.2.3', '1.5e10',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '0x7fffffffffffffff', '0x8000000000000000', '1.5e999', '.1e-400', '0.0e-999',
  '"s"', '"a\\"b"', '"a\\\\"', '""', '"multi\nline"', '"#x"', '"a]"', "'raw'", "''", "'a\\'", 'b', 'yes', 'a|.*|', '/dev/sd*', 'x,y', 'é',
];
// Values lvm2 always accepts in any position of an array or assignment.
const GOOD_VALUES = ['1', '-5', '+3', '.5', '5.', '077', '1.5', '"s"', '"a\\"b"', '""', '"multi\nline"', "'raw'", "''", 'b', 'yes', '/dev/sd*', 'é'];
const GOOD_NAMES = ['a', 'b2', 'vg.data+1', 'lv+a.b_2', 'x/y', '-n', '.d', '1x', 'c[0]', '"q"', "'r'", '"s t"'];
const PUNCT = ['{', '}', '[', ']', ',', '=', '#c\n', '#', '"', "'"];
const SPACE = [' ', ' ', ' ', '\n', '\t', '\r\n', '', '', '\x0b', '\x0c'];

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** A mostly well-formed file from the grammar's shapes, then 0-2 token-level mutations. */
function structured(r: () => number): string {
  const toks: string[] = [];
  const value = (): void => {
    if (r() < 0.25) {
      toks.push('[');
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) {
        toks.push(r() < 0.85 ? pick(r, GOOD_VALUES) : pick(r, VALUES));
        if (i < n - 1 || r() < 0.3) if (r() < 0.85) toks.push(',');
      }
      toks.push(']');
    } else toks.push(r() < 0.85 ? pick(r, GOOD_VALUES) : pick(r, VALUES));
  };
  const items = (depth: number, n: number): void => {
    for (let i = 0; i < n; i++) {
      if (r() < 0.15) toks.push('#c\n');
      toks.push(r() < 0.9 ? pick(r, GOOD_NAMES) : pick(r, NAMES));
      if (depth < 3 && r() < 0.3) {
        toks.push('{');
        items(depth + 1, Math.floor(r() * 4));
        toks.push('}');
      } else {
        toks.push('=');
        value();
      }
    }
  };
  items(0, 1 + Math.floor(r() * 4));
  const mutations = r() < 0.5 ? 0 : 1 + Math.floor(r() * 2);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(r() * (toks.length + 1));
    const kind = r();
    if (kind < 0.3 && toks.length) toks.splice(Math.min(at, toks.length - 1), 1);
    else if (kind < 0.6) toks.splice(at, 0, pick(r, PUNCT));
    else if (kind < 0.8) toks.splice(at, 0, pick(r, VALUES));
    else toks.splice(at, 0, pick(r, NAMES));
  }
  let s = '';
  for (const t of toks) s += t + pick(r, SPACE);
  if (r() < 0.05) s += pick(r, ['"open', "'open", '\0tail', '"']);
  return s;
}

/** A short random token soup. */
function soup(r: () => number): string {
  const n = 1 + Math.floor(r() * 8);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    s += k < 0.35 ? pick(r, NAMES) : k < 0.7 ? pick(r, VALUES) : pick(r, PUNCT);
    s += pick(r, SPACE);
  }
  return s;
}

const EDGE_CASES = [
  '', ' ', '\n', '# only a comment\n', '\0', 'a=1\0garbage {{{', 's { a = 1\0 }', 'a = "x\0y"', 'a = [1\0]',
  'a { b = 1 }', 'x=5abc=1', 'x=5abc', 'units=b', 'f=[a|.*|]', 'u=077#x', '"" = 1', "'' = 1", '"b" { }',
  'a = "abc', 'a = "', 'a = "x', "a = 'x", "a = '", 's { a = "abc', 'a = "abc\\', 'n=9223372036854775808',
  'n=-9223372036854775808', 'n=-9223372036854775809', 'n=0x8000000000000000', 'n=00x8000000000000000',
  'n=1.5e999', 'n=1.5e308', 'n=.1e-307', 'n=.1e-308', 'n=-', 'n=.', 'n=+3', 'n=.5', 'a=[,1]', 'a=[1,,2]',
  'a=[]', 'a=[1 2]', 'a=["a" "b"]', 'a=["a" b]', 'a=[1 "b"]', "a=['x' 'y',]", 'backup = {', '{ }', '}', 'a=]',
  'a=[', 'a=[1,]', 's{}', 's{', 's}', 's{a=1}}', 'a b = 1', 'a = 1 2', 'x/y/z = 1', '/ = 1', 'a==1',
  'a=#x\n1', 'a=1\r\nb=2\r\n', 'a\x0b=\x0c1', 'a=\xa01', 'a=1e3', 'a=0x1E', 'a=09', 'a=08.5', 'a=[[1]]',
  'vg.data+1 { lv+a.b_2 { } }', 'a = 1 # x\n# y', 'global { }\n# trailing', 's { # c\n}',
];

function realFiles(root: string, lvmconfig: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const add = (name: string, p: string): void => {
    if (existsSync(p)) out.push({ name, text: readFileSync(p, 'utf8') });
  };
  add('/etc/lvm/lvm.conf', '/etc/lvm/lvm.conf');
  add('/etc/lvm/lvmlocal.conf', '/etc/lvm/lvmlocal.conf');
  const walk = (d: string, depth = 0): void => {
    if (!existsSync(d) || depth > 4) return;
    for (const e of readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (/\.(profile|conf|vg)$/.test(e.name)) add(p, p);
    }
  };
  for (const d of ['/etc/lvm/profile', '/etc/lvm/backup', '/etc/lvm/archive', join(root, 'samples/lvm'), join(root, 'test/fixtures')]) walk(d);
  for (const args of [['--type', 'default', '--withcomments'], ['--type', 'full'], ['--type', 'default', '--withversions', '--unconfigured']]) {
    const r = spawnSync(lvmconfig, args, {
      encoding: 'utf8',
      env: { ...process.env, LVM_SYSTEM_DIR: mkdtempSync(join(tmpdir(), 'blockwise-lvmdef-')), LVM_SUPPRESS_FD_WARNINGS: '1' },
    });
    if (r.status === 0 && r.stdout) out.push({ name: `lvmconfig ${args.join(' ')}`, text: r.stdout });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

test('tree-sitter-lvm agrees with lvm2 (lvmconfig) on what parses', async (t) => {
  const { path: lvmconfig, reason } = ensureLvmconfig();
  if (!lvmconfig) {
    t.skip(reason);
    return;
  }
  const root = repoRoot();
  const seed = Number(process.env.BLOCKWISE_SEED ?? 20240611);
  console.log(`lvm-differential: seed ${seed} (BLOCKWISE_SEED=${seed} reproduces this run)`);
  const r = prng(seed);

  const cases: { name: string; input: string }[] = [];
  EDGE_CASES.forEach((s, i) => cases.push({ name: `edge #${i}`, input: s }));
  for (const f of findCorpusFiles(join(root, 'grammars')).filter((f) => f.grammar === 'lvm')) {
    for (const c of readCorpus(f.file)) cases.push({ name: `corpus ${c.name}`, input: c.input });
  }
  for (const f of realFiles(root, lvmconfig)) cases.push({ name: `file ${f.name}`, input: f.text });
  const real = cases.length;
  for (let i = 0; i < 250; i++) cases.push({ name: `generated structured #${i}`, input: structured(r) });
  for (let i = 0; i < 150; i++) cases.push({ name: `generated soup #${i}`, input: soup(r) });
  for (const k of KNOWN_DIFFERENCES) cases.push({ name: `known: ${k.name}`, input: k.input });

  await loadLanguage('lvm');
  const started = Date.now();
  const verdicts = await lvm2Verdicts(lvmconfig, cases.map((c) => c.input));
  const lvmMs = Date.now() - started;

  const known = new Set(KNOWN_DIFFERENCES.map((k) => k.input));
  const disagreements: string[] = [];
  const staleKnown: string[] = [];
  let agree = 0;
  let lvmErrors = 0;
  cases.forEach((c, i) => {
    const tree = parse('lvm', c.input);
    const ts = tree.rootNode.hasError;
    tree.delete();
    const v = verdicts[i];
    if (v.syntaxError) lvmErrors++;
    const same = ts === v.syntaxError;
    if (known.has(c.input)) {
      if (same) staleKnown.push(c.name);
      return;
    }
    if (same) agree++;
    else
      disagreements.push(
        `${c.name}: ${JSON.stringify(c.input.length > 300 ? c.input.slice(0, 300) + '…' : c.input)}\n` +
          `    lvm2: ${v.syntaxError ? `error (${v.message})` : 'parses'}; tree-sitter-lvm: ${ts ? 'ERROR/MISSING' : 'no error'}`,
      );
  });
  console.log(
    `lvm-differential: ${cases.length} inputs (${real} hand-written/corpus/real, ${cases.length - real} generated), ` +
      `${lvmErrors} rejected by lvm2, ${agree} agreements, ${disagreements.length} disagreements, ` +
      `${KNOWN_DIFFERENCES.length} known differences; lvmconfig time ${lvmMs} ms`,
  );
  assert.deepEqual(staleKnown, [], 'known differences that now agree: remove them from KNOWN_DIFFERENCES');
  assert.equal(disagreements.length, 0, `seed ${seed}: lvm2 and tree-sitter-lvm disagree:\n${disagreements.join('\n')}`);
  assert.ok(lvmErrors > 50 && lvmErrors < cases.length - 50, `the inputs should mix valid and invalid files (${lvmErrors} invalid)`);
});
