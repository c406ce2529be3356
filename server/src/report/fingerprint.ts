// GitHub code scanning's line fingerprint (`partialFingerprints.primaryLocationLineHash`), computed
// as GitHub's upload action computes it when a SARIF file has none, so the alerts we upload match
// the ones it would make: a rolling hash over the next 100 characters from the start of each line,
// spaces and tabs skipped, CR and CRLF read as LF, a 65535 after the last character and zeros past
// it; arithmetic modulo 2^64 with multiplier 37; the value in hex without leading zeros, then `:N`
// where N counts how often that value came up so far in the file.
//
// The 64-bit state is kept as two 32-bit halves in doubles (every product stays below 2^53), so a
// character costs a few float operations, not BigInt allocations: one pass over each file with
// findings, linear in its length.

const BLOCK = 100;
const TWO32 = 4294967296;
const EOF = 65535;

/** 37^100 mod 2^64 as [high, low] 32-bit halves. */
const FIRST_MOD: [number, number] = (() => {
  let v = 1n;
  for (let i = 0; i < BLOCK; i++) v = (v * 37n) & 0xffffffffffffffffn;
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
})();

/**
 * The fingerprint of every wanted line (1-based) of `text`. `wanted` undefined: every line (tests).
 * Lines past the end of the text get none.
 */
export function lineHashes(text: string, wanted?: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  const window = new Int32Array(BLOCK);
  const lineAt = new Int32Array(BLOCK).fill(-1);
  const counts = new Map<string, number>();
  let hi = 0;
  let lo = 0;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let prevCR = false;
  const [fmHi, fmLo] = FIRST_MOD;

  const emit = (): void => {
    const hex = hi ? hi.toString(16) + lo.toString(16).padStart(8, '0') : lo.toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    const l = lineAt[index];
    if (!wanted || wanted.has(l)) out.set(l, `${hex}:${n}`);
    lineAt[index] = -1;
  };
  const update = (c: number): void => {
    const begin = window[index];
    window[index] = c;
    // h = 37*h + c - FIRST_MOD*begin  (mod 2^64)
    let l = lo * 37 + c;
    let h = hi * 37 + Math.floor(l / TWO32);
    l %= TWO32;
    if (begin) {
      const sl = fmLo * begin;
      const sh = fmHi * begin + Math.floor(sl / TWO32);
      l -= sl % TWO32;
      h -= sh % TWO32;
      if (l < 0) {
        l += TWO32;
        h -= 1;
      }
    }
    h %= TWO32;
    if (h < 0) h += TWO32;
    hi = h;
    lo = l;
    index = index + 1 === BLOCK ? 0 : index + 1;
  };
  const step = (ch: number): void => {
    if (ch === 32 || ch === 9 || (prevCR && ch === 10)) {
      prevCR = false;
      return;
    }
    if (ch === 13) {
      ch = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      line++;
      lineAt[index] = line;
    }
    if (ch === 10) lineStart = true;
    update(ch);
  };
  for (let i = 0; i < text.length; i++) step(text.charCodeAt(i));
  step(EOF);
  for (let i = 0; i < BLOCK; i++) {
    if (lineAt[index] !== -1) emit();
    update(0);
  }
  return out;
}
