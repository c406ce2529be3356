// Restore plans against real lvm2 on loop devices (private LVM_SYSTEM_DIR, activation disabled):
// the dry runs a plan proposes must be accepted by lvm2, in each case it proposes them for:
// a whole VG (linear, striped, cache, odd names), a thin/cache/raid VG, a PV lost then returned,
// a PV lost for good (replacement disk; or the VG goes on without it). A plan whose dry run
// lvm2 refuses fails the test. Commands are run through sh exactly as the plan writes them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { createLvmFixture, lvmUnavailable } from '../remote/lvmfixture';
import { loadLanguage } from '../../server/src/syntax/treesitter';
import { readModel } from '../../server/src/backups/plan';

const skip = lvmUnavailable();
if (skip) console.log(`# SKIP restore plans against lvm2: ${skip}`);

interface Env {
  T: string;
  sys: string;
  env: NodeJS.ProcessEnv;
  loops: string[];
  images: string[];
  lvm: (...args: string[]) => { rc: number; out: string };
  attach: (img: string) => string;
  stop: () => void;
}

const cleanups: (() => void)[] = [];
after(() => {
  for (const c of cleanups.reverse()) c();
});

/** Loop devices (64 MiB, or the sparse sizes in bytes given) and a private lvm.conf that accepts only them (and any loop attached later). */
function lvmEnv(n: number, sizes: number[] = []): Env {
  const T = mkdtempSync(join(tmpdir(), 'bw-restore-'));
  const sys = join(T, 'lvm');
  mkdirSync(join(T, 'lock'), { recursive: true });
  mkdirSync(sys, { recursive: true });
  const loops: string[] = [];
  const images: string[] = [];
  const env = { ...process.env, LVM_SYSTEM_DIR: sys, LVM_SUPPRESS_FD_WARNINGS: '1', PATH: `/usr/sbin:/sbin:${process.env.PATH}` };
  const writeConf = () =>
    writeFileSync(
      join(sys, 'lvm.conf'),
      `global { activation = 0 use_lvmpolld = 0 event_activation = 0 locking_dir = "${T}/lock" notify_dbus = 0 }
devices { scan = [ "/dev" ] obtain_device_list_from_udev = 0 external_device_info_source = "none"
 global_filter = [ ${loops.map((l) => `"a|^${l}$|"`).join(', ')}, "r|.*|" ]
 use_devicesfile = 0 hints = "none" sysfs_scan = 0 md_component_detection = 0 multipath_component_detection = 0 fw_raid_component_detection = 0 }
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
backup { backup_dir = "${sys}/backup" archive_dir = "${sys}/archive" retain_min = 100 }
`,
    );
  const attach = (img: string) => {
    const l = execFileSync('losetup', ['-f', '--show', img]).toString().trim();
    loops.push(l);
    writeConf();
    return l;
  };
  const stop = () => {
    for (const l of loops) spawnSync('losetup', ['-d', l], { stdio: 'ignore' });
    rmSync(T, { recursive: true, force: true });
  };
  cleanups.push(stop);
  for (let i = 0; i < n; i++) {
    const img = join(T, `disk${i}.img`);
    execFileSync('truncate', ['-s', sizes[i] !== undefined ? String(sizes[i]) : '64M', img]);
    images.push(img);
    attach(img);
  }
  const lvm = (...args: string[]) => {
    const r = spawnSync('lvm', args, { env, encoding: 'utf8' });
    return { rc: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  };
  return { T, sys, env, loops, images, lvm, attach, stop };
}

function must(e: Env, ...args: string[]): string {
  const r = e.lvm(...args);
  assert.equal(r.rc, 0, `lvm ${args.join(' ')}: ${r.out}`);
  return r.out;
}

/** Detach a loop device (the PV disappears); keeps the image for a later re-attach. */
function detach(e: Env, loop: string): void {
  execFileSync('losetup', ['-d', loop]);
  e.loops.splice(e.loops.indexOf(loop), 1);
}

async function plan(file: string, extra: string[] = []): Promise<{ rc: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const rc = await main(['backups', 'restore', ...extra, file], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { rc, out, err };
}

/** The command lines of a plan (or of one `# == X.` case of it), comments dropped. */
function commands(text: string, section?: string): string[] {
  let lines = text.split('\n');
  if (section) {
    const start = lines.findIndex((l) => l.startsWith(`# == ${section}.`));
    assert.ok(start >= 0, `no case ${section} in\n${text}`);
    const end = lines.findIndex((l, i) => i > start && (l.startsWith('# == ') || l.startsWith('# Afterwards')));
    lines = lines.slice(start + 1, end < 0 ? undefined : end);
  }
  return lines.filter((l) => l.trim() && !l.startsWith('#') && !l.startsWith('echo '));
}

/** Run plan lines through sh as written (assignments first, with `vars` prepended). */
function sh(e: Env, lines: string[], vars = ''): { rc: number; out: string } {
  const r = spawnSync('sh', ['-c', `${vars}\n${lines.join('\n')}`], { env: e.env, encoding: 'utf8' });
  return { rc: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const pick = (lines: string[], re: RegExp) => {
  const l = lines.filter((x) => re.test(x));
  assert.ok(l.length, `no line matching ${re} in\n${lines.join('\n')}`);
  return l;
};

test('whole VG (linear, striped, cache, odd names): the dry run lvm2 accepts, no --force', { skip }, async () => {
  const e = lvmEnv(2);
  const vg = `bw.r+${process.pid}_a-1`;
  must(e, 'pvcreate', '-q', ...e.loops);
  must(e, 'vgcreate', '-q', '-s', '4m', vg, ...e.loops);
  must(e, 'lvcreate', '-q', '-an', '-Zn', '-Wn', '-y', '-l', '3', '-n', "odd.name+x_y-z", vg);
  must(e, 'lvcreate', '-q', '-an', '-Zn', '-Wn', '-y', '-l', '4', '-i', '2', '-n', 'stripe', vg);
  must(e, 'lvcreate', '-q', '-an', '-Zn', '-Wn', '-y', '-l', '2', '-n', 'home', vg, e.loops[0]);
  must(e, 'lvcreate', '-q', '-an', '-y', '--type', 'cache-pool', '-l', '2', '-n', 'cpool', vg, e.loops[1]);
  must(e, 'lvconvert', '-q', '-y', '-Zn', '--type', 'cache', '--cachepool', `${vg}/cpool`, `${vg}/home`);
  // A copy of the folders under a name with a quote and a space: quoting is part of the test.
  const copy = join(e.T, "it's here");
  cpSync(e.sys, copy, { recursive: true });
  const file = join(copy, 'backup', vg);
  const p = await plan(file);
  assert.equal(p.rc, 0, p.err);
  const cmds = commands(p.out);
  const dry = pick(cmds, /^vgcfgrestore --test /);
  assert.ok(!/--force/.test(p.out.split('\n').filter((l) => !l.startsWith('#')).join('\n')), 'a VG without thin LVs needs no --force');
  const r = sh(e, dry);
  assert.equal(r.rc, 0, `${dry}\n${r.out}`);
  assert.match(r.out, /Restored volume group/);
  // An archive of the same VG: also accepted.
  const arch = readdirSync(join(copy, 'archive')).sort().at(-1)!;
  const pa = await plan(join(copy, 'archive', arch));
  assert.equal(pa.rc, 0, pa.err);
  const ra = sh(e, pick(commands(pa.out), /^vgcfgrestore --test /));
  assert.equal(ra.rc, 0, ra.out);
  // The plan starts with a line that stops it from running as a whole.
  const whole = spawnSync('sh', ['-c', p.out], { env: e.env, encoding: 'utf8' });
  assert.equal(whole.status, 2);
  assert.match(whole.stderr, /review it/);
  must(e, 'vgremove', '-ff', '-y', vg);
});

test('thin, cache and raid1 VG: the dry run carries --force, which lvm2 needs', { skip }, async () => {
  const fx = createLvmFixture();
  cleanups.push(() => fx.stop());
  const env = { ...process.env, LVM_SYSTEM_DIR: fx.systemDir, LVM_SUPPRESS_FD_WARNINGS: '1', PATH: `/usr/sbin:/sbin:${process.env.PATH}` };
  // The fixture's last change was a vgcfgrestore (which writes no backup): take the current state.
  execFileSync('lvm', ['vgcfgbackup', '-q', fx.vg], { env, stdio: 'ignore' });
  const file = join(fx.systemDir, 'backup', fx.vg);
  assert.match(readFileSync(file, 'utf8'), /type = "thin-pool"/);
  const p = await plan(file);
  assert.equal(p.rc, 0, p.err);
  const [dry] = pick(commands(p.out), /^vgcfgrestore --test /);
  assert.match(dry, /--force/);
  const r = spawnSync('sh', ['-c', dry], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, `${dry}\n${r.stdout}${r.stderr}`);
  // Without --force lvm2 refuses: the flag is needed, not decoration.
  const bare = spawnSync('sh', ['-c', dry.replace(' --force', '')], { env, encoding: 'utf8' });
  assert.notEqual(bare.status, 0);
  assert.match(bare.stderr, /Consider using option --force/);
});

/** A VG over 3 PVs: `spans` on pv0+pv1, `onlyb` on pv1, `safe` on pv2; pv1's loop is then detached and a tag change records it MISSING. */
function lostPvVg(e: Env, vg: string): { lost: string; lostImage: string } {
  must(e, 'pvcreate', '-q', ...e.loops);
  must(e, 'vgcreate', '-q', '-s', '4m', vg, ...e.loops);
  must(e, 'lvcreate', '-q', '-an', '-Zn', '-Wn', '-y', '-l', '10', '-n', 'spans', vg, e.loops[0]);
  must(e, 'lvextend', '-q', '-l', '+5', `${vg}/spans`, e.loops[1]);
  must(e, 'lvcreate', '-q', '-an', '-Zn', '-Wn', '-y', '-l', '2', '-n', 'safe', vg, e.loops[2]);
  must(e, 'lvcreate', '-q', '-an', '-Zn', '-Wn', '-y', '-l', '2', '-n', 'onlyb', vg, e.loops[1]);
  const lost = e.loops[1];
  detach(e, lost);
  must(e, 'vgchange', '-q', '--addtag', 'after_loss', vg);
  must(e, 'vgchange', '-q', '--addtag', 'after_loss2', vg);
  const backup = readFileSync(join(e.sys, 'backup', vg), 'utf8');
  assert.match(backup, /flags = \["MISSING"\]/);
  return { lost, lostImage: e.images[1] };
}

test('PV lost then returned: lvm2 refuses the MISSING file; the plan\'s restoremissing and pre-loss archive dry runs pass', { skip }, async () => {
  const e = lvmEnv(3);
  const vg = `bwr_${process.pid}_b`;
  const { lostImage } = lostPvVg(e, vg);
  const file = join(e.sys, 'backup', vg);
  // The premise, measured: lvm2 refuses the file with the MISSING flag.
  const direct = e.lvm('vgcfgrestore', '--test', '-f', file, vg);
  assert.equal(direct.rc, 5);
  assert.match(direct.out, /Cannot restore Volume Group .* with 1 PVs marked as missing/);
  const p = await plan(file);
  assert.equal(p.rc, 0, p.err);
  // Never a vgcfgrestore of the MISSING file itself.
  assert.ok(!commands(p.out).some((l) => l.startsWith('vgcfgrestore') && l.includes(`'${file}'`)), p.out);
  assert.match(p.out, /LVs with extents on the missing PV: spans \(linear\), onlyb \(linear\)/);
  // The pre-loss archive is the one before `onlyb` was created (the archive before the first tag
  // change already carries the MISSING flag), and the plan says restoring it drops `onlyb`.
  assert.match(p.out, /B2\. Or go back to the newest archive written before the loss: .*_00003-\d+\.vg/);
  assert.match(p.out, /LV onlyb \(linear, 8 MiB\) created since would disappear/);
  e.attach(lostImage);
  const a = commands(p.out, 'A');
  const ra = sh(e, [...pick(a, /^pv_dev=/), ...pick(a, /^vgextend --restoremissing --test /)]);
  assert.equal(ra.rc, 0, `${a.join('\n')}\n${ra.out}`);
  assert.match(ra.out, /successfully extended/);
  const [b2] = pick(commands(p.out, 'B'), /^vgcfgrestore --test /);
  const rb = sh(e, [b2]);
  assert.equal(rb.rc, 0, `${b2}\n${rb.out}`);
  must(e, 'vgremove', '-ff', '-y', vg);
});

test('PV lost for good: vgreduce names the LVs lvm2 removes; a replacement disk takes the UUID and both follow-ups pass', { skip }, async () => {
  const e = lvmEnv(4);
  const vg = `bwr_${process.pid}_c`;
  const spare = e.loops[3];
  // The spare stays out of the VG: the VG is made on the first three.
  e.loops.splice(3, 1);
  lostPvVg(e, vg);
  e.loops.push(spare);
  const file = join(e.sys, 'backup', vg);
  const p = await plan(file);
  assert.equal(p.rc, 0, p.err);
  // C: the dry run passes and lvm2 removes exactly the LVs the plan names.
  const c = commands(p.out, 'C');
  const [cdry] = pick(c, /^vgreduce --removemissing --force --test /);
  const rc = sh(e, [cdry]);
  assert.equal(rc.rc, 0, `${cdry}\n${rc.out}`);
  const removed = [...rc.out.matchAll(/Removing partial LV [^/]+\/(\S+?)\.?$/gm)].map((m) => m[1]).sort();
  const named = /--force REMOVES them: (.*)\.$/m.exec(p.out)![1].split(', ').map((s) => s.replace(/ \(.*\)$/, '')).sort();
  assert.deepEqual(removed, named);
  // Without --force lvm2 refuses while those LVs exist.
  const bare = sh(e, [cdry.replace(' --force', '')]);
  assert.notEqual(bare.rc, 0);
  // B: the replacement disk.
  const b = commands(p.out, 'B');
  const vars = `new_disk=${spare}`;
  const pv = sh(e, pick(b, /^pvcreate /), vars);
  assert.equal(pv.rc, 0, `${pick(b, /^pvcreate /).join('\n')}\n${pv.out}`);
  const b1 = sh(e, pick(b, /^vgextend --restoremissing --test /), vars);
  assert.equal(b1.rc, 0, b1.out);
  const b2 = sh(e, pick(b, /^vgcfgrestore --test /));
  assert.equal(b2.rc, 0, b2.out);
  must(e, 'vgremove', '-ff', '-y', vg);
});

test('no pre-loss archive next to the file: the plan says so and B1 alone passes', { skip }, async () => {
  const e = lvmEnv(4);
  const vg = `bwr_${process.pid}_d`;
  const spare = e.loops[3];
  e.loops.splice(3, 1);
  lostPvVg(e, vg);
  e.loops.push(spare);
  const lone = join(e.T, 'lone');
  mkdirSync(lone);
  const file = join(lone, `${vg}.vg`);
  cpSync(join(e.sys, 'backup', vg), file);
  const p = await plan(file);
  assert.equal(p.rc, 0, p.err);
  assert.match(p.out, /No archive of VG .* was found/);
  const b = commands(p.out, 'B');
  assert.ok(!b.some((l) => l.startsWith('vgcfgrestore')), p.out);
  const vars = `new_disk=${spare}`;
  const pv = sh(e, pick(b, /^pvcreate /), vars);
  assert.equal(pv.rc, 0, pv.out);
  const b1 = sh(e, pick(b, /^vgextend --restoremissing --test /), vars);
  assert.equal(b1.rc, 0, b1.out);
  must(e, 'vgremove', '-ff', '-y', vg);
});

/**
 * The 15 real public backup and archive files (test/fixtures/metadata/real, SOURCES.md there):
 * one setup per PV (sparse loop devices of the file's dev_size), shared by the files of that PV.
 *   1. the label is gone (blank disk): the plan made with --lost for every PV; its pvcreate, dry
 *      run, restore, check and activation lines all run as written (device hint replaced by the loop);
 *   2. the VG is on disk: the dry run of every file of that PV (backup and its older archives).
 * --force appears exactly when lvm2 needs it (without it lvm2 refuses), and the plan's names are
 * the file's.
 */
test('real backup and archive files: every command of the plan runs in lvm2, blank disk and VG present', { skip }, async () => {
  const dir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'metadata', 'real');
  await loadLanguage('lvm');
  const files = readdirSync(dir)
    .filter((f) => !f.endsWith('.verdict') && !f.endsWith('.md'))
    .map((f) => ({ file: join(dir, f), model: readModel(readFileSync(join(dir, f), 'utf8')).model }));
  assert.equal(files.length, 15);
  const groups = new Map<string, typeof files>();
  for (const f of files) {
    const key = f.model.vg!.pvs.map((p) => p.id!.name).join(',');
    groups.set(key, [...(groups.get(key) ?? []), f].sort((a, b) => b.model.vg!.seqno! - a.model.vg!.seqno!));
  }
  for (const group of groups.values()) {
    const [head] = group;
    const vg = head.model.vg!;
    const e = lvmEnv(vg.pvs.length, vg.pvs.map((p) => p.devSize! * 512));
    const where = (f: string) => `${f.split('/').at(-1)}`;
    const p = await plan(head.file, ['--lost', vg.pvs.map((x) => x.key).join(',')]);
    assert.equal(p.rc, 0, p.err);
    assert.match(p.out, new RegExp(`^# Restore plan for VG ${vg.name} from `, 'm'));
    const cmds = commands(p.out);
    // 1. Blank disks: the pvcreate lines, with the device hint replaced by the loop device.
    const pvc = pick(cmds, /^pvcreate /);
    assert.equal(pvc.length, vg.pvs.length);
    for (const [i, pv] of vg.pvs.entries()) {
      assert.ok(pvc[i].startsWith(`pvcreate --uuid '${pv.id!.name}' --restorefile `), pvc[i]);
      const r = sh(e, [pvc[i].replace(/ '[^']*'$/, ` '${e.loops[i]}'`)]);
      assert.equal(r.rc, 0, `${where(head.file)}: ${pvc[i]}\n${r.out}`);
    }
    const thin = vg.lvs.some((lv) => lv.segments.some((s) => s.baseType === 'thin-pool' || s.baseType === 'thin'));
    const [dry] = pick(cmds, /^vgcfgrestore --test /);
    assert.equal(/ --force /.test(dry), thin, `${where(head.file)}: --force exactly for thin: ${dry}`);
    assert.equal(/Thin pools: lvm2 needs --force/.test(p.out), thin);
    const rd = sh(e, [dry]);
    assert.equal(rd.rc, 0, `${where(head.file)}: ${dry}\n${rd.out}`);
    if (thin) assert.match(sh(e, [dry.replace(' --force', '')]).out, /Consider using option --force/);
    for (const line of [...pick(cmds, /^vgcfgrestore (?!--test)/), ...pick(cmds, /^vgs /), ...pick(cmds, /^vgchange -ay /)]) {
      const r = sh(e, [line]);
      assert.equal(r.rc, 0, `${where(head.file)}: ${line}\n${r.out}`);
    }
    // What lvm2 now holds is what the file says: LV names and sizes in extents.
    const lvs = must(e, 'lvs', '-a', '--noheadings', '--separator', ':', '-o', 'lv_name,seg_size_pe', vg.name);
    const got = new Map<string, number>();
    for (const l of lvs.split('\n')) {
      const m = /^\s+\[?([^\s\]:]+)\]?:(\d+)$/.exec(l);
      if (!m) continue;
      const [, n, size] = m;
      got.set(n, (got.get(n) ?? 0) + Number(size));
    }
    const want = new Map(vg.lvs.map((lv) => [lv.name, lv.segments.reduce((a, s) => a + (s.count ?? 0), 0)]));
    assert.deepEqual(got, want, where(head.file));
    // 2. The VG on disk: every file of this PV (the backup again, older archives) passes its dry run.
    for (const f of group) {
      const pf = await plan(f.file);
      assert.equal(pf.rc, 0, pf.err);
      assert.ok(!commands(pf.out).some((l) => l.startsWith('pvcreate')), `${where(f.file)}: pvcreate only with --lost`);
      const [d] = pick(commands(pf.out), /^vgcfgrestore --test /);
      // The commands the warnings tell the admin to run first (the copy goes to the test's folder, not /root).
      const off = /\(vgchange -an ('[^']*')\)/.exec(pf.out)![1];
      const copy = /vgcfgbackup -f '\/root\/([^']*)' ('[^']*')\.$/m.exec(pf.out)!;
      assert.equal(off, `'${f.model.vg!.name}'`);
      assert.equal(copy[2], off);
      for (const c of [`vgchange -an ${off}`, `vgcfgbackup -f '${e.T}/${copy[1]}' ${copy[2]}`, d]) {
        const r = sh(e, [c]);
        assert.equal(r.rc, 0, `${where(f.file)}: ${c}\n${r.out}`);
      }
    }
    e.stop();
  }
});
