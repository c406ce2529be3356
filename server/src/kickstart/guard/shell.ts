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
