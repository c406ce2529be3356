// Pure remote code: name validation, ssh argv, the remote command strings, the --ssh-option
// allowlist, report parsing, derived health and findings, the CLI's usage paths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RemoteClient } from '../../server/src/remote/client';
import { runHostsCommand } from '../../server/src/remote/cli';
import { buildModel, hostFindings } from '../../server/src/remote/health';
import { checkHost, checkUser, isValidLvmName, shQuote } from '../../server/src/remote/names';
import { dropTrailingCommas, parseFullReport, parseProbes, ReportError, splitSections, type LvmReport, type Row } from '../../server/src/remote/report';
import { buildListDirCommand, buildReadFileCommand, buildRefreshCommand, isAllowedRemoteFile, refreshProgram } from '../../server/src/remote/script';
import { buildSshArgv, buildTerminalArgv, checkSshOption } from '../../server/src/remote/ssh';
import { ruleDoc } from '../../server/src/core/rules';

const HOSTILE_HOSTS = [
  '-oProxyCommand=touch /tmp/bw-pwned',
  '-Fx',
  'h;touch F',
  '$(id)',
  '`id`',
  'a\nb',
  'a b',
  '',
  'x'.repeat(300),
  '-leading',
  'раssword', // Cyrillic homoglyphs
  'host/../etc',
  "it's",
  'a|b',
  '[::1]',
  'user@host',
];

test('hostile host names are rejected with the reason', () => {
  for (const h of HOSTILE_HOSTS) assert.throws(() => checkHost(h), /invalid host/, JSON.stringify(h));
  for (const h of ['db1', 'db-1.example.com', '10.0.0.1', '::1', 'fe80::1', 'bw-host-7', 'a_b']) assert.equal(checkHost(h), h);
  assert.match((() => { try { checkHost('-oProxyCommand=x'); } catch (e) { return (e as Error).message; } return ''; })(), /starts with "-"/);
  assert.match((() => { try { checkHost('раs'); } catch (e) { return (e as Error).message; } return ''; })(), /U\+0440/);
});

test('hostile user names are rejected', () => {
  for (const u of ['ro`touch F`ot', 'root;id', '-l', 'Root', '$USER', 'a b', '', 'x'.repeat(40)]) assert.throws(() => checkUser(u), /invalid user/, u);
  for (const u of ['root', 'ops', '_svc', 'deploy.bot', 'a-b']) assert.equal(checkUser(u), u);
});

test('invalid host names never spawn a process', async () => {
  const spawned: string[][] = [];
  const client = new RemoteClient({ hooks: { onSpawn: (_pid, argv) => spawned.push(argv) }, ssh: { sshPath: '/bin/false' } });
  for (const h of HOSTILE_HOSTS) {
    const r = await client.refresh({ host: h });
    assert.equal(r.ok, false);
    assert.equal(r.errorKind, 'invalid-name');
    const f = await client.readFile({ host: h }, '/etc/lvm/lvm.conf');
    assert.equal(f.ok, false);
  }
  const r = await client.refresh({ host: 'db1', user: 'ro`id`' });
  assert.equal(r.errorKind, 'invalid-name');
  assert.deepEqual(spawned, []);
});

test('ssh argv: fixed safety options, -- before the destination, one command string', () => {
  const argv = buildSshArgv({ host: 'db1', user: 'ops', port: 2222 }, 'CMD', { platform: 'linux' });
  assert.deepEqual(argv, [
    '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3',
    '-o', 'NumberOfPasswordPrompts=0', '-o', 'PermitLocalCommand=no', '-o', 'ClearAllForwardings=yes',
    '-o', 'ForwardAgent=no', '-o', 'ForwardX11=no', '-T', '-l', 'ops', '-p', '2222', '--', 'db1', 'CMD',
  ]);
  assert.ok(!argv.some((a) => /StrictHostKeyChecking/i.test(a)));
  // ControlMaster: opt-in on POSIX, forced off on Windows.
  const mux = buildSshArgv({ host: 'db1' }, 'CMD', { platform: 'linux', controlDir: '/home/u/.bw' });
  assert.ok(mux.includes('ControlMaster=auto') && mux.includes('ControlPath=/home/u/.bw/%C'));
  const win = buildSshArgv({ host: 'db1' }, 'CMD', { platform: 'win32', controlDir: 'C:/x' });
  assert.ok(win.includes('ControlMaster=no') && win.includes('ControlPath=none') && !win.includes('ControlMaster=auto'));
  const plain = buildSshArgv({ host: 'db1' }, 'CMD', { platform: 'linux' });
  assert.ok(!plain.some((a) => a.startsWith('ControlMaster')));
  assert.throws(() => buildSshArgv({ host: 'db1' }, 'CMD', { controlDir: '/tmp/a b' }));
  assert.deepEqual(buildTerminalArgv({ host: 'db1', user: 'ops' }, { platform: 'linux' }), ['-l', 'ops', '--', 'db1']);
});

test('--ssh-option allowlist', () => {
  for (const ok of ['Port=2222', 'User=ops', 'IdentityFile=/home/u/.ssh/id_ed25519', 'IdentitiesOnly=yes', 'UserKnownHostsFile=/tmp/kh', 'GlobalKnownHostsFile=/dev/null', 'ConnectTimeout=5', 'port=22'])
    assert.ok(checkSshOption(ok));
  for (const bad of [
    'ProxyCommand=touch /tmp/x', 'ProxyCommand=sh', 'LocalCommand=id', 'PermitLocalCommand=yes', 'KnownHostsCommand=/bin/true',
    'Match=exec true', 'StrictHostKeyChecking=no', 'ProxyJump=evil', 'Include=/tmp/x', 'Port=0', 'Port=x', 'User=ro`id`',
    'IdentityFile=/tmp/a b', 'IdentityFile=%d/x', 'UserKnownHostsFile=-oProxyCommand=x', 'ConnectTimeout=-1', 'Port', '=x',
  ])
    assert.throws(() => checkSshOption(bad), /invalid ssh option/, bad);
});

test('the refresh command string: exact shape, quoting, sudo -n only, json not json_std', () => {
  const nonce = '00112233445566778899aabb';
  const cmd = buildRefreshCommand({ nonce, timeoutSeconds: 60 });
  const program = refreshProgram({ nonce });
  assert.equal(cmd, `env LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1 timeout -k 5 60 sh -c '${program}' bw '${nonce}'`);
  assert.doesNotMatch(program, /['\\!\n]/);
  assert.match(program, /\$S lvm fullreport -a --reportformat json --units b --nosuffix /);
  assert.doesNotMatch(cmd, /json_std|sudo -S|sudo -[^n]/);
  assert.deepEqual([...new Set(cmd.match(/sudo -\w+/g))], ['sudo -n']);
  assert.match(program, /S="sudo -n"/);
  assert.match(program, /head -n 100001 \| wc -l/); // bounded archive count, names never printed
  assert.match(program, /--configreport lv -o lv_uuid,lv_name,lv_full_name,lv_attr,lv_layout,lv_role,lv_size/);
  assert.throws(() => buildRefreshCommand({ nonce: "x'; rm -rf /" }), /nonce/);
  assert.throws(() => buildRefreshCommand({ nonce, timeoutSeconds: 0 }), /timeout/);
  assert.equal(shQuote('abc'), "'abc'");
  assert.throws(() => shQuote("a'b"));
});

test('remote files: only /etc/lvm paths, exact read command', () => {
  for (const ok of ['/etc/lvm/lvm.conf', '/etc/lvm/lvmlocal.conf', '/etc/lvm/profile/thin-performance.profile', '/etc/lvm/backup/vg0', '/etc/lvm/archive/vg0_00012-1234567.vg'])
    assert.ok(isAllowedRemoteFile(ok), ok);
  for (const bad of ['/etc/shadow', '/etc/lvm/backup/../../shadow', '/etc/lvm/backup/..', '/etc/lvm/archive/x.vg', '/etc/lvm//lvm.conf', '/etc/lvm/lvm.conf.bak', '/etc/lvm/backup/-rf', '/etc/lvm/profile/../lvm.conf', 'etc/lvm/lvm.conf', '/etc/lvm/backup/vg0\n'])
    assert.ok(!isAllowedRemoteFile(bad), bad);
  assert.equal(
    buildReadFileCommand('/etc/lvm/lvm.conf', 100),
    `env LC_ALL=C timeout -k 5 30 sh -c 'S=; [ "$(id -u)" = 0 ] || S="sudo -n"; exec $S head -c "$1" -- "$2"' bw '101' '/etc/lvm/lvm.conf'`,
  );
  assert.throws(() => buildReadFileCommand('/etc/shadow', 100), /remote path/);
  assert.throws(() => buildListDirCommand('/etc', 10), /remote folder/);
});

test('sentinels: login noise and foreign markers are ignored', () => {
  const n = 'abcdef0123456789';
  const out = `Welcome!\n@@BW-deadbeef@@ begin report\n{bad\n\n@@BW-${n}@@ begin priv\nuid=0\nsudo=\n\n@@BW-${n}@@ end priv 0\n\n@@BW-${n}@@ begin report\n{"report":[]}\n@@BW-${n}@@ end report 0\n\n@@BW-${n}@@ done\n`;
  const { sections, done } = splitSections(out, n);
  assert.ok(done);
  assert.equal(sections.get('report')!.body, '{"report":[]}');
  assert.equal(parseProbes(sections).uid, 0);
});

test('bad report JSON gives a located error, never a crash', () => {
  assert.throws(() => parseFullReport('{"report": [ {"vg": [ {"vg_name": "a"'), (e: unknown) => e instanceof ReportError && /report line 1 column \d+/.test((e as Error).message));
  assert.throws(() => parseFullReport('\u0000\u00ff garbage'), ReportError);
  assert.throws(() => parseFullReport('{"report": [{"lv": [{"lv_name": {"x": 1}}]}]}'), /not a string/);
  assert.deepEqual(parseFullReport('').vgs, []);
});

// ---- health on synthetic rows ----
function vgRow(name: string, extra: Row = {}): Row {
  return { vg_name: name, vg_uuid: `u-${name}`, vg_attr: 'wz--n-', vg_size: '1000', vg_free: '10', vg_missing_pv_count: '0', ...extra };
}
function lvRow(vg: string, name: string, attr: string, extra: Row = {}): Row {
  return { vg_name: vg, lv_uuid: `u-${name}`, lv_name: name, lv_full_name: `${vg}/${name.replace(/[[\]]/g, '')}`, lv_attr: attr, lv_size: '4194304', lv_active: 'active', data_percent: '', metadata_percent: '', ...extra };
}
function raid(level: string, legs: number, missing: number): LvmReport {
  const lvs: Row[] = [lvRow('vg', 'r', `rwi-aor-${missing ? 'p' : '-'}-`)];
  const segs: Row[] = [{ lv_uuid: 'u-r', segtype: level, devices: Array.from({ length: legs }, (_, i) => `r_rimage_${i}(0)`).join(',') }];
  for (let i = 0; i < legs; i++) {
    const lost = i < missing;
    lvs.push(lvRow('vg', `[r_rimage_${i}]`, `iwi-aor-${lost ? 'p' : '-'}-`));
    segs.push({ lv_uuid: `u-[r_rimage_${i}]`, segtype: 'linear', devices: lost ? '[unknown](0)' : `/dev/sd${i}(0)` });
  }
  return { vgs: [vgRow('vg', missing ? { vg_attr: 'wz-pn-', vg_missing_pv_count: String(missing) } : {})], pvs: [], lvs, segs, pvsegs: [], log: [] };
}
const healthOf = (r: LvmReport) => buildModel(r)[0].lvs[0].health;

test('derived RAID health per level (Cockpit rules)', () => {
  assert.equal(healthOf(raid('raid1', 2, 0)), 'ok');
  assert.equal(healthOf(raid('raid1', 2, 1)), 'degraded');
  assert.equal(healthOf(raid('raid1', 2, 2)), 'partial');
  assert.equal(healthOf(raid('raid5_ls', 3, 1)), 'degraded');
  assert.equal(healthOf(raid('raid5_ls', 3, 2)), 'partial');
  assert.equal(healthOf(raid('raid6_zr', 5, 2)), 'degraded');
  assert.equal(healthOf(raid('raid6_zr', 5, 3)), 'partial');
  assert.equal(healthOf(raid('raid10', 4, 1)), 'degraded');
  assert.equal(healthOf(raid('raid10', 4, 2)), 'degraded-maybe-partial');
  assert.equal(healthOf(raid('raid10', 4, 3)), 'partial');
  const f = hostFindings(buildModel(raid('raid1', 2, 1)), { config: {}, tools: {} }, []);
  assert.ok(f.some((x) => x.code === 'raid-degraded' && x.severity === 'warning'));
  assert.ok(f.some((x) => x.code === 'vg-partial'));
  const striped: LvmReport = { vgs: [vgRow('vg', { vg_attr: 'wz-pn-', vg_missing_pv_count: '1' })], pvs: [{ vg_name: 'vg', pv_name: '[unknown]', pv_uuid: 'PVU', pv_attr: 'a-m', pv_missing: 'missing' }], lvs: [lvRow('vg', 's', '-wi-a----p')], segs: [{ lv_uuid: 'u-s', segtype: 'striped', devices: '/dev/sda(0),[unknown](0)' }], pvsegs: [], log: [] };
  assert.equal(healthOf(striped), 'partial');
  const sf = hostFindings(buildModel(striped), { config: {}, tools: {} }, []);
  assert.ok(sf.some((x) => x.code === 'pv-missing' && x.message.includes('PVU')));
});

test('refresh needed, mismatches, invalid snapshots', () => {
  const r = (attr: string, extra: Row = {}, seg = 'raid1'): LvmReport => ({ vgs: [vgRow('vg')], pvs: [], lvs: [lvRow('vg', 'x', attr, extra)], segs: [{ lv_uuid: 'u-x', segtype: seg, devices: '' }], pvsegs: [], log: [] });
  assert.equal(healthOf(r('rwi-aor-r-')), 'refresh-needed');
  assert.equal(healthOf(r('rwi-aor-m-', { raid_mismatch_count: '12' })), 'mismatches');
  assert.equal(healthOf(r('swi-I-s---', {}, 'snapshot')), 'invalid');
  const codes = (x: LvmReport) => hostFindings(buildModel(x), { config: {}, tools: {} }, []).map((f) => f.code);
  assert.deepEqual(codes(r('rwi-aor-r-')), ['raid-refresh-needed']);
  assert.deepEqual(codes(r('rwi-aor-m-', { raid_mismatch_count: '12' })), ['raid-mismatches']);
  assert.deepEqual(codes(r('swi-I-s---', {}, 'snapshot')), ['snapshot-invalid']);
});

test('thin pools: thresholds, and inactive pools are unknown, not 0%', () => {
  const pool = (data: string, meta: string, attr = 'twi-aotz--'): LvmReport => ({ vgs: [vgRow('vg')], pvs: [], lvs: [lvRow('vg', 'pool', attr, { data_percent: data, metadata_percent: meta })], segs: [{ lv_uuid: 'u-pool', segtype: 'thin-pool', devices: 'pool_tdata(0)' }], pvsegs: [], log: [] });
  const f = (x: LvmReport, o = {}) => hostFindings(buildModel(x), { config: {}, tools: {} }, [], o);
  assert.deepEqual(f(pool('50.00', '10.00')), []);
  assert.deepEqual(f(pool('85.00', '10.00')).map((x) => x.severity), ['warning']);
  assert.deepEqual(f(pool('50.00', '96.50')).map((x) => [x.code, x.severity]), [['thin-pool-full', 'error']]);
  assert.deepEqual(f(pool('85.00', '10.00'), { thinWarnPercent: 90 }), []);
  const inactive = buildModel(pool('', '', 'twi---tz--'))[0].lvs[0];
  assert.equal(inactive.dataPercent, null);
  assert.equal(inactive.metadataPercent, null);
  assert.deepEqual(f(pool('', '', 'twi---tz--')), []);
  assert.deepEqual(f(pool('100.00', '50.00', 'twi-aotzD-')).map((x) => x.message.includes('out of data')), [true]);
});

test('missing-check-tool wording follows the lvm2 version', () => {
  const rep: LvmReport = { vgs: [vgRow('vg')], pvs: [], lvs: [lvRow('vg', 'pool', 'twi-aotz--'), lvRow('vg', 'thin', 'Vwi-aotz--')], segs: [{ lv_uuid: 'u-pool', segtype: 'thin-pool', devices: '' }, { lv_uuid: 'u-thin', segtype: 'thin', devices: '' }], pvsegs: [], log: [] };
  const probes = (v: string, state: 'missing' | 'present' | 'disabled') => ({ config: {}, lvmVersion: v, tools: { thin_check_executable: { state, path: '/usr/sbin/thin_check' }, cache_check_executable: { state: 'present' as const } } });
  const old = hostFindings(buildModel(rep), probes('2.02.177', 'missing'), []);
  assert.equal(old.length, 1);
  assert.equal(old[0].code, 'missing-check-tool');
  assert.equal(old[0].severity, 'error');
  assert.match(old[0].message, /stay down after the next reboot/);
  const neu = hostFindings(buildModel(rep), probes('2.03.16', 'disabled'), []);
  assert.match(neu[0].message, /empty \(checking disabled\).*without checking/);
  assert.deepEqual(hostFindings(buildModel(rep), probes('2.03.16', 'present'), []), []);
});

test('archive growth, retention, lock held', () => {
  const none: LvmReport = { vgs: [], pvs: [], lvs: [], segs: [], pvsegs: [], log: [] };
  const p = (config: Record<string, string>, archive?: { files: number; kib?: number }) => ({ config, tools: {}, archive });
  const codes = (pr: ReturnType<typeof p>, log: Row[] = []) => hostFindings(buildModel(none), pr, log).map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(codes(p({ retain_min: '10', retain_days: '30' }, { files: 8192, kib: 1000 })), []);
  assert.deepEqual(codes(p({ retain_min: '10', retain_days: '30' }, { files: 8193, kib: 1000 })), ['archive-growth:warning']);
  assert.deepEqual(codes(p({ retain_min: '10', retain_days: '30' }, { files: 10, kib: 200 * 1024 })), ['archive-growth:warning']);
  assert.deepEqual(codes(p({ retain_min: '0', retain_days: '0' })), ['unsafe-retention:error']);
  assert.deepEqual(codes(p({ retain_min: '3', retain_days: '30' })), ['unsafe-retention:warning']);
  assert.deepEqual(codes(p({ archive: '0' })), ['unsafe-retention:error']);
  assert.deepEqual(codes(p({}), [{ log_type: 'error', log_message: "Can't get lock for vg0" }]), ['lock-held:warning']);
});

test('names from remote output: invalid ones are flagged and shown escaped', () => {
  assert.ok(isValidLvmName('odd.name+x_y-z'));
  for (const bad of ["a'b", 'a"b', 'a;b', '$(id)', '../x', '-lead', 'a\nb', '.', '..', 'x_tdata']) assert.ok(!isValidLvmName(bad), bad);
  assert.ok(isValidLvmName('[pool_tdata]', { hidden: true }));
});

test('every remote code has a rule doc', () => {
  for (const c of ['missing-check-tool', 'thin-pool-full', 'snapshot-invalid', 'vg-partial', 'pv-missing', 'raid-degraded', 'raid-refresh-needed', 'archive-growth', 'unsafe-retention', 'lock-held', 'needs-root', 'lv-unmonitored', 'fault-policy-cannot-act', 'autoextend-no-space']) {
    const d = ruleDoc(c);
    assert.ok(d && d.title && d.why && d.fix, c);
  }
});

test('CLI usage errors exit 2 before anything runs', async () => {
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runHostsCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  };
  assert.equal((await run([])).code, 2);
  const p = await run(['--ssh-option', 'ProxyCommand=touch /tmp/bw-cli-pwned', 'db1']);
  assert.equal(p.code, 2);
  assert.match(p.err, /ProxyCommand is not allowed/);
  assert.equal((await run(['--ssh-option=LocalCommand=id', 'db1'])).code, 2);
  assert.equal((await run(['--format', 'xml', 'db1'])).code, 2);
  const h = await run(['--', '-oProxyCommand=touch /tmp/bw-cli-pwned']);
  assert.equal(h.code, 2);
  assert.match(h.err, /invalid host/);
  assert.equal((await run(['ro`id`@db1'])).code, 2);
  assert.match((await run(['--help'])).out, /--ssh-option accepts only/);
});

test('lvm2 2.03.16 trailing comma in the log array is tolerated, nothing else', () => {
  const r = parseFullReport('{"report": [{"vg": [{"vg_name": "a,]"}]}], "log": [{"log_message": "x\\",]"},\n]}');
  assert.equal(r.vgs[0].vg_name, 'a,]');
  assert.equal(r.log[0].log_message, 'x",]');
  assert.equal(dropTrailingCommas('[1,2,]'), '[1,2]');
  assert.throws(() => parseFullReport('{"report": [,,]}'), ReportError);
});
