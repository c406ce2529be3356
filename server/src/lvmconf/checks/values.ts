// Checks of a setting's value: its type as `lvmconfig --validate` sees it, the values an
// enumerated setting allows (and the release each needs), and device filter patterns.
import { checkRegex, isUnanchored, parseFilterEntry } from '../filter';
import type { ConfSetting, ConfValue } from '../model';
import { compareVersions, didYouMean, type SettingSpec } from '../schema';
import { push, rng, type Ctx } from './context';

const BOOL_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false']);

export function typeWord(t: SettingSpec['type']): string {
  switch (t) {
    case 'array:string':
      return 'a list of strings (a single string is fine too)';
    case 'array:integer string':
      return 'a list of strings and integers';
    case 'boolean':
      return 'a boolean (0/1, or "y/n", "yes/no", "on/off", "true/false")';
    default:
      return `an ${t === 'integer' ? 'integer' : t === 'float' ? 'number' : 'string'}`.replace('an string', 'a string').replace('an number', 'a number');
  }
}

const kindWord: Record<ConfValue['kind'], string> = { int: 'an integer', float: 'a decimal number', string: 'a string', array: 'a list', error: 'no value' };

/** Type check exactly as `lvmconfig --validate` does (measured on 2.03.16). */
export function checkType(ctx: Ctx, s: ConfSetting, spec: SettingSpec): void {
  const v = s.value;
  if (v.kind === 'error') return;
  const severity = spec.unchecked ? 'warning' : 'error';
  const mismatch = (found: ConfValue, extra = '') =>
    push(
      ctx,
      {
        code: 'type-mismatch',
        severity,
        range: rng(ctx, found.start, found.end),
        message: `${spec.path} expects ${typeWord(spec.type)}, but this is ${kindWord[found.kind]}${extra}. lvm2 reports the file invalid and ignores the value.`,
      },
      s.start,
    );
  const empty = (at: ConfValue, what: string) =>
    push(
      ctx,
      {
        code: 'empty-value',
        severity,
        range: rng(ctx, at.start, at.end),
        message: `${spec.path} cannot be ${what}: lvm2 rejects it and uses the default${spec.defaultText ? ` (${spec.defaultText})` : ''}.`,
      },
      s.start,
    );
  if (spec.type.startsWith('array')) {
    const items = v.kind === 'array' ? v.items! : [v];
    if (v.kind === 'array' && items.length === 0) {
      if (spec.emptyArray === false) empty(v, 'an empty list');
      return;
    }
    for (const it of items) {
      if (it.kind === 'float' || (it.kind === 'int' && spec.type === 'array:string')) return mismatch(it);
      if (it.kind === 'string' && it.str === '' && spec.emptyString === false) return empty(it, '""');
    }
    return;
  }
  // A scalar setting: a one-element list counts as its element.
  let one = v;
  if (v.kind === 'array') {
    if (v.items!.length !== 1) return mismatch(v);
    one = v.items![0];
  }
  switch (spec.type) {
    case 'boolean':
      if (one.kind === 'int') return;
      if (one.kind === 'string') {
        if (!BOOL_WORDS.has(one.str!.toLowerCase())) {
          push(
            ctx,
            {
              code: 'type-mismatch',
              severity,
              range: rng(ctx, one.start, one.end),
              message: `${spec.path} is a boolean: use 0/1 or "y/n", "yes/no", "on/off", "true/false", not ${JSON.stringify(one.str)}. lvm2 reports the file invalid and ignores the value.`,
              fixes: [
                { title: 'Replace with 1', edits: [{ range: rng(ctx, one.start, one.end), newText: '1' }] },
                { title: 'Replace with 0', edits: [{ range: rng(ctx, one.start, one.end), newText: '0' }] },
              ],
            },
            s.start,
          );
        }
        return;
      }
      return mismatch(one);
    case 'integer':
      if (one.kind !== 'int') {
        const numeric = one.kind === 'string' && /^-?\d+$/.test(one.str!);
        return mismatch(one, numeric ? ' (integers are written without quotes)' : '');
      }
      return;
    case 'float':
      if (one.kind !== 'int' && one.kind !== 'float') return mismatch(one);
      return;
    case 'string':
      if (one.kind !== 'string') return mismatch(one, one.kind === 'int' || one.kind === 'float' ? ' (quote it: "…")' : '');
      if (one.str === '' && spec.emptyString === false) empty(one, '""');
      return;
  }
}

export function scalarString(v: ConfValue): string | undefined {
  if (v.kind === 'string') return v.str;
  if (v.kind === 'array' && v.items!.length === 1 && v.items![0].kind === 'string') return v.items![0].str;
  return undefined;
}

export function scalarInt(v: ConfValue): number | undefined {
  if (v.kind === 'int') return v.num;
  if (v.kind === 'array' && v.items!.length === 1 && v.items![0].kind === 'int') return v.items![0].num;
  return undefined;
}

const FAULT_EFFECT: Record<string, (v: string) => string> = {
  'activation/raid_fault_policy': () => 'lvm2 treats any value other than "allocate" as "warn": a failed RAID leg is only logged, never replaced.',
  'activation/mirror_image_fault_policy': () => 'lvm2 treats any value other than exactly "remove" as "allocate": it will try to replace the failed leg from free space.',
  'activation/mirror_log_fault_policy': () => 'lvm2 treats any value other than exactly "remove" as "allocate": it will try to place a new log on free space.',
  'activation/mirror_device_fault_policy': () => 'lvm2 treats any value other than exactly "remove" as "allocate".',
};

export function checkValue(ctx: Ctx, s: ConfSetting, spec: SettingSpec): void {
  if (!spec.allowed) return;
  const str = scalarString(s.value);
  if (str === undefined) return;
  const v = s.value.kind === 'array' ? s.value.items![0] : s.value;
  if (!spec.allowed.includes(str)) {
    const lower = spec.allowed.find((a) => a.toLowerCase() === str.toLowerCase());
    const close = lower ? [lower] : didYouMean(str, spec.allowed);
    const effect = FAULT_EFFECT[spec.path]?.(str) ?? 'lvm2 does not act on it as intended.';
    push(
      ctx,
      {
        code: 'invalid-value',
        severity: 'error',
        range: rng(ctx, v.start, v.end),
        message: `${JSON.stringify(str)} is not a value of ${spec.path} (${spec.allowed.map((a) => `"${a}"`).join(', ')}${lower ? '; values are case-sensitive' : ''}). ${effect}`,
        fixes: close.map((c, i) => ({ title: `Replace with "${c}"`, preferred: i === 0, edits: [{ range: rng(ctx, v.start, v.end), newText: `"${c}"` }] })),
      },
      s.start,
    );
    return;
  }
  const since = spec.valueSince?.[str];
  if (since && ctx.options.target && compareVersions(ctx.options.target, since) < 0) {
    push(
      ctx,
      {
        code: 'target-version',
        severity: 'error',
        range: rng(ctx, v.start, v.end),
        message: `${spec.path} = "${str}" needs lvm2 ${since}; the target is ${ctx.options.target}.`,
      },
      s.start,
    );
  }
}

export function checkFilter(ctx: Ctx, s: ConfSetting): void {
  const items = s.value.kind === 'array' ? s.value.items! : [s.value];
  for (const it of items) {
    if (it.kind !== 'string') continue;
    const entry = it.str!;
    const contentStart = it.quote === 'bare' ? it.start : it.start + 1;
    const parsed = parseFilterEntry(entry);
    let problem = 'message' in parsed ? parsed : undefined;
    if (!problem && !('message' in parsed)) {
      const p = checkRegex(parsed.regex);
      if (p) problem = { at: p.at + parsed.regexAt, message: p.message };
      else if (isUnanchored(parsed.regex)) {
        push(
          ctx,
          {
            code: 'unanchored-filter',
            severity: 'warning',
            range: rng(ctx, it.start, it.end),
            message: `${s.name} pattern ${JSON.stringify(parsed.regex)} is not anchored: it matches anywhere in a device path (any path containing it, not only the device you mean). Anchor it with ^ (and $).`,
          },
          s.start,
        );
      }
    }
    if (problem) {
      push(
        ctx,
        {
          code: 'invalid-filter',
          severity: 'error',
          range: rng(ctx, it.start, it.end),
          message: `Invalid ${s.name} entry ${JSON.stringify(entry)}: ${problem.message}. lvmconfig --validate accepts it, but every LVM command on this host will fail ("Invalid filter pattern" / "Failed to create regex device filter").`,
        },
        s.start,
      );
      void contentStart;
    }
  }
}
