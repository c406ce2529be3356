// Superseded by server/src/syntax/lvm-syntax.ts (`lvmSyntaxFindings`), which lvm.conf uses and
// which words every ERROR/MISSING shape of tree-sitter-lvm with one finding per mistake. This
// per-node hook stays only until the metadata module switches; it now delegates to the same
// wording for the node it is given.
import type { Describe } from '../syntax/errors';
import { describeLvmProblem } from '../syntax/lvm-syntax';

export const describeSyntax: Describe = (p, lines) => describeLvmProblem(p, lines);
