// Every file the CLI reads whole goes through here: regular files only (a FIFO would hang, a
// device such as /dev/zero never ends), and a size limit checked before reading (from the open
// descriptor's own fstat, so a swapped link cannot change what is measured) and again while
// reading (a file that grows). Standard input is read in chunks up to the same limit.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The size limit of `check`, `map`, `backups diff`, `hosts --from` and inventories. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A read that was refused (not a regular file, too big, unreadable): message says why. */
export class ReadRefused extends Error {
  constructor(
    message: string,
    /** `special`: a FIFO, device or socket; `size`: over the limit; `io`: the system refused. */
    readonly kind: 'special' | 'size' | 'io',
  ) {
    super(message);
  }
}

/** What kind of special file a mode is, for the message; undefined for regular files. */
function specialOf(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean; isFile(): boolean }): string | undefined {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a folder';
  if (!st.isFile()) return 'not a regular file';
  return undefined;
}

function ioMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of links';
  return code ?? (e as Error).message;
}

/**
 * A regular file's bytes, at most `limit`. Throws ReadRefused (with the reason) for anything else.
 * O_NONBLOCK: opening a FIFO does not wait for a writer (it is then refused by its fstat).
 */
export function readRegularFile(path: string | Buffer, limit = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new ReadRefused(ioMessage(e), 'io');
  }
  try {
    const st = fstatSync(fd);
    const special = specialOf(st);
    if (special) throw new ReadRefused(`${special} (only regular files are read)`, 'special');
    if (st.size > limit) throw new ReadRefused(`${st.size} bytes is over the ${limit}-byte limit`, 'size');
    return readCapped(fd, limit, Math.max(st.size, 0));
  } catch (e) {
    if (e instanceof ReadRefused) throw e;
    throw new ReadRefused(ioMessage(e), 'io');
  } finally {
    closeSync(fd);
  }
}

/** Standard input (or any descriptor) up to `limit` bytes; refused past it. */
export function readStdinBounded(limit = MAX_INPUT_BYTES, fd = 0): Buffer {
  try {
    return readCapped(fd, limit, 0);
  } catch (e) {
    if (e instanceof ReadRefused) throw e;
    throw new ReadRefused(ioMessage(e), 'io');
  }
}

function readCapped(fd: number, limit: number, expect: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // A regular file: its size plus one byte (to see growth); standard input: 64 KiB chunks.
  let buf = Buffer.allocUnsafe(Math.min(expect > 0 ? expect + 1 : 65536, limit + 1));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new ReadRefused(`more than ${limit} bytes (the limit)`, 'size');
    chunks.push(n === buf.length ? buf : Buffer.from(buf.subarray(0, n)));
    if (n === buf.length) buf = Buffer.allocUnsafe(Math.min(65536 * 16, limit + 1));
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
