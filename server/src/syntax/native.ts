// The native tree-sitter runtime (the `tree-sitter` npm package, an N-API addon) with our grammars'
// Node bindings (grammars/tree-sitter-*/bindings/node, built by scripts/build-native.mjs) and
// tree-sitter-bash's. Only the CLI and the tests use it; the language server and the .vsix stay on
// web-tree-sitter (wasm). Loaded with a runtime require, so bundles never embed the addons and a
// machine without them just keeps using wasm.
//
// The analysis is typed against web-tree-sitter's Node/Tree. The native classes have the same
// surface for everything the analysis uses (properties for type/text/positions/children/hasError/
// isMissing, childForFieldName, childrenForFieldName, descendantsOfType, walk() cursors with
// nodeType/currentNode/goto*, tree.edit, getChangedRanges, toString), with one gap this adapter
// fills: web-tree-sitter trees and cursors must be freed with delete(), native ones are garbage
// collected, so delete() is a no-op here.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The parts of the `tree-sitter` package this module touches. */
interface NativeParser {
  setLanguage(language: unknown): void;
  parse(input: string, oldTree?: unknown, options?: { progressCallback?: (index: number, hasError: boolean) => boolean; bufferSize?: number }): unknown;
}
interface NativeModule {
  new (): NativeParser;
  Tree: { prototype: Record<string, unknown> };
  TreeCursor: { prototype: Record<string, unknown> };
}

export type NativeGrammar = 'lvm' | 'kickstart' | 'bash';

const req = createRequire(__filename);
let mod: NativeModule | undefined;
let loadError: Error | undefined;

/** The grammars/ folder above this module (dist/server/cli.js, dist/test/server/src/syntax/...). */
function grammarsDir(): string | undefined {
  const env = process.env.BLOCKWISE_GRAMMARS_DIR;
  if (env && existsSync(env)) return env;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const cand = join(dir, 'grammars');
    if (existsSync(join(cand, 'tree-sitter-lvm', 'bindings', 'node', 'index.js'))) return cand;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** The native module, or throws why it cannot be loaded (remembered: one attempt per process). */
export function nativeModule(): NativeModule {
  if (mod) return mod;
  if (loadError) throw loadError;
  try {
    const m = req('tree-sitter') as NativeModule;
    const noop = function (): void {};
    // web-tree-sitter frees trees and cursors explicitly; native ones are garbage collected.
    for (const proto of [m.Tree.prototype, m.TreeCursor.prototype]) {
      if (typeof proto.delete !== 'function') Object.defineProperty(proto, 'delete', { value: noop, configurable: true, writable: true });
    }
    mod = m;
    return m;
  } catch (e) {
    loadError = new Error(`the native tree-sitter binding does not load (${firstLine(e)}); npm ci builds it`);
    throw loadError;
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0];
}

const languages = new Map<NativeGrammar, unknown>();

/** A grammar's native language object (what Parser.setLanguage takes), or throws why not. */
export function nativeLanguage(name: NativeGrammar): unknown {
  const have = languages.get(name);
  if (have) return have;
  nativeModule();
  let lang: unknown;
  try {
    if (name === 'bash') lang = req('tree-sitter-bash');
    else {
      const dir = grammarsDir();
      if (!dir) throw new Error(`no grammars/tree-sitter-${name} folder above ${__dirname}`);
      lang = req(join(dir, `tree-sitter-${name}`, 'bindings', 'node', 'index.js'));
    }
  } catch (e) {
    throw new Error(`the native ${name} grammar does not load (${firstLine(e)}); run \`node scripts/build-native.mjs\``);
  }
  languages.set(name, lang);
  return lang;
}

/** A fresh native parser for a grammar. */
export function nativeParser(name: NativeGrammar): NativeParser {
  const P = nativeModule();
  const p = new P();
  p.setLanguage(nativeLanguage(name));
  return p;
}
