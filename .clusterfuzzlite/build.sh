#!/bin/bash -eu
# Builds every fuzz/fuzz_<name>.c harness for ClusterFuzzLite / OSS-Fuzz with
# the engine's compiler, flags and libFuzzer, as $OUT/fuzz_<name>, next to
# fuzz_<name>_seed_corpus.zip (fuzz/corpus/<name>/) and fuzz_<name>.dict.
# The harnesses are the ones `make fuzz` builds; each is one translation unit.
# SPDX-License-Identifier: Apache-2.0
cd "$SRC/blekit"
for src in fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)   # fuzz_<name>
    short=${name#fuzz_}
    $CC $CFLAGS -std=c99 -c "$src" -o "$WORK/$name.o"
    # link with $CXX: the engine library is C++
    $CXX $CXXFLAGS "$WORK/$name.o" -o "$OUT/$name" $LIB_FUZZING_ENGINE
    if [ -d "fuzz/corpus/$short" ]; then
        rm -f "$OUT/${name}_seed_corpus.zip"
        zip -q -j "$OUT/${name}_seed_corpus.zip" fuzz/corpus/"$short"/*
    fi
    if [ -f "fuzz/$short.dict" ]; then
        cp "fuzz/$short.dict" "$OUT/$name.dict"
    fi
done
