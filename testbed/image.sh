#!/usr/bin/env bash
# Stage 4: the dom0 initramfs: busybox, the installed kselftests, /init.
. "$(dirname "$0")/lib.sh"
root=$BUILD/initramfs
out=$BUILD/initramfs.cpio.gz

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

install -m 755 "$TOP/testbed/init" "$root/init"
install -m 755 "$TOP/testbed/demo.sh" "$root/bin/demo.sh"
install -m 755 "$TOP/testbed/poweroff" "$root/sbin/poweroff"
rm -f "$root/bin/poweroff"
cp -a "$OBJ/kselftest_install" "$root/kselftest"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
printf '    %s: %s\n' "$out" "$(du -h "$out" | cut -f1)"
stage_done
