// Entries for `npm run bench`: full analysis of one lvm.conf text, warm (the schema is loaded once).
// The CLI-vs-lvmconfig comparison spawns processes and lives in test/lvmconf/bench-cli.ts.
import { readFileSync } from 'node:fs';
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

/**
 * `npm run bench`: full parse + validation of one lvm.conf file (Debian's shipped one), warm: the
 * grammar must be loaded (loadLanguage/loadAll) and the schema is loaded by a first run that is not
 * counted. Median of `runs` after `warmup` runs.
 */
export function benchShippedLvmConf(path: string, runs = 200, warmup = 20): { msPerRun: number; bytes: number; findings: number; minMs: number } {
  const text = readFileSync(path, 'utf8');
  let findings = 0;
  for (let i = 0; i < warmup; i++) findings = validateLvmConfText(text).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    validateLvmConfText(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { msPerRun: times[Math.floor(times.length / 2)], minMs: times[0], bytes: Buffer.byteLength(text), findings };
}
