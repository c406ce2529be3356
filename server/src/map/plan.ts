// The storage plan of a kickstart: the disks it names (part --ondisk, clearpart --drives,
// ignoredisk, bootloader --boot-drive), their partitions, the RAID sets, the volume groups and
// logical volumes, and for every disk whether clearpart/zerombr wipes it. Read from the storage
// graph (kickstart/storage.ts) and the clearpart semantics of the safety rules: only the last
// clearpart/ignoredisk counts, the last of --all/--linux/--none wins, --list overrides them,
// an absent or empty --drives means every disk, `ignoredisk --only-use` is an allow-list and
// `ignoredisk --drives` a deny-list.
import type { AnalysisOptions } from '../core/types';
import type { KickstartModel, KickstartModelExt, KsCommand } from '../kickstart/model';
import { anacondaFindings } from '../kickstart/rules/anaconda';
import { clearpartEffect } from '../kickstart/rules/safety';
import { commandsNamed, commaList, diskKey, isPatternDiskSpec, option, storageGraph } from '../kickstart/storage';

export type Wiped = true | false | 'unknown';

export interface PlanPartition {
  /** Mount point, `swap`, `none` or the member id (`raid.01`, `pv.01`) it defines. */
  mount: string | null;
  size: number | null;
  grow: boolean;
  fstype: string | null;
  /** 'raid' | 'pv' | 'btrfs' when the partition is a member of one. */
  member: string | null;
  line: number;
  /** In a template: the branch this part renders under (map/template-plan.ts), absent when in every rendering. */
  when?: string;
}

export interface PlanDisk {
  name: string;
  wiped: Wiped;
  /** Why, in a few words (clearpart type and scope). */
  why: string;
  partitions: PlanPartition[];
  /** Where the disk is named (0-based line of the first mention). */
  line: number;
}

export interface PlanRaid {
  device: string | null;
  level: string | null;
  mount: string | null;
  members: string[];
  /** Disks the members sit on (when they are partitions with --ondisk). */
  disks: string[];
  spares: number;
  line: number;
  /** In a template: the branch this part renders under (map/template-plan.ts), absent when in every rendering. */
  when?: string;
}

export interface PlanLv {
  name: string | null;
  mount: string | null;
  size: number | null;
  percent: number | null;
  grow: boolean;
  fstype: string | null;
  thinpool: boolean;
  pool: string | null;
  line: number;
  /** In a template: the branch this part renders under (map/template-plan.ts), absent when in every rendering. */
  when?: string;
}

export interface PlanVg {
  name: string;
  pvs: string[];
  lvs: PlanLv[];
  line: number;
  /** In a template: the branch this part renders under (map/template-plan.ts), absent when in every rendering. */
  when?: string;
}

/** What the installer will refuse or warn about (rules/anaconda), on the line of the part it concerns. */
export interface PlanNote {
  line: number;
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
}

export interface StoragePlan {
  kind: 'storage-plan';
  /** Drawn from a template (its engine): parts with `when` depend on a branch. */
  template?: string;
  autopart: boolean;
  /** The storage may come from an %include: the plan may be incomplete. */
  dynamic: boolean;
  clearpart: { type: 'all' | 'linux' | 'none' | 'list'; drives: string[]; line: number } | null;
  zerombr: boolean;
  disks: PlanDisk[];
  raids: PlanRaid[];
  vgs: PlanVg[];
  /** The installer's findings about the layout (by line: partitions, arrays, LVs, the clearpart line). */
  notes: PlanNote[];
}

/** Name for partitions with no --ondisk: Anaconda picks among the disks it may use. */
export const ANY_DISK = '(any disk)';

/** fnmatch-style match of a disk spec (`sd*`, `sd[ab]`, `sda|sdb`) against a disk name. */
function specMatches(spec: string, disk: string): boolean | 'unknown' {
  const d = diskKey(disk);
  const alts = spec.split('|').map((s) => diskKey(s.trim()));
  for (const a of alts) {
    if (a === d) return true;
    if (!isPatternDiskSpec(a)) continue;
    let re = '^';
    for (let i = 0; i < a.length; i++) {
      const c = a[i];
      if (c === '*') re += '.*';
      else if (c === '?') re += '.';
      else if (c === '[') {
        const j = a.indexOf(']', i + 1);
        if (j < 0) {
          re += '\\[';
          continue;
        }
        re += `[${a.slice(i + 1, j).replace(/^!/, '^').replace(/[\\\]]/g, '\\$&')}]`;
        i = j;
      } else re += c.replace(/[.+^${}()\\]/g, '\\$&');
    }
    if (new RegExp(`${re}$`).test(d)) return true;
  }
  // `/dev/disk/by-id/...` and kernel names may name the same disk: cannot tell from the text.
  const byPath = (s: string): boolean => s.startsWith('/dev/disk/') || /^(LABEL|UUID|PARTUUID|PARTLABEL)=/i.test(s);
  if (alts.some(byPath) !== byPath(d)) return 'unknown';
  return false;
}

/** Whether a disk is in a list of specs: true, false, or 'unknown' (a by-id spec vs a kernel name). */
function inList(specs: string[], disk: string): boolean | 'unknown' {
  let unknown = false;
  for (const s of specs) {
    const r = specMatches(s, disk);
    if (r === true) return true;
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : false;
}

function and(a: Wiped, b: Wiped): Wiped {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

/** `severities`: the rule severity settings; a finding set to off is not drawn. */
export function storagePlan(model: KickstartModel, severities?: AnalysisOptions['severities']): StoragePlan {
  const g = storageGraph(model);
  const last = (name: string): KsCommand | undefined => {
    const l = commandsNamed(model, name);
    return l[l.length - 1];
  };
  const cp = last('clearpart');
  const eff = cp ? clearpartEffect(cp) : undefined;
  const cpDrives = cp ? commaList(option(cp, 'drives')?.value) : [];
  const ign = last('ignoredisk');
  const onlyUseOpt = ign ? option(ign, 'only-use') : undefined;
  const onlyUse = commaList(onlyUseOpt?.value);
  const ignored = ign ? commaList(option(ign, 'drives')?.value) : [];
  const zerombr = commandsNamed(model, 'zerombr').length > 0;
  const boot = last('bootloader');
  const bootDrive = boot ? option(boot, 'boot-drive')?.value?.trim() : undefined;

  // Disks in order of first mention.
  const disks = new Map<string, PlanDisk>();
  const addDisk = (spec: string, line: number): PlanDisk => {
    const name = spec === ANY_DISK ? spec : diskKey(spec);
    let d = disks.get(name);
    if (!d) {
      d = { name, wiped: false, why: '', partitions: [], line };
      disks.set(name, d);
    }
    return d;
  };
  for (const p of g.parts) {
    const d = addDisk(p.disk?.text.trim() || ANY_DISK, p.cmd.line);
    d.partitions.push({
      mount: p.first?.text ?? null,
      size: p.size ?? null,
      grow: p.grow,
      fstype: p.fstype ?? null,
      member: p.memberOf ?? null,
      line: p.cmd.line,
    });
  }
  for (const s of onlyUse) if (!isPatternDiskSpec(s)) addDisk(s, ign!.line);
  for (const s of cpDrives) if (!isPatternDiskSpec(s)) addDisk(s, cp!.line);
  if (bootDrive) addDisk(bootDrive, boot!.line);

  const dynamic = g.hasIncludes;
  const clears = eff !== undefined && eff.type !== 'none';
  for (const d of disks.values()) {
    if (dynamic) {
      d.wiped = 'unknown';
      d.why = 'storage commands may come from an %include';
      continue;
    }
    // May the installer use the disk at all?
    let visible: Wiped = true;
    if (d.name === ANY_DISK) visible = onlyUse.length || ignored.length ? 'unknown' : true;
    else {
      if (onlyUseOpt && onlyUse.length) visible = inList(onlyUse, d.name);
      if (visible !== false && ignored.length) {
        const r = inList(ignored, d.name);
        visible = r === true ? false : r === 'unknown' ? 'unknown' : visible;
      }
    }
    let cleared: Wiped = false;
    if (clears) {
      if (!cpDrives.length) cleared = true;
      else cleared = d.name === ANY_DISK ? 'unknown' : inList(cpDrives, d.name);
    }
    d.wiped = and(visible, cleared);
    if (d.wiped === true) d.why = `clearpart --${eff!.type}${cpDrives.length ? ` --drives=${cpDrives.join(',')}` : ' (every disk)'}`;
    else if (visible === false) d.why = 'hidden by ignoredisk';
    else if (d.wiped === 'unknown') d.why = 'depends on which disks the patterns match at install time';
    else if (zerombr) {
      d.wiped = 'unknown';
      d.why = 'zerombr re-labels it if its contents are not recognised';
    } else d.why = clears ? 'outside clearpart --drives' : 'no clearpart';
  }

  const raids: PlanRaid[] = g.raids.map((r) => {
    const onDisks: string[] = [];
    for (const m of r.members) {
      for (const def of g.ids.get(m.text) ?? []) {
        if (def.kind === 'part' && def.disk) {
          const k = diskKey(def.disk.text.trim());
          if (!onDisks.includes(k)) onDisks.push(k);
        }
      }
    }
    return {
      device: r.device?.value?.trim() ?? null,
      level: r.level?.trim() ?? null,
      mount: r.first?.text ?? null,
      members: r.members.map((m) => m.text),
      disks: onDisks,
      spares: r.spares,
      line: r.cmd.line,
    };
  });

  const vgs: PlanVg[] = [];
  const vgByName = new Map<string, PlanVg>();
  for (const v of g.vgs) {
    if (v.name === undefined || vgByName.has(v.name)) continue;
    const pv: PlanVg = { name: v.name, pvs: v.pvs.map((p) => p.text), lvs: [], line: v.cmd.line };
    vgs.push(pv);
    vgByName.set(v.name, pv);
  }
  for (const l of g.lvs) {
    const vgName = l.vgname?.value ?? '(no --vgname)';
    let vg = vgByName.get(vgName);
    if (!vg) {
      vg = { name: vgName, pvs: [], lvs: [], line: l.cmd.line };
      vgs.push(vg);
      vgByName.set(vgName, vg);
    }
    vg.lvs.push({
      name: l.name?.value ?? null,
      mount: l.first?.text ?? null,
      size: l.size ?? null,
      percent: l.percent ?? null,
      grow: l.grow,
      fstype: l.fstype ?? null,
      thinpool: l.thinpool,
      pool: l.thin ? (l.poolname?.value ?? null) : null,
      line: l.cmd.line,
    });
  }

  return {
    kind: 'storage-plan',
    autopart: commandsNamed(model, 'autopart').length > 0,
    dynamic,
    clearpart: eff ? { type: eff.type, drives: cpDrives, line: eff.cmd.line } : null,
    zerombr,
    disks: [...disks.values()],
    raids,
    vgs,
    notes: planNotes(model, severities),
  };
}

function planNotes(model: KickstartModel, severities: AnalysisOptions['severities']): PlanNote[] {
  // A model built for a release (buildModel) knows it; a bare one has nothing to judge by.
  const ext = model as Partial<KickstartModelExt>;
  if (!ext.resolved) return [];
  const out: PlanNote[] = [];
  for (const f of anacondaFindings(model as KickstartModelExt)) {
    const s = severities?.[f.code] ?? f.severity;
    if (s !== 'off') out.push({ line: f.range.start.line, code: f.code, severity: s, message: f.message });
  }
  return out
    .sort((a, b) => a.line - b.line);
}

/** The notes on each line. */
export function notesByLine(p: StoragePlan): Map<number, PlanNote[]> {
  const out = new Map<number, PlanNote[]>();
  for (const n of p.notes) {
    const l = out.get(n.line);
    if (l) l.push(n);
    else out.set(n.line, [n]);
  }
  return out;
}

/** The plan as the CLI prints it (lines 1-based). */
export function storagePlanJson(p: StoragePlan): unknown {
  const line = (n: number): number => n + 1;
  return {
    kind: p.kind,
    autopart: p.autopart,
    dynamic: p.dynamic,
    clearpart: p.clearpart ? { ...p.clearpart, line: line(p.clearpart.line) } : null,
    zerombr: p.zerombr,
    disks: p.disks.map((d) => ({ name: d.name, wiped: d.wiped, why: d.why, line: line(d.line), partitions: d.partitions.map((x) => ({ ...x, line: line(x.line) })) })),
    raids: p.raids.map((r) => ({ ...r, line: line(r.line) })),
    vgs: p.vgs.map((v) => ({ name: v.name, pvs: v.pvs, line: line(v.line), ...(v.when ? { when: v.when } : {}), lvs: v.lvs.map((l) => ({ ...l, line: line(l.line) })) })),
    notes: p.notes.map((n) => ({ ...n, line: line(n.line) })),
    ...(p.template ? { template: p.template } : {}),
  };
}
