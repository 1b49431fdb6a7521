/* Unit tests of the ASCS GATT service (profiles/ascs.h): ATT PDUs in through
 * the real GATT server, ATT responses and notifications out, byte for byte.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

#define GCONN 0x0041

/* ASE 1 Sink, ASE 2 Source (Sink ASEs first, as BLE_ASCS_ATTRS numbers them).
 * Handles: service 1; Sink ASE 2/3/4 (declaration, value, CCCD); Source ASE
 * 5/6/7; ASE Control Point 8/9/10. */
static const uint8_t g_dirs[2] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };
static const struct ble_gatt_attr ascs_db[] = {
    BLE_ASCS_ATTRS(1, 1),
};
#define H_SNK 3
#define H_SRC 6
#define H_CP 9

struct gfx {
    struct ble_ascs srv;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[16];
    struct ble_ascs_event eq[16];
    struct ble_gatt_srv g;
    uint8_t gbuf[BLE_GATT_SRV_BUF_SIZE(64)];
    uint16_t cccd[3];
    struct ble_gatt_srv_event gev[4];
    struct ble_gatt_srv_prep prep[2];
    uint8_t prep_buf[64];
    struct ble_ascs_gatt_link link;
    uint8_t code, reason;          /* the application's answer */
    uint8_t log[512];              /* every PDU sent: length octet, then the PDU */
    size_t log_len;
};
static struct gfx gf;

static void gfx_init(struct gfx *f, int cccds, uint8_t mtu)
{
    uint8_t mreq[3], mrsp[8];
    struct ble_gatt_srv_event mev;
    struct ble_ascs_cfg cfg;
    struct ble_gatt_srv_cfg gc;
    memset(f, 0, sizeof *f);
    memset(&cfg, 0, sizeof cfg);
    cfg.dirs = g_dirs;
    cfg.n_ases = 2;
    cfg.conns = f->conns;
    cfg.n_conns = 1;
    cfg.notify = f->nq;
    cfg.notify_cap = 16;
    cfg.events = f->eq;
    cfg.event_cap = 16;
    CHECK_EQ(ble_ascs_init(&f->srv, &cfg), BLE_OK);
    CHECK_EQ(ble_ascs_acl_connected(&f->srv, GCONN), BLE_OK);
    memset(&gc, 0, sizeof gc);
    gc.attrs = ascs_db;
    gc.n = sizeof ascs_db / sizeof ascs_db[0];
    gc.mtu_max = 64;
    gc.buf = f->gbuf;
    gc.buf_len = sizeof f->gbuf;
    gc.cccd = f->cccd;
    gc.cccd_n = 3;
    gc.events = f->gev;
    gc.events_n = 4;
    gc.prep = f->prep;
    gc.prep_n = 2;
    gc.prep_buf = f->prep_buf;
    gc.prep_buf_len = sizeof f->prep_buf;
    CHECK_EQ(ble_gatt_srv_init(&f->g, &gc), BLE_OK);
    ble_gatt_srv_set_security(&f->g, BLE_GATT_SEC_ENC, 16);
    f->link.conn = GCONN;
    f->link.gatt = &f->g;
    /* ATT_MTU: a one-ASE Config Codec (21 octets) needs more than 23 */
    mreq[0] = BLE_ATT_EXCHANGE_MTU_REQ;
    mreq[1] = mtu;
    mreq[2] = 0;
    CHECK_EQ(ble_gatt_srv_on_pdu(&f->g, 0, mreq, 3), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(&f->g, mrsp, sizeof mrsp), 3);
    while (ble_gatt_srv_poll_event(&f->g, &mev) == BLE_OK)
        CHECK_EQ(mev.type, BLE_GATT_SRV_EV_MTU);
    if (cccds)
        f->cccd[0] = f->cccd[1] = f->cccd[2] = 1; /* as if the client enabled them (tested below) */
}

/* Runs GATT and ASCS events and sends everything; the application answers
 * DECIDE events with f->code / f->reason. */
static void pump(struct gfx *f)
{
    int more = 1;
    while (more) {
        struct ble_gatt_srv_event ev;
        struct ble_ascs_event aev;
        int n;
        more = 0;
        while (ble_gatt_srv_poll_event(&f->g, &ev) == BLE_OK) {
            int rc = ble_ascs_gatt_on_event(&f->srv, 0, GCONN, &f->g, &ev);
            CHECK(rc == BLE_OK || ev.type == BLE_GATT_SRV_EV_CCCD || ev.type == BLE_GATT_SRV_EV_MTU);
            more = 1;
        }
        while (ble_ascs_poll_event(&f->srv, &aev) == BLE_OK)
            if (aev.type == BLE_ASCS_EV_DECIDE) {
                struct ble_ascs_answer a;
                memset(&a, 0, sizeof a);
                a.response_code = f->code;
                a.reason = f->reason;
                a.prefs.preferred_phy = 0x02;
                a.prefs.preferred_retransmission_number = 2;
                a.prefs.max_transport_latency = 10;
                a.prefs.presentation_delay_min = 20000;
                a.prefs.presentation_delay_max = 40000;
                CHECK_EQ(ble_ascs_decide(&f->srv, 0, aev.conn, aev.ase_id, &a), BLE_OK);
                more = 1;
            }
        if (ble_ascs_gatt_flush(&f->srv, 0, 1, &f->link, 1) > 0)
            more = 1;
        n = ble_gatt_srv_poll_tx(&f->g, f->log + f->log_len + 1, 64);
        if (n > 0) {
            CHECK(f->log_len + 1 + (size_t)n < sizeof f->log);
            f->log[f->log_len] = (uint8_t)n;
            f->log_len += 1 + (size_t)n;
            more = 1;
        }
    }
}

static void att_in(struct gfx *f, const uint8_t *pdu, size_t len)
{
    f->log_len = 0;
    CHECK_EQ(ble_gatt_srv_on_pdu(&f->g, 0, pdu, len), BLE_OK);
    pump(f);
}

/* A Write Request (0x12) or Command (0x52) of v to the Control Point. */
static void cp_in(struct gfx *f, uint8_t att_op, const uint8_t *v, size_t n)
{
    uint8_t pdu[80];
    pdu[0] = att_op;
    ble_put_le16(pdu + 1, H_CP);
    memcpy(pdu + 3, v, n);
    att_in(f, pdu, 3 + n);
}

/* Expected output log: PDUs appended. */
struct exp_ {
    uint8_t b[512];
    size_t n;
};
static void exp_pdu(struct exp_ *e, const uint8_t *p, size_t n)
{
    e->b[e->n++] = (uint8_t)n;
    memcpy(e->b + e->n, p, n);
    e->n += n;
}
static void exp_ntf(struct exp_ *e, uint16_t h, const uint8_t *v, size_t n)
{
    uint8_t p[80];
    p[0] = BLE_ATT_HANDLE_VALUE_NTF;
    ble_put_le16(p + 1, h);
    memcpy(p + 3, v, n);
    exp_pdu(e, p, 3 + n);
}
static void exp_write_rsp(struct exp_ *e)
{
    static const uint8_t rsp[] = { BLE_ATT_WRITE_RSP };
    exp_pdu(e, rsp, 1);
}
#define CHECK_LOG(f, e) do { CHECK_EQ((f)->log_len, (e)->n); CHECK_MEM((f)->log, (e)->b, (e)->n); } while (0)

/* ---- Vectors (ASCS 1.0 4.1, 4.2, 5.1-5.8) ---- */
#define LC3_CFG 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00
static const uint8_t w_codec[] = { 0x01, 0x01, 0x01, 0x02, 0x02, 0x06, 0x00, 0x00, 0x00, 0x00, 0x0a, LC3_CFG };
/* Codec Configured (Table 4.3): 35 octets */
static const uint8_t a_codec[] = {
    0x01, 0x01, 0x00, 0x02, 0x02, 0x0a, 0x00, 0x20, 0x4e, 0x00, 0x40, 0x9c, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x0a, LC3_CFG,
};
static const uint8_t w_qos[] = {
    0x02, 0x01, 0x01, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
};
static const uint8_t a_qos[] = {
    0x01, 0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
};
static const uint8_t w_enable[] = { 0x03, 0x01, 0x01, 0x04, 0x03, 0x02, 0x04, 0x00 };
static const uint8_t a_enabling[] = { 0x01, 0x03, 0x00, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00 };
static const uint8_t w_update[] = { 0x07, 0x01, 0x01, 0x04, 0x03, 0x02, 0x02, 0x00 };
static const uint8_t a_updated[] = { 0x01, 0x03, 0x00, 0x00, 0x04, 0x03, 0x02, 0x02, 0x00 };
static const uint8_t w_release[] = { 0x08, 0x01, 0x01 };
static const uint8_t a_releasing[] = { 0x01, 0x06 };

/* One operation in, Write Response, its Control Point notification, then
 * the ASE notification when given. */
static void op_expect(struct gfx *f, const uint8_t *w, size_t wn, const uint8_t *cp, size_t cpn,
                      uint16_t h, const uint8_t *ase, size_t asen)
{
    struct exp_ e;
    e.n = 0;
    exp_write_rsp(&e);
    exp_ntf(&e, H_CP, cp, cpn);
    if (ase)
        exp_ntf(&e, h, ase, asen);
    cp_in(f, BLE_ATT_WRITE_REQ, w, wn);
    CHECK_LOG(f, &e);
}

static void ascs_table_has_the_spec_layout(void)
{
    struct gfx *f = &gf;
    static const uint8_t rd_snk[] = { BLE_ATT_READ_REQ, H_SNK, 0x00 };
    static const uint8_t idle[] = { BLE_ATT_READ_RSP, 0x01, 0x00 };
    static const uint8_t idle2[] = { BLE_ATT_READ_RSP, 0x02, 0x00 };
    static const uint8_t enc_err[] = { BLE_ATT_ERROR_RSP, BLE_ATT_READ_REQ, H_SNK, 0x00, 0x0F };
    uint8_t rd[3];
    struct exp_ e;
    CHECK_EQ(sizeof ascs_db / sizeof ascs_db[0], BLE_ASCS_ATTR_COUNT(2));
    CHECK_EQ(ble_gatt_db_check(ascs_db, BLE_ASCS_ATTR_COUNT(2), 0), BLE_OK);
    /* Assigned Numbers 3.4.2, 3.8.1 */
    CHECK_EQ(ascs_db[0].uuid16, 0x184E);
    CHECK_EQ(ascs_db[2].uuid16, 0x2BC4);
    CHECK_EQ(ascs_db[2].props, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY);
    CHECK_EQ(ascs_db[5].uuid16, 0x2BC5);
    CHECK_EQ(ascs_db[8].uuid16, 0x2BC6);
    CHECK_EQ(ascs_db[8].props, BLE_GATT_PROP_WRITE | BLE_GATT_PROP_WRITE_NO_RSP | BLE_GATT_PROP_NOTIFY);
    CHECK_EQ(ble_ascs_ase_handle(1, 1), H_SNK);
    CHECK_EQ(ble_ascs_ase_handle(1, 2), H_SRC);
    CHECK_EQ(ble_ascs_cp_handle(1, 2), H_CP);
    gfx_init(f, 0, 64);
    /* ASCS 4: an encrypted link is needed */
    ble_gatt_srv_set_security(&f->g, BLE_GATT_SEC_NONE, 0);
    e.n = 0;
    exp_pdu(&e, enc_err, sizeof enc_err);
    att_in(f, rd_snk, sizeof rd_snk);
    CHECK_LOG(f, &e);
    ble_gatt_srv_set_security(&f->g, BLE_GATT_SEC_ENC, 16);
    e.n = 0;
    exp_pdu(&e, idle, sizeof idle);
    att_in(f, rd_snk, sizeof rd_snk);
    CHECK_LOG(f, &e);
    rd[0] = BLE_ATT_READ_REQ;
    ble_put_le16(rd + 1, H_SRC);
    e.n = 0;
    exp_pdu(&e, idle2, sizeof idle2);
    att_in(f, rd, 3);
    CHECK_LOG(f, &e);
    /* the Control Point is not readable */
    ble_put_le16(rd + 1, H_CP);
    att_in(f, rd, 3);
    CHECK_EQ(f->log_len, 6);
    CHECK_EQ(f->log[1], BLE_ATT_ERROR_RSP);
    CHECK_EQ(f->log[5], BLE_ATT_ERR_READ_NOT_PERMITTED);
}

static void sink_ase_flow_through_att(void)
{
    struct gfx *f = &gf;
    static const uint8_t cccd_on[][5] = {
        { BLE_ATT_WRITE_REQ, 0x04, 0x00, 0x01, 0x00 },
        { BLE_ATT_WRITE_REQ, 0x07, 0x00, 0x01, 0x00 },
        { BLE_ATT_WRITE_REQ, 0x0A, 0x00, 0x01, 0x00 },
    };
    static const uint8_t cp_codec[] = { 0x01, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t rd[] = { BLE_ATT_READ_REQ, H_SNK, 0x00 };
    static const uint8_t blob[] = { BLE_ATT_READ_BLOB_REQ, H_SNK, 0x00, 29, 0x00 };
    static const uint8_t blob_end[] = { BLE_ATT_READ_BLOB_REQ, H_SNK, 0x00, 35, 0x00 };
    static const uint8_t blob_past[] = { BLE_ATT_READ_BLOB_REQ, H_SNK, 0x00, 36, 0x00 };
    static const uint8_t past_err[] = { BLE_ATT_ERROR_RSP, BLE_ATT_READ_BLOB_REQ, H_SNK, 0x00, 0x07 };
    static const uint8_t cp_qos[] = { 0x02, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t cp_enable[] = { 0x03, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t w_rsr[] = { 0x04, 0x01, 0x01 };
    static const uint8_t cp_rsr[] = { 0x04, 0x01, 0x01, 0x05, 0x00 }; /* 5.4: Sink ASE: Invalid ASE Direction */
    static const uint8_t cp_update[] = { 0x07, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t w_disable[] = { 0x05, 0x01, 0x01 };
    static const uint8_t cp_disable[] = { 0x05, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t cp_release[] = { 0x08, 0x01, 0x01, 0x00, 0x00 };
    uint8_t r[40];
    struct exp_ e;
    size_t i;
    gfx_init(f, 0, 30);
    /* the client enables the three notifications */
    for (i = 0; i < 3; i++) {
        e.n = 0;
        exp_write_rsp(&e);
        att_in(f, cccd_on[i], 5);
        CHECK_LOG(f, &e);
    }
    /* ATT_MTU 30: the 35-octet Codec Configured value is notified cut to 27
     * octets (Core Vol 3 Part F 3.4.7.1) and read whole with Read, Read Blob */
    e.n = 0;
    exp_write_rsp(&e);
    exp_ntf(&e, H_CP, cp_codec, sizeof cp_codec);
    exp_ntf(&e, H_SNK, a_codec, 27);
    cp_in(f, BLE_ATT_WRITE_REQ, w_codec, sizeof w_codec);
    CHECK_LOG(f, &e);
    CHECK_EQ(ble_ascs_ase_state(&f->srv, GCONN, 1), BLE_ASCS_STATE_CODEC_CONFIGURED);
    e.n = 0;
    r[0] = BLE_ATT_READ_RSP;
    memcpy(r + 1, a_codec, 29);
    exp_pdu(&e, r, 30);
    att_in(f, rd, sizeof rd);
    CHECK_LOG(f, &e);
    e.n = 0;
    r[0] = BLE_ATT_READ_BLOB_RSP;
    memcpy(r + 1, a_codec + 29, sizeof a_codec - 29);
    exp_pdu(&e, r, 1 + sizeof a_codec - 29);
    att_in(f, blob, sizeof blob);
    CHECK_LOG(f, &e);
    e.n = 0;
    exp_pdu(&e, r, 1); /* at the end: empty */
    att_in(f, blob_end, sizeof blob_end);
    CHECK_LOG(f, &e);
    e.n = 0;
    exp_pdu(&e, past_err, sizeof past_err);
    att_in(f, blob_past, sizeof blob_past);
    CHECK_LOG(f, &e);
    /* 5.2 - 5.8 */
    op_expect(f, w_qos, sizeof w_qos, cp_qos, sizeof cp_qos, H_SNK, a_qos, sizeof a_qos);
    op_expect(f, w_enable, sizeof w_enable, cp_enable, sizeof cp_enable, H_SNK, a_enabling, sizeof a_enabling);
    op_expect(f, w_rsr, sizeof w_rsr, cp_rsr, sizeof cp_rsr, 0, 0, 0);
    op_expect(f, w_update, sizeof w_update, cp_update, sizeof cp_update, H_SNK, a_updated, sizeof a_updated);
    op_expect(f, w_disable, sizeof w_disable, cp_disable, sizeof cp_disable, H_SNK, a_qos, sizeof a_qos);
    op_expect(f, w_release, sizeof w_release, cp_release, sizeof cp_release, H_SNK, a_releasing, sizeof a_releasing);
    CHECK_EQ(f->srv.stats.gatt_unsent, 0);
}

/* Each Response_Code of Table 5.2 as the client sees it. */
struct err_row {
    uint8_t pre;           /* 0 Idle, 1 Codec Configured, 2 QoS Configured first */
    uint8_t code, reason;  /* the application's answer */
    uint8_t w[16];
    uint8_t wn;
    uint8_t cp[8];
    uint8_t cpn;
};
static const struct err_row err_rows[] = {
    /* 0x01: opcode 0x09 is RFU: Number_of_ASEs 0xFF, ASE_ID 0 */
    { 0, 0, 0, { 0x09, 0x01, 0x01 }, 3, { 0x09, 0xFF, 0x00, 0x01, 0x00 }, 5 },
    { 0, 0, 0, { 0x00 }, 1, { 0x00, 0xFF, 0x00, 0x01, 0x00 }, 5 },
    /* 0x02: Config Codec cut short; an empty value; Number_of_ASEs 0; a trailing octet */
    { 0, 0, 0, { 0x01, 0x01, 0x01 }, 3, { 0x01, 0xFF, 0x00, 0x02, 0x00 }, 5 },
    { 0, 0, 0, { 0 }, 0, { 0x00, 0xFF, 0x00, 0x02, 0x00 }, 5 },
    { 0, 0, 0, { 0x08, 0x00 }, 2, { 0x08, 0xFF, 0x00, 0x02, 0x00 }, 5 },
    { 1, 0, 0, { 0x08, 0x01, 0x01, 0x00 }, 4, { 0x08, 0xFF, 0x00, 0x02, 0x00 }, 5 },
    /* 0x03: ASE_ID 7 does not exist, nor does 0 */
    { 0, 0, 0, { 0x08, 0x01, 0x07 }, 3, { 0x08, 0x01, 0x07, 0x03, 0x00 }, 5 },
    { 0, 0, 0, { 0x08, 0x01, 0x00 }, 3, { 0x08, 0x01, 0x00, 0x03, 0x00 }, 5 },
    /* 0x04: Disable in Idle */
    { 0, 0, 0, { 0x05, 0x01, 0x01 }, 3, { 0x05, 0x01, 0x01, 0x04, 0x00 }, 5 },
    /* 0x05: Receiver Stop Ready on a Sink ASE */
    { 0, 0, 0, { 0x06, 0x01, 0x01 }, 3, { 0x06, 0x01, 0x01, 0x05, 0x00 }, 5 },
    /* 0x06 - 0x08: the application refuses the configuration */
    { 0, 0x06, 0, { 0 }, 0, { 0x01, 0x01, 0x01, 0x06, 0x00 }, 5 },
    { 0, 0x07, 0x02, { 0 }, 0, { 0x01, 0x01, 0x01, 0x07, 0x02 }, 5 },
    { 0, 0x08, 0x01, { 0 }, 0, { 0x01, 0x01, 0x01, 0x08, 0x01 }, 5 },
    /* 0x09: Target_PHY 0x04 is RFU (5.1): Reason PHY */
    { 0, 0, 0, { 0x01, 0x01, 0x01, 0x02, 0x04, 0x06, 0, 0, 0, 0, 0x00 }, 11, { 0x01, 0x01, 0x01, 0x09, 0x05 }, 5 },
    /* 0x0A, 0x0B: the application refuses the metadata (Reason: its Type) */
    { 2, 0x0A, 0x02, { 0x03, 0x01, 0x01, 0x04, 0x03, 0x02, 0x04, 0x00 }, 8, { 0x03, 0x01, 0x01, 0x0A, 0x02 }, 5 },
    { 2, 0x0B, 0x02, { 0x03, 0x01, 0x01, 0x04, 0x03, 0x02, 0x04, 0x00 }, 8, { 0x03, 0x01, 0x01, 0x0B, 0x02 }, 5 },
    /* 0x0C: a Metadata LTV running past its list: Reason its Type */
    { 2, 0, 0, { 0x03, 0x01, 0x01, 0x03, 0x05, 0x02, 0x04 }, 7, { 0x03, 0x01, 0x01, 0x0C, 0x02 }, 5 },
    /* 0x0D: nine ASEs in one write, more than BLE_CFG_ASCS_MAX_CP_ASES */
    { 1, 0, 0, { 0x08, 0x09, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 11, { 0x08, 0xFF, 0x00, 0x0D, 0x00 }, 5 },
};

static void every_response_code_through_att(void)
{
    struct gfx *f = &gf;
    static const uint8_t cp_rel2[] = { 0x08, 0x02, 0x01, 0x00, 0x00, 0x01, 0x0E, 0x00 };
    static const uint8_t w_rel2[] = { 0x08, 0x02, 0x01, 0x01 };
    size_t i;
    for (i = 0; i < sizeof err_rows / sizeof err_rows[0]; i++) {
        const struct err_row *r = &err_rows[i];
        gfx_init(f, 1, 64);
        if (r->pre >= 1)
            cp_in(f, BLE_ATT_WRITE_REQ, w_codec, sizeof w_codec);
        if (r->pre >= 2)
            cp_in(f, BLE_ATT_WRITE_REQ, w_qos, sizeof w_qos);
        f->code = r->code;
        f->reason = r->reason;
        if (r->wn || r->code == 0)
            op_expect(f, r->w, r->wn, r->cp, r->cpn, 0, 0, 0);
        else
            op_expect(f, w_codec, sizeof w_codec, r->cp, r->cpn, 0, 0, 0);
        CHECK_EQ(ble_ascs_ase_state(&f->srv, GCONN, 1), r->pre);
        if (tt_.failed)
            TT_PRINTF("  row %u\n", (unsigned)i);
    }
    /* 0x0E: the same ASE twice in one write; the first is released */
    gfx_init(f, 1, 64);
    cp_in(f, BLE_ATT_WRITE_REQ, w_codec, sizeof w_codec);
    op_expect(f, w_rel2, sizeof w_rel2, cp_rel2, sizeof cp_rel2, H_SNK, a_releasing, sizeof a_releasing);
}

static void write_command_busy_hold_and_att_errors(void)
{
    struct gfx *f = &gf;
    static const uint8_t cp_codec[] = { 0x01, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t cp_release[] = { 0x08, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t prep[] = { BLE_ATT_PREPARE_WRITE_REQ, H_CP, 0x00, 0x00, 0x00, 0x08, 0x01, 0x01 };
    static const uint8_t exec[] = { BLE_ATT_EXECUTE_WRITE_REQ, 0x01 };
    static const uint8_t exec_err[] = { BLE_ATT_ERROR_RSP, BLE_ATT_EXECUTE_WRITE_REQ, H_CP, 0x00, 0x06 };
    static const uint8_t wr_snk[] = { BLE_ATT_WRITE_REQ, H_SNK, 0x00, 0x01 };
    static const uint8_t wr_err[] = { BLE_ATT_ERROR_RSP, BLE_ATT_WRITE_REQ, H_SNK, 0x00, 0x03 };
    static const uint8_t unlikely[] = { BLE_ATT_ERROR_RSP, BLE_ATT_WRITE_REQ, H_CP, 0x00, 0x0E };
    struct ble_gatt_srv_event ev;
    struct exp_ e;
    /* 5: a Write Command gets no response, only the notifications */
    gfx_init(f, 1, 64);
    e.n = 0;
    exp_ntf(&e, H_CP, cp_codec, sizeof cp_codec);
    exp_ntf(&e, H_SNK, a_codec, sizeof a_codec);
    cp_in(f, BLE_ATT_WRITE_CMD, w_codec, sizeof w_codec);
    CHECK_LOG(f, &e);
    /* a Write Request while the previous response waits for the application
     * is held: no Write Response until that response is out */
    gfx_init(f, 1, 64);
    {
        uint8_t pdu[40];
        pdu[0] = BLE_ATT_WRITE_REQ;
        ble_put_le16(pdu + 1, H_CP);
        memcpy(pdu + 3, w_codec, sizeof w_codec);
        CHECK_EQ(ble_gatt_srv_on_pdu(&f->g, 0, pdu, 3 + sizeof w_codec), BLE_OK);
        CHECK_EQ(ble_gatt_srv_poll_event(&f->g, &ev), BLE_OK);
        CHECK_EQ(ble_ascs_gatt_on_event(&f->srv, 0, GCONN, &f->g, &ev), BLE_OK);
        CHECK_EQ(ble_gatt_srv_poll_tx(&f->g, pdu, sizeof pdu), 1); /* Write Response */
        /* the DECIDE is not answered yet: a Write Command is dropped and counted */
        pdu[0] = BLE_ATT_WRITE_CMD;
        memcpy(pdu + 3, w_release, sizeof w_release);
        CHECK_EQ(ble_gatt_srv_on_pdu(&f->g, 0, pdu, 3 + sizeof w_release), BLE_OK);
        CHECK_EQ(ble_gatt_srv_poll_event(&f->g, &ev), BLE_OK);
        CHECK_EQ(ev.token, 0);
        CHECK_EQ(ble_ascs_gatt_on_event(&f->srv, 0, GCONN, &f->g, &ev), BLE_OK);
        CHECK_EQ(f->srv.stats.cp_busy, 1);
        CHECK_EQ(ble_gatt_srv_poll_tx(&f->g, pdu, sizeof pdu), BLE_ERR_AGAIN);
        /* and a Write Request waits */
        pdu[0] = BLE_ATT_WRITE_REQ;
        CHECK_EQ(ble_gatt_srv_on_pdu(&f->g, 0, pdu, 3 + sizeof w_release), BLE_OK);
        CHECK_EQ(ble_gatt_srv_poll_event(&f->g, &ev), BLE_OK);
        CHECK_EQ(ble_ascs_gatt_on_event(&f->srv, 0, GCONN, &f->g, &ev), BLE_OK);
        CHECK_EQ(f->conns[0].held_token, ev.token);
        CHECK_EQ(ble_gatt_srv_poll_tx(&f->g, pdu, sizeof pdu), BLE_ERR_AGAIN);
        CHECK_EQ(f->srv.stats.cp_busy, 2);
    }
    f->log_len = 0;
    pump(f);
    e.n = 0;
    exp_ntf(&e, H_CP, cp_codec, sizeof cp_codec);
    exp_ntf(&e, H_SNK, a_codec, sizeof a_codec);
    exp_write_rsp(&e);                    /* the held request, once those are out */
    exp_ntf(&e, H_CP, cp_release, sizeof cp_release);
    exp_ntf(&e, H_SNK, a_releasing, sizeof a_releasing);
    CHECK_LOG(f, &e);
    /* a long write of the Control Point: Request Not Supported at Execute */
    gfx_init(f, 1, 64);
    att_in(f, prep, sizeof prep);
    CHECK_EQ(f->log_len, 1 + sizeof prep);
    CHECK_EQ(f->log[1], BLE_ATT_PREPARE_WRITE_RSP);
    e.n = 0;
    exp_pdu(&e, exec_err, sizeof exec_err);
    att_in(f, exec, sizeof exec);
    CHECK_LOG(f, &e);
    CHECK_EQ(ble_ascs_ase_state(&f->srv, GCONN, 1), BLE_ASCS_STATE_IDLE);
    /* ASE values are not writable: the GATT server refuses before ASCS */
    e.n = 0;
    exp_pdu(&e, wr_err, sizeof wr_err);
    att_in(f, wr_snk, sizeof wr_snk);
    CHECK_LOG(f, &e);
    /* a connection ASCS does not know: Unlikely Error */
    CHECK_EQ(ble_ascs_acl_disconnected(&f->srv, 0, GCONN), BLE_OK);
    e.n = 0;
    exp_pdu(&e, unlikely, sizeof unlikely);
    cp_in(f, BLE_ATT_WRITE_REQ, w_release, sizeof w_release);
    CHECK_LOG(f, &e);
    /* notifications the client has not enabled are not sent */
    gfx_init(f, 0, 64);
    e.n = 0;
    exp_write_rsp(&e);
    cp_in(f, BLE_ATT_WRITE_REQ, w_codec, sizeof w_codec);
    CHECK_LOG(f, &e);
    CHECK_EQ(f->srv.stats.gatt_unsent, 2);
    /* events that are not ASCS's are passed on */
    memset(&ev, 0, sizeof ev);
    ev.type = BLE_GATT_SRV_EV_READ_REQ;
    ev.id = BLE_PACS_ID_BASE;
    CHECK_EQ(ble_ascs_gatt_on_event(&f->srv, 0, GCONN, &f->g, &ev), BLE_ERR_NOT_FOUND);
    ev.id = BLE_ASCS_ID_BASE + 3;
    CHECK_EQ(ble_ascs_gatt_on_event(&f->srv, 0, GCONN, &f->g, &ev), BLE_ERR_NOT_FOUND);
}

void suite_ascs_gatt(void)
{
    TT_RUN(ascs_table_has_the_spec_layout);
    TT_RUN(sink_ase_flow_through_att);
    TT_RUN(every_response_code_through_att);
    TT_RUN(write_command_busy_hold_and_att_errors);
}
