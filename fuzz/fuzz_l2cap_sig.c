/* Fuzz harness of the LE signaling command codec (layers/l2cap.h).
 * Input: one C-frame payload. Invariants: a command that decodes re-encodes
 * to the same octets; an unknown code keeps its header and data view inside
 * the input; on any other error the output is untouched; the printer stays
 * inside its buffer.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#include "../ble.h"
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_l2cap_sig s;
    uint8_t *out;
    char txt[256];
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
        size_t i;
        for (i = 0; i < sizeof s; i++)
            FUZZ_CHECK(p[i] == 0xA5);
        return 0;
    }
    FUZZ_CHECK(s.desc != NULL && n >= 4);
    out = (uint8_t *)malloc(n);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, n) == (int)n);
    FUZZ_CHECK(memcmp(out, d, n) == 0);
    if (n > 4)
        FUZZ_CHECK(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, n - 1) == BLE_ERR_NO_SPACE);
    free(out);
    ble_str_init(&str, txt, sizeof txt);
    ble_pdu_print(s.desc, &s.p, &str, 0);
    FUZZ_CHECK(str.len < sizeof txt && txt[str.len] == '\0');
    return 0;
}
