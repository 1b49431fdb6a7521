/* Regression corpus: the input shapes behind public Bluetooth host-stack bugs,
 * each with its reference and the defined outcome the kit gives it. Layers
 * add their shapes here as they land (GATT server ranges, ASCS counts, BASE,
 * extended report fragments).
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* SweynTooth "Truncated L2CAP", CVE-2019-17517: an L2CAP header announcing
 * more payload than the packet carries crashed a controller's host stack.
 * Outcome: the fragment waits for its continuation; the next start drops it,
 * counted, and the next PDU is delivered intact. */
static void cve_2019_17517_truncated_l2cap(void)
{
    const uint8_t truncated[] = { 0x40, 0x00, 0x04, 0x00, 0x0a }; /* says 64, carries 1 */
    const uint8_t next[] = { 0x03, 0x00, 0x04, 0x00, 0x0a, 0x01, 0x00 };
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[128];
    struct ble_l2cap_pdu pdu;
    struct ble_hci_acl a;
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x40, store, sizeof store);
    a.handle = 0x40, a.pb = BLE_HCI_ACL_PB_FIRST_FLUSHABLE, a.bc = 0;
    a.data = ble_view_make(truncated, sizeof truncated);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_AGAIN);
    a.data = ble_view_make(next, sizeof next);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_OK);
    CHECK_EQ(pdu.payload.len, 3);
    CHECK_EQ(rx.stats.start_in_progress, 1);
}

/* Continuation fragments without a start (SweynTooth-class fragment
 * confusion): refused and counted, never appended to stale data. */
static void continuation_without_start(void)
{
    const uint8_t cont[] = { 0x0a, 0x01, 0x00 };
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[16];
    struct ble_l2cap_pdu pdu;
    struct ble_hci_acl a;
    int i;
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x40, store, sizeof store);
    a.handle = 0x40, a.pb = BLE_HCI_ACL_PB_CONTINUING, a.bc = 0;
    a.data = ble_view_make(cont, sizeof cont);
    for (i = 0; i < 100; i++)
        CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_STATE);
    CHECK_EQ(rx.stats.cont_without_start, 100);
    CHECK_EQ(rx.stats.pdus, 0);
}

/* L2CAP length past the storage with a CID that is not the one the header
 * names later (length/CID confusion): the PDU is skipped by its declared
 * length, and the stream stays in step. */
static void l2cap_length_over_storage_stays_in_step(void)
{
    uint8_t big[8] = { 0xff, 0xff, 0x05, 0x00, 0x12, 0x01, 0x08, 0x00 };
    const uint8_t good[] = { 0x03, 0x00, 0x04, 0x00, 0x0a, 0x01, 0x00 };
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[32];
    struct ble_l2cap_pdu pdu;
    struct ble_hci_acl a;
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x40, store, sizeof store);
    a.handle = 0x40, a.pb = BLE_HCI_ACL_PB_FIRST_FLUSHABLE, a.bc = 0;
    a.data = ble_view_make(big, sizeof big);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_TOO_LONG);
    a.data = ble_view_make(good, sizeof good);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_OK);
    CHECK_EQ(pdu.cid, BLE_L2CAP_CID_ATT);
}

/* BlueBorne, CVE-2017-1000251: signaling parsed with lengths taken on trust.
 * A command whose Length disagrees with the C-frame, zero or 0xFFFF, is
 * refused before any parameter is read. */
static void cve_2017_1000251_signaling_lengths(void)
{
    const uint8_t huge[] = { 0x12, 0x01, 0xff, 0xff, 0x06, 0x00, 0x0c, 0x00 };
    const uint8_t zero[] = { 0x12, 0x01, 0x00, 0x00 };
    const uint8_t over[] = { 0x16, 0x02, 0x04, 0x00, 0x40, 0x00, 0x05, 0x00, 0xee };
    struct ble_l2cap_sig s;
    tt_poison(&s, sizeof s);
    CHECK_EQ(ble_l2cap_sig_decode(huge, sizeof huge, &s), BLE_ERR_SHORT);
    CHECK_EQ(ble_l2cap_sig_decode(zero, sizeof zero, &s), BLE_ERR_SHORT); /* 8 parameter octets required */
    CHECK_EQ(ble_l2cap_sig_decode(over, sizeof over, &s), BLE_ERR_TRAILING);
    CHECK(tt_is_poison(&s, sizeof s));
}

/* BleedingTooth "BadVibes", CVE-2020-24490: extended advertising report data
 * longer than a legacy report's 31 octets overflowed a fixed buffer. The kit
 * keeps report data as a view of any length the event carries, and a
 * Data_Length past the end of the event is BLE_ERR_SHORT. */
static void cve_2020_24490_long_extended_report_data(void)
{
    uint8_t ev[255];
    union ble_hci_le_evt_params p;
    struct ble_hci_le_evt_ext_adv_report_entry r;
    size_t n = 0;
    ble_memset(ev, 0x5a, sizeof ev);
    ev[n++] = 0x01;                 /* Num_Reports */
    ev[n++] = 0x10, ev[n++] = 0x00; /* Event_Type: legacy bit clear */
    ev[n++] = 0x01;                 /* Address_Type */
    n += 6;                         /* Address */
    ev[n++] = 0x01, ev[n++] = 0x03; /* Primary_PHY, Secondary_PHY */
    ev[n++] = 0xff;                 /* Advertising_SID */
    ev[n++] = 0x7f, ev[n++] = 0xc0; /* TX_Power, RSSI */
    ev[n++] = 0x00, ev[n++] = 0x00; /* Periodic_Advertising_Interval */
    ev[n++] = 0x00;                 /* Direct_Address_Type */
    n += 6;                         /* Direct_Address */
    ev[n++] = 229;                  /* Data_Length: all the event has left */
    CHECK_EQ(n + 229, 254);
    CHECK_EQ(ble_pdu_decode(ble_hci_le_evt_desc(0x0D), ev, n + 229, &p), BLE_OK);
    CHECK_EQ(ble_arr_get(&p.ext_adv_report.reports, &ble_hci_le_evt_ext_adv_report_entry_desc, 0, &r), BLE_OK);
    CHECK_EQ(r.data.len, 229);
    CHECK(r.data.p == ev + n);
    tt_poison(&p, sizeof p);
    ev[n - 1] = 230; /* one octet past the end */
    CHECK_EQ(ble_pdu_decode(ble_hci_le_evt_desc(0x0D), ev, n + 229, &p), BLE_ERR_SHORT);
    CHECK(tt_is_poison(&p, sizeof p));
}

/* ATT PDUs shorter than their opcode's minimum (a classic of ATT fuzzing):
 * every prefix of a Read By Type Request is refused. */
static void att_pdus_shorter_than_their_minimum(void)
{
    const uint8_t rbt[] = { 0x08, 0x01, 0x00, 0xff, 0xff, 0x03, 0x28 };
    struct ble_att_pdu pdu;
    size_t n;
    for (n = 0; n < sizeof rbt; n++) {
        tt_poison(&pdu, sizeof pdu);
        CHECK(ble_att_decode(rbt, n, &pdu) < 0);
        CHECK(tt_is_poison(&pdu, sizeof pdu));
    }
    CHECK_EQ(ble_att_decode(rbt, sizeof rbt, &pdu), BLE_OK);
}

/* ISO fragments out of order: a continuation or last before any first, and
 * a first while another SDU gathers, each counted, none delivered corrupt. */
static void iso_fragments_out_of_order(void)
{
    const uint8_t last[] = { 0x01, 0x31, 0x02, 0x00, 5, 6 };
    const uint8_t first[] = { 0x01, 0x01, 0x06, 0x00, 0x01, 0x00, 0x04, 0x00, 1, 2 };
    const uint8_t first2[] = { 0x01, 0x01, 0x06, 0x00, 0x02, 0x00, 0x04, 0x00, 3, 4 };
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    uint8_t store[16];
    struct ble_iso_sdu sdu;
    ble_iso_rx_init(&rx, &slot, 1);
    ble_iso_rx_attach(&rx, 0x0101, store, sizeof store);
    CHECK_EQ(ble_iso_rx_push(&rx, last, sizeof last, &sdu), BLE_ERR_STATE);
    CHECK_EQ(ble_iso_rx_push(&rx, first, sizeof first, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, first2, sizeof first2, &sdu), BLE_ERR_AGAIN);
    CHECK_EQ(ble_iso_rx_push(&rx, last, sizeof last, &sdu), BLE_OK);
    CHECK_MEM(sdu.data.p, "\x03\x04\x05\x06", 4);
    CHECK_EQ(sdu.seq, 2);
    CHECK_EQ(rx.stats.cont_without_first, 1);
    CHECK_EQ(rx.stats.first_in_progress, 1);
}

/* H4 streams with a packet too long for the host's buffer: skipped by length
 * (the class of HCI buffer overflows from a misbehaving controller). */
static void h4_packet_over_buffer_is_skipped(void)
{
    uint8_t in[5 + 300 + 4];
    uint8_t store[64];
    struct ble_h4 h;
    struct ble_h4_pkt pkt;
    size_t used, pos = 0;
    int rc, ok = 0;
    ble_memset(in, 0, sizeof in);
    ble_memcpy(in, "\x02\x40\x20\x2c\x01", 5); /* ACL of 300 octets */
    ble_memcpy(in + 305, "\x04\x10\x01\x00", 4);
    ble_h4_init(&h, store, sizeof store);
    while (pos < sizeof in) {
        rc = ble_h4_push(&h, in + pos, sizeof in - pos, &used);
        pos += used;
        if (rc == BLE_OK && ble_h4_packet(&h, &pkt) == BLE_OK)
            ok += pkt.type == BLE_H4_EVT;
    }
    CHECK_EQ(ok, 1);
    CHECK_EQ(h.stats.too_long, 1);
}

void suite_regress(void)
{
    TT_RUN(cve_2019_17517_truncated_l2cap);
    TT_RUN(continuation_without_start);
    TT_RUN(l2cap_length_over_storage_stays_in_step);
    TT_RUN(cve_2017_1000251_signaling_lengths);
    TT_RUN(cve_2020_24490_long_extended_report_data);
    TT_RUN(att_pdus_shorter_than_their_minimum);
    TT_RUN(iso_fragments_out_of_order);
    TT_RUN(h4_packet_over_buffer_is_skipped);
}
