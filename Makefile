# Xen grant map/unmap series: build, boot as PV dom0 under QEMU, test.
# `make run` shows it working, `make check` is everything CI checks.
SHELL := /bin/bash
TB := testbed
RUN_ID ?= $(shell date +%Y%m%d-%H%M%S)
RUN_DIR ?= $(CURDIR)/build/logs/$(RUN_ID)
# evaluated once, so that every stage of one make logs into one directory
export RUN_ID := $(RUN_ID)
export RUN_DIR := $(RUN_DIR)

.PHONY: all deps tree build image run check shell gates bite export bench clean distclean

all: image

deps:
	@$(TB)/deps.sh

tree: deps
	@$(TB)/base.sh
	@$(TB)/apply.sh

build: tree
	@$(TB)/build.sh

image: build
	@$(TB)/image.sh

run: image
	@$(TB)/boot.sh run
	@sed -n '/^testbed: demo begin/,/^testbed: demo end/p' $(RUN_DIR)/serial.log | tr -d '\r'
	@grep -q '^testbed: demo ok' $(RUN_DIR)/serial.log

check: image
	@echo "logs: $(RUN_DIR)"
	@$(TB)/gates.sh
	@$(TB)/boot.sh check
	@$(TB)/report.py $(RUN_DIR)/serial.log

shell: image
	@$(TB)/boot.sh shell

# Numbers, not pass/fail: gntdev_perf_test in the dom0, as a table and a plot.
# BENCH_ARGS go to it, e.g. BENCH_ARGS="-r 11 -t 500 -s odirect,map";
# PROFILE=1 runs it under perf (cpu-clock samples of all of dom0) and
# keeps the report in profile.txt. Sampling disturbs the figures.
bench: image
	@$(TB)/deps.sh python3-matplotlib
	@DOM0_CMDLINE="$${DOM0_CMDLINE:-} bench_args=$$(printf %s "$(BENCH_ARGS)" | tr ' ' +) bench_profile=$(if $(filter 1,$(PROFILE)),1,0)" $(TB)/boot.sh bench
	@$(TB)/bench.py $(RUN_DIR)/serial.log $(RUN_DIR)
	@cat $(RUN_DIR)/bench.txt
	@if [ "$(PROFILE)" = 1 ]; then \
		sed -n '/^testbed: profile begin/,/^testbed: profile end/p' \
			$(RUN_DIR)/serial.log | tr -d '\r' >$(RUN_DIR)/profile.txt; \
		echo "profile: $(RUN_DIR)/profile.txt"; fi
	@grep -q '^testbed: bench end, exit 0' $(RUN_DIR)/serial.log || \
		{ echo "bench: gntdev_perf_test failed (see $(RUN_DIR)/serial.log)"; exit 1; }
	@grep -q '^testbed: bench kernel warnings: 0' $(RUN_DIR)/serial.log || \
		{ echo "bench: the kernel warned (see the dmesg in $(RUN_DIR)/serial.log)"; exit 1; }

gates: build
	@$(TB)/gates.sh

# Not part of check: the selftests on base with no fix (one boot per
# program); every case testbed/bite-expect names must fail there.
bite: tree
	@$(TB)/bite.sh

export:
	@$(TB)/export.sh

clean:
	rm -rf build/obj build/initramfs build/initramfs.cpio.gz

distclean:
	rm -rf build
