// Path globs of .blockwise.yaml, matched against paths relative to the config file's folder
// (slash-separated): `*` and `?` stay within one path segment, `**` spans any number of segments,
// `[abc]`/`[!abc]` classes and `{a,b}` alternatives. A pattern without a slash matches a name at
// any depth (`*.ks`); with one it is anchored at the config's folder (`el8/*.ks`, `/ks`). A pattern
// that matches a folder covers everything under it (`el8`, `el8/`, `legacy/**`).
// Compiled once to a regular expression (no backtracking over the path beyond what RegExp does).

export interface Glob {
  source: string;
  test(rel: string): boolean;
}

function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** The regular expression source for a glob, or throws with what is wrong. */
function translate(p: string): string {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` = zero or more whole segments; a trailing `**` = anything below.
          if (i + 2 === p.length) re += '.*';
          else {
            re += '(?:[^/]*/)*';
            i++;
          }
          i += 2;
          continue;
        }
        i += 2;
        re += '[^/]*';
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close === -1) throw new Error(`unclosed [ at character ${i + 1}`);
      let body = p.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces) {
      braces--;
      re += ')';
    } else if (c === ',' && braces) re += '|';
    else if (c === '\\' && i + 1 < p.length) {
      re += escape(p[i + 1]);
      i++;
    } else re += escape(c);
    i++;
  }
  if (braces) throw new Error('unclosed {');
  return re;
}

export function compileGlob(pattern: string): Glob {
  const p = pattern.trim();
  if (!p) throw new Error('an empty pattern');
  let body = p.replace(/^\.\//, '');
  const anchored = body.replace(/\/+$/, '').includes('/');
  body = body.replace(/^\/+/, '').replace(/\/+$/, '');
  if (!body) throw new Error('a pattern that names no path');
  const core = translate(body);
  const re = new RegExp(`^${anchored ? '' : '(?:[^/]*/)*'}${core}(?:/.*)?$`);
  return { source: pattern, test: (rel) => re.test(rel) };
}
