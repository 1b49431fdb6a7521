/* Fuzz harness of the HCI command and return parameter tables
 * (layers/hci_cmd.h).
 * Input: a 2-octet opcode (little-endian), a selector octet (bit 0 clear: the
 * command's parameters; set: Command Complete's return parameters), then the
 * parameters.
 * Invariants: on success the parameters re-encode to exactly the input (the
 * encoding is canonical), size agrees, an encoding one octet short fails and
 * writes nothing, decode(encode) encodes the same again, and every array
 * element reads back; on failure the poisoned output is untouched; the
 * printer stays inside small and large buffers in all three modes.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

union any_params {
    union ble_hci_cmd_params c;
    union ble_hci_ret_params r;
};

static void fuzz_print(const struct ble_pdu_desc *desc, const void *u)
{
    static const unsigned modes[3] = { 0, BLE_PRINT_MULTILINE, BLE_PRINT_JSON };
    char small[48], big[8192];
    struct ble_str s;
    size_t m, i;
    for (m = 0; m < 3; m++) {
        memset(small, 0x5A, sizeof small);
        ble_str_init(&s, small, sizeof small - 8);
        ble_pdu_print(desc, u, &s, modes[m]);
        FUZZ_CHECK(s.len < sizeof small - 8 && small[s.len] == '\0');
        for (i = sizeof small - 8; i < sizeof small; i++)
            FUZZ_CHECK(small[i] == 0x5A);
        ble_str_init(&s, big, sizeof big);
        ble_pdu_print(desc, u, &s, modes[m]);
        FUZZ_CHECK(s.len < sizeof big && big[s.len] == '\0');
    }
}

static void fuzz_pdu(const struct ble_pdu_desc *desc, const uint8_t *p, size_t n)
{
    union any_params u, u2;
    uint8_t *out, *again;
    size_t i, j;
    int rc, len;
    memset(&u, 0xA5, sizeof u);
    rc = ble_pdu_decode(desc, p, n, &u);
    if (rc != BLE_OK) {
        const uint8_t *b = (const uint8_t *)&u;
        FUZZ_CHECK(rc < 0 && ble_err_name(rc)[0] == 'B');
        for (i = 0; i < sizeof u; i++)
            FUZZ_CHECK(b[i] == 0xA5);
        return;
    }
    len = ble_pdu_size(desc, &u);
    FUZZ_CHECK(len >= 0 && (size_t)len == n);
    out = (uint8_t *)malloc((size_t)len + 1);
    again = (uint8_t *)malloc((size_t)len + 1);
    FUZZ_CHECK(out != NULL && again != NULL);
    if (len > 0) {
        memset(out, 0xA5, (size_t)len + 1);
        FUZZ_CHECK(ble_pdu_encode(desc, &u, out, (size_t)len - 1) == BLE_ERR_NO_SPACE);
        for (i = 0; i < (size_t)len + 1; i++)
            FUZZ_CHECK(out[i] == 0xA5);
    }
    FUZZ_CHECK(ble_pdu_encode(desc, &u, out, (size_t)len) == len);
    FUZZ_CHECK(len == 0 || memcmp(out, p, (size_t)len) == 0); /* canonical */
    FUZZ_CHECK(ble_pdu_decode(desc, out, (size_t)len, &u2) == BLE_OK);
    FUZZ_CHECK(ble_pdu_encode(desc, &u2, again, (size_t)len) == len);
    FUZZ_CHECK(len == 0 || memcmp(again, out, (size_t)len) == 0);
    free(again);
    free(out);
    for (i = 0; i < desc->nfields; i++) {
        const struct ble_field *f = &desc->fields[i];
        if (f->kind == BLE_FK_ARR8 || f->kind == BLE_FK_ARRP || f->kind == BLE_FK_ARRR) {
            struct ble_arr a;
            union {
                uint8_t b[256];
                uint64_t align_u64;
                const void *align_ptr;
            } elem;
            const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
            FUZZ_CHECK(e->size <= sizeof elem.b);
            memcpy(&a, (const uint8_t *)&u + f->off, sizeof a);
            FUZZ_CHECK(a.raw.len <= n);
            FUZZ_CHECK(a.raw.len == 0 || (a.raw.p >= p && a.raw.p + a.raw.len <= p + n));
            for (j = 0; j < a.n; j++)
                FUZZ_CHECK(ble_arr_get(&a, e, j, elem.b) == BLE_OK);
            FUZZ_CHECK(ble_arr_get(&a, e, a.n, elem.b) == BLE_ERR_NOT_FOUND);
        }
    }
    fuzz_print(desc, &u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct ble_pdu_desc *desc;
    unsigned op;
    if (size < 3)
        return 0;
    op = (unsigned)data[0] | (unsigned)data[1] << 8;
    desc = (data[2] & 1) ? ble_hci_ret_desc(op) : ble_hci_cmd_desc(op);
    if (!desc)
        return 0;
    FUZZ_CHECK(desc->code == op);
    FUZZ_CHECK(BLE_HCI_OGF(op) != BLE_HCI_OGF_VENDOR);
    fuzz_pdu(desc, data + 3, size - 3);
    return 0;
}
