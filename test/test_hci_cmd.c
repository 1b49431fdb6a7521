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

/* ---- A canonical parameter string for any descriptor ----------------------
 * Scalars get a running byte pattern, ARR8 two elements, ARRP two elements
 * (the U8 mask before it is 0x05), ARRR two elements, LV8 three octets, REST
 * four octets. Returns the length, or 0 when buf is too small. */
struct synth {
    uint8_t *p;
    size_t len, cap;
    uint8_t next;
    size_t rest_len; /* octets in a trailing REST or ARRR field */
};

static void synth_put(struct synth *s, uint8_t v)
{
    if (s->len < s->cap)
        s->p[s->len] = v;
    s->len++;
}

static void synth_pattern(struct synth *s, size_t n)
{
    while (n--)
        synth_put(s, s->next++);
}

static void synth_field(struct synth *s, const struct ble_field *f)
{
    switch (f->kind) {
    case BLE_FK_NONE: break;
    case BLE_FK_U8:
    case BLE_FK_S8: synth_pattern(s, 1); break;
    case BLE_FK_U16:
    case BLE_FK_S16: synth_pattern(s, 2); break;
    case BLE_FK_U24: synth_pattern(s, 3); break;
    case BLE_FK_U32: synth_pattern(s, 4); break;
    case BLE_FK_U40: synth_pattern(s, 5); break;
    case BLE_FK_U48:
    case BLE_FK_ADDR: synth_pattern(s, 6); break;
    case BLE_FK_U64: synth_pattern(s, 8); break;
    case BLE_FK_BYTES: synth_pattern(s, f->len); break;
    case BLE_FK_LV8: synth_put(s, 3); synth_pattern(s, 3); break;
    case BLE_FK_REST: synth_pattern(s, 4); s->rest_len = 4; break;
    default: break;
    }
}

static void synth_elems(struct synth *s, const struct ble_field *f, size_t n)
{
    const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
    size_t k, j;
    for (k = 0; k < n; k++)
        for (j = 0; j < e->nfields; j++)
            synth_field(s, &e->fields[j]);
}

static size_t synth_params(const struct ble_pdu_desc *d, uint8_t *buf, size_t cap, size_t *rest_len)
{
    struct synth s;
    size_t i, start;
    s.p = buf;
    s.len = 0;
    s.cap = cap;
    s.next = 0x11;
    s.rest_len = 0;
    for (i = 0; i < d->nfields; i++) {
        const struct ble_field *f = &d->fields[i];
        if (f->kind == BLE_FK_ARR8) {
            synth_put(&s, 2);
            synth_elems(&s, f, 2);
        } else if (f->kind == BLE_FK_ARRP) {
            synth_elems(&s, f, 2);
        } else if (f->kind == BLE_FK_ARRR) {
            start = s.len;
            synth_elems(&s, f, 2);
            s.rest_len = s.len - start;
        } else if (f->kind == BLE_FK_U8 && i + 1 < d->nfields &&
                   d->fields[i + 1].kind == BLE_FK_ARRP) {
            synth_put(&s, 0x05); /* two PHY bits: two elements follow */
            s.next++;
        } else {
            synth_field(&s, f);
        }
    }
    *rest_len = s.rest_len;
    return s.len <= cap ? s.len : 0;
}

static int has_kind(const struct ble_pdu_desc *d, unsigned kind)
{
    size_t i;
    for (i = 0; i < d->nfields; i++)
        if (d->fields[i].kind == kind)
            return 1;
    return 0;
}

/* Decode, size, encode and every prefix of one synthesised string. */
static void check_table_row(const struct ble_pdu_desc *d, void *u, size_t usize)
{
    uint8_t in[600], out[600];
    size_t rest, len, n, i;
    len = synth_params(d, in, sizeof in, &rest);
    CHECK(len > 0 || d->fields[0].kind == BLE_FK_NONE);
    CHECK_EQ(ble_pdu_decode(d, in, len, u), BLE_OK);
    CHECK_EQ(ble_pdu_size(d, u), len);
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_pdu_encode(d, u, out, sizeof out), len);
    CHECK_MEM(out, in, len);
    CHECK(tt_is_poison(out + len, sizeof out - len));
    /* one octet less room fails and writes nothing */
    if (len > 0) {
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_pdu_encode(d, u, out, len - 1), BLE_ERR_NO_SPACE);
        CHECK(tt_is_poison(out, sizeof out));
    }
    /* every array element reads back */
    for (i = 0; i < d->nfields; i++) {
        const struct ble_field *f = &d->fields[i];
        if (f->kind == BLE_FK_ARR8 || f->kind == BLE_FK_ARRP || f->kind == BLE_FK_ARRR) {
            struct ble_arr a;
            uint8_t elem[128];
            ble_memcpy(&a, (const uint8_t *)u + f->off, sizeof a);
            CHECK_EQ(a.n, 2);
            CHECK(((const struct ble_pdu_desc *)f->aux)->size <= sizeof elem);
            CHECK_EQ(ble_arr_get(&a, (const struct ble_pdu_desc *)f->aux, 1, elem), BLE_OK);
        }
    }
    /* every shorter prefix fails and leaves the output alone; a trailing
     * REST or ARRR takes shorter lengths, so only prefixes before it are cut */
    for (n = 0; n + rest < len; n++) {
        tt_poison(u, usize);
        CHECK_EQ(ble_pdu_decode(d, in, n, u), BLE_ERR_SHORT);
        CHECK(tt_is_poison(u, usize));
    }
    /* one octet more is trailing garbage, unless REST swallows it */
    if (has_kind(d, BLE_FK_ARRR))
        return;
    in[len] = 0xEE;
    tt_poison(u, usize);
    CHECK_EQ(ble_pdu_decode(d, in, len + 1, u), rest ? BLE_OK : BLE_ERR_TRAILING);
    if (!rest)
        CHECK(tt_is_poison(u, usize));
}

static void every_command_round_trips_and_truncates(void)
{
    size_t i;
    for (i = 0; i < BLE_HCI_CMD_COUNT; i++) {
        union ble_hci_cmd_params u;
        CHECK(ble_hci_cmd_descs[i].size <= sizeof u);
        check_table_row(&ble_hci_cmd_descs[i], &u, sizeof u);
    }
}

static void every_return_round_trips_and_truncates(void)
{
    size_t i;
    for (i = 0; i < BLE_HCI_RET_COUNT; i++) {
        union ble_hci_ret_params u;
        CHECK(ble_hci_ret_descs[i].size <= sizeof u);
        check_table_row(&ble_hci_ret_descs[i], &u, sizeof u);
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
};
#define NVECS (sizeof vecs / sizeof vecs[0])

static void every_vector_round_trips_byte_exact(void)
{
    size_t i, n;
    for (i = 0; i < NVECS; i++) {
        const struct ble_pdu_desc *d =
            vecs[i].ret ? ble_hci_ret_desc(vecs[i].op) : ble_hci_cmd_desc(vecs[i].op);
        union {
            union ble_hci_cmd_params c;
            union ble_hci_ret_params r;
        } u;
        uint8_t out[128];
        CHECK(d != 0);
        if (!d)
            continue;
        CHECK_EQ(ble_pdu_decode(d, vecs[i].b, vecs[i].len, &u), BLE_OK);
        CHECK_EQ(ble_pdu_size(d, &u), vecs[i].len);
        CHECK_EQ(ble_pdu_encode(d, &u, out, sizeof out), vecs[i].len);
        CHECK_MEM(out, vecs[i].b, vecs[i].len);
        for (n = 0; n < vecs[i].len; n++) {
            tt_poison(&u, sizeof u);
            CHECK_EQ(ble_pdu_decode(d, vecs[i].b, n, &u), BLE_ERR_SHORT);
            CHECK(tt_is_poison(&u, sizeof u));
        }
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
        CHECK(ble_hci_cmd_descs[i].code < ble_hci_cmd_descs[i + 1].code);
    for (i = 0; i + 1 < BLE_HCI_RET_COUNT; i++)
        CHECK(ble_hci_ret_descs[i].code < ble_hci_ret_descs[i + 1].code);
    for (i = 0; i < BLE_HCI_CMD_COUNT; i++) {
        const struct ble_pdu_desc *d = &ble_hci_cmd_descs[i];
        CHECK(ble_hci_cmd_desc(d->code) == d);
        CHECK(BLE_HCI_OGF(d->code) != BLE_HCI_OGF_VENDOR && BLE_HCI_OGF(d->code) != 0);
        check_shape(d);
    }
    for (i = 0; i < BLE_HCI_RET_COUNT; i++) {
        const struct ble_pdu_desc *r = &ble_hci_ret_descs[i];
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
    CHECK(ble_hci_cmd_desc(BLE_HCI_OP_NOP) == 0);
    CHECK(ble_hci_cmd_desc(0xFC00) == 0);
    CHECK(ble_hci_ret_desc(BLE_HCI_CMD_DISCONNECT) == 0); /* Command Status */
    CHECK_EQ(BLE_HCI_CMD_RESET, 0x0C03);
    CHECK_EQ(BLE_HCI_RET_RESET, BLE_HCI_CMD_RESET);
    CHECK_EQ(BLE_HCI_OP(0x03, 0x003), BLE_HCI_CMD_RESET);
    CHECK_EQ(BLE_HCI_OGF(BLE_HCI_CMD_READ_BD_ADDR), 0x04);
    CHECK_EQ(BLE_HCI_OCF(BLE_HCI_CMD_READ_BD_ADDR), 0x09);
    CHECK(ble_hci_cmd_desc(BLE_HCI_CMD_RESET) == &ble_hci_cmd_descs[BLE_HCI_CMD_IDX_RESET]);
    CHECK_STR(ble_pdu_name(ble_hci_cmd_desc(BLE_HCI_CMD_RESET)), BLE_CFG_NAMES ? "Reset" : "");
}

void suite_hci_cmd(void)
{
    TT_RUN(every_command_round_trips_and_truncates);
    TT_RUN(every_return_round_trips_and_truncates);
    TT_RUN(every_vector_round_trips_byte_exact);
    TT_RUN(link_and_baseband_fields);
    TT_RUN(informational_returns);
    TT_RUN(printer_names_the_reason);
    TT_RUN(tables_are_sorted_and_found_by_opcode);
}
