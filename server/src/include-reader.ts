// Reading the files a document includes, for the CLI, the server and its analysis workers (the
// analysis itself only calls the reader it is given: AnalysisOptions.readInclude). A relative
// `%include` is looked up in the including file's folder, as pykickstart (and ksflatten) does.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncludeReader } from './core/types';

/** Included files larger than this are not read (a kickstart fragment is a few KB). */
const MAX_INCLUDE_BYTES = 4 * 1024 * 1024;

/** A reader for the includes of the file at `docPath` (an absolute or relative path on this machine). */
export function includeReaderFor(docPath: string): IncludeReader {
  return (path, from) => {
    if (!path || isAbsolute(path)) return undefined;
    const file = resolve(dirname(from ?? docPath), path);
    try {
      const st = statSync(file);
      if (!st.isFile() || st.size > MAX_INCLUDE_BYTES) return undefined;
      return { text: readFileSync(file, 'utf8'), file };
    } catch {
      return undefined;
    }
  };
}

/** The reader for a document URI: only `file:` documents have a folder to read from. */
export function includeReaderForUri(uri: string): IncludeReader | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return includeReaderFor(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
