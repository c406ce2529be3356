// Offsets (UTF-16 code units, as JavaScript strings and web-tree-sitter count them) to
// line/character positions and back. Lines end at \n; a \r before it belongs to the line break.
import { lastAtOrBefore } from './search';
import type { Position, Range } from './types';

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[];

  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  /**
   * The index of `newText`, which is this text with [start, oldEnd) replaced by `inserted`:
   * line starts before the edit are kept, the edited lines rescanned, later ones shifted.
   */
  edited(newText: string, start: number, oldEnd: number, inserted: string): LineIndex {
    const first = this.positionAt(start).line; // lines up to and including this one start before the edit
    const last = this.positionAt(oldEnd).line;
    const delta = inserted.length - (oldEnd - start);
    const added: number[] = [];
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) added.push(start + i + 1);
    const old = this.starts;
    const tail = old.length - (last + 1);
    // Preallocated and filled by index: on a 200,000-line file this is a tight loop, not 200,000 pushes.
    const starts = new Array<number>(first + 1 + added.length + tail);
    for (let k = 0; k <= first; k++) starts[k] = old[k];
    for (let k = 0; k < added.length; k++) starts[first + 1 + k] = added[k];
    const base = first + 1 + added.length - (last + 1);
    for (let k = last + 1; k < old.length; k++) starts[base + k] = old[k] + delta;
    return new LineIndex(newText, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.starts, o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset of the end of a line's content (before \r\n or \n). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return next > this.starts[line] && this.text.charCodeAt(next - 1) === 13 && next < this.text.length
      ? next - 1
      : next;
  }

  /** The offset of the first character of a line that is not a space or a tab (its end when it has none). */
  firstNonBlank(line: number): number {
    const end = this.lineEnd(line);
    for (let i = this.starts[line]; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9) return i;
    }
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** A range covering one whole line's content (at least one character wide when the line is empty). */
  lineRange(line: number): Range {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    const end = this.lineEnd(l) - this.starts[l];
    return { start: { line: l, character: 0 }, end: { line: l, character: Math.max(end, 0) } };
  }
}

export function rangeContains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** Decode bytes as UTF-8 and say where the first invalid sequence is (byte offset), if any. */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt?: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, invalidAt: firstInvalidUtf8(bytes) };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return b.length;
}
