// Rule codes of lvm.conf, lvmlocal.conf and profiles, with their docs (our own words).
import { defineRules, type RuleDoc } from '../core/rules';

const L: RuleDoc['languages'] = ['lvm-conf'];

/**
 * Codes that report a problem `lvmconfig --validate` does not check (it checks names and types
 * only). These may be errors on files lvm2 calls valid; every other error code agrees with lvm2.
 */
export const SEMANTIC_ERROR_CODES = new Set(['invalid-filter', 'invalid-value', 'unsafe-retention', 'target-version']);

defineRules([
  { code: 'syntax', languages: L, severity: 'error', title: 'lvm2 cannot parse the file.', why: 'lvm2 refuses the whole file, so every LVM command fails (at boot too) until it is fixed.', fix: 'Correct the text at the marked place: close sections with "}", write values after "=", quote strings with spaces.' },
  { code: 'unknown-section', languages: L, severity: 'warning', title: 'A section lvm2 does not know.', why: 'lvm2 ignores everything in it, so the settings inside have no effect; `lvmconfig --validate` calls the file invalid.', fix: 'Check the spelling, or move the settings into the section they belong to.' },
  { code: 'unknown-setting', languages: L, severity: 'warning', title: 'A setting lvm2 does not know.', why: 'lvm2 ignores it silently at run time, so the admin believes something is configured that is not.', fix: 'Use the suggested spelling, or remove the line.' },
  { code: 'wrong-section', languages: L, severity: 'warning', title: 'A real setting placed in the wrong section.', why: 'lvm2 looks for each setting only in its own section, so this one is ignored.', fix: 'Move it into the section named in the message.' },
  { code: 'top-level-assignment', languages: L, severity: 'error', title: 'A setting outside any section.', why: 'lvm2 rejects lvm.conf files with settings outside a section.', fix: 'Put it inside its section, e.g. `backup { retain_min = 10 }`, or write it as `backup/retain_min = 10`.' },
  { code: 'type-mismatch', languages: L, severity: 'error', title: 'A value of the wrong type.', why: '`lvmconfig --validate` rejects it and lvm2 falls back to the default, so the setting silently does nothing.', fix: 'Write a value of the expected type: integers unquoted, strings quoted, booleans as 0/1.' },
  { code: 'empty-value', languages: L, severity: 'error', title: 'An empty value where lvm2 requires one.', why: 'lvm2 rejects "" (or an empty list) for this setting and uses its default instead.', fix: 'Give a value, or delete the line to get the default.' },
  { code: 'invalid-value', languages: L, severity: 'error', title: 'A value outside the setting\'s allowed set.', why: '`lvmconfig --validate` does not check values, but lvm2 compares them exactly (case-sensitive) at run time and treats anything else as some other behaviour, e.g. a mistyped mirror fault policy allocates.', fix: 'Use one of the listed values, spelt exactly.' },
  { code: 'deprecated-setting', languages: L, severity: 'warning', title: 'A setting lvm2 no longer uses.', why: 'lvm2 2.03 accepts 2.02 settings such as use_lvmetad and cache_dir without a word and then ignores them; the few it still acts on (locking_type = 0, mirror_device_fault_policy) are named in the message.', fix: 'Remove it, or use the replacement named in the message.' },
  { code: 'duplicate-setting', languages: L, severity: 'warning', title: 'The same setting twice.', why: 'lvm2 warns "Ignoring duplicate config value" and keeps the last value, which is easy to miss when reading the first.', fix: 'Keep one line with the value you mean.' },
  { code: 'target-version', languages: L, severity: 'error', title: 'A setting or value newer than the target lvm2.', why: 'The target host\'s lvm2 does not know it and ignores or rejects it.', fix: 'Remove it, or raise the target version if the hosts run a newer lvm2.' },
  { code: 'unsafe-retention', languages: L, severity: 'error', title: 'Metadata archive retention that leaves no useful history.', why: 'retain_min and retain_days are minimums. retain_min = 0 with retain_days = 0 keeps one archive only; a small retain_min leaves little to restore from on busy hosts.', fix: 'On busy hosts use retain_min = 100 with retain_days = 0; otherwise keep retain_min at 10 or more.' },
  { code: 'backup-disabled', languages: L, severity: 'warning', title: 'Metadata backups or archives turned off.', why: 'Without them there is nothing for vgcfgrestore to restore after a mistaken lvremove or damaged PV headers.', fix: 'Set backup = 1 and archive = 1; limit growth with retain_days instead.' },
  { code: 'check-disabled', languages: L, severity: 'warning', title: 'Thin or cache metadata checking turned off.', why: 'With an empty check executable, pools with damaged metadata are activated and written to unchecked.', fix: 'Restore the default path (/usr/sbin/thin_check, /usr/sbin/cache_check) and install thin-provisioning-tools.' },
  { code: 'invalid-filter', languages: L, severity: 'error', title: 'A device filter entry lvm2 cannot use.', why: '`lvmconfig --validate` accepts it, but every LVM command then fails with "Invalid filter pattern" or "Failed to create regex device filter", including at boot.', fix: 'Write each entry as "a|regex|" or "r|regex|"; close every ( and [; no empty alternatives.' },
  { code: 'unanchored-filter', languages: L, severity: 'warning', title: 'A filter pattern without a ^ anchor.', why: 'Patterns match anywhere in a device path: a|loop| also accepts /dev/vg/solooperation.', fix: 'Anchor the pattern, e.g. "a|^/dev/loop[0-9]+$|".' },
  { code: 'profile-section', languages: L, severity: 'error', title: 'A setting a profile cannot customise.', why: 'lvm2 rejects profiles with settings outside the profilable set ("is not customizable by a profile").', fix: 'Move the setting to lvm.conf or lvmlocal.conf.' },
  { code: 'profile-kind', languages: L, severity: 'warning', title: 'A metadata-profile setting or section in a command profile (or the reverse).', why: 'lvm2 applies some settings only through metadata profiles attached to a VG or LV; in the other kind of profile they are refused.', fix: 'Move the setting to a profile of the right kind.' },
]);
