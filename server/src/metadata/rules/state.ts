// States an admin must know before activating or restoring: missing PVs, thin/cache tools,
// pending snapshot merges, queued thin-pool messages, --force on restore.
import { get } from '../config';
import type { LV, MetadataModel } from '../types';
import type { Emit } from './emit';
import { isRaid, PV_FLAGS, PV_STATUS, VG_FLAGS, VG_STATUS } from './flags';

/** -1, 0, 1 comparing dotted versions (2.02.177 < 2.02.178 < 2.03.0). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function checkState(m: MetadataModel, emit: Emit, target?: string): void {
  const vg = m.vg;
  if (!vg) return;
  for (const f of vg.status) if (!VG_STATUS.has(f.name)) emit(undefined, f.s, f.e, 'unknown-flag', 'error', `lvm2 does not know the VG status flag "${f.name}" and refuses the whole file.`);
  for (const f of vg.flags) if (!VG_FLAGS.has(f.name)) emit(undefined, f.s, f.e, 'unknown-flag', 'error', `lvm2 does not know the VG flag "${f.name}" and refuses the whole file.`);
  for (const pv of vg.pvs) {
    for (const f of pv.status) if (!PV_STATUS.has(f.name)) emit(undefined, f.s, f.e, 'unknown-flag', 'error', `lvm2 does not know the PV status flag "${f.name}" and refuses the whole file.`);
    for (const f of pv.flags) if (!PV_FLAGS.has(f.name)) emit(undefined, f.s, f.e, 'unknown-flag', 'error', `lvm2 does not know the PV flag "${f.name}" and refuses the whole file.`);
    for (const [key, kind] of [['id', 'string'], ['pe_start', 'number'], ['pe_count', 'number']] as const) {
      const a = get(pv.sec, key);
      if (!a || a.value?.kind !== kind) emit(undefined, a?.s ?? pv.sec.ns, a?.e ?? pv.sec.ne, 'missing-field', 'error', `${pv.key} ${a ? `has a non-${kind} ${key}` : `has no ${key}`}; lvm2 refuses the file.`);
    }
  }
  for (const [key, kind] of [['id', 'string'], ['seqno', 'number'], ['extent_size', 'number']] as const) {
    const a = get(vg.sec, key);
    if (!a || a.value?.kind !== kind) emit(undefined, a?.s ?? vg.sec.ns, a?.e ?? vg.sec.ne, 'missing-field', 'error', `VG ${vg.name} ${a ? `has a non-${kind} ${key}` : `has no ${key}`}; lvm2 refuses the file.`);
  }

  // Missing PVs and what they take down.
  const missing = vg.pvs.filter((p) => p.missing);
  if (missing.length) {
    const users = new Map<string, Set<string>>();
    for (const lv of vg.lvs) for (const seg of lv.segments) for (const a of seg.areas) if (a.kind === 'pv' && vg.pvByKey.get(a.name)?.missing) (users.get(a.name) ?? users.set(a.name, new Set()).get(a.name)!).add(topOf(lv, vg.lvs));
    for (const pv of missing) {
      const f = pv.flags.find((x) => x.name === 'MISSING')!;
      const hit = [...(users.get(pv.key) ?? [])];
      const lvs = hit.length ? `LVs with extents on it: ${hit.slice(0, 8).join(', ')}${hit.length > 8 ? ` and ${hit.length - 8} more` : ''} — they activate only with --activationmode partial (RAID/mirror: degraded).` : 'No LV has extents on it: vgreduce --removemissing drops it safely.';
      emit(undefined, f.s, f.e, 'missing-pv', 'warning', `${pv.key} (last seen as ${pv.device ?? 'unknown device'}) is MISSING: the VG is partial. ${lvs} lvm2 refuses most metadata changes until vgextend --restoremissing (device back) or lvconvert --repair / vgreduce --removemissing (device gone).`);
    }
  }

  // Thin and cache pools need thin-provisioning-tools at activation.
  const version = m.header.version ?? target;
  const thinPools: LV[] = [];
  const caches: LV[] = [];
  for (const lv of vg.lvs) {
    for (const seg of lv.segments) {
      if (seg.baseType === 'thin-pool' && !thinPools.includes(lv)) thinPools.push(lv);
      if (seg.baseType === 'cache' || seg.baseType === 'cache-pool' || seg.baseType === 'writecache') {
        if (seg.baseType !== 'writecache' && !caches.includes(lv)) caches.push(lv);
      }
      if (seg.baseType === 'snapshot') {
        const ms = get(seg.sec, 'merging_store');
        if (ms?.value) emit(lv, ms.value.s, ms.value.e, 'snapshot-merging', 'warning', `Snapshot ${str(ms) ?? ''} is merging into ${seg.refs.find((r) => r.role === 'origin')?.name ?? 'its origin'}: the merge runs at the origin's next activation, after which the snapshot is gone.`);
      }
      if (seg.baseType === 'thin' && get(seg.sec, 'merge')?.value) {
        const mg = get(seg.sec, 'merge')!;
        emit(lv, mg.value!.s, mg.value!.e, 'snapshot-merging', 'warning', `Thin snapshot merge pending into ${lv.name}: it runs at the next activation.`);
      }
      for (const msg of seg.messages) {
        const what = msg.create !== undefined ? `create thin LV "${msg.create}"` : msg.delete !== undefined ? `delete thin device ${msg.delete}` : 'an unknown message';
        emit(lv, msg.s, msg.s + msg.key.length, 'thin-pending-message', 'warning', `Thin pool ${lv.name} has a queued message (${what}) that the pool's kernel metadata has not received; lvm2's transaction_id is ahead of the pool's until it is delivered at the next pool activation.`);
      }
    }
  }
  // One finding for the file (at the first such LV), naming every pool and cache LV and the tools.
  if (thinPools.length || caches.length) {
    const tools = [...(thinPools.length ? ['thin_check'] : []), ...(caches.length ? ['cache_check'] : [])];
    const tool = tools.join(' and ');
    let when: string;
    if (!version) when = `lvm2 up to 2.02.177 cannot activate them without ${tool}; from 2.02.178 it activates them unchecked with a warning`;
    else if (compareVersions(version, '2.02.177') <= 0) when = `this file was written by lvm2 ${version}, which refuses to activate them when ${tool} is missing ("Check of pool … failed")`;
    else when = `this file was written by lvm2 ${version}, which activates them without checking (warning "Check is skipped") when ${tool} is missing`;
    const names = (l: LV[]) => l.slice(0, 8).map((x) => x.name).join(', ') + (l.length > 8 ? ` and ${l.length - 8} more` : '');
    const what = [thinPools.length ? `thin pool${thinPools.length === 1 ? '' : 's'} ${names(thinPools)}` : '', caches.length ? `cache LV${caches.length === 1 ? '' : 's'} ${names(caches)}` : ''].filter(Boolean).join('; ');
    const first = [...thinPools, ...caches].sort((x, y) => x.base - y.base)[0];
    emit(first, first.sec.ns, first.sec.ne, 'needs-thin-tools', 'warning', `VG ${vg.name} has ${what}: activation runs ${tool} from thin-provisioning-tools; ${when}. Install thin-provisioning-tools on every host (and initramfs) that activates VG ${vg.name}.`);
  }
  // A PV whose extents reach past its device: lvm2 accepts the file, but the VG cannot use the
  // space that is not there, and a restore onto that device fails later.
  if (vg.extentSize) {
    for (const pv of vg.pvs) {
      if (pv.devSize === undefined || pv.peStart === undefined || pv.peCount === undefined) continue;
      const end = pv.peStart + pv.peCount * vg.extentSize;
      if (end > pv.devSize) {
        const pc = get(pv.sec, 'pe_count');
        emit(undefined, pc?.s ?? pv.sec.ns, pc?.e ?? pv.sec.ne, 'pe-beyond-device', 'warning', `PV ${pv.key}: pe_start ${pv.peStart} + pe_count ${pv.peCount} × extent_size ${vg.extentSize} = ${end} sectors, but dev_size is ${pv.devSize} (${end - pv.devSize} sectors short). lvm2 accepts the file; the VG cannot use extents the device does not have, and restoring this file onto that device fails later.`);
      }
    }
  }
  const forced = vg.lvs.find((lv) => lv.segments.some((s) => s.baseType === 'thin-pool' || s.baseType === 'thin' || s.baseType === 'cache' || s.baseType === 'cache-pool' || s.baseType === 'writecache' || isRaid(s.baseType)));
  if (forced) emit(undefined, vg.sec.ns, vg.sec.ne, 'restore-needs-force', 'info', `VG ${vg.name} holds thin, cache or RAID LVs (e.g. ${forced.name}): vgcfgrestore needs --force, and restores only lvm2's metadata, not the pools' or RAID images' own metadata.`);
}

function str(a: ReturnType<typeof get>): string | undefined {
  return a?.value?.kind === 'string' ? a.value.value : undefined;
}

/** The visible LV a hidden sub-LV belongs to (by lvm2's name suffixes), for messages. */
export function topOf(lv: LV, _all: LV[]): string {
  const m = /^(.*?)(_rimage_\d+|_rmeta_\d+|_mimage_\d+|_mlog|_tdata|_tmeta|_cdata|_cmeta|_corig|_cpool|_cvol|_wcorig|_imeta|_iorig|_vdata)$/.exec(lv.name);
  return m ? m[1] : lv.name;
}
