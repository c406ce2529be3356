// What keeps the per-branch passes of a template check cheap: a view with the same segments as an
// earlier one is not made (or analysed) again, and a %pre guard verdict worked out in one view is
// reused by the next (it is keyed by the body's text), with the same findings as before.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analyze';
import { ParsedDocument } from '../../server/src/core/document';
import { kickstartHandler } from '../../server/src/kickstart';
import { loadAll } from '../../server/src/syntax/treesitter';
import { maskTemplate } from '../../server/src/template/mask';
import { viewSet, viewTexts } from '../../server/src/template/views';

before(async () => {
  await loadAll();
});

const BASE = 'lang en_US.UTF-8\nkeyboard us\ntimezone UTC\nrootpw --lock\n';

test('views: a view taking the same branches as an earlier one is not made again', () => {
  // The inner chain has three branches (three views), but views 1 and 2 both take the outer
  // else, where the inner chain does not render: view 2 is view 1.
  const t = `${BASE}{% if a %}\n{% if b %}\nclearpart --all --drives=sda\n{% elif c %}\nclearpart --all --drives=sdb\n{% else %}\nclearpart --all --drives=sdc\n{% endif %}\n{% else %}\nclearpart --none\n{% endif %}\nautopart\n`;
  const m = maskTemplate(t, 'jinja', 'kickstart');
  const set = viewSet(m, 'kickstart');
  assert.deepEqual(set.same, [-1, -1, 1]);
  assert.equal(set.texts[2], '');
  const all = viewTexts(m, 'kickstart');
  assert.equal(all.length, 3);
  assert.equal(all[2], all[1]);
  assert.notEqual(all[0], all[1]);
  assert.match(all[0], /--drives=sda/);
  assert.doesNotMatch(all[0], /--drives=sd[bc]|--none/);
  assert.match(all[1], /clearpart --none/);
  assert.doesNotMatch(all[1], /--drives=/);
  // Every text keeps the template's length (positions map back by offset).
  for (const v of all) assert.equal(v.length, m.text.length);
});

test('views: the %pre guard verdict of one view is the next view\'s (same object), not worked out again', () => {
  const text = `${BASE}%pre\nif vgs | grep -q .; then exit 1; fi\n%end\nclearpart --all --initlabel\nautopart\n`;
  const a = new ParsedDocument('/a/ks.cfg', 'kickstart', text);
  const b = new ParsedDocument('/a/ks.cfg', 'kickstart', text);
  try {
    kickstartHandler.analyze(a, {});
    const carried = a.contentCache();
    assert.equal(carried.length, 1, 'the guard verdicts are content-keyed');
    for (const [k, v] of carried) b.cache.set(k, v);
    const fb = kickstartHandler.analyze(b, {});
    const va = [...(carried[0][1] as Map<string, unknown>).values()];
    const vb = [...(b.contentCache()[0][1] as Map<string, unknown>).values()];
    assert.equal(va.length, 1);
    assert.equal(vb[0], va[0]);
    // And the findings are those of a fresh document.
    const fresh = new ParsedDocument('/a/ks.cfg', 'kickstart', text);
    try {
      assert.deepEqual(fb, kickstartHandler.analyze(fresh, {}));
    } finally {
      fresh.dispose();
    }
  } finally {
    a.dispose();
    b.dispose();
  }
});

test('views: a template whose %pre guard is in every view, and a clearpart in one branch only', () => {
  // The guard (same body in both views) counts in both; the unguarded clearpart of the other
  // template is told in its branch.
  const guarded = `${BASE}%pre --erroronfail\nif lvm vgs --noheadings -o vg_name 2>/dev/null | grep -q '[^[:space:]]'; then\n  exit 1\nfi\n%end\n{% if wipe %}\nclearpart --all --initlabel\n{% else %}\nclearpart --none\n{% endif %}\nautopart\n`;
  assert.deepEqual(analyzeText('/t/ks.cfg.j2', 'kickstart', guarded).filter((f) => f.code === 'unguarded-clearpart'), []);
  const open = `${BASE}%pre\necho hello\n%end\n{% if wipe %}\nclearpart --all --initlabel\n{% else %}\nclearpart --none\n{% endif %}\nautopart\n`;
  const found = analyzeText('/t/ks.cfg.j2', 'kickstart', open).filter((f) => f.code === 'unguarded-clearpart');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /when `\{% if wipe %\}` \(line 8\)/);
});

test('views: a CRLF template\'s views blank what they leave out and keep every line break where the template has it', () => {
  const t = `${BASE}{% if a %}\r\nclearpart --all --drives=sda\r\n{% else %}\r\nignoredisk --only-use=sdb\r\nclearpart --all --drives=sdb\r\n{% endif %}\r\nautopart\r\n`.replace(/(?<!\r)\n/g, '\r\n');
  // An ASCII text and one with a non-ASCII comment take different paths (bytes, or strings).
  for (const text of [t, `# répertoire\r\n${t}`]) {
    const m = maskTemplate(text, 'jinja', 'kickstart');
    const views = viewTexts(m, 'kickstart');
    assert.equal(views.length, 2);
    const breaks = (s: string) => [...s.matchAll(/\r\n|\n|\r/g)].map((x) => `${x.index}:${JSON.stringify(x[0])}`).join(' ');
    for (const v of views) {
      assert.equal(v.length, m.text.length);
      assert.equal(breaks(v), breaks(m.text));
      // Each character is the masked text's or a blank in place of it.
      for (let i = 0; i < v.length; i++) if (v[i] !== m.text[i]) assert.equal(v[i], ' ', `offset ${i}`);
    }
    assert.match(views[0], /clearpart --all --drives=sda\r\n/);
    assert.doesNotMatch(views[0], /sdb/);
    assert.match(views[1], /ignoredisk --only-use=sdb\r\nclearpart --all --drives=sdb\r\n/);
    assert.doesNotMatch(views[1], /sda/);
  }
});
