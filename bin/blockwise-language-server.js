#!/usr/bin/env node
'use strict';
// The Blockwise language server for any LSP client (same as `blockwise lsp`); see docs/editors.md.
require('./lsp.js')(process.argv.slice(2));
