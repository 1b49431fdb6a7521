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
B=build
COUNT=${E2E_COUNT:-500}
BTVIRT=$B/btvirt-root/usr/bin/btvirt
for f in "$BTVIRT" $B/btvirt_shim.so $B/unicast-server $B/unicast-client $B/bledump; do
    [ -x "$f" ] || [ -f "$f" ] || { echo "e2e: $f missing (make e2e builds it)"; exit 2; }
done

# A private directory: the emulator's sockets (shim part 7), logs, traces.
dir=$(mktemp -d "${TMPDIR:-/tmp}/blekit-e2e.XXXXXX") || exit 2
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "e2e: run kept in $dir"; else rm -rf "$dir"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# tcache off: LE BIG Terminate Sync otherwise crashes btdev (shim part 5)
BTVIRT_DIR=$dir GLIBC_TUNABLES=glibc.malloc.tcache_count=0 LD_PRELOAD=$PWD/$B/btvirt_shim.so \
    timeout 60 "$BTVIRT" -s > "$dir/btvirt.log" 2>&1 &
pids=$!
i=0
while [ ! -S "$dir/bt-server-bredrle" ]; do
    i=$((i + 1))
    [ $i -le 50 ] || { echo "e2e: btvirt did not start"; cat "$dir/btvirt.log"; exit 1; }
    sleep 0.1
done
sock=unix:$dir/bt-server-bredrle

start=$(date +%s)
# btvirt has no encryption (LE Encrypt is refused, the kit has no SMP): the
# server is told to treat the link as encrypted so that PACS and ASCS,
# which require it, can be exercised.
timeout 50 $B/unicast-server --transport "$sock" --btsnoop "$dir/server.btsnoop" --expect "$COUNT" \
    --timeout 45 --assume-encrypted > "$dir/server.log" 2>&1 &
spid=$!
pids="$pids $spid"
i=0
until grep -q "^server: advertising" "$dir/server.log" 2>/dev/null; do
    i=$((i + 1))
    [ $i -le 50 ] || { echo "e2e: the server did not advertise"; cat "$dir/server.log"; exit 1; }
    sleep 0.1
done
timeout 50 $B/unicast-client --transport "$sock" --btsnoop "$dir/client.btsnoop" --count "$COUNT" \
    --timeout 45 > "$dir/client.log" 2>&1
crc=$?
wait $spid
src=$?
secs=$(($(date +%s) - start))

failed=0
expect() { # expect FILE PATTERN WHAT
    if grep -q -- "$2" "$1"; then echo "ok   $3"; else echo "FAIL $3 (no \"$2\" in $(basename "$1"))"; failed=1; fi
}
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
[ $crc -eq 0 ] && echo "ok   client exit status" || { echo "FAIL client exit status $crc"; failed=1; }
[ $src -eq 0 ] && echo "ok   server exit status" || { echo "FAIL server exit status $src"; failed=1; }
[ $secs -le 40 ] && echo "ok   run took ${secs}s" || { echo "FAIL run took ${secs}s"; failed=1; }

# Both traces decode: every packet, no decode error; the ISO SDUs are in them.
for side in client server; do
    if $B/bledump "$dir/$side.btsnoop" > "$dir/$side.dump" 2> "$dir/$side.dump.err" &&
        grep -q ", 0 with decode errors" "$dir/$side.dump.err"; then
        echo "ok   bledump decodes the $side trace: $(cat "$dir/$side.dump.err" | sed 's/^bledump: //')"
    else
        echo "FAIL bledump on the $side trace: $(cat "$dir/$side.dump.err")"
        grep ' !' "$dir/$side.dump" | head -n 5
        failed=1
    fi
    n=$(grep -c ' iso ' "$dir/$side.dump")
    [ "$n" -ge "$COUNT" ] && echo "ok   $side trace holds $n ISO packets" ||
        { echo "FAIL $side trace holds $n ISO packets"; failed=1; }
done

# tshark cross-checks bledump on the same traces (H4, datalink 1002): one
# line per packet with the malformed marker and the ISO protocol, if any.
if command -v tshark > /dev/null 2>&1; then
    for side in client server; do
        if tshark -r "$dir/$side.btsnoop" -T fields -e frame.number -e _ws.malformed -e bthci_iso \
            > "$dir/$side.tshark" 2> "$dir/$side.tshark.err"; then
            tn=$(awk 'END { print NR }' "$dir/$side.tshark")
            tm=$(awk -F '\t' '$2 != ""' "$dir/$side.tshark")
            ti=$(awk -F '\t' '$3 != "" { n++ } END { print n + 0 }' "$dir/$side.tshark")
        else
            echo "FAIL tshark cannot read the $side trace: $(tail -n 1 "$dir/$side.tshark.err")"
            failed=1
            continue
        fi
        bn=$(sed -n 's/^bledump: \([0-9]*\) packets.*/\1/p' "$dir/$side.dump.err")
        bi=$(grep -c ' iso ' "$dir/$side.dump")
        [ "$tn" = "$bn" ] && echo "ok   tshark counts $tn packets in the $side trace, as bledump does" ||
            { echo "FAIL tshark counts $tn packets in the $side trace, bledump ${bn:-none}"; failed=1; }
        [ -z "$tm" ] && echo "ok   tshark finds no malformed packet in the $side trace" ||
            { echo "FAIL tshark finds malformed packets in the $side trace:"; echo "$tm" | head -n 5; failed=1; }
        [ "$ti" = "$bi" ] && echo "ok   tshark counts $ti ISO packets in the $side trace, as bledump does" ||
            { echo "FAIL tshark counts $ti ISO packets in the $side trace, bledump $bi"; failed=1; }
    done
else
    echo "skip tshark cross-check of the traces (no tshark on PATH)"
fi

if [ $failed -ne 0 ]; then
    echo "--- client"; cat "$dir/client.log"; echo "--- server"; cat "$dir/server.log"
    echo "--- btvirt"; tail -n 20 "$dir/btvirt.log"
    exit 1
fi
tail -n 1 "$dir/client.log"
tail -n 1 "$dir/server.log"
echo "e2e passed"
