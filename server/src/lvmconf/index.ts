// lvm.conf, lvmlocal.conf and profiles: the language handler.
import { LVM2_TARGETS, type LanguageHandler } from '../core/handler';
import { analyzeLvmConf, lvmConfRelease } from './analyze';
import { completeLvmConf } from './completion';
import { formatLvmConf } from './format';
import { hoverLvmConf } from './hover';
import { foldLvmConf } from './folding';
import { symbolsLvmConf } from './symbols';

export { analyzeLvmConf } from './analyze';

export const lvmConfHandler: LanguageHandler = {
  id: 'lvm-conf',
  targets: LVM2_TARGETS,
  analyze: (doc, options) => analyzeLvmConf(doc, options),
  release: (doc, options) => lvmConfRelease(doc, options),
  symbols: (doc) => symbolsLvmConf(doc),
  folding: (doc) => foldLvmConf(doc),
  hover: (doc, pos, options) => hoverLvmConf(doc, pos, options),
  completion: (doc, pos, options) => completeLvmConf(doc, pos, options),
  format: (doc, options) => formatLvmConf(doc, options),
};
