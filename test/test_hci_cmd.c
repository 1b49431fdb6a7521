/* Unit tests of layers/hci_cmd.h: the command and return parameter tables.
 * Vectors are command parameters as they follow the command header (opcode
 * and Parameter_Total_Length), or return parameters as they follow
 * Command_Opcode in HCI_Command_Complete, annotated with the parameter names
 * of Core 6.0 Vol 4 Part E 7.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"
#include "synth.h"

static void every_command_round_trips_and_truncates(void)
{
    size_t i;
    for (i = 0; i < BLE_HCI_CMD_COUNT; i++) {
        union ble_hci_cmd_params u;
        CHECK(ble_hci_cmd_descs[i]->size <= sizeof u);
        check_table_row(ble_hci_cmd_descs[i], &u, sizeof u);
    }
}

static void every_return_round_trips_and_truncates(void)
{
    size_t i;
    for (i = 0; i < BLE_HCI_RET_COUNT; i++) {
        union ble_hci_ret_params u;
        CHECK(ble_hci_ret_descs[i]->size <= sizeof u);
        check_table_row(ble_hci_ret_descs[i], &u, sizeof u);
    }
}

/* ---- Byte-exact vectors ------------------------------------------------- */

/* 7.1.6 Disconnect: the local user ends the link. */
static const uint8_t v_disconnect[] = {
    0x40, 0x00, /* Connection_Handle */
    0x13,       /* Reason: Remote User Terminated Connection */
};

/* 7.3.1 Set Event Mask: 0x3DBFF807FFFBFFFF. */
static const uint8_t v_event_mask[] = {
    0xff, 0xff, 0xfb, 0xff, 0x07, 0xf8, 0xbf, 0x3d, /* Event_Mask */
};

/* 7.3.40 Host Number Of Completed Packets, two handles. */
static const uint8_t v_host_nocp[] = {
    0x02,       /* Num_Handles */
    0x40, 0x00, /* Connection_Handle[0] */
    0x02, 0x00, /* Host_Num_Completed_Packets[0] */
    0x41, 0x00, /* Connection_Handle[1] */
    0x01, 0x00, /* Host_Num_Completed_Packets[1] */
};

/* 7.4.1 Read Local Version Information, returned: Core 6.0. */
static const uint8_t r_local_version[] = {
    0x00,       /* Status */
    0x0e,       /* HCI_Version: Core 6.0 */
    0x34, 0x12, /* HCI_Subversion */
    0x0e,       /* LMP_Version: Core 6.0 */
    0x59, 0x00, /* Company_Identifier: 0x0059 */
    0x78, 0x56, /* LMP_Subversion */
};

/* 7.4.6 Read BD_ADDR, returned. */
static const uint8_t r_bd_addr[] = {
    0x00,                               /* Status */
    0x66, 0x55, 0x44, 0x33, 0x22, 0x11, /* BD_ADDR 11:22:33:44:55:66 */
};

/* 7.8.53 LE Set Extended Advertising Parameters [v1]: set 0, legacy ADV_IND
 * every 100..150 ms on the three primary channels from a random address. */
static const uint8_t v_ext_adv_params[] = {
    0x00,                               /* Advertising_Handle */
    0x13, 0x00,                         /* Advertising_Event_Properties: legacy, connectable, scannable */
    0xa0, 0x00, 0x00,                   /* Primary_Advertising_Interval_Min: 160 x 0.625 ms */
    0xf0, 0x00, 0x00,                   /* Primary_Advertising_Interval_Max: 240 x 0.625 ms */
    0x07,                               /* Primary_Advertising_Channel_Map: 37, 38, 39 */
    0x01,                               /* Own_Address_Type: Random */
    0x00,                               /* Peer_Address_Type */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Peer_Address: none */
    0x00,                               /* Advertising_Filter_Policy: all */
    0xf8,                               /* Advertising_TX_Power: -8 dBm */
    0x01,                               /* Primary_Advertising_PHY: LE 1M */
    0x00,                               /* Secondary_Advertising_Max_Skip */
    0x01,                               /* Secondary_Advertising_PHY: LE 1M */
    0x00,                               /* Advertising_SID */
    0x00,                               /* Scan_Request_Notification_Enable */
};

/* 7.8.56 LE Set Extended Advertising Enable, two sets. */
static const uint8_t v_ext_adv_enable[] = {
    0x01,       /* Enable */
    0x02,       /* Num_Sets */
    0x00,       /* Advertising_Handle[0] */
    0x00, 0x00, /* Duration[0]: until disabled */
    0x00,       /* Max_Extended_Advertising_Events[0]: no limit */
    0x01,       /* Advertising_Handle[1] */
    0xf4, 0x01, /* Duration[1]: 500 x 10 ms */
    0x03,       /* Max_Extended_Advertising_Events[1] */
};

/* 7.8.66 LE Extended Create Connection [v1] on LE 1M and LE Coded. */
static const uint8_t v_ext_create_conn[] = {
    0x00,                               /* Initiator_Filter_Policy: the peer below */
    0x01,                               /* Own_Address_Type: Random */
    0x01,                               /* Peer_Address_Type: Random */
    0x66, 0x55, 0x44, 0x33, 0x22, 0xc1, /* Peer_Address C1:22:33:44:55:66 */
    0x05,                               /* Initiating_PHYs: LE 1M, LE Coded */
    0x60, 0x00,                         /* Scan_Interval[0] (1M): 96 x 0.625 ms */
    0x30, 0x00,                         /* Scan_Window[0] */
    0x18, 0x00,                         /* Connection_Interval_Min[0]: 24 x 1.25 ms */
    0x28, 0x00,                         /* Connection_Interval_Max[0]: 40 x 1.25 ms */
    0x00, 0x00,                         /* Max_Latency[0] */
    0x48, 0x00,                         /* Supervision_Timeout[0]: 72 x 10 ms */
    0x00, 0x00,                         /* Min_CE_Length[0] */
    0x00, 0x00,                         /* Max_CE_Length[0] */
    0x20, 0x01,                         /* Scan_Interval[1] (Coded): 288 x 0.625 ms */
    0x90, 0x00,                         /* Scan_Window[1] */
    0x30, 0x00,                         /* Connection_Interval_Min[1] */
    0x50, 0x00,                         /* Connection_Interval_Max[1] */
    0x00, 0x00,                         /* Max_Latency[1] */
    0xc8, 0x00,                         /* Supervision_Timeout[1]: 2 s */
    0x00, 0x00,                         /* Min_CE_Length[1] */
    0x00, 0x00,                         /* Max_CE_Length[1] */
};

/* 7.8.97 LE Set CIG Parameters: CIG 1, 10 ms SDUs, two CIS on LE 2M. */
static const uint8_t v_set_cig[] = {
    0x01,             /* CIG_ID */
    0x10, 0x27, 0x00, /* SDU_Interval_C_To_P: 10000 us */
    0x10, 0x27, 0x00, /* SDU_Interval_P_To_C: 10000 us */
    0x00,             /* Worst_Case_SCA: 251..500 ppm */
    0x00,             /* Packing: sequential */
    0x00,             /* Framing: unframed */
    0x14, 0x00,       /* Max_Transport_Latency_C_To_P: 20 ms */
    0x14, 0x00,       /* Max_Transport_Latency_P_To_C: 20 ms */
    0x02,             /* CIS_Count */
    0x00,             /* CIS_ID[0] */
    0x28, 0x00,       /* Max_SDU_C_To_P[0]: 40 */
    0x28, 0x00,       /* Max_SDU_P_To_C[0]: 40 */
    0x02,             /* PHY_C_To_P[0]: LE 2M */
    0x02,             /* PHY_P_To_C[0]: LE 2M */
    0x02,             /* RTN_C_To_P[0] */
    0x02,             /* RTN_P_To_C[0] */
    0x01,             /* CIS_ID[1] */
    0x28, 0x00,       /* Max_SDU_C_To_P[1]: 40 */
    0x00, 0x00,       /* Max_SDU_P_To_C[1]: 0, one direction only */
    0x02,             /* PHY_C_To_P[1] */
    0x02,             /* PHY_P_To_C[1] */
    0x02,             /* RTN_C_To_P[1] */
    0x00,             /* RTN_P_To_C[1] */
};

/* 7.8.99 LE Create CIS, the two CIS above over two ACLs. */
static const uint8_t v_create_cis[] = {
    0x02,       /* CIS_Count */
    0x60, 0x00, /* CIS_Connection_Handle[0] */
    0x40, 0x00, /* ACL_Connection_Handle[0] */
    0x61, 0x00, /* CIS_Connection_Handle[1] */
    0x41, 0x00, /* ACL_Connection_Handle[1] */
};

/* 7.8.103 LE Create BIG: two encrypted BIS, 10 ms SDUs of 100 octets. */
static const uint8_t v_create_big[] = {
    0x00,             /* BIG_Handle */
    0x01,             /* Advertising_Handle (the periodic advertising set) */
    0x02,             /* Num_BIS */
    0x10, 0x27, 0x00, /* SDU_Interval: 10000 us */
    0x64, 0x00,       /* Max_SDU: 100 */
    0x14, 0x00,       /* Max_Transport_Latency: 20 ms */
    0x02,             /* RTN */
    0x02,             /* PHY: LE 2M */
    0x00,             /* Packing: sequential */
    0x00,             /* Framing: unframed */
    0x01,             /* Encryption */
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, /* Broadcast_Code[0..7] */
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, /* Broadcast_Code[8..15] */
};

/* 7.8.106 LE BIG Create Sync to BIS 1 and 2. */
static const uint8_t v_big_create_sync[] = {
    0x00,                                           /* BIG_Handle */
    0x01, 0x00,                                     /* Sync_Handle */
    0x01,                                           /* Encryption */
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, /* Broadcast_Code[0..7] */
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, /* Broadcast_Code[8..15] */
    0x00,                                           /* MSE: any */
    0xc8, 0x00,                                     /* BIG_Sync_Timeout: 200 x 10 ms */
    0x02,                                           /* Num_BIS */
    0x01,                                           /* BIS[0] */
    0x02,                                           /* BIS[1] */
};

/* 7.8.109 LE Setup ISO Data Path: LC3 in the Controller, 48 kHz, 10 ms. */
static const uint8_t v_setup_iso_path[] = {
    0x60, 0x00,                         /* Connection_Handle (a CIS) */
    0x00,                               /* Data_Path_Direction: input (Host to Controller) */
    0x01,                               /* Data_Path_ID: vendor-specific path 1 */
    0x06, 0x00, 0x00, 0x00, 0x00,       /* Codec_ID: LC3 */
    0xa0, 0x0f, 0x00,                   /* Controller_Delay: 4000 us */
    0x06,                               /* Codec_Configuration_Length */
    0x02, 0x01, 0x08, 0x02, 0x02, 0x01, /* Codec_Configuration: 48 kHz; 10 ms frames */
};

/* 7.8.2 LE Read Buffer Size [v2], returned. */
static const uint8_t r_buffer_size_v2[] = {
    0x00,       /* Status */
    0xfb, 0x00, /* LE_ACL_Data_Packet_Length: 251 */
    0x08,       /* Total_Num_LE_ACL_Data_Packets */
    0x36, 0x01, /* ISO_Data_Packet_Length: 310 */
    0x10,       /* Total_Num_ISO_Data_Packets */
};

/* 7.8.97 LE Set CIG Parameters, returned: the two CIS handles. */
static const uint8_t r_set_cig[] = {
    0x00,       /* Status */
    0x01,       /* CIG_ID */
    0x02,       /* CIS_Count */
    0x60, 0x00, /* Connection_Handle[0] */
    0x61, 0x00, /* Connection_Handle[1] */
};

struct vec {
    int ret;        /* 1: a return parameter row */
    unsigned op;    /* opcode */
    const uint8_t *b;
    size_t len;
};
#define VEC(ret, op, v) { ret, op, v, sizeof v }
static const struct vec vecs[] = {
    VEC(0, BLE_HCI_CMD_DISCONNECT, v_disconnect),
    VEC(0, BLE_HCI_CMD_SET_EVENT_MASK, v_event_mask),
    VEC(0, BLE_HCI_CMD_HOST_NUM_COMPLETED_PACKETS, v_host_nocp),
    VEC(1, BLE_HCI_RET_READ_LOCAL_VERSION, r_local_version),
    VEC(1, BLE_HCI_RET_READ_BD_ADDR, r_bd_addr),
    VEC(0, BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS, v_ext_adv_params),
    VEC(0, BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE, v_ext_adv_enable),
    VEC(0, BLE_HCI_CMD_LE_EXT_CREATE_CONN, v_ext_create_conn),
    VEC(0, BLE_HCI_CMD_LE_SET_CIG_PARAMS, v_set_cig),
    VEC(0, BLE_HCI_CMD_LE_CREATE_CIS, v_create_cis),
    VEC(0, BLE_HCI_CMD_LE_CREATE_BIG, v_create_big),
    VEC(0, BLE_HCI_CMD_LE_BIG_CREATE_SYNC, v_big_create_sync),
    VEC(0, BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH, v_setup_iso_path),
    VEC(1, BLE_HCI_RET_LE_READ_BUFFER_SIZE_V2, r_buffer_size_v2),
    VEC(1, BLE_HCI_RET_LE_SET_CIG_PARAMS, r_set_cig),
};
#define NVECS (sizeof vecs / sizeof vecs[0])

static void every_vector_round_trips_byte_exact(void)
{
    size_t i;
    for (i = 0; i < NVECS; i++) {
        union {
            union ble_hci_cmd_params c;
            union ble_hci_ret_params r;
        } u;
        const struct ble_pdu_desc *d =
            vecs[i].ret ? ble_hci_ret_desc(vecs[i].op) : ble_hci_cmd_desc(vecs[i].op);
        check_vector(d, vecs[i].b, vecs[i].len, &u, sizeof u);
    }
}

static void link_and_baseband_fields(void)
{
    struct ble_hci_cmd_disconnect dc;
    struct ble_hci_cmd_set_event_mask em;
    struct ble_hci_cmd_host_num_completed_packets hn;
    struct ble_hci_cmd_host_nocp_entry e;
    uint8_t out[16];
    CHECK_EQ(ble_hci_cmd_disconnect_decode(v_disconnect, sizeof v_disconnect, &dc), BLE_OK);
    CHECK_EQ(dc.connection_handle, 0x40);
    CHECK_EQ(dc.reason, 0x13);
    CHECK_EQ(ble_hci_cmd_set_event_mask_decode(v_event_mask, sizeof v_event_mask, &em), BLE_OK);
    CHECK(em.event_mask == 0x3DBFF807FFFBFFFFull);
    CHECK_EQ(ble_hci_cmd_host_num_completed_packets_decode(v_host_nocp, sizeof v_host_nocp, &hn),
             BLE_OK);
    CHECK_EQ(hn.handles.n, 2);
    CHECK_EQ(ble_arr_get(&hn.handles, &ble_hci_cmd_host_nocp_entry_desc, 1, &e), BLE_OK);
    CHECK_EQ(e.connection_handle, 0x41);
    CHECK_EQ(e.host_num_completed_packets, 1);
    /* encoding from element structs gives the same octets */
    {
        struct ble_hci_cmd_host_nocp_entry items[2];
        items[0].connection_handle = 0x40;
        items[0].host_num_completed_packets = 2;
        items[1].connection_handle = 0x41;
        items[1].host_num_completed_packets = 1;
        hn.handles.n = 2;
        hn.handles.items = items;
        hn.handles.raw = ble_view_make(0, 0);
        CHECK_EQ(ble_hci_cmd_host_num_completed_packets_encode(&hn, out, sizeof out),
                 sizeof v_host_nocp);
        CHECK_MEM(out, v_host_nocp, sizeof v_host_nocp);
    }
}

static void informational_returns(void)
{
    struct ble_hci_ret_read_local_version v;
    struct ble_hci_ret_read_bd_addr a;
    CHECK_EQ(ble_hci_ret_read_local_version_decode(r_local_version, sizeof r_local_version, &v),
             BLE_OK);
    CHECK_EQ(v.status, 0);
    CHECK_EQ(v.hci_version, 0x0e);
    CHECK_EQ(v.hci_subversion, 0x1234);
    CHECK_EQ(v.company_identifier, 0x0059);
    CHECK_EQ(v.lmp_subversion, 0x5678);
    CHECK_EQ(ble_hci_ret_read_bd_addr_decode(r_bd_addr, sizeof r_bd_addr, &a), BLE_OK);
    CHECK_MEM(a.bd_addr, r_bd_addr + 1, 6);
}

static void extended_advertising_fields(void)
{
    struct ble_hci_cmd_le_set_ext_adv_params p;
    struct ble_hci_cmd_le_set_ext_adv_params_v2 p2;
    struct ble_hci_cmd_le_set_ext_adv_enable en;
    struct ble_hci_cmd_ext_adv_set set;
    uint8_t out[64];
    CHECK_EQ(ble_hci_cmd_le_set_ext_adv_params_decode(v_ext_adv_params, sizeof v_ext_adv_params, &p),
             BLE_OK);
    CHECK_EQ(p.advertising_event_properties, 0x0013);
    CHECK_EQ(p.primary_advertising_interval_min, 160);
    CHECK_EQ(p.primary_advertising_interval_max, 240);
    CHECK_EQ(p.own_address_type, 1);
    CHECK_EQ(p.advertising_tx_power, -8);
    CHECK_EQ(p.secondary_advertising_phy, 1);
    /* [v2] is [v1] and two PHY option octets */
    CHECK_EQ(ble_hci_cmd_le_set_ext_adv_params_v2_decode(v_ext_adv_params, sizeof v_ext_adv_params,
                                                         &p2), BLE_ERR_SHORT);
    ble_memcpy(out, v_ext_adv_params, sizeof v_ext_adv_params);
    out[sizeof v_ext_adv_params] = 0x00;
    out[sizeof v_ext_adv_params + 1] = 0x02;
    CHECK_EQ(ble_hci_cmd_le_set_ext_adv_params_v2_decode(out, sizeof v_ext_adv_params + 2, &p2),
             BLE_OK);
    CHECK_EQ(p2.advertising_tx_power, -8);
    CHECK_EQ(p2.secondary_advertising_phy_options, 2);
    /* the intervals are 3 octets: a larger value does not encode */
    p.primary_advertising_interval_max = 0x1000000;
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_hci_cmd_le_set_ext_adv_params_encode(&p, out, sizeof out), BLE_ERR_RANGE);
    CHECK(tt_is_poison(out, sizeof out));

    CHECK_EQ(ble_hci_cmd_le_set_ext_adv_enable_decode(v_ext_adv_enable, sizeof v_ext_adv_enable, &en),
             BLE_OK);
    CHECK_EQ(en.enable, 1);
    CHECK_EQ(en.sets.n, 2);
    CHECK_EQ(ble_arr_get(&en.sets, &ble_hci_cmd_ext_adv_set_desc, 1, &set), BLE_OK);
    CHECK_EQ(set.advertising_handle, 1);
    CHECK_EQ(set.duration, 500);
    CHECK_EQ(set.max_extended_advertising_events, 3);
}

static void extended_create_connection_has_one_block_per_phy(void)
{
    struct ble_hci_cmd_le_ext_create_conn c;
    struct ble_hci_cmd_ext_conn_phy ph, items[2];
    uint8_t out[64];
    CHECK_EQ(ble_hci_cmd_le_ext_create_conn_decode(v_ext_create_conn, sizeof v_ext_create_conn, &c),
             BLE_OK);
    CHECK_EQ(c.initiating_phys, 0x05);
    CHECK_EQ(c.phys.n, 2);
    CHECK(c.phys.raw.p == v_ext_create_conn + 10);
    CHECK_EQ(ble_arr_get(&c.phys, &ble_hci_cmd_ext_conn_phy_desc, 1, &ph), BLE_OK);
    CHECK_EQ(ph.scan_interval, 0x0120);
    CHECK_EQ(ph.supervision_timeout, 200);
    /* one PHY bit less: the second block is trailing */
    ble_memcpy(out, v_ext_create_conn, sizeof v_ext_create_conn);
    out[9] = 0x01;
    CHECK_EQ(ble_hci_cmd_le_ext_create_conn_decode(out, sizeof v_ext_create_conn, &c), BLE_ERR_TRAILING);
    /* encoded from element structs: the count must match the PHY bits */
    CHECK_EQ(ble_hci_cmd_le_ext_create_conn_decode(v_ext_create_conn, sizeof v_ext_create_conn, &c),
             BLE_OK);
    CHECK_EQ(ble_arr_get(&c.phys, &ble_hci_cmd_ext_conn_phy_desc, 0, &items[0]), BLE_OK);
    CHECK_EQ(ble_arr_get(&c.phys, &ble_hci_cmd_ext_conn_phy_desc, 1, &items[1]), BLE_OK);
    c.phys.items = items;
    c.phys.raw = ble_view_make(0, 0);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_hci_cmd_le_ext_create_conn_encode(&c, out, sizeof out), sizeof v_ext_create_conn);
    CHECK_MEM(out, v_ext_create_conn, sizeof v_ext_create_conn);
    c.initiating_phys = 0x07;
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_hci_cmd_le_ext_create_conn_encode(&c, out, sizeof out), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(out, sizeof out));
}

static void iso_commands_and_returns(void)
{
    struct ble_hci_cmd_le_set_cig_params cig;
    struct ble_hci_cmd_cis_config cis;
    struct ble_hci_cmd_le_create_cis cc;
    struct ble_hci_cmd_cis_pair pair;
    struct ble_hci_cmd_le_create_big big;
    struct ble_hci_cmd_le_big_create_sync bs;
    struct ble_hci_cmd_bis_index bis;
    struct ble_hci_cmd_le_setup_iso_data_path dp;
    struct ble_hci_ret_le_read_buffer_size_v2 bsz;
    struct ble_hci_ret_le_set_cig_params rc;
    struct ble_hci_ret_cis_handle h;
    CHECK_EQ(ble_hci_cmd_le_set_cig_params_decode(v_set_cig, sizeof v_set_cig, &cig), BLE_OK);
    CHECK_EQ(cig.cig_id, 1);
    CHECK_EQ(cig.sdu_interval_c_to_p, 10000);
    CHECK_EQ(cig.max_transport_latency_p_to_c, 20);
    CHECK_EQ(cig.cis.n, 2);
    CHECK_EQ(ble_arr_get(&cig.cis, &ble_hci_cmd_cis_config_desc, 1, &cis), BLE_OK);
    CHECK_EQ(cis.cis_id, 1);
    CHECK_EQ(cis.max_sdu_c_to_p, 40);
    CHECK_EQ(cis.max_sdu_p_to_c, 0);
    CHECK_EQ(cis.rtn_c_to_p, 2);
    CHECK_EQ(ble_hci_cmd_le_create_cis_decode(v_create_cis, sizeof v_create_cis, &cc), BLE_OK);
    CHECK_EQ(ble_arr_get(&cc.cis, &ble_hci_cmd_cis_pair_desc, 1, &pair), BLE_OK);
    CHECK_EQ(pair.cis_connection_handle, 0x61);
    CHECK_EQ(pair.acl_connection_handle, 0x41);
    CHECK_EQ(ble_hci_cmd_le_create_big_decode(v_create_big, sizeof v_create_big, &big), BLE_OK);
    CHECK_EQ(big.num_bis, 2);
    CHECK_EQ(big.sdu_interval, 10000);
    CHECK_EQ(big.max_sdu, 100);
    CHECK_EQ(big.encryption, 1);
    CHECK_MEM(big.broadcast_code, v_create_big + 15, 16);
    CHECK_EQ(ble_hci_cmd_le_big_create_sync_decode(v_big_create_sync, sizeof v_big_create_sync, &bs),
             BLE_OK);
    CHECK_EQ(bs.sync_handle, 1);
    CHECK_EQ(bs.big_sync_timeout, 200);
    CHECK_EQ(bs.bis.n, 2);
    CHECK_EQ(ble_arr_get(&bs.bis, &ble_hci_cmd_bis_index_desc, 1, &bis), BLE_OK);
    CHECK_EQ(bis.bis, 2);
    CHECK_EQ(ble_hci_cmd_le_setup_iso_data_path_decode(v_setup_iso_path, sizeof v_setup_iso_path, &dp),
             BLE_OK);
    CHECK_EQ(dp.data_path_id, 1);
    CHECK_EQ(dp.codec_id[0], 0x06);
    CHECK_EQ(dp.controller_delay, 4000);
    CHECK_EQ(dp.codec_configuration.len, 6);
    CHECK(dp.codec_configuration.p == v_setup_iso_path + 13);
    CHECK_EQ(ble_hci_ret_le_read_buffer_size_v2_decode(r_buffer_size_v2, sizeof r_buffer_size_v2, &bsz),
             BLE_OK);
    CHECK_EQ(bsz.le_acl_data_packet_length, 251);
    CHECK_EQ(bsz.total_num_le_acl_data_packets, 8);
    CHECK_EQ(bsz.iso_data_packet_length, 310);
    CHECK_EQ(bsz.total_num_iso_data_packets, 16);
    CHECK_EQ(ble_hci_ret_le_set_cig_params_decode(r_set_cig, sizeof r_set_cig, &rc), BLE_OK);
    CHECK_EQ(rc.cig_id, 1);
    CHECK_EQ(rc.connection_handles.n, 2);
    CHECK_EQ(ble_arr_get(&rc.connection_handles, &ble_hci_ret_cis_handle_desc, 1, &h), BLE_OK);
    CHECK_EQ(h.connection_handle, 0x61);
}

/* A whole command packet: parameters from the table, header from layers/hci.h. */
static void command_packet_round_trip(void)
{
    static const uint8_t want[] = {
        0x0c, 0x20, /* Opcode: LE Set Scan Enable (0x200C) */
        0x02,       /* Parameter_Total_Length */
        0x01,       /* LE_Scan_Enable */
        0x01,       /* Filter_Duplicates */
    };
    struct ble_hci_cmd_le_set_scan_enable se;
    union ble_hci_cmd_params u;
    const struct ble_pdu_desc *d;
    uint8_t params[8], buf[16];
    int n;
    se.le_scan_enable = 1;
    se.filter_duplicates = 1;
    n = ble_hci_cmd_le_set_scan_enable_encode(&se, params, sizeof params);
    CHECK_EQ(n, 2);
    CHECK_EQ(ble_hci_cmd_packet(BLE_HCI_CMD_LE_SET_SCAN_ENABLE, params, (size_t)n, buf, sizeof buf),
             sizeof want);
    CHECK_MEM(buf, want, sizeof want);
    d = ble_hci_cmd_desc(ble_get_le16(buf));
    CHECK(d != 0);
    if (!d)
        return;
    CHECK_EQ(ble_pdu_decode(d, buf + 3, buf[2], &u), BLE_OK);
    CHECK_EQ(u.le_set_scan_enable.le_scan_enable, 1);
    CHECK_EQ(u.le_set_scan_enable.filter_duplicates, 1);
}

static void printer_names_the_reason(void)
{
#if BLE_CFG_NAMES
    struct ble_hci_cmd_disconnect dc;
    char buf[256];
    struct ble_str s;
    CHECK_EQ(ble_hci_cmd_disconnect_decode(v_disconnect, sizeof v_disconnect, &dc), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(ble_hci_cmd_desc(BLE_HCI_CMD_DISCONNECT), &dc, &s, 0);
    CHECK_STR(buf, "connection_handle=0x0040 reason=0x13 (Remote User Terminated Connection)");
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
        /* every Status and Reason parameter names its codes (Vol 1 Part F) */
        if (tt_streq(f->name, "status") || tt_streq(f->name, "reason"))
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
        if (f->kind == BLE_FK_REST || f->kind == BLE_FK_ARRR)
            CHECK(j + 1 == d->nfields);
        if (f->kind == BLE_FK_ARRP)
            CHECK(j > 0 && d->fields[j - 1].kind == BLE_FK_U8);
        if (f->kind == BLE_FK_ARR8 || f->kind == BLE_FK_ARRP || f->kind == BLE_FK_ARRR) {
            const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
            CHECK(e != 0);
            CHECK(e->size <= BLE_CFG_PRINT_ELEM_MAX);
            check_fields_named(e);
            for (k = 0; k < e->nfields; k++)
                CHECK(e->fields[k].kind != BLE_FK_ARR8 && e->fields[k].kind != BLE_FK_ARRP &&
                      e->fields[k].kind != BLE_FK_ARRR && e->fields[k].kind != BLE_FK_REST);
        }
    }
    check_fields_named(d);
}

static void tables_are_sorted_and_found_by_opcode(void)
{
    size_t i;
    for (i = 0; i + 1 < BLE_HCI_CMD_COUNT; i++)
        CHECK(ble_hci_cmd_descs[i]->code < ble_hci_cmd_descs[i + 1]->code);
    for (i = 0; i + 1 < BLE_HCI_RET_COUNT; i++)
        CHECK(ble_hci_ret_descs[i]->code < ble_hci_ret_descs[i + 1]->code);
    for (i = 0; i < BLE_HCI_CMD_COUNT; i++) {
        const struct ble_pdu_desc *d = ble_hci_cmd_descs[i];
        CHECK(ble_hci_cmd_desc(d->code) == d);
        CHECK(BLE_HCI_OGF(d->code) != BLE_HCI_OGF_VENDOR && BLE_HCI_OGF(d->code) != 0);
        check_shape(d);
    }
    for (i = 0; i < BLE_HCI_RET_COUNT; i++) {
        const struct ble_pdu_desc *r = ble_hci_ret_descs[i];
        const struct ble_pdu_desc *c = ble_hci_cmd_desc(r->code);
        CHECK(ble_hci_ret_desc(r->code) == r);
        /* every return row answers a command of the command table, by name */
        CHECK(c != 0);
        if (c)
            CHECK_STR(ble_pdu_name(r), ble_pdu_name(c));
        /* the return parameters start with Status */
        CHECK_EQ(r->fields[0].kind, BLE_FK_U8);
        CHECK(r->fields[0].aux == &ble_hci_status_names);
        check_shape(r);
    }
    CHECK_EQ(BLE_HCI_CMD_COUNT, 179);
    CHECK_EQ(BLE_HCI_RET_COUNT, 148);
    /* commands completed by Command Status have no return row */
    {
        static const uint16_t by_status[] = {
            BLE_HCI_CMD_DISCONNECT, BLE_HCI_CMD_READ_REMOTE_VERSION, BLE_HCI_CMD_LE_CREATE_CONN,
            BLE_HCI_CMD_LE_CONN_UPDATE, BLE_HCI_CMD_LE_READ_REMOTE_FEATURES,
            BLE_HCI_CMD_LE_ENABLE_ENCRYPTION, BLE_HCI_CMD_LE_READ_LOCAL_P256_KEY,
            BLE_HCI_CMD_LE_GENERATE_DHKEY, BLE_HCI_CMD_LE_SET_PHY, BLE_HCI_CMD_LE_EXT_CREATE_CONN,
            BLE_HCI_CMD_LE_PA_CREATE_SYNC, BLE_HCI_CMD_LE_GENERATE_DHKEY_V2,
            BLE_HCI_CMD_LE_CREATE_CIS, BLE_HCI_CMD_LE_ACCEPT_CIS_REQUEST, BLE_HCI_CMD_LE_CREATE_BIG,
            BLE_HCI_CMD_LE_CREATE_BIG_TEST, BLE_HCI_CMD_LE_TERMINATE_BIG,
            BLE_HCI_CMD_LE_BIG_CREATE_SYNC, BLE_HCI_CMD_LE_REQUEST_PEER_SCA,
            BLE_HCI_CMD_LE_READ_REMOTE_TX_POWER_LEVEL, BLE_HCI_CMD_LE_SUBRATE_REQUEST,
            BLE_HCI_CMD_LE_EXT_CREATE_CONN_V2, BLE_HCI_CMD_LE_READ_ALL_REMOTE_FEATURES,
            BLE_HCI_CMD_LE_CS_READ_REMOTE_CAPS, BLE_HCI_CMD_LE_CS_SECURITY_ENABLE,
            BLE_HCI_CMD_LE_CS_READ_REMOTE_FAE_TABLE, BLE_HCI_CMD_LE_CS_CREATE_CONFIG,
            BLE_HCI_CMD_LE_CS_REMOVE_CONFIG, BLE_HCI_CMD_LE_CS_PROCEDURE_ENABLE,
            BLE_HCI_CMD_LE_CS_TEST_END, BLE_HCI_CMD_LE_FRAME_SPACE_UPDATE,
        };
        for (i = 0; i < sizeof by_status / sizeof by_status[0]; i++) {
            CHECK(ble_hci_cmd_desc(by_status[i]) != 0);
            CHECK(ble_hci_ret_desc(by_status[i]) == 0);
        }
    }
    CHECK_EQ(BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS, 0x2036);
    CHECK_EQ(BLE_HCI_CMD_LE_SET_CIG_PARAMS, 0x2062);
    CHECK_EQ(BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH, 0x206E);
    CHECK_EQ(BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS_V2, 0x207F);
    CHECK_EQ(BLE_HCI_CMD_LE_EXT_CREATE_CONN_V2, 0x2085);
    CHECK_EQ(BLE_HCI_CMD_LE_CS_TEST, 0x2095);
    CHECK_EQ(BLE_HCI_CMD_LE_FRAME_SPACE_UPDATE, 0x209D);
    CHECK(ble_hci_cmd_desc(BLE_HCI_OP_NOP) == 0);
    CHECK(ble_hci_cmd_desc(0xFC00) == 0);
    CHECK(ble_hci_ret_desc(BLE_HCI_CMD_DISCONNECT) == 0); /* Command Status */
    CHECK_EQ(BLE_HCI_CMD_RESET, 0x0C03);
    CHECK_EQ(BLE_HCI_RET_RESET, BLE_HCI_CMD_RESET);
    CHECK_EQ(BLE_HCI_OP(0x03, 0x003), BLE_HCI_CMD_RESET);
    CHECK_EQ(BLE_HCI_OGF(BLE_HCI_CMD_READ_BD_ADDR), 0x04);
    CHECK_EQ(BLE_HCI_OCF(BLE_HCI_CMD_READ_BD_ADDR), 0x09);
    CHECK(ble_hci_cmd_desc(BLE_HCI_CMD_RESET) == ble_hci_cmd_descs[BLE_HCI_CMD_IDX_RESET]);
    /* the lookup and the wrappers reach the same per-row objects */
    CHECK(ble_hci_cmd_desc(BLE_HCI_CMD_RESET) == &ble_hci_cmd_reset_desc);
    CHECK(ble_hci_cmd_desc(BLE_HCI_CMD_LE_SET_CIG_PARAMS) == &ble_hci_cmd_le_set_cig_params_desc);
    CHECK(ble_hci_ret_desc(BLE_HCI_RET_LE_SET_CIG_PARAMS) == &ble_hci_ret_le_set_cig_params_desc);
    CHECK(ble_hci_ret_descs[BLE_HCI_RET_IDX_READ_BD_ADDR] == &ble_hci_ret_read_bd_addr_desc);
    CHECK_STR(ble_pdu_name(ble_hci_cmd_desc(BLE_HCI_CMD_RESET)), BLE_CFG_NAMES ? "Reset" : "");
}

void suite_hci_cmd(void)
{
    TT_RUN(every_command_round_trips_and_truncates);
    TT_RUN(every_return_round_trips_and_truncates);
    TT_RUN(every_vector_round_trips_byte_exact);
    TT_RUN(link_and_baseband_fields);
    TT_RUN(informational_returns);
    TT_RUN(extended_advertising_fields);
    TT_RUN(extended_create_connection_has_one_block_per_phy);
    TT_RUN(iso_commands_and_returns);
    TT_RUN(command_packet_round_trip);
    TT_RUN(printer_names_the_reason);
    TT_RUN(tables_are_sorted_and_found_by_opcode);
}
