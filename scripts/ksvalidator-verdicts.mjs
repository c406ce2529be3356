#!/usr/bin/env node
// Record what the real validator (pykickstart's ksvalidator) says about every kickstart in
// test/fixtures/kickstart/corpus, for every target, into test/fixtures/kickstart/corpus/verdicts.json.
// test/kickstart/ksvalidator.test.ts then checks that Blockwise agrees with those verdicts.
//
// pykickstart is fetched at run time into .tools/ (git-ignored) and never committed:
//   PYKICKSTART_DIR=/path/to/checkout     use an existing source tree as is
//   PYKICKSTART_GIT=/path/to/repo.git     `git archive` the tag out of a local clone or mirror
//   otherwise                             `git clone --depth 1 --branch <tag>` from GitHub
// PYKICKSTART_TAG (default r3.74) picks the release; PYTHON (default /usr/bin/python3, else python3)
// the interpreter. Debian's python3 plus python3-requests is all it needs.
//
// Usage: node scripts/ksvalidator-verdicts.mjs [--check] [FILE.ks ...]
//   --check   do not write; exit 1 when the recorded verdicts differ from a fresh run
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, 'test/fixtures/kickstart/corpus');
const out = join(corpus, 'verdicts.json');
const TAG = process.env.PYKICKSTART_TAG ?? 'r3.74';
const TARGETS = ['RHEL8', 'RHEL9', 'RHEL10', 'F45'];
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--')).map((a) => basename(a));

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr || r.error}`);
  return r.stdout;
}

function pykickstart() {
  if (process.env.PYKICKSTART_DIR) return { dir: resolve(process.env.PYKICKSTART_DIR), commit: 'unknown (PYKICKSTART_DIR)' };
  const dir = join(root, '.tools', `pykickstart-${TAG}`);
  const stamp = join(dir, '.blockwise-commit');
  if (existsSync(stamp)) return { dir, commit: readFileSync(stamp, 'utf8').trim() };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const mirror = process.env.PYKICKSTART_GIT;
  let commit;
  if (mirror && existsSync(mirror)) {
    commit = run('git', ['--git-dir', mirror, 'rev-parse', `${TAG}^{commit}`]).trim();
    const tar = spawnSync('git', ['--git-dir', mirror, 'archive', '--format=tar', TAG], { maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new Error(`git archive ${TAG} failed: ${tar.stderr}`);
    const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (x.status !== 0) throw new Error(`tar failed: ${x.stderr}`);
  } else {
    run('git', ['clone', '--quiet', '--depth', '1', '--branch', TAG, 'https://github.com/pykickstart/pykickstart.git', dir]);
    commit = run('git', ['-C', dir, 'rev-parse', 'HEAD']).trim();
    rmSync(join(dir, '.git'), { recursive: true, force: true });
  }
  writeFileSync(stamp, `${commit}\n`);
  return { dir, commit };
}

const python = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Split ksvalidator's two output streams into errors, each with the line it names (or null). */
export function parseOutput(stdout, stderr) {
  const errors = [];
  const header = /^The following problem occurred on line (\d+) of the kickstart file:\s*$/;
  const take = (text) => {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (!l.trim() || /^Checking kickstart file /.test(l)) continue;
      const m = header.exec(l);
      if (m) {
        // The message is the next non-blank line(s) up to the next blank line.
        let j = i + 1;
        while (j < lines.length && !lines[j].trim()) j++;
        const msg = [];
        while (j < lines.length && lines[j].trim() && !header.test(lines[j])) msg.push(lines[j++].trim());
        errors.push({ line: Number(m[1]), message: msg.join(' ') });
        i = j - 1;
        continue;
      }
      // Messages without the header: structural errors, deprecations, duplicates. Some embed
      // "on line N" in their text (missing %end, deprecations); keep that line when they do.
      const msg = [l.trim()];
      while (i + 1 < lines.length && lines[i + 1].trim() && !header.test(lines[i + 1])) msg.push(lines[++i].trim());
      const text1 = msg.join(' ');
      const ln = /\bon line (\d+)\b/.exec(text1);
      errors.push({ line: ln ? Number(ln[1]) : null, message: text1 });
    }
  };
  take(stderr);
  take(stdout);
  return errors;
}

function validate(py, file, target) {
  return new Promise((resolveP) => {
    const child = spawn(python, [join(py.dir, 'tools/ksvalidator.py'), '-v', target, file], {
      env: { ...process.env, PYTHONPATH: py.dir, LC_ALL: 'C.UTF-8', PYTHONWARNINGS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let so = '';
    let se = '';
    child.stdout.on('data', (d) => (so += d));
    child.stderr.on('data', (d) => (se += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (rc) => {
      clearTimeout(timer);
      resolveP({ rc, errors: parseOutput(so, se) });
    });
  });
}

async function main() {
  const py = pykickstart();
  const ver = spawnSync(python, ['--version'], { encoding: 'utf8' });
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith('.ks') && (!only.length || only.includes(f)))
    .sort();
  const jobs = files.flatMap((f) => TARGETS.map((t) => ({ f, t })));
  const results = {};
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(8, availableParallelism())) }, async () => {
    while (next < jobs.length) {
      const { f, t } = jobs[next++];
      const v = await validate(py, join(corpus, f), t);
      (results[f] ??= {})[t] = { valid: v.rc === 0, rc: v.rc, errors: v.errors };
    }
  });
  await Promise.all(workers);
  const previous = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { files: {} };
  const merged = only.length ? { ...previous.files, ...results } : results;
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((f) => [f, Object.fromEntries(TARGETS.map((t) => [t, merged[f][t]]))]),
  );
  const doc = {
    tool: { name: 'pykickstart ksvalidator', tag: TAG, commit: py.commit, python: (ver.stdout || ver.stderr).trim() },
    note: 'Recorded by scripts/ksvalidator-verdicts.mjs; `#version=` lines are ignored by ksvalidator, which was run once per target with -v.',
    targets: TARGETS,
    files: sorted,
  };
  const text = `${JSON.stringify(doc, null, 1)}\n`;
  let accepted = 0;
  let total = 0;
  for (const f of Object.keys(sorted)) for (const t of TARGETS) (total++, sorted[f][t].valid && accepted++);
  if (check) {
    const same = JSON.stringify(previous.files) === JSON.stringify(sorted);
    process.stdout.write(`${Object.keys(sorted).length} files x ${TARGETS.length} targets: ${same ? 'verdicts unchanged' : 'verdicts DIFFER'}\n`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(out, text);
  process.stdout.write(
    `${Object.keys(sorted).length} files x ${TARGETS.length} targets = ${total} verdicts (${accepted} accepted, ${total - accepted} rejected) -> ${out}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 2;
});
