// The language features, routed by the document's language to its handler (server/src/languages.ts),
// answered by an analysis worker for big documents (registry.ts inWorker) and converted to LSP types.
import {
  CodeActionKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type FoldingRange,
  type Location,
} from 'vscode-languageserver/node';
import type { CompletionEntry, HoverResult } from '../core/handler';
import { capFolding, capSymbols } from '../core/limits';
import { mdText } from '../core/markdown';
import { ruleDoc } from '../core/rules';
import type { DocSymbol, Fix, FoldRange, Range } from '../core/types';
import { semanticTokens, type SemanticTokens } from '../features/tokens';
import { HANDLERS } from '../languages';
import { hostComment } from '../lvmconf/host';
import { markup } from './capabilities';
import { guard, guardAsync } from './connection';
import { toCompletion, toSymbol } from './convert';
import { docFor, inWorker } from './registry';
import { optionsFrom, remoteHostOf, settingsFor, state } from './settings';

/** The release a document is checked as, and why (a language handler's `release`). */
export type Release = { release: string; reason: string; source: string };

export function registerFeatures(connection: Connection): void {
  connection.onDocumentSymbol(async (p) => {
    const d = await docFor(p.textDocument.uri);
    if (!d) return [];
    const settings = await settingsFor(d.e.uri);
    const options = optionsFrom(settings, d.doc.languageId, d.e.uri);
    const far = await guardAsync('documentSymbol', undefined, () => inWorker<DocSymbol[]>(d, 'symbols', options));
    if (far) return (far.value ?? []).map(toSymbol);
    return guard('documentSymbol', [], () => capSymbols(HANDLERS[d.doc.languageId].symbols(d.doc, options)).map(toSymbol));
  });

  connection.onFoldingRanges(async (p) => {
    const d = await docFor(p.textDocument.uri);
    if (!d) return [];
    const toLsp = (fs: FoldRange[]): FoldingRange[] => fs.filter((f) => f.endLine > f.startLine).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind }));
    const far = await guardAsync('foldingRange', undefined, () => inWorker<FoldRange[]>(d, 'folding', {}));
    if (far) return toLsp(far.value ?? []);
    return guard('foldingRange', [] as FoldingRange[], () => toLsp(capFolding(HANDLERS[d.doc.languageId].folding(d.doc))));
  });

  connection.languages.semanticTokens.on(async (p) => {
    const d = await docFor(p.textDocument.uri);
    if (!d) return { data: [] };
    const far = await guardAsync('semanticTokens', undefined, () => inWorker<SemanticTokens>(d, 'tokens', {}));
    if (far) return far.value ?? { data: [] };
    return guard('semanticTokens', { data: [] }, () => semanticTokens(d.doc));
  });

  connection.languages.semanticTokens.onRange(async (p) => {
    const d = await docFor(p.textDocument.uri);
    if (!d) return { data: [] };
    const far = await guardAsync('semanticTokens/range', undefined, () => inWorker<SemanticTokens>(d, 'tokens', {}, { range: p.range }));
    if (far) return far.value ?? { data: [] };
    return guard('semanticTokens/range', { data: [] }, () => semanticTokens(d.doc, p.range));
  });

  connection.onHover(async (p) => {
    const d = await docFor(p.textDocument.uri);
    const h = d && HANDLERS[d.doc.languageId].hover;
    if (!d) return null;
    const settings = await settingsFor(d.e.uri);
    const options = optionsFrom(settings, d.doc.languageId, d.e.uri);
    const far = await guardAsync('hover', undefined, () => inWorker<{ hover: HoverResult | null; release?: Release }>(d, 'hover', options, { position: p.position }));
    // The first line says which release the file is checked as, and why.
    const release = far ? far.value?.release : p.position.line === 0 ? guard('release', undefined, () => HANDLERS[d.doc.languageId].release?.(d.doc, options)) : undefined;
    // The reason may name the host of a remote document (from its URI): escaped, as every name in hover markdown.
    const host = remoteHostOf(d.e.uri);
    const reason = release && host ? release.reason.split(host).join(mdText(host)) : release?.reason;
    const releaseText = release ? `Checked as ${d.doc.languageId === 'kickstart' ? '' : 'lvm2 '}${release.release}: ${reason}.` : undefined;
    const r = far ? (far.value?.hover ?? null) : h ? guard('hover', null, () => h(d.doc, p.position, options)) : null;
    if (!r) return releaseText ? { contents: markup(releaseText, state.features.markdownHover) } : null;
    let value = releaseText ? `${releaseText}\n\n---\n${r.contents}` : r.contents;
    // lvm.conf: add the host's own description of the setting when lvmconfig is installed.
    const path = d.doc.languageId === 'lvm-conf' && settings.lvmconf?.hostComments !== false ? /^\*\*([a-z_]+(?:\/[a-z_]+)+)\*\* — (?!section)/.exec(value)?.[1] : undefined;
    if (path) {
      const extra = await hostComment(path).catch(() => undefined);
      if (extra) value += `\n\n---\nOn this host (\`lvmconfig\`):\n\n${extra.replace(/\n/g, '  \n')}`;
    }
    return { contents: markup(value, state.features.markdownHover), range: r.range };
  });

  connection.onCompletion(async (p) => {
    const d = await docFor(p.textDocument.uri);
    const c = d && HANDLERS[d.doc.languageId].completion;
    if (!d || !c) return [];
    const settings = await settingsFor(d.e.uri);
    const options = optionsFrom(settings, d.doc.languageId, d.e.uri);
    const far = await guardAsync('completion', undefined, () => inWorker<CompletionEntry[]>(d, 'completion', options, { position: p.position }));
    return guard('completion', [] as CompletionItem[], () =>
      (far ? (far.value ?? []) : c(d.doc, p.position, options)).map((x) => toCompletion(x, state.supportsSnippets, state.features.markdownCompletion)).filter((x): x is CompletionItem => !!x),
    );
  });

  connection.onCodeAction(async (p) => {
    const d = await docFor(p.textDocument.uri);
    if (!d) return [];
    return guard('codeAction', [] as CodeAction[], () => {
      const out: CodeAction[] = [];
      for (const diag of p.context?.diagnostics ?? []) {
        if (diag.source !== 'blockwise') continue;
        const data = (diag.data as { fixes?: Fix[] } | undefined)?.fixes;
        const fixes = Array.isArray(data) ? data : [];
        for (const f of fixes) {
          if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits)) continue;
          out.push({
            title: f.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diag],
            isPreferred: f.preferred,
            edit: { changes: { [p.textDocument.uri]: f.edits } },
          });
        }
        // Every finding can be silenced for one line (once: an lvm.conf finding carries that fix itself).
        const code = typeof diag.code === 'string' ? diag.code : undefined;
        const carried = fixes.some((f) => Array.isArray(f?.edits) && f.edits.some((e) => typeof e?.newText === 'string' && e.newText.includes(`blockwise-disable-next-line ${code}`)));
        if (code && !carried && ruleDoc(code) && code !== 'grammar-missing' && code !== 'internal-error') {
          const line = diag.range.start.line;
          const indent = /^\s*/.exec(d.doc.lines.lineText(line))?.[0] ?? '';
          out.push({
            title: `Silence ${code} on this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diag],
            edit: {
              changes: {
                [p.textDocument.uri]: [
                  { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# blockwise-disable-next-line ${code}\n` },
                ],
              },
            },
          });
        }
      }
      return out;
    });
  });

  connection.onDefinition(async (p) => {
    const d = await docFor(p.textDocument.uri);
    const def = d && HANDLERS[d.doc.languageId].definition;
    if (!d || !def) return [];
    const far = await guardAsync('definition', undefined, () => inWorker<Range[]>(d, 'definition', {}, { position: p.position }));
    return guard('definition', [] as Location[], () => (far ? (far.value ?? []) : def(d.doc, p.position)).map((range) => ({ uri: d.e.uri, range })));
  });

  connection.onReferences(async (p) => {
    const d = await docFor(p.textDocument.uri);
    const refs = d && HANDLERS[d.doc.languageId].references;
    if (!d || !refs) return [];
    const includeDeclaration = !!p.context?.includeDeclaration;
    const far = await guardAsync('references', undefined, () => inWorker<Range[]>(d, 'references', {}, { position: p.position, includeDeclaration }));
    return guard('references', [] as Location[], () => (far ? (far.value ?? []) : refs(d.doc, p.position, includeDeclaration)).map((range) => ({ uri: d.e.uri, range })));
  });

  connection.onDocumentFormatting(async (p) => {
    const d = await docFor(p.textDocument.uri);
    const fmt = d && HANDLERS[d.doc.languageId].format;
    if (!d || !fmt) return [];
    return guard('formatting', [], () => fmt(d.doc, { tabSize: p.options?.tabSize ?? 4, insertSpaces: p.options?.insertSpaces ?? false }));
  });
}
