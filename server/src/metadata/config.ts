// The tree-sitter-lvm tree of a metadata file as plain data: sections, assignments and values with
// offsets relative to a base (the start of the enclosing LV section), so per-LV results survive
// edits elsewhere in the file and only need their base shifted. One TreeCursor walk per section:
// far fewer wasm crossings than child(i) on every node.
import { MAX_SECTION_DEPTH } from '../syntax/lvm-syntax';
import type { Node, Tree } from '../syntax/treesitter';

export type CValue =
  | { kind: 'number'; value: number; s: number; e: number }
  | { kind: 'string'; value: string; s: number; e: number }
  | { kind: 'array'; items: CValue[]; s: number; e: number };

export interface CAssign {
  kind: 'assign';
  key: string;
  ks: number;
  ke: number;
  value: CValue | undefined;
  s: number;
  e: number;
}

export interface CSection {
  kind: 'section';
  name: string;
  ns: number;
  ne: number;
  s: number;
  e: number;
  items: CItem[];
  /** Set when the section's subtree holds a syntax error. */
  broken?: boolean;
  /** Set when the section sits deeper than MAX_SECTION_DEPTH: its contents are not read. */
  tooDeep?: boolean;
}


export type CItem = CAssign | CSection;

type Cursor = ReturnType<Node['walk']>;

/** Undo lvm2's escaping in a double-quoted string: only \" and \\ change. */
export function unquote(raw: string): string {
  if (raw.startsWith("'")) return raw.slice(1, raw.endsWith("'") && raw.length > 1 ? -1 : undefined);
  let body = raw.slice(1, raw.length > 1 && raw.endsWith('"') ? -1 : undefined);
  if (body.includes('\\')) body = body.replace(/\\(["\\])/g, '$1');
  return body;
}

/** lvm2 reads integers with strtoll base 0 (a leading 0 is octal) and the rest with strtod. */
export function parseNumber(raw: string): number {
  if (raw.includes('.')) return Number.parseFloat(raw);
  const m = /^([+-]?)0([0-7]+)$/.exec(raw);
  if (m) return (m[1] === '-' ? -1 : 1) * Number.parseInt(m[2], 8);
  return Number(raw);
}

function readValue(c: Cursor, text: string, base: number): CValue | undefined {
  const t = c.nodeType;
  const s = c.startIndex;
  const e = c.endIndex;
  if (t === 'number') return { kind: 'number', value: parseNumber(text.slice(s, e)), s: s - base, e: e - base };
  if (t === 'string' || t === 'raw_string') return { kind: 'string', value: unquote(text.slice(s, e)), s: s - base, e: e - base };
  if (t === 'bare_string') return { kind: 'string', value: text.slice(s, e), s: s - base, e: e - base };
  if (t === 'array') {
    const items: CValue[] = [];
    if (c.gotoFirstChild()) {
      do {
        if (!c.nodeIsNamed || c.nodeType === 'comment') continue;
        const v = readValue(c, text, base);
        if (v) items.push(v);
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    return { kind: 'array', items, s: s - base, e: e - base };
  }
  return undefined;
}

function nameOf(text: string, s: number, e: number, type: string): string {
  const raw = text.slice(s, e);
  return type === 'string' || type === 'raw_string' ? unquote(raw) : raw;
}

/** A section node under the cursor as a CSection without its items (cursor stays on the section). */
function newSection(c: Cursor, text: string, base: number): CSection {
  const s = c.startIndex;
  const e = c.endIndex;
  const sec: CSection = { kind: 'section', name: '', ns: s - base, ne: s - base, s: s - base, e: e - base, items: [] };
  // The name is the first child (field `name`); items follow the `{`.
  if (c.gotoFirstChild()) {
    if (c.currentFieldName === 'name') {
      sec.ns = c.startIndex - base;
      sec.ne = c.endIndex - base;
      sec.name = nameOf(text, c.startIndex, c.endIndex, c.nodeType);
    }
    c.gotoParent();
  }
  return sec;
}

/** An assignment under the cursor; `onError` when an ERROR node sits inside it. Cursor stays put. */
function readAssignment(c: Cursor, text: string, base: number, onError: () => void): CAssign {
  const s = c.startIndex;
  const e = c.endIndex;
  let key = '';
  let ks = s;
  let ke = s;
  let value: CValue | undefined;
  if (c.gotoFirstChild()) {
    do {
      const f = c.currentFieldName;
      if (f === 'key') {
        ks = c.startIndex;
        ke = c.endIndex;
        key = nameOf(text, ks, ke, c.nodeType);
      } else if (f === 'value') value = readValue(c, text, base);
      else if (c.nodeType === 'ERROR') onError();
    } while (c.gotoNextSibling());
    c.gotoParent();
  }
  return { kind: 'assign', key, ks: ks - base, ke: ke - base, value, s: s - base, e: e - base };
}

/**
 * Read the items of the node under the cursor (a section or the source file) into `into`, nested
 * sections included, without recursion: an explicit stack of open sections, MAX_SECTION_DEPTH deep
 * at most. Returns whether this level holds an error. The cursor ends where it started.
 */
function readItems(c: Cursor, text: string, base: number, into: CItem[]): boolean {
  let broken = false;
  const frames: Array<{ items: CItem[]; sec?: CSection }> = [{ items: into }];
  if (!c.gotoFirstChild()) return false;
  for (;;) {
    const frame = frames[frames.length - 1];
    const t = c.nodeType;
    let descended = false;
    if (t === 'section') {
      const sec = newSection(c, text, base);
      frame.items.push(sec);
      if (frames.length > MAX_SECTION_DEPTH) sec.tooDeep = true;
      else if (c.gotoFirstChild()) {
        frames.push({ items: sec.items, sec });
        descended = true;
      }
    } else if (t === 'assignment') {
      frame.items.push(readAssignment(c, text, base, () => (frame.sec ? (frame.sec.broken = true) : (broken = true))));
    } else if (t === 'ERROR') {
      if (frame.sec) frame.sec.broken = true;
      else broken = true;
    }
    if (descended) continue;
    while (!c.gotoNextSibling()) {
      c.gotoParent();
      if (frames.length === 1) return broken;
      frames.pop();
    }
  }
}

function readSection(c: Cursor, text: string, base: number): CSection {
  const sec = newSection(c, text, base);
  if (readItems(c, text, base, sec.items)) sec.broken = true;
  return sec;
}

/** A section node as plain data, offsets relative to `base` (default: the section's own start). */
export function sectionFromNode(node: Node, text: string, base = node.startIndex): CSection {
  const c = node.walk();
  try {
    return readSection(c, text, base);
  } finally {
    c.delete();
  }
}

/** Top-level items of a file, absolute offsets. Sections are read shallowly when `shallow` names them. */
export function topLevel(tree: Tree, text: string): CItem[] {
  const out: CItem[] = [];
  const c = tree.rootNode.walk();
  try {
    readItems(c, text, 0, out);
  } finally {
    c.delete();
  }
  return out;
}

export function get(sec: CSection, key: string): CAssign | undefined {
  for (const i of sec.items) if (i.kind === 'assign' && i.key === key) return i;
  return undefined;
}

export function getSection(sec: CSection, name: string): CSection | undefined {
  for (const i of sec.items) if (i.kind === 'section' && i.name === name) return i;
  return undefined;
}

export function str(a: CAssign | undefined): string | undefined {
  return a?.value?.kind === 'string' ? a.value.value : undefined;
}

export function num(a: CAssign | undefined): number | undefined {
  return a?.value?.kind === 'number' ? a.value.value : undefined;
}

export function strings(a: CAssign | undefined): string[] | undefined {
  if (a?.value?.kind !== 'array') return undefined;
  return a.value.items.filter((v) => v.kind === 'string').map((v) => (v as { value: string }).value);
}

// A reader for sections whose subtree tree-sitter parsed without errors. It follows the same
// lexical rules as tree-sitter-lvm (names run to whitespace, '#', '=', '{', '}'; values after
// '=', '[' or ',' are numbers when they start with a digit, sign or '.'; strings keep backslash
// pairs; '#' comments), so it returns exactly what the cursor walk would, at a fraction of the
// cost: walking every node of a 10,000-LV tree through the wasm boundary takes ~0.5 s.
const WS = new Uint8Array(128);
for (const c of [32, 9, 10, 11, 12, 13]) WS[c] = 1;
const STOP = new Uint8Array(128);
for (const c of [32, 9, 10, 11, 12, 13, 35 /* # */, 61 /* = */, 123 /* { */, 125 /* } */, 0]) STOP[c] = 1;

class Reader {
  pos: number;
  /** Start and end of the last word read (absolute). */
  ws0 = 0;
  we0 = 0;
  constructor(
    readonly text: string,
    start: number,
    readonly base: number,
  ) {
    this.pos = start;
  }
  ws(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c < 128 && WS[c]) p++;
      else if (c === 35) {
        const nl = t.indexOf('\n', p);
        p = nl < 0 ? t.length : nl + 1;
      } else break;
    }
    this.pos = p;
  }
  /** Read a name or bare/quoted string; its extent is left in ws0/we0. */
  word(): string {
    const t = this.text;
    const len = t.length;
    const s = this.pos;
    let p = s;
    this.ws0 = s;
    const c0 = t.charCodeAt(p);
    if (c0 === 34 || c0 === 39) {
      p++;
      let closed = false;
      let escaped = false;
      while (p < len) {
        const c = t.charCodeAt(p);
        if (c === 92 && c0 === 34) {
          escaped = true;
          p += 2;
        } else if (c === c0) {
          p++;
          closed = true;
          break;
        } else p++;
      }
      this.pos = p;
      this.we0 = p;
      if (!closed) return unquote(t.slice(s, p));
      const body = t.slice(s + 1, p - 1);
      return escaped ? body.replace(/\\(["\\])/g, '$1') : body;
    }
    while (p < len) {
      const c = t.charCodeAt(p);
      if (c < 128 && STOP[c]) break;
      p++;
    }
    this.pos = p;
    this.we0 = p;
    return t.slice(s, p);
  }
  scalar(): CValue {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    const s = this.pos;
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
      let p = s + 1;
      let dot = c === 46;
      // Plain decimal integers (no sign, no leading 0, up to 15 digits) are summed in place.
      let plain = c >= 49 && c <= 57;
      let v = c - 48;
      while (p < t.length) {
        const d = t.charCodeAt(p);
        if (d >= 48 && d <= 57) {
          v = v * 10 + (d - 48);
          p++;
        } else if (d === 46 && !dot) {
          dot = true;
          plain = false;
          p++;
        } else break;
      }
      this.pos = p;
      const value = (plain && p - s <= 15) || (c === 48 && p === s + 1) ? v : parseNumber(t.slice(s, p));
      return { kind: 'number', value, s: s - this.base, e: p - this.base };
    }
    const w = this.word();
    return { kind: 'string', value: w, s: this.ws0 - this.base, e: this.we0 - this.base };
  }
  value(): CValue {
    const t = this.text;
    if (t.charCodeAt(this.pos) !== 91) return this.scalar();
    const s = this.pos;
    this.pos++;
    const items: CValue[] = [];
    for (;;) {
      this.ws();
      const c = t.charCodeAt(this.pos);
      if (c === 93) {
        this.pos++;
        break;
      }
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (this.pos >= t.length) break;
      items.push(this.scalar());
    }
    return { kind: 'array', items, s: s - this.base, e: this.pos - this.base };
  }
  section(): CSection {
    const name = this.word();
    const ns = this.ws0;
    const ne = this.we0;
    this.ws();
    return this.body(name, ns, ne);
  }
  /** The rest of a section whose name was read (cursor on its '{'). */
  body(name: string, ns: number, ne: number): CSection {
    const b = this.base;
    this.pos++; // '{'
    const sec: CSection = { kind: 'section', name, ns: ns - b, ne: ne - b, s: ns - b, e: 0, items: [] };
    this.items(sec.items);
    this.pos++; // '}'
    sec.e = this.pos - b;
    return sec;
  }
  /**
   * The items up to the '}' that closes the current section (not consumed), nested sections
   * included, without recursion. Sections deeper than MAX_SECTION_DEPTH are skipped to their
   * closing brace and marked tooDeep.
   */
  items(into: CItem[]): void {
    const t = this.text;
    const b = this.base;
    const open: CSection[] = [];
    let cur = into;
    for (;;) {
      this.ws();
      const c = t.charCodeAt(this.pos);
      if (this.pos >= t.length) return;
      if (c === 125) {
        const sec = open.pop();
        if (!sec) return;
        this.pos++; // '}'
        sec.e = this.pos - b;
        cur = open.length ? open[open.length - 1].items : into;
        continue;
      }
      const key = this.word();
      const ks = this.ws0;
      const ke = this.we0;
      this.ws();
      if (t.charCodeAt(this.pos) === 123) {
        this.pos++; // '{'
        const sec: CSection = { kind: 'section', name: key, ns: ks - b, ne: ke - b, s: ks - b, e: 0, items: [] };
        cur.push(sec);
        if (open.length + 1 >= MAX_SECTION_DEPTH) {
          sec.tooDeep = true;
          this.skipToClose();
          sec.e = this.pos - b;
          continue;
        }
        open.push(sec);
        cur = sec.items;
        continue;
      }
      this.pos++; // '='
      this.ws();
      const value = this.value();
      cur.push({ kind: 'assign', key, ks: ks - b, ke: ke - b, value, s: ks - b, e: value.e });
    }
  }
  /** Past the '}' that closes the section whose '{' was just read (strings and comments respected). */
  skipToClose(): void {
    const t = this.text;
    let depth = 1;
    while (this.pos < t.length && depth > 0) {
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 34) this.pos += t.charCodeAt(this.pos) === 92 ? 2 : 1;
      } else if (c === 35) {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl === -1 ? t.length : nl;
        continue;
      } else if (c === 123) depth++;
      else if (c === 125) depth--;
      this.pos++;
    }
  }
}

/** Read an error-free section that starts at `start` in `text`; offsets relative to `base` (default: start). */
export function scanSection(text: string, start: number, base = start): CSection {
  return new Reader(text, start, base).section();
}

/** The first section marked tooDeep under `items` (iterative, document order), if any. */
export function firstTooDeep(items: CItem[]): CSection | undefined {
  const stack: CItem[][] = [items];
  const idx: number[] = [0];
  while (stack.length) {
    const top = stack.length - 1;
    const list = stack[top];
    if (idx[top] >= list.length) {
      stack.pop();
      idx.pop();
      continue;
    }
    const it = list[idx[top]++];
    if (it.kind !== 'section') continue;
    if (it.tooDeep) return it;
    stack.push(it.items);
    idx.push(0);
  }
  return undefined;
}
