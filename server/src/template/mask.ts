// The masking layer: a template becomes a text of our language with the same length and the same
// line breaks, so every position maps 1:1 back to the template.
//  - An expression becomes one opaque value (`xxxx`, or `"xx"` where lvm.conf expects a value
//    outside quotes) that keeps its columns; its span is remembered so that no finding is made of
//    its unknown content.
//  - A line holding only control tags, template comments or one expression (which may render any
//    number of lines: an include) becomes an empty line; an include is unknown content.
//  - Conditional blocks are recorded as chains of branches (condition text, line), loops as
//    blocks that run once. One forward pass with an explicit stack: no recursion, linear cost.
import { lastAtOrBefore } from '../core/search';
import type { LanguageId } from '../core/types';
import { scanTemplate, type Engine, type Tag, type ScanProblem } from './engines';
import { maskWriter, pad, trimJoins } from './mask-text';
import { isSpace } from './scan-common';

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
const KS_RELEVANT = /(clearpart|zerombr|ignoredisk|autopart|part|partition|logvol|volgroup|raid|reqpart|btrfs|mount|%pre|%include|%ksappend)\b/y;
/** c z i a p l v r b m %: the first characters of KS_RELEVANT's words. */
const ksFirst = (c: number): boolean => c === 112 || c === 108 || c === 118 || c === 99 || c === 114 || c === 37 || c === 122 || c === 105 || c === 97 || c === 98 || c === 109;

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

/**
 * Lines whose non-blank content is only tags (control, comment, include; one expression alone
 * renders unknown lines unless its idiom is known). A tag spanning lines counts on each line it
 * touches. Tags are walked in step with the lines; lines without tags are not read.
 */
function templateLines(text: string, tags: readonly Tag[], lineStarts: readonly number[]): Uint8Array {
  const nLines = lineStarts.length;
  const templateLine = new Uint8Array(nLines);
  const nTags = tags.length;
  let t = 0;
  for (let l = 0; l < nLines; l++) {
    const ls = lineStarts[l];
    while (t < nTags && tags[t].end <= ls) t++;
    if (t >= nTags) break;
    const le = l + 1 < nLines ? lineStarts[l + 1] - 1 : text.length;
    if (tags[t].start >= le) continue;
    let pos = ls;
    let tagged = false;
    let expr = -1; // the only expression tag on the line (-2: more than one, or one crossing lines)
    let prose = false; // text outside tags
    for (let k = t; k < nTags; k++) {
      const tg = tags[k];
      if (tg.start >= le) break;
      if (tg.start > pos && hasText(text, pos, tg.start)) {
        prose = true;
        break;
      }
      if (tg.kind === 'escape') {
        prose = true;
        break;
      }
      tagged = true;
      if (tg.kind === 'expr') expr = tg.start >= ls && tg.end <= le && expr === -1 ? k : -2;
      if (tg.end > pos) pos = tg.end;
      if (tg.end > le) break;
    }
    if (prose || !tagged || (pos < le && hasText(text, pos, le))) continue;
    if (expr >= 0 && tags[expr].renders) continue;
    templateLine[l] = 1;
  }
  return templateLine;
}

export function maskTemplate(text: string, engine: Engine, language: LanguageId): Masked {
  const scan = scanTemplate(text, engine);
  const tags = scan.tags;
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
  const lineOf = (off: number): number => lastAtOrBefore(lineStarts, off);
  const templateLine = templateLines(text, tags, lineStarts);

  // The branch structure, from the control tags in order.
  const stack: number[] = []; // chain ids
  let node = 0;
  const out = maskWriter(text, tags, trimJoins(text, tags, engine));
  const setProblem = (offset: number, message: string): void => {
    problem ??= { offset, message };
  };

  // Quote state for lvm.conf values outside quotes: one pass in step with the tags.
  const lvm = language === 'lvm-conf';
  let qPos = 0;
  let inQuote = false;
  let inComment = false;
  const quoteStateAt = (off: number): boolean => {
    for (; qPos < off; qPos++) {
      const c = text.charCodeAt(qPos);
      if (c === 10) {
        inQuote = false;
        inComment = false;
      } else if (inComment) continue;
      else if (c === 92 && inQuote) qPos++; // backslash
      else if (c === 34) inQuote = !inQuote;
      else if (c === 35 && !inQuote) inComment = true;
    }
    return inQuote || inComment;
  };

  // Control tags of chains on lines of their own that whitespace control joins to a neighbour
  // (`part\n%{~ if a ~}\n pv.${a}\n%{~ else ~}\n swap\n%{~ endif ~}`): if the joined line holds
  // text on both sides of the tag, the chain splits that line (below, once the masked text is known).
  const joinedTags: { chain: number; start: number }[] = [];
  let lc = 0; // the line of the current tag's start: tags come in order
  for (const tg of tags) {
    const quoted = lvm ? quoteStateAt(tg.start) : true;
    // The quote scan must not read the tag's own text.
    if (lvm && qPos < tg.end) qPos = tg.end;
    const { start, end } = tg;
    if (lineStarts[lc] > start) lc = lineOf(start);
    while (lc + 1 < nLines && lineStarts[lc + 1] <= start) lc++;
    const l0 = lc;
    const lastChar = Math.max(start, end - 1);
    let l1 = l0;
    while (l1 + 1 < nLines && lineStarts[l1 + 1] <= lastChar) l1++;
    const oneLine = l0 === l1 && text.charCodeAt(end - 1) !== 10;
    const isLineTag = templateLine[l0] === 1;
    if (tg.kind === 'control' && tg.flow !== 'none') {
      if (isLineTag && (tg.trimBefore || tg.trimAfter) && language === 'kickstart') {
        const id = tg.flow === 'if' || tg.flow === 'loop' || tg.flow === 'skip-open' ? chains.length : stack[stack.length - 1];
        if (id !== undefined) joinedTags.push({ chain: id, start });
      }
      // Text after the tag is in the branch it opens (or, after an end, in the enclosing one).
      const cond = condText(engine, tg);
      if (tg.flow === 'if' || tg.flow === 'loop' || tg.flow === 'skip-open') {
        const id = chains.length;
        chains.push({ id, kind: tg.flow === 'if' ? 'if' : tg.flow === 'loop' ? 'loop' : 'skip', branches: [{ cond, line: l0 }], hasElse: false, parent: node, relevant: false, inline: !isLineTag, storage: false, endLine: -1 });
        stack.push(id);
        nodes.push({ parent: node, chain: id, branch: 0 });
        node = nodes.length - 1;
        enter(end, node);
      } else if (tg.flow === 'elif' || tg.flow === 'else') {
        const id = stack[stack.length - 1];
        if (id === undefined || chains[id].kind === 'skip') {
          if (id === undefined) setProblem(start, `\`${cond}\` has no open block`);
        } else {
          const c = chains[id];
          if (tg.flow === 'else') c.hasElse = true;
          c.branches.push({ cond, line: l0 });
          nodes.push({ parent: c.parent, chain: id, branch: c.branches.length - 1 });
          node = nodes.length - 1;
          enter(end, node);
        }
      } else if (tg.flow === 'end') {
        const id = stack.pop();
        if (id === undefined) setProblem(start, `\`${cond}\` closes no open block`);
        else {
          chains[id].endLine = l0;
          node = chains[id].parent;
          enter(end, node);
        }
      }
    }
    // The masked text.
    if (tg.kind === 'escape') {
      // `<%%` renders `<%`: keep two characters and one space.
      if (tg.renders === '<%') out.put(start, end, '<% ');
      else out.fill(start, end, ' ', oneLine);
      continue;
    }
    if (isLineTag || l0 !== l1) {
      if (tg.include || (tg.kind === 'expr' && isLineTag)) includes.push({ start, end, inner: tg.inner });
      out.fill(start, end, ' ', oneLine);
      if (!isLineTag) opaque.push({ start, end });
      continue;
    }
    if (tg.renders && tg.renders.length <= end - start) {
      out.put(start, end, tg.renders + pad(' ', end - start - tg.renders.length), true);
      continue;
    }
    if (tg.include) includes.push({ start, end, inner: tg.inner });
    opaque.push({ start, end });
    if (tg.kind === 'comment' || tg.kind === 'control') {
      out.fill(start, end, ' ', oneLine);
      continue;
    }
    if (!quoted && end - start >= 2) {
      out.put(start, end, '"' + pad('x', end - start - 2) + '"', true);
      continue;
    }
    out.fill(start, end, 'x', oneLine);
  }
  if (stack.length) {
    const c = chains[stack[stack.length - 1]];
    setProblem(lineStarts[c.branches[0].line], `\`${c.branches[0].cond}\` is never closed`);
    // A block left open runs to the end: its text is read in every view (one finding, no cascade).
    for (const id of stack) if (chains[id].kind === 'if') chains[id].kind = 'loop';
  }

  // Whitespace control joins lines as the engine does: the newlines it removes became spaces
  // (offsets still map 1:1; findings are mapped back by offset, not by line).
  let masked = out.finish();
  // Foreman's `#Dynamic` partition table is a shell script run in %pre. Foreman looks for the
  // marker at a line start of the template's source, so a `-%>` that joined it to the header's
  // line (in the masked text) does not hide it: that line break is given back.
  // (`Dynamic` first: its `D` is rare, where `#` and line breaks are everywhere.)
  if (language === 'kickstart' && text.includes('Dynamic')) {
    const dyn = /^#Dynamic\b.*$/m.exec(text);
    const at = dyn ? dyn.index : -1;
    if (at >= 0 && masked.startsWith('#Dynamic', at) && templateLine[lineOf(at)] === 0 && !/^\s*%pre\b/m.test(masked)) {
      const head = at > 0 && masked[at - 1] !== '\n' ? masked.slice(0, at - 1) + '\n' : masked.slice(0, at);
      // The marker line is Foreman's, not a %pre header: the words after `#Dynamic` are blanked.
      let eol = masked.indexOf('\n', at);
      if (eol < 0) eol = masked.length;
      if (eol > at && masked[eol - 1] === '\r') eol--;
      masked = head + '%pre' + ' '.repeat(eol - at - 4) + masked.slice(eol) + '\n%end\n';
    }
  }

  if (joinedTags.length) {
    // The masked line of each such tag, read once per line (first and last non-blank offsets):
    // only the lines that hold one, so the cost stays within the text's length.
    const starts: number[] = [0];
    for (let i = masked.indexOf('\n'); i >= 0; i = masked.indexOf('\n', i + 1)) starts.push(i + 1);
    const bounds = new Map<number, [number, number]>();
    for (const { chain, start } of joinedTags) {
      const c = chains[chain];
      if (c.inline || c.kind !== 'if') continue;
      const l = lastAtOrBefore(starts, start);
      let b = bounds.get(l);
      if (!b) {
        const le = l + 1 < starts.length ? starts[l + 1] - 1 : masked.length;
        let first = -1;
        let last = -1;
        for (let i = starts[l]; i < le; i++) {
          if (isSpace(masked.charCodeAt(i))) continue;
          if (first < 0) first = i;
          last = i;
        }
        bounds.set(l, (b = [first, last]));
      }
      // Text on both sides: the tag is inside a line (an ERB `-%>` only drops its own line).
      if (b[0] >= 0 && b[0] < start && b[1] > start) c.inline = true;
    }
  }

  // Chains holding storage or guard lines, chains inside a line, and their enclosing chains.
  if (language === 'kickstart' && chains.length) {
    for (const c of chains) if (c.kind === 'if' && c.inline) for (let ch: Chain | undefined = c; ch && !ch.relevant; ch = ch.parent > 0 ? chains[nodes[ch.parent].chain] : undefined) ch.relevant = true;
    const probe = { segStarts, segNodes };
    for (let l = 0; l < nLines; l++) {
      // A line of tags only is blank in the masked text.
      if (templateLine[l]) continue;
      // The line's first word (after its blanks), by its first character before the pattern.
      const le = l + 1 < nLines ? lineStarts[l + 1] - 1 : text.length;
      let p = lineStarts[l];
      while (p < le && isSpace(masked.charCodeAt(p))) p++;
      if (p >= le || !ksFirst(masked.charCodeAt(p))) continue;
      KS_RELEVANT.lastIndex = p;
      if (!KS_RELEVANT.test(masked)) continue;
      for (let n = nodeAt(probe, p); n > 0; n = nodes[n].parent) {
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
  return m.segNodes[lastAtOrBefore(m.segStarts, offset)];
}
