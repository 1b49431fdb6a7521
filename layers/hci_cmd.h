/* blekit HCI commands: every command an LE host sends, up to Core 6.0, each
 * described once in a table (Core 6.0 Vol 4 Part E 7), and the return
 * parameters of those the Controller completes with HCI_Command_Complete.
 * Two families, both keyed by opcode:
 *   commands           BLE_HCI_CMD_TABLE: P = ble_hci_cmd, the command parameters
 *   return parameters  BLE_HCI_RET_TABLE: P = ble_hci_ret, Command Complete's
 *                      Return_Parameters (after Command_Opcode)
 * A command completed by HCI_Command_Status (Disconnect, LE Create Connection,
 * LE Set PHY, ...) has no return row: its outcome comes in a later event.
 * Building a command packet and reading its completion:
 *
 *     struct ble_hci_cmd_le_set_scan_enable c = { 1, 0 };
 *     uint8_t params[2], pkt[3 + 2];
 *     int n = ble_hci_cmd_le_set_scan_enable_encode(&c, params, sizeof params);
 *     ble_hci_cmd_packet(BLE_HCI_CMD_LE_SET_SCAN_ENABLE, params, (size_t)n,
 *                        pkt, sizeof pkt);              (layers/hci.h)
 *     ...
 *     struct ble_hci_evt_command_complete cc;       (layers/hci_evt.h)
 *     union ble_hci_ret_params r;
 *     const struct ble_pdu_desc *d = ble_hci_ret_desc(cc.command_opcode);
 *     ble_pdu_decode(d, cc.return_parameters.p, cc.return_parameters.len, &r);
 *
 * Arrays whose count octet sits right before their elements are ARR8 fields;
 * the per-PHY blocks of LE Set Extended Scan Parameters and LE Extended Create
 * Connection are ARRP fields (one element per bit of the PHY mask before
 * them). What the table machinery cannot say is commented at the row.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/hci_cmd.h"
#endif

#ifndef BLE_HCI_CMD_H
#define BLE_HCI_CMD_H

#ifdef __cplusplus
extern "C" {
#endif

/* Opcode = OGF (6 bits) << 10 | OCF (10 bits), Vol 4 Part E 5.4.1;
 * BLE_HCI_OP(ogf, ocf) is in layers/hci.h. */
#define BLE_HCI_OGF(op) ((op) >> 10)
#define BLE_HCI_OCF(op) ((op) & 0x3FF)
#define BLE_HCI_OGF_VENDOR 0x3F

/* ---- Commands (Core 6.0 Vol 4 Part E 7.1 .. 7.8) ----------------------------
 * X(opcode, NAME, name, "Spec Name", FIELDS, flags), sorted by opcode. */
#define BLE_HCI_CMD_TABLE(X)                                                                 \
    X(0x0406, DISCONNECT, disconnect, "Disconnect", BLE_HCI_CMD_DISCONNECT_F, 0)             \
    X(0x041D, READ_REMOTE_VERSION, read_remote_version, "Read Remote Version Information",   \
      BLE_HCI_CMD_HANDLE_F, 0)                                                               \
    X(0x0C01, SET_EVENT_MASK, set_event_mask, "Set Event Mask", BLE_HCI_CMD_EVENT_MASK_F, 0) \
    X(0x0C03, RESET, reset, "Reset", BLE_NOFIELDS, 0)                                        \
    X(0x0C2D, READ_TX_POWER_LEVEL, read_tx_power_level, "Read Transmit Power Level",         \
      BLE_HCI_CMD_READ_TX_POWER_LEVEL_F, 0)                                                  \
    X(0x0C31, SET_CTRL_TO_HOST_FLOW_CONTROL, set_ctrl_to_host_flow_control,                  \
      "Set Controller To Host Flow Control", BLE_HCI_CMD_FLOW_CONTROL_F, 0)                  \
    X(0x0C33, HOST_BUFFER_SIZE, host_buffer_size, "Host Buffer Size",                        \
      BLE_HCI_CMD_HOST_BUFFER_SIZE_F, 0)                                                     \
    X(0x0C35, HOST_NUM_COMPLETED_PACKETS, host_num_completed_packets,                        \
      "Host Number Of Completed Packets", BLE_HCI_CMD_HOST_NOCP_F, 0)                        \
    X(0x0C63, SET_EVENT_MASK_PAGE_2, set_event_mask_page_2, "Set Event Mask Page 2",         \
      BLE_HCI_CMD_EVENT_MASK_PAGE_2_F, 0)                                                    \
    X(0x0C6C, READ_LE_HOST_SUPPORT, read_le_host_support, "Read LE Host Support", BLE_NOFIELDS, 0) \
    X(0x0C6D, WRITE_LE_HOST_SUPPORT, write_le_host_support, "Write LE Host Support",         \
      BLE_HCI_CMD_LE_HOST_SUPPORT_F, 0)                                                      \
    X(0x0C7B, READ_AUTH_PAYLOAD_TIMEOUT, read_auth_payload_timeout,                          \
      "Read Authenticated Payload Timeout", BLE_HCI_CMD_HANDLE_F, 0)                         \
    X(0x0C7C, WRITE_AUTH_PAYLOAD_TIMEOUT, write_auth_payload_timeout,                        \
      "Write Authenticated Payload Timeout", BLE_HCI_CMD_AUTH_PAYLOAD_TIMEOUT_F, 0)          \
    X(0x0C83, CONFIGURE_DATA_PATH, configure_data_path, "Configure Data Path",               \
      BLE_HCI_CMD_CONFIGURE_DATA_PATH_F, 0)                                                  \
    X(0x1001, READ_LOCAL_VERSION, read_local_version, "Read Local Version Information",      \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x1002, READ_LOCAL_COMMANDS, read_local_commands, "Read Local Supported Commands",     \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x1003, READ_LOCAL_FEATURES, read_local_features, "Read Local Supported Features",     \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x1005, READ_BUFFER_SIZE, read_buffer_size, "Read Buffer Size", BLE_NOFIELDS, 0)       \
    X(0x1009, READ_BD_ADDR, read_bd_addr, "Read BD_ADDR", BLE_NOFIELDS, 0)                   \
    X(0x100D, READ_LOCAL_CODECS_V2, read_local_codecs_v2, "Read Local Supported Codecs [v2]", \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x100E, READ_LOCAL_CODEC_CAPS, read_local_codec_caps,                                  \
      "Read Local Supported Codec Capabilities", BLE_HCI_CMD_READ_LOCAL_CODEC_CAPS_F, 0)     \
    X(0x100F, READ_LOCAL_CONTROLLER_DELAY, read_local_controller_delay,                      \
      "Read Local Supported Controller Delay", BLE_HCI_CMD_READ_LOCAL_CONTROLLER_DELAY_F, 0) \
    X(0x1405, READ_RSSI, read_rssi, "Read RSSI", BLE_HCI_CMD_HANDLE_F, 0)                    \
    X(0x2001, LE_SET_EVENT_MASK, le_set_event_mask, "LE Set Event Mask", BLE_HCI_CMD_LE_EVENT_MASK_F, 0) \
    X(0x2002, LE_READ_BUFFER_SIZE, le_read_buffer_size, "LE Read Buffer Size [v1]", BLE_NOFIELDS, 0) \
    X(0x2003, LE_READ_LOCAL_FEATURES, le_read_local_features,                                \
      "LE Read Local Supported Features Page 0", BLE_NOFIELDS, 0)                            \
    X(0x2005, LE_SET_RANDOM_ADDRESS, le_set_random_address, "LE Set Random Address",         \
      BLE_HCI_CMD_LE_SET_RANDOM_ADDRESS_F, 0)                                                \
    X(0x2006, LE_SET_ADV_PARAMS, le_set_adv_params, "LE Set Advertising Parameters",         \
      BLE_HCI_CMD_LE_SET_ADV_PARAMS_F, 0)                                                    \
    X(0x2007, LE_READ_ADV_TX_POWER, le_read_adv_tx_power,                                    \
      "LE Read Advertising Physical Channel Tx Power", BLE_NOFIELDS, 0)                      \
    X(0x2008, LE_SET_ADV_DATA, le_set_adv_data, "LE Set Advertising Data", BLE_HCI_CMD_LE_ADV_DATA_F, 0) \
    X(0x2009, LE_SET_SCAN_RSP_DATA, le_set_scan_rsp_data, "LE Set Scan Response Data",       \
      BLE_HCI_CMD_LE_SCAN_RSP_DATA_F, 0)                                                     \
    X(0x200A, LE_SET_ADV_ENABLE, le_set_adv_enable, "LE Set Advertising Enable",             \
      BLE_HCI_CMD_LE_SET_ADV_ENABLE_F, 0)                                                    \
    X(0x200B, LE_SET_SCAN_PARAMS, le_set_scan_params, "LE Set Scan Parameters",              \
      BLE_HCI_CMD_LE_SET_SCAN_PARAMS_F, 0)                                                   \
    X(0x200C, LE_SET_SCAN_ENABLE, le_set_scan_enable, "LE Set Scan Enable",                  \
      BLE_HCI_CMD_LE_SET_SCAN_ENABLE_F, 0)                                                   \
    X(0x200D, LE_CREATE_CONN, le_create_conn, "LE Create Connection", BLE_HCI_CMD_LE_CREATE_CONN_F, 0) \
    X(0x200E, LE_CREATE_CONN_CANCEL, le_create_conn_cancel, "LE Create Connection Cancel",   \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x200F, LE_READ_FAL_SIZE, le_read_fal_size, "LE Read Filter Accept List Size", BLE_NOFIELDS, 0) \
    X(0x2010, LE_CLEAR_FAL, le_clear_fal, "LE Clear Filter Accept List", BLE_NOFIELDS, 0)    \
    X(0x2011, LE_ADD_TO_FAL, le_add_to_fal, "LE Add Device To Filter Accept List",           \
      BLE_HCI_CMD_LE_FAL_DEVICE_F, 0)                                                        \
    X(0x2012, LE_REMOVE_FROM_FAL, le_remove_from_fal, "LE Remove Device From Filter Accept List", \
      BLE_HCI_CMD_LE_FAL_DEVICE_F, 0)                                                        \
    X(0x2013, LE_CONN_UPDATE, le_conn_update, "LE Connection Update", BLE_HCI_CMD_LE_CONN_UPDATE_F, 0) \
    X(0x2014, LE_SET_HOST_CHANNEL_CLASSIFICATION, le_set_host_channel_classification,        \
      "LE Set Host Channel Classification", BLE_HCI_CMD_LE_CHANNEL_MAP_F, 0)                 \
    X(0x2015, LE_READ_CHANNEL_MAP, le_read_channel_map, "LE Read Channel Map", BLE_HCI_CMD_HANDLE_F, 0) \
    X(0x2016, LE_READ_REMOTE_FEATURES, le_read_remote_features,                              \
      "LE Read Remote Features Page 0", BLE_HCI_CMD_HANDLE_F, 0)                             \
    X(0x2017, LE_ENCRYPT, le_encrypt, "LE Encrypt", BLE_HCI_CMD_LE_ENCRYPT_F, 0)             \
    X(0x2018, LE_RAND, le_rand, "LE Rand", BLE_NOFIELDS, 0)                                  \
    X(0x2019, LE_ENABLE_ENCRYPTION, le_enable_encryption, "LE Enable Encryption",            \
      BLE_HCI_CMD_LE_ENABLE_ENCRYPTION_F, 0)                                                 \
    X(0x201A, LE_LTK_REPLY, le_ltk_reply, "LE Long Term Key Request Reply", BLE_HCI_CMD_LE_LTK_REPLY_F, 0) \
    X(0x201B, LE_LTK_NEG_REPLY, le_ltk_neg_reply, "LE Long Term Key Request Negative Reply", \
      BLE_HCI_CMD_HANDLE_F, 0)                                                               \
    X(0x201C, LE_READ_SUPPORTED_STATES, le_read_supported_states, "LE Read Supported States", \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x201D, LE_RECEIVER_TEST, le_receiver_test, "LE Receiver Test [v1]", BLE_HCI_CMD_LE_RX_TEST_F, 0) \
    X(0x201E, LE_TRANSMITTER_TEST, le_transmitter_test, "LE Transmitter Test [v1]",          \
      BLE_HCI_CMD_LE_TX_TEST_F, 0)                                                           \
    X(0x201F, LE_TEST_END, le_test_end, "LE Test End", BLE_NOFIELDS, 0)                      \
    X(0x2020, LE_REMOTE_CONN_PARAM_REPLY, le_remote_conn_param_reply,                        \
      "LE Remote Connection Parameter Request Reply", BLE_HCI_CMD_LE_CONN_UPDATE_F, 0)       \
    X(0x2021, LE_REMOTE_CONN_PARAM_NEG_REPLY, le_remote_conn_param_neg_reply,                \
      "LE Remote Connection Parameter Request Negative Reply", BLE_HCI_CMD_DISCONNECT_F, 0)  \
    X(0x2022, LE_SET_DATA_LENGTH, le_set_data_length, "LE Set Data Length",                  \
      BLE_HCI_CMD_LE_SET_DATA_LENGTH_F, 0)                                                   \
    X(0x2023, LE_READ_DEFAULT_DATA_LENGTH, le_read_default_data_length,                      \
      "LE Read Suggested Default Data Length", BLE_NOFIELDS, 0)                              \
    X(0x2024, LE_WRITE_DEFAULT_DATA_LENGTH, le_write_default_data_length,                    \
      "LE Write Suggested Default Data Length", BLE_HCI_CMD_LE_DEFAULT_DATA_LENGTH_F, 0)     \
    X(0x2025, LE_READ_LOCAL_P256_KEY, le_read_local_p256_key, "LE Read Local P-256 Public Key", \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x2026, LE_GENERATE_DHKEY, le_generate_dhkey, "LE Generate DHKey [v1]",                \
      BLE_HCI_CMD_LE_GENERATE_DHKEY_F, 0)                                                    \
    X(0x2027, LE_ADD_TO_RESOLVING_LIST, le_add_to_resolving_list, "LE Add Device To Resolving List", \
      BLE_HCI_CMD_LE_ADD_TO_RESOLVING_LIST_F, 0)                                             \
    X(0x2028, LE_REMOVE_FROM_RESOLVING_LIST, le_remove_from_resolving_list,                  \
      "LE Remove Device From Resolving List", BLE_HCI_CMD_LE_PEER_IDENTITY_F, 0)             \
    X(0x2029, LE_CLEAR_RESOLVING_LIST, le_clear_resolving_list, "LE Clear Resolving List",   \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x202A, LE_READ_RESOLVING_LIST_SIZE, le_read_resolving_list_size,                      \
      "LE Read Resolving List Size", BLE_NOFIELDS, 0)                                        \
    X(0x202B, LE_READ_PEER_RPA, le_read_peer_rpa, "LE Read Peer Resolvable Address",         \
      BLE_HCI_CMD_LE_PEER_IDENTITY_F, 0)                                                     \
    X(0x202C, LE_READ_LOCAL_RPA, le_read_local_rpa, "LE Read Local Resolvable Address",      \
      BLE_HCI_CMD_LE_PEER_IDENTITY_F, 0)                                                     \
    X(0x202D, LE_SET_ADDR_RESOLUTION_ENABLE, le_set_addr_resolution_enable,                  \
      "LE Set Address Resolution Enable", BLE_HCI_CMD_LE_ADDR_RESOLUTION_ENABLE_F, 0)        \
    X(0x202E, LE_SET_RPA_TIMEOUT, le_set_rpa_timeout, "LE Set Resolvable Private Address Timeout", \
      BLE_HCI_CMD_LE_SET_RPA_TIMEOUT_F, 0)                                                   \
    X(0x202F, LE_READ_MAX_DATA_LENGTH, le_read_max_data_length, "LE Read Maximum Data Length", \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x2030, LE_READ_PHY, le_read_phy, "LE Read PHY", BLE_HCI_CMD_HANDLE_F, 0)              \
    X(0x2031, LE_SET_DEFAULT_PHY, le_set_default_phy, "LE Set Default PHY",                  \
      BLE_HCI_CMD_LE_SET_DEFAULT_PHY_F, 0)                                                   \
    X(0x2032, LE_SET_PHY, le_set_phy, "LE Set PHY", BLE_HCI_CMD_LE_SET_PHY_F, 0)             \
    X(0x2033, LE_RECEIVER_TEST_V2, le_receiver_test_v2, "LE Receiver Test [v2]",             \
      BLE_HCI_CMD_LE_RX_TEST_V2_F, 0)                                                        \
    X(0x2034, LE_TRANSMITTER_TEST_V2, le_transmitter_test_v2, "LE Transmitter Test [v2]",    \
      BLE_HCI_CMD_LE_TX_TEST_V2_F, 0)                                                        \
    X(0x2035, LE_SET_ADV_SET_RANDOM_ADDRESS, le_set_adv_set_random_address,                  \
      "LE Set Advertising Set Random Address", BLE_HCI_CMD_LE_SET_ADV_SET_RANDOM_ADDRESS_F, 0) \
    X(0x2036, LE_SET_EXT_ADV_PARAMS, le_set_ext_adv_params,                                  \
      "LE Set Extended Advertising Parameters [v1]", BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS_F, 0) \
    X(0x2037, LE_SET_EXT_ADV_DATA, le_set_ext_adv_data, "LE Set Extended Advertising Data",  \
      BLE_HCI_CMD_LE_SET_EXT_ADV_DATA_F, 0)                                                  \
    X(0x2038, LE_SET_EXT_SCAN_RSP_DATA, le_set_ext_scan_rsp_data,                            \
      "LE Set Extended Scan Response Data", BLE_HCI_CMD_LE_SET_EXT_SCAN_RSP_DATA_F, 0)       \
    X(0x2039, LE_SET_EXT_ADV_ENABLE, le_set_ext_adv_enable, "LE Set Extended Advertising Enable", \
      BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE_F, 0)                                                \
    X(0x203A, LE_READ_MAX_ADV_DATA_LENGTH, le_read_max_adv_data_length,                      \
      "LE Read Maximum Advertising Data Length", BLE_NOFIELDS, 0)                            \
    X(0x203B, LE_READ_NUM_ADV_SETS, le_read_num_adv_sets,                                    \
      "LE Read Number of Supported Advertising Sets", BLE_NOFIELDS, 0)                       \
    X(0x203C, LE_REMOVE_ADV_SET, le_remove_adv_set, "LE Remove Advertising Set",             \
      BLE_HCI_CMD_ADV_HANDLE_F, 0)                                                           \
    X(0x203D, LE_CLEAR_ADV_SETS, le_clear_adv_sets, "LE Clear Advertising Sets", BLE_NOFIELDS, 0) \
    X(0x203E, LE_SET_PA_PARAMS, le_set_pa_params, "LE Set Periodic Advertising Parameters [v1]", \
      BLE_HCI_CMD_LE_SET_PA_PARAMS_F, 0)                                                     \
    X(0x203F, LE_SET_PA_DATA, le_set_pa_data, "LE Set Periodic Advertising Data",            \
      BLE_HCI_CMD_LE_SET_PA_DATA_F, 0)                                                       \
    X(0x2040, LE_SET_PA_ENABLE, le_set_pa_enable, "LE Set Periodic Advertising Enable",      \
      BLE_HCI_CMD_LE_SET_PA_ENABLE_F, 0)                                                     \
    X(0x2041, LE_SET_EXT_SCAN_PARAMS, le_set_ext_scan_params, "LE Set Extended Scan Parameters", \
      BLE_HCI_CMD_LE_SET_EXT_SCAN_PARAMS_F, 0)                                               \
    X(0x2042, LE_SET_EXT_SCAN_ENABLE, le_set_ext_scan_enable, "LE Set Extended Scan Enable", \
      BLE_HCI_CMD_LE_SET_EXT_SCAN_ENABLE_F, 0)                                               \
    X(0x2043, LE_EXT_CREATE_CONN, le_ext_create_conn, "LE Extended Create Connection [v1]",  \
      BLE_HCI_CMD_LE_EXT_CREATE_CONN_F, 0)                                                   \
    X(0x2044, LE_PA_CREATE_SYNC, le_pa_create_sync, "LE Periodic Advertising Create Sync",   \
      BLE_HCI_CMD_LE_PA_CREATE_SYNC_F, 0)                                                    \
    X(0x2045, LE_PA_CREATE_SYNC_CANCEL, le_pa_create_sync_cancel,                            \
      "LE Periodic Advertising Create Sync Cancel", BLE_NOFIELDS, 0)                         \
    X(0x2046, LE_PA_TERMINATE_SYNC, le_pa_terminate_sync, "LE Periodic Advertising Terminate Sync", \
      BLE_HCI_CMD_SYNC_HANDLE_F, 0)                                                          \
    X(0x2047, LE_ADD_TO_PA_LIST, le_add_to_pa_list, "LE Add Device To Periodic Advertiser List", \
      BLE_HCI_CMD_LE_PA_LIST_DEVICE_F, 0)                                                    \
    X(0x2048, LE_REMOVE_FROM_PA_LIST, le_remove_from_pa_list,                                \
      "LE Remove Device From Periodic Advertiser List", BLE_HCI_CMD_LE_PA_LIST_DEVICE_F, 0)  \
    X(0x2049, LE_CLEAR_PA_LIST, le_clear_pa_list, "LE Clear Periodic Advertiser List",       \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x204A, LE_READ_PA_LIST_SIZE, le_read_pa_list_size, "LE Read Periodic Advertiser List Size", \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x204B, LE_READ_TX_POWER, le_read_tx_power, "LE Read Transmit Power", BLE_NOFIELDS, 0) \
    X(0x204C, LE_READ_RF_PATH_COMPENSATION, le_read_rf_path_compensation,                    \
      "LE Read RF Path Compensation", BLE_NOFIELDS, 0)                                       \
    X(0x204D, LE_WRITE_RF_PATH_COMPENSATION, le_write_rf_path_compensation,                  \
      "LE Write RF Path Compensation", BLE_HCI_CMD_LE_RF_PATH_COMPENSATION_F, 0)             \
    X(0x204E, LE_SET_PRIVACY_MODE, le_set_privacy_mode, "LE Set Privacy Mode",               \
      BLE_HCI_CMD_LE_SET_PRIVACY_MODE_F, 0)                                                  \
    X(0x204F, LE_RECEIVER_TEST_V3, le_receiver_test_v3, "LE Receiver Test [v3]",             \
      BLE_HCI_CMD_LE_RX_TEST_V3_F, 0)                                                        \
    X(0x2050, LE_TRANSMITTER_TEST_V3, le_transmitter_test_v3, "LE Transmitter Test [v3]",    \
      BLE_HCI_CMD_LE_TX_TEST_V3_F, 0)                                                        \
    X(0x2051, LE_SET_CONNLESS_CTE_TX_PARAMS, le_set_connless_cte_tx_params,                  \
      "LE Set Connectionless CTE Transmit Parameters", BLE_HCI_CMD_LE_SET_CONNLESS_CTE_TX_PARAMS_F, 0) \
    X(0x2052, LE_SET_CONNLESS_CTE_TX_ENABLE, le_set_connless_cte_tx_enable,                  \
      "LE Set Connectionless CTE Transmit Enable", BLE_HCI_CMD_LE_SET_CONNLESS_CTE_TX_ENABLE_F, 0) \
    X(0x2053, LE_SET_CONNLESS_IQ_SAMPLING_ENABLE, le_set_connless_iq_sampling_enable,        \
      "LE Set Connectionless IQ Sampling Enable", BLE_HCI_CMD_LE_SET_CONNLESS_IQ_SAMPLING_F, 0) \
    X(0x2054, LE_SET_CONN_CTE_RX_PARAMS, le_set_conn_cte_rx_params,                          \
      "LE Set Connection CTE Receive Parameters", BLE_HCI_CMD_LE_SET_CONN_CTE_RX_PARAMS_F, 0) \
    X(0x2055, LE_SET_CONN_CTE_TX_PARAMS, le_set_conn_cte_tx_params,                          \
      "LE Set Connection CTE Transmit Parameters", BLE_HCI_CMD_LE_SET_CONN_CTE_TX_PARAMS_F, 0) \
    X(0x2056, LE_CONN_CTE_REQUEST_ENABLE, le_conn_cte_request_enable,                        \
      "LE Connection CTE Request Enable", BLE_HCI_CMD_LE_CONN_CTE_REQUEST_ENABLE_F, 0)       \
    X(0x2057, LE_CONN_CTE_RESPONSE_ENABLE, le_conn_cte_response_enable,                      \
      "LE Connection CTE Response Enable", BLE_HCI_CMD_HANDLE_ENABLE_F, 0)                   \
    X(0x2058, LE_READ_ANTENNA_INFO, le_read_antenna_info, "LE Read Antenna Information",     \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x2059, LE_SET_PA_RECEIVE_ENABLE, le_set_pa_receive_enable,                            \
      "LE Set Periodic Advertising Receive Enable", BLE_HCI_CMD_LE_SET_PA_RECEIVE_ENABLE_F, 0) \
    X(0x205A, LE_PA_SYNC_TRANSFER, le_pa_sync_transfer, "LE Periodic Advertising Sync Transfer", \
      BLE_HCI_CMD_LE_PA_SYNC_TRANSFER_F, 0)                                                  \
    X(0x205B, LE_PA_SET_INFO_TRANSFER, le_pa_set_info_transfer,                              \
      "LE Periodic Advertising Set Info Transfer", BLE_HCI_CMD_LE_PA_SET_INFO_TRANSFER_F, 0) \
    X(0x205C, LE_SET_PAST_PARAMS, le_set_past_params,                                        \
      "LE Set Periodic Advertising Sync Transfer Parameters", BLE_HCI_CMD_LE_SET_PAST_PARAMS_F, 0) \
    X(0x205D, LE_SET_DEFAULT_PAST_PARAMS, le_set_default_past_params,                        \
      "LE Set Default Periodic Advertising Sync Transfer Parameters",                        \
      BLE_HCI_CMD_LE_SET_DEFAULT_PAST_PARAMS_F, 0)                                           \
    X(0x205E, LE_GENERATE_DHKEY_V2, le_generate_dhkey_v2, "LE Generate DHKey [v2]",          \
      BLE_HCI_CMD_LE_GENERATE_DHKEY_V2_F, 0)                                                 \
    X(0x205F, LE_MODIFY_SCA, le_modify_sca, "LE Modify Sleep Clock Accuracy",                \
      BLE_HCI_CMD_LE_MODIFY_SCA_F, 0)                                                        \
    X(0x2060, LE_READ_BUFFER_SIZE_V2, le_read_buffer_size_v2, "LE Read Buffer Size [v2]",    \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x2061, LE_READ_ISO_TX_SYNC, le_read_iso_tx_sync, "LE Read ISO TX Sync", BLE_HCI_CMD_HANDLE_F, 0) \
    X(0x2062, LE_SET_CIG_PARAMS, le_set_cig_params, "LE Set CIG Parameters",                 \
      BLE_HCI_CMD_LE_SET_CIG_PARAMS_F, 0)                                                    \
    X(0x2063, LE_SET_CIG_PARAMS_TEST, le_set_cig_params_test, "LE Set CIG Parameters Test",  \
      BLE_HCI_CMD_LE_SET_CIG_PARAMS_TEST_F, 0)                                               \
    X(0x2064, LE_CREATE_CIS, le_create_cis, "LE Create CIS", BLE_HCI_CMD_LE_CREATE_CIS_F, 0) \
    X(0x2065, LE_REMOVE_CIG, le_remove_cig, "LE Remove CIG", BLE_HCI_CMD_CIG_ID_F, 0)        \
    X(0x2066, LE_ACCEPT_CIS_REQUEST, le_accept_cis_request, "LE Accept CIS Request",         \
      BLE_HCI_CMD_HANDLE_F, 0)                                                               \
    X(0x2067, LE_REJECT_CIS_REQUEST, le_reject_cis_request, "LE Reject CIS Request",         \
      BLE_HCI_CMD_DISCONNECT_F, 0)                                                           \
    X(0x2068, LE_CREATE_BIG, le_create_big, "LE Create BIG", BLE_HCI_CMD_LE_CREATE_BIG_F, 0) \
    X(0x2069, LE_CREATE_BIG_TEST, le_create_big_test, "LE Create BIG Test",                  \
      BLE_HCI_CMD_LE_CREATE_BIG_TEST_F, 0)                                                   \
    X(0x206A, LE_TERMINATE_BIG, le_terminate_big, "LE Terminate BIG", BLE_HCI_CMD_LE_TERMINATE_BIG_F, 0) \
    X(0x206B, LE_BIG_CREATE_SYNC, le_big_create_sync, "LE BIG Create Sync",                  \
      BLE_HCI_CMD_LE_BIG_CREATE_SYNC_F, 0)                                                   \
    X(0x206C, LE_BIG_TERMINATE_SYNC, le_big_terminate_sync, "LE BIG Terminate Sync",         \
      BLE_HCI_CMD_BIG_HANDLE_F, 0)                                                           \
    X(0x206D, LE_REQUEST_PEER_SCA, le_request_peer_sca, "LE Request Peer SCA", BLE_HCI_CMD_HANDLE_F, 0) \
    X(0x206E, LE_SETUP_ISO_DATA_PATH, le_setup_iso_data_path, "LE Setup ISO Data Path",      \
      BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH_F, 0)                                               \
    X(0x206F, LE_REMOVE_ISO_DATA_PATH, le_remove_iso_data_path, "LE Remove ISO Data Path",   \
      BLE_HCI_CMD_LE_REMOVE_ISO_DATA_PATH_F, 0)                                              \
    X(0x2070, LE_ISO_TRANSMIT_TEST, le_iso_transmit_test, "LE ISO Transmit Test",            \
      BLE_HCI_CMD_LE_ISO_TEST_F, 0)                                                          \
    X(0x2071, LE_ISO_RECEIVE_TEST, le_iso_receive_test, "LE ISO Receive Test",               \
      BLE_HCI_CMD_LE_ISO_TEST_F, 0)                                                          \
    X(0x2072, LE_ISO_READ_TEST_COUNTERS, le_iso_read_test_counters, "LE ISO Read Test Counters", \
      BLE_HCI_CMD_HANDLE_F, 0)                                                               \
    X(0x2073, LE_ISO_TEST_END, le_iso_test_end, "LE ISO Test End", BLE_HCI_CMD_HANDLE_F, 0)  \
    X(0x2074, LE_SET_HOST_FEATURE, le_set_host_feature, "LE Set Host Feature [v1]",          \
      BLE_HCI_CMD_LE_SET_HOST_FEATURE_F, 0)                                                  \
    X(0x2075, LE_READ_ISO_LINK_QUALITY, le_read_iso_link_quality, "LE Read ISO Link Quality", \
      BLE_HCI_CMD_HANDLE_F, 0)                                                               \
    X(0x2076, LE_ENH_READ_TX_POWER_LEVEL, le_enh_read_tx_power_level,                        \
      "LE Enhanced Read Transmit Power Level", BLE_HCI_CMD_HANDLE_PHY_F, 0)                  \
    X(0x2077, LE_READ_REMOTE_TX_POWER_LEVEL, le_read_remote_tx_power_level,                  \
      "LE Read Remote Transmit Power Level", BLE_HCI_CMD_HANDLE_PHY_F, 0)                    \
    X(0x2078, LE_SET_PATH_LOSS_REPORTING_PARAMS, le_set_path_loss_reporting_params,          \
      "LE Set Path Loss Reporting Parameters", BLE_HCI_CMD_LE_PATH_LOSS_PARAMS_F, 0)         \
    X(0x2079, LE_SET_PATH_LOSS_REPORTING_ENABLE, le_set_path_loss_reporting_enable,          \
      "LE Set Path Loss Reporting Enable", BLE_HCI_CMD_HANDLE_ENABLE_F, 0)                   \
    X(0x207A, LE_SET_TX_POWER_REPORTING_ENABLE, le_set_tx_power_reporting_enable,            \
      "LE Set Transmit Power Reporting Enable", BLE_HCI_CMD_LE_TX_POWER_REPORTING_F, 0)      \
    X(0x207B, LE_TRANSMITTER_TEST_V4, le_transmitter_test_v4, "LE Transmitter Test [v4]",    \
      BLE_HCI_CMD_LE_TX_TEST_V4_F, 0)                                                        \
    X(0x207C, LE_SET_DATA_RELATED_ADDR_CHANGES, le_set_data_related_addr_changes,            \
      "LE Set Data Related Address Changes", BLE_HCI_CMD_LE_DATA_RELATED_ADDR_CHANGES_F, 0)  \
    X(0x207D, LE_SET_DEFAULT_SUBRATE, le_set_default_subrate, "LE Set Default Subrate",      \
      BLE_HCI_CMD_LE_SUBRATE_F, 0)                                                           \
    X(0x207E, LE_SUBRATE_REQUEST, le_subrate_request, "LE Subrate Request",                  \
      BLE_HCI_CMD_LE_SUBRATE_REQUEST_F, 0)                                                   \
    X(0x207F, LE_SET_EXT_ADV_PARAMS_V2, le_set_ext_adv_params_v2,                            \
      "LE Set Extended Advertising Parameters [v2]", BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS_V2_F, 0) \
    X(0x2080, LE_SET_DECISION_DATA, le_set_decision_data, "LE Set Decision Data",            \
      BLE_HCI_CMD_LE_SET_DECISION_DATA_F, 0)                                                 \
    X(0x2081, LE_SET_DECISION_INSTRUCTIONS, le_set_decision_instructions,                    \
      "LE Set Decision Instructions", BLE_HCI_CMD_LE_SET_DECISION_INSTRUCTIONS_F, 0)         \
    X(0x2082, LE_SET_PA_SUBEVENT_DATA, le_set_pa_subevent_data,                              \
      "LE Set Periodic Advertising Subevent Data", BLE_HCI_CMD_LE_SET_PA_SUBEVENT_DATA_F, 0) \
    X(0x2083, LE_SET_PA_RESPONSE_DATA, le_set_pa_response_data,                              \
      "LE Set Periodic Advertising Response Data", BLE_HCI_CMD_LE_SET_PA_RESPONSE_DATA_F, 0) \
    X(0x2084, LE_SET_PERIODIC_SYNC_SUBEVENT, le_set_periodic_sync_subevent,                  \
      "LE Set Periodic Sync Subevent", BLE_HCI_CMD_LE_SET_PERIODIC_SYNC_SUBEVENT_F, 0)       \
    X(0x2085, LE_EXT_CREATE_CONN_V2, le_ext_create_conn_v2, "LE Extended Create Connection [v2]", \
      BLE_HCI_CMD_LE_EXT_CREATE_CONN_V2_F, 0)                                                \
    X(0x2086, LE_SET_PA_PARAMS_V2, le_set_pa_params_v2,                                      \
      "LE Set Periodic Advertising Parameters [v2]", BLE_HCI_CMD_LE_SET_PA_PARAMS_V2_F, 0)   \
    X(0x2087, LE_READ_ALL_LOCAL_FEATURES, le_read_all_local_features,                        \
      "LE Read All Local Supported Features", BLE_NOFIELDS, 0)                               \
    X(0x2088, LE_READ_ALL_REMOTE_FEATURES, le_read_all_remote_features,                      \
      "LE Read All Remote Features", BLE_HCI_CMD_LE_READ_ALL_REMOTE_FEATURES_F, 0)           \
    X(0x2089, LE_CS_READ_LOCAL_CAPS, le_cs_read_local_caps,                                  \
      "LE CS Read Local Supported Capabilities", BLE_NOFIELDS, 0)                            \
    X(0x208A, LE_CS_READ_REMOTE_CAPS, le_cs_read_remote_caps,                                \
      "LE CS Read Remote Supported Capabilities", BLE_HCI_CMD_HANDLE_F, 0)                   \
    X(0x208B, LE_CS_WRITE_CACHED_REMOTE_CAPS, le_cs_write_cached_remote_caps,                \
      "LE CS Write Cached Remote Supported Capabilities", BLE_HCI_CMD_LE_CS_WRITE_REMOTE_CAPS_F, 0) \
    X(0x208C, LE_CS_SECURITY_ENABLE, le_cs_security_enable, "LE CS Security Enable",         \
      BLE_HCI_CMD_HANDLE_F, 0)                                                               \
    X(0x208D, LE_CS_SET_DEFAULT_SETTINGS, le_cs_set_default_settings, "LE CS Set Default Settings", \
      BLE_HCI_CMD_LE_CS_SET_DEFAULT_SETTINGS_F, 0)                                           \
    X(0x208E, LE_CS_READ_REMOTE_FAE_TABLE, le_cs_read_remote_fae_table,                      \
      "LE CS Read Remote FAE Table", BLE_HCI_CMD_HANDLE_F, 0)                                \
    X(0x208F, LE_CS_WRITE_CACHED_REMOTE_FAE_TABLE, le_cs_write_cached_remote_fae_table,      \
      "LE CS Write Cached Remote FAE Table", BLE_HCI_CMD_LE_CS_WRITE_REMOTE_FAE_F, 0)        \
    X(0x2090, LE_CS_CREATE_CONFIG, le_cs_create_config, "LE CS Create Config",               \
      BLE_HCI_CMD_LE_CS_CREATE_CONFIG_F, 0)                                                  \
    X(0x2091, LE_CS_REMOVE_CONFIG, le_cs_remove_config, "LE CS Remove Config",               \
      BLE_HCI_CMD_LE_CS_REMOVE_CONFIG_F, 0)                                                  \
    X(0x2092, LE_CS_SET_CHANNEL_CLASSIFICATION, le_cs_set_channel_classification,            \
      "LE CS Set Channel Classification", BLE_HCI_CMD_LE_CS_CHANNEL_CLASSIFICATION_F, 0)     \
    X(0x2093, LE_CS_SET_PROCEDURE_PARAMS, le_cs_set_procedure_params,                        \
      "LE CS Set Procedure Parameters", BLE_HCI_CMD_LE_CS_SET_PROCEDURE_PARAMS_F, 0)         \
    X(0x2094, LE_CS_PROCEDURE_ENABLE, le_cs_procedure_enable, "LE CS Procedure Enable",      \
      BLE_HCI_CMD_LE_CS_PROCEDURE_ENABLE_F, 0)                                               \
    X(0x2095, LE_CS_TEST, le_cs_test, "LE CS Test", BLE_HCI_CMD_LE_CS_TEST_F, 0)             \
    X(0x2096, LE_CS_TEST_END, le_cs_test_end, "LE CS Test End", BLE_NOFIELDS, 0)             \
    X(0x2097, LE_SET_HOST_FEATURE_V2, le_set_host_feature_v2, "LE Set Host Feature [v2]",    \
      BLE_HCI_CMD_LE_SET_HOST_FEATURE_V2_F, 0)                                               \
    X(0x2098, LE_ADD_TO_MONITORED_ADVERTISERS, le_add_to_monitored_advertisers,              \
      "LE Add Device To Monitored Advertisers List", BLE_HCI_CMD_LE_ADD_MONITORED_F, 0)      \
    X(0x2099, LE_REMOVE_FROM_MONITORED_ADVERTISERS, le_remove_from_monitored_advertisers,    \
      "LE Remove Device From Monitored Advertisers List", BLE_HCI_CMD_LE_FAL_DEVICE_F, 0)    \
    X(0x209A, LE_CLEAR_MONITORED_ADVERTISERS, le_clear_monitored_advertisers,                \
      "LE Clear Monitored Advertisers List", BLE_NOFIELDS, 0)                                \
    X(0x209B, LE_READ_MONITORED_ADVERTISERS_SIZE, le_read_monitored_advertisers_size,        \
      "LE Read Monitored Advertisers List Size", BLE_NOFIELDS, 0)                            \
    X(0x209C, LE_ENABLE_MONITORING_ADVERTISERS, le_enable_monitoring_advertisers,            \
      "LE Enable Monitoring Advertisers", BLE_HCI_CMD_ENABLE_F, 0)                           \
    X(0x209D, LE_FRAME_SPACE_UPDATE, le_frame_space_update, "LE Frame Space Update",         \
      BLE_HCI_CMD_LE_FRAME_SPACE_UPDATE_F, 0)

/* Shapes several commands share. */
#define BLE_HCI_CMD_HANDLE_F(F, S) F(S, U16, connection_handle, 0)

/* 7.1.6 */
#define BLE_HCI_CMD_DISCONNECT_F(F, S)                                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, reason, &ble_hci_status_names)

/* 7.3.1: one bit per event (bit 61: LE Meta). */
#define BLE_HCI_CMD_EVENT_MASK_F(F, S) F(S, U64, event_mask, 0)

/* 7.3.35: Type 0x00 current, 0x01 maximum. */
#define BLE_HCI_CMD_READ_TX_POWER_LEVEL_F(F, S)                                              \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, type, 0)

/* 7.3.38: 0x00 off, 0x01 ACL on, 0x02 synchronous on, 0x03 both. */
#define BLE_HCI_CMD_FLOW_CONTROL_F(F, S) F(S, U8, flow_control_enable, 0)

/* 7.3.39 */
#define BLE_HCI_CMD_HOST_BUFFER_SIZE_F(F, S)                                                 \
    F(S, U16, host_acl_data_packet_length, 0)                                                \
    F(S, U8, host_synchronous_data_packet_length, 0)                                         \
    F(S, U16, host_total_num_acl_data_packets, 0)                                            \
    F(S, U16, host_total_num_synchronous_data_packets, 0)

/* 7.3.40: Num_Handles, then {Connection_Handle, Host_Num_Completed_Packets}
 * per handle, interleaved. */
#define BLE_HCI_CMD_HOST_NOCP_ENTRY_F(F, S)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, host_num_completed_packets, 0)
#define BLE_HCI_CMD_HOST_NOCP_F(F, S) F(S, ARR8, handles, ble_hci_cmd_host_nocp_entry_desc)

/* 7.3.69 */
#define BLE_HCI_CMD_EVENT_MASK_PAGE_2_F(F, S) F(S, U64, event_mask_page_2, 0)

/* 7.3.79: the second octet (Simultaneous_LE_Host before Core 5.1) is unused. */
#define BLE_HCI_CMD_LE_HOST_SUPPORT_F(F, S)                                                  \
    F(S, U8, le_supported_host, 0)                                                           \
    F(S, U8, unused, 0)

/* 7.3.94: in units of 10 ms. */
#define BLE_HCI_CMD_AUTH_PAYLOAD_TIMEOUT_F(F, S)                                             \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, authenticated_payload_timeout, 0)

/* 7.8.1 */
#define BLE_HCI_CMD_LE_EVENT_MASK_F(F, S) F(S, U64, le_event_mask, 0)

/* 7.8.4 */
#define BLE_HCI_CMD_LE_SET_RANDOM_ADDRESS_F(F, S) F(S, ADDR, random_address, 0)

/* 7.8.5: intervals in 0.625 ms units. */
#define BLE_HCI_CMD_LE_SET_ADV_PARAMS_F(F, S)                                                \
    F(S, U16, advertising_interval_min, 0)                                                   \
    F(S, U16, advertising_interval_max, 0)                                                   \
    F(S, U8, advertising_type, 0)                                                            \
    F(S, U8, own_address_type, 0)                                                            \
    F(S, U8, peer_address_type, 0)                                                           \
    F(S, ADDR, peer_address, 0)                                                              \
    F(S, U8, advertising_channel_map, 0)                                                     \
    F(S, U8, advertising_filter_policy, 0)

/* 7.8.7 and 7.8.8: the parameter is always 31 octets long whatever the
 * length says (the octets past it are padding), so the length and the
 * 31 octets are separate fields rather than one LV8. */
#define BLE_HCI_CMD_LE_ADV_DATA_F(F, S)                                                      \
    F(S, U8, advertising_data_length, 0)                                                     \
    F(S, BYTES, advertising_data, 31)
#define BLE_HCI_CMD_LE_SCAN_RSP_DATA_F(F, S)                                                 \
    F(S, U8, scan_response_data_length, 0)                                                   \
    F(S, BYTES, scan_response_data, 31)

/* 7.8.9 */
#define BLE_HCI_CMD_LE_SET_ADV_ENABLE_F(F, S) F(S, U8, advertising_enable, 0)

/* 7.8.10: interval and window in 0.625 ms units. */
#define BLE_HCI_CMD_LE_SET_SCAN_PARAMS_F(F, S)                                               \
    F(S, U8, le_scan_type, 0)                                                                \
    F(S, U16, le_scan_interval, 0)                                                           \
    F(S, U16, le_scan_window, 0)                                                             \
    F(S, U8, own_address_type, 0)                                                            \
    F(S, U8, scanning_filter_policy, 0)

/* 7.8.11 */
#define BLE_HCI_CMD_LE_SET_SCAN_ENABLE_F(F, S)                                               \
    F(S, U8, le_scan_enable, 0)                                                              \
    F(S, U8, filter_duplicates, 0)

/* 7.8.12: intervals in 1.25 ms units, timeout in 10 ms, CE lengths in 0.625 ms. */
#define BLE_HCI_CMD_LE_CREATE_CONN_F(F, S)                                                   \
    F(S, U16, le_scan_interval, 0)                                                           \
    F(S, U16, le_scan_window, 0)                                                             \
    F(S, U8, initiator_filter_policy, 0)                                                     \
    F(S, U8, peer_address_type, 0)                                                           \
    F(S, ADDR, peer_address, 0)                                                              \
    F(S, U8, own_address_type, 0)                                                            \
    F(S, U16, connection_interval_min, 0)                                                    \
    F(S, U16, connection_interval_max, 0)                                                    \
    F(S, U16, max_latency, 0)                                                                \
    F(S, U16, supervision_timeout, 0)                                                        \
    F(S, U16, min_ce_length, 0)                                                              \
    F(S, U16, max_ce_length, 0)

/* 7.8.16 and 7.8.17 */
#define BLE_HCI_CMD_LE_FAL_DEVICE_F(F, S)                                                    \
    F(S, U8, address_type, 0)                                                                \
    F(S, ADDR, address, 0)

/* 7.8.18 LE Connection Update; 7.8.31 LE Remote Connection Parameter Request
 * Reply has the same parameters (named Interval_Min ... Timeout there). */
#define BLE_HCI_CMD_LE_CONN_UPDATE_F(F, S)                                                   \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, connection_interval_min, 0)                                                    \
    F(S, U16, connection_interval_max, 0)                                                    \
    F(S, U16, max_latency, 0)                                                                \
    F(S, U16, supervision_timeout, 0)                                                        \
    F(S, U16, min_ce_length, 0)                                                              \
    F(S, U16, max_ce_length, 0)

/* 7.8.19: one bit per data channel 0..36. */
#define BLE_HCI_CMD_LE_CHANNEL_MAP_F(F, S) F(S, BYTES, channel_map, 5)

/* 7.8.22: AES-128 of one block. */
#define BLE_HCI_CMD_LE_ENCRYPT_F(F, S)                                                       \
    F(S, BYTES, key, 16)                                                                     \
    F(S, BYTES, plaintext_data, 16)

/* 7.8.24 */
#define BLE_HCI_CMD_LE_ENABLE_ENCRYPTION_F(F, S)                                             \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U64, random_number, 0)                                                              \
    F(S, U16, encrypted_diversifier, 0)                                                      \
    F(S, BYTES, long_term_key, 16)

/* 7.8.25 */
#define BLE_HCI_CMD_LE_LTK_REPLY_F(F, S)                                                     \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, BYTES, long_term_key, 16)

/* 7.8.28 [v1]: RX channel (f = 2402 + 2k MHz). */
#define BLE_HCI_CMD_LE_RX_TEST_F(F, S) F(S, U8, rx_channel, 0)

/* 7.8.29 [v1] */
#define BLE_HCI_CMD_LE_TX_TEST_F(F, S)                                                       \
    F(S, U8, tx_channel, 0)                                                                  \
    F(S, U8, test_data_length, 0)                                                            \
    F(S, U8, packet_payload, 0)

/* 7.8.33 */
#define BLE_HCI_CMD_LE_SET_DATA_LENGTH_F(F, S)                                               \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, tx_octets, 0)                                                                  \
    F(S, U16, tx_time, 0)

/* 7.8.35 */
#define BLE_HCI_CMD_LE_DEFAULT_DATA_LENGTH_F(F, S)                                           \
    F(S, U16, suggested_max_tx_octets, 0)                                                    \
    F(S, U16, suggested_max_tx_time, 0)

/* 7.8.37 [v1]: the remote public key's X then Y coordinate. */
#define BLE_HCI_CMD_LE_GENERATE_DHKEY_F(F, S)                                                \
    F(S, BYTES, key_x_coordinate, 32)                                                        \
    F(S, BYTES, key_y_coordinate, 32)

/* 7.8.38 */
#define BLE_HCI_CMD_LE_ADD_TO_RESOLVING_LIST_F(F, S)                                         \
    F(S, U8, peer_identity_address_type, 0)                                                  \
    F(S, ADDR, peer_identity_address, 0)                                                     \
    F(S, BYTES, peer_irk, 16)                                                                \
    F(S, BYTES, local_irk, 16)

/* 7.8.39, 7.8.42, 7.8.43 */
#define BLE_HCI_CMD_LE_PEER_IDENTITY_F(F, S)                                                 \
    F(S, U8, peer_identity_address_type, 0)                                                  \
    F(S, ADDR, peer_identity_address, 0)

/* 7.8.44 */
#define BLE_HCI_CMD_LE_ADDR_RESOLUTION_ENABLE_F(F, S) F(S, U8, address_resolution_enable, 0)

/* 7.8.45: in seconds. */
#define BLE_HCI_CMD_LE_SET_RPA_TIMEOUT_F(F, S) F(S, U16, rpa_timeout, 0)

/* 7.8.48: PHY bit masks (bit 0 LE 1M, bit 1 LE 2M, bit 2 LE Coded). */
#define BLE_HCI_CMD_LE_SET_DEFAULT_PHY_F(F, S)                                               \
    F(S, U8, all_phys, 0)                                                                    \
    F(S, U8, tx_phys, 0)                                                                     \
    F(S, U8, rx_phys, 0)

/* 7.8.49 */
#define BLE_HCI_CMD_LE_SET_PHY_F(F, S)                                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, all_phys, 0)                                                                    \
    F(S, U8, tx_phys, 0)                                                                     \
    F(S, U8, rx_phys, 0)                                                                     \
    F(S, U16, phy_options, 0)

/* 7.8.50 [v2] */
#define BLE_HCI_CMD_LE_RX_TEST_V2_F(F, S)                                                    \
    F(S, U8, rx_channel, 0)                                                                  \
    F(S, U8, phy, 0)                                                                         \
    F(S, U8, modulation_index, 0)

/* 7.8.51 [v2] */
#define BLE_HCI_CMD_LE_TX_TEST_V2_F(F, S)                                                    \
    F(S, U8, tx_channel, 0)                                                                  \
    F(S, U8, test_data_length, 0)                                                            \
    F(S, U8, packet_payload, 0)                                                              \
    F(S, U8, phy, 0)

/* Advertising_Handle alone (7.8.59 LE Remove Advertising Set, ...). */
#define BLE_HCI_CMD_ADV_HANDLE_F(F, S) F(S, U8, advertising_handle, 0)
/* Sync_Handle alone (7.8.69 LE Periodic Advertising Terminate Sync). */
#define BLE_HCI_CMD_SYNC_HANDLE_F(F, S) F(S, U16, sync_handle, 0)
/* A Connection_Handle and an on/off octet. */
#define BLE_HCI_CMD_HANDLE_ENABLE_F(F, S)                                                    \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, enable, 0)

/* 7.8.52 */
#define BLE_HCI_CMD_LE_SET_ADV_SET_RANDOM_ADDRESS_F(F, S)                                    \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, ADDR, random_address, 0)

/* 7.8.53 [v1]: Advertising_Event_Properties is a bit field (connectable,
 * scannable, directed, high duty, legacy, anonymous, include TX power);
 * the primary intervals are 3 octets in 0.625 ms units; TX power in dBm
 * (127: no preference). */
#define BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS_F(F, S)                                            \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U16, advertising_event_properties, 0)                                               \
    F(S, U24, primary_advertising_interval_min, 0)                                           \
    F(S, U24, primary_advertising_interval_max, 0)                                           \
    F(S, U8, primary_advertising_channel_map, 0)                                             \
    F(S, U8, own_address_type, 0)                                                            \
    F(S, U8, peer_address_type, 0)                                                           \
    F(S, ADDR, peer_address, 0)                                                              \
    F(S, U8, advertising_filter_policy, 0)                                                   \
    F(S, S8, advertising_tx_power, 0)                                                        \
    F(S, U8, primary_advertising_phy, 0)                                                     \
    F(S, U8, secondary_advertising_max_skip, 0)                                              \
    F(S, U8, secondary_advertising_phy, 0)                                                   \
    F(S, U8, advertising_sid, 0)                                                             \
    F(S, U8, scan_request_notification_enable, 0)

/* 7.8.54 and 7.8.55: Operation (0 intermediate, 1 first, 2 last, 3 complete,
 * 4 unchanged data), then the data with its length octet. */
#define BLE_HCI_CMD_LE_SET_EXT_ADV_DATA_F(F, S)                                              \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, operation, 0)                                                                   \
    F(S, U8, fragment_preference, 0)                                                         \
    F(S, LV8, advertising_data, 0)
#define BLE_HCI_CMD_LE_SET_EXT_SCAN_RSP_DATA_F(F, S)                                         \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, operation, 0)                                                                   \
    F(S, U8, fragment_preference, 0)                                                         \
    F(S, LV8, scan_response_data, 0)

/* 7.8.56: Num_Sets, then per set its handle, Duration (10 ms units, 0: none)
 * and Max_Extended_Advertising_Events, interleaved; Num_Sets 0 with Enable
 * 0 stops every set. */
#define BLE_HCI_CMD_EXT_ADV_SET_F(F, S)                                                      \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U16, duration, 0)                                                                   \
    F(S, U8, max_extended_advertising_events, 0)
#define BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE_F(F, S)                                            \
    F(S, U8, enable, 0)                                                                      \
    F(S, ARR8, sets, ble_hci_cmd_ext_adv_set_desc)

/* 7.8.61 [v1]: intervals in 1.25 ms units. */
#define BLE_HCI_CMD_LE_SET_PA_PARAMS_F(F, S)                                                 \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U16, periodic_advertising_interval_min, 0)                                          \
    F(S, U16, periodic_advertising_interval_max, 0)                                          \
    F(S, U16, periodic_advertising_properties, 0)

/* 7.8.62 */
#define BLE_HCI_CMD_LE_SET_PA_DATA_F(F, S)                                                   \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, operation, 0)                                                                   \
    F(S, LV8, advertising_data, 0)

/* 7.8.63: Enable bit 0 enables, bit 1 includes the ADI. */
#define BLE_HCI_CMD_LE_SET_PA_ENABLE_F(F, S)                                                 \
    F(S, U8, enable, 0)                                                                      \
    F(S, U8, advertising_handle, 0)

/* 7.8.64: one {Scan_Type, Scan_Interval, Scan_Window} per bit of
 * Scanning_PHYs (bit 0 LE 1M, bit 2 LE Coded), in bit order. */
#define BLE_HCI_CMD_EXT_SCAN_PHY_F(F, S)                                                     \
    F(S, U8, scan_type, 0)                                                                   \
    F(S, U16, scan_interval, 0)                                                              \
    F(S, U16, scan_window, 0)
#define BLE_HCI_CMD_LE_SET_EXT_SCAN_PARAMS_F(F, S)                                           \
    F(S, U8, own_address_type, 0)                                                            \
    F(S, U8, scanning_filter_policy, 0)                                                      \
    F(S, U8, scanning_phys, 0)                                                               \
    F(S, ARRP, phys, ble_hci_cmd_ext_scan_phy_desc)

/* 7.8.65: Duration in 10 ms units, Period in 1.28 s units. */
#define BLE_HCI_CMD_LE_SET_EXT_SCAN_ENABLE_F(F, S)                                           \
    F(S, U8, enable, 0)                                                                      \
    F(S, U8, filter_duplicates, 0)                                                           \
    F(S, U16, duration, 0)                                                                   \
    F(S, U16, period, 0)

/* 7.8.66 [v1]: one parameter block per bit of Initiating_PHYs (bit 0 LE 1M,
 * bit 1 LE 2M, bit 2 LE Coded), in bit order. */
#define BLE_HCI_CMD_EXT_CONN_PHY_F(F, S)                                                     \
    F(S, U16, scan_interval, 0)                                                              \
    F(S, U16, scan_window, 0)                                                                \
    F(S, U16, connection_interval_min, 0)                                                    \
    F(S, U16, connection_interval_max, 0)                                                    \
    F(S, U16, max_latency, 0)                                                                \
    F(S, U16, supervision_timeout, 0)                                                        \
    F(S, U16, min_ce_length, 0)                                                              \
    F(S, U16, max_ce_length, 0)
#define BLE_HCI_CMD_LE_EXT_CREATE_CONN_F(F, S)                                               \
    F(S, U8, initiator_filter_policy, 0)                                                     \
    F(S, U8, own_address_type, 0)                                                            \
    F(S, U8, peer_address_type, 0)                                                           \
    F(S, ADDR, peer_address, 0)                                                              \
    F(S, U8, initiating_phys, 0)                                                             \
    F(S, ARRP, phys, ble_hci_cmd_ext_conn_phy_desc)

/* 7.8.67: Skip in periodic events, Sync_Timeout in 10 ms units. */
#define BLE_HCI_CMD_LE_PA_CREATE_SYNC_F(F, S)                                                \
    F(S, U8, options, 0)                                                                     \
    F(S, U8, advertising_sid, 0)                                                             \
    F(S, U8, advertiser_address_type, 0)                                                     \
    F(S, ADDR, advertiser_address, 0)                                                        \
    F(S, U16, skip, 0)                                                                       \
    F(S, U16, sync_timeout, 0)                                                               \
    F(S, U8, sync_cte_type, 0)

/* 7.8.70 and 7.8.71 */
#define BLE_HCI_CMD_LE_PA_LIST_DEVICE_F(F, S)                                                \
    F(S, U8, advertiser_address_type, 0)                                                     \
    F(S, ADDR, advertiser_address, 0)                                                        \
    F(S, U8, advertising_sid, 0)

/* 7.8.76: signed, in 0.1 dB units. */
#define BLE_HCI_CMD_LE_RF_PATH_COMPENSATION_F(F, S)                                          \
    F(S, S16, rf_tx_path_compensation_value, 0)                                              \
    F(S, S16, rf_rx_path_compensation_value, 0)

/* 7.8.77: 0x00 network privacy, 0x01 device privacy. */
#define BLE_HCI_CMD_LE_SET_PRIVACY_MODE_F(F, S)                                              \
    F(S, U8, peer_identity_address_type, 0)                                                  \
    F(S, ADDR, peer_identity_address, 0)                                                     \
    F(S, U8, privacy_mode, 0)

/* 7.8.28 [v3]: Switching_Pattern_Length, then one Antenna_ID per slot. */
#define BLE_HCI_CMD_LE_RX_TEST_V3_F(F, S)                                                    \
    F(S, U8, rx_channel, 0)                                                                  \
    F(S, U8, phy, 0)                                                                         \
    F(S, U8, modulation_index, 0)                                                            \
    F(S, U8, expected_cte_length, 0)                                                         \
    F(S, U8, expected_cte_type, 0)                                                           \
    F(S, U8, slot_durations, 0)                                                              \
    F(S, LV8, antenna_ids, 0)

/* 7.8.29 [v3] */
#define BLE_HCI_CMD_LE_TX_TEST_V3_F(F, S)                                                    \
    F(S, U8, tx_channel, 0)                                                                  \
    F(S, U8, test_data_length, 0)                                                            \
    F(S, U8, packet_payload, 0)                                                              \
    F(S, U8, phy, 0)                                                                         \
    F(S, U8, cte_length, 0)                                                                  \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, LV8, antenna_ids, 0)

/* 7.8.80: CTE_Length in 8 us units. */
#define BLE_HCI_CMD_LE_SET_CONNLESS_CTE_TX_PARAMS_F(F, S)                                    \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, cte_length, 0)                                                                  \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, U8, cte_count, 0)                                                                   \
    F(S, LV8, antenna_ids, 0)

/* 7.8.81 */
#define BLE_HCI_CMD_LE_SET_CONNLESS_CTE_TX_ENABLE_F(F, S)                                    \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, cte_enable, 0)

/* 7.8.82 */
#define BLE_HCI_CMD_LE_SET_CONNLESS_IQ_SAMPLING_F(F, S)                                      \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, sampling_enable, 0)                                                             \
    F(S, U8, slot_durations, 0)                                                              \
    F(S, U8, max_sampled_ctes, 0)                                                            \
    F(S, LV8, antenna_ids, 0)

/* 7.8.83 */
#define BLE_HCI_CMD_LE_SET_CONN_CTE_RX_PARAMS_F(F, S)                                        \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, sampling_enable, 0)                                                             \
    F(S, U8, slot_durations, 0)                                                              \
    F(S, LV8, antenna_ids, 0)

/* 7.8.84 */
#define BLE_HCI_CMD_LE_SET_CONN_CTE_TX_PARAMS_F(F, S)                                        \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, cte_types, 0)                                                                   \
    F(S, LV8, antenna_ids, 0)

/* 7.8.85 */
#define BLE_HCI_CMD_LE_CONN_CTE_REQUEST_ENABLE_F(F, S)                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, enable, 0)                                                                      \
    F(S, U16, cte_request_interval, 0)                                                       \
    F(S, U8, requested_cte_length, 0)                                                        \
    F(S, U8, requested_cte_type, 0)

/* 7.8.88 */
#define BLE_HCI_CMD_LE_SET_PA_RECEIVE_ENABLE_F(F, S)                                         \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, enable, 0)

/* 7.8.89 */
#define BLE_HCI_CMD_LE_PA_SYNC_TRANSFER_F(F, S)                                              \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, service_data, 0)                                                               \
    F(S, U16, sync_handle, 0)

/* 7.8.90 */
#define BLE_HCI_CMD_LE_PA_SET_INFO_TRANSFER_F(F, S)                                          \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, service_data, 0)                                                               \
    F(S, U8, advertising_handle, 0)

/* 7.8.91 */
#define BLE_HCI_CMD_LE_SET_PAST_PARAMS_F(F, S)                                               \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, mode, 0)                                                                        \
    F(S, U16, skip, 0)                                                                       \
    F(S, U16, sync_timeout, 0)                                                               \
    F(S, U8, cte_type, 0)

/* 7.8.92 */
#define BLE_HCI_CMD_LE_SET_DEFAULT_PAST_PARAMS_F(F, S)                                       \
    F(S, U8, mode, 0)                                                                        \
    F(S, U16, skip, 0)                                                                       \
    F(S, U16, sync_timeout, 0)                                                               \
    F(S, U8, cte_type, 0)

/* 7.8.93 [v2]: Key_Type 0x00 the generated private key, 0x01 the debug key. */
#define BLE_HCI_CMD_LE_GENERATE_DHKEY_V2_F(F, S)                                             \
    F(S, BYTES, key_x_coordinate, 32)                                                        \
    F(S, BYTES, key_y_coordinate, 32)                                                        \
    F(S, U8, key_type, 0)

/* 7.8.94: 0x00 more accurate, 0x01 less accurate. */
#define BLE_HCI_CMD_LE_MODIFY_SCA_F(F, S) F(S, U8, action, 0)

/* CIG_ID alone (7.8.100 LE Remove CIG). */
#define BLE_HCI_CMD_CIG_ID_F(F, S) F(S, U8, cig_id, 0)
/* BIG_Handle alone (7.8.107 LE BIG Terminate Sync). */
#define BLE_HCI_CMD_BIG_HANDLE_F(F, S) F(S, U8, big_handle, 0)
/* A Connection_Handle and a PHY (7.8.117, 7.8.118). */
#define BLE_HCI_CMD_HANDLE_PHY_F(F, S)                                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, phy, 0)

/* 7.8.97: SDU intervals in microseconds (3 octets), latencies in ms; then
 * CIS_Count and one configuration per CIS, interleaved. */
#define BLE_HCI_CMD_CIS_CONFIG_F(F, S)                                                       \
    F(S, U8, cis_id, 0)                                                                      \
    F(S, U16, max_sdu_c_to_p, 0)                                                             \
    F(S, U16, max_sdu_p_to_c, 0)                                                             \
    F(S, U8, phy_c_to_p, 0)                                                                  \
    F(S, U8, phy_p_to_c, 0)                                                                  \
    F(S, U8, rtn_c_to_p, 0)                                                                  \
    F(S, U8, rtn_p_to_c, 0)
#define BLE_HCI_CMD_LE_SET_CIG_PARAMS_F(F, S)                                                \
    F(S, U8, cig_id, 0)                                                                      \
    F(S, U24, sdu_interval_c_to_p, 0)                                                        \
    F(S, U24, sdu_interval_p_to_c, 0)                                                        \
    F(S, U8, worst_case_sca, 0)                                                              \
    F(S, U8, packing, 0)                                                                     \
    F(S, U8, framing, 0)                                                                     \
    F(S, U16, max_transport_latency_c_to_p, 0)                                               \
    F(S, U16, max_transport_latency_p_to_c, 0)                                               \
    F(S, ARR8, cis, ble_hci_cmd_cis_config_desc)

/* 7.8.98 */
#define BLE_HCI_CMD_CIS_CONFIG_TEST_F(F, S)                                                  \
    F(S, U8, cis_id, 0)                                                                      \
    F(S, U8, nse, 0)                                                                         \
    F(S, U16, max_sdu_c_to_p, 0)                                                             \
    F(S, U16, max_sdu_p_to_c, 0)                                                             \
    F(S, U16, max_pdu_c_to_p, 0)                                                             \
    F(S, U16, max_pdu_p_to_c, 0)                                                             \
    F(S, U8, phy_c_to_p, 0)                                                                  \
    F(S, U8, phy_p_to_c, 0)                                                                  \
    F(S, U8, bn_c_to_p, 0)                                                                   \
    F(S, U8, bn_p_to_c, 0)
#define BLE_HCI_CMD_LE_SET_CIG_PARAMS_TEST_F(F, S)                                           \
    F(S, U8, cig_id, 0)                                                                      \
    F(S, U24, sdu_interval_c_to_p, 0)                                                        \
    F(S, U24, sdu_interval_p_to_c, 0)                                                        \
    F(S, U8, ft_c_to_p, 0)                                                                   \
    F(S, U8, ft_p_to_c, 0)                                                                   \
    F(S, U16, iso_interval, 0)                                                               \
    F(S, U8, worst_case_sca, 0)                                                              \
    F(S, U8, packing, 0)                                                                     \
    F(S, U8, framing, 0)                                                                     \
    F(S, ARR8, cis, ble_hci_cmd_cis_config_test_desc)

/* 7.8.99: CIS_Count, then {CIS_Connection_Handle, ACL_Connection_Handle}
 * per CIS, interleaved. */
#define BLE_HCI_CMD_CIS_PAIR_F(F, S)                                                         \
    F(S, U16, cis_connection_handle, 0)                                                      \
    F(S, U16, acl_connection_handle, 0)
#define BLE_HCI_CMD_LE_CREATE_CIS_F(F, S) F(S, ARR8, cis, ble_hci_cmd_cis_pair_desc)

/* 7.8.103: SDU_Interval in microseconds (3 octets), latency in ms. */
#define BLE_HCI_CMD_LE_CREATE_BIG_F(F, S)                                                    \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, num_bis, 0)                                                                     \
    F(S, U24, sdu_interval, 0)                                                               \
    F(S, U16, max_sdu, 0)                                                                    \
    F(S, U16, max_transport_latency, 0)                                                      \
    F(S, U8, rtn, 0)                                                                         \
    F(S, U8, phy, 0)                                                                         \
    F(S, U8, packing, 0)                                                                     \
    F(S, U8, framing, 0)                                                                     \
    F(S, U8, encryption, 0)                                                                  \
    F(S, BYTES, broadcast_code, 16)

/* 7.8.104 */
#define BLE_HCI_CMD_LE_CREATE_BIG_TEST_F(F, S)                                               \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, num_bis, 0)                                                                     \
    F(S, U24, sdu_interval, 0)                                                               \
    F(S, U16, iso_interval, 0)                                                               \
    F(S, U8, nse, 0)                                                                         \
    F(S, U16, max_sdu, 0)                                                                    \
    F(S, U16, max_pdu, 0)                                                                    \
    F(S, U8, phy, 0)                                                                         \
    F(S, U8, packing, 0)                                                                     \
    F(S, U8, framing, 0)                                                                     \
    F(S, U8, bn, 0)                                                                          \
    F(S, U8, irc, 0)                                                                         \
    F(S, U8, pto, 0)                                                                         \
    F(S, U8, encryption, 0)                                                                  \
    F(S, BYTES, broadcast_code, 16)

/* 7.8.105 */
#define BLE_HCI_CMD_LE_TERMINATE_BIG_F(F, S)                                                 \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U8, reason, &ble_hci_status_names)

/* 7.8.106: Num_BIS, then one BIS index (1..31) per BIS; BIG_Sync_Timeout in
 * 10 ms units. */
#define BLE_HCI_CMD_BIS_INDEX_F(F, S) F(S, U8, bis, 0)
#define BLE_HCI_CMD_LE_BIG_CREATE_SYNC_F(F, S)                                               \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, encryption, 0)                                                                  \
    F(S, BYTES, broadcast_code, 16)                                                          \
    F(S, U8, mse, 0)                                                                         \
    F(S, U16, big_sync_timeout, 0)                                                           \
    F(S, ARR8, bis, ble_hci_cmd_bis_index_desc)

/* 7.8.109: Codec_ID is Coding_Format, Company_ID, Vendor-defined codec ID;
 * Controller_Delay in microseconds (3 octets). */
#define BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH_F(F, S)                                           \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, data_path_direction, 0)                                                         \
    F(S, U8, data_path_id, 0)                                                                \
    F(S, BYTES, codec_id, 5)                                                                 \
    F(S, U24, controller_delay, 0)                                                           \
    F(S, LV8, codec_configuration, 0)

/* 7.8.110: bit 0 input (Host to Controller), bit 1 output. */
#define BLE_HCI_CMD_LE_REMOVE_ISO_DATA_PATH_F(F, S)                                          \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, data_path_direction, 0)

/* 7.8.111 and 7.8.112 */
#define BLE_HCI_CMD_LE_ISO_TEST_F(F, S)                                                      \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, payload_type, 0)

/* 7.8.115 [v1] */
#define BLE_HCI_CMD_LE_SET_HOST_FEATURE_F(F, S)                                              \
    F(S, U8, bit_number, 0)                                                                  \
    F(S, U8, bit_value, 0)

/* 7.8.119: thresholds and hystereses in dB, Min_Time_Spent in connection events. */
#define BLE_HCI_CMD_LE_PATH_LOSS_PARAMS_F(F, S)                                              \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, high_threshold, 0)                                                              \
    F(S, U8, high_hysteresis, 0)                                                             \
    F(S, U8, low_threshold, 0)                                                               \
    F(S, U8, low_hysteresis, 0)                                                              \
    F(S, U16, min_time_spent, 0)

/* 7.8.121 */
#define BLE_HCI_CMD_LE_TX_POWER_REPORTING_F(F, S)                                            \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, local_enable, 0)                                                                \
    F(S, U8, remote_enable, 0)

/* 7.8.29 [v4]: the [v3] parameters, then TX_Power_Level (dBm; 0x7E minimum,
 * 0x7F maximum). */
#define BLE_HCI_CMD_LE_TX_TEST_V4_F(F, S)                                                    \
    BLE_HCI_CMD_LE_TX_TEST_V3_F(F, S)                                                        \
    F(S, S8, tx_power_level, 0)

/* 7.8.122 */
#define BLE_HCI_CMD_LE_DATA_RELATED_ADDR_CHANGES_F(F, S)                                     \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, change_reasons, 0)

/* 7.8.123: Supervision_Timeout in 10 ms units. */
#define BLE_HCI_CMD_LE_SUBRATE_F(F, S)                                                       \
    F(S, U16, subrate_min, 0)                                                                \
    F(S, U16, subrate_max, 0)                                                                \
    F(S, U16, max_latency, 0)                                                                \
    F(S, U16, continuation_number, 0)                                                        \
    F(S, U16, supervision_timeout, 0)

/* 7.8.124 */
#define BLE_HCI_CMD_LE_SUBRATE_REQUEST_F(F, S)                                               \
    F(S, U16, connection_handle, 0)                                                          \
    BLE_HCI_CMD_LE_SUBRATE_F(F, S)

/* 7.8.53 [v2]: the [v1] parameters, then the PHY options (coding preferred
 * on LE Coded) of the primary and the secondary channel. */
#define BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS_V2_F(F, S)                                         \
    BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS_F(F, S)                                                \
    F(S, U8, primary_advertising_phy_options, 0)                                             \
    F(S, U8, secondary_advertising_phy_options, 0)

/* An on/off octet alone. */
#define BLE_HCI_CMD_ENABLE_F(F, S) F(S, U8, enable, 0)

/* 7.8.125: Decision_Type_Flags bit 0: a Resolvable Tag is present. */
#define BLE_HCI_CMD_LE_SET_DECISION_DATA_F(F, S)                                             \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, decision_type_flags, 0)                                                         \
    F(S, LV8, decision_data, 0)

/* 7.8.126: Num_Tests, then per test its flags, the field tested and 16
 * octets of test parameters, interleaved. */
#define BLE_HCI_CMD_DECISION_TEST_F(F, S)                                                    \
    F(S, U8, test_flags, 0)                                                                  \
    F(S, U8, test_field, 0)                                                                  \
    F(S, BYTES, test_parameters, 16)
#define BLE_HCI_CMD_LE_SET_DECISION_INSTRUCTIONS_F(F, S)                                     \
    F(S, ARR8, tests, ble_hci_cmd_decision_test_desc)

/* 7.8.127: Num_Subevents, then per subevent its number, response slots and
 * data (with its length octet), interleaved. */
#define BLE_HCI_CMD_PA_SUBEVENT_DATA_F(F, S)                                                 \
    F(S, U8, subevent, 0)                                                                    \
    F(S, U8, response_slot_start, 0)                                                         \
    F(S, U8, response_slot_count, 0)                                                         \
    F(S, LV8, subevent_data, 0)
#define BLE_HCI_CMD_LE_SET_PA_SUBEVENT_DATA_F(F, S)                                          \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, ARR8, subevents, ble_hci_cmd_pa_subevent_data_desc)

/* 7.8.128 */
#define BLE_HCI_CMD_LE_SET_PA_RESPONSE_DATA_F(F, S)                                          \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U16, request_event, 0)                                                              \
    F(S, U8, request_subevent, 0)                                                            \
    F(S, U8, response_subevent, 0)                                                           \
    F(S, U8, response_slot, 0)                                                               \
    F(S, LV8, response_data, 0)

/* 7.8.129: Num_Subevents, then one subevent number each. */
#define BLE_HCI_CMD_SUBEVENT_F(F, S) F(S, U8, subevent, 0)
#define BLE_HCI_CMD_LE_SET_PERIODIC_SYNC_SUBEVENT_F(F, S)                                    \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U16, periodic_advertising_properties, 0)                                            \
    F(S, ARR8, subevents, ble_hci_cmd_subevent_desc)

/* 7.8.66 [v2]: the PAwR advertising set and subevent to connect through
 * (0xFF: none), then the [v1] parameters. */
#define BLE_HCI_CMD_LE_EXT_CREATE_CONN_V2_F(F, S)                                            \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, subevent, 0)                                                                    \
    BLE_HCI_CMD_LE_EXT_CREATE_CONN_F(F, S)

/* 7.8.61 [v2]: the [v1] parameters, then the PAwR subevents and response
 * slots (all 0 without responses). */
#define BLE_HCI_CMD_LE_SET_PA_PARAMS_V2_F(F, S)                                              \
    BLE_HCI_CMD_LE_SET_PA_PARAMS_F(F, S)                                                     \
    F(S, U8, num_subevents, 0)                                                               \
    F(S, U8, subevent_interval, 0)                                                           \
    F(S, U8, response_slot_delay, 0)                                                         \
    F(S, U8, response_slot_spacing, 0)                                                       \
    F(S, U8, num_response_slots, 0)

/* LE Read All Remote Features: the highest feature page wanted. */
#define BLE_HCI_CMD_LE_READ_ALL_REMOTE_FEATURES_F(F, S)                                      \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, pages_requested, 0)

/* The Channel Sounding capabilities (7.8.130 returned, 7.8.132 written). */
#define BLE_HCI_CMD_CS_CAPS_F(F, S)                                                          \
    F(S, U8, num_config_supported, 0)                                                        \
    F(S, U16, max_consecutive_procedures_supported, 0)                                       \
    F(S, U8, num_antennas_supported, 0)                                                      \
    F(S, U8, max_antenna_paths_supported, 0)                                                 \
    F(S, U8, roles_supported, 0)                                                             \
    F(S, U8, modes_supported, 0)                                                             \
    F(S, U8, rtt_capability, 0)                                                              \
    F(S, U8, rtt_aa_only_n, 0)                                                               \
    F(S, U8, rtt_sounding_n, 0)                                                              \
    F(S, U8, rtt_random_payload_n, 0)                                                        \
    F(S, U16, nadm_sounding_capability, 0)                                                   \
    F(S, U16, nadm_random_capability, 0)                                                     \
    F(S, U8, cs_sync_phys_supported, 0)                                                      \
    F(S, U16, subfeatures_supported, 0)                                                      \
    F(S, U16, t_ip1_times_supported, 0)                                                      \
    F(S, U16, t_ip2_times_supported, 0)                                                      \
    F(S, U16, t_fcs_times_supported, 0)                                                      \
    F(S, U16, t_pm_times_supported, 0)                                                       \
    F(S, U8, t_sw_time_supported, 0)                                                         \
    F(S, U8, tx_snr_capability, 0)
#define BLE_HCI_CMD_LE_CS_WRITE_REMOTE_CAPS_F(F, S)                                          \
    F(S, U16, connection_handle, 0)                                                          \
    BLE_HCI_CMD_CS_CAPS_F(F, S)

/* LE CS Set Default Settings: Max_TX_Power in dBm. */
#define BLE_HCI_CMD_LE_CS_SET_DEFAULT_SETTINGS_F(F, S)                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, role_enable, 0)                                                                 \
    F(S, U8, cs_sync_antenna_selection, 0)                                                   \
    F(S, S8, max_tx_power, 0)

/* LE CS Write Cached Remote FAE Table: 72 signed octets, one per channel, in
 * 0.01 ppm. */
#define BLE_HCI_CMD_LE_CS_WRITE_REMOTE_FAE_F(F, S)                                           \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, BYTES, remote_fae_table, 72)

/* LE CS Create Config: Channel_Map one bit per CS channel 0..78. */
#define BLE_HCI_CMD_LE_CS_CREATE_CONFIG_F(F, S)                                              \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U8, create_context, 0)                                                              \
    F(S, U8, main_mode_type, 0)                                                              \
    F(S, U8, sub_mode_type, 0)                                                               \
    F(S, U8, min_main_mode_steps, 0)                                                         \
    F(S, U8, max_main_mode_steps, 0)                                                         \
    F(S, U8, main_mode_repetition, 0)                                                        \
    F(S, U8, mode_0_steps, 0)                                                                \
    F(S, U8, role, 0)                                                                        \
    F(S, U8, rtt_type, 0)                                                                    \
    F(S, U8, cs_sync_phy, 0)                                                                 \
    F(S, BYTES, channel_map, 10)                                                             \
    F(S, U8, channel_map_repetition, 0)                                                      \
    F(S, U8, channel_selection_type, 0)                                                      \
    F(S, U8, ch3c_shape, 0)                                                                  \
    F(S, U8, ch3c_jump, 0)                                                                   \
    F(S, U8, reserved, 0)

/* LE CS Remove Config */
#define BLE_HCI_CMD_LE_CS_REMOVE_CONFIG_F(F, S)                                              \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)

/* LE CS Set Channel Classification: one bit per CS channel. */
#define BLE_HCI_CMD_LE_CS_CHANNEL_CLASSIFICATION_F(F, S) F(S, BYTES, channel_classification, 10)

/* LE CS Set Procedure Parameters: subevent lengths in microseconds (3
 * octets), Tx_Power_Delta signed in dB (0x80: no preference). */
#define BLE_HCI_CMD_LE_CS_SET_PROCEDURE_PARAMS_F(F, S)                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U16, max_procedure_len, 0)                                                          \
    F(S, U16, min_procedure_interval, 0)                                                     \
    F(S, U16, max_procedure_interval, 0)                                                     \
    F(S, U16, max_procedure_count, 0)                                                        \
    F(S, U24, min_subevent_len, 0)                                                           \
    F(S, U24, max_subevent_len, 0)                                                           \
    F(S, U8, tone_antenna_config_selection, 0)                                               \
    F(S, U8, phy, 0)                                                                         \
    F(S, S8, tx_power_delta, 0)                                                              \
    F(S, U8, preferred_peer_antenna, 0)                                                      \
    F(S, U8, snr_control_initiator, 0)                                                       \
    F(S, U8, snr_control_reflector, 0)

/* LE CS Procedure Enable */
#define BLE_HCI_CMD_LE_CS_PROCEDURE_ENABLE_F(F, S)                                           \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U8, enable, 0)

/* LE CS Test: the override parameters' layout depends on the bits of
 * Override_Config, so they stay one length-prefixed view. */
#define BLE_HCI_CMD_LE_CS_TEST_F(F, S)                                                       \
    F(S, U8, main_mode_type, 0)                                                              \
    F(S, U8, sub_mode_type, 0)                                                               \
    F(S, U8, main_mode_repetition, 0)                                                        \
    F(S, U8, mode_0_steps, 0)                                                                \
    F(S, U8, role, 0)                                                                        \
    F(S, U8, rtt_type, 0)                                                                    \
    F(S, U8, cs_sync_phy, 0)                                                                 \
    F(S, U8, cs_sync_antenna_selection, 0)                                                   \
    F(S, U24, subevent_len, 0)                                                               \
    F(S, U16, subevent_interval, 0)                                                          \
    F(S, U8, max_num_subevents, 0)                                                           \
    F(S, S8, transmit_power_level, 0)                                                        \
    F(S, U8, t_ip1_time, 0)                                                                  \
    F(S, U8, t_ip2_time, 0)                                                                  \
    F(S, U8, t_fcs_time, 0)                                                                  \
    F(S, U8, t_pm_time, 0)                                                                   \
    F(S, U8, t_sw_time, 0)                                                                   \
    F(S, U8, tone_antenna_config_selection, 0)                                               \
    F(S, U8, reserved, 0)                                                                    \
    F(S, U8, snr_control_initiator, 0)                                                       \
    F(S, U8, snr_control_reflector, 0)                                                       \
    F(S, U16, drbg_nonce, 0)                                                                 \
    F(S, U8, channel_map_repetition, 0)                                                      \
    F(S, U16, override_config, 0)                                                            \
    F(S, LV8, override_parameters_data, 0)

/* LE Set Host Feature [v2]: a 2-octet bit number (Core 6.0 feature pages). */
#define BLE_HCI_CMD_LE_SET_HOST_FEATURE_V2_F(F, S)                                           \
    F(S, U16, bit_number, 0)                                                                 \
    F(S, U8, bit_value, 0)

/* LE Add Device To Monitored Advertisers List: thresholds in dBm, Timeout in
 * seconds. */
#define BLE_HCI_CMD_LE_ADD_MONITORED_F(F, S)                                                 \
    F(S, U8, address_type, 0)                                                                \
    F(S, ADDR, address, 0)                                                                   \
    F(S, S8, rssi_threshold_low, 0)                                                          \
    F(S, S8, rssi_threshold_high, 0)                                                         \
    F(S, U8, timeout, 0)

/* LE Frame Space Update: frame spaces in microseconds; Spacing_Types a bit
 * field of 2 octets, as in the LE Frame Space Update Complete event. */
#define BLE_HCI_CMD_LE_FRAME_SPACE_UPDATE_F(F, S)                                            \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, frame_space_min, 0)                                                            \
    F(S, U16, frame_space_max, 0)                                                            \
    F(S, U8, phys, 0)                                                                        \
    F(S, U16, spacing_types, 0)

/* 7.3.101: the vendor-specific configuration of a data path, with its
 * length octet. */
#define BLE_HCI_CMD_CONFIGURE_DATA_PATH_F(F, S)                                              \
    F(S, U8, data_path_direction, 0)                                                         \
    F(S, U8, data_path_id, 0)                                                                \
    F(S, LV8, vendor_specific_config, 0)

/* 7.4.10: Codec_ID is Coding_Format, Company_ID, Vendor-defined codec ID;
 * Logical_Transport_Type 0x02 CIS, 0x03 BIS; Direction 0x00 input, 0x01 output. */
#define BLE_HCI_CMD_READ_LOCAL_CODEC_CAPS_F(F, S)                                            \
    F(S, BYTES, codec_id, 5)                                                                 \
    F(S, U8, logical_transport_type, 0)                                                      \
    F(S, U8, direction, 0)

/* 7.4.11 */
#define BLE_HCI_CMD_READ_LOCAL_CONTROLLER_DELAY_F(F, S)                                      \
    BLE_HCI_CMD_READ_LOCAL_CODEC_CAPS_F(F, S)                                                \
    F(S, LV8, codec_configuration, 0)

/* ---- Return parameters (HCI_Command_Complete, Vol 4 Part E 7.7.14) ----------
 * X(opcode, NAME, name, "Spec Name", FIELDS, flags), sorted by opcode; the
 * same opcodes and names as the commands, for those completed by Command
 * Complete. */
#define BLE_HCI_RET_TABLE(X)                                                                 \
    X(0x0C01, SET_EVENT_MASK, set_event_mask, "Set Event Mask", BLE_HCI_RET_STATUS_F, 0)     \
    X(0x0C03, RESET, reset, "Reset", BLE_HCI_RET_STATUS_F, 0)                                \
    X(0x0C2D, READ_TX_POWER_LEVEL, read_tx_power_level, "Read Transmit Power Level",         \
      BLE_HCI_RET_READ_TX_POWER_LEVEL_F, 0)                                                  \
    X(0x0C31, SET_CTRL_TO_HOST_FLOW_CONTROL, set_ctrl_to_host_flow_control,                  \
      "Set Controller To Host Flow Control", BLE_HCI_RET_STATUS_F, 0)                        \
    X(0x0C33, HOST_BUFFER_SIZE, host_buffer_size, "Host Buffer Size", BLE_HCI_RET_STATUS_F, 0) \
    X(0x0C35, HOST_NUM_COMPLETED_PACKETS, host_num_completed_packets,                        \
      "Host Number Of Completed Packets", BLE_HCI_RET_STATUS_F, 0)                           \
    X(0x0C63, SET_EVENT_MASK_PAGE_2, set_event_mask_page_2, "Set Event Mask Page 2",         \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x0C6C, READ_LE_HOST_SUPPORT, read_le_host_support, "Read LE Host Support",            \
      BLE_HCI_RET_READ_LE_HOST_SUPPORT_F, 0)                                                 \
    X(0x0C6D, WRITE_LE_HOST_SUPPORT, write_le_host_support, "Write LE Host Support",         \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x0C7B, READ_AUTH_PAYLOAD_TIMEOUT, read_auth_payload_timeout,                          \
      "Read Authenticated Payload Timeout", BLE_HCI_RET_READ_AUTH_PAYLOAD_TIMEOUT_F, 0)      \
    X(0x0C7C, WRITE_AUTH_PAYLOAD_TIMEOUT, write_auth_payload_timeout,                        \
      "Write Authenticated Payload Timeout", BLE_HCI_RET_STATUS_HANDLE_F, 0)                 \
    X(0x0C83, CONFIGURE_DATA_PATH, configure_data_path, "Configure Data Path",               \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x1001, READ_LOCAL_VERSION, read_local_version, "Read Local Version Information",      \
      BLE_HCI_RET_READ_LOCAL_VERSION_F, 0)                                                   \
    X(0x1002, READ_LOCAL_COMMANDS, read_local_commands, "Read Local Supported Commands",     \
      BLE_HCI_RET_READ_LOCAL_COMMANDS_F, 0)                                                  \
    X(0x1003, READ_LOCAL_FEATURES, read_local_features, "Read Local Supported Features",     \
      BLE_HCI_RET_READ_LOCAL_FEATURES_F, 0)                                                  \
    X(0x1005, READ_BUFFER_SIZE, read_buffer_size, "Read Buffer Size",                        \
      BLE_HCI_RET_READ_BUFFER_SIZE_F, 0)                                                     \
    X(0x1009, READ_BD_ADDR, read_bd_addr, "Read BD_ADDR", BLE_HCI_RET_READ_BD_ADDR_F, 0)     \
    X(0x100D, READ_LOCAL_CODECS_V2, read_local_codecs_v2, "Read Local Supported Codecs [v2]", \
      BLE_HCI_RET_READ_LOCAL_CODECS_V2_F, 0)                                                 \
    X(0x100E, READ_LOCAL_CODEC_CAPS, read_local_codec_caps,                                  \
      "Read Local Supported Codec Capabilities", BLE_HCI_RET_READ_LOCAL_CODEC_CAPS_F, 0)     \
    X(0x100F, READ_LOCAL_CONTROLLER_DELAY, read_local_controller_delay,                      \
      "Read Local Supported Controller Delay", BLE_HCI_RET_READ_LOCAL_CONTROLLER_DELAY_F, 0) \
    X(0x1405, READ_RSSI, read_rssi, "Read RSSI", BLE_HCI_RET_READ_RSSI_F, 0)                 \
    X(0x2001, LE_SET_EVENT_MASK, le_set_event_mask, "LE Set Event Mask", BLE_HCI_RET_STATUS_F, 0) \
    X(0x2002, LE_READ_BUFFER_SIZE, le_read_buffer_size, "LE Read Buffer Size [v1]",          \
      BLE_HCI_RET_LE_READ_BUFFER_SIZE_F, 0)                                                  \
    X(0x2003, LE_READ_LOCAL_FEATURES, le_read_local_features,                                \
      "LE Read Local Supported Features Page 0", BLE_HCI_RET_LE_READ_LOCAL_FEATURES_F, 0)    \
    X(0x2005, LE_SET_RANDOM_ADDRESS, le_set_random_address, "LE Set Random Address",         \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2006, LE_SET_ADV_PARAMS, le_set_adv_params, "LE Set Advertising Parameters",         \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2007, LE_READ_ADV_TX_POWER, le_read_adv_tx_power,                                    \
      "LE Read Advertising Physical Channel Tx Power", BLE_HCI_RET_LE_READ_ADV_TX_POWER_F, 0) \
    X(0x2008, LE_SET_ADV_DATA, le_set_adv_data, "LE Set Advertising Data", BLE_HCI_RET_STATUS_F, 0) \
    X(0x2009, LE_SET_SCAN_RSP_DATA, le_set_scan_rsp_data, "LE Set Scan Response Data",       \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x200A, LE_SET_ADV_ENABLE, le_set_adv_enable, "LE Set Advertising Enable",             \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x200B, LE_SET_SCAN_PARAMS, le_set_scan_params, "LE Set Scan Parameters",              \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x200C, LE_SET_SCAN_ENABLE, le_set_scan_enable, "LE Set Scan Enable", BLE_HCI_RET_STATUS_F, 0) \
    X(0x200E, LE_CREATE_CONN_CANCEL, le_create_conn_cancel, "LE Create Connection Cancel",   \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x200F, LE_READ_FAL_SIZE, le_read_fal_size, "LE Read Filter Accept List Size",         \
      BLE_HCI_RET_LE_READ_FAL_SIZE_F, 0)                                                     \
    X(0x2010, LE_CLEAR_FAL, le_clear_fal, "LE Clear Filter Accept List", BLE_HCI_RET_STATUS_F, 0) \
    X(0x2011, LE_ADD_TO_FAL, le_add_to_fal, "LE Add Device To Filter Accept List",           \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2012, LE_REMOVE_FROM_FAL, le_remove_from_fal, "LE Remove Device From Filter Accept List", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2014, LE_SET_HOST_CHANNEL_CLASSIFICATION, le_set_host_channel_classification,        \
      "LE Set Host Channel Classification", BLE_HCI_RET_STATUS_F, 0)                         \
    X(0x2015, LE_READ_CHANNEL_MAP, le_read_channel_map, "LE Read Channel Map",               \
      BLE_HCI_RET_LE_READ_CHANNEL_MAP_F, 0)                                                  \
    X(0x2017, LE_ENCRYPT, le_encrypt, "LE Encrypt", BLE_HCI_RET_LE_ENCRYPT_F, 0)             \
    X(0x2018, LE_RAND, le_rand, "LE Rand", BLE_HCI_RET_LE_RAND_F, 0)                         \
    X(0x201A, LE_LTK_REPLY, le_ltk_reply, "LE Long Term Key Request Reply",                  \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x201B, LE_LTK_NEG_REPLY, le_ltk_neg_reply, "LE Long Term Key Request Negative Reply", \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x201C, LE_READ_SUPPORTED_STATES, le_read_supported_states, "LE Read Supported States", \
      BLE_HCI_RET_LE_READ_SUPPORTED_STATES_F, 0)                                             \
    X(0x201D, LE_RECEIVER_TEST, le_receiver_test, "LE Receiver Test [v1]", BLE_HCI_RET_STATUS_F, 0) \
    X(0x201E, LE_TRANSMITTER_TEST, le_transmitter_test, "LE Transmitter Test [v1]",          \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x201F, LE_TEST_END, le_test_end, "LE Test End", BLE_HCI_RET_LE_TEST_END_F, 0)         \
    X(0x2020, LE_REMOTE_CONN_PARAM_REPLY, le_remote_conn_param_reply,                        \
      "LE Remote Connection Parameter Request Reply", BLE_HCI_RET_STATUS_HANDLE_F, 0)        \
    X(0x2021, LE_REMOTE_CONN_PARAM_NEG_REPLY, le_remote_conn_param_neg_reply,                \
      "LE Remote Connection Parameter Request Negative Reply", BLE_HCI_RET_STATUS_HANDLE_F, 0) \
    X(0x2022, LE_SET_DATA_LENGTH, le_set_data_length, "LE Set Data Length",                  \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x2023, LE_READ_DEFAULT_DATA_LENGTH, le_read_default_data_length,                      \
      "LE Read Suggested Default Data Length", BLE_HCI_RET_LE_READ_DEFAULT_DATA_LENGTH_F, 0) \
    X(0x2024, LE_WRITE_DEFAULT_DATA_LENGTH, le_write_default_data_length,                    \
      "LE Write Suggested Default Data Length", BLE_HCI_RET_STATUS_F, 0)                     \
    X(0x2027, LE_ADD_TO_RESOLVING_LIST, le_add_to_resolving_list, "LE Add Device To Resolving List", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2028, LE_REMOVE_FROM_RESOLVING_LIST, le_remove_from_resolving_list,                  \
      "LE Remove Device From Resolving List", BLE_HCI_RET_STATUS_F, 0)                       \
    X(0x2029, LE_CLEAR_RESOLVING_LIST, le_clear_resolving_list, "LE Clear Resolving List",   \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x202A, LE_READ_RESOLVING_LIST_SIZE, le_read_resolving_list_size,                      \
      "LE Read Resolving List Size", BLE_HCI_RET_LE_READ_RESOLVING_LIST_SIZE_F, 0)           \
    X(0x202B, LE_READ_PEER_RPA, le_read_peer_rpa, "LE Read Peer Resolvable Address",         \
      BLE_HCI_RET_LE_READ_PEER_RPA_F, 0)                                                     \
    X(0x202C, LE_READ_LOCAL_RPA, le_read_local_rpa, "LE Read Local Resolvable Address",      \
      BLE_HCI_RET_LE_READ_LOCAL_RPA_F, 0)                                                    \
    X(0x202D, LE_SET_ADDR_RESOLUTION_ENABLE, le_set_addr_resolution_enable,                  \
      "LE Set Address Resolution Enable", BLE_HCI_RET_STATUS_F, 0)                           \
    X(0x202E, LE_SET_RPA_TIMEOUT, le_set_rpa_timeout, "LE Set Resolvable Private Address Timeout", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x202F, LE_READ_MAX_DATA_LENGTH, le_read_max_data_length, "LE Read Maximum Data Length", \
      BLE_HCI_RET_LE_READ_MAX_DATA_LENGTH_F, 0)                                              \
    X(0x2030, LE_READ_PHY, le_read_phy, "LE Read PHY", BLE_HCI_RET_LE_READ_PHY_F, 0)         \
    X(0x2031, LE_SET_DEFAULT_PHY, le_set_default_phy, "LE Set Default PHY", BLE_HCI_RET_STATUS_F, 0) \
    X(0x2033, LE_RECEIVER_TEST_V2, le_receiver_test_v2, "LE Receiver Test [v2]",             \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2034, LE_TRANSMITTER_TEST_V2, le_transmitter_test_v2, "LE Transmitter Test [v2]",    \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2035, LE_SET_ADV_SET_RANDOM_ADDRESS, le_set_adv_set_random_address,                  \
      "LE Set Advertising Set Random Address", BLE_HCI_RET_STATUS_F, 0)                      \
    X(0x2036, LE_SET_EXT_ADV_PARAMS, le_set_ext_adv_params,                                  \
      "LE Set Extended Advertising Parameters [v1]", BLE_HCI_RET_LE_SET_EXT_ADV_PARAMS_F, 0) \
    X(0x2037, LE_SET_EXT_ADV_DATA, le_set_ext_adv_data, "LE Set Extended Advertising Data",  \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2038, LE_SET_EXT_SCAN_RSP_DATA, le_set_ext_scan_rsp_data,                            \
      "LE Set Extended Scan Response Data", BLE_HCI_RET_STATUS_F, 0)                         \
    X(0x2039, LE_SET_EXT_ADV_ENABLE, le_set_ext_adv_enable, "LE Set Extended Advertising Enable", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x203A, LE_READ_MAX_ADV_DATA_LENGTH, le_read_max_adv_data_length,                      \
      "LE Read Maximum Advertising Data Length", BLE_HCI_RET_LE_READ_MAX_ADV_DATA_LENGTH_F, 0) \
    X(0x203B, LE_READ_NUM_ADV_SETS, le_read_num_adv_sets,                                    \
      "LE Read Number of Supported Advertising Sets", BLE_HCI_RET_LE_READ_NUM_ADV_SETS_F, 0) \
    X(0x203C, LE_REMOVE_ADV_SET, le_remove_adv_set, "LE Remove Advertising Set",             \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x203D, LE_CLEAR_ADV_SETS, le_clear_adv_sets, "LE Clear Advertising Sets",             \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x203E, LE_SET_PA_PARAMS, le_set_pa_params, "LE Set Periodic Advertising Parameters [v1]", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x203F, LE_SET_PA_DATA, le_set_pa_data, "LE Set Periodic Advertising Data",            \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2040, LE_SET_PA_ENABLE, le_set_pa_enable, "LE Set Periodic Advertising Enable",      \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2041, LE_SET_EXT_SCAN_PARAMS, le_set_ext_scan_params, "LE Set Extended Scan Parameters", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2042, LE_SET_EXT_SCAN_ENABLE, le_set_ext_scan_enable, "LE Set Extended Scan Enable", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2045, LE_PA_CREATE_SYNC_CANCEL, le_pa_create_sync_cancel,                            \
      "LE Periodic Advertising Create Sync Cancel", BLE_HCI_RET_STATUS_F, 0)                 \
    X(0x2046, LE_PA_TERMINATE_SYNC, le_pa_terminate_sync, "LE Periodic Advertising Terminate Sync", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2047, LE_ADD_TO_PA_LIST, le_add_to_pa_list, "LE Add Device To Periodic Advertiser List", \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2048, LE_REMOVE_FROM_PA_LIST, le_remove_from_pa_list,                                \
      "LE Remove Device From Periodic Advertiser List", BLE_HCI_RET_STATUS_F, 0)             \
    X(0x2049, LE_CLEAR_PA_LIST, le_clear_pa_list, "LE Clear Periodic Advertiser List",       \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x204A, LE_READ_PA_LIST_SIZE, le_read_pa_list_size, "LE Read Periodic Advertiser List Size", \
      BLE_HCI_RET_LE_READ_PA_LIST_SIZE_F, 0)                                                 \
    X(0x204B, LE_READ_TX_POWER, le_read_tx_power, "LE Read Transmit Power",                  \
      BLE_HCI_RET_LE_READ_TX_POWER_F, 0)                                                     \
    X(0x204C, LE_READ_RF_PATH_COMPENSATION, le_read_rf_path_compensation,                    \
      "LE Read RF Path Compensation", BLE_HCI_RET_LE_READ_RF_PATH_COMPENSATION_F, 0)         \
    X(0x204D, LE_WRITE_RF_PATH_COMPENSATION, le_write_rf_path_compensation,                  \
      "LE Write RF Path Compensation", BLE_HCI_RET_STATUS_F, 0)                              \
    X(0x204E, LE_SET_PRIVACY_MODE, le_set_privacy_mode, "LE Set Privacy Mode",               \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x204F, LE_RECEIVER_TEST_V3, le_receiver_test_v3, "LE Receiver Test [v3]",             \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2050, LE_TRANSMITTER_TEST_V3, le_transmitter_test_v3, "LE Transmitter Test [v3]",    \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2051, LE_SET_CONNLESS_CTE_TX_PARAMS, le_set_connless_cte_tx_params,                  \
      "LE Set Connectionless CTE Transmit Parameters", BLE_HCI_RET_STATUS_F, 0)              \
    X(0x2052, LE_SET_CONNLESS_CTE_TX_ENABLE, le_set_connless_cte_tx_enable,                  \
      "LE Set Connectionless CTE Transmit Enable", BLE_HCI_RET_STATUS_F, 0)                  \
    X(0x2053, LE_SET_CONNLESS_IQ_SAMPLING_ENABLE, le_set_connless_iq_sampling_enable,        \
      "LE Set Connectionless IQ Sampling Enable", BLE_HCI_RET_STATUS_SYNC_HANDLE_F, 0)       \
    X(0x2054, LE_SET_CONN_CTE_RX_PARAMS, le_set_conn_cte_rx_params,                          \
      "LE Set Connection CTE Receive Parameters", BLE_HCI_RET_STATUS_HANDLE_F, 0)            \
    X(0x2055, LE_SET_CONN_CTE_TX_PARAMS, le_set_conn_cte_tx_params,                          \
      "LE Set Connection CTE Transmit Parameters", BLE_HCI_RET_STATUS_HANDLE_F, 0)           \
    X(0x2056, LE_CONN_CTE_REQUEST_ENABLE, le_conn_cte_request_enable,                        \
      "LE Connection CTE Request Enable", BLE_HCI_RET_STATUS_HANDLE_F, 0)                    \
    X(0x2057, LE_CONN_CTE_RESPONSE_ENABLE, le_conn_cte_response_enable,                      \
      "LE Connection CTE Response Enable", BLE_HCI_RET_STATUS_HANDLE_F, 0)                   \
    X(0x2058, LE_READ_ANTENNA_INFO, le_read_antenna_info, "LE Read Antenna Information",     \
      BLE_HCI_RET_LE_READ_ANTENNA_INFO_F, 0)                                                 \
    X(0x2059, LE_SET_PA_RECEIVE_ENABLE, le_set_pa_receive_enable,                            \
      "LE Set Periodic Advertising Receive Enable", BLE_HCI_RET_STATUS_F, 0)                 \
    X(0x205A, LE_PA_SYNC_TRANSFER, le_pa_sync_transfer, "LE Periodic Advertising Sync Transfer", \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x205B, LE_PA_SET_INFO_TRANSFER, le_pa_set_info_transfer,                              \
      "LE Periodic Advertising Set Info Transfer", BLE_HCI_RET_STATUS_HANDLE_F, 0)           \
    X(0x205C, LE_SET_PAST_PARAMS, le_set_past_params,                                        \
      "LE Set Periodic Advertising Sync Transfer Parameters", BLE_HCI_RET_STATUS_HANDLE_F, 0) \
    X(0x205D, LE_SET_DEFAULT_PAST_PARAMS, le_set_default_past_params,                        \
      "LE Set Default Periodic Advertising Sync Transfer Parameters", BLE_HCI_RET_STATUS_F, 0) \
    X(0x205F, LE_MODIFY_SCA, le_modify_sca, "LE Modify Sleep Clock Accuracy", BLE_HCI_RET_STATUS_F, 0) \
    X(0x2060, LE_READ_BUFFER_SIZE_V2, le_read_buffer_size_v2, "LE Read Buffer Size [v2]",    \
      BLE_HCI_RET_LE_READ_BUFFER_SIZE_V2_F, 0)                                               \
    X(0x2061, LE_READ_ISO_TX_SYNC, le_read_iso_tx_sync, "LE Read ISO TX Sync",               \
      BLE_HCI_RET_LE_READ_ISO_TX_SYNC_F, 0)                                                  \
    X(0x2062, LE_SET_CIG_PARAMS, le_set_cig_params, "LE Set CIG Parameters",                 \
      BLE_HCI_RET_LE_SET_CIG_PARAMS_F, 0)                                                    \
    X(0x2063, LE_SET_CIG_PARAMS_TEST, le_set_cig_params_test, "LE Set CIG Parameters Test",  \
      BLE_HCI_RET_LE_SET_CIG_PARAMS_F, 0)                                                    \
    X(0x2065, LE_REMOVE_CIG, le_remove_cig, "LE Remove CIG", BLE_HCI_RET_LE_REMOVE_CIG_F, 0) \
    X(0x2067, LE_REJECT_CIS_REQUEST, le_reject_cis_request, "LE Reject CIS Request",         \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x206C, LE_BIG_TERMINATE_SYNC, le_big_terminate_sync, "LE BIG Terminate Sync",         \
      BLE_HCI_RET_LE_BIG_TERMINATE_SYNC_F, 0)                                                \
    X(0x206E, LE_SETUP_ISO_DATA_PATH, le_setup_iso_data_path, "LE Setup ISO Data Path",      \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x206F, LE_REMOVE_ISO_DATA_PATH, le_remove_iso_data_path, "LE Remove ISO Data Path",   \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x2070, LE_ISO_TRANSMIT_TEST, le_iso_transmit_test, "LE ISO Transmit Test",            \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x2071, LE_ISO_RECEIVE_TEST, le_iso_receive_test, "LE ISO Receive Test",               \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x2072, LE_ISO_READ_TEST_COUNTERS, le_iso_read_test_counters, "LE ISO Read Test Counters", \
      BLE_HCI_RET_LE_ISO_TEST_COUNTERS_F, 0)                                                 \
    X(0x2073, LE_ISO_TEST_END, le_iso_test_end, "LE ISO Test End", BLE_HCI_RET_LE_ISO_TEST_COUNTERS_F, 0) \
    X(0x2074, LE_SET_HOST_FEATURE, le_set_host_feature, "LE Set Host Feature [v1]",          \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2075, LE_READ_ISO_LINK_QUALITY, le_read_iso_link_quality, "LE Read ISO Link Quality", \
      BLE_HCI_RET_LE_READ_ISO_LINK_QUALITY_F, 0)                                             \
    X(0x2076, LE_ENH_READ_TX_POWER_LEVEL, le_enh_read_tx_power_level,                        \
      "LE Enhanced Read Transmit Power Level", BLE_HCI_RET_LE_ENH_READ_TX_POWER_LEVEL_F, 0)  \
    X(0x2078, LE_SET_PATH_LOSS_REPORTING_PARAMS, le_set_path_loss_reporting_params,          \
      "LE Set Path Loss Reporting Parameters", BLE_HCI_RET_STATUS_HANDLE_F, 0)               \
    X(0x2079, LE_SET_PATH_LOSS_REPORTING_ENABLE, le_set_path_loss_reporting_enable,          \
      "LE Set Path Loss Reporting Enable", BLE_HCI_RET_STATUS_HANDLE_F, 0)                   \
    X(0x207A, LE_SET_TX_POWER_REPORTING_ENABLE, le_set_tx_power_reporting_enable,            \
      "LE Set Transmit Power Reporting Enable", BLE_HCI_RET_STATUS_HANDLE_F, 0)              \
    X(0x207B, LE_TRANSMITTER_TEST_V4, le_transmitter_test_v4, "LE Transmitter Test [v4]",    \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x207C, LE_SET_DATA_RELATED_ADDR_CHANGES, le_set_data_related_addr_changes,            \
      "LE Set Data Related Address Changes", BLE_HCI_RET_STATUS_F, 0)                        \
    X(0x207D, LE_SET_DEFAULT_SUBRATE, le_set_default_subrate, "LE Set Default Subrate",      \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x207F, LE_SET_EXT_ADV_PARAMS_V2, le_set_ext_adv_params_v2,                            \
      "LE Set Extended Advertising Parameters [v2]", BLE_HCI_RET_LE_SET_EXT_ADV_PARAMS_F, 0) \
    X(0x2080, LE_SET_DECISION_DATA, le_set_decision_data, "LE Set Decision Data",            \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2081, LE_SET_DECISION_INSTRUCTIONS, le_set_decision_instructions,                    \
      "LE Set Decision Instructions", BLE_HCI_RET_STATUS_F, 0)                               \
    X(0x2082, LE_SET_PA_SUBEVENT_DATA, le_set_pa_subevent_data,                              \
      "LE Set Periodic Advertising Subevent Data", BLE_HCI_RET_STATUS_ADV_HANDLE_F, 0)       \
    X(0x2083, LE_SET_PA_RESPONSE_DATA, le_set_pa_response_data,                              \
      "LE Set Periodic Advertising Response Data", BLE_HCI_RET_STATUS_SYNC_HANDLE_F, 0)      \
    X(0x2084, LE_SET_PERIODIC_SYNC_SUBEVENT, le_set_periodic_sync_subevent,                  \
      "LE Set Periodic Sync Subevent", BLE_HCI_RET_STATUS_SYNC_HANDLE_F, 0)                  \
    X(0x2086, LE_SET_PA_PARAMS_V2, le_set_pa_params_v2,                                      \
      "LE Set Periodic Advertising Parameters [v2]", BLE_HCI_RET_STATUS_ADV_HANDLE_F, 0)     \
    X(0x2087, LE_READ_ALL_LOCAL_FEATURES, le_read_all_local_features,                        \
      "LE Read All Local Supported Features", BLE_HCI_RET_LE_READ_ALL_LOCAL_FEATURES_F, 0)   \
    X(0x2089, LE_CS_READ_LOCAL_CAPS, le_cs_read_local_caps,                                  \
      "LE CS Read Local Supported Capabilities", BLE_HCI_RET_LE_CS_READ_LOCAL_CAPS_F, 0)     \
    X(0x208B, LE_CS_WRITE_CACHED_REMOTE_CAPS, le_cs_write_cached_remote_caps,                \
      "LE CS Write Cached Remote Supported Capabilities", BLE_HCI_RET_STATUS_HANDLE_F, 0)    \
    X(0x208D, LE_CS_SET_DEFAULT_SETTINGS, le_cs_set_default_settings, "LE CS Set Default Settings", \
      BLE_HCI_RET_STATUS_HANDLE_F, 0)                                                        \
    X(0x208F, LE_CS_WRITE_CACHED_REMOTE_FAE_TABLE, le_cs_write_cached_remote_fae_table,      \
      "LE CS Write Cached Remote FAE Table", BLE_HCI_RET_STATUS_HANDLE_F, 0)                 \
    X(0x2092, LE_CS_SET_CHANNEL_CLASSIFICATION, le_cs_set_channel_classification,            \
      "LE CS Set Channel Classification", BLE_HCI_RET_STATUS_F, 0)                           \
    X(0x2093, LE_CS_SET_PROCEDURE_PARAMS, le_cs_set_procedure_params,                        \
      "LE CS Set Procedure Parameters", BLE_HCI_RET_STATUS_HANDLE_F, 0)                      \
    X(0x2095, LE_CS_TEST, le_cs_test, "LE CS Test", BLE_HCI_RET_STATUS_F, 0)                 \
    X(0x2097, LE_SET_HOST_FEATURE_V2, le_set_host_feature_v2, "LE Set Host Feature [v2]",    \
      BLE_HCI_RET_STATUS_F, 0)                                                               \
    X(0x2098, LE_ADD_TO_MONITORED_ADVERTISERS, le_add_to_monitored_advertisers,              \
      "LE Add Device To Monitored Advertisers List", BLE_HCI_RET_STATUS_F, 0)                \
    X(0x2099, LE_REMOVE_FROM_MONITORED_ADVERTISERS, le_remove_from_monitored_advertisers,    \
      "LE Remove Device From Monitored Advertisers List", BLE_HCI_RET_STATUS_F, 0)           \
    X(0x209A, LE_CLEAR_MONITORED_ADVERTISERS, le_clear_monitored_advertisers,                \
      "LE Clear Monitored Advertisers List", BLE_HCI_RET_STATUS_F, 0)                        \
    X(0x209B, LE_READ_MONITORED_ADVERTISERS_SIZE, le_read_monitored_advertisers_size,        \
      "LE Read Monitored Advertisers List Size", BLE_HCI_RET_LE_READ_MONITORED_SIZE_F, 0)    \
    X(0x209C, LE_ENABLE_MONITORING_ADVERTISERS, le_enable_monitoring_advertisers,            \
      "LE Enable Monitoring Advertisers", BLE_HCI_RET_STATUS_F, 0)

/* Shapes many commands return. */
#define BLE_HCI_RET_STATUS_F(F, S) F(S, U8, status, &ble_hci_status_names)
#define BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                    \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)

/* 7.3.40: normally no event at all; a Command Complete only to report
 * invalid parameters. */

/* 7.3.35: TX_Power_Level in dBm. */
#define BLE_HCI_RET_READ_TX_POWER_LEVEL_F(F, S)                                              \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, S8, tx_power_level, 0)

/* 7.3.78 */
#define BLE_HCI_RET_READ_LE_HOST_SUPPORT_F(F, S)                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, le_supported_host, 0)                                                           \
    F(S, U8, unused, 0)

/* 7.3.93 */
#define BLE_HCI_RET_READ_AUTH_PAYLOAD_TIMEOUT_F(F, S)                                        \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, U16, authenticated_payload_timeout, 0)

/* 7.4.1: Company_Identifier was named Manufacturer_Name before Core 5.3. */
#define BLE_HCI_RET_READ_LOCAL_VERSION_F(F, S)                                               \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, hci_version, 0)                                                                 \
    F(S, U16, hci_subversion, 0)                                                             \
    F(S, U8, lmp_version, 0)                                                                 \
    F(S, U16, company_identifier, 0)                                                         \
    F(S, U16, lmp_subversion, 0)

/* 7.4.2: one bit per command (Vol 4 Part E 6.27). */
#define BLE_HCI_RET_READ_LOCAL_COMMANDS_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, BYTES, supported_commands, 64)

/* 7.4.3: the LMP features page 0 (bit 38: LE Supported (Controller)). */
#define BLE_HCI_RET_READ_LOCAL_FEATURES_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, BYTES, lmp_features, 8)

/* 7.4.5 */
#define BLE_HCI_RET_READ_BUFFER_SIZE_F(F, S)                                                 \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, acl_data_packet_length, 0)                                                     \
    F(S, U8, synchronous_data_packet_length, 0)                                              \
    F(S, U16, total_num_acl_data_packets, 0)                                                 \
    F(S, U16, total_num_synchronous_data_packets, 0)

/* 7.4.6 */
#define BLE_HCI_RET_READ_BD_ADDR_F(F, S)                                                     \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, ADDR, bd_addr, 0)

/* 7.5.4: RSSI in dBm (on LE, the absolute received level). */
#define BLE_HCI_RET_READ_RSSI_F(F, S)                                                        \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, S8, rssi, 0)

/* 7.8.2 [v1] */
#define BLE_HCI_RET_LE_READ_BUFFER_SIZE_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, le_acl_data_packet_length, 0)                                                  \
    F(S, U8, total_num_le_acl_data_packets, 0)

/* 7.8.3: the LE features page 0 (Vol 6 Part B 4.6). */
#define BLE_HCI_RET_LE_READ_LOCAL_FEATURES_F(F, S)                                           \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, BYTES, le_features, 8)

/* 7.8.6: in dBm. */
#define BLE_HCI_RET_LE_READ_ADV_TX_POWER_F(F, S)                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, S8, tx_power_level, 0)

/* 7.8.14 */
#define BLE_HCI_RET_LE_READ_FAL_SIZE_F(F, S)                                                 \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, filter_accept_list_size, 0)

/* 7.8.20 */
#define BLE_HCI_RET_LE_READ_CHANNEL_MAP_F(F, S)                                              \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, BYTES, channel_map, 5)

/* 7.8.22 */
#define BLE_HCI_RET_LE_ENCRYPT_F(F, S)                                                       \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, BYTES, encrypted_data, 16)

/* 7.8.23 */
#define BLE_HCI_RET_LE_RAND_F(F, S)                                                          \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U64, random_number, 0)

/* 7.8.27 */
#define BLE_HCI_RET_LE_READ_SUPPORTED_STATES_F(F, S)                                         \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U64, le_states, 0)

/* 7.8.30 */
#define BLE_HCI_RET_LE_TEST_END_F(F, S)                                                      \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, num_packets, 0)

/* 7.8.34 */
#define BLE_HCI_RET_LE_READ_DEFAULT_DATA_LENGTH_F(F, S)                                      \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, suggested_max_tx_octets, 0)                                                    \
    F(S, U16, suggested_max_tx_time, 0)

/* 7.8.41 */
#define BLE_HCI_RET_LE_READ_RESOLVING_LIST_SIZE_F(F, S)                                      \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, resolving_list_size, 0)

/* 7.8.42 */
#define BLE_HCI_RET_LE_READ_PEER_RPA_F(F, S)                                                 \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, ADDR, peer_resolvable_address, 0)

/* 7.8.43 */
#define BLE_HCI_RET_LE_READ_LOCAL_RPA_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, ADDR, local_resolvable_address, 0)

/* 7.8.46 */
#define BLE_HCI_RET_LE_READ_MAX_DATA_LENGTH_F(F, S)                                          \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, supported_max_tx_octets, 0)                                                    \
    F(S, U16, supported_max_tx_time, 0)                                                      \
    F(S, U16, supported_max_rx_octets, 0)                                                    \
    F(S, U16, supported_max_rx_time, 0)

/* 7.8.47 */
#define BLE_HCI_RET_LE_READ_PHY_F(F, S)                                                      \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, U8, tx_phy, 0)                                                                      \
    F(S, U8, rx_phy, 0)

/* 7.8.82 */
#define BLE_HCI_RET_STATUS_SYNC_HANDLE_F(F, S)                                               \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, sync_handle, 0)

/* 7.8.53: the power the Controller chose, in dBm. */
#define BLE_HCI_RET_LE_SET_EXT_ADV_PARAMS_F(F, S)                                            \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, S8, selected_tx_power, 0)

/* 7.8.57 */
#define BLE_HCI_RET_LE_READ_MAX_ADV_DATA_LENGTH_F(F, S)                                      \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, max_advertising_data_length, 0)

/* 7.8.58 */
#define BLE_HCI_RET_LE_READ_NUM_ADV_SETS_F(F, S)                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, num_supported_advertising_sets, 0)

/* 7.8.73 */
#define BLE_HCI_RET_LE_READ_PA_LIST_SIZE_F(F, S)                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, periodic_advertiser_list_size, 0)

/* 7.8.74: in dBm. */
#define BLE_HCI_RET_LE_READ_TX_POWER_F(F, S)                                                 \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, S8, min_tx_power, 0)                                                                \
    F(S, S8, max_tx_power, 0)

/* 7.8.75: in 0.1 dB units. */
#define BLE_HCI_RET_LE_READ_RF_PATH_COMPENSATION_F(F, S)                                     \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, S16, rf_tx_path_compensation_value, 0)                                              \
    F(S, S16, rf_rx_path_compensation_value, 0)

/* 7.8.87 */
#define BLE_HCI_RET_LE_READ_ANTENNA_INFO_F(F, S)                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, supported_switching_sampling_rates, 0)                                          \
    F(S, U8, num_antennae, 0)                                                                \
    F(S, U8, max_switching_pattern_length, 0)                                                \
    F(S, U8, max_cte_length, 0)

/* 7.8.2 [v2] */
#define BLE_HCI_RET_LE_READ_BUFFER_SIZE_V2_F(F, S)                                           \
    BLE_HCI_RET_LE_READ_BUFFER_SIZE_F(F, S)                                                  \
    F(S, U16, iso_data_packet_length, 0)                                                     \
    F(S, U8, total_num_iso_data_packets, 0)

/* 7.8.96: TX_Time_Stamp in microseconds, Time_Offset 3 octets. */
#define BLE_HCI_RET_LE_READ_ISO_TX_SYNC_F(F, S)                                              \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, U16, packet_sequence_number, 0)                                                     \
    F(S, U32, tx_time_stamp, 0)                                                              \
    F(S, U24, time_offset, 0)

/* 7.8.97 and 7.8.98: CIS_Count, then one Connection_Handle per CIS. */
#define BLE_HCI_RET_CIS_HANDLE_F(F, S) F(S, U16, connection_handle, 0)
#define BLE_HCI_RET_LE_SET_CIG_PARAMS_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, cig_id, 0)                                                                      \
    F(S, ARR8, connection_handles, ble_hci_ret_cis_handle_desc)

/* 7.8.100 */
#define BLE_HCI_RET_LE_REMOVE_CIG_F(F, S)                                                    \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, cig_id, 0)

/* 7.8.107 */
#define BLE_HCI_RET_LE_BIG_TERMINATE_SYNC_F(F, S)                                            \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, big_handle, 0)

/* 7.8.113 and 7.8.114 */
#define BLE_HCI_RET_LE_ISO_TEST_COUNTERS_F(F, S)                                             \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, U32, received_sdu_count, 0)                                                         \
    F(S, U32, missed_sdu_count, 0)                                                           \
    F(S, U32, failed_sdu_count, 0)

/* 7.8.116 */
#define BLE_HCI_RET_LE_READ_ISO_LINK_QUALITY_F(F, S)                                         \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, U32, tx_unacked_packets, 0)                                                         \
    F(S, U32, tx_flushed_packets, 0)                                                         \
    F(S, U32, tx_last_subevent_packets, 0)                                                   \
    F(S, U32, retransmitted_packets, 0)                                                      \
    F(S, U32, crc_error_packets, 0)                                                          \
    F(S, U32, rx_unreceived_packets, 0)                                                      \
    F(S, U32, duplicate_packets, 0)

/* 7.8.117: in dBm. */
#define BLE_HCI_RET_LE_ENH_READ_TX_POWER_LEVEL_F(F, S)                                       \
    BLE_HCI_RET_STATUS_HANDLE_F(F, S)                                                        \
    F(S, U8, phy, 0)                                                                         \
    F(S, S8, current_tx_power_level, 0)                                                      \
    F(S, S8, max_tx_power_level, 0)

#define BLE_HCI_RET_STATUS_ADV_HANDLE_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, advertising_handle, 0)

/* LE Read All Local Supported Features: pages 0..10, 8 octets for page 0
 * and 24 for each page after it. */
#define BLE_HCI_RET_LE_READ_ALL_LOCAL_FEATURES_F(F, S)                                       \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, max_page, 0)                                                                    \
    F(S, BYTES, le_features, 248)

/* LE CS Read Local Supported Capabilities */
#define BLE_HCI_RET_LE_CS_READ_LOCAL_CAPS_F(F, S)                                            \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    BLE_HCI_CMD_CS_CAPS_F(F, S)

/* LE Read Monitored Advertisers List Size */
#define BLE_HCI_RET_LE_READ_MONITORED_SIZE_F(F, S)                                           \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, monitored_advertisers_list_size, 0)

/* 7.4.8 [v2]: Num_Supported_Standard_Codecs, then {Standard_Codec_ID,
 * Standard_Codec_Transport} per codec, interleaved; then the same for the
 * vendor-specific codecs (4-octet Company_ID and codec ID). Transport bits:
 * 0 BR/EDR ACL, 1 BR/EDR SCO/eSCO, 2 LE CIS, 3 LE BIS. */
#define BLE_HCI_RET_STD_CODEC_F(F, S)                                                        \
    F(S, U8, standard_codec_id, 0)                                                           \
    F(S, U8, standard_codec_transport, 0)
#define BLE_HCI_RET_VS_CODEC_F(F, S)                                                         \
    F(S, U32, vendor_specific_codec_id, 0)                                                   \
    F(S, U8, vendor_specific_codec_transport, 0)
#define BLE_HCI_RET_READ_LOCAL_CODECS_V2_F(F, S)                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, ARR8, standard_codecs, ble_hci_ret_std_codec_desc)                                  \
    F(S, ARR8, vendor_specific_codecs, ble_hci_ret_vs_codec_desc)

/* 7.4.9: Num_Codec_Capabilities, then each capability with its length octet. */
#define BLE_HCI_RET_CODEC_CAP_F(F, S) F(S, LV8, codec_capability, 0)
#define BLE_HCI_RET_READ_LOCAL_CODEC_CAPS_F(F, S)                                            \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, ARR8, codec_capabilities, ble_hci_ret_codec_cap_desc)

/* 7.4.11: in microseconds, 3 octets each. */
#define BLE_HCI_RET_READ_LOCAL_CONTROLLER_DELAY_F(F, S)                                      \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U24, min_controller_delay, 0)                                                       \
    F(S, U24, max_controller_delay, 0)

/* ---- Generated declarations ---------------------------------------------- */

#define BLE_HCI_CMD_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_HCI_CMD, code, NAME)
#define BLE_HCI_CMD_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_HCI_CMD, NAME)
#define BLE_HCI_CMD_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_hci_cmd, name, FIELDS)
#define BLE_HCI_CMD_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_hci_cmd, name)
#define BLE_HCI_CMD_X_EXTERN_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC_EXTERN(ble_hci_cmd, name)
#define BLE_HCI_CMD_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP_OBJ(ble_hci_cmd, name)
#define BLE_HCI_RET_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_HCI_RET, code, NAME)
#define BLE_HCI_RET_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_HCI_RET, NAME)
#define BLE_HCI_RET_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_hci_ret, name, FIELDS)
#define BLE_HCI_RET_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_hci_ret, name)
#define BLE_HCI_RET_X_EXTERN_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC_EXTERN(ble_hci_ret, name)
#define BLE_HCI_RET_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP_OBJ(ble_hci_ret, name)

/* BLE_HCI_CMD_<NAME> = opcode; BLE_HCI_CMD_IDX_<NAME> = row in ble_hci_cmd_descs[]. */
enum ble_hci_cmd_code { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_CODE_) BLE_HCI_CMD_CODE_END_ };
enum ble_hci_cmd_index { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_INDEX_) BLE_HCI_CMD_COUNT };
/* BLE_HCI_RET_<NAME> = opcode (the command's); BLE_HCI_RET_IDX_<NAME> = row in ble_hci_ret_descs. */
enum ble_hci_ret_code { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_CODE_) BLE_HCI_RET_CODE_END_ };
enum ble_hci_ret_index { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_INDEX_) BLE_HCI_RET_COUNT };

/* Array elements: E(P, name, FIELDS) gives struct P_name and the element
 * descriptor P_name_desc. */
#define BLE_HCI_CMD_ELEMS(E)                                                                 \
    E(ble_hci_cmd, host_nocp_entry, BLE_HCI_CMD_HOST_NOCP_ENTRY_F)                           \
    E(ble_hci_ret, std_codec, BLE_HCI_RET_STD_CODEC_F)                                       \
    E(ble_hci_ret, vs_codec, BLE_HCI_RET_VS_CODEC_F)                                         \
    E(ble_hci_ret, codec_cap, BLE_HCI_RET_CODEC_CAP_F)                                       \
    E(ble_hci_cmd, ext_adv_set, BLE_HCI_CMD_EXT_ADV_SET_F)                                   \
    E(ble_hci_cmd, ext_scan_phy, BLE_HCI_CMD_EXT_SCAN_PHY_F)                                 \
    E(ble_hci_cmd, ext_conn_phy, BLE_HCI_CMD_EXT_CONN_PHY_F)                                 \
    E(ble_hci_cmd, cis_config, BLE_HCI_CMD_CIS_CONFIG_F)                                     \
    E(ble_hci_cmd, cis_config_test, BLE_HCI_CMD_CIS_CONFIG_TEST_F)                           \
    E(ble_hci_cmd, cis_pair, BLE_HCI_CMD_CIS_PAIR_F)                                         \
    E(ble_hci_cmd, bis_index, BLE_HCI_CMD_BIS_INDEX_F)                                       \
    E(ble_hci_ret, cis_handle, BLE_HCI_RET_CIS_HANDLE_F)                                     \
    E(ble_hci_cmd, decision_test, BLE_HCI_CMD_DECISION_TEST_F)                               \
    E(ble_hci_cmd, pa_subevent_data, BLE_HCI_CMD_PA_SUBEVENT_DATA_F)                         \
    E(ble_hci_cmd, subevent, BLE_HCI_CMD_SUBEVENT_F)
#define BLE_HCI_CMD_E_STRUCT_(P, name, FIELDS) BLE_GEN_STRUCT(P, name, FIELDS)
#define BLE_HCI_CMD_E_EXTERN_(P, name, FIELDS) extern const struct ble_pdu_desc P##_##name##_desc;
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_STRUCT_)
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_EXTERN_)

/* struct ble_hci_cmd_<name> and struct ble_hci_ret_<name>. */
BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_STRUCT_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_STRUCT_)
union ble_hci_cmd_params { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_UNION_) };
union ble_hci_ret_params { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_UNION_) };

/* Each row's descriptor is an object of its own, ble_hci_cmd_<name>_desc and
 * ble_hci_ret_<name>_desc: a firmware image linked with --gc-sections keeps
 * the rows it encodes or decodes through the wrappers below, and all of them
 * only when it looks descriptors up by opcode (ble_hci_cmd_desc,
 * ble_hci_ret_desc) or walks the tables of pointers, sorted by opcode. */
BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_EXTERN_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_EXTERN_)
extern const struct ble_pdu_desc *const ble_hci_cmd_descs[BLE_HCI_CMD_COUNT];
extern const struct ble_pdu_desc *const ble_hci_ret_descs[BLE_HCI_RET_COUNT];

/* ble_hci_cmd_<name>_encode / _decode and ble_hci_ret_<name>_encode / _decode. */
BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_WRAP_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_WRAP_)

/* The descriptor of a command's parameters, or NULL for an opcode an LE host
 * does not send (BR/EDR-only and vendor commands). */
BLE_API const struct ble_pdu_desc *ble_hci_cmd_desc(unsigned opcode);
/* The descriptor of the Command Complete return parameters of an opcode, or
 * NULL when the command is completed by Command Status or is not in the table. */
BLE_API const struct ble_pdu_desc *ble_hci_ret_desc(unsigned opcode);

#ifdef __cplusplus
}
#endif

#endif /* BLE_HCI_CMD_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_HCI_CMD_IMPL)
#define BLE_HCI_CMD_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#define BLE_HCI_CMD_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_hci_cmd, name, FIELDS)
#define BLE_HCI_CMD_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC_OBJ(ble_hci_cmd, code, name, str, fl)
#define BLE_HCI_CMD_X_PTR_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC_PTR(ble_hci_cmd, name)
#define BLE_HCI_RET_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_hci_ret, name, FIELDS)
#define BLE_HCI_RET_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC_OBJ(ble_hci_ret, code, name, str, fl)
#define BLE_HCI_RET_X_PTR_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC_PTR(ble_hci_ret, name)

#define BLE_HCI_CMD_E_FIELDS_(P, name, FIELDS) BLE_GEN_FIELDS(P, name, FIELDS)
#define BLE_HCI_CMD_E_DESC_(P, name, FIELDS)                                                 \
    const struct ble_pdu_desc P##_##name##_desc = BLE_GEN_ELEM_DESC(P, name);
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_FIELDS_)
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_DESC_)

BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_FIELDS_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_FIELDS_)
BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_DESC_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_DESC_)
const struct ble_pdu_desc *const ble_hci_cmd_descs[BLE_HCI_CMD_COUNT] = { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_PTR_) };
const struct ble_pdu_desc *const ble_hci_ret_descs[BLE_HCI_RET_COUNT] = { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_PTR_) };

BLE_DEF const struct ble_pdu_desc *ble_hci_cmd_desc(unsigned opcode)
{
    return ble_pdu_find_ptr(ble_hci_cmd_descs, BLE_HCI_CMD_COUNT, opcode);
}

BLE_DEF const struct ble_pdu_desc *ble_hci_ret_desc(unsigned opcode)
{
    return ble_pdu_find_ptr(ble_hci_ret_descs, BLE_HCI_RET_COUNT, opcode);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
