/* Unit tests of layers/iso.h: SDU fragmentation into ISO data packets and
 * reassembly with status, sequence gaps and every drop counted.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

static uint8_t sdu40[40];

static void fill(void)
{
    size_t i;
    for (i = 0; i < sizeof sdu40; i++)
        sdu40[i] = (uint8_t)(0xC0 + i);
}

static void small_sdu_goes_out_as_one_complete_packet(void)
{
    struct ble_iso_tx tx;
    uint8_t pkt[64];
    fill();
    /* LC3 16_2 carries 40-octet SDUs every 10 ms; ISO buffer of 251 */
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0101, 251, 7, 0, 0, ble_view_make(sdu40, 40)), BLE_OK);
    CHECK_EQ(ble_iso_tx_next(&tx, pkt, sizeof pkt), 4 + 4 + 40);
    /* Core 6.0 Vol 4 Part E 5.4.5: handle 0x101, PB 10 complete, TS 0 */
    CHECK_MEM(pkt, "\x01\x21\x2c\x00" /* header, load 44 */
                   "\x07\x00\x28\x00", 8); /* seq 7, SDU length 40, valid */
    CHECK_MEM(pkt + 8, sdu40, 40);
    CHECK_EQ(ble_iso_tx_next(&tx, pkt, sizeof pkt), 0);
}

static void large_sdu_is_split_first_continuation_last(void)
{
    struct ble_iso_tx tx;
    uint8_t pkt[32];
    struct ble_hci_iso v;
    int n;
    fill();
    /* ISO length 20 with a time stamp: 12 + 20 + 8 octets of SDU */
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0102, 20, 0xFFFF, 1, 0x12345678, ble_view_make(sdu40, 40)), BLE_OK);
    n = ble_iso_tx_next(&tx, pkt, sizeof pkt);
    CHECK_EQ(n, 24);
    CHECK_EQ(ble_hci_iso_decode(pkt, (size_t)n, &v), BLE_OK);
    CHECK_EQ(v.pb, BLE_HCI_ISO_PB_FIRST);
    CHECK_EQ(v.ts, 1);
    CHECK_EQ(v.timestamp, 0x12345678);
    CHECK_EQ(v.seq, 0xFFFF);
    CHECK_EQ(v.sdu_len, 40);
    CHECK_EQ(v.data.len, 12);
    n = ble_iso_tx_next(&tx, pkt, sizeof pkt);
    CHECK_EQ(ble_hci_iso_decode(pkt, (size_t)n, &v), BLE_OK);
    CHECK_EQ(v.pb, BLE_HCI_ISO_PB_CONTINUATION);
    CHECK_EQ(v.data.len, 20);
    n = ble_iso_tx_next(&tx, pkt, sizeof pkt);
    CHECK_EQ(ble_hci_iso_decode(pkt, (size_t)n, &v), BLE_OK);
    CHECK_EQ(v.pb, BLE_HCI_ISO_PB_LAST);
    CHECK_EQ(v.data.len, 8);
    CHECK_MEM(v.data.p, sdu40 + 32, 8);
    CHECK_EQ(ble_iso_tx_next(&tx, pkt, sizeof pkt), 0);
    /* bounds */
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0102, 8, 0, 1, 0, ble_view_make(sdu40, 1)), BLE_ERR_PARAM);
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0F00, 64, 0, 0, 0, ble_view_make(sdu40, 1)), BLE_ERR_PARAM);
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0102, 64, 0, 0, 0, ble_view_make(sdu40, 4096)), BLE_ERR_TOO_LONG);
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0102, 64, 0, 0, 0, ble_view_make(sdu40, 40)), BLE_OK);
    tt_poison(pkt, sizeof pkt);
    CHECK_EQ(ble_iso_tx_next(&tx, pkt, 20), BLE_ERR_NO_SPACE);
    CHECK(tt_is_poison(pkt, sizeof pkt));
}

static void empty_sdu_still_carries_its_header(void)
{
    struct ble_iso_tx tx;
    uint8_t pkt[16];
    CHECK_EQ(ble_iso_tx_init(&tx, 0x0101, 64, 3, 0, 0, ble_view_make(0, 0)), BLE_OK);
    CHECK_EQ(ble_iso_tx_next(&tx, pkt, sizeof pkt), 8);
    CHECK_MEM(pkt, "\x01\x21\x04\x00\x03\x00\x00\x00", 8);
    CHECK_EQ(ble_iso_tx_next(&tx, pkt, sizeof pkt), 0);
}

/* Sends sdu through tx at iso_len into rx; the last push's result. */
static int through(struct ble_iso_rx *rx, uint16_t handle, uint16_t seq, uint16_t iso_len, size_t len,
                   struct ble_iso_sdu *out)
{
    static uint8_t pkt[128]; /* a complete SDU is handed out as a view into it */
    struct ble_iso_tx tx;
    int n, rc = BLE_ERR_AGAIN;
    ble_iso_tx_init(&tx, handle, iso_len, seq, 0, 0, ble_view_make(sdu40, len));
    while ((n = ble_iso_tx_next(&tx, pkt, sizeof pkt)) > 0)
        rc = ble_iso_rx_push(rx, pkt, (size_t)n, out);
    return rc;
}

static void loopback_at_every_iso_length(void)
{
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    uint8_t store[64];
    struct ble_iso_sdu sdu;
    unsigned iso_len, bad = 0;
    uint16_t seq = 0;
    size_t len;
    fill();
    ble_iso_rx_init(&rx, &slot, 1);
    CHECK_EQ(ble_iso_rx_attach(&rx, 0x0101, store, sizeof store), BLE_OK);
    for (iso_len = 5; iso_len <= 50; iso_len++)
        for (len = 0; len <= 40; len += 5) {
            int rc = through(&rx, 0x0101, seq++, (uint16_t)iso_len, len, &sdu);
            if (rc != BLE_OK || sdu.data.len != len || !tt_memeq(sdu.data.p, sdu40, len) ||
                sdu.seq != (uint16_t)(seq - 1) || sdu.lost_before != 0 || sdu.status != 0)
                bad++;
        }
    CHECK_EQ(bad, 0);
    CHECK_EQ(rx.stats.sdus, seq);
    CHECK_EQ(rx.stats.seq_gaps, 0);
}

static void complete_sdu_is_not_copied_and_gaps_are_reported(void)
{
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    uint8_t store[64];
    struct ble_iso_sdu sdu;
    /* seq 5, then seq 9: SDUs 6, 7 and 8 went missing */
    const uint8_t p5[] = { 0x01, 0x21, 0x06, 0x00, 0x05, 0x00, 0x02, 0x00, 0xaa, 0xbb };
    const uint8_t p9[] = { 0x01, 0x21, 0x06, 0x00, 0x09, 0x00, 0x02, 0x40, 0xcc, 0xdd };
    /* seq 10 reported lost by the controller: no data */
    const uint8_t p10[] = { 0x01, 0x21, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x80 };
    ble_iso_rx_init(&rx, &slot, 1);
    ble_iso_rx_attach(&rx, 0x0101, store, sizeof store);
    CHECK_EQ(ble_iso_rx_push(&rx, p5, sizeof p5, &sdu), BLE_OK);
    CHECK(sdu.data.p == p5 + 8);
    CHECK_EQ(ble_iso_rx_push(&rx, p9, sizeof p9, &sdu), BLE_OK);
    CHECK_EQ(sdu.lost_before, 3);
    CHECK_EQ(sdu.status, BLE_HCI_ISO_POSSIBLY_INVALID);
    CHECK_EQ(ble_iso_rx_push(&rx, p10, sizeof p10, &sdu), BLE_OK);
    CHECK_EQ(sdu.status, BLE_HCI_ISO_LOST);
    CHECK_EQ(sdu.data.len, 0);
    CHECK_EQ(rx.stats.seq_gaps, 3);
    CHECK_EQ(rx.stats.sdus, 3);
    CHECK_EQ(rx.stats.sdus_invalid, 1);
    CHECK_EQ(rx.stats.sdus_lost, 1);
}

static void out_of_order_and_oversized_fragments_are_counted(void)
{
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    uint8_t store[16];
    struct ble_iso_sdu sdu;
    /* first fragment: SDU of 6, 2 octets */
    const uint8_t first[] = { 0x01, 0x01, 0x06, 0x00, 0x01, 0x00, 0x06, 0x00, 1, 2 };
    const uint8_t cont[] = { 0x01, 0x11, 0x02, 0x00, 3, 4 };
    const uint8_t last2[] = { 0x01, 0x31, 0x02, 0x00, 5, 6 };
    const uint8_t last5[] = { 0x01, 0x31, 0x05, 0x00, 5, 6, 7, 8, 9 };
    /* first fragment of an SDU of 32: over the 16 octets of storage */
    const uint8_t big[] = { 0x01, 0x01, 0x06, 0x00, 0x02, 0x00, 0x20, 0x00, 1, 2 };
    const uint8_t other[] = { 0x07, 0x21, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00 };
    ble_iso_rx_init(&rx, &slot, 1);
    ble_iso_rx_attach(&rx, 0x0101, store, sizeof store);
    /* last before first */
    CHECK_EQ(ble_iso_rx_push(&rx, last2, sizeof last2, &sdu), BLE_ERR_STATE);
    CHECK_EQ(rx.stats.cont_without_first, 1);
    /* in order: delivered */
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, cont, sizeof cont, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, last2, sizeof last2, &sdu), BLE_OK);
    CHECK_MEM(sdu.data.p, "\x01\x02\x03\x04\x05\x06", 6);
    /* a last fragment past the SDU length */
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, last5, sizeof last5, &sdu), BLE_ERR_RANGE);
    CHECK_EQ(rx.stats.overrun, 1);
    /* a last fragment short of it */
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, last2, sizeof last2, &sdu), BLE_ERR_RANGE);
    CHECK_EQ(rx.stats.short_sdu, 1);
    /* first while another is gathering */
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(rx.stats.first_in_progress, 1);
    /* too long: dropped at its first fragment, the rest absorbed */
    CHECK_EQ(ble_iso_rx_push(&rx, big, sizeof big, &sdu), BLE_ERR_TOO_LONG);
    CHECK_EQ(rx.stats.first_in_progress, 2);
    CHECK_EQ(ble_iso_rx_push(&rx, cont, sizeof cont, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, last2, sizeof last2, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(rx.stats.too_long, 1);
    CHECK_EQ(rx.stats.cont_without_first, 1);
    /* attach refusals */
    CHECK_EQ(ble_iso_rx_attach(&rx, 0x0101, store, sizeof store), BLE_ERR_BUSY);
    CHECK_EQ(ble_iso_rx_attach(&rx, 0x0102, store, sizeof store), BLE_ERR_FULL);
    CHECK_EQ(ble_iso_rx_attach(&rx, 0x0F00, store, sizeof store), BLE_ERR_PARAM);
    /* unknown handle, malformed header */
    CHECK_EQ(ble_iso_rx_push(&rx, other, sizeof other, &sdu), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_iso_rx_push(&rx, other, 3, &sdu), BLE_ERR_MALFORMED);
    CHECK_EQ(rx.stats.unknown_handle, 1);
    CHECK_EQ(rx.stats.malformed, 1);
    /* a malformed fragment ends the SDU it belonged to: both counted */
    {
        const uint8_t bad_cont[] = { 0x01, 0x51, 0x02, 0x00, 0x00, 0x00 }; /* TS set, 2-octet load */
        CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
        CHECK_EQ(ble_iso_rx_push(&rx, bad_cont, sizeof bad_cont, &sdu), BLE_ERR_MALFORMED);
        CHECK_EQ(rx.stats.malformed, 2);
        CHECK_EQ(rx.stats.first_in_progress, 3);
        CHECK_EQ(ble_iso_rx_push(&rx, last2, sizeof last2, &sdu), BLE_ERR_STATE);
    }
    /* detach while gathering: counted */
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    ble_iso_rx_detach(&rx, 0x0101);
    CHECK_EQ(rx.stats.first_in_progress, 4);
    CHECK_EQ(ble_iso_rx_push(&rx, cont, sizeof cont, &sdu), BLE_ERR_NOT_FOUND);
    CHECK_EQ(rx.stats.sdus, 1);
}

static void sequence_numbers_wrap(void)
{
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    uint8_t store[64];
    struct ble_iso_sdu sdu;
    fill();
    ble_iso_rx_init(&rx, &slot, 1);
    ble_iso_rx_attach(&rx, 0x0101, store, sizeof store);
    CHECK_EQ(through(&rx, 0x0101, 0xFFFE, 251, 8, &sdu), BLE_OK);
    CHECK_EQ(through(&rx, 0x0101, 0xFFFF, 251, 8, &sdu), BLE_OK);
    CHECK_EQ(through(&rx, 0x0101, 0x0000, 12, 40, &sdu), BLE_OK);
    CHECK_EQ(sdu.lost_before, 0);
    CHECK_EQ(through(&rx, 0x0101, 0x0002, 12, 40, &sdu), BLE_OK);
    CHECK_EQ(sdu.lost_before, 1);
    CHECK_EQ(rx.stats.seq_gaps, 1);
}

void suite_iso(void)
{
    TT_RUN(small_sdu_goes_out_as_one_complete_packet);
    TT_RUN(large_sdu_is_split_first_continuation_last);
    TT_RUN(empty_sdu_still_carries_its_header);
    TT_RUN(loopback_at_every_iso_length);
    TT_RUN(complete_sdu_is_not_copied_and_gaps_are_reported);
    TT_RUN(out_of_order_and_oversized_fragments_are_counted);
    TT_RUN(sequence_numbers_wrap);
}
