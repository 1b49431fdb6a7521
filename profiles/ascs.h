/* blekit ASCS: the server side of the Audio Stream Control Service 1.0, as a
 * codec (ASE characteristic values, ASE Control Point operations and
 * notifications, LTV lists) and a state machine per ASE of each connection.
 * SPDX-License-Identifier: Apache-2.0
 *
 * No GATT here: the machine takes the raw value a client wrote to the ASE
 * Control Point and hands out the raw values to notify (the Control Point
 * notification, then each changed Sink/Source ASE value) into caller
 * buffers. The GATT glue maps characteristics to handles.
 *
 *     struct ble_ascs srv;  struct ble_ascs_conn conns[2];
 *     struct ble_ascs_notify nq[16];  struct ble_ascs_event eq[16];
 *     static const uint8_t dirs[] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };
 *     struct ble_ascs_cfg cfg = { dirs, 2, conns, 2, nq, 16, eq, 16, 0 };
 *     ble_ascs_init(&srv, &cfg);
 *     ble_ascs_acl_connected(&srv, handle);
 *     // ATT Write Request to the ASE Control Point:
 *     rc = ble_ascs_on_cp_write(&srv, now, handle, value, len); // BUSY: retry later
 *     while (ble_ascs_poll_event(&srv, &ev) == BLE_OK)
 *         if (ev.type == BLE_ASCS_EV_DECIDE) ble_ascs_decide(&srv, now, ev.conn, ev.ase_id, &answer);
 *     while ((n = ble_ascs_poll_notify(&srv, &to, buf, sizeof buf)) > 0)
 *         gatt_notify(to.conn, handle_of(to.chr, to.ase_id), buf, n);
 *
 * Application decisions are events answered by a later call (STYLE: no
 * callbacks): Config Codec, Config QoS, Enable and Update Metadata that pass
 * the checks ASCS defines are offered as BLE_ASCS_EV_DECIDE with the parsed
 * parameters; the Control Point notification waits until every ASE of the
 * write has its answer (ble_ascs_decide), then the transitions happen at once.
 */
#ifndef BLE_H
#error "include ble.h, not profiles/ascs.h"
#endif

#ifndef BLE_ASCS_H
#define BLE_ASCS_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Assigned numbers --------------------------------------------------- */

/* ASE directions (the BAP Audio Direction values, usable as a mask). */
#define BLE_ASCS_DIR_SINK 0x01
#define BLE_ASCS_DIR_SOURCE 0x02

/* Which characteristic a notification is for. */
enum ble_ascs_chr {
    BLE_ASCS_CHR_SINK_ASE = 1,
    BLE_ASCS_CHR_SOURCE_ASE = 2,
    BLE_ASCS_CHR_ASE_CP = 3
};

/* Response_Code (ASCS 1.0 5, Table 5.2): X(code, NAME, "spec name"). */
#define BLE_ASCS_RESPONSE_CODES(X)                                                         \
    X(0x00, SUCCESS, "Success")                                                            \
    X(0x01, UNSUPPORTED_OPCODE, "Unsupported Opcode")                                      \
    X(0x02, INVALID_LENGTH, "Invalid Length")                                              \
    X(0x03, INVALID_ASE_ID, "Invalid ASE_ID")                                              \
    X(0x04, INVALID_TRANSITION, "Invalid ASE State Machine Transition")                    \
    X(0x05, INVALID_DIRECTION, "Invalid ASE Direction")                                    \
    X(0x06, UNSUPPORTED_AUDIO_CAPABILITIES, "Unsupported Audio Capabilities")              \
    X(0x07, UNSUPPORTED_CONFIG_VALUE, "Unsupported Configuration Parameter Value")         \
    X(0x08, REJECTED_CONFIG_VALUE, "Rejected Configuration Parameter Value")               \
    X(0x09, INVALID_CONFIG_VALUE, "Invalid Configuration Parameter Value")                 \
    X(0x0A, UNSUPPORTED_METADATA, "Unsupported Metadata")                                  \
    X(0x0B, REJECTED_METADATA, "Rejected Metadata")                                        \
    X(0x0C, INVALID_METADATA, "Invalid Metadata")                                          \
    X(0x0D, INSUFFICIENT_RESOURCES, "Insufficient Resources")                              \
    X(0x0E, UNSPECIFIED_ERROR, "Unspecified Error")
#define BLE_ASCS_RSP_ENUM_(v, NAME, s) BLE_ASCS_RSP_##NAME = (v),
enum ble_ascs_response_code { BLE_ASCS_RESPONSE_CODES(BLE_ASCS_RSP_ENUM_) BLE_ASCS_RSP_END_ };
#undef BLE_ASCS_RSP_ENUM_

/* Reason (Table 5.3), with Response_Code 0x07, 0x08, 0x09. With 0x0A, 0x0B,
 * 0x0C the Reason is the Metadata Type at fault; with any other code, 0x00. */
#define BLE_ASCS_REASONS(X)                                                                \
    X(0x00, NONE, "None")                                                                  \
    X(0x01, CODEC_ID, "Codec_ID")                                                          \
    X(0x02, CODEC_SPECIFIC_CONFIGURATION, "Codec_Specific_Configuration")                  \
    X(0x03, SDU_INTERVAL, "SDU_Interval")                                                  \
    X(0x04, FRAMING, "Framing")                                                            \
    X(0x05, PHY, "PHY")                                                                    \
    X(0x06, MAXIMUM_SDU_SIZE, "Maximum_SDU_Size")                                          \
    X(0x07, RETRANSMISSION_NUMBER, "Retransmission_Number")                                \
    X(0x08, MAX_TRANSPORT_LATENCY, "Max_Transport_Latency")                                \
    X(0x09, PRESENTATION_DELAY, "Presentation_Delay")                                      \
    X(0x0A, INVALID_ASE_CIS_MAPPING, "Invalid_ASE_CIS_Mapping")
#define BLE_ASCS_REASON_ENUM_(v, NAME, s) BLE_ASCS_REASON_##NAME = (v),
enum ble_ascs_reason { BLE_ASCS_REASONS(BLE_ASCS_REASON_ENUM_) BLE_ASCS_REASON_END_ };
#undef BLE_ASCS_REASON_ENUM_

extern const struct ble_names ble_ascs_response_code_names;
extern const struct ble_names ble_ascs_reason_names;
extern const struct ble_names ble_ascs_state_names;
extern const struct ble_names ble_ascs_opcode_names;
/* Spec names ("Invalid ASE_ID"); "" without BLE_CFG_NAMES or for an unknown value. */
BLE_API const char *ble_ascs_response_code_name(unsigned code);
BLE_API const char *ble_ascs_reason_name(unsigned reason);
BLE_API const char *ble_ascs_state_name(unsigned state);
BLE_API const char *ble_ascs_opcode_name(unsigned opcode);

/* ---- ASE characteristic value (ASCS 1.0 4.1) ---------------------------------
 * ASE_ID, ASE_State, then the state's Additional_ASE_Parameters:
 * X(ASE_State, NAME, name, "State", FIELDS, flags). */
#define BLE_ASCS_STATE_TABLE(X)                                                            \
    X(0x00, IDLE, idle, "Idle", BLE_NOFIELDS, 0)                                           \
    X(0x01, CODEC_CONFIGURED, codec_configured, "Codec Configured", BLE_ASCS_CODEC_CONFIGURED_F, 0) \
    X(0x02, QOS_CONFIGURED, qos_configured, "QoS Configured", BLE_ASCS_QOS_CONFIGURED_F, 0) \
    X(0x03, ENABLING, enabling, "Enabling", BLE_ASCS_ENABLED_F, 0)                          \
    X(0x04, STREAMING, streaming, "Streaming", BLE_ASCS_ENABLED_F, 0)                       \
    X(0x05, DISABLING, disabling, "Disabling", BLE_ASCS_ENABLED_F, 0)                       \
    X(0x06, RELEASING, releasing, "Releasing", BLE_NOFIELDS, 0)

/* 4.1 Table 4.3: Codec Configured. Delays in microseconds, latency in ms. */
#define BLE_ASCS_CODEC_CONFIGURED_F(F, S)                                                  \
    F(S, U8, framing, 0)                                                                   \
    F(S, U8, preferred_phy, 0)                                                             \
    F(S, U8, preferred_retransmission_number, 0)                                           \
    F(S, U16, max_transport_latency, 0)                                                    \
    F(S, U24, presentation_delay_min, 0)                                                   \
    F(S, U24, presentation_delay_max, 0)                                                   \
    F(S, U24, preferred_presentation_delay_min, 0)                                         \
    F(S, U24, preferred_presentation_delay_max, 0)                                         \
    F(S, BYTES, codec_id, 5)                                                               \
    F(S, LV8, codec_specific_configuration, 0)
/* Table 4.4: QoS Configured. */
#define BLE_ASCS_QOS_CONFIGURED_F(F, S)                                                    \
    F(S, U8, cig_id, 0)                                                                    \
    F(S, U8, cis_id, 0)                                                                    \
    F(S, U24, sdu_interval, 0)                                                             \
    F(S, U8, framing, 0)                                                                   \
    F(S, U8, phy, 0)                                                                       \
    F(S, U16, max_sdu, 0)                                                                  \
    F(S, U8, retransmission_number, 0)                                                     \
    F(S, U16, max_transport_latency, 0)                                                    \
    F(S, U24, presentation_delay, 0)
/* Table 4.5: Enabling, Streaming, Disabling. */
#define BLE_ASCS_ENABLED_F(F, S)                                                           \
    F(S, U8, cig_id, 0)                                                                    \
    F(S, U8, cis_id, 0)                                                                    \
    F(S, LV8, metadata, 0)

#define BLE_ASCS_STATE_X_CODE_(c, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_ASCS_STATE, c, NAME)
#define BLE_ASCS_STATE_X_INDEX_(c, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_ASCS_STATE, NAME)
#define BLE_ASCS_STATE_X_STRUCT_(c, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_ascs_state, name, FIELDS)
#define BLE_ASCS_STATE_X_UNION_(c, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_ascs_state, name)
enum ble_ascs_state { BLE_ASCS_STATE_TABLE(BLE_ASCS_STATE_X_CODE_) BLE_ASCS_STATE_END_ };
enum ble_ascs_state_index { BLE_ASCS_STATE_TABLE(BLE_ASCS_STATE_X_INDEX_) BLE_ASCS_STATE_COUNT };
BLE_ASCS_STATE_TABLE(BLE_ASCS_STATE_X_STRUCT_)
union ble_ascs_state_params { BLE_ASCS_STATE_TABLE(BLE_ASCS_STATE_X_UNION_) };
/* One descriptor per state, indexed by ASE_State (codes are 0..6). */
extern const struct ble_pdu_desc ble_ascs_state_descs[BLE_ASCS_STATE_COUNT];

struct ble_ascs_ase_value {
    uint8_t ase_id;
    uint8_t state;                    /* enum ble_ascs_state */
    union ble_ascs_state_params p;    /* the member of that state */
};
/* BLE_OK; BLE_ERR_SHORT / BLE_ERR_TRAILING; BLE_ERR_UNKNOWN for an ASE_State
 * ASCS does not define (RFU). *out untouched on error. */
BLE_API int ble_ascs_ase_value_decode(const uint8_t *in, size_t len, struct ble_ascs_ase_value *out);
/* The length written, or a negative ble_err with nothing written. */
BLE_API int ble_ascs_ase_value_encode(const struct ble_ascs_ase_value *v, uint8_t *buf, size_t cap);

/* ---- ASE Control Point operations (ASCS 1.0 5.1-5.8) -------------------------
 * Opcode, Number_of_ASEs, then that many per-ASE parameter groups, each
 * group's fields in order. X(opcode, NAME, name, "Spec Name", FIELDS, flags). */
#define BLE_ASCS_OP_TABLE(X)                                                               \
    X(0x01, CONFIG_CODEC, config_codec, "Config Codec", BLE_ASCS_OP_CODEC_F, 0)            \
    X(0x02, CONFIG_QOS, config_qos, "Config QoS", BLE_ASCS_OP_QOS_F, 0)                    \
    X(0x03, ENABLE, enable, "Enable", BLE_ASCS_OP_META_F, 0)                               \
    X(0x04, RECEIVER_START_READY, receiver_start_ready, "Receiver Start Ready", BLE_ASCS_OP_ID_F, 0) \
    X(0x05, DISABLE, disable, "Disable", BLE_ASCS_OP_ID_F, 0)                              \
    X(0x06, RECEIVER_STOP_READY, receiver_stop_ready, "Receiver Stop Ready", BLE_ASCS_OP_ID_F, 0) \
    X(0x07, UPDATE_METADATA, update_metadata, "Update Metadata", BLE_ASCS_OP_META_F, 0)    \
    X(0x08, RELEASE, release, "Release", BLE_ASCS_OP_ID_F, 0)

/* 5.1: one ASE of Config Codec. Target_Latency 0x01 low latency, 0x02
 * balanced, 0x03 high reliability; Target_PHY 0x01 1M, 0x02 2M, 0x03 Coded. */
#define BLE_ASCS_CODEC_ASE_F(F, S)                                                         \
    F(S, U8, ase_id, 0)                                                                    \
    F(S, U8, target_latency, 0)                                                            \
    F(S, U8, target_phy, 0)                                                                \
    F(S, BYTES, codec_id, 5)                                                               \
    F(S, LV8, codec_specific_configuration, 0)
/* 5.2: one ASE of Config QoS (16 octets). */
#define BLE_ASCS_QOS_ASE_F(F, S)                                                           \
    F(S, U8, ase_id, 0)                                                                    \
    F(S, U8, cig_id, 0)                                                                    \
    F(S, U8, cis_id, 0)                                                                    \
    F(S, U24, sdu_interval, 0)                                                             \
    F(S, U8, framing, 0)                                                                   \
    F(S, U8, phy, 0)                                                                       \
    F(S, U16, max_sdu, 0)                                                                  \
    F(S, U8, retransmission_number, 0)                                                     \
    F(S, U16, max_transport_latency, 0)                                                    \
    F(S, U24, presentation_delay, 0)
/* 5.3, 5.7: one ASE of Enable / Update Metadata. */
#define BLE_ASCS_META_ASE_F(F, S)                                                          \
    F(S, U8, ase_id, 0)                                                                    \
    F(S, LV8, metadata, 0)
/* 5.4, 5.5, 5.6, 5.8: the ASE_ID alone. */
#define BLE_ASCS_ID_ASE_F(F, S) F(S, U8, ase_id, 0)

#define BLE_ASCS_OP_CODEC_F(F, S) F(S, ARR8, ases, ble_ascs_codec_ase_desc)
#define BLE_ASCS_OP_QOS_F(F, S) F(S, ARR8, ases, ble_ascs_qos_ase_desc)
#define BLE_ASCS_OP_META_F(F, S) F(S, ARR8, ases, ble_ascs_meta_ase_desc)
#define BLE_ASCS_OP_ID_F(F, S) F(S, ARR8, ases, ble_ascs_id_ase_desc)

#define BLE_ASCS_OP_X_CODE_(c, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_ASCS_OP, c, NAME)
#define BLE_ASCS_OP_X_INDEX_(c, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_ASCS_OP, NAME)
#define BLE_ASCS_OP_X_STRUCT_(c, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_ascs_op, name, FIELDS)
#define BLE_ASCS_OP_X_UNION_(c, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_ascs_op, name)
enum ble_ascs_opcode { BLE_ASCS_OP_TABLE(BLE_ASCS_OP_X_CODE_) BLE_ASCS_OP_END_ };
enum ble_ascs_op_index { BLE_ASCS_OP_TABLE(BLE_ASCS_OP_X_INDEX_) BLE_ASCS_OP_COUNT };
BLE_GEN_STRUCT(ble_ascs, codec_ase, BLE_ASCS_CODEC_ASE_F)
BLE_GEN_STRUCT(ble_ascs, qos_ase, BLE_ASCS_QOS_ASE_F)
BLE_GEN_STRUCT(ble_ascs, meta_ase, BLE_ASCS_META_ASE_F)
BLE_GEN_STRUCT(ble_ascs, id_ase, BLE_ASCS_ID_ASE_F)
BLE_ASCS_OP_TABLE(BLE_ASCS_OP_X_STRUCT_)
union ble_ascs_op_params { BLE_ASCS_OP_TABLE(BLE_ASCS_OP_X_UNION_) };
extern const struct ble_pdu_desc ble_ascs_op_descs[BLE_ASCS_OP_COUNT];
extern const struct ble_pdu_desc ble_ascs_codec_ase_desc;
extern const struct ble_pdu_desc ble_ascs_qos_ase_desc;
extern const struct ble_pdu_desc ble_ascs_meta_ase_desc;
extern const struct ble_pdu_desc ble_ascs_id_ase_desc;
/* The descriptor of an opcode, or NULL. */
BLE_API const struct ble_pdu_desc *ble_ascs_op_desc(unsigned opcode);

/* A whole Control Point write. The element descriptor of p's array is
 * ble_ascs_<codec|qos|meta|id>_ase_desc; read ASE i with ble_arr_get(). */
struct ble_ascs_cp_write {
    uint8_t opcode;
    const struct ble_pdu_desc *desc;  /* NULL for an opcode ASCS does not define */
    union ble_ascs_op_params p;
};
/* BLE_OK; BLE_ERR_SHORT for an empty value; BLE_ERR_UNKNOWN for an
 * unsupported opcode (opcode and desc = NULL filled); BLE_ERR_SHORT /
 * BLE_ERR_TRAILING when the parameters do not fill the value exactly (the
 * "Invalid Length" of 5). *out untouched on the other errors. */
BLE_API int ble_ascs_cp_write_decode(const uint8_t *in, size_t len, struct ble_ascs_cp_write *out);
/* Encodes opcode and parameters (a client's write; tests). */
BLE_API int ble_ascs_cp_write_encode(uint8_t opcode, const void *params, uint8_t *buf, size_t cap);

/* ---- ASE Control Point notification (4.2) ------------------------------------
 * Opcode, Number_of_ASEs, then per ASE: ASE_ID, Response_Code, Reason. For an
 * invalid length or an unsupported opcode Number_of_ASEs is 0xFF and one
 * entry follows: ASE_ID 0x00, the Response_Code, Reason 0x00. */
#define BLE_ASCS_RSP_ENTRY_F(F, S)                                                         \
    F(S, U8, ase_id, 0)                                                                    \
    F(S, U8, response_code, &ble_ascs_response_code_names)                                 \
    F(S, U8, reason, 0)
BLE_GEN_STRUCT(ble_ascs, rsp_entry, BLE_ASCS_RSP_ENTRY_F)
extern const struct ble_pdu_desc ble_ascs_rsp_entry_desc;
#define BLE_ASCS_NUM_ASES_INVALID 0xFF
struct ble_ascs_cp_rsp {
    uint8_t opcode;
    uint8_t number_of_ases;           /* 0xFF: the one-entry form */
    struct ble_arr ases;              /* struct ble_ascs_rsp_entry elements */
};
BLE_API int ble_ascs_cp_rsp_decode(const uint8_t *in, size_t len, struct ble_ascs_cp_rsp *out);
BLE_API int ble_ascs_cp_rsp_encode(const struct ble_ascs_cp_rsp *r, uint8_t *buf, size_t cap);

/* ---- LTV lists (Codec_Specific_Configuration, Metadata) -----------------------
 * Length (1 octet, counting Type and Value), Type (1), Value: the names
 * ASCS code uses for ble_ltv_next() and ble_ltv_check() of layers/base.h. */
BLE_API int ble_ascs_ltv_next(struct ble_rd *r, uint8_t *type, struct ble_view *value);
/* A whole list: BLE_OK, or the first error with *bad_type the Type octet of
 * the structure at fault (0 when it has no Type octet). */
BLE_API int ble_ascs_ltv_check(const uint8_t *p, size_t len, uint8_t *bad_type);

/* ---- The server's state machine (ASCS 1.0 3, 5) ------------------------------
 * Inputs: Control Point writes, the application's answers, CIS and ACL
 * events, and the server-initiated operations. Every (direction, state,
 * input) pair the specification allows is one row of ble_ascs_transitions;
 * any other pair is refused (a client gets Invalid ASE State Machine
 * Transition, the application BLE_ERR_STATE). */

/* Inputs of the transition table: the client's opcodes, then the server's. */
enum ble_ascs_input {
    BLE_ASCS_IN_CONFIG_CODEC = 0x01,         /* client, 5.1 */
    BLE_ASCS_IN_CONFIG_QOS = 0x02,           /* client, 5.2 */
    BLE_ASCS_IN_ENABLE = 0x03,               /* client, 5.3 */
    BLE_ASCS_IN_RECEIVER_START_READY = 0x04, /* client (Source ASE), 5.4 */
    BLE_ASCS_IN_DISABLE = 0x05,              /* client, 5.5 */
    BLE_ASCS_IN_RECEIVER_STOP_READY = 0x06,  /* client (Source ASE), 5.6 */
    BLE_ASCS_IN_UPDATE_METADATA = 0x07,      /* client, 5.7 */
    BLE_ASCS_IN_RELEASE = 0x08,              /* client, 5.8 */
    BLE_ASCS_IN_SRV_CONFIG_CODEC = 0x11,     /* server-initiated Config Codec */
    BLE_ASCS_IN_SRV_RECEIVER_START_READY = 0x14, /* the server, receiver of a Sink ASE, with its CIS */
    BLE_ASCS_IN_SRV_DISABLE = 0x15,
    BLE_ASCS_IN_SRV_UPDATE_METADATA = 0x17,
    BLE_ASCS_IN_SRV_RELEASE = 0x18,
    BLE_ASCS_IN_RELEASED = 0x20,             /* Releasing done, nothing cached */
    BLE_ASCS_IN_RELEASED_CACHED = 0x21,      /* Releasing done, codec configuration cached */
    BLE_ASCS_IN_CIS_LOST = 0x22,             /* the ASE's CIS disconnected */
    BLE_ASCS_IN_ACL_LOST = 0x23,             /* the client's LE ACL disconnected */
    BLE_ASCS_IN_ACL_LOST_CACHED = 0x24
};

/* One allowed transition: for the directions in `dirs`, input in state `from` leads to `to`. */
struct ble_ascs_transition {
    uint8_t dirs;   /* BLE_ASCS_DIR_SINK | BLE_ASCS_DIR_SOURCE */
    uint8_t from;
    uint8_t input;
    uint8_t to;
};
extern const struct ble_ascs_transition ble_ascs_transitions[];
extern const size_t ble_ascs_transition_count;
/* The state input leads to from `from` for an ASE of direction dir, or -1
 * when the table has no such transition. */
BLE_API int ble_ascs_next_state(unsigned dir, unsigned from, unsigned input);

/* What the server prefers, exposed in the Codec Configured value (Table 4.3). */
struct ble_ascs_codec_prefs {
    uint8_t framing;              /* 0x00 unframed ISOAL PDUs supported, 0x01 not supported */
    uint8_t preferred_phy;        /* bits: 0x01 LE 1M, 0x02 LE 2M, 0x04 LE Coded; 0 none */
    uint8_t preferred_retransmission_number;
    uint16_t max_transport_latency;           /* ms, 0x0005..0x0FA0 */
    uint32_t presentation_delay_min;          /* microseconds, 24 bits */
    uint32_t presentation_delay_max;
    uint32_t preferred_presentation_delay_min; /* 0: no preference */
    uint32_t preferred_presentation_delay_max;
};

/* The QoS of an ASE (5.2, Table 4.4). */
struct ble_ascs_qos {
    uint8_t cig_id, cis_id;
    uint32_t sdu_interval;        /* microseconds, 0x0000FF..0x0FFFFF */
    uint8_t framing, phy;
    uint16_t max_sdu;             /* 0..0x0FFF */
    uint8_t retransmission_number;
    uint16_t max_transport_latency;
    uint32_t presentation_delay;
};

/* The application's answer to a DECIDE event. response_code 0 accepts;
 * anything else (0x03..0x0E) rejects with that code and reason. An accepted
 * Config Codec takes `prefs` for the Codec Configured value. */
struct ble_ascs_answer {
    uint8_t response_code;
    uint8_t reason;
    struct ble_ascs_codec_prefs prefs;
};

enum ble_ascs_ev_type {
    BLE_ASCS_EV_NONE,
    BLE_ASCS_EV_DECIDE, /* answer with ble_ascs_decide(conn, ase_id) */
    BLE_ASCS_EV_STATE   /* an ASE changed state (from, to, input) */
};

struct ble_ascs_event {
    uint8_t type;             /* enum ble_ascs_ev_type */
    uint16_t conn;
    uint8_t ase_id;
    uint8_t dir;
    uint8_t opcode;           /* DECIDE: the operation to decide */
    uint8_t from, to, input;  /* STATE */
    /* DECIDE, Config Codec */
    uint8_t target_latency, target_phy;
    uint8_t codec_id[5];
    /* DECIDE: Codec_Specific_Configuration (Config Codec) or Metadata
     * (Enable, Update Metadata); points into the server's storage, valid
     * until the answer */
    struct ble_view data;
    /* DECIDE Config QoS: the requested QoS; STATE: the ASE's CIG and CIS */
    struct ble_ascs_qos qos;
};

/* One Control Point notification entry held until it is sent. */
struct ble_ascs_cp_slot {
    uint8_t ase_id, response_code, reason;
};

/* One ASE of one connection. */
struct ble_ascs_ase {
    uint8_t id, dir, state;
    uint8_t cis_up;             /* the CIS of (qos.cig_id, qos.cis_id) is established */
    uint8_t rx_ready;           /* Sink ASE: the server said Receiver Start Ready */
    uint8_t pend_op;            /* an operation awaiting the application (0: none) */
    uint8_t pend_told;          /* its DECIDE event was handed out */
    uint8_t pend_entry;         /* its Control Point entry */
    uint8_t codec_id[5];
    uint8_t target_latency, target_phy;
    struct ble_ascs_codec_prefs prefs;
    struct ble_ascs_qos qos;
    uint8_t cfg_len, meta_len, pend_len;
    uint8_t pend_codec_id[5];
    uint8_t pend_target_latency, pend_target_phy;
    struct ble_ascs_qos pend_qos;
    uint8_t cfg[BLE_CFG_ASCS_CODEC_CFG_MAX];
    uint8_t meta[BLE_CFG_ASCS_METADATA_MAX];
    uint8_t pend[BLE_CFG_ASCS_CODEC_CFG_MAX > BLE_CFG_ASCS_METADATA_MAX ? BLE_CFG_ASCS_CODEC_CFG_MAX
                                                                         : BLE_CFG_ASCS_METADATA_MAX];
};

/* The ASEs of one client connection and its Control Point response. */
struct ble_ascs_conn {
    uint16_t handle;
    uint8_t used;
    uint8_t cp_busy;            /* a response is held: awaiting answers or queued */
    uint8_t cp_waiting;         /* answers still awaited */
    uint8_t cp_opcode, cp_number, cp_n;
    struct ble_ascs_cp_slot cp[BLE_CFG_ASCS_MAX_CP_ASES];
    struct ble_ascs_ase ases[BLE_CFG_ASCS_MAX_ASES];
    /* GATT glue: a Write Request to the Control Point held while the
     * previous response is not out (its value stays in the GATT server's
     * request buffer until the reply) */
    uint16_t held_token;
    uint16_t held_len;
    const uint8_t *held;
};

/* A queued notification: the Control Point response of a connection, or an
 * ASE value in the state it entered (with the ASE's parameters as they are
 * when polled). */
struct ble_ascs_notify {
    uint8_t conn;               /* connection slot */
    uint8_t chr;                /* enum ble_ascs_chr */
    uint8_t ase;                /* ASE index */
    uint8_t state;
};

/* Where a polled notification goes. */
struct ble_ascs_notify_target {
    uint16_t conn;
    uint8_t chr;                /* enum ble_ascs_chr */
    uint8_t ase_id;             /* 0 for the Control Point */
};

struct ble_ascs_cfg {
    const uint8_t *dirs;        /* direction of each ASE; ASE_IDs are 1..n_ases */
    uint8_t n_ases;             /* 1..BLE_CFG_ASCS_MAX_ASES */
    struct ble_ascs_conn *conns; /* one per client connection */
    size_t n_conns;
    struct ble_ascs_notify *notify; /* notification queue storage */
    size_t notify_cap;
    struct ble_ascs_event *events; /* STATE event queue storage */
    size_t event_cap;
    uint8_t cache_on_acl_loss;  /* ACL loss leaves ASEs Codec Configured, not Idle */
};

struct ble_ascs_stats {
    uint32_t cp_writes;            /* Control Point writes taken */
    uint32_t cp_invalid_length;    /* answered Number_of_ASEs 0xFF, Invalid Length */
    uint32_t cp_unsupported_opcode; /* answered Number_of_ASEs 0xFF, Unsupported Opcode */
    uint32_t cp_too_many_ases;     /* more ASEs than BLE_CFG_ASCS_MAX_CP_ASES (0xFF form) */
    uint32_t cp_busy;              /* refused: the previous response not yet sent */
    uint32_t unknown_conn;         /* an input for a connection with no slot */
    uint32_t ase_refused;          /* per-ASE responses other than Success */
    uint32_t decide_unmatched;     /* an answer no ASE was waiting for */
    uint32_t cis_unmatched;        /* CIS events matching no ASE */
    uint32_t server_refused;       /* server-initiated requests refused */
    uint32_t notify_dropped;       /* the notification queue was full */
    uint32_t events_dropped;       /* the event queue was full */
    uint32_t notify_cancelled;     /* queued notifications of a connection that went away */
    uint32_t transitions;          /* transitions taken */
    uint32_t gatt_unsent;          /* notifications the GATT server refused (client has not enabled them) */
    uint32_t gatt_no_link;         /* notifications for a connection with no GATT server given */
    uint32_t gatt_refused;         /* ATT requests to ASCS attributes answered with an ATT error */
};

struct ble_ascs {
    struct ble_ascs_cfg cfg;
    struct ble_queue notify;
    struct ble_queue events;
    struct ble_ascs_stats stats;
};

/* Takes the configuration (copied) and resets every slot. BLE_ERR_PARAM for
 * no ASE, too many ASEs, a direction that is neither Sink nor Source, or
 * missing storage. */
BLE_API int ble_ascs_init(struct ble_ascs *srv, const struct ble_ascs_cfg *cfg);
/* A client connected: its ASEs start Idle. BLE_ERR_FULL, BLE_ERR_BUSY (known). */
BLE_API int ble_ascs_acl_connected(struct ble_ascs *srv, uint16_t conn);
/* The client disconnected: every ASE goes to Idle (Codec Configured with
 * cache_on_acl_loss), pending answers and queued notifications of the
 * connection are dropped, the slot is freed. BLE_ERR_NOT_FOUND. */
BLE_API int ble_ascs_acl_disconnected(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn);
/* A write to the ASE Control Point. BLE_OK: taken (the response is queued or
 * awaits answers); BLE_ERR_BUSY: the previous response of this connection is
 * not out yet, nothing changed (the glue retries or holds the ATT Write
 * Response); BLE_ERR_NOT_FOUND: unknown connection. */
BLE_API int ble_ascs_on_cp_write(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                 const uint8_t *value, size_t len);
/* The application's answer to a DECIDE event. BLE_ERR_NOT_FOUND when that ASE
 * awaits none; BLE_ERR_PARAM for a response code or preferences ASCS does not
 * allow (nothing changes). */
BLE_API int ble_ascs_decide(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id,
                            const struct ble_ascs_answer *a);
/* The CIS (cig_id, cis_id) of a connection came up / went away. BLE_OK, or
 * BLE_ERR_NOT_FOUND when no ASE uses it. */
BLE_API int ble_ascs_cis_established(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                     uint8_t cig_id, uint8_t cis_id);
BLE_API int ble_ascs_cis_lost(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                              uint8_t cig_id, uint8_t cis_id);
/* Server-initiated operations (3, 5): BLE_OK; BLE_ERR_NOT_FOUND (connection or
 * ASE), BLE_ERR_STATE (not allowed in this state), BLE_ERR_BUSY (the ASE
 * awaits an answer), BLE_ERR_PARAM, BLE_ERR_TOO_LONG (over the storage). */
BLE_API int ble_ascs_configure_codec(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                     uint8_t ase_id, const uint8_t codec_id[5], const uint8_t *cfg,
                                     size_t cfg_len, const struct ble_ascs_codec_prefs *prefs);
BLE_API int ble_ascs_disable(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id);
BLE_API int ble_ascs_release(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id);
BLE_API int ble_ascs_update_metadata(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                     uint8_t ase_id, const uint8_t *meta, size_t len);
/* The server, receiver of a Sink ASE in Enabling, is ready: the ASE goes
 * Streaming now if its CIS is up, else when it comes up. BLE_ERR_PARAM for a
 * Source ASE (the client is its receiver). */
BLE_API int ble_ascs_receiver_start_ready(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                          uint8_t ase_id);
/* A Releasing ASE is done (CIS and data path gone): to Codec Configured when
 * cache, else Idle. */
BLE_API int ble_ascs_released(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id,
                              int cache);
/* The next notification into buf: its length and *to; BLE_ERR_AGAIN when none;
 * BLE_ERR_NO_SPACE (it stays queued) when cap is short. */
BLE_API int ble_ascs_poll_notify(struct ble_ascs *srv, struct ble_ascs_notify_target *to,
                                 uint8_t *buf, size_t cap);
/* The current value of an ASE characteristic (for a read): its length;
 * BLE_ERR_NOT_FOUND, BLE_ERR_NO_SPACE. */
BLE_API int ble_ascs_read_ase(const struct ble_ascs *srv, uint16_t conn, uint8_t ase_id,
                              uint8_t *buf, size_t cap);
/* The next event: DECIDE events first (they are never dropped), then STATE
 * events in order. BLE_ERR_AGAIN when none. */
BLE_API int ble_ascs_poll_event(struct ble_ascs *srv, struct ble_ascs_event *ev);
/* The state of an ASE, or -1. */
BLE_API int ble_ascs_ase_state(const struct ble_ascs *srv, uint16_t conn, uint8_t ase_id);

/* ---- The service for the GATT server (ASCS 1.0 4) -------------------------------
 * BLE_ASCS_ATTRS(n_sink, n_source) (each 0..8, literal numbers) expands to
 * BLE_ASCS_ATTR_COUNT(n_sink + n_source) attributes: the service, n_sink Sink
 * ASE then n_source Source ASE characteristics (read with encryption, notify,
 * a CCCD each), then the ASE Control Point (write, write without response,
 * notify, with encryption; a CCCD). ASE_IDs follow the table: Sink ASEs are
 * 1..n_sink, Source ASEs n_sink+1.. , so ble_ascs_cfg.dirs lists the Sink
 * directions first. Values are hooks (ids BLE_ASCS_ID_BASE + ASE_ID, and
 * BLE_ASCS_ID_CP): ble_ascs_gatt_on_event() answers their events with the
 * value of the reading connection, and ble_ascs_gatt_flush() hands the queued
 * notifications to the GATT server of each connection. */
#define BLE_ASCS_UUID_SERVICE 0x184E
#define BLE_ASCS_UUID_SINK_ASE 0x2BC4
#define BLE_ASCS_UUID_SOURCE_ASE 0x2BC5
#define BLE_ASCS_UUID_ASE_CP 0x2BC6
#define BLE_ASCS_ID_BASE 0x5A50
#define BLE_ASCS_ID_CP BLE_ASCS_ID_BASE
/* The longest ASE value (Codec Configured, Table 4.3) and Control Point notification. */
#define BLE_ASCS_ASE_VALUE_MAX (25 + BLE_CFG_ASCS_CODEC_CFG_MAX)
#define BLE_ASCS_CP_RSP_MAX (2 + 3 * BLE_CFG_ASCS_MAX_CP_ASES)
#define BLE_ASCS_ATTR_COUNT(n_ases) (1 + 3 * (n_ases) + 3)
#define BLE_ASCS_ASE_CHR_(uuid, ase_id)                                                    \
    BLE_GATT_CHARACTERISTIC(uuid, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY, BLE_GATT_PERM_READ_ENC, \
                            BLE_GATT_VAL_HOOK(BLE_ASCS_ID_BASE + (ase_id), BLE_ASCS_ASE_VALUE_MAX)), \
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE_ENC),
#define BLE_ASCS_SINK_ASE(ase_id) BLE_ASCS_ASE_CHR_(BLE_ASCS_UUID_SINK_ASE, ase_id)
#define BLE_ASCS_SOURCE_ASE(ase_id) BLE_ASCS_ASE_CHR_(BLE_ASCS_UUID_SOURCE_ASE, ase_id)
#define BLE_ASCS_CONTROL_POINT()                                                           \
    BLE_GATT_CHARACTERISTIC(BLE_ASCS_UUID_ASE_CP,                                          \
                            BLE_GATT_PROP_WRITE | BLE_GATT_PROP_WRITE_NO_RSP | BLE_GATT_PROP_NOTIFY, \
                            BLE_GATT_PERM_WRITE_ENC, BLE_GATT_VAL_HOOK(BLE_ASCS_ID_CP, 0)),  \
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE_ENC)
#define BLE_ASCS_SNK_0
#define BLE_ASCS_SNK_1 BLE_ASCS_SINK_ASE(1)
#define BLE_ASCS_SNK_2 BLE_ASCS_SNK_1 BLE_ASCS_SINK_ASE(2)
#define BLE_ASCS_SNK_3 BLE_ASCS_SNK_2 BLE_ASCS_SINK_ASE(3)
#define BLE_ASCS_SNK_4 BLE_ASCS_SNK_3 BLE_ASCS_SINK_ASE(4)
#define BLE_ASCS_SNK_5 BLE_ASCS_SNK_4 BLE_ASCS_SINK_ASE(5)
#define BLE_ASCS_SNK_6 BLE_ASCS_SNK_5 BLE_ASCS_SINK_ASE(6)
#define BLE_ASCS_SNK_7 BLE_ASCS_SNK_6 BLE_ASCS_SINK_ASE(7)
#define BLE_ASCS_SNK_8 BLE_ASCS_SNK_7 BLE_ASCS_SINK_ASE(8)
#define BLE_ASCS_SRC_0(k)
#define BLE_ASCS_SRC_1(k) BLE_ASCS_SOURCE_ASE((k) + 1)
#define BLE_ASCS_SRC_2(k) BLE_ASCS_SRC_1(k) BLE_ASCS_SOURCE_ASE((k) + 2)
#define BLE_ASCS_SRC_3(k) BLE_ASCS_SRC_2(k) BLE_ASCS_SOURCE_ASE((k) + 3)
#define BLE_ASCS_SRC_4(k) BLE_ASCS_SRC_3(k) BLE_ASCS_SOURCE_ASE((k) + 4)
#define BLE_ASCS_SRC_5(k) BLE_ASCS_SRC_4(k) BLE_ASCS_SOURCE_ASE((k) + 5)
#define BLE_ASCS_SRC_6(k) BLE_ASCS_SRC_5(k) BLE_ASCS_SOURCE_ASE((k) + 6)
#define BLE_ASCS_SRC_7(k) BLE_ASCS_SRC_6(k) BLE_ASCS_SOURCE_ASE((k) + 7)
#define BLE_ASCS_SRC_8(k) BLE_ASCS_SRC_7(k) BLE_ASCS_SOURCE_ASE((k) + 8)
#define BLE_ASCS_ATTRS(n_sink, n_source)                                                   \
    BLE_GATT_PRIMARY_SERVICE(BLE_ASCS_UUID_SERVICE),                                       \
    BLE_ASCS_SNK_##n_sink BLE_ASCS_SRC_##n_source(n_sink) BLE_ASCS_CONTROL_POINT()
/* Value handles when the service starts at `first`. */
static inline uint16_t ble_ascs_ase_handle(uint16_t first, unsigned ase_id)
{
    return (uint16_t)(first + 2u + 3u * (ase_id - 1u));
}
static inline uint16_t ble_ascs_cp_handle(uint16_t first, unsigned n_ases)
{
    return (uint16_t)(first + 2u + 3u * n_ases);
}

/* An event of the GATT server of connection conn. BLE_OK when it was for an
 * ASCS attribute: a read of an ASE value is answered from ble_ascs_read_ase()
 * (from the event's offset: Read Blob), a Control Point write (Request or
 * Command) goes to ble_ascs_on_cp_write() and a Write Request gets its Write
 * Response (ASCS 5: invalid values are answered in the Control Point
 * notification, not with an ATT error); while the previous response of the
 * connection is not out, a Write Request is held (answered by
 * ble_ascs_gatt_flush()) and a Write Command dropped (counted in cp_busy).
 * ATT errors: Invalid Offset for a read past the value, Request Not
 * Supported for a long write (Prepare/Execute) of the Control Point, Unlikely
 * Error for a connection ASCS does not know. BLE_ERR_NOT_FOUND: not ASCS's
 * event (pass it on). */
BLE_API int ble_ascs_gatt_on_event(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                   struct ble_gatt_srv *gatt, const struct ble_gatt_srv_event *ev);
/* The GATT server of one connection. */
struct ble_ascs_gatt_link {
    uint16_t conn;
    struct ble_gatt_srv *gatt;
};
/* Hands the queued notifications, in queue order (the Control Point
 * notification before the ASE notifications its operation causes, ASCS 5),
 * to the GATT server of their connection, service at handle `first`, and
 * answers a held Control Point write once every queued notification is on
 * the wire (so they precede its Write Response). A GATT
 * server holds one notification: it stops at the first whose server has one
 * unsent (send its ble_gatt_srv_poll_tx() and call again). Returns the number
 * of notifications and write responses handed over (0: nothing to do now). A
 * notification the client has not enabled is dropped (gatt_unsent), as is one
 * for a connection missing from links (gatt_no_link). */
BLE_API int ble_ascs_gatt_flush(struct ble_ascs *srv, uint32_t now_ms, uint16_t first,
                                const struct ble_ascs_gatt_link *links, size_t n_links);

#ifdef __cplusplus
}
#endif

#endif /* BLE_ASCS_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_ASCS_IMPL)
#define BLE_ASCS_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#if BLE_CFG_NAMES
#define BLE_ASCS_NAME_(v, NAME, s) { (v), s },
static const struct ble_name ble_ascs_rsp_list_[] = { BLE_ASCS_RESPONSE_CODES(BLE_ASCS_NAME_) };
static const struct ble_name ble_ascs_reason_list_[] = { BLE_ASCS_REASONS(BLE_ASCS_NAME_) };
#undef BLE_ASCS_NAME_
#define BLE_ASCS_NAME6_(v, NAME, name, s, FIELDS, fl) { (v), s },
static const struct ble_name ble_ascs_state_list_[] = { BLE_ASCS_STATE_TABLE(BLE_ASCS_NAME6_) };
static const struct ble_name ble_ascs_op_list_[] = { BLE_ASCS_OP_TABLE(BLE_ASCS_NAME6_) };
#undef BLE_ASCS_NAME6_
#define BLE_ASCS_NAMES_(list) { list, (uint16_t)(sizeof list / sizeof list[0]) }
const struct ble_names ble_ascs_response_code_names = BLE_ASCS_NAMES_(ble_ascs_rsp_list_);
const struct ble_names ble_ascs_reason_names = BLE_ASCS_NAMES_(ble_ascs_reason_list_);
const struct ble_names ble_ascs_state_names = BLE_ASCS_NAMES_(ble_ascs_state_list_);
const struct ble_names ble_ascs_opcode_names = BLE_ASCS_NAMES_(ble_ascs_op_list_);
#undef BLE_ASCS_NAMES_
#else
const struct ble_names ble_ascs_response_code_names = { 0, 0 };
const struct ble_names ble_ascs_reason_names = { 0, 0 };
const struct ble_names ble_ascs_state_names = { 0, 0 };
const struct ble_names ble_ascs_opcode_names = { 0, 0 };
#endif

static const char *ble_ascs_name_or_empty_(const struct ble_names *t, unsigned v)
{
    const char *s = ble_names_get(t, v);
    return s ? s : "";
}
BLE_DEF const char *ble_ascs_response_code_name(unsigned code)
{
    return ble_ascs_name_or_empty_(&ble_ascs_response_code_names, code);
}
BLE_DEF const char *ble_ascs_reason_name(unsigned reason)
{
    return ble_ascs_name_or_empty_(&ble_ascs_reason_names, reason);
}
BLE_DEF const char *ble_ascs_state_name(unsigned state)
{
    return ble_ascs_name_or_empty_(&ble_ascs_state_names, state);
}
BLE_DEF const char *ble_ascs_opcode_name(unsigned opcode)
{
    return ble_ascs_name_or_empty_(&ble_ascs_opcode_names, opcode);
}

/* ---- Tables ---- */

#define BLE_ASCS_STATE_X_FIELDS_(c, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_ascs_state, name, FIELDS)
#define BLE_ASCS_STATE_X_DESC_(c, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_ascs_state, c, name, str, fl)
BLE_ASCS_STATE_TABLE(BLE_ASCS_STATE_X_FIELDS_)
const struct ble_pdu_desc ble_ascs_state_descs[BLE_ASCS_STATE_COUNT] = {
    BLE_ASCS_STATE_TABLE(BLE_ASCS_STATE_X_DESC_)
};

BLE_GEN_FIELDS(ble_ascs, codec_ase, BLE_ASCS_CODEC_ASE_F)
BLE_GEN_FIELDS(ble_ascs, qos_ase, BLE_ASCS_QOS_ASE_F)
BLE_GEN_FIELDS(ble_ascs, meta_ase, BLE_ASCS_META_ASE_F)
BLE_GEN_FIELDS(ble_ascs, id_ase, BLE_ASCS_ID_ASE_F)
BLE_GEN_FIELDS(ble_ascs, rsp_entry, BLE_ASCS_RSP_ENTRY_F)
const struct ble_pdu_desc ble_ascs_codec_ase_desc = BLE_GEN_ELEM_DESC(ble_ascs, codec_ase);
const struct ble_pdu_desc ble_ascs_qos_ase_desc = BLE_GEN_ELEM_DESC(ble_ascs, qos_ase);
const struct ble_pdu_desc ble_ascs_meta_ase_desc = BLE_GEN_ELEM_DESC(ble_ascs, meta_ase);
const struct ble_pdu_desc ble_ascs_id_ase_desc = BLE_GEN_ELEM_DESC(ble_ascs, id_ase);
const struct ble_pdu_desc ble_ascs_rsp_entry_desc = BLE_GEN_ELEM_DESC(ble_ascs, rsp_entry);

#define BLE_ASCS_OP_X_FIELDS_(c, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_ascs_op, name, FIELDS)
#define BLE_ASCS_OP_X_DESC_(c, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_ascs_op, c, name, str, fl)
BLE_ASCS_OP_TABLE(BLE_ASCS_OP_X_FIELDS_)
const struct ble_pdu_desc ble_ascs_op_descs[BLE_ASCS_OP_COUNT] = {
    BLE_ASCS_OP_TABLE(BLE_ASCS_OP_X_DESC_)
};

BLE_DEF const struct ble_pdu_desc *ble_ascs_op_desc(unsigned opcode)
{
    return ble_pdu_find(ble_ascs_op_descs, BLE_ASCS_OP_COUNT, opcode);
}

/* ---- Codec ---- */

BLE_DEF int ble_ascs_ase_value_decode(const uint8_t *in, size_t len, struct ble_ascs_ase_value *out)
{
    union ble_ascs_state_params p;
    int rc;
    if (!out || (len && !in))
        return BLE_ERR_PARAM;
    if (len < 2)
        return BLE_ERR_SHORT;
    if (in[1] >= BLE_ASCS_STATE_COUNT)
        return BLE_ERR_UNKNOWN; /* RFU states (4.1 Table 4.2) */
    rc = ble_pdu_decode(&ble_ascs_state_descs[in[1]], in + 2, len - 2, &p);
    if (rc != BLE_OK)
        return rc;
    out->ase_id = in[0];
    out->state = in[1];
    out->p = p;
    return BLE_OK;
}

BLE_DEF int ble_ascs_ase_value_encode(const struct ble_ascs_ase_value *v, uint8_t *buf, size_t cap)
{
    int n;
    if (!v || v->state >= BLE_ASCS_STATE_COUNT)
        return BLE_ERR_PARAM;
    n = ble_pdu_size(&ble_ascs_state_descs[v->state], &v->p);
    if (n < 0)
        return n;
    if ((size_t)n + 2 > cap)
        return BLE_ERR_NO_SPACE;
    if (!buf)
        return BLE_ERR_PARAM;
    buf[0] = v->ase_id;
    buf[1] = v->state;
    return ble_pdu_encode(&ble_ascs_state_descs[v->state], &v->p, buf + 2, cap - 2) + 2;
}

BLE_DEF int ble_ascs_cp_write_decode(const uint8_t *in, size_t len, struct ble_ascs_cp_write *out)
{
    union ble_ascs_op_params p;
    const struct ble_pdu_desc *d;
    int rc;
    if (!out || (len && !in))
        return BLE_ERR_PARAM;
    if (len < 1)
        return BLE_ERR_SHORT;
    d = ble_ascs_op_desc(in[0]);
    if (!d) {
        out->opcode = in[0];
        out->desc = 0;
        return BLE_ERR_UNKNOWN;
    }
    rc = ble_pdu_decode(d, in + 1, len - 1, &p);
    if (rc != BLE_OK)
        return rc;
    out->opcode = in[0];
    out->desc = d;
    out->p = p;
    return BLE_OK;
}

BLE_DEF int ble_ascs_cp_write_encode(uint8_t opcode, const void *params, uint8_t *buf, size_t cap)
{
    const struct ble_pdu_desc *d = ble_ascs_op_desc(opcode);
    int n;
    if (!d || !params)
        return BLE_ERR_PARAM;
    n = ble_pdu_size(d, params);
    if (n < 0)
        return n;
    if ((size_t)n + 1 > cap)
        return BLE_ERR_NO_SPACE;
    if (!buf)
        return BLE_ERR_PARAM;
    buf[0] = opcode;
    return ble_pdu_encode(d, params, buf + 1, cap - 1) + 1;
}

BLE_DEF int ble_ascs_cp_rsp_decode(const uint8_t *in, size_t len, struct ble_ascs_cp_rsp *out)
{
    size_t n;
    if (!out || (len && !in))
        return BLE_ERR_PARAM;
    if (len < 2)
        return BLE_ERR_SHORT;
    n = in[1] == BLE_ASCS_NUM_ASES_INVALID ? 1 : in[1];
    if (len - 2 < 3 * n)
        return BLE_ERR_SHORT;
    if (len - 2 > 3 * n)
        return BLE_ERR_TRAILING;
    out->opcode = in[0];
    out->number_of_ases = in[1];
    out->ases.n = n;
    out->ases.raw = ble_view_make(n ? in + 2 : 0, 3 * n);
    out->ases.items = 0;
    return BLE_OK;
}

BLE_DEF int ble_ascs_cp_rsp_encode(const struct ble_ascs_cp_rsp *r, uint8_t *buf, size_t cap)
{
    size_t n, i;
    if (!r)
        return BLE_ERR_PARAM;
    n = r->ases.n;
    if (r->number_of_ases == BLE_ASCS_NUM_ASES_INVALID ? n != 1 : n != r->number_of_ases)
        return BLE_ERR_MALFORMED;
    if (!r->ases.items && (r->ases.raw.len != 3 * n || (n && !r->ases.raw.p)))
        return BLE_ERR_MALFORMED;
    if (2 + 3 * n > cap)
        return BLE_ERR_NO_SPACE;
    if (!buf)
        return BLE_ERR_PARAM;
    buf[0] = r->opcode;
    buf[1] = r->number_of_ases;
    for (i = 0; i < n; i++) {
        if (r->ases.items) {
            const struct ble_ascs_rsp_entry *e = (const struct ble_ascs_rsp_entry *)r->ases.items + i;
            buf[2 + 3 * i] = e->ase_id;
            buf[3 + 3 * i] = e->response_code;
            buf[4 + 3 * i] = e->reason;
        } else {
            ble_memcpy(buf + 2 + 3 * i, r->ases.raw.p + 3 * i, 3);
        }
    }
    return (int)(2 + 3 * n);
}

/* The LTV walk is shared with PACS and BAP (layers/base.h). */
BLE_DEF int ble_ascs_ltv_next(struct ble_rd *r, uint8_t *type, struct ble_view *value)
{
    return ble_ltv_next(r, type, value);
}

BLE_DEF int ble_ascs_ltv_check(const uint8_t *p, size_t len, uint8_t *bad_type)
{
    return ble_ltv_check(p, len, bad_type, 0);
}

/* ---- Transition table (ASCS 1.0 3, Figures 3.1 Sink and 3.2 Source ASE; 5.1-5.8) ---- */

#define BLE_ASCS_B_ (BLE_ASCS_DIR_SINK | BLE_ASCS_DIR_SOURCE)
#define BLE_ASCS_K_ BLE_ASCS_DIR_SINK
#define BLE_ASCS_R_ BLE_ASCS_DIR_SOURCE
#define BLE_ASCS_T_(d, f, i, t) { d, BLE_ASCS_STATE_##f, BLE_ASCS_IN_##i, BLE_ASCS_STATE_##t },
const struct ble_ascs_transition ble_ascs_transitions[] = {
    /* 5.1 Config Codec, by the client or the server */
    BLE_ASCS_T_(BLE_ASCS_B_, IDLE, CONFIG_CODEC, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, CONFIG_CODEC, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, CONFIG_CODEC, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, IDLE, SRV_CONFIG_CODEC, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, SRV_CONFIG_CODEC, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, SRV_CONFIG_CODEC, CODEC_CONFIGURED)
    /* 5.2 Config QoS, client only */
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, CONFIG_QOS, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, CONFIG_QOS, QOS_CONFIGURED)
    /* 5.3 Enable, client only */
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, ENABLE, ENABLING)
    /* 5.4 Receiver Start Ready, by the receiver: the client for a Source
     * ASE, the server for a Sink ASE */
    BLE_ASCS_T_(BLE_ASCS_R_, ENABLING, RECEIVER_START_READY, STREAMING)
    BLE_ASCS_T_(BLE_ASCS_K_, ENABLING, SRV_RECEIVER_START_READY, STREAMING)
    /* 5.5 Disable: a Sink ASE goes back to QoS Configured, a Source ASE
     * waits in Disabling for the client's Receiver Stop Ready */
    BLE_ASCS_T_(BLE_ASCS_K_, ENABLING, DISABLE, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_K_, STREAMING, DISABLE, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_R_, ENABLING, DISABLE, DISABLING)
    BLE_ASCS_T_(BLE_ASCS_R_, STREAMING, DISABLE, DISABLING)
    BLE_ASCS_T_(BLE_ASCS_K_, ENABLING, SRV_DISABLE, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_K_, STREAMING, SRV_DISABLE, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_R_, ENABLING, SRV_DISABLE, DISABLING)
    BLE_ASCS_T_(BLE_ASCS_R_, STREAMING, SRV_DISABLE, DISABLING)
    /* 5.6 Receiver Stop Ready, client, Source ASE */
    BLE_ASCS_T_(BLE_ASCS_R_, DISABLING, RECEIVER_STOP_READY, QOS_CONFIGURED)
    /* 5.7 Update Metadata, client or server */
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, UPDATE_METADATA, ENABLING)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, UPDATE_METADATA, STREAMING)
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, SRV_UPDATE_METADATA, ENABLING)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, SRV_UPDATE_METADATA, STREAMING)
    /* 5.8 Release, client or server */
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_R_, DISABLING, RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, SRV_RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, SRV_RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, SRV_RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, SRV_RELEASE, RELEASING)
    BLE_ASCS_T_(BLE_ASCS_R_, DISABLING, SRV_RELEASE, RELEASING)
    /* 3: Releasing ends in Idle, or in Codec Configured when the server
     * caches the codec configuration (server only) */
    BLE_ASCS_T_(BLE_ASCS_B_, RELEASING, RELEASED, IDLE)
    BLE_ASCS_T_(BLE_ASCS_B_, RELEASING, RELEASED_CACHED, CODEC_CONFIGURED)
    /* CIS loss: an ASE with a CIS goes back to QoS Configured */
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, CIS_LOST, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, CIS_LOST, QOS_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_R_, DISABLING, CIS_LOST, QOS_CONFIGURED)
    /* ACL loss: as a Release then Released of every ASE not Idle */
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, ACL_LOST, IDLE)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, ACL_LOST, IDLE)
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, ACL_LOST, IDLE)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, ACL_LOST, IDLE)
    BLE_ASCS_T_(BLE_ASCS_R_, DISABLING, ACL_LOST, IDLE)
    BLE_ASCS_T_(BLE_ASCS_B_, RELEASING, ACL_LOST, IDLE)
    BLE_ASCS_T_(BLE_ASCS_B_, CODEC_CONFIGURED, ACL_LOST_CACHED, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, QOS_CONFIGURED, ACL_LOST_CACHED, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, ENABLING, ACL_LOST_CACHED, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, STREAMING, ACL_LOST_CACHED, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_R_, DISABLING, ACL_LOST_CACHED, CODEC_CONFIGURED)
    BLE_ASCS_T_(BLE_ASCS_B_, RELEASING, ACL_LOST_CACHED, CODEC_CONFIGURED)
};
#undef BLE_ASCS_T_
const size_t ble_ascs_transition_count = sizeof ble_ascs_transitions / sizeof ble_ascs_transitions[0];

BLE_DEF int ble_ascs_next_state(unsigned dir, unsigned from, unsigned input)
{
    size_t i;
    for (i = 0; i < ble_ascs_transition_count; i++) {
        const struct ble_ascs_transition *t = &ble_ascs_transitions[i];
        if ((t->dirs & dir) && dir && t->from == from && t->input == input)
            return t->to;
    }
    return -1;
}

/* ---- The machine ---- */

#define BLE_ASCS_PENDING_ 0xFF /* a Control Point entry awaiting the application */
#define BLE_ASCS_TOLD_ 1
#define BLE_ASCS_ANSWERED_ 2

/* The nine QoS parameters of Config QoS (5.2) and of the QoS Configured
 * value (Table 4.4), between the structs that carry them. */
#define BLE_ASCS_QOS_COPY_(d, s)                                                           \
    do {                                                                                   \
        (d)->cig_id = (s)->cig_id;                                                         \
        (d)->cis_id = (s)->cis_id;                                                         \
        (d)->sdu_interval = (s)->sdu_interval;                                             \
        (d)->framing = (s)->framing;                                                       \
        (d)->phy = (s)->phy;                                                               \
        (d)->max_sdu = (s)->max_sdu;                                                       \
        (d)->retransmission_number = (s)->retransmission_number;                           \
        (d)->max_transport_latency = (s)->max_transport_latency;                           \
        (d)->presentation_delay = (s)->presentation_delay;                                 \
    } while (0)

union ble_ascs_elem_ {
    struct ble_ascs_codec_ase codec;
    struct ble_ascs_qos_ase qos;
    struct ble_ascs_meta_ase meta;
    struct ble_ascs_id_ase id;
};

static struct ble_ascs_conn *ble_ascs_conn_(const struct ble_ascs *srv, uint16_t handle)
{
    size_t i;
    for (i = 0; i < srv->cfg.n_conns; i++)
        if (srv->cfg.conns[i].used && srv->cfg.conns[i].handle == handle)
            return &srv->cfg.conns[i];
    return 0;
}

static struct ble_ascs_ase *ble_ascs_ase_(const struct ble_ascs *srv, struct ble_ascs_conn *c, unsigned id)
{
    if (!c || id < 1 || id > srv->cfg.n_ases)
        return 0;
    return &c->ases[id - 1];
}

static int ble_ascs_prefs_ok_(const struct ble_ascs_codec_prefs *p)
{
    if (p->framing > 1 || (p->preferred_phy & ~0x07u))
        return 0;
    if (p->max_transport_latency < 0x0005 || p->max_transport_latency > 0x0FA0)
        return 0;
    if (p->presentation_delay_max > 0xFFFFFFu || p->presentation_delay_min > p->presentation_delay_max)
        return 0;
    /* 4.1: a preferred delay, when given (non-zero), lies inside the range */
    if (p->preferred_presentation_delay_min &&
        (p->preferred_presentation_delay_min < p->presentation_delay_min ||
         p->preferred_presentation_delay_min > p->presentation_delay_max))
        return 0;
    if (p->preferred_presentation_delay_max &&
        (p->preferred_presentation_delay_max > p->presentation_delay_max ||
         p->preferred_presentation_delay_max < p->presentation_delay_min ||
         p->preferred_presentation_delay_max < p->preferred_presentation_delay_min))
        return 0;
    return 1;
}

static void ble_ascs_queue_notify_(struct ble_ascs *srv, size_t ci, uint8_t chr, size_t ai, uint8_t state)
{
    struct ble_ascs_notify n;
    n.conn = (uint8_t)ci;
    n.chr = chr;
    n.ase = (uint8_t)ai;
    n.state = state;
    if (ble_queue_push(&srv->notify, &n) != BLE_OK) {
        srv->stats.notify_dropped++;
        if (chr == BLE_ASCS_CHR_ASE_CP)
            srv->cfg.conns[ci].cp_busy = 0; /* that response is lost: let the client write again */
    }
}

/* Takes a transition of the table: the state changes, the ASE value is
 * queued for notification (unless the link is gone) and a STATE event. */
static void ble_ascs_go_(struct ble_ascs *srv, struct ble_ascs_conn *c, struct ble_ascs_ase *a,
                         uint8_t input, int notify)
{
    struct ble_ascs_event ev;
    int to = ble_ascs_next_state(a->dir, a->state, input);
    uint8_t from = a->state;
    if (to < 0)
        return; /* callers checked; never taken */
    a->state = (uint8_t)to;
    srv->stats.transitions++;
    if (to == BLE_ASCS_STATE_QOS_CONFIGURED || to == BLE_ASCS_STATE_RELEASING) {
        a->rx_ready = 0;
        a->meta_len = 0;
    }
    if (to == BLE_ASCS_STATE_CODEC_CONFIGURED || to == BLE_ASCS_STATE_IDLE) {
        a->rx_ready = 0;
        a->meta_len = 0;
        a->cis_up = 0;
        ble_memset(&a->qos, 0, sizeof a->qos);
    }
    if (to == BLE_ASCS_STATE_IDLE) {
        a->cfg_len = 0;
        ble_memset(a->codec_id, 0, sizeof a->codec_id);
        ble_memset(&a->prefs, 0, sizeof a->prefs);
    }
    if (notify)
        ble_ascs_queue_notify_(srv, (size_t)(c - srv->cfg.conns),
                               a->dir == BLE_ASCS_DIR_SINK ? BLE_ASCS_CHR_SINK_ASE : BLE_ASCS_CHR_SOURCE_ASE,
                               (size_t)(a - c->ases), a->state);
    ble_memset(&ev, 0, sizeof ev);
    ev.type = BLE_ASCS_EV_STATE;
    ev.conn = c->handle;
    ev.ase_id = a->id;
    ev.dir = a->dir;
    ev.from = from;
    ev.to = a->state;
    ev.input = input;
    ev.qos = a->qos;
    if (ble_queue_push(&srv->events, &ev) != BLE_OK)
        srv->stats.events_dropped++;
}

BLE_DEF int ble_ascs_init(struct ble_ascs *srv, const struct ble_ascs_cfg *cfg)
{
    size_t i;
    if (!srv || !cfg || !cfg->dirs || !cfg->n_ases || cfg->n_ases > BLE_CFG_ASCS_MAX_ASES ||
        !cfg->conns || !cfg->n_conns || cfg->n_conns > 0xFF || !cfg->notify || !cfg->notify_cap ||
        !cfg->events || !cfg->event_cap)
        return BLE_ERR_PARAM;
    for (i = 0; i < cfg->n_ases; i++)
        if (cfg->dirs[i] != BLE_ASCS_DIR_SINK && cfg->dirs[i] != BLE_ASCS_DIR_SOURCE)
            return BLE_ERR_PARAM;
    ble_memset(srv, 0, sizeof *srv);
    srv->cfg = *cfg;
    ble_memset(cfg->conns, 0, cfg->n_conns * sizeof *cfg->conns);
    ble_queue_init(&srv->notify, cfg->notify, sizeof *cfg->notify, cfg->notify_cap);
    ble_queue_init(&srv->events, cfg->events, sizeof *cfg->events, cfg->event_cap);
    return BLE_OK;
}

BLE_DEF int ble_ascs_acl_connected(struct ble_ascs *srv, uint16_t conn)
{
    size_t i, k;
    if (ble_ascs_conn_(srv, conn))
        return BLE_ERR_BUSY;
    for (i = 0; i < srv->cfg.n_conns; i++) {
        struct ble_ascs_conn *c = &srv->cfg.conns[i];
        if (c->used)
            continue;
        ble_memset(c, 0, sizeof *c);
        c->used = 1;
        c->handle = conn;
        for (k = 0; k < srv->cfg.n_ases; k++) {
            c->ases[k].id = (uint8_t)(k + 1);
            c->ases[k].dir = srv->cfg.dirs[k];
            c->ases[k].state = BLE_ASCS_STATE_IDLE;
        }
        return BLE_OK;
    }
    return BLE_ERR_FULL;
}

BLE_DEF int ble_ascs_acl_disconnected(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn)
{
    struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
    size_t k, n, ci;
    (void)now_ms;
    if (!c) {
        srv->stats.unknown_conn++;
        return BLE_ERR_NOT_FOUND;
    }
    ci = (size_t)(c - srv->cfg.conns);
    for (k = 0; k < srv->cfg.n_ases; k++) {
        struct ble_ascs_ase *a = &c->ases[k];
        a->pend_op = 0;
        a->pend_told = 0;
        if (a->state != BLE_ASCS_STATE_IDLE)
            ble_ascs_go_(srv, c, a, srv->cfg.cache_on_acl_loss ? BLE_ASCS_IN_ACL_LOST_CACHED : BLE_ASCS_IN_ACL_LOST, 0);
    }
    /* drop what was queued for this link: it has no client any more */
    n = ble_queue_count(&srv->notify);
    while (n--) {
        struct ble_ascs_notify q;
        ble_queue_pop(&srv->notify, &q);
        if (q.conn == ci)
            srv->stats.notify_cancelled++;
        else
            ble_queue_push(&srv->notify, &q);
    }
    c->used = 0;
    c->cp_busy = 0;
    c->cp_waiting = 0;
    return BLE_OK;
}

/* The 0xFF form of the Control Point notification (5: invalid length or
 * unsupported opcode; Insufficient Resources for more ASEs than the kit holds). */
static void ble_ascs_cp_whole_(struct ble_ascs *srv, struct ble_ascs_conn *c, uint8_t opcode, uint8_t code)
{
    c->cp_busy = 1;
    c->cp_waiting = 0;
    c->cp_opcode = opcode;
    c->cp_number = BLE_ASCS_NUM_ASES_INVALID;
    c->cp_n = 1;
    c->cp[0].ase_id = 0;
    c->cp[0].response_code = code;
    c->cp[0].reason = 0;
    ble_ascs_queue_notify_(srv, (size_t)(c - srv->cfg.conns), BLE_ASCS_CHR_ASE_CP, 0, 0);
}

/* 5.2: a CIG_ID/CIS_ID pair serves at most one ASE of each direction. */
static int ble_ascs_cis_taken_(const struct ble_ascs *srv, const struct ble_ascs_conn *c,
                               const struct ble_ascs_ase *self, uint8_t cig, uint8_t cis)
{
    size_t k;
    for (k = 0; k < srv->cfg.n_ases; k++) {
        const struct ble_ascs_ase *o = &c->ases[k];
        if (o == self || o->dir != self->dir)
            continue;
        if (o->pend_op == BLE_ASCS_OP_CONFIG_QOS && o->pend_qos.cig_id == cig && o->pend_qos.cis_id == cis)
            return 1;
        if (o->state >= BLE_ASCS_STATE_QOS_CONFIGURED && o->state <= BLE_ASCS_STATE_DISABLING &&
            o->qos.cig_id == cig && o->qos.cis_id == cis)
            return 1;
    }
    return 0;
}

/* Checks one ASE of a write (5.1-5.8) and, for an operation the application
 * decides, keeps its parameters. Returns the Response_Code (PENDING when the
 * application decides); *reason is set. */
static uint8_t ble_ascs_check_(struct ble_ascs *srv, struct ble_ascs_conn *c, uint8_t op,
                               const union ble_ascs_elem_ *e, size_t idx, uint8_t *reason)
{
    struct ble_ascs_ase *a = ble_ascs_ase_(srv, c, e->id.ase_id);
    size_t j;
    uint8_t bad = 0;
    *reason = BLE_ASCS_REASON_NONE;
    if (!a)
        return BLE_ASCS_RSP_INVALID_ASE_ID;
    for (j = 0; j < idx; j++) /* one operation per ASE in one write */
        if (c->cp[j].ase_id == a->id)
            return BLE_ASCS_RSP_UNSPECIFIED_ERROR;
    /* 5.4, 5.6: only the receiver says Receiver Start/Stop Ready; the client
     * is the receiver of a Source ASE only */
    if ((op == BLE_ASCS_OP_RECEIVER_START_READY || op == BLE_ASCS_OP_RECEIVER_STOP_READY) &&
        a->dir != BLE_ASCS_DIR_SOURCE)
        return BLE_ASCS_RSP_INVALID_DIRECTION;
    if (ble_ascs_next_state(a->dir, a->state, op) < 0)
        return BLE_ASCS_RSP_INVALID_TRANSITION;
    /* 5.4: an ASE streams over its CIS; without it there is nothing to start */
    if (op == BLE_ASCS_OP_RECEIVER_START_READY && !a->cis_up)
        return BLE_ASCS_RSP_INVALID_TRANSITION;
    switch (op) {
    case BLE_ASCS_OP_CONFIG_CODEC: {
        const struct ble_ascs_codec_ase *p = &e->codec;
        if (p->target_phy < 0x01 || p->target_phy > 0x03) {
            *reason = BLE_ASCS_REASON_PHY;
            return BLE_ASCS_RSP_INVALID_CONFIG_VALUE;
        }
        if (ble_ascs_ltv_check(p->codec_specific_configuration.p, p->codec_specific_configuration.len, &bad)) {
            *reason = BLE_ASCS_REASON_CODEC_SPECIFIC_CONFIGURATION;
            return BLE_ASCS_RSP_INVALID_CONFIG_VALUE;
        }
        if (p->codec_specific_configuration.len > BLE_CFG_ASCS_CODEC_CFG_MAX)
            return BLE_ASCS_RSP_INSUFFICIENT_RESOURCES;
        a->pend_target_latency = p->target_latency;
        a->pend_target_phy = p->target_phy;
        ble_memcpy(a->pend_codec_id, p->codec_id, 5);
        a->pend_len = (uint8_t)p->codec_specific_configuration.len;
        ble_memcpy(a->pend, p->codec_specific_configuration.p, a->pend_len);
        break;
    }
    case BLE_ASCS_OP_CONFIG_QOS: {
        const struct ble_ascs_qos_ase *p = &e->qos;
        /* Core 6.0 Vol 4 Part E 7.8.97 ranges; CIG_ID and CIS_ID 0x00..0xEF */
        if (p->cig_id > 0xEF || p->cis_id > 0xEF || ble_ascs_cis_taken_(srv, c, a, p->cig_id, p->cis_id))
            *reason = BLE_ASCS_REASON_INVALID_ASE_CIS_MAPPING;
        else if (p->sdu_interval < 0x0000FF || p->sdu_interval > 0x0FFFFF)
            *reason = BLE_ASCS_REASON_SDU_INTERVAL;
        else if (p->framing > 0x01)
            *reason = BLE_ASCS_REASON_FRAMING;
        else if (p->phy == 0 || (p->phy & ~0x07u))
            *reason = BLE_ASCS_REASON_PHY;
        else if (p->max_sdu > 0x0FFF)
            *reason = BLE_ASCS_REASON_MAXIMUM_SDU_SIZE;
        else if (p->max_transport_latency < 0x0005 || p->max_transport_latency > 0x0FA0)
            *reason = BLE_ASCS_REASON_MAX_TRANSPORT_LATENCY;
        if (*reason)
            return BLE_ASCS_RSP_INVALID_CONFIG_VALUE;
        BLE_ASCS_QOS_COPY_(&a->pend_qos, p);
        break;
    }
    case BLE_ASCS_OP_ENABLE:
    case BLE_ASCS_OP_UPDATE_METADATA: {
        const struct ble_ascs_meta_ase *p = &e->meta;
        if (ble_ascs_ltv_check(p->metadata.p, p->metadata.len, &bad)) {
            *reason = bad; /* 5.3, 5.7: the Metadata Type at fault */
            return BLE_ASCS_RSP_INVALID_METADATA;
        }
        if (p->metadata.len > BLE_CFG_ASCS_METADATA_MAX)
            return BLE_ASCS_RSP_INSUFFICIENT_RESOURCES;
        a->pend_len = (uint8_t)p->metadata.len;
        ble_memcpy(a->pend, p->metadata.p, a->pend_len);
        break;
    }
    default:
        return BLE_ASCS_RSP_SUCCESS; /* taken without the application */
    }
    a->pend_op = op;
    a->pend_told = 0;
    a->pend_entry = (uint8_t)idx;
    return BLE_ASCS_PENDING_;
}

/* Every answer is in: re-check each accepted ASE against the table (a CIS
 * loss may have moved it meanwhile), queue the Control Point notification,
 * then take the transitions, which queue the ASE values (5: the
 * notification first, then each changed ASE). */
static void ble_ascs_finish_(struct ble_ascs *srv, struct ble_ascs_conn *c)
{
    size_t i;
    uint8_t op = c->cp_opcode;
    for (i = 0; i < c->cp_n; i++) {
        struct ble_ascs_cp_slot *s = &c->cp[i];
        struct ble_ascs_ase *a;
        if (s->response_code != BLE_ASCS_RSP_SUCCESS)
            continue;
        a = ble_ascs_ase_(srv, c, s->ase_id);
        if (!a || ble_ascs_next_state(a->dir, a->state, op) < 0) {
            s->response_code = BLE_ASCS_RSP_INVALID_TRANSITION;
            s->reason = 0;
            srv->stats.ase_refused++;
            if (a)
                a->pend_op = 0;
        }
    }
    ble_ascs_queue_notify_(srv, (size_t)(c - srv->cfg.conns), BLE_ASCS_CHR_ASE_CP, 0, 0);
    for (i = 0; i < c->cp_n; i++) {
        struct ble_ascs_cp_slot *s = &c->cp[i];
        struct ble_ascs_ase *a = ble_ascs_ase_(srv, c, s->ase_id);
        if (!a || (a->pend_op && a->pend_entry == i && s->response_code != BLE_ASCS_RSP_SUCCESS)) {
            if (a)
                a->pend_op = 0;
            continue;
        }
        if (s->response_code != BLE_ASCS_RSP_SUCCESS)
            continue;
        switch (op) {
        case BLE_ASCS_OP_CONFIG_CODEC:
            ble_memcpy(a->codec_id, a->pend_codec_id, 5);
            a->target_latency = a->pend_target_latency;
            a->target_phy = a->pend_target_phy;
            a->cfg_len = a->pend_len;
            ble_memcpy(a->cfg, a->pend, a->pend_len);
            break;
        case BLE_ASCS_OP_CONFIG_QOS:
            a->qos = a->pend_qos;
            break;
        case BLE_ASCS_OP_ENABLE:
        case BLE_ASCS_OP_UPDATE_METADATA:
            break;
        default:
            break;
        }
        a->pend_op = 0;
        a->pend_told = 0;
        ble_ascs_go_(srv, c, a, op, 1);
        if (op == BLE_ASCS_OP_ENABLE || op == BLE_ASCS_OP_UPDATE_METADATA) {
            a->meta_len = a->pend_len;
            ble_memcpy(a->meta, a->pend, a->pend_len);
        }
    }
}

BLE_DEF int ble_ascs_on_cp_write(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                 const uint8_t *value, size_t len)
{
    struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
    struct ble_ascs_cp_write w;
    struct ble_arr arr;
    const struct ble_pdu_desc *elem;
    size_t i;
    int rc;
    (void)now_ms;
    if (!c) {
        srv->stats.unknown_conn++;
        return BLE_ERR_NOT_FOUND;
    }
    if (c->cp_busy) {
        srv->stats.cp_busy++;
        return BLE_ERR_BUSY;
    }
    if (len && !value)
        return BLE_ERR_PARAM;
    srv->stats.cp_writes++;
    /* 5: the whole value is checked before any ASE is looked at */
    rc = ble_ascs_cp_write_decode(value, len, &w);
    if (rc == BLE_ERR_UNKNOWN) {
        srv->stats.cp_unsupported_opcode++;
        ble_ascs_cp_whole_(srv, c, w.opcode, BLE_ASCS_RSP_UNSUPPORTED_OPCODE);
        return BLE_OK;
    }
    if (rc == BLE_OK)
        ble_memcpy(&arr, &w.p, sizeof arr); /* every operation's struct starts with its array */
    if (rc != BLE_OK || arr.n == 0) {
        srv->stats.cp_invalid_length++;
        ble_ascs_cp_whole_(srv, c, len ? value[0] : 0, BLE_ASCS_RSP_INVALID_LENGTH);
        return BLE_OK;
    }
    if (arr.n > BLE_CFG_ASCS_MAX_CP_ASES) {
        srv->stats.cp_too_many_ases++;
        ble_ascs_cp_whole_(srv, c, w.opcode, BLE_ASCS_RSP_INSUFFICIENT_RESOURCES);
        return BLE_OK;
    }
    elem = (const struct ble_pdu_desc *)w.desc->fields[0].aux;
    c->cp_busy = 1;
    c->cp_waiting = 0;
    c->cp_opcode = w.opcode;
    c->cp_number = (uint8_t)arr.n;
    c->cp_n = (uint8_t)arr.n;
    for (i = 0; i < arr.n; i++) {
        union ble_ascs_elem_ e;
        uint8_t code, reason;
        ble_arr_get(&arr, elem, i, &e); /* validated by the decode */
        c->cp[i].ase_id = e.id.ase_id;
        c->cp[i].response_code = BLE_ASCS_PENDING_; /* not a duplicate of itself */
        code = ble_ascs_check_(srv, c, w.opcode, &e, i, &reason);
        c->cp[i].response_code = code;
        c->cp[i].reason = reason;
        if (code == BLE_ASCS_PENDING_)
            c->cp_waiting++;
        else if (code != BLE_ASCS_RSP_SUCCESS)
            srv->stats.ase_refused++;
    }
    if (!c->cp_waiting)
        ble_ascs_finish_(srv, c);
    return BLE_OK;
}

BLE_DEF int ble_ascs_decide(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id,
                            const struct ble_ascs_answer *ans)
{
    struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
    struct ble_ascs_ase *a = ble_ascs_ase_(srv, c, ase_id);
    uint8_t code;
    (void)now_ms;
    if (!a || !a->pend_op || a->pend_told == BLE_ASCS_ANSWERED_) {
        srv->stats.decide_unmatched++;
        return BLE_ERR_NOT_FOUND;
    }
    if (!ans)
        return BLE_ERR_PARAM;
    code = ans->response_code;
    /* the per-ASE codes an application may give, and their Reason (Table 5.3) */
    if (code == BLE_ASCS_RSP_UNSUPPORTED_OPCODE || code == BLE_ASCS_RSP_INVALID_LENGTH ||
        code > BLE_ASCS_RSP_UNSPECIFIED_ERROR)
        return BLE_ERR_PARAM;
    if (code >= BLE_ASCS_RSP_UNSUPPORTED_CONFIG_VALUE && code <= BLE_ASCS_RSP_INVALID_CONFIG_VALUE) {
        if (ans->reason < BLE_ASCS_REASON_CODEC_ID || ans->reason > BLE_ASCS_REASON_INVALID_ASE_CIS_MAPPING)
            return BLE_ERR_PARAM;
    } else if (code < BLE_ASCS_RSP_UNSUPPORTED_METADATA || code > BLE_ASCS_RSP_INVALID_METADATA) {
        if (ans->reason)
            return BLE_ERR_PARAM;
    }
    if (code == BLE_ASCS_RSP_SUCCESS && a->pend_op == BLE_ASCS_OP_CONFIG_CODEC) {
        if (!ble_ascs_prefs_ok_(&ans->prefs))
            return BLE_ERR_PARAM;
        a->prefs = ans->prefs;
    }
    c->cp[a->pend_entry].response_code = code;
    c->cp[a->pend_entry].reason = ans->reason;
    if (code != BLE_ASCS_RSP_SUCCESS)
        srv->stats.ase_refused++;
    a->pend_told = BLE_ASCS_ANSWERED_;
    if (--c->cp_waiting == 0)
        ble_ascs_finish_(srv, c);
    return BLE_OK;
}

/* Finds the ASE of a server-initiated request; BLE_OK or why not. */
static int ble_ascs_srv_ase_(struct ble_ascs *srv, uint16_t conn, uint8_t ase_id, uint8_t input,
                             struct ble_ascs_conn **c, struct ble_ascs_ase **a)
{
    *c = ble_ascs_conn_(srv, conn);
    *a = ble_ascs_ase_(srv, *c, ase_id);
    if (!*a) {
        srv->stats.server_refused++;
        return BLE_ERR_NOT_FOUND;
    }
    if ((*a)->pend_op) {
        srv->stats.server_refused++;
        return BLE_ERR_BUSY;
    }
    if (ble_ascs_next_state((*a)->dir, (*a)->state, input) < 0) {
        srv->stats.server_refused++;
        return BLE_ERR_STATE;
    }
    return BLE_OK;
}

BLE_DEF int ble_ascs_configure_codec(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                     uint8_t ase_id, const uint8_t codec_id[5], const uint8_t *cfg,
                                     size_t cfg_len, const struct ble_ascs_codec_prefs *prefs)
{
    struct ble_ascs_conn *c;
    struct ble_ascs_ase *a;
    int rc = ble_ascs_srv_ase_(srv, conn, ase_id, BLE_ASCS_IN_SRV_CONFIG_CODEC, &c, &a);
    (void)now_ms;
    if (rc != BLE_OK)
        return rc;
    if (!codec_id || !prefs || (cfg_len && !cfg) || !ble_ascs_prefs_ok_(prefs) ||
        ble_ascs_ltv_check(cfg, cfg_len, 0) != BLE_OK) {
        srv->stats.server_refused++;
        return BLE_ERR_PARAM;
    }
    if (cfg_len > BLE_CFG_ASCS_CODEC_CFG_MAX) {
        srv->stats.server_refused++;
        return BLE_ERR_TOO_LONG;
    }
    ble_memcpy(a->codec_id, codec_id, 5);
    a->cfg_len = (uint8_t)cfg_len;
    ble_memcpy(a->cfg, cfg, cfg_len);
    a->prefs = *prefs;
    ble_ascs_go_(srv, c, a, BLE_ASCS_IN_SRV_CONFIG_CODEC, 1);
    return BLE_OK;
}

BLE_DEF int ble_ascs_disable(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id)
{
    struct ble_ascs_conn *c;
    struct ble_ascs_ase *a;
    int rc = ble_ascs_srv_ase_(srv, conn, ase_id, BLE_ASCS_IN_SRV_DISABLE, &c, &a);
    (void)now_ms;
    if (rc == BLE_OK)
        ble_ascs_go_(srv, c, a, BLE_ASCS_IN_SRV_DISABLE, 1);
    return rc;
}

BLE_DEF int ble_ascs_release(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id)
{
    struct ble_ascs_conn *c;
    struct ble_ascs_ase *a;
    int rc = ble_ascs_srv_ase_(srv, conn, ase_id, BLE_ASCS_IN_SRV_RELEASE, &c, &a);
    (void)now_ms;
    if (rc == BLE_OK)
        ble_ascs_go_(srv, c, a, BLE_ASCS_IN_SRV_RELEASE, 1);
    return rc;
}

BLE_DEF int ble_ascs_update_metadata(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                     uint8_t ase_id, const uint8_t *meta, size_t len)
{
    struct ble_ascs_conn *c;
    struct ble_ascs_ase *a;
    int rc = ble_ascs_srv_ase_(srv, conn, ase_id, BLE_ASCS_IN_SRV_UPDATE_METADATA, &c, &a);
    (void)now_ms;
    if (rc != BLE_OK)
        return rc;
    if ((len && !meta) || ble_ascs_ltv_check(meta, len, 0) != BLE_OK) {
        srv->stats.server_refused++;
        return BLE_ERR_PARAM;
    }
    if (len > BLE_CFG_ASCS_METADATA_MAX) {
        srv->stats.server_refused++;
        return BLE_ERR_TOO_LONG;
    }
    ble_ascs_go_(srv, c, a, BLE_ASCS_IN_SRV_UPDATE_METADATA, 1);
    a->meta_len = (uint8_t)len;
    ble_memcpy(a->meta, meta, len);
    return BLE_OK;
}

BLE_DEF int ble_ascs_receiver_start_ready(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                          uint8_t ase_id)
{
    struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
    struct ble_ascs_ase *a = ble_ascs_ase_(srv, c, ase_id);
    (void)now_ms;
    if (!a) {
        srv->stats.server_refused++;
        return BLE_ERR_NOT_FOUND;
    }
    if (a->dir != BLE_ASCS_DIR_SINK) {
        srv->stats.server_refused++;
        return BLE_ERR_PARAM;
    }
    if (a->pend_op) {
        srv->stats.server_refused++;
        return BLE_ERR_BUSY;
    }
    if (a->state != BLE_ASCS_STATE_ENABLING) {
        srv->stats.server_refused++;
        return BLE_ERR_STATE;
    }
    a->rx_ready = 1;
    if (a->cis_up)
        ble_ascs_go_(srv, c, a, BLE_ASCS_IN_SRV_RECEIVER_START_READY, 1);
    return BLE_OK;
}

BLE_DEF int ble_ascs_released(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn, uint8_t ase_id,
                              int cache)
{
    struct ble_ascs_conn *c;
    struct ble_ascs_ase *a;
    uint8_t in = cache ? BLE_ASCS_IN_RELEASED_CACHED : BLE_ASCS_IN_RELEASED;
    int rc = ble_ascs_srv_ase_(srv, conn, ase_id, in, &c, &a);
    (void)now_ms;
    if (rc == BLE_OK)
        ble_ascs_go_(srv, c, a, in, 1);
    return rc;
}

BLE_DEF int ble_ascs_cis_established(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                     uint8_t cig_id, uint8_t cis_id)
{
    struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
    size_t k, hits = 0;
    (void)now_ms;
    for (k = 0; c && k < srv->cfg.n_ases; k++) {
        struct ble_ascs_ase *a = &c->ases[k];
        if (a->state < BLE_ASCS_STATE_QOS_CONFIGURED || a->state > BLE_ASCS_STATE_DISABLING ||
            a->qos.cig_id != cig_id || a->qos.cis_id != cis_id)
            continue;
        hits++;
        a->cis_up = 1;
        /* a Sink ASE streams once its CIS is up and the server is ready */
        if (a->dir == BLE_ASCS_DIR_SINK && a->state == BLE_ASCS_STATE_ENABLING && a->rx_ready && !a->pend_op)
            ble_ascs_go_(srv, c, a, BLE_ASCS_IN_SRV_RECEIVER_START_READY, 1);
    }
    if (!hits) {
        srv->stats.cis_unmatched++;
        return BLE_ERR_NOT_FOUND;
    }
    return BLE_OK;
}

BLE_DEF int ble_ascs_cis_lost(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                              uint8_t cig_id, uint8_t cis_id)
{
    struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
    size_t k, hits = 0;
    (void)now_ms;
    for (k = 0; c && k < srv->cfg.n_ases; k++) {
        struct ble_ascs_ase *a = &c->ases[k];
        if (a->state < BLE_ASCS_STATE_QOS_CONFIGURED || a->qos.cig_id != cig_id || a->qos.cis_id != cis_id)
            continue;
        hits++;
        a->cis_up = 0;
        if (ble_ascs_next_state(a->dir, a->state, BLE_ASCS_IN_CIS_LOST) >= 0)
            ble_ascs_go_(srv, c, a, BLE_ASCS_IN_CIS_LOST, 1);
    }
    if (!hits) {
        srv->stats.cis_unmatched++;
        return BLE_ERR_NOT_FOUND;
    }
    return BLE_OK;
}

/* The value of ASE a as it is in `state`. */
static int ble_ascs_ase_encode_(const struct ble_ascs_ase *a, uint8_t state, uint8_t *buf, size_t cap)
{
    struct ble_ascs_ase_value v;
    ble_memset(&v, 0, sizeof v);
    v.ase_id = a->id;
    v.state = state;
    switch (state) {
    case BLE_ASCS_STATE_CODEC_CONFIGURED: {
        struct ble_ascs_state_codec_configured *p = &v.p.codec_configured;
        p->framing = a->prefs.framing;
        p->preferred_phy = a->prefs.preferred_phy;
        p->preferred_retransmission_number = a->prefs.preferred_retransmission_number;
        p->max_transport_latency = a->prefs.max_transport_latency;
        p->presentation_delay_min = a->prefs.presentation_delay_min;
        p->presentation_delay_max = a->prefs.presentation_delay_max;
        p->preferred_presentation_delay_min = a->prefs.preferred_presentation_delay_min;
        p->preferred_presentation_delay_max = a->prefs.preferred_presentation_delay_max;
        ble_memcpy(p->codec_id, a->codec_id, 5);
        p->codec_specific_configuration = ble_view_make(a->cfg, a->cfg_len);
        break;
    }
    case BLE_ASCS_STATE_QOS_CONFIGURED: {
        BLE_ASCS_QOS_COPY_(&v.p.qos_configured, &a->qos);
        break;
    }
    case BLE_ASCS_STATE_ENABLING:
    case BLE_ASCS_STATE_STREAMING:
    case BLE_ASCS_STATE_DISABLING: {
        /* the three states share one field list */
        struct ble_ascs_state_enabling *p = &v.p.enabling;
        p->cig_id = a->qos.cig_id;
        p->cis_id = a->qos.cis_id;
        p->metadata = ble_view_make(a->meta, a->meta_len);
        break;
    }
    default:
        break;
    }
    return ble_ascs_ase_value_encode(&v, buf, cap);
}

BLE_DEF int ble_ascs_poll_notify(struct ble_ascs *srv, struct ble_ascs_notify_target *to,
                                 uint8_t *buf, size_t cap)
{
    const struct ble_ascs_notify *q = (const struct ble_ascs_notify *)ble_queue_peek(&srv->notify);
    const struct ble_ascs_conn *c;
    int n;
    if (!q)
        return BLE_ERR_AGAIN;
    c = &srv->cfg.conns[q->conn];
    if (q->chr == BLE_ASCS_CHR_ASE_CP) {
        size_t i, need = 2 + 3 * (size_t)c->cp_n;
        if (need > cap || !buf)
            return BLE_ERR_NO_SPACE;
        buf[0] = c->cp_opcode;
        buf[1] = c->cp_number;
        for (i = 0; i < c->cp_n; i++) {
            buf[2 + 3 * i] = c->cp[i].ase_id;
            buf[3 + 3 * i] = c->cp[i].response_code;
            buf[4 + 3 * i] = c->cp[i].reason;
        }
        n = (int)need;
        to->ase_id = 0;
        srv->cfg.conns[q->conn].cp_busy = 0; /* the client may write again */
    } else {
        n = ble_ascs_ase_encode_(&c->ases[q->ase], q->state, buf, cap);
        if (n < 0)
            return n;
        to->ase_id = c->ases[q->ase].id;
    }
    to->conn = c->handle;
    to->chr = q->chr;
    ble_queue_pop(&srv->notify, 0);
    return n;
}

BLE_DEF int ble_ascs_read_ase(const struct ble_ascs *srv, uint16_t conn, uint8_t ase_id,
                              uint8_t *buf, size_t cap)
{
    struct ble_ascs_ase *a = ble_ascs_ase_(srv, ble_ascs_conn_(srv, conn), ase_id);
    if (!a)
        return BLE_ERR_NOT_FOUND;
    return ble_ascs_ase_encode_(a, a->state, buf, cap);
}

BLE_DEF int ble_ascs_ase_state(const struct ble_ascs *srv, uint16_t conn, uint8_t ase_id)
{
    struct ble_ascs_ase *a = ble_ascs_ase_(srv, ble_ascs_conn_(srv, conn), ase_id);
    return a ? a->state : -1;
}

BLE_DEF int ble_ascs_poll_event(struct ble_ascs *srv, struct ble_ascs_event *ev)
{
    size_t ci, i;
    for (ci = 0; ci < srv->cfg.n_conns; ci++) {
        struct ble_ascs_conn *c = &srv->cfg.conns[ci];
        if (!c->used || !c->cp_waiting)
            continue;
        for (i = 0; i < c->cp_n; i++) {
            struct ble_ascs_ase *a;
            if (c->cp[i].response_code != BLE_ASCS_PENDING_)
                continue;
            a = ble_ascs_ase_(srv, c, c->cp[i].ase_id);
            if (!a || a->pend_told || a->pend_entry != i)
                continue;
            ble_memset(ev, 0, sizeof *ev);
            ev->type = BLE_ASCS_EV_DECIDE;
            ev->conn = c->handle;
            ev->ase_id = a->id;
            ev->dir = a->dir;
            ev->opcode = a->pend_op;
            ev->target_latency = a->pend_target_latency;
            ev->target_phy = a->pend_target_phy;
            ble_memcpy(ev->codec_id, a->pend_codec_id, 5);
            ev->data = ble_view_make(a->pend_len ? a->pend : 0, a->pend_len);
            ev->qos = a->pend_op == BLE_ASCS_OP_CONFIG_QOS ? a->pend_qos : a->qos;
            a->pend_told = BLE_ASCS_TOLD_;
            return BLE_OK;
        }
    }
    return ble_queue_pop(&srv->events, ev);
}

/* ---- GATT glue ---- */

/* Answers a Control Point write taken or refused by ble_ascs_on_cp_write(). */
static void ble_ascs_gatt_cp_reply_(struct ble_ascs *srv, uint32_t now_ms, struct ble_gatt_srv *gatt,
                                    uint16_t token, int rc)
{
    if (!token)
        return; /* a Write Command: no response whatever happens */
    if (rc != BLE_OK)
        srv->stats.gatt_refused++;
    ble_gatt_srv_reply(gatt, now_ms, token, rc == BLE_OK ? 0 : (uint8_t)BLE_ATT_ERR_UNLIKELY_ERROR, 0, 0);
}

BLE_DEF int ble_ascs_gatt_on_event(struct ble_ascs *srv, uint32_t now_ms, uint16_t conn,
                                   struct ble_gatt_srv *gatt, const struct ble_gatt_srv_event *ev)
{
    uint8_t err = 0;
    if (!srv || !gatt || !ev)
        return BLE_ERR_PARAM;
    if ((ev->type != BLE_GATT_SRV_EV_READ_REQ && ev->type != BLE_GATT_SRV_EV_WRITE_REQ) ||
        ev->id < BLE_ASCS_ID_BASE || ev->id > BLE_ASCS_ID_BASE + srv->cfg.n_ases)
        return BLE_ERR_NOT_FOUND;
    if (ev->type == BLE_GATT_SRV_EV_READ_REQ) {
        uint8_t v[BLE_ASCS_ASE_VALUE_MAX];
        int n = ev->id == BLE_ASCS_ID_CP ? BLE_ERR_PARAM
                                         : ble_ascs_read_ase(srv, conn, (uint8_t)(ev->id - BLE_ASCS_ID_BASE), v, sizeof v);
        if (n < 0)
            err = ev->id == BLE_ASCS_ID_CP ? BLE_ATT_ERR_READ_NOT_PERMITTED : BLE_ATT_ERR_UNLIKELY_ERROR;
        else if (ev->offset > n)
            err = BLE_ATT_ERR_INVALID_OFFSET; /* Core Vol 3 Part F 3.4.4.3 */
        if (err) {
            srv->stats.gatt_refused++;
            ble_gatt_srv_reply(gatt, now_ms, ev->token, err, 0, 0);
        } else {
            ble_gatt_srv_reply(gatt, now_ms, ev->token, 0, v + ev->offset, (size_t)n - ev->offset);
        }
        return BLE_OK;
    }
    if (ev->id != BLE_ASCS_ID_CP) {
        err = BLE_ATT_ERR_WRITE_NOT_PERMITTED; /* ASE values are not writable (4.1) */
    } else if (ev->offset || ev->opcode == BLE_ATT_EXECUTE_WRITE_REQ) {
        err = BLE_ATT_ERR_REQUEST_NOT_SUPPORTED; /* a long write: the kit takes one PDU's value */
    } else {
        struct ble_ascs_conn *c = ble_ascs_conn_(srv, conn);
        int rc = ble_ascs_on_cp_write(srv, now_ms, conn, ev->data.p, ev->data.len);
        if (rc == BLE_ERR_BUSY && ev->token && c && !c->held_token) {
            c->held_token = ev->token;
            c->held = ev->data.p;
            c->held_len = (uint16_t)ev->data.len;
            return BLE_OK;
        }
        ble_ascs_gatt_cp_reply_(srv, now_ms, gatt, ev->token, rc == BLE_ERR_BUSY && ev->token ? BLE_ERR_PARAM : rc);
        return BLE_OK;
    }
    srv->stats.gatt_refused++;
    if (ev->token)
        ble_gatt_srv_reply(gatt, now_ms, ev->token, err, 0, 0);
    return BLE_OK;
}

static struct ble_gatt_srv *ble_ascs_gatt_of_(const struct ble_ascs_gatt_link *links, size_t n, uint16_t conn)
{
    size_t i;
    for (i = 0; links && i < n; i++)
        if (links[i].conn == conn && links[i].gatt)
            return links[i].gatt;
    return 0;
}

BLE_DEF int ble_ascs_gatt_flush(struct ble_ascs *srv, uint32_t now_ms, uint16_t first,
                                const struct ble_ascs_gatt_link *links, size_t n_links)
{
    int done = 0, progress = 1;
    size_t ci;
    if (!srv)
        return BLE_ERR_PARAM;
    while (progress) {
        progress = 0;
        for (;;) {
            const struct ble_ascs_notify *q = (const struct ble_ascs_notify *)ble_queue_peek(&srv->notify);
            struct ble_gatt_srv *g;
            struct ble_ascs_notify_target to;
            uint8_t v[BLE_ASCS_ASE_VALUE_MAX > BLE_ASCS_CP_RSP_MAX ? BLE_ASCS_ASE_VALUE_MAX : BLE_ASCS_CP_RSP_MAX];
            uint16_t h;
            int n;
            if (!q)
                break;
            g = ble_ascs_gatt_of_(links, n_links, srv->cfg.conns[q->conn].handle);
            if (g && g->out_len)
                break; /* its one notification slot is taken: keep the order */
            n = ble_ascs_poll_notify(srv, &to, v, sizeof v);
            if (n < 0)
                break; /* never: v holds the longest value */
            progress = 1;
            if (!g) {
                srv->stats.gatt_no_link++;
                continue;
            }
            h = to.chr == BLE_ASCS_CHR_ASE_CP ? ble_ascs_cp_handle(first, srv->cfg.n_ases)
                                              : ble_ascs_ase_handle(first, to.ase_id);
            if (ble_gatt_srv_notify(g, now_ms, h, v, (size_t)n) == BLE_OK)
                done++;
            else
                srv->stats.gatt_unsent++;
        }
        /* held Write Requests of connections whose response went out */
        for (ci = 0; ci < srv->cfg.n_conns; ci++) {
            struct ble_ascs_conn *c = &srv->cfg.conns[ci];
            struct ble_gatt_srv *g;
            uint16_t token;
            int rc;
            if (!c->used || !c->held_token || c->cp_busy)
                continue;
            g = ble_ascs_gatt_of_(links, n_links, c->handle);
            /* after everything queued is on the wire: the previous
             * operation's notifications precede this Write Response */
            if (!g || g->out_len || ble_queue_count(&srv->notify))
                continue;
            token = c->held_token;
            c->held_token = 0;
            rc = ble_ascs_on_cp_write(srv, now_ms, c->handle, c->held, c->held_len);
            ble_ascs_gatt_cp_reply_(srv, now_ms, g, token, rc);
            done++;
            progress = 1;
        }
    }
    return done;
}

#undef BLE_ASCS_QOS_COPY_
#undef BLE_ASCS_B_
#undef BLE_ASCS_K_
#undef BLE_ASCS_R_

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
