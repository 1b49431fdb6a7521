#!/bin/sh
# make size: the kit's footprint at -Os on Cortex-M0+, Cortex-M4 and RV32IMAC,
# as firmware builds it (BLE_CFG_NAMES=0 unless SIZE_NAMES=1, BLE_CFG_LIBC=0):
#   1. text (code + read-only data), data and bss of each layer (test/kit.c);
#   2. three firmware images linked with --gc-sections (test/size_app.c);
#   3. the RAM of the caller-owned state structs (test/state_sizes.c);
#   4. the worst stack depth of every public function: its own frame plus the
#      deepest chain of callees, from gcc's -fcallgraph-info=su (the kit has
#      no recursion, so the call graph is a DAG and the sum is exact for
#      direct calls; callbacks the caller supplies count 0 and are marked *).
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
B=build/size
mkdir -p $B
NAMES=${SIZE_NAMES:-0}
FLAGS="-std=c99 -Os -ffreestanding -fno-common -ffunction-sections -fdata-sections -DBLE_CFG_NAMES=$NAMES -DBLE_CFG_LIBC=0"
TARGETS="m0plus m4 rv32"
cc_of() {
    case $1 in
    m0plus) echo "arm-none-eabi-gcc -mcpu=cortex-m0plus -mthumb" ;;
    m4) echo "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb" ;;
    rv32) echo "riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32" ;;
    esac
}
bin_of() { case $1 in rv32) echo riscv64-unknown-elf- ;; *) echo arm-none-eabi- ;; esac; }
# one plain MCU layout for every target: code and constants (RISC-V's small
# constants in .srodata too) in flash, variables in RAM
cat >$B/mcu.ld <<'LD'
SECTIONS {
  .text : { *(.text*) }
  .rodata : { *(.rodata*) *(.srodata*) }
  .data : { *(.data*) *(.sdata*) }
  .bss : { *(.bss*) *(.sbss*) *(COMMON) }
}
LD
set -e
for t in $TARGETS; do
    $(cc_of $t) $FLAGS -fcallgraph-info=su -c test/kit.c -o $B/$t.o
    for a in 1 2 3; do
        $(cc_of $t) $FLAGS -fcallgraph-info=su -DAPP=$a -c test/size_app.c -o $B/app$a-$t.o
        $(cc_of $t) $FLAGS $B/app$a-$t.o -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-e,app_main \
            -Wl,-T,$B/mcu.ld -lgcc -o $B/app$a-$t.elf 2>&1 | grep -v 'LOAD segment with RWX' >&2 || true
    done
    $(cc_of $t) $FLAGS -c test/state_sizes.c -o $B/st-$t.o
done
set +e

# layer of a symbol, from its prefix (static helpers without a layer prefix are base)
layer_awk='
function layer(n) {
    if (n ~ /^ble_(hci|h4)_/) return "hci";
    if (n ~ /^ble_(aes|cmac)_/) return "aes";
    if (n ~ /^ble_l2cap_/) return "l2cap";
    if (n ~ /^ble_att_/) return "att";
    if (n ~ /^ble_gatt_/) return "gatt";
    if (n ~ /^ble_gap_/) return "gap";
    if (n ~ /^ble_iso_/) return "iso";
    if (n ~ /^ble_pacs_/) return "pacs";
    if (n ~ /^ble_ascs_/) return "ascs";
    if (n ~ /^ble_bap_/) return "bap";
    return "base";
}'

per_layer() { # obj nm-prefix -> lines "layer text data bss"
    ${2}nm -S -t d --size-sort "$1" | awk "$layer_awk"'
        NF == 4 { sz = $2 + 0; t = $3; l = layer($4); seen[l] = 1
                  if (t ~ /[tTrR]/) text[l] += sz; else if (t ~ /[dDgG]/) data[l] += sz; else if (t ~ /[bBsS]/) bss[l] += sz }
        END { for (l in seen) printf "%s %d %d %d\n", l, text[l], data[l], bss[l] }'
    # string literals live in unnamed merge sections: one row of their own
    ${2}size -A -d "$1" | awk '$1 ~ /^\.rodata\.str/ { s += $2 } END { printf "strings %d 0 0\n", s }'
}

echo "1. The kit by layer at -Os, BLE_CFG_NAMES=$NAMES (bytes; text = code + read-only data)"
echo
printf '%-8s | %19s | %19s | %19s\n' layer "Cortex-M0+" "Cortex-M4" "RV32IMAC"
printf '%-8s | %7s %5s %5s | %7s %5s %5s | %7s %5s %5s\n' "" text data bss text data bss text data bss
echo "---------|---------------------|---------------------|--------------------"
for t in $TARGETS; do per_layer $B/$t.o $(bin_of $t) > $B/$t.txt; done
for l in base aes hci l2cap att gatt gap iso pacs ascs bap strings total; do
    row=""
    for t in $TARGETS; do
        if [ $l = total ]; then
            v=$(awk '{a += $2; b += $3; c += $4} END {printf "%7d %5d %5d", a, b, c}' $B/$t.txt)
        else
            v=$(awk -v l=$l '$1 == l {printf "%7d %5d %5d", $2, $3, $4; found = 1} END {if (!found) printf "%7s %5s %5s", "-", "-", "-"}' $B/$t.txt)
        fi
        row="$row | $v"
    done
    case "$row" in *[0-9]*) printf '%-8s%s\n' $l "$row" ;; esac
done

echo
echo "2. Firmware images (test/size_app.c: the kit, its glue and a main loop; linked, --gc-sections)"
echo "   bss holds the application's state structs and buffers for one connection"
echo
printf '%-44s | %-10s | %7s %5s %5s\n' build target text data bss
echo "---------------------------------------------|------------|--------------------"
for a in 1 2 3; do
    case $a in
    1) name="(a) LE peripheral, GATT server" ;;
    2) name="(b) LE Audio unicast server (PACS+ASCS+ISO)" ;;
    3) name="(c) central, GATT client, BAP client" ;;
    esac
    for t in $TARGETS; do
        $(bin_of $t)size -A -d $B/app$a-$t.elf | awk -v n="$name" -v t=$t '
            $1 ~ /^\.(text|rodata)$/ { x += $2 } $1 == ".data" { d += $2 } $1 == ".bss" { b += $2 }
            END { printf "%-44s | %-10s | %7d %5d %5d\n", n, t, x, d, b }'
        name=""
    done
done

echo
echo "3. RAM of the caller-owned state structs with the default BLE_CFG_* limits (bytes)"
echo
printf '%-28s | %10s | %9s | %8s\n' struct "Cortex-M0+" "Cortex-M4" "RV32IMAC"
echo "-----------------------------|------------|-----------|---------"
for t in $TARGETS; do
    $(bin_of $t)nm -S -t d $B/st-$t.o | awk '$4 ~ /^state_/ { sub(/^state_/, "", $4); print $4, $2 + 0 }' | sort > $B/st-$t.txt
done
join $B/st-m0plus.txt $B/st-m4.txt | join - $B/st-rv32.txt > $B/st-all.txt
awk '{ printf "%-28s | %10d | %9d | %8d\n", "struct " $1, $2, $3, $4 }' $B/st-all.txt
# per connection of an LE Audio server: the L2CAP link and its recombination
# slot, the GATT server, the ASCS connection (holding its ASEs)
awk '
    { for (i = 2; i <= 4; i++) v[$1, i] = $i }
    END {
        n = split("ble_l2cap_link ble_l2cap_rx_slot ble_gatt_srv ble_ascs_conn", k, " ")
        printf "%-28s |", "per connection, audio srv"
        for (i = 2; i <= 4; i++) { s = 0; for (j = 1; j <= n; j++) s += v[k[j], i]; printf " %*d |", (i == 2 ? 10 : i == 3 ? 9 : 8), s }
        printf "\n%-28s |", "per ASE"
        for (i = 2; i <= 4; i++) printf " %*d |", (i == 2 ? 10 : i == 3 ? 9 : 8), v["ble_ascs_ase", i]
        printf "\n"
    }' $B/st-all.txt | sed 's/ |$//'
echo "(per connection = ble_l2cap_link + ble_l2cap_rx_slot + ble_gatt_srv + ble_ascs_conn, which holds"
echo " BLE_CFG_ASCS_MAX_ASES ASEs; add the caller's buffers: L2CAP recombination 4 + MTU octets, GATT"
echo " 3 x MTU octets, the CCCD array)"

# worst stack depth: frame sizes and call edges from the .ci files
depth_awk='
function depth(f,    i, n, c, d, best) {
    if (f in memo) return memo[f]
    best = 0
    n = split(calls[f], c, " ")
    for (i = 1; i <= n; i++) {
        if (c[i] == "__indirect_call") { ind[f] = 1; continue }
        d = depth(c[i]); if (d > best) best = d
        if (ind[c[i]]) ind[f] = 1
    }
    memo[f] = frame[f] + best
    return memo[f]
}
/^node:/ {
    t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t); sub(/^[^:]*:/, "", t)
    if (match($0, /[0-9]+ bytes/)) frame[t] = substr($0, RSTART, RLENGTH) + 0
}
/^edge:/ {
    s = $0; sub(/.*sourcename: "/, "", s); sub(/".*/, "", s); sub(/^[^:]*:/, "", s)
    d = $0; sub(/.*targetname: "/, "", d); sub(/".*/, "", d); sub(/^[^:]*:/, "", d)
    calls[s] = calls[s] " " d
}
END { for (f in frame) if (f ~ want) printf "%s %d%s\n", f, depth(f), ind[f] ? "*" : "" }'
echo
echo "4. Worst stack depth (bytes: own frame + deepest callee chain; * = plus a caller's callback)"
echo
echo "   whole firmware images, from app_main:"
for a in 1 2 3; do
    row=""
    for t in $TARGETS; do
        v=$(awk -v want='^app_main$' "$depth_awk" $B/app$a-$t.ci | awk '{print $2}')
        row="$row $(printf '%10s' "$v")"
    done
    echo "   ($(echo abc | cut -c$a)) $row"
done | awk 'BEGIN { printf "   %-6s %10s %10s %10s\n", "build", "Cortex-M0+", "Cortex-M4", "RV32IMAC" } { print }'
echo
echo "   every public function, deepest first:"
echo
printf '%-36s | %10s | %9s | %8s\n' function "Cortex-M0+" "Cortex-M4" "RV32IMAC"
echo "-------------------------------------|------------|-----------|---------"
arm-none-eabi-nm $B/m4.o | awk '$2 == "T" {print $3}' | sort > $B/public.txt
for t in $TARGETS; do
    awk -v want='^ble_' "$depth_awk" $B/$t.ci | sort > $B/$t.depth
done
join $B/public.txt $B/m0plus.depth | join - $B/m4.depth | join - $B/rv32.depth |
    sort -k3 -n -r | awk '{ printf "%-36s | %10s | %9s | %8s\n", $1, $2, $3, $4 }'
