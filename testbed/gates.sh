#!/usr/bin/env bash
# Quality gates on the series, as a reviewer would run them:
#  - checkpatch --strict on every patch: no error, warning or check;
#  - every patch builds on its own: the directories of the .c files it
#    touches, every object that includes a header it touches, with the
#    options it adds switched on, and the selftests;
#  - sparse (C=2) and coccicheck on what the series touches report nothing
#    that base does not already report.
# The builds run in a worktree and object directory of their own
# (build/gates/), so build/linux and build/obj stay as they are. Each
# step's time goes to gates/times.txt.
. "$(dirname "$0")/lib.sh"
out=$RUN_DIR/gates
mkdir -p "$out"
: >"$out/times.txt"
GT=$BUILD/gates/linux
GOBJ=$BUILD/gates/obj
fail=0
bad() { printf '    FAIL %s\n' "$*"; fail=1; }
timed() {
	local t0=$SECONDS name=$1 rc=0
	shift
	"$@" || rc=$?
	printf '%5ds %s\n' $((SECONDS - t0)) "$name" >>"$out/times.txt"
	return $rc
}
# Same layout as build/linux and build/obj, so that ccache hits both.
gmake() { make -C "$GT" O="$GOBJ" -j"$JOBS" CC="ccache gcc" HOSTCC="ccache gcc" "$@"; }

stage "gates: checkpatch --strict"
cd "$TREE"
# UNKNOWN_COMMIT_ID: base is a tarball with no history to look Fixes: ids up
# in. FILE_PATH_CHANGES: answered below by asking get_maintainer.pl.
for p in $(series_patches); do
	r=$(PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --show-types \
		--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES "$p" 2>&1 || true)
	echo "$r" >"$out/checkpatch-$(basename "$p").txt"
	total=$(echo "$r" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings, \([0-9]*\) checks.*/\1 \2 \3/p')
	if [ "$total" != "0 0 0" ]; then
		bad "$(basename "$p"): ${total:-no result} (errors warnings checks)"
		echo "$r" | grep -m20 -E '^(ERROR|WARNING|CHECK)|^#' || true
	fi
done
for f in $(git diff --name-only --diff-filter=A base..HEAD); do
	scripts/get_maintainer.pl --no-git --no-rolestats -f "$f" 2>/dev/null | grep -q 'lists.xenproject.org\|linux-kselftest' ||
		bad "$f: no MAINTAINERS entry covers it"
done
head=$(git rev-parse HEAD)
series_files=$(git diff --name-only base..HEAD)
stage_done

# Directories, .c files and headers each commit touches.
touched() { git diff --no-renames --name-only "$1^" "$1"; }
# the directories of touched .c files, or also of build files (-b)
kdirs() {
	local re='\.c$'
	[ "${1:-}" = -b ] && re='(\.c|/Makefile|/Kbuild|/Kconfig[^/]*)$'
	awk -v re="$re" '!/^tools\// && $0 ~ re { sub(/\/[^\/]*$/, "/"); print }' | sort -u
}
all_dirs=$(echo "$series_files" | kdirs)
cfiles=$(echo "$series_files" | grep -v '^tools/' | grep '\.c$' || true)
# The objects of the test bed's own build (build/obj) that include one of
# the headers on stdin and whose source the checked-out commit has.
includers() {
	local h o
	while read -r h; do
		grep -rlE --include='.*.o.cmd' "^ +\.\./linux/$h( |\$)" "$OBJ" || true
	done | sed -E "s|^$OBJ/||; s|/\.([^/]*)\.cmd\$|/\1|" | sort -u |
		while read -r o; do
			case $o in scripts/* | tools/* | *.mod.o) continue ;; esac
			if [ -e "${o%.o}.c" ] || [ -e "${o%.o}.S" ]; then echo "$o"; fi
		done
}
# The test bed's config, with what a commit does not know yet dropped.
config_at_commit() {
	cp "$OBJ/.config" "$GOBJ/.config"
	gmake olddefconfig >>"$out/config.log" 2>&1
}
build_selftests() {
	mkdir -p "$out/selftests"
	make -C tools/testing/selftests/xen -j"$JOBS" "$@" OUTPUT="$out/selftests" \
		KHDR_INCLUDES="-isystem $GOBJ/usr/include" CC="ccache gcc" >>"$out/selftests.log" 2>&1
}
cocci_file() { # tree obj file log
	[ -f "$1/$3" ] || return 0
	make -C "$1" O="$2" coccicheck MODE=report J=1 M="$1/$3" >"$4" 2>&1 ||
		{ echo "coccicheck failed on $3 (see $4)" >&2; return 1; }
}
export -f cocci_file
# sparse and coccicheck output for the touched files, line numbers dropped
# so that base and head compare
sparse_check() {
	local tag=$1
	[ -n "$all_dirs" ] || { : >"$out/sparse-$tag.txt"; return 0; }
	# shellcheck disable=SC2086
	timed "sparse $tag" gmake C=2 $all_dirs >"$out/sparse-$tag.log" 2>&1 ||
		die "sparse build failed at $tag (see $out/sparse-$tag.log)"
	grep -E '(warning|error):' "$out/sparse-$tag.log" | grep -F "$cfiles" |
		sed -E 's/:[0-9]+:[0-9]+:/:/' | sort -u >"$out/sparse-$tag.txt" || true
}
cocci_check() { # tag files...
	local tag=$1 f
	shift
	for f in "$@"; do echo "$f"; done |
		timed "coccicheck $tag ($# files)" xargs -r -P "$JOBS" -I{} bash -c \
			'cocci_file "$1" "$2" "$3" "$4/cocci-$5-$(echo "$3" | tr / _).log"' \
			_ "$GT" "$GOBJ" {} "$out" "$tag" ||
		die "coccicheck failed at $tag"
	cat "$out"/cocci-"$tag"-*.log 2>/dev/null | grep -E '^[^ ]+\.c:[0-9]+' |
		sed -E "s|^$GT/||; s/:[0-9]+(:[0-9]+-[0-9]+)?:/:/" | sort -u >"$out/cocci-$tag.txt" || true
}

stage "gates: each patch builds on its own; sparse and coccicheck against base"
[ -s "$OBJ/.config" ] && [ -n "$(find "$OBJ" -name '*.o.cmd' -print -quit)" ] ||
	die "no build in $OBJ to take the config and header includers from: run make build"
git -C "$TREE" worktree prune
if [ -e "$GT/.git" ]; then
	git -C "$GT" checkout -q --force --detach base
else
	mkdir -p "$BUILD/gates"
	timed "worktree" git -C "$TREE" worktree add -q --force --detach "$GT" base
fi
cd "$GT"
mkdir -p "$GOBJ"
timed "config, prepare, headers at base" \
	eval 'config_at_commit && gmake prepare headers_install >"$out/prepare.log" 2>&1' ||
	die "prepare failed at base (see $out/prepare.log)"
sparse_check base
for c in $(git rev-list --reverse base.."$head"); do
	t0=$SECONDS
	git checkout -q --detach "$c"
	subject=$(git log -1 --format=%s "$c")
	files=$(touched "$c")
	if echo "$files" | grep -q 'Kconfig' && ! config_at_commit; then
		bad "olddefconfig fails: $subject (see $out/config.log)"
	fi
	if echo "$files" | grep -q '^include/uapi/'; then
		gmake headers_install >>"$out/prepare.log" 2>&1 || bad "headers_install fails: $subject"
	fi
	targets="$(echo "$files" | kdirs -b) $(echo "$files" | awk '!/^tools\// && /\.h$/' | includers)"
	log=$out/build-$(git log -1 --format=%h "$c").log
	# shellcheck disable=SC2086
	if [ -n "${targets// /}" ] && ! gmake $targets >"$log" 2>&1; then
		bad "does not build: $subject (see $log)"
		grep -m5 -E 'error|Error' "$log" || true
	elif grep -E 'warning:' "$log" 2>/dev/null | grep -qF "$files"; then
		bad "new compiler warning: $subject"
		grep -m5 -E 'warning:' "$log" || true
	fi
	# lib.mk knows only the tests' own sources: a header they take from
	# the kernel rebuilds them all
	st_flags=
	if echo "$files" | grep -qE '^include/uapi/|^drivers/xen/grant-table-test\.h$'; then
		st_flags=-B
	fi
	if [ -d tools/testing/selftests/xen ] &&
		{ [ -n "$st_flags" ] || echo "$files" | grep -q '^tools/testing/selftests/xen/'; } &&
		! build_selftests $st_flags; then
		bad "selftests do not build: $subject (see $out/selftests.log)"
	fi
	printf '%5ds build %s: %s (%d targets)\n' $((SECONDS - t0)) "$(git log -1 --format=%h "$c")" \
		"$subject" "$(echo $targets | wc -w)" >>"$out/times.txt"
	printf '    built %s\n' "$subject"
done
sparse_check head
# shellcheck disable=SC2086
cocci_check head $cfiles
# base only matters where head reports something
reported=$(cut -d: -f1 "$out/cocci-head.txt" | sort -u)
git checkout -q --detach base
# shellcheck disable=SC2086
cocci_check base $reported
for tool in sparse cocci; do
	new=$(comm -13 "$out/$tool-base.txt" "$out/$tool-head.txt")
	[ -z "$new" ] || { bad "$tool reports new problems:"; echo "$new" | sed 's/^/      /'; }
done
sed 's/^/    /' "$out/times.txt" | sort -rn | head -5
stage_done
[ $fail -eq 0 ] || die "quality gates failed (details in $out)"
