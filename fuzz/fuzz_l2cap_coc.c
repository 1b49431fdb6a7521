/* Fuzz harness of the L2CAP channel machine (layers/l2cap.h), structure-aware:
 * two links, a central and a peripheral, wired together, driven by a script.
 *   0 s spsm             side s opens an LE credit-based channel
 *   1 s n                side s opens n (1..4) ECFC channels
 *   2 s how              side s answers its oldest connection request
 *                        (accept all, accept some, reject)
 *   3 s ch len           side s sends an SDU of len octets on channel slot ch
 *   4 s ch n             side s gives n credits on channel slot ch
 *   5 s ch               side s disconnects channel slot ch
 *   6 s ch mtu mps       side s reconfigures channel slot ch
 *   7 s                  connection parameter update (peripheral) / reply (central)
 *   8 lo hi              time passes, then on_timer on both
 *   9 s cid n bytes..    a raw PDU into side s (signaling, dynamic, fixed or any CID)
 *   10 k                 carry up to k PDUs each way
 *   11 s                 link down on side s (then the script ends)
 * Invariants: channel states and reasons are the machine's; reassembly stays
 * inside its bounds and never writes past the caller's storage (guard
 * octets); every poll_tx output is one valid L2CAP PDU, signaling PDUs decode,
 * K-frames fit the peer's MPS and go to an open channel's peer CID; and while
 * no raw PDU was injected and no request timed out, every SDU delivered is
 * the one its peer sent.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define CAP 300
#define GUARD 16

struct side {
    struct ble_l2cap_link l;
    uint8_t store[BLE_CFG_L2CAP_MAX_CHANNELS * 2][CAP + GUARD];
    uint8_t used[BLE_CFG_L2CAP_MAX_CHANNELS * 2];
    uint8_t sdu[BLE_CFG_L2CAP_MAX_CHANNELS][CAP]; /* per channel slot: the SDU in flight */
    uint16_t sdu_len[BLE_CFG_L2CAP_MAX_CHANNELS];
    uint8_t sdu_live[BLE_CFG_L2CAP_MAX_CHANNELS];
    uint16_t req_cid; /* a CONN_REQ waiting: its first CID */
    uint8_t req_n;
};

static struct side S[2];
static int tainted;
static uint32_t seq;

static uint8_t *buf_for(struct side *s)
{
    size_t i;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS * 2; i++) {
        int taken = 0;
        size_t k;
        for (k = 0; k < BLE_CFG_L2CAP_MAX_CHANNELS; k++)
            if (s->l.ch[k].state != BLE_L2CAP_CH_CLOSED && s->l.ch[k].rx_buf == s->store[i])
                taken = 1;
        if (!taken)
            return s->store[i];
    }
    return s->store[0]; /* cannot happen: twice as many buffers as slots */
}

/* m distinct buffers no channel uses; how many were found. */
static size_t free_bufs(struct side *s, uint8_t **bufs, size_t m)
{
    size_t got = 0, j, q;
    for (j = 0; j < BLE_CFG_L2CAP_MAX_CHANNELS * 2 && got < m; j++) {
        int taken = 0;
        for (q = 0; q < BLE_CFG_L2CAP_MAX_CHANNELS; q++)
            if (s->l.ch[q].state != BLE_L2CAP_CH_CLOSED && s->l.ch[q].rx_buf == s->store[j])
                taken = 1;
        if (!taken)
            bufs[got++] = s->store[j];
    }
    return got;
}

static void check_side(const struct side *s)
{
    size_t i, k;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        const struct ble_l2cap_chan *c = &s->l.ch[i];
        FUZZ_CHECK(c->state <= BLE_L2CAP_CH_WAIT_DISCONNECT);
        FUZZ_CHECK(c->pending <= BLE_L2CAP_PEND_RECONF);
        FUZZ_CHECK(c->close_reason <= BLE_L2CAP_REASON_BAD_RESPONSE);
        if (c->state == BLE_L2CAP_CH_CLOSED)
            continue;
        FUZZ_CHECK(c->lcid >= 0x40 && c->lcid <= 0x7F);
        FUZZ_CHECK(c->rx_have <= c->rx_sdu_len || !c->rx_in_sdu);
        if (c->rx_in_sdu)
            FUZZ_CHECK(c->rx_sdu_len <= c->local_mtu && c->rx_sdu_len <= c->rx_cap);
        FUZZ_CHECK(c->tx_off <= c->tx_len);
        if (c->state == BLE_L2CAP_CH_OPEN) {
            FUZZ_CHECK(c->local_mtu <= c->rx_cap);
            FUZZ_CHECK(c->peer_mps >= 23 && c->peer_mtu >= 23);
        }
        for (k = i + 1; k < BLE_CFG_L2CAP_MAX_CHANNELS; k++)
            FUZZ_CHECK(s->l.ch[k].state == BLE_L2CAP_CH_CLOSED || s->l.ch[k].lcid != c->lcid);
    }
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS * 2; i++)
        for (k = 0; k < GUARD; k++)
            FUZZ_CHECK(s->store[i][CAP + k] == 0xA5);
}

/* The peer's channel that sends to our channel c, or NULL. */
static int peer_slot(const struct side *peer, const struct ble_l2cap_chan *c)
{
    size_t i;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        const struct ble_l2cap_chan *p = &peer->l.ch[i];
        if (p->state == BLE_L2CAP_CH_OPEN && p->rcid == c->lcid && p->lcid == c->rcid)
            return (int)i;
    }
    return -1;
}

static void drain_events(int si)
{
    struct side *s = &S[si], *peer = &S[!si];
    struct ble_l2cap_event ev;
    while (ble_l2cap_poll_event(&s->l, &ev) == BLE_OK) {
        FUZZ_CHECK(ev.type <= BLE_L2CAP_EV_CONN_PARAM_RSP);
        FUZZ_CHECK(ev.reason <= BLE_L2CAP_REASON_BAD_RESPONSE);
        if (ev.reason == BLE_L2CAP_REASON_TIMEOUT)
            tainted = 1; /* a peer may still hold what timed out here */
        switch (ev.type) {
        case BLE_L2CAP_EV_CONN_REQ:
            FUZZ_CHECK(ev.n >= 1 && ev.n <= BLE_L2CAP_ECFC_MAX_CIDS);
            s->req_cid = ev.cid;
            s->req_n = ev.n;
            break;
        case BLE_L2CAP_EV_SDU: {
            const struct ble_l2cap_chan *c = ble_l2cap_chan_get(&s->l, ev.cid);
            int ps;
            FUZZ_CHECK(c != NULL);
            FUZZ_CHECK(ev.data.len <= c->local_mtu);
            FUZZ_CHECK(ev.data.p == c->rx_buf);
            ps = peer_slot(peer, c);
            if (!tainted) {
                FUZZ_CHECK(ps >= 0 && peer->sdu_live[ps]);
                FUZZ_CHECK(ev.data.len == peer->sdu_len[ps]);
                FUZZ_CHECK(memcmp(ev.data.p, peer->sdu[ps], ev.data.len) == 0);
                peer->sdu_live[ps] = 0; /* delivered once */
            }
            break;
        }
        default:
            break;
        }
    }
}

/* One PDU from side si to the other, checked on the way. */
static int carry_one(int si, uint32_t now)
{
    uint8_t out[CAP + 64 + GUARD];
    struct ble_l2cap_pdu pdu;
    struct side *s = &S[si];
    size_t cap = 23 + (seq % 200);
    int n;
    memset(out, 0xA5, sizeof out);
    n = ble_l2cap_poll_tx(&s->l, out, cap);
    if (n < 0)
        return 0;
    FUZZ_CHECK((size_t)n <= cap && out[cap] == 0xA5);
    FUZZ_CHECK(ble_l2cap_frame_decode(out, (size_t)n, &pdu) == BLE_OK);
    if (pdu.cid == BLE_L2CAP_CID_LE_SIGNALING) {
        struct ble_l2cap_sig sig;
        FUZZ_CHECK(ble_l2cap_sig_decode(pdu.payload.p, pdu.payload.len, &sig) == BLE_OK);
        FUZZ_CHECK(sig.id != 0 && pdu.payload.len <= BLE_L2CAP_LE_SIG_MTU);
    } else {
        size_t i;
        int ok = 0;
        for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
            const struct ble_l2cap_chan *c = &s->l.ch[i];
            if (c->state == BLE_L2CAP_CH_OPEN && c->rcid == pdu.cid && pdu.payload.len <= c->peer_mps)
                ok = 1;
        }
        FUZZ_CHECK(ok);
    }
    pdu.handle = 0x40;
    (void)ble_l2cap_on_pdu(&S[!si].l, now, &pdu);
    drain_events(!si);
    drain_events(si);
    return 1;
}

static struct ble_l2cap_chan *slot(struct side *s, uint8_t b)
{
    return &s->l.ch[b % BLE_CFG_L2CAP_MAX_CHANNELS];
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_l2cap_link_cfg cfg;
    static const uint16_t spsms[] = { 0x25, 0x80, 0x81 };
    size_t i = 0, k;
    uint32_t now = 1000;
    memset(S, 0, sizeof S);
    memset(S[0].store, 0xA5, sizeof S[0].store);
    memset(S[1].store, 0xA5, sizeof S[1].store);
    tainted = 0;
    seq = 0;
    memset(&cfg, 0, sizeof cfg);
    cfg.role = BLE_L2CAP_CENTRAL;
    cfg.rtx_ms = 5000;
    ble_l2cap_link_init(&S[0].l, &cfg);
    cfg.role = BLE_L2CAP_PERIPHERAL;
    cfg.auto_credits = 1;
    cfg.spsms = spsms;
    cfg.nspsms = 3;
    ble_l2cap_link_init(&S[1].l, &cfg);
    while (i < n) {
        uint8_t op = d[i++] % 12;
        uint8_t a = i < n ? d[i] : 0, b = i + 1 < n ? d[i + 1] : 0, c = i + 2 < n ? d[i + 2] : 0;
        struct side *s = &S[a & 1];
        struct ble_l2cap_coc_params prm;
        uint8_t *bufs[5];
        seq++;
        prm.mtu = (uint16_t)(64 + (b % 4) * 50);
        prm.mps = (uint16_t)(23 + (b % 3) * 41);
        prm.credits = (uint16_t)(b % 5);
        switch (op) {
        case 0:
            i += 2;
            (void)ble_l2cap_connect(&s->l, now, (uint16_t)(0x80 + (b & 3)), &prm, buf_for(s), CAP);
            break;
        case 1: {
            uint16_t cids[5];
            size_t m = 1 + b % 4;
            i += 2;
            prm.mps = (uint16_t)(prm.mps < 64 ? 64 : prm.mps);
            if (free_bufs(s, bufs, m) != m)
                break;
            if (ble_l2cap_ecfc_connect(&s->l, now, 0x25, &prm, bufs, CAP, m, cids) > 0)
                break;
            break;
        }
        case 2:
            i += 2;
            if (!s->req_cid)
                break;
            if (b % 3 == 2) {
                (void)ble_l2cap_reject(&s->l, now, s->req_cid, BLE_L2CAP_CONN_NO_RESOURCES);
            } else {
                /* distinct free buffers; "accept some" refuses the second */
                size_t m = s->req_n, got = free_bufs(s, bufs, m);
                if (b % 3 == 1 && m > 1)
                    bufs[1] = 0;
                prm.mps = (uint16_t)(prm.mps < 64 ? 64 : prm.mps);
                if (got == m)
                    (void)ble_l2cap_accept(&s->l, now, s->req_cid, &prm, bufs, CAP, m);
            }
            s->req_cid = 0;
            break;
        case 3: {
            struct ble_l2cap_chan *ch = slot(s, b);
            size_t idx = (size_t)(ch - s->l.ch), len = c % CAP, j;
            i += 3;
            if (ch->state != BLE_L2CAP_CH_OPEN || ch->tx_active)
                break;
            for (j = 0; j < len; j++)
                s->sdu[idx][j] = (uint8_t)(seq * 7u + j);
            if (ble_l2cap_send_sdu(&s->l, now, ch->lcid, s->sdu[idx], len) == BLE_OK) {
                s->sdu_len[idx] = (uint16_t)len;
                s->sdu_live[idx] = 1;
            }
            break;
        }
        case 4:
            i += 3;
            (void)ble_l2cap_give_credits(&s->l, now, slot(s, b)->lcid, (uint16_t)(c | (b & 0xF0) << 4));
            break;
        case 5:
            i += 2;
            (void)ble_l2cap_disconnect(&s->l, now, slot(s, b)->lcid);
            break;
        case 6: {
            uint16_t cid = slot(s, b)->lcid;
            i += 3;
            (void)ble_l2cap_reconfigure(&s->l, now, &cid, 1, (uint16_t)(64 + c), (uint16_t)(64 + (c >> 2)));
            break;
        }
        case 7: {
            struct ble_l2cap_sig_conn_param_update_req q;
            i += 2;
            q.interval_min = (uint16_t)(6 + b), q.interval_max = (uint16_t)(6 + b + 10);
            q.latency = (uint16_t)(b % 4), q.timeout = (uint16_t)(100 + b * 4);
            (void)ble_l2cap_conn_param_update(&S[1].l, now, &q);
            (void)ble_l2cap_conn_param_reply(&S[0].l, now, b & 1);
            break;
        }
        case 8:
            i += 2;
            now += (uint32_t)(a | b << 8) * 8u;
            ble_l2cap_on_timer(&S[0].l, now);
            ble_l2cap_on_timer(&S[1].l, now);
            break;
        case 9: {
            static const uint16_t cids[] = { 0x0005, 0x0040, 0x0041, 0x0042, 0x0004, 0x0006, 0x0001 };
            struct ble_l2cap_pdu pdu;
            size_t m = c;
            i += 3;
            if (m > n - (i < n ? i : n))
                m = i < n ? n - i : 0;
            pdu.handle = 0x40;
            pdu.cid = (b & 0x80) ? (uint16_t)(b & 0x7F) : cids[b % 7];
            pdu.payload = ble_view_make(i < n ? d + i : 0, m);
            i += m;
            (void)ble_l2cap_on_pdu(&s->l, now, &pdu);
            tainted = 1;
            break;
        }
        case 10:
            i += 1;
            for (k = 0; k < (size_t)(a % 64) + 1; k++) {
                int moved = carry_one(0, now);
                moved |= carry_one(1, now);
                if (!moved)
                    break;
            }
            break;
        default:
            ble_l2cap_link_down(&s->l, now);
            drain_events(a & 1);
            check_side(s);
            return 0;
        }
        drain_events(0);
        drain_events(1);
        check_side(&S[0]);
        check_side(&S[1]);
    }
    /* finally let everything in flight arrive */
    for (k = 0; k < 2000; k++)
        if (!(carry_one(0, now) | carry_one(1, now)))
            break;
    check_side(&S[0]);
    check_side(&S[1]);
    return 0;
}
