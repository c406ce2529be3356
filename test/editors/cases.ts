// The documents every editor test opens, with the finding and the hover each must show. Written
// under a temporary folder as `<dir>/etc/lvm/lvm.conf` and `<dir>/install.ks`: editors send their
// own filetype (or none) as the languageId, so the server must recognise both by name.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EditorCase {
  /** Path below the temporary folder. */
  rel: string;
  text: string;
  /** A finding that must be published: its code and 0-based line. */
  code: string;
  line: number;
  /** A 0-based position to hover, and text the hover must contain. */
  hover: { line: number; character: number; contains: string };
}

export const CASES: EditorCase[] = [
  {
    rel: 'etc/lvm/lvm.conf',
    text: 'backup {\n\tretain_dayz = 30\n\tretain_min = 10\n}\n',
    code: 'unknown-setting',
    line: 1,
    hover: { line: 2, character: 3, contains: 'retain_min' },
  },
  {
    rel: 'install.ks',
    text: 'zerombr\nclearpart --all\npart / --size=1000\n',
    code: 'unguarded-clearpart',
    line: 1,
    hover: { line: 1, character: 3, contains: 'clearpart' },
  },
];

/** A fresh folder holding every case's file; returns the folder and each case's absolute path. */
export function writeCases(prefix = 'blockwise-editor-', cases: EditorCase[] = CASES): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths = cases.map((c) => {
    const p = join(dir, c.rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, c.text);
    return p;
  });
  return { dir, paths };
}
