#!/bin/sh
# `make run`: show, in a few lines, a userspace grant mapping used for
# O_DIRECT I/O inside the PV dom0.
echo "testbed: demo begin"
echo "== $(uname -r) as Xen $(cat /sys/hypervisor/guest_type) dom0, Xen $(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)"
echo "== gntalloc grants dom0 pages to itself, gntdev maps the grants into a"
echo "   process, which does O_DIRECT pwrite/pread on /dev/ram0 from and into"
echo "   the mapping; every byte is checked on both sides:"
cd /kselftest/xen && ./dom0_basic -r self_grant.sixteen_pages.odirect_brd -r self_grant.sixteen_pages.round_trip 2>&1 |
	grep -E 'RUN|OK|FAIL|Totals|#'
rc=$?
echo "testbed: demo end"
