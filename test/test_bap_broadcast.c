/* Unit tests of the BAP broadcast machines (profiles/bap_broadcast.h): the
 * Broadcast Source and Broadcast Sink of BAP 1.0 section 6 driven by canned
 * HCI events. Each command is checked byte for byte against the parameter
 * layout of Core 6.0 Vol 4 Part E 7.8; each event is built as 7.7 lays it out.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

/* ---- Helpers ---- */

typedef int (*poll_fn)(void *m, uint8_t *buf, size_t cap);
typedef int (*evt_fn)(void *m, const uint8_t *evt, size_t len);

static int src_poll(void *m, uint8_t *buf, size_t cap)
{
    return ble_bap_bsrc_poll_cmd((struct ble_bap_bsrc *)m, 0, 0, buf, cap);
}
static int snk_poll(void *m, uint8_t *buf, size_t cap)
{
    return ble_bap_bsnk_poll_cmd((struct ble_bap_bsnk *)m, 0, 0, buf, cap);
}
static int src_evt(void *m, const uint8_t *e, size_t n)
{
    return ble_bap_bsrc_on_hci_event((struct ble_bap_bsrc *)m, 0, e, n);
}
static int snk_evt(void *m, const uint8_t *e, size_t n)
{
    return ble_bap_bsnk_on_hci_event((struct ble_bap_bsnk *)m, 0, e, n);
}

/* The last command polled, for the loopback. */
static uint8_t last_cmd[3 + 255];
static int last_len;

#define EXPECT_CMD(poll, m, op, ...)                                                        \
    do {                                                                                    \
        static const uint8_t want_[] = { __VA_ARGS__ };                                     \
        expect_cmd_((poll), (m), (op), want_, sizeof want_, __LINE__);                      \
    } while (0)
static void expect_cmd_(poll_fn poll, void *m, uint16_t op, const uint8_t *want, size_t n, int line)
{
    int len = poll(m, last_cmd, sizeof last_cmd);
    last_len = len;
    if (len != (int)(3 + n))
        tt_fail_int(__FILE__, line, "len", len, "3 + n", (long long)(3 + n));
    if (len < 3)
        return;
    if (ble_get_le16(last_cmd) != op)
        tt_fail_int(__FILE__, line, "opcode", ble_get_le16(last_cmd), "op", op);
    if (last_cmd[2] != n)
        tt_fail_int(__FILE__, line, "plen", last_cmd[2], "n", (long long)n);
    if (len == (int)(3 + n) && !tt_memeq(last_cmd + 3, want, n))
        tt_fail_mem(__FILE__, line, "params", last_cmd + 3, want, n);
}
/* Polls any command (its opcode). */
static uint16_t next_op(poll_fn poll, void *m)
{
    last_len = poll(m, last_cmd, sizeof last_cmd);
    return last_len >= 3 ? ble_get_le16(last_cmd) : 0;
}

/* Command Complete (7.7.14) with one credit and Status; Command Status (7.7.15). */
static int cc(evt_fn f, void *m, uint16_t op, uint8_t status)
{
    uint8_t e[6] = { 0x0E, 0x04, 0x01, 0, 0, 0 };
    ble_put_le16(e + 3, op);
    e[5] = status;
    return f(m, e, sizeof e);
}
static int cs(evt_fn f, void *m, uint16_t op, uint8_t status)
{
    uint8_t e[6] = { 0x0F, 0x04, 0, 0x01, 0, 0 };
    e[2] = status;
    ble_put_le16(e + 4, op);
    return f(m, e, sizeof e);
}
/* LE Meta event (7.7.65): Subevent_Code then the parameters. */
static int le(evt_fn f, void *m, uint8_t sub, const uint8_t *p, size_t n)
{
    uint8_t e[260];
    e[0] = 0x3E;
    e[1] = (uint8_t)(n + 1);
    e[2] = sub;
    memcpy(e + 3, p, n);
    return f(m, e, n + 3);
}
#define LE(f, m, sub, ...)                                                                  \
    do {                                                                                    \
        static const uint8_t p_[] = { __VA_ARGS__ };                                        \
        CHECK_EQ(le((f), (m), (sub), p_, sizeof p_), BLE_OK);                               \
    } while (0)

static struct ble_bap_bcast_event ev;
static int src_ev(struct ble_bap_bsrc *s)
{
    memset(&ev, 0, sizeof ev);
    return ble_bap_bsrc_poll_event(s, &ev) == BLE_OK ? ev.type : -1;
}
static int snk_ev(struct ble_bap_bsnk *k)
{
    memset(&ev, 0, sizeof ev);
    return ble_bap_bsnk_poll_event(k, &ev) == BLE_OK ? ev.type : -1;
}

/* ---- A two-BIS source: LC3 16_2_1 (BAP 1.0 Table 6.4) ---- */

/* Codec_Specific_Configuration (BAP 1.0 4.3.2): 16 kHz, 10 ms, 40 octets. */
static const uint8_t sg_cfg[] = { 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00 };
/* Metadata: Streaming_Audio_Contexts = Media (0x0004). */
static const uint8_t sg_meta[] = { 0x03, 0x02, 0x04, 0x00 };
static const uint8_t bis1_cfg[] = { 0x05, 0x03, 0x01, 0x00, 0x00, 0x00 }; /* Front Left */
static const uint8_t bis2_cfg[] = { 0x05, 0x03, 0x02, 0x00, 0x00, 0x00 }; /* Front Right */
static struct ble_bap_bis bises[2];
static struct ble_bap_subgroup sg;
static struct ble_bap_qos qos;
static const uint8_t name[] = { 'T', 'e', 's', 't' };

static void src_params(struct ble_bap_bsrc_params *p)
{
    memset(p, 0, sizeof *p);
    bises[0].index = 1;
    bises[0].codec_cfg = ble_view_make(bis1_cfg, sizeof bis1_cfg);
    bises[1].index = 2;
    bises[1].codec_cfg = ble_view_make(bis2_cfg, sizeof bis2_cfg);
    memset(&sg, 0, sizeof sg);
    sg.num_bis = 2;
    sg.codec_id[0] = 0x06; /* LC3 */
    sg.codec_cfg = ble_view_make(sg_cfg, sizeof sg_cfg);
    sg.metadata = ble_view_make(sg_meta, sizeof sg_meta);
    sg.bis = bises;
    CHECK_EQ(ble_bap_qos_get("16_2_1", BLE_BAP_BROADCAST, &qos), BLE_OK);
    p->adv_handle = 0x01;
    p->adv_sid = 0x05;
    p->big_handle = 0x02;
    p->broadcast_id = 0x123456;
    p->name = name;
    p->name_len = sizeof name;
    p->subgroups = &sg;
    p->num_subgroups = 1;
    p->qos = &qos;
    p->phy = 0x02;
    p->iso_len = 251;
}

/* The PA data: one AD structure, Service Data 0x1851 + BASE (BAP 1.0 3.7.2.2). */
#define PA_DATA                                                                             \
    0x2D, 0x16, 0x51, 0x18,                        /* AD length 45, Service Data, 0x1851 */ \
    0x40, 0x9C, 0x00,                              /* Presentation_Delay 40000 us */        \
    0x01,                                          /* Num_Subgroups */                      \
    0x02, 0x06, 0x00, 0x00, 0x00, 0x00,            /* Num_BIS 2, Codec_ID LC3 */            \
    0x0A, 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00, /* codec cfg */       \
    0x04, 0x03, 0x02, 0x04, 0x00,                  /* Metadata */                           \
    0x01, 0x06, 0x05, 0x03, 0x01, 0x00, 0x00, 0x00, /* BIS 1, Front Left */                 \
    0x02, 0x06, 0x05, 0x03, 0x02, 0x00, 0x00, 0x00  /* BIS 2, Front Right */
/* The extended advertising data: Broadcast Audio Announcement (BAP 1.0
 * 3.7.2.1) and Broadcast_Name (CSS Part A 1.22). */
#define ADV_DATA 0x06, 0x16, 0x52, 0x18, 0x56, 0x34, 0x12, 0x05, 0x30, 'T', 'e', 's', 't'

static const uint8_t pa_data[] = { PA_DATA };

/* The seven start commands, each completed with the status given at its
 * position (0 for all: success); stops after a failure. Returns the number sent. */
static int src_start_cmds(struct ble_bap_bsrc *s, int fail_at, uint8_t status)
{
    int i = 0;
    /* 7.8.53: handle 1, properties 0 (non-connectable, non-scannable,
     * undirected), intervals 0xA0 (100 ms), channels 37-39, public address,
     * no peer, no filter, TX power 127 (no preference), primary LE 1M, skip 0,
     * secondary LE 2M, SID 5, no scan request notifications */
    EXPECT_CMD(src_poll, s, 0x2036, 0x01, 0x00, 0x00, 0xA0, 0x00, 0x00, 0xA0, 0x00, 0x00, 0x07, 0x00, 0x00,
               0, 0, 0, 0, 0, 0, 0x00, 0x7F, 0x01, 0x00, 0x02, 0x05, 0x00);
    CHECK_EQ(cc(src_evt, s, 0x2036, i == fail_at ? status : 0), BLE_OK);
    if (i++ == fail_at)
        return i;
    /* 7.8.54: handle 1, Operation 3 (complete), Fragment_Preference 1, length 13 */
    EXPECT_CMD(src_poll, s, 0x2037, 0x01, 0x03, 0x01, 0x0D, ADV_DATA);
    CHECK_EQ(cc(src_evt, s, 0x2037, i == fail_at ? status : 0), BLE_OK);
    if (i++ == fail_at)
        return i;
    /* 7.8.61: handle 1, interval 80 (100 ms) min and max, properties 0 */
    EXPECT_CMD(src_poll, s, 0x203E, 0x01, 0x50, 0x00, 0x50, 0x00, 0x00, 0x00);
    CHECK_EQ(cc(src_evt, s, 0x203E, i == fail_at ? status : 0), BLE_OK);
    if (i++ == fail_at)
        return i;
    /* 7.8.62: handle 1, Operation 3 (complete), length 46 */
    EXPECT_CMD(src_poll, s, 0x203F, 0x01, 0x03, 0x2E, PA_DATA);
    CHECK_EQ(cc(src_evt, s, 0x203F, i == fail_at ? status : 0), BLE_OK);
    if (i++ == fail_at)
        return i;
    /* 7.8.63: Enable 1, handle 1 */
    EXPECT_CMD(src_poll, s, 0x2040, 0x01, 0x01);
    CHECK_EQ(cc(src_evt, s, 0x2040, i == fail_at ? status : 0), BLE_OK);
    if (i++ == fail_at)
        return i;
    /* 7.8.56: Enable 1, Num_Sets 1, handle 1, Duration 0, Max events 0 */
    EXPECT_CMD(src_poll, s, 0x2039, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00);
    CHECK_EQ(cc(src_evt, s, 0x2039, i == fail_at ? status : 0), BLE_OK);
    if (i++ == fail_at)
        return i;
    /* 7.8.103: BIG 2, adv handle 1, Num_BIS 2, SDU_Interval 10000 us,
     * Max_SDU 40, Max_Transport_Latency 10 ms, RTN 2, PHY 2M, sequential
     * packing, unframed, unencrypted, Broadcast_Code zero */
    EXPECT_CMD(src_poll, s, 0x2068, 0x02, 0x01, 0x02, 0x10, 0x27, 0x00, 0x28, 0x00, 0x0A, 0x00, 0x02, 0x02,
               0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ(cs(src_evt, s, 0x2068, i == fail_at ? status : 0), BLE_OK);
    i++;
    return i;
}

/* 7.7.65.27 Create BIG Complete: BIG 2, two BIS handles 0x0010, 0x0011. */
static void src_big_complete(struct ble_bap_bsrc *s, uint8_t status)
{
    uint8_t p[] = { 0x00, 0x02, 0x10, 0x00, 0x00, 0x20, 0x00, 0x00, 0x02, 0x04, 0x01, 0x00, 0x02,
                    0x28, 0x00, 0x08, 0x00, 0x02, 0x10, 0x00, 0x11, 0x00 };
    p[0] = status;
    CHECK_EQ(le(src_evt, s, 0x1B, p, sizeof p), BLE_OK);
}

static void src_to_streaming(struct ble_bap_bsrc *s, struct ble_bap_bsrc_params *p)
{
    ble_bap_bsrc_init(s);
    src_params(p);
    CHECK_EQ(ble_bap_bsrc_start(s, 0, p), BLE_OK);
    CHECK_EQ(src_start_cmds(s, -1, 0), 7);
    CHECK_EQ(s->state, BLE_BAP_BSRC_STARTING);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    src_big_complete(s, 0);
    CHECK_EQ(src_ev(s), BLE_BAP_BCAST_EV_BIG_CREATED);
    CHECK_EQ(ev.num_bis, 2);
    CHECK_EQ(ev.bis_handles[0], 0x0010);
    CHECK_EQ(ev.bis_handles[1], 0x0011);
    /* 7.8.109: handle, direction 0 (input), HCI path, transparent Codec_ID,
     * Controller_Delay 0, no codec configuration */
    EXPECT_CMD(src_poll, s, 0x206E, 0x10, 0x00, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x00);
    CHECK_EQ(cc(src_evt, s, 0x206E, 0), BLE_OK);
    EXPECT_CMD(src_poll, s, 0x206E, 0x11, 0x00, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x00);
    CHECK_EQ(src_ev(s), -1);
    CHECK_EQ(cc(src_evt, s, 0x206E, 0), BLE_OK);
    CHECK_EQ(src_ev(s), BLE_BAP_BCAST_EV_STARTED);
    CHECK_EQ(s->state, BLE_BAP_BSRC_STREAMING);
}

static void source_start_and_stop_byte_exact(void)
{
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    /* 7.8.105: BIG 2, Reason 0x16 (terminated by local host) */
    EXPECT_CMD(src_poll, &s, 0x206A, 0x02, 0x16);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    LE(src_evt, &s, 0x1C, 0x02, 0x16); /* 7.7.65.28 Terminate BIG Complete */
    EXPECT_CMD(src_poll, &s, 0x2040, 0x00, 0x01);                   /* 7.8.63 off */
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0), BLE_OK);
    EXPECT_CMD(src_poll, &s, 0x2039, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00); /* 7.8.56 off */
    CHECK_EQ(src_ev(&s), -1);
    CHECK_EQ(cc(src_evt, &s, 0x2039, 0), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(ev.num_bis, 2);
    CHECK_EQ(ev.bis_handles[1], 0x0011);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
}

static void source_failure_at_each_step(void)
{
    static const uint16_t ops[7] = { 0x2036, 0x2037, 0x203E, 0x203F, 0x2040, 0x2039, 0x2068 };
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    int k;
    for (k = 0; k < 7; k++) {
        ble_bap_bsrc_init(&s);
        src_params(&p);
        CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
        CHECK_EQ(src_start_cmds(&s, k, 0x0C), k + 1);
        CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_FAILED);
        CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_ADV_PARAMS + k);
        CHECK_EQ(ev.opcode, ops[k]);
        CHECK_EQ(ev.status, 0x0C);
        CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
        CHECK_EQ(src_ev(&s), -1);
        CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    }
    /* Create BIG Complete with a failure status */
    ble_bap_bsrc_init(&s);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    src_big_complete(&s, 0x09);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIG_COMPLETE);
    CHECK_EQ(ev.status, 0x09);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    /* a data path refused */
    ble_bap_bsrc_init(&s);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    src_big_complete(&s, 0);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_BIG_CREATED);
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    CHECK_EQ(cc(src_evt, &s, 0x206E, 0x12), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_DATA_PATH);
    CHECK_EQ(ev.opcode, 0x206E);
    CHECK_EQ(ev.status, 0x12);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    /* Terminate BIG refused while stopping */
    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206A);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0x42), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_TERMINATE_BIG);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
}

static void source_rejects_bad_parameters_unchanged(void)
{
    struct ble_bap_bsrc s, copy;
    struct ble_bap_bsrc_params p;
    static const struct ble_bap_bis gap_bis[2] = { { 1, { 0, 0 } }, { 3, { 0, 0 } } };
    ble_bap_bsrc_init(&s);
    src_params(&p);
    memcpy(&copy, &s, sizeof s);
    p.name_len = 3; /* Broadcast_Name is 4..32 octets */
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_PARAM);
    src_params(&p);
    p.adv_handle = 0xF0;
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_RANGE);
    src_params(&p);
    p.broadcast_id = 0x1000000;
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_RANGE);
    src_params(&p);
    sg.bis = gap_bis; /* BIS indexes 1 and 3 of a two-BIS BIG */
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_RANGE);
    src_params(&p);
    p.iso_len = 4;
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_PARAM);
    CHECK(tt_memeq(&s, &copy, sizeof s));
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, pa_data, 4), BLE_ERR_STATE);
}

/* ---- Sink ---- */

static uint8_t store[2 * 128];
static const uint8_t peer[6] = { 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1 };

static void snk_params(struct ble_bap_bsnk_sync_params *p, const uint8_t *bis, size_t n)
{
    memset(p, 0, sizeof *p);
    p->addr_type = 0x01;
    memcpy(p->addr, peer, 6);
    p->sid = 0x05;
    p->big_handle = 0x03;
    p->bis = bis;
    p->num_bis = n;
}

/* 7.7.65.14: status, Sync_Handle 0x0040, SID 5, random address, LE 2M,
 * interval 80, clock accuracy 0. */
static void snk_pa_established(struct ble_bap_bsnk *k, uint8_t status)
{
    uint8_t p[] = { 0x00, 0x40, 0x00, 0x05, 0x01, 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1, 0x02, 0x50, 0x00, 0x00 };
    p[0] = status;
    CHECK_EQ(le(snk_evt, k, 0x0E, p, sizeof p), BLE_OK);
}
/* 7.7.65.15: Sync_Handle 0x0040, TX power 127, RSSI -64, no CTE, Data_Status, data. */
static void snk_pa_report(struct ble_bap_bsnk *k, uint8_t data_status, const uint8_t *d, size_t n)
{
    uint8_t p[7 + 255] = { 0x40, 0x00, 0x7F, 0xC0, 0xFF, 0x00, 0x00 };
    p[5] = data_status;
    p[6] = (uint8_t)n;
    memcpy(p + 7, d, n);
    CHECK_EQ(le(snk_evt, k, 0x0F, p, 7 + n), BLE_OK);
}
/* 7.7.65.34 BIGInfo: Sync_Handle 0x0040, Num_BIS 2, NSE 4, ISO_Interval 8,
 * BN 1, PTO 0, IRC 2, Max_PDU 40, SDU_Interval 10000, Max_SDU 40, LE 2M,
 * unframed, Encryption as given. */
static void snk_biginfo(struct ble_bap_bsnk *k, uint8_t enc)
{
    uint8_t p[] = { 0x40, 0x00, 0x02, 0x04, 0x08, 0x00, 0x01, 0x00, 0x02, 0x28, 0x00,
                    0x10, 0x27, 0x00, 0x28, 0x00, 0x02, 0x00, 0x00 };
    p[18] = enc;
    CHECK_EQ(le(snk_evt, k, 0x22, p, sizeof p), BLE_OK);
}
/* 7.7.65.29 BIG Sync Established: BIG 3, handles as given. */
static void snk_big_established(struct ble_bap_bsnk *k, uint8_t status, const uint16_t *h, size_t n)
{
    uint8_t p[13 + 2 * 4] = { 0x00, 0x03, 0x00, 0x20, 0x00, 0x04, 0x01, 0x00, 0x02, 0x28, 0x00, 0x08, 0x00 };
    size_t i;
    p[0] = status;
    p[13] = (uint8_t)n;
    for (i = 0; i < n; i++)
        ble_put_le16(p + 14 + 2 * i, h[i]);
    CHECK_EQ(le(snk_evt, k, 0x1D, p, 14 + 2 * n), BLE_OK);
}

/* Sync to PA, BASE, BIGInfo: up to BIG Create Sync sent for BIS 2. */
static void snk_to_big_syncing(struct ble_bap_bsnk *k)
{
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    ble_bap_bsnk_init(k, store, sizeof store);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(k, 0, &sp), BLE_OK);
    /* 7.8.67: Options 0, SID 5, random address, Skip 0, Sync_Timeout 1000
     * (10 s), Sync_CTE_Type 0 */
    EXPECT_CMD(snk_poll, k, 0x2044, 0x00, 0x05, 0x01, 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1, 0x00, 0x00, 0xE8,
               0x03, 0x00);
    CHECK_EQ(cs(snk_evt, k, 0x2044, 0), BLE_OK);
    CHECK_EQ(k->state, BLE_BAP_BSNK_PA_SYNCING);
    snk_pa_established(k, 0);
    CHECK_EQ(snk_ev(k), BLE_BAP_BCAST_EV_PA_SYNCED);
    CHECK_EQ(ev.sync_handle, 0x0040);
    snk_pa_report(k, 0, pa_data, sizeof pa_data);
    CHECK_EQ(snk_ev(k), BLE_BAP_BCAST_EV_BASE);
    CHECK_EQ(ev.base.presentation_delay, 40000);
    CHECK_EQ(ev.base.num_subgroups, 1);
    snk_pa_report(k, 0, pa_data, sizeof pa_data); /* the same BASE again: no event */
    CHECK_EQ(snk_ev(k), -1);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    snk_biginfo(k, 0);
    /* 7.8.106: BIG 3, Sync_Handle 0x0040, unencrypted, Broadcast_Code zero,
     * MSE 0, BIG_Sync_Timeout 1000, Num_BIS 1, BIS 2 */
    EXPECT_CMD(snk_poll, k, 0x206B, 0x03, 0x40, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               0x00, 0xE8, 0x03, 0x01, 0x02);
    CHECK_EQ(cs(snk_evt, k, 0x206B, 0), BLE_OK);
    CHECK_EQ(k->state, BLE_BAP_BSNK_BIG_SYNCING);
}

static void sink_sync_and_stop_byte_exact(void)
{
    struct ble_bap_bsnk k;
    static const uint16_t h[1] = { 0x0020 };
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BIG_SYNCED);
    CHECK_EQ(ev.bis_handles[0], 0x0020);
    /* 7.8.109: handle 0x0020, direction 1 (output), HCI, transparent */
    EXPECT_CMD(snk_poll, &k, 0x206E, 0x20, 0x00, 0x01, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x00);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STARTED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_STREAMING);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x206C, 0x03);       /* 7.8.107 BIG 3 */
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00); /* 7.8.69 Sync_Handle 0x0040 */
    CHECK_EQ(snk_ev(&k), -1);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_ERR_STATE);
}

static void sink_reports_announcements(void)
{
    struct ble_bap_bsnk k;
    /* 7.7.65.13: one report, Event_Type 0 (non-connectable, complete),
     * random address, LE 1M / LE 2M, SID 5, TX 127, RSSI -60, PA interval
     * 80, no direct address, data */
    uint8_t p[] = { 0x01, 0x00, 0x00, 0x01, 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1, 0x01, 0x02, 0x05, 0x7F, 0xC4,
                    0x50, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0x0D, ADV_DATA };
    ble_bap_bsnk_init(&k, store, sizeof store);
    CHECK_EQ(le(snk_evt, &k, 0x0D, p, sizeof p), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_ANNOUNCEMENT);
    CHECK_EQ(ev.broadcast_id, 0x123456);
    CHECK_EQ(ev.sid, 5);
    CHECK_EQ(ev.addr_type, 1);
    CHECK(tt_memeq(ev.addr, peer, 6));
    p[1] = 0x20; /* Data_Status incomplete: not read */
    CHECK_EQ(le(snk_evt, &k, 0x0D, p, sizeof p), BLE_OK);
    CHECK_EQ(snk_ev(&k), -1);
    p[1] = 0x00;
    p[27] = 0x19; /* another UUID */
    CHECK_EQ(le(snk_evt, &k, 0x0D, p, sizeof p), BLE_OK);
    CHECK_EQ(snk_ev(&k), -1);
}

static void sink_failure_at_each_step(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    static const uint16_t h[1] = { 0x0020 };
    /* PA Create Sync refused */
    ble_bap_bsnk_init(&k, store, sizeof store);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0x0C), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_PA_CREATE_SYNC);
    CHECK_EQ(ev.opcode, 0x2044);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* PA Sync Established with a failure (0x3E: connection failed to be established) */
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0x3E);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_PA_SYNC);
    CHECK_EQ(ev.status, 0x3E);
    CHECK_EQ(ev.sync_handle, 0xFFFF);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* BIG Create Sync refused */
    ble_bap_bsnk_init(&k, store, sizeof store);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    snk_biginfo(&k, 0);
    CHECK_EQ(next_op(snk_poll, &k), 0x206B);
    CHECK_EQ(cs(snk_evt, &k, 0x206B, 0x0D), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_SYNCED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BASE);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIG_CREATE_SYNC);
    CHECK_EQ(ev.opcode, 0x206B);
    CHECK_EQ(ev.status, 0x0D);
    CHECK_EQ(ev.sync_handle, 0x0040); /* the PA sync the controller still holds */
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* BIG Sync Established with a failure (0x3D: MIC failure) */
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0x3D, h, 0);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIG_SYNC);
    CHECK_EQ(ev.status, 0x3D);
    /* a data path refused */
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0x01), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BIG_SYNCED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_DATA_PATH);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* BIG Terminate Sync refused */
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x206C);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0x02), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BIG_SYNCED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STARTED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIG_TERMINATE_SYNC);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
}

static void sink_malformed_base_sends_nothing(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    uint8_t bad[sizeof pa_data];
    ble_bap_bsnk_init(&k, store, sizeof store);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_SYNCED);
    memcpy(bad, pa_data, sizeof bad);
    bad[8] = 0x00; /* Num_BIS 0 (BAP 1.0 Table 3.16: at least one) */
    snk_pa_report(&k, 0, bad, sizeof bad);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BAD_BASE);
    CHECK_EQ(ev.err, BLE_ERR_MALFORMED);
    snk_pa_report(&k, 0, bad, sizeof bad); /* reported once */
    CHECK_EQ(snk_ev(&k), -1);
    snk_biginfo(&k, 0);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    CHECK_EQ(k.state, BLE_BAP_BSNK_PA_SYNCED);
    /* a truncated PA unit is dropped, then a good one in two fragments */
    snk_pa_report(&k, 2, pa_data, 10);
    CHECK_EQ(k.c.stats.pa_truncated, 1);
    snk_pa_report(&k, 1, pa_data, 20);
    CHECK_EQ(snk_ev(&k), -1);
    snk_pa_report(&k, 0, pa_data + 20, sizeof pa_data - 20);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BASE);
    CHECK_EQ(next_op(snk_poll, &k), 0x206B); /* BIGInfo was kept */
}

static void sink_bis_not_in_base_sends_nothing(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t three[2] = { 1, 3 };
    ble_bap_bsnk_init(&k, store, sizeof store);
    snk_params(&sp, three, 2);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_biginfo(&k, 0);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_SYNCED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BASE);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIS_CHECK);
    CHECK_EQ(ev.err, BLE_ERR_NOT_FOUND);
    CHECK_EQ(ev.opcode, 0);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* an encrypted BIG without a Broadcast_Code */
    {
        static const uint8_t one[1] = { 1 };
        ble_bap_bsnk_init(&k, store, sizeof store);
        snk_params(&sp, one, 1);
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
        CHECK_EQ(next_op(snk_poll, &k), 0x2044);
        CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
        snk_pa_established(&k, 0);
        snk_pa_report(&k, 0, pa_data, sizeof pa_data);
        snk_biginfo(&k, 1);
        CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
        CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    }
    /* bad sync parameters change nothing */
    {
        struct ble_bap_bsnk copy;
        static const uint8_t dup[2] = { 1, 1 }, zero[1] = { 0 };
        ble_bap_bsnk_init(&k, store, sizeof store);
        memcpy(&copy, &k, sizeof k);
        snk_params(&sp, dup, 2);
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_ERR_PARAM);
        snk_params(&sp, zero, 1);
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_ERR_RANGE);
        snk_params(&sp, three, 2);
        sp.sid = 0x10;
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_ERR_RANGE);
        CHECK(tt_memeq(&k, &copy, sizeof k));
    }
}

static void sink_big_sync_lost_and_pa_lost(void)
{
    struct ble_bap_bsnk k;
    static const uint16_t h[1] = { 0x0020 };
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BIG_SYNCED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STARTED);
    LE(snk_evt, &k, 0x1E, 0x03, 0x08); /* 7.7.65.30 BIG 3, Reason 0x08 (timeout) */
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BIG_LOST);
    CHECK_EQ(ev.status, 0x08);
    CHECK_EQ(k.state, BLE_BAP_BSNK_PA_SYNCED);
    {
        uint8_t iso[] = { 0x20, 0x20, 0x05, 0x00, 0x00, 0x00, 0x01, 0x00, 0xAA };
        CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, iso, sizeof iso), BLE_ERR_NOT_FOUND);
        CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, iso, 3), BLE_ERR_SHORT); /* header cut: 5.4.5 */
        CHECK_EQ(k.c.stats.malformed, 1);
    }
    snk_biginfo(&k, 0); /* the next BIGInfo syncs again */
    CHECK_EQ(next_op(snk_poll, &k), 0x206B);
    CHECK_EQ(cs(snk_evt, &k, 0x206B, 0), BLE_OK);
    LE(snk_evt, &k, 0x10, 0x40, 0x00); /* 7.7.65.16 PA Sync Lost: the BIG stays */
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_LOST);
    CHECK_EQ(ev.sync_handle, 0x0040);
    CHECK_EQ(k.state, BLE_BAP_BSNK_BIG_SYNCING);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BIG_SYNCED);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STARTED);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK); /* no PA sync left: BIG only */
    CHECK_EQ(next_op(snk_poll, &k), 0x206C);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    /* PA lost before any BIG: back to idle */
    snk_to_big_syncing(&k);
    ble_bap_bsnk_init(&k, store, sizeof store);
    {
        struct ble_bap_bsnk_sync_params sp;
        static const uint8_t two[1] = { 2 };
        snk_params(&sp, two, 1);
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
        CHECK_EQ(next_op(snk_poll, &k), 0x2044);
        CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
        snk_pa_established(&k, 0);
        LE(snk_evt, &k, 0x10, 0x40, 0x00);
        CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_SYNCED);
        CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_LOST);
        CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
        /* stop while the Create Sync is out: Create Sync Cancel (7.8.68) */
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
        CHECK_EQ(next_op(snk_poll, &k), 0x2044);
        CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
        CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
        expect_cmd_(snk_poll, &k, 0x2045, 0, 0, __LINE__); /* no parameters */
        CHECK_EQ(cc(snk_evt, &k, 0x2045, 0), BLE_OK);
        CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
        CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    }
}

/* Stop before a BIG Create Sync left: no BIG Terminate Sync for a BIG never
 * asked; a PA sync that came up while its Create Sync was being cancelled is
 * terminated. */
static void sink_stop_races(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    ble_bap_bsnk_init(&k, store, sizeof store);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    snk_biginfo(&k, 0);
    CHECK_EQ(k.state, BLE_BAP_BSNK_BIG_SYNCING); /* BIG Create Sync queued, not sent */
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
        ;
    CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);

    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);                      /* synced before the cancel */
    CHECK_EQ(next_op(snk_poll, &k), 0x2045);
    CHECK_EQ(cc(snk_evt, &k, 0x2045, 0x0C), BLE_OK); /* nothing left to cancel */
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    CHECK_EQ(snk_ev(&k), -1);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(k.pa_synced, 0);

    /* the Create Sync accepted (Command Status), the sync pending: cancelled */
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2045);
    CHECK_EQ(cc(snk_evt, &k, 0x2045, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    snk_pa_established(&k, 0x44); /* Operation Cancelled by Host: ignored when idle */
    CHECK_EQ(snk_ev(&k), -1);
    /* the Create Sync still queued: nothing sent at all */
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
}

/* Every LE event the machines read, cut at every length (with a consistent
 * header, so the subevent's own fields run short): an error, and nothing
 * but the malformed count changes. */
static void truncated_events_change_nothing(void)
{
    static struct ble_bap_bsrc s, scopy;
    static struct ble_bap_bsnk k, kcopy;
    struct ble_bap_bsrc_params p;
    static const uint8_t big_complete[] = { 0x1B, 0x00, 0x02, 0x10, 0x00, 0x00, 0x20, 0x00, 0x00, 0x02, 0x04, 0x01,
                                            0x00, 0x02, 0x28, 0x00, 0x08, 0x00, 0x02, 0x10, 0x00, 0x11, 0x00 };
    static const uint8_t biginfo[] = { 0x22, 0x40, 0x00, 0x02, 0x04, 0x08, 0x00, 0x01, 0x00, 0x02, 0x28,
                                       0x00, 0x10, 0x27, 0x00, 0x28, 0x00, 0x02, 0x00, 0x00 };
    static const uint8_t report[] = { 0x0F, 0x40, 0x00, 0x7F, 0xC0, 0xFF, 0x00, 0x04, 0x03, 0x16, 0x51, 0x18 };
    static const uint8_t big_sync[] = { 0x1D, 0x00, 0x03, 0x00, 0x20, 0x00, 0x04, 0x01, 0x00, 0x02,
                                        0x28, 0x00, 0x08, 0x00, 0x01, 0x20, 0x00 };
    uint8_t e[64];
    size_t n;
    ble_bap_bsrc_init(&s);
    src_params(&p);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    for (n = 0; n < sizeof big_complete; n++) {
        e[0] = 0x3E;
        e[1] = (uint8_t)n;
        memcpy(e + 2, big_complete, n);
        memcpy(&scopy, &s, sizeof s);
        CHECK(ble_bap_bsrc_on_hci_event(&s, 0, e, n + 2) < 0);
        scopy.c.stats = s.c.stats;
        CHECK(tt_memeq(&s, &scopy, sizeof s));
    }
    CHECK_EQ(s.c.stats.malformed, sizeof big_complete);
    CHECK_EQ(s.state, BLE_BAP_BSRC_STARTING);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    CHECK_EQ(le(src_evt, &s, 0x1B, big_complete + 1, sizeof big_complete - 1), BLE_OK); /* whole: taken */
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    {
        static const uint8_t two[1] = { 2 };
        struct ble_bap_bsnk_sync_params sp;
        const uint8_t *evs[3];
        size_t lens[3], i;
        evs[0] = biginfo, lens[0] = sizeof biginfo;
        evs[1] = report, lens[1] = sizeof report;
        evs[2] = big_sync, lens[2] = sizeof big_sync;
        ble_bap_bsnk_init(&k, store, sizeof store);
        snk_params(&sp, two, 1);
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
        CHECK_EQ(next_op(snk_poll, &k), 0x2044);
        CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
        snk_pa_established(&k, 0);
        for (i = 0; i < 3; i++)
            for (n = 1; n < lens[i]; n++) {
                e[0] = 0x3E;
                e[1] = (uint8_t)n;
                memcpy(e + 2, evs[i], n);
                memcpy(&kcopy, &k, sizeof k);
                CHECK(ble_bap_bsnk_on_hci_event(&k, 0, e, n + 2) < 0);
                kcopy.c.stats = k.c.stats;
                CHECK(tt_memeq(&k, &kcopy, sizeof k));
            }
        CHECK_EQ(k.state, BLE_BAP_BSNK_PA_SYNCED);
    }
}

/* ---- Loopback: the source's announcement, BASE and ISO packets into the sink ---- */

static void loopback_sdus_arrive_intact_and_in_order(void)
{
    static struct ble_bap_bsrc s;
    static struct ble_bap_bsnk k;
    struct ble_bap_bsrc_params p;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t both[2] = { 1, 2 };
    static const uint16_t h[2] = { 0x0010, 0x0011 };
    uint8_t adv[64], pa[256], pkt[64], sdu[40];
    size_t adv_len = 0, pa_len = 0;
    int i, n, got[3] = { 0, 0, 0 };
    unsigned seen = 0;
    ble_bap_bsrc_init(&s);
    src_params(&p);
    p.iso_len = 16; /* SDUs of 40 octets go in 4 fragments */
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    while ((n = ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd)) > 0) {
        uint16_t op = ble_get_le16(last_cmd);
        if (op == 0x2037) { /* the data after handle, operation, preference, length */
            adv_len = last_cmd[6];
            memcpy(adv, last_cmd + 7, adv_len);
        }
        if (op == 0x203F) {
            pa_len = last_cmd[5];
            memcpy(pa, last_cmd + 6, pa_len);
        }
        if (op == 0x2068 || op == 0x206E)
            CHECK_EQ(cs(src_evt, &s, op, 0), BLE_OK);
        else
            CHECK_EQ(cc(src_evt, &s, op, 0), BLE_OK);
        if (op == 0x2068)
            src_big_complete(&s, 0);
    }
    CHECK_EQ(s.state, BLE_BAP_BSRC_STREAMING);
    CHECK_EQ(pa_len, sizeof pa_data);
    CHECK(tt_memeq(pa, pa_data, sizeof pa_data));

    ble_bap_bsnk_init(&k, store, sizeof store);
    {
        uint8_t r[25 + 64] = { 0x01, 0x00, 0x00, 0x01, 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1, 0x01, 0x02, 0x05,
                               0x7F, 0xC4, 0x50, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0 };
        r[24] = (uint8_t)adv_len;
        memcpy(r + 25, adv, adv_len);
        CHECK_EQ(le(snk_evt, &k, 0x0D, r, 25 + adv_len), BLE_OK);
        CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_ANNOUNCEMENT);
        CHECK_EQ(ev.broadcast_id, 0x123456);
        CHECK_EQ(adv_len, 13);
    }
    snk_params(&sp, both, 2);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_pa_report(&k, 1, pa, 30); /* the controller splits the data */
    snk_pa_report(&k, 0, pa + 30, pa_len - 30);
    snk_biginfo(&k, 0);
    CHECK_EQ(next_op(snk_poll, &k), 0x206B);
    CHECK_EQ(last_cmd[3 + 23], 2); /* Num_BIS, after 23 octets */
    CHECK_EQ(cs(snk_evt, &k, 0x206B, 0), BLE_OK);
    snk_big_established(&k, 0, h, 2);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    CHECK_EQ(k.state, BLE_BAP_BSNK_STREAMING);
    while (snk_ev(&k) >= 0)
        ;

    /* Five SDUs per BIS; the fourth of BIS 2 never reaches the sink. */
    for (i = 0; i < 5; i++) {
        int b;
        for (b = 1; b <= 2; b++) {
            int drop = b == 2 && i == 3;
            memset(sdu, 0x10 * b + i, sizeof sdu);
            sdu[0] = (uint8_t)i;
            CHECK_EQ(ble_bap_bsrc_send(&s, (unsigned)b, sdu, sizeof sdu), BLE_OK);
            CHECK_EQ(ble_bap_bsrc_send(&s, (unsigned)b, sdu, sizeof sdu), BLE_ERR_BUSY);
            while ((n = ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt)) > 0) {
                CHECK(n <= 4 + 16);
                if (!drop)
                    CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, pkt, (size_t)n), BLE_OK);
            }
            CHECK_EQ(n, BLE_ERR_AGAIN);
            while (snk_ev(&k) >= 0) {
                if (ev.type == BLE_BAP_BCAST_EV_SDU_LOST) {
                    CHECK_EQ(ev.bis_index, 2);
                    CHECK_EQ(ev.count, 1);
                    CHECK_EQ(i, 4);
                    seen |= 1;
                    continue;
                }
                CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_SDU);
                CHECK_EQ(ev.bis_index, b);
                CHECK_EQ(ev.sdu.seq, i);
                CHECK_EQ(ev.sdu.status, BLE_HCI_ISO_VALID);
                CHECK_EQ(ev.sdu.data.len, sizeof sdu);
                if (ev.sdu.data.len == sizeof sdu)
                    CHECK(tt_memeq(ev.sdu.data.p, sdu, sizeof sdu));
                got[b]++;
            }
        }
    }
    CHECK_EQ(got[1], 5);
    CHECK_EQ(got[2], 4);
    CHECK_EQ(seen, 1);
}


/* ---- Stop, loss and SDU details ---- */

/* A second stop while stopping is refused; once stopped, the source starts
 * again with the same seven commands. */
static void source_stop_twice_and_start_again(void)
{
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_ERR_STATE);
    CHECK_EQ(next_op(src_poll, &s), 0x206A);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0), BLE_OK);
    LE(src_evt, &s, 0x1C, 0x02, 0x16);
    CHECK_EQ(next_op(src_poll, &s), 0x2040);
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x2039);
    CHECK_EQ(cc(src_evt, &s, 0x2039, 0), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    src_big_complete(&s, 0);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_BIG_CREATED);
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
}

/* ISO data packets (Core 6.0 Vol 4 Part E 5.4.5) byte for byte: handle and
 * PB/TS flags, ISO_Data_Load_Length, Packet_Sequence_Number per BIS,
 * ISO_SDU_Length; SDUs over the BIG's Max_SDU (40 octets for 16_2_1, BAP
 * 1.0 Table 6.4) refused; the host's ISO buffers respected. */
static void source_sdus_take_sequence_numbers_and_credits(void)
{
    static struct ble_bap_bsrc s;
    static struct ble_hci_host host;
    struct ble_bap_bsrc_params p;
    static uint8_t sdu[64];
    uint8_t pkt[80];
    size_t i;
    for (i = 0; i < sizeof sdu; i++)
        sdu[i] = (uint8_t)i;
    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_send(&s, 0, sdu, 10), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_bsrc_send(&s, 3, sdu, 10), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 41), BLE_ERR_TOO_LONG); /* Max_SDU 40 */
    CHECK_EQ(s.sending[0], 0);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 40), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 40), BLE_ERR_BUSY);
    CHECK_EQ(ble_bap_bsrc_send(&s, 2, sdu, 5), BLE_OK);
    memset(pkt, 0xA5, sizeof pkt);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, 47), BLE_ERR_NO_SPACE); /* 48 needed */
    CHECK(tt_is_poison(pkt, sizeof pkt));
    /* BIS 0x0010, PB 0b10 (complete SDU), TS 0, load 44; seq 0, length 40 */
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt), 4 + 4 + 40);
    CHECK_MEM(pkt, "\x10\x20\x2C\x00\x00\x00\x28\x00", 8);
    CHECK_MEM(pkt + 8, sdu, 40);
    /* round robin: BIS 0x0011, load 9, seq 0, length 5 */
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt), 4 + 4 + 5);
    CHECK_MEM(pkt, "\x11\x20\x09\x00\x00\x00\x05\x00", 8);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt), BLE_ERR_AGAIN);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 3), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt), 4 + 4 + 3);
    CHECK_MEM(pkt, "\x10\x20\x07\x00\x01\x00\x03\x00", 8); /* seq 1 */
    /* through the host machine: one ISO buffer, one packet */
    ble_hci_host_init(&host, 0);
    host.state = BLE_HCI_HOST_READY;
    host.iso_free = 1;
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 8), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_send(&s, 2, sdu, 8), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, &host, pkt, sizeof pkt), 4 + 4 + 8);
    CHECK_MEM(pkt, "\x11\x20\x0C\x00\x01\x00\x08\x00", 8); /* BIS 2 was next */
    CHECK_EQ(ble_hci_host_in_flight(&host, 0x0011), 1);
    CHECK_EQ(host.iso_free, 0);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, &host, pkt, sizeof pkt), BLE_ERR_AGAIN);
    host.iso_free = 1;
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, &host, pkt, sizeof pkt), 4 + 4 + 8);
    CHECK_MEM(pkt, "\x10\x20\x0C\x00\x02\x00\x08\x00", 8);
    CHECK_EQ(ble_hci_host_in_flight(&host, 0x0010), 1);
    /* not streaming: nothing taken */
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 1), BLE_ERR_STATE);

    /* an ISO_Data_Packet_Length of 24: a 40-octet SDU goes as first (PB
     * 0b00, load 24 with the 4 octets of sequence number and length) and
     * last (PB 0b11, load 20) fragments */
    ble_bap_bsrc_init(&s);
    src_params(&p);
    p.iso_len = 24;
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    src_big_complete(&s, 0);
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    CHECK_EQ(cc(src_evt, &s, 0x206E, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    CHECK_EQ(cc(src_evt, &s, 0x206E, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 40), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt), 4 + 24);
    CHECK_MEM(pkt, "\x10\x00\x18\x00\x00\x00\x28\x00", 8);
    CHECK_MEM(pkt + 8, sdu, 20);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 40), BLE_ERR_BUSY);
    CHECK_EQ(ble_bap_bsrc_poll_iso(&s, 0, pkt, sizeof pkt), 4 + 20);
    CHECK_MEM(pkt, "\x10\x30\x14\x00", 4);
    CHECK_MEM(pkt + 4, sdu + 20, 20);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, sdu, 40), BLE_OK);
}

/* A PHY the BIG cannot use (7.8.103: bits 0..2 only) changes nothing; a
 * Create BIG Complete naming one BIS for the two asked ends the start; the
 * steps have names. */
static void source_start_refuses_phy_and_contradicting_big(void)
{
    struct ble_bap_bsrc s, copy;
    struct ble_bap_bsrc_params p;
    ble_bap_bsrc_init(&s);
    src_params(&p);
    memcpy(&copy, &s, sizeof s);
    p.phy = 0x08;
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_RANGE);
    p.phy = 0x00;
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_ERR_RANGE);
    CHECK(tt_memeq(&s, &copy, sizeof s));
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    src_params(&p);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    /* 7.7.65.27 success, BIG 2, Num_BIS 1: handle 0x0010 only */
    LE(src_evt, &s, 0x1B, 0x00, 0x02, 0x10, 0x00, 0x00, 0x20, 0x00, 0x00, 0x02, 0x04, 0x01, 0x00, 0x02, 0x28,
       0x00, 0x08, 0x00, 0x01, 0x10, 0x00);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIG_COMPLETE);
    CHECK_EQ(ev.err, BLE_ERR_MALFORMED);
    CHECK_EQ(ev.opcode, 0);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    CHECK_STR(ble_bap_bcast_step_name(BLE_BAP_BCAST_STEP_ADV_PARAMS), "LE Set Extended Advertising Parameters");
    CHECK_STR(ble_bap_bcast_step_name(BLE_BAP_BCAST_STEP_PA_SYNC_CANCEL),
              "LE Periodic Advertising Create Sync Cancel");
    CHECK_STR(ble_bap_bcast_step_name(BLE_BAP_BCAST_STEP_END_), "?");
}

/* Periodic or extended advertising refusing to stop ends the stop with
 * FAILED; the controller ending the BIG unasked (7.7.65.28 while
 * streaming) takes advertising down and tells STOPPED with its reason; a
 * Terminate BIG Complete of another BIG is counted, not taken. */
static void source_stop_failures_and_loss_are_told(void)
{
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206A);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0), BLE_OK);
    LE(src_evt, &s, 0x1C, 0x02, 0x16);
    EXPECT_CMD(src_poll, &s, 0x2040, 0x00, 0x01);
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0x0C), BLE_OK); /* Command Disallowed */
    while (src_ev(&s) >= 0 && ev.type != BLE_BAP_BCAST_EV_FAILED)
        ;
    CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_PA_DISABLE);
    CHECK_EQ(ev.opcode, 0x2040);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(src_ev(&s), -1);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);

    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206A);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0), BLE_OK);
    LE(src_evt, &s, 0x1C, 0x02, 0x16);
    CHECK_EQ(next_op(src_poll, &s), 0x2040);
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x2039);
    CHECK_EQ(cc(src_evt, &s, 0x2039, 0x0C), BLE_OK);
    while (src_ev(&s) >= 0 && ev.type != BLE_BAP_BCAST_EV_FAILED)
        ;
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_ADV_DISABLE);
    CHECK_EQ(ev.opcode, 0x2039);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);

    /* another BIG's Terminate BIG Complete: counted, still streaming */
    src_to_streaming(&s, &p);
    while (src_ev(&s) >= 0)
        ;
    LE(src_evt, &s, 0x1C, 0x05, 0x08);
    CHECK_EQ(s.c.stats.ignored, 1);
    CHECK_EQ(s.state, BLE_BAP_BSRC_STREAMING);
    CHECK_EQ(src_ev(&s), -1);
    /* ours, Reason 0x08 (Connection Timeout): SDUs refused, advertising off */
    LE(src_evt, &s, 0x1C, 0x02, 0x08);
    CHECK_EQ(s.state, BLE_BAP_BSRC_STOPPING);
    CHECK_EQ(ble_bap_bsrc_send(&s, 1, pa_data, 4), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_ERR_STATE);
    EXPECT_CMD(src_poll, &s, 0x2040, 0x00, 0x01);
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0), BLE_OK);
    EXPECT_CMD(src_poll, &s, 0x2039, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00);
    CHECK_EQ(src_ev(&s), -1);
    CHECK_EQ(cc(src_evt, &s, 0x2039, 0), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(ev.status, 0x08);
    CHECK_EQ(ev.num_bis, 2);
    CHECK_EQ(ev.bis_handles[0], 0x0010);
    CHECK_EQ(ev.bis_handles[1], 0x0011);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(src_ev(&s), -1);
}

/* SDUs into the sink byte for byte (5.4.5): BIS handle 0x0020 is BIS index
 * 2; a sequence gap and the Packet_Status_Flag reach the application; an
 * unknown handle and a stopped sink take nothing. */
static void sink_receives_sdus_with_gaps_and_status(void)
{
    struct ble_bap_bsnk k;
    static const uint16_t h[1] = { 0x0020 };
    /* handle 0x0020, PB complete, load 7: seq 5, length 3, valid */
    static const uint8_t p1[] = { 0x20, 0x20, 0x07, 0x00, 0x05, 0x00, 0x03, 0x00, 'a', 'b', 'c' };
    /* seq 8 (6 and 7 missing), Packet_Status_Flag 0b01: possibly invalid */
    static const uint8_t p2[] = { 0x20, 0x20, 0x06, 0x00, 0x08, 0x00, 0x02, 0x40, 'd', 'e' };
    static const uint8_t p3[] = { 0x21, 0x20, 0x05, 0x00, 0x00, 0x00, 0x01, 0x00, 'x' };
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
    while (snk_ev(&k) >= 0)
        ;
    CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, p1, sizeof p1), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_SDU);
    CHECK_EQ(ev.bis_index, 2);
    CHECK_EQ(ev.sdu.seq, 5);
    CHECK_EQ(ev.sdu.status, BLE_HCI_ISO_VALID);
    CHECK_EQ(ev.sdu.data.len, 3);
    CHECK(ev.sdu.data.p == p1 + 8);
    CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, p2, sizeof p2), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_SDU_LOST);
    CHECK_EQ(ev.bis_index, 2);
    CHECK_EQ(ev.count, 2);
    CHECK_EQ(ev.err, BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_SDU);
    CHECK_EQ(ev.sdu.seq, 8);
    CHECK_EQ(ev.sdu.lost_before, 2);
    CHECK_EQ(ev.sdu.status, BLE_HCI_ISO_POSSIBLY_INVALID);
    CHECK_MEM(ev.sdu.data.p, "de", 2);
    CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, p3, sizeof p3), BLE_ERR_NOT_FOUND);
    CHECK_EQ(k.c.stats.ignored, 1);
    CHECK_EQ(snk_ev(&k), -1);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_bsnk_on_iso(&k, 0, p1, sizeof p1), BLE_ERR_NOT_FOUND);
    CHECK_EQ(snk_ev(&k), -1);
}

/* An encrypted BIG: BIG Create Sync carries Encryption 1 and the
 * Broadcast_Code (7.8.106); without a code, FAILED at the BIS check and no
 * command. A stop while the BIG sync is pending sends BIG Terminate Sync,
 * which cancels it (7.8.107): the BIG Sync Established that follows
 * (0x44, Operation Cancelled by Host) is counted, not taken. */
static void sink_encrypted_big_and_stop_while_big_sync_pending(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    static const uint8_t code[16] = { 'B', 'r', 'o', 'a', 'd', 'c', 'a', 's', 't', 0, 0, 0, 0, 0, 0, 0 };
    static const uint16_t none[1] = { 0 };
    ble_bap_bsnk_init(&k, store, sizeof store);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    snk_biginfo(&k, 1);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_SYNCED);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BASE);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_BIS_CHECK);
    CHECK_EQ(ev.err, BLE_ERR_PARAM);
    CHECK_EQ(ev.opcode, 0);
    CHECK_EQ(ev.sync_handle, 0x0040);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);

    ble_bap_bsnk_init(&k, store, sizeof store);
    sp.broadcast_code = code;
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_biginfo(&k, 1);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    /* BIG 3, Sync_Handle 0x0040, Encryption 1, the code, MSE 0, timeout
     * 1000, Num_BIS 1, BIS 2 */
    EXPECT_CMD(snk_poll, &k, 0x206B, 0x03, 0x40, 0x00, 0x01, 'B', 'r', 'o', 'a', 'd', 'c', 'a', 's', 't', 0, 0, 0,
               0, 0, 0, 0, 0x00, 0xE8, 0x03, 0x01, 0x02);
    CHECK_EQ(cs(snk_evt, &k, 0x206B, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x206C, 0x03);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    snk_big_established(&k, 0x44, none, 0);
    CHECK_EQ(k.c.stats.ignored, 1);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
        CHECK(ev.type != BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
}

/* Streaming on BIS 2 with handle 0x0020 and the PA sync 0x0040. */
static void snk_to_streaming(struct ble_bap_bsnk *k)
{
    static const uint16_t h[1] = { 0x0020 };
    snk_to_big_syncing(k);
    snk_big_established(k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, k), 0x206E);
    CHECK_EQ(cc(snk_evt, k, 0x206E, 0), BLE_OK);
    CHECK_EQ(k->state, BLE_BAP_BSNK_STREAMING);
    while (snk_ev(k) >= 0)
        ;
}

/* The syncs a stop terminates can be lost on the way: a terminate still
 * queued for a sync that is gone is not sent, one already sent is done
 * whatever its status (7.8.69 and 7.8.107 answer 0x42, Unknown Advertising
 * Identifier, for a sync that no longer exists), and the stop ends with
 * STOPPED. */
static void sink_sync_lost_while_stopping(void)
{
    struct ble_bap_bsnk k;
    /* PA Sync Lost while its PA Terminate Sync is queued */
    snk_to_streaming(&k);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x206C, 0x03);
    LE(snk_evt, &k, 0x10, 0x40, 0x00); /* 7.7.65.16 */
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_LOST);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    CHECK_EQ(snk_ev(&k), -1);
    /* PA Sync Lost while its PA Terminate Sync awaits completion */
    snk_to_streaming(&k);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x206C);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    LE(snk_evt, &k, 0x10, 0x40, 0x00);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_LOST);
    CHECK_EQ(snk_ev(&k), -1);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0x42), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* BIG Sync Lost while its BIG Terminate Sync is queued (the stop came
     * while a data path was being set), then the PA sync lost too: nothing
     * left to send */
    {
        static const uint16_t h[1] = { 0x0020 };
        snk_to_big_syncing(&k);
        snk_big_established(&k, 0, h, 1);
        CHECK_EQ(next_op(snk_poll, &k), 0x206E);
        CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
        LE(snk_evt, &k, 0x1E, 0x03, 0x08); /* 7.7.65.30 */
        CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
        EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
        CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
        while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
            CHECK(ev.type != BLE_BAP_BCAST_EV_FAILED);
        CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
        CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);

        snk_to_big_syncing(&k);
        snk_big_established(&k, 0, h, 1);
        CHECK_EQ(next_op(snk_poll, &k), 0x206E);
        CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
        LE(snk_evt, &k, 0x1E, 0x03, 0x08);
        LE(snk_evt, &k, 0x10, 0x40, 0x00);
        CHECK_EQ(k.state, BLE_BAP_BSNK_STOPPING);
        CHECK_EQ(cc(snk_evt, &k, 0x206E, 0), BLE_OK);
        CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
        while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
            CHECK(ev.type != BLE_BAP_BCAST_EV_FAILED);
        CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
        CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    }
    /* BIG Sync Lost while its BIG Terminate Sync awaits completion */
    snk_to_streaming(&k);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x206C);
    LE(snk_evt, &k, 0x1E, 0x03, 0x08);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0x42), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* the BIG sync fails (0x3E) while the stop's BIG Terminate Sync waits
     * behind the BIG Create Sync's Command Status: not sent */
    {
        struct ble_bap_bsnk_sync_params sp;
        static const uint8_t two[1] = { 2 };
        static const uint16_t none[1] = { 0 };
        ble_bap_bsnk_init(&k, store, sizeof store);
        snk_params(&sp, two, 1);
        CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
        CHECK_EQ(next_op(snk_poll, &k), 0x2044);
        CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
        snk_pa_established(&k, 0);
        snk_pa_report(&k, 0, pa_data, sizeof pa_data);
        snk_biginfo(&k, 0);
        CHECK_EQ(next_op(snk_poll, &k), 0x206B);
        CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
        CHECK_EQ(cs(snk_evt, &k, 0x206B, 0), BLE_OK);
        snk_big_established(&k, 0x3E, none, 0);
        EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
        CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
        while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
            CHECK(ev.type != BLE_BAP_BCAST_EV_FAILED);
        CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
        CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
        CHECK_EQ(k.c.stats.ignored, 0);
    }
    /* no loss: a refused terminate still fails the stop */
    snk_to_streaming(&k);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x206C);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2046);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0x42), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, BLE_BAP_BCAST_STEP_PA_TERMINATE_SYNC);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
}

/* Every prefix of the announcement's AD data (BAP 1.0 3.7.2.1) in a whole
 * report, and of the PA data (3.7.2.2) in a whole periodic report: no
 * announcement until the Service Data structure is whole (the name after it
 * is not needed); no BASE and no command for a cut BASE. */
static void sink_announcement_and_base_every_prefix(void)
{
    struct ble_bap_bsnk k, copy;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    static const uint8_t ad[] = { ADV_DATA };
    /* Flags, then the announcement with Broadcast_ID 0x030201 and no name */
    static const uint8_t noname[] = { 0x02, 0x01, 0x06, 0x06, 0x16, 0x52, 0x18, 0x01, 0x02, 0x03 };
    /* Service Data 0x1852 with a Broadcast_ID of two octets */
    static const uint8_t shortid[] = { 0x05, 0x16, 0x52, 0x18, 0x01, 0x02 };
    uint8_t r[25 + 32] = { 0x01, 0x00, 0x00, 0x01, 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1, 0x01, 0x02, 0x05,
                           0x7F, 0xC4, 0x50, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0 };
    size_t n;
    ble_bap_bsnk_init(&k, store, sizeof store);
    for (n = 0; n <= sizeof ad; n++) {
        r[24] = (uint8_t)n;
        memcpy(r + 25, ad, n);
        memcpy(&copy, &k, sizeof k);
        CHECK_EQ(le(snk_evt, &k, 0x0D, r, 25 + n), BLE_OK);
        if (n < 7) {
            CHECK_EQ(snk_ev(&k), -1);
            CHECK(tt_memeq(&k, &copy, sizeof k));
        } else {
            CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_ANNOUNCEMENT);
            CHECK_EQ(ev.broadcast_id, 0x123456);
        }
    }
    r[24] = sizeof noname;
    memcpy(r + 25, noname, sizeof noname);
    CHECK_EQ(le(snk_evt, &k, 0x0D, r, 25 + sizeof noname), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_ANNOUNCEMENT);
    CHECK_EQ(ev.broadcast_id, 0x030201);
    r[24] = sizeof shortid;
    memcpy(r + 25, shortid, sizeof shortid);
    CHECK_EQ(le(snk_evt, &k, 0x0D, r, 25 + sizeof shortid), BLE_OK);
    CHECK_EQ(snk_ev(&k), -1);

    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_biginfo(&k, 0);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_PA_SYNCED);
    for (n = 0; n < sizeof pa_data; n++) {
        snk_pa_report(&k, 0, pa_data, n);
        if (n == 0)
            CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BAD_BASE); /* told once */
        CHECK_EQ(snk_ev(&k), -1);
        CHECK_EQ(k.base_ok, 0);
        CHECK_EQ(k.state, BLE_BAP_BSNK_PA_SYNCED);
        CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
    }
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_BASE);
    CHECK_EQ(next_op(snk_poll, &k), 0x206B);
}

/* ---- Command timeouts (BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS) ---- */

/* Completes a source command as the controller does (Command Status for
 * Create BIG and Terminate BIG, 7.8.103 and 7.8.105). */
static void src_answer(struct ble_bap_bsrc *s, uint32_t now, uint16_t op)
{
    uint8_t e[6] = { 0x0E, 0x04, 0x01, 0, 0, 0 };
    if (op == 0x2068 || op == 0x206A) {
        e[0] = 0x0F;
        e[2] = 0x00;
        e[3] = 0x01;
        ble_put_le16(e + 4, op);
    } else {
        ble_put_le16(e + 3, op);
    }
    CHECK_EQ(ble_bap_bsrc_on_hci_event(s, now, e, sizeof e), BLE_OK);
}

static void expect_timeout(int type, uint8_t step, uint16_t op)
{
    CHECK_EQ(type, BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.step, step);
    CHECK_EQ(ev.opcode, op);
    CHECK_EQ(ev.status, 0);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
}

/* Each of the seven start commands left unanswered: FAILED at its step
 * when the bound is reached (not a millisecond before), idle, nothing
 * queued, no deadline; a late answer is counted, not taken; a start
 * after it runs from the first command. */
static void source_command_timeout_at_each_step(void)
{
    static const uint16_t ops[7] = { 0x2036, 0x2037, 0x203E, 0x203F, 0x2040, 0x2039, 0x2068 };
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    uint32_t t0 = 1000;
    int k, i;
    ble_bap_bsrc_init(&s);
    CHECK_EQ(ble_bap_bsrc_next_deadline(&s), BLE_NO_DEADLINE);
    src_params(&p);
    for (k = 0; k < 7; k++) {
        ble_bap_bsrc_init(&s);
        CHECK_EQ(ble_bap_bsrc_start(&s, t0, &p), BLE_OK);
        CHECK_EQ(ble_bap_bsrc_next_deadline(&s), BLE_NO_DEADLINE); /* nothing sent yet */
        for (i = 0; i < k; i++) {
            CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, t0, 0, last_cmd, sizeof last_cmd) > 0, 1);
            src_answer(&s, t0, ops[i]);
        }
        CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, t0 + 7, 0, last_cmd, sizeof last_cmd) > 0, 1);
        CHECK_EQ(ble_get_le16(last_cmd), ops[k]);
        CHECK_EQ(ble_bap_bsrc_next_deadline(&s), t0 + 7 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
        CHECK_EQ(ble_bap_bsrc_on_timer(&s, t0 + 6 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
        CHECK_EQ(src_ev(&s), -1);
        CHECK_EQ(s.state, BLE_BAP_BSRC_STARTING);
        CHECK_EQ(ble_bap_bsrc_on_timer(&s, t0 + 7 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
        expect_timeout(src_ev(&s), (uint8_t)(BLE_BAP_BCAST_STEP_ADV_PARAMS + k), ops[k]);
        CHECK_EQ(src_ev(&s), -1);
        CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
        CHECK_EQ(s.c.stats.timeouts, 1);
        CHECK_EQ(ble_bap_bsrc_next_deadline(&s), BLE_NO_DEADLINE);
        CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, t0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
        CHECK_EQ(ble_bap_bsrc_on_timer(&s, t0 + 99999), BLE_OK);
        CHECK_EQ(src_ev(&s), -1);
        src_answer(&s, t0 + 9000, ops[k]); /* late */
        CHECK_EQ(s.c.stats.ignored, 1);
        CHECK_EQ(src_ev(&s), -1);
    }
    CHECK_EQ(ble_bap_bsrc_start(&s, t0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    src_big_complete(&s, 0);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_BIG_CREATED);
}

/* Create BIG accepted but no Create BIG Complete; Terminate BIG accepted
 * but no Terminate BIG Complete: the bound runs again from the Command
 * Status. Times wrap around 2^32. */
static void source_big_events_time_out(void)
{
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    const uint32_t t0 = 0xFFFFFC00u; /* 1024 ms before the wrap */
    ble_bap_bsrc_init(&s);
    src_params(&p);
    CHECK_EQ(ble_bap_bsrc_start(&s, t0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7); /* answered at time 0 */
    CHECK_EQ(s.state, BLE_BAP_BSRC_STARTING);
    CHECK_EQ(ble_bap_bsrc_next_deadline(&s), BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
    {
        struct ble_bap_bsrc s2;
        memcpy(&s2, &s, sizeof s);
        /* answered again later: the wait runs from the Command Status */
        s2.c.await_op = 0x2068;
        s2.c.await_step = BLE_BAP_BCAST_STEP_CREATE_BIG;
        src_answer(&s2, t0 + 100, 0x2068);
        CHECK_EQ(ble_bap_bsrc_next_deadline(&s2), (uint32_t)(t0 + 100 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS));
        CHECK_EQ(ble_bap_bsrc_on_timer(&s2, 0xFFFFFFFFu), BLE_OK);
        CHECK_EQ(ble_bap_bsrc_on_timer(&s2, t0 + 99 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
        CHECK_EQ(s2.state, BLE_BAP_BSRC_STARTING);
        CHECK_EQ(ble_bap_bsrc_on_timer(&s2, t0 + 100 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
        expect_timeout(src_ev(&s2), BLE_BAP_BCAST_STEP_BIG_COMPLETE, 0x2068);
        CHECK_EQ(s2.state, BLE_BAP_BSRC_IDLE);
        src_big_complete(&s2, 0); /* too late: counted */
        CHECK_EQ(s2.c.stats.ignored, 1);
        CHECK_EQ(src_ev(&s2), -1);
    }
    CHECK_EQ(ble_bap_bsrc_on_timer(&s, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS - 1), BLE_OK);
    CHECK_EQ(src_ev(&s), -1);
    src_big_complete(&s, 0);
    CHECK_EQ(ble_bap_bsrc_next_deadline(&s), BLE_NO_DEADLINE); /* data paths queued, not sent */
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    CHECK_EQ(cc(src_evt, &s, 0x206E, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    CHECK_EQ(cc(src_evt, &s, 0x206E, 0), BLE_OK);
    CHECK_EQ(s.state, BLE_BAP_BSRC_STREAMING);
    CHECK_EQ(ble_bap_bsrc_next_deadline(&s), BLE_NO_DEADLINE);
    CHECK_EQ(ble_bap_bsrc_on_timer(&s, 0x7FFFFFFF), BLE_OK);
    CHECK_EQ(s.state, BLE_BAP_BSRC_STREAMING);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 5000), BLE_OK);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 5000, 0, last_cmd, sizeof last_cmd), 5);
    CHECK_EQ(ble_bap_bsrc_next_deadline(&s), 5000 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
    src_answer(&s, 6000, 0x206A);
    CHECK_EQ(ble_bap_bsrc_next_deadline(&s), 6000 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
    CHECK_EQ(ble_bap_bsrc_on_timer(&s, 5999 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    CHECK_EQ(s.state, BLE_BAP_BSRC_STOPPING);
    CHECK_EQ(ble_bap_bsrc_on_timer(&s, 6000 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    while (src_ev(&s) >= 0 && ev.type != BLE_BAP_BCAST_EV_FAILED)
        ;
    expect_timeout(ev.type, BLE_BAP_BCAST_STEP_TERMINATE_BIG, 0x206A);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(s.c.stats.timeouts, 1);
    /* advertising off left unanswered during a stop */
    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206A);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0), BLE_OK);
    LE(src_evt, &s, 0x1C, 0x02, 0x16);
    CHECK_EQ(next_op(src_poll, &s), 0x2040);
    CHECK_EQ(ble_bap_bsrc_on_timer(&s, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    while (src_ev(&s) >= 0 && ev.type != BLE_BAP_BCAST_EV_FAILED)
        ;
    expect_timeout(ev.type, BLE_BAP_BCAST_STEP_PA_DISABLE, 0x2040);
    CHECK_EQ(ble_bap_bsrc_poll_cmd(&s, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
}

/* The sink: Create Sync, BIG Create Sync, a data path and the stop's
 * terminates each left unanswered; the PA sync itself (Command Status
 * received, no Sync Established yet) has no host deadline. */
static void sink_command_timeouts(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    static const uint16_t h[1] = { 0x0020 };
    ble_bap_bsnk_init(&k, store, sizeof store);
    CHECK_EQ(ble_bap_bsnk_next_deadline(&k), BLE_NO_DEADLINE);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 10, &sp), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_next_deadline(&k), BLE_NO_DEADLINE);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 10, 0, last_cmd, sizeof last_cmd), 3 + 14);
    CHECK_EQ(ble_bap_bsnk_next_deadline(&k), 10 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, 9 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    CHECK_EQ(snk_ev(&k), -1);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, 10 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    expect_timeout(snk_ev(&k), BLE_BAP_BCAST_STEP_PA_CREATE_SYNC, 0x2044);
    CHECK_EQ(ev.sync_handle, 0xFFFF);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(k.c.stats.timeouts, 1);
    CHECK_EQ(ble_bap_bsnk_next_deadline(&k), BLE_NO_DEADLINE);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK); /* late: counted */
    CHECK_EQ(k.c.stats.ignored, 1);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* accepted: waiting for the advertiser is the application's to end */
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_next_deadline(&k), BLE_NO_DEADLINE);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, 0x7FFFFFFF), BLE_OK);
    CHECK_EQ(k.state, BLE_BAP_BSNK_PA_SYNCING);
    /* BIG Create Sync unanswered: the FAILED names the PA sync held */
    snk_pa_established(&k, 0);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    snk_biginfo(&k, 0);
    CHECK_EQ(next_op(snk_poll, &k), 0x206B);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_FAILED)
        ;
    expect_timeout(ev.type, BLE_BAP_BCAST_STEP_BIG_CREATE_SYNC, 0x206B);
    CHECK_EQ(ev.sync_handle, 0x0040);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* a data path unanswered */
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_FAILED)
        ;
    expect_timeout(ev.type, BLE_BAP_BCAST_STEP_DATA_PATH, 0x206E);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(k.big_synced, 0);
    /* the stop's PA Terminate Sync unanswered */
    snk_to_streaming(&k);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x206C);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 300, 0, last_cmd, sizeof last_cmd), 5);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, 299 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    CHECK_EQ(k.state, BLE_BAP_BSNK_STOPPING);
    CHECK_EQ(ble_bap_bsnk_on_timer(&k, 300 + BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS), BLE_OK);
    expect_timeout(snk_ev(&k), BLE_BAP_BCAST_STEP_PA_TERMINATE_SYNC, 0x2046);
    CHECK_EQ(snk_ev(&k), -1);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
}

/* A start command failing after the stop was asked: the stop goes on (no
 * FAILED), without the terminate of what that command would have set up. */
static void sink_start_command_fails_while_stopping(void)
{
    struct ble_bap_bsnk k;
    struct ble_bap_bsnk_sync_params sp;
    static const uint8_t two[1] = { 2 };
    static const uint16_t h[1] = { 0x0020 };
    /* BIG Create Sync refused (0x0C) after the stop: PA Terminate Sync only */
    ble_bap_bsnk_init(&k, store, sizeof store);
    snk_params(&sp, two, 1);
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0), BLE_OK);
    snk_pa_established(&k, 0);
    snk_pa_report(&k, 0, pa_data, sizeof pa_data);
    snk_biginfo(&k, 0);
    CHECK_EQ(next_op(snk_poll, &k), 0x206B);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(cs(snk_evt, &k, 0x206B, 0x0C), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
        CHECK(ev.type != BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* a data path refused (0x12) after the stop: both syncs still end */
    snk_to_big_syncing(&k);
    snk_big_established(&k, 0, h, 1);
    CHECK_EQ(next_op(snk_poll, &k), 0x206E);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(cc(snk_evt, &k, 0x206E, 0x12), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x206C, 0x03);
    CHECK_EQ(cc(snk_evt, &k, 0x206C, 0), BLE_OK);
    EXPECT_CMD(snk_poll, &k, 0x2046, 0x40, 0x00);
    CHECK_EQ(cc(snk_evt, &k, 0x2046, 0), BLE_OK);
    while (snk_ev(&k) >= 0 && ev.type != BLE_BAP_BCAST_EV_STOPPED)
        CHECK(ev.type != BLE_BAP_BCAST_EV_FAILED);
    CHECK_EQ(ev.type, BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    /* Create Sync refused after the stop: nothing to cancel, STOPPED */
    CHECK_EQ(ble_bap_bsnk_sync(&k, 0, &sp), BLE_OK);
    CHECK_EQ(next_op(snk_poll, &k), 0x2044);
    CHECK_EQ(ble_bap_bsnk_stop(&k, 0), BLE_OK);
    CHECK_EQ(cs(snk_evt, &k, 0x2044, 0x0C), BLE_OK);
    CHECK_EQ(snk_ev(&k), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(k.state, BLE_BAP_BSNK_IDLE);
    CHECK_EQ(ble_bap_bsnk_poll_cmd(&k, 0, 0, last_cmd, sizeof last_cmd), BLE_ERR_AGAIN);
}

/* The controller ends the BIG (7.7.65.28) while the data paths are being
 * set, or just before the Command Status of the host's own Terminate BIG:
 * advertising goes off and the source stops. */
static void source_big_ended_during_data_paths_or_terminate(void)
{
    struct ble_bap_bsrc s;
    struct ble_bap_bsrc_params p;
    ble_bap_bsrc_init(&s);
    src_params(&p);
    CHECK_EQ(ble_bap_bsrc_start(&s, 0, &p), BLE_OK);
    CHECK_EQ(src_start_cmds(&s, -1, 0), 7);
    src_big_complete(&s, 0);
    CHECK_EQ(next_op(src_poll, &s), 0x206E);
    LE(src_evt, &s, 0x1C, 0x02, 0x3D); /* Reason 0x3D: MIC failure */
    CHECK_EQ(s.state, BLE_BAP_BSRC_STOPPING);
    CHECK_EQ(cc(src_evt, &s, 0x206E, 0x02), BLE_OK); /* Unknown Connection Identifier */
    EXPECT_CMD(src_poll, &s, 0x2040, 0x00, 0x01);       /* the second data path not sent */
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0), BLE_OK);
    EXPECT_CMD(src_poll, &s, 0x2039, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00);
    CHECK_EQ(cc(src_evt, &s, 0x2039, 0), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_BIG_CREATED);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(ev.status, 0x3D);
    CHECK_EQ(ev.num_bis, 2);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(src_ev(&s), -1);

    src_to_streaming(&s, &p);
    CHECK_EQ(ble_bap_bsrc_stop(&s, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x206A);
    LE(src_evt, &s, 0x1C, 0x02, 0x08);
    CHECK_EQ(cs(src_evt, &s, 0x206A, 0x42), BLE_OK); /* no such BIG any more */
    EXPECT_CMD(src_poll, &s, 0x2040, 0x00, 0x01);
    CHECK_EQ(cc(src_evt, &s, 0x2040, 0), BLE_OK);
    CHECK_EQ(next_op(src_poll, &s), 0x2039);
    CHECK_EQ(cc(src_evt, &s, 0x2039, 0), BLE_OK);
    CHECK_EQ(src_ev(&s), BLE_BAP_BCAST_EV_STOPPED);
    CHECK_EQ(s.state, BLE_BAP_BSRC_IDLE);
    CHECK_EQ(s.c.stats.ignored, 0);
}

void suite_bap_broadcast(void)
{
    TT_RUN(source_start_and_stop_byte_exact);
    TT_RUN(source_failure_at_each_step);
    TT_RUN(source_rejects_bad_parameters_unchanged);
    TT_RUN(sink_sync_and_stop_byte_exact);
    TT_RUN(sink_reports_announcements);
    TT_RUN(sink_failure_at_each_step);
    TT_RUN(sink_malformed_base_sends_nothing);
    TT_RUN(sink_bis_not_in_base_sends_nothing);
    TT_RUN(sink_big_sync_lost_and_pa_lost);
    TT_RUN(sink_stop_races);
    TT_RUN(truncated_events_change_nothing);
    TT_RUN(loopback_sdus_arrive_intact_and_in_order);
    TT_RUN(source_stop_twice_and_start_again);
    TT_RUN(source_sdus_take_sequence_numbers_and_credits);
    TT_RUN(source_start_refuses_phy_and_contradicting_big);
    TT_RUN(source_stop_failures_and_loss_are_told);
    TT_RUN(sink_receives_sdus_with_gaps_and_status);
    TT_RUN(sink_encrypted_big_and_stop_while_big_sync_pending);
    TT_RUN(sink_sync_lost_while_stopping);
    TT_RUN(sink_announcement_and_base_every_prefix);
    TT_RUN(source_command_timeout_at_each_step);
    TT_RUN(source_big_events_time_out);
    TT_RUN(sink_command_timeouts);
    TT_RUN(sink_start_command_fails_while_stopping);
    TT_RUN(source_big_ended_during_data_paths_or_terminate);
}
