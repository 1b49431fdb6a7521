#!/bin/sh
# End-to-end test of the reference integration (examples/posix) against
# BlueZ's controller emulator: btvirt runs two emulated LE controllers, the
# unicast server and client each drive one over H4 on a Unix socket, and the
# run passes only if the client connects, exchanges the MTU, finds PACS and
# ASCS, takes the Sink ASE to Streaming, sends E2E_COUNT SDUs (500) that the
# server receives in order and intact and the controller acknowledges,
# releases the ASE, and both sides see the disconnection; then bledump must
# decode both btsnoop traces without one malformed packet, and tshark, when
# installed, must find the same packets and ISO packets in them and none
# malformed.
#
#   sh test/e2e.sh            (make e2e builds what it needs first)
#   KEEP=1 sh test/e2e.sh     keeps the run's directory (logs, traces)
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
. test/e2e-lib.sh
COUNT=${E2E_COUNT:-500}
e2e_need $B/unicast-server $B/unicast-client
e2e_btvirt

start=$(date +%s)
# btvirt has no encryption (LE Encrypt is refused, the kit has no SMP): the
# server is told to treat the link as encrypted so that PACS and ASCS,
# which require it, can be exercised.
timeout 50 $B/unicast-server --transport "$sock" --btsnoop "$dir/server.btsnoop" --expect "$COUNT" \
    --timeout 45 --assume-encrypted > "$dir/server.log" 2>&1 &
spid=$!
pids="$pids $spid"
e2e_wait_for "$dir/server.log" "^server: advertising" "the server did not advertise"
timeout 50 $B/unicast-client --transport "$sock" --btsnoop "$dir/client.btsnoop" --count "$COUNT" \
    --timeout 45 > "$dir/client.log" 2>&1
crc=$?
wait $spid
src=$?
secs=$(($(date +%s) - start))

expect "$dir/client.log" "^client: connected" "connection made"
expect "$dir/server.log" "^server: connected" "connection accepted"
expect "$dir/client.log" "^client: ATT_MTU 247" "MTU exchanged (client)"
expect "$dir/server.log" "^server: ATT_MTU 247" "MTU exchanged (server)"
expect "$dir/client.log" "^client: PACS 0x....-0x...., ASCS 0x....-0x...." "PACS and ASCS discovered"
expect "$dir/client.log" "^client: ASE 1 Streaming" "ASE Streaming (client)"
expect "$dir/server.log" "Enabling -> Streaming" "ASE Streaming (server)"
expect "$dir/server.log" "Releasing -> " "ASE released"
expect "$dir/client.log" "^client: disconnected" "client saw the disconnection"
expect "$dir/server.log" "^server: disconnected" "server saw the disconnection"
expect "$dir/client.log" "SDUs sent $COUNT, acknowledged $COUNT .*errors 0;" "$COUNT SDUs sent and acknowledged"
expect "$dir/server.log" "SDUs received $COUNT intact, 0 bad, 0 out of order" "$COUNT SDUs received in order and intact"
e2e_status client $crc
e2e_status server $src

e2e_trace client.btsnoop "$COUNT"
e2e_trace server.btsnoop "$COUNT"

e2e_end "$secs" "e2e" client server
