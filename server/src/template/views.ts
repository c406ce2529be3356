// Views of a template's branches. A kickstart chain of exclusive branches that holds storage or
// guard lines, or branches inside a line (`firewall{% if a %} --disabled{% else %} --enabled{%
// endif %}`), is followed one branch per view: view k takes branch min(k, n-1) of every such
// chain (an `if` without `else` has an empty last branch), so two exclusive places are never in
// one view and a guard counts only where it is. K views cover every branch, and K is the largest
// branch count, not the product of all chains: 30 independent `{% if %}` give 2 views, not 2^30.
// Other chains keep every branch in each view (their exclusive duplicates are told apart by
// place, index.ts), loops run once, and blocks that render nothing where they stand
// (`{% macro %}`, `#def`) are left out.
import type { LanguageId } from '../core/types';
import { nodeAt, type Masked } from './mask';
import { blankOut } from './scan-common';

/** More views than this are not made: branches past the last view share it. */
export const MAX_VIEWS = 8;
/** How far up the enclosing blocks of one place are looked at. */
export const MAX_DEPTH = 64;

function branchCount(m: Masked, chain: number): number {
  const c = m.chains[chain];
  return c.branches.length + (c.hasElse ? 0 : 1);
}

export function viewCount(m: Masked, languageId: LanguageId): number {
  // lvm.conf: one view (every branch); exclusive duplicates are told apart by their places.
  if (languageId !== 'kickstart') return 1;
  let k = 1;
  for (const c of m.chains) if (c.kind === 'if' && c.relevant) k = Math.max(k, branchCount(m, c.id));
  return Math.min(k, MAX_VIEWS);
}

function chosen(m: Masked, chain: number, view: number): number {
  return Math.min(view, branchCount(m, chain) - 1);
}

/**
 * A loop is read once with unknown values, and that one pass is its first and its last
 * iteration: a Jinja test of `loop.last` or `loop.first` inside it (`{% if not loop.last %},{%
 * endif %}`, a separator) decides its branch. Per chain: the branch index it takes then (the
 * number of branches for none), or -1 when it is no such test.
 */
function onePassBranches(m: Masked): Int32Array {
  const out = new Int32Array(m.chains.length).fill(-1);
  if (m.engine !== 'jinja') return out;
  for (const c of m.chains) {
    if (c.kind !== 'if' || c.branches.length > 2) continue;
    const t = /^\{% if (not )?loop\.(last|first) %\}$/.exec(c.branches[0].cond);
    if (!t || (c.branches.length === 2 && !c.hasElse)) continue;
    let inLoop = false;
    for (let n = c.parent, d = 0; n > 0 && d < MAX_DEPTH && !inLoop; n = m.nodes[n].parent, d++) inLoop = m.chains[m.nodes[n].chain].kind === 'loop';
    if (inLoop) out[c.id] = t[1] ? 1 : 0;
  }
  return out;
}

/** Whether two arrays hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An ASCII text's bytes blanked: spaces, with its line breaks (\n, and a \r right before one) kept. */
function blankedBytes(text: string): Buffer {
  const out = Buffer.alloc(text.length, 32);
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    out[nl] = 10;
    if (nl > 0 && text.charCodeAt(nl - 1) === 13) out[nl - 1] = 13;
  }
  return out;
}

/** The texts to analyse: one per view (or the union view alone). Same length as the masked text. */
export function viewTexts(m: Masked, languageId: LanguageId, unionOnly = false): string[] {
  const set = viewSet(m, languageId, unionOnly);
  return set.texts.map((t, k) => (set.same[k] < 0 ? t : set.texts[set.same[k]]));
}

/**
 * The views to analyse, each made once: `same[k]` is the earlier view whose text view k has (the
 * same branches taken in every segment), -1 when view k is new; `texts[k]` is '' for a repeat.
 * A segment left out is blanked once for all views (line breaks kept).
 */
export function viewSet(m: Masked, languageId: LanguageId, unionOnly = false): { texts: string[]; same: number[]; blanked: [number, number][][] } {
  const k = unionOnly ? 1 : viewCount(m, languageId);
  const onePass = onePassBranches(m);
  const split = k > 1 || m.chains.some((c) => c.kind === 'skip' || onePass[c.id] >= 0);
  if (!split) return { texts: [m.text], same: [-1], blanked: [[]] };
  const text = m.text;
  const texts: string[] = [];
  const same: number[] = [];
  // Per view, the spans it blanks that the union (every branch) keeps.
  const blanked: [number, number][][] = [];
  const incU = new Uint8Array(m.nodes.length);
  incU[0] = 1;
  // Whether a node renders at all in one pass (not under a skipped block or a loop test's other branch).
  const renders = (n: number): boolean => {
    const node = m.nodes[n];
    const c = m.chains[node.chain];
    return c.kind !== 'skip' && (onePass[c.id] < 0 || onePass[c.id] === node.branch);
  };
  for (let n = 1; n < m.nodes.length; n++) incU[n] = incU[m.nodes[n].parent] === 1 && renders(n) ? 1 : 0;
  // The segments each earlier new view keeps (views with equal keeps have equal texts).
  const keeps: { keep: Uint8Array; view: number }[] = [];
  const blanks: (string | undefined)[] = new Array(m.segStarts.length);
  let ascii: Buffer | null | undefined;
  // The text blanked whole (its line breaks kept), made when a view first leaves something out.
  let blankBuf: Buffer | undefined;
  const inc = new Uint8Array(m.nodes.length);
  for (let v = 0; v < k; v++) {
    inc[0] = 1;
    for (let n = 1; n < m.nodes.length; n++) {
      const node = m.nodes[n];
      const c = m.chains[node.chain];
      let yes = inc[node.parent] === 1 && renders(n);
      if (yes && k > 1 && c.kind === 'if' && c.relevant && onePass[c.id] < 0) yes = node.branch === chosen(m, c.id, v);
      inc[n] = yes ? 1 : 0;
    }
    // The view's identity: which segments it keeps.
    const keep = new Uint8Array(m.segStarts.length);
    for (let i = 0; i < keep.length; i++) keep[i] = inc[m.segNodes[i]];
    const earlier = keeps.find((e) => sameBytes(e.keep, keep));
    if (earlier) {
      texts.push('');
      same.push(earlier.view);
      blanked.push([]);
      continue;
    }
    keeps.push({ keep, view: v });
    // Text of branches this view does not take becomes blanks (line breaks kept).
    if (ascii === undefined) ascii = Buffer.byteLength(text, 'utf8') === text.length ? Buffer.from(text, 'latin1') : null;
    if (ascii) {
      // An ASCII text: a byte copy with the dropped stretches copied from the blanked text, decoded once.
      const buf = Buffer.from(ascii);
      blankBuf ??= blankedBytes(text);
      for (let i = 0; i < m.segStarts.length; i++) {
        if (keep[i]) continue;
        const a = m.segStarts[i];
        const b = i + 1 < m.segStarts.length ? m.segStarts[i + 1] : text.length;
        blankBuf.copy(buf, a, a, b);
        // A \r stays only with its \n in the same stretch.
        if (b > a && buf[b - 1] === 13) buf[b - 1] = 32;
      }
      texts.push(buf.toString('latin1'));
    } else {
      const parts: string[] = [];
      for (let i = 0; i < m.segStarts.length; i++) {
        const a = m.segStarts[i];
        const b = i + 1 < m.segStarts.length ? m.segStarts[i + 1] : text.length;
        parts.push(keep[i] ? text.slice(a, b) : (blanks[i] ??= blankOut(text.slice(a, b))));
      }
      texts.push(parts.join(''));
    }
    same.push(-1);
    const spans: [number, number][] = [];
    for (let i = 0; i < m.segStarts.length; i++) {
      if (keep[i] || !incU[m.segNodes[i]]) continue;
      const a = m.segStarts[i];
      const b = i + 1 < m.segStarts.length ? m.segStarts[i + 1] : text.length;
      if (spans.length && spans[spans.length - 1][1] === a) spans[spans.length - 1][1] = b;
      else spans.push([a, b]);
    }
    blanked.push(spans);
  }
  return { texts, same, blanked };
}

/** Two places (offsets) in different branches of one chain never both render. */
export function exclusive(m: Masked, a: number, b: number): boolean {
  if (a === b) return false;
  const seen = new Map<number, number>();
  // Ancestors are walked up to a fixed depth: a file nesting blocks 100,000 deep stays linear.
  let depth = 0;
  for (let n = nodeAt(m, a); n > 0 && depth++ < MAX_DEPTH; n = m.nodes[n].parent) seen.set(m.nodes[n].chain, m.nodes[n].branch);
  depth = 0;
  for (let n = nodeAt(m, b); n > 0 && depth++ < MAX_DEPTH; n = m.nodes[n].parent) {
    const br = seen.get(m.nodes[n].chain);
    if (br !== undefined && br !== m.nodes[n].branch && m.chains[m.nodes[n].chain].kind === 'if') return true;
  }
  return false;
}

function branchName(m: Masked, chain: number, branch: number): string {
  const c = m.chains[chain];
  if (branch < c.branches.length) return `\`${c.branches[branch].cond}\` (line ${c.branches[branch].line + 1})`;
  return `none of the branches of \`${c.branches[0].cond}\` (line ${c.branches[0].line + 1}) is taken`;
}

/** The conditions a place (offset) renders under, innermost first ('' when unconditional). */
export function branchWhere(m: Masked, offset: number): string {
  const parts: string[] = [];
  for (let n = nodeAt(m, offset); n > 0 && parts.length < 3; n = m.nodes[n].parent) {
    const node = m.nodes[n];
    const c = m.chains[node.chain];
    if (c.kind === 'if') parts.push(branchName(m, c.id, node.branch));
    else if (c.kind === 'loop') parts.push(`inside \`${c.branches[0].cond}\` (line ${c.branches[0].line + 1})`);
  }
  return parts.join(' and ');
}

/** Where a finding holds, from its line's branches and the views it was found in. */
export function whereItHolds(m: Masked, offset: number, seenIn: number[], nViews: number): string {
  const own = branchWhere(m, offset);
  if (seenIn.length >= nViews) return own ? `when ${own}` : 'in every rendering';
  // The chains whose chosen branches separate the views with the finding from those without.
  const ancestors = new Set<number>();
  let depth = 0;
  for (let n = nodeAt(m, offset); n > 0 && depth++ < MAX_DEPTH; n = m.nodes[n].parent) ancestors.add(m.nodes[n].chain);
  const seen = new Set(seenIn);
  const reasons: string[] = [];
  // Chains with storage or guard lines are named first (the likely cause), then other split ones.
  for (const pass of [0, 1, 2]) {
    for (let ci = 0; ci < m.chains.length && ci < 4096; ci++) {
      const c = m.chains[ci];
      if (reasons.length >= 2) break;
      const rank = c.storage ? 0 : c.relevant ? 1 : 2;
      if (c.kind !== 'if' || rank !== pass || ancestors.has(c.id)) continue;
      const p = new Set<number>();
      const a = new Set<number>();
      for (let v = 0; v < nViews; v++) (seen.has(v) ? p : a).add(chosen(m, c.id, v));
      if ([...p].some((b) => a.has(b))) continue;
      reasons.push([...p].map((b) => branchName(m, c.id, b)).join(' or '));
    }
    if (reasons.length) break;
  }
  const cond = reasons.length ? reasons.join(', and ') : 'some branches are taken';
  return `when ${own ? `${own} and ` : ''}${cond}`;
}
