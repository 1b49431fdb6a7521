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
 *     uint8_t pkt[3 + 2];
 *     int n = ble_hci_cmd_le_set_scan_enable_encode(&c, pkt + 3, sizeof pkt - 3);
 *     ble_put_le16(pkt, BLE_HCI_CMD_LE_SET_SCAN_ENABLE); pkt[2] = (uint8_t)n;
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
    X(0x1001, READ_LOCAL_VERSION, read_local_version, "Read Local Version Information",      \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x1002, READ_LOCAL_COMMANDS, read_local_commands, "Read Local Supported Commands",     \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x1003, READ_LOCAL_FEATURES, read_local_features, "Read Local Supported Features",     \
      BLE_NOFIELDS, 0)                                                                       \
    X(0x1005, READ_BUFFER_SIZE, read_buffer_size, "Read Buffer Size", BLE_NOFIELDS, 0)       \
    X(0x1009, READ_BD_ADDR, read_bd_addr, "Read BD_ADDR", BLE_NOFIELDS, 0)                   \
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
      BLE_HCI_CMD_LE_TX_TEST_V2_F, 0)

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
    X(0x1001, READ_LOCAL_VERSION, read_local_version, "Read Local Version Information",      \
      BLE_HCI_RET_READ_LOCAL_VERSION_F, 0)                                                   \
    X(0x1002, READ_LOCAL_COMMANDS, read_local_commands, "Read Local Supported Commands",     \
      BLE_HCI_RET_READ_LOCAL_COMMANDS_F, 0)                                                  \
    X(0x1003, READ_LOCAL_FEATURES, read_local_features, "Read Local Supported Features",     \
      BLE_HCI_RET_READ_LOCAL_FEATURES_F, 0)                                                  \
    X(0x1005, READ_BUFFER_SIZE, read_buffer_size, "Read Buffer Size",                        \
      BLE_HCI_RET_READ_BUFFER_SIZE_F, 0)                                                     \
    X(0x1009, READ_BD_ADDR, read_bd_addr, "Read BD_ADDR", BLE_HCI_RET_READ_BD_ADDR_F, 0)     \
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
      BLE_HCI_RET_STATUS_F, 0)

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

/* ---- Generated declarations ---------------------------------------------- */

#define BLE_HCI_CMD_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_HCI_CMD, code, NAME)
#define BLE_HCI_CMD_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_HCI_CMD, NAME)
#define BLE_HCI_CMD_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_hci_cmd, name, FIELDS)
#define BLE_HCI_CMD_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_hci_cmd, name)
#define BLE_HCI_CMD_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP(ble_hci_cmd, BLE_HCI_CMD, NAME, name)
#define BLE_HCI_RET_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_HCI_RET, code, NAME)
#define BLE_HCI_RET_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_HCI_RET, NAME)
#define BLE_HCI_RET_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_hci_ret, name, FIELDS)
#define BLE_HCI_RET_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_hci_ret, name)
#define BLE_HCI_RET_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP(ble_hci_ret, BLE_HCI_RET, NAME, name)

/* BLE_HCI_CMD_<NAME> = opcode; BLE_HCI_CMD_IDX_<NAME> = row in ble_hci_cmd_descs. */
enum ble_hci_cmd_code { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_CODE_) BLE_HCI_CMD_CODE_END_ };
enum ble_hci_cmd_index { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_INDEX_) BLE_HCI_CMD_COUNT };
/* BLE_HCI_RET_<NAME> = opcode (the command's); BLE_HCI_RET_IDX_<NAME> = row in ble_hci_ret_descs. */
enum ble_hci_ret_code { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_CODE_) BLE_HCI_RET_CODE_END_ };
enum ble_hci_ret_index { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_INDEX_) BLE_HCI_RET_COUNT };

/* Array elements: E(P, name, FIELDS) gives struct P_name and the element
 * descriptor P_name_desc. */
#define BLE_HCI_CMD_ELEMS(E)                                                                 \
    E(ble_hci_cmd, host_nocp_entry, BLE_HCI_CMD_HOST_NOCP_ENTRY_F)
#define BLE_HCI_CMD_E_STRUCT_(P, name, FIELDS) BLE_GEN_STRUCT(P, name, FIELDS)
#define BLE_HCI_CMD_E_EXTERN_(P, name, FIELDS) extern const struct ble_pdu_desc P##_##name##_desc;
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_STRUCT_)
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_EXTERN_)

/* struct ble_hci_cmd_<name> and struct ble_hci_ret_<name>. */
BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_STRUCT_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_STRUCT_)
union ble_hci_cmd_params { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_UNION_) };
union ble_hci_ret_params { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_UNION_) };

extern const struct ble_pdu_desc ble_hci_cmd_descs[BLE_HCI_CMD_COUNT];
extern const struct ble_pdu_desc ble_hci_ret_descs[BLE_HCI_RET_COUNT];

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
#define BLE_HCI_CMD_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_hci_cmd, code, name, str, fl)
#define BLE_HCI_RET_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_hci_ret, name, FIELDS)
#define BLE_HCI_RET_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_hci_ret, code, name, str, fl)

#define BLE_HCI_CMD_E_FIELDS_(P, name, FIELDS) BLE_GEN_FIELDS(P, name, FIELDS)
#define BLE_HCI_CMD_E_DESC_(P, name, FIELDS)                                                 \
    const struct ble_pdu_desc P##_##name##_desc = BLE_GEN_ELEM_DESC(P, name);
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_FIELDS_)
BLE_HCI_CMD_ELEMS(BLE_HCI_CMD_E_DESC_)

BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_FIELDS_)
BLE_HCI_RET_TABLE(BLE_HCI_RET_X_FIELDS_)
const struct ble_pdu_desc ble_hci_cmd_descs[BLE_HCI_CMD_COUNT] = { BLE_HCI_CMD_TABLE(BLE_HCI_CMD_X_DESC_) };
const struct ble_pdu_desc ble_hci_ret_descs[BLE_HCI_RET_COUNT] = { BLE_HCI_RET_TABLE(BLE_HCI_RET_X_DESC_) };

BLE_DEF const struct ble_pdu_desc *ble_hci_cmd_desc(unsigned opcode)
{
    return ble_pdu_find(ble_hci_cmd_descs, BLE_HCI_CMD_COUNT, opcode);
}

BLE_DEF const struct ble_pdu_desc *ble_hci_ret_desc(unsigned opcode)
{
    return ble_pdu_find(ble_hci_ret_descs, BLE_HCI_RET_COUNT, opcode);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
