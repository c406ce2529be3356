// Manifest rules for the remote panel (reference/remote.md case 6): every setting that runs a
// program or reaches a host is machine-scoped and restricted in untrusted workspaces; commands
// that connect are disabled without trust; the client code reads settings from the user level only.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hostsFromSshConfig, hostsFromSshConfigText } from '../../server/src/remote/sshconfig';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'client/src/remote/contributes.json'), 'utf8'));
const props: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;
const EXEC = ['blockwise.remote.hosts', 'blockwise.remote.sshPath', 'blockwise.remote.connectionReuse', 'blockwise.remote.concurrency', 'blockwise.remote.timeoutSeconds'];

test('execution-related remote settings are machine-scoped and restricted', () => {
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  for (const k of EXEC) {
    assert.ok(props[k], `${k} declared`);
    assert.equal(props[k].scope, 'machine', `${k} scope`);
    assert.ok(restricted.includes(k), `${k} restricted`);
  }
  for (const [k, v] of Object.entries(props)) assert.equal(v.scope, 'machine', `${k}: every remote setting is machine-scoped`);
  // No free-form ssh options, config file or command settings.
  assert.ok(!Object.keys(props).some((k) => /option|configFile|command|proxy/i.test(k)));
});

test('connecting commands need a trusted workspace; nothing activates on startup', () => {
  const cmds: Array<{ command: string; enablement?: string }> = manifest.contributes.commands;
  for (const c of cmds.filter((c) => /refresh|connect|addHost|open/i.test(c.command))) assert.match(c.enablement ?? '', /isWorkspaceTrusted/, c.command);
  assert.equal(manifest.activationEvents, undefined);
  const src = readFileSync(join(root, 'client/src/remote/index.ts'), 'utf8');
  // registerRemote itself never refreshes: refresh() is only called from command handlers.
  const body = src.slice(src.indexOf('export function registerRemote'));
  const calls = [...body.matchAll(/\brefresh\((?!hosts)/g)].length;
  assert.ok(calls >= 1);
  assert.doesNotMatch(body.slice(body.lastIndexOf('context.subscriptions.push(')), /^\s*void refresh\(/m);
  const settings = readFileSync(join(root, 'client/src/remote/settings.ts'), 'utf8');
  assert.match(settings, /inspect<T>\(key\)/);
  assert.match(settings, /globalValue \?\? i\?\.defaultValue/);
  assert.doesNotMatch(settings, /workspaceValue|workspaceFolderValue/);
  assert.match(readFileSync(join(root, 'client/src/remote/fs.ts'), 'utf8'), /is not a configured Blockwise host/);
  assert.match(src, /isReadonly: true/);
  assert.match(readFileSync(join(root, 'client/src/remote/tree.ts'), 'utf8'), /isTrusted = false/);
});

test('~/.ssh/config Host entries: concrete, valid names only; Include followed', () => {
  const text = 'Host db1 db2 *.example.com !bad web-?\n  HostName 10.0.0.1\nHost "quoted" -oProxyCommand=x h;id\nMatch host x\nInclude conf.d/*\n';
  const r = hostsFromSshConfigText(text);
  assert.deepEqual(r.hosts, ['db1', 'db2', 'quoted']);
  assert.deepEqual(r.includes, ['conf.d/*']);
  const d = mkdtempSync(join(tmpdir(), 'bw-sshcfg-'));
  try {
    writeFileSync(join(d, 'config'), `Host a1\nInclude ${d}/extra-*\n`);
    writeFileSync(join(d, 'extra-1'), 'Host b1\n');
    assert.deepEqual(hostsFromSshConfig(join(d, 'config')), ['a1', 'b1']);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
