// Messages between the language server and its analysis workers (worker_threads). Plain data only:
// structured clone carries them, so a finding is copied, never shared.
import type { AnalysisOptions, LanguageId, Position, Range } from '../core/types';
import type { RefreshOutput } from '../remote/analyze';

/**
 * What a job computes: the findings; for big documents also the outline, folding ranges and
 * colours, and the answers to hover, completion, definition, references and the release.
 */
export type Task = 'analyze' | 'symbols' | 'folding' | 'tokens' | Interactive;
/** Requests a person waits for: they go before everything else in the queue. */
export type Interactive = 'hover' | 'completion' | 'definition' | 'references' | 'release' | 'map' | 'change' | 'remote' | 'diff';
/** Whole-document views the editor asks for on its own (outline, folding, colours). */
export const isBackground = (t: Task): boolean => t === 'symbols' || t === 'folding' || t === 'tokens';

export interface AnalyzeRequest {
  type: 'run';
  task: Task;
  id: number;
  uri: string;
  languageId: LanguageId;
  version: number;
  text: string;
  options: AnalysisOptions;
  /** tokens: the lines to colour (all when absent). */
  range?: Range;
  /** hover, completion, definition, references: where. */
  position?: Position;
  includeDeclaration?: boolean;
  /** change, diff: the later version's text (the picture of what changed from `text` to it) and the two labels. */
  other?: string;
  labels?: { a: string; b: string };
  /** remote: a host's refresh output without its stdout (which is `text`). */
  remote?: Omit<RefreshOutput, 'stdout'>;
}

export type WorkerMessage =
  /** The worker's grammars are loaded (or failed to: `errors` by grammar). */
  | { type: 'ready'; errors: Record<string, string> }
  /** The worker began the job (the time budget counts from here, not from the queue). */
  | { type: 'start'; id: number }
  /** analyze: Finding[]; symbols: DocSymbol[]; folding: FoldRange[] (core/types); tokens: SemanticTokens. */
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string };
