/* Fuzz harness of the BAP broadcast machines (profiles/bap_broadcast.h): a
 * Broadcast Source and a Broadcast Sink driven by a script:
 *   0 n bytes..   a raw HCI event of n octets into the source
 *   1 n bytes..   a raw HCI event into the sink
 *   2 n bytes..   a raw ISO data packet into the sink
 *   3 v           source start (v: BIS count, name, ISO length, encryption)
 *   4             source stop
 *   5 b n         source sends an SDU of n octets on BIS b
 *   6 a st cap    poll who's (a & 1) next command into cap octets and complete it
 *                 with status st when a & 2, else 0 (Command Status for the
 *                 commands that take one), with the source's Create BIG Complete
 *                 / Terminate BIG Complete; a & 4: the command is lost (no
 *                 answer); a & 8: no Create BIG / Terminate BIG Complete
 *   7 mask        sink sync to the source (BIS indexes of mask)
 *   8             sink stop
 *   9 what st    a controller event into the sink built from the source: PA
 *                 Sync Established, PA report of the source's BASE (whole or
 *                 split), BIGInfo, BIG Sync Established, BIG Sync Lost, PA
 *                 Sync Lost, the announcement report (st: status or variant)
 *  10 k cap      up to k ISO packets from the source into the sink
 *  0xF0 | h, l   time goes on by (h << 8 | l) ms; both machines' on_timer
 * (any other op byte is taken modulo 11; every call gets the current time)
 * Invariants: states are the machines'; queues within their bounds; every
 * command and ISO packet fits the caller's buffer (guard octets after it)
 * and is a well-formed HCI packet; SDU views lie in the sink's storage or in
 * the packet; and while nothing raw was injected, every SDU the sink delivers
 * is the one the source sent on that BIS. Each procedure ends once: a
 * machine that goes back to idle tells exactly one FAILED or STOPPED (the
 * sink may instead tell the PA_LOST or BIG_LOST that ended it), and none
 * comes while it stays busy or idle; an idle machine has nothing queued,
 * awaited or due; after on_timer no deadline is overdue.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define GUARD 16
#define STORE 200

static struct ble_bap_bsrc src;
static struct ble_bap_bsnk snk;
static uint8_t store[STORE + GUARD];
static uint8_t out[300 + GUARD];
static uint8_t pkt[300];
static size_t pkt_len;
static uint8_t pa[256], adv[256];
static size_t pa_len, adv_len;
static uint16_t src_ops[2]; /* the command each awaits */
static int tainted;
static uint32_t now;
/* per machine (0 source, 1 sink): state and dropped events at the last
 * check, FAILED/STOPPED and loss events told since */
static uint8_t prev_state[2];
static uint32_t prev_dropped[2];
static unsigned ends[2], losses[2];

static const uint8_t cfg[] = { 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00 };
static const uint8_t code[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static uint8_t rd(const uint8_t **p, size_t *n)
{
    uint8_t v = 0;
    if (*n) {
        v = **p;
        (*p)++;
        (*n)--;
    }
    return v;
}

static int evt_src(const uint8_t *e, size_t n)
{
    return ble_bap_bsrc_on_hci_event(&src, now, e, n);
}
static int evt_snk(const uint8_t *e, size_t n)
{
    return ble_bap_bsnk_on_hci_event(&snk, now, e, n);
}

static void le(int to_snk, uint8_t sub, const uint8_t *p, size_t n)
{
    uint8_t e[260];
    e[0] = 0x3E;
    e[1] = (uint8_t)(n + 1);
    e[2] = sub;
    memcpy(e + 3, p, n);
    (void)(to_snk ? evt_snk(e, n + 3) : evt_src(e, n + 3));
}

static void check_event(const struct ble_bap_bcast_event *ev)
{
    FUZZ_CHECK(ev->type >= BLE_BAP_BCAST_EV_BIG_CREATED && ev->type <= BLE_BAP_BCAST_EV_BIG_LOST);
    FUZZ_CHECK(ev->step < BLE_BAP_BCAST_STEP_END_);
    FUZZ_CHECK(ev->num_bis <= BLE_CFG_BAP_BCAST_MAX_BIS);
    if (ev->type == BLE_BAP_BCAST_EV_SDU) {
        const uint8_t *d = ev->sdu.data.p;
        size_t n = ev->sdu.data.len;
        FUZZ_CHECK(n <= 4095);
        FUZZ_CHECK(!n || (d >= store && d + n <= store + STORE) || (d >= pkt && d + n <= pkt + sizeof pkt));
    }
}

static void drain(void)
{
    struct ble_bap_bcast_event ev;
    while (ble_bap_bsrc_poll_event(&src, &ev) == BLE_OK) {
        check_event(&ev);
        ends[0] += ev.type == BLE_BAP_BCAST_EV_FAILED || ev.type == BLE_BAP_BCAST_EV_STOPPED;
        if (ev.type == BLE_BAP_BCAST_EV_FAILED && ev.err == BLE_ERR_TIMEOUT)
            FUZZ_CHECK(ev.opcode != 0 && ev.status == 0);
    }
    while (ble_bap_bsnk_poll_event(&snk, &ev) == BLE_OK) {
        check_event(&ev);
        ends[1] += ev.type == BLE_BAP_BCAST_EV_FAILED || ev.type == BLE_BAP_BCAST_EV_STOPPED;
        losses[1] += ev.type == BLE_BAP_BCAST_EV_PA_LOST || ev.type == BLE_BAP_BCAST_EV_BIG_LOST;
        if (ev.type == BLE_BAP_BCAST_EV_FAILED && ev.err == BLE_ERR_TIMEOUT)
            FUZZ_CHECK(ev.opcode != 0 && ev.status == 0);
        if (ev.type == BLE_BAP_BCAST_EV_SDU && !tainted && ev.sdu.status == BLE_HCI_ISO_VALID) {
            size_t i;
            /* the source's SDU: octet i of SDU seq on BIS b is seq * 7 + b + i */
            for (i = 0; i < ev.sdu.data.len; i++)
                FUZZ_CHECK(ev.sdu.data.p[i] == (uint8_t)(ev.sdu.seq * 7u + ev.bis_index + i));
        }
    }
}

static void check_all(void)
{
    size_t i;
    FUZZ_CHECK(src.state <= BLE_BAP_BSRC_STOPPING);
    FUZZ_CHECK(snk.state <= BLE_BAP_BSNK_STOPPING);
    FUZZ_CHECK(src.c.used <= BLE_CFG_BAP_BCAST_CMDQ && snk.c.used <= BLE_CFG_BAP_BCAST_CMDQ);
    FUZZ_CHECK(src.c.ev_count <= BLE_CFG_BAP_BCAST_EVENTS && snk.c.ev_count <= BLE_CFG_BAP_BCAST_EVENTS);
    FUZZ_CHECK(src.num_bis <= BLE_CFG_BAP_BCAST_MAX_BIS && snk.num_bis <= BLE_CFG_BAP_BCAST_MAX_BIS);
    FUZZ_CHECK(snk.pa_len <= BLE_CFG_BAP_BCAST_PA_MAX || snk.pa_len == 0xFFFF);
    FUZZ_CHECK(snk.base_len <= BLE_CFG_BAP_BCAST_PA_MAX);
    if (snk.state == BLE_BAP_BSNK_IDLE)
        FUZZ_CHECK(!snk.pa_synced && !snk.big_synced && !snk.c.used && !snk.c.await_op && !snk.gone &&
                   ble_bap_bsnk_next_deadline(&snk) == BLE_NO_DEADLINE);
    if (src.state == BLE_BAP_BSRC_IDLE)
        FUZZ_CHECK(!src.c.used && !src.c.await_op && ble_bap_bsrc_next_deadline(&src) == BLE_NO_DEADLINE);
    for (i = 0; i < GUARD; i++) {
        FUZZ_CHECK(store[STORE + i] == 0xA5);
        FUZZ_CHECK(out[300 + i] == 0xA5);
    }
    drain();
    /* one end per procedure (unless the event queue overflowed) */
    {
        uint8_t st[2];
        uint32_t dropped[2];
        int w;
        st[0] = src.state;
        st[1] = snk.state;
        dropped[0] = src.c.stats.events_dropped;
        dropped[1] = snk.c.stats.events_dropped;
        for (w = 0; w < 2; w++) {
            if (dropped[w] == prev_dropped[w]) {
                if (prev_state[w] != 0 && st[w] == 0)
                    FUZZ_CHECK(ends[w] == 1 || (w == 1 && ends[w] == 0 && losses[w]));
                else
                    FUZZ_CHECK(ends[w] == 0);
            }
            prev_state[w] = st[w];
            prev_dropped[w] = dropped[w];
            ends[w] = losses[w] = 0;
        }
    }
}

static void src_start(uint8_t v)
{
    static struct ble_bap_bis bis[2];
    static struct ble_bap_subgroup sg;
    static struct ble_bap_qos q;
    struct ble_bap_bsrc_params p;
    memset(&p, 0, sizeof p);
    memset(&sg, 0, sizeof sg);
    bis[0].index = 1;
    bis[1].index = 2;
    bis[0].codec_cfg = bis[1].codec_cfg = ble_view_make(0, 0);
    sg.num_bis = (uint8_t)(1 + (v & 1));
    sg.codec_id[0] = 0x06;
    sg.codec_cfg = ble_view_make(cfg, sizeof cfg);
    sg.metadata = ble_view_make(0, 0);
    sg.bis = bis;
    (void)ble_bap_qos_get((v & 2) ? "48_4_1" : "16_2_1", BLE_BAP_BROADCAST, &q);
    p.adv_handle = 1;
    p.adv_sid = (uint8_t)(v >> 4);
    p.big_handle = 2;
    p.broadcast_id = 0xABCDEF;
    p.name = (v & 4) ? (const uint8_t *)"Fuzzcast" : 0;
    p.name_len = 8;
    p.subgroups = &sg;
    p.num_subgroups = 1;
    p.qos = &q;
    p.phy = 0x02;
    p.broadcast_code = (v & 8) ? code : 0;
    p.iso_len = (uint16_t)((v & 0x40) ? 12 : 251);
    (void)ble_bap_bsrc_start(&src, now, &p);
}

/* Polls who's next command and completes it (unless lost). */
static void pump(int who, uint8_t st, size_t cap, int lost, int no_le)
{
    int n;
    uint16_t op;
    memset(out, 0xA5, sizeof out);
    if (cap > 300)
        cap = 300;
    n = who ? ble_bap_bsnk_poll_cmd(&snk, now, 0, out, cap) : ble_bap_bsrc_poll_cmd(&src, now, 0, out, cap);
    if (n < 0)
        return;
    FUZZ_CHECK((size_t)n <= cap && n >= 3 && out[2] == n - 3);
    /* the command sent: its completion is due within the bound */
    FUZZ_CHECK((who ? ble_bap_bsnk_next_deadline(&snk) : ble_bap_bsrc_next_deadline(&src)) ==
               ble_deadline_after(now, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS));
    op = ble_get_le16(out);
    src_ops[who] = op;
    if (!who && op == BLE_HCI_CMD_LE_SET_EXT_ADV_DATA) {
        adv_len = out[6];
        memcpy(adv, out + 7, adv_len);
    }
    if (!who && op == BLE_HCI_CMD_LE_SET_PA_DATA) {
        pa_len = out[5];
        memcpy(pa, out + 6, pa_len);
    }
    {
        uint8_t e[6];
        int status_ev = op == BLE_HCI_CMD_LE_CREATE_BIG || op == BLE_HCI_CMD_LE_TERMINATE_BIG ||
                        op == BLE_HCI_CMD_LE_PA_CREATE_SYNC || op == BLE_HCI_CMD_LE_BIG_CREATE_SYNC;
        e[0] = status_ev ? 0x0F : 0x0E;
        e[1] = 4;
        if (status_ev) {
            e[2] = st;
            e[3] = 1;
            ble_put_le16(e + 4, op);
        } else {
            e[2] = 1;
            ble_put_le16(e + 3, op);
            e[5] = st;
        }
        if (lost)
            return;
        (void)(who ? evt_snk(e, 6) : evt_src(e, 6));
    }
    if (no_le)
        return;
    if (!who && op == BLE_HCI_CMD_LE_CREATE_BIG) { /* 7.7.65.27 */
        uint8_t p[22] = { 0, 2, 0x10, 0, 0, 0x20, 0, 0, 2, 4, 1, 0, 2, 0x28, 0, 8, 0, 2, 0x10, 0, 0x11, 0 };
        p[0] = (uint8_t)(st >> 4);
        p[17] = src.num_bis;
        le(0, 0x1B, p, 18 + 2u * src.num_bis);
    }
    if (!who && op == BLE_HCI_CMD_LE_TERMINATE_BIG) {
        uint8_t p[2] = { 2, 0x16 };
        le(0, 0x1C, p, 2);
    }
}

static void sink_event(uint8_t what, uint8_t st)
{
    switch (what % 8) {
    case 0: { /* 7.7.65.14 */
        uint8_t p[15] = { 0, 0x40, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 2, 0x50, 0, 0 };
        p[0] = (uint8_t)(st >> 5);
        p[3] = snk.sid;
        le(1, 0x0E, p, sizeof p);
        break;
    }
    case 1:   /* 7.7.65.15, whole */
    case 2: { /* split at st */
        uint8_t p[7 + 256] = { 0x40, 0, 0x7F, 0xC0, 0xFF, 0, 0 };
        size_t cut = what % 8 == 2 && pa_len ? st % pa_len : pa_len;
        p[5] = (uint8_t)(cut < pa_len ? 1 : 0);
        p[6] = (uint8_t)cut;
        memcpy(p + 7, pa, cut);
        le(1, 0x0F, p, 7 + cut);
        if (cut < pa_len) {
            p[5] = 0;
            p[6] = (uint8_t)(pa_len - cut);
            memcpy(p + 7, pa + cut, pa_len - cut);
            le(1, 0x0F, p, 7 + pa_len - cut);
        }
        break;
    }
    case 3: { /* 7.7.65.34 */
        uint8_t p[19] = { 0x40, 0, 2, 4, 8, 0, 1, 0, 2, 0x28, 0, 0x10, 0x27, 0, 0x28, 0, 2, 0, 0 };
        p[2] = (uint8_t)(st & 3);
        p[18] = (uint8_t)(st >> 7);
        le(1, 0x22, p, sizeof p);
        break;
    }
    case 4: { /* 7.7.65.29: the source's handles for the indexes asked */
        uint8_t p[14 + 8] = { 0, 2, 0, 0x20, 0, 4, 1, 0, 2, 0x28, 0, 8, 0, 0 };
        size_t i, n = snk.num_bis;
        p[0] = (uint8_t)(st >> 5);
        p[1] = snk.big_handle;
        p[13] = (uint8_t)n;
        for (i = 0; i < n && i < 4; i++)
            ble_put_le16(p + 14 + 2 * i, (uint16_t)(0x0F + snk.bis[i]));
        le(1, 0x1D, p, 14 + 2 * n);
        break;
    }
    case 5: { /* 7.7.65.30 */
        uint8_t p[2] = { 0, 0x08 };
        p[0] = snk.big_handle;
        le(1, 0x1E, p, 2);
        break;
    }
    case 6: { /* 7.7.65.16 */
        uint8_t p[2] = { 0x40, 0 };
        le(1, 0x10, p, 2);
        break;
    }
    default: { /* 7.7.65.13: the source's announcement */
        uint8_t p[25 + 256] = { 1, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 1, 2, 0, 0x7F, 0xC4, 0x50, 0, 0 };
        p[24] = (uint8_t)adv_len;
        memcpy(p + 25, adv, adv_len);
        le(1, 0x0D, p, 25 + adv_len);
        break;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data;
    size_t n = size;
    int steps = 0;
    uint8_t sdu[120];
    memset(sdu, 0, sizeof sdu);
    ble_bap_bsrc_init(&src);
    memset(store, 0xA5, sizeof store);
    memset(out, 0xA5, sizeof out);
    ble_bap_bsnk_init(&snk, store, STORE);
    pa_len = adv_len = 0;
    tainted = 0;
    now = 0xFFFFF000u; /* time wraps around within a run */
    prev_state[0] = prev_state[1] = 0;
    prev_dropped[0] = prev_dropped[1] = 0;
    ends[0] = ends[1] = losses[0] = losses[1] = 0;
    while (n && steps++ < 400) {
        uint8_t op = rd(&p, &n), a, b;
        size_t len, i;
        if (op >= 0xF0) {
            now += (uint32_t)(op & 0x0F) << 8 | rd(&p, &n);
            (void)ble_bap_bsrc_on_timer(&src, now);
            (void)ble_bap_bsnk_on_timer(&snk, now);
            FUZZ_CHECK(!ble_time_reached(now, ble_bap_bsrc_next_deadline(&src)));
            FUZZ_CHECK(!ble_time_reached(now, ble_bap_bsnk_next_deadline(&snk)));
            check_all();
            continue;
        }
        switch (op % 11) {
        case 0: case 1: case 2:
            len = rd(&p, &n);
            if (len > n)
                len = n;
            memcpy(pkt, p, len);
            pkt_len = len;
            p += len;
            n -= len;
            tainted = 1;
            if (op % 11 == 0)
                (void)evt_src(pkt, pkt_len);
            else if (op % 11 == 1)
                (void)evt_snk(pkt, pkt_len);
            else
                (void)ble_bap_bsnk_on_iso(&snk, now, pkt, pkt_len);
            break;
        case 3:
            src_start(rd(&p, &n));
            break;
        case 4:
            (void)ble_bap_bsrc_stop(&src, now);
            break;
        case 5: {
            uint8_t bis = rd(&p, &n) % 3;
            static uint8_t held[BLE_CFG_BAP_BCAST_MAX_BIS][120];
            len = rd(&p, &n) % sizeof sdu;
            if (bis >= 1 && bis <= src.num_bis && !src.sending[bis - 1]) {
                for (i = 0; i < len; i++)
                    held[bis - 1][i] = (uint8_t)(src.seq[bis - 1] * 7u + bis + i);
                (void)ble_bap_bsrc_send(&src, bis, held[bis - 1], len);
            } else {
                (void)ble_bap_bsrc_send(&src, bis, sdu, len);
            }
            break;
        }
        case 6:
            a = rd(&p, &n);
            b = rd(&p, &n);
            pump(a & 1, (a & 2) ? b : 0, (size_t)rd(&p, &n) + 3, a & 4, a & 8);
            break;
        case 7: {
            struct ble_bap_bsnk_sync_params sp;
            uint8_t bis[4];
            size_t k = 0;
            a = rd(&p, &n);
            for (i = 0; i < 4; i++)
                if (a >> i & 1)
                    bis[k++] = (uint8_t)(i + 1);
            memset(&sp, 0, sizeof sp);
            memcpy(sp.addr, "\x11\x22\x33\x44\x55\x66", 6);
            sp.big_handle = 2;
            sp.bis = bis;
            sp.num_bis = k;
            sp.broadcast_code = (a & 0x10) ? code : 0;
            (void)ble_bap_bsnk_sync(&snk, now, &sp);
            break;
        }
        case 8:
            (void)ble_bap_bsnk_stop(&snk, now);
            break;
        case 9:
            a = rd(&p, &n);
            sink_event(a, rd(&p, &n));
            break;
        default: {
            int k = rd(&p, &n) % 8, r;
            size_t cap = (size_t)rd(&p, &n) + 1;
            if (cap > sizeof pkt)
                cap = sizeof pkt;
            while (k-- > 0) {
                memset(pkt, 0xA5, sizeof pkt);
                r = ble_bap_bsrc_poll_iso(&src, 0, pkt, cap);
                if (r <= 0)
                    break;
                FUZZ_CHECK((size_t)r <= cap);
                for (i = (size_t)r; i < sizeof pkt; i++)
                    FUZZ_CHECK(pkt[i] == 0xA5);
                pkt_len = (size_t)r;
                (void)ble_bap_bsnk_on_iso(&snk, now, pkt, pkt_len);
                check_all();
            }
            break;
        }
        }
        check_all();
    }
    return 0;
}
