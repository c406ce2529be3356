// The layout a custom-partitioning kickstart asks for, as Anaconda's storage checker sees it after
// blivet has built it: each mount point with its device kind, file system, fixed size and
// encryption. Built once per model from the storage graph (kickstart/storage.ts); accessors only.
import type { Range } from '../../../core/types';
import { OPT_UNKNOWN, type KickstartModelExt, type KsCommand, type KsWord } from '../../model';
import { commandsNamed, hasFlag, option, storageGraph, type BtrfsNode, type LvNode, type MountNode, type PartNode, type RaidNode, type StorageGraph } from '../../storage';
import type { Target } from '../../versions';
import { defaultFs, formatMax, formatMin, MUST_BE_ON_LINUXFS, MUST_BE_ON_ROOT } from './facts';

export type Device = PartNode | RaidNode | LvNode | BtrfsNode | MountNode;

/**
 * What the rules read from one storage command's options, in one pass over its rows (the last
 * occurrence of each wins, as argparse does). Rows are -1 when absent.
 */
export interface CmdFacts {
  encrypted: boolean;
  /** A non-empty --passphrase. */
  passphrase: boolean;
  noformat: boolean;
  onpart: boolean;
  /** --recommended or --hibernation: the size is chosen on the machine. */
  machineSized: boolean;
  reformat: boolean;
  /** --fstype, trimmed and lower case ('' when absent). */
  fstype: string;
  fstypeRow: number;
  sizeRow: number;
  percentRow: number;
  levelRow: number;
  reservedSpace?: string;
  reservedPercent?: string;
}

function factsOf(cmd: KsCommand): CmdFacts {
  const f: CmdFacts = { encrypted: false, passphrase: false, noformat: false, onpart: false, machineSized: false, reformat: false, fstype: '', fstypeRow: -1, sizeRow: -1, percentRow: -1, levelRow: -1, reservedSpace: undefined, reservedPercent: undefined };
  const t = cmd.optionTable;
  for (let j = cmd.optFirst; j < cmd.optEnd; j++) {
    if (t.flags[j] & OPT_UNKNOWN) continue;
    switch (t.key[j].name) {
      case 'encrypted': f.encrypted = true; break;
      case 'passphrase': f.passphrase = !!t.value[j]; break;
      case 'noformat': f.noformat = true; break;
      case 'onpart': f.onpart = true; break;
      case 'recommended':
      case 'hibernation': f.machineSized = true; break;
      case 'reformat': f.reformat = true; break;
      case 'fstype': f.fstypeRow = j; f.fstype = (t.value[j] ?? '').trim().toLowerCase(); break;
      case 'size': f.sizeRow = j; break;
      case 'percent': f.percentRow = j; break;
      case 'level': f.levelRow = j; break;
      case 'reserved-space': f.reservedSpace = t.value[j]; break;
      case 'reserved-percent': f.reservedPercent = t.value[j]; break;
    }
  }
  return f;
}

/** The range of an option row's value (its whole range without a value). */
export function rowRange(cmd: KsCommand, row: number): Range {
  const t = cmd.optionTable;
  return t.valueRange(row) ?? t.range(row);
}

/** A mount point or device word without trailing slashes (`/boot/` is /boot). */
export function trimSlash(text: string): string {
  return text.length > 1 && text.charCodeAt(text.length - 1) === 47 ? text.replace(/\/+$/, '') : text;
}

export interface Mounted {
  path: string;
  /** The mount point as written (the finding's place). */
  word: KsWord;
  node: Device;
  /** The file system, lower case: --fstype, or the release's default for a new device; undefined when unknown (existing). */
  fstype?: string;
  /** The --fstype row as written (-1 when the default applies). */
  fstypeRow: number;
  facts: CmdFacts;
  encrypted: boolean;
  /** The device keeps its existing file system (--noformat; `mount` without --reformat). */
  keepsFormat: boolean;
  /** The size Anaconda gives it when the file fixes it (MiB; no --grow, --percent, --recommended, existing device). */
  fixedSize?: number;
}

export interface Layout {
  g: StorageGraph;
  /** Custom partitioning: part, raid, volgroup, logvol, btrfs or mount lines. */
  custom: boolean;
  autopart?: KsCommand;
  reqpart?: KsCommand;
  /** The storage may be completed by an %include: absence cannot be claimed. */
  dynamic: boolean;
  /** First definition of each mount point the checker names (/, /boot, /boot/efi, must-be-on-root, must-be-on-linuxfs). */
  mounts: Map<string, Mounted>;
  /** Other mount points whose fixed size is outside their format's limits. */
  sized: Mounted[];
  /** Option facts of every part, raid, volgroup, logvol and mount line. */
  facts: Map<KsCommand, CmdFacts>;
  /** The first custom-partitioning command (where a finding about something missing goes). */
  first?: KsCommand;
  /** The boot loader is not installed (bootloader --location=none), or is not GRUB (--extlinux, --sdboot). */
  notGrub: boolean;
}

const CACHE = new WeakMap<KickstartModelExt, Layout>();

/** Mount points some check names; the others are only compared with their format's size limits. */
const NAMED = new Set(['/', '/boot', '/boot/efi', ...MUST_BE_ON_ROOT, ...MUST_BE_ON_LINUXFS]);

function outsideFormatLimits(fstype: string, size: number, t: Target): boolean {
  const max = formatMax(fstype);
  const min = formatMin(fstype, t);
  return (max !== undefined && size > max) || (min !== undefined && size < min);
}


export function layoutOf(model: KickstartModelExt): Layout {
  const have = CACHE.get(model);
  if (have) return have;
  const g = storageGraph(model);
  const t = model.resolved;
  const mounts = new Map<string, Mounted>();
  const facts = new Map<KsCommand, CmdFacts>();
  const sized: Mounted[] = [];
  const add = (w: KsWord | undefined, node: Device): void => {
    const cmd = node.cmd;
    const f = factsOf(cmd);
    facts.set(cmd, f);
    if (!w || w.text.charCodeAt(0) !== 47) return;
    const path = trimSlash(w.text);
    const named = NAMED.has(path);
    if (named && mounts.has(path)) return;
    const keepsFormat = node.kind === 'mount' ? !f.reformat : f.noformat;
    const existing = keepsFormat || f.onpart || ((node.kind === 'raid' || node.kind === 'logvol') && node.preexisting);
    const written = node.kind === 'mount' ? '' : f.fstype;
    // A new /boot/efi partition is always an EFI System Partition, whatever --fstype says.
    const esp = node.kind === 'part' && !keepsFormat && path === '/boot/efi';
    const fstype = esp ? 'efi' : written || (keepsFormat ? undefined : node.kind === 'btrfs' ? 'btrfs' : node.kind === 'mount' ? undefined : defaultFs(t));
    let fixedSize: number | undefined;
    if ((node.kind === 'part' || node.kind === 'logvol') && node.size !== undefined && !node.grow && !existing && !f.machineSized && (node.kind === 'part' || node.percent === undefined)) fixedSize = node.size;
    if (fstype === 'tmpfs') fixedSize = undefined;
    // Other mount points matter only for their format's size limits (a handful of devices).
    if (!named && (fixedSize === undefined || !fstype || !outsideFormatLimits(fstype, fixedSize, t))) return;
    const m: Mounted = {
      path,
      word: w,
      node,
      fstype,
      fstypeRow: written ? f.fstypeRow : -1,
      facts: f,
      encrypted: node.kind !== 'mount' && node.kind !== 'btrfs' && f.encrypted,
      keepsFormat,
      fixedSize,
    };
    if (named) mounts.set(path, m);
    else sized.push(m);
  };
  // The order Anaconda executes them in: part, raid, logvol, btrfs (mount stands alone).
  for (const p of g.parts) add(p.first, p);
  for (const r of g.raids) add(r.first, r);
  for (const l of g.lvs) add(l.first, l);
  for (const b of g.btrfs) add(b.first, b);
  for (const m of g.mounts) add(m.mountpoint, m);
  for (const v of g.vgs) facts.set(v.cmd, factsOf(v.cmd));
  let first: KsCommand | undefined;
  let custom = false;
  for (const list of [g.parts, g.raids, g.vgs, g.lvs, g.btrfs, g.mounts] as { cmd: KsCommand }[][]) {
    if (list.length) custom = true;
    // Each list is in file order: its first command is its earliest.
    if (list.length && (!first || list[0].cmd.line < first.line)) first = list[0].cmd;
  }
  const boot = commandsNamed(model, 'bootloader');
  const bl = boot[boot.length - 1];
  const location = bl ? option(bl, 'location')?.value?.trim().toLowerCase() : undefined;
  const ap = commandsNamed(model, 'autopart');
  const rp = commandsNamed(model, 'reqpart');
  const out: Layout = {
    g,
    custom,
    autopart: ap[ap.length - 1],
    reqpart: rp[rp.length - 1],
    dynamic: g.hasIncludes,
    mounts,
    sized,
    facts,
    first,
    notGrub: !!bl && (location === 'none' || hasFlag(bl, 'disabled', 'extlinux', 'sdboot')),
  };
  CACHE.set(model, out);
  return out;
}

/** The device GRUB reads the kernel from (Anaconda's stage2): /boot, or / without /boot. */
export function stage2(l: Layout): Mounted | undefined {
  return l.mounts.get('/boot') ?? l.mounts.get('/');
}

/** Where a finding about a whole command goes: its first positional, or its name. */
export function placeOf(cmd: KsCommand): Range {
  return cmd.args[0]?.range ?? cmd.nameRange;
}
