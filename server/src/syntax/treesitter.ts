// Loading web-tree-sitter and the shipped grammars. Every parser of the project comes from here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';

export type { Node, Tree };
export type GrammarName = 'lvm' | 'kickstart' | 'bash';

const WASM_FILES: Record<GrammarName, string> = {
  lvm: 'tree-sitter-lvm.wasm',
  kickstart: 'tree-sitter-kickstart.wasm',
  bash: 'tree-sitter-bash.wasm',
};

/**
 * Find the folder holding the wasm files: BLOCKWISE_WASM_DIR, or the first `wasm/` or `dist/wasm/`
 * above this module (dist/server/x.js -> dist/wasm; dist/test/server/src/... -> dist/wasm).
 */
export function wasmDir(): string {
  const env = process.env.BLOCKWISE_WASM_DIR;
  if (env && existsSync(join(env, 'tree-sitter.wasm'))) return env;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    for (const cand of [join(dir, 'wasm'), join(dir, 'dist', 'wasm')]) {
      if (existsSync(join(cand, 'tree-sitter.wasm'))) return cand;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`blockwise: cannot find the wasm folder (tree-sitter.wasm) above ${__dirname}; run the build`);
}

let initPromise: Promise<void> | undefined;
const languages = new Map<GrammarName, Language>();
const loading = new Map<GrammarName, Promise<Language>>();

export function initTreeSitter(dir = wasmDir()): Promise<void> {
  initPromise ??= Parser.init({ locateFile: (name: string) => join(dir, name) });
  return initPromise;
}

export async function loadLanguage(name: GrammarName, dir = wasmDir()): Promise<Language> {
  const have = languages.get(name);
  if (have) return have;
  let p = loading.get(name);
  if (!p) {
    p = (async () => {
      await initTreeSitter(dir);
      const file = join(dir, WASM_FILES[name]);
      if (!existsSync(file)) throw new Error(`blockwise: grammar ${name} is missing (${file}); run \`npm run grammars\``);
      const lang = await Language.load(readFileSync(file));
      languages.set(name, lang);
      return lang;
    })();
    loading.set(name, p);
  }
  return p;
}

/** Load every grammar; the server and the CLI call this once at start. */
export async function loadAll(dir = wasmDir()): Promise<void> {
  await Promise.all((Object.keys(WASM_FILES) as GrammarName[]).map((n) => loadLanguage(n, dir)));
}

/** A language already loaded by loadLanguage/loadAll (synchronous access for the analysis). */
export function language(name: GrammarName): Language {
  const l = languages.get(name);
  if (!l) throw new Error(`blockwise: grammar ${name} was not loaded; call loadAll() first`);
  return l;
}

const parsers = new Map<GrammarName, Parser>();

/** One parser per grammar, reused (web-tree-sitter parsers are not reentrant, and JS is single-threaded). */
export function parser(name: GrammarName): Parser {
  let p = parsers.get(name);
  if (!p) {
    p = new Parser();
    p.setLanguage(language(name));
    parsers.set(name, p);
  }
  return p;
}

/** Parse text; `old` (already edited with tree.edit) makes the parse incremental. */
export function parse(name: GrammarName, text: string, old?: Tree | null): Tree {
  const t = parser(name).parse(text, old ?? null);
  if (!t) throw new Error(`blockwise: the ${name} parser returned no tree`);
  return t;
}
