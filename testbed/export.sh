#!/usr/bin/env bash
# Rewrite series/ from the commits base..HEAD in build/linux: one
# format-patch set per topic (a maintainer tree), as series/topics lists
# them in the order they apply ("directory number-of-patches" a line),
# with To/Cc from get_maintainer.pl, and series/series naming every patch
# in order.
. "$(dirname "$0")/lib.sh"
cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	echo "note: build/linux has uncommitted changes; they are not exported"
commits=($(git rev-list --reverse base..HEAD))
want=$(awk '!/^#/ && NF { n += $2 } END { print n + 0 }' "$SERIES/topics")
[ "$want" = "${#commits[@]}" ] ||
	die "series/topics counts $want patches, base..HEAD has ${#commits[@]}: update series/topics"

# Addresses for a set of patches: maintainers in To, reviewers and lists in
# Cc; stable gets the fixes through their own Cc: tags.
gm() { scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@" 2>/dev/null | grep -v 'stable@vger'; }
addr_opts() {
	local a
	while read -r a; do printf -- '--to=%s\n' "$a"; done < <(gm --m --nor --nol "$@")
	while read -r a; do printf -- '--cc=%s\n' "$a"; done < <(gm --nom --r --l "$@")
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/series"
i=0
while read -r dir count; do
	case $dir in '' | '#'*) continue ;; esac
	first=${commits[$i]}
	last=${commits[$((i + count - 1))]}
	i=$((i + count))
	out=$tmp/$dir
	mkdir -p "$out/plain"
	git format-patch -q -o "$out/plain" "$first^..$last"
	mapfile -t addrs < <(addr_opts "$out"/plain/*.patch)
	cover=()
	[ "$count" -gt 1 ] && cover=(--cover-letter)
	# A fixed base, abbreviation length and no version signature keep the
	# output stable.
	git -c core.abbrev=9 format-patch -q "${cover[@]}" --no-signature --zero-commit \
		"${addrs[@]}" -o "$out" "$first^..$last"
	rm -rf "$out/plain"
	if [ "$count" -gt 1 ] && [ -f "$SERIES/$dir/0000-cover-letter.patch" ]; then
		# Keep the hand-written cover text; refresh the shortlog and diffstat.
		python3 "$TOP/testbed/cover.py" "$SERIES/$dir/0000-cover-letter.patch" "$out"/0000-*.patch
	fi
	(cd "$tmp" && ls "$dir"/[0-9]*.patch | grep -v '/0000-') >>"$tmp/series"
done <"$SERIES/topics"

find "$SERIES" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
rm -f "$SERIES"/[0-9]*.patch
for d in "$tmp"/*/; do cp -r "$d" "$SERIES/"; done
cp "$tmp/series" "$SERIES/series"
echo "series/: $(wc -l <"$SERIES/series") patches in $(grep -c '^[^#]' "$SERIES/topics") topics"
