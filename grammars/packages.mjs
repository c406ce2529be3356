#!/usr/bin/env node
// Writes the packaging files of every grammar folder (grammars/tree-sitter-NAME) as tree-sitter
// 0.25 lays a grammar package out, from one set of facts: the repository URL, the version, the
// licence and each grammar's file types. Change them HERE, then run `node grammars/packages.mjs`;
// `--check` exits 1 when a committed file differs from what this script writes (a test runs it).
//
// Written per grammar: tree-sitter.json (bindings, links, file types), Makefile (C library:
// libtree-sitter-NAME.a/.so + .pc), bindings/c (header, pkg-config template), Python (setup.py,
// pyproject.toml, bindings/python), Rust (Cargo.toml, bindings/rust), Go (go.mod, bindings/go).
// grammar.js, src/, queries/, the Node binding and package.json's other fields are not touched.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's repository: the one place to change it. */
export const REPOSITORY = 'https://github.com/blockwise/blockwise';
const VERSION = '0.1.0';
const LICENSE = 'MIT';
const AUTHOR = 'Blockwise contributors';

/** Per grammar: what tree-sitter.json says, and the description every package repeats. */
export const GRAMMARS = {
  lvm: {
    camel: 'Lvm',
    title: 'LVM',
    // No quote characters in descriptions: the Makefile passes them through sed in single quotes.
    description: 'the libdm-config syntax of lvm2 (lvm.conf, lvmlocal.conf, profiles, LVM metadata backups)',
    // Whole file names (tree-sitter matches a file type against the name's end): never every *.conf.
    fileTypes: ['lvm.conf', 'lvmlocal.conf'],
    injectionRegex: '^(lvm|lvmconf|lvm-conf|lvm-metadata)$',
    extra: { 'content-regex': 'contents\\s*=\\s*"Text Format Volume Group"' },
  },
  kickstart: {
    camel: 'Kickstart',
    title: 'Kickstart',
    description: 'Kickstart files (the Anaconda installer) as pykickstart reads them',
    fileTypes: ['ks', 'ks.cfg', 'anaconda-ks.cfg'],
    injectionRegex: '^(kickstart|ks)$',
    extra: { 'first-line-regex': '^#version=' },
  },
};

const root = dirname(fileURLToPath(import.meta.url));
const repoPath = REPOSITORY.replace(/^https?:\/\//, '');

function files(name) {
  const g = GRAMMARS[name];
  const dir = join(root, `tree-sitter-${name}`);
  const full = `tree-sitter-${name}`;
  const fn = `tree_sitter_${name}`;
  const upper = fn.toUpperCase();
  const scanner = existsSync(join(dir, 'src', 'scanner.c'));
  const desc = `${g.title} grammar for tree-sitter: ${g.description}`;
  const out = {};

  const old = JSON.parse(readFileSync(join(dir, 'tree-sitter.json'), 'utf8'));
  const grammar = {
    name,
    camelcase: g.camel,
    scope: `source.${name}`,
    path: '.',
    'file-types': g.fileTypes,
    highlights: 'queries/highlights.scm',
    injections: 'queries/injections.scm',
    folds: old.grammars?.[0]?.folds ?? 'queries/folds.scm',
    'injection-regex': g.injectionRegex,
    ...g.extra,
  };
  // `folds` is not a tree-sitter.json key of the schema; the queries are found by their names.
  delete grammar.folds;
  out['tree-sitter.json'] = JSON.stringify(
    {
      $schema: 'https://tree-sitter.github.io/tree-sitter/assets/schemas/config.schema.json',
      grammars: [grammar],
      metadata: { version: VERSION, license: LICENSE, description: desc, authors: [{ name: AUTHOR }], links: { repository: REPOSITORY } },
      bindings: { c: true, go: true, node: true, python: true, rust: true, swift: false },
    },
    null,
    2,
  ) + '\n';

  out['Makefile'] = `# C library of ${full}: lib${full}.a, lib${full}.so (soname from the parser's ABI) and
# ${full}.pc. \`make\`, \`make install PREFIX=/usr/local\`, \`make uninstall\`, \`make clean\`.
# Written by grammars/packages.mjs; the parser sources in src/ are generated from grammar.js.
NAME := ${full}
VERSION := ${VERSION}
DESCRIPTION := ${desc}
HOMEPAGE_URL := ${REPOSITORY}

PREFIX ?= /usr/local
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib
PCLIBDIR ?= $(LIBDIR)/pkgconfig

SRC := src/parser.c$(if $(wildcard src/scanner.c), src/scanner.c,)
OBJ := $(SRC:.c=.o)
ABI := $(shell sed -n 's/^#define LANGUAGE_VERSION //p' src/parser.c)
MINOR := $(word 1,$(subst ., ,$(VERSION)))

override CFLAGS += -Isrc -std=c11 -fPIC
ARFLAGS ?= rcs
SO := lib$(NAME).so
SONAME := $(SO).$(ABI)

all: lib$(NAME).a $(SO) $(NAME).pc

lib$(NAME).a: $(OBJ)
\t$(AR) $(ARFLAGS) $@ $^

$(SO): $(OBJ)
\t$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) $^ $(LDLIBS) -o $@

# The .pc names the install directories, so install writes it afresh for its own PREFIX.
PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \\
\t-e 's|@VERSION@|$(VERSION)|' -e 's|@DESCRIPTION@|$(DESCRIPTION)|' -e 's|@URL@|$(HOMEPAGE_URL)|'

$(NAME).pc: bindings/c/$(NAME).pc.in
\t$(PC_SED) $< > $@

install: all
\tinstall -d '$(DESTDIR)$(INCLUDEDIR)/tree_sitter' '$(DESTDIR)$(PCLIBDIR)' '$(DESTDIR)$(LIBDIR)'
\tinstall -m644 bindings/c/$(NAME).h '$(DESTDIR)$(INCLUDEDIR)/tree_sitter/$(NAME).h'
\t$(PC_SED) bindings/c/$(NAME).pc.in > '$(DESTDIR)$(PCLIBDIR)/$(NAME).pc'
\tinstall -m644 lib$(NAME).a '$(DESTDIR)$(LIBDIR)/lib$(NAME).a'
\tinstall -m755 $(SO) '$(DESTDIR)$(LIBDIR)/$(SONAME).$(MINOR)'
\tln -sf $(SONAME).$(MINOR) '$(DESTDIR)$(LIBDIR)/$(SONAME)'
\tln -sf $(SONAME) '$(DESTDIR)$(LIBDIR)/$(SO)'

uninstall:
\t$(RM) '$(DESTDIR)$(LIBDIR)/lib$(NAME).a' '$(DESTDIR)$(LIBDIR)/$(SO)' '$(DESTDIR)$(LIBDIR)/$(SONAME)' \\
\t    '$(DESTDIR)$(LIBDIR)/$(SONAME).$(MINOR)' '$(DESTDIR)$(INCLUDEDIR)/tree_sitter/$(NAME).h' '$(DESTDIR)$(PCLIBDIR)/$(NAME).pc'

clean:
\t$(RM) $(OBJ) lib$(NAME).a $(SO) $(NAME).pc

.PHONY: all install uninstall clean
`;

  out[`bindings/c/${full}.h`] = `#ifndef ${upper}_H_
#define ${upper}_H_

/* The ${g.title} language for the tree-sitter C library: ts_parser_set_language(parser, ${fn}()). */

typedef struct TSLanguage TSLanguage;

#ifdef __cplusplus
extern "C" {
#endif

const TSLanguage *${fn}(void);

#ifdef __cplusplus
}
#endif

#endif /* ${upper}_H_ */
`;

  out[`bindings/c/${full}.pc.in`] = `prefix=@PREFIX@
libdir=@LIBDIR@
includedir=@INCLUDEDIR@

Name: ${full}
Description: @DESCRIPTION@
URL: @URL@
Version: @VERSION@
Requires: tree-sitter
Libs: -L\${libdir} -l${full}
Cflags: -I\${includedir}
`;

  // Python: a C extension `_binding` whose language() returns the TSLanguage pointer in a capsule
  // named "tree_sitter.Language", which py-tree-sitter's Language() takes.
  out[`bindings/python/${fn}/binding.c`] = `#include <Python.h>

typedef struct TSLanguage TSLanguage;

const TSLanguage *${fn}(void);

static PyObject *language(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    return PyCapsule_New((void *)${fn}(), "tree_sitter.Language", NULL);
}

static PyMethodDef methods[] = {
    {"language", language, METH_NOARGS, "The tree-sitter language of ${g.title} files, as a capsule."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_binding",
    .m_doc = NULL,
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__binding(void) {
    return PyModule_Create(&module);
}
`;
  out[`bindings/python/${fn}/__init__.py`] = `"""${desc}."""

from importlib.resources import files as _files

from ._binding import language


def _query(name):
    return (_files(__package__) / "queries" / name).read_text()


HIGHLIGHTS_QUERY = None
INJECTIONS_QUERY = None
FOLDS_QUERY = None
try:
    HIGHLIGHTS_QUERY = _query("highlights.scm")
    INJECTIONS_QUERY = _query("injections.scm")
    FOLDS_QUERY = _query("folds.scm")
except (FileNotFoundError, ModuleNotFoundError):
    pass

__all__ = ["language", "HIGHLIGHTS_QUERY", "INJECTIONS_QUERY", "FOLDS_QUERY"]
`;
  out[`bindings/python/${fn}/__init__.pyi`] = `from typing import Final

HIGHLIGHTS_QUERY: Final[str | None]
INJECTIONS_QUERY: Final[str | None]
FOLDS_QUERY: Final[str | None]

def language() -> object: ...
`;
  out[`bindings/python/${fn}/py.typed`] = '';
  out['setup.py'] = `# Builds the Python binding (the _binding extension and the queries) with setuptools alone.
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    """Copy the grammar's queries into the package."""

    def run(self):
        super().run()
        if not self.dry_run:
            dest = Path(self.build_lib, "${fn}", "queries")
            dest.mkdir(parents=True, exist_ok=True)
            for q in Path("queries").glob("*.scm"):
                (dest / q.name).write_text(q.read_text())


sources = ["bindings/python/${fn}/binding.c", "src/parser.c"]
if Path("src/scanner.c").exists():
    sources.append("src/scanner.c")

setup(
    packages=["${fn}"],
    package_dir={"": "bindings/python"},
    package_data={"${fn}": ["*.pyi", "py.typed"]},
    ext_package="${fn}",
    ext_modules=[
        Extension(
            name="_binding",
            sources=sources,
            include_dirs=["src"],
            extra_compile_args=["-std=c11", "-fvisibility=hidden"],
        )
    ],
    cmdclass={"build_py": BuildPy},
    zip_safe=False,
)
`;
  out['pyproject.toml'] = `[build-system]
requires = ["setuptools>=62.4.0", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "${full}"
description = "${desc}"
version = "${VERSION}"
keywords = ["incremental", "parsing", "tree-sitter", "${name}"]
classifiers = ["Intended Audience :: Developers", "Topic :: Software Development :: Compilers", "Topic :: Text Processing :: Linguistic", "Typing :: Typed"]
authors = [{ name = "${AUTHOR}" }]
requires-python = ">=3.9"
license.text = "${LICENSE}"
readme = "README.md"

[project.urls]
Homepage = "${REPOSITORY}"

[project.optional-dependencies]
core = ["tree-sitter>=0.22"]
`;
  out[`bindings/python/tests/test_binding.py`] = `from unittest import TestCase

import ${fn}


class TestLanguage(TestCase):
    def test_can_load_grammar(self):
        try:
            import tree_sitter
        except ImportError:
            self.skipTest("py-tree-sitter is not installed")
        tree_sitter.Language(${fn}.language())
`;

  // Rust: the crate the tree-sitter 0.25 CLI lays out (tree-sitter-language's LanguageFn).
  out['Cargo.toml'] = `[package]
name = "${full}"
description = "${desc}"
version = "${VERSION}"
authors = ["${AUTHOR}"]
license = "${LICENSE}"
readme = "README.md"
keywords = ["incremental", "parsing", "tree-sitter", "${name}"]
categories = ["parser-implementations", "parsing", "text-editors"]
repository = "${REPOSITORY}"
edition = "2021"
autoexamples = false

build = "bindings/rust/build.rs"
include = ["bindings/rust/*", "grammar.js", "queries/*", "src/*", "tree-sitter.json"]

[lib]
path = "bindings/rust/lib.rs"

[dependencies]
tree-sitter-language = "0.1"

[build-dependencies]
cc = "1.2"

[dev-dependencies]
tree-sitter = "0.25"
`;
  out['bindings/rust/build.rs'] = `// Compiles the generated parser${scanner ? ' and the external scanner' : ''} into the crate.
fn main() {
    let src = std::path::Path::new("src");
    let mut build = cc::Build::new();
    build.std("c11").include(src);
    #[cfg(target_env = "msvc")]
    build.flag("-utf-8");
    for file in ["parser.c"${scanner ? ', "scanner.c"' : ''}] {
        let path = src.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        build.file(path);
    }
    build.compile("${full}");
}
`;
  out['bindings/rust/lib.rs'] = `//! ${desc}.
//!
//! \`\`\`
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&${fn}::LANGUAGE.into()).expect("loading the ${g.title} grammar");
//! let tree = parser.parse("# comment\\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! \`\`\`

use tree_sitter_language::LanguageFn;

extern "C" {
    fn ${fn}() -> *const ();
}

/// The tree-sitter language of this grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(${fn}) };

/// The node types (src/node-types.json).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The highlight query.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The injection query.
pub const INJECTIONS_QUERY: &str = include_str!("../../queries/injections.scm");

/// The fold query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("loading the ${g.title} grammar");
    }
}
`;

  // Go: cgo compiles the parser; the language is an unsafe.Pointer for go-tree-sitter's NewLanguage.
  out['go.mod'] = `module ${repoPath}/grammars/${full}

go 1.22

require github.com/tree-sitter/go-tree-sitter v0.25.0
`;
  out['bindings/go/binding.go'] = `// Package ${fn} is the ${g.title} grammar for tree-sitter.
package ${fn}

// #cgo CFLAGS: -std=c11 -fPIC
// #include "../../src/parser.c"
${scanner ? '// #include "../../src/scanner.c"\n' : ''}import "C"

import "unsafe"

// Language returns the tree-sitter language of this grammar (for tree_sitter.NewLanguage).
func Language() unsafe.Pointer {
	return unsafe.Pointer(C.${fn}())
}
`;
  out['bindings/go/binding_test.go'] = `package ${fn}_test

import (
	"testing"

	tree_sitter "github.com/tree-sitter/go-tree-sitter"
	${fn} "${repoPath}/grammars/${full}/bindings/go"
)

func TestCanLoadGrammar(t *testing.T) {
	language := tree_sitter.NewLanguage(${fn}.Language())
	if language == nil {
		t.Errorf("Error loading the ${g.title} grammar")
	}
}
`;
  out['README.md'] = `# ${full}

${desc}. Part of Blockwise (${REPOSITORY}); the grammar source is \`grammar.js\`, \`src/\` is
generated from it (see ../README.md), \`queries/\` holds the highlight, fold and injection queries
(\`queries/neovim/\` and \`queries/helix/\`: the same for those editors), \`${full}.wasm\` is
the web-tree-sitter build.

| binding | build |
|---|---|
| C | \`make\` (lib${full}.a, lib${full}.so, ${full}.pc), \`make install PREFIX=...\`; header \`bindings/c/${full}.h\` |
| Python | \`python3 setup.py build\` or \`pip install .\`; \`${fn}.language()\` is a capsule for \`tree_sitter.Language\` |
| Rust | \`cargo build\` (crate \`${full}\`, \`${fn}::LANGUAGE\`) |
| Go | \`${repoPath}/grammars/${full}/bindings/go\`, \`Language()\` |
| Node | \`npm install\` (node-gyp), \`bindings/node\` |

Written by grammars/packages.mjs (change the repository URL, version and file types there).
`;
  out['.gitignore'] = `# Build outputs of the C, Python, Rust and Go bindings (the Node one: build/).
build/
*.o
*.a
*.so
*.so.*
*.pc
*.egg-info/
target/
Cargo.lock
__pycache__/
`;
  return { dir, out };
}

const check = process.argv.includes('--check');
let stale = 0;
for (const name of Object.keys(GRAMMARS)) {
  const { dir, out } = files(name);
  for (const [rel, text] of Object.entries(out)) {
    const p = join(dir, rel);
    const cur = existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    if (cur === text) continue;
    if (check) {
      process.stdout.write(`stale: ${join(`grammars/tree-sitter-${name}`, rel)}\n`);
      stale++;
    } else {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      process.stdout.write(`wrote grammars/tree-sitter-${name}/${rel}\n`);
    }
  }
}
if (check && stale) process.exit(1);
