/* A small PDU family that exercises every field kind of the table machinery.
 * Five rows copy the parameter layouts of real HCI commands (Core 6.0 Vol 4
 * Part E 7.8.5, 7.8.24, 7.8.64, 7.8.97) and of an L2CAP signaling command
 * (Vol 3 Part A 4.25) so their vectors are real ones; the report list
 * and the wide-integer row are made up to reach the remaining kinds. The HCI
 * layer owns the real tables. Shared by the unit tests and the base fuzzer.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef DEMO_TABLE_H
#define DEMO_TABLE_H

#include "../ble.h"

#define DEMO_TABLE(X)                                                                      \
    X(0x0017, CB_CONN_REQ, cb_conn_req, "L2CAP Credit Based Connection Request", DEMO_CB_F, 0) \
    X(0x0C03, RESET, reset, "Reset", BLE_NOFIELDS, 0)                                      \
    X(0x2006, SET_ADV_PARAMS, set_adv_params, "LE Set Advertising Parameters", DEMO_ADV_PARAMS_F, 0) \
    X(0x2019, ENABLE_ENCRYPTION, enable_encryption, "LE Enable Encryption", DEMO_ENC_F, 0)  \
    X(0x2041, SET_EXT_SCAN_PARAMS, set_ext_scan_params, "LE Set Extended Scan Parameters", DEMO_EXT_SCAN_F, 0) \
    X(0x2062, SET_CIG_PARAMS, set_cig_params, "LE Set CIG Parameters", DEMO_CIG_F, 0)      \
    X(0x3E02, ADV_REPORT, adv_report, "LE Advertising Report", DEMO_ADV_REPORT_F, 0)      \
    X(0x7000, WIDE, wide, "Wide Integers", DEMO_WIDE_F, BLE_PDU_F_TRAILING_OK)             \
    X(0xFC00, VENDOR, vendor, "Vendor", DEMO_VENDOR_F, 0)

#define DEMO_CID_F(F, S) F(S, U16, cid, 0)

#define DEMO_CB_F(F, S)                                                                    \
    F(S, U16, spsm, 0)                                                                     \
    F(S, U16, mtu, 0)                                                                      \
    F(S, U16, mps, 0)                                                                      \
    F(S, U16, initial_credits, 0)                                                          \
    F(S, ARRR, source_cid, demo_cid_desc)

#define DEMO_ADV_PARAMS_F(F, S)                                                            \
    F(S, U16, adv_interval_min, 0)                                                         \
    F(S, U16, adv_interval_max, 0)                                                         \
    F(S, U8, adv_type, &demo_adv_type_names)                                               \
    F(S, U8, own_addr_type, 0)                                                             \
    F(S, U8, peer_addr_type, 0)                                                            \
    F(S, ADDR, peer_addr, 0)                                                               \
    F(S, U8, channel_map, 0)                                                               \
    F(S, U8, filter_policy, 0)

#define DEMO_ENC_F(F, S)                                                                   \
    F(S, U16, handle, 0)                                                                   \
    F(S, U64, random_number, 0)                                                            \
    F(S, U16, ediv, 0)                                                                     \
    F(S, BYTES, ltk, 16)

#define DEMO_CIS_F(F, S)                                                                   \
    F(S, U8, cis_id, 0)                                                                    \
    F(S, U16, max_sdu_c_to_p, 0)                                                           \
    F(S, U16, max_sdu_p_to_c, 0)                                                           \
    F(S, U8, phy_c_to_p, 0)                                                                \
    F(S, U8, phy_p_to_c, 0)                                                                \
    F(S, U8, rtn_c_to_p, 0)                                                                \
    F(S, U8, rtn_p_to_c, 0)

#define DEMO_CIG_F(F, S)                                                                   \
    F(S, U8, cig_id, 0)                                                                    \
    F(S, U24, sdu_interval_c_to_p, 0)                                                      \
    F(S, U24, sdu_interval_p_to_c, 0)                                                      \
    F(S, U8, worst_case_sca, 0)                                                            \
    F(S, U8, packing, 0)                                                                   \
    F(S, U8, framing, 0)                                                                   \
    F(S, U16, max_transport_latency_c_to_p, 0)                                             \
    F(S, U16, max_transport_latency_p_to_c, 0)                                             \
    F(S, ARR8, cis, demo_cis_desc)

#define DEMO_SCAN_PHY_F(F, S)                                                              \
    F(S, U8, scan_type, 0)                                                                 \
    F(S, U16, scan_interval, 0)                                                            \
    F(S, U16, scan_window, 0)

#define DEMO_EXT_SCAN_F(F, S)                                                              \
    F(S, U8, own_addr_type, 0)                                                             \
    F(S, U8, filter_policy, 0)                                                             \
    F(S, U8, scanning_phys, 0)                                                             \
    F(S, ARRP, phy, demo_scan_phy_desc)

#define DEMO_REPORT_F(F, S)                                                                \
    F(S, U8, event_type, &demo_adv_type_names)                                             \
    F(S, U8, addr_type, 0)                                                                 \
    F(S, ADDR, addr, 0)                                                                    \
    F(S, LV8, data, 0)                                                                     \
    F(S, S8, rssi, 0)

#define DEMO_ADV_REPORT_F(F, S) F(S, ARR8, reports, demo_report_desc)

#define DEMO_WIDE_F(F, S)                                                                  \
    F(S, U24, u24, 0)                                                                      \
    F(S, U32, u32, 0)                                                                      \
    F(S, U40, u40, 0)                                                                      \
    F(S, U48, u48, 0)                                                                      \
    F(S, S8, s8, 0)                                                                        \
    F(S, S16, s16, 0)

#define DEMO_VENDOR_F(F, S) F(S, REST, data, 0)

/* Declarations: codes, indices, structs, union, descriptor table, wrappers. */
#define DEMO_X_CODE(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(DEMO, code, NAME)
#define DEMO_X_INDEX(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(DEMO, NAME)
#define DEMO_X_STRUCT(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(demo, name, FIELDS)
#define DEMO_X_UNION(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(demo, name)
#define DEMO_X_WRAP(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP(demo, DEMO, NAME, name)

enum demo_code { DEMO_TABLE(DEMO_X_CODE) DEMO_CODE_END_ };
enum demo_index { DEMO_TABLE(DEMO_X_INDEX) DEMO_COUNT };
BLE_GEN_STRUCT(demo, cid, DEMO_CID_F)
BLE_GEN_STRUCT(demo, cis, DEMO_CIS_F)
BLE_GEN_STRUCT(demo, report, DEMO_REPORT_F)
BLE_GEN_STRUCT(demo, scan_phy, DEMO_SCAN_PHY_F)
DEMO_TABLE(DEMO_X_STRUCT)
union demo_pdu { DEMO_TABLE(DEMO_X_UNION) };

extern const struct ble_pdu_desc demo_descs[DEMO_COUNT];
extern const struct ble_pdu_desc demo_cis_desc;
extern const struct ble_pdu_desc demo_cid_desc;
extern const struct ble_pdu_desc demo_report_desc;
extern const struct ble_pdu_desc demo_scan_phy_desc;
extern const struct ble_names demo_adv_type_names;
DEMO_TABLE(DEMO_X_WRAP)

/* Definitions: one translation unit defines DEMO_TABLE_IMPLEMENTATION. */
#ifdef DEMO_TABLE_IMPLEMENTATION
static const struct ble_name demo_adv_type_list_[] = {
    { 0x00, "ADV_IND" }, { 0x01, "ADV_DIRECT_IND" }, { 0x02, "ADV_SCAN_IND" },
    { 0x03, "ADV_NONCONN_IND" }, { 0x04, "SCAN_RSP" },
};
const struct ble_names demo_adv_type_names = { demo_adv_type_list_, 5 };
#define DEMO_X_FIELDS(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(demo, name, FIELDS)
#define DEMO_X_DESC(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(demo, code, name, str, fl)
BLE_GEN_FIELDS(demo, cid, DEMO_CID_F)
BLE_GEN_FIELDS(demo, cis, DEMO_CIS_F)
BLE_GEN_FIELDS(demo, report, DEMO_REPORT_F)
BLE_GEN_FIELDS(demo, scan_phy, DEMO_SCAN_PHY_F)
const struct ble_pdu_desc demo_cid_desc = BLE_GEN_ELEM_DESC(demo, cid);
const struct ble_pdu_desc demo_cis_desc = BLE_GEN_ELEM_DESC(demo, cis);
const struct ble_pdu_desc demo_report_desc = BLE_GEN_ELEM_DESC(demo, report);
const struct ble_pdu_desc demo_scan_phy_desc = BLE_GEN_ELEM_DESC(demo, scan_phy);
DEMO_TABLE(DEMO_X_FIELDS)
const struct ble_pdu_desc demo_descs[DEMO_COUNT] = { DEMO_TABLE(DEMO_X_DESC) };
#endif

#endif
