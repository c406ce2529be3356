// Cheetah (Cobbler): `$var`, `${var}`, `$var.attr(...)[i]`, `\$` escapes, `#if/#elif/#else/#end if`,
// `#raw`, `##` and `#* *#` comments. Line by line, no recursion.
import { findBalanced, type Flow, type Scan, type ScanProblem, type Tag } from './scan-common';


const CHEETAH_DIRECTIVE = /^#(if|else if|elif|else|end if|for|end for|while|end while|set|silent|raw|end raw|include|import|from|def|end def|block|end block|slurp|echo|attr|extends|implements|try|except|finally|end try|unless|end unless|return|pass|stop|break|continue|compiler-settings|end compiler-settings|cache|end cache|filter|end filter|call|end call|errorCatcher|breakpoint|encoding|shBang|assert|del|global|capture|end capture)\b/;

function cheetahFlow(d: string): Flow {
  switch (d) {
    case 'if':
    case 'unless':
      return 'if';
    case 'else if':
    case 'elif':
      return 'elif';
    case 'else':
      return 'else';
    case 'for':
    case 'while':
    case 'try':
    case 'block':
    case 'cache':
    case 'filter':
    case 'call':
      return 'loop';
    case 'def':
    case 'capture':
    case 'compiler-settings':
      return 'skip-open';
    default:
      return d.startsWith('end ') ? 'end' : 'none';
  }
}

/** End of a Cheetah placeholder starting at `$` (`$a.b(c)[d]`, `${...}`, `$(...)`), or -1. */
function placeholderEnd(text: string, at: number, lineEnd: number): number {
  let j = at + 1;
  if (text.charCodeAt(j) === 33) j++; // !
  const open = text.charCodeAt(j);
  if (open === 123 || open === 40) {
    // { (
    const close = findBalanced(text, j, lineEnd);
    return close < 0 ? -1 : close + 1;
  }
  if (!isNameStart(open)) return -1;
  while (j < lineEnd && isWord(text.charCodeAt(j))) j++;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 46 && isNameStart(text.charCodeAt(j + 1))) {
      // .name
      j++;
      while (j < lineEnd && isWord(text.charCodeAt(j))) j++;
    } else if (c === 40 || c === 91) {
      // ( [
      const close = findBalanced(text, j, lineEnd);
      if (close < 0) return j;
      j = close + 1;
    } else return j;
  }
}

/** `[A-Za-z_]` and `\w` (`[A-Za-z0-9_]`) by char code. */
const isNameStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isWord = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);

/** The characters that may start a tag: `\` (escape), `#` (directive, comment), `$` (placeholder). */
const SPECIAL = /[\\#$]/g;

/** Cheetah's tags, line by line, from one special character to the next. */
export function scanCheetah(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let raw = false;
  let blockComment = -1;
  let lineStart = 0;
  let special = -1; // the next special character at or after the last offset asked about
  let blockEnd = -1; // the next `*#` at or after the last line start asked about (2^32 - 1: none)
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    if (blockComment >= 0) {
      // The comment's end, searched for once (not again per line of a long or unclosed comment).
      if (blockEnd < lineStart) blockEnd = text.indexOf('*#', lineStart) >>> 0;
      const c = blockEnd === 0xffffffff ? -1 : blockEnd;
      if (c < 0 || c > lineEnd) {
        lineStart = lineEnd + 1;
        continue;
      }
      tags.push({ start: blockComment, end: c + 2, kind: 'comment', flow: 'none', inner: '' });
      blockComment = -1;
      i = c + 2;
    }
    while (i < lineEnd) {
      if (raw) {
        const m = /^\s*#end raw\b/.exec(text.slice(i, lineEnd));
        if (m && i === lineStart) {
          tags.push({ start: lineStart, end: lineEnd, kind: 'control', flow: 'none', inner: 'end raw' });
          raw = false;
        }
        break;
      }
      // Other characters are text: on to the next special one.
      if (special < i) {
        SPECIAL.lastIndex = i;
        special = SPECIAL.exec(text)?.index ?? Infinity;
      }
      i = special;
      if (i >= lineEnd) break;
      const c = text[i];
      if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '#')) {
        tags.push({ start: i, end: i + 1, kind: 'escape', flow: 'none', inner: '\\', renders: ' ' });
        i += 2;
        continue;
      }
      if (c === '#') {
        if (text[i + 1] === '#') {
          tags.push({ start: i, end: lineEnd, kind: 'comment', flow: 'none', inner: text.slice(i + 2, lineEnd).trim() });
          break;
        }
        if (text[i + 1] === '*') {
          const close = text.indexOf('*#', i + 2);
          if (close < 0 || close > lineEnd) {
            blockComment = i;
            break;
          }
          tags.push({ start: i, end: close + 2, kind: 'comment', flow: 'none', inner: '' });
          i = close + 2;
          continue;
        }
        // Every directive's name starts with a lower-case letter.
        const n = text.charCodeAt(i + 1);
        const m = n >= 97 && n <= 122 && i + 1 < lineEnd ? CHEETAH_DIRECTIVE.exec(text.slice(i, Math.min(lineEnd, i + 40)).replace(/^#(end|else)\s+/, '#$1 ')) : null;
        if (m) {
          const d = m[1].replace(/\s+/g, ' ');
          // A directive runs to the end of its line, or to a closing `#` on it.
          let end = lineEnd;
          const hashClose = text.indexOf('#', i + 1 + m[1].length);
          if (hashClose >= 0 && hashClose < lineEnd && d !== 'set' && text.slice(hashClose - 1, hashClose + 1) !== '\\#') end = hashClose + 1;
          if (d === 'end if' || d === 'else' || d === 'end for') end = Math.min(end, lineEnd);
          const inner = text.slice(i + 1, end).replace(/#$/, '').trim();
          tags.push({ start: i, end, kind: 'control', flow: cheetahFlow(d), inner, include: d === 'include' });
          if (d === 'raw') raw = true;
          i = end;
          continue;
        }
        i++;
        continue;
      }
      if (c === '$') {
        const e = placeholderEnd(text, i, lineEnd);
        if (e > i + 1) {
          const inner = text.slice(i, e);
          tags.push({ start: i, end: e, kind: 'expr', flow: 'none', inner, include: /^\$SNIPPET\b/.test(inner) });
          i = e;
          continue;
        }
        if (e < 0 && (text[i + 1] === '{' || text[i + 1] === '(')) problem ??= { offset: i, message: `this \`$${text[i + 1]}\` is never closed on its line` };
      }
      i++;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  if (blockComment >= 0) {
    problem ??= { offset: blockComment, message: 'this `#*` comment is never closed by `*#`' };
    // Cheetah reads the rest as the comment: it renders nothing (one finding, no cascade).
    tags.push({ start: blockComment, end: text.length, kind: 'comment', flow: 'none', inner: '' });
  }
  if (raw) problem ??= { offset: text.length, message: '`#raw` is never closed by `#end raw`' };
  return { engine: 'cheetah', tags, problem };
}
