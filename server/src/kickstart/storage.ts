// The kickstart storage graph: what the custom-partitioning commands (part, raid, volgroup,
// logvol, btrfs, mount) build, and how they refer to each other. Anaconda executes these by
// command type, not by line order, so references may point forward; the graph is built from the
// whole file at once. Read by the storage rules, the outline and go-to-definition.
import type { DocSymbol, Position, Range } from '../core/types';
import { rangeContains } from '../core/text';
import type { ParsedDocument } from '../core/document';
import { OPT_UNKNOWN, type KickstartModel, type KsCommand, type KsOption, type KsWord, type OptionTable } from './model';

// ---- small accessors over the model (shared with the safety rules and the fixes) ----

// Options are matched by the model's canonical names (`only-use`, `ondisk`, `fstype`): the model
// has already resolved aliases (`--ondrive`, `--type`) and unique prefixes for the target, so a
// name that argparse would reject (`--onlyuse`, `--only_use`) never counts as the option.
// Options the model could not resolve (known === false) are left out: pykickstart rejects them.

/** The options of a command with one of these canonical names, in line order. */
export function optionsOf(cmd: KsCommand, ...names: string[]): KsOption[] {
  const t = cmd.optionTable;
  const out: KsOption[] = [];
  for (let j = cmd.optFirst; j < cmd.optEnd; j++) if (!(t.flags[j] & OPT_UNKNOWN) && names.includes(t.key[j].name)) out.push(t.view(j));
  return out;
}

/** The last occurrence of an option (argparse: a repeated option keeps its last value). */
export function option(cmd: KsCommand, ...names: string[]): KsOption | undefined {
  const t = cmd.optionTable;
  for (let j = cmd.optEnd - 1; j >= cmd.optFirst; j--) if (!(t.flags[j] & OPT_UNKNOWN) && names.includes(t.key[j].name)) return t.view(j);
  return undefined;
}

export function hasFlag(cmd: KsCommand, ...names: string[]): boolean {
  const t = cmd.optionTable;
  for (let j = cmd.optFirst; j < cmd.optEnd; j++) if (!(t.flags[j] & OPT_UNKNOWN) && names.includes(t.key[j].name)) return true;
  return false;
}

const NONE: KsCommand[] = [];

/** Commands with this canonical name, in file order. */
export function commandsNamed(model: KickstartModel, name: string): KsCommand[] {
  return model.byName.get(name) ?? NONE;
}

/** pykickstart's comma list: split on commas, trim, drop empties. */
export function commaList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Each item of a comma-list option value with its own range (falls back to the option's range). */
export function commaItems(opt: KsOption): { text: string; range: Range }[] {
  const value = opt.value ?? '';
  const out: CommaItem[] = [];
  let at = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text) out.push(new CommaItem(text, opt, at + lead, value.length));
    at += part.length + 1;
  }
  return out;
}

/** One item of a comma list; its range is made when read (a disk list can name thousands). */
class CommaItem {
  constructor(
    readonly text: string,
    private readonly opt: KsOption,
    private readonly at: number,
    private readonly valueLength: number,
  ) {}
  get range(): Range {
    const base = this.opt.valueRange;
    // Values on one line with no quoting keep a 1:1 mapping of characters to columns.
    const oneLine = base && base.start.line === base.end.line && base.end.character - base.start.character === this.valueLength;
    return oneLine
      ? {
          start: { line: base.start.line, character: base.start.character + this.at },
          end: { line: base.start.line, character: base.start.character + this.at + this.text.length },
        }
      : (base ?? this.opt.range);
  }
}

/** A disk spec as written, compared loosely: `/dev/sda` and `sda` are the same disk. */
export function diskKey(spec: string): string {
  if (!spec.startsWith('/dev/')) return spec;
  return spec.replace(/^\/dev\/(?!disk\/)/, '');
}

/** Kernel-name style disk specs (sda, vdb, nvme0n1, xvda, mmcblk0, dasda) that name one disk each. */
export function isKernelDiskName(spec: string): boolean {
  return /^(sd[a-z]+|vd[a-z]+|hd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+|dasd[a-z]+)$/.test(diskKey(spec));
}

/**
 * The disk an existing device spec lives on: the spec itself when it is a whole disk (kernel name
 * or /dev/disk/by-* link), its disk when it is a partition of one (`sda3`, `/dev/nvme1n1p2`,
 * `mmcblk0p1`, `/dev/disk/by-id/...-part2`); undefined for anything else (md, mapper, LVM, labels).
 */
export function diskOfDevice(spec: string): string | undefined {
  const s = spec.trim();
  if (isPatternDiskSpec(s)) return undefined;
  if (isKernelDiskName(s)) return s;
  const byLink = /^(\/dev\/disk\/by-[a-z-]+\/[^/]+?)(-part\d+)?$/.exec(s);
  if (byLink) return byLink[1];
  const dev = s.startsWith('/dev/') ? '/dev/' : '';
  const name = diskKey(s);
  const m = /^((?:sd|vd|hd|xvd|dasd)[a-z]+)\d+$/.exec(name) ?? /^((?:nvme\d+n\d+)|(?:mmcblk\d+))p\d+$/.exec(name);
  return m ? dev + m[1] : undefined;
}

/** The disk spec uses a glob or an alternative (`sd*`, `sd[ab]`, `sda|sdb`): its match set is decided at install time. */
export function isPatternDiskSpec(spec: string): boolean {
  return /[*?[\]|]/.test(spec);
}

// ---- the graph ----

export type MemberKind = 'raid' | 'pv' | 'btrfs';

export interface StorageNode {
  cmd: KsCommand;
  /** First positional (mount point, `raid.NN`, `pv.NN`, `btrfs.NN`, `swap`, `none`, VG name). */
  first?: KsWord;
}

export interface PartNode extends StorageNode {
  kind: 'part';
  /** raid./pv./btrfs. member id this partition defines. */
  memberOf?: MemberKind;
  disk?: { text: string; range: Range };
  size?: number;
  grow: boolean;
  fstype?: string;
}

export interface RaidNode extends StorageNode {
  kind: 'raid';
  device?: KsOption;
  deviceKey?: string;
  level?: string;
  members: KsWord[];
  spares: number;
  preexisting: boolean;
  memberOf?: MemberKind;
  fstype?: string;
}

export interface VgNode extends StorageNode {
  kind: 'volgroup';
  name?: string;
  pvs: KsWord[];
  preexisting: boolean;
}

export interface LvNode extends StorageNode {
  kind: 'logvol';
  name?: KsOption;
  vgname?: KsOption;
  poolname?: KsOption;
  thinpool: boolean;
  thin: boolean;
  preexisting: boolean;
  size?: number;
  percent?: number;
  grow: boolean;
  fstype?: string;
}

export interface BtrfsNode extends StorageNode {
  kind: 'btrfs';
  subvol: boolean;
  members: KsWord[];
  name?: string;
  label?: string;
}

export interface MountNode extends StorageNode {
  kind: 'mount';
  mountpoint?: KsWord;
}

export interface StorageGraph {
  parts: PartNode[];
  raids: RaidNode[];
  vgs: VgNode[];
  lvs: LvNode[];
  btrfs: BtrfsNode[];
  mounts: MountNode[];
  /** Member ids (`raid.01`, `pv.01`, `btrfs.01`) -> the commands defining them. */
  ids: Map<string, (PartNode | RaidNode)[]>;
  /** Whether the storage may be completed by an `%include` (the graph may be incomplete). */
  hasIncludes: boolean;
  /** Logical volumes by --vgname, in file order. */
  lvsByVg: Map<string, LvNode[]>;
  /** Volume groups by name. */
  vgsByName: Map<string, VgNode[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function memberKindOf(id: string): MemberKind | undefined {
  // `raid.`, `pv.` or `btrfs.`, in any case (Anaconda compares them case-insensitively).
  const c = id.charCodeAt(0) | 0x20;
  if (c === 114) return prefixed(id, 'raid.') ? 'raid' : undefined;
  if (c === 112) return prefixed(id, 'pv.') ? 'pv' : undefined;
  if (c === 98) return prefixed(id, 'btrfs.') ? 'btrfs' : undefined;
  return undefined;
}

/** `s` starts with the lower-case ASCII `prefix`, ignoring case. */
function prefixed(s: string, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = s.charCodeAt(i);
    const p = prefix.charCodeAt(i);
    if (c !== p && !(p >= 97 && p <= 122 && c === p - 32)) return false;
  }
  return true;
}

/**
 * Whether a name in a member list is an existing device rather than an id defined in the file:
 * `/dev/...`, `LABEL=`/`UUID=` specs and kernel names like `sdb1` or `md127`.
 */
export function looksLikeExistingDevice(name: string): boolean {
  return (
    name.startsWith('/dev/') ||
    /^(LABEL|UUID|PARTUUID|PARTLABEL)=/i.test(name) ||
    /^(sd[a-z]+|vd[a-z]+|hd[a-z]+|xvd[a-z]+|nvme\d+n\d+(p\d+)?|mmcblk\d+(p\d+)?|md\d+|md\/\S+|dm-\d+|dasd[a-z]+)\d*$/.test(name)
  );
}

/** An option's value as an integer (argparse int; blanks around it allowed), or undefined. */
function int(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let a = 0;
  let b = value.length;
  while (a < b && (value.charCodeAt(a) === 32 || value.charCodeAt(a) === 9)) a++;
  while (b > a && (value.charCodeAt(b - 1) === 32 || value.charCodeAt(b - 1) === 9)) b--;
  let i = a < b && value.charCodeAt(a) === 45 ? a + 1 : a;
  if (i >= b) return undefined;
  for (; i < b; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
  }
  return Number(a === 0 && b === value.length ? value : value.slice(a, b));
}

/** Target generation for rules that differ by release: RHEL 10 and Fedora 43 keep the `md` prefix of raid --device. */
export function keepsMdPrefix(target: string): boolean {
  const t = target.toLowerCase();
  const rhel = /rhel\D*(\d+)/.exec(t);
  if (rhel) return Number(rhel[1]) >= 10;
  const fed = /^(?:f|fc|fedora)\D*(\d+)/.exec(t);
  if (fed) return Number(fed[1]) >= 43;
  return true; // devel / default = current Fedora
}

const CACHE = new WeakMap<KickstartModel, StorageGraph>();

/** An option's value with its range, made when read. */
class OptionValue {
  constructor(
    readonly text: string,
    private readonly t: OptionTable,
    private readonly row: number,
  ) {}
  get range(): Range {
    return this.t.valueRange(this.row) ?? this.t.range(this.row);
  }
}

/**
 * The rows of the options the storage graph reads, by canonical name: the last occurrence of
 * each, -1 when absent. One object, refilled for each command (read at once, never kept).
 */
class LastRows {
  ondisk = -1;
  size = -1;
  grow = -1;
  fstype = -1;
  device = -1;
  level = -1;
  spares = -1;
  useexisting = -1;
  noformat = -1;
  name = -1;
  vgname = -1;
  poolname = -1;
  thinpool = -1;
  thin = -1;
  percent = -1;
  subvol = -1;
  label = -1;
}
const LAST = new LastRows();

function lastRows(cmd: KsCommand): LastRows {
  const o = LAST;
  o.ondisk = o.size = o.grow = o.fstype = o.device = o.level = o.spares = o.useexisting = o.noformat = -1;
  o.name = o.vgname = o.poolname = o.thinpool = o.thin = o.percent = o.subvol = o.label = -1;
  const t = cmd.optionTable;
  for (let j = cmd.optFirst; j < cmd.optEnd; j++) {
    if (t.flags[j] & OPT_UNKNOWN) continue;
    switch (t.key[j].name) {
      case 'ondisk': o.ondisk = j; break;
      case 'size': o.size = j; break;
      case 'grow': o.grow = j; break;
      case 'fstype': o.fstype = j; break;
      case 'device': o.device = j; break;
      case 'level': o.level = j; break;
      case 'spares': o.spares = j; break;
      case 'useexisting': o.useexisting = j; break;
      case 'noformat': o.noformat = j; break;
      case 'name': o.name = j; break;
      case 'vgname': o.vgname = j; break;
      case 'poolname': o.poolname = j; break;
      case 'thinpool': o.thinpool = j; break;
      case 'thin': o.thin = j; break;
      case 'percent': o.percent = j; break;
      case 'subvol': o.subvol = j; break;
      case 'label': o.label = j; break;
    }
  }
  return o;
}

/** The value of an option row (undefined for -1 or a flag). */
function val(t: OptionTable, j: number): string | undefined {
  return j < 0 ? undefined : t.value[j];
}

/** A row as an option object (undefined for -1). */
function viewOf(t: OptionTable, j: number): KsOption | undefined {
  return j < 0 ? undefined : t.view(j);
}

export function storageGraph(model: KickstartModel): StorageGraph {
  const have = CACHE.get(model);
  if (have) return have;
  const g: StorageGraph = {
    parts: [],
    raids: [],
    vgs: [],
    lvs: [],
    btrfs: [],
    mounts: [],
    ids: new Map(),
    hasIncludes: model.includes.length > 0,
    lvsByVg: new Map(),
    vgsByName: new Map(),
  };
  const keepMd = keepsMdPrefix(model.target);
  const define = (id: string, node: PartNode | RaidNode): void => {
    const list = g.ids.get(id);
    if (list) list.push(node);
    else g.ids.set(id, [node]);
  };
  for (const cmd of model.commands) {
    const name = cmd.name;
    if (name !== 'part' && name !== 'raid' && name !== 'volgroup' && name !== 'logvol' && name !== 'btrfs' && name !== 'mount') continue;
    const first = cmd.args[0];
    // One pass over the options: the last occurrence of each wins (argparse).
    const t = cmd.optionTable;
    const o = lastRows(cmd);
    switch (name) {
      case 'part': {
        const disk = val(t, o.ondisk);
        const node: PartNode = {
          kind: 'part',
          cmd,
          first,
          memberOf: first ? memberKindOf(first.text) : undefined,
          disk: disk ? new OptionValue(disk, t, o.ondisk) : undefined,
          size: int(val(t, o.size)),
          grow: o.grow >= 0,
          fstype: val(t, o.fstype),
        };
        g.parts.push(node);
        if (node.memberOf && first) define(first.text, node);
        break;
      }
      case 'raid': {
        const dv = val(t, o.device)?.trim();
        const node: RaidNode = {
          kind: 'raid',
          cmd,
          first,
          device: viewOf(t, o.device),
          deviceKey: dv ? (keepMd ? dv : dv.replace(/^md/, '')) : undefined,
          level: val(t, o.level),
          members: cmd.args.slice(1),
          spares: int(val(t, o.spares)) ?? 0,
          preexisting: o.useexisting >= 0 || o.noformat >= 0,
          memberOf: first ? memberKindOf(first.text) : undefined,
          fstype: val(t, o.fstype),
        };
        g.raids.push(node);
        if (node.memberOf && first) define(first.text, node);
        break;
      }
      case 'volgroup':
        g.vgs.push({
          kind: 'volgroup',
          cmd,
          first,
          name: first?.text,
          pvs: cmd.args.slice(1),
          preexisting: o.useexisting >= 0 || o.noformat >= 0,
        });
        break;
      case 'logvol':
        g.lvs.push({
          kind: 'logvol',
          cmd,
          first,
          name: viewOf(t, o.name),
          vgname: viewOf(t, o.vgname),
          poolname: viewOf(t, o.poolname),
          thinpool: o.thinpool >= 0,
          thin: o.thin >= 0,
          preexisting: o.useexisting >= 0 || o.noformat >= 0,
          size: int(val(t, o.size)),
          percent: int(val(t, o.percent)),
          grow: o.grow >= 0,
          fstype: val(t, o.fstype),
        });
        break;
      case 'btrfs':
        g.btrfs.push({
          kind: 'btrfs',
          cmd,
          first,
          subvol: o.subvol >= 0,
          members: cmd.args.slice(1),
          name: val(t, o.name),
          label: val(t, o.label),
        });
        break;
      case 'mount':
        g.mounts.push({ kind: 'mount', cmd, first, mountpoint: cmd.args[1] });
        break;
    }
  }
  for (const l of g.lvs) if (l.vgname?.value !== undefined) push(g.lvsByVg, l.vgname.value, l);
  for (const v of g.vgs) if (v.name !== undefined) push(g.vgsByName, v.name, v);
  CACHE.set(model, g);
  return g;
}

/** Mount points each storage command claims (only real paths: not swap, none or member ids). */
export function mountPoints(g: StorageGraph): { path: string; word: KsWord; cmd: KsCommand }[] {
  const out: { path: string; word: KsWord; cmd: KsCommand }[] = [];
  const add = (w: KsWord | undefined, cmd: KsCommand): void => {
    if (!w || !w.text.startsWith('/')) return;
    const path = w.text.length > 1 && w.text.endsWith('/') ? w.text.replace(/\/+$/, '') : w.text;
    out.push({ path, word: w, cmd });
  };
  for (const p of g.parts) add(p.first, p.cmd);
  for (const r of g.raids) add(r.first, r.cmd);
  for (const l of g.lvs) add(l.first, l.cmd);
  for (const b of g.btrfs) add(b.first, b.cmd);
  for (const m of g.mounts) add(m.mountpoint, m.cmd);
  return out;
}

// ---- outline ----

function mib(n: number | undefined, grow: boolean, percent?: number): string {
  const parts: string[] = [];
  if (percent !== undefined) parts.push(`${percent}% of free space`);
  else if (n !== undefined) parts.push(n >= 1024 && n % 1024 === 0 ? `${n / 1024} GiB` : `${n} MiB`);
  if (grow) parts.push('grow');
  return parts.join(', ');
}

function detail(...bits: (string | undefined)[]): string | undefined {
  const s = bits.filter((b) => b && b.length).join(' · ');
  return s || undefined;
}

function lvSymbol(lv: LvNode): DocSymbol {
  const name = lv.name?.value ?? '(unnamed)';
  const what = lv.thinpool ? 'thin pool' : lv.thin ? `thin in ${lv.poolname?.value ?? '?'}` : undefined;
  return {
    name: `${name}${lv.first && lv.first.text !== 'none' ? ` ${lv.first.text}` : ''}`,
    detail: detail(what, mib(lv.size, lv.grow, lv.percent), lv.fstype, lv.preexisting ? 'existing' : undefined),
    kind: lv.thinpool ? 'namespace' : 'field',
    range: lv.cmd.range,
    selectionRange: lv.name?.valueRange ?? lv.cmd.nameRange,
  };
}

function vgSymbol(vg: VgNode, g: StorageGraph): DocSymbol {
  const lvs = vg.name !== undefined ? (g.lvsByVg.get(vg.name) ?? []) : [];
  const pools = lvs.filter((l) => l.thinpool);
  const children: DocSymbol[] = [];
  for (const lv of lvs) {
    if (lv.thin && pools.some((p) => p.name?.value === lv.poolname?.value)) continue;
    const sym = lvSymbol(lv);
    if (lv.thinpool) {
      sym.children = lvs.filter((t) => t.thin && t.poolname?.value === lv.name?.value).map(lvSymbol);
    }
    children.push(sym);
  }
  return {
    name: `VG ${vg.name ?? '?'}`,
    detail: detail(vg.pvs.length ? `PVs ${vg.pvs.map((p) => p.text).join(' ')}` : undefined, vg.preexisting ? 'existing' : undefined),
    kind: 'module',
    range: vg.cmd.range,
    selectionRange: vg.first?.range ?? vg.cmd.nameRange,
    children,
  };
}

/** The VG fed by exactly this one PV (nested under it in the outline), if any. */
function soleVgOf(id: string | undefined, g: StorageGraph): VgNode | undefined {
  if (!id) return undefined;
  let index = SOLE.get(g);
  if (!index) {
    index = new Map();
    for (const v of g.vgs) if (v.pvs.length === 1) push(index, v.pvs[0].text, v);
    SOLE.set(g, index);
  }
  const vgs = index.get(id) ?? [];
  return vgs.length === 1 ? vgs[0] : undefined;
}
const SOLE = new WeakMap<StorageGraph, Map<string, VgNode[]>>();

function partSymbol(p: PartNode, g: StorageGraph, nested: Set<VgNode>): DocSymbol {
  const sym: DocSymbol = {
    name: p.first?.text ?? '(part)',
    detail: detail(mib(p.size, p.grow), p.fstype, p.memberOf ? `${p.memberOf} member` : undefined),
    kind: 'field',
    range: p.cmd.range,
    selectionRange: p.first?.range ?? p.cmd.nameRange,
  };
  const vg = p.memberOf === 'pv' ? soleVgOf(p.first?.text, g) : undefined;
  if (vg) {
    nested.add(vg);
    sym.children = [vgSymbol(vg, g)];
  }
  return sym;
}

/** Outline of the storage the file builds: disks > partitions, RAID arrays > VGs > LVs, btrfs, mounts. */
export function storageSymbols(model: KickstartModel): DocSymbol[] {
  const g = storageGraph(model);
  if (!g.parts.length && !g.raids.length && !g.vgs.length && !g.lvs.length && !g.btrfs.length && !g.mounts.length) {
    return [];
  }
  const nested = new Set<VgNode>();
  const out: DocSymbol[] = [];
  const byDisk = new Map<string, PartNode[]>();
  for (const p of g.parts) {
    const key = p.disk ? diskKey(p.disk.text) : '(any disk)';
    const list = byDisk.get(key);
    if (list) list.push(p);
    else byDisk.set(key, [p]);
  }
  for (const [disk, parts] of byDisk) {
    out.push({
      name: disk,
      detail: `${parts.length} partition${parts.length === 1 ? '' : 's'}`,
      kind: 'object',
      range: spanOf(parts.map((p) => p.cmd.range)),
      selectionRange: parts[0].disk?.range ?? parts[0].cmd.nameRange,
      children: parts.map((p) => partSymbol(p, g, nested)),
    });
  }
  for (const r of g.raids) {
    const children: DocSymbol[] = r.members.map((m) => ({
      name: m.text,
      detail: (() => {
        const def = g.ids.get(m.text)?.[0];
        return def?.kind === 'part' && def.disk ? `on ${def.disk.text}` : undefined;
      })(),
      kind: 'variable' as const,
      range: m.range,
      selectionRange: m.range,
    }));
    const vg = r.memberOf === 'pv' ? soleVgOf(r.first?.text, g) : undefined;
    if (vg) {
      nested.add(vg);
      children.push(vgSymbol(vg, g));
    }
    out.push({
      name: `RAID ${r.device?.value ?? '?'}${r.first ? ` ${r.first.text}` : ''}`,
      detail: detail(r.level ? `level ${r.level}` : undefined, `${r.members.length} members`, r.fstype, r.preexisting ? 'existing' : undefined),
      kind: 'array',
      range: r.cmd.range,
      selectionRange: r.device?.valueRange ?? r.cmd.nameRange,
      children,
    });
  }
  for (const vg of g.vgs) if (!nested.has(vg)) out.push(vgSymbol(vg, g));
  const orphanLvs = g.lvs.filter((l) => l.vgname?.value === undefined || !g.vgsByName.has(l.vgname.value));
  for (const lv of orphanLvs) out.push(lvSymbol(lv));
  for (const b of g.btrfs) {
    out.push({
      name: `btrfs ${b.subvol ? `subvolume ${b.name ?? '?'}` : (b.label ?? b.first?.text ?? '?')}`,
      detail: detail(b.first?.text, b.members.length ? b.members.map((m) => m.text).join(' ') : undefined),
      kind: 'struct',
      range: b.cmd.range,
      selectionRange: b.first?.range ?? b.cmd.nameRange,
    });
  }
  for (const m of g.mounts) {
    out.push({
      name: `mount ${m.first?.text ?? '?'} ${m.mountpoint?.text ?? ''}`.trim(),
      kind: 'field',
      range: m.cmd.range,
      selectionRange: m.first?.range ?? m.cmd.nameRange,
    });
  }
  const cmds = [...g.parts, ...g.raids, ...g.vgs, ...g.lvs, ...g.btrfs, ...g.mounts].map((n) => n.cmd);
  const firstCmd = cmds.reduce((a, b) => (b.line < a.line ? b : a));
  return [
    {
      name: 'Storage',
      detail: storageSummary(g),
      kind: 'namespace',
      range: spanOf(cmds.map((c) => c.range)),
      selectionRange: firstCmd.nameRange,
      children: out,
    },
  ];
}

function storageSummary(g: StorageGraph): string {
  const n = (k: number, w: string): string | undefined => (k ? `${k} ${w}${k === 1 ? '' : 's'}` : undefined);
  return detail(n(g.parts.length, 'partition'), n(g.raids.length, 'array'), n(g.vgs.length, 'VG'), n(g.lvs.length, 'LV'), n(g.btrfs.length, 'btrfs')) ?? '';
}

function spanOf(ranges: Range[]): Range {
  let start = ranges[0].start;
  let end = ranges[0].end;
  for (const r of ranges) {
    if (r.start.line < start.line || (r.start.line === start.line && r.start.character < start.character)) start = r.start;
    if (r.end.line > end.line || (r.end.line === end.line && r.end.character > end.character)) end = r.end;
  }
  return { start, end };
}

// ---- go to definition ----

/** Where the name under the cursor is defined: member ids, VG names and thin pool names. */
export function storageDefinition(model: KickstartModel, _doc: ParsedDocument | undefined, pos: Position): Range[] {
  const g = storageGraph(model);
  const idDefs = (id: string): Range[] => (g.ids.get(id) ?? []).map((n) => n.first!.range);
  const vgDefs = (name: string | undefined): Range[] =>
    name === undefined ? [] : g.vgs.filter((v) => v.name === name && v.first).map((v) => v.first!.range);
  const poolDefs = (vg: string | undefined, pool: string | undefined): Range[] =>
    g.lvs
      .filter((l) => l.thinpool && l.name?.value === pool && (vg === undefined || l.vgname?.value === vg))
      .map((l) => l.name!.valueRange ?? l.name!.range);
  const inWord = (w: KsWord | undefined): boolean => !!w && rangeContains(w.range, pos);
  const inValue = (o: KsOption | undefined): boolean => !!o && rangeContains(o.valueRange ?? o.range, pos);

  for (const r of g.raids) {
    for (const m of r.members) if (inWord(m)) return idDefs(m.text);
    if (inWord(r.first) && r.memberOf) return idDefs(r.first!.text);
  }
  for (const v of g.vgs) {
    for (const p of v.pvs) if (inWord(p)) return idDefs(p.text);
    if (inWord(v.first)) return vgDefs(v.name);
  }
  for (const b of g.btrfs) for (const m of b.members) if (inWord(m)) return idDefs(m.text);
  for (const p of g.parts) if (inWord(p.first) && p.memberOf) return idDefs(p.first!.text);
  for (const l of g.lvs) {
    if (inValue(l.vgname)) return vgDefs(l.vgname?.value);
    if (inValue(l.poolname)) return poolDefs(l.vgname?.value, l.poolname?.value);
    if (inValue(l.name) && l.thinpool) return poolDefs(l.vgname?.value, l.name?.value);
  }
  return [];
}
