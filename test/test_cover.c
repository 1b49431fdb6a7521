/* Tests of paths the layer suites and the fuzz corpora left unexercised (make
 * coverage names them): UTF-8 in AD values (CSS Part A 1.10, 1.22), the
 * Device ID / TK and Mesh Beacon sizes, URI schemes past U+007F, the UUID
 * accessor over a caller's element structs, argument checks, and GAP role
 * procedures whose command the controller refuses.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* CSS Part A 1.22: Broadcast_Name is 4 to 32 UTF-8 characters. Characters
 * of 2, 3 and 4 octets count once each; overlong forms, surrogates, code
 * points past U+10FFFF, stray continuation octets and a character cut at
 * the end make the value malformed. */
static void broadcast_name_counts_utf8_characters(void)
{
    static const uint8_t four_kinds[] = { 'a', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9D, 0x84, 0x9E };
    static const uint8_t bad[][6] = {
        { 'a', 'b', 'c', 0xC0, 0x80 },          /* overlong NUL */
        { 'a', 'b', 'c', 0xE0, 0x80, 0x80 },    /* overlong in 3 octets */
        { 'a', 'b', 'c', 0xED, 0xA0, 0x80 },    /* surrogate U+D800 */
        { 'a', 'b', 0xF4, 0x90, 0x80, 0x80 },   /* U+110000 */
        { 'a', 'b', 'c', 0x80, 'd' },           /* continuation without a lead */
        { 'a', 'b', 'c', 'd', 0xE2, 0x82 },     /* cut inside a character */
        { 'a', 'b', 'c', 0xF8, 0x80, 0x80 },    /* no such lead octet */
        { 'a', 'b', 0xF0, 0x8F, 0xBF, 0xBF },   /* overlong in 4 octets */
    };
    static const size_t bad_len[] = { 5, 6, 6, 6, 5, 6, 6, 6 };
    struct ble_gap_ad ad;
    size_t i;
    CHECK_EQ(ble_gap_ad_decode(BLE_GAP_AD_BROADCAST_NAME, four_kinds, sizeof four_kinds, &ad), BLE_OK);
    CHECK_EQ(ad.v.broadcast_name.name.len, sizeof four_kinds);
    /* three characters in 6 octets are too few */
    CHECK_EQ(ble_gap_ad_decode(BLE_GAP_AD_BROADCAST_NAME, four_kinds + 1, 9, &ad), BLE_ERR_MALFORMED);
    for (i = 0; i < sizeof bad_len / sizeof bad_len[0]; i++) {
        tt_poison(&ad, sizeof ad);
        CHECK_EQ(ble_gap_ad_decode(BLE_GAP_AD_BROADCAST_NAME, bad[i], bad_len[i], &ad), BLE_ERR_MALFORMED);
        CHECK(tt_is_poison(&ad, sizeof ad));
    }
}

/* CSS Part A 1.18: the URI's scheme is one UTF-8 code point of the
 * Assigned Numbers URI scheme table; the builder writes code points of 1 to 4
 * octets and refuses surrogates and values past U+10FFFF. */
static void uri_scheme_code_points_round_trip(void)
{
    static const uint32_t cps[] = { 0x16, 0xE9, 0x20AC, 0x1D11E };
    static const uint8_t want_len[] = { 1, 2, 3, 4 };
    static const uint32_t refused[] = { 0xD800, 0xDFFF, 0x110000 };
    struct ble_gap_ad_uri u, back;
    uint8_t buf[16];
    size_t i;
    for (i = 0; i < 4; i++) {
        ble_memset(&u, 0, sizeof u);
        u.scheme = cps[i];
        u.uri = ble_view_make((const uint8_t *)"//x.org", 7);
        CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_URI, &u, buf, sizeof buf), want_len[i] + 7);
        CHECK_MEM(buf + want_len[i], "//x.org", 7);
        CHECK_EQ(ble_gap_ad_value_decode(BLE_GAP_AD_URI, buf, (size_t)want_len[i] + 7, &back), BLE_OK);
        CHECK_EQ(back.scheme, cps[i]);
        CHECK_EQ(back.uri.len, 7);
    }
    for (i = 0; i < 3; i++) {
        ble_memset(&u, 0, sizeof u);
        u.scheme = refused[i];
        tt_poison(buf, sizeof buf);
        CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_URI, &u, buf, sizeof buf), BLE_ERR_MALFORMED);
        CHECK(tt_is_poison(buf, sizeof buf));
    }
    /* a URI whose text is not UTF-8 */
    ble_memset(&u, 0, sizeof u);
    u.scheme = 0x16;
    u.uri = ble_view_make((const uint8_t *)"\xff", 1);
    CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_URI, &u, buf, sizeof buf), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_gap_ad_value_decode(BLE_GAP_AD_URI, (const uint8_t *)"\x16\xff", 2, &back), BLE_ERR_MALFORMED);
}

/* CSS Part A 1.6 / Device ID Profile: AD type 0x10 is a Device ID (8 octets)
 * or a Security Manager TK Value (16 octets); no other size is either. */
static void device_id_and_tk_sizes(void)
{
    struct ble_gap_ad_device_id_tk d, back;
    uint8_t buf[20];
    size_t i;
    ble_memset(&d, 0, sizeof d);
    d.size = 16;
    for (i = 0; i < 16; i++)
        d.tk[i] = (uint8_t)(0xF0 + i);
    CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_DEVICE_ID_TK, &d, buf, sizeof buf), 16);
    CHECK_MEM(buf, d.tk, 16);
    CHECK_EQ(ble_gap_ad_value_decode(BLE_GAP_AD_DEVICE_ID_TK, buf, 16, &back), BLE_OK);
    CHECK_EQ(back.size, 16);
    CHECK_MEM(back.tk, d.tk, 16);
    d.size = 12;
    tt_poison(buf, sizeof buf);
    CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_DEVICE_ID_TK, &d, buf, sizeof buf), BLE_ERR_MALFORMED);
    CHECK(tt_is_poison(buf, sizeof buf));
    CHECK_EQ(ble_gap_ad_value_decode(BLE_GAP_AD_DEVICE_ID_TK, buf, 12, &back), BLE_ERR_MALFORMED);
}

/* Mesh Protocol 3.10: an Unprovisioned Device beacon is 18 or 22 octets
 * after its type, a Secure Network beacon 21, a Mesh Private beacon 26;
 * reserved beacon types pass with any size. */
static void mesh_beacon_sizes_follow_their_type(void)
{
    static const struct { uint8_t type, len, ok; } cases[] = {
        { 0x00, 18, 1 }, { 0x00, 22, 1 }, { 0x00, 19, 0 }, { 0x01, 21, 1 }, { 0x01, 22, 0 },
        { 0x02, 26, 1 }, { 0x02, 25, 0 }, { 0x07, 3, 1 },
    };
    uint8_t v[1 + 26];
    struct ble_gap_ad ad;
    size_t i;
    ble_memset(v, 0x3C, sizeof v);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        v[0] = cases[i].type;
        CHECK_EQ(ble_gap_ad_decode(BLE_GAP_AD_MESH_BEACON, v, 1u + cases[i].len, &ad),
                 cases[i].ok ? BLE_OK : BLE_ERR_MALFORMED);
    }
}

/* The UUID accessor reads a list the caller built from element structs as
 * well as one decoded from octets, and says NOT_FOUND past its end. */
static void uuid_accessor_reads_caller_element_structs(void)
{
    struct ble_gap_ad_uuid16 e16[2];
    struct ble_gap_ad_uuid32 e32[1];
    struct ble_gap_ad_uuid128 e128[1];
    struct ble_gap_ad ad;
    struct ble_uuid u;
    size_t i;
    ble_memset(&ad, 0, sizeof ad);
    e16[0].uuid = 0x180F;
    e16[1].uuid = 0x184E;
    ad.type = BLE_GAP_AD_UUID16_COMPLETE;
    ad.desc = ble_gap_ad_desc(ad.type);
    ad.v.uuid16_complete.uuids.items = e16;
    ad.v.uuid16_complete.uuids.n = 2;
    CHECK_EQ(ble_gap_ad_uuid(&ad, 1, &u), BLE_OK);
    CHECK(u.len == 2 && u.v[0] == 0x4E && u.v[1] == 0x18);
    CHECK_EQ(ble_gap_ad_uuid(&ad, 2, &u), BLE_ERR_NOT_FOUND);
    e32[0].uuid = 0x12345678;
    ble_memset(&ad.v, 0, sizeof ad.v);
    ad.type = BLE_GAP_AD_UUID32_INCOMPLETE;
    ad.desc = ble_gap_ad_desc(ad.type);
    ad.v.uuid32_complete.uuids.items = e32;
    ad.v.uuid32_complete.uuids.n = 1;
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_OK);
    CHECK(u.len == 4 && u.v[0] == 0x78 && u.v[3] == 0x12);
    for (i = 0; i < 16; i++)
        e128[0].uuid[i] = (uint8_t)i;
    ble_memset(&ad.v, 0, sizeof ad.v);
    ad.type = BLE_GAP_AD_SOLICIT_UUID128;
    ad.desc = ble_gap_ad_desc(ad.type);
    ad.v.uuid128_complete.uuids.items = e128;
    ad.v.uuid128_complete.uuids.n = 1;
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_OK);
    CHECK(u.len == 16 && u.v[15] == 15);
    /* a type with no UUID, and no value at all */
    ad.type = BLE_GAP_AD_FLAGS;
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_ERR_PARAM);
    ad.desc = 0;
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_ERR_PARAM);
}

/* Argument checks of the AD value functions: an unknown type, a missing
 * value, and room one octet short, each with nothing written. */
static void ad_value_arguments_are_checked(void)
{
    struct ble_gap_ad_uri u;
    uint8_t buf[8];
    ble_memset(&u, 0, sizeof u);
    u.scheme = 0x16;
    u.uri = ble_view_make((const uint8_t *)"//a", 3);
    CHECK_EQ(ble_gap_ad_value_size(0xFE, &u), BLE_ERR_UNKNOWN);
    CHECK_EQ(ble_gap_ad_value_size(BLE_GAP_AD_URI, NULL), BLE_ERR_PARAM);
    CHECK_EQ(ble_gap_ad_value_decode(0xFE, buf, 1, &u), BLE_ERR_UNKNOWN);
    CHECK_EQ(ble_gap_ad_value_decode(BLE_GAP_AD_URI, buf, 1, NULL), BLE_ERR_PARAM);
    CHECK_EQ(ble_gap_ad_value_decode(BLE_GAP_AD_URI, NULL, 2, &u), BLE_ERR_PARAM);
    tt_poison(buf, sizeof buf);
    CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_URI, &u, buf, 3), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_URI, &u, NULL, 8), BLE_ERR_PARAM);
    CHECK(tt_is_poison(buf, sizeof buf));
    CHECK_EQ(ble_gap_ad_value_encode(BLE_GAP_AD_URI, &u, buf, 4), 4);
}

/* ---- GAP roles: commands that fail, and a sync the application cancels
 * (Core 6.0 Vol 4 Part E 7.8.9, 7.8.67 - 7.8.69) ---- */

static int cv_evt(struct ble_gap *g, uint8_t code, uint16_t op, uint8_t status)
{
    /* Command Complete (7.7.14) or Command Status (7.7.15), one credit */
    uint8_t e[6] = { 0, 0x04, 0, 0, 0, 0 };
    e[0] = code;
    if (code == 0x0E) {
        e[2] = 0x01;
        ble_put_le16(e + 3, op);
        e[5] = status;
    } else {
        e[2] = status;
        e[3] = 0x01;
        ble_put_le16(e + 4, op);
    }
    return ble_gap_on_hci_event(g, 0, e, sizeof e);
}

static int cv_le(struct ble_gap *g, uint8_t sub, const uint8_t *p, size_t n)
{
    uint8_t e[3 + 32];
    e[0] = 0x3E;
    e[1] = (uint8_t)(1 + n);
    e[2] = sub;
    ble_memcpy(e + 3, p, n);
    return ble_gap_on_hci_event(g, 0, e, 3 + n);
}

static uint16_t cv_cmd(struct ble_gap *g)
{
    uint8_t buf[3 + 64];
    int n = ble_gap_poll_cmd(g, 0, 0, buf, sizeof buf);
    return n >= 3 ? ble_get_le16(buf) : 0;
}

static struct ble_gap_event cv_ev(struct ble_gap *g)
{
    struct ble_gap_event ev;
    ble_memset(&ev, 0, sizeof ev);
    if (ble_gap_poll_event(g, &ev) != BLE_OK)
        ev.type = BLE_GAP_EV_NONE;
    return ev;
}

static void cv_gap(struct ble_gap *g)
{
    struct ble_gap_cfg cfg;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.cmd_timeout_ms = 1000;
    ble_gap_init(g, &cfg);
}

/* 7.8.67, 7.8.68: the application cancels a pending sync; the controller's
 * Sync Established with Operation Cancelled by Host (0x44) ends it, and a
 * cancel with nothing pending is BLE_ERR_STATE. A create refused by Command
 * Status gives SYNC_ESTABLISHED with that status and frees the slot. */
static void sync_cancelled_by_the_application_and_refused_create(void)
{
    static const uint8_t cancelled[] = { 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    struct ble_gap g;
    struct ble_gap_sync_params sp;
    struct ble_gap_event ev;
    cv_gap(&g);
    CHECK_EQ(ble_gap_sync_cancel(&g, 0), BLE_ERR_STATE);
    ble_memset(&sp, 0, sizeof sp);
    sp.sync_timeout = 100;
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x2044);
    CHECK_EQ(cv_evt(&g, 0x0F, 0x2044, 0), BLE_OK);
    CHECK_EQ(ble_gap_sync_cancel(&g, 0), BLE_OK);
    CHECK_EQ(ble_gap_sync_cancel(&g, 0), BLE_ERR_STATE);
    CHECK_EQ(cv_cmd(&g), 0x2045);
    CHECK_EQ(cv_evt(&g, 0x0E, 0x2045, 0), BLE_OK);
    CHECK_EQ(cv_le(&g, 0x0E, cancelled, sizeof cancelled), BLE_OK);
    ev = cv_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ev.status, 0x44);
    CHECK_EQ(g.syncs[0].state, BLE_GAP_SYNC_FREE);
    /* refused: Command Disallowed (0x0C) */
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x2044);
    CHECK_EQ(cv_evt(&g, 0x0F, 0x2044, 0x0C), BLE_OK);
    ev = cv_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(g.syncs[0].state, BLE_GAP_SYNC_FREE);
    CHECK_EQ(cv_ev(&g).type, BLE_GAP_EV_NONE);
}

/* 7.8.69: a terminate the controller refuses leaves the sync on and says so;
 * 7.8.9: a refused advertising disable leaves the set advertising. */
static void refused_terminate_and_refused_adv_stop_keep_the_state(void)
{
    static const uint8_t est[] = { 0x00, 0x21, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x50, 0x00, 0x00 };
    static const uint8_t ad[] = { 0x02, 0x01, 0x06 };
    struct ble_gap g;
    struct ble_gap_sync_params sp;
    struct ble_gap_adv_params p;
    struct ble_gap_event ev;
    cv_gap(&g);
    ble_memset(&sp, 0, sizeof sp);
    sp.sync_timeout = 100;
    CHECK_EQ(ble_gap_sync_create(&g, 0, &sp), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x2044);
    CHECK_EQ(cv_evt(&g, 0x0F, 0x2044, 0), BLE_OK);
    CHECK_EQ(cv_le(&g, 0x0E, est, sizeof est), BLE_OK);
    CHECK_EQ(cv_ev(&g).type, BLE_GAP_EV_SYNC_ESTABLISHED);
    CHECK_EQ(ble_gap_sync_terminate(&g, 0, 0x21), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x2046);
    CHECK_EQ(cv_evt(&g, 0x0E, 0x2046, 0x0C), BLE_OK);
    ev = cv_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_SYNC_TERMINATED);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(g.syncs[0].state, BLE_GAP_SYNC_ON);
    CHECK(ble_gap_sync_find(&g, 0x21) != 0);
    /* legacy advertising on, then a refused disable */
    ble_memset(&p, 0, sizeof p);
    p.legacy = 1;
    p.interval_min = p.interval_max = 0x00A0;
    p.ad = ad;
    p.ad_len = sizeof ad;
    CHECK_EQ(ble_gap_adv_start(&g, 0, &p), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x2006);
    CHECK_EQ(cv_evt(&g, 0x0E, 0x2006, 0), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x2008);
    CHECK_EQ(cv_evt(&g, 0x0E, 0x2008, 0), BLE_OK);
    CHECK_EQ(cv_cmd(&g), 0x200A);
    CHECK_EQ(cv_evt(&g, 0x0E, 0x200A, 0), BLE_OK);
    CHECK_EQ(cv_ev(&g).type, BLE_GAP_EV_ADV_STARTED);
    CHECK_EQ(ble_gap_adv_stop(&g, 0, 0x05), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_gap_adv_stop(&g, 0, p.handle), BLE_OK);
    CHECK_EQ(ble_gap_adv_stop(&g, 0, p.handle), BLE_ERR_STATE);
    CHECK_EQ(cv_cmd(&g), 0x200A);
    CHECK_EQ(cv_evt(&g, 0x0E, 0x200A, 0x0C), BLE_OK);
    ev = cv_ev(&g);
    CHECK_EQ(ev.type, BLE_GAP_EV_CMD_FAILED);
    CHECK_EQ(ev.status, 0x0C);
    CHECK_EQ(g.adv[0].state, BLE_GAP_ADV_ON);
}

/* ---- ASCS codec arguments (ASCS 1.0 4.1, 4.2, 5) ---- */

/* Every ASCS codec entry point refuses missing arguments, reserved states,
 * unknown opcodes, too little room and inconsistent counts with its error
 * and leaves the caller's buffer untouched. */
static void ascs_codec_arguments_are_checked(void)
{
    static const uint8_t idle[] = { 0x01, 0x00 };
    static const uint8_t rsp_trailing[] = { 0x08, 0x01, 0x01, 0x00, 0x00, 0xEE };
    struct ble_ascs_ase_value v;
    struct ble_ascs_cp_write w;
    struct ble_ascs_cp_rsp r;
    uint8_t buf[8];
    uint8_t release_id = 1;
    struct ble_ascs_op_release rel;
    CHECK_EQ(ble_ascs_ase_value_decode(idle, sizeof idle, NULL), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_ase_value_decode(NULL, 2, &v), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_ase_value_decode(idle, sizeof idle, &v), BLE_OK);
    CHECK_EQ(ble_ascs_ase_value_encode(NULL, buf, sizeof buf), BLE_ERR_PARAM);
    v.state = BLE_ASCS_STATE_COUNT;
    CHECK_EQ(ble_ascs_ase_value_encode(&v, buf, sizeof buf), BLE_ERR_PARAM);
    v.state = BLE_ASCS_STATE_IDLE;
    tt_poison(buf, sizeof buf);
    CHECK_EQ(ble_ascs_ase_value_encode(&v, buf, 1), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_ascs_ase_value_encode(&v, NULL, sizeof buf), BLE_ERR_PARAM);
    CHECK(tt_is_poison(buf, sizeof buf));
    CHECK_EQ(ble_ascs_ase_value_encode(&v, buf, 2), 2);
    CHECK_MEM(buf, idle, 2);
    /* Control Point writes */
    CHECK_EQ(ble_ascs_cp_write_decode(idle, sizeof idle, NULL), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_cp_write_decode(NULL, 1, &w), BLE_ERR_PARAM);
    ble_memset(&rel, 0, sizeof rel);
    rel.ases.raw = ble_view_make(&release_id, 1);
    rel.ases.n = 1;
    tt_poison(buf, sizeof buf);
    CHECK_EQ(ble_ascs_cp_write_encode(0x09, &rel, buf, sizeof buf), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_cp_write_encode(BLE_ASCS_OP_RELEASE, NULL, buf, sizeof buf), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_cp_write_encode(BLE_ASCS_OP_RELEASE, &rel, buf, 2), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_ascs_cp_write_encode(BLE_ASCS_OP_RELEASE, &rel, NULL, sizeof buf), BLE_ERR_PARAM);
    CHECK(tt_is_poison(buf, sizeof buf));
    CHECK_EQ(ble_ascs_cp_write_encode(BLE_ASCS_OP_RELEASE, &rel, buf, 3), 3);
    CHECK_MEM(buf, "\x08\x01\x01", 3);
    /* Control Point responses (5 Table 5.1) */
    CHECK_EQ(ble_ascs_cp_rsp_decode(rsp_trailing, 5, NULL), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_cp_rsp_decode(NULL, 5, &r), BLE_ERR_PARAM);
    CHECK_EQ(ble_ascs_cp_rsp_decode(rsp_trailing, sizeof rsp_trailing, &r), BLE_ERR_TRAILING);
    CHECK_EQ(ble_ascs_cp_rsp_decode(rsp_trailing, 5, &r), BLE_OK);
    CHECK_EQ(ble_ascs_cp_rsp_encode(NULL, buf, sizeof buf), BLE_ERR_PARAM);
    r.number_of_ases = 2;
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, buf, sizeof buf), BLE_ERR_MALFORMED);
    r.number_of_ases = 1;
    r.ases.raw.len = 2;
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, buf, sizeof buf), BLE_ERR_MALFORMED);
    r.ases.raw.len = 3;
    tt_poison(buf, sizeof buf);
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, buf, 4), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, NULL, sizeof buf), BLE_ERR_PARAM);
    CHECK(tt_is_poison(buf, sizeof buf));
    CHECK_EQ(ble_ascs_cp_rsp_encode(&r, buf, sizeof buf), 5);
    CHECK_MEM(buf, rsp_trailing, 5);
}

void suite_cover(void)
{
    TT_RUN(broadcast_name_counts_utf8_characters);
    TT_RUN(uri_scheme_code_points_round_trip);
    TT_RUN(device_id_and_tk_sizes);
    TT_RUN(mesh_beacon_sizes_follow_their_type);
    TT_RUN(uuid_accessor_reads_caller_element_structs);
    TT_RUN(ad_value_arguments_are_checked);
    TT_RUN(sync_cancelled_by_the_application_and_refused_create);
    TT_RUN(refused_terminate_and_refused_adv_stop_keep_the_state);
    TT_RUN(ascs_codec_arguments_are_checked);
}
