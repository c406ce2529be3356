// Small helpers shared by the feature and remote end-to-end suites (extension.e2e.ts keeps its own).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';

export const EXT_ID = 'blockwise.blockwise';
export const MODE = process.env.BLOCKWISE_E2E_TRUST ?? 'trusted';
const SHOTS = process.env.BLOCKWISE_E2E_SHOTS; // folder the runner watches; empty under test-electron

/** What the extension's activate() returns (client/src/extension.ts BlockwiseApi), as the tests use it. */
export interface Api {
  client(): { sendRequest<T>(method: string, params: unknown): Promise<T>; state: number } | undefined;
  ready(): Promise<void>;
  views(): { backups?: vscode.TreeDataProvider<unknown>; hosts?: vscode.TreeDataProvider<unknown> };
  release(): { shown(): { text: string; tooltip: string; uri: string } | undefined } | undefined;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last !== undefined && last !== null && (last as unknown) !== false) return last;
    } catch (e) {
      error = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)}${error ? `, error: ${(error as Error).message}` : ''})`);
}

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test workspace folder is open');
  return f.uri;
}

export const file = (rel: string) => vscode.Uri.joinPath(folder(), rel);

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

export function blockwiseDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'blockwise');
}

export async function diagnosticWith(uri: vscode.Uri, code: string, timeoutMs = 20000): Promise<vscode.Diagnostic> {
  return until(`a ${code} finding on ${uri.toString()}`, () => blockwiseDiagnostics(uri).find((d) => codeOf(d) === code), timeoutMs);
}

export async function symbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return ((await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri)) as vscode.DocumentSymbol[]) ?? [];
}

/** Text of every hover at a position, joined. */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = ((await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos)) as vscode.Hover[]) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Ask the runner for a screenshot of the window as it is now and wait until it has been taken. */
export async function screenshot(name: string): Promise<void> {
  if (!SHOTS) return;
  await sleep(1200); // let the editor, views and squiggles paint
  const done = `${SHOTS}/${name}.done`;
  console.log(`[blockwise-e2e] screenshot ${name}`);
  await until(`screenshot ${name}`, () => existsSync(done), 15000).catch(() => console.log(`[blockwise-e2e] screenshot ${name} not confirmed`));
}

export async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  const a = await ext.activate();
  await a.ready();
  return a;
}

/** Revert the active editor's unsaved changes (the fixtures on disk are never written). */
export async function revertActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** Make room in the side bar for a view's screenshot: no panel, explorer folders and outline collapsed. */
export async function tidyForScreenshot(): Promise<void> {
  for (const c of ['workbench.action.closePanel', 'workbench.files.action.collapseExplorerFolders']) {
    await vscode.commands.executeCommand(c).then(undefined, () => undefined);
  }
}
