// What every lvm.conf check shares: the context of one analysis (the file, its model, the
// release it is checked as, the findings so far) and the helpers that turn offsets into ranges
// and add a finding with its suppress-on-this-line fix.
import type { LineIndex } from '../../core/text';
import type { AnalysisOptions, Finding, Fix, Range } from '../../core/types';
import type { ConfModel } from '../model';
import type { ReleaseChoice } from '../releases';

export interface Ctx {
  lines: LineIndex;
  text: string;
  model: ConfModel;
  options: AnalysisOptions;
  out: Finding[];
  profile?: 'command' | 'metadata' | 'unknown';
  /** The release the file is checked as (explicit or inferred); undefined: current lvm2, as always. */
  release?: ReleaseChoice;
  /**
   * Where lvm2's parse stops (the first syntax error; the text's length when there is none): lvm2
   * reads nothing past it, so what the tree recovers there is no setting or section of the file.
   */
  readTo: number;
}

/** ", checked as lvm2 R (why)" for messages that depend on the release. */
export function checkedAs(ctx: Ctx): string {
  const r = ctx.release;
  return r ? `; this file is checked as lvm2 ${r.release}, ${r.source === 'explicit' ? 'as chosen' : r.reason}` : '';
}

export function rng(ctx: Ctx, a: number, b: number): Range {
  return ctx.lines.range(a, b);
}

function suppressFix(ctx: Ctx, at: number, code: string): Fix {
  const pos = ctx.lines.positionAt(at);
  const lineStart = ctx.lines.starts[pos.line];
  const indent = /^[ \t]*/.exec(ctx.lines.lineText(pos.line))![0];
  return {
    title: `Suppress ${code} on this line`,
    edits: [{ range: rng(ctx, lineStart, lineStart), newText: `${indent}# blockwise-disable-next-line ${code}\n` }],
  };
}

export function push(ctx: Ctx, f: Finding, at: number): void {
  f.fixes = [...(f.fixes ?? []), suppressFix(ctx, at, f.code)];
  ctx.out.push(f);
}

export function wholeLines(ctx: Ctx, start: number, end: number): Range {
  const a = ctx.lines.positionAt(start).line;
  const b = ctx.lines.positionAt(end).line;
  const to = b + 1 < ctx.lines.lineCount ? ctx.lines.starts[b + 1] : ctx.text.length;
  return rng(ctx, ctx.lines.starts[a], to);
}
