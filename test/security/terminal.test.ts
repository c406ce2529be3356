// Attack suite, text output (issue 28 items 6 and 8): names and messages from files, inventories,
// hosts and collected output reach a terminal or a CI log only sanitised (C0, C1, DEL, bidi
// controls and line separators escaped); JSON and SARIF carry the exact text. SVG stays
// well-formed XML whatever the names hold. Real lvm2-written metadata (test/fixtures/metadata,
// made by make-log.txt) with hostile names put in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sanitizeText } from '../../server/src/core/sanitize';
import { cli, fixtures, RAW_CONTROL, tempDir } from './helpers';

const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007'; // sets the clipboard to `rm -rf ~`
const CLEAR = '\u001b[2J';
const FORGED = '\n::error file=x::forged';
const real = readFileSync(join(fixtures, 'metadata', 'backup', 'vg.data+1'), 'utf8');

/** lvm2's quoting of a string value (backslash and double quote escaped). */
const q = (s: string) => s.replace(/[\\"]/g, (c) => `\\${c}`);

test('the sanitiser escapes every class the issue names and leaves plain text alone', () => {
  assert.equal(sanitizeText('vg0/root'), 'vg0/root');
  assert.equal(sanitizeText(`a${OSC52}b`), 'a\\x1b]52;c;cm0gLXJmIH4=\\x07b');
  assert.equal(sanitizeText('x\ny\r\u0085\u009b\u007f\t'), 'x\\x0ay\\x0d\\x85\\x9b\\x7f\\x09');
  assert.equal(sanitizeText('\u202eevil\u2066\u2028\u2029\u200f\u061c'), '\\u{202e}evil\\u{2066}\\u{2028}\\u{2029}\\u{200f}\\u{61c}');
  assert.equal(sanitizeText('Grüße ✓'), 'Grüße ✓');
});

test('backups: a description and creation host with terminal escapes print escaped; JSON exact', () => {
  const d = tempDir('backups');
  mkdirSync(join(d, 'backup'));
  const hostile = real
    .replace(/^description = ".*"$/m, `description = "${q(`Created *after* executing 'x' ${OSC52}${CLEAR}${FORGED}`)}"`)
    .replace(/^creation_host = "[^"]*"/m, `creation_host = "${q(`h${CLEAR}`)}"`);
  writeFileSync(join(d, 'backup', 'vg.data+1'), hostile);
  const text = cli(['backups', d]);
  assert.equal(text.status, 0, text.err);
  assert.doesNotMatch(text.out, RAW_CONTROL);
  assert.doesNotMatch(text.out, /^::error/m);
  assert.match(text.out, /\\x1b\]52;c;cm0gLXJmIH4=\\x07\\x1b\[2J\\x0a::error/);
  const json = cli(['backups', '--format', 'json', d]);
  const entries = JSON.parse(json.out);
  assert.ok(entries[0].description.includes(OSC52 + CLEAR + FORGED), 'JSON keeps the exact text');
});

test('check: a file name or token with a line break or escape cannot forge a CI annotation in text; SARIF exact', () => {
  const d = tempDir('check');
  // A file name from a pull request: a line break and an annotation, then a screen clear.
  const f = join(d, `x${FORGED}${CLEAR}.ks`);
  writeFileSync(f, `#version=RHEL9\nclearpart --all\nautopart\nfoo${CLEAR}\n`);
  const text = cli(['check', d]);
  assert.equal(text.status, 1, text.err);
  assert.doesNotMatch(text.out + text.err, RAW_CONTROL, text.out);
  assert.doesNotMatch(text.out, /^::error/m);
  assert.match(text.out, /x\\x0a::error file=x::forged\\x1b\[2J\.ks:2:1/);
  const sarif = cli(['check', '--format', 'sarif', d]);
  const doc = JSON.parse(sarif.out);
  assert.ok(doc.runs[0].results.some((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri).includes(`${FORGED}${CLEAR}`)), 'SARIF carries the exact name (as a URI)');
});

test('map text sanitises names; the SVG stays well-formed with U+FFFE, U+FFFF and controls in names', () => {
  const d = tempDir('map');
  const f = join(d, 'vg.data+1');
  // An LV name lvm2 would never write, as a tampered or hand-made file can hold it.
  const named = real.split('lv+a.b_3').join('lv\uFFFE\uFFFF\u202ex');
  writeFileSync(f, named);
  const text = cli(['map', '--format', 'text', '--language', 'lvm-metadata', f]);
  assert.equal(text.status, 0, text.err);
  assert.doesNotMatch(text.out, RAW_CONTROL);
  assert.match(text.out, /lv\uFFFE\uFFFF\\u\{202e\}x/);
  const svg = cli(['map', '--format', 'svg', '--language', 'lvm-metadata', f]);
  assert.equal(svg.status, 0, svg.err);
  // XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, paired surrogates.
  assert.doesNotMatch(svg.out, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
});

test('hosts --from: LV names, host names and stderr with escapes print escaped', () => {
  const d = tempDir('from');
  // Raw output files are named after the host; the content is not a refresh, so the host is an error
  // whose message quotes the output: it must not reach the terminal raw either.
  writeFileSync(join(d, `web${'\u001b'}[2J`), `garbage ${OSC52}${FORGED}\n`);
  writeFileSync(join(d, `web${'\u001b'}[2J.stderr`), `sudo: ${CLEAR}${FORGED}\n`);
  const r = cli(['hosts', '--from', d]);
  assert.doesNotMatch(r.out + r.err, RAW_CONTROL);
  assert.doesNotMatch(r.out, /^::error/m);
  assert.match(r.out, /web\\x1b\[2J/);
});
