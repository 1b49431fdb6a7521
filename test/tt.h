/* tt: the kit's tiny test runner. Plain C99, no allocation, no framework to
 * install, so the same tests build for the host and for a target board (swap
 * TT_PRINTF for the board's console writer).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef TT_H
#define TT_H

#include <stddef.h>
#include <stdint.h>

#ifndef TT_PRINTF
#include <stdio.h>
#define TT_PRINTF printf
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct tt_state {
    unsigned passed, failed, checks_failed_in_case;
    const char *current;
};
extern struct tt_state tt_;

void tt_run(const char *name, void (*fn)(void));
void tt_fail(const char *file, int line, const char *what);
void tt_fail_int(const char *file, int line, const char *a, long long va, const char *b, long long vb);
void tt_fail_str(const char *file, int line, const char *a, const char *va, const char *vb);
void tt_fail_mem(const char *file, int line, const char *a, const uint8_t *pa, const uint8_t *pb, size_t n);
int tt_memeq(const void *a, const void *b, size_t n);
int tt_streq(const char *a, const char *b);
/* Fills n bytes with 0xA5: the poison a decoder must leave untouched on error. */
void tt_poison(void *p, size_t n);
int tt_is_poison(const void *p, size_t n);

#define TT_RUN(fn) tt_run(#fn, fn)
#define CHECK(c) do { if (!(c)) tt_fail(__FILE__, __LINE__, #c); } while (0)
#define CHECK_EQ(a, b) do { long long va_ = (long long)(a), vb_ = (long long)(b); \
    if (va_ != vb_) tt_fail_int(__FILE__, __LINE__, #a, va_, #b, vb_); } while (0)
#define CHECK_STR(a, b) do { const char *va_ = (a), *vb_ = (b); \
    if (!tt_streq(va_, vb_)) tt_fail_str(__FILE__, __LINE__, #a, va_, vb_); } while (0)
#define CHECK_MEM(a, b, n) do { if (!tt_memeq((a), (b), (n))) \
    tt_fail_mem(__FILE__, __LINE__, #a, (const uint8_t *)(a), (const uint8_t *)(b), (n)); } while (0)

#ifdef __cplusplus
}
#endif

#endif
