// Files a kickstart `%include`s that can be read now: a relative path beside the kickstart, as
// pykickstart (and so ksflatten) resolves it: a path that does not exist as given is looked up in
// the including file's folder. Absolute paths (`/tmp/part-include`) and URLs exist only at install
// time and are never read here. The reading itself is the caller's (AnalysisOptions.readInclude):
// this module only asks for text and reads what the storage and safety rules need from it.
import { ParsedDocument } from '../core/document';
import type { AnalysisOptions, Range } from '../core/types';
import { buildModel, type KickstartModel } from './model';
import { commaItems, commandsNamed, isPatternDiskSpec, option, optionsOf, storageGraph } from './storage';

/** What an included file (and the files it includes in turn) adds to the storage of the install. */
export interface IncludedFile {
  /** The path as written on the `%include` line. */
  written: string;
  /** Where it was read from. */
  file: string;
  /** The `%include` line in this document that brings it in. */
  range: Range;
  /** It holds storage commands (part, raid, volgroup, logvol, btrfs, autopart, mount, reqpart). */
  storage: boolean;
  /** `ignoredisk --only-use=` with explicit disks, as written. */
  onlyUse?: string;
  /** The last `clearpart` in it: its type and `--drives` value when the drives are explicit. */
  clearpart?: { type: 'all' | 'linux' | 'none' | 'list'; drives?: string; line: number };
  zerombr: boolean;
  /** Member ids (`pv.01`, `raid.01`) it defines, volume groups, thin pools (`vg/pool`), ids it uses. */
  ids: Set<string>;
  vgs: Set<string>;
  pools: Set<string>;
  used: Set<string>;
}

export interface Includes {
  read: IncludedFile[];
  /** `%include`s whose file cannot be read here (absolute paths, URLs, missing files, no reader). */
  unresolved: { path: string; range: Range }[];
}

/** How deep includes nest, and how many files one kickstart pulls in, before Blockwise stops reading. */
const MAX_DEPTH = 8;
const MAX_FILES = 64;
const STORAGE = ['part', 'raid', 'volgroup', 'logvol', 'btrfs', 'autopart', 'mount', 'reqpart'];

/** The includes of a kickstart, read through options.readInclude (cached for one analysis). */
export function kickstartIncludes(model: KickstartModel, doc: ParsedDocument, options: AnalysisOptions): Includes {
  const key = 'kickstart.includes';
  const hit = doc.cache.get(key) as { model: KickstartModel; options: AnalysisOptions; value: Includes } | undefined;
  if (hit && hit.model === model && hit.options === options) return hit.value;
  const value = readIncludes(model, options);
  doc.cache.set(key, { model, options, value });
  return value;
}

function readIncludes(model: KickstartModel, options: AnalysisOptions): Includes {
  const out: Includes = { read: [], unresolved: [] };
  const reader = options.readInclude;
  const seen = new Set<string>();
  let files = 0;
  for (const inc of model.includes) {
    if (inc.kind !== 'include') {
      out.unresolved.push({ path: inc.path, range: inc.range });
      continue;
    }
    const got = reader && readable(inc.path) ? reader(inc.path) : undefined;
    if (!got) {
      out.unresolved.push({ path: inc.path, range: inc.range });
      continue;
    }
    const f: IncludedFile = { written: inc.path, file: got.file, range: inc.range, storage: false, zerombr: false, ids: new Set(), vgs: new Set(), pools: new Set(), used: new Set() };
    // The file and what it includes in turn, breadth first (no recursion), each file once.
    const queue: { text: string; file: string; depth: number }[] = [{ text: got.text, file: got.file, depth: 0 }];
    while (queue.length) {
      const q = queue.shift()!;
      if (seen.has(q.file) || files >= MAX_FILES) continue;
      seen.add(q.file);
      files++;
      const nested = summarise(q.text, q.file, options, f);
      for (const n of nested) {
        const r = q.depth < MAX_DEPTH && readable(n) ? reader!(n, q.file) : undefined;
        if (r) queue.push({ text: r.text, file: r.file, depth: q.depth + 1 });
        else out.unresolved.push({ path: n, range: inc.range });
      }
    }
    out.read.push(f);
  }
  return out;
}

/** Only relative paths are looked up beside the kickstart; the others exist at install time. */
function readable(path: string): boolean {
  return !!path && !path.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(path) && !path.includes('$');
}

/** What a text a %pre writes into an included file adds (definitions only; it is not read further). */
export function generatedInclude(written: string, text: string, range: Range, options: AnalysisOptions): IncludedFile {
  const f: IncludedFile = { written, file: written, range, storage: false, zerombr: false, ids: new Set(), vgs: new Set(), pools: new Set(), used: new Set() };
  summarise(text, written, options, f);
  return f;
}

/** Fold one included file's storage into `into`; returns the paths it includes in turn. */
function summarise(text: string, file: string, options: AnalysisOptions, into: IncludedFile): string[] {
  const doc = new ParsedDocument(file, 'kickstart', text);
  try {
    const m = buildModel(doc, { target: options.target });
    const g = storageGraph(m);
    if (STORAGE.some((n) => commandsNamed(m, n).length)) into.storage = true;
    const ig = commandsNamed(m, 'ignoredisk').pop();
    const only = ig ? option(ig, 'only-use') : undefined;
    const items = only ? commaItems(only) : [];
    if (items.length && !items.some((d) => isPatternDiskSpec(d.text))) into.onlyUse = only!.value;
    const cp = commandsNamed(m, 'clearpart').pop();
    if (cp) {
      let type: NonNullable<IncludedFile['clearpart']>['type'] = 'none';
      const types = optionsOf(cp, 'all', 'linux', 'none', 'list');
      for (const o of types) if (o.name !== 'list') type = o.name as typeof type;
      if (types.some((o) => o.name === 'list')) type = 'list';
      const drives = option(cp, 'drives');
      const di = drives ? commaItems(drives) : [];
      into.clearpart = { type, drives: di.length && !di.some((d) => isPatternDiskSpec(d.text)) ? drives!.value : undefined, line: cp.line };
    }
    if (commandsNamed(m, 'zerombr').length) into.zerombr = true;
    for (const id of g.ids.keys()) into.ids.add(id);
    for (const v of g.vgs) {
      if (v.name !== undefined) into.vgs.add(v.name);
      for (const p of v.pvs) into.used.add(p.text);
    }
    for (const r of g.raids) for (const mm of r.members) into.used.add(mm.text);
    for (const b of g.btrfs) for (const mm of b.members) into.used.add(mm.text);
    for (const l of g.lvs) if (l.thinpool && l.name?.value !== undefined) into.pools.add(`${l.vgname?.value ?? ''}/${l.name.value}`);
    return m.includes.filter((i) => i.kind === 'include').map((i) => i.path);
  } finally {
    doc.dispose();
  }
}
