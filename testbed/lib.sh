# Shared helpers for the testbed stages; sourced, not run.
# shellcheck shell=bash
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
TREE=${TB_TREE:-$BUILD/linux}
OBJ=${TB_OBJ:-$BUILD/obj}
# where the initramfs images go (make bite has its own)
IMG_DIR=${TB_IMG_DIR:-$BUILD}
SERIES=$TOP/series
LOGS=$BUILD/logs
RUN_ID=${RUN_ID:-$(date +%Y%m%d-%H%M%S)}
RUN_DIR=${RUN_DIR:-$LOGS/$RUN_ID}
mkdir -p "$RUN_DIR"
JOBS=${JOBS:-$(($(nproc) + 1))}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/xen-grant-ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Hits across clones: paths under the project are hashed relative.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$TOP}

STAGE_T0=$SECONDS
stage() { printf '==> %s\n' "$*"; STAGE_T0=$SECONDS; STAGE_NAME=$*; }
stage_done() { printf '<== %s: %ds\n' "${STAGE_NAME:-stage}" $((SECONDS - STAGE_T0)); }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Patch IDs of a stream of patches, sorted: equal sets mean equal series.
patch_ids() { git patch-id --stable | cut -d' ' -f1 | sort; }
series_patches() { grep -v '^#' "$SERIES/series" 2>/dev/null | sed "s|^|$SERIES/|"; }
series_ids() { series_patches | xargs -r cat | patch_ids; }
tree_ids() { git -C "$TREE" format-patch --stdout base..HEAD | patch_ids; }

kmake() { make -C "$TREE" O="$OBJ" -j"$JOBS" CC="ccache gcc" HOSTCC="ccache gcc" "$@"; }
