// Host aliases from an OpenSSH client config, for the "pick a host" list. Only concrete names
// (no `*`, `?` or `!` patterns) that pass host validation; `Include` is followed one level deep
// for plain and `~`-relative paths (globs expanded by simple `*` matching in one folder).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { isValidHost } from './names';

export function hostsFromSshConfigText(text: string): { hosts: string[]; includes: string[] } {
  const hosts: string[] = [];
  const includes: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(\w+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const args = m[2].match(/"[^"]*"|\S+/g)?.map((a) => a.replace(/^"|"$/g, '')) ?? [];
    if (key === 'host') for (const a of args) if (!/[*?!]/.test(a) && isValidHost(a) && !hosts.includes(a)) hosts.push(a);
    if (key === 'include') includes.push(...args);
  }
  return { hosts, includes };
}

export function hostsFromSshConfig(file = join(homedir(), '.ssh', 'config'), depth = 0): string[] {
  if (!existsSync(file)) return [];
  let text: string;
  try {
    if (statSync(file).size > 1024 * 1024) return [];
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const { hosts, includes } = hostsFromSshConfigText(text);
  if (depth >= 2) return hosts;
  for (let inc of includes) {
    if (inc.startsWith('~/')) inc = join(homedir(), inc.slice(2));
    else if (!isAbsolute(inc)) inc = join(homedir(), '.ssh', inc);
    const files: string[] = [];
    if (basename(inc).includes('*')) {
      const re = new RegExp(`^${basename(inc).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      try {
        for (const f of readdirSync(dirname(inc)).sort()) if (re.test(f)) files.push(join(dirname(inc), f));
      } catch {
        /* no folder */
      }
    } else files.push(inc);
    for (const f of files) for (const h of hostsFromSshConfig(f, depth + 1)) if (!hosts.includes(h)) hosts.push(h);
  }
  return hosts;
}
