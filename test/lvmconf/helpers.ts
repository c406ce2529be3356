// Test helpers: every lvm.conf suite runs on the real tree-sitter-lvm grammar (dist/wasm, copied
// by `node scripts/build.mjs`). A missing wasm is a build failure: setup() throws, so the suite
// fails instead of running on anything else.
import { join } from 'node:path';
import { ParsedDocument } from '../../server/src/core/document';
import { loadLanguage, wasmDir } from '../../server/src/syntax/treesitter';

export const root = join(__dirname, '..', '..', '..', '..');

export async function setup(): Promise<void> {
  await loadLanguage('lvm', wasmDir());
}

export function doc(text: string, uri = 'file:///etc/lvm/lvm.conf'): ParsedDocument {
  return new ParsedDocument(uri, 'lvm-conf', text);
}
