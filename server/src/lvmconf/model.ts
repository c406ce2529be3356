// The lvm.conf model: sections and settings with their full paths, built from the tree-sitter-lvm
// tree. Nested (`backup { retain_min = 1 }`) and flat (`backup/retain_min = 1`) forms resolve to
// the same path, so every rule sees one shape.
import type { ParsedDocument } from '../core/document';
import type { Node } from '../syntax/treesitter';
import { MAX_SECTION_DEPTH } from '../syntax/lvm-syntax';

export type ValueKind = 'int' | 'float' | 'string' | 'array' | 'error';

export interface ConfValue {
  kind: ValueKind;
  /** Source text. */
  text: string;
  /** Unescaped string contents (kind string). */
  str?: string;
  num?: number;
  items?: ConfValue[];
  /** How a string was written. */
  quote?: 'double' | 'single' | 'bare';
  start: number;
  end: number;
}

export interface ConfSetting {
  /** Full path, e.g. `backup/retain_min`. */
  path: string;
  /** Section part of the path (`backup`; '' at top level). */
  section: string;
  name: string;
  /** Key as written (`retain_min` or `backup/retain_min`). */
  keyText: string;
  keyStart: number;
  keyEnd: number;
  /** The last path segment inside the key (where name-level findings point). */
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  value: ConfValue;
  /** Section paths implied by a flat key, with the range of each segment. */
  implied: { path: string; start: number; end: number }[];
  /**
   * Read back from a broken part of the tree (inside an ERROR node, an unclosed section, or an
   * assignment with a syntax error): its path or value is uncertain, so only the syntax finding
   * speaks about it.
   */
  recovered?: boolean;
}

export interface ConfSection {
  path: string;
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  /** Offset of `{` and `}` (end -1 when missing). */
  open: number;
  close: number;
  /** Section paths implied by a name with `/` (all but the last). */
  implied: { path: string; start: number; end: number }[];
  children: (ConfSection | ConfSetting)[];
  /** Inside a broken part of the tree (see ConfSetting.recovered). */
  recovered?: boolean;
}

export interface ConfModel {
  settings: ConfSetting[];
  sections: ConfSection[];
  /** Items at top level, in order. */
  top: (ConfSection | ConfSetting)[];
  /** Comment nodes' ranges (for formatting and folding). */
  comments: { start: number; end: number }[];
  /** The first section nested deeper than MAX_SECTION_DEPTH: its contents (and deeper ones) are not read. */
  tooDeep?: { start: number; end: number; depth: number };
}

export function isSetting(x: ConfSection | ConfSetting): x is ConfSetting {
  return (x as ConfSetting).value !== undefined;
}

const MODEL_KEY = 'lvmconf:model';

/** The model of a document, cached per tree. */
export function getModel(doc: ParsedDocument): ConfModel {
  const cached = doc.cache.get(MODEL_KEY) as { tree: unknown; model: ConfModel } | undefined;
  if (cached && cached.tree === doc.tree) return cached.model;
  const model = buildModel(doc.tree.rootNode);
  doc.cache.set(MODEL_KEY, { tree: doc.tree, model });
  return model;
}

/** Unescape a double-quoted lvm2 string body: only \" and \\ are unescaped. */
export function unescapeDouble(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(["\\])/g, '$1');
}

function nameOf(n: Node): string {
  const t = n.text;
  if (n.type === 'string' || (t.startsWith('"') && t.endsWith('"') && t.length >= 2)) return unescapeDouble(t.slice(1, -1));
  if (n.type === 'raw_string' || (t.startsWith("'") && t.endsWith("'") && t.length >= 2)) return t.slice(1, -1);
  return t;
}

/** Split a NAME into path segments with their offsets; empty segments are skipped as lvm2 does. */
function segments(n: Node): { seg: string; start: number; end: number }[] {
  const name = nameOf(n);
  const quoted = name !== n.text;
  const base = n.startIndex + (quoted ? 1 : 0);
  const out: { seg: string; start: number; end: number }[] = [];
  let i = 0;
  for (const seg of name.split('/')) {
    if (seg) out.push({ seg, start: quoted ? n.startIndex : base + i, end: quoted ? n.endIndex : base + i + seg.length });
    i += seg.length + 1;
  }
  return out;
}

export function buildValue(n: Node | null, fallbackAt: number): ConfValue {
  if (!n) return { kind: 'error', text: '', start: fallbackAt, end: fallbackAt };
  const base = { text: n.text, start: n.startIndex, end: n.endIndex };
  switch (n.type) {
    case 'number': {
      const t = n.text;
      if (t.includes('.')) return { ...base, kind: 'float', num: Number.parseFloat(t) };
      return { ...base, kind: 'int', num: parseInt0(t) };
    }
    case 'string':
      return { ...base, kind: 'string', str: unescapeDouble(n.text.slice(1, -1)), quote: 'double' };
    case 'raw_string':
      return { ...base, kind: 'string', str: n.text.slice(1, -1), quote: 'single' };
    case 'bare_string':
    case 'identifier':
      return { ...base, kind: 'string', str: n.text, quote: 'bare' };
    case 'array': {
      const items: ConfValue[] = [];
      for (const c of n.namedChildren) {
        if (!c || c.type === 'comment') continue;
        items.push(buildValue(c, c.startIndex));
      }
      return { ...base, kind: 'array', items };
    }
    default:
      return { ...base, kind: 'error' };
  }
}

/** strtoll with base 0 (leading 0 = octal); a lone sign is 0. */
function parseInt0(t: string): number {
  const m = /^([-+]?)(\d*)/.exec(t)!;
  const digits = m[2];
  if (!digits) return 0;
  const v = digits.length > 1 && digits[0] === '0' ? Number.parseInt(digits, 8) : Number.parseInt(digits, 10);
  return m[1] === '-' ? -v : v;
}

export function buildModel(root: Node): ConfModel {
  const model = { settings: [], sections: [], top: [] } as unknown as ConfModel;
  // Comments only matter to folding: collected on first use (Debian's lvm.conf has ~500 of them
  // beside a handful of settings, and every Node crosses the wasm boundary).
  let comments: ConfModel['comments'] | undefined;
  Object.defineProperty(model, 'comments', {
    enumerable: true,
    get: () => (comments ??= root.descendantsOfType('comment').map((c) => ({ start: c!.startIndex, end: c!.endIndex }))),
  });

  const section = (c: Node, prefix: string[], into: (ConfSection | ConfSetting)[], recovered: boolean): { sec: ConfSection; path: string[] } | undefined => {
    const nameNode = c.childForFieldName('name');
    if (!nameNode) return undefined;
    const segs = segments(nameNode);
    const implied: ConfSection['implied'] = [];
    const path = [...prefix];
    segs.forEach((s, i) => {
      path.push(s.seg);
      if (i < segs.length - 1) implied.push({ path: path.join('/'), start: s.start, end: s.end });
    });
    let open = -1;
    let close = -1;
    // `{` follows the name; `}` is the last child. (c.children would make a Node per comment.)
    for (let i = 0; i < Math.min(3, c.childCount) && open < 0; i++) {
      const k = c.child(i);
      if (k?.type === '{') open = k.startIndex;
    }
    const lastKid = c.lastChild;
    if (lastKid?.type === '}' && !lastKid.isMissing) close = lastKid.startIndex;
    const last = segs[segs.length - 1];
    const sec: ConfSection = {
      path: path.join('/'),
      name: last?.seg ?? '',
      nameStart: last?.start ?? nameNode.startIndex,
      nameEnd: last?.end ?? nameNode.endIndex,
      start: c.startIndex,
      end: c.endIndex,
      open,
      close,
      implied,
      children: [],
    };
    if (recovered) sec.recovered = true;
    model.sections.push(sec);
    into.push(sec);
    return { sec, path };
  };

  const setting = (c: Node, prefix: string[], into: (ConfSection | ConfSetting)[], recovered: boolean): void => {
    const keyNode = c.childForFieldName('key');
    if (!keyNode) return;
    const segs = segments(keyNode);
    if (!segs.length) return;
    const path = [...prefix];
    const implied: ConfSetting['implied'] = [];
    segs.forEach((s, i) => {
      path.push(s.seg);
      if (i < segs.length - 1) implied.push({ path: path.join('/'), start: s.start, end: s.end });
    });
    const last = segs[segs.length - 1];
    const set: ConfSetting = {
      path: path.join('/'),
      section: path.slice(0, -1).join('/'),
      name: last.seg,
      keyText: keyNode.text,
      keyStart: keyNode.startIndex,
      keyEnd: keyNode.endIndex,
      nameStart: last.start,
      nameEnd: last.end,
      start: c.startIndex,
      end: c.endIndex,
      value: buildValue(c.childForFieldName('value'), keyNode.endIndex),
      implied,
    };
    if (recovered || c.hasError) set.recovered = true;
    model.settings.push(set);
    into.push(set);
  };

  if (!root.hasError && root.type !== 'ERROR') {
    // Clean tree: one call lists every section and assignment in document order; nesting follows
    // from the ranges. Much cheaper than visiting every comment node.
    const stack: { end: number; path: string[]; children: (ConfSection | ConfSetting)[]; skip?: boolean }[] = [];
    for (const c of root.descendantsOfType(['section', 'assignment'])) {
      if (!c) continue;
      while (stack.length && stack[stack.length - 1].end <= c.startIndex) stack.pop();
      const top = stack[stack.length - 1];
      if (top?.skip) {
        // Inside a section deeper than the limit: keep the ranges, model nothing.
        if (c.type === 'section') stack.push({ end: c.endIndex, path: top.path, children: top.children, skip: true });
        continue;
      }
      const prefix = top ? top.path : [];
      const into = top ? top.children : model.top;
      if (c.type === 'assignment') setting(c, prefix, into, false);
      else if (stack.length >= MAX_SECTION_DEPTH) {
        model.tooDeep ??= { start: c.startIndex, end: c.endIndex, depth: stack.length + 1 };
        stack.push({ end: c.endIndex, path: prefix, children: into, skip: true });
      } else {
        const r = section(c, prefix, into, false);
        if (r) stack.push({ end: c.endIndex, path: r.path, children: r.sec.children });
      }
    }
    return model;
  }

  // A tree with errors: walk it, recovering what sits inside ERROR nodes and unclosed sections.
  // Frames of child lists replace recursion; document order (pre-order) is kept.
  const cursor = root.walk();
  const kidsOf = (parent: Node): Node[] => {
    cursor.reset(parent);
    const kids: Node[] = [];
    if (!cursor.gotoFirstChild()) return kids;
    do {
      const t = cursor.nodeType;
      if (t === 'section' || t === 'assignment' || t === 'ERROR') kids.push(cursor.currentNode);
    } while (cursor.gotoNextSibling());
    return kids;
  };
  type Frame = { kids: Node[]; i: number; prefix: string[]; into: (ConfSection | ConfSetting)[]; recovered: boolean; depth: number };
  try {
    const frames: Frame[] = [{ kids: kidsOf(root), i: 0, prefix: [], into: model.top, recovered: root.type === 'ERROR', depth: 0 }];
    while (frames.length) {
      const f = frames[frames.length - 1];
      if (f.i >= f.kids.length) {
        frames.pop();
        continue;
      }
      const c = f.kids[f.i++];
      if (c.type === 'section') {
        if (f.depth >= MAX_SECTION_DEPTH) {
          model.tooDeep ??= { start: c.startIndex, end: c.endIndex, depth: f.depth + 1 };
          continue;
        }
        const r = section(c, f.prefix, f.into, f.recovered);
        if (r) frames.push({ kids: kidsOf(c), i: 0, prefix: r.path, into: r.sec.children, recovered: f.recovered || r.sec.close < 0, depth: f.depth + 1 });
      } else if (c.type === 'assignment') setting(c, f.prefix, f.into, f.recovered);
      // Recover what we can inside an error node (a section whose brace never closed, etc.).
      else frames.push({ kids: kidsOf(c), i: 0, prefix: f.prefix, into: f.into, recovered: true, depth: f.depth + 1 });
    }
  } finally {
    cursor.delete();
  }
  return model;
}
