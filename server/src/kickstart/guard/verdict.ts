// How well a script guards against wiping existing storage, from its analysis.
import type { ScriptAnalysis, ScriptStop } from './types';

/** How well a script guards against wiping existing storage. */
export type GuardStrength =
  /** Stops the install (exit non-zero with --erroronfail, or halts) under a condition that looks at storage. */
  | 'guard'
  /** Exits non-zero on storage, but without --erroronfail Anaconda carries on. */
  | 'ineffective'
  /** Nothing of the kind. */
  | 'none'
  /** Not a shell, or no grammar: unknown. */
  | 'unknown';

export interface GuardVerdict {
  strength: GuardStrength;
  /** The stop that makes it a guard (or would, with --erroronfail). */
  stop?: ScriptStop;
  /** Exits inside a subshell that look like guards but only end the subshell. */
  subshellExits: ScriptStop[];
  analysis: ScriptAnalysis;
}

export function guardVerdict(analysis: ScriptAnalysis, erroronfail: boolean): GuardVerdict {
  if (!analysis.analyzed) return { strength: 'unknown', subshellExits: [], analysis };
  const subshellExits = analysis.stops.filter((s) => s.kind === 'exit' && s.inSubshell && s.linked);
  const halts = analysis.stops.filter((s) => s.kind === 'halt' && s.linked);
  if (halts.length) return { strength: 'guard', stop: halts[0], subshellExits, analysis };
  const exits = analysis.stops.filter((s) => s.kind === 'exit' && !s.inSubshell && s.linked);
  if (exits.length) return { strength: erroronfail ? 'guard' : 'ineffective', stop: exits[0], subshellExits, analysis };
  return { strength: 'none', subshellExits, analysis };
}
