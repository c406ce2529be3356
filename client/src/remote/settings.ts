// Remote settings, read from the user (machine) level only: workspace and folder values of these
// execution-related settings are ignored even if VS Code's own scoping were bypassed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HealthOptions } from '../../../server/src/remote/health';
import { parseHostArg } from '../../../server/src/remote/cli';
import { loadInventoryHosts } from '../../../server/src/remote/inventory-load';
import { controlDirFor, isPrivateDir } from '../../../server/src/remote/controldir';
import type { SshSettings, SshTarget } from '../../../server/src/remote/ssh';

export interface HostEntry {
  /** The id is the setting string itself (`[user@]host`), or the inventory host name. */
  id: string;
  target?: SshTarget;
  error?: string;
  /** Inventory groups (inventory hosts only). */
  groups?: string[];
}

let inventoryCache: { key: string; hosts: HostEntry[]; error?: string } | undefined;

/** The inventory setting and pattern (machine level only). */
export function inventorySetting(): { file: string; pattern: string; ansible: boolean } {
  return {
    file: String(machineValue<string>('inventory', '') ?? '').trim(),
    pattern: String(machineValue<string>('inventoryPattern', 'all') ?? 'all').trim() || 'all',
    // ansible-inventory runs only when asked at the machine level (its plugins can run code).
    ansible: machineValue<boolean>('inventoryThroughAnsible', false) === true,
  };
}

/** Read the configured inventory again (on refresh and when the settings change). */
export async function reloadInventory(): Promise<void> {
  const { file, pattern, ansible } = inventorySetting();
  const key = `${file}\u0000${pattern}\u0000${ansible}`;
  if (!file) {
    inventoryCache = { key, hosts: [] };
    return;
  }
  const r = await loadInventoryHosts(file, pattern.split(/\s+/), ansible);
  inventoryCache = 'error' in r ? { key, hosts: [], error: r.error } : { key, hosts: r.hosts.map((h) => ({ id: h.name, target: h.target, error: h.error ? `inventory: ${h.error}` : undefined, groups: h.groups.length ? h.groups : ['ungrouped'] })) };
}

/** Inventory hosts as last loaded, and the load error if any. */
export function inventoryHosts(): { hosts: HostEntry[]; error?: string } {
  const { file, pattern, ansible } = inventorySetting();
  if (!inventoryCache || inventoryCache.key !== `${file}\u0000${pattern}\u0000${ansible}`) return { hosts: [] };
  return inventoryCache;
}

function machineValue<T>(key: string, fallback: T): T {
  const i = vscode.workspace.getConfiguration('blockwise.remote').inspect<T>(key);
  return (i?.globalValue ?? i?.defaultValue ?? fallback) as T;
}

export function configuredHosts(): HostEntry[] {
  const raw = machineValue<unknown>('hosts', []);
  const seen = new Set<string>();
  const out: HostEntry[] = [];
  for (const h of inventoryHosts().hosts) {
    if (seen.has(h.id)) continue;
    seen.add(h.id);
    out.push(h);
  }
  if (!Array.isArray(raw)) return out;
  for (const v of raw) {
    const id = typeof v === 'string' ? v.trim() : JSON.stringify(v);
    if (seen.has(id)) continue;
    seen.add(id);
    try {
      if (typeof v !== 'string') throw new Error('each host must be a string: "host" or "user@host"');
      out.push({ id, target: parseHostArg(id) });
    } catch (e) {
      out.push({ id, error: `blockwise.remote.hosts: ${(e as Error).message}` });
    }
  }
  return out;
}

export async function setHosts(ids: string[]): Promise<void> {
  await vscode.workspace.getConfiguration('blockwise.remote').update('hosts', ids, vscode.ConfigurationTarget.Global);
}

/** A private folder for ControlMaster sockets (remote/controldir.ts: links refused, mkdtemp fallback). */
let cachedControlDir: string | undefined;
function controlDir(context: vscode.ExtensionContext): string | undefined {
  if (cachedControlDir && isPrivateDir(cachedControlDir)) return cachedControlDir;
  cachedControlDir = controlDirFor(path.join(context.globalStorageUri.fsPath, 'cm'));
  return cachedControlDir;
}

export function sshSettings(context: vscode.ExtensionContext): SshSettings {
  const reuse = machineValue<boolean>('connectionReuse', false);
  return {
    sshPath: machineValue<string>('sshPath', 'ssh') || 'ssh',
    controlDir: reuse ? controlDir(context) : undefined,
  };
}

export function clientLimits(): { concurrency: number; timeoutSeconds: number } {
  const c = Number(machineValue<number>('concurrency', 8));
  const t = Number(machineValue<number>('timeoutSeconds', 60));
  return {
    concurrency: Number.isInteger(c) && c >= 1 && c <= 32 ? c : 8,
    timeoutSeconds: Number.isInteger(t) && t >= 5 && t <= 600 ? t : 60,
  };
}

export function healthOptions(): HealthOptions {
  return {
    thinWarnPercent: machineValue<number>('thinPoolWarningPercent', 80),
    thinErrorPercent: machineValue<number>('thinPoolErrorPercent', 95),
    archiveMaxFiles: machineValue<number>('archiveMaxFiles', 8192),
    archiveMaxBytes: machineValue<number>('archiveMaxMiB', 128) * 1024 * 1024,
  };
}
