/* Table-row checks shared by the unit tests of the HCI command, return and
 * event tables (test/synth.h).
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "synth.h"

/* ---- A canonical parameter string for any descriptor ----------------------
 * Scalars get a running byte pattern, ARR8 two elements, ARRP two elements
 * (the U8 mask before it is 0x05), ARRR two elements, LV8 three octets, REST
 * four octets. Returns the length, or 0 when buf is too small. */
struct synth {
    uint8_t *p;
    size_t len, cap;
    uint8_t next;
    size_t rest_len; /* octets in a trailing REST or ARRR field */
};

static void synth_put(struct synth *s, uint8_t v)
{
    if (s->len < s->cap)
        s->p[s->len] = v;
    s->len++;
}

static void synth_pattern(struct synth *s, size_t n)
{
    while (n--)
        synth_put(s, s->next++);
}

static void synth_field(struct synth *s, const struct ble_field *f)
{
    switch (f->kind) {
    case BLE_FK_NONE: break;
    case BLE_FK_U8:
    case BLE_FK_S8: synth_pattern(s, 1); break;
    case BLE_FK_U16:
    case BLE_FK_S16: synth_pattern(s, 2); break;
    case BLE_FK_U24: synth_pattern(s, 3); break;
    case BLE_FK_U32: synth_pattern(s, 4); break;
    case BLE_FK_U40: synth_pattern(s, 5); break;
    case BLE_FK_U48:
    case BLE_FK_ADDR: synth_pattern(s, 6); break;
    case BLE_FK_U64: synth_pattern(s, 8); break;
    case BLE_FK_BYTES: synth_pattern(s, f->len); break;
    case BLE_FK_LV8: synth_put(s, 3); synth_pattern(s, 3); break;
    case BLE_FK_REST: synth_pattern(s, 4); s->rest_len = 4; break;
    default: break;
    }
}

static void synth_elems(struct synth *s, const struct ble_field *f, size_t n)
{
    const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
    size_t k, j;
    for (k = 0; k < n; k++)
        for (j = 0; j < e->nfields; j++)
            synth_field(s, &e->fields[j]);
}

size_t synth_params(const struct ble_pdu_desc *d, uint8_t *buf, size_t cap, size_t *rest_len)
{
    struct synth s;
    size_t i, start;
    s.p = buf;
    s.len = 0;
    s.cap = cap;
    s.next = 0x11;
    s.rest_len = 0;
    for (i = 0; i < d->nfields; i++) {
        const struct ble_field *f = &d->fields[i];
        if (f->kind == BLE_FK_ARR8) {
            synth_put(&s, 2);
            synth_elems(&s, f, 2);
        } else if (f->kind == BLE_FK_ARRP) {
            synth_elems(&s, f, 2);
        } else if (f->kind == BLE_FK_ARRR) {
            start = s.len;
            synth_elems(&s, f, 2);
            s.rest_len = s.len - start;
        } else if (f->kind == BLE_FK_U8 && i + 1 < d->nfields &&
                   d->fields[i + 1].kind == BLE_FK_ARRP) {
            synth_put(&s, 0x05); /* two PHY bits: two elements follow */
            s.next++;
        } else {
            synth_field(&s, f);
        }
    }
    *rest_len = s.rest_len;
    return s.len <= cap ? s.len : 0;
}

static int has_kind(const struct ble_pdu_desc *d, unsigned kind)
{
    size_t i;
    for (i = 0; i < d->nfields; i++)
        if (d->fields[i].kind == kind)
            return 1;
    return 0;
}

/* Decode, size, encode and every prefix of one synthesised string. */
void check_table_row(const struct ble_pdu_desc *d, void *u, size_t usize)
{
    uint8_t in[600], out[600];
    size_t rest, len, n, i;
    len = synth_params(d, in, sizeof in, &rest);
    CHECK(len > 0 || d->fields[0].kind == BLE_FK_NONE);
    CHECK_EQ(ble_pdu_decode(d, in, len, u), BLE_OK);
    CHECK_EQ(ble_pdu_size(d, u), len);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_pdu_encode(d, u, out, sizeof out), len);
    CHECK_MEM(out, in, len);
    CHECK(tt_is_poison(out + len, sizeof out - len));
    /* one octet less room fails and writes nothing */
    if (len > 0) {
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_pdu_encode(d, u, out, len - 1), BLE_ERR_NO_SPACE);
        CHECK(tt_is_poison(out, sizeof out));
    }
    /* every array element reads back */
    for (i = 0; i < d->nfields; i++) {
        const struct ble_field *f = &d->fields[i];
        if (f->kind == BLE_FK_ARR8 || f->kind == BLE_FK_ARRP || f->kind == BLE_FK_ARRR) {
            struct ble_arr a;
            uint8_t elem[128];
            ble_memcpy(&a, (const uint8_t *)u + f->off, sizeof a);
            CHECK_EQ(a.n, 2);
            CHECK(((const struct ble_pdu_desc *)f->aux)->size <= sizeof elem);
            CHECK_EQ(ble_arr_get(&a, (const struct ble_pdu_desc *)f->aux, 1, elem), BLE_OK);
        }
    }
    /* every shorter prefix fails and leaves the output alone; a trailing
     * REST or ARRR takes shorter lengths, so only prefixes before it are cut */
    for (n = 0; n + rest < len; n++) {
        tt_poison(u, usize);
        CHECK_EQ(ble_pdu_decode(d, in, n, u), BLE_ERR_SHORT);
        CHECK(tt_is_poison(u, usize));
    }
    /* one octet more is trailing garbage, unless REST swallows it */
    if (has_kind(d, BLE_FK_ARRR))
        return;
    in[len] = 0xEE;
    tt_poison(u, usize);
    CHECK_EQ(ble_pdu_decode(d, in, len + 1, u), rest ? BLE_OK : BLE_ERR_TRAILING);
    if (!rest)
        CHECK(tt_is_poison(u, usize));
}


void check_vector(const struct ble_pdu_desc *d, const uint8_t *b, size_t len, void *u,
                  size_t usize)
{
    uint8_t out[256];
    size_t n;
    CHECK(d != 0);
    if (!d)
        return;
    CHECK_EQ(ble_pdu_decode(d, b, len, u), BLE_OK);
    CHECK_EQ(ble_pdu_size(d, u), len);
    CHECK_EQ(ble_pdu_encode(d, u, out, sizeof out), len);
    CHECK_MEM(out, b, len);
    if (d->nfields && d->fields[d->nfields - 1].kind == BLE_FK_REST)
        return;
    for (n = 0; n < len; n++) {
        tt_poison(u, usize);
        CHECK_EQ(ble_pdu_decode(d, b, n, u), BLE_ERR_SHORT);
        CHECK(tt_is_poison(u, usize));
    }
}
