/* Fuzz harness of the advertising-data part of layers/gap.h.
 * Input: one AD payload (legacy or extended, up to 1650 octets). Invariants:
 * the iterator terminates and its structures tile the input from offset 0 up
 * to where it stops; at the end only zeros follow (a zero Length and its
 * padding), on BLE_ERR_SHORT the failing Length octet's structure runs past
 * the end, on BLE_ERR_MALFORMED a non-zero octet sits after a zero Length;
 * every structure goes through its typed decoder, which leaves its output
 * untouched on error and, on success, re-encodes through the builder to the
 * same octets; the printer stays inside its buffer in all three modes, for
 * every structure and for the whole payload.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static void print_checked(const uint8_t *d, size_t n, int whole, uint8_t type)
{
    char txt[512 + 1];
    unsigned m;
    for (m = 0; m < 3; m++) {
        struct ble_str s;
        unsigned flags = m == 0 ? 0 : m == 1 ? BLE_PRINT_MULTILINE : BLE_PRINT_JSON;
        size_t cap = whole ? 512 : (size_t)(n * 7 % 509 + 3);
        txt[cap] = 0x5A;
        ble_str_init(&s, txt, cap);
        if (whole)
            ble_gap_ad_print_all(d, n, &s, flags);
        else
            ble_gap_ad_print(type, d, n, &s, flags);
        FUZZ_CHECK(s.len < cap && txt[s.len] == '\0');
        FUZZ_CHECK(txt[cap] == 0x5A);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    size_t expect = 0, i, count = 0;
    int rc;
    if (n > BLE_GAP_AD_EXT_MAX)
        n = BLE_GAP_AD_EXT_MAX;
    ble_gap_ad_it_init(&it, d, n);
    while ((rc = ble_gap_ad_next(&it, &s)) == 1) {
        struct ble_gap_ad ad;
        int drc;
        FUZZ_CHECK(++count <= n / 2);
        /* tiling: each structure starts where the last one ended */
        FUZZ_CHECK(s.off == expect);
        FUZZ_CHECK(d[s.off] == s.data.len + 1 && d[s.off + 1] == s.type);
        FUZZ_CHECK(s.data.len == 0 || s.data.p == d + s.off + 2);
        expect = s.off + 2 + s.data.len;
        FUZZ_CHECK(expect <= n && it.pos == expect);
        memset(&ad, 0xA5, sizeof ad);
        drc = ble_gap_ad_decode(s.type, s.data.p, s.data.len, &ad);
        if (drc == BLE_OK || drc == BLE_ERR_UNKNOWN) {
            uint8_t out[2 + BLE_GAP_AD_DATA_MAX];
            struct ble_gap_ad_builder b;
            FUZZ_CHECK(ad.type == s.type && ad.data.len == s.data.len);
            ble_gap_ad_builder_init(&b, out, sizeof out);
            if (drc == BLE_OK) {
                FUZZ_CHECK(ad.desc != NULL);
                FUZZ_CHECK(ble_gap_ad_add_value(&b, s.type, &ad.v) == (int)(s.data.len + 2));
                /* one octet short: refused, nothing written */
                ble_gap_ad_builder_init(&b, out, s.data.len + 1);
                memset(out, 0x5A, sizeof out);
                FUZZ_CHECK(ble_gap_ad_add_value(&b, s.type, &ad.v) == BLE_ERR_NO_SPACE);
                for (i = 0; i < sizeof out; i++)
                    FUZZ_CHECK(out[i] == 0x5A);
                ble_gap_ad_builder_init(&b, out, sizeof out);
                FUZZ_CHECK(ble_gap_ad_add_value(&b, s.type, &ad.v) == (int)(s.data.len + 2));
            } else {
                FUZZ_CHECK(ad.desc == NULL && ble_gap_ad_desc(s.type) == NULL);
                FUZZ_CHECK(ble_gap_ad_add(&b, s.type, s.data.p, s.data.len) == (int)(s.data.len + 2));
            }
            FUZZ_CHECK(memcmp(out, d + s.off, s.data.len + 2) == 0);
        } else {
            const uint8_t *p = (const uint8_t *)&ad;
            FUZZ_CHECK(drc == BLE_ERR_MALFORMED);
            for (i = 0; i < sizeof ad; i++)
                FUZZ_CHECK(p[i] == 0xA5);
        }
        print_checked(s.data.p, s.data.len, 0, s.type);
    }
    FUZZ_CHECK(it.pos == expect);
    if (rc == 0) {
        /* the end: the input is used up, or a zero Length and zeros after it */
        for (i = expect; i < n; i++)
            FUZZ_CHECK(d[i] == 0);
    } else if (rc == BLE_ERR_SHORT) {
        FUZZ_CHECK(it.err_off == expect && d[expect] != 0);
        FUZZ_CHECK((size_t)d[expect] + 1 > n - expect);
    } else {
        FUZZ_CHECK(rc == BLE_ERR_MALFORMED);
        FUZZ_CHECK(d[expect] == 0 && it.err_off > expect && it.err_off < n && d[it.err_off] != 0);
        for (i = expect; i < it.err_off; i++)
            FUZZ_CHECK(d[i] == 0);
    }
    FUZZ_CHECK(ble_gap_ad_next(&it, &s) == rc); /* the verdict sticks */
    print_checked(d, n, 1, 0);
    return 0;
}
