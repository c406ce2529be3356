// What Anaconda's storage checker and blivet refuse or warn about once the installer has booted,
// decided from the kickstart alone for the release it is checked as (model.resolved). One small
// file per concern; the Anaconda and blivet sources each follows are named in its header.
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import { bootloaderFindings } from './bootloader';
import { encryptionFindings } from './encryption';
import { checkedRelease } from './facts';
import { mountPointFindings } from './mountpoints';
import { rootFindings } from './root';
import { sizeFindings } from './sizes';
import { snapshotFindings } from './snapshot';
import { swapFindings } from './swap';

const FAMILIES = [rootFindings, mountPointFindings, bootloaderFindings, sizeFindings, swapFindings, encryptionFindings, snapshotFindings];

/** The codes of this family: every one depends on the release (kickstart/index.ts says which and why). */
export const ANACONDA_CODES = new Set([
  'no-root-mount', 'root-keeps-format', 'mount-must-be-on-root', 'mount-needs-linux-fs', 'esp-fstype-ignored',
  'boot-on-lv', 'boot-encrypted', 'boot-fstype', 'boot-raid-level', 'boot-raid-single-esp', 'no-stage1-place',
  'below-recommended-size', 'over-format-max', 'grown-to-format-min', 'vg-overcommitted', 'vg-percent-over-100',
  'no-swap', 'encrypted-no-passphrase', 'snapshot-origin-not-thin',
]);

export function anacondaFindings(model: KickstartModelExt): Finding[] {
  if (!checkedRelease(model.resolved)) return [];
  const out: Finding[] = [];
  for (const f of FAMILIES) for (const x of f(model)) out.push(x);
  return out;
}
