// The kickstart language handler: syntax and version rules (rules/syntax.ts, rules/version.ts),
// safety and storage rules (rules/safety.ts, rules/storage.ts), outline, folding, hover,
// completion and go to definition, all on one model per document version (model.ts).
import type { LanguageHandler } from '../core/handler';
import type { DocSymbol, Finding, FoldRange } from '../core/types';
import type { ParsedDocument } from '../core/document';
import { kickstartCompletion } from './completion';
import { kickstartHover } from './hover';
import { buildModel, currentModel, type KickstartModel } from './model';
import { safetyFindings } from './rules/safety';
import { storageFindings } from './rules/storage';
import { anacondaFindings } from './rules/anaconda';
import { syntaxRuleFindings } from './rules/syntax';
import { versionRuleFindings } from './rules/version';
import { storageDefinition, storageSymbols } from './storage';
import { isShellInterpreter } from './guard';
import { resolveTarget, sectionSpec } from './versions';
import { explainRelease } from './explain';
import { kickstartBranchFindings, kickstartLinesAs } from './branches';

/** Extra outline entries (the storage tree); storage.ts provides the default. */
export type SymbolHook = (model: KickstartModel, doc: ParsedDocument) => DocSymbol[];
const symbolHooks: SymbolHook[] = [(m) => storageSymbols(m)];
export function addSymbolHook(h: SymbolHook): void {
  symbolHooks.push(h);
}

function sectionSymbols(doc: ParsedDocument, model: ReturnType<typeof buildModel>): DocSymbol[] {
  const out: DocSymbol[] = [];
  for (const s of model.sections) {
    const end = s.end ? s.end.end : doc.lines.positionAt(s.bodyEnd);
    const detail = s.header.words
      .slice(1)
      .map((w) => w.text)
      .join(' ');
    out.push({ name: s.header.written, detail: detail || undefined, kind: s.kind === 'packages' ? 'array' : 'function', range: { start: s.header.range.start, end }, selectionRange: s.header.nameRange });
  }
  return out;
}

export const kickstartHandler: LanguageHandler = {
  id: 'kickstart',
  targets: { accepts: (raw) => resolveTarget(raw) !== undefined, describe: 'RHEL6, RHEL7, RHEL8, RHEL9, RHEL10, RHEL11 (or a rebuild: OL8, Rocky9, Alma9, CentOS7, centos-stream-9), F17 to F45 (DEVEL, fedora)' },
  analyze: (doc, options) => {
    const model = buildModel(doc, options);
    const out: Finding[] = [...syntaxRuleFindings(model, doc, options), ...versionRuleFindings(model, doc, options)];
    // Loops, not push(...spread): a generated 10 MB file can produce more findings than the stack holds.
    for (const f of safetyFindings(model, doc, options)) out.push(f);
    for (const f of storageFindings(model, doc, options)) out.push(f);
    for (const f of anacondaFindings(model)) out.push(f);
    explainRelease(model, out);
    return out;
  },
  branchFindings: kickstartBranchFindings,
  linesAs: kickstartLinesAs,
  isOptionValue: (doc, offset) => {
    const model = currentModel(doc);
    const line = doc.lines.positionAt(offset).line;
    // Commands are in line order: the one on this line, by binary search.
    const cs = model.commands;
    let lo = 0;
    let hi = cs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cs[mid].line < line) lo = mid + 1;
      else if (cs[mid].line > line) hi = mid - 1;
      else {
        const c = cs[mid];
        for (let j = c.optFirst; j < c.optEnd; j++) if (c.optionTable.valueStart[j] === offset) return true;
        return false;
      }
    }
    return false;
  },
  symbols: (doc, options) => {
    const model = options ? buildModel(doc, options) : currentModel(doc);
    const out = sectionSymbols(doc, model);
    const cmds: DocSymbol[] = model.commands.map((c) => ({
      name: c.written,
      detail: c.words
        .slice(1)
        .map((w) => w.text)
        .join(' ')
        .slice(0, 80) || undefined,
      kind: 'key',
      range: c.range,
      selectionRange: c.nameRange,
    }));
    if (cmds.length) {
      out.unshift({ name: 'commands', kind: 'namespace', range: { start: cmds[0].range.start, end: cmds[cmds.length - 1].range.end }, selectionRange: cmds[0].selectionRange, children: cmds });
    }
    for (const h of symbolHooks) for (const s of h(model, doc)) out.push(s);
    return out;
  },
  folding: (doc): FoldRange[] => {
    const model = currentModel(doc);
    const out: FoldRange[] = [];
    for (const s of model.sections) {
      const start = s.header.range.start.line;
      const end = s.end ? s.end.start.line : doc.lines.positionAt(Math.max(s.bodyStart, s.bodyEnd - 1)).line;
      if (end > start) out.push({ startLine: start, endLine: end, kind: 'region' });
    }
    return out;
  },
  // The release the file is checked as (release.ts: setting > #version= > evidence > RHEL 9), and why.
  release: (doc, options) => {
    const r = buildModel(doc, options).release;
    return { release: r.release.label, reason: r.reason, source: r.source };
  },
  hover: kickstartHover,
  completion: kickstartCompletion,
  definition: (doc, pos) => storageDefinition(currentModel(doc), doc, pos),
  shellBodies: (doc) =>
    currentModel(doc)
      .sections.filter((s) => sectionSpec(s.header.written)?.script && isShellInterpreter(s.interpreter))
      .map((s) => ({ start: s.bodyStart, end: s.bodyEnd })),
};
