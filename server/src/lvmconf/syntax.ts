// Syntax errors worded for admins, at the place lvm2 would stop: an unclosed section is named at
// its opening line, a missing value after `=` at the `=`.
import type { Describe } from '../syntax/errors';
import type { Node } from '../syntax/treesitter';

function sectionName(n: Node): string {
  return n.childForFieldName('name')?.text ?? n.firstNamedChild?.text ?? '?';
}

export const describeSyntax: Describe = (p, lines) => {
  const n = p.node;
  const line1 = (o: number) => lines.positionAt(o).line + 1;
  if (p.missing) {
    if (n.type === '}') {
      // Walk up to the section that never closed.
      let s: Node | null = n.parent;
      while (s && s.type !== 'section') s = s.parent;
      if (s) {
        const name = sectionName(s);
        const nameNode = s.childForFieldName('name') ?? s;
        return {
          message: `Section "${name}" opened on line ${line1(s.startIndex)} is never closed: add "}" after its last setting. lvm2 refuses the whole file ("Parse error … unexpected token" at the end).`,
          range: lines.range(nameNode.startIndex, nameNode.endIndex),
          related: [{ range: lines.range(n.startIndex, n.startIndex), message: 'lvm2 reaches the end of the file here' }],
        };
      }
      return { message: 'A "}" is missing here; lvm2 refuses the whole file.', range: lines.range(n.startIndex, n.startIndex) };
    }
    if (n.type === '=' ) return { message: 'Expected "=" between the setting name and its value; lvm2 refuses the whole file.', range: lines.range(n.startIndex, n.startIndex) };
    if (n.type === ']') return { message: 'This list is never closed with "]"; lvm2 refuses the whole file.', range: lines.range(n.startIndex, n.startIndex) };
    if (n.type === '"' || n.type === "'") return { message: 'This string is never closed; lvm2 reads to the end of the file and refuses it.', range: lines.range(n.startIndex, n.startIndex) };
    return { message: `lvm2 expects ${/^[a-z_]+$/.test(n.type) ? `a ${n.type.replace(/_/g, ' ')}` : JSON.stringify(n.type)} here and refuses the whole file.`, range: lines.range(n.startIndex, n.startIndex) };
  }
  const text = n.text.split('\n')[0];
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const end = Math.min(n.endIndex, lines.lineEnd(lines.positionAt(n.startIndex).line));
  const range = lines.range(n.startIndex, Math.max(end, n.startIndex + Math.min(1, n.text.length)));
  // An unterminated string swallows the rest of the file.
  if (/^["']/.test(n.text) && !n.text.slice(1).includes(n.text[0])) {
    return { message: `This string is never closed: lvm2 reads to the end of the file and refuses it. Add the closing ${n.text[0]}.`, range };
  }
  if (n.parent?.type === 'array' || /^\s*,/.test(n.text)) {
    return { message: `lvm2 cannot read ${JSON.stringify(shown)} in this list ("expected a value"): list items are numbers or quoted strings, separated by optional single commas.`, range };
  }
  if (/=\s*$/.test(text) || n.text.trim() === '=') {
    return { message: 'A value is missing after "=" ("expected a value"); lvm2 refuses the whole file.', range };
  }
  if (n.text.trim() === '}') {
    return { message: 'This "}" closes no section; lvm2 refuses the whole file ("unexpected token").', range };
  }
  return { message: `lvm2 cannot parse ${JSON.stringify(shown)} here ("unexpected token") and refuses the whole file.`, range };
};
