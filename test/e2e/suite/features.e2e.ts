// Feature scenarios in a real VS Code, one per issue: lvm.conf hover/completion/quick fix (4),
// the LVM backups browser (5), kickstart clearpart finding/fix/storage outline (6). Every
// assertion goes through VS Code's own commands (executeHoverProvider, executeCompletionItemProvider,
// executeCodeActionProvider, workspace.applyEdit, tabGroups), not through the server directly.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, blockwiseDiagnostics, codeOf, diagnosticWith, hoverText, MODE, open, revertActive, screenshot, sleep, symbols, tidyForScreenshot, until } from './helpers';

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

/** Apply the first quick fix (preferred first) whose title matches, through VS Code's code action API. */
async function applyQuickFix(uri: vscode.Uri, diag: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  const actions = ((await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[]) ?? [];
  // Blockwise's own fixes for this finding (not the "Silence … on this line" suppression).
  const fixes = actions.filter((a) => a.edit && title.test(a.title) && !/^(Silence|Suppress) /.test(a.title) && (!a.diagnostics?.length || a.diagnostics.some((d) => codeOf(d) === codeOf(diag))));
  fixes.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
  assert.ok(fixes.length, `a quick fix matching ${title} for ${codeOf(diag)}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(await vscode.workspace.applyEdit(fixes[0].edit!), true, `applyEdit(${fixes[0].title})`);
  return fixes[0];
}

suite(`Blockwise features in real VS Code (${MODE} workspace)`, () => {
  test('lvm.conf (issue 4): hover shows type and default, completion is per section, a quick fix removes its finding', async () => {
    await api();
    const ed = await open('features/lvm.conf');
    const uri = ed.document.uri;
    assert.equal(ed.document.languageId, 'lvm-conf');
    const line = (s: string) => ed.document.getText().split('\n').findIndex((l) => l.trimStart().startsWith(s));
    try {
      // Hover on backup/retain_min: its type and lvm2's default.
      const at = line('retain_min');
      const hover = await until('a hover on retain_min', async () => {
        const t = await hoverText(uri, new vscode.Position(at, 3));
        return t.includes('retain_min') ? t : undefined;
      });
      assert.match(hover, /backup\/retain_min/, hover);
      assert.match(hover, /integer/, hover);
      assert.match(hover, /Default: `10`/, hover);

      // Completion on the empty line inside `backup {`: backup settings only.
      const empty = at + 1;
      assert.equal(ed.document.lineAt(empty).text.trim(), '');
      const list = (await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(empty, ed.document.lineAt(empty).text.length))) as vscode.CompletionList;
      // The language server's items (properties and sections); VS Code adds the extension's
      // snippets and words of the document, which are not per-section.
      const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property || i.kind === vscode.CompletionItemKind.Module).map(labelOf);
      for (const want of ['retain_min', 'retain_days', 'archive_dir']) assert.ok(labels.includes(want), `${want} offered in backup {}; got ${labels.join(', ')}`);
      for (const other of ['global_filter', 'dir', 'thin_pool_autoextend_threshold', 'use_lvmpolld', 'umask']) assert.ok(!labels.includes(other), `${other} (another section) offered in backup {}`);

      // unknown-setting on retain_dayz, fixed with "Rename to retain_days".
      const typo = await diagnosticWith(uri, 'unknown-setting');
      assert.equal(typo.range.start.line, line('retain_dayz'));
      const fix = await applyQuickFix(uri, typo, /retain_days/);
      console.log(`[blockwise-e2e] applied quick fix: ${fix.title}`);
      assert.equal(ed.document.lineAt(typo.range.start.line).text.trim(), 'retain_days = 30');
      await until('the unknown-setting finding to go', () => (blockwiseDiagnostics(uri).some((d) => codeOf(d) === 'unknown-setting') ? undefined : true));
    } finally {
      await vscode.window.showTextDocument(ed.document);
      await revertActive();
    }
  });

  test('backups (issue 5): the browser lists the fixture folders, compares, summarises and generates restore commands', async () => {
    const a = await api();
    const provider = a.views().backups as vscode.TreeDataProvider<{ type: string; timeline?: { vg: string }; entry?: { kind: string; index?: number; path: string } }>;
    assert.ok(provider, 'the extension exposes the backups tree provider');
    await vscode.commands.executeCommand('blockwise.backups.refresh');
    const roots = (await provider.getChildren()) ?? [];
    const vgs = roots.filter((n) => n.type === 'vg').map((n) => n.timeline!.vg);
    // lvm/backup + lvm/archive (vg_miss-2) and etc/lvm/backup (vg0) from the workspace.
    assert.ok(vgs.includes('vg_miss-2'), `VGs listed: ${vgs.join(', ')}`);
    assert.ok(vgs.includes('vg0'), `VGs listed: ${vgs.join(', ')}`);
    const vgNode = roots.find((n) => n.timeline?.vg === 'vg_miss-2')!;
    const vgItem = await provider.getTreeItem(vgNode);
    assert.equal(vgItem.description, '4 versions');
    const entries = (await provider.getChildren(vgNode)) ?? [];
    assert.equal(entries.length, 4);
    const items = await Promise.all(entries.map((e) => provider.getTreeItem(e)));
    // Newest first: the current backup, then archives #2, #1, #0, each labelled by the command that made it.
    assert.deepEqual(entries.map((e) => (e.entry!.kind === 'archive' ? `#${e.entry!.index}` : 'backup')), ['backup', '#2', '#1', '#0']);
    assert.ok(items.slice(1).every((i) => /^(before|after) /.test(String(i.label))), items.map((i) => i.label).join(' | '));
    const archive = entries[1];

    // Compare with the previous version: a diff editor opens.
    await vscode.commands.executeCommand('blockwise.backups.compareWithPrevious', archive);
    const diff = await until('a diff editor', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t.input : undefined;
    });
    assert.ok(diff.original.fsPath.endsWith('vg_miss-2_00001-1357429463.vg'), diff.original.fsPath);
    assert.equal(diff.modified.fsPath, archive.entry!.path);
    // And with the current backup.
    await vscode.commands.executeCommand('blockwise.backups.compareWithCurrent', archive);
    await until('a diff against the current backup', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return t instanceof vscode.TabInputTextDiff && t.modified.fsPath.endsWith('/lvm/backup/vg_miss-2') ? t : undefined;
    });

    // The structural summary opens as markdown.
    await vscode.commands.executeCommand('blockwise.backups.structuralSummary', archive);
    const summary = await until('the structural summary', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.isUntitled && d.languageId === 'markdown' ? d : undefined;
    });
    assert.match(summary.getText(), /vg_miss-2/);
    console.log(`[blockwise-e2e] structural summary: ${summary.getText().split('\n').slice(0, 6).join(' / ')}`);

    // Restore commands: an untitled shell document that starts with a dry run.
    await vscode.commands.executeCommand('blockwise.backups.restoreCommands', archive);
    const restore = await until('the restore commands', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.isUntitled && d.languageId === 'shellscript' ? d : undefined;
    });
    // Archive #2 marks a PV MISSING, which lvm2 refuses to restore: the plan offers what lvm2 accepts
    // (restoremissing, or the newest archive from before the loss), never a restore of #2 itself.
    const plan = restore.getText();
    assert.match(plan, /marks 1 PV MISSING/);
    assert.match(plan, /vgextend --restoremissing --test 'vg_miss-2'/);
    assert.match(plan, /vgcfgrestore --test -f '[^'\n]*vg_miss-2_00001-1357429463\.vg' 'vg_miss-2'/);
    assert.doesNotMatch(plan, /vgcfgrestore[^\n]*vg_miss-2_00002-445538802\.vg/);

    if (MODE === 'trusted') {
      // For the screenshot: the diff of #1 and #2 beside the view, vg_miss-2 (the last VG) expanded.
      await vscode.commands.executeCommand('blockwise.backups.compareWithPrevious', archive);
      await tidyForScreenshot();
      await vscode.commands.executeCommand('blockwise.backups.focus');
      for (const c of ['list.focusLast', 'list.expand']) {
        await vscode.commands.executeCommand(c).then(undefined, () => undefined);
        await sleep(150);
      }
      await screenshot('backups-view');
    }
  });

  test('kickstart (issue 6): an unguarded clearpart is flagged, its quick fix removes the finding, the storage outline is shown', async () => {
    await api();
    const ed = await open('ks/features.ks');
    const uri = ed.document.uri;
    assert.equal(ed.document.languageId, 'kickstart');
    try {
      const finding = await diagnosticWith(uri, 'unguarded-clearpart');
      assert.equal(ed.document.lineAt(finding.range.start.line).text.trim(), 'clearpart --all --initlabel');

      // The storage outline: a Storage node with the disk, its partitions, the VG and its LVs.
      const syms = await until('the storage outline', async () => {
        const s = await symbols(uri);
        return s.find((x) => x.name === 'Storage');
      });
      const names: string[] = [];
      const walk = (s: vscode.DocumentSymbol) => {
        names.push(s.name);
        s.children.forEach(walk);
      };
      walk(syms);
      for (const want of ['sda', '/boot', 'pv.01', 'vg_sys']) assert.ok(names.some((n) => n === want || n.includes(want)), `${want} in the storage outline: ${names.join(', ')}`);
      assert.ok(names.some((n) => /root/.test(n)) && names.some((n) => /swap/.test(n)), `LVs in the storage outline: ${names.join(', ')}`);
      if (MODE === 'trusted') {
        await vscode.commands.executeCommand('outline.focus');
        ed.revealRange(finding.range, vscode.TextEditorRevealType.InCenter);
      }

      const fix = await applyQuickFix(uri, finding, /ignoredisk --only-use=sda/);
      console.log(`[blockwise-e2e] applied quick fix: ${fix.title}`);
      await until('the unguarded-clearpart finding to go', () => (blockwiseDiagnostics(uri).some((d) => codeOf(d) === 'unguarded-clearpart') ? undefined : true));
    } finally {
      await vscode.window.showTextDocument(ed.document);
      await revertActive();
    }
  });
});
