/* Unit tests of the L2CAP channel machine of layers/l2cap.h: the LE signaling
 * channel, LE Credit Based and Enhanced Credit Based Flow Control, RTX,
 * disconnection, Connection Parameter Update and fixed-channel routing
 * (Core 6.0 Vol 3 Part A). Time moves by hand; signaling PDUs are checked
 * octet by octet against the layouts of Part A 3.1 and 4.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* ---- helpers ---- */

static struct ble_l2cap_link_cfg cfg_of(uint8_t role, uint8_t auto_credits)
{
    struct ble_l2cap_link_cfg c;
    tt_poison(&c, sizeof c);
    c.role = role;
    c.auto_credits = auto_credits;
    c.sig_mtu = 0;
    c.rtx_ms = 0;
    c.spsms = 0;
    c.nspsms = 0;
    return c;
}

static void link_init(struct ble_l2cap_link *l, uint8_t role, uint8_t auto_credits)
{
    struct ble_l2cap_link_cfg c = cfg_of(role, auto_credits);
    ble_l2cap_link_init(l, &c);
}

/* Feeds one whole basic frame (header included). */
static int feed(struct ble_l2cap_link *l, uint32_t now, const uint8_t *frame, size_t n)
{
    struct ble_l2cap_pdu pdu;
    if (ble_l2cap_frame_decode(frame, n, &pdu) != BLE_OK)
        return -100;
    pdu.handle = 0x40;
    return ble_l2cap_on_pdu(l, now, &pdu);
}

/* Polls the next PDU and checks it against the expected octets. */
#define EXPECT_TX(l, ...)                                                                   \
    do {                                                                                    \
        static const uint8_t want_[] = { __VA_ARGS__ };                                     \
        uint8_t got_[128];                                                                  \
        int n_ = ble_l2cap_poll_tx((l), got_, sizeof got_);                                 \
        CHECK_EQ(n_, (int)sizeof want_);                                                    \
        if (n_ == (int)sizeof want_)                                                        \
            CHECK_MEM(got_, want_, sizeof want_);                                           \
    } while (0)
/* Feeds a frame given as octets and checks what on_pdu returns. */
#define FEED_EQ(l, now, want, ...)                                                          \
    do {                                                                                    \
        const uint8_t f_[] = { __VA_ARGS__ };                                               \
        CHECK_EQ(feed((l), (now), f_, sizeof f_), (want));                                  \
    } while (0)

static struct ble_l2cap_event ev_next(struct ble_l2cap_link *l)
{
    struct ble_l2cap_event ev;
    if (ble_l2cap_poll_event(l, &ev) != BLE_OK)
        ev.type = BLE_L2CAP_EV_NONE;
    return ev;
}

static int nothing_to_send(struct ble_l2cap_link *l)
{
    uint8_t b[64];
    return ble_l2cap_poll_tx(l, b, sizeof b) == BLE_ERR_AGAIN;
}

static const struct ble_l2cap_coc_params prm_100_50_3 = { 100, 50, 3 };
static uint8_t store_a[4][600];

/* A central with one open LE channel: our CID 0x0040, the peer's 0x0041,
 * peer MTU 64, MPS 23, the given credits; ours MTU 100, MPS 50, 3 credits. */
static void open_le(struct ble_l2cap_link *l, uint8_t auto_credits, uint16_t peer_credits)
{
    link_init(l, BLE_L2CAP_CENTRAL, auto_credits);
    CHECK_EQ(ble_l2cap_connect(l, 0, 0x0080, &prm_100_50_3, store_a[0], sizeof store_a[0]), 0x0040);
    EXPECT_TX(l, 0x0e, 0x00, 0x05, 0x00, 0x14, 0x01, 0x0a, 0x00, 0x80, 0x00, 0x40, 0x00, 0x64, 0x00,
              0x32, 0x00, 0x03, 0x00);
    FEED_EQ(l, 10, BLE_OK, 0x0e, 0x00, 0x05, 0x00, 0x15, 0x01, 0x0a, 0x00, 0x41, 0x00, 0x40, 0x00,
                  0x17, 0x00, (uint8_t)peer_credits, (uint8_t)(peer_credits >> 8), 0x00, 0x00);
    CHECK_EQ(ev_next(l).type, BLE_L2CAP_EV_OPENED);
}

/* ---- LE Credit Based connection (4.22, 4.23) ---- */

static void le_connect_request_and_response_are_byte_exact(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    const struct ble_l2cap_chan *c;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    CHECK_EQ(ble_l2cap_connect(&l, 0, 0x0080, &prm_100_50_3, store_a[0], sizeof store_a[0]), 0x0040);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->state, BLE_L2CAP_CH_WAIT_CONNECT);
    /* basic header: length 14, CID 0x0005; code 0x14, id 1, length 10; SPSM
     * 0x0080, SCID 0x0040, MTU 100, MPS 50, credits 3 */
    EXPECT_TX(&l, 0x0e, 0x00, 0x05, 0x00, 0x14, 0x01, 0x0a, 0x00, 0x80, 0x00, 0x40, 0x00, 0x64, 0x00,
              0x32, 0x00, 0x03, 0x00);
    CHECK(nothing_to_send(&l));
    CHECK_EQ(ble_l2cap_next_deadline(&l), BLE_CFG_L2CAP_RTX_MS);
    /* 4.23: DCID 0x0041, MTU 64, MPS 23, 2 credits, success */
    FEED_EQ(&l, 10, BLE_OK, 0x0e, 0x00, 0x05, 0x00, 0x15, 0x01, 0x0a, 0x00, 0x41, 0x00, 0x40, 0x00,
                  0x17, 0x00, 0x02, 0x00, 0x00, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev.cid, 0x40);
    CHECK_EQ(ev.mtu, 64);
    CHECK_EQ(ev.mps, 23);
    CHECK_EQ(ev.credits, 2);
    c = ble_l2cap_chan_get(&l, 0x40);
    CHECK_EQ(c->state, BLE_L2CAP_CH_OPEN);
    CHECK_EQ(c->rcid, 0x41);
    CHECK_EQ(ble_l2cap_next_deadline(&l), BLE_NO_DEADLINE);
}

static void le_connect_bad_arguments_are_refused_before_sending(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_coc_params p = { 22, 23, 1 };
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    CHECK_EQ(ble_l2cap_connect(&l, 0, 0x80, &p, store_a[0], 600), BLE_ERR_RANGE); /* MTU < 23 */
    p.mtu = 23, p.mps = 65534;
    CHECK_EQ(ble_l2cap_connect(&l, 0, 0x80, &p, store_a[0], 600), BLE_ERR_RANGE); /* MPS > 65533 */
    p.mps = 23;
    CHECK_EQ(ble_l2cap_connect(&l, 0, 0x0100, &p, store_a[0], 600), BLE_ERR_RANGE); /* LE SPSM <= 0xFF */
    CHECK_EQ(ble_l2cap_connect(&l, 0, 0x80, &p, store_a[0], 22), BLE_ERR_PARAM); /* storage < MTU */
    CHECK(nothing_to_send(&l));
}

static void le_connect_refused_closes_with_the_result(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    ble_l2cap_connect(&l, 0, 0x0080, &prm_100_50_3, store_a[0], sizeof store_a[0]);
    CHECK(!nothing_to_send(&l));
    /* result 0x0002 SPSM not supported, other fields 0 */
    FEED_EQ(&l, 5, BLE_OK, 0x0e, 0x00, 0x05, 0x00, 0x15, 0x01, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_REFUSED);
    CHECK_EQ(ev.result, BLE_L2CAP_CONN_SPSM_NOT_SUPPORTED);
    CHECK(ble_l2cap_chan_get(&l, 0x40) == NULL);
}

static void le_connect_response_with_invalid_values_disconnects(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    ble_l2cap_connect(&l, 0, 0x0080, &prm_100_50_3, store_a[0], sizeof store_a[0]);
    CHECK(!nothing_to_send(&l));
    /* success with MPS 22: the peer opened a channel we cannot use */
    FEED_EQ(&l, 5, BLE_OK, 0x0e, 0x00, 0x05, 0x00, 0x15, 0x01, 0x0a, 0x00, 0x41, 0, 0x40, 0, 0x16, 0, 1, 0, 0, 0);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->state, BLE_L2CAP_CH_WAIT_DISCONNECT);
    /* 4.6: Disconnection Request id 2, DCID 0x0041, SCID 0x0040 */
    EXPECT_TX(&l, 0x08, 0x00, 0x05, 0x00, 0x06, 0x02, 0x04, 0x00, 0x41, 0x00, 0x40, 0x00);
    FEED_EQ(&l, 6, BLE_OK, 0x08, 0x00, 0x05, 0x00, 0x07, 0x02, 0x04, 0x00, 0x41, 0x00, 0x40, 0x00);
    CHECK_EQ(ev_next(&l).reason, BLE_L2CAP_REASON_BAD_RESPONSE);
    CHECK_EQ(l.stats.violations, 1);
}

static void incoming_le_request_is_a_decision_then_byte_exact_response(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    static const uint16_t spsms[] = { 0x0025, 0x0080 };
    struct ble_l2cap_link_cfg cfg = cfg_of(BLE_L2CAP_PERIPHERAL, 0);
    uint8_t *bufs[1];
    struct ble_l2cap_coc_params p = { 200, 100, 7 };
    bufs[0] = store_a[1];
    cfg.spsms = spsms;
    cfg.nspsms = 2;
    ble_l2cap_link_init(&l, &cfg);
    /* id 5: SPSM 0x0080, SCID 0x0050, MTU 512, MPS 247, 10 credits */
    FEED_EQ(&l, 0, BLE_OK, 0x0e, 0, 5, 0, 0x14, 0x05, 0x0a, 0x00, 0x80, 0x00, 0x50, 0x00, 0x00, 0x02, 0xf7,
                  0x00, 0x0a, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_REQ);
    CHECK_EQ(ev.n, 1);
    CHECK_EQ(ev.cid, 0x40);
    CHECK_EQ(ev.spsm, 0x80);
    CHECK_EQ(ev.mtu, 512);
    CHECK_EQ(ev.mps, 247);
    CHECK_EQ(ev.credits, 10);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->state, BLE_L2CAP_CH_WAIT_ACCEPT);
    CHECK(nothing_to_send(&l)); /* nothing until the application decides */
    CHECK_EQ(ble_l2cap_accept(&l, 3, 0x41, &p, bufs, 600, 1), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_l2cap_accept(&l, 3, 0x40, &p, bufs, 100, 1), BLE_ERR_PARAM); /* storage < MTU */
    CHECK_EQ(ble_l2cap_accept(&l, 3, 0x40, &p, bufs, 600, 1), BLE_OK);
    /* 4.23: DCID 0x0040, MTU 200, MPS 100, 7 credits, success */
    EXPECT_TX(&l, 0x0e, 0, 5, 0, 0x15, 0x05, 0x0a, 0x00, 0x40, 0x00, 0xc8, 0x00, 0x64, 0x00, 0x07, 0x00,
              0x00, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev.mtu, 512);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->state, BLE_L2CAP_CH_OPEN);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->local_credits, 7);
}

/* One refused LE request: the response's result field. */
static uint16_t refused_with(struct ble_l2cap_link *l, uint16_t spsm, uint16_t scid, uint16_t mtu, uint16_t mps)
{
    uint8_t f[18] = { 0x0e, 0, 5, 0, 0x14, 0x09, 0x0a, 0x00 }, out[64];
    int n;
    ble_put_le16(f + 8, spsm);
    ble_put_le16(f + 10, scid);
    ble_put_le16(f + 12, mtu);
    ble_put_le16(f + 14, mps);
    ble_put_le16(f + 16, 5);
    feed(l, 0, f, sizeof f);
    n = ble_l2cap_poll_tx(l, out, sizeof out);
    if (n != 18 || out[4] != 0x15 || out[5] != 0x09 || ble_get_le16(out + 8) != 0)
        return 0xEEEE;
    return ble_get_le16(out + 16);
}

static void incoming_le_requests_are_refused_with_the_spec_results(void)
{
    struct ble_l2cap_link l;
    static const uint16_t spsms[] = { 0x0080 };
    struct ble_l2cap_link_cfg cfg = cfg_of(BLE_L2CAP_PERIPHERAL, 0);
    size_t i;
    cfg.spsms = spsms;
    cfg.nspsms = 1;
    ble_l2cap_link_init(&l, &cfg);
    CHECK_EQ(refused_with(&l, 0x0081, 0x40, 100, 50), BLE_L2CAP_CONN_SPSM_NOT_SUPPORTED);
    CHECK_EQ(refused_with(&l, 0x0000, 0x40, 100, 50), BLE_L2CAP_CONN_SPSM_NOT_SUPPORTED);
    CHECK_EQ(refused_with(&l, 0x0080, 0x40, 22, 50), BLE_L2CAP_CONN_INVALID_PARAMS);
    CHECK_EQ(refused_with(&l, 0x0080, 0x40, 100, 22), BLE_L2CAP_CONN_INVALID_PARAMS);
    CHECK_EQ(refused_with(&l, 0x0080, 0x40, 100, 65534), BLE_L2CAP_CONN_INVALID_PARAMS);
    CHECK_EQ(refused_with(&l, 0x0080, 0x003F, 100, 50), BLE_L2CAP_CONN_INVALID_SOURCE_CID);
    CHECK_EQ(refused_with(&l, 0x0080, 0x0080, 100, 50), BLE_L2CAP_CONN_INVALID_SOURCE_CID);
    CHECK_EQ(l.stats.refused, 7);
    /* a Source CID already in use on this link */
    link_init(&l, BLE_L2CAP_PERIPHERAL, 0);
    FEED_EQ(&l, 0, BLE_OK, 0x0e, 0, 5, 0, 0x14, 0x05, 0x0a, 0x00, 0x80, 0x00, 0x50, 0x00, 0x64, 0, 0x32, 0,
                  1, 0);
    CHECK_EQ(refused_with(&l, 0x0080, 0x0050, 100, 50), BLE_L2CAP_CONN_SOURCE_CID_ALLOCATED);
    /* the application refuses: the result it gives */
    CHECK_EQ(ble_l2cap_reject(&l, 0, 0x40, 0), BLE_ERR_RANGE);
    CHECK_EQ(ble_l2cap_reject(&l, 0, 0x40, BLE_L2CAP_CONN_INSUFF_AUTHENTICATION), BLE_OK);
    EXPECT_TX(&l, 0x0e, 0, 5, 0, 0x15, 0x05, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x00);
    CHECK(ble_l2cap_chan_get(&l, 0x40) == NULL);
    /* no slot left: 0x0004 (one request waits per identifier: 2 at most) */
    link_init(&l, BLE_L2CAP_PERIPHERAL, 0);
    for (i = 0; i < 2; i++) {
        uint8_t f[18] = { 0x0e, 0, 5, 0, 0x14, 0x01, 0x0a, 0x00, 0x80, 0, 0x50, 0, 100, 0, 50, 0, 1, 0 };
        f[5] = (uint8_t)(i + 1);
        f[10] = (uint8_t)(0x50 + i);
        CHECK_EQ(feed(&l, 0, f, sizeof f), BLE_OK);
    }
    CHECK_EQ(refused_with(&l, 0x0080, 0x0060, 100, 50), BLE_L2CAP_CONN_NO_RESOURCES);
}

/* ---- the signaling channel itself (4, 4.1) ---- */

static void unknown_code_gets_command_reject_with_the_same_identifier(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    /* Echo Request (BR/EDR only), id 0x33 */
    FEED_EQ(&l, 0, BLE_ERR_UNKNOWN, 0x04, 0, 5, 0, 0x08, 0x33, 0x00, 0x00);
    /* 4.1: code 0x01, id 0x33, length 2, reason 0x0000 */
    EXPECT_TX(&l, 0x06, 0, 5, 0, 0x01, 0x33, 0x02, 0x00, 0x00, 0x00);
    /* a request with a wrong length: not understood either */
    FEED_EQ(&l, 0, BLE_ERR_UNKNOWN, 0x07, 0, 5, 0, 0x06, 0x34, 0x03, 0x00, 0x40, 0x00, 0x41);
    EXPECT_TX(&l, 0x06, 0, 5, 0, 0x01, 0x34, 0x02, 0x00, 0x00, 0x00);
    /* a response with a wrong length is ignored and counted */
    FEED_EQ(&l, 0, BLE_ERR_MALFORMED, 0x07, 0, 5, 0, 0x07, 0x35, 0x03, 0x00, 0x40, 0x00, 0x41);
    CHECK(nothing_to_send(&l));
    CHECK_EQ(l.stats.bad_rsp, 1);
    CHECK_EQ(l.stats.rejects_sent, 2);
}

static void identifier_zero_and_short_cframes_are_dropped_and_counted(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    FEED_EQ(&l, 0, BLE_ERR_MALFORMED, 0x04, 0, 5, 0, 0x08, 0x00, 0x00, 0x00);
    FEED_EQ(&l, 0, BLE_ERR_SHORT, 0x03, 0, 5, 0, 0x08, 0x01, 0x00);
    CHECK(nothing_to_send(&l));
    CHECK_EQ(l.stats.bad_identifier, 1);
    CHECK_EQ(l.stats.short_cframe, 1);
}

static void cframe_over_the_signaling_mtu_gets_reject_with_the_mtu(void)
{
    struct ble_l2cap_link l;
    uint8_t f[4 + 24] = { 24, 0, 5, 0, 0x14, 0x07, 20, 0 };
    link_init(&l, BLE_L2CAP_PERIPHERAL, 0);
    CHECK_EQ(feed(&l, 0, f, sizeof f), BLE_ERR_TOO_LONG);
    /* 4.1: reason 0x0001, data: MTUsig 23 */
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x01, 0x07, 0x04, 0x00, 0x01, 0x00, 0x17, 0x00);
}

static void disconnection_request_for_an_unknown_cid_gets_invalid_cid(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x08, 0, 5, 0, 0x06, 0x09, 0x04, 0x00, 0x44, 0x00, 0x55, 0x00);
    /* 4.1: reason 0x0002, data: the request's DCID then SCID */
    EXPECT_TX(&l, 0x0a, 0, 5, 0, 0x01, 0x09, 0x06, 0x00, 0x02, 0x00, 0x44, 0x00, 0x55, 0x00);
}

static void responses_without_a_request_are_ignored_and_counted(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x0e, 0, 5, 0, 0x15, 0x01, 0x0a, 0x00, 0x41, 0, 0x40, 0, 0x17, 0, 1, 0, 0, 0);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x08, 0, 5, 0, 0x07, 0x02, 0x04, 0x00, 0x41, 0x00, 0x40, 0x00);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x06, 0, 5, 0, 0x13, 0x03, 0x02, 0x00, 0x00, 0x00);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x06, 0, 5, 0, 0x1a, 0x04, 0x02, 0x00, 0x00, 0x00);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x06, 0, 5, 0, 0x01, 0x05, 0x02, 0x00, 0x00, 0x00);
    CHECK_EQ(l.stats.unmatched_rsp, 5);
    CHECK(nothing_to_send(&l));
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
}

static void command_reject_ends_our_request(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    ble_l2cap_connect(&l, 0, 0x0080, &prm_100_50_3, store_a[0], sizeof store_a[0]);
    CHECK(!nothing_to_send(&l));
    FEED_EQ(&l, 1, BLE_OK, 0x06, 0, 5, 0, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_REJECTED);
}

/* ---- disconnection (4.6, 4.7) and RTX (6.2.1) ---- */

static void local_disconnect_request_then_response_closes(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    open_le(&l, 0, 5);
    CHECK_EQ(ble_l2cap_disconnect(&l, 100, 0x41), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_l2cap_disconnect(&l, 100, 0x40), BLE_OK);
    CHECK_EQ(ble_l2cap_disconnect(&l, 100, 0x40), BLE_ERR_STATE);
    CHECK_EQ(ble_l2cap_send_sdu(&l, 100, 0x40, store_a[2], 1), BLE_ERR_STATE);
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x06, 0x02, 0x04, 0x00, 0x41, 0x00, 0x40, 0x00);
    CHECK_EQ(ble_l2cap_next_deadline(&l), 100 + BLE_CFG_L2CAP_RTX_MS);
    /* a K-frame now is dropped */
    FEED_EQ(&l, 101, BLE_ERR_STATE, 0x03, 0, 0x40, 0, 0x01, 0x00, 0xAA);
    CHECK_EQ(l.stats.not_open, 1);
    /* a response with the wrong CIDs is not ours */
    FEED_EQ(&l, 102, BLE_ERR_NOT_FOUND, 0x08, 0, 5, 0, 0x07, 0x02, 0x04, 0x00, 0x42, 0x00, 0x40, 0x00);
    FEED_EQ(&l, 103, BLE_OK, 0x08, 0, 5, 0, 0x07, 0x02, 0x04, 0x00, 0x41, 0x00, 0x40, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_LOCAL);
    CHECK_EQ(ble_l2cap_next_deadline(&l), BLE_NO_DEADLINE);
}

static void remote_disconnect_is_answered_byte_exact(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    open_le(&l, 0, 5);
    /* the peer: DCID 0x0040 (ours), SCID 0x0041 (its) */
    FEED_EQ(&l, 50, BLE_OK, 0x08, 0, 5, 0, 0x06, 0x21, 0x04, 0x00, 0x40, 0x00, 0x41, 0x00);
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x07, 0x21, 0x04, 0x00, 0x40, 0x00, 0x41, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_REMOTE);
    CHECK(ble_l2cap_chan_get(&l, 0x40) == NULL);
}

static void disconnect_collision_closes_once(void)
{
    struct ble_l2cap_link l;
    open_le(&l, 0, 5);
    ble_l2cap_disconnect(&l, 0, 0x40);
    CHECK(!nothing_to_send(&l));
    FEED_EQ(&l, 50, BLE_OK, 0x08, 0, 5, 0, 0x06, 0x21, 0x04, 0x00, 0x40, 0x00, 0x41, 0x00);
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x07, 0x21, 0x04, 0x00, 0x40, 0x00, 0x41, 0x00);
    CHECK_EQ(ev_next(&l).reason, BLE_L2CAP_REASON_LOCAL);
    /* the response to ours arrives later: nothing left to match */
    FEED_EQ(&l, 51, BLE_ERR_NOT_FOUND, 0x08, 0, 5, 0, 0x07, 0x02, 0x04, 0x00, 0x41, 0x00, 0x40, 0x00);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
}

static void rtx_expiry_closes_a_connecting_channel_at_the_deadline(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_link_cfg cfg = cfg_of(BLE_L2CAP_CENTRAL, 0);
    struct ble_l2cap_event ev;
    cfg.rtx_ms = 2000;
    ble_l2cap_link_init(&l, &cfg);
    ble_l2cap_connect(&l, 0xFFFFF000u, 0x0080, &prm_100_50_3, store_a[0], sizeof store_a[0]);
    CHECK_EQ(ble_l2cap_next_deadline(&l), 0xFFFFF000u + 2000u); /* wraps */
    ble_l2cap_on_timer(&l, 0xFFFFF000u + 1999u);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
    ble_l2cap_on_timer(&l, 0xFFFFF000u + 2000u);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_TIMEOUT);
    CHECK_EQ(ble_l2cap_next_deadline(&l), BLE_NO_DEADLINE);
    /* the late response matches nothing */
    CHECK(!nothing_to_send(&l));
    FEED_EQ(&l, 5, BLE_ERR_NOT_FOUND, 0x0e, 0x00, 0x05, 0x00, 0x15, 0x01, 0x0a, 0x00, 0x41, 0x00, 0x40, 0x00, 0x17, 0x00,
                  0x02, 0x00, 0x00, 0x00);
}

static void rtx_expiry_closes_a_disconnecting_channel(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    open_le(&l, 0, 5);
    ble_l2cap_disconnect(&l, 1000, 0x40);
    ble_l2cap_on_timer(&l, 1000 + BLE_CFG_L2CAP_RTX_MS - 1);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
    ble_l2cap_on_timer(&l, 1000 + BLE_CFG_L2CAP_RTX_MS);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_LOCAL);
}

static void link_down_closes_every_channel_with_an_event(void)
{
    struct ble_l2cap_link l;
    int closed = 0;
    struct ble_l2cap_event ev;
    open_le(&l, 0, 5);
    ble_l2cap_connect(&l, 0, 0x0081, &prm_100_50_3, store_a[1], sizeof store_a[1]);
    ble_l2cap_link_down(&l, 10);
    while ((ev = ev_next(&l)).type != BLE_L2CAP_EV_NONE) {
        CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
        CHECK_EQ(ev.reason, BLE_L2CAP_REASON_LINK_DOWN);
        closed++;
    }
    CHECK_EQ(closed, 2);
    CHECK(nothing_to_send(&l));
    CHECK_EQ(ble_l2cap_next_deadline(&l), BLE_NO_DEADLINE);
    FEED_EQ(&l, 11, BLE_ERR_STATE, 0x04, 0, 5, 0, 0x08, 0x33, 0x00, 0x00);
    CHECK_EQ(ble_l2cap_connect(&l, 11, 0x80, &prm_100_50_3, store_a[0], 600), BLE_ERR_STATE);
    CHECK_EQ(l.stats.after_down, 1);
}

/* ---- data: K-frames, credits (3.4, 4.24, 10.1) ---- */

static void sdu_is_segmented_into_kframes_as_credits_allow(void)
{
    struct ble_l2cap_link l;
    uint8_t sdu[50], out[64];
    size_t i;
    struct ble_l2cap_event ev;
    for (i = 0; i < sizeof sdu; i++)
        sdu[i] = (uint8_t)i;
    open_le(&l, 0, 2); /* peer MPS 23, 2 credits */
    CHECK_EQ(ble_l2cap_send_sdu(&l, 0, 0x40, sdu, 65), BLE_ERR_TOO_LONG); /* peer MTU 64 */
    CHECK_EQ(ble_l2cap_send_sdu(&l, 0, 0x40, sdu, sizeof sdu), BLE_OK);
    CHECK_EQ(ble_l2cap_send_sdu(&l, 0, 0x40, sdu, 1), BLE_ERR_BUSY);
    /* first K-frame: length 23, CID 0x0041, SDU length 50, 21 octets */
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, sizeof out), 27);
    CHECK_EQ(ble_get_le16(out), 23);
    CHECK_EQ(ble_get_le16(out + 2), 0x41);
    CHECK_EQ(ble_get_le16(out + 4), 50);
    CHECK_MEM(out + 6, sdu, 21);
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, sizeof out), 27);
    CHECK_EQ(ble_get_le16(out), 23);
    CHECK_MEM(out + 4, sdu + 21, 23);
    CHECK(nothing_to_send(&l)); /* out of credits */
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_credits, 0);
    /* 4.24: Flow Control Credit Indication, CID 0x0041, 1 credit */
    FEED_EQ(&l, 5, BLE_OK, 0x08, 0, 5, 0, 0x16, 0x07, 0x04, 0x00, 0x41, 0x00, 0x01, 0x00);
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, sizeof out), 10);
    CHECK_EQ(ble_get_le16(out), 6);
    CHECK_MEM(out + 4, sdu + 44, 6);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_TX_DONE);
    CHECK_EQ(ev.cid, 0x40);
    CHECK(nothing_to_send(&l));
    /* an empty SDU is one K-frame of just the SDU length */
    FEED_EQ(&l, 5, BLE_OK, 0x08, 0, 5, 0, 0x16, 0x08, 0x04, 0x00, 0x41, 0x00, 0x01, 0x00);
    CHECK_EQ(ble_l2cap_send_sdu(&l, 0, 0x40, sdu, 0), BLE_OK);
    EXPECT_TX(&l, 0x02, 0x00, 0x41, 0x00, 0x00, 0x00);
    /* a short caller buffer cuts K-frames, never overruns */
    FEED_EQ(&l, 5, BLE_OK, 0x08, 0, 5, 0, 0x16, 0x09, 0x04, 0x00, 0x41, 0x00, 0x05, 0x00);
    CHECK_EQ(ble_l2cap_send_sdu(&l, 0, 0x40, sdu, 10), BLE_OK);
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, 6), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, 9), 9);
    CHECK_EQ(ble_get_le16(out), 5);
    CHECK_EQ(ble_get_le16(out + 4), 10);
}

static void kframes_are_reassembled_into_the_callers_storage(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    open_le(&l, 0, 5); /* our MTU 100, MPS 50, 3 credits */
    FEED_EQ(&l, 1, BLE_OK, 0x05, 0, 0x40, 0, 0x05, 0x00, 'a', 'b', 'c');
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
    FEED_EQ(&l, 2, BLE_OK, 0x02, 0, 0x40, 0, 'd', 'e');
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_SDU);
    CHECK_EQ(ev.cid, 0x40);
    CHECK_EQ(ev.data.len, 5);
    CHECK_MEM(ev.data.p, "abcde", 5);
    CHECK(ev.data.p == store_a[0]);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->local_credits, 1);
    /* manual credits: the application returns them */
    CHECK_EQ(ble_l2cap_give_credits(&l, 3, 0x40, 0), BLE_ERR_RANGE);
    CHECK_EQ(ble_l2cap_give_credits(&l, 3, 0x40, 0xFFFF), BLE_ERR_RANGE);
    CHECK_EQ(ble_l2cap_give_credits(&l, 3, 0x40, 2), BLE_OK);
    /* 4.24: our CID 0x0040, 2 credits */
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x16, 0x02, 0x04, 0x00, 0x40, 0x00, 0x02, 0x00);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->local_credits, 3);
}

static void automatic_credits_keep_the_peer_sending(void)
{
    struct ble_l2cap_link l;
    open_le(&l, 1, 5); /* 3 credits given */
    FEED_EQ(&l, 1, BLE_OK, 0x03, 0, 0x40, 0, 0x01, 0x00, 'x');
    CHECK(nothing_to_send(&l)); /* 2 left: at least half */
    FEED_EQ(&l, 1, BLE_OK, 0x03, 0, 0x40, 0, 0x01, 0x00, 'y');
    /* 1 left, below half of 3: back to 3 */
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x16, 0x02, 0x04, 0x00, 0x40, 0x00, 0x02, 0x00);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->local_credits, 3);
}

/* A channel disconnected for a violation: the Disconnection Request and the
 * reason the CLOSED event carries once the peer answers. */
static void expect_violation(struct ble_l2cap_link *l, uint8_t reason)
{
    uint8_t out[64];
    struct ble_l2cap_event ev;
    const struct ble_l2cap_chan *c = ble_l2cap_chan_get(l, 0x40);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_EQ(c->state, BLE_L2CAP_CH_WAIT_DISCONNECT);
    CHECK_EQ(ble_l2cap_poll_tx(l, out, sizeof out), 12);
    CHECK_EQ(out[4], 0x06);
    CHECK_EQ(ble_get_le16(out + 8), 0x41);
    CHECK_EQ(ble_get_le16(out + 10), 0x40);
    out[4] = 0x07;
    ble_put_le16(out + 8, 0x41);
    CHECK_EQ(feed(l, 100, out, 12), BLE_OK);
    while ((ev = ev_next(l)).type == BLE_L2CAP_EV_SDU) {
    }
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, reason);
}

static void kframe_without_credit_disconnects_the_channel(void)
{
    struct ble_l2cap_link l;
    open_le(&l, 0, 5);
    FEED_EQ(&l, 1, BLE_OK, 0x03, 0, 0x40, 0, 0x01, 0x00, 'a');
    FEED_EQ(&l, 1, BLE_OK, 0x03, 0, 0x40, 0, 0x01, 0x00, 'b');
    FEED_EQ(&l, 1, BLE_OK, 0x03, 0, 0x40, 0, 0x01, 0x00, 'c');
    FEED_EQ(&l, 1, BLE_ERR_PROTOCOL, 0x03, 0, 0x40, 0, 0x01, 0x00, 'd');
    expect_violation(&l, BLE_L2CAP_REASON_NO_CREDIT);
    CHECK_EQ(l.stats.violations, 1);
}

static void credit_indication_past_65535_disconnects_the_channel(void)
{
    struct ble_l2cap_link l;
    open_le(&l, 0, 5);
    FEED_EQ(&l, 5, BLE_OK, 0x08, 0, 5, 0, 0x16, 0x07, 0x04, 0x00, 0x41, 0x00, 0xFA, 0xFF); /* 65535 */
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_credits, 0xFFFF);
    FEED_EQ(&l, 5, BLE_ERR_PROTOCOL, 0x08, 0, 5, 0, 0x16, 0x08, 0x04, 0x00, 0x41, 0x00, 0x01, 0x00);
    expect_violation(&l, BLE_L2CAP_REASON_CREDIT_OVERFLOW);
    /* an indication for no channel, or of 0 credits, is ignored */
    open_le(&l, 0, 5);
    FEED_EQ(&l, 5, BLE_ERR_NOT_FOUND, 0x08, 0, 5, 0, 0x16, 0x08, 0x04, 0x00, 0x77, 0x00, 0x01, 0x00);
    FEED_EQ(&l, 5, BLE_ERR_NOT_FOUND, 0x08, 0, 5, 0, 0x16, 0x08, 0x04, 0x00, 0x41, 0x00, 0x00, 0x00);
    CHECK_EQ(l.stats.ignored_ind, 2);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_credits, 5);
}

static void reassembly_bounds_disconnect_the_channel(void)
{
    struct ble_l2cap_link l;
    uint8_t f[4 + 51] = { 51, 0, 0x40, 0, 10, 0 };
    /* SDU length 101 over our MTU 100 */
    open_le(&l, 0, 5);
    FEED_EQ(&l, 1, BLE_ERR_PROTOCOL, 0x03, 0, 0x40, 0, 101, 0x00, 'a');
    expect_violation(&l, BLE_L2CAP_REASON_SDU_TOO_LONG);
    /* K-frame of 51 octets over our MPS 50 */
    open_le(&l, 0, 5);
    CHECK_EQ(feed(&l, 1, f, sizeof f), BLE_ERR_PROTOCOL);
    expect_violation(&l, BLE_L2CAP_REASON_KFRAME_TOO_LONG);
    /* more octets than the SDU length, in the first K-frame or a later one */
    open_le(&l, 0, 5);
    FEED_EQ(&l, 1, BLE_ERR_PROTOCOL, 0x05, 0, 0x40, 0, 0x02, 0x00, 'a', 'b', 'c');
    expect_violation(&l, BLE_L2CAP_REASON_SDU_OVERFLOW);
    open_le(&l, 0, 5);
    FEED_EQ(&l, 1, BLE_OK, 0x04, 0, 0x40, 0, 0x03, 0x00, 'a', 'b');
    FEED_EQ(&l, 1, BLE_ERR_PROTOCOL, 0x02, 0, 0x40, 0, 'c', 'd');
    expect_violation(&l, BLE_L2CAP_REASON_SDU_OVERFLOW);
    /* a first K-frame too short for the SDU length */
    open_le(&l, 0, 5);
    FEED_EQ(&l, 1, BLE_ERR_PROTOCOL, 0x01, 0, 0x40, 0, 0x03);
    expect_violation(&l, BLE_L2CAP_REASON_MALFORMED);
}

/* ---- fixed channels (2.1) ---- */

static void fixed_channels_are_routed_and_unknown_cids_dropped(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    FEED_EQ(&l, 0, BLE_L2CAP_CID_ATT, 0x03, 0, 0x04, 0, 0x0a, 0x03, 0x00);
    FEED_EQ(&l, 0, BLE_L2CAP_CID_SMP, 0x01, 0, 0x06, 0, 0x01);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x01, 0, 0x03, 0, 0x01);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x01, 0, 0x50, 0, 0x01);
    FEED_EQ(&l, 0, BLE_ERR_NOT_FOUND, 0x01, 0, 0x00, 0, 0x01);
    CHECK_EQ(l.stats.unknown_cid, 3);
    CHECK(nothing_to_send(&l));
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
}

static void a_full_event_queue_is_counted(void)
{
    struct ble_l2cap_link l;
    int i;
    open_le(&l, 1, 0xFFFF);
    for (i = 0; i < BLE_CFG_L2CAP_EVENTS + 3; i++)
        FEED_EQ(&l, 1, BLE_OK, 0x03, 0, 0x40, 0, 0x01, 0x00, 'z');
    CHECK_EQ(l.stats.events_dropped, 3);
}

/* ---- Enhanced Credit Based Flow Control (4.25 - 4.28) ---- */

static void ecfc_request_of_five_partly_refused(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    uint8_t *bufs[3];
    struct ble_l2cap_coc_params p = { 128, 64, 4 };
    link_init(&l, BLE_L2CAP_PERIPHERAL, 0);
    /* 4.25 id 3: SPSM 0x0027, MTU 100, MPS 64, 8 credits, SCIDs 0x40..0x44 */
    FEED_EQ(&l, 0, BLE_OK, 0x16, 0, 5, 0, 0x17, 0x03, 0x12, 0x00, 0x27, 0x00, 0x64, 0x00, 0x40, 0x00, 0x08, 0x00,
                  0x40, 0x00, 0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x44, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_REQ);
    CHECK_EQ(ev.n, BLE_CFG_L2CAP_MAX_CHANNELS < 5 ? BLE_CFG_L2CAP_MAX_CHANNELS : 5);
    CHECK_EQ(ev.cids[0], 0x40);
    CHECK_EQ(ev.cids[3], 0x43);
    /* the application takes three and refuses the second */
    bufs[0] = store_a[0];
    bufs[1] = 0;
    bufs[2] = store_a[2];
    CHECK_EQ(ble_l2cap_accept(&l, 1, 0x40, &p, bufs, 600, 3), BLE_ERR_PARAM); /* n must be 4 */
    {
        uint8_t *b4[4];
        b4[0] = store_a[0], b4[1] = 0, b4[2] = store_a[2], b4[3] = store_a[3];
        CHECK_EQ(ble_l2cap_accept(&l, 1, 0x40, &p, b4, 600, 4), BLE_OK);
    }
    /* 4.26: MTU 128, MPS 64, 4 credits, result 0x0004 (some refused: no
     * resources), DCIDs 0x40, 0, 0x42, 0x43, 0 (no slot for the fifth) */
    EXPECT_TX(&l, 0x16, 0, 5, 0, 0x18, 0x03, 0x12, 0x00, 0x80, 0x00, 0x40, 0x00, 0x04, 0x00, 0x04, 0x00,
              0x40, 0x00, 0x00, 0x00, 0x42, 0x00, 0x43, 0x00, 0x00, 0x00);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
    CHECK(ble_l2cap_chan_get(&l, 0x41) == NULL);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x42)->rcid, 0x42);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x43)->mode, BLE_L2CAP_MODE_ECFC);
}

static void ecfc_request_with_bad_values_is_refused_whole(void)
{
    struct ble_l2cap_link l;
    link_init(&l, BLE_L2CAP_PERIPHERAL, 0);
    /* MTU 63 < 64: 0x000C, every DCID 0 */
    FEED_EQ(&l, 0, BLE_OK, 0x10, 0, 5, 0, 0x17, 0x03, 0x0c, 0x00, 0x27, 0x00, 0x3f, 0x00, 0x40, 0x00, 0x08, 0x00,
                  0x40, 0x00, 0x41, 0x00);
    EXPECT_TX(&l, 0x10, 0, 5, 0, 0x18, 0x03, 0x0c, 0x00, 0, 0, 0, 0, 0, 0, 0x0c, 0x00, 0, 0, 0, 0);
    /* six Source CIDs: 24 octets, over MTUsig 23 */
    FEED_EQ(&l, 0, BLE_ERR_TOO_LONG, 0x18, 0, 5, 0, 0x17, 0x04, 0x14, 0x00, 0x27, 0x00, 0x40, 0x00, 0x40, 0x00, 0x08, 0x00,
                  0x40, 0x00, 0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x44, 0x00, 0x45, 0x00);
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x01, 0x04, 0x04, 0x00, 0x01, 0x00, 0x17, 0x00);
    /* an invalid Source CID refuses only its own channel */
    FEED_EQ(&l, 0, BLE_OK, 0x10, 0, 5, 0, 0x17, 0x05, 0x0c, 0x00, 0x27, 0x00, 0x40, 0x00, 0x40, 0x00, 0x08, 0x00,
                  0x20, 0x00, 0x41, 0x00);
    CHECK_EQ(ev_next(&l).n, 1);
    CHECK_EQ(ble_l2cap_reject(&l, 0, 0x40, BLE_L2CAP_CONN_INSUFF_AUTHORIZATION), BLE_OK);
    EXPECT_TX(&l, 0x10, 0, 5, 0, 0x18, 0x05, 0x0c, 0x00, 0, 0, 0, 0, 0, 0, 0x06, 0x00, 0, 0, 0, 0);
}

static void ecfc_connect_partial_response_opens_the_accepted(void)
{
    struct ble_l2cap_link l;
    uint8_t *bufs[4];
    uint16_t cids[4];
    struct ble_l2cap_coc_params p = { 64, 64, 2 };
    struct ble_l2cap_event ev;
    size_t i;
    for (i = 0; i < 4; i++)
        bufs[i] = store_a[i];
    link_init(&l, BLE_L2CAP_CENTRAL, 0);
    p.mtu = 63;
    CHECK_EQ(ble_l2cap_ecfc_connect(&l, 0, 0x27, &p, bufs, 600, 3, cids), BLE_ERR_RANGE);
    p.mtu = 64;
    CHECK_EQ(ble_l2cap_ecfc_connect(&l, 0, 0x27, &p, bufs, 600, 6, cids), BLE_ERR_PARAM);
    CHECK_EQ(ble_l2cap_ecfc_connect(&l, 0, 0x27, &p, bufs, 600, 3, cids), 3);
    CHECK_EQ(cids[0], 0x40);
    CHECK_EQ(cids[2], 0x42);
    /* 4.25: SPSM 0x0027, MTU 64, MPS 64, 2 credits, SCIDs 0x40 0x41 0x42 */
    EXPECT_TX(&l, 0x12, 0, 5, 0, 0x17, 0x01, 0x0e, 0x00, 0x27, 0x00, 0x40, 0x00, 0x40, 0x00, 0x02, 0x00, 0x40,
              0x00, 0x41, 0x00, 0x42, 0x00);
    /* 4.26: 0x0004, DCIDs 0x60, 0, 0x61 */
    FEED_EQ(&l, 1, BLE_OK, 0x12, 0, 5, 0, 0x18, 0x01, 0x0e, 0x00, 0x00, 0x01, 0x50, 0x00, 0x03, 0x00, 0x04, 0x00,
                  0x60, 0x00, 0x00, 0x00, 0x61, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev.cid, 0x40);
    CHECK_EQ(ev.mtu, 256);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.cid, 0x41);
    CHECK_EQ(ev.result, BLE_L2CAP_CONN_NO_RESOURCES);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_OPENED);
    CHECK_EQ(ev.cid, 0x42);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x42)->rcid, 0x61);
    /* a response with another count of DCIDs than asked closes them all */
    CHECK_EQ(ble_l2cap_ecfc_connect(&l, 0, 0x27, &p, bufs, 600, 2, cids), 2);
    CHECK(!nothing_to_send(&l));
    FEED_EQ(&l, 1, BLE_ERR_PROTOCOL, 0x0e, 0, 5, 0, 0x18, 0x02, 0x0a, 0x00, 0x00, 0x01, 0x50, 0x00, 0x03, 0x00, 0x00, 0x00,
                  0x62, 0x00);
    CHECK_EQ(ev_next(&l).reason, BLE_L2CAP_REASON_BAD_RESPONSE);
    CHECK_EQ(ev_next(&l).reason, BLE_L2CAP_REASON_BAD_RESPONSE);
}

/* A peripheral with two open ECFC channels: ours 0x40, 0x41, the peer's
 * 0x50, 0x51; peer MTU 100, MPS 64. */
static void open_ecfc_pair(struct ble_l2cap_link *l)
{
    uint8_t *b2[2];
    struct ble_l2cap_coc_params p = { 128, 64, 4 };
    b2[0] = store_a[0];
    b2[1] = store_a[1];
    link_init(l, BLE_L2CAP_PERIPHERAL, 0);
    FEED_EQ(l, 0, BLE_OK, 0x10, 0, 5, 0, 0x17, 0x03, 0x0c, 0x00, 0x27, 0x00, 0x64, 0x00, 0x40, 0x00, 0x08, 0x00,
                  0x50, 0x00, 0x51, 0x00);
    CHECK_EQ(ble_l2cap_accept(l, 0, 0x40, &p, b2, 600, 2), BLE_OK);
    CHECK(!nothing_to_send(l));
    while (ev_next(l).type != BLE_L2CAP_EV_NONE) {
    }
}

static void reconfigure_requests_follow_the_rules(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    open_ecfc_pair(&l);
    /* 4.27: MTU 99 < 100: result 0x0001 */
    FEED_EQ(&l, 1, BLE_ERR_RANGE, 0x0c, 0, 5, 0, 0x19, 0x10, 0x08, 0x00, 0x63, 0x00, 0x40, 0x00, 0x50, 0x00, 0x51, 0x00);
    EXPECT_TX(&l, 0x06, 0, 5, 0, 0x1a, 0x10, 0x02, 0x00, 0x01, 0x00);
    /* MPS 63 < 64 with two channels: 0x0002 */
    FEED_EQ(&l, 1, BLE_ERR_RANGE, 0x0c, 0, 5, 0, 0x19, 0x11, 0x08, 0x00, 0x64, 0x00, 0x3f, 0x00, 0x50, 0x00, 0x51, 0x00);
    EXPECT_TX(&l, 0x06, 0, 5, 0, 0x1a, 0x11, 0x02, 0x00, 0x02, 0x00);
    /* a CID that is no channel of ours: 0x0003 */
    FEED_EQ(&l, 1, BLE_ERR_RANGE, 0x0c, 0, 5, 0, 0x19, 0x12, 0x08, 0x00, 0x64, 0x00, 0x40, 0x00, 0x50, 0x00, 0x52, 0x00);
    EXPECT_TX(&l, 0x06, 0, 5, 0, 0x1a, 0x12, 0x02, 0x00, 0x03, 0x00);
    /* nothing changed on any channel */
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_mtu, 100);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_mps, 64);
    CHECK_EQ(ev_next(&l).type, BLE_L2CAP_EV_NONE);
    /* MPS decrease with one channel is allowed, MTU up */
    FEED_EQ(&l, 1, BLE_OK, 0x0a, 0, 5, 0, 0x19, 0x13, 0x06, 0x00, 0xc8, 0x00, 0x40, 0x00, 0x51, 0x00);
    EXPECT_TX(&l, 0x06, 0, 5, 0, 0x1a, 0x13, 0x02, 0x00, 0x00, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_RECONFIGURED);
    CHECK_EQ(ev.cid, 0x41);
    CHECK_EQ(ev.mtu, 200);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x41)->peer_mtu, 200);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_mtu, 100);
}

static void our_reconfigure_is_checked_sent_and_applied(void)
{
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    uint16_t both[2] = { 0x40, 0x41 };
    open_ecfc_pair(&l); /* ours MTU 128, MPS 64, storage 600 */
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 2, 127, 64), BLE_ERR_RANGE); /* MTU down */
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 2, 200, 63), BLE_ERR_RANGE); /* MPS < 64 */
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 2, 601, 64), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 2, 300, 80), BLE_OK);
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 1, 300, 80), BLE_ERR_BUSY);
    /* 4.27: MTU 300, MPS 80, our CIDs */
    EXPECT_TX(&l, 0x0c, 0, 5, 0, 0x19, 0x01, 0x08, 0x00, 0x2c, 0x01, 0x50, 0x00, 0x40, 0x00, 0x41, 0x00);
    FEED_EQ(&l, 5, BLE_OK, 0x06, 0, 5, 0, 0x1a, 0x01, 0x02, 0x00, 0x00, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_RECONF_DONE);
    CHECK_EQ(ev.result, 0);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x41)->local_mtu, 300);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x41)->local_mps, 80);
    /* refused: the old values stay */
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 1, 400, 70), BLE_OK);
    CHECK(!nothing_to_send(&l));
    FEED_EQ(&l, 5, BLE_OK, 0x06, 0, 5, 0, 0x1a, 0x02, 0x02, 0x00, 0x04, 0x00);
    ev = ev_next(&l);
    CHECK_EQ(ev.result, BLE_L2CAP_RECONF_UNACCEPTABLE);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->local_mtu, 300);
    /* unanswered: RTX, then the channel is disconnected */
    CHECK_EQ(ble_l2cap_reconfigure(&l, 1000, both, 1, 400, 70), BLE_OK);
    CHECK(!nothing_to_send(&l));
    ble_l2cap_on_timer(&l, 1000 + BLE_CFG_L2CAP_RTX_MS);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_RECONF_DONE);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_TIMEOUT);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->state, BLE_L2CAP_CH_WAIT_DISCONNECT);
    EXPECT_TX(&l, 0x08, 0, 5, 0, 0x06, 0x04, 0x04, 0x00, 0x50, 0x00, 0x40, 0x00);
    ble_l2cap_on_timer(&l, 1000 + 2 * BLE_CFG_L2CAP_RTX_MS);
    ev = ev_next(&l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CLOSED);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_TIMEOUT);
    /* LE channels cannot be reconfigured */
    open_le(&l, 0, 1);
    CHECK_EQ(ble_l2cap_reconfigure(&l, 0, both, 1, 300, 80), BLE_ERR_STATE);
}

/* ---- Connection Parameter Update (4.20, 4.21) ---- */

static void conn_param_update_from_the_peripheral(void)
{
    struct ble_l2cap_link p;
    struct ble_l2cap_event ev;
    struct ble_l2cap_sig_conn_param_update_req q = { 24, 40, 0, 400 };
    link_init(&p, BLE_L2CAP_PERIPHERAL, 0);
    q.timeout = 19; /* 190 ms is not more than 2 * 40 * 1.25 ms... 100 ms: valid; make it invalid */
    q.timeout = 9;
    CHECK_EQ(ble_l2cap_conn_param_update(&p, 0, &q), BLE_ERR_RANGE);
    q.timeout = 400;
    CHECK_EQ(ble_l2cap_conn_param_update(&p, 0, &q), BLE_OK);
    CHECK_EQ(ble_l2cap_conn_param_update(&p, 0, &q), BLE_ERR_BUSY);
    /* 4.20: code 0x12, id 1, length 8: 24, 40, 0, 400 */
    EXPECT_TX(&p, 0x0c, 0, 5, 0, 0x12, 0x01, 0x08, 0x00, 0x18, 0x00, 0x28, 0x00, 0x00, 0x00, 0x90, 0x01);
    FEED_EQ(&p, 1, BLE_OK, 0x06, 0, 5, 0, 0x13, 0x01, 0x02, 0x00, 0x01, 0x00);
    ev = ev_next(&p);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_PARAM_RSP);
    CHECK_EQ(ev.result, 1);
    /* unanswered: RTX */
    CHECK_EQ(ble_l2cap_conn_param_update(&p, 100, &q), BLE_OK);
    CHECK_EQ(ble_l2cap_next_deadline(&p), 100 + BLE_CFG_L2CAP_RTX_MS);
    ble_l2cap_on_timer(&p, 100 + BLE_CFG_L2CAP_RTX_MS);
    ev = ev_next(&p);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_PARAM_RSP);
    CHECK_EQ(ev.reason, BLE_L2CAP_REASON_TIMEOUT);
    /* a peripheral receiving the request: Command Reject, not understood */
    CHECK(!nothing_to_send(&p));
    FEED_EQ(&p, 1, BLE_ERR_UNKNOWN, 0x0c, 0, 5, 0, 0x12, 0x07, 0x08, 0x00, 0x18, 0x00, 0x28, 0x00, 0x00, 0x00, 0x90, 0x01);
    EXPECT_TX(&p, 0x06, 0, 5, 0, 0x01, 0x07, 0x02, 0x00, 0x00, 0x00);
}

static void conn_param_update_at_the_central(void)
{
    struct ble_l2cap_link c;
    struct ble_l2cap_event ev;
    struct ble_l2cap_sig_conn_param_update_req q = { 24, 40, 0, 400 };
    link_init(&c, BLE_L2CAP_CENTRAL, 0);
    CHECK_EQ(ble_l2cap_conn_param_update(&c, 0, &q), BLE_ERR_STATE);
    CHECK_EQ(ble_l2cap_conn_param_reply(&c, 0, 1), BLE_ERR_STATE);
    FEED_EQ(&c, 1, BLE_OK, 0x0c, 0, 5, 0, 0x12, 0x07, 0x08, 0x00, 0x18, 0x00, 0x28, 0x00, 0x00, 0x00, 0x90, 0x01);
    ev = ev_next(&c);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_PARAM_REQ);
    CHECK_EQ(ev.cpu.interval_min, 24);
    CHECK_EQ(ev.cpu.interval_max, 40);
    CHECK_EQ(ev.cpu.latency, 0);
    CHECK_EQ(ev.cpu.timeout, 400);
    CHECK(nothing_to_send(&c));
    CHECK_EQ(ble_l2cap_conn_param_reply(&c, 2, 1), BLE_OK);
    /* 4.21: result 0x0000 accepted, id 7 */
    EXPECT_TX(&c, 0x06, 0, 5, 0, 0x13, 0x07, 0x02, 0x00, 0x00, 0x00);
    /* invalid values are rejected by the machine (result 0x0001) */
    FEED_EQ(&c, 1, BLE_ERR_RANGE, 0x0c, 0, 5, 0, 0x12, 0x08, 0x08, 0x00, 0x05, 0x00, 0x28, 0x00, 0x00, 0x00, 0x90, 0x01); /* interval 5 < 6 */
    EXPECT_TX(&c, 0x06, 0, 5, 0, 0x13, 0x08, 0x02, 0x00, 0x01, 0x00);
    /* timeout 100 ms = 2 * (1 + 1) * 50 ms * ... : 10 * 4 = 40 > (1+1)*40 = 80 is false */
    FEED_EQ(&c, 1, BLE_ERR_RANGE, 0x0c, 0, 5, 0, 0x12, 0x09, 0x08, 0x00, 0x18, 0x00, 0x28, 0x00, 0x01, 0x00, 0x0a, 0x00);
    EXPECT_TX(&c, 0x06, 0, 5, 0, 0x13, 0x09, 0x02, 0x00, 0x01, 0x00);
    /* the application refuses a valid one */
    FEED_EQ(&c, 1, BLE_OK, 0x0c, 0, 5, 0, 0x12, 0x0a, 0x08, 0x00, 0x18, 0x00, 0x28, 0x00, 0x00, 0x00, 0x90, 0x01);
    CHECK_EQ(ev_next(&c).type, BLE_L2CAP_EV_CONN_PARAM_REQ);
    CHECK_EQ(ble_l2cap_conn_param_reply(&c, 2, 0), BLE_OK);
    EXPECT_TX(&c, 0x06, 0, 5, 0, 0x13, 0x0a, 0x02, 0x00, 0x01, 0x00);
}

static void conn_param_ranges_are_the_specs(void)
{
    struct ble_l2cap_sig_conn_param_update_req q = { 6, 3200, 0, 3200 };
    CHECK(ble_l2cap_conn_params_valid(&q)); /* 32 s > 2 * 4 s */
    q.latency = 3; /* 32 s is not more than 2 * 4 * 4 s */
    CHECK(!ble_l2cap_conn_params_valid(&q));
    q.interval_max = 6;
    q.latency = 499;
    CHECK(ble_l2cap_conn_params_valid(&q)); /* 3200 * 4 > 500 * 6 */
    q.latency = 500;
    CHECK(!ble_l2cap_conn_params_valid(&q));
    q.latency = 0, q.timeout = 3201;
    CHECK(!ble_l2cap_conn_params_valid(&q));
    q.timeout = 9;
    CHECK(!ble_l2cap_conn_params_valid(&q));
    q.timeout = 10, q.interval_max = 9; /* 40 > 9 */
    CHECK(ble_l2cap_conn_params_valid(&q));
    q.interval_min = 10; /* min > max */
    CHECK(!ble_l2cap_conn_params_valid(&q));
    q.interval_min = 5, q.interval_max = 9;
    CHECK(!ble_l2cap_conn_params_valid(&q));
    q.interval_min = 6, q.interval_max = 3201;
    CHECK(!ble_l2cap_conn_params_valid(&q));
}

/* ---- two machines wired through fragmentation and recombination ---- */

struct end {
    struct ble_l2cap_link l;
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    uint8_t store[4 + 700];
    uint8_t rxbuf[2][300];
};

/* Everything a sends goes to b over ACL packets of varied sizes. */
static int carry(struct end *a, struct end *b, uint32_t now, unsigned *step, uint8_t *sdu_seen[2],
                 size_t *sdu_len, size_t *b_pending)
{
    uint8_t pdu[600], pkt[300];
    int n, moved = 0;
    while ((n = ble_l2cap_poll_tx(&a->l, pdu, (*step % 3) ? sizeof pdu : 40)) > 0) {
        struct ble_l2cap_tx tx;
        struct ble_hci_acl acl;
        struct ble_l2cap_pdu in;
        int k, rc = BLE_ERR_AGAIN;
        uint16_t acl_len = (uint16_t)(1 + (*step * 7u) % 27u);
        (*step)++;
        CHECK_EQ(ble_get_le16(pdu) + 4, n);
        CHECK_EQ(ble_l2cap_tx_init(&tx, 0x40, ble_get_le16(pdu + 2), ble_view_make(pdu + 4, (size_t)n - 4), acl_len),
                 BLE_OK);
        while ((k = ble_l2cap_tx_next(&tx, pkt, sizeof pkt)) > 0) {
            CHECK_EQ(ble_hci_acl_decode(pkt, (size_t)k, &acl), BLE_OK);
            if (acl.pb == BLE_HCI_ACL_PB_FIRST_NON_FLUSHABLE)
                acl.pb = BLE_HCI_ACL_PB_FIRST_FLUSHABLE;
            rc = ble_l2cap_rx_push(&b->rx, &acl, &in);
        }
        CHECK_EQ(rc, BLE_OK);
        CHECK(ble_l2cap_on_pdu(&b->l, now, &in) >= 0);
        if (sdu_seen) { /* SDUs are read before the next PDU reaches this link */
            struct ble_l2cap_event ev;
            while (ble_l2cap_poll_event(&b->l, &ev) == BLE_OK) {
                if (ev.type == BLE_L2CAP_EV_SDU) {
                    size_t i = ev.cid == 0x40 ? 0 : 1;
                    CHECK(sdu_seen[i] != NULL);
                    if (sdu_seen[i]) {
                        ble_memcpy(sdu_seen[i] + sdu_len[i], ev.data.p, ev.data.len);
                        sdu_len[i] += ev.data.len;
                    }
                }
                if (ev.type == BLE_L2CAP_EV_TX_DONE && b_pending) /* b's own sends */
                    b_pending[ev.cid == 0x40 ? 0 : 1] = 0;
                if (ev.type == BLE_L2CAP_EV_CLOSED)
                    CHECK(0);
            }
        }
        moved = 1;
    }
    return moved;
}

static void two_links_move_sdus_both_ways_through_acl_fragments(void)
{
    static struct end c, p;
    static uint8_t sent[2][2][20000], got[2][2][20000];
    size_t sent_len[2][2] = { { 0, 0 }, { 0, 0 } };
    size_t got_len[2][2] = { { 0, 0 }, { 0, 0 } };
    struct ble_l2cap_link_cfg cc = cfg_of(BLE_L2CAP_CENTRAL, 0), pc = cfg_of(BLE_L2CAP_PERIPHERAL, 1);
    struct ble_l2cap_coc_params small = { 300, 23, 2 }, ecfc = { 300, 64, 3 };
    struct ble_l2cap_event ev;
    uint8_t *bufs[2];
    uint8_t *seen_c[2], *seen_p[2];
    unsigned step = 0, round;
    uint32_t now = 0;
    uint16_t cid_c[2], cid_p[2];
    uint8_t sdu[2][2][300];
    size_t pending[2][2] = { { 0, 0 }, { 0, 0 } };
    ble_l2cap_link_init(&c.l, &cc);
    ble_l2cap_link_init(&p.l, &pc);
    ble_l2cap_rx_init(&c.rx, &c.slot, 1);
    ble_l2cap_rx_init(&p.rx, &p.slot, 1);
    ble_l2cap_rx_attach(&c.rx, 0x40, c.store, sizeof c.store);
    ble_l2cap_rx_attach(&p.rx, 0x40, p.store, sizeof p.store);
    /* one LE channel (manual credits on the central) and one ECFC channel */
    CHECK_EQ(ble_l2cap_connect(&c.l, now, 0x0080, &small, c.rxbuf[0], 300), 0x40);
    seen_c[0] = seen_c[1] = seen_p[0] = seen_p[1] = 0;
    carry(&c, &p, now, &step, 0, 0, 0);
    ev = ev_next(&p.l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_REQ);
    bufs[0] = p.rxbuf[0];
    CHECK_EQ(ble_l2cap_accept(&p.l, now, ev.cid, &small, bufs, 300, 1), BLE_OK);
    CHECK_EQ(ev_next(&p.l).type, BLE_L2CAP_EV_OPENED);
    carry(&p, &c, now, &step, 0, 0, 0);
    bufs[0] = c.rxbuf[1];
    CHECK_EQ(ble_l2cap_ecfc_connect(&c.l, now, 0x0081, &ecfc, bufs, 300, 1, cid_c), 1);
    carry(&c, &p, now, &step, 0, 0, 0);
    ev = ev_next(&p.l);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_CONN_REQ);
    bufs[0] = p.rxbuf[1];
    CHECK_EQ(ble_l2cap_accept(&p.l, now, ev.cid, &ecfc, bufs, 300, 1), BLE_OK);
    carry(&p, &c, now, &step, 0, 0, 0);
    CHECK_EQ(ble_l2cap_chan_get(&c.l, 0x40)->state, BLE_L2CAP_CH_OPEN);
    CHECK_EQ(ble_l2cap_chan_get(&c.l, cid_c[0])->state, BLE_L2CAP_CH_OPEN);
    cid_c[0] = 0x40, cid_c[1] = 0x41;
    cid_p[0] = 0x40, cid_p[1] = 0x41;
    while (ev_next(&c.l).type != BLE_L2CAP_EV_NONE) {
    }
    while (ev_next(&p.l).type != BLE_L2CAP_EV_NONE) {
    }
    for (round = 0; round < 400; round++) {
        size_t dir, ch;
        now += 7;
        /* queue an SDU of a new size wherever a channel is free */
        for (dir = 0; dir < 2; dir++)
            for (ch = 0; ch < 2; ch++) {
                struct end *e = dir ? &p : &c;
                uint16_t cid = dir ? cid_p[ch] : cid_c[ch];
                size_t len = (round * 37u + dir * 11u + ch * 5u) % 301u, i;
                if (pending[dir][ch] || sent_len[dir][ch] + len > sizeof sent[0][0])
                    continue;
                for (i = 0; i < len; i++)
                    sdu[dir][ch][i] = (uint8_t)(round + i * 3u + dir);
                if (ble_l2cap_send_sdu(&e->l, now, cid, sdu[dir][ch], len) == BLE_OK) {
                    ble_memcpy(sent[dir][ch] + sent_len[dir][ch], sdu[dir][ch], len);
                    sent_len[dir][ch] += len;
                    pending[dir][ch] = 1;
                }
            }
        seen_p[0] = got[0][0], seen_p[1] = got[0][1];
        seen_c[0] = got[1][0], seen_c[1] = got[1][1];
        carry(&c, &p, now, &step, seen_p, got_len[0], pending[1]);
        carry(&p, &c, now, &step, seen_c, got_len[1], pending[0]);
        /* the central returns credits by hand, a few at a time */
        if (round % 3 == 0) {
            const struct ble_l2cap_chan *k = ble_l2cap_chan_get(&c.l, 0x40);
            if (k && k->local_credits < 2)
                CHECK_EQ(ble_l2cap_give_credits(&c.l, now, 0x40, (uint16_t)(2 - k->local_credits)), BLE_OK);
            k = ble_l2cap_chan_get(&c.l, 0x41);
            if (k && k->local_credits < 3)
                CHECK_EQ(ble_l2cap_give_credits(&c.l, now, 0x41, (uint16_t)(3 - k->local_credits)), BLE_OK);
        }
        /* TX_DONE frees a channel for its next SDU */
        while ((ev = ev_next(&c.l)).type != BLE_L2CAP_EV_NONE)
            if (ev.type == BLE_L2CAP_EV_TX_DONE)
                pending[0][ev.cid == 0x40 ? 0 : 1] = 0;
        while ((ev = ev_next(&p.l)).type != BLE_L2CAP_EV_NONE)
            if (ev.type == BLE_L2CAP_EV_TX_DONE)
                pending[1][ev.cid == 0x40 ? 0 : 1] = 0;
    }
    /* drain */
    for (round = 0; round < 200; round++) {
        const struct ble_l2cap_chan *k;
        carry(&c, &p, now, &step, seen_p, got_len[0], pending[1]);
        carry(&p, &c, now, &step, seen_c, got_len[1], pending[0]);
        k = ble_l2cap_chan_get(&c.l, 0x40);
        if (k->local_credits < 2)
            ble_l2cap_give_credits(&c.l, now, 0x40, (uint16_t)(2 - k->local_credits));
        k = ble_l2cap_chan_get(&c.l, 0x41);
        if (k->local_credits < 3)
            ble_l2cap_give_credits(&c.l, now, 0x41, (uint16_t)(3 - k->local_credits));
    }
    {
        size_t dir, ch;
        for (dir = 0; dir < 2; dir++)
            for (ch = 0; ch < 2; ch++) {
                CHECK(sent_len[dir][ch] > 5000);
                CHECK_EQ(got_len[dir][ch], sent_len[dir][ch]);
                CHECK_MEM(got[dir][ch], sent[dir][ch], sent_len[dir][ch]);
            }
    }
    CHECK_EQ(c.l.stats.violations + p.l.stats.violations, 0);
    CHECK_EQ(c.l.stats.events_dropped + p.l.stats.events_dropped, 0);
    CHECK_EQ(c.l.stats.sig_dropped + p.l.stats.sig_dropped, 0);
}

void suite_l2cap_coc(void)
{
    TT_RUN(le_connect_request_and_response_are_byte_exact);
    TT_RUN(le_connect_bad_arguments_are_refused_before_sending);
    TT_RUN(le_connect_refused_closes_with_the_result);
    TT_RUN(le_connect_response_with_invalid_values_disconnects);
    TT_RUN(incoming_le_request_is_a_decision_then_byte_exact_response);
    TT_RUN(incoming_le_requests_are_refused_with_the_spec_results);
    TT_RUN(unknown_code_gets_command_reject_with_the_same_identifier);
    TT_RUN(identifier_zero_and_short_cframes_are_dropped_and_counted);
    TT_RUN(cframe_over_the_signaling_mtu_gets_reject_with_the_mtu);
    TT_RUN(disconnection_request_for_an_unknown_cid_gets_invalid_cid);
    TT_RUN(responses_without_a_request_are_ignored_and_counted);
    TT_RUN(command_reject_ends_our_request);
    TT_RUN(local_disconnect_request_then_response_closes);
    TT_RUN(remote_disconnect_is_answered_byte_exact);
    TT_RUN(disconnect_collision_closes_once);
    TT_RUN(rtx_expiry_closes_a_connecting_channel_at_the_deadline);
    TT_RUN(rtx_expiry_closes_a_disconnecting_channel);
    TT_RUN(link_down_closes_every_channel_with_an_event);
    TT_RUN(sdu_is_segmented_into_kframes_as_credits_allow);
    TT_RUN(kframes_are_reassembled_into_the_callers_storage);
    TT_RUN(automatic_credits_keep_the_peer_sending);
    TT_RUN(kframe_without_credit_disconnects_the_channel);
    TT_RUN(credit_indication_past_65535_disconnects_the_channel);
    TT_RUN(reassembly_bounds_disconnect_the_channel);
    TT_RUN(fixed_channels_are_routed_and_unknown_cids_dropped);
    TT_RUN(a_full_event_queue_is_counted);
    TT_RUN(ecfc_request_of_five_partly_refused);
    TT_RUN(ecfc_request_with_bad_values_is_refused_whole);
    TT_RUN(ecfc_connect_partial_response_opens_the_accepted);
    TT_RUN(reconfigure_requests_follow_the_rules);
    TT_RUN(our_reconfigure_is_checked_sent_and_applied);
    TT_RUN(conn_param_update_from_the_peripheral);
    TT_RUN(conn_param_update_at_the_central);
    TT_RUN(conn_param_ranges_are_the_specs);
    TT_RUN(two_links_move_sdus_both_ways_through_acl_fragments);
}
