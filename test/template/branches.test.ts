// A template's views share one model of the text with every branch (kickstart/branches.ts): each
// line's own findings are made once, and only the whole-file families run per view. These tests
// hold that sharing to the answer of analysing every view alone, on every real kickstart template
// of the corpus, and check that the sharing is really taken (not silently left for the slow way).
// Then: a branch whose condition names releases is checked as those releases.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/analyze';
import { ParsedDocument } from '../../server/src/core/document';
import { kickstartHandler } from '../../server/src/kickstart';
import { headerQuiet, lineFindings, quietIn } from '../../server/src/kickstart/branches';
import { buildLinesLike, buildModel } from '../../server/src/kickstart/model';
import { resolveTarget } from '../../server/src/kickstart/versions';
import { loadAll } from '../../server/src/syntax/treesitter';
import { templateOf, unionDocument, withTemplates } from '../../server/src/template';
import { viewSet } from '../../server/src/template/views';

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'test/fixtures/templates/kickstart');

before(async () => {
  await loadAll();
});

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
}

const shared = withTemplates(kickstartHandler);
const alone = withTemplates({ ...kickstartHandler, branchFindings: undefined });
const key = (fs: { code: string; range: { start: { line: number; character: number } }; message: string }[]) => fs.map((f) => `${f.code}@${f.range.start.line + 1}:${f.range.start.character} ${f.message}`).sort();

test('shared views: the same findings as analysing every view alone, on every real kickstart template', () => {
  let files = 0;
  for (const path of walk(dir)) {
    const text = readFileSync(path, 'utf8');
    const a = new ParsedDocument(path, 'kickstart', text);
    const b = new ParsedDocument(path, 'kickstart', text);
    try {
      if (!templateOf(a)) continue;
      files++;
      assert.deepEqual(key(shared.analyze(a, {})), key(alone.analyze(b, {})), path);
      // And as another release, where other findings come out.
      const c = new ParsedDocument(path, 'kickstart', text);
      const d = new ParsedDocument(path, 'kickstart', text);
      try {
        assert.deepEqual(key(shared.analyze(c, { target: 'RHEL7' })), key(alone.analyze(d, { target: 'RHEL7' })), `${path} as RHEL 7`);
      } finally {
        c.dispose();
        d.dispose();
      }
    } finally {
      a.dispose();
      b.dispose();
    }
  }
  assert.ok(files >= 45, `${files} templates`);
});

test('shared views are taken for most real templates with more than one view (split lines included)', () => {
  let multi = 0;
  let taken = 0;
  let splitTaken = false;
  for (const path of walk(dir)) {
    const text = readFileSync(path, 'utf8');
    const doc = new ParsedDocument(path, 'kickstart', text);
    const views: ParsedDocument[] = [];
    try {
      const info = templateOf(doc);
      if (!info) continue;
      const set = viewSet(info.masked, 'kickstart');
      const distinct = set.texts.map((_, k) => k).filter((k) => set.same[k] < 0);
      if (distinct.length < 2) continue;
      multi++;
      const union = unionDocument(doc, info);
      for (const k of distinct) views.push(new ParsedDocument(path, 'kickstart', set.texts[k]));
      const r = kickstartHandler.branchFindings!(union, views.map((v, i) => ({ doc: v, blanked: set.blanked[distinct[i]] })), {});
      if (r) {
        taken++;
        // Beaker's rhts_partitions joins `{%- if ondisk %} --ondisk=...` onto the line before: a split line.
        if (path.endsWith('rhts_partitions')) splitTaken = true;
      }
    } finally {
      for (const v of views) v.dispose();
      doc.dispose();
    }
  }
  assert.ok(multi >= 20, `${multi} templates with several views`);
  assert.ok(taken >= multi - 4, `shared for ${taken} of ${multi}`);
  assert.ok(splitTaken, 'a template with lines split by branches shares its model');
});

test('lines of exclusive release branches are not weighed as if they rendered together (Foreman: install up to RHEL 7, timesource from RHEL 9)', () => {
  const real = join(dir, 'foreman-main-provision-kickstart_default.erb');
  const doc = new ParsedDocument(real, 'kickstart', readFileSync(real, 'utf8'));
  const choice = shared.release!(doc, {})!;
  doc.dispose();
  // Before: Fedora 33, "no RHEL accepts timesource"; each branch's line renders for a RHEL that accepts it.
  assert.doesNotMatch(choice.reason, /no RHEL accepts/);
  assert.equal(choice.release, 'RHEL 10');
  const t = "<% if os_major <= 7 -%>\ninstall\n<% end -%>\n<% if os_major >= 9 -%>\ntimesource --ntp-server ntp.example.com\n<% end -%>\nautopart\n";
  const mini = new ParsedDocument('/t/provision.erb', 'kickstart', t);
  const c = shared.release!(mini, {})!;
  mini.dispose();
  assert.ok(!/^Fedora/.test(c.release) && !/no RHEL accepts/.test(c.reason), `${c.release}: ${c.reason}`);
  // Without the conditions both lines render together, and only Fedora accepts that.
  const plain = new ParsedDocument('/t/provision.ks', 'kickstart', 'install\ntimesource --ntp-server ntp.example.com\nautopart\n');
  assert.equal(shared.release!(plain, {})!.release, 'Fedora 33');
  plain.dispose();
});

test('a branch a condition moves to another section falls back to views analysed alone, with the same findings', () => {
  // The %end of %pre is written in both branches, at different lines: the sections differ between the views.
  const t = 'lang en_US.UTF-8\nkeyboard us\ntimezone UTC\nrootpw --lock\n%pre\necho hi\n{% if a %}\n%end\nignoredisk --only-use=sda\n{% else %}\necho more\n%end\n{% endif %}\nclearpart --all --initlabel\nautopart\n';
  const doc = new ParsedDocument('/t/ks.cfg.j2', 'kickstart', t);
  const views: ParsedDocument[] = [];
  try {
    const info = templateOf(doc)!;
    const set = viewSet(info.masked, 'kickstart');
    for (let k = 0; k < set.texts.length; k++) if (set.same[k] < 0) views.push(new ParsedDocument('/t/ks.cfg.j2', 'kickstart', set.texts[k]));
    assert.equal(views.length, 2);
    assert.equal(kickstartHandler.branchFindings!(unionDocument(doc, info), views.map((v, k) => ({ doc: v, blanked: set.blanked[k] })), {}), undefined);
  } finally {
    for (const v of views) v.dispose();
    doc.dispose();
  }
  const a = new ParsedDocument('/t/ks.cfg.j2', 'kickstart', t);
  const b = new ParsedDocument('/t/ks.cfg.j2', 'kickstart', t);
  assert.deepEqual(key(shared.analyze(a, {})), key(alone.analyze(b, {})));
  a.dispose();
  b.dispose();
});

const BASE = 'lang en_US.UTF-8\nkeyboard us\nrootpw --lock\nignoredisk --only-use=sda\nclearpart --all --drives=sda\nautopart\n';
const codes = (uri: string, text: string, target?: string) => analyzeText(uri, 'kickstart', text, target ? { target } : {}).map((f) => `${f.code}@${f.range.start.line + 1}`);

test('a branch for releases is checked as them: --isUtc under `>= 9` is deprecated in RHEL 9 and removed in RHEL 10', () => {
  const t = `${BASE}{% if ansible_distribution_major_version | int >= 9 %}\ntimezone UTC --isUtc\n{% endif %}\n`;
  const found = analyzeText('/t/ks.cfg.j2', 'kickstart', t);
  const dep = found.find((f) => f.code === 'deprecated-option');
  const rem = found.find((f) => f.code === 'removed-option');
  assert.ok(dep && rem, JSON.stringify(found.map((f) => f.code)));
  assert.equal(dep.range.start.line, 7);
  assert.match(dep.message, /RHEL 9/);
  assert.match(dep.message, /Checked as RHEL 9: a branch of the template renders this line only for the releases its condition names\.\) \[Jinja2 template: when `\{% if ansible_distribution_major_version \| int >= 9 %\}` \(line 7\)\]/);
  assert.match(rem.message, /RHEL 10/);
  // The same line outside any release condition, in a file naming no release: only the default's finding.
  assert.deepEqual(codes('/t/ks.cfg.j2', `${BASE}{% if x %}\ntimezone UTC --isUtc\n{% endif %}\n`), ['removed-option@8']);
});

test('a file checked as RHEL 8 with a branch for RHEL 7: the branch is checked as RHEL 7, not as RHEL 8', () => {
  // `install` is an active command up to RHEL 7 and deprecated from RHEL 8 (pykickstart);
  // `authselect` came with RHEL 8, so the RHEL 7 rendering has a command its installer does not know.
  const t = `#version=RHEL8\n${BASE}<% if os_major == 7 -%>\ninstall\nauthselect select sssd\n<% end -%>\ntimezone UTC\n`;
  const found = analyzeText('/t/provision.ks.erb', 'kickstart', t);
  assert.deepEqual(found.map((f) => `${f.code}@${f.range.start.line + 1}`), ['version-unsupported@10']);
  assert.match(found[0].message, /not available in RHEL 7.*Checked as RHEL 7: a branch of the template renders this line only.*\[ERB template: when `<% if os_major == 7 %>` \(line 8\)\]/);
  // The same line unconditional: deprecated in RHEL 8.
  assert.deepEqual(codes('/t/provision.ks.erb', `#version=RHEL8\n${BASE}install\ntimezone UTC\n`), ['deprecated-command@8']);
});

test('an alternative for the other family, and an else, name no release to check the branch as', () => {
  // `authselect` exists from RHEL 8 and Fedora 28: the Fedora alternative (`os_major >= 28`) is
  // not read as RHEL 28+, the RHEL one (`os_major > 7`) gives RHEL 8 to 10, where it is fine.
  const a = `${BASE}<% if (is_fedora && os_major >= 28) || (rhel_compatible && os_major > 7) -%>\nauthselect select sssd\n<% end -%>\ntimezone UTC\n`;
  assert.deepEqual(codes('/t/provision.ks.erb', a), []);
  // An else renders for whatever its chain leaves (RHEL 6 too): it is not checked as RHEL 6.
  const b = `${BASE}{% if ansible_distribution_major_version == '7' %}\nauth --enableshadow --passalgo=sha512\n{% else %}\nauthselect select sssd\n{% endif %}\ntimezone UTC\n`;
  assert.deepEqual(codes('/t/ks.cfg.j2', b), []);
});

test('an else after a branch decided by the release alone does not render for the releases that branch takes', () => {
  // Foreman's kickstart_default: authconfig only where authselect is not (Fedora < 28, RHEL < 8);
  // checked as RHEL 9 it is no deprecated command of RHEL 9.
  const t = `#version=RHEL9\n${BASE}<% if (is_fedora && os_major >= 28) || (rhel_compatible && os_major > 7) -%>\nauthselect select sssd\n<% else -%>\nauthconfig --useshadow --passalgo=sha512\n<% end -%>\ntimezone UTC\n`;
  assert.deepEqual(codes('/t/provision.ks.erb', t), []);
  // A branch that tests something else besides the release may be false for RHEL 9: the else holds there.
  const u = t.replace('(rhel_compatible && os_major > 7)', "(rhel_compatible && os_major > 7 && host_param('x'))");
  assert.deepEqual(codes('/t/provision.ks.erb', u), ['deprecated-command@11']);
});

test('Cobbler: `#if $os_version == "rhel7"` names RHEL 7 in its value', () => {
  const t = `${BASE}#if $os_version == "rhel7"\nauthselect select sssd\n#end if\ntimezone UTC\n`;
  assert.deepEqual(codes('/t/x.ks.template', t), ['version-unsupported@8']);
  assert.deepEqual(codes('/t/x.ks.template', t.replace('"rhel7"', '"rhel8"')), []);
});

test('a loop read once is its first and last pass: `{% if not loop.last %},{% endif %}` adds no separator', () => {
  // Salt's lvm.conf builds its filter this way (salt-formula-linux): once rendered, the commas go
  // between items only. Read with the separator, it would be `"a|x|",, "r|.*|"`.
  const t = 'devices {\n    filter = [ {%- for dev in devices %}"a|{{ dev }}|"{%- if not loop.last %},{%- endif %}{%- endfor %}, "r|.*|" ]\n}\n';
  assert.deepEqual(analyzeText('/t/lvm.conf.j2', 'lvm-conf', t).map((f) => f.code), []);
  // `loop.first` in the one pass is true too: its else branch is the one left out.
  const u = 'devices {\n    filter = [ {%- for dev in devices %}{%- if loop.first %}"a|{{ dev }}|"{%- else %}, "a|{{ dev }}|"{%- endif %}{%- endfor %}, "r|.*|" ]\n}\n';
  assert.deepEqual(analyzeText('/t/lvm.conf.j2', 'lvm-conf', u).map((f) => f.code), []);
  // Outside a loop `loop.last` means nothing: both branches are read as before.
  const w = 'devices {\n    filter = [ "a|x|"{%- if not loop.last %},{%- endif %}, "r|.*|" ]\n}\n';
  assert.deepEqual(analyzeText('/t/lvm.conf.j2', 'lvm-conf', w).map((f) => f.code), ['syntax']);
});

test('a command line left out of a release branch check (quiet as that release) has no release finding as it', () => {
  // Every command line of the real kickstarts and templates, as every released RHEL and some
  // Fedoras: where quietIn says a line gives nothing as a release, reading it as that release
  // (the lines model, as branch checks do) must give no release-dependent finding.
  const RELEASE = new Set(['removed-option', 'removed-command', 'deprecated-command', 'deprecated-option', 'deprecated-section', 'removed-section', 'version-unsupported', 'unknown-option', 'unknown-command']);
  const files = [...walk(join(root, 'test/fixtures/kickstart')), ...walk(dir)];
  let quiet = 0;
  let lines = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const doc = new ParsedDocument(path, 'kickstart', text);
    try {
      const base = buildModel(doc, {});
      for (const release of ['RHEL6', 'RHEL7', 'RHEL8', 'RHEL9', 'RHEL10', 'F30', 'F42']) {
        const target = resolveTarget(release)!;
        const starts = base.commands.filter((c) => quietIn(c, target.table)).map((c) => doc.lines.offsetAt(c.nameRange.start));
        lines += base.commands.length;
        quiet += starts.length;
        if (!starts.length) continue;
        const like = { ...base, resolved: target, target: target.name, release: { release: target, source: 'evidence' as const, reason: 'test' } };
        const found = lineFindings(buildLinesLike(doc, starts, like), doc, {}).filter((f) => RELEASE.has(f.code));
        assert.deepEqual(found.map((f) => `${f.code}@${f.range.start.line + 1} ${f.message}`), [], `${path} as ${release}`);
      }
    } finally {
      doc.dispose();
    }
  }
  assert.ok(quiet > lines / 3, `${quiet} of ${lines} command lines quiet`);
});

test('a section header left out of a release branch check (quiet) has no release finding as any release', () => {
  // Every section header of the real kickstarts and templates, as every released RHEL and some
  // Fedoras: where headerQuiet says a header gives nothing, reading it as that release does not either.
  const RELEASE = new Set(['removed-option', 'deprecated-option', 'deprecated-section', 'removed-section', 'version-unsupported', 'unknown-option']);
  const files = [...walk(join(root, 'test/fixtures/kickstart')), ...walk(dir)];
  let quiet = 0;
  let headers = 0;
  for (const path of files) {
    const doc = new ParsedDocument(path, 'kickstart', readFileSync(path, 'utf8'));
    try {
      const base = buildModel(doc, {});
      headers += base.sections.length;
      const sections = base.sections.filter(headerQuiet);
      quiet += sections.length;
      if (!sections.length) continue;
      for (const release of ['RHEL6', 'RHEL7', 'RHEL8', 'RHEL9', 'RHEL10', 'F30', 'F42']) {
        const target = resolveTarget(release)!;
        const like = { ...base, resolved: target, target: target.name, release: { release: target, source: 'evidence' as const, reason: 'test' } };
        const lm = buildLinesLike(doc, [], like);
        lm.sections = sections;
        const found = lineFindings(lm, doc, {}).filter((f) => RELEASE.has(f.code));
        assert.deepEqual(found.map((f) => `${f.code}@${f.range.start.line + 1} ${f.message}`), [], `${path} as ${release}`);
      }
    } finally {
      doc.dispose();
    }
  }
  assert.ok(quiet > headers / 3, `${quiet} of ${headers} section headers quiet`);
});

test('shared views on 300 generated templates (nested if/elif/else, loops, inline branches, %pre in branches, release conditions): the same findings as views analysed alone', () => {
  // A seeded generator: kickstart storage, guard and release-sensitive lines under random Jinja
  // structure; a %pre whose %end sits in a branch (the structure differs between views) too.
  let seed = 20261207;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const LINES = ['clearpart --all --initlabel', 'clearpart --all --drives=sda', 'zerombr', 'ignoredisk --only-use=sda', 'part / --size=1024 --grow', 'part swap --recommended', 'part pv.01 --size=1 --grow', 'volgroup vg pv.01', 'logvol / --vgname=vg --name=root --size=100 --grow', 'autopart', 'reqpart', 'bootloader --location=mbr', 'timezone UTC --isUtc', 'auth --enableshadow', 'install', 'part /boot --fstype=xfs --size=512', 'raid / --level=1 --device=md0 raid.01 raid.02', 'part raid.01 --size=1000', 'firewall --disabled', 'firewall --enabled', '%include /tmp/part.cfg', 'url --url=http://mirror/centos/8/BaseOS/x86_64/os', 'url --url=http://mirror/rocky/9/BaseOS/x86_64/os'];
  const CONDS = ['x', 'raid', "ansible_distribution_major_version == '8'", 'ansible_distribution_major_version|int >= 9', 'efi'];
  const gen = (depth: number): string[] => {
    const out: string[] = [];
    const n = 2 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.55 || depth > 2) out.push(pick(LINES) + (rnd() < 0.15 ? `{% if ${pick(CONDS)} %} --fstype=ext4{% endif %}` : ''));
      else if (r < 0.8) {
        out.push(`{% if ${pick(CONDS)} %}`, ...gen(depth + 1));
        if (rnd() < 0.5) out.push(`{% elif ${pick(CONDS)} %}`, ...gen(depth + 1));
        if (rnd() < 0.6) out.push('{% else %}', ...gen(depth + 1));
        out.push('{% endif %}');
      } else if (r < 0.9) {
        out.push('%pre', rnd() < 0.5 ? 'wipefs -a /dev/sda' : 'vgs | grep -q . && exit 1');
        if (rnd() < 0.3) out.push(`{% if ${pick(CONDS)} %}`, '%end', '{% else %}', 'echo x', '%end', '{% endif %}');
        else out.push('%end');
      } else out.push('{% for d in disks %}', ...gen(depth + 1), '{% endfor %}');
    }
    return out;
  };
  let sharedTaken = 0;
  for (let i = 0; i < 150; i++) {
    const text = ['lang en_US.UTF-8', 'keyboard us', ...gen(0), '%packages', '@core', '%end', ''].join('\n');
    for (const target of [undefined, 'RHEL8']) {
      const a = new ParsedDocument('/g/ks.cfg.j2', 'kickstart', text);
      const b = new ParsedDocument('/g/ks.cfg.j2', 'kickstart', text);
      try {
        assert.deepEqual(key(shared.analyze(a, { target })), key(alone.analyze(b, { target })), `${target ?? 'own release'}:\n${text}`);
      } finally {
        a.dispose();
        b.dispose();
      }
    }
    const doc = new ParsedDocument('/g/ks.cfg.j2', 'kickstart', text);
    const views: ParsedDocument[] = [];
    try {
      const info = templateOf(doc)!;
      const set = viewSet(info.masked, 'kickstart');
      const distinct = set.texts.map((_, k) => k).filter((k) => set.same[k] < 0);
      for (const k of distinct) views.push(new ParsedDocument('/g/ks.cfg.j2', 'kickstart', set.texts[k]));
      if (distinct.length > 1 && kickstartHandler.branchFindings!(unionDocument(doc, info), views.map((v, j) => ({ doc: v, blanked: set.blanked[distinct[j]] })), {})) sharedTaken++;
    } finally {
      for (const v of views) v.dispose();
      doc.dispose();
    }
  }
  // Many generated templates do share (the comparison above is not only of the slow way with
  // itself); the others have one view, evidence for their release in a branch, or a %end in one.
  assert.ok(sharedTaken >= 20, `${sharedTaken} of 150 shared`);
});

test('a section header in a branch for releases is checked as them: %anaconda under `>= 9` is deprecated in RHEL 9, removed in RHEL 10; under `== 8` nothing', () => {
  const t = (cond: string) => `${BASE}<% if ${cond} -%>\n%anaconda\npwpolicy root --minlen=6\n%end\n<% end -%>\ntimezone UTC\n`;
  assert.deepEqual(codes('/t/provision.ks.erb', t('os_major >= 9')).sort(), ['deprecated-section@8', 'removed-section@8']);
  assert.deepEqual(codes('/t/provision.ks.erb', t('os_major == 8')), []);
});
