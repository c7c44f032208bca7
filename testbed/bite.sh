#!/usr/bin/env bash
# make bite: the selftests must fail on a kernel without the fixes. Builds
# base plus the test-only interfaces and the selftests series (no fix) in
# build/bite/, boots it once per program (again, for the cases left, after
# a crash or hang), and checks that every case testbed/bite-expect names
# fails there; their list goes into the selftests' cover letter.
. "$(dirname "$0")/lib.sh"
main=$TREE
export TB_TREE=$BUILD/bite/linux TB_OBJ=$BUILD/bite/obj TB_IMG_DIR=$BUILD/bite
TREE=$TB_TREE OBJ=$TB_OBJ IMG_DIR=$TB_IMG_DIR
git -C "$main" rev-parse -q --verify base >/dev/null || die "no build/linux: make tree first"

stage "bite: base + test-only interfaces + selftests in $TREE"
[ -d "$TREE" ] || git -C "$main" worktree add -q --detach "$TREE" base
cd "$TREE"
git am --abort >/dev/null 2>&1 || true
git checkout -q -f --detach base
git config user.name >/dev/null ||
	export GIT_COMMITTER_NAME="Xen grant testbed" GIT_COMMITTER_EMAIL="testbed@localhost"
for p in $(series_patches | grep -E '/[0-9]+-selftests/|-add-a-test-interface-'); do
	git am -q --keep-cr "$p" || die "$(basename "$p") does not apply without the fixes"
	echo "    applied ${p#"$SERIES"/}"
done
stage_done
cd "$TOP"
"$TOP/testbed/build.sh"
"$TOP/testbed/image.sh"
cover=$(ls "$SERIES"/*-selftests/0000-cover-letter.patch)
"$TOP/testbed/bite.py" "$TREE/tools/testing/selftests/xen/Makefile" "$cover"
