/* blekit ATT layer: the Attribute Protocol PDUs (Core 6.0 Vol 3 Part F 3.3,
 * 3.4), one table row per opcode, with a strict packet-level codec, the
 * opcode's bits and PDU types, the error codes with their names, and
 * bounds-checked iterators over the response lists whose element size a
 * Length or Format octet gives. The GATT server is layers/gatt.h, the client
 * layers/gatt_client.h.
 * SPDX-License-Identifier: Apache-2.0
 *
 * An ATT PDU (3.3.1) is one opcode octet, the parameters, and, when the
 * opcode's Authentication Signature Flag is set, a 12-octet signature. The
 * table describes the parameters; ble_att_decode() splits off the signature.
 *
 *     struct ble_att_pdu pdu;
 *     if (ble_att_decode(l2cap.payload.p, l2cap.payload.len, &pdu) == BLE_OK &&
 *         pdu.opcode == BLE_ATT_READ_BY_TYPE_RSP) {
 *         struct ble_att_iter it; uint16_t h; struct ble_view v;
 *         ble_att_read_by_type_rsp_iter(&it, &pdu.p.read_by_type_rsp);
 *         while (ble_att_read_by_type_rsp_next(&it, &h, &v) == BLE_OK) use(h, v);
 *     }
 */
#ifndef BLE_H
#error "include ble.h, not layers/att.h"
#endif

#ifndef BLE_ATT_H
#define BLE_ATT_H

#ifdef __cplusplus
extern "C" {
#endif

/* The smallest ATT_MTU of an LE link (3.2.8, Vol 3 Part G 5.2.1). */
#define BLE_ATT_MTU_MIN 23
/* The largest attribute value (3.2.9). */
#define BLE_ATT_VALUE_MAX 512
/* Octets of the Authentication Signature (3.3.1). */
#define BLE_ATT_SIGNATURE_LEN 12

/* ---- The opcode octet (3.3.1) ------------------------------------------------
 * Bits 0-5: method; bit 6: Command Flag; bit 7: Authentication Signature Flag. */
#define BLE_ATT_OP_METHOD_MASK 0x3Fu
#define BLE_ATT_OP_COMMAND_FLAG 0x40u
#define BLE_ATT_OP_SIGNED_FLAG 0x80u
static inline unsigned ble_att_op_method(unsigned opcode)
{
    return opcode & BLE_ATT_OP_METHOD_MASK;
}
static inline int ble_att_op_command_flag(unsigned opcode)
{
    return (opcode & BLE_ATT_OP_COMMAND_FLAG) != 0;
}
static inline int ble_att_op_signed_flag(unsigned opcode)
{
    return (opcode & BLE_ATT_OP_SIGNED_FLAG) != 0;
}

/* ---- Error codes (3.4.1.1 Table 3.4; Core Specification Supplement Part B
 * 1.2 for 0xFC..0xFF). 0x80..0x9F are the application's own; 0xE0..0xFF are
 * for common profile and service error codes. */
#define BLE_ATT_ERRORS(X)                                                                  \
    X(0x01, INVALID_HANDLE, "Invalid Handle")                                              \
    X(0x02, READ_NOT_PERMITTED, "Read Not Permitted")                                      \
    X(0x03, WRITE_NOT_PERMITTED, "Write Not Permitted")                                    \
    X(0x04, INVALID_PDU, "Invalid PDU")                                                    \
    X(0x05, INSUFFICIENT_AUTHENTICATION, "Insufficient Authentication")                    \
    X(0x06, REQUEST_NOT_SUPPORTED, "Request Not Supported")                                \
    X(0x07, INVALID_OFFSET, "Invalid Offset")                                              \
    X(0x08, INSUFFICIENT_AUTHORIZATION, "Insufficient Authorization")                      \
    X(0x09, PREPARE_QUEUE_FULL, "Prepare Queue Full")                                      \
    X(0x0A, ATTRIBUTE_NOT_FOUND, "Attribute Not Found")                                    \
    X(0x0B, ATTRIBUTE_NOT_LONG, "Attribute Not Long")                                      \
    X(0x0C, ENCRYPTION_KEY_SIZE_TOO_SHORT, "Encryption Key Size Too Short")                \
    X(0x0D, INVALID_ATTRIBUTE_VALUE_LENGTH, "Invalid Attribute Value Length")              \
    X(0x0E, UNLIKELY_ERROR, "Unlikely Error")                                              \
    X(0x0F, INSUFFICIENT_ENCRYPTION, "Insufficient Encryption")                            \
    X(0x10, UNSUPPORTED_GROUP_TYPE, "Unsupported Group Type")                              \
    X(0x11, INSUFFICIENT_RESOURCES, "Insufficient Resources")                              \
    X(0x12, DATABASE_OUT_OF_SYNC, "Database Out Of Sync")                                  \
    X(0x13, VALUE_NOT_ALLOWED, "Value Not Allowed")                                        \
    X(0xFC, WRITE_REQUEST_REJECTED, "Write Request Rejected")                              \
    X(0xFD, CCCD_IMPROPERLY_CONFIGURED,                                                    \
      "Client Characteristic Configuration Descriptor Improperly Configured")              \
    X(0xFE, PROCEDURE_ALREADY_IN_PROGRESS, "Procedure Already in Progress")                \
    X(0xFF, OUT_OF_RANGE, "Out of Range")

#define BLE_ATT_ERR_ENUM_(v, NAME, s) BLE_ATT_ERR_##NAME = (v),
enum ble_att_error {
    BLE_ATT_ERRORS(BLE_ATT_ERR_ENUM_)
    BLE_ATT_ERR_APPLICATION_MIN = 0x80,
    BLE_ATT_ERR_APPLICATION_MAX = 0x9F,
    BLE_ATT_ERR_COMMON_MIN = 0xE0
};
#undef BLE_ATT_ERR_ENUM_

/* The error code's name ("Invalid Handle"; "Application Error" for
 * 0x80..0x9F), or NULL for a reserved code or without BLE_CFG_NAMES. */
BLE_API const char *ble_att_err_name(unsigned code);
extern const struct ble_names ble_att_err_names;      /* the named codes, sorted */

/* Find Information Response Format (3.4.3.2). */
enum ble_att_find_info_format {
    BLE_ATT_FORMAT_UUID16 = 0x01,   /* handle and 16-bit UUID pairs */
    BLE_ATT_FORMAT_UUID128 = 0x02   /* handle and 128-bit UUID pairs */
};
/* Execute Write Request Flags (3.4.6.3). */
enum ble_att_exec_flags {
    BLE_ATT_EXEC_CANCEL = 0x00,     /* cancel all prepared writes */
    BLE_ATT_EXEC_WRITE = 0x01       /* immediately write all pending prepared values */
};

/* ---- The PDUs: X(opcode, NAME, name, "Spec Name", FIELDS, flags), sorted by
 * opcode (3.4.8). FIELDS describe the Attribute Parameters: everything after
 * the opcode, the Authentication Signature excluded. */
#define BLE_ATT_TABLE(X)                                                                   \
    X(0x01, ERROR_RSP, error_rsp, "ATT_ERROR_RSP", BLE_ATT_ERROR_RSP_F, 0)                \
    X(0x02, EXCHANGE_MTU_REQ, exchange_mtu_req, "ATT_EXCHANGE_MTU_REQ", BLE_ATT_MTU_REQ_F, 0) \
    X(0x03, EXCHANGE_MTU_RSP, exchange_mtu_rsp, "ATT_EXCHANGE_MTU_RSP", BLE_ATT_MTU_RSP_F, 0) \
    X(0x04, FIND_INFORMATION_REQ, find_information_req, "ATT_FIND_INFORMATION_REQ", BLE_ATT_RANGE_F, 0) \
    X(0x05, FIND_INFORMATION_RSP, find_information_rsp, "ATT_FIND_INFORMATION_RSP", BLE_ATT_FIND_INFO_RSP_F, 0) \
    X(0x06, FIND_BY_TYPE_VALUE_REQ, find_by_type_value_req, "ATT_FIND_BY_TYPE_VALUE_REQ", BLE_ATT_FIND_BY_TYPE_REQ_F, 0) \
    X(0x07, FIND_BY_TYPE_VALUE_RSP, find_by_type_value_rsp, "ATT_FIND_BY_TYPE_VALUE_RSP", BLE_ATT_FIND_BY_TYPE_RSP_F, 0) \
    X(0x08, READ_BY_TYPE_REQ, read_by_type_req, "ATT_READ_BY_TYPE_REQ", BLE_ATT_READ_BY_TYPE_REQ_F, 0) \
    X(0x09, READ_BY_TYPE_RSP, read_by_type_rsp, "ATT_READ_BY_TYPE_RSP", BLE_ATT_DATA_LIST_F, 0) \
    X(0x0A, READ_REQ, read_req, "ATT_READ_REQ", BLE_ATT_HANDLE_F, 0)                       \
    X(0x0B, READ_RSP, read_rsp, "ATT_READ_RSP", BLE_ATT_VALUE_F, 0)                        \
    X(0x0C, READ_BLOB_REQ, read_blob_req, "ATT_READ_BLOB_REQ", BLE_ATT_BLOB_REQ_F, 0)      \
    X(0x0D, READ_BLOB_RSP, read_blob_rsp, "ATT_READ_BLOB_RSP", BLE_ATT_PART_VALUE_F, 0)    \
    X(0x0E, READ_MULTIPLE_REQ, read_multiple_req, "ATT_READ_MULTIPLE_REQ", BLE_ATT_SET_OF_HANDLES_F, 0) \
    X(0x0F, READ_MULTIPLE_RSP, read_multiple_rsp, "ATT_READ_MULTIPLE_RSP", BLE_ATT_SET_OF_VALUES_F, 0) \
    X(0x10, READ_BY_GROUP_TYPE_REQ, read_by_group_type_req, "ATT_READ_BY_GROUP_TYPE_REQ", BLE_ATT_READ_BY_GROUP_REQ_F, 0) \
    X(0x11, READ_BY_GROUP_TYPE_RSP, read_by_group_type_rsp, "ATT_READ_BY_GROUP_TYPE_RSP", BLE_ATT_DATA_LIST_F, 0) \
    X(0x12, WRITE_REQ, write_req, "ATT_WRITE_REQ", BLE_ATT_HANDLE_VALUE_F, 0)              \
    X(0x13, WRITE_RSP, write_rsp, "ATT_WRITE_RSP", BLE_NOFIELDS, 0)                        \
    X(0x16, PREPARE_WRITE_REQ, prepare_write_req, "ATT_PREPARE_WRITE_REQ", BLE_ATT_PREPARE_F, 0) \
    X(0x17, PREPARE_WRITE_RSP, prepare_write_rsp, "ATT_PREPARE_WRITE_RSP", BLE_ATT_PREPARE_F, 0) \
    X(0x18, EXECUTE_WRITE_REQ, execute_write_req, "ATT_EXECUTE_WRITE_REQ", BLE_ATT_EXEC_REQ_F, 0) \
    X(0x19, EXECUTE_WRITE_RSP, execute_write_rsp, "ATT_EXECUTE_WRITE_RSP", BLE_NOFIELDS, 0) \
    X(0x1B, HANDLE_VALUE_NTF, handle_value_ntf, "ATT_HANDLE_VALUE_NTF", BLE_ATT_HANDLE_VALUE_F, 0) \
    X(0x1D, HANDLE_VALUE_IND, handle_value_ind, "ATT_HANDLE_VALUE_IND", BLE_ATT_HANDLE_VALUE_F, 0) \
    X(0x1E, HANDLE_VALUE_CFM, handle_value_cfm, "ATT_HANDLE_VALUE_CFM", BLE_NOFIELDS, 0)   \
    X(0x20, READ_MULTIPLE_VARIABLE_REQ, read_multiple_variable_req, "ATT_READ_MULTIPLE_VARIABLE_REQ", BLE_ATT_SET_OF_HANDLES_F, 0) \
    X(0x21, READ_MULTIPLE_VARIABLE_RSP, read_multiple_variable_rsp, "ATT_READ_MULTIPLE_VARIABLE_RSP", BLE_ATT_LV_LIST_F, 0) \
    X(0x23, MULTIPLE_HANDLE_VALUE_NTF, multiple_handle_value_ntf, "ATT_MULTIPLE_HANDLE_VALUE_NTF", BLE_ATT_HLV_LIST_F, 0) \
    X(0x52, WRITE_CMD, write_cmd, "ATT_WRITE_CMD", BLE_ATT_HANDLE_VALUE_F, 0)              \
    X(0xD2, SIGNED_WRITE_CMD, signed_write_cmd, "ATT_SIGNED_WRITE_CMD", BLE_ATT_HANDLE_VALUE_F, 0)

/* 3.4.1.1 */
#define BLE_ATT_ERROR_RSP_F(F, S)                                                          \
    F(S, U8, request_opcode_in_error, &ble_att_opcode_names)                               \
    F(S, U16, attribute_handle_in_error, 0)                                                \
    F(S, U8, error_code, &ble_att_err_names)
/* 3.4.2.1, 3.4.2.2 */
#define BLE_ATT_MTU_REQ_F(F, S) F(S, U16, client_rx_mtu, 0)
#define BLE_ATT_MTU_RSP_F(F, S) F(S, U16, server_rx_mtu, 0)
/* 3.4.3.1 */
#define BLE_ATT_RANGE_F(F, S)                                                              \
    F(S, U16, starting_handle, 0)                                                          \
    F(S, U16, ending_handle, 0)
/* 3.4.3.2: handle-UUID pairs of the Format's size (ble_att_find_information_rsp_next) */
#define BLE_ATT_FIND_INFO_RSP_F(F, S)                                                      \
    F(S, U8, format, &ble_att_format_names)                                                \
    F(S, REST, information_data, 0)
/* 3.4.3.3: the type is a 16-bit UUID */
#define BLE_ATT_FIND_BY_TYPE_REQ_F(F, S)                                                   \
    F(S, U16, starting_handle, 0)                                                          \
    F(S, U16, ending_handle, 0)                                                            \
    F(S, U16, attribute_type, 0)                                                           \
    F(S, REST, attribute_value, 0)
/* 3.4.3.4: one or more Handles Information */
#define BLE_ATT_HANDLES_INFO_F(F, S)                                                       \
    F(S, U16, found_attribute_handle, 0)                                                   \
    F(S, U16, group_end_handle, 0)
#define BLE_ATT_FIND_BY_TYPE_RSP_F(F, S)                                                   \
    F(S, ARRR, handles_information_list, ble_att_handles_information_desc)
/* 3.4.4.1: a 2- or 16-octet UUID (ble_att_uuid_from_view) */
#define BLE_ATT_READ_BY_TYPE_REQ_F(F, S)                                                   \
    F(S, U16, starting_handle, 0)                                                          \
    F(S, U16, ending_handle, 0)                                                            \
    F(S, REST, attribute_type, 0)
/* 3.4.4.2, 3.4.4.10: elements of Length octets each (the _rsp_next iterators) */
#define BLE_ATT_DATA_LIST_F(F, S)                                                          \
    F(S, U8, length, 0)                                                                    \
    F(S, REST, attribute_data_list, 0)
/* 3.4.4.3 */
#define BLE_ATT_HANDLE_F(F, S) F(S, U16, attribute_handle, 0)
/* 3.4.4.4 */
#define BLE_ATT_VALUE_F(F, S) F(S, REST, attribute_value, 0)
/* 3.4.4.5 */
#define BLE_ATT_BLOB_REQ_F(F, S)                                                           \
    F(S, U16, attribute_handle, 0)                                                         \
    F(S, U16, value_offset, 0)
/* 3.4.4.6 */
#define BLE_ATT_PART_VALUE_F(F, S) F(S, REST, part_attribute_value, 0)
/* 3.4.4.7, 3.4.4.11: two or more handles */
#define BLE_ATT_HANDLE_ITEM_F(F, S) F(S, U16, attribute_handle, 0)
#define BLE_ATT_SET_OF_HANDLES_F(F, S) F(S, ARRR, set_of_handles, ble_att_handle_item_desc)
/* 3.4.4.8: the values one after the other, with nothing between them */
#define BLE_ATT_SET_OF_VALUES_F(F, S) F(S, REST, set_of_values, 0)
/* 3.4.4.9: a 2- or 16-octet UUID */
#define BLE_ATT_READ_BY_GROUP_REQ_F(F, S)                                                  \
    F(S, U16, starting_handle, 0)                                                          \
    F(S, U16, ending_handle, 0)                                                            \
    F(S, REST, attribute_group_type, 0)
/* 3.4.5.1, 3.4.5.3, 3.4.5.4, 3.4.7.1, 3.4.7.2 */
#define BLE_ATT_HANDLE_VALUE_F(F, S)                                                       \
    F(S, U16, attribute_handle, 0)                                                         \
    F(S, REST, attribute_value, 0)
/* 3.4.6.1, 3.4.6.2 */
#define BLE_ATT_PREPARE_F(F, S)                                                            \
    F(S, U16, attribute_handle, 0)                                                         \
    F(S, U16, value_offset, 0)                                                             \
    F(S, REST, part_attribute_value, 0)
/* 3.4.6.3 */
#define BLE_ATT_EXEC_REQ_F(F, S) F(S, U8, flags, &ble_att_exec_flags_names)
/* 3.4.4.12: Value Length, Attribute Value tuples (ble_att_read_multiple_variable_rsp_next) */
#define BLE_ATT_LV_LIST_F(F, S) F(S, REST, length_value_tuple_list, 0)
/* 3.4.7.4: Attribute Handle, Value Length, Attribute Value tuples */
#define BLE_ATT_HLV_LIST_F(F, S) F(S, REST, handle_length_value_tuple_list, 0)

#define BLE_ATT_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_ATT, code, NAME)
#define BLE_ATT_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_ATT, NAME)
#define BLE_ATT_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_att, name, FIELDS)
#define BLE_ATT_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_att, name)
/* Typed wrappers of the parameters, like BLE_GEN_WRAP's but through the strict
 * ble_att_params_decode/encode, so the list and UUID rules hold there too. */
#define BLE_ATT_X_WRAP_(code, NAME, name, str, FIELDS, fl)                                 \
    static inline int ble_att_##name##_encode(const struct ble_att_##name *p, uint8_t *buf, size_t cap) \
    {                                                                                      \
        return ble_att_params_encode(BLE_ATT_##NAME, p, buf, cap);                         \
    }                                                                                      \
    static inline int ble_att_##name##_decode(const uint8_t *in, size_t len, struct ble_att_##name *out) \
    {                                                                                      \
        return ble_att_params_decode(BLE_ATT_##NAME, in, len, out);                        \
    }

enum ble_att_opcode { BLE_ATT_TABLE(BLE_ATT_X_CODE_) BLE_ATT_OPCODE_END_ };
enum ble_att_index { BLE_ATT_TABLE(BLE_ATT_X_INDEX_) BLE_ATT_COUNT };
BLE_GEN_STRUCT(ble_att, handles_information, BLE_ATT_HANDLES_INFO_F)
BLE_GEN_STRUCT(ble_att, handle_item, BLE_ATT_HANDLE_ITEM_F)
BLE_ATT_TABLE(BLE_ATT_X_STRUCT_)
union ble_att_params { BLE_ATT_TABLE(BLE_ATT_X_UNION_) };

extern const struct ble_pdu_desc ble_att_descs[BLE_ATT_COUNT];
extern const struct ble_pdu_desc ble_att_handles_information_desc;
extern const struct ble_pdu_desc ble_att_handle_item_desc;
extern const struct ble_names ble_att_opcode_names;
extern const struct ble_names ble_att_format_names;
extern const struct ble_names ble_att_exec_flags_names;

/* The descriptor of an opcode, or NULL when ATT defines none. */
BLE_API const struct ble_pdu_desc *ble_att_desc(unsigned opcode);
/* The opcode's name ("ATT_READ_REQ"), or NULL (unknown, or no BLE_CFG_NAMES). */
BLE_API const char *ble_att_op_name(unsigned opcode);

/* Decodes the parameters of opcode (everything after the opcode octet, the
 * signature excluded) into the opcode's struct, checking what the table alone
 * cannot: a Length or Format and its list (BLE_ERR_MALFORMED for a Length
 * too small, a Format other than 1 or 2, an empty list or one that is not a
 * whole number of elements), a UUID of 2 or 16 octets, the least number of
 * handles. BLE_OK; BLE_ERR_UNKNOWN for an opcode without a row; *out is
 * untouched on error. */
BLE_API int ble_att_params_decode(unsigned opcode, const uint8_t *in, size_t len, void *out);
/* Encodes the parameters after the same checks: the length, or a negative
 * ble_err with nothing written. */
BLE_API int ble_att_params_encode(unsigned opcode, const void *params, uint8_t *buf, size_t cap);
BLE_ATT_TABLE(BLE_ATT_X_WRAP_)

/* ---- Whole PDUs ------------------------------------------------------------ */

struct ble_att_pdu {
    uint8_t opcode;
    const struct ble_pdu_desc *desc;   /* NULL for an opcode ATT does not define */
    union ble_att_params p;            /* valid when desc is set */
    struct ble_view params;            /* the parameter octets (signature excluded) */
    /* 3.3.1: the last 12 octets when the Authentication Signature Flag is set
     * (ATT_SIGNED_WRITE_CMD); checking it is the caller's (Vol 3 Part H 2.4.5) */
    uint8_t auth_signature[BLE_ATT_SIGNATURE_LEN];
};
/* Decodes one ATT PDU (an L2CAP payload on the ATT channel). BLE_OK; a
 * parameter error (see ble_att_params_decode), with *out untouched;
 * BLE_ERR_SHORT for an empty PDU, or a signed one without its 12 signature
 * octets; BLE_ERR_UNKNOWN for an opcode ATT does not define, with opcode,
 * desc (NULL) and params still filled, so that a server can answer a request
 * with Request Not Supported and ignore a command (3.4.9, 3.3.1). */
BLE_API int ble_att_decode(const uint8_t *pdu, size_t len, struct ble_att_pdu *out);
/* Encodes opcode and the parameters (the struct of the opcode's row): the
 * length, or a negative ble_err with nothing written. BLE_ERR_PARAM for an
 * undefined opcode, and for a signed one: use ble_att_pdu_encode(). */
BLE_API int ble_att_encode(uint8_t opcode, const void *params, uint8_t *buf, size_t cap);
/* Encodes pdu->opcode, pdu->p and, for a signed opcode, pdu->auth_signature.
 * A signer encodes once, signs the first (length - 12) octets and writes the
 * signature into the last 12. */
BLE_API int ble_att_pdu_encode(const struct ble_att_pdu *pdu, uint8_t *buf, size_t cap);
/* "ATT_WRITE_REQ attribute_handle=0x0003 attribute_value=[2]0102" (flags as
 * ble_pdu_print: BLE_PRINT_MULTILINE, BLE_PRINT_JSON gives
 * {"opcode":18,"name":"ATT_WRITE_REQ","params":{...}}). Nothing without
 * BLE_CFG_NAMES. */
BLE_API void ble_att_print(const struct ble_att_pdu *pdu, struct ble_str *s, unsigned flags);

/* ---- PDU types (3.3) ------------------------------------------------------- */
enum ble_att_type {
    BLE_ATT_TYPE_UNKNOWN = 0,          /* an opcode ATT does not define */
    BLE_ATT_TYPE_REQUEST,
    BLE_ATT_TYPE_RESPONSE,
    BLE_ATT_TYPE_COMMAND,
    BLE_ATT_TYPE_NOTIFICATION,
    BLE_ATT_TYPE_INDICATION,
    BLE_ATT_TYPE_CONFIRMATION
};
BLE_API enum ble_att_type ble_att_op_type(unsigned opcode);
static inline int ble_att_is_request(unsigned op) { return ble_att_op_type(op) == BLE_ATT_TYPE_REQUEST; }
static inline int ble_att_is_response(unsigned op) { return ble_att_op_type(op) == BLE_ATT_TYPE_RESPONSE; }
static inline int ble_att_is_command(unsigned op) { return ble_att_op_type(op) == BLE_ATT_TYPE_COMMAND; }
static inline int ble_att_is_notification(unsigned op) { return ble_att_op_type(op) == BLE_ATT_TYPE_NOTIFICATION; }
static inline int ble_att_is_indication(unsigned op) { return ble_att_op_type(op) == BLE_ATT_TYPE_INDICATION; }
static inline int ble_att_is_confirmation(unsigned op) { return ble_att_op_type(op) == BLE_ATT_TYPE_CONFIRMATION; }
/* The opcode of the PDU that answers op: a request's response (an Error
 * Response may come instead), an indication's confirmation; 0 otherwise. */
BLE_API unsigned ble_att_rsp_opcode(unsigned opcode);

/* ---- UUIDs in ATT PDUs (3.2.1) ----------------------------------------------
 * 16-bit UUIDs travel as 2 octets, every other UUID as 16 (a 32-bit UUID is
 * widened to 128 bits in ATT). */
/* A 2- or 16-octet UUID; BLE_ERR_MALFORMED for any other length. */
BLE_API int ble_att_uuid_from_view(struct ble_view v, struct ble_uuid *u);
/* Writes u as ATT carries it into out: returns 2 or 16 (BLE_ERR_PARAM for a
 * UUID of another length). */
BLE_API int ble_att_uuid_wire(const struct ble_uuid *u, uint8_t out[16]);

/* ---- Iterators over the response lists ----------------------------------------
 * _iter() checks the whole list (BLE_ERR_MALFORMED as the decoder would);
 * _next() gives one element and BLE_OK, BLE_ERR_NOT_FOUND at the end of the
 * list, BLE_ERR_MALFORMED when what is left is not a whole element (never
 * after a successful _iter()), writing nothing then. Values are views into
 * the PDU. */
struct ble_att_iter {
    const uint8_t *p;
    size_t left;
    size_t elem;      /* element length of a fixed-size list; 0 for tuple lists */
    uint8_t opcode;   /* the response the iterator walks */
};
/* 3.4.3.2: handle and UUID (2 or 16 octets by Format) */
BLE_API int ble_att_find_information_rsp_iter(struct ble_att_iter *it, const struct ble_att_find_information_rsp *p);
BLE_API int ble_att_find_information_rsp_next(struct ble_att_iter *it, uint16_t *handle, struct ble_uuid *uuid);
/* 3.4.4.2: handle and value (Length - 2 octets) */
BLE_API int ble_att_read_by_type_rsp_iter(struct ble_att_iter *it, const struct ble_att_read_by_type_rsp *p);
BLE_API int ble_att_read_by_type_rsp_next(struct ble_att_iter *it, uint16_t *handle, struct ble_view *value);
/* 3.4.4.10: handle, end group handle and value (Length - 4 octets) */
BLE_API int ble_att_read_by_group_type_rsp_iter(struct ble_att_iter *it, const struct ble_att_read_by_group_type_rsp *p);
BLE_API int ble_att_read_by_group_type_rsp_next(struct ble_att_iter *it, uint16_t *handle,
                                                uint16_t *end_group_handle, struct ble_view *value);
/* 3.4.4.12: Value Length and value; the last value may be cut short where the
 * response reached ATT_MTU (value->len < *value_length then). */
BLE_API int ble_att_read_multiple_variable_rsp_iter(struct ble_att_iter *it,
                                                    const struct ble_att_read_multiple_variable_rsp *p);
BLE_API int ble_att_read_multiple_variable_rsp_next(struct ble_att_iter *it, uint16_t *value_length,
                                                    struct ble_view *value);
/* 3.4.7.4: handle and value (Value Length octets) */
BLE_API int ble_att_multiple_handle_value_ntf_iter(struct ble_att_iter *it,
                                                   const struct ble_att_multiple_handle_value_ntf *p);
BLE_API int ble_att_multiple_handle_value_ntf_next(struct ble_att_iter *it, uint16_t *handle,
                                                   struct ble_view *value);

#ifdef __cplusplus
}
#endif

#endif /* BLE_ATT_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_ATT_IMPL)
#define BLE_ATT_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#if BLE_CFG_NAMES
#define BLE_ATT_ERR_NAME_(v, NAME, s) { (v), s },
static const struct ble_name ble_att_err_list_[] = { BLE_ATT_ERRORS(BLE_ATT_ERR_NAME_) };
#undef BLE_ATT_ERR_NAME_
const struct ble_names ble_att_err_names = {
    ble_att_err_list_, (uint16_t)(sizeof ble_att_err_list_ / sizeof ble_att_err_list_[0])
};
#define BLE_ATT_X_OPNAME_(code, NAME, name, str, FIELDS, fl) { (code), str },
static const struct ble_name ble_att_opcode_list_[] = { BLE_ATT_TABLE(BLE_ATT_X_OPNAME_) };
#undef BLE_ATT_X_OPNAME_
const struct ble_names ble_att_opcode_names = { ble_att_opcode_list_, BLE_ATT_COUNT };
static const struct ble_name ble_att_format_list_[] = {
    { 0x01, "Handle(s) and 16-bit Bluetooth UUID(s)" },
    { 0x02, "Handle(s) and 128-bit UUID(s)" },
};
const struct ble_names ble_att_format_names = { ble_att_format_list_, 2 };
static const struct ble_name ble_att_exec_flags_list_[] = {
    { 0x00, "Cancel all prepared writes" },
    { 0x01, "Immediately write all pending prepared values" },
};
const struct ble_names ble_att_exec_flags_names = { ble_att_exec_flags_list_, 2 };
#else
const struct ble_names ble_att_err_names = { 0, 0 };
const struct ble_names ble_att_opcode_names = { 0, 0 };
const struct ble_names ble_att_format_names = { 0, 0 };
const struct ble_names ble_att_exec_flags_names = { 0, 0 };
#endif

#define BLE_ATT_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_att, name, FIELDS)
#define BLE_ATT_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_att, code, name, str, fl)
BLE_GEN_FIELDS(ble_att, handles_information, BLE_ATT_HANDLES_INFO_F)
BLE_GEN_FIELDS(ble_att, handle_item, BLE_ATT_HANDLE_ITEM_F)
const struct ble_pdu_desc ble_att_handles_information_desc = BLE_GEN_ELEM_DESC(ble_att, handles_information);
const struct ble_pdu_desc ble_att_handle_item_desc = BLE_GEN_ELEM_DESC(ble_att, handle_item);
BLE_ATT_TABLE(BLE_ATT_X_FIELDS_)
const struct ble_pdu_desc ble_att_descs[BLE_ATT_COUNT] = { BLE_ATT_TABLE(BLE_ATT_X_DESC_) };

BLE_DEF const struct ble_pdu_desc *ble_att_desc(unsigned opcode)
{
    return ble_pdu_find(ble_att_descs, BLE_ATT_COUNT, opcode);
}

BLE_DEF const char *ble_att_op_name(unsigned opcode)
{
    return ble_names_get(&ble_att_opcode_names, opcode);
}

BLE_DEF const char *ble_att_err_name(unsigned code)
{
#if BLE_CFG_NAMES
    if (code >= BLE_ATT_ERR_APPLICATION_MIN && code <= BLE_ATT_ERR_APPLICATION_MAX)
        return "Application Error"; /* 3.4.1.1: defined by a higher layer */
#endif
    return ble_names_get(&ble_att_err_names, code);
}

/* 3.3: the type follows from the opcode (3.4.8 lists them). */
BLE_DEF enum ble_att_type ble_att_op_type(unsigned opcode)
{
    switch (opcode) {
    case BLE_ATT_EXCHANGE_MTU_REQ:
    case BLE_ATT_FIND_INFORMATION_REQ:
    case BLE_ATT_FIND_BY_TYPE_VALUE_REQ:
    case BLE_ATT_READ_BY_TYPE_REQ:
    case BLE_ATT_READ_REQ:
    case BLE_ATT_READ_BLOB_REQ:
    case BLE_ATT_READ_MULTIPLE_REQ:
    case BLE_ATT_READ_BY_GROUP_TYPE_REQ:
    case BLE_ATT_WRITE_REQ:
    case BLE_ATT_PREPARE_WRITE_REQ:
    case BLE_ATT_EXECUTE_WRITE_REQ:
    case BLE_ATT_READ_MULTIPLE_VARIABLE_REQ: return BLE_ATT_TYPE_REQUEST;
    case BLE_ATT_ERROR_RSP:
    case BLE_ATT_EXCHANGE_MTU_RSP:
    case BLE_ATT_FIND_INFORMATION_RSP:
    case BLE_ATT_FIND_BY_TYPE_VALUE_RSP:
    case BLE_ATT_READ_BY_TYPE_RSP:
    case BLE_ATT_READ_RSP:
    case BLE_ATT_READ_BLOB_RSP:
    case BLE_ATT_READ_MULTIPLE_RSP:
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP:
    case BLE_ATT_WRITE_RSP:
    case BLE_ATT_PREPARE_WRITE_RSP:
    case BLE_ATT_EXECUTE_WRITE_RSP:
    case BLE_ATT_READ_MULTIPLE_VARIABLE_RSP: return BLE_ATT_TYPE_RESPONSE;
    case BLE_ATT_WRITE_CMD:
    case BLE_ATT_SIGNED_WRITE_CMD: return BLE_ATT_TYPE_COMMAND;
    case BLE_ATT_HANDLE_VALUE_NTF:
    case BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF: return BLE_ATT_TYPE_NOTIFICATION;
    case BLE_ATT_HANDLE_VALUE_IND: return BLE_ATT_TYPE_INDICATION;
    case BLE_ATT_HANDLE_VALUE_CFM: return BLE_ATT_TYPE_CONFIRMATION;
    default: return BLE_ATT_TYPE_UNKNOWN;
    }
}

BLE_DEF unsigned ble_att_rsp_opcode(unsigned opcode)
{
    switch (ble_att_op_type(opcode)) {
    case BLE_ATT_TYPE_REQUEST: return opcode + 1; /* every request's response is the next opcode */
    case BLE_ATT_TYPE_INDICATION: return BLE_ATT_HANDLE_VALUE_CFM;
    default: return 0;
    }
}

/* ---- UUIDs ---- */

BLE_DEF int ble_att_uuid_from_view(struct ble_view v, struct ble_uuid *u)
{
    if (v.len != 2 && v.len != 16)
        return BLE_ERR_MALFORMED;
    return ble_uuid_from_le(u, v.p, v.len);
}

BLE_DEF int ble_att_uuid_wire(const struct ble_uuid *u, uint8_t out[16])
{
    if (!u || !out || (u->len != 2 && u->len != 4 && u->len != 16))
        return BLE_ERR_PARAM;
    if (u->len == 2) {
        out[0] = u->v[0];
        out[1] = u->v[1];
        return 2;
    }
    ble_uuid_to128(u, out);
    return 16;
}

/* ---- Lists ---- */

/* The element length of a fixed-size list, from its Format or Length octet;
 * 0 when that octet is invalid. */
static size_t ble_att_elem_len_(unsigned opcode, uint8_t octet)
{
    switch (opcode) {
    case BLE_ATT_FIND_INFORMATION_RSP: /* 3.4.3.2 */
        return octet == BLE_ATT_FORMAT_UUID16 ? 4 : octet == BLE_ATT_FORMAT_UUID128 ? 18 : 0;
    case BLE_ATT_READ_BY_TYPE_RSP: /* 3.4.4.2: a handle, then the value */
        return octet >= 2 ? octet : 0;
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP: /* 3.4.4.10: two handles, then the value */
        return octet >= 4 ? octet : 0;
    default:
        return 0;
    }
}

/* Walks one tuple of a tuple list: its declared value length, its value
 * (view), and the octets it took; BLE_ERR_MALFORMED when the rest is not a
 * tuple. A Read Multiple Variable Response may cut its last value short
 * (3.4.4.12); a Multiple Handle Value Notification may not (3.4.7.4). */
static int ble_att_tuple_(unsigned opcode, const uint8_t *p, size_t left, uint16_t *handle,
                          uint16_t *vlen, struct ble_view *value, size_t *took)
{
    size_t hdr = opcode == BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF ? 4 : 2, n;
    if (left < hdr)
        return BLE_ERR_MALFORMED;
    *handle = hdr == 4 ? ble_get_le16(p) : 0;
    *vlen = ble_get_le16(p + hdr - 2);
    n = *vlen;
    if (n > left - hdr) {
        if (hdr == 4)
            return BLE_ERR_MALFORMED;
        n = left - hdr; /* the truncated last value */
    }
    *value = ble_view_make(n ? p + hdr : 0, n);
    *took = hdr + n;
    return BLE_OK;
}

/* The whole list of a response: non-empty and made of whole elements. */
static int ble_att_list_check_(unsigned opcode, struct ble_view list, size_t elem, int tuples)
{
    uint16_t h, vl;
    struct ble_view v;
    size_t took;
    if (list.len && !list.p)
        return BLE_ERR_PARAM;
    if (list.len == 0)
        return BLE_ERR_MALFORMED; /* every list response carries at least one element */
    if (!tuples)
        return elem && list.len % elem == 0 ? BLE_OK : BLE_ERR_MALFORMED;
    while (list.len) {
        int rc = ble_att_tuple_(opcode, list.p, list.len, &h, &vl, &v, &took);
        if (rc)
            return rc;
        list.p += took;
        list.len -= took;
    }
    return BLE_OK;
}

static int ble_att_min_(struct ble_arr a, size_t least)
{
    return a.n >= least ? BLE_OK : BLE_ERR_MALFORMED;
}

static int ble_att_uuid_len_(struct ble_view v)
{
    return v.len == 2 || v.len == 16 ? BLE_OK : BLE_ERR_MALFORMED;
}

/* What the table cannot say about a row's parameters: the same rules for
 * decoding and for encoding. */
static int ble_att_check_(unsigned opcode, const void *params)
{
    switch (opcode) {
    case BLE_ATT_FIND_INFORMATION_RSP: {
        const struct ble_att_find_information_rsp *p = (const struct ble_att_find_information_rsp *)params;
        size_t e = ble_att_elem_len_(opcode, p->format);
        return e ? ble_att_list_check_(opcode, p->information_data, e, 0) : BLE_ERR_MALFORMED;
    }
    case BLE_ATT_READ_BY_TYPE_RSP: {
        const struct ble_att_read_by_type_rsp *p = (const struct ble_att_read_by_type_rsp *)params;
        size_t e = ble_att_elem_len_(opcode, p->length);
        return e ? ble_att_list_check_(opcode, p->attribute_data_list, e, 0) : BLE_ERR_MALFORMED;
    }
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP: {
        const struct ble_att_read_by_group_type_rsp *p = (const struct ble_att_read_by_group_type_rsp *)params;
        size_t e = ble_att_elem_len_(opcode, p->length);
        return e ? ble_att_list_check_(opcode, p->attribute_data_list, e, 0) : BLE_ERR_MALFORMED;
    }
    case BLE_ATT_FIND_BY_TYPE_VALUE_RSP: /* 3.4.3.4: one or more */
        return ble_att_min_(((const struct ble_att_find_by_type_value_rsp *)params)->handles_information_list, 1);
    case BLE_ATT_READ_MULTIPLE_REQ: /* 3.4.4.7: two or more */
        return ble_att_min_(((const struct ble_att_read_multiple_req *)params)->set_of_handles, 2);
    case BLE_ATT_READ_MULTIPLE_VARIABLE_REQ: /* 3.4.4.11: two or more */
        return ble_att_min_(((const struct ble_att_read_multiple_variable_req *)params)->set_of_handles, 2);
    case BLE_ATT_READ_BY_TYPE_REQ: /* 3.4.4.1: a 2- or 16-octet UUID */
        return ble_att_uuid_len_(((const struct ble_att_read_by_type_req *)params)->attribute_type);
    case BLE_ATT_READ_BY_GROUP_TYPE_REQ: /* 3.4.4.9 */
        return ble_att_uuid_len_(((const struct ble_att_read_by_group_type_req *)params)->attribute_group_type);
    case BLE_ATT_READ_MULTIPLE_VARIABLE_RSP:
        return ble_att_list_check_(opcode,
            ((const struct ble_att_read_multiple_variable_rsp *)params)->length_value_tuple_list, 0, 1);
    case BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF:
        return ble_att_list_check_(opcode,
            ((const struct ble_att_multiple_handle_value_ntf *)params)->handle_length_value_tuple_list, 0, 1);
    default:
        return BLE_OK;
    }
}

/* the parameters of opcode, whose descriptor d the caller looked up */
static int ble_att_params_read_(const struct ble_pdu_desc *d, unsigned opcode, const uint8_t *in, size_t len,
                                union ble_att_params *p)
{
    int rc = ble_pdu_decode(d, in, len, p);
    return rc == BLE_OK ? ble_att_check_(opcode, p) : rc;
}

BLE_DEF int ble_att_params_decode(unsigned opcode, const uint8_t *in, size_t len, void *out)
{
    const struct ble_pdu_desc *d = ble_att_desc(opcode);
    union ble_att_params p;
    int rc;
    if (!d)
        return BLE_ERR_UNKNOWN;
    if (!out)
        return BLE_ERR_PARAM;
    rc = ble_att_params_read_(d, opcode, in, len, &p);
    if (rc == BLE_OK)
        ble_memcpy(out, &p, d->size);
    return rc;
}

BLE_DEF int ble_att_params_encode(unsigned opcode, const void *params, uint8_t *buf, size_t cap)
{
    const struct ble_pdu_desc *d = ble_att_desc(opcode);
    int rc;
    if (!d || !params)
        return BLE_ERR_PARAM;
    rc = ble_att_check_(opcode, params);
    return rc ? rc : ble_pdu_encode(d, params, buf, cap);
}

/* ---- Whole PDUs ---- */

BLE_DEF int ble_att_decode(const uint8_t *pdu, size_t len, struct ble_att_pdu *out)
{
    const struct ble_pdu_desc *d;
    union ble_att_params p;
    struct ble_view params;
    uint8_t opcode;
    int rc;
    if (!out || (len && !pdu))
        return BLE_ERR_PARAM;
    if (len < 1)
        return BLE_ERR_SHORT;
    opcode = pdu[0];
    d = ble_att_desc(opcode);
    params = ble_view_make(len > 1 ? pdu + 1 : 0, len - 1);
    if (!d) {
        out->opcode = opcode;
        out->desc = 0;
        out->params = params;
        return BLE_ERR_UNKNOWN;
    }
    if (ble_att_op_signed_flag(opcode)) {
        if (params.len < BLE_ATT_SIGNATURE_LEN)
            return BLE_ERR_SHORT;
        params.len -= BLE_ATT_SIGNATURE_LEN;
        if (!params.len)
            params.p = 0;
    }
    rc = ble_att_params_read_(d, opcode, params.p, params.len, &p);
    if (rc != BLE_OK)
        return rc;
    out->opcode = opcode;
    out->desc = d;
    ble_memcpy(&out->p, &p, d->size);
    out->params = params;
    if (ble_att_op_signed_flag(opcode))
        ble_memcpy(out->auth_signature, pdu + len - BLE_ATT_SIGNATURE_LEN, BLE_ATT_SIGNATURE_LEN);
    return BLE_OK;
}

/* opcode, parameters, and sig when the opcode is signed */
static int ble_att_write_(uint8_t opcode, const void *params, const uint8_t *sig, uint8_t *buf, size_t cap)
{
    const struct ble_pdu_desc *d = ble_att_desc(opcode);
    size_t extra = ble_att_op_signed_flag(opcode) ? BLE_ATT_SIGNATURE_LEN : 0;
    int n;
    if (!d || !params)
        return BLE_ERR_PARAM;
    n = ble_att_check_(opcode, params);
    if (n == BLE_OK)
        n = ble_pdu_size(d, params);
    if (n < 0)
        return n;
    if ((size_t)n > 0x7FFFFFF0u)
        return BLE_ERR_TOO_LONG;
    if (1 + (size_t)n + extra > cap)
        return BLE_ERR_NO_SPACE;
    if (!buf)
        return BLE_ERR_PARAM;
    buf[0] = opcode;
    n = ble_pdu_encode(d, params, buf + 1, cap - 1);
    if (n < 0)
        return n;
    if (extra)
        ble_memcpy(buf + 1 + n, sig, extra);
    return 1 + n + (int)extra;
}

BLE_DEF int ble_att_encode(uint8_t opcode, const void *params, uint8_t *buf, size_t cap)
{
    if (ble_att_op_signed_flag(opcode))
        return BLE_ERR_PARAM; /* the signature is in struct ble_att_pdu */
    return ble_att_write_(opcode, params, 0, buf, cap);
}

BLE_DEF int ble_att_pdu_encode(const struct ble_att_pdu *pdu, uint8_t *buf, size_t cap)
{
    if (!pdu)
        return BLE_ERR_PARAM;
    return ble_att_write_(pdu->opcode, &pdu->p, pdu->auth_signature, buf, cap);
}

BLE_DEF void ble_att_print(const struct ble_att_pdu *pdu, struct ble_str *s, unsigned flags)
{
#if BLE_CFG_NAMES
    int json = (flags & BLE_PRINT_JSON) != 0;
    int sig = pdu->desc && ble_att_op_signed_flag(pdu->opcode);
    if (json) {
        ble_str_puts(s, "{\"opcode\":");
        ble_str_udec(s, pdu->opcode);
        if (pdu->desc) {
            ble_str_puts(s, ",\"name\":\"");
            ble_str_puts(s, ble_pdu_name(pdu->desc));
            ble_str_puts(s, "\",\"params\":");
            ble_pdu_print(pdu->desc, &pdu->p, s, flags);
        } else {
            ble_str_puts(s, ",\"data\":\"");
            if (pdu->params.p)
                ble_str_hexbytes(s, pdu->params.p, pdu->params.len);
            ble_str_putc(s, '"');
        }
        if (sig) {
            ble_str_puts(s, ",\"authentication_signature\":\"");
            ble_str_hexbytes(s, pdu->auth_signature, BLE_ATT_SIGNATURE_LEN);
            ble_str_putc(s, '"');
        }
        ble_str_putc(s, '}');
        return;
    }
    if (!pdu->desc) {
        ble_str_puts(s, "opcode=");
        ble_str_hex(s, pdu->opcode, 2);
        ble_str_puts(s, flags & BLE_PRINT_MULTILINE ? "\n  data=[" : " data=[");
        ble_str_udec(s, pdu->params.len);
        ble_str_putc(s, ']');
        if (pdu->params.p)
            ble_str_hexbytes(s, pdu->params.p, pdu->params.len);
        return;
    }
    ble_str_puts(s, ble_pdu_name(pdu->desc));
    if (!(flags & BLE_PRINT_MULTILINE) && pdu->desc->fields[0].kind != BLE_FK_NONE)
        ble_str_putc(s, ' ');
    ble_pdu_print(pdu->desc, &pdu->p, s, flags);
    if (sig) {
        ble_str_puts(s, flags & BLE_PRINT_MULTILINE ? "\n  " : " ");
        ble_str_puts(s, "authentication_signature=");
        ble_str_hexbytes(s, pdu->auth_signature, BLE_ATT_SIGNATURE_LEN);
    }
#else
    (void)pdu;
    (void)s;
    (void)flags;
#endif
}

/* ---- Iterators ---- */

static int ble_att_iter_init_(struct ble_att_iter *it, unsigned opcode, const void *params,
                              struct ble_view list, uint8_t octet)
{
    int rc;
    if (!it || !params)
        return BLE_ERR_PARAM;
    rc = ble_att_check_(opcode, params);
    if (rc)
        return rc;
    it->p = list.p;
    it->left = list.len;
    it->elem = ble_att_elem_len_(opcode, octet);
    it->opcode = (uint8_t)opcode;
    return BLE_OK;
}

/* The next fixed-size element of an iterator made for opcode. */
static int ble_att_iter_fixed_(struct ble_att_iter *it, unsigned opcode, const uint8_t **e)
{
    if (!it || it->opcode != opcode || !it->elem)
        return BLE_ERR_PARAM;
    if (!it->left)
        return BLE_ERR_NOT_FOUND;
    if (it->left < it->elem)
        return BLE_ERR_MALFORMED;
    *e = it->p;
    it->p += it->elem;
    it->left -= it->elem;
    return BLE_OK;
}

static int ble_att_iter_tuple_(struct ble_att_iter *it, unsigned opcode, uint16_t *handle,
                               uint16_t *vlen, struct ble_view *value)
{
    uint16_t h, vl;
    struct ble_view v;
    size_t took;
    int rc;
    if (!it || it->opcode != opcode)
        return BLE_ERR_PARAM;
    if (!it->left)
        return BLE_ERR_NOT_FOUND;
    rc = ble_att_tuple_(opcode, it->p, it->left, &h, &vl, &v, &took);
    if (rc)
        return rc;
    it->p += took;
    it->left -= took;
    if (handle)
        *handle = h;
    if (vlen)
        *vlen = vl;
    if (value)
        *value = v;
    return BLE_OK;
}

BLE_DEF int ble_att_find_information_rsp_iter(struct ble_att_iter *it, const struct ble_att_find_information_rsp *p)
{
    return ble_att_iter_init_(it, BLE_ATT_FIND_INFORMATION_RSP, p, p ? p->information_data : ble_view_make(0, 0),
                              p ? p->format : 0);
}

BLE_DEF int ble_att_find_information_rsp_next(struct ble_att_iter *it, uint16_t *handle, struct ble_uuid *uuid)
{
    const uint8_t *e = 0;
    int rc = ble_att_iter_fixed_(it, BLE_ATT_FIND_INFORMATION_RSP, &e);
    if (rc)
        return rc;
    if (handle)
        *handle = ble_get_le16(e);
    if (uuid)
        ble_uuid_from_le(uuid, e + 2, it->elem - 2);
    return BLE_OK;
}

BLE_DEF int ble_att_read_by_type_rsp_iter(struct ble_att_iter *it, const struct ble_att_read_by_type_rsp *p)
{
    return ble_att_iter_init_(it, BLE_ATT_READ_BY_TYPE_RSP, p, p ? p->attribute_data_list : ble_view_make(0, 0),
                              p ? p->length : 0);
}

BLE_DEF int ble_att_read_by_type_rsp_next(struct ble_att_iter *it, uint16_t *handle, struct ble_view *value)
{
    const uint8_t *e = 0;
    int rc = ble_att_iter_fixed_(it, BLE_ATT_READ_BY_TYPE_RSP, &e);
    if (rc)
        return rc;
    if (handle)
        *handle = ble_get_le16(e);
    if (value)
        *value = ble_view_make(it->elem > 2 ? e + 2 : 0, it->elem - 2);
    return BLE_OK;
}

BLE_DEF int ble_att_read_by_group_type_rsp_iter(struct ble_att_iter *it, const struct ble_att_read_by_group_type_rsp *p)
{
    return ble_att_iter_init_(it, BLE_ATT_READ_BY_GROUP_TYPE_RSP, p,
                              p ? p->attribute_data_list : ble_view_make(0, 0), p ? p->length : 0);
}

BLE_DEF int ble_att_read_by_group_type_rsp_next(struct ble_att_iter *it, uint16_t *handle,
                                                uint16_t *end_group_handle, struct ble_view *value)
{
    const uint8_t *e = 0;
    int rc = ble_att_iter_fixed_(it, BLE_ATT_READ_BY_GROUP_TYPE_RSP, &e);
    if (rc)
        return rc;
    if (handle)
        *handle = ble_get_le16(e);
    if (end_group_handle)
        *end_group_handle = ble_get_le16(e + 2);
    if (value)
        *value = ble_view_make(it->elem > 4 ? e + 4 : 0, it->elem - 4);
    return BLE_OK;
}

BLE_DEF int ble_att_read_multiple_variable_rsp_iter(struct ble_att_iter *it,
                                                    const struct ble_att_read_multiple_variable_rsp *p)
{
    return ble_att_iter_init_(it, BLE_ATT_READ_MULTIPLE_VARIABLE_RSP, p,
                              p ? p->length_value_tuple_list : ble_view_make(0, 0), 0);
}

BLE_DEF int ble_att_read_multiple_variable_rsp_next(struct ble_att_iter *it, uint16_t *value_length,
                                                    struct ble_view *value)
{
    return ble_att_iter_tuple_(it, BLE_ATT_READ_MULTIPLE_VARIABLE_RSP, 0, value_length, value);
}

BLE_DEF int ble_att_multiple_handle_value_ntf_iter(struct ble_att_iter *it,
                                                   const struct ble_att_multiple_handle_value_ntf *p)
{
    return ble_att_iter_init_(it, BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF, p,
                              p ? p->handle_length_value_tuple_list : ble_view_make(0, 0), 0);
}

BLE_DEF int ble_att_multiple_handle_value_ntf_next(struct ble_att_iter *it, uint16_t *handle,
                                                   struct ble_view *value)
{
    return ble_att_iter_tuple_(it, BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF, handle, 0, value);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
