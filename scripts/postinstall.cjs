// `npm install` / `npm ci` in a source checkout builds dist/ (scripts/build.mjs). The build is an
// install step, not `prepare`: `npm pack` runs `prepare` and npm prints its banner on standard
// output, where pre-commit's node hooks read the name of the packed file (see
// .pre-commit-hooks.yaml). In the installed package (no scripts/build.mjs, dist/ shipped) this
// does nothing.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
if (existsSync(join(root, 'scripts', 'build.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 2, 2] });
  process.exit(r.status ?? 1);
}
