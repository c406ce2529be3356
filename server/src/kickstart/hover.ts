// Hover on kickstart commands, options and section headers: what it does (our words), the value
// it takes, and where it is available, deprecated or removed.
import { mdText } from '../core/markdown';
import type { ParsedDocument } from '../core/document';
import type { HoverResult } from '../core/handler';
import { rangeContains } from '../core/text';
import type { AnalysisOptions, Position } from '../core/types';
import { buildModel, type KickstartModelExt, type KsCommand } from './model';
import {
  COMMAND_DOCS,
  SECTION_DOCS,
  ksTables,
  commandSpec,
  sectionSpec,
  tableLabel,
  valueKind,
  versionLabel,
  type OptionSpec,
  type TableKey,
} from './versions';

const STATUS_WORDS: Record<string, string> = { active: 'yes', deprecated: 'deprecated', removed: 'removed', absent: 'no' };

/** The command line (or section header) at a position. */
export function lineAt(model: KickstartModelExt, pos: Position): { cmd: KsCommand; header: boolean } | undefined {
  const find = (list: KsCommand[]) => {
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = list[mid];
      if (c.range.end.line < pos.line) lo = mid + 1;
      else if (c.range.start.line > pos.line) hi = mid - 1;
      else return c;
    }
    return undefined;
  };
  const c = find(model.commands);
  if (c) return { cmd: c, header: false };
  for (const s of model.sections) if (s.header.range.start.line === pos.line) return { cmd: s.header, header: true };
  return undefined;
}

function availability(status: Partial<Record<TableKey, string>>, cmd: boolean): string {
  // RHEL's releases and the newest Fedora (the tables hold every Fedora from 17).
  return (ksTables().targets as TableKey[])
    .filter((t) => status[t] !== undefined && (t.startsWith('RHEL') || t === 'F45'))
    .map((t) => {
      const s = status[t]!;
      const w = cmd ? (STATUS_WORDS[s] ?? s) : s === 'ok' ? 'yes' : s.startsWith('deprecated') ? 'deprecated' : s.startsWith('command-') ? s.replace('command-', 'command ') : 'no';
      return `${tableLabel(t)}: ${w}`;
    })
    .join(' · ');
}

function optionDoc(cmdName: string, key: string, o: OptionSpec, table: TableKey): string {
  const parts = [`**${mdText(cmdName)} ${key}**`, '', `Value: ${o.historical ? 'removed option' : valueKind(o)}${o.required ? ' · **required**' : ''}`];
  if (o.aliases?.length) parts.push('', `Also written: ${o.aliases.join(', ')}`);
  parts.push('', `Available: ${availability(o.status, false)}`);
  const h = o.history?.[table.startsWith('RHEL') ? 'rhel' : 'fedora'];
  if (h?.firstSeen) parts.push('', `Since ${versionLabel(h.firstSeen)}${h.deprecatedSince ? `, deprecated ${versionLabel(h.deprecatedSince)}` : ''}${h.removedIn ? `, removed ${versionLabel(h.removedIn)}` : ''}.`);
  return parts.join('\n');
}

export function kickstartHover(doc: ParsedDocument, pos: Position, options: AnalysisOptions): HoverResult | null {
  const model = buildModel(doc, options);
  const table = model.resolved.table;
  const at = lineAt(model, pos);
  if (!at) return null;
  const { cmd, header } = at;
  if (rangeContains(cmd.nameRange, pos)) {
    if (header) {
      const spec = sectionSpec(cmd.written);
      const doc1 = SECTION_DOCS[cmd.written] ?? 'A kickstart section.';
      const opts = spec ? Object.keys(spec.options).join(', ') : '';
      return { contents: `**${mdText(cmd.written)}** section (target ${model.resolved.label})\n\n${doc1}${opts ? `\n\nOptions: ${opts}` : ''}\n\nCloses with \`%end\`.`, range: cmd.nameRange };
    }
    const found = commandSpec(cmd.written);
    if (!found) return { contents: `**${mdText(cmd.written)}**: not a kickstart command.`, range: cmd.nameRange };
    const s = found.spec;
    const lines = [`**${mdText(cmd.written)}**${found.name !== cmd.written ? ` (same as \`${found.name}\`)` : ''} (target ${model.resolved.label}: ${STATUS_WORDS[s.status[table]] ?? s.status[table]})`, '', COMMAND_DOCS[cmd.written] ?? ''];
    lines.push('', s.multi ? 'May appear several times.' : 'Single use: when written twice, the last line wins.');
    if (s.positionals.length) lines.push('', `Arguments: ${s.positionals.map((p) => p.name).join(' ')}`);
    lines.push('', `Available: ${availability(s.status, true)}`);
    return { contents: lines.join('\n'), range: cmd.nameRange };
  }
  for (const o of cmd.options) {
    if (!rangeContains(o.range, pos)) continue;
    const opts = header ? sectionSpec(cmd.written)?.options : commandSpec(cmd.written)?.spec.options;
    const key = `--${o.name}`;
    const spec = opts?.[key];
    if (!spec) return { contents: `**${mdText(o.written)}**: not an option of ${mdText(cmd.written)} for ${model.resolved.label}.`, range: o.range };
    let text = optionDoc(cmd.written, key, spec, table);
    if (o.abbreviated) text = `\`${o.written}\` abbreviates \`${key}\`.\n\n${text}`;
    return { contents: text, range: o.range };
  }
  return null;
}
