// `blockwise backups [--format text|json] [--vg VG] DIR...` prints each VG's timeline;
// `blockwise backups diff A B` the structural summary; `blockwise backups restore FILE` the
// restore commands for review. Exit 0 on success, 2 on usage or I/O errors.
import { loadLanguage } from '../syntax/treesitter';
import { readRegularFile, ReadRefused } from '../core/bounded-read';
import { sanitizeLines, sanitizeText } from '../core/sanitize';
import { diffTexts, formatDiff } from './diff';
import { planRestore, type PlanOptions } from './plan';
import { readHeader, type BackupHeader } from './header';
import { backupDirsOf, isDir, listTimelines, type VgTimeline } from './timeline';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage:
  blockwise backups [--format text|json] [--vg VG] DIR...   timeline per VG (archive index order, backup last);
                                                            DIR is /etc/lvm (or a copy), or a backup or archive folder
  blockwise backups diff [--format text|json|markdown] A B    structural changes from A to B
  blockwise backups restore [--vg VG] [--lost pvN,...] [--archive-dir DIR] FILE
                                                            restore plan for review (never run); FILE must be
                                                            LVM metadata; with MISSING PVs the plan follows lvm2
`;

function take(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}

export async function runBackupsCommand(argv: string[], io: Io): Promise<number> {
  const args = [...argv];
  if (args[0] === 'backups') args.shift();
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const format = take(args, '--format') ?? 'text';
  if (args[0] === 'diff') {
    if (args.length !== 3 || !['text', 'json', 'markdown'].includes(format)) {
      io.stderr(USAGE);
      return 2;
    }
    let a: string;
    let b: string;
    // Bounded like `check`: FIFOs, devices (/dev/zero) and files over the limit are refused.
    for (const f of [args[1], args[2]]) {
      try {
        const text = readRegularFile(f).toString('utf8');
        if (f === args[1]) a = text;
        else b = text;
      } catch (e) {
        io.stderr(`blockwise: cannot read ${sanitizeText(f)}: ${e instanceof ReadRefused ? e.message : (e as Error).message}\n`);
        return 2;
      }
    }
    a ??= b!; // the same file given twice
    b ??= a;
    await loadLanguage('lvm');
    const d = diffTexts(a, b);
    if (format === 'json') io.stdout(JSON.stringify({ a: args[1], b: args[2], ...d }, null, 2) + '\n');
    // Text and markdown go to terminals and review comments: names from the files are sanitised.
    else io.stdout(sanitizeLines(formatDiff(d, { a: args[1], b: args[2] }, format === 'markdown')));
    return 0;
  }
  if (args[0] === 'restore') {
    const vg = take(args, '--vg');
    const lost = take(args, '--lost');
    const archiveDir = take(args, '--archive-dir');
    if (args.length !== 2 || args[1].startsWith('-')) {
      io.stderr(USAGE);
      return 2;
    }
    return restoreFile(args[1], { vg, lost, archiveDir }, io);
  }
  const onlyVg = take(args, '--vg');
  if (!args.length || !['text', 'json'].includes(format) || args.some((a) => a.startsWith('--'))) {
    io.stderr(USAGE);
    return 2;
  }
  const errors: string[] = [];
  const dirs: string[] = [];
  for (const a of args) {
    if (!isDir(a)) {
      errors.push(`${a}: not a folder (give the folder holding backup/ and archive/, e.g. /etc/lvm)`);
      continue;
    }
    dirs.push(...backupDirsOf(a));
  }
  const res = printTimelines(dirs, format as 'text' | 'json', io, onlyVg, errors);
  for (const e of errors) io.stderr(`blockwise: ${sanitizeText(e)}\n`);
  if (!res && !errors.length) io.stderr(`blockwise: ${sanitizeText(`no LVM metadata backups or archives in ${dirs.join(', ')}${onlyVg !== undefined ? ` for VG ${onlyVg}` : ''}`)}\n`);
  return errors.length ? 2 : 0;
}

/** `backups restore FILE`: a plan only for a file that is LVM metadata of the VG it holds. */
export async function restoreFile(file: string, o: PlanOptions, io: Io): Promise<number> {
  const r = await planRestore(file, o);
  if (!r.ok) {
    io.stderr(`blockwise: ${sanitizeText(file)}: no restore plan: ${sanitizeText(r.why)}\n`);
    return 2;
  }
  io.stdout(r.text);
  return 0;
}

const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `new Date(sec * 1000).toISOString().replace('T', ' ').slice(0, 19)` without a Date and three
 * strings per entry: whole seconds of years 1970-9999 by the civil-from-days algorithm
 * (H. Hinnant), anything else through Date.
 */
export function utcText(sec: number): string {
  if (!(Number.isInteger(sec) && sec >= 0 && sec < 253402300800)) return new Date(sec * 1000).toISOString().replace('T', ' ').slice(0, 19);
  const days = Math.floor(sec / 86400);
  let r = sec - days * 86400;
  const hh = (r / 3600) | 0;
  r -= hh * 3600;
  const mm = (r / 60) | 0;
  const ss = r - mm * 60;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  let y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  return `${y}-${P2[m]}-${P2[d]} ${P2[hh]}:${P2[mm]}:${P2[ss]}`;
}

/** List, sort and label every entry (bounded header read per file); returns the entry count. */
export function printTimelines(dirs: string[], format: 'text' | 'json', io: Io, onlyVg?: string, errors: string[] = []): number {
  const skipped: string[] = [];
  let timelines: VgTimeline[] = listTimelines(dirs, errors, skipped);
  for (const s of skipped) io.stderr(`blockwise: ${sanitizeText(s)}\n`);
  if (onlyVg !== undefined) timelines = timelines.filter((t) => t.vg === onlyVg);
  let n = 0;
  const chunk: string[] = [];
  const flush = () => {
    if (chunk.length) io.stdout(chunk.join(''));
    chunk.length = 0;
  };
  if (format === 'json') chunk.push('[');
  let first = true;
  for (const t of timelines) {
    if (format === 'text') chunk.push(`${sanitizeText(t.vg)} (${t.entries.length} file${t.entries.length === 1 ? '' : 's'})\n`);
    for (const e of t.entries) {
      // One bounded read per file; the header is printed and dropped (110,000 files stay small).
      let h: BackupHeader;
      try {
        h = e.header ?? readHeader(e.path, 1024);
      } catch {
        h = {};
      }
      n++;
      if (format === 'json') {
        chunk.push(`${first ? '' : ','}\n${JSON.stringify({ vg: t.vg, file: e.path, kind: e.kind, index: e.index ?? null, seqno: h.seqno ?? null, time: h.creationTime !== undefined ? new Date(h.creationTime * 1000).toISOString() : null, description: h.description ?? null })}`);
        first = false;
      } else {
        const time = h.creationTime !== undefined ? utcText(h.creationTime) : '-';
        // Descriptions, VG names and paths come from the files: sanitised (a tab in one is escaped too).
        chunk.push(`  ${e.kind === 'archive' ? `#${e.index}` : 'backup'}\tseqno ${h.seqno ?? '?'}\t${time}\t${sanitizeText(h.description ?? '')}\t${sanitizeText(e.path)}\n`);
      }
      if (chunk.length >= 4096) flush();
    }
  }
  if (format === 'json') chunk.push('\n]\n');
  flush();
  return n;
}
