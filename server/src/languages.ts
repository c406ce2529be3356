// Language detection by file name and content, and the handler of each language.
import { basename } from 'node:path';
import type { LanguageHandler } from './core/handler';
import type { LanguageId } from './core/types';
import { kickstartHandler } from './kickstart';
import { lvmConfHandler } from './lvmconf';
import { metadataHandler } from './metadata';
import { withTemplates } from './template';
import { templateContentLanguage } from './template/detect';
import { templateSuffix } from './template/engines';

// Templates of a language (template/) are read through the masking layer by the same handler.
export const HANDLERS: Record<LanguageId, LanguageHandler> = {
  'lvm-conf': withTemplates(lvmConfHandler),
  'lvm-metadata': metadataHandler,
  kickstart: withTemplates(kickstartHandler),
};

/**
 * lvm.conf and lvmlocal.conf, also as configuration repositories keep them: per host or role
 * (`db1.lvm.conf`, `storage-lvm.conf`) and as package managers leave them (`lvm.conf.rpmnew`,
 * `.rpmsave`, `.dpkg-dist`, `.dpkg-old`, `.orig`, `.bak`). Templates (`lvm.conf.j2`) are found by
 * their inner name (templateLanguage).
 */
const LVM_CONF_NAME = /^(?:.+[._-])?(?:lvm|lvmlocal)\.conf(?:\.(?:rpmnew|rpmsave|rpmorig|dpkg-dist|dpkg-old|dpkg-new|orig|bak|save))?$/;

const METADATA_MARK = /^\s*contents\s*=\s*"Text Format Volume Group"/m;

/**
 * The language of a file from its path and (optionally) its first bytes, or undefined when it is
 * none of ours. Content wins over a generic name: a `.cfg` or `.txt` holding a metadata backup is
 * metadata.
 */
export function detectLanguage(path: string, head?: string): LanguageId | undefined {
  const p = path.replace(/\\/g, '/');
  const name = basename(p);
  const sample = head?.slice(0, 8192);
  if (sample !== undefined && METADATA_MARK.test(sample)) return 'lvm-metadata';
  if (/(^|\/)lvm\/(backup|archive)\/[^/]+$/.test(p)) return 'lvm-metadata';
  if (/^[^/]+_\d{5,}-\d+\.vg$/.test(name)) return 'lvm-metadata';
  if (LVM_CONF_NAME.test(name) || /^lvm_[^/]+\.conf$/.test(name)) return 'lvm-conf';
  if (name.endsWith('.profile') && (sample === undefined || !/^\s*(export|if|\[|alias|PATH=)/m.test(sample))) {
    return 'lvm-conf';
  }
  if (isKickstartName(name)) return 'kickstart';
  const tpl = templateLanguage(name, sample);
  if (tpl) return tpl;
  if (sample !== undefined && /^#version=/.test(sample)) return 'kickstart';
  if (sample !== undefined && (looksLikeKickstart(sample) || opensWithPre(sample))) return 'kickstart';
  return undefined;
}

/**
 * Kickstart file names: `*.ks`, `ks.cfg`, `anaconda-ks.cfg`, and the names sites give them:
 * `web-ks.cfg`, `web_ks.cfg`, `ks-web.cfg`, `ks_web.cfg`.
 */
export function isKickstartName(name: string): boolean {
  return /\.ks$/.test(name) || /^(ks|anaconda-ks)\.cfg$/.test(name) || /[-_]ks\.cfg$/.test(name) || /^ks[-_][^/]+\.cfg$/.test(name);
}

/**
 * A file whose first line that is not blank or a comment opens a `%pre` section (`%pre`,
 * `%pre --interpreter=/usr/bin/bash --log=...`): kickstarts that start with a long disk-picking
 * %pre, which no other language opens with. Its body is shell, so the command count cannot tell.
 */
function opensWithPre(s: string): boolean {
  for (const line of s.split('\n', 400)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    // Options as pykickstart reads them: `--log=/tmp/x`, `--log /tmp/x`, `--erroronfail`.
    return /^%pre(-install)?(\s+--[a-z-]+(=\S+|\s+[^\s-]\S*)?)*\s*$/.test(line.trimEnd());
  }
  return false;
}

function looksLikeKickstart(s: string): boolean {
  let hits = 0;
  for (const line of s.split('\n').slice(0, 200)) {
    if (/^\s*%(pre|post|packages|end|pre-install|onerror|traceback|addon)\b/.test(line)) hits += 2;
    else if (/^\s*(clearpart|autopart|part|partition|logvol|volgroup|raid|bootloader|rootpw|zerombr|ignoredisk|reqpart|url|network|timezone|lang|keyboard)\b/.test(line)) hits++;
  }
  return hits >= 3;
}

/**
 * The language of a template: its inner name decides (`ks.cfg.j2`, `web.ks.erb`, `lvm.conf.in`),
 * else its content (Foreman's `kind:` header, lvm.conf sections, kickstart commands) when the name
 * or the content says it is a template. Undefined when it is none of ours.
 */
export function templateLanguage(name: string, head: string | undefined): LanguageId | undefined {
  const tpl = templateSuffix(name);
  if (tpl) {
    const inner = detectLanguage(tpl.inner);
    if (inner && inner !== 'lvm-metadata') return inner;
  }
  return head === undefined ? undefined : templateContentLanguage(head, tpl !== undefined);
}
