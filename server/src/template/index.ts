// Templates of our languages (Foreman ERB, Cobbler Cheetah, Ansible/Salt/Beaker Jinja2, Go
// text/template, Packer/Terraform templatefile, `@VAR@` and `##Var##` files) are checked through
// the masking layer (mask.ts): the language's own analysis runs on the masked text, once per view
// of the branches (views.ts), and the findings are mapped back 1:1 and told where they hold.
// The wrapper is the only place the language handlers meet templates; they stay unaware of them.
import { NEWEST_FEDORA, NEWEST_RHEL, OLDEST_FEDORA, OLDEST_RHEL } from '../core/distro';
import { RENDERS_FOR_KEY, type RendersFor } from '../core/release';
import { ParsedDocument } from '../core/document';
import type { LanguageHandler } from '../core/handler';
import { defineRules } from '../core/rules';
import type { AnalysisOptions, DocSymbol, Finding, FoldRange, LanguageId, Range } from '../core/types';
import { ENGINE_NAMES, engineOf, foremanKind, type Engine } from './engines';
import { maskTemplate, type Masked } from './mask';
import { firstEndingAfter } from './spans';
import { branchExcludesRelease, releaseNodes, releaseScope, underReleaseCondition } from './release';
import { branchWhere, exclusive, viewSet, viewTexts, whereItHolds } from './views';

defineRules([
  {
    code: 'template-syntax',
    languages: ['kickstart', 'lvm-conf'],
    severity: 'warning',
    title: 'The template engine cannot read this tag (unclosed tag, block never closed, or an end without a block)',
    why: 'The engine refuses the template or renders something else than its author meant; Blockwise masks the rest as well as it can and reports the first such place only.',
    fix: 'Close the tag or the block (`%>`, `%}`, `}}`, `{% endif %}`, `#end if`, `%{ endif }`), or escape a literal opener (`<%%`, `{{ "{{" }}`, `\\$`, `$${`).',
  },
  {
    code: 'template-unknown-content',
    languages: ['kickstart', 'lvm-conf'],
    severity: 'info',
    title: 'Part of this template comes from elsewhere (a snippet, an include, a variable holding lines) and was not checked',
    why: 'An included snippet or a whole-line value can hold storage commands, guards or settings; Blockwise checks only what the template itself says and does not report storage as missing when it may come from there.',
    fix: 'Check the rendered file too (e.g. `blockwise check` on the output of the renderer), or the snippet itself.',
  },
]);

/** Findings that tell of a risk in every rendering that has the line: kept even beside opaque values. */
const RISK_CODES = new Set(['unguarded-clearpart', 'unscoped-zerombr', 'unguarded-pre-wipe', 'ineffective-pre-guard', 'unsafe-retention', 'backup-disabled', 'check-disabled', 'deprecated-command', 'removed-command', 'deprecated-section', 'removed-section', 'unknown-section', 'wrong-section', 'deprecated-setting', 'missing-end', 'stray-end']);

/** Findings whose truth depends on the release checked against (kickstart/index.ts lists the same). */
const RELEASE_DEPENDENT = new Set(['removed-option', 'removed-command', 'deprecated-command', 'deprecated-option', 'deprecated-section', 'removed-section', 'version-unsupported', 'unknown-option', 'unknown-command', 'target-version']);
const RELEASE_CODES_PRESENT = (found: Finding[]): boolean => found.some((f) => RELEASE_DEPENDENT.has(f.code));

/** Findings about something absent, which unknown (included) content may supply. */
const ABSENCE_CODES = new Set(['interactive-storage', 'unchecked-include', 'undefined-pv', 'undefined-volgroup', 'undefined-raid-member', 'undefined-thinpool', 'unused-pv', 'unused-raid-member', 'dynamic-partitioning', 'missing-required-option', 'no-root-mount', 'no-swap']);

/**
 * Findings on the device GRUB reads /boot from: where there is no /boot that is `/`, and a snippet
 * or included content may hold the /boot partition (Cobbler's LVM snippets come after the /boot one).
 */
const STAGE2_CODES = new Set(['boot-on-lv', 'boot-encrypted', 'boot-fstype', 'boot-raid-level']);
/**
 * Findings about the layout as a whole (what is mounted, how much a VG holds): an opaque value on
 * a storage line (`logvol {{ lv.mp }} --size={{ size }}`) may be the missing mount point or size.
 */
const LAYOUT_CODES = new Set(['no-root-mount', 'no-swap', 'vg-overcommitted', 'below-recommended-size', 'over-format-max', 'grown-to-format-min']);
const STORAGE_LINE = /^\s*(part|partition|logvol|raid|volgroup|btrfs|mount|autopart|reqpart)\b/;

/** Some storage line of the template holds an opaque value. */
function opaqueOnStorage(doc: ParsedDocument, m: Masked): boolean {
  let last = -1;
  for (const s of m.opaque) {
    const line = doc.lines.positionAt(s.start).line;
    if (line === last) continue;
    last = line;
    if (STORAGE_LINE.test(m.text.slice(m.lineStarts[line], line + 1 < m.lineStarts.length ? m.lineStarts[line + 1] : m.text.length))) return true;
  }
  return false;
}

function baseName(uri: string): string {
  let p = uri;
  try {
    if (/^[a-z][\w+.-]*:/i.test(uri)) p = decodeURIComponent(new URL(uri).pathname);
  } catch {
    /* a plain path */
  }
  const parts = p.replace(/\\/g, '/').split('/');
  return parts[parts.length - 1] ?? '';
}

export interface TemplateInfo {
  engine: Engine;
  masked: Masked;
}

/** The template reading of a document, or undefined when it is a plain file of its language. */
export function templateOf(doc: ParsedDocument): TemplateInfo | undefined {
  if (doc.languageId === 'lvm-metadata') return undefined;
  const key = 'template';
  const cached = doc.cache.get(key) as { text: string; info: TemplateInfo | undefined } | undefined;
  const text = doc.text;
  if (cached && cached.text === text) return cached.info;
  const engine = engineOf(baseName(doc.uri), text);
  const info = engine ? { engine, masked: maskTemplate(text, engine, doc.languageId) } : undefined;
  doc.cache.set(key, { text, info });
  return info;
}

/** A position of the masked view as a position of the template: same offset, maybe another line. */
function mapRange(r: Range, from: ParsedDocument, to: ParsedDocument): Range {
  const max = to.text.length;
  return { start: to.lines.positionAt(Math.min(max, from.lines.offsetAt(r.start))), end: to.lines.positionAt(Math.min(max, from.lines.offsetAt(r.end))) };
}

function mapFinding(f: Finding, from: ParsedDocument, to: ParsedDocument): Finding {
  // Masking keeps every line break where it was unless whitespace control joined lines (or a
  // #Dynamic table got its %end): with as many lines and characters, positions are the same.
  if (from.text.length === to.text.length && from.lines.lineCount === to.lines.lineCount) return f;
  return {
    ...f,
    range: mapRange(f.range, from, to),
    related: f.related?.map((r) => ({ ...r, range: mapRange(r.range, from, to) })),
    fixes: f.fixes?.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, range: mapRange(e.range, from, to) })) })),
  };
}

function overlaps(doc: ParsedDocument, r: Range, spans: { start: number; end: number }[]): boolean {
  if (!spans.length) return false;
  const a = doc.lines.offsetAt(r.start);
  const b = Math.max(a + 1, doc.lines.offsetAt(r.end));
  for (let i = firstEndingAfter(spans, a); i < spans.length && spans[i].start < b; i++) if (spans[i].end > a) return true;
  return false;
}

/**
 * The line holds an opaque value standing as a word of its own (may be options, a guard,
 * anything), not as the value of the option before it (`--disklabel ##Disk-Label##`).
 */
function standaloneOpaqueOnLine(doc: ParsedDocument, line: number, m: Masked, isValue?: (offset: number) => boolean): boolean {
  const text = doc.text;
  const ls = doc.lines.offsetAt({ line, character: 0 });
  const le = doc.lines.lineEnd(line);
  for (let i = firstEndingAfter(m.opaque, ls); i < m.opaque.length && m.opaque[i].start < le; i++) {
    const s = m.opaque[i];
    const before = s.start > ls ? text[s.start - 1] : ' ';
    const after = s.end < le ? text[s.end] : ' ';
    if (/\s/.test(before) && (/\s/.test(after) || s.end >= le) && !isValue?.(s.start)) return true;
  }
  return false;
}

const GUARD_CODES = new Set(['unguarded-clearpart', 'unscoped-zerombr']);

/** Offsets of `ignoredisk` words on lines whose options are an opaque value of their own. */
function unknownIgnoredisk(doc: ParsedDocument, m: Masked): number[] {
  const out: number[] = [];
  if (!m.text.includes('ignoredisk')) return out;
  const re = /^[ \t]*ignoredisk\b/gm;
  for (let r = re.exec(m.text); r; r = re.exec(m.text)) {
    const at = r.index + r[0].length - 'ignoredisk'.length;
    if (standaloneOpaqueOnLine(doc, doc.lines.positionAt(at).line, m)) out.push(at);
  }
  return out;
}

/**
 * Whether the word at an offset is glued by tags to the word before it (`--location={% if efi
 * %}partition{% else %}mbr{% endif %}`): the engine renders one word (`--location=mbr`), where the
 * masked tags left blanks between the two.
 */
function gluedToWordBefore(text: string, m: Masked, at: number): boolean {
  const tags = m.tags;
  let i = firstEndingAfter(tags, at - 1);
  if (i >= tags.length || tags[i].end !== at) return false;
  while (i > 0 && tags[i - 1].end === tags[i].start) i--;
  const s = tags[i].start;
  return s > 0 && !isSpaceChar(text.charCodeAt(s - 1));
}

/** A blank as kickstart splits words (shlex: space, tab, line breaks); narrower than scan-common's isSpace (JavaScript's \s). */
function isSpaceChar(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Whether a finding of a view (or of the union) is not the template's: made of an opaque value's
 * unknown content, about something included content may supply, or tied to a place in an exclusive
 * branch. Read in the view's own positions: offsets are the template's (masking keeps them).
 */
type Drop = (f: Finding, from: ParsedDocument) => boolean;

function dropRule(handler: LanguageHandler, doc: ParsedDocument, info: TemplateInfo): Drop {
  const m = info.masked;
  // A snippet (Cobbler, Foreman `kind: snippet`) is a fragment of a file: what it lacks, or a
  // section it leaves open, the including template provides.
  const fragment = /snippet/i.test(doc.uri) || foremanKind(doc.text.slice(0, 8192))?.kind === 'snippet';
  const hasUnknown = m.includes.length > 0 || fragment;
  const layoutUnknown = doc.languageId === 'kickstart' && opaqueOnStorage(doc, m);
  const isValue = handler.isOptionValue ? (o: number) => handler.isOptionValue!(unionDoc(doc, info), o) : undefined;
  const max = doc.text.length;
  return (f, from) => {
    if (hasUnknown && ABSENCE_CODES.has(f.code)) return true;
    if (layoutUnknown && LAYOUT_CODES.has(f.code)) return true;
    const at = Math.min(max, from.lines.offsetAt(f.range.start));
    const line = doc.lines.positionAt(at).line;
    if (f.code === 'unexpected-argument' && gluedToWordBefore(doc.text, m, at) && !/\s\S/.test(m.text.slice(at, Math.min(max, from.lines.offsetAt(f.range.end))))) return true;
    if (hasUnknown && STAGE2_CODES.has(f.code) && !doc.text.startsWith('/boot', at)) return true;
    if (RISK_CODES.has(f.code)) {
      if (GUARD_CODES.has(f.code) && standaloneOpaqueOnLine(doc, line, m, isValue)) return true;
      if (f.code === 'missing-end' && hasUnknown) return true;
    } else if (overlaps(from, f.range, m.opaque) || f.related?.some((r) => overlaps(from, r.range, m.opaque))) return true;
    // A value standing as a word of its own may be any options (`ignoredisk {{ opts }}`): nothing
    // about that line's options or arguments is known.
    else if (standaloneOpaqueOnLine(doc, line, m, isValue)) return true;
    return !!f.related?.some((r) => exclusive(m, at, Math.min(max, from.lines.offsetAt(r.range.start))));
  };
}

/** A finding of the template and the views it was found in; f is null when it is dropped. */
interface Seen {
  f: Finding | null;
  views: number[];
}

/**
 * The findings of each view, with the views each was found in (by rule and place). With the
 * handler's branch analysis the views share one model of the union; without it (or when the
 * views cannot share it) each view is analysed alone. A finding is judged (dropped or kept) where
 * it is first met, before it is mapped back: most findings of a template are about opaque values.
 */
function viewFindings(handler: LanguageHandler, doc: ParsedDocument, options: AnalysisOptions, info: TemplateInfo, texts: string[], same: number[], blanked: [number, number][][]): Map<string, Seen> {
  const m = info.masked;
  const merged = new Map<string, Seen>();
  const drop = dropRule(handler, doc, info);
  // `ignoredisk <%= opts %>`: options unknown, maybe `--only-use`. A view that renders it may be
  // guarded, so the guard findings hold only in the views without it.
  const maybeGuards = doc.languageId === 'kickstart' ? unknownIgnoredisk(doc, m) : [];
  const guardedIn = (k: number): boolean => {
    const t = texts[same[k] < 0 ? k : same[k]];
    return maybeGuards.some((o) => t.startsWith('ignoredisk', o));
  };
  // One finding per rule and place (views checked as different releases word it differently).
  const add = (f: Finding, from: ParsedDocument, k: number): void => {
    if (maybeGuards.length && GUARD_CODES.has(f.code) && guardedIn(k)) return;
    const key = `${f.code}|${from.lines.offsetAt(f.range.start)}`;
    const e = merged.get(key);
    if (!e) merged.set(key, { f: drop(f, from) ? null : mapFinding(f, from, doc), views: [k] });
    else if (e.f && !e.views.includes(k)) e.views.push(k);
  };
  // A release-dependent finding does not hold when the line's branch excludes the release, nor
  // when the release is only the default (the file names none) and the branch tests a release.
  const keepFor = (vdoc: ParsedDocument, found: Finding[]): Finding[] => {
    const choice = RELEASE_CODES_PRESENT(found) ? handler.release?.(vdoc, options) : undefined;
    const release = choice?.release;
    if (!release) return found;
    const holds = (f: Finding): boolean => {
      const at = vdoc.lines.offsetAt(f.range.start);
      return !(branchExcludesRelease(m, at, release) || (choice.source === 'default' && underReleaseCondition(m, at)));
    };
    return found.filter((f) => !RELEASE_DEPENDENT.has(f.code) || holds(f));
  };
  // Findings on the `%end` that closes a #Dynamic partition table (past the template's end) are not the template's.
  const inTemplate = (vdoc: ParsedDocument, found: Finding[]): Finding[] => (vdoc.text.length > doc.text.length ? found.filter((f) => vdoc.lines.offsetAt(f.range.start) < doc.text.length) : found);

  const distinct = texts.map((_, k) => k).filter((k) => same[k] < 0);
  if (handler.branchFindings && distinct.length > 1) {
    const union = unionDoc(doc, info);
    // A view keeps every line break of the union where it was: its line starts are the union's.
    const vdocs = distinct.map((k) => new ParsedDocument(doc.uri, doc.languageId, texts[k], 0, union.lines.starts));
    try {
      const r = handler.branchFindings(union, vdocs.map((d, i) => ({ doc: d, blanked: blanked[distinct[i]] })), options);
      if (r) {
        const u = union.text;
        for (const f of inTemplate(union, keepFor(union, r.shared))) {
          // A line's own finding holds in every view that renders the line.
          const o = union.lines.firstNonBlank(f.range.start.line);
          for (let i = 0; i < vdocs.length; i++) if (vdocs[i].text.charCodeAt(o) === u.charCodeAt(o)) add(f, union, distinct[i]);
        }
        r.perView.forEach((found, i) => {
          for (const f of inTemplate(vdocs[i], keepFor(union, found))) add(f, vdocs[i], distinct[i]);
        });
        branchReleaseFindings(handler, doc, options, info, texts, distinct, add);
        return merged;
      }
    } finally {
      for (const d of vdocs) d.dispose();
    }
  }
  let carried: [string, unknown][] = [];
  for (const k of distinct) {
    const vdoc = new ParsedDocument(doc.uri, doc.languageId, texts[k]);
    markRenders(vdoc, m);
    for (const [key, value] of carried) vdoc.cache.set(key, value);
    try {
      for (const f of inTemplate(vdoc, keepFor(vdoc, handler.analyze(vdoc, options)))) add(f, vdoc, k);
      carried = vdoc.contentCache();
    } finally {
      vdoc.dispose();
    }
  }
  branchReleaseFindings(handler, doc, options, info, texts, distinct, add);
  return merged;
}

/** The releases each family's majors name for checking (the released ones the tables know). */
const RELEASE_MAJORS = { rhel: { prefix: 'RHEL', lo: OLDEST_RHEL, hi: NEWEST_RHEL }, fedora: { prefix: 'F', lo: OLDEST_FEDORA, hi: NEWEST_FEDORA } };

/**
 * A branch whose condition names releases (`<% if os_major >= 9 %>`) renders only for them, so its
 * command lines and section headers are checked as those releases too: as the oldest and the
 * newest of them (what a release removed or added shows at one end). Their release findings hold
 * where the line renders.
 */
function branchReleaseFindings(handler: LanguageHandler, doc: ParsedDocument, options: AnalysisOptions, info: TemplateInfo, texts: string[], distinct: number[], add: (f: Finding, from: ParsedDocument, k: number) => void): void {
  const m = info.masked;
  // Nodes under a branch whose condition tests a release (undefined: none is).
  const tested = handler.linesAs ? releaseNodes(m) : undefined;
  if (!tested) return;
  const union = unionDoc(doc, info);
  const u = union.text;
  const choice = handler.release?.(union, options);
  const label = choice?.release ?? '';
  const fallback = /^(fedora|f\d)/i.test(label) ? 'fedora' : 'rhel';
  // The file's own release (unless only the default, whose findings under such branches are dropped) is checked already.
  const own = choice?.source === 'default' ? '' : label.replace(/\s+/g, '').replace(/^Fedora/i, 'F').toUpperCase();
  // Per release, the lines to check as it; a branch node's releases are worked out once.
  const groups = new Map<string, number[]>();
  const perNode = new Map<number, string[]>();
  // The lines of each stretch of text in such a node (a line counts where its first word is).
  const lines = union.lines;
  for (let i = 0; i < m.segStarts.length; i++) {
    const node = m.segNodes[i];
    if (!tested[node]) continue;
    const a = m.segStarts[i];
    const b = i + 1 < m.segStarts.length ? m.segStarts[i + 1] : u.length;
    let releases = perNode.get(node);
    if (!releases) {
      releases = [];
      const scope = releaseScope(m, a, fallback);
      if (scope) {
        const fam = RELEASE_MAJORS[scope.family];
        const majors: number[] = [];
        for (let n = fam.lo; n <= fam.hi; n++) if (scope.allowed[n]) majors.push(n);
        const ends = majors.length > 1 ? [majors[0], majors[majors.length - 1]] : majors;
        for (const n of ends) if (`${fam.prefix}${n}`.toUpperCase() !== own) releases.push(`${fam.prefix}${n}`);
      }
      perNode.set(node, releases);
    }
    if (!releases.length) continue;
    for (let l = lines.positionAt(Math.min(a, u.length)).line; l < lines.lineCount && lines.offsetAt({ line: l, character: 0 }) < b; l++) {
      const o = lines.firstNonBlank(l);
      const c = u.charCodeAt(o);
      // Comments and %end are not; a `%` line may be a section header, which the handler checks.
      if (o < a || o >= b || o >= lines.lineEnd(l) || c === 35 || u.startsWith('%end', o)) continue;
      for (const r of releases) {
        const g = groups.get(r);
        if (g) g.push(o);
        else groups.set(r, [o]);
      }
    }
  }
  for (const [release, starts] of groups) {
    for (const f of handler.linesAs!(union, starts, release, 'a branch of the template renders this line only for the releases its condition names', options)) {
      if (!RELEASE_DEPENDENT.has(f.code)) continue;
      const o = union.lines.firstNonBlank(f.range.start.line);
      for (const k of distinct) if (texts[k].charCodeAt(o) === u.charCodeAt(o)) add(f, union, k);
    }
  }
}

function analyzeTemplate(handler: LanguageHandler, doc: ParsedDocument, options: AnalysisOptions, info: TemplateInfo): Finding[] {
  const m = info.masked;
  const { texts: views, same, blanked } = viewSet(m, doc.languageId);
  const aliases: number[][] = views.map(() => []);
  for (let k = 0; k < views.length; k++) if (same[k] >= 0) aliases[same[k]].push(k);
  const merged = viewFindings(handler, doc, options, info, views, same, blanked);
  for (const e of merged.values()) {
    if (!e.f) continue;
    const n = e.views.length;
    for (let i = 0; i < n; i++) for (const a of aliases[e.views[i]]) e.views.push(a);
  }
  const out: Finding[] = [];
  for (const { f, views: seenIn } of merged.values()) {
    if (!f) continue;
    const where = whereItHolds(m, doc.lines.offsetAt(f.range.start), seenIn, views.length);
    out.push({ ...f, message: `${f.message} [${ENGINE_NAMES[info.engine]} template: ${where}]` });
  }
  if (m.problem) {
    out.push({ code: 'template-syntax', severity: 'warning', range: doc.lines.range(m.problem.offset, Math.min(doc.text.length, m.problem.offset + 2)), message: `${ENGINE_NAMES[info.engine]}: ${m.problem.message}; the rest is read as well as it can be.` });
  }
  if (m.includes.length) {
    const first = m.includes[0];
    const names = [...new Set(m.includes.map((i) => i.inner.replace(/\s+/g, ' ').slice(0, 60)))];
    out.push({
      code: 'template-unknown-content',
      severity: 'info',
      range: doc.lines.range(first.start, first.end),
      message: `${m.includes.length} part${m.includes.length === 1 ? '' : 's'} of this template come${m.includes.length === 1 ? 's' : ''} from elsewhere and ${m.includes.length === 1 ? 'was' : 'were'} not checked: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}. Storage or guards there are not seen, so nothing is reported missing.`,
    });
  }
  return out;
}


/** Leave on a rendering of the template (same offsets) which of its lines render for which release. */
function markRenders(d: ParsedDocument, m: Masked): void {
  if (releaseNodes(m)) d.cache.set(RENDERS_FOR_KEY, ((line, label) => !branchExcludesRelease(m, d.lines.firstNonBlank(line), label)) satisfies RendersFor);
}

/** The masked union view of a template (every branch), for outline, folding and colours. */
export function unionDocument(doc: ParsedDocument, info: TemplateInfo): ParsedDocument {
  return unionDoc(doc, info);
}

function unionDoc(doc: ParsedDocument, info: TemplateInfo): ParsedDocument {
  const key = 'template-union';
  const cached = doc.cache.get(key) as { text: string; doc: ParsedDocument } | undefined;
  if (cached && cached.text === doc.text) return cached.doc;
  cached?.doc.dispose();
  const u = new ParsedDocument(doc.uri, doc.languageId, viewTexts(info.masked, doc.languageId, true)[0]);
  // Which line renders for which release (a branch whose condition excludes it does not): the
  // language's release evidence reads it (core/release.ts RENDERS_FOR_KEY), so lines of
  // exclusive branches are not weighed as if they rendered together.
  markRenders(u, info.masked);
  doc.cache.set(key, { text: doc.text, doc: u, dispose: () => u.dispose() });
  return u;
}

function mapSymbols(list: DocSymbol[], from: ParsedDocument, to: ParsedDocument): DocSymbol[] {
  // With an explicit stack: an lvm.conf outline can be as deep as its sections nest.
  const top: DocSymbol[] = [];
  const stack: { src: DocSymbol[]; dst: DocSymbol[] }[] = [{ src: list, dst: top }];
  while (stack.length) {
    const { src, dst } = stack.pop()!;
    for (const s of src) {
      if (from.lines.offsetAt(s.range.start) >= to.text.length) continue;
      const copy: DocSymbol = { ...s, range: mapRange(s.range, from, to), selectionRange: mapRange(s.selectionRange, from, to), children: s.children ? [] : undefined };
      dst.push(copy);
      if (s.children) stack.push({ src: s.children, dst: copy.children! });
    }
  }
  return top;
}

/** A handler that reads templates of its language through the masking layer. */
export function withTemplates(handler: LanguageHandler): LanguageHandler {
  if (handler.id === 'lvm-metadata') return handler;
  return {
    ...handler,
    analyze: (doc, options) => {
      const info = templateOf(doc);
      return info ? analyzeTemplate(handler, doc, options, info) : handler.analyze(doc, options);
    },
    symbols: (doc, options) => {
      const info = templateOf(doc);
      if (!info) return handler.symbols(doc, options);
      const u = unionDoc(doc, info);
      return mapSymbols(handler.symbols(u, options), u, doc);
    },
    folding: (doc): FoldRange[] => {
      const info = templateOf(doc);
      if (!info) return handler.folding(doc);
      const u = unionDoc(doc, info);
      const line = (l: number): number => doc.lines.positionAt(Math.min(doc.text.length, u.lines.offsetAt({ line: l, character: 0 }))).line;
      const out = handler.folding(u).map((r) => ({ ...r, startLine: line(r.startLine), endLine: line(r.endLine) })).filter((r) => r.endLine > r.startLine);
      // Each template block folds from its opening tag to its closing one (`{% if %}` .. `{% endif %}`).
      for (const c of info.masked.chains) if (c.endLine > c.branches[0].line) out.push({ startLine: c.branches[0].line, endLine: c.endLine, kind: 'region' });
      return out;
    },
    release: handler.release
      ? (doc, options) => {
          const info = templateOf(doc);
          return info ? handler.release!(unionDoc(doc, info), options) : handler.release!(doc, options);
        }
      : undefined,
    // Hover and go to definition read the masked text (positions mapped by offset); a template tag
    // itself says what it is.
    hover: handler.hover
      ? (doc, pos, options) => {
          const info = templateOf(doc);
          if (!info) return handler.hover!(doc, pos, options);
          const at = doc.lines.offsetAt(pos);
          const tag = info.masked.tags.find((t) => t.kind !== 'escape' && t.start <= at && at < t.end);
          if (tag) {
            const what = tag.kind === 'comment' ? 'comment' : tag.include ? 'include: its content is not checked here' : tag.kind === 'control' ? 'control tag: its branches are each checked' : 'expression: its value is not known when checking, so it stands for one opaque value';
            return { contents: `**${ENGINE_NAMES[info.engine]} ${what}**`, range: doc.lines.range(tag.start, tag.end) };
          }
          const u = unionDoc(doc, info);
          const h = handler.hover!(u, u.lines.positionAt(at), options);
          return h ? { ...h, range: h.range ? mapRange(h.range, u, doc) : undefined } : h;
        }
      : undefined,
    definition: handler.definition
      ? (doc, pos) => {
          const info = templateOf(doc);
          if (!info) return handler.definition!(doc, pos);
          const u = unionDoc(doc, info);
          return handler.definition!(u, u.lines.positionAt(doc.lines.offsetAt(pos))).map((r) => mapRange(r, u, doc));
        }
      : undefined,
  };
}

/** For pictures and tests: the language text of a template with every branch (or `undefined`). */
export function maskedText(uri: string, languageId: LanguageId, text: string): { text: string; engine: Engine; branchLines: Map<number, string> } | undefined {
  const doc = new ParsedDocument(uri, languageId, text);
  try {
    const info = templateOf(doc);
    if (!info) return undefined;
    const branchLines = new Map<number, string>();
    const m = info.masked;
    for (let l = 0; l < m.lineStarts.length; l++) {
      if (m.templateLine[l]) continue;
      const where = branchWhere(m, m.lineStarts[l] + Math.max(0, doc.lines.lineText(l).search(/\S/)));
      if (where) branchLines.set(l, where);
    }
    return { text: viewTexts(m, languageId, true)[0], engine: info.engine, branchLines };
  } finally {
    doc.dispose();
  }
}
