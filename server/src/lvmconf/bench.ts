// Entries for `npm run bench`: full analysis of one lvm.conf text, warm (the schema is loaded once).
// The CLI-vs-lvmconfig comparison spawns processes and lives in test/lvmconf/bench-cli.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../core/document';
import { finalize } from '../core/rules';
import type { AnalysisOptions, Finding } from '../core/types';
import { analyzeLvmConf, lvmConfRelease } from './analyze';
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

/**
 * The lvm release resolver's cost per file (issue target: under 1 ms for 100 KB): lvmConfRelease on
 * an already parsed document whose model is built (the analysis builds it anyway), median of
 * `runs`. The cost grows with the settings that are set, so besides the shipped lvm.conf (mostly
 * comments) the texts are real files with settings: those of `dir` joined until they pass
 * 100 KB, as they are (2.02 and 2.03 files: narrowed) and with the 2.02-only settings taken out.
 */
export function benchLvmRelease(shipped: string, dir: string, runs = 100): { rows: { label: string; kb: number; settings: number; ms: number; coldMs: number; release: string }[] } {
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const time = (label: string, t: string) => {
    const doc = new ParsedDocument('file:///etc/lvm/lvm.conf', 'lvm-conf', t);
    try {
      const settings = getModel(doc).settings.length;
      let release = '';
      let coldMs = 0;
      const times: number[] = [];
      for (let i = 0; i < runs + 10; i++) {
        const t0 = performance.now();
        release = lvmConfRelease(doc).release;
        if (i === 0) coldMs = performance.now() - t0;
        if (i >= 10) times.push(performance.now() - t0);
      }
      return { label, kb: Math.round(t.length / 1024), settings, ms: med(times), coldMs, release };
    } finally {
      doc.dispose();
    }
  };
  let joined = '';
  for (const f of readdirSync(dir).sort()) {
    if (!/\.(conf|profile)$/.test(f)) continue;
    joined += readFileSync(join(dir, f), 'utf8') + '\n';
    if (joined.length > 100 * 1024) break;
  }
  const current = joined.replace(/^\s*(use_lvmetad|locking_type|cache_dir|cache_file_prefix|write_cache_state|thin_check_executable_old|fallback_to_local_locking|fallback_to_clustered_locking|locking_library|wait_for_locks|prioritise_write_locks|locking_dir|metadata_read_only|mirror_region_size|lvmetad_update_wait_time|use_lvmpolld|lvm1_format|format_libraries|segment_libraries|disable_after_error_count|udev_rules|scan_lvs|pv_min_size|filter_cache|dm_cache_policy)\b.*$/gm, '');
  return {
    rows: [
      time('shipped lvm.conf (comments, few settings)', readFileSync(shipped, 'utf8')),
      time('real files joined, 2.02 and 2.03 settings', joined),
      time('real files joined, 2.02-only settings removed', current),
    ],
  };
}
