#!/usr/bin/env bash
# Stage 3: configure (config/*.config and the selftests' config over
# allnoconfig), build bzImage, install the uapi headers and build + install
# the xen kselftests.
. "$(dirname "$0")/lib.sh"
mkdir -p "$OBJ" "$RUN_DIR"
log=$RUN_DIR/build.log

stage "build: config"
# The test bed's fragments, then the selftests' own config: an option it
# asks for that the kernel does not take fails the build.
frags="$(ls "$TOP"/config/*.config) $TREE/tools/testing/selftests/xen/config"
cfg_in=$(cat $frags | sha1sum | cut -d' ' -f1)
if [ ! -f "$OBJ/.config" ] || [ "$(cat "$OBJ/.config.fragments" 2>/dev/null)" != "$cfg_in" ]; then
	(cd "$TREE" && scripts/kconfig/merge_config.sh -n -O "$OBJ" $frags) >"$RUN_DIR/config.log" 2>&1 ||
		die "merge_config failed, see $RUN_DIR/config.log"
	if grep -q 'Value requested' "$RUN_DIR/config.log"; then
		grep -A2 'Value requested' "$RUN_DIR/config.log" >&2
		die "config fragments ask for options the kernel did not take"
	fi
	echo "$cfg_in" >"$OBJ/.config.fragments"
fi
kmake olddefconfig >>"$RUN_DIR/config.log" 2>&1
stage_done

stage "build: bzImage (log: $log)"
ccache -z >/dev/null 2>&1 || true
kmake bzImage modules >"$log" 2>&1 &
pid=$!
# One progress line a minute rather than the whole make output.
while kill -0 $pid 2>/dev/null; do
	for _ in $(seq 60); do kill -0 $pid 2>/dev/null && sleep 1; done
	kill -0 $pid 2>/dev/null && printf '    %ds: %d objects compiled\n' $((SECONDS - STAGE_T0)) "$(grep -c '^  CC' "$log")"
done
if ! wait $pid; then
	grep -E 'error|Error' "$log" | head -20 >&2
	die "kernel build failed, see $log"
fi
ccache -s 2>/dev/null | grep -iE '^(cacheable|hits)|Hits:' | head -2 | sed 's/^/    ccache: /' || true
stage_done

stage "build: headers and kselftests"
kmake headers_install >"$RUN_DIR/headers.log" 2>&1
inst=$OBJ/kselftest_install
rm -rf "$inst" && mkdir -p "$inst"
(cd "$TREE/tools/testing/selftests" &&
	KBUILD_OUTPUT=$OBJ MAKEFLAGS="TARGETS=xen" ./kselftest_install.sh "$inst") \
	>"$RUN_DIR/kselftest.log" 2>&1 || { tail -30 "$RUN_DIR/kselftest.log" >&2; die "kselftest build failed"; }
stage_done
