// The per-host overview on real lvm2 reports: the refresh command run locally against a private
// LVM_SYSTEM_DIR on loop devices (the hosts suite's fixture): VG fill, thin pool data/metadata
// gauges with the thresholds marked (coloured by the same thresholds), a partial VG in the error
// colour; the SVG parsed by a strict XML parser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { analyzeRefreshOutput } from '../../server/src/remote/analyze';
import { buildRefreshCommand } from '../../server/src/remote/script';
import { hostOverviewSvg } from '../../server/src/map/host';
import { createLvmFixture, lvmUnavailable, type LvmFixture } from '../remote/lvmfixture';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean): { onerror: (e: Error) => void; write(s: string): { close(): void } } };
const wellFormed = (svg: string): void => {
  const p = sax.parser(true);
  p.onerror = (e) => {
    throw e;
  };
  p.write(svg).close();
};

const skip = lvmUnavailable();
let fx: LvmFixture | undefined;
before(() => {
  if (!skip) fx = createLvmFixture();
});
after(() => fx?.stop());

function refresh(systemDir: string): { stdout: string; stderr: string; status: number | null } {
  const nonce = 'cafe0123beef';
  const r = spawnSync('sh', ['-c', buildRefreshCommand({ nonce })], { encoding: 'utf8', env: { ...process.env, LVM_SYSTEM_DIR: systemDir, LVM_SUPPRESS_FD_WARNINGS: '1' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The same report with the thin pool's data/metadata percentages set (as an active pool prints them). */
function withPool(stdout: string, data: string, meta: string): string {
  const m = /(@@BW-cafe0123beef@@ begin report\n)([\s\S]*?)(\n@@BW-cafe0123beef@@ end report)/.exec(stdout)!;
  const doc = JSON.parse(m[2]);
  for (const entry of doc.report) for (const lv of entry.lv) if (lv.lv_name === 'pool0') Object.assign(lv, { data_percent: data, metadata_percent: meta, lv_active: 'active' });
  return stdout.replace(m[0], `${m[1]}${JSON.stringify(doc)}${m[3]}`);
}

test('host overview from a real lvm2 report: VG fill, thin pool gauges with thresholds, health colours', { skip }, () => {
  const run = refresh(fx!.systemDir);
  const base = analyzeRefreshOutput({ host: 'db01', stdout: run.stdout, stderr: run.stderr, code: run.status });
  assert.equal(base.ok, true, base.error);
  const svg = hostOverviewSvg(base, { warn: 80, error: 95 });
  wellFormed(svg);
  assert.match(svg, new RegExp(`VG ${fx!.vg}`));
  assert.match(svg, /% allocated of /);
  // Activation is off: the pool's usage is unknown, never drawn as 0%.
  assert.match(svg, /thin pool pool0 data unknown \(inactive\); warning at 80%, error at 95%/);
  assert.equal((svg.match(/class="markw"/g) ?? []).length, 2);
  const warn = analyzeRefreshOutput({ host: 'db01', stdout: withPool(run.stdout, '85.00', '10.00'), stderr: run.stderr, code: 0 });
  const w = hostOverviewSvg(warn, { warn: 80, error: 95 });
  wellFormed(w);
  assert.match(w, /<rect class="warn" x="200" y="\d+" width="[\d.]+" height="16"\/><line class="markw"/);
  const full = analyzeRefreshOutput({ host: 'db01', stdout: withPool(run.stdout, '50.00', '97.00'), stderr: run.stderr, code: 0 });
  const e = hostOverviewSvg(full, { warn: 80, error: 95 });
  assert.ok(full.findings.some((f) => f.code === 'thin-pool-full'));
  assert.match(e, /thin pool pool0 metadata 97%/);
  assert.match(e, /<rect class="err" x="200"/);
  assert.match(e, /thin-pool-full: /);
});

test('host overview of a partial VG (a PV filtered out): the VG and its lost LVs in the error colour', { skip }, () => {
  const run = refresh(fx!.partialSystemDir);
  const r = analyzeRefreshOutput({ host: 'db01', stdout: run.stdout, stderr: run.stderr, code: run.status });
  assert.equal(r.ok, true, r.error);
  const svg = hostOverviewSvg(r);
  wellFormed(svg);
  assert.match(svg, /PARTIAL: 1 PV missing/);
  assert.match(svg, /<circle class="err" cx="16"/);
});
