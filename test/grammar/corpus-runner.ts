// A runner for tree-sitter's corpus test format, used instead of `tree-sitter test` (the
// 0.20.7 CLI's test command does not build offline from bookworm's crates; grammars/README.md).
//
// A corpus file (grammars/tree-sitter-NAME/test/corpus/*.txt) holds cases:
//
//   ==================      a line of three or more '='
//   name of the case
//   :error                  optional attribute lines (:error, :skip; others are ignored)
//   ==================
//   input text
//   ---                     a line of three or more '-'
//   (expected s-expression)
//
// The input is the text between the header and the divider, minus the newline(s) that precede
// the divider (CR characters inside the input are kept, so CRLF input can be tested). Expected
// trees are compared with the root's toString() after whitespace normalisation; when the
// expected tree names no fields, field names are removed from the actual tree too. `:error`
// cases only assert that the tree contains an ERROR or MISSING node.
//
// A case can run on both runtimes (web-tree-sitter's wasm and the native `tree-sitter` binding):
// runCase returns the full S-expression (with field names) so the caller can assert that both
// runtimes built the same tree, error cases included.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What the runner needs of a parser: web-tree-sitter's Parser and the native one both fit. */
export interface CorpusParser {
  parse(input: string): { rootNode: { toString(): string; hasError: boolean }; delete?(): void } | null | undefined;
}

export interface CorpusCase {
  file: string;
  name: string;
  line: number;
  input: string;
  expected: string;
  error: boolean;
  skip: boolean;
}

export interface CorpusFile {
  grammar: string; // e.g. "lvm" for grammars/tree-sitter-lvm
  dir: string; // the grammar folder
  file: string;
}

const HEADER = /^={3,}\r?$/;
const DIVIDER = /^-{3,}\r?$/;

/** Split one corpus file into cases. */
export function readCorpus(file: string, text = readFileSync(file, 'utf8')): CorpusCase[] {
  const lines = text.split('\n');
  const cases: CorpusCase[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!HEADER.test(lines[i])) {
      i++;
      continue;
    }
    const line = i + 1;
    i++;
    const nameLines: string[] = [];
    let error = false;
    let skip = false;
    while (i < lines.length && !HEADER.test(lines[i])) {
      const l = lines[i].replace(/\r$/, '');
      if (/^:error\b/.test(l)) error = true;
      else if (/^:skip\b/.test(l)) skip = true;
      else if (!l.startsWith(':') && l.trim()) nameLines.push(l.trim());
      i++;
    }
    i++; // closing header line
    const inputStart = i;
    while (i < lines.length && !DIVIDER.test(lines[i])) i++;
    if (i >= lines.length) throw new Error(`${file}:${line}: case "${nameLines.join(' ')}" has no --- divider`);
    const input = lines.slice(inputStart, i).join('\n').replace(/\n+$/, '');
    i++;
    const expStart = i;
    while (i < lines.length && !HEADER.test(lines[i])) i++;
    const expected = lines.slice(expStart, i).join('\n');
    cases.push({ file, name: nameLines.join(' '), line, input, expected, error, skip });
  }
  return cases;
}

/** Collapse whitespace in an s-expression: `( a  (b) )` -> `(a (b))`. */
export function normalizeSexp(s: string): string {
  return s
    .replace(/;[^\n]*/g, '') // comments in expected trees
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .trim();
}

/** Remove `field:` prefixes from a tree string. */
export function stripFields(s: string): string {
  return s.replace(/\b[a-z_][a-z0-9_]*: /g, '');
}

/** Every corpus file of every grammar under grammarsDir (grammars/tree-sitter-*). */
export function findCorpusFiles(grammarsDir: string): CorpusFile[] {
  const out: CorpusFile[] = [];
  if (!existsSync(grammarsDir)) return out;
  for (const d of readdirSync(grammarsDir).sort()) {
    if (!d.startsWith('tree-sitter-')) continue;
    const dir = join(grammarsDir, d);
    const corpus = join(dir, 'test', 'corpus');
    if (!statSync(dir).isDirectory() || !existsSync(corpus)) continue;
    for (const f of readdirSync(corpus).sort()) {
      if (f.endsWith('.txt')) out.push({ grammar: d.slice('tree-sitter-'.length), dir, file: join(corpus, f) });
    }
  }
  return out;
}

export interface CaseResult {
  ok: boolean;
  /** root.toString() as the runtime printed it (fields kept): compared across runtimes. */
  sexp: string;
  actual: string;
  expected: string;
  message?: string;
}

/** Parse one case and compare. */
export function runCase(parser: CorpusParser, c: CorpusCase): CaseResult {
  const tree = parser.parse(c.input);
  if (!tree) return { ok: false, sexp: '', actual: '', expected: c.expected, message: 'the parser returned no tree' };
  try {
    const root = tree.rootNode;
    const sexp = root.toString();
    let actual = normalizeSexp(sexp);
    const expected = normalizeSexp(c.expected);
    if (c.error) {
      const hasError = root.hasError;
      return {
        ok: hasError,
        sexp,
        actual,
        expected,
        message: hasError ? undefined : `expected an ERROR or MISSING node, got ${actual}`,
      };
    }
    if (!/\b[a-z_][a-z0-9_]*: /.test(expected)) actual = stripFields(actual);
    return { ok: actual === expected, sexp, actual, expected };
  } finally {
    tree.delete?.();
  }
}

/** A short label for a case: `lvm/values.txt:12 numbers`. */
export function caseLabel(f: CorpusFile, c: CorpusCase): string {
  return `${f.grammar}/${basename(c.file)}:${c.line} ${c.name}`;
}
