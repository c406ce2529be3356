// Placeholder until the metadata module lands: syntax findings only.
import type { LanguageHandler } from '../core/handler';
import { syntaxFindings } from '../syntax/errors';

export const metadataHandler: LanguageHandler = {
  id: 'lvm-metadata',
  analyze: (doc) => syntaxFindings(doc.tree, doc.lines),
  symbols: () => [],
  folding: () => [],
};
