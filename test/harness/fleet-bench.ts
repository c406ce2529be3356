// Fleet benches: 200 inventory hosts as separate ssh sessions against the loopback sshd, and
// `hosts --from` over 10,000 collected reports. Both print wall time and peak memory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHostsCommand } from '../../server/src/remote/cli';
import { sshdUnavailable, startSshd } from './sshd';

/** One host's refresh output as the command prints it: probes, and a report of `vgs` VGs with `lvs` LVs each. */
export function syntheticRefreshOutput(nonce: string, seed: number, vgs = 2, lvs = 10): string {
  const m = (s: string) => `\n@@BW-${nonce}@@ ${s}\n`;
  const report = {
    report: Array.from({ length: vgs }, (_, v) => ({
      vg: [{ vg_uuid: `vg${seed}-${v}`, vg_name: `vg${v}`, vg_attr: 'wz--n-', vg_size: '1099511627776', vg_free: String((seed % 7) * 4194304), vg_extent_size: '4194304', pv_count: '2', vg_missing_pv_count: '0', lv_count: String(lvs), snap_count: '0' }],
      pv: [0, 1].map((p) => ({ pv_uuid: `pv${seed}-${v}-${p}`, pv_name: `/dev/sd${String.fromCharCode(98 + v * 2 + p)}`, pv_attr: 'a--', pv_size: '549755813888', pv_free: String((seed % 3) * 4194304), dev_size: '549755813888', pv_missing: '', pv_in_use: 'used' })),
      lv: Array.from({ length: lvs }, (_, l) => ({ lv_uuid: `lv${seed}-${v}-${l}`, lv_name: l === 0 ? 'pool0' : `data${l}`, lv_full_name: `vg${v}/${l === 0 ? 'pool0' : `data${l}`}`, lv_attr: l === 0 ? 'twi-aotz--' : 'Vwi-aotz--', lv_layout: l === 0 ? 'thin,pool' : 'thin,sparse', lv_role: l === 0 ? 'private' : 'public', lv_size: '10737418240', pool_lv: l === 0 ? '' : 'pool0', data_percent: String((seed * 7 + l) % 100), metadata_percent: l === 0 ? String((seed * 3) % 100) : '', lv_active: 'active' })),
      seg: Array.from({ length: lvs }, (_, l) => ({ lv_uuid: `lv${seed}-${v}-${l}`, segtype: l === 0 ? 'thin-pool' : 'thin', seg_start_pe: '0', seg_size_pe: '2560', devices: l === 0 ? '[pool0_tdata](0)' : '', metadata_devices: '', seg_monitor: l === 0 ? (seed % 5 === 0 ? 'not monitored' : 'monitored') : '' })),
      pvseg: [],
    })),
    log: [],
  };
  return [
    m('begin priv'), 'uid=0\nsudo=', m('end priv 0'),
    m('begin version'), '  LVM version:     2.03.16(2) (2022-05-18)', m('end version 0'),
    m('begin config'), 'archive=1\nretain_min=10\nretain_days=30\nthin_pool_autoextend_threshold=80\nmonitoring=1', m('end config 0'),
    m('begin tools'), `thin_check_executable=${seed % 11 === 0 ? 'missing' : 'present'} /usr/sbin/thin_check\ncache_check_executable=present /usr/sbin/cache_check`, m('end tools 0'),
    m('begin archive'), `files=${seed % 50}\nkib=${seed % 50}`, m('end archive 0'),
    m('begin report'), JSON.stringify(report), m('end report 0'), m('done'),
  ].join('');
}

export async function benchFromReports(n = 10_000): Promise<{ hosts: number; ms: number; bytes: number; maxRssMb: number; errors: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-from-bench-'));
  try {
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const text = syntheticRefreshOutput('0123456789abcdef', i);
      bytes += text.length;
      writeFileSync(join(dir, `host${String(i).padStart(5, '0')}.example.org`), text);
    }
    let out = 0;
    const t0 = performance.now();
    const code = await runHostsCommand(['--format', 'json', '--from', dir], { stdout: (s) => (out += s.length), stderr: () => undefined });
    const ms = performance.now() - t0;
    return { hosts: n, ms, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, errors: code === 2 ? 1 : 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 200 inventory hosts, each its own ssh session (ansible_host = one of 200 ssh_config aliases of the loopback sshd). */
export async function benchInventoryHosts(n = 200): Promise<{ skipped?: string; hosts?: number; ms?: number; oneMs?: number; ratio?: number; maxRssMb?: number; allOk?: boolean }> {
  const skip = sshdUnavailable();
  if (skip) return { skipped: skip };
  const h = await startSshd({ aliases: n });
  const dir = mkdtempSync(join(tmpdir(), 'bw-inv-bench-'));
  try {
    const inv = join(dir, 'inventory.ini');
    const lines = ['[fleet]'];
    for (let i = 1; i <= n; i++) lines.push(`node${String(i).padStart(3, '0')} ansible_host=bw-host-${i}`);
    writeFileSync(inv, `${lines.join('\n')}\n`);
    const common = ['--format', 'json'];
    const run = async (pattern: string) => {
      let out = '';
      const t0 = performance.now();
      await runHostsCommand([...common, '--inventory', inv, pattern], { stdout: (s) => (out += s), stderr: () => undefined }, { ansibleInventory: null, separateSessions: true, sshConfigFile: h.sshConfig });
      return { ms: performance.now() - t0, json: JSON.parse(out) as Array<{ ok: boolean }> };
    };
    await run('node001');
    const one = await run('node002');
    const all = await run('all');
    return { hosts: n, ms: all.ms, oneMs: one.ms, ratio: all.ms / one.ms, maxRssMb: process.resourceUsage().maxRSS / 1024, allOk: all.json.every((r) => r.ok) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await h.stop();
  }
}
