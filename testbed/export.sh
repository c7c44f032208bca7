#!/usr/bin/env bash
# Rewrite series/ from the commits base..HEAD in build/linux.
. "$(dirname "$0")/lib.sh"
cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	echo "note: build/linux has uncommitted changes; they are not exported"
tmp=$(mktemp -d)
# A fixed base commit, abbreviation length and no version signature keep
# the output stable.
git -c core.abbrev=9 format-patch -q --cover-letter --no-signature --zero-commit -o "$tmp" base..HEAD
cover=$(ls "$tmp"/0000-*.patch)
if [ -f "$SERIES/0000-cover-letter.patch" ]; then
	# Keep the hand-written cover text; refresh the shortlog and diffstat.
	python3 "$TOP/testbed/cover.py" "$SERIES/0000-cover-letter.patch" "$cover"
fi
rm -f "$SERIES"/[0-9]*.patch
cp "$tmp"/*.patch "$SERIES/"
(cd "$SERIES" && ls [0-9]*.patch | grep -v '^0000-') >"$SERIES/series"
rm -rf "$tmp"
echo "series/: $(wc -l <"$SERIES/series") patches"
