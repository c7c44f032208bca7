#!/usr/bin/env bash
# Stage 2: put the series on `base` in build/linux, unless the tree already
# holds exactly the series. Never throws away commits that series/ lacks.
. "$(dirname "$0")/lib.sh"
cd "$TREE"
[ "$(tree_ids)" = "$(series_ids)" ] && exit 0

if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	die "build/linux has uncommitted changes; commit them and run 'make export', or discard them"
fi
unexported=$(comm -23 <(tree_ids) <(series_ids))
if [ -n "$unexported" ] && [ -z "${FORCE_APPLY:-}" ]; then
	die "build/linux has commits that series/ lacks: run 'make export' (or FORCE_APPLY=1 to drop them)"
fi
stage "apply: series/ on base"
git config user.name >/dev/null ||
	export GIT_COMMITTER_NAME="Xen grant testbed" GIT_COMMITTER_EMAIL="testbed@localhost"
git am --abort >/dev/null 2>&1 || true
git checkout -q -B master base
while read -r p; do
	if ! git am -q --keep-cr "$p" >/dev/null 2>"$RUN_DIR/am.err"; then
		files=$(git am --show-current-patch=diff 2>/dev/null | sed -n 's|^+++ b/||p' | tr '\n' ' ')
		cat "$RUN_DIR/am.err" >&2
		git am --abort
		die "patch $(basename "$p") does not apply (files: $files)"
	fi
	echo "    applied $(basename "$p")"
done < <(series_patches)
rm -f "$RUN_DIR/am.err"
stage_done
