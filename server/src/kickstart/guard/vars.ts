// Where the values of a script's variables come from (loop lists, assignments, `while read`).
import type { Node } from '../../syntax/treesitter';
import { argText, braceWords, commandArgs, literal } from './shell';

export const GLOB = /[*?[]/;

export interface VarSource {
  kind: 'literal' | 'glob' | 'command' | 'unknown';
  text: string;
  /** A loop takes each line or word the command prints in turn (for, while read). */
  each?: boolean;
  /** Line offset in the body where the source is (for the message). */
  start: number;
}

/** Where the values of each variable come from: for-loop lists, assignments, `cmd | while read v`. */
export function variableSources(fors: Node[], assignments: Node[], reads: Node[]): Map<string, VarSource[]> {
  const out = new Map<string, VarSource[]>();
  const add = (v: string, src: VarSource): void => {
    const l = out.get(v);
    if (l) l.push(src);
    else out.set(v, [src]);
  };
  const fromValue = (n: Node): VarSource => {
    if (n.type === 'command_substitution') return { kind: 'command', text: n.text.replace(/^\$\(|^`|\)$|`$/g, ''), start: n.startIndex };
    const l = literal(n);
    if (l === undefined) {
      const sub = n.descendantsOfType('command_substitution').find((x): x is Node => !!x);
      if (sub) return { kind: 'command', text: sub.text.replace(/^\$\(|^`|\)$|`$/g, ''), start: n.startIndex };
      return { kind: 'unknown', text: n.text, start: n.startIndex };
    }
    // An unquoted word with wildcards is a glob; the shell expands it to the matching names.
    if (n.type === 'word' && GLOB.test(l)) return { kind: 'glob', text: l, start: n.startIndex };
    return { kind: 'literal', text: l, start: n.startIndex };
  };
  for (const f of fors) {
    const v = f.childForFieldName('variable')?.text;
    if (!v) continue;
    const values = f.childrenForFieldName('value').filter((c): c is Node => !!c);
    // `for d; do` and `for d in "$@"` loop over the positional parameters.
    if (!values.length) add(v, { kind: 'unknown', text: '"$@"', start: f.startIndex });
    for (const c of values) {
      // `for d in sd{a,b,c}`: bash expands the braces into one word each.
      const words = braceWords(c);
      if (words) for (const w of words) add(v, { kind: GLOB.test(w) ? 'glob' : 'literal', text: w, start: c.startIndex, each: true });
      else add(v, { ...fromValue(c), each: true });
    }
  }
  for (const a of assignments) {
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if (name) add(name, value ? fromValue(value) : { kind: 'literal', text: '', start: a.startIndex });
  }
  for (const r of reads) {
    const loop = r.parent?.type === 'while_statement' ? r.parent : undefined;
    const pipe = loop?.parent;
    const src = pipe?.type === 'pipeline' ? pipe.namedChildren.filter((c) => c && c.id !== loop!.id).map((c) => c!.text).join(' | ') : undefined;
    for (const a of commandArgs(r).map(argText)) {
      if (a.startsWith('-')) continue;
      add(a, src ? { kind: 'command', text: src, start: pipe!.startIndex, each: true } : { kind: 'unknown', text: 'read', start: r.startIndex });
    }
  }
  return out;
}
