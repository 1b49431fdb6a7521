/* blekit HCI events: every event an LE host can receive and every LE Meta
 * subevent up to Core 6.0, each described once in a table (Core 6.0 Vol 4
 * Part E 7.7). Two families:
 *   events        BLE_HCI_EVT_TABLE:    P = ble_hci_evt,    keyed by Event_Code
 *   LE subevents  BLE_HCI_LE_EVT_TABLE: P = ble_hci_le_evt, keyed by Subevent_Code
 * A row describes the event's parameters (after the event header; for LE
 * subevents, after the Subevent_Code octet). Decoding an event packet:
 *
 *     struct ble_hci_evt_pkt pkt;                  (layers/hci.h)
 *     const struct ble_pdu_desc *d;
 *     union ble_hci_evt_params ev;
 *     ble_hci_evt_packet(buf, len, &pkt);
 *     d = ble_hci_evt_desc(pkt.code);              NULL: not an LE host's event
 *     ble_pdu_decode(d, pkt.params.p, pkt.params.len, &ev);
 *     if (pkt.code == BLE_HCI_EVT_LE_META) {
 *         union ble_hci_le_evt_params le;
 *         d = ble_hci_le_evt_desc(ev.le_meta.subevent_code);
 *         ble_pdu_decode(d, ev.le_meta.parameters.p, ev.le_meta.parameters.len, &le);
 *     }
 *
 * Arrays whose count octet sits right before their elements are ARR8 fields
 * with one element struct each (read element i with ble_arr_get()). Arrays of
 * several parameters are laid out interleaved, element by element, as
 * controllers send them (Number Of Completed Packets, the advertising
 * reports). What the table machinery cannot say is commented at the row:
 *   - the octets inside each Channel Sounding step (Step_Data) stay a view:
 *     their layout depends on the step mode, role and antenna paths;
 *   - Command Complete's return parameters stay a view: they are decoded per
 *     opcode by the command tables (layers/hci_cmd.h).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/hci_evt.h"
#endif

#ifndef BLE_HCI_EVT_H
#define BLE_HCI_EVT_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Events (Core 6.0 Vol 4 Part E 7.7) ------------------------------------
 * X(code, NAME, name, "Spec Name", FIELDS, flags), sorted by code. The events
 * an LE-only Controller sends (Vol 4 Part E 3.1 and the LE column of the
 * event list): BR/EDR-only events are left out. */
#define BLE_HCI_EVT_TABLE(X)                                                                 \
    X(0x05, DISCONNECTION_COMPLETE, disconnection_complete, "Disconnection Complete",        \
      BLE_HCI_EVT_DISCONNECTION_COMPLETE_F, 0)                                               \
    X(0x08, ENCRYPTION_CHANGE, encryption_change, "Encryption Change [v1]",                  \
      BLE_HCI_EVT_ENCRYPTION_CHANGE_F, 0)                                                    \
    X(0x0C, READ_REMOTE_VERSION_COMPLETE, read_remote_version_complete,                      \
      "Read Remote Version Information Complete", BLE_HCI_EVT_READ_REMOTE_VERSION_F, 0)      \
    X(0x0E, COMMAND_COMPLETE, command_complete, "Command Complete",                          \
      BLE_HCI_EVT_COMMAND_COMPLETE_F, 0)                                                     \
    X(0x0F, COMMAND_STATUS, command_status, "Command Status", BLE_HCI_EVT_COMMAND_STATUS_F, 0) \
    X(0x10, HARDWARE_ERROR, hardware_error, "Hardware Error", BLE_HCI_EVT_HARDWARE_ERROR_F, 0) \
    X(0x13, NUMBER_OF_COMPLETED_PACKETS, number_of_completed_packets,                        \
      "Number Of Completed Packets", BLE_HCI_EVT_NOCP_F, 0)                                  \
    X(0x1A, DATA_BUFFER_OVERFLOW, data_buffer_overflow, "Data Buffer Overflow",              \
      BLE_HCI_EVT_DATA_BUFFER_OVERFLOW_F, 0)                                                 \
    X(0x30, ENCRYPTION_KEY_REFRESH_COMPLETE, encryption_key_refresh_complete,                \
      "Encryption Key Refresh Complete", BLE_HCI_EVT_STATUS_HANDLE_F, 0)                     \
    X(0x3E, LE_META, le_meta, "LE Meta", BLE_HCI_EVT_LE_META_F, 0)                           \
    X(0x57, AUTH_PAYLOAD_TIMEOUT_EXPIRED, auth_payload_timeout_expired,                      \
      "Authenticated Payload Timeout Expired", BLE_HCI_EVT_HANDLE_F, 0)                      \
    X(0x59, ENCRYPTION_CHANGE_V2, encryption_change_v2, "Encryption Change [v2]",            \
      BLE_HCI_EVT_ENCRYPTION_CHANGE_V2_F, 0)                                                 \
    X(0xFF, VENDOR, vendor, "Vendor Specific", BLE_HCI_EVT_VENDOR_F, 0)

/* 7.7.5 */
#define BLE_HCI_EVT_DISCONNECTION_COMPLETE_F(F, S)                                           \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, reason, &ble_hci_status_names)

/* 7.7.8 [v1] */
#define BLE_HCI_EVT_ENCRYPTION_CHANGE_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, encryption_enabled, 0)

/* 7.7.8 [v2] */
#define BLE_HCI_EVT_ENCRYPTION_CHANGE_V2_F(F, S)                                             \
    BLE_HCI_EVT_ENCRYPTION_CHANGE_F(F, S)                                                    \
    F(S, U8, encryption_key_size, 0)

/* 7.7.12: on an LE link Version is the Link Layer VersNr, Company_Identifier
 * (named Manufacturer_Name in older versions) the CompId. */
#define BLE_HCI_EVT_READ_REMOTE_VERSION_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, version, 0)                                                                     \
    F(S, U16, company_identifier, 0)                                                         \
    F(S, U16, subversion, 0)

/* 7.7.14: the return parameters depend on the opcode; the command tables
 * decode them. */
#define BLE_HCI_EVT_COMMAND_COMPLETE_F(F, S)                                                 \
    F(S, U8, num_hci_command_packets, 0)                                                     \
    F(S, U16, command_opcode, 0)                                                             \
    F(S, REST, return_parameters, 0)

/* 7.7.15 */
#define BLE_HCI_EVT_COMMAND_STATUS_F(F, S)                                                   \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, num_hci_command_packets, 0)                                                     \
    F(S, U16, command_opcode, 0)

/* 7.7.16 */
#define BLE_HCI_EVT_HARDWARE_ERROR_F(F, S) F(S, U8, hardware_code, 0)

/* 7.7.19: Num_Handles, then {Connection_Handle, Num_Completed_Packets} per handle. */
#define BLE_HCI_EVT_NOCP_ENTRY_F(F, S)                                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, num_completed_packets, 0)
#define BLE_HCI_EVT_NOCP_F(F, S) F(S, ARR8, handles, ble_hci_evt_nocp_entry_desc)

/* 7.7.26 */
#define BLE_HCI_EVT_DATA_BUFFER_OVERFLOW_F(F, S)                                             \
    F(S, U8, link_type, &ble_hci_link_type_names)

/* 7.7.39 Encryption Key Refresh Complete */
#define BLE_HCI_EVT_STATUS_HANDLE_F(F, S)                                                    \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)

/* 7.7.65: the subevent's parameters go through BLE_HCI_LE_EVT_TABLE. */
#define BLE_HCI_EVT_LE_META_F(F, S)                                                          \
    F(S, U8, subevent_code, 0)                                                               \
    F(S, REST, parameters, 0)

/* 7.7.75 Authenticated Payload Timeout Expired */
#define BLE_HCI_EVT_HANDLE_F(F, S) F(S, U16, connection_handle, 0)

/* 5.4.4: event code 0xFF is for vendor-specific debugging events. */
#define BLE_HCI_EVT_VENDOR_F(F, S) F(S, REST, data, 0)

/* ---- LE Meta subevents (Core 6.0 Vol 4 Part E 7.7.65) ------------------------
 * X(subevent, NAME, name, "Spec Name", FIELDS, flags), sorted by subevent. */
#define BLE_HCI_LE_EVT_TABLE(X)                                                              \
    X(0x01, CONN_COMPLETE, conn_complete, "LE Connection Complete", BLE_HCI_LE_CONN_COMPLETE_F, 0) \
    X(0x02, ADV_REPORT, adv_report, "LE Advertising Report", BLE_HCI_LE_ADV_REPORT_F, 0)     \
    X(0x03, CONN_UPDATE_COMPLETE, conn_update_complete, "LE Connection Update Complete",     \
      BLE_HCI_LE_CONN_UPDATE_COMPLETE_F, 0)                                                  \
    X(0x04, READ_REMOTE_FEATURES_COMPLETE, read_remote_features_complete,                    \
      "LE Read Remote Features Page 0 Complete", BLE_HCI_LE_READ_REMOTE_FEATURES_F, 0)       \
    X(0x05, LTK_REQUEST, ltk_request, "LE Long Term Key Request", BLE_HCI_LE_LTK_REQUEST_F, 0) \
    X(0x06, REMOTE_CONN_PARAM_REQUEST, remote_conn_param_request,                            \
      "LE Remote Connection Parameter Request", BLE_HCI_LE_REMOTE_CONN_PARAM_F, 0)           \
    X(0x07, DATA_LENGTH_CHANGE, data_length_change, "LE Data Length Change",                 \
      BLE_HCI_LE_DATA_LENGTH_CHANGE_F, 0)                                                    \
    X(0x08, READ_LOCAL_P256_KEY_COMPLETE, read_local_p256_key_complete,                      \
      "LE Read Local P-256 Public Key Complete", BLE_HCI_LE_P256_KEY_F, 0)                   \
    X(0x09, GENERATE_DHKEY_COMPLETE, generate_dhkey_complete, "LE Generate DHKey Complete",  \
      BLE_HCI_LE_DHKEY_F, 0)                                                                 \
    X(0x0A, ENH_CONN_COMPLETE, enh_conn_complete, "LE Enhanced Connection Complete [v1]",    \
      BLE_HCI_LE_ENH_CONN_COMPLETE_F, 0)                                                     \
    X(0x0B, DIRECTED_ADV_REPORT, directed_adv_report, "LE Directed Advertising Report",      \
      BLE_HCI_LE_DIRECTED_ADV_REPORT_F, 0)                                                   \
    X(0x0C, PHY_UPDATE_COMPLETE, phy_update_complete, "LE PHY Update Complete",              \
      BLE_HCI_LE_PHY_UPDATE_COMPLETE_F, 0)                                                   \
    X(0x0D, EXT_ADV_REPORT, ext_adv_report, "LE Extended Advertising Report",                \
      BLE_HCI_LE_EXT_ADV_REPORT_F, 0)                                                        \
    X(0x0E, PA_SYNC_ESTABLISHED, pa_sync_established,                                        \
      "LE Periodic Advertising Sync Established [v1]", BLE_HCI_LE_PA_SYNC_ESTABLISHED_F, 0)  \
    X(0x0F, PA_REPORT, pa_report, "LE Periodic Advertising Report [v1]", BLE_HCI_LE_PA_REPORT_F, 0) \
    X(0x10, PA_SYNC_LOST, pa_sync_lost, "LE Periodic Advertising Sync Lost",                 \
      BLE_HCI_LE_SYNC_HANDLE_F, 0)                                                           \
    X(0x11, SCAN_TIMEOUT, scan_timeout, "LE Scan Timeout", BLE_NOFIELDS, 0)                  \
    X(0x12, ADV_SET_TERMINATED, adv_set_terminated, "LE Advertising Set Terminated",         \
      BLE_HCI_LE_ADV_SET_TERMINATED_F, 0)                                                    \
    X(0x13, SCAN_REQUEST_RECEIVED, scan_request_received, "LE Scan Request Received",        \
      BLE_HCI_LE_SCAN_REQUEST_RECEIVED_F, 0)                                                 \
    X(0x14, CHANNEL_SELECTION_ALGORITHM, channel_selection_algorithm,                        \
      "LE Channel Selection Algorithm", BLE_HCI_LE_CHANNEL_SELECTION_F, 0)                   \
    X(0x15, CONNECTIONLESS_IQ_REPORT, connectionless_iq_report, "LE Connectionless IQ Report", \
      BLE_HCI_LE_CONNECTIONLESS_IQ_F, 0)                                                     \
    X(0x16, CONNECTION_IQ_REPORT, connection_iq_report, "LE Connection IQ Report",           \
      BLE_HCI_LE_CONNECTION_IQ_F, 0)                                                         \
    X(0x17, CTE_REQUEST_FAILED, cte_request_failed, "LE CTE Request Failed",                 \
      BLE_HCI_LE_STATUS_HANDLE_F, 0)                                                         \
    X(0x18, PAST_RECEIVED, past_received, "LE Periodic Advertising Sync Transfer Received [v1]", \
      BLE_HCI_LE_PAST_RECEIVED_F, 0)                                                         \
    X(0x19, CIS_ESTABLISHED, cis_established, "LE CIS Established [v1]",                     \
      BLE_HCI_LE_CIS_ESTABLISHED_F, 0)                                                       \
    X(0x1A, CIS_REQUEST, cis_request, "LE CIS Request", BLE_HCI_LE_CIS_REQUEST_F, 0)         \
    X(0x1B, CREATE_BIG_COMPLETE, create_big_complete, "LE Create BIG Complete",              \
      BLE_HCI_LE_CREATE_BIG_COMPLETE_F, 0)                                                   \
    X(0x1C, TERMINATE_BIG_COMPLETE, terminate_big_complete, "LE Terminate BIG Complete",     \
      BLE_HCI_LE_BIG_REASON_F, 0)                                                            \
    X(0x1D, BIG_SYNC_ESTABLISHED, big_sync_established, "LE BIG Sync Established",           \
      BLE_HCI_LE_BIG_SYNC_ESTABLISHED_F, 0)                                                  \
    X(0x1E, BIG_SYNC_LOST, big_sync_lost, "LE BIG Sync Lost", BLE_HCI_LE_BIG_REASON_F, 0)    \
    X(0x1F, REQUEST_PEER_SCA_COMPLETE, request_peer_sca_complete,                            \
      "LE Request Peer SCA Complete", BLE_HCI_LE_PEER_SCA_F, 0)                              \
    X(0x20, PATH_LOSS_THRESHOLD, path_loss_threshold, "LE Path Loss Threshold",              \
      BLE_HCI_LE_PATH_LOSS_F, 0)                                                             \
    X(0x21, TRANSMIT_POWER_REPORTING, transmit_power_reporting, "LE Transmit Power Reporting", \
      BLE_HCI_LE_TX_POWER_REPORTING_F, 0)                                                    \
    X(0x22, BIGINFO_ADV_REPORT, biginfo_adv_report, "LE BIGInfo Advertising Report",         \
      BLE_HCI_LE_BIGINFO_F, 0)                                                               \
    X(0x23, SUBRATE_CHANGE, subrate_change, "LE Subrate Change", BLE_HCI_LE_SUBRATE_CHANGE_F, 0) \
    X(0x24, PA_SYNC_ESTABLISHED_V2, pa_sync_established_v2,                                  \
      "LE Periodic Advertising Sync Established [v2]", BLE_HCI_LE_PA_SYNC_ESTABLISHED_V2_F, 0) \
    X(0x25, PA_REPORT_V2, pa_report_v2, "LE Periodic Advertising Report [v2]",               \
      BLE_HCI_LE_PA_REPORT_V2_F, 0)                                                          \
    X(0x26, PAST_RECEIVED_V2, past_received_v2,                                              \
      "LE Periodic Advertising Sync Transfer Received [v2]", BLE_HCI_LE_PAST_RECEIVED_V2_F, 0) \
    X(0x27, PA_SUBEVENT_DATA_REQUEST, pa_subevent_data_request,                              \
      "LE Periodic Advertising Subevent Data Request", BLE_HCI_LE_PA_SUBEVENT_DATA_REQUEST_F, 0) \
    X(0x28, PA_RESPONSE_REPORT, pa_response_report, "LE Periodic Advertising Response Report", \
      BLE_HCI_LE_PA_RESPONSE_REPORT_F, 0)                                                    \
    X(0x29, ENH_CONN_COMPLETE_V2, enh_conn_complete_v2, "LE Enhanced Connection Complete [v2]", \
      BLE_HCI_LE_ENH_CONN_COMPLETE_V2_F, 0)                                                  \
    X(0x2A, CIS_ESTABLISHED_V2, cis_established_v2, "LE CIS Established [v2]",               \
      BLE_HCI_LE_CIS_ESTABLISHED_V2_F, 0)                                                    \
    X(0x2B, READ_ALL_REMOTE_FEATURES_COMPLETE, read_all_remote_features_complete,            \
      "LE Read All Remote Features Complete", BLE_HCI_LE_READ_ALL_REMOTE_FEATURES_F, 0)      \
    X(0x2C, CS_READ_REMOTE_CAPS_COMPLETE, cs_read_remote_caps_complete,                      \
      "LE CS Read Remote Supported Capabilities Complete", BLE_HCI_LE_CS_REMOTE_CAPS_F, 0)   \
    X(0x2D, CS_READ_REMOTE_FAE_TABLE_COMPLETE, cs_read_remote_fae_table_complete,            \
      "LE CS Read Remote FAE Table Complete", BLE_HCI_LE_CS_REMOTE_FAE_F, 0)                 \
    X(0x2E, CS_SECURITY_ENABLE_COMPLETE, cs_security_enable_complete,                        \
      "LE CS Security Enable Complete", BLE_HCI_LE_STATUS_HANDLE_F, 0)                       \
    X(0x2F, CS_CONFIG_COMPLETE, cs_config_complete, "LE CS Config Complete",                 \
      BLE_HCI_LE_CS_CONFIG_COMPLETE_F, 0)                                                    \
    X(0x30, CS_PROCEDURE_ENABLE_COMPLETE, cs_procedure_enable_complete,                      \
      "LE CS Procedure Enable Complete", BLE_HCI_LE_CS_PROCEDURE_ENABLE_F, 0)                \
    X(0x31, CS_SUBEVENT_RESULT, cs_subevent_result, "LE CS Subevent Result",                 \
      BLE_HCI_LE_CS_SUBEVENT_RESULT_F, 0)                                                    \
    X(0x32, CS_SUBEVENT_RESULT_CONTINUE, cs_subevent_result_continue,                        \
      "LE CS Subevent Result Continue", BLE_HCI_LE_CS_SUBEVENT_RESULT_CONTINUE_F, 0)         \
    X(0x33, CS_TEST_END_COMPLETE, cs_test_end_complete, "LE CS Test End Complete",           \
      BLE_HCI_LE_STATUS_F, 0)                                                                \
    X(0x34, MONITORED_ADVERTISERS_REPORT, monitored_advertisers_report,                      \
      "LE Monitored Advertisers Report", BLE_HCI_LE_MONITORED_ADVERTISERS_F, 0)              \
    X(0x35, FRAME_SPACE_UPDATE_COMPLETE, frame_space_update_complete,                        \
      "LE Frame Space Update Complete", BLE_HCI_LE_FRAME_SPACE_UPDATE_F, 0)

/* Shapes several subevents share. */
#define BLE_HCI_LE_STATUS_F(F, S) F(S, U8, status, &ble_hci_status_names)
#define BLE_HCI_LE_STATUS_HANDLE_F(F, S)                                                     \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)
#define BLE_HCI_LE_SYNC_HANDLE_F(F, S) F(S, U16, sync_handle, 0)

/* 7.7.65.1 */
#define BLE_HCI_LE_CONN_COMPLETE_F(F, S)                                                     \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, role, &ble_hci_role_names)                                                      \
    F(S, U8, peer_address_type, &ble_hci_addr_type_names)                                    \
    F(S, ADDR, peer_address, 0)                                                              \
    F(S, U16, connection_interval, 0)                                                        \
    F(S, U16, peripheral_latency, 0)                                                         \
    F(S, U16, supervision_timeout, 0)                                                        \
    F(S, U8, central_clock_accuracy, 0)

/* 7.7.65.2: Num_Reports, then one report after another. */
#define BLE_HCI_LE_ADV_REPORT_ENTRY_F(F, S)                                                  \
    F(S, U8, event_type, &ble_hci_adv_event_type_names)                                      \
    F(S, U8, address_type, &ble_hci_addr_type_names)                                         \
    F(S, ADDR, address, 0)                                                                   \
    F(S, LV8, data, 0)                                                                       \
    F(S, S8, rssi, 0)
#define BLE_HCI_LE_ADV_REPORT_F(F, S) F(S, ARR8, reports, ble_hci_le_evt_adv_report_entry_desc)

/* 7.7.65.3 */
#define BLE_HCI_LE_CONN_UPDATE_COMPLETE_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, connection_interval, 0)                                                        \
    F(S, U16, peripheral_latency, 0)                                                         \
    F(S, U16, supervision_timeout, 0)

/* 7.7.65.4 (LE Read Remote Features Complete before Core 6.0) */
#define BLE_HCI_LE_READ_REMOTE_FEATURES_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, BYTES, le_features, 8)

/* 7.7.65.5 */
#define BLE_HCI_LE_LTK_REQUEST_F(F, S)                                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U64, random_number, 0)                                                              \
    F(S, U16, encrypted_diversifier, 0)

/* 7.7.65.6 */
#define BLE_HCI_LE_REMOTE_CONN_PARAM_F(F, S)                                                 \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, interval_min, 0)                                                               \
    F(S, U16, interval_max, 0)                                                               \
    F(S, U16, max_latency, 0)                                                                \
    F(S, U16, timeout, 0)

/* 7.7.65.7 */
#define BLE_HCI_LE_DATA_LENGTH_CHANGE_F(F, S)                                                \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, max_tx_octets, 0)                                                              \
    F(S, U16, max_tx_time, 0)                                                                \
    F(S, U16, max_rx_octets, 0)                                                              \
    F(S, U16, max_rx_time, 0)

/* 7.7.65.8: the public key's X then Y coordinate, 32 octets each. */
#define BLE_HCI_LE_P256_KEY_F(F, S)                                                          \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, BYTES, key_x_coordinate, 32)                                                        \
    F(S, BYTES, key_y_coordinate, 32)

/* 7.7.65.9 */
#define BLE_HCI_LE_DHKEY_F(F, S)                                                             \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, BYTES, dh_key, 32)

/* 7.7.65.10 [v1] */
#define BLE_HCI_LE_ENH_CONN_COMPLETE_F(F, S)                                                 \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, role, &ble_hci_role_names)                                                      \
    F(S, U8, peer_address_type, &ble_hci_addr_type_names)                                    \
    F(S, ADDR, peer_address, 0)                                                              \
    F(S, ADDR, local_resolvable_private_address, 0)                                          \
    F(S, ADDR, peer_resolvable_private_address, 0)                                           \
    F(S, U16, connection_interval, 0)                                                        \
    F(S, U16, peripheral_latency, 0)                                                         \
    F(S, U16, supervision_timeout, 0)                                                        \
    F(S, U8, central_clock_accuracy, 0)

/* 7.7.65.10 [v2]: the advertising set or PAwR train the connection came from. */
#define BLE_HCI_LE_ENH_CONN_COMPLETE_V2_F(F, S)                                              \
    BLE_HCI_LE_ENH_CONN_COMPLETE_F(F, S)                                                     \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U16, sync_handle, 0)

/* 7.7.65.11 */
#define BLE_HCI_LE_DIRECTED_ADV_REPORT_ENTRY_F(F, S)                                         \
    F(S, U8, event_type, &ble_hci_adv_event_type_names)                                      \
    F(S, U8, address_type, &ble_hci_addr_type_names)                                         \
    F(S, ADDR, address, 0)                                                                   \
    F(S, U8, direct_address_type, &ble_hci_addr_type_names)                                  \
    F(S, ADDR, direct_address, 0)                                                            \
    F(S, S8, rssi, 0)
#define BLE_HCI_LE_DIRECTED_ADV_REPORT_F(F, S)                                               \
    F(S, ARR8, reports, ble_hci_le_evt_directed_adv_report_entry_desc)

/* 7.7.65.12 */
#define BLE_HCI_LE_PHY_UPDATE_COMPLETE_F(F, S)                                               \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, tx_phy, &ble_hci_phy_names)                                                     \
    F(S, U8, rx_phy, &ble_hci_phy_names)

/* 7.7.65.13: Event_Type is a bit field (connectable, scannable, directed,
 * scan response, legacy, data status in bits 5-6). */
#define BLE_HCI_LE_EXT_ADV_REPORT_ENTRY_F(F, S)                                              \
    F(S, U16, event_type, &ble_hci_ext_adv_event_type_names)                                 \
    F(S, U8, address_type, &ble_hci_addr_type_names)                                         \
    F(S, ADDR, address, 0)                                                                   \
    F(S, U8, primary_phy, &ble_hci_phy_names)                                                \
    F(S, U8, secondary_phy, &ble_hci_phy_names)                                              \
    F(S, U8, advertising_sid, 0)                                                             \
    F(S, S8, tx_power, 0)                                                                    \
    F(S, S8, rssi, 0)                                                                        \
    F(S, U16, periodic_advertising_interval, 0)                                              \
    F(S, U8, direct_address_type, &ble_hci_addr_type_names)                                  \
    F(S, ADDR, direct_address, 0)                                                            \
    F(S, LV8, data, 0)
#define BLE_HCI_LE_EXT_ADV_REPORT_F(F, S)                                                    \
    F(S, ARR8, reports, ble_hci_le_evt_ext_adv_report_entry_desc)

/* 7.7.65.14 [v1] */
#define BLE_HCI_LE_PA_SYNC_ESTABLISHED_F(F, S)                                               \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, advertising_sid, 0)                                                             \
    F(S, U8, advertiser_address_type, &ble_hci_addr_type_names)                              \
    F(S, ADDR, advertiser_address, 0)                                                        \
    F(S, U8, advertiser_phy, &ble_hci_phy_names)                                             \
    F(S, U16, periodic_advertising_interval, 0)                                              \
    F(S, U8, advertiser_clock_accuracy, 0)

/* The PAwR timing appended by the [v2] events (zero without responses). */
#define BLE_HCI_LE_PAWR_TIMING_F(F, S)                                                       \
    F(S, U8, num_subevents, 0)                                                               \
    F(S, U8, subevent_interval, 0)                                                           \
    F(S, U8, response_slot_delay, 0)                                                         \
    F(S, U8, response_slot_spacing, 0)

/* 7.7.65.14 [v2] */
#define BLE_HCI_LE_PA_SYNC_ESTABLISHED_V2_F(F, S)                                            \
    BLE_HCI_LE_PA_SYNC_ESTABLISHED_F(F, S)                                                   \
    BLE_HCI_LE_PAWR_TIMING_F(F, S)

/* 7.7.65.15 [v1] */
#define BLE_HCI_LE_PA_REPORT_F(F, S)                                                         \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, S8, tx_power, 0)                                                                    \
    F(S, S8, rssi, 0)                                                                        \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, U8, data_status, 0)                                                                 \
    F(S, LV8, data, 0)

/* 7.7.65.15 [v2] */
#define BLE_HCI_LE_PA_REPORT_V2_F(F, S)                                                      \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, S8, tx_power, 0)                                                                    \
    F(S, S8, rssi, 0)                                                                        \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, U16, periodic_event_counter, 0)                                                     \
    F(S, U8, subevent, 0)                                                                    \
    F(S, U8, data_status, 0)                                                                 \
    F(S, LV8, data, 0)

/* 7.7.65.18 */
#define BLE_HCI_LE_ADV_SET_TERMINATED_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, num_completed_extended_advertising_events, 0)

/* 7.7.65.19 */
#define BLE_HCI_LE_SCAN_REQUEST_RECEIVED_F(F, S)                                             \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, scanner_address_type, &ble_hci_addr_type_names)                                 \
    F(S, ADDR, scanner_address, 0)

/* 7.7.65.20 */
#define BLE_HCI_LE_CHANNEL_SELECTION_F(F, S)                                                 \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, channel_selection_algorithm, 0)

/* 7.7.65.21 and 7.7.65.22: Sample_Count, then I_Sample[i], Q_Sample[i] pairs.
 * RSSI is a signed 16-bit value in units of 0.1 dBm. */
#define BLE_HCI_LE_IQ_SAMPLE_F(F, S)                                                         \
    F(S, S8, i_sample, 0)                                                                    \
    F(S, S8, q_sample, 0)
#define BLE_HCI_LE_CONNECTIONLESS_IQ_F(F, S)                                                 \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, channel_index, 0)                                                               \
    F(S, S16, rssi, 0)                                                                       \
    F(S, U8, rssi_antenna_id, 0)                                                             \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, U8, slot_durations, 0)                                                              \
    F(S, U8, packet_status, 0)                                                               \
    F(S, U16, periodic_event_counter, 0)                                                     \
    F(S, ARR8, samples, ble_hci_le_evt_iq_sample_desc)
#define BLE_HCI_LE_CONNECTION_IQ_F(F, S)                                                     \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, rx_phy, &ble_hci_phy_names)                                                     \
    F(S, U8, data_channel_index, 0)                                                          \
    F(S, S16, rssi, 0)                                                                       \
    F(S, U8, rssi_antenna_id, 0)                                                             \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, U8, slot_durations, 0)                                                              \
    F(S, U8, packet_status, 0)                                                               \
    F(S, U16, connection_event_counter, 0)                                                   \
    F(S, ARR8, samples, ble_hci_le_evt_iq_sample_desc)

/* 7.7.65.24 [v1] */
#define BLE_HCI_LE_PAST_RECEIVED_F(F, S)                                                     \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, service_data, 0)                                                               \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, advertising_sid, 0)                                                             \
    F(S, U8, advertiser_address_type, &ble_hci_addr_type_names)                              \
    F(S, ADDR, advertiser_address, 0)                                                        \
    F(S, U8, advertiser_phy, &ble_hci_phy_names)                                             \
    F(S, U16, periodic_advertising_interval, 0)                                              \
    F(S, U8, advertiser_clock_accuracy, 0)

/* 7.7.65.24 [v2] */
#define BLE_HCI_LE_PAST_RECEIVED_V2_F(F, S)                                                  \
    BLE_HCI_LE_PAST_RECEIVED_F(F, S)                                                         \
    BLE_HCI_LE_PAWR_TIMING_F(F, S)

/* 7.7.65.25 [v1]: delays and latencies in microseconds, 3 octets each. */
#define BLE_HCI_LE_CIS_ESTABLISHED_F(F, S)                                                   \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U24, cig_sync_delay, 0)                                                             \
    F(S, U24, cis_sync_delay, 0)                                                             \
    F(S, U24, transport_latency_c_to_p, 0)                                                   \
    F(S, U24, transport_latency_p_to_c, 0)                                                   \
    F(S, U8, phy_c_to_p, &ble_hci_phy_names)                                                 \
    F(S, U8, phy_p_to_c, &ble_hci_phy_names)                                                 \
    F(S, U8, nse, 0)                                                                         \
    F(S, U8, bn_c_to_p, 0)                                                                   \
    F(S, U8, bn_p_to_c, 0)                                                                   \
    F(S, U8, ft_c_to_p, 0)                                                                   \
    F(S, U8, ft_p_to_c, 0)                                                                   \
    F(S, U16, max_pdu_c_to_p, 0)                                                             \
    F(S, U16, max_pdu_p_to_c, 0)                                                             \
    F(S, U16, iso_interval, 0)

/* 7.7.65.25 [v2]: the [v1] parameters, then the subevent spacing and the SDU
 * parameters. */
#define BLE_HCI_LE_CIS_ESTABLISHED_V2_F(F, S)                                                \
    BLE_HCI_LE_CIS_ESTABLISHED_F(F, S)                                                       \
    F(S, U24, sub_interval, 0)                                                               \
    F(S, U16, max_sdu_c_to_p, 0)                                                             \
    F(S, U16, max_sdu_p_to_c, 0)                                                             \
    F(S, U24, sdu_interval_c_to_p, 0)                                                        \
    F(S, U24, sdu_interval_p_to_c, 0)                                                        \
    F(S, U8, framing, 0)

/* 7.7.65.26 */
#define BLE_HCI_LE_CIS_REQUEST_F(F, S)                                                       \
    F(S, U16, acl_connection_handle, 0)                                                      \
    F(S, U16, cis_connection_handle, 0)                                                      \
    F(S, U8, cig_id, 0)                                                                      \
    F(S, U8, cis_id, 0)

/* One BIS handle of 7.7.65.27 and 7.7.65.29 (Num_BIS, then Connection_Handle[i]). */
#define BLE_HCI_LE_BIS_HANDLE_F(F, S) F(S, U16, connection_handle, 0)

/* 7.7.65.27 */
#define BLE_HCI_LE_CREATE_BIG_COMPLETE_F(F, S)                                               \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U24, big_sync_delay, 0)                                                             \
    F(S, U24, transport_latency_big, 0)                                                      \
    F(S, U8, phy, &ble_hci_phy_names)                                                        \
    F(S, U8, nse, 0)                                                                         \
    F(S, U8, bn, 0)                                                                          \
    F(S, U8, pto, 0)                                                                         \
    F(S, U8, irc, 0)                                                                         \
    F(S, U16, max_pdu, 0)                                                                    \
    F(S, U16, iso_interval, 0)                                                               \
    F(S, ARR8, connection_handles, ble_hci_le_evt_bis_handle_desc)

/* 7.7.65.28 Terminate BIG Complete, 7.7.65.30 BIG Sync Lost */
#define BLE_HCI_LE_BIG_REASON_F(F, S)                                                        \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U8, reason, &ble_hci_status_names)

/* 7.7.65.29 */
#define BLE_HCI_LE_BIG_SYNC_ESTABLISHED_F(F, S)                                              \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U8, big_handle, 0)                                                                  \
    F(S, U24, transport_latency_big, 0)                                                      \
    F(S, U8, nse, 0)                                                                         \
    F(S, U8, bn, 0)                                                                          \
    F(S, U8, pto, 0)                                                                         \
    F(S, U8, irc, 0)                                                                         \
    F(S, U16, max_pdu, 0)                                                                    \
    F(S, U16, iso_interval, 0)                                                               \
    F(S, ARR8, connection_handles, ble_hci_le_evt_bis_handle_desc)

/* 7.7.65.31 */
#define BLE_HCI_LE_PEER_SCA_F(F, S)                                                          \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, peer_clock_accuracy, 0)

/* 7.7.65.32 */
#define BLE_HCI_LE_PATH_LOSS_F(F, S)                                                         \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, current_path_loss, 0)                                                           \
    F(S, U8, zone_entered, 0)

/* 7.7.65.33 */
#define BLE_HCI_LE_TX_POWER_REPORTING_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, reason, 0)                                                                      \
    F(S, U8, phy, 0)                                                                         \
    F(S, S8, tx_power_level, 0)                                                              \
    F(S, U8, tx_power_level_flag, 0)                                                         \
    F(S, S8, delta, 0)

/* 7.7.65.34 */
#define BLE_HCI_LE_BIGINFO_F(F, S)                                                           \
    F(S, U16, sync_handle, 0)                                                                \
    F(S, U8, num_bis, 0)                                                                     \
    F(S, U8, nse, 0)                                                                         \
    F(S, U16, iso_interval, 0)                                                               \
    F(S, U8, bn, 0)                                                                          \
    F(S, U8, pto, 0)                                                                         \
    F(S, U8, irc, 0)                                                                         \
    F(S, U16, max_pdu, 0)                                                                    \
    F(S, U24, sdu_interval, 0)                                                               \
    F(S, U16, max_sdu, 0)                                                                    \
    F(S, U8, phy, &ble_hci_phy_names)                                                        \
    F(S, U8, framing, 0)                                                                     \
    F(S, U8, encryption, 0)

/* 7.7.65.35 */
#define BLE_HCI_LE_SUBRATE_CHANGE_F(F, S)                                                    \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U16, subrate_factor, 0)                                                             \
    F(S, U16, peripheral_latency, 0)                                                         \
    F(S, U16, continuation_number, 0)                                                        \
    F(S, U16, supervision_timeout, 0)

/* 7.7.65.36 */
#define BLE_HCI_LE_PA_SUBEVENT_DATA_REQUEST_F(F, S)                                          \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, subevent_start, 0)                                                              \
    F(S, U8, subevent_data_count, 0)

/* 7.7.65.37: Num_Responses, then one response after another. */
#define BLE_HCI_LE_PA_RESPONSE_F(F, S)                                                       \
    F(S, S8, tx_power, 0)                                                                    \
    F(S, S8, rssi, 0)                                                                        \
    F(S, U8, cte_type, 0)                                                                    \
    F(S, U8, response_slot, 0)                                                               \
    F(S, U8, data_status, 0)                                                                 \
    F(S, LV8, data, 0)
#define BLE_HCI_LE_PA_RESPONSE_REPORT_F(F, S)                                                \
    F(S, U8, advertising_handle, 0)                                                          \
    F(S, U8, subevent, 0)                                                                    \
    F(S, U8, tx_status, 0)                                                                   \
    F(S, ARR8, responses, ble_hci_le_evt_pa_response_desc)

/* 7.7.65.38: feature pages 1..10 follow page 0, 24 octets each after its 8. */
#define BLE_HCI_LE_READ_ALL_REMOTE_FEATURES_F(F, S)                                          \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, max_remote_page, 0)                                                             \
    F(S, U8, max_valid_page, 0)                                                              \
    F(S, BYTES, le_features, 248)

/* 7.7.65.39 */
#define BLE_HCI_LE_CS_REMOTE_CAPS_F(F, S)                                                    \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
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

/* 7.7.65.40: 72 signed octets, one per channel, in 0.01 ppm. */
#define BLE_HCI_LE_CS_REMOTE_FAE_F(F, S)                                                     \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, BYTES, remote_fae_table, 72)

/* 7.7.65.42 */
#define BLE_HCI_LE_CS_CONFIG_COMPLETE_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U8, action, 0)                                                                      \
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
    F(S, U8, reserved, 0)                                                                    \
    F(S, U8, t_ip1_time, 0)                                                                  \
    F(S, U8, t_ip2_time, 0)                                                                  \
    F(S, U8, t_fcs_time, 0)                                                                  \
    F(S, U8, t_pm_time, 0)

/* 7.7.65.43 */
#define BLE_HCI_LE_CS_PROCEDURE_ENABLE_F(F, S)                                               \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U8, state, 0)                                                                       \
    F(S, U8, tone_antenna_config_selection, 0)                                               \
    F(S, S8, selected_tx_power, 0)                                                           \
    F(S, U24, subevent_len, 0)                                                               \
    F(S, U8, subevents_per_event, 0)                                                         \
    F(S, U16, subevent_interval, 0)                                                          \
    F(S, U16, event_interval, 0)                                                             \
    F(S, U16, procedure_interval, 0)                                                         \
    F(S, U16, procedure_count, 0)                                                            \
    F(S, U16, max_procedure_len, 0)

/* 7.7.65.44 and 7.7.65.45: Num_Steps_Reported, then per step its mode,
 * channel and Step_Data_Length-long data. The step data's layout depends on
 * the mode, the role and Num_Antenna_Paths (Vol 4 Part E 7.7.65.44), which
 * the table cannot express: it stays a view. Abort_Reason holds the
 * procedure's reason in bits 0-3 and the subevent's in bits 4-7. */
#define BLE_HCI_LE_CS_STEP_F(F, S)                                                           \
    F(S, U8, step_mode, 0)                                                                   \
    F(S, U8, step_channel, 0)                                                                \
    F(S, LV8, step_data, 0)
#define BLE_HCI_LE_CS_SUBEVENT_RESULT_F(F, S)                                                \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U16, start_acl_conn_event_counter, 0)                                               \
    F(S, U16, procedure_counter, 0)                                                          \
    F(S, U16, frequency_compensation, 0)                                                     \
    F(S, S8, reference_power_level, 0)                                                       \
    F(S, U8, procedure_done_status, 0)                                                       \
    F(S, U8, subevent_done_status, 0)                                                        \
    F(S, U8, abort_reason, 0)                                                                \
    F(S, U8, num_antenna_paths, 0)                                                           \
    F(S, ARR8, steps, ble_hci_le_evt_cs_step_desc)
#define BLE_HCI_LE_CS_SUBEVENT_RESULT_CONTINUE_F(F, S)                                       \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, config_id, 0)                                                                   \
    F(S, U8, procedure_done_status, 0)                                                       \
    F(S, U8, subevent_done_status, 0)                                                        \
    F(S, U8, abort_reason, 0)                                                                \
    F(S, U8, num_antenna_paths, 0)                                                           \
    F(S, ARR8, steps, ble_hci_le_evt_cs_step_desc)

/* 7.7.65.47 */
#define BLE_HCI_LE_MONITORED_ADVERTISERS_F(F, S)                                             \
    F(S, U8, address_type, &ble_hci_addr_type_names)                                         \
    F(S, ADDR, address, 0)                                                                   \
    F(S, U8, condition, 0)

/* 7.7.65.48 */
#define BLE_HCI_LE_FRAME_SPACE_UPDATE_F(F, S)                                                \
    F(S, U8, status, &ble_hci_status_names)                                                  \
    F(S, U16, connection_handle, 0)                                                          \
    F(S, U8, initiator, 0)                                                                   \
    F(S, U16, frame_space, 0)                                                                \
    F(S, U8, phys, 0)                                                                        \
    F(S, U16, spacing_types, 0)

/* ---- Generated declarations ---------------------------------------------- */

#define BLE_HCI_EVT_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_HCI_EVT, code, NAME)
#define BLE_HCI_EVT_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_HCI_EVT, NAME)
#define BLE_HCI_EVT_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_hci_evt, name, FIELDS)
#define BLE_HCI_EVT_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_hci_evt, name)
#define BLE_HCI_EVT_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP(ble_hci_evt, BLE_HCI_EVT, NAME, name)
#define BLE_HCI_LE_EVT_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_HCI_LE_EVT, code, NAME)
#define BLE_HCI_LE_EVT_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_HCI_LE_EVT, NAME)
#define BLE_HCI_LE_EVT_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_hci_le_evt, name, FIELDS)
#define BLE_HCI_LE_EVT_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_hci_le_evt, name)
#define BLE_HCI_LE_EVT_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP(ble_hci_le_evt, BLE_HCI_LE_EVT, NAME, name)

/* BLE_HCI_EVT_<NAME> = event code; BLE_HCI_EVT_IDX_<NAME> = row in ble_hci_evt_descs. */
enum ble_hci_evt_code { BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_CODE_) BLE_HCI_EVT_CODE_END_ };
enum ble_hci_evt_index { BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_INDEX_) BLE_HCI_EVT_COUNT };
/* BLE_HCI_LE_EVT_<NAME> = subevent code; BLE_HCI_LE_EVT_IDX_<NAME> = row in ble_hci_le_evt_descs. */
enum ble_hci_le_evt_code { BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_CODE_) BLE_HCI_LE_EVT_CODE_END_ };
enum ble_hci_le_evt_index { BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_INDEX_) BLE_HCI_LE_EVT_COUNT };

/* Array elements. */
BLE_GEN_STRUCT(ble_hci_evt, nocp_entry, BLE_HCI_EVT_NOCP_ENTRY_F)
BLE_GEN_STRUCT(ble_hci_le_evt, adv_report_entry, BLE_HCI_LE_ADV_REPORT_ENTRY_F)
BLE_GEN_STRUCT(ble_hci_le_evt, directed_adv_report_entry, BLE_HCI_LE_DIRECTED_ADV_REPORT_ENTRY_F)
BLE_GEN_STRUCT(ble_hci_le_evt, ext_adv_report_entry, BLE_HCI_LE_EXT_ADV_REPORT_ENTRY_F)
BLE_GEN_STRUCT(ble_hci_le_evt, iq_sample, BLE_HCI_LE_IQ_SAMPLE_F)
BLE_GEN_STRUCT(ble_hci_le_evt, bis_handle, BLE_HCI_LE_BIS_HANDLE_F)
BLE_GEN_STRUCT(ble_hci_le_evt, pa_response, BLE_HCI_LE_PA_RESPONSE_F)
BLE_GEN_STRUCT(ble_hci_le_evt, cs_step, BLE_HCI_LE_CS_STEP_F)

/* struct ble_hci_evt_<name> and struct ble_hci_le_evt_<name>. */
BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_STRUCT_)
BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_STRUCT_)
union ble_hci_evt_params { BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_UNION_) };
union ble_hci_le_evt_params { BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_UNION_) };

extern const struct ble_pdu_desc ble_hci_evt_descs[BLE_HCI_EVT_COUNT];
extern const struct ble_pdu_desc ble_hci_le_evt_descs[BLE_HCI_LE_EVT_COUNT];
extern const struct ble_pdu_desc ble_hci_evt_nocp_entry_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_adv_report_entry_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_directed_adv_report_entry_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_ext_adv_report_entry_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_iq_sample_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_bis_handle_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_pa_response_desc;
extern const struct ble_pdu_desc ble_hci_le_evt_cs_step_desc;

/* Value names for the printers (empty without BLE_CFG_NAMES). */
extern const struct ble_names ble_hci_role_names;            /* Role: Central, Peripheral */
extern const struct ble_names ble_hci_addr_type_names;       /* Vol 4 Part E 7.7.65.10, 7.7.65.13 */
extern const struct ble_names ble_hci_phy_names;             /* PHY values of the events */
extern const struct ble_names ble_hci_adv_event_type_names;  /* 7.7.65.2 legacy PDU types */
extern const struct ble_names ble_hci_ext_adv_event_type_names; /* 7.7.65.13 legacy combinations */
extern const struct ble_names ble_hci_link_type_names;       /* 7.7.26 Link_Type */

/* ble_hci_evt_<name>_encode / _decode and ble_hci_le_evt_<name>_encode / _decode. */
BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_WRAP_)
BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_WRAP_)

/* The descriptor of an event code, or NULL for one an LE host does not get. */
BLE_API const struct ble_pdu_desc *ble_hci_evt_desc(unsigned code);
/* The descriptor of an LE Meta Subevent_Code, or NULL for an unknown one. */
BLE_API const struct ble_pdu_desc *ble_hci_le_evt_desc(unsigned subevent);

#ifdef __cplusplus
}
#endif

#endif /* BLE_HCI_EVT_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_HCI_EVT_IMPL)
#define BLE_HCI_EVT_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#define BLE_HCI_EVT_NAMES_(list) { list, (uint16_t)(sizeof list / sizeof list[0]) }
#if BLE_CFG_NAMES
static const struct ble_name ble_hci_role_list_[] = { { 0x00, "Central" }, { 0x01, "Peripheral" } };
static const struct ble_name ble_hci_addr_type_list_[] = {
    { 0x00, "Public" }, { 0x01, "Random" }, { 0x02, "Public Identity" },
    { 0x03, "Random Identity" }, { 0xFE, "Unresolved RPA" }, { 0xFF, "Anonymous" },
};
/* 0x00 means no secondary advertising; 0x03 is LE Coded (S=8 where the coding
 * is told apart, Core 5.4 Advertising Coding Selection) and 0x04 LE Coded S=2. */
static const struct ble_name ble_hci_phy_list_[] = {
    { 0x00, "None" }, { 0x01, "LE 1M" }, { 0x02, "LE 2M" }, { 0x03, "LE Coded" },
    { 0x04, "LE Coded S=2" },
};
static const struct ble_name ble_hci_adv_event_type_list_[] = {
    { 0x00, "ADV_IND" }, { 0x01, "ADV_DIRECT_IND" }, { 0x02, "ADV_SCAN_IND" },
    { 0x03, "ADV_NONCONN_IND" }, { 0x04, "SCAN_RSP" },
};
/* 7.7.65.13: the values a legacy PDU reports as. */
static const struct ble_name ble_hci_ext_adv_event_type_list_[] = {
    { 0x0010, "ADV_NONCONN_IND" }, { 0x0012, "ADV_SCAN_IND" }, { 0x0013, "ADV_IND" },
    { 0x0015, "ADV_DIRECT_IND" }, { 0x001A, "SCAN_RSP to ADV_SCAN_IND" },
    { 0x001B, "SCAN_RSP to ADV_IND" },
};
static const struct ble_name ble_hci_link_type_list_[] = {
    { 0x00, "Synchronous" }, { 0x01, "ACL" }, { 0x02, "ISO" },
};
const struct ble_names ble_hci_role_names = BLE_HCI_EVT_NAMES_(ble_hci_role_list_);
const struct ble_names ble_hci_addr_type_names = BLE_HCI_EVT_NAMES_(ble_hci_addr_type_list_);
const struct ble_names ble_hci_phy_names = BLE_HCI_EVT_NAMES_(ble_hci_phy_list_);
const struct ble_names ble_hci_adv_event_type_names = BLE_HCI_EVT_NAMES_(ble_hci_adv_event_type_list_);
const struct ble_names ble_hci_ext_adv_event_type_names =
    BLE_HCI_EVT_NAMES_(ble_hci_ext_adv_event_type_list_);
const struct ble_names ble_hci_link_type_names = BLE_HCI_EVT_NAMES_(ble_hci_link_type_list_);
#else
const struct ble_names ble_hci_role_names = { 0, 0 };
const struct ble_names ble_hci_addr_type_names = { 0, 0 };
const struct ble_names ble_hci_phy_names = { 0, 0 };
const struct ble_names ble_hci_adv_event_type_names = { 0, 0 };
const struct ble_names ble_hci_ext_adv_event_type_names = { 0, 0 };
const struct ble_names ble_hci_link_type_names = { 0, 0 };
#endif
#undef BLE_HCI_EVT_NAMES_

#define BLE_HCI_EVT_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_hci_evt, name, FIELDS)
#define BLE_HCI_EVT_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_hci_evt, code, name, str, fl)
#define BLE_HCI_LE_EVT_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_hci_le_evt, name, FIELDS)
#define BLE_HCI_LE_EVT_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_hci_le_evt, code, name, str, fl)

BLE_GEN_FIELDS(ble_hci_evt, nocp_entry, BLE_HCI_EVT_NOCP_ENTRY_F)
BLE_GEN_FIELDS(ble_hci_le_evt, adv_report_entry, BLE_HCI_LE_ADV_REPORT_ENTRY_F)
BLE_GEN_FIELDS(ble_hci_le_evt, directed_adv_report_entry, BLE_HCI_LE_DIRECTED_ADV_REPORT_ENTRY_F)
BLE_GEN_FIELDS(ble_hci_le_evt, ext_adv_report_entry, BLE_HCI_LE_EXT_ADV_REPORT_ENTRY_F)
BLE_GEN_FIELDS(ble_hci_le_evt, iq_sample, BLE_HCI_LE_IQ_SAMPLE_F)
BLE_GEN_FIELDS(ble_hci_le_evt, bis_handle, BLE_HCI_LE_BIS_HANDLE_F)
BLE_GEN_FIELDS(ble_hci_le_evt, pa_response, BLE_HCI_LE_PA_RESPONSE_F)
BLE_GEN_FIELDS(ble_hci_le_evt, cs_step, BLE_HCI_LE_CS_STEP_F)
const struct ble_pdu_desc ble_hci_evt_nocp_entry_desc = BLE_GEN_ELEM_DESC(ble_hci_evt, nocp_entry);
const struct ble_pdu_desc ble_hci_le_evt_adv_report_entry_desc =
    BLE_GEN_ELEM_DESC(ble_hci_le_evt, adv_report_entry);
const struct ble_pdu_desc ble_hci_le_evt_directed_adv_report_entry_desc =
    BLE_GEN_ELEM_DESC(ble_hci_le_evt, directed_adv_report_entry);
const struct ble_pdu_desc ble_hci_le_evt_ext_adv_report_entry_desc =
    BLE_GEN_ELEM_DESC(ble_hci_le_evt, ext_adv_report_entry);
const struct ble_pdu_desc ble_hci_le_evt_iq_sample_desc = BLE_GEN_ELEM_DESC(ble_hci_le_evt, iq_sample);
const struct ble_pdu_desc ble_hci_le_evt_bis_handle_desc = BLE_GEN_ELEM_DESC(ble_hci_le_evt, bis_handle);
const struct ble_pdu_desc ble_hci_le_evt_pa_response_desc = BLE_GEN_ELEM_DESC(ble_hci_le_evt, pa_response);
const struct ble_pdu_desc ble_hci_le_evt_cs_step_desc = BLE_GEN_ELEM_DESC(ble_hci_le_evt, cs_step);

BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_FIELDS_)
BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_FIELDS_)
const struct ble_pdu_desc ble_hci_evt_descs[BLE_HCI_EVT_COUNT] = { BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_DESC_) };
const struct ble_pdu_desc ble_hci_le_evt_descs[BLE_HCI_LE_EVT_COUNT] = {
    BLE_HCI_LE_EVT_TABLE(BLE_HCI_LE_EVT_X_DESC_)
};

/* A switch over the event codes: they are few and far apart (0x05 .. 0xFF),
 * and every event a host receives passes here. */
#define BLE_HCI_EVT_X_CASE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CASE(ble_hci_evt, BLE_HCI_EVT, code, NAME)
BLE_DEF const struct ble_pdu_desc *ble_hci_evt_desc(unsigned code)
{
    switch (code) {
        BLE_HCI_EVT_TABLE(BLE_HCI_EVT_X_CASE_)
    default:
        return 0;
    }
}

BLE_DEF const struct ble_pdu_desc *ble_hci_le_evt_desc(unsigned subevent)
{
    return ble_pdu_find(ble_hci_le_evt_descs, BLE_HCI_LE_EVT_COUNT, subevent);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
