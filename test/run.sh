#!/bin/sh
# The one test command (make test): every check the kit promises, each counted.
# Unit-test programs report their own case counts; every other step counts as
# one. The last line is "N passed, N failed".
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
B=build
mkdir -p $B/log
passed=0
failed=0
FUZZ_TEST_SECONDS=${FUZZ_TEST_SECONDS:-3}
MAKE="make --no-print-directory -s"

step() { # step NAME COMMAND...: one counted check, output kept in build/log
    name=$1; shift
    log=$B/log/$(echo "$name" | tr ' /:' '___').log
    t0=$(date +%s)
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1)); echo "ok   $name ($(($(date +%s) - t0)) s)"
    else
        failed=$((failed + 1)); echo "FAIL $name (log: $log)"; tail -n 20 "$log" | sed 's/^/     /'
    fi
}

unit() { # unit NAME BINARY: adds the program's own "N passed, N failed"
    name=$1 bin=$2
    log=$B/log/$name.log
    if ! $MAKE "$bin" >"$log" 2>&1; then
        failed=$((failed + 1)); echo "FAIL $name: build (log: $log)"; tail -n 20 "$log" | sed 's/^/     /'
        return
    fi
    "$bin" >>"$log" 2>&1
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    if [ -z "$line" ]; then
        failed=$((failed + 1)); echo "FAIL $name: no result line, exit $rc (log: $log)"; tail -n 20 "$log" | sed 's/^/     /'
        return
    fi
    p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ] || [ $rc -ne 0 ]; then
        [ "$f" -eq 0 ] && failed=$((failed + 1))
        echo "FAIL $name: $line, exit $rc"; grep -E '^FAIL|ERROR|runtime error' "$log" | head -n 30 | sed 's/^/     /'
    else
        echo "ok   $name: $line"
    fi
}

symbols_can_fail() {
    gcc -c test/symbols_bad.c -o $B/obj/symbols-bad.o && ! sh test/symbols.sh $B/obj/symbols-bad.o
}

fuzz_short() { # libFuzzer for a few seconds from the seed corpus, new inputs kept in build/
    f=$1
    $MAKE $B/fuzz/$f || return 1
    mkdir -p $B/fuzz/new-$f
    $B/fuzz/$f -max_total_time=$FUZZ_TEST_SECONDS -artifact_prefix=$B/fuzz/$f- $B/fuzz/new-$f fuzz/corpus/$f
}

replay() { # a harness built without libFuzzer, run over every seed
    bin=$1 f=$2
    $MAKE "$bin" && "$bin" fuzz/corpus/$f/*
}

mkdir -p $B/obj
# Every test binary first, in parallel on all cores; a binary that fails to
# build fails again, with its log, in its own step below.
FUZZ_NAMES=$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_||; s|\.c$||')
BINS="$B/unit-gcc $B/unit-clang $B/unit-cxx $B/unit-msan"
for f in $FUZZ_NAMES; do
    BINS="$BINS $B/replay/$f $B/fuzz/$f"
    command -v afl-clang-fast >/dev/null 2>&1 && BINS="$BINS $B/afl/$f"
done
t0=$(date +%s)
$MAKE -k -j"$(nproc 2>/dev/null || echo 2)" $BINS >$B/log/prebuild.log 2>&1 || true
echo "     (test programs built in $(($(date +%s) - t0)) s)"
unit "unit tests, gcc, ASan+UBSan" $B/unit-gcc
unit "unit tests, clang, ASan+UBSan" $B/unit-clang
unit "unit tests, C++11 (g++), ASan+UBSan" $B/unit-cxx
unit "unit tests, clang, MemorySanitizer" $B/unit-msan
step "header check: C99/C11/C++11, one and two TUs, config switches" $MAKE headers
step "freestanding: cortex-m0+, cortex-m4, rv32imac, rv64imac" $MAKE cross
step "no heap, no writable static data" $MAKE symbols
step "symbol check rejects a bad object" symbols_can_fail
step "examples build" $MAKE all
step "bledump: expected output for every capture and error" sh test/bledump.sh
step "end to end: unicast client and server, broadcast source and sink, through BlueZ btvirt, traces decoded" $MAKE e2e
step "bledump decodes every packet of a generated trace, both datalinks" sh test/bench_trace.sh --check 20000
for f in $FUZZ_NAMES; do
    step "fuzz $f: seeds replayed under gcc ASan+UBSan" replay $B/replay/$f $f
    step "fuzz $f: libFuzzer ${FUZZ_TEST_SECONDS}s from the seeds" fuzz_short $f
    if command -v afl-clang-fast >/dev/null 2>&1; then
        step "fuzz $f: AFL++ build replays the seeds" replay $B/afl/$f $f
    else
        failed=$((failed + 1)); echo "FAIL fuzz $f: afl-clang-fast missing (make deps)"
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
