#!/usr/bin/env node
'use strict';
// The CLI lives in the bundle; `npm ci` builds it (prepare script).
const path = require('path');
const cli = path.join(__dirname, '..', 'dist', 'server', 'cli.js');
try {
  require.resolve(cli);
} catch {
  process.stderr.write('blockwise: the bundle is not built; run `npm run build` first\n');
  process.exit(2);
}
require(cli).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
