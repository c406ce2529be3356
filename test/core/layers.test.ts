// The layers of server/src, read from the import lines of the sources: core imports nothing above
// it, release identification never imports the kickstart model builder, and no module needs itself
// through a chain of runtime imports. A failure names the import (or the cycle) to mend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const src = join(root, 'server/src');

interface Edge {
  to: string;
  typeOnly: boolean;
}

/** Every .ts module under server/src (relative path) with the project modules it imports. */
function importGraph(): Map<string, Edge[]> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(src);
  const g = new Map<string, Edge[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const edges: Edge[] = [];
    for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)'/gms)) {
      let p = resolve(dirname(f), m[4]);
      if (existsSync(p + '.ts')) p += '.ts';
      else if (existsSync(join(p, 'index.ts'))) p = join(p, 'index.ts');
      else continue;
      // `import type {...}` and `import { type A, type B }` vanish at run time.
      const names = m[3].replace(/^\{|\}$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
      const typeOnly = !!m[2] || (names.length > 0 && names.every((n) => n.startsWith('type ')));
      edges.push({ to: relative(src, p), typeOnly });
    }
    g.set(relative(src, f), edges);
  }
  return g;
}

/** Strongly connected groups of more than one module (Tarjan, iterative: no recursion over the graph). */
function cycles(g: Map<string, Edge[]>, keep: (e: Edge) => boolean): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let n = 0;
  for (const start of g.keys()) {
    if (index.has(start)) continue;
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    index.set(start, n);
    low.set(start, n++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const edges = (g.get(top.v) ?? []).filter(keep);
      if (top.i < edges.length) {
        const w = edges[top.i++].to;
        if (!index.has(w)) {
          index.set(w, n);
          low.set(w, n++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          group.push(w);
        } while (w !== top.v);
        if (group.length > 1) out.push(group.sort());
      }
    }
  }
  return out;
}

const graph = importGraph();

test('the graph is read: the kickstart model imports its parts', () => {
  const model = graph.get('kickstart/model.ts')!.map((e) => e.to);
  for (const m of ['kickstart/ast.ts', 'kickstart/words.ts', 'kickstart/release.ts', 'kickstart/evidence.ts']) assert.ok(model.includes(m), m);
});

test('core imports nothing outside core', () => {
  const bad: string[] = [];
  for (const [f, edges] of graph) {
    if (!f.startsWith('core/')) continue;
    for (const e of edges) if (!e.to.startsWith('core/')) bad.push(`${f} -> ${e.to}`);
  }
  assert.deepEqual(bad, []);
});

test('release identification does not import the kickstart model builder', () => {
  const bad: string[] = [];
  for (const f of ['kickstart/release.ts', 'kickstart/clues.ts', 'kickstart/evidence.ts', 'kickstart/versions.ts', 'kickstart/ast.ts']) {
    for (const e of graph.get(f) ?? []) if (e.to === 'kickstart/model.ts' || e.to === 'kickstart/words.ts') bad.push(`${f} -> ${e.to}`);
  }
  assert.deepEqual(bad, []);
});

test('no import cycle among the kickstart modules, type imports included', () => {
  const ks = new Map([...graph].filter(([f]) => f.startsWith('kickstart/')));
  assert.deepEqual(cycles(ks, (e) => e.to.startsWith('kickstart/')), []);
});

test('no cycle of run-time imports anywhere in server/src', () => {
  assert.deepEqual(cycles(graph, (e) => !e.typeOnly), []);
});
