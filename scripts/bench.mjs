// `npm run bench`: speed and memory figures, printed (never asserted). Each section runs in a
// child process of its own, so cold timings and peak memory (max RSS) belong to that section only.
//   node scripts/bench.mjs               every section
//   node scripts/bench.mjs grammars lsp  only those
// Sections call functions the modules export, from one bundle of them (dist/bench/modules.js,
// test/bench-modules.ts), so the figures are those of bundled code as the server and CLI ship.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const modules = require(join(root, 'dist/bench/modules.js'));
const load = (name) => modules[name];
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const peak = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB max RSS`;
const line = (label, value, target = '') => console.log(`  ${label.padEnd(58)} ${value}${target ? `   (target ${target})` : ''}`);

/** 21 one-character inserts in the middle of `text`, each: edit the old tree, reparse; times in ms. */
function incrementalEdits(p, text) {
  let tree = p.parse(text);
  const times = [];
  for (let i = 0; i < 21; i++) {
    const off = Math.floor(text.length / 2) + i * 101;
    const before = text.slice(0, off);
    const row = before.split('\n').length - 1;
    const col = off - (before.lastIndexOf('\n') + 1);
    const next = before + ' ' + text.slice(off);
    next.charCodeAt(next.length - 1); // flatten the joined string outside the timing
    const t = performance.now();
    tree.edit({ startIndex: off, oldEndIndex: off, newEndIndex: off + 1, startPosition: { row, column: col }, oldEndPosition: { row, column: col }, newEndPosition: { row, column: col + 1 } });
    const nt = p.parse(next, tree);
    times.push(performance.now() - t);
    tree.delete();
    tree = nt;
    text = next;
  }
  tree.delete();
  return times;
}

async function treeSitter() {
  const ts = load('treesitter');
  await ts.loadAll();
  return ts;
}

const sections = {
  async grammars() {
    const ts = await treeSitter();
    const { generateBigMetadata } = load('metadataGenerate');
    const meta = generateBigMetadata({ lvs: 10000 });
    const runs = (n, f) => Array.from({ length: n }, () => { const t = performance.now(); f(); return performance.now() - t; });
    const full = runs(5, () => ts.parse('lvm', meta).delete());
    line(`tree-sitter-lvm full parse, 10,000-LV metadata (${mb(meta.length)})`, `${ms(median(full))} = ${(meta.length / 1e6 / (median(full) / 1000)).toFixed(1)} MB/s`, '>= 5 MB/s');
    // Incremental: one character inserted in the middle, the old tree edited, then reparsed.
    // Two figures: tree-sitter alone (edit + parse), and the whole document update (new text,
    // incremental line index, reparse) that the server does per change.
    const alone = incrementalEdits(ts.parser('lvm'), meta);
    line('tree-sitter-lvm incremental reparse after a 1-char edit (median of 21)', ms(median(alone)), '< 5 ms');
    const { ParsedDocument } = load('document');
    const doc = new ParsedDocument('file:///big', 'lvm-metadata', meta);
    const inc = [];
    for (let i = 0; i < 21; i++) {
      const at = doc.lines.positionAt(Math.floor(doc.text.length / 2) + i * 101);
      const t = performance.now();
      doc.update([{ range: { start: at, end: at }, text: ' ' }], i + 1);
      inc.push(performance.now() - t);
    }
    line('  whole document update (text, line index, reparse), median', ms(median(inc)));
    doc.dispose();
    const ks = load('kickstartBench');
    const ksText = ks.generateKickstart(20000);
    const kfull = runs(5, () => ts.parse('kickstart', ksText).delete());
    line(`tree-sitter-kickstart full parse, 20,000-line kickstart (${mb(ksText.length)})`, `${ms(median(kfull))} = ${(ksText.length / 1e6 / (median(kfull) / 1000)).toFixed(1)} MB/s`, '>= 5 MB/s');
    line('peak memory of this section', peak());
  },

  // The two parser runtimes: web-tree-sitter (wasm; the language server) and the native
  // tree-sitter binding (the CLI's default when it loads). Same grammars, same trees (the corpus
  // and the unit suite check that); these are only the costs. Each runtime in a process of its own
  // (section _runtime), so loads are cold and the peak memory is that runtime's.
  async runtimes() {
    const full = {};
    for (const r of ['wasm', 'native']) {
      const c = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '_runtime'], { encoding: 'utf8', cwd: root, env: { ...process.env, BLOCKWISE_BENCH_RUNTIME: r } });
      process.stdout.write(c.stdout);
      if (c.status !== 0) line(`${r} runtime`, `failed: ${c.stderr.trim().split('\n').pop()}`);
      const m = /full parse, 10,000-LV.* ([\d.]+) ms =/.exec(c.stdout);
      if (m) full[r] = Number(m[1]);
    }
    if (full.wasm && full.native) line('10,000-LV full parse, native time / wasm time', `${(full.native / full.wasm).toFixed(2)}`);
    // One-file CLI runs, each runtime forced (BLOCKWISE_PARSER), wall time of the whole process.
    const bin = join(root, 'bin/blockwise.js');
    for (const file of ['samples/kickstart/guarded-raid10-lvm.ks', 'samples/metadata/backup/vg.data+1']) {
      for (const r of ['wasm', 'native']) {
        const walls = [];
        let status;
        for (let i = 0; i < 7; i++) {
          const t = performance.now();
          const c = spawnSync(process.execPath, [bin, 'check', join(root, file)], { encoding: 'utf8', env: { ...process.env, BLOCKWISE_PARSER: r } });
          walls.push(performance.now() - t);
          status = c.status;
        }
        line(`blockwise check ${file} (${readFileSync(join(root, file)).length} B), ${r}, median of 7`, status === 2 ? 'exit 2 (runtime not available)' : ms(median(walls)));
      }
    }
  },

  async _runtime() {
    const r = process.env.BLOCKWISE_BENCH_RUNTIME;
    const ts = load('treesitter');
    const { generateBigMetadata } = load('metadataGenerate');
    const meta = generateBigMetadata({ lvs: 10000 });
    const ksText = load('kickstartBench').generateKickstart(20000);
    const { ParsedDocument } = load('document');
    const { analyzeDocument } = load('analyze');
    const runs = (n, f) => Array.from({ length: n }, () => { const t = performance.now(); f(); return performance.now() - t; });
    ts.useRuntime(r);
    const t0 = performance.now();
    try {
      await ts.loadAll();
    } catch (e) {
      line(`${r}: not available`, String(e.message ?? e).split('\n')[0]);
      return;
    }
    line(`${r}: load runtime + 3 grammars, cold`, ms(performance.now() - t0));
    const kfull = median(runs(5, () => ts.parse('kickstart', ksText).delete()));
    line(`${r}: full parse, 20,000-line kickstart (${mb(ksText.length)}), median of 5`, ms(kfull));
    const full = median(runs(5, () => ts.parse('lvm', meta).delete()));
    line(`${r}: full parse, 10,000-LV metadata (${mb(meta.length)}), median of 5`, `${ms(full)} = ${(meta.length / 1e6 / (full / 1000)).toFixed(1)} MB/s`);
    const inc = incrementalEdits(ts.parser('lvm'), meta);
    line(`${r}: incremental reparse after a 1-char edit, median of 21`, ms(median(inc)));
    let nFindings = 0;
    const whole = median(runs(3, () => {
      const doc = new ParsedDocument('file:///etc/lvm/backup/vgbig', 'lvm-metadata', meta);
      nFindings = analyzeDocument(doc, {}).length;
      doc.dispose();
    }));
    line(`${r}: parse + full analysis of the 10,000-LV file, median of 3 (${nFindings} findings)`, ms(whole));
    line(`${r}: peak memory of this process`, peak());
  },

  // One-file CLI runs as a pre-commit hook makes them: wall time of the whole process, median of
  // 41 runs, next to bare Node and to lvm2's own `lvmconfig --validate` in the same run. The load
  // average is printed because on a shared machine it moves every figure here.
  //
  // The runs are timed by a shell, as a hook runs them: bash starts each command and reads its
  // clock ($EPOCHREALTIME, no extra process) before and after. Timed from this Node process
  // instead, every figure carries another 10 ms or so, the cost of forking a large parent; the
  // last line shows that for the first kickstart check.
  async startup() {
    const haveBash = spawnSync('bash', ['-c', '[ -n "$EPOCHREALTIME" ]']).status === 0;
    const q = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`;
    const viaNode = (argv, env, n) => {
      const times = [];
      for (let i = 0; i < n + 2; i++) {
        const t = performance.now();
        const r = spawnSync(argv[0], argv.slice(1), { env, stdio: 'ignore' });
        if (r.error) return undefined;
        if (i >= 2) times.push(performance.now() - t); // two warm-up runs (page cache, code cache)
      }
      return median(times);
    };
    const runs = (argv, env = process.env, n = 41) => {
      if (!haveBash) return viaNode(argv, env, n);
      const script = `for i in $(seq ${n + 2}); do s=$EPOCHREALTIME; ${argv.map(q).join(' ')} >/dev/null 2>&1; e=$EPOCHREALTIME; [ $i -gt 2 ] && echo $((\${e/./}-\${s/./})); done; command -v ${q(argv[0])} >/dev/null || echo missing`;
      const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
      if (r.error || r.stdout.includes('missing')) return undefined;
      const times = r.stdout.trim().split('\n').map((x) => Number(x) / 1000);
      return median(times);
    };
    const noCa = { ...process.env };
    delete noCa.NODE_EXTRA_CA_CERTS;
    const bin = join(root, 'bin', 'blockwise.js');
    const ks = join(root, 'test/fixtures/kickstart/real/RHEL9/ssg-rhel9-e8-ks.cfg');
    const ksPre = join(root, 'test/fixtures/kickstart/real/RHEL9/Rocky-9-GenericArm-Minimal.ks');
    const conf = join(root, 'samples/lvm/lvm.conf');
    const kb = (f) => `${(readFileSync(f).length / 1024).toFixed(1)} KB`;
    line(`load average at start (${require('node:os').cpus().length} cores)`, require('node:os').loadavg().map((x) => x.toFixed(2)).join(' '));
    line('node -e 0 (this environment)', ms(runs([process.execPath, '-e', '0'])));
    if (process.env.NODE_EXTRA_CA_CERTS) line('node -e 0 without NODE_EXTRA_CA_CERTS (what bin/blockwise.js starts)', ms(runs([process.execPath, '-e', '0'], noCa)));
    const lvmconfig = runs(['lvmconfig', '--validate']);
    line('lvmconfig --validate (lvm2, same run)', lvmconfig === undefined ? 'not installed' : ms(lvmconfig));
    const check = runs([bin, 'check', ks]);
    line(`blockwise check, ${kb(ks)} kickstart, no %pre`, `${ms(check)}${lvmconfig ? ` = ${(check / lvmconfig).toFixed(1)}x lvmconfig` : ''}`, '< 100 ms');
    line(`blockwise check, ${kb(ksPre)} kickstart with %pre (bash grammar)`, ms(runs([bin, 'check', ksPre])));
    line(`blockwise check, ${kb(conf)} lvm.conf`, ms(runs([bin, 'check', conf])));
    line('  same kickstart, no code cache (BLOCKWISE_NO_CODE_CACHE=1)', ms(runs([bin, 'check', ks], { ...process.env, BLOCKWISE_NO_CODE_CACHE: '1' })));
    line('  same kickstart, node bin/blockwise.js (keeps NODE_EXTRA_CA_CERTS)', ms(runs([process.execPath, bin, 'check', ks])));
    line('  same kickstart, %pre one, TurboFan allowed (node without --liftoff-only)', ms(runs([process.execPath, '--no-liftoff-only', bin, 'check', ksPre], { ...noCa, BLOCKWISE_NO_CODE_CACHE: '1' }, 5)));
    if (haveBash) line('  first kickstart check timed from this Node process (fork of a large parent)', ms(viaNode([bin, 'check', ks], process.env, 21)));
  },

  // The extension's activation as a user sees it: open an lvm.conf in a VS Code where Blockwise is
  // not active yet, until its first diagnostics. Measured inside code-server by the end-to-end suite
  // (test/e2e/suite/extension.e2e.ts), which writes .vscode-test/timings-<mode>.json; this section
  // runs the trusted pass when no figure from the last 6 hours is there.
  async activation() {
    const file = join(root, '.vscode-test', 'timings-trusted.json');
    const fresh = () => existsSync(file) && Date.now() - statSync(file).mtimeMs < 6 * 3600_000;
    if (!fresh()) {
      const r = spawnSync(process.execPath, [join(root, 'test/e2e/run.mjs')], { cwd: root, env: { ...process.env, BLOCKWISE_E2E_MODES: 'trusted' }, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (!fresh()) return line('extension activation', `not measured: the e2e trusted pass wrote no figure (${(r.stdout ?? '').trim().split('\n').pop()})`);
    }
    const t = JSON.parse(readFileSync(file, 'utf8'));
    line(`open lvm.conf -> first diagnostics, extension not active before (code-server ${t.vscode})`, `${ms(t.openToFirstDiagnosticsMs)} (${t.at})`, '< 2 s');
    const b = load('lspBench');
    if (b.activationToDiagnostics) line('language server alone: spawn -> initialize -> didOpen lvm.conf -> diagnostics', ms(await b.activationToDiagnostics()));
  },

  // Hostile input per language: 10 MB of random bytes, 100,000-deep nesting, a 1 MB line, each
  // against a valid 10 MB file of the language (target: within 2x of it), time and peak memory of
  // a fresh process per case.
  async hostile() {
    const mod = join(root, 'dist/bench/modules.js');
    for (const lang of ['lvm-conf', 'lvm-metadata', 'kickstart']) {
      const res = {};
      for (const kind of ['valid', 'random', 'nesting', 'line']) {
        const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(mod)}).hostileBench.runHostileCase(${JSON.stringify(lang)}, ${JSON.stringify(kind)}, ${JSON.stringify(root)}).then((r) => console.log(JSON.stringify(r)))`], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600_000 });
        if (r.status !== 0) {
          line(`${lang} ${kind}`, `failed (${r.signal ?? r.status}): ${(r.stderr ?? '').trim().split('\n').pop()}`);
          continue;
        }
        res[kind] = JSON.parse(r.stdout.trim().split('\n').pop());
      }
      const v = res.valid;
      for (const kind of ['valid', 'random', 'nesting', 'line']) {
        const x = res[kind];
        if (!x) continue;
        const ratio = v && kind !== 'valid' ? ` = ${(x.ms / v.ms).toFixed(2)}x valid${x.ms / v.ms <= 2 ? '' : ' (over 2x)'}` : '';
        const what = kind === 'valid' ? `valid ${mb(x.bytes)}` : kind === 'random' ? '10 MB of random bytes (read as UTF-8)' : kind === 'nesting' ? '100,000-deep nesting' : '1 MB single line';
        line(`${lang}: ${what}`, `${ms(x.ms)}${ratio}, ${x.maxRssMb.toFixed(0)} MB max RSS, ${x.findings} findings${x.internalError ? ' INTERNAL ERROR' : ''}`, kind === 'valid' ? '' : '<= 2x valid');
      }
    }
  },

  async lsp() {
    const b = load('lspBench');
    const r = await b.benchLsp();
    for (const [k, v] of Object.entries(r)) line(k, typeof v === 'number' ? ms(v) : String(v));
  },

  // Issue 28: one huge document in the language server (over stdio, with its workers), and the
  // folding of a 1,000,000-line lvm.conf in this process: from the tree (what the server does)
  // against the model-based ranges it replaced.
  async huge() {
    const r = await load('hugeBench').benchHugeDocuments();
    for (const [k, v] of Object.entries(r)) line(k, v, /first diagnostics/.test(k) ? '< 60 s' : /alive/.test(k) ? 'yes' : /after both closed/.test(k) ? '< 600 MB' : '');
    await treeSitter();
    const { ParsedDocument } = load('document');
    const text = load('hugeBench').HUGE_LVM_CONF();
    const doc = new ParsedDocument('file:///bench/lvm.conf', 'lvm-conf', text);
    let t = performance.now();
    void doc.tree;
    line('1 M-line lvm.conf: parse', ms(performance.now() - t));
    t = performance.now();
    const n = load('lvmconfFolding').foldLvmConf(doc).length;
    line(`1 M-line lvm.conf: folding from the tree (${n} ranges)`, `${ms(performance.now() - t)}, ${peak()}`, '< 5 s');
    t = performance.now();
    load('lvmconfSymbols').foldingLvmConf(doc);
    line('  the model-based folding it replaced (model included)', `${ms(performance.now() - t)}, ${peak()}`);
    doc.dispose();
  },

  async lvmconf() {
    await treeSitter();
    const b = load('lvmconfBench');
    const shipped = join(root, 'samples/lvm/lvm.conf');
    const r = b.benchShippedLvmConf(shipped);
    line(`Debian's shipped lvm.conf (${mb(readFileSync(shipped).length)}), parse + validation, warm`, ms(r.msPerRun), '< 5 ms');
    for (const row of b.benchLvmRelease(shipped, join(root, 'test/fixtures/real/lvm')).rows) {
      line(`lvm release resolver, ${row.label}: ${row.kb} KB, ${row.settings} settings -> ${row.release}`, `${ms(row.ms)} (first call in the process ${ms(row.coldMs)})`, '< 1 ms per 100 KB');
    }
    const c = load('lvmconfCliBench');
    const v = await c.benchCliVsLvmconfig();
    if (v.skipped) line('CLI vs lvmconfig --validate', `skipped: ${v.skipped}`);
    else {
      line(`blockwise check over ${v.files} configs (one process)`, ms(v.cliMs));
      line(`lvmconfig --validate over the same ${v.files} configs`, ms(v.lvmconfigMs));
      line('ratio blockwise / lvmconfig', v.ratio.toFixed(2), '<= 1');
      if (v.cliPerFileMs !== undefined) line('one blockwise process per file vs one lvmconfig run, ratio', `${v.perFileRatio.toFixed(1)} (node start-up dominates)`);
    }
  },

  async metadata() {
    // Cold: this process has loaded nothing yet; the time includes loading the grammar.
    const t0 = performance.now();
    const ts = await treeSitter();
    const { generateBigMetadata } = load('metadataGenerate');
    const meta = generateBigMetadata({ lvs: 10000 });
    const { ParsedDocument } = load('document');
    const { analyzeDocument } = load('analyze');
    const t1 = performance.now();
    const doc = new ParsedDocument('file:///etc/lvm/backup/vgbig', 'lvm-metadata', meta);
    const t2 = performance.now();
    const findings = analyzeDocument(doc, {});
    const t3 = performance.now();
    line('10,000-LV metadata: grammar load', ms(t1 - t0 - 0));
    line('10,000-LV metadata: parse', ms(t2 - t1));
    line(`10,000-LV metadata: parse + full analysis, cold (${findings.length} findings)`, ms(t3 - t1), '< 1 s');
    const edits = [];
    for (let i = 0; i < 11; i++) {
      const at = doc.lines.positionAt(Math.floor(doc.text.length / 3) + i * 211);
      const t = performance.now();
      doc.update([{ range: { start: at, end: at }, text: ' ' }], i + 2);
      analyzeDocument(doc, {});
      edits.push(performance.now() - t);
    }
    line('10,000-LV metadata: 1-char edit -> reparse + analysis (median)', ms(median(edits)), '< 200 ms');
    line('peak memory of this section', peak());
    void ts;
  },

  async map() {
    // `blockwise map`: the extent map of the 10,000-LV file as JSON and as SVG (after the parse,
    // and parse included), and the update after an edit of a 100-LV file (what a webview redraws).
    await treeSitter();
    const { generateBigMetadata } = load('metadataGenerate');
    const { ParsedDocument } = load('document');
    const map = load('map');
    const meta = generateBigMetadata({ lvs: 10000 });
    const t0 = performance.now();
    const doc = new ParsedDocument('file:///etc/lvm/backup/vgbig', 'lvm-metadata', meta);
    const p0 = map.pictureOf(doc);
    const t1 = performance.now();
    line('10,000-LV metadata: parse + model + map, cold', ms(t1 - t0));
    const runs = (n, f) => Array.from({ length: n }, () => { const t = performance.now(); f(); return performance.now() - t; });
    let json = '';
    let svg = '';
    const j = runs(5, () => { json = map.render(map.pictureOf(doc), 'json'); });
    const s = runs(5, () => { svg = map.render(map.pictureOf(doc), 'svg'); });
    line(`10,000-LV metadata: map -> JSON (${mb(json.length)}, median)`, ms(median(j)), '< 300 ms');
    line(`10,000-LV metadata: map -> SVG (${mb(svg.length)}, median)`, ms(median(s)), '< 300 ms');
    void p0;
    doc.dispose();
    const small = generateBigMetadata({ lvs: 100 });
    const d = new ParsedDocument('file:///etc/lvm/backup/vgsmall', 'lvm-metadata', small);
    map.render(map.pictureOf(d), 'svg');
    const edits = [];
    for (let i = 0; i < 21; i++) {
      const at = d.lines.positionAt(Math.floor(d.text.length / 2) + i * 37);
      const t = performance.now();
      d.update([{ range: { start: at, end: at }, text: ' ' }], i + 2);
      map.render(map.pictureOf(d), 'svg');
      edits.push(performance.now() - t);
    }
    line('100-LV metadata: 1-char edit -> reparse + map + SVG (median)', ms(median(edits)), '< 100 ms');
    d.dispose();
    line('peak memory of this section', peak());
  },

  async backups() {
    const dir = mkdtempSync(join(tmpdir(), 'blockwise-bench-archive-'));
    try {
      const b = load('backupsBench');
      const t = performance.now();
      b.makeArchiveFolder(dir, 110000);
      line('writing 110,000 archive files (setup, not measured)', ms(performance.now() - t));
      // Each listing in a fresh process, so its memory is its own.
      for (const fn of ['benchBrowserListing', 'benchCliListing']) {
        const r = spawnSync(process.execPath, ['-e', `const b=require(${JSON.stringify(join(root, 'dist/bench/modules.js'))}).backupsBench;const r=b.${fn}([${JSON.stringify(dir)}]);r.maxRssMB=process.resourceUsage().maxRSS/1024;console.log(JSON.stringify(r))`], { encoding: 'utf8' });
        if (r.status !== 0) { line(fn, `failed: ${r.stderr.slice(0, 300)}`); continue; }
        const o = JSON.parse(r.stdout.trim().split('\n').pop());
        line(`${fn === 'benchCliListing' ? 'blockwise backups (CLI, every header)' : 'backups browser (names + first page)'} over ${o.entries} files`, `${ms(o.ms)}, ${o.maxRssMB.toFixed(0)} MB max RSS`, fn === 'benchCliListing' ? '< 2 s, < 200 MB' : '< 1 s');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  // Untrusted input (issue 28): the lvm2 JSON repair on an 800 KB report from a host, a 100,000-host
  // inventory, and `blockwise check` over 100,000 archive files with each parser (time, max RSS).
  async untrusted() {
    const { parseFullReport } = load('remoteReport');
    const entries = Array.from({ length: 3300 }, (_, i) => `{"log_seq_num":"${i}", "log_type":"status", "log_context":"processing", "log_object_type":"cmd", "log_object_name":"", "log_object_id":"", "log_object_group":"", "log_object_group_id":"", "log_message":"msg ${i}", "log_errno":"0", "log_ret_code":"1"},`);
    const report = `{\n  "report": [],\n  "log": [\n${entries.join('\n')}\n  ]\n}\n`;
    const times = Array.from({ length: 5 }, () => { const t = performance.now(); parseFullReport(report); return performance.now() - t; });
    line(`lvm2 report with trailing commas (${mb(report.length)}), repair + parse (median of 5)`, ms(median(times)), '< 200 ms');
    const inv = load('inventory');
    let t = performance.now();
    const parsed = inv.parseIniInventory('[storage]\nn[000000:099999] ansible_user=admin\n[storage:vars]\nansible_port=2222\n');
    const sel = inv.selectHosts(parsed, ['storage:!none']);
    for (const h of sel.hosts) inv.inventoryTarget(parsed, h);
    line('100,000-host INI inventory: expand, select, targets', ms(performance.now() - t), '< 5 s (was about a minute)');
    const dir = mkdtempSync(join(tmpdir(), 'blockwise-bench-walk-'));
    try {
      t = performance.now();
      load('backupsBench').makeArchiveFolder(join(dir, 'lvm', 'archive'), 100000);
      line('writing 100,000 archive files (setup, not measured)', ms(performance.now() - t));
      const wrapper = join(dir, 'run.js');
      writeFileSync(wrapper, `process.on('exit', () => require('fs').writeSync(2, '\\nBW_RSS ' + process.resourceUsage().maxRSS + '\\n'));\nprocess.argv = [process.argv[0], ${JSON.stringify(join(root, 'bin', 'blockwise.js'))}, 'check', '--format', 'json', ${JSON.stringify(dir)}];\nrequire(process.argv[1]);\n`);
      for (const parser of ['native', 'wasm']) {
        t = performance.now();
        const r = spawnSync(process.execPath, [wrapper], { encoding: 'utf8', env: { ...process.env, BLOCKWISE_PARSER: parser }, maxBuffer: 256 * 1024 * 1024 });
        const wall = performance.now() - t;
        const rss = /BW_RSS (\d+)/.exec(r.stderr ?? '');
        if (r.status === null || r.status > 1 || !rss) { line(`check over 100,000 archive files (${parser})`, `failed (exit ${r.status}): ${(r.stderr ?? '').slice(0, 200)}`); continue; }
        line(`blockwise check over 100,000 archive files (${parser})`, `${(wall / 1000).toFixed(1)} s, ${(Number(rss[1]) / 1024).toFixed(0)} MB max RSS`, '< 300 MB');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  // Templates (issue 25): a template check against the same file without template syntax, and
  // 0.25 / 0.5 / 1 MB templates with 250 / 500 / 1,000 {% if %} blocks (ms per MB stays flat).
  async templates() {
    await load('templateBench').benchTemplates(line);
    line('peak memory of this section', peak());
  },

  async kickstart() {
    await treeSitter();
    const b = load('kickstartBench');
    // The review in three fresh processes: on this kind of machine one process can run a steady
    // 20-40% slower than the next (memory placement), so the figure is the median of the three.
    const procs = [];
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(root, 'dist/bench/modules.js'))}).kickstartBench.benchKickstartReview().then((r) => console.log(JSON.stringify(r)))`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`review bench failed: ${r.stderr}`);
      procs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
    procs.sort((x, y) => x.msWarm - y.msWarm);
    const r = procs[1];
    line(`full review of a ${r.lines}-line kickstart, cold (first run in a process)`, ms(r.msCold));
    line(`full review of a ${r.lines}-line kickstart, warm (median of ${r.runs} runs)`, `${ms(r.msWarm)} (p90 ${ms(r.msWarmP90)}, min ${ms(r.msWarmMin)})`, '< 50 ms');
    line('  three processes, warm medians', procs.map((p) => ms(p.msWarm)).join(', '));
    line('  of which document (text, line index) / model + rules', `${ms(r.msDocument)} / ${ms(r.msAnalyze)}`);
    line('  of the rules: the installer\'s storage checks (rules/anaconda, graph built)', ms(r.msAnaconda));
    line('  a tree-sitter parse of the same file (not part of the review)', ms(r.msTreeSitter));
    const rel = await b.benchKickstartRelease();
    line(`kickstart release resolver: evidence pass over a ${rel.kb} KB file without #version= (median of ${rel.runs})`, ms(rel.msEvidence), '< 1 ms');
    line('  #version=DEVEL resolved to another release than the first tried: resolver + second model build', ms(rel.msRebuild));
    line(`kickstart release resolver on text and path (clue scan + weighing), ${rel.kb} KB file naming its release in its URL`, ms(rel.msClues), '< 1 ms');
    line('  the same file with no clue at all (the default)', ms(rel.msNoClue), '< 1 ms');
    line('  clues leave a family open; syntax acceptance narrows it (evidence counted beforehand)', ms(rel.msNarrow), '< 1 ms');
    const c = await b.benchKickstartCli();
    line(`blockwise check over ${c.files} kickstarts (one process)`, `${c.seconds.toFixed(2)} s = ${c.filesPerSecond.toFixed(0)} files/s`);
  },

  async remote() {
    const h = load('sshd');
    const r = await h.benchRemoteRefresh({});
    if (r.skipped) return line('remote refresh', `skipped: ${r.skipped}`);
    line('refresh of one loopback host (median)', ms(r.oneHostMs));
    line(`refresh of 50 aliases of it, default concurrency ${r.concurrency} (aliases resolving to one host share a request)`, `${ms(r.fiftyAliasesMs)} = ${r.ratio.toFixed(2)}x one host`, '< 5x');
    const s = await h.benchRemoteRefresh({ coalesce: false });
    if (!s.skipped) line(`50 aliases, sharing off (50 separate ssh sessions, max ${s.maxConcurrentSsh} at once)`, `${ms(s.fiftyAliasesMs)} = ${s.ratio.toFixed(2)}x one host`);
  },

  async fleet() {
    // Two processes, so each peak RSS is that run's own.
    for (const which of ['hosts', 'from']) {
      const r = spawnSync(process.execPath, ['-e', `const f = require(${JSON.stringify(join(root, 'dist/bench/modules.js'))}).fleetBench; (${JSON.stringify(which)} === 'from' ? f.benchFromReports(10000) : f.benchInventoryHosts(200)).then((r) => console.log(JSON.stringify(r)))`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`fleet bench failed: ${r.stderr}`);
      const x = JSON.parse(r.stdout.trim().split('\n').pop());
      if (which === 'from') line(`hosts --from over ${x.hosts} collected reports (${mb(x.bytes)})`, `${(x.ms / 1000).toFixed(2)} s, ${x.maxRssMb.toFixed(0)} MB max RSS`, '< 10 s');
      else if (x.skipped) line('200 inventory hosts', `skipped: ${x.skipped}`);
      else line(`${x.hosts} inventory hosts, separate ssh sessions, default concurrency`, `${(x.ms / 1000).toFixed(2)} s = ${x.ratio.toFixed(1)}x one host (${ms(x.oneMs)}), ${x.maxRssMb.toFixed(0)} MB max RSS, all ok: ${x.allOk}`);
    }
  },

  // CI reports: SARIF (with GitHub's line fingerprints) against JSON over 1,000 kickstarts.
  async reports() {
    const x = load('reportsBench').benchReports();
    line(`check --format json, ${x.files} kickstarts (median of 3)`, `${x.jsonSeconds.toFixed(2)} s`);
    line(`check --format sarif, ${x.results} results with fingerprints`, `${x.sarifSeconds.toFixed(2)} s = ${x.ratio.toFixed(2)}x json`, '<= 1.5x json');
    line('check --format codeclimate', `${x.codeclimateSeconds.toFixed(2)} s`);
  },

  async editors() {
    // Other editors (docs/editors.md): `blockwise lsp` start to the initialize response, and a
    // 100 KB lvm.conf opened in Neovim's built-in client (headless) to its first diagnostics.
    const e = load('editorsBench');
    const s = await e.lspStart(11);
    line('blockwise lsp --stdio: process start -> initialize response (median of 11)', ms(median(s.blockwise)), '< 300 ms');
    line('blockwise-language-server: process start -> initialize response (median)', ms(median(s.bin)), '< 300 ms');
    const n = e.neovimFirstDiagnostics(5);
    if (n.skipped) line('Neovim: open 100 KB lvm.conf -> first diagnostics', `skipped: ${n.skipped}`);
    else {
      line(`Neovim 0.7 client: start_client -> initialized (median of ${n.runs.length})`, ms(median(n.runs.map((r) => r.initMs))));
      line(`Neovim 0.7 client: open ${(n.bytes / 1024).toFixed(0)} KB lvm.conf -> first diagnostics (median)`, ms(median(n.runs.map((r) => r.openMs))), '< 500 ms');
    }
  },
};

const child = process.argv[2] === '--child';
if (child) {
  const name = process.argv[3];
  try {
    await sections[name]();
  } catch (e) {
    line(name, `failed: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
} else {
  const picked = process.argv.slice(2).filter((a) => sections[a]);
  const names = picked.length ? picked : Object.keys(sections).filter((n) => !n.startsWith('_'));
  console.log(`Blockwise bench on ${process.version}, ${require('node:os').cpus().length} cores, ${new Date().toISOString()}`);
  for (const n of names) {
    console.log(`\n[${n}]`);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', n], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) console.log(`  (section ${n} exited ${r.status})`);
  }
}
void existsSync; void writeFileSync;
