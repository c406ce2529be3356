// Pictures for the backups browser: the extent map of any version, and what changed between two
// versions (drawn beside the text diff). Drawn here from the pure module (server/src/map), as the
// browser's structural summary is, since the versions are files, not open documents.
import { readFileSync } from 'node:fs';
import { ParsedDocument } from '../../../server/src/core/document';
import { vgChangeSvg } from '../../../server/src/map/change';
import { vgMap, vgMapSvg, type VgMap } from '../../../server/src/map/index';
import { getModel } from '../../../server/src/metadata/model';
import { loadLanguage } from '../../../server/src/syntax/treesitter';

async function mapOfFile(path: string): Promise<VgMap> {
  await loadLanguage('lvm');
  const doc = new ParsedDocument(`file://${path}`, 'lvm-metadata', readFileSync(path, 'utf8'));
  try {
    const m = vgMap(getModel(doc));
    if (!m) throw new Error(`${path} has no volume group section`);
    return m;
  } finally {
    doc.dispose();
  }
}

export async function versionMapSvg(path: string): Promise<string> {
  return vgMapSvg(await mapOfFile(path));
}

export async function changeSvg(before: string, after: string, labels: { a: string; b: string }): Promise<string> {
  return vgChangeSvg(await mapOfFile(before), await mapOfFile(after), labels);
}
