// Semantic tokens from each grammar's queries/highlights.scm (generic), plus bash highlighting
// inside kickstart script bodies. Pure: the language server computes them for small documents and
// its analysis workers for big ones (worker/analysis-worker.ts), both with this code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Query, type Node } from 'web-tree-sitter';
import { GRAMMAR_OF, type ParsedDocument } from '../core/document';
import type { LineIndex } from '../core/text';
import type { Range } from '../core/types';
import { HANDLERS } from '../languages';
import { templateOf, unionDocument } from '../template';
import { templateTokens } from '../template/tokens';
import { language, parseBounded, type GrammarName, type Tree } from '../syntax/treesitter';

export interface SemanticTokens {
  data: number[];
}

let available: (g: GrammarName) => boolean = () => true;
let warn: (s: string) => void = () => undefined;
/** Which grammars loaded (a highlight query needs its grammar) and where to report a broken query. */
export function configureTokens(opts: { available?: (g: GrammarName) => boolean; warn?: (s: string) => void }): void {
  if (opts.available) available = opts.available;
  if (opts.warn) warn = opts.warn;
}

export const TOKEN_TYPES = [
  'namespace', 'type', 'parameter', 'variable', 'property', 'enumMember', 'function', 'keyword',
  'comment', 'string', 'number', 'operator', 'regexp', 'macro',
];
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'deprecated', 'defaultLibrary'];

/** A highlights.scm capture name -> [token type index, modifier bits], or undefined to leave it to TextMate. */
function tokenFor(capture: string): [number, number] | undefined {
  const parts = capture.split('.');
  const mods = (parts.includes('builtin') ? 8 : 0) | (parts.includes('deprecated') ? 4 : 0);
  const t = (name: string, extra = 0): [number, number] => [TOKEN_TYPES.indexOf(name), mods | extra];
  switch (parts[0]) {
    case 'keyword': case 'conditional': case 'repeat': case 'include': case 'exception': return t('keyword');
    case 'string': return parts[1] === 'regex' || parts[1] === 'regexp' ? t('regexp') : t('string');
    case 'number': case 'float': return t('number');
    case 'boolean': return t('enumMember');
    case 'constant': return parts[1] === 'builtin' ? t('enumMember') : t('variable', 2);
    case 'comment': return t('comment');
    case 'property': case 'field': case 'attribute': return t('property');
    case 'parameter': return t('parameter');
    case 'variable': return parts[1] === 'parameter' ? t('parameter') : parts[1] === 'member' ? t('property') : t('variable');
    case 'function': case 'method': return t('function');
    case 'type': case 'tag': return t('type');
    case 'namespace': case 'module': case 'label': return t('namespace');
    case 'operator': return t('operator');
    case 'embedded': case 'preproc': return t('macro');
    default: return undefined; // punctuation and the rest: TextMate colours them already
  }
}

const queries = new Map<GrammarName, Query | null>();
/** Where highlights.scm of a grammar lives, in the source tree, in dist/queries, or in the .vsix. */
function highlightsFile(g: GrammarName): string | undefined {
  const here = __dirname;
  const names =
    g === 'bash'
      ? [join('dist', 'queries', 'bash-highlights.scm'), join('node_modules', 'tree-sitter-bash', 'queries', 'highlights.scm')]
      : [join('dist', 'queries', `${g}-highlights.scm`), join('grammars', `tree-sitter-${g}`, 'queries', 'highlights.scm')];
  let dir = here;
  for (let i = 0; i < 6; i++) {
    for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

function highlightQuery(g: GrammarName): Query | null {
  if (queries.has(g)) return queries.get(g)!;
  let q: Query | null = null;
  if (available(g)) {
    const file = highlightsFile(g);
    if (file) {
      try {
        q = new Query(language(g), readFileSync(file, 'utf8'));
      } catch (e) {
        warn(`blockwise: ${file} does not compile against the ${g} grammar: ${(e as Error).message}`);
      }
    }
  }
  queries.set(g, q);
  return q;
}

interface Tok {
  line: number;
  char: number;
  length: number;
  type: number;
  mods: number;
}

/** Captures of one query over [startRow, endRow) as non-overlapping one-line tokens; outer and first captures win. */
function collectTokens(q: Query, tree: Tree, lines: LineIndex, startRow: number, endRow: number, rowOffset: number, colOffset: number, out: Tok[]): void {
  // Bounded: query matching over a very deep tree (100,000 nested sections) is quadratic in the
  // depth; past the limit the query returns nothing and TextMate's colours stay.
  const captures = q.captures(tree.rootNode, { startPosition: { row: startRow, column: 0 }, endPosition: { row: endRow, column: 0 }, timeoutMicros: TOKENS_QUERY_MICROS });
  captures.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  let lastEnd = -1;
  for (const c of captures) {
    const n = c.node;
    if (n.startIndex < lastEnd || n.endIndex <= n.startIndex) continue;
    const tok = tokenFor(c.name);
    if (!tok || tok[0] < 0) continue;
    if (n.endPosition.row - n.startPosition.row > 200) continue; // a whole section: leave it to TextMate
    lastEnd = n.endIndex;
    pushSpan(n, lines, rowOffset, colOffset, tok, out);
  }
}

function pushSpan(n: Node, lines: LineIndex, rowOffset: number, colOffset: number, tok: [number, number], out: Tok[]): void {
  const sr = n.startPosition.row;
  const er = n.endPosition.row;
  for (let r = sr; r <= er; r++) {
    const line = r + rowOffset;
    if (line >= lines.lineCount) break;
    const startCol = (r === sr ? n.startPosition.column : 0) + (r === 0 ? colOffset : 0);
    const lineLen = lines.lineEnd(line) - lines.starts[line];
    const endCol = r === er ? n.endPosition.column + (r === 0 ? colOffset : 0) : lineLen;
    if (endCol > startCol) out.push({ line, char: startCol, length: Math.min(endCol, lineLen) - startCol, type: tok[0], mods: tok[1] });
  }
}

/** Bash tokens for the shell script bodies the document's handler names (kickstart %pre, %post...). */
function bashTokens(doc: ParsedDocument, startRow: number, endRow: number, out: Tok[]): void {
  const q = highlightQuery('bash');
  const shell = HANDLERS[doc.languageId].shellBodies;
  if (!q || !shell) return;
  const text = doc.text;
  for (const { start: bodyStart, end: bodyEnd } of shell(doc)) {
    if (bodyStart >= bodyEnd) continue;
    const firstLine = doc.lines.positionAt(bodyStart).line;
    const lastLine = doc.lines.positionAt(bodyEnd).line;
    if (lastLine < startRow || firstLine > endRow) continue;
    const tree = parseBounded('bash', text.slice(bodyStart, bodyEnd), undefined, TOKENS_QUERY_MICROS / 1000);
    if (!tree) continue;
    try {
      collectTokens(q, tree, doc.lines, Math.max(0, startRow - firstLine), endRow - firstLine + 1, firstLine, 0, out);
    } finally {
      tree.delete();
    }
  }
}

/** Semantic tokens stop here: bigger documents keep TextMate's colours only (as VS Code does for big files). */
const TOKENS_MAX_CHARS = 2 * 1024 * 1024;
/** Time for one highlight query or one script body's parse while colouring. */
const TOKENS_QUERY_MICROS = 250_000;

export function semanticTokens(original: ParsedDocument, range?: Range): SemanticTokens {
  if (original.text.length > TOKENS_MAX_CHARS) return { data: [] };
  // A template is coloured from its masked text (every branch), its tags as template tags.
  const tpl = templateOf(original);
  const doc = tpl ? unionDocument(original, tpl) : original;
  const startRow = range && !tpl ? range.start.line : 0;
  const endRow = range && !tpl ? range.end.line + 1 : doc.lines.lineCount + 1;
  let out: Tok[] = [];
  const q = highlightQuery(GRAMMAR_OF[doc.languageId]);
  if (q) collectTokens(q, doc.tree, doc.lines, startRow, endRow, 0, 0, out);
  if (HANDLERS[doc.languageId].shellBodies) {
    const bash: Tok[] = [];
    try {
      bashTokens(doc, startRow, endRow, bash);
    } catch (e) {
      warn(`blockwise: bash tokens failed: ${(e as Error)?.message ?? e}`);
    }
    if (bash.length) {
      // Bash tokens replace the kickstart grammar's tokens on the lines they cover.
      const bashLines = new Set(bash.map((t) => t.line));
      const kept = out.filter((t) => !bashLines.has(t.line));
      out.length = 0;
      out.push(...kept, ...bash);
    }
  }
  if (tpl) {
    out = templateTokens(out, doc, original, tpl.masked, TOKEN_TYPES.indexOf('macro'), TOKEN_TYPES.indexOf('comment'));
    if (range) out = out.filter((t) => t.line >= range.start.line && t.line <= range.end.line);
  }
  out.sort((a, b) => a.line - b.line || a.char - b.char);
  // LSP's relative encoding: line delta, start delta (from the previous token on the same line),
  // length, type, modifier bits; overlapping tokens on a line are dropped.
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastLine = -1;
  let lastEnd = 0;
  for (const t of out) {
    if (t.line === lastLine && t.char < lastEnd) continue;
    data.push(t.line - prevLine, t.line === prevLine ? t.char - prevChar : t.char, t.length, t.type, t.mods);
    prevLine = t.line;
    prevChar = t.char;
    lastLine = t.line;
    lastEnd = t.char + t.length;
  }
  return { data };
}

