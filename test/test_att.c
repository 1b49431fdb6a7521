/* Unit tests of layers/att.h: every ATT PDU of Core 6.0 Vol 3 Part F 3.4 as
 * a byte-exact vector annotated with its parameter names, round trips,
 * truncation, the rules the table alone cannot state, the list iterators,
 * UUIDs of both sizes, PDU types and error names.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* ---- Vectors: whole PDUs, opcode first ------------------------------------ */

/* 3.4.1.1 ATT_ERROR_RSP: primary service discovery reached the end */
static const uint8_t v_error_rsp[] = {
    0x01,       /* Attribute Opcode: ATT_ERROR_RSP */
    0x10,       /* Request Opcode In Error: ATT_READ_BY_GROUP_TYPE_REQ */
    0x0c, 0x00, /* Attribute Handle In Error: 0x000C */
    0x0a,       /* Error Code: Attribute Not Found */
};
/* 3.4.2.1 ATT_EXCHANGE_MTU_REQ */
static const uint8_t v_mtu_req[] = {
    0x02,       /* Attribute Opcode */
    0xf7, 0x00, /* Client Rx MTU: 247 */
};
/* 3.4.2.2 ATT_EXCHANGE_MTU_RSP */
static const uint8_t v_mtu_rsp[] = {
    0x03,       /* Attribute Opcode */
    0x05, 0x02, /* Server Rx MTU: 517 */
};
/* 3.4.3.1 ATT_FIND_INFORMATION_REQ */
static const uint8_t v_find_info_req[] = {
    0x04,       /* Attribute Opcode */
    0x04, 0x00, /* Starting Handle */
    0xff, 0xff, /* Ending Handle */
};
/* 3.4.3.2 ATT_FIND_INFORMATION_RSP, Format 0x01: two descriptors */
static const uint8_t v_find_info_rsp16[] = {
    0x05,       /* Attribute Opcode */
    0x01,       /* Format: handles and 16-bit UUIDs */
    0x04, 0x00, /* Information Data[0]: Handle 0x0004 */
    0x02, 0x29, /*   UUID 0x2902 Client Characteristic Configuration */
    0x05, 0x00, /* Information Data[1]: Handle 0x0005 */
    0x01, 0x29, /*   UUID 0x2901 Characteristic User Description */
};
/* 3.4.3.2 ATT_FIND_INFORMATION_RSP, Format 0x02: one 128-bit UUID */
static const uint8_t v_find_info_rsp128[] = {
    0x05,       /* Attribute Opcode */
    0x02,       /* Format: handles and 128-bit UUIDs */
    0x10, 0x00, /* Information Data[0]: Handle 0x0010 */
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, /* UUID, little-endian */
    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};
/* 3.4.3.3 ATT_FIND_BY_TYPE_VALUE_REQ: where is the Battery Service? */
static const uint8_t v_find_by_type_req[] = {
    0x06,       /* Attribute Opcode */
    0x01, 0x00, /* Starting Handle */
    0xff, 0xff, /* Ending Handle */
    0x00, 0x28, /* Attribute Type: 0x2800 Primary Service */
    0x0f, 0x18, /* Attribute Value: 0x180F Battery Service */
};
/* 3.4.3.4 ATT_FIND_BY_TYPE_VALUE_RSP */
static const uint8_t v_find_by_type_rsp[] = {
    0x07,       /* Attribute Opcode */
    0x10, 0x00, /* Handles Information[0]: Found Attribute Handle */
    0x13, 0x00, /*   Group End Handle */
    0x20, 0x00, /* Handles Information[1]: Found Attribute Handle */
    0x22, 0x00, /*   Group End Handle */
};
/* 3.4.4.1 ATT_READ_BY_TYPE_REQ with a 16-bit UUID */
static const uint8_t v_read_by_type_req16[] = {
    0x08,       /* Attribute Opcode */
    0x01, 0x00, /* Starting Handle */
    0x0b, 0x00, /* Ending Handle */
    0x03, 0x28, /* Attribute Type: 0x2803 Characteristic */
};
/* 3.4.4.1 ATT_READ_BY_TYPE_REQ with a 128-bit UUID */
static const uint8_t v_read_by_type_req128[] = {
    0x08,       /* Attribute Opcode */
    0x01, 0x00, /* Starting Handle */
    0xff, 0xff, /* Ending Handle */
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, /* Attribute Type */
    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};
/* 3.4.4.2 ATT_READ_BY_TYPE_RSP: two characteristic declarations */
static const uint8_t v_read_by_type_rsp[] = {
    0x09,       /* Attribute Opcode */
    0x07,       /* Length: each handle-value pair is 7 octets */
    0x02, 0x00, /* Attribute Data[0]: Attribute Handle 0x0002 */
    0x02, 0x03, 0x00, 0x00, 0x2a, /* value: Read, value handle 0x0003, UUID 0x2A00 */
    0x04, 0x00, /* Attribute Data[1]: Attribute Handle 0x0004 */
    0x02, 0x05, 0x00, 0x01, 0x2a, /* value: Read, value handle 0x0005, UUID 0x2A01 */
};
/* 3.4.4.3 ATT_READ_REQ */
static const uint8_t v_read_req[] = {
    0x0a,       /* Attribute Opcode */
    0x03, 0x00, /* Attribute Handle */
};
/* 3.4.4.4 ATT_READ_RSP */
static const uint8_t v_read_rsp[] = {
    0x0b,             /* Attribute Opcode */
    0x62, 0x6c, 0x65, /* Attribute Value: "ble" */
};
/* 3.4.4.5 ATT_READ_BLOB_REQ */
static const uint8_t v_read_blob_req[] = {
    0x0c,       /* Attribute Opcode */
    0x03, 0x00, /* Attribute Handle */
    0x16, 0x00, /* Value Offset: 22 */
};
/* 3.4.4.6 ATT_READ_BLOB_RSP */
static const uint8_t v_read_blob_rsp[] = {
    0x0d,                   /* Attribute Opcode */
    0x6b, 0x69, 0x74, 0x21, /* Part Attribute Value: "kit!" */
};
/* 3.4.4.7 ATT_READ_MULTIPLE_REQ */
static const uint8_t v_read_multiple_req[] = {
    0x0e,       /* Attribute Opcode */
    0x03, 0x00, /* Set Of Handles[0] */
    0x05, 0x00, /* Set Of Handles[1] */
};
/* 3.4.4.8 ATT_READ_MULTIPLE_RSP */
static const uint8_t v_read_multiple_rsp[] = {
    0x0f,             /* Attribute Opcode */
    0x64, 0x40, 0x03, /* Set Of Values: 0x64, then 0x0340 */
};
/* 3.4.4.9 ATT_READ_BY_GROUP_TYPE_REQ: primary service discovery */
static const uint8_t v_read_by_group_req[] = {
    0x10,       /* Attribute Opcode */
    0x01, 0x00, /* Starting Handle */
    0xff, 0xff, /* Ending Handle */
    0x00, 0x28, /* Attribute Group Type: 0x2800 Primary Service */
};
/* 3.4.4.9 ATT_READ_BY_GROUP_TYPE_REQ with a 128-bit group type */
static const uint8_t v_read_by_group_req128[] = {
    0x10,       /* Attribute Opcode */
    0x01, 0x00, /* Starting Handle */
    0xff, 0xff, /* Ending Handle */
    0xfb, 0x34, 0x9b, 0x5f, 0x80, 0x00, 0x00, 0x80, /* Attribute Group Type: */
    0x00, 0x10, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00, /*   0x2800 widened to 128 bits */
};
/* 3.4.4.10 ATT_READ_BY_GROUP_TYPE_RSP: GAP and GATT services */
static const uint8_t v_read_by_group_rsp[] = {
    0x11,       /* Attribute Opcode */
    0x06,       /* Length: 6 octets per element */
    0x01, 0x00, /* Attribute Data[0]: Attribute Handle */
    0x07, 0x00, /*   End Group Handle */
    0x00, 0x18, /*   Attribute Value: 0x1800 Generic Access */
    0x08, 0x00, /* Attribute Data[1]: Attribute Handle */
    0x0b, 0x00, /*   End Group Handle */
    0x01, 0x18, /*   Attribute Value: 0x1801 Generic Attribute */
};
/* 3.4.4.10 ATT_READ_BY_GROUP_TYPE_RSP: one service with a 128-bit UUID */
static const uint8_t v_read_by_group_rsp128[] = {
    0x11,       /* Attribute Opcode */
    0x14,       /* Length: 20 octets per element */
    0x0c, 0x00, /* Attribute Data[0]: Attribute Handle */
    0x0f, 0x00, /*   End Group Handle */
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, /* Attribute Value */
    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};
/* 3.4.5.1 ATT_WRITE_REQ: notifications on */
static const uint8_t v_write_req[] = {
    0x12,       /* Attribute Opcode */
    0x04, 0x00, /* Attribute Handle: a CCCD */
    0x01, 0x00, /* Attribute Value: 0x0001 notifications */
};
/* 3.4.5.2 ATT_WRITE_RSP */
static const uint8_t v_write_rsp[] = {
    0x13, /* Attribute Opcode */
};
/* 3.4.6.1 ATT_PREPARE_WRITE_REQ */
static const uint8_t v_prepare_req[] = {
    0x16,                   /* Attribute Opcode */
    0x05, 0x00,             /* Attribute Handle */
    0x12, 0x00,             /* Value Offset: 18 */
    0x01, 0x02, 0x03, 0x04, /* Part Attribute Value */
};
/* 3.4.6.2 ATT_PREPARE_WRITE_RSP: the request echoed */
static const uint8_t v_prepare_rsp[] = {
    0x17,                   /* Attribute Opcode */
    0x05, 0x00,             /* Attribute Handle */
    0x12, 0x00,             /* Value Offset */
    0x01, 0x02, 0x03, 0x04, /* Part Attribute Value */
};
/* 3.4.6.3 ATT_EXECUTE_WRITE_REQ */
static const uint8_t v_execute_req[] = {
    0x18, /* Attribute Opcode */
    0x01, /* Flags: immediately write all pending prepared values */
};
/* 3.4.6.4 ATT_EXECUTE_WRITE_RSP */
static const uint8_t v_execute_rsp[] = {
    0x19, /* Attribute Opcode */
};
/* 3.4.7.1 ATT_HANDLE_VALUE_NTF: battery level */
static const uint8_t v_ntf[] = {
    0x1b,       /* Attribute Opcode */
    0x03, 0x00, /* Attribute Handle */
    0x64,       /* Attribute Value: 100 % */
};
/* 3.4.7.2 ATT_HANDLE_VALUE_IND: Service Changed, the whole range */
static const uint8_t v_ind[] = {
    0x1d,                   /* Attribute Opcode */
    0x0d, 0x00,             /* Attribute Handle */
    0x01, 0x00, 0xff, 0xff, /* Attribute Value: 0x0001..0xFFFF */
};
/* 3.4.7.3 ATT_HANDLE_VALUE_CFM */
static const uint8_t v_cfm[] = {
    0x1e, /* Attribute Opcode */
};
/* 3.4.4.11 ATT_READ_MULTIPLE_VARIABLE_REQ */
static const uint8_t v_read_mv_req[] = {
    0x20,       /* Attribute Opcode */
    0x03, 0x00, /* Set Of Handles[0] */
    0x05, 0x00, /* Set Of Handles[1] */
    0x07, 0x00, /* Set Of Handles[2] */
};
/* 3.4.4.12 ATT_READ_MULTIPLE_VARIABLE_RSP */
static const uint8_t v_read_mv_rsp[] = {
    0x21,             /* Attribute Opcode */
    0x03, 0x00,       /* Length Value Tuple[0]: Value Length 3 */
    0x62, 0x6c, 0x65, /*   Attribute Value "ble" */
    0x00, 0x00,       /* Length Value Tuple[1]: Value Length 0 */
    0x01, 0x00,       /* Length Value Tuple[2]: Value Length 1 */
    0x64,             /*   Attribute Value */
};
/* 3.4.7.4 ATT_MULTIPLE_HANDLE_VALUE_NTF */
static const uint8_t v_multi_ntf[] = {
    0x23,       /* Attribute Opcode */
    0x03, 0x00, /* Handle Length Value Tuple[0]: Attribute Handle */
    0x01, 0x00, /*   Value Length */
    0x64,       /*   Attribute Value */
    0x07, 0x00, /* Handle Length Value Tuple[1]: Attribute Handle */
    0x02, 0x00, /*   Value Length */
    0x34, 0x12, /*   Attribute Value */
};
/* 3.4.5.3 ATT_WRITE_CMD */
static const uint8_t v_write_cmd[] = {
    0x52,       /* Attribute Opcode: Command Flag set */
    0x06, 0x00, /* Attribute Handle */
    0x01, 0x02, /* Attribute Value */
};
/* 3.4.5.4 ATT_SIGNED_WRITE_CMD */
static const uint8_t v_signed_write[] = {
    0xd2,                   /* Attribute Opcode: Command and Authentication Signature Flags */
    0x06, 0x00,             /* Attribute Handle */
    0x01, 0x02,             /* Attribute Value */
    0x01, 0x00, 0x00, 0x00, /* Authentication Signature: SignCounter 1 */
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, /*   and the MAC */
};

struct vec {
    const char *name;
    const uint8_t *p;
    size_t len;
    size_t min; /* every prefix shorter than this fails */
};
#define VEC(v, min) { #v, v, sizeof v, min }
static const struct vec vecs[] = {
    VEC(v_error_rsp, 5),        VEC(v_mtu_req, 3),           VEC(v_mtu_rsp, 3),
    VEC(v_find_info_req, 5),    VEC(v_find_info_rsp16, 6),   VEC(v_find_info_rsp128, 20),
    VEC(v_find_by_type_req, 7), VEC(v_find_by_type_rsp, 5),  VEC(v_read_by_type_req16, 7),
    VEC(v_read_by_type_req128, 7), VEC(v_read_by_type_rsp, 9), VEC(v_read_req, 3),
    VEC(v_read_rsp, 1),         VEC(v_read_blob_req, 5),     VEC(v_read_blob_rsp, 1),
    VEC(v_read_multiple_req, 5), VEC(v_read_multiple_rsp, 1), VEC(v_read_by_group_req, 7),
    VEC(v_read_by_group_req128, 7), VEC(v_read_by_group_rsp, 8), VEC(v_read_by_group_rsp128, 22),
    VEC(v_write_req, 3),        VEC(v_write_rsp, 1),         VEC(v_prepare_req, 5),
    VEC(v_prepare_rsp, 5),      VEC(v_execute_req, 2),       VEC(v_execute_rsp, 1),
    VEC(v_ntf, 3),              VEC(v_ind, 3),               VEC(v_cfm, 1),
    VEC(v_read_mv_req, 5),      VEC(v_read_mv_rsp, 3),       VEC(v_multi_ntf, 5),
    VEC(v_write_cmd, 3),        VEC(v_signed_write, 15),
};
#define NVECS (sizeof vecs / sizeof vecs[0])

static int decode_fails_untouched(const uint8_t *p, size_t n, int want)
{
    struct ble_att_pdu pdu;
    int rc;
    tt_poison(&pdu, sizeof pdu);
    rc = ble_att_decode(p, n, &pdu);
    return rc == want && tt_is_poison(&pdu, sizeof pdu);
}

/* ---- Every vector, every table row ----------------------------------------- */

static void every_vector_decodes_and_encodes_byte_exact(void)
{
    size_t i;
    for (i = 0; i < NVECS; i++) {
        const struct vec *v = &vecs[i];
        struct ble_att_pdu pdu;
        uint8_t out[64];
        int rc = ble_att_decode(v->p, v->len, &pdu);
        if (rc != BLE_OK) {
            tt_fail_str(__FILE__, __LINE__, "decode failed", v->name, ble_err_name(rc));
            continue;
        }
        CHECK_EQ(pdu.opcode, v->p[0]);
        CHECK(pdu.desc == ble_att_desc(v->p[0]));
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_att_pdu_encode(&pdu, out, sizeof out), v->len);
        CHECK_MEM(out, v->p, v->len);
        CHECK(tt_is_poison(out + v->len, sizeof out - v->len));
        /* one octet short: nothing written */
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_att_pdu_encode(&pdu, out, v->len - 1), BLE_ERR_NO_SPACE);
        CHECK(tt_is_poison(out, sizeof out));
        if (!ble_att_op_signed_flag(pdu.opcode)) {
            CHECK_EQ(ble_att_encode(pdu.opcode, &pdu.p, out, sizeof out), v->len);
            CHECK_MEM(out, v->p, v->len);
            CHECK_EQ(pdu.params.len, v->len - 1);
        }
        /* the table alone agrees on the parameters */
        CHECK_EQ(ble_pdu_size(pdu.desc, &pdu.p), pdu.params.len);
    }
}

static void every_table_row_has_a_vector_and_round_trips(void)
{
    size_t i, k;
    for (i = 0; i < BLE_ATT_COUNT; i++) {
        const struct ble_pdu_desc *d = &ble_att_descs[i];
        size_t found = 0;
        for (k = 0; k < NVECS; k++) {
            union ble_att_params p, q;
            uint8_t out[64];
            const struct vec *v = &vecs[k];
            size_t plen = v->len - 1 - (ble_att_op_signed_flag(v->p[0]) ? 12 : 0);
            if (v->p[0] != d->code)
                continue;
            found++;
            /* through the table interpreter, then through the strict wrapper */
            CHECK_EQ(ble_pdu_decode(d, v->p + 1, plen, &p), BLE_OK);
            CHECK_EQ(ble_pdu_encode(d, &p, out, sizeof out), plen);
            CHECK_MEM(out, v->p + 1, plen);
            CHECK_EQ(ble_att_params_decode(d->code, v->p + 1, plen, &q), BLE_OK);
            CHECK_EQ(ble_att_params_encode(d->code, &q, out, sizeof out), plen);
            CHECK_MEM(out, v->p + 1, plen);
        }
        if (!found)
            tt_fail_str(__FILE__, __LINE__, "no vector for", ble_pdu_name(d), "");
    }
}

/* Every prefix fails and leaves the output alone, or (a list or value cut at
 * an element boundary) is itself a valid PDU that re-encodes to exactly
 * itself; prefixes shorter than the fixed part always fail. */
static void every_prefix_fails_untouched_or_is_itself_valid(void)
{
    size_t i, n;
    for (i = 0; i < NVECS; i++) {
        const struct vec *v = &vecs[i];
        for (n = 0; n < v->len; n++) {
            struct ble_att_pdu pdu;
            uint8_t out[64];
            int rc;
            tt_poison(&pdu, sizeof pdu);
            rc = ble_att_decode(v->p, n, &pdu);
            if (n < v->min) {
                if (rc == BLE_OK)
                    tt_fail_str(__FILE__, __LINE__, "prefix decoded", v->name, "");
            }
            if (rc != BLE_OK) {
                CHECK(rc == BLE_ERR_SHORT || rc == BLE_ERR_MALFORMED);
                CHECK(tt_is_poison(&pdu, sizeof pdu));
            } else {
                CHECK_EQ(ble_att_pdu_encode(&pdu, out, sizeof out), n);
                CHECK_MEM(out, v->p, n);
            }
        }
    }
}

static void fixed_size_pdus_refuse_trailing_octets(void)
{
    static const uint8_t long_read[] = { 0x0a, 0x03, 0x00, 0xee };
    static const uint8_t long_rsp[] = { 0x13, 0x00 };
    static const uint8_t long_err[] = { 0x01, 0x0a, 0x03, 0x00, 0x0a, 0x00 };
    CHECK(decode_fails_untouched(long_read, sizeof long_read, BLE_ERR_TRAILING));
    CHECK(decode_fails_untouched(long_rsp, sizeof long_rsp, BLE_ERR_TRAILING));
    CHECK(decode_fails_untouched(long_err, sizeof long_err, BLE_ERR_TRAILING));
}

/* ---- Fields of the vectors ------------------------------------------------- */

static void error_response_fields_and_names(void)
{
    struct ble_att_pdu pdu;
    CHECK_EQ(ble_att_decode(v_error_rsp, sizeof v_error_rsp, &pdu), BLE_OK);
    CHECK_EQ(pdu.opcode, BLE_ATT_ERROR_RSP);
    CHECK_EQ(pdu.p.error_rsp.request_opcode_in_error, BLE_ATT_READ_BY_GROUP_TYPE_REQ);
    CHECK_EQ(pdu.p.error_rsp.attribute_handle_in_error, 0x000c);
    CHECK_EQ(pdu.p.error_rsp.error_code, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND);
    CHECK_EQ(ble_att_decode(v_mtu_rsp, sizeof v_mtu_rsp, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.exchange_mtu_rsp.server_rx_mtu, 517);
    CHECK_EQ(ble_att_decode(v_read_blob_req, sizeof v_read_blob_req, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.read_blob_req.attribute_handle, 3);
    CHECK_EQ(pdu.p.read_blob_req.value_offset, 22);
    CHECK_EQ(ble_att_decode(v_prepare_req, sizeof v_prepare_req, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.prepare_write_req.value_offset, 18);
    CHECK_EQ(pdu.p.prepare_write_req.part_attribute_value.len, 4);
    CHECK(pdu.p.prepare_write_req.part_attribute_value.p == v_prepare_req + 5);
    CHECK_EQ(ble_att_decode(v_execute_req, sizeof v_execute_req, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.execute_write_req.flags, BLE_ATT_EXEC_WRITE);
    CHECK_EQ(ble_att_decode(v_find_by_type_req, sizeof v_find_by_type_req, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.find_by_type_value_req.attribute_type, 0x2800);
    CHECK_MEM(pdu.p.find_by_type_value_req.attribute_value.p, "\x0f\x18", 2);
}

static void array_lists_read_back_by_element(void)
{
    struct ble_att_pdu pdu;
    struct ble_att_handles_information hi;
    struct ble_att_handle_item h;
    CHECK_EQ(ble_att_decode(v_find_by_type_rsp, sizeof v_find_by_type_rsp, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.find_by_type_value_rsp.handles_information_list.n, 2);
    CHECK_EQ(ble_arr_get(&pdu.p.find_by_type_value_rsp.handles_information_list,
                         &ble_att_handles_information_desc, 1, &hi), BLE_OK);
    CHECK_EQ(hi.found_attribute_handle, 0x0020);
    CHECK_EQ(hi.group_end_handle, 0x0022);
    CHECK_EQ(ble_att_decode(v_read_mv_req, sizeof v_read_mv_req, &pdu), BLE_OK);
    CHECK_EQ(pdu.p.read_multiple_variable_req.set_of_handles.n, 3);
    CHECK_EQ(ble_arr_get(&pdu.p.read_multiple_variable_req.set_of_handles, &ble_att_handle_item_desc, 2, &h),
             BLE_OK);
    CHECK_EQ(h.attribute_handle, 7);
}

static void signed_write_carries_its_signature_apart(void)
{
    struct ble_att_pdu pdu;
    uint8_t out[32];
    CHECK_EQ(ble_att_decode(v_signed_write, sizeof v_signed_write, &pdu), BLE_OK);
    CHECK_EQ(pdu.opcode, BLE_ATT_SIGNED_WRITE_CMD);
    CHECK(ble_att_op_signed_flag(pdu.opcode) && ble_att_op_command_flag(pdu.opcode));
    CHECK_EQ(ble_att_op_method(pdu.opcode), 0x12); /* the method of Write */
    CHECK_EQ(pdu.p.signed_write_cmd.attribute_handle, 6);
    CHECK_EQ(pdu.p.signed_write_cmd.attribute_value.len, 2);
    CHECK(pdu.p.signed_write_cmd.attribute_value.p == v_signed_write + 3);
    CHECK_MEM(pdu.auth_signature, v_signed_write + 5, 12);
    CHECK_EQ(pdu.params.len, 4);
    /* the signed octets are the PDU less its signature */
    CHECK(pdu.params.p == v_signed_write + 1);
    /* a value of zero octets */
    {
        static const uint8_t empty[] = { 0xd2, 0x06, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
        CHECK_EQ(ble_att_decode(empty, sizeof empty, &pdu), BLE_OK);
        CHECK_EQ(pdu.p.signed_write_cmd.attribute_value.len, 0);
        CHECK_EQ(pdu.auth_signature[11], 12);
    }
    /* no room for the signature, or no handle before it */
    CHECK(decode_fails_untouched(v_signed_write, 14, BLE_ERR_SHORT));
    CHECK(decode_fails_untouched(v_signed_write, 13, BLE_ERR_SHORT));
    CHECK(decode_fails_untouched(v_signed_write, 12, BLE_ERR_SHORT));
    /* ble_att_encode has no signature to write */
    CHECK_EQ(ble_att_encode(BLE_ATT_SIGNED_WRITE_CMD, &pdu.p, out, sizeof out), BLE_ERR_PARAM);
}

/* ---- The rules the table alone cannot state ---------------------------------- */

static void malformed_lists_are_refused(void)
{
    /* Read By Type Response (3.4.4.2) */
    static const uint8_t rbt_len0[] = { 0x09, 0x00, 0x02, 0x00 };
    static const uint8_t rbt_len1[] = { 0x09, 0x01, 0x02 };
    static const uint8_t rbt_ragged[] = { 0x09, 0x04, 0x02, 0x00, 0xaa, 0xbb, 0x03, 0x00, 0xcc };
    static const uint8_t rbt_empty[] = { 0x09, 0x04 };
    static const uint8_t rbt_handles_only[] = { 0x09, 0x02, 0x02, 0x00, 0x03, 0x00 };
    /* Read By Group Type Response (3.4.4.10) */
    static const uint8_t rbg_len3[] = { 0x11, 0x03, 0x01, 0x00, 0x07 };
    static const uint8_t rbg_ragged[] = { 0x11, 0x06, 0x01, 0x00, 0x07, 0x00, 0x00, 0x18, 0x08 };
    /* Find Information Response (3.4.3.2) */
    static const uint8_t fi_format0[] = { 0x05, 0x00, 0x04, 0x00, 0x02, 0x29 };
    static const uint8_t fi_format3[] = { 0x05, 0x03, 0x04, 0x00, 0x02, 0x29 };
    static const uint8_t fi_ragged16[] = { 0x05, 0x01, 0x04, 0x00, 0x02, 0x29, 0x05 };
    static const uint8_t fi_short128[] = { 0x05, 0x02, 0x04, 0x00, 0x02, 0x29 };
    static const uint8_t fi_empty[] = { 0x05, 0x01 };
    /* Find By Type Value Response (3.4.3.4): one or more; a cut element */
    static const uint8_t fbt_empty[] = { 0x07 };
    static const uint8_t fbt_cut[] = { 0x07, 0x10, 0x00, 0x13 };
    /* Read Multiple (Variable) Request: two or more handles */
    static const uint8_t rm_one[] = { 0x0e, 0x03, 0x00 };
    static const uint8_t rmv_one[] = { 0x20, 0x03, 0x00 };
    static const uint8_t rm_cut[] = { 0x0e, 0x03, 0x00, 0x05 };
    /* Read Multiple Variable Response: a lone octet where a Value Length starts */
    static const uint8_t rmvr_dangling[] = { 0x21, 0x01, 0x00, 0x64, 0x02 };
    static const uint8_t rmvr_empty[] = { 0x21 };
    /* Multiple Handle Value Notification: values are never cut */
    static const uint8_t mntf_cut[] = { 0x23, 0x03, 0x00, 0x02, 0x00, 0x64 };
    static const uint8_t mntf_no_len[] = { 0x23, 0x03, 0x00, 0x01, 0x00, 0x64, 0x07, 0x00 };
    static const uint8_t mntf_empty[] = { 0x23 };
    CHECK(decode_fails_untouched(rbt_len0, sizeof rbt_len0, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbt_len1, sizeof rbt_len1, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbt_ragged, sizeof rbt_ragged, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbt_empty, sizeof rbt_empty, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbg_len3, sizeof rbg_len3, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbg_ragged, sizeof rbg_ragged, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fi_format0, sizeof fi_format0, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fi_format3, sizeof fi_format3, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fi_ragged16, sizeof fi_ragged16, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fi_short128, sizeof fi_short128, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fi_empty, sizeof fi_empty, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fbt_empty, sizeof fbt_empty, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(fbt_cut, sizeof fbt_cut, BLE_ERR_SHORT)); /* the table's rule */
    CHECK(decode_fails_untouched(rm_one, sizeof rm_one, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rmv_one, sizeof rmv_one, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rm_cut, sizeof rm_cut, BLE_ERR_SHORT));
    CHECK(decode_fails_untouched(rmvr_dangling, sizeof rmvr_dangling, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rmvr_empty, sizeof rmvr_empty, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(mntf_cut, sizeof mntf_cut, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(mntf_no_len, sizeof mntf_no_len, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(mntf_empty, sizeof mntf_empty, BLE_ERR_MALFORMED));
    /* a Length of 2 is a list of handles with empty values: valid */
    {
        struct ble_att_pdu pdu;
        CHECK_EQ(ble_att_decode(rbt_handles_only, sizeof rbt_handles_only, &pdu), BLE_OK);
    }
}

static void uuids_of_the_wrong_size_are_refused(void)
{
    static const uint8_t rbt_uuid4[] = { 0x08, 0x01, 0x00, 0xff, 0xff, 0x03, 0x28, 0x00, 0x00 };
    static const uint8_t rbt_uuid3[] = { 0x08, 0x01, 0x00, 0xff, 0xff, 0x03, 0x28, 0x00 };
    static const uint8_t rbt_uuid0[] = { 0x08, 0x01, 0x00, 0xff, 0xff };
    static const uint8_t rbg_uuid1[] = { 0x10, 0x01, 0x00, 0xff, 0xff, 0x28 };
    static const uint8_t rbg_uuid17[] = { 0x10, 0x01, 0x00, 0xff, 0xff, 0, 1, 2, 3, 4, 5, 6, 7, 8,
                                          9, 10, 11, 12, 13, 14, 15, 16 };
    CHECK(decode_fails_untouched(rbt_uuid4, sizeof rbt_uuid4, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbt_uuid3, sizeof rbt_uuid3, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbt_uuid0, sizeof rbt_uuid0, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbg_uuid1, sizeof rbg_uuid1, BLE_ERR_MALFORMED));
    CHECK(decode_fails_untouched(rbg_uuid17, sizeof rbg_uuid17, BLE_ERR_MALFORMED));
}

static void encoders_refuse_what_decoders_refuse(void)
{
    struct ble_att_read_by_type_rsp r;
    struct ble_att_find_information_rsp fi;
    struct ble_att_read_by_type_req q;
    struct ble_att_read_multiple_req rm;
    const struct ble_att_handle_item one = { 3 };
    uint8_t out[32];
    tt_poison(out, sizeof out);
    r.length = 0;
    r.attribute_data_list = ble_view_make(v_read_by_type_rsp + 2, 14);
    CHECK_EQ(ble_att_encode(BLE_ATT_READ_BY_TYPE_RSP, &r, out, sizeof out), BLE_ERR_MALFORMED);
    r.length = 5; /* 14 octets are not whole elements of 5 */
    CHECK_EQ(ble_att_read_by_type_rsp_encode(&r, out, sizeof out), BLE_ERR_MALFORMED);
    fi.format = 3;
    fi.information_data = ble_view_make(v_find_info_rsp16 + 2, 8);
    CHECK_EQ(ble_att_encode(BLE_ATT_FIND_INFORMATION_RSP, &fi, out, sizeof out), BLE_ERR_MALFORMED);
    q.starting_handle = 1;
    q.ending_handle = 0xffff;
    q.attribute_type = ble_view_make(v_read_by_type_req128 + 5, 4);
    CHECK_EQ(ble_att_encode(BLE_ATT_READ_BY_TYPE_REQ, &q, out, sizeof out), BLE_ERR_MALFORMED);
    rm.set_of_handles.n = 1;
    rm.set_of_handles.items = &one;
    rm.set_of_handles.raw = ble_view_make(0, 0);
    CHECK_EQ(ble_att_encode(BLE_ATT_READ_MULTIPLE_REQ, &rm, out, sizeof out), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(out, sizeof out));
    /* undefined opcodes and missing parameters */
    CHECK_EQ(ble_att_encode(0x14, &r, out, sizeof out), BLE_ERR_PARAM);
    CHECK_EQ(ble_att_encode(BLE_ATT_READ_REQ, 0, out, sizeof out), BLE_ERR_PARAM);
    CHECK(tt_is_poison(out, sizeof out));
}

static void typed_wrappers_apply_the_same_rules(void)
{
    struct ble_att_read_by_group_type_req g;
    struct ble_att_read_req rq;
    uint8_t out[32];
    CHECK_EQ(ble_att_read_by_group_type_req_decode(v_read_by_group_req + 1, sizeof v_read_by_group_req - 1, &g),
             BLE_OK);
    CHECK_EQ(g.attribute_group_type.len, 2);
    tt_poison(&g, sizeof g);
    CHECK_EQ(ble_att_read_by_group_type_req_decode(v_read_by_group_req + 1, 5, &g), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(&g, sizeof g));
    rq.attribute_handle = 0x0003;
    CHECK_EQ(ble_att_read_req_encode(&rq, out, sizeof out), 2);
    CHECK_MEM(out, v_read_req + 1, 2);
}

/* ---- UUIDs ------------------------------------------------------------------ */

static void both_uuid_sizes(void)
{
    struct ble_att_pdu pdu;
    struct ble_uuid u, want;
    uint8_t wire[16];
    CHECK_EQ(ble_att_decode(v_read_by_type_req16, sizeof v_read_by_type_req16, &pdu), BLE_OK);
    CHECK_EQ(ble_att_uuid_from_view(pdu.p.read_by_type_req.attribute_type, &u), BLE_OK);
    want = ble_uuid16(0x2803);
    CHECK(ble_uuid_eq(&u, &want));
    CHECK_EQ(u.len, 2);
    CHECK_EQ(ble_att_decode(v_read_by_type_req128, sizeof v_read_by_type_req128, &pdu), BLE_OK);
    CHECK_EQ(ble_att_uuid_from_view(pdu.p.read_by_type_req.attribute_type, &u), BLE_OK);
    CHECK_EQ(u.len, 16);
    CHECK_MEM(u.v, v_read_by_type_req128 + 5, 16);
    /* the same type written both ways compares equal */
    CHECK_EQ(ble_att_decode(v_read_by_group_req128, sizeof v_read_by_group_req128, &pdu), BLE_OK);
    CHECK_EQ(ble_att_uuid_from_view(pdu.p.read_by_group_type_req.attribute_group_type, &u), BLE_OK);
    want = ble_uuid16(0x2800);
    CHECK(ble_uuid_eq(&u, &want));
    CHECK_EQ(ble_att_uuid_from_view(ble_view_make(wire, 4), &u), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_att_uuid_from_view(ble_view_make(wire, 0), &u), BLE_ERR_MALFORMED);
    /* 3.2.1: a 32-bit UUID travels as 128 bits */
    CHECK_EQ(ble_att_uuid_wire(&want, wire), 2);
    CHECK_MEM(wire, "\x00\x28", 2);
    u.len = 4;
    u.v[0] = 0x78; u.v[1] = 0x56; u.v[2] = 0x34; u.v[3] = 0x12;
    CHECK_EQ(ble_att_uuid_wire(&u, wire), 16);
    CHECK_MEM(wire + 12, "\x78\x56\x34\x12", 4);
    CHECK_MEM(wire, "\xfb\x34\x9b\x5f", 4);
    u.len = 3;
    CHECK_EQ(ble_att_uuid_wire(&u, wire), BLE_ERR_PARAM);
}

/* ---- Iterators -------------------------------------------------------------- */

static void find_information_iterates_both_formats(void)
{
    struct ble_att_pdu pdu;
    struct ble_att_iter it;
    struct ble_uuid u, want;
    uint16_t h;
    CHECK_EQ(ble_att_decode(v_find_info_rsp16, sizeof v_find_info_rsp16, &pdu), BLE_OK);
    CHECK_EQ(ble_att_find_information_rsp_iter(&it, &pdu.p.find_information_rsp), BLE_OK);
    CHECK_EQ(ble_att_find_information_rsp_next(&it, &h, &u), BLE_OK);
    want = ble_uuid16(0x2902);
    CHECK_EQ(h, 4);
    CHECK(ble_uuid_eq(&u, &want));
    CHECK_EQ(ble_att_find_information_rsp_next(&it, &h, &u), BLE_OK);
    want = ble_uuid16(0x2901);
    CHECK_EQ(h, 5);
    CHECK(ble_uuid_eq(&u, &want));
    CHECK_EQ(ble_att_find_information_rsp_next(&it, &h, &u), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_att_decode(v_find_info_rsp128, sizeof v_find_info_rsp128, &pdu), BLE_OK);
    CHECK_EQ(ble_att_find_information_rsp_iter(&it, &pdu.p.find_information_rsp), BLE_OK);
    CHECK_EQ(ble_att_find_information_rsp_next(&it, &h, &u), BLE_OK);
    CHECK_EQ(h, 0x10);
    CHECK_EQ(u.len, 16);
    CHECK_MEM(u.v, v_find_info_rsp128 + 4, 16);
    CHECK_EQ(ble_att_find_information_rsp_next(&it, &h, &u), BLE_ERR_NOT_FOUND);
}

static void read_by_type_and_group_iterate(void)
{
    struct ble_att_pdu pdu;
    struct ble_att_iter it;
    struct ble_view v;
    uint16_t h, end;
    CHECK_EQ(ble_att_decode(v_read_by_type_rsp, sizeof v_read_by_type_rsp, &pdu), BLE_OK);
    CHECK_EQ(ble_att_read_by_type_rsp_iter(&it, &pdu.p.read_by_type_rsp), BLE_OK);
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_OK);
    CHECK_EQ(h, 2);
    CHECK_EQ(v.len, 5);
    CHECK(v.p == v_read_by_type_rsp + 4);
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_OK);
    CHECK_EQ(h, 4);
    CHECK_MEM(v.p, "\x02\x05\x00\x01\x2a", 5);
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_att_decode(v_read_by_group_rsp, sizeof v_read_by_group_rsp, &pdu), BLE_OK);
    CHECK_EQ(ble_att_read_by_group_type_rsp_iter(&it, &pdu.p.read_by_group_type_rsp), BLE_OK);
    CHECK_EQ(ble_att_read_by_group_type_rsp_next(&it, &h, &end, &v), BLE_OK);
    CHECK_EQ(h, 1);
    CHECK_EQ(end, 7);
    CHECK_MEM(v.p, "\x00\x18", 2);
    CHECK_EQ(ble_att_read_by_group_type_rsp_next(&it, &h, &end, &v), BLE_OK);
    CHECK_EQ(h, 8);
    CHECK_EQ(end, 0x0b);
    CHECK_MEM(v.p, "\x01\x18", 2);
    CHECK_EQ(ble_att_read_by_group_type_rsp_next(&it, &h, &end, &v), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_att_decode(v_read_by_group_rsp128, sizeof v_read_by_group_rsp128, &pdu), BLE_OK);
    CHECK_EQ(ble_att_read_by_group_type_rsp_iter(&it, &pdu.p.read_by_group_type_rsp), BLE_OK);
    CHECK_EQ(ble_att_read_by_group_type_rsp_next(&it, &h, &end, &v), BLE_OK);
    CHECK_EQ(v.len, 16);
    CHECK_EQ(end, 0x0f);
}

static void iterators_refuse_lists_that_are_not_whole(void)
{
    struct ble_att_read_by_type_rsp r;
    struct ble_att_find_information_rsp fi;
    struct ble_att_iter it;
    struct ble_view v = ble_view_make(0, 0);
    uint16_t h = 0x5555;
    /* built by hand, never decoded: 9 octets are one element of 7 and a stub */
    r.length = 7;
    r.attribute_data_list = ble_view_make(v_read_by_type_rsp + 2, 9);
    CHECK_EQ(ble_att_read_by_type_rsp_iter(&it, &r), BLE_ERR_MALFORMED);
    r.length = 0;
    r.attribute_data_list = ble_view_make(v_read_by_type_rsp + 2, 14);
    CHECK_EQ(ble_att_read_by_type_rsp_iter(&it, &r), BLE_ERR_MALFORMED);
    fi.format = 9;
    fi.information_data = ble_view_make(v_find_info_rsp16 + 2, 8);
    CHECK_EQ(ble_att_find_information_rsp_iter(&it, &fi), BLE_ERR_MALFORMED);
    /* an iterator whose list was cut after it was made: next stops with an error */
    r.length = 7;
    r.attribute_data_list = ble_view_make(v_read_by_type_rsp + 2, 14);
    CHECK_EQ(ble_att_read_by_type_rsp_iter(&it, &r), BLE_OK);
    it.left = 9;
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_OK);
    h = 0x5555;
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_ERR_MALFORMED);
    CHECK_EQ(h, 0x5555);
    /* an iterator of one response cannot walk another */
    CHECK_EQ(ble_att_read_by_type_rsp_iter(&it, &r), BLE_OK);
    CHECK_EQ(ble_att_read_by_group_type_rsp_next(&it, &h, &h, &v), BLE_ERR_PARAM);
    CHECK_EQ(ble_att_multiple_handle_value_ntf_next(&it, &h, &v), BLE_ERR_PARAM);
}

static void tuple_lists_iterate(void)
{
    struct ble_att_pdu pdu;
    struct ble_att_iter it;
    struct ble_view v;
    uint16_t h, vl;
    /* 3.4.4.12 */
    CHECK_EQ(ble_att_decode(v_read_mv_rsp, sizeof v_read_mv_rsp, &pdu), BLE_OK);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_iter(&it, &pdu.p.read_multiple_variable_rsp), BLE_OK);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
    CHECK_EQ(vl, 3);
    CHECK_MEM(v.p, "ble", 3);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
    CHECK_EQ(vl, 0);
    CHECK_EQ(v.len, 0);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
    CHECK_EQ(vl, 1);
    CHECK_EQ(v.p[0], 0x64);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_ERR_NOT_FOUND);
    /* the last value cut where the response reached ATT_MTU */
    {
        static const uint8_t cut[] = {
            0x21,       /* Attribute Opcode */
            0x02, 0x00, /* Length Value Tuple[0]: Value Length 2 */
            0x34, 0x12, /*   Attribute Value */
            0x40, 0x00, /* Length Value Tuple[1]: Value Length 64 */
            0xaa, 0xbb, /*   the first 2 octets of the value */
        };
        CHECK_EQ(ble_att_decode(cut, sizeof cut, &pdu), BLE_OK);
        CHECK_EQ(ble_att_read_multiple_variable_rsp_iter(&it, &pdu.p.read_multiple_variable_rsp), BLE_OK);
        CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
        CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
        CHECK_EQ(vl, 64);
        CHECK_EQ(v.len, 2);
        CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_ERR_NOT_FOUND);
    }
    /* 3.4.7.4 */
    CHECK_EQ(ble_att_decode(v_multi_ntf, sizeof v_multi_ntf, &pdu), BLE_OK);
    CHECK_EQ(ble_att_multiple_handle_value_ntf_iter(&it, &pdu.p.multiple_handle_value_ntf), BLE_OK);
    CHECK_EQ(ble_att_multiple_handle_value_ntf_next(&it, &h, &v), BLE_OK);
    CHECK_EQ(h, 3);
    CHECK_EQ(v.len, 1);
    CHECK_EQ(ble_att_multiple_handle_value_ntf_next(&it, &h, &v), BLE_OK);
    CHECK_EQ(h, 7);
    CHECK_MEM(v.p, "\x34\x12", 2);
    CHECK_EQ(ble_att_multiple_handle_value_ntf_next(&it, &h, &v), BLE_ERR_NOT_FOUND);
}

/* ---- Opcodes, types, names ---------------------------------------------------- */

static void unknown_opcodes_keep_opcode_and_parameters(void)
{
    static const uint8_t req14[] = { 0x14, 0x01, 0x02 };   /* no PDU has 0x14 */
    static const uint8_t cmd53[] = { 0x53, 0x03, 0x00 };   /* Command Flag set, undefined */
    static const uint8_t signed_read[] = { 0x8a, 0x03, 0x00 }; /* Read with the signature flag */
    struct ble_att_pdu pdu;
    CHECK_EQ(ble_att_decode(req14, sizeof req14, &pdu), BLE_ERR_UNKNOWN);
    CHECK_EQ(pdu.opcode, 0x14);
    CHECK(pdu.desc == 0);
    CHECK(pdu.params.p == req14 + 1);
    CHECK_EQ(pdu.params.len, 2);
    CHECK(!ble_att_op_command_flag(pdu.opcode)); /* a server answers Request Not Supported */
    CHECK_EQ(ble_att_decode(cmd53, sizeof cmd53, &pdu), BLE_ERR_UNKNOWN);
    CHECK(ble_att_op_command_flag(pdu.opcode));  /* a server ignores it */
    CHECK_EQ(ble_att_decode(signed_read, 1, &pdu), BLE_ERR_UNKNOWN);
    CHECK_EQ(pdu.params.len, 0);
    CHECK(decode_fails_untouched(req14, 0, BLE_ERR_SHORT));
}

static void pdu_types_and_response_opcodes(void)
{
    size_t i;
    unsigned op;
    CHECK(ble_att_is_request(BLE_ATT_READ_REQ));
    CHECK(ble_att_is_response(BLE_ATT_ERROR_RSP));
    CHECK(ble_att_is_command(BLE_ATT_WRITE_CMD));
    CHECK(ble_att_is_command(BLE_ATT_SIGNED_WRITE_CMD));
    CHECK(ble_att_is_notification(BLE_ATT_HANDLE_VALUE_NTF));
    CHECK(ble_att_is_notification(BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF));
    CHECK(ble_att_is_indication(BLE_ATT_HANDLE_VALUE_IND));
    CHECK(ble_att_is_confirmation(BLE_ATT_HANDLE_VALUE_CFM));
    CHECK_EQ(ble_att_op_type(0x14), BLE_ATT_TYPE_UNKNOWN);
    CHECK_EQ(ble_att_rsp_opcode(BLE_ATT_READ_BY_GROUP_TYPE_REQ), BLE_ATT_READ_BY_GROUP_TYPE_RSP);
    CHECK_EQ(ble_att_rsp_opcode(BLE_ATT_READ_MULTIPLE_VARIABLE_REQ), BLE_ATT_READ_MULTIPLE_VARIABLE_RSP);
    CHECK_EQ(ble_att_rsp_opcode(BLE_ATT_HANDLE_VALUE_IND), BLE_ATT_HANDLE_VALUE_CFM);
    CHECK_EQ(ble_att_rsp_opcode(BLE_ATT_WRITE_CMD), 0);
    CHECK_EQ(ble_att_rsp_opcode(BLE_ATT_READ_RSP), 0);
    /* every row has a type, only table rows have one, the spec name's
     * suffix says which, and every request's answer is a response row */
    for (op = 0; op < 256; op++)
        CHECK_EQ(ble_att_op_type(op) != BLE_ATT_TYPE_UNKNOWN, ble_att_desc(op) != 0);
    for (i = 0; i < BLE_ATT_COUNT; i++) {
        unsigned code = ble_att_descs[i].code;
        enum ble_att_type t = ble_att_op_type(code);
#if BLE_CFG_NAMES
        const char *name = ble_att_descs[i].name;
        size_t n = 0;
        while (name[n])
            n++;
        CHECK(n > 4);
        CHECK_EQ(t == BLE_ATT_TYPE_REQUEST, tt_streq(name + n - 4, "_REQ"));
        CHECK_EQ(t == BLE_ATT_TYPE_RESPONSE, tt_streq(name + n - 4, "_RSP"));
        CHECK_EQ(t == BLE_ATT_TYPE_COMMAND, tt_streq(name + n - 4, "_CMD"));
        CHECK_EQ(t == BLE_ATT_TYPE_NOTIFICATION, tt_streq(name + n - 4, "_NTF"));
        CHECK_EQ(t == BLE_ATT_TYPE_INDICATION, tt_streq(name + n - 4, "_IND"));
        CHECK_EQ(t == BLE_ATT_TYPE_CONFIRMATION, tt_streq(name + n - 4, "_CFM"));
#endif
        /* 3.3.1: commands, and only they, carry the Command Flag */
        CHECK_EQ(t == BLE_ATT_TYPE_COMMAND, ble_att_op_command_flag(code));
        if (t == BLE_ATT_TYPE_REQUEST)
            CHECK_EQ(ble_att_op_type(ble_att_rsp_opcode(code)), BLE_ATT_TYPE_RESPONSE);
    }
}

static void table_is_sorted_and_complete(void)
{
    /* the opcodes of 3.4.8 */
    static const uint8_t codes[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
                                     0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x16, 0x17, 0x18,
                                     0x19, 0x1b, 0x1d, 0x1e, 0x20, 0x21, 0x23, 0x52, 0xd2 };
    size_t i;
    CHECK_EQ(BLE_ATT_COUNT, sizeof codes);
    for (i = 0; i < sizeof codes; i++) {
        CHECK(ble_att_desc(codes[i]) == &ble_att_descs[i]);
        if (i)
            CHECK(ble_att_descs[i - 1].code < ble_att_descs[i].code);
    }
    CHECK(ble_att_desc(0x00) == 0);
    CHECK(ble_att_desc(0x22) == 0);
    CHECK_STR(ble_att_op_name(BLE_ATT_READ_BY_GROUP_TYPE_REQ), "ATT_READ_BY_GROUP_TYPE_REQ");
    CHECK(ble_att_op_name(0x22) == 0);
    for (i = 1; i < ble_att_err_names.n; i++)
        CHECK(ble_att_err_names.v[i - 1].v < ble_att_err_names.v[i].v);
}

static void error_code_names(void)
{
    static const char *const core[] = {
        "Invalid Handle", "Read Not Permitted", "Write Not Permitted", "Invalid PDU",
        "Insufficient Authentication", "Request Not Supported", "Invalid Offset",
        "Insufficient Authorization", "Prepare Queue Full", "Attribute Not Found",
        "Attribute Not Long", "Encryption Key Size Too Short", "Invalid Attribute Value Length",
        "Unlikely Error", "Insufficient Encryption", "Unsupported Group Type",
        "Insufficient Resources", "Database Out Of Sync", "Value Not Allowed",
    };
    unsigned code;
    for (code = 0x01; code <= 0x13; code++)
        CHECK_STR(ble_att_err_name(code), core[code - 1]);
    CHECK_STR(ble_att_err_name(BLE_ATT_ERR_WRITE_REQUEST_REJECTED), "Write Request Rejected");
    CHECK_STR(ble_att_err_name(0xFD), "Client Characteristic Configuration Descriptor Improperly Configured");
    CHECK_STR(ble_att_err_name(0xFE), "Procedure Already in Progress");
    CHECK_STR(ble_att_err_name(BLE_ATT_ERR_OUT_OF_RANGE), "Out of Range");
    CHECK_STR(ble_att_err_name(0x80), "Application Error");
    CHECK_STR(ble_att_err_name(0x9F), "Application Error");
    CHECK(ble_att_err_name(0x00) == 0);
    CHECK(ble_att_err_name(0x14) == 0);
    CHECK(ble_att_err_name(0x7F) == 0);
    CHECK(ble_att_err_name(0xA0) == 0);
    CHECK(ble_att_err_name(0xFB) == 0);
}

static void printer_in_three_modes(void)
{
    struct ble_att_pdu pdu;
    char txt[256];
    struct ble_str s;
    CHECK_EQ(ble_att_decode(v_error_rsp, sizeof v_error_rsp, &pdu), BLE_OK);
    ble_str_init(&s, txt, sizeof txt);
    ble_att_print(&pdu, &s, 0);
    CHECK_STR(txt, "ATT_ERROR_RSP request_opcode_in_error=0x10 (ATT_READ_BY_GROUP_TYPE_REQ) "
                   "attribute_handle_in_error=0x000c error_code=0x0a (Attribute Not Found)");
    CHECK_EQ(ble_att_decode(v_write_req, sizeof v_write_req, &pdu), BLE_OK);
    ble_str_init(&s, txt, sizeof txt);
    ble_att_print(&pdu, &s, BLE_PRINT_MULTILINE);
    CHECK_STR(txt, "ATT_WRITE_REQ\n  attribute_handle=0x0004\n  attribute_value=[2]0100");
    ble_str_init(&s, txt, sizeof txt);
    ble_att_print(&pdu, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "{\"opcode\":18,\"name\":\"ATT_WRITE_REQ\",\"params\":"
                   "{\"attribute_handle\":4,\"attribute_value\":\"0100\"}}");
    CHECK_EQ(ble_att_decode(v_signed_write, sizeof v_signed_write, &pdu), BLE_OK);
    ble_str_init(&s, txt, sizeof txt);
    ble_att_print(&pdu, &s, 0);
    CHECK_STR(txt, "ATT_SIGNED_WRITE_CMD attribute_handle=0x0006 attribute_value=[2]0102 "
                   "authentication_signature=01000000a0a1a2a3a4a5a6a7");
    ble_str_init(&s, txt, sizeof txt);
    ble_att_print(&pdu, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "{\"opcode\":210,\"name\":\"ATT_SIGNED_WRITE_CMD\",\"params\":"
                   "{\"attribute_handle\":6,\"attribute_value\":\"0102\"},"
                   "\"authentication_signature\":\"01000000a0a1a2a3a4a5a6a7\"}");
    CHECK_EQ(ble_att_decode(v_write_rsp, sizeof v_write_rsp, &pdu), BLE_OK);
    ble_str_init(&s, txt, sizeof txt);
    ble_att_print(&pdu, &s, 0);
    CHECK_STR(txt, "ATT_WRITE_RSP");
    {
        static const uint8_t unk[] = { 0x14, 0xab };
        CHECK_EQ(ble_att_decode(unk, sizeof unk, &pdu), BLE_ERR_UNKNOWN);
        ble_str_init(&s, txt, sizeof txt);
        ble_att_print(&pdu, &s, 0);
        CHECK_STR(txt, "opcode=0x14 data=[1]ab");
        ble_str_init(&s, txt, sizeof txt);
        ble_att_print(&pdu, &s, BLE_PRINT_JSON);
        CHECK_STR(txt, "{\"opcode\":20,\"data\":\"ab\"}");
    }
}

void suite_att(void)
{
    TT_RUN(every_vector_decodes_and_encodes_byte_exact);
    TT_RUN(every_table_row_has_a_vector_and_round_trips);
    TT_RUN(every_prefix_fails_untouched_or_is_itself_valid);
    TT_RUN(fixed_size_pdus_refuse_trailing_octets);
    TT_RUN(error_response_fields_and_names);
    TT_RUN(array_lists_read_back_by_element);
    TT_RUN(signed_write_carries_its_signature_apart);
    TT_RUN(malformed_lists_are_refused);
    TT_RUN(uuids_of_the_wrong_size_are_refused);
    TT_RUN(encoders_refuse_what_decoders_refuse);
    TT_RUN(typed_wrappers_apply_the_same_rules);
    TT_RUN(both_uuid_sizes);
    TT_RUN(find_information_iterates_both_formats);
    TT_RUN(read_by_type_and_group_iterate);
    TT_RUN(iterators_refuse_lists_that_are_not_whole);
    TT_RUN(tuple_lists_iterate);
    TT_RUN(unknown_opcodes_keep_opcode_and_parameters);
    TT_RUN(pdu_types_and_response_opcodes);
    TT_RUN(table_is_sorted_and_complete);
    TT_RUN(error_code_names);
    TT_RUN(printer_in_three_modes);
}
