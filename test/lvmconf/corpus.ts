// The lvm.conf corpus shared by the agreement test and the CLI benchmark: the hand-written
// fixtures, Debian's shipped lvm.conf, lvmlocal.conf and profiles, and configs generated from the
// schema (seeded, so a failing config can be reproduced).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getSchema, type SettingSpec } from '../../server/src/lvmconf/schema';
import { prng, repoRoot } from '../support/util';

export const root = repoRoot();


function goodValue(s: SettingSpec): string {
  if (s.allowed) return `"${s.allowed[0]}"`;
  switch (s.type) {
    case 'boolean':
      return '1';
    case 'integer':
      return s.path === 'backup/retain_min' ? '100' : s.defaultText && /^-?\d+$/.test(s.defaultText) ? s.defaultText : '1';
    case 'string':
      return s.defaultText && s.defaultText !== '""' ? s.defaultText : '"x"';
    default:
      return s.defaultText && s.defaultText !== '[]' && !s.defaultText.includes('""') ? s.defaultText : '[ "x" ]';
  }
}
function badValue(s: SettingSpec, r: () => number): string {
  const opts = s.type === 'string' ? ['5', '1.5', '[ 1, 2 ]'] : s.type === 'integer' ? ['"12"', '1.5', 'word'] : s.type === 'boolean' ? ['"maybe"', '2.5', '"1"'] : ['1.5', '[ "a", 7 ]'];
  return opts[Math.floor(r() * opts.length)];
}

export function generated(n: number): { name: string; text: string }[] {
  const schema = getSchema();
  const pool = [...schema.settings.values()].filter((s) => !s.section.includes('<') && !s.section.startsWith('tags') && s.path !== 'devices/types' && s.path !== 'devices/scan' && !s.path.startsWith('log/') && s.path !== 'global/activation');
  const out: { name: string; text: string }[] = [];
  for (let k = 0; k < n; k++) {
    const r = prng(1000 + k);
    const pick = () => pool[Math.floor(r() * pool.length)];
    const bySec = new Map<string, string[]>();
    const flat: string[] = [];
    const count = 3 + Math.floor(r() * 6);
    for (let j = 0; j < count; j++) {
      const s = pick();
      const mode = r();
      let line: string;
      let section = s.section;
      if (mode < 0.5) line = `${s.name} = ${goodValue(s)}`;
      else if (mode < 0.65) line = `${s.name} = ${badValue(s, r)}`;
      else if (mode < 0.75) line = `${s.name.slice(0, -1)}${s.name.endsWith('x') ? 'y' : 'x'} = ${goodValue(s)}`;
      else if (mode < 0.82) {
        const other = pick();
        section = other.section === s.section ? 'report' : other.section;
        line = `${s.name} = ${goodValue(s)}`;
      } else if (mode < 0.9) {
        flat.push(`${s.section}/${s.name} = ${r() < 0.5 ? goodValue(s) : badValue(s, r)}`);
        continue;
      } else {
        section = `${s.section}x`;
        line = `${s.name} = ${goodValue(s)}`;
      }
      if (!bySec.has(section)) bySec.set(section, []);
      bySec.get(section)!.push(line);
    }
    let text = `# generated config ${k} (seed ${1000 + k})\n`;
    for (const [sec, lines] of bySec) text += `${sec} {\n${lines.map((l) => `\t${l}\n`).join('')}}\n`;
    text += flat.map((l) => `${l}\n`).join('');
    out.push({ name: `generated-${k}`, text });
  }
  return out;
}

export function corpus(generatedCount = 50): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const fx = join(root, 'test', 'fixtures', 'lvmconf');
  for (const f of readdirSync(fx).sort()) out.push({ name: `fixtures/${f}`, text: readFileSync(join(fx, f), 'utf8') });
  const sm = join(root, 'samples', 'lvm');
  out.push({ name: 'debian/lvm.conf', text: readFileSync(join(sm, 'lvm.conf'), 'utf8') });
  out.push({ name: 'debian/lvmlocal.conf', text: readFileSync(join(sm, 'lvmlocal.conf'), 'utf8') });
  for (const f of readdirSync(join(sm, 'profiles')).sort()) out.push({ name: `debian/profiles/${f}`, text: readFileSync(join(sm, 'profiles', f), 'utf8') });
  out.push(...generated(generatedCount));
  return out;
}

