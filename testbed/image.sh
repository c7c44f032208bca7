#!/usr/bin/env bash
# Stage 4: the dom0 initramfs: busybox, the installed kselftests, /init.
. "$(dirname "$0")/lib.sh"
root=$IMG_DIR/initramfs
out=$IMG_DIR/initramfs.cpio.gz

stage "image: initramfs"
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,root}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

# Host binaries with the libraries they load (coreutils' timeout: the
# kselftest runner wants --foreground, which busybox lacks).
copy_bin() {
	local bin=$1 lib
	install -D "$bin" "$root$bin"
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		[ -e "$root$lib" ] || install -D "$lib" "$root$lib"
	done
}
copy_bin /usr/bin/timeout
copy_bin /bin/bash
copy_bin /usr/bin/flock

# The kernel's modules, and Debian's kmod to load them (busybox's modprobe
# lacks what distro initramfs tools use).
kmake modules_install INSTALL_MOD_PATH="$root" INSTALL_MOD_STRIP=1 >/dev/null
copy_bin /usr/bin/kmod
for t in modprobe rmmod insmod lsmod modinfo depmod; do
	ln -sf /usr/bin/kmod "$root/sbin/$t"
	rm -f "$root/bin/$t"
done

# make bench PROFILE=1: the host's perf (it samples cpu-clock in a PV dom0)
if [ "${PROFILE:-}" = 1 ]; then
	[ -x /usr/bin/perf ] || "$TOP/testbed/deps.sh" linux-perf
	perf=$(readlink -f /usr/bin/perf)
	copy_bin "$perf"
	[ "$perf" = /usr/bin/perf ] || ln -sf "$perf" "$root/usr/bin/perf"
fi

# The Xen toolstack, to run the peer domU of the foreign-grant tests.
xenbin=/usr/lib/xen-4.17/bin
for b in xl xenstored xenconsoled xen-init-dom0; do
	copy_bin "$xenbin/$b"
done
# xl's hotplug scripts for the peer's disks and vifs, and the xenstore-*
# tools they call
copy_bin /usr/bin/xenstore
for t in /usr/bin/xenstore-*; do ln -sf xenstore "$root$t"; done
# pthread_cancel() dlopens it; ldd does not list it
install -D /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 "$root/usr/lib/x86_64-linux-gnu/libgcc_s.so.1"
mkdir -p "$root"/{etc/xen,var/lib/xen,var/log/xen,var/run/xen,var/lock}
: >"$root/etc/xen/xl.conf"
cp -a /etc/xen/scripts "$root/etc/xen/scripts"

# The peer domU: the same kernel, busybox and the selftests' grant agent.
domu=$IMG_DIR/domu-initramfs
rm -rf "$domu" && mkdir -p "$domu"/{bin,proc,sys,dev}
cp /bin/busybox "$domu/bin/busybox"
for applet in $(/bin/busybox --list); do
	[ -e "$domu/bin/$applet" ] || ln -s busybox "$domu/bin/$applet"
done
install -m 755 "$TOP/testbed/domu-init" "$domu/init"
install -m 755 "$OBJ/kselftest_install/xen/xen_peer_agent" "$domu/xen_peer_agent"
mkdir -p "$root/usr/share/xen-selftest"
(cd "$domu" && find . | cpio -o -H newc --quiet | gzip -1) >"$root/usr/share/xen-selftest/domU.cpio.gz"
cp "$OBJ/arch/x86/boot/bzImage" "$root/usr/share/xen-selftest/bzImage"

install -m 755 "$TOP/testbed/init" "$root/init"
install -m 644 "$TOP/testbed/kmsg-bad" "$root/etc/kmsg-bad"
install -m 755 "$TOP/testbed/demo.sh" "$root/bin/demo.sh"
install -m 755 "$TOP/testbed/poweroff" "$root/sbin/poweroff"
rm -f "$root/bin/poweroff"
cp -a "$OBJ/kselftest_install" "$root/kselftest"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
printf '    %s: %s\n' "$out" "$(du -h "$out" | cut -f1)"
stage_done
