// Ansible inventories as the list of hosts to read: the JSON of `ansible-inventory --list`, or INI
// and YAML inventory files read directly where Ansible is not installed. Host patterns select
// hosts the way Ansible does (unions, `&` intersections, `!` exclusions, globs, `~regex`).
// Inventory variables may say where and as whom to connect (ansible_host, ansible_port,
// ansible_user, ansible_ssh_private_key_file); variables that would widen what ssh may do
// (extra arguments, proxy commands, another program, passwords) make that host an error.
// Pure: text in, inventory out. No recursion over the input's nesting.
import { parseDocument, isMap, isScalar, type Node as YamlNode } from 'yaml';
import { checkHost, checkUser, NameError } from './names';
import { checkSshOption, type SshTarget } from './ssh';

export interface Inventory {
  /** Hosts in the order the inventory first names them. */
  hosts: string[];
  /** Group -> its direct hosts. */
  groupHosts: Map<string, string[]>;
  /** Group -> its child groups. */
  children: Map<string, string[]>;
  /** Host -> its variables, after group and host precedence. */
  hostVars: Map<string, Record<string, unknown>>;
}

export class InventoryError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
  }
}

function emptyInventory(): Inventory {
  return { hosts: [], groupHosts: new Map([['all', []], ['ungrouped', []]]), children: new Map([['all', ['ungrouped']], ['ungrouped', []]]), hostVars: new Map() };
}

function addGroup(inv: Inventory, g: string): void {
  if (!inv.groupHosts.has(g)) inv.groupHosts.set(g, []);
  if (!inv.children.has(g)) inv.children.set(g, []);
}

function addChild(inv: Inventory, parent: string, child: string): void {
  addGroup(inv, parent);
  addGroup(inv, child);
  const list = inv.children.get(parent)!;
  if (!list.includes(child)) list.push(child);
}

// Each group's members as a set beside its list (kept in step by addHost), so adding the
// 100,000th host to a group does not scan the 99,999 before it.
const memberSets = new WeakMap<string[], Set<string>>();

function membersOf(list: string[]): Set<string> {
  let set = memberSets.get(list);
  if (!set) memberSets.set(list, (set = new Set(list)));
  return set;
}

function addHost(inv: Inventory, group: string, host: string): void {
  addGroup(inv, group);
  if (!inv.hostVars.has(host)) {
    inv.hostVars.set(host, {});
    inv.hosts.push(host);
  }
  const list = inv.groupHosts.get(group)!;
  const set = membersOf(list);
  if (!set.has(host)) {
    list.push(host);
    set.add(host);
  }
}

/** Each group's depth below `all` (the longest parent chain), as Ansible orders group variables. */
function groupDepths(inv: Inventory): Map<string, number> {
  const indeg = new Map<string, number>();
  for (const g of inv.children.keys()) indeg.set(g, 0);
  for (const cs of inv.children.values()) for (const c of cs) indeg.set(c, (indeg.get(c) ?? 0) + 1);
  const depth = new Map<string, number>();
  const queue = [...indeg.keys()].filter((g) => indeg.get(g) === 0);
  for (const g of queue) depth.set(g, 0);
  for (let i = 0; i < queue.length; i++) {
    const g = queue[i];
    for (const c of inv.children.get(g) ?? []) {
      depth.set(c, Math.max(depth.get(c) ?? 0, depth.get(g)! + 1));
      indeg.set(c, indeg.get(c)! - 1);
      if (indeg.get(c) === 0) queue.push(c);
    }
  }
  // Groups on a cycle (Ansible refuses those) keep the depth reached so far.
  for (const g of inv.children.keys()) if (!depth.has(g)) depth.set(g, 1);
  return depth;
}

// Per inventory, once: each group's parents and each host's direct groups (groupsOf runs per host).
const groupIndex = new WeakMap<Inventory, { parents: Map<string, string[]>; direct: Map<string, string[]> }>();

function indexOf(inv: Inventory) {
  let ix = groupIndex.get(inv);
  if (!ix) {
    const parents = new Map<string, string[]>();
    for (const [g, cs] of inv.children)
      for (const c of cs) {
        const l = parents.get(c);
        if (l) l.push(g);
        else parents.set(c, [g]);
      }
    const direct = new Map<string, string[]>();
    for (const [g, hs] of inv.groupHosts)
      for (const h of hs) {
        const l = direct.get(h);
        if (l) l.push(g);
        else direct.set(h, [g]);
      }
    groupIndex.set(inv, (ix = { parents, direct }));
  }
  return ix;
}

/** Every group a host is in, directly or through child groups (not `all`). */
export function groupsOf(inv: Inventory, host: string): string[] {
  const { parents, direct } = indexOf(inv);
  const out = new Set<string>();
  const stack: string[] = [...(direct.get(host) ?? [])];
  while (stack.length) {
    const g = stack.pop()!;
    if (out.has(g)) continue;
    out.add(g);
    for (const p of parents.get(g) ?? []) stack.push(p);
  }
  out.delete('all');
  return [...out].sort();
}

/** Hosts of a group including its descendants. */
export function hostsOfGroup(inv: Inventory, group: string): string[] {
  if (group === 'all') return [...inv.hosts];
  const seen = new Set<string>();
  const out = new Set<string>();
  const stack = [group];
  while (stack.length) {
    const g = stack.pop()!;
    if (seen.has(g)) continue;
    seen.add(g);
    for (const h of inv.groupHosts.get(g) ?? []) out.add(h);
    for (const c of inv.children.get(g) ?? []) stack.push(c);
  }
  return inv.hosts.filter((h) => out.has(h));
}

/** Apply group variables by depth (deeper groups win; same depth by name), then host variables. */
function resolveVars(inv: Inventory, groupVars: Map<string, Record<string, unknown>>, ownVars: Map<string, Record<string, unknown>>): void {
  const depth = groupDepths(inv);
  const order = [...groupVars.keys()].sort((a, b) => depth.get(a)! - depth.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const members = new Map(order.map((g) => [g, new Set(hostsOfGroup(inv, g))]));
  for (const h of inv.hosts) {
    const vars: Record<string, unknown> = {};
    for (const g of order) if (members.get(g)!.has(h)) Object.assign(vars, groupVars.get(g));
    Object.assign(vars, ownVars.get(h));
    inv.hostVars.set(h, vars);
  }
}

/** Expand Ansible's host ranges: `web[01:10]`, `db-[a:c]`, `n[1:9:2]`. */
export function expandHostRange(pattern: string): string[] {
  let out = [pattern];
  for (let guard = 0; guard < 8; guard++) {
    const m = /\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\]/.exec(out[0]);
    if (!m) return out;
    const [whole, a, b, stepText] = m;
    const step = stepText ? Number(stepText) : 1;
    if (step < 1) throw new InventoryError(`bad range step in ${pattern}`);
    const items: string[] = [];
    if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
      const width = a.length > 1 && a.startsWith('0') ? a.length : 0;
      for (let i = Number(a); i <= Number(b); i += step) items.push(width ? String(i).padStart(width, '0') : String(i));
    } else if (a.length === 1 && b.length === 1) {
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c += step) items.push(String.fromCharCode(c));
    } else throw new InventoryError(`bad host range ${whole} in ${pattern}`);
    if (items.length * out.length > 100_000) throw new InventoryError(`host range ${pattern} expands to more than 100000 hosts`);
    out = out.flatMap((s) => items.map((it) => s.replace(whole, it)));
  }
  return out;
}

/** Split an INI host line the way Python's shlex does for simple cases (quotes, backslashes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else if (c === '#' && !has) break;
    else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new InventoryError('unterminated quote');
  if (has) words.push(cur);
  return words;
}

/** An INI value as Ansible reads it: a Python literal when it is one (numbers, quoted), else the text. */
function iniValue(v: string): unknown {
  if (/^-?\d+$/.test(v)) return Number(v);
  if (v === 'True' || v === 'False') return v === 'True';
  return v;
}

export function parseIniInventory(text: string): Inventory {
  const inv = emptyInventory();
  const groupVars = new Map<string, Record<string, unknown>>();
  const ownVars = new Map<string, Record<string, unknown>>();
  let section: { group: string; kind: 'hosts' | 'vars' | 'children' } = { group: 'ungrouped', kind: 'hosts' };
  const lines = text.split(/\r?\n/);
  const pendingChildren: Array<{ parent: string; child: string; line: number }> = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const m = /^\[([^\]:\s]+)(?::(vars|children))?\]\s*(?:[#;].*)?$/.exec(line);
      if (!m) throw new InventoryError(`bad section header ${line}`, n + 1);
      section = { group: m[1], kind: (m[2] as 'vars' | 'children') ?? 'hosts' };
      addGroup(inv, m[1]);
      if (m[1] !== 'all' && m[1] !== 'ungrouped' && !(inv.children.get('all') ?? []).includes(m[1])) addChild(inv, 'all', m[1]);
      continue;
    }
    let words: string[];
    try {
      words = shellWords(line);
    } catch (e) {
      throw new InventoryError((e as Error).message, n + 1);
    }
    if (!words.length) continue;
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0) throw new InventoryError(`expected key=value in [${section.group}:vars]`, n + 1);
      const key = line.slice(0, eq).trim();
      let value = line.slice(eq + 1).trim();
      if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
      const vars = groupVars.get(section.group) ?? {};
      vars[key] = iniValue(value);
      groupVars.set(section.group, vars);
    } else if (section.kind === 'children') {
      pendingChildren.push({ parent: section.group, child: words[0], line: n + 1 });
    } else {
      let names: string[];
      try {
        names = expandHostRange(words[0]);
      } catch (e) {
        throw new InventoryError((e as Error).message, n + 1);
      }
      const vars: Record<string, unknown> = {};
      for (const w of words.slice(1)) {
        const eq = w.indexOf('=');
        if (eq <= 0) throw new InventoryError(`expected key=value after the host name, got ${w}`, n + 1);
        vars[w.slice(0, eq)] = iniValue(w.slice(eq + 1));
      }
      for (const h of names) {
        addHost(inv, section.group, h);
        ownVars.set(h, { ...(ownVars.get(h) ?? {}), ...vars });
      }
    }
  }
  for (const c of pendingChildren) {
    addChild(inv, c.parent, c.child);
    // A group that is someone's child is no longer a direct child of `all` unless named so.
    const top = inv.children.get('all')!;
    if (c.parent !== 'all' && top.includes(c.child)) top.splice(top.indexOf(c.child), 1);
  }
  finishUngrouped(inv);
  resolveVars(inv, groupVars, ownVars);
  return inv;
}

/** Hosts named only under `all` or `ungrouped` stay in `ungrouped`; others leave it. */
function finishUngrouped(inv: Inventory): void {
  const grouped = new Set<string>();
  for (const [g, hs] of inv.groupHosts) if (g !== 'all' && g !== 'ungrouped') for (const h of hs) grouped.add(h);
  const allDirect = inv.groupHosts.get('all')!;
  const ung = inv.groupHosts.get('ungrouped')!;
  const inUng = new Set(ung);
  for (const h of allDirect)
    if (!grouped.has(h) && !inUng.has(h)) {
      ung.push(h);
      inUng.add(h);
    }
  inv.groupHosts.set('all', []);
  inv.groupHosts.set('ungrouped', ung.filter((h) => !grouped.has(h)));
}

function yamlPlain(node: YamlNode | null | undefined): unknown {
  if (!node) return null;
  if (isScalar(node)) {
    if (node.tag === '!vault') return { __ansible_vault: String(node.value) };
    return node.value;
  }
  // Structured values: a plain copy (vars only; they are small).
  return (node as { toJSON(): unknown }).toJSON();
}

export function parseYamlInventory(text: string): Inventory {
  const doc = parseDocument(text, { uniqueKeys: false, customTags: [{ tag: '!vault', resolve: (s: string) => s }, { tag: '!unsafe', resolve: (s: string) => s }] });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new InventoryError(`YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
  }
  const inv = emptyInventory();
  const groupVars = new Map<string, Record<string, unknown>>();
  const ownVars = new Map<string, Record<string, unknown>>();
  const root = doc.contents;
  if (root === null || root === undefined) return inv;
  if (!isMap(root)) throw new InventoryError('a YAML inventory is a mapping of group names');
  const stack: Array<{ group: string; node: YamlNode | null; parent?: string }> = [];
  for (const item of root.items) stack.push({ group: String(isScalar(item.key) ? item.key.value : item.key), node: item.value as YamlNode | null });
  stack.reverse();
  let visits = 0;
  while (stack.length) {
    const { group, node, parent } = stack.pop()!;
    if (++visits > 1_000_000) throw new InventoryError('inventory has more than 1000000 group entries');
    addGroup(inv, group);
    if (parent) addChild(inv, parent, group);
    else if (group !== 'all' && group !== 'ungrouped') addChild(inv, 'all', group);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) continue;
    if (!isMap(node)) throw new InventoryError(`group ${group} is not a mapping`, lineOf(text, node));
    const kids: typeof stack = [];
    for (const it of node.items) {
      const key = String(isScalar(it.key) ? it.key.value : it.key);
      const val = it.value as YamlNode | null;
      if (key === 'hosts') {
        if (val === null || (isScalar(val) && val.value === null)) continue;
        if (!isMap(val)) throw new InventoryError(`hosts of ${group} is not a mapping`, lineOf(text, val));
        for (const h of val.items) {
          const name = String(isScalar(h.key) ? h.key.value : h.key);
          let names: string[];
          try {
            names = expandHostRange(name);
          } catch (e) {
            throw new InventoryError((e as Error).message, lineOf(text, h.key as YamlNode));
          }
          const hv = h.value as YamlNode | null;
          const vars: Record<string, unknown> = {};
          if (hv && isMap(hv)) for (const v of hv.items) vars[String(isScalar(v.key) ? v.key.value : v.key)] = yamlPlain(v.value as YamlNode);
          else if (hv && !(isScalar(hv) && hv.value === null)) throw new InventoryError(`variables of host ${name} are not a mapping`, lineOf(text, hv));
          for (const n of names) {
            addHost(inv, group, n);
            ownVars.set(n, { ...(ownVars.get(n) ?? {}), ...vars });
          }
        }
      } else if (key === 'vars') {
        if (val && isMap(val)) {
          const vars = groupVars.get(group) ?? {};
          for (const v of val.items) vars[String(isScalar(v.key) ? v.key.value : v.key)] = yamlPlain(v.value as YamlNode);
          groupVars.set(group, vars);
        } else if (val && !(isScalar(val) && val.value === null)) throw new InventoryError(`vars of ${group} is not a mapping`, lineOf(text, val));
      } else if (key === 'children') {
        if (val === null || (isScalar(val) && val.value === null)) continue;
        if (!isMap(val)) throw new InventoryError(`children of ${group} is not a mapping`, lineOf(text, val));
        for (const c of val.items) kids.push({ group: String(isScalar(c.key) ? c.key.value : c.key), node: c.value as YamlNode | null, parent: group });
      } else throw new InventoryError(`unknown key ${key} in group ${group} (expected hosts, vars or children)`, lineOf(text, it.key as YamlNode));
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  // Groups that became children elsewhere are not direct children of all.
  const childOfOther = new Set<string>();
  for (const [g, cs] of inv.children) if (g !== 'all') for (const c of cs) childOfOther.add(c);
  inv.children.set('all', inv.children.get('all')!.filter((g) => g === 'ungrouped' || !childOfOther.has(g)));
  finishUngrouped(inv);
  resolveVars(inv, groupVars, ownVars);
  return inv;
}

function lineOf(text: string, node: YamlNode | null | undefined): number | undefined {
  const off = (node as { range?: [number, number, number] } | null)?.range?.[0];
  if (off === undefined) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < off; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The JSON `ansible-inventory --list` prints. */
export function parseInventoryJson(text: string): Inventory {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InventoryError(`ansible-inventory printed no JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InventoryError('ansible-inventory JSON is not an object');
  const d = doc as Record<string, { hosts?: unknown; children?: unknown; vars?: unknown; hostvars?: unknown }>;
  const inv = emptyInventory();
  inv.children.set('all', []);
  const hostvars = (d._meta?.hostvars ?? {}) as Record<string, Record<string, unknown>>;
  // Host order: as the groups list them, all's tree first.
  const stack = ['all'];
  const seen = new Set<string>();
  while (stack.length) {
    const g = stack.pop()!;
    if (seen.has(g)) continue;
    seen.add(g);
    addGroup(inv, g);
    const e = d[g] ?? {};
    if (Array.isArray(e.hosts)) for (const h of e.hosts) if (typeof h === 'string') addHost(inv, g, h);
    const cs = Array.isArray(e.children) ? e.children.filter((c): c is string => typeof c === 'string') : [];
    for (const c of cs) addChild(inv, g, c);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
  for (const h of inv.hosts) inv.hostVars.set(h, { ...(hostvars[h] ?? {}) });
  return inv;
}

/** Read an inventory by its text: JSON, YAML or INI (as Ansible's plugins would try them). */
export function parseInventory(text: string, name = ''): Inventory {
  const t = text.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(t)) return parseInventoryJson(t);
  if (/\.(ya?ml)$/i.test(name)) return parseYamlInventory(t);
  if (/\.(ini|cfg)$/i.test(name) || /^\s*\[[^\]\n]+\]\s*$/m.test(t)) return parseIniInventory(t);
  // No extension and no INI header: YAML when it parses as a mapping, INI otherwise.
  try {
    return parseYamlInventory(t);
  } catch {
    return parseIniInventory(t);
  }
}

// ---- host patterns ----

function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (const c of glob) re += c === '*' ? '.*' : c === '?' ? '.' : /[\\^$.|+(){}]/.test(c) ? `\\${c}` : c;
  return new RegExp(`${re}$`);
}

/** Split `web:db,!bad:&prod` into terms (`:` or `,`), as Ansible does for patterns without IPv6. */
export function splitPatterns(patterns: string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    if (p.startsWith('~')) {
      out.push(p);
      continue;
    }
    for (const t of p.split(/[:,]/)) if (t.trim()) out.push(t.trim());
  }
  return out;
}

function termHosts(inv: Inventory, term: string): string[] {
  if (term === 'all' || term === '*') return [...inv.hosts];
  if (term.startsWith('~')) {
    let re: RegExp;
    try {
      re = new RegExp(term.slice(1));
    } catch (e) {
      throw new InventoryError(`bad regular expression in pattern ${term}: ${(e as Error).message}`);
    }
    const groups = [...inv.groupHosts.keys()].filter((g) => re.test(g));
    return unique([...groups.flatMap((g) => hostsOfGroup(inv, g)), ...inv.hosts.filter((h) => re.test(h))]);
  }
  if (/\[\d*:?-?\d*\]$/.test(term) && !inv.groupHosts.has(term)) throw new InventoryError(`pattern ${term}: subscripts are not supported; name the hosts or a group`);
  if (inv.groupHosts.has(term)) return hostsOfGroup(inv, term);
  if (inv.hostVars.has(term)) return [term];
  if (/[*?[]/.test(term)) {
    const re = globToRegExp(term);
    const groups = [...inv.groupHosts.keys()].filter((g) => re.test(g));
    return unique([...groups.flatMap((g) => hostsOfGroup(inv, g)), ...inv.hosts.filter((h) => re.test(h))]);
  }
  return [];
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Hosts the patterns select: unions first, then `&` intersections, then `!` exclusions. */
export function selectHosts(inv: Inventory, patterns: string[]): { hosts: string[]; unmatched: string[] } {
  const terms = splitPatterns(patterns.length ? patterns : ['all']);
  const plain = terms.filter((t) => !t.startsWith('!') && !t.startsWith('&'));
  const inter = terms.filter((t) => t.startsWith('&')).map((t) => t.slice(1));
  const excl = terms.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  const unmatched: string[] = [];
  let sel: string[] = [];
  for (const t of plain.length ? plain : ['all']) {
    const hs = termHosts(inv, t);
    if (!hs.length) unmatched.push(t);
    sel.push(...hs);
  }
  sel = unique(sel);
  for (const t of inter) {
    const keep = new Set(termHosts(inv, t));
    sel = sel.filter((h) => keep.has(h));
  }
  for (const t of excl) {
    const drop = new Set(termHosts(inv, t));
    sel = sel.filter((h) => !drop.has(h));
  }
  // Keep inventory order.
  const chosen = new Set(sel);
  return { hosts: inv.hosts.filter((h) => chosen.has(h)), unmatched };
}

// ---- from variables to an ssh target ----

/** Variables that would change what ssh runs or how it authenticates beyond the allowlist. */
const REFUSED_VARS: Record<string, string> = {
  ansible_ssh_common_args: 'extra ssh arguments',
  ansible_ssh_extra_args: 'extra ssh arguments',
  ansible_ssh_args: 'extra ssh arguments',
  ansible_sftp_extra_args: 'extra sftp arguments',
  ansible_scp_extra_args: 'extra scp arguments',
  ansible_ssh_executable: 'another ssh program',
  ansible_ssh_pass: 'a password (Blockwise uses keys only, BatchMode)',
  ansible_password: 'a password (Blockwise uses keys only, BatchMode)',
  ansible_ssh_password: 'a password (Blockwise uses keys only, BatchMode)',
  ansible_become_password: 'a become password (Blockwise uses sudo -n only)',
  ansible_become_pass: 'a become password (Blockwise uses sudo -n only)',
  ansible_paramiko_proxy_command: 'a proxy command',
  ansible_ssh_proxy_command: 'a proxy command',
};

export interface InventoryHost {
  /** The inventory name (what results are reported under). */
  name: string;
  groups: string[];
  target?: SshTarget;
  /** Why this host cannot be read (the target is then absent). */
  error?: string;
}

/** The variables that say where and as whom to connect. */
const CONNECTION_VARS = ['ansible_host', 'ansible_ssh_host', 'ansible_port', 'ansible_ssh_port', 'ansible_user', 'ansible_ssh_user', 'ansible_ssh_private_key_file', 'ansible_private_key_file', 'ansible_connection'];

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** The ssh target of one inventory host, or why there is none. Never throws. */
export function inventoryTarget(inv: Inventory, name: string): InventoryHost {
  const vars = inv.hostVars.get(name) ?? {};
  const groups = groupsOf(inv, name);
  const fail = (error: string): InventoryHost => ({ name, groups, error });
  for (const [k, what] of Object.entries(REFUSED_VARS)) if (vars[k] !== undefined && vars[k] !== '') return fail(`${k} is set (${what}); Blockwise does not pass it to ssh. Move it to ~/.ssh/config, where ssh applies it, or collect with Ansible and use --from`);
  for (const [k, v] of Object.entries(vars)) {
    if (v && typeof v === 'object' && '__ansible_vault' in (v as object) && /^ansible_(host|ssh_host|port|ssh_port|user|ssh_user|ssh_private_key_file|private_key_file|connection)$/.test(k))
      return fail(`${k} is vault-encrypted; Blockwise cannot decrypt it (collect with Ansible and use --from)`);
  }
  // Connection variables are single values; a list or mapping (YAML allows it) is refused for
  // this host rather than silently ignored (an ignored ansible_port would connect to port 22).
  for (const k of CONNECTION_VARS) {
    const v = vars[k];
    if (v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'number')
      return fail(`${k} is ${Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`}, not a single value; Blockwise uses it only when it is one string or number`);
  }
  const conn = str(vars.ansible_connection);
  if (conn !== undefined && conn !== 'ssh' && conn !== 'smart' && conn !== 'ansible.builtin.ssh')
    return fail(`ansible_connection=${conn}: Blockwise reaches hosts over ssh only (collect with Ansible and use --from)`);
  const picks = {
    host: str(vars.ansible_host) ?? str(vars.ansible_ssh_host) ?? name,
    port: str(vars.ansible_port) ?? str(vars.ansible_ssh_port),
    user: str(vars.ansible_user) ?? str(vars.ansible_ssh_user),
    key: str(vars.ansible_ssh_private_key_file) ?? str(vars.ansible_private_key_file),
  };
  for (const [k, v] of Object.entries(picks)) if (v !== undefined && /\{\{|\{%/.test(v)) return fail(`the ${k} variable is a template (${v}); Blockwise does not evaluate Jinja (collect with Ansible and use --from)`);
  try {
    const target: SshTarget = { host: checkHost(picks.host) };
    if (picks.user !== undefined) target.user = checkUser(picks.user);
    if (picks.port !== undefined) {
      if (!/^\d{1,5}$/.test(picks.port) || Number(picks.port) < 1 || Number(picks.port) > 65535) throw new NameError('ansible_port', picks.port, 'must be 1-65535');
      target.port = Number(picks.port);
    }
    if (picks.key !== undefined) target.options = [checkSshOption(`IdentityFile=${picks.key.replace(/^~(?=\/)/, process.env.HOME ?? '~')}`)];
    return { name, groups, target };
  } catch (e) {
    return fail((e as Error).message);
  }
}
