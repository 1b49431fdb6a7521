/* Unit tests of the GAP role machine (layers/gap_role.h): broadcaster,
 * observer, peripheral and central driven by recorded HCI event sequences.
 * Each command is checked byte for byte against the parameter layout of
 * Core 6.0 Vol 4 Part E 7.1, 7.8; each event is built as Vol 4 Part E 7.7
 * lays it out.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

static struct ble_gap_reasm_slot slots[2];
static uint8_t reasm_mem[2 * 400];
static struct ble_gap_dup dups[4];

static void setup(struct ble_gap *g)
{
    struct ble_gap_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.reasm_slots = slots;
    cfg.reasm_n = 2;
    cfg.reasm_storage = reasm_mem;
    cfg.reasm_cap = 400;
    cfg.dup = dups;
    cfg.dup_n = 4;
    cfg.cmd_timeout_ms = 1000;
    ble_gap_init(g, &cfg);
}

/* Expects the next command: opcode op with exactly these n parameter octets. */
#define EXPECT_CMD(g, op, ...)                                                              \
    do {                                                                                    \
        static const uint8_t want_[] = { __VA_ARGS__ };                                     \
        expect_cmd_((g), (op), want_, sizeof want_, __LINE__);                              \
    } while (0)
#define EXPECT_CMD0(g, op) expect_cmd_((g), (op), 0, 0, __LINE__)
static void expect_cmd_(struct ble_gap *g, uint16_t op, const uint8_t *want, size_t n, int line)
{
    uint8_t buf[3 + 255];
    int len = ble_gap_poll_cmd(g, 0, 0, buf, sizeof buf);
    if (len != (int)(3 + n))
        tt_fail_int(__FILE__, line, "len", len, "3 + n", (long long)(3 + n));
    if (len < 3)
        return;
    if (ble_get_le16(buf) != op)
        tt_fail_int(__FILE__, line, "opcode", ble_get_le16(buf), "op", op);
    if (n && len == (int)(3 + n) && !tt_memeq(buf + 3, want, n))
        tt_fail_mem(__FILE__, line, "params", buf + 3, want, n);
}

/* Command Complete (7.7.14) with one credit and Status; Command Status (7.7.15). */
static int cc(struct ble_gap *g, uint16_t op, uint8_t status)
{
    uint8_t e[6] = { 0x0E, 0x04, 0x01, 0, 0, 0 };
    ble_put_le16(e + 3, op);
    e[5] = status;
    return ble_gap_on_hci_event(g, 0, e, sizeof e);
}
static int cs(struct ble_gap *g, uint16_t op, uint8_t status)
{
    uint8_t e[6] = { 0x0F, 0x04, 0, 0x01, 0, 0 };
    e[2] = status;
    ble_put_le16(e + 4, op);
    return ble_gap_on_hci_event(g, 0, e, sizeof e);
}
/* An LE Meta event (7.7.65) with subevent sub and n parameter octets. */
static int le(struct ble_gap *g, uint32_t now, uint8_t sub, const uint8_t *p, size_t n)
{
    uint8_t e[2 + 1 + 255];
    e[0] = 0x3E;
    e[1] = (uint8_t)(1 + n);
    e[2] = sub;
    if (n)
        memcpy(e + 3, p, n);
    return ble_gap_on_hci_event(g, now, e, 3 + n);
}
#define LE(g, sub, ...)                                                                     \
    do {                                                                                    \
        static const uint8_t p_[] = { __VA_ARGS__ };                                        \
        CHECK_EQ(le((g), 0, (sub), p_, sizeof p_), BLE_OK);                                 \
    } while (0)

static int disc_complete(struct ble_gap *g, uint8_t status, uint16_t handle, uint8_t reason)
{
    uint8_t e[6] = { 0x05, 0x04, 0, 0, 0, 0 };
    e[2] = status;
    ble_put_le16(e + 3, handle);
    e[5] = reason;
    return ble_gap_on_hci_event(g, 0, e, sizeof e);
}

static struct ble_gap_event next_ev(struct ble_gap *g)
{
    struct ble_gap_event ev;
    memset(&ev, 0, sizeof ev);
    if (ble_gap_poll_event(g, &ev) != BLE_OK)
        ev.type = BLE_GAP_EV_NONE;
    return ev;
}

static void no_cmd(struct ble_gap *g)
{
    uint8_t buf[64];
    CHECK_EQ(ble_gap_poll_cmd(g, 0, 0, buf, sizeof buf), BLE_ERR_AGAIN);
}

/* Flags, Complete Local Name "Phone" (CSS Part A 1.3, 1.2). */
static const uint8_t ad9[] = { 0x02, 0x01, 0x06, 0x06, 0x09, 'P', 'h', 'o', 'n', 'e' };

static void legacy_start(struct ble_gap *g, uint8_t restart)
{
    struct ble_gap_adv_params p;
    memset(&p, 0, sizeof p);
    p.legacy = 1;
    p.props = BLE_GAP_ADV_PROP_CONNECTABLE | BLE_GAP_ADV_PROP_SCANNABLE;
    p.interval_min = p.interval_max = 0x00A0; /* 100 ms */
    p.ad = ad9;
    p.ad_len = sizeof ad9;
    p.restart = restart;
    CHECK_EQ(ble_gap_adv_start(g, 0, &p), BLE_OK);
    CHECK_EQ(ble_gap_adv_start(g, 0, &p), BLE_ERR_STATE);
    /* 7.8.5: Interval_Min, Interval_Max, Type ADV_IND, Own public, Peer public
     * 00:..:00, Channel_Map all, Filter_Policy none */
    EXPECT_CMD(g, 0x2006, 0xA0, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0x07, 0x00);
    no_cmd(g); /* one command at a time */
    CHECK_EQ(cc(g, 0x2006, 0), BLE_OK);
    /* 7.8.7: Advertising_Data_Length 10, then 31 octets zero padded */
    EXPECT_CMD(g, 0x2008, 0x0A, 0x02, 0x01, 0x06, 0x06, 0x09, 'P', 'h', 'o', 'n', 'e', 0, 0, 0, 0, 0, 0,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ(cc(g, 0x2008, 0), BLE_OK);
    EXPECT_CMD(g, 0x200A, 0x01); /* 7.8.9 */
    CHECK_EQ(next_ev(g).type, BLE_GAP_EV_NONE);
    CHECK_EQ(cc(g, 0x200A, 0), BLE_OK);
    CHECK_EQ(next_ev(g).type, BLE_GAP_EV_ADV_STARTED);
    CHECK_EQ(g->adv[0].state, BLE_GAP_ADV_ON);
}

static void legacy_advertising_sends_parameters_data_and_enable(void)
{
    struct ble_gap g;
    setup(&g);
    legacy_start(&g, 0);
    CHECK_EQ(ble_gap_adv_stop(&g, 0, 0), BLE_OK);
    EXPECT_CMD(&g, 0x200A, 0x00);
    CHECK_EQ(cc(&g, 0x200A, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_STOPPED);
    CHECK_EQ(g.adv[0].state, BLE_GAP_ADV_IDLE);
    no_cmd(&g);
}

static void advertising_start_fails_on_an_error_status(void)
{
    struct ble_gap g;
    struct ble_gap_event ev;
    struct ble_gap_adv_params p;
    setup(&g);
    memset(&p, 0, sizeof p);
    p.legacy = 1;
    p.interval_min = p.interval_max = 0x0020;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    EXPECT_CMD(&g, 0x2006, 0x20, 0x00, 0x20, 0x00, 0x03, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0x07, 0x00);
    CHECK_EQ(cc(&g, 0x2006, 0x12), BLE_OK); /* Invalid HCI Command Parameters */
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_STARTED);
    CHECK_EQ(ev.status, 0x12);
    CHECK_EQ(ev.opcode, 0x2006);
    CHECK_EQ(g.adv[0].state, BLE_GAP_ADV_IDLE);
    no_cmd(&g);
    /* legacy data over 31 octets is refused up front */
    p.ad = reasm_mem;
    p.ad_len = 32;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_ERR_PARAM);
    CHECK_EQ(g.proc_n, 0);
}

static void peripheral_advertises_again_after_disconnection(void)
{
    struct ble_gap g;
    struct ble_gap_event ev;
    setup(&g);
    legacy_start(&g, 1);
    /* 7.7.65.1: Status 0, Handle 0x0040, Role Peripheral, peer random
     * C0:11:22:33:44:55, interval 24, latency 0, timeout 400, accuracy 0 */
    LE(&g, 0x01, 0x00, 0x40, 0x00, 0x01, 0x01, 0x55, 0x44, 0x33, 0x22, 0x11, 0xC0, 24, 0, 0, 0, 0x90, 0x01, 0);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONNECTED);
    CHECK_EQ(ev.handle, 0x40);
    CHECK_EQ(ev.u.conn.role, BLE_GAP_ROLE_PERIPHERAL);
    CHECK_EQ(ev.u.conn.interval, 24);
    CHECK_EQ(ev.u.conn.timeout, 400);
    CHECK_EQ(ev.u.conn.peer_addr[5], 0xC0);
    CHECK_EQ(ev.u.conn.tx_phy, 1);
    CHECK_EQ(ev.u.conn.max_tx_octets, 27);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_STOPPED);
    CHECK_EQ(ev.connected, 1);
    CHECK_EQ(g.adv[0].state, BLE_GAP_ADV_CONNECTED);
    no_cmd(&g);
    CHECK_EQ(disc_complete(&g, 0, 0x40, 0x13), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_DISCONNECTED);
    CHECK_EQ(ev.reason, 0x13);
    CHECK(ble_gap_conn_find(&g, 0x40) == 0);
    EXPECT_CMD(&g, 0x200A, 0x01);
    CHECK_EQ(cc(&g, 0x200A, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_STARTED);
    /* a second disconnection of the same handle is unknown: counted */
    CHECK_EQ(disc_complete(&g, 0, 0x40, 0x13), BLE_OK);
    CHECK_EQ(g.stats.unknown_handle, 1);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
}

static void extended_advertising_fragments_data_and_adds_periodic(void)
{
    static uint8_t big[300], pa[10];
    struct ble_gap g;
    struct ble_gap_adv_params p;
    uint8_t buf[3 + 255];
    struct ble_gap_event ev;
    size_t i;
    setup(&g);
    for (i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)i;
    memset(pa, 0xEE, sizeof pa);
    memset(&p, 0, sizeof p);
    p.handle = 1;
    p.props = 0; /* non-connectable, non-scannable extended */
    p.interval_min = 0x000100;
    p.interval_max = 0x000200;
    p.tx_power = 127;
    p.primary_phy = 1;
    p.secondary_phy = 2;
    p.sid = 5;
    p.duration = 0;
    p.ad = big;
    p.ad_len = sizeof big;
    p.periodic = 1;
    p.pa_interval_min = p.pa_interval_max = 0x50;
    p.pa = pa;
    p.pa_len = sizeof pa;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    /* 7.8.53: handle 1, properties 0, intervals 3 octets each, channel map 7,
     * own/peer public, peer 0, filter 0, TX power 127, LE 1M, skip 0, LE 2M,
     * SID 5, no scan request notification */
    EXPECT_CMD(&g, 0x2036, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x02, 0x00, 0x07, 0x00, 0x00, 0, 0, 0,
               0, 0, 0, 0x00, 0x7F, 0x01, 0x00, 0x02, 0x05, 0x00);
    /* v1 returns Status and Selected_TX_Power */
    {
        static const uint8_t e[] = { 0x0E, 0x05, 0x01, 0x36, 0x20, 0x00, 0x05 };
        CHECK_EQ(ble_gap_on_hci_event(&g, 0, e, sizeof e), BLE_OK);
    }
    /* 7.8.54: first fragment (Operation 1) of 251 octets, then the last (2) */
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, buf, sizeof buf), 3 + 4 + 251);
    CHECK_EQ(ble_get_le16(buf), 0x2037);
    CHECK_EQ(buf[3], 1);
    CHECK_EQ(buf[4], 1);
    CHECK_EQ(buf[5], 1);
    CHECK_EQ(buf[6], 251);
    CHECK_MEM(buf + 7, big, 251);
    CHECK_EQ(cc(&g, 0x2037, 0), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, buf, sizeof buf), 3 + 4 + 49);
    CHECK_EQ(buf[4], 2);
    CHECK_EQ(buf[6], 49);
    CHECK_MEM(buf + 7, big + 251, 49);
    CHECK_EQ(cc(&g, 0x2037, 0), BLE_OK);
    EXPECT_CMD(&g, 0x203E, 0x01, 0x50, 0x00, 0x50, 0x00, 0x00, 0x00); /* 7.8.61 */
    CHECK_EQ(cc(&g, 0x203E, 0), BLE_OK);
    /* 7.8.62: complete data (Operation 3) */
    EXPECT_CMD(&g, 0x203F, 0x01, 0x03, 0x0A, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE);
    CHECK_EQ(cc(&g, 0x203F, 0), BLE_OK);
    EXPECT_CMD(&g, 0x2040, 0x01, 0x01); /* 7.8.63 */
    CHECK_EQ(cc(&g, 0x2040, 0), BLE_OK);
    /* 7.8.56: Enable, Num_Sets 1, handle 1, Duration 0, Max events 0 */
    EXPECT_CMD(&g, 0x2039, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00);
    CHECK_EQ(cc(&g, 0x2039, 0), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_STARTED);
    CHECK_EQ(ev.adv_handle, 1);
    /* stopping disables periodic advertising, then the set */
    CHECK_EQ(ble_gap_adv_stop(&g, 0, 1), BLE_OK);
    EXPECT_CMD(&g, 0x2040, 0x00, 0x01);
    CHECK_EQ(cc(&g, 0x2040, 0), BLE_OK);
    EXPECT_CMD(&g, 0x2039, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00);
    CHECK_EQ(cc(&g, 0x2039, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_STOPPED);
}

static void advertising_set_terminated_ends_the_set(void)
{
    struct ble_gap g;
    struct ble_gap_adv_params p;
    struct ble_gap_event ev;
    setup(&g);
    memset(&p, 0, sizeof p);
    p.handle = 2;
    p.props = BLE_GAP_ADV_PROP_CONNECTABLE;
    p.interval_min = p.interval_max = 0x30;
    p.duration = 500; /* 5 s */
    p.restart = 1;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    CHECK_EQ(cc(&g, 0x2036, 0), BLE_OK); /* nothing sent yet: not awaited, ignored */
    CHECK_EQ(g.stats.ignored, 1);
    EXPECT_CMD(&g, 0x2036, 0x02, 0x01, 0x00, 0x30, 0x00, 0x00, 0x30, 0x00, 0x00, 0x07, 0x00, 0x00, 0, 0, 0,
               0, 0, 0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00);
    CHECK_EQ(cc(&g, 0x2036, 0), BLE_OK);
    EXPECT_CMD(&g, 0x2039, 0x01, 0x01, 0x02, 0xF4, 0x01, 0x00);
    CHECK_EQ(cc(&g, 0x2039, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_STARTED);
    /* 7.7.65.18: Status 0x3C Advertising Timeout, handle 2 */
    LE(&g, 0x12, 0x3C, 0x02, 0x00, 0x00, 0x00);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_STOPPED);
    CHECK_EQ(ev.status, 0x3C);
    CHECK_EQ(ev.connected, 0);
    CHECK_EQ(g.adv[0].state, BLE_GAP_ADV_IDLE);
    /* a terminated event for a set not advertising: counted */
    LE(&g, 0x12, 0x00, 0x07, 0x40, 0x00, 0x00);
    CHECK_EQ(g.stats.ignored, 2);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
}

static void extended_set_connection_then_restart(void)
{
    struct ble_gap g;
    struct ble_gap_adv_params p;
    struct ble_gap_event ev;
    setup(&g);
    memset(&p, 0, sizeof p);
    p.handle = 0;
    p.props = BLE_GAP_ADV_PROP_CONNECTABLE;
    p.interval_min = p.interval_max = 0x30;
    p.restart = 1;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64) > 0, 1);
    CHECK_EQ(cc(&g, 0x2036, 0), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64) > 0, 1);
    CHECK_EQ(cc(&g, 0x2039, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_STARTED);
    /* 7.7.65.10 Enhanced Connection Complete [v1], then 7.7.65.18 with the handle */
    LE(&g, 0x0A, 0x00, 0x41, 0x00, 0x01, 0x00, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0,
       0, 0, 0xC8, 0x00, 0x01);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_CONNECTED);
    LE(&g, 0x12, 0x00, 0x00, 0x41, 0x00, 0x03);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_STOPPED);
    CHECK_EQ(ev.connected, 1);
    CHECK_EQ(ev.handle, 0x41);
    CHECK_EQ(ble_gap_conn_find(&g, 0x41)->adv_set, 1);
    CHECK_EQ(disc_complete(&g, 0, 0x41, 0x08), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_DISCONNECTED);
    EXPECT_CMD(&g, 0x2039, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00);
}

/* dup: BLE_GAP_DUP_OFF or BLE_GAP_DUP_HOST (Filter_Duplicates 0 either way). */
static void scan_start(struct ble_gap *g, uint8_t legacy, uint8_t dup)
{
    struct ble_gap_scan_params s;
    memset(&s, 0, sizeof s);
    s.legacy = legacy;
    s.active = 1;
    s.interval = 0x60;
    s.window = 0x30;
    s.filter_duplicates = dup;
    s.phys = legacy ? 0 : 0x05;
    CHECK_EQ(ble_gap_scan_start(g, 0, &s), BLE_OK);
    if (legacy) {
        EXPECT_CMD(g, 0x200B, 0x01, 0x60, 0x00, 0x30, 0x00, 0x00, 0x00); /* 7.8.10 */
        CHECK_EQ(cc(g, 0x200B, 0), BLE_OK);
        EXPECT_CMD(g, 0x200C, 0x01, 0x00); /* 7.8.11: the host filters, not the controller */
        CHECK_EQ(cc(g, 0x200C, 0), BLE_OK);
    } else {
        /* 7.8.64: own public, no filter, LE 1M and LE Coded, one block each */
        EXPECT_CMD(g, 0x2041, 0x00, 0x00, 0x05, 0x01, 0x60, 0x00, 0x30, 0x00, 0x01, 0x60, 0x00, 0x30, 0x00);
        CHECK_EQ(cc(g, 0x2041, 0), BLE_OK);
        EXPECT_CMD(g, 0x2042, 0x01, 0x00, 0, 0, 0, 0); /* 7.8.65 */
        CHECK_EQ(cc(g, 0x2042, 0), BLE_OK);
    }
    CHECK_EQ(next_ev(g).type, BLE_GAP_EV_SCAN_STARTED);
}

/* One extended report (7.7.65.13) of advertiser addr[0] = a, SID sid, with
 * Data_Status st and data d. */
static int ext_report(struct ble_gap *g, uint8_t a, uint8_t sid, uint8_t st, const char *d)
{
    uint8_t p[1 + 24 + 64];
    size_t n = strlen(d);
    memset(p, 0, sizeof p);
    p[0] = 1;                                 /* Num_Reports */
    ble_put_le16(p + 1, (uint16_t)(0x0000 | (st << 5))); /* non-connectable extended */
    p[3] = 0x01;                              /* random */
    p[4] = a;
    p[10] = 1;                                /* primary LE 1M */
    p[11] = 2;                                /* secondary LE 2M */
    p[12] = sid;
    p[13] = 0x7F;                             /* TX power unknown */
    p[14] = 0xC4;                             /* RSSI -60 */
    p[24] = (uint8_t)n;
    memcpy(p + 25, d, n);
    return le(g, 0, 0x0D, p, 25 + n);
}

static void extended_reports_are_reassembled_from_fragments(void)
{
    struct ble_gap g;
    struct ble_gap_event ev;
    setup(&g);
    scan_start(&g, 0, BLE_GAP_DUP_OFF);
    CHECK_EQ(ext_report(&g, 0xA1, 1, BLE_GAP_DATA_MORE, "ABC"), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    /* another advertiser interleaves */
    CHECK_EQ(ext_report(&g, 0xB2, 1, BLE_GAP_DATA_MORE, "xy"), BLE_OK);
    CHECK_EQ(ext_report(&g, 0xA1, 1, BLE_GAP_DATA_COMPLETE, "DEF"), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_REPORT);
    CHECK_EQ(ev.u.report.addr[0], 0xA1);
    CHECK_EQ(ev.u.report.data.len, 6);
    CHECK_MEM(ev.u.report.data.p, "ABCDEF", 6);
    CHECK_EQ(ev.u.report.truncated, 0);
    CHECK_EQ(ev.u.report.rssi, -60);
    CHECK_EQ(ev.u.report.secondary_phy, 2);
    CHECK_EQ(ev.u.report.event_type & 0x60, 0);
    /* "incomplete, truncated" ends the other one */
    CHECK_EQ(ext_report(&g, 0xB2, 1, BLE_GAP_DATA_TRUNCATED, "z"), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_REPORT);
    CHECK_EQ(ev.u.report.addr[0], 0xB2);
    CHECK_EQ(ev.u.report.truncated, 1);
    CHECK_MEM(ev.u.report.data.p, "xyz", 3);
    /* a report in one piece is a view of the event itself */
    CHECK_EQ(ext_report(&g, 0xC3, 2, BLE_GAP_DATA_COMPLETE, "Q"), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.u.report.data.len, 1);
    CHECK_EQ(ev.u.report.sid, 2);
    /* three advertisers in progress with two slots: the oldest gives way */
    CHECK_EQ(ext_report(&g, 0x01, 0, BLE_GAP_DATA_MORE, "1"), BLE_OK);
    CHECK_EQ(ext_report(&g, 0x02, 0, BLE_GAP_DATA_MORE, "2"), BLE_OK);
    CHECK_EQ(ext_report(&g, 0x03, 0, BLE_GAP_DATA_MORE, "3"), BLE_OK);
    CHECK_EQ(g.reasm.stats.evictions, 1);
    CHECK_EQ(ext_report(&g, 0x01, 0, BLE_GAP_DATA_COMPLETE, "a"), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.u.report.data.len, 1); /* its start was lost: only the tail */
    CHECK_EQ(ext_report(&g, 0x03, 0, BLE_GAP_DATA_COMPLETE, "c"), BLE_OK);
    ev = next_ev(&g);
    CHECK_MEM(ev.u.report.data.p, "3c", 2);
    /* LE Scan Timeout (7.7.65.17) ends scanning */
    CHECK_EQ(le(&g, 0, 0x11, 0, 0), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SCAN_STOPPED);
    CHECK_EQ(ev.timeout, 1);
    CHECK_EQ(ble_gap_scan_stop(&g, 0), BLE_ERR_STATE);
    /* reports after scanning are counted, not reported */
    CHECK_EQ(ext_report(&g, 0xC3, 2, BLE_GAP_DATA_COMPLETE, "Q"), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
}

static void reassembly_overflow_is_reported_truncated(void)
{
    struct ble_gap_reasm r;
    struct ble_gap_reasm_slot s[1];
    uint8_t mem[4];
    struct ble_gap_reasm_key k;
    struct ble_view out;
    uint8_t tr = 9;
    memset(&k, 0, sizeof k);
    ble_gap_reasm_init(&r, s, 1, mem, sizeof mem);
    CHECK_EQ(ble_gap_reasm_push(&r, &k, BLE_GAP_DATA_MORE, (const uint8_t *)"abc", 3, &out, &tr), 0);
    CHECK_EQ(ble_gap_reasm_push(&r, &k, BLE_GAP_DATA_COMPLETE, (const uint8_t *)"def", 3, &out, &tr), 1);
    CHECK_EQ(out.len, 4);
    CHECK_MEM(out.p, "abcd", 4);
    CHECK_EQ(tr, 1);
    CHECK_EQ(r.stats.overflows, 1);
    /* the data handed out stays until the next epoch: a new report has no slot */
    CHECK_EQ(ble_gap_reasm_push(&r, &k, BLE_GAP_DATA_MORE, (const uint8_t *)"x", 1, &out, &tr), 1);
    CHECK_EQ(tr, 1);
    CHECK_EQ(r.stats.dropped, 1);
    ble_gap_reasm_epoch(&r);
    CHECK_EQ(ble_gap_reasm_push(&r, &k, BLE_GAP_DATA_MORE, (const uint8_t *)"x", 1, &out, &tr), 0);
    /* Data_Status 0b11 is reserved: taken as truncated */
    CHECK_EQ(ble_gap_reasm_push(&r, &k, 3, (const uint8_t *)"y", 1, &out, &tr), 1);
    CHECK_EQ(tr, 1);
    CHECK_EQ(r.stats.bad_status, 1);
}

static void host_duplicate_filter_reports_each_advertisement_once(void)
{
    struct ble_gap g;
    struct ble_gap_event ev;
    /* 7.7.65.2: one ADV_IND report, public 11:22:33:44:55:66, data, RSSI -50 */
    static const uint8_t rep[] = { 0x01, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x03, 0x02, 0x01, 0x06, 0xCE };
    static const uint8_t rep2[] = { 0x01, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x03, 0x02, 0x01, 0x05, 0xCE };
    setup(&g);
    scan_start(&g, 1, BLE_GAP_DUP_HOST);
    CHECK_EQ(le(&g, 0, 0x02, rep, sizeof rep), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_REPORT);
    CHECK_EQ(ev.u.report.event_type, 0x13); /* legacy ADV_IND */
    CHECK_EQ(ev.u.report.rssi, -50);
    CHECK_EQ(ev.u.report.data.len, 3);
    CHECK(ev.u.report.data.p != 0);
    CHECK_EQ(le(&g, 0, 0x02, rep, sizeof rep), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    CHECK_EQ(g.stats.duplicates, 1);
    CHECK_EQ(le(&g, 0, 0x02, rep2, sizeof rep2), BLE_OK); /* data changed */
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_REPORT);
    CHECK_EQ(ble_gap_scan_stop(&g, 0), BLE_OK);
    EXPECT_CMD(&g, 0x200C, 0x00, 0x00);
    CHECK_EQ(cc(&g, 0x200C, 0x0C), BLE_OK); /* Command Disallowed: still scanning */
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CMD_FAILED);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(g.scan_state, BLE_GAP_SCAN_ON);
    /* a malformed report (count 2, one entry) is counted and changes nothing */
    {
        uint8_t bad[sizeof rep];
        memcpy(bad, rep, sizeof rep);
        bad[0] = 2;
        CHECK(le(&g, 0, 0x02, bad, sizeof bad) < 0);
        CHECK_EQ(g.stats.malformed, 1);
        CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    }
}

static void connect_params(struct ble_gap_connect_params *c, uint8_t legacy)
{
    static const uint8_t peer[6] = { 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
    memset(c, 0, sizeof *c);
    c->legacy = legacy;
    c->peer_addr_type = 0;
    memcpy(c->peer_addr, peer, 6);
    c->scan_interval = 0x60;
    c->scan_window = 0x60;
    c->conn.interval_min = 24;
    c->conn.interval_max = 40;
    c->conn.latency = 0;
    c->conn.timeout = 400;
    c->timeout_ms = 2000;
}

static void central_connect_times_out_and_cancels(void)
{
    struct ble_gap g;
    struct ble_gap_connect_params c;
    struct ble_gap_event ev;
    setup(&g);
    connect_params(&c, 1);
    CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_OK);
    CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_ERR_STATE);
    /* 7.8.12: scan 0x60/0x60, no filter, peer public 11:22:33:44:55:66, own
     * public, interval 24..40, latency 0, timeout 400, CE 0..0 */
    EXPECT_CMD(&g, 0x200D, 0x60, 0x00, 0x60, 0x00, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00,
               24, 0x00, 40, 0x00, 0x00, 0x00, 0x90, 0x01, 0x00, 0x00, 0x00, 0x00);
    CHECK_EQ(cs(&g, 0x200D, 0), BLE_OK);
    CHECK_EQ(g.init_state, BLE_GAP_INIT_ON);
    CHECK_EQ(ble_gap_next_deadline(&g), 2000);
    CHECK_EQ(ble_gap_on_timer(&g, 1999), BLE_OK);
    no_cmd(&g);
    CHECK_EQ(ble_gap_on_timer(&g, 2000), BLE_OK);
    EXPECT_CMD0(&g, 0x200E); /* 7.8.13, no parameters */
    CHECK_EQ(cc(&g, 0x200E, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    /* the cancelled attempt ends with Unknown Connection Identifier */
    LE(&g, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONNECTED);
    CHECK_EQ(ev.status, 0x02);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
    CHECK_EQ(g.init_state, BLE_GAP_INIT_IDLE);
    CHECK_EQ(ble_gap_next_deadline(&g), BLE_NO_DEADLINE);
}

static void central_connect_fails_on_command_status(void)
{
    struct ble_gap g;
    struct ble_gap_connect_params c;
    struct ble_gap_event ev;
    setup(&g);
    connect_params(&c, 1);
    c.conn.timeout = 10; /* 100 ms < 2 * 50 ms: invalid (Vol 6 Part B 4.5.2) */
    CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_ERR_PARAM);
    connect_params(&c, 1);
    CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 25);
    CHECK_EQ(cs(&g, 0x200D, 0x0C), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONNECTED);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(ev.opcode, 0x200D);
    CHECK_EQ(g.init_state, BLE_GAP_INIT_IDLE);
}

static void central_extended_connect_on_two_phys(void)
{
    struct ble_gap g;
    struct ble_gap_connect_params c;
    struct ble_gap_event ev;
    setup(&g);
    connect_params(&c, 0);
    c.phys = 0x05; /* LE 1M and LE Coded */
    c.timeout_ms = 0;
    CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_OK);
    /* 7.8.66: filter 0, own 0, peer 0 + address, PHYs 0x05, two blocks */
    EXPECT_CMD(&g, 0x2043, 0x00, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x05,
               0x60, 0x00, 0x60, 0x00, 24, 0x00, 40, 0x00, 0x00, 0x00, 0x90, 0x01, 0x00, 0x00, 0x00, 0x00,
               0x60, 0x00, 0x60, 0x00, 24, 0x00, 40, 0x00, 0x00, 0x00, 0x90, 0x01, 0x00, 0x00, 0x00, 0x00);
    CHECK_EQ(cs(&g, 0x2043, 0), BLE_OK);
    CHECK_EQ(ble_gap_next_deadline(&g), BLE_NO_DEADLINE);
    CHECK_EQ(ble_gap_connect_cancel(&g, 0), BLE_OK);
    EXPECT_CMD0(&g, 0x200E);
    CHECK_EQ(cc(&g, 0x200E, 0x0C), BLE_OK); /* too late: the connection is made */
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    /* 7.7.65.10 [v2]: handle 0x0001, Central, then advertising/sync handles */
    LE(&g, 0x29, 0x00, 0x01, 0x00, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 40, 0, 0, 0, 0x90, 0x01, 0x00, 0xFF, 0xFF, 0xFF);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONNECTED);
    CHECK_EQ(ev.status, 0);
    CHECK_EQ(ev.u.conn.role, BLE_GAP_ROLE_CENTRAL);
    CHECK_EQ(ev.u.conn.interval, 40);
    /* 7.7.65.12 PHY Update Complete: LE Coded both ways */
    LE(&g, 0x0C, 0x00, 0x01, 0x00, 0x03, 0x03);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_PHY_UPDATED);
    CHECK_EQ(ble_gap_conn_find(&g, 1)->tx_phy, 3);
    /* 7.7.65.7 Data Length Change: 251 octets, 2120 us */
    LE(&g, 0x07, 0x01, 0x00, 0xFB, 0x00, 0x48, 0x08, 0xFB, 0x00, 0x48, 0x08);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_DATA_LEN_CHANGED);
    CHECK_EQ(ble_gap_conn_find(&g, 1)->max_rx_octets, 251);
    /* 7.7.8 [v2] Encryption Change: on, key size 16 */
    {
        static const uint8_t e[] = { 0x59, 0x05, 0x00, 0x01, 0x00, 0x01, 0x10 };
        CHECK_EQ(ble_gap_on_hci_event(&g, 0, e, sizeof e), BLE_OK);
        ev = next_ev(&g);
        CHECK_EQ(ev.type, BLE_GAP_EV_ENC_CHANGED);
        CHECK_EQ(ev.u.conn.encrypted, 1);
        CHECK_EQ(ev.u.conn.key_size, 16);
    }
    CHECK_EQ(ble_gap_conn_set_security(&g, 1, 4), BLE_OK);
    CHECK_EQ(ble_gap_conn_find(&g, 1)->security, 4);
    CHECK_EQ(ble_gap_conn_set_security(&g, 9, 2), BLE_ERR_NOT_FOUND);
}

static void cancelled_connect_without_its_event_gives_up(void)
{
    struct ble_gap g;
    struct ble_gap_connect_params c;
    struct ble_gap_event ev;
    setup(&g);
    connect_params(&c, 1);
    c.timeout_ms = 0;
    CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_OK);
    CHECK_EQ(ble_gap_connect_cancel(&g, 0), BLE_ERR_STATE); /* not initiating yet */
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 25);
    CHECK_EQ(cs(&g, 0x200D, 0), BLE_OK);
    CHECK_EQ(ble_gap_connect_cancel(&g, 0), BLE_OK);
    CHECK_EQ(ble_gap_connect_cancel(&g, 0), BLE_ERR_STATE);
    EXPECT_CMD0(&g, 0x200E);
    CHECK_EQ(cc(&g, 0x200E, 0), BLE_OK);
    /* 7.8.13 promises a Connection Complete; the host waits one command timeout */
    CHECK_EQ(ble_gap_next_deadline(&g), 1000);
    CHECK_EQ(ble_gap_on_timer(&g, 999), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    CHECK_EQ(ble_gap_on_timer(&g, 1000), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONNECTED);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
    CHECK_EQ(g.init_state, BLE_GAP_INIT_IDLE);
    CHECK_EQ(ble_gap_next_deadline(&g), BLE_NO_DEADLINE);
    /* a late Connection Complete (Central, success) still gives the link */
    LE(&g, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 24, 0, 0, 0, 0x90, 0x01, 0);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_CONNECTED);
    CHECK(ble_gap_conn_find(&g, 5) != 0);
}

static void connect_central(struct ble_gap *g, uint16_t handle)
{
    uint8_t p[18];
    memset(p, 0, sizeof p);
    ble_put_le16(p + 1, handle);
    p[10] = 24;
    ble_put_le16(p + 14, 400);
    CHECK_EQ(le(g, 0, 0x01, p, sizeof p), BLE_OK);
    CHECK_EQ(next_ev(g).type, BLE_GAP_EV_CONNECTED);
}

static void connection_update_and_parameter_request(void)
{
    struct ble_gap g;
    struct ble_gap_conn_params cp;
    struct ble_gap_event ev;
    setup(&g);
    connect_central(&g, 0x0002);
    memset(&cp, 0, sizeof cp);
    cp.interval_min = 6;
    cp.interval_max = 12;
    cp.latency = 4;
    cp.timeout = 300;
    CHECK_EQ(ble_gap_conn_update(&g, 0, 0x0002, &cp), BLE_OK);
    CHECK_EQ(ble_gap_conn_update(&g, 0, 0x0009, &cp), BLE_ERR_NOT_FOUND);
    /* 7.8.18 */
    EXPECT_CMD(&g, 0x2013, 0x02, 0x00, 0x06, 0x00, 0x0C, 0x00, 0x04, 0x00, 0x2C, 0x01, 0x00, 0x00, 0x00, 0x00);
    CHECK_EQ(cs(&g, 0x2013, 0), BLE_OK);
    CHECK_EQ(ble_gap_conn_update(&g, 0, 0x0002, &cp), BLE_ERR_STATE); /* one at a time */
    /* 7.7.65.3: interval 12, latency 4, timeout 300 */
    LE(&g, 0x03, 0x00, 0x02, 0x00, 0x0C, 0x00, 0x04, 0x00, 0x2C, 0x01);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONN_UPDATED);
    CHECK_EQ(ev.u.conn.interval, 12);
    CHECK_EQ(ev.u.conn.latency, 4);
    CHECK_EQ(ble_gap_conn_find(&g, 2)->updating, 0);
    /* 7.7.65.6 Remote Connection Parameter Request: 8..16, 0, 200 */
    LE(&g, 0x06, 0x02, 0x00, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00, 0xC8, 0x00);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONN_PARAM_REQ);
    CHECK_EQ(ev.u.params.interval_max, 16);
    CHECK_EQ(ble_gap_conn_param_reply(&g, 0, 0x0002, 1, 0), BLE_OK);
    CHECK_EQ(ble_gap_conn_param_reply(&g, 0, 0x0002, 1, 0), BLE_ERR_STATE);
    /* 7.8.31: the values asked for */
    EXPECT_CMD(&g, 0x2020, 0x02, 0x00, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00, 0xC8, 0x00, 0x00, 0x00, 0x00, 0x00);
    CHECK_EQ(cc(&g, 0x2020, 0), BLE_OK);
    LE(&g, 0x06, 0x02, 0x00, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00, 0xC8, 0x00);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_CONN_PARAM_REQ);
    CHECK_EQ(ble_gap_conn_param_reply(&g, 0, 0x0002, 0, 0), BLE_OK);
    EXPECT_CMD(&g, 0x2021, 0x02, 0x00, 0x3B); /* 7.8.32: Unacceptable Connection Parameters */
    CHECK_EQ(cc(&g, 0x2021, 0), BLE_OK);
    /* a request about an unknown handle is refused at once */
    LE(&g, 0x06, 0x07, 0x00, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00, 0xC8, 0x00);
    CHECK_EQ(g.stats.unknown_handle, 1);
    EXPECT_CMD(&g, 0x2021, 0x07, 0x00, 0x02);
    CHECK_EQ(cc(&g, 0x2021, 0x02), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CMD_FAILED);
    CHECK_EQ(ev.opcode, 0x2021);
    /* an update the Controller refuses */
    CHECK_EQ(ble_gap_conn_update(&g, 0, 0x0002, &cp), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 14);
    CHECK_EQ(cs(&g, 0x2013, 0x1A), BLE_OK); /* Unsupported Remote Feature */
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CONN_UPDATED);
    CHECK_EQ(ev.status, 0x1A);
    /* then the L2CAP request carries the same values */
    {
        struct ble_l2cap_sig_conn_param_update_req q;
        struct ble_gap_conn_params back;
        ble_gap_conn_params_to_l2cap(&cp, &q);
        CHECK_EQ(q.interval_max, 12);
        CHECK_EQ(q.timeout, 300);
        ble_gap_conn_params_from_l2cap(&q, &back);
        CHECK_EQ(back.latency, 4);
    }
}

static void disconnect_with_reason(void)
{
    struct ble_gap g;
    struct ble_gap_event ev;
    setup(&g);
    connect_central(&g, 0x0003);
    CHECK_EQ(ble_gap_disconnect(&g, 0, 0x0003, 0x99), BLE_ERR_PARAM);
    CHECK_EQ(ble_gap_disconnect(&g, 0, 0x0003, 0x13), BLE_OK);
    CHECK_EQ(ble_gap_disconnect(&g, 0, 0x0003, 0x13), BLE_ERR_STATE);
    EXPECT_CMD(&g, 0x0406, 0x03, 0x00, 0x13); /* 7.1.6 */
    CHECK_EQ(cs(&g, 0x0406, 0), BLE_OK);
    /* 7.7.5: Connection Terminated By Local Host */
    CHECK_EQ(disc_complete(&g, 0, 0x0003, 0x16), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_DISCONNECTED);
    CHECK_EQ(ev.reason, 0x16);
    CHECK_EQ(ev.u.conn.handle, 3);
    CHECK(ble_gap_conn_find(&g, 3) == 0);
    CHECK_EQ(ble_gap_disconnect(&g, 0, 0x0003, 0x13), BLE_ERR_NOT_FOUND);
}

static void full_connection_table_refuses_with_low_resources(void)
{
    struct ble_gap g;
    uint16_t h;
    setup(&g);
    for (h = 1; h <= BLE_CFG_GAP_MAX_CONNS; h++)
        connect_central(&g, h);
    {
        uint8_t p[18];
        memset(p, 0, sizeof p);
        ble_put_le16(p + 1, 0x0E00);
        CHECK_EQ(le(&g, 0, 0x01, p, sizeof p), BLE_OK);
    }
    CHECK_EQ(g.stats.no_conn_slot, 1);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    EXPECT_CMD(&g, 0x0406, 0x00, 0x0E, 0x14);
}

static void command_timeout_fails_the_procedure(void)
{
    struct ble_gap g;
    struct ble_gap_event ev;
    struct ble_gap_scan_params s;
    setup(&g);
    memset(&s, 0, sizeof s);
    s.legacy = 1;
    s.interval = s.window = 0x10;
    CHECK_EQ(ble_gap_scan_start(&g, 0, &s), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 100, 0, reasm_mem, 64), 3 + 7);
    CHECK_EQ(ble_gap_next_deadline(&g), 1100);
    CHECK_EQ(ble_gap_on_timer(&g, 1099), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    CHECK_EQ(ble_gap_on_timer(&g, 1100), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SCAN_STARTED);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
    CHECK_EQ(g.stats.cmd_timeouts, 1);
    CHECK_EQ(g.scan_state, BLE_GAP_SCAN_IDLE);
    /* the late completion is not taken for anything */
    CHECK_EQ(cc(&g, 0x200B, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    no_cmd(&g);
}

static void commands_go_through_the_host_credits(void)
{
    struct ble_gap g;
    struct ble_hci_host host;
    struct ble_gap_scan_params s;
    uint8_t buf[64];
    setup(&g);
    ble_hci_host_init(&host, 0);
    memset(&s, 0, sizeof s);
    s.legacy = 1;
    s.interval = s.window = 0x10;
    CHECK_EQ(ble_gap_scan_start(&g, 0, &s), BLE_OK);
    /* the host is not up: the command waits, nothing changes */
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, &host, buf, sizeof buf), BLE_ERR_STATE);
    CHECK_EQ(g.await_op, 0);
    host.state = BLE_HCI_HOST_READY;
    host.credits = 0;
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, &host, buf, sizeof buf), BLE_ERR_AGAIN);
    host.credits = 1;
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, &host, buf, sizeof buf), 3 + 7);
    CHECK_EQ(host.credits, 0);
    CHECK_EQ(g.await_op, 0x200B);
}

static void periodic_sync_established_reports_and_lost(void)
{
    struct ble_gap g;
    struct ble_gap_sync_params sp;
    struct ble_gap_event ev;
    static const uint8_t addr[6] = { 1, 2, 3, 4, 5, 6 };
    setup(&g);
    memset(&sp, 0, sizeof sp);
    sp.sid = 3;
    sp.addr_type = 1;
    memcpy(sp.addr, addr, 6);
    sp.sync_timeout = 1000;
    sp.timeout_ms = 5000;
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_OK);
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_ERR_STATE);
    /* 7.8.67: options 0, SID 3, random 06:05:04:03:02:01, skip 0, timeout 1000, CTE 0 */
    EXPECT_CMD(&g, 0x2044, 0x00, 0x03, 0x01, 1, 2, 3, 4, 5, 6, 0x00, 0x00, 0xE8, 0x03, 0x00);
    CHECK_EQ(cs(&g, 0x2044, 0), BLE_OK);
    CHECK_EQ(ble_gap_next_deadline(&g), 5000);
    /* 7.7.65.14: status 0, sync handle 0x0010, SID 3, random, addr, LE 2M, interval 0x50 */
    LE(&g, 0x0E, 0x00, 0x10, 0x00, 0x03, 0x01, 1, 2, 3, 4, 5, 6, 0x02, 0x50, 0x00, 0x00);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ev.handle, 0x10);
    CHECK_EQ(ev.u.sync.phy, 2);
    CHECK_EQ(ev.u.sync.interval, 0x50);
    CHECK(ble_gap_sync_find(&g, 0x10) != 0);
    CHECK_EQ(ble_gap_next_deadline(&g), BLE_NO_DEADLINE);
    /* 7.7.65.15: two fragments of one periodic advertisement */
    LE(&g, 0x0F, 0x10, 0x00, 0x7F, 0xC0, 0xFF, 0x01, 0x02, 'h', 'i');
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    LE(&g, 0x0F, 0x10, 0x00, 0x7F, 0xC1, 0xFF, 0x00, 0x01, '!');
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_PA_REPORT);
    CHECK_EQ(ev.handle, 0x10);
    CHECK_EQ(ev.u.report.data.len, 3);
    CHECK_MEM(ev.u.report.data.p, "hi!", 3);
    CHECK_EQ(ev.u.report.rssi, -63);
    /* a report of another train is counted */
    LE(&g, 0x0F, 0x11, 0x00, 0x7F, 0xC1, 0xFF, 0x00, 0x00);
    CHECK_EQ(g.stats.unknown_handle, 1);
    /* 7.7.65.34 BIGInfo: the parameters stay raw for the broadcast sink */
    {
        uint8_t p[19]; /* Sync_Handle .. Encryption */
        memset(p, 0, sizeof p);
        p[0] = 0x10;
        CHECK_EQ(le(&g, 0, 0x22, p, sizeof p), BLE_OK);
        ev = next_ev(&g);
        CHECK_EQ(ev.type, BLE_GAP_EV_BIGINFO);
        CHECK_EQ(ev.raw.len, sizeof p);
    }
    LE(&g, 0x10, 0x10, 0x00); /* 7.7.65.16 Sync Lost */
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_LOST);
    CHECK(ble_gap_sync_find(&g, 0x10) == 0);
    CHECK_EQ(ble_gap_sync_terminate(&g, 0, 0x10), BLE_ERR_NOT_FOUND);
}

static void periodic_sync_cancel_and_terminate(void)
{
    struct ble_gap g;
    struct ble_gap_sync_params sp;
    struct ble_gap_event ev;
    setup(&g);
    memset(&sp, 0, sizeof sp);
    sp.sync_timeout = 100;
    sp.timeout_ms = 300;
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 14);
    CHECK_EQ(cs(&g, 0x2044, 0), BLE_OK);
    /* the host's timeout cancels (7.8.68) */
    CHECK_EQ(ble_gap_on_timer(&g, 300), BLE_OK);
    EXPECT_CMD0(&g, 0x2045);
    CHECK_EQ(cc(&g, 0x2045, 0), BLE_OK);
    /* Sync Established with Operation Cancelled by Host */
    LE(&g, 0x0E, 0x44, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ev.status, 0x44);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
    CHECK_EQ(g.syncs[0].state, BLE_GAP_SYNC_FREE);
    /* an established event nobody asked for is counted */
    LE(&g, 0x0E, 0x00, 0x20, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ(g.stats.ignored, 1);
    /* again, established, then terminated (7.8.69) */
    sp.timeout_ms = 0;
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 14);
    CHECK_EQ(cs(&g, 0x2044, 0), BLE_OK);
    LE(&g, 0x0E, 0x00, 0x21, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x50, 0x00, 0x00);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ble_gap_sync_terminate(&g, 0, 0x21), BLE_OK);
    EXPECT_CMD(&g, 0x2046, 0x21, 0x00);
    CHECK_EQ(cc(&g, 0x2046, 0), BLE_OK);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_TERMINATED);
    CHECK_EQ(ev.handle, 0x21);
    CHECK(ble_gap_sync_find(&g, 0x21) == 0);
}

static void directed_advertising_timeout_and_sync_transfer(void)
{
    struct ble_gap g;
    struct ble_gap_adv_params p;
    struct ble_gap_event ev;
    static const uint8_t peer[6] = { 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
    setup(&g);
    memset(&p, 0, sizeof p);
    p.legacy = 1;
    p.props = BLE_GAP_ADV_PROP_CONNECTABLE | BLE_GAP_ADV_PROP_DIRECTED | BLE_GAP_ADV_PROP_HIGH_DUTY;
    p.peer_addr_type = 0;
    memcpy(p.peer_addr, peer, 6);
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    /* 7.8.5: ADV_DIRECT_IND (high duty cycle) to the peer */
    EXPECT_CMD(&g, 0x2006, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x07, 0x00);
    CHECK_EQ(cc(&g, 0x2006, 0), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 32);
    CHECK_EQ(cc(&g, 0x2008, 0), BLE_OK);
    EXPECT_CMD(&g, 0x200A, 0x01);
    CHECK_EQ(cc(&g, 0x200A, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_ADV_STARTED);
    /* 7.8.9: high duty directed advertising ends after 1.28 s with a
     * Connection Complete of status Advertising Timeout (0x3C) */
    LE(&g, 0x01, 0x3C, 0x00, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_ADV_STOPPED);
    CHECK_EQ(ev.status, 0x3C);
    CHECK_EQ(g.adv[0].state, BLE_GAP_ADV_IDLE);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
    /* 7.7.65.24: a peer hands over a periodic advertising sync */
    LE(&g, 0x18, 0x00, 0x01, 0x00, 0x00, 0x00, 0x30, 0x00, 0x02, 0x01, 1, 2, 3, 4, 5, 6, 0x01, 0x50, 0x00, 0x00);
    ev = next_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ev.handle, 0x30);
    CHECK_EQ(ev.u.sync.sid, 2);
    CHECK(ble_gap_sync_find(&g, 0x30) != 0);
}

static void unrelated_and_malformed_events_are_counted(void)
{
    struct ble_gap g;
    static const uint8_t hw[] = { 0x10, 0x01, 0x00 };          /* Hardware Error */
    static const uint8_t cis_req[] = { 0x3E, 0x07, 0x1A, 0, 0, 0, 0, 0, 0 }; /* LE CIS Request */
    static const uint8_t short_cc[] = { 0x0E, 0x03, 0x01, 0x06, 0x20 };      /* no Status */
    static const uint8_t bad_len[] = { 0x05, 0x05, 0, 0, 0, 0 };
    struct ble_gap_adv_params p;
    setup(&g);
    CHECK_EQ(ble_gap_on_hci_event(&g, 0, hw, sizeof hw), BLE_OK);
    CHECK_EQ(ble_gap_on_hci_event(&g, 0, cis_req, sizeof cis_req), BLE_OK);
    CHECK_EQ(g.stats.ignored, 2);
    CHECK(ble_gap_on_hci_event(&g, 0, bad_len, sizeof bad_len) < 0);
    CHECK_EQ(g.stats.malformed, 1);
    memset(&p, 0, sizeof p);
    p.legacy = 1;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem, 64), 3 + 15);
    CHECK_EQ(ble_gap_on_hci_event(&g, 0, short_cc, sizeof short_cc), BLE_ERR_SHORT);
    CHECK_EQ(g.stats.malformed, 2);
    CHECK_EQ(g.await_op, 0x2006); /* still waiting */
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE);
}

/* Every prefix of a well-formed event is refused as malformed and changes
 * nothing but the counter (and the reassembly epoch). */
static void truncated_events_change_nothing(void)
{
    static const uint8_t conn[] = { 0x3E, 0x13, 0x01, 0x00, 0x40, 0x00, 0x00, 0x01, 1, 2, 3, 4, 5, 6,
                                    24, 0, 0, 0, 0x90, 0x01, 0 };
    static const uint8_t rep[] = { 0x3E, 0x1B, 0x0D, 0x01, 0x20, 0x00, 0x01, 9, 9, 9, 9, 9, 9, 1, 2, 1,
                                   0x7F, 0xC4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 'x' };
    const uint8_t *evs[2];
    size_t lens[2], e, n;
    struct ble_gap g;
    static struct ble_gap before;
    evs[0] = conn, lens[0] = sizeof conn;
    evs[1] = rep, lens[1] = sizeof rep;
    setup(&g);
    scan_start(&g, 0, BLE_GAP_DUP_OFF);
    {
        struct ble_gap_connect_params c;
        connect_params(&c, 1);
        CHECK_EQ(ble_gap_connect(&g, 0, &c), BLE_OK);
        CHECK_EQ(ble_gap_poll_cmd(&g, 0, 0, reasm_mem + 500, 64), 3 + 25);
        CHECK_EQ(cs(&g, 0x200D, 0), BLE_OK);
    }
    for (e = 0; e < 2; e++) {
        for (n = 0; n < lens[e]; n++) {
            uint8_t copy[64];
            memcpy(copy, evs[e], n);
            if (n >= 2)
                copy[1] = (uint8_t)(n - 2); /* a consistent header, short parameters */
            before = g;
            CHECK(ble_gap_on_hci_event(&g, 0, copy, n) < 0);
            CHECK_EQ(g.stats.malformed, before.stats.malformed + 1);
            g.stats.malformed = before.stats.malformed;
            g.reasm.epoch = before.reasm.epoch;
            CHECK(memcmp(&g, &before, sizeof g) == 0);
        }
        /* the whole event is taken */
        CHECK_EQ(ble_gap_on_hci_event(&g, 0, evs[e], lens[e]), BLE_OK);
    }
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_CONNECTED);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_NONE); /* the fragment waits for more */
}

static void request_queue_is_bounded(void)
{
    struct ble_gap g;
    uint16_t h;
    setup(&g);
    for (h = 1; h <= BLE_CFG_GAP_MAX_CONNS; h++)
        connect_central(&g, h);
    for (h = 1; h <= BLE_CFG_GAP_PROCS; h++)
        CHECK_EQ(ble_gap_disconnect(&g, 0, h, 0x13), BLE_OK);
    if (BLE_CFG_GAP_PROCS < BLE_CFG_GAP_MAX_CONNS) {
        CHECK_EQ(ble_gap_disconnect(&g, 0, (uint16_t)(BLE_CFG_GAP_PROCS + 1), 0x13), BLE_ERR_FULL);
        CHECK_EQ(ble_gap_conn_find(&g, (uint16_t)(BLE_CFG_GAP_PROCS + 1))->disconnecting, 0);
    }
    /* the connection of a queued request goes first: the request fails */
    CHECK_EQ(disc_complete(&g, 0, 2, 0x08), BLE_OK);
    EXPECT_CMD(&g, 0x0406, 0x01, 0x00, 0x13);
    CHECK_EQ(cs(&g, 0x0406, 0), BLE_OK);
    CHECK_EQ(next_ev(&g).type, BLE_GAP_EV_DISCONNECTED);
    {
        struct ble_gap_event ev = next_ev(&g);
        CHECK_EQ(ev.type, BLE_GAP_EV_CMD_FAILED);
        CHECK_EQ(ev.err, BLE_ERR_NOT_FOUND);
        CHECK_EQ(ev.handle, 2);
    }
    EXPECT_CMD(&g, 0x0406, 0x03, 0x00, 0x13);
}

void suite_gap_role(void)
{
    TT_RUN(legacy_advertising_sends_parameters_data_and_enable);
    TT_RUN(advertising_start_fails_on_an_error_status);
    TT_RUN(peripheral_advertises_again_after_disconnection);
    TT_RUN(extended_advertising_fragments_data_and_adds_periodic);
    TT_RUN(advertising_set_terminated_ends_the_set);
    TT_RUN(extended_set_connection_then_restart);
    TT_RUN(extended_reports_are_reassembled_from_fragments);
    TT_RUN(reassembly_overflow_is_reported_truncated);
    TT_RUN(host_duplicate_filter_reports_each_advertisement_once);
    TT_RUN(central_connect_times_out_and_cancels);
    TT_RUN(central_connect_fails_on_command_status);
    TT_RUN(central_extended_connect_on_two_phys);
    TT_RUN(cancelled_connect_without_its_event_gives_up);
    TT_RUN(connection_update_and_parameter_request);
    TT_RUN(disconnect_with_reason);
    TT_RUN(full_connection_table_refuses_with_low_resources);
    TT_RUN(command_timeout_fails_the_procedure);
    TT_RUN(commands_go_through_the_host_credits);
    TT_RUN(periodic_sync_established_reports_and_lost);
    TT_RUN(periodic_sync_cancel_and_terminate);
    TT_RUN(directed_advertising_timeout_and_sync_transfer);
    TT_RUN(unrelated_and_malformed_events_are_counted);
    TT_RUN(truncated_events_change_nothing);
    TT_RUN(request_queue_is_bounded);
}
