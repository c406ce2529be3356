// From report rows to the hosts view model: VGs with LVs and PVs, derived health (Cockpit's
// rules: partial vs degraded per RAID level, refresh needed, mismatches, invalid snapshots,
// missing PVs, inactive pools as unknown), and findings with stable codes.
import { defineRules } from '../core/rules';
import type { Severity } from '../core/types';
import { displayName, isValidLvmName } from './names';
import { compareVersions, type LvmReport, type Probes, type Row } from './report';
import { humanBytes } from '../core/units';

export type LvHealth = 'ok' | 'partial' | 'degraded' | 'degraded-maybe-partial' | 'refresh-needed' | 'mismatches' | 'invalid' | 'failed' | 'out-of-data' | 'metadata-read-only' | 'unknown';

export interface LvView {
  uuid: string;
  name: string;
  vg: string;
  hidden: boolean;
  /** False when the name breaks lvm2's own rules: shown escaped, never used in a command. */
  nameValid: boolean;
  attr: string;
  kind: string;
  layout: string;
  role: string;
  sizeBytes: number | null;
  pool?: string;
  origin?: string;
  /** null = unknown (inactive pool, activation off): never shown as 0%. */
  dataPercent: number | null;
  metadataPercent: number | null;
  snapPercent: number | null;
  syncPercent: number | null;
  active: boolean | null;
  health: LvHealth;
  healthText: string;
  raidSyncAction?: string;
  mismatchCount?: number;
  segtypes: string[];
  devices: string[];
  /** dmeventd monitoring of the first segment: "monitored", "not monitored", "pending", or "" (not applicable or unknown). */
  monitor: string;
  tags: string;
}

export interface PvView {
  uuid: string;
  name: string;
  vg: string;
  attr: string;
  sizeBytes: number | null;
  freeBytes: number | null;
  missing: boolean;
}

export interface VgView {
  uuid: string;
  name: string;
  nameValid: boolean;
  attr: string;
  sizeBytes: number | null;
  freeBytes: number | null;
  partial: boolean;
  missingPvCount: number;
  lockType: string;
  lvs: LvView[];
  pvs: PvView[];
}

export interface RemoteFinding {
  code: string;
  severity: Severity;
  message: string;
  vg?: string;
  lv?: string;
}

export interface HealthOptions {
  thinWarnPercent?: number;
  thinErrorPercent?: number;
  archiveMaxFiles?: number;
  archiveMaxBytes?: number;
}

const RULES = [
  { code: 'missing-check-tool', severity: 'error' as Severity, title: 'Thin or cache LVs on a host whose check tool is missing or disabled.', why: 'lvm2 runs thin_check or cache_check before it activates a pool. Up to lvm2 2.02.177 a missing tool fails the activation, so the pool and every LV in it stay down after the next reboot; newer lvm2 warns and activates the pool without checking its metadata.', fix: 'Install thin-provisioning-tools (thin_check, cache_check) on the host, or point global/thin_check_executable and cache_check_executable at the installed tools.' },
  { code: 'thin-pool-full', severity: 'warning' as Severity, title: 'A thin pool\'s data or metadata is nearly full.', why: 'A full data area stalls or fails writes to every thin LV in the pool; full metadata is worse and can leave the pool read-only or in need of repair.', fix: 'Extend the pool (lvextend, or lvextend --poolmetadatasize for metadata), free space with fstrim, or enable autoextend with dmeventd monitoring.' },
  { code: 'snapshot-invalid', severity: 'error' as Severity, title: 'An old-style snapshot overflowed or failed to merge.', why: 'An invalid snapshot no longer holds a usable copy of its origin; reads from it fail.', fix: 'Remove the snapshot (lvremove) and create a larger one if the copy is still needed.' },
  { code: 'vg-partial', severity: 'error' as Severity, title: 'A volume group is missing physical volumes.', why: 'LVs with extents on the missing PVs are partial (data missing) or degraded; metadata changes are refused until the VG is repaired.', fix: 'Reconnect the missing disk; if it is gone for good, replace the RAID legs (lvconvert --repair) and then vgreduce --removemissing.' },
  { code: 'pv-missing', severity: 'error' as Severity, title: 'A physical volume the VG expects is not present.', why: 'The disk is detached, failed, or filtered out; whatever lives on it is unavailable.', fix: 'Check cabling, multipath and devices/filter; see vg-partial for the repair path.' },
  { code: 'raid-degraded', severity: 'warning' as Severity, title: 'A RAID LV lost legs (degraded) or more legs than its level tolerates (partial).', why: 'A degraded RAID still serves data but one more failure may lose it; a partial one has already lost data.', fix: 'Replace the failed leg with lvconvert --repair VG/LV once a new PV is in the VG.' },
  { code: 'raid-refresh-needed', severity: 'warning' as Severity, title: 'A RAID LV needs a refresh.', why: 'A leg came back after a transient failure; the kernel still treats it as failed until the LV is refreshed.', fix: 'Run lvchange --refresh VG/LV, then watch the resync.' },
  { code: 'raid-mismatches', severity: 'warning' as Severity, title: 'A scrub found mismatches in a RAID LV.', why: 'The legs disagree; reads may return different data depending on which leg answers.', fix: 'Check the disks, then run lvchange --syncaction repair VG/LV.' },
  { code: 'archive-growth', severity: 'warning' as Severity, title: 'The metadata archive folder has grown large.', why: 'Every metadata change stats every file; lvm2 itself hints at pruning above 8,192 files or 128 MiB, and commands slow down noticeably with 100,000 files.', fix: 'Set backup/retain_min to a bounded value (e.g. 100) with retain_days = 0; the next metadata change prunes the old files.' },
  { code: 'unsafe-retention', severity: 'error' as Severity, title: 'Metadata archive retention that leaves no useful history.', why: 'retain_min and retain_days are minimums. With retain_days = 0 and retain_min of 0 or 1 only the state before the last command survives; with archive = 0 nothing does.', fix: 'Use retain_min = 100 with retain_days = 0 on busy hosts, or keep retain_min at 10 or more; keep backup/archive = 1.' },
  { code: 'lock-held', severity: 'warning' as Severity, title: 'A VG lock was held by another command during the refresh.', why: 'Another LVM command (or a hung one) holds the VG lock; its state could not be read now and LVM commands on it will wait.', fix: 'Look for long-running or hung lvm processes on the host (ps -ef | grep lvm) before retrying.' },
  { code: 'lv-unmonitored', severity: 'warning' as Severity, title: 'A RAID, mirror, thin pool or snapshot LV is active but not monitored by dmeventd.', why: 'dmeventd is what acts on a failure or a filling pool: without monitoring, raid_fault_policy and mirror_image_fault_policy never run, a failed leg stays failed, and thin pools and snapshots are never autoextended however the thresholds are set.', fix: 'Start monitoring with lvchange --monitor y VG/LV, keep activation/monitoring = 1 and the lvm2-monitor service (dmeventd) running. After a leg failed unnoticed: lvconvert --repair VG/LV once a PV with free space is in the VG; if the failed disk is gone for good, vgreduce --removemissing VG afterwards; if it came back, lvchange --refresh VG/LV.' },
  { code: 'fault-policy-cannot-act', severity: 'warning' as Severity, title: 'The RAID or mirror fault policy is allocate, but the VG has no room outside the LV to allocate a replacement.', why: 'With allocate, dmeventd replaces a failed image on a PV the LV does not already use. When no other PV has enough free extents, the replacement fails and the LV stays degraded, exactly as if the policy were warn.', fix: 'Add a PV (vgextend) or free space on a PV outside the LV, sized for at least one image. To repair by hand: lvconvert --repair VG/LV; with the old disk gone for good, vgreduce --removemissing VG afterwards.' },
  { code: 'autoextend-no-space', severity: 'warning' as Severity, title: 'Thin pool autoextension is on, but the VG has no free space to extend into.', why: 'With thin_pool_autoextend_threshold below 100, dmeventd extends a filling pool from the VG\'s free extents. With none left the extension fails and the pool fills up anyway, which stalls or fails writes to every thin LV in it.', fix: 'Add a PV (vgextend) or free extents in the VG; otherwise extend the pool by hand (lvextend) before it fills and watch data_percent. If the pool has already filled: lvextend the pool, then lvchange --refresh it if it stayed read-only.' },
  { code: 'needs-root', severity: 'error' as Severity, title: 'Reading LVM state needs root on the host.', why: 'As a normal user lvm2 cannot open the devices or the lock files, so the report would be empty rather than correct.', fix: 'Log in as a user with passwordless sudo for lvm and lvmconfig (sudo -n), or use a dedicated root key with a restricted command.' },
];
defineRules(RULES.map((r) => ({ ...r, languages: [], appliesTo: 'remote hosts: blockwise hosts and the hosts view' })));

export function ruleSeverity(code: string): Severity {
  return RULES.find((r) => r.code === code)?.severity ?? 'warning';
}

function num(s: string | undefined): number | null {
  if (s === undefined || s === '' || !/^-?\d+(\.\d+)?$/.test(s.trim())) return null;
  return Number(s);
}

function bare(name: string): string {
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}

/** Missing legs a RAID level tolerates. */
function raidVerdict(level: string, images: number, missing: number): LvHealth {
  if (missing === 0) return 'ok';
  if (/^raid1$|^mirror$/.test(level)) return missing < images ? 'degraded' : 'partial';
  if (/^raid[45]/.test(level)) return missing <= 1 ? 'degraded' : 'partial';
  if (/^raid6/.test(level)) return missing <= 2 ? 'degraded' : 'partial';
  if (/^raid10/.test(level)) return missing === 1 ? 'degraded' : missing * 2 > images ? 'partial' : 'degraded-maybe-partial';
  return 'partial'; // raid0, striped, linear: any lost stripe loses data
}

const HEALTH_TEXT: Record<LvHealth, string> = {
  ok: 'healthy',
  partial: 'partial: data on missing PVs is lost or unavailable',
  degraded: 'degraded: still working, but it lost redundancy',
  'degraded-maybe-partial': 'degraded, maybe partial: whether data is lost depends on which legs are missing',
  'refresh-needed': 'refresh needed (lvchange --refresh)',
  mismatches: 'mismatches found by a scrub',
  invalid: 'invalid snapshot',
  failed: 'failed',
  'out-of-data': 'thin pool out of data space',
  'metadata-read-only': 'thin pool metadata read-only',
  unknown: 'unknown',
};

export function buildModel(r: LvmReport): VgView[] {
  const vgs = new Map<string, VgView>();
  for (const v of r.vgs) {
    const missing = num(v.vg_missing_pv_count) ?? 0;
    vgs.set(v.vg_name, {
      uuid: v.vg_uuid ?? '',
      name: v.vg_name ?? '',
      nameValid: isValidLvmName(v.vg_name ?? ''),
      attr: v.vg_attr ?? '',
      sizeBytes: num(v.vg_size),
      freeBytes: num(v.vg_free),
      partial: (v.vg_attr ?? '')[3] === 'p' || missing > 0,
      missingPvCount: missing,
      lockType: v.vg_lock_type ?? '',
      lvs: [],
      pvs: [],
    });
  }
  const segsByLv = new Map<string, Row[]>();
  for (const s of r.segs) {
    const list = segsByLv.get(s.lv_uuid) ?? [];
    list.push(s);
    segsByLv.set(s.lv_uuid, list);
  }
  const lvByName = new Map<string, LvView>();
  for (const l of r.lvs) {
    const full = l.lv_full_name ?? '';
    const slash = full.indexOf('/');
    const vgName = l.vg_name ?? (slash > 0 ? full.slice(0, slash) : '');
    const segs = segsByLv.get(l.lv_uuid) ?? [];
    const attr = l.lv_attr ?? '';
    const hidden = (l.lv_name ?? '').startsWith('[');
    const lv: LvView = {
      uuid: l.lv_uuid ?? '',
      name: l.lv_name ?? '',
      vg: vgName,
      hidden,
      nameValid: isValidLvmName(l.lv_name ?? '', { hidden }),
      attr,
      kind: segs[0]?.segtype ?? '',
      layout: l.lv_layout ?? '',
      role: l.lv_role ?? '',
      sizeBytes: num(l.lv_size),
      pool: l.pool_lv || undefined,
      origin: l.origin || undefined,
      dataPercent: num(l.data_percent),
      metadataPercent: num(l.metadata_percent),
      snapPercent: num(l.snap_percent),
      syncPercent: num(l.sync_percent) ?? num(l.copy_percent),
      active: l.lv_active === 'active' ? true : l.lv_active === '' || l.lv_active === 'unknown' || l.lv_active === undefined ? null : false,
      health: 'ok',
      healthText: '',
      raidSyncAction: l.raid_sync_action || undefined,
      mismatchCount: num(l.raid_mismatch_count) ?? undefined,
      segtypes: segs.map((s) => s.segtype ?? ''),
      devices: segs.flatMap((s) => (s.devices ?? '').split(',').filter(Boolean)),
      monitor: /^(monitored|not monitored|pending)$/.test(segs[0]?.seg_monitor ?? '') ? segs[0].seg_monitor : '',
      tags: l.lv_tags ?? '',
    };
    lvByName.set(`${vgName}/${bare(lv.name)}`, lv);
    const vg = vgs.get(vgName);
    if (vg) vg.lvs.push(lv);
  }
  for (const p of r.pvs) {
    const vgName = p.vg_name ?? '';
    const pv: PvView = {
      uuid: p.pv_uuid ?? '',
      name: p.pv_name ?? '',
      vg: vgName,
      attr: p.pv_attr ?? '',
      sizeBytes: num(p.pv_size),
      freeBytes: num(p.pv_free),
      missing: p.pv_missing === 'missing' || (p.pv_attr ?? '')[2] === 'm' || p.pv_name === '[unknown]',
    };
    const vg = vgs.get(vgName);
    if (vg) vg.pvs.push(pv);
  }
  // Derived health.
  for (const vg of vgs.values()) {
    for (const lv of vg.lvs) {
      const h = lv.attr[8];
      const state = lv.attr[4];
      const type = lv.attr[0];
      const level = lv.segtypes[0] ?? '';
      let health: LvHealth = 'ok';
      if ((type === 's' || type === 'S') && (state === 'I' || state === 'm')) health = 'invalid';
      else if (h === 'p' || lv.devices.some((d) => d.startsWith('[unknown]'))) {
        if (/^raid(?!0)|^mirror$/.test(level)) {
          const images = lv.devices.filter((d) => /_(r|m)image_\d+\]?\(/.test(d) || /_mimage_/.test(d));
          let missing = 0;
          for (const d of images) {
            const sub = lvByName.get(`${vg.name}/${bare(d.replace(/\(\d+\)$/, ''))}`);
            if (sub && (sub.attr[8] === 'p' || sub.devices.some((x) => x.startsWith('[unknown]')))) missing++;
          }
          health = raidVerdict(level, images.length, missing || 1);
        } else health = 'partial';
      } else if (h === 'r') health = 'refresh-needed';
      else if (h === 'm' || (lv.mismatchCount ?? 0) > 0) health = 'mismatches';
      else if (h === 'F') health = 'failed';
      else if (h === 'D') health = 'out-of-data';
      else if (h === 'M') health = 'metadata-read-only';
      else if (h === 'X' && lv.active === null && level !== 'linear' && level !== 'striped') health = 'unknown';
      lv.health = health;
      lv.healthText = HEALTH_TEXT[health];
    }
  }
  return [...vgs.values()];
}

export function formatBytes(n: number | null): string {
  return n === null ? 'unknown' : humanBytes(n);
}

export function formatPercent(p: number | null): string {
  return p === null ? 'unknown' : `${p.toFixed(2)}%`;
}

function lvLabel(lv: LvView): string {
  return `${displayName(lv.vg)}/${displayName(bare(lv.name))}`;
}

/** Findings for one host from the model and the probes. */
export function hostFindings(vgs: VgView[], probes: Probes, log: Row[], o: HealthOptions = {}): RemoteFinding[] {
  const warnAt = o.thinWarnPercent ?? 80;
  const errAt = o.thinErrorPercent ?? 95;
  const maxFiles = o.archiveMaxFiles ?? 8192;
  const maxBytes = o.archiveMaxBytes ?? 128 * 1024 * 1024;
  const out: RemoteFinding[] = [];
  const add = (code: string, severity: Severity, message: string, vg?: string, lv?: string) =>
    out.push({ code, severity, message, ...(vg !== undefined ? { vg } : {}), ...(lv !== undefined ? { lv } : {}) });

  const thinLvs: LvView[] = [];
  const cacheLvs: LvView[] = [];
  for (const vg of vgs) {
    const vgName = displayName(vg.name);
    if (vg.partial) {
      const lost = vg.lvs.filter((l) => !l.hidden && (l.health === 'partial' || l.health === 'degraded' || l.health === 'degraded-maybe-partial'));
      add('vg-partial', 'error', `VG ${vgName} is missing ${vg.missingPvCount || 'some'} PV(s)${lost.length ? `; affected LVs: ${lost.map((l) => displayName(l.name)).join(', ')}` : ''}.`, vg.name);
    }
    for (const pv of vg.pvs.filter((p) => p.missing))
      add('pv-missing', 'error', `VG ${vgName}: PV ${pv.uuid || displayName(pv.name)} is missing.`, vg.name);
    for (const lv of vg.lvs) {
      const label = lvLabel(lv);
      const segs = lv.segtypes;
      if (segs.some((s) => s === 'thin' || s === 'thin-pool')) thinLvs.push(lv);
      if (segs.some((s) => s === 'cache' || s === 'cache-pool')) cacheLvs.push(lv);
      if (lv.hidden) continue;
      const isRaid = segs.some((s) => /^raid(?!0)|^mirror$/.test(s));
      if (isRaid && (lv.health === 'degraded' || lv.health === 'degraded-maybe-partial' || lv.health === 'partial'))
        add('raid-degraded', lv.health === 'degraded' ? 'warning' : 'error', `${label} (${segs[0]}) is ${lv.healthText}.`, vg.name, lv.name);
      if (lv.health === 'refresh-needed') add('raid-refresh-needed', 'warning', `${label} needs a refresh: lvchange --refresh ${label}.`, vg.name, lv.name);
      if (lv.health === 'mismatches') add('raid-mismatches', 'warning', `${label}: ${lv.mismatchCount ?? 'some'} mismatches found by a scrub.`, vg.name, lv.name);
      if (lv.health === 'invalid') add('snapshot-invalid', 'error', `Snapshot ${label} is invalid${lv.origin ? ` (origin ${displayName(lv.origin)})` : ''}.`, vg.name, lv.name);
      if (segs[0] === 'thin-pool') {
        if (lv.health === 'out-of-data' || lv.health === 'metadata-read-only' || lv.health === 'failed')
          add('thin-pool-full', 'error', `Thin pool ${label}: ${lv.healthText}.`, vg.name, lv.name);
        else {
          for (const [what, p] of [['metadata', lv.metadataPercent], ['data', lv.dataPercent]] as const) {
            if (p === null) continue;
            if (p >= errAt) add('thin-pool-full', 'error', `Thin pool ${label}: ${what} ${formatPercent(p)} full (error at ${errAt}%).`, vg.name, lv.name);
            else if (p >= warnAt) add('thin-pool-full', 'warning', `Thin pool ${label}: ${what} ${formatPercent(p)} full (warning at ${warnAt}%).`, vg.name, lv.name);
          }
        }
      }
    }
  }
  faultHandlingFindings(vgs, probes.config, add);
  // One reboot away: thin or cache LVs while the check tool is missing or disabled.
  const ver = probes.lvmVersion;
  const old = ver !== undefined && compareVersions(ver, '2.02.178') < 0;
  const consequence = ver === undefined
    ? 'depending on the lvm2 version, the pools either stay down after the next reboot or are activated without a metadata check'
    : old
      ? `lvm2 ${ver} refuses to activate the pools without it, so they stay down after the next reboot`
      : `lvm2 ${ver} activates the pools without checking their metadata (it only warns)`;
  for (const [key, tool, lvs] of [
    ['thin_check_executable', 'thin_check', thinLvs],
    ['cache_check_executable', 'cache_check', cacheLvs],
  ] as const) {
    const t = probes.tools[key];
    if (!lvs.length || !t || (t.state !== 'missing' && t.state !== 'disabled')) continue;
    const pools = [...new Set(lvs.filter((l) => l.segtypes[0] === 'thin-pool' || l.segtypes[0] === 'cache' || l.segtypes[0] === 'cache-pool' || !l.hidden).map(lvLabel))];
    const why = t.state === 'disabled' ? `global/${key} is empty (checking disabled)` : `${tool} (${displayName(t.path ?? '')}) is not installed`;
    for (const vgName of new Set(lvs.map((l) => l.vg)))
      add('missing-check-tool', old ? 'error' : 'warning', `${why}, and VG ${displayName(vgName)} has ${tool === 'thin_check' ? 'thin' : 'cache'} LVs (${pools.filter((p) => p.startsWith(`${displayName(vgName)}/`)).join(', ')}): ${consequence}.`, vgName);
  }
  // Archive growth and retention.
  const a = probes.archive;
  if (a && a.files !== 'absent') {
    const bytes = a.kib !== undefined ? a.kib * 1024 : undefined;
    if (a.files > maxFiles || (bytes !== undefined && bytes > maxBytes))
      add('archive-growth', 'warning', `The archive folder ${displayName(probes.config.archive_dir ?? '')} holds ${a.files > 100000 ? 'more than 100000' : a.files} files${bytes !== undefined ? ` (${formatBytes(bytes)})` : ''}; lvm2 hints at pruning above ${maxFiles} files or ${formatBytes(maxBytes)}.`);
  }
  const c = probes.config;
  const days = num(c.retain_days);
  const min = num(c.retain_min);
  if (c.archive === '0') add('unsafe-retention', 'error', 'backup/archive = 0: no metadata archives are written, so a mistaken change cannot be restored with vgcfgrestore.');
  else if (days === 0 && min !== null && min <= 1)
    add('unsafe-retention', 'error', `retain_min = ${min} with retain_days = 0 keeps only the state before the last command; both are minimums, not caps. Use retain_min = 100, retain_days = 0.`);
  else if (min !== null && min < 10)
    add('unsafe-retention', 'warning', `retain_min = ${min} is below lvm2's default of 10: once archives are older than ${days ?? 30} days only ${Math.max(min, 1)} remain per VG.`);
  // Locks.
  for (const l of log) {
    const m = /^Can't get lock for (.+?)\.?$/.exec((l.log_message ?? '').trim());
    if (m) add('lock-held', 'warning', `VG ${displayName(m[1])}: its lock is held by another command; its state was not read.`, m[1]);
  }
  return out;
}

type Add = (code: string, severity: Severity, message: string, vg?: string, lv?: string) => void;

/** Kinds of LV whose failures or fill levels dmeventd acts on. */
function monitoredKind(lv: LvView): string | undefined {
  const seg = lv.segtypes[0] ?? '';
  if (/^raid(?!0)/.test(seg)) return seg;
  if (seg === 'mirror') return 'mirror';
  if (seg === 'thin-pool') return 'thin pool';
  if (lv.attr[0] === 's' || lv.attr[0] === 'S') return 'snapshot';
  return undefined;
}

/** PV names an LV's extents lie on, through its hidden sub-LVs (iterative, bounded by the LV count). */
function pvsOfLv(vg: VgView, lv: LvView): Set<string> {
  const byName = new Map(vg.lvs.map((l) => [bare(l.name), l]));
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack = [lv];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur.name)) continue;
    seen.add(cur.name);
    for (const d of cur.devices) {
      const dev = d.replace(/\(\d+\)$/, '');
      const sub = byName.get(bare(dev));
      if (sub && (dev.startsWith('[') || sub.hidden)) stack.push(sub);
      else out.add(dev);
    }
  }
  return out;
}

/**
 * dmeventd and the fault policies: an LV nobody monitors, an allocate policy with nowhere to
 * allocate, autoextension with nothing to extend into. Config values come from the host's lvmconfig.
 */
function faultHandlingFindings(vgs: VgView[], config: Record<string, string>, add: Add): void {
  const monitoringOff = config.monitoring === '0';
  const threshold = num(config.thin_pool_autoextend_threshold);
  for (const vg of vgs) {
    for (const lv of vg.lvs) {
      if (lv.hidden || lv.active !== true) continue;
      const kind = monitoredKind(lv);
      if (!kind) continue;
      const label = lvLabel(lv);
      if (lv.monitor === 'not monitored') {
        const acts = kind === 'thin pool' ? 'autoextension never runs for it' : kind === 'snapshot' ? 'it is never autoextended and overflows silently' : 'its fault policy never runs, so a failed leg stays failed';
        add('lv-unmonitored', 'warning', `${label} (${kind}) is active but not monitored by dmeventd${monitoringOff ? ' (activation/monitoring = 0)' : ''}: ${acts}. Run lvchange --monitor y ${label}.`, vg.name, lv.name);
      }
      const policy = kind === 'mirror' ? config.mirror_image_fault_policy : /^raid/.test(kind) ? config.raid_fault_policy : undefined;
      if (policy === 'allocate') {
        const used = pvsOfLv(vg, lv);
        const images = vg.lvs.filter((l) => l.hidden && new RegExp(`^\\[?${escapeRe(bare(lv.name))}_(r|m)image_\\d+\\]?$`).test(l.name));
        const need = images.length ? Math.min(...images.map((i) => i.sizeBytes ?? 0)) : 0;
        const spare = vg.pvs.filter((p) => !p.missing && !used.has(p.name)).reduce((n, p) => n + (p.freeBytes ?? 0), 0);
        if (spare === 0 || spare < need)
          add('fault-policy-cannot-act', 'warning', `${label} (${kind}): ${kind === 'mirror' ? 'mirror_image_fault_policy' : 'raid_fault_policy'} = allocate, but the PVs outside it have ${formatBytes(spare)} free${need ? ` and one image needs ${formatBytes(need)}` : ''}: a failed image cannot be replaced automatically.`, vg.name, lv.name);
      }
      if (kind === 'thin pool' && threshold !== null && threshold < 100 && (vg.freeBytes ?? 1) === 0)
        add('autoextend-no-space', 'warning', `Thin pool ${label}: thin_pool_autoextend_threshold = ${threshold}, but VG ${displayName(vg.name)} has no free extents: the pool cannot grow when it reaches ${threshold}%.`, vg.name, lv.name);
    }
  }
}

function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
