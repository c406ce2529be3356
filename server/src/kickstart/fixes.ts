// Quick fixes for the kickstart safety rules, as plain text edits:
//  - scope the wipe with `ignoredisk --only-use=` built from the disks the file itself names;
//  - insert a `%pre --erroronfail` guard that stops the install on a host holding LVM or md RAID;
//  - add `--erroronfail` to a %pre header so its non-zero exit really stops the install.
import type { ParsedDocument } from '../core/document';
import type { Fix, Range, TextEdit } from '../core/types';
import type { KickstartModel, KsCommand, KsSection } from './model';
import { commaItems, commandsNamed, diskKey, isPatternDiskSpec, optionsOf } from './storage';

function eol(doc: ParsedDocument): string {
  return doc.text.includes('\r\n') ? '\r\n' : '\n';
}

function at(line: number, character = 0): Range {
  return { start: { line, character }, end: { line, character } };
}

/**
 * The disks the file names explicitly: `part --ondisk`, `clearpart --drives`, `bootloader --boot-drive`
 * (in first-seen order, without globs, without duplicates).
 */
export function disksNamedInFile(model: KickstartModel): string[] {
  const seen = new Map<string, string>();
  const add = (spec: string): void => {
    const s = spec.trim();
    if (!s || isPatternDiskSpec(s) || /^(LABEL|UUID|PARTUUID|PARTLABEL)=/i.test(s)) return;
    const key = diskKey(s);
    if (!seen.has(key)) seen.set(key, key);
  };
  for (const cmd of model.commands) {
    if (cmd.name === 'part') for (const o of optionsOf(cmd, 'ondisk')) if (o.value) add(o.value);
    if (cmd.name === 'clearpart') for (const o of optionsOf(cmd, 'drives')) for (const it of commaItems(o)) add(it.text);
    if (cmd.name === 'bootloader') for (const o of optionsOf(cmd, 'boot-drive')) if (o.value) add(o.value);
  }
  return [...seen.values()];
}

/** Is this text safe as one unquoted kickstart token (no shlex specials)? */
function plainToken(s: string): boolean {
  return /^[A-Za-z0-9_./:@+=-]+$/.test(s);
}

/**
 * `ignoredisk --only-use=<disks>` before the clearpart (or replacing an existing ignoredisk, since
 * the last one wins). Undefined when the file names no disk to build the list from.
 */
export function scopeWithIgnorediskFix(model: KickstartModel, doc: ParsedDocument, anchor: KsCommand): Fix | undefined {
  const disks = disksNamedInFile(model).filter(plainToken);
  if (!disks.length) return undefined;
  const line = `ignoredisk --only-use=${disks.join(',')}`;
  const existing = commandsNamed(model, 'ignoredisk').filter((c) => !c.fromInclude);
  const edits: TextEdit[] = existing.length
    ? [{ range: existing[existing.length - 1].range, newText: line }]
    : [{ range: at(anchor.range.start.line), newText: `${line}${eol(doc)}` }];
  return {
    title: existing.length
      ? `Replace ignoredisk with: ${line}`
      : `Only touch the disks this file names: insert ${line}`,
    edits,
    preferred: true,
  };
}

/** The guard we insert: POSIX sh, no expansions of untrusted data, stops on any VG, PV, md array, ZFS pool or Ceph OSD. */
export const GUARD_PRE_LINES = [
  '%pre --erroronfail --interpreter=/bin/sh',
  '# Blockwise guard: stop this install when the machine already holds LVM, md RAID, ZFS or Ceph data.',
  '# Remove this section only for a host you mean to wipe.',
  "if lvm pvs --noheadings -o pv_name 2>/dev/null | grep -q '[^[:space:]]'; then",
  "  echo 'Blockwise guard: existing LVM physical volumes found; refusing to install.' >&2",
  '  exit 1',
  'fi',
  "if lvm vgs --noheadings -o vg_name 2>/dev/null | grep -q '[^[:space:]]'; then",
  "  echo 'Blockwise guard: existing LVM volume groups found; refusing to install.' >&2",
  '  exit 1',
  'fi',
  "if [ -r /proc/mdstat ] && grep -q '^md' /proc/mdstat; then",
  "  echo 'Blockwise guard: active md RAID arrays found; refusing to install.' >&2",
  '  exit 1',
  'fi',
  "if mdadm --examine --scan 2>/dev/null | grep -q '^ARRAY'; then",
  "  echo 'Blockwise guard: md RAID superblocks found; refusing to install.' >&2",
  '  exit 1',
  'fi',
  'if lsblk -nro FSTYPE 2>/dev/null | grep -q -e zfs_member -e ceph_bluestore; then',
  "  echo 'Blockwise guard: a ZFS pool or Ceph OSD signature found; refusing to install.' >&2",
  '  exit 1',
  'fi',
  '%end',
];

/** Append the guard %pre at the end of the file. */
export function insertGuardPreFix(doc: ParsedDocument): Fix {
  const nl = eol(doc);
  const last = doc.lines.lineCount - 1;
  const lastText = doc.lines.lineText(last);
  const end = { line: last, character: lastText.length };
  const lead = lastText.length ? `${nl}${nl}` : doc.lines.lineCount > 1 && doc.lines.lineText(last - 1).length ? nl : '';
  return {
    title: 'Insert a %pre --erroronfail guard that stops the install when LVM, md RAID, ZFS or Ceph data exists',
    edits: [{ range: { start: end, end }, newText: `${lead}${GUARD_PRE_LINES.join(nl)}${nl}` }],
  };
}

/** Add `--erroronfail` right after the section name on its header line. */
export function addErroronfailFix(section: KsSection): Fix {
  const p = section.header.nameRange.end;
  return {
    title: `Add --erroronfail so a failing ${section.header.written} stops the install`,
    edits: [{ range: { start: p, end: p }, newText: ' --erroronfail' }],
    preferred: true,
  };
}
