// What the binding tests parse: every corpus case of a grammar (error cases included) and every
// sample file it reads, and web-tree-sitter's tree of each on the committed wasm (the reference).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { initTreeSitter } from '../../server/src/syntax/treesitter';
import { repoRoot } from '../support/util';
import { findCorpusFiles, readCorpus } from './corpus-runner';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export interface BindingInput {
  label: string;
  text: string;
}

/** Corpus cases first, then the samples (lvm: lvm.conf, profiles, metadata; kickstart: *.ks). */
export function bindingInputs(grammar: string): { inputs: BindingInput[]; corpusCount: number } {
  const root = repoRoot();
  const inputs: BindingInput[] = [];
  for (const f of findCorpusFiles(join(root, 'grammars')).filter((f) => f.grammar === grammar)) {
    for (const c of readCorpus(f.file)) inputs.push({ label: `${f.file}:${c.line} ${c.name}`, text: c.input });
  }
  const corpusCount = inputs.length;
  const s = join(root, 'samples');
  const samples = grammar === 'lvm' ? [...walk(join(s, 'lvm')), ...walk(join(s, 'metadata'))] : walk(join(s, 'kickstart')).filter((p) => p.endsWith('.ks'));
  for (const p of samples) inputs.push({ label: p, text: readFileSync(p, 'utf8') });
  return { inputs, corpusCount };
}

/** web-tree-sitter's S-expression of each input, on the grammar's committed wasm. */
export async function webTrees(grammar: string, inputs: BindingInput[]): Promise<string[]> {
  await initTreeSitter();
  const lang = await Language.load(readFileSync(join(repoRoot(), 'grammars', `tree-sitter-${grammar}`, `tree-sitter-${grammar}.wasm`)));
  const parser = new Parser();
  parser.setLanguage(lang);
  const out = inputs.map((x) => {
    const tree = parser.parse(x.text)!;
    const s = tree.rootNode.toString();
    tree.delete();
    return s;
  });
  parser.delete();
  return out;
}
