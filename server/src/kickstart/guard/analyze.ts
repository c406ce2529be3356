// What a %pre script does about existing storage, read from the tree-sitter-bash parse of its
// body (real shell structure: commands, exit codes, conditions), never from regexes over the text.
//
// The questions the safety rules ask:
//  - does the script look at existing storage (vgs, pvs, lvm, mdadm, blkid, lsblk, wipefs,
//    /proc/mdstat, ...)?
//  - does it stop the install (exit non-zero, or power off / halt), and is that stop governed by
//    a condition that looks at storage (so it fires on a host that holds data)?
//  - which files does it write (a generated `%include`), and what text goes into them?
import type { Tree } from '../../syntax/treesitter';
import { parseBounded } from '../../syntax/treesitter';
import { findEmptyDrives } from './drives';
import type { Ctx } from './inspect';
import { collectNodes } from './nodes';
import { withNameCache } from './shell';
import { findStops } from './stops';
import { taintStorage } from './taint';
import type { ScriptAnalysis } from './types';
import { findWipes } from './wipes';
import { findWrites } from './writes';

/** Shells whose scripts the bash grammar reads faithfully enough for this analysis. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);

export function isShellInterpreter(interpreter: string | undefined): boolean {
  if (!interpreter) return true; // Anaconda's default is /bin/sh
  const base = interpreter.trim().split(/\s+/)[0].split('/').pop() ?? '';
  return SHELLS.has(base);
}

/**
 * How deep a script may nest (commands in ifs in loops in functions...) before it is not read.
 * tree-sitter finds a node's parent by walking down from the root, so the ancestor walks the guard
 * analysis makes cost the depth squared; real %pre scripts nest a handful of levels, and a script
 * beyond this one gets the verdict "cannot tell", like a script in another language.
 */
export const MAX_SCRIPT_DEPTH = 200;

/** The deepest node's depth, by a cursor walk (no recursion), stopping once past MAX_SCRIPT_DEPTH. */
function nestingDepth(tree: Tree): number {
  const cur = tree.walk();
  let depth = 0;
  let max = 0;
  try {
    for (;;) {
      if (depth > MAX_SCRIPT_DEPTH) return depth;
      if (cur.gotoFirstChild()) {
        depth++;
        if (depth > max) max = depth;
        continue;
      }
      while (!cur.gotoNextSibling()) {
        if (!cur.gotoParent()) return max;
        depth--;
      }
    }
  } finally {
    cur.delete();
  }
}

const EMPTY: Omit<ScriptAnalysis, 'analyzed' | 'reason'> = { inspections: [], stops: [], writes: [], wipes: [], emptyDrives: [], hasErrors: false };

/** Analyse a script body (the text between the section header line and `%end`). */
export function analyzeScript(body: string, interpreter?: string): ScriptAnalysis {
  if (!isShellInterpreter(interpreter)) {
    return { analyzed: false, reason: `the interpreter ${interpreter} is not a shell`, ...EMPTY };
  }
  const first = parseScript(body);
  if (typeof first === 'string') return { analyzed: false, reason: first, ...EMPTY };
  let t = first;
  let blanks: number[] = [];
  try {
    if (nestingDepth(t) > MAX_SCRIPT_DEPTH) {
      return { analyzed: false, reason: `the script nests more than ${MAX_SCRIPT_DEPTH} levels deep, deeper than Blockwise reads`, ...EMPTY };
    }
    blanks = delimiterEnds(t);
    if (blanks.length) {
      // Parse again with each here-document delimiter ended where bash ends it.
      let fixed = '';
      let from = 0;
      for (const at of blanks) {
        fixed += `${body.slice(from, at)} `;
        from = at;
      }
      fixed += body.slice(from);
      const again = parseScript(fixed);
      if (typeof again === 'string') return { analyzed: false, reason: again, ...EMPTY };
      t.delete();
      t = again;
    }
    const tree = t;
    const a = withNameCache(() => analyzeTree(tree));
    return blanks.length ? mapOffsets(a, blanks) : a;
  } finally {
    t.delete();
  }
}

/** The bash parse of a script, or why there is none. */
function parseScript(text: string): Tree | string {
  try {
    return parseBounded('bash', text) ?? 'the shell parser went over its time budget on this script';
  } catch (e) {
    return (e as Error).message;
  }
}

function analyzeTree(tree: Tree): ScriptAnalysis {
  const nodes = collectNodes(tree.rootNode);
  const { root, commands, fors, assignments, reads } = nodes;
  const ctx: Ctx = { tree, storageVars: new Set(), inspectingFunctions: new Set(), checksOf: new Map() };
  taintStorage(ctx, nodes);
  const { inspections, stops, functionStops } = findStops(commands, ctx);
  const writes = findWrites(nodes);
  const wipes = findWipes(commands, fors, assignments, reads);
  const emptyDrives = findEmptyDrives(root, writes, commands, fors, assignments, reads, new Set(functionStops.keys()));
  return { analyzed: true, inspections, stops, writes, wipes, emptyDrives, hasErrors: root.hasError };
}

/**
 * tree-sitter-bash reads a here-document's delimiter up to the next blank, while bash ends the word
 * at the first metacharacter: in `cat<<EOF>>/tmp/part.ks` the delimiter is `EOF` and `>>` a
 * redirect, but the grammar takes `EOF>>/tmp/part.ks` as the delimiter and the rest of the script
 * as the here-document. The offsets (in the script) where bash ends such delimiters, in order.
 */
function delimiterEnds(tree: Tree): number[] {
  const out: number[] = [];
  for (const n of tree.rootNode.descendantsOfType('heredoc_start')) {
    if (!n) continue;
    const t = n.text;
    let quote = '';
    for (let i = 0; i < t.length; i++) {
      const ch = t[i];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '\\') i++;
      else if (ch === "'" || ch === '"') quote = ch;
      else if ('<>|;&()'.includes(ch)) {
        out.push(n.startIndex + i);
        break;
      }
    }
  }
  return out.sort((a, b) => a - b);
}

/** Offsets in the script with blanks inserted (before each of `blanks`) back to the script's own. */
function mapOffsets(a: ScriptAnalysis, blanks: number[]): ScriptAnalysis {
  // The inserted blank before blanks[i] sits at blanks[i] + i in the parsed text.
  const back = (o: number): number => {
    let k = 0;
    while (k < blanks.length && blanks[k] + k < o) k++;
    return o - k;
  };
  const fix = <T extends { start: number; end: number }>(xs: T[]): T[] => xs.map((x) => ({ ...x, start: back(x.start), end: back(x.end) }));
  return { ...a, inspections: fix(a.inspections), stops: fix(a.stops), writes: fix(a.writes), wipes: fix(a.wipes), emptyDrives: fix(a.emptyDrives) };
}
