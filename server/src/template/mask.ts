// The masking layer: a template becomes a text of our language with the same length and the same
// line breaks, so every position maps 1:1 back to the template.
//  - An expression becomes one opaque value (`xxxx`, or `"xx"` where lvm.conf expects a value
//    outside quotes) that keeps its columns; its span is remembered so that no finding is made of
//    its unknown content.
//  - A line holding only control tags, template comments or one expression (which may render any
//    number of lines: an include) becomes an empty line; an include is unknown content.
//  - Conditional blocks are recorded as chains of branches (condition text, line), loops as
//    blocks that run once. One forward pass with an explicit stack: no recursion, linear cost.
import type { LanguageId } from '../core/types';
import { scanTemplate, type Engine, type Tag, type ScanProblem } from './engines';
import { blankOut } from './scan-common';

export interface Chain {
  id: number;
  kind: 'if' | 'loop' | 'skip';
  /** Branches in order; `cond` is the tag text as written (`{% if raid %}`). */
  branches: { cond: string; line: number }[];
  hasElse: boolean;
  /** The enclosing branch (node id, 0 at top level). */
  parent: number;
  /** Holds storage or guard lines (kickstart): its branches are followed one per view. */
  relevant: boolean;
  /** Its opening tag shares its line with text of the language. */
  inline: boolean;
  /** Holds storage or guard lines itself (or in a nested block). */
  storage: boolean;
  /** The line of the tag that closes it (-1 while open, or never closed). */
  endLine: number;
}

/** A branch of a chain: nodes[0] is the top level. */
export interface BranchNode {
  parent: number;
  chain: number;
  branch: number;
}

export interface Masked {
  engine: Engine;
  text: string;
  /** Spans of opaque values and inline tags (offsets in the template). */
  opaque: { start: number; end: number }[];
  /** Offsets of includes (unknown content), with the tag text. */
  includes: { start: number; end: number; inner: string }[];
  chains: Chain[];
  nodes: BranchNode[];
  /** Where the branch in force changes: from segStarts[i] on, text is in node segNodes[i]. */
  segStarts: number[];
  segNodes: number[];
  /** The line holds only template tags (control, comment, include): not a line of the language. */
  templateLine: Uint8Array;
  problem?: ScanProblem;
  tags: Tag[];
  /** Offsets where the template's lines start. */
  lineStarts: number[];
}

/** Storage and guard lines of a kickstart: a chain holding one is followed one branch per view. */
const KS_RELEVANT = /^\s*(clearpart|zerombr|ignoredisk|autopart|part|partition|logvol|volgroup|raid|reqpart|btrfs|mount|%pre|%include|%ksappend)\b/;

function condText(engine: Engine, tag: Tag): string {
  switch (engine) {
    case 'erb':
      return `<% ${tag.inner} %>`;
    case 'jinja':
      return `{% ${tag.inner} %}`;
    case 'go':
      return `{{${tag.inner}}}`;
    case 'cheetah':
      return `#${tag.inner}`;
    case 'hcl':
      return `%{ ${tag.inner} }`;
    default:
      return tag.inner;
  }
}

/** Whether text[a, b) holds anything but blanks (no substring made). */
function hasText(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return true;
  }
  return false;
}

export function maskTemplate(text: string, engine: Engine, language: LanguageId): Masked {
  const scan = scanTemplate(text, engine);
  const tags = scan.tags;
  const out: string[] = [];
  const opaque: Masked['opaque'] = [];
  const includes: Masked['includes'] = [];
  const chains: Chain[] = [];
  const nodes: BranchNode[] = [{ parent: -1, chain: -1, branch: 0 }];
  let problem = scan.problem;

  // Line starts, for the per-line decisions.
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const nLines = lineStarts.length;
  const segStarts: number[] = [0];
  const segNodes: number[] = [0];
  const enter = (at: number, n: number): void => {
    if (segStarts[segStarts.length - 1] === at) segNodes[segNodes.length - 1] = n;
    else {
      segStarts.push(at);
      segNodes.push(n);
    }
  };
  const templateLine = new Uint8Array(nLines);
  const lineOf = (off: number): number => {
    let lo = 0;
    let hi = nLines - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineEndOf = (l: number): number => (l + 1 < nLines ? lineStarts[l + 1] - 1 : text.length);

  // Lines whose non-blank content is only tags (and, for a standalone expression, one tag).
  // tagsOnLine: walk tags in order with a line cursor; a tag spanning lines makes each line it
  // touches template-only where nothing else is on it.
  const lineHasText = new Uint8Array(nLines); // 1: text outside tags
  const lineTagCount = new Uint16Array(nLines);
  const lineExpr = new Int32Array(nLines).fill(-1); // the only expression tag on the line
  {
    let t = 0;
    for (let l = 0; l < nLines; l++) {
      const ls = lineStarts[l];
      const le = lineEndOf(l);
      let pos = ls;
      // Tags that started on earlier lines and cover part of this one.
      while (t < tags.length && tags[t].end <= ls) t++;
      let k = t;
      while (k < tags.length && tags[k].start < le) {
        const tg = tags[k];
        if (tg.start > pos && hasText(text, pos, tg.start)) lineHasText[l] = 1;
        if (tg.kind !== 'escape') {
          lineTagCount[l] = Math.min(65535, lineTagCount[l] + 1);
          if (tg.kind === 'expr' && tg.start >= ls && tg.end <= le) lineExpr[l] = lineExpr[l] === -1 ? k : -2;
          else if (tg.kind === 'expr') lineExpr[l] = -2;
        } else lineHasText[l] = 1;
        pos = Math.max(pos, tg.end);
        if (tg.end > le) break;
        k++;
      }
      if (pos < le && hasText(text, pos, le)) lineHasText[l] = 1;
    }
  }
  for (let l = 0; l < nLines; l++) {
    if (lineTagCount[l] > 0 && !lineHasText[l]) {
      const e = lineExpr[l];
      // One expression alone on its line renders unknown lines, unless its idiom is known.
      if (e >= 0 && tags[e].renders) continue;
      templateLine[l] = 1;
    }
  }

  // The branch structure, from the control tags in order.
  const stack: number[] = []; // chain ids
  let node = 0;
  let cursor = 0;
  const fill = (start: number, end: number, ch: string): void => {
    if (start > cursor) out.push(text.slice(cursor, start));
    const seg = text.slice(Math.max(start, cursor), end);
    out.push(blankOut(seg, ch));
    cursor = Math.max(cursor, end);
  };
  const setProblem = (offset: number, message: string): void => {
    problem ??= { offset, message };
  };

  // Quote state for lvm.conf values outside quotes: one pass in step with the tags.
  let qPos = 0;
  let inQuote = false;
  let inComment = false;
  const quoteStateAt = (off: number): boolean => {
    for (; qPos < off; qPos++) {
      const c = text[qPos];
      if (c === '\n') {
        inQuote = false;
        inComment = false;
      } else if (inComment) continue;
      else if (c === '\\' && inQuote) qPos++;
      else if (c === '"') inQuote = !inQuote;
      else if (c === '#' && !inQuote) inComment = true;
    }
    return inQuote || inComment;
  };
  const skipTag = (tg: Tag): void => {
    // The quote scan must not read the tag's own text.
    if (qPos < tg.end) qPos = tg.end;
  };

  for (const tg of tags) {
    const quoted = language === 'lvm-conf' ? quoteStateAt(tg.start) : true;
    if (language === 'lvm-conf') skipTag(tg);
    const l0 = lineOf(tg.start);
    const l1 = lineOf(Math.max(tg.start, tg.end - 1));
    const isLineTag = templateLine[l0] === 1;
    if (tg.kind === 'control' && tg.flow !== 'none') {
      // Text after the tag is in the branch it opens (or, after an end, in the enclosing one).
      const cond = condText(engine, tg);
      if (tg.flow === 'if' || tg.flow === 'loop' || tg.flow === 'skip-open') {
        const id = chains.length;
        chains.push({ id, kind: tg.flow === 'if' ? 'if' : tg.flow === 'loop' ? 'loop' : 'skip', branches: [{ cond, line: l0 }], hasElse: false, parent: node, relevant: false, inline: !isLineTag, storage: false, endLine: -1 });
        stack.push(id);
        nodes.push({ parent: node, chain: id, branch: 0 });
        node = nodes.length - 1;
        enter(tg.end, node);
      } else if (tg.flow === 'elif' || tg.flow === 'else') {
        const id = stack[stack.length - 1];
        if (id === undefined || chains[id].kind === 'skip') {
          if (id === undefined) setProblem(tg.start, `\`${cond}\` has no open block`);
        } else {
          const c = chains[id];
          if (tg.flow === 'else') c.hasElse = true;
          c.branches.push({ cond, line: l0 });
          nodes.push({ parent: c.parent, chain: id, branch: c.branches.length - 1 });
          node = nodes.length - 1;
          enter(tg.end, node);
        }
      } else if (tg.flow === 'end') {
        const id = stack.pop();
        if (id === undefined) setProblem(tg.start, `\`${cond}\` closes no open block`);
        else {
          chains[id].endLine = l0;
          node = chains[id].parent;
          enter(tg.end, node);
        }
      }
    }
    // The masked text.
    if (tg.kind === 'escape') {
      fill(tg.start, tg.end, tg.renders === '<%' ? '<' : ' ');
      if (tg.renders === '<%') {
        // `<%%` renders `<%`: keep two characters and one space.
        out[out.length - 1] = '<% ';
      }
      continue;
    }
    if (isLineTag || l0 !== l1) {
      if (tg.include || (tg.kind === 'expr' && isLineTag)) includes.push({ start: tg.start, end: tg.end, inner: tg.inner });
      fill(tg.start, tg.end, ' ');
      if (!isLineTag) opaque.push({ start: tg.start, end: tg.end });
      continue;
    }
    if (tg.renders && tg.renders.length <= tg.end - tg.start) {
      if (tg.start > cursor) out.push(text.slice(cursor, tg.start));
      out.push(tg.renders + ' '.repeat(tg.end - tg.start - tg.renders.length));
      cursor = tg.end;
      continue;
    }
    if (tg.include) includes.push({ start: tg.start, end: tg.end, inner: tg.inner });
    opaque.push({ start: tg.start, end: tg.end });
    if (tg.kind === 'comment' || tg.kind === 'control') {
      fill(tg.start, tg.end, ' ');
      continue;
    }
    if (!quoted && tg.end - tg.start >= 2) {
      if (tg.start > cursor) out.push(text.slice(cursor, tg.start));
      out.push('"' + 'x'.repeat(tg.end - tg.start - 2) + '"');
      cursor = tg.end;
      continue;
    }
    fill(tg.start, tg.end, 'x');
  }
  if (cursor < text.length) out.push(text.slice(cursor));
  if (stack.length) {
    const c = chains[stack[stack.length - 1]];
    setProblem(lineStarts[c.branches[0].line], `\`${c.branches[0].cond}\` is never closed`);
    // A block left open runs to the end: its text is read in every view (one finding, no cascade).
    for (const id of stack) if (chains[id].kind === 'if') chains[id].kind = 'loop';
  }

  let masked = out.join('');
  // Whitespace control joins lines as the engine does: the newlines it removes become spaces, so
  // offsets still map 1:1 (findings are mapped back by offset, not by line).
  const joins: number[] = [];
  for (const tg of tags) {
    if (tg.trimBefore) {
      for (let j = tg.start - 1; j >= 0 && /\s/.test(text[j]); j--) if (text[j] === '\n') joins.push(j);
    }
    if (tg.trimAfter) {
      for (let j = tg.end; j < text.length && /\s/.test(text[j]); j++) {
        if (text[j] === '\n') {
          joins.push(j);
          if (engine === 'erb') break;
        }
      }
    }
  }
  if (joins.length) {
    joins.sort((a, b) => a - b);
    const parts: string[] = [];
    let at = 0;
    for (const j of joins) {
      if (j < at) continue;
      parts.push(masked.slice(at, j), ' ');
      at = j + 1;
    }
    parts.push(masked.slice(at));
    masked = parts.join('');
  }
  // Foreman's `#Dynamic` partition table is a shell script run in %pre.
  if (language === 'kickstart') {
    const dyn = /^#Dynamic\b.*$/m.exec(masked);
    if (dyn && templateLine[lineOf(dyn.index)] === 0 && !/^\s*%pre\b/m.test(masked)) {
      masked = masked.slice(0, dyn.index) + '%pre    ' + masked.slice(dyn.index + 8) + '\n%end\n';
    }
  }

  // Chains holding storage or guard lines, chains inside a line, and their enclosing chains.
  if (language === 'kickstart') {
    for (const c of chains) if (c.kind === 'if' && c.inline) for (let ch: Chain | undefined = c; ch && !ch.relevant; ch = ch.parent > 0 ? chains[nodes[ch.parent].chain] : undefined) ch.relevant = true;
    const probe = { segStarts, segNodes } as Masked;
    for (let l = 0; l < nLines; l++) {
      const line = masked.slice(lineStarts[l], lineEndOf(l));
      if (!KS_RELEVANT.test(line)) continue;
      for (let n = nodeAt(probe, lineStarts[l] + line.search(/\S/)); n > 0; n = nodes[n].parent) {
        const c = chains[nodes[n].chain];
        if (c.storage) break;
        c.storage = true;
        c.relevant = true;
      }
    }
  }
  return { engine, text: masked, opaque, includes, chains, nodes, segStarts, segNodes, templateLine, problem, tags, lineStarts };
}

/** The innermost branch node in force at an offset (0: unconditional). */
export function nodeAt(m: Pick<Masked, 'segStarts' | 'segNodes'>, offset: number): number {
  let lo = 0;
  let hi = m.segStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.segStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return m.segNodes[lo];
}
