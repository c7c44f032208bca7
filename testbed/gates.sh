#!/usr/bin/env bash
# Quality gates on the series, as a reviewer would run them:
#  - checkpatch --strict on every patch: no error, warning or check;
#  - every patch builds on its own (the directories it touches);
#  - sparse (C=2) and coccicheck on what the series touches report nothing
#    that base does not already report.
. "$(dirname "$0")/lib.sh"
cd "$TREE"
out=$RUN_DIR/gates
mkdir -p "$out"
fail=0
bad() { printf '    FAIL %s\n' "$*"; fail=1; }

stage "gates: checkpatch --strict"
# UNKNOWN_COMMIT_ID: base is a tarball with no history to look Fixes: ids up
# in. FILE_PATH_CHANGES: answered below by asking get_maintainer.pl.
for p in $(series_patches); do
	r=$(PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --show-types \
		--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES "$p" 2>&1 || true)
	echo "$r" >"$out/checkpatch-$(basename "$p").txt"
	total=$(echo "$r" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings, \([0-9]*\) checks.*/\1 \2 \3/p')
	if [ "$total" != "0 0 0" ]; then
		bad "$(basename "$p"): ${total:-no result} (errors warnings checks)"
		echo "$r" | grep -E '^(ERROR|WARNING|CHECK)|^#' | head -20
	fi
done
for f in $(git diff --name-only --diff-filter=A base..HEAD); do
	scripts/get_maintainer.pl --no-git --no-rolestats -f "$f" 2>/dev/null | grep -q 'lists.xenproject.org\|linux-kselftest' ||
		bad "$f: no MAINTAINERS entry covers it"
done
stage_done

# Directories, .c files and selftests each commit touches.
touched() { git diff --name-only "$1^" "$1"; }
kdirs() { awk '!/^tools\// && /\.c$/ { sub(/\/[^\/]*$/, "/"); print }' | sort -u; }
series_files=$(git diff --name-only base..HEAD)
all_dirs=$(echo "$series_files" | kdirs)
cfiles=$(echo "$series_files" | grep -v '^tools/' | grep '\.c$' || true)

build_selftests() {
	local dst=$out/selftests-$1
	mkdir -p "$dst"
	make -s -C tools/testing/selftests/xen OUTPUT="$dst" \
		KHDR_INCLUDES="-isystem $OBJ/usr/include" CC="ccache gcc" >"$dst.log" 2>&1
}
static_checks() {
	# sparse and coccicheck output for the touched files, line numbers
	# dropped so that base and head compare
	local tag=$1 f
	[ -n "$all_dirs" ] || return 0
	kmake C=2 $all_dirs >"$out/sparse-$tag.log" 2>&1 ||
		die "sparse build failed at $tag (see $out/sparse-$tag.log)"
	grep -E '(warning|error):' "$out/sparse-$tag.log" | grep -F "$cfiles" |
		sed -E 's/:[0-9]+:[0-9]+:/:/' | sort -u >"$out/sparse-$tag.txt" || true
	: >"$out/cocci-$tag.log"
	for f in $cfiles; do
		[ -f "$f" ] || continue
		kmake coccicheck MODE=report M="$TREE/$f" >>"$out/cocci-$tag.log" 2>&1 ||
			die "coccicheck failed on $f at $tag (see $out/cocci-$tag.log)"
	done
	grep -E '^[^ ]+\.c:[0-9]+' "$out/cocci-$tag.log" |
		sed -E 's/:[0-9]+(:[0-9]+-[0-9]+)?:/:/' | sort -u >"$out/cocci-$tag.txt" || true
}

stage "gates: each patch builds on its own; sparse and coccicheck against base"
head=$(git rev-parse HEAD)
trap 'git checkout -q master' EXIT
git checkout -q --detach base
kmake olddefconfig prepare >"$out/prepare.log" 2>&1
static_checks base
for c in $(git rev-list --reverse base..$head); do
	git checkout -q --detach "$c"
	subject=$(git log -1 --format=%s "$c")
	dirs=$(touched "$c" | kdirs)
	# a header change is built through every directory the series touches
	touched "$c" | grep -v '^tools/' | grep -q '\.h$' && dirs=$all_dirs
	log=$out/build-$(git log -1 --format=%h "$c").log
	if [ -n "$dirs" ] && ! kmake $dirs >"$log" 2>&1; then
		bad "does not build: $subject (see $log)"
		grep -E 'error' "$log" | head -5
	elif grep -E 'warning:' "$log" 2>/dev/null | grep -qF "$(touched "$c")"; then
		bad "new compiler warning: $subject"
		grep -E 'warning:' "$log" | head -5
	fi
	if touched "$c" | grep -q '^tools/testing/selftests/xen/' &&
		! build_selftests "$(git log -1 --format=%h "$c")"; then
		bad "selftests do not build: $subject"
	fi
	printf '    built %s\n' "$subject"
done
static_checks head
for tool in sparse cocci; do
	new=$(comm -13 "$out/$tool-base.txt" "$out/$tool-head.txt")
	[ -z "$new" ] || { bad "$tool reports new problems:"; echo "$new" | sed 's/^/      /'; }
done
git checkout -q master
trap - EXIT
stage_done
[ $fail -eq 0 ] || die "quality gates failed (details in $out)"
