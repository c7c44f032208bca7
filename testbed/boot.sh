#!/usr/bin/env bash
# Stage 5: boot Xen with the built kernel as PV dom0 under QEMU.
# usage: boot.sh check|run|bench|shell   (ACCEL=kvm for a host with real
# nested virtualisation; BOOT_TIMEOUT=seconds caps the whole run;
# XEN_CMDLINE and DOM0_CMDLINE add options, later ones win)
. "$(dirname "$0")/lib.sh"
mode=${1:-check}
xen=$BUILD/xen-4.17.elf
log=$RUN_DIR/serial.log
mkdir -p "$RUN_DIR"

[ -f "$xen" ] || zcat /boot/xen-4.17-amd64.gz >"$xen"
# SVM (emulated by TCG) lets Xen run the PVH peer of display_buffers
case "${ACCEL:-tcg}" in
tcg) accel=(-accel tcg,thread=multi -cpu qemu64,+svm,+npt) ;;
kvm) accel=(-accel kvm -cpu host) ;;
*) die "ACCEL must be tcg or kvm" ;;
esac
xen_cmd="dom0_mem=1024M,max:1024M dom0_max_vcpus=2 console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all noreboot ${XEN_CMDLINE:-}"
dom0_cmd="console=hvc0 earlyprintk=xen testbed=$mode ${DOM0_CMDLINE:-}"
# -initrd splits modules at a comma; a doubled one stands for itself
qemu=(qemu-system-x86_64 "${accel[@]}" -m 2048 -smp 2 -nographic -no-reboot
	-kernel "$xen" -append "$xen_cmd"
	-initrd "$OBJ/arch/x86/boot/bzImage ${dom0_cmd//,/,,},$IMG_DIR/initramfs.cpio.gz")

stage "boot: Xen + dom0 ($mode, ${ACCEL:-tcg}; log: $log)"
if [ "$mode" = shell ]; then
	"${qemu[@]}" | tee "$log"
	exit 0
fi
limit=${BOOT_TIMEOUT:-2400}
rc=0
timeout --foreground "$limit" "${qemu[@]}" </dev/null >"$log" 2>&1 &
pid=$!
# Show the milestones as they pass, not the whole console.
tail -n +1 -F --pid=$pid "$log" 2>/dev/null |
	grep --line-buffered -E '^testbed: |\(XEN\) Xen version' |
	while read -r line; do
		line=${line//[^[:print:]]/}
		printf '    %4ds %s\n' $((SECONDS - STAGE_T0)) "${line#*\[2J}"
	done &
wait $pid || rc=$?
sleep 1
if [ $rc -eq 124 ]; then
	echo "boot: still running after ${limit}s, stopped" >&2
fi
if ! grep -q 'Xen version' "$log"; then
	die "Xen never started (see $log)"
elif ! grep -q 'Linux version' "$log"; then
	die "Xen did not start the dom0 kernel (see $log)"
elif ! grep -q '^testbed: dom0 reached /init' "$log"; then
	die "dom0 never reached /init (see $log)"
elif ! grep -q '^testbed: poweroff' "$log"; then
	die "dom0 reached /init but the $mode run did not finish (see $log)"
fi
stage_done
