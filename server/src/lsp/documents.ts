// Which of our languages an opened document is in, for any LSP client. VS Code sends our own
// language ids; other editors send their own filetype (Neovim: `kscript` for *.ks, `conf`, `sh`,
// `text`, or nothing for lvm.conf), so anything that is not one of ours falls back to the same
// name and content detection as `blockwise check`.
import type { LanguageId } from '../core/types';
import { LANGUAGE_IDS } from '../core/types';
import { detectLanguage } from '../languages';

export function isLanguageId(id: unknown): id is LanguageId {
  return typeof id === 'string' && (LANGUAGE_IDS as readonly string[]).includes(id);
}

/** The path of a file: URI (decoded), else the URI's path part, else the URI itself. */
export function pathOfUri(uri: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:(?:\/\/[^/]*)?(\/[^?#]*)/.exec(uri);
  const raw = m ? m[1] : uri;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Language ids editors give shell scripts. */
const SHELL_IDS = new Set(['sh', 'bash', 'zsh', 'ksh', 'dash', 'shellscript', 'shell']);

/**
 * The language to analyse a document in: its languageId when that is one of ours, else what its
 * name and first bytes say, else undefined (not ours: the server ignores it). An editor that calls
 * a `*.profile` file a shell script is believed unless the file is under an lvm/profile folder
 * (`~/.profile` without `export` or `if` would otherwise pass for an lvm2 profile).
 */
export function documentLanguage(uri: string, languageId: unknown, text: string): LanguageId | undefined {
  if (isLanguageId(languageId)) return languageId;
  const path = pathOfUri(uri);
  const lang = detectLanguage(path, text.slice(0, 8192));
  if (lang === 'lvm-conf' && typeof languageId === 'string' && SHELL_IDS.has(languageId) && /\.profile$/.test(path) && !/(^|\/)lvm\/profile\/[^/]+$/.test(path)) return undefined;
  return lang;
}
