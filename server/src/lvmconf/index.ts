// Placeholder until the lvm.conf module lands: syntax findings only.
import type { LanguageHandler } from '../core/handler';
import { syntaxFindings } from '../syntax/errors';

export const lvmConfHandler: LanguageHandler = {
  id: 'lvm-conf',
  analyze: (doc) => syntaxFindings(doc.tree, doc.lines),
  symbols: () => [],
  folding: () => [],
};
