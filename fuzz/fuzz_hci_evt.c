/* Fuzz harness of the HCI event tables (layers/hci_evt.h).
 * Input: an Event_Code octet, then the event's parameters. For LE Meta (0x3E)
 * the first parameter octet is the Subevent_Code and the rest goes through
 * the LE subevent table as well.
 * Invariants, for each table the input reaches: on success the parameters
 * re-encode to exactly the input (the encoding is canonical), size agrees,
 * an encoding one octet short fails, decode(encode) encodes the same again,
 * and every array element reads back; on failure the poisoned output is
 * untouched; the printer stays inside small and large buffers.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

union any_params {
    union ble_hci_evt_params e;
    union ble_hci_le_evt_params le;
};

/* Decodes d from (p, n) into *u; returns the decode result after checking it. */
static int fuzz_pdu(const struct ble_pdu_desc *desc, const uint8_t *p, size_t n, union any_params *u)
{
    union any_params u2;
    uint8_t *out, *again;
    size_t i, j;
    int rc, len;
    char small[64], big[4096];
    struct ble_str s;
    memset(u, 0xA5, sizeof *u);
    rc = ble_pdu_decode(desc, p, n, u);
    if (rc != BLE_OK) {
        const uint8_t *b = (const uint8_t *)u;
        FUZZ_CHECK(rc < 0 && ble_err_name(rc)[0] == 'B');
        for (i = 0; i < sizeof *u; i++)
            FUZZ_CHECK(b[i] == 0xA5);
        return rc;
    }
    len = ble_pdu_size(desc, u);
    FUZZ_CHECK(len >= 0 && (size_t)len == n);
    out = (uint8_t *)malloc((size_t)len + 1);
    again = (uint8_t *)malloc((size_t)len + 1);
    FUZZ_CHECK(out != NULL && again != NULL);
    if (len > 0)
        FUZZ_CHECK(ble_pdu_encode(desc, u, out, (size_t)len - 1) == BLE_ERR_NO_SPACE);
    FUZZ_CHECK(ble_pdu_encode(desc, u, out, (size_t)len) == len);
    FUZZ_CHECK(len == 0 || memcmp(out, p, (size_t)len) == 0); /* canonical */
    FUZZ_CHECK(ble_pdu_decode(desc, out, (size_t)len, &u2) == BLE_OK);
    FUZZ_CHECK(ble_pdu_encode(desc, &u2, again, (size_t)len) == len);
    FUZZ_CHECK(len == 0 || memcmp(again, out, (size_t)len) == 0);
    free(again);
    free(out);
    for (i = 0; i < desc->nfields; i++) {
        const struct ble_field *f = &desc->fields[i];
        if (f->kind == BLE_FK_ARR8 || f->kind == BLE_FK_ARRP) {
            struct ble_arr a;
            union {
                uint8_t b[256];
                uint64_t align_u64;
                const void *align_ptr;
            } elem;
            const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
            FUZZ_CHECK(e->size <= sizeof elem.b);
            memcpy(&a, (const uint8_t *)u + f->off, sizeof a);
            FUZZ_CHECK(a.raw.len <= n);
            FUZZ_CHECK(a.raw.len == 0 || (a.raw.p >= p && a.raw.p + a.raw.len <= p + n));
            for (j = 0; j < a.n; j++)
                FUZZ_CHECK(ble_arr_get(&a, e, j, elem.b) == BLE_OK);
            FUZZ_CHECK(ble_arr_get(&a, e, a.n, elem.b) == BLE_ERR_NOT_FOUND);
        }
    }
    ble_str_init(&s, small, sizeof small);
    ble_pdu_print(desc, u, &s, 0);
    FUZZ_CHECK(s.len < sizeof small && small[s.len] == '\0');
    ble_str_init(&s, big, sizeof big);
    ble_pdu_print(desc, u, &s, BLE_PRINT_MULTILINE);
    FUZZ_CHECK(s.len < sizeof big && big[s.len] == '\0');
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct ble_pdu_desc *desc;
    union any_params u;
    if (size < 1)
        return 0;
    desc = ble_hci_evt_desc(data[0]);
    if (!desc)
        return 0;
    FUZZ_CHECK(desc->code == data[0]);
    if (fuzz_pdu(desc, data + 1, size - 1, &u) != BLE_OK || data[0] != BLE_HCI_EVT_LE_META)
        return 0;
    {
        struct ble_hci_evt_le_meta meta = u.e.le_meta;
        FUZZ_CHECK(meta.subevent_code == data[1]);
        FUZZ_CHECK(meta.parameters.p == data + 2 || meta.parameters.len == 0);
        desc = ble_hci_le_evt_desc(meta.subevent_code);
        if (!desc)
            return 0;
        FUZZ_CHECK(desc->code == meta.subevent_code);
        fuzz_pdu(desc, meta.parameters.p, meta.parameters.len, &u);
    }
    return 0;
}
