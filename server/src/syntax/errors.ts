// Turning tree-sitter ERROR and MISSING nodes into located `syntax` findings. Each grammar's
// handler may pass a `describe` hook to word the message in its tool's terms.
import type { LineIndex } from '../core/text';
import type { Finding } from '../core/types';
import type { Node, Tree } from './treesitter';

export interface SyntaxProblem {
  /** The ERROR or MISSING node. */
  node: Node;
  missing: boolean;
}

export type Describe = (p: SyntaxProblem, lines: LineIndex) => Pick<Finding, 'message' | 'range'> & { related?: Finding['related'] } | null;

/**
 * Every ERROR/MISSING node, outermost first; descends only into subtrees that contain errors,
 * so a clean multi-megabyte tree costs one check of the root. At most `limit` problems.
 */
export function syntaxProblems(tree: Tree, limit = 100): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  if (!tree.rootNode.hasError) return out;
  const stack: Node[] = [tree.rootNode];
  while (stack.length && out.length < limit) {
    const n = stack.pop()!;
    if (n.isMissing) {
      out.push({ node: n, missing: true });
      continue;
    }
    if (n.type === 'ERROR') {
      out.push({ node: n, missing: false });
      // Nested errors inside an ERROR add noise; missing nodes inside still matter.
      continue;
    }
    if (!n.hasError) continue;
    // One bulk call for the children: child(i) walks from the first child each time (quadratic on wide nodes).
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (c && (c.hasError || c.isMissing || c.type === 'ERROR')) stack.push(c);
    }
  }
  return out;
}

export function syntaxFindings(tree: Tree, lines: LineIndex, describe?: Describe, limit = 100): Finding[] {
  const out: Finding[] = [];
  for (const p of syntaxProblems(tree, limit)) {
    const d = describe?.(p, lines);
    if (d === null) continue;
    const base = d ?? genericDescription(p, lines);
    out.push({ code: 'syntax', severity: 'error', ...base });
  }
  return out;
}

function genericDescription(p: SyntaxProblem, lines: LineIndex): Pick<Finding, 'message' | 'range'> {
  const n = p.node;
  if (p.missing) {
    return { message: `Syntax error: expected ${JSON.stringify(n.type)} here.`, range: lines.range(n.startIndex, n.startIndex) };
  }
  const text = n.text.length > 40 ? `${n.text.slice(0, 40)}…` : n.text;
  const end = Math.min(n.endIndex, lines.lineEnd(lines.positionAt(n.startIndex).line));
  return {
    message: `Syntax error: unexpected ${JSON.stringify(text.split('\n')[0])}.`,
    range: lines.range(n.startIndex, Math.max(end, n.startIndex)),
  };
}
