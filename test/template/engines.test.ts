// Each engine's syntax through the masking layer, branches, malformed templates (at most one
// finding from the malformation, never a crash) and the cost of many branches.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analyze';
import { loadAll } from '../../server/src/syntax/treesitter';
import { detectLanguage } from '../../server/src/languages';
import { walkLanguage } from '../../server/src/checkfiles';
import { maskTemplate } from '../../server/src/template/mask';
import { engineOf } from '../../server/src/template/engines';
import { viewCount } from '../../server/src/template/views';

before(async () => {
  await loadAll();
});

const ks = (name: string, text: string) => analyzeText(name, 'kickstart', text);
const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();
const BASE = 'lang en_US.UTF-8\nkeyboard us\ntimezone UTC\nrootpw --lock\n';

test('detection: the inner name decides, content and Foreman headers too', () => {
  assert.equal(detectLanguage('roles/x/templates/ks.cfg.j2'), 'kickstart');
  assert.equal(detectLanguage('web.ks.erb'), 'kickstart');
  assert.equal(detectLanguage('a-ks.cfg.pkrtpl.hcl'), 'kickstart');
  assert.equal(detectLanguage('x.ks.template'), 'kickstart');
  assert.equal(detectLanguage('fedora.ks.in'), 'kickstart');
  assert.equal(detectLanguage('lvm.conf.j2'), 'lvm-conf');
  assert.equal(detectLanguage('lvm.conf.erb'), 'lvm-conf');
  assert.equal(detectLanguage('lvm.conf.in'), 'lvm-conf');
  assert.equal(detectLanguage('kickstart_default.erb', '<%#\nkind: ptable\nname: Kickstart default\n%>\nzerombr\nclearpart --all\nautopart\n'), 'kickstart');
  assert.equal(detectLanguage('preseed_default.erb', '<%#\nkind: ptable\nname: Preseed default\n%>\nd-i partman-auto/method string lvm\n'), undefined);
  assert.equal(walkLanguage('/srv/salt/partition', () => '{% if grains.x %}\nclearpart --all\n{% endif %}\npart / --size 1\nautopart\n%packages\n%end\n'), 'kickstart');
  assert.equal(walkLanguage('/srv/Makefile.in', () => 'all:\n\t@CC@ -o x x.c\n'), undefined);
  assert.equal(engineOf('ks.cfg', 'part / --size={{ size }}\n{% if x %}\n{% endif %}\n'), 'jinja');
  assert.equal(engineOf('ks.cfg', '%post\nrpm -qa --qf "%{NAME}\\n"\n%end\n'), undefined, 'rpm query formats are no HCL');
});

test('masking keeps every offset and line break', () => {
  const text = 'part / --size={{ s }}\n{% if a -%}\nclearpart --all\n{%- endif %}\n{# c #}\n';
  const m = maskTemplate(text, 'jinja', 'kickstart');
  assert.equal(m.text.length, text.length);
  assert.equal(m.text.split('\n').length, text.split('\n').length - 2, 'whitespace control joined two lines');
  assert.ok(m.text.startsWith('part / --size=xxxxxxx\n'));
});

test('Jinja2: expressions are opaque values, never extra arguments or invalid values', () => {
  const f = ks('ks.cfg.j2', `${BASE}lang {{ ks_locale }}\npart / --size={{ root_size }} --fstype={{ fs }}\nnetwork {{ net_opts }}\nignoredisk --only-use={{ disk }}\nclearpart --all --drives={{ disk }}\n%packages\n{{ pkgs | join('\\n') }}\n%end\n`);
  // no-stage1-place: a layout finding of the default release (RHEL 10 relabels a cleared BIOS disk GPT), not a template one.
  assert.deepEqual(codes(f).filter((c) => c !== 'template-unknown-content' && c !== 'clearpart-redefined' && c !== 'no-stage1-place'), []);
});

test('ERB: Foreman section_end is %end, the metadata header is no kickstart line', () => {
  const f = ks('provision.erb', `<%#\nkind: provision\nname: Kickstart test\noses:\n- RedHat\n%>\n${BASE}ignoredisk --only-use=sda\nclearpart --all\nautopart\n%packages\n@core\n<%= section_end -%>\n\n%post\n<%= snippet 'x' %>\n<%= section_end -%>\n`);
  assert.deepEqual(codes(f), ['template-unknown-content']);
});

test('ERB: a #Dynamic partition table is %pre shell', () => {
  const f = ks('ptable.erb', `<%#\nkind: ptable\nname: Kickstart dynamic\n%>\n#Dynamic\nfor d in $(lsblk -dno NAME); do\n  dd if=/dev/zero of=/dev/$d bs=1M count=10\ndone\n`);
  assert.ok(codes(f).includes('unguarded-pre-wipe'), JSON.stringify(codes(f)));
});

test('ERB: a #Dynamic line after a header closed with -%> is still %pre shell (Foreman reads the source)', () => {
  // Foreman's own "Kickstart dynamic" table: two `<%# -%>` comments, then the marker.
  const f = ks('ptable.erb', `<%#\nkind: ptable\nname: Kickstart dynamic\n-%>\n<%#\nnotes\n-%>\n#Dynamic (do not remove this line)\nMEM=$((1+2))\ncat <<EOF > /tmp/diskpart.cfg\npart / --size "$MEM"\nEOF\n`);
  assert.deepEqual(codes(f), []);
  const w = ks('ptable.erb', `<%#\nkind: ptable\n-%>\n#Dynamic\nfor d in $(lsblk -dno NAME); do\n  dd if=/dev/zero of=/dev/$d bs=1M count=10\ndone\n`);
  assert.ok(codes(w).includes('unguarded-pre-wipe'), JSON.stringify(codes(w)));
});

test('HCL: branches joined into one line by `~` split that line (vSphere storage.pkrtpl.hcl)', () => {
  const t = `${BASE}ignoredisk --only-use=sda\nclearpart --all\npart /boot --size=512\n%{ for p in parts ~}\npart\n%{~ if p.vg != "" ~}\n pv.\${p.vg}\n%{~ else ~}\n%{~ if p.fstype == "swap" ~}\n swap\n%{~ else ~}\n \${p.path}\n%{~ endif ~}\n%{~ endif ~}\n --size=100\n%{ endfor ~}\n`;
  assert.deepEqual(codes(ks('storage-ks.cfg.pkrtpl.hcl', t)).filter((c) => c !== 'template-unknown-content' && c !== 'no-stage1-place'), []);
});

test('Jinja2: a branch glued inside a word is part of that word (`--location={% if efi %}partition{% else %}mbr{% endif %}`)', () => {
  const t = `${BASE}ignoredisk --only-use=sda\nclearpart --all\nbootloader --location={% if efi %}partition{% else %}mbr{% endif %} --append="quiet"\npart /boot --size=512\npart / --size=1000\npart swap --size=100\n`;
  assert.deepEqual(codes(ks('ks.cfg.j2', t)).filter((c) => c !== 'no-stage1-place'), []);
  // With a blank after `=` the branch is a word of its own: an argument the option does not take.
  assert.ok(codes(ks('ks.cfg.j2', t.replace('--location={% if', '--location= {% if'))).includes('unexpected-argument'));
});

test('a snippet with / on LVM and no /boot: the /boot is the including template\'s (FlossWare Cobbler)', () => {
  const t = `#for $d in $disks\npart pv.$d --grow --ondisk=$d --size=10\n#end for\nvolgroup vg0 pv.1\nlogvol / --fstype=xfs --name=root --vgname=vg0 --size=1024 --grow\n`;
  assert.deepEqual(codes(ks('/srv/cobbler/snippets/lvm', t)), []);
  // /boot itself on a logical volume is wrong wherever the rest comes from.
  assert.ok(codes(ks('/srv/cobbler/snippets/lvm', t + 'logvol /boot --fstype=xfs --name=boot --vgname=vg0 --size=512\n')).includes('boot-on-lv'));
});

test('ERB: `ignoredisk <%= opts %>` under a branch may be a guard: clearpart is unguarded only where it does not render', () => {
  const t = `<%#\nkind: ptable\nname: Kickstart default\n-%>\n<% if host_param('ignoredisk_options') %>\nignoredisk <%= host_param('ignoredisk_options') %>\n<% end %>\nzerombr\nclearpart --all --initlabel\nautopart\n`;
  const f = ks('kickstart_default.erb', t).filter((x) => x.code === 'unguarded-clearpart' || x.code === 'unscoped-zerombr');
  assert.equal(f.length, 2);
  for (const x of f) assert.match(x.message, /when none of the branches of `<% if host_param\('ignoredisk_options'\) %>` \(line 5\) is taken/);
});

test('Cheetah: $var, ${var}, $getVar(), \\$ escapes, #raw and ## comments', () => {
  const f = ks('sample.ks.template', `${BASE}url --url=$tree\nnetwork --hostname=\${hostname}\n## a Cheetah comment\n#raw\n#end raw\nignoredisk --only-use=$getVar('disk', 'sda')\nclearpart --all\nautopart\n%pre\n$SNIPPET('pre_install_network_config')\nfor i in \\$(ls /dev/sd?); do echo \\$i; done\n%end\n`);
  assert.deepEqual(codes(f), ['template-unknown-content']);
});

test('Cheetah branches: a guard in two of four branches does not count for the others', () => {
  const text = `${BASE}#if $disk == 'a'\nignoredisk --only-use=sda\n#elif $disk == 'b'\nignoredisk --only-use=sdb\n#elif $disk == 'c'\nautopart\n#else\nreqpart\n#end if\nclearpart --all\npart / --size=1 --grow\n`;
  const f = ks('x.ks.template', text).filter((x) => x.code === 'unguarded-clearpart');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /when .*#elif \$disk == 'c'.* or .*#else/);
});

test('inline branches are exclusive too; other branches keep one view', () => {
  const f = ks('ks.cfg.j2', `${BASE}firewall\n{%- if off %} --disabled\n{%- else %} --enabled --port=22:tcp{% endif %}\n{% if a %}\nfirewall --enabled\n{% else %}\nfirewall --disabled\n{% endif %}\nignoredisk --only-use=sda\nclearpart --all\nautopart\n`);
  assert.deepEqual(codes(f).filter((c) => c !== 'option-conflict' || true).filter((c) => c === 'option-conflict'), []);
  assert.equal(viewCount(maskTemplate('{% if a %}\nfirewall --enabled\n{% else %}\nfirewall --disabled\n{% endif %}\n', 'jinja', 'kickstart'), 'kickstart'), 1);
});

test('exclusive branches never redefine each other; literal risks say "in every rendering"', () => {
  const text = `${BASE}{% if raid %}\nclearpart --all --drives=sda,sdb\n{% else %}\nclearpart --all --drives=sda\n{% endif %}\nzerombr\npart / --size=1 --grow\n`;
  const f = ks('ks.cfg.j2', text);
  assert.ok(!codes(f).includes('clearpart-redefined'), JSON.stringify(codes(f)));
  const z = f.find((x) => x.code === 'unscoped-zerombr');
  assert.ok(z && /in every rendering/.test(z.message));
  const plain = ks('ks.cfg.j2', `${BASE}{% if raid %}\npart raid.1 --size=1\n{% endif %}\nclearpart --all\npart / --size=1 --grow\n`).find((x) => x.code === 'unguarded-clearpart');
  assert.ok(plain && /in every rendering/.test(plain.message));
});

test('a risk inside a branch says which branch', () => {
  const f = ks('ks.cfg.j2', `${BASE}ignoredisk --only-use=sda\n{% if wipe %}\n%pre\nwipefs -a /dev/sdb\n%end\n{% endif %}\npart / --size=1 --grow\n`).find((x) => x.code === 'unguarded-pre-wipe');
  assert.ok(f && /when `\{% if wipe %\}`/.test(f.message), f?.message);
});

test('Go text/template and HCL templatefile', () => {
  const go = ks('ks.cfg.tmpl', `${BASE}{{/* a comment */}}\n{{- if .Disk }}\nignoredisk --only-use={{ .Disk }}\n{{- end }}\n{{template "storage" .}}\n`);
  assert.deepEqual(codes(go), ['template-unknown-content']);
  const hcl = ks('x-ks.cfg.pkrtpl.hcl', `${BASE}ignoredisk --only-use=\${disk}\nclearpart --all --drives=\${disk}\n%{ for p in parts ~}\npart \${p.mount} --size=\${p.size}\n%{ endfor ~}\n%post\necho $\${HOME}\n%end\n`);
  assert.deepEqual(codes(hcl), []);
});

test('@VAR@ and ##Var##', () => {
  assert.deepEqual(codes(ks('t.ks.in', `${BASE}url --url=@KSTEST_URL@\nignoredisk --only-use=vda\nclearpart --all\nautopart\n`)), []);
  assert.deepEqual(codes(ks('openqa.ks', `${BASE}ignoredisk --only-use=##DISK##\nclearpart --all --disklabel ##Disk-Label##\nautopart\n`)).filter((c) => c !== 'unknown-option'), []);
});

test('release conditions are evidence per branch', () => {
  const f = ks('x.ks.erb', `#version=RHEL9\n${BASE}<% if os_major <= 7 -%>\ninstall\n<% end -%>\nignoredisk --only-use=sda\nclearpart --all\nautopart\n`);
  assert.ok(!f.some((x) => /removed-command|deprecated-command|version-unsupported/.test(x.code)), JSON.stringify(codes(f)));
});

test('lvm.conf: a quoted Jinja join and {{ }} in a string do not end the parse; literal risks still found', () => {
  const f = analyzeText('lvm.conf.j2', 'lvm-conf', `devices {\n  filter = [ {{ devs|join(', ') }} ]\n  global_filter = [ "a|{{ dev }}|", "r|.*|" ]\n}\nbackup {\n  archive = 0\n  retain_min = {{ n }}\n}\nbackpu {\n  backup = 1\n}\n`);
  assert.deepEqual(codes(f).filter((c) => c !== 'unanchored-filter'), ['backup-disabled', 'unknown-section']);
});

test('malformed: at most one finding from the malformation, never a crash', () => {
  const cases: [string, 'kickstart' | 'lvm-conf', string][] = [
    ['ks.cfg.j2', 'kickstart', `${BASE}ignoredisk --only-use=sda\nclearpart --all\nautopart\n{% if x\nfirewall --disabled\n`],
    ['ks.erb', 'kickstart', `${BASE}ignoredisk --only-use=sda\nclearpart --all\nautopart\n%pre\ncat <<EOF > /tmp/x\n<% broken\nEOF\n%end\n`],
    ['lvm.conf.j2', 'lvm-conf', `devices {\n  filter = [ "a|{{ dev|", "r|.*|" ]\n}\n`],
    ['x.ks.template', 'kickstart', `${BASE}#if $x\nignoredisk --only-use=sda\nclearpart --all\nautopart\n`],
    ['ks.cfg.j2', 'kickstart', `${BASE}{% endif %}\nignoredisk --only-use=sda\nclearpart --all\nautopart\n`],
    // An unclosed Cheetah `#*` comment runs to the end: its lines are no kickstart lines.
    ['x.ks.template', 'kickstart', `${BASE}ignoredisk --only-use=sda\nclearpart --all\nautopart\n#* notes:\nwe wipe sda\nthen sdb\n`],
    // A tag word that is an Object.prototype name is no block word.
    ['ks.cfg.j2', 'kickstart', `${BASE}ignoredisk --only-use=sda\nclearpart --all\nautopart\n{% constructor %}\n{% toString %}\n`],
  ];
  for (const [name, lang, text] of cases) {
    const f = analyzeText(name, lang, text);
    const other = f.filter((x) => x.code !== 'template-unknown-content');
    assert.ok(other.length <= 1, `${name}: ${JSON.stringify(other.map((x) => `${x.code} ${x.message}`))}`);
    assert.ok(!f.some((x) => x.code === 'internal-error'));
  }
});

test('30 independent ifs are 2 views, not 2^30; 1,000 ifs stay linear', () => {
  let t = BASE;
  for (let i = 0; i < 30; i++) t += `{% if f${i} %}\nlogvol /d${i} --vgname=vg --name=d${i} --size=1\n{% endif %}\n`;
  const m = maskTemplate(t, 'jinja', 'kickstart');
  assert.equal(viewCount(m, 'kickstart'), 2);
  assert.equal(m.chains.length, 30);
  let big = BASE;
  for (let i = 0; i < 1000; i++) big += `{% if f${i} %}\nlogvol /d${i} --vgname=vg --name=d${i} --size=1\n{% else %}\nlogvol /d${i} --vgname=vg --name=d${i} --size=2\n{% endif %}\n`;
  const mb = maskTemplate(big, 'jinja', 'kickstart');
  assert.equal(viewCount(mb, 'kickstart'), 2);
  assert.equal(mb.text.length, big.length);
});

test('hostile templates: no crash, at most one template finding, linear scans', () => {
  const cases: [string, 'kickstart' | 'lvm-conf', string][] = [
    ['ks.cfg.j2', 'kickstart', '{{ '.repeat(100000)],
    // Unclosed comments: the search for `#}` is made once, not once per opener (was quadratic).
    ['ks.cfg.j2', 'kickstart', '{#'.repeat(100000)],
    ['ks.cfg.j2', 'kickstart', `${BASE}${'{% if x %}\n'.repeat(20000)}clearpart --all\n`],
    ['ks.erb', 'kickstart', `<%${' x'.repeat(200000)}\n`],
    ['x.ks.template', 'kickstart', `${'$('.repeat(100000)}\n`],
    ['lvm.conf.j2', 'lvm-conf', `devices {\n  filter = [ "${'{{'.repeat(50000)}" ]\n}\n`],
    ['x.pkrtpl.hcl', 'kickstart', `${'%{ if a }'.repeat(30000)}\n`],
    ['ks.cfg', 'kickstart', '#if $x\n'.repeat(20000)],
    ['ks.cfg', 'kickstart', `<%#\n${'kind: x\n'.repeat(10000)}`],
  ];
  for (const [name, lang, text] of cases) {
    const f = analyzeText(name, lang, text);
    assert.ok(!f.some((x) => x.code === 'internal-error'), name);
    assert.ok(f.filter((x) => x.code === 'template-syntax').length <= 1, name);
  }
});

test('openQA ##Var##: an unclosed placeholder gives at most one finding, never a crash; a `##` comment is no placeholder', () => {
  // A plain kickstart's `## heading` comments are not openQA markers.
  assert.equal(engineOf('ks.cfg', `## Partitioning\n${BASE}ignoredisk --only-use=sda\nclearpart --all\nautopart\n`), undefined);
  const cases = [
    `${BASE}ignoredisk --only-use=##DISK##\nclearpart --all --disklabel ##Disk-Label\nautopart\nnetwork --hostname=##Host-Name##\n`,
    `${BASE}ignoredisk --only-use=##DISK\nclearpart --all --drives=##DISK##\nautopart\n`,
    `${BASE}ignoredisk --only-use=##DISK##\nclearpart --all --drives=##DISK##\nautopart\nlogging --level debug --host ##Logging-HostName --port ##Logging-HostPort##\n`,
  ];
  for (const text of cases) {
    assert.equal(engineOf('openqa.ks', text), 'openqa', text);
    const f = ks('openqa.ks', text);
    assert.ok(!f.some((x) => x.code === 'internal-error'));
    const other = f.filter((x) => x.code !== 'template-unknown-content');
    assert.ok(other.length <= 1, JSON.stringify(other.map((x) => `${x.code}@${x.range.start.line + 1} ${x.message}`)));
  }
});

test('Salt lvm.conf (a plain name, Jinja2 found by content): `{{` in a quoted string, closed or not', () => {
  const head = '{%- from "linux/map.jinja" import storage with context %}\n';
  const good = `${head}devices {\n  filter = [ "a|{{ dev }}|", "r|.*|" ]\n  global_filter = [ "a|{{ salt['pillar.get']('lvm:dev', 'sda') }}|", "r|.*|" ]\n}\nbackup {\n  archive = 0\n}\n`;
  assert.equal(engineOf('lvm.conf', good), 'jinja');
  assert.equal(walkLanguage('/srv/salt/linux/files/lvm.conf', () => good), 'lvm-conf');
  // The quoted values are opaque; the literal archive = 0 is still a risk in every rendering.
  assert.deepEqual(codes(analyzeText('lvm.conf', 'lvm-conf', good)), ['backup-disabled']);
  const bad = `${head}devices {\n  filter = [ "a|{{ dev|", "r|.*|" ]\n}\nbackup {\n  archive = 0\n}\n`;
  const f = analyzeText('lvm.conf', 'lvm-conf', bad);
  // One finding from the malformation (the unclosed tag, located on its line); the literal risk after it stays.
  assert.deepEqual(codes(f), ['backup-disabled', 'template-syntax']);
  assert.equal(f.find((x) => x.code === 'template-syntax')?.range.start.line, 2);
});
