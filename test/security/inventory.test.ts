// Attack suite, inventories (issue 28 items 1, 4, 8): an inventory is data. An executable
// inventory (Ansible would run it as a script) and an ansible.cfg in the current folder that names
// an inventory plugin both ran an attacker's code through `hosts --inventory`; now nothing runs by
// default, and with --ansible-inventory the real ansible-core runs with the data plugins only, an
// empty configuration and a neutral working folder. Non-scalar connection variables are refused
// per host; expansion of 100,000 hosts is linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ansibleEnv, DATA_INVENTORY_PLUGINS, loadInventoryHosts } from '../../server/src/remote/inventory-load';
import { parseIniInventory, selectHosts, inventoryTarget } from '../../server/src/remote/inventory';
import { cli, noAnsible, tempDir } from './helpers';

test('an executable inventory is never run, with or without --ansible-inventory', { skip: noAnsible }, () => {
  const d = tempDir('inv-script');
  const marker = join(d, 'ran');
  const script = join(d, 'inventory.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\necho '{"all": {"hosts": ["h1"]}, "_meta": {"hostvars": {}}}'\n`);
  chmodSync(script, 0o755);
  for (const extra of [[], ['--ansible-inventory']]) {
    const r = cli(['hosts', '--inventory', script, ...extra, 'nosuch'], { cwd: d });
    assert.equal(r.status, 2, r.err);
    assert.match(r.err, /refused: it is executable: Ansible would run it as an inventory script/);
    assert.equal(existsSync(marker), false, `the script ran (${extra.join(' ') || 'default'})`);
  }
});

test('an ansible.cfg in the current folder cannot load an inventory plugin', { skip: noAnsible }, () => {
  const d = tempDir('inv-cfg');
  const marker = join(d, 'plugin-ran');
  mkdirSync(join(d, 'plugins'));
  // An inventory plugin whose module runs code as soon as Ansible loads it.
  writeFileSync(join(d, 'plugins', 'evil.py'), `open(${JSON.stringify(marker)}, 'w').write('x')\nfrom ansible.plugins.inventory import BaseInventoryPlugin\nclass InventoryModule(BaseInventoryPlugin):\n    NAME = 'evil'\n    def verify_file(self, path):\n        return True\n    def parse(self, inventory, loader, path, cache=True):\n        pass\n`);
  writeFileSync(join(d, 'ansible.cfg'), '[defaults]\ninventory_plugins = ./plugins\n[inventory]\nenable_plugins = evil, ini\n');
  writeFileSync(join(d, 'hosts.ini'), '[storage]\nst1 ansible_host=192.0.2.1\n');
  // Direct (the default): nothing of Ansible runs at all.
  const direct = cli(['hosts', '--inventory', 'hosts.ini', 'nosuch'], { cwd: d });
  assert.match(direct.err, /no inventory host or group matches nosuch/);
  assert.equal(existsSync(marker), false, 'plugin ran (direct)');
  // Through the real ansible-inventory: the data plugins only, the folder's ansible.cfg ignored.
  const via = cli(['hosts', '--inventory', 'hosts.ini', '--ansible-inventory', 'nosuch'], { cwd: d });
  assert.match(via.err, /no inventory host or group matches nosuch/, via.err);
  assert.equal(existsSync(marker), false, 'plugin ran (--ansible-inventory)');
  // Control: ansible-inventory itself, run from that folder, does load it (the attack is real).
  spawnSync('ansible-inventory', ['-i', 'hosts.ini', '--list'], { cwd: d, encoding: 'utf8', env: { ...process.env, ANSIBLE_LOCAL_TEMP: join(d, 'tmp') } });
  assert.equal(existsSync(marker), true, 'control: a plain ansible-inventory loads the plugin from ./ansible.cfg');
});

test('an inventory plugin configuration and a folder are refused with the reason', async () => {
  const d = tempDir('inv-plugin');
  writeFileSync(join(d, 'aws_ec2.yml'), 'plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n');
  const r = await loadInventoryHosts(join(d, 'aws_ec2.yml'), ['all']);
  assert.ok('error' in r && /configures an inventory plugin/.test(r.error), JSON.stringify(r));
  const f = await loadInventoryHosts(d, ['all']);
  assert.ok('error' in f && /folder inventory is read by Ansible only/.test(f.error));
});

test('ansible-inventory gets the data plugins only, an empty config and none of the caller ANSIBLE_* settings', () => {
  const env = ansibleEnv('/tmp/x/empty.cfg', { PATH: '/usr/bin', ANSIBLE_INVENTORY_PLUGINS: '/evil', ansible_config: '/evil.cfg' });
  assert.equal(env.ANSIBLE_CONFIG, '/tmp/x/empty.cfg');
  assert.equal(env.ANSIBLE_INVENTORY_ENABLED, DATA_INVENTORY_PLUGINS);
  assert.doesNotMatch(DATA_INVENTORY_PLUGINS, /script|auto|constructed/);
  assert.equal(env.ANSIBLE_INVENTORY_PLUGINS, undefined);
  assert.equal(env.ansible_config, undefined);
  assert.equal(env.PATH, '/usr/bin');
});

test('non-scalar connection variables are refused for that host only', async () => {
  const d = tempDir('inv-vars');
  const f = join(d, 'hosts.yml');
  writeFileSync(f, 'storage:\n  hosts:\n    a:\n      ansible_port: [22, 2222]\n    b:\n      ansible_user: {name: root}\n    c:\n      ansible_host: 192.0.2.3\n      ansible_port: 2222\n');
  const r = await loadInventoryHosts(f, ['all']);
  assert.ok(!('error' in r), JSON.stringify(r));
  const [a, b, c] = r.hosts;
  assert.match(a.error ?? '', /ansible_port is a list, not a single value/);
  assert.match(b.error ?? '', /ansible_user is a mapping, not a single value/);
  assert.deepEqual(c.target, { host: '192.0.2.3', port: 2222 });
});

test('100,000 hosts in one group expand, select and resolve to the right targets', () => {
  const inv = parseIniInventory('[storage]\nn[000000:099999] ansible_user=admin\n[storage:vars]\nansible_port=2222\n');
  const sel = selectHosts(inv, ['storage:!nosuch']);
  assert.equal(sel.hosts.length, 100_000);
  assert.equal(sel.hosts[99_999], 'n099999');
  const t = inventoryTarget(inv, 'n050000');
  assert.deepEqual(t.target, { host: 'n050000', user: 'admin', port: 2222 });
  assert.deepEqual(t.groups, ['storage']);
});
