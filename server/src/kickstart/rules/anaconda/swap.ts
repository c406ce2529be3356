// Swap in a custom layout: pyanaconda/modules/storage/checker/utils.py verify_swap. With
// swap_is_recommended (RHEL: anaconda.conf on RHEL 8, the RHEL profile from RHEL 9) a layout with
// no swap gets a warning, or an error on a machine with less than 520 MiB of RAM. Fedora does not
// recommend swap (only a RAM-dependent warning): silent there. `autopart --noswap` is a choice.
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import type { KsCommand } from '../../model';
import { installer, NO_SWAP_MIN_RAM_MIB, swapRecommended } from './facts';
import { layoutOf, placeOf } from './layout';

defineRules([
  {
    code: 'no-swap',
    languages: ['kickstart'],
    severity: 'warning',
    title: 'a RHEL custom layout without swap',
    why: 'RHEL\'s installer recommends swap: with none it warns, and on a machine with less than 520 MiB of RAM it refuses. Fedora does not.',
    fix: 'Add `logvol swap --recommended ...` or `part swap --recommended`, or accept the warning.',
  },
]);

export function swapFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  const t = model.resolved;
  if (!l.custom || l.autopart || l.dynamic || !l.first || !swapRecommended(t)) return [];
  // A layout of existing devices (`mount`) keeps whatever swap the host has.
  if (l.g.mounts.length) return [];
  const isSwap = (n: { first?: { text: string }; cmd: KsCommand }): boolean => n.first?.text === 'swap' || l.facts.get(n.cmd)?.fstype === 'swap';
  for (const list of [l.g.parts, l.g.raids, l.g.lvs]) for (const n of list) if (isSwap(n)) return [];
  return [
    {
      code: 'no-swap',
      severity: 'warning',
      range: placeOf(l.first),
      message: `The layout has no swap: ${installer(t)} warns "A swap partition has not been specified" (assuming the machine has at least ${NO_SWAP_MIN_RAM_MIB} MiB of RAM; below that it refuses).`,
    },
  ];
}
