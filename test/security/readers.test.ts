// Attack suite, readers (issue 28 item 3): every reader of the CLI refuses FIFOs, devices and
// sockets and caps the size before reading, with a clear exit 2: `map`, `backups diff`, standard
// input and `hosts --from`. Each case ran until the process crashed or hung before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixtures, tempDir } from './helpers';

const backup = join(fixtures, 'metadata', 'backup', 'vg.data+1');

function fifo(tag: string): string {
  const d = tempDir(tag);
  const p = join(d, 'pipe');
  execFileSync('mkfifo', [p]);
  return p;
}

test('map refuses a FIFO and /dev/zero at once (no hang, no crash)', () => {
  const p = fifo('map-fifo');
  for (const path of [p, '/dev/zero']) {
    const r = cli(['map', '--language', 'kickstart', path], { timeout: 20_000 });
    assert.equal(r.signal, null, `${path}: ended by a signal or the timeout`);
    assert.equal(r.status, 2, r.err);
    assert.match(r.err, /cannot read .*: (a FIFO|a character device) \(only regular files are read\)/);
  }
});

test('map refuses a file over the size limit before reading it', () => {
  const d = tempDir('map-big');
  const big = join(d, 'big.ks');
  writeFileSync(big, '');
  truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB without writing them
  const r = cli(['map', '--language', 'kickstart', big], { timeout: 20_000 });
  assert.equal(r.status, 2, r.err);
  assert.match(r.err, /209715200 bytes is over the 67108864-byte limit/);
});

test('map - caps standard input (an endless `yes` is refused, not read until memory ends)', async () => {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', '..', '..', 'bin', 'blockwise.js'), 'map', '--language', 'kickstart', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.resume();
  const line = Buffer.alloc(1 << 20, 'part / --size 1\n');
  let open = true;
  child.stdin.on('error', () => (open = false));
  const pump = () => {
    while (open && child.stdin.write(line));
  };
  child.stdin.on('drain', pump);
  pump();
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) => child.on('exit', (c, s) => res([c, s])));
  open = false;
  assert.equal(signal, null);
  assert.equal(code, 2, err);
  assert.match(err, /more than 67108864 bytes/);
});

test('backups diff refuses a FIFO and /dev/zero', () => {
  const p = fifo('diff-fifo');
  for (const [a, b] of [
    [p, backup],
    ['/dev/zero', backup],
    [backup, p],
  ]) {
    const r = cli(['backups', 'diff', a, b], { timeout: 20_000 });
    assert.equal(r.signal, null, `${a} ${b}: hung or crashed`);
    assert.equal(r.status, 2, r.err);
    assert.match(r.err, /only regular files are read/);
  }
  // Two real files still diff.
  const ok = cli(['backups', 'diff', join(fixtures, 'metadata', 'archive', 'vg.data+1_00000-461331424.vg'), backup]);
  assert.equal(ok.status, 0, ok.err);
});

test('hosts --from refuses a FIFO given by name and skips one in a folder', () => {
  const p = fifo('from-fifo');
  const r = cli(['hosts', '--from', p], { timeout: 20_000 });
  assert.equal(r.signal, null);
  assert.equal(r.status, 2, r.err);
  assert.ok(existsSync(p));
  const dir = join(p, '..');
  writeFileSync(join(dir, 'host1'), 'no sentinel here\n');
  const inDir = cli(['hosts', '--from', dir], { timeout: 20_000 });
  assert.equal(inDir.signal, null);
  assert.match(inDir.err, /skipped .*pipe: not a regular file/);
  // A file over the limit is refused before it is read (it was read whole, then cut).
  const big = join(dir, 'host2');
  writeFileSync(big, '');
  truncateSync(big, 100 * 1024 * 1024);
  const capped = cli(['hosts', '--format', 'json', '--from', big], { timeout: 20_000 });
  assert.equal(capped.status, 2);
  assert.match(JSON.parse(capped.out)[0].error, /104857600 bytes is over the 67108864-byte limit/);
});
