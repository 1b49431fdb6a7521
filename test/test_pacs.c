/* Unit tests of profiles/pacs.h: the PAC record list, Audio Locations and
 * Audio Contexts values, and PACS served by the GATT server.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

/* PACS 1.0 3.1 Sink PAC: two records, LC3 16_2/24_2/48_x capabilities with
 * Preferred_Audio_Contexts, and a vendor codec with no LTVs */
static const uint8_t v_pac[] = {
    0x02,                               /* Number_of_PAC_records */
    0x06, 0x00, 0x00, 0x00, 0x00,       /* [0] Codec_ID: LC3 */
    0x13,                               /* [0] Codec_Specific_Capabilities_Length 19 */
    0x03, 0x01, 0x94, 0x00,             /* 16, 24, 48 kHz */
    0x02, 0x02, 0x23,                   /* 7.5 and 10 ms, 10 preferred */
    0x02, 0x03, 0x03,                   /* 1 or 2 channels */
    0x05, 0x04, 0x1e, 0x00, 0x9b, 0x00, /* 30..155 octets */
    0x02, 0x05, 0x02,                   /* 2 frames per SDU */
    0x04,                               /* [0] Metadata_Length */
    0x03, 0x01, 0x06, 0x00,             /* Preferred_Audio_Contexts */
    0xFF, 0x59, 0x00, 0x01, 0x00,       /* [1] Codec_ID: vendor 0x0059, codec 0x0001 */
    0x00,                               /* [1] no capabilities */
    0x00,                               /* [1] no metadata */
};

static void pac_records_decode_iterate_and_reencode(void)
{
    struct ble_pacs_pac pac;
    struct ble_pacs_it it;
    struct ble_pacs_record rec[2];
    struct ble_bap_codec_cap cap;
    uint8_t out[64];
    CHECK_EQ(ble_pacs_pac_decode(v_pac, sizeof v_pac, &pac), BLE_OK);
    CHECK_EQ(pac.num_records, 2);
    ble_pacs_it_init(&it, &pac);
    CHECK_EQ(ble_pacs_next(&it, &rec[0]), BLE_OK);
    CHECK_EQ(rec[0].codec_id[0], BLE_BAP_CODING_LC3);
    CHECK(rec[0].caps.p == v_pac + 7);
    CHECK_EQ(rec[0].caps.len, 19);
    CHECK_EQ(ble_bap_codec_cap_decode(rec[0].caps.p, rec[0].caps.len, &cap, 0), BLE_OK);
    CHECK_EQ(cap.octets_max, 155);
    CHECK_EQ(rec[0].metadata.len, 4);
    CHECK_EQ(ble_pacs_next(&it, &rec[1]), BLE_OK);
    CHECK_EQ(rec[1].codec_id[0], BLE_BAP_CODING_VENDOR);
    CHECK_EQ(rec[1].caps.len, 0);
    CHECK_EQ(ble_pacs_next(&it, &rec[1]), BLE_ERR_AGAIN);
    CHECK_EQ(ble_pacs_pac_encode(rec, 2, out, sizeof out), (int)sizeof v_pac);
    CHECK_MEM(out, v_pac, sizeof v_pac);
    memset(out, 0xA5, sizeof out);
    CHECK_EQ(ble_pacs_pac_encode(rec, 2, out, sizeof v_pac - 1), BLE_ERR_NO_SPACE);
    CHECK_EQ(out[0], 0xA5);
    CHECK_EQ(ble_pacs_pac_encode(rec, 0, out, sizeof out), BLE_ERR_PARAM);
}

static void pac_truncated_at_every_prefix_leaves_output_alone(void)
{
    size_t n;
    for (n = 0; n < sizeof v_pac; n++) {
        struct ble_pacs_pac pac, poison;
        memset(&poison, 0xA5, sizeof poison);
        pac = poison;
        CHECK_EQ(ble_pacs_pac_decode(v_pac, n, &pac), BLE_ERR_SHORT);
        CHECK_MEM(&pac, &poison, sizeof pac);
    }
}

static void pac_malformed_lists_are_refused(void)
{
    uint8_t v[sizeof v_pac + 1];
    struct ble_pacs_pac pac;
    memcpy(v, v_pac, sizeof v_pac);
    v[sizeof v_pac] = 0;
    CHECK_EQ(ble_pacs_pac_decode(v, sizeof v, &pac), BLE_ERR_TRAILING);
    v[0] = 0;
    CHECK_EQ(ble_pacs_pac_decode(v, 1, &pac), BLE_ERR_MALFORMED); /* no record */
    memcpy(v, v_pac, sizeof v_pac);
    v[7] = 0x14; /* the first capability LTV runs past its list */
    CHECK_EQ(ble_pacs_pac_decode(v, sizeof v_pac, &pac), BLE_ERR_MALFORMED);
    memcpy(v, v_pac, sizeof v_pac);
    v[27] = 0x00; /* a metadata LTV of Length 0 */
    CHECK_EQ(ble_pacs_pac_decode(v, sizeof v_pac, &pac), BLE_ERR_MALFORMED);
}

static void locations_and_contexts_values(void)
{
    static const uint8_t loc[] = { 0x03, 0x00, 0x00, 0x00 };      /* Front Left | Front Right */
    static const uint8_t ctx[] = { 0x06, 0x00, 0x02, 0x00 };      /* sink Conv|Media, source Conv */
    uint32_t l = 0xA5A5A5A5u;
    uint16_t snk = 0xA5A5, src = 0xA5A5;
    uint8_t mem[4];
    struct ble_gatt_buf b = { mem, 0, sizeof mem };
    CHECK_EQ(ble_pacs_locations_decode(loc, 4, &l), BLE_OK);
    CHECK_EQ(l, 3);
    CHECK_EQ(ble_pacs_contexts_decode(ctx, 4, &snk, &src), BLE_OK);
    CHECK_EQ(snk, 0x0006);
    CHECK_EQ(src, 0x0002);
    l = 7;
    CHECK_EQ(ble_pacs_locations_decode(loc, 3, &l), BLE_ERR_SHORT);
    CHECK_EQ(ble_pacs_locations_decode((const uint8_t *)"\x00\x00\x00\x10", 4, &l), BLE_ERR_RANGE);
    CHECK_EQ(ble_pacs_locations_decode((const uint8_t *)"\x01\x00\x00\x00\x00", 5, &l), BLE_ERR_TRAILING);
    CHECK_EQ(l, 7);
    CHECK_EQ(ble_pacs_contexts_decode((const uint8_t *)"\x00\x10\x00\x00", 4, &snk, &src), BLE_ERR_RANGE);
    CHECK_EQ(snk, 0x0006);
    CHECK_EQ(ble_pacs_locations_put(&b, 3), BLE_OK);
    CHECK_MEM(mem, loc, 4);
    CHECK_EQ(ble_pacs_contexts_put(&b, 6, 2), BLE_OK);
    CHECK_MEM(mem, ctx, 4);
    CHECK_EQ(b.len, 4);
    CHECK_EQ(ble_pacs_locations_put(&b, 0x10000000u), BLE_ERR_RANGE);
    CHECK_EQ(ble_pacs_contexts_put(&b, 0x8000, 0), BLE_ERR_RANGE);
}

/* ---- PACS on the GATT server ---- */

static uint8_t m_spac[64], m_sloc[4], m_rpac[64], m_rloc[4], m_avail[4], m_supp[4];
static struct ble_gatt_buf b_spac = { m_spac, 0, sizeof m_spac };
static struct ble_gatt_buf b_sloc = { m_sloc, 0, sizeof m_sloc };
static struct ble_gatt_buf b_rpac = { m_rpac, 0, sizeof m_rpac };
static struct ble_gatt_buf b_rloc = { m_rloc, 0, sizeof m_rloc };
static struct ble_gatt_buf b_avail = { m_avail, 0, sizeof m_avail };
static struct ble_gatt_buf b_supp = { m_supp, 0, sizeof m_supp };
static const struct ble_gatt_attr pacs_db[] = {
    BLE_PACS_ATTRS(&b_spac, &b_sloc, &b_rpac, &b_rloc, &b_avail, &b_supp),
};

struct pacs_fx {
    struct ble_gatt_srv srv;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(64)];
    uint16_t cccd[BLE_PACS_CHR_COUNT];
    struct ble_gatt_srv_event events[4];
};
static struct pacs_fx pfx;

static int att(const uint8_t *pdu, size_t len, uint8_t *out, size_t cap)
{
    CHECK_EQ(ble_gatt_srv_on_pdu(&pfx.srv, 0, pdu, len), BLE_OK);
    return ble_gatt_srv_poll_tx(&pfx.srv, out, cap);
}

static void pacs_served_and_read_back_byte_exact(void)
{
    struct ble_gatt_srv_cfg cfg;
    struct ble_pacs_pac pac;
    struct ble_pacs_it it;
    struct ble_pacs_record rec[2];
    uint8_t out[80], req[5];
    uint16_t snk, src, h;
    int n;
    CHECK_EQ(sizeof pacs_db / sizeof pacs_db[0], BLE_PACS_ATTR_COUNT);
    CHECK_EQ(ble_gatt_db_check(pacs_db, BLE_PACS_ATTR_COUNT, 0), BLE_OK);
    /* the application fills its RAM values */
    CHECK_EQ(ble_pacs_pac_decode(v_pac, sizeof v_pac, &pac), BLE_OK);
    ble_pacs_it_init(&it, &pac);
    CHECK_EQ(ble_pacs_next(&it, &rec[0]), BLE_OK);
    CHECK_EQ(ble_pacs_next(&it, &rec[1]), BLE_OK);
    n = ble_pacs_pac_encode(rec, 2, b_spac.p, b_spac.cap);
    CHECK_EQ(n, (int)sizeof v_pac);
    b_spac.len = (uint16_t)n;
    CHECK_EQ(ble_pacs_locations_put(&b_sloc, BLE_BAP_LOC_FRONT_LEFT | BLE_BAP_LOC_FRONT_RIGHT), BLE_OK);
    CHECK_EQ(ble_pacs_contexts_put(&b_avail, 0x0006, 0x0000), BLE_OK);
    CHECK_EQ(ble_pacs_contexts_put(&b_supp, 0x0007, 0x0002), BLE_OK);
    memset(&cfg, 0, sizeof cfg);
    cfg.attrs = pacs_db;
    cfg.n = BLE_PACS_ATTR_COUNT;
    cfg.mtu_max = 64;
    cfg.buf = pfx.buf;
    cfg.buf_len = sizeof pfx.buf;
    cfg.cccd = pfx.cccd;
    cfg.cccd_n = BLE_PACS_CHR_COUNT;
    cfg.events = pfx.events;
    cfg.events_n = 4;
    CHECK_EQ(ble_gatt_srv_init(&pfx.srv, &cfg), BLE_OK);
    /* PACS 3: values need an encrypted link */
    h = ble_pacs_value_handle(1, BLE_PACS_CHR_SINK_PAC);
    CHECK_EQ(h, 3);
    req[0] = BLE_ATT_READ_REQ;
    ble_put_le16(req + 1, h);
    n = att(req, 3, out, sizeof out);
    CHECK_EQ(n, 5);
    CHECK_EQ(out[0], BLE_ATT_ERROR_RSP);
    CHECK_EQ(out[4], 0x0F); /* Insufficient Encryption */
    ble_gatt_srv_set_security(&pfx.srv, BLE_GATT_SEC_ENC, 16);
    /* ATT_MTU 23: the Sink PAC (38 octets) comes back in a Read and a Read Blob */
    n = att(req, 3, out, sizeof out);
    CHECK_EQ(n, 23);
    CHECK_EQ(out[0], BLE_ATT_READ_RSP);
    CHECK_MEM(out + 1, v_pac, 22);
    req[0] = BLE_ATT_READ_BLOB_REQ;
    ble_put_le16(req + 3, 22);
    n = att(req, 5, out, sizeof out);
    CHECK_EQ(n, 1 + (int)sizeof v_pac - 22);
    CHECK_MEM(out + 1, v_pac + 22, sizeof v_pac - 22);
    /* Sink Audio Locations and Supported Audio Contexts, client-decoded */
    req[0] = BLE_ATT_READ_REQ;
    ble_put_le16(req + 1, ble_pacs_value_handle(1, BLE_PACS_CHR_SUPPORTED_CONTEXTS));
    n = att(req, 3, out, sizeof out);
    CHECK_EQ(n, 5);
    CHECK_EQ(ble_pacs_contexts_decode(out + 1, 4, &snk, &src), BLE_OK);
    CHECK_EQ(snk, 0x0007);
    CHECK_EQ(src, 0x0002);
    /* not enabled yet: no notification */
    CHECK_EQ(ble_pacs_notify(&pfx.srv, 0, 1, BLE_PACS_CHR_AVAILABLE_CONTEXTS), BLE_ERR_STATE);
    /* the client enables notifications of Available Audio Contexts (CCCD = value + 1) */
    h = ble_pacs_value_handle(1, BLE_PACS_CHR_AVAILABLE_CONTEXTS);
    CHECK_EQ(h, 15);
    req[0] = BLE_ATT_WRITE_REQ;
    ble_put_le16(req + 1, (uint16_t)(h + 1));
    req[3] = 0x01;
    req[4] = 0x00;
    n = att(req, 5, out, sizeof out);
    CHECK_EQ(n, 1);
    CHECK_EQ(out[0], BLE_ATT_WRITE_RSP);
    /* the application changes what is available, then notifies */
    CHECK_EQ(ble_pacs_contexts_put(&b_avail, 0x0002, 0x0002), BLE_OK);
    CHECK_EQ(ble_pacs_notify(&pfx.srv, 0, 1, BLE_PACS_CHR_AVAILABLE_CONTEXTS), BLE_OK);
    n = ble_gatt_srv_poll_tx(&pfx.srv, out, sizeof out);
    CHECK_EQ(n, 7);
    CHECK_EQ(out[0], BLE_ATT_HANDLE_VALUE_NTF);
    CHECK_EQ(ble_get_le16(out + 1), 15);
    CHECK_MEM(out + 3, "\x02\x00\x02\x00", 4);
    CHECK_EQ(ble_pacs_notify(&pfx.srv, 0, 1, BLE_PACS_CHR_COUNT), BLE_ERR_PARAM);
}

void suite_pacs(void)
{
    TT_RUN(pac_records_decode_iterate_and_reencode);
    TT_RUN(pac_truncated_at_every_prefix_leaves_output_alone);
    TT_RUN(pac_malformed_lists_are_refused);
    TT_RUN(locations_and_contexts_values);
    TT_RUN(pacs_served_and_read_back_byte_exact);
}
