// Small helpers the suites share.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: a small seedable PRNG, so a failing generated input can be named by its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The repository root, found above the compiled test file (dist/test/test/...). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'grammars')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`repository root not found above ${from}`);
}
