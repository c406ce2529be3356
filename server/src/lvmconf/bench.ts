// Entry for `npm run bench`: full analysis of one lvm.conf text, warm (the schema is loaded once).
import { ParsedDocument } from '../core/document';
import { finalize } from '../core/rules';
import type { AnalysisOptions, Finding } from '../core/types';
import { analyzeLvmConf } from './analyze';
import { getModel } from './model';
import { getSchema } from './schema';

/** Parse and validate `text` as lvm.conf; returns the final findings. */
export function validateLvmConfText(text: string, uri = 'file:///etc/lvm/lvm.conf', options: AnalysisOptions = {}): Finding[] {
  getSchema();
  const doc = new ParsedDocument(uri, 'lvm-conf', text);
  try {
    return finalize(analyzeLvmConf(doc, options), doc.lines, options.severities);
  } finally {
    doc.dispose();
  }
}

/** Validate an already parsed document (the model is rebuilt: no cached results). */
export function validateLvmConfDoc(doc: ParsedDocument, options: AnalysisOptions = {}): Finding[] {
  doc.cache.delete('lvmconf:model');
  void getModel;
  return finalize(analyzeLvmConf(doc, options), doc.lines, options.severities);
}
