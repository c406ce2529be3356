// Hover on a setting or section: type, default, allowed values, versions, our description and,
// for safety-relevant settings, the full explanation. The host's own lvmconfig comment text is
// added by the server through host.ts (not here: this path stays pure).
import { mdText } from '../core/markdown';
import type { ParsedDocument } from '../core/document';
import type { HoverResult } from '../core/handler';
import type { AnalysisOptions, Position } from '../core/types';
import { lvmConfRelease } from './analyze';
import { getModel } from './model';
import { settingAt } from './releases';
import { compareVersions, lookupSection, lookupSetting, type SettingSpec } from './schema';

const TYPE_TEXT: Record<string, string> = {
  boolean: 'boolean (0/1, y/n, yes/no, on/off, true/false)',
  integer: 'integer',
  float: 'number',
  string: 'string',
  'array:string': 'list of strings (a single string is accepted)',
  'array:integer string': 'list of strings and integers',
};

export function settingMarkdown(spec: SettingSpec, options: AnalysisOptions = {}): string {
  const out: string[] = [];
  out.push(`**${spec.path}** — ${TYPE_TEXT[spec.type] ?? spec.type}`);
  if (spec.description) out.push(spec.description);
  const facts: string[] = [];
  if (spec.defaultText !== undefined) facts.push(`Default: \`${spec.defaultText}\`${spec.runtimeDefault ? ' (may depend on the host)' : ''}`);
  else facts.push('Default: none (unset unless you set it)');
  if (spec.allowed) facts.push(`Allowed: ${spec.allowed.map((a) => `\`${a}\`${spec.valueSince?.[a] ? ` (lvm2 ${spec.valueSince[a]}+)` : ''}`).join(', ')} — case-sensitive`);
  else if (spec.suggest) facts.push(`Common values: ${spec.suggest.map((a) => `\`${a}\``).join(', ')}`);
  facts.push(`Since lvm2 ${spec.since}`);
  if (spec.deprecated) facts.push(`**Deprecated**${spec.deprecatedSince ? ` since ${spec.deprecatedSince}` : ''}${spec.replacedBy ? `; use \`${spec.replacedBy}\`` : ''}`);
  if (spec.profilable) facts.push(`Can be set in a ${spec.profilable} profile`);
  if (spec.emptyString === false) facts.push('Must not be empty');
  if (options.target && compareVersions(options.target, spec.since) < 0) facts.push(`**Not in the target lvm2 ${options.target}**`);
  out.push(facts.map((f) => `- ${f}`).join('\n'));
  if (spec.removedNote) out.push(spec.removedNote);
  if (spec.explanation) out.push(spec.explanation);
  return out.join('\n\n');
}

/** What the release this file is checked as says of a setting (the table in releases.json). */
export function releaseLine(path: string, r: { release: string; reason: string }): string {
  const at = settingAt(path, r.release);
  const where = `This file is checked as lvm2 ${r.release}: ${r.reason}.`;
  if (!at) return `${where} lvm2's settings table does not list \`${path}\`.`;
  if (!at.present) return `${where} **lvm2 ${r.release} does not know this setting.**`;
  if (at.deprecatedSince) return `${where} There it is deprecated (since ${at.deprecatedSince}).`;
  return `${where} There it is a live setting.`;
}

export function hoverLvmConf(doc: ParsedDocument, pos: Position, options: AnalysisOptions = {}): HoverResult | null {
  const model = getModel(doc);
  const off = doc.lines.offsetAt(pos);
  for (const s of model.settings) {
    if (off < s.keyStart || off > s.keyEnd) continue;
    // A flat key: hovering a section segment describes the section.
    for (const imp of s.implied) if (off >= imp.start && off <= imp.end) return sectionHover(doc, imp.path, imp.start, imp.end);
    if (!s.section) return null;
    const spec = lookupSetting(s.section, s.name);
    if (!spec) return null;
    return { contents: `${settingMarkdown(spec, options)}\n\n${releaseLine(spec.path, lvmConfRelease(doc, options))}`, range: doc.lines.range(s.nameStart, s.nameEnd) };
  }
  for (const sec of model.sections) {
    for (const imp of sec.implied) if (off >= imp.start && off <= imp.end) return sectionHover(doc, imp.path, imp.start, imp.end);
    if (off >= sec.nameStart && off <= sec.nameEnd) return sectionHover(doc, sec.path, sec.nameStart, sec.nameEnd);
  }
  return null;
}

function sectionHover(doc: ParsedDocument, path: string, a: number, b: number): HoverResult | null {
  const spec = lookupSection(path);
  if (!spec) return null;
  if (spec === 'free') return { contents: `**${mdText(path)}** — cache policy settings (free-form; passed to the kernel's cache policy).`, range: doc.lines.range(a, b) };
  // A variable name (tags/NAME, a cache policy) is the file's own text: escaped.
  const lines = [`**${mdText(path)}** — section${spec.variableName ? ' (name chosen by you)' : ''}`, `- Since lvm2 ${spec.since}`];
  if (spec.deprecated) lines.push(`- **Deprecated**${spec.deprecatedSince ? ` since ${spec.deprecatedSince}` : ''}`);
  return { contents: lines.join('\n'), range: doc.lines.range(a, b) };
}
