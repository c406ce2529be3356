// Taint to a fixed point: which variables and functions carry what storage inspections.
import type { Node } from '../../syntax/treesitter';
import type { Ctx } from './inspect';
import { checksIn, subtreeInspects } from './inspect';
import type { ScriptNodes } from './nodes';
import { argText, commandArgs } from './shell';

/** Fill ctx.storageVars, ctx.inspectingFunctions and ctx.checksOf from the script's nodes. */
export function taintStorage(ctx: Ctx, nodes: ScriptNodes): void {
  const { assignments, functions, fors, reads } = nodes;
  // Taint to a fixed point: variables assigned from inspections, functions that inspect, and
  // `for x in $(lsblk)` loop variables.
  for (let round = 0; round < 4; round++) {
    const before = ctx.storageVars.size + ctx.inspectingFunctions.size;
    for (const a of assignments) {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name && value && subtreeInspects(value, ctx)) ctx.storageVars.add(name);
    }
    for (const f of functions) {
      const name = f.childForFieldName('name')?.text;
      const body = f.childForFieldName('body');
      if (name && body && subtreeInspects(body, ctx)) ctx.inspectingFunctions.add(name);
    }
    for (const n of fors) {
      const v = n.childForFieldName('variable')?.text;
      if (v && n.childrenForFieldName('value').some((c) => c && subtreeInspects(c, ctx))) ctx.storageVars.add(v);
    }
    for (const n of reads) {
      // `lsblk | while read d` : d holds inspection output when the pipeline starts with one.
      const loop = n.parent?.type === 'while_statement' ? n.parent : undefined;
      const pipe = loop?.parent;
      if (loop && pipe?.type === 'pipeline' && pipe.namedChildren.some((c) => c && c.id !== loop.id && subtreeInspects(c, ctx))) {
        for (const a of commandArgs(n)) if (!argText(a).startsWith('-')) ctx.storageVars.add(argText(a));
      }
    }
    if (ctx.storageVars.size + ctx.inspectingFunctions.size === before) break;
  }
  // What each tainted variable and function looks at, for the stops' `checks`.
  if (ctx.storageVars.size + ctx.inspectingFunctions.size) {
    const of = (key: string): Set<string> => {
      let set = ctx.checksOf.get(key);
      if (!set) ctx.checksOf.set(key, (set = new Set()));
      return set;
    };
    for (let round = 0; round < 4; round++) {
      let grew = false;
      const feed = (key: string, n: Node): void => {
        const set = of(key);
        const size = set.size;
        checksIn(n, ctx, set);
        if (set.size !== size) grew = true;
      };
      for (const a of assignments) {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value && ctx.storageVars.has(name)) feed(name, value);
      }
      for (const f of functions) {
        const name = f.childForFieldName('name')?.text;
        const body = f.childForFieldName('body');
        if (name && body && ctx.inspectingFunctions.has(name)) feed(`${name}()`, body);
      }
      for (const n of fors) {
        const v = n.childForFieldName('variable')?.text;
        if (v && ctx.storageVars.has(v)) for (const c of n.childrenForFieldName('value')) if (c) feed(v, c);
      }
      for (const n of reads) {
        const loop = n.parent?.type === 'while_statement' ? n.parent : undefined;
        const pipe = loop?.parent;
        if (!loop || pipe?.type !== 'pipeline') continue;
        for (const a of commandArgs(n)) {
          const v = argText(a);
          if (v.startsWith('-') || !ctx.storageVars.has(v)) continue;
          for (const c of pipe.namedChildren) if (c && c.id !== loop.id) feed(v, c);
        }
      }
      if (!grew) break;
    }
  }
}
