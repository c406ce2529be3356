// Loading the parser runtime and the shipped grammars. Every parser of the project comes from here.
//
// Two runtimes parse with the same grammars and give the same trees (the corpus and the whole unit
// suite run on both): web-tree-sitter (wasm; the language server and the .vsix use it) and the
// native `tree-sitter` binding (server/src/syntax/native.ts; the CLI prefers it, see
// preferNativeRuntime). BLOCKWISE_PARSER=wasm|native forces one in any process that parses
// (the language server always uses wasm). The analysis is typed against web-tree-sitter's
// Node/Tree and uses only the surface both runtimes share.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';
import { setTreeParser } from '../core/document';
import type { GrammarName } from '../core/types';
import { nativeLanguage, nativeModule, nativeParser } from './native';

export type { Node, Tree };
export type { GrammarName };
export type ParserRuntime = 'wasm' | 'native';

/** What BLOCKWISE_PARSER asks for: 'wasm', 'native', or undefined (unset, empty or `auto`). */
export function requestedRuntime(): ParserRuntime | undefined {
  const v = (process.env.BLOCKWISE_PARSER ?? '').trim().toLowerCase();
  if (v === 'wasm' || v === 'native') return v;
  if (v === '' || v === 'auto') return undefined;
  throw new Error(`blockwise: BLOCKWISE_PARSER must be wasm, native or auto (got ${JSON.stringify(process.env.BLOCKWISE_PARSER)})`);
}

// Library default: wasm unless BLOCKWISE_PARSER=native (so the unit suite can run on either).
let runtime: ParserRuntime = process.env.BLOCKWISE_PARSER?.trim().toLowerCase() === 'native' ? 'native' : 'wasm';
let fallbackReason: string | undefined;
// True when native was picked by preferNativeRuntime() without being forced (fallback allowed).
let autoNative = false;
// Grammars loaded natively so far: after a fallback their wasm builds are loaded too.
const loadedNatively = new Set<GrammarName>();

/** The runtime parse() uses now. */
export function parserRuntime(): ParserRuntime {
  return runtime;
}

/** Why the native runtime was not used after preferNativeRuntime(), if it was not. */
export function nativeFallbackReason(): string | undefined {
  return fallbackReason;
}

/** Switch runtime (the language server pins wasm). Languages load again on first use. */
export function useRuntime(r: ParserRuntime): void {
  runtime = r;
  autoNative = false;
}

/**
 * The CLI's choice: native when the `tree-sitter` binding loads, else wasm. Grammar bindings load
 * on first use (loadLanguage): a one-file lvm.conf run never loads bash's. If one of them does
 * not load, the process falls back to wasm from then on (earlier files are finished; the trees
 * are the same either way). BLOCKWISE_PARSER=wasm skips native; BLOCKWISE_PARSER=native makes a
 * binding that does not load an error instead.
 */
export function preferNativeRuntime(): ParserRuntime {
  const want = requestedRuntime();
  fallbackReason = undefined;
  autoNative = false;
  if (want === 'wasm') return (runtime = 'wasm');
  if (want === undefined) {
    // Auto: the addon is loaded with the first grammar (nativeOrFallback), so a run that parses
    // nothing (a kickstart without %pre) never pays its dlopen; a failure there means wasm.
    autoNative = true;
    return (runtime = 'native');
  }
  try {
    nativeModule();
    return (runtime = 'native');
  } catch (e) {
    throw new Error(`BLOCKWISE_PARSER=native but ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The native language, or (auto mode) the switch to wasm when it does not load. */
function nativeOrFallback(name: GrammarName): Language | undefined {
  try {
    const lang = nativeLanguage(name) as Language;
    loadedNatively.add(name);
    return lang;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (!autoNative) throw new Error(process.env.BLOCKWISE_PARSER?.trim().toLowerCase() === 'native' ? `BLOCKWISE_PARSER=native but ${why}` : why);
    fallbackReason = why;
    autoNative = false;
    runtime = 'wasm';
    return undefined;
  }
}

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

export async function loadLanguage(name: GrammarName, dir?: string): Promise<Language> {
  // The native language object stands in for a web-tree-sitter Language (only parse() uses it).
  if (runtime === 'native') {
    const lang = nativeOrFallback(name);
    if (lang) return lang;
    // Fell back to wasm: what was loaded natively must now be there in wasm too.
    for (const g of loadedNatively) if (g !== name) await loadLanguage(g, dir);
  }
  dir ??= wasmDir();
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
export async function loadAll(dir?: string): Promise<void> {
  await Promise.all((Object.keys(WASM_FILES) as GrammarName[]).map((n) => loadLanguage(n, dir)));
}

/** A language already loaded by loadLanguage/loadAll (synchronous access for the analysis). */
export function language(name: GrammarName): Language {
  if (runtime === 'native') return nativeLanguage(name) as Language;
  const l = languages.get(name);
  if (!l) throw new Error(`blockwise: grammar ${name} was not loaded; call loadAll() first`);
  return l;
}

const parsers = new Map<string, Parser>();

/**
 * One parser per grammar and runtime, reused (parsers are not reentrant, and JS is single-threaded).
 * A native parser is typed as web-tree-sitter's: parse(text, old, { progressCallback }) is common.
 */
export function parser(name: GrammarName): Parser {
  const key = `${runtime}:${name}`;
  let p = parsers.get(key);
  if (!p) {
    if (runtime === 'native') p = nativeParser(name) as unknown as Parser;
    else {
      p = new Parser();
      p.setLanguage(language(name));
    }
    parsers.set(key, p);
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
  // Returning true from the progress callback cancels the parse (both runtimes' contract; the
  // native one passes (offset, hasError), web-tree-sitter a state object: neither is read).
  const progressCallback = (() => performance.now() - t0 > budgetMs) as unknown as (state: unknown) => void;
  const t = parser(name).parse(text, old ?? null, { progressCallback });
  if (!t) {
    if (performance.now() - t0 > budgetMs) return undefined;
    throw new Error(`blockwise: the ${name} parser returned no tree`);
  }
  return t;
}

// Documents (core/document.ts) parse through this module's runtime.
setTreeParser({ parse, parseBounded, parseBudgetMs });
