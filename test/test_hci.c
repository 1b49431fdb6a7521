/* Unit tests of layers/hci.h: status codes, framing, packet headers.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

static void status_codes_have_spec_names(void)
{
    /* Core 6.0 Vol 1 Part F 1.3 */
    CHECK_STR(ble_hci_status_name(0x00), "Success");
    CHECK_STR(ble_hci_status_name(0x0C), "Command Disallowed");
    CHECK_STR(ble_hci_status_name(0x3E),
              "Connection Failed to be Established / Synchronization Timeout");
    CHECK(ble_hci_status_name(0x2B) == 0); /* reserved */
    CHECK(ble_hci_status_name(0xFF) == 0);
    CHECK_EQ(BLE_HCI_UNKNOWN_ADV_ID, 0x42);
}


/* A stream of five H4 packets (Core 6.0 Vol 4 Part A 2, Part E 5.4). */
static const uint8_t h4_stream[] = {
    0x01, 0x03, 0x0c, 0x00,                         /* command: Reset */
    0x04, 0x0e, 0x04, 0x01, 0x03, 0x0c, 0x00,       /* event: Command Complete, Reset, Success */
    0x02, 0x40, 0x20, 0x07, 0x00,                   /* ACL: handle 0x040, PB 10, 7 octets */
    0x03, 0x00, 0x04, 0x00, 0x0a, 0x01, 0x00,       /* L2CAP: len 3, CID 4, ATT Read Req 0x0001 */
    0x05, 0x01, 0x21, 0x0c, 0x00,                   /* ISO: handle 0x101, PB complete, 12 octets */
    0x05, 0x00, 0x08, 0x00,                         /* seq 5, SDU length 8, valid */
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, /* the SDU */
    0x03, 0x06, 0x10, 0x02, 0xaa, 0xbb,             /* SCO: handle 0x006, status 1, 2 octets */
};
static const size_t h4_starts[] = { 0, 4, 11, 23, 40, 46 };

/* Feeds the stream in pieces cut at a and b; checks the five packets. */
static int feed_split(size_t a, size_t b)
{
    uint8_t store[64];
    struct ble_h4 h;
    size_t cuts[3], i, pos = 0, got = 0;
    cuts[0] = a, cuts[1] = b, cuts[2] = sizeof h4_stream;
    ble_h4_init(&h, store, sizeof store);
    for (i = 0; i < 3; i++) {
        while (pos < cuts[i]) {
            size_t used;
            int rc = ble_h4_push(&h, h4_stream + pos, cuts[i] - pos, &used);
            pos += used;
            if (rc == BLE_OK) {
                struct ble_h4_pkt pkt;
                size_t start = h4_starts[got];
                if (ble_h4_packet(&h, &pkt) != BLE_OK || pkt.type != h4_stream[start] ||
                    pkt.len != h4_starts[got + 1] - start - 1 ||
                    !tt_memeq(pkt.p, h4_stream + start + 1, pkt.len))
                    return 0;
                got++;
            } else if (rc != BLE_ERR_AGAIN) {
                return 0;
            }
        }
    }
    return got == 5 && h.stats.packets == 5 && h.stats.octets_dropped == 0;
}

static void h4_framer_yields_the_same_packets_in_every_split(void)
{
    size_t a, b, bad = 0;
    for (a = 0; a <= sizeof h4_stream; a++)
        for (b = a; b <= sizeof h4_stream; b++)
            bad += !feed_split(a, b);
    CHECK_EQ(bad, 0);
}

static void h4_framer_byte_at_a_time(void)
{
    uint8_t store[64];
    struct ble_h4 h;
    size_t i, used, got = 0;
    ble_h4_init(&h, store, sizeof store);
    for (i = 0; i < sizeof h4_stream; i++) {
        int rc = ble_h4_push(&h, h4_stream + i, 1, &used);
        CHECK_EQ(used, 1);
        if (rc == BLE_OK)
            CHECK_EQ(i + 1, h4_starts[++got]);
        else
            CHECK_EQ(rc, BLE_ERR_AGAIN);
    }
    CHECK_EQ(got, 5);
}

static void h4_framer_drops_unknown_indicators_one_octet_at_a_time(void)
{
    const uint8_t in[] = { 0x00, 0xff, 0x06, 0x04, 0x10, 0x01, 0x03 }; /* then Hardware Error */
    uint8_t store[16];
    struct ble_h4 h;
    struct ble_h4_pkt pkt;
    size_t used, pos = 0;
    ble_h4_init(&h, store, sizeof store);
    CHECK_EQ(ble_h4_packet(&h, &pkt), BLE_ERR_AGAIN);
    CHECK_EQ(ble_h4_push(&h, in, sizeof in, &used), BLE_ERR_UNKNOWN);
    CHECK_EQ(used, 1);
    pos += used;
    CHECK_EQ(ble_h4_push(&h, in + pos, sizeof in - pos, &used), BLE_ERR_UNKNOWN);
    pos += used;
    CHECK_EQ(ble_h4_push(&h, in + pos, sizeof in - pos, &used), BLE_ERR_UNKNOWN);
    pos += used;
    CHECK_EQ(ble_h4_push(&h, in + pos, sizeof in - pos, &used), BLE_OK);
    pos += used;
    CHECK_EQ(pos, sizeof in);
    CHECK_EQ(ble_h4_packet(&h, &pkt), BLE_OK);
    CHECK_EQ(pkt.type, BLE_H4_EVT);
    CHECK_MEM(pkt.p, "\x10\x01\x03", 3);
    CHECK_EQ(h.stats.bad_type, 3);
    CHECK_EQ(h.stats.octets_dropped, 3);
}

static void h4_framer_skips_a_packet_too_long_and_stays_in_step(void)
{
    /* ACL with 20 octets into 16 octets of storage, then an event */
    uint8_t in[1 + 4 + 20 + 4];
    uint8_t store[16];
    struct ble_h4 h;
    struct ble_h4_pkt pkt;
    size_t used, pos = 0;
    int rc;
    ble_memset(in, 0x77, sizeof in);
    ble_memcpy(in, "\x02\x40\x00\x14\x00", 5);
    ble_memcpy(in + 25, "\x04\x1a\x01\x01", 4); /* Data Buffer Overflow, ACL */
    ble_h4_init(&h, store, sizeof store);
    rc = ble_h4_push(&h, in, 3, &used); /* header not complete yet */
    CHECK_EQ(rc, BLE_ERR_AGAIN);
    pos = used;
    rc = ble_h4_push(&h, in + pos, sizeof in - pos, &used);
    CHECK_EQ(rc, BLE_ERR_TOO_LONG);
    pos += used;
    CHECK_EQ(pos, 5); /* reported as soon as the header is in */
    rc = ble_h4_push(&h, in + pos, 7, &used); /* part of the skipped payload */
    CHECK_EQ(rc, BLE_ERR_AGAIN);
    pos += used;
    rc = ble_h4_push(&h, in + pos, sizeof in - pos, &used);
    CHECK_EQ(rc, BLE_OK);
    CHECK_EQ(ble_h4_packet(&h, &pkt), BLE_OK);
    CHECK_EQ(pkt.type, BLE_H4_EVT);
    CHECK_EQ(h.stats.too_long, 1);
    CHECK_EQ(h.stats.octets_dropped, 25);
    CHECK_EQ(h.stats.packets, 1);
}

static void h4_iso_length_ignores_the_rfu_bits(void)
{
    /* ISO_Data_Load_Length is 14 bits; the two bits above are RFU */
    const uint8_t in[] = { 0x05, 0x01, 0x11, 0x02, 0xc0, 0xaa, 0xbb };
    uint8_t store[16];
    struct ble_h4 h;
    size_t used;
    ble_h4_init(&h, store, sizeof store);
    CHECK_EQ(ble_h4_push(&h, in, sizeof in, &used), BLE_OK);
    CHECK_EQ(used, sizeof in);
    CHECK_EQ(ble_h4_init(&h, store, 4), BLE_ERR_PARAM);
    CHECK_EQ(ble_h4_header_len(0x06), 0);
}

static void acl_header_decodes_and_round_trips(void)
{
    const uint8_t *p = h4_stream + 12; /* the ACL packet above */
    struct ble_hci_acl a, b;
    uint8_t out[16];
    size_t n;
    CHECK_EQ(ble_hci_acl_decode(p, 11, &a), BLE_OK);
    CHECK_EQ(a.handle, 0x040);
    CHECK_EQ(a.pb, BLE_HCI_ACL_PB_FIRST_FLUSHABLE);
    CHECK_EQ(a.bc, 0);
    CHECK_EQ(a.data.len, 7);
    CHECK(a.data.p == p + 4);
    CHECK_EQ(ble_hci_acl_encode(&a, out, sizeof out), 11);
    CHECK_MEM(out, p, 11);
    for (n = 0; n < 11; n++) {
        tt_poison(&b, sizeof b);
        CHECK_EQ(ble_hci_acl_decode(p, n, &b), BLE_ERR_SHORT);
        CHECK(tt_is_poison(&b, sizeof b));
    }
    CHECK_EQ(ble_hci_acl_decode(h4_stream + 12, 12, &b), BLE_ERR_TRAILING);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_hci_acl_encode(&a, out, 10), BLE_ERR_NO_SPACE);
    CHECK(tt_is_poison(out, sizeof out));
    a.handle = 0x1000;
    CHECK_EQ(ble_hci_acl_encode(&a, out, sizeof out), BLE_ERR_RANGE);
}

static void iso_complete_sdu_decodes_and_round_trips(void)
{
    const uint8_t *p = h4_stream + 24; /* the ISO packet above */
    struct ble_hci_iso v;
    uint8_t out[32];
    CHECK_EQ(ble_hci_iso_decode(p, 16, &v), BLE_OK);
    CHECK_EQ(v.handle, 0x101);
    CHECK_EQ(v.pb, BLE_HCI_ISO_PB_COMPLETE);
    CHECK_EQ(v.ts, 0);
    CHECK_EQ(v.has_sdu_hdr, 1);
    CHECK_EQ(v.seq, 5);
    CHECK_EQ(v.sdu_len, 8);
    CHECK_EQ(v.status, BLE_HCI_ISO_VALID);
    CHECK_EQ(v.data.len, 8);
    CHECK(v.data.p == p + 8);
    CHECK_EQ(ble_hci_iso_encode(&v, out, sizeof out), 16);
    CHECK_MEM(out, p, 16);
}

static void iso_fragments_with_time_stamp(void)
{
    /* first fragment with TS: handle 0x102, PB 00, TS 1 */
    const uint8_t first[] = { 0x02, 0x41, 0x0b, 0x00, 0x78, 0x56, 0x34, 0x12, /* time stamp */
                              0x07, 0x00, 0x05, 0x40,                         /* seq 7, len 5, possibly invalid */
                              0xa0, 0xa1, 0xa2 };
    const uint8_t last[] = { 0x02, 0x31, 0x02, 0x00, 0xa3, 0xa4 }; /* PB 11, no SDU header */
    const uint8_t lost[] = { 0x02, 0x21, 0x04, 0x00, 0x08, 0x00, 0x00, 0x80 }; /* complete, lost */
    struct ble_hci_iso v;
    uint8_t out[32];
    CHECK_EQ(ble_hci_iso_decode(first, sizeof first, &v), BLE_OK);
    CHECK_EQ(v.ts, 1);
    CHECK_EQ(v.timestamp, 0x12345678);
    CHECK_EQ(v.seq, 7);
    CHECK_EQ(v.sdu_len, 5);
    CHECK_EQ(v.status, BLE_HCI_ISO_POSSIBLY_INVALID);
    CHECK_EQ(v.data.len, 3);
    CHECK_EQ(ble_hci_iso_encode(&v, out, sizeof out), (int)sizeof first);
    CHECK_MEM(out, first, sizeof first);
    CHECK_EQ(ble_hci_iso_decode(last, sizeof last, &v), BLE_OK);
    CHECK_EQ(v.has_sdu_hdr, 0);
    CHECK_EQ(v.data.len, 2);
    CHECK_EQ(ble_hci_iso_encode(&v, out, sizeof out), (int)sizeof last);
    CHECK_MEM(out, last, sizeof last);
    CHECK_EQ(ble_hci_iso_decode(lost, sizeof lost, &v), BLE_OK);
    CHECK_EQ(v.status, BLE_HCI_ISO_LOST);
    CHECK_EQ(v.data.len, 0);
}

static void iso_inconsistent_lengths_are_malformed(void)
{
    /* complete and valid, SDU length 8, 4 octets of SDU */
    const uint8_t short_sdu[] = { 0x01, 0x21, 0x08, 0x00, 0x05, 0x00, 0x08, 0x00, 1, 2, 3, 4 };
    /* TS set, but the load holds only 2 octets */
    const uint8_t short_load[] = { 0x01, 0x41, 0x02, 0x00, 0x00, 0x00 };
    /* a first fragment longer than its SDU */
    const uint8_t long_frag[] = { 0x01, 0x01, 0x07, 0x00, 0x00, 0x00, 0x02, 0x00, 1, 2, 3 };
    struct ble_hci_iso v;
    uint8_t out[32];
    tt_poison(&v, sizeof v);
    CHECK_EQ(ble_hci_iso_decode(short_sdu, sizeof short_sdu, &v), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_hci_iso_decode(short_load, sizeof short_load, &v), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_hci_iso_decode(long_frag, sizeof long_frag, &v), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_hci_iso_decode(short_sdu, 3, &v), BLE_ERR_SHORT);
    CHECK(tt_is_poison(&v, sizeof v));
    ble_memset(&v, 0, sizeof v);
    v.pb = BLE_HCI_ISO_PB_FIRST;
    v.sdu_len = 1;
    v.data = ble_view_make(short_sdu, 4);
    CHECK_EQ(ble_hci_iso_encode(&v, out, sizeof out), BLE_ERR_MALFORMED);
    v.sdu_len = 0x1000;
    CHECK_EQ(ble_hci_iso_encode(&v, out, sizeof out), BLE_ERR_RANGE);
}

static void sco_header_decodes(void)
{
    struct ble_hci_sco v;
    CHECK_EQ(ble_hci_sco_decode(h4_stream + 41, 5, &v), BLE_OK);
    CHECK_EQ(v.handle, 0x006);
    CHECK_EQ(v.status, 1);
    CHECK_EQ(v.data.len, 2);
    CHECK_EQ(ble_hci_sco_decode(h4_stream + 41, 4, &v), BLE_ERR_SHORT);
}

void suite_hci(void)
{
    TT_RUN(status_codes_have_spec_names);
    TT_RUN(h4_framer_yields_the_same_packets_in_every_split);
    TT_RUN(h4_framer_byte_at_a_time);
    TT_RUN(h4_framer_drops_unknown_indicators_one_octet_at_a_time);
    TT_RUN(h4_framer_skips_a_packet_too_long_and_stays_in_step);
    TT_RUN(h4_iso_length_ignores_the_rfu_bits);
    TT_RUN(acl_header_decodes_and_round_trips);
    TT_RUN(iso_complete_sdu_decodes_and_round_trips);
    TT_RUN(iso_fragments_with_time_stamp);
    TT_RUN(iso_inconsistent_lengths_are_malformed);
    TT_RUN(sco_header_decodes);
}
