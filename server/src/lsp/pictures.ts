// The pictures and comparisons the client asks for (the map view, the backups browser): drawn or
// compared here or, for big texts, in an analysis worker, never on the extension host.
import type { Connection } from 'vscode-languageserver/node';
import { diffTexts, formatDiff } from '../backups/diff';
import { ParsedDocument } from '../core/document';
import { readBounded } from '../core/read-bounded';
import type { LanguageId } from '../core/types';
import { pictureOf } from '../map/index';
import { drawChangeSvg, drawSvg } from '../map/limits';
import { guard, guardAsync } from './connection';
import { grammarsReady, missingGrammar } from './grammars';
import { INTERACTIVE_OFFLOAD_CHARS, jobUri, MAX_DRAWN_FILE, pool } from './pool';
import { docFor, inWorker } from './registry';
import { optionsFrom, settingsFor } from './settings';

export function registerPictures(connection: Connection): void {
  /**
   * `blockwise/map`: the picture (extent map or storage plan) of an open document as SVG text, or
   * of a text that is not open (a backup version): `{uri}` or `{text, languageId}`. The SVG's
   * clickable parts carry data-at (text offsets) and data-line (0-based lines) for reveal.
   */
  connection.onRequest('blockwise/map', async (p: { uri?: unknown; text?: unknown; path?: unknown; languageId?: unknown }) => {
    await grammarsReady;
    const started = Date.now();
    // A file (the backups browser's version): read here, capped, so the extension host never holds it.
    if (typeof p?.path === 'string' && p.text === undefined) {
      const r = await readBounded(p.path, MAX_DRAWN_FILE);
      if ('error' in r) return r;
      p = { text: r.text, languageId: p.languageId };
    }
    if (typeof p?.uri === 'string') {
      const d = await docFor(p.uri);
      if (!d) return { error: 'the document is not open as LVM metadata or kickstart' };
      const settings = await settingsFor(p.uri);
      const opts = optionsFrom(settings, d.doc.languageId, d.e.uri);
      const far = await guardAsync('map', undefined, () => inWorker<{ error: string } | { kind: string; svg: string }>(d, 'map', opts));
      if (far) return far.value ? { ...far.value, version: d.e.version, ms: Date.now() - started } : { error: 'the picture could not be drawn (see the Blockwise output)' };
      return guard('map', { error: 'the picture could not be drawn (see the Blockwise output)' }, () => {
        const pic = pictureOf(d.doc, { target: opts.target, severities: opts.severities });
        if ('error' in pic) return { error: pic.error };
        const drawn = drawSvg(pic);
        if ('error' in drawn) return drawn;
        return { kind: pic.kind, svg: drawn.svg, version: d.e.version, ms: Date.now() - started };
      });
    }
    if (typeof p?.text === 'string' && (p.languageId === 'lvm-metadata' || p.languageId === 'kickstart')) {
      const lang = p.languageId as LanguageId;
      if (missingGrammar(lang)) return { error: 'the parser is not available' };
      if (pool && !pool.broken && p.text.length > INTERACTIVE_OFFLOAD_CHARS) {
        // A big backup version: drawn in a worker, under a name of its own that it forgets after.
        const uri = jobUri('blockwise:map');
        const o = await pool.submit({ task: 'map', uri, languageId: lang, version: 0, text: p.text, options: {} });
        pool.forget(uri);
        if (o.kind === 'done') return { ...(o.value as object), ms: Date.now() - started };
        if (o.kind !== 'unavailable') return { error: o.kind === 'over-budget' ? 'drawing the picture went over its time budget' : 'the picture could not be drawn (see the Blockwise output)' };
      }
      const doc = new ParsedDocument('blockwise:map', lang, p.text);
      try {
        return guard('map', { error: 'the picture could not be drawn (see the Blockwise output)' }, () => {
          const pic = pictureOf(doc);
          if ('error' in pic) return { error: pic.error };
          const drawn = drawSvg(pic);
          if ('error' in drawn) return drawn;
          return { kind: pic.kind, svg: drawn.svg, ms: Date.now() - started };
        });
      } finally {
        doc.dispose();
      }
    }
    return { error: 'blockwise/map needs a uri, or a text with languageId lvm-metadata or kickstart' };
  });

  /**
   * `blockwise/mapChange` {before, after, labels?} or {beforePath, afterPath, labels?}: what changed between two versions of a VG's
   * metadata (the backups browser's compare) as SVG, drawn here or in a worker (never on the
   * extension host), under the pictures' limits: `{svg}` or `{error}`.
   */
  connection.onRequest('blockwise/mapChange', async (p: { before?: unknown; after?: unknown; beforePath?: unknown; afterPath?: unknown; labels?: { a?: unknown; b?: unknown } }) => {
    await grammarsReady;
    if (typeof p?.beforePath === 'string' && typeof p.afterPath === 'string') {
      const a = await readBounded(p.beforePath, MAX_DRAWN_FILE);
      if ('error' in a) return a;
      const b = await readBounded(p.afterPath, MAX_DRAWN_FILE);
      if ('error' in b) return b;
      p = { before: a.text, after: b.text, labels: p.labels };
    }
    if (typeof p?.before !== 'string' || typeof p.after !== 'string') return { error: 'blockwise/mapChange needs the before and after texts' };
    if (missingGrammar('lvm-metadata')) return { error: 'the parser is not available' };
    const started = Date.now();
    const labels = { a: typeof p.labels?.a === 'string' ? p.labels.a : 'before', b: typeof p.labels?.b === 'string' ? p.labels.b : 'after' };
    if (pool && !pool.broken && p.before.length + p.after.length > INTERACTIVE_OFFLOAD_CHARS) {
      const uri = jobUri('blockwise:change');
      const o = await pool.submit({ task: 'change', uri, languageId: 'lvm-metadata', version: 0, text: p.before, other: p.after, labels, options: {} });
      pool.forget(uri);
      if (o.kind === 'done') return { ...(o.value as object), ms: Date.now() - started };
      if (o.kind !== 'unavailable') return { error: o.kind === 'over-budget' ? 'drawing the picture went over its time budget' : 'the picture could not be drawn (see the Blockwise output)' };
    }
    const a = new ParsedDocument('blockwise:change/a', 'lvm-metadata', p.before);
    const b = new ParsedDocument('blockwise:change/b', 'lvm-metadata', p.after);
    try {
      return guard('mapChange', { error: 'the picture could not be drawn (see the Blockwise output)' }, () => {
        const pa = pictureOf(a);
        const pb = pictureOf(b);
        if ('error' in pa) return { error: pa.error };
        if ('error' in pb) return { error: pb.error };
        return { ...drawChangeSvg(pa, pb, labels), ms: Date.now() - started };
      });
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  /**
   * `blockwise/backupDiff` {beforePath, afterPath, labels}: the structural changes between two
   * backup versions as markdown (`{markdown}` or `{error}`), for the backups browser: read here
   * (regular files up to 64 MB), compared here or in a worker, never on the extension host.
   */
  connection.onRequest('blockwise/backupDiff', async (p: { beforePath?: unknown; afterPath?: unknown; labels?: { a?: unknown; b?: unknown } }) => {
    await grammarsReady;
    if (typeof p?.beforePath !== 'string' || typeof p.afterPath !== 'string') return { error: 'blockwise/backupDiff needs beforePath and afterPath' };
    if (missingGrammar('lvm-metadata')) return { error: 'the parser is not available' };
    const a = await readBounded(p.beforePath, MAX_DRAWN_FILE);
    if ('error' in a) return a;
    const b = await readBounded(p.afterPath, MAX_DRAWN_FILE);
    if ('error' in b) return b;
    const labels = { a: typeof p.labels?.a === 'string' ? p.labels.a : p.beforePath, b: typeof p.labels?.b === 'string' ? p.labels.b : p.afterPath };
    if (pool && !pool.broken && a.text.length + b.text.length > INTERACTIVE_OFFLOAD_CHARS) {
      const uri = jobUri('blockwise:diff');
      const o = await pool.submit({ task: 'diff', uri, languageId: 'lvm-metadata', version: 0, text: a.text, other: b.text, labels, options: {} });
      pool.forget(uri);
      if (o.kind === 'done') return { markdown: o.value as string };
      if (o.kind !== 'unavailable') return { error: o.kind === 'over-budget' ? 'comparing the versions went over its time budget' : 'the versions could not be compared (see the Blockwise output)' };
    }
    return guard<{ markdown?: string; error?: string }>('backupDiff', { error: 'the versions could not be compared (see the Blockwise output)' }, () => ({ markdown: formatDiff(diffTexts(a.text, b.text), labels, true) }));
  });
}
