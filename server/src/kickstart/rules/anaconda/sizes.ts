// Sizes Anaconda and blivet refuse or warn about:
//   pyanaconda/modules/storage/checker/utils.py verify_partition_sizes (min_partition_sizes of
//   data/anaconda.conf: a warning) and verify_partition_format_sizes (a device larger than its
//   format's maximum: an error); blivet/formats/fs.py (each format's _min_size and _max_size; a
//   new device below its format's minimum is made at the minimum); blivet's LVM space accounting
//   (fixed LVs that do not fit their VG, --percent adding up to more than 100).
// Only sizes the file fixes are compared: --grow, --percent, --recommended and existing devices
// get their size on the machine.
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import type { KsCommand } from '../../model';
import type { LvNode, PartNode } from '../../storage';
import { formatMax, formatMin, installer, mib, minSizes } from './facts';
import { layoutOf, rowRange, type Layout } from './layout';

defineRules([
  {
    code: 'below-recommended-size',
    languages: ['kickstart'],
    severity: 'warning',
    title: '/, /usr, /tmp, /var, /home or /boot smaller than the release\'s installer recommends',
    why: 'Anaconda\'s storage checker warns "Your ... partition is less than ... which is lower than recommended". /boot went from 200 MiB to 512 MiB in RHEL 8.7 and 9.1, and to 1 GiB in Fedora 44.',
    fix: 'Give the mount point at least the size named in the message.',
  },
  {
    code: 'over-format-max',
    languages: ['kickstart'],
    severity: 'error',
    title: 'a new device is larger than its file system allows (vfat over 1 TiB, ext2 over 8 TiB, ext3 over 16 TiB)',
    why: 'Anaconda\'s storage checker stops with "Your ... partition is too large for ... formatting".',
    fix: 'Make it smaller or choose xfs/ext4.',
  },
  {
    code: 'grown-to-format-min',
    languages: ['kickstart'],
    severity: 'info',
    title: 'a new device is smaller than its file system\'s minimum: blivet makes it that big',
    why: 'No error: blivet silently raises the size to the format\'s minimum (xfs 300 MiB from RHEL 10, btrfs 256 MiB, EFI 50 MiB), so the disk holds less free space than the file suggests.',
    fix: 'Write the size you will get.',
  },
  {
    code: 'vg-overcommitted',
    languages: ['kickstart'],
    severity: 'error',
    title: 'the fixed-size LVs of a volume group need more than its fixed-size PVs hold',
    why: 'blivet cannot allocate the LVs and the install stops ("not enough free space in volume group").',
    fix: 'Shrink the LVs, give the PV partitions more space, or add --grow to a PV.',
  },
  {
    code: 'vg-percent-over-100',
    languages: ['kickstart'],
    severity: 'error',
    title: 'logvol --percent values in one volume group add up to more than 100',
    why: 'Each --percent is a share of the same volume group; together they ask for more than it has and blivet cannot allocate them.',
    fix: 'Make the percentages add up to 100 or less.',
  },
]);

/** PV partitions hold their size less 1 MiB of LVM metadata, in whole 4 MiB extents (generous: blivet keeps a little more). */
function pvCapacity(size: number): number {
  return Math.max(0, Math.floor((size - 1) / 4) * 4);
}

export function sizeFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  current = l;
  const t = model.resolved;
  const out: Finding[] = [];
  if (!l.custom) return out;
  const mins = minSizes(t);
  for (const list of [l.mounts.values(), l.sized]) for (const m of list) {
    if (m.fixedSize === undefined) continue;
    const fs = m.fstype;
    const fmtMin = fs ? formatMin(fs, t) : undefined;
    const fmtMax = fs ? formatMax(fs) : undefined;
    const grown = fmtMin !== undefined && m.fixedSize < fmtMin ? fmtMin : m.fixedSize;
    const want = mins[m.path];
    if (fmtMax !== undefined && m.fixedSize > fmtMax) {
      out.push({
        code: 'over-format-max',
        severity: 'error',
        range: sizeRange(m.node.cmd) ?? m.word.range,
        message: `${m.path} is ${mib(m.fixedSize)}, more than ${fs} allows (${mib(fmtMax)}): ${installer(t)} stops with "Your ${m.path} partition is too large for ${fs} formatting".`,
      });
      continue;
    }
    if (want && grown < want.mib) {
      out.push({
        code: 'below-recommended-size',
        severity: 'warning',
        range: sizeRange(m.node.cmd) ?? m.word.range,
        message: `${m.path} is ${mib(m.fixedSize)}${grown !== m.fixedSize ? ` (${mib(grown)} once blivet raises it to the ${fs} minimum)` : ''}: ${installer(t)} warns that ${m.path} is less than ${mib(want.mib)}${want.since ? ` (${want.since})` : ''}, lower than recommended.`,
      });
      continue;
    }
    if (grown !== m.fixedSize) {
      out.push({
        code: 'grown-to-format-min',
        severity: 'info',
        range: sizeRange(m.node.cmd) ?? m.word.range,
        message: `${m.path} asks for ${mib(m.fixedSize)}, below the ${fs} minimum: blivet on ${t.label} makes it ${mib(grown)}.`,
      });
    }
  }
  // ---- volume groups ----
  if (l.dynamic) return out;
  for (const [name, vgs] of l.g.vgsByName) {
    const vg = vgs[0];
    if (vg.preexisting) continue;
    const lvs = l.g.lvsByVg.get(name);
    if (!lvs) continue;
    // --percent over 100
    let total = 0;
    for (const lv of lvs) {
      // --percent outside 0..100, or with --size, is pykickstart's error already (one mistake, one finding).
      if (lv.preexisting || lv.thin || lv.percent === undefined || lv.percent < 0 || lv.percent > 100 || lv.size !== undefined) continue;
      total += lv.percent;
      if (total > 100) {
        const row = l.facts.get(lv.cmd)!.percentRow;
        out.push({
          code: 'vg-percent-over-100',
          severity: 'error',
          range: row >= 0 ? rowRange(lv.cmd, row) : lv.cmd.nameRange,
          message: `The --percent values in volume group ${name} reach ${total} here: together the LVs ask for more than the VG holds, and ${installer(t)} cannot create them.`,
        });
        break;
      }
    }
    // Fixed LVs against fixed PVs (partitions only: a RAID PV's size depends on its level and metadata).
    let capacity = 0;
    let fixed = true;
    for (const pv of vg.pvs) {
      const def = l.g.ids.get(pv.text);
      const p = def?.length === 1 && def[0].kind === 'part' ? (def[0] as PartNode) : undefined;
      const pf = p ? l.facts.get(p.cmd)! : undefined;
      if (!p || !pf || p.size === undefined || p.grow || pf.onpart || pf.encrypted) {
        fixed = false;
        break;
      }
      capacity += pvCapacity(p.size);
    }
    if (!fixed || !vg.pvs.length) continue;
    const vf = l.facts.get(vg.cmd)!;
    const reserved = vf.reservedSpace;
    const pct = vf.reservedPercent;
    if (reserved && /^\d+$/.test(reserved.trim())) capacity -= Number(reserved.trim());
    if (pct && /^\d+$/.test(pct.trim())) capacity -= Math.ceil((capacity * Number(pct.trim())) / 100);
    let need = 0;
    let over: LvNode | undefined;
    for (const lv of lvs) {
      if (lv.preexisting || lv.thin || lv.size === undefined) continue;
      need += Math.ceil(lv.size / 4) * 4;
      if (need > capacity && !over) over = lv;
    }
    if (over) {
      out.push({
        code: 'vg-overcommitted',
        severity: 'error',
        range: sizeRange(over.cmd) ?? over.cmd.nameRange,
        message: `The fixed-size LVs of ${name} need ${mib(need)} but its PVs (fixed partitions, no --grow) hold at most ${mib(Math.max(0, capacity))}: ${installer(t)} cannot allocate them.`,
        related: [{ range: vg.first?.range ?? vg.cmd.nameRange, message: `volume group ${name}` }],
      });
    }
  }
  return out;
}

let current: Layout | undefined;
function sizeRange(cmd: KsCommand) {
  const row = current?.facts.get(cmd)?.sizeRow ?? -1;
  return row >= 0 ? rowRange(cmd, row) : undefined;
}
