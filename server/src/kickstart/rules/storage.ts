// Storage graph rules: references between part, raid, volgroup, logvol and btrfs that pykickstart
// accepts but Anaconda rejects (or silently mis-builds) at install time.
//
// Facts used: custom partitioning runs by command type (part, raid, volgroup, logvol, btrfs), so
// forward references are fine; undefined members, PVs, VGs and thin pools, a member id defined
// twice, a VG or RAID name used twice are fatal at install time; blivet's minimum member counts
// are raid0 2, raid1 2, raid4 3, raid5 3, raid6 4, raid10 4.
import type { ParsedDocument } from '../../core/document';
import { defineRules } from '../../core/rules';
import type { AnalysisOptions, Finding, Range, Severity } from '../../core/types';
import type { KickstartModel, KsWord } from '../model';
import { generatedInclude, kickstartIncludes, type IncludedFile } from '../includes';
import { generatedTexts } from './generated';
import { preGuards } from './pre-guards';
import { looksLikeExistingDevice, memberKindOf, mountPoints, storageGraph, type PartNode, type RaidNode } from '../storage';
import { hasFlag, option } from '../storage-options';

defineRules([
  {
    code: 'undefined-raid-member',
    languages: ['kickstart'],
    severity: 'error',
    title: 'a raid command names a member partition that no part line defines',
    why: 'Anaconda stops the install with "Tried to use undefined partition ... in RAID specification". pykickstart does not check this, so ksvalidator passes the file.',
    fix: 'Add `part raid.NN ... --ondisk=<disk>` for the member, or fix the typo in the raid member list.',
  },
  {
    code: 'undefined-pv',
    languages: ['kickstart'],
    severity: 'error',
    title: 'a volgroup names a physical volume that no part or raid line defines',
    why: 'Anaconda stops the install with "Tried to use undefined partition ... in Volume Group specification"; ksvalidator does not notice.',
    fix: 'Define it with `part pv.NN ...` or `raid pv.NN ...`, or fix the name in the volgroup line.',
  },
  {
    code: 'undefined-volgroup',
    languages: ['kickstart'],
    severity: 'error',
    title: 'logvol --vgname names a volume group that no volgroup line defines',
    why: 'Anaconda stops with "No volume group exists with the name ..."; ksvalidator does not notice.',
    fix: 'Add the volgroup line, or correct --vgname.',
  },
  {
    code: 'undefined-thinpool',
    languages: ['kickstart'],
    severity: 'error',
    title: 'logvol --thin --poolname names a thin pool that is not defined in that volume group',
    why: 'Anaconda stops with "No thin pool exists with the name ..."; ksvalidator does not notice.',
    fix: 'Add `logvol none --thinpool --name=<pool> --vgname=<vg> ...`, or correct --poolname.',
  },
  {
    code: 'unused-raid-member',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'a raid.NN partition is created but no raid line uses it',
    why: 'The partition is made and marked as an md member, but never joins an array: disk space wasted, and usually a sign that a raid line lists the wrong members.',
    fix: 'Add it to the raid line it was meant for, or remove the part line.',
  },
  {
    code: 'unused-pv',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'a pv.NN partition or array is created but no volgroup uses it',
    why: 'The space is formatted as an LVM PV that belongs to no volume group; usually a volgroup line lists the wrong PVs.',
    fix: 'Add it to the volgroup it was meant for, or remove it.',
  },
  {
    code: 'raid-too-few-members',
    languages: ['kickstart'],
    severity: 'error',
    title: 'the RAID level needs more member devices',
    why: 'blivet refuses to create the array (e.g. "raid10 requires at least 4 disks") and the install stops. Minimums: RAID0 2, RAID1 2, RAID4 3, RAID5 3, RAID6 4, RAID10 4.',
    fix: 'Add members (one partition per disk), or choose a level the members allow.',
  },
  {
    code: 'raid-member-reused',
    languages: ['kickstart'],
    severity: 'error',
    title: 'a member partition or PV is used by more than one array or volume group',
    why: 'A partition can belong to one md array and a PV to one volume group; Anaconda fails at install time.',
    fix: 'Give each array or volume group its own members.',
  },
  {
    code: 'duplicate-member-id',
    languages: ['kickstart'],
    severity: 'error',
    title: 'the same raid./pv./btrfs. id is defined by more than one line',
    why: 'Anaconda stops with "RAID/PV/Btrfs partition ... is defined multiple times."',
    fix: 'Number each member uniquely (raid.01, raid.02, ...).',
  },
  {
    code: 'duplicate-mountpoint',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'the same mount point is used by more than one part, raid, logvol, btrfs or mount line',
    why: 'Only one filesystem can be mounted there; the other is created and hidden (or the install fails). pykickstart only compares part lines with each other, not across commands.',
    fix: 'Give each filesystem its own mount point, or remove the extra line.',
  },
  {
    code: 'duplicate-volgroup',
    languages: ['kickstart'],
    severity: 'error',
    title: 'two volgroup lines define the same volume group name',
    why: 'Anaconda stops with "The volume group name ... is already in use."',
    fix: 'Use one volgroup line per volume group and list all its PVs there.',
  },
  {
    code: 'duplicate-raid-device',
    languages: ['kickstart'],
    severity: 'error',
    title: 'two raid lines use the same --device name',
    why: 'Anaconda stops with "The RAID volume name ... is already in use." Before RHEL 10 and Fedora 43, a leading `md` is dropped, so md0 and 0 are the same name.',
    fix: 'Give each array its own --device name.',
  },
  {
    code: 'duplicate-onpart',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'two part lines reuse the same existing partition (--onpart/--usepart)',
    why: 'Neither pykickstart nor Anaconda refuses it: Anaconda carries out the part lines in order, and the later request replaces what the earlier one set up on that partition (its new format, or the mount point of the kept one). One of the two lines is silently lost, and a partition one line keeps with --noformat may be formatted by the other.',
    fix: 'Point each part line at its own partition (check the partition numbers), or remove the extra line.',
  },
]);

const MIN_MEMBERS: Record<string, number> = { '0': 2, '1': 2, '4': 3, '5': 3, '6': 4, '10': 4 };

export function raidLevelKey(level: string | undefined): string | undefined {
  if (!level) return undefined;
  const m = /^(?:raid)?(\d+)$/i.exec(level.trim());
  return m && MIN_MEMBERS[m[1]] !== undefined ? m[1] : undefined;
}

interface Use {
  word: KsWord;
  by: RaidNode | { kind: 'volgroup' | 'btrfs' };
}
const VOLGROUP_USE = { kind: 'volgroup' } as const;
const BTRFS_USE = { kind: 'btrfs' } as const;

export function storageFindings(model: KickstartModel, doc: ParsedDocument, options: AnalysisOptions): Finding[] {
  const g = storageGraph(model);
  const out: Finding[] = [];
  // Files included beside the kickstart are read (includes.ts) and their definitions count. A file
  // that cannot be read here (made by a %pre, or on the install media) may define what is missing:
  // say so, as information only, and do not claim the install stops.
  const inc = kickstartIncludes(model, doc, options);
  const visible = inc.unresolved.length ? generatedTexts(model, preGuards(model, doc)) : new Map<string, { text: string; range: Range }>();
  // Name an include whose content is unknown, rather than one a %pre visibly writes.
  const unknown = inc.unresolved.find((u) => !visible.has(u.path));
  const open = unknown ?? inc.unresolved[0];
  const missingSeverity: Severity = open ? 'info' : 'error';
  const maybeElsewhere = unknown
    ? ` (unless ${unknown.path || 'the file'}, %include-d on line ${unknown.range.start.line + 1} and not readable here, defines it)`
    : open
      ? ' (unless a %pre writes it into an %include-d file in a way Blockwise cannot see)'
      : '';
  const stops = (what: string): string => (open ? '.' : `; ${what}.`);
  // What %pre sections visibly write into included files defines ids, groups and pools too.
  const generated: IncludedFile[] = [];
  for (const [path, g] of visible) generated.push(generatedInclude(path, g.text, g.range, options));
  const elsewhere = (test: (f: IncludedFile) => boolean): boolean => inc.read.some(test) || generated.some(test);

  // Each id's first use is kept alone; a list is made only when a second use comes.
  const used = new Map<string, Use | Use[]>();
  const use = (w: KsWord, by: Use['by']): void => {
    const u: Use = { word: w, by };
    const have = used.get(w.text);
    if (have === undefined) used.set(w.text, u);
    else if (Array.isArray(have)) have.push(u);
    else used.set(w.text, [have, u]);
  };

  // ---- raid ----
  const raidByKey = new Map<string, RaidNode[]>();
  for (const r of g.raids) {
    if (r.deviceKey !== undefined) {
      const list = raidByKey.get(r.deviceKey);
      if (list) list.push(r);
      else raidByKey.set(r.deviceKey, [r]);
    }
    if (r.preexisting) continue;
    for (const m of r.members) {
      use(m, r);
      if (g.ids.has(m.text) || looksLikeExistingDevice(m.text) || elsewhere((f) => f.ids.has(m.text))) continue;
      out.push({
        code: 'undefined-raid-member',
        severity: missingSeverity,
        range: m.range,
        message: `RAID member ${m.text} is not defined by any \`part ${m.text}\` line${maybeElsewhere}${stops('Anaconda stops the install here')}`,
      });
    }
    const key = raidLevelKey(r.level);
    if (key) {
      const min = MIN_MEMBERS[key];
      const n = r.members.length;
      const active = n - r.spares;
      if (n < min || active < min) {
        out.push({
          code: 'raid-too-few-members',
          severity: n < min ? 'error' : 'warning',
          range: r.cmd.range,
          message:
            n < min
              ? `RAID${key} needs at least ${min} members; this array has ${n}.`
              : `RAID${key} needs at least ${min} active members; ${n} members minus ${r.spares} spare${r.spares === 1 ? '' : 's'} leaves ${active}.`,
        });
      }
    }
  }
  for (const [key, list] of raidByKey) {
    if (list.length < 2) continue;
    for (const r of list.slice(1)) {
      out.push({
        code: 'duplicate-raid-device',
        severity: 'error',
        range: r.device!.valueRange ?? r.device!.range,
        message: `RAID device name ${r.device!.value} is already used on line ${list[0].cmd.range.start.line + 1}${r.device!.value !== list[0].device!.value ? ` (${list[0].device!.value}; both become "${key}")` : ''}.`,
        related: [{ range: list[0].device!.valueRange ?? list[0].device!.range, message: 'first definition' }],
      });
    }
  }

  // ---- volgroup ----
  const vgByName = new Map<string, typeof g.vgs>();
  for (const v of g.vgs) {
    if (v.name !== undefined) {
      const list = vgByName.get(v.name);
      if (list) list.push(v);
      else vgByName.set(v.name, [v]);
    }
    if (v.preexisting) continue;
    for (const p of v.pvs) {
      use(p, VOLGROUP_USE);
      if (g.ids.has(p.text) || looksLikeExistingDevice(p.text) || elsewhere((f) => f.ids.has(p.text))) continue;
      out.push({
        code: 'undefined-pv',
        severity: missingSeverity,
        range: p.range,
        message: `Physical volume ${p.text} is not defined by any \`part ${p.text}\` or \`raid ${p.text}\` line${maybeElsewhere}${stops('Anaconda stops the install here')}`,
      });
    }
  }
  for (const [name, list] of vgByName) {
    if (list.length < 2) continue;
    for (const v of list.slice(1)) {
      out.push({
        code: 'duplicate-volgroup',
        severity: 'error',
        range: v.first!.range,
        message: `Volume group ${name} is already defined on line ${list[0].cmd.range.start.line + 1}; list all its PVs on one volgroup line.`,
        related: [{ range: list[0].first!.range, message: 'first definition' }],
      });
    }
  }

  // ---- btrfs members ----
  for (const b of g.btrfs) {
    if (b.subvol) continue;
    for (const m of b.members) {
      if (memberKindOf(m.text) !== 'btrfs') continue;
      use(m, BTRFS_USE);
    }
  }

  // ---- logvol ----
  for (const l of g.lvs) {
    const vg = l.vgname?.value;
    if (vg !== undefined && !vgByName.has(vg) && !l.preexisting && !elsewhere((f) => f.vgs.has(vg))) {
      const similar = [...vgByName.keys()].find((k) => k.toLowerCase() === vg.toLowerCase() || editDistance(k, vg) <= 2);
      out.push({
        code: 'undefined-volgroup',
        severity: missingSeverity,
        range: l.vgname!.valueRange ?? l.vgname!.range,
        message: `No volgroup line defines ${vg}${maybeElsewhere}${similar ? ` (did you mean ${similar}?)` : ''}${stops(`Anaconda stops with "No volume group exists with the name ${vg}"`)}`,
      });
    }
    if (l.thin && l.poolname?.value !== undefined && !l.preexisting) {
      const pool = l.poolname.value;
      const inVg = vg !== undefined ? (g.lvsByVg.get(vg) ?? []) : [];
      const pools = inVg.filter((p) => p.thinpool && p.name?.value === pool);
      if (!pools.length && !elsewhere((f) => f.pools.has(`${vg ?? ''}/${pool}`))) {
        const names = inVg.filter((p) => p.thinpool).map((p) => p.name?.value);
        out.push({
          code: 'undefined-thinpool',
          severity: missingSeverity,
          range: l.poolname.valueRange ?? l.poolname.range,
          message: `No \`logvol --thinpool --name=${pool}\` in volume group ${vg ?? '?'}${maybeElsewhere}${names.length ? ` (pools there: ${names.join(', ')})` : ''}.`,
        });
      }
    }
  }

  // ---- member ids: defined twice, never used, used twice ----
  for (const [id, defs] of g.ids) {
    if (defs.length > 1) {
      for (const d of defs.slice(1)) {
        out.push({
          code: 'duplicate-member-id',
          severity: 'error',
          range: d.first!.range,
          message: `${id} is already defined on line ${defs[0].cmd.range.start.line + 1}; Anaconda stops with "partition ${id} is defined multiple times".`,
          related: [{ range: defs[0].first!.range, message: 'first definition' }],
        });
      }
    }
    const entry = used.get(id);
    const count = entry === undefined ? 0 : Array.isArray(entry) ? entry.length : 1;
    const def = defs[0] as PartNode | RaidNode;
    const kind = def.memberOf;
    const preexisting = def.kind === 'raid' && def.preexisting;
    if (!count && !open && !elsewhere((f) => f.used.has(id)) && !preexisting) {
      if (kind === 'raid') {
        out.push({
          code: 'unused-raid-member',
          severity: 'warning',
          range: def.first!.range,
          message: `${id} is created as an md RAID member, but no raid line lists it.`,
        });
      } else if (kind === 'pv') {
        out.push({
          code: 'unused-pv',
          severity: 'warning',
          range: def.first!.range,
          message: `${id} is created as an LVM physical volume, but no volgroup line lists it.`,
        });
      }
    }
    // An id defined twice is the mistake Anaconda stops at; its second use is the same mistake.
    if (count < 2 || defs.length > 1) continue;
    const uses = entry as Use[];
    const raidUses = uses.filter((u) => u.by.kind === 'raid');
    const vgUses = uses.filter((u) => u.by.kind === 'volgroup');
    for (const group of [raidUses, vgUses]) {
      if (group.length < 2) continue;
      const what = group[0].by.kind === 'raid' ? 'RAID array' : 'volume group';
      for (const u of group.slice(1)) {
        out.push({
          code: 'raid-member-reused',
          severity: 'error',
          range: u.word.range,
          message: `${id} is already a member of another ${what} (line ${group[0].word.range.start.line + 1}); a device can belong to only one.`,
          related: [{ range: group[0].word.range, message: 'first use' }],
        });
      }
    }
  }

  // ---- one existing partition, two requests ----
  duplicateOnpart(g.parts, out);

  // ---- mount points across commands ----
  const seen = new Map<string, ReturnType<typeof mountPoints>[number]>();
  for (const mp of mountPoints(g)) {
    const first = seen.get(mp.path);
    if (!first) {
      seen.set(mp.path, mp);
      continue;
    }
    out.push({
      code: 'duplicate-mountpoint',
      severity: 'warning',
      range: mp.word.range,
      message: `${mp.path} is already mounted by the ${first.cmd.written} on line ${first.word.range.start.line + 1}; this ${mp.cmd.written} would be hidden under it or fail.`,
      related: [{ range: first.word.range, message: 'first use of the mount point' }],
    });
  }
  return out;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}

/** The device an --onpart value names, as Anaconda resolves plain names (`/dev/sda1` and `sda1` are one); undefined when it is not literal. */
function onpartKey(value: string | undefined): string | undefined {
  if (!value || /[$%{}<>`]/.test(value)) return undefined;
  return value.replace(/^\/dev\//, '');
}

/** Two part lines on one existing partition: Anaconda refuses neither, the later one wins (custom_partitioning.py). */
function duplicateOnpart(parts: PartNode[], out: Finding[]): void {
  const byDevice = new Map<string, { node: PartNode; value: NonNullable<ReturnType<typeof option>> }>();
  for (const p of parts) {
    const o = option(p.cmd, 'onpart');
    const key = onpartKey(o?.value);
    if (!o || key === undefined) continue;
    const first = byDevice.get(key);
    if (!first) {
      byDevice.set(key, { node: p, value: o });
      continue;
    }
    const keeps = (n: PartNode) => hasFlag(n.cmd, 'noformat');
    const line = first.node.cmd.range.start.line + 1;
    const lost =
      keeps(first.node) && !keeps(p)
        ? `this line formats it although line ${line} keeps it (--noformat)`
        : !keeps(first.node) && keeps(p)
          ? `this line's --noformat only renames the mount point of the format line ${line} creates`
          : `this line replaces what line ${line} set up there`;
    out.push({
      code: 'duplicate-onpart',
      severity: 'warning',
      range: o.valueRange ?? o.range,
      message: `${o.value} is already used by the part line on line ${line}; Anaconda does not refuse a second request for one partition: ${lost}.`,
      related: [{ range: first.value.valueRange ?? first.value.range, message: 'first request for the partition' }],
    });
  }
}
