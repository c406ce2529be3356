// A synthetic metadata file in lvm2's own layout (tabs, header, sector units, hidden LVs after
// visible ones) for a VG with many LVs: the benchmark's input and the tests' scale case.
// Mix: linear (one or two segments), striped, thin LVs in pools, raid1 with its sub-LVs, and a
// cached LV; every extent is allocated exactly once, so a clean file has no findings.

export interface BigMetadataOptions {
  /** LV sections in the file (hidden sub-LVs included). */
  lvs?: number;
  vg?: string;
  seed?: number;
}

function idFor(n: number, salt: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let x = (n * 2654435761 + salt * 40503 + 12345) >>> 0;
  let s = '';
  for (let i = 0; i < 32; i++) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + i * 3266489917) >>> 0;
    s += chars[x % chars.length];
  }
  return `${s.slice(0, 6)}-${s.slice(6, 10)}-${s.slice(10, 14)}-${s.slice(14, 18)}-${s.slice(18, 22)}-${s.slice(22, 26)}-${s.slice(26)}`;
}

export function generateBigMetadata(opts: BigMetadataOptions = {}): string {
  const total = opts.lvs ?? 10000;
  const vg = opts.vg ?? 'vgbig';
  const salt = opts.seed ?? 1;
  const pvCount = 8;
  const next = new Array<number>(pvCount).fill(0);
  const alloc = (pv: number, n: number): number => {
    const at = next[pv];
    next[pv] += n;
    return at;
  };
  const visible: string[] = [];
  const hidden: string[] = [];
  let made = 0;
  let lvNo = 0;
  const t0 = 1700000000;
  const lv = (name: string, vis: boolean, segs: string[], extraFlags = ''): string => {
    made++;
    return `\t\t${name} {\n\t\t\tid = "${idFor(made, salt)}"\n\t\t\tstatus = ["READ", "WRITE"${vis ? ', "VISIBLE"' : ''}]\n\t\t\tflags = [${extraFlags}]\n\t\t\tcreation_time = ${t0 + made}\t# ${new Date((t0 + made) * 1000).toISOString().replace('T', ' ').slice(0, 19)} +0000\n\t\t\tcreation_host = "host${made % 7}"\n\t\t\tsegment_count = ${segs.length}\n\n${segs
      .map((s, i) => `\t\t\tsegment${i + 1} {\n${s}\n\t\t\t}\n`)
      .join('\n')}\t\t}\n`;
  };
  const seg = (start: number, count: number, type: string, body: string[]): string =>
    [`start_extent = ${start}`, `extent_count = ${count}`, '', `type = "${type}"`, ...body].map((l) => (l ? `\t\t\t\t${l}` : '')).join('\n');
  const linear = (start: number, count: number, pv: number): string =>
    seg(start, count, 'striped', ['stripe_count = 1\t# linear', '', 'stripes = [', `\t"pv${pv}", ${alloc(pv, count)}`, ']']);

  // One thin pool for every 100 thin LVs.
  let pool = -1;
  let thinInPool = 0;
  while (made < total) {
    const k = lvNo++ % 20;
    const name = `lv_${String(lvNo).padStart(5, '0')}`;
    const pv = lvNo % pvCount;
    if (k === 0 && total - made >= 5) {
      // raid1 + 4 hidden sub-LVs
      visible.push(lv(name, true, [seg(0, 4, 'raid1', ['device_count = 2', 'region_size = 1024', '', 'raids = [', `\t"${name}_rmeta_0", "${name}_rimage_0",`, `\t"${name}_rmeta_1", "${name}_rimage_1"`, ']'])]));
      hidden.push(lv(`${name}_rmeta_0`, false, [linear(0, 1, pv)]));
      hidden.push(lv(`${name}_rimage_0`, false, [linear(0, 4, pv)]));
      hidden.push(lv(`${name}_rmeta_1`, false, [linear(0, 1, (pv + 1) % pvCount)]));
      hidden.push(lv(`${name}_rimage_1`, false, [linear(0, 4, (pv + 1) % pvCount)]));
    } else if (k < 8 && (pool < 0 || thinInPool < 100 || total - made >= 4)) {
      if (pool < 0 || thinInPool >= 100) {
        if (total - made < 4) {
          visible.push(lv(name, true, [linear(0, 2, pv)]));
          continue;
        }
        pool = lvNo;
        thinInPool = 0;
        const p = `pool_${pool}`;
        visible.push(lv(p, true, [seg(0, 64, 'thin-pool', [`metadata = "${p}_tmeta"`, `pool = "${p}_tdata"`, 'transaction_id = 100', 'chunk_size = 128\t# 64 Kilobytes', 'discards = "passdown"', 'zero_new_blocks = 1'])]));
        hidden.push(lv(`${p}_tmeta`, false, [linear(0, 1, pv)]));
        hidden.push(lv(`${p}_tdata`, false, [linear(0, 64, (pv + 2) % pvCount)]));
        continue;
      }
      thinInPool++;
      visible.push(lv(name, true, [seg(0, 256, 'thin', [`thin_pool = "pool_${pool}"`, `transaction_id = ${thinInPool - 1}`, `device_id = ${thinInPool}`])]));
    } else if (k < 12) {
      const a = 2 + (lvNo % 5);
      visible.push(lv(name, true, [linear(0, a, pv), linear(a, 3, (pv + 3) % pvCount)]));
    } else if (k < 14) {
      const per = 2;
      visible.push(
        lv(name, true, [
          seg(0, per * 2, 'striped', ['stripe_count = 2', 'stripe_size = 128\t# 64 Kilobytes', '', 'stripes = [', `\t"pv${pv}", ${alloc(pv, per)},`, `\t"pv${(pv + 1) % pvCount}", ${alloc((pv + 1) % pvCount, per)}`, ']']),
        ]),
      );
    } else {
      visible.push(lv(name, true, [linear(0, 1 + (lvNo % 9), pv)]));
    }
  }
  const peCount = Math.max(...next) + 100;
  const pvs = Array.from({ length: pvCount }, (_, i) =>
    `\t\tpv${i} {\n\t\t\tid = "${idFor(900000 + i, salt)}"\n\t\t\tdevice = "/dev/sd${String.fromCharCode(98 + i)}"\t# Hint only\n\n\t\t\tstatus = ["ALLOCATABLE"]\n\t\t\tflags = []\n\t\t\tdev_size = ${peCount * 8192 + 2048}\n\t\t\tpe_start = 2048\n\t\t\tpe_count = ${peCount}\n\t\t}\n`,
  ).join('\n');
  return `# Generated by LVM2 version 2.03.16(2) (2022-05-18): Tue Nov 14 22:13:20 2023

contents = "Text Format Volume Group"
version = 1

description = "Created *after* executing 'lvcreate -n ${vg}/many'"

creation_host = "bench"\t# Linux bench 6.1.0 x86_64
creation_time = 1700000000\t# Tue Nov 14 22:13:20 2023

${vg} {
\tid = "${idFor(999999, salt)}"
\tseqno = ${total + 1}
\tformat = "lvm2"\t\t\t# informational
\tstatus = ["RESIZEABLE", "READ", "WRITE"]
\tflags = []
\textent_size = 8192\t\t# 4 Megabytes
\tmax_lv = 0
\tmax_pv = 0
\tmetadata_copies = 0

\tphysical_volumes {

${pvs}\t}

\tlogical_volumes {

${visible.join('\n')}
${hidden.join('\n')}\t}

}
`;
}
