// Loading an inventory file for the CLI and the hosts view. Inventories are data: by default the
// file is read directly (INI, YAML or the JSON `ansible-inventory --list` prints), and nothing in
// it runs. An inventory only Ansible can read (an executable script, an inventory plugin's
// configuration) is refused with that reason. `ansible-inventory` runs only when the admin asks
// (`--ansible-inventory`, the machine-level `blockwise.remote.inventoryThroughAnsible` setting),
// and then with the data plugins only (ANSIBLE_INVENTORY_ENABLED: host_list, ini, yaml, toml; no
// script, no auto), ANSIBLE_CONFIG pointing at an empty file (an ansible.cfg in the current folder
// cannot name plugins) and a neutral working folder. Ansible's own plugins can run code: that is
// why this is never the default.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRegularFile, ReadRefused } from '../core/bounded-read';
import { inventoryTarget, parseInventory, parseInventoryJson, selectHosts, type Inventory, type InventoryHost } from './inventory';

export interface LoadedInventory {
  hosts: InventoryHost[];
  /** Pattern terms that matched nothing. */
  unmatched: string[];
  /** How it was read: `ansible-inventory` or `direct`. */
  via: 'ansible-inventory' | 'direct';
}

/** The inventory plugins that read data only (no script, no auto, no constructed templates). */
export const DATA_INVENTORY_PLUGINS = 'host_list,ini,yaml,toml';

/** An inventory file is at most this big (a 100,000-host INI file is about 3 MB). */
const MAX_INVENTORY_BYTES = 64 * 1024 * 1024;

/**
 * How to read: `undefined`, `null` or `false`: directly (the default); `true`: through
 * `ansible-inventory` found on PATH; a string: through that ansible-inventory program.
 */
export type AnsibleChoice = string | boolean | null | undefined;

/** Why only Ansible could read this file (a script, a plugin configuration), or undefined. */
export function onlyAnsibleReads(file: string, text?: string): string | undefined {
  const st = statSync(file);
  if (st.isFile() && (st.mode & 0o111) !== 0)
    return 'it is executable: Ansible would run it as an inventory script, and Blockwise reads inventories as data (remove the execute bit if it is INI or YAML; collect with Ansible and use --from if it is a script)';
  if (text !== undefined && /^plugin\s*:/m.test(text) && /\.ya?ml$/i.test(file))
    return 'it configures an inventory plugin (plugin: …), which only Ansible can run and which can run code; collect with Ansible and use --from';
  return undefined;
}

/**
 * The hosts `patterns` select in `file`, each with its ssh target or the reason it has none.
 * `ansible`: see AnsibleChoice (default: read directly, never run anything).
 */
export async function loadInventoryHosts(file: string, patterns: string[], ansible?: AnsibleChoice): Promise<LoadedInventory | { error: string }> {
  try {
    let st;
    try {
      st = statSync(file);
    } catch (e) {
      throw new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
    }
    if (st.isDirectory()) throw new Error('a folder inventory is read by Ansible only; name one INI or YAML file, or use --ansible-inventory');
    const scriptWhy = onlyAnsibleReads(file);
    if (scriptWhy) throw new Error(`refused: ${scriptWhy}`);
    const program = ansible === true ? await findOnPath('ansible-inventory') : typeof ansible === 'string' ? ansible : undefined;
    if (ansible === true && !program) throw new Error('--ansible-inventory: ansible-inventory is not installed (on PATH); without it the file is read directly');
    let inv: Inventory;
    if (program) inv = parseInventoryJson(await runAnsibleInventory(program, file));
    else {
      let text: string;
      try {
        text = readRegularFile(file, MAX_INVENTORY_BYTES).toString('utf8');
      } catch (e) {
        throw new Error(e instanceof ReadRefused ? e.message : (e as Error).message);
      }
      const pluginWhy = onlyAnsibleReads(file, text);
      if (pluginWhy) throw new Error(`refused: ${pluginWhy}`);
      inv = parseInventory(text, file);
    }
    const sel = selectHosts(inv, patterns);
    return { hosts: sel.hosts.map((h) => inventoryTarget(inv, h)), unmatched: sel.unmatched, via: program ? 'ansible-inventory' : 'direct' };
  } catch (e) {
    return { error: `inventory ${file}: ${(e as Error).message}` };
  }
}

/** The environment ansible-inventory runs with: data plugins only, an empty configuration. */
export function ansibleEnv(emptyConfig: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // The admin's environment, minus every ANSIBLE_* setting (they could name plugin folders).
  for (const [k, v] of Object.entries(base)) if (!/^ANSIBLE_/i.test(k)) env[k] = v;
  return {
    ...env,
    ANSIBLE_CONFIG: emptyConfig,
    ANSIBLE_INVENTORY_ENABLED: DATA_INVENTORY_PLUGINS,
    ANSIBLE_VARS_ENABLED: 'host_group_vars',
    ANSIBLE_INVENTORY_UNPARSED_FAILED: 'True',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_LOCAL_TEMP: join(emptyConfig, '..', 'tmp'),
  };
}

async function runAnsibleInventory(program: string, file: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'blockwise-ansible-'));
  try {
    const cfg = join(dir, 'empty.cfg');
    writeFileSync(cfg, '', { mode: 0o600 });
    const abs = resolve(file);
    return await new Promise<string>((res, reject) =>
      execFile(program, ['-i', abs, '--list'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000, env: ansibleEnv(cfg) }, (err, stdout, stderr) => {
        if (err) reject(new Error(`ansible-inventory -i ${file} --list failed: ${(stderr || err.message).trim().split('\n').filter(Boolean).pop()}`));
        else res(stdout);
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    try {
      if (statSync(join(dir, name)).isFile()) return join(dir, name);
    } catch {
      /* not here */
    }
  }
  return undefined;
}
