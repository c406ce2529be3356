// The timeline of each VG across backup and archive folders. Listing is lazy: file names only
// (one readdir per folder), grouped by VG and sorted by archive index numerically (indexes pass
// 99999); headers are read only for the entries a page shows.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { parseHeader, readHead, readHeader, type BackupHeader } from './header';

export interface BackupEntry {
  path: string;
  file: string;
  dir: string;
  kind: 'backup' | 'archive';
  vg: string;
  /** Archive index (`<vg>_<index>-<rand>.vg`); undefined for the backup. */
  index?: number;
  /** Filled by loadHeaders. */
  header?: BackupHeader;
}

export interface VgTimeline {
  vg: string;
  /** Oldest first: archives by index, then the current backup. */
  entries: BackupEntry[];
}

const ARCHIVE = /^(.+)_(\d{5,})-(\d+)\.vg$/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * ARCHIVE.exec(file) as [vg, index] without a match array. `(.+)` is greedy and the tail
 * `_digits-digits.vg` holds no `_`, so the separator is the last `_`; names with a line break
 * (which `.` does not match) go through the regex.
 */
function archiveName(file: string): [string, number] | undefined {
  if (LINE_BREAK.test(file)) {
    const m = ARCHIVE.exec(file);
    return m ? [m[1], Number(m[2])] : undefined;
  }
  const end = file.length - 3;
  if (end < 0 || !file.endsWith('.vg')) return undefined;
  const u = file.lastIndexOf('_', end);
  if (u < 1) return undefined;
  let p = u + 1;
  while (p < end && isDigit(file.charCodeAt(p))) p++;
  if (p - (u + 1) < 5 || p >= end || file.charCodeAt(p) !== 45 /* - */) return undefined;
  const dash = p;
  p++;
  if (p >= end) return undefined;
  while (p < end && isDigit(file.charCodeAt(p))) p++;
  if (p !== end) return undefined;
  return [file.slice(0, u), Number(file.slice(u + 1, dash))];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// join(dir, name) for a plain file name (no separator, not . or ..) is the joined folder plus the
// name: computed once per folder instead of normalising every path.
let prefixDir: string | undefined;
let prefix = '';
function pathIn(dir: string, file: string): string {
  if (file === '.' || file === '..' || file.includes('/') || file.includes('\\')) return join(dir, file);
  if (prefixDir !== dir) {
    prefix = join(dir, 'x').slice(0, -1);
    prefixDir = dir;
  }
  return prefix + file;
}

/**
 * Classify one file name of a backup/archive folder. Archive names (`<vg>_<index>-<rand>.vg`) are
 * enough (folders of 100,000 archives are listed by name); any other name is only a candidate
 * backup, which listTimelines confirms from the file's first bytes (isMetadataHead).
 */
export function classify(dir: string, file: string, folderKind?: 'backup' | 'archive'): BackupEntry | undefined {
  if (file.startsWith('.')) return undefined;
  const m = archiveName(file);
  if (m && folderKind !== 'backup') return { path: pathIn(dir, file), file, dir, kind: 'archive', vg: m[0], index: m[1] };
  if (folderKind === 'archive') return undefined;
  // Backups are named after the VG; skip editor leftovers.
  if (/(~|\.swp|\.tmp|\.bak)$/.test(file) || file.includes('.tmp')) return undefined;
  if (m) return undefined;
  return { path: pathIn(dir, file), file, dir, kind: 'backup', vg: file };
}

const METADATA_MARK = /^\s*contents\s*=\s*"Text Format Volume Group"/m;
const VG_ID = /^\s*id\s*=\s*"[^"]*"/m;

/**
 * Whether the first bytes of a file are LVM metadata text: lvm2's `contents` line, or a top-level
 * section with an id and a seqno (metadata without its header, as pvck --dump writes it). lvm.conf,
 * lvmlocal.conf and profiles have neither.
 */
export function isMetadataHead(head: string, h: BackupHeader = parseHeader(head)): boolean {
  if (head.includes('\0')) return false;
  if (METADATA_MARK.test(head)) return true;
  return h.vg !== undefined && h.seqno !== undefined && VG_ID.test(head);
}

/**
 * The folders a path given by the user stands for: its `backup` and `archive` subfolders when it
 * holds either (`/etc/lvm`, a copy of it), else the path itself. The one place (with classify and
 * isMetadataHead) that decides what is a backup file, for the CLI and the editor's view.
 */
export function backupDirsOf(path: string): string[] {
  const subs = ['backup', 'archive'].map((s) => join(path, s)).filter(isDir);
  return subs.length ? subs : [path];
}

/** Guess whether a folder holds archives or backups from its name (`archive` / `backup`). */
export function folderKind(dir: string): 'backup' | 'archive' | undefined {
  const base = dir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  if (/archive/i.test(base)) return 'archive';
  if (/backup/i.test(base)) return 'backup';
  return undefined;
}

export function compareEntries(a: BackupEntry, b: BackupEntry): number {
  if (a.kind !== b.kind) return a.kind === 'archive' ? -1 : 1;
  if (a.index !== undefined && b.index !== undefined && a.index !== b.index) return a.index - b.index;
  const sa = a.header?.seqno;
  const sb = b.header?.seqno;
  if (sa !== undefined && sb !== undefined && sa !== sb) return sa - sb;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * List folders into per-VG timelines, VGs sorted by name. Archive files by name only; other files
 * are backups only when their first bytes are LVM metadata (their header is kept, and names the
 * VG). Only regular files (or links to them inside the folder) are considered: a FIFO or device
 * is never opened, and a link whose target is outside the folder (a pull request's
 * `archive/vg0_00001-1.vg -> ~/.ssh/id_rsa`) is not followed but listed in `skipped`, with the
 * reason. Missing folders are reported in `errors`.
 */
export function listTimelines(dirs: string[], errors: string[] = [], skipped: string[] = []): VgTimeline[] {
  const byVg = new Map<string, BackupEntry[]>();
  const seen = new Set<string>();
  for (const dir of dirs) {
    let names: Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const kind = folderKind(dir);
    let real: string | undefined;
    for (const d of names) {
      const n = d.name;
      // Node decodes a name that is not UTF-8 with U+FFFD: such a path cannot be opened again.
      if (n.includes('\ufffd')) {
        skipped.push(`${join(dir, n)}: skipped, its name is not UTF-8 (shown with U+FFFD); rename it to read it`);
        continue;
      }
      if (!d.isFile() && !(d.isSymbolicLink() && isRegular(join(dir, n)))) continue;
      if (d.isSymbolicLink()) {
        real ??= realOrSelf(dir);
        const target = realOrSelf(join(dir, n));
        if (!target.startsWith(real.endsWith(sep) ? real : real + sep)) {
          skipped.push(`${join(dir, n)}: skipped, a link to ${target}, outside ${dir}`);
          continue;
        }
      }
      const e = classify(dir, n, kind);
      if (!e) continue;
      if (seen.has(e.path)) continue;
      seen.add(e.path);
      if (e.kind === 'backup') {
        let head: string;
        try {
          head = readHead(e.path, 4096);
        } catch {
          continue;
        }
        const h = parseHeader(head);
        if (!isMetadataHead(head, h)) continue;
        e.header = h;
        if (h.vg !== undefined) e.vg = h.vg;
      }
      let list = byVg.get(e.vg);
      if (!list) byVg.set(e.vg, (list = []));
      list.push(e);
    }
  }
  const out: VgTimeline[] = [];
  for (const [vg, entries] of byVg) {
    entries.sort(compareEntries);
    out.push({ vg, entries });
  }
  out.sort((a, b) => (a.vg < b.vg ? -1 : a.vg > b.vg ? 1 : 0));
  return out;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function isRegular(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Read the headers of entries[from, from+count) (bounded reads); returns that page. */
export function loadHeaders(entries: BackupEntry[], from = 0, count = entries.length, limit = 4096): BackupEntry[] {
  const page = entries.slice(from, from + count);
  for (const e of page) {
    if (e.header) continue;
    try {
      e.header = readHeader(e.path, limit);
    } catch {
      e.header = {};
    }
  }
  return page;
}

/** A one-line label for an entry: `#index seqno N · before 'cmd' · time`. */
export function entryLabel(e: BackupEntry): string {
  const h = e.header ?? {};
  const what = h.command ? `${h.when ?? ''} ${h.command}`.trim() : h.description ?? e.file;
  const time = h.creationTime !== undefined ? new Date(h.creationTime * 1000).toISOString().replace('T', ' ').slice(0, 19) : '';
  return [e.kind === 'archive' ? `#${e.index}` : 'backup', h.seqno !== undefined ? `seqno ${h.seqno}` : '', what, time].filter(Boolean).join(' · ');
}

/** Whether a path exists and is a directory. */
export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The entry before `e` in its VG timeline (the previous version), if any. */
export function previousOf(t: VgTimeline, e: BackupEntry): BackupEntry | undefined {
  const i = t.entries.indexOf(e);
  return i > 0 ? t.entries[i - 1] : undefined;
}

/** The current backup of the VG (the newest backup-folder entry), if any. */
export function currentOf(t: VgTimeline): BackupEntry | undefined {
  for (let i = t.entries.length - 1; i >= 0; i--) if (t.entries[i].kind === 'backup') return t.entries[i];
  return undefined;
}
