// Template engines: which engine a file is written for (by name, else by its markers), and each
// engine's tags as spans of the text. Pure: text in, tags out. One forward scan per file, no
// recursion over the input; an unclosed tag is reported once and only its opener is masked.
//
// Facts used (the engines' own syntax): ERB `<% %>` `<%= %>` `<%# %>` `<%%` and `-%>`; Jinja2
// `{{ }}` `{% %}` `{# #}` with `-`/`+` whitespace control and `{% raw %}`; Go text/template
// `{{ }}` with `{{-`/`-}}` and `{{/* */}}`; Cheetah (Cobbler) `$var` `${var}` `$var.attr(...)`
// `\$` `#if/#elif/#else/#end if` `#raw/#end raw` `##` and `#* *#`; HCL templatefile (Packer,
// Terraform) `${ }` `%{ }` with `~`, escapes `$${` and `%%{`; autoconf `@VAR@`; openQA `##Var##`.

export type Engine = 'erb' | 'jinja' | 'go' | 'cheetah' | 'hcl' | 'atvar' | 'openqa';

export const ENGINE_NAMES: Record<Engine, string> = {
  erb: 'ERB',
  jinja: 'Jinja2',
  go: 'Go text/template',
  cheetah: 'Cheetah',
  hcl: 'HCL templatefile',
  atvar: '@VAR@ substitution',
  openqa: 'openQA ##Var##',
};

/** What a control tag does to the branch structure. */
export type Flow = 'if' | 'elif' | 'else' | 'end' | 'loop' | 'skip-open' | 'none';

export interface Tag {
  start: number;
  end: number;
  kind: 'expr' | 'control' | 'comment' | 'escape';
  flow: Flow;
  /** The tag's text without its delimiters and whitespace markers, for messages. */
  inner: string;
  /** The tag pulls in content we cannot see (`{% include %}`, `$SNIPPET()`, `{{template}}`). */
  include?: boolean;
  /** What the tag renders when the engine's idiom is known (Foreman's `section_end`: `%end`). */
  renders?: string;
  /** Whitespace control: the engine removes the whitespace (newlines included) before / after the tag. */
  trimBefore?: boolean;
  trimAfter?: boolean;
}

export interface ScanProblem {
  offset: number;
  message: string;
}

export interface Scan {
  engine: Engine;
  tags: Tag[];
  problem?: ScanProblem;
}

/** Template suffixes and the engine each implies (undefined: decided by the content). */
const SUFFIXES: [RegExp, Engine | undefined][] = [
  [/\.pkrtpl\.hcl$/i, 'hcl'],
  [/\.pkr\.tpl$/i, 'hcl'],
  [/\.pkrtpl$/i, 'hcl'],
  [/\.tftpl$/i, 'hcl'],
  [/\.erb$/i, 'erb'],
  [/\.(j2|jinja2?)$/i, 'jinja'],
  [/\.(tmpl|tpl|gotmpl)$/i, undefined],
  [/\.template$/i, undefined],
  [/\.in$/i, 'atvar'],
];

/** The name without its template suffix, and the engine that suffix implies; undefined when none. */
export function templateSuffix(name: string): { inner: string; engine?: Engine } | undefined {
  for (const [re, engine] of SUFFIXES) {
    const m = re.exec(name);
    if (m && m.index > 0) return { inner: name.slice(0, m.index), engine };
  }
  return undefined;
}

const ERB_MARK = /<%[=#-]?\s*\S[\s\S]{0,2000}?%>/;
const JINJA_MARK = /\{%-?\s*(if|for|set|include|import|macro|raw|block|extends|from|filter|with|call)\b|\{#[\s\S]{0,2000}?#\}|\{\{-?\s*[A-Za-z_][\w.]*\s*(\|[^}]*)?-?\}\}/;
const GO_MARK = /\{\{-?\s*(if|range|with|define|template|block|end|else)\b|\{\{-?\s*\.[A-Za-z_]/;
const HCL_MARK = /%\{~?\s*(if|for|endif|endfor|else)\b/;
const CHEETAH_MARK = /\$SNIPPET\(|^\s*#(if|else if|elif|else|end if|set|raw|end raw|for|end for|include)\b/m;
const OPENQA_MARK = /##[A-Za-z_][\w-]*##/;

/**
 * Markers strong enough to call a file with a plain name (`lvm.conf`, `ks.cfg`, a snippet without
 * extension) a template: tags at line starts, not a `<% %>` or `{{ }}` that a %post heredoc writes
 * into some other file, nor a commented-out shell `#for`.
 */
const STRONG: [RegExp, Engine][] = [
  [/^<%#[\s\S]{0,4000}?^kind:\s*(provision|ptable|snippet)\b/m, 'erb'],
  [/^<%[-=]?\s*(if|unless|end|else|elsif|[\w@.]+\.each)\b[^\n]*%>\s*$/m, 'erb'],
  [/%\{~?\s*(if|for)\b[^\n]*\}/, 'hcl'],
  [/\$SNIPPET\(|\$getVar\(|^#(if|for|set)\s+\$[\s\S]*^#end (if|for)\b/m, 'cheetah'],
  [/^\s*\{\{-?\s*(if|range|with|define|template|end)\b[^}]*\}\}\s*$/m, 'go'],
  [/^\s*\{%-?\s*(if|for|set|include|import|macro|raw|block|extends|from)\b/m, 'jinja'],
  [/^\s*\{#/m, 'jinja'],
  [/^\s*(clearpart|ignoredisk|part|partition|logvol|volgroup|raid|url|network|lang|keyboard|timezone|rootpw|bootloader)\b[^\n]*\{\{[^\n]*\}\}/m, 'jinja'],
  [/^\s*[a-z_]+\s*=\s*[^\n#]*\{\{[^\n]*\}\}/m, 'jinja'],
  [/^\s*(clearpart|ignoredisk|part|partition|bootloader|zerombr)\b[^\n]*##[A-Za-z_][\w-]*##/m, 'openqa'],
];

/** The engine a plain-named file's strong markers show (see STRONG), undefined when none. */
export function engineByStrongContent(text: string): Engine | undefined {
  const s = text.length > 65536 ? text.slice(0, 65536) : text;
  for (const [re, engine] of STRONG) {
    if (!re.test(s)) continue;
    // Jinja and Go share `{{ }}`: Go when it has Go's control words and no `{%`.
    if (engine === 'jinja' && !/\{%/.test(s) && GO_MARK.test(s)) return 'go';
    return engine;
  }
  return undefined;
}

/** The engine a text's markers show, undefined when it has none. */
export function engineByContent(text: string): Engine | undefined {
  const s = text.length > 65536 ? text.slice(0, 65536) : text;
  if (ERB_MARK.test(s) && /<%/.test(s)) return 'erb';
  if (HCL_MARK.test(s)) return 'hcl';
  if (CHEETAH_MARK.test(s)) return 'cheetah';
  if (GO_MARK.test(s) && !/\{%/.test(s)) return 'go';
  if (JINJA_MARK.test(s)) return 'jinja';
  if (OPENQA_MARK.test(s)) return 'openqa';
  return undefined;
}

/**
 * The engine of a file: its suffix decides when it names one (`.erb`, `.j2`, `.pkrtpl.hcl`, `.in`),
 * its markers otherwise (`.tmpl` is Go or Jinja, `.template` Cheetah or others; a plain name with
 * markers is a template too: Salt's lvm.conf, Cobbler's extensionless snippets).
 */
export function engineOf(name: string, text: string): Engine | undefined {
  const suffix = templateSuffix(name);
  if (suffix?.engine === 'atvar') {
    // kickstart-tests (`@KSTEST_URL@`) and lvm2's own `.in` files; an `.in` with Jinja is Jinja.
    const byContent = engineByContent(text);
    return byContent && byContent !== 'openqa' ? byContent : 'atvar';
  }
  if (suffix?.engine) return suffix.engine;
  if (!suffix) return engineByStrongContent(text);
  const byContent = engineByContent(text);
  if (byContent) return byContent;
  return suffix.inner.length ? (/\.template$/i.test(name) ? 'cheetah' : 'go') : undefined;
}

function word(s: string): string {
  const m = /^\s*([A-Za-z_]+)/.exec(s);
  return m ? m[1] : '';
}

/**
 * Where a search for each closer last failed: no closer follows, so later openers fail at once
 * (a file of unclosed openers costs linear time, not quadratic). Reset per scan.
 */
let noCloseFrom = new Map<string, number>();

/** Scans for a closing delimiter from `from`, skipping quoted strings; -1 when absent. */
function findClose(text: string, from: number, close: string, limit = text.length): number {
  const failed = noCloseFrom.get(close);
  if (failed !== undefined && from >= failed && limit === text.length) return -1;
  const r = findCloseScan(text, from, close, limit);
  if (r < 0 && limit === text.length) noCloseFrom.set(close, Math.min(failed ?? from, from));
  return r;
}

function findCloseScan(text: string, from: number, close: string, limit: number): number {
  let q = '';
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (q) {
      if (c === 92) i++; // backslash
      else if (text[i] === q) q = '';
      else if (c === 10 && q) q = ''; // a quote never runs past its line inside a tag
      continue;
    }
    if (c === 34 || c === 39) {
      q = text[i];
      continue;
    }
    if (text.startsWith(close, i)) return i;
  }
  return -1;
}

function stripMarkers(inner: string): string {
  return inner.replace(/^[-+~=#]+/, '').replace(/[-+~]+$/, '').trim();
}

// ---------------------------------------------------------------------------------------------- ERB

/** Ruby block openers and `end`s in a code tag (one or many lines): the tag's net effect on blocks. */
function erbFlow(code: string): Flow {
  let net = 0;
  let firstOpener = '';
  for (const line of code.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(if|unless|case|while|until|for|begin|def|class|module)\b/.exec(t) ?? /=\s*(if|unless|case|begin)\b/.exec(t);
    const opens = m || /\bdo\s*(\|[^|]*\|)?\s*$/.test(t) || /\{\s*\|[^|]*\|\s*$/.test(t);
    if (opens) {
      net++;
      firstOpener ||= m ? m[1] : 'do';
    }
    if (/^end\b/.test(t) || /^\}\s*$/.test(t) || (!/^end\b/.test(t) && /[;\s]end\s*$/.test(t))) net--;
  }
  const w = word(code);
  if (net === 0) {
    if (w === 'elsif' || w === 'when') return 'elif';
    if (w === 'else') return 'else';
    return 'none';
  }
  if (net < 0) return 'end';
  return firstOpener === 'if' || firstOpener === 'unless' || firstOpener === 'case' ? 'if' : 'loop';
}

function scanErb(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let i = 0;
  for (;;) {
    const at = text.indexOf('<%', i);
    if (at < 0) break;
    if (text[at + 2] === '%') {
      tags.push({ start: at, end: at + 3, kind: 'escape', flow: 'none', inner: '<%', renders: '<%' });
      i = at + 3;
      continue;
    }
    const close = findClose(text, at + 2, '%>');
    if (close < 0) {
      problem ??= { offset: at, message: 'this `<%` is never closed by `%>`' };
      tags.push({ start: at, end: at + 2, kind: 'expr', flow: 'none', inner: '<%' });
      i = at + 2;
      continue;
    }
    const raw = text.slice(at + 2, close);
    const end = close + 2;
    i = end;
    if (raw.startsWith('#')) {
      tags.push({ start: at, end, kind: 'comment', flow: 'none', inner: raw.slice(1).trim() });
      continue;
    }
    if (raw.startsWith('=')) {
      const inner = stripMarkers(raw);
      const tag: Tag = { start: at, end, kind: 'expr', flow: 'none', inner };
      if (/^section_end\b/.test(inner)) tag.renders = '%end';
      else if (/^(snippet|snippet_if_exists|indent|@host\.diskLayout|@host\.diskLayout)\b/.test(inner) || /diskLayout/.test(inner)) tag.include = true;
      tags.push(tag);
      continue;
    }
    const inner = stripMarkers(raw);
    tags.push({ start: at, end, kind: 'control', flow: erbFlow(inner), inner });
  }
  return { engine: 'erb', tags, problem };
}

// ------------------------------------------------------------------------------------- Jinja and Go

const JINJA_FLOW: Record<string, Flow> = {
  if: 'if',
  elif: 'elif',
  else: 'else',
  endif: 'end',
  for: 'loop',
  endfor: 'end',
  block: 'loop',
  endblock: 'end',
  with: 'loop',
  endwith: 'end',
  filter: 'loop',
  endfilter: 'end',
  call: 'loop',
  endcall: 'end',
  autoescape: 'loop',
  endautoescape: 'end',
  macro: 'skip-open',
  endmacro: 'end',
};

function scanCurly(text: string, engine: 'jinja' | 'go'): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let i = 0;
  let rawUntil = -1; // inside {% raw %}: no tags until {% endraw %}
  for (;;) {
    const at = text.indexOf('{', i);
    if (at < 0) break;
    const next = text[at + 1];
    if (next !== '{' && next !== '%' && next !== '#') {
      i = at + 1;
      continue;
    }
    if (engine === 'go' && next !== '{') {
      i = at + 1;
      continue;
    }
    if (rawUntil >= 0) {
      if (next !== '%') {
        i = at + 2;
        continue;
      }
      const c = findClose(text, at + 2, '%}');
      if (c >= 0 && word(stripMarkers(text.slice(at + 2, c))) === 'endraw') {
        tags.push({ start: at, end: c + 2, kind: 'control', flow: 'none', inner: 'endraw' });
        rawUntil = -1;
        i = c + 2;
      } else i = at + 2;
      continue;
    }
    const closer = next === '{' ? '}}' : next === '%' ? '%}' : '#}';
    const close = next === '#' ? text.indexOf('#}', at + 2) : findClose(text, at + 2, closer);
    if (close < 0) {
      problem ??= { offset: at, message: `this \`{${next}\` is never closed by \`${closer}\`` };
      tags.push({ start: at, end: at + 2, kind: 'expr', flow: 'none', inner: `{${next}` });
      i = at + 2;
      continue;
    }
    const raw = text.slice(at + 2, close);
    const end = close + 2;
    i = end;
    if (next === '#') {
      tags.push({ start: at, end, kind: 'comment', flow: 'none', inner: raw.trim() });
      continue;
    }
    const inner = stripMarkers(raw);
    if (next === '{' && engine === 'go') {
      if (inner.startsWith('/*')) {
        tags.push({ start: at, end, kind: 'comment', flow: 'none', inner });
        continue;
      }
      const w = word(inner);
      const flow: Flow = w === 'if' ? 'if' : w === 'else' ? (/^else\s+(if|with)\b/.test(inner) ? 'elif' : 'else') : w === 'end' ? 'end' : w === 'range' || w === 'with' || w === 'block' ? 'loop' : w === 'define' ? 'skip-open' : 'none';
      if (flow !== 'none' || w === 'template') tags.push({ start: at, end, kind: 'control', flow, inner, include: w === 'template' });
      else tags.push({ start: at, end, kind: 'expr', flow: 'none', inner });
      continue;
    }
    if (next === '{') {
      tags.push({ start: at, end, kind: 'expr', flow: 'none', inner });
      continue;
    }
    const w = word(inner);
    if (w === 'raw') {
      tags.push({ start: at, end, kind: 'control', flow: 'none', inner });
      rawUntil = end;
      continue;
    }
    // `{% set x %}...{% endset %}` captures a block: its body is not rendered there.
    const flow: Flow = w === 'set' && !/=/.test(inner) ? 'skip-open' : w === 'endset' ? 'end' : (JINJA_FLOW[w] ?? 'none');
    tags.push({ start: at, end, kind: 'control', flow, inner, include: w === 'include' || w === 'extends' });
  }
  if (rawUntil >= 0) problem ??= { offset: rawUntil, message: '`{% raw %}` is never closed by `{% endraw %}`' };
  return { engine, tags, problem };
}

// ------------------------------------------------------------------------------------------ Cheetah

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
  if (text[j] === '!') j++;
  const open = text[j];
  if (open === '{' || open === '(') {
    const close = findBalanced(text, j, lineEnd);
    return close < 0 ? -1 : close + 1;
  }
  if (!/[A-Za-z_]/.test(open ?? '')) return -1;
  while (j < lineEnd && /[\w]/.test(text[j])) j++;
  for (;;) {
    const c = text[j];
    if (c === '.' && /[A-Za-z_]/.test(text[j + 1] ?? '')) {
      j++;
      while (j < lineEnd && /\w/.test(text[j])) j++;
    } else if (c === '(' || c === '[') {
      const close = findBalanced(text, j, lineEnd);
      if (close < 0) return j;
      j = close + 1;
    } else return j;
  }
}

/** Where a bracket search with this limit last failed: later ones within it fail at once. */
let noBalanceFrom = { limit: -1, from: -1 };

/** Index of the bracket closing the one at `at` (quotes skipped, no recursion), or -1. */
function findBalanced(text: string, at: number, limit: number): number {
  if (noBalanceFrom.limit === limit && at >= noBalanceFrom.from) return -1;
  const r = findBalancedScan(text, at, limit);
  if (r < 0) noBalanceFrom = { limit, from: noBalanceFrom.limit === limit ? Math.min(noBalanceFrom.from, at) : at };
  return r;
}

function findBalancedScan(text: string, at: number, limit: number): number {
  let depth = 0;
  let q = '';
  for (let i = at; i < limit; i++) {
    const c = text[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = '';
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function scanCheetah(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let raw = false;
  let blockComment = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    if (blockComment >= 0) {
      const c = text.indexOf('*#', lineStart);
      if (c < 0 || c > lineEnd) {
        lineStart = lineEnd + 1;
        continue;
      }
      tags.push({ start: blockComment, end: c + 2, kind: 'comment', flow: 'none', inner: '' });
      blockComment = -1;
      i = c + 2;
    }
    while (i < lineEnd) {
      const c = text[i];
      if (raw) {
        const m = /^\s*#end raw\b/.exec(text.slice(i, lineEnd));
        if (m && i === lineStart) {
          tags.push({ start: lineStart, end: lineEnd, kind: 'control', flow: 'none', inner: 'end raw' });
          raw = false;
        }
        break;
      }
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
        const m = CHEETAH_DIRECTIVE.exec(text.slice(i, Math.min(lineEnd, i + 40)).replace(/^#(end|else)\s+/, '#$1 '));
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
  if (blockComment >= 0) problem ??= { offset: blockComment, message: 'this `#*` comment is never closed by `*#`' };
  if (raw) problem ??= { offset: text.length, message: '`#raw` is never closed by `#end raw`' };
  return { engine: 'cheetah', tags, problem };
}

// ---------------------------------------------------------------------------------------------- HCL

function scanHcl(text: string): Scan {
  const tags: Tag[] = [];
  let problem: ScanProblem | undefined;
  let i = 0;
  for (;;) {
    const d = text.indexOf('{', i);
    if (d < 0) break;
    const at = d - 1;
    const sigil = text[at];
    if (at < 0 || (sigil !== '$' && sigil !== '%')) {
      i = d + 1;
      continue;
    }
    if (text[at - 1] === sigil) {
      // `$${` and `%%{` render a literal `${` / `%{`.
      tags.push({ start: at - 1, end: at, kind: 'escape', flow: 'none', inner: sigil, renders: ' ' });
      i = d + 1;
      continue;
    }
    const close = findBalanced(text, d, text.length);
    if (close < 0) {
      problem ??= { offset: at, message: `this \`${sigil}{\` is never closed by \`}\`` };
      tags.push({ start: at, end: d + 1, kind: 'expr', flow: 'none', inner: `${sigil}{` });
      i = d + 1;
      continue;
    }
    const inner = stripMarkers(text.slice(d + 1, close));
    const end = close + 1;
    i = end;
    if (sigil === '$') {
      tags.push({ start: at, end, kind: 'expr', flow: 'none', inner });
      continue;
    }
    const w = word(inner);
    const flow: Flow = w === 'if' ? 'if' : w === 'else' ? 'else' : w === 'endif' || w === 'endfor' ? 'end' : w === 'for' ? 'loop' : 'none';
    tags.push({ start: at, end, kind: 'control', flow, inner });
  }
  return { engine: 'hcl', tags, problem };
}

// -------------------------------------------------------------------------------- @VAR@ and ##Var##

function scanPattern(text: string, re: RegExp, engine: Engine): Scan {
  const tags: Tag[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) tags.push({ start: m.index, end: m.index + m[0].length, kind: 'expr', flow: 'none', inner: m[0] });
  return { engine, tags };
}

function scanEngine(text: string, engine: Engine): Scan {
  switch (engine) {
    case 'erb':
      return scanErb(text);
    case 'jinja':
    case 'go':
      return scanCurly(text, engine);
    case 'cheetah':
      return scanCheetah(text);
    case 'hcl':
      return scanHcl(text);
    case 'atvar':
      return scanPattern(text, /@[A-Za-z_][A-Za-z0-9_]*@/g, 'atvar');
    case 'openqa':
      return scanPattern(text, /##[A-Za-z_][\w-]*##/g, 'openqa');
  }
}

export function scanTemplate(text: string, engine: Engine): Scan {
  noCloseFrom = new Map();
  noBalanceFrom = { limit: -1, from: -1 };
  const scan = scanEngine(text, engine);
  // Whitespace control: Jinja/Go `{%-` `-%}` `{{-` `-}}`, HCL `%{~` `~}`, ERB `-%>` (its newline).
  for (const t of scan.tags) {
    if (t.kind === 'escape' || t.end - t.start < 4) continue;
    if (engine === 'jinja' || engine === 'go') {
      t.trimBefore = text[t.start + 2] === '-';
      t.trimAfter = text[t.end - 3] === '-';
    } else if (engine === 'hcl') {
      t.trimBefore = text[t.start + 2] === '~';
      t.trimAfter = text[t.end - 2] === '~';
    } else if (engine === 'erb') t.trimAfter = text[t.end - 3] === '-';
  }
  return scan;
}
