/* blekit GAP layer, part one: advertising and scan response data (AD), legacy
 * (31 octets) and extended (up to 1650 octets): an iterator over AD
 * structures, a builder, a typed decoder and encoder for every AD type of the
 * Bluetooth Assigned Numbers (2.3 Common Data Types), and a printer.
 * Core 6.0 Vol 3 Part C 11; Core Specification Supplement (CSS) Part A.
 * The GAP roles (advertising, scanning, connecting) are in layers/gap_role.h.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/gap.h"
#endif

#ifndef BLE_GAP_H
#define BLE_GAP_H

#ifdef __cplusplus
extern "C" {
#endif

/* Largest advertising data of a legacy PDU and of an extended advertising set
 * (Core 6.0 Vol 4 Part E 7.8.7, 7.8.54: Max_Extended_Advertising_Data_Length). */
#define BLE_GAP_AD_LEGACY_MAX 31
#define BLE_GAP_AD_EXT_MAX 1650
/* Most octets of one AD structure's data: its Length octet counts the AD type
 * and the data, and is one octet. */
#define BLE_GAP_AD_DATA_MAX 254

/* ---- Iterator (Core 6.0 Vol 3 Part C 11) ------------------------------------
 * The data is a significant part, a sequence of AD structures (Length, AD
 * type, AD data), then a non-significant part of zero octets up to the end.
 * A Length octet of zero ends the significant part early: iteration stops
 * there. Every octet after it must be zero (padding); a non-zero octet there
 * is reported as BLE_ERR_MALFORMED at its offset, never taken for the end. */
struct ble_gap_ad_struct {
    size_t off;            /* offset of the Length octet in the data */
    uint8_t type;          /* AD type */
    struct ble_view data;  /* AD data (Length - 1 octets), a view into the input */
};

struct ble_gap_ad_it {
    const uint8_t *p;
    size_t len;
    size_t pos;     /* offset of the next AD structure; at the end, where the
                       significant part ends */
    int err;        /* sticky: BLE_OK or the error that stopped iteration */
    size_t err_off; /* the offending octet: the Length octet of a structure
                       running past the end, or the first non-zero padding octet */
    uint8_t done;
};

BLE_API void ble_gap_ad_it_init(struct ble_gap_ad_it *it, const uint8_t *p, size_t len);
/* The next AD structure: 1 and *out filled; 0 at the end of the data (the
 * input is exhausted, or a zero Length octet followed only by zeros);
 * BLE_ERR_SHORT when a Length runs past the end of the input, and
 * BLE_ERR_MALFORMED for a non-zero octet after a zero Length, with it->err_off
 * set. End and errors stick: later calls return the same. */
BLE_API int ble_gap_ad_next(struct ble_gap_ad_it *it, struct ble_gap_ad_struct *out);
/* The first AD structure of this type (into *out unless NULL): BLE_OK,
 * BLE_ERR_NOT_FOUND, or the iterator's error when malformed data comes before
 * one is found. */
BLE_API int ble_gap_ad_find(const uint8_t *p, size_t len, uint8_t type, struct ble_gap_ad_struct *out);

/* ---- AD types (Assigned Numbers 2.3; formats: CSS Part A 1) -----------------
 * X(type, NAME, name, "Assigned Numbers name", FIELDS, min, max): min and max
 * are the octets of AD data the type allows. FIELDS describe the decoded
 * struct; where the wire format is not a plain field list (bit fields, a
 * choice of two forms, a trailer after a variable part) the decoder is
 * written by hand and the fields serve the printer. */
#define BLE_GAP_AD_TABLE(X)                                                                \
    X(0x01, FLAGS, flags, "Flags", BLE_GAP_AD_FLAGS_F, 1, 254)                             \
    X(0x02, UUID16_INCOMPLETE, uuid16_incomplete, "Incomplete List of 16-bit Service or Service Class UUIDs", BLE_GAP_AD_U16L_F, 0, 254) \
    X(0x03, UUID16_COMPLETE, uuid16_complete, "Complete List of 16-bit Service or Service Class UUIDs", BLE_GAP_AD_U16L_F, 0, 254) \
    X(0x04, UUID32_INCOMPLETE, uuid32_incomplete, "Incomplete List of 32-bit Service or Service Class UUIDs", BLE_GAP_AD_U32L_F, 0, 252) \
    X(0x05, UUID32_COMPLETE, uuid32_complete, "Complete List of 32-bit Service or Service Class UUIDs", BLE_GAP_AD_U32L_F, 0, 252) \
    X(0x06, UUID128_INCOMPLETE, uuid128_incomplete, "Incomplete List of 128-bit Service or Service Class UUIDs", BLE_GAP_AD_U128L_F, 0, 240) \
    X(0x07, UUID128_COMPLETE, uuid128_complete, "Complete List of 128-bit Service or Service Class UUIDs", BLE_GAP_AD_U128L_F, 0, 240) \
    X(0x08, SHORT_NAME, short_name, "Shortened Local Name", BLE_GAP_AD_NAME_F, 0, 254)    \
    X(0x09, COMPLETE_NAME, complete_name, "Complete Local Name", BLE_GAP_AD_NAME_F, 0, 254) \
    X(0x0A, TX_POWER, tx_power, "Tx Power Level", BLE_GAP_AD_TX_POWER_F, 1, 1)            \
    X(0x0D, CLASS_OF_DEVICE, class_of_device, "Class of Device", BLE_GAP_AD_COD_F, 3, 3)   \
    X(0x0E, SP_HASH_C192, sp_hash_c192, "Simple Pairing Hash C-192", BLE_GAP_AD_HASH_F, 16, 16) \
    X(0x0F, SP_RANDOMIZER_R192, sp_randomizer_r192, "Simple Pairing Randomizer R-192", BLE_GAP_AD_RAND_F, 16, 16) \
    X(0x10, DEVICE_ID_TK, device_id_tk, "Device ID / Security Manager TK Value", BLE_GAP_AD_DEVICE_ID_TK_F, 8, 16) \
    X(0x11, SM_OOB_FLAGS, sm_oob_flags, "Security Manager Out of Band Flags", BLE_GAP_AD_OOB_FLAGS_F, 1, 1) \
    X(0x12, PERIPH_CONN_INTERVAL, periph_conn_interval, "Peripheral Connection Interval Range", BLE_GAP_AD_CONN_INT_F, 4, 4) \
    X(0x14, SOLICIT_UUID16, solicit_uuid16, "List of 16-bit Service Solicitation UUIDs", BLE_GAP_AD_U16L_F, 0, 254) \
    X(0x15, SOLICIT_UUID128, solicit_uuid128, "List of 128-bit Service Solicitation UUIDs", BLE_GAP_AD_U128L_F, 0, 240) \
    X(0x16, SERVICE_DATA16, service_data16, "Service Data - 16-bit UUID", BLE_GAP_AD_SD16_F, 2, 254) \
    X(0x17, PUBLIC_TARGET, public_target, "Public Target Address", BLE_GAP_AD_TARGETS_F, 6, 252) \
    X(0x18, RANDOM_TARGET, random_target, "Random Target Address", BLE_GAP_AD_TARGETS_F, 6, 252) \
    X(0x19, APPEARANCE, appearance, "Appearance", BLE_GAP_AD_APPEARANCE_F, 2, 2)           \
    X(0x1A, ADV_INTERVAL, adv_interval, "Advertising Interval", BLE_GAP_AD_ADV_INT_F, 2, 2) \
    X(0x1B, LE_ADDR, le_addr, "LE Bluetooth Device Address", BLE_GAP_AD_LE_ADDR_F, 7, 7)  \
    X(0x1C, LE_ROLE, le_role, "LE Role", BLE_GAP_AD_LE_ROLE_F, 1, 1)                      \
    X(0x1D, SP_HASH_C256, sp_hash_c256, "Simple Pairing Hash C-256", BLE_GAP_AD_HASH_F, 16, 16) \
    X(0x1E, SP_RANDOMIZER_R256, sp_randomizer_r256, "Simple Pairing Randomizer R-256", BLE_GAP_AD_RAND_F, 16, 16) \
    X(0x1F, SOLICIT_UUID32, solicit_uuid32, "List of 32-bit Service Solicitation UUIDs", BLE_GAP_AD_U32L_F, 0, 252) \
    X(0x20, SERVICE_DATA32, service_data32, "Service Data - 32-bit UUID", BLE_GAP_AD_SD32_F, 4, 254) \
    X(0x21, SERVICE_DATA128, service_data128, "Service Data - 128-bit UUID", BLE_GAP_AD_SD128_F, 16, 254) \
    X(0x22, SC_CONFIRM, sc_confirm, "LE Secure Connections Confirmation Value", BLE_GAP_AD_CONFIRM_F, 16, 16) \
    X(0x23, SC_RANDOM, sc_random, "LE Secure Connections Random Value", BLE_GAP_AD_RANDOM_F, 16, 16) \
    X(0x24, URI, uri, "URI", BLE_GAP_AD_URI_F, 1, 254)                                     \
    X(0x25, INDOOR_POSITIONING, indoor_positioning, "Indoor Positioning", BLE_GAP_AD_OPAQUE_F, 0, 254) \
    X(0x26, TRANSPORT_DISCOVERY, transport_discovery, "Transport Discovery Data", BLE_GAP_AD_TDS_F, 3, 254) \
    X(0x27, LE_FEATURES, le_features, "LE Supported Features", BLE_GAP_AD_FEATURES_F, 0, 254) \
    X(0x28, CHANNEL_MAP_UPDATE, channel_map_update, "Channel Map Update Indication", BLE_GAP_AD_CHM_F, 7, 7) \
    X(0x29, PB_ADV, pb_adv, "PB-ADV", BLE_GAP_AD_PB_ADV_F, 6, 29)                          \
    X(0x2A, MESH_MESSAGE, mesh_message, "Mesh Message", BLE_GAP_AD_MESH_MSG_F, 14, 29)    \
    X(0x2B, MESH_BEACON, mesh_beacon, "Mesh Beacon", BLE_GAP_AD_BEACON_F, 1, 254)          \
    X(0x2C, BIGINFO, biginfo, "BIGInfo", BLE_GAP_AD_BIGINFO_F, 33, 57)                     \
    X(0x2D, BROADCAST_CODE, broadcast_code, "Broadcast_Code", BLE_GAP_AD_BCODE_F, 16, 16)  \
    X(0x2E, RSI, rsi, "Resolvable Set Identifier", BLE_GAP_AD_RSI_F, 6, 6)                 \
    X(0x2F, ADV_INTERVAL_LONG, adv_interval_long, "Advertising Interval - long", BLE_GAP_AD_ADV_INT_LONG_F, 3, 4) \
    X(0x30, BROADCAST_NAME, broadcast_name, "Broadcast_Name", BLE_GAP_AD_NAME_F, 4, 128)   \
    X(0x31, ENCRYPTED_DATA, encrypted_data, "Encrypted Advertising Data", BLE_GAP_AD_ENC_F, 9, 254) \
    X(0x32, PAWR_TIMING, pawr_timing, "Periodic Advertising Response Timing Information", BLE_GAP_AD_PAWR_F, 8, 8) \
    X(0x34, ESL, esl, "Electronic Shelf Label", BLE_GAP_AD_OPAQUE_F, 0, 254)              \
    X(0x3D, INFO_3D, info_3d, "3D Information Data", BLE_GAP_AD_3D_F, 2, 2)               \
    X(0xFF, MANUFACTURER, manufacturer, "Manufacturer Specific Data", BLE_GAP_AD_MFR_F, 2, 254)

/* CSS Part A 1.3: one octet of flag bits; octets after it extend the field
 * (all bits reserved today) and are kept so that they re-encode. */
#define BLE_GAP_AD_FLAGS_F(F, S) F(S, U8, flags, 0) F(S, REST, reserved, 0)
/* CSS Part A 1.1, 1.10: lists of whole UUIDs */
#define BLE_GAP_AD_U16L_F(F, S) F(S, ARRR, uuids, ble_gap_ad_uuid16_desc)
#define BLE_GAP_AD_U32L_F(F, S) F(S, ARRR, uuids, ble_gap_ad_uuid32_desc)
#define BLE_GAP_AD_U128L_F(F, S) F(S, ARRR, uuids, ble_gap_ad_uuid128_desc)
/* CSS Part A 1.2 (UTF-8; Broadcast_Name 1.22: 4 to 32 characters) */
#define BLE_GAP_AD_NAME_F(F, S) F(S, REST, name, 0)
/* 1.5: dBm, -127..+127 */
#define BLE_GAP_AD_TX_POWER_F(F, S) F(S, S8, tx_power, 0)
/* 1.6 */
#define BLE_GAP_AD_COD_F(F, S) F(S, U24, class_of_device, 0)
#define BLE_GAP_AD_HASH_F(F, S) F(S, BYTES, hash, 16)
#define BLE_GAP_AD_RAND_F(F, S) F(S, BYTES, randomizer, 16)
/* 1.6, 1.8: the TK Value (16 octets, Security Manager OOB), or the Device ID
 * record of the Device ID Profile (8 octets, Extended Inquiry Response); size
 * says which is present */
#define BLE_GAP_AD_DEVICE_ID_TK_F(F, S)                                                    \
    F(S, U8, size, 0)                                                                      \
    F(S, U16, vendor_id_source, 0)                                                         \
    F(S, U16, vendor_id, 0)                                                                \
    F(S, U16, product_id, 0)                                                               \
    F(S, U16, version, 0)                                                                  \
    F(S, BYTES, tk, 16)
/* 1.7: bit 0 OOB data present, 1 LE supported (Host), 2 simultaneous LE and
 * BR/EDR (Host), 3 address type random */
#define BLE_GAP_AD_OOB_FLAGS_F(F, S) F(S, U8, oob_flags, 0)
/* 1.9: units of 1.25 ms, 0xFFFF for no specific value */
#define BLE_GAP_AD_CONN_INT_F(F, S) F(S, U16, interval_min, 0) F(S, U16, interval_max, 0)
/* 1.11: the service UUID, then its data */
#define BLE_GAP_AD_SD16_F(F, S) F(S, U16, uuid, 0) F(S, REST, data, 0)
#define BLE_GAP_AD_SD32_F(F, S) F(S, U32, uuid, 0) F(S, REST, data, 0)
#define BLE_GAP_AD_SD128_F(F, S) F(S, BYTES, uuid, 16) F(S, REST, data, 0)
/* 1.13, 1.14: one or more addresses */
#define BLE_GAP_AD_TARGETS_F(F, S) F(S, ARRR, addrs, ble_gap_ad_target_desc)
/* 1.12: category (bits 15..6) and subcategory (bits 5..0) */
#define BLE_GAP_AD_APPEARANCE_F(F, S) F(S, U16, appearance, 0)
/* 1.15: units of 0.625 ms */
#define BLE_GAP_AD_ADV_INT_F(F, S) F(S, U16, interval, 0)
/* 1.16: the address, then bit 0: 0 public, 1 random */
#define BLE_GAP_AD_LE_ADDR_F(F, S) F(S, ADDR, addr, 0) F(S, U8, addr_type, &ble_gap_ad_addr_type_names)
/* 1.17 */
#define BLE_GAP_AD_LE_ROLE_F(F, S) F(S, U8, role, &ble_gap_ad_le_role_names)
#define BLE_GAP_AD_CONFIRM_F(F, S) F(S, BYTES, confirm, 16)
#define BLE_GAP_AD_RANDOM_F(F, S) F(S, BYTES, random, 16)
/* 1.18: UTF-8; the first character is the scheme's code point from the
 * Assigned Numbers URI scheme list (U+0001: no scheme), the rest the URI */
#define BLE_GAP_AD_URI_F(F, S) F(S, U32, scheme, 0) F(S, REST, uri, 0)
/* Indoor Positioning (IPS 1.0) and Electronic Shelf Label (ESLP 1.0) data:
 * formats of their profiles, kept whole */
#define BLE_GAP_AD_OPAQUE_F(F, S) F(S, REST, data, 0)
/* Transport Discovery Service 1.0: one or more Transport Blocks */
#define BLE_GAP_AD_TDS_F(F, S) F(S, ARRR, blocks, ble_gap_ad_tds_block_desc)
/* 1.19: the LE feature bits; trailing zero octets may be left out */
#define BLE_GAP_AD_FEATURES_F(F, S) F(S, REST, features, 0)
/* 1.20: ChM (37 bits), then the Instant */
#define BLE_GAP_AD_CHM_F(F, S) F(S, BYTES, chm, 5) F(S, U16, instant, 0)
/* Mesh Protocol 5.2.1: Link ID (big-endian), Transaction Number, a Generic
 * Provisioning PDU of 1 to 24 octets */
#define BLE_GAP_AD_PB_ADV_F(F, S) F(S, BYTES, link_id, 4) F(S, U8, transaction_number, 0) F(S, REST, pdu, 0)
/* Mesh Protocol 3.3.2: one Network PDU, 14 to 29 octets */
#define BLE_GAP_AD_MESH_MSG_F(F, S) F(S, REST, network_pdu, 0)
/* Mesh Protocol 3.10: Beacon Type, then its data (Unprovisioned Device: 18
 * or 22 octets, Secure Network: 21, Mesh Private: 26) */
#define BLE_GAP_AD_BEACON_F(F, S) F(S, U8, beacon_type, &ble_gap_ad_beacon_names) F(S, REST, data, 0)
/* Core 6.0 Vol 6 Part B 4.4.5.4 (1.21): 33 octets of bit fields, then GIV
 * and GSKD when the BIG is encrypted (57 octets) */
#define BLE_GAP_AD_BIGINFO_F(F, S)                                                         \
    F(S, U16, big_offset, 0)                                                               \
    F(S, U8, big_offset_units, 0)                                                          \
    F(S, U16, iso_interval, 0)                                                             \
    F(S, U8, num_bis, 0)                                                                   \
    F(S, U8, nse, 0)                                                                       \
    F(S, U8, bn, 0)                                                                        \
    F(S, U32, sub_interval, 0)                                                             \
    F(S, U8, pto, 0)                                                                       \
    F(S, U32, bis_spacing, 0)                                                              \
    F(S, U8, irc, 0)                                                                       \
    F(S, U8, max_pdu, 0)                                                                   \
    F(S, U8, rfu, 0)                                                                       \
    F(S, U32, seed_access_address, 0)                                                      \
    F(S, U32, sdu_interval, 0)                                                             \
    F(S, U16, max_sdu, 0)                                                                  \
    F(S, U16, base_crc_init, 0)                                                            \
    F(S, U40, chm, 0)                                                                      \
    F(S, U8, phy, 0)                                                                       \
    F(S, U40, bis_payload_count, 0)                                                        \
    F(S, U8, framing, 0)                                                                   \
    F(S, U8, encrypted, 0)                                                                 \
    F(S, BYTES, giv, 8)                                                                    \
    F(S, BYTES, gskd, 16)
/* 1.23 */
#define BLE_GAP_AD_BCODE_F(F, S) F(S, BYTES, broadcast_code, 16)
/* Coordinated Set Identification Profile: hash and prand, 3 octets each */
#define BLE_GAP_AD_RSI_F(F, S) F(S, BYTES, rsi, 6)
/* 1.15: units of 0.625 ms, in 3 or 4 octets (size) */
#define BLE_GAP_AD_ADV_INT_LONG_F(F, S) F(S, U32, interval, 0) F(S, U8, size, 0)
/* Core 6.0 Vol 3 Part C 12.6 (1.24): Randomizer, Payload, MIC */
#define BLE_GAP_AD_ENC_F(F, S) F(S, BYTES, randomizer, 5) F(S, REST, payload, 0) F(S, BYTES, mic, 4)
/* 1.25: response access address, subevents, interval, slot delay, slot spacing */
#define BLE_GAP_AD_PAWR_F(F, S)                                                            \
    F(S, U32, rsp_access_address, 0)                                                       \
    F(S, U8, num_subevents, 0)                                                             \
    F(S, U8, subevent_interval, 0)                                                         \
    F(S, U8, response_slot_delay, 0)                                                       \
    F(S, U8, response_slot_spacing, 0)
/* 3D Synchronization Profile 1.0: flags, path loss threshold (dB) */
#define BLE_GAP_AD_3D_F(F, S) F(S, U8, flags, 0) F(S, U8, path_loss_threshold, 0)
/* 1.4: company identifier, then its data */
#define BLE_GAP_AD_MFR_F(F, S) F(S, U16, company_id, 0) F(S, REST, data, 0)

/* Array elements. */
#define BLE_GAP_AD_UUID16_F(F, S) F(S, U16, uuid, 0)
#define BLE_GAP_AD_UUID32_F(F, S) F(S, U32, uuid, 0)
#define BLE_GAP_AD_UUID128_F(F, S) F(S, BYTES, uuid, 16)
#define BLE_GAP_AD_TARGET_F(F, S) F(S, ADDR, addr, 0)
/* Transport Block: Organization ID, TDS Flags, Transport Data Length, Data */
#define BLE_GAP_AD_TDS_BLOCK_F(F, S) F(S, U8, org_id, 0) F(S, U8, tds_flags, 0) F(S, LV8, transport_data, 0)

/* Flags bits (CSS Part A 1.3.2). */
#define BLE_GAP_AD_FLAG_LE_LIMITED 0x01     /* LE Limited Discoverable Mode */
#define BLE_GAP_AD_FLAG_LE_GENERAL 0x02     /* LE General Discoverable Mode */
#define BLE_GAP_AD_FLAG_NO_BREDR 0x04       /* BR/EDR Not Supported */
#define BLE_GAP_AD_FLAG_SIMUL_CTRL 0x08     /* Simultaneous LE and BR/EDR (Controller) */
#define BLE_GAP_AD_FLAG_PREVIOUSLY_USED 0x10

#define BLE_GAP_AD_X_CODE_(c, NAME, name, str, FIELDS, mn, mx) BLE_GEN_CODE(BLE_GAP_AD, c, NAME)
#define BLE_GAP_AD_X_INDEX_(c, NAME, name, str, FIELDS, mn, mx) BLE_GEN_INDEX(BLE_GAP_AD, NAME)
#define BLE_GAP_AD_X_STRUCT_(c, NAME, name, str, FIELDS, mn, mx) BLE_GEN_STRUCT(ble_gap_ad, name, FIELDS)
#define BLE_GAP_AD_X_UNION_(c, NAME, name, str, FIELDS, mn, mx) BLE_GEN_UNION(ble_gap_ad, name)

/* BLE_GAP_AD_FLAGS = 0x01, ..., BLE_GAP_AD_COMPLETE_NAME = 0x09, ... */
enum ble_gap_ad_type { BLE_GAP_AD_TABLE(BLE_GAP_AD_X_CODE_) BLE_GAP_AD_TYPE_END_ };
enum ble_gap_ad_index { BLE_GAP_AD_TABLE(BLE_GAP_AD_X_INDEX_) BLE_GAP_AD_COUNT };
BLE_GEN_STRUCT(ble_gap_ad, uuid16, BLE_GAP_AD_UUID16_F)
BLE_GEN_STRUCT(ble_gap_ad, uuid32, BLE_GAP_AD_UUID32_F)
BLE_GEN_STRUCT(ble_gap_ad, uuid128, BLE_GAP_AD_UUID128_F)
BLE_GEN_STRUCT(ble_gap_ad, target, BLE_GAP_AD_TARGET_F)
BLE_GEN_STRUCT(ble_gap_ad, tds_block, BLE_GAP_AD_TDS_BLOCK_F)
BLE_GAP_AD_TABLE(BLE_GAP_AD_X_STRUCT_)
union ble_gap_ad_value { BLE_GAP_AD_TABLE(BLE_GAP_AD_X_UNION_) };

/* One descriptor per AD type, sorted by type (name, fields, printer). */
extern const struct ble_pdu_desc ble_gap_ad_descs[BLE_GAP_AD_COUNT];
extern const struct ble_pdu_desc ble_gap_ad_uuid16_desc;
extern const struct ble_pdu_desc ble_gap_ad_uuid32_desc;
extern const struct ble_pdu_desc ble_gap_ad_uuid128_desc;
extern const struct ble_pdu_desc ble_gap_ad_target_desc;
extern const struct ble_pdu_desc ble_gap_ad_tds_block_desc;
extern const struct ble_names ble_gap_ad_addr_type_names;
extern const struct ble_names ble_gap_ad_le_role_names;
extern const struct ble_names ble_gap_ad_beacon_names;
/* Octets of AD data each type allows, indexed like ble_gap_ad_descs. */
struct ble_gap_ad_limits {
    uint8_t min, max;
};
extern const struct ble_gap_ad_limits ble_gap_ad_limits[BLE_GAP_AD_COUNT];

/* The descriptor of an AD type, or NULL for a type not assigned. */
BLE_API const struct ble_pdu_desc *ble_gap_ad_desc(unsigned type);
/* The Assigned Numbers name of an AD type ("" when unknown or without names). */
BLE_API const char *ble_gap_ad_type_name(unsigned type);

/* A decoded AD structure. */
struct ble_gap_ad {
    uint8_t type;
    const struct ble_pdu_desc *desc; /* NULL for a type not assigned */
    struct ble_view data;            /* the AD data */
    union ble_gap_ad_value v;        /* valid when desc is set */
};
/* Decodes the AD data of one structure by its type. BLE_OK; BLE_ERR_UNKNOWN for
 * a type not assigned (type and data still filled); BLE_ERR_MALFORMED when the
 * data does not have a length or content the type allows; *out untouched on
 * errors but BLE_ERR_UNKNOWN. Zero copy: views point into data. */
BLE_API int ble_gap_ad_decode(uint8_t type, const uint8_t *data, size_t len, struct ble_gap_ad *out);
/* The same for the value struct of one type alone (the typed wrappers below). */
BLE_API int ble_gap_ad_value_decode(unsigned type, const uint8_t *data, size_t len, void *out);
/* Encodes a value struct as AD data (no Length or type octets): the length, or
 * a negative ble_err with nothing written. */
BLE_API int ble_gap_ad_value_encode(unsigned type, const void *v, uint8_t *buf, size_t cap);
/* The encoded length of a value struct, or a negative ble_err. */
BLE_API int ble_gap_ad_value_size(unsigned type, const void *v);

/* UUID i of a UUID list or the UUID of a service data value (i = 0), in the
 * form it was sent; BLE_ERR_NOT_FOUND past the end, BLE_ERR_PARAM for another type. */
BLE_API int ble_gap_ad_uuid(const struct ble_gap_ad *ad, size_t i, struct ble_uuid *out);

/* Typed wrappers: ble_gap_ad_flags_decode(data, len, &flags),
 * ble_gap_ad_flags_encode(&flags, buf, cap), ... one pair per AD type. */
#define BLE_GAP_AD_X_WRAP_(c, NAME, name, str, FIELDS, mn, mx)                            \
    static inline int ble_gap_ad_##name##_decode(const uint8_t *in, size_t len, struct ble_gap_ad_##name *out) \
    {                                                                                      \
        return ble_gap_ad_value_decode(c, in, len, out);                                   \
    }                                                                                      \
    static inline int ble_gap_ad_##name##_encode(const struct ble_gap_ad_##name *v, uint8_t *buf, size_t cap) \
    {                                                                                      \
        return ble_gap_ad_value_encode(c, v, buf, cap);                                    \
    }
BLE_GAP_AD_TABLE(BLE_GAP_AD_X_WRAP_)

/* ---- Builder ----------------------------------------------------------------
 * Appends AD structures to caller memory (cap 31 for legacy advertising, up
 * to 1650 for extended). Each add returns the octets appended, or a negative
 * ble_err with nothing written: BLE_ERR_NO_SPACE when the structure does not
 * fit, BLE_ERR_TOO_LONG for AD data over 254 octets. */
struct ble_gap_ad_builder {
    uint8_t *buf;
    size_t cap;
    size_t len; /* octets used */
};

BLE_API void ble_gap_ad_builder_init(struct ble_gap_ad_builder *b, uint8_t *buf, size_t cap);
/* One structure of any type with its data as given. */
BLE_API int ble_gap_ad_add(struct ble_gap_ad_builder *b, uint8_t type, const void *data, size_t n);
/* One structure from a value struct of its type (the structs decode fills). */
BLE_API int ble_gap_ad_add_value(struct ble_gap_ad_builder *b, uint8_t type, const void *v);
BLE_API int ble_gap_ad_add_flags(struct ble_gap_ad_builder *b, uint8_t flags);
/* Which UUID lists ble_gap_ad_add_uuids() writes. */
enum ble_gap_ad_uuid_list {
    BLE_GAP_AD_UUIDS_INCOMPLETE, /* 0x02, 0x04, 0x06 */
    BLE_GAP_AD_UUIDS_COMPLETE,   /* 0x03, 0x05, 0x07 */
    BLE_GAP_AD_UUIDS_SOLICIT     /* 0x14, 0x1F, 0x15 */
};
/* Each UUID in its shortest form, grouped into one list per size present
 * (16, then 32, then 128 bits): up to three structures, all or none. */
BLE_API int ble_gap_ad_add_uuids(struct ble_gap_ad_builder *b, const struct ble_uuid *u, size_t n,
                                 enum ble_gap_ad_uuid_list which);
/* The Complete Local Name when it fits; otherwise a Shortened Local Name of
 * the whole UTF-8 characters that fit from its start (CSS Part A 1.2), at
 * least min_len octets (and at least one), else BLE_ERR_NO_SPACE. */
BLE_API int ble_gap_ad_add_name(struct ble_gap_ad_builder *b, const char *name, size_t len, size_t min_len);
BLE_API int ble_gap_ad_add_tx_power(struct ble_gap_ad_builder *b, int8_t dbm);
BLE_API int ble_gap_ad_add_appearance(struct ble_gap_ad_builder *b, uint16_t appearance);
BLE_API int ble_gap_ad_add_manufacturer(struct ble_gap_ad_builder *b, uint16_t company_id,
                                        const void *data, size_t n);
/* Service Data with the UUID in its shortest form (0x16, 0x20 or 0x21). */
BLE_API int ble_gap_ad_add_service_data(struct ble_gap_ad_builder *b, const struct ble_uuid *u,
                                        const void *data, size_t n);

/* ---- Printer ----------------------------------------------------------------
 * One AD structure: "Name: field=value ..." (flags 0), one field a line
 * (BLE_PRINT_MULTILINE), or {"type":9,"name":"...","value":{...}}
 * (BLE_PRINT_JSON). Data its type rejects prints with the error and the raw
 * octets. A whole payload: structures separated by "; " (or new lines), or
 * {"ad":[...]} in JSON, then the iterator's error and offset if any. Prints
 * nothing without BLE_CFG_NAMES. */
BLE_API void ble_gap_ad_print(uint8_t type, const uint8_t *data, size_t len, struct ble_str *s, unsigned flags);
BLE_API void ble_gap_ad_print_all(const uint8_t *p, size_t len, struct ble_str *s, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif /* BLE_GAP_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_GAP_IMPL)
#define BLE_GAP_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#if BLE_CFG_NAMES
static const struct ble_name ble_gap_ad_addr_type_list_[] = {
    { 0x00, "Public Device Address" },
    { 0x01, "Random Device Address" },
};
const struct ble_names ble_gap_ad_addr_type_names = { ble_gap_ad_addr_type_list_, 2 };
static const struct ble_name ble_gap_ad_le_role_list_[] = {
    { 0x00, "Only Peripheral Role supported" },
    { 0x01, "Only Central Role supported" },
    { 0x02, "Peripheral and Central Role supported, Peripheral Role preferred" },
    { 0x03, "Peripheral and Central Role supported, Central Role preferred" },
};
const struct ble_names ble_gap_ad_le_role_names = { ble_gap_ad_le_role_list_, 4 };
static const struct ble_name ble_gap_ad_beacon_list_[] = {
    { 0x00, "Unprovisioned Device beacon" },
    { 0x01, "Secure Network beacon" },
    { 0x02, "Mesh Private beacon" },
};
const struct ble_names ble_gap_ad_beacon_names = { ble_gap_ad_beacon_list_, 3 };
#else
const struct ble_names ble_gap_ad_addr_type_names = { 0, 0 };
const struct ble_names ble_gap_ad_le_role_names = { 0, 0 };
const struct ble_names ble_gap_ad_beacon_names = { 0, 0 };
#endif

#define BLE_GAP_AD_X_FIELDS_(c, NAME, name, str, FIELDS, mn, mx) BLE_GEN_FIELDS(ble_gap_ad, name, FIELDS)
#define BLE_GAP_AD_X_DESC_(c, NAME, name, str, FIELDS, mn, mx) BLE_GEN_DESC(ble_gap_ad, c, name, str, 0)
#define BLE_GAP_AD_X_LIMITS_(c, NAME, name, str, FIELDS, mn, mx) { (uint8_t)(mn), (uint8_t)(mx) },
BLE_GEN_FIELDS(ble_gap_ad, uuid16, BLE_GAP_AD_UUID16_F)
BLE_GEN_FIELDS(ble_gap_ad, uuid32, BLE_GAP_AD_UUID32_F)
BLE_GEN_FIELDS(ble_gap_ad, uuid128, BLE_GAP_AD_UUID128_F)
BLE_GEN_FIELDS(ble_gap_ad, target, BLE_GAP_AD_TARGET_F)
BLE_GEN_FIELDS(ble_gap_ad, tds_block, BLE_GAP_AD_TDS_BLOCK_F)
const struct ble_pdu_desc ble_gap_ad_uuid16_desc = BLE_GEN_ELEM_DESC(ble_gap_ad, uuid16);
const struct ble_pdu_desc ble_gap_ad_uuid32_desc = BLE_GEN_ELEM_DESC(ble_gap_ad, uuid32);
const struct ble_pdu_desc ble_gap_ad_uuid128_desc = BLE_GEN_ELEM_DESC(ble_gap_ad, uuid128);
const struct ble_pdu_desc ble_gap_ad_target_desc = BLE_GEN_ELEM_DESC(ble_gap_ad, target);
const struct ble_pdu_desc ble_gap_ad_tds_block_desc = BLE_GEN_ELEM_DESC(ble_gap_ad, tds_block);
BLE_GAP_AD_TABLE(BLE_GAP_AD_X_FIELDS_)
const struct ble_pdu_desc ble_gap_ad_descs[BLE_GAP_AD_COUNT] = { BLE_GAP_AD_TABLE(BLE_GAP_AD_X_DESC_) };
const struct ble_gap_ad_limits ble_gap_ad_limits[BLE_GAP_AD_COUNT] = { BLE_GAP_AD_TABLE(BLE_GAP_AD_X_LIMITS_) };

/* Printing views of the hand-decoded types: the fields that apply to one form. */
static const struct ble_pdu_desc ble_gap_ad_device_id_view_ = {
    0x10, sizeof(struct ble_gap_ad_device_id_tk), 4, 0, BLE_NAME_INIT("Device ID") ble_gap_ad_device_id_tk_fields_ + 1
};
static const struct ble_pdu_desc ble_gap_ad_tk_view_ = {
    0x10, sizeof(struct ble_gap_ad_device_id_tk), 1, 0, BLE_NAME_INIT("TK Value") ble_gap_ad_device_id_tk_fields_ + 5
};
static const struct ble_pdu_desc ble_gap_ad_biginfo_plain_view_ = {
    0x2C, sizeof(struct ble_gap_ad_biginfo), 21, 0, BLE_NAME_INIT("BIGInfo") ble_gap_ad_biginfo_fields_
};
static const struct ble_pdu_desc ble_gap_ad_adv_interval_long_view_ = {
    0x2F, sizeof(struct ble_gap_ad_adv_interval_long), 1, 0,
    BLE_NAME_INIT("Advertising Interval - long") ble_gap_ad_adv_interval_long_fields_
};

BLE_DEF const struct ble_pdu_desc *ble_gap_ad_desc(unsigned type)
{
    return ble_pdu_find(ble_gap_ad_descs, BLE_GAP_AD_COUNT, type);
}

BLE_DEF const char *ble_gap_ad_type_name(unsigned type)
{
    return ble_pdu_name(ble_gap_ad_desc(type));
}

/* ---- Iterator ---- */

BLE_DEF void ble_gap_ad_it_init(struct ble_gap_ad_it *it, const uint8_t *p, size_t len)
{
    it->p = p;
    it->len = p ? len : 0;
    it->pos = 0;
    it->err = BLE_OK;
    it->err_off = 0;
    it->done = 0;
}

BLE_DEF int ble_gap_ad_next(struct ble_gap_ad_it *it, struct ble_gap_ad_struct *out)
{
    size_t n, i;
    if (it->err)
        return it->err;
    if (it->done || it->pos >= it->len) {
        it->done = 1;
        return 0;
    }
    n = it->p[it->pos];
    if (n == 0) {
        /* Vol 3 Part C 11: early end of the significant part; the rest is
         * the non-significant part, all zero */
        it->done = 1;
        for (i = it->pos + 1; i < it->len; i++) {
            if (it->p[i]) {
                it->err = BLE_ERR_MALFORMED;
                it->err_off = i;
                return it->err;
            }
        }
        return 0;
    }
    if (n > it->len - it->pos - 1) {
        it->err = BLE_ERR_SHORT;
        it->err_off = it->pos;
        return it->err;
    }
    out->off = it->pos;
    out->type = it->p[it->pos + 1];
    out->data = ble_view_make(n > 1 ? it->p + it->pos + 2 : 0, n - 1);
    it->pos += 1 + n;
    return 1;
}

BLE_DEF int ble_gap_ad_find(const uint8_t *p, size_t len, uint8_t type, struct ble_gap_ad_struct *out)
{
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    int rc;
    ble_gap_ad_it_init(&it, p, len);
    while ((rc = ble_gap_ad_next(&it, &s)) > 0) {
        if (s.type == type) {
            if (out)
                *out = s;
            return BLE_OK;
        }
    }
    return rc < 0 ? rc : BLE_ERR_NOT_FOUND;
}

/* ---- UTF-8 ---- */

/* Octets of the UTF-8 character at p (1..4) and its code point, or 0 when the
 * octets are not one well-formed character (no overlong forms, surrogates or
 * code points past U+10FFFF). */
static size_t ble_gap_utf8_(const uint8_t *p, size_t n, uint32_t *cp)
{
    uint32_t c;
    size_t k, i;
    if (!n)
        return 0;
    c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        c &= 0x07;
    } else {
        return 0;
    }
    if (k > n)
        return 0;
    for (i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return k;
}

/* Characters of well-formed UTF-8, or (size_t)-1. */
static size_t ble_gap_utf8_count_(const uint8_t *p, size_t n)
{
    size_t chars = 0, k;
    uint32_t cp;
    while (n) {
        k = ble_gap_utf8_(p, n, &cp);
        if (!k)
            return (size_t)-1;
        p += k;
        n -= k;
        chars++;
    }
    return chars;
}

static size_t ble_gap_utf8_put_(uint8_t out[4], uint32_t c)
{
    if (c < 0x80) {
        out[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (uint8_t)(0xC0 | (c >> 6));
        out[1] = (uint8_t)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF)
            return 0;
        out[0] = (uint8_t)(0xE0 | (c >> 12));
        out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (c & 0x3F));
        return 3;
    }
    if (c > 0x10FFFF)
        return 0;
    out[0] = (uint8_t)(0xF0 | (c >> 18));
    out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (c & 0x3F));
    return 4;
}

/* ---- Typed values ---- */

/* Bit fields of BIGInfo: n bits (at most 64) from bit `at`, least significant first. */
static uint64_t ble_gap_bits_get_(const uint8_t *p, unsigned at, unsigned n)
{
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < n; i++)
        v |= (uint64_t)((p[(at + i) >> 3] >> ((at + i) & 7)) & 1u) << i;
    return v;
}
static void ble_gap_bits_put_(uint8_t *p, unsigned at, unsigned n, uint64_t v)
{
    unsigned i;
    for (i = 0; i < n; i++, v >>= 1) {
        uint8_t m = (uint8_t)(1u << ((at + i) & 7));
        if (v & 1)
            p[(at + i) >> 3] |= m;
        else
            p[(at + i) >> 3] &= (uint8_t)~m;
    }
}

/* Core 6.0 Vol 6 Part B 4.4.5.4: the BIGInfo fields in order, with their widths. */
#define BLE_GAP_BIGINFO_BITS_(X)                                                           \
    X(big_offset, 14) X(big_offset_units, 1) X(iso_interval, 12) X(num_bis, 5) X(nse, 5)   \
    X(bn, 3) X(sub_interval, 20) X(pto, 4) X(bis_spacing, 20) X(irc, 4) X(max_pdu, 8)      \
    X(rfu, 8) X(seed_access_address, 32) X(sdu_interval, 20) X(max_sdu, 12)                \
    X(base_crc_init, 16) X(chm, 37) X(phy, 3) X(bis_payload_count, 39) X(framing, 1)

#define BLE_GAP_BI_GET_(f, n) b.f = ble_gap_bits_get_(in, at, n); at += n;
#define BLE_GAP_BI_PUT_(f, n)                                                              \
    if ((uint64_t)b->f >> (n))                                                             \
        ble_wr_fail(w, BLE_ERR_RANGE);                                                     \
    ble_gap_bits_put_(bits, at, n, (uint64_t)b->f);                                        \
    at += n;

/* The AD types whose wire format is written by hand: the table's fields do
 * not describe it. 1 when type is one (rc set), 0 otherwise. */
static int ble_gap_ad_hand_decode_(unsigned type, const uint8_t *in, size_t len, union ble_gap_ad_value *v, int *rc)
{
    *rc = BLE_OK;
    switch (type) {
    case BLE_GAP_AD_DEVICE_ID_TK: {
        struct ble_gap_ad_device_id_tk *d = &v->device_id_tk;
        ble_memset(d, 0, sizeof *d);
        d->size = (uint8_t)len;
        if (len == 8) { /* Device ID Profile: source, vendor, product, version */
            d->vendor_id_source = ble_get_le16(in);
            d->vendor_id = ble_get_le16(in + 2);
            d->product_id = ble_get_le16(in + 4);
            d->version = ble_get_le16(in + 6);
        } else if (len == 16) {
            ble_memcpy(d->tk, in, 16);
        } else {
            *rc = BLE_ERR_MALFORMED;
        }
        return 1;
    }
    case BLE_GAP_AD_URI: {
        uint32_t cp = 0;
        size_t k = ble_gap_utf8_(in, len, &cp);
        if (!k || ble_gap_utf8_count_(in + k, len - k) == (size_t)-1) {
            *rc = BLE_ERR_MALFORMED;
            return 1;
        }
        v->uri.scheme = cp;
        v->uri.uri = ble_view_make(len > k ? in + k : 0, len - k);
        return 1;
    }
    case BLE_GAP_AD_BIGINFO: {
        struct ble_gap_ad_biginfo b;
        unsigned at = 0;
        if (len != 33 && len != 57) {
            *rc = BLE_ERR_MALFORMED;
            return 1;
        }
        ble_memset(&b, 0, sizeof b);
        BLE_GAP_BIGINFO_BITS_(BLE_GAP_BI_GET_)
        b.encrypted = len == 57;
        if (b.encrypted) {
            ble_memcpy(b.giv, in + 33, 8);
            ble_memcpy(b.gskd, in + 41, 16);
        }
        v->biginfo = b;
        return 1;
    }
    case BLE_GAP_AD_ADV_INTERVAL_LONG:
        if (len != 3 && len != 4) {
            *rc = BLE_ERR_MALFORMED;
            return 1;
        }
        v->adv_interval_long.interval = (uint32_t)ble_get_le(in, (unsigned)len);
        v->adv_interval_long.size = (uint8_t)len;
        return 1;
    case BLE_GAP_AD_ENCRYPTED_DATA:
        if (len < 9) {
            *rc = BLE_ERR_MALFORMED;
            return 1;
        }
        ble_memcpy(v->encrypted_data.randomizer, in, 5);
        v->encrypted_data.payload = ble_view_make(len > 9 ? in + 5 : 0, len - 9);
        ble_memcpy(v->encrypted_data.mic, in + len - 4, 4);
        return 1;
    default:
        return 0;
    }
}

/* Writes a hand-coded type's value (or counts it): 1 when type is one. */
static int ble_gap_ad_hand_write_(unsigned type, const void *vp, struct ble_wr *w)
{
    switch (type) {
    case BLE_GAP_AD_DEVICE_ID_TK: {
        struct ble_gap_ad_device_id_tk d;
        ble_memcpy(&d, vp, sizeof d);
        if (d.size == 8) {
            ble_wr_u16(w, d.vendor_id_source);
            ble_wr_u16(w, d.vendor_id);
            ble_wr_u16(w, d.product_id);
            ble_wr_u16(w, d.version);
        } else if (d.size == 16) {
            ble_wr_bytes(w, d.tk, 16);
        } else {
            ble_wr_fail(w, BLE_ERR_MALFORMED);
        }
        return 1;
    }
    case BLE_GAP_AD_URI: {
        struct ble_gap_ad_uri u;
        uint8_t cp[4];
        size_t k;
        ble_memcpy(&u, vp, sizeof u);
        k = ble_gap_utf8_put_(cp, u.scheme);
        if (!k || (u.uri.len && !u.uri.p) || ble_gap_utf8_count_(u.uri.p, u.uri.len) == (size_t)-1) {
            ble_wr_fail(w, BLE_ERR_MALFORMED);
            return 1;
        }
        ble_wr_bytes(w, cp, k);
        ble_wr_bytes(w, u.uri.p, u.uri.len);
        return 1;
    }
    case BLE_GAP_AD_BIGINFO: {
        const struct ble_gap_ad_biginfo *b = (const struct ble_gap_ad_biginfo *)vp;
        uint8_t bits[33];
        unsigned at = 0;
        ble_memset(bits, 0, sizeof bits);
        BLE_GAP_BIGINFO_BITS_(BLE_GAP_BI_PUT_)
        if (b->encrypted > 1)
            ble_wr_fail(w, BLE_ERR_RANGE);
        ble_wr_bytes(w, bits, sizeof bits);
        if (b->encrypted) {
            ble_wr_bytes(w, b->giv, 8);
            ble_wr_bytes(w, b->gskd, 16);
        }
        return 1;
    }
    case BLE_GAP_AD_ADV_INTERVAL_LONG: {
        struct ble_gap_ad_adv_interval_long a;
        ble_memcpy(&a, vp, sizeof a);
        if (a.size != 3 && a.size != 4)
            ble_wr_fail(w, BLE_ERR_MALFORMED);
        else if (a.size == 3 && a.interval > 0xFFFFFFu)
            ble_wr_fail(w, BLE_ERR_RANGE);
        else
            ble_wr_uint(w, a.interval, a.size);
        return 1;
    }
    case BLE_GAP_AD_ENCRYPTED_DATA: {
        struct ble_gap_ad_encrypted_data e;
        ble_memcpy(&e, vp, sizeof e);
        ble_wr_bytes(w, e.randomizer, 5);
        ble_wr_bytes(w, e.payload.p, e.payload.len);
        ble_wr_bytes(w, e.mic, 4);
        return 1;
    }
    default:
        return 0;
    }
}
#undef BLE_GAP_BI_GET_
#undef BLE_GAP_BI_PUT_

/* Rules a field list cannot state, checked on the value struct both ways. */
static int ble_gap_ad_check_(unsigned type, const union ble_gap_ad_value *v)
{
    switch (type) {
    case BLE_GAP_AD_BROADCAST_NAME: { /* CSS Part A 1.22: 4 to 32 UTF-8 characters */
        size_t c = ble_gap_utf8_count_(v->broadcast_name.name.p, v->broadcast_name.name.len);
        return c >= 4 && c <= 32 && c != (size_t)-1 ? BLE_OK : BLE_ERR_MALFORMED;
    }
    case BLE_GAP_AD_MESH_BEACON: { /* Mesh Protocol 3.10: each beacon's size */
        size_t n = v->mesh_beacon.data.len;
        switch (v->mesh_beacon.beacon_type) {
        case 0x00: return n == 18 || n == 22 ? BLE_OK : BLE_ERR_MALFORMED;
        case 0x01: return n == 21 ? BLE_OK : BLE_ERR_MALFORMED;
        case 0x02: return n == 26 ? BLE_OK : BLE_ERR_MALFORMED;
        default: return BLE_OK; /* reserved types: their size is not known */
        }
    }
    default:
        return BLE_OK;
    }
}

BLE_DEF int ble_gap_ad_value_size(unsigned type, const void *v)
{
    const struct ble_pdu_desc *d = ble_gap_ad_desc(type);
    const struct ble_gap_ad_limits *lim;
    union ble_gap_ad_value tmp;
    struct ble_wr w;
    int n;
    if (!d)
        return BLE_ERR_UNKNOWN;
    if (!v)
        return BLE_ERR_PARAM;
    lim = &ble_gap_ad_limits[d - ble_gap_ad_descs];
    ble_wr_init_count(&w);
    if (ble_gap_ad_hand_write_(type, v, &w))
        n = ble_wr_done(&w);
    else
        n = ble_pdu_size(d, v);
    if (n < 0)
        return n;
    if (n > BLE_GAP_AD_DATA_MAX)
        return BLE_ERR_TOO_LONG;
    if (n < lim->min || n > lim->max)
        return BLE_ERR_MALFORMED;
    ble_memset(&tmp, 0, sizeof tmp);
    ble_memcpy(&tmp, v, d->size);
    return ble_gap_ad_check_(type, &tmp) == BLE_OK ? n : BLE_ERR_MALFORMED;
}

BLE_DEF int ble_gap_ad_value_encode(unsigned type, const void *v, uint8_t *buf, size_t cap)
{
    struct ble_wr w;
    int n = ble_gap_ad_value_size(type, v); /* every check first: nothing written on error */
    if (n < 0)
        return n;
    if ((size_t)n > cap)
        return BLE_ERR_NO_SPACE;
    if (n && !buf)
        return BLE_ERR_PARAM;
    ble_wr_init(&w, buf, cap);
    if (!ble_gap_ad_hand_write_(type, v, &w))
        return ble_pdu_encode(ble_gap_ad_desc(type), v, buf, cap);
    return ble_wr_done(&w);
}

/* Decodes into tmp: BLE_OK or an error. */
static int ble_gap_ad_read_(const struct ble_pdu_desc *d, const uint8_t *in, size_t len,
                            union ble_gap_ad_value *tmp)
{
    const struct ble_gap_ad_limits *lim = &ble_gap_ad_limits[d - ble_gap_ad_descs];
    int rc;
    if (len && !in)
        return BLE_ERR_PARAM;
    if (len < lim->min || len > lim->max)
        return BLE_ERR_MALFORMED;
    if (!ble_gap_ad_hand_decode_(d->code, in, len, tmp, &rc))
        rc = ble_pdu_decode(d, in, len, tmp);
    /* the AD structure's Length is authoritative: data that does not fill
     * the type's fields exactly is a malformed value, not a short input */
    if (rc == BLE_ERR_SHORT || rc == BLE_ERR_TRAILING)
        rc = BLE_ERR_MALFORMED;
    if (rc == BLE_OK)
        rc = ble_gap_ad_check_(d->code, tmp);
    return rc;
}

BLE_DEF int ble_gap_ad_value_decode(unsigned type, const uint8_t *data, size_t len, void *out)
{
    const struct ble_pdu_desc *d = ble_gap_ad_desc(type);
    union ble_gap_ad_value tmp;
    int rc;
    if (!d)
        return BLE_ERR_UNKNOWN;
    if (!out)
        return BLE_ERR_PARAM;
    rc = ble_gap_ad_read_(d, data, len, &tmp);
    if (rc == BLE_OK)
        ble_memcpy(out, &tmp, d->size);
    return rc;
}

BLE_DEF int ble_gap_ad_decode(uint8_t type, const uint8_t *data, size_t len, struct ble_gap_ad *out)
{
    const struct ble_pdu_desc *d = ble_gap_ad_desc(type);
    union ble_gap_ad_value tmp;
    int rc;
    if (!out || (len && !data))
        return BLE_ERR_PARAM;
    if (d) {
        rc = ble_gap_ad_read_(d, data, len, &tmp);
        if (rc != BLE_OK)
            return rc;
        out->v = tmp;
    }
    out->type = type;
    out->desc = d;
    out->data = ble_view_make(len ? data : 0, len);
    return d ? BLE_OK : BLE_ERR_UNKNOWN;
}

BLE_DEF int ble_gap_ad_uuid(const struct ble_gap_ad *ad, size_t i, struct ble_uuid *out)
{
    const struct ble_arr *a = 0;
    unsigned size = 0;
    if (!ad || !out || !ad->desc)
        return BLE_ERR_PARAM;
    switch (ad->type) {
    case BLE_GAP_AD_UUID16_INCOMPLETE:
    case BLE_GAP_AD_UUID16_COMPLETE:
    case BLE_GAP_AD_SOLICIT_UUID16: a = &ad->v.uuid16_complete.uuids; size = 2; break;
    case BLE_GAP_AD_UUID32_INCOMPLETE:
    case BLE_GAP_AD_UUID32_COMPLETE:
    case BLE_GAP_AD_SOLICIT_UUID32: a = &ad->v.uuid32_complete.uuids; size = 4; break;
    case BLE_GAP_AD_UUID128_INCOMPLETE:
    case BLE_GAP_AD_UUID128_COMPLETE:
    case BLE_GAP_AD_SOLICIT_UUID128: a = &ad->v.uuid128_complete.uuids; size = 16; break;
    case BLE_GAP_AD_SERVICE_DATA16:
        if (i)
            return BLE_ERR_NOT_FOUND;
        *out = ble_uuid16(ad->v.service_data16.uuid);
        return BLE_OK;
    case BLE_GAP_AD_SERVICE_DATA32: {
        uint8_t le[4];
        if (i)
            return BLE_ERR_NOT_FOUND;
        ble_put_le32(le, ad->v.service_data32.uuid);
        return ble_uuid_from_le(out, le, 4);
    }
    case BLE_GAP_AD_SERVICE_DATA128:
        if (i)
            return BLE_ERR_NOT_FOUND;
        return ble_uuid_from_le(out, ad->v.service_data128.uuid, 16);
    default:
        return BLE_ERR_PARAM;
    }
    if (i >= a->n)
        return BLE_ERR_NOT_FOUND;
    if (a->items) { /* element structs of the caller */
        uint8_t le[16];
        if (size == 2)
            ble_put_le16(le, ((const struct ble_gap_ad_uuid16 *)a->items)[i].uuid);
        else if (size == 4)
            ble_put_le32(le, ((const struct ble_gap_ad_uuid32 *)a->items)[i].uuid);
        else
            ble_memcpy(le, ((const struct ble_gap_ad_uuid128 *)a->items)[i].uuid, 16);
        return ble_uuid_from_le(out, le, size);
    }
    if (a->raw.len < (i + 1) * size)
        return BLE_ERR_MALFORMED;
    return ble_uuid_from_le(out, a->raw.p + i * size, size);
}

/* ---- Builder ---- */

BLE_DEF void ble_gap_ad_builder_init(struct ble_gap_ad_builder *b, uint8_t *buf, size_t cap)
{
    b->buf = buf;
    b->cap = buf ? cap : 0;
    b->len = 0;
}

/* Appends one structure whose data is a then c: octets appended or an error. */
static int ble_gap_ad_put_(struct ble_gap_ad_builder *b, uint8_t type, const void *a, size_t na,
                           const void *c, size_t nc)
{
    uint8_t *at;
    if ((na && !a) || (nc && !c))
        return BLE_ERR_PARAM;
    if (na > BLE_GAP_AD_DATA_MAX || nc > BLE_GAP_AD_DATA_MAX - na)
        return BLE_ERR_TOO_LONG;
    if (b->len > b->cap || na + nc + 2 > b->cap - b->len)
        return BLE_ERR_NO_SPACE;
    at = b->buf + b->len;
    at[0] = (uint8_t)(na + nc + 1);
    at[1] = type;
    ble_memcpy(at + 2, a, na);
    ble_memcpy(at + 2 + na, c, nc);
    b->len += na + nc + 2;
    return (int)(na + nc + 2);
}

BLE_DEF int ble_gap_ad_add(struct ble_gap_ad_builder *b, uint8_t type, const void *data, size_t n)
{
    return ble_gap_ad_put_(b, type, data, n, 0, 0);
}

BLE_DEF int ble_gap_ad_add_value(struct ble_gap_ad_builder *b, uint8_t type, const void *v)
{
    int n = ble_gap_ad_value_size(type, v);
    uint8_t *at;
    if (n < 0)
        return n;
    if (b->len > b->cap || (size_t)n + 2 > b->cap - b->len)
        return BLE_ERR_NO_SPACE;
    at = b->buf + b->len;
    at[0] = (uint8_t)(n + 1);
    at[1] = type;
    ble_gap_ad_value_encode(type, v, at + 2, (size_t)n);
    b->len += (size_t)n + 2;
    return n + 2;
}

BLE_DEF int ble_gap_ad_add_flags(struct ble_gap_ad_builder *b, uint8_t flags)
{
    return ble_gap_ad_put_(b, BLE_GAP_AD_FLAGS, &flags, 1, 0, 0);
}

BLE_DEF int ble_gap_ad_add_tx_power(struct ble_gap_ad_builder *b, int8_t dbm)
{
    uint8_t v = (uint8_t)dbm;
    return ble_gap_ad_put_(b, BLE_GAP_AD_TX_POWER, &v, 1, 0, 0);
}

BLE_DEF int ble_gap_ad_add_appearance(struct ble_gap_ad_builder *b, uint16_t appearance)
{
    uint8_t le[2];
    ble_put_le16(le, appearance);
    return ble_gap_ad_put_(b, BLE_GAP_AD_APPEARANCE, le, 2, 0, 0);
}

BLE_DEF int ble_gap_ad_add_manufacturer(struct ble_gap_ad_builder *b, uint16_t company_id,
                                        const void *data, size_t n)
{
    uint8_t le[2];
    ble_put_le16(le, company_id);
    return ble_gap_ad_put_(b, BLE_GAP_AD_MANUFACTURER, le, 2, data, n);
}

BLE_DEF int ble_gap_ad_add_service_data(struct ble_gap_ad_builder *b, const struct ble_uuid *u,
                                        const void *data, size_t n)
{
    struct ble_uuid s;
    if (!u || (u->len != 2 && u->len != 4 && u->len != 16))
        return BLE_ERR_PARAM;
    s = ble_uuid_shortest(u);
    return ble_gap_ad_put_(b, s.len == 2 ? BLE_GAP_AD_SERVICE_DATA16 : s.len == 4 ? BLE_GAP_AD_SERVICE_DATA32 : BLE_GAP_AD_SERVICE_DATA128,
                           s.v, s.len, data, n);
}

BLE_DEF int ble_gap_ad_add_uuids(struct ble_gap_ad_builder *b, const struct ble_uuid *u, size_t n,
                                 enum ble_gap_ad_uuid_list which)
{
    static const uint8_t types[3][3] = {
        { BLE_GAP_AD_UUID16_INCOMPLETE, BLE_GAP_AD_UUID32_INCOMPLETE, BLE_GAP_AD_UUID128_INCOMPLETE },
        { BLE_GAP_AD_UUID16_COMPLETE, BLE_GAP_AD_UUID32_COMPLETE, BLE_GAP_AD_UUID128_COMPLETE },
        { BLE_GAP_AD_SOLICIT_UUID16, BLE_GAP_AD_SOLICIT_UUID32, BLE_GAP_AD_SOLICIT_UUID128 },
    };
    static const uint8_t sizes[3] = { 2, 4, 16 };
    size_t count[3] = { 0, 0, 0 }, total = 0, i;
    unsigned k;
    uint8_t *at;
    if ((unsigned)which > BLE_GAP_AD_UUIDS_SOLICIT || (n && !u))
        return BLE_ERR_PARAM;
    for (i = 0; i < n; i++) {
        struct ble_uuid s;
        if (u[i].len != 2 && u[i].len != 4 && u[i].len != 16)
            return BLE_ERR_PARAM;
        s = ble_uuid_shortest(&u[i]);
        count[s.len == 2 ? 0 : s.len == 4 ? 1 : 2]++;
    }
    for (k = 0; k < 3; k++) {
        if (!count[k])
            continue;
        if (count[k] > BLE_GAP_AD_DATA_MAX / sizes[k])
            return BLE_ERR_TOO_LONG;
        total += 2 + count[k] * sizes[k];
    }
    if (b->len > b->cap || total > b->cap - b->len)
        return BLE_ERR_NO_SPACE;
    if (!total)
        return 0;
    at = b->buf + b->len;
    for (k = 0; k < 3; k++) {
        if (!count[k])
            continue;
        *at++ = (uint8_t)(1 + count[k] * sizes[k]);
        *at++ = types[which][k];
        for (i = 0; i < n; i++) {
            struct ble_uuid s = ble_uuid_shortest(&u[i]);
            if (s.len == sizes[k]) {
                ble_memcpy(at, s.v, s.len);
                at += s.len;
            }
        }
    }
    b->len += total;
    return (int)total;
}

BLE_DEF int ble_gap_ad_add_name(struct ble_gap_ad_builder *b, const char *name, size_t len, size_t min_len)
{
    const uint8_t *p = (const uint8_t *)name;
    size_t room, k;
    if (len && !name)
        return BLE_ERR_PARAM;
    if (b->len > b->cap || b->cap - b->len < 2)
        return BLE_ERR_NO_SPACE;
    room = b->cap - b->len - 2;
    if (len <= room && len <= BLE_GAP_AD_DATA_MAX)
        return ble_gap_ad_put_(b, BLE_GAP_AD_COMPLETE_NAME, p, len, 0, 0);
    /* CSS Part A 1.2.2: the shortened name is the start of the full name;
     * cut before a UTF-8 continuation octet, never inside a character */
    k = room < BLE_GAP_AD_DATA_MAX ? room : BLE_GAP_AD_DATA_MAX;
    while (k > 0 && (p[k] & 0xC0) == 0x80)
        k--;
    if (k == 0 || k < min_len)
        return BLE_ERR_NO_SPACE;
    return ble_gap_ad_put_(b, BLE_GAP_AD_SHORT_NAME, p, k, 0, 0);
}

/* ---- Printer ---- */

#if BLE_CFG_NAMES
static void ble_gap_pr_label_(struct ble_str *s, unsigned flags, int *first, const char *name)
{
    if (flags & BLE_PRINT_JSON) {
        if (!*first)
            ble_str_putc(s, ',');
        ble_str_putc(s, '"');
        ble_str_puts(s, name);
        ble_str_puts(s, "\":");
    } else {
        if (flags & BLE_PRINT_MULTILINE)
            ble_str_puts(s, "\n  ");
        else if (!*first)
            ble_str_putc(s, ' ');
        ble_str_puts(s, name);
        ble_str_putc(s, '=');
    }
    *first = 0;
}

/* Text in quotes: well-formed UTF-8 as it is; quotes, backslashes, control
 * octets (and every octet of text that is not UTF-8) escaped. */
static void ble_gap_pr_text_(struct ble_str *s, const uint8_t *p, size_t n, unsigned flags)
{
    int utf8 = ble_gap_utf8_count_(p, n) != (size_t)-1;
    size_t i;
    ble_str_putc(s, '"');
    for (i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == '"' || c == '\\') {
            ble_str_putc(s, '\\');
            ble_str_putc(s, (char)c);
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !utf8)) {
            ble_str_puts(s, flags & BLE_PRINT_JSON ? "\\u00" : "\\x");
            ble_str_hexbytes(s, &c, 1);
        } else {
            ble_str_putc(s, (char)c);
        }
    }
    ble_str_putc(s, '"');
}

/* Octets: "[n]hex" in text, "hex" in JSON, like the table printer's REST. */
static void ble_gap_pr_bytes_(struct ble_str *s, const uint8_t *p, size_t n, unsigned flags)
{
    if (flags & BLE_PRINT_JSON) {
        ble_str_putc(s, '"');
    } else {
        ble_str_putc(s, '[');
        ble_str_udec(s, n);
        ble_str_putc(s, ']');
    }
    if (p)
        ble_str_hexbytes(s, p, n);
    if (flags & BLE_PRINT_JSON)
        ble_str_putc(s, '"');
}

static void ble_gap_pr_uuid_(struct ble_str *s, const struct ble_uuid *u, unsigned flags)
{
    if (flags & BLE_PRINT_JSON)
        ble_str_putc(s, '"');
    ble_str_uuid(s, u);
    if (flags & BLE_PRINT_JSON)
        ble_str_putc(s, '"');
}

static const char *const ble_gap_flag_names_[5] = {
    "LE Limited Discoverable Mode",
    "LE General Discoverable Mode",
    "BR/EDR Not Supported",
    "Simultaneous LE and BR/EDR to Same Device Capable (Controller)",
    "Previously Used",
};

/* The value of a decoded structure; JSON: one object. */
static void ble_gap_pr_value_(const struct ble_gap_ad *ad, struct ble_str *s, unsigned flags)
{
    int json = (flags & BLE_PRINT_JSON) != 0, first = 1;
    const struct ble_pdu_desc *view = ad->desc;
    struct ble_uuid u;
    size_t i;
    switch (ad->type) {
    case BLE_GAP_AD_DEVICE_ID_TK:
        view = ad->v.device_id_tk.size == 8 ? &ble_gap_ad_device_id_view_ : &ble_gap_ad_tk_view_;
        break;
    case BLE_GAP_AD_BIGINFO:
        if (!ad->v.biginfo.encrypted)
            view = &ble_gap_ad_biginfo_plain_view_;
        break;
    case BLE_GAP_AD_ADV_INTERVAL_LONG:
        view = &ble_gap_ad_adv_interval_long_view_;
        break;
    case BLE_GAP_AD_FLAGS:
    case BLE_GAP_AD_UUID16_INCOMPLETE:
    case BLE_GAP_AD_UUID16_COMPLETE:
    case BLE_GAP_AD_UUID32_INCOMPLETE:
    case BLE_GAP_AD_UUID32_COMPLETE:
    case BLE_GAP_AD_UUID128_INCOMPLETE:
    case BLE_GAP_AD_UUID128_COMPLETE:
    case BLE_GAP_AD_SOLICIT_UUID16:
    case BLE_GAP_AD_SOLICIT_UUID32:
    case BLE_GAP_AD_SOLICIT_UUID128:
    case BLE_GAP_AD_SHORT_NAME:
    case BLE_GAP_AD_COMPLETE_NAME:
    case BLE_GAP_AD_BROADCAST_NAME:
    case BLE_GAP_AD_URI:
    case BLE_GAP_AD_SERVICE_DATA16:
    case BLE_GAP_AD_SERVICE_DATA32:
    case BLE_GAP_AD_SERVICE_DATA128:
        view = 0; /* printed below: bits by name, UUIDs and text as people write them */
        break;
    default:
        break;
    }
    if (view) {
        ble_pdu_print(view, &ad->v, s, flags);
        return;
    }
    if (json)
        ble_str_putc(s, '{');
    switch (ad->type) {
    case BLE_GAP_AD_FLAGS: {
        uint8_t f = ad->v.flags.flags;
        int any = 0;
        ble_gap_pr_label_(s, flags, &first, "flags");
        if (json) {
            ble_str_udec(s, f);
            ble_str_puts(s, ",\"flags_names\":[");
        } else {
            ble_str_hex(s, f, 2);
        }
        for (i = 0; i < 8; i++) {
            if (!(f & (1u << i)))
                continue;
            ble_str_puts(s, any ? (json ? "," : ", ") : (json ? "" : " ("));
            if (json)
                ble_str_putc(s, '"');
            ble_str_puts(s, i < 5 ? ble_gap_flag_names_[i] : "Reserved");
            if (json)
                ble_str_putc(s, '"');
            any = 1;
        }
        ble_str_puts(s, json ? "]" : any ? ")" : "");
        if (ad->v.flags.reserved.len) {
            ble_gap_pr_label_(s, flags, &first, "reserved");
            ble_gap_pr_bytes_(s, ad->v.flags.reserved.p, ad->v.flags.reserved.len, flags);
        }
        break;
    }
    case BLE_GAP_AD_SHORT_NAME:
    case BLE_GAP_AD_COMPLETE_NAME:
    case BLE_GAP_AD_BROADCAST_NAME:
        ble_gap_pr_label_(s, flags, &first, "name");
        ble_gap_pr_text_(s, ad->data.p, ad->data.len, flags);
        break;
    case BLE_GAP_AD_URI:
        ble_gap_pr_label_(s, flags, &first, "scheme");
        if (json)
            ble_str_udec(s, ad->v.uri.scheme);
        else
            ble_str_hex(s, ad->v.uri.scheme, 4);
        ble_gap_pr_label_(s, flags, &first, "uri");
        ble_gap_pr_text_(s, ad->v.uri.uri.p, ad->v.uri.uri.len, flags);
        break;
    case BLE_GAP_AD_SERVICE_DATA16:
    case BLE_GAP_AD_SERVICE_DATA32:
    case BLE_GAP_AD_SERVICE_DATA128: {
        struct ble_view d = ad->type == BLE_GAP_AD_SERVICE_DATA16   ? ad->v.service_data16.data
                            : ad->type == BLE_GAP_AD_SERVICE_DATA32 ? ad->v.service_data32.data
                                                                    : ad->v.service_data128.data;
        ble_gap_pr_label_(s, flags, &first, "uuid");
        if (ble_gap_ad_uuid(ad, 0, &u) == BLE_OK)
            ble_gap_pr_uuid_(s, &u, flags);
        ble_gap_pr_label_(s, flags, &first, "data");
        ble_gap_pr_bytes_(s, d.p, d.len, flags);
        break;
    }
    default: /* the UUID lists */
        ble_gap_pr_label_(s, flags, &first, "uuids");
        ble_str_putc(s, '[');
        for (i = 0; ble_gap_ad_uuid(ad, i, &u) == BLE_OK; i++) {
            if (i)
                ble_str_putc(s, ',');
            ble_gap_pr_uuid_(s, &u, flags);
        }
        ble_str_putc(s, ']');
        break;
    }
    if (json)
        ble_str_putc(s, '}');
}
#endif

BLE_DEF void ble_gap_ad_print(uint8_t type, const uint8_t *data, size_t len, struct ble_str *s, unsigned flags)
{
#if BLE_CFG_NAMES
    struct ble_gap_ad ad;
    int json = (flags & BLE_PRINT_JSON) != 0, first = 1;
    int rc = ble_gap_ad_decode(type, data, len, &ad);
    const struct ble_pdu_desc *d = ble_gap_ad_desc(type);
    if (json) {
        ble_str_puts(s, "{\"type\":");
        ble_str_udec(s, type);
        if (d) {
            ble_str_puts(s, ",\"name\":\"");
            ble_str_puts(s, ble_pdu_name(d));
            ble_str_putc(s, '"');
        }
        first = 0;
    } else {
        if (d) {
            ble_str_puts(s, ble_pdu_name(d));
        } else {
            ble_str_puts(s, "AD type ");
            ble_str_hex(s, type, 2);
        }
        ble_str_puts(s, flags & BLE_PRINT_MULTILINE ? ":" : ": ");
    }
    if (rc == BLE_OK) {
        if (json)
            ble_str_puts(s, ",\"value\":");
        ble_gap_pr_value_(&ad, s, flags);
    } else {
        if (rc != BLE_ERR_UNKNOWN) {
            ble_gap_pr_label_(s, flags, &first, "error");
            if (json)
                ble_str_putc(s, '"');
            ble_str_puts(s, ble_err_name(rc));
            if (json)
                ble_str_putc(s, '"');
        }
        ble_gap_pr_label_(s, flags, &first, "data");
        ble_gap_pr_bytes_(s, len ? data : 0, len, flags);
    }
    if (json)
        ble_str_putc(s, '}');
#else
    (void)type;
    (void)data;
    (void)len;
    (void)s;
    (void)flags;
#endif
}

BLE_DEF void ble_gap_ad_print_all(const uint8_t *p, size_t len, struct ble_str *s, unsigned flags)
{
#if BLE_CFG_NAMES
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct a;
    int json = (flags & BLE_PRINT_JSON) != 0, first = 1, rc;
    const char *sep = json ? "," : (flags & BLE_PRINT_MULTILINE) ? "\n" : "; ";
    ble_gap_ad_it_init(&it, p, len);
    if (json)
        ble_str_puts(s, "{\"ad\":[");
    while ((rc = ble_gap_ad_next(&it, &a)) > 0) {
        if (!first)
            ble_str_puts(s, sep);
        first = 0;
        ble_gap_ad_print(a.type, a.data.p, a.data.len, s, flags);
    }
    if (json)
        ble_str_putc(s, ']');
    if (rc < 0) {
        if (json) {
            ble_str_puts(s, ",\"error\":\"");
            ble_str_puts(s, ble_err_name(rc));
            ble_str_puts(s, "\",\"offset\":");
        } else {
            if (!first)
                ble_str_puts(s, sep);
            ble_str_puts(s, "error=");
            ble_str_puts(s, ble_err_name(rc));
            ble_str_puts(s, " offset=");
        }
        ble_str_udec(s, it.err_off);
    }
    if (json)
        ble_str_putc(s, '}');
#else
    (void)p;
    (void)len;
    (void)s;
    (void)flags;
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
