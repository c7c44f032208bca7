#!/usr/bin/env bash
# Stage 1: unpack Debian's linux-source-6.12 into build/linux as a git repo tagged `base`.
. "$(dirname "$0")/lib.sh"

want=$(cat "$SERIES/BASE")
have=$(dpkg-query -W -f '${Version}' linux-source-6.12 2>/dev/null || echo none)
[ "$have" = "$want" ] || echo "note: series/BASE is linux-source-6.12 $want, installed is $have"

if git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1; then
	exit 0
fi
stage "base: unpack linux-source-6.12 $have"
rm -rf "$TREE" && mkdir -p "$BUILD"
tar -C "$BUILD" -xJf /usr/src/linux-source-6.12.tar.xz
mv "$BUILD/linux-source-6.12" "$TREE"
cd "$TREE"
# Debian's packaging appends "/*" to .gitignore, which would hide every file
# from git; mainline has no such block, so drop it.
sed -i '/^# Debian packaging/,$d' .gitignore
sed -i '${/^#$/d}' .gitignore
git init -q -b master
# the tree is rebuilt, never shared: no background gc during runs
git config gc.auto 0
git add -A >/dev/null
git -c user.name="Debian linux-source" -c user.email="debian-kernel@lists.debian.org" \
	commit -q -m "Debian linux-source-6.12 $have" \
	-m "Unpacked from /usr/src/linux-source-6.12.tar.xz; the Debian packaging block at the end of .gitignore is dropped."
git tag base
stage_done
