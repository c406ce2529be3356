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

/** Builds the masked text: `copy` the template's text, `put` stand-ins, in order of offsets. */
export class MaskWriter {
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
