// devices/filter and devices/global_filter entries: `a` or `r`, a delimiter, a regular expression in
// libdm's small regex dialect, the closing delimiter. The dialect and its failure cases were
// measured against lvm2 2.03.16 (`pvs` with each pattern): `. * + ? | ( ) [ ] ^ $ \`, braces are
// literal characters (no `{m,n}`), `\` makes any next character literal, `[` always needs its `]`
// (the first `]` closes, `a-]` swallows the `]`), and empty alternatives or groups are errors.

export interface FilterProblem {
  /** Offset inside the entry string where the problem is (for the range). */
  at: number;
  message: string;
}

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Split an entry into action and regex, or say why lvm2 refuses it. */
export function parseFilterEntry(entry: string): { action: 'a' | 'r'; regex: string; regexAt: number } | FilterProblem {
  if (entry.length === 0) return { at: 0, message: 'an empty filter entry is not a pattern' };
  const action = entry[0];
  if (action !== 'a' && action !== 'r') {
    return { at: 0, message: `a filter entry must start with "a" (accept) or "r" (reject), not ${JSON.stringify(action)}` };
  }
  if (entry.length < 3) return { at: 1, message: 'the entry needs a delimited regular expression after "a"/"r", e.g. "a|^/dev/sda$|"' };
  const open = entry[1];
  const close = PAIRS[open] ?? open;
  if (entry[entry.length - 1] !== close) {
    return { at: entry.length - 1, message: `the regular expression must end with the closing delimiter ${JSON.stringify(close)}` };
  }
  return { action, regex: entry.slice(2, -1), regexAt: 2 };
}

/** Check a regex in libdm's dialect; undefined when lvm2 compiles it. */
export function checkRegex(re: string): FilterProblem | undefined {
  let i = 0;
  const fail = (at: number, message: string): never => {
    throw { at, message } as FilterProblem;
  };
  // or := cat ('|' cat)* ; cat := rep+ ; rep := prim ('*'|'+'|'?')*
  const parseOr = (depth: number): void => {
    parseCat(depth);
    while (re[i] === '|') {
      i++;
      parseCat(depth);
    }
  };
  const parseCat = (depth: number): void => {
    const start = i;
    let n = 0;
    while (i < re.length && re[i] !== '|' && !(re[i] === ')' && (depth > 0 || n === 0))) {
      parsePrim();
      while (re[i] === '*' || re[i] === '+' || re[i] === '?') i++;
      n++;
    }
    if (n === 0) {
      // A lone ")" as the whole expression is accepted by lvm2; any other empty part is not.
      if (depth === 0 && re === ')') return;
      fail(start, re.length === 0 ? 'an empty regular expression' : 'an empty alternative or group ("()", "||", a leading or trailing "|")');
    }
  };
  const parsePrim = (): void => {
    const c = re[i];
    if (c === '*' || c === '+' || c === '?') fail(i, `"${c}" has nothing to repeat`);
    if (c === '(') {
      const at = i++;
      parseOr(1);
      if (re[i] !== ')') fail(at, 'unclosed "(" ');
      i++;
      return;
    }
    if (c === ')') {
      // Top level: lvm2 stops at a stray ")" after something; the rest is ignored.
      i = re.length;
      return;
    }
    if (c === '[') {
      const at = i++;
      if (re[i] === '^') i++;
      for (;;) {
        if (i >= re.length) fail(at, 'unclosed "[" character class');
        const k = re[i];
        if (k === ']') {
          i++;
          return;
        }
        if (k === '\\') {
          i += 2;
          continue;
        }
        if (re[i + 1] === '-' && i + 2 < re.length) {
          i += 3;
          continue;
        }
        i++;
      }
    }
    if (c === '\\') {
      if (i + 1 >= re.length) fail(i, 'a "\\" at the end escapes nothing');
      i += 2;
      return;
    }
    i++;
  };
  try {
    parseOr(0);
    if (i < re.length && re[i] !== ')') fail(i, `unexpected ${JSON.stringify(re[i])}`);
    return undefined;
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e && 'at' in e) {
      const p = e as FilterProblem;
      return { at: p.at, message: p.message.trim() };
    }
    throw e;
  }
}

/** A pattern with no `^` anchor that is not a match-everything pattern. */
export function isUnanchored(re: string): boolean {
  if (re.startsWith('^')) return false;
  if (/^\.[*+]?$/.test(re) || re === '.*$' || re === '') return false;
  // Every alternative must be anchored for the whole to be anchored. An alternative that starts
  // with the literal "/dev/" is anchored in effect: device names lvm2 matches (/dev/sda,
  // /dev/disk/by-id/..., /dev/mapper/...) hold "/dev/" only at their start (Proxmox's r|/dev/zd.*|).
  return !re.split('|').every((alt) => alt.startsWith('^') || alt.startsWith('(^') || alt.startsWith('/dev/') || alt.startsWith('(/dev/'));
}
