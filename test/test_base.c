/* Unit tests of layers/base.h: byte helpers, cursors, text, addresses, UUIDs,
 * time, queue, errors.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

static void le_loads_and_stores(void)
{
    /* Core 6.0 Vol 1 Part E 2.2: least significant octet first */
    const uint8_t b[8] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
    uint8_t o[8];
    CHECK_EQ(ble_get_le16(b), 0x0201);
    CHECK_EQ(ble_get_le24(b), 0x030201);
    CHECK_EQ(ble_get_le32(b), 0x04030201);
    CHECK(ble_get_le(b, 8) == 0x0807060504030201ull);
    CHECK(ble_get_le(b, 5) == 0x0504030201ull);
    ble_put_le16(o, 0xBEEF);
    CHECK_EQ(o[0], 0xEF);
    CHECK_EQ(o[1], 0xBE);
    ble_put_le24(o, 0x123456);
    CHECK_MEM(o, "\x56\x34\x12", 3);
    ble_put_le32(o, 0xCAFEF00Du);
    CHECK_MEM(o, "\x0d\xf0\xfe\xca", 4);
    ble_put_le(o, 0x0807060504030201ull, 8);
    CHECK_MEM(o, b, 8);
}

static void reader_reads_fields_in_order(void)
{
    const uint8_t b[] = { 0x01, 0x34, 0x12, 0x56, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0xAA, 0xBB };
    struct ble_rd r;
    struct ble_view v;
    ble_rd_init(&r, b, sizeof b);
    CHECK_EQ(ble_rd_u8(&r), 0x01);
    CHECK_EQ(ble_rd_u16(&r), 0x1234);
    CHECK_EQ(ble_rd_u24(&r), 0x123456);
    CHECK_EQ(ble_rd_u32(&r), 0x12345678);
    CHECK_EQ(ble_rd_left(&r), 2);
    v = ble_rd_rest(&r);
    CHECK(v.p == b + 10); /* zero copy: a view into the input */
    CHECK_EQ(v.len, 2);
    CHECK_EQ(ble_rd_end(&r), BLE_OK);
}

static void reader_error_sticks_and_stops(void)
{
    const uint8_t b[] = { 0x01, 0x02, 0x03 };
    struct ble_rd r;
    uint8_t dst[4] = { 0xA5, 0xA5, 0xA5, 0xA5 };
    ble_rd_init(&r, b, sizeof b);
    CHECK_EQ(ble_rd_u16(&r), 0x0201);
    CHECK_EQ(ble_rd_u16(&r), 0); /* one byte left: short */
    CHECK_EQ(r.err, BLE_ERR_SHORT);
    CHECK_EQ(r.pos, 2); /* a failed read does not move */
    CHECK_EQ(ble_rd_u8(&r), 0); /* the error sticks even though a byte is left */
    CHECK_EQ(r.pos, 2);
    ble_rd_copy(&r, dst, 1);
    CHECK(tt_is_poison(dst, sizeof dst));
    CHECK_EQ(ble_rd_end(&r), BLE_ERR_SHORT);
}

static void reader_reports_trailing_bytes(void)
{
    const uint8_t b[] = { 0x01, 0x02 };
    struct ble_rd r;
    ble_rd_init(&r, b, sizeof b);
    ble_rd_u8(&r);
    CHECK_EQ(ble_rd_end(&r), BLE_ERR_TRAILING);
    ble_rd_skip(&r, 1);
    CHECK_EQ(ble_rd_end(&r), BLE_OK);
}

static void reader_handles_empty_and_null_input(void)
{
    struct ble_rd r;
    struct ble_view v;
    ble_rd_init(&r, 0, 5); /* NULL input reads as empty, never dereferenced */
    CHECK_EQ(ble_rd_left(&r), 0);
    v = ble_rd_rest(&r);
    CHECK(v.p == 0 && v.len == 0);
    CHECK_EQ(ble_rd_u8(&r), 0);
    CHECK_EQ(r.err, BLE_ERR_SHORT);
    ble_rd_init(&r, (const uint8_t *)"", 0);
    CHECK_EQ(ble_rd_end(&r), BLE_OK);
    CHECK_EQ(ble_rd_uint(&r, 9), 0);
    CHECK_EQ(r.err, BLE_ERR_PARAM);
}

static void reader_rejects_huge_lengths(void)
{
    const uint8_t b[4] = { 0 };
    struct ble_rd r;
    ble_rd_init(&r, b, sizeof b);
    ble_rd_u8(&r);
    /* n far past the end must not wrap around pos + n */
    ble_rd_skip(&r, (size_t)-1);
    CHECK_EQ(r.err, BLE_ERR_SHORT);
    CHECK_EQ(r.pos, 1);
}

static void writer_stops_at_capacity(void)
{
    uint8_t buf[8];
    struct ble_wr w;
    tt_poison(buf, sizeof buf);
    ble_wr_init(&w, buf, 5);
    ble_wr_u16(&w, 0x1234);
    ble_wr_u24(&w, 0xABCDEF);
    CHECK_EQ(ble_wr_done(&w), 5);
    ble_wr_u8(&w, 0x99); /* no room */
    CHECK_EQ(w.err, BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_wr_done(&w), BLE_ERR_NO_SPACE);
    CHECK_MEM(buf, "\x34\x12\xef\xcd\xab", 5);
    CHECK(tt_is_poison(buf + 5, 3)); /* nothing past cap */
    ble_wr_init(&w, buf, 3);
    ble_wr_u32(&w, 0x01020304); /* does not fit: writes nothing */
    CHECK_EQ(w.err, BLE_ERR_NO_SPACE);
    CHECK_MEM(buf, "\x34\x12\xef", 3);
}

static void writer_counts_without_a_buffer(void)
{
    struct ble_wr w;
    ble_wr_init_count(&w);
    ble_wr_u8(&w, 1);
    ble_wr_u32(&w, 2);
    ble_wr_bytes(&w, "abc", 3);
    ble_wr_zeros(&w, 10);
    CHECK_EQ(ble_wr_done(&w), 18);
    ble_wr_init(&w, 0, 4); /* a capacity without a buffer is a caller error */
    CHECK_EQ(ble_wr_done(&w), BLE_ERR_PARAM);
    ble_wr_init(&w, 0, 0);
    ble_wr_bytes(&w, 0, 3); /* n bytes from NULL */
    CHECK_EQ(ble_wr_done(&w), BLE_ERR_PARAM);
}

static void error_names_are_unique_and_named(void)
{
    int e, f;
    for (e = 0; e > BLE_ERR_MIN_; e--) {
        CHECK(ble_err_name(e)[0] == 'B');
        CHECK(ble_strerror(e)[0] != '\0');
        for (f = e - 1; f > BLE_ERR_MIN_; f--)
            CHECK(!tt_streq(ble_err_name(e), ble_err_name(f)));
    }
    CHECK_STR(ble_err_name(BLE_ERR_SHORT), "BLE_ERR_SHORT");
    CHECK_STR(ble_err_name(BLE_OK), "BLE_OK");
    CHECK_STR(ble_err_name(-1000), "BLE_ERR_?");
    CHECK_STR(ble_err_name(1), "BLE_ERR_?");
    CHECK_STR(ble_strerror(BLE_ERR_NO_SPACE), "output buffer too small");
    CHECK_STR(ble_strerror(-1000), "unknown error");
}

static void text_sink_formats_and_truncates(void)
{
    char buf[32];
    struct ble_str s;
    ble_str_init(&s, buf, sizeof buf);
    ble_str_hex(&s, 0x2A, 4);
    ble_str_putc(&s, ' ');
    ble_str_dec(&s, -128);
    ble_str_putc(&s, ' ');
    ble_str_udec(&s, 0);
    ble_str_putc(&s, ' ');
    ble_str_hexbytes(&s, (const uint8_t *)"\x01\xab", 2);
    CHECK_STR(buf, "0x002a -128 0 01ab");
    CHECK(!s.truncated);
    ble_str_init(&s, buf, sizeof buf);
    ble_str_dec(&s, INT64_MIN);
    CHECK_STR(buf, "-9223372036854775808");
    ble_str_init(&s, buf, sizeof buf);
    ble_str_hex(&s, UINT64_MAX, 2);
    CHECK_STR(buf, "0xffffffffffffffff");
    ble_str_init(&s, buf, 6);
    ble_str_puts(&s, "abcdefgh");
    CHECK_STR(buf, "abcde"); /* cut, NUL-terminated */
    CHECK(s.truncated);
    ble_str_init(&s, 0, 10); /* no buffer: nothing written, no crash */
    ble_str_puts(&s, "x");
    CHECK(s.truncated);
}

static void address_prints_most_significant_first(void)
{
    const uint8_t a[6] = { 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1 };
    char buf[24];
    struct ble_str s;
    ble_str_init(&s, buf, sizeof buf);
    ble_str_addr(&s, a);
    CHECK_STR(buf, "c1:22:33:44:55:66");
    /* Core 6.0 Vol 6 Part B 1.3.2: the two top bits give the random kind */
    CHECK_EQ(ble_addr_random_kind(a), BLE_RANDOM_STATIC);
}

static void uuid_forms_compare_through_the_base_uuid(void)
{
    /* Battery Service 0x180F and its 128-bit form 0000180F-0000-1000-8000-00805F9B34FB */
    const uint8_t full[16] = { 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80,
                               0x00, 0x10, 0x00, 0x00, 0x0F, 0x18, 0x00, 0x00 };
    struct ble_uuid a = ble_uuid16(0x180F), b, c;
    uint8_t out[16];
    char buf[48];
    struct ble_str s;
    CHECK_EQ(ble_uuid_from_le(&b, full, 16), BLE_OK);
    CHECK(ble_uuid_eq(&a, &b));
    ble_uuid_to128(&a, out);
    CHECK_MEM(out, full, 16);
    c = ble_uuid_shortest(&b);
    CHECK_EQ(c.len, 2);
    CHECK_EQ(ble_get_le16(c.v), 0x180F);
    CHECK_EQ(ble_uuid_from_le(&c, full, 3), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_uuid_from_le(&c, (const uint8_t *)"\x78\x56\x34\x12", 4), BLE_OK);
    c = ble_uuid_shortest(&c);
    CHECK_EQ(c.len, 4);
    ble_str_init(&s, buf, sizeof buf);
    ble_str_uuid(&s, &c);
    CHECK_STR(buf, "0x12345678");
    ble_str_init(&s, buf, sizeof buf);
    ble_str_uuid(&s, &b);
    CHECK_STR(buf, "0000180f-0000-1000-8000-00805f9b34fb");
    ble_str_init(&s, buf, sizeof buf);
    ble_str_uuid(&s, &a);
    CHECK_STR(buf, "0x180f");
    b.v[0] ^= 1; /* no longer Base-UUID derived */
    CHECK(!ble_uuid_eq(&a, &b));
    CHECK_EQ(ble_uuid_shortest(&b).len, 16);
}

static void deadlines_survive_wraparound(void)
{
    uint32_t now = 0xFFFFFF00u;
    uint32_t d = ble_deadline_after(now, 0x200); /* wraps past zero */
    CHECK_EQ(d, 0x100);
    CHECK(!ble_time_reached(now, d));
    CHECK(!ble_time_reached(0xFF, d));
    CHECK(ble_time_reached(0x100, d));
    CHECK(ble_time_reached(0x101, d));
    CHECK(!ble_time_reached(0x100, BLE_NO_DEADLINE));
    /* the one reserved value moves a millisecond on */
    CHECK_EQ(ble_deadline_after(0xFFFFFFF0u, 0xF), 0);
    CHECK_EQ(ble_deadline_min(d, BLE_NO_DEADLINE), d);
    CHECK_EQ(ble_deadline_min(BLE_NO_DEADLINE, d), d);
    CHECK_EQ(ble_deadline_min(0xFFFFFFF0u, 0x10), 0xFFFFFFF0u); /* earlier across the wrap */
    CHECK_EQ(ble_deadline_min(0x10, 0xFFFFFFF0u), 0xFFFFFFF0u);
    CHECK_EQ(ble_deadline_min(BLE_NO_DEADLINE, BLE_NO_DEADLINE), BLE_NO_DEADLINE);
}

static void queue_is_fifo_and_refuses_when_full(void)
{
    uint16_t store[3], v = 0;
    struct ble_queue q;
    uint16_t i;
    ble_queue_init(&q, store, sizeof store[0], 3);
    CHECK(ble_queue_peek(&q) == 0);
    CHECK_EQ(ble_queue_pop(&q, &v), BLE_ERR_AGAIN);
    for (i = 1; i <= 3; i++)
        CHECK_EQ(ble_queue_push(&q, &i), BLE_OK);
    i = 4;
    CHECK_EQ(ble_queue_push(&q, &i), BLE_ERR_FULL);
    CHECK_EQ(ble_queue_count(&q), 3);
    CHECK_EQ(ble_queue_pop(&q, &v), BLE_OK);
    CHECK_EQ(v, 1);
    CHECK_EQ(ble_queue_push(&q, &i), BLE_OK); /* wraps in storage */
    CHECK_EQ(*(uint16_t *)ble_queue_peek(&q), 2);
    CHECK_EQ(ble_queue_pop(&q, &v), BLE_OK);
    CHECK_EQ(v, 2);
    CHECK_EQ(ble_queue_pop(&q, 0), BLE_OK); /* discard 3 */
    CHECK_EQ(ble_queue_pop(&q, &v), BLE_OK);
    CHECK_EQ(v, 4);
    CHECK_EQ(ble_queue_count(&q), 0);
    ble_queue_init(&q, 0, 2, 3); /* no storage: always full */
    CHECK_EQ(ble_queue_push(&q, &i), BLE_ERR_FULL);
}

static void names_lookup_by_binary_search(void)
{
    static const struct ble_name list[] = { { 1, "one" }, { 5, "five" }, { 9, "nine" } };
    const struct ble_names t = { list, 3 };
    CHECK_STR(ble_names_get(&t, 1), "one");
    CHECK_STR(ble_names_get(&t, 5), "five");
    CHECK_STR(ble_names_get(&t, 9), "nine");
    CHECK(ble_names_get(&t, 4) == 0);
    CHECK(ble_names_get(&t, 10) == 0);
    CHECK(ble_names_get(0, 1) == 0);
}

struct test_slot {
    struct ble_slot slot;
    uint32_t payload;
};

static void slots_are_found_and_claimed_by_handle(void)
{
    struct test_slot t[2];
    struct test_slot *a, *b;
    int rc;
    ble_memset(t, 0, sizeof t);
    CHECK(ble_slot_find(t, 2, sizeof t[0], 0x40) == 0);
    t[0].payload = 7;
    a = (struct test_slot *)ble_slot_claim(t, 2, sizeof t[0], 0x40, &rc);
    CHECK(a == &t[0] && rc == BLE_OK);
    CHECK_EQ(a->payload, 0); /* claimed slots start zeroed */
    CHECK_EQ(a->slot.handle, 0x40);
    CHECK(ble_slot_claim(t, 2, sizeof t[0], 0x40, &rc) == 0);
    CHECK_EQ(rc, BLE_ERR_BUSY);
    b = (struct test_slot *)ble_slot_claim(t, 2, sizeof t[0], 0x41, &rc);
    CHECK(b == &t[1]);
    CHECK(ble_slot_claim(t, 2, sizeof t[0], 0x42, &rc) == 0);
    CHECK_EQ(rc, BLE_ERR_FULL);
    CHECK(ble_slot_find(t, 2, sizeof t[0], 0x41) == b);
    a->slot.used = 0;
    CHECK(ble_slot_find(t, 2, sizeof t[0], 0x40) == 0);
    CHECK(ble_slot_claim(t, 2, sizeof t[0], 0x42, &rc) == &t[0]);
    CHECK(ble_slot_find(0, 2, sizeof t[0], 0x42) == 0);
}

void suite_base(void)
{
    TT_RUN(le_loads_and_stores);
    TT_RUN(reader_reads_fields_in_order);
    TT_RUN(reader_error_sticks_and_stops);
    TT_RUN(reader_reports_trailing_bytes);
    TT_RUN(reader_handles_empty_and_null_input);
    TT_RUN(reader_rejects_huge_lengths);
    TT_RUN(writer_stops_at_capacity);
    TT_RUN(writer_counts_without_a_buffer);
    TT_RUN(error_names_are_unique_and_named);
    TT_RUN(text_sink_formats_and_truncates);
    TT_RUN(address_prints_most_significant_first);
    TT_RUN(uuid_forms_compare_through_the_base_uuid);
    TT_RUN(deadlines_survive_wraparound);
    TT_RUN(queue_is_fifo_and_refuses_when_full);
    TT_RUN(names_lookup_by_binary_search);
    TT_RUN(slots_are_found_and_claimed_by_handle);
}
