#!/bin/sh
# make bench-trace: bledump against btmon and tshark on one generated capture.
#
#   sh test/bench_trace.sh [COUNT]        time every decoder (COUNT: 1000000)
#   sh test/bench_trace.sh --check COUNT  only check that bledump decodes every
#                                         packet, in both datalinks alike
#
# build/tracegen writes the same traffic twice: H4 (btsnoop 1002), which
# bledump and tshark read, and monitor (2001), which bledump and btmon read
# (btmon 5.66 skips ISO packets in H4 captures). Both stay cached in
# build/trace/. Each decoder runs TRACE_RUNS times (3) with its output to
# /dev/null; the median is reported, and the ratio to bledump's line mode.
# A counting run of each tool checks that all of them saw COUNT packets and
# that bledump found nothing malformed.
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
B=build
T=$B/trace
check_only=0
if [ "$1" = --check ]; then
    check_only=1
    shift
fi
N=${1:-1000000}
RUNS=${TRACE_RUNS:-3}
mkdir -p $T
make -s $B/tracegen $B/bledump || exit 2
H4=$T/le-$N-h4.btsnoop
MON=$T/le-$N-monitor.btsnoop
for f in "$H4:" "$MON:-m"; do
    file=${f%%:*} opt=${f#*:}
    if [ ! -f "$file" ] || [ "$B/tracegen" -nt "$file" ]; then
        $B/tracegen $opt "$N" "$file.tmp" && mv "$file.tmp" "$file" || exit 1
    fi
done
fail=0

# bledump's summary line: "bledump: P packets, E with decode errors, S records ..."
bledump_counts() { # file -> "P E"
    $B/bledump "$1" 2>&1 >/dev/null | awk '/^bledump: [0-9]+ packets/ { print $2, $4 }'
}
for file in "$H4" "$MON"; do
    set -- $(bledump_counts "$file")
    if [ "$1" != "$N" ] || [ "$2" != 0 ]; then
        echo "FAIL bench-trace: bledump on $file: ${1:-?} packets, ${2:-?} with decode errors (expected $N, 0)"
        fail=1
    fi
done
$B/bledump "$H4" 2>/dev/null | cksum >$T/h4.sum
$B/bledump "$MON" 2>/dev/null | cksum >$T/mon.sum
if ! cmp -s $T/h4.sum $T/mon.sum; then
    echo "FAIL bench-trace: bledump decodes the two datalinks differently"
    fail=1
fi
if [ $check_only = 1 ]; then
    [ $fail = 0 ] && echo "bledump decodes all $N generated packets, H4 and monitor alike"
    exit $fail
fi

# seconds of the median run of a command (its output to /dev/null)
median() {
    i=0
    : >$T/times
    while [ $i -lt "$RUNS" ]; do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        e=$(date +%s.%N)
        echo "$e - $s" | bc >>$T/times
        i=$((i + 1))
    done
    sort -n $T/times | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }'
}

have() { command -v "$1" >/dev/null 2>&1; }

echo "Decoding $N generated packets ($(du -m "$H4" | cut -f1) MB H4 capture), median of $RUNS runs,"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
printf '%-34s | %9s | %10s | %12s\n' decoder seconds "packets/s" "vs bledump"
echo "-----------------------------------|-----------|------------|-------------"
base=$(median $B/bledump "$H4")
row() { # label seconds
    printf '%-34s | %9s | %10.0f | %11.2fx\n' "$1" "$2" "$(echo "$N / $2" | bc -l)" "$(echo "$2 / $base" | bc -l)"
}
row "bledump (line), H4" "$base"
row "bledump -v, H4" "$(median $B/bledump -v "$H4")"
row "bledump --json, H4" "$(median $B/bledump --json "$H4")"
row "bledump (line), monitor" "$(median $B/bledump "$MON")"
if have btmon; then
    row "btmon -r, monitor" "$(median btmon -r "$MON")"
else
    echo "btmon: not installed (make deps)"
    fail=1
fi
if have tshark; then
    row "tshark -r, H4" "$(median tshark -r "$H4")"
else
    echo "tshark: not installed (make deps)"
    fail=1
fi

echo
echo "packets decoded:"
echo "  bledump: $N, H4 and monitor, none with decode errors"
if have btmon; then
    # every packet heads a line with its direction: "< HCI Command", "> ACL Data RX", ...
    c=$(btmon -r "$MON" 2>/dev/null | grep -c '^[<>] ')
    echo "  btmon:   $c"
    [ "$c" = "$N" ] || { echo "FAIL bench-trace: btmon saw $c packets"; fail=1; }
fi
if have tshark; then
    tshark -r "$H4" 2>/dev/null >$T/tshark.txt
    c=$(wc -l <$T/tshark.txt)
    m=$(grep -c 'Malformed' $T/tshark.txt)
    rm -f $T/tshark.txt
    echo "  tshark:  $c ($m malformed by its own account)"
    [ "$c" = "$N" ] || { echo "FAIL bench-trace: tshark saw $c packets"; fail=1; }
fi
exit $fail
