#!/usr/bin/env bash
# Real LVM metadata backups and archives for the metadata and backups tests, written by the
# host's own lvm2 (Debian's 2.03.16 here) on loop devices, without device-mapper:
#   - a private LVM_SYSTEM_DIR whose lvm.conf disables activation and accepts only our loops;
#   - linear, striped, raid0, cache-pool + cache through ordinary lvcreate/lvconvert;
#   - thin pool + thin LVs, raid1/5/10, mirror, snapshot (and a merging one), writecache,
#     integrity and vdo through vgcfgbackup -> LV sections added as text -> vgcfgrestore --force
#     (lvm2 validates and rewrites them; kinds it refuses are logged and left out);
#   - a pending thin-pool message from a failed thin lvremove;
#   - a missing PV (a loop detached, then a metadata write);
#   - broken variants with lvm2's own verdict (`vgcfgrestore --test -f`) beside each.
# Output: test/fixtures/metadata/{backup,archive,restored,broken} and a selection in
# samples/metadata/{backup,archive}. Needs root, losetup and lvm2 (installed on Debian if missing).
# Usage: sudo scripts/make-lvm-fixtures.sh [OUTDIR]   (default: test/fixtures/metadata)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/test/fixtures/metadata}
SAMPLES=$ROOT/samples/metadata

if [ "$(id -u)" != 0 ]; then echo "make-lvm-fixtures: needs root (loop devices)" >&2; exit 2; fi
if [ ! -e /dev/loop-control ]; then echo "make-lvm-fixtures: no /dev/loop-control" >&2; exit 2; fi
if ! command -v lvm >/dev/null; then
  if [ -f /etc/debian_version ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lvm2 thin-provisioning-tools
  else
    echo "make-lvm-fixtures: lvm2 is missing" >&2; exit 2
  fi
fi

T=$(mktemp -d /tmp/bw-lvmfix.XXXXXX)
LOOPS=()
cleanup() {
  local rc=$?
  for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null || true; done
  rm -rf "$T"
  exit $rc
}
trap cleanup EXIT INT TERM

export LVM_SYSTEM_DIR=$T/lvm LVM_SUPPRESS_FD_WARNINGS=1
mkdir -p "$T/lvm/backup" "$T/lvm/archive" "$T/lock" "$T/work"
LOG=$T/work/log.txt
log() { echo "$*" | tee -a "$LOG" >&2; }

NLOOPS=10
for i in $(seq 0 $((NLOOPS - 1))); do
  truncate -s 256M "$T/disk$i.img"
  LOOPS+=("$(losetup -f --show "$T/disk$i.img")")
done
filter=""
for l in "${LOOPS[@]}"; do filter+="\"a|^${l}\$|\", "; done

cat >"$T/lvm/lvm.conf" <<EOF
global {
  activation = 0
  use_lvmpolld = 0
  event_activation = 0
  locking_dir = "$T/lock"
  notify_dbus = 0
}
devices {
  scan = [ "/dev" ]
  obtain_device_list_from_udev = 0
  external_device_info_source = "none"
  global_filter = [ ${filter}"r|.*|" ]
  filter = [ ${filter}"r|.*|" ]
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
  backup_dir = "$T/lvm/backup"
  archive_dir = "$T/lvm/archive"
  retain_min = 1000
}
EOF

# Run lvm; on failure log the command and its output, never abort the script.
run() {
  local out rc=0
  out=$(lvm "$@" 2>&1) || rc=$?
  if [ $rc -ne 0 ]; then log "FAILED ($rc): lvm $* :: $(echo "$out" | grep -v 'Activation disabled' | tr '\n' ' ')"; fi
  return $rc
}

# The text helper: add LV sections (templates with @ID@ and @ALLOC(pvN,count)@ placeholders) to a
# vgcfgbackup file, allocating free extents on the named PV, and bump seqno.
cat >"$T/work/edit.js" <<'EOF'
const fs = require('fs');
const [file, tmplFile] = process.argv.slice(2);
let text = fs.readFileSync(file, 'utf8');
const tmpl = fs.readFileSync(tmplFile, 'utf8');
const used = {};
// Extents already used: every striped segment's stripes.
const segRe = /extent_count = (\d+)[^}]*?type = "striped"\s*stripe_count = (\d+)[^}]*?stripes = \[([^\]]*)\]/gs;
for (const m of text.matchAll(segRe)) {
  const per = Number(m[1]) / Number(m[2]);
  const items = [...m[3].matchAll(/"([^"]+)",\s*(\d+)/g)];
  for (const it of items) for (let e = Number(it[2]); e < Number(it[2]) + per; e++) (used[it[1]] ??= new Set()).add(e);
}
const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const id = () => {
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return [s.slice(0, 6), s.slice(6, 10), s.slice(10, 14), s.slice(14, 18), s.slice(18, 22), s.slice(22, 26), s.slice(26)].join('-');
};
const alloc = (pv, n) => {
  const u = (used[pv] ??= new Set());
  for (let s = 0; ; s++) {
    let ok = true;
    for (let e = s; e < s + n; e++) if (u.has(e)) { ok = false; break; }
    if (ok) { for (let e = s; e < s + n; e++) u.add(e); return `"${pv}", ${s}`; }
  }
};
const now = Math.floor(Date.now() / 1000);
const lvs = tmpl
  .replace(/@ID@/g, () => id())
  .replace(/@NOW@/g, String(now))
  .replace(/@ALLOC\((pv\d+),(\d+)\)@/g, (_, pv, n) => alloc(pv, Number(n)));
const at = text.indexOf('logical_volumes {');
if (at >= 0) {
  const open = at + 'logical_volumes {'.length;
  text = text.slice(0, open) + '\n' + lvs + text.slice(open);
} else {
  // No LVs yet: add the block before the VG's closing brace (the last "}" before contents end).
  const end = text.lastIndexOf('\n}');
  text = text.slice(0, end) + '\nlogical_volumes {\n' + lvs + '\n}' + text.slice(end);
}
text = text.replace(/seqno = (\d+)/, (_, n) => `seqno = ${Number(n) + 1}`);
fs.writeFileSync(file, text);
EOF

lv() { # name visible(1/0) segment-body... (one segment per argument; extents counted by caller)
  local name=$1 vis=$2; shift 2
  local st='"READ", "WRITE"'
  [ "$vis" = 1 ] && st+=', "VISIBLE"'
  printf '%s {\nid = "@ID@"\nstatus = [%s]\nflags = []\ncreation_time = @NOW@\ncreation_host = "fixture"\nsegment_count = %d\n' "$name" "$st" $#
  local i=1
  for s in "$@"; do printf 'segment%d {\n%s\n}\n' $i "$s"; i=$((i + 1)); done
  printf '}\n'
}
linseg() { printf 'start_extent = %d\nextent_count = %d\ntype = "striped"\nstripe_count = 1\nstripes = [\n@ALLOC(%s,%d)@\n]' "$1" "$2" "$3" "$2"; }

# Add LVs (template on stdin) to VG $1 via backup, edit, forced restore; then a tag change so lvm2
# itself writes an archive (before) and a backup (after). $2 names the step in the log.
add_by_restore() {
  local vg=$1 step=$2
  local f=$T/work/$step.vg tm=$T/work/$step.tmpl
  cat >"$tm"
  run vgcfgbackup -f "$f" "$vg" || return 1
  node "$T/work/edit.js" "$f" "$tm"
  cp "$f" "$T/work/$step.edited.vg"
  if run vgcfgrestore --force -f "$f" "$vg"; then
    run vgchange --addtag "added_$step" "$vg" || true
    log "ok: $step restored into $vg"
    return 0
  fi
  log "refused: $step ($vg)"
  return 1
}

VGA='vg.data+1'
VGK='vgkinds'
VGM='vg_miss-2'
run pvcreate -q "${LOOPS[@]}" || true
# VG A: ordinary commands only (names with odd characters).
run vgcreate -s 4m "$VGA" "${LOOPS[0]}" "${LOOPS[1]}" || true
run lvcreate -an -Zn -Wn -y -L 8m -n 'lv+a.b_2' "$VGA" || true
run lvcreate -an -Zn -Wn -y -L 16m -i 2 -I 64k -n 'stripe.s-1' "$VGA" || true
run lvcreate -an -Zn -Wn -y --type raid0 -L 16m -i 2 -I 64k -n r0 "$VGA" || true
run lvextend -q -L +4m "$VGA/lv+a.b_2" || true
run lvcreate -an -y --type cache-pool -L 8m -n cpool "$VGA" "${LOOPS[1]}" || true
run lvcreate -an -Zn -Wn -y -L 12m -n home "$VGA" "${LOOPS[0]}" || true
run lvconvert -y -Zn --type cache --cachepool "$VGA/cpool" "$VGA/home" || true
run lvrename "$VGA" 'lv+a.b_2' 'lv+a.b_3' || true
run lvchange --addtag 'owner:db' "$VGA/lv+a.b_3" || true

# VG K: the kinds lvm2 creates only with device-mapper, added as text, one step at a time.
run vgcreate -s 4m "$VGK" "${LOOPS[2]}" "${LOOPS[3]}" "${LOOPS[4]}" "${LOOPS[5]}" || true
run lvcreate -an -Zn -Wn -y -L 8m -n base "$VGK" "${LOOPS[2]}" || true

add_by_restore "$VGK" thin <<EOF || true
$(lv pool0 1 'start_extent = 0
extent_count = 4
type = "thin-pool"
metadata = "pool0_tmeta"
pool = "pool0_tdata"
transaction_id = 2
chunk_size = 128
discards = "passdown"
zero_new_blocks = 1')
$(lv thin1 1 'start_extent = 0
extent_count = 8
type = "thin"
thin_pool = "pool0"
transaction_id = 0
device_id = 1')
$(lv thin2 1 'start_extent = 0
extent_count = 8
type = "thin"
thin_pool = "pool0"
transaction_id = 1
device_id = 2')
$(lv lvol0_pmspare 0 "$(linseg 0 1 pv1)")
$(lv pool0_tmeta 0 "$(linseg 0 1 pv2)")
$(lv pool0_tdata 0 "$(linseg 0 4 pv1)")
EOF

add_by_restore "$VGK" raid1 <<EOF || true
$(lv r1 1 'start_extent = 0
extent_count = 2
type = "raid1"
device_count = 2
region_size = 1024
raids = [
"r1_rmeta_0", "r1_rimage_0",
"r1_rmeta_1", "r1_rimage_1"
]')
$(lv r1_rmeta_0 0 "$(linseg 0 1 pv0)")
$(lv r1_rimage_0 0 "$(linseg 0 2 pv0)")
$(lv r1_rmeta_1 0 "$(linseg 0 1 pv1)")
$(lv r1_rimage_1 0 "$(linseg 0 2 pv1)")
EOF

add_by_restore "$VGK" raid5 <<EOF || true
$(lv r5 1 'start_extent = 0
extent_count = 4
type = "raid5_ls"
device_count = 3
stripe_size = 128
region_size = 1024
raids = [
"r5_rmeta_0", "r5_rimage_0",
"r5_rmeta_1", "r5_rimage_1",
"r5_rmeta_2", "r5_rimage_2"
]')
$(lv r5_rmeta_0 0 "$(linseg 0 1 pv0)")
$(lv r5_rimage_0 0 "$(linseg 0 2 pv0)")
$(lv r5_rmeta_1 0 "$(linseg 0 1 pv1)")
$(lv r5_rimage_1 0 "$(linseg 0 2 pv1)")
$(lv r5_rmeta_2 0 "$(linseg 0 1 pv2)")
$(lv r5_rimage_2 0 "$(linseg 0 2 pv2)")
EOF

add_by_restore "$VGK" raid10 <<EOF || true
$(lv r10 1 'start_extent = 0
extent_count = 4
type = "raid10"
device_count = 4
stripe_size = 128
region_size = 1024
raids = [
"r10_rmeta_0", "r10_rimage_0",
"r10_rmeta_1", "r10_rimage_1",
"r10_rmeta_2", "r10_rimage_2",
"r10_rmeta_3", "r10_rimage_3"
]')
$(lv r10_rmeta_0 0 "$(linseg 0 1 pv0)")
$(lv r10_rimage_0 0 "$(linseg 0 2 pv0)")
$(lv r10_rmeta_1 0 "$(linseg 0 1 pv1)")
$(lv r10_rimage_1 0 "$(linseg 0 2 pv1)")
$(lv r10_rmeta_2 0 "$(linseg 0 1 pv2)")
$(lv r10_rimage_2 0 "$(linseg 0 2 pv2)")
$(lv r10_rmeta_3 0 "$(linseg 0 1 pv3)")
$(lv r10_rimage_3 0 "$(linseg 0 2 pv3)")
EOF

add_by_restore "$VGK" mirror <<EOF || true
$(lv m1 1 'start_extent = 0
extent_count = 2
type = "mirror"
mirror_count = 2
mirror_log = "m1_mlog"
region_size = 1024
mirrors = [
"m1_mimage_0", 0,
"m1_mimage_1", 0
]')
$(lv m1_mlog 0 "$(linseg 0 1 pv2)")
$(lv m1_mimage_0 0 "$(linseg 0 2 pv0)")
$(lv m1_mimage_1 0 "$(linseg 0 2 pv1)")
EOF

add_by_restore "$VGK" snapshot <<EOF || true
$(lv orig 1 "$(linseg 0 4 pv3)")
$(lv snap1 1 "$(linseg 0 2 pv3)")
$(lv snap2 1 "$(linseg 0 2 pv3)")
snapshot0 {
id = "@ID@"
status = ["READ", "VISIBLE"]
flags = []
creation_time = @NOW@
creation_host = "fixture"
segment_count = 1
segment1 {
start_extent = 0
extent_count = 4
type = "snapshot"
chunk_size = 8
origin = "orig"
cow_store = "snap1"
}
}
snapshot1 {
id = "@ID@"
status = ["READ", "VISIBLE"]
flags = []
creation_time = @NOW@
creation_host = "fixture"
segment_count = 1
segment1 {
start_extent = 0
extent_count = 4
type = "snapshot"
chunk_size = 8
origin = "orig"
merging_store = "snap2"
}
}
EOF

add_by_restore "$VGK" writecache <<EOF || true
$(lv wc 1 'start_extent = 0
extent_count = 4
type = "writecache"
writecache = "fast_cvol"
origin = "wc_wcorig"
writecache_block_size = 4096')
$(lv wc_wcorig 0 "$(linseg 0 4 pv2)")
fast_cvol {
id = "@ID@"
status = ["READ", "WRITE"]
flags = ["CACHE_VOL"]
creation_time = @NOW@
creation_host = "fixture"
segment_count = 1
segment1 {
$(linseg 0 2 pv3)
}
}
EOF

add_by_restore "$VGK" integrity <<EOF || true
$(lv il 1 'start_extent = 0
extent_count = 2
type = "integrity"
origin = "il_iorig"
data_sectors = 16384
mode = "J"
tag_size = 4
block_size = 512
internal_hash = "crc32c"
meta_dev = "il_imeta"')
$(lv il_iorig 0 "$(linseg 0 2 pv2)")
$(lv il_imeta 0 "$(linseg 0 1 pv2)")
EOF

add_by_restore "$VGK" vdo <<EOF || true
$(lv vd 1 'start_extent = 0
extent_count = 16
type = "vdo"
vdo_pool = "vpool"
vdo_offset = 0')
$(lv vpool 0 'start_extent = 0
extent_count = 4
type = "vdo-pool"
data = "vpool_vdata"
header_size = 512
virtual_extents = 16
use_compression = 1
use_deduplication = 1
use_metadata_hints = 1
minimum_io_size = 4096
block_map_cache_size_mb = 128
block_map_era_length = 16380
use_sparse_index = 0
index_memory_size_mb = 256
max_discard = 1
slab_size_mb = 2048
ack_threads = 1
bio_threads = 1
bio_rotation = 64
cpu_threads = 2
hash_zone_threads = 1
logical_threads = 1
physical_threads = 1
write_policy = "auto"')
$(lv vpool_vdata 0 "$(linseg 0 4 pv3)")
EOF

# A failed thin removal (no device-mapper) still commits metadata with a pending delete message.
run lvremove -y "$VGK/thin2" || true

# VG M: a missing PV. An LV spans two PVs; detach the second loop; a tag change (which lvm2
# allows on a VG with a missing PV, unlike lvcreate) writes metadata with flags = ["MISSING"].
run vgcreate -s 4m "$VGM" "${LOOPS[6]}" "${LOOPS[7]}" "${LOOPS[8]}" || true
run lvcreate -an -Zn -Wn -y -l 70 -n spans "$VGM" "${LOOPS[6]}" "${LOOPS[7]}" || true
run lvcreate -an -Zn -Wn -y -l 2 -n safe "$VGM" "${LOOPS[8]}" || true
losetup -d "${LOOPS[7]}"
run vgchange --addtag after_loss "$VGM" || true
run lvcreate -an -Zn -Wn -y -l 1 -n refused "$VGM" "${LOOPS[8]}" || true

# Broken variants of a restorable file, each with lvm2's verdict.
mkdir -p "$T/broken"
run vgcfgbackup -f "$T/work/kinds-current.vg" "$VGK" || true
run vgcfgbackup -f "$T/work/a-current.vg" "$VGA" || true
cat >"$T/work/break.js" <<'EOF'
const fs = require('fs');
const [src, dir] = process.argv.slice(2);
const text = fs.readFileSync(src, 'utf8');
const out = {};
const once = (name, re, fn) => { const t = text.replace(re, fn); if (t !== text) out[name] = t; };
// Two LVs claim the same extents: point the second striped segment at the first one's extents.
{
  const segs = [...text.matchAll(/stripes = \[\s*"(pv\d+)", (\d+)\s*\]/g)];
  if (segs.length > 1) {
    const [a, b] = segs;
    out['overlap'] = text.slice(0, b.index) + `stripes = [\n"${a[1]}", ${a[2]}\n]` + text.slice(b.index + b[0].length);
  }
}
once('out-of-range', /stripes = \[\s*"(pv\d+)", \d+\s*\]/, (_, pv) => `stripes = [\n"${pv}", 64\n]`);
once('undefined-pv', /stripes = \[\s*"pv\d+", (\d+)\s*\]/, (_, pe) => `stripes = [\n"pv7", ${pe}\n]`);
once('undefined-lv', /thin_pool = "[^"]+"/, () => 'thin_pool = "nope"');
once('undefined-lv-origin', /origin = "orig"/, () => 'origin = "nope"');
once('segment-count', /segment_count = 1/, () => 'segment_count = 2');
{
  const ids = [...text.matchAll(/^(\t*)id = "([^"]+)"/gm)];
  // ids[0] is the VG, then PVs, then LVs: copy the first LV id onto the second LV.
  const lvStart = text.indexOf('logical_volumes {');
  const lvIds = ids.filter((m) => m.index > lvStart);
  if (lvIds.length > 1) {
    const [a, b] = lvIds;
    out['duplicate-id'] = text.slice(0, b.index) + `${b[1]}id = "${a[2]}"` + text.slice(b.index + b[0].length);
  }
}
once('unknown-status', /status = \["READ", "WRITE", "VISIBLE"\]/, () => 'status = ["READ", "WRITE", "VISIBLE", "BOGUS"]');
once('unknown-segtype', /type = "striped"/, () => 'type = "stripy"');
once('syntax', /(segment1 \{)/, () => 'segment1 {{');
once('pe-count-huge', /pe_count = \d+/, () => 'pe_count = 100000');
once('gap', /start_extent = 0(\s+extent_count = \d+\s+type = "thin")/, (_, rest) => `start_extent = 1${rest}`);
for (const [k, v] of Object.entries(out)) fs.writeFileSync(`${dir}/${k}.vg`, v);
EOF
# Drop lines about the missing device-mapper and test mode: they are this harness, not the verdict.
noise() { grep -v -e 'Activation disabled' -e 'TEST MODE' -e '/dev/mapper/control' -e 'device-mapper' -e 'libdevmapper' -e 'Failed to check for active volumes' | sed -e "s|$T/b1/|$prefix-|" -e "s|$T/work/||" || true; }
verdicts() { # src vg prefix
  local src=$1 vg=$2 prefix=$3
  [ -f "$src" ] || return 0
  mkdir -p "$T/b1"; rm -f "$T/b1"/*
  node "$T/work/break.js" "$src" "$T/b1"
  for f in "$T/b1"/*.vg; do
    local name rc=0 out
    name=$prefix-$(basename "$f")
    cp "$f" "$T/broken/$name"
    out=$(lvm vgcfgrestore --test --force -f "$f" "$vg" 2>&1) || rc=$?
    { echo "# lvm2 verdict: vgcfgrestore --test --force -f $name $vg"; echo "# $(lvm version 2>/dev/null | head -1 | sed 's/^ *//')"; echo "rc=$rc";
      echo "$out" | noise ; } >"$T/broken/$name.verdict"
  done
  # The unbroken file itself, as the control.
  local rc=0 out
  cp "$src" "$T/broken/$prefix-ok.vg"
  out=$(lvm vgcfgrestore --test --force -f "$src" "$vg" 2>&1) || rc=$?
  { echo "# lvm2 verdict: vgcfgrestore --test --force -f $prefix-ok.vg $vg"; echo "# $(lvm version 2>/dev/null | head -1 | sed 's/^ *//')"; echo "rc=$rc"; echo "$out" | noise; } >"$T/broken/$prefix-ok.vg.verdict"
}
verdicts "$T/work/kinds-current.vg" "$VGK" kinds
verdicts "$T/work/a-current.vg" "$VGA" data

# Collect. Real file names (with the odd VG names) are kept.
rm -rf "$OUT/backup" "$OUT/archive" "$OUT/broken" "$OUT/restored"
mkdir -p "$OUT/backup" "$OUT/archive" "$OUT/broken" "$OUT/restored"
cp -a "$T/lvm/backup/." "$OUT/backup/"
cp -a "$T/lvm/archive/." "$OUT/archive/"
cp -a "$T/broken/." "$OUT/broken/"
for f in "$T/work"/*.edited.vg; do [ -f "$f" ] && cp "$f" "$OUT/restored/"; done
lvm version 2>/dev/null | head -2 >"$OUT/LVM-VERSION"
cp "$LOG" "$OUT/make-log.txt"
chmod -R u+rwX,go+rX "$OUT"

if [ -n "${1:-}" ]; then log "fixtures written to $OUT (samples untouched)"; exit 0; fi
rm -rf "$SAMPLES/backup" "$SAMPLES/archive"
mkdir -p "$SAMPLES/backup" "$SAMPLES/archive"
cp "$OUT/backup/"* "$SAMPLES/backup/"
# A selection of archives: the first and last of each VG.
for vg in "$VGA" "$VGK" "$VGM"; do
  ls "$OUT/archive" | grep -F "${vg}_" | sort -V | sed -n '1p;$p' | while read -r f; do cp "$OUT/archive/$f" "$SAMPLES/archive/"; done
done
chmod -R u+rwX,go+rX "$SAMPLES"
log "fixtures written to $OUT"
