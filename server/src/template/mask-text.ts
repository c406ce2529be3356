// The masked text of a template, built in one forward pass: the template's text is copied in runs
// between tags, each tag's stand-in is a slice of a cached run of one character, and the newlines
// that whitespace control removes become spaces as the runs are copied. One join at the end; no
// per-line substrings. Pure.
import { isSpace, type Engine, type Tag } from './scan-common';

const RUN = 256;
const runs = new Map<string, string>();

/** `ch.repeat(n)`, from a cached run when short. */
export function pad(ch: string, n: number): string {
  if (n > RUN) return ch.repeat(n);
  let r = runs.get(ch);
  if (r === undefined) runs.set(ch, (r = ch.repeat(RUN)));
  return r.slice(0, n);
}

/**
 * Offsets of the newlines that whitespace control removes (Jinja/Go `{%-` `-%}`, HCL `~`, ERB `-%>`
 * its first newline), ascending; an offset may appear twice (two tags trimming the same blanks).
 */
export function trimJoins(text: string, tags: readonly Tag[], engine: Engine): number[] {
  const joins: number[] = [];
  let sorted = true;
  const add = (j: number): void => {
    if (joins.length && j < joins[joins.length - 1]) sorted = false;
    joins.push(j);
  };
  for (const tg of tags) {
    if (tg.trimBefore) {
      let r = tg.start;
      while (r > 0 && isSpace(text.charCodeAt(r - 1))) r--;
      for (let j = r; j < tg.start; j++) if (text.charCodeAt(j) === 10) add(j);
    }
    if (tg.trimAfter) {
      for (let j = tg.end; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (!isSpace(c)) break;
        if (c === 10) {
          add(j);
          if (engine === 'erb') break;
        }
      }
    }
  }
  if (!sorted) joins.sort((a, b) => a - b);
  return joins;
}

/** Writes the masked text: stand-ins for tags in order of offsets, then `finish`. */
export interface Writer {
  /** Writes `s` for text[start, end) (`to`: the text after it is read from `end` on). */
  put(start: number, end: number, s: string, to?: boolean): void;
  /** Text[start, end) as `ch`, line breaks kept (`oneLine`: the caller knows it holds none). */
  fill(start: number, end: number, ch: string, oneLine: boolean): void;
  finish(): string;
}

/**
 * The writer for a template: bytes overwritten in a copy of the text where every character is
 * Latin-1 and the tags do not overlap (stand-ins have their tags' lengths); else string parts.
 */
export function maskWriter(text: string, tags: readonly Tag[], joins: readonly number[]): Writer {
  let end = 0;
  for (const tg of tags) {
    if (tg.start < end) return new MaskWriter(text, joins);
    end = tg.end;
  }
  return /[^\x00-\xff]/.test(text) ? new MaskWriter(text, joins) : new ByteWriter(text, joins);
}

const fillBytes = Uint8Array.prototype.fill;

/** The masked text as Latin-1 bytes: a copy of the text with each tag's range overwritten. */
class ByteWriter implements Writer {
  private readonly buf: Buffer;

  constructor(
    private readonly text: string,
    private readonly joins: readonly number[],
  ) {
    this.buf = Buffer.from(text, 'latin1');
  }

  put(start: number, end: number, s: string): void {
    for (let i = 0; i < s.length; i++) this.buf[start + i] = s.charCodeAt(i);
  }

  fill(start: number, end: number, ch: string, oneLine: boolean): void {
    const { buf, text } = this;
    const c = ch.charCodeAt(0);
    if (oneLine) {
      fillBytes.call(buf, c, start, end);
      return;
    }
    // Line by line, as `blankOut` does: `\n` and `\r\n` kept.
    for (let i = start; i < end; ) {
      let j = text.indexOf('\n', i);
      if (j < 0 || j >= end) j = end;
      fillBytes.call(buf, c, i, j > i && j < end && text.charCodeAt(j - 1) === 13 ? j - 1 : j);
      i = j + 1;
    }
  }

  finish(): string {
    for (const j of this.joins) this.buf[j] = 32;
    return this.buf.toString('latin1');
  }
}

/** The masked text as string parts: the template's text copied in runs, stand-ins between. */
class MaskWriter implements Writer {
  private readonly parts: string[] = [];
  /** The end of what has been written (an offset in the template). */
  cursor = 0;
  private jp = 0;
  private last = -1;
  /** Joins that fell inside a stand-in rather than in copied text: made after the join. */
  private readonly late: number[] = [];

  constructor(
    private readonly text: string,
    private readonly joins: readonly number[],
  ) {}

  /** Copies text[a, b), each join in it made a space. */
  copy(a: number, b: number): void {
    const { joins, text, parts } = this;
    while (this.jp < joins.length && joins[this.jp] < b) {
      const j = joins[this.jp++];
      if (j === this.last) continue;
      this.last = j;
      if (j < a) {
        this.late.push(j);
        continue;
      }
      if (j > a) parts.push(text.slice(a, j));
      parts.push(' ');
      a = j + 1;
    }
    if (b > a) parts.push(text.slice(a, b));
  }

  /** Copies the text up to `start`, then writes `s` for text[start, end) (`to`: the text after it is read from `end` on). */
  put(start: number, end: number, s: string, to = false): void {
    if (start > this.cursor) this.copy(this.cursor, start);
    this.parts.push(s);
    if (to || end > this.cursor) this.cursor = end;
  }

  /** Text[start, end) as `ch`, line breaks kept (`oneLine`: the caller knows it holds none). */
  fill(start: number, end: number, ch: string, oneLine: boolean): void {
    const a = Math.max(start, this.cursor);
    if (start > this.cursor) this.copy(this.cursor, start);
    const { parts, text } = this;
    if (oneLine || end <= a) parts.push(pad(ch, Math.max(0, end - a)));
    else {
      // Line by line, as `blankOut` does: `\n` and `\r\n` kept.
      for (let i = a; ; ) {
        const j = text.indexOf('\n', i);
        if (j < 0 || j >= end) {
          parts.push(pad(ch, end - i));
          break;
        }
        const cr = j > i && text.charCodeAt(j - 1) === 13 ? 1 : 0;
        parts.push(pad(ch, j - i - cr), cr ? '\r\n' : '\n');
        i = j + 1;
      }
    }
    if (end > this.cursor) this.cursor = end;
  }

  finish(): string {
    if (this.cursor < this.text.length) this.copy(this.cursor, this.text.length);
    let masked = this.parts.join('');
    for (; this.jp < this.joins.length; this.jp++) if (this.joins[this.jp] !== this.last) this.late.push((this.last = this.joins[this.jp]));
    if (this.late.length) {
      const late = this.late.sort((a, b) => a - b);
      const parts: string[] = [];
      let at = 0;
      for (const j of late) {
        if (j < at) continue;
        parts.push(masked.slice(at, j), ' ');
        at = j + 1;
      }
      parts.push(masked.slice(at));
      masked = parts.join('');
    }
    return masked;
  }
}
