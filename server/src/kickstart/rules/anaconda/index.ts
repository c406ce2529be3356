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

export function anacondaFindings(model: KickstartModelExt): Finding[] {
  if (!checkedRelease(model.resolved)) return [];
  const out: Finding[] = [];
  for (const f of FAMILIES) for (const x of f(model)) out.push(x);
  return out;
}
