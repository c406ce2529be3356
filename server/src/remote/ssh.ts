// argv for the system OpenSSH client. No local shell ever sees these: they go to
// child_process.spawn as an array. The destination comes after `--` and is validated first.
import { checkHost, checkUser, NameError } from './names';

export interface SshTarget {
  /** Host alias from ~/.ssh/config, a DNS name or an address. */
  host: string;
  user?: string;
  port?: number;
  /** Allowlisted `Key=value` options for this host alone (from an inventory: IdentityFile). */
  options?: string[];
}

export interface SshSettings {
  /** The ssh program (default `ssh`). Machine-scoped setting in VS Code; never from a workspace. */
  sshPath?: string;
  /** Reuse connections through a ControlMaster socket under this folder (POSIX only, opt-in). */
  controlDir?: string;
  /** Platform override for tests (`process.platform` otherwise). */
  platform?: NodeJS.Platform;
  /** ConnectTimeout in seconds (default 10). */
  connectTimeout?: number;
  /** Extra `-o KEY=VALUE` options; only the allowlist passes (see checkSshOption). */
  options?: string[];
  /** Test-only: an ssh_config file (`-F`). Not reachable from settings or the CLI. */
  configFile?: string;
}

/** ssh options a user may pass with `--ssh-option`. Everything else is refused. */
export const SSH_OPTION_ALLOWLIST = [
  'Port',
  'User',
  'IdentityFile',
  'IdentitiesOnly',
  'UserKnownHostsFile',
  'GlobalKnownHostsFile',
  'ConnectTimeout',
] as const;

const ALLOW = new Map(SSH_OPTION_ALLOWLIST.map((k) => [k.toLowerCase(), k]));

/** Validate one `KEY=VALUE`; returns the canonical `Key=value`. Throws NameError otherwise. */
export function checkSshOption(opt: string): string {
  const eq = opt.indexOf('=');
  if (eq <= 0) throw new NameError('ssh option', opt, 'expected KEY=VALUE');
  const key = opt.slice(0, eq).trim();
  const value = opt.slice(eq + 1);
  const canon = ALLOW.get(key.toLowerCase());
  if (!canon)
    throw new NameError('ssh option', opt, `${key} is not allowed (allowed: ${SSH_OPTION_ALLOWLIST.join(', ')})`);
  if (value.length === 0 || value.length > 1024 || /[\0-\x1f\x7f]/.test(value))
    throw new NameError('ssh option', opt, 'empty value or control characters');
  // Values are still parsed by ssh: no `%`/`$`/backtick expansion tokens, no spaces
  // (ssh splits option values on whitespace and would treat the rest as more arguments).
  if (/[%$`\s"'\\]/.test(value)) throw new NameError('ssh option', opt, 'value contains %, $, quotes, backslash or spaces');
  switch (canon) {
    case 'Port': {
      const n = Number(value);
      if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535) throw new NameError('ssh option', opt, 'port must be 1-65535');
      break;
    }
    case 'ConnectTimeout':
      if (!/^\d{1,4}$/.test(value) || Number(value) < 1) throw new NameError('ssh option', opt, 'seconds, 1-9999');
      break;
    case 'IdentitiesOnly':
      if (!/^(yes|no)$/i.test(value)) throw new NameError('ssh option', opt, 'yes or no');
      break;
    case 'User':
      checkUser(value);
      break;
    default:
      if (value.startsWith('-')) throw new NameError('ssh option', opt, 'value starts with "-"');
  }
  return `${canon}=${value}`;
}

/**
 * The full ssh argv (without the program itself): fixed safety options, optional connection
 * reuse, allowlisted extras, `-l USER`, `-p PORT`, `--`, destination, one remote command.
 */
export function buildSshArgv(target: SshTarget, remoteCommand: string, s: SshSettings = {}): string[] {
  const host = checkHost(target.host);
  const argv: string[] = [];
  if (s.configFile !== undefined) {
    if (!s.configFile || s.configFile.startsWith('-')) throw new NameError('config file', s.configFile, 'invalid');
    argv.push('-F', s.configFile);
  }
  const timeout = s.connectTimeout ?? 10;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 9999)
    throw new NameError('connect timeout', String(timeout), 'seconds, 1-9999');
  argv.push(
    '-o', 'BatchMode=yes',
    '-o', `ConnectTimeout=${timeout}`,
    '-o', 'ServerAliveInterval=5',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'NumberOfPasswordPrompts=0',
    '-o', 'PermitLocalCommand=no',
    '-o', 'ClearAllForwardings=yes',
    '-o', 'ForwardAgent=no',
    '-o', 'ForwardX11=no',
    '-T',
  );
  const platform = s.platform ?? process.platform;
  if (platform === 'win32') {
    // Win32-OpenSSH has no ControlMaster; a user config that enables it breaks every call.
    argv.push('-o', 'ControlMaster=no', '-o', 'ControlPath=none');
  } else if (s.controlDir) {
    if (/[\s%'"\\$`]/.test(s.controlDir) || !s.controlDir.startsWith('/'))
      throw new NameError('control folder', s.controlDir, 'must be an absolute path without spaces, quotes or %');
    argv.push('-o', 'ControlMaster=auto', '-o', `ControlPath=${s.controlDir}/%C`, '-o', 'ControlPersist=60');
  }
  for (const o of s.options ?? []) argv.push('-o', checkSshOption(o));
  for (const o of target.options ?? []) argv.push('-o', checkSshOption(o));
  if (target.user !== undefined) argv.push('-l', checkUser(target.user));
  if (target.port !== undefined) {
    if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535)
      throw new NameError('port', String(target.port), 'must be 1-65535');
    argv.push('-p', String(target.port));
  }
  if (remoteCommand.includes('\0')) throw new NameError('remote command', '…', 'contains NUL');
  argv.push('--', host, remoteCommand);
  return argv;
}

/** argv for the "connect in terminal" flow: an interactive login so OpenSSH asks its own prompts. */
export function buildTerminalArgv(target: SshTarget, s: SshSettings = {}): string[] {
  const host = checkHost(target.host);
  const argv: string[] = [];
  const platform = s.platform ?? process.platform;
  if (platform !== 'win32' && s.controlDir) {
    if (/[\s%'"\\$`]/.test(s.controlDir) || !s.controlDir.startsWith('/'))
      throw new NameError('control folder', s.controlDir, 'must be an absolute path without spaces, quotes or %');
    // The master this login opens is what later BatchMode refreshes reuse.
    argv.push('-o', 'ControlMaster=auto', '-o', `ControlPath=${s.controlDir}/%C`, '-o', 'ControlPersist=600');
  }
  for (const o of s.options ?? []) argv.push('-o', checkSshOption(o));
  if (target.user !== undefined) argv.push('-l', checkUser(target.user));
  if (target.port !== undefined) argv.push('-p', String(target.port));
  argv.push('--', host);
  return argv;
}
