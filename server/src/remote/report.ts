// Parsing what a refresh printed: sentinel sections, the lvm JSON report (every value a string,
// "" = unknown), the lvmconfig and probe lines. Remote output is untrusted: nothing here throws
// on bad input; problems become a ReportError with a location.
import { sentinel } from './script';

export type Row = Record<string, string>;

export interface Section {
  name: string;
  body: string;
  rc: number | null;
}

export interface LvmReport {
  vgs: Row[];
  pvs: Row[];
  lvs: Row[];
  segs: Row[];
  pvsegs: Row[];
  log: Row[];
}

export interface Probes {
  uid?: number;
  sudo?: string;
  lvmVersion?: string;
  config: Record<string, string>;
  tools: Record<string, { state: 'present' | 'missing' | 'disabled' | 'unknown'; path?: string }>;
  archive?: { files: number | 'absent'; kib?: number };
}

export class ReportError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(`${message} (${where})`);
  }
}

/** Split stdout into the sections between this request's sentinels; noise outside is ignored. */
export function splitSections(stdout: string, nonce: string): { sections: Map<string, Section>; done: boolean } {
  const mark = sentinel(nonce);
  const sections = new Map<string, Section>();
  let done = false;
  let open: { name: string; start: number } | undefined;
  let at = stdout.indexOf(mark);
  while (at !== -1) {
    const lineEnd = stdout.indexOf('\n', at);
    const line = stdout.slice(at + mark.length, lineEnd === -1 ? undefined : lineEnd).trim();
    const parts = line.split(' ');
    if (parts[0] === 'begin' && parts[1]) open = { name: parts[1], start: lineEnd === -1 ? stdout.length : lineEnd + 1 };
    else if (parts[0] === 'end' && open && parts[1] === open.name) {
      let body = stdout.slice(open.start, at);
      if (body.endsWith('\n')) body = body.slice(0, -1); // the marker's own leading newline
      const rc = parts[2] !== undefined && /^\d+$/.test(parts[2]) ? Number(parts[2]) : null;
      sections.set(open.name, { name: open.name, body, rc });
      open = undefined;
    } else if (parts[0] === 'done') done = true;
    at = stdout.indexOf(mark, at + mark.length);
  }
  return { sections, done };
}

/** The same split for stderr, so each section's warnings can be attributed. */
export function splitStderr(stderr: string, nonce: string): Map<string, string> {
  const out = new Map<string, string>();
  const { sections } = splitSections(stderr, nonce);
  for (const [k, v] of sections) out.set(k, v.body.trim());
  return out;
}

function asRows(v: unknown, where: string): Row[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ReportError('expected an array', where);
  return v.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ReportError('expected an object', `${where}[${i}]`);
    const row: Row = {};
    for (const [k, val] of Object.entries(r as Record<string, unknown>)) {
      if (typeof val === 'string') row[k] = val;
      else if (typeof val === 'number') row[k] = String(val); // json_std would give numbers
      else if (val === null) row[k] = '';
      else throw new ReportError(`field ${k} is not a string`, `${where}[${i}]`);
    }
    return row;
  });
}

/** The largest report the comma repair is tried on (a refresh's stdout cap is 16 MiB). */
export const MAX_REPAIR_BYTES = 64 * 1024 * 1024;

/**
 * Remove the commas lvm2 is known to leave: a `,` that, after white space only, is followed by
 * `]` or `}`, outside strings. Nothing else is changed. Linear: one pass that collects the kept
 * stretches and joins them once (rebuilding the string per comma made 800 KB take a minute).
 * Undefined past MAX_REPAIR_BYTES (the caller reports the original JSON error).
 */
export function dropTrailingCommas(text: string): string | undefined {
  if (text.length > MAX_REPAIR_BYTES) return undefined;
  const parts: string[] = [];
  let from = 0;
  let inStr = false;
  let pendingComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inStr = false;
      continue;
    }
    if (c === 0x22) {
      inStr = true;
      pendingComma = -1;
    } else if (c === 0x2c) pendingComma = i;
    else if (c === 0x5d || c === 0x7d) {
      if (pendingComma >= 0) {
        parts.push(text.slice(from, pendingComma));
        from = pendingComma + 1;
        pendingComma = -1;
      }
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) pendingComma = -1;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

/** Parse `lvm fullreport --reportformat json` output: one `report` entry per VG, plus `log`. */
export function parseFullReport(text: string): LvmReport {
  const out: LvmReport = { vgs: [], pvs: [], lvs: [], segs: [], pvsegs: [], log: [] };
  if (text.trim() === '') return out;
  let doc: unknown;
  try {
    try {
      doc = JSON.parse(text);
    } catch (first) {
      // lvm2 2.03.16 leaves a comma after the last entry of the `log` array in some runs
      // (seen with a missing PV): accept that one defect, nothing else.
      const repaired = dropTrailingCommas(text);
      if (repaired === undefined || repaired === text) throw first;
      doc = JSON.parse(repaired);
    }
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const pos = m ? Number(m[1]) : undefined;
    let where = 'report';
    if (pos !== undefined) {
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = `report line ${line} column ${col}`;
    }
    throw new ReportError(`the lvm report is not valid JSON: ${(e as Error).message.split('\n')[0]}`, where);
  }
  if (!doc || typeof doc !== 'object') throw new ReportError('expected a JSON object', 'report');
  const d = doc as Record<string, unknown>;
  if (d.report !== undefined) {
    if (!Array.isArray(d.report)) throw new ReportError('"report" is not an array', 'report');
    d.report.forEach((entry, i) => {
      if (!entry || typeof entry !== 'object') throw new ReportError('expected an object', `report[${i}]`);
      const e = entry as Record<string, unknown>;
      const vgRows = asRows(e.vg, `report[${i}].vg`);
      out.vgs.push(...vgRows);
      // Each entry is one VG; its pv and lv rows carry no vg_name of their own.
      const owner = vgRows[0]?.vg_name;
      const own = (rows: Row[]) => (owner === undefined ? rows : rows.map((r) => ('vg_name' in r ? r : { ...r, vg_name: owner })));
      out.pvs.push(...own(asRows(e.pv, `report[${i}].pv`)));
      out.lvs.push(...own(asRows(e.lv, `report[${i}].lv`)));
      out.segs.push(...asRows(e.seg, `report[${i}].seg`));
      out.pvsegs.push(...asRows(e.pvseg, `report[${i}].pvseg`));
    });
  }
  if (d.log !== undefined) out.log = asRows(d.log, 'log');
  return out;
}

/** `key=value` lines of lvmconfig (values keep lvm's quoting off). */
export function parseConfigLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2].trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

export function parseProbes(sections: Map<string, Section>): Probes {
  const p: Probes = { config: {}, tools: {} };
  const priv = sections.get('priv');
  if (priv) {
    const c = parseConfigLines(priv.body);
    if (/^\d+$/.test(c.uid ?? '')) p.uid = Number(c.uid);
    p.sudo = c.sudo;
  }
  const ver = sections.get('version');
  if (ver) {
    const m = /LVM version:\s*([0-9]+\.[0-9]+\.[0-9]+)/.exec(ver.body);
    if (m) p.lvmVersion = m[1];
  }
  const cfg = sections.get('config');
  if (cfg) p.config = parseConfigLines(cfg.body);
  const tools = sections.get('tools');
  for (const k of ['thin_check_executable', 'cache_check_executable']) {
    const m = tools ? new RegExp(`^${k}=(present|missing|disabled)(?: (.*))?$`, 'm').exec(tools.body) : null;
    p.tools[k] = m ? { state: m[1] as 'present', path: m[2] } : { state: 'unknown' };
  }
  const arch = sections.get('archive');
  if (arch) {
    const c = parseConfigLines(arch.body);
    if (c.files === 'absent') p.archive = { files: 'absent' };
    else if (/^\d+$/.test(c.files ?? '')) p.archive = { files: Number(c.files), kib: /^\d+$/.test(c.kib ?? '') ? Number(c.kib) : undefined };
  }
  return p;
}

/** Compare dotted lvm2 versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
