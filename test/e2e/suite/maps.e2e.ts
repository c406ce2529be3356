// The pictures (issue 14) in a real VS Code: "Show Extent Map" on an lvm2-written backup and
// "Show Storage Plan" on a kickstart open a webview beside the file, through the commands the
// editor title button runs; the server's picture names every LV / disk; a screenshot of each
// for the README.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, MODE, open, screenshot, tidyForScreenshot, until } from './helpers';

function webviewTab(label: RegExp): vscode.Tab | undefined {
  for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputWebview && label.test(t.label)) return t;
  return undefined;
}

suite(`Blockwise pictures in real VS Code (${MODE} workspace)`, () => {
  test('Show Extent Map: a webview beside an lvm2 backup with every LV in the picture', async () => {
    const a = await api();
    const ed = await open('maps/vgkinds.vg');
    assert.equal(ed.document.languageId, 'lvm-metadata');
    const r = await a.client()!.sendRequest<{ svg?: string; error?: string }>('blockwise/map', { uri: ed.document.uri.toString() });
    assert.ok(r.svg, r.error);
    for (const lv of ['r10_rimage_0', 'pool0_tdata', 'il_imeta', 'wc_wcorig', 'm1_mlog', 'thin1', 'snap1']) assert.ok(r.svg.includes(lv), lv);
    await tidyForScreenshot();
    await vscode.commands.executeCommand('blockwise.showExtentMap');
    const tab = await until('the extent map tab', () => webviewTab(/^Extent map: vgkinds\.vg$/));
    assert.notEqual(tab.group.viewColumn, ed.viewColumn, 'the map opens beside the file');
    await screenshot('extent-map');
  });

  test('Show Storage Plan: a webview beside a kickstart naming every disk, RAID set and LV', async () => {
    const a = await api();
    const ed = await open('maps/raid10-lvm.ks');
    assert.equal(ed.document.languageId, 'kickstart');
    const r = await a.client()!.sendRequest<{ svg?: string; error?: string }>('blockwise/map', { uri: ed.document.uri.toString() });
    assert.ok(r.svg, r.error);
    for (const d of ['sda', 'sdk', 'vg_sys', 'vg_data', 'pgsql', 'WIPED']) assert.ok(r.svg.includes(d), d);
    await vscode.commands.executeCommand('blockwise.showStoragePlan');
    await until('the storage plan tab', () => webviewTab(/^Storage plan: raid10-lvm\.ks$/));
    await screenshot('storage-plan');
  });
});

suite(`Blockwise backups pictures in real VS Code (${MODE} workspace)`, () => {
  test('backups browser: the map of a version, and what changed beside the text diff', async () => {
    const a = await api();
    const provider = a.views().backups as vscode.TreeDataProvider<{ type: string; timeline?: { vg: string }; entry?: { kind: string; index?: number } }>;
    await vscode.commands.executeCommand('blockwise.backups.refresh');
    const roots = (await provider.getChildren()) ?? [];
    const vg = roots.find((n) => n.timeline?.vg === 'vg_miss-2');
    assert.ok(vg, 'vg_miss-2 listed');
    const entries = (await provider.getChildren(vg)) ?? [];
    const archive = entries.find((e) => e.entry?.kind === 'archive' && e.entry.index === 1);
    assert.ok(archive, 'archive #1 listed');
    await vscode.commands.executeCommand('blockwise.backups.showMap', archive);
    await until('the version map tab', () => webviewTab(/^Extent map: vg_miss-2 #1$/));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('blockwise.backups.showChanges', archive);
    await until('the change picture tab', () => webviewTab(/^What changed: vg_miss-2 #0 → vg_miss-2 #1$/));
    let diff = false;
    for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputTextDiff) diff = true;
    assert.ok(diff, 'the text diff is open too');
    await screenshot('backups-changes');
  });
});
