#!/bin/sh
# bledump against its expected output: every capture in test/vectors in the
# line, verbose (-v) and JSON forms, byte for byte, with the summary and the
# exit status; and the messages for a missing file, a file that is no
# capture, and a bad command line. The expected files were checked field by
# field against the Core specification when they were made; regenerate them
# with BLEDUMP_BLESS=1 only after such a check.
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
B=build
BIN=$B/bledump
out=$B/bledump-test
mkdir -p $out
fail=0

check() { # check NAME EXPECTED-RC ARGS...: stdout+stderr and exit status against test/vectors/NAME.expected
    name=$1 want_rc=$2
    shift 2
    "$BIN" "$@" >$out/$name.out 2>$out/$name.err
    rc=$?
    { cat $out/$name.out; echo "--- stderr"; cat $out/$name.err; echo "--- exit $rc"; } >$out/$name.all
    if [ -n "$BLEDUMP_BLESS" ]; then
        cp $out/$name.all test/vectors/$name.expected
    elif ! diff -u test/vectors/$name.expected $out/$name.all; then
        echo "FAIL bledump $name: output differs"
        fail=1
    fi
    if [ "$rc" -ne "$want_rc" ]; then
        echo "FAIL bledump $name: exit $rc, expected $want_rc"
        fail=1
    fi
}

# audio.btsnoop: parts of two btvirt runs (the broadcast sink to its first
# SDUs, the unicast client from the advertising report to its first SDUs),
# with the BASE's periodic advertising report split into two fragments, then
# sent again with Num_BIS 0, a Sink ASE notification cut to its ASE_ID, and a
# Control Point write of an opcode ASCS does not define.
for cap in session.btsnoop session.pcap cut.btsnoop audio.btsnoop; do
    base=${cap%%.*}-${cap##*.}
    rc=0
    [ "$cap" = cut.btsnoop ] && rc=1
    check "$base.line" $rc test/vectors/$cap
    check "$base.verbose" $rc -v test/vectors/$cap
    check "$base.json" $rc --json test/vectors/$cap
done
check missing-file 1 test/vectors/no-such-capture
check not-a-capture 1 test/bledump.sh
check usage 2
exit $fail
