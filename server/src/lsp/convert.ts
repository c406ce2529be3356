// Conversions of our findings, symbols and completion entries to LSP types.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
} from 'vscode-languageserver/node';
import type { CompletionEntry } from '../core/handler';
import type { DocSymbol, Finding, Severity } from '../core/types';
import { markup } from './capabilities';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    source: 'blockwise',
    message: f.message,
  };
  if (f.fixes?.length) d.data = { fixes: f.fixes };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}

const SYMBOL_KIND: Record<DocSymbol['kind'], SymbolKind> = {
  file: SymbolKind.File,
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  class: SymbolKind.Class,
  field: SymbolKind.Field,
  property: SymbolKind.Property,
  variable: SymbolKind.Variable,
  constant: SymbolKind.Constant,
  array: SymbolKind.Array,
  object: SymbolKind.Object,
  key: SymbolKind.Key,
  struct: SymbolKind.Struct,
  event: SymbolKind.Event,
  function: SymbolKind.Function,
};

export function toSymbol(s: DocSymbol): DocumentSymbol {
  return {
    name: s.name || '?',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind] ?? SymbolKind.Object,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children?.map(toSymbol),
  };
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  module: CompletionItemKind.Module,
  snippet: CompletionItemKind.Snippet,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
};

/** `snippets`, `markdown`: what the client takes (a snippet it cannot take is left out). */
export function toCompletion(c: CompletionEntry, snippets: boolean, markdown: boolean): CompletionItem | null {
  if (c.snippet && !snippets) return null;
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind] ?? CompletionItemKind.Text,
    detail: c.detail,
    sortText: c.sortText,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.documentation) item.documentation = markup(c.documentation, markdown);
  const text = c.insertText ?? c.label;
  if (c.replace) item.textEdit = { range: c.replace, newText: text };
  else item.insertText = text;
  return item;
}
