// Which of our languages a template is written in: by its inner name (`ks.cfg.j2` is a kickstart,
// `lvm.conf.erb` an lvm.conf; the caller decides the inner name) or by its content: Foreman's
// metadata header (`kind: provision` / `kind: ptable` in the leading `<%# %>` comment), lvm.conf
// section headers, or kickstart commands and sections at line starts (tags skipped).
import type { LanguageId } from '../core/types';
import { engineByContent, engineByStrongContent, foremanKind } from './engines';

const KS_SECTION = /^\s*%(pre|post|packages|end|pre-install|onerror|traceback|addon)\b/;
const KS_COMMAND = /^\s*(clearpart|autopart|part|partition|logvol|volgroup|raid|bootloader|rootpw|zerombr|ignoredisk|reqpart|url|network|timezone|lang|keyboard|install|text|reboot|skipx|firewall|selinux|authconfig|auth|services|firstboot|repo)\b/;
const LVM_SECTION = /^\s*(config|devices|allocation|log|backup|shell|global|activation|metadata|report|dmeventd|tags|local)\s*\{/gm;

function kickstartHits(s: string): number {
  let hits = 0;
  let n = 0;
  for (const line of s.split('\n')) {
    if (++n > 300) break;
    if (KS_SECTION.test(line)) hits += 2;
    else if (KS_COMMAND.test(line)) hits++;
  }
  return hits;
}

/**
 * The language of a template from its content, undefined when it is none of ours. `isTemplate`:
 * the name already says it is a template (else its content must show an engine's markers).
 */
export function templateContentLanguage(head: string, isTemplate: boolean): LanguageId | undefined {
  const s = head.slice(0, 16384);
  if (isTemplate ? !engineByContent(s) && !/\S/.test(s) : !engineByStrongContent(s)) return undefined;
  const fk = foremanKind(s);
  const foreman = fk && /^(provision|ptable|snippet)$/.test(fk.kind) ? [fk.meta, fk.kind] : undefined;
  if (foreman) {
    const meta = foreman[0];
    // A Foreman template for another installer (preseed, AutoYaST, cloud-init...) is not ours.
    if (/^name:.*\b(preseed|autoyast|jumpstart|cloud.?init|windows|coreos|freebsd|junos|alterator|xenserver|nx-os|ignition|rancher)\b/im.test(meta)) return undefined;
    if (foreman[1] === 'ptable' && (/^#Dynamic\b/m.test(s) || /^name:.*\bkickstart\b/im.test(meta) || kickstartHits(s) >= 2)) return 'kickstart';
    if (foreman[1] !== 'ptable' && kickstartHits(s) >= 3) return 'kickstart';
    return undefined;
  }
  const sections = new Set<string>();
  for (const m of s.matchAll(LVM_SECTION)) sections.add(m[1]);
  if (sections.size >= 2 || (sections.size === 1 && /^\s*[a-z_]+\s*=\s*("|\[|-?\d|\{\{|<%|@)/m.test(s) && !/^\s*%/m.test(s))) return 'lvm-conf';
  if (kickstartHits(s) >= 3) return 'kickstart';
  return undefined;
}
