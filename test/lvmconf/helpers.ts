// Test helpers: a ParsedDocument from the real tree-sitter-lvm grammar when its wasm is built,
// otherwise from a small stand-in parser that produces the same node contract (source_file,
// section{name}, assignment{key,value}, number, string, raw_string, bare_string, array, comment,
// ERROR/MISSING). `usingStandIn` says which one the suite ran on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { LineIndex } from '../../server/src/core/text';
import { loadLanguage, initTreeSitter, wasmDir } from '../../server/src/syntax/treesitter';

export const root = join(__dirname, '..', '..', '..', '..');
export let usingStandIn = true;

export async function setup(): Promise<void> {
  try {
    const dir = wasmDir();
    await initTreeSitter(dir);
    if (existsSync(join(dir, 'tree-sitter-lvm.wasm'))) {
      await loadLanguage('lvm', dir);
      usingStandIn = false;
    }
  } catch {
    usingStandIn = true;
  }
}

export function doc(text: string, uri = 'file:///etc/lvm/lvm.conf'): ParsedDocument {
  if (!usingStandIn) return new ParsedDocument(uri, 'lvm-conf', text);
  const lines = new LineIndex(text);
  const tree = { rootNode: standInParse(text), delete() {}, edit() {} };
  return { uri, languageId: 'lvm-conf', lines, tree, text, cache: new Map(), version: 0, changedRanges: undefined, dispose() {} } as unknown as ParsedDocument;
}

interface SNode {
  type: string;
  text: string;
  startIndex: number;
  endIndex: number;
  isMissing: boolean;
  hasError: boolean;
  parent: SNode | null;
  children: SNode[];
  namedChildren: SNode[];
  childCount: number;
  firstNamedChild: SNode | null;
  fields: Record<string, SNode>;
  child(i: number): SNode | null;
  childForFieldName(f: string): SNode | null;
}

function standInParse(src: string): SNode {
  const mk = (type: string, start: number, end: number, named = true): SNode => {
    const n: SNode = {
      type,
      text: src.slice(start, end),
      startIndex: start,
      endIndex: end,
      isMissing: false,
      hasError: false,
      parent: null,
      children: [],
      namedChildren: [],
      childCount: 0,
      firstNamedChild: null,
      fields: {},
      child(i) {
        return this.children[i] ?? null;
      },
      childForFieldName(f) {
        return this.fields[f] ?? null;
      },
    };
    (n as unknown as { named: boolean }).named = named;
    return n;
  };
  const add = (p: SNode, c: SNode, field?: string) => {
    c.parent = p;
    p.children.push(c);
    p.childCount = p.children.length;
    if ((c as unknown as { named: boolean }).named) p.namedChildren.push(c);
    p.firstNamedChild = p.namedChildren[0] ?? null;
    if (field) p.fields[field] = c;
    if (c.hasError || c.type === 'ERROR' || c.isMissing) {
      for (let q: SNode | null = p; q; q = q.parent) q.hasError = true;
    }
  };
  let i = 0;
  const ws = (p: SNode) => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src[i] === '#') {
        const s = i;
        while (i < src.length && src[i] !== '\n') i++;
        add(p, mk('comment', s, i));
        continue;
      }
      return;
    }
  };
  const isNameChar = (c: string | undefined) => c !== undefined && !/[\s#={}]/.test(c);
  const scalar = (): SNode | null => {
    const s = i;
    const c = src[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += c === '"' && src[i] === '\\' ? 2 : 1;
      if (i >= src.length) {
        i = src.length;
        return mk('ERROR', s, i);
      }
      i++;
      return mk(c === '"' ? 'string' : 'raw_string', s, i);
    }
    if (/[0-9+\-.]/.test(c ?? '')) {
      const m = /^[+-]?(\d*\.?\d*)/.exec(src.slice(i))!;
      i += m[0].length;
      if (isNameChar(src[i]) && src[i] !== ',' && src[i] !== ']') {
        while (isNameChar(src[i])) i++;
        return mk('ERROR', s, i);
      }
      return mk('number', s, i);
    }
    if (c === '[' || c === ']' || c === ',' || c === undefined || !isNameChar(c)) return null;
    while (isNameChar(src[i])) i++;
    return mk('bare_string', s, i);
  };
  const value = (p: SNode): SNode | null => {
    if (src[i] === '[') {
      const a = mk('array', i, i);
      add(a, mk('[', i, i + 1, false));
      i++;
      for (;;) {
        ws(a);
        if (src[i] === ']') {
          add(a, mk(']', i, i + 1, false));
          i++;
          break;
        }
        const v = scalar();
        if (!v) {
          const e = mk('ERROR', i, Math.min(i + 1, src.length));
          i = Math.min(i + 1, src.length);
          add(a, e);
          if (i >= src.length) break;
          continue;
        }
        add(a, v);
        ws(a);
        if (src[i] === ',') {
          add(a, mk(',', i, i + 1, false));
          i++;
        }
      }
      a.endIndex = i;
      a.text = src.slice(a.startIndex, i);
      return a;
    }
    void p;
    return scalar();
  };
  const items = (p: SNode, nested: boolean) => {
    for (;;) {
      ws(p);
      if (i >= src.length) {
        if (nested) {
          const m = mk('}', i, i, false);
          m.isMissing = true;
          add(p, m);
        }
        return;
      }
      if (src[i] === '}') {
        if (nested) {
          add(p, mk('}', i, i + 1, false));
          i++;
          return;
        }
        add(p, mk('ERROR', i, i + 1));
        i++;
        continue;
      }
      const s = i;
      let nameNode: SNode;
      if (src[i] === '"' || src[i] === "'") {
        const v = scalar()!;
        nameNode = v.type === 'ERROR' ? v : mk('string', v.startIndex, v.endIndex);
      } else if (isNameChar(src[i]) && !/[\[\],]/.test(src[i])) {
        while (isNameChar(src[i])) i++;
        nameNode = mk('identifier', s, i);
      } else {
        while (i < src.length && src[i] !== '\n') i++;
        add(p, mk('ERROR', s, i));
        continue;
      }
      ws(p);
      if (src[i] === '{') {
        const sec = mk('section', s, s);
        add(sec, nameNode, 'name');
        add(sec, mk('{', i, i + 1, false));
        i++;
        items(sec, true);
        sec.endIndex = i;
        sec.text = src.slice(s, i);
        add(p, sec);
        continue;
      }
      if (src[i] === '=') {
        const as = mk('assignment', s, s);
        add(as, nameNode, 'key');
        add(as, mk('=', i, i + 1, false));
        i++;
        while (i < src.length && /[ \t\r]/.test(src[i])) i++;
        const v = value(as);
        if (v) add(as, v, 'value');
        else {
          const e = mk('ERROR', i, i);
          add(as, e);
        }
        as.endIndex = i;
        as.text = src.slice(s, i);
        add(p, as);
        continue;
      }
      while (i < src.length && src[i] !== '\n') i++;
      add(p, mk('ERROR', s, i));
    }
  };
  const rootNode = mk('source_file', 0, src.length);
  items(rootNode, false);
  return rootNode;
}
