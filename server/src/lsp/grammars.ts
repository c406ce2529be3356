// Grammars: loaded once at process start, each on its own, so one missing wasm only disables its
// own languages. Nothing waits for them before `initialize` is answered.
import { ANALYSIS_GRAMMARS } from '../core/document';
import type { LanguageId } from '../core/types';
import { loadLanguage, useRuntime, wasmDir, type GrammarName } from '../syntax/treesitter';

export const GRAMMARS: GrammarName[] = ['lvm', 'kickstart', 'bash'];

export const grammarErrors = new Map<GrammarName, string>();
export const grammarsReady: Promise<void> = (async () => {
  // The language server parses with web-tree-sitter whatever BLOCKWISE_PARSER says: the .vsix ships
  // no native addons, and its highlight queries are web-tree-sitter Query objects.
  useRuntime('wasm');
  let dir: string;
  try {
    dir = wasmDir();
  } catch (e) {
    for (const g of GRAMMARS) grammarErrors.set(g, (e as Error).message);
    return;
  }
  await Promise.all(
    GRAMMARS.map((g) =>
      loadLanguage(g, dir).then(
        () => undefined,
        (e: Error) => void grammarErrors.set(g, e.message),
      ),
    ),
  );
})();

/** Why a language cannot be analysed (a grammar its analysis needs did not load), if it cannot. */
export function missingGrammar(lang: LanguageId): string | undefined {
  for (const g of ANALYSIS_GRAMMARS[lang]) {
    const e = grammarErrors.get(g);
    if (e) return e;
  }
  return undefined;
}
