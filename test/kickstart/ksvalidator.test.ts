// Agreement with the real validator. test/fixtures/kickstart/corpus/verdicts.json holds what
// pykickstart's ksvalidator (r3.74) said about every corpus file for every target (recorded by
// scripts/ksvalidator-verdicts.mjs). For each file and target:
//   (a) every error ksvalidator reports with a line number, Blockwise reports on that line with a
//       syntax/version-class code (any severity);
//   (b) on a file ksvalidator accepts, Blockwise reports no error-severity syntax/version finding.
// ksvalidator ignores `#version=` lines and takes the target from -v; so the test blanks the
// `#version=` line (keeping line numbers) and passes the target as the setting.
// BLOCKWISE_KSVALIDATOR=1 also re-runs the real ksvalidator and checks the recorded verdicts are current.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../server/src/core/types';
import { loadAll, wasmDir } from '../../server/src/syntax/treesitter';

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'test/fixtures/kickstart/corpus');

interface Verdict {
  valid: boolean;
  rc: number;
  errors: { line: number | null; message: string }[];
}
interface Verdicts {
  tool: { tag: string; commit: string };
  targets: string[];
  files: Record<string, Record<string, Verdict>>;
}
const verdicts = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as Verdicts;

/** The codes of the syntax and version rule family (issue 6). */
export const SYNTAX_CODES = new Set([
  'unterminated-quote', 'missing-end', 'stray-end', 'unknown-section', 'unknown-command', 'unknown-option',
  'unexpected-argument', 'line-continuation', 'invalid-int', 'invalid-value', 'missing-required-option', 'option-conflict',
  'conflicting-commands', 'removed-option', 'removed-command', 'deprecated-command', 'deprecated-option', 'deprecated-section', 'removed-section',
  'version-unsupported', 'abbreviated-option', 'crlf-line-endings', 'ambiguous-option', 'unsupported-fstype', 'duplicate-definition',
]);

/** Corpus target -> Blockwise target setting. */
const TARGET: Record<string, string> = { RHEL8: 'rhel8', RHEL9: 'rhel9', RHEL10: 'rhel10', F45: 'f45' };

test('the corpus has at least 40 kickstarts and a verdict for each, for every target', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ks')).sort();
  assert.ok(files.length >= 40, `${files.length} files`);
  assert.deepEqual(Object.keys(verdicts.files).sort(), files);
  for (const f of files) for (const t of verdicts.targets) assert.ok(verdicts.files[f][t], `${f} ${t}`);
  // Both kinds are represented, for every target.
  for (const t of verdicts.targets) {
    const v = files.map((f) => verdicts.files[f][t].valid);
    assert.ok(v.filter(Boolean).length >= 10 && v.filter((x) => !x).length >= 10, t);
  }
});

let ready: string | undefined;
let analyzeText: ((uri: string, lang: 'kickstart', text: string, o: object) => Finding[]) | undefined;

before(async () => {
  if (!existsSync(join(wasmDir(), 'tree-sitter-kickstart.wasm'))) {
    ready = 'the kickstart grammar (tree-sitter-kickstart.wasm) is not built';
    return;
  }
  try {
    await loadAll();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    analyzeText = require('../../server/src/analyze').analyzeText;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../server/src/kickstart/model');
  } catch (e) {
    ready = `the kickstart analysis is not available (${(e as Error).message.split('\n')[0]})`;
  }
});

function blankVersionLine(text: string): string {
  return text.replace(/^#version=.*$/m, (m) => `#${' '.repeat(m.length - 1)}`);
}

export interface Disagreement {
  file: string;
  target: string;
  kind: 'missed' | 'false-error';
  line: number;
  detail: string;
}

export function compare(file: string, target: string, findings: Finding[], v: Verdict): Disagreement[] {
  const out: Disagreement[] = [];
  const syntax = findings.filter((f) => SYNTAX_CODES.has(f.code));
  for (const e of v.errors) {
    if (e.line === null) continue;
    const l = e.line - 1;
    const hit = syntax.some((f) => f.range.start.line <= l && l <= f.range.end.line);
    if (!hit) out.push({ file, target, kind: 'missed', line: e.line, detail: `ksvalidator: ${e.message}` });
  }
  if (v.valid) {
    for (const f of syntax.filter((x) => x.severity === 'error')) {
      out.push({ file, target, kind: 'false-error', line: f.range.start.line + 1, detail: `${f.code}: ${f.message}` });
    }
  }
  return out;
}

for (const target of verdicts.targets) {
  test(`Blockwise agrees with ksvalidator on the corpus for ${target}`, (t) => {
    if (ready) {
      t.skip(`skipped: ${ready}`);
      return;
    }
    const all: Disagreement[] = [];
    let errorsWithLine = 0;
    for (const [file, per] of Object.entries(verdicts.files)) {
      const text = blankVersionLine(readFileSync(join(dir, file), 'utf8'));
      const findings = analyzeText!(`file:///${file}`, 'kickstart', text, { target: TARGET[target] });
      errorsWithLine += per[target].errors.filter((e) => e.line !== null).length;
      all.push(...compare(file, target, findings, per[target]));
    }
    t.diagnostic(`${target}: ${errorsWithLine} ksvalidator errors with a line, ${all.filter((d) => d.kind === 'missed').length} missed; ${all.filter((d) => d.kind === 'false-error').length} false errors on accepted files`);
    assert.deepEqual(
      all.map((d) => `${d.file}:${d.line} [${d.kind}] ${d.detail}`),
      [],
    );
  });
}

test('the comparison itself: a missed line and a false error are both caught', () => {
  const f = (code: string, line: number, severity: Finding['severity'] = 'error'): Finding => ({
    code,
    severity,
    message: '',
    range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 3 } },
  });
  const v: Verdict = { valid: false, rc: 2, errors: [{ line: 8, message: 'x' }, { line: null, message: 'y' }, { line: 9, message: 'z' }] };
  assert.deepEqual(compare('a', 'RHEL9', [f('unknown-option', 8), f('unguarded-clearpart', 9)], v).map((d) => `${d.kind}@${d.line}`), ['missed@9']);
  const ok: Verdict = { valid: true, rc: 0, errors: [] };
  assert.deepEqual(compare('a', 'RHEL9', [f('unknown-option', 3), f('abbreviated-option', 4, 'info'), f('unguarded-clearpart', 5)], ok).map((d) => `${d.kind}@${d.line}`), ['false-error@3']);
});

/** Where scripts/ksvalidator-verdicts.mjs keeps (or finds) pykickstart; undefined when it is not here. */
function pykickstartHere(): string | undefined {
  if (process.env.PYKICKSTART_DIR) return existsSync(process.env.PYKICKSTART_DIR) ? process.env.PYKICKSTART_DIR : undefined;
  const tools = join(root, '.tools');
  if (!existsSync(tools)) return undefined;
  const d = readdirSync(tools).find((n) => n.startsWith('pykickstart-') && existsSync(join(tools, n, '.blockwise-commit')));
  return d ? join(tools, d) : undefined;
}

// Runs whenever pykickstart has been fetched (.tools/, or PYKICKSTART_DIR) and python3 exists:
// nothing is downloaded here. BLOCKWISE_KSVALIDATOR=1 forces it (the script then fetches
// pykickstart); BLOCKWISE_KSVALIDATOR=0 turns it off.
test('recorded verdicts are what ksvalidator says today', { timeout: 600_000 }, (t) => {
  const env = process.env.BLOCKWISE_KSVALIDATOR;
  const python = spawnSync(process.env.PYTHON ?? 'python3', ['--version'], { encoding: 'utf8' }).status === 0;
  if (env === '0' || (env !== '1' && !(pykickstartHere() && python))) {
    t.skip(env === '0' ? 'skipped: BLOCKWISE_KSVALIDATOR=0' : 'skipped: pykickstart is not fetched into .tools/ (or python3 is missing); BLOCKWISE_KSVALIDATOR=1 fetches it');
    return;
  }
  const r = spawnSync(process.execPath, [join(root, 'scripts/ksvalidator-verdicts.mjs'), '--check'], { encoding: 'utf8', timeout: 600_000 });
  t.diagnostic((r.stdout || '').trim().split('\n').pop() ?? '');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
