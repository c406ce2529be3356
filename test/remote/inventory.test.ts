// Ansible inventories: INI and YAML read directly must give the hosts, groups and variables that
// the real `ansible-inventory --list` (Debian's ansible-core) gives for the same file; patterns
// select what Ansible's own `ansible --list-hosts` selects; refused variables never reach ssh.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { expandHostRange, groupsOf, hostsOfGroup, inventoryTarget, parseIniInventory, parseInventory, parseInventoryJson, parseYamlInventory, selectHosts } from '../../server/src/remote/inventory';
import { buildSshArgv } from '../../server/src/remote/ssh';

const dir = mkdtempSync(join(tmpdir(), 'bw-inv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const hasAnsible = spawnSync('ansible-inventory', ['--version'], { encoding: 'utf8' }).status === 0;
const noAnsible = hasAnsible ? false : 'ansible-inventory (Debian ansible-core) is not installed; npm test installs it as root';

const INI = `# storage fleet
bastion.example.org

[storage]
st[01:03].example.org ansible_user=ops
db1 ansible_host=10.0.0.5 ansible_port=2222

[storage:vars]
ansible_user=admin
site="dc 1"

[ceph]
osd-[a:c]

[prod:children]
storage
ceph

[prod:vars]
ansible_ssh_private_key_file=/keys/prod_ed25519
ansible_port=22

[legacy]
old1 ansible_ssh_common_args='-o ProxyCommand="nc %h %p"'
old2 ansible_connection=local
old3 ansible_host="{{ lookup('env', 'X') }}"
`;

const YAML = `all:
  hosts:
    bastion.example.org:
  children:
    prod:
      vars:
        ansible_ssh_private_key_file: /keys/prod_ed25519
        ansible_port: 22
      children:
        storage:
          hosts:
            st[01:03].example.org:
              ansible_user: ops
            db1:
              ansible_host: 10.0.0.5
              ansible_port: 2222
          vars:
            ansible_user: admin
            site: dc 1
        ceph:
          hosts:
            osd-[a:c]:
    legacy:
      hosts:
        old1:
          ansible_ssh_common_args: '-o ProxyCommand="nc %h %p"'
        old2:
          ansible_connection: local
`;

const PICK = ['ansible_host', 'ansible_port', 'ansible_user', 'ansible_ssh_private_key_file', 'ansible_ssh_common_args', 'ansible_connection', 'site'];

function summary(inv: ReturnType<typeof parseIniInventory>) {
  const hosts = [...inv.hosts].sort();
  return {
    hosts,
    groups: Object.fromEntries(['storage', 'ceph', 'prod', 'legacy', 'ungrouped'].map((g) => [g, hostsOfGroup(inv, g).sort()])),
    vars: Object.fromEntries(hosts.map((h) => [h, Object.fromEntries(PICK.filter((k) => inv.hostVars.get(h)![k] !== undefined).map((k) => [k, String(inv.hostVars.get(h)![k])]))])),
  };
}

test('host ranges expand as Ansible expands them', () => {
  assert.deepEqual(expandHostRange('st[01:03].x'), ['st01.x', 'st02.x', 'st03.x']);
  assert.deepEqual(expandHostRange('n[1:9:4]'), ['n1', 'n5', 'n9']);
  assert.deepEqual(expandHostRange('osd-[a:c]'), ['osd-a', 'osd-b', 'osd-c']);
  assert.deepEqual(expandHostRange('r[1:2]c[1:2]'), ['r1c1', 'r1c2', 'r2c1', 'r2c2']);
  assert.throws(() => expandHostRange('h[1:200000]'), /more than 100000/);
});

test('INI inventory: groups, children, ranges, variable precedence (host > child group > parent group)', () => {
  const inv = parseIniInventory(INI);
  const s = summary(inv);
  assert.deepEqual(s.groups.storage, ['db1', 'st01.example.org', 'st02.example.org', 'st03.example.org']);
  assert.deepEqual(s.groups.prod.length, 7);
  assert.deepEqual(s.groups.ungrouped, ['bastion.example.org']);
  assert.equal(s.vars['st01.example.org'].ansible_user, 'ops'); // host var wins
  assert.equal(s.vars.db1.ansible_user, 'admin'); // storage (child) over nothing
  assert.equal(s.vars.db1.ansible_port, '2222'); // host over prod
  assert.equal(s.vars['osd-a'].ansible_port, '22');
  assert.equal(s.vars.db1.site, 'dc 1');
  assert.deepEqual(groupsOf(inv, 'db1'), ['prod', 'storage']);
});

test('YAML inventory reads the same fleet as the INI one', () => {
  const a = summary(parseIniInventory(INI));
  const b = summary(parseYamlInventory(YAML));
  // old3 (a templated host) is only in the INI file.
  a.hosts = a.hosts.filter((h) => h !== 'old3');
  a.groups.legacy = a.groups.legacy.filter((h) => h !== 'old3');
  delete (a.vars as Record<string, unknown>).old3;
  assert.deepEqual(b, a);
});

test('the direct readers agree with the real ansible-inventory --list', { skip: noAnsible }, () => {
  for (const [name, text] of [['fleet.ini', INI], ['fleet.yml', YAML]] as const) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = spawnSync('ansible-inventory', ['-i', file, '--list'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: dir } });
    assert.equal(r.status, 0, r.stderr);
    const viaAnsible = summary(parseInventoryJson(r.stdout));
    const direct = summary(parseInventory(text, name));
    assert.deepEqual(direct, viaAnsible, name);
  }
});

test('patterns select what ansible --list-hosts selects', { skip: noAnsible }, () => {
  const file = join(dir, 'fleet-patterns.ini');
  writeFileSync(file, INI);
  const inv = parseIniInventory(INI);
  for (const pattern of ['all', 'storage', 'prod:!ceph', 'prod:&storage', 'st0*', 'storage:ceph:!db1', '~st0[12].*', 'db1,osd-b', 'legacy:bastion.example.org']) {
    const r = spawnSync('ansible', [pattern, '-i', file, '--list-hosts'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: dir } });
    assert.equal(r.status, 0, r.stderr);
    const theirs = r.stdout.split('\n').slice(1).map((l) => l.trim()).filter(Boolean).sort();
    assert.deepEqual(selectHosts(inv, [pattern]).hosts.sort(), theirs, pattern);
  }
  assert.deepEqual(selectHosts(inv, ['nosuch']).unmatched, ['nosuch']);
});

test('inventory variables become an ssh target; widening variables are refused per host', () => {
  const inv = parseIniInventory(INI);
  const db1 = inventoryTarget(inv, 'db1');
  assert.deepEqual(db1.target, { host: '10.0.0.5', user: 'admin', port: 2222, options: ['IdentityFile=/keys/prod_ed25519'] });
  const argv = buildSshArgv(db1.target!, 'true');
  assert.deepEqual(argv.slice(argv.indexOf('IdentityFile=/keys/prod_ed25519') - 1, argv.indexOf('IdentityFile=/keys/prod_ed25519') + 1), ['-o', 'IdentityFile=/keys/prod_ed25519']);
  assert.deepEqual(argv.slice(-3), ['--', '10.0.0.5', 'true']);
  const old1 = inventoryTarget(inv, 'old1');
  assert.equal(old1.target, undefined);
  assert.match(old1.error!, /ansible_ssh_common_args is set \(extra ssh arguments\)/);
  assert.match(inventoryTarget(inv, 'old2').error!, /ansible_connection=local/);
  assert.match(inventoryTarget(inv, 'old3').error!, /template/);
  // A hostile ansible_host never reaches ssh as an option.
  const evil = parseIniInventory('evil ansible_host=-oProxyCommand=touch\nbad ansible_user="root;id"\n');
  assert.match(inventoryTarget(evil, 'evil').error!, /starts with "-"/);
  assert.match(inventoryTarget(evil, 'bad').error!, /invalid user/);
  const key = parseIniInventory('k ansible_ssh_private_key_file="/keys/a key"\n');
  assert.match(inventoryTarget(key, 'k').error!, /spaces/);
});

test('bad inventories give a located error, never a crash', () => {
  assert.throws(() => parseIniInventory('[web\nh1\n'), /line 1: bad section header/);
  assert.throws(() => parseIniInventory('[web:vars]\njustaword\n'), /line 2: expected key=value/);
  assert.throws(() => parseYamlInventory('all:\n  hosts: [a, b]\n'), /line 2: hosts of all is not a mapping/);
  assert.throws(() => parseYamlInventory('all:\n  hostz:\n    a:\n'), /line 2: unknown key hostz/);
  assert.throws(() => parseInventoryJson('{"all": '), /no JSON/);
  // Deep children chains are walked without recursion.
  let yaml = 'all:\n  children:\n';
  let indent = '    ';
  for (let i = 0; i < 300; i++) {
    yaml += `${indent}g${i}:\n${indent}  children:\n`;
    indent += '    ';
  }
  yaml += `${indent}leaf:\n${indent}  hosts:\n${indent}    h1:\n`;
  const inv = parseYamlInventory(yaml);
  assert.deepEqual(hostsOfGroup(inv, 'g0'), ['h1']);
  assert.equal(groupsOf(inv, 'h1').length, 301);
});
