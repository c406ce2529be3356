// grammars/playground/index.html: the static playground page on the committed wasm parses in a
// real headless Chromium (Debian's, driven by playwright-core), served over HTTP from the
// repository as a user would serve it. The page's tree for each grammar's samples must be the one
// web-tree-sitter builds in Node; a syntax error is counted. Skipped without chromium.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../support/util';
import { bindingInputs, webTrees } from './binding-inputs';

const root = repoRoot();
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
let server: Server | undefined;
let base = '';

before(async () => {
  if (!chromium) return;
  // A static file server over the repository, as `python3 -m http.server` would serve it.
  server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server?.close());

test('the playground page parses both grammars in headless Chromium like web-tree-sitter in Node', { skip: chromium ? undefined : 'no chromium (/usr/bin/chromium; scripts/install-deps.sh installs it) ' }, async () => {
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/grammars/playground/?grammar=kickstart`);
    await page.waitForFunction('document.body.dataset.ready !== undefined', undefined, { timeout: 30000 });
    assert.equal(await page.evaluate('document.body.dataset.ready'), 'true', String(await page.evaluate('document.body.dataset.error')));
    assert.equal(await page.evaluate('document.body.dataset.errors'), '0', 'the kickstart example parses without errors');
    for (const grammar of ['lvm', 'kickstart']) {
      // The samples (not the corpus: a few real files are enough in a browser).
      const { inputs, corpusCount } = bindingInputs(grammar);
      const samples = inputs.slice(corpusCount);
      const web = await webTrees(grammar, samples);
      for (const [i, s] of samples.entries()) {
        const got = await page.evaluate(([g, t]) => (globalThis as unknown as { blockwiseParse(g: string, t: string): Promise<{ sexp: string; errors: number; lines: number }> }).blockwiseParse(g, t), [grammar, s.text] as const);
        assert.equal(got.sexp, web[i], `${s.label}: the page built another tree`);
        assert.ok(got.lines > 3, `${s.label}: the tree is shown`);
      }
    }
    const bad = await page.evaluate(() => (globalThis as unknown as { blockwiseParse(g: string, t: string): Promise<{ errors: number }> }).blockwiseParse('lvm', 'a {\n b = \n'));
    assert.ok(bad.errors > 0, 'a broken lvm.conf shows its errors');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
