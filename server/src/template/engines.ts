// Template engines: which engine a file is written for (by name, else by its markers), and each
// engine's tags as spans of the text. Pure: text in, tags out. One forward scan per file, no
// recursion over the input; an unclosed tag is reported once and only its opener is masked.
//
// Facts used (the engines' own syntax): ERB `<% %>` `<%= %>` `<%# %>` `<%%` and `-%>`; Jinja2
// `{{ }}` `{% %}` `{# #}` with `-`/`+` whitespace control and `{% raw %}`; Go text/template
// `{{ }}` with `{{-`/`-}}` and `{{/* */}}`; Cheetah (Cobbler) `$var` `${var}` `$var.attr(...)`
// `\$` `#if/#elif/#else/#end if` `#raw/#end raw` `##` and `#* *#`; HCL templatefile (Packer,
// Terraform) `${ }` `%{ }` with `~`, escapes `$${` and `%%{`; autoconf `@VAR@`; openQA `##Var##`.

import { resetSearches, type Engine, type Scan, type Tag } from './scan-common';
import { scanCheetah } from './scan-cheetah';
import { scanCurly } from './scan-curly';
import { scanErb } from './scan-erb';
import { scanHcl } from './scan-hcl';

export type { Engine, Flow, Scan, ScanProblem, Tag } from './scan-common';

export const ENGINE_NAMES: Record<Engine, string> = {
  erb: 'ERB',
  jinja: 'Jinja2',
  go: 'Go text/template',
  cheetah: 'Cheetah',
  hcl: 'HCL templatefile',
  atvar: '@VAR@ substitution',
  openqa: 'openQA ##Var##',
};

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

const JINJA_MARK = /\{%-?\s*(if|for|set|include|import|macro|raw|block|extends|from|filter|with|call)\b|\{\{-?\s*[A-Za-z_][\w.]*\s*(\|[^}]*)?-?\}\}/;
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
  [/^<%[-=]?\s*(if|unless|end|else|elsif|[\w@.]+\.each)\b[^\n]*%>\s*$/m, 'erb'],
  [/%\{~?\s*(if|for)\b[^\n]*\}/, 'hcl'],
  [/\$SNIPPET\(|\$getVar\(/, 'cheetah'],
  [/^\s*\{\{-?\s*(if|range|with|define|template|end)\b[^}]*\}\}\s*$/m, 'go'],
  [/^\s*\{%-?\s*(if|for|set|include|import|macro|raw|block|extends|from)\b/m, 'jinja'],
  [/^\s*\{#/m, 'jinja'],
  [/^\s*(clearpart|ignoredisk|part|partition|logvol|volgroup|raid|url|network|lang|keyboard|timezone|rootpw|bootloader)\b[^\n]*\{\{[^\n]*\}\}/m, 'jinja'],
  [/^\s*[a-z_]+\s*=\s*[^\n#]*\{\{[^\n]*\}\}/m, 'jinja'],
  // openQA: a `##Name##` on a command line (the first `#` of the line opens it: not in a comment).
  [/^\s*[a-z][a-z-]*\b[^\n#]*##[A-Za-z_][\w-]*##/m, 'openqa'],
];

/** The engine a plain-named file's strong markers show (see STRONG), undefined when none. */
export function engineByStrongContent(text: string): Engine | undefined {
  const s = text.length > 65536 ? text.slice(0, 65536) : text;
  // Most files have no opener at all: say so without running the patterns (a plain 20,000-line
  // kickstart is checked on every edit).
  if (!s.includes('<%') && !s.includes('{{') && !s.includes('{%') && !s.includes('{#') && !s.includes('%{') && !s.includes('##') && !/\$(SNIPPET|getVar)\(|^#(if|for|set)\s/m.test(s)) return undefined;
  if (foremanKind(s)) return 'erb';
  // Two separate tests: one regex spanning both lines backtracks over the whole text per `#if`.
  if (/^#(if|for|set)\s+\$/m.test(s) && /^#end (if|for)\b/m.test(s)) return 'cheetah';
  for (const [re, engine] of STRONG) {
    if (!re.test(s)) continue;
    // Jinja and Go share `{{ }}`: Go when it has Go's control words and no `{%`.
    if (engine === 'jinja' && !/\{%/.test(s) && GO_MARK.test(s)) return 'go';
    return engine;
  }
  return undefined;
}

/**
 * The `kind:` of Foreman's metadata header (the `<%# %>` comment a Foreman template starts with),
 * or undefined. Found with indexOf in the first 8 KB: no regex over the whole text.
 */
export function foremanKind(text: string): { kind: string; meta: string } | undefined {
  const start = text.search(/\S/);
  if (start < 0 || !text.startsWith('<%#', start)) return undefined;
  const end = text.indexOf('%>', start + 3);
  if (end < 0 || end > start + 8192) return undefined;
  const meta = text.slice(start + 3, end);
  const m = /^kind:\s*(\w+)/m.exec(meta);
  return m ? { kind: m[1], meta } : undefined;
}

/** The engine a text's markers show, undefined when it has none. */
export function engineByContent(text: string): Engine | undefined {
  const s = text.length > 65536 ? text.slice(0, 65536) : text;
  if (s.includes('<%') && s.includes('%>')) return 'erb';
  if (HCL_MARK.test(s)) return 'hcl';
  if (CHEETAH_MARK.test(s)) return 'cheetah';
  if (GO_MARK.test(s) && !/\{%/.test(s)) return 'go';
  if (JINJA_MARK.test(s) || (s.includes('{#') && s.includes('#}'))) return 'jinja';
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
  resetSearches();
  const scan = scanEngine(text, engine);
  // Whitespace control: Jinja/Go `{%-` `-%}` `{{-` `-}}`, HCL `%{~` `~}`, ERB `-%>` (its newline).
  for (const t of scan.tags) {
    if (t.kind === 'escape' || t.end - t.start < 4) continue;
    if (engine === 'jinja' || engine === 'go') {
      t.trimBefore = text.charCodeAt(t.start + 2) === 45; // -
      t.trimAfter = text.charCodeAt(t.end - 3) === 45;
    } else if (engine === 'hcl') {
      t.trimBefore = text.charCodeAt(t.start + 2) === 126; // ~
      t.trimAfter = text.charCodeAt(t.end - 2) === 126;
    } else if (engine === 'erb') t.trimAfter = text.charCodeAt(t.end - 3) === 45;
  }
  return scan;
}
