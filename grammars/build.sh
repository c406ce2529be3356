#!/usr/bin/env bash
# Build the project's tree-sitter grammars with nothing but Debian bookworm:
#   1. install the Debian packages the toolchain needs (root only; skipped when present);
#   2. fetch Debian's *source* package tree-sitter 0.20.7 into grammars/.tools (private apt
#      config, signed index; never committed) and build its parser generator offline against
#      Debian's Rust crates (grammars/tools is our small wrapper crate); cached per version;
#   3. for every grammars/tree-sitter-*/grammar.js: generate src/ (ABI 14) and compile
#      tree-sitter-NAME.wasm with clang-19 + wasi-libc (the tree-sitter 0.26 CLI flags).
#
# Usage: grammars/build.sh            build everything in place (npm run grammars)
#        grammars/build.sh --check    rebuild in a temporary copy; exit 1 when the committed
#                                     src/ or wasm differ from what grammar.js gives (CI)
#        grammars/build.sh NAME...    only these grammars (e.g. lvm kickstart)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$HERE/.tools"
TS_VERSION=0.20.7
TS_DEB_VERSION=0.20.7-1
ABI=14
CLANG=clang-19
# The generated bindings code in 0.20.7 reads this at compile time (binding_files.rs).
export RUST_BINDING_VERSION=0.20.10

MODE=build
ONLY=()
for a in "$@"; do
  case "$a" in
    --check) MODE=check ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "build.sh: unknown option $a" >&2; exit 2 ;;
    *) ONLY+=("$a") ;;
  esac
done

log() { printf '[grammars] %s\n' "$*" >&2; }
die() { printf '[grammars] error: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------
CRATES=(anyhow lazy-static log regex regex-syntax rustc-hash semver serde serde-derive serde-json
        smallbitvec indexmap tree-sitter cc)
PACKAGES=(clang-19 lld-19 wasi-libc xz-utils ca-certificates)
for c in "${CRATES[@]}"; do PACKAGES+=("librust-$c-dev"); done
command -v cargo >/dev/null 2>&1 || PACKAGES+=(cargo)
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing from Debian: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
      { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    die "missing Debian packages (run as root to install them): ${missing[*]}"
  fi
fi
command -v cargo >/dev/null || die "cargo not found"

# ---------------------------------------------------------------------------------------------
# 2. The generator: Debian's tree-sitter source + our wrapper crate, built offline
# ---------------------------------------------------------------------------------------------
SRC="$TOOLS/tree-sitter-$TS_VERSION"
fetch_source() {
  [[ -f "$SRC/cli/src/generate/mod.rs" ]] && return 0
  log "fetching Debian source package tree-sitter $TS_DEB_VERSION"
  local apt="$TOOLS/apt"
  rm -rf "$apt"
  mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/dl"
  # The machine's own archive entries, turned into deb-src, in a private apt configuration.
  local f n=0
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt/sources.list.d/src$n.sources"
    n=$((n + 1))
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    grep -E '^[[:space:]]*deb[[:space:]]' "$f" | sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' \
      >"$apt/sources.list.d/src$n.list" || true
    n=$((n + 1))
  done
  ((n)) || die "no apt sources found in /etc/apt"
  local opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
              -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" update >/dev/null 2>"$apt/update.log" || { cat "$apt/update.log" >&2; die "apt-get update (deb-src) failed"; }
  (cd "$apt/dl" && apt-get "${opts[@]}" source --download-only "tree-sitter=$TS_DEB_VERSION" >/dev/null) ||
    die "apt-get source tree-sitter=$TS_DEB_VERSION failed"
  local orig
  orig=$(ls "$apt/dl"/tree-sitter_"$TS_VERSION".orig.tar.* 2>/dev/null | head -1)
  [[ -n "$orig" ]] || die "orig tarball not downloaded"
  rm -rf "$SRC.tmp" && mkdir -p "$SRC.tmp"
  tar -xf "$orig" -C "$SRC.tmp" --strip-components=1
  # A Debian revision with patches would need them applied; 0.20.7-1 has none (check anyway).
  local deb
  deb=$(ls "$apt/dl"/tree-sitter_"$TS_DEB_VERSION".debian.tar.* 2>/dev/null | head -1 || true)
  if [[ -n "$deb" ]] && tar -tf "$deb" | grep -q '^debian/patches/series$'; then
    die "Debian revision $TS_DEB_VERSION carries patches; apply them before building"
  fi
  rm -rf "$SRC" && mv "$SRC.tmp" "$SRC"
}

GEN_DIR="$TOOLS/generator-$TS_VERSION"
GEN="$GEN_DIR/target/release/ts-generate"
build_generator() {
  local stamp="$GEN_DIR/.stamp" want
  want="$TS_DEB_VERSION $(cat "$HERE/tools/Cargo.toml" "$HERE/tools/src/main.rs" "$HERE/tools/.cargo/config.toml" | sha256sum | cut -c1-16)"
  if [[ -x "$GEN" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return 0; fi
  fetch_source
  log "building the generator (cargo --offline, Debian crates)"
  mkdir -p "$GEN_DIR/src"
  cp "$HERE/tools/Cargo.toml" "$GEN_DIR/"
  mkdir -p "$GEN_DIR/.cargo" && cp "$HERE/tools/.cargo/config.toml" "$GEN_DIR/.cargo/"
  cp "$HERE/tools/src/main.rs" "$GEN_DIR/src/"
  rm -rf "$GEN_DIR/src/generate" && cp -r "$SRC/cli/src/generate" "$GEN_DIR/src/generate"
  (cd "$GEN_DIR" && cargo build --release --offline --quiet 2>"$GEN_DIR/build.log") ||
    { tail -40 "$GEN_DIR/build.log" >&2; die "generator build failed"; }
  echo "$want" >"$stamp"
}

build_generator

# ---------------------------------------------------------------------------------------------
# 3. Grammars
# ---------------------------------------------------------------------------------------------
CLANG_VERSION=$(dpkg-query -W -f='${Version}' clang-19 2>/dev/null || echo unknown)

# Compile $1/src/{parser.c,scanner.c} into $1/tree-sitter-$2.wasm. The module name in the wasm
# "name" section is the output file name, so it is always tree-sitter-NAME.wasm; relative paths
# and a prefix map keep the bytes independent of the folder the build runs in.
compile_wasm() {
  local dir="$1" name="$2" files=(parser.c)
  [[ -f "$dir/src/scanner.c" ]] && files+=(scanner.c)
  (cd "$dir/src" && "$CLANG" --target=wasm32-wasi -fPIC -shared -Os \
      -Wl,--export="tree_sitter_${name//-/_}" -Wl,--allow-undefined -Wl,--no-entry \
      -nostdlib -fno-exceptions -fvisibility=hidden -ffile-prefix-map="$dir/src"=. \
      -I . -o "../tree-sitter-$name.wasm" "${files[@]}" 2>&1) |
    { grep -v 'creating shared libraries, with -shared, is not yet stable' >&2 || true; }
  [[ ${PIPESTATUS[0]} -eq 0 && -f "$dir/tree-sitter-$name.wasm" ]]
}

# generate + compile in directory $1 (a grammar folder or a copy of one); $2 = short name
build_one() {
  local dir="$1" name="$2"
  rm -f "$dir/tree-sitter-$name.wasm"
  (cd "$dir" && "$GEN" "$ABI") || return 1
  compile_wasm "$dir" "$name"
}

grammars=()
for g in "$HERE"/tree-sitter-*/grammar.js; do
  [[ -f "$g" ]] || continue
  d=$(dirname "$g"); n=${d##*/tree-sitter-}
  if ((${#ONLY[@]})); then
    keep=0; for o in "${ONLY[@]}"; do [[ "$o" == "$n" || "$o" == "tree-sitter-$n" ]] && keep=1; done
    ((keep)) || continue
  fi
  grammars+=("$n")
done
((${#grammars[@]})) || die "no grammars/tree-sitter-*/grammar.js found"

GENERATED=(src/parser.c src/grammar.json src/node-types.json src/tree_sitter/parser.h)

if [[ $MODE == build ]]; then
  for n in "${grammars[@]}"; do
    d="$HERE/tree-sitter-$n"
    t0=$(date +%s%N)
    build_one "$d" "$n" || die "tree-sitter-$n failed"
    # Reproducibility: a second compile must give the same bytes.
    h1=$(sha256sum <"$d/tree-sitter-$n.wasm")
    tmp=$(mktemp -d); cp -r "$d/src" "$tmp/src"
    compile_wasm "$tmp" "$n" || die "second compile of tree-sitter-$n failed"
    h2=$(sha256sum <"$tmp/tree-sitter-$n.wasm"); rm -rf "$tmp"
    [[ "$h1" == "$h2" ]] || die "tree-sitter-$n.wasm is not reproducible ($h1 vs $h2)"
    log "tree-sitter-$n: src/ + tree-sitter-$n.wasm ($(stat -c %s "$d/tree-sitter-$n.wasm") bytes, reproducible) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  done
  {
    echo "# Provenance of the generated grammar files"
    echo
    echo "Written by grammars/build.sh; do not edit by hand."
    echo
    echo "- Generator: Debian source package \`tree-sitter\` $TS_DEB_VERSION (bookworm), \`cli/src/generate\`,"
    echo "  built offline by grammars/tools against Debian's Rust crates (/usr/share/cargo/registry)."
    echo "- ABI (LANGUAGE_VERSION): $ABI"
    echo "- Compiler: clang-19 $CLANG_VERSION, lld-19, wasi-libc $(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null || echo unknown)"
    echo "- Flags: \`--target=wasm32-wasi -fPIC -shared -Os -Wl,--export=tree_sitter_NAME -Wl,--allow-undefined"
    echo "  -Wl,--no-entry -nostdlib -fno-exceptions -fvisibility=hidden\` (the tree-sitter 0.26 CLI's wasm flags)"
    echo "- Runtime: web-tree-sitter (version pinned in package.json)"
    echo
    echo "| grammar | wasm bytes | wasm sha256 |"
    echo "|---|---|---|"
    for g in "$HERE"/tree-sitter-*/; do
      n=${g%/}; n=${n##*/tree-sitter-}
      w="$g/tree-sitter-$n.wasm"
      [[ -f "$w" ]] && echo "| tree-sitter-$n | $(stat -c %s "$w") | \`$(sha256sum <"$w" | cut -c1-64)\` |"
    done
  } >"$HERE/PROVENANCE.md"
  exit 0
fi

# --check: regenerate in a temporary copy and compare
passed=0; failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${grammars[@]}"; do
  d="$HERE/tree-sitter-$n"
  c="$work/tree-sitter-$n"
  mkdir -p "$c/src"
  cp "$d/grammar.js" "$c/"
  [[ -f "$d/package.json" ]] && cp "$d/package.json" "$c/"
  [[ -f "$d/src/scanner.c" ]] && cp "$d/src/scanner.c" "$c/src/"
  # Extra local modules grammar.js may require (e.g. a shared rules file).
  for extra in "$d"/*.js; do [[ -f "$extra" ]] && cp "$extra" "$c/"; done
  for h in "$d"/src/*.h; do [[ -f "$h" ]] && cp "$h" "$c/src/"; done
  if ! build_one "$c" "$n" >"$work/$n.log" 2>&1; then
    echo "FAIL tree-sitter-$n: build failed"; sed 's/^/    /' "$work/$n.log" | tail -20
    failed=$((failed + 1)); continue
  fi
  bad=()
  for f in "${GENERATED[@]}" "tree-sitter-$n.wasm"; do
    if [[ ! -f "$d/$f" ]]; then bad+=("$f (not committed)")
    elif ! cmp -s "$d/$f" "$c/$f"; then bad+=("$f")
    fi
  done
  if ((${#bad[@]})); then
    echo "FAIL tree-sitter-$n: out of date with grammar.js: ${bad[*]} (run npm run grammars)"
    for f in "${GENERATED[@]}"; do
      if [[ -f "$d/$f" ]] && ! cmp -s "$d/$f" "$c/$f"; then
        echo "    $f: $(diff "$d/$f" "$c/$f" | grep -c '^[<>]') lines differ; first differences:"
        diff "$d/$f" "$c/$f" | head -8 | sed 's/^/      /' || true
      fi
    done
    failed=$((failed + 1))
  else
    echo "ok   tree-sitter-$n: src/ and tree-sitter-$n.wasm match grammar.js"
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
