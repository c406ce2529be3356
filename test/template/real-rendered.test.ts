// Literal risks survive the template reading: each real template whose placeholders can be filled
// without choosing a branch (openQA `##Var##` kickstarts, Salt's lvm.conf with only an import tag)
// is rendered here by hand (every placeholder becomes a plain word of the same length, a tag line
// becomes blank). Every finding of that rendering that does not start on a filled placeholder must
// also be a finding of the template, and the template has no finding the rendering lacks. Sources
// in test/fixtures/templates/SOURCES.md. A value after an option written with a space (`--disklabel
// ##Disk-Label##`) is that option's value, not a word that may stand for any options.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/analyze';
import { engineOf } from '../../server/src/template/engines';
import { loadAll } from '../../server/src/syntax/treesitter';
import type { LanguageId } from '../../server/src/core/types';

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'test/fixtures/templates');

before(async () => {
  await loadAll();
});

interface Filled {
  text: string;
  /** [line, start column, end column] of each filled placeholder (0-based). */
  spots: [number, number, number][];
}

/** Every match of `re` becomes x's of the same length (columns kept). */
function fill(text: string, re: RegExp): Filled {
  const spots: [number, number, number][] = [];
  const lines = text.split('\n');
  const out = lines.map((l, i) => l.replace(re, (m, at: number) => {
    spots.push([i, at, at + m.length]);
    return 'x'.repeat(m.length);
  }));
  return { text: out.join('\n'), spots };
}

/** Findings of the rendering the template reading loses, and findings it adds (code@line). */
function compare(rel: string, language: LanguageId, render: (t: string) => Filled): { lost: string[]; added: string[] } {
  const path = join(dir, rel);
  const text = readFileSync(path, 'utf8');
  const { text: plain, spots } = render(text);
  assert.equal(engineOf(rel.split('/').pop() ?? rel, plain), undefined, 'the rendering has no template markers left');
  const key = (f: { code: string; range: { start: { line: number } } }) => `${f.code}@${f.range.start.line + 1}`;
  const got = analyzeText(path, language, text).filter((f) => f.code !== 'template-unknown-content').map(key);
  const want = analyzeText(path, language, plain)
    .filter((f) => !spots.some(([l, a, b]) => f.range.start.line === l && f.range.start.character >= a && f.range.start.character < b))
    .map(key);
  return { lost: want.filter((k) => !got.includes(k)), added: got.filter((k) => !want.includes(k)) };
}

const OPENQA = /##[A-Za-z_][\w-]*##/g;

const cases: [string, LanguageId, (t: string) => Filled, string?][] = [
  ['kickstart/openqa-oracle_linux_6_graphical_server.ks', 'kickstart', (t) => fill(t, OPENQA)],
  ['kickstart/openqa-oracle_linux_7_graphical_server.ks', 'kickstart', (t) => fill(t, OPENQA)],
  ['kickstart/openqa-oracle_linux_8_graphical_server.ks', 'kickstart', (t) => fill(t, OPENQA)],
  ['kickstart/openqa-oracle_linux_9_graphical_server.ks', 'kickstart', (t) => fill(t, OPENQA)],
  ['lvmconf/salt-formula-linux-2017/lvm.conf', 'lvm-conf', (t) => ({ text: t.replace(/^\{%-? from [^\n]*%\}/, (m) => ' '.repeat(m.length)), spots: [] })],
];

for (const [rel, language, render, todo] of cases) {
  test(`${rel}: the findings of its rendering, none lost, none added`, todo ? { todo } : {}, () => {
    assert.deepEqual(compare(rel, language, render), { lost: [], added: [] });
  });
}

test('openQA placeholders only on network and logging lines still make a template', () => {
  const text = '#version=OL6\nlang en_US.UTF-8\nkeyboard us\ntimezone --utc America/New_York\nrootpw --lock\nnetwork --onboot=yes --device=##Device-MacAddr## --hostname=##Host-Name## --bootproto=dhcp --noipv6\nignoredisk --only-use=vda\nclearpart --all --initlabel\nautopart\nlogging --level debug --host ##Logging-HostName## --port ##Logging-HostPort##\n';
  assert.equal(engineOf('oracle_linux_6_graphical_server.ks', text), 'openqa');
  assert.deepEqual(analyzeText('oracle_linux_6_graphical_server.ks', 'kickstart', text).map((f) => f.code), []);
});
