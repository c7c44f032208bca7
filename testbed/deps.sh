#!/usr/bin/env bash
# Stage 0: install with apt-get whatever the other stages need, and the
# packages named as arguments; silent when everything is already there.
set -euo pipefail
pkgs=(
	linux-source-6.12 xen-hypervisor-4.17-amd64 xen-utils-4.17 qemu-system-x86
	busybox-static build-essential flex bison bc libelf-dev libssl-dev
	dwarves cpio xz-utils kmod rsync python3 git ccache sparse coccinelle
	coreutils python3-ply python3-git ocaml-nox ocaml-findlib
	"$@"	# what one target alone needs, e.g. bench's python3-matplotlib
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "==> deps: installing ${missing[*]}"
t0=$SECONDS
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "<== deps: $((SECONDS - t0))s"
