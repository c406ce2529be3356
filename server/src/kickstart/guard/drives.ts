// Generated `clearpart --drives=$var` lines whose variable can be empty when the script writes them.
import type { Node } from '../../syntax/treesitter';
import { HALT_COMMANDS } from './stops';
import { commandName, governingConditions, shorten } from './shell';
import type { GeneratedDrives, ScriptWrite } from './types';
import { variableSources } from './vars';
import type { VarSource } from './vars';

const GENERATED_DRIVES = /^[ \t]*clearpart\b[^\n]*?--drives[= ]["']?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?["']?(?=[ \t]|$)[^\n]*$/gm;

/**
 * Generated clearpart lines whose whole --drives value is one variable that can be empty: never
 * set, set to '', or set from a command (which prints nothing when nothing matches), and not
 * checked by a condition that stops the script (`[ -z "$d" ] && exit 1`) or `${d:?}`.
 */
export function findEmptyDrives(root: Node, writes: ScriptWrite[], commands: Node[], fors: Node[], assignments: Node[], reads: Node[], stoppingFunctions: Set<string>): GeneratedDrives[] {
  const out: GeneratedDrives[] = [];
  let vars: Map<string, VarSource[]> | undefined;
  let checked: Set<string> | undefined;
  for (const w of writes) {
    if (!w.text.includes('clearpart')) continue;
    for (const m of w.text.matchAll(GENERATED_DRIVES)) {
      const v = m[1];
      vars ??= variableSources(fors, assignments, reads);
      checked ??= checkedVariables(root, commands, stoppingFunctions);
      if (checked.has(v)) continue;
      const sources = vars.get(v) ?? [];
      let why: string | undefined;
      if (!sources.length) why = `$${v} is never set in this script`;
      for (const src of sources) {
        if (why) break;
        if (src.kind === 'literal' && src.text.trim() === '') why = `$${v} is set to an empty string`;
        else if (src.kind === 'command') why = `$${v} is set from \`${shorten(src.text)}\`, which prints nothing when no disk matches`;
        else if (src.kind === 'unknown') why = `$${v} comes from ${src.text === '"$@"' ? 'the script arguments' : `\`${shorten(src.text)}\``}, which can be empty`;
      }
      if (why) out.push({ variable: v, line: m[0].trim(), why, path: w.path, start: w.start, end: w.end });
    }
  }
  return out;
}

/**
 * Variables tested in the condition of a stop (exit or halt, or a call of a function that stops,
 * such as `[ -n "$DISKS" ] || die "no disk"`), or expanded as `${v:?}`.
 */
function checkedVariables(root: Node, commands: Node[], stoppingFunctions: Set<string>): Set<string> {
  const out = new Set<string>();
  const namesIn = (n: Node): void => {
    const stack: Node[] = [n];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === 'variable_name') out.add(x.text);
      for (let i = x.namedChildCount - 1; i >= 0; i--) {
        const c = x.namedChild(i);
        if (c) stack.push(c);
      }
    }
  };
  for (const c of commands) {
    const name = commandName(c);
    if (name !== 'exit' && !HALT_COMMANDS.has(name ?? '') && !stoppingFunctions.has(name ?? '')) continue;
    for (const cond of governingConditions(c).conds) namesIn(cond);
  }
  for (const m of root.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) out.add(m[1]);
  return out;
}
