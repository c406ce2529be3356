// A parsed document: text, line index and tree-sitter tree (parsed when first read), kept up to
// date incrementally.
// The language server holds one per open document; the CLI makes one per file.
import { LineIndex } from './text';
import type { GrammarName, LanguageId, Range } from './types';
import type { Tree } from 'web-tree-sitter';

/**
 * How documents get their trees. The parser layer (syntax/treesitter.ts) gives its functions when
 * it is loaded, so core does not import the layer above it; every process that parses loads the
 * grammars through that module first.
 */
export interface TreeParser {
  parse(name: GrammarName, text: string, old?: Tree | null): Tree;
  /** undefined when the parse went over `budgetMs` (and was cancelled). */
  parseBounded(name: GrammarName, text: string, old: Tree | null | undefined, budgetMs: number): Tree | undefined;
  parseBudgetMs(textLength: number): number;
}

let treeParser: TreeParser | undefined;

/** Called once by syntax/treesitter.ts when it loads. */
export function setTreeParser(p: TreeParser): void {
  treeParser = p;
}

function runtime(): TreeParser {
  if (!treeParser) throw new Error('blockwise: no parser runtime is loaded (syntax/treesitter.ts registers it)');
  return treeParser;
}

/** The grammar of a document's own tree (ParsedDocument.tree: semantic tokens, the lvm models). */
export const GRAMMAR_OF: Record<LanguageId, GrammarName> = {
  'lvm-conf': 'lvm',
  'lvm-metadata': 'lvm',
  kickstart: 'kickstart',
};

/**
 * The grammars a language's analysis needs. lvm files are read from their tree; a kickstart is
 * read from its text (kickstart/reader.ts), with the bash grammar for the %pre guards.
 */
export const ANALYSIS_GRAMMARS: Record<LanguageId, GrammarName[]> = {
  'lvm-conf': ['lvm'],
  'lvm-metadata': ['lvm'],
  kickstart: ['bash'],
};

/**
 * The grammars one file needs now: ANALYSIS_GRAMMARS less the bash grammar for a kickstart that has
 * no `%pre` anywhere (only %pre bodies are parsed as shell), so a one-file CLI run does not compile
 * the 1.4 MB bash wasm for it. `%pre` anywhere is a superset of a %pre section header.
 */
export function grammarsFor(language: LanguageId, content: string | Uint8Array): GrammarName[] {
  if (language === 'kickstart') {
    const buf = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    // Foreman's `#Dynamic` partition table is %pre shell (template/mask.ts).
    const has = buf.includes('%pre') || buf.includes('#Dynamic');
    if (!has) return [];
  }
  return ANALYSIS_GRAMMARS[language];
}

export interface ContentChange {
  /** Absent: the change replaces the whole text. */
  range?: Range;
  text: string;
}

/** Prefix of cache keys whose entries are keyed by content and own no resources (see `cache`). */
export const CONTENT_KEYED = 'content:';

export class ParsedDocument {
  lines: LineIndex;
  /**
   * The tree-sitter tree of the current text, parsed when first read: the kickstart review reads
   * the text (kickstart/reader.ts), so a kickstart is parsed only for the features that walk the
   * tree (semantic tokens). After an edit the old tree is edited at once and reparsed
   * incrementally when the tree is next read.
   */
  /** Set when the parse went over its time budget: the tree is then that of an empty file. */
  parseAborted?: { budgetMs: number };

  get tree(): Tree {
    if (!this.current) {
      this.current = this.parseWithin();
    } else if (this.stale) {
      const old = this.current;
      const next = this.parseWithin(old);
      if (this.pendingChanges && old !== next) this.pendingChanges.old = old;
      else if (old !== next) old.delete();
      this.current = next;
    }
    this.stale = false;
    return this.current;
  }

  /** A parse within the budget, or (over it) the tree of an empty file and `parseAborted` set. */
  private parseWithin(old?: Tree): Tree {
    const { parse, parseBounded, parseBudgetMs } = runtime();
    const budgetMs = parseBudgetMs(this.text.length);
    const t = parseBounded(GRAMMAR_OF[this.languageId], this.text, old, budgetMs);
    if (t) {
      this.parseAborted = undefined;
      return t;
    }
    this.parseAborted = { budgetMs };
    return parse(GRAMMAR_OF[this.languageId], '');
  }

  /**
   * Ranges the last update changed (undefined after a full parse): the edited text itself plus,
   * when the document has a tree, the ranges tree-sitter reports as structurally different, in the
   * new text's coordinates.
   */
  get changedRanges(): Range[] | undefined {
    const p = this.pendingChanges;
    if (!p) return undefined;
    if (p.ranges === undefined) {
      // getChangedRanges costs tens of milliseconds on a multi-megabyte tree: only when asked.
      const tree = this.current ? this.tree : undefined;
      const structural = p.old && tree ? p.old.getChangedRanges(tree).map((r) => this.lines.range(r.startIndex, r.endIndex)) : [];
      p.ranges = [...p.spans.map(([a, b]) => this.lines.range(a, b)), ...structural];
      p.old?.delete();
      p.old = undefined;
    }
    return p.ranges;
  }

  private current: Tree | undefined;
  /** The current tree was edited and not yet reparsed. */
  private stale = false;
  private pendingChanges: { spans: [number, number][]; old?: Tree; ranges?: Range[] } | undefined;
  /**
   * Per-language state kept across versions (models, per-node results). An entry whose key starts
   * with CONTENT_KEYED holds results keyed by the text they were computed from (never by place),
   * so it may be carried to another document of the same language (a template's next view).
   */
  readonly cache = new Map<string, unknown>();

  constructor(
    readonly uri: string,
    readonly languageId: LanguageId,
    text: string,
    public version = 0,
    /** The line starts when known (a template's view has its union's: same line breaks). */
    starts?: number[],
  ) {
    this.lines = new LineIndex(text, starts);
  }

  get text(): string {
    return this.lines.text;
  }

  /** Apply LSP-style content changes in order, editing the old tree so the next parse is incremental. */
  update(changes: ContentChange[], version: number): void {
    let text = this.text;
    let lines = this.lines;
    let tree: Tree | undefined = this.current;
    let replaced = false;
    // Edited spans as [start, end) offsets in the current text, shifted by later edits.
    let spans: [number, number][] = [];
    for (const c of changes) {
      if (!c.range) {
        text = c.text;
        lines = new LineIndex(text);
        tree = undefined;
        replaced = true;
        spans = [];
        continue;
      }
      const start = lines.offsetAt(c.range.start);
      const oldEnd = lines.offsetAt(c.range.end);
      const newText = text.slice(0, start) + c.text + text.slice(oldEnd);
      const newLines = lines.edited(newText, start, oldEnd, c.text);
      if (tree) {
        const sp = lines.positionAt(start);
        const op = lines.positionAt(oldEnd);
        const np = newLines.positionAt(start + c.text.length);
        tree.edit({
          startIndex: start,
          oldEndIndex: oldEnd,
          newEndIndex: start + c.text.length,
          startPosition: { row: sp.line, column: sp.character },
          oldEndPosition: { row: op.line, column: op.character },
          newEndPosition: { row: np.line, column: np.character },
        });
      }
      const delta = c.text.length - (oldEnd - start);
      spans = spans.map(([a, b]): [number, number] => [
        a >= oldEnd ? a + delta : Math.min(a, start),
        b >= oldEnd ? b + delta : Math.min(b, start + c.text.length),
      ]);
      spans.push([start, start + c.text.length]);
      text = newText;
      lines = newLines;
    }
    this.pendingChanges?.old?.delete();
    if (replaced) {
      // A whole new text: the next read parses from scratch.
      this.current?.delete();
      this.current = undefined;
      this.stale = false;
      this.pendingChanges = undefined;
    } else {
      this.pendingChanges = { spans };
      this.stale = this.current !== undefined;
    }
    this.lines = lines;
    this.version = version;
  }

  /** The content-keyed cache entries, to carry to another document of the same language. */
  contentCache(): [string, unknown][] {
    return [...this.cache].filter(([k]) => k.startsWith(CONTENT_KEYED));
  }

  dispose(): void {
    // Cached state that holds trees of its own (a template's masked view) is disposed with it.
    for (const v of this.cache.values()) (v as { dispose?: () => void } | undefined)?.dispose?.();
    this.pendingChanges?.old?.delete();
    this.pendingChanges = undefined;
    this.current?.delete();
    this.current = undefined;
  }
}
