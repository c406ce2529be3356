// What CI reports say of a rule besides its catalogue entry: a display name, its family
// (safety: data loss or a system that will not boot or activate; version: a release refuses or
// ignores it; syntax: the file itself is malformed or unknown to the tool) and how sure a finding
// of it is (SARIF `precision`; GitHub shows it and filters on it).
import type { RuleDoc } from '../core/rules';
import type { Severity } from '../core/types';

export type Family = 'safety' | 'syntax' | 'version';

const VERSION = new Set([
  'deprecated-command',
  'deprecated-option',
  'deprecated-section',
  'deprecated-setting',
  'removed-command',
  'removed-option',
  'removed-section',
  'target-overrides-version',
  'target-version',
  'version-unsupported',
  'needs-thin-tools',
]);

const SAFETY = new Set([
  // kickstart storage review (kickstart/rules/safety.ts, storage.ts)
  'unguarded-clearpart', 'unguarded-pre-wipe', 'empty-generated-drives', 'unchecked-include', 'unscoped-zerombr',
  'ineffective-pre-guard', 'weak-clearpart-scope', 'empty-drive-list', 'clearpart-redefined', 'clearpart-type-conflict',
  'disk-not-selected', 'dynamic-partitioning', 'interactive-storage', 'undefined-raid-member', 'undefined-pv',
  'undefined-volgroup', 'undefined-thinpool', 'unused-raid-member', 'unused-pv', 'raid-too-few-members',
  'raid-member-reused', 'duplicate-member-id', 'duplicate-mountpoint', 'duplicate-volgroup', 'duplicate-raid-device',
  // what Anaconda's storage checker and blivet refuse after the installer boots (kickstart/rules/anaconda)
  'below-recommended-size', 'boot-encrypted', 'boot-fstype', 'boot-on-lv', 'boot-raid-level', 'boot-raid-single-esp',
  'encrypted-no-passphrase', 'esp-fstype-ignored', 'grown-to-format-min', 'mount-must-be-on-root', 'mount-needs-linux-fs',
  'no-root-mount', 'no-stage1-place', 'no-swap', 'over-format-max', 'root-keeps-format', 'snapshot-origin-not-thin',
  'vg-overcommitted', 'vg-percent-over-100',
  // lvm.conf settings that turn protections off or are silently overridden (lvmconf/risks.ts)
  'locking-disabled', 'filter-ignored', 'autoextend-unmonitored',
  // lvm.conf settings that lose metadata history or make commands fail on the host
  'backup-disabled',
  'check-disabled',
  'unsafe-retention',
  'unanchored-filter',
  'invalid-filter',
  // metadata that would damage data if restored
  'extent-overlap',
  'extent-out-of-range',
  'segment-mismatch',
  'duplicate-id',
  'missing-pv',
  'pe-beyond-device',
]);

/** The family of a rule (remote host health rules are all safety). */
export function familyOf(rule: RuleDoc): Family {
  if (VERSION.has(rule.code)) return 'version';
  if (SAFETY.has(rule.code) || rule.appliesTo) return 'safety';
  return 'syntax';
}

// Heuristic rules: they judge intent (a guard that may be elsewhere, storage left to the installer).
const MEDIUM = new Set(['dynamic-partitioning', 'interactive-storage', 'unchecked-include', 'ineffective-pre-guard', 'unused-pv', 'unused-raid-member', 'abbreviated-option']);

export function precisionOf(rule: RuleDoc, family: Family): 'very-high' | 'high' | 'medium' {
  if (MEDIUM.has(rule.code)) return 'medium';
  return family === 'safety' ? 'high' : 'very-high';
}

/** GitHub's `problem.severity`: error, warning or recommendation. */
export function problemSeverity(s: Severity): 'error' | 'warning' | 'recommendation' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'recommendation';
}

/** `unguarded-clearpart` -> `UnguardedClearpart` (SARIF rule names are identifiers, not sentences). */
export function ruleName(code: string): string {
  return code
    .split('-')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join('');
}
