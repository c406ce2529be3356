// Reading tree-sitter-bash nodes: literal word values, command names and arguments, and where a
// command sits (the conditions that govern it, subshells, functions).
import type { Node } from '../../syntax/treesitter';

/** Read a word's shell value when it is literal (no expansions), else undefined. */
export function literal(n: Node): string | undefined {
  switch (n.type) {
    case 'word':
    case 'number':
      return n.text.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return n.text.slice(1, -1);
    case 'string': {
      let out = '';
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type !== 'string_content') return undefined;
        out += c.text;
      }
      return out;
    }
    case 'concatenation': {
      let out = '';
      for (const c of n.namedChildren) {
        if (!c) continue;
        const l = literal(c);
        if (l === undefined) return undefined;
        out += l;
      }
      return out;
    }
    default:
      return undefined;
  }
}


let nameCache: Map<number, string | undefined> | undefined;

/** Cache command names by node id for one analysis (tree-sitter node ids are per tree). */
export function withNameCache<T>(run: () => T): T {
  nameCache = new Map();
  try {
    return run();
  } finally {
    nameCache = undefined;
  }
}

export function commandName(cmd: Node): string | undefined {
  if (nameCache?.has(cmd.id)) return nameCache.get(cmd.id);
  const n = commandNameUncached(cmd);
  nameCache?.set(cmd.id, n);
  return n;
}

function commandNameUncached(cmd: Node): string | undefined {
  const nameNode = cmd.childForFieldName('name') ?? cmd.namedChildren.find((c) => c?.type === 'command_name') ?? null;
  if (!nameNode) return undefined;
  const inner = nameNode.namedChildren[0] ?? nameNode;
  const l = literal(inner) ?? inner.text;
  return l.split('/').pop();
}

export function commandArgs(cmd: Node): Node[] {
  return cmd.childrenForFieldName('argument').filter((c): c is Node => !!c);
}

export function argText(n: Node): string {
  return literal(n) ?? n.text;
}

export function shorten(t: string, n = 50): string {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 3)}...` : one;
}

/** The condition parts that govern `node` (if/elif/while conditions, left sides of && and ||, case words, loop lists). */
export function governingConditions(node: Node): { conds: Node[]; inSubshell: boolean; inFunction?: string } {
  const conds: Node[] = [];
  let inSubshell = false;
  let child: Node = node;
  let p: Node | null = node.parent;
  while (p) {
    switch (p.type) {
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement': {
        for (const c of p.childrenForFieldName('condition')) if (c && c.id !== child.id) conds.push(c);
        break;
      }
      case 'case_statement': {
        const v = p.childForFieldName('value');
        if (v) conds.push(v);
        break;
      }
      case 'for_statement': {
        for (const c of p.childrenForFieldName('value')) if (c) conds.push(c);
        break;
      }
      case 'list': {
        // In `a && b` / `a || b`, everything left of the child decides whether it runs.
        for (const c of p.namedChildren) {
          if (!c || c.id === child.id) break;
          conds.push(c);
        }
        break;
      }
      case 'pipeline':
      case 'subshell':
      case 'command_substitution':
      case 'process_substitution':
        inSubshell = true;
        break;
      case 'function_definition': {
        const name = p.childForFieldName('name');
        return { conds, inSubshell, inFunction: name?.text };
      }
    }
    child = p;
    p = p.parent;
  }
  return { conds, inSubshell };
}

export function isConditionalAncestor(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (['if_statement', 'elif_clause', 'else_clause', 'while_statement', 'case_item', 'for_statement'].includes(p.type)) return true;
    if (p.type === 'list') return true;
    if (p.type === 'function_definition') return false;
  }
  return false;
}

/** At most this many words come out of one brace expansion (`sd{a..z}{a..z}` stops here). */
const MAX_BRACE_WORDS = 256;

/**
 * The words bash's brace expansion makes of an unquoted literal word (`sd{a,b,c}`, `/dev/vd{a..c}`,
 * `disk{1..3}`), or undefined when the node is not such a word (quoted braces do not expand).
 * The grammar reads `sd{a,b,c}` as a concatenation of the words `sd`, `{`, `a,b,c` and `}`.
 */
export function braceWords(n: Node): string[] | undefined {
  // The grammar reads numeric sequences (`{0..2}`) as a brace_expression node.
  if (n.type !== 'concatenation' && n.type !== 'brace_expression') return undefined;
  const kids = n.type === 'brace_expression' ? [n] : n.namedChildren.filter((c): c is Node => !!c);
  if (!kids.every((c) => c.type === 'word' || c.type === 'brace_expression') || !kids.some((c) => c.text === '{' || c.type === 'brace_expression')) return undefined;
  let text = '';
  for (const c of kids) text += c.type === 'brace_expression' ? c.text : (literal(c) ?? '\u0000');
  if (text.includes('\u0000')) return undefined;
  let words = [text];
  // Expand the leftmost brace group of every word until none is left (or the cap is reached).
  for (let round = 0; round < 8; round++) {
    let changed = false;
    const next: string[] = [];
    for (const w of words) {
      const parts = expandOne(w);
      if (parts) changed = true;
      for (const p of parts ?? [w]) if (next.length < MAX_BRACE_WORDS) next.push(p);
    }
    words = next;
    if (!changed) break;
  }
  return words.length > 1 || words[0] !== text ? words : undefined;
}

/** Expand the first `{a,b}` or `{x..y}` group of a word (innermost-first is not needed for disks). */
function expandOne(w: string): string[] | undefined {
  for (let open = w.indexOf('{'); open >= 0; open = w.indexOf('{', open + 1)) {
    // The matching close brace, with the top-level commas between.
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let i = open + 1; i < w.length && close < 0; i++) {
      const ch = w[i];
      if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0) close = i;
        else depth--;
      } else if (ch === ',' && depth === 0) commas.push(i);
    }
    if (close < 0) return undefined;
    const head = w.slice(0, open);
    const tail = w.slice(close + 1);
    const inner = w.slice(open + 1, close);
    if (commas.length) {
      const items: string[] = [];
      let from = open + 1;
      for (const c of [...commas, close]) {
        items.push(w.slice(from, c));
        from = c + 1;
      }
      return items.map((x) => head + x + tail);
    }
    const seq = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])$/.exec(inner);
    if (seq) {
      const num = /^-?\d+$/.test(seq[1]) && /^-?\d+$/.test(seq[2]);
      if (!num && (/\d/.test(seq[1]) || /\d/.test(seq[2]))) return undefined;
      const a = num ? Number(seq[1]) : seq[1].charCodeAt(0);
      const b = num ? Number(seq[2]) : seq[2].charCodeAt(0);
      const out: string[] = [];
      const step = a <= b ? 1 : -1;
      for (let x = a; out.length < MAX_BRACE_WORDS; x += step) {
        out.push(head + (num ? String(x) : String.fromCharCode(x)) + tail);
        if (x === b) break;
      }
      return out;
    }
    // `{x}` and `{}` stay as written; look for a later group.
  }
  return undefined;
}
