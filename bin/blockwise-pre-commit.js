#!/usr/bin/env node
'use strict';
// `blockwise` under a plain `node` shebang, for pre-commit (.pre-commit-hooks.yaml): pre-commit
// reads the shebang of a hook's executable and starts its interpreter itself, and cannot run the
// `env -S -u ...` line of bin/blockwise.js. Same CLI, same arguments (bin/blockwise.js turns
// Liftoff-only wasm compilation on by itself when its shebang did not).
require('./blockwise.js');
