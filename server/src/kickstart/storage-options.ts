// Small accessors over the kickstart model, shared by the rules, the fixes, the includes and the
// storage plan: options by canonical name, commands by name, and comma-list values.
import type { Range } from '../core/types';
import { OPT_UNKNOWN, type KickstartModel, type KsCommand, type KsOption } from './model';

// Options are matched by the model's canonical names (`only-use`, `ondisk`, `fstype`): the model
// has already resolved aliases (`--ondrive`, `--type`) and unique prefixes for the target, so a
// name that argparse would reject (`--onlyuse`, `--only_use`) never counts as the option.
// Options the model could not resolve (known === false) are left out: pykickstart rejects them.

/** The options of a command with one of these canonical names, in line order. */
export function optionsOf(cmd: KsCommand, ...names: string[]): KsOption[] {
  const t = cmd.optionTable;
  const out: KsOption[] = [];
  for (let j = cmd.optFirst; j < cmd.optEnd; j++) if (!(t.flags[j] & OPT_UNKNOWN) && names.includes(t.key[j].name)) out.push(t.view(j));
  return out;
}

/** The last occurrence of an option (argparse: a repeated option keeps its last value). */
export function option(cmd: KsCommand, ...names: string[]): KsOption | undefined {
  const t = cmd.optionTable;
  for (let j = cmd.optEnd - 1; j >= cmd.optFirst; j--) if (!(t.flags[j] & OPT_UNKNOWN) && names.includes(t.key[j].name)) return t.view(j);
  return undefined;
}

export function hasFlag(cmd: KsCommand, ...names: string[]): boolean {
  const t = cmd.optionTable;
  for (let j = cmd.optFirst; j < cmd.optEnd; j++) if (!(t.flags[j] & OPT_UNKNOWN) && names.includes(t.key[j].name)) return true;
  return false;
}

const NONE: KsCommand[] = [];

/** Commands with this canonical name, in file order. */
export function commandsNamed(model: KickstartModel, name: string): KsCommand[] {
  return model.byName.get(name) ?? NONE;
}

/** pykickstart's comma list: split on commas, trim, drop empties. */
export function commaList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Each item of a comma-list option value with its own range (falls back to the option's range). */
export function commaItems(opt: KsOption): { text: string; range: Range }[] {
  const value = opt.value ?? '';
  const out: CommaItem[] = [];
  let at = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text) out.push(new CommaItem(text, opt, at + lead, value.length));
    at += part.length + 1;
  }
  return out;
}

/** One item of a comma list; its range is made when read (a disk list can name thousands). */
class CommaItem {
  constructor(
    readonly text: string,
    private readonly opt: KsOption,
    private readonly at: number,
    private readonly valueLength: number,
  ) {}
  get range(): Range {
    const base = this.opt.valueRange;
    // Values on one line with no quoting keep a 1:1 mapping of characters to columns.
    const oneLine = base && base.start.line === base.end.line && base.end.character - base.start.character === this.valueLength;
    return oneLine
      ? {
          start: { line: base.start.line, character: base.start.character + this.at },
          end: { line: base.start.line, character: base.start.character + this.at + this.text.length },
        }
      : (base ?? this.opt.range);
  }
}
