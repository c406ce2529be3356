// The remote command strings. Each is `env LC_ALL=C ... timeout -k 5 N sh -c '<program>' ...`:
// the program text is a constant we wrote (no `'`, `\`, `!` or newline, so sh, bash, zsh, csh
// and fish all pass it through unchanged); the only dynamic parts are a hex nonce, integers and
// allowlisted paths, each validated and single-quoted.
import { NameError, shQuote } from './names';

export const VG_FIELDS =
  'vg_uuid,vg_name,vg_attr,vg_size,vg_free,vg_extent_size,pv_count,vg_missing_pv_count,lv_count,snap_count,vg_mda_count,vg_mda_used_count,vg_mda_free,vg_mda_size,vg_seqno,vg_systemid,vg_lock_type,vg_tags';
export const PV_FIELDS =
  'pv_uuid,pv_name,pv_attr,pv_size,pv_free,dev_size,pv_missing,pv_in_use,pv_duplicate,pv_mda_count,pv_mda_used_count,pv_tags';
export const LV_FIELDS =
  'lv_uuid,lv_name,lv_full_name,lv_attr,lv_layout,lv_role,lv_size,lv_metadata_size,pool_lv,data_lv,metadata_lv,origin,move_pv,mirror_log,convert_lv,data_percent,metadata_percent,snap_percent,copy_percent,sync_percent,lv_health_status,lv_when_full,lv_check_needed,lv_active,lv_skip_activation,lv_autoactivation,raid_sync_action,raid_mismatch_count,lv_tags';
export const SEG_FIELDS = 'lv_uuid,segtype,seg_start_pe,seg_size_pe,devices,metadata_devices,seg_monitor';
export const PVSEG_FIELDS = 'pv_uuid,pvseg_start,pvseg_size';

export const CONFIG_KEYS = [
  'backup/backup',
  'backup/archive',
  'backup/retain_days',
  'backup/retain_min',
  'backup/backup_dir',
  'backup/archive_dir',
  'global/thin_check_executable',
  'global/cache_check_executable',
  'activation/monitoring',
  'activation/raid_fault_policy',
  'activation/mirror_image_fault_policy',
  'activation/thin_pool_autoextend_threshold',
  'activation/thin_pool_autoextend_percent',
];

export interface RefreshScriptOptions {
  /** Per-request nonce for the sentinels: 8-64 lower-case hex characters. */
  nonce: string;
  /** Remote `timeout` in seconds for the whole program (default 60). */
  timeoutSeconds?: number;
  /** The archive file count stops here (default 100000): names never leave the host. */
  archiveCountLimit?: number;
}

function checkNonce(n: string): string {
  if (!/^[0-9a-f]{8,64}$/.test(n)) throw new NameError('nonce', n, 'expected 8-64 hex digits');
  return n;
}

function checkInt(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new NameError(name, String(v), `integer ${min}-${max}`);
  return v;
}

/** Marker line: `@@BW-<nonce>@@ begin NAME` / `@@BW-<nonce>@@ end NAME RC`, on stdout and stderr. */
export function sentinel(nonce: string): string {
  return `@@BW-${nonce}@@`;
}

/** The sh program of one refresh. Statements are joined with `; ` (no newlines: csh). */
export function refreshProgram(o: RefreshScriptOptions): string {
  checkNonce(o.nonce);
  const limit = checkInt('archive count limit', o.archiveCountLimit ?? 100000, 1, 10_000_000);
  const report = [
    '$S lvm fullreport -a --reportformat json --units b --nosuffix',
    '--config "log/report_command_log=1 global/wait_for_locks=0"',
    `--configreport vg -o ${VG_FIELDS}`,
    `--configreport pv -o ${PV_FIELDS}`,
    `--configreport lv -o ${LV_FIELDS}`,
    `--configreport seg -o ${SEG_FIELDS}`,
    `--configreport pvseg -o ${PVSEG_FIELDS}`,
  ].join(' ');
  const stmts = [
    // $1 is the nonce, passed as a separate quoted argument.
    'N=$1',
    'm() { echo; echo "@@BW-$N@@ $*"; echo "@@BW-$N@@ $*" >&2; }',
    'U=$(id -u)',
    'S=',
    'if [ "$U" = 0 ]; then S=; elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then S="sudo -n"; else S=none; fi',
    'm begin priv',
    'echo "uid=$U"',
    'echo "sudo=$S"',
    'm end priv 0',
    // Without root and without passwordless sudo: let sudo print its own reason, then stop.
    'if [ "$S" = none ]; then m begin sudo; sudo -n true; m end sudo $?; exit 0; fi',
    'm begin version',
    '$S lvm version',
    'm end version $?',
    'm begin config',
    `$S lvmconfig --type full ${CONFIG_KEYS.join(' ')}`,
    'm end config $?',
    'm begin tools',
    'for k in thin_check_executable cache_check_executable; do v=$($S lvmconfig --type full global/$k 2>/dev/null); v=${v#*=}; v=${v#?}; v=${v%?}; if [ -z "$v" ]; then echo "$k=disabled"; elif [ -x "$v" ]; then echo "$k=present $v"; else echo "$k=missing $v"; fi; done',
    'm end tools 0',
    'm begin archive',
    'A=$($S lvmconfig --type full backup/archive_dir 2>/dev/null); A=${A#*=}; A=${A#?}; A=${A%?}',
    `if [ -n "$A" ] && $S test -d "$A"; then echo "files=$($S find "$A" -maxdepth 1 -type f -name "*.vg" 2>/dev/null | head -n ${limit + 1} | wc -l)"; echo "kib=$($S du -sk "$A" 2>/dev/null | cut -f1)"; else echo "files=absent"; fi`,
    'm end archive 0',
    'm begin report',
    report,
    'm end report $?',
    'm done',
  ];
  const program = stmts.join('; ');
  if (/['\\!\n]/.test(program)) throw new Error('internal: refresh program contains a forbidden character');
  return program;
}

/** The one remote command string of a refresh. */
export function buildRefreshCommand(o: RefreshScriptOptions): string {
  const t = checkInt('remote timeout', o.timeoutSeconds ?? 60, 1, 3600);
  return `env LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1 timeout -k 5 ${t} sh -c ${shQuote(refreshProgram(o))} bw ${shQuote(checkNonce(o.nonce))}`;
}

// ---- read-only remote files (/etc/lvm only) ----

const PROFILE = /^\/etc\/lvm\/profile\/[A-Za-z0-9][A-Za-z0-9._+-]{0,120}\.profile$/;
const BACKUP = /^\/etc\/lvm\/backup\/[A-Za-z0-9+_.-]{1,127}$/;
const ARCHIVE = /^\/etc\/lvm\/archive\/[A-Za-z0-9+_.-]{1,127}_\d{5,}-\d{1,10}\.vg$/;
export const REMOTE_DIRS = ['/etc/lvm', '/etc/lvm/profile', '/etc/lvm/backup', '/etc/lvm/archive'];

/** Is this one of the files the read-only provider may open? (`/etc/lvm/...` only, no `..`). */
export function isAllowedRemoteFile(path: string): boolean {
  if (typeof path !== 'string' || path.includes('/.') || path.includes('//')) return false;
  if (path === '/etc/lvm/lvm.conf' || path === '/etc/lvm/lvmlocal.conf') return true;
  if (PROFILE.test(path)) return true;
  if (BACKUP.test(path)) {
    const base = path.slice('/etc/lvm/backup/'.length);
    return base !== '.' && base !== '..' && !base.startsWith('-');
  }
  if (ARCHIVE.test(path)) return !path.slice('/etc/lvm/archive/'.length).startsWith('-');
  return false;
}

export function isAllowedRemoteDir(path: string): boolean {
  return REMOTE_DIRS.includes(path);
}

/** Read at most `cap + 1` bytes (the extra byte tells the caller the file was longer). */
export function buildReadFileCommand(path: string, cap: number, timeoutSeconds = 30): string {
  if (!isAllowedRemoteFile(path)) throw new NameError('remote path', path, 'only /etc/lvm/lvm.conf, lvmlocal.conf, profile/*.profile, backup/<vg> and archive/<vg>_NNNNN-N.vg');
  const n = checkInt('read cap', cap, 1, 64 * 1024 * 1024) + 1;
  const t = checkInt('remote timeout', timeoutSeconds, 1, 3600);
  const program = 'S=; [ "$(id -u)" = 0 ] || S="sudo -n"; exec $S head -c "$1" -- "$2"';
  return `env LC_ALL=C timeout -k 5 ${t} sh -c ${shQuote(program)} bw ${shQuote(String(n))} ${shQuote(path)}`;
}

/** List one allowlisted folder: at most `limit` entries, regular files only, names only. */
export function buildListDirCommand(path: string, limit = 5000, timeoutSeconds = 30): string {
  if (!isAllowedRemoteDir(path)) throw new NameError('remote folder', path, 'only /etc/lvm and its profile, backup and archive folders');
  const n = checkInt('list limit', limit, 1, 100000) + 1;
  const t = checkInt('remote timeout', timeoutSeconds, 1, 3600);
  // Full paths come back; the caller strips the folder and re-validates every name.
  const program = 'S=; [ "$(id -u)" = 0 ] || S="sudo -n"; $S find "$2" -mindepth 1 -maxdepth 1 -type f | head -n "$1"';
  return `env LC_ALL=C timeout -k 5 ${t} sh -c ${shQuote(program)} bw ${shQuote(String(n))} ${shQuote(path)}`;
}
