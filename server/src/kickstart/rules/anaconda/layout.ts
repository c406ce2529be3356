// The layout a custom-partitioning kickstart asks for, as Anaconda's storage checker sees it after
// blivet has built it: each mount point with its device kind, file system, fixed size and
// encryption. Built once per model from the storage graph (kickstart/storage.ts); accessors only.
import type { Range } from '../../../core/types';
import type { KickstartModelExt, KsCommand, KsOption, KsWord } from '../../model';
import { commandsNamed, hasFlag, option, storageGraph, type BtrfsNode, type LvNode, type MountNode, type PartNode, type RaidNode, type StorageGraph } from '../../storage';
import { defaultFs } from './facts';

export type Device = PartNode | RaidNode | LvNode | BtrfsNode | MountNode;

export interface Mounted {
  path: string;
  /** The mount point as written (the finding's place). */
  word: KsWord;
  node: Device;
  /** The file system, lower case: --fstype, or the release's default for a new device; undefined when unknown (existing). */
  fstype?: string;
  /** The --fstype option as written (absent when the default applies). */
  fstypeOpt?: KsOption;
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
  /** First definition of each mount point. */
  mounts: Map<string, Mounted>;
  /** The first custom-partitioning command (where a finding about something missing goes). */
  first?: KsCommand;
  /** The boot loader is not installed (bootloader --location=none), or is not GRUB (--extlinux, --sdboot). */
  notGrub: boolean;
}

const CACHE = new WeakMap<KickstartModelExt, Layout>();

function normalPath(text: string): string {
  return text.length > 1 && text.endsWith('/') ? text.replace(/\/+$/, '') : text;
}

export function layoutOf(model: KickstartModelExt): Layout {
  const have = CACHE.get(model);
  if (have) return have;
  const g = storageGraph(model);
  const t = model.resolved;
  const mounts = new Map<string, Mounted>();
  const add = (w: KsWord | undefined, node: Device): void => {
    if (!w || !w.text.startsWith('/')) return;
    const path = normalPath(w.text);
    if (mounts.has(path)) return;
    const cmd = node.cmd;
    const fsOpt = node.kind === 'mount' ? undefined : option(cmd, 'fstype');
    const keepsFormat = node.kind === 'mount' ? option(cmd, 'reformat') === undefined : hasFlag(cmd, 'noformat');
    const existing = keepsFormat || (node.kind === 'part' && option(cmd, 'onpart') !== undefined) || (node.kind !== 'part' && node.kind !== 'btrfs' && node.kind !== 'mount' && node.preexisting);
    const written = fsOpt?.value?.trim().toLowerCase();
    const fstype = written || (keepsFormat ? undefined : node.kind === 'btrfs' ? 'btrfs' : node.kind === 'mount' ? undefined : defaultFs(t));
    let fixedSize: number | undefined;
    if (node.kind === 'part' && node.size !== undefined && !node.grow && !existing && !hasFlag(cmd, 'recommended', 'hibernation')) fixedSize = node.size;
    if (node.kind === 'logvol' && node.size !== undefined && !node.grow && node.percent === undefined && !existing && !hasFlag(cmd, 'recommended', 'hibernation')) fixedSize = node.size;
    if (fstype === 'tmpfs') fixedSize = undefined;
    mounts.set(path, {
      path,
      word: w,
      node,
      fstype,
      fstypeOpt: written ? fsOpt : undefined,
      encrypted: node.kind !== 'mount' && node.kind !== 'btrfs' && hasFlag(cmd, 'encrypted'),
      keepsFormat,
      fixedSize,
    });
  };
  // The order Anaconda executes them in: part, raid, logvol, btrfs (mount stands alone).
  for (const p of g.parts) add(p.first, p);
  for (const r of g.raids) add(r.first, r);
  for (const l of g.lvs) add(l.first, l);
  for (const b of g.btrfs) add(b.first, b);
  for (const m of g.mounts) add(m.mountpoint, m);
  const all = [...g.parts, ...g.raids, ...g.vgs, ...g.lvs, ...g.btrfs, ...g.mounts].map((n) => n.cmd);
  let first: KsCommand | undefined;
  for (const c of all) if (!first || c.line < first.line) first = c;
  const boot = commandsNamed(model, 'bootloader');
  const bl = boot[boot.length - 1];
  const location = bl ? option(bl, 'location')?.value?.trim().toLowerCase() : undefined;
  const ap = commandsNamed(model, 'autopart');
  const rp = commandsNamed(model, 'reqpart');
  const out: Layout = {
    g,
    custom: all.length > 0,
    autopart: ap[ap.length - 1],
    reqpart: rp[rp.length - 1],
    dynamic: g.hasIncludes,
    mounts,
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
