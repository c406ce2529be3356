// Validation of every name that can reach an ssh argv or a remote command, and POSIX quoting.
// Validate first, quote second: a token that fails validation is never quoted, spawned or shown
// unescaped. Pure functions, no I/O.

export class NameError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
    reason: string,
  ) {
    super(`invalid ${field} ${JSON.stringify(value)}: ${reason}`);
  }
}

const HOST_ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// An unbracketed IPv6 literal: hex groups and colons, optionally an embedded IPv4 tail.
const IPV6 = /^[0-9A-Fa-f:]+(?::\d{1,3}(?:\.\d{1,3}){3})?$/;
const USER = /^[a-z_][a-z0-9_.-]*$/;

/** A host alias or address as it may appear after `--` on the ssh command line. */
export function checkHost(host: string): string {
  if (typeof host !== 'string' || host.length === 0) throw new NameError('host', String(host), 'empty');
  if (host.length > 253) throw new NameError('host', host.slice(0, 40) + '…', 'longer than 253 characters');
  if (HOST_ALIAS.test(host)) {
    if (host.includes('..')) throw new NameError('host', host, 'contains ".."');
    return host;
  }
  if (host.includes(':') && IPV6.test(host) && (host.match(/:/g) ?? []).length >= 2) return host;
  const bad = [...host].find((c) => !/[A-Za-z0-9._-]/.test(c));
  throw new NameError(
    'host',
    host,
    host.startsWith('-')
      ? 'starts with "-" (would be read as an ssh option)'
      : bad !== undefined
        ? `character ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) is not allowed; use letters, digits, ".", "_" and "-" or an ~/.ssh/config alias`
        : 'not a host alias or address',
  );
}

export function isValidHost(host: string): boolean {
  try {
    checkHost(host);
    return true;
  } catch {
    return false;
  }
}

export function checkUser(user: string): string {
  if (typeof user !== 'string' || user.length === 0) throw new NameError('user', String(user), 'empty');
  if (user.length > 32) throw new NameError('user', user.slice(0, 40), 'longer than 32 characters');
  if (!USER.test(user)) throw new NameError('user', user, 'use lower-case letters, digits, "_", "." and "-", starting with a letter or "_"');
  return user;
}

const LVM_NAME = /^[A-Za-z0-9+_.-]+$/;
const RESERVED_SUFFIX = /_(?:cdata|cmeta|corig|cpool|cvol|mimage|mlog|pmspare|rimage|rmeta|tdata|tmeta|vdata|vorigin|wcorig)/;

/** VG or LV name by lvm2's rules (hidden sub-LVs in brackets are accepted when `hidden`). */
export function isValidLvmName(name: string, opts: { hidden?: boolean } = {}): boolean {
  if (typeof name !== 'string') return false;
  let n = name;
  if (opts.hidden && n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1);
  else if (!opts.hidden && RESERVED_SUFFIX.test(n)) return false;
  if (n.length === 0 || n.length > 127) return false;
  if (n === '.' || n === '..' || n.startsWith('-')) return false;
  return LVM_NAME.test(n);
}

/**
 * POSIX single quoting. Only ever called on tokens that passed a validator above (or on
 * constant program text we wrote): they never contain `'` or `\`, which also keeps fish's
 * single-quote escapes out of play. The check is kept as a last line of defence.
 */
export function shQuote(token: string): string {
  if (token.includes("'") || token.includes('\\') || token.includes('\n') || token.includes('\0'))
    throw new NameError('token', token, 'contains a quote, backslash, newline or NUL');
  return `'${token}'`;
}

/** Show an untrusted remote string safely in text output (controls and non-ASCII escaped). */
export function displayName(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : JSON.stringify(s);
}
