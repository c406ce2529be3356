#!/usr/bin/env node
// Record what pykickstart's ksvalidator says about every real kickstart in
// test/fixtures/kickstart/real/<RELEASE>/, run with the handler of the release the file was
// written for (the folder name: RHEL6 ... RHEL10), into test/fixtures/kickstart/real/verdicts.json.
// test/kickstart/real-corpus.test.ts checks Blockwise against those verdicts.
//
// pykickstart is never committed: the same checkout scripts/ksvalidator-verdicts.mjs makes
// (.tools/pykickstart-<tag>, from the local mirror or GitHub), or PYKICKSTART_DIR.
//
// Usage: node scripts/ksvalidator-real.mjs [--check]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, 'test/fixtures/kickstart/real');
const out = join(corpus, 'verdicts.json');
const TAG = process.env.PYKICKSTART_TAG ?? 'r3.74';
const check = process.argv.includes('--check');
const python = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

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
    commit = spawnSync('git', ['--git-dir', mirror, 'rev-parse', `${TAG}^{commit}`], { encoding: 'utf8' }).stdout.trim();
    const tar = spawnSync('git', ['--git-dir', mirror, 'archive', '--format=tar', TAG], { maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new Error(`git archive ${TAG} failed: ${tar.stderr}`);
    const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (x.status !== 0) throw new Error(`tar failed: ${x.stderr}`);
  } else {
    const r = spawnSync('git', ['clone', '--quiet', '--depth', '1', '--branch', TAG, 'https://github.com/pykickstart/pykickstart.git', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git clone failed: ${r.stderr}`);
    commit = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    rmSync(join(dir, '.git'), { recursive: true, force: true });
  }
  writeFileSync(stamp, `${commit}\n`);
  return { dir, commit };
}

/** ksvalidator's messages, each with the line it names (or null). */
function parseOutput(text) {
  const errors = [];
  const header = /^The following problem occurred on line (\d+) of the kickstart file:\s*$/;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || /^Checking kickstart file /.test(l)) continue;
    const m = header.exec(l);
    if (m) {
      let j = i + 1;
      while (j < lines.length && !lines[j].trim()) j++;
      const msg = [];
      while (j < lines.length && lines[j].trim() && !header.test(lines[j])) msg.push(lines[j++].trim());
      errors.push({ line: Number(m[1]), message: msg.join(' ') });
      i = j - 1;
      continue;
    }
    const msg = [l.trim()];
    while (i + 1 < lines.length && lines[i + 1].trim() && !header.test(lines[i + 1])) msg.push(lines[++i].trim());
    const text1 = msg.join(' ');
    const ln = /\bon line (\d+)\b/.exec(text1);
    errors.push({ line: ln ? Number(ln[1]) : null, message: text1 });
  }
  return errors;
}

function validate(py, file, release) {
  return new Promise((done) => {
    // -e: fail on the first error like Anaconda; includes are not followed (-i is off).
    const child = spawn(python, [join(py.dir, 'tools/ksvalidator.py'), '-v', release, file], {
      env: { ...process.env, PYTHONPATH: py.dir, LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let so = '';
    child.stdout.on('data', (d) => (so += d));
    child.stderr.on('data', (d) => (so += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (rc) => {
      clearTimeout(timer);
      done({ rc, errors: parseOutput(so) });
    });
  });
}

async function main() {
  const py = pykickstart();
  const files = [];
  for (const rel of readdirSync(corpus).filter((d) => /^RHEL\d+$|^F\d+$/.test(d)).sort()) {
    for (const f of readdirSync(join(corpus, rel)).sort()) files.push({ rel, path: `${rel}/${f}` });
  }
  const results = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < files.length) {
        const { rel, path } = files[next++];
        const v = await validate(py, join(corpus, path), rel);
        results[path] = { release: rel, valid: v.rc === 0, errors: v.errors };
      }
    }),
  );
  const sorted = Object.fromEntries(Object.keys(results).sort().map((k) => [k, results[k]]));
  const ver = spawnSync(python, ['--version'], { encoding: 'utf8' });
  const doc = {
    tool: { name: 'pykickstart ksvalidator', tag: TAG, commit: py.commit, python: (ver.stdout || ver.stderr).trim() },
    note: 'Recorded by scripts/ksvalidator-real.mjs: ksvalidator -v <folder release> <file>; %include files are not followed.',
    files: sorted,
  };
  if (check) {
    const prev = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')).files : {};
    const same = JSON.stringify(prev) === JSON.stringify(sorted);
    console.log(`${files.length} files: ${same ? 'verdicts unchanged' : 'verdicts DIFFER'}`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
  const valid = Object.values(sorted).filter((v) => v.valid).length;
  console.log(`${files.length} files: ${valid} accepted, ${files.length - valid} rejected -> ${out}`);
}

main().catch((e) => {
  console.error(e.stack ?? e);
  process.exitCode = 2;
});
