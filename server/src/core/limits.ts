// What the language server sends the editor about one document is bounded, whatever the file:
// diagnostics per document and the size of a picture. (The CLI lists every finding; these limits
// are the editor's.) Pure: findings in, findings out.
import { defineRules } from './rules';
import { LANGUAGE_IDS, type DocSymbol, type Finding, type FoldRange, type Severity } from './types';

defineRules([
  {
    code: 'too-many-findings',
    languages: [...LANGUAGE_IDS],
    severity: 'info',
    title: 'More findings than the editor shows for one file',
    why: 'A generated or damaged file can have a finding on every line; a million diagnostics would hold the editor (and the language server) for minutes and gigabytes. The most severe ones are shown, and this one says how many were left out.',
    fix: 'Fix the findings shown, or run `blockwise check FILE`, which lists them all.',
  },
]);

/** Diagnostics the editor gets for one document at most (one more says how many were left out). */
export const MAX_FINDINGS = 1000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * At most `max` findings: the most severe first (errors, then warnings...), in document order
 * within a severity, plus one `too-many-findings` on the first line
 * saying how many were left out. Linear in the findings (a counting pass, no sort of them all).
 */
export function capFindings(findings: Finding[], max = MAX_FINDINGS, severities: Record<string, Severity | 'off'> = {}): Finding[] {
  if (findings.length <= max) return findings;
  const counts = [0, 0, 0, 0];
  for (const f of findings) counts[RANK[f.severity] ?? 1]++;
  // The least severe level that still fits, and how many of it.
  let room = max;
  let cut = 0;
  while (cut < counts.length && counts[cut] <= room) room -= counts[cut++];
  const kept: Finding[] = [];
  for (const f of findings) {
    const r = RANK[f.severity] ?? 1;
    if (r < cut) kept.push(f);
    else if (r === cut && room > 0) {
      kept.push(f);
      room--;
    }
  }
  const left = findings.length - kept.length;
  // Its severity is configurable like any rule's; 'off' drops the note, not the cap.
  const level = severities['too-many-findings'];
  if (level === 'off') return kept;
  kept.push({
    code: 'too-many-findings',
    severity: level ?? 'info',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `${left.toLocaleString('en-US')} more findings in this file are not shown: the editor shows ${max.toLocaleString('en-US')} per file, the most severe first. \`blockwise check\` lists them all.`,
  });
  return kept;
}

/** Outline entries (at every depth) and folding ranges sent for one document at most. */
export const MAX_SYMBOLS = 20_000;
export const MAX_FOLDING_RANGES = 10_000;

/**
 * The outline with at most `max` entries in all, in document order (pre-order): what is past the
 * limit is left out, and the last entry kept says so in its detail. Iterative, linear.
 */
export function capSymbols(symbols: DocSymbol[], max = MAX_SYMBOLS): DocSymbol[] {
  let n = 0;
  const copy = (list: DocSymbol[]): DocSymbol[] => list.slice();
  const out = copy(symbols);
  // Count in pre-order, cutting each list where the budget ends.
  const frames: { list: DocSymbol[]; i: number }[] = [{ list: out, i: 0 }];
  let last: DocSymbol | undefined;
  let cut = false;
  while (frames.length) {
    const f = frames[frames.length - 1];
    if (f.i >= f.list.length) {
      frames.pop();
      continue;
    }
    if (n >= max) {
      f.list.length = f.i;
      cut = true;
      frames.pop();
      continue;
    }
    const s = { ...f.list[f.i] };
    f.list[f.i++] = s;
    n++;
    last = s;
    if (s.children?.length) {
      s.children = copy(s.children);
      frames.push({ list: s.children, i: 0 });
    }
  }
  if (cut && last) last.detail = `${last.detail ? `${last.detail} · ` : ''}outline stops here: ${max.toLocaleString('en-US')} entries shown`;
  return out;
}

/** At most `max` folding ranges, the outermost (longest) first, back in line order. */
export function capFolding(ranges: FoldRange[], max = MAX_FOLDING_RANGES): FoldRange[] {
  if (ranges.length <= max) return ranges;
  const kept = ranges.map((r, i) => ({ r, i, len: r.endLine - r.startLine })).sort((a, b) => b.len - a.len || a.i - b.i).slice(0, max);
  return kept.sort((a, b) => a.i - b.i).map((k) => k.r);
}
