// Encryption without a passphrase: pyanaconda/modules/storage/checker/utils.py
// verify_luks_devices_have_key ("Encryption requested for LUKS device ... but no encryption key").
// Custom partitioning (partitioning/custom/custom_partitioning.py, _get_passphrase) reuses the
// first --passphrase it meets for later encrypted devices; it runs part lines, then raid, then logvol.
import { defineRules } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import type { KickstartModelExt, KsCommand } from '../../model';
import { hasFlag, option } from '../../storage';
import { installer } from './facts';
import { layoutOf } from './layout';

defineRules([
  {
    code: 'encrypted-no-passphrase',
    languages: ['kickstart'],
    severity: 'error',
    title: '--encrypted with no passphrase for the device',
    why: 'Anaconda has no key for the LUKS device: an unattended (cmdline) install stops, text and graphical installs wait for someone to type it.',
    fix: 'Add --passphrase= (for one device: the others reuse it), or leave the device unencrypted.',
  },
]);

export function encryptionFindings(model: KickstartModelExt): Finding[] {
  const l = layoutOf(model);
  const t = model.resolved;
  const out: Finding[] = [];
  const severity = l.dynamic ? 'warning' : 'error';
  const flag = (cmd: KsCommand): void => {
    const e = optionRange(cmd);
    out.push({
      code: 'encrypted-no-passphrase',
      severity,
      range: e,
      message: `${cmd.written} --encrypted has no --passphrase${l.dynamic ? ' (unless an %include gives one first)' : ''}: ${installer(t)} has no key for it, so an unattended install stops ("Encryption requested ... but no encryption key specified").`,
    });
  };
  if (l.autopart) {
    if (hasFlag(l.autopart, 'encrypted') && !option(l.autopart, 'passphrase')?.value) flag(l.autopart);
    return out;
  }
  let haveDefault = false;
  // Custom partitioning runs part lines, then raid, then logvol.
  for (const list of [l.g.parts, l.g.raids, l.g.lvs]) {
    for (const n of list) {
      const f = l.facts.get(n.cmd)!;
      if (!f.encrypted) continue;
      if (f.passphrase) haveDefault = true;
      else if (!haveDefault) flag(n.cmd);
    }
  }
  return out;
}

function optionRange(cmd: KsCommand) {
  return option(cmd, 'encrypted')?.range ?? cmd.nameRange;
}

