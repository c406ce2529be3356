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
import { parse } from '../syntax/treesitter';

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

export interface ScriptAnalysis {
  /** False when the interpreter is not a shell or the bash grammar is not loaded: nothing below is known. */
  analyzed: boolean;
  reason?: string;
  /** Commands that look at existing storage. */
  inspections: ShellCommand[];
  /** Every way the script can stop the install, as the shell sees it. */
  stops: ScriptStop[];
  writes: ScriptWrite[];
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

const EMPTY: Omit<ScriptAnalysis, 'analyzed' | 'reason'> = { inspections: [], stops: [], writes: [], hasErrors: false };

/** Analyse a script body (the text between the section header line and `%end`). */
export function analyzeScript(body: string, interpreter?: string): ScriptAnalysis {
  if (!isShellInterpreter(interpreter)) {
    return { analyzed: false, reason: `the interpreter ${interpreter} is not a shell`, ...EMPTY };
  }
  let tree: Tree;
  try {
    tree = parse('bash', body);
  } catch (e) {
    return { analyzed: false, reason: (e as Error).message, ...EMPTY };
  }
  nameCache = new Map();
  try {
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
  const ctx: Ctx = { tree, storageVars: new Set(), inspectingFunctions: new Set() };
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
    };
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
  return { analyzed: true, inspections, stops, writes, hasErrors: root.hasError };
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
