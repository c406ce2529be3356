// lvm.conf settings that work against each other or against the metadata (issue 23, item 6):
// locking turned off, device filters the devices file makes lvm2 ignore, and autoextend
// thresholds that nothing acts on because monitoring is off. Facts from lvm2's source (2.03.39
// unless said otherwise; the lines are named in docs/rules/lvm-conf.md).
import { defineRules } from '../core/rules';
import type { Finding, Range } from '../core/types';
import type { ConfSetting, ConfValue } from './model';
import { compareVersions } from './schema';

defineRules([
  {
    code: 'locking-disabled',
    languages: ['lvm-conf'],
    severity: 'error',
    title: 'locking_type = 0 (or 5) turns LVM locking off.',
    why: 'Every LVM command then runs without the file lock that keeps two commands from changing the same VG at once (lvm2 2.03 warns "locking_type (0) is deprecated, using --nolocking" and "File locking is disabled" on every command; 2.02 warned that this could corrupt metadata). Two concurrent lvcreate/lvextend, or a command racing a udev-triggered activation, can write conflicting metadata.',
    fix: 'Remove locking_type (lvm2 2.03 always uses local file locking); for shared VGs use global/use_lvmlockd = 1 with lvmlockd. Use --nolocking on the one command that really needs it.',
  },
  {
    code: 'filter-ignored',
    languages: ['lvm-conf'],
    severity: 'warning',
    title: 'A device filter that the devices file makes lvm2 ignore.',
    why: 'With use_devicesfile = 1 and the devices file present (/etc/lvm/devices/system.devices by default), lvm2 uses only the devices listed in that file and skips both filter and global_filter, warning "Please remove the lvm.conf filter, it is ignored with the devices file." The admin reads a filter that does nothing, and a device the filter was meant to hide is used if it is in the devices file.',
    fix: 'Decide which list is in charge: keep the devices file (manage it with lvmdevices) and remove filter/global_filter, or set use_devicesfile = 0 to go on using the filters.',
  },
  {
    code: 'autoextend-unmonitored',
    languages: ['lvm-conf'],
    severity: 'warning',
    title: 'An autoextend threshold below 100 with monitoring = 0.',
    why: 'Thin pools, snapshots and VDO pools are extended automatically by dmeventd, which watches only monitored LVs. With activation/monitoring = 0 no LV is monitored, so the pool or snapshot fills up instead: a full thin pool stops writes (or errors them), a full snapshot is invalidated.',
    fix: 'Set activation/monitoring = 1 (and keep dmeventd running), or set the threshold to 100 and extend by hand (lvextend).',
  },
]);

/** What the rules here need from the analysis: effective settings, the release, and how to report. */
export interface RiskInput {
  /** The last occurrence of each setting, by path. */
  effective: Map<string, ConfSetting>;
  /** The lvm2 release the file is checked as; undefined: the newest. */
  release?: string;
  range(start: number, end: number): Range;
  push(f: Finding, at: number): void;
}

function int(v: ConfValue): number | undefined {
  if (v.kind === 'int') return v.num;
  if (v.kind === 'array' && v.items?.length === 1 && v.items[0].kind === 'int') return v.items[0].num;
  return undefined;
}

/** lvm2 reads booleans as integers (0 off, anything else on) or y/n/yes/no/on/off/true/false. */
function bool(v: ConfValue): boolean | undefined {
  const n = int(v);
  if (n !== undefined) return n !== 0;
  const s = v.kind === 'string' ? v.str : undefined;
  if (s === undefined) return undefined;
  const l = s.toLowerCase();
  if (['y', 'yes', 'on', 'true'].includes(l)) return true;
  if (['n', 'no', 'off', 'false'].includes(l)) return false;
  return undefined;
}

const at = (s: ConfSetting, range: RiskInput['range']): Range => range(s.start, s.end);
const lineOf = (s: ConfSetting, range: RiskInput['range']): number => range(s.start, s.start).start.line + 1;

/** Whether locking_type has the value that turns locking off at this release (0; 5 too from 2.03). */
export function locksOff(s: ConfSetting, release?: string): boolean {
  const t = int(s.value);
  return t === 0 || (t === 5 && (release === undefined || compareVersions(release, '2.03.00') >= 0));
}

export function riskFindings(input: RiskInput): void {
  const { effective: eff, release, range, push } = input;
  const v203 = release === undefined || compareVersions(release, '2.03.00') >= 0;

  // ---- locking_type = 0 ----
  const lt = eff.get('global/locking_type');
  if (lt && locksOff(lt, release)) {
    push(
      {
        code: 'locking-disabled',
        severity: 'error',
        range: at(lt, range),
        message: v203
          ? `locking_type = ${int(lt.value)} turns locking off: lvm2 warns "locking_type (${int(lt.value)}) is deprecated, using --nolocking" and "File locking is disabled" on every command, and runs each one without the lock that keeps concurrent commands from writing conflicting VG metadata. Remove the line (2.03 always uses file locking); shared VGs need use_lvmlockd = 1 with lvmlockd.`
          : `locking_type = 0 turns locking off: lvm2 ${release} warns "Locking disabled. Be careful! This could corrupt your metadata." on every command, and concurrent commands can write conflicting VG metadata. Use locking_type = 1.`,
        fixes: [{ title: 'Remove locking_type (file locking)', preferred: true, edits: [{ range: range(lt.start, lt.end), newText: v203 ? '' : 'locking_type = 1' }] }],
      },
      lt.start,
    );
  }

  // ---- filters under a devices file ----
  const use = eff.get('devices/use_devicesfile');
  if (use && bool(use.value) === true && (release === undefined || compareVersions(release, '2.03.12') >= 0)) {
    const filters = ['devices/filter', 'devices/global_filter'].map((p) => eff.get(p)).filter((s): s is ConfSetting => !!s && (s.value.kind !== 'array' || (s.value.items?.length ?? 0) > 0));
    if (filters.length) {
      const file = eff.get('devices/devicesfile');
      const name = file?.value.kind === 'string' && file.value.str ? file.value.str : 'system.devices';
      const first = filters[0];
      push(
        {
          code: 'filter-ignored',
          severity: 'warning',
          range: range(first.nameStart, first.nameEnd),
          message: `${filters.map((f) => f.name).join(' and ')} ${filters.length > 1 ? 'are' : 'is'} ignored: use_devicesfile = 1 (line ${lineOf(use, range)}) makes lvm2 use only the devices listed in /etc/lvm/devices/${name} whenever that file exists, and it skips filter and global_filter ("Please remove the lvm.conf filter, it is ignored with the devices file."). The devices file wins; the filters apply only if the file is removed, with use_devicesfile = 0, or with --devicesfile "".`,
          related: [{ range: at(use, range), message: 'the devices file is enabled here' }, ...filters.slice(1).map((f) => ({ range: range(f.nameStart, f.nameEnd), message: `${f.name} is ignored too` }))],
        },
        first.start,
      );
    }
  }

  // ---- autoextend with monitoring off ----
  const mon = eff.get('activation/monitoring');
  if (mon && bool(mon.value) === false) {
    const low = ['activation/thin_pool_autoextend_threshold', 'activation/snapshot_autoextend_threshold', 'activation/vdo_pool_autoextend_threshold']
      .map((p) => eff.get(p))
      .filter((s): s is ConfSetting => !!s && (int(s.value) ?? 100) < 100)
      .sort((a, b) => a.start - b.start);
    if (low.length) {
      const first = low[0];
      const what = (s: ConfSetting): string => (s.name.startsWith('thin') ? 'thin pools' : s.name.startsWith('snapshot') ? 'snapshots' : 'VDO pools');
      push(
        {
          code: 'autoextend-unmonitored',
          severity: 'warning',
          range: at(first, range),
          message: `${first.name} = ${int(first.value)} asks dmeventd to extend ${low.map(what).join(', ')} when they pass the threshold, but monitoring = 0 (line ${lineOf(mon, range)}) means no LV is monitored: autoextend never runs, and the ${what(first)} fill up instead.`,
          related: [{ range: at(mon, range), message: 'monitoring is off here' }, ...low.slice(1).map((s) => ({ range: at(s, range), message: `${s.name} never acts either` }))],
        },
        first.start,
      );
    }
  }
}
