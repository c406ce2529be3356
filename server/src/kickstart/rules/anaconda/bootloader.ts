// The boot loader's needs, as Anaconda checks them before it installs anything:
//   pyanaconda/modules/storage/bootloader/base.py and grub2.py (is_valid_stage2_device: the /boot
//   device, or / without /boot, must be a partition, an md array or Btrfs, not encrypted, on a
//   file system GRUB reads for that product, on an allowed md level; a warning when /boot is on an
//   array and the stage1 target is a single partition);
//   pyanaconda/modules/storage/checker/utils.py (verify_bootloader, verify_gpt_biosboot) and
//   platform.py (X86: biosboot for GPT on BIOS; EFI: an EFI System Partition at /boot/efi).
// Where the answer depends on the firmware, the message says what it assumes.
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import { commandsNamed, hasFlag, option } from '../../storage';
import { raidLevelKey } from '../storage';
import { clearpartEffect } from '../safety';
import { bootFormats, bootRaidLevels, gptOnBios, installer, isRhel, NOT_LINUX_FS } from './facts';
import { layoutOf, placeOf, rowRange, stage2, trimSlash } from './layout';

defineRules([
  {
    code: 'boot-on-lv',
    languages: ['kickstart'],
    severity: 'error',
    title: '/boot (or / when there is no /boot) is a logical volume',
    why: 'GRUB\'s /boot must be a partition, an md array or (Fedora) Btrfs; Anaconda stops with "/boot file system cannot be of type lvmlv".',
    fix: 'Add `part /boot --size=1024` (or a RAID1 /boot) outside LVM.',
  },
  {
    code: 'boot-encrypted',
    languages: ['kickstart'],
    severity: 'error',
    title: '/boot (or / when there is no /boot) is encrypted',
    why: 'Anaconda stops with "/boot file system cannot be on an encrypted block device."',
    fix: 'Add an unencrypted `part /boot`, or drop --encrypted from it.',
  },
  {
    code: 'boot-fstype',
    languages: ['kickstart'],
    severity: 'error',
    title: '/boot on a file system GRUB cannot boot from on that product',
    why: 'GRUB on RHEL reads /boot from xfs, ext4, ext3 or ext2 (Fedora adds btrfs); Anaconda stops with "/boot file system cannot be of type ...".',
    fix: 'Use xfs or ext4 for /boot.',
  },
  {
    code: 'boot-raid-level',
    languages: ['kickstart'],
    severity: 'error',
    title: '/boot on an md RAID level the release does not boot from',
    why: 'From anaconda-43.12 (Fedora 43, RHEL 11) /boot may only be on RAID1; Anaconda stops with "RAID sets that contain \'/boot file system\' must have one of the following raid levels: raid1."',
    fix: 'Put /boot on RAID1 (`raid /boot --level=1 ...`).',
  },
  {
    code: 'boot-raid-single-esp',
    languages: ['kickstart'],
    severity: 'warning',
    title: '/boot is on an md array but there is only one EFI System Partition',
    why: 'Anaconda warns that a drive failure can leave the system unbootable: GRUB\'s UEFI part lives on one disk only.',
    fix: 'Put /boot/efi on RAID1 too (`raid /boot/efi --level=1 --fstype=efi ...`, metadata 1.0), one member per disk.',
  },
  {
    code: 'no-stage1-place',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'the disks are cleared and nothing makes a place for the boot loader (no reqpart, biosboot or /boot/efi)',
    why: 'On UEFI Anaconda needs an EFI System Partition at /boot/efi; on BIOS with a GPT label a 1 MiB biosboot partition. From RHEL 10 and Fedora 39 a cleared disk gets GPT by default, so neither firmware finds a place and the install stops.',
    fix: 'Add `reqpart` (it creates what the firmware needs), or `part biosboot --size=1` and `part /boot/efi --size=600`.',
  },
]);

export function bootloaderFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  const t = model.resolved;
  const out: Finding[] = [];
  if (!l.custom || l.autopart || l.notGrub) return out;
  // reqpart --add-boot makes a /boot partition of its own when the file has none.
  // An %include may give /boot: / is only judged as GRUB's device when the file is whole.
  const noBoot = !l.mounts.has('/boot');
  const s2 = noBoot && ((l.reqpart && hasFlag(l.reqpart, 'add-boot')) || l.dynamic) ? undefined : stage2(l);
  if (s2) {
    const what = s2.path === '/boot' ? '/boot' : '/ (there is no /boot)';
    const n = s2.node;
    if (n.kind === 'logvol') {
      out.push({
        code: 'boot-on-lv',
        severity: 'error',
        range: s2.word.range,
        message: `${what} is a logical volume: ${installer(t)} stops with "/boot file system cannot be of type lvmlv"; GRUB needs /boot on a partition or an md array.`,
      });
    } else if (s2.encrypted) {
      out.push({
        code: 'boot-encrypted',
        severity: 'error',
        range: s2.word.range,
        message: `${what} is encrypted: ${installer(t)} stops with "/boot file system cannot be on an encrypted block device".`,
      });
    } else {
      // / on a non-Linux file system is mount-needs-linux-fs's finding; btrfs on RHEL is pykickstart's.
      const fs = s2.fstype;
      const formats = bootFormats(t);
      if (s2.fstypeRow >= 0 && fs && !formats.includes(fs) && fs !== 'tmpfs' && !(isRhel(t) && fs === 'btrfs') && !(s2.path === '/' && NOT_LINUX_FS.has(fs))) {
        out.push({
          code: 'boot-fstype',
          severity: 'error',
          range: rowRange(n.cmd, s2.fstypeRow),
          message: `${installer(t)} cannot boot from ${what} on ${fs}: GRUB there reads ${formats.join(', ')}.`,
        });
      }
      if (n.kind === 'raid' && !n.preexisting) {
        const key = raidLevelKey(n.level);
        const allowed = bootRaidLevels(t);
        if (key && !allowed.includes(key)) {
          const row = s2.facts.levelRow;
          out.push({
            code: 'boot-raid-level',
            severity: 'error',
            range: row >= 0 ? rowRange(n.cmd, row) : s2.word.range,
            message: `${installer(t)} boots ${what} only from RAID1 (anaconda-43.12 and later); this array is RAID${key}.`,
          });
        } else if (key) {
          const isEsp = (w: { text: string } | undefined): boolean => !!w && trimSlash(w.text) === '/boot/efi';
          const esps: { cmd: typeof n.cmd; first?: typeof n.first; kind: string }[] = [];
          for (const p of l.g.parts) if (isEsp(p.first)) esps.push(p);
          for (const r of l.g.raids) if (isEsp(r.first)) esps.push(r);
          if (esps.length === 1 && esps[0].kind === 'part') {
            out.push({
              code: 'boot-raid-single-esp',
              severity: 'warning',
              range: s2.word.range,
              message: `${what} is on md RAID${key} but the EFI System Partition (line ${esps[0].cmd.line + 1}) is on one disk: on UEFI (which /boot/efi implies) ${installer(t)} warns that a drive failure could leave the system unbootable.`,
              related: [{ range: esps[0].first!.range, message: 'the only EFI System Partition' }],
            });
          }
        }
      }
    }
  }
  // A place for stage1 on a disk the file clears.
  if (l.reqpart || l.dynamic) return out;
  const cps = commandsNamed(model, 'clearpart');
  const cp = cps[cps.length - 1];
  if (!cp || clearpartEffect(cp).type !== 'all') return out;
  const newPart = l.g.parts.find((p) => !l.facts.get(p.cmd)!.onpart);
  if (!newPart) return out;
  const firsts = new Set<string>();
  for (const p of l.g.parts) if (p.first) firsts.add(trimSlash(p.first.text));
  for (const r of l.g.raids) if (r.first) firsts.add(trimSlash(r.first.text));
  if (firsts.has('biosboot') || firsts.has('/boot/efi') || firsts.has('prepboot') || firsts.has('appleboot')) return out;
  const label = option(cp, 'disklabel')?.value?.trim().toLowerCase();
  const gpt = label ? label === 'gpt' : gptOnBios(t);
  // RHEL 8/9 give a cleared BIOS disk an msdos label (no biosboot needed); whether the machine is UEFI cannot be seen.
  if (!gpt) return out;
  out.push({
    code: 'no-stage1-place',
    severity: 'warning',
    range: placeOf(cp),
    related: [{ range: placeOf(newPart.cmd), message: 'the partitions are made here' }],
    message: `clearpart --all relabels the disks ${label ? 'as GPT' : `with ${t.label}'s default label, GPT`}, and there is no reqpart, biosboot or /boot/efi: on x86_64 ${installer(t)} stops on BIOS ("needs a special partition to boot from a GPT disk label") and on UEFI (no EFI System Partition).`,
  });
  return out;
}
