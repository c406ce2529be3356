// Distribution releases as admins write them in targets, `#version=` lines and file names (RHEL8,
// rocky9, centos-stream-9, el8, rhel-9.2, OL8, F40, fedora, rawhide): the family and the major
// release. Shared by every language: a kickstart reads its table by it, an lvm.conf the lvm2
// releases that line shipped.

/** The releases Blockwise knows: RHEL 6 to 11 (11 has pykickstart's handler, not a release yet), Fedora 17 to 45 (45: rawhide). */
export const OLDEST_RHEL = 6;
/** The newest RHEL that is released. */
export const NEWEST_RHEL = 10;
export const OLDEST_FEDORA = 17;
export const NEWEST_FEDORA = 45;

/** Distributions rebuilt from RHEL, with the name to show. */
const REBUILDS: [RegExp, string][] = [
  [/^(?:ol|oel|oracle(?:linux)?)$/, 'Oracle Linux'],
  [/^(?:rocky(?:linux)?)$/, 'Rocky Linux'],
  [/^(?:alma(?:linux)?)$/, 'AlmaLinux'],
  [/^(?:centos(?:stream)?|stream|cs)$/, 'CentOS'],
  [/^(?:el|rhel|redhat|redhatenterpriselinux)$/, 'RHEL'],
  [/^(?:sl|scientific(?:linux)?)$/, 'Scientific Linux'],
  [/^(?:eurolinux|navy|circle|miracle(?:linux)?)$/, 'a RHEL rebuild'],
];

export interface DistroRelease {
  family: 'rhel' | 'fedora';
  /** The major release; undefined for Fedora's development line (devel, rawhide, plain "fedora"). */
  major?: number;
}

const squeeze = (raw: string): string => raw.trim().toLowerCase().replace(/[\s_-]/g, '');

/** The distribution release a spelling names, or undefined when it names none. */
export function distroRelease(raw: string): DistroRelease | undefined {
  const t = squeeze(raw);
  if (t === 'devel' || t === 'fedora' || t === 'rawhide') return { family: 'fedora' };
  let m = /^(?:f|fc|fedora)(\d+)$/.exec(t);
  if (m) return { family: 'fedora', major: Number(m[1]) };
  // A rebuild's name and its major release, a minor release or `-stream` after it (rhel9.2, centos8stream, stream9).
  m = /^([a-z]+?)(\d+)(?:\.\d+)*(?:stream)?$/.exec(t);
  if (m && REBUILDS.some(([re]) => re.test(m![1]))) return { family: 'rhel', major: Number(m[2]) };
  return undefined;
}

/** The distribution a spelling names when it is not RHEL itself ("Oracle Linux" for OL9), else undefined. */
export function rebuildName(raw: string): string | undefined {
  const m = /^([a-z]+?)\d/.exec(squeeze(raw));
  if (!m) return undefined;
  const hit = REBUILDS.find(([re]) => re.test(m[1]));
  return hit && hit[1] !== 'RHEL' ? hit[1] : undefined;
}
