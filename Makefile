# blekit build. Everything lands in build/. `make test` is the one test command.
# SPDX-License-Identifier: Apache-2.0

GCC      ?= gcc
GXX      ?= g++
CLANG    ?= clang
CLANGXX  ?= clang++
AFL_CC   ?= afl-clang-fast
ARM_CC   ?= arm-none-eabi-gcc
RV_CC    ?= riscv64-unknown-elf-gcc

B := build

WARN   := -Wall -Wextra -Werror -pedantic -Wshadow -Wundef -Wcast-qual -Wpointer-arith
CWARN  := $(WARN) -Wstrict-prototypes -Wmissing-prototypes
SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 5

KIT       := ble.h $(wildcard layers/*.h profiles/*.h)
UNIT_SRCS := test/main.c test/tt.c test/synth.c $(wildcard test/test_*.c)
UNIT_DEPS := $(UNIT_SRCS) $(wildcard test/*.h) $(KIT)
FUZZERS   := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
EXAMPLES  := $(patsubst examples/%.c,%,$(wildcard examples/*.c))
# the reference integration: each program of examples/posix/ is one file with
# main() plus the files they share
POSIX_LIB := examples/posix/stack.c examples/posix/transport.c
POSIX     := $(patsubst examples/posix/%.c,%,$(filter-out $(POSIX_LIB),$(wildcard examples/posix/*.c)))

.PHONY: all test unit headers cross symbols fuzz afl fuzz-smoke fuzz-long size bench bench-ir bench-trace deps clean coverage btvirt e2e demo
.DELETE_ON_ERROR:

all: $(addprefix $(B)/,$(EXAMPLES) $(POSIX))

# ---- examples and tools ------------------------------------------------------
$(B)/%: examples/%.c $(KIT)
	@mkdir -p $(@D)
	$(GCC) -std=c99 -O2 $(CWARN) $< -o $@
$(B)/%: examples/posix/%.c $(POSIX_LIB) $(wildcard examples/posix/*.h) $(KIT)
	@mkdir -p $(@D)
	$(GCC) -std=c99 -O2 $(CWARN) $< $(POSIX_LIB) -o $@

# ---- end to end against BlueZ's controller emulator (btvirt 5.66) --------------
# Debian's packages, downloaded and unpacked without root (once); the shim
# that lets btvirt run in a sandbox and carry ISO (see test/btvirt_shim.c).
BTVIRT := $(B)/btvirt-root/usr/bin/btvirt
$(BTVIRT):
	@mkdir -p $(B)/deb $(B)/btvirt-root
	cd $(B)/deb && apt-get download bluez-test-tools bluez
	for f in $(B)/deb/*.deb; do dpkg -x $$f $(B)/btvirt-root; done
	@touch $@
$(B)/btvirt_shim.so: test/btvirt_shim.c
	@mkdir -p $(@D)
	$(GCC) -shared -fPIC -O2 -Wall -Wextra -Werror $< -o $@ -ldl
btvirt: $(BTVIRT) $(B)/btvirt_shim.so
e2e: all btvirt
	sh test/e2e.sh
	sh test/e2e-broadcast.sh
# the same run, showing the summaries and an excerpt of the decoded trace
demo: all btvirt
	@KEEP=1 sh test/e2e.sh | tee $(B)/demo.log
	@d=$$(sed -n 's/^e2e: run kept in //p' $(B)/demo.log); \
	  echo "--- client trace, decoded by bledump (from connection to the first SDUs)"; \
	  $(B)/bledump $$d/client.btsnoop 2>/dev/null | sed -n '/LE Connection Complete/,$$p' | grep -v ' iso \|Number Of Completed' | head -n 30; \
	  $(B)/bledump $$d/client.btsnoop 2>/dev/null | grep ' iso ' | head -n 3; \
	  echo "..."; $(B)/bledump $$d/client.btsnoop 2>/dev/null | tail -n 12; \
	  echo "(traces and logs: $$d)"
	@KEEP=1 sh test/e2e-broadcast.sh | tee $(B)/demo-broadcast.log
	@d=$$(sed -n 's/^e2e: run kept in //p' $(B)/demo-broadcast.log); \
	  echo "--- sink trace, decoded by bledump (from the announcement to the first SDUs)"; \
	  $(B)/bledump $$d/sink.btsnoop 2>/dev/null | sed -n '/Extended Advertising Report/,$$p' | grep -v ' iso ' | head -n 20; \
	  $(B)/bledump $$d/sink.btsnoop 2>/dev/null | grep ' iso ' | head -n 3; \
	  echo "(traces and logs: $$d)"

# ---- unit tests: gcc and clang, AddressSanitizer + UBSan ----------------------
$(B)/unit-gcc: $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(GCC) -std=c99 -g -O1 $(CWARN) $(SAN) $(UNIT_SRCS) -o $@
$(B)/unit-clang: $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O1 $(CWARN) $(SAN) $(UNIT_SRCS) -o $@
# the same tests compiled as C++ (the kit must be usable from C++ firmware)
$(B)/unit-cxx: $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(GXX) -x c++ -std=c++11 -g -O1 $(WARN) -Wno-missing-field-initializers $(SAN) $(UNIT_SRCS) -o $@

# MemorySanitizer: no read of uninitialised caller memory
$(B)/unit-msan: $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O1 $(CWARN) -fsanitize=memory -fsanitize-memory-track-origins \
	    -fno-omit-frame-pointer $(UNIT_SRCS) -o $@

unit: $(B)/unit-gcc $(B)/unit-clang $(B)/unit-cxx $(B)/unit-msan
	$(B)/unit-gcc && $(B)/unit-clang && $(B)/unit-cxx && $(B)/unit-msan

# ---- coverage of layers/ and profiles/: unit tests plus every fuzz corpus ------
COV_FLAGS := -fprofile-instr-generate -fcoverage-mapping
$(B)/cov/unit: $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O0 $(COV_FLAGS) $(UNIT_SRCS) -o $@
$(B)/obj/fuzzkit-cov.o: test/kit.c $(KIT)
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O0 $(COV_FLAGS) -c $< -o $@
$(B)/cov/fuzz-%: fuzz/fuzz_%.c fuzz/driver.c $(wildcard fuzz/*.h) $(KIT) $(B)/obj/fuzzkit-cov.o
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O0 $(COV_FLAGS) $< fuzz/driver.c $(call fuzz_kit,cov) -o $@
coverage: $(B)/cov/unit $(addprefix $(B)/cov/fuzz-,$(FUZZERS))
	@rm -f $(B)/cov/*.profraw
	LLVM_PROFILE_FILE=$(B)/cov/unit.profraw $(B)/cov/unit > /dev/null
	@for f in $(FUZZERS); do \
	  find fuzz/corpus/$$f $(B)/fuzz/new-$$f -type f 2>/dev/null | \
	    LLVM_PROFILE_FILE=$(B)/cov/$$f-%p.profraw xargs $(B)/cov/fuzz-$$f > /dev/null || exit 1; \
	done
	llvm-profdata merge -o $(B)/cov/all.profdata $(B)/cov/*.profraw
	llvm-cov report -show-branch-summary $(B)/cov/unit $(addprefix -object $(B)/cov/fuzz-,$(FUZZERS)) \
	  -instr-profile=$(B)/cov/all.profdata $(wildcard layers/*.h profiles/*.h) | tee $(B)/cov/report.txt
	@awk '$$1 == "TOTAL" { printf "coverage of layers/ and profiles/: lines %s (%s of %s missed), branches %s (%s of %s missed), functions %s, regions %s\n", $$10, $$9, $$8, $$13, $$12, $$11, $$7, $$4 }' $(B)/cov/report.txt
	@echo "line by line: llvm-cov show $(B)/cov/unit -instr-profile=$(B)/cov/all.profdata layers/hci.h"


# ---- header checks: C99, C11, C++11; one TU and two TUs; config switches ------
CC_SRC := test/compile_check.c
headers:
	@mkdir -p $(B)/cc
	$(GCC)   -std=c99 $(CWARN) -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/gcc-c99 && $(B)/cc/gcc-c99
	$(GCC)   -std=c11 $(CWARN) -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/gcc-c11 && $(B)/cc/gcc-c11
	$(CLANG) -std=c99 $(CWARN) -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/clang-c99 && $(B)/cc/clang-c99
	$(CLANG) -std=c11 $(CWARN) -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/clang-c11 && $(B)/cc/clang-c11
	$(GXX)     -x c++ -std=c++11 $(WARN) -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/gxx && $(B)/cc/gxx
	$(CLANGXX) -x c++ -std=c++11 $(WARN) -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/clangxx && $(B)/cc/clangxx
	@# two translation units, the implementation in C and the user in C++, and the reverse
	$(GCC) -std=c99 $(CWARN) -DCC_IMPL -c $(CC_SRC) -o $(B)/cc/impl-c.o
	$(GXX) -x c++ -std=c++11 $(WARN) -DCC_MAIN -c $(CC_SRC) -o $(B)/cc/main-cxx.o
	$(GXX) $(B)/cc/impl-c.o $(B)/cc/main-cxx.o -o $(B)/cc/two-tu && $(B)/cc/two-tu
	$(GXX) -x c++ -std=c++11 $(WARN) -DCC_IMPL -c $(CC_SRC) -o $(B)/cc/impl-cxx.o
	$(GCC) -std=c99 $(CWARN) -DCC_MAIN -c $(CC_SRC) -o $(B)/cc/main-c.o
	$(GXX) $(B)/cc/impl-cxx.o $(B)/cc/main-c.o -o $(B)/cc/two-tu-r && $(B)/cc/two-tu-r
	@# configuration switches: static linkage, names compiled out, no C library
	$(GCC) -std=c99 $(CWARN) -DBLE_CFG_STATIC=1 -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/static && $(B)/cc/static
	$(GCC) -std=c99 $(CWARN) -DBLE_CFG_NAMES=0 -DBLE_CFG_LIBC=0 -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/bare && $(B)/cc/bare
	$(GCC) -std=c99 $(CWARN) -DBLE_CONFIG_FILE='"test/cfg_example.h"' -I. -DCC_IMPL -DCC_MAIN $(CC_SRC) -o $(B)/cc/cfgfile && $(B)/cc/cfgfile

# ---- freestanding cross builds ----------------------------------------------
XFLAGS := -std=c99 -Os -ffreestanding -fno-common $(CWARN)
TARGETS := m0plus m4 rv32 rv64
XCC_m0plus := $(ARM_CC) -mcpu=cortex-m0plus -mthumb
XCC_m4     := $(ARM_CC) -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
XCC_rv32   := $(RV_CC) -march=rv32imac -mabi=ilp32 -mcmodel=medlow
XCC_rv64   := $(RV_CC) -march=rv64imac -mabi=lp64 -mcmodel=medany

cross:
	@mkdir -p $(B)/obj
	$(foreach t,$(TARGETS),$(XCC_$(t)) $(XFLAGS) -c test/kit.c -o $(B)/obj/kit-$(t).o &&) true
	$(foreach t,$(TARGETS),$(XCC_$(t)) $(XFLAGS) -DBLE_CFG_NAMES=0 -DBLE_CFG_LIBC=0 -c test/kit.c -o $(B)/obj/kit-$(t)-bare.o &&) true
	$(foreach t,$(TARGETS),$(XCC_$(t)) $(XFLAGS) -DCC_IMPL -c $(CC_SRC) -o $(B)/obj/cc-$(t).o &&) true

# ---- the compiled kit references no allocator and holds no writable data -------
symbols: cross
	$(GCC) -std=c99 -O2 -fno-common $(CWARN) -c test/kit.c -o $(B)/obj/kit-host.o
	sh test/symbols.sh $(B)/obj/kit-host.o $(foreach t,$(TARGETS),$(B)/obj/kit-$(t).o $(B)/obj/kit-$(t)-bare.o)

# ---- fuzzing ----------------------------------------------------------------
# A harness is compiled with the kit compiled once per flavour (FUZZ_KIT_OBJ,
# see fuzz/fuzz.h), unless it holds the implementation itself (FUZZ_WHOLE).
FUZZ_WHOLE := $(patsubst fuzz/fuzz_%.c,%,$(shell grep -l '^\#define BLE_IMPLEMENTATION\|include "../examples/' fuzz/fuzz_*.c))
fuzz_kit = $(if $(filter $*,$(FUZZ_WHOLE)),,-DFUZZ_KIT_OBJ $(B)/obj/fuzzkit-$(1).o)
$(B)/obj/fuzzkit-fuzz.o: test/kit.c $(KIT)
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O1 $(WARN) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@
$(B)/obj/fuzzkit-afl.o: test/kit.c $(KIT)
	@mkdir -p $(@D)
	AFL_QUIET=1 $(AFL_CC) -std=c99 -g -O1 $(WARN) -Wno-pedantic -c $< -o $@
$(B)/obj/fuzzkit-replay.o: test/kit.c $(KIT)
	@mkdir -p $(@D)
	$(GCC) -std=c99 -g -O1 $(WARN) $(SAN) -c $< -o $@
$(B)/fuzz/%: fuzz/fuzz_%.c $(wildcard fuzz/*.h) $(KIT) $(B)/obj/fuzzkit-fuzz.o
	@mkdir -p $(@D)
	$(CLANG) -std=c99 -g -O1 $(WARN) -fsanitize=fuzzer,address,undefined $< $(call fuzz_kit,fuzz) -o $@
$(B)/afl/%: fuzz/fuzz_%.c fuzz/driver.c $(wildcard fuzz/*.h) $(KIT) $(B)/obj/fuzzkit-afl.o
	@mkdir -p $(@D)
	AFL_QUIET=1 $(AFL_CC) -std=c99 -g -O1 $(WARN) -Wno-pedantic $< fuzz/driver.c $(call fuzz_kit,afl) -o $@
# gcc-built replay binaries: the corpus under gcc's sanitizers, and for coverage
$(B)/replay/%: fuzz/fuzz_%.c fuzz/driver.c $(wildcard fuzz/*.h) $(KIT) $(B)/obj/fuzzkit-replay.o
	@mkdir -p $(@D)
	$(GCC) -std=c99 -g -O1 $(WARN) $(SAN) $< fuzz/driver.c $(call fuzz_kit,replay) -o $@

fuzz: $(addprefix $(B)/fuzz/,$(FUZZERS)) afl
afl: $(addprefix $(B)/afl/,$(FUZZERS))

# each harness for FUZZ_SECONDS under libFuzzer, then under afl-fuzz; new inputs
# stay in build/ (fuzz/corpus/ holds the curated seeds only)
fuzz-smoke: $(addprefix $(B)/fuzz/,$(FUZZERS)) $(addprefix $(B)/afl/,$(FUZZERS))
	@for f in $(FUZZERS); do \
	  mkdir -p $(B)/fuzz/new-$$f; \
	  $(B)/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(B)/fuzz/$$f- \
	     $$([ -f fuzz/$$f.dict ] && echo -dict=fuzz/$$f.dict) \
	     $(B)/fuzz/new-$$f fuzz/corpus/$$f > $(B)/fuzz/$$f.log 2>&1 || { tail -n 30 $(B)/fuzz/$$f.log; exit 1; }; \
	  echo "libFuzzer $$f: $$(grep -o 'number_of_executed_units: *[0-9]*' $(B)/fuzz/$$f.log | grep -o '[0-9]*$$') runs in $(FUZZ_SECONDS)s, clean"; \
	  rm -rf $(B)/afl/out-$$f; \
	  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
	    afl-fuzz -V $(FUZZ_SECONDS) $$([ -f fuzz/$$f.dict ] && echo -x fuzz/$$f.dict) \
	      -i fuzz/corpus/$$f -o $(B)/afl/out-$$f -- $(B)/afl/$$f > $(B)/afl/$$f.log 2>&1; \
	  crashes=$$(ls $(B)/afl/out-$$f/default/crashes 2>/dev/null | grep -c id:); \
	  execs=$$(grep -o 'execs_done *: *[0-9]*' $(B)/afl/out-$$f/default/fuzzer_stats | grep -o '[0-9]*$$'); \
	  echo "AFL++ $$f: $$execs runs in $(FUZZ_SECONDS)s, $$crashes crashes"; \
	  [ "$$crashes" = 0 ] && [ -n "$$execs" ] || exit 1; \
	done

# every harness for FUZZ_SECONDS under libFuzzer, FUZZ_JOBS at a time (one per
# core), each growing build/fuzz/new-<name> from its seeds with its dictionary;
# one line per harness (executions, exec/s, cov, ft, corpus, crashes)
FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
fuzz-long: $(addprefix $(B)/fuzz/,$(FUZZERS))
	@sh fuzz/long.sh $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZERS)

# ---- footprint and speed -------------------------------------------------------
size:
	sh test/size.sh

$(B)/bench: test/bench.c $(KIT) test/demo_table.h
	@mkdir -p $(@D)
	$(GCC) -std=c99 -O2 $(CWARN) test/bench.c -o $@
bench: $(B)/bench
	$(B)/bench
# instructions per operation under callgrind (BENCH_N iterations each)
bench-ir: $(B)/bench
	sh test/bench_ir.sh $(BENCH_N)

# a generated capture of 1M packets through bledump, btmon and tshark (slow:
# not part of make test, which runs the generator small in test/run.sh)
$(B)/tracegen: test/tracegen.c
	@mkdir -p $(@D)
	$(GCC) -std=c99 -O2 $(CWARN) $< -o $@
bench-trace: $(B)/tracegen $(B)/bledump
	sh test/bench_trace.sh $(TRACE_PACKETS)

# ---- the one test command -------------------------------------------------------
test:
	@sh test/run.sh

# Debian packages the build and the tests need (the CI machine starts bare);
# bluez (btmon), tshark and bc are for make bench-trace (tshark also for the
# cross-check of make e2e's traces), valgrind for instruction counts of the
# benchmarks.
DEPS := make gcc g++ clang llvm libclang-rt-14-dev binutils gcc-arm-none-eabi \
        libnewlib-arm-none-eabi gcc-riscv64-unknown-elf afl++ bluez tshark bc valgrind
deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "all build dependencies present"; fi
	@$(MAKE) --no-print-directory $(BTVIRT)

clean:
	rm -rf $(B)
