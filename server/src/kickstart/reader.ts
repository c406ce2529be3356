// The line structure of a kickstart, read from the text with the rules of the grammar's scanner
// (grammars/tree-sitter-kickstart/src/scanner.c), in one pass and without building a tree.
//
// tree-sitter-kickstart is the grammar of record: highlighting, other editors and the semantic
// tokens read its tree. The review reads this instead because the grammar accepts every input
// (there is no ERROR node to recover from: pykickstart's syntax is lines and shlex words) and a
// web-tree-sitter parse of a 1 MB kickstart costs ~45 ms, ~20 ns a character in the runtime's
// lexer alone, which is the whole budget of a review. test/kickstart/reader.test.ts checks that
// this reader and the tree agree node for node on the corpus, the samples, the bench file and
// random input.
//
// What a line is, outside sections (scan_line_start): leading Python whitespace (newlines
// included) is skipped; `#` starts a comment line; otherwise the first shlex word, unquoted, is
// %include/%ksappend (a directive), a section name (a header) or anything else (a command, also
// for %end and %foo, which the rules report). Inside a section (scan_section) a line ends the
// body when its first run of non-whitespace is exactly %end, %include or a section name; every
// other line is body text.

/** Section headers (scanner.c SECTIONS). */
export const SECTION_NAMES: ReadonlySet<string> = new Set(['%pre', '%pre-install', '%post', '%onerror', '%traceback', '%packages', '%addon', '%anaconda', '%certificate']);

/** Python's str.isspace() (scanner.c is_py_space). */
export function isPySpace(c: number): boolean {
  return c === 32 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export interface WordScan {
  /** Set by wordEnd: the word has a quote or a backslash (so it needs unquoting). */
  quoted: boolean;
}

/** The end offset of the shlex word starting at `i` (scanner.c read_word). */
export function wordEnd(text: string, i: number, n: number, scan: WordScan): number {
  scan.quoted = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 35) return i;
    if (c === 39 || c === 34 || c === 92) scan.quoted = true;
    if (c === 39) {
      // '...': no escapes; an unterminated quote ends at the line end.
      i++;
      for (;;) {
        if (i >= n) return i;
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) return i;
        i++;
        if (d === 39) break;
      }
    } else if (c === 34) {
      // "...": backslash escapes the next character.
      i++;
      for (;;) {
        if (i >= n) return i;
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) return i;
        if (d === 34) {
          i++;
          break;
        }
        if (d === 92) {
          i++;
          if (i >= n) return i;
          const e = text.charCodeAt(i);
          if (e === 10 || e === 13) return i;
        }
        i++;
      }
    } else if (c === 92) {
      i++;
      if (i >= n) return i;
      const e = text.charCodeAt(i);
      if (e === 10 || e === 13) return i;
      i++;
    } else i++;
  }
  return i;
}

export interface Unquoted {
  text: string;
  /** A quote was opened and not closed before the line end. */
  unterminated: boolean;
  /** The word ends with an unescaped backslash (pykickstart has no line continuation). */
  trailingBackslash: boolean;
}

/** shlex (POSIX, comments on) unquoting of one word as the grammar delimits it. */
export function unquote(raw: string): Unquoted {
  let fast = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 34 || c === 39 || c === 92) {
      fast = false;
      break;
    }
  }
  if (fast) return { text: raw, unterminated: false, trailingBackslash: false };
  let out = '';
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw[i];
    if (c === "'") {
      const j = raw.indexOf("'", i + 1);
      if (j === -1) return { text: out + raw.slice(i + 1), unterminated: true, trailingBackslash: false };
      out += raw.slice(i + 1, j);
      i = j + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const d = raw[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          if (i + 1 >= n) return { text: out, unterminated: true, trailingBackslash: false };
          const e = raw[i + 1];
          if (e !== '"' && e !== '\\') out += '\\';
          out += e;
          i += 2;
          continue;
        }
        out += d;
        i++;
      }
      if (!closed) return { text: out, unterminated: true, trailingBackslash: false };
    } else if (c === '\\') {
      if (i + 1 >= n) return { text: out, unterminated: false, trailingBackslash: true };
      out += raw[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, unterminated: false, trailingBackslash: false };
}

/**
 * Offset of the line terminator (\n or \r) at or after `i`, or the text length. `cr` says the
 * text has a \r somewhere; without one, the engine's indexOf finds the \n.
 */
function lineEndFrom(text: string, i: number, n: number, cr: boolean): number {
  if (!cr) {
    const j = text.indexOf('\n', i);
    return j === -1 ? n : j;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return n;
}

/** Past the line terminator at `i` (\r\n, \r or \n), if there is one. */
function pastNewline(text: string, i: number, n: number): number {
  if (i >= n) return i;
  const c = text.charCodeAt(i);
  if (c === 13) return i + 1 < n && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  return c === 10 ? i + 1 : i;
}

/**
 * What the reader finds, in file order. Offsets are UTF-16 code units of the text. A line's
 * `end` is past its terminator (where the grammar's node ends); `keyEnd` >= 0 says the line's
 * first word is the raw run [start, keyEnd) (a directive or header met inside a section, which
 * the scanner reads without shlex), -1 that every word of the line is a shlex word.
 */
export interface ReaderVisitor {
  command(start: number, end: number): void;
  include(start: number, keyEnd: number, end: number): void;
  header(start: number, keyEnd: number, end: number): void;
  /** One run of body text (a `body` node): between the header, %include lines and the end. */
  body?(start: number, end: number): void;
  /**
   * The section opened by the last header is complete. `endStart` is where its %end line's
   * `%end` starts and `endEnd` where that line's text ends (-1 both when it has no %end);
   * `end` is where the section node ends.
   */
  sectionDone(endStart: number, endEnd: number, end: number): void;
}

const SCAN: WordScan = { quoted: false };

/** Read a whole kickstart. */
export function readKickstart(text: string, v: ReaderVisitor): void {
  const n = text.length;
  const cr = text.indexOf('\r') !== -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      // Runs of blanks (a template's blanked branches are long ones) in a tight loop.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d !== 32 && d !== 10 && d !== 9 && d !== 13) break;
        i++;
      }
      continue;
    }
    if (isPySpace(c)) {
      i++;
      continue;
    }
    const start = i;
    const le = lineEndFrom(text, i, n, cr);
    const end = pastNewline(text, le, n);
    if (c === 35) {
      i = end;
      continue;
    }
    const e = wordEnd(text, i, n, SCAN);
    const key = SCAN.quoted ? unquote(text.slice(i, e)).text : text.slice(i, e);
    if (key.charCodeAt(0) === 37 && (key === '%include' || key === '%ksappend')) {
      v.include(start, -1, end);
      i = end;
    } else if (key.charCodeAt(0) === 37 && SECTION_NAMES.has(key)) {
      v.header(start, -1, end);
      i = readSections(text, end, n, cr, v);
    } else {
      v.command(start, end);
      i = end;
    }
  }
}

/**
 * The body, %include lines and %end of the section whose header ends at `i`, and of every
 * section that follows it without a %end between; returns where reading goes on at top level.
 */
function readSections(text: string, i: number, n: number, cr: boolean, v: ReaderVisitor): number {
  let sectionEnd = i; // the end of the section's last child so far (its header)
  let bodyStart = -1; // the body run being read, if any
  let mark = i; // where that run ends so far
  for (;;) {
    if (bodyStart >= 0) mark = i;
    // Leading whitespace: skipped before a body run starts; inside one, blank lines belong to it.
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isPySpace(c)) break;
      if (bodyStart >= 0 && (c === 10 || c === 13)) {
        i = pastNewline(text, i, n);
        mark = i;
      } else i++;
    }
    if (i >= n) {
      if (bodyStart >= 0) {
        v.body?.(bodyStart, mark);
        sectionEnd = mark;
      }
      v.sectionDone(-1, -1, sectionEnd);
      return n;
    }
    if (text.charCodeAt(i) === 37) {
      let k = i;
      while (k < n && !isPySpace(text.charCodeAt(k))) k++;
      const key = text.slice(i, k);
      const isEnd = key === '%end';
      const isInclude = key === '%include';
      if (isEnd || isInclude || SECTION_NAMES.has(key)) {
        if (bodyStart >= 0) {
          v.body?.(bodyStart, mark);
          sectionEnd = mark;
          bodyStart = -1;
        }
        const le = lineEndFrom(text, k, n, cr);
        if (isEnd) {
          v.sectionDone(i, le, le);
          return le;
        }
        const end = pastNewline(text, le, n);
        if (isInclude) {
          v.include(i, k, end);
          sectionEnd = end;
        } else {
          // A new section header closes this section without %end.
          v.sectionDone(-1, -1, sectionEnd);
          v.header(i, k, end);
          sectionEnd = end;
        }
        i = end;
        continue;
      }
    }
    // A body line, terminator included.
    if (bodyStart < 0) bodyStart = i;
    i = pastNewline(text, lineEndFrom(text, i, n, cr), n);
  }
}
