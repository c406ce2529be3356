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

/**
 * The time a parse may take before it is given up: 2 s plus 1 ms per KiB. A valid file parses at
 * 15 MB/s or more (a 4 MB metadata backup in ~0.3 s); tree-sitter's error recovery on text that is
 * nothing like the language (a megabyte of kickstart lines read as lvm.conf) can take a minute.
 */
export function parseBudgetMs(textLength: number): number {
  return 2000 + textLength / 1024;
}

/** Parse text; `old` (already edited with tree.edit) makes the parse incremental. */
export function parse(name: GrammarName, text: string, old?: Tree | null): Tree {
  const t = parser(name).parse(text, old ?? null);
  if (!t) throw new Error(`blockwise: the ${name} parser returned no tree`);
  return t;
}

/** parse() within a time budget: undefined when the parse went over it (and was cancelled). */
export function parseBounded(name: GrammarName, text: string, old?: Tree | null, budgetMs = parseBudgetMs(text.length)): Tree | undefined {
  const t0 = performance.now();
  // Returning true from the progress callback cancels the parse (web-tree-sitter's contract).
  const progressCallback = (() => performance.now() - t0 > budgetMs) as unknown as (state: unknown) => void;
  const t = parser(name).parse(text, old ?? null, { progressCallback });
  if (!t) {
    if (performance.now() - t0 > budgetMs) return undefined;
    throw new Error(`blockwise: the ${name} parser returned no tree`);
  }
  return t;
}
