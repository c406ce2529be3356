// Reading a file named by the editor (a backup version to draw) with a size cap checked before
// reading, on the opened descriptor: FIFOs, sockets and devices are refused (a FIFO would never
// end, /dev/zero never either), and so is a file over the cap.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export async function readBounded(path: string, maxBytes: number): Promise<{ text: string } | { error: string }> {
  let fh;
  try {
    // O_NONBLOCK: a FIFO opens without waiting for a writer; it is then refused by its type.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { error: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { error: `${path} is not a regular file` };
    if (st.size > maxBytes) return { error: `${path} is ${(st.size / 1024 / 1024).toFixed(0)} MB, more than the ${(maxBytes / 1024 / 1024).toFixed(0)} MB drawn` };
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (!bytesRead) break;
      got += bytesRead;
    }
    return { text: buf.subarray(0, got).toString('utf8') };
  } finally {
    await fh.close();
  }
}
