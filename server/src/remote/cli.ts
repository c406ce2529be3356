// `blockwise hosts [--format text|json] [--ssh-option KEY=VALUE]... HOST...`
// Runs the same read-only refresh and findings as the hosts view, for scripts and monitoring.
// JSON: [{host, ok, error?, vgs: [...], findings: [{code, severity, message, vg?, lv?}]}]
// Exit: 2 usage error or any host not reached/read, else 1 when any error finding, else 0.
import { randomBytes } from 'node:crypto';
import { RemoteClient, type HostResult } from './client';
import { analyzeCollectedFile, listCollected } from './collected';
import { loadInventoryHosts } from './inventory-load';
import { buildRefreshCommand } from './script';
import { displayName, checkHost, checkUser, NameError } from './names';
import { formatBytes, formatPercent, type VgView } from './health';
import { checkSshOption, SSH_OPTION_ALLOWLIST, type SshTarget } from './ssh';
import { sanitizeText } from '../core/sanitize';

export interface HostsIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: blockwise hosts [--format text|json] [--ssh-option KEY=VALUE]... [--concurrency N] [--timeout S] HOST...
       blockwise hosts --inventory FILE [options] [PATTERN...]
       blockwise hosts --print-command
       blockwise hosts --from PATH... [--format text|json]
  HOST is an ~/.ssh/config alias, a host name or an address, optionally USER@HOST.
  --inventory reads an Ansible inventory file as data (INI, YAML, or ansible-inventory's JSON);
    PATTERN selects groups or hosts as Ansible does (all, group, host, glob, ~regex, a:b unions,
    &group intersections, !group exclusions). An executable inventory (a script) or an inventory
    plugin's configuration is refused: only Ansible can read those, and they run code.
  --ansible-inventory reads it through ansible-inventory --list instead. Ansible plugins can run
    code: Blockwise then enables only the data plugins (host_list, ini, yaml, toml; no script,
    no auto), gives Ansible an empty configuration and a neutral working folder; use it only
    for inventories you trust.
  --print-command prints the read-only command a refresh runs on each host, for collecting
    with another engine: ansible HOSTS -m ansible.builtin.shell -a "$(blockwise hosts --print-command)" --tree DIR
  --from analyses what that command printed: Ansible --tree folders, or raw output files
    (one per host, named after the host; NAME.stderr beside one is read as its stderr).
  --ssh-option accepts only: ${SSH_OPTION_ALLOWLIST.join(', ')}.
  --concurrency caps the ssh processes at once (default 8); --timeout is the remote timeout of
    one refresh in seconds (default 60; the local deadline is 10 s longer).
  Results print in the order given; progress (N/M hosts) goes to stderr.
  Exit: 0 no error finding, 1 an error finding, 2 usage error or a host not reached.
`;

/** Parse `[USER@]HOST`; validates both parts. */
export function parseHostArg(arg: string): SshTarget {
  const at = arg.lastIndexOf('@');
  if (at > 0) return { user: checkUser(arg.slice(0, at)), host: checkHost(arg.slice(at + 1)) };
  return { host: checkHost(arg) };
}

function vgJson(vg: VgView) {
  return {
    name: vg.name,
    uuid: vg.uuid,
    attr: vg.attr,
    size: vg.sizeBytes,
    free: vg.freeBytes,
    partial: vg.partial,
    missingPvCount: vg.missingPvCount,
    lvs: vg.lvs.map((l) => ({
      name: l.name,
      hidden: l.hidden,
      type: l.kind,
      layout: l.layout,
      role: l.role,
      attr: l.attr,
      size: l.sizeBytes,
      pool: l.pool,
      origin: l.origin,
      dataPercent: l.dataPercent,
      metadataPercent: l.metadataPercent,
      syncPercent: l.syncPercent,
      health: l.health,
      devices: l.devices,
    })),
    pvs: vg.pvs.map((p) => ({ name: p.name, uuid: p.uuid, attr: p.attr, size: p.sizeBytes, free: p.freeBytes, missing: p.missing })),
  };
}

export function hostJson(r: HostResult) {
  return {
    host: r.host,
    ...(r.groups ? { groups: r.groups } : {}),
    ok: r.ok,
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.probes?.lvmVersion ? { lvmVersion: r.probes.lvmVersion } : {}),
    ms: r.ms,
    vgs: r.vgs.map(vgJson),
    findings: r.findings,
  };
}

/**
 * One host as text. Everything from the host, its inventory or a --from file (host, VG, LV and PV
 * names, error text from ssh, sudo and Ansible, finding messages) is sanitised: a terminal or CI
 * log shows it, never acts on it.
 */
export function hostText(r: HostResult): string {
  return hostLines(r).map(sanitizeText).join('\n') + '\n';
}

function hostLines(r: HostResult): string[] {
  const lines: string[] = [];
  if (!r.ok) lines.push(`${r.host}: ERROR ${r.error}`);
  else lines.push(`${r.host}: ${r.vgs.length} VG(s), lvm2 ${r.probes?.lvmVersion ?? 'unknown'} (${r.ms} ms)`);
  for (const vg of r.vgs) {
    lines.push(`  VG ${displayName(vg.name)}  ${formatBytes(vg.sizeBytes)}, ${formatBytes(vg.freeBytes)} free${vg.partial ? `  PARTIAL (${vg.missingPvCount} PV missing)` : ''}`);
    for (const lv of vg.lvs.filter((l) => !l.hidden)) {
      const fill = lv.kind === 'thin-pool' ? `  data ${formatPercent(lv.dataPercent)}, metadata ${formatPercent(lv.metadataPercent)}` : '';
      const sync = /^raid|^mirror/.test(lv.kind) && lv.syncPercent !== null ? `  sync ${formatPercent(lv.syncPercent)}` : '';
      lines.push(`    LV ${displayName(lv.name)}  ${lv.kind || 'unknown'}  ${formatBytes(lv.sizeBytes)}${fill}${sync}${lv.health !== 'ok' ? `  ${lv.healthText}` : ''}`);
    }
    for (const pv of vg.pvs) lines.push(`    PV ${displayName(pv.name)}  ${formatBytes(pv.sizeBytes)}${pv.missing ? `  MISSING (${pv.uuid})` : ''}`);
  }
  for (const f of r.findings) lines.push(`  ${f.severity} ${f.code}: ${f.message}`);
  return lines;
}

export interface HostsOptions {
  /** Test-only: an ssh_config file for the client (never reachable from the command line). */
  sshConfigFile?: string;
  /** Test-only: the ansible-inventory program for --ansible-inventory (default: found on PATH); null: never. */
  ansibleInventory?: string | null;
  /** Is stderr a terminal (progress redraws one line) or a log (a line per 10%). */
  stderrIsTty?: boolean;
  /** Bench-only: one ssh session per host even when several resolve to one machine. */
  separateSessions?: boolean;
}

export async function runHostsCommand(argv: string[], io: HostsIo, opts: HostsOptions = {}): Promise<number> {
  let format: 'text' | 'json' = 'text';
  const options: string[] = [];
  const args: string[] = [];
  let inventory: string | undefined;
  let from = false;
  let throughAnsible = false;
  let printCommand = false;
  let concurrency: number | undefined;
  let timeoutSeconds: number | undefined;
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--help' || a === '-h') {
        io.stdout(USAGE);
        return 0;
      }
      const eq = a.indexOf('=');
      const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
      const value = () => {
        if (inline !== undefined) return inline;
        const v = argv[++i];
        if (v === undefined) throw new NameError('argument', flag, 'needs a value');
        return v;
      };
      if (flag === '--format') {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new NameError('format', v, 'use text or json');
        format = v;
      } else if (flag === '--ssh-option' || flag === '-o') options.push(checkSshOption(value()));
      else if (flag === '--inventory' || flag === '-i') inventory = value();
      else if (flag === '--concurrency') {
        const v = value();
        if (!/^\d{1,4}$/.test(v) || Number(v) < 1) throw new NameError('concurrency', v, 'a whole number from 1 to 9999');
        concurrency = Number(v);
      } else if (flag === '--timeout') {
        const v = value();
        if (!/^\d{1,4}$/.test(v) || Number(v) < 1 || Number(v) > 3600) throw new NameError('timeout', v, 'seconds, 1 to 3600');
        timeoutSeconds = Number(v);
      } else if (a === '--from') from = true;
      else if (a === '--ansible-inventory') throughAnsible = true;
      else if (a === '--print-command') printCommand = true;
      else if (a === '--') {
        args.push(...argv.slice(i + 1));
        break;
      } else if (a.startsWith('-') && !(inventory !== undefined && a.startsWith('!'))) throw new NameError('option', a, 'unknown option');
      else args.push(a);
    }
    if ([inventory !== undefined, from, printCommand].filter(Boolean).length > 1) throw new NameError('arguments', '', '--inventory, --from and --print-command do not go together');
    if (throughAnsible && inventory === undefined) throw new NameError('arguments', '', '--ansible-inventory goes with --inventory FILE');
    if (printCommand && args.length) throw new NameError('arguments', args[0], '--print-command takes no HOST');
    if (!printCommand && inventory === undefined && args.length === 0) throw new NameError('arguments', '', from ? 'no PATH given' : 'no HOST given');
  } catch (e) {
    io.stderr(`blockwise hosts: ${sanitizeText((e as Error).message)}\n${USAGE}`);
    return 2;
  }
  if (printCommand) {
    io.stdout(`${buildRefreshCommand({ nonce: randomBytes(12).toString('hex') })}\n`);
    return 0;
  }
  const progress = progressPrinter(io, opts.stderrIsTty ?? false);
  const sink = orderedSink(io, format);
  if (from) {
    const listed = listCollected(args);
    if ('error' in listed) {
      io.stderr(`blockwise hosts: ${sanitizeText(listed.error)}\n`);
      return 2;
    }
    for (const s of listed.skipped) io.stderr(`blockwise hosts: skipped ${sanitizeText(s)}\n`);
    if (!listed.files.length) {
      io.stderr('blockwise hosts: no collected output under the given paths\n');
      return 2;
    }
    progress.start(listed.files.length);
    listed.files.forEach((f, i) => {
      sink.put(i, analyzeCollectedFile(f));
      progress.step();
    });
  } else {
    // Validate every host before anything is spawned.
    const jobs: Array<{ name: string; groups?: string[]; target?: SshTarget; error?: string }> = [];
    if (inventory !== undefined) {
      const sel = await loadInventoryHosts(inventory, args, throughAnsible ? (opts.ansibleInventory === null ? false : (opts.ansibleInventory ?? true)) : false);
      if ('error' in sel) {
        io.stderr(`blockwise hosts: ${sanitizeText(sel.error)}\n`);
        return 2;
      }
      if (sel.unmatched.length) io.stderr(`blockwise hosts: ${sanitizeText(`no inventory host or group matches ${sel.unmatched.join(', ')}`)}\n`);
      if (!sel.hosts.length) {
        io.stderr('blockwise hosts: the patterns select no host\n');
        return 2;
      }
      jobs.push(...sel.hosts);
    } else {
      const bad: string[] = [];
      for (const h of args) {
        try {
          jobs.push({ name: h, target: parseHostArg(h) });
        } catch (e) {
          bad.push((e as Error).message);
        }
      }
      if (bad.length) {
        io.stderr(`blockwise hosts: ${bad.map(sanitizeText).join('\n')}\n`);
        return 2;
      }
    }
    const client = new RemoteClient({ ssh: { options, ...(opts.sshConfigFile ? { configFile: opts.sshConfigFile } : {}) }, ...(concurrency ? { concurrency } : {}), ...(timeoutSeconds ? { timeoutSeconds } : {}), ...(opts.separateSessions ? { coalesce: false } : {}) });
    progress.start(jobs.length);
    await Promise.all(
      jobs.map(async (j, i) => {
        const r: HostResult = j.target
          ? { ...(await client.refresh(j.target)), host: j.name }
          : { host: j.name, ok: false, error: j.error, errorKind: 'inventory', vgs: [], findings: [], ms: 0 };
        if (j.groups) r.groups = j.groups;
        progress.step();
        sink.put(i, r);
      }),
    );
  }
  return sink.end();
}

/**
 * Results printed in input order as soon as every earlier one is in: a slow host holds back only
 * the output after it, never the others' work, and memory holds the waiting results only.
 */
function orderedSink(io: HostsIo, format: 'text' | 'json') {
  const waiting = new Map<number, HostResult>();
  let next = 0;
  let anyFailed = false;
  let anyError = false;
  const print = (r: HostResult, first: boolean) => {
    anyFailed ||= !r.ok;
    anyError ||= r.findings.some((f) => f.severity === 'error');
    // Stringified inside a one-element array, the item comes out indented as the array's member.
    if (format === 'json') io.stdout(`${first ? '[\n' : ',\n'}${JSON.stringify([hostJson(r)], null, 2).slice(2, -2)}`);
    else io.stdout(`${first ? '' : '\n'}${hostText(r)}`);
  };
  return {
    put(i: number, r: HostResult) {
      waiting.set(i, r);
      while (waiting.has(next)) {
        print(waiting.get(next)!, next === 0);
        waiting.delete(next);
        next++;
      }
    },
    end(): number {
      if (format === 'json') io.stdout(next === 0 ? '[]\n' : '\n]\n');
      return anyFailed ? 2 : anyError ? 1 : 0;
    },
  };
}

/** `N/M hosts` on stderr: redrawn in place on a terminal, a line per tenth (and the last) in a log. */
function progressPrinter(io: HostsIo, tty: boolean) {
  let total = 0;
  let done = 0;
  let lastTenth = -1;
  return {
    start(n: number) {
      total = n;
    },
    step() {
      done++;
      if (tty) io.stderr(`\r${done}/${total} hosts${done === total ? '\n' : ''}`);
      else {
        const tenth = Math.floor((done * 10) / total);
        if (tenth !== lastTenth || done === total) {
          lastTenth = tenth;
          io.stderr(`${done}/${total} hosts\n`);
        }
      }
    },
  };
}

