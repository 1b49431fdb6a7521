#!/bin/sh
# End-to-end test of broadcast audio against BlueZ's controller emulator:
# btvirt runs two emulated LE controllers; broadcast-source creates a BIG
# behind extended advertising (Broadcast Audio Announcement) and periodic
# advertising (BASE) and streams SDUs on its BIS; broadcast-sink scans, syncs
# to the periodic advertising, reads the BASE and the BIGInfo, syncs to the
# BIG and receives E2E_COUNT SDUs (500), which must arrive in order and
# intact; then the sink ends its syncs, the source is told to stop (SIGTERM)
# and must see every SDU it sent acknowledged and its BIG terminated; then
# bledump must decode both btsnoop traces without one malformed packet, and
# tshark, when installed, must find the same packets and ISO packets in them.
#
#   sh test/e2e-broadcast.sh            (make e2e builds what it needs first)
#   KEEP=1 sh test/e2e-broadcast.sh     keeps the run's directory (logs, traces)
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
. test/e2e-lib.sh
COUNT=${E2E_COUNT:-500}
e2e_need $B/broadcast-source $B/broadcast-sink
e2e_btvirt

start=$(date +%s)
timeout 50 $B/broadcast-source --transport "$sock" --btsnoop "$dir/source.btsnoop" --timeout 45 \
    > "$dir/source.log" 2>&1 &
srcpid=$!
pids="$pids $srcpid"
e2e_wait_for "$dir/source.log" "^source: streaming" "the source did not start streaming"
# The emulator reports advertising once, when scanning is enabled: the sink
# starts after the source advertises.
timeout 50 $B/broadcast-sink --transport "$sock" --btsnoop "$dir/sink.btsnoop" --expect "$COUNT" \
    --timeout 45 > "$dir/sink.log" 2>&1
krc=$?
kill -TERM $srcpid 2>/dev/null
wait $srcpid
src=$?
secs=$(($(date +%s) - start))

expect "$dir/sink.log" "^sink: found broadcast 0x0b1e57" "Broadcast Audio Announcement found"
expect "$dir/sink.log" "^sink: PA synced" "periodic advertising synced"
expect "$dir/sink.log" "^sink:   codec 0x06, 16000 Hz, 40 octets per frame, 1 BIS" "BASE read (LC3 16_2, 1 BIS)"
expect "$dir/source.log" "^source: BIG created, BIS 1 handle" "BIG created"
expect "$dir/sink.log" "^sink: BIG synced, BIS 1 handle" "BIG synced"
expect "$dir/sink.log" "^sink: receiving" "BIS data path set (sink)"
expect "$dir/sink.log" "SDUs received [0-9]* intact, 0 bad, 0 out of order, 0 lost, errors 0, stopped yes" \
    "SDUs received in order and intact, syncs ended"
n=$(sed -n 's/.*SDUs received \([0-9]*\) intact.*/\1/p' "$dir/sink.log")
[ "${n:-0}" -ge "$COUNT" ] && echo "ok   sink received ${n} SDUs (at least $COUNT)" ||
    { echo "FAIL sink received ${n:-0} SDUs, fewer than $COUNT"; failed=1; }
expect "$dir/source.log" "^source: stopped, BIG terminated" "BIG terminated, advertising off"
sent=$(sed -n 's/.*SDUs sent \([0-9]*\), acknowledged \([0-9]*\) .*/\1 \2/p' "$dir/source.log")
set -- $sent
[ -n "${1:-}" ] && [ "$1" = "$2" ] && [ "$1" -ge "$COUNT" ] &&
    echo "ok   source sent $1 SDUs, all acknowledged" ||
    { echo "FAIL source sent/acknowledged: ${sent:-none}"; failed=1; }
e2e_status sink $krc
e2e_status source $src

e2e_trace source.btsnoop "$COUNT"
e2e_trace sink.btsnoop "$COUNT"

e2e_end "$secs" "e2e broadcast" source sink
