/* blekit PACS: the Published Audio Capabilities Service 1.0: the PAC record
 * list, Audio Locations and Audio Contexts values (server encoding, client
 * decoding), and the service as an attribute table for the GATT server of
 * layers/gatt.h with its values in caller RAM.
 * SPDX-License-Identifier: Apache-2.0
 *
 *     static uint8_t sink_pac_mem[64], ...;
 *     static struct ble_gatt_buf sink_pac = { sink_pac_mem, 0, sizeof sink_pac_mem }, ...;
 *     static const struct ble_gatt_attr db[] = {
 *         BLE_PACS_ATTRS(&sink_pac, &sink_loc, &src_pac, &src_loc, &avail, &supp),
 *     };                                  // BLE_PACS_ATTR_COUNT attributes from handle 1
 *     n = ble_pacs_pac_encode(records, 2, sink_pac.p, sink_pac.cap); sink_pac.len = n;
 *     ble_pacs_contexts_put(&avail, BLE_BAP_CONTEXT_MEDIA, 0);
 *     ble_pacs_notify(&srv, now, 1, BLE_PACS_CHR_AVAILABLE_CONTEXTS); // after a change
 */
#ifndef BLE_H
#error "include ble.h, not profiles/pacs.h"
#endif

#ifndef BLE_PACS_H
#define BLE_PACS_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- UUIDs (Assigned Numbers 3.4.2, 3.8.1) ---- */
#define BLE_PACS_UUID_SERVICE 0x1850
#define BLE_PACS_UUID_SINK_PAC 0x2BC9
#define BLE_PACS_UUID_SINK_AUDIO_LOCATIONS 0x2BCA
#define BLE_PACS_UUID_SOURCE_PAC 0x2BCB
#define BLE_PACS_UUID_SOURCE_AUDIO_LOCATIONS 0x2BCC
#define BLE_PACS_UUID_AVAILABLE_AUDIO_CONTEXTS 0x2BCD
#define BLE_PACS_UUID_SUPPORTED_AUDIO_CONTEXTS 0x2BCE

/* ---- PAC records (PACS 1.0 3.1, 3.3) ------------------------------------------
 * Number_of_PAC_records, then per record: Codec_ID (5), Codec_Specific_
 * Capabilities_Length, the capability LTVs, Metadata_Length, the Metadata LTVs. */
struct ble_pacs_record {
    uint8_t codec_id[5];
    struct ble_view caps;             /* LTVs: ble_bap_codec_cap_decode() */
    struct ble_view metadata;         /* LTVs: ble_bap_meta_decode() */
};
struct ble_pacs_pac {
    uint8_t num_records;
    struct ble_view records;          /* the records' octets */
};
/* BLE_OK; BLE_ERR_SHORT; BLE_ERR_TRAILING; BLE_ERR_MALFORMED (no record, an
 * LTV list broken). *out untouched on error. */
BLE_API int ble_pacs_pac_decode(const uint8_t *p, size_t len, struct ble_pacs_pac *out);
/* n (1..255) records: length, or a negative ble_err with nothing written. */
BLE_API int ble_pacs_pac_encode(const struct ble_pacs_record *recs, size_t n, uint8_t *buf, size_t cap);

/* Zero-copy walk over a decoded PAC value. */
struct ble_pacs_it {
    struct ble_rd r;
    size_t left;
};
BLE_API void ble_pacs_it_init(struct ble_pacs_it *it, const struct ble_pacs_pac *pac);
/* BLE_OK with the next record, BLE_ERR_AGAIN after the last. */
BLE_API int ble_pacs_next(struct ble_pacs_it *it, struct ble_pacs_record *rec);

/* ---- Audio Locations (3.2, 3.4) and Audio Contexts (3.5, 3.6) ---- */
/* 4 octets of location bits: BLE_OK, BLE_ERR_SHORT / _TRAILING, BLE_ERR_RANGE
 * (bits 28..31, RFU). */
BLE_API int ble_pacs_locations_decode(const uint8_t *p, size_t len, uint32_t *out);
/* Sink then Source contexts, 2 octets each: BLE_ERR_RANGE for bits 12..15. */
BLE_API int ble_pacs_contexts_decode(const uint8_t *p, size_t len, uint16_t *sink, uint16_t *source);
/* Write a value into the RAM buffer of its characteristic (BLE_ERR_NO_SPACE
 * when cap is short, BLE_ERR_RANGE for RFU bits). */
BLE_API int ble_pacs_locations_put(struct ble_gatt_buf *b, uint32_t locations);
BLE_API int ble_pacs_contexts_put(struct ble_gatt_buf *b, uint16_t sink, uint16_t source);

/* ---- The service for the GATT server ------------------------------------------
 * BLE_PACS_ATTRS expands to BLE_PACS_ATTR_COUNT attributes: the service and
 * six characteristics, each readable (encrypted link, PACS 3) and notifiable
 * with its CCCD, values in caller RAM (struct ble_gatt_buf *), in the order
 * of enum ble_pacs_chr. Event ids are BLE_PACS_ID_BASE + the enum. */
enum ble_pacs_chr {
    BLE_PACS_CHR_SINK_PAC,
    BLE_PACS_CHR_SINK_LOCATIONS,
    BLE_PACS_CHR_SOURCE_PAC,
    BLE_PACS_CHR_SOURCE_LOCATIONS,
    BLE_PACS_CHR_AVAILABLE_CONTEXTS,
    BLE_PACS_CHR_SUPPORTED_CONTEXTS,
    BLE_PACS_CHR_COUNT
};
#define BLE_PACS_ID_BASE 0x5AC0
#define BLE_PACS_ATTR_COUNT (1 + 3 * BLE_PACS_CHR_COUNT)
#define BLE_PACS_PROPS_ (BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY)
#define BLE_PACS_CHR_(uuid, buf, k)                                                        \
    BLE_GATT_CHARACTERISTIC(uuid, BLE_PACS_PROPS_, BLE_GATT_PERM_READ_ENC,                 \
                            BLE_GATT_VAL_RAM(buf, BLE_PACS_ID_BASE + (k))),                \
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE_ENC)
#define BLE_PACS_ATTRS(sink_pac, sink_loc, src_pac, src_loc, avail, supp)                  \
    BLE_GATT_PRIMARY_SERVICE(BLE_PACS_UUID_SERVICE),                                       \
    BLE_PACS_CHR_(BLE_PACS_UUID_SINK_PAC, sink_pac, 0),                                    \
    BLE_PACS_CHR_(BLE_PACS_UUID_SINK_AUDIO_LOCATIONS, sink_loc, 1),                        \
    BLE_PACS_CHR_(BLE_PACS_UUID_SOURCE_PAC, src_pac, 2),                                   \
    BLE_PACS_CHR_(BLE_PACS_UUID_SOURCE_AUDIO_LOCATIONS, src_loc, 3),                       \
    BLE_PACS_CHR_(BLE_PACS_UUID_AVAILABLE_AUDIO_CONTEXTS, avail, 4),                       \
    BLE_PACS_CHR_(BLE_PACS_UUID_SUPPORTED_AUDIO_CONTEXTS, supp, 5)
/* The value handle of a characteristic when the service starts at `first`. */
static inline uint16_t ble_pacs_value_handle(uint16_t first, unsigned chr)
{
    return (uint16_t)(first + 2u + 3u * chr);
}
/* Notifies the current value of a characteristic (after the application
 * changed its buffer): ble_gatt_srv_notify()'s result; BLE_ERR_STATE when the
 * client has not enabled it. */
BLE_API int ble_pacs_notify(struct ble_gatt_srv *srv, uint32_t now, uint16_t first, unsigned chr);

#ifdef __cplusplus
}
#endif

#endif /* BLE_PACS_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_PACS_IMPL)
#define BLE_PACS_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* One record from r; with check, its LTV lists are validated. */
static int ble_pacs_rec_rd_(struct ble_rd *r, struct ble_pacs_record *rec, int check)
{
    ble_rd_copy(r, rec->codec_id, 5);
    rec->caps = ble_rd_view(r, ble_rd_u8(r));
    rec->metadata = ble_rd_view(r, ble_rd_u8(r));
    if (!r->err && check &&
        (ble_ltv_check(rec->caps.p, rec->caps.len, 0, 0) != BLE_OK ||
         ble_ltv_check(rec->metadata.p, rec->metadata.len, 0, 0) != BLE_OK))
        ble_rd_fail(r, BLE_ERR_MALFORMED);
    return r->err;
}

BLE_DEF int ble_pacs_pac_decode(const uint8_t *p, size_t len, struct ble_pacs_pac *out)
{
    struct ble_rd r;
    struct ble_pacs_pac pac;
    struct ble_pacs_record rec;
    size_t i;
    if (!out || (len && !p))
        return BLE_ERR_PARAM;
    ble_rd_init(&r, p, len);
    pac.num_records = ble_rd_u8(&r);
    if (r.err)
        return r.err;
    if (pac.num_records == 0)
        return BLE_ERR_MALFORMED;
    pac.records = ble_view_make(r.p + r.pos, ble_rd_left(&r));
    for (i = 0; i < pac.num_records && !r.err; i++)
        ble_pacs_rec_rd_(&r, &rec, 1);
    if (ble_rd_end(&r) != BLE_OK)
        return ble_rd_end(&r);
    *out = pac;
    return BLE_OK;
}

static int ble_pacs_pac_wr_(struct ble_wr *w, const struct ble_pacs_record *recs, size_t n)
{
    size_t i;
    if (n == 0 || n > 255 || !recs)
        return BLE_ERR_PARAM;
    ble_wr_u8(w, (uint8_t)n);
    for (i = 0; i < n; i++) {
        const struct ble_pacs_record *x = &recs[i];
        if (x->caps.len > 255 || x->metadata.len > 255 ||
            ble_ltv_check(x->caps.p, x->caps.len, 0, 0) != BLE_OK ||
            ble_ltv_check(x->metadata.p, x->metadata.len, 0, 0) != BLE_OK)
            return BLE_ERR_MALFORMED;
        ble_wr_bytes(w, x->codec_id, 5);
        ble_wr_u8(w, (uint8_t)x->caps.len);
        ble_wr_bytes(w, x->caps.p, x->caps.len);
        ble_wr_u8(w, (uint8_t)x->metadata.len);
        ble_wr_bytes(w, x->metadata.p, x->metadata.len);
    }
    return ble_wr_done(w);
}

BLE_DEF int ble_pacs_pac_encode(const struct ble_pacs_record *recs, size_t n, uint8_t *buf, size_t cap)
{
    struct ble_wr w;
    int rc;
    ble_wr_init_count(&w);
    rc = ble_pacs_pac_wr_(&w, recs, n);
    if (rc < 0)
        return rc;
    if ((size_t)rc > cap)
        return BLE_ERR_NO_SPACE;
    ble_wr_init(&w, buf, cap);
    return ble_pacs_pac_wr_(&w, recs, n);
}

BLE_DEF void ble_pacs_it_init(struct ble_pacs_it *it, const struct ble_pacs_pac *pac)
{
    ble_rd_init(&it->r, pac->records.p, pac->records.len);
    it->left = pac->num_records;
}

BLE_DEF int ble_pacs_next(struct ble_pacs_it *it, struct ble_pacs_record *rec)
{
    struct ble_rd r = it->r;
    struct ble_pacs_record x;
    if (!it->left || ble_pacs_rec_rd_(&r, &x, 0) != BLE_OK)
        return BLE_ERR_AGAIN;
    it->r = r;
    it->left--;
    *rec = x;
    return BLE_OK;
}

BLE_DEF int ble_pacs_locations_decode(const uint8_t *p, size_t len, uint32_t *out)
{
    uint32_t v;
    if (!out || (len && !p))
        return BLE_ERR_PARAM;
    if (len < 4)
        return BLE_ERR_SHORT;
    if (len > 4)
        return BLE_ERR_TRAILING;
    v = ble_get_le32(p);
    if (v & BLE_BAP_LOCATION_RFU)
        return BLE_ERR_RANGE;
    *out = v;
    return BLE_OK;
}

BLE_DEF int ble_pacs_contexts_decode(const uint8_t *p, size_t len, uint16_t *sink, uint16_t *source)
{
    uint16_t a, b;
    if (!sink || !source || (len && !p))
        return BLE_ERR_PARAM;
    if (len < 4)
        return BLE_ERR_SHORT;
    if (len > 4)
        return BLE_ERR_TRAILING;
    a = ble_get_le16(p);
    b = ble_get_le16(p + 2);
    if ((a | b) & BLE_BAP_CONTEXT_RFU)
        return BLE_ERR_RANGE;
    *sink = a;
    *source = b;
    return BLE_OK;
}

BLE_DEF int ble_pacs_locations_put(struct ble_gatt_buf *b, uint32_t locations)
{
    if (!b || !b->p)
        return BLE_ERR_PARAM;
    if (locations & BLE_BAP_LOCATION_RFU)
        return BLE_ERR_RANGE;
    if (b->cap < 4)
        return BLE_ERR_NO_SPACE;
    ble_put_le32(b->p, locations);
    b->len = 4;
    return BLE_OK;
}

BLE_DEF int ble_pacs_contexts_put(struct ble_gatt_buf *b, uint16_t sink, uint16_t source)
{
    if (!b || !b->p)
        return BLE_ERR_PARAM;
    if ((sink | source) & BLE_BAP_CONTEXT_RFU)
        return BLE_ERR_RANGE;
    if (b->cap < 4)
        return BLE_ERR_NO_SPACE;
    ble_put_le16(b->p, sink);
    ble_put_le16(b->p + 2, source);
    b->len = 4;
    return BLE_OK;
}

BLE_DEF int ble_pacs_notify(struct ble_gatt_srv *srv, uint32_t now, uint16_t first, unsigned chr)
{
    if (chr >= BLE_PACS_CHR_COUNT)
        return BLE_ERR_PARAM;
    return ble_gatt_srv_notify(srv, now, ble_pacs_value_handle(first, chr), 0, 0);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
