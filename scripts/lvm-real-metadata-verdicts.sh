#!/usr/bin/env bash
# Record what the real lvm2 says about every real backup/archive file in
# test/fixtures/metadata/real/ (sources: SOURCES.md there), beside each file as FILE.verdict.
#
# For each file, in a private LVM_SYSTEM_DIR that only sees this run's loop devices:
#   1. one sparse loop device per PV of the file, as large as its dev_size;
#   2. `pvcreate --uuid ID --restorefile FILE` on each (the documented way to bring back a PV);
#   3. `vgcfgrestore --test --force -f FILE VG`: lvm2 reads the whole file, rebuilds the VG and
#      validates it as it would before writing; --test writes nothing.
# Needs root, losetup and lvm2 (scripts/install-deps.sh).
# Usage: scripts/lvm-real-metadata-verdicts.sh [--check]   (--check: compare with the stored verdicts, write nothing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/test/fixtures/metadata/real
CHECK=0; [ "${1:-}" = --check ] && CHECK=1
DIFFER=0
command -v lvm >/dev/null || { echo "lvm2 is missing" >&2; exit 2; }
T=$(mktemp -d /tmp/bw-realmd.XXXXXX)
LOOPS=()
cleanup() {
  for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT INT TERM
export LVM_SYSTEM_DIR=$T/lvm LVM_SUPPRESS_FD_WARNINGS=1
noise() { grep -v -e 'Activation disabled' -e 'TEST MODE' -e '/dev/mapper/control' -e 'device-mapper' -e 'libdevmapper' -e 'Failed to check for active volumes' -e 'WARNING: thin pool' -e 'WARNING: Forced restore' -e '/dev/loop' -e 'Physical volume' || true; }
for f in "$DIR"/*; do
  case $f in *.verdict|*.md) continue ;; esac
  name=$(basename "$f")
  for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null || true; done
  LOOPS=()
  rm -rf "$T/lvm" "$T"/disk*.img; mkdir -p "$T/lvm/backup" "$T/lvm/archive" "$T/lock"
  vg=$(grep -m1 -E '^[^#[:space:]][^ ]* \{$' "$f" | sed 's/ {$//')
  mapfile -t ids < <(awk '/physical_volumes/{p=1} /logical_volumes/{p=0} p && /^\t\t\tid = /{gsub(/"/,"",$3); print $3}' "$f")
  mapfile -t sizes < <(awk '/physical_volumes/{p=1} /logical_volumes/{p=0} p && /dev_size = /{print $3}' "$f")
  filter=""
  for i in "${!ids[@]}"; do
    truncate -s $(( ${sizes[$i]} * 512 )) "$T/disk$i.img"
    LOOPS+=("$(losetup -f --show "$T/disk$i.img")")
  done
  for l in "${LOOPS[@]}"; do filter+="\"a|^${l}\$|\", "; done
  cat >"$T/lvm/lvm.conf" <<CONF
global { activation = 0 use_lvmpolld = 0 event_activation = 0 locking_dir = "$T/lock" notify_dbus = 0 }
devices { scan = [ "/dev" ] obtain_device_list_from_udev = 0 external_device_info_source = "none"
  global_filter = [ ${filter}"r|.*|" ] filter = [ ${filter}"r|.*|" ] use_devicesfile = 0 hints = "none" }
backup { backup = 0 archive = 0 }
CONF
  prep=0
  for i in "${!ids[@]}"; do
    lvm pvcreate -ff -y --uuid "${ids[$i]}" --restorefile "$f" "${LOOPS[$i]}" >/dev/null 2>"$T/err" || { prep=1; cat "$T/err" >&2; }
  done
  rc=0
  out=$(lvm vgcfgrestore --test --force -f "$f" "$vg" 2>&1) || rc=$?
  { echo "# lvm2 verdict: vgcfgrestore --test --force -f $name $vg (PVs recreated with pvcreate --restorefile: rc=$prep)"
    echo "# $(lvm version 2>/dev/null | head -1 | sed 's/^ *//')"
    echo "rc=$rc"
    echo "$out" | noise; } >"$T/verdict"
  if [ $CHECK = 1 ]; then
    if cmp -s "$T/verdict" "$f.verdict"; then echo "$name: rc=$rc, as recorded"; else echo "$name: rc=$rc, DIFFERS from the recorded verdict"; diff "$f.verdict" "$T/verdict" || true; DIFFER=1; fi
  else
    cp "$T/verdict" "$f.verdict"; echo "$name: rc=$rc"
  fi
done
exit $DIFFER
