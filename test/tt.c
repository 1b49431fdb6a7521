/* SPDX-License-Identifier: Apache-2.0 */
#include "tt.h"

struct tt_state tt_;

void tt_run(const char *name, void (*fn)(void))
{
    tt_.current = name;
    tt_.checks_failed_in_case = 0;
    fn();
    if (tt_.checks_failed_in_case)
        tt_.failed++;
    else
        tt_.passed++;
}

static void tt_head(const char *file, int line)
{
    tt_.checks_failed_in_case++;
    TT_PRINTF("FAIL %s (%s:%d): ", tt_.current, file, line);
}

void tt_fail(const char *file, int line, const char *what)
{
    tt_head(file, line);
    TT_PRINTF("%s\n", what);
}

void tt_fail_int(const char *file, int line, const char *a, long long va, const char *b, long long vb)
{
    tt_head(file, line);
    TT_PRINTF("%s == %lld (0x%llx), expected %s == %lld (0x%llx)\n", a, va,
              (unsigned long long)va, b, vb, (unsigned long long)vb);
}

void tt_fail_str(const char *file, int line, const char *a, const char *va, const char *vb)
{
    tt_head(file, line);
    TT_PRINTF("%s == \"%s\", expected \"%s\"\n", a, va ? va : "(null)", vb ? vb : "(null)");
}

void tt_fail_mem(const char *file, int line, const char *a, const uint8_t *pa, const uint8_t *pb, size_t n)
{
    size_t i;
    tt_head(file, line);
    TT_PRINTF("%s differs\n  got:      ", a);
    for (i = 0; i < n; i++)
        TT_PRINTF("%02x", pa[i]);
    TT_PRINTF("\n  expected: ");
    for (i = 0; i < n; i++)
        TT_PRINTF("%02x", pb[i]);
    TT_PRINTF("\n");
}

int tt_memeq(const void *a, const void *b, size_t n)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    size_t i;
    for (i = 0; i < n; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

int tt_streq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

void tt_poison(void *p, size_t n)
{
    uint8_t *b = (uint8_t *)p;
    while (n--)
        *b++ = 0xA5;
}

int tt_is_poison(const void *p, size_t n)
{
    const uint8_t *b = (const uint8_t *)p;
    while (n--)
        if (*b++ != 0xA5)
            return 0;
    return 1;
}
