// Every way a script can stop the install (exit non-zero, power off, halt), and what governs it.
import type { Node } from '../../syntax/treesitter';
import type { Ctx } from './inspect';
import { checksIn, isInspection, mentionsStoragePath, subtreeInspects } from './inspect';
import { argText, commandArgs, commandName, governingConditions, isConditionalAncestor, literal } from './shell';
import type { ScriptStop, ShellCommand } from './types';

export const HALT_COMMANDS = new Set(['poweroff', 'halt', 'shutdown']);

function redirectTargets(cmd: Node): string[] {
  const parent = cmd.parent;
  if (parent?.type !== 'redirected_statement') return [];
  return parent
    .childrenForFieldName('redirect')
    .filter((x): x is Node => !!x && x.type === 'file_redirect')
    .map((x) => {
      const dest = x.childForFieldName('destination') ?? x.namedChildren[x.namedChildren.length - 1];
      return dest ? argText(dest) : '';
    });
}

function redirectReadsStorage(cmd: Node): boolean {
  const parent = cmd.parent;
  if (parent?.type !== 'redirected_statement') return false;
  return parent
    .childrenForFieldName('redirect')
    .some((x) => !!x && x.type === 'file_redirect' && x.text.trimStart().startsWith('<') && mentionsStoragePath(argText(x.childForFieldName('destination') ?? x)));
}

/**
 * The commands that inspect storage and the stops, each judged where it runs: a stop inside a
 * function is judged at the function's call sites. `functionStops` lists the stopping functions.
 */
export function findStops(commands: Node[], ctx: Ctx): { inspections: ShellCommand[]; stops: ScriptStop[]; functionStops: Map<string, ScriptStop[]> } {
  const inspections: ShellCommand[] = [];
  const stops: ScriptStop[] = [];
  const functionStops = new Map<string, ScriptStop[]>();
  for (const c of commands) {
    const name = commandName(c);
    if (!name) continue;
    const argNodes = commandArgs(c);
    const args = argNodes.map(argText);
    if (isInspection(name, args) || args.some(mentionsStoragePath) || redirectReadsStorage(c)) {
      inspections.push({ name, args, start: c.startIndex, end: c.endIndex });
    }
    let stop: Pick<ScriptStop, 'kind' | 'status'> | undefined;
    if (name === 'exit') {
      const a = argNodes[0];
      const l = a ? literal(a) : '0';
      // A bare `exit` returns the last command's status: unknown, possibly non-zero.
      if (!a) stop = { kind: 'exit', status: undefined };
      else if (l !== undefined && /^\d+$/.test(l)) stop = Number(l) % 256 !== 0 ? { kind: 'exit', status: Number(l) } : undefined;
      else stop = { kind: 'exit', status: undefined };
    } else if (HALT_COMMANDS.has(name) || (name === 'systemctl' && args.some((a) => /^(poweroff|halt)$/.test(a))) || (name === 'init' && args[0] === '0')) {
      stop = { kind: 'halt' };
    } else if (name === 'echo' && args.includes('o') && redirectTargets(c).some((t) => t === '/proc/sysrq-trigger')) {
      stop = { kind: 'halt' };
    }
    if (!stop) continue;
    const gov = governingConditions(c);
    const s: ScriptStop = {
      ...stop,
      text: c.text.length > 60 ? `${c.text.slice(0, 57)}...` : c.text,
      start: c.startIndex,
      end: c.endIndex,
      conditional: isConditionalAncestor(c),
      linked: gov.conds.some((n) => subtreeInspects(n, ctx)),
      // A halt works from anywhere; only `exit` is confined to its subshell.
      inSubshell: stop.kind === 'exit' && gov.inSubshell,
      checks: [],
    };
    if (s.linked) {
      const set = new Set<string>();
      for (const n of gov.conds) checksIn(n, ctx, set);
      s.checks = [...set];
    }
    if (gov.inFunction) {
      const list = functionStops.get(gov.inFunction) ?? [];
      list.push(s);
      functionStops.set(gov.inFunction, list);
    } else {
      stops.push(s);
    }
  }
  // A stop inside a function happens where the function is called: judge it at the call sites.
  for (const c of commands) {
    const name = commandName(c);
    const inner = name ? functionStops.get(name) : undefined;
    if (!inner) continue;
    const gov = governingConditions(c);
    if (gov.inFunction) continue;
    for (const s of inner) {
      stops.push({
        ...s,
        start: c.startIndex,
        end: c.endIndex,
        text: `${c.text} (${s.text})`,
        conditional: s.conditional || isConditionalAncestor(c),
        linked: s.linked || gov.conds.some((n) => subtreeInspects(n, ctx)),
        inSubshell: s.kind === 'exit' && (s.inSubshell || gov.inSubshell),
        checks: [...gov.conds.reduce((set, n) => checksIn(n, ctx, set), new Set(s.checks))],
      });
    }
  }
  return { inspections, stops, functionStops };
}
