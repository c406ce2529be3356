// Restore plans for review, never executed: what an admin should run, in order, with the warnings
// to read first. Every name in a command is shell-quoted with single quotes; text from the file
// shown in comments has its control characters escaped, so nothing read from a file can end a
// comment line and become a command.
//
// What lvm2 2.03.16 does, measured on loop devices (test/backups/restore-lvm.test.ts repeats it):
//   - `vgcfgrestore -f FILE VG` refuses any FILE with a PV flagged MISSING ("Cannot restore Volume
//     Group VG with N PVs marked as missing", exit 5), whether or not the disk is back; it also
//     refuses an older file while the VG on disk misses a PV;
//   - once the disk is back, `vgextend --restoremissing VG PV` clears the flag (nothing else
//     changes), and an archive written before the loss also restores;
//   - for a replacement disk, `pvcreate --uuid UUID --restorefile FILE DEV` writes a label with the
//     lost PV's UUID, after which the pre-loss archive restores;
//   - `vgreduce --removemissing VG` refuses while LVs use the missing PV; with `--force` it removes
//     those LVs;
//   - only thin LVs need `vgcfgrestore --force` ("Consider using option --force to restore Volume
//     Group VG with thin volumes").
import { lvKind, type LV, type MetadataModel, type PV, type VG } from '../metadata/model';
import { diffModels, shownBytes, sizeText, type StructuralDiff } from './diff';
import { humanBytes } from '../core/units';
import { sanitizeText } from '../core/sanitize';

/** Quote for a POSIX shell: 'it'\''s'. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Text from a file, safe inside a `#` comment line: the one sanitiser of text output (C0, C1, DEL,
 * line separators and bidi controls escaped), so nothing can end the comment or reorder the line.
 */
export function commentSafe(s: string): string {
  return sanitizeText(s);
}

/**
 * Whole disks a system usually boots from (the first disk of each common driver). A PV's device
 * from a file is only a hint of where it was: lvm2 names can move between boots, and a plan must
 * never suggest writing a label over what is likely the system disk.
 */
const SYSTEM_DISKS = /^\/dev\/(sda|vda|xvda|hda|nvme0n1|mmcblk0)$/;

/**
 * The device to put into a command for a PV: its name from the file when that is a plain /dev/
 * path (no option-like or odd characters, no `..`) and not a likely system disk; else DEVICE, a
 * placeholder the admin must replace (pvcreate refuses it as it stands).
 */
export function deviceHint(device: string | undefined): string {
  if (!device || device === '[unknown]') return 'DEVICE';
  if (!/^\/dev\/[A-Za-z0-9][A-Za-z0-9._:+@/-]*$/.test(device) || device.split('/').includes('..') || device.length > 255) return 'DEVICE';
  if (SYSTEM_DISKS.test(device)) return 'DEVICE';
  return device;
}

export interface PreLossArchive {
  /** Path of the archive (as it will be named on the host). */
  path: string;
  model: MetadataModel;
}

export interface RestoreOptions {
  /** The metadata file to restore from (as it will be named on the host). */
  file: string;
  /** PV keys (pv0, …) whose LVM label is known to be destroyed; default: none known. */
  lostLabels?: string[];
  /** Seqno of the VG on disk now, when known (warns when restoring an older version). */
  currentSeqno?: number;
  /**
   * For a file with MISSING PVs: the newest archive of the same VG written before the PVs went
   * missing (none of its PVs MISSING), when one was found.
   */
  preLoss?: PreLossArchive;
  /** The folder searched for that archive (named in the plan when nothing was found). */
  archiveDir?: string;
}

/** lvm2's rule for VG and LV names (lib/misc/lvm-string.c: validate_name). */
const VALID_NAME = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/;

/** Why a model is not a restorable VG, or undefined when it is one. */
export function notRestorable(m: MetadataModel, syntaxError?: { line: number }): string | undefined {
  if (syntaxError) return `lvm2 cannot read it: syntax error at line ${syntaxError.line} (blockwise check shows it)`;
  const vg = m.vg;
  if (!vg) return 'it holds no volume group section';
  const missing = [!vg.id && 'id', vg.seqno === undefined && 'seqno', vg.extentSize === undefined && 'extent_size', !vg.physicalVolumes && 'physical_volumes'].filter(Boolean);
  if (missing.length) return `the section ${JSON.stringify(vg.name)} is not a volume group (no ${missing.join(', ')})`;
  if (!VALID_NAME.test(vg.name) || vg.name === '.' || vg.name === '..') return `${JSON.stringify(vg.name)} is not a VG name lvm2 accepts (letters, digits and +_.- only)`;
  if (!vg.pvs.length) return `volume group ${vg.name} lists no physical volumes`;
  const badId = vg.pvs.find((p) => !p.id || !/^[A-Za-z0-9-]+$/.test(p.id.name));
  if (badId) return `PV ${badId.key} has no valid id`;
  if (m.extraSections.length) return `it holds more than one top-level section (${[vg.name, ...m.extraSections.map((s) => s.name)].slice(0, 4).join(', ')})`;
  return undefined;
}

/** Whether lvm2 needs `vgcfgrestore --force` for this VG: it has thin pools or thin LVs. */
export function needsForce(vg: VG): boolean {
  return vg.lvs.some((lv) => !lv.historical && lv.segments.some((s) => s.baseType === 'thin-pool' || s.baseType === 'thin'));
}

/**
 * LVs that lose data (and that `vgreduce --removemissing --force` removes) when the given PVs are
 * gone: every LV with extents on them, then every LV built on one of those (sub-LVs, pools,
 * origins), until nothing changes. Iterative: no recursion over the file's structure.
 */
export function lvsOnPvs(vg: VG, pvKeys: Set<string>): LV[] {
  const hit = new Set<LV>();
  const lvs = vg.lvs.filter((lv) => !lv.historical);
  for (const lv of lvs) if (lv.segments.some((s) => s.areas.some((a) => a.kind === 'pv' && pvKeys.has(a.name)))) hit.add(lv);
  let grew = hit.size > 0;
  while (grew) {
    grew = false;
    for (const lv of lvs) {
      if (hit.has(lv)) continue;
      const uses = lv.segments.some(
        (s) => s.areas.some((a) => a.kind === 'lv' && hitName(vg, hit, a.name)) || s.refs.some((r) => r.role !== 'origin' && r.role !== 'external_origin' && hitName(vg, hit, r.name)),
      );
      if (uses) {
        hit.add(lv);
        grew = true;
      }
    }
  }
  return lvs.filter((lv) => hit.has(lv));
}

function hitName(vg: VG, hit: Set<LV>, name: string): boolean {
  const lv = vg.lvByName.get(name);
  return lv !== undefined && hit.has(lv);
}

/** Names an admin knows: visible LVs, plus hidden ones when nothing visible is hit. */
function userFacing(lvs: LV[]): LV[] {
  const visible = lvs.filter((lv) => lv.visible && !/^snapshot\d+$/.test(lv.name));
  return visible.length ? visible : lvs;
}

function listNames(lvs: LV[]): string {
  return lvs.map((lv) => `${commentSafe(lv.name)} (${lvKind(lv)})`).join(', ');
}

/** What restoring `from` over the state in `to` would undo, one line each. */
export function undoLines(d: StructuralDiff, extentSize?: number): string[] {
  const size = (n: number) => (extentSize !== undefined ? sizeText(n * extentSize * 512) : `${n} extents`);
  const out: string[] = [];
  for (const l of d.lvsAdded) out.push(`LV ${commentSafe(l.name)} (${l.kind}, ${size(l.extents)}) created since would disappear from the VG`);
  for (const l of d.lvsRemoved) out.push(`LV ${commentSafe(l.name)} (${l.kind}) removed since would come back, on extents that may have been reused`);
  for (const r of d.lvsRenamed) out.push(`LV ${commentSafe(r.to)} would be named ${commentSafe(r.from)} again`);
  for (const r of d.lvsResized) out.push(`LV ${commentSafe(r.name)} would go back from ${size(r.to)} to ${size(r.from)}`);
  for (const c of d.lvsConverted) out.push(`LV ${commentSafe(c.name)} would be ${c.from} again (now ${c.to})`);
  for (const m of d.extentsMoved) out.push(`LV ${commentSafe(m.name)} would point at its old extents (${commentSafe(m.from)}) again`);
  for (const p of d.pvsAdded) out.push(`PV ${commentSafe(p.device ?? p.key)} added since would leave the VG`);
  for (const p of d.pvsRemoved) out.push(`PV ${commentSafe(p.device ?? p.key)} removed since would be back in the VG`);
  return out;
}

function header(m: MetadataModel, name: string, file: string): string[] {
  const vg = m.vg;
  const lines = [
    '#!/bin/sh',
    `# Restore plan for VG ${commentSafe(name)} from ${commentSafe(file)}`,
    '# Generated by Blockwise for review. Nothing here has been run. Read every warning first,',
    '# then run the commands one at a time; the next line stops the file from running as a whole.',
    "echo 'blockwise restore plan: review it and run its commands one at a time' >&2; exit 2",
  ];
  if (m.header.description) lines.push(`# File: ${commentSafe(m.header.description)}${m.header.creationTime !== undefined ? `, ${new Date(m.header.creationTime * 1000).toISOString()}` : ''}${vg?.seqno !== undefined ? `, seqno ${vg.seqno}` : ''}`);
  lines.push('');
  return lines;
}

/** The restore plan for a restorable model (see notRestorable). */
export function restoreCommands(m: MetadataModel, o: RestoreOptions): string {
  const vg = m.vg;
  if (!vg) throw new Error('not a volume group');
  const missing = vg.pvs.filter((p) => p.missing);
  return missing.length ? missingPlan(m, vg, missing, o) : wholePlan(m, vg, o);
}

function wholePlan(m: MetadataModel, vg: VG, o: RestoreOptions): string {
  const q = shellQuote;
  const F = q(o.file);
  const V = q(vg.name);
  const lines = header(m, vg.name, o.file);
  const warn: string[] = [];
  const kinds = new Set<string>();
  for (const lv of vg.lvs) for (const s of lv.segments) if (s.baseType) kinds.add(s.baseType);
  const thin = needsForce(vg);
  const cache = kinds.has('cache') || kinds.has('cache-pool') || kinds.has('writecache');
  const raid = [...kinds].some((k) => /^raid|^mirror$/.test(k));
  warn.push('vgcfgrestore replaces the VG metadata on every PV. LVs created after this file was written disappear from the VG (their data stays on disk, unreferenced); LVs removed since come back pointing at extents that may have been reused.');
  warn.push(`Deactivate the VG first (vgchange -an ${V}) and make sure no LV of it is mounted or open.`);
  warn.push(`Keep a copy of the current metadata before restoring: vgcfgbackup -f ${q(`/root/${vg.name}-before-restore.vg`)} ${V}.`);
  if (o.currentSeqno !== undefined && vg.seqno !== undefined && vg.seqno < o.currentSeqno) warn.push(`This file has seqno ${vg.seqno}, older than the VG on disk (seqno ${o.currentSeqno}).`);
  // lvm2 asks for --force for any thin-type LV, a pool alone included (a real Proxmox VG has a pool and no thin LV).
  const queued = vg.lvs.some((lv) => !lv.historical && lv.segments.some((s) => s.baseType === 'thin-pool' && s.messages.length > 0));
  if (thin) warn.push(`Thin pools: lvm2 needs --force to restore a VG with a thin pool or thin LVs. vgcfgrestore does not restore the pool's own metadata (inside _tmeta): if thin LVs were created or removed since this file, the pool's transaction_id will not match and activation fails; compare with thin_dump before activating.${queued ? ' The thin messages queued in this file are replayed at activation.' : ''}`);
  if (cache) warn.push('Cache LVs: with a writeback cache, restoring over a dirty cache loses the cached writes; uncache or flush first when possible.');
  if (raid) warn.push("RAID/mirror LVs: the images' own metadata (_rmeta) is not restored; expect a resync after activation.");
  lines.push('# WARNINGS');
  for (const w of warn) lines.push(`#  - ${w}`);
  lines.push('');
  const lost = new Set(o.lostLabels ?? []);
  lines.push('# 1. Only for PVs whose LVM label was destroyed (pvs does not list them; pvck DEVICE fails).');
  lines.push("#    Recreate the label with the PV's old UUID; check the device name first (the file's device is a hint).");
  for (const pv of vg.pvs) {
    const dev = deviceHint(pv.device);
    const cmd = `pvcreate --uuid ${q(pv.id?.name ?? 'UUID')} --restorefile ${F} ${q(dev)}`;
    lines.push(lost.has(pv.key) ? cmd : `# ${commentSafe(cmd)}    # ${pv.key}`);
  }
  lines.push('');
  const force = thin ? ' --force' : '';
  lines.push('# 2. Dry run: lvm2 reads and checks the file, changes nothing.');
  lines.push(`vgcfgrestore --test${force} -f ${F} ${V}`);
  lines.push('');
  lines.push('# 3. Restore (only after the dry run succeeded and the warnings are understood).');
  lines.push(`vgcfgrestore${force} -f ${F} ${V}`);
  lines.push('');
  lines.push('# 4. Check, then activate.');
  lines.push(`vgs ${V}; lvs -a -o +devices ${V}`);
  lines.push(`vgchange -ay ${V}`);
  return lines.join('\n') + '\n';
}

function pvLabel(pv: PV, hint?: string): string {
  return `${pv.key} (UUID ${commentSafe(pv.id?.name ?? '?')}${hint ? `, last seen as ${commentSafe(hint)}` : ''})`;
}

function missingPlan(m: MetadataModel, vg: VG, missing: PV[], o: RestoreOptions): string {
  const q = shellQuote;
  const V = q(vg.name);
  const lines = header(m, vg.name, o.file);
  const pre = o.preLoss;
  const preVg = pre?.model.vg;
  const hint = (pv: PV) => {
    const old = preVg?.pvs.find((p) => p.id?.name === pv.id?.name)?.device;
    return pv.device && pv.device !== '[unknown]' ? pv.device : old && old !== '[unknown]' ? old : undefined;
  };
  const keys = new Set(missing.map((p) => p.key));
  const hit = lvsOnPvs(vg, keys);
  const named = userFacing(hit);
  const n = missing.length;
  lines.push(`# This file marks ${n} PV${n === 1 ? '' : 's'} MISSING: ${missing.map((p) => pvLabel(p, hint(p))).join('; ')}.`);
  lines.push(`# lvm2 refuses to restore such a file ("Cannot restore Volume Group ${commentSafe(vg.name)} with ${n} PVs marked as missing"),`);
  lines.push('# also after the disk is back: do not run vgcfgrestore with it. Pick the case below that matches.');
  lines.push(hit.length ? `# LVs with extents on the missing PV${n === 1 ? '' : 's'}: ${listNames(named)}.` : `# No LV has extents on the missing PV${n === 1 ? '' : 's'}.`);
  lines.push('');

  // A. The disk is back.
  lines.push('# == A. The disk came back (same disk, data intact; pvs lists it with attribute a-m) ==');
  lines.push('#    Put it back into the VG: lvm2 clears the MISSING flag and changes nothing else.');
  const devVars: string[] = [];
  for (const [i, pv] of missing.entries()) {
    const v = n === 1 ? 'pv_dev' : `pv_dev${i + 1}`;
    devVars.push(`"$${v}"`);
    lines.push(`${v}=$(pvs --noheadings -o pv_name -S ${q(`pv_uuid=${pv.id?.name ?? 'UUID'}`)} | awk '{print $1}')    # where ${pv.key} is now`);
  }
  lines.push(`vgextend --restoremissing --test ${V} ${devVars.join(' ')}`);
  lines.push(`vgextend --restoremissing ${V} ${devVars.join(' ')}`);
  lines.push('');

  // B. A replacement disk.
  lines.push('# == B. The disk is gone for good and a new, empty disk replaces it ==');
  // A lower bound: a rounded figure below the real size would let a too-small disk through, so the exact bytes follow it.
  const size = (pv: PV) => {
    if (pv.devSize === undefined) return undefined;
    const b = pv.devSize * 512;
    const s = humanBytes(b);
    return shownBytes(s) === b ? s : `${s}, ${b} bytes`;
  };
  lines.push(`#    The new disk must be at least as large as the lost one${missing.map((p) => (size(p) ? ` (${p.key}: ${size(p)})` : '')).join('')}.`);
  if (hit.length) lines.push(`#    The data of ${listNames(named)} that lived on the lost disk is gone: those LVs come back with empty extents; check or recreate their filesystems.`);
  const labelFile = pre ? pre.path : o.file;
  const diskVars: string[] = [];
  for (const [i, pv] of missing.entries()) {
    const v = n === 1 ? 'new_disk' : `new_disk${i + 1}`;
    diskVars.push(v);
    lines.push(`${v}=''    # set to the replacement for ${pv.key}, e.g. /dev/sdX`);
  }
  lines.push("#    Write an LVM label with the lost PV's UUID and layout onto the new disk:");
  for (const [i, pv] of missing.entries()) {
    lines.push(`pvcreate --test --uuid ${q(pv.id?.name ?? 'UUID')} --restorefile ${q(labelFile)} "$${diskVars[i]}"`);
    lines.push(`pvcreate --uuid ${q(pv.id?.name ?? 'UUID')} --restorefile ${q(labelFile)} "$${diskVars[i]}"`);
  }
  const disks = diskVars.map((v) => `"$${v}"`).join(' ');
  lines.push('#    Then B1 or B2.');
  lines.push('#    B1. Keep the VG as it is now (nothing undone): the new PV takes the lost one\'s place.');
  lines.push(`vgextend --restoremissing --test ${V} ${disks}`);
  lines.push(`vgextend --restoremissing ${V} ${disks}`);
  if (pre && preVg) {
    const d = diffModels(pre.model, m);
    const undo = undoLines(d, vg.extentSize);
    lines.push(`#    B2. Or go back to the newest archive written before the loss: ${commentSafe(pre.path)}`);
    lines.push(`#        (${pre.model.header.description ? commentSafe(pre.model.header.description) : 'no description'}${preVg.seqno !== undefined ? `, seqno ${preVg.seqno}` : ''}${pre.model.header.creationTime !== undefined ? `, ${new Date(pre.model.header.creationTime * 1000).toISOString()}` : ''}).`);
    if (undo.length) {
      lines.push(`#        It undoes what changed since, up to this file (seqno ${vg.seqno ?? '?'}):`);
      for (const u of undo) lines.push(`#          - ${u}`);
    } else lines.push('#        Nothing but the MISSING flag changed between that archive and this file: it undoes nothing else.');
    const force = needsForce(preVg) ? ' --force' : '';
    if (force) lines.push("#        The VG has a thin pool: lvm2 needs --force (the pool's own metadata in _tmeta is not restored).");
    lines.push(`vgcfgrestore --test${force} -f ${q(pre.path)} ${V}`);
    lines.push(`vgcfgrestore${force} -f ${q(pre.path)} ${V}`);
  } else {
    lines.push(`#    (No archive of VG ${commentSafe(vg.name)} written before the loss, with every PV present and none MISSING, was found${o.archiveDir ? ` in ${commentSafe(o.archiveDir)}` : ''}: nothing to go back to.)`);
  }
  lines.push('');

  // C. Drop the PV.
  lines.push('# == C. The disk is gone and the VG should go on without it ==');
  if (hit.length) {
    lines.push(`#    lvm2 refuses while LVs use the missing PV${n === 1 ? '' : 's'}; --force REMOVES them: ${listNames(named)}.`);
    if (named.some((lv) => /^raid|^mirror/.test(lvKind(lv)))) lines.push('#    RAID/mirror LVs keep their data on the other legs: repair them first (lvconvert --repair VG/LV onto a new PV) so they are not on this list.');
    lines.push('#    Copy what is still readable first (lvchange -ay --activationmode partial VG/LV).');
    lines.push(`vgreduce --removemissing --force --test ${V}`);
    lines.push(`vgreduce --removemissing --force ${V}`);
  } else {
    lines.push('#    No LV uses the missing PV: only the PV leaves the VG.');
    lines.push(`vgreduce --removemissing --test ${V}`);
    lines.push(`vgreduce --removemissing ${V}`);
  }
  lines.push('');
  lines.push('# Afterwards: check, then activate.');
  lines.push(`vgs ${V}; lvs -a -o +devices ${V}`);
  return lines.join('\n') + '\n';
}
