# Shared parts of the end-to-end scenarios (sourced, not run): btvirt in a
# private directory, waiting for a log line, ok/FAIL checks, and the check
# that bledump decodes a run's btsnoop trace.
# SPDX-License-Identifier: Apache-2.0
B=build
BTVIRT=$B/btvirt-root/usr/bin/btvirt
failed=0
pids=""
dir=""

# e2e_need FILE...: what make e2e builds, or exit 2.
e2e_need() {
    for f in "$BTVIRT" $B/btvirt_shim.so $B/bledump "$@"; do
        [ -x "$f" ] || [ -f "$f" ] || { echo "e2e: $f missing (make e2e builds it)"; exit 2; }
    done
}

e2e_cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    if [ -n "$dir" ]; then
        if [ -n "${KEEP:-}" ]; then echo "e2e: run kept in $dir"; else rm -rf "$dir"; fi
    fi
}

# e2e_btvirt: a private directory ($dir) for the emulator's sockets (shim
# part 7), logs and traces; btvirt started there; $sock the transport spec.
e2e_btvirt() {
    dir=$(mktemp -d "${TMPDIR:-/tmp}/blekit-e2e.XXXXXX") || exit 2
    trap e2e_cleanup EXIT
    trap 'exit 2' INT TERM
    # tcache off: LE BIG Terminate Sync otherwise crashes btdev (shim part 5)
    BTVIRT_DIR=$dir GLIBC_TUNABLES=glibc.malloc.tcache_count=0 LD_PRELOAD=$PWD/$B/btvirt_shim.so \
        timeout 60 "$BTVIRT" -s > "$dir/btvirt.log" 2>&1 &
    pids="$pids $!"
    e2e_wait_sock "$dir/bt-server-bredrle"
    sock=unix:$dir/bt-server-bredrle
}

e2e_wait_sock() {
    i=0
    while [ ! -S "$1" ]; do
        i=$((i + 1))
        [ $i -le 50 ] || { echo "e2e: btvirt did not start"; cat "$dir/btvirt.log"; exit 1; }
        sleep 0.1
    done
}

# e2e_wait_for FILE PATTERN WHY: up to 5 s for a line, else fail with WHY.
e2e_wait_for() {
    i=0
    until grep -q "$2" "$1" 2>/dev/null; do
        i=$((i + 1))
        [ $i -le 50 ] || { echo "e2e: $3"; cat "$1"; exit 1; }
        sleep 0.1
    done
}

# expect FILE PATTERN WHAT
expect() {
    if grep -q -- "$2" "$1"; then echo "ok   $3"; else echo "FAIL $3 (no \"$2\" in $(basename "$1"))"; failed=1; fi
}

# e2e_status NAME RC
e2e_status() {
    [ "$2" -eq 0 ] && echo "ok   $1 exit status" || { echo "FAIL $1 exit status $2"; failed=1; }
}

# e2e_trace FILE MIN_ISO: bledump decodes every packet of $dir/FILE with no
# decode error, and the trace holds at least MIN_ISO ISO packets; then, when
# tshark is on the PATH, it cross-checks bledump on the same trace (H4,
# datalink 1002): the same packet and ISO packet counts, none malformed.
e2e_trace() {
    t=$dir/$1
    if $B/bledump "$t" > "$t.dump" 2> "$t.err" && grep -q ", 0 with decode errors" "$t.err"; then
        echo "ok   bledump decodes $1: $(sed 's/^bledump: //' "$t.err")"
    else
        echo "FAIL bledump on $1: $(cat "$t.err")"
        grep ' !' "$t.dump" | head -n 5
        failed=1
    fi
    bi=$(grep -c ' iso ' "$t.dump")
    [ "$bi" -ge "$2" ] && echo "ok   $1 holds $bi ISO packets" || { echo "FAIL $1 holds $bi ISO packets"; failed=1; }
    if ! command -v tshark > /dev/null 2>&1; then
        echo "skip tshark cross-check of $1 (no tshark on PATH)"
        return
    fi
    # one line per packet: its number, the malformed marker, the ISO protocol
    if ! tshark -r "$t" -T fields -e frame.number -e _ws.malformed -e bthci_iso > "$t.tshark" 2> "$t.tshark.err"
    then
        echo "FAIL tshark cannot read $1: $(tail -n 1 "$t.tshark.err")"
        failed=1
        return
    fi
    tn=$(awk 'END { print NR }' "$t.tshark")
    tm=$(awk -F '\t' '$2 != ""' "$t.tshark")
    ti=$(awk -F '\t' '$3 != "" { n++ } END { print n + 0 }' "$t.tshark")
    bn=$(sed -n 's/^bledump: \([0-9]*\) packets.*/\1/p' "$t.err")
    [ "$tn" = "$bn" ] && echo "ok   tshark counts $tn packets in $1, as bledump does" ||
        { echo "FAIL tshark counts $tn packets in $1, bledump ${bn:-none}"; failed=1; }
    [ -z "$tm" ] && echo "ok   tshark finds no malformed packet in $1" ||
        { echo "FAIL tshark finds malformed packets in $1:"; echo "$tm" | head -n 5; failed=1; }
    [ "$ti" = "$bi" ] && echo "ok   tshark counts $ti ISO packets in $1, as bledump does" ||
        { echo "FAIL tshark counts $ti ISO packets in $1, bledump $bi"; failed=1; }
}

# e2e_end SECONDS WHAT LOG...: the run's time checked (40 s at most); on a
# failure every log and the end of btvirt's shown and exit 1; else the last
# line (the summary) of each log and "WHAT passed".
e2e_end() {
    secs=$1 what=$2
    shift 2
    [ "$secs" -le 40 ] && echo "ok   run took ${secs}s" || { echo "FAIL run took ${secs}s"; failed=1; }
    if [ $failed -ne 0 ]; then
        for l in "$@"; do echo "--- $l"; cat "$dir/$l.log"; done
        echo "--- btvirt"; tail -n 20 "$dir/btvirt.log"
        exit 1
    fi
    for l in "$@"; do tail -n 1 "$dir/$l.log"; done
    echo "$what passed"
}
