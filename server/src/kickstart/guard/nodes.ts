// The nodes of a script's parse that the analysis reads, collected in one walk (no recursion).
import type { Node } from '../../syntax/treesitter';
import { commandName } from './shell';

export interface ScriptNodes {
  root: Node;
  commands: Node[];
  assignments: Node[];
  functions: Node[];
  redirects: Node[];
  fors: Node[];
  /** `read` commands (`lsblk | while read d`). */
  reads: Node[];
}

export function collectNodes(root: Node): ScriptNodes {
  const commands: Node[] = [];
  const assignments: Node[] = [];
  const functions: Node[] = [];
  const redirects: Node[] = [];
  const fors: Node[] = [];
  const reads: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'command') {
      commands.push(n);
      if (commandName(n) === 'read') reads.push(n);
    } else if (n.type === 'for_statement') fors.push(n);
    else if (n.type === 'variable_assignment') assignments.push(n);
    else if (n.type === 'function_definition') functions.push(n);
    else if (n.type === 'redirected_statement') redirects.push(n);
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
  return { root, commands, assignments, functions, redirects, fors, reads };
}
