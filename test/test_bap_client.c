/* Unit tests of the BAP unicast client (profiles/bap_client.h, BAP 1.0 5,
 * ASCS 1.0, PACS 1.0): the ATT PDUs it sends for discovery and for each ASE
 * Control Point operation, byte for byte against ASCS 1.0 5.1-5.8 and Core
 * 6.0 Vol 3 Part F 3.4; the HCI commands of the CIG and CIS against Vol 4
 * Part E 7.8.97-7.8.110; canned server responses with every ASCS response
 * code, ATT errors, timeouts, and notifications the server should not send.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#define MTU 64
static struct ble_gatt_cli gc;
static uint8_t gbuf[BLE_GATT_CLI_BUF_SIZE(MTU)];
static uint8_t gring[512];
static struct ble_bap_cli b;
static uint8_t sink_pac[64], src_pac[64];
static uint8_t txb[300];
static struct ble_bap_cli_event ev;
static uint32_t now;

#define ACL 0x0040
#define CISH 0x0060
/* The server's handles: PACS 0x0001-0x0013 as BLE_PACS_ATTRS lays it out,
 * ASCS 0x0020-0x0029: Sink ASE 0x0022 (CCCD 0x0023), Source ASE 0x0025
 * (CCCD 0x0026), ASE Control Point 0x0028 (CCCD 0x0029). */
#define H_SINK 0x22
#define H_SRC 0x25
#define H_CP 0x28

#define EXPECT_ATT(...)                                                                    \
    do {                                                                                   \
        static const uint8_t e_[] = { __VA_ARGS__ };                                       \
        int n_ = ble_bap_cli_poll_att(&b, txb, sizeof txb);                                \
        CHECK_EQ(n_, (int)sizeof e_);                                                      \
        if (n_ == (int)sizeof e_)                                                          \
            CHECK_MEM(txb, e_, sizeof e_);                                                 \
    } while (0)
#define EXPECT_NO_ATT() CHECK_EQ(ble_bap_cli_poll_att(&b, txb, sizeof txb), BLE_ERR_AGAIN)
#define RX(...)                                                                            \
    do {                                                                                   \
        static const uint8_t r_[] = { __VA_ARGS__ };                                       \
        CHECK_EQ(ble_bap_cli_on_att(&b, now, r_, sizeof r_), BLE_OK);                      \
    } while (0)
#define EXPECT_CMD(...)                                                                    \
    do {                                                                                   \
        static const uint8_t e_[] = { __VA_ARGS__ };                                       \
        int n_ = ble_bap_cli_poll_cmd(&b, now, 0, txb, sizeof txb);                        \
        CHECK_EQ(n_, (int)sizeof e_);                                                      \
        if (n_ == (int)sizeof e_)                                                          \
            CHECK_MEM(txb, e_, sizeof e_);                                                 \
    } while (0)
#define EXPECT_NO_CMD() CHECK_EQ(ble_bap_cli_poll_cmd(&b, now, 0, txb, sizeof txb), BLE_ERR_AGAIN)
#define HCI(...)                                                                           \
    do {                                                                                   \
        static const uint8_t r_[] = { __VA_ARGS__ };                                       \
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, r_, sizeof r_), BLE_OK);                \
    } while (0)

static void expect_state(uint8_t id, uint8_t from, uint8_t to, uint8_t input, uint8_t server)
{
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_BAP_CLI_EV_STATE);
    CHECK_EQ(ev.ase_id, id);
    CHECK_EQ(ev.from, from);
    CHECK_EQ(ev.to, to);
    CHECK_EQ(ev.input, input);
    CHECK_EQ(ev.server, server);
}

static void expect_done(uint8_t proc, int err, uint8_t att, uint8_t rc, uint8_t reason, uint8_t hci)
{
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_BAP_CLI_EV_DONE);
    CHECK_EQ(ev.proc, proc);
    CHECK_EQ(ev.err, err);
    CHECK_EQ(ev.att_status, att);
    CHECK_EQ(ev.response_code, rc);
    CHECK_EQ(ev.reason, reason);
    CHECK_EQ(ev.hci_status, hci);
    CHECK_EQ(b.proc, BLE_BAP_CLI_P_NONE);
}

static void expect_no_event(void)
{
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_ERR_AGAIN);
}

static void setup(void)
{
    struct ble_gatt_cli_cfg g;
    struct ble_bap_cli_cfg c;
    struct ble_gatt_cli_event ge;
    static const uint8_t mtu_rsp[] = { 0x03, MTU, 0x00 };
    now = 1000;
    ble_memset(&g, 0, sizeof g);
    g.mtu_max = MTU;
    g.buf = gbuf;
    g.buf_len = sizeof gbuf;
    g.ntf = gring;
    g.ntf_len = sizeof gring;
    CHECK_EQ(ble_gatt_cli_init(&gc, &g), BLE_OK);
    /* ATT_MTU 64 first (Vol 3 Part G 4.3.1) */
    CHECK_EQ(ble_gatt_cli_exchange_mtu(&gc, now), BLE_OK);
    CHECK_EQ(ble_gatt_cli_poll_tx(&gc, txb, sizeof txb), 3);
    CHECK_EQ(ble_gatt_cli_on_pdu(&gc, now, mtu_rsp, sizeof mtu_rsp), BLE_OK);
    CHECK_EQ(ble_gatt_cli_poll_event(&gc, &ge), BLE_OK);
    CHECK_EQ(gc.mtu, MTU);
    ble_memset(&c, 0, sizeof c);
    c.gatt = &gc;
    c.acl_handle = ACL;
    c.sink_pac = sink_pac;
    c.sink_pac_cap = sizeof sink_pac;
    c.source_pac = src_pac;
    c.source_pac_cap = sizeof src_pac;
    CHECK_EQ(ble_bap_cli_init(&b, &c), BLE_OK);
}

/* A Sink PAC of one LC3 record (PACS 3.1): 16 kHz, 10 ms, 40 octets, 1 frame. */
#define PAC_SINK 0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x10, 0x03, 0x01, 0x04, 0x00, 0x02, 0x02, 0x02, \
    0x05, 0x04, 0x28, 0x00, 0x28, 0x00, 0x02, 0x05, 0x01, 0x00

/* Discovery against the canned database, request by request. */
static void discover(void)
{
    static const uint8_t pac[] = { PAC_SINK };
    CHECK_EQ(ble_bap_cli_discover(&b, now), BLE_OK);
    CHECK_EQ(ble_bap_cli_discover(&b, now), BLE_ERR_BUSY);
    /* G 4.4.2: Find By Type Value, «Primary Service» = PACS 0x1850 */
    EXPECT_ATT(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x50, 0x18);
    RX(0x07, 0x01, 0x00, 0x13, 0x00);
    EXPECT_ATT(0x06, 0x14, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x50, 0x18);
    RX(0x01, 0x06, 0x14, 0x00, 0x0A); /* Attribute Not Found ends it */
    /* ASCS 0x184E */
    EXPECT_ATT(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x4E, 0x18);
    RX(0x07, 0x20, 0x00, 0x29, 0x00);
    EXPECT_ATT(0x06, 0x2A, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x4E, 0x18);
    RX(0x01, 0x06, 0x2A, 0x00, 0x0A);
    /* G 4.6.1: Read By Type «Characteristic» over PACS */
    EXPECT_ATT(0x08, 0x01, 0x00, 0x13, 0x00, 0x03, 0x28);
    RX(0x09, 0x07, 0x02, 0x00, 0x12, 0x03, 0x00, 0xC9, 0x2B, 0x05, 0x00, 0x12, 0x06, 0x00, 0xCA, 0x2B,
       0x08, 0x00, 0x12, 0x09, 0x00, 0xCB, 0x2B, 0x0B, 0x00, 0x12, 0x0C, 0x00, 0xCC, 0x2B,
       0x0E, 0x00, 0x12, 0x0F, 0x00, 0xCD, 0x2B, 0x11, 0x00, 0x12, 0x12, 0x00, 0xCE, 0x2B);
    EXPECT_ATT(0x08, 0x12, 0x00, 0x13, 0x00, 0x03, 0x28);
    RX(0x01, 0x08, 0x12, 0x00, 0x0A);
    /* over ASCS: Sink ASE, Source ASE (read, notify), Control Point (write, write
     * without response, notify) */
    EXPECT_ATT(0x08, 0x20, 0x00, 0x29, 0x00, 0x03, 0x28);
    RX(0x09, 0x07, 0x21, 0x00, 0x12, 0x22, 0x00, 0xC4, 0x2B, 0x24, 0x00, 0x12, 0x25, 0x00, 0xC5, 0x2B,
       0x27, 0x00, 0x1C, 0x28, 0x00, 0xC6, 0x2B);
    EXPECT_ATT(0x08, 0x28, 0x00, 0x29, 0x00, 0x03, 0x28);
    RX(0x01, 0x08, 0x28, 0x00, 0x0A);
    /* G 4.7.1: Find Information over the rest of ASCS */
    EXPECT_ATT(0x04, 0x21, 0x00, 0x29, 0x00);
    RX(0x05, 0x01, 0x21, 0x00, 0x03, 0x28, 0x22, 0x00, 0xC4, 0x2B, 0x23, 0x00, 0x02, 0x29,
       0x24, 0x00, 0x03, 0x28, 0x25, 0x00, 0xC5, 0x2B, 0x26, 0x00, 0x02, 0x29,
       0x27, 0x00, 0x03, 0x28, 0x28, 0x00, 0xC6, 0x2B, 0x29, 0x00, 0x02, 0x29);
    /* reads: Sink PAC, Sink Audio Locations, Source PAC, Source Audio
     * Locations, Available and Supported Audio Contexts, then the ASEs */
    EXPECT_ATT(0x0A, 0x03, 0x00);
    RX(0x0B, PAC_SINK);
    EXPECT_ATT(0x0A, 0x06, 0x00);
    RX(0x0B, 0x01, 0x00, 0x00, 0x00); /* Front Left */
    EXPECT_ATT(0x0A, 0x09, 0x00);
    RX(0x0B, PAC_SINK);
    EXPECT_ATT(0x0A, 0x0C, 0x00);
    RX(0x0B, 0x02, 0x00, 0x00, 0x00);
    EXPECT_ATT(0x0A, 0x0F, 0x00);
    RX(0x0B, 0x04, 0x00, 0x02, 0x00); /* Media / Conversational */
    EXPECT_ATT(0x0A, 0x12, 0x00);
    RX(0x0B, 0x06, 0x00, 0x06, 0x00);
    EXPECT_ATT(0x0A, 0x22, 0x00);
    RX(0x0B, 0x01, 0x00); /* ASE 1 Idle */
    EXPECT_ATT(0x0A, 0x25, 0x00);
    RX(0x0B, 0x02, 0x00); /* ASE 2 Idle */
    /* BAP 5.1: notifications on: the ASEs, then the Control Point */
    EXPECT_ATT(0x12, 0x23, 0x00, 0x01, 0x00);
    RX(0x13);
    EXPECT_ATT(0x12, 0x26, 0x00, 0x01, 0x00);
    RX(0x13);
    EXPECT_ATT(0x12, 0x29, 0x00, 0x01, 0x00);
    RX(0x13);
    EXPECT_NO_ATT();
    expect_done(BLE_BAP_CLI_P_DISCOVER, BLE_OK, 0, 0, 0, 0);
    expect_no_event();
    CHECK_EQ(b.n_ases, 2);
    CHECK_EQ(b.sink_locations, 1);
    CHECK_EQ(b.source_locations, 2);
    CHECK_EQ(b.avail_sink, 4);
    CHECK_EQ(b.avail_source, 2);
    CHECK_EQ(b.supp_sink, 6);
    CHECK_EQ(ble_bap_cli_pac(&b, BLE_ASCS_DIR_SINK).len, sizeof pac);
    CHECK_MEM(ble_bap_cli_pac(&b, BLE_ASCS_DIR_SINK).p, pac, sizeof pac);
    CHECK(ble_bap_cli_find_ase(&b, 1) && ble_bap_cli_find_ase(&b, 1)->dir == BLE_ASCS_DIR_SINK);
    CHECK(ble_bap_cli_find_ase(&b, 2) && ble_bap_cli_find_ase(&b, 2)->dir == BLE_ASCS_DIR_SOURCE);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->cccd, 0x23);
    CHECK_EQ(b.cp_cccd, 0x29);
    CHECK(!ble_bap_cli_find_ase(&b, 3));
}

/* ASCS 4.1 Table 4.3: Codec Configured value of ASE 1 with the 16_2 configuration. */
#define CC_VALUE(id)                                                                       \
    id, 0x01, 0x00, 0x02, 0x02, 0x0A, 0x00, /* framing, PHY 2M, RTN 2, latency 10 ms */    \
        0x20, 0x4E, 0x00, 0x40, 0x9C, 0x00, /* Presentation_Delay 20000..40000 us */        \
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* no preferred range */                        \
        0x06, 0x00, 0x00, 0x00, 0x00, 0x10, 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x05, 0x03, \
        0x01, 0x00, 0x00, 0x00, 0x03, 0x04, 0x28, 0x00
/* Table 4.4: QoS Configured of CIG 1, CIS 0, 16_2_1 on 2M. */
#define QOS_VALUE(id) id, 0x02, 0x01, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02, 0x0A, 0x00, \
    0x40, 0x9C, 0x00

/* ASCS 5.1: Config Codec of ASE 1, LC3 16_2 Front Left, balanced, 2M. */
static void config_codec_1(void)
{
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, /* Write Request to the Control Point */
               0x01, 0x01,       /* Config Codec, Number_of_ASEs 1 */
               0x01, 0x02, 0x02, /* ASE_ID 1, Target_Latency balanced, Target_PHY 2M */
               0x06, 0x00, 0x00, 0x00, 0x00, /* Codec_ID LC3 */
               0x10,             /* Codec_Specific_Configuration_Length */
               0x02, 0x01, 0x03, /* Sampling_Frequency 16 kHz */
               0x02, 0x02, 0x01, /* Frame_Duration 10 ms */
               0x05, 0x03, 0x01, 0x00, 0x00, 0x00, /* Audio_Channel_Allocation Front Left */
               0x03, 0x04, 0x28, 0x00); /* Octets_Per_Codec_Frame 40 */
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00); /* 4.2: ASE 1 Success */
    expect_no_event(); /* the ASE's notification is still to come */
    RX(0x1B, H_SINK, 0x00, CC_VALUE(0x01));
    expect_state(1, BLE_ASCS_STATE_IDLE, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_IN_CONFIG_CODEC, 0);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_OK, 0, 0, 0, 0);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->prefs.presentation_delay_min, 20000);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->prefs.presentation_delay_max, 40000);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->prefs.preferred_phy, 2);
}

/* 5.2 after Vol 4 Part E 7.8.97: the CIG first. */
static void config_qos_1(void)
{
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 1, 1, 0, "16_2_1", 0x02), BLE_OK);
    EXPECT_NO_ATT();
    EXPECT_CMD(0x62, 0x20, 0x18, /* LE Set CIG Parameters */
               0x01, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, /* CIG 1, SDU intervals 10000 us */
               0x00, 0x00, 0x00, 0x0A, 0x00, 0x0A, 0x00, /* SCA, packing, unframed, 10 ms */
               0x01, 0x00, 0x28, 0x00, 0x00, 0x00, 0x02, 0x02, 0x02, 0x00); /* CIS 0: 40/0 2M RTN 2 */
    EXPECT_NO_CMD(); /* one at a time */
    HCI(0x0E, 0x08, 0x01, 0x62, 0x20, 0x00, 0x01, 0x01, 0x60, 0x00); /* CIS handle 0x0060 */
    EXPECT_ATT(0x12, H_CP, 0x00, 0x02, 0x01, /* Config QoS, 1 ASE */
               0x01, 0x01, 0x00,             /* ASE 1, CIG 1, CIS 0 */
               0x10, 0x27, 0x00, 0x00, 0x02, /* SDU_Interval 10000, unframed, 2M */
               0x28, 0x00, 0x02, 0x0A, 0x00, /* Max_SDU 40, RTN 2, latency 10 ms */
               0x40, 0x9C, 0x00);            /* Presentation_Delay 40000 us */
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x02, 0x01, 0x01, 0x00, 0x00);
    RX(0x1B, H_SINK, 0x00, QOS_VALUE(0x01));
    expect_state(1, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_IN_CONFIG_QOS, 0);
    expect_done(BLE_BAP_CLI_P_CONFIG_QOS, BLE_OK, 0, 0, 0, 0);
}

/* 5.3, then BAP 5.6.3: LE Create CIS, CIS Established, the data path. */
static void enable_1(void)
{
    static const uint8_t meta[] = { 0x03, 0x02, 0x04, 0x00 }; /* Streaming_Audio_Contexts Media */
    CHECK_EQ(ble_bap_cli_enable(&b, now, 1, meta, sizeof meta), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x03, 0x01, 0x01, 0x04, 0x03, 0x02, 0x04, 0x00);
    RX(0x13);
    EXPECT_NO_CMD(); /* not before Enabling */
    RX(0x1B, H_CP, 0x00, 0x03, 0x01, 0x01, 0x00, 0x00);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x03, 0x01, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00);
    expect_state(1, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_STATE_ENABLING, BLE_ASCS_IN_ENABLE, 0);
    EXPECT_CMD(0x64, 0x20, 0x05, 0x01, 0x60, 0x00, 0x40, 0x00); /* 7.8.99 CIS 0x0060 on ACL 0x0040 */
    HCI(0x0F, 0x04, 0x00, 0x01, 0x64, 0x20);
    EXPECT_NO_CMD();
    /* 7.7.65.25 */
    HCI(0x3E, 0x1D, 0x19, 0x00, 0x60, 0x00, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, 0x10, 0x27,
        0x00, 0x02, 0x02, 0x03, 0x01, 0x00, 0x02, 0x00, 0x28, 0x00, 0x00, 0x00, 0x08, 0x00);
    EXPECT_CMD(0x6E, 0x20, 0x0D, 0x60, 0x00, /* 7.8.109 on the CIS */
               0x00, 0x00,                         /* input (host to controller), HCI */
               0x03, 0x00, 0x00, 0x00, 0x00,       /* Transparent */
               0x00, 0x00, 0x00, 0x00);            /* Controller_Delay 0, no configuration */
    HCI(0x0E, 0x06, 0x01, 0x6E, 0x20, 0x00, 0x60, 0x00);
    expect_done(BLE_BAP_CLI_P_ENABLE, BLE_OK, 0, 0, 0, 0);
    /* the server, receiver of the Sink ASE, starts it (ASCS 5.4) */
    RX(0x1B, H_SINK, 0x00, 0x01, 0x04, 0x01, 0x00, 0x04, 0x03, 0x02, 0x04, 0x00);
    expect_state(1, BLE_ASCS_STATE_ENABLING, BLE_ASCS_STATE_STREAMING, BLE_ASCS_IN_SRV_RECEIVER_START_READY, 1);
}

static void test_sink_stream_and_release(void)
{
    setup();
    discover();
    config_codec_1();
    config_qos_1();
    enable_1();
    /* 5.7 Update Metadata */
    {
        static const uint8_t meta[] = { 0x03, 0x02, 0x02, 0x00 };
        CHECK_EQ(ble_bap_cli_update_metadata(&b, now, 1, meta, sizeof meta), BLE_OK);
        EXPECT_ATT(0x12, H_CP, 0x00, 0x07, 0x01, 0x01, 0x04, 0x03, 0x02, 0x02, 0x00);
        RX(0x13);
        RX(0x1B, H_CP, 0x00, 0x07, 0x01, 0x01, 0x00, 0x00);
        RX(0x1B, H_SINK, 0x00, 0x01, 0x04, 0x01, 0x00, 0x04, 0x03, 0x02, 0x02, 0x00);
        expect_state(1, BLE_ASCS_STATE_STREAMING, BLE_ASCS_STATE_STREAMING, BLE_ASCS_IN_UPDATE_METADATA, 0);
        expect_done(BLE_BAP_CLI_P_UPDATE_METADATA, BLE_OK, 0, 0, 0, 0);
    }
    /* 5.5 Disable: a Sink ASE goes straight to QoS Configured */
    CHECK_EQ(ble_bap_cli_disable(&b, now, 1), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x05, 0x01, 0x01);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x05, 0x01, 0x01, 0x00, 0x00);
    RX(0x1B, H_SINK, 0x00, QOS_VALUE(0x01));
    expect_state(1, BLE_ASCS_STATE_STREAMING, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_IN_DISABLE, 0);
    expect_done(BLE_BAP_CLI_P_DISABLE, BLE_OK, 0, 0, 0, 0);
    /* 5.8 Release, the CIS torn down, the server's Idle, then LE Remove CIG */
    CHECK_EQ(ble_bap_cli_release(&b, now, 1), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x08, 0x01, 0x01);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x06);
    expect_state(1, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_STATE_RELEASING, BLE_ASCS_IN_RELEASE, 0);
    EXPECT_CMD(0x06, 0x04, 0x03, 0x60, 0x00, 0x13); /* 7.1.6 Disconnect, Remote User Terminated */
    HCI(0x0F, 0x04, 0x00, 0x01, 0x06, 0x04);
    HCI(0x05, 0x04, 0x00, 0x60, 0x00, 0x16);
    expect_no_event(); /* asked for: no CIS_LOST */
    EXPECT_NO_CMD();   /* the ASE is still Releasing */
    RX(0x1B, H_SINK, 0x00, 0x01, 0x00);
    expect_state(1, BLE_ASCS_STATE_RELEASING, BLE_ASCS_STATE_IDLE, BLE_ASCS_IN_RELEASED, 1);
    EXPECT_CMD(0x65, 0x20, 0x01, 0x01); /* 7.8.100 LE Remove CIG 1 */
    HCI(0x0E, 0x05, 0x01, 0x65, 0x20, 0x00, 0x01);
    expect_done(BLE_BAP_CLI_P_RELEASE, BLE_OK, 0, 0, 0, 0);
    expect_no_event();
    CHECK_EQ(b.cig_set, 0);
    CHECK_EQ(b.stats.bad_transitions + b.stats.unexpected_cp + b.stats.malformed, 0);
}

/* A Source ASE: the client is the receiver, so it sends Receiver Start Ready
 * (5.4) and Receiver Stop Ready (5.6). */
static void test_source_receiver_start_stop_ready(void)
{
    static const uint8_t cc_val[] = { CC_VALUE(0x02) };
    static const uint8_t qos_val[] = { QOS_VALUE(0x02) };
    uint8_t pdu[80];
    setup();
    discover();
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 2, "16_2", 0, 0x01, 0x02), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x01, 0x01, 0x02, 0x01, 0x02, 0x06, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x02, 0x01,
               0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00);
    RX(0x13);
    /* the ASE's notification before the Control Point's: the same outcome */
    pdu[0] = 0x1B, pdu[1] = H_SRC, pdu[2] = 0;
    ble_memcpy(pdu + 3, cc_val, sizeof cc_val);
    CHECK_EQ(ble_bap_cli_on_att(&b, now, pdu, 3 + sizeof cc_val), BLE_OK);
    RX(0x1B, H_CP, 0x00, 0x01, 0x01, 0x02, 0x00, 0x00);
    expect_state(2, BLE_ASCS_STATE_IDLE, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_IN_CONFIG_CODEC, 0);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_OK, 0, 0, 0, 0);
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 2, 1, 0, "16_2_1", 0x02), BLE_OK);
    EXPECT_CMD(0x62, 0x20, 0x18, 0x01, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00,
               0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x28, 0x00, 0x02, 0x02, 0x00, 0x02); /* CIS 0: 0/40 */
    HCI(0x0E, 0x08, 0x01, 0x62, 0x20, 0x00, 0x01, 0x01, 0x60, 0x00);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x02, 0x01, 0x02, 0x01, 0x00, 0x10, 0x27, 0x00, 0x00, 0x02, 0x28, 0x00, 0x02,
               0x0A, 0x00, 0x40, 0x9C, 0x00);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x02, 0x01, 0x02, 0x00, 0x00);
    pdu[1] = H_SRC;
    ble_memcpy(pdu + 3, qos_val, sizeof qos_val);
    CHECK_EQ(ble_bap_cli_on_att(&b, now, pdu, 3 + sizeof qos_val), BLE_OK);
    expect_state(2, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_IN_CONFIG_QOS, 0);
    expect_done(BLE_BAP_CLI_P_CONFIG_QOS, BLE_OK, 0, 0, 0, 0);
    CHECK_EQ(ble_bap_cli_enable(&b, now, 2, 0, 0), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x03, 0x01, 0x02, 0x00);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x03, 0x01, 0x02, 0x00, 0x00);
    RX(0x1B, H_SRC, 0x00, 0x02, 0x03, 0x01, 0x00, 0x00);
    expect_state(2, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_STATE_ENABLING, BLE_ASCS_IN_ENABLE, 0);
    EXPECT_CMD(0x64, 0x20, 0x05, 0x01, 0x60, 0x00, 0x40, 0x00);
    HCI(0x0F, 0x04, 0x00, 0x01, 0x64, 0x20);
    HCI(0x3E, 0x1D, 0x19, 0x00, 0x60, 0x00, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, 0x10, 0x27,
        0x00, 0x02, 0x02, 0x03, 0x01, 0x00, 0x02, 0x00, 0x28, 0x00, 0x00, 0x00, 0x08, 0x00);
    EXPECT_CMD(0x6E, 0x20, 0x0D, 0x60, 0x00, 0x01, 0x00, /* output (controller to host) */
               0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    EXPECT_NO_ATT(); /* Receiver Start Ready waits for the data path */
    HCI(0x0E, 0x06, 0x01, 0x6E, 0x20, 0x00, 0x60, 0x00);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x04, 0x01, 0x02); /* Receiver Start Ready, ASE 2 */
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x04, 0x01, 0x02, 0x00, 0x00);
    expect_no_event();
    RX(0x1B, H_SRC, 0x00, 0x02, 0x04, 0x01, 0x00, 0x00);
    expect_state(2, BLE_ASCS_STATE_ENABLING, BLE_ASCS_STATE_STREAMING, BLE_ASCS_IN_RECEIVER_START_READY, 0);
    expect_done(BLE_BAP_CLI_P_ENABLE, BLE_OK, 0, 0, 0, 0);
    /* Disable: Disabling, then Receiver Stop Ready */
    CHECK_EQ(ble_bap_cli_disable(&b, now, 2), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x05, 0x01, 0x02);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x05, 0x01, 0x02, 0x00, 0x00);
    RX(0x1B, H_SRC, 0x00, 0x02, 0x05, 0x01, 0x00, 0x00);
    expect_state(2, BLE_ASCS_STATE_STREAMING, BLE_ASCS_STATE_DISABLING, BLE_ASCS_IN_DISABLE, 0);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x06, 0x01, 0x02);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x06, 0x01, 0x02, 0x00, 0x00);
    CHECK_EQ(ble_bap_cli_on_att(&b, now, pdu, 3 + sizeof qos_val), BLE_OK);
    expect_state(2, BLE_ASCS_STATE_DISABLING, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_IN_RECEIVER_STOP_READY, 0);
    expect_done(BLE_BAP_CLI_P_DISABLE, BLE_OK, 0, 0, 0, 0);
    /* enabled again: the CIS and data path are still up, so Receiver Start Ready follows at once */
    CHECK_EQ(ble_bap_cli_enable(&b, now, 2, 0, 0), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x03, 0x01, 0x02, 0x00);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x03, 0x01, 0x02, 0x00, 0x00);
    RX(0x1B, H_SRC, 0x00, 0x02, 0x03, 0x01, 0x00, 0x00);
    expect_state(2, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_STATE_ENABLING, BLE_ASCS_IN_ENABLE, 0);
    EXPECT_NO_CMD();
    EXPECT_ATT(0x12, H_CP, 0x00, 0x04, 0x01, 0x02);
}

/* Every Response_Code of Table 5.2 ends the operation with it and its Reason;
 * the ASE stays where it was. */
static void test_every_response_code_ends_the_operation(void)
{
    unsigned rc;
    setup();
    discover();
    for (rc = 0x01; rc <= 0x0E; rc++) {
        uint8_t ntf[8] = { 0x1B, H_CP, 0x00, 0x01, 0x01, 0x01, 0, 0 };
        ntf[6] = (uint8_t)rc;
        ntf[7] = (uint8_t)(rc >= 7 && rc <= 9 ? BLE_ASCS_REASON_CODEC_SPECIFIC_CONFIGURATION : 0);
        CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
        CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
        RX(0x13);
        CHECK_EQ(ble_bap_cli_on_att(&b, now, ntf, sizeof ntf), BLE_OK);
        expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_OK, 0, (uint8_t)rc, ntf[7], 0);
        expect_no_event();
        CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->state, BLE_ASCS_STATE_IDLE);
        CHECK_EQ(ble_bap_cli_next_deadline(&b), BLE_NO_DEADLINE);
    }
    /* 4.2: Number_of_ASEs 0xFF for Invalid Length / Unsupported Opcode */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x01, 0xFF, 0x00, 0x02, 0x00);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_OK, 0, BLE_ASCS_RSP_INVALID_LENGTH, 0, 0);
    /* the notification names another ASE only: a protocol error */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x01, 0x01, 0x02, 0x00, 0x00);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_ERR_PROTOCOL, 0, 0, 0, 0);
    /* another opcode's response: counted, the operation goes on */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x03, 0x01, 0x01, 0x00, 0x00);
    CHECK_EQ(b.stats.unexpected_cp, 1);
    expect_no_event();
    /* a malformed one ends it */
    RX(0x1B, H_CP, 0x00, 0x01, 0x02, 0x01, 0x00, 0x00);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_ERR_MALFORMED, 0, 0, 0, 0);
    /* a Control Point notification with nothing in flight is counted */
    RX(0x1B, H_CP, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00);
    CHECK_EQ(b.stats.unexpected_cp, 2);
    expect_no_event();
}

static void test_att_errors_and_timeouts(void)
{
    setup();
    discover();
    /* an Error Response to the Control Point write (Write Request Rejected) */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x01, 0x12, H_CP, 0x00, 0xFC);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_OK, 0xFC, 0, 0, 0);
    /* no notification after the Write Response: the procedure times out */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x13);
    CHECK_EQ(ble_bap_cli_next_deadline(&b), now + BLE_CFG_GATT_TIMEOUT_MS);
    CHECK_EQ(ble_bap_cli_on_timer(&b, now + BLE_CFG_GATT_TIMEOUT_MS - 1), BLE_OK);
    expect_no_event();
    now += BLE_CFG_GATT_TIMEOUT_MS;
    CHECK_EQ(ble_bap_cli_on_timer(&b, now), BLE_OK);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_ERR_TIMEOUT, 0, 0, 0, 0);
    CHECK_EQ(ble_bap_cli_next_deadline(&b), BLE_NO_DEADLINE);
    /* no Write Response: the ATT transaction timeout (Vol 3 Part F 3.3.3) */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    now += BLE_CFG_GATT_TIMEOUT_MS;
    CHECK_EQ(ble_bap_cli_on_timer(&b, now), BLE_OK);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_ERR_TIMEOUT, 0, 0, 0, 0);
    expect_no_event();
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_ERR_TIMEOUT);
}

static void test_discovery_failures(void)
{
    setup();
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 2, 2), BLE_ERR_STATE); /* not discovered */
    CHECK_EQ(ble_bap_cli_discover(&b, now), BLE_OK);
    EXPECT_ATT(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x50, 0x18);
    RX(0x01, 0x06, 0x01, 0x00, 0x0A); /* no PACS */
    expect_done(BLE_BAP_CLI_P_DISCOVER, BLE_ERR_NOT_FOUND, 0, 0, 0, 0);
    /* an ATT error on the way ends discovery with it */
    CHECK_EQ(ble_bap_cli_discover(&b, now), BLE_OK);
    EXPECT_ATT(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x50, 0x18);
    RX(0x01, 0x06, 0x01, 0x00, 0x11); /* Insufficient Resources */
    expect_done(BLE_BAP_CLI_P_DISCOVER, BLE_OK, 0x11, 0, 0, 0);
    expect_no_event();
}

static void test_hci_failures(void)
{
    setup();
    discover();
    config_codec_1();
    /* LE Set CIG Parameters refused: Config QoS ends with the HCI status, no write */
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 1, 1, 0, "16_2_1", 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_cmd(&b, now, 0, txb, sizeof txb) > 0);
    HCI(0x0E, 0x05, 0x01, 0x62, 0x20, 0x07, 0x01); /* Memory Capacity Exceeded */
    expect_done(BLE_BAP_CLI_P_CONFIG_QOS, BLE_OK, 0, 0, 0, 0x07);
    EXPECT_NO_ATT();
    /* a command output longer than the buffer: nothing written, still due */
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 1, 1, 0, "16_2_1", 0x02), BLE_OK);
    tt_poison(txb, sizeof txb);
    CHECK_EQ(ble_bap_cli_poll_cmd(&b, now, 0, txb, 26), BLE_ERR_NO_SPACE);
    CHECK(tt_is_poison(txb, sizeof txb));
    /* no completion: the command timeout */
    CHECK_EQ(ble_bap_cli_poll_cmd(&b, now, 0, txb, 27), 27);
    CHECK_EQ(ble_bap_cli_next_deadline(&b), now + BLE_CFG_HCI_CMD_TIMEOUT_MS);
    now += BLE_CFG_HCI_CMD_TIMEOUT_MS;
    CHECK_EQ(ble_bap_cli_on_timer(&b, now), BLE_OK);
    expect_done(BLE_BAP_CLI_P_CONFIG_QOS, BLE_ERR_TIMEOUT, 0, 0, 0, 0);
    CHECK_EQ(b.stats.cmd_timeouts, 1);
    /* a late completion of it is counted, not taken */
    HCI(0x0E, 0x08, 0x01, 0x62, 0x20, 0x00, 0x01, 0x01, 0x60, 0x00);
    CHECK_EQ(b.stats.ignored_hci, 1);
    config_qos_1();
    /* CIS Established with an error ends Enable with its status */
    CHECK_EQ(ble_bap_cli_enable(&b, now, 1, 0, 0), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x03, 0x01, 0x01, 0x00, 0x00);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x03, 0x01, 0x00, 0x00);
    expect_state(1, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_STATE_ENABLING, BLE_ASCS_IN_ENABLE, 0);
    CHECK(ble_bap_cli_poll_cmd(&b, now, 0, txb, sizeof txb) > 0);
    HCI(0x0F, 0x04, 0x00, 0x01, 0x64, 0x20);
    HCI(0x3E, 0x1D, 0x19, 0x3E, 0x60, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0);
    expect_done(BLE_BAP_CLI_P_ENABLE, BLE_OK, 0, 0, 0, 0x3E);
    /* the server drops the ASE back (ASCS 3.3: CIS loss) */
    RX(0x1B, H_SINK, 0x00, QOS_VALUE(0x01));
    expect_state(1, BLE_ASCS_STATE_ENABLING, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_IN_SRV_DISABLE, 1);
    /* LE Create CIS refused by Command Status */
    CHECK_EQ(ble_bap_cli_enable(&b, now, 1, 0, 0), BLE_OK);
    CHECK(ble_bap_cli_poll_att(&b, txb, sizeof txb) > 0);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x03, 0x01, 0x01, 0x00, 0x00);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x03, 0x01, 0x00, 0x00);
    expect_state(1, BLE_ASCS_STATE_QOS_CONFIGURED, BLE_ASCS_STATE_ENABLING, BLE_ASCS_IN_ENABLE, 0);
    CHECK(ble_bap_cli_poll_cmd(&b, now, 0, txb, sizeof txb) > 0);
    HCI(0x0F, 0x04, 0x0C, 0x01, 0x64, 0x20); /* Command Disallowed */
    expect_done(BLE_BAP_CLI_P_ENABLE, BLE_OK, 0, 0, 0, 0x0C);
    /* the ACL goes: everything ends */
    HCI(0x05, 0x04, 0x00, 0x40, 0x00, 0x13);
    CHECK_EQ(ble_bap_cli_release(&b, now, 1), BLE_ERR_STATE);
    expect_no_event();
}

/* Notifications the server should not send, and the server's own transitions. */
static void test_unexpected_notifications(void)
{
    setup();
    discover();
    /* Idle -> Streaming: no such transition; counted, the state stays */
    RX(0x1B, H_SINK, 0x00, 0x01, 0x04, 0x01, 0x00, 0x00);
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_BAP_CLI_EV_UNEXPECTED);
    CHECK_EQ(ev.err, BLE_ERR_PROTOCOL);
    CHECK_EQ(ev.from, BLE_ASCS_STATE_IDLE);
    CHECK_EQ(ev.to, BLE_ASCS_STATE_STREAMING);
    CHECK_EQ(b.stats.bad_transitions, 1);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->state, BLE_ASCS_STATE_IDLE);
    /* an ASE_ID not the characteristic's */
    RX(0x1B, H_SINK, 0x00, 0x07, 0x00);
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_BAP_CLI_EV_UNEXPECTED);
    CHECK_EQ(ev.err, BLE_ERR_NOT_FOUND);
    CHECK_EQ(ev.ase_id, 7);
    CHECK_EQ(b.stats.unknown_ase, 1);
    /* malformed (ASE_State 0x07 is RFU) */
    RX(0x1B, H_SINK, 0x00, 0x01, 0x07);
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.err, BLE_ERR_MALFORMED);
    /* the server's own Config Codec (ASCS 3.1): followed */
    RX(0x1B, H_SINK, 0x00, CC_VALUE(0x01));
    expect_state(1, BLE_ASCS_STATE_IDLE, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_IN_SRV_CONFIG_CODEC, 1);
    /* the server's Release, then Releasing -> Codec Configured (cached) */
    RX(0x1B, H_SINK, 0x00, 0x01, 0x06);
    expect_state(1, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_STATE_RELEASING, BLE_ASCS_IN_SRV_RELEASE, 1);
    RX(0x1B, H_SINK, 0x00, CC_VALUE(0x01));
    expect_state(1, BLE_ASCS_STATE_RELEASING, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_IN_RELEASED_CACHED, 1);
    /* Releasing -> Enabling is not a transition */
    RX(0x1B, H_SINK, 0x00, 0x01, 0x06);
    expect_state(1, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_STATE_RELEASING, BLE_ASCS_IN_SRV_RELEASE, 1);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x03, 0x01, 0x00, 0x00);
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_BAP_CLI_EV_UNEXPECTED);
    CHECK_EQ(b.stats.bad_transitions, 2);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x00);
    expect_state(1, BLE_ASCS_STATE_RELEASING, BLE_ASCS_STATE_IDLE, BLE_ASCS_IN_RELEASED, 1);
    /* a server transition off the procedure's path ends it with BLE_ERR_STATE */
    config_codec_1();
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 1, 1, 0, "16_2_1", 0x02), BLE_OK);
    CHECK(ble_bap_cli_poll_cmd(&b, now, 0, txb, sizeof txb) > 0);
    RX(0x1B, H_SINK, 0x00, 0x01, 0x06); /* the server releases it meanwhile */
    expect_state(1, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_STATE_RELEASING, BLE_ASCS_IN_SRV_RELEASE, 1);
    expect_done(BLE_BAP_CLI_P_CONFIG_QOS, BLE_ERR_STATE, 0, 0, 0, 0);
    /* the CIG's completion still arrives: the CIG exists in the controller */
    HCI(0x0E, 0x08, 0x01, 0x62, 0x20, 0x00, 0x01, 0x01, 0x60, 0x00);
    CHECK_EQ(b.cig_set, 1);
    CHECK_EQ(b.cis[0].handle, 0x0060);
    /* Available Audio Contexts notified */
    RX(0x1B, 0x0F, 0x00, 0x02, 0x00, 0x04, 0x00);
    CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_BAP_CLI_EV_CONTEXTS);
    CHECK_EQ(ev.value, 0x00040002u);
    RX(0x1B, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00); /* Sink Audio Locations: not followed */
    CHECK_EQ(b.stats.ignored_ntf, 1);
    expect_no_event();
}

/* Starts refused: state, unknown ASE, bad parameters, busy; nothing changes. */
static void test_starts_refused(void)
{
    struct ble_bap_cli_codec c;
    struct ble_bap_cli before;
    static const uint8_t bad_ltv[] = { 0x05, 0x01, 0x02 };
    setup();
    discover();
    before = b;
    CHECK_EQ(ble_bap_cli_enable(&b, now, 1, 0, 0), BLE_ERR_STATE);   /* Idle */
    CHECK_EQ(ble_bap_cli_disable(&b, now, 1), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_cli_release(&b, now, 1), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 1, 1, 0, "16_2_1", 2), BLE_ERR_STATE);
    CHECK_EQ(ble_bap_cli_disable(&b, now, 9), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "99_9", 0, 2, 2), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 0, 4, 2), BLE_ERR_PARAM);
    ble_memset(&c, 0, sizeof c);
    c.target_latency = 1;
    c.target_phy = 1;
    c.cfg = bad_ltv;
    c.cfg_len = sizeof bad_ltv;
    CHECK_EQ(ble_bap_cli_config_codec(&b, now, 1, &c), BLE_ERR_PARAM);
    c.cfg_len = 60; /* over ATT_MTU - 3 */
    {
        static const uint8_t big[60] = { 0x3B, 0x10 };
        c.cfg = big;
        CHECK_EQ(ble_bap_cli_config_codec(&b, now, 1, &c), BLE_ERR_TOO_LONG);
    }
    CHECK_MEM(&before, &b, sizeof b);
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 0, 2, 2), BLE_OK);
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 2, "16_2", 0, 2, 2), BLE_ERR_BUSY);
}

/* Config Codec with a vendor Codec_ID and raw LTVs, Config QoS from a
 * struct: the values go out as given (ASCS 5.1, 5.2). */
static void test_explicit_codec_and_qos(void)
{
    static const uint8_t ltv[] = { 0x03, 0xFF, 0x01, 0x02 };
    static const uint8_t cc_vendor[] = { 0x1B, H_SINK, 0x00, 0x01, 0x01, 0x01, 0x01, 0x00, 0x05, 0x00,
                                         0x10, 0x27, 0x00, 0x20, 0x4E, 0x00, 0, 0, 0, 0, 0, 0,
                                         0xFF, 0x34, 0x12, 0x78, 0x56, 0x04, 0x03, 0xFF, 0x01, 0x02 };
    struct ble_bap_cli_codec c;
    struct ble_ascs_qos q;
    setup();
    discover();
    ble_memset(&c, 0, sizeof c);
    c.codec_id[0] = 0xFF; /* vendor: Company_ID 0x1234, codec 0x5678 */
    c.codec_id[1] = 0x34, c.codec_id[2] = 0x12, c.codec_id[3] = 0x78, c.codec_id[4] = 0x56;
    c.target_latency = 0x03;
    c.target_phy = 0x01;
    c.cfg = ltv;
    c.cfg_len = sizeof ltv;
    CHECK_EQ(ble_bap_cli_config_codec(&b, now, 1, &c), BLE_OK);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x01, 0x01, 0x01, 0x03, 0x01, 0xFF, 0x34, 0x12, 0x78, 0x56, 0x04, 0x03, 0xFF,
               0x01, 0x02);
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00);
    CHECK_EQ(ble_bap_cli_on_att(&b, now, cc_vendor, sizeof cc_vendor), BLE_OK);
    expect_state(1, BLE_ASCS_STATE_IDLE, BLE_ASCS_STATE_CODEC_CONFIGURED, BLE_ASCS_IN_CONFIG_CODEC, 0);
    expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_OK, 0, 0, 0, 0);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->prefs.framing, 0x01);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->prefs.max_transport_latency, 5);
    ble_memset(&q, 0, sizeof q);
    q.cig_id = 2, q.cis_id = 3, q.sdu_interval = 7500, q.framing = 1, q.phy = 1, q.max_sdu = 100;
    q.retransmission_number = 4, q.max_transport_latency = 20, q.presentation_delay = 25000;
    CHECK_EQ(ble_bap_cli_config_qos(&b, now, 1, &q), BLE_OK);
    EXPECT_CMD(0x62, 0x20, 0x18, 0x02, 0x4C, 0x1D, 0x00, 0x4C, 0x1D, 0x00, 0x00, 0x00, 0x01, 0x14, 0x00, 0x14,
               0x00, 0x01, 0x03, 0x64, 0x00, 0x00, 0x00, 0x01, 0x01, 0x04, 0x00);
    HCI(0x0E, 0x08, 0x01, 0x62, 0x20, 0x00, 0x02, 0x01, 0x61, 0x00);
    EXPECT_ATT(0x12, H_CP, 0x00, 0x02, 0x01, 0x01, 0x02, 0x03, 0x4C, 0x1D, 0x00, 0x01, 0x01, 0x64, 0x00, 0x04,
               0x14, 0x00, 0xA8, 0x61, 0x00);
    CHECK_EQ(b.cis[0].handle, 0x0061);
    /* another CIG_ID on this connection is refused while the CIG exists */
    RX(0x13);
    RX(0x1B, H_CP, 0x00, 0x02, 0x01, 0x01, 0x0D, 0x00); /* Insufficient Resources */
    expect_done(BLE_BAP_CLI_P_CONFIG_QOS, BLE_OK, 0, BLE_ASCS_RSP_INSUFFICIENT_RESOURCES, 0, 0);
    q.cig_id = 1;
    CHECK_EQ(ble_bap_cli_config_qos(&b, now, 1, &q), BLE_ERR_STATE);
    q.cig_id = 2;
    q.max_transport_latency = 4; /* under 7.8.97's 0x0005 */
    CHECK_EQ(ble_bap_cli_config_qos(&b, now, 1, &q), BLE_ERR_RANGE);
}

/* Every prefix of an ASE notification and of a Control Point notification is
 * malformed: nothing is followed; every buffer shorter than the Control
 * Point write gets nothing, poisoned octets untouched. */
static void test_truncation_at_every_prefix(void)
{
    static const uint8_t cc[] = { 0x1B, H_SINK, 0x00, CC_VALUE(0x01) };
    static const uint8_t cpn[] = { 0x1B, H_CP, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00 };
    size_t n;
    uint32_t bad;
    setup();
    discover();
    for (n = 3; n < sizeof cc; n++) {
        bad = b.stats.malformed;
        CHECK_EQ(ble_bap_cli_on_att(&b, now, cc, n), BLE_OK);
        CHECK_EQ(b.stats.malformed, bad + 1);
        CHECK_EQ(ble_bap_cli_poll_event(&b, &ev), BLE_OK);
        CHECK_EQ(ev.type, BLE_BAP_CLI_EV_UNEXPECTED);
        CHECK_EQ(ev.err, BLE_ERR_MALFORMED);
        CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->state, BLE_ASCS_STATE_IDLE);
    }
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", 1, 0x02, 0x02), BLE_OK);
    for (n = 0; n < 30; n++) { /* the write is 30 octets */
        tt_poison(txb, sizeof txb);
        CHECK_EQ(ble_bap_cli_poll_att(&b, txb, n), BLE_ERR_NO_SPACE);
        CHECK(tt_is_poison(txb, sizeof txb));
    }
    CHECK_EQ(ble_bap_cli_poll_att(&b, txb, 30), 30);
    RX(0x13);
    for (n = 3; n < sizeof cpn; n++) {
        bad = b.stats.malformed;
        CHECK_EQ(ble_bap_cli_on_att(&b, now, cpn, n), BLE_OK);
        CHECK_EQ(b.stats.malformed, bad + 1);
        if (n == 3) /* the first malformed one ends the operation */
            expect_done(BLE_BAP_CLI_P_CONFIG_CODEC, BLE_ERR_MALFORMED, 0, 0, 0, 0);
        expect_no_event();
    }
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->state, BLE_ASCS_STATE_IDLE);
}

/* ---- Loopback: the client against the kit's own server ----------------------
 * struct ble_gatt_srv with the PACS table and the ASCS table (BLE_ASCS_ATTRS,
 * ble_ascs_gatt_on_event / _flush in front of struct ble_ascs); a fake
 * controller answers the client's HCI commands and tells the server its CIS
 * is up; ISO SDUs go through layers/iso.h both ways. */

static uint8_t lb_pac_mem[6][32];
static struct ble_gatt_buf lb_pac[6];
/* PACS at 0x0001, ASCS at 0x0020 with Sink ASE 1 and Source ASE 2 */
static const struct ble_gatt_attr lb_db[] = {
    BLE_PACS_ATTRS(&lb_pac[0], &lb_pac[1], &lb_pac[2], &lb_pac[3], &lb_pac[4], &lb_pac[5]),
    BLE_GATT_HANDLE_AT(0x20),
    BLE_ASCS_ATTRS(1, 1),
};
static struct {
    struct ble_gatt_srv gatt;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(MTU)];
    uint16_t cccd[9];
    struct ble_gatt_srv_event gev[8];
    struct ble_ascs ascs;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[16];
    struct ble_ascs_event eq[16];
    struct ble_iso_rx rx, crx;     /* the server's receiver, the client's */
    struct ble_iso_rx_slot slots[1], cslots[1];
    uint8_t sdu_buf[2][64];
} lb;
static const uint8_t lb_dirs[2] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };

/* The server's application: accepts every operation with its preferences,
 * is ready to receive on a Sink ASE, ends Releasing at once. */
static void lb_server_app(void)
{
    struct ble_ascs_event e;
    while (ble_ascs_poll_event(&lb.ascs, &e) == BLE_OK) {
        if (e.type == BLE_ASCS_EV_DECIDE) {
            struct ble_ascs_answer a;
            ble_memset(&a, 0, sizeof a);
            a.prefs.preferred_phy = 0x02;
            a.prefs.preferred_retransmission_number = 2;
            a.prefs.max_transport_latency = 10;
            a.prefs.presentation_delay_min = 20000;
            a.prefs.presentation_delay_max = 40000;
            CHECK_EQ(ble_ascs_decide(&lb.ascs, now, e.conn, e.ase_id, &a), BLE_OK);
        } else if (e.type == BLE_ASCS_EV_STATE) {
            if (e.to == BLE_ASCS_STATE_ENABLING && e.dir == BLE_ASCS_DIR_SINK)
                CHECK_EQ(ble_ascs_receiver_start_ready(&lb.ascs, now, ACL, e.ase_id), BLE_OK);
            if (e.to == BLE_ASCS_STATE_RELEASING)
                CHECK_EQ(ble_ascs_released(&lb.ascs, now, ACL, e.ase_id, 0), BLE_OK);
        }
    }
}

/* The server's GATT events to ASCS (ble_ascs_gatt_on_event), its
 * notifications out (ble_ascs_gatt_flush). */
static int lb_server_step(void)
{
    struct ble_gatt_srv_event ge;
    struct ble_ascs_gatt_link link;
    int moved = 0, rc;
    link.conn = ACL;
    link.gatt = &lb.gatt;
    while (ble_gatt_srv_poll_event(&lb.gatt, &ge) == BLE_OK) {
        moved = 1;
        rc = ble_ascs_gatt_on_event(&lb.ascs, now, ACL, &lb.gatt, &ge);
        /* every hook is ASCS's; CCCD and MTU events are not */
        CHECK(rc == BLE_OK || (rc == BLE_ERR_NOT_FOUND && ge.type != BLE_GATT_SRV_EV_READ_REQ &&
                               ge.type != BLE_GATT_SRV_EV_WRITE_REQ));
    }
    lb_server_app();
    if (ble_ascs_gatt_flush(&lb.ascs, now, 0x20, &link, 1) > 0)
        moved = 1;
    return moved;
}

/* The fake controller: answers each HCI command of the client at once. */
static int lb_controller_step(void)
{
    uint8_t cmd[80], e[40];
    int n = ble_bap_cli_poll_cmd(&b, now, 0, cmd, sizeof cmd);
    uint16_t op;
    if (n <= 0)
        return 0;
    op = ble_get_le16(cmd);
    ble_memset(e, 0, sizeof e);
    switch (op) {
    case BLE_HCI_CMD_LE_SET_CIG_PARAMS: { /* one CIS handle per CIS, from 0x0060 */
        size_t i, ncis = cmd[3 + 14]; /* after CIG_ID .. Max_Transport_Latency_P_To_C */
        e[0] = 0x0E, e[1] = (uint8_t)(6 + 2 * ncis), e[2] = 1, e[3] = cmd[0], e[4] = cmd[1];
        e[6] = cmd[3], e[7] = (uint8_t)ncis;
        for (i = 0; i < ncis; i++)
            e[8 + 2 * i] = (uint8_t)(0x60 + i);
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 2u + e[1]), BLE_OK);
        break;
    }
    case BLE_HCI_CMD_LE_CREATE_CIS: {
        e[0] = 0x0F, e[1] = 4, e[3] = 1, e[4] = cmd[0], e[5] = cmd[1];
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 6), BLE_OK);
        ble_memset(e, 0, sizeof e);
        e[0] = 0x3E, e[1] = 29, e[2] = 0x19, e[4] = cmd[4], e[5] = cmd[5];
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 31), BLE_OK);
        CHECK_EQ(ble_ascs_cis_established(&lb.ascs, now, ACL, 1, 0), BLE_OK);
        break;
    }
    case BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH:
        e[0] = 0x0E, e[1] = 6, e[2] = 1, e[3] = cmd[0], e[4] = cmd[1], e[6] = cmd[3], e[7] = cmd[4];
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 8), BLE_OK);
        break;
    case BLE_HCI_CMD_DISCONNECT:
        e[0] = 0x0F, e[1] = 4, e[3] = 1, e[4] = cmd[0], e[5] = cmd[1];
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 6), BLE_OK);
        e[0] = 0x05, e[1] = 4, e[2] = 0, e[3] = cmd[3], e[4] = cmd[4], e[5] = 0x16;
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 6), BLE_OK);
        break;
    case BLE_HCI_CMD_LE_REMOVE_CIG:
        e[0] = 0x0E, e[1] = 5, e[2] = 1, e[3] = cmd[0], e[4] = cmd[1], e[6] = cmd[3];
        CHECK_EQ(ble_bap_cli_on_hci_event(&b, now, e, 7), BLE_OK);
        break;
    default:
        CHECK(0);
        break;
    }
    return 1;
}

/* Moves everything until quiet; the client's events land in evs[]. */
static struct ble_bap_cli_event lb_evs[32];
static size_t lb_nev;
static void lb_pump(void)
{
    int moved = 1, guard = 0;
    while (moved && guard++ < 200) {
        int n;
        moved = 0;
        while ((n = ble_bap_cli_poll_att(&b, txb, sizeof txb)) > 0) {
            CHECK_EQ(ble_gatt_srv_on_pdu(&lb.gatt, now, txb, (size_t)n), BLE_OK);
            moved = 1;
        }
        moved |= lb_server_step();
        while ((n = ble_gatt_srv_poll_tx(&lb.gatt, txb, sizeof txb)) > 0) {
            CHECK_EQ(ble_bap_cli_on_att(&b, now, txb, (size_t)n), BLE_OK);
            moved = 1;
        }
        moved |= lb_controller_step();
        while (ble_bap_cli_poll_event(&b, &ev) == BLE_OK) {
            if (lb_nev < sizeof lb_evs / sizeof lb_evs[0])
                lb_evs[lb_nev++] = ev;
            moved = 1;
        }
    }
    CHECK(guard < 200);
}

/* Runs to the procedure's DONE, which must be a success. */
static void lb_run(uint8_t proc)
{
    size_t i;
    lb_nev = 0;
    lb_pump();
    for (i = 0; i < lb_nev && lb_evs[i].type != BLE_BAP_CLI_EV_DONE; i++)
        CHECK(lb_evs[i].type == BLE_BAP_CLI_EV_STATE); /* nothing unexpected */
    CHECK(i < lb_nev);
    if (i < lb_nev) {
        CHECK_EQ(lb_evs[i].proc, proc);
        CHECK_EQ(lb_evs[i].err, BLE_OK);
        CHECK_EQ(lb_evs[i].att_status, 0);
        CHECK_EQ(lb_evs[i].response_code, 0);
        CHECK_EQ(lb_evs[i].hci_status, 0);
    }
}

static int lb_state(uint8_t id)
{
    CHECK_EQ(ble_ascs_ase_state(&lb.ascs, ACL, id), ble_bap_cli_find_ase(&b, id)->state);
    return ble_bap_cli_find_ase(&b, id)->state;
}

/* One SDU through ISO data packets of 16 octets into the receiver rx. */
static void lb_iso(struct ble_iso_rx *rx, uint16_t handle, uint8_t fill)
{
    struct ble_iso_tx tx;
    struct ble_iso_sdu sdu;
    uint8_t data[40], pkt[32];
    int n, rc = BLE_ERR_AGAIN;
    ble_memset(data, fill, sizeof data);
    CHECK_EQ(ble_iso_tx_init(&tx, handle, 16, 7, 0, 0, ble_view_make(data, sizeof data)), BLE_OK);
    while ((n = ble_iso_tx_next(&tx, pkt, sizeof pkt)) > 0)
        rc = ble_iso_rx_push(rx, pkt, (size_t)n, &sdu);
    CHECK_EQ(rc, BLE_OK);
    if (rc == BLE_OK) {
        CHECK_EQ(sdu.handle, handle);
        CHECK_EQ(sdu.seq, 7);
        CHECK(sdu.data.len == sizeof data && tt_memeq(sdu.data.p, data, sizeof data));
    }
}

static void test_loopback_against_the_kit_server(void)
{
    struct ble_gatt_srv_cfg sc;
    struct ble_ascs_cfg ac;
    static const uint8_t meta[] = { 0x03, 0x02, 0x04, 0x00 };
    size_t i;
    setup();
    for (i = 0; i < 6; i++) {
        lb_pac[i].p = lb_pac_mem[i];
        lb_pac[i].len = 0;
        lb_pac[i].cap = sizeof lb_pac_mem[i];
    }
    {
        static const uint8_t pac[] = { PAC_SINK };
        ble_memcpy(lb_pac_mem[0], pac, sizeof pac);
        lb_pac[0].len = sizeof pac;
        ble_memcpy(lb_pac_mem[2], pac, sizeof pac);
        lb_pac[2].len = sizeof pac;
        CHECK_EQ(ble_pacs_locations_put(&lb_pac[1], BLE_BAP_LOC_FRONT_LEFT), BLE_OK);
        CHECK_EQ(ble_pacs_locations_put(&lb_pac[3], BLE_BAP_LOC_FRONT_LEFT), BLE_OK);
        CHECK_EQ(ble_pacs_contexts_put(&lb_pac[4], 0x0004, 0x0002), BLE_OK);
        CHECK_EQ(ble_pacs_contexts_put(&lb_pac[5], 0x0006, 0x0006), BLE_OK);
    }
    ble_memset(&lb, 0, sizeof lb);
    ble_memset(&sc, 0, sizeof sc);
    sc.attrs = lb_db;
    sc.n = sizeof lb_db / sizeof lb_db[0];
    sc.mtu_max = MTU;
    sc.buf = lb.buf;
    sc.buf_len = sizeof lb.buf;
    sc.cccd = lb.cccd;
    sc.cccd_n = 9;
    sc.events = lb.gev;
    sc.events_n = 8;
    CHECK_EQ(ble_gatt_srv_init(&lb.gatt, &sc), BLE_OK);
    ble_gatt_srv_set_security(&lb.gatt, BLE_GATT_SEC_ENC, 16);
    { /* the server's side of the Exchange MTU the client did in setup() */
        static const uint8_t mreq[] = { 0x02, MTU, 0x00 };
        uint8_t rsp[8];
        CHECK_EQ(ble_gatt_srv_on_pdu(&lb.gatt, now, mreq, sizeof mreq), BLE_OK);
        CHECK_EQ(ble_gatt_srv_poll_tx(&lb.gatt, rsp, sizeof rsp), 3);
    }
    ble_memset(&ac, 0, sizeof ac);
    ac.dirs = lb_dirs;
    ac.n_ases = 2;
    ac.conns = lb.conns;
    ac.n_conns = 1;
    ac.notify = lb.nq;
    ac.notify_cap = 16;
    ac.events = lb.eq;
    ac.event_cap = 16;
    CHECK_EQ(ble_ascs_init(&lb.ascs, &ac), BLE_OK);
    CHECK_EQ(ble_ascs_acl_connected(&lb.ascs, ACL), BLE_OK);
    ble_iso_rx_init(&lb.rx, lb.slots, 1);
    ble_iso_rx_init(&lb.crx, lb.cslots, 1);

    CHECK_EQ(ble_bap_cli_discover(&b, now), BLE_OK);
    lb_run(BLE_BAP_CLI_P_DISCOVER);
    CHECK_EQ(b.n_ases, 2);
    CHECK_EQ(b.avail_sink, 0x0004);
    CHECK_EQ(ble_bap_cli_pac(&b, BLE_ASCS_DIR_SINK).len, lb_pac[0].len);
    /* a Sink ASE and a Source ASE on one bidirectional CIS */
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 1, "16_2", BLE_BAP_LOC_FRONT_LEFT, 2, 2), BLE_OK);
    lb_run(BLE_BAP_CLI_P_CONFIG_CODEC);
    CHECK_EQ(lb_state(1), BLE_ASCS_STATE_CODEC_CONFIGURED);
    CHECK_EQ(ble_bap_cli_find_ase(&b, 1)->prefs.presentation_delay_max, 40000);
    CHECK_EQ(ble_bap_cli_config_codec_lc3(&b, now, 2, "16_2", BLE_BAP_LOC_FRONT_LEFT, 2, 2), BLE_OK);
    lb_run(BLE_BAP_CLI_P_CONFIG_CODEC);
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 1, 1, 0, "16_2_1", 0x02), BLE_OK);
    lb_run(BLE_BAP_CLI_P_CONFIG_QOS);
    CHECK_EQ(ble_bap_cli_config_qos_named(&b, now, 2, 1, 0, "16_2_1", 0x02), BLE_OK);
    lb_run(BLE_BAP_CLI_P_CONFIG_QOS);
    CHECK_EQ(lb_state(2), BLE_ASCS_STATE_QOS_CONFIGURED);
    CHECK_EQ(b.n_cis, 1);
    CHECK_EQ(ble_bap_cli_enable(&b, now, 1, meta, sizeof meta), BLE_OK);
    lb_run(BLE_BAP_CLI_P_ENABLE);
    CHECK_EQ(lb_state(1), BLE_ASCS_STATE_STREAMING); /* the server started its Sink ASE */
    CHECK_EQ(ble_bap_cli_enable(&b, now, 2, meta, sizeof meta), BLE_OK);
    lb_run(BLE_BAP_CLI_P_ENABLE);
    CHECK_EQ(lb_state(2), BLE_ASCS_STATE_STREAMING);
    /* audio: client to server on the Sink ASE's CIS, and back on the Source's */
    CHECK_EQ(ble_iso_rx_attach(&lb.rx, 0x0060, lb.sdu_buf[0], sizeof lb.sdu_buf[0]), BLE_OK);
    CHECK_EQ(ble_iso_rx_attach(&lb.crx, 0x0060, lb.sdu_buf[1], sizeof lb.sdu_buf[1]), BLE_OK);
    lb_iso(&lb.rx, 0x0060, 0x5A);
    lb_iso(&lb.crx, 0x0060, 0xC3);
    CHECK_EQ(lb.rx.stats.sdus, 1);
    CHECK_EQ(lb.crx.stats.sdus, 1);
    /* back to released */
    CHECK_EQ(ble_bap_cli_disable(&b, now, 2), BLE_OK);
    lb_run(BLE_BAP_CLI_P_DISABLE);
    CHECK_EQ(lb_state(2), BLE_ASCS_STATE_QOS_CONFIGURED);
    CHECK_EQ(ble_bap_cli_release(&b, now, 2), BLE_OK);
    lb_run(BLE_BAP_CLI_P_RELEASE);
    CHECK_EQ(lb_state(2), BLE_ASCS_STATE_IDLE);
    CHECK_EQ(b.cig_set, 1); /* ASE 1 still streams on the CIS */
    CHECK_EQ(ble_bap_cli_release(&b, now, 1), BLE_OK);
    lb_run(BLE_BAP_CLI_P_RELEASE);
    CHECK_EQ(lb_state(1), BLE_ASCS_STATE_IDLE);
    CHECK_EQ(b.cig_set, 0); /* LE Remove CIG went out */
    CHECK_EQ(b.stats.bad_transitions + b.stats.unknown_ase + b.stats.malformed + b.stats.unexpected_cp, 0);
}

/* The names events and logs print for each procedure; "" past the last. */
static void test_procedure_names(void)
{
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_DISCOVER), "Discover");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_CONFIG_CODEC), "Config Codec");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_CONFIG_QOS), "Config QoS");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_ENABLE), "Enable");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_DISABLE), "Disable");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_UPDATE_METADATA), "Update Metadata");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_RELEASE), "Release");
    CHECK_STR(ble_bap_cli_proc_name(BLE_BAP_CLI_P_COUNT_), "");
}

void suite_bap_client(void)
{
    tt_run("procedure names", test_procedure_names);
    tt_run("sink ASE: codec, QoS, enable, stream, metadata, disable, release", test_sink_stream_and_release);
    tt_run("source ASE: receiver start and stop ready", test_source_receiver_start_stop_ready);
    tt_run("every ASCS response code ends the operation", test_every_response_code_ends_the_operation);
    tt_run("ATT errors and timeouts", test_att_errors_and_timeouts);
    tt_run("discovery failures", test_discovery_failures);
    tt_run("HCI failures", test_hci_failures);
    tt_run("unexpected notifications", test_unexpected_notifications);
    tt_run("starts refused", test_starts_refused);
    tt_run("truncation at every prefix", test_truncation_at_every_prefix);
    tt_run("explicit Codec_ID, LTVs and QoS", test_explicit_codec_and_qos);
    tt_run("loopback against the kit's ASCS server", test_loopback_against_the_kit_server);
}
