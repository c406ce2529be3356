// Safety checks on the effective settings: metadata archive retention, backups turned off,
// and thin/cache metadata checks turned off.
import type { Fix } from '../../core/types';
import type { ConfSetting, ConfValue } from '../model';
import { push, rng, type Ctx } from './context';
import { scalarInt, scalarString } from './values';

export function checkSafety(ctx: Ctx, eff: Map<string, ConfSetting>): void {
  const minS = eff.get('backup/retain_min');
  const daysS = eff.get('backup/retain_days');
  const min = minS ? scalarInt(minS.value) : undefined;
  const days = daysS ? scalarInt(daysS.value) : undefined;
  const raiseFix = (s: ConfSetting): Fix[] => [
    {
      title: 'Keep the newest 100 archives (retain_min = 100, retain_days = 0)',
      preferred: true,
      edits: [
        { range: rng(ctx, s.value.start, s.value.end), newText: '100' },
        ...(daysS && daysS !== s && (days ?? 30) !== 0 ? [{ range: rng(ctx, daysS.value.start, daysS.value.end), newText: '0' }] : []),
      ],
    },
    { title: 'Raise retain_min to lvm2\'s default of 10', edits: [{ range: rng(ctx, s.value.start, s.value.end), newText: '10' }] },
  ];
  const archiveOff = eff.get('backup/archive');
  const archiveDisabled = archiveOff && isFalse(archiveOff.value);
  if (!archiveDisabled && min !== undefined && minS) {
    const effDays = days ?? 30;
    if (min <= 0 && effDays <= 0) {
      push(
        ctx,
        {
          code: 'unsafe-retention',
          severity: 'error',
          range: rng(ctx, minS.start, minS.end),
          message:
            'retain_min = 0 with retain_days = 0 leaves exactly one metadata archive per VG (the state before the last command): after two changes there is nothing to restore a mistaken lvremove from. Both settings are minimums, never maximums. Known-good: retain_min = 100, retain_days = 0.',
          related: daysS ? [{ range: rng(ctx, daysS.start, daysS.end), message: 'retain_days = 0' }] : undefined,
          fixes: raiseFix(minS),
        },
        minS.start,
      );
    } else if (min < 10) {
      push(
        ctx,
        {
          code: 'unsafe-retention',
          severity: 'warning',
          range: rng(ctx, minS.start, minS.end),
          message: `retain_min = ${min} is below lvm2's default of 10: once archives are older than retain_days (${effDays}) only ${Math.max(min, 1)} remain per VG. Both settings are minimums, not caps; to bound the archive on busy hosts use retain_min = 100 with retain_days = 0 instead.`,
          fixes: raiseFix(minS),
        },
        minS.start,
      );
    }
  }
  if (daysS && days !== undefined && days > 0 && (min ?? 10) >= 0) {
    // Long day-based retention is the other failure mode (archive growth); only worth a word
    // when it is well above the default.
    if (days > 90) {
      push(
        ctx,
        {
          code: 'unsafe-retention',
          severity: 'warning',
          range: rng(ctx, daysS.start, daysS.end),
          message: `retain_days = ${days} keeps every archive younger than ${days} days, however many there are. On hosts that change metadata all day (snapshot rotation, container storage) /etc/lvm/archive has grown to 110,000 files and slowed every LVM command. Known-good for busy hosts: retain_min = 100, retain_days = 0.`,
        },
        daysS.start,
      );
    }
  }
  for (const key of ['backup/backup', 'backup/archive']) {
    const s = eff.get(key);
    if (s && isFalse(s.value)) {
      const what = key === 'backup/backup' ? 'the current-metadata backup in backup_dir' : 'the archive of earlier metadata in archive_dir';
      push(
        ctx,
        {
          code: 'backup-disabled',
          severity: 'warning',
          range: rng(ctx, s.start, s.end),
          message: `${key} = 0 turns off ${what}: vgcfgrestore then has nothing to restore after a mistaken lvremove/lvreduce or damaged PV headers.${key === 'backup/archive' ? ' To limit archive growth, use retain_min = 100 with retain_days = 0 instead.' : ''}`,
          fixes: [{ title: `Set ${key.split('/')[1]} = 1`, preferred: true, edits: [{ range: rng(ctx, s.value.start, s.value.end), newText: '1' }] }],
        },
        s.start,
      );
    }
  }
  for (const [key, def, pkg] of [
    ['global/thin_check_executable', '/usr/sbin/thin_check', 'thin'],
    ['global/cache_check_executable', '/usr/sbin/cache_check', 'cache'],
  ] as const) {
    const s = eff.get(key);
    if (s && scalarString(s.value) === '') {
      push(
        ctx,
        {
          code: 'check-disabled',
          severity: 'warning',
          range: rng(ctx, s.start, s.end),
          message: `An empty ${key.split('/')[1]} turns off the ${pkg} metadata check: pools with damaged metadata are activated and written to unchecked. Use ${def} (package thin-provisioning-tools).`,
          fixes: [{ title: `Use ${def}`, preferred: true, edits: [{ range: rng(ctx, s.value.start, s.value.end), newText: `"${def}"` }] }],
        },
        s.start,
      );
    }
  }
}

function isFalse(v: ConfValue): boolean {
  const n = scalarInt(v);
  if (n !== undefined) return n === 0;
  const s = scalarString(v);
  return s !== undefined && ['n', 'no', 'off', 'false'].includes(s.toLowerCase());
}
