// `npm run bench`, section hostile (issue: bounded time and memory for every file): one case per
// child process (scripts/bench.mjs spawns them, so each peak RSS is that case's own), analysed the
// way the CLI and the server do: parse + every rule of the language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/analyze';
import { ParsedDocument, grammarsFor } from '../../server/src/core/document';
import type { LanguageId } from '../../server/src/core/types';
import { generateBigMetadata } from '../../server/src/metadata/generate';
import { loadLanguage } from '../../server/src/syntax/treesitter';
import { generateKickstart } from '../kickstart/bench-kickstart';

export type HostileKind = 'valid' | 'random' | 'nesting' | 'line';
const MB = 1024 * 1024;

function randomText(bytes: number, seed = 7): string {
  let x = seed >>> 0;
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 255;
  }
  return b.toString('utf8');
}

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
}

/** The text of one case. */
export function hostileText(lang: LanguageId, kind: HostileKind, root: string): string {
  switch (kind) {
    case 'random':
      return randomText(10 * MB);
    case 'nesting':
      return lang === 'kickstart' ? `%pre\n${'if true; then\n'.repeat(100_000)}${'fi\n'.repeat(100_000)}%end\n` : 'a {\n'.repeat(100_000) + '}\n'.repeat(100_000);
    case 'line':
      return lang === 'kickstart' ? `part / --size=1 --label=${'x'.repeat(MB)}\n` : `global {\n\tx = "${'x'.repeat(MB)}"\n}\n`;
    case 'valid':
      if (lang === 'lvm-metadata') {
        let lvs = 20_000;
        let t = generateBigMetadata({ lvs });
        while (t.length < 10 * MB) t = generateBigMetadata({ lvs: (lvs = Math.ceil((lvs * 10 * MB) / t.length) + 100) });
        return t;
      }
      if (lang === 'kickstart') {
        let lines = 150_000;
        let t = generateKickstart(lines);
        while (t.length < 10 * MB) t = generateKickstart((lines = Math.ceil((lines * 10 * MB) / t.length) + 100));
        return t;
      }
      return repeatTo(readFileSync(join(root, 'samples', 'lvm', 'lvm.conf'), 'utf8'), 10 * MB);
  }
}

export interface HostileResult {
  lang: LanguageId;
  kind: HostileKind;
  bytes: number;
  ms: number;
  maxRssMb: number;
  findings: number;
  codes: string[];
  internalError: boolean;
}

/** Analyse one case in this process; the caller runs each case in a fresh process. */
export async function runHostileCase(lang: LanguageId, kind: HostileKind, root: string): Promise<HostileResult> {
  const text = hostileText(lang, kind, root);
  for (const g of grammarsFor(lang, text)) await loadLanguage(g);
  const t0 = performance.now();
  const doc = new ParsedDocument('file:///bench', lang, text);
  const findings = analyzeDocument(doc, {});
  const ms = performance.now() - t0;
  doc.dispose();
  const codes = [...new Set(findings.map((f) => f.code))];
  return { lang, kind, bytes: Buffer.byteLength(text), ms, maxRssMb: process.resourceUsage().maxRSS / 1024, findings: findings.length, codes: codes.slice(0, 5), internalError: codes.includes('internal-error') };
}
