#!/usr/bin/env bash
# Debian packages the test suites, the grammar build and the e2e harness need. Idempotent: installs
# only what is missing. Needs root on Debian (bookworm); elsewhere it says what it would install.
set -euo pipefail
pkgs=(
  lvm2 thin-provisioning-tools          # real lvm2: lvmconfig, fixtures on loop devices
  openssh-server openssh-client         # loopback sshd for the remote suite
  chromium                              # headless browser for the VS Code e2e suite
  clang-19 lld-19 wasi-libc             # grammar wasm
  cargo rustc xz-utils dpkg-dev         # grammar generator from Debian's tree-sitter source
  librust-anyhow-dev librust-lazy-static-dev librust-log-dev librust-regex-dev librust-regex-syntax-dev
  librust-rustc-hash-dev librust-semver-dev librust-serde-dev librust-serde-derive-dev librust-serde-json-dev
  librust-smallbitvec-dev librust-indexmap-dev librust-tree-sitter-dev librust-cc-dev
  python3 python3-requests              # pykickstart's ksvalidator (verdict recording)
  ansible-core sudo                     # inventories (ansible-inventory) and collection (ansible --tree, become) tests
  procps psmisc iproute2 util-linux kmod unzip
  pre-commit                            # .pre-commit-hooks.yaml tried with pre-commit try-repo (test/cli/precommit.test.ts)
  g++ make                              # node-gyp: the native tree-sitter runtime and the grammar bindings (scripts/build-native.mjs)
  neovim vim vim-ale emacs-nox elpa-eglot   # editor tests: blockwise lsp in Neovim, Vim + ALE, Emacs + eglot
  libtree-sitter-dev pkg-config python3-dev python3-setuptools   # grammars' C and Python bindings, built and tested
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then echo "Debian packages: all ${#pkgs[@]} present"; exit 0; fi
if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
  echo "would install (needs root on Debian): ${missing[*]}"; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# cargo/rustc may come from rustup on developer machines; do not fight it.
# Whole names only: a pattern substitution would also cut "rustc" out of librust-rustc-hash-dev.
if command -v cargo >/dev/null; then
  kept=()
  for p in "${missing[@]}"; do [[ $p == cargo || $p == rustc ]] || kept+=("$p"); done
  missing=("${kept[@]}")
fi
if ((${#missing[@]} == 0)); then echo "Debian packages: all present (cargo from rustup)"; exit 0; fi
echo "installing: ${missing[*]}"
for attempt in 1 2 3; do
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then exit 0; fi
  echo "apt-get failed (attempt $attempt); retrying"; sleep 5
done
exit 1
