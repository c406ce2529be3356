import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAll } from '../../server/src/syntax/treesitter';
import { analyzeDocument } from '../../server/src/analyze';
import { metadataHandler } from '../../server/src/metadata';
import { generateBigMetadata } from '../../server/src/metadata/generate';
import { doc, fixture } from './helpers';

function posOf(text: string, needle: string, nth = 0, delta = 1) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: at + delta - before.lastIndexOf('\n') - 1 };
}

test('outline: VG > physical_volumes, logical_volumes with type and size', async () => {
  await loadAll();
  const d = doc(fixture('backup/vg.data+1'));
  const syms = metadataHandler.symbols(d);
  assert.equal(syms[0].name, 'vg.data+1');
  const [pvs, lvs] = syms[0].children!;
  assert.deepEqual(pvs.children!.map((s) => s.name), ['pv0', 'pv1']);
  const lv = lvs.children!.find((s) => s.name === 'lv+a.b_3')!;
  assert.match(lv.detail!, /^linear · 12 MiB$/);
  assert.match(lvs.children!.find((s) => s.name === 'stripe.s-1')!.detail!, /striped ×2 · 16 MiB/);
  assert.match(lvs.children!.find((s) => s.name === 'home')!.detail!, /^cache/);
});

test('hover: extents in bytes and GiB, creation_time as date, PV reference, LV reference', async () => {
  await loadAll();
  const text = fixture('backup/vgkinds');
  const d = doc(text);
  const h1 = metadataHandler.hover!(d, posOf(text, 'extent_count = 8'), {})!;
  assert.match(h1.contents, /8 extents = 33554432 bytes \(0\.031 GiB, 32 MiB\)/);
  const h2 = metadataHandler.hover!(d, posOf(text, 'creation_time = 1'), {})!;
  assert.match(h2.contents, /UTC/);
  const h3 = metadataHandler.hover!(d, posOf(text, '"pv3", 3'), {})!;
  assert.match(h3.contents, /PV pv3.*\/dev\/loop/s);
  assert.match(h3.contents, /256 MiB device/);
  const h4 = metadataHandler.hover!(d, posOf(text, 'thin_pool = "pool0"', 0, 14), {})!;
  assert.match(h4.contents, /LV pool0.*thin-pool/s);
});

test('definition and references for PV and LV names', async () => {
  await loadAll();
  const text = fixture('backup/vgkinds');
  const d = doc(text);
  const def = metadataHandler.definition!(d, posOf(text, '"r1_rimage_0"'));
  assert.equal(def.length, 1);
  assert.equal(d.lines.lineText(def[0].start.line).trim(), 'r1_rimage_0 {');
  const refs = metadataHandler.references!(d, posOf(text, 'pool0 {', 0, 0), true);
  // declaration + thin1's thin_pool (thin2 was removed)
  assert.ok(refs.length >= 2);
  const pvRefs = metadataHandler.references!(d, posOf(text, 'pv3 {', 0, 0), false);
  assert.ok(pvRefs.length >= 3);
  for (const r of pvRefs) assert.match(d.lines.lineText(r.start.line), /"pv3"/);
});

test('folding covers VG, PVs, LVs and segments', async () => {
  await loadAll();
  const text = fixture('backup/vgkinds');
  const f = metadataHandler.folding(doc(text));
  const count = (text.match(/\{\s*$/gm) ?? []).length;
  assert.ok(f.length >= count - 2, `${f.length} folds for ${count} sections`);
});

test('incremental: after edits, findings equal a fresh analysis; 10,000 LVs cold and edit timings', async () => {
  await loadAll();
  const text = generateBigMetadata({ lvs: 10000 });
  let t = performance.now();
  const d = doc(text);
  const cold = analyzeDocument(d);
  const coldMs = performance.now() - t;
  assert.deepEqual(cold.filter((f) => f.severity === 'error'), []);
  // Make an overlap: shift one linear LV's extents onto its neighbour's.
  const at = text.indexOf('stripe_count = 1', text.length / 2);
  const pvLine = text.indexOf('"pv', at);
  const numStart = text.indexOf(', ', pvLine) + 2;
  const numEnd = text.indexOf('\n', numStart);
  const p0 = d.lines.positionAt(numStart);
  const p1 = d.lines.positionAt(numEnd);
  t = performance.now();
  d.update([{ range: { start: p0, end: p1 }, text: '0' }], 2);
  const after = analyzeDocument(d);
  const editMs = performance.now() - t;
  const fresh = analyzeDocument(doc(d.text));
  assert.deepEqual(after, fresh);
  assert.ok(after.some((f) => f.code === 'extent-overlap'));
  // Undo: back to clean.
  d.update([{ range: { start: p0, end: { line: p0.line, character: p0.character + 1 } }, text: text.slice(numStart, numEnd) }], 3);
  assert.deepEqual(analyzeDocument(d), cold);
  console.log(`10,000 LVs: cold parse+analysis ${coldMs.toFixed(0)} ms, edit+reparse+analysis ${editMs.toFixed(0)} ms`);
  assert.ok(coldMs < 20000 && editMs < 5000, 'sanity bound (the bench measures the targets)');
});
