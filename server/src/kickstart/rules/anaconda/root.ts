// The root file system: Anaconda's storage checker (pyanaconda/modules/storage/checker/utils.py,
// verify_root) refuses a layout without `/`, and one that keeps an existing file system on `/`
// (from anaconda-40.22, RHEL 10 and Fedora 40, unless that file system is empty).
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import { emptyRootMayStay, installer } from './facts';
import { layoutOf, placeOf } from './layout';

defineRules([
  {
    code: 'no-root-mount',
    languages: ['kickstart'],
    severity: 'error',
    title: 'the custom layout has no / mount point',
    why: 'Anaconda\'s storage checker stops with "You have not defined a root partition (/)". pykickstart does not check it.',
    fix: 'Add `part /`, `logvol /` or `raid /` (or use autopart).',
  },
  {
    code: 'root-keeps-format',
    languages: ['kickstart'],
    severity: 'error',
    title: '/ keeps an existing file system (--noformat, or mount without --reformat)',
    why: 'Anaconda\'s storage checker stops with "You must create a new file system on the root device." From RHEL 10 and Fedora 40 an empty existing file system may stay, which cannot be told from the kickstart (then a warning).',
    fix: 'Drop --noformat (or add `--reformat` to the mount line); keep data on other mount points.',
  },
]);

export function rootFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  const t = model.resolved;
  const out: Finding[] = [];
  if (!l.custom || l.autopart) return out;
  const root = l.mounts.get('/');
  if (!root) {
    if (!l.dynamic && l.first) {
      out.push({
        code: 'no-root-mount',
        severity: 'error',
        range: placeOf(l.first),
        message: `No storage line mounts /: ${installer(t)} stops with "You have not defined a root partition (/)".`,
      });
    }
    return out;
  }
  if (root.keepsFormat) {
    const empty = emptyRootMayStay(t);
    out.push({
      code: 'root-keeps-format',
      severity: empty ? 'warning' : 'error',
      range: root.word.range,
      message: empty
        ? `/ keeps its existing file system: ${installer(t)} refuses it unless that file system is empty, which the kickstart cannot tell ("You must create a new file system on the root device").`
        : `/ keeps its existing file system: ${installer(t)} stops with "You must create a new file system on the root device".`,
    });
  }
  return out;
}
