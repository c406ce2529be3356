// Loading an inventory file for the CLI and the hosts view: through `ansible-inventory --list` when
// Ansible is installed (so every inventory plugin Ansible knows works), read directly otherwise.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inventoryTarget, parseInventory, parseInventoryJson, selectHosts, type Inventory, type InventoryHost } from './inventory';

export interface LoadedInventory {
  hosts: InventoryHost[];
  /** Pattern terms that matched nothing. */
  unmatched: string[];
  /** How it was read: `ansible-inventory` or `direct`. */
  via: 'ansible-inventory' | 'direct';
}

/**
 * The hosts `patterns` select in `file`, each with its ssh target or the reason it has none.
 * `program`: the ansible-inventory to run (default: found on PATH; null: never run it).
 */
export async function loadInventoryHosts(file: string, patterns: string[], program?: string | null): Promise<LoadedInventory | { error: string }> {
  try {
    const via = program === null ? undefined : (program ?? (await findOnPath('ansible-inventory')));
    let inv: Inventory;
    if (via) {
      const out = await new Promise<string>((resolve, reject) =>
        execFile(via, ['-i', file, '--list'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000, env: { ...process.env, ANSIBLE_NOCOLOR: '1' } }, (err, stdout, stderr) => {
          if (err) reject(new Error(`ansible-inventory -i ${file} --list failed: ${(stderr || err.message).trim().split('\n').pop()}`));
          else resolve(stdout);
        }),
      );
      inv = parseInventoryJson(out);
    } else inv = parseInventory(await readFile(file, 'utf8'), file);
    const sel = selectHosts(inv, patterns);
    return { hosts: sel.hosts.map((h) => inventoryTarget(inv, h)), unmatched: sel.unmatched, via: via ? 'ansible-inventory' : 'direct' };
  } catch (e) {
    return { error: `inventory ${file}: ${(e as Error).message}` };
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    try {
      if ((await stat(join(dir, name))).isFile()) return join(dir, name);
    } catch {
      /* not here */
    }
  }
  return undefined;
}
