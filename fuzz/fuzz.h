/* Conventions of the kit's fuzz harnesses.
 * Each fuzz/fuzz_<name>.c includes this file (which includes the kit) and
 * defines LLVMFuzzerTestOneInput(). Built alone, it holds the kit's
 * implementation; built with -DFUZZ_KIT_OBJ (make test), it is linked with
 * the kit compiled once per build flavour (build/obj/fuzzkit-*.o), so that
 * twenty harnesses do not compile the whole kit sixty times. A harness that
 * defines BLE_IMPLEMENTATION itself before this file (one that includes a
 * whole program or a test table) is always built alone.
 * It is built three ways: with libFuzzer (clang -fsanitize=fuzzer), with AFL++
 * (afl-clang-fast, linked with fuzz/driver.c) and as a plain replay program
 * (linked with fuzz/driver.c) that runs the seed corpus under the sanitizers
 * and for coverage. Seeds live in fuzz/corpus/<name>/.
 * Harnesses check invariants, not only the absence of crashes: FUZZ_CHECK
 * aborts with the failed condition so every fuzzer reports it as a crash.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef FUZZ_H
#define FUZZ_H

#ifndef BLE_H
#ifndef FUZZ_KIT_OBJ
#define BLE_IMPLEMENTATION
#endif
#include "../ble.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(c)                                                                      \
    do {                                                                                   \
        if (!(c)) {                                                                        \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);      \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#ifdef __cplusplus
extern "C"
#endif
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
