// `blockwise` command line: the same analysis as the language server, for CI gates.
//   blockwise check [--format text|json|sarif|github|codeclimate] [--target T] [--language L] [--severity CODE=LEVEL]... PATH...
// Repository settings come from .blockwise.yaml (config/repoconfig.ts); flags win over it.
// Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or I/O error.
import { writeSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { analyzeDocument, releaseOf } from './analyze';
import { includeReaderFor } from './include-reader';
import { ParsedDocument } from './core/document';
import { localHostOption } from './lvmconf/local-host';
import { allRules, ruleDoc, defineRules } from './core/rules';
import { decodeUtf8, LineIndex } from './core/text';
import type { Finding, LanguageId, Severity } from './core/types';
import { LANGUAGE_IDS } from './core/types';
import { detectLanguage } from './languages';
import { loadAll, loadLanguage, preferNativeRuntime } from './syntax/treesitter';
import { grammarsFor } from './core/document';
import { readHead } from './backups/header';
import { collect, namedLanguage } from './checkfiles';
import { maskExcerpts } from './core/excerpt';
import { fileDone } from './syntax/native-memory';
import type { FileResult, ReportFile } from './report/types';
import { CHECK_USAGE, MAP_USAGE, RULES_USAGE, wantsHelp } from './cli-usage';
import { acceptsTarget, newConfigStore, targetProblem as releaseProblem } from './config/node';
import { configFor } from './config/repoconfig';

export type { FileResult } from './report/types';
import { sanitizeText } from './core/sanitize';
import { MAX_INPUT_BYTES, readRegularFile, readStdinBounded, ReadRefused } from './core/bounded-read';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * Output goes straight to file descriptors 1 and 2 with blocking writes. `process.stdout` would load
 * Node's stream machinery (about 10 ms of a one-file run) and, on a pipe, write asynchronously, so
 * the process could not exit as soon as the run is over. A closed reader (`| head`) ends the output
 * quietly; a descriptor left non-blocking by the parent is waited on.
 */
const closed = new Set<number>();
export function writeFd(fd: number, text: string): void {
  if (closed.has(fd) || text === '') return;
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      throw e;
    }
  }
}

const defaultIo: Io = {
  stdout: (s) => writeFd(1, s),
  stderr: (s) => writeFd(2, s),
};

defineRules([
  {
    code: 'invalid-utf8',
    languages: [...LANGUAGE_IDS],
    severity: 'warning',
    title: 'The file is not valid UTF-8',
    why: 'Anaconda reads kickstarts as UTF-8 and refuses bytes it cannot decode; lvm2 copies bytes as they are, so names with such bytes are hard to type and to match in filters.',
    fix: 'Re-save the file as UTF-8, or remove the stray bytes at the reported position.',
  },
  {
    code: 'binary-content',
    languages: [...LANGUAGE_IDS],
    severity: 'error',
    title: 'The file contains NUL bytes',
    why: 'A NUL byte means the file is binary or damaged (a truncated copy, a disk image fragment); lvm2 stops reading at it and Anaconda rejects it.',
    fix: 'Restore the file from a good copy; check how it was transferred.',
  },
  {
    code: 'internal-error',
    languages: [...LANGUAGE_IDS],
    severity: 'error',
    title: 'Blockwise failed while analysing the file',
    why: 'An analysis bug; the file may be fine. The rest of the files are still checked.',
    fix: 'Report the file (or a reduced copy) to the Blockwise developers.',
  },

]);

const MAX_BYTES = MAX_INPUT_BYTES;

const FORMATS = ['text', 'json', 'sarif', 'github', 'codeclimate'] as const;

interface CheckOptions {
  format: (typeof FORMATS)[number];
  stdinFilename?: string;
  /** False with --no-config: .blockwise.yaml is not read. */
  config: boolean;
  help?: boolean;
  target?: string;
  language?: LanguageId;
  severities: Record<string, Severity | 'off'>;
  /** Lowest severity that makes the exit code 1 (CI gates that also stop on warnings). */
  failOn: Severity;
  paths: string[];
}

class UsageError extends Error {}

function parseCheckArgs(argv: string[]): CheckOptions {
  const o: CheckOptions = { format: 'text', severities: {}, failOn: 'error', paths: [], config: true };
  if (wantsHelp(argv)) return { ...o, help: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be text, json, sarif, github or codeclimate, not ${JSON.stringify(v)}`);
        o.format = v as CheckOptions['format'];
        break;
      }
      case '--stdin-filename': {
        const v = value();
        if (!v || v.includes('\0')) throw new UsageError('--stdin-filename needs a file name');
        o.stdinFilename = v;
        break;
      }
      case '--no-config':
        if (inline !== undefined) throw new UsageError('--no-config takes no value');
        o.config = false;
        break;
      case '--target': {
        const v = value();
        const problem = targetProblem(v);
        if (problem) throw new UsageError(problem);
        o.target = v;
        break;
      }
      case '--language': {
        const v = value();
        if (!(LANGUAGE_IDS as readonly string[]).includes(v)) throw new UsageError(`--language must be one of ${LANGUAGE_IDS.join(', ')}`);
        o.language = v as LanguageId;
        break;
      }
      case '--severity': {
        const v = value();
        const m = /^([a-z0-9-]+)=(off|info|warning|error|hint)$/.exec(v);
        if (!m) throw new UsageError(`--severity takes CODE=off|info|warning|error, not ${JSON.stringify(v)}`);
        if (!ruleDoc(m[1])) throw new UsageError(`--severity ${m[1]}: no rule has this code; valid codes: ${allRules().map((r) => r.code).join(', ')}`);
        o.severities[m[1]] = m[2] as Severity | 'off';
        break;
      }
      case '--fail-on': {
        const v = value();
        if (v !== 'error' && v !== 'warning' && v !== 'info') throw new UsageError(`--fail-on must be error, warning or info, not ${JSON.stringify(v)}`);
        o.failOn = v;
        break;
      }
      case '--':
        o.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (!o.paths.length) throw new UsageError('check needs at least one file or folder (or - for standard input)');
  return o;
}

/** Why a --target value names no release any language knows (undefined when one does). */
function targetProblem(t: string): string | undefined {
  const p = releaseProblem(t);
  return p && `--target ${p}`;
}

/** Read and analyse one file. Undefined: not one of our languages (folder walk only). */
export function checkFile(
  path: string,
  bytes: Uint8Array,
  opts: { language?: LanguageId; target?: string; targetFrom?: string; severities?: Record<string, Severity | 'off'> },
): FileResult | undefined {
  const { text, invalidAt } = decodeUtf8(bytes);
  const language = opts.language ?? detectLanguage(path, text.slice(0, 8192));
  if (!language) return undefined;
  const pre: Finding[] = [];
  const lines = new LineIndex(text);
  if (invalidAt !== undefined) {
    // The byte offset of the bad sequence -> the position of its replacement character.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, invalidAt));
    const pos = lines.positionAt(before.length);
    pre.push({
      code: 'invalid-utf8',
      severity: 'warning',
      range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
      message: `The file is not valid UTF-8: the byte at offset ${invalidAt} (0x${bytes[invalidAt]?.toString(16).padStart(2, '0')}) does not start a valid character.`,
    });
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const pos = lines.positionAt(nul);
    pre.push({
      code: 'binary-content',
      severity: 'error',
      range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
      message: 'The file contains a NUL byte here: it is binary or damaged, not a text file lvm2 or Anaconda would read.',
    });
  }
  const sev = opts.severities ?? {};
  // A damaged file (a NUL byte) is one mistake: what the analysis would read out of the damage is
  // no finding of its own (lvm2 stops reading at the NUL, Anaconda refuses the file).
  const damaged = pre.find((f) => f.code === 'binary-content');
  if (damaged && sev['binary-content'] !== 'off') return { path, language, findings: [sev['binary-content'] ? { ...damaged, severity: sev['binary-content'] as Severity } : damaged] };
  const doc = new ParsedDocument(path, language, text);
  try {
    // An lvm.conf in this machine's /etc/lvm is read by this machine's lvm2 (`lvm version`, once).
    const host = localHostOption(path, language);
    const findings = analyzeDocument(doc, { target: opts.target, targetFrom: opts.targetFrom, severities: opts.severities, ...host, ...(path && path !== '-' ? { readInclude: includeReaderFor(path) } : {}) });
    const extra = pre.filter((f) => sev[f.code] !== 'off').map((f) => (sev[f.code] ? { ...f, severity: sev[f.code] as Severity } : f));
    const choice = releaseOf(doc, { target: opts.target, targetFrom: opts.targetFrom, ...host });
    return { path, language, findings: [...extra, ...findings], ...(choice ? { target: { release: choice.release, reason: choice.reason } } : {}) };
  } finally {
    doc.dispose();
  }
}

const STDIN = '<stdin>';

export async function runCheck(argv: string[], io: Io = defaultIo): Promise<number> {
  let opts: CheckOptions;
  try {
    opts = parseCheckArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`blockwise check: ${e.message}\n${CHECK_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    io.stdout(CHECK_USAGE);
    return 0;
  }
  if (opts.stdinFilename !== undefined && !opts.paths.includes('-')) {
    io.stderr(`blockwise check: --stdin-filename names standard input, which is read only with -\n${CHECK_USAGE}`);
    return 2;
  }
  // What goes to stderr is also kept for SARIF's invocation notifications.
  const notes: string[] = [];
  const say = (m: string) => {
    notes.push(m);
    io.stderr(`blockwise: ${sanitizeText(m)}\n`);
  };
  const stdinCount = opts.paths.filter((p) => p === '-').length;
  if (stdinCount > 1) {
    io.stderr(`blockwise check: - (standard input) can be given once\n${USAGE}`);
    return 2;
  }
  const { files, skipped, ioErrors, languages } = collect(
    opts.paths.filter((p) => p !== '-'),
    say,
    (p) => readHead(p, 8192),
  );
  let errors = ioErrors;
  const results: ReportFile[] = [];
  const configs = opts.config ? newConfigStore() : undefined;
  const badConfigs = new Set<string>();
  // SARIF and Code Quality fingerprint the lines of findings: the text of files with findings is kept.
  const keepText = opts.format === 'sarif' || opts.format === 'codeclimate';
  const inputs: { path: string; explicit: boolean; read: () => Buffer; language?: LanguageId; stdin?: boolean }[] = [];
  if (stdinCount) inputs.push({ path: opts.stdinFilename ?? STDIN, explicit: true, read: () => readStdinBounded(MAX_BYTES), stdin: true });
  let ignored = 0;
  for (const f of files) inputs.push({ ...f, language: languages.get(f.path), read: () => readRegularFile(f.bytes ?? f.path, MAX_BYTES) });
  for (const f of inputs) {
    let bytes: Buffer;
    try {
      bytes = f.read();
    } catch (e) {
      say(e instanceof ReadRefused ? (e.kind === 'io' ? `cannot read ${f.path}: ${e.message}` : `${f.path}: skipped, ${e.message}`) : `cannot read ${f.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      errors++;
      continue;
    }
    // Load only the grammars the files need: a one-file run in CI should not compile them all.
    const unnamed = f.stdin === true && opts.stdinFilename === undefined;
    const language = opts.language ?? f.language ?? namedLanguage(unnamed ? '' : f.path, new TextDecoder().decode(bytes.subarray(0, 8192)));
    if (!language) {
      say(`${f.path}: cannot tell the language (lvm.conf, LVM metadata or kickstart), use --language`);
      errors++;
      continue;
    }
    // .blockwise.yaml of the file's folder or the nearest parent: flags win over it.
    const cfg = unnamed ? undefined : configs?.forFile(resolve(f.path));
    if (cfg?.problems.length && !badConfigs.has(cfg.file)) {
      badConfigs.add(cfg.file);
      for (const p of cfg.problems) say(`${p.file}:${p.line}:${p.column}: ${p.message}`);
      errors++;
    }
    const applied = configFor(cfg, resolve(f.path), acceptsTarget(language));
    if (applied.ignored) {
      ignored++;
      continue;
    }
    for (const g of grammarsFor(language, bytes)) await loadLanguage(g);
    // --target wins for the languages that take it; the others keep the file's per-path target.
    const fromFlag = opts.target !== undefined && acceptsTarget(language)(opts.target);
    const target = fromFlag ? opts.target : (applied.target ?? opts.target);
    const targetFrom = !fromFlag && applied.target !== undefined && cfg ? `${relative(process.cwd(), cfg.file) || cfg.file} (targets)` : '--target';
    const r = checkFile(f.path, bytes, { language, target, targetFrom, severities: { ...applied.severities, ...opts.severities } });
    // A file found by a walk was not chosen by the admin: its findings quote no long token of it.
    const kept = r && (f.explicit ? r : maskExcerpts(r));
    if (kept) results.push({ ...kept, ...(keepText && kept.findings.length ? { text: decodeUtf8(bytes).text } : {}), ...(unnamed ? { unnamed: true } : {}) });
    await fileDone();
  }
  const total = files.length + stdinCount;
  if (!total && !ioErrors) say(skipped ? `no LVM config, LVM metadata or kickstart files found (${skipped} other file${skipped === 1 ? '' : 's'} skipped)` : 'no files found');
  switch (opts.format) {
    case 'json':
      writeJsonArray(toJson(results) as unknown[], io.stdout);
      break;
    case 'sarif':
    case 'github':
    case 'codeclimate':
      // The CI formats are loaded when asked for (a text check does not compile them).
      io.stdout(await (await import('./report/index.js')).writeReport(opts.format, results, { version: VERSION, executionSuccessful: errors === 0, notes }));
      break;
    default:
      io.stdout(toText(results, skipped, ignored));
  }
  if (errors) return 2;
  const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
  return results.some((r) => r.findings.some((f) => rank[f.severity] >= rank[opts.failOn])) ? 1 : 0;
}

/**
 * `JSON.stringify(items, null, 2)` and a newline, byte for byte, written in pieces of about 1 MB:
 * 100,000 files' results never become one string (and one buffer) of their own.
 */
function writeJsonArray(items: unknown[], write: (s: string) => void): void {
  if (!items.length) return write('[]\n');
  let chunk = '[\n';
  for (let i = 0; i < items.length; i++) {
    // Stringified inside a one-element array, the item comes out indented as the array's member.
    chunk += `${i ? ',\n' : ''}${JSON.stringify([items[i]], null, 2).slice(2, -2)}`;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = '';
    }
  }
  write(`${chunk}\n]\n`);
}

export function toJson(results: FileResult[]): unknown {
  return results.map((r) => ({
    path: r.path,
    language: r.language,
    ...(r.target ? { target: r.target } : {}),
    diagnostics: r.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  }));
}

function toText(results: FileResult[], skipped = 0, ignored = 0): string {
  let out = '';
  const count: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    // Text output is for terminals and CI logs: names and messages from input are sanitised.
    const path = sanitizeText(r.path);
    if (r.target) out += `${path}: checked as ${r.language === 'kickstart' ? '' : 'lvm2 '}${sanitizeText(r.target.release)}, ${sanitizeText(r.target.reason)}\n`;
    for (const f of r.findings) {
      count[f.severity]++;
      out += `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} [${f.code}] ${sanitizeText(f.message)}\n`;
    }
  }
  const n = results.length;
  out += `${n} file${n === 1 ? '' : 's'} checked: ${count.error} error${count.error === 1 ? '' : 's'}, ${count.warning} warning${count.warning === 1 ? '' : 's'}, ${count.info + count.hint} info${skipped ? `; ${skipped} other file${skipped === 1 ? '' : 's'} skipped (not LVM config, LVM metadata or kickstart)` : ''}${ignored ? `; ${ignored} ignored by .blockwise.yaml` : ''}\n`;
  return out;
}

const VERSION = '0.1.0';

const USAGE = `usage:
  blockwise check [--format text|json|sarif|github|codeclimate] [--target T] [--language lvm-conf|lvm-metadata|kickstart]
                  [--severity CODE=off|info|warning|error]... [--fail-on error|warning|info]
                  [--stdin-filename NAME] [--no-config] PATH...|-
                  folders: only LVM config, LVM metadata and kickstart files are checked; - reads stdin;
                  .blockwise.yaml (severity, ignore, targets) applies; flags win over it
                  links leaving a folder are skipped (listed on stderr); unreadable files are listed, exit 2
  blockwise backups [--format text|json] DIR...        per-VG timeline of DIR/backup and DIR/archive (e.g. /etc/lvm)
  blockwise backups diff A B                          what changed between two metadata versions
  blockwise backups restore [--vg VG] FILE            restore plan for review (never run): lvm2-checked commands
  blockwise hosts [--format text|json] [--ssh-option KEY=VALUE]... HOST...
  blockwise hosts --inventory FILE [--ansible-inventory] [PATTERN...] | --print-command | --from PATH...
                                                      read-only LVM health report over SSH
  blockwise map [--format svg|json|text] [--language L] [--target T] FILE|-
                                                      extent map of LVM metadata, storage plan of a kickstart
  blockwise rules [--format text|json]
  blockwise lsp [--stdio]                             the language server for any LSP editor (docs/editors.md)
exit codes: 0 no errors, 1 error findings (or warnings with --fail-on warning), 2 usage or I/O error
parser: the native tree-sitter binding when it loads, else web-tree-sitter (wasm); same results.
        BLOCKWISE_PARSER=wasm|native forces one (native: exit 2 when it does not load)
`;

/** Commands that parse files, besides `check` (runCheckCommand chooses its runtime itself). */
const PARSING_COMMANDS = new Set(['backups', 'map', 'rules', 'hosts']);

function runRules(argv: string[], io: Io): number {
  let format = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format') format = argv[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else {
      io.stderr(`blockwise rules: unexpected ${JSON.stringify(a)}\n${RULES_USAGE}`);
      return 2;
    }
    if (format !== 'text' && format !== 'json') {
      io.stderr(`blockwise rules: --format must be text or json, not ${JSON.stringify(format)}\n`);
      return 2;
    }
  }
  const rules = allRules();
  if (format === 'json') io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
  else for (const r of rules) io.stdout(`${r.code} (${r.severity}; ${r.languages.length ? r.languages.join(', ') : r.appliesTo ?? 'no file language'}): ${r.title}\n`);
  return 0;
}

/** `blockwise check ARGS` as the process runs it: native parser when it loads, errors as exit 2. */
export async function runCheckCommand(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    if (io === defaultIo) preferNativeRuntime();
    return await runCheck(argv, io);
  } catch (e) {
    io.stderr(`blockwise: ${(e as Error).message}\n`);
    return 2;
  }
}

// The subcommands other than `check` are imported when run: a bundled module reached only through
// import() is initialised on first use, so `check` does not load the fleet code, its YAML reader,
// child_process or crypto (start-up time: bin/blockwise.js).
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    // The process entry (bin/blockwise.js passes no io) parses with the native tree-sitter binding
    // when it loads; in-process callers (tests) keep the runtime they chose (BLOCKWISE_PARSER).
    if (io === defaultIo && cmd && PARSING_COMMANDS.has(cmd)) preferNativeRuntime();
    switch (cmd) {
      case 'check':
        return await runCheckCommand(rest, io);
      case 'backups':
        return await (await import('./backups/cli.js')).runBackupsCommand(rest, io);
      case 'hosts':
        return await (await import('./remote/cli.js')).runHostsCommand(rest, io, { stderrIsTty: process.stderr.isTTY === true });
      case 'map':
        if (wantsHelp(rest)) {
          io.stdout(MAP_USAGE);
          return 0;
        }
        return await (await import('./map/cli.js')).runMapCommand(rest, io, USAGE);
      case 'rules':
        if (wantsHelp(rest)) {
          io.stdout(RULES_USAGE);
          return 0;
        }
        await loadAll();
        await import('./remote/health.js'); // its rules are listed too
        return runRules(rest, io);
      case 'lsp':
        // bin/blockwise.js starts the server bundle before this one is loaded (bin/lsp.js).
        io.stderr('blockwise: the language server starts from the launcher: blockwise lsp --stdio, or blockwise-language-server\n');
        return 2;
      case '--version':
      case 'version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        (cmd === undefined ? io.stderr : io.stdout)(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        io.stderr(`blockwise: unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    io.stderr(`blockwise: ${(e as Error).message}\n`);
    return 2;
  }
}
