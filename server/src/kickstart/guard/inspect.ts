// Which commands, paths, variables and functions of a script look at existing storage.
import type { Node, Tree } from '../../syntax/treesitter';
import { argText, commandArgs, commandName, literal } from './shell';

/** Commands that report existing LVM, md RAID or filesystem signatures. */
const INSPECT_COMMANDS = new Set([
  'vgs', 'pvs', 'lvs', 'vgscan', 'pvscan', 'lvscan', 'vgdisplay', 'pvdisplay', 'lvdisplay', 'lvm', 'vgck',
  'mdadm', 'blkid', 'lsblk', 'wipefs', 'parted', 'fdisk', 'sfdisk', 'sgdisk', 'gdisk', 'file', 'dmsetup',
  'multipath', 'btrfs', 'zpool', 'findfs', 'udevadm',
]);

/** Paths whose contents reveal existing storage. */
const INSPECT_PATHS = [/^\/proc\/mdstat$/, /^\/proc\/partitions$/, /^\/dev\/md\b/, /^\/dev\/mapper\b/, /^\/dev\/disk\/by-/, /^\/sys\/block\b/];

/** Does a command (by name and arguments) look at existing storage? */
export function isInspection(name: string, args: string[]): boolean {
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

export function mentionsStoragePath(s: string): boolean {
  return INSPECT_PATHS.some((re) => re.test(s));
}

export interface Ctx {
  tree: Tree;
  /** Variables assigned from something that inspects storage. */
  storageVars: Set<string>;
  /** Functions whose body inspects storage. */
  inspectingFunctions: Set<string>;
  /** What each tainted variable and function looks at (see ScriptStop.checks). */
  checksOf: Map<string, Set<string>>;
}

/** The inspection commands and storage paths in a subtree, through tainted variables and functions. */
export function checksIn(n: Node, ctx: Ctx, into: Set<string>): Set<string> {
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
export function subtreeInspects(n: Node, ctx: Ctx): boolean {
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
