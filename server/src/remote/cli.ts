// `blockwise hosts [--format text|json] [--ssh-option KEY=VALUE]... HOST...`
// Runs the same read-only refresh and findings as the hosts view, for scripts and monitoring.
// JSON: [{host, ok, error?, vgs: [...], findings: [{code, severity, message, vg?, lv?}]}]
// Exit: 2 usage error or any host not reached/read, else 1 when any error finding, else 0.
import { RemoteClient, refreshAll, type HostResult } from './client';
import { displayName, checkHost, checkUser, NameError } from './names';
import { formatBytes, formatPercent, type VgView } from './health';
import { checkSshOption, SSH_OPTION_ALLOWLIST, type SshTarget } from './ssh';

export interface HostsIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: blockwise hosts [--format text|json] [--ssh-option KEY=VALUE]... HOST...
  HOST is an ~/.ssh/config alias, a host name or an address, optionally USER@HOST.
  --ssh-option accepts only: ${SSH_OPTION_ALLOWLIST.join(', ')}.
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
    ok: r.ok,
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.probes?.lvmVersion ? { lvmVersion: r.probes.lvmVersion } : {}),
    vgs: r.vgs.map(vgJson),
    findings: r.findings,
  };
}

function hostText(r: HostResult): string {
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
  return lines.join('\n') + '\n';
}

export async function runHostsCommand(argv: string[], io: HostsIo): Promise<number> {
  let format: 'text' | 'json' = 'text';
  const options: string[] = [];
  const hosts: string[] = [];
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
      else if (a === '--') {
        hosts.push(...argv.slice(i + 1));
        break;
      }
      else if (a.startsWith('-')) throw new NameError('option', a, 'unknown option');
      else hosts.push(a);
    }
    if (hosts.length === 0) throw new NameError('arguments', '', 'no HOST given');
  } catch (e) {
    io.stderr(`blockwise hosts: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  // Validate every host before anything is spawned.
  const targets: SshTarget[] = [];
  const bad: string[] = [];
  for (const h of hosts) {
    try {
      targets.push(parseHostArg(h));
    } catch (e) {
      bad.push((e as Error).message);
    }
  }
  if (bad.length) {
    io.stderr(`blockwise hosts: ${bad.join('\n')}\n`);
    return 2;
  }
  const client = new RemoteClient({ ssh: { options } });
  const results = await refreshAll(client, targets);
  if (format === 'json') io.stdout(JSON.stringify(results.map(hostJson), null, 2) + '\n');
  else io.stdout(results.map(hostText).join('\n'));
  if (results.some((r) => !r.ok)) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
