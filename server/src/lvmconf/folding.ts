// Folding ranges of lvm.conf in one pass over the tree with a cursor: sections (to the line before
// their `}`), settings whose array value spans lines, and runs of whole-line comments. The ranges
// are those of foldingLvmConf (symbols.ts), which reads them from the model; building the model of
// a 1,000,000-setting file only to fold it cost 12 s and gigabytes (every setting's key segments
// and value), while this visits each node once and reads only its type and rows. Files with syntax
// errors keep the model's way (sections recovered from ERROR nodes).
import type { ParsedDocument } from '../core/document';
import type { FoldRange } from '../core/types';
import { MAX_SECTION_DEPTH } from '../syntax/lvm-syntax';
import { foldingLvmConf } from './symbols';

export function foldLvmConf(doc: ParsedDocument): FoldRange[] {
  const root = doc.tree.rootNode;
  if (root.hasError || root.type === 'ERROR') return foldingLvmConf(doc);
  const sections: FoldRange[] = [];
  const arrays: FoldRange[] = [];
  const comments: FoldRange[] = [];
  const starts = doc.lines.starts;
  const text = doc.text;
  let runStart = -1;
  let prev = -2;
  // Node types from the root down to the cursor's node, and how many of them are sections.
  const path: string[] = [];
  let depth = 0;
  const cursor = doc.tree.walk();
  try {
    for (;;) {
      const t = cursor.nodeType;
      let down = false;
      if (t === 'comment') {
        const row = cursor.startPosition.row;
        const at = cursor.startIndex;
        let whole = true;
        for (let i = starts[row]; i < at && whole; i++) whole = /\s/.test(text[i]);
        if (whole && row !== prev + 1) {
          if (runStart >= 0 && prev > runStart) comments.push({ startLine: runStart, endLine: prev, kind: 'comment' });
          runStart = row;
        }
        if (whole) prev = row;
      } else if (t === 'section') {
        // A clean tree's section ends with its `}`; sections nested past the model's limit are not folded.
        const a = cursor.startPosition.row;
        const b = cursor.endPosition.row;
        if (depth < MAX_SECTION_DEPTH && b > a) sections.push({ startLine: a, endLine: b - 1 >= a ? b - 1 : b, kind: 'region' });
        down = true;
      } else if (t === 'source_file') down = true;
      else {
        // Anything else that spans lines may hold comments (an array written over several lines).
        const a = cursor.startPosition.row;
        const b = cursor.endPosition.row;
        if (b > a) {
          if (t === 'assignment' && depth <= MAX_SECTION_DEPTH && valueIsArray(cursor)) arrays.push({ startLine: a, endLine: b });
          down = true;
        }
      }
      if (down && cursor.gotoFirstChild()) {
        path.push(t);
        if (t === 'section') depth++;
        continue;
      }
      let done = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
        if (path.pop() === 'section') depth--;
      }
      if (done || !path.length) break;
    }
  } finally {
    cursor.delete();
  }
  if (runStart >= 0 && prev > runStart) comments.push({ startLine: runStart, endLine: prev, kind: 'comment' });
  // The model's order: sections, arrays, comments, each in document order, then stably by line.
  return [...sections, ...arrays, ...comments].sort((x, y) => x.startLine - y.startLine);
}

/** Whether the assignment under the cursor has an array value (the cursor is left where it was). */
function valueIsArray(cursor: ReturnType<ParsedDocument['tree']['walk']>): boolean {
  if (!cursor.gotoFirstChild()) return false;
  let found = false;
  do {
    if (cursor.currentFieldName === 'value') {
      found = cursor.nodeType === 'array';
      break;
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return found;
}
