// `blockwise lsp` and `blockwise-language-server` as a plain LSP client sees them (Neovim's built-in
// client, eglot, ALE): started from the CLI package over stdio, documents sent with the editor's
// own filetype (or none) as languageId, a client that offers neither workspace/configuration nor
// dynamic registration nor markdown. The server must recognise the documents by name and content,
// take its settings from the initialization options and the repository's .blockwise.yaml, and
// send that client no request at all.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/util';
import { CASES, writeCases } from './cases';

const root = repoRoot();
const { dir, paths } = writeCases();
// The repository's own settings apply to every client, also one that cannot be asked.
writeFileSync(join(dir, '.blockwise.yaml'), 'severity:\n  unguarded-clearpart: error\n');
after(() => rmSync(dir, { recursive: true, force: true }));

function start(argv: string[]) {
  const proc = spawn(argv[0], argv.slice(1), { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const requests: string[] = [];
  // Every request the server sends (vscode-jsonrpc's star handler; the protocol typings omit it).
  (conn as unknown as { onRequest(h: (method: string) => null): void }).onRequest((method) => {
    requests.push(method);
    return null;
  });
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  const diagnosticsOf = async (uri: string, timeoutMs = 15000): Promise<PublishDiagnosticsParams> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const p = published.filter((d) => d.uri === uri && d.diagnostics.length).pop();
      if (p) return p;
      if (Date.now() > end) throw new Error(`no diagnostics for ${uri}; stderr: ${stderr.slice(-400)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  const stop = async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    const code = await new Promise<number | null>((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.on('exit', r)));
    conn.dispose();
    return code;
  };
  return { conn, requests, published, diagnosticsOf, stop };
}

const PLAIN_CAPABILITIES = {
  textDocument: { hover: { contentFormat: ['plaintext'] }, publishDiagnostics: {} },
  workspace: {},
};

// Neovim 0.7 sends its filetype: kscript for *.ks, nothing for lvm.conf; others send conf, text, sh.
for (const [label, argv, ids] of [
  ['blockwise lsp (no transport flag)', [process.execPath, join(root, 'bin', 'blockwise.js'), 'lsp'], ['', 'kscript']],
  ['blockwise-language-server --stdio', [process.execPath, join(root, 'bin', 'blockwise-language-server.js'), '--stdio'], ['conf', 'text']],
] as const) {
  test(`${label}: documents recognised by name, settings from initializationOptions, no request to the client`, async () => {
    const s = start([...argv]);
    const init = (await s.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: PLAIN_CAPABILITIES,
      initializationOptions: { settings: { severity: { 'unknown-setting': 'error' } } },
    })) as InitializeResult;
    assert.equal(init.serverInfo?.name, 'blockwise');
    await s.conn.sendNotification('initialized', {});
    for (const [i, c] of CASES.entries()) {
      const uri = pathToFileURL(paths[i]).href;
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: ids[i], version: 1, text: c.text } });
      const d = await s.diagnosticsOf(uri);
      const f = d.diagnostics.find((x) => x.code === c.code);
      assert.ok(f, `${c.rel}: ${c.code} among ${d.diagnostics.map((x) => x.code).join(', ')}`);
      assert.equal(f.range.start.line, c.line);
      // Severity overrides came from initializationOptions (the client cannot be asked) and from
      // the repository's .blockwise.yaml (unguarded-clearpart is a warning by default).
      assert.equal(f.severity, 1, `${c.code} as an error`);
      const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: c.hover.line, character: c.hover.character } })) as Hover;
      const content = h.contents as MarkupContent;
      assert.equal(content.kind, 'plaintext', 'the client listed plaintext only');
      assert.ok(content.value.includes(c.hover.contains), content.value);
      assert.ok(!content.value.includes('**'), 'no markdown emphasis in plain text');
    }
    // A shell script is not ours, whatever its languageId: no diagnostics for it.
    const sh = pathToFileURL(join(dir, 'setup.sh')).href;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: sh, languageId: 'sh', version: 1, text: 'echo hi\n' } });
    const status = (await s.conn.sendRequest('blockwise/status')) as { documents: number };
    assert.equal(status.documents, CASES.length, 'only the two storage files are open in the server');
    assert.deepEqual(s.requests, [], 'the server sent the plain client no request');
    assert.equal(await s.stop(), 0);
  });
}

test('a client that offers workspace/configuration and dynamic registration gets both, markdown hovers', async () => {
  const s = start([process.execPath, join(root, 'bin', 'blockwise.js'), 'lsp', '--stdio']);
  await s.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
  });
  await s.conn.sendNotification('initialized', {});
  const c = CASES[0];
  const uri = pathToFileURL(paths[0]).href;
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'lvm-conf', version: 1, text: c.text } });
  await s.diagnosticsOf(uri);
  const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: c.hover.line, character: c.hover.character } })) as Hover;
  assert.equal((h.contents as MarkupContent).kind, 'markdown');
  assert.ok(s.requests.includes('client/registerCapability'));
  assert.ok(s.requests.includes('workspace/configuration'));
  assert.equal(await s.stop(), 0);
});
