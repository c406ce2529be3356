// Post-install snapshots: pyanaconda/modules/storage/snapshot/device.py refuses an origin that is
// not a thin LV ("... is not a thin LV device"); the snapshot is made after the installation.
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt } from '../../model';
import { commandsNamed, option } from '../../storage';
import { installer } from './facts';
import { layoutOf } from './layout';

defineRules([
  {
    code: 'snapshot-origin-not-thin',
    languages: ['kickstart'],
    severity: 'error',
    title: 'snapshot --when=post-install of a logical volume the file creates as a normal (not thin) LV',
    why: 'Anaconda makes only thin snapshots; it stops with "... is not a thin LV device".',
    fix: 'Create the origin with `logvol ... --thin --poolname=...`, or drop the snapshot line.',
  },
]);

export function snapshotFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  const t = model.resolved;
  const out: Finding[] = [];
  for (const s of commandsNamed(model, 'snapshot')) {
    const when = option(s, 'when')?.value?.trim();
    const origin = s.args[0];
    if (when !== 'post-install' || !origin) continue;
    const m = /^([^/]+)\/([^/]+)$/.exec(origin.text);
    if (!m) continue;
    const lv = (l.g.lvsByVg.get(m[1]) ?? []).find((x) => x.name?.value === m[2]);
    if (!lv || lv.thin) continue;
    out.push({
      code: 'snapshot-origin-not-thin',
      severity: 'error',
      range: origin.range,
      message: `${origin.text} is created as a ${lv.thinpool ? 'thin pool' : 'normal LV'} (line ${lv.cmd.line + 1}), not a thin LV: ${installer(t)} makes post-install snapshots of thin LVs only.`,
      related: [{ range: lv.cmd.nameRange, message: 'the origin LV' }],
    });
  }
  return out;
}
