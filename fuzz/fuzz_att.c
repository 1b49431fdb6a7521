/* Fuzz harness of the ATT PDU codec (layers/att.h).
 * Input: one ATT PDU. Invariants: a PDU that decodes re-encodes to exactly
 * the input, and one octet less of room writes nothing; the list iterators
 * walk every element inside the input, their elements add up to the list's
 * octets, and they agree with the Length or Format octet; array lists read
 * back by element; an unknown opcode keeps its opcode and parameter view; on
 * any other error the poisoned output is untouched; the printer stays inside
 * its buffer in all three modes.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static const uint8_t *in_p;
static size_t in_n;

static void inside(struct ble_view v)
{
    FUZZ_CHECK(v.len <= in_n);
    FUZZ_CHECK(v.len == 0 || (v.p >= in_p && v.p + v.len <= in_p + in_n));
}

/* Walks the list of a decoded response; returns the octets its elements took. */
static size_t walk_lists(const struct ble_att_pdu *pdu, size_t *list_len)
{
    struct ble_att_iter it;
    struct ble_view v;
    struct ble_uuid u;
    uint16_t h, e, vl;
    size_t took = 0, count = 0;
    int rc;
    *list_len = 0;
    switch (pdu->opcode) {
    case BLE_ATT_FIND_INFORMATION_RSP: {
        const struct ble_att_find_information_rsp *p = &pdu->p.find_information_rsp;
        size_t elem = p->format == BLE_ATT_FORMAT_UUID16 ? 4 : 18;
        FUZZ_CHECK(p->format == 1 || p->format == 2);
        FUZZ_CHECK(ble_att_find_information_rsp_iter(&it, p) == BLE_OK);
        while ((rc = ble_att_find_information_rsp_next(&it, &h, &u)) == BLE_OK) {
            FUZZ_CHECK(u.len == elem - 2);
            took += elem;
            count++;
        }
        FUZZ_CHECK(rc == BLE_ERR_NOT_FOUND && count >= 1);
        *list_len = p->information_data.len;
        break;
    }
    case BLE_ATT_READ_BY_TYPE_RSP: {
        const struct ble_att_read_by_type_rsp *p = &pdu->p.read_by_type_rsp;
        FUZZ_CHECK(p->length >= 2);
        FUZZ_CHECK(ble_att_read_by_type_rsp_iter(&it, p) == BLE_OK);
        while ((rc = ble_att_read_by_type_rsp_next(&it, &h, &v)) == BLE_OK) {
            FUZZ_CHECK(v.len + 2 == p->length);
            inside(v);
            took += p->length;
        }
        FUZZ_CHECK(rc == BLE_ERR_NOT_FOUND && took > 0);
        *list_len = p->attribute_data_list.len;
        break;
    }
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP: {
        const struct ble_att_read_by_group_type_rsp *p = &pdu->p.read_by_group_type_rsp;
        FUZZ_CHECK(p->length >= 4);
        FUZZ_CHECK(ble_att_read_by_group_type_rsp_iter(&it, p) == BLE_OK);
        while ((rc = ble_att_read_by_group_type_rsp_next(&it, &h, &e, &v)) == BLE_OK) {
            FUZZ_CHECK(v.len + 4 == p->length);
            inside(v);
            took += p->length;
        }
        FUZZ_CHECK(rc == BLE_ERR_NOT_FOUND && took > 0);
        *list_len = p->attribute_data_list.len;
        break;
    }
    case BLE_ATT_READ_MULTIPLE_VARIABLE_RSP: {
        const struct ble_att_read_multiple_variable_rsp *p = &pdu->p.read_multiple_variable_rsp;
        FUZZ_CHECK(ble_att_read_multiple_variable_rsp_iter(&it, p) == BLE_OK);
        while ((rc = ble_att_read_multiple_variable_rsp_next(&it, &vl, &v)) == BLE_OK) {
            inside(v);
            took += 2 + v.len;
            /* only the last value may be shorter than its Value Length */
            FUZZ_CHECK(v.len == vl || (v.len < vl && took == p->length_value_tuple_list.len));
        }
        FUZZ_CHECK(rc == BLE_ERR_NOT_FOUND && took > 0);
        *list_len = p->length_value_tuple_list.len;
        break;
    }
    case BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF: {
        const struct ble_att_multiple_handle_value_ntf *p = &pdu->p.multiple_handle_value_ntf;
        FUZZ_CHECK(ble_att_multiple_handle_value_ntf_iter(&it, p) == BLE_OK);
        while ((rc = ble_att_multiple_handle_value_ntf_next(&it, &h, &v)) == BLE_OK) {
            inside(v);
            FUZZ_CHECK(ble_get_le16(v.p ? v.p - 2 : p->handle_length_value_tuple_list.p + took + 2) == v.len);
            took += 4 + v.len;
        }
        FUZZ_CHECK(rc == BLE_ERR_NOT_FOUND && took > 0);
        *list_len = p->handle_length_value_tuple_list.len;
        break;
    }
    case BLE_ATT_FIND_BY_TYPE_VALUE_RSP:
    case BLE_ATT_READ_MULTIPLE_REQ:
    case BLE_ATT_READ_MULTIPLE_VARIABLE_REQ: {
        const struct ble_arr *a = pdu->opcode == BLE_ATT_FIND_BY_TYPE_VALUE_RSP
                                      ? &pdu->p.find_by_type_value_rsp.handles_information_list
                                      : pdu->opcode == BLE_ATT_READ_MULTIPLE_REQ
                                            ? &pdu->p.read_multiple_req.set_of_handles
                                            : &pdu->p.read_multiple_variable_req.set_of_handles;
        const struct ble_pdu_desc *ed = pdu->opcode == BLE_ATT_FIND_BY_TYPE_VALUE_RSP
                                            ? &ble_att_handles_information_desc
                                            : &ble_att_handle_item_desc;
        struct ble_att_handles_information el;
        size_t i;
        FUZZ_CHECK(a->n >= (pdu->opcode == BLE_ATT_FIND_BY_TYPE_VALUE_RSP ? 1u : 2u));
        inside(a->raw);
        for (i = 0; i < a->n; i++)
            FUZZ_CHECK(ble_arr_get(a, ed, i, &el) == BLE_OK);
        FUZZ_CHECK(ble_arr_get(a, ed, a->n, &el) == BLE_ERR_NOT_FOUND);
        took = a->n * (pdu->opcode == BLE_ATT_FIND_BY_TYPE_VALUE_RSP ? 4 : 2);
        *list_len = a->raw.len;
        break;
    }
    case BLE_ATT_READ_BY_TYPE_REQ:
        FUZZ_CHECK(ble_att_uuid_from_view(pdu->p.read_by_type_req.attribute_type, &u) == BLE_OK);
        break;
    case BLE_ATT_READ_BY_GROUP_TYPE_REQ:
        FUZZ_CHECK(ble_att_uuid_from_view(pdu->p.read_by_group_type_req.attribute_group_type, &u) == BLE_OK);
        break;
    default:
        break;
    }
    return took;
}

static void print_all(const struct ble_att_pdu *pdu)
{
    static const unsigned modes[] = { 0, BLE_PRINT_MULTILINE, BLE_PRINT_JSON };
    char small[48], big[2048];
    struct ble_str s;
    size_t m;
    for (m = 0; m < 3; m++) {
        ble_str_init(&s, small, sizeof small);
        ble_att_print(pdu, &s, modes[m]);
        FUZZ_CHECK(s.len < sizeof small && small[s.len] == '\0');
        ble_str_init(&s, big, sizeof big);
        ble_att_print(pdu, &s, modes[m]);
        FUZZ_CHECK(s.len < sizeof big && big[s.len] == '\0');
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_att_pdu pdu, again;
    uint8_t *out;
    size_t list_len, took;
    int rc;
    in_p = d;
    in_n = n;
    memset(&pdu, 0xA5, sizeof pdu);
    rc = ble_att_decode(d, n, &pdu);
    if (rc == BLE_ERR_UNKNOWN) {
        FUZZ_CHECK(n >= 1 && pdu.opcode == d[0] && pdu.desc == NULL);
        FUZZ_CHECK(ble_att_op_type(d[0]) == BLE_ATT_TYPE_UNKNOWN);
        FUZZ_CHECK(pdu.params.len == n - 1 && (n == 1 || pdu.params.p == d + 1));
        print_all(&pdu);
        return 0;
    }
    if (rc != BLE_OK) {
        const uint8_t *b = (const uint8_t *)&pdu;
        size_t i;
        FUZZ_CHECK(rc < 0 && ble_err_name(rc)[0] == 'B');
        for (i = 0; i < sizeof pdu; i++)
            FUZZ_CHECK(b[i] == 0xA5);
        return 0;
    }
    FUZZ_CHECK(n >= 1 && pdu.desc != NULL && pdu.opcode == d[0]);
    FUZZ_CHECK(ble_att_op_type(pdu.opcode) != BLE_ATT_TYPE_UNKNOWN);
    inside(pdu.params);
    FUZZ_CHECK(pdu.params.len + 1 + (ble_att_op_signed_flag(pdu.opcode) ? BLE_ATT_SIGNATURE_LEN : 0) == n);
    /* re-encode: exactly the input; one octet less of room: nothing written */
    out = (uint8_t *)malloc(n);
    FUZZ_CHECK(out != NULL);
    memset(out, 0x5A, n);
    FUZZ_CHECK(ble_att_pdu_encode(&pdu, out, n - 1) == BLE_ERR_NO_SPACE);
    FUZZ_CHECK(out[0] == 0x5A);
    FUZZ_CHECK(ble_att_pdu_encode(&pdu, out, n) == (int)n);
    FUZZ_CHECK(memcmp(out, d, n) == 0);
    if (!ble_att_op_signed_flag(pdu.opcode)) {
        FUZZ_CHECK(ble_att_encode(pdu.opcode, &pdu.p, out, n) == (int)n);
        FUZZ_CHECK(memcmp(out, d, n) == 0);
    }
    FUZZ_CHECK(ble_att_decode(out, n, &again) == BLE_OK && again.opcode == pdu.opcode);
    free(out);
    /* the lists: every element inside the input, all of the list walked */
    took = walk_lists(&pdu, &list_len);
    FUZZ_CHECK(took == list_len);
    print_all(&pdu);
    return 0;
}
