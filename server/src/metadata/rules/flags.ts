// The status and flag words lvm2 2.03 reads and writes (lib/format_text/flags.c, as facts).
export const VG_STATUS = new Set(['RESIZEABLE', 'READ', 'WRITE', 'EXPORTED', 'CLUSTERED', 'SHARED', 'PVMOVE', 'PARTIAL']);
export const VG_FLAGS = new Set(['WRITE_LOCKED', 'NOAUTOACTIVATE']);
export const PV_STATUS = new Set(['ALLOCATABLE', 'EXPORTED', 'MISSING']);
export const PV_FLAGS = new Set(['MISSING']);
export const LV_STATUS = new Set(['READ', 'WRITE', 'VISIBLE', 'FIXED_MINOR', 'PVMOVE', 'LOCKED', 'NOTSYNCED', 'REBUILD', 'WRITEMOSTLY', 'MIRRORED', 'CONVERTING', 'MERGING']);
export const LV_FLAGS = new Set(['ACTIVATION_SKIP', 'NOAUTOACTIVATE', 'ERROR_WHEN_FULL', 'CACHE_VOL', 'WRITE_LOCKED', 'LV_REMOVE_AFTER_RESHAPE', 'REMOVE_AFTER_RESHAPE']);

export const SEGMENT_TYPES = new Set([
  'striped', 'linear', 'error', 'zero', 'free', 'mirror', 'snapshot',
  'raid0', 'raid0_meta', 'raid1', 'raid4', 'raid5', 'raid5_la', 'raid5_ra', 'raid5_ls', 'raid5_rs', 'raid5_n',
  'raid6', 'raid6_zr', 'raid6_nr', 'raid6_nc', 'raid6_la_6', 'raid6_ra_6', 'raid6_ls_6', 'raid6_rs_6', 'raid6_n_6',
  'raid10', 'raid10_near',
  'thin-pool', 'thin', 'cache-pool', 'cache', 'writecache', 'integrity', 'vdo', 'vdo-pool',
]);

export const isRaid = (t: string | undefined): boolean => !!t && /^raid/.test(t);
