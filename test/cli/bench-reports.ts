// `npm run bench` section `reports`: one `blockwise check` process over 1,000 kickstarts (the bench
// corpus: clean files and files with findings) in a git repository, JSON against SARIF (URIs,
// rules, and a line fingerprint per result, which hashes every file with findings once more).
// Wall time, median of 3 runs each, alternating.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKickstartCorpus } from '../kickstart/bench-kickstart';
import { repoRoot } from '../lsp/client';

export interface ReportsBench {
  files: number;
  results: number;
  jsonSeconds: number;
  sarifSeconds: number;
  codeclimateSeconds: number;
  ratio: number;
}

export function benchReports(o: { files?: number; runs?: number } = {}): ReportsBench {
  const dir = mkdtempSync(join(tmpdir(), 'blockwise-reports-bench-'));
  const bin = join(repoRoot(), 'bin', 'blockwise.js');
  try {
    mkdirSync(join(dir, '.git'));
    const corpus = generateKickstartCorpus(o.files ?? 1000);
    for (const f of corpus) writeFileSync(join(dir, f.name), f.text);
    const time = (format: string): { s: number; out: string } => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, 'check', '--format', format, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0 && r.status !== 1) throw new Error(`blockwise check --format ${format} failed (${r.status}): ${r.stderr}`);
      return { s, out: r.stdout };
    };
    const json: number[] = [];
    const sarif: number[] = [];
    const cc: number[] = [];
    let results = 0;
    for (let i = 0; i < (o.runs ?? 3); i++) {
      json.push(time('json').s);
      const s = time('sarif');
      sarif.push(s.s);
      results = JSON.parse(s.out).runs[0].results.length;
      cc.push(time('codeclimate').s);
    }
    const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return { files: corpus.length, results, jsonSeconds: r3(med(json)), sarifSeconds: r3(med(sarif)), codeclimateSeconds: r3(med(cc)), ratio: Math.round((med(sarif) / med(json)) * 100) / 100 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
