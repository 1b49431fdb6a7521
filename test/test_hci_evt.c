/* Unit tests of layers/hci_evt.h: the event and LE subevent tables.
 * Vectors are event parameters as they follow the event header (for LE
 * subevents, as they follow the Subevent_Code octet), annotated with the
 * parameter names of Core 6.0 Vol 4 Part E 7.7.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"
#include "synth.h"

static void every_event_round_trips_and_truncates(void)
{
    size_t i;
    for (i = 0; i < BLE_HCI_EVT_COUNT; i++) {
        union ble_hci_evt_params u;
        CHECK(ble_hci_evt_descs[i].size <= sizeof u);
        check_table_row(&ble_hci_evt_descs[i], &u, sizeof u);
    }
}

static void every_le_subevent_round_trips_and_truncates(void)
{
    size_t i;
    for (i = 0; i < BLE_HCI_LE_EVT_COUNT; i++) {
        union ble_hci_le_evt_params u;
        CHECK(ble_hci_le_evt_descs[i].size <= sizeof u);
        check_table_row(&ble_hci_le_evt_descs[i], &u, sizeof u);
    }
}

/* ---- Byte-exact vectors ------------------------------------------------- */

/* 7.7.14 Command Complete of HCI_Reset. */
static const uint8_t v_cc_reset[] = {
    0x01,       /* Num_HCI_Command_Packets */
    0x03, 0x0c, /* Command_Opcode: HCI_Reset (0x0C03) */
    0x00,       /* Return_Parameters: Status Success */
};

/* 7.7.15 Command Status of HCI_LE_Extended_Create_Connection [v1] (0x2043). */
static const uint8_t v_cs[] = {
    0x00,       /* Status: Success (pending) */
    0x01,       /* Num_HCI_Command_Packets */
    0x43, 0x20, /* Command_Opcode */
};

/* 7.7.5 Disconnection Complete: the peer hung up. */
static const uint8_t v_disc[] = {
    0x00,       /* Status */
    0x40, 0x00, /* Connection_Handle */
    0x13,       /* Reason: Remote User Terminated Connection */
};

/* 7.7.19 Number Of Completed Packets, two handles. */
static const uint8_t v_nocp[] = {
    0x02,       /* Num_Handles */
    0x40, 0x00, /* Connection_Handle[0] */
    0x03, 0x00, /* Num_Completed_Packets[0] */
    0x60, 0x00, /* Connection_Handle[1] (a CIS) */
    0x01, 0x00, /* Num_Completed_Packets[1] */
};

/* 7.7.8 Encryption Change [v2]: AES-CCM on, 16-octet key. */
static const uint8_t v_enc_v2[] = {
    0x00,       /* Status */
    0x40, 0x00, /* Connection_Handle */
    0x01,       /* Encryption_Enabled: on (AES-CCM on LE) */
    0x10,       /* Encryption_Key_Size: 16 */
};

/* 7.7.65.1 LE Connection Complete, as Central: 30 ms, latency 0, 720 ms. */
static const uint8_t v_conn[] = {
    0x00,                               /* Status */
    0x40, 0x00,                         /* Connection_Handle */
    0x00,                               /* Role: Central */
    0x01,                               /* Peer_Address_Type: Random */
    0x66, 0x55, 0x44, 0x33, 0x22, 0xc1, /* Peer_Address C1:22:33:44:55:66 (static) */
    0x18, 0x00,                         /* Connection_Interval: 24 x 1.25 ms */
    0x00, 0x00,                         /* Peripheral_Latency */
    0x48, 0x00,                         /* Supervision_Timeout: 72 x 10 ms */
    0x00,                               /* Central_Clock_Accuracy (Central: 0) */
};

/* 7.7.65.10 LE Enhanced Connection Complete [v2], as Peripheral from
 * advertising set 0, the peer's RPA resolved to its identity. */
static const uint8_t v_enh_v2[] = {
    0x00,                               /* Status */
    0x41, 0x00,                         /* Connection_Handle */
    0x01,                               /* Role: Peripheral */
    0x02,                               /* Peer_Address_Type: Public Identity */
    0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, /* Peer_Address 0F:0E:0D:0C:0B:0A */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Local_Resolvable_Private_Address: none */
    0x34, 0x12, 0xef, 0xcd, 0xab, 0x4a, /* Peer_Resolvable_Private_Address */
    0x28, 0x00,                         /* Connection_Interval: 50 ms */
    0x00, 0x00,                         /* Peripheral_Latency */
    0xf4, 0x01,                         /* Supervision_Timeout: 5 s */
    0x01,                               /* Central_Clock_Accuracy: 250 ppm */
    0x00,                               /* Advertising_Handle */
    0xff, 0xff,                         /* Sync_Handle: none */
};

/* 7.7.65.2 LE Advertising Report, two reports. */
static const uint8_t v_adv[] = {
    0x02,                               /* Num_Reports */
    0x00,                               /* Event_Type[0]: ADV_IND */
    0x01,                               /* Address_Type[0]: Random */
    0x66, 0x55, 0x44, 0x33, 0x22, 0xc1, /* Address[0] */
    0x03,                               /* Data_Length[0] */
    0x02, 0x01, 0x06,                   /* Data[0]: Flags LE General, no BR/EDR */
    0xc5,                               /* RSSI[0]: -59 dBm */
    0x04,                               /* Event_Type[1]: SCAN_RSP */
    0x00,                               /* Address_Type[1]: Public */
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, /* Address[1] */
    0x00,                               /* Data_Length[1] */
    0xd8,                               /* RSSI[1]: -40 dBm */
};

/* 7.7.65.13 LE Extended Advertising Report, two reports: a legacy ADV_IND
 * with data, and an extended connectable advertisement on 1M/2M without. */
static const uint8_t v_ext[] = {
    0x02,                               /* Num_Reports */
    0x13, 0x00,                         /* Event_Type[0]: legacy ADV_IND */
    0x01,                               /* Address_Type[0]: Random */
    0x66, 0x55, 0x44, 0x33, 0x22, 0xc1, /* Address[0] */
    0x01,                               /* Primary_PHY[0]: LE 1M */
    0x00,                               /* Secondary_PHY[0]: none */
    0xff,                               /* Advertising_SID[0]: no ADI */
    0x7f,                               /* TX_Power[0]: not available */
    0xc4,                               /* RSSI[0]: -60 dBm */
    0x00, 0x00,                         /* Periodic_Advertising_Interval[0]: none */
    0x00,                               /* Direct_Address_Type[0] */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Direct_Address[0] */
    0x06,                               /* Data_Length[0] */
    0x02, 0x01, 0x06, 0x02, 0x0a, 0x08, /* Data[0]: Flags; TX Power Level +8 */
    0x01, 0x00,                         /* Event_Type[1]: connectable, complete */
    0x00,                               /* Address_Type[1]: Public */
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, /* Address[1] */
    0x01,                               /* Primary_PHY[1]: LE 1M */
    0x02,                               /* Secondary_PHY[1]: LE 2M */
    0x03,                               /* Advertising_SID[1] */
    0xfc,                               /* TX_Power[1]: -4 dBm */
    0xb5,                               /* RSSI[1]: -75 dBm */
    0x00, 0x00,                         /* Periodic_Advertising_Interval[1] */
    0x00,                               /* Direct_Address_Type[1] */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Direct_Address[1] */
    0x00,                               /* Data_Length[1] */
};

/* 7.7.65.25 LE CIS Established [v1]: 10 ms ISO interval, 2M both ways. */
static const uint8_t v_cis_v1[] = {
    0x00,             /* Status */
    0x60, 0x00,       /* Connection_Handle (the CIS) */
    0x5c, 0x09, 0x00, /* CIG_Sync_Delay: 2396 us */
    0x5c, 0x09, 0x00, /* CIS_Sync_Delay: 2396 us */
    0x6c, 0x30, 0x00, /* Transport_Latency_C_To_P: 12396 us */
    0x6c, 0x30, 0x00, /* Transport_Latency_P_To_C: 12396 us */
    0x02,             /* PHY_C_To_P: LE 2M */
    0x02,             /* PHY_P_To_C: LE 2M */
    0x02,             /* NSE */
    0x01,             /* BN_C_To_P */
    0x01,             /* BN_P_To_C */
    0x01,             /* FT_C_To_P */
    0x01,             /* FT_P_To_C */
    0x28, 0x00,       /* Max_PDU_C_To_P: 40 */
    0x28, 0x00,       /* Max_PDU_P_To_C: 40 */
    0x08, 0x00,       /* ISO_Interval: 8 x 1.25 ms */
};

/* 7.7.65.25 LE CIS Established [v2]: the same CIS with its SDU parameters. */
static const uint8_t v_cis_v2[] = {
    0x00,             /* Status */
    0x60, 0x00,       /* Connection_Handle */
    0x5c, 0x09, 0x00, /* CIG_Sync_Delay */
    0x5c, 0x09, 0x00, /* CIS_Sync_Delay */
    0x6c, 0x30, 0x00, /* Transport_Latency_C_To_P */
    0x6c, 0x30, 0x00, /* Transport_Latency_P_To_C */
    0x02,             /* PHY_C_To_P */
    0x02,             /* PHY_P_To_C */
    0x02,             /* NSE */
    0x01,             /* BN_C_To_P */
    0x01,             /* BN_P_To_C */
    0x01,             /* FT_C_To_P */
    0x01,             /* FT_P_To_C */
    0x28, 0x00,       /* Max_PDU_C_To_P */
    0x28, 0x00,       /* Max_PDU_P_To_C */
    0x08, 0x00,       /* ISO_Interval */
    0x96, 0x04, 0x00, /* Sub_Interval: 1174 us */
    0x28, 0x00,       /* Max_SDU_C_To_P: 40 */
    0x28, 0x00,       /* Max_SDU_P_To_C: 40 */
    0x10, 0x27, 0x00, /* SDU_Interval_C_To_P: 10000 us */
    0x10, 0x27, 0x00, /* SDU_Interval_P_To_C: 10000 us */
    0x00,             /* Framing: unframed */
};

/* 7.7.65.26 LE CIS Request. */
static const uint8_t v_cis_req[] = {
    0x40, 0x00, /* ACL_Connection_Handle */
    0x60, 0x00, /* CIS_Connection_Handle */
    0x01,       /* CIG_ID */
    0x00,       /* CIS_ID */
};

/* 7.7.65.27 LE Create BIG Complete, two BISes of 48 kHz stereo. */
static const uint8_t v_big[] = {
    0x00,             /* Status */
    0x00,             /* BIG_Handle */
    0x74, 0x11, 0x00, /* BIG_Sync_Delay: 4468 us */
    0xa4, 0x38, 0x00, /* Transport_Latency_BIG: 14500 us */
    0x02,             /* PHY: LE 2M */
    0x04,             /* NSE */
    0x01,             /* BN */
    0x00,             /* PTO */
    0x04,             /* IRC */
    0x64, 0x00,       /* Max_PDU: 100 */
    0x08, 0x00,       /* ISO_Interval: 10 ms */
    0x02,             /* Num_BIS */
    0x70, 0x00,       /* Connection_Handle[0] */
    0x71, 0x00,       /* Connection_Handle[1] */
};

/* 7.7.65.29 LE BIG Sync Established, the same BIG seen by a receiver. */
static const uint8_t v_big_sync[] = {
    0x00,             /* Status */
    0x00,             /* BIG_Handle */
    0xa4, 0x38, 0x00, /* Transport_Latency_BIG */
    0x04,             /* NSE */
    0x01,             /* BN */
    0x00,             /* PTO */
    0x04,             /* IRC */
    0x64, 0x00,       /* Max_PDU */
    0x08, 0x00,       /* ISO_Interval */
    0x02,             /* Num_BIS */
    0x80, 0x00,       /* Connection_Handle[0] */
    0x81, 0x00,       /* Connection_Handle[1] */
};

/* 7.7.65.34 LE BIGInfo Advertising Report of that BIG, encrypted. */
static const uint8_t v_biginfo[] = {
    0x01, 0x00,       /* Sync_Handle */
    0x02,             /* Num_BIS */
    0x04,             /* NSE */
    0x08, 0x00,       /* ISO_Interval */
    0x01,             /* BN */
    0x00,             /* PTO */
    0x04,             /* IRC */
    0x64, 0x00,       /* Max_PDU */
    0x10, 0x27, 0x00, /* SDU_Interval: 10000 us */
    0x64, 0x00,       /* Max_SDU: 100 */
    0x02,             /* PHY: LE 2M */
    0x00,             /* Framing: unframed */
    0x01,             /* Encryption: encrypted */
};

/* 7.7.65.14 LE Periodic Advertising Sync Established [v1]. */
static const uint8_t v_pa_sync[] = {
    0x00,                               /* Status */
    0x01, 0x00,                         /* Sync_Handle */
    0x03,                               /* Advertising_SID */
    0x01,                               /* Advertiser_Address_Type: Random */
    0x66, 0x55, 0x44, 0x33, 0x22, 0xc1, /* Advertiser_Address */
    0x02,                               /* Advertiser_PHY: LE 2M */
    0x50, 0x00,                         /* Periodic_Advertising_Interval: 100 ms */
    0x05,                               /* Advertiser_Clock_Accuracy: 50 ppm */
};

/* 7.7.65.12 LE PHY Update Complete: both ways to 2M. */
static const uint8_t v_phy[] = {
    0x00,       /* Status */
    0x40, 0x00, /* Connection_Handle */
    0x02,       /* TX_PHY: LE 2M */
    0x02,       /* RX_PHY: LE 2M */
};

/* 7.7.65.7 LE Data Length Change: 251 octets in 2120 us both ways. */
static const uint8_t v_dle[] = {
    0x40, 0x00, /* Connection_Handle */
    0xfb, 0x00, /* Max_TX_Octets: 251 */
    0x48, 0x08, /* Max_TX_Time: 2120 us */
    0xfb, 0x00, /* Max_RX_Octets */
    0x48, 0x08, /* Max_RX_Time */
};

struct vec {
    int le;         /* 1: an LE subevent row */
    unsigned code;  /* event or subevent code */
    const uint8_t *b;
    size_t len;
};
#define VEC(le, code, v) { le, code, v, sizeof v }
static const struct vec vecs[] = {
    VEC(0, BLE_HCI_EVT_COMMAND_COMPLETE, v_cc_reset),
    VEC(0, BLE_HCI_EVT_COMMAND_STATUS, v_cs),
    VEC(0, BLE_HCI_EVT_DISCONNECTION_COMPLETE, v_disc),
    VEC(0, BLE_HCI_EVT_NUMBER_OF_COMPLETED_PACKETS, v_nocp),
    VEC(0, BLE_HCI_EVT_ENCRYPTION_CHANGE_V2, v_enc_v2),
    VEC(1, BLE_HCI_LE_EVT_CONN_COMPLETE, v_conn),
    VEC(1, BLE_HCI_LE_EVT_ENH_CONN_COMPLETE_V2, v_enh_v2),
    VEC(1, BLE_HCI_LE_EVT_ADV_REPORT, v_adv),
    VEC(1, BLE_HCI_LE_EVT_EXT_ADV_REPORT, v_ext),
    VEC(1, BLE_HCI_LE_EVT_CIS_ESTABLISHED, v_cis_v1),
    VEC(1, BLE_HCI_LE_EVT_CIS_ESTABLISHED_V2, v_cis_v2),
    VEC(1, BLE_HCI_LE_EVT_CIS_REQUEST, v_cis_req),
    VEC(1, BLE_HCI_LE_EVT_CREATE_BIG_COMPLETE, v_big),
    VEC(1, BLE_HCI_LE_EVT_BIG_SYNC_ESTABLISHED, v_big_sync),
    VEC(1, BLE_HCI_LE_EVT_BIGINFO_ADV_REPORT, v_biginfo),
    VEC(1, BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED, v_pa_sync),
    VEC(1, BLE_HCI_LE_EVT_PHY_UPDATE_COMPLETE, v_phy),
    VEC(1, BLE_HCI_LE_EVT_DATA_LENGTH_CHANGE, v_dle),
};
#define NVECS (sizeof vecs / sizeof vecs[0])

static void every_vector_round_trips_byte_exact(void)
{
    size_t i;
    for (i = 0; i < NVECS; i++) {
        union {
            union ble_hci_evt_params e;
            union ble_hci_le_evt_params le;
        } u;
        const struct ble_pdu_desc *d =
            vecs[i].le ? ble_hci_le_evt_desc(vecs[i].code) : ble_hci_evt_desc(vecs[i].code);
        check_vector(d, vecs[i].b, vecs[i].len, &u, sizeof u);
    }
}

static void command_complete_keeps_return_parameters_as_a_view(void)
{
    struct ble_hci_evt_command_complete cc;
    struct ble_hci_evt_command_status cs;
    CHECK_EQ(ble_hci_evt_command_complete_decode(v_cc_reset, sizeof v_cc_reset, &cc), BLE_OK);
    CHECK_EQ(cc.num_hci_command_packets, 1);
    CHECK_EQ(cc.command_opcode, 0x0C03);
    CHECK(cc.return_parameters.p == v_cc_reset + 3);
    CHECK_EQ(cc.return_parameters.len, 1);
    /* a credit-only Command Complete has no return parameters (opcode 0) */
    CHECK_EQ(ble_hci_evt_command_complete_decode(v_cc_reset, 3, &cc), BLE_OK);
    CHECK_EQ(cc.return_parameters.len, 0);
    CHECK_EQ(ble_hci_evt_command_status_decode(v_cs, sizeof v_cs, &cs), BLE_OK);
    CHECK_EQ(cs.status, BLE_HCI_SUCCESS);
    CHECK_EQ(cs.command_opcode, 0x2043);
}

static void disconnection_and_encryption_fields(void)
{
    struct ble_hci_evt_disconnection_complete dc;
    struct ble_hci_evt_encryption_change_v2 ec;
    CHECK_EQ(ble_hci_evt_disconnection_complete_decode(v_disc, sizeof v_disc, &dc), BLE_OK);
    CHECK_EQ(dc.connection_handle, 0x0040);
    CHECK_EQ(dc.reason, BLE_HCI_REMOTE_USER_TERMINATED);
    CHECK_EQ(ble_hci_evt_encryption_change_v2_decode(v_enc_v2, sizeof v_enc_v2, &ec), BLE_OK);
    CHECK_EQ(ec.encryption_enabled, 1);
    CHECK_EQ(ec.encryption_key_size, 16);
    /* [v1] is [v2] without the key size */
    {
        struct ble_hci_evt_encryption_change e1;
        CHECK_EQ(ble_hci_evt_encryption_change_decode(v_enc_v2, 4, &e1), BLE_OK);
        CHECK_EQ(e1.connection_handle, 0x0040);
        CHECK_EQ(ble_hci_evt_encryption_change_decode(v_enc_v2, 5, &e1), BLE_ERR_TRAILING);
    }
}

static void completed_packets_are_interleaved_pairs(void)
{
    struct ble_hci_evt_number_of_completed_packets nocp;
    struct ble_hci_evt_nocp_entry e;
    CHECK_EQ(ble_hci_evt_number_of_completed_packets_decode(v_nocp, sizeof v_nocp, &nocp), BLE_OK);
    CHECK_EQ(nocp.handles.n, 2);
    CHECK(nocp.handles.raw.p == v_nocp + 1);
    CHECK_EQ(ble_arr_get(&nocp.handles, &ble_hci_evt_nocp_entry_desc, 0, &e), BLE_OK);
    CHECK_EQ(e.connection_handle, 0x0040);
    CHECK_EQ(e.num_completed_packets, 3);
    CHECK_EQ(ble_arr_get(&nocp.handles, &ble_hci_evt_nocp_entry_desc, 1, &e), BLE_OK);
    CHECK_EQ(e.connection_handle, 0x0060);
    CHECK_EQ(e.num_completed_packets, 1);
}

static void connection_complete_fields(void)
{
    struct ble_hci_le_evt_conn_complete c;
    struct ble_hci_le_evt_enh_conn_complete_v2 e;
    struct ble_hci_le_evt_enh_conn_complete e1;
    CHECK_EQ(ble_hci_le_evt_conn_complete_decode(v_conn, sizeof v_conn, &c), BLE_OK);
    CHECK_EQ(c.role, 0);
    CHECK_EQ(c.peer_address_type, BLE_ADDR_RANDOM);
    CHECK_MEM(c.peer_address, v_conn + 5, 6);
    CHECK_EQ(ble_addr_random_kind(c.peer_address), BLE_RANDOM_STATIC);
    CHECK_EQ(c.connection_interval, 24);
    CHECK_EQ(c.supervision_timeout, 72);
    CHECK_EQ(ble_hci_le_evt_enh_conn_complete_v2_decode(v_enh_v2, sizeof v_enh_v2, &e), BLE_OK);
    CHECK_EQ(e.role, 1);
    CHECK_EQ(e.peer_address_type, BLE_ADDR_PUBLIC_ID);
    CHECK_EQ(ble_addr_random_kind(e.peer_resolvable_private_address), BLE_RANDOM_RESOLVABLE);
    CHECK_EQ(e.supervision_timeout, 500);
    CHECK_EQ(e.advertising_handle, 0);
    CHECK_EQ(e.sync_handle, 0xFFFF);
    /* [v1] is the [v2] layout without the last three octets */
    CHECK_EQ(ble_hci_le_evt_enh_conn_complete_decode(v_enh_v2, sizeof v_enh_v2 - 3, &e1), BLE_OK);
    CHECK_EQ(e1.central_clock_accuracy, 1);
}

static void advertising_reports_decode_per_report(void)
{
    struct ble_hci_le_evt_adv_report r;
    struct ble_hci_le_evt_adv_report_entry a;
    struct ble_hci_le_evt_ext_adv_report x;
    struct ble_hci_le_evt_ext_adv_report_entry xe;
    CHECK_EQ(ble_hci_le_evt_adv_report_decode(v_adv, sizeof v_adv, &r), BLE_OK);
    CHECK_EQ(r.reports.n, 2);
    CHECK_EQ(ble_arr_get(&r.reports, &ble_hci_le_evt_adv_report_entry_desc, 0, &a), BLE_OK);
    CHECK_EQ(a.event_type, 0);
    CHECK(a.data.p == v_adv + 10);
    CHECK_EQ(a.data.len, 3);
    CHECK_EQ(a.rssi, -59);
    CHECK_EQ(ble_arr_get(&r.reports, &ble_hci_le_evt_adv_report_entry_desc, 1, &a), BLE_OK);
    CHECK_EQ(a.event_type, 4);
    CHECK_EQ(a.data.len, 0);
    CHECK_EQ(a.rssi, -40);

    CHECK_EQ(ble_hci_le_evt_ext_adv_report_decode(v_ext, sizeof v_ext, &x), BLE_OK);
    CHECK_EQ(x.reports.n, 2);
    CHECK_EQ(ble_arr_get(&x.reports, &ble_hci_le_evt_ext_adv_report_entry_desc, 0, &xe), BLE_OK);
    CHECK_EQ(xe.event_type, 0x0013);
    CHECK_EQ(xe.advertising_sid, 0xFF);
    CHECK_EQ(xe.tx_power, 127);
    CHECK_EQ(xe.rssi, -60);
    CHECK_EQ(xe.data.len, 6);
    CHECK(xe.data.p == v_ext + 25);
    CHECK_EQ(ble_arr_get(&x.reports, &ble_hci_le_evt_ext_adv_report_entry_desc, 1, &xe), BLE_OK);
    CHECK_EQ(xe.event_type, 0x0001);
    CHECK_EQ(xe.secondary_phy, 2);
    CHECK_EQ(xe.advertising_sid, 3);
    CHECK_EQ(xe.tx_power, -4);
    CHECK_EQ(xe.rssi, -75);
    CHECK_EQ(xe.data.len, 0);
}

static void iso_events_use_three_octet_fields(void)
{
    struct ble_hci_le_evt_cis_established c1;
    struct ble_hci_le_evt_cis_established_v2 c2;
    struct ble_hci_le_evt_cis_request rq;
    struct ble_hci_le_evt_create_big_complete b;
    struct ble_hci_le_evt_big_sync_established bs;
    struct ble_hci_le_evt_biginfo_adv_report bi;
    struct ble_hci_le_evt_bis_handle h;
    CHECK_EQ(ble_hci_le_evt_cis_established_decode(v_cis_v1, sizeof v_cis_v1, &c1), BLE_OK);
    CHECK_EQ(c1.cig_sync_delay, 2396);
    CHECK_EQ(c1.transport_latency_p_to_c, 12396);
    CHECK_EQ(c1.max_pdu_c_to_p, 40);
    CHECK_EQ(c1.iso_interval, 8);
    CHECK_EQ(ble_hci_le_evt_cis_established_v2_decode(v_cis_v2, sizeof v_cis_v2, &c2), BLE_OK);
    CHECK_EQ(c2.sub_interval, 1174);
    CHECK_EQ(c2.sdu_interval_c_to_p, 10000);
    CHECK_EQ(c2.framing, 0);
    CHECK_EQ(ble_hci_le_evt_cis_request_decode(v_cis_req, sizeof v_cis_req, &rq), BLE_OK);
    CHECK_EQ(rq.acl_connection_handle, 0x40);
    CHECK_EQ(rq.cis_connection_handle, 0x60);
    CHECK_EQ(rq.cig_id, 1);
    CHECK_EQ(ble_hci_le_evt_create_big_complete_decode(v_big, sizeof v_big, &b), BLE_OK);
    CHECK_EQ(b.big_sync_delay, 4468);
    CHECK_EQ(b.transport_latency_big, 14500);
    CHECK_EQ(b.connection_handles.n, 2);
    CHECK_EQ(ble_arr_get(&b.connection_handles, &ble_hci_le_evt_bis_handle_desc, 1, &h), BLE_OK);
    CHECK_EQ(h.connection_handle, 0x71);
    CHECK_EQ(ble_hci_le_evt_big_sync_established_decode(v_big_sync, sizeof v_big_sync, &bs), BLE_OK);
    CHECK_EQ(bs.connection_handles.n, 2);
    CHECK_EQ(ble_arr_get(&bs.connection_handles, &ble_hci_le_evt_bis_handle_desc, 0, &h), BLE_OK);
    CHECK_EQ(h.connection_handle, 0x80);
    CHECK_EQ(ble_hci_le_evt_biginfo_adv_report_decode(v_biginfo, sizeof v_biginfo, &bi), BLE_OK);
    CHECK_EQ(bi.sdu_interval, 10000);
    CHECK_EQ(bi.max_sdu, 100);
    CHECK_EQ(bi.encryption, 1);
}

static void connection_parameter_events(void)
{
    struct ble_hci_le_evt_pa_sync_established pa;
    struct ble_hci_le_evt_phy_update_complete ph;
    struct ble_hci_le_evt_data_length_change dl;
    CHECK_EQ(ble_hci_le_evt_pa_sync_established_decode(v_pa_sync, sizeof v_pa_sync, &pa), BLE_OK);
    CHECK_EQ(pa.sync_handle, 1);
    CHECK_EQ(pa.advertising_sid, 3);
    CHECK_EQ(pa.periodic_advertising_interval, 80);
    CHECK_EQ(pa.advertiser_clock_accuracy, 5);
    CHECK_EQ(ble_hci_le_evt_phy_update_complete_decode(v_phy, sizeof v_phy, &ph), BLE_OK);
    CHECK_EQ(ph.tx_phy, 2);
    CHECK_EQ(ph.rx_phy, 2);
    CHECK_EQ(ble_hci_le_evt_data_length_change_decode(v_dle, sizeof v_dle, &dl), BLE_OK);
    CHECK_EQ(dl.max_tx_octets, 251);
    CHECK_EQ(dl.max_rx_time, 2120);
}

/* A whole LE Meta event packet, header to subevent fields. */
static void le_meta_packet_decodes_through_both_tables(void)
{
    uint8_t pkt[2 + 1 + sizeof v_phy];
    struct ble_hci_evt_pkt p;
    union ble_hci_evt_params e;
    union ble_hci_le_evt_params le;
    const struct ble_pdu_desc *d;
    pkt[0] = BLE_HCI_EVT_LE_META;                  /* Event_Code */
    pkt[1] = (uint8_t)(1 + sizeof v_phy);          /* Parameter_Total_Length */
    pkt[2] = BLE_HCI_LE_EVT_PHY_UPDATE_COMPLETE;   /* Subevent_Code */
    ble_memcpy(pkt + 3, v_phy, sizeof v_phy);
    CHECK_EQ(ble_hci_evt_packet(pkt, sizeof pkt, &p), BLE_OK);
    d = ble_hci_evt_desc(p.code);
    CHECK(d == &ble_hci_evt_descs[BLE_HCI_EVT_IDX_LE_META]);
    CHECK_EQ(ble_pdu_decode(d, p.params.p, p.params.len, &e), BLE_OK);
    CHECK_EQ(e.le_meta.subevent_code, 0x0C);
    d = ble_hci_le_evt_desc(e.le_meta.subevent_code);
    CHECK(d != 0);
    CHECK_EQ(ble_pdu_decode(d, e.le_meta.parameters.p, e.le_meta.parameters.len, &le), BLE_OK);
    CHECK_EQ(le.phy_update_complete.connection_handle, 0x40);
    CHECK_STR(ble_pdu_name(d), BLE_CFG_NAMES ? "LE PHY Update Complete" : "");
}

static void printer_uses_value_names(void)
{
#if BLE_CFG_NAMES
    struct ble_hci_evt_disconnection_complete dc;
    struct ble_hci_le_evt_adv_report r;
    char buf[512];
    struct ble_str s;
    CHECK_EQ(ble_hci_evt_disconnection_complete_decode(v_disc, sizeof v_disc, &dc), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&ble_hci_evt_descs[BLE_HCI_EVT_IDX_DISCONNECTION_COMPLETE], &dc, &s, 0);
    CHECK_STR(buf, "status=0x00 (Success) connection_handle=0x0040 "
                   "reason=0x13 (Remote User Terminated Connection)");
    CHECK_EQ(ble_hci_le_evt_adv_report_decode(v_adv, sizeof v_adv, &r), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&ble_hci_le_evt_descs[BLE_HCI_LE_EVT_IDX_ADV_REPORT], &r, &s, 0);
    CHECK_STR(buf, "reports=2 reports[0].event_type=0x00 (ADV_IND) "
                   "reports[0].address_type=0x01 (Random) reports[0].address=c1:22:33:44:55:66 "
                   "reports[0].data=[3]020106 reports[0].rssi=-59 "
                   "reports[1].event_type=0x04 (SCAN_RSP) reports[1].address_type=0x00 (Public) "
                   "reports[1].address=06:05:04:03:02:01 reports[1].data=[0] reports[1].rssi=-40");
#endif
}

/* ---- The tables themselves ---------------------------------------------- */

static void check_fields_named(const struct ble_pdu_desc *d)
{
#if BLE_CFG_NAMES
    size_t j, k;
    CHECK(d->name && d->name[0]);
    for (j = 0; j < d->nfields; j++) {
        const struct ble_field *f = &d->fields[j];
        CHECK(f->name && f->name[0]);
        for (k = 0; k < j; k++)
            CHECK(!tt_streq(f->name, d->fields[k].name));
        /* every Status parameter names its codes (Vol 1 Part F) */
        if (tt_streq(f->name, "status"))
            CHECK(f->aux == &ble_hci_status_names);
    }
#else
    (void)d;
#endif
}

static void check_shape(const struct ble_pdu_desc *d)
{
    size_t j, k;
    CHECK(d->nfields > 0);
    for (j = 0; j < d->nfields; j++) {
        const struct ble_field *f = &d->fields[j];
        if (f->kind == BLE_FK_REST)
            CHECK(j + 1 == d->nfields);
        if (f->kind == BLE_FK_ARR8) {
            const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
            CHECK(e != 0);
            CHECK(e->size <= BLE_CFG_PRINT_ELEM_MAX);
            check_fields_named(e);
            for (k = 0; k < e->nfields; k++)
                CHECK(e->fields[k].kind != BLE_FK_ARR8 && e->fields[k].kind != BLE_FK_ARRP &&
                      e->fields[k].kind != BLE_FK_REST);
        }
    }
    check_fields_named(d);
}

static void tables_are_sorted_and_found_by_code(void)
{
    size_t i;
    CHECK_EQ(BLE_HCI_EVT_COUNT, 13);
    CHECK_EQ(BLE_HCI_LE_EVT_COUNT, 53);
    for (i = 0; i + 1 < BLE_HCI_EVT_COUNT; i++)
        CHECK(ble_hci_evt_descs[i].code < ble_hci_evt_descs[i + 1].code);
    for (i = 0; i + 1 < BLE_HCI_LE_EVT_COUNT; i++)
        CHECK(ble_hci_le_evt_descs[i].code < ble_hci_le_evt_descs[i + 1].code);
    for (i = 0; i < BLE_HCI_EVT_COUNT; i++) {
        CHECK(ble_hci_evt_desc(ble_hci_evt_descs[i].code) == &ble_hci_evt_descs[i]);
        check_shape(&ble_hci_evt_descs[i]);
    }
    for (i = 0; i < BLE_HCI_LE_EVT_COUNT; i++) {
        CHECK(ble_hci_le_evt_desc(ble_hci_le_evt_descs[i].code) == &ble_hci_le_evt_descs[i]);
        /* subevents 0x01..0x35 with no gap */
        CHECK_EQ(ble_hci_le_evt_descs[i].code, i + 1);
        check_shape(&ble_hci_le_evt_descs[i]);
    }
    CHECK(ble_hci_evt_desc(0x00) == 0);
    CHECK(ble_hci_evt_desc(0x03) == 0); /* Connection Complete: BR/EDR only */
    CHECK(ble_hci_evt_desc(0x100) == 0);
    CHECK(ble_hci_le_evt_desc(0x00) == 0);
    CHECK(ble_hci_le_evt_desc(0x36) == 0);
    CHECK_EQ(BLE_HCI_EVT_LE_META, 0x3E);
    CHECK_EQ(BLE_HCI_EVT_ENCRYPTION_CHANGE_V2, 0x59);
    CHECK_EQ(BLE_HCI_LE_EVT_CIS_ESTABLISHED, 0x19);
    CHECK_EQ(BLE_HCI_LE_EVT_CIS_ESTABLISHED_V2, 0x2A);
    CHECK_EQ(BLE_HCI_LE_EVT_ENH_CONN_COMPLETE_V2, 0x29);
    CHECK_EQ(BLE_HCI_LE_EVT_FRAME_SPACE_UPDATE_COMPLETE, 0x35);
    CHECK_EQ(ble_hci_le_evt_descs[BLE_HCI_LE_EVT_IDX_BIGINFO_ADV_REPORT].code, 0x22);
}

static void value_name_tables_are_sorted(void)
{
    const struct ble_names *t[6];
    size_t i, j;
    t[0] = &ble_hci_role_names;
    t[1] = &ble_hci_addr_type_names;
    t[2] = &ble_hci_phy_names;
    t[3] = &ble_hci_adv_event_type_names;
    t[4] = &ble_hci_ext_adv_event_type_names;
    t[5] = &ble_hci_link_type_names;
    for (i = 0; i < 6; i++) {
        CHECK(BLE_CFG_NAMES ? t[i]->n > 0 : t[i]->n == 0);
        for (j = 0; j + 1 < t[i]->n; j++)
            CHECK(t[i]->v[j].v < t[i]->v[j + 1].v);
    }
#if BLE_CFG_NAMES
    CHECK_STR(ble_names_get(&ble_hci_phy_names, 2), "LE 2M");
    CHECK_STR(ble_names_get(&ble_hci_role_names, 1), "Peripheral");
    CHECK_STR(ble_names_get(&ble_hci_ext_adv_event_type_names, 0x13), "ADV_IND");
#endif
}

static void encode_checks_the_three_octet_range(void)
{
    struct ble_hci_le_evt_cis_established c;
    uint8_t out[64];
    CHECK_EQ(ble_hci_le_evt_cis_established_decode(v_cis_v1, sizeof v_cis_v1, &c), BLE_OK);
    c.cig_sync_delay = 0x1000000;
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_hci_le_evt_cis_established_encode(&c, out, sizeof out), BLE_ERR_RANGE);
    CHECK(tt_is_poison(out, sizeof out));
}

void suite_hci_evt(void)
{
    TT_RUN(every_event_round_trips_and_truncates);
    TT_RUN(every_le_subevent_round_trips_and_truncates);
    TT_RUN(every_vector_round_trips_byte_exact);
    TT_RUN(command_complete_keeps_return_parameters_as_a_view);
    TT_RUN(disconnection_and_encryption_fields);
    TT_RUN(completed_packets_are_interleaved_pairs);
    TT_RUN(connection_complete_fields);
    TT_RUN(advertising_reports_decode_per_report);
    TT_RUN(iso_events_use_three_octet_fields);
    TT_RUN(connection_parameter_events);
    TT_RUN(le_meta_packet_decodes_through_both_tables);
    TT_RUN(printer_uses_value_names);
    TT_RUN(tables_are_sorted_and_found_by_code);
    TT_RUN(value_name_tables_are_sorted);
    TT_RUN(encode_checks_the_three_octet_range);
}
