/* Unit tests of layers/l2cap.h: basic frames, recombination, fragmentation,
 * the LE signaling commands.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

static struct ble_hci_acl acl_of(uint16_t handle, uint8_t pb, const uint8_t *p, size_t n)
{
    struct ble_hci_acl a;
    a.handle = handle;
    a.pb = pb;
    a.bc = 0;
    a.data = ble_view_make(p, n);
    return a;
}

#define START BLE_HCI_ACL_PB_FIRST_FLUSHABLE
#define CONT BLE_HCI_ACL_PB_CONTINUING

/* ATT Read Request for handle 0x0003 on CID 0x0004 (Vol 3 Part A 3.1, Part F 3.4.4.3) */
static const uint8_t att_read[] = { 0x03, 0x00, 0x04, 0x00, 0x0a, 0x03, 0x00 };

static void basic_frame_decodes(void)
{
    struct ble_l2cap_pdu f;
    CHECK_EQ(ble_l2cap_frame_decode(att_read, sizeof att_read, &f), BLE_OK);
    CHECK_EQ(f.cid, BLE_L2CAP_CID_ATT);
    CHECK_EQ(f.payload.len, 3);
    CHECK(f.payload.p == att_read + 4);
    CHECK_EQ(ble_l2cap_frame_decode(att_read, 6, &f), BLE_ERR_SHORT);
    CHECK_EQ(ble_l2cap_frame_decode(att_read, 3, &f), BLE_ERR_SHORT);
}

static void whole_pdu_in_one_fragment_is_not_copied(void)
{
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slots[2];
    uint8_t store[64];
    struct ble_l2cap_pdu pdu;
    struct ble_hci_acl a = acl_of(0x40, START, att_read, sizeof att_read);
    ble_l2cap_rx_init(&rx, slots, 2);
    CHECK_EQ(ble_l2cap_rx_attach(&rx, 0x40, store, sizeof store), BLE_OK);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_OK);
    CHECK_EQ(pdu.handle, 0x40);
    CHECK_EQ(pdu.cid, 4);
    CHECK(pdu.payload.p == att_read + 4);
    CHECK_EQ(rx.stats.pdus, 1);
}

static void fragments_are_gathered_even_with_a_split_header(void)
{
    /* 1 + 3 + 3 octets: the header itself arrives in two pieces */
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[16];
    struct ble_l2cap_pdu pdu;
    struct ble_hci_acl a;
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x41, store, sizeof store);
    a = acl_of(0x41, START, att_read, 1);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_AGAIN);
    a = acl_of(0x41, CONT, att_read + 1, 3);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_AGAIN);
    a = acl_of(0x41, CONT, att_read + 4, 3);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_OK);
    CHECK_EQ(pdu.cid, 4);
    CHECK_MEM(pdu.payload.p, att_read + 4, 3);
    CHECK(pdu.payload.p == store + 4);
}

static void malformed_fragments_are_rejected_and_counted(void)
{
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[16];
    struct ble_l2cap_pdu pdu;
    struct ble_hci_acl a;
    /* a PDU declaring 30 octets, more than the 16 octets of storage */
    const uint8_t big[] = { 0x1e, 0x00, 0x04, 0x00, 1, 2, 3, 4, 5, 6 };
    const uint8_t filler[20] = { 0 };
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x40, store, sizeof store);
    /* continuation without start */
    a = acl_of(0x40, CONT, att_read, 3);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_STATE);
    CHECK_EQ(rx.stats.cont_without_start, 1);
    /* empty fragment */
    a = acl_of(0x40, START, att_read, 0);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_SHORT);
    CHECK_EQ(rx.stats.empty_fragment, 1);
    /* unknown handle */
    a = acl_of(0x99, START, att_read, sizeof att_read);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_NOT_FOUND);
    CHECK_EQ(rx.stats.unknown_handle, 1);
    /* start while a PDU is in progress: the first is dropped, the second whole */
    a = acl_of(0x40, START, att_read, 5);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_AGAIN);
    a = acl_of(0x40, START, att_read, sizeof att_read);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_OK);
    CHECK_EQ(rx.stats.start_in_progress, 1);
    /* too long: rejected at its header, its continuations absorbed, the next PDU fine */
    a = acl_of(0x40, START, big, sizeof big);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_TOO_LONG);
    a = acl_of(0x40, CONT, filler, 20);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_AGAIN);
    CHECK_EQ(rx.stats.too_long, 1);
    a = acl_of(0x40, START, att_read, sizeof att_read);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_OK);
    CHECK_EQ(rx.stats.start_in_progress, 1);
    /* overflow: a continuation past the declared length */
    a = acl_of(0x40, START, att_read, 5);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_AGAIN);
    a = acl_of(0x40, CONT, filler, 3);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_MALFORMED);
    CHECK_EQ(rx.stats.overflow, 1);
    a = acl_of(0x40, CONT, filler, 2); /* nothing in progress any more */
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_STATE);
    /* a start carrying more than its header declares */
    {
        const uint8_t over[] = { 0x01, 0x00, 0x04, 0x00, 0x0a, 0x0b };
        a = acl_of(0x40, START, over, sizeof over);
        CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_MALFORMED);
        CHECK_EQ(rx.stats.overflow, 2);
    }
    /* detached in the middle of a PDU: counted */
    a = acl_of(0x40, START, att_read, 5);
    ble_l2cap_rx_push(&rx, &a, &pdu);
    ble_l2cap_rx_detach(&rx, 0x40);
    CHECK_EQ(rx.stats.dropped_on_detach, 1);
    a = acl_of(0x40, CONT, att_read + 5, 2);
    CHECK_EQ(ble_l2cap_rx_push(&rx, &a, &pdu), BLE_ERR_NOT_FOUND);
    CHECK_EQ(rx.stats.pdus, 2);
}

static void attach_refuses_what_it_cannot_hold(void)
{
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[8];
    ble_l2cap_rx_init(&rx, &slot, 1);
    CHECK_EQ(ble_l2cap_rx_attach(&rx, 0x40, store, 3), BLE_ERR_PARAM);
    CHECK_EQ(ble_l2cap_rx_attach(&rx, 0xF00, store, 8), BLE_ERR_PARAM);
    CHECK_EQ(ble_l2cap_rx_attach(&rx, 0x40, store, 8), BLE_OK);
    CHECK_EQ(ble_l2cap_rx_attach(&rx, 0x40, store, 8), BLE_ERR_BUSY);
    CHECK_EQ(ble_l2cap_rx_attach(&rx, 0x41, store, 8), BLE_ERR_FULL);
}

static void fragmentation_splits_at_the_acl_length(void)
{
    uint8_t payload[27], pkt[64], joined[64];
    struct ble_l2cap_tx tx;
    size_t i, got = 0, count = 0;
    int n;
    for (i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)i;
    CHECK_EQ(ble_l2cap_tx_init(&tx, 0x40, 0x0040, ble_view_make(payload, 27), 10), BLE_OK);
    CHECK_EQ(ble_l2cap_tx_count(27, 10), 4);
    CHECK_EQ(ble_l2cap_tx_next(&tx, pkt, 13), BLE_ERR_NO_SPACE);
    while ((n = ble_l2cap_tx_next(&tx, pkt, sizeof pkt)) > 0) {
        struct ble_hci_acl a;
        CHECK_EQ(ble_hci_acl_decode(pkt, (size_t)n, &a), BLE_OK);
        CHECK_EQ(a.handle, 0x40);
        /* Core 6.0 Vol 4 Part E 5.4.2: first non-flushable 00, then 01 */
        CHECK_EQ(a.pb, count ? BLE_HCI_ACL_PB_CONTINUING : BLE_HCI_ACL_PB_FIRST_NON_FLUSHABLE);
        CHECK(a.data.len <= 10);
        ble_memcpy(joined + got, a.data.p, a.data.len);
        got += a.data.len;
        count++;
    }
    CHECK_EQ(n, 0);
    CHECK_EQ(count, 4);
    CHECK_EQ(got, 31);
    CHECK_MEM(joined, "\x1b\x00\x40\x00", 4);
    CHECK_MEM(joined + 4, payload, 27);
    CHECK_EQ(ble_l2cap_tx_init(&tx, 0x40, 4, ble_view_make(payload, 1), 0), BLE_ERR_PARAM);
}

/* Two instances through ACL: every payload size 0..300 at ACL lengths 1..40
 * (a deterministic sweep standing in for random fragmentation). */
static void loopback_through_fragmentation_and_recombination(void)
{
    static uint8_t payload[300], pkt[64];
    uint8_t store[320];
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    size_t len, bad = 0, pdus = 0;
    unsigned acl_len;
    for (len = 0; len < sizeof payload; len++)
        payload[len] = (uint8_t)(len * 7 + 1);
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x42, store, sizeof store);
    for (len = 0; len <= sizeof payload; len += 1 + len / 16) {
        for (acl_len = 1; acl_len <= 40; acl_len += 3) {
            struct ble_l2cap_tx tx;
            struct ble_l2cap_pdu pdu;
            int n, rc = BLE_ERR_AGAIN;
            ble_l2cap_tx_init(&tx, 0x42, 0x0041, ble_view_make(payload, len), (uint16_t)acl_len);
            while ((n = ble_l2cap_tx_next(&tx, pkt, sizeof pkt)) > 0) {
                struct ble_hci_acl a;
                ble_hci_acl_decode(pkt, (size_t)n, &a);
                if (a.pb == BLE_HCI_ACL_PB_FIRST_NON_FLUSHABLE)
                    a.pb = BLE_HCI_ACL_PB_FIRST_FLUSHABLE; /* as a controller delivers it */
                rc = ble_l2cap_rx_push(&rx, &a, &pdu);
            }
            if (rc != BLE_OK || pdu.cid != 0x0041 || pdu.payload.len != len ||
                !tt_memeq(pdu.payload.p, payload, len))
                bad++;
            pdus++;
        }
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(rx.stats.pdus, pdus);
}

/* Core 6.0 Vol 3 Part A 4.22: LE Credit Based Connection Request, id 1:
 * SPSM 0x0080, source CID 0x0040, MTU 512, MPS 247, 10 credits. */
static const uint8_t v_le_conn_req[] = {
    0x14, 0x01, 0x0a, 0x00, 0x80, 0x00, 0x40, 0x00, 0x00, 0x02, 0xf7, 0x00, 0x0a, 0x00,
};

static void signaling_commands_decode_and_encode(void)
{
    struct ble_l2cap_sig s;
    uint8_t out[64];
    CHECK_EQ(ble_l2cap_sig_decode(v_le_conn_req, sizeof v_le_conn_req, &s), BLE_OK);
    CHECK_EQ(s.code, BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ);
    CHECK_EQ(s.id, 1);
    CHECK_EQ(s.p.le_credit_conn_req.spsm, 0x0080);
    CHECK_EQ(s.p.le_credit_conn_req.source_cid, 0x0040);
    CHECK_EQ(s.p.le_credit_conn_req.mtu, 512);
    CHECK_EQ(s.p.le_credit_conn_req.mps, 247);
    CHECK_EQ(s.p.le_credit_conn_req.initial_credits, 10);
    CHECK_EQ(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, sizeof out), (int)sizeof v_le_conn_req);
    CHECK_MEM(out, v_le_conn_req, sizeof v_le_conn_req);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, sizeof v_le_conn_req - 1), BLE_ERR_NO_SPACE);
    CHECK(tt_is_poison(out, sizeof out));
}

static void credit_based_lists_carry_up_to_five_cids(void)
{
    /* 4.25: SPSM 0x0027, MTU 64, MPS 64, 5 credits, CIDs 0x40..0x44 */
    const uint8_t req[] = { 0x17, 0x02, 0x12, 0x00, 0x27, 0x00, 0x40, 0x00, 0x40, 0x00, 0x05, 0x00,
                            0x40, 0x00, 0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x44, 0x00 };
    /* 4.26: one channel refused (CID 0x0000), result 0x0004 some refused */
    const uint8_t rsp[] = { 0x18, 0x02, 0x0c, 0x00, 0x40, 0x00, 0x40, 0x00, 0x05, 0x00, 0x04, 0x00,
                            0x50, 0x00, 0x00, 0x00 };
    struct ble_l2cap_sig s;
    struct ble_l2cap_sig_cid c;
    uint8_t out[64];
    CHECK_EQ(ble_l2cap_sig_decode(req, sizeof req, &s), BLE_OK);
    CHECK_EQ(s.p.credit_conn_req.source_cid.n, 5);
    CHECK_EQ(ble_arr_get(&s.p.credit_conn_req.source_cid, &ble_l2cap_sig_cid_desc, 4, &c), BLE_OK);
    CHECK_EQ(c.cid, 0x0044);
    CHECK_EQ(ble_l2cap_sig_encode(s.code, s.id, &s.p, out, sizeof out), (int)sizeof req);
    CHECK_MEM(out, req, sizeof req);
    CHECK_EQ(ble_l2cap_sig_decode(rsp, sizeof rsp, &s), BLE_OK);
    CHECK_EQ(s.p.credit_conn_rsp.result, BLE_L2CAP_CONN_NO_RESOURCES);
    CHECK_EQ(s.p.credit_conn_rsp.destination_cid.n, 2);
    CHECK_EQ(ble_arr_get(&s.p.credit_conn_rsp.destination_cid, &ble_l2cap_sig_cid_desc, 1, &c), BLE_OK);
    CHECK_EQ(c.cid, 0x0000);
    CHECK_STR(ble_names_get(&ble_l2cap_conn_result_names, 4),
              "Connection refused - no resources available");
}

static void signaling_header_and_unknown_codes(void)
{
    /* an Echo Request (BR/EDR only, 4.8) on the LE channel: unknown, header kept */
    const uint8_t echo[] = { 0x08, 0x07, 0x02, 0x00, 0xaa, 0xbb };
    const uint8_t reject[] = { 0x01, 0x07, 0x02, 0x00, 0x00, 0x00 };
    const uint8_t reject_mtu[] = { 0x01, 0x03, 0x04, 0x00, 0x01, 0x00, 0x17, 0x00 };
    const uint8_t disc_short[] = { 0x06, 0x04, 0x03, 0x00, 0x40, 0x00, 0x41 };
    struct ble_l2cap_sig s;
    char txt[128];
    struct ble_str str;
    CHECK_EQ(ble_l2cap_sig_decode(echo, sizeof echo, &s), BLE_ERR_UNKNOWN);
    CHECK_EQ(s.code, 0x08);
    CHECK_EQ(s.id, 7);
    CHECK(s.desc == 0);
    CHECK_EQ(s.data.len, 2);
    CHECK_EQ(ble_l2cap_sig_decode(reject, sizeof reject, &s), BLE_OK);
    CHECK_EQ(s.p.command_reject.reason, BLE_L2CAP_REJECT_NOT_UNDERSTOOD);
    CHECK_EQ(s.p.command_reject.data.len, 0);
    CHECK_EQ(ble_l2cap_sig_decode(reject_mtu, sizeof reject_mtu, &s), BLE_OK);
    CHECK_EQ(s.p.command_reject.data.len, 2);
    ble_str_init(&str, txt, sizeof txt);
    ble_pdu_print(s.desc, &s.p, &str, 0);
    CHECK_STR(txt, "reason=0x0001 (Signaling MTU exceeded) data=[2]1700");
    tt_poison(&s, sizeof s);
    CHECK_EQ(ble_l2cap_sig_decode(disc_short, sizeof disc_short, &s), BLE_ERR_SHORT);
    CHECK_EQ(ble_l2cap_sig_decode(echo, 5, &s), BLE_ERR_SHORT); /* length says 2, 1 present */
    CHECK_EQ(ble_l2cap_sig_decode(reject, 3, &s), BLE_ERR_SHORT);
    CHECK(tt_is_poison(&s, sizeof s));
    CHECK_EQ(ble_l2cap_sig_encode(0x08, 1, &s.p, (uint8_t *)txt, sizeof txt), BLE_ERR_PARAM);
}

static void signaling_table_is_sorted_and_complete(void)
{
    /* the LE signaling codes of Vol 3 Part A 4 Table 4.2 */
    static const uint8_t codes[] = { 0x01, 0x06, 0x07, 0x12, 0x13, 0x14, 0x15, 0x16,
                                     0x17, 0x18, 0x19, 0x1a };
    size_t i;
    CHECK_EQ(BLE_L2CAP_SIG_COUNT, sizeof codes);
    for (i = 0; i < sizeof codes; i++)
        CHECK(ble_l2cap_sig_desc(codes[i]) == &ble_l2cap_sig_descs[i]);
    CHECK(ble_l2cap_sig_desc(0x02) == 0);
}

void suite_l2cap(void)
{
    TT_RUN(basic_frame_decodes);
    TT_RUN(whole_pdu_in_one_fragment_is_not_copied);
    TT_RUN(fragments_are_gathered_even_with_a_split_header);
    TT_RUN(malformed_fragments_are_rejected_and_counted);
    TT_RUN(attach_refuses_what_it_cannot_hold);
    TT_RUN(fragmentation_splits_at_the_acl_length);
    TT_RUN(loopback_through_fragmentation_and_recombination);
    TT_RUN(signaling_commands_decode_and_encode);
    TT_RUN(credit_based_lists_carry_up_to_five_cids);
    TT_RUN(signaling_header_and_unknown_codes);
    TT_RUN(signaling_table_is_sorted_and_complete);
}
