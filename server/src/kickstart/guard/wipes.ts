// Commands that destroy what is on a whole disk, and how many disks their target can name.
import type { Node } from '../../syntax/treesitter';
import { argText, braceWords, commandName, commandArgs, governingConditions, literal, shorten } from './shell';
import type { ScriptWipe, WipeWidth } from './types';
import type { VarSource } from './vars';
import { GLOB, variableSources } from './vars';

/** The device words a command destroys, or undefined when it destroys nothing (reads, prints). */
function wipeTargets(name: string, args: Node[]): Node[] | undefined {
  const t = args.map(argText);
  const operands = (skipValue: RegExp = /^$/): Node[] => {
    const out: Node[] = [];
    let optionsEnd = false;
    for (let i = 0; i < args.length; i++) {
      if (t[i] === '--' && !optionsEnd) {
        optionsEnd = true;
        continue;
      }
      if (!optionsEnd && t[i].startsWith('-')) {
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
      // -a/--align takes a value (`parted -s -a optimal /dev/vda -- mklabel gpt`).
      if (!t.some((a) => a === 'mklabel' || a === 'mktable')) return undefined;
      const ops = operands(/^(-a|--align)$/);
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

/**
 * What a target word can name: the word split into literal text and at most one variable, each
 * value of the variable put in its place. `of=` is dropped from dd's word.
 */
function targetWidth(word: Node, tool: string, vars: Map<string, VarSource[]>): { width: WipeWidth; disks: string } | undefined {
  const strip = (x: string): string => (tool === 'dd' ? x.replace(/^of=/, '') : x);
  const braces = braceWords(word);
  if (braces) {
    // `wipefs -a /dev/sd{a,b}`: one word a disk.
    const devs = braces.map(strip);
    const glob = devs.find((d) => GLOB.test(d) && globMayMatchDisk(d));
    if (glob) return { width: 'every-disk', disks: `every disk matching ${glob}` };
    const disks = devs.filter(isWholeDisk);
    return disks.length ? { width: 'disk', disks: [...new Set(disks)].join(', ') } : undefined;
  }
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

export function findWipes(commands: Node[], fors: Node[], assignments: Node[], reads: Node[]): ScriptWipe[] {
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
