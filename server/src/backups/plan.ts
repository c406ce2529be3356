// The restore plan for a file, shared by `blockwise backups restore` and the editor's backups
// view: refused (with the reason) unless the file is LVM metadata text of the VG it holds; for a
// file with MISSING PVs, the pre-loss archive is looked up next to it.
import { readFileSync, statSync } from 'node:fs';
import { loadLanguage, parse } from '../syntax/treesitter';
import { buildModel, type MetadataModel } from '../metadata/model';
import { notRestorable, restoreCommands, type PreLossArchive } from './restore';
import { findPreLossArchive, siblingArchiveDir } from './preloss';
import { isMetadataHead } from './timeline';
import { hasUnsafeChars } from '../core/sanitize';

export interface PlanOptions {
  /** The VG the admin expects; refused when the file holds another. */
  vg?: string;
  /** Comma-separated PV keys whose labels are destroyed. */
  lost?: string;
  /** Where to look for the pre-loss archive (default: next to the file). */
  archiveDir?: string;
}

const MAX_RESTORE_BYTES = 64 * 1024 * 1024;

/** Parse a metadata text into its model (the lvm grammar must be loaded); line of the first syntax error. */
export function readModel(text: string): { model: MetadataModel; errorLine?: number } {
  const tree = parse('lvm', text);
  try {
    let errorLine: number | undefined;
    if (tree.rootNode.hasError) {
      errorLine = 1;
      const c = tree.rootNode.walk();
      // First ERROR or MISSING node in document order, with a cursor (no recursion).
      for (;;) {
        const n = c.currentNode;
        if (n.type === 'ERROR' || n.isMissing) {
          errorLine = n.startPosition.row + 1;
          break;
        }
        if (n.hasError && c.gotoFirstChild()) continue;
        let moved = false;
        while (!moved) {
          if (c.gotoNextSibling()) moved = true;
          else if (!c.gotoParent()) break;
        }
        if (!moved) break;
      }
      c.delete();
    }
    return { model: buildModel(tree, text), errorLine };
  } finally {
    tree.delete();
  }
}

export async function planRestore(file: string, o: PlanOptions = {}): Promise<{ ok: true; text: string } | { ok: false; why: string }> {
  const refuse = (why: string) => ({ ok: false as const, why });
  if (hasUnsafeChars(file)) return refuse('its name has a control character (a line break in a pasted command would split it); rename or copy the file');
  // The archive folder goes into commands and comments as FILE does: validated the same way.
  if (o.archiveDir !== undefined && (hasUnsafeChars(o.archiveDir) || o.archiveDir === '' || o.archiveDir.startsWith('-')))
    return refuse(`--archive-dir ${JSON.stringify(o.archiveDir)}: a folder name with a control character, or empty, or starting with "-" is refused (a line break in a pasted command would split it)`);
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) return refuse('not a regular file');
    if (st.size > MAX_RESTORE_BYTES) return refuse(`${st.size} bytes is over the ${MAX_RESTORE_BYTES}-byte limit`);
    bytes = readFileSync(file);
  } catch (e) {
    return refuse((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  if (bytes.includes(0)) return refuse('it is binary (NUL bytes), not LVM metadata text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('it is not UTF-8 text, not LVM metadata as lvm2 writes it');
  }
  if (!isMetadataHead(text.slice(0, 16384))) return refuse('it is not LVM metadata (no "contents = \\"Text Format Volume Group\\"" line and no volume group section with id and seqno)');
  await loadLanguage('lvm');
  const { model, errorLine } = readModel(text);
  const why = notRestorable(model, errorLine !== undefined ? { line: errorLine } : undefined);
  if (why) return refuse(why);
  const vgName = model.vg!.name;
  if (o.vg !== undefined && o.vg !== vgName) return refuse(`it holds VG ${JSON.stringify(vgName)}, not ${JSON.stringify(o.vg)} (vgcfgrestore restores the VG a file holds)`);
  for (const k of o.lost?.split(',') ?? []) if (!model.vg!.pvByKey.has(k)) return refuse(`--lost ${k}: the file has no PV ${k} (it has ${model.vg!.pvs.map((p) => p.key).join(', ')})`);
  let preLoss: PreLossArchive | undefined;
  let archiveDir: string | undefined;
  if (model.vg!.pvs.some((p) => p.missing)) {
    archiveDir = o.archiveDir ?? siblingArchiveDir(file);
    preLoss = findPreLossArchive(file, model, (_p, t) => readModel(t).model, archiveDir);
  }
  return { ok: true, text: restoreCommands(model, { file, lostLabels: o.lost ? o.lost.split(',') : undefined, preLoss, archiveDir }) };
}
