// Test support for the safety/storage rule tests: a kickstart model for a text.
// Uses the real pipeline (ParsedDocument + buildModel from server/src/kickstart/model) when the
// grammar and model are built; until then a small stand-in tokenizer that follows the model
// contract (KsCommand/KsOption/KsSection shapes) so the rules can be tested on real text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import type { ParsedDocument } from '../../server/src/core/document';
import type { Range } from '../../server/src/core/types';
import type { KickstartModel, KsCommand, KsOption, KsSection, KsWord } from '../../server/src/kickstart/model';
import { loadLanguage, wasmDir } from '../../server/src/syntax/treesitter';

export interface Subject {
  model: KickstartModel;
  doc: ParsedDocument;
  real: boolean;
  dispose(): void;
}

let realPipeline: undefined | null | { buildModel: (d: ParsedDocument, o: object) => KickstartModel; Doc: typeof import('../../server/src/core/document').ParsedDocument };

/** Load bash (and, when present, the kickstart grammar and the real model). */
export async function setup(): Promise<void> {
  await loadLanguage('bash');
  if (realPipeline !== undefined) return;
  realPipeline = null;
  if (process.env.BLOCKWISE_STANDIN_MODEL) return;
  try {
    if (!existsSync(join(wasmDir(), 'tree-sitter-kickstart.wasm'))) return;
    await loadLanguage('kickstart');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('../../server/src/kickstart/model');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const d = require('../../server/src/core/document');
    if (typeof m.buildModel === 'function') realPipeline = { buildModel: m.buildModel, Doc: d.ParsedDocument };
  } catch {
    realPipeline = null;
  }
}

export function usingRealModel(): boolean {
  return !!realPipeline;
}

export function subject(text: string, target = 'rhel9'): Subject {
  if (realPipeline) {
    const doc = new realPipeline.Doc('file:///test.ks', 'kickstart', text);
    const model = realPipeline.buildModel(doc, { target });
    return { model, doc, real: true, dispose: () => doc.dispose() };
  }
  const lines = new LineIndex(text);
  const doc = { uri: 'file:///test.ks', languageId: 'kickstart', lines, text, cache: new Map(), version: 0 } as unknown as ParsedDocument;
  return { model: standInModel(text, lines, target), doc, real: false, dispose: () => undefined };
}

const SECTIONS = new Set(['%pre', '%pre-install', '%post', '%onerror', '%traceback', '%packages', '%certificate', '%addon', '%anaconda']);
const ALIASES: Record<string, string> = { partition: 'part' };

function words(line: string, lineNo: number, base: number, lines: LineIndex): KsWord[] {
  const out: KsWord[] = [];
  const re = /(?:"[^"]*"|'[^']*'|[^\s"'])+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    if (m[0].startsWith('#')) break;
    const start = base + m.index;
    const end = start + m[0].length;
    out.push({ text: m[0].replace(/["']/g, ''), raw: m[0], range: lines.range(start, end), start, end });
  }
  void lineNo;
  return out;
}

function command(ws: KsWord[], line: number, lines: LineIndex): KsCommand {
  const [head, ...rest] = ws;
  const options: KsOption[] = [];
  const args: KsWord[] = [];
  for (const w of rest) {
    if (w.raw.startsWith('--')) {
      const eq = w.raw.indexOf('=');
      const name = (eq === -1 ? w.raw.slice(2) : w.raw.slice(2, eq)).toLowerCase();
      const o: KsOption = { name, written: eq === -1 ? w.raw : w.raw.slice(0, eq), range: w.range, abbreviated: false };
      if (eq !== -1) {
        o.value = w.raw.slice(eq + 1).replace(/["']/g, '');
        o.valueRange = lines.range(w.start + eq + 1, w.end);
      }
      options.push(o);
    } else args.push(w);
  }
  const range: Range = { start: head.range.start, end: ws[ws.length - 1].range.end };
  const name = head.text.replace(/^%/, '');
  return { name: ALIASES[name] ?? name, written: head.text, nameRange: head.range, range, line, options, args, words: ws };
}

/** The stand-in: enough of the contract for the rules (not a validator). */
function standInModel(text: string, lines: LineIndex, target: string): KickstartModel {
  const commands: KsCommand[] = [];
  const sections: KsSection[] = [];
  const includes: KickstartModel['includes'] = [];
  let open: { header: KsCommand; kind: string; bodyStart: number } | undefined;
  for (let i = 0; i < lines.lineCount; i++) {
    const base = lines.starts[i];
    const lt = lines.lineText(i);
    const first = lt.trim().split(/\s+/)[0] ?? '';
    if (first === '%include' || first === '%ksappend') {
      const ws = words(lt, i, base, lines);
      includes.push({ path: ws[1]?.text ?? '', range: { start: ws[0].range.start, end: ws[ws.length - 1].range.end }, kind: first === '%include' ? 'include' : 'ksappend' });
      continue;
    }
    if (open) {
      if (first === '%end' || SECTIONS.has(first)) {
        const bodyEnd = base;
        const interp = open.header.options.find((o) => o.name === 'interpreter')?.value;
        sections.push({
          kind: open.kind,
          header: open.header,
          bodyStart: open.bodyStart,
          bodyEnd,
          bodyRange: lines.range(open.bodyStart, bodyEnd),
          end: first === '%end' ? lines.range(base, base + lt.length) : undefined,
          interpreter: interp,
        });
        open = undefined;
        if (first === '%end') continue;
      } else continue;
    }
    if (!lt.trim() || lt.trim().startsWith('#')) continue;
    const ws = words(lt, i, base, lines);
    if (!ws.length) continue;
    if (SECTIONS.has(first)) {
      const header = command(ws, i, lines);
      open = { header, kind: first.slice(1), bodyStart: i + 1 < lines.lineCount ? lines.starts[i + 1] : text.length };
      continue;
    }
    commands.push(command(ws, i, lines));
  }
  if (open) {
    sections.push({ kind: open.kind, header: open.header, bodyStart: open.bodyStart, bodyEnd: text.length, bodyRange: lines.range(open.bodyStart, text.length), interpreter: undefined });
  }
  const byName = new Map<string, KsCommand[]>();
  for (const c of commands) {
    const l = byName.get(c.name);
    if (l) l.push(c);
    else byName.set(c.name, [c]);
  }
  return { target, targetSource: 'setting', commands, sections, includes, byName };
}

// Registered only when this file runs as a test file, not when another test imports the helpers.
if (require.main === module) test('the test model reads commands, options, sections and includes', async () => {
  await setup();
  const s = subject('clearpart --all --drives=sda,sdb\npartition raid.01 --ondisk=sda\n%include /tmp/x\n%pre --erroronfail\nexit 1\n%end\n');
  try {
    const cp = s.model.byName.get('clearpart')![0];
    assert.deepEqual(cp.options.map((o) => o.name.replace(/^-+/, '')), ['all', 'drives']);
    assert.equal(cp.options[1].value, 'sda,sdb');
    assert.equal(s.doc.text.slice(s.doc.lines.offsetAt(cp.options[1].valueRange!.start), s.doc.lines.offsetAt(cp.options[1].valueRange!.end)), 'sda,sdb');
    assert.equal(s.model.byName.get('part')?.[0].args[0].text, 'raid.01');
    assert.equal(s.model.includes[0].path, '/tmp/x');
    const pre = s.model.sections.find((x) => x.kind.replace(/^%/, '') === 'pre')!;
    assert.equal(s.doc.text.slice(pre.bodyStart, pre.bodyEnd), 'exit 1\n');
  } finally {
    s.dispose();
  }
});
