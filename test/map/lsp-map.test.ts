// `blockwise/map` over the real protocol (the built server): the picture of an open document,
// redrawn after an edit, with the offsets a click reveals pointing at the LV's segment section;
// the picture of a text that is not open (a backup version); and odd requests answered, not fatal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, repoRoot } from '../lsp/client';

const root = repoRoot();
let c: LspClient;

before(async () => {
  c = LspClient.start({ settings: { severity: {} } });
  await c.initialize({ diagnosticsDelay: 0 });
});
after(async () => {
  if (c.exitCode === undefined) c.kill();
});

interface Reply {
  kind?: string;
  svg?: string;
  error?: string;
}

test('open metadata: SVG of the extent map; data-at offsets land on segment sections; an edit is redrawn', async () => {
  const text = readFileSync(join(root, 'test/fixtures/metadata/backup/vgkinds'), 'utf8');
  const uri = 'file:///etc/lvm/backup/vgkinds';
  await c.open(uri, 'lvm-metadata', text, 1);
  const r = await c.request<Reply>('blockwise/map', { uri });
  assert.equal(r.kind, 'vg', r.error);
  const ats = [...r.svg!.matchAll(/class="seg c\d+"[^>]*data-at="(\d+)"/g)].map((m) => Number(m[1]));
  assert.ok(ats.length > 30);
  for (const at of ats) assert.match(text.slice(at, at + 12), /^segment\d+ \{/);
  // Rename an LV: the next picture names the new LV.
  const at = text.indexOf('\t\torig {');
  const lines = text.slice(0, at).split('\n');
  const pos = { line: lines.length - 1, character: 2 };
  await c.change(uri, 2, [{ range: { start: pos, end: { line: pos.line, character: 6 } }, text: 'origin_renamed' }]);
  const r2 = await c.request<Reply>('blockwise/map', { uri });
  assert.match(r2.svg!, /origin_renamed/);
  await c.close(uri);
});

test('kickstart text that is not open: storage plan with data-line; bad requests get an error', async () => {
  const ks = readFileSync(join(root, 'samples/kickstart/guarded-raid10-lvm.ks'), 'utf8');
  const r = await c.request<Reply>('blockwise/map', { text: ks, languageId: 'kickstart' });
  assert.equal(r.kind, 'storage-plan', r.error);
  const lines = ks.split('\n');
  const ls = [...r.svg!.matchAll(/data-line="(\d+)"/g)].map((m) => Number(m[1]));
  assert.ok(ls.length > 10);
  for (const l of ls) assert.match(lines[l], /^(part|raid|volgroup|logvol|ignoredisk|clearpart|bootloader) /);
  assert.ok((await c.request<Reply>('blockwise/map', { uri: 'file:///nope.vg' })).error);
  assert.ok((await c.request<Reply>('blockwise/map', { text: 'x', languageId: 'lvm-conf' })).error);
  assert.ok((await c.request<Reply>('blockwise/map', null)).error);
  const junk = await c.request<Reply>('blockwise/map', { text: 'vg {\n', languageId: 'lvm-metadata' });
  assert.ok(junk.error || junk.svg);
});
