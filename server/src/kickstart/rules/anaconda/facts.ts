// What Anaconda's storage checker and blivet allow, per release. Read from the installer's source
// of each branch (RHEL 8 = anaconda-33.16, RHEL 9 = 34.25, RHEL 10 = 40.22, Fedora = the main
// branch, 43 and later) and blivet's format classes; facts only, in our own words:
//   data/anaconda.conf [Storage Constraints] and the RHEL product/profile file (min_partition_sizes,
//   must_be_on_root, must_be_on_linuxfs, swap_is_recommended);
//   pyanaconda/modules/storage/bootloader/grub2.py (stage2 device types, RAID levels, file systems);
//   pyanaconda/modules/storage/checker/utils.py (verify_root: an existing root file system);
//   blivet/formats/fs.py (format size limits).
import type { Target } from '../../versions';

/** Fedora numbers are 40000..45000, RHEL 8 26100, RHEL 9 34100, RHEL 10 40100, RHEL 11 46100. */
export function isRhel(t: Target): boolean {
  return t.table.startsWith('RHEL');
}

/** The releases these rules know: RHEL 8 and later, Fedora 40 and later (RHEL 6/7 had another checker). */
export function checkedRelease(t: Target): boolean {
  return t.table !== 'RHEL6' && t.table !== 'RHEL7';
}

/** "RHEL 9's installer" */
export function installer(t: Target): string {
  return `${t.label}'s installer`;
}

export interface MinSize {
  mib: number;
  /** When the figure changed inside the release: said in the message. */
  since?: string;
}

/**
 * Sizes below which the checker warns ("lower than recommended"): min_partition_sizes. /boot was
 * 200 MiB until anaconda-33.16.7.9 (RHEL 8.7) and 34.25.1.10 (RHEL 9.1), 512 MiB after; the main
 * branch raised it to 1 GiB and added /boot/efi 500 MiB in anaconda-44.5 (Fedora 44).
 */
export function minSizes(t: Target): Record<string, MinSize> {
  const base: Record<string, MinSize> = { '/': { mib: 250 }, '/usr': { mib: 250 }, '/tmp': { mib: 50 }, '/var': { mib: 384 }, '/home': { mib: 100 } };
  if (t.table === 'RHEL8') base['/boot'] = { mib: 512, since: 'RHEL 8.7 and later; 200 MiB before' };
  else if (t.table === 'RHEL9') base['/boot'] = { mib: 512, since: 'RHEL 9.1 and later; 200 MiB before' };
  else if (t.number >= 44000) {
    base['/boot'] = { mib: 1024 };
    base['/boot/efi'] = { mib: 500 };
  } else if (!t.table.startsWith('RHEL') && t.number < 35000) base['/boot'] = { mib: 200 }; // 512 from anaconda 35 (rhinstaller/anaconda#3302, April 2021)
  else base['/boot'] = { mib: 512 };
  return base;
}

/** Mount points that must stay on the / file system (must_be_on_root; the same on every branch). */
export const MUST_BE_ON_ROOT = new Set(['/bin', '/dev', '/sbin', '/etc', '/lib', '/root', '/mnt', 'lost+found', '/proc']);

/** Mount points that must be on a mountable Linux-native file system (must_be_on_linuxfs). */
export const MUST_BE_ON_LINUXFS = new Set(['/', '/var', '/tmp', '/usr', '/home', '/usr/share', '/usr/lib']);

/**
 * --fstype values that name a format blivet does not count as a mountable Linux file system.
 * Only known names: an unknown value is pykickstart's and blivet's business, not this rule's.
 */
export const NOT_LINUX_FS = new Set(['vfat', 'fat', 'msdos', 'efi', 'macefi', 'ntfs', 'hfs', 'hfs+', 'exfat', 'iso9660', 'udf', 'swap', 'biosboot', 'prepboot', 'appleboot']);

/** The file systems GRUB 2 may read /boot from: RHEL products drop btrfs (grub2.py stage2_format_types). */
export function bootFormats(t: Target): string[] {
  return isRhel(t) ? ['xfs', 'ext4', 'ext3', 'ext2'] : ['ext4', 'ext3', 'ext2', 'btrfs', 'xfs'];
}

/** md levels /boot may use: every level until anaconda-43.12 (Fedora 43, RHEL 11), RAID1 only after. */
export function bootRaidLevels(t: Target): string[] {
  return t.number >= 43000 ? ['1'] : ['0', '1', '4', '5', '6', '10'];
}

/**
 * Whether a cleared x86 BIOS disk gets a GPT label by default: blivet prefers GPT there from 3.8.0
 * (Fedora 39, RHEL 10); before, msdos (RHEL 6 to 9, whose installers also set gpt = False, and
 * Fedora up to 38).
 */
export function gptOnBios(t: Target): boolean {
  return t.table.startsWith('RHEL') ? t.table !== 'RHEL6' && t.table !== 'RHEL7' && t.table !== 'RHEL8' && t.table !== 'RHEL9' : t.number >= 39000;
}

/** swap_is_recommended: True for RHEL (anaconda.conf on RHEL 8, the RHEL profile later), False for Fedora. */
export function swapRecommended(t: Target): boolean {
  return isRhel(t);
}

/** From anaconda-40.22 (RHEL 10, Fedora 40) an existing root file system may be kept if it is empty. */
export function emptyRootMayStay(t: Target): boolean {
  return t.number >= 40000;
}

/** min_ram (320 MiB) + the no-swap allowance (200 MiB): below this RAM, no swap is an error. */
export const NO_SWAP_MIN_RAM_MIB = 520;

const TiB = 1024 * 1024;
/** blivet's maximum sizes by format (MiB). */
export function formatMax(fstype: string): number | undefined {
  switch (fstype) {
    case 'vfat':
    case 'efi':
      return TiB;
    case 'ext2':
      return 8 * TiB;
    case 'ext3':
    case 'ntfs':
    case 'swap':
      return 16 * TiB;
    case 'hfs+':
      return 2 * TiB;
    default:
      return undefined;
  }
}

/** blivet's minimum sizes by format (MiB) that a kickstart may plausibly go under. */
export function formatMin(fstype: string, t: Target): number | undefined {
  switch (fstype) {
    case 'xfs':
      // 300 MiB from blivet 3.6 (RHEL 10, Fedora); the RHEL 8/9 blivet keeps 16 MiB.
      return t.table === 'RHEL8' || t.table === 'RHEL9' ? 16 : 300;
    case 'btrfs':
      return 256;
    case 'efi':
      return 50;
    default:
      return undefined;
  }
}

/** The file system a new device gets without --fstype (file_system_type: xfs on RHEL, ext4 on Fedora's custom layouts). */
export function defaultFs(t: Target): string {
  return isRhel(t) ? 'xfs' : 'ext4';
}

export function mib(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024} GiB` : `${n} MiB`;
}
