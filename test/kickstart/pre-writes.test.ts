// Issue 23, item 4: what a %pre writes into the files the kickstart includes, includes read from
// beside the kickstart, unresolved includes, and wipes hidden behind options. The guard analysis
// on the real tree-sitter-bash parse; the rules on real-shaped kickstarts
// (test/fixtures/kickstart/includes, sources in its README) and on real oVirt imgbased templates
// read from disk through the same include reader the CLI and the server use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/analyze';
import type { AnalysisOptions, Finding } from '../../server/src/core/types';
import { analyzeScript } from '../../server/src/kickstart/guard';
import { includeReaderFor } from '../../server/src/include-reader';
import { loadAll } from '../../server/src/syntax/treesitter';
import { LspClient } from '../lsp/client';

const root = join(__dirname, '..', '..', '..', '..');
const dir = join(root, 'test/fixtures/kickstart/includes');
const path = (name: string): string => join(dir, name);
const fixture = (name: string): string => readFileSync(path(name), 'utf8');

before(async () => {
  await loadAll();
});

/** Analyse a fixture as the CLI does: from its path, with the include reader, or from text only. */
function check(name: string, fromDisk = true, target = 'rhel9'): Finding[] {
  const options: AnalysisOptions = { target, ...(fromDisk ? { readInclude: includeReaderFor(path(name)) } : {}) };
  return analyzeText(pathToFileURL(path(name)).href, 'kickstart', fixture(name), options);
}
const checkText = (text: string): Finding[] => analyzeText('file:///inline.ks', 'kickstart', text, { target: 'rhel9' });
const of = (fs: Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);
const at = (f: Finding): string => `${f.code}@${f.range.start.line + 1}`;
const writes = (body: string) => analyzeScript(body).writes.map((w) => [w.path, w.text, w.append]);
const wipes = (body: string) => analyzeScript(body).wipes.map((w) => `${w.tool} ${w.width} ${w.disks}`);

// ---- the guard analysis: writes ----

test('writes: heredocs with the redirect after the delimiter, with and without blanks', () => {
  assert.deepEqual(writes('cat <<EOF > /tmp/part.ks\nignoredisk --only-use=sda\nEOF\n'), [['/tmp/part.ks', 'ignoredisk --only-use=sda\n', false]]);
  // bash ends the delimiter at `>`; the grammar alone would swallow the rest of the script.
  const body = 'cat<<EOF>>/tmp/part.ks\nclearpart --all --drives=sda\nEOF\nwipefs -a /dev/sdb\n';
  const a = analyzeScript(body);
  assert.deepEqual(a.writes.map((w) => [w.path, w.text, w.append]), [['/tmp/part.ks', 'clearpart --all --drives=sda\n', true]]);
  // Offsets are the script's own (the blank inserted for the parse is mapped back).
  assert.equal(body.slice(a.wipes[0].start, a.wipes[0].end), 'wipefs -a /dev/sdb');
  assert.equal(body.slice(a.writes[0].start, a.writes[0].start + 22), 'cat<<EOF>>/tmp/part.ks');
});

test('writes: tee from a heredoc and from a pipeline, printf formats, loops and blocks', () => {
  assert.deepEqual(writes('tee /tmp/p.ks <<EOF\nclearpart --all\nEOF\n'), [['/tmp/p.ks', 'clearpart --all\n', false]]);
  assert.deepEqual(writes('cat <<EOF | tee -a /tmp/p.ks\nzerombr\nEOF\n'), [['/tmp/p.ks', 'zerombr\n', true]]);
  assert.deepEqual(writes('echo "ignoredisk --only-use=$d" | tee /tmp/p.ks >/dev/null\n'), [['/tmp/p.ks', 'ignoredisk --only-use=$d\n', false]]);
  assert.deepEqual(writes("printf 'part %s --size=%s\\n' / 100 swap 2048 > /tmp/p.ks\n"), [['/tmp/p.ks', 'part / --size=100\npart swap --size=2048\n', false]]);
  assert.deepEqual(writes('for d in sda sdb; do\n  echo "part pv.$d --ondisk=$d"\ndone > /tmp/p.ks\n'), [['/tmp/p.ks', 'part pv.$d --ondisk=$d\n', false]]);
  assert.deepEqual(writes('{ echo zerombr; echo "ignoredisk --only-use=$d"; } > /tmp/p.ks\n'), [['/tmp/p.ks', 'zerombr\nignoredisk --only-use=$d\n', false]]);
  // Output redirected elsewhere inside the loop is not the loop's.
  assert.deepEqual(writes('for d in a; do echo x > /tmp/log; echo "part /"; done > /tmp/p.ks\n'), [['/tmp/p.ks', 'part /\n', false], ['/tmp/log', 'x\n', false]]);
});

test('writes whose content cannot be read: programs fed a heredoc, downloads, copies', () => {
  const a = analyzeScript("python3 << 'PYEOF' > /tmp/layout.ks\nprint('part /')\nPYEOF\ncurl -s -o /tmp/net.ks http://cfg/$(hostname).ks\ncp /run/install/repo/disks.ks /tmp/disks.ks\ncat /run/install/repo/site.ks > /tmp/site.ks\n");
  assert.deepEqual(
    a.writes.map((w) => [w.path, w.text, w.from]),
    [
      ['/tmp/layout.ks', '', 'printed by python3'],
      ['/tmp/site.ks', '', 'copied by cat from /run/install/repo/site.ks'],
      ['/tmp/net.ks', '', 'downloaded by curl from http://cfg/$(hostname).ks'],
      ['/tmp/disks.ks', '', 'copied by cp from /run/install/repo/disks.ks'],
    ],
  );
});

// ---- the guard analysis: wipes behind options ----

test('wipes behind options and in loops over brace expansions', () => {
  assert.deepEqual(wipes('parted -s -a optimal /dev/vda -- mklabel gpt\n'), ['parted disk /dev/vda']);
  assert.deepEqual(wipes('parted --script --align=optimal /dev/sdb mklabel msdos\n'), ['parted disk /dev/sdb']);
  assert.deepEqual(wipes('sgdisk -Z -o /dev/vdb\n'), ['sgdisk disk /dev/vdb']);
  assert.deepEqual(wipes('wipefs -af /dev/vdc\n'), ['wipefs disk /dev/vdc']);
  assert.deepEqual(wipes('dd bs=1M count=10 if=/dev/zero of=/dev/vdd conv=fsync\n'), ['dd disk /dev/vdd']);
  assert.deepEqual(wipes('for d in sd{a,b,c}; do wipefs -a /dev/$d; done\n'), ['wipefs disk /dev/sda, /dev/sdb, /dev/sdc']);
  assert.deepEqual(wipes('for d in /dev/nvme{0..2}n1; do dd if=/dev/zero of=$d bs=1M count=1; done\n'), ['dd disk /dev/nvme0n1, /dev/nvme1n1, /dev/nvme2n1']);
  assert.deepEqual(wipes('wipefs -a /dev/vd{a..c}\n'), ['wipefs disk /dev/vda, /dev/vdb, /dev/vdc']);
  // Not wipes: a print, a partition, quoted braces (no expansion), parted without mklabel.
  assert.deepEqual(wipes('parted -s -a optimal /dev/vda -- print\nwipefs -a /dev/sda1\nfor d in "sd{a,b}"; do wipefs -a /dev/$d; done\n'), []);
});

test('unguarded-pre-wipe on the fixture names every wiped disk', () => {
  const fs = of(check('pre-wipe-options.ks'), 'unguarded-pre-wipe');
  assert.deepEqual(fs.map(at), ['unguarded-pre-wipe@14']);
  assert.match(fs[0].message, /\/dev\/vda; \/dev\/vdb; \/dev\/vdc; \/dev\/vdd; \/dev\/sda, \/dev\/sdb, \/dev\/sdc/);
  assert.equal(fs[0].related?.length, 5);
});

test('real AlmaLinux cloud kickstarts: parted -s -a optimal /dev/sda -- mklabel gpt in %pre is a wipe', () => {
  for (const [rel, line] of [['RHEL9/almalinux-9.azure-x86_64.ks', 15], ['RHEL8/almalinux-8.gencloud-x86_64.ks', 29], ['RHEL10/almalinux-10.oci-x86_64.ks', 15]] as const) {
    const file = join(root, 'test/fixtures/kickstart/real', rel);
    const fs = analyzeText(pathToFileURL(file).href, 'kickstart', readFileSync(file, 'utf8'), { readInclude: includeReaderFor(file) });
    const w = of(fs, 'unguarded-pre-wipe');
    assert.deepEqual(w.map(at), [`unguarded-pre-wipe@${line}`], rel);
    assert.match(w[0].message, /wipes \/dev\/[sv]da \(`parted -s -a optimal \/dev\/[sv]da -- mklabel gpt`\)/, rel);
  }
});

// ---- scopes written by a %pre ----

test('an ignoredisk --only-use that a %pre writes into an included file scopes zerombr and clearpart, and says from where', () => {
  const fs = check('pre-onlyuse-echo.ks', false, 'rhel6');
  assert.deepEqual(of(fs, 'unscoped-zerombr'), []);
  assert.deepEqual(of(fs, 'unguarded-clearpart'), []);
  const d = of(fs, 'dynamic-partitioning');
  assert.deepEqual(d.map(at), ['dynamic-partitioning@8', 'dynamic-partitioning@12', 'dynamic-partitioning@13']);
  assert.match(d[0].message, /by the %pre on line 22 into \/tmp\/disk-scope; the generated `ignoredisk --only-use=\$d` scopes clearpart \(line 11\) and zerombr \(line 10\)/);
  assert.equal(d[0].severity, 'info');
  // pv.01 comes from the text the %pre writes; datavg from nowhere: info, no claim the install stops.
  assert.deepEqual(of(fs, 'undefined-pv'), []);
  const vg = of(fs, 'undefined-volgroup');
  assert.deepEqual(vg.map((f) => `${at(f)}:${f.severity}`), ['undefined-volgroup@16:info']);
  assert.doesNotMatch(vg[0].message, /stops/);
  // Without the written scope the warnings are back (the test can fail).
  const bare = checkText(fixture('pre-onlyuse-echo.ks').replace('echo "ignoredisk --only-use=$d" > /tmp/disk-scope\n', ''));
  assert.deepEqual([...of(bare, 'unscoped-zerombr'), ...of(bare, 'unguarded-clearpart')].map(at).sort(), ['unguarded-clearpart@11', 'unscoped-zerombr@10']);
});

test('the whole storage written with cat<<EOF>> is read, scope included', () => {
  const fs = check('pre-heredoc-append.ks', false);
  assert.deepEqual(fs.filter((f) => f.severity !== 'hint').map(at), ['dynamic-partitioning@8']);
  assert.match(fs.find((f) => f.code === 'dynamic-partitioning')!.message, /the generated `ignoredisk --only-use=\/dev\/sda` limits the install to the disks it names;/);
});

test('a Python %pre that writes the included file: its content cannot be read, not "nothing writes it"', () => {
  const fs = check('pre-python-writes.ks', false);
  assert.deepEqual(of(fs, 'unchecked-include'), []);
  const d = of(fs, 'dynamic-partitioning');
  assert.deepEqual(d.map(at), ['dynamic-partitioning@10']);
  assert.match(d[0].message, /\/tmp\/partitioning\.ks is written at install time by the %pre on line 12 \(\/usr\/bin\/python3\); its content cannot be read here/);
  // What Python writes is unknown: the scope it may write does not silence the warnings.
  assert.deepEqual([...of(fs, 'unscoped-zerombr'), ...of(fs, 'unguarded-clearpart')].map(at).sort(), ['unguarded-clearpart@9', 'unscoped-zerombr@8']);
});

test('a shell %pre that writes a Python script and runs it: "cannot be read", not "nothing writes it"', () => {
  const py = "open('/tmp/dynamic.ks', 'w').write('ignoredisk --only-use=vda\\nautopart\\n')";
  const ks = `zerombr\n%include /tmp/dynamic.ks\n%pre --erroronfail\ncat << 'EOT' > /tmp/pre.py\n${py}\nEOT\npython3 /tmp/pre.py\n%end\n`;
  const fs = checkText(ks);
  assert.deepEqual(of(fs, 'unchecked-include'), []);
  const d = of(fs, 'dynamic-partitioning');
  assert.deepEqual(d.map(at), ['dynamic-partitioning@2']);
  assert.match(d[0].message, /written at install time by the %pre on line 3 \(which names it and runs a script that writes it\)/);
  // The real file: Linuxfabrik's lf-rhel.cfg writes /tmp/dynamic.ks from a Python script its bash %pre runs.
  const real = readFileSync(join(root, 'test/fixtures/kickstart/real/RHEL10/linuxfabrik-lf-rhel.cfg'), 'utf8');
  const rf = analyzeText('file:///home/me/kickstart/lf-rhel.cfg', 'kickstart', real, {});
  assert.deepEqual(of(rf, 'unchecked-include'), []);
  assert.deepEqual(of(rf, 'dynamic-partitioning').map(at), ['dynamic-partitioning@72']);
  // A shell %pre that does not name the file still leaves it unchecked.
  assert.deepEqual(of(checkText(ks.replace("'/tmp/dynamic.ks'", "'/tmp/other.ks'")), 'unchecked-include').map(at), ['unchecked-include@2']);
});

test('real CentOS 7 kickstart: a %pre that writes the network line in a loop is neither unchecked nor storage', () => {
  const fs = check('gacko-install/centos.ks', true, 'rhel7');
  const safety = ['unchecked-include', 'dynamic-partitioning', 'unguarded-clearpart', 'unscoped-zerombr', 'unguarded-pre-wipe'];
  assert.deepEqual(fs.filter((f) => safety.includes(f.code)).map(at), []);
  assert.deepEqual(analyzeScript(fixture('gacko-install/centos.ks').split('%pre\n')[1].split('%end')[0]).writes.map((w) => [w.path, w.text]), [['/tmp/network.ks', 'network --$argument\n']]);
});

// ---- includes read from beside the kickstart ----

test('real oVirt imgbased template: ../partial includes are read from beside it, as ksflatten does', () => {
  const name = 'ovirt-imgbased/template/installation.ks';
  assert.deepEqual(of(check(name), 'unchecked-include'), []);
  // From text alone (no folder) the same includes cannot be read.
  const textOnly = of(check(name, false), 'unchecked-include');
  assert.deepEqual(textOnly.map(at), ['unchecked-include@2']);
  assert.equal(textOnly[0].related?.length, 2);
});

test('storage in an included partial: its definitions count, its clearpart is reported at the %include', () => {
  const name = 'ovirt-imgbased/template/storage-from-partial.ks';
  const fs = check(name);
  assert.deepEqual(fs.filter((f) => f.severity !== 'hint').map(at), ['unguarded-clearpart@4']);
  assert.match(fs[0].message, /^\.\.\/partial\/storage\.ks \(read from .*partial\/storage\.ks\) has `clearpart --all` on its line 1/);
  // A volgroup here that names the partial's PV is defined; one naming another is an error again
  // (every include was read: nothing else can define it).
  const withVg = checkText(`${fixture(name)}volgroup extra pv.99\n`);
  assert.equal(of(withVg, 'undefined-pv')[0]?.severity, 'info');
  const both = analyzeText(pathToFileURL(path(name)).href, 'kickstart', `${fixture(name)}volgroup HostVG2 pv.01\nvolgroup extra pv.99\n`, { target: 'rhel9', readInclude: includeReaderFor(path(name)) });
  assert.deepEqual(of(both, 'undefined-pv').map((f) => `${at(f)}:${f.severity}`), ['undefined-pv@7:error']);
});

test('the include reader: relative paths beside the including file only; no folders, absolute paths or URLs', () => {
  const main = path('ovirt-imgbased/template/installation.ks');
  const read = includeReaderFor(main);
  assert.equal(read('../partial/header.ks')?.file, path('ovirt-imgbased/partial/header.ks'));
  // A nested include is looked up beside the file that includes it.
  assert.equal(read('storage.ks', path('ovirt-imgbased/partial/header.ks'))?.file, path('ovirt-imgbased/partial/storage.ks'));
  for (const p of ['../partial', path('ovirt-imgbased/partial/header.ks'), '/tmp/part-include', 'missing.ks']) assert.equal(read(p), undefined, p);
});

test('undefined-pv after an unresolved %include is info and does not say the install stops', () => {
  const fs = checkText('%include /tmp/part-include\nvolgroup vg0 pv.01\nlogvol / --vgname=vg0 --name=root --size=1000\n');
  assert.deepEqual(fs.filter((f) => f.code === 'undefined-pv').map((f) => `${at(f)}:${f.severity}`), ['undefined-pv@2:info']);
  assert.doesNotMatch(fs.find((f) => f.code === 'undefined-pv')!.message, /stops/);
  // No include at all: the install does stop.
  const none = checkText('volgroup vg0 pv.01\nlogvol / --vgname=vg0 --name=root --size=1000\n');
  assert.equal(none.find((f) => f.code === 'undefined-pv')?.severity, 'error');
});

test('the CLI reads includes beside the file it checks', () => {
  const bin = join(root, 'bin', 'blockwise.js');
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', path('ovirt-imgbased/template/storage-from-partial.ks')], { encoding: 'utf8' });
  const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[])[0].diagnostics.map((f) => f.code);
  assert.ok(codes.includes('unguarded-clearpart'), r.stdout);
  assert.ok(!codes.includes('unchecked-include'), r.stdout);
});

test('the language server reads includes beside a file: document', async () => {
  const c = LspClient.start();
  after(() => c.kill());
  await c.initialize();
  const name = 'ovirt-imgbased/template/storage-from-partial.ks';
  const uri = pathToFileURL(path(name)).href;
  await c.open(uri, 'kickstart', fixture(name));
  const p = await c.waitDiagnostics(uri);
  const codes = p.diagnostics.map((d: Diagnostic) => d.code);
  assert.ok(codes.includes('unguarded-clearpart'), JSON.stringify(codes));
  assert.ok(!codes.includes('unchecked-include'), JSON.stringify(codes));
  // The same text under an untitled URI has no folder: the include is unchecked.
  await c.open('untitled:Untitled-1', 'kickstart', fixture(name));
  const u = await c.waitDiagnostics('untitled:Untitled-1');
  assert.ok(u.diagnostics.some((d: Diagnostic) => d.code === 'unchecked-include'));
  await c.shutdown();
});
