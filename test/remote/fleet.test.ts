// Fleets: an Ansible inventory read live over the loopback sshd (real lvm2 behind it), the same
// hosts collected by the real `ansible` (--tree) and `ansible-playbook` (docs/ansible, become)
// and analysed offline with --from, which must give the same findings and JSON as the live run.
// Plus dmeventd and fault-policy findings from a real report, and progress on stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeRefreshOutput } from '../../server/src/remote/analyze';
import { runHostsCommand } from '../../server/src/remote/cli';
import { buildRefreshCommand } from '../../server/src/remote/script';
import { sshdUnavailable, startSshd, type SshdHarness } from '../harness/sshd';
import { createLvmFixture, lvmUnavailable, type LvmFixture } from './lvmfixture';

const root = join(__dirname, '..', '..', '..', '..');
const cli = join(root, 'bin', 'blockwise.js');
const ansibleMissing = spawnSync('ansible', ['--version'], { encoding: 'utf8' }).status === 0 ? undefined : 'ansible (Debian ansible-core) is not installed; npm test installs it as root';
const skip = sshdUnavailable() ?? lvmUnavailable();
if (skip) console.log(`# SKIP fleet suite: ${skip}`);
let h: SshdHarness;
let fx: LvmFixture;
let T: string;

before(async () => {
  if (skip) return;
  fx = createLvmFixture();
  h = await startSshd({ lvmSystemDir: fx.systemDir, aliases: 2 });
  T = mkdtempSync(join(tmpdir(), 'bw-fleet-'));
});

after(async () => {
  await h?.stop();
  fx?.stop();
  if (T) rmSync(T, { recursive: true, force: true });
});

const sshOpts = () => ['--ssh-option', `UserKnownHostsFile=${h.knownHosts}`, '--ssh-option', 'GlobalKnownHostsFile=/dev/null', '--ssh-option', 'IdentitiesOnly=yes'];

function inventory(extra = ''): string {
  const file = join(T, `inv-${Math.random().toString(16).slice(2)}.ini`);
  writeFileSync(
    file,
    `[storage]\nst1 ansible_host=127.0.0.1\nst2 ansible_host=127.0.0.1\n\n[storage:vars]\nansible_port=${h.port}\nansible_user=root\nansible_ssh_private_key_file=${h.keys.client}\n\n[legacy]\nold1 ansible_host=127.0.0.1 ansible_ssh_common_args='-o ProxyCommand=none'\n${extra}`,
  );
  return file;
}

async function hosts(argv: string[], opts = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runHostsCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) }, { ...opts });
  return { code, out, err };
}

/** What must agree between a live and a collected run (times differ). */
function comparable(json: Array<Record<string, unknown>>) {
  return json.map(({ host, ok, vgs, findings, lvmVersion }) => ({ host, ok, vgs, findings, lvmVersion }));
}

test('--inventory: hosts by pattern, groups in the JSON, a widening variable is a per-host error', { skip }, async () => {
  const inv = inventory();
  const r = await hosts(['--format', 'json', '--inventory', inv, ...sshOpts(), 'storage:legacy'], { ansibleInventory: null });
  const json = JSON.parse(r.out);
  assert.deepEqual(json.map((x: { host: string }) => x.host), ['st1', 'st2', 'old1']);
  assert.equal(json[0].ok, true, json[0].error);
  assert.deepEqual(json[0].groups, ['storage']);
  assert.ok(json[0].vgs.some((v: { name: string }) => v.name === fx.vg));
  assert.equal(json[2].ok, false);
  assert.match(json[2].error, /ansible_ssh_common_args is set/);
  assert.equal(r.code, 2); // one host not read
  assert.match(r.err, /^3\/3 hosts$/m);
  // Through the real ansible-inventory, the same selection and the same results.
  if (!ansibleMissing) {
    const viaAnsible = await hosts(['--format', 'json', '--inventory', inv, '--ansible-inventory', ...sshOpts(), 'storage:legacy']);
    assert.deepEqual(comparable(JSON.parse(viaAnsible.out)), comparable(json));
  }
  const none = await hosts(['--inventory', inv, 'nosuch'], { ansibleInventory: null });
  assert.equal(none.code, 2);
  assert.match(none.err, /no inventory host or group matches nosuch/);
});

test('--print-command + ansible --tree + --from gives what a live run gives', { skip: skip || ansibleMissing }, async () => {
  const inv = inventory();
  const live = await hosts(['--format', 'json', '--inventory', inv, ...sshOpts(), 'storage'], { ansibleInventory: null });
  const printed = spawnSync(process.execPath, [cli, 'hosts', '--print-command'], { encoding: 'utf8' });
  assert.equal(printed.status, 0, printed.stderr);
  const tree = join(T, 'tree');
  const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(T, 'ansible-local'), ANSIBLE_REMOTE_TEMP: join(T, 'ansible-remote'), ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${h.knownHosts} -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o ControlMaster=no`, ANSIBLE_PIPELINING: 'True' };
  const a = spawnSync('ansible', ['storage', '-i', inv, '-m', 'ansible.builtin.shell', '-a', printed.stdout.trim(), '--tree', tree], { encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(a.status, 0, `${a.stdout}\n${a.stderr}`);
  assert.deepEqual(readdirSync(tree).sort(), ['st1', 'st2']);
  const offline = await hosts(['--format', 'json', '--from', tree]);
  assert.equal(offline.code, live.code);
  assert.deepEqual(comparable(JSON.parse(offline.out)), comparable(JSON.parse(live.out)));
  // The documented playbook, with become, collects the same.
  const dest = join(T, 'playbook');
  const p = spawnSync('ansible-playbook', ['-i', inv, join(root, 'docs/ansible/collect-lvm.yml'), '-e', JSON.stringify({ blockwise_hosts: 'storage', blockwise_dest: dest, blockwise_cli: `${process.execPath} ${cli}`, blockwise_env: { LVM_SYSTEM_DIR: fx.systemDir } })], { encoding: 'utf8', env, timeout: 180_000 });
  assert.equal(p.status, 0, `${p.stdout}\n${p.stderr}`);
  const viaPlaybook = await hosts(['--format', 'json', '--from', dest]);
  assert.deepEqual(comparable(JSON.parse(viaPlaybook.out)), comparable(JSON.parse(live.out)));
  // Raw output files: one per host, named after it.
  const raw = join(T, 'raw');
  mkdirSync(raw);
  const run = spawnSync('sh', ['-c', printed.stdout.trim()], { encoding: 'utf8', env: { ...process.env, LVM_SYSTEM_DIR: fx.systemDir, LVM_SUPPRESS_FD_WARNINGS: '1' } });
  writeFileSync(join(raw, 'st1'), run.stdout);
  writeFileSync(join(raw, 'st1.stderr'), run.stderr);
  writeFileSync(join(raw, 'garbage-host'), 'Welcome!\n\u0000\u00ff not a report');
  const fromRaw = await hosts(['--format', 'json', '--from', raw]);
  const rawJson = JSON.parse(fromRaw.out);
  assert.deepEqual(rawJson.map((x: { host: string }) => x.host), ['garbage-host', 'st1']);
  assert.match(rawJson[0].error, /no Blockwise markers/);
  assert.deepEqual(comparable([rawJson[1]]), comparable([JSON.parse(live.out)[0]]).map((x) => ({ ...x, host: 'st1' })));
  assert.equal(fromRaw.code, 2);
});

test('--from: unreachable and become failures from Ansible results are per-host errors', async () => {
  const d = mkdtempSync(join(tmpdir(), 'bw-from-'));
  try {
    writeFileSync(join(d, 'down'), JSON.stringify({ unreachable: true, changed: false, msg: 'Failed to connect to the host via ssh: ssh: connect to host 10.9.9.9 port 22: Connection timed out' }));
    writeFileSync(join(d, 'nosudo'), JSON.stringify({ failed: true, changed: false, msg: 'Missing sudo password' }));
    const r = await hosts(['--format', 'json', '--from', d]);
    const json = JSON.parse(r.out);
    assert.equal(r.code, 2);
    assert.match(json[0].error, /could not reach the host: Failed to connect/);
    assert.match(json[1].error, /Missing sudo password/);
    const bad = await hosts(['--from', join(d, 'nosuch')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no such file or folder/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('dmeventd and fault policies on a real report: unmonitored LVs, allocate with no room, autoextend with no space', { skip }, () => {
  // The fixture's own lvm.conf plus the policies under test, in a second system dir.
  const sys = join(T, 'lvm-policy');
  cpSync(fx.systemDir, sys, { recursive: true });
  const conf = readFileSync(join(sys, 'lvm.conf'), 'utf8').replace(/monitoring = 0/, 'monitoring = 1\n raid_fault_policy = "allocate"\n thin_pool_autoextend_threshold = 70');
  writeFileSync(join(sys, 'lvm.conf'), conf);
  const nonce = 'feedface0123';
  const run = spawnSync('sh', ['-c', buildRefreshCommand({ nonce })], { encoding: 'utf8', env: { ...process.env, LVM_SYSTEM_DIR: sys, LVM_SUPPRESS_FD_WARNINGS: '1' } });
  const base = analyzeRefreshOutput({ host: 'h', stdout: run.stdout, stderr: run.stderr, code: run.status });
  assert.equal(base.ok, true, base.error);
  assert.equal(base.probes!.config.raid_fault_policy, 'allocate');
  assert.equal(base.probes!.config.thin_pool_autoextend_threshold, '70');
  // Activation is off here, so nothing is active: no monitoring finding may appear.
  assert.ok(!base.findings.some((f) => ['lv-unmonitored', 'fault-policy-cannot-act', 'autoextend-no-space'].includes(f.code)), JSON.stringify(base.findings));
  // The same report as a host with the LVs active would print it (seg_monitor as lvm2 words it).
  const m = /(@@BW-feedface0123@@ begin report\n)([\s\S]*?)(\n@@BW-feedface0123@@ end report)/.exec(run.stdout)!;
  const doc = JSON.parse(m[2]);
  let freeAll = false;
  for (const entry of doc.report) {
    for (const lv of entry.lv) lv.lv_active = 'active';
    for (const seg of entry.seg) if (/^(raid1|thin-pool)$/.test(seg.segtype)) seg.seg_monitor = 'not monitored';
    for (const vg of entry.vg) if (!freeAll) vg.vg_free = '0';
    for (const pv of entry.pv) pv.pv_free = '0';
    freeAll = true;
  }
  const stdout = run.stdout.replace(m[0], `${m[1]}${JSON.stringify(doc)}${m[3]}`);
  const active = analyzeRefreshOutput({ host: 'h', stdout, stderr: run.stderr, code: 0 });
  const codes = active.findings.map((f) => `${f.code} ${f.lv ?? ''}`);
  assert.ok(codes.includes('lv-unmonitored mirror1'), codes.join('; '));
  assert.ok(codes.includes('lv-unmonitored pool0'), codes.join('; '));
  assert.ok(codes.includes('fault-policy-cannot-act mirror1'), codes.join('; '));
  assert.ok(codes.includes('autoextend-no-space pool0'), codes.join('; '));
  assert.ok(!codes.some((c) => /lv-unmonitored (root|stripe|thin1)/.test(c)), codes.join('; '));
  const f = active.findings.find((x) => x.code === 'lv-unmonitored' && x.lv === 'mirror1')!;
  assert.match(f.message, new RegExp(`lvchange --monitor y ${fx.vg}/mirror1`));
  // With free space on a third PV outside the raid1 LV, allocate can act.
  for (const entry of doc.report) for (const pv of entry.pv) pv.pv_free = '33554432';
  const roomy = analyzeRefreshOutput({ host: 'h', stdout: run.stdout.replace(m[0], `${m[1]}${JSON.stringify(doc)}${m[3]}`), stderr: run.stderr, code: 0 });
  assert.ok(!roomy.findings.some((x) => x.code === 'fault-policy-cannot-act'), JSON.stringify(roomy.findings));
});

test('a hanging inventory host does not hold back the others', { skip }, async () => {
  const inv = join(T, 'inv-hang.ini');
  writeFileSync(inv, `[fleet]\nstuck ansible_host=127.0.0.1 ansible_ssh_private_key_file=${h.keys.hang}\ngood1 ansible_host=127.0.0.1\ngood2 ansible_host=127.0.0.1\n[fleet:vars]\nansible_port=${h.port}\nansible_user=root\nansible_ssh_private_key_file=${h.keys.client}\n`);
  // Host variables win over group variables: stuck uses the hang key (its forced command sleeps).
  const t0 = Date.now();
  const r = await hosts(['--format', 'json', '--inventory', inv, '--timeout', '3', ...sshOpts()], { ansibleInventory: null });
  const json = JSON.parse(r.out);
  assert.deepEqual(json.map((x: { host: string; ok: boolean }) => [x.host, x.ok]), [['stuck', false], ['good1', true], ['good2', true]], JSON.stringify(json.map((x: { error?: string }) => x.error)));
  assert.match(json[0].error, /no complete answer within 13 s|timeout/);
  assert.ok(Date.now() - t0 < 30_000);
  for (const g of json.slice(1)) {
    assert.ok(g.vgs.length > 0);
    assert.ok(g.ms < json[0].ms, `${g.host} took ${g.ms} ms, the stuck host ${json[0].ms} ms`);
  }
});
