/* Fuzz harness of profiles/pacs.h.
 * Input: one selector octet, then a characteristic value. Selector & 1: 0 a
 * PAC record list, 1 Audio Locations and Audio Contexts. Invariants: outputs
 * stay untouched on error; a decoded list iterates to exactly its records,
 * every view inside the input, and re-encodes to the same octets (one octet
 * less of room is refused with nothing written); the capability and
 * metadata decoders of each record either succeed or leave their output
 * alone; locations and contexts re-encode to the same octets.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static int inside(struct ble_view v, const uint8_t *d, size_t n)
{
    return v.len == 0 || (v.p >= d && v.p + v.len <= d + n);
}

static void fuzz_pac(const uint8_t *d, size_t n)
{
    struct ble_pacs_pac pac, poison;
    struct ble_pacs_it it;
    static struct ble_pacs_record rec[255];
    static uint8_t out[1 << 16];
    size_t k = 0;
    memset(&poison, 0xA5, sizeof poison);
    pac = poison;
    if (ble_pacs_pac_decode(d, n, &pac) != BLE_OK) {
        FUZZ_CHECK(memcmp(&pac, &poison, sizeof pac) == 0);
        return;
    }
    FUZZ_CHECK(pac.num_records >= 1);
    ble_pacs_it_init(&it, &pac);
    while (ble_pacs_next(&it, &rec[k]) == BLE_OK) {
        struct ble_bap_codec_cap cap, cpoison;
        FUZZ_CHECK(inside(rec[k].caps, d, n) && inside(rec[k].metadata, d, n));
        memset(&cpoison, 0xA5, sizeof cpoison);
        cap = cpoison;
        if (ble_bap_codec_cap_decode(rec[k].caps.p, rec[k].caps.len, &cap, 0) != BLE_OK)
            FUZZ_CHECK(memcmp(&cap, &cpoison, sizeof cap) == 0);
        (void)ble_bap_meta_check(rec[k].metadata.p, rec[k].metadata.len, 0);
        k++;
        FUZZ_CHECK(k <= 255);
    }
    FUZZ_CHECK(k == pac.num_records);
    FUZZ_CHECK(ble_pacs_pac_encode(rec, k, out, sizeof out) == (int)n);
    FUZZ_CHECK(memcmp(out, d, n) == 0);
    memset(out, 0x5A, n);
    FUZZ_CHECK(ble_pacs_pac_encode(rec, k, out, n - 1) == BLE_ERR_NO_SPACE);
    FUZZ_CHECK(out[0] == 0x5A);
}

static void fuzz_values(const uint8_t *d, size_t n)
{
    uint32_t loc = 0xA5A5A5A5u;
    uint16_t snk = 0xA5A5, src = 0xA5A5;
    uint8_t mem[4];
    struct ble_gatt_buf b = { mem, 0, sizeof mem };
    if (ble_pacs_locations_decode(d, n, &loc) == BLE_OK) {
        FUZZ_CHECK(ble_pacs_locations_put(&b, loc) == BLE_OK && b.len == 4 && memcmp(mem, d, 4) == 0);
    } else {
        FUZZ_CHECK(loc == 0xA5A5A5A5u);
    }
    if (ble_pacs_contexts_decode(d, n, &snk, &src) == BLE_OK) {
        FUZZ_CHECK(ble_pacs_contexts_put(&b, snk, src) == BLE_OK && memcmp(mem, d, 4) == 0);
    } else {
        FUZZ_CHECK(snk == 0xA5A5 && src == 0xA5A5);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1)
        fuzz_values(data + 1, size - 1);
    else
        fuzz_pac(data + 1, size - 1);
    return 0;
}
