#!/bin/sh
# make size: flash and RAM of each layer, and the stack frame of each public
# function, for Cortex-M0+, Cortex-M4 and RV32IMAC at -Os, as firmware builds the
# kit (test/kit.c, BLE_CFG_NAMES=0 unless SIZE_NAMES=1).
# Flash = text + read-only data; RAM = data + bss (the kit has none: it keeps
# no state of its own; the caller's state structs are listed by each layer).
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
B=build/size
mkdir -p $B
NAMES=${SIZE_NAMES:-0}
FLAGS="-std=c99 -Os -ffreestanding -fno-common -ffunction-sections -fdata-sections -fstack-usage -DBLE_CFG_NAMES=$NAMES -DBLE_CFG_LIBC=0"
set -e
arm-none-eabi-gcc -mcpu=cortex-m0plus -mthumb $FLAGS -c test/kit.c -o $B/m0plus.o
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb $FLAGS -c test/kit.c -o $B/m4.o
riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32 $FLAGS -c test/kit.c -o $B/rv32.o
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

per_layer() { # obj nm-prefix -> lines "layer flash ram"
    ${2}nm -S -t d --size-sort "$1" | awk "$layer_awk"'
        NF == 4 { sz = $2 + 0; t = $3; l = layer($4);
                  if (t ~ /[tTrR]/) flash[l] += sz; else if (t ~ /[dDbBgGsS]/) ram[l] += sz; seen[l] = 1 }
        END { for (l in seen) printf "%s %d %d\n", l, flash[l], ram[l] }'
    # string literals live in unnamed merge sections: one row of their own
    ${2}size -A -d "$1" | awk '$1 ~ /^\.rodata\.str/ { s += $2 } END { printf "strings %d 0\n", s }'
}

echo "Footprint at -Os, BLE_CFG_NAMES=$NAMES (bytes; flash = text + rodata, RAM = data + bss)"
echo
printf '%-8s | %14s | %14s | %14s\n' layer "Cortex-M0+" "Cortex-M4" "RV32IMAC"
printf '%-8s | %6s %7s | %6s %7s | %6s %7s\n' "" flash RAM flash RAM flash RAM
echo "---------|----------------|----------------|---------------"
per_layer $B/m0plus.o arm-none-eabi- > $B/m0plus.txt
per_layer $B/m4.o arm-none-eabi- > $B/m4.txt
per_layer $B/rv32.o riscv64-unknown-elf- > $B/rv32.txt
for l in base aes hci l2cap att gatt gap iso pacs ascs bap strings total; do
    row=""
    for t in m0plus m4 rv32; do
        if [ $l = total ]; then
            v=$(awk '{f += $2; r += $3} END {printf "%6d %7d", f, r}' $B/$t.txt)
        else
            v=$(awk -v l=$l '$1 == l {printf "%6d %7d", $2, $3; found = 1} END {if (!found) printf "%6s %7s", "-", "-"}' $B/$t.txt)
        fi
        row="$row | $v"
    done
    case "$row" in *[0-9]*) printf '%-8s%s\n' $l "$row" ;; esac
done

echo
echo "RAM of the caller-owned state structs with the default BLE_CFG_* limits (bytes)"
echo
printf '%-22s | %10s | %9s | %8s\n' struct "Cortex-M0+" "Cortex-M4" "RV32IMAC"
echo "-----------------------|------------|-----------|---------"
arm-none-eabi-gcc -mcpu=cortex-m0plus -mthumb $FLAGS -c test/state_sizes.c -o $B/st-m0plus.o
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb $FLAGS -c test/state_sizes.c -o $B/st-m4.o
riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32 $FLAGS -c test/state_sizes.c -o $B/st-rv32.o
for t in m0plus m4 rv32; do
    case $t in rv32) p=riscv64-unknown-elf- ;; *) p=arm-none-eabi- ;; esac
    ${p}nm -S -t d $B/st-$t.o | awk '$4 ~ /^state_/ { sub(/^state_/, "", $4); print $4, $2 + 0 }' | sort > $B/st-$t.txt
done
join $B/st-m0plus.txt $B/st-m4.txt | join - $B/st-rv32.txt |
    awk '{ printf "struct %-15s | %10d | %9d | %8d\n", $1, $2, $3, $4 }'

echo
echo "Largest stack frame of each public function (bytes, -fstack-usage)"
echo
printf '%-28s | %10s | %9s | %8s\n' function "Cortex-M0+" "Cortex-M4" "RV32IMAC"
echo "-----------------------------|------------|-----------|---------"
# -fstack-usage wrote <target>.su beside each object: one frame list per target
for t in m0plus m4 rv32; do
    [ -f $B/$t.su ] && awk -F'\t' '{ n = $1; sub(/.*:/, "", n); print n, $2 }' $B/$t.su | sort > $B/$t.frames
done
arm-none-eabi-nm $B/m4.o | awk '$2 == "T" {print $3}' | sort > $B/public.txt
join $B/public.txt $B/m0plus.frames | join - $B/m4.frames | join - $B/rv32.frames |
    sort -k3 -n -r | awk '{ printf "%-28s | %10d | %9d | %8d\n", $1, $2, $3, $4 }'
