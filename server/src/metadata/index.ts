// LVM metadata backups and archives: the language handler (model, validators, editor features).
import { LVM2_TARGETS, type LanguageHandler } from '../core/handler';
import { analyzeMetadata } from './analyze';
import { definitionMetadata, foldingMetadata, hoverMetadata, referencesMetadata, symbolsMetadata } from './features';

export { analyzeMetadata } from './analyze';
export { buildModel, getModel } from './model';
export type { LV, MetadataModel, PV, Segment, VG } from './model';

export const metadataHandler: LanguageHandler = {
  id: 'lvm-metadata',
  targets: LVM2_TARGETS,
  analyze: (doc, options) => analyzeMetadata(doc, options),
  symbols: (doc) => symbolsMetadata(doc),
  folding: (doc) => foldingMetadata(doc),
  hover: (doc, pos) => hoverMetadata(doc, pos),
  definition: (doc, pos) => definitionMetadata(doc, pos),
  references: (doc, pos, includeDeclaration) => referencesMetadata(doc, pos, includeDeclaration),
};
