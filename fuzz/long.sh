#!/bin/sh
# Long fuzzing runs: every harness under libFuzzer for SECONDS each, JOBS at a
# time, then one table line per harness.
#   sh fuzz/long.sh SECONDS JOBS name...      (make fuzz-long runs it)
# Each harness fuzzes build/fuzz/new-<name>/, seeded from fuzz/corpus/<name>/
# (the curated seeds are only read), with fuzz/<name>.dict when there is one.
# Crash inputs land in build/fuzz/long-<name>/. Exit status 1 when any
# harness found a crash, leak, timeout or out-of-memory input.
# SPDX-License-Identifier: Apache-2.0
B=build
secs=$1 jobs=$2
shift 2

if [ "$secs" = one ]; then # one harness, run by the fan-out below
    f=$jobs
    out=$B/fuzz/long-$f
    rm -rf "$out"
    mkdir -p "$out" "$B/fuzz/new-$f"
    cp -n fuzz/corpus/"$f"/* "$B/fuzz/new-$f/" 2>/dev/null
    dict=""
    [ -f "fuzz/$f.dict" ] && dict="-dict=fuzz/$f.dict"
    "$B/fuzz/$f" -max_total_time="$FUZZ_LONG_SECONDS" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=1024 -artifact_prefix="$out/" $dict "$B/fuzz/new-$f" > "$out/log" 2>&1
    echo $? > "$out/rc"
    exit 0
fi

[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
FUZZ_LONG_SECONDS=$secs
export FUZZ_LONG_SECONDS
printf '%s\n' "$@" | xargs -P "$jobs" -n 1 sh "$0" one

stat() { # stat LOG NAME: the value of libFuzzer's final stat::NAME
    sed -n "s/^stat::$2: *\([0-9]*\).*/\1/p" "$1" | tail -n 1
}

bad=0
printf '%-10s %12s %9s %7s %8s %7s %7s  %s\n' harness executions exec/s cov ft corpus crashes result
for f in "$@"; do
    out=$B/fuzz/long-$f
    log=$out/log
    execs=$(stat "$log" number_of_executed_units)
    rate=$(stat "$log" average_exec_per_sec)
    # the last status line ("#N DONE cov: C ft: F corp: K/..." or the one before a crash)
    last=$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*' | tail -n 1)
    cov=$(echo "$last" | sed -n 's/cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    corp=$(ls "$B/fuzz/new-$f" | wc -l)
    crashes=$(ls "$out" | grep -c -E '^(crash|leak|timeout|oom|slow-unit)-')
    rc=$(cat "$out/rc" 2>/dev/null || echo 99)
    result=clean
    if [ "$crashes" -ne 0 ] || [ "$rc" -ne 0 ] || [ -z "$execs" ]; then
        result="FAILED (exit $rc, log $log)"
        bad=1
    fi
    printf '%-10s %12s %9s %7s %8s %7s %7s  %s\n' "$f" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
        "${ft:-?}" "$corp" "$crashes" "$result"
done
for f in "$@"; do
    for a in $(ls "$B/fuzz/long-$f" | grep -E '^(crash|leak|timeout|oom)-'); do
        echo "reproduce: $B/fuzz/$f $B/fuzz/long-$f/$a"
        grep -m 3 -E 'invariant failed|ERROR: |runtime error' "$B/fuzz/long-$f/log" | sed 's/^/    /'
    done
done
exit $bad
