// The review reads a kickstart's line structure with server/src/kickstart/reader.ts, not from the
// tree-sitter-kickstart tree. This checks that the two agree node for node: every top-level
// command and include, every section with its header, body runs, %include lines and %end, at the
// same offsets, on the corpus, the samples, the bench file and random input full of section
// names, quotes, CR, odd whitespace and NUL. It also checks what lets the reader stand in for the
// tree: the grammar accepts every input (no ERROR or MISSING node).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { buildModel } from '../../server/src/kickstart/model';
import { readKickstart } from '../../server/src/kickstart/reader';
import { loadAll, parse } from '../../server/src/syntax/treesitter';
import { generateKickstart } from './bench-kickstart';
import { prng } from '../support/util';

const root = join(__dirname, '..', '..', '..', '..');

before(async () => {
  await loadAll();
});

const SECTION_CHILD: Record<string, string> = { section_header: 'header', body: 'body', include: 'include', section_end: 'end' };

/** The tree's structure: one entry per top-level node (comments left out), sections with their children. */
function fromTree(text: string): string[] {
  const tree = parse('kickstart', text);
  try {
    assert.equal(tree.rootNode.hasError, false, `the grammar refused ${JSON.stringify(text.slice(0, 200))}`);
    const out: string[] = [];
    for (const n of tree.rootNode.children) {
      if (!n) continue;
      if (n.type === 'command' || n.type === 'include') out.push(`${n.type} ${n.startIndex}-${n.endIndex}`);
      else if (n.type === 'section') {
        out.push(`section ${n.startIndex}-${n.endIndex}`);
        for (const c of n.children) if (c) out.push(`  ${SECTION_CHILD[c.type] ?? c.type} ${c.startIndex}-${c.endIndex}`);
      } else if (n.type !== 'comment') out.push(`? ${n.type} ${n.startIndex}-${n.endIndex}`);
    }
    return out;
  } finally {
    tree.delete();
  }
}

/** The reader's structure in the same form. */
function fromReader(text: string): string[] {
  const out: string[] = [];
  let section: string[] = [];
  let headerStart = -1;
  readKickstart(text, {
    command: (s, e) => out.push(`command ${s}-${e}`),
    include: (s, _k, e) => (headerStart >= 0 ? section : out).push(`${headerStart >= 0 ? '  ' : ''}include ${s}-${e}`),
    header: (s, _k, e) => {
      headerStart = s;
      section = [`  header ${s}-${e}`];
    },
    body: (s, e) => section.push(`  body ${s}-${e}`),
    sectionDone: (endStart, endEnd, end) => {
      if (endStart >= 0) section.push(`  end ${endStart}-${endEnd}`);
      out.push(`section ${headerStart}-${end}`, ...section);
      headerStart = -1;
    },
  });
  return out;
}

function same(text: string, label: string): void {
  assert.deepEqual(fromReader(text), fromTree(text), label);
}

test('reader and tree agree: corpus, samples, syntax fixtures and the bench file', () => {
  let files = 0;
  for (const dir of ['test/fixtures/kickstart/corpus', 'test/fixtures/kickstart/syntax', 'samples/kickstart']) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ks'))) {
      same(readFileSync(join(root, dir, f), 'utf8'), f);
      files++;
    }
  }
  assert.ok(files >= 60, `${files} files`);
  same(generateKickstart(3000), 'bench');
});

test('reader and tree agree: random input', () => {
  const rnd = prng(4242);
  // Pieces that move section boundaries: headers (quoted, glued, after odd spaces), %end with
  // text after it, %include in and out of sections, CR alone and CRLF, Python-only whitespace.
  const pieces = [
    'part', '--size=1', 'a', '"q w"', "'x'", '\\', '#c', ' ', '\t', '\n', '\n', '\n', '\r\n', '\r',
    '%pre', '%pre-install', '%post', '%packages', '%onerror', '%traceback', '%addon', '%anaconda', '%certificate',
    '%end', '%end x', '%end#x', '%endx', '%include', '%include /tmp/x', '%ksappend', '"%post"', "'%include'", '%foo', '%',
    '\u00a0', '\u2003', '\u0085', '\u2028', '\f', '\u000b', '\u001c', '\0', '😀', 'é', 'x y z',
  ];
  for (let k = 0; k < 3000; k++) {
    let s = '';
    const n = Math.floor(rnd() * 60);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      s += pieces[Math.floor(rnd() * pieces.length)] + (r < 0.35 ? ' ' : r < 0.7 ? '\n' : '');
    }
    same(s, `random #${k}: ${JSON.stringify(s)}`);
  }
});

test('reader and tree agree: every byte value as text', () => {
  const rnd = prng(99);
  for (let k = 0; k < 300; k++) {
    const bytes = Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256));
    const prefix = ['', '%pre\n', '%packages\n', 'part / '][k % 4];
    const s = prefix + new TextDecoder('utf-8').decode(new Uint8Array(bytes));
    same(s, `bytes #${k}: ${JSON.stringify(s)}`);
  }
});

test('a header met inside an open section is read as the scanner reads it (its name is the run before any Python space)', () => {
  // The %pre has no %end; the %post line closes it. Its name ends at the no-break space (str.split
  // whitespace), so the section is a %post, as in the tree; before the reader the model read the
  // whole `%post\u00a0--nochroot` as one shlex word and named the section after it.
  const text = '%pre\necho hi\n%post\u00a0--nochroot\necho post\n%end\n';
  same(text, 'nbsp header');
  const doc = new ParsedDocument('file:///n.ks', 'kickstart', text);
  try {
    const m = buildModel(doc, {});
    assert.deepEqual(
      m.sections.map((s) => [s.kind, s.header.written, !!s.end]),
      [
        ['pre', '%pre', false],
        ['post', '%post', true],
      ],
    );
  } finally {
    doc.dispose();
  }
});
