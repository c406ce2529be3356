#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS node --liftoff-only --min-semi-space-size=2
'use strict';
// The CLI lives in two bundles (dist/server/cli-check.js for `check`, dist/server/cli.js for every
// command); `npm ci` builds them (postinstall script).
// This launcher exists for start-up time, because pre-commit hooks run `blockwise check` per file:
// - wasm is compiled by Liftoff only. Without this, V8 compiles the bash grammar's very large lexer
//   with TurboFan in the background (about 1 s of CPU here) and the process waits for that job
//   before it can exit, although the check itself was over after 0.3 s. Liftoff code parses the
//   10,000-LV metadata file as fast (measured in `npm run bench`, section startup).
// - the bundle is compiled with a V8 code cache (dist/server/<bundle>.cache, written by the build
//   and refreshed here when V8 rejects it), which Node 20 cannot do on its own for a CJS file.
// - the shebang drops NODE_EXTRA_CA_CERTS: Node 20 reads and parses that certificate file at
//   start-up (about 45 ms here), and no command of this CLI opens a TLS connection (ssh and
//   ansible-inventory are separate programs with their own certificate handling).
// - the shebang starts V8's young generation at 2 MB: loading the bundle allocates about 6 MB that
//   all survives, and the default 1 MB start cost three scavenges (about 9 ms) to copy it.
// BLOCKWISE_NO_CODE_CACHE=1 turns the cache off (the bench compares both).
if (!process.execArgv.some((a) => a.endsWith('liftoff-only'))) require('v8').setFlagsFromString('--liftoff-only');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

// `check` has a bundle of its own (dist/server/cli-check.js): the analysis without the fleet,
// backups and map code, a third less to read and compile. Every other command loads cli.js.
const file = path.join(__dirname, '..', 'dist', 'server', process.argv[2] === 'check' ? 'cli-check.js' : 'cli.js');
const cacheFile = `${file}.cache`;

// V8 checks a code cache against the source's length only, so the cache also records the size and
// modification time of the bundle it was made from; any other bundle gets a fresh compile.
function stamp() {
  const st = fs.statSync(file);
  return Buffer.from(`blockwise-code-cache ${st.size} ${st.mtimeMs}\n`);
}

function loadBundle() {
  let source;
  try {
    const bytes = fs.readFileSync(file);
    // esbuild writes ASCII; as latin1 the text needs no UTF-8 decoding (a few ms for 1.5 MB).
    source = bytes.toString(require('buffer').isAscii(bytes) ? 'latin1' : 'utf8');
  } catch {
    process.stderr.write('blockwise: the bundle is not built; run `npm run build` first\n');
    process.exit(2);
  }
  const useCache = !process.env.BLOCKWISE_NO_CODE_CACHE;
  let cachedData;
  if (useCache) {
    try {
      const raw = fs.readFileSync(cacheFile);
      const head = stamp();
      if (raw.subarray(0, head.length).equals(head)) cachedData = raw.subarray(head.length);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  const stale = useCache && (cachedData === undefined || script.cachedDataRejected === true);
  return { cli: mod.exports, script, stale };
}

/** Write the code cache after a run (it then holds the functions the run compiled); never fatal. */
function refreshCache(script) {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([stamp(), script.createCachedData()]));
    fs.renameSync(tmp, cacheFile);
  } catch {
    // A read-only install keeps working without the cache.
  }
}

if (process.argv[2] === 'lsp') {
  // `blockwise lsp`: the language server bundle in this process, without loading the CLI's.
  require('./lsp.js')(process.argv.slice(3));
} else {
  const { cli, script, stale } = loadBundle();
  cli.main(process.argv.slice(2)).then((code) => {
    if (stale || process.env.BLOCKWISE_WRITE_CODE_CACHE) refreshCache(script);
    // The CLI writes its output with blocking writes to descriptors 1 and 2 (never through
    // process.stdout, whose stream machinery costs about 10 ms to load), so it is all out by now:
    // exit at once instead of waiting for V8's idle background work.
    process.exit(code);
  });
}
