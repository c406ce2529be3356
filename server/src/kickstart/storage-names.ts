// What the names written in storage commands denote: disk specs (kernel names, /dev paths,
// patterns) and the disks of partitions, member ids (`raid.`, `pv.`, `btrfs.`), existing devices,
// and the release rule for the `md` prefix of a raid --device.
import type { MemberKind } from './storage-types';

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

/** Target generation for rules that differ by release: RHEL 10 and Fedora 43 keep the `md` prefix of raid --device. */
export function keepsMdPrefix(target: string): boolean {
  const t = target.toLowerCase();
  const rhel = /rhel\D*(\d+)/.exec(t);
  if (rhel) return Number(rhel[1]) >= 10;
  const fed = /^(?:f|fc|fedora)\D*(\d+)/.exec(t);
  if (fed) return Number(fed[1]) >= 43;
  return true; // devel / default = current Fedora
}
