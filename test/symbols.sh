#!/bin/sh
# Checks compiled kit objects: no allocator referenced, no writable static data.
# Usage: symbols.sh OBJ...   (exit 1 when any object violates either rule)
# SPDX-License-Identifier: Apache-2.0
status=0
for o in "$@"; do
    case "$o" in
        *-m0plus*|*-m4*) p=arm-none-eabi- ;;
        *-rv*) p=riscv64-unknown-elf- ;;
        *) p= ;;
    esac
    bad=0
    heap=$(${p}nm -u "$o" | awk '{print $NF}' | grep -E '^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign)$')
    if [ -n "$heap" ]; then echo "FAIL $o references the heap: $heap"; bad=1; fi
    # writable sections: .data, .bss, .sdata, .sbss and their .name suffixes, and
    # common symbols; .data.rel.ro (const tables holding pointers in a
    # position-independent host object) is read-only after relocation
    rw=$(${p}objdump -t "$o" | awk '$0 ~ /\*COM\*/ {print $NF; next}
        { for (i = 1; i <= NF; i++) if ($i ~ /^\.(data|bss|sdata|sbss|tbss|tdata)(\.|$)/ && $i !~ /^\.data\.rel\.ro/) { print $NF; break } }' |
        grep -v -E '^\.(data|bss|sdata|sbss)$')
    if [ -n "$rw" ]; then echo "FAIL $o has writable static data:" $rw; bad=1; fi
    [ $bad -eq 0 ] && echo "ok   $o: no heap, no writable data"
    [ $bad -eq 0 ] || status=1
done
exit $status
