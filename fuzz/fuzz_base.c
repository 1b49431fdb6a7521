/* Fuzz harness of layers/base.h: the bounded reader and writer, the queue and
 * the PDU table interpreter (through the demo family of the unit tests).
 * Input: a mode octet, then the mode's bytes.
 *   mode 0: a descriptor index octet, then PDU parameters: decode, and on success
 *           encode(decode(b)) == b, size agrees, decode(encode) re-encodes equal,
 *           every array element readable; on failure the output stays poisoned;
 *           the printer stays inside small and large buffers.
 *   mode 1: a script of reader operations over the rest of the input, checked
 *           against a model (position never past the end, errors stick, a
 *           failed read does not move, views lie inside the input).
 *   mode 2: a script of writer operations into a buffer of a scripted capacity,
 *           checked against a model (nothing past cap, errors stick).
 *   mode 3: a script of queue operations checked against a model FIFO.
 *   mode 4: a key, split points and a message: AES-CMAC over the message fed
 *           in those parts equals the one-shot MAC.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#define DEMO_TABLE_IMPLEMENTATION
#include "../test/demo_table.h"
#include "fuzz.h"

#include <string.h>

static void fuzz_table(const uint8_t *d, size_t n)
{
    const struct ble_pdu_desc *desc;
    union demo_pdu u, u2;
    uint8_t *out;
    size_t i, j;
    int rc, len;
    char small[64], big[4096];
    struct ble_str s;
    if (n < 1)
        return;
    desc = &demo_descs[d[0] % DEMO_COUNT];
    d++, n--;
    memset(&u, 0xA5, sizeof u);
    rc = ble_pdu_decode(desc, d, n, &u);
    if (rc != BLE_OK) {
        const uint8_t *p = (const uint8_t *)&u;
        FUZZ_CHECK(rc < 0 && ble_err_name(rc)[0] == 'B');
        for (i = 0; i < sizeof u; i++)
            FUZZ_CHECK(p[i] == 0xA5);
        return;
    }
    len = ble_pdu_size(desc, &u);
    FUZZ_CHECK(len >= 0 && (size_t)len <= n);
    FUZZ_CHECK((size_t)len == n || (desc->flags & BLE_PDU_F_TRAILING_OK));
    out = (uint8_t *)malloc((size_t)len + 1);
    FUZZ_CHECK(out != NULL);
    if (len > 0)
        FUZZ_CHECK(ble_pdu_encode(desc, &u, out, (size_t)len - 1) == BLE_ERR_NO_SPACE);
    FUZZ_CHECK(ble_pdu_encode(desc, &u, out, (size_t)len) == len);
    FUZZ_CHECK(memcmp(out, d, (size_t)len) == 0); /* canonical: the same octets */
    FUZZ_CHECK(ble_pdu_decode(desc, out, (size_t)len, &u2) == BLE_OK);
    {
        uint8_t *again = (uint8_t *)malloc((size_t)len + 1);
        FUZZ_CHECK(again != NULL);
        FUZZ_CHECK(ble_pdu_encode(desc, &u2, again, (size_t)len) == len);
        FUZZ_CHECK(memcmp(again, out, (size_t)len) == 0);
        free(again);
    }
    for (i = 0; i < desc->nfields; i++) {
        const struct ble_field *f = &desc->fields[i];
        if (f->kind == BLE_FK_ARR8 || f->kind == BLE_FK_ARRP) {
            struct ble_arr a;
            uint8_t elem[128];
            const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
            memcpy(&a, (const uint8_t *)&u + f->off, sizeof a);
            FUZZ_CHECK(a.raw.len <= n);
            for (j = 0; j < a.n; j++)
                FUZZ_CHECK(ble_arr_get(&a, e, j, elem) == BLE_OK);
            FUZZ_CHECK(ble_arr_get(&a, e, a.n, elem) == BLE_ERR_NOT_FOUND);
        }
    }
    ble_str_init(&s, small, sizeof small);
    ble_pdu_print(desc, &u, &s, 0);
    FUZZ_CHECK(s.len < sizeof small && small[s.len] == '\0');
    ble_str_init(&s, big, sizeof big);
    ble_pdu_print(desc, &u, &s, BLE_PRINT_MULTILINE);
    FUZZ_CHECK(s.len < sizeof big && big[s.len] == '\0');
    ble_str_init(&s, big, sizeof big);
    ble_pdu_print(desc, &u, &s, BLE_PRINT_JSON);
    FUZZ_CHECK(s.len < sizeof big && big[s.len] == '\0');
    FUZZ_CHECK(s.truncated || (big[0] == '{' && big[s.len - 1] == '}'));
    free(out);
}

static void fuzz_reader(const uint8_t *d, size_t n)
{
    /* the first half of the input is the script, the second the data */
    size_t half = n / 2, i;
    const uint8_t *script = d, *data = d + half;
    size_t dlen = n - half;
    struct ble_rd r;
    uint8_t dst[16];
    ble_rd_init(&r, data, dlen);
    for (i = 0; i + 1 < half; i += 2) {
        size_t before = r.pos, arg = script[i + 1] % 24;
        int err_before = r.err;
        struct ble_view v = ble_view_make(0, 0);
        switch (script[i] % 9) {
        case 0: (void)ble_rd_u8(&r); break;
        case 1: (void)ble_rd_u16(&r); break;
        case 2: (void)ble_rd_u24(&r); break;
        case 3: (void)ble_rd_u32(&r); break;
        case 4: (void)ble_rd_uint(&r, (unsigned)(arg % 10)); break;
        case 5: v = ble_rd_view(&r, arg); break;
        case 6: ble_rd_skip(&r, script[i + 1] & 0x80 ? (size_t)-1 - arg : arg); break;
        case 7: ble_rd_copy(&r, dst, arg % sizeof dst); break;
        default: v = ble_rd_rest(&r); break;
        }
        FUZZ_CHECK(r.pos <= r.len && r.len == dlen);
        if (err_before)
            FUZZ_CHECK(r.err == err_before && r.pos == before); /* sticky */
        if (r.err && !err_before)
            FUZZ_CHECK(r.pos == before); /* a failed read does not move */
        if (v.len)
            FUZZ_CHECK(v.p >= data && v.p + v.len <= data + dlen);
    }
    FUZZ_CHECK(ble_rd_end(&r) == (r.err ? r.err : r.pos == dlen ? BLE_OK : BLE_ERR_TRAILING));
}

static void fuzz_writer(const uint8_t *d, size_t n)
{
    size_t cap, i, model = 0;
    uint8_t *buf;
    struct ble_wr w;
    int failed = 0;
    if (n < 1)
        return;
    cap = d[0] % 64;
    buf = (uint8_t *)malloc(cap + 8);
    FUZZ_CHECK(buf != NULL);
    memset(buf, 0xEE, cap + 8);
    ble_wr_init(&w, buf, cap);
    for (i = 1; i + 1 < n; i += 2) {
        size_t k = 0;
        switch (d[i] % 6) {
        case 0: ble_wr_u8(&w, d[i + 1]); k = 1; break;
        case 1: ble_wr_u16(&w, d[i + 1]); k = 2; break;
        case 2: ble_wr_u24(&w, d[i + 1]); k = 3; break;
        case 3: ble_wr_u32(&w, d[i + 1]); k = 4; break;
        case 4: k = d[i + 1] % 20; ble_wr_bytes(&w, "0123456789abcdefghij", k); break;
        default: k = d[i + 1] % 20; ble_wr_zeros(&w, k); break;
        }
        if (!failed && model + k <= cap)
            model += k;
        else
            failed = 1;
        FUZZ_CHECK(w.pos == model && w.pos <= cap);
        FUZZ_CHECK(failed ? w.err == BLE_ERR_NO_SPACE : w.err == BLE_OK);
    }
    for (i = cap; i < cap + 8; i++)
        FUZZ_CHECK(buf[i] == 0xEE); /* nothing past cap */
    FUZZ_CHECK(ble_wr_done(&w) == (failed ? BLE_ERR_NO_SPACE : (int)model));
    free(buf);
}

static void fuzz_queue(const uint8_t *d, size_t n)
{
    uint32_t store[7], model[7], v;
    size_t cap, head = 0, count = 0, i;
    struct ble_queue q;
    if (n < 1)
        return;
    cap = d[0] % 8;
    ble_queue_init(&q, store, sizeof store[0], cap);
    for (i = 1; i < n; i++) {
        if (d[i] & 1) {
            v = d[i];
            if (count < cap) {
                FUZZ_CHECK(ble_queue_push(&q, &v) == BLE_OK);
                model[(head + count++) % cap] = v;
            } else {
                FUZZ_CHECK(ble_queue_push(&q, &v) == BLE_ERR_FULL);
            }
        } else if (count) {
            FUZZ_CHECK(*(uint32_t *)ble_queue_peek(&q) == model[head]);
            FUZZ_CHECK(ble_queue_pop(&q, &v) == BLE_OK && v == model[head]);
            head = (head + 1) % cap;
            count--;
        } else {
            FUZZ_CHECK(ble_queue_pop(&q, &v) == BLE_ERR_AGAIN && ble_queue_peek(&q) == NULL);
        }
        FUZZ_CHECK(ble_queue_count(&q) == count);
    }
}

static void fuzz_cmac(const uint8_t *d, size_t n)
{
    struct ble_cmac c;
    uint8_t one[16], parts[16];
    size_t at = 0, step;
    if (n < 17)
        return;
    ble_aes_cmac(d, d + 17, n - 17, one);
    ble_cmac_init(&c, d);
    step = (size_t)d[16] % 40u + 1u;
    d += 17;
    n -= 17;
    while (at < n) {
        size_t take = n - at < step ? n - at : step;
        ble_cmac_update(&c, d + at, take);
        at += take;
        step = step * 7u % 41u + 1u; /* varying part sizes, some across block ends */
    }
    ble_cmac_final(&c, parts);
    FUZZ_CHECK(memcmp(one, parts, 16) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    switch (data[0] % 5) {
    case 0: fuzz_table(data + 1, size - 1); break;
    case 1: fuzz_reader(data + 1, size - 1); break;
    case 2: fuzz_writer(data + 1, size - 1); break;
    case 3: fuzz_queue(data + 1, size - 1); break;
    default: fuzz_cmac(data + 1, size - 1); break;
    }
    return 0;
}
