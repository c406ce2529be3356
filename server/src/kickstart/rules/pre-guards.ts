// The %pre sections of a kickstart with the guard analysis of each (../guard), shared by the
// safety, generated-storage and storage rules; cached on the document by body text.
import { CONTENT_KEYED, type ParsedDocument } from '../../core/document';
import { analyzeScript, guardVerdict, type GuardVerdict } from '../guard';
import type { KickstartModel, KsSection } from '../model';
import { option, optionsOf } from '../storage';

function sectionKind(s: KsSection): string {
  return s.kind;
}

function hasOption(s: KsSection, name: string): boolean {
  return optionsOf(s.header, name).length > 0;
}

export function interpreterOf(s: KsSection): string | undefined {
  return s.interpreter ?? option(s.header, 'interpreter')?.value;
}

export interface PreGuard {
  section: KsSection;
  verdict: GuardVerdict;
  erroronfail: boolean;
}

/** Guard verdicts of every %pre, cached on the document by body text (content-keyed: views of a template share it). */
export function preGuards(model: KickstartModel, doc: ParsedDocument): PreGuard[] {
  const cacheKey = `${CONTENT_KEYED}kickstart.preGuards`;
  const old = (doc.cache.get(cacheKey) as Map<string, GuardVerdict> | undefined) ?? new Map<string, GuardVerdict>();
  const next = new Map<string, GuardVerdict>();
  const out: PreGuard[] = [];
  for (const s of model.sections) {
    if (sectionKind(s) !== 'pre') continue;
    const erroronfail = hasOption(s, 'erroronfail');
    const interp = interpreterOf(s);
    const body = doc.text.slice(s.bodyStart, s.bodyEnd);
    const key = `${erroronfail ? 1 : 0}\u0000${interp ?? ''}\u0000${body}`;
    let verdict = old.get(key) ?? next.get(key);
    if (!verdict) verdict = guardVerdict(analyzeScript(body, interp), erroronfail);
    next.set(key, verdict);
    out.push({ section: s, verdict, erroronfail });
  }
  doc.cache.set(cacheKey, next);
  return out;
}
