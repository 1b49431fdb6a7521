/* Runs a libFuzzer-style harness without libFuzzer: on each file named on the
 * command line (the seed corpus, a crash to reproduce), or on standard input
 * (AFL++ feeds it there, in a persistent loop when built with afl-clang-fast).
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __AFL_FUZZ_TESTCASE_LEN
#include <unistd.h> /* the persistent-mode macros call read() */
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DRIVER_MAX (1u << 20)

static size_t read_all(FILE *f, uint8_t *buf)
{
    size_t n = 0, got;
    while (n < DRIVER_MAX && (got = fread(buf + n, 1, DRIVER_MAX - n, f)) > 0)
        n += got;
    return n;
}

/* Each input gets a buffer of exactly its size, so the sanitizer sees a read
 * one byte past the end. */
static void run(const uint8_t *buf, size_t n)
{
    uint8_t *exact = (uint8_t *)malloc(n ? n : 1);
    if (!exact)
        abort();
    memcpy(exact, buf, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
}

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

int main(int argc, char **argv)
{
    static uint8_t buf[DRIVER_MAX];
    int i;
#ifdef __AFL_FUZZ_TESTCASE_LEN
    if (argc < 2) {
        __AFL_INIT();
        while (__AFL_LOOP(10000)) {
            size_t n = (size_t)__AFL_FUZZ_TESTCASE_LEN;
            if (n > DRIVER_MAX)
                n = DRIVER_MAX;
            run(__AFL_FUZZ_TESTCASE_BUF, n);
        }
        return 0;
    }
#endif
    if (argc < 2) {
        run(buf, read_all(stdin, buf));
        return 0;
    }
    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        size_t n;
        if (!f) {
            fprintf(stderr, "%s: cannot open\n", argv[i]);
            return 2;
        }
        n = read_all(f, buf);
        fclose(f);
        run(buf, n);
    }
    printf("%d inputs ran\n", argc - 1);
    return 0;
}
