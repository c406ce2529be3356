// Syntax findings for everything parsed with tree-sitter-lvm (lvm.conf, lvmlocal.conf, profiles,
// metadata backups): the grammar's ERROR and MISSING nodes, worded for admins, one finding per real
// mistake, at the place lvm2 stops or at the mistake itself when that is earlier (an unclosed
// section at its opening line, not at the end of the file where lvm2 notices it).
//
// The messages describe lvm2 2.03's config tokenizer as the grammar reproduces it
// (grammars/README.md): commas in a list may be left out only before a quoted string, a word right
// after a number starts a new token, numbers must fit a 64-bit integer or a double, a NUL byte ends
// the input, and a non-empty file without a single setting is refused.
import type { LineIndex } from '../core/text';
import type { Finding, Range } from '../core/types';
import { defineRules } from '../core/rules';
import { syntaxProblems, type Describe, type SyntaxProblem } from './errors';
import type { Node, Tree } from './treesitter';

/**
 * Sections deeper than this are not read (their contents are skipped and the section is marked
 * `tooDeep`). lvm2 writes metadata 5 levels deep at most and lvm.conf 2-3; the limit keeps every
 * reader and rule linear on hostile input (a file of `a {` 100,000 times).
 */
export const MAX_SECTION_DEPTH = 64;

const VALUE_TYPES = new Set(['number', 'string', 'raw_string', 'bare_string', 'array']);
const SCALAR_TYPES = new Set(['number', 'string', 'raw_string', 'bare_string']);

interface Leaf {
  type: string;
  text: string;
  start: number;
  end: number;
  node: Node;
}

/**
 * Terminal tokens under `n` in source order, comments left out. A tree cursor walks the subtree
 * (no recursion; `node.child(i)` would cost O(i) per call in tree-sitter, quadratic on a wide ERROR).
 */
function leaves(n: Node, out: Leaf[] = []): Leaf[] {
  const c = n.walk();
  try {
    for (;;) {
      const type = c.nodeType;
      let descend = false;
      if (type !== 'comment') {
        if (c.gotoFirstChild()) descend = true;
        else {
          const e = c.endIndex;
          const st = c.startIndex;
          if (e > st || c.nodeIsMissing) {
            const node = c.currentNode;
            out.push({ type, text: node.text, start: st, end: e, node });
          }
        }
      }
      if (descend) continue;
      // Next sibling, or up until one exists; stop back at the start node.
      for (;;) {
        if (c.currentNode.id === n.id) return out;
        if (c.gotoNextSibling()) break;
        if (!c.gotoParent()) return out;
      }
    }
  } finally {
    c.delete();
  }
}

/** Whether `n` has any token that is not a comment (stops at the first; no Node per leaf). */
function hasLeaf(n: Node): boolean {
  const c = n.walk();
  try {
    for (;;) {
      if (c.nodeType !== 'comment') {
        if (c.gotoFirstChild()) continue;
        if (c.endIndex > c.startIndex || c.nodeIsMissing) return true;
      }
      for (;;) {
        if (c.currentNode.id === n.id) return false;
        if (c.gotoNextSibling()) break;
        if (!c.gotoParent()) return false;
      }
    }
  } finally {
    c.delete();
  }
}

function code(s: string, max = 40): string {
  const one = s.split('\n')[0];
  const t = one.length > max ? `${one.slice(0, max)}…` : one;
  return `\`${t}\``;
}

/** A quoted token that is really closed (a backslash protects the next character in "…"). */
function isClosedQuote(text: string): boolean {
  if (text.startsWith('"')) return /^"(?:[^"\\]|\\[\s\S])*"$/.test(text);
  if (text.startsWith("'")) return /^'[^']*'$/.test(text);
  return true;
}

/** Numbers as lvm2's tokenizer starts them: a digit, `+`, `-` or `.`. */
const NUMBER_START = /^[-+.]?[0-9.]/;

function previousSibling(n: Node): Node | null {
  return n.previousSibling;
}

class Describer {
  readonly out: Finding[] = [];
  /** Offsets of ERROR nodes already explained by an earlier finding. */
  private readonly skip = new Set<number>();

  constructor(
    private readonly root: Node,
    private readonly lines: LineIndex,
  ) {}

  private line(o: number): number {
    return this.lines.positionAt(o).line + 1;
  }

  private range(a: number, b: number): Range {
    return this.lines.range(a, Math.max(a, b));
  }

  private add(start: number, end: number, message: string, extra: Partial<Finding> = {}): void {
    this.out.push({ code: 'syntax', severity: 'error', range: this.range(start, end), message, ...extra });
  }

  run(problems: SyntaxProblem[]): Finding[] {
    if (this.noSettings(this.root)) return this.out;
    for (const p of problems) this.one(p);
    return this.out;
  }

  one(p: SyntaxProblem): void {
    if (p.node.id === this.root.id && this.noSettings(this.root)) return;
    if (this.skip.has(p.node.startIndex) && !p.missing) return;
    if (p.missing) this.missing(p.node);
    else this.error(p.node);
  }

  /** A non-empty file without a single section or setting: lvm2 refuses it. */
  private noSettings(root: Node): boolean {
    if (root.type !== 'ERROR') return false;
    if (root.childCount && hasLeaf(root)) return false;
    const text = root.text;
    const nul = text.indexOf('\0');
    const firstComment = root.namedChildren.find((c) => c?.type === 'comment');
    const at = firstComment ? firstComment.startIndex : 0;
    const nulNote = nul >= 0 && /[^\s]/.test(text.slice(nul + 1).replace(/\0/g, '')) ? ` lvm2 stops reading at the NUL byte on line ${this.line(nul)}, so nothing after it counts.` : '';
    this.add(at, firstComment ? firstComment.endIndex : Math.min(text.length, this.lines.lineEnd(0)), `lvm2 refuses a file with no settings: every LVM command fails to load it ("Failed to load config file"). Add a setting, or make the file empty (zero bytes).${nulNote}`);
    return true;
  }

  // ---- MISSING nodes -------------------------------------------------------------------------

  private missing(n: Node): void {
    const parent = n.parent;
    if (n.type === '}') {
      let s: Node | null = parent;
      while (s && s.type !== 'section') s = s.parent;
      if (s) return this.unclosedSection(s.childForFieldName('name') ?? s, n.startIndex);
      return this.add(n.startIndex, n.startIndex, 'A `}` is missing here: lvm2 refuses the whole file.');
    }
    if (n.type === ']' && parent?.type === 'array') {
      const before = previousSibling(n);
      if (before?.type === 'bare_string' && /[\],]/.test(before.text)) {
        return this.add(
          before.startIndex,
          before.endIndex,
          `The unquoted value ${code(before.text)} takes the \`]\`${before.text.includes(',') && !before.text.includes(']') ? ' and `,`' : ''} into itself (an unquoted word only ends at a space, \`#\`, \`=\`, \`{\` or \`}\`), so this list is never closed and lvm2 refuses the whole file. Quote the value: "${before.text.replace(/[\],]+$/, '')}".`,
        );
      }
      return this.unclosedList(parent, n.startIndex);
    }
    if (VALUE_TYPES.has(n.type) || n.type === '=') {
      const a = parent?.type === 'assignment' ? parent : null;
      const key = a?.childForFieldName('key');
      if (n.type === '=' && key) return this.add(key.startIndex, key.endIndex, `\`=\` is missing after ${code(key.text)}: lvm2 refuses the whole file. Write \`${key.text} = value\`, or \`${key.text} {\` for a section.`);
      if (key) return this.missingValue(key, a!);
      return this.add(n.startIndex, n.startIndex, 'A value is missing here ("expected a value"): lvm2 refuses the whole file.');
    }
    this.add(n.startIndex, n.startIndex, `lvm2 expects ${code(n.type)} here and refuses the whole file.`);
  }

  private missingValue(key: Node, a: Node): void {
    let eq = -1;
    for (let i = 0; i < a.childCount; i++) if (a.child(i)?.type === '=') eq = a.child(i)!.endIndex;
    this.add(key.startIndex, eq > 0 ? eq : key.endIndex, `${code(key.text)} has no value after \`=\` ("expected a value"): lvm2 refuses the whole file. Write a number, a "quoted string" or a [ list ], or remove the line.`);
  }

  /** Set once an unclosed section is reported: lvm2 stops at the end of the file once, so do we. */
  private unclosedReported = false;

  private unclosedSection(name: Node, eofAt: number): void {
    if (this.unclosedReported) return;
    this.unclosedReported = true;
    this.add(name.startIndex, name.endIndex, `Section ${code(name.text)} opened on line ${this.line(name.startIndex)} is never closed: lvm2 reaches the end of the file still inside it and refuses the whole file. Add \`}\` after its last setting.`, {
      related: [{ range: this.range(eofAt, eofAt), message: 'lvm2 reaches the end of the file here' }],
    });
  }

  private unclosedList(open: Node, at: number): void {
    this.add(open.startIndex, open.startIndex + 1, `The list opened on line ${this.line(open.startIndex)} is never closed with \`]\`: lvm2 refuses the whole file.`, {
      related: [{ range: this.range(at, at), message: 'lvm2 expects `]` or another value here' }],
    });
  }

  // ---- ERROR nodes ---------------------------------------------------------------------------

  private error(e: Node): void {
    const ls = leaves(e);
    if (this.unclosedString(e, ls)) return;
    if (this.afterMultilineString(e)) return;
    if (e.parent?.type === 'array' && this.inArray(e, ls)) return;
    if (this.nestedList(e, ls)) return;
    if (this.badNumber(e, ls)) return;
    if (this.strayBraces(e, ls)) return;
    if (this.structure(e, ls)) return;
    const first = ls[0];
    const at = first ? first.start : e.startIndex;
    const shown = first ? first.text : e.text;
    this.add(at, first ? first.end : e.endIndex, `lvm2 cannot read ${code(shown)} here ("unexpected token") and refuses the whole file.`);
  }

  /** A quote that is never closed: it runs to the end of the file. */
  private unclosedString(e: Node, ls: Leaf[]): boolean {
    const open = ls.find((l) => /^["']/.test(l.text) && !isClosedQuote(l.text));
    if (!open) return false;
    const q = open.text[0];
    this.add(open.start, open.start + 1, `The string opened on line ${this.line(open.start)} is never closed: its ${q === '"' ? 'double' : 'single'} quote runs to the end of the file and lvm2 refuses the whole file. Add the closing ${q}.`);
    // Everything else in this ERROR is a consequence.
    void e;
    return true;
  }

  /**
   * `a = "x` + newline + `b = "y"`: the first string takes its closing quote from a later line,
   * and what follows that quote is the error lvm2 reports.
   */
  private afterMultilineString(e: Node): boolean {
    const prev = e.previousSibling;
    const str = prev?.type === 'assignment' ? prev.childForFieldName('value') : prev;
    if (!str || (str.type !== 'string' && str.type !== 'raw_string') || str.endIndex !== e.startIndex) return false;
    if (!str.text.includes('\n')) return false;
    this.add(str.startIndex, str.startIndex + 1, `The string opened on line ${this.line(str.startIndex)} is probably never closed: it takes its closing quote from line ${this.line(str.endIndex - 1)}, and lvm2 then cannot read ${code(e.text)} and refuses the whole file.`, {
      related: [{ range: this.range(e.startIndex, e.endIndex), message: 'lvm2 stops here' }],
    });
    return true;
  }

  private inArray(e: Node, ls: Leaf[]): boolean {
    const first = ls[0];
    if (!first) return false;
    const prev = previousSibling(e);
    if (first.type === ',') {
      const leading = prev?.type === '[';
      this.add(first.start, first.end, leading
        ? 'A list cannot start with a comma ("expected a value"): lvm2 refuses the whole file. Remove the comma.'
        : 'Two commas in a row ("expected a value"): lvm2 refuses the whole file. Remove one.', {
        fixes: [{ title: 'Remove the comma', edits: [{ range: this.range(first.start, first.end), newText: '' }] }],
      });
      return true;
    }
    if (first.type === '[') {
      this.add(first.start, first.end, 'Lists cannot be nested ("expected a value"): lvm2 refuses the whole file. Write one flat list.');
      return true;
    }
    if (NUMBER_START.test(first.text) && !this.numberFits(first.text)) return this.numberOutOfRange(first.start, first.end, first.text);
    if (prev && SCALAR_TYPES.has(prev.type)) {
      const word = first.text;
      this.add(first.start, first.end, `${code(word)} follows ${code(prev.text)} without a comma: lvm2 lets a comma be left out only before a quoted string, and reads ${code(word)} as a new name ("expected a value"), refusing the whole file. Write \`${prev.text}, ${word}\`.`, {
        fixes: [{ title: 'Insert a comma', edits: [{ range: this.range(prev.endIndex, prev.endIndex), newText: ',' }] }],
      });
      return true;
    }
    return false;
  }

  /** `a = [ [ 1 ] ]`: the inner `[` is the mistake; the `]` left over after it is the same one. */
  private nestedList(e: Node, ls: Leaf[]): boolean {
    if (ls.length !== 1 || ls[0].type !== '[' || e.nextSibling?.type !== 'array') return false;
    this.add(ls[0].start, ls[0].end, 'Lists cannot be nested ("expected a value"): lvm2 refuses the whole file. Write one flat list.');
    const owner = e.parent?.type === 'assignment' ? e.parent : e;
    const after = owner.nextSibling;
    if (after?.type === 'ERROR' && after.text.trim() === ']') this.skip.add(after.startIndex);
    return true;
  }

  /** lvm2 converts with strtoll/strtod: integers must fit in 64 bits, decimals in a double. */
  private numberFits(t: string): boolean {
    const m = /^[-+]?(0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]+)?)/.exec(t);
    if (!m) return true;
    const body = m[0];
    if (/^[-+]?0[xX]/.test(body)) {
      const v = BigInt(body.replace(/^[-+]/, ''));
      return body.startsWith('-') ? v <= 2n ** 63n : v < 2n ** 63n;
    }
    if (body.includes('.') || /[eE]/.test(body)) return Number.isFinite(Number.parseFloat(body));
    const digits = body.replace(/^[-+]/, '');
    if (!/^[0-9]+$/.test(digits)) return true;
    const v = digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.replace(/[89].*$/, '') || '0'}`) : BigInt(digits);
    return body.startsWith('-') ? v <= 2n ** 63n : v < 2n ** 63n;
  }

  private numberOutOfRange(a: number, b: number, t: string): boolean {
    const float = t.includes('.') || /^[-+]?[0-9]+[eE]/.test(t);
    this.add(a, b, float
      ? `lvm2 cannot read the number ${code(t)}: it is beyond the range of a double ("Failed to read float token"), so lvm2 refuses the whole file.`
      : `lvm2 cannot read the number ${code(t)}: integers must lie between -9223372036854775808 and 9223372036854775807 ("Failed to read int token"), so lvm2 refuses the whole file.`);
    return true;
  }

  /** Numbers lvm2 cannot read: out of range, or followed directly by letters (5abc, 0x1E, 1e3). */
  private badNumber(e: Node, ls: Leaf[]): boolean {
    // `key = 99999999999999999999`: the scanner refuses the number, the ERROR holds key, =, number.
    for (let i = 0; i + 1 < ls.length; i++) {
      if ((ls[i].type === '=' || ls[i].type === '[' || ls[i].type === ',') && NUMBER_START.test(ls[i + 1].text) && !this.numberFits(ls[i + 1].text)) {
        return this.numberOutOfRange(ls[i + 1].start, ls[i + 1].end, ls[i + 1].text);
      }
    }
    // A word glued to the number before it: the number ends where a non-digit starts.
    const prev = e.previousSibling;
    const num = prev?.type === 'assignment' ? prev.childForFieldName('value') : prev;
    if (num?.type !== 'number' || num.endIndex !== e.startIndex || !ls.length) return false;
    const whole = num.text + ls[0].text;
    if (!this.numberFits(whole)) return this.numberOutOfRange(num.startIndex, ls[0].end, whole);
    let why: string;
    if (/^[-+]?0[xX]/.test(whole)) why = 'Config files have no hexadecimal numbers (a leading 0 means octal); write the value in decimal';
    else if (/^[-+]?[0-9.]+[eE][-+]?[0-9]/.test(whole)) why = 'Config files have no exponent notation; write the digits out';
    else if (/^[-+]?[0-9]*\.[0-9]*\./.test(whole)) why = 'A number has at most one `.`; quote it if it is a string (a version, an address)';
    else why = 'A number ends at the first character that is not a digit; quote the value if it is a string, or remove the letters (lvm2 has no unit suffixes here)';
    this.add(num.startIndex, ls[0].end, `lvm2 cannot read ${code(whole)}: it reads the number ${code(num.text)} and then ${code(ls[0].text)} as the start of a new setting ("unexpected token"), refusing the whole file. ${why}.`);
    return true;
  }

  /** `}` that closes nothing: one finding per brace. */
  private strayBraces(e: Node, ls: Leaf[]): boolean {
    if (!ls.length || !ls.every((l) => l.type === '}')) return false;
    for (const l of ls) this.add(l.start, l.end, `This \`}\` on line ${this.line(l.start)} closes no section ("unexpected token"): lvm2 refuses the whole file. Remove it, or check the section above for a \`}\` too many.`);
    void e;
    return true;
  }

  /** Names without `=`/`{`, empty names, `name = {`, and sections or lists left open inside an ERROR. */
  private structure(e: Node, ls: Leaf[]): boolean {
    const t = (i: number) => ls[i]?.type;
    // `name = {` : a section opened like a setting.
    if (ls.length === 1 && t(0) === '=' ) {
      const next = e.nextSibling;
      const prev = e.previousSibling;
      const msg = next?.type === '{' || (next && next.type === 'assignment') || e.parent?.type === 'section'
        ? `A section is opened with \`${prev?.text ?? 'name'} {\`, without \`=\` ("expected a value"): lvm2 refuses the whole file. Remove the \`=\`.`
        : 'A value is missing after `=` ("expected a value"): lvm2 refuses the whole file.';
      this.add(ls[0].start, ls[0].end, msg, { fixes: next?.type === '{' || e.parent?.type === 'section' ? [{ title: 'Remove the `=`', edits: [{ range: this.range(ls[0].start, ls[0].end), newText: '' }] }] : undefined });
      return true;
    }
    // `{` followed by `= value`: the setting on the next line has no name.
    if (ls.length === 1 && t(0) === '{' && e.nextSibling?.type === '=') {
      const eq = e.nextSibling;
      this.add(eq.startIndex, eq.endIndex, `The setting on line ${this.line(eq.startIndex)} has no name before \`=\` ("unexpected token"): lvm2 refuses the whole file.`);
      const after = e.parent?.type === 'assignment' ? e.parent.nextSibling : null;
      if (after?.type === 'ERROR' && after.text.trim() === '}') this.skip.add(after.startIndex);
      return true;
    }
    // Empty quoted name.
    if ((t(0) === 'string' || t(0) === 'raw_string') && ls[0].text.length === 2 && (t(1) === '{' || t(1) === '=')) {
      this.add(ls[0].start, ls[0].end, `A ${t(1) === '{' ? 'section' : 'setting'} name cannot be empty ("empty section identifier"): lvm2 refuses the whole file.`);
      return true;
    }
    // Walk the tokens: open sections and lists that never close before the end of the file.
    const stack: { kind: '{' | '['; name?: Leaf; at: Leaf }[] = [];
    let found = false;
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i];
      if (l.type === '{') stack.push({ kind: '{', name: i > 0 && ls[i - 1].type !== '=' ? ls[i - 1] : undefined, at: l });
      else if (l.type === '[') stack.push({ kind: '[', at: l });
      else if (l.type === '}' || l.type === ']') {
        const top = stack[stack.length - 1];
        if (top && top.kind === (l.type === '}' ? '{' : '[')) stack.pop();
      } else if (l.type === 'identifier' && i + 1 < ls.length && (ls[i + 1].type === 'identifier' || ls[i + 1].type === 'number' || ls[i + 1].type === 'string') && stack[stack.length - 1]?.kind !== '[') {
        // `name value` without `=`.
        const nx = ls[i + 1];
        this.add(l.start, nx.end, `\`=\` is missing between ${code(l.text)} and ${code(nx.text)} ("unexpected token"): lvm2 refuses the whole file. Write \`${l.text} = ${nx.text}\`.`, {
          fixes: [{ title: 'Insert `=`', edits: [{ range: this.range(l.end, l.end), newText: ' =' }] }],
        });
        return true;
      } else if (l.type === 'identifier' && i === ls.length - 1 && stack[stack.length - 1]?.kind !== '[' && e.endIndex >= this.root.endIndex - 1) {
        this.add(l.start, l.end, `${code(l.text)} is followed by neither \`=\` nor \`{\` ("unexpected token"): lvm2 refuses the whole file. Write \`${l.text} = value\`, or remove it.`);
        return true;
      }
    }
    // Report the innermost open list (the real mistake), else every open section from the outside.
    const list = [...stack].reverse().find((s) => s.kind === '[');
    const atEof = e.endIndex >= this.root.text.trimEnd().length;
    if (!atEof && !list) return false;
    if (list) {
      this.add(list.at.start, list.at.end, `The list opened on line ${this.line(list.at.start)} is never closed with \`]\`: lvm2 refuses the whole file.`);
      found = true;
    }
    if (atEof && !this.unclosedReported) {
      // One finding for the outermost open section (lvm2 stops once, at the end of the file); the
      // sections opened inside it are named in the message and as related places.
      const open = stack.filter((x) => x.kind === '{');
      if (open.length) {
        this.unclosedReported = true;
        const where = (x: (typeof open)[number]) => x.name ?? x.at;
        const first = where(open[0]);
        const inner = open.slice(1);
        const more = inner.length ? ` ${inner.length === 1 ? 'One more section' : `${inner.length} more sections`} opened inside it (from line ${this.line(where(inner[0]).start)}) are not closed either.` : '';
        this.add(first.start, first.end, `Section ${code(open[0].name?.text ?? '{')} opened on line ${this.line(first.start)} is never closed: lvm2 reaches the end of the file still inside it and refuses the whole file. Add \`}\` after its last setting.${more}`, {
          related: inner.slice(0, 5).map((x) => ({ range: this.range(where(x).start, where(x).end), message: 'also never closed' })),
        });
        found = true;
      }
    }
    return found;
  }
}

/**
 * Syntax findings (code `syntax`, severity error) of a tree-sitter-lvm tree: lvm.conf, profiles
 * and metadata backups share it. Returns [] for a clean tree at the cost of one check of the root.
 */
export function lvmSyntaxFindings(tree: Tree, lines: LineIndex, limit = 100): Finding[] {
  if (!tree.rootNode.hasError && tree.rootNode.type !== 'ERROR') return [];
  // lvm2 stops at its first parse error; what follows (a `}` only that error unbalanced, a value
  // it swallowed) is no mistake of its own. One finding: the first, in document order.
  const all = new Describer(tree.rootNode, lines).run(syntaxProblems(tree, limit));
  return all.length > 1 ? [all[0]] : all;
}

/**
 * The same wording as a per-node `Describe` hook for `syntaxFindings` (errors.ts). It sees one node
 * at a time, so it cannot merge follow-on errors (a nested list's leftover `]`); prefer
 * lvmSyntaxFindings. Returns the first finding for the node, null when the node adds nothing.
 */
export const describeLvmProblem: Describe = (p, lines) => {
  let root = p.node;
  while (root.parent) root = root.parent;
  const d = new Describer(root, lines);
  d.one(p);
  const f = d.out[0];
  return f ? { message: f.message, range: f.range, related: f.related } : null;
};

/** The one finding for sections nested past MAX_SECTION_DEPTH (lvm.conf and metadata alike). */
export function tooDeepFinding(range: Range, depth: number): Finding {
  return {
    code: 'nesting-too-deep',
    severity: 'warning',
    range,
    message: `Sections are nested ${depth} levels deep here; lvm2 never writes more than a few (lvm.conf 2-3, metadata 5). Blockwise does not read below level ${MAX_SECTION_DEPTH}, so nothing inside this section is checked.`,
  };
}

defineRules([
  {
    code: 'nesting-too-deep',
    languages: ['lvm-conf', 'lvm-metadata'],
    severity: 'warning',
    title: 'Sections nested deeper than lvm2 ever writes.',
    why: 'No lvm.conf, profile or metadata file nests more than a few sections; a file that does is damaged or generated by mistake. Blockwise stops reading at a fixed depth so that such a file cannot stall the editor.',
    fix: 'Look at how the file was produced; restore it from a known-good copy (for metadata: /etc/lvm/backup or an archive).',
  },
]);
