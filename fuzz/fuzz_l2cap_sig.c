/* Fuzz harness of the LE signaling command codec (layers/l2cap.h).
 * Input: one C-frame payload. Invariants: a command that decodes keeps its
 * header's code, identifier and length, re-encodes to the same octets, and
 * decodes again from them to a command that re-encodes the same; one octet
 * less of room is refused with nothing written; an unknown code keeps its
 * header and data view inside the input; on any other error the output is
 * untouched; the printer stays inside a large and a tiny buffer, in every
 * mode.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_l2cap_sig s, s2;
    uint8_t *out;
    char txt[256], tiny[9];
    size_t i;
    unsigned m;
    struct ble_str str;
    int rc;
    memset(&s, 0xA5, sizeof s);
    rc = ble_l2cap_sig_decode(d, n, &s);
    if (rc == BLE_ERR_UNKNOWN) {
        FUZZ_CHECK(s.desc == NULL && s.code == d[0] && s.id == d[1]);
        FUZZ_CHECK(s.data.len == n - 4 && (s.data.len == 0 || s.data.p == d + 4));
        return 0;
    }
    if (rc != BLE_OK) {
        const uint8_t *p = (const uint8_t *)&s;
        for (i = 0; i < sizeof s; i++)
            FUZZ_CHECK(p[i] == 0xA5);
        return 0;
    }
    FUZZ_CHECK(s.desc != NULL && n >= 4);
    FUZZ_CHECK(s.code == d[0] && s.id == d[1] && ble_get_le16(d + 2) == n - 4);
    out = (uint8_t *)malloc(n + 1);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, n) == (int)n);
    FUZZ_CHECK(memcmp(out, d, n) == 0);
    /* decode(encode(x)) encodes to the same octets again */
    memset(&s2, 0xA5, sizeof s2);
    FUZZ_CHECK(ble_l2cap_sig_decode(out, n, &s2) == BLE_OK && s2.desc == s.desc);
    FUZZ_CHECK(ble_l2cap_sig_encode(s2.code, s2.id, &s2.p, out, n) == (int)n && memcmp(out, d, n) == 0);
    /* one octet less of room: refused, nothing written */
    memset(out, 0x5A, n + 1);
    FUZZ_CHECK(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, n - 1) == BLE_ERR_NO_SPACE);
    for (i = 0; i < n + 1; i++)
        FUZZ_CHECK(out[i] == 0x5A);
    free(out);
    /* the printer stays inside a large and a tiny buffer, in every mode */
    for (m = 0; m < 3; m++) {
        unsigned flags = m == 0 ? 0 : m == 1 ? BLE_PRINT_MULTILINE : BLE_PRINT_JSON;
        ble_str_init(&str, txt, sizeof txt);
        ble_pdu_print(s.desc, &s.p, &str, flags);
        FUZZ_CHECK(str.len < sizeof txt && txt[str.len] == '\0');
        memset(tiny, 0x5A, sizeof tiny);
        ble_str_init(&str, tiny, 8);
        ble_pdu_print(s.desc, &s.p, &str, flags);
        FUZZ_CHECK(str.len < 8 && tiny[str.len] == '\0' && tiny[8] == 0x5A);
    }
    return 0;
}
