// Build: bundle the client, server and CLI with esbuild (node, cjs), copy the wasm files beside
// them, and transpile the test sources so node's test runner can load them.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNativeBindings } from './build-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function walk(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

rmSync(join(dist), { recursive: true, force: true });
mkdirSync(join(dist, 'wasm'), { recursive: true });

// Every wasm the server loads sits in dist/wasm: the web-tree-sitter runtime, our grammars, bash.
const wasm = [
  [join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), 'tree-sitter.wasm'],
  [join(root, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'), 'tree-sitter-bash.wasm'],
  [join(root, 'grammars/tree-sitter-lvm/tree-sitter-lvm.wasm'), 'tree-sitter-lvm.wasm'],
  [join(root, 'grammars/tree-sitter-kickstart/tree-sitter-kickstart.wasm'), 'tree-sitter-kickstart.wasm'],
];
for (const [from, to] of wasm) if (existsSync(from)) cpSync(from, join(dist, 'wasm', to));
// The bash grammar's highlight query: the server colours %pre/%post bodies with it, and the
// packaged extension has no node_modules to find it in.
mkdirSync(join(dist, 'queries'), { recursive: true });
cpSync(join(root, 'node_modules/tree-sitter-bash/queries/highlights.scm'), join(dist, 'queries', 'bash-highlights.scm'));

// The grammars' native Node bindings for the CLI (node-gyp, offline; skipped when up to date; a
// failure only means the CLI parses with wasm). The .vsix ships none, so --production skips it.
if (!production) buildNativeBindings({ quiet: true });

// A JSON module whose default export is made on first read: modules import their tables at the top
// but read them only in functions (kickstart/versions.ts, lvmconf/releases.ts), so a run that checks
// only lvm.conf files never parses the kickstart tables and the other way round.
const lazyDefault = (expr) =>
  `Object.defineProperty(exports, '__esModule', { value: true }); let v; Object.defineProperty(exports, 'default', { enumerable: true, get: () => (v ??= ${expr}) });`;

// JSON data (command tables, the lvm2 settings and release tables) bundled as JSON.parse of a
// string: V8 reads JSON much faster than the same data as a JavaScript object literal (esbuild's
// default), which is start-up time for every CLI run and the server.
const jsonAsParse = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => ({
      contents: lazyDefault(`JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))})`),
      loader: 'js',
    }));
  },
};

// The CLI bundles read their JSON tables from dist/server/data at run time instead: kept out of
// the bundle, the tables are not in its V8 code cache either, and reading them as files is about
// 6 ms faster per run than deserialising them as cached string constants (bench, section startup).
const jsonFromFile = {
  name: 'json-from-file',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => {
      const name = args.path.split('/').pop();
      mkdirSync(join(dist, 'server', 'data'), { recursive: true });
      writeFileSync(join(dist, 'server', 'data', name), JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))));
      return {
        contents: lazyDefault(`JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', ${JSON.stringify(name)}), 'utf8'))`),
        loader: 'js',
      };
    });
  },
};

const common = {
  plugins: [jsonAsParse],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // web-tree-sitter's CommonJS build, as the tests load it: the ESM build calls import(), which a
  // bundle compiled from a V8 code cache (bin/blockwise.js) cannot serve, and reads import.meta.url.
  alias: { 'web-tree-sitter': join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') },
};

const entries = [
  { in: 'server/src/server.ts', out: 'server/server' },
  { in: 'server/src/worker/analysis-worker.ts', out: 'server/analysis-worker' },
  { in: 'server/src/cli.ts', out: 'server/cli' },
  { in: 'server/src/cli-check.ts', out: 'server/cli-check' },
  // The YAML parser for .blockwise.yaml, loaded by the CLI and the server when a config exists.
  { in: 'server/src/config/yaml-entry.ts', out: 'server/cli-yaml' },
  { in: 'client/src/extension.ts', out: 'client/extension' },
].filter((e) => existsSync(join(root, e.in)));

const isCli = (e) => e.out.startsWith('server/cli');
await esbuild.build({
  ...common,
  entryPoints: entries.filter((e) => !isCli(e)).map((e) => ({ in: join(root, e.in), out: e.out })),
  outdir: dist,
});
// The CLI bundles are read and compiled on every run (pre-commit hooks run one per file): without
// whitespace and with syntax shortened they are a fifth smaller. Names are kept, so stack traces
// of an internal-error stay readable; the source map maps them back.
await esbuild.build({
  ...common,
  plugins: [jsonFromFile],
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: entries.filter(isCli).map((e) => ({ in: join(root, e.in), out: e.out })),
  outdir: dist,
});

// The CLI bundles' V8 code caches (bin/blockwise.js reads them): cli-check.js's made by one check
// of the bundled samples, so it holds the functions a check compiles, not only the top level;
// cli.js's by listing the rules (it loads every language). Never fails the build.
for (const args of [['check', join(root, 'samples')], ['rules', '--format', 'json']]) {
  const env = { ...process.env, BLOCKWISE_WRITE_CODE_CACHE: '1' };
  delete env.NODE_EXTRA_CA_CERTS;
  const r = spawnSync(process.execPath, ['--liftoff-only', join(root, 'bin', 'blockwise.js'), ...args], { env, stdio: 'ignore', timeout: 120_000 });
  if (r.status !== 0 && r.status !== 1) console.warn(`build: the code cache for \`blockwise ${args[0]}\` was not made (exit ${r.status ?? r.signal}); the CLI compiles without it`);
}

// What `npm run bench` measures, bundled like the shipped code (not in the .vsix).
await esbuild.build({
  ...common,
  sourcemap: false,
  entryPoints: [{ in: join(root, 'test/bench-modules.ts'), out: 'bench/modules' }],
  outdir: dist,
});

// Tests: transpiled file by file (not bundled) into dist/test, keeping the tree so relative
// imports of server/src and client/src keep working.
const testSources = [
  ...walk(join(root, 'test'), (p) => p.endsWith('.ts') && !p.includes(`${join('test', 'fixtures')}`)),
  ...walk(join(root, 'server/src'), (p) => p.endsWith('.ts')),
  ...walk(join(root, 'client/src'), (p) => p.endsWith('.ts')),
];
await esbuild.build({
  entryPoints: testSources,
  outdir: join(dist, 'test'),
  outbase: root,
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
// JSON data the sources import at run time (schema, command tables).
for (const p of walk(join(root, 'server/src'), (p) => p.endsWith('.json'))) {
  const to = join(dist, 'test', relative(root, p));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(p, to);
}
if (watch) console.log('watch mode is not supported; rerun the build');
