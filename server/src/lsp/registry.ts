// The open documents: one ParsedDocument per open file (incremental sync -> incremental
// tree-sitter reparse), diagnostics debounced and published (in a worker when there is one, capped),
// and the requests on big documents sent to the worker that has them parsed.
import { analyzeDocument } from '../analyze';
import { repoConfigFor } from '../config/server';
import { ParsedDocument, type ContentChange } from '../core/document';
import { capFindings } from '../core/limits';
import { LineIndex } from '../core/text';
import type { AnalysisOptions, Finding, LanguageId, Position, Range } from '../core/types';
import type { Outcome } from '../worker/pool';
import { isBackground, type Task } from '../worker/protocol';
import { connection, guard, log, warnUser } from './connection';
import { toDiagnostic } from './convert';
import { missingGrammar } from './grammars';
import { INTERACTIVE_OFFLOAD_CHARS, OFFLOAD_CHARS, pool } from './pool';
import { delayFor, optionsFrom, settingsFor } from './settings';

export interface Entry {
  uri: string;
  languageId: LanguageId;
  version: number;
  /** Present when the language's grammar loaded. */
  doc?: ParsedDocument;
  /** Text and lines when there is no parse (grammar missing). */
  lines: LineIndex;
  timer?: NodeJS.Timeout;
  /** Bumped on every change; a diagnostics run for an older generation is dropped. */
  generation: number;
  /** An analysis worker died working on this version: it gets one finding and no more jobs. */
  killed?: { version: number; message: string };
}

export const entries = new Map<string, Entry>();
let shuttingDown = false;

/** Serialises document notifications so an await (grammar loading) never reorders open/change/close. */
let queue: Promise<void> = Promise.resolve();
export function enqueue(what: string, fn: () => void | Promise<void>): void {
  queue = queue.then(fn).catch((e: Error) => log(`blockwise: ${what} failed: ${e?.stack ?? e}`));
}

export function open(uri: string, languageId: LanguageId, version: number, text: string): void {
  close(uri);
  const e: Entry = { uri, languageId, version, lines: new LineIndex(text), generation: 0 };
  if (!missingGrammar(languageId)) {
    try {
      e.doc = new ParsedDocument(uri, languageId, text, version);
    } catch (err) {
      log(`blockwise: parsing ${uri} failed: ${(err as Error).message}`);
    }
  }
  entries.set(uri, e);
  schedule(e, 0);
}

export function change(uri: string, version: number, changes: ContentChange[]): void {
  const e = entries.get(uri);
  if (!e) return; // a change for a document that was never opened: nothing to update
  if (e.doc) {
    try {
      e.doc.update(changes, version);
      e.lines = e.doc.lines;
    } catch (err) {
      // Fall back to a full parse of the text as far as we can reconstruct it.
      log(`blockwise: incremental update of ${uri} failed (${(err as Error).message}); reparsing`);
      const text = applyChanges(e.lines.text, changes);
      e.doc.dispose();
      e.doc = new ParsedDocument(uri, e.languageId, text, version);
      e.lines = e.doc.lines;
    }
  } else {
    e.lines = new LineIndex(applyChanges(e.lines.text, changes));
  }
  e.version = version;
  e.generation++;
  // An analysis of the old text still running is stale now: stopped if it has run a while.
  pool?.supersede(uri);
  void settingsFor(uri).then((s) => schedule(e, delayFor(s)));
}

function applyChanges(text: string, changes: ContentChange[]): string {
  let lines = new LineIndex(text);
  for (const c of changes) {
    if (!c.range) text = c.text;
    else text = text.slice(0, lines.offsetAt(c.range.start)) + c.text + text.slice(lines.offsetAt(c.range.end));
    lines = new LineIndex(text);
  }
  return text;
}

export function close(uri: string): void {
  const e = entries.get(uri);
  if (!e) return;
  pool?.forget(uri);
  if (e.timer) clearTimeout(e.timer);
  e.doc?.dispose();
  entries.delete(uri);
}

export function schedule(e: Entry, delay: number): void {
  if (e.timer) clearTimeout(e.timer);
  const gen = e.generation;
  e.timer = setTimeout(() => {
    e.timer = undefined;
    void publish(e, gen);
  }, delay);
}

async function publish(e: Entry, gen: number): Promise<void> {
  if (shuttingDown || entries.get(e.uri) !== e || e.generation !== gen) return;
  const settings = await settingsFor(e.uri);
  if (entries.get(e.uri) !== e || e.generation !== gen) return;
  const options = optionsFrom(settings, e.languageId, e.uri);
  if (repoConfigFor(e.uri, e.languageId, log, warnUser)?.ignored) {
    connection.sendDiagnostics({ uri: e.uri, version: e.version, diagnostics: [] });
    return;
  }
  let findings: Finding[];
  if (e.killed?.version === e.version) findings = [killedFinding(e, e.killed.message)];
  else if (pool && !pool.broken && e.doc && !missingGrammar(e.languageId)) {
    const version = e.version;
    const outcome = await pool.submit({ task: 'analyze', uri: e.uri, languageId: e.languageId, version, text: e.doc.text, options });
    if (shuttingDown || entries.get(e.uri) !== e || e.generation !== gen) return;
    const got = fromOutcome(e, outcome);
    if (got === undefined) return;
    findings = got ?? findingsOf(e, options);
  } else {
    findings = findingsOf(e, options);
  }
  connection.sendDiagnostics({ uri: e.uri, version: e.version, diagnostics: findings.map((f) => toDiagnostic(e.uri, f)) });
}

/** What a worker's outcome publishes: findings, null to analyse here instead, undefined for nothing. */
function fromOutcome(e: Entry, o: Outcome): Finding[] | null | undefined {
  const top = e.lines.lineRange(0);
  switch (o.kind) {
    case 'done':
      return o.value as Finding[];
    case 'superseded':
      return undefined;
    case 'unavailable':
      return null;
    case 'over-budget':
      return [
        {
          code: 'analysis-budget',
          severity: 'warning',
          range: top,
          message: `Blockwise stopped analysing this file after ${(o.budgetMs / 1000).toFixed(1)} s, the time budget for a file of its size, so nothing in it was checked. Other files are not affected. A real ${e.languageId} file of this size takes a fraction of that; check that the file is what its language says.`,
        },
      ];
    case 'failed':
      log(`blockwise: analysis of ${e.uri} failed: ${o.message}`);
      if (o.died) {
        e.killed = { version: e.version, message: o.message };
        return [killedFinding(e, o.message)];
      }
      return [
        {
          code: 'internal-error',
          severity: 'error',
          range: top,
          message: `Blockwise could not analyse this file (${o.message}). Other files are not affected; please report this with the file.`,
        },
      ];
  }
}

/**
 * The one finding of a version whose analysis worker died (its heap limit, a crash), whatever the
 * task was: the server goes on, and no other job runs on this version, so it cannot kill another.
 */
function killedFinding(e: Entry, message: string): Finding {
  return {
    code: 'internal-error',
    severity: 'error',
    range: e.lines.lineRange(0),
    message: `Blockwise stopped working on this file: its analysis worker ended (${message}). Nothing more is computed for this version; an edit tries again. Other files are not affected; please report this with the file.`,
  };
}

/** A worker died on a job for this version (not diagnostics): say so once, in its diagnostics. */
export function workerDied(e: Entry, message: string): void {
  if (entries.get(e.uri) !== e || e.killed?.version === e.version) return;
  e.killed = { version: e.version, message };
  e.generation++;
  schedule(e, 0);
}

function findingsOf(e: Entry, options: AnalysisOptions): Finding[] {
  const missing = missingGrammar(e.languageId);
  if (missing || !e.doc) {
    return [
      {
        code: 'grammar-missing',
        severity: 'error',
        range: e.lines.lineRange(0),
        message: `Blockwise cannot check this ${e.languageId} file: ${missing ?? 'the parser failed'}.`,
      },
    ];
  }
  const doc = e.doc;
  return guard('analysis', [], () => capFindings(analyzeDocument(doc, options), undefined, options.severities));
}

/** The parsed document behind a request, after pending notifications; undefined when not ours. */
export async function docFor(uri: string): Promise<{ e: Entry; doc: ParsedDocument } | undefined> {
  await queue;
  const e = entries.get(uri);
  if (!e?.doc) return undefined;
  return { e, doc: e.doc };
}

/**
 * Requests on big documents are answered by an analysis worker (the one that has the document
 * parsed): a first parse and walk of such a file here would hold up every other document's
 * requests (a 20,000-deep nesting is 120 KB; the first hover on 10 MB of metadata took 1.7 s).
 * Outline, folding and colours move above 64 KB; hover, completion, definition, references, the
 * release and pictures above 256 KB. `undefined`: answer here; `{ value: undefined }`: no answer
 * (stopped, failed).
 */
export async function inWorker<T>(
  d: { e: Entry; doc: ParsedDocument },
  task: Exclude<Task, 'analyze'>,
  options: AnalysisOptions,
  at?: { position?: Position; includeDeclaration?: boolean; range?: Range },
): Promise<{ value: T | undefined } | undefined> {
  const min = isBackground(task) ? OFFLOAD_CHARS : INTERACTIVE_OFFLOAD_CHARS;
  if (!pool || pool.broken || d.doc.text.length <= min) return undefined;
  if (d.e.killed?.version === d.e.version) return { value: undefined };
  const version = d.e.version;
  const o = await pool.submit({ task, uri: d.e.uri, languageId: d.doc.languageId, version, text: d.doc.text, options, ...at });
  if (o.kind === 'unavailable') return undefined;
  if (o.kind === 'failed') log(`blockwise: ${task} on ${d.e.uri} failed: ${o.message}`);
  if (o.kind === 'failed' && o.died && d.e.version === version) workerDied(d.e, o.message);
  return { value: o.kind === 'done' ? (o.value as T) : undefined };
}

/** `shutdown`: every document closed, the workers stopped; nothing is published after. */
export function shutdown(): void {
  shuttingDown = true;
  for (const uri of [...entries.keys()]) close(uri);
  pool?.dispose();
}
