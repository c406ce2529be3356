// Real kickstarts from public repositories (test/fixtures/kickstart/real/<RELEASE>/, sources in
// its README) against what pykickstart's ksvalidator says at the release each was written for
// (verdicts.json, recorded by scripts/ksvalidator-real.mjs). Two checks per file:
//   1. as Blockwise reads it on its own (release from the setting, #version=, evidence or the
//      default): no error that ksvalidator at the file's release does not also give on that line;
//   2. checked as its release explicitly (--target): every syntax/version finding (error or
//      warning) is on a line ksvalidator names.
// The counts are printed as diagnostics (findings, and those wrong for the file's release).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../server/src/core/types';
import { analyzeText } from '../../server/src/analyze';
import { ParsedDocument } from '../../server/src/core/document';
import { buildModel } from '../../server/src/kickstart/model';
import { loadAll } from '../../server/src/syntax/treesitter';
import { confirmedBy } from './verdict-match';

/** The syntax and version rule family (as in ksvalidator.test.ts, which would run its own tests if imported). */
const SYNTAX_CODES = new Set([
  'unterminated-quote', 'missing-end', 'stray-end', 'unknown-section', 'unknown-command', 'unknown-option',
  'unexpected-argument', 'line-continuation', 'invalid-int', 'invalid-value', 'missing-required-option', 'option-conflict',
  'conflicting-commands', 'removed-option', 'removed-command', 'deprecated-command', 'deprecated-option', 'deprecated-section', 'removed-section',
  'version-unsupported', 'abbreviated-option', 'ambiguous-option', 'unsupported-fstype', 'duplicate-definition',
]);
// Not crlf-line-endings: ksvalidator never names line endings (pykickstart's shlex takes the \r of
// a command line as a blank), while the script bodies keep it, which is what that warning is about.

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'test/fixtures/kickstart/real');

interface Verdict {
  release: string;
  valid: boolean;
  errors: { line: number | null; message: string }[];
}
const verdicts = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as { files: Record<string, Verdict> };

const files: string[] = [];
for (const rel of readdirSync(dir).filter((d) => /^(RHEL|F)\d+$/.test(d)).sort()) for (const f of readdirSync(join(dir, rel)).sort()) files.push(`${rel}/${f}`);

before(async () => {
  await loadAll();
});

function unconfirmed(file: string, findings: Finding[], keep: (f: Finding) => boolean): string[] {
  const v = verdicts.files[file];
  return findings
    .filter(keep)
    .filter((f) => !confirmedBy(f, v.errors))
    .map((f) => `${file}:${f.range.start.line + 1} ${f.code} (${f.severity}): ${f.message}`);
}

test('the real corpus: at least 100 kickstarts over RHEL 6 to 10 and Fedora, each with its ksvalidator verdict', () => {
  assert.ok(files.length >= 100, `${files.length} files`);
  assert.deepEqual(Object.keys(verdicts.files).sort(), [...files].sort());
  for (const rel of ['RHEL6', 'RHEL7', 'RHEL8', 'RHEL9', 'RHEL10']) assert.ok(files.filter((f) => f.startsWith(`${rel}/`)).length >= 5, rel);
  for (const f of files) assert.equal(verdicts.files[f].release, f.split('/')[0]);
});

test('as Blockwise reads each file on its own: no error ksvalidator at the file\'s release does not give', (t) => {
  let total = 0;
  const wrong: string[] = [];
  const wrongErrors: string[] = [];
  for (const file of files) {
    const fs = analyzeText(`file:///${file}`, 'kickstart', readFileSync(join(dir, file), 'utf8'), {});
    total += fs.length;
    wrongErrors.push(...unconfirmed(file, fs, (f) => f.severity === 'error'));
    wrong.push(...unconfirmed(file, fs, (f) => SYNTAX_CODES.has(f.code) && f.severity !== 'info'));
  }
  t.diagnostic(`${files.length} files, ${total} findings; syntax/version findings wrong for the file's release: ${wrong.length}; errors ksvalidator does not give: ${wrongErrors.length}`);
  assert.deepEqual(wrongErrors, []);
  assert.ok(wrong.length / Math.max(1, total) < 0.02, wrong.join('\n'));
});

test('checked as its own release (--target): every syntax/version finding is on a line ksvalidator names, and no ksvalidator error is missed', () => {
  const wrong: string[] = [];
  const missed: string[] = [];
  for (const file of files) {
    const target = file.split('/')[0].toLowerCase();
    const fs = analyzeText(`file:///${file}`, 'kickstart', readFileSync(join(dir, file), 'utf8'), { target });
    wrong.push(...unconfirmed(file, fs, (f) => SYNTAX_CODES.has(f.code) && f.severity !== 'info'));
    const lines = new Set(fs.map((f) => f.range.start.line + 1));
    for (const e of verdicts.files[file].errors) {
      if (e.line !== null && !/deprecated/.test(e.message) && !lines.has(e.line)) missed.push(`${file}:${e.line} ${e.message}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(missed, []);
});

test('the release each file is read as, and why', () => {
  const choice = (file: string) => {
    const doc = new ParsedDocument(`file:///${file}`, 'kickstart', readFileSync(join(dir, file), 'utf8'));
    const r = buildModel(doc, {}).release;
    doc.dispose();
    return r;
  };
  // CentOS 6, no #version= line: its install URL says CentOS 6.
  const c6 = choice('RHEL6/ks-minimalC6.cfg');
  assert.deepEqual([c6.release.table, c6.source], ['RHEL6', 'evidence']);
  assert.match(c6.reason, /^url http:\/\/mirror\.centos\.org\/centos\/6\/os\/x86_64 \(CentOS 6\) \(line 11\)/);
  assert.equal(choice('RHEL6/CentOS-6-x86_64-OpenNebula.cfg').release.table, 'RHEL6');
  assert.deepEqual([choice('RHEL7/cos7gen.ks').release.table, choice('RHEL7/cos7gen.ks').source], ['RHEL7', 'header']);
  // Rocky 8 container images: %packages --instLangs/--excludeWeakdeps, which RHEL 9 asks to respell.
  assert.equal(choice('RHEL8/Rocky-8-Container-Base.ks').release.table, 'RHEL8');
  // Rocky 8 cloud images say #version=DEVEL; their install URL is on rocky/8.
  const r8 = choice('RHEL8/Rocky-8-OCP-Base.ks');
  assert.deepEqual([r8.release.table, r8.source], ['RHEL8', 'evidence']);
  assert.match(r8.reason, /^#version=DEVEL names no release; .*rocky\/8\/BaseOS/);
});
