// Messages between the language server and its analysis workers (worker_threads). Plain data only:
// structured clone carries them, so a finding is copied, never shared.
import type { AnalysisOptions, Finding, LanguageId } from '../core/types';

export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  uri: string;
  languageId: LanguageId;
  version: number;
  text: string;
  options: AnalysisOptions;
}

export type WorkerMessage =
  /** The worker's grammars are loaded (or failed to: `errors` by grammar). */
  | { type: 'ready'; errors: Record<string, string> }
  /** The worker began the job (the time budget counts from here, not from the queue). */
  | { type: 'start'; id: number }
  | { type: 'result'; id: number; findings: Finding[] }
  | { type: 'error'; id: number; message: string };
