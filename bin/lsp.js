'use strict';
// Starts the Blockwise language server (dist/server/server.js) in this process, for editors other
// than VS Code: `blockwise lsp [--stdio]` and `blockwise-language-server [--stdio]`. The server
// reads its transport from the process arguments (--stdio, --node-ipc, --socket=PORT, --pipe=NAME);
// without one it speaks over standard input and output, which is what editors expect.
const path = require('path');

const HELP = `usage: blockwise lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]
  the Blockwise language server (LSP) for lvm.conf, lvmlocal.conf, profiles, LVM metadata backups
  and kickstarts; standard input and output by default. Documents whose languageId is not
  lvm-conf, lvm-metadata or kickstart are recognised by name and content, as by blockwise check.
  Settings: initializationOptions.settings, workspace/configuration (section "blockwise") or
  workspace/didChangeConfiguration. Editor set-up: docs/editors.md.
`;

module.exports = function startLanguageServer(args) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const transport = args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='));
  if (!transport) process.argv.push('--stdio');
  const server = path.join(__dirname, '..', 'dist', 'server', 'server.js');
  try {
    require.resolve(server);
  } catch {
    process.stderr.write('blockwise: the language server is not built; run `npm run build` first\n');
    process.exit(2);
  }
  require(server);
};
