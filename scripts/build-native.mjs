// Build the Node bindings of our grammars (grammars/tree-sitter-*/binding.gyp) with node-gyp,
// offline: against the headers of the Node that runs this script (Debian/NodeSource install them
// in /usr/include/node) and with the node-gyp that npm bundles. Nothing is downloaded: without
// headers, node-gyp or a compiler the step says why and the project keeps parsing with wasm.
//
// Output: grammars/tree-sitter-NAME/build/Release/tree_sitter_NAME_binding.node, where the
// binding's bindings/node/index.js (node-gyp-build) finds it. A grammar is rebuilt only when its
// sources are newer than the addon, so `npm test`'s build stays quick.
//
// Usage: node scripts/build-native.mjs [--force] [--quiet] [--strict] [NAME...]
// Exit 0 even when a build fails (wasm is the fallback), unless --strict is given.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (s) => process.stderr.write(`[native] ${s}\n`);

/** The folder whose include/node holds node_api.h for this Node: npm's nodedir, or the install prefix. */
export function findNodeDir() {
  const cands = [process.env.npm_config_nodedir, process.env.BLOCKWISE_NODEDIR, dirname(dirname(realpathSync(process.execPath))), '/usr', '/usr/local'];
  for (const c of cands) {
    if (c && existsSync(join(c, 'include', 'node', 'node_api.h')) && existsSync(join(c, 'include', 'node', 'common.gypi'))) return c;
  }
  return undefined;
}

/** node-gyp's entry script: the one npm bundles (beside the npm running us, or the system's). */
export function findNodeGyp() {
  const cands = [];
  if (process.env.npm_config_node_gyp) cands.push(process.env.npm_config_node_gyp);
  if (process.env.npm_execpath) cands.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const prefix = dirname(dirname(realpathSync(process.execPath)));
  cands.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  cands.push('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js', '/usr/share/nodejs/node-gyp/bin/node-gyp.js');
  try {
    cands.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally
  }
  return cands.find((c) => existsSync(c));
}

function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((e) => join(p, e))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

export function addonPath(name) {
  return join(root, 'grammars', `tree-sitter-${name}`, 'build', 'Release', `tree_sitter_${name}_binding.node`);
}

function grammars(only) {
  return readdirSync(join(root, 'grammars'))
    .filter((d) => d.startsWith('tree-sitter-') && existsSync(join(root, 'grammars', d, 'binding.gyp')))
    .map((d) => d.slice('tree-sitter-'.length))
    .filter((n) => only.length === 0 || only.includes(n));
}

/**
 * Build what is out of date. Returns 0, or 1 when something failed and `strict` is set.
 * scripts/build.mjs calls this with { quiet: true } on every build.
 */
export function buildNativeBindings({ force = false, quiet = false, strict = false, only = [] } = {}) {
  const todo = grammars(only).filter((n) => {
    if (force) return true;
    const dir = join(root, 'grammars', `tree-sitter-${n}`);
    const out = addonPath(n);
    return !existsSync(out) || newest([join(dir, 'src'), join(dir, 'bindings', 'node', 'binding.cc'), join(dir, 'binding.gyp')]) > statSync(out).mtimeMs;
  });
  if (todo.length === 0) {
    if (!quiet) log('grammar bindings up to date');
    return 0;
  }
  const nodedir = findNodeDir();
  const gyp = findNodeGyp();
  const why = !nodedir
    ? 'no Node headers (include/node/node_api.h) beside this node or in /usr; node-gyp would download them, which we never do'
    : !gyp
      ? 'node-gyp not found (npm bundles it)'
      : !existsSync(join(root, 'node_modules', 'node-addon-api'))
        ? 'node_modules/node-addon-api is missing (run npm ci)'
        : undefined;
  if (why) {
    log(`skipped (${why}); the CLI parses with web-tree-sitter (wasm)`);
    return strict ? 1 : 0;
  }
  let failed = 0;
  for (const n of todo) {
    const dir = join(root, 'grammars', `tree-sitter-${n}`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`, '--release', '--jobs=2'], {
      cwd: dir,
      encoding: 'utf8',
      // Offline: no proxy lookups, no header download (nodedir is given), no npm config surprises.
      env: { ...process.env, npm_config_nodedir: nodedir, npm_config_offline: 'true' },
    });
    if (r.status === 0 && existsSync(addonPath(n))) {
      log(`tree-sitter-${n}: built ${addonPath(n).slice(root.length + 1)} in ${Date.now() - t0} ms (headers ${nodedir}/include/node)`);
    } else {
      failed++;
      log(`tree-sitter-${n}: node-gyp failed (exit ${r.status}); the CLI falls back to wasm. Last output:`);
      process.stderr.write(`${`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.split('\n').slice(-15).join('\n')}\n`);
    }
  }
  return strict && failed ? 1 : 0;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const args = process.argv.slice(2);
  process.exitCode = buildNativeBindings({
    force: args.includes('--force'),
    quiet: args.includes('--quiet'),
    strict: args.includes('--strict'),
    only: args.filter((a) => !a.startsWith('--')),
  });
}
