// What a %pre script does about existing storage, read from the tree-sitter-bash parse of its
// body (real shell structure: commands, exit codes, conditions), never from regexes over the text.
//
// The questions the safety rules ask:
//  - does the script look at existing storage (vgs, pvs, lvm, mdadm, blkid, lsblk, wipefs,
//    /proc/mdstat, ...)?
//  - does it stop the install (exit non-zero, or power off / halt), and is that stop governed by
//    a condition that looks at storage (so it fires on a host that holds data)?
//  - which files does it write (a generated `%include`), and what text goes into them?
import type { Node, Tree } from '../syntax/treesitter';
import { parseBounded } from '../syntax/treesitter';

/** Shells whose scripts the bash grammar reads faithfully enough for this analysis. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);

export function isShellInterpreter(interpreter: string | undefined): boolean {
  if (!interpreter) return true; // Anaconda's default is /bin/sh
  const base = interpreter.trim().split(/\s+/)[0].split('/').pop() ?? '';
  return SHELLS.has(base);
}

export interface ShellCommand {
  name: string;
  args: string[];
  /** Offsets in the script body. */
  start: number;
  end: number;
}

export interface ScriptStop {
  kind: 'exit' | 'halt';
  /** Exit status when literal; undefined when computed (`exit $rc`). */
  status?: number;
  /** The command text, e.g. `exit 1` or `poweroff -f`. */
  text: string;
  start: number;
  end: number;
  /** Runs only under a condition (if/elif/while/case/&&/||). */
  conditional: boolean;
  /** The governing condition inspects existing storage (directly or through a variable or loop list). */
  linked: boolean;
  /** Runs in a subshell (pipeline element, `( )`, `$( )`): an `exit` there ends only the subshell. */
  inSubshell: boolean;
  /** What the governing conditions look at: inspection commands and storage paths (`vgs`, `/proc/mdstat`). */
  checks: string[];
}

export interface ScriptWrite {
  /** Target path as written (may contain expansions). */
  path: string;
  /** Text we can see going into it (heredoc bodies, echo/printf arguments). */
  text: string;
  append: boolean;
  start: number;
  end: number;
}

/** How many disks a wipe's target can name. */
export type WipeWidth =
  /** A fixed disk (literal, or a variable that only ever holds literal disk names). */
  | 'disk'
  /** Every disk the host has of some kind: a glob, a list printed by lsblk/ls, a `lsblk | while read` loop. */
  | 'every-disk'
  /** One disk chosen at install time (a variable set from a command, the kernel command line...). */
  | 'chosen';

export interface ScriptWipe {
  /** dd, wipefs, sgdisk, parted, mdadm, pvremove, blkdiscard. */
  tool: string;
  /** The command as written (shortened). */
  text: string;
  /** The target word as written, e.g. `/dev/$disk`. */
  target: string;
  width: WipeWidth;
  /** What the target can be, in words: `/dev/vda`, `every disk \`lsblk -dno NAME\` prints`. */
  disks: string;
  /** Offsets in the script body (the call site, for a wipe inside a function). */
  start: number;
  end: number;
}

export interface GeneratedDrives {
  /** The variable, e.g. `selected_disk`. */
  variable: string;
  /** The generated line as written in the script. */
  line: string;
  /** Why it can be empty, in words. */
  why: string;
  /** The file written. */
  path: string;
  /** Offsets of the write in the script body. */
  start: number;
  end: number;
}

export interface ScriptAnalysis {
  /** False when the interpreter is not a shell or the bash grammar is not loaded: nothing below is known. */
  analyzed: boolean;
  reason?: string;
  /** Commands that look at existing storage. */
  inspections: ShellCommand[];
  /** Every way the script can stop the install, as the shell sees it. */
  stops: ScriptStop[];
  writes: ScriptWrite[];
  /** Commands that destroy what is on a whole disk (or on what a variable can make one). */
  wipes: ScriptWipe[];
  /** Generated `clearpart --drives=$var` lines whose variable can be empty when the script writes them. */
  emptyDrives: GeneratedDrives[];
  /** The parse had errors: the shell may not even run. */
  hasErrors: boolean;
}

/** Commands that report existing LVM, md RAID or filesystem signatures. */
const INSPECT_COMMANDS = new Set([
  'vgs', 'pvs', 'lvs', 'vgscan', 'pvscan', 'lvscan', 'vgdisplay', 'pvdisplay', 'lvdisplay', 'lvm', 'vgck',
  'mdadm', 'blkid', 'lsblk', 'wipefs', 'parted', 'fdisk', 'sfdisk', 'sgdisk', 'gdisk', 'file', 'dmsetup',
  'multipath', 'btrfs', 'zpool', 'findfs', 'udevadm',
]);

/** Paths whose contents reveal existing storage. */
const INSPECT_PATHS = [/^\/proc\/mdstat$/, /^\/proc\/partitions$/, /^\/dev\/md\b/, /^\/dev\/mapper\b/, /^\/dev\/disk\/by-/, /^\/sys\/block\b/];

const HALT_COMMANDS = new Set(['poweroff', 'halt', 'shutdown']);

/** Read a word's shell value when it is literal (no expansions), else undefined. */
function literal(n: Node): string | undefined {
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

function commandName(cmd: Node): string | undefined {
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

function commandArgs(cmd: Node): Node[] {
  return cmd.childrenForFieldName('argument').filter((c): c is Node => !!c);
}

function argText(n: Node): string {
  return literal(n) ?? n.text;
}

/** Does a command (by name and arguments) look at existing storage? */
function isInspection(name: string, args: string[]): boolean {
  if (name === 'wipefs') {
    // `wipefs DEV` and `wipefs -n` only list signatures; `-a`/`-o` erase them.
    return !args.some((a) => /^(-[a-z]*[ao][a-z]*|--all|--offset)(=|$)/.test(a)) || args.some((a) => a === '-n' || a === '--no-act' || /^-[a-z]*n/.test(a));
  }
  if (name === 'mdadm') {
    if (args.some((a) => /^(--create|--zero-superblock|--stop|--remove|--fail|-C|-S)$/.test(a))) return false;
    return args.some((a) => /^(--examine|--detail|--query|--scan|--misc|-[a-zA-Z]*[EDQs][a-zA-Z]*)$/.test(a));
  }
  if (name === 'parted') return args.some((a) => a === '-l' || a === '--list' || a === 'print' || a === 'p');
  if (name === 'fdisk' || name === 'sfdisk') return args.some((a) => /^(-l|--list|-d|--dump|-J|--json)$/.test(a));
  if (name === 'file') return args.some((a) => /^-[a-zA-Z]*s/.test(a));
  if (name === 'btrfs') return args.some((a) => a === 'filesystem' || a === 'fi' || a === 'device');
  if (name === 'udevadm') return args.includes('info');
  if (name === 'multipath') return args.some((a) => /^-[a-zA-Z]*l/.test(a));
  return INSPECT_COMMANDS.has(name);
}

function mentionsStoragePath(s: string): boolean {
  return INSPECT_PATHS.some((re) => re.test(s));
}

interface Ctx {
  tree: Tree;
  /** Variables assigned from something that inspects storage. */
  storageVars: Set<string>;
  /** Functions whose body inspects storage. */
  inspectingFunctions: Set<string>;
  /** What each tainted variable and function looks at (see ScriptStop.checks). */
  checksOf: Map<string, Set<string>>;
}

/** The inspection commands and storage paths in a subtree, through tainted variables and functions. */
function checksIn(n: Node, ctx: Ctx, into: Set<string>): Set<string> {
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    switch (x.type) {
      case 'command': {
        const name = commandName(x);
        if (name) {
          if (isInspection(name, commandArgs(x).map(argText))) into.add(name);
          for (const c of ctx.checksOf.get(`${name}()`) ?? []) into.add(c);
        }
        break;
      }
      case 'word':
      case 'raw_string':
      case 'string':
      case 'concatenation': {
        const l = literal(x);
        if (l !== undefined && mentionsStoragePath(l)) into.add(l);
        break;
      }
      case 'simple_expansion':
      case 'expansion': {
        const v = x.namedChildren.find((c) => c?.type === 'variable_name');
        if (v) for (const c of ctx.checksOf.get(v.text) ?? []) into.add(c);
        break;
      }
    }
    for (let i = x.namedChildCount - 1; i >= 0; i--) {
      const c = x.namedChild(i);
      if (c) stack.push(c);
    }
  }
  return into;
}

/** Does this subtree inspect storage: an inspection command, a storage path, a tainted variable or function? */
function subtreeInspects(n: Node, ctx: Ctx): boolean {
  let found = false;
  const visit = (x: Node): void => {
    if (found) return;
    switch (x.type) {
      case 'command': {
        const name = commandName(x);
        if (name) {
          const args = commandArgs(x).map(argText);
          if (isInspection(name, args) || ctx.inspectingFunctions.has(name)) {
            found = true;
            return;
          }
        }
        break;
      }
      case 'word':
      case 'raw_string':
      case 'string':
      case 'concatenation': {
        const l = literal(x);
        if (l !== undefined && mentionsStoragePath(l)) {
          found = true;
          return;
        }
        break;
      }
      case 'simple_expansion':
      case 'expansion': {
        const v = x.namedChildren.find((c) => c?.type === 'variable_name');
        if (v && ctx.storageVars.has(v.text)) {
          found = true;
          return;
        }
        break;
      }
      case 'file_redirect': {
        const dest = x.childForFieldName('destination') ?? x.namedChildren[x.namedChildren.length - 1];
        if (dest) {
          const l = literal(dest);
          // Reading (`< /proc/mdstat`) inspects; writing does not.
          if (l !== undefined && mentionsStoragePath(l) && x.text.trimStart().startsWith('<')) {
            found = true;
            return;
          }
        }
        break;
      }
    }
    for (const c of x.namedChildren) if (c) visit(c);
  };
  visit(n);
  return found;
}

/** The condition parts that govern `node` (if/elif/while conditions, left sides of && and ||, case words, loop lists). */
function governingConditions(node: Node): { conds: Node[]; inSubshell: boolean; inFunction?: string } {
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

function isConditionalAncestor(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (['if_statement', 'elif_clause', 'else_clause', 'while_statement', 'case_item', 'for_statement'].includes(p.type)) return true;
    if (p.type === 'list') return true;
    if (p.type === 'function_definition') return false;
  }
  return false;
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
  let tree: Tree | undefined;
  try {
    tree = parseBounded('bash', body);
  } catch (e) {
    return { analyzed: false, reason: (e as Error).message, ...EMPTY };
  }
  if (!tree) return { analyzed: false, reason: 'the shell parser went over its time budget on this script', ...EMPTY };
  nameCache = new Map();
  try {
    if (nestingDepth(tree) > MAX_SCRIPT_DEPTH) {
      return { analyzed: false, reason: `the script nests more than ${MAX_SCRIPT_DEPTH} levels deep, deeper than Blockwise reads`, ...EMPTY };
    }
    return analyzeTree(tree);
  } finally {
    nameCache = undefined;
    tree.delete();
  }
}

function analyzeTree(tree: Tree): ScriptAnalysis {
  const root = tree.rootNode;
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
  const ctx: Ctx = { tree, storageVars: new Set(), inspectingFunctions: new Set(), checksOf: new Map() };
  // Taint to a fixed point: variables assigned from inspections, functions that inspect, and
  // `for x in $(lsblk)` loop variables.
  for (let round = 0; round < 4; round++) {
    const before = ctx.storageVars.size + ctx.inspectingFunctions.size;
    for (const a of assignments) {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name && value && subtreeInspects(value, ctx)) ctx.storageVars.add(name);
    }
    for (const f of functions) {
      const name = f.childForFieldName('name')?.text;
      const body = f.childForFieldName('body');
      if (name && body && subtreeInspects(body, ctx)) ctx.inspectingFunctions.add(name);
    }
    for (const n of fors) {
      const v = n.childForFieldName('variable')?.text;
      if (v && n.childrenForFieldName('value').some((c) => c && subtreeInspects(c, ctx))) ctx.storageVars.add(v);
    }
    for (const n of reads) {
      // `lsblk | while read d` : d holds inspection output when the pipeline starts with one.
      const loop = n.parent?.type === 'while_statement' ? n.parent : undefined;
      const pipe = loop?.parent;
      if (loop && pipe?.type === 'pipeline' && pipe.namedChildren.some((c) => c && c.id !== loop.id && subtreeInspects(c, ctx))) {
        for (const a of commandArgs(n)) if (!argText(a).startsWith('-')) ctx.storageVars.add(argText(a));
      }
    }
    if (ctx.storageVars.size + ctx.inspectingFunctions.size === before) break;
  }
  // What each tainted variable and function looks at, for the stops' `checks`.
  if (ctx.storageVars.size + ctx.inspectingFunctions.size) {
    const of = (key: string): Set<string> => {
      let set = ctx.checksOf.get(key);
      if (!set) ctx.checksOf.set(key, (set = new Set()));
      return set;
    };
    for (let round = 0; round < 4; round++) {
      let grew = false;
      const feed = (key: string, n: Node): void => {
        const set = of(key);
        const size = set.size;
        checksIn(n, ctx, set);
        if (set.size !== size) grew = true;
      };
      for (const a of assignments) {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value && ctx.storageVars.has(name)) feed(name, value);
      }
      for (const f of functions) {
        const name = f.childForFieldName('name')?.text;
        const body = f.childForFieldName('body');
        if (name && body && ctx.inspectingFunctions.has(name)) feed(`${name}()`, body);
      }
      for (const n of fors) {
        const v = n.childForFieldName('variable')?.text;
        if (v && ctx.storageVars.has(v)) for (const c of n.childrenForFieldName('value')) if (c) feed(v, c);
      }
      for (const n of reads) {
        const loop = n.parent?.type === 'while_statement' ? n.parent : undefined;
        const pipe = loop?.parent;
        if (!loop || pipe?.type !== 'pipeline') continue;
        for (const a of commandArgs(n)) {
          const v = argText(a);
          if (v.startsWith('-') || !ctx.storageVars.has(v)) continue;
          for (const c of pipe.namedChildren) if (c && c.id !== loop.id) feed(v, c);
        }
      }
      if (!grew) break;
    }
  }

  const inspections: ShellCommand[] = [];
  const stops: ScriptStop[] = [];
  const functionStops = new Map<string, ScriptStop[]>();
  for (const c of commands) {
    const name = commandName(c);
    if (!name) continue;
    const argNodes = commandArgs(c);
    const args = argNodes.map(argText);
    if (isInspection(name, args) || args.some(mentionsStoragePath) || redirectReadsStorage(c)) {
      inspections.push({ name, args, start: c.startIndex, end: c.endIndex });
    }
    let stop: Pick<ScriptStop, 'kind' | 'status'> | undefined;
    if (name === 'exit') {
      const a = argNodes[0];
      const l = a ? literal(a) : '0';
      // A bare `exit` returns the last command's status: unknown, possibly non-zero.
      if (!a) stop = { kind: 'exit', status: undefined };
      else if (l !== undefined && /^\d+$/.test(l)) stop = Number(l) % 256 !== 0 ? { kind: 'exit', status: Number(l) } : undefined;
      else stop = { kind: 'exit', status: undefined };
    } else if (HALT_COMMANDS.has(name) || (name === 'systemctl' && args.some((a) => /^(poweroff|halt)$/.test(a))) || (name === 'init' && args[0] === '0')) {
      stop = { kind: 'halt' };
    } else if (name === 'echo' && args.includes('o') && redirectTargets(c).some((t) => t === '/proc/sysrq-trigger')) {
      stop = { kind: 'halt' };
    }
    if (!stop) continue;
    const gov = governingConditions(c);
    const s: ScriptStop = {
      ...stop,
      text: c.text.length > 60 ? `${c.text.slice(0, 57)}...` : c.text,
      start: c.startIndex,
      end: c.endIndex,
      conditional: isConditionalAncestor(c),
      linked: gov.conds.some((n) => subtreeInspects(n, ctx)),
      // A halt works from anywhere; only `exit` is confined to its subshell.
      inSubshell: stop.kind === 'exit' && gov.inSubshell,
      checks: [],
    };
    if (s.linked) {
      const set = new Set<string>();
      for (const n of gov.conds) checksIn(n, ctx, set);
      s.checks = [...set];
    }
    if (gov.inFunction) {
      const list = functionStops.get(gov.inFunction) ?? [];
      list.push(s);
      functionStops.set(gov.inFunction, list);
    } else {
      stops.push(s);
    }
  }
  // A stop inside a function happens where the function is called: judge it at the call sites.
  for (const c of commands) {
    const name = commandName(c);
    const inner = name ? functionStops.get(name) : undefined;
    if (!inner) continue;
    const gov = governingConditions(c);
    if (gov.inFunction) continue;
    for (const s of inner) {
      stops.push({
        ...s,
        start: c.startIndex,
        end: c.endIndex,
        text: `${c.text} (${s.text})`,
        conditional: s.conditional || isConditionalAncestor(c),
        linked: s.linked || gov.conds.some((n) => subtreeInspects(n, ctx)),
        inSubshell: s.kind === 'exit' && (s.inSubshell || gov.inSubshell),
        checks: [...gov.conds.reduce((set, n) => checksIn(n, ctx, set), new Set(s.checks))],
      });
    }
  }

  const writes: ScriptWrite[] = [];
  for (const r of redirects) {
    const body = r.childForFieldName('body');
    const redirs = r.childrenForFieldName('redirect').filter((x): x is Node => !!x);
    const heredoc = redirs.find((x) => x.type === 'heredoc_redirect');
    let text = '';
    if (heredoc) text += heredoc.namedChildren.filter((c) => c?.type === 'heredoc_body').map((c) => c!.text).join('');
    if (body?.type === 'command') {
      const name = commandName(body);
      if (name === 'echo' || name === 'printf') text += `${commandArgs(body).map(argText).join(' ')}\n`;
    }
    for (const x of redirs) {
      if (x.type !== 'file_redirect') continue;
      const op = x.children.find((c) => c && !c.isNamed)?.text ?? '';
      if (!op.includes('>')) continue;
      const dest = x.childForFieldName('destination') ?? x.namedChildren[x.namedChildren.length - 1];
      if (!dest || dest.type === 'file_descriptor' || dest.type === 'number') continue;
      const path = argText(dest);
      if (path === '/dev/null' || /^\/dev\/(tty|console|std)/.test(path)) continue;
      writes.push({ path, text, append: op.includes('>>'), start: r.startIndex, end: r.endIndex });
    }
  }
  // `tee FILE` in a pipeline.
  for (const c of commands) {
    if (commandName(c) !== 'tee') continue;
    for (const a of commandArgs(c).map(argText)) {
      if (a.startsWith('-')) continue;
      writes.push({ path: a, text: '', append: commandArgs(c).some((x) => argText(x) === '-a'), start: c.startIndex, end: c.endIndex });
    }
  }
  // A path held in a variable (`inc=/tmp/part-include.ks; ... > "$inc"`) is that path when every
  // assignment of the variable is the same literal.
  if (writes.some((w) => w.path.includes('$'))) {
    const vars = variableSources(fors, assignments, reads);
    for (const w of writes) {
      const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(w.path);
      const srcs = m ? vars.get(m[1]) : undefined;
      if (srcs?.length && srcs.every((x) => x.kind === 'literal' && x.text === srcs[0].text) && srcs[0].text) w.path = srcs[0].text;
    }
  }
  const wipes = findWipes(commands, fors, assignments, reads);
  const emptyDrives = findEmptyDrives(root, writes, commands, fors, assignments, reads, new Set(functionStops.keys()));
  return { analyzed: true, inspections, stops, writes, wipes, emptyDrives, hasErrors: root.hasError };
}

// ---- wipes ------------------------------------------------------------------------------------

/** The device words a command destroys, or undefined when it destroys nothing (reads, prints). */
function wipeTargets(name: string, args: Node[]): Node[] | undefined {
  const t = args.map(argText);
  const operands = (skipValue: RegExp = /^$/): Node[] => {
    const out: Node[] = [];
    for (let i = 0; i < args.length; i++) {
      if (t[i].startsWith('-')) {
        if (skipValue.test(t[i])) i++;
        continue;
      }
      out.push(args[i]);
    }
    return out;
  };
  switch (name) {
    case 'dd': {
      const of = args.filter((a, i) => t[i].startsWith('of='));
      return of.length ? of : undefined;
    }
    case 'wipefs':
      // -a/--all erase every signature, -o/--offset one; -n/--no-act only prints.
      if (!t.some((a) => /^(-[a-zA-Z]*a[a-zA-Z]*|--all)$/.test(a) || /^(-o|--offset)(=|$)/.test(a))) return undefined;
      if (t.some((a) => a === '-n' || a === '--no-act' || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a))) return undefined;
      return operands(/^(-o|--offset|-t|--types|-b|--backup|-O|--output)$/);
    case 'sgdisk':
      // --zap-all/-Z and --zap/-z destroy the partition tables, --clear/-o writes an empty one.
      if (!t.some((a) => /^(--zap-all|--zap|--clear|-[a-zA-Z]*[Zzo][a-zA-Z]*)$/.test(a))) return undefined;
      return operands().slice(-1);
    case 'parted': {
      // `parted [-s] DEV mklabel TYPE`: a new label, every partition gone.
      if (!t.some((a) => a === 'mklabel' || a === 'mktable')) return undefined;
      const ops = operands();
      return ops.length ? [ops[0]] : undefined;
    }
    case 'mdadm': {
      const z = t.indexOf('--zero-superblock');
      if (z < 0) return undefined;
      return operands().filter((a) => args.indexOf(a) > z);
    }
    case 'pvremove': {
      // -ff (or -f twice) removes the label even from a PV that a VG uses.
      const forces = t.reduce((n, a) => n + (a === '--force' ? 1 : /^-[a-zA-Z]+$/.test(a) ? (a.match(/f/g) ?? []).length : 0), 0);
      return forces >= 2 ? operands() : undefined;
    }
    case 'blkdiscard':
      return operands(/^(-o|--offset|-l|--length|-p|--step)$/);
    default:
      return undefined;
  }
}

/** A whole disk, by kernel name or stable link (not a partition, an md array or a mapper node). */
const WHOLE_DISK = /^\/dev\/((sd|vd|xvd|hd)[a-z]+|nvme\d+n\d+|mmcblk\d+|disk\/by-[a-z-]+\/[^/]+)$/;
const PARTITION_LINK = /-part\d+$/;

function isWholeDisk(dev: string): boolean {
  return WHOLE_DISK.test(dev) && !PARTITION_LINK.test(dev);
}

/** Could this glob (`/dev/sd?`, `/dev/sd*`, `/dev/nvme*n1`) match a whole disk? */
function globMayMatchDisk(glob: string): boolean {
  if (!glob.startsWith('/dev/')) return false;
  if (/\d$|p\d$|-part\d+$/.test(glob)) return false;
  // Replace each wildcard by a letter or a digit run and see if a disk name comes out.
  const tries = [glob.replace(/\*|\?|\[[^\]]*\]/g, 'a'), glob.replace(/\*|\?|\[[^\]]*\]/g, '0'), glob.replace(/\*/g, '').replace(/\?|\[[^\]]*\]/g, 'a')];
  return tries.some(isWholeDisk) || /^\/dev\/(sd|vd|xvd|hd|nvme)\*$/.test(glob);
}

const GLOB = /[*?[]/;

interface VarSource {
  kind: 'literal' | 'glob' | 'command' | 'unknown';
  text: string;
  /** A loop takes each line or word the command prints in turn (for, while read). */
  each?: boolean;
  /** Line offset in the body where the source is (for the message). */
  start: number;
}

function shorten(t: string, n = 50): string {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 3)}...` : one;
}

/** Where the values of each variable come from: for-loop lists, assignments, `cmd | while read v`. */
function variableSources(fors: Node[], assignments: Node[], reads: Node[]): Map<string, VarSource[]> {
  const out = new Map<string, VarSource[]>();
  const add = (v: string, src: VarSource): void => {
    const l = out.get(v);
    if (l) l.push(src);
    else out.set(v, [src]);
  };
  const fromValue = (n: Node): VarSource => {
    if (n.type === 'command_substitution') return { kind: 'command', text: n.text.replace(/^\$\(|^`|\)$|`$/g, ''), start: n.startIndex };
    const l = literal(n);
    if (l === undefined) {
      const sub = n.descendantsOfType('command_substitution').find((x): x is Node => !!x);
      if (sub) return { kind: 'command', text: sub.text.replace(/^\$\(|^`|\)$|`$/g, ''), start: n.startIndex };
      return { kind: 'unknown', text: n.text, start: n.startIndex };
    }
    // An unquoted word with wildcards is a glob; the shell expands it to the matching names.
    if (n.type === 'word' && GLOB.test(l)) return { kind: 'glob', text: l, start: n.startIndex };
    return { kind: 'literal', text: l, start: n.startIndex };
  };
  for (const f of fors) {
    const v = f.childForFieldName('variable')?.text;
    if (!v) continue;
    const values = f.childrenForFieldName('value').filter((c): c is Node => !!c);
    // `for d; do` and `for d in "$@"` loop over the positional parameters.
    if (!values.length) add(v, { kind: 'unknown', text: '"$@"', start: f.startIndex });
    for (const c of values) add(v, { ...fromValue(c), each: true });
  }
  for (const a of assignments) {
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if (name) add(name, value ? fromValue(value) : { kind: 'literal', text: '', start: a.startIndex });
  }
  for (const r of reads) {
    const loop = r.parent?.type === 'while_statement' ? r.parent : undefined;
    const pipe = loop?.parent;
    const src = pipe?.type === 'pipeline' ? pipe.namedChildren.filter((c) => c && c.id !== loop!.id).map((c) => c!.text).join(' | ') : undefined;
    for (const a of commandArgs(r).map(argText)) {
      if (a.startsWith('-')) continue;
      add(a, src ? { kind: 'command', text: src, start: pipe!.startIndex, each: true } : { kind: 'unknown', text: 'read', start: r.startIndex });
    }
  }
  return out;
}

/**
 * What a target word can name: the word split into literal text and at most one variable, each
 * value of the variable put in its place. `of=` is dropped from dd's word.
 */
function targetWidth(word: Node, tool: string, vars: Map<string, VarSource[]>): { width: WipeWidth; disks: string } | undefined {
  const strip = (x: string): string => (tool === 'dd' ? x.replace(/^of=/, '') : x);
  const lit = literal(word);
  if (lit !== undefined) {
    const dev = strip(lit);
    if (isWholeDisk(dev)) return { width: 'disk', disks: dev };
    if (GLOB.test(dev) && word.type === 'word' && globMayMatchDisk(dev)) return { width: 'every-disk', disks: `every disk matching ${dev}` };
    return undefined;
  }
  // Split into prefix, one expansion, suffix.
  const parts: Node[] = [];
  const todo: Node[] = [word];
  while (todo.length) {
    const n = todo.pop()!;
    if (n.type === 'concatenation' || n.type === 'string') {
      for (let k = n.namedChildCount - 1; k >= 0; k--) {
        const c = n.namedChild(k);
        if (c) todo.push(c);
      }
    } else parts.push(n);
  }
  const exps = parts.filter((p) => p.type === 'simple_expansion' || p.type === 'expansion');
  if (exps.length !== 1 || parts.some((p) => p.type === 'command_substitution' || p.type === 'arithmetic_expansion')) return undefined;
  const e = exps[0];
  const i = parts.indexOf(e);
  const textOf = (ns: Node[]): string | undefined => {
    let out = '';
    for (const n of ns) {
      const l = n.type === 'string_content' ? n.text : literal(n);
      if (l === undefined) return undefined;
      out += l;
    }
    return out;
  };
  const prefix = textOf(parts.slice(0, i));
  const suffix = textOf(parts.slice(i + 1));
  if (prefix === undefined || suffix === undefined) return undefined;
  // A partition of whatever the variable names (`${disk}1`, `${d}p2`) is not a whole disk.
  if (/^(p?\d+|-part\d+)$/.test(suffix)) return undefined;
  // `${x:-...}`, `${x#...}`: only the plain forms are followed.
  const varName = e.namedChildren.find((c) => c?.type === 'variable_name')?.text;
  if (!varName || (e.type === 'expansion' && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(e.text))) return undefined;
  const before = strip(prefix);
  const sources = vars.get(varName) ?? [{ kind: 'unknown', text: '', start: -1 } as VarSource];
  const written = `${before}${e.text}${suffix}`;
  let chosen: VarSource | undefined;
  const literals: string[] = [];
  for (const src of sources) {
    if (src.kind === 'command') {
      if (src.each) return { width: 'every-disk', disks: `every disk \`${shorten(src.text)}\` lists (${written})` };
      chosen ??= src;
      continue;
    }
    if (src.kind === 'glob') {
      const dev = `${before}${src.text}${suffix}`;
      if (globMayMatchDisk(dev)) return { width: 'every-disk', disks: `every disk matching ${dev} (${written})` };
      continue;
    }
    if (src.kind === 'unknown') {
      chosen ??= src;
      continue;
    }
    const dev = `${before}${src.text}${suffix}`;
    // A literal that names no disk (`/dev/sda1`, `/tmp/img`) does not widen the target.
    if (isWholeDisk(dev) || (!before && isWholeDisk(`/dev/${src.text}${suffix}`))) literals.push(isWholeDisk(dev) ? dev : `/dev/${src.text}${suffix}`);
  }
  if (chosen) {
    // Only a target that is a whole device name (`/dev/$d`, `$d`) can be a whole disk.
    if (!(before === '/dev/' || before === '') || suffix) return undefined;
    return {
      width: 'chosen',
      disks: chosen.kind === 'command' ? `whichever disk \`${shorten(chosen.text)}\` prints at install time (${written})` : `whichever disk \$${varName} names at install time (${written})`,
    };
  }
  if (literals.length) return { width: 'disk', disks: [...new Set(literals)].join(', ') };
  return undefined;
}

function findWipes(commands: Node[], fors: Node[], assignments: Node[], reads: Node[]): ScriptWipe[] {
  let vars: Map<string, VarSource[]> | undefined;
  const direct: (ScriptWipe & { fn?: string })[] = [];
  for (const c of commands) {
    const name = commandName(c);
    if (!name) continue;
    const args = commandArgs(c);
    const targets = wipeTargets(name, args);
    if (!targets?.length) continue;
    vars ??= variableSources(fors, assignments, reads);
    for (const t of targets) {
      const w = targetWidth(t, name, vars);
      if (!w) continue;
      direct.push({ tool: name, text: shorten(c.text, 60), target: argText(t), width: w.width, disks: w.disks, start: c.startIndex, end: c.endIndex, fn: governingConditions(c).inFunction });
    }
  }
  // A wipe inside a function happens where the function is called.
  const out: ScriptWipe[] = [];
  for (const w of direct) {
    const { fn, ...wipe } = w;
    if (!fn) {
      out.push(wipe);
      continue;
    }
    for (const c of commands) {
      if (commandName(c) !== fn || governingConditions(c).inFunction) continue;
      out.push({ ...wipe, text: `${shorten(c.text, 30)} (${wipe.text})`, start: c.startIndex, end: c.endIndex });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function redirectTargets(cmd: Node): string[] {
  const parent = cmd.parent;
  if (parent?.type !== 'redirected_statement') return [];
  return parent
    .childrenForFieldName('redirect')
    .filter((x): x is Node => !!x && x.type === 'file_redirect')
    .map((x) => {
      const dest = x.childForFieldName('destination') ?? x.namedChildren[x.namedChildren.length - 1];
      return dest ? argText(dest) : '';
    });
}

function redirectReadsStorage(cmd: Node): boolean {
  const parent = cmd.parent;
  if (parent?.type !== 'redirected_statement') return false;
  return parent
    .childrenForFieldName('redirect')
    .some((x) => !!x && x.type === 'file_redirect' && x.text.trimStart().startsWith('<') && mentionsStoragePath(argText(x.childForFieldName('destination') ?? x)));
}

/** How well a script guards against wiping existing storage. */
export type GuardStrength =
  /** Stops the install (exit non-zero with --erroronfail, or halts) under a condition that looks at storage. */
  | 'guard'
  /** Exits non-zero on storage, but without --erroronfail Anaconda carries on. */
  | 'ineffective'
  /** Nothing of the kind. */
  | 'none'
  /** Not a shell, or no grammar: unknown. */
  | 'unknown';

export interface GuardVerdict {
  strength: GuardStrength;
  /** The stop that makes it a guard (or would, with --erroronfail). */
  stop?: ScriptStop;
  /** Exits inside a subshell that look like guards but only end the subshell. */
  subshellExits: ScriptStop[];
  analysis: ScriptAnalysis;
}

export function guardVerdict(analysis: ScriptAnalysis, erroronfail: boolean): GuardVerdict {
  if (!analysis.analyzed) return { strength: 'unknown', subshellExits: [], analysis };
  const subshellExits = analysis.stops.filter((s) => s.kind === 'exit' && s.inSubshell && s.linked);
  const halts = analysis.stops.filter((s) => s.kind === 'halt' && s.linked);
  if (halts.length) return { strength: 'guard', stop: halts[0], subshellExits, analysis };
  const exits = analysis.stops.filter((s) => s.kind === 'exit' && !s.inSubshell && s.linked);
  if (exits.length) return { strength: erroronfail ? 'guard' : 'ineffective', stop: exits[0], subshellExits, analysis };
  return { strength: 'none', subshellExits, analysis };
}

// ---- generated clearpart --drives=$var ------------------------------------------------------

const GENERATED_DRIVES = /^[ \t]*clearpart\b[^\n]*?--drives[= ]["']?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?["']?(?=[ \t]|$)[^\n]*$/gm;

/**
 * Generated clearpart lines whose whole --drives value is one variable that can be empty: never
 * set, set to '', or set from a command (which prints nothing when nothing matches), and not
 * checked by a condition that stops the script (`[ -z "$d" ] && exit 1`) or `${d:?}`.
 */
function findEmptyDrives(root: Node, writes: ScriptWrite[], commands: Node[], fors: Node[], assignments: Node[], reads: Node[], stoppingFunctions: Set<string>): GeneratedDrives[] {
  const out: GeneratedDrives[] = [];
  let vars: Map<string, VarSource[]> | undefined;
  let checked: Set<string> | undefined;
  for (const w of writes) {
    if (!w.text.includes('clearpart')) continue;
    for (const m of w.text.matchAll(GENERATED_DRIVES)) {
      const v = m[1];
      vars ??= variableSources(fors, assignments, reads);
      checked ??= checkedVariables(root, commands, stoppingFunctions);
      if (checked.has(v)) continue;
      const sources = vars.get(v) ?? [];
      let why: string | undefined;
      if (!sources.length) why = `$${v} is never set in this script`;
      for (const src of sources) {
        if (why) break;
        if (src.kind === 'literal' && src.text.trim() === '') why = `$${v} is set to an empty string`;
        else if (src.kind === 'command') why = `$${v} is set from \`${shorten(src.text)}\`, which prints nothing when no disk matches`;
        else if (src.kind === 'unknown') why = `$${v} comes from ${src.text === '"$@"' ? 'the script arguments' : `\`${shorten(src.text)}\``}, which can be empty`;
      }
      if (why) out.push({ variable: v, line: m[0].trim(), why, path: w.path, start: w.start, end: w.end });
    }
  }
  return out;
}

/**
 * Variables tested in the condition of a stop (exit or halt, or a call of a function that stops,
 * such as `[ -n "$DISKS" ] || die "no disk"`), or expanded as `${v:?}`.
 */
function checkedVariables(root: Node, commands: Node[], stoppingFunctions: Set<string>): Set<string> {
  const out = new Set<string>();
  const namesIn = (n: Node): void => {
    const stack: Node[] = [n];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === 'variable_name') out.add(x.text);
      for (let i = x.namedChildCount - 1; i >= 0; i--) {
        const c = x.namedChild(i);
        if (c) stack.push(c);
      }
    }
  };
  for (const c of commands) {
    const name = commandName(c);
    if (name !== 'exit' && !HALT_COMMANDS.has(name ?? '') && !stoppingFunctions.has(name ?? '')) continue;
    for (const cond of governingConditions(c).conds) namesIn(cond);
  }
  for (const m of root.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) out.add(m[1]);
  return out;
}
