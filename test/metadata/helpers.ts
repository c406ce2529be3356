import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { analyzeDocument } from '../../server/src/analyze';
import type { Finding } from '../../server/src/core/types';

// dist/test/test/metadata -> repo root
export const ROOT = join(__dirname, '..', '..', '..', '..');
export const FIX = join(ROOT, 'test', 'fixtures', 'metadata');

export function fixture(rel: string): string {
  return readFileSync(join(FIX, rel), 'utf8');
}

export function fixtureFiles(sub: string): string[] {
  return readdirSync(join(FIX, sub)).sort();
}

export function analyze(text: string, uri = 'file:///x.vg'): Finding[] {
  const doc = new ParsedDocument(uri, 'lvm-metadata', text);
  try {
    return analyzeDocument(doc);
  } finally {
    doc.dispose();
  }
}

export function doc(text: string): ParsedDocument {
  return new ParsedDocument('file:///x.vg', 'lvm-metadata', text);
}

/** lvm2's recorded verdict for a broken fixture: rc and message lines. */
export function verdict(rel: string): { rc: number; text: string } {
  const t = readFileSync(join(FIX, `${rel}.verdict`), 'utf8');
  return { rc: Number(/^rc=(\d+)/m.exec(t)![1]), text: t };
}
