// The two rules the language server itself reports (not a language's analysis): a grammar that did
// not load, and an analysis that failed.
import { defineRules } from '../core/rules';
import { LANGUAGE_IDS } from '../core/types';

defineRules([
  {
    code: 'grammar-missing',
    languages: [...LANGUAGE_IDS],
    severity: 'error',
    title: 'The parser for this language could not be loaded',
    why: 'Without its tree-sitter grammar Blockwise cannot read the file, so it reports nothing else about it.',
    fix: 'Reinstall the extension; when building from source, run `npm run grammars` and the build.',
  },
  {
    code: 'internal-error',
    languages: [...LANGUAGE_IDS],
    severity: 'error',
    title: 'Blockwise failed while analysing the file',
    why: 'An analysis bug; the file may be fine.',
    fix: 'Report the file (or a reduced copy) to the Blockwise developers.',
  },
]);
