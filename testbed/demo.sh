#!/bin/sh
# `make run`: show, in a few lines, userspace grant mappings used for
# O_DIRECT I/O inside the PV dom0, with the bytes checked on both sides.
show() {
	"$@" >/tmp/demo.out 2>&1 || ok=1
	grep -E ' OK | FAIL |PASSED|FAILED' /tmp/demo.out
}

echo "testbed: demo begin"
echo "== $(uname -r) as Xen $(cat /sys/hypervisor/guest_type) dom0 on Xen $(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)"
cd /kselftest/xen || exit 1
ok=0
echo "== dom0 grants 16 of its pages to itself (gntalloc), a process maps the"
echo "   grants (gntdev) and does O_DIRECT pwrite/pread on /dev/ram0 from and"
echo "   into the mapping:"
show ./dom0_basic -r self_grant.sixteen_pages.odirect_brd
echo "== a PV domU grants 16 pages to dom0; a dom0 process maps them, moves"
echo "   them through /dev/ram5 with O_DIRECT, and the domU checks the bytes:"
show ./foreign_grants -r foreign.odirect_both_ways
[ $ok -eq 0 ] && echo "testbed: demo ok"
echo "testbed: demo end"
