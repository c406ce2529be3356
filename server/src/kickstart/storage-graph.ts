// Building the storage graph from a model: one pass over the storage commands reads each one's
// options into a node (last occurrence wins), member ids are indexed, LVs and VGs grouped by name.
import type { Range } from '../core/types';
import { OPT_UNKNOWN, type KickstartModel, type KsCommand, type KsOption, type KsWord, type OptionTable } from './model';
import { keepsMdPrefix, memberKindOf } from './storage-names';
import type { PartNode, RaidNode, StorageGraph } from './storage-types';

/** Appends `v` to the list kept under `k` (the graph's indexes and the outline's). */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
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
