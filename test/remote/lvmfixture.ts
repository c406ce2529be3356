// Real lvm2 behind the loopback sshd: three loop devices, a private LVM_SYSTEM_DIR with
// activation = 0, a VG with linear, striped, cache, thin-pool/thin and raid1 LVs (the last two
// through vgcfgrestore --force of hand-extended metadata), cache_check pointing at a missing
// binary (missing-check-tool), and a second system dir whose filter hides one PV (partial VG).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LvmFixture {
  dir: string;
  vg: string;
  loops: string[];
  systemDir: string;
  partialSystemDir: string;
  lockDir: string;
  archiveDir: string;
  stop(): void;
}

export function lvmUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'real lvm2 fixtures need Linux';
  if (process.getuid?.() !== 0) return 'real lvm2 fixtures need root (loop devices)';
  if (!existsSync('/dev/loop-control')) return 'no /dev/loop-control (loop devices unavailable in this container)';
  if (!existsSync('/sbin/lvm') && !existsSync('/usr/sbin/lvm')) {
    if (existsSync('/etc/debian_version')) {
      const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'lvm2', 'thin-provisioning-tools'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (r.status !== 0) return 'lvm2 is missing and apt-get install failed';
    } else return 'lvm2 is missing';
  }
  return undefined;
}

const uuid = (seed: string) => {
  const s = (seed.replace(/[^A-Za-z0-9]/g, '') + 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF').slice(0, 32);
  return `${s.slice(0, 6)}-${s.slice(6, 10)}-${s.slice(10, 14)}-${s.slice(14, 18)}-${s.slice(18, 22)}-${s.slice(22, 26)}-${s.slice(26, 32)}`;
};

function lvSection(name: string, visible: boolean, segs: string[]): string {
  return `${name} {\nid = "${uuid(name + 'x')}"\nstatus = ["READ", "WRITE"${visible ? ', "VISIBLE"' : ''}]\nflags = []\nsegment_count = ${segs.length}\n${segs.map((s, i) => `segment${i + 1} {\n${s}\n}`).join('\n')}\n}\n`;
}
const linear = (start: number, count: number, pv: string, pe: number) =>
  `start_extent = ${start}\nextent_count = ${count}\ntype = "striped"\nstripe_count = 1\nstripes = ["${pv}", ${pe}]`;

export function createLvmFixture(): LvmFixture {
  const T = mkdtempSync(join(tmpdir(), 'bw-lvm-'));
  const vg = `bwtest_${process.pid}`;
  const loops: string[] = [];
  const sys = join(T, 'lvm');
  const psys = join(T, 'lvm-partial');
  const lock = join(T, 'lock');
  const env = { ...process.env, LVM_SYSTEM_DIR: sys, LVM_SUPPRESS_FD_WARNINGS: '1' };
  const lvm = (...args: string[]) => execFileSync('lvm', args, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  const stop = () => {
    try {
      spawnSync('lvm', ['vgremove', '-ff', '-y', vg], { env, stdio: 'ignore' });
    } catch {
      /* best effort */
    }
    for (const l of loops) spawnSync('losetup', ['-d', l], { stdio: 'ignore' });
    rmSync(T, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const img = join(T, `disk${i}.img`);
      execFileSync('truncate', ['-s', '64M', img]);
      loops.push(execFileSync('losetup', ['-f', '--show', img]).toString().trim());
    }
    const conf = (filterLoops: string[], backupRoot: string) => `global {
 activation = 0
 use_lvmpolld = 0
 event_activation = 0
 locking_dir = "${lock}"
 notify_dbus = 0
 cache_check_executable = "${T}/missing/cache_check"
}
devices {
 scan = [ "/dev" ]
 obtain_device_list_from_udev = 0
 external_device_info_source = "none"
 global_filter = [ ${filterLoops.map((l) => `"a|^${l}$|"`).join(', ')}, "r|.*|" ]
 use_devicesfile = 0
 hints = "none"
 sysfs_scan = 0
 md_component_detection = 0
 multipath_component_detection = 0
 fw_raid_component_detection = 0
}
activation {
 udev_sync = 0
 udev_rules = 0
 monitoring = 0
}
backup {
 backup_dir = "${backupRoot}/backup"
 archive_dir = "${backupRoot}/archive"
 retain_min = 10
 retain_days = 30
}
`;
    mkdirSync(sys, { recursive: true });
    mkdirSync(psys, { recursive: true });
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(sys, 'lvm.conf'), conf(loops, sys));
    writeFileSync(join(psys, 'lvm.conf'), conf(loops.slice(0, 2), psys));
    lvm('pvcreate', '-q', ...loops);
    lvm('vgcreate', '-q', '-s', '4m', vg, ...loops);
    lvm('lvcreate', '-q', '-an', '-Zn', '-Wn', '-n', 'root', '-L', '8m', vg, loops[0]);
    lvm('lvcreate', '-q', '-an', '-Zn', '-Wn', '-n', 'odd.name+x_y-z', '-L', '4m', vg, loops[0]);
    lvm('lvcreate', '-q', '-an', '-Zn', '-Wn', '-i', '2', '-n', 'stripe', '-L', '8m', vg, loops[0], loops[1]);
    lvm('lvchange', '-q', '--addtag', 'a=b:c&d#e/f!g', `${vg}/root`);
    // Cache: a cache pool attached to a linear LV works without device-mapper.
    lvm('lvcreate', '-q', '-an', '-Zn', '-Wn', '-n', 'data', '-L', '8m', vg, loops[0]);
    lvm('lvcreate', '-q', '-an', '--type', 'cache-pool', '-n', 'cpool', '-L', '4m', vg, loops[0]);
    lvm('lvconvert', '-q', '-y', '-Zn', '--type', 'cache', '--cachemode', 'writethrough', '--cachepolicy', 'smq', '--cachepool', `${vg}/cpool`, `${vg}/data`);
    // Thin pool + thin LV + raid1 through metadata (pv1 and pv2 are still empty except the stripe).
    const file = join(T, 'meta.vg');
    lvm('vgcfgbackup', '-q', '-f', file, vg);
    let meta = readFileSync(file, 'utf8');
    const pvName = (dev: string) => {
      const m = new RegExp(`(pv\\d+) \\{[^}]*?device = "${dev.replace(/\//g, '\\/')}"`, 's').exec(meta);
      if (!m) throw new Error(`no PV for ${dev} in the backup`);
      return m[1];
    };
    const pv1 = pvName(loops[1]);
    const pv2 = pvName(loops[2]);
    // pv1 has the stripe's second half at PE 0; use PE 2.. of pv1, and pv2 from 0.
    const extra = [
      lvSection('pool0', true, [`start_extent = 0\nextent_count = 2\ntype = "thin-pool"\nmetadata = "pool0_tmeta"\npool = "pool0_tdata"\ntransaction_id = 1\nchunk_size = 128\ndiscards = "passdown"\nzero_new_blocks = 1`]),
      lvSection('thin1', true, [`start_extent = 0\nextent_count = 4\ntype = "thin"\nthin_pool = "pool0"\ntransaction_id = 0\ndevice_id = 1`]),
      lvSection('mirror1', true, [`start_extent = 0\nextent_count = 2\ntype = "raid1"\ndevice_count = 2\nregion_size = 1024\nraids = ["mirror1_rmeta_0", "mirror1_rimage_0", "mirror1_rmeta_1", "mirror1_rimage_1"]`]),
      lvSection('pool0_tmeta', false, [linear(0, 1, pv1, 2)]),
      lvSection('pool0_tdata', false, [linear(0, 2, pv1, 3)]),
      lvSection('lvol0_pmspare', false, [linear(0, 1, pv1, 5)]),
      lvSection('mirror1_rmeta_0', false, [linear(0, 1, pv1, 6)]),
      lvSection('mirror1_rimage_0', false, [linear(0, 2, pv1, 7)]),
      lvSection('mirror1_rmeta_1', false, [linear(0, 1, pv2, 0)]),
      lvSection('mirror1_rimage_1', false, [linear(0, 2, pv2, 1)]),
    ].join('');
    const at = meta.indexOf('logical_volumes {');
    if (at < 0) throw new Error('no logical_volumes section');
    const insert = at + 'logical_volumes {'.length;
    meta = meta.slice(0, insert) + '\n' + extra + meta.slice(insert);
    meta = meta.replace(/seqno = (\d+)/, (_m, n) => `seqno = ${Number(n) + 1}`);
    writeFileSync(file, meta);
    lvm('vgcfgrestore', '-q', '--force', '-f', file, vg);
    return { dir: T, vg, loops, systemDir: sys, partialSystemDir: psys, lockDir: lock, archiveDir: join(sys, 'archive'), stop };
  } catch (e) {
    stop();
    throw e;
  }
}
