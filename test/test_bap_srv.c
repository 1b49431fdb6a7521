/* Unit tests of profiles/bap_server.h: the ASCS server tied to CISes, ISO
 * data paths and ISO data, with HCI events in and commands out byte for byte.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

#define ACL 0x0040
#define CISH 0x0060

/* ASE 1 Sink, ASE 2 Source; both on CIG 0 / CIS 0 after Config QoS */
static const uint8_t b_dirs[2] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };

struct bfx {
    struct ble_ascs ascs;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[16];
    struct ble_ascs_event eq[16];
    struct ble_bap_srv b;
    struct ble_bap_srv_cis cis[2];
    struct ble_iso_rx_slot rxs[2];
    uint8_t rxmem[2 * 64];
    struct ble_bap_srv_event bq[8];
};
static struct bfx bf;

#define LC3_CFG 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00
static const uint8_t w_codec2[] = {
    0x01, 0x02, 0x01, 0x02, 0x02, 0x06, 0, 0, 0, 0, 0x0a, LC3_CFG, 0x02, 0x02, 0x02, 0x06, 0, 0, 0, 0, 0x0a, LC3_CFG,
};
static const uint8_t w_qos2[] = {
    0x02, 0x02,
    0x01, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
    0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
};
static const uint8_t w_enable2[] = { 0x03, 0x02, 0x01, 0x00, 0x02, 0x00 };

static void decide_all(struct bfx *f)
{
    struct ble_ascs_event ev;
    struct ble_ascs_answer a;
    memset(&a, 0, sizeof a);
    a.prefs.preferred_phy = 2;
    a.prefs.max_transport_latency = 10;
    a.prefs.presentation_delay_min = 20000;
    a.prefs.presentation_delay_max = 40000;
    while (ble_ascs_poll_event(&f->ascs, &ev) == BLE_OK)
        if (ev.type == BLE_ASCS_EV_DECIDE)
            CHECK_EQ(ble_ascs_decide(&f->ascs, 0, ev.conn, ev.ase_id, &a), BLE_OK);
}

static void drain_ntf(struct bfx *f)
{
    uint8_t buf[64];
    struct ble_ascs_notify_target to;
    while (ble_ascs_poll_notify(&f->ascs, &to, buf, sizeof buf) > 0)
        ;
}

static void cpw(struct bfx *f, const uint8_t *v, size_t n)
{
    CHECK_EQ(ble_ascs_on_cp_write(&f->ascs, 0, ACL, v, n), BLE_OK);
    decide_all(f);
    drain_ntf(f);
}

/* enabled: both ASEs Enabling, else QoS Configured */
static void bfx_init(struct bfx *f, int enabled)
{
    struct ble_ascs_cfg cfg;
    struct ble_bap_srv_cfg bc;
    memset(f, 0, sizeof *f);
    memset(&cfg, 0, sizeof cfg);
    cfg.dirs = b_dirs;
    cfg.n_ases = 2;
    cfg.conns = f->conns;
    cfg.n_conns = 1;
    cfg.notify = f->nq;
    cfg.notify_cap = 16;
    cfg.events = f->eq;
    cfg.event_cap = 16;
    CHECK_EQ(ble_ascs_init(&f->ascs, &cfg), BLE_OK);
    CHECK_EQ(ble_ascs_acl_connected(&f->ascs, ACL), BLE_OK);
    memset(&bc, 0, sizeof bc);
    bc.ascs = &f->ascs;
    bc.cis = f->cis;
    bc.n_cis = 2;
    bc.rx_slots = f->rxs;
    bc.rx_buf = f->rxmem;
    bc.rx_buf_per_cis = 64;
    bc.events = f->bq;
    bc.event_cap = 8;
    CHECK_EQ(ble_bap_srv_init(&f->b, &bc), BLE_OK);
    cpw(f, w_codec2, sizeof w_codec2);
    cpw(f, w_qos2, sizeof w_qos2);
    if (enabled)
        cpw(f, w_enable2, sizeof w_enable2);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), enabled ? BLE_ASCS_STATE_ENABLING : BLE_ASCS_STATE_QOS_CONFIGURED);
}

static void hci(struct bfx *f, const uint8_t *e, size_t n)
{
    CHECK_EQ(ble_bap_srv_on_hci_event(&f->b, 0, e, n), BLE_OK);
}

#define EXPECT_CMD(f, v) do { uint8_t c_[32]; memset(c_, 0xA5, sizeof c_); \
    CHECK_EQ(ble_bap_srv_poll_cmd(&(f)->b, 0, 0, c_, sizeof c_), (int)sizeof(v)); \
    CHECK_MEM(c_, v, sizeof(v)); } while (0)
#define EXPECT_NO_CMD(f) do { uint8_t c_[32]; \
    CHECK_EQ(ble_bap_srv_poll_cmd(&(f)->b, 0, 0, c_, sizeof c_), BLE_ERR_AGAIN); } while (0)

static int next_ev(struct bfx *f, uint8_t type)
{
    struct ble_bap_srv_event ev;
    while (ble_bap_srv_poll_event(&f->b, &ev) == BLE_OK)
        if (ev.type == type)
            return ev.status;
    return -1;
}

/* ---- Vectors: Core 6.0 Vol 4 Part E ---- */
/* 7.7.65.26 LE CIS Request: ACL 0x0040, CIS 0x0060, CIG 0, CIS 0 */
static const uint8_t e_cis_req[] = { 0x3E, 0x07, 0x1A, 0x40, 0x00, 0x60, 0x00, 0x00, 0x00 };
/* 7.8.102 LE Accept CIS Request (0x2066): Connection_Handle */
static const uint8_t c_accept[] = { 0x66, 0x20, 0x02, 0x60, 0x00 };
/* 7.7.15 Command Status: Success, 1 packet, 0x2066 */
static const uint8_t e_accept_st[] = { 0x0F, 0x04, 0x00, 0x01, 0x66, 0x20 };
/* 7.7.65.25 LE CIS Established [v1], Success */
static const uint8_t e_cis_est[] = {
    0x3E, 0x1D, 0x19, 0x00, 0x60, 0x00,
    0x10, 0x27, 0x00,             /* CIG_Sync_Delay */
    0x10, 0x27, 0x00,             /* CIS_Sync_Delay */
    0x20, 0x4e, 0x00,             /* Transport_Latency_C_To_P */
    0x20, 0x4e, 0x00,             /* Transport_Latency_P_To_C */
    0x02, 0x02,                   /* PHY_C_To_P, PHY_P_To_C: LE 2M */
    0x03, 0x01, 0x01, 0x02, 0x02, /* NSE, BN_C_To_P, BN_P_To_C, FT_C_To_P, FT_P_To_C */
    0x28, 0x00, 0x28, 0x00,       /* Max_PDU each way */
    0x08, 0x00,                   /* ISO_Interval: 10 ms */
};
/* 7.8.109 LE Setup ISO Data Path (0x206E): handle, Direction 0x01 output
 * (Controller to Host) for the Sink ASE, Data_Path_ID 0x00 HCI, Codec_ID
 * Transparent, Controller_Delay 0, no configuration */
static const uint8_t c_path_out[] = {
    0x6E, 0x20, 0x0D, 0x60, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
static const uint8_t c_path_in[] = {
    0x6E, 0x20, 0x0D, 0x60, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
/* 7.7.14 Command Complete of 0x206E: Status, Connection_Handle */
static const uint8_t e_path_ok[] = { 0x0E, 0x06, 0x01, 0x6E, 0x20, 0x00, 0x60, 0x00 };
/* 7.7.5 Disconnection Complete of the CIS: reason 0x08 Connection Timeout */
static const uint8_t e_cis_disc[] = { 0x05, 0x04, 0x00, 0x60, 0x00, 0x08 };
/* ISO data (5.4.5): CIS 0x0060, PB 0b10 complete SDU, no time stamp; seq, SDU length 4 */
static const uint8_t i_sdu1[] = { 0x60, 0x20, 0x08, 0x00, 0x01, 0x00, 0x04, 0x00, 0xAA, 0xBB, 0xCC, 0xDD };
static const uint8_t i_sdu3[] = { 0x60, 0x20, 0x08, 0x00, 0x03, 0x00, 0x04, 0x00, 0x11, 0x22, 0x33, 0x44 };
/* seq 4 reported lost: Packet_Status_Flag 0b10, no data */
static const uint8_t i_lost4[] = { 0x60, 0x20, 0x04, 0x00, 0x04, 0x00, 0x00, 0x80 };

/* Brings the CIS up with both paths set; both ASEs Streaming. */
static void to_streaming(struct bfx *f)
{
    static const uint8_t w_rsr[] = { 0x04, 0x01, 0x02 };
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
    EXPECT_NO_CMD(f); /* one command at a time */
    hci(f, e_accept_st, sizeof e_accept_st);
    hci(f, e_cis_est, sizeof e_cis_est);
    EXPECT_CMD(f, c_path_out);
    hci(f, e_path_ok, sizeof e_path_ok);
    /* the Sink ASE's path is set: the server is ready, it streams (ASCS 5.4) */
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_STREAMING);
    EXPECT_CMD(f, c_path_in);
    hci(f, e_path_ok, sizeof e_path_ok);
    EXPECT_NO_CMD(f);
    cpw(f, w_rsr, sizeof w_rsr); /* the client, receiver of the Source ASE */
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_STREAMING);
}

static void cis_accepted_paths_set_and_sdus_routed(void)
{
    struct bfx *f = &bf;
    struct ble_bap_srv_sdu s;
    const struct ble_bap_srv_cis *c;
    bfx_init(f, 1);
    to_streaming(f);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_CIS_ACCEPTED), 0);
    CHECK_EQ(ble_bap_srv_cis_handle(&f->b, ACL, 1), CISH);
    CHECK_EQ(ble_bap_srv_cis_handle(&f->b, ACL, 2), CISH);
    CHECK_EQ(ble_bap_srv_on_iso(&f->b, 0, i_sdu1, sizeof i_sdu1, &s), BLE_OK);
    CHECK_EQ(s.acl, ACL);
    CHECK_EQ(s.ase_id, 1);
    CHECK_EQ(s.sdu.seq, 1);
    CHECK_EQ(s.sdu.data.len, 4);
    CHECK_MEM(s.sdu.data.p, i_sdu1 + 8, 4);
    /* seq 2 never came: one SDU lost by sequence number */
    CHECK_EQ(ble_bap_srv_on_iso(&f->b, 0, i_sdu3, sizeof i_sdu3, &s), BLE_OK);
    CHECK_EQ(s.sdu.lost_before, 1);
    CHECK_EQ(ble_bap_srv_on_iso(&f->b, 0, i_lost4, sizeof i_lost4, &s), BLE_OK);
    CHECK_EQ(s.sdu.status, BLE_HCI_ISO_LOST);
    c = ble_bap_srv_cis_find(&f->b, CISH);
    CHECK(c != 0);
    if (c) {
        CHECK_EQ(c->sdus, 3);
        CHECK_EQ(c->sdus_lost, 2);
        CHECK_EQ(c->paths_done, BLE_BAP_SRV_PATH_IN | BLE_BAP_SRV_PATH_OUT);
    }
}

static void cis_loss_while_streaming_returns_both_ases(void)
{
    struct bfx *f = &bf;
    struct ble_bap_srv_sdu s;
    static const uint8_t a1_qos[] = {
        0x01, 0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
    };
    uint8_t buf[64];
    struct ble_ascs_notify_target to;
    bfx_init(f, 1);
    to_streaming(f);
    drain_ntf(f);
    hci(f, e_cis_disc, sizeof e_cis_disc);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_CIS_DOWN), 0x08);
    /* ASCS 3: a CIS loss in Streaming sends Sink and Source ASEs back to QoS
     * Configured, notified with their QoS */
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_QOS_CONFIGURED);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_QOS_CONFIGURED);
    CHECK_EQ(ble_ascs_poll_notify(&f->ascs, &to, buf, sizeof buf), (int)sizeof a1_qos);
    CHECK_MEM(buf, a1_qos, sizeof a1_qos);
    CHECK_EQ(to.ase_id, 1);
    CHECK_EQ(ble_ascs_poll_notify(&f->ascs, &to, buf, sizeof buf), (int)sizeof a1_qos);
    CHECK_EQ(buf[0], 2);
    CHECK_EQ(buf[1], BLE_ASCS_STATE_QOS_CONFIGURED);
    CHECK(ble_bap_srv_cis_find(&f->b, CISH) == 0);
    CHECK_EQ(ble_bap_srv_cis_handle(&f->b, ACL, 1), BLE_ERR_NOT_FOUND);
    /* its ISO data has nowhere to go */
    CHECK_EQ(ble_bap_srv_on_iso(&f->b, 0, i_sdu1, sizeof i_sdu1, &s), BLE_ERR_NOT_FOUND);
}

static void cis_loss_of_a_disabling_source_ase(void)
{
    struct bfx *f = &bf;
    static const uint8_t w_dis2[] = { 0x05, 0x01, 0x02 };
    bfx_init(f, 1);
    to_streaming(f);
    cpw(f, w_dis2, sizeof w_dis2);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_DISABLING);
    hci(f, e_cis_disc, sizeof e_cis_disc);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_QOS_CONFIGURED);
}

static void cis_request_for_unknown_cis_is_rejected(void)
{
    struct bfx *f = &bf;
    /* CIG 0, CIS 5: no ASE uses it */
    static const uint8_t e_req5[] = { 0x3E, 0x07, 0x1A, 0x40, 0x00, 0x61, 0x00, 0x00, 0x05 };
    /* another ACL */
    static const uint8_t e_req_acl[] = { 0x3E, 0x07, 0x1A, 0x41, 0x00, 0x62, 0x00, 0x00, 0x00 };
    /* 7.8.103 LE Reject CIS Request (0x2067): handle, Reason 0x3B */
    static const uint8_t c_rej[] = { 0x67, 0x20, 0x03, 0x61, 0x00, 0x3B };
    static const uint8_t c_rej2[] = { 0x67, 0x20, 0x03, 0x62, 0x00, 0x3B };
    static const uint8_t e_rej_ok[] = { 0x0E, 0x06, 0x01, 0x67, 0x20, 0x00, 0x61, 0x00 };
    static const uint8_t e_rej_ok2[] = { 0x0E, 0x06, 0x01, 0x67, 0x20, 0x00, 0x62, 0x00 };
    bfx_init(f, 1);
    hci(f, e_req5, sizeof e_req5);
    EXPECT_CMD(f, c_rej);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_CIS_REJECTED), 0x3B);
    hci(f, e_rej_ok, sizeof e_rej_ok);
    CHECK(ble_bap_srv_cis_find(&f->b, 0x0061) == 0);
    hci(f, e_req_acl, sizeof e_req_acl);
    EXPECT_CMD(f, c_rej2);
    hci(f, e_rej_ok2, sizeof e_rej_ok2);
    EXPECT_NO_CMD(f);
    CHECK_EQ(f->b.stats.cis_rejected, 2);
    /* Idle or Codec Configured ASEs do not take a CIS either */
    f->b.stats.cis_rejected = 0;
    {
        static const uint8_t w_rel[] = { 0x08, 0x02, 0x01, 0x02 };
        cpw(f, w_rel, sizeof w_rel);
        hci(f, e_cis_req, sizeof e_cis_req);
        CHECK_EQ(f->b.stats.cis_rejected, 1);
    }
    /* accepted in QoS Configured */
    bfx_init(f, 0);
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
}

static void cis_failures(void)
{
    struct bfx *f = &bf;
    /* CIS Established with 0x3E Connection Failed to be Established */
    static const uint8_t e_fail[] = {
        0x3E, 0x1D, 0x19, 0x3E, 0x60, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    };
    /* Command Status 0x0C Command Disallowed for the accept */
    static const uint8_t e_acc_bad[] = { 0x0F, 0x04, 0x0C, 0x01, 0x66, 0x20 };
    static const uint8_t e_path_bad[] = { 0x0E, 0x06, 0x01, 0x6E, 0x20, 0x12, 0x60, 0x00 };
    uint8_t cmd[32];
    size_t n;
    bfx_init(f, 1);
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
    hci(f, e_accept_st, sizeof e_accept_st);
    hci(f, e_fail, sizeof e_fail);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_CIS_FAILED), 0x3E);
    EXPECT_NO_CMD(f);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_ENABLING);
    CHECK(ble_bap_srv_cis_find(&f->b, CISH) == 0);
    /* the controller refuses the accept */
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
    hci(f, e_acc_bad, sizeof e_acc_bad);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_CIS_FAILED), 0x0C);
    CHECK(ble_bap_srv_cis_find(&f->b, CISH) == 0);
    /* no answer at all: the command times out */
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
    CHECK_EQ(ble_bap_srv_next_deadline(&f->b), BLE_CFG_HCI_CMD_TIMEOUT_MS);
    CHECK_EQ(ble_bap_srv_on_timer(&f->b, BLE_CFG_HCI_CMD_TIMEOUT_MS - 1), BLE_OK);
    CHECK(ble_bap_srv_cis_find(&f->b, CISH) != 0);
    CHECK_EQ(ble_bap_srv_on_timer(&f->b, BLE_CFG_HCI_CMD_TIMEOUT_MS), BLE_OK);
    CHECK(ble_bap_srv_cis_find(&f->b, CISH) == 0);
    CHECK_EQ(f->b.stats.cmd_timeouts, 1);
    CHECK_EQ(ble_bap_srv_next_deadline(&f->b), BLE_NO_DEADLINE);
    /* a data path the controller refuses (0x12): the Sink ASE is not made ready */
    bfx_init(f, 1);
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
    hci(f, e_accept_st, sizeof e_accept_st);
    hci(f, e_cis_est, sizeof e_cis_est);
    EXPECT_CMD(f, c_path_out);
    hci(f, e_path_bad, sizeof e_path_bad);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_PATH_FAILED), 0x12);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_ENABLING);
    EXPECT_CMD(f, c_path_in);
    /* every prefix of the command buffer is refused and left alone */
    bfx_init(f, 1);
    hci(f, e_cis_req, sizeof e_cis_req);
    for (n = 0; n < sizeof c_accept; n++) {
        memset(cmd, 0xA5, sizeof cmd);
        CHECK(ble_bap_srv_poll_cmd(&f->b, 0, 0, cmd, n) < 0);
        CHECK_EQ(cmd[0], 0xA5);
    }
    EXPECT_CMD(f, c_accept);
    /* a truncated CIS Established is refused and changes nothing */
    for (n = 0; n < sizeof e_cis_est; n++)
        CHECK(ble_bap_srv_on_hci_event(&f->b, 0, e_cis_est, n) < 0);
    CHECK_EQ(ble_bap_srv_cis_find(&f->b, CISH)->state, BLE_BAP_SRV_CIS_ACCEPTING);
}

static void acl_loss_and_host_credits(void)
{
    struct bfx *f = &bf;
    static const uint8_t e_acl_disc[] = { 0x05, 0x04, 0x00, 0x40, 0x00, 0x13 };
    struct ble_hci_host host;
    uint8_t cmd[32];
    bfx_init(f, 1);
    to_streaming(f);
    hci(f, e_acl_disc, sizeof e_acl_disc);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_ACL_DOWN), 0x13);
    CHECK(ble_bap_srv_cis_find(&f->b, CISH) == 0);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), -1); /* the connection is gone */
    /* through the HCI host: a controller not brought up takes no command, and
     * the accept stays due */
    bfx_init(f, 1);
    ble_hci_host_init(&host, 0);
    hci(f, e_cis_req, sizeof e_cis_req);
    CHECK_EQ(ble_bap_srv_poll_cmd(&f->b, 0, &host, cmd, sizeof cmd), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_srv_cis_find(&f->b, CISH)->state, BLE_BAP_SRV_CIS_ACCEPT_DUE);
    EXPECT_CMD(f, c_accept);
}

/* One ASE (id) of the client: Config Codec, Config QoS onto CIG 0 / CIS 0,
 * Enable, each taken by the server (ASCS 5.1-5.3). */
static void one_ase_enabled(struct bfx *f, uint8_t id)
{
    uint8_t codec[] = { 0x01, 0x01, 0x00, 0x02, 0x02, 0x06, 0, 0, 0, 0, 0x0a, LC3_CFG };
    uint8_t qos[] = {
        0x02, 0x01, 0x00, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
    };
    uint8_t en[] = { 0x03, 0x01, 0x00, 0x00 };
    codec[2] = qos[2] = en[2] = id;
    cpw(f, codec, sizeof codec);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, id), BLE_ASCS_STATE_CODEC_CONFIGURED);
    cpw(f, qos, sizeof qos);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, id), BLE_ASCS_STATE_QOS_CONFIGURED);
    cpw(f, en, sizeof en);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, id), BLE_ASCS_STATE_ENABLING);
}

/* Only the ASCS connection and the server: no ASE configured yet. */
static void bfx_bare(struct bfx *f)
{
    static const uint8_t w_rel[] = { 0x08, 0x02, 0x01, 0x02 };
    bfx_init(f, 0);
    cpw(f, w_rel, sizeof w_rel);
    CHECK_EQ(ble_ascs_released(&f->ascs, 0, ACL, 1, 0), BLE_OK);
    CHECK_EQ(ble_ascs_released(&f->ascs, 0, ACL, 2, 0), BLE_OK);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_IDLE);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_IDLE);
    drain_ntf(f);
}

/* The CIS comes up for the ASEs configured so far. */
static void cis_up(struct bfx *f)
{
    hci(f, e_cis_req, sizeof e_cis_req);
    EXPECT_CMD(f, c_accept);
    hci(f, e_accept_st, sizeof e_accept_st);
    hci(f, e_cis_est, sizeof e_cis_est);
}

/* BAP 1.0 5.6.3: the client establishes the CIS only when it is not
 * established, so a Source ASE put on the CIS a streaming Sink ASE already
 * uses never sees a CIS Established: the server tells ASCS the CIS is up
 * and sets up the input path (Data_Path_Direction 0x00, Vol 4 Part E
 * 7.8.109) once, and the client's Receiver Start Ready starts it. */
static void source_ase_joins_a_cis_already_up(void)
{
    struct bfx *f = &bf;
    static const uint8_t w_rsr2[] = { 0x04, 0x01, 0x02 };
    const struct ble_bap_srv_cis *c;
    bfx_bare(f);
    one_ase_enabled(f, 1);
    cis_up(f);
    EXPECT_CMD(f, c_path_out);
    hci(f, e_path_ok, sizeof e_path_ok);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_STREAMING);
    EXPECT_NO_CMD(f);
    one_ase_enabled(f, 2);
    CHECK_EQ(ble_bap_srv_cis_handle(&f->b, ACL, 2), CISH);
    EXPECT_CMD(f, c_path_in);
    EXPECT_NO_CMD(f); /* one command at a time */
    hci(f, e_path_ok, sizeof e_path_ok);
    CHECK_EQ(next_ev(f, BLE_BAP_SRV_EV_PATH_READY), 0);
    EXPECT_NO_CMD(f); /* the input path once only */
    cpw(f, w_rsr2, sizeof w_rsr2);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_STREAMING);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_STREAMING);
    hci(f, e_path_ok, sizeof e_path_ok); /* a stray completion asks for nothing */
    EXPECT_NO_CMD(f);
    c = ble_bap_srv_cis_find(&f->b, CISH);
    CHECK(c != 0);
    if (c) {
        CHECK_EQ(c->paths_done, BLE_BAP_SRV_PATH_IN | BLE_BAP_SRV_PATH_OUT);
        CHECK_EQ(c->paths_due, 0);
    }
}

/* The other way round: a Sink ASE joins the CIS a streaming Source ASE
 * uses; its output path (Direction 0x01) is set up, the ISO reassembly of
 * the CIS attached, and the Sink ASE made ready once the path is set. Then
 * it is released and configured again onto the CIS, still up for the
 * Source ASE: the path stays set, so it is made ready with no command. */
static void sink_ase_joins_a_cis_already_up(void)
{
    struct bfx *f = &bf;
    static const uint8_t w_rsr2[] = { 0x04, 0x01, 0x02 };
    static const uint8_t w_rel1[] = { 0x08, 0x01, 0x01 };
    struct ble_bap_srv_sdu s;
    bfx_bare(f);
    one_ase_enabled(f, 2);
    cis_up(f);
    EXPECT_CMD(f, c_path_in);
    hci(f, e_path_ok, sizeof e_path_ok);
    EXPECT_NO_CMD(f);
    cpw(f, w_rsr2, sizeof w_rsr2);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_STREAMING);
    one_ase_enabled(f, 1);
    EXPECT_CMD(f, c_path_out);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_ENABLING); /* not before its path */
    EXPECT_NO_CMD(f);
    hci(f, e_path_ok, sizeof e_path_ok);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_STREAMING);
    EXPECT_NO_CMD(f);
    memset(&s, 0, sizeof s);
    CHECK_EQ(ble_bap_srv_on_iso(&f->b, 0, i_sdu1, sizeof i_sdu1, &s), BLE_OK);
    CHECK_EQ(s.ase_id, 1);
    CHECK_EQ(s.sdu.data.len, 4);
    if (s.sdu.data.len == 4)
        CHECK_MEM(s.sdu.data.p, i_sdu1 + 8, 4);
    /* released (ASCS 5.8) and cached: Codec Configured, off the CIS */
    cpw(f, w_rel1, sizeof w_rel1);
    CHECK_EQ(ble_ascs_released(&f->ascs, 0, ACL, 1, 1), BLE_OK);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_CODEC_CONFIGURED);
    EXPECT_NO_CMD(f);
    one_ase_enabled(f, 1);
    EXPECT_NO_CMD(f);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 1), BLE_ASCS_STATE_STREAMING);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_STREAMING);
}

/* A Source ASE released and configured again onto its CIS while the input
 * path asked for it awaits its completion: that path is not asked twice. */
static void path_awaited_is_not_asked_twice(void)
{
    struct bfx *f = &bf;
    static const uint8_t w_rel2[] = { 0x08, 0x01, 0x02 };
    bfx_bare(f);
    one_ase_enabled(f, 2);
    cis_up(f);
    EXPECT_CMD(f, c_path_in);
    cpw(f, w_rel2, sizeof w_rel2);
    CHECK_EQ(ble_ascs_released(&f->ascs, 0, ACL, 2, 1), BLE_OK);
    CHECK_EQ(ble_ascs_ase_state(&f->ascs, ACL, 2), BLE_ASCS_STATE_CODEC_CONFIGURED);
    one_ase_enabled(f, 2);
    EXPECT_NO_CMD(f);
    hci(f, e_path_ok, sizeof e_path_ok);
    EXPECT_NO_CMD(f);
    CHECK_EQ(ble_bap_srv_cis_find(&f->b, CISH)->paths_done, BLE_BAP_SRV_PATH_IN);
}

void suite_bap_srv(void)
{
    TT_RUN(cis_accepted_paths_set_and_sdus_routed);
    TT_RUN(cis_loss_while_streaming_returns_both_ases);
    TT_RUN(cis_loss_of_a_disabling_source_ase);
    TT_RUN(cis_request_for_unknown_cis_is_rejected);
    TT_RUN(cis_failures);
    TT_RUN(acl_loss_and_host_credits);
    TT_RUN(source_ase_joins_a_cis_already_up);
    TT_RUN(sink_ase_joins_a_cis_already_up);
    TT_RUN(path_awaited_is_not_asked_twice);
}
