// Which files `blockwise check` reads. Named files are always tried (detection by name and
// content, or --language); a folder walk checks only files recognisably ours by name and place
// (`*.ks`, `anaconda-ks.cfg`, `*.cfg` with kickstart content, lvm.conf and lvmlocal.conf, files
// under an `lvm` folder such as /etc/lvm, profiles under an `lvm` folder, backup and archive
// files) or by content nothing else has (lvm2's metadata `contents` line, a `#version=` first
// line); everything else is counted as skipped. Links are followed once: every real file and
// folder is visited once (by device and inode), so link loops end. FIFOs, sockets and devices
// are never opened. The walk is iterative (no recursion over the tree).
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { LanguageId } from './core/types';
import { detectLanguage, isKickstartName } from './languages';

export interface Candidate {
  path: string;
  explicit: boolean;
}

export interface Collected {
  files: Candidate[];
  /** Folder entries that are not ours (counted, not checked). */
  skipped: number;
  /** Special files (FIFO, socket, device) seen, never opened. */
  special: number;
  ioErrors: number;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.vscode-test', '.tools']);

const METADATA_MARK = /^\s*contents\s*=\s*"Text Format Volume Group"/m;

/** What kind of special file, for the message; undefined for files and folders. */
export function specialKind(st: Stats): string | undefined {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (!st.isFile() && !st.isDirectory()) return 'not a regular file';
  return undefined;
}

/**
 * Whether a folder walk checks this file, from its path (and, for a few names, its first bytes),
 * and in which language. Stricter than detectLanguage: generic names (`*.profile`, `*.cfg`,
 * `*.pm`) need their place or unmistakable content.
 */
export function walkLanguage(path: string, head: () => string): LanguageId | undefined {
  const p = path.replace(/\\/g, '/');
  const name = basename(p);
  const parts = p.split('/');
  const underLvm = parts.slice(0, -1).includes('lvm');
  if (/^(lvm|lvmlocal)\.conf$/.test(name) || /^lvm_[^/]+\.conf$/.test(name)) return 'lvm-conf';
  if (/(^|\/)lvm\/(backup|archive)\/[^/]+$/.test(p) || /^[^/]+_\d{5,}-\d+\.vg$/.test(name)) return metadataOrUndefined(head());
  if (/\.profile$/.test(name)) return underLvm ? 'lvm-conf' : undefined;
  if (isKickstartName(name)) return 'kickstart';
  if (/\.cfg$/.test(name)) {
    const h = head();
    if (METADATA_MARK.test(h)) return 'lvm-metadata';
    const lang = detectLanguage(p, h);
    return lang === 'kickstart' ? 'kickstart' : undefined;
  }
  if (underLvm) {
    // Other files under an lvm folder (/etc/lvm/**): ours when their content says which.
    const h = head();
    if (METADATA_MARK.test(h)) return 'lvm-metadata';
    return detectLanguage(p, h) === 'lvm-conf' ? 'lvm-conf' : undefined;
  }
  // Content nothing else has: lvm2's metadata header, a kickstart's `#version=` first line.
  const h = head();
  if (METADATA_MARK.test(h)) return 'lvm-metadata';
  if (/^#version=\S+/.test(h) && /^\s*(%packages|%pre|%post|clearpart|autopart|part|logvol|bootloader|rootpw)\b/m.test(h)) return 'kickstart';
  return undefined;
}

function metadataOrUndefined(head: string): LanguageId | undefined {
  // lvm2 writes only metadata into backup/archive folders; editor leftovers there are not ours.
  return head.includes('\0') ? undefined : 'lvm-metadata';
}

/** The files to check under the given paths. `-` (stdin) is handled by the caller. */
export function collect(paths: string[], say: (msg: string) => void, readHead: (path: string) => string): Collected & { languages: Map<string, LanguageId> } {
  const out: Collected & { languages: Map<string, LanguageId> } = { files: [], skipped: 0, special: 0, ioErrors: 0, languages: new Map() };
  const seen = new Set<string>();
  const key = (st: Stats) => `${st.dev}:${st.ino}`;
  const stack: string[] = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      say(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      out.ioErrors++;
      continue;
    }
    const special = specialKind(st);
    if (special) {
      say(`${p}: skipped, ${special} (only regular files are read)`);
      out.special++;
      out.ioErrors++;
      continue;
    }
    if (seen.has(key(st))) continue;
    seen.add(key(st));
    if (st.isDirectory()) {
      stack.length = 0;
      stack.push(p);
      while (stack.length) {
        const dir = stack.pop()!;
        let entries: string[];
        try {
          entries = readdirSync(dir).sort();
        } catch (e) {
          say(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          out.ioErrors++;
          continue;
        }
        const subdirs: string[] = [];
        for (const name of entries) {
          const f = join(dir, name);
          let s: Stats;
          try {
            s = statSync(f);
          } catch {
            continue; // dangling link
          }
          if (s.isDirectory()) {
            if (SKIP_DIRS.has(name) || seen.has(key(s))) continue;
            seen.add(key(s));
            subdirs.push(f);
            continue;
          }
          const sk = specialKind(s);
          if (sk) {
            say(`${f}: skipped, ${sk}`);
            out.special++;
            continue;
          }
          if (seen.has(key(s))) continue;
          seen.add(key(s));
          const lang = walkLanguage(f, () => readHead(f));
          if (!lang) {
            out.skipped++;
            continue;
          }
          out.languages.set(f, lang);
          out.files.push({ path: f, explicit: false });
        }
        // Depth first in name order: push subfolders reversed so the first pops first.
        for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
      }
    } else out.files.push({ path: p, explicit: true });
  }
  return out;
}

// Names that are programs or documents of other kinds: never guessed to be ours from content.
const FOREIGN = /\.(pm|pl|py|pyc|sh|bash|c|h|cc|cpp|hpp|js|mjs|cjs|ts|rb|go|rs|java|php|lua|tcl|md|rst|html?|xml|json|ya?ml|toml|ini|css|svg|po|pot|mo|so|a|o|gz|xz|bz2|zst|zip|tar|deb|rpm|png|jpe?g|gif|pdf)$/i;
const LVM_CONF_SECTION = /^\s*(config|devices|allocation|log|backup|shell|global|activation|metadata|report|dmeventd|tags|local)\s*\{/m;

/**
 * The language of a file named on the command line (or stdin, path ''): as a folder walk would,
 * else by content (detectLanguage) unless the name says it is a program or document of another
 * kind; stdin also by lvm.conf's section names. Undefined: cannot tell (the caller asks for --language).
 */
export function namedLanguage(path: string, head: string): LanguageId | undefined {
  const byWalk = path ? walkLanguage(path, () => head) : undefined;
  if (byWalk) return byWalk;
  if (path && FOREIGN.test(basename(path))) return undefined;
  const lang = detectLanguage(path, head);
  if (lang) return lang;
  if (!path && LVM_CONF_SECTION.test(head) && !/^\s*seqno\s*=/m.test(head)) return 'lvm-conf';
  return undefined;
}
