// Mount points Anaconda's storage checker refuses (pyanaconda/modules/storage/checker/utils.py,
// verify_mountpoints_on_root and verify_mountpoints_on_linuxfs, with the must_be_on_root and
// must_be_on_linuxfs lists of data/anaconda.conf), and the /boot/efi file system that custom
// partitioning sets itself (partitioning/custom/custom_partitioning.py).
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import { MUST_BE_ON_LINUXFS, MUST_BE_ON_ROOT, NOT_LINUX_FS, installer } from './facts';
import { layoutOf, rowRange, trimSlash } from './layout';

defineRules([
  {
    code: 'mount-must-be-on-root',
    languages: ['kickstart'],
    severity: 'error',
    title: 'a directory that must be on / gets its own device (/etc, /bin, /sbin, /lib, /root, /dev, /proc, /mnt, lost+found)',
    why: 'Anaconda\'s storage checker stops with "This mount point is invalid. The ... directory must be on the / file system." /usr, /var and /opt may have their own devices.',
    fix: 'Remove the line and leave the directory on /.',
  },
  {
    code: 'mount-needs-linux-fs',
    languages: ['kickstart'],
    severity: 'error',
    title: '/, /var, /tmp, /usr, /home, /usr/share or /usr/lib on a file system that is not a Linux one (vfat, ntfs, swap...)',
    why: 'Anaconda\'s storage checker stops with "The mount point ... must be on a linux file system."',
    fix: 'Use xfs or ext4 (btrfs on Fedora).',
  },
  {
    code: 'esp-fstype-ignored',
    languages: ['kickstart'],
    severity: 'info',
    title: 'part /boot/efi --fstype=... is ignored: Anaconda always makes an EFI System Partition (vfat)',
    why: 'Custom partitioning gives /boot/efi the EFI System Partition format whatever --fstype says; the file is not what the admin will get.',
    fix: 'Drop --fstype (or write --fstype=efi).',
  },
]);

export function mountPointFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  const t = model.resolved;
  const out: Finding[] = [];
  if (!l.custom) return out;
  for (const m of l.mounts.values()) {
    if (MUST_BE_ON_ROOT.has(m.path)) {
      out.push({
        code: 'mount-must-be-on-root',
        severity: 'error',
        range: m.word.range,
        message: `${installer(t)} refuses ${m.path} on its own device: "The ${m.path} directory must be on the / file system."`,
      });
      continue;
    }
    if (MUST_BE_ON_LINUXFS.has(m.path) && m.fstypeRow >= 0 && m.fstype && NOT_LINUX_FS.has(m.fstype)) {
      out.push({
        code: 'mount-needs-linux-fs',
        severity: 'error',
        range: rowRange(m.node.cmd, m.fstypeRow),
        message: `${installer(t)} refuses ${m.path} on ${m.fstype}: "The mount point ${m.path} must be on a linux file system."`,
      });
    }
  }
  // Every part /boot/efi line (not only the first): each one's --fstype is ignored.
  for (const p of l.g.parts) {
    if (!p.first || trimSlash(p.first.text) !== '/boot/efi') continue;
    const f = l.facts.get(p.cmd)!;
    const fs = f.fstype;
    if (!fs || fs === 'efi' || fs === 'vfat') continue;
    out.push({
      code: 'esp-fstype-ignored',
      severity: 'info',
      range: rowRange(p.cmd, f.fstypeRow),
      message: `${installer(t)} ignores --fstype=${p.fstype} on /boot/efi: it always creates an EFI System Partition (vfat).`,
    });
  }
  return out;
}
