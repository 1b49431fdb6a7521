/* Fuzz harness of profiles/bap.h.
 * Input: one selector octet, then the octets to decode. Selector & 3:
 * 0 a BASE, 1 a Codec_Specific_Configuration, 2 Codec_Specific_Capabilities,
 * 3 a Metadata list. Invariants: outputs stay untouched on error; a decoded
 * BASE iterates to exactly its subgroups and BISes, every view inside the
 * input, and re-encodes from its raw octets and from BIS arrays to the same
 * octets; configurations and capabilities re-encode to a list that decodes
 * to the same struct; every known Metadata structure re-encodes from its
 * typed members to the same octets; the fit check never accepts a
 * configuration whose frequency the capabilities lack.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static int inside(struct ble_view v, const uint8_t *d, size_t n)
{
    return v.len == 0 || (v.p >= d && v.p + v.len <= d + n);
}

static void fuzz_base(const uint8_t *d, size_t n)
{
    struct ble_bap_base b, poison;
    struct ble_bap_subgroup sg[8];
    struct ble_bap_bis bis[8][31];
    struct ble_bap_base_it it, bit;
    static uint8_t out[1 << 16];
    size_t k = 0, total_bis = 0;
    int rc;
    memset(&poison, 0xA5, sizeof poison);
    b = poison;
    rc = ble_bap_base_decode(d, n, &b);
    if (rc != BLE_OK) {
        FUZZ_CHECK(memcmp(&b, &poison, sizeof b) == 0);
        return;
    }
    FUZZ_CHECK(b.num_subgroups >= 1);
    ble_bap_base_it_init(&it, &b);
    while (ble_bap_subgroup_next(&it, &sg[k % 8]) == BLE_OK) {
        struct ble_bap_subgroup *s = &sg[k % 8];
        size_t j = 0;
        FUZZ_CHECK(s->num_bis >= 1);
        FUZZ_CHECK(inside(s->codec_cfg, d, n) && inside(s->metadata, d, n) && inside(s->bis_raw, d, n));
        FUZZ_CHECK(ble_ltv_check(s->codec_cfg.p, s->codec_cfg.len, 0, 0) == BLE_OK);
        ble_bap_bis_it_init(&bit, s);
        while (ble_bap_bis_next(&bit, &bis[k % 8][j % 31]) == BLE_OK) {
            struct ble_bap_bis *x = &bis[k % 8][j % 31];
            FUZZ_CHECK(x->index >= 1 && x->index <= 31 && inside(x->codec_cfg, d, n));
            j++;
        }
        FUZZ_CHECK(j == s->num_bis && j <= 31);
        total_bis += j;
        k++;
    }
    FUZZ_CHECK(k == b.num_subgroups && total_bis <= 31);
    /* whole re-encode from the raw subgroups (when they fit the array) */
    if (k <= 8) {
        size_t i;
        FUZZ_CHECK(ble_bap_base_encode(b.presentation_delay, sg, k, out, sizeof out) == (int)n);
        FUZZ_CHECK(memcmp(out, d, n) == 0);
        for (i = 0; i < k; i++)
            sg[i].bis = bis[i];
        FUZZ_CHECK(ble_bap_base_encode(b.presentation_delay, sg, k, out, sizeof out) == (int)n);
        FUZZ_CHECK(memcmp(out, d, n) == 0);
        memset(out, 0x5A, n);
        FUZZ_CHECK(ble_bap_base_encode(b.presentation_delay, sg, k, out, n - 1) == BLE_ERR_NO_SPACE);
        FUZZ_CHECK(out[0] == 0x5A);
    }
}

static void fuzz_cfg(const uint8_t *d, size_t n)
{
    struct ble_bap_codec_cfg c, poison, again;
    struct ble_bap_codec_cap cap, cpoison, capagain;
    uint8_t out[64];
    int rc, m;
    memset(&poison, 0xA5, sizeof poison);
    c = poison;
    rc = ble_bap_codec_cfg_decode(d, n, &c, 0);
    if (rc != BLE_OK) {
        FUZZ_CHECK(memcmp(&c, &poison, sizeof c) == 0);
    } else {
        m = ble_bap_codec_cfg_encode(&c, out, sizeof out);
        FUZZ_CHECK(m >= 0 && m <= 19);
        FUZZ_CHECK(ble_bap_codec_cfg_decode(out, (size_t)m, &again, 0) == BLE_OK);
        FUZZ_CHECK(memcmp(&again, &c, sizeof c) == 0);
    }
    memset(&cpoison, 0xA5, sizeof cpoison);
    cap = cpoison;
    if (ble_bap_codec_cap_decode(d, n, &cap, 0) != BLE_OK) {
        FUZZ_CHECK(memcmp(&cap, &cpoison, sizeof cap) == 0);
        return;
    }
    m = ble_bap_codec_cap_encode(&cap, out, sizeof out);
    FUZZ_CHECK(m >= 0 && m <= 21);
    FUZZ_CHECK(ble_bap_codec_cap_decode(out, (size_t)m, &capagain, 0) == BLE_OK);
    FUZZ_CHECK(memcmp(&capagain, &cap, sizeof cap) == 0);
    if (rc == BLE_OK && ble_bap_codec_cfg_fits(&c, &cap) == 0)
        FUZZ_CHECK(cap.sampling_frequencies & (1u << (c.sampling_frequency - 1)));
}

static void fuzz_meta(const uint8_t *d, size_t n)
{
    struct ble_rd r;
    struct ble_view v;
    uint8_t t;
    int all_ok = 1, rc;
    ble_rd_init(&r, d, n);
    while ((rc = ble_ltv_next(&r, &t, &v)) == BLE_OK) {
        struct ble_bap_meta m, poison;
        uint8_t out[256];
        struct ble_wr w;
        int mrc;
        memset(&poison, 0xA5, sizeof poison);
        m = poison;
        mrc = ble_bap_meta_decode(t, v.p, v.len, &m);
        if (mrc != BLE_OK && mrc != BLE_ERR_UNKNOWN) {
            FUZZ_CHECK(memcmp(&m, &poison, sizeof m) == 0);
            all_ok = 0;
            continue;
        }
        FUZZ_CHECK(m.type == t && m.value.len == v.len);
        if (mrc == BLE_OK)
            m.value = ble_view_make(0, 0); /* re-encode from the typed members */
        ble_wr_init(&w, out, sizeof out);
        FUZZ_CHECK(ble_bap_meta_put(&w, &m) == BLE_OK);
        FUZZ_CHECK(w.pos == v.len + 2 && out[0] == v.len + 1 && out[1] == t);
        FUZZ_CHECK(v.len == 0 || memcmp(out + 2, v.p, v.len) == 0);
        (void)ble_bap_meta_name(t);
    }
    FUZZ_CHECK(rc == BLE_ERR_AGAIN || rc == BLE_ERR_SHORT || rc == BLE_ERR_MALFORMED);
    FUZZ_CHECK((ble_bap_meta_check(d, n, 0) == BLE_OK) == (rc == BLE_ERR_AGAIN && all_ok));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    switch (data[0] & 3) {
    case 0: fuzz_base(data + 1, size - 1); break;
    case 1: fuzz_cfg(data + 1, size - 1); break;
    case 2: fuzz_cfg(data + 1, size - 1); break;
    default: fuzz_meta(data + 1, size - 1); break;
    }
    return 0;
}
