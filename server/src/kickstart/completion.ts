// Completion for kickstart: commands and section headers at the start of a line, options of the
// command on the line, and values of options with a fixed set of values, all for the target.
import type { ParsedDocument } from '../core/document';
import type { CompletionEntry } from '../core/handler';
import { rangeContains } from '../core/text';
import type { AnalysisOptions, Position } from '../core/types';
import { buildModel } from './model';
import { COMMAND_DOCS, SECTION_DOCS, ksTables, commandSpec, commandsFor, optionAvailable, sectionSpec, valueKind, type OptionSpec } from './versions';

const BOOL_VALUES = ['yes', 'no'];

export function kickstartCompletion(doc: ParsedDocument, pos: Position, options: AnalysisOptions): CompletionEntry[] {
  const model = buildModel(doc, options);
  const table = model.resolved.table;
  // Inside a section body: only %end (and %include) at the start of a line.
  const lineText = doc.lines.lineText(pos.line).slice(0, pos.character);
  for (const s of model.sections) {
    if (s.header.range.start.line < pos.line && rangeContains(s.bodyRange, pos) && (!s.end || s.end.start.line > pos.line)) {
      if (/^\s*%?\w*$/.test(lineText)) {
        return [
          { label: '%end', kind: 'keyword', detail: `close ${s.header.written}` },
          { label: '%include', kind: 'keyword', detail: 'include a file here' },
        ];
      }
      return [];
    }
  }
  const wordStart = lineText.search(/\S*$/);
  const current = lineText.slice(wordStart);
  const before = lineText.slice(0, wordStart).trim();
  const replace = { start: { line: pos.line, character: wordStart }, end: pos };
  if (!before) {
    if (lineText.trimStart().startsWith('#')) return [];
    const out: CompletionEntry[] = commandsFor(table).map((n) => ({
      label: n,
      kind: 'keyword' as const,
      detail: commandSpec(n)?.spec.status[table] === 'deprecated' ? 'deprecated' : 'command',
      documentation: COMMAND_DOCS[n],
      replace,
    }));
    for (const name of Object.keys(ksTables().sections)) {
      if (name === '%anaconda') continue;
      if (name === '%traceback' && model.resolved.number >= 34000) continue;
      out.push({ label: name, kind: 'module', detail: 'section', documentation: SECTION_DOCS[name], replace });
    }
    out.push({ label: '%include', kind: 'keyword', detail: 'include a file', replace });
    return out;
  }
  if (before.startsWith('#')) return [];
  const first = before.split(/\s+/)[0];
  const header = first.startsWith('%');
  const opts: Record<string, OptionSpec> | undefined = header ? sectionSpec(first)?.options : commandSpec(first)?.spec.options;
  if (!opts) return [];
  const eq = current.indexOf('=');
  if (current.startsWith('-') && eq !== -1) {
    const key = current.slice(0, eq);
    const spec = Object.entries(opts).find(([k, s]) => k === key || (s.aliases ?? []).includes(key))?.[1];
    const values = spec?.type === 'enum' ? spec.values ?? [] : spec?.type === 'bool' ? BOOL_VALUES : [];
    const vr = { start: { line: pos.line, character: wordStart + eq + 1 }, end: pos };
    return values.map((v) => ({ label: v, kind: 'value' as const, replace: vr }));
  }
  const used = new Set(before.split(/\s+/).map((w) => w.split('=')[0]));
  const out: CompletionEntry[] = [];
  for (const [key, s] of Object.entries(opts)) {
    if (!optionAvailable(s, table) || used.has(key)) continue;
    const deprecated = (s.status[table] ?? '').startsWith('deprecated');
    out.push({
      label: key,
      kind: 'property',
      detail: `${valueKind(s)}${s.required ? ' (required)' : ''}${deprecated ? ' (deprecated)' : ''}`,
      insertText: s.value === 'none' ? key : `${key}=`,
      sortText: `${s.required ? '0' : deprecated ? '2' : '1'}${key}`,
      replace,
    });
  }
  return out;
}
