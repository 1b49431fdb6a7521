/* Unit tests of the PDU table machinery (layers/base.h), through the demo
 * family in demo_table.h.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "demo_table.h"
#include "tt.h"
#include "suites.h"

/* Core 6.0 Vol 4 Part E 7.8.5 LE Set Advertising Parameters: interval 0x0800
 * (1.28 s) both, ADV_IND, public own address, peer 11:22:33:44:55:66, all three
 * channels, no filter. */
static const uint8_t v_adv_params[] = {
    0x00, 0x08,                         /* Advertising_Interval_Min */
    0x00, 0x08,                         /* Advertising_Interval_Max */
    0x00,                               /* Advertising_Type: ADV_IND */
    0x00,                               /* Own_Address_Type */
    0x00,                               /* Peer_Address_Type */
    0x66, 0x55, 0x44, 0x33, 0x22, 0x11, /* Peer_Address */
    0x07,                               /* Advertising_Channel_Map */
    0x00,                               /* Advertising_Filter_Policy */
};

/* Core 6.0 Vol 4 Part E 7.8.24 LE Enable Encryption. */
static const uint8_t v_enc[] = {
    0x40, 0x00,                                     /* Connection_Handle */
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, /* Random_Number */
    0x34, 0x12,                                     /* Encrypted_Diversifier */
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, /* Long_Term_Key */
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

/* Core 6.0 Vol 4 Part E 7.8.97 LE Set CIG Parameters: CIG 0, 10 ms SDU
 * interval, latency 10 ms, one CIS with 40-octet SDUs on 2M, RTN 2. */
static const uint8_t v_cig[] = {
    0x00,             /* CIG_ID */
    0x10, 0x27, 0x00, /* SDU_Interval_C_To_P: 10000 us */
    0x10, 0x27, 0x00, /* SDU_Interval_P_To_C */
    0x00,             /* Worst_Case_SCA */
    0x00,             /* Packing: sequential */
    0x00,             /* Framing: unframed */
    0x0a, 0x00,       /* Max_Transport_Latency_C_To_P */
    0x0a, 0x00,       /* Max_Transport_Latency_P_To_C */
    0x01,             /* CIS_Count */
    0x00,             /* CIS_ID[0] */
    0x28, 0x00,       /* Max_SDU_C_To_P[0] */
    0x28, 0x00,       /* Max_SDU_P_To_C[0] */
    0x02, 0x02,       /* PHY_C_To_P[0], PHY_P_To_C[0]: LE 2M */
    0x02, 0x02,       /* RTN_C_To_P[0], RTN_P_To_C[0] */
};

/* Core 6.0 Vol 4 Part E 7.8.64 LE Set Extended Scan Parameters on LE 1M and LE
 * Coded: one parameter set per bit of Scanning_PHYs, no count octet. */
static const uint8_t v_ext_scan[] = {
    0x00,                         /* Own_Address_Type */
    0x00,                         /* Scanning_Filter_Policy */
    0x05,                         /* Scanning_PHYs: LE 1M, LE Coded */
    0x01, 0x12, 0x00, 0x12, 0x00, /* 1M: active, interval 0x12, window 0x12 */
    0x01, 0x36, 0x00, 0x36, 0x00, /* Coded: active, interval 0x36, window 0x36 */
};

/* Core 6.0 Vol 3 Part A 4.25 L2CAP Credit Based Connection Request data:
 * SPSM 0x0027 (EATT), MTU 64, MPS 64, 10 credits, source CIDs 0x0040 and
 * 0x0041 to the end, no count octet. */
static const uint8_t v_cb[] = {
    0x27, 0x00, 0x40, 0x00, 0x40, 0x00, 0x0a, 0x00, 0x40, 0x00, 0x41, 0x00,
};

/* Two reports with variable-length data (made-up layout, see demo_table.h). */
static const uint8_t v_reports[] = {
    0x02,
    0x00, 0x01, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x03, 0x02, 0x01, 0x06, 0xc5,
    0x04, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x00, 0xd8,
};

static const uint8_t v_wide[] = {
    0x56, 0x34, 0x12,                   /* u24 */
    0xef, 0xcd, 0xab, 0x89,             /* u32 */
    0x05, 0x04, 0x03, 0x02, 0x01,       /* u40 */
    0xa6, 0xa5, 0xa4, 0xa3, 0xa2, 0xa1, /* u48 */
    0xff,                               /* s8: -1 */
    0x85, 0xff,                         /* s16: -123 */
};

struct vec {
    unsigned idx;
    const uint8_t *b;
    size_t len;
};
static const struct vec vecs[] = {
    { DEMO_IDX_CB_CONN_REQ, v_cb, sizeof v_cb },
    { DEMO_IDX_RESET, v_adv_params, 0 },
    { DEMO_IDX_SET_ADV_PARAMS, v_adv_params, sizeof v_adv_params },
    { DEMO_IDX_ENABLE_ENCRYPTION, v_enc, sizeof v_enc },
    { DEMO_IDX_SET_EXT_SCAN_PARAMS, v_ext_scan, sizeof v_ext_scan },
    { DEMO_IDX_SET_CIG_PARAMS, v_cig, sizeof v_cig },
    { DEMO_IDX_ADV_REPORT, v_reports, sizeof v_reports },
    { DEMO_IDX_WIDE, v_wide, sizeof v_wide },
    { DEMO_IDX_VENDOR, v_wide, 7 },
};
#define NVECS (sizeof vecs / sizeof vecs[0])

static void decode_fills_every_kind(void)
{
    struct demo_set_adv_params ap;
    struct demo_enable_encryption en;
    struct demo_wide w;
    CHECK_EQ(demo_set_adv_params_decode(v_adv_params, sizeof v_adv_params, &ap), BLE_OK);
    CHECK_EQ(ap.adv_interval_min, 0x0800);
    CHECK_EQ(ap.adv_interval_max, 0x0800);
    CHECK_EQ(ap.adv_type, 0);
    CHECK_MEM(ap.peer_addr, "\x66\x55\x44\x33\x22\x11", 6);
    CHECK_EQ(ap.channel_map, 7);
    CHECK_EQ(demo_enable_encryption_decode(v_enc, sizeof v_enc, &en), BLE_OK);
    CHECK_EQ(en.handle, 0x0040);
    CHECK(en.random_number == 0x0807060504030201ull);
    CHECK_EQ(en.ediv, 0x1234);
    CHECK_MEM(en.ltk, v_enc + 12, 16);
    CHECK_EQ(demo_wide_decode(v_wide, sizeof v_wide, &w), BLE_OK);
    CHECK_EQ(w.u24, 0x123456);
    CHECK_EQ(w.u32, 0x89abcdefu);
    CHECK(w.u40 == 0x0102030405ull);
    CHECK(w.u48 == 0xa1a2a3a4a5a6ull);
    CHECK_EQ(w.s8, -1);
    CHECK_EQ(w.s16, -123);
}

static void arrays_decode_zero_copy(void)
{
    struct demo_set_cig_params c;
    struct demo_adv_report r;
    struct demo_cis cis;
    struct demo_report rep;
    CHECK_EQ(demo_set_cig_params_decode(v_cig, sizeof v_cig, &c), BLE_OK);
    CHECK_EQ(c.sdu_interval_c_to_p, 10000);
    CHECK_EQ(c.max_transport_latency_p_to_c, 10);
    CHECK_EQ(c.cis.n, 1);
    CHECK(c.cis.raw.p == v_cig + 15);
    CHECK_EQ(c.cis.raw.len, 9);
    CHECK_EQ(ble_arr_get(&c.cis, &demo_cis_desc, 0, &cis), BLE_OK);
    CHECK_EQ(cis.max_sdu_c_to_p, 40);
    CHECK_EQ(cis.rtn_p_to_c, 2);
    tt_poison(&cis, sizeof cis);
    CHECK_EQ(ble_arr_get(&c.cis, &demo_cis_desc, 1, &cis), BLE_ERR_NOT_FOUND);
    CHECK(tt_is_poison(&cis, sizeof cis));

    CHECK_EQ(demo_adv_report_decode(v_reports, sizeof v_reports, &r), BLE_OK);
    CHECK_EQ(r.reports.n, 2);
    CHECK_EQ(ble_arr_get(&r.reports, &demo_report_desc, 1, &rep), BLE_OK);
    CHECK_EQ(rep.event_type, 4);
    CHECK_EQ(rep.data.len, 0);
    CHECK_EQ(rep.rssi, -40);
    CHECK_EQ(ble_arr_get(&r.reports, &demo_report_desc, 0, &rep), BLE_OK);
    CHECK(rep.data.p == v_reports + 10); /* points into the input */
    CHECK_EQ(rep.data.len, 3);
    CHECK_EQ(rep.rssi, -59);
}

static void every_vector_round_trips(void)
{
    size_t i;
    for (i = 0; i < NVECS; i++) {
        const struct ble_pdu_desc *d = &demo_descs[vecs[i].idx];
        union demo_pdu u;
        uint8_t out[64];
        CHECK_EQ(ble_pdu_decode(d, vecs[i].b, vecs[i].len, &u), BLE_OK);
        CHECK_EQ(ble_pdu_size(d, &u), vecs[i].len);
        CHECK_EQ(ble_pdu_encode(d, &u, out, sizeof out), vecs[i].len);
        CHECK_MEM(out, vecs[i].b, vecs[i].len);
    }
}

static void truncation_at_every_prefix_leaves_output_untouched(void)
{
    size_t i, n;
    for (i = 0; i < NVECS; i++) {
        const struct ble_pdu_desc *d = &demo_descs[vecs[i].idx];
        unsigned last = d->fields[d->nfields - 1].kind;
        if (last == BLE_FK_REST)
            continue; /* any length is a whole vendor PDU */
        for (n = 0; n < vecs[i].len; n++) {
            union demo_pdu u;
            int rc;
            tt_poison(&u, sizeof u);
            rc = ble_pdu_decode(d, vecs[i].b, n, &u);
            /* a list to the end is whole at every element boundary: 8 + 2k */
            if (last == BLE_FK_ARRR && n >= 8 && n % 2 == 0) {
                CHECK_EQ(rc, BLE_OK);
                continue;
            }
            CHECK_EQ(rc, BLE_ERR_SHORT);
            CHECK(tt_is_poison(&u, sizeof u));
        }
    }
}

static void trailing_bytes_are_an_error_unless_allowed(void)
{
    uint8_t b[sizeof v_cig + 1];
    uint8_t w[sizeof v_wide + 2];
    struct demo_set_cig_params c;
    struct demo_wide x;
    ble_memcpy(b, v_cig, sizeof v_cig);
    b[sizeof v_cig] = 0x00;
    tt_poison(&c, sizeof c);
    CHECK_EQ(demo_set_cig_params_decode(b, sizeof b, &c), BLE_ERR_TRAILING);
    CHECK(tt_is_poison(&c, sizeof c));
    ble_memcpy(w, v_wide, sizeof v_wide);
    w[sizeof v_wide] = w[sizeof v_wide + 1] = 0xEE;
    CHECK_EQ(demo_wide_decode(w, sizeof w, &x), BLE_OK); /* BLE_PDU_F_TRAILING_OK */
    CHECK_EQ(x.s8, -1);
}

static void array_count_past_the_end_is_short(void)
{
    uint8_t b[sizeof v_cig];
    struct demo_set_cig_params c;
    ble_memcpy(b, v_cig, sizeof v_cig);
    b[14] = 2; /* CIS_Count says 2, one element follows */
    tt_poison(&c, sizeof c);
    CHECK_EQ(demo_set_cig_params_decode(b, sizeof b, &c), BLE_ERR_SHORT);
    CHECK(tt_is_poison(&c, sizeof c));
    b[14] = 0; /* zero elements, then nine stray octets */
    CHECK_EQ(demo_set_cig_params_decode(b, sizeof b, &c), BLE_ERR_TRAILING);
}

static void lv8_length_past_the_end_is_short(void)
{
    uint8_t b[sizeof v_reports];
    struct demo_adv_report r;
    ble_memcpy(b, v_reports, sizeof b);
    b[9] = 0xFF; /* data length runs past the end */
    tt_poison(&r, sizeof r);
    CHECK_EQ(demo_adv_report_decode(b, sizeof b, &r), BLE_ERR_SHORT);
    CHECK(tt_is_poison(&r, sizeof r));
}

static void encode_short_buffer_writes_nothing(void)
{
    struct demo_set_cig_params c;
    uint8_t out[sizeof v_cig + 4];
    CHECK_EQ(demo_set_cig_params_decode(v_cig, sizeof v_cig, &c), BLE_OK);
    tt_poison(out, sizeof out);
    CHECK_EQ(demo_set_cig_params_encode(&c, out, sizeof v_cig - 1), BLE_ERR_NO_SPACE);
    CHECK(tt_is_poison(out, sizeof out));
    CHECK_EQ(demo_set_cig_params_encode(&c, out, sizeof v_cig), (int)sizeof v_cig);
    CHECK(tt_is_poison(out + sizeof v_cig, 4));
}

static void encode_rejects_values_the_format_cannot_carry(void)
{
    static const uint8_t big[300] = { 0 };
    struct demo_report rep;
    struct demo_adv_report r;
    struct demo_wide w;
    struct demo_set_cig_params c;
    uint8_t out[400];
    ble_memset(&rep, 0, sizeof rep);
    rep.data = ble_view_make(big, 256);
    r.reports.n = 1;
    r.reports.items = &rep;
    r.reports.raw = ble_view_make(0, 0);
    tt_poison(out, sizeof out);
    CHECK_EQ(demo_adv_report_encode(&r, out, sizeof out), BLE_ERR_TOO_LONG);
    CHECK(tt_is_poison(out, sizeof out));
    rep.data = ble_view_make(0, 3); /* length without bytes */
    CHECK_EQ(demo_adv_report_encode(&r, out, sizeof out), BLE_ERR_PARAM);
    r.reports.n = 256;
    CHECK_EQ(demo_adv_report_encode(&r, out, sizeof out), BLE_ERR_TOO_LONG);
    ble_memset(&w, 0, sizeof w);
    w.u24 = 0x1000000;
    CHECK_EQ(demo_wide_encode(&w, out, sizeof out), BLE_ERR_RANGE);
    w.u24 = 0;
    w.u40 = 0x10000000000ull;
    CHECK_EQ(demo_wide_encode(&w, out, sizeof out), BLE_ERR_RANGE);
    /* raw elements must hold exactly n elements */
    CHECK_EQ(demo_set_cig_params_decode(v_cig, sizeof v_cig, &c), BLE_OK);
    c.cis.n = 2;
    CHECK_EQ(demo_set_cig_params_encode(&c, out, sizeof out), BLE_ERR_MALFORMED);
    c.cis.n = 1;
    c.cis.raw.len = 8;
    CHECK_EQ(demo_set_cig_params_encode(&c, out, sizeof out), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(out, sizeof out));
}

static void array_items_encode_like_raw(void)
{
    struct demo_cis cis[2];
    struct demo_set_cig_params c, d;
    uint8_t out[64], out2[64];
    int n;
    CHECK_EQ(demo_set_cig_params_decode(v_cig, sizeof v_cig, &c), BLE_OK);
    CHECK_EQ(ble_arr_get(&c.cis, &demo_cis_desc, 0, &cis[0]), BLE_OK);
    cis[1] = cis[0];
    cis[1].cis_id = 1;
    c.cis.n = 2;
    c.cis.items = cis;
    n = demo_set_cig_params_encode(&c, out, sizeof out);
    CHECK_EQ(n, sizeof v_cig + 9);
    CHECK_EQ(out[14], 2);
    CHECK_MEM(out + 15, v_cig + 15, 9);
    CHECK_EQ(out[24], 1);
    /* decode again and re-encode from the raw view: the same octets */
    CHECK_EQ(demo_set_cig_params_decode(out, (size_t)n, &d), BLE_OK);
    CHECK(d.cis.items == 0);
    CHECK_EQ(demo_set_cig_params_encode(&d, out2, sizeof out2), n);
    CHECK_MEM(out2, out, (size_t)n);
    /* element access on an items array copies the struct */
    CHECK_EQ(ble_arr_get(&c.cis, &demo_cis_desc, 1, &cis[0]), BLE_OK);
    CHECK_EQ(cis[0].cis_id, 1);
}

static void phy_arrays_count_the_bits_of_the_field_before(void)
{
    struct demo_set_ext_scan_params p;
    struct demo_scan_phy ph;
    uint8_t b[sizeof v_ext_scan], out[32];
    CHECK_EQ(demo_set_ext_scan_params_decode(v_ext_scan, sizeof v_ext_scan, &p), BLE_OK);
    CHECK_EQ(p.phy.n, 2);
    CHECK_EQ(ble_arr_get(&p.phy, &demo_scan_phy_desc, 1, &ph), BLE_OK);
    CHECK_EQ(ph.scan_interval, 0x36);
    /* three bits set, two sets present */
    ble_memcpy(b, v_ext_scan, sizeof b);
    b[2] = 0x07;
    tt_poison(&p, sizeof p);
    CHECK_EQ(demo_set_ext_scan_params_decode(b, sizeof b, &p), BLE_ERR_SHORT);
    CHECK(tt_is_poison(&p, sizeof p));
    b[2] = 0x01; /* one bit set, two sets present */
    CHECK_EQ(demo_set_ext_scan_params_decode(b, sizeof b, &p), BLE_ERR_TRAILING);
    /* encoding checks the count against the bitmask */
    CHECK_EQ(demo_set_ext_scan_params_decode(v_ext_scan, sizeof v_ext_scan, &p), BLE_OK);
    p.scanning_phys = 0x01;
    tt_poison(out, sizeof out);
    CHECK_EQ(demo_set_ext_scan_params_encode(&p, out, sizeof out), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(out, sizeof out));
}

static void rest_arrays_run_to_the_end(void)
{
    struct demo_cb_conn_req p;
    struct demo_cid c;
    uint8_t out[32];
    CHECK_EQ(demo_cb_conn_req_decode(v_cb, sizeof v_cb, &p), BLE_OK);
    CHECK_EQ(p.source_cid.n, 2);
    CHECK_EQ(ble_arr_get(&p.source_cid, &demo_cid_desc, 1, &c), BLE_OK);
    CHECK_EQ(c.cid, 0x0041);
    CHECK_EQ(demo_cb_conn_req_decode(v_cb, 8, &p), BLE_OK); /* no CIDs at all */
    CHECK_EQ(p.source_cid.n, 0);
    tt_poison(&p, sizeof p);
    CHECK_EQ(demo_cb_conn_req_decode(v_cb, sizeof v_cb - 1, &p), BLE_ERR_SHORT); /* half a CID */
    CHECK(tt_is_poison(&p, sizeof p));
    CHECK_EQ(demo_cb_conn_req_decode(v_cb, sizeof v_cb, &p), BLE_OK);
    p.source_cid.n = 3; /* raw holds two */
    CHECK_EQ(demo_cb_conn_req_encode(&p, out, sizeof out), BLE_ERR_MALFORMED);
}

static void printer_names_every_field(void)
{
    struct demo_set_adv_params ap;
    struct demo_adv_report r;
    struct demo_set_cig_params c;
    char buf[512];
    struct ble_str s;
    CHECK_EQ(demo_set_adv_params_decode(v_adv_params, sizeof v_adv_params, &ap), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&demo_descs[DEMO_IDX_SET_ADV_PARAMS], &ap, &s, 0);
    CHECK_STR(buf, "adv_interval_min=0x0800 adv_interval_max=0x0800 adv_type=0x00 (ADV_IND) "
                   "own_addr_type=0x00 peer_addr_type=0x00 peer_addr=11:22:33:44:55:66 "
                   "channel_map=0x07 filter_policy=0x00");
    CHECK_EQ(demo_adv_report_decode(v_reports, sizeof v_reports, &r), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&demo_descs[DEMO_IDX_ADV_REPORT], &r, &s, BLE_PRINT_MULTILINE);
    CHECK_STR(buf, "\n  reports=2"
                   "\n  reports[0].event_type=0x00 (ADV_IND)\n  reports[0].addr_type=0x01"
                   "\n  reports[0].addr=11:22:33:44:55:66\n  reports[0].data=[3]020106"
                   "\n  reports[0].rssi=-59"
                   "\n  reports[1].event_type=0x04 (SCAN_RSP)\n  reports[1].addr_type=0x00"
                   "\n  reports[1].addr=06:05:04:03:02:01\n  reports[1].data=[0]"
                   "\n  reports[1].rssi=-40");
    CHECK_EQ(demo_set_cig_params_decode(v_cig, sizeof v_cig, &c), BLE_OK);
    ble_str_init(&s, buf, 40);
    ble_pdu_print(&demo_descs[DEMO_IDX_SET_CIG_PARAMS], &c, &s, 0);
    CHECK(s.truncated);
    CHECK_EQ(s.len, 39);
    CHECK_STR(ble_pdu_name(&demo_descs[DEMO_IDX_SET_CIG_PARAMS]), "LE Set CIG Parameters");
}

static void printer_writes_json(void)
{
    struct demo_set_adv_params ap;
    struct demo_adv_report r;
    struct demo_enable_encryption en;
    char buf[512];
    struct ble_str s;
    CHECK_EQ(demo_set_adv_params_decode(v_adv_params, sizeof v_adv_params, &ap), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&demo_descs[DEMO_IDX_SET_ADV_PARAMS], &ap, &s, BLE_PRINT_JSON);
    CHECK_STR(buf, "{\"adv_interval_min\":2048,\"adv_interval_max\":2048,\"adv_type\":0,"
                   "\"adv_type_name\":\"ADV_IND\",\"own_addr_type\":0,\"peer_addr_type\":0,"
                   "\"peer_addr\":\"11:22:33:44:55:66\",\"channel_map\":7,\"filter_policy\":0}");
    CHECK_EQ(demo_adv_report_decode(v_reports, sizeof v_reports, &r), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&demo_descs[DEMO_IDX_ADV_REPORT], &r, &s, BLE_PRINT_JSON);
    CHECK_STR(buf, "{\"reports\":[{\"event_type\":0,\"event_type_name\":\"ADV_IND\",\"addr_type\":1,"
                   "\"addr\":\"11:22:33:44:55:66\",\"data\":\"020106\",\"rssi\":-59},"
                   "{\"event_type\":4,\"event_type_name\":\"SCAN_RSP\",\"addr_type\":0,"
                   "\"addr\":\"06:05:04:03:02:01\",\"data\":\"\",\"rssi\":-40}]}");
    CHECK_EQ(demo_enable_encryption_decode(v_enc, sizeof v_enc, &en), BLE_OK);
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&demo_descs[DEMO_IDX_ENABLE_ENCRYPTION], &en, &s, BLE_PRINT_JSON);
    CHECK_STR(buf, "{\"handle\":64,\"random_number\":\"0x0807060504030201\",\"ediv\":4660,"
                   "\"ltk\":\"101112131415161718191a1b1c1d1e1f\"}");
}

/* Descriptors that break the table rules (REST or ARRR not last, ARRP
 * without a U8 before it, an array inside an array element) are refused with
 * BLE_ERR_PARAM by every interpreter, never read or written past. */
struct bad_pdu {
    struct ble_view a;
    uint8_t u;
    struct ble_arr arr;
};
static const struct ble_field bad_rest_fields[] = {
    { BLE_FK_REST, 0, (uint16_t)offsetof(struct bad_pdu, a), BLE_NAME_INIT("a") 0 },
    { BLE_FK_U8, 0, (uint16_t)offsetof(struct bad_pdu, u), BLE_NAME_INIT("u") 0 },
};
static const struct ble_field bad_arrp_fields[] = {
    { BLE_FK_ARRP, 0, (uint16_t)offsetof(struct bad_pdu, arr), BLE_NAME_INIT("arr") &demo_cid_desc },
};
static const struct ble_field bad_arrr_fields[] = {
    { BLE_FK_ARRR, 0, (uint16_t)offsetof(struct bad_pdu, arr), BLE_NAME_INIT("arr") &demo_cid_desc },
    { BLE_FK_U8, 0, (uint16_t)offsetof(struct bad_pdu, u), BLE_NAME_INIT("u") 0 },
};
static const struct ble_pdu_desc nested_elem = { 0, sizeof(struct bad_pdu), 1, 0, BLE_NAME_INIT("nested") bad_arrp_fields };
static const struct ble_field bad_nested_fields[] = {
    { BLE_FK_ARR8, 0, (uint16_t)offsetof(struct bad_pdu, arr), BLE_NAME_INIT("arr") &nested_elem },
};
static const struct ble_pdu_desc bad_descs[] = {
    { 1, sizeof(struct bad_pdu), 2, 0, BLE_NAME_INIT("rest not last") bad_rest_fields },
    { 2, sizeof(struct bad_pdu), 1, 0, BLE_NAME_INIT("arrp first") bad_arrp_fields },
    { 3, sizeof(struct bad_pdu), 2, 0, BLE_NAME_INIT("arrr not last") bad_arrr_fields },
    { 4, sizeof(struct bad_pdu), 1, 0, BLE_NAME_INIT("nested") bad_nested_fields },
};

static void broken_tables_are_refused(void)
{
    const uint8_t in[] = { 0x01, 0x02, 0x03, 0x04 };
    uint8_t out[16];
    size_t i;
    for (i = 0; i < sizeof bad_descs / sizeof bad_descs[0]; i++) {
        struct bad_pdu p;
        tt_poison(&p, sizeof p);
        CHECK_EQ(ble_pdu_decode(&bad_descs[i], in, sizeof in, &p), BLE_ERR_PARAM);
        CHECK(tt_is_poison(&p, sizeof p));
        ble_memset(&p, 0, sizeof p);
        p.a = ble_view_make(in, 1);
        p.arr.n = 1;
        p.arr.raw = ble_view_make(in, 2);
        tt_poison(out, sizeof out);
        CHECK_EQ(ble_pdu_encode(&bad_descs[i], &p, out, sizeof out), BLE_ERR_PARAM);
        CHECK(tt_is_poison(out, sizeof out));
    }
}

static void json_strings_are_escaped(void)
{
    static const struct ble_name odd_list[] = { { 1, "say \"hi\"\\\x01" } };
    static const struct ble_names odd = { odd_list, 1 };
    static const struct ble_field f[] = {
        { BLE_FK_U8, 0, (uint16_t)offsetof(struct bad_pdu, u), BLE_NAME_INIT("u") &odd },
    };
    static const struct ble_pdu_desc d = { 9, sizeof(struct bad_pdu), 1, 0, BLE_NAME_INIT("odd") f };
    struct bad_pdu p;
    char buf[96];
    struct ble_str s;
    p.u = 1;
    ble_str_init(&s, buf, sizeof buf);
    ble_pdu_print(&d, &p, &s, BLE_PRINT_JSON);
    CHECK_STR(buf, "{\"u\":1,\"u_name\":\"say \\\"hi\\\"\\\\\\u0001\"}");
}

/* ble_pdu_find and ble_pdu_find_ptr answer like a linear scan, for every
 * code and every slice of a table whose first codes have no gap (the direct
 * row) and whose later codes do (the search bounded by that row). */
static void find_agrees_with_a_linear_scan(void)
{
    static const uint16_t codes[] = { 0x00, 0x01, 0x02, 0x03, 0x06, 0x08, 0x09,
                                      0x20, 0x52, 0xD2, 0xFFFE, 0xFFFF };
    enum { N = sizeof codes / sizeof codes[0] };
    struct ble_pdu_desc t[N];
    const struct ble_pdu_desc *pt[N];
    size_t k, n, i, wrong = 0, found = 0;
    unsigned code;
    ble_memset(t, 0, sizeof t);
    for (i = 0; i < N; i++)
        t[i].code = codes[i], pt[i] = &t[i];
    for (k = 0; k < N; k++)
        for (n = 0; k + n <= N; n++)
            for (code = 0; code <= 0x10001; code = code == 0x200 ? 0xFFFC : code + 1) {
                const struct ble_pdu_desc *want = 0;
                for (i = k; i < k + n; i++)
                    if (t[i].code == code)
                        want = &t[i];
                found += want != 0;
                wrong += ble_pdu_find(t + k, n, code) != want;
                wrong += ble_pdu_find_ptr(pt + k, n, code) != want;
            }
    CHECK_EQ(wrong, 0);
    CHECK_EQ(found, 364); /* each code once per slice holding it: sum of (k+1)(N-k) */
}

static void table_is_sorted_and_found_by_code(void)
{
    size_t i, j;
    for (i = 0; i + 1 < DEMO_COUNT; i++)
        CHECK(demo_descs[i].code < demo_descs[i + 1].code);
    for (i = 0; i < DEMO_COUNT; i++)
        CHECK(ble_pdu_find(demo_descs, DEMO_COUNT, demo_descs[i].code) == &demo_descs[i]);
    CHECK(ble_pdu_find(demo_descs, DEMO_COUNT, 0x2007) == 0);
    CHECK(ble_pdu_find(demo_descs, DEMO_COUNT, 0xFFFF) == 0);
    CHECK(ble_pdu_find(demo_descs, 0, 0x0C03) == 0);
    CHECK_EQ(DEMO_SET_CIG_PARAMS, 0x2062);
    /* REST only last; arrays do not nest */
    for (i = 0; i < DEMO_COUNT; i++)
        for (j = 0; j < demo_descs[i].nfields; j++) {
            const struct ble_field *f = &demo_descs[i].fields[j];
            if (f->kind == BLE_FK_REST)
                CHECK(j + 1 == demo_descs[i].nfields);
        }
}

static void bad_arguments_are_refused(void)
{
    struct demo_reset rs;
    uint8_t b[4];
    CHECK_EQ(ble_pdu_decode(&demo_descs[DEMO_IDX_RESET], 0, 0, &rs), BLE_OK);
    CHECK_EQ(ble_pdu_decode(&demo_descs[DEMO_IDX_RESET], 0, 3, &rs), BLE_ERR_PARAM);
    CHECK_EQ(ble_pdu_decode(&demo_descs[DEMO_IDX_RESET], b, 0, 0), BLE_ERR_PARAM);
    CHECK_EQ(ble_pdu_decode(0, b, 0, &rs), BLE_ERR_PARAM);
    CHECK_EQ(ble_pdu_encode(&demo_descs[DEMO_IDX_RESET], &rs, 0, 0), 0);
    CHECK_EQ(ble_pdu_size(0, &rs), BLE_ERR_PARAM);
    CHECK_EQ(ble_arr_get(0, &demo_cis_desc, 0, b), BLE_ERR_PARAM);
}

void suite_table(void)
{
    TT_RUN(decode_fills_every_kind);
    TT_RUN(arrays_decode_zero_copy);
    TT_RUN(every_vector_round_trips);
    TT_RUN(truncation_at_every_prefix_leaves_output_untouched);
    TT_RUN(trailing_bytes_are_an_error_unless_allowed);
    TT_RUN(array_count_past_the_end_is_short);
    TT_RUN(lv8_length_past_the_end_is_short);
    TT_RUN(encode_short_buffer_writes_nothing);
    TT_RUN(encode_rejects_values_the_format_cannot_carry);
    TT_RUN(array_items_encode_like_raw);
    TT_RUN(phy_arrays_count_the_bits_of_the_field_before);
    TT_RUN(rest_arrays_run_to_the_end);
    TT_RUN(printer_names_every_field);
    TT_RUN(printer_writes_json);
    TT_RUN(broken_tables_are_refused);
    TT_RUN(json_strings_are_escaped);
    TT_RUN(table_is_sorted_and_found_by_code);
    TT_RUN(find_agrees_with_a_linear_scan);
    TT_RUN(bad_arguments_are_refused);
}
