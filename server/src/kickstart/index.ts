// Placeholder until the kickstart module lands: syntax findings only.
import type { LanguageHandler } from '../core/handler';
import { syntaxFindings } from '../syntax/errors';

export const kickstartHandler: LanguageHandler = {
  id: 'kickstart',
  analyze: (doc) => syntaxFindings(doc.tree, doc.lines),
  symbols: () => [],
  folding: () => [],
};
