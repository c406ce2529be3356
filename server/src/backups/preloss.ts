// For a metadata file with MISSING PVs: the newest archive of the same VG written before the PVs
// went missing, from the archive folder next to the file. lvm2 marks a PV missing in memory
// before it archives, so the archive "before" the first command after the loss already carries
// the flag: the right archive is the newest one in which every PV is present and none MISSING.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MetadataModel } from '../metadata/model';
import { folderKind, isDir, listTimelines } from './timeline';
import { readRegularFile } from '../core/bounded-read';
import { hasUnsafeChars } from '../core/sanitize';

/** The archive folder for a metadata file: its own folder when that is one, else `../archive`. */
export function siblingArchiveDir(file: string): string | undefined {
  const dir = dirname(file);
  if (folderKind(dir) === 'archive') return dir;
  const up = join(dirname(dir), 'archive');
  if (isDir(up)) return up;
  const here = join(dir, 'archive');
  if (isDir(here)) return here;
  return undefined;
}

/**
 * Newest archive of the file's VG (same VG id) with no MISSING PV that holds every PV the file
 * marks MISSING, and no newer than the file (seqno, and index when the file is an archive).
 * `read` parses a file (undefined when it cannot). Reads candidates newest first and stops at
 * the first match; a quick text test skips files that name a MISSING flag or lack a lost PV's id.
 */
export function findPreLossArchive(
  file: string,
  m: MetadataModel,
  read: (path: string, text: string) => MetadataModel | undefined,
  archiveDir = siblingArchiveDir(file),
): { path: string; model: MetadataModel } | undefined {
  const vg = m.vg;
  if (!vg || !archiveDir || !existsSync(archiveDir)) return undefined;
  const lostIds = vg.pvs.filter((p) => p.missing).map((p) => p.id?.name);
  if (!lostIds.length || lostIds.some((id) => !id)) return undefined;
  const timeline = listTimelines([archiveDir]).find((t) => t.vg === vg.name);
  if (!timeline) return undefined;
  const own = timeline.entries.find((e) => e.path === file || basename(e.path) === basename(file) && dirname(e.path) === dirname(file));
  for (let i = timeline.entries.length - 1; i >= 0; i--) {
    const e = timeline.entries[i];
    if (e.kind !== 'archive') continue;
    // Its path goes into the plan's commands: a name with a line break or control is not offered.
    if (hasUnsafeChars(e.path)) continue;
    if (own?.index !== undefined && e.index !== undefined && e.index >= own.index) continue;
    let text: string;
    try {
      text = readRegularFile(e.path).toString('utf8');
    } catch {
      continue;
    }
    if (text.includes('"MISSING"') || lostIds.some((id) => !text.includes(id!))) continue;
    const am = read(e.path, text);
    const avg = am?.vg;
    if (!am || !avg || avg.name !== vg.name || avg.id?.name !== vg.id?.name) continue;
    if (avg.seqno === undefined || vg.seqno === undefined || avg.seqno > vg.seqno) continue;
    if (avg.pvs.some((p) => p.missing)) continue;
    if (lostIds.every((id) => avg.pvs.some((p) => p.id?.name === id))) return { path: e.path, model: am };
  }
  return undefined;
}
