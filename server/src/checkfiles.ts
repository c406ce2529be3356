// Which files `blockwise check` reads. Named files are always tried (detection by name and
// content, or --language); a folder walk checks only files recognisably ours by name and place
// (`*.ks`, `anaconda-ks.cfg`, `*.cfg` with kickstart content, lvm.conf and lvmlocal.conf, files
// under an `lvm` folder such as /etc/lvm, profiles under an `lvm` folder, backup and archive
// files) or by content nothing else has (lvm2's metadata `contents` line, a `#version=` first
// line); everything else is counted as skipped. A walk stays inside the folder it was given: a
// link whose target is outside it (`lvm/backup/vg0 -> ~/.git-credentials` in a pull request) is
// skipped and said so, as `git ls-files` or `find -P` would not follow it either; links inside are
// followed once (every real file and folder is visited once, by device and inode, so loops end).
// Nothing stops a walk silently: an unreadable file or folder, a dangling link, a FIFO, socket
// or device (never opened) is reported and the walk goes on; names that are not UTF-8 are read
// through their bytes and shown with the bad bytes escaped. The walk is iterative.
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { LanguageId } from './core/types';
import { detectLanguage, isKickstartName, templateLanguage } from './languages';
import { templateSuffix } from './template/engines';

export interface Candidate {
  /** The path as shown (bytes that are not UTF-8 escaped as \\xNN). */
  path: string;
  /** The path's bytes, when the name is not UTF-8 (open this, not `path`). */
  bytes?: Buffer;
  explicit: boolean;
}

export interface Collected {
  files: Candidate[];
  /** Folder entries that are not ours (counted, not checked). */
  skipped: number;
  /** Special files (FIFO, socket, device) seen, never opened. */
  special: number;
  ioErrors: number;
  /** Links that leave the folder walked (listed on stderr, never followed). */
  outside: number;
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
  if (templateSuffix(name)) return templateLanguage(name, head());
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
  // Extensionless template snippets (Cobbler, Beaker, Salt): ours when their markers and content say so.
  if (!FOREIGN.test(name) && !/\.\w{1,8}$/.test(name)) return templateLanguage(name, h);
  return undefined;
}

function metadataOrUndefined(head: string): LanguageId | undefined {
  // lvm2 writes only metadata into backup/archive folders; editor leftovers there are not ours.
  return head.includes('\0') ? undefined : 'lvm-metadata';
}

/** A name's bytes as text: valid UTF-8 decoded, any other byte written as `\\xNN`. */
export function displayName(b: Buffer): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k] & 0xc0) === 0x80;
    if (ok && len > 1) {
      const t = b.toString('utf8', i, i + len);
      ok = !t.includes('\ufffd');
      if (ok) out += t;
    } else if (ok) out += String.fromCharCode(c);
    if (!ok) {
      out += `\\x${c.toString(16).padStart(2, '0')}`;
      i++;
    } else i += len;
  }
  return out;
}

function errText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message);
}

/** Is `p` (a real path) the folder `root` (a real path) or inside it? */
function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

interface Dir {
  /** Shown path. */
  path: string;
  /** Bytes to open when some component is not UTF-8. */
  bytes?: Buffer;
}

/** The files to check under the given paths. `-` (stdin) is handled by the caller. */
export function collect(paths: string[], say: (msg: string) => void, readHead: (path: string | Buffer) => string): Collected & { languages: Map<string, LanguageId> } {
  const out: Collected & { languages: Map<string, LanguageId> } = { files: [], skipped: 0, special: 0, ioErrors: 0, outside: 0, languages: new Map() };
  const seen = new Set<string>();
  const key = (st: Stats) => `${st.dev}:${st.ino}`;
  const stack: Dir[] = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      say(`cannot read ${p}: ${errText(e)}`);
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
    if (!st.isDirectory()) {
      out.files.push({ path: p, explicit: true });
      continue;
    }
    let root: string;
    try {
      root = realpathSync(p);
    } catch (e) {
      say(`cannot read folder ${p}: ${errText(e)}`);
      out.ioErrors++;
      continue;
    }
    stack.length = 0;
    stack.push({ path: p });
    while (stack.length) {
      const dir = stack.pop()!;
      let entries: Buffer[];
      try {
        entries = readdirSync(dir.bytes ?? dir.path, { encoding: 'buffer' }).sort(Buffer.compare);
      } catch (e) {
        say(`cannot read folder ${dir.path}: ${errText(e)}`);
        out.ioErrors++;
        continue;
      }
      const subdirs: Dir[] = [];
      for (const raw of entries) {
        const name = raw.toString('utf8');
        const utf8 = Buffer.from(name, 'utf8').equals(raw);
        const shown = join(dir.path, utf8 ? name : displayName(raw));
        const bytes = !utf8 || dir.bytes ? Buffer.concat([dir.bytes ?? Buffer.from(dir.path, 'utf8'), Buffer.from(sep), raw]) : undefined;
        const io = bytes ?? shown;
        let s: Stats;
        try {
          const l = lstatSync(io);
          if (l.isSymbolicLink()) {
            let target: string;
            try {
              target = realpathSync(io);
            } catch (e) {
              say(`${shown}: skipped, a link that leads nowhere (${errText(e)})`);
              out.skipped++;
              continue;
            }
            if (!inside(root, target)) {
              say(`${shown}: skipped, a link to ${target}, outside ${p} (links leaving the folder are not followed; name the file to check it)`);
              out.outside++;
              out.skipped++;
              continue;
            }
            s = statSync(io);
          } else s = l;
        } catch (e) {
          say(`cannot read ${shown}: ${errText(e)}`);
          out.ioErrors++;
          continue;
        }
        if (s.isDirectory()) {
          if (SKIP_DIRS.has(name) || seen.has(key(s))) continue;
          seen.add(key(s));
          subdirs.push({ path: shown, ...(bytes ? { bytes } : {}) });
          continue;
        }
        const sk = specialKind(s);
        if (sk) {
          say(`${shown}: skipped, ${sk}`);
          out.special++;
          continue;
        }
        if (seen.has(key(s))) continue;
        seen.add(key(s));
        let lang: LanguageId | undefined;
        try {
          lang = walkLanguage(shown, () => readHead(io));
        } catch (e) {
          say(`cannot read ${shown}: ${errText(e)}`);
          out.ioErrors++;
          continue;
        }
        if (!lang) {
          out.skipped++;
          continue;
        }
        out.languages.set(shown, lang);
        out.files.push({ path: shown, ...(bytes ? { bytes } : {}), explicit: false });
      }
      // Depth first in name order: push subfolders reversed so the first pops first.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    }
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
