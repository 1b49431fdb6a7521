#!/bin/sh
# Instructions per operation of each benchmark of test/bench.c under
# callgrind: build/bench --iterations N runs each once for exactly N
# iterations, and the inclusive instruction count of its function b_<name>,
# divided by N, does not depend on the machine's load as ns/op does.
# Usage: sh test/bench_ir.sh [N [TEXT]]   (N = 1000; TEXT: only rows naming it)
# SPDX-License-Identifier: Apache-2.0
cd "$(dirname "$0")/.." || exit 2
N=${1:-1000}
B=build/bench-ir
mkdir -p $B
make -s build/bench || exit 1
if [ -n "$2" ]; then set -- --only "$2"; else set --; fi
valgrind --tool=callgrind --callgrind-out-file=$B/cg.out build/bench --iterations "$N" "$@" >$B/rows.txt 2>$B/valgrind.txt ||
    { cat $B/valgrind.txt >&2; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 $B/cg.out >$B/annotate.txt
# "1,234,567 (..%)  file:b_name [obj]" -> "b_name count"
awk '{ c = $1; gsub(/,/, "", c); f = $0; sub(/.*:/, "", f); sub(/ .*/, "", f)
       if (f ~ /^b_/ && !(f in ir)) ir[f] = c }
     END { for (f in ir) print f, ir[f] }' $B/annotate.txt | sort >$B/ir.txt
printf '%-36s %14s\n' benchmark "instr/op"
# rows.txt: "<name> <ns> ns/op  b_fn, one run of N"
sed 's/  *[0-9.]* ns\/op  \(b_[a-z0-9_]*\),.*/|\1/' $B/rows.txt | while IFS='|' read -r name fn; do
    c=$(awk -v f="$fn" '$1 == f { print $2 }' $B/ir.txt)
    [ -n "$c" ] && printf '%-36s %14.1f\n' "$name" "$(echo "$c / $N" | bc -l)"
done
