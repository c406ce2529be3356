// The LVM Hosts view (issue 7) in a real VS Code against a real host: test/e2e/run.mjs starts
// real lvm2 on loop devices behind a loopback sshd (test/e2e/remote-host.mjs) and writes the
// user-level settings blockwise.remote.hosts and blockwise.remote.sshPath; BLOCKWISE_E2E_REMOTE
// carries what it started, or why it could not (needs root, openssh-server, lvm2, loop devices).
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, blockwiseDiagnostics, codeOf, MODE, screenshot, sleep, symbols, tidyForScreenshot, until } from './helpers';

interface RemoteInfo {
  host?: string;
  sshPath?: string;
  vg?: string;
  hostLvmConf?: boolean;
  skip?: string;
  error?: string;
}
const INFO: RemoteInfo = (() => {
  try {
    return JSON.parse(process.env.BLOCKWISE_E2E_REMOTE ?? '') as RemoteInfo;
  } catch {
    return { skip: 'no loopback host: run through test/e2e/run.mjs (code-server), which starts one' };
  }
})();

/** The hosts view's nodes as test/e2e sees them (client/src/remote/tree.ts Node). */
interface HostNode {
  kind: string;
  host?: { id: string };
  vg?: { name: string; lvs: { name: string; kind: string; hidden: boolean }[] };
  lv?: { name: string; kind: string };
  findings?: { code: string; severity: string; message: string }[];
  text?: string;
  error?: boolean;
}

function need(ctx: Mocha.Context): void {
  if (INFO.error) throw new Error(`the loopback LVM host failed to start: ${INFO.error}`);
  if (INFO.skip || !INFO.host) {
    console.log(`[blockwise-e2e] SKIP remote: ${INFO.skip ?? 'no host'}`);
    ctx.skip();
  }
}

async function hostsTree(): Promise<vscode.TreeDataProvider<HostNode>> {
  const a = await api();
  const t = a.views().hosts as vscode.TreeDataProvider<HostNode> | undefined;
  assert.ok(t, 'the extension exposes the hosts tree provider');
  return t;
}

const kids = async (t: vscode.TreeDataProvider<HostNode>, n?: HostNode) => (await t.getChildren(n)) ?? [];

suite(`Blockwise remote hosts in real VS Code (${MODE} workspace)`, () => {
  // The trusted run talks to the host; the untrusted run checks that nothing does.
  if (MODE !== 'untrusted') defineTrusted();
  else defineRestricted();
});

function defineTrusted(): void {
  test('hosts view: the loopback host shows its VG and LVs and a missing-check-tool finding', async function () {
    need(this);
    this.timeout(90000);
    const tree = await hostsTree();
    const ids = vscode.workspace.getConfiguration('blockwise.remote').inspect<string[]>('hosts')?.globalValue;
    assert.deepEqual(ids, [INFO.host]);
    const before = await kids(tree);
    assert.deepEqual(before.map((n) => n.host?.id), [INFO.host]);
    await vscode.commands.executeCommand('blockwise.remote.refresh');
    const [host] = await until('the refreshed host', async () => {
      const [h] = await kids(tree);
      return h && (h as { result?: unknown }).result ? [h] : undefined;
    }, 60000);
    const children = await kids(tree, host);
    const error = children.find((n) => n.kind === 'message' && n.error);
    assert.equal(error, undefined, `refresh error: ${error?.text}`);
    const item = await tree.getTreeItem(host);
    console.log(`[blockwise-e2e] host ${item.label}: ${item.description}`);
    assert.match(String(item.description), /^1 VG · \d+ errors · \d+ warnings$/);

    const findings = children.find((n) => n.kind === 'findings');
    assert.ok(findings?.findings, `a Findings node: ${children.map((n) => n.kind).join(', ')}`);
    const mct = findings.findings.find((f) => f.code === 'missing-check-tool');
    assert.ok(mct, `missing-check-tool among ${findings.findings.map((f) => f.code).join(', ')}`);
    assert.match(mct.message, /cache/, mct.message);
    const findingItems = await Promise.all((await kids(tree, findings)).map((f) => tree.getTreeItem(f)));
    assert.ok(findingItems.some((i) => i.label === 'missing-check-tool'), 'the finding is a row of the view');

    const vgNode = children.find((n) => n.kind === 'vg');
    assert.equal(vgNode?.vg?.name, INFO.vg);
    const lvNodes = (await kids(tree, vgNode)).filter((n) => n.kind === 'lv');
    const lvs = new Map(lvNodes.map((n) => [n.lv!.name, n.lv!.kind]));
    console.log(`[blockwise-e2e] LVs ${[...lvs].map(([n, k]) => `${n}:${k}`).join(', ')}`);
    for (const name of ['root', 'stripe', 'data', 'pool0', 'thin1', 'mirror1']) assert.ok(lvs.has(name), `LV ${name} listed`);
    assert.equal(lvs.get('pool0'), 'thin-pool');
    assert.equal(lvs.get('thin1'), 'thin');
    // Hidden sub-LVs sit under their parent: the thin pool's data and metadata.
    const pool = lvNodes.find((n) => n.lv!.name === 'pool0');
    const sub = (await kids(tree, pool)).map((n) => n.lv!.name);
    assert.ok(sub.includes('[pool0_tdata]') && sub.includes('[pool0_tmeta]'), sub.join(', '));

  });

  test('hosts view: an Ansible inventory (blockwise.remote.inventory) adds its hosts under their groups', async function () {
    need(this);
    this.timeout(90000);
    const tree = await hostsTree();
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-e2e-inv-'));
    const inv = path.join(dir, 'fleet.ini');
    fs.writeFileSync(inv, `[storage]\nfleet-a ansible_host=${INFO.host}\n\n[legacy]\nold1 ansible_host=${INFO.host} ansible_ssh_common_args='-o ProxyCommand=none'\n`);
    const cfg = vscode.workspace.getConfiguration('blockwise.remote');
    await cfg.update('inventory', inv, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('blockwise.remote.refresh');
      const groups = await until('the inventory groups in the view', async () => {
        const roots = await kids(tree);
        const g = roots.filter((n) => n.kind === 'group');
        return g.length >= 2 ? g : undefined;
      }, 60000);
      const names = groups.map((g) => (g as { name?: string }).name);
      assert.deepEqual(names, ['legacy', 'storage']);
      const storage = groups.find((g) => (g as { name?: string }).name === 'storage')!;
      const [host] = await until('the refreshed inventory host', async () => {
        const [h] = await kids(tree, storage);
        return h && (h as { result?: { ok?: boolean } }).result ? [h] : undefined;
      }, 60000);
      assert.equal(host.host?.id, 'fleet-a');
      assert.equal((host as { result?: { ok?: boolean } }).result?.ok, true);
      assert.ok((await kids(tree, host)).some((n) => n.kind === 'vg' && n.vg?.name === INFO.vg));
      // A host whose inventory variables widen ssh is shown with the reason, never contacted.
      const legacy = groups.find((g) => (g as { name?: string }).name === 'legacy')!;
      const [old] = await kids(tree, legacy);
      const msg = (await kids(tree, old)).find((n) => n.kind === 'message');
      assert.match(String(msg?.text), /ansible_ssh_common_args is set/);
      // The settings host stays at the top level.
      assert.ok((await kids(tree)).some((n) => n.kind === 'host' && n.host?.id === INFO.host));
    } finally {
      await cfg.update('inventory', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hosts view: the host lvm.conf opens read-only (blockwise-remote:) with Blockwise diagnostics', async function () {
    need(this);
    this.timeout(60000);
    const tree = await hostsTree();
    await vscode.commands.executeCommand('blockwise.remote.openLvmConf', INFO.host);
    const doc = await until('the remote lvm.conf in an editor', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'blockwise-remote' ? d : undefined;
    }, 30000);
    assert.equal(doc.uri.toString(), `blockwise-remote://${INFO.host}/etc/lvm/lvm.conf`);
    assert.equal(doc.languageId, 'lvm-conf');
    assert.equal(vscode.workspace.fs.isWritableFileSystem('blockwise-remote'), false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, Buffer.from('x'))), 'writes are refused');
    // The language server serves the remote document like a local one.
    const syms = await until('an outline of the remote lvm.conf', async () => {
      const s = await symbols(doc.uri);
      return s.length ? s : undefined;
    });
    assert.ok(syms.some((s) => s.name === 'backup'), syms.map((s) => s.name).join(', '));
    // Checked as the lvm2 the host reported in its refresh (status bar item and its reason).
    const status = (await api()).release();
    const shown = await until('the remote file\'s release in the status bar', () => {
      const s = status?.shown();
      return s?.uri === doc.uri.toString() && /on host/.test(s.tooltip) ? s : undefined;
    });
    assert.match(shown.text, /lvm2 2\.0[23]\.\d+/);
    assert.match(shown.tooltip, new RegExp(`the lvm2 version on host ${(INFO.host ?? "").replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    console.log(`[blockwise-e2e] remote lvm.conf: ${shown.text}`);
    if (INFO.hostLvmConf) {
      // The host's lvm.conf keeps no archive history (retain_min = 0, retain_days = 0).
      const d = await until('unsafe-retention on the remote lvm.conf', () => blockwiseDiagnostics(doc.uri).find((x) => codeOf(x) === 'unsafe-retention'));
      assert.equal(doc.lineAt(d.range.start.line).text.trim().split(/\s*=/)[0], 'retain_min');
    } else {
      // Without a mount namespace the host's lvm.conf is the machine's own; it may be clean.
      console.log(`[blockwise-e2e] remote lvm.conf is the machine's own (no mount namespace); ${blockwiseDiagnostics(doc.uri).length} findings`);
    }
    // Screenshot: the hosts view alone in the side bar with the host and its VG expanded (host,
    // Findings, its findings, VG: keyboard navigation of the focused tree), beside the remote file.
    const finding = blockwiseDiagnostics(doc.uri)[0];
    if (finding) vscode.window.activeTextEditor?.revealRange(finding.range, vscode.TextEditorRevealType.InCenter);
    await tidyForScreenshot();
    for (const v of ['workbench.explorer.fileView', 'outline', 'timeline', 'blockwise.backups']) await vscode.commands.executeCommand(`${v}.removeView`).then(undefined, () => undefined);
    await vscode.commands.executeCommand('blockwise.remoteHosts.focus');
    const nav = async (cmd: string) => {
      await vscode.commands.executeCommand(cmd).then(undefined, () => undefined);
      await sleep(150);
    };
    await nav('list.focusFirst');
    await nav('list.expand');
    const [host] = await kids(tree);
    const findings = (await kids(tree, host)).find((n) => n.kind === 'findings')?.findings ?? [];
    for (let i = 0; i < findings.length + 2; i++) await nav('list.focusDown');
    await nav('list.expand');
    await screenshot('hosts-view');
  });

}

function defineRestricted(): void {
  test('Restricted Mode: the hosts view contacts nothing and remote files do not open', async () => {
    const tree = await hostsTree();
    const roots = await kids(tree);
    assert.deepEqual(roots.map((n) => n.kind), ['message']);
    assert.match(String(roots[0].text), /Restricted Mode/);
    await vscode.commands.executeCommand('blockwise.remote.refresh');
    assert.deepEqual((await kids(tree)).map((n) => n.kind), ['message']);
    const host = INFO.host ?? 'bw-host';
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(`blockwise-remote://${host}/etc/lvm/lvm.conf`))));
  });
}
