// `blockwise map [--format svg|json|text] [--language L] [--target T] FILE|-`: the extent map of
// an LVM metadata file or the storage plan of a kickstart, on standard output.
import { grammarsFor, ParsedDocument } from '../core/document';
import { decodeUtf8 } from '../core/text';
import { readRegularFile, readStdinBounded, ReadRefused } from '../core/bounded-read';
import { sanitizeLines, sanitizeText } from '../core/sanitize';
import { LANGUAGE_IDS, type LanguageId } from '../core/types';
import { namedLanguage } from '../checkfiles';
import { loadLanguage } from '../syntax/treesitter';
import { pictureOf, render, type MapFormat } from './index';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function runMapCommand(argv: string[], io: Io, usage: string): Promise<number> {
  let format: MapFormat = 'text';
  let language: LanguageId | undefined;
  let target: string | undefined;
  const files: string[] = [];
  const fail = (m: string): number => {
    io.stderr(`blockwise map: ${m}\n${usage}`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'svg' && v !== 'json' && v !== 'text') return fail(`--format must be svg, json or text, not ${JSON.stringify(v ?? '')}`);
      format = v;
    } else if (flag === '--language') {
      const v = value();
      if (v !== 'lvm-metadata' && v !== 'kickstart') return fail(`--language must be lvm-metadata or kickstart, not ${JSON.stringify(v ?? '')}`);
      language = v;
    } else if (flag === '--target') {
      const v = value();
      if (v === undefined) return fail('--target needs a value');
      target = v;
    } else if (a.startsWith('-') && a !== '-') return fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) return fail('map takes exactly one file (or - for standard input)');
  const path = files[0];
  let bytes: Buffer;
  try {
    // Bounded like `check`: a FIFO, a device or /dev/zero is refused, a file over the limit too.
    bytes = path === '-' ? readStdinBounded() : readRegularFile(path);
  } catch (e) {
    const why = e instanceof ReadRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    io.stderr(`blockwise: cannot read ${sanitizeText(path)}: ${why}\n`);
    return 2;
  }
  const { text } = decodeUtf8(bytes);
  const lang = language ?? namedLanguage(path === '-' ? '' : path, text.slice(0, 8192));
  if (!lang || !(LANGUAGE_IDS as readonly string[]).includes(lang)) return fail(`${sanitizeText(path)}: cannot tell the language (LVM metadata or kickstart), use --language`);
  if (lang === 'lvm-conf') return fail(`${sanitizeText(path)}: an lvm.conf has no map; give an LVM metadata file or a kickstart`);
  for (const g of grammarsFor(lang, text)) await loadLanguage(g);
  const doc = new ParsedDocument(path, lang, text);
  try {
    const p = pictureOf(doc, { target });
    if ('error' in p) {
      io.stderr(`blockwise map: ${sanitizeText(path)}: ${sanitizeText(p.error)}\n`);
      return 2;
    }
    // The text rendering goes to a terminal: names from the file are sanitised (SVG and JSON are exact).
    io.stdout(format === 'text' ? sanitizeLines(render(p, format)) : render(p, format));
    return 0;
  } finally {
    doc.dispose();
  }
}
