// Pictures of what a file describes: the extent map of an LVM metadata file and the storage
// plan of a kickstart. Pure (text in, JSON/SVG/text out): the CLI (`blockwise map`), the
// extension's webviews and the tests share it.
import type { ParsedDocument } from '../core/document';
import type { AnalysisOptions } from '../core/types';
import { buildModel as buildKickstartModel } from '../kickstart/model';
import { getModel } from '../metadata/model';
import { storagePlan, storagePlanJson, type StoragePlan } from './plan';
import { templateOf, unionDocument } from '../template';
import { markTemplatePlan } from './template-plan';
import { storagePlanSvg, storagePlanText, vgMapSvg, vgMapText } from './render';
import { vgMap, vgMapJson, type VgMap } from './vg';

export type Picture = VgMap | StoragePlan;
export type MapFormat = 'svg' | 'json' | 'text';

export { storagePlan, storagePlanJson, storagePlanSvg, storagePlanText, vgMap, vgMapJson, vgMapSvg, vgMapText };
export type { StoragePlan, VgMap };

/** The picture of a parsed document, or a reason why there is none. */
export function pictureOf(doc: ParsedDocument, options: { target?: string; severities?: AnalysisOptions['severities'] } = {}): Picture | { error: string } {
  if (doc.languageId === 'lvm-metadata') {
    const m = vgMap(getModel(doc));
    return m ?? { error: 'the file has no volume group section' };
  }
  if (doc.languageId === 'kickstart') {
    const tpl = templateOf(doc);
    if (tpl) {
      const union = unionDocument(doc, tpl);
      return markTemplatePlan(storagePlan(buildKickstartModel(union, { target: options.target }), options.severities), union, doc, tpl);
    }
    return storagePlan(buildKickstartModel(doc, { target: options.target }), options.severities);
  }
  return { error: 'maps are drawn for LVM metadata files and kickstarts only' };
}

export function render(p: Picture, format: MapFormat): string {
  if (p.kind === 'vg') {
    if (format === 'json') return `${JSON.stringify(vgMapJson(p), null, 2)}\n`;
    return format === 'svg' ? vgMapSvg(p) : vgMapText(p);
  }
  if (format === 'json') return `${JSON.stringify(storagePlanJson(p), null, 2)}\n`;
  return format === 'svg' ? storagePlanSvg(p) : storagePlanText(p);
}
