// What one checked file gives the report writers (the CLI's formats).
import type { Finding, LanguageId } from '../core/types';

export interface FileResult {
  path: string;
  language: LanguageId;
  findings: Finding[];
  /** The release the file was checked as, and why (languages with release data). */
  target?: { release: string; reason: string };
}

/** A result with what the CI formats need besides it: the text (fingerprints), and where it lives. */
export interface ReportFile extends FileResult {
  /** The decoded text the findings are positions in (present for sarif and codeclimate). */
  text?: string;
  /** True for standard input without --stdin-filename: there is no file to point at. */
  unnamed?: boolean;
}

export interface ReportContext {
  /** Absolute working folder. */
  cwd: string;
  /** Absolute repository root (nearest folder with .git above cwd, else cwd). */
  root: string;
  /** Whether every file could be read and had a language (SARIF invocation). */
  executionSuccessful: boolean;
  /** Read and usage problems, for the SARIF invocation's notifications. */
  notes: string[];
  version: string;
}
