// The editor's limits (issue 28, item 5) on real analysis output: diagnostics, outline and folding
// per document, pictures by parts and bytes, and hover markdown that shows names as written.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeText } from '../../server/src/analyze';
import { ParsedDocument } from '../../server/src/core/document';
import { capFindings, capFolding, capSymbols, MAX_FINDINGS } from '../../server/src/core/limits';
import { mdText } from '../../server/src/core/markdown';
import type { DocSymbol } from '../../server/src/core/types';
import { HANDLERS } from '../../server/src/languages';
import { foldLvmConf } from '../../server/src/lvmconf/folding';
import { foldingLvmConf } from '../../server/src/lvmconf/symbols';
import { pictureOf } from '../../server/src/map/index';
import { drawHostOverview, drawSvg, MAX_PICTURE_ELEMENTS, pictureSize } from '../../server/src/map/limits';
import { analyzeRefreshOutput } from '../../server/src/remote/analyze';
import { syntheticRefreshOutput } from '../harness/fleet-bench';
import { generateBigMetadata } from '../../server/src/metadata/generate';
import { loadLanguage } from '../../server/src/syntax/treesitter';
import { repoRoot } from '../lsp/client';

const root = repoRoot();

before(async () => {
  await loadLanguage('lvm');
  await loadLanguage('kickstart');
  await loadLanguage('bash');
});

describe('editor limits', () => {
  test('diagnostics: 1,000 kept, the most severe first, and one finding says how many were left out', () => {
    // 5,000 repeated mount points: a warning on every line but the first; one error (a bad size) near the end.
    const lines = Array.from({ length: 5000 }, () => 'part / --size=1');
    lines[4990] = 'part /x --size=abc';
    const all = analyzeText('file:///many.ks', 'kickstart', `${lines.join('\n')}\n`);
    assert.ok(all.length > 4000, `${all.length} findings before the cap`);
    const errors = all.filter((f) => f.severity === 'error');
    assert.ok(errors.length >= 1, 'the bad size is an error');
    const kept = capFindings(all);
    assert.equal(kept.length, MAX_FINDINGS + 1);
    const note = kept.filter((f) => f.code === 'too-many-findings');
    assert.equal(note.length, 1);
    assert.match(note[0].message, new RegExp(`^${(all.length - MAX_FINDINGS).toLocaleString('en-US')} more findings`));
    for (const e of errors) assert.ok(kept.includes(e), 'every error is kept, even past the first 1,000 lines');
    assert.deepEqual(capFindings(all.slice(0, 10)), all.slice(0, 10), 'under the cap nothing changes');
    // The note's severity is configurable like any rule's; off drops the note, not the cap.
    assert.equal(capFindings(all, MAX_FINDINGS, { 'too-many-findings': 'warning' }).at(-1)?.severity, 'warning');
    assert.equal(capFindings(all, MAX_FINDINGS, { 'too-many-findings': 'off' }).length, MAX_FINDINGS);
  });

  test('outline and folding are capped, in document order', () => {
    const syms: DocSymbol[] = Array.from({ length: 30 }, (_, i) => ({
      name: `s${i}`,
      kind: 'namespace',
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      selectionRange: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      children: Array.from({ length: 3 }, (_, j) => ({ name: `c${i}.${j}`, kind: 'property', range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, selectionRange: { start: { line: i, character: 0 }, end: { line: i, character: 1 } } })),
    }));
    const capped = capSymbols(syms, 10);
    const flat: string[] = [];
    const walk = (l: DocSymbol[]) => l.forEach((s) => (flat.push(s.name), walk(s.children ?? [])));
    walk(capped);
    assert.deepEqual(flat, ['s0', 'c0.0', 'c0.1', 'c0.2', 's1', 'c1.0', 'c1.1', 'c1.2', 's2', 'c2.0']);
    assert.match(capped[2].children![0].detail ?? '', /outline stops here/);
    assert.equal(syms[2].children!.length, 3, 'the input is not changed');
    const ranges = Array.from({ length: 20 }, (_, i) => ({ startLine: i * 10, endLine: i * 10 + (i % 5) + 1 }));
    const f = capFolding(ranges, 4);
    assert.deepEqual(
      f.map((r) => r.startLine),
      [40, 90, 140, 190],
      'the longest ranges, in line order',
    );
  });

  test('lvm.conf folding from the tree equals the model-based ranges on the shipped lvm.conf and a nested file', () => {
    for (const text of [readFileSync(join(root, 'samples', 'lvm', 'lvm.conf'), 'utf8'), 'a {\n'.repeat(80) + '}\n'.repeat(80), 'devices {\n\tfilter = [ "a|x|",\n\t# r\n\t"r|.*|" ]\n}\n# one\n# two\n']) {
      const doc = new ParsedDocument('file:///etc/lvm/lvm.conf', 'lvm-conf', text);
      try {
        assert.equal(doc.tree.rootNode.hasError, false);
        const fast = foldLvmConf(doc);
        assert.ok(fast.length > 0);
        assert.deepEqual(fast, foldingLvmConf(doc));
        assert.deepEqual(HANDLERS['lvm-conf'].folding(doc), fast);
      } finally {
        doc.dispose();
      }
    }
  });

  test('pictures: a storage plan of 100,000 partitions is not drawn, with the count; a 2,000-LV map is', () => {
    const many = new ParsedDocument('file:///many.ks', 'kickstart', `clearpart --all\n${'part /d --size=1 --ondisk=sda\n'.repeat(100_000)}`);
    try {
      const pic = pictureOf(many);
      assert.ok(!('error' in pic));
      const size = pictureSize(pic);
      assert.ok(size.elements > MAX_PICTURE_ELEMENTS);
      const drawn = drawSvg(pic);
      assert.ok('error' in drawn);
      assert.match(drawn.error, /^too large to draw: 100,000 partitions and 1 disk/);
    } finally {
      many.dispose();
    }
    const vg = new ParsedDocument('file:///etc/lvm/backup/vg', 'lvm-metadata', generateBigMetadata({ lvs: 2000 }));
    try {
      const pic = pictureOf(vg);
      assert.ok(!('error' in pic));
      const drawn = drawSvg(pic);
      assert.ok('svg' in drawn, JSON.stringify(drawn).slice(0, 200));
      assert.ok(drawn.svg.length <= pictureSize(pic).bytes, 'the estimate is an upper bound');
      // Long names count in bytes: the same picture under a small byte limit is refused before drawing.
      const small = drawSvg(pic, { elements: MAX_PICTURE_ELEMENTS, bytes: 1024 * 1024 });
      assert.ok('error' in small && /too large to draw: .* of SVG/.test(small.error));
    } finally {
      vg.dispose();
    }
  });

  test('the size estimate is an upper bound on every real kickstart plan and metadata map in the repository', () => {
    const files: { path: string; lang: 'kickstart' | 'lvm-metadata' }[] = [];
    for (const d of ['test/fixtures/kickstart/corpus', 'test/fixtures/kickstart/real', 'samples/kickstart']) {
      for (const f of readdirSync(join(root, d), { recursive: true }) as string[]) if (f.endsWith('.ks') || f.endsWith('.cfg')) files.push({ path: join(root, d, f), lang: 'kickstart' });
    }
    for (const d of ['samples/metadata', 'test/fixtures/metadata/backup']) {
      for (const f of readdirSync(join(root, d))) files.push({ path: join(root, d, f), lang: 'lvm-metadata' });
    }
    let drawn = 0;
    for (const f of files) {
      if (!statSync(f.path).isFile()) continue;
      const doc = new ParsedDocument(`file://${f.path}`, f.lang, readFileSync(f.path, 'utf8'));
      try {
        const pic = pictureOf(doc);
        if ('error' in pic) continue;
        const svg = drawSvg(pic);
        assert.ok('svg' in svg, `${f.path}: ${JSON.stringify(svg)}`);
        assert.ok(svg.svg.length <= pictureSize(pic).bytes, `${f.path}: ${svg.svg.length} bytes drawn, ${pictureSize(pic).bytes} estimated`);
        drawn++;
      } finally {
        doc.dispose();
      }
    }
    assert.ok(drawn > 50, `${drawn} pictures`);
  });

  test('a host overview is drawn under the same limits: a real-shaped report is, 60,000 LVs are not', () => {
    const nonce = 'abcdef12';
    const r = analyzeRefreshOutput({ host: 'db1', stdout: syntheticRefreshOutput(nonce, 3, 2, 50), stderr: '', code: 0, nonce });
    assert.equal(r.ok, true, r.error);
    const ok = drawHostOverview(r);
    assert.ok('svg' in ok && ok.svg.startsWith('<svg'));
    const huge = { ...r, vgs: r.vgs.map((v, i) => (i === 0 ? { ...v, lvs: Array.from({ length: 60_000 }, () => v.lvs[0]) } : v)) };
    const no = drawHostOverview(huge);
    assert.ok('error' in no);
    assert.match(no.error, /^too large to draw: 2 VGs, 60,0\d\d LVs/);
  });

  test('names in hover markdown are text: no image, link, HTML or table cell from an LV name or host', () => {
    const evil = '![x](https://attacker.example/p.png)<img src=https://attacker.example/q.png>|a\n# h';
    const md = mdText(evil);
    assert.ok(!/!\[/.test(md) && !/\]\(/.test(md) && !md.includes('<img') && !/[^\\]\|/.test(md) && !md.includes('\n'), md);
    // On a real metadata file: the creation host and the LV name as lvm2 would never write them.
    const src = generateBigMetadata({ lvs: 2 }).replace(/creation_host = "host\d"/g, `creation_host = "${evil.replace(/"/g, '').replace(/\n/g, ' ')}"`);
    const doc = new ParsedDocument('file:///etc/lvm/backup/vg', 'lvm-metadata', src);
    try {
      const line = doc.lines.lineCount;
      let hover: string | undefined;
      for (let l = 0; l < line && !hover; l++) {
        const t = doc.lines.lineText(l);
        const m = /^\s*(\S+) \{\s*$/.exec(t);
        if (!m || !/^lv/.test(m[1])) continue;
        hover = HANDLERS['lvm-metadata'].hover?.(doc, { line: l, character: t.indexOf(m[1]) + 1 }, {})?.contents;
      }
      assert.ok(hover, 'a hover on an LV');
      assert.ok(hover.includes('attacker.example'), 'the host is shown');
      assert.ok(!/!\[/.test(hover) && !hover.includes('<img'), hover);
    } finally {
      doc.dispose();
    }
  });
});
