/* Unit tests of profiles/ascs.h: the ASE value, Control Point and LTV
 * codecs, the transition table, and the server's machine through whole
 * unicast flows.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

#define SNK BLE_ASCS_DIR_SINK
#define SRC BLE_ASCS_DIR_SOURCE
#define CONN 0x0040

/* ---- Vectors (ASCS 1.0 4.1, 4.2, 5.1-5.8) ---- */

/* LC3 Codec_Specific_Configuration (BAP 1.0 4.3.2): 16 kHz, 10 ms, 40 octets */
#define LC3_CFG 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00

/* 5.1 Config Codec, one ASE */
static const uint8_t v_config_codec[] = {
    0x01,                         /* Opcode: Config Codec */
    0x01,                         /* Number_of_ASEs */
    0x01,                         /* ASE_ID */
    0x02,                         /* Target_Latency: balanced */
    0x02,                         /* Target_PHY: LE 2M */
    0x06, 0x00, 0x00, 0x00, 0x00, /* Codec_ID: LC3, company 0, vendor 0 */
    0x0a,                         /* Codec_Specific_Configuration_Length */
    LC3_CFG,
};
/* 4.1 Table 4.3: ASE 1 Codec Configured with the server's preferences */
static const uint8_t v_codec_configured[] = {
    0x01, 0x01,                   /* ASE_ID 1, ASE_State Codec Configured */
    0x00,                         /* Framing: unframed supported */
    0x02,                         /* Preferred_PHY: LE 2M */
    0x02,                         /* Preferred_Retransmission_Number */
    0x0a, 0x00,                   /* Max_Transport_Latency 10 ms */
    0x20, 0x4e, 0x00,             /* Presentation_Delay_Min 20000 us */
    0x40, 0x9c, 0x00,             /* Presentation_Delay_Max 40000 us */
    0x00, 0x00, 0x00,             /* Preferred_Presentation_Delay_Min: none */
    0x00, 0x00, 0x00,             /* Preferred_Presentation_Delay_Max: none */
    0x06, 0x00, 0x00, 0x00, 0x00, /* Codec_ID */
    0x0a, LC3_CFG,                /* Codec_Specific_Configuration */
};
/* 5.2 Config QoS, one ASE (16 octets of parameters) */
static const uint8_t v_config_qos[] = {
    0x02, 0x01,                   /* Opcode Config QoS, Number_of_ASEs 1 */
    0x01,                         /* ASE_ID */
    0x00, 0x00,                   /* CIG_ID, CIS_ID */
    0x10, 0x27, 0x00,             /* SDU_Interval 10000 us */
    0x00,                         /* Framing unframed */
    0x02,                         /* PHY LE 2M */
    0x28, 0x00,                   /* Max_SDU 40 */
    0x02,                         /* Retransmission_Number */
    0x0a, 0x00,                   /* Max_Transport_Latency 10 ms */
    0x40, 0x9c, 0x00,             /* Presentation_Delay 40000 us */
};
/* 4.1 Table 4.4 */
static const uint8_t v_qos_configured[] = {
    0x01, 0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
};
/* 5.3 Enable, Metadata: Streaming_Audio_Contexts = Media (0x0004) */
static const uint8_t v_enable[] = { 0x03, 0x01, 0x01, 0x04, 0x03, 0x02, 0x04, 0x00 };
/* 4.1 Table 4.5: Enabling, CIG 0, CIS 0, the metadata */
static const uint8_t v_enabling[] = { 0x01, 0x03, 0x00, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00 };
static const uint8_t v_streaming[] = { 0x01, 0x04, 0x00, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00 };
static const uint8_t v_idle[] = { 0x01, 0x00 };
static const uint8_t v_releasing[] = { 0x01, 0x06 };
/* 5.4-5.8, ASE 1 */
static const uint8_t v_start_ready[] = { 0x04, 0x01, 0x01 };
static const uint8_t v_disable[] = { 0x05, 0x01, 0x01 };
static const uint8_t v_stop_ready[] = { 0x06, 0x01, 0x01 };
static const uint8_t v_update_md[] = { 0x07, 0x01, 0x01, 0x04, 0x03, 0x02, 0x02, 0x00 };
static const uint8_t v_release[] = { 0x08, 0x01, 0x01 };

/* ---- Codec ---- */

static void names_are_the_spec_names(void)
{
    CHECK_STR(ble_ascs_response_code_name(0x00), "Success");
    CHECK_STR(ble_ascs_response_code_name(0x01), "Unsupported Opcode");
    CHECK_STR(ble_ascs_response_code_name(0x02), "Invalid Length");
    CHECK_STR(ble_ascs_response_code_name(0x03), "Invalid ASE_ID");
    CHECK_STR(ble_ascs_response_code_name(0x04), "Invalid ASE State Machine Transition");
    CHECK_STR(ble_ascs_response_code_name(0x05), "Invalid ASE Direction");
    CHECK_STR(ble_ascs_response_code_name(0x06), "Unsupported Audio Capabilities");
    CHECK_STR(ble_ascs_response_code_name(0x07), "Unsupported Configuration Parameter Value");
    CHECK_STR(ble_ascs_response_code_name(0x08), "Rejected Configuration Parameter Value");
    CHECK_STR(ble_ascs_response_code_name(0x09), "Invalid Configuration Parameter Value");
    CHECK_STR(ble_ascs_response_code_name(0x0A), "Unsupported Metadata");
    CHECK_STR(ble_ascs_response_code_name(0x0B), "Rejected Metadata");
    CHECK_STR(ble_ascs_response_code_name(0x0C), "Invalid Metadata");
    CHECK_STR(ble_ascs_response_code_name(0x0D), "Insufficient Resources");
    CHECK_STR(ble_ascs_response_code_name(0x0E), "Unspecified Error");
    CHECK_STR(ble_ascs_response_code_name(0x0F), "");
    CHECK_STR(ble_ascs_reason_name(0x01), "Codec_ID");
    CHECK_STR(ble_ascs_reason_name(0x02), "Codec_Specific_Configuration");
    CHECK_STR(ble_ascs_reason_name(0x03), "SDU_Interval");
    CHECK_STR(ble_ascs_reason_name(0x04), "Framing");
    CHECK_STR(ble_ascs_reason_name(0x05), "PHY");
    CHECK_STR(ble_ascs_reason_name(0x06), "Maximum_SDU_Size");
    CHECK_STR(ble_ascs_reason_name(0x07), "Retransmission_Number");
    CHECK_STR(ble_ascs_reason_name(0x08), "Max_Transport_Latency");
    CHECK_STR(ble_ascs_reason_name(0x09), "Presentation_Delay");
    CHECK_STR(ble_ascs_reason_name(0x0A), "Invalid_ASE_CIS_Mapping");
    CHECK_STR(ble_ascs_state_name(BLE_ASCS_STATE_QOS_CONFIGURED), "QoS Configured");
    CHECK_STR(ble_ascs_state_name(7), "");
    CHECK_STR(ble_ascs_opcode_name(0x04), "Receiver Start Ready");
    CHECK_STR(ble_ascs_opcode_name(0x09), "");
}

/* decode, re-encode to the same octets, and every shorter prefix fails with
 * the output untouched */
static void value_round_trip(const uint8_t *v, size_t n, uint8_t state)
{
    struct ble_ascs_ase_value a;
    uint8_t out[64];
    size_t k;
    CHECK_EQ(ble_ascs_ase_value_decode(v, n, &a), BLE_OK);
    CHECK_EQ(a.state, state);
    CHECK_EQ(ble_ascs_ase_value_encode(&a, out, sizeof out), (int)n);
    CHECK_MEM(out, v, n);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_ascs_ase_value_encode(&a, out, n - 1), BLE_ERR_NO_SPACE);
    CHECK(tt_is_poison(out, sizeof out));
    for (k = 0; k < n; k++) {
        tt_poison(&a, sizeof a);
        CHECK(ble_ascs_ase_value_decode(v, k, &a) < 0);
        CHECK(tt_is_poison(&a, sizeof a));
    }
}

static void ase_values_of_every_state_round_trip(void)
{
    static const uint8_t v_disabling[] = { 0x02, 0x05, 0x01, 0x02, 0x00 };
    struct ble_ascs_ase_value a;
    value_round_trip(v_idle, sizeof v_idle, BLE_ASCS_STATE_IDLE);
    value_round_trip(v_codec_configured, sizeof v_codec_configured, BLE_ASCS_STATE_CODEC_CONFIGURED);
    value_round_trip(v_qos_configured, sizeof v_qos_configured, BLE_ASCS_STATE_QOS_CONFIGURED);
    value_round_trip(v_enabling, sizeof v_enabling, BLE_ASCS_STATE_ENABLING);
    value_round_trip(v_streaming, sizeof v_streaming, BLE_ASCS_STATE_STREAMING);
    value_round_trip(v_disabling, sizeof v_disabling, BLE_ASCS_STATE_DISABLING);
    value_round_trip(v_releasing, sizeof v_releasing, BLE_ASCS_STATE_RELEASING);
    CHECK_EQ(ble_ascs_ase_value_decode(v_codec_configured, sizeof v_codec_configured, &a), BLE_OK);
    CHECK_EQ(a.p.codec_configured.presentation_delay_max, 40000);
    CHECK_EQ(a.p.codec_configured.max_transport_latency, 10);
    CHECK_EQ(a.p.codec_configured.codec_specific_configuration.len, 10);
    CHECK_EQ(ble_ascs_ase_value_decode(v_qos_configured, sizeof v_qos_configured, &a), BLE_OK);
    CHECK_EQ(a.p.qos_configured.sdu_interval, 10000);
    CHECK_EQ(a.p.qos_configured.max_sdu, 40);
    CHECK_EQ(a.p.qos_configured.presentation_delay, 40000);
    /* RFU state 0x07; Idle with a parameter octet */
    CHECK_EQ(ble_ascs_ase_value_decode((const uint8_t *)"\x01\x07", 2, &a), BLE_ERR_UNKNOWN);
    CHECK_EQ(ble_ascs_ase_value_decode((const uint8_t *)"\x01\x00\x00", 3, &a), BLE_ERR_TRAILING);
}

static void cp_write_round_trip(const uint8_t *v, size_t n, uint8_t opcode, size_t ases)
{
    struct ble_ascs_cp_write w;
    struct ble_arr arr;
    uint8_t out[64];
    size_t k;
    CHECK_EQ(ble_ascs_cp_write_decode(v, n, &w), BLE_OK);
    CHECK_EQ(w.opcode, opcode);
    memcpy(&arr, &w.p, sizeof arr);
    CHECK_EQ(arr.n, ases);
    CHECK_EQ(ble_ascs_cp_write_encode(w.opcode, &w.p, out, sizeof out), (int)n);
    CHECK_MEM(out, v, n);
    for (k = 1; k < n; k++) {
        tt_poison(&w, sizeof w);
        CHECK_EQ(ble_ascs_cp_write_decode(v, k, &w), BLE_ERR_SHORT);
        CHECK(tt_is_poison(&w, sizeof w));
    }
}

static void every_control_point_operation_round_trips(void)
{
    struct ble_ascs_cp_write w;
    struct ble_ascs_qos_ase q;
    struct ble_ascs_codec_ase c;
    uint8_t two[] = { 0x08, 0x02, 0x01, 0x02 };
    cp_write_round_trip(v_config_codec, sizeof v_config_codec, BLE_ASCS_OP_CONFIG_CODEC, 1);
    cp_write_round_trip(v_config_qos, sizeof v_config_qos, BLE_ASCS_OP_CONFIG_QOS, 1);
    cp_write_round_trip(v_enable, sizeof v_enable, BLE_ASCS_OP_ENABLE, 1);
    cp_write_round_trip(v_start_ready, sizeof v_start_ready, BLE_ASCS_OP_RECEIVER_START_READY, 1);
    cp_write_round_trip(v_disable, sizeof v_disable, BLE_ASCS_OP_DISABLE, 1);
    cp_write_round_trip(v_stop_ready, sizeof v_stop_ready, BLE_ASCS_OP_RECEIVER_STOP_READY, 1);
    cp_write_round_trip(v_update_md, sizeof v_update_md, BLE_ASCS_OP_UPDATE_METADATA, 1);
    cp_write_round_trip(v_release, sizeof v_release, BLE_ASCS_OP_RELEASE, 1);
    cp_write_round_trip(two, sizeof two, BLE_ASCS_OP_RELEASE, 2);
    CHECK_EQ(ble_ascs_cp_write_decode(v_config_qos, sizeof v_config_qos, &w), BLE_OK);
    CHECK_EQ(ble_arr_get(&w.p.config_qos.ases, &ble_ascs_qos_ase_desc, 0, &q), BLE_OK);
    CHECK_EQ(q.sdu_interval, 10000);
    CHECK_EQ(q.max_transport_latency, 10);
    CHECK_EQ(ble_ascs_cp_write_decode(v_config_codec, sizeof v_config_codec, &w), BLE_OK);
    CHECK_EQ(ble_arr_get(&w.p.config_codec.ases, &ble_ascs_codec_ase_desc, 0, &c), BLE_OK);
    CHECK_EQ(c.target_phy, 2);
    CHECK_EQ(c.codec_id[0], 0x06);
    CHECK_EQ(c.codec_specific_configuration.len, 10);
    /* unknown opcode: the opcode is kept for the 0xFF answer */
    CHECK_EQ(ble_ascs_cp_write_decode((const uint8_t *)"\x09\x01\x01", 3, &w), BLE_ERR_UNKNOWN);
    CHECK_EQ(w.opcode, 9);
    CHECK(w.desc == NULL);
    CHECK_EQ(ble_ascs_cp_write_decode(two, 0, &w), BLE_ERR_SHORT);
    /* one octet too many */
    {
        uint8_t x[sizeof v_release + 1];
        memcpy(x, v_release, sizeof v_release);
        x[sizeof v_release] = 0;
        CHECK_EQ(ble_ascs_cp_write_decode(x, sizeof x, &w), BLE_ERR_TRAILING);
    }
}

static void control_point_notification_codec(void)
{
    /* 4.2: Config Codec, two ASEs: ASE 1 Success, ASE 5 Invalid ASE_ID */
    static const uint8_t v[] = { 0x01, 0x02, 0x01, 0x00, 0x00, 0x05, 0x03, 0x00 };
    /* the 0xFF form: Invalid Length */
    static const uint8_t vff[] = { 0x02, 0xff, 0x00, 0x02, 0x00 };
    struct ble_ascs_cp_rsp r;
    struct ble_ascs_rsp_entry e;
    struct ble_ascs_rsp_entry items[2] = { { 1, 0, 0 }, { 5, 3, 0 } };
    uint8_t out[16];
    size_t k;
    CHECK_EQ(ble_ascs_cp_rsp_decode(v, sizeof v, &r), BLE_OK);
    CHECK_EQ(r.number_of_ases, 2);
    CHECK_EQ(ble_arr_get(&r.ases, &ble_ascs_rsp_entry_desc, 1, &e), BLE_OK);
    CHECK_EQ(e.ase_id, 5);
    CHECK_EQ(e.response_code, BLE_ASCS_RSP_INVALID_ASE_ID);
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, out, sizeof out), (int)sizeof v);
    CHECK_MEM(out, v, sizeof v);
    r.ases.items = items;
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, out, sizeof out), (int)sizeof v);
    CHECK_MEM(out, v, sizeof v);
    CHECK_EQ(ble_ascs_cp_rsp_decode(vff, sizeof vff, &r), BLE_OK);
    CHECK_EQ(r.number_of_ases, 0xFF);
    CHECK_EQ(r.ases.n, 1);
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, out, sizeof out), (int)sizeof vff);
    CHECK_MEM(out, vff, sizeof vff);
    for (k = 0; k < sizeof v; k++) {
        tt_poison(&r, sizeof r);
        CHECK_EQ(ble_ascs_cp_rsp_decode(v, k, &r), BLE_ERR_SHORT);
        CHECK(tt_is_poison(&r, sizeof r));
    }
    CHECK_EQ(ble_ascs_cp_rsp_decode(v, sizeof v, &r), BLE_OK);
    r.number_of_ases = 3; /* disagrees with the entries */
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, out, sizeof out), BLE_ERR_MALFORMED);
}

static void ltv_lists_are_walked_with_lengths_checked(void)
{
    static const uint8_t cfg[] = { LC3_CFG };
    static const uint8_t past_end[] = { 0x02, 0x01, 0x03, 0x05, 0x04, 0x28, 0x00 };
    static const uint8_t zero_len[] = { 0x02, 0x01, 0x03, 0x00, 0x02 };
    struct ble_rd r;
    uint8_t t, bad = 0xAA;
    struct ble_view v;
    ble_rd_init(&r, cfg, sizeof cfg);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_OK);
    CHECK_EQ(t, 0x01);
    CHECK_EQ(v.len, 1);
    CHECK_EQ(v.p[0], 0x03);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_OK);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_OK);
    CHECK_EQ(t, 0x04);
    CHECK_EQ(ble_get_le16(v.p), 40);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_ERR_AGAIN); /* the clean end */
    CHECK_EQ(ble_ascs_ltv_check(cfg, sizeof cfg, &bad), BLE_OK);
    CHECK_EQ(ble_ascs_ltv_check(cfg, 0, &bad), BLE_OK);
    /* Length 5 with 3 octets left: runs past the end, Type 0x04 at fault */
    CHECK_EQ(ble_ascs_ltv_check(past_end, sizeof past_end, &bad), BLE_ERR_SHORT);
    CHECK_EQ(bad, 0x04);
    ble_rd_init(&r, past_end, sizeof past_end);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_OK);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_ERR_SHORT);
    CHECK_EQ(r.pos, 3); /* the reader did not move */
    CHECK_EQ(ble_ascs_ltv_check(zero_len, sizeof zero_len, &bad), BLE_ERR_MALFORMED);
    /* a lone Length octet has no Type */
    CHECK_EQ(ble_ascs_ltv_check(past_end + 3, 1, &bad), BLE_ERR_SHORT);
    CHECK_EQ(bad, 0);
}

/* ---- Transition table ---- */

/* ASCS 1.0 3 (Figures 3.1, 3.2) and 5.1-5.8, written out independently of
 * the kit's table: expected[dir][state][input] as a next state, -1 refused.
 * I D = Idle, CC, QC, EN, ST, DI, RE. */
enum { I_ = 0, CC = 1, QC = 2, EN = 3, ST = 4, DI = 5, RE = 6, NO = -1 };
static const uint8_t inputs[] = {
    BLE_ASCS_IN_CONFIG_CODEC, BLE_ASCS_IN_CONFIG_QOS, BLE_ASCS_IN_ENABLE,
    BLE_ASCS_IN_RECEIVER_START_READY, BLE_ASCS_IN_DISABLE, BLE_ASCS_IN_RECEIVER_STOP_READY,
    BLE_ASCS_IN_UPDATE_METADATA, BLE_ASCS_IN_RELEASE, BLE_ASCS_IN_SRV_CONFIG_CODEC,
    BLE_ASCS_IN_SRV_RECEIVER_START_READY, BLE_ASCS_IN_SRV_DISABLE, BLE_ASCS_IN_SRV_UPDATE_METADATA,
    BLE_ASCS_IN_SRV_RELEASE, BLE_ASCS_IN_RELEASED, BLE_ASCS_IN_RELEASED_CACHED, BLE_ASCS_IN_CIS_LOST,
    BLE_ASCS_IN_ACL_LOST, BLE_ASCS_IN_ACL_LOST_CACHED,
};
/*                 CC  QoS EN  RSR DIS RSP UMD REL sCC sRSR sDIS sUMD sREL RLSD RLSC CIS ACL ACLC */
static const signed char sink_expect[7][18] = {
    /* Idle */    { CC, NO, NO, NO, NO, NO, NO, NO, CC, NO,  NO,  NO,  NO,  NO,  NO,  NO, NO, NO },
    /* CC */      { CC, QC, NO, NO, NO, NO, NO, RE, CC, NO,  NO,  NO,  RE,  NO,  NO,  NO, I_, CC },
    /* QC */      { CC, QC, EN, NO, NO, NO, NO, RE, CC, NO,  NO,  NO,  RE,  NO,  NO,  NO, I_, CC },
    /* EN */      { NO, NO, NO, NO, QC, NO, EN, RE, NO, ST,  QC,  EN,  RE,  NO,  NO,  QC, I_, CC },
    /* ST */      { NO, NO, NO, NO, QC, NO, ST, RE, NO, NO,  QC,  ST,  RE,  NO,  NO,  QC, I_, CC },
    /* DI */      { NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,  NO,  NO,  NO,  NO,  NO,  NO, NO, NO },
    /* RE */      { NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,  NO,  NO,  NO,  I_,  CC,  NO, I_, CC },
};
static const signed char source_expect[7][18] = {
    /* Idle */    { CC, NO, NO, NO, NO, NO, NO, NO, CC, NO,  NO,  NO,  NO,  NO,  NO,  NO, NO, NO },
    /* CC */      { CC, QC, NO, NO, NO, NO, NO, RE, CC, NO,  NO,  NO,  RE,  NO,  NO,  NO, I_, CC },
    /* QC */      { CC, QC, EN, NO, NO, NO, NO, RE, CC, NO,  NO,  NO,  RE,  NO,  NO,  NO, I_, CC },
    /* EN */      { NO, NO, NO, ST, DI, NO, EN, RE, NO, NO,  DI,  EN,  RE,  NO,  NO,  QC, I_, CC },
    /* ST */      { NO, NO, NO, NO, DI, NO, ST, RE, NO, NO,  DI,  ST,  RE,  NO,  NO,  QC, I_, CC },
    /* DI */      { NO, NO, NO, NO, NO, QC, NO, RE, NO, NO,  NO,  NO,  RE,  NO,  NO,  QC, I_, CC },
    /* RE */      { NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,  NO,  NO,  NO,  I_,  CC,  NO, I_, CC },
};

static void transition_table_matches_the_spec_for_every_pair(void)
{
    unsigned s, i;
    for (s = 0; s < 7; s++)
        for (i = 0; i < sizeof inputs; i++) {
            CHECK_EQ(ble_ascs_next_state(SNK, s, inputs[i]), sink_expect[s][i]);
            CHECK_EQ(ble_ascs_next_state(SRC, s, inputs[i]), source_expect[s][i]);
        }
    CHECK_EQ(ble_ascs_next_state(0, BLE_ASCS_STATE_IDLE, BLE_ASCS_IN_CONFIG_CODEC), -1);
    CHECK_EQ(ble_ascs_next_state(SNK, 7, BLE_ASCS_IN_CONFIG_CODEC), -1);
    CHECK_EQ(ble_ascs_next_state(SNK, BLE_ASCS_STATE_IDLE, 0x09), -1);
}

/* ---- The machine ---- */

struct fx {
    struct ble_ascs srv;
    struct ble_ascs_conn conns[2];
    struct ble_ascs_notify nq[32];
    struct ble_ascs_event eq[32];
};
/* ASE 1 Sink, ASE 2 Source, ASE 3 Sink */
static const uint8_t fx_dirs[3] = { SNK, SRC, SNK };

static void fx_init(struct fx *f)
{
    struct ble_ascs_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.dirs = fx_dirs;
    cfg.n_ases = 3;
    cfg.conns = f->conns;
    cfg.n_conns = 2;
    cfg.notify = f->nq;
    cfg.notify_cap = 32;
    cfg.events = f->eq;
    cfg.event_cap = 32;
    CHECK_EQ(ble_ascs_init(&f->srv, &cfg), BLE_OK);
    CHECK_EQ(ble_ascs_acl_connected(&f->srv, CONN), BLE_OK);
}

static struct ble_ascs_codec_prefs prefs(void)
{
    struct ble_ascs_codec_prefs p;
    memset(&p, 0, sizeof p);
    p.framing = 0;
    p.preferred_phy = 0x02;
    p.preferred_retransmission_number = 2;
    p.max_transport_latency = 10;
    p.presentation_delay_min = 20000;
    p.presentation_delay_max = 40000;
    return p;
}

/* Answers every DECIDE event with code/reason; drops STATE events. */
static unsigned answer(struct fx *f, uint8_t code, uint8_t reason)
{
    struct ble_ascs_event ev;
    struct ble_ascs_answer a;
    unsigned n = 0;
    memset(&a, 0, sizeof a);
    a.response_code = code;
    a.reason = reason;
    a.prefs = prefs();
    while (ble_ascs_poll_event(&f->srv, &ev) == BLE_OK)
        if (ev.type == BLE_ASCS_EV_DECIDE) {
            CHECK_EQ(ble_ascs_decide(&f->srv, 0, ev.conn, ev.ase_id, &a), BLE_OK);
            n++;
        }
    return n;
}

static void drain(struct fx *f)
{
    uint8_t buf[64];
    struct ble_ascs_notify_target to;
    while (ble_ascs_poll_notify(&f->srv, &to, buf, sizeof buf) > 0)
        ;
}

/* The next notification is exactly (chr, ase_id, v). */
#define EXPECT_NOTIFY(f, chr_, id_, v, n) expect_notify_(f, chr_, id_, v, n, __LINE__)
static void expect_notify_(struct fx *f, uint8_t chr, uint8_t ase_id, const uint8_t *v, size_t n, int line)
{
    uint8_t buf[96];
    struct ble_ascs_notify_target to;
    int got = ble_ascs_poll_notify(&f->srv, &to, buf, sizeof buf);
    if (got != (int)n || to.chr != chr || to.ase_id != ase_id || to.conn != CONN || !tt_memeq(buf, v, n)) {
        tt_fail_int(__FILE__, line, "notification length", got, "expected", (long long)n);
        if (got > 0)
            tt_fail_mem(__FILE__, line, "notification", buf, v, n < (size_t)got ? n : (size_t)got);
        tt_fail_int(__FILE__, line, "chr/ase", to.chr * 256 + to.ase_id, "expected", chr * 256 + ase_id);
    }
}
#define EXPECT_NONE(f) do { uint8_t b_[8]; struct ble_ascs_notify_target t_; \
    CHECK_EQ(ble_ascs_poll_notify(&(f)->srv, &t_, b_, sizeof b_), BLE_ERR_AGAIN); } while (0)
#define CP BLE_ASCS_CHR_ASE_CP
#define SNK_ASE BLE_ASCS_CHR_SINK_ASE
#define SRC_ASE BLE_ASCS_CHR_SOURCE_ASE

static int cp_write(struct fx *f, const uint8_t *v, size_t n)
{
    return ble_ascs_on_cp_write(&f->srv, 0, CONN, v, n);
}

/* Writes an operation on one ASE with valid parameters; returns the
 * Response_Code of its notification (accepting any decision). */
static int op_on(struct fx *f, uint8_t op, uint8_t id)
{
    uint8_t v[32], buf[64];
    size_t n;
    struct ble_ascs_notify_target to;
    int got;
    switch (op) {
    case BLE_ASCS_OP_CONFIG_CODEC: n = sizeof v_config_codec; memcpy(v, v_config_codec, n); break;
    case BLE_ASCS_OP_CONFIG_QOS: n = sizeof v_config_qos; memcpy(v, v_config_qos, n); break;
    case BLE_ASCS_OP_ENABLE: n = sizeof v_enable; memcpy(v, v_enable, n); break;
    case BLE_ASCS_OP_UPDATE_METADATA: n = sizeof v_update_md; memcpy(v, v_update_md, n); break;
    default: v[0] = op; v[1] = 1; n = 3; break;
    }
    v[2] = id;
    drain(f);
    CHECK_EQ(cp_write(f, v, n), BLE_OK);
    answer(f, 0, 0);
    got = ble_ascs_poll_notify(&f->srv, &to, buf, sizeof buf);
    CHECK_EQ(got, 5);
    CHECK_EQ(to.chr, CP);
    CHECK_EQ(buf[0], op);
    CHECK_EQ(buf[1], 1);
    CHECK_EQ(buf[2], id);
    drain(f);
    answer(f, 0, 0);
    return got == 5 ? buf[3] : -1;
}

/* Brings ASE id to state s by the spec's own operations. */
static void bring_to(struct fx *f, uint8_t id, int s)
{
    uint8_t dir = fx_dirs[id - 1];
    if (s == I_)
        return;
    CHECK_EQ(op_on(f, BLE_ASCS_OP_CONFIG_CODEC, id), 0);
    if (s == CC)
        return;
    if (s == RE) {
        CHECK_EQ(op_on(f, BLE_ASCS_OP_RELEASE, id), 0);
        return;
    }
    CHECK_EQ(op_on(f, BLE_ASCS_OP_CONFIG_QOS, id), 0);
    if (s == QC)
        return;
    CHECK_EQ(op_on(f, BLE_ASCS_OP_ENABLE, id), 0);
    if (s == EN)
        return;
    CHECK_EQ(ble_ascs_cis_established(&f->srv, 0, CONN, 0, 0), BLE_OK);
    if (dir == SNK)
        CHECK_EQ(ble_ascs_receiver_start_ready(&f->srv, 0, CONN, id), BLE_OK);
    else
        CHECK_EQ(op_on(f, BLE_ASCS_OP_RECEIVER_START_READY, id), 0);
    if (s == ST)
        return;
    CHECK_EQ(op_on(f, BLE_ASCS_OP_DISABLE, id), 0);
    drain(f);
}

static void every_state_and_operation_pair_answers_as_the_table_says(void)
{
    unsigned d, s, op;
    static const uint8_t ids[2] = { 1, 2 }; /* the Sink and the Source ASE */
    for (d = 0; d < 2; d++) {
        const signed char(*expect)[18] = d ? source_expect : sink_expect;
        uint8_t id = ids[d];
        for (s = 0; s < 7; s++) {
            if (d == 0 && s == DI)
                continue; /* a Sink ASE has no Disabling state */
            for (op = 1; op <= 8; op++) {
                struct fx f;
                int want, got;
                fx_init(&f);
                bring_to(&f, id, (int)s);
                CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, id), (int)s);
                if ((op == 4 || op == 6) && fx_dirs[id - 1] == SNK)
                    want = BLE_ASCS_RSP_INVALID_DIRECTION;
                else if (expect[s][op - 1] == NO)
                    want = BLE_ASCS_RSP_INVALID_TRANSITION;
                else
                    want = BLE_ASCS_RSP_SUCCESS;
                if (op == 4 && want == 0) /* the Source ASE streams only with its CIS up */
                    CHECK_EQ(ble_ascs_cis_established(&f.srv, 0, CONN, 0, 0), BLE_OK);
                got = op_on(&f, (uint8_t)op, id);
                if (got != want) {
                    tt_fail_int(__FILE__, __LINE__, "state*16+op", s * 16 + op, "dir", d);
                    CHECK_EQ(got, want);
                }
                CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, id), want ? (int)s : expect[s][op - 1]);
            }
        }
    }
}

/* ---- Whole flows with the exact notifications ---- */

static void sink_unicast_flow_notifies_in_order(void)
{
    static const uint8_t ok_codec[] = { 0x01, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t ok_qos[] = { 0x02, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t ok_enable[] = { 0x03, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t ok_disable[] = { 0x05, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t ok_release[] = { 0x08, 0x01, 0x01, 0x00, 0x00 };
    static const uint8_t bad_dir[] = { 0x04, 0x01, 0x01, 0x05, 0x00 };
    static const uint8_t bad_stop_dir[] = { 0x06, 0x01, 0x01, 0x05, 0x00 };
    static const uint8_t v_qos_cfg2[] = { 0x01, 0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28,
                                          0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00 };
    struct fx f;
    struct ble_ascs_event ev;
    uint8_t buf[64];
    fx_init(&f);
    CHECK_EQ(ble_ascs_read_ase(&f.srv, CONN, 1, buf, sizeof buf), 2);
    CHECK_MEM(buf, v_idle, 2);
    /* Config Codec: offered to the application; nothing notified before the answer */
    CHECK_EQ(cp_write(&f, v_config_codec, sizeof v_config_codec), BLE_OK);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_ASCS_EV_DECIDE);
    CHECK_EQ(ev.opcode, BLE_ASCS_OP_CONFIG_CODEC);
    CHECK_EQ(ev.ase_id, 1);
    CHECK_EQ(ev.target_latency, 2);
    CHECK_EQ(ev.target_phy, 2);
    CHECK_EQ(ev.data.len, 10);
    CHECK_MEM(ev.data.p, v_config_codec + 11, 10);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_ERR_AGAIN); /* told once */
    CHECK_EQ(cp_write(&f, v_release, sizeof v_release), BLE_ERR_BUSY);
    CHECK_EQ(f.srv.stats.cp_busy, 1);
    {
        struct ble_ascs_answer a;
        memset(&a, 0, sizeof a);
        a.prefs = prefs();
        CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 1, &a), BLE_OK);
        CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 1, &a), BLE_ERR_NOT_FOUND);
    }
    EXPECT_NOTIFY(&f, CP, 0, ok_codec, sizeof ok_codec);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_codec_configured, sizeof v_codec_configured);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_ASCS_EV_STATE);
    CHECK_EQ(ev.from, BLE_ASCS_STATE_IDLE);
    CHECK_EQ(ev.to, BLE_ASCS_STATE_CODEC_CONFIGURED);
    /* Config QoS */
    CHECK_EQ(cp_write(&f, v_config_qos, sizeof v_config_qos), BLE_OK);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.opcode, BLE_ASCS_OP_CONFIG_QOS);
    CHECK_EQ(ev.qos.sdu_interval, 10000);
    CHECK_EQ(ev.qos.presentation_delay, 40000);
    {
        struct ble_ascs_answer a;
        memset(&a, 0, sizeof a);
        CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 1, &a), BLE_OK);
    }
    EXPECT_NOTIFY(&f, CP, 0, ok_qos, sizeof ok_qos);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_qos_cfg2, sizeof v_qos_cfg2);
    /* Enable */
    CHECK_EQ(cp_write(&f, v_enable, sizeof v_enable), BLE_OK);
    answer(&f, 0, 0);
    EXPECT_NOTIFY(&f, CP, 0, ok_enable, sizeof ok_enable);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_enabling, sizeof v_enabling);
    /* the client may not say Receiver Start Ready for a Sink ASE */
    CHECK_EQ(cp_write(&f, v_start_ready, sizeof v_start_ready), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, bad_dir, sizeof bad_dir);
    EXPECT_NONE(&f);
    /* CIS up, but the server is not ready yet: still Enabling */
    CHECK_EQ(ble_ascs_cis_established(&f.srv, 0, CONN, 0, 0), BLE_OK);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_ENABLING);
    /* the server, the receiver, is ready: Streaming */
    CHECK_EQ(ble_ascs_receiver_start_ready(&f.srv, 0, CONN, 1), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_streaming, sizeof v_streaming);
    EXPECT_NONE(&f);
    /* Disable: a Sink ASE goes straight to QoS Configured */
    CHECK_EQ(cp_write(&f, v_disable, sizeof v_disable), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ok_disable, sizeof ok_disable);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_qos_cfg2, sizeof v_qos_cfg2);
    /* Receiver Stop Ready is not for a Sink ASE */
    CHECK_EQ(cp_write(&f, v_stop_ready, sizeof v_stop_ready), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, bad_stop_dir, sizeof bad_stop_dir);
    /* Release, then the server finishes without caching: Idle */
    CHECK_EQ(cp_write(&f, v_release, sizeof v_release), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ok_release, sizeof ok_release);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_releasing, sizeof v_releasing);
    CHECK_EQ(ble_ascs_cis_lost(&f.srv, 0, CONN, 0, 0), BLE_OK); /* Releasing stays */
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_released(&f.srv, 0, CONN, 1, 0), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, v_idle, sizeof v_idle);
    EXPECT_NONE(&f);
    CHECK_EQ(f.srv.stats.notify_dropped, 0);
    CHECK_EQ(f.srv.stats.events_dropped, 0);
}

static void source_unicast_flow_notifies_in_order(void)
{
    /* the same operations on ASE 2, a Source ASE */
    static const uint8_t ok_start[] = { 0x04, 0x01, 0x02, 0x00, 0x00 };
    static const uint8_t ok_disable[] = { 0x05, 0x01, 0x02, 0x00, 0x00 };
    static const uint8_t ok_stop[] = { 0x06, 0x01, 0x02, 0x00, 0x00 };
    static const uint8_t ok_release[] = { 0x08, 0x01, 0x02, 0x00, 0x00 };
    static const uint8_t bad_start[] = { 0x04, 0x01, 0x02, 0x04, 0x00 };
    static const uint8_t v_qos2[] = { 0x02, 0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28,
                                      0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00 };
    static const uint8_t v_enabling2[] = { 0x02, 0x03, 0x00, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00 };
    static const uint8_t v_streaming2[] = { 0x02, 0x04, 0x00, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00 };
    static const uint8_t v_disabling2[] = { 0x02, 0x05, 0x00, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00 };
    static const uint8_t v_releasing2[] = { 0x02, 0x06 };
    uint8_t w[32], cc2[sizeof v_codec_configured];
    struct fx f;
    fx_init(&f);
    memcpy(cc2, v_codec_configured, sizeof cc2);
    cc2[0] = 2;
    memcpy(w, v_config_codec, sizeof v_config_codec);
    w[2] = 2;
    CHECK_EQ(cp_write(&f, w, sizeof v_config_codec), BLE_OK);
    CHECK_EQ(answer(&f, 0, 0), 1);
    drain(&f);
    memcpy(w, v_config_qos, sizeof v_config_qos);
    w[2] = 2;
    CHECK_EQ(cp_write(&f, w, sizeof v_config_qos), BLE_OK);
    answer(&f, 0, 0);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x02\x01\x02\x00\x00", 5);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, v_qos2, sizeof v_qos2);
    memcpy(w, v_enable, sizeof v_enable);
    w[2] = 2;
    CHECK_EQ(cp_write(&f, w, sizeof v_enable), BLE_OK);
    answer(&f, 0, 0);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x03\x01\x02\x00\x00", 5);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, v_enabling2, sizeof v_enabling2);
    /* the server may not start a Source ASE: the client is its receiver */
    CHECK_EQ(ble_ascs_receiver_start_ready(&f.srv, 0, CONN, 2), BLE_ERR_PARAM);
    /* Receiver Start Ready before the CIS is up: refused */
    w[0] = 0x04, w[1] = 1, w[2] = 2;
    CHECK_EQ(cp_write(&f, w, 3), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, bad_start, sizeof bad_start);
    CHECK_EQ(ble_ascs_cis_established(&f.srv, 0, CONN, 0, 0), BLE_OK);
    EXPECT_NONE(&f);
    CHECK_EQ(cp_write(&f, w, 3), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ok_start, sizeof ok_start);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, v_streaming2, sizeof v_streaming2);
    /* Disable: a Source ASE waits in Disabling */
    w[0] = 0x05;
    CHECK_EQ(cp_write(&f, w, 3), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ok_disable, sizeof ok_disable);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, v_disabling2, sizeof v_disabling2);
    w[0] = 0x06;
    CHECK_EQ(cp_write(&f, w, 3), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ok_stop, sizeof ok_stop);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, v_qos2, sizeof v_qos2);
    w[0] = 0x08;
    CHECK_EQ(cp_write(&f, w, 3), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ok_release, sizeof ok_release);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, v_releasing2, sizeof v_releasing2);
    /* the server caches the codec configuration: back to Codec Configured */
    CHECK_EQ(ble_ascs_released(&f.srv, 0, CONN, 2, 1), BLE_OK);
    EXPECT_NOTIFY(&f, SRC_ASE, 2, cc2, sizeof cc2);
    EXPECT_NONE(&f);
}

/* ---- Whole-PDU checks ---- */

static void invalid_total_length_answers_ff_and_changes_nothing(void)
{
    static const uint8_t short_qos[] = { 0x02, 0x01, 0x01, 0x00, 0x00, 0x10 };
    static const uint8_t ff_len[] = { 0x02, 0xff, 0x00, 0x02, 0x00 };
    static const uint8_t two_said_one_given[] = { 0x08, 0x02, 0x01 };
    static const uint8_t zero[] = { 0x08, 0x00 };
    static const uint8_t trailing[] = { 0x05, 0x01, 0x01, 0x02 };
    /* Codec_Specific_Configuration_Length 0x0b runs past the end of the write */
    uint8_t lv_past[sizeof v_config_codec];
    struct fx f;
    fx_init(&f);
    bring_to(&f, 1, CC);
    drain(&f);
    CHECK_EQ(cp_write(&f, short_qos, sizeof short_qos), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, ff_len, sizeof ff_len);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_CODEC_CONFIGURED);
    CHECK_EQ(cp_write(&f, two_said_one_given, sizeof two_said_one_given), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x08\xff\x00\x02\x00", 5);
    CHECK_EQ(cp_write(&f, zero, sizeof zero), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x08\xff\x00\x02\x00", 5);
    CHECK_EQ(cp_write(&f, trailing, sizeof trailing), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x05\xff\x00\x02\x00", 5);
    memcpy(lv_past, v_config_codec, sizeof lv_past);
    lv_past[10] = 0x0b;
    CHECK_EQ(cp_write(&f, lv_past, sizeof lv_past), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x01\xff\x00\x02\x00", 5);
    CHECK_EQ(cp_write(&f, zero, 0), BLE_OK); /* no opcode at all */
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x00\xff\x00\x02\x00", 5);
    EXPECT_NONE(&f);
    {
        struct ble_ascs_event ev;
        CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_ERR_AGAIN);
    }
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_CODEC_CONFIGURED);
    CHECK_EQ(f.srv.stats.cp_invalid_length, 6);
}

static void unknown_opcode_answers_unsupported_opcode(void)
{
    static const uint8_t op9[] = { 0x09, 0x01, 0x01 };
    static const uint8_t op0[] = { 0x00 };
    struct fx f;
    fx_init(&f);
    CHECK_EQ(cp_write(&f, op9, sizeof op9), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x09\xff\x00\x01\x00", 5);
    CHECK_EQ(cp_write(&f, op0, sizeof op0), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x00\xff\x00\x01\x00", 5);
    CHECK_EQ(f.srv.stats.cp_unsupported_opcode, 2);
}

static void multi_ase_write_mixes_valid_and_invalid(void)
{
    /* Config Codec for ASE 1 (fine), ASE 7 (no such ASE), ASE 2 with a
     * codec configuration whose LTV runs past its end, ASE 3 with an RFU
     * Target_PHY, ASE 1 again */
    static const uint8_t w[] = {
        0x01, 0x05,
        0x01, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x03,
        0x07, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x02, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x03, 0x04, 0x01, 0x03,
        0x03, 0x01, 0x04, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    static const uint8_t rsp[] = {
        0x01, 0x05,
        0x01, 0x00, 0x00, /* Success */
        0x07, 0x03, 0x00, /* Invalid ASE_ID */
        0x02, 0x09, 0x02, /* Invalid Configuration Parameter Value, Codec_Specific_Configuration */
        0x03, 0x09, 0x05, /* Invalid Configuration Parameter Value, PHY */
        0x01, 0x0e, 0x00, /* the same ASE twice in one write */
    };
    /* ASE 1 Codec Configured with the 3 octets of configuration it was given */
    static const uint8_t cc1[] = { 0x01, 0x01, 0x00, 0x02, 0x02, 0x0a, 0x00, 0x20, 0x4e, 0x00,
                                   0x40, 0x9c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                   0x06, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x03 };
    struct fx f;
    fx_init(&f);
    CHECK_EQ(cp_write(&f, w, sizeof w), BLE_OK);
    EXPECT_NONE(&f);
    CHECK_EQ(answer(&f, 0, 0), 1);
    EXPECT_NOTIFY(&f, CP, 0, rsp, sizeof rsp);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, cc1, sizeof cc1);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_CODEC_CONFIGURED);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 2), BLE_ASCS_STATE_IDLE);
    CHECK_EQ(f.srv.stats.ase_refused, 4);
}

static void application_rejections_reach_the_client(void)
{
    /* Enable of ASE 1 and ASE 3; the application refuses ASE 3's metadata */
    static const uint8_t cfg13[] = {
        0x01, 0x02,
        0x01, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x03, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    static const uint8_t qos13[] = {
        0x02, 0x02,
        0x01, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
        0x03, 0x00, 0x01, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00,
    };
    static const uint8_t en13[] = { 0x03, 0x02, 0x01, 0x00, 0x03, 0x04, 0x03, 0x02, 0x04, 0x00 };
    static const uint8_t rsp[] = { 0x03, 0x02, 0x01, 0x00, 0x00, 0x03, 0x0b, 0x02 };
    static const uint8_t en1[] = { 0x01, 0x03, 0x00, 0x00, 0x00 };
    struct fx f;
    struct ble_ascs_event ev;
    struct ble_ascs_answer a;
    fx_init(&f);
    CHECK_EQ(cp_write(&f, cfg13, sizeof cfg13), BLE_OK);
    CHECK_EQ(answer(&f, 0, 0), 2);
    drain(&f);
    CHECK_EQ(cp_write(&f, qos13, sizeof qos13), BLE_OK);
    CHECK_EQ(answer(&f, 0, 0), 2);
    drain(&f);
    CHECK_EQ(cp_write(&f, en13, sizeof en13), BLE_OK);
    memset(&a, 0, sizeof a);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.ase_id, 1);
    CHECK_EQ(ev.data.len, 0);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.ase_id, 3);
    CHECK_EQ(ev.data.len, 4);
    /* codes and reasons ASCS does not allow are refused, nothing changes */
    a.response_code = BLE_ASCS_RSP_INVALID_LENGTH;
    CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 3, &a), BLE_ERR_PARAM);
    a.response_code = BLE_ASCS_RSP_REJECTED_CONFIG_VALUE;
    a.reason = 0;
    CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 3, &a), BLE_ERR_PARAM);
    a.response_code = BLE_ASCS_RSP_INSUFFICIENT_RESOURCES;
    a.reason = 1;
    CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 3, &a), BLE_ERR_PARAM);
    /* Rejected Metadata: the Reason is the Metadata Type (Streaming_Audio_Contexts) */
    a.response_code = BLE_ASCS_RSP_REJECTED_METADATA;
    a.reason = 0x02;
    CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 3, &a), BLE_OK);
    EXPECT_NONE(&f); /* ASE 1 still awaits its answer */
    a.response_code = 0;
    a.reason = 0;
    CHECK_EQ(ble_ascs_decide(&f.srv, 0, CONN, 1, &a), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, rsp, sizeof rsp);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, en1, sizeof en1);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 3), BLE_ASCS_STATE_QOS_CONFIGURED);
    /* a Config Codec accepted with preferences ASCS does not allow */
    {
        struct fx g;
        fx_init(&g);
        CHECK_EQ(cp_write(&g, v_config_codec, sizeof v_config_codec), BLE_OK);
        a.prefs = prefs();
        a.prefs.presentation_delay_min = 50000; /* above the max */
        CHECK_EQ(ble_ascs_decide(&g.srv, 0, CONN, 1, &a), BLE_ERR_PARAM);
        a.prefs = prefs();
        a.prefs.preferred_presentation_delay_min = 10000; /* below the min */
        CHECK_EQ(ble_ascs_decide(&g.srv, 0, CONN, 1, &a), BLE_ERR_PARAM);
        a.prefs = prefs();
        a.prefs.max_transport_latency = 4;
        CHECK_EQ(ble_ascs_decide(&g.srv, 0, CONN, 1, &a), BLE_ERR_PARAM);
        a.prefs = prefs();
        CHECK_EQ(ble_ascs_decide(&g.srv, 0, CONN, 1, &a), BLE_OK);
    }
}

static void qos_values_and_cis_mapping_are_checked(void)
{
    struct fx f;
    uint8_t w[sizeof v_config_qos];
    struct {
        size_t off;
        uint8_t v;
        uint8_t reason;
    } cases[] = {
        { 3, 0xF0, BLE_ASCS_REASON_INVALID_ASE_CIS_MAPPING }, /* CIG_ID past 0xEF */
        { 5, 0xFE, BLE_ASCS_REASON_SDU_INTERVAL },            /* set to 254 us below */
        { 8, 0x02, BLE_ASCS_REASON_FRAMING },
        { 9, 0x00, BLE_ASCS_REASON_PHY },
        { 9, 0x08, BLE_ASCS_REASON_PHY },
        { 11, 0x10, BLE_ASCS_REASON_MAXIMUM_SDU_SIZE },       /* Max_SDU 0x1028 */
        { 13, 0x04, BLE_ASCS_REASON_MAX_TRANSPORT_LATENCY },  /* 4 ms */
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t rsp[5] = { 0x02, 0x01, 0x01, 0x09, 0 };
        fx_init(&f);
        bring_to(&f, 1, CC);
        memcpy(w, v_config_qos, sizeof w);
        w[cases[i].off] = cases[i].v;
        if (cases[i].reason == BLE_ASCS_REASON_SDU_INTERVAL)
            w[5] = 0xFE, w[6] = 0x00, w[7] = 0x00; /* 254 us, under 0x0000FF */
        rsp[4] = cases[i].reason;
        CHECK_EQ(cp_write(&f, w, sizeof w), BLE_OK);
        EXPECT_NOTIFY(&f, CP, 0, rsp, sizeof rsp);
        EXPECT_NONE(&f);
    }
    /* ASE 1 and ASE 3 are both Sink ASEs: one CIS cannot serve both */
    fx_init(&f);
    bring_to(&f, 1, QC);
    bring_to(&f, 3, CC);
    memcpy(w, v_config_qos, sizeof w);
    w[2] = 3;
    CHECK_EQ(cp_write(&f, w, sizeof w), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x02\x01\x03\x09\x0a", 5);
    /* the Source ASE may share it (a bidirectional CIS) */
    bring_to(&f, 2, CC);
    w[2] = 2;
    CHECK_EQ(cp_write(&f, w, sizeof w), BLE_OK);
    answer(&f, 0, 0);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x02\x01\x02\x00\x00", 5);
}

static void metadata_ltv_past_the_end_is_invalid_metadata(void)
{
    /* Enable, Metadata_Length 4 holding an LTV of Length 5, Type 0x02 */
    static const uint8_t w[] = { 0x03, 0x01, 0x01, 0x04, 0x05, 0x02, 0x04, 0x00 };
    static const uint8_t rsp[] = { 0x03, 0x01, 0x01, 0x0c, 0x02 };
    /* 40 octets of metadata: more than BLE_CFG_ASCS_METADATA_MAX */
    uint8_t big[3 + 1 + 40];
    struct fx f;
    size_t i;
    fx_init(&f);
    bring_to(&f, 1, QC);
    CHECK_EQ(cp_write(&f, w, sizeof w), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, rsp, sizeof rsp);
    EXPECT_NONE(&f);
    big[0] = 0x03, big[1] = 1, big[2] = 1, big[3] = 40;
    for (i = 0; i < 40; i += 4)
        big[4 + i] = 3, big[5 + i] = 0x02, big[6 + i] = 4, big[7 + i] = 0;
    CHECK_EQ(cp_write(&f, big, sizeof big), BLE_OK);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x03\x01\x01\x0d\x00", 5);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_QOS_CONFIGURED);
}

/* ---- CIS and ACL ---- */

static void cis_loss_returns_to_qos_configured(void)
{
    static const uint8_t qc1[] = { 0x01, 0x02, 0x00, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28,
                                   0x00, 0x02, 0x0a, 0x00, 0x40, 0x9c, 0x00 };
    struct fx f;
    struct ble_ascs_event ev;
    fx_init(&f);
    bring_to(&f, 1, ST);
    while (ble_ascs_poll_event(&f.srv, &ev) == BLE_OK)
        ;
    drain(&f);
    CHECK_EQ(ble_ascs_cis_lost(&f.srv, 0, CONN, 0, 9), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_ascs_cis_lost(&f.srv, 0, CONN, 0, 0), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, qc1, sizeof qc1);
    EXPECT_NONE(&f);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.input, BLE_ASCS_IN_CIS_LOST);
    CHECK_EQ(ev.from, BLE_ASCS_STATE_STREAMING);
    CHECK_EQ(ev.to, BLE_ASCS_STATE_QOS_CONFIGURED);
    /* a Source ASE in Disabling too */
    fx_init(&f);
    bring_to(&f, 2, DI);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 2), BLE_ASCS_STATE_DISABLING);
    CHECK_EQ(ble_ascs_cis_lost(&f.srv, 0, CONN, 0, 0), BLE_OK);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 2), BLE_ASCS_STATE_QOS_CONFIGURED);
    /* an answer that comes after a CIS loss moved the ASE: the transition is re-checked */
    fx_init(&f);
    bring_to(&f, 1, ST);
    drain(&f);
    CHECK_EQ(cp_write(&f, v_update_md, sizeof v_update_md), BLE_OK);
    CHECK_EQ(ble_ascs_cis_lost(&f.srv, 0, CONN, 0, 0), BLE_OK);
    answer(&f, 0, 0);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, qc1, sizeof qc1);
    EXPECT_NOTIFY(&f, CP, 0, (const uint8_t *)"\x07\x01\x01\x04\x00", 5);
    EXPECT_NONE(&f);
}

static void acl_loss_sends_every_ase_home(void)
{
    struct fx f;
    struct ble_ascs_event ev;
    unsigned states = 0;
    fx_init(&f);
    bring_to(&f, 1, ST);
    bring_to(&f, 2, CC);
    CHECK_EQ(cp_write(&f, v_release, sizeof v_release), BLE_OK); /* queued, never sent */
    while (ble_ascs_poll_event(&f.srv, &ev) == BLE_OK)
        ;
    CHECK_EQ(ble_ascs_acl_disconnected(&f.srv, 0, CONN), BLE_OK);
    EXPECT_NONE(&f);
    CHECK(f.srv.stats.notify_cancelled >= 2);
    while (ble_ascs_poll_event(&f.srv, &ev) == BLE_OK) {
        CHECK_EQ(ev.type, BLE_ASCS_EV_STATE);
        CHECK_EQ(ev.to, BLE_ASCS_STATE_IDLE);
        CHECK_EQ(ev.input, BLE_ASCS_IN_ACL_LOST);
        states++;
    }
    CHECK_EQ(states, 2);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), -1);
    CHECK_EQ(cp_write(&f, v_release, sizeof v_release), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_ascs_acl_disconnected(&f.srv, 0, CONN), BLE_ERR_NOT_FOUND);
    /* with caching, ASEs end Codec Configured; a decision in flight is dropped */
    fx_init(&f);
    f.srv.cfg.cache_on_acl_loss = 1;
    bring_to(&f, 1, EN);
    CHECK_EQ(cp_write(&f, v_update_md, sizeof v_update_md), BLE_OK);
    while (ble_ascs_poll_event(&f.srv, &ev) == BLE_OK)
        ;
    CHECK_EQ(ble_ascs_acl_disconnected(&f.srv, 0, CONN), BLE_OK);
    CHECK_EQ(ble_ascs_poll_event(&f.srv, &ev), BLE_OK);
    CHECK_EQ(ev.to, BLE_ASCS_STATE_CODEC_CONFIGURED);
    CHECK_EQ(ev.input, BLE_ASCS_IN_ACL_LOST_CACHED);
    CHECK_EQ(ble_ascs_acl_connected(&f.srv, CONN), BLE_OK);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_IDLE);
}

/* ---- Server-initiated ---- */

static void server_initiated_operations(void)
{
    static const uint8_t cc3[] = { 0x03, 0x01, 0x00, 0x02, 0x02, 0x0a, 0x00, 0x20, 0x4e, 0x00,
                                   0x40, 0x9c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                   0x06, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x03 };
    static const uint8_t md[] = { 0x03, 0x02, 0x02, 0x00 };
    static const uint8_t bad_md[] = { 0x03, 0x02, 0x02 };
    static const uint8_t st_md[] = { 0x01, 0x04, 0x00, 0x00, 0x04, 0x03, 0x02, 0x02, 0x00 };
    static const uint8_t lc3[5] = { 0x06, 0, 0, 0, 0 };
    struct ble_ascs_codec_prefs p = prefs();
    uint8_t big[40] = { 0 };
    struct fx f;
    fx_init(&f);
    /* Config Codec from Idle: the server exposes its configuration */
    CHECK_EQ(ble_ascs_configure_codec(&f.srv, 0, CONN, 3, lc3, cc3 + 25, 3, &p), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 3, cc3, sizeof cc3);
    EXPECT_NONE(&f); /* no Control Point notification for the server's own operations */
    CHECK_EQ(ble_ascs_configure_codec(&f.srv, 0, CONN, 9, lc3, 0, 0, &p), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_ascs_configure_codec(&f.srv, 0, CONN, 3, lc3, big, 40, &p), BLE_ERR_PARAM);
    big[0] = 39;
    CHECK_EQ(ble_ascs_configure_codec(&f.srv, 0, CONN, 3, lc3, big, 40, &p), BLE_ERR_TOO_LONG);
    p.framing = 2;
    CHECK_EQ(ble_ascs_configure_codec(&f.srv, 0, CONN, 3, lc3, 0, 0, &p), BLE_ERR_PARAM);
    /* the states the table refuses */
    CHECK_EQ(ble_ascs_disable(&f.srv, 0, CONN, 3), BLE_ERR_STATE);
    CHECK_EQ(ble_ascs_update_metadata(&f.srv, 0, CONN, 3, md, sizeof md), BLE_ERR_STATE);
    CHECK_EQ(ble_ascs_released(&f.srv, 0, CONN, 3, 0), BLE_ERR_STATE);
    CHECK_EQ(ble_ascs_receiver_start_ready(&f.srv, 0, CONN, 3), BLE_ERR_STATE);
    CHECK_EQ(ble_ascs_release(&f.srv, 0, CONN, 3), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 3, (const uint8_t *)"\x03\x06", 2);
    CHECK_EQ(ble_ascs_release(&f.srv, 0, CONN, 3), BLE_ERR_STATE);
    CHECK_EQ(ble_ascs_released(&f.srv, 0, CONN, 3, 0), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 3, (const uint8_t *)"\x03\x00", 2);
    /* update metadata and disable while streaming; a pending decision blocks them */
    bring_to(&f, 1, ST);
    drain(&f);
    CHECK_EQ(ble_ascs_update_metadata(&f.srv, 0, CONN, 1, bad_md, sizeof bad_md), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_update_metadata(&f.srv, 0, CONN, 1, md, sizeof md), BLE_OK);
    EXPECT_NOTIFY(&f, SNK_ASE, 1, st_md, sizeof st_md);
    CHECK_EQ(cp_write(&f, v_update_md, sizeof v_update_md), BLE_OK);
    CHECK_EQ(ble_ascs_disable(&f.srv, 0, CONN, 1), BLE_ERR_BUSY);
    answer(&f, 0, 0);
    drain(&f);
    CHECK_EQ(ble_ascs_disable(&f.srv, 0, CONN, 1), BLE_OK);
    CHECK_EQ(ble_ascs_ase_state(&f.srv, CONN, 1), BLE_ASCS_STATE_QOS_CONFIGURED);
    CHECK(f.srv.stats.server_refused >= 8);
}

static void outputs_respect_the_caller_buffers(void)
{
    struct fx f;
    struct ble_ascs_notify_target to;
    uint8_t buf[64];
    fx_init(&f);
    bring_to(&f, 1, CC);
    CHECK_EQ(ble_ascs_read_ase(&f.srv, CONN, 1, buf, sizeof v_codec_configured - 1), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_ascs_read_ase(&f.srv, CONN, 1, buf, sizeof buf), (int)sizeof v_codec_configured);
    CHECK_MEM(buf, v_codec_configured, sizeof v_codec_configured);
    CHECK_EQ(ble_ascs_read_ase(&f.srv, CONN, 4, buf, sizeof buf), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_ascs_read_ase(&f.srv, 0x99, 1, buf, sizeof buf), BLE_ERR_NOT_FOUND);
    CHECK_EQ(cp_write(&f, v_release, sizeof v_release), BLE_OK);
    CHECK_EQ(ble_ascs_poll_notify(&f.srv, &to, buf, 4), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_ascs_poll_notify(&f.srv, &to, buf, 5), 5); /* it stayed queued */
    /* init refuses what it cannot use */
    {
        struct ble_ascs_cfg cfg = f.srv.cfg;
        static const uint8_t bad_dir[1] = { 3 };
        cfg.n_ases = BLE_CFG_ASCS_MAX_ASES + 1;
        CHECK_EQ(ble_ascs_init(&f.srv, &cfg), BLE_ERR_PARAM);
        cfg.n_ases = 1;
        cfg.dirs = bad_dir;
        CHECK_EQ(ble_ascs_init(&f.srv, &cfg), BLE_ERR_PARAM);
    }
}

void suite_ascs(void)
{
    TT_RUN(names_are_the_spec_names);
    TT_RUN(ase_values_of_every_state_round_trip);
    TT_RUN(every_control_point_operation_round_trips);
    TT_RUN(control_point_notification_codec);
    TT_RUN(ltv_lists_are_walked_with_lengths_checked);
    TT_RUN(transition_table_matches_the_spec_for_every_pair);
    TT_RUN(every_state_and_operation_pair_answers_as_the_table_says);
    TT_RUN(sink_unicast_flow_notifies_in_order);
    TT_RUN(source_unicast_flow_notifies_in_order);
    TT_RUN(invalid_total_length_answers_ff_and_changes_nothing);
    TT_RUN(unknown_opcode_answers_unsupported_opcode);
    TT_RUN(multi_ase_write_mixes_valid_and_invalid);
    TT_RUN(application_rejections_reach_the_client);
    TT_RUN(qos_values_and_cis_mapping_are_checked);
    TT_RUN(metadata_ltv_past_the_end_is_invalid_metadata);
    TT_RUN(cis_loss_returns_to_qos_configured);
    TT_RUN(acl_loss_sends_every_ase_home);
    TT_RUN(server_initiated_operations);
    TT_RUN(outputs_respect_the_caller_buffers);
}
