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


/* ---- L2CAP channels (Core 6.0 Vol 3 Part A 4.22 - 4.24, 10.1) ---- */

static int rg_feed(struct ble_l2cap_link *l, const uint8_t *frame, size_t n)
{
    struct ble_l2cap_pdu pdu;
    if (ble_l2cap_frame_decode(frame, n, &pdu) != BLE_OK)
        return -100;
    pdu.handle = 0x40;
    return ble_l2cap_on_pdu(l, 0, &pdu);
}

static void rg_link(struct ble_l2cap_link *l, uint8_t role, const uint16_t *spsms, size_t n)
{
    struct ble_l2cap_link_cfg c;
    ble_memset(&c, 0, sizeof c);
    c.role = role;
    c.spsms = spsms;
    c.nspsms = n;
    ble_l2cap_link_init(l, &c);
}

static uint8_t rg_store[200];

/* A central with one open LE channel: ours 0x0040 (MTU 100, MPS 50, 3
 * credits), the peer's 0x0041 with 5 credits. */
static void rg_open(struct ble_l2cap_link *l)
{
    static const struct ble_l2cap_coc_params prm = { 100, 50, 3 };
    static const uint8_t rsp[] = { 0x0e, 0x00, 0x05, 0x00, 0x15, 0x01, 0x0a, 0x00, 0x41, 0x00,
                                   0x40, 0x00, 0x17, 0x00, 0x05, 0x00, 0x00, 0x00 };
    uint8_t out[64];
    struct ble_l2cap_event ev;
    rg_link(l, BLE_L2CAP_CENTRAL, 0, 0);
    CHECK_EQ(ble_l2cap_connect(l, 0, 0x0080, &prm, rg_store, sizeof rg_store), 0x0040);
    CHECK_EQ(ble_l2cap_poll_tx(l, out, sizeof out), 18);
    CHECK_EQ(rg_feed(l, rsp, sizeof rsp), BLE_OK);
    CHECK_EQ(ble_l2cap_poll_event(l, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_L2CAP_EV_OPENED);
}

/* The channel is closing with a Disconnection Request for it on the air. */
static void rg_expect_disconnect(struct ble_l2cap_link *l)
{
    uint8_t out[64];
    const struct ble_l2cap_chan *c = ble_l2cap_chan_get(l, 0x40);
    CHECK(c != NULL);
    if (c)
        CHECK_EQ(c->state, BLE_L2CAP_CH_WAIT_DISCONNECT);
    CHECK_EQ(ble_l2cap_poll_tx(l, out, sizeof out), 12);
    CHECK_EQ(out[4], 0x06); /* L2CAP_DISCONNECTION_REQ */
    CHECK_EQ(ble_get_le16(out + 8), 0x41);
    CHECK_EQ(ble_get_le16(out + 10), 0x40);
}

/* Contiki-NG CVE-2020-12140: K-frames of a credit-based channel copied by
 * their own length into a fixed SDU buffer. Outcome: an SDU Length over our
 * MTU, a K-frame over our MPS, and octets past the SDU Length (in the first
 * K-frame or a later one) each close the channel; nothing is written past
 * the caller's storage. */
static void cve_2020_12140_kframes_past_the_sdu(void)
{
    struct ble_l2cap_link l;
    uint8_t big[4 + 51] = { 51, 0, 0x40, 0, 10, 0 };
    const uint8_t over_mtu[] = { 0x03, 0, 0x40, 0, 101, 0x00, 'a' };
    const uint8_t past_first[] = { 0x05, 0, 0x40, 0, 0x02, 0x00, 'a', 'b', 'c' };
    const uint8_t first[] = { 0x04, 0, 0x40, 0, 0x03, 0x00, 'a', 'b' };
    const uint8_t past_later[] = { 0x02, 0, 0x40, 0, 'c', 'd' };
    ble_memset(rg_store, 0xA5, sizeof rg_store);
    rg_open(&l);
    CHECK_EQ(rg_feed(&l, over_mtu, sizeof over_mtu), BLE_ERR_PROTOCOL);
    rg_expect_disconnect(&l);
    rg_open(&l);
    CHECK_EQ(rg_feed(&l, big, sizeof big), BLE_ERR_PROTOCOL);
    rg_expect_disconnect(&l);
    rg_open(&l);
    CHECK_EQ(rg_feed(&l, past_first, sizeof past_first), BLE_ERR_PROTOCOL);
    rg_expect_disconnect(&l);
    rg_open(&l);
    CHECK_EQ(rg_feed(&l, first, sizeof first), BLE_OK);
    CHECK_EQ(rg_feed(&l, past_later, sizeof past_later), BLE_ERR_PROTOCOL);
    rg_expect_disconnect(&l);
    CHECK(tt_is_poison(rg_store + 2, sizeof rg_store - 2)); /* at most "ab" landed */
    CHECK_EQ(l.stats.violations, 1);
}

/* Credits past 65535 (class of CVE-2020-12140, the credit-based channel
 * taken on trust; Part A 10.1 makes it a violation): the indication that
 * would overflow closes the channel, its credits stay at 65535. */
static void le_credit_overflow_closes_the_channel(void)
{
    struct ble_l2cap_link l;
    const uint8_t to_max[] = { 0x08, 0, 5, 0, 0x16, 0x07, 0x04, 0x00, 0x41, 0x00, 0xFA, 0xFF };
    const uint8_t one_more[] = { 0x08, 0, 5, 0, 0x16, 0x08, 0x04, 0x00, 0x41, 0x00, 0x01, 0x00 };
    rg_open(&l);
    CHECK_EQ(rg_feed(&l, to_max, sizeof to_max), BLE_OK);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_credits, 0xFFFF);
    CHECK_EQ(rg_feed(&l, one_more, sizeof one_more), BLE_ERR_PROTOCOL);
    CHECK_EQ(ble_l2cap_chan_get(&l, 0x40)->peer_credits, 0xFFFF);
    rg_expect_disconnect(&l);
}

/* Oversized or undersized MTU / MPS in an LE Credit Based Connection Request
 * (class of CVE-2020-12140): refused with result 0x000C (Unacceptable
 * parameters, Part A 4.23) and no channel opened. MPS 0xFFFF is past 65533,
 * MTU and MPS under 23 are under the minimum. */
static void le_connect_with_oversized_mps_is_refused(void)
{
    static const uint16_t spsm[] = { 0x0080 };
    static const uint8_t reqs[3][18] = {
        { 0x0e, 0, 5, 0, 0x14, 0x01, 0x0a, 0x00, 0x80, 0x00, 0x40, 0x00, 0xff, 0xff, 0xff, 0xff, 1, 0 },
        { 0x0e, 0, 5, 0, 0x14, 0x02, 0x0a, 0x00, 0x80, 0x00, 0x41, 0x00, 0x16, 0x00, 0x17, 0x00, 1, 0 },
        { 0x0e, 0, 5, 0, 0x14, 0x03, 0x0a, 0x00, 0x80, 0x00, 0x42, 0x00, 0x17, 0x00, 0x16, 0x00, 1, 0 },
    };
    struct ble_l2cap_link l;
    uint8_t out[64];
    size_t i;
    rg_link(&l, BLE_L2CAP_PERIPHERAL, spsm, 1);
    for (i = 0; i < 3; i++) {
        CHECK_EQ(rg_feed(&l, reqs[i], sizeof reqs[i]), BLE_OK);
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_l2cap_poll_tx(&l, out, sizeof out), 18);
        CHECK_EQ(out[4], 0x15);                  /* L2CAP_LE_CREDIT_BASED_CONNECTION_RSP */
        CHECK_EQ(out[5], reqs[i][5]);            /* its identifier */
        CHECK_EQ(ble_get_le16(out + 8), 0);      /* no Destination CID */
        CHECK_EQ(ble_get_le16(out + 16), 0x000C);
        CHECK_EQ(BLE_L2CAP_CONN_INVALID_PARAMS, 0x000C);
        CHECK(tt_is_poison(out + 18, sizeof out - 18));
    }
    CHECK(ble_l2cap_chan_get(&l, 0x40) == NULL);
    CHECK_EQ(l.stats.refused, 3);
}

/* BleedingTooth "BadKarma", CVE-2020-12351: a PDU for a CID the link never
 * opened (there, the A2MP CID 0x0003) was handed to a channel of another
 * type. Outcome: a fixed CID the kit does not serve, or a dynamic CID with
 * no channel, is BLE_ERR_NOT_FOUND, counted, and nothing is sent. */
static void cve_2020_12351_pdu_for_an_unopened_cid(void)
{
    const uint8_t a2mp[] = { 0x05, 0, 0x03, 0, 0x01, 0x00, 0x01, 0x00, 0x00 };
    const uint8_t dyn[] = { 0x03, 0, 0x50, 0, 0x01, 0x00, 'x' };
    struct ble_l2cap_link l;
    struct ble_l2cap_event ev;
    uint8_t out[32];
    rg_link(&l, BLE_L2CAP_CENTRAL, 0, 0);
    CHECK_EQ(rg_feed(&l, a2mp, sizeof a2mp), BLE_ERR_NOT_FOUND);
    CHECK_EQ(rg_feed(&l, dyn, sizeof dyn), BLE_ERR_NOT_FOUND);
    CHECK_EQ(l.stats.unknown_cid, 2);
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, sizeof out), BLE_ERR_AGAIN);
    CHECK_EQ(ble_l2cap_poll_event(&l, &ev), BLE_ERR_AGAIN);
}

/* BleedingTooth "BadChoice", CVE-2020-12352: a response built in an
 * uninitialised stack buffer leaked memory. Outcome: an unknown signaling
 * code gets a Command Reject of exactly 10 octets (Part A 4.1, reason 0x0000
 * Command not understood), and the caller's buffer past them is untouched. */
static void cve_2020_12352_reject_carries_only_its_octets(void)
{
    const uint8_t unknown[] = { 0x06, 0, 5, 0, 0x0b, 0x09, 0x02, 0x00, 0x02, 0x00 };
    const uint8_t want[] = { 0x06, 0, 5, 0, 0x01, 0x09, 0x02, 0x00, 0x00, 0x00 };
    struct ble_l2cap_link l;
    uint8_t out[48];
    rg_link(&l, BLE_L2CAP_CENTRAL, 0, 0);
    rg_feed(&l, unknown, sizeof unknown);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_l2cap_poll_tx(&l, out, sizeof out), 10);
    CHECK_MEM(out, want, sizeof want);
    CHECK(tt_is_poison(out + 10, sizeof out - 10));
}

/* ---- ATT and the GATT server (Core 6.0 Vol 3 Part F, Part G) ---- */

static uint8_t rg_val_mem[32];
static struct ble_gatt_buf rg_val;
static const struct ble_gatt_attr rg_db[] = {
    BLE_GATT_PRIMARY_SERVICE(0x180F), /* 1 */
    BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE, /* 2, 3 */
                            BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_RAM(&rg_val, 1)),
    BLE_GATT_CHARACTERISTIC(0x2A1A, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE, /* 4, 5 */
                            BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_RAM(&rg_val, 2)),
};
struct rg_srv {
    struct ble_gatt_srv srv;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(64)];
    struct ble_gatt_srv_prep prep[4];
    uint8_t prep_buf[32];
    struct ble_gatt_srv_event events[4];
};
static struct rg_srv rgs;

static struct ble_gatt_srv *rg_srv_init(void)
{
    struct ble_gatt_srv_cfg cfg;
    ble_memset(rg_val_mem, 0x11, sizeof rg_val_mem);
    rg_val.p = rg_val_mem;
    rg_val.len = 4;
    rg_val.cap = sizeof rg_val_mem;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.attrs = rg_db;
    cfg.n = sizeof rg_db / sizeof rg_db[0];
    cfg.mtu_max = 64;
    cfg.buf = rgs.buf;
    cfg.buf_len = sizeof rgs.buf;
    cfg.prep = rgs.prep;
    cfg.prep_n = 4;
    cfg.prep_buf = rgs.prep_buf;
    cfg.prep_buf_len = sizeof rgs.prep_buf;
    cfg.events = rgs.events;
    cfg.events_n = 4;
    CHECK_EQ(ble_gatt_srv_init(&rgs.srv, &cfg), BLE_OK);
    return &rgs.srv;
}

/* The server's answer to one request: exactly want, and nothing after it. */
static void rg_xfer(struct ble_gatt_srv *s, const uint8_t *req, size_t n, const uint8_t *want, size_t wn)
{
    uint8_t out[80];
    CHECK_EQ(ble_gatt_srv_on_pdu(s, 0, req, n), BLE_OK);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), (int)wn);
    CHECK_MEM(out, want, wn);
    CHECK(tt_is_poison(out + wn, sizeof out - wn));
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), BLE_ERR_AGAIN);
}
#define RG_XFER(s, req, want)                                                              \
    do {                                                                                   \
        static const uint8_t q_[] = req, w_[] = want;                                      \
        rg_xfer((s), q_, sizeof q_, w_, sizeof w_);                                        \
    } while (0)
#define RGB(...) { __VA_ARGS__ }

/* Handle ranges inverted or starting at 0x0000 (class of the handle-range
 * checks behind Zephyr GHSA-gmfv-4vfh-2mh8; Part F 3.4.3.1, 3.4.4.1,
 * 3.4.4.9): Read By Type, Read By Group Type and Find Information answer
 * Invalid Handle (0x01) naming the Starting Handle; nothing is walked. */
static void read_by_type_with_inverted_or_zero_range(void)
{
    struct ble_gatt_srv *s = rg_srv_init();
    RG_XFER(s, RGB(0x08, 0x05, 0x00, 0x01, 0x00, 0x03, 0x28), RGB(0x01, 0x08, 0x05, 0x00, 0x01));
    RG_XFER(s, RGB(0x08, 0x00, 0x00, 0x00, 0x00, 0x03, 0x28), RGB(0x01, 0x08, 0x00, 0x00, 0x01));
    RG_XFER(s, RGB(0x08, 0x00, 0x00, 0xff, 0xff, 0x03, 0x28), RGB(0x01, 0x08, 0x00, 0x00, 0x01));
    RG_XFER(s, RGB(0x10, 0xff, 0xff, 0x01, 0x00, 0x00, 0x28), RGB(0x01, 0x10, 0xff, 0xff, 0x01));
    RG_XFER(s, RGB(0x04, 0x02, 0x00, 0x01, 0x00), RGB(0x01, 0x04, 0x02, 0x00, 0x01));
    /* the well-formed range still works afterwards */
    RG_XFER(s, RGB(0x08, 0x01, 0x00, 0xff, 0xff, 0x19, 0x2a), RGB(0x09, 0x06, 0x03, 0x00, 0x11, 0x11, 0x11, 0x11));
}

/* Find Information at 0xFFFF..0xFFFF, past the database (class of handle
 * arithmetic wrapping at 0xFFFF): Attribute Not Found (0x0A) naming 0xFFFF,
 * once, with no walk from handle 0. */
static void find_information_at_ffff(void)
{
    struct ble_gatt_srv *s = rg_srv_init();
    RG_XFER(s, RGB(0x04, 0xff, 0xff, 0xff, 0xff), RGB(0x01, 0x04, 0xff, 0xff, 0x0a));
    RG_XFER(s, RGB(0x08, 0xff, 0xff, 0xff, 0xff, 0x03, 0x28), RGB(0x01, 0x08, 0xff, 0xff, 0x0a));
    RG_XFER(s, RGB(0x04, 0x05, 0x00, 0xff, 0xff), RGB(0x05, 0x01, 0x05, 0x00, 0x1a, 0x2a));
}

/* Prepare Write floods (class of CVE-2022-0204, BlueZ's heap overflow while
 * appending prepared writes): once the caller's queue of 4 entries is full
 * the next Prepare Write gets Prepare Queue Full (0x09); a value that does
 * not fit the queue's octets gets the same; the attribute changes only at
 * Execute Write, and a cancel leaves it as it was. */
static void prepare_write_flood_fills_the_queue_and_stops(void)
{
    struct ble_gatt_srv *s = rg_srv_init();
    uint8_t rq[5 + 18], rs[5 + 18];
    int i;
    for (i = 0; i < 5; i++) {
        rq[0] = 0x16, rq[1] = 0x03, rq[2] = 0x00, rq[3] = (uint8_t)i, rq[4] = 0x00, rq[5] = (uint8_t)(0xB0 + i);
        ble_memcpy(rs, rq, 6);
        rs[0] = 0x17;
        if (i == 4) /* four entries: the fifth is refused */
            ble_memcpy(rs, "\x01\x16\x03\x00\x09", 5);
        rg_xfer(s, rq, 6, rs, 5 + (i < 4));
    }
    RG_XFER(s, RGB(0x18, 0x00), RGB(0x19)); /* cancel */
    CHECK_EQ(rg_val.len, 4);
    CHECK_EQ(rg_val_mem[0], 0x11);
    /* 18 + 18 octets do not fit 32 octets of queue */
    ble_memset(rq, 0xC3, sizeof rq);
    rq[0] = 0x16, rq[1] = 0x03, rq[2] = 0x00, rq[3] = 0x00, rq[4] = 0x00;
    ble_memcpy(rs, rq, sizeof rq);
    rs[0] = 0x17;
    rg_xfer(s, rq, sizeof rq, rs, sizeof rs);
    rq[3] = 18;
    rg_xfer(s, rq, sizeof rq, (const uint8_t *)"\x01\x16\x03\x00\x09", 5);
    CHECK_EQ(rg_val.len, 4);
    RG_XFER(s, RGB(0x18, 0x01), RGB(0x19)); /* Execute Write Response */
    CHECK_EQ(rg_val.len, 18);
    CHECK_EQ(rg_val_mem[17], 0xC3);
    CHECK_EQ(rg_val_mem[18], 0x11);
}


/* Android CVE-2023-40129: a Read Multiple Variable Response sized without
 * its Length fields underflowed at a small ATT_MTU. Outcome at ATT_MTU 23:
 * the response holds whole length + value pairs while they fit, then the
 * last value cut to the MTU (Part F 3.4.4.12), never more than 23 octets. */
static void cve_2023_40129_read_multiple_variable_at_mtu_23(void)
{
    struct ble_gatt_srv *s = rg_srv_init();
    rg_val.len = 8;
    /* handles 3, 5, 3, 5: 1 + 4 * (2 + 8) = 41 octets wanted, 23 allowed */
    RG_XFER(s, RGB(0x20, 0x03, 0x00, 0x05, 0x00, 0x03, 0x00, 0x05, 0x00),
            RGB(0x21, 0x08, 0x00, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x08, 0x00, 0x11,
                0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x08, 0x00));
}

/* ---- GATT client (Core 6.0 Vol 3 Part G 4.7.1, 4.10) ---- */

static struct ble_gatt_cli rgc;
static uint8_t rgc_buf[BLE_GATT_CLI_BUF_SIZE(23)];
static uint8_t rgc_ring[64];

static void rg_cli_init(void)
{
    struct ble_gatt_cli_cfg cfg;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.buf = rgc_buf;
    cfg.buf_len = sizeof rgc_buf;
    cfg.ntf = rgc_ring;
    cfg.ntf_len = sizeof rgc_ring;
    CHECK_EQ(ble_gatt_cli_init(&rgc, &cfg), BLE_OK);
}

/* Zephyr GHSA-gmfv-4vfh-2mh8: an integer underflow in the client's parsing
 * of a Find Information Response. Outcome: a response with only its Format,
 * a Format that is neither 1 nor 2, or a list that is no whole number of
 * entries ends the procedure with BLE_ERR_MALFORMED or BLE_ERR_PROTOCOL and
 * no descriptor is reported. */
static void ghsa_gmfv_find_information_response_shapes(void)
{
    static const uint8_t bad[4][8] = {
        { 0x05, 0x01 },                                     /* Format, no entry */
        { 0x05, 0x03, 0x09, 0x00, 0x02, 0x29 },             /* Format 3 */
        { 0x05, 0x01, 0x09, 0x00, 0x02, 0x29, 0x0a },       /* 1.5 entries */
        { 0x05, 0x02, 0x09, 0x00, 0x02, 0x29, 0x00, 0x00 }, /* 16-bit UUIDs as 128 */
    };
    static const size_t len[4] = { 2, 6, 7, 8 };
    struct ble_gatt_cli_event ev;
    uint8_t tx[32];
    size_t i;
    for (i = 0; i < 4; i++) {
        rg_cli_init();
        CHECK_EQ(ble_gatt_cli_discover_descriptors(&rgc, 0, 0x0009, 0x000C), BLE_OK);
        CHECK_EQ(ble_gatt_cli_poll_tx(&rgc, tx, sizeof tx), 5);
        CHECK_EQ(ble_gatt_cli_on_pdu(&rgc, 0, bad[i], len[i]), BLE_OK);
        CHECK_EQ(ble_gatt_cli_poll_event(&rgc, &ev), BLE_OK);
        CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
        CHECK_EQ(ev.proc, BLE_GATT_CLI_P_DISC_DESC);
        CHECK(ev.err == BLE_ERR_MALFORMED || ev.err == BLE_ERR_PROTOCOL);
        CHECK_EQ(ble_gatt_cli_poll_event(&rgc, &ev), BLE_ERR_AGAIN);
        CHECK_EQ(ble_gatt_cli_poll_tx(&rgc, tx, sizeof tx), BLE_ERR_AGAIN);
    }
}

/* Notifications on handles the client never discovered (class of
 * CVE-2020-24490, data from the air trusted by the host): the client has no
 * database to check them against, so each reaches the application with its
 * handle and a value inside the client's ring; one longer than the ATT_MTU
 * or shorter than its handle is dropped and counted, never confirmed. */
static void notifications_on_unknown_handles(void)
{
    static const uint8_t ntf0[] = { 0x1b, 0x00, 0x00, 0x01 };
    static const uint8_t ntff[] = { 0x1b, 0xff, 0xff, 0x02, 0x03 };
    static const uint8_t cut[] = { 0x1b, 0x08 };
    uint8_t big[24] = { 0x1b, 0x08, 0x00 };
    struct ble_gatt_cli_event ev;
    uint8_t tx[32];
    rg_cli_init();
    CHECK_EQ(ble_gatt_cli_on_pdu(&rgc, 0, ntf0, sizeof ntf0), BLE_OK);
    CHECK_EQ(ble_gatt_cli_on_pdu(&rgc, 0, ntff, sizeof ntff), BLE_OK);
    CHECK_EQ(ble_gatt_cli_on_pdu(&rgc, 0, cut, sizeof cut), BLE_OK);
    CHECK_EQ(ble_gatt_cli_on_pdu(&rgc, 0, big, sizeof big), BLE_OK);
    CHECK_EQ(rgc.stats.bad_notifications, 2);
    CHECK_EQ(ble_gatt_cli_poll_event(&rgc, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_NOTIFICATION);
    CHECK_EQ(ev.handle, 0x0000);
    CHECK(ev.data.len == 1 && ev.data.p >= rgc_ring && ev.data.p < rgc_ring + sizeof rgc_ring);
    CHECK_EQ(ble_gatt_cli_poll_event(&rgc, &ev), BLE_OK);
    CHECK_EQ(ev.handle, 0xFFFF);
    CHECK(ev.data.len == 2 && ev.data.p[1] == 0x03);
    CHECK_EQ(ble_gatt_cli_poll_event(&rgc, &ev), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_cli_poll_tx(&rgc, tx, sizeof tx), BLE_ERR_AGAIN);
}

/* ---- ASCS (ASCS 1.0 5) ---- */

/* Zephyr PR 74976 "ASCS: Validate num_ases in CP requests" (class of): a
 * Control Point write whose Number_of_ASEs disagrees with its length, either
 * way, or is 0. Outcome: the Response with Number_of_ASEs 0xFF, ASE_ID 0x00,
 * Invalid Length (0x02) (ASCS 5 Table 5.1), no ASE changes state and the
 * application is asked nothing. */
static void ascs_count_of_ases_disagrees_with_length(void)
{
    static const uint8_t dirs[2] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };
    static const uint8_t one_cfg[] = { 0x01, 0x02, 0x01, 0x02, 0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
                                       0x03, 0x02, 0x01, 0x03 }; /* says 2, carries 1 */
    static const uint8_t over[] = { 0x08, 0x01, 0x01, 0x02 };    /* Release of 1, 2 given */
    static const uint8_t huge[] = { 0x05, 0xff, 0x01 };
    static const uint8_t none[] = { 0x03, 0x00 };
    static const uint8_t *const w[4] = { one_cfg, over, huge, none };
    static const size_t wl[4] = { sizeof one_cfg, sizeof over, sizeof huge, sizeof none };
    struct ble_ascs srv;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[4];
    struct ble_ascs_event eq[4];
    struct ble_ascs_cfg cfg;
    struct ble_ascs_notify_target to;
    struct ble_ascs_event ev;
    uint8_t out[32];
    size_t i;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.dirs = dirs;
    cfg.n_ases = 2;
    cfg.conns = conns;
    cfg.n_conns = 1;
    cfg.notify = nq;
    cfg.notify_cap = 4;
    cfg.events = eq;
    cfg.event_cap = 4;
    CHECK_EQ(ble_ascs_init(&srv, &cfg), BLE_OK);
    CHECK_EQ(ble_ascs_acl_connected(&srv, 0x0040), BLE_OK);
    for (i = 0; i < 4; i++) {
        const uint8_t want[] = { w[i][0], 0xff, 0x00, 0x02, 0x00 };
        CHECK_EQ(ble_ascs_on_cp_write(&srv, 0, 0x0040, w[i], wl[i]), BLE_OK);
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_ascs_poll_notify(&srv, &to, out, sizeof out), 5);
        CHECK_EQ(to.ase_id, 0);
        CHECK_MEM(out, want, 5);
        CHECK(tt_is_poison(out + 5, sizeof out - 5));
        CHECK_EQ(ble_ascs_poll_notify(&srv, &to, out, sizeof out), BLE_ERR_AGAIN);
    }
    CHECK_EQ(ble_ascs_poll_event(&srv, &ev), BLE_ERR_AGAIN);
    CHECK_EQ(ble_ascs_ase_state(&srv, 0x0040, 1), BLE_ASCS_STATE_IDLE);
    CHECK_EQ(ble_ascs_ase_state(&srv, 0x0040, 2), BLE_ASCS_STATE_IDLE);
    CHECK_EQ(srv.stats.cp_invalid_length, 4);
}

/* ---- BAP formats (BAP 1.0 3.7.2.2, Assigned Numbers 6.12) ---- */

/* LTVs whose Length runs past the end of their list (class of the Zephyr
 * codec LTV bounds fixes, e.g. Coverity CID 330025 in audio/codec.c): the
 * configuration decoder answers BLE_ERR_SHORT naming the Type at fault, a
 * zero Length is BLE_ERR_MALFORMED, and the output stays untouched. */
static void ltv_length_past_the_end(void)
{
    static const uint8_t past[] = { 0x02, 0x01, 0x03, 0x05, 0x03, 0x01, 0x00 };
    static const uint8_t zero[] = { 0x02, 0x01, 0x03, 0x00 };
    struct ble_bap_codec_cfg c;
    uint8_t bad = 0;
    int rc;
    tt_poison(&c, sizeof c);
    CHECK_EQ(ble_bap_codec_cfg_decode(past, sizeof past, &c, &bad), BLE_ERR_SHORT);
    CHECK_EQ(bad, 0x03);
    rc = ble_bap_codec_cfg_decode(zero, sizeof zero, &c, &bad);
    CHECK(rc == BLE_ERR_MALFORMED || rc == BLE_ERR_SHORT);
    CHECK(tt_is_poison(&c, sizeof c));
    CHECK_EQ(ble_bap_codec_cfg_decode(past, 3, &c, &bad), BLE_OK); /* the whole first LTV */
    CHECK_EQ(c.sampling_frequency, 0x03);
}

/* BASE with zero or huge subgroup counts (class of Zephyr PR 74062, "BAP:
 * Add check for num_subgroups in parse_recv_state"): Num_Subgroups 0 is
 * BLE_ERR_MALFORMED (BAP 3.7.2.2 requires at least one), 255 subgroups
 * announced with one present is BLE_ERR_SHORT, Num_BIS 0 is
 * BLE_ERR_MALFORMED; the output stays untouched. */
static void base_with_zero_or_huge_subgroup_counts(void)
{
    static const uint8_t zero[] = { 0x40, 0x9c, 0x00, 0x00 };
    static const uint8_t huge[] = { 0x40, 0x9c, 0x00, 0xff, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00,
                                    0x00, 0x00, 0x01, 0x00 };
    static const uint8_t no_bis[] = { 0x40, 0x9c, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00,
                                      0x00, 0x00 };
    struct ble_bap_base b;
    tt_poison(&b, sizeof b);
    CHECK_EQ(ble_bap_base_decode(zero, sizeof zero, &b), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_bap_base_decode(huge, sizeof huge, &b), BLE_ERR_SHORT);
    CHECK_EQ(ble_bap_base_decode(no_bis, sizeof no_bis, &b), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(&b, sizeof b));
    {
        uint8_t one[sizeof huge];
        ble_memcpy(one, huge, sizeof huge);
        one[3] = 0x01;
        CHECK_EQ(ble_bap_base_decode(one, sizeof one, &b), BLE_OK);
        CHECK_EQ(b.num_subgroups, 1);
    }
}

/* ---- GAP extended report reassembly (Core 6.0 Vol 4 Part E 7.7.65.13) ---- */

/* Extended advertising report fragments that disagree (class of
 * CVE-2020-24490, BleedingTooth "BadVibes"): fragments of two advertisers
 * interleaved stay apart; a reserved Data_Status (0b11) ends the report as
 * truncated and is counted; more octets than a slot holds are delivered
 * truncated to the slot, never past it; a third advertiser with both slots
 * busy evicts the oldest, counted. */
static void extended_report_fragments_that_disagree(void)
{
    struct ble_gap_reasm r;
    struct ble_gap_reasm_slot slots[2];
    uint8_t store[2 * 8 + 4];
    struct ble_gap_reasm_key a, b, c;
    struct ble_view v;
    uint8_t tr = 9;
    ble_memset(&a, 0, sizeof a);
    b = a, c = a;
    a.sid = 1, b.sid = 2, c.sid = 3;
    tt_poison(store, sizeof store);
    ble_gap_reasm_init(&r, slots, 2, store, 8);
    CHECK_EQ(ble_gap_reasm_push(&r, &a, BLE_GAP_DATA_MORE, (const uint8_t *)"abc", 3, &v, &tr), 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &b, BLE_GAP_DATA_MORE, (const uint8_t *)"xy", 2, &v, &tr), 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &a, BLE_GAP_DATA_COMPLETE, (const uint8_t *)"de", 2, &v, &tr), 1);
    CHECK(v.len == 5 && tt_memeq(v.p, "abcde", 5) && tr == 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &b, 3, (const uint8_t *)"z", 1, &v, &tr), 1);
    CHECK(v.len == 3 && tt_memeq(v.p, "xyz", 3) && tr == 1);
    CHECK_EQ(r.stats.bad_status, 1);
    ble_gap_reasm_epoch(&r);
    CHECK_EQ(ble_gap_reasm_push(&r, &a, BLE_GAP_DATA_MORE, (const uint8_t *)"123456", 6, &v, &tr), 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &a, BLE_GAP_DATA_COMPLETE, (const uint8_t *)"789012", 6, &v, &tr), 1);
    CHECK(v.len == 8 && tt_memeq(v.p, "12345678", 8) && tr == 1);
    CHECK_EQ(r.stats.overflows, 1);
    CHECK(tt_is_poison(store + 16, 4));
    ble_gap_reasm_epoch(&r);
    CHECK_EQ(ble_gap_reasm_push(&r, &a, BLE_GAP_DATA_MORE, (const uint8_t *)"a", 1, &v, &tr), 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &b, BLE_GAP_DATA_MORE, (const uint8_t *)"b", 1, &v, &tr), 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &c, BLE_GAP_DATA_MORE, (const uint8_t *)"c", 1, &v, &tr), 0);
    CHECK_EQ(r.stats.evictions, 1);
    CHECK_EQ(ble_gap_reasm_push(&r, &c, BLE_GAP_DATA_COMPLETE, (const uint8_t *)"d", 1, &v, &tr), 1);
    CHECK(v.len == 2 && tt_memeq(v.p, "cd", 2) && tr == 0);
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
    TT_RUN(cve_2020_12140_kframes_past_the_sdu);
    TT_RUN(le_credit_overflow_closes_the_channel);
    TT_RUN(le_connect_with_oversized_mps_is_refused);
    TT_RUN(cve_2020_12351_pdu_for_an_unopened_cid);
    TT_RUN(cve_2020_12352_reject_carries_only_its_octets);
    TT_RUN(read_by_type_with_inverted_or_zero_range);
    TT_RUN(find_information_at_ffff);
    TT_RUN(prepare_write_flood_fills_the_queue_and_stops);
    TT_RUN(cve_2023_40129_read_multiple_variable_at_mtu_23);
    TT_RUN(ghsa_gmfv_find_information_response_shapes);
    TT_RUN(notifications_on_unknown_handles);
    TT_RUN(ascs_count_of_ases_disagrees_with_length);
    TT_RUN(ltv_length_past_the_end);
    TT_RUN(base_with_zero_or_huge_subgroup_counts);
    TT_RUN(extended_report_fragments_that_disagree);
}
