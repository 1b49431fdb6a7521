/* Fuzz harness of the BAP unicast server: ASCS behind the real GATT server
 * (profiles/ascs.h glue) and the CIS / ISO tie (profiles/bap_server.h). The
 * input is a script, one command octet then its operands:
 *   0 k bytes..        a raw ATT PDU of k octets on the GATT bearer
 *   1 op n (id x)..    a well-formed ASE Control Point Write Request
 *                      (Write Command when op bit 3 is set)
 *   2 k bytes..        a raw HCI event of k octets
 *   3 kind a b c       a well-formed HCI event: LE CIS Request, LE CIS
 *                      Established, Disconnection Complete, or the Command
 *                      Complete / Status of the command awaited
 *   4 k bytes..        a raw ISO data packet
 *   5 h seq len flags  a well-formed ISO data packet
 *   6 mode             the application: decisions answered (accept or a
 *                      refusal), or a server-initiated operation
 *   7 t                time moves on t * 100 ms (timers)
 *   8 cap              HCI command and ATT output polled into cap octets
 *   9                  the ACL drops and a new one (with a new bearer) comes
 * Invariants: an ASE changes state only by a row of ble_ascs_next_state()
 * (each change is a STATE event whose from is the state last seen, and
 * nothing else moves); no output exceeds the caller's buffer (octets past it
 * stay as poisoned); every ASE Control Point Write Request the GATT server
 * takes gets exactly one response, and after the script (decisions answered,
 * outputs drained) none is left unanswered; once the HCI commands are
 * drained, every ASE on an established CIS has it up in ASCS, also one
 * configured onto it after its LE CIS Established (BAP 1.0 5.6.3).
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define ACL 0x0040
#define H_CP 15 /* BLE_ASCS_ATTRS(2, 2): CP value at 1 + 2 + 3 * 4 */
static const uint8_t dirs[4] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE,
                                 BLE_ASCS_DIR_SOURCE };
static const struct ble_gatt_attr db[] = {
    BLE_ASCS_ATTRS(2, 2),
};

struct h {
    struct ble_ascs ascs;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[16];
    struct ble_ascs_event eq[64];
    struct ble_gatt_srv g;
    uint8_t gbuf[BLE_GATT_SRV_BUF_SIZE(64)];
    uint16_t cccd[5];
    struct ble_gatt_srv_event gev[4];
    struct ble_gatt_srv_prep prep[2];
    uint8_t prep_buf[64];
    struct ble_ascs_gatt_link link;
    struct ble_bap_srv b;
    struct ble_bap_srv_cis cis[2];
    struct ble_iso_rx_slot rxs[2];
    uint8_t rxmem[2 * 48];
    struct ble_bap_srv_event bq[8];
    int shadow[4];        /* the state last seen of each ASE, -1: no connection */
    int cp_outstanding;   /* a Control Point Write Request awaits its response */
    uint8_t told[4];      /* a decision handed out and not yet answered */
    uint32_t now;
};
static struct h H;

static void gatt_start(struct h *x)
{
    struct ble_gatt_srv_cfg gc;
    memset(&gc, 0, sizeof gc);
    gc.attrs = db;
    gc.n = sizeof db / sizeof db[0];
    gc.mtu_max = 64;
    gc.buf = x->gbuf;
    gc.buf_len = sizeof x->gbuf;
    gc.cccd = x->cccd;
    gc.cccd_n = 5;
    gc.events = x->gev;
    gc.events_n = 4;
    gc.prep = x->prep;
    gc.prep_n = 2;
    gc.prep_buf = x->prep_buf;
    gc.prep_buf_len = sizeof x->prep_buf;
    FUZZ_CHECK(ble_gatt_srv_init(&x->g, &gc) == BLE_OK);
    ble_gatt_srv_set_security(&x->g, BLE_GATT_SEC_ENC, 16);
    x->cccd[0] = x->cccd[1] = x->cccd[2] = x->cccd[3] = x->cccd[4] = 1;
    x->link.conn = ACL;
    x->link.gatt = &x->g;
    x->cp_outstanding = 0;
}

static void setup(struct h *x)
{
    struct ble_ascs_cfg cfg;
    struct ble_bap_srv_cfg bc;
    size_t k;
    memset(x, 0, sizeof *x);
    memset(&cfg, 0, sizeof cfg);
    cfg.dirs = dirs;
    cfg.n_ases = 4;
    cfg.conns = x->conns;
    cfg.n_conns = 1;
    cfg.notify = x->nq;
    cfg.notify_cap = 16;
    cfg.events = x->eq;
    cfg.event_cap = 64;
    FUZZ_CHECK(ble_ascs_init(&x->ascs, &cfg) == BLE_OK);
    FUZZ_CHECK(ble_ascs_acl_connected(&x->ascs, ACL) == BLE_OK);
    memset(x->told, 0, sizeof x->told);
    memset(&bc, 0, sizeof bc);
    bc.ascs = &x->ascs;
    bc.cis = x->cis;
    bc.n_cis = 2;
    bc.rx_slots = x->rxs;
    bc.rx_buf = x->rxmem;
    bc.rx_buf_per_cis = 48;
    bc.events = x->bq;
    bc.event_cap = 8;
    FUZZ_CHECK(ble_bap_srv_init(&x->b, &bc) == BLE_OK);
    gatt_start(x);
    for (k = 0; k < 4; k++)
        x->shadow[k] = BLE_ASCS_STATE_IDLE;
}

/* ASCS events: each transition is a table row starting where the ASE was;
 * decisions answered when accept >= 0 (0 accepts, else that code). */
static void asc_events_once(struct h *x, int accept)
{
    struct ble_ascs_event ev;
    while (ble_ascs_poll_event(&x->ascs, &ev) == BLE_OK) {
        if (ev.type == BLE_ASCS_EV_STATE) {
            FUZZ_CHECK(ev.ase_id >= 1 && ev.ase_id <= 4);
            FUZZ_CHECK(ble_ascs_next_state(ev.dir, ev.from, ev.input) == ev.to);
            FUZZ_CHECK(x->shadow[ev.ase_id - 1] == ev.from);
            x->shadow[ev.ase_id - 1] = ev.to;
        } else {
            FUZZ_CHECK(ev.type == BLE_ASCS_EV_DECIDE && ev.ase_id >= 1 && ev.ase_id <= 4);
            x->told[ev.ase_id - 1] = 1; /* answered now or by a later pump */
        }
    }
    if (accept >= 0) {
        uint8_t id;
        for (id = 1; id <= 4; id++) {
            struct ble_ascs_answer a;
            if (!x->told[id - 1])
                continue;
            x->told[id - 1] = 0;
            memset(&a, 0, sizeof a);
            a.response_code = (uint8_t)accept;
            a.reason = accept >= 7 && accept <= 9 ? 1 : (accept >= 10 && accept <= 12 ? 2 : 0);
            a.prefs.max_transport_latency = 20;
            a.prefs.presentation_delay_max = 40000;
            /* NOT_FOUND when a CIS or ACL loss settled it meanwhile */
            (void)ble_ascs_decide(&x->ascs, x->now, ACL, id, &a);
        }
    }
}
/* Answers may cause transitions: their events are taken too. */
static void asc_events(struct h *x, int accept)
{
    asc_events_once(x, accept);
    asc_events_once(x, -1);
}

static void check_shadow(const struct h *x)
{
    uint8_t id;
    if (x->ascs.stats.events_dropped)
        return;
    for (id = 1; id <= 4; id++)
        FUZZ_CHECK(ble_ascs_ase_state(&x->ascs, ACL, id) == x->shadow[id - 1]);
}

/* Feeds one ATT PDU and tracks Control Point Write Requests. */
static void att_in(struct h *x, const uint8_t *p, size_t n)
{
    uint32_t busy = x->g.stats.busy_requests;
    int cp_req = n >= 3 && p[0] == BLE_ATT_WRITE_REQ && ble_get_le16(p + 1) == H_CP && !x->g.dead;
    FUZZ_CHECK(ble_gatt_srv_on_pdu(&x->g, x->now, p, n) == BLE_OK);
    if (cp_req && x->g.stats.busy_requests == busy) {
        FUZZ_CHECK(!x->cp_outstanding); /* the server takes one request at a time */
        x->cp_outstanding = 1;
    }
}

/* One output PDU of the GATT server into cap octets, checked. */
static int att_out(struct h *x, size_t cap)
{
    uint8_t buf[80];
    int n;
    if (cap > sizeof buf - 8)
        cap = sizeof buf - 8;
    memset(buf, 0xA5, sizeof buf);
    n = ble_gatt_srv_poll_tx(&x->g, buf, cap);
    FUZZ_CHECK(n == BLE_ERR_AGAIN || n == BLE_ERR_NO_SPACE || (n > 0 && (size_t)n <= cap));
    if (n > 0) {
        size_t i;
        for (i = (size_t)n; i < sizeof buf; i++)
            FUZZ_CHECK(buf[i] == 0xA5);
        if (buf[0] != BLE_ATT_HANDLE_VALUE_NTF && buf[0] != BLE_ATT_HANDLE_VALUE_IND && x->cp_outstanding) {
            /* the response to the Control Point write: a Write Response or an Error Response to it */
            FUZZ_CHECK(buf[0] == BLE_ATT_WRITE_RSP || (buf[0] == BLE_ATT_ERROR_RSP && n == 5 && buf[1] == BLE_ATT_WRITE_REQ));
            x->cp_outstanding = 0;
        }
    } else {
        for (n = 0; n < (int)sizeof buf; n++)
            FUZZ_CHECK(buf[n] == 0xA5);
        n = 0;
    }
    return n;
}

static int hci_out(struct h *x, size_t cap)
{
    uint8_t buf[48];
    size_t i;
    int n;
    if (cap > sizeof buf - 8)
        cap = sizeof buf - 8;
    memset(buf, 0xA5, sizeof buf);
    n = ble_bap_srv_poll_cmd(&x->b, x->now, 0, buf, cap);
    FUZZ_CHECK(n < 0 || ((size_t)n <= cap && n >= 3 && (size_t)buf[2] + 3 == (size_t)n));
    for (i = n > 0 ? (size_t)n : 0; i < sizeof buf; i++)
        FUZZ_CHECK(buf[i] == 0xA5);
    return n;
}

/* Everything the layers have for each other, until quiet. */
static void pump(struct h *x, size_t cap, int accept)
{
    int more = 1, rounds = 0;
    while (more && rounds++ < 64) {
        struct ble_gatt_srv_event ev;
        struct ble_bap_srv_event be;
        more = 0;
        while (ble_gatt_srv_poll_event(&x->g, &ev) == BLE_OK) {
            int rc = ble_ascs_gatt_on_event(&x->ascs, x->now, ACL, &x->g, &ev);
            FUZZ_CHECK(rc == BLE_OK || rc == BLE_ERR_NOT_FOUND);
            more = 1;
        }
        asc_events(x, accept);
        if (ble_ascs_gatt_flush(&x->ascs, x->now, 1, &x->link, 1) > 0)
            more = 1;
        if (att_out(x, cap) > 0)
            more = 1;
        while (ble_bap_srv_poll_event(&x->b, &be) == BLE_OK)
            FUZZ_CHECK(be.type >= BLE_BAP_SRV_EV_CIS_ACCEPTED && be.type <= BLE_BAP_SRV_EV_ACL_DOWN);
        asc_events(x, accept);
        check_shadow(x);
    }
}

/* Every ASE of the ACL on an established CIS (QoS Configured..Disabling,
 * same CIG_ID/CIS_ID) has cis_up: the server told ASCS, whether the ASE was
 * there at LE CIS Established or came after it. */
static void check_cis_up(const struct h *x)
{
    size_t i, k;
    if (!x->conns[0].used || x->conns[0].handle != ACL)
        return;
    for (i = 0; i < 2; i++) {
        const struct ble_bap_srv_cis *c = &x->cis[i];
        if (c->state != BLE_BAP_SRV_CIS_UP || c->acl != ACL)
            continue;
        for (k = 0; k < 4; k++) {
            const struct ble_ascs_ase *a = &x->conns[0].ases[k];
            if (a->state >= BLE_ASCS_STATE_QOS_CONFIGURED && a->state <= BLE_ASCS_STATE_DISABLING &&
                a->qos.cig_id == c->cig_id && a->qos.cis_id == c->cis_id)
                FUZZ_CHECK(a->cis_up);
        }
    }
}

static size_t build_cp(uint8_t *w, uint8_t op, const uint8_t *ids, const uint8_t *xs, size_t n)
{
    size_t len = 2, i;
    w[0] = op;
    w[1] = (uint8_t)n;
    for (i = 0; i < n; i++) {
        uint8_t v = xs[i];
        w[len++] = ids[i];
        switch (op) {
        case BLE_ASCS_OP_CONFIG_CODEC:
            w[len++] = 0x02, w[len++] = (uint8_t)(1 + (v & 1));
            w[len++] = 0x06, w[len++] = 0, w[len++] = 0, w[len++] = 0, w[len++] = 0;
            w[len++] = 3, w[len++] = 2, w[len++] = 1, w[len++] = 3;
            break;
        case BLE_ASCS_OP_CONFIG_QOS:
            w[len++] = 0, w[len++] = (uint8_t)(v & 1); /* CIG 0, CIS 0 or 1 */
            w[len++] = 0x10, w[len++] = 0x27, w[len++] = 0, w[len++] = 0, w[len++] = 2;
            w[len++] = 40, w[len++] = 0, w[len++] = 2, w[len++] = (uint8_t)(v & 2 ? 1 : 10), w[len++] = 0;
            w[len++] = 0x40, w[len++] = 0x9c, w[len++] = 0;
            break;
        case BLE_ASCS_OP_ENABLE:
        case BLE_ASCS_OP_UPDATE_METADATA:
            w[len++] = 4, w[len++] = 3, w[len++] = 2, w[len++] = (uint8_t)(v & 4 ? 4 : 2), w[len++] = 0;
            break;
        default:
            break;
        }
    }
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct h *x = &H;
    size_t i = 0, cap = 64;
    setup(x);
    while (i < n) {
        uint8_t cmd = d[i++];
        switch (cmd % 10) {
        case 0: case 2: case 4: {
            size_t k;
            if (i >= n)
                return 0;
            k = d[i++];
            if (k > n - i)
                k = n - i;
            if (cmd % 10 == 0) {
                att_in(x, d + i, k);
            } else if (cmd % 10 == 2) {
                (void)ble_bap_srv_on_hci_event(&x->b, x->now, d + i, k);
            } else {
                struct ble_bap_srv_sdu s;
                if (ble_bap_srv_on_iso(&x->b, x->now, d + i, k, &s) == BLE_OK)
                    FUZZ_CHECK(s.ase_id >= 1 && s.ase_id <= 2 && x->shadow[s.ase_id - 1] == BLE_ASCS_STATE_STREAMING);
            }
            i += k;
            break;
        }
        case 1: {
            uint8_t w[80], pdu[84], ids[4], xs[4];
            size_t cnt, j, wl;
            if (i + 2 > n)
                return 0;
            cnt = 1 + d[i + 1] % 3;
            if (i + 2 + 2 * cnt > n)
                return 0;
            for (j = 0; j < cnt; j++) {
                ids[j] = (uint8_t)(d[i + 2 + 2 * j] % 6);
                xs[j] = d[i + 3 + 2 * j];
            }
            wl = build_cp(w, (uint8_t)(1 + d[i] % 8), ids, xs, cnt);
            pdu[0] = d[i] & 8 ? BLE_ATT_WRITE_CMD : BLE_ATT_WRITE_REQ;
            ble_put_le16(pdu + 1, H_CP);
            memcpy(pdu + 3, w, wl);
            if (!x->g.mtu_done) { /* room for a Config Codec of three ASEs */
                static const uint8_t mtu[] = { BLE_ATT_EXCHANGE_MTU_REQ, 64, 0 };
                att_in(x, mtu, sizeof mtu);
                pump(x, 64, -1);
            }
            att_in(x, pdu, 3 + wl);
            i += 2 + 2 * cnt;
            break;
        }
        case 3: {
            uint8_t e[40];
            uint16_t cish;
            if (i + 4 > n)
                return 0;
            cish = (uint16_t)(0x60 + (d[i + 1] & 1));
            memset(e, 0, sizeof e);
            switch (d[i] % 5) {
            case 0: /* LE CIS Request on ACL (or another), CIG 0, CIS 0/1/x */
                e[0] = 0x3E, e[1] = 7, e[2] = 0x1A;
                ble_put_le16(e + 3, (uint16_t)(d[i + 2] & 0x80 ? ACL + 1 : ACL));
                ble_put_le16(e + 5, cish);
                e[7] = 0, e[8] = (uint8_t)(d[i + 3] % 3);
                (void)ble_bap_srv_on_hci_event(&x->b, x->now, e, 9);
                break;
            case 1: /* LE CIS Established [v1] */
                e[0] = 0x3E, e[1] = 29, e[2] = 0x19, e[3] = (uint8_t)(d[i + 2] & 0x40 ? d[i + 3] : 0);
                ble_put_le16(e + 4, cish);
                (void)ble_bap_srv_on_hci_event(&x->b, x->now, e, 31);
                break;
            case 2: /* Disconnection Complete of a CIS or of the ACL */
                e[0] = 0x05, e[1] = 4, e[2] = 0;
                ble_put_le16(e + 3, d[i + 2] & 1 ? (uint16_t)ACL : cish);
                e[5] = d[i + 3];
                if (d[i + 2] & 1) {
                    /* the bearer goes with the link; ASCS forgets the client */
                    (void)ble_bap_srv_on_hci_event(&x->b, x->now, e, 6);
                    gatt_start(x);
                    if (ble_ascs_ase_state(&x->ascs, ACL, 1) < 0) {
                        size_t k;
                        asc_events(x, -1);
                        FUZZ_CHECK(ble_ascs_acl_connected(&x->ascs, ACL) == BLE_OK);
                        memset(x->told, 0, sizeof x->told);
                        for (k = 0; k < 4; k++)
                            x->shadow[k] = BLE_ASCS_STATE_IDLE;
                    }
                } else {
                    (void)ble_bap_srv_on_hci_event(&x->b, x->now, e, 6);
                }
                break;
            default: { /* completion of the command awaited */
                uint16_t op = x->b.await_op ? x->b.await_op : 0x2066;
                if (d[i] % 5 == 3) {
                    e[0] = 0x0F, e[1] = 4, e[2] = d[i + 3] & 0x10 ? d[i + 2] : 0, e[3] = 1;
                    ble_put_le16(e + 4, op);
                    (void)ble_bap_srv_on_hci_event(&x->b, x->now, e, 6);
                } else {
                    e[0] = 0x0E, e[1] = 6, e[2] = 1;
                    ble_put_le16(e + 3, op);
                    e[5] = d[i + 3] & 0x10 ? d[i + 2] : 0;
                    ble_put_le16(e + 6, cish);
                    (void)ble_bap_srv_on_hci_event(&x->b, x->now, e, 8);
                }
                break;
            }
            }
            i += 4;
            break;
        }
        case 5: {
            uint8_t p[40];
            struct ble_bap_srv_sdu s;
            size_t len;
            if (i + 4 > n)
                return 0;
            len = d[i + 2] % 24;
            ble_put_le16(p, (uint16_t)((0x60 + (d[i] & 1)) | ((d[i + 3] & 3) << 12)));
            ble_put_le16(p + 2, (uint16_t)(4 + len));
            ble_put_le16(p + 4, d[i + 1]);
            ble_put_le16(p + 6, (uint16_t)(len | ((d[i + 3] >> 2 & 3) << 14)));
            memset(p + 8, 0x5A, len);
            if (ble_bap_srv_on_iso(&x->b, x->now, p, 8 + len, &s) == BLE_OK)
                FUZZ_CHECK(s.ase_id >= 1 && s.ase_id <= 2 && x->shadow[s.ase_id - 1] == BLE_ASCS_STATE_STREAMING);
            i += 4;
            break;
        }
        case 6: {
            uint8_t m;
            if (i + 1 > n)
                return 0;
            m = d[i++];
            if (m < 0x80) {
                int code = m % 16; /* 0 accepts; 3..14 the per-ASE refusals (Table 5.2) */
                pump(x, cap, code == 1 || code == 2 || code == 15 ? 0 : code);
            } else {
                uint8_t id = (uint8_t)(1 + m % 4);
                switch ((m >> 2) % 4) {
                case 0: (void)ble_ascs_disable(&x->ascs, x->now, ACL, id); break;
                case 1: (void)ble_ascs_release(&x->ascs, x->now, ACL, id); break;
                case 2: (void)ble_ascs_released(&x->ascs, x->now, ACL, id, m & 0x10); break;
                default: (void)ble_ascs_receiver_start_ready(&x->ascs, x->now, ACL, id); break;
                }
            }
            break;
        }
        case 7:
            if (i >= n)
                return 0;
            x->now += 100u * d[i++];
            (void)ble_bap_srv_on_timer(&x->b, x->now);
            (void)ble_gatt_srv_on_timer(&x->g, x->now);
            break;
        case 8:
            if (i >= n)
                return 0;
            cap = d[i++] % 72;
            (void)hci_out(x, cap);
            (void)att_out(x, cap);
            break;
        default: {
            static const uint8_t e_disc[] = { 0x05, 0x04, 0x00, 0x40, 0x00, 0x13 };
            size_t k;
            (void)ble_bap_srv_on_hci_event(&x->b, x->now, e_disc, sizeof e_disc);
            asc_events(x, -1);
            gatt_start(x);
            if (ble_ascs_ase_state(&x->ascs, ACL, 1) < 0)
                FUZZ_CHECK(ble_ascs_acl_connected(&x->ascs, ACL) == BLE_OK);
            memset(x->told, 0, sizeof x->told);
            for (k = 0; k < 4; k++)
                x->shadow[k] = BLE_ASCS_STATE_IDLE;
            break;
        }
        }
        pump(x, cap, -1);
        while (hci_out(x, 48) > 0)
            ;
        check_cis_up(x);
    }
    /* the end: decisions answered, everything sent; no write left unanswered */
    pump(x, 64, 0);
    pump(x, 64, 0);
    FUZZ_CHECK(!x->cp_outstanding || x->g.dead);
    return 0;
}
