// Read-only file system for a host's /etc/lvm files: blockwise-remote://HOSTID/etc/lvm/...
// Only configured hosts and only the allowlisted paths; reads are bounded and go through sudo -n.
import * as vscode from 'vscode';
import type { RemoteClient } from '../../../server/src/remote/client';
import { isAllowedRemoteDir, isAllowedRemoteFile } from '../../../server/src/remote/script';
import type { HostEntry } from './settings';

export const REMOTE_SCHEME = 'blockwise-remote';
const FILE_CAP = 8 * 1024 * 1024;

export function remoteUri(hostId: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REMOTE_SCHEME, authority: hostId, path });
}

export class RemoteFs implements vscode.FileSystemProvider {
  private emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private cache = new Map<string, { data: Uint8Array; at: number }>();

  constructor(
    private readonly client: () => RemoteClient,
    private readonly hosts: () => HostEntry[],
    private readonly trusted: () => boolean,
  ) {}

  private host(uri: vscode.Uri): HostEntry {
    if (!this.trusted()) throw vscode.FileSystemError.NoPermissions('Remote hosts are disabled in Restricted Mode.');
    const h = this.hosts().find((x) => x.id === uri.authority && x.target);
    // A URI naming a host that is not in the machine settings is refused.
    if (!h) throw vscode.FileSystemError.NoPermissions(`${uri.authority} is not a configured Blockwise host`);
    return h;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    this.host(uri);
    if (isAllowedRemoteDir(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    if (!isAllowedRemoteFile(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
    const data = await this.readFile(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: this.cache.get(uri.toString())?.at ?? 0, size: data.length, permissions: vscode.FilePermission.Readonly };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const h = this.host(uri);
    if (!isAllowedRemoteDir(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
    const res = await this.client().listDir(h.target!, uri.path);
    if (!res.ok) throw vscode.FileSystemError.Unavailable(res.error ?? 'listing failed');
    const out: [string, vscode.FileType][] = res.names.map((n) => [n, vscode.FileType.File]);
    if (uri.path === '/etc/lvm') for (const d of ['profile', 'backup', 'archive']) out.push([d, vscode.FileType.Directory]);
    return out;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const h = this.host(uri);
    if (!isAllowedRemoteFile(uri.path)) throw vscode.FileSystemError.NoPermissions(`${uri.path} is not one of the /etc/lvm files Blockwise opens`);
    const key = uri.toString();
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < 5000) return hit.data;
    const res = await this.client().readFile(h.target!, uri.path, FILE_CAP);
    if (!res.ok) throw vscode.FileSystemError.Unavailable(res.error ?? 'read failed');
    let data: Uint8Array = res.data;
    if (res.truncated) {
      data = Buffer.concat([res.data, Buffer.from(`\n# blockwise: file truncated at ${FILE_CAP} bytes; the rest was not read\n`)]);
      void vscode.window.showWarningMessage(`${uri.path} on ${h.id} is larger than ${FILE_CAP / 1024 / 1024} MiB; showing the first part only.`);
    }
    this.cache.set(key, { data, at: Date.now() });
    return data;
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Remote LVM files are read-only');
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions('Remote LVM files are read-only');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Remote LVM files are read-only');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Remote LVM files are read-only');
  }
}
