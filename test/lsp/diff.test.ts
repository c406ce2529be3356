// middleEdit (server/src/worker/diff.ts): the analysis workers turn each new text into one edit of
// the text they parsed before. Applying the edit must give the new text exactly, and the edit must
// not cut a surrogate pair or a CR LF (LSP positions and the line index count UTF-16 units and
// treat CR LF as one break).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { middleEdit } from '../../server/src/worker/diff';
import { prng } from '../support/util';

const apply = (a: string, e: ReturnType<typeof middleEdit>) => (e ? a.slice(0, e.start) + e.text + a.slice(e.end) : a);

test('equal texts give no edit; inserts, deletes and replacements give the smallest middle', () => {
  assert.equal(middleEdit('abc', 'abc'), undefined);
  assert.deepEqual(middleEdit('abc', 'abXc'), { start: 2, end: 2, text: 'X' });
  assert.deepEqual(middleEdit('abc', 'ac'), { start: 1, end: 2, text: '' });
  assert.deepEqual(middleEdit('', 'x'), { start: 0, end: 0, text: 'x' });
  assert.deepEqual(middleEdit('x', ''), { start: 0, end: 1, text: '' });
  assert.deepEqual(middleEdit('aaaa', 'aaaaa'), { start: 4, end: 4, text: 'a' });
});

test('never splits a surrogate pair or a CR LF', () => {
  // Same high surrogate, different low surrogate: the whole pair is in the edit.
  const e = middleEdit('x\u{1F600}y', 'x\u{1F601}y')!;
  assert.equal(e.start, 1);
  assert.equal(e.end, 3);
  // Inserting between CR and LF replaces from the CR.
  const c = middleEdit('a\r\nb', 'a\rX\nb')!;
  assert.ok(c.start <= 1, JSON.stringify(c));
  const d = middleEdit('a\r\nb', 'a\r\n\r\nb')!;
  assert.equal(apply('a\r\nb', d), 'a\r\n\r\nb');
});

test('random edits of real-looking text: applying the edit gives the new text', () => {
  const rnd = prng(16);
  const alphabet = ['a', 'b', ' ', '\n', '\r\n', '{', '}', '"', '\u{1F600}', 'é'];
  const word = () => Array.from({ length: Math.floor(rnd() * 6) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  let text = Array.from({ length: 200 }, word).join('');
  for (let i = 0; i < 2000; i++) {
    const at = Math.floor(rnd() * (text.length + 1));
    const del = Math.floor(rnd() * 4);
    let next = text.slice(0, at) + word() + text.slice(Math.min(text.length, at + del));
    // Keep the text well formed UTF-16, as an editor's is.
    next = Buffer.from(next, 'utf8').toString('utf8');
    const e = middleEdit(text, next);
    assert.equal(apply(text, e), next);
    if (e) {
      const hi = (s: string, k: number) => k > 0 && k < s.length && s.charCodeAt(k - 1) >= 0xd800 && s.charCodeAt(k - 1) <= 0xdbff;
      assert.ok(!hi(text, e.start) && !hi(text, e.end), `split pair at ${e.start}-${e.end}`);
      assert.ok(!(e.start > 0 && text[e.start - 1] === '\r' && text[e.start] === '\n'), 'split CR LF at the start');
    }
    text = next;
  }
});
