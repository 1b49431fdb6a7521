/* bledump: decodes a Bluetooth HCI capture through every layer the kit knows.
 *
 *   bledump [-v] [--json] FILE      btsnoop (H1, H4 or monitor datalink) or pcap
 *                                   (Bluetooth H4 link types 187 and 201)
 *   bledump --list                  every command, event, LE subevent and
 *                                   signaling code the kit decodes
 *
 * One line per packet; -v prints every field on its own line; --json prints
 * JSON Lines (see README: "bledump"). Whatever a packet holds, it gets a line:
 * what does not decode says why, and the closing summary on stderr counts it.
 * Exit status: 0 decoded, 1 the file is not a capture or is cut short, 2 usage.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#include "../ble.h"

#include <stdio.h>
#include <errno.h>
#include <string.h>

#define LINE_MAX_ 16384

enum out_mode { OUT_LINE, OUT_VERBOSE, OUT_JSON };

#define GATT_LINKS 16
#define GATT_ATTRS 128
#define PA_FRAGS 4

/* One link's attributes: value and descriptor handles with their 16-bit
 * UUIDs, from Read By Type (characteristic declarations) and Find
 * Information responses; and the request each direction has outstanding,
 * which a Read Response answers without naming the handle. */
struct gatt_link {
    uint16_t acl;                 /* 0: free */
    uint16_t mtu;                 /* ATT_MTU: the smaller of the two exchanged */
    uint16_t mtu_req;
    uint16_t read_handle[2];      /* Read / Read Blob sent in direction i (0: none) */
    uint16_t rbt_type[2];         /* Read By Type sent in direction i: its 16-bit type */
    unsigned n;
    struct { uint16_t handle, uuid; } a[GATT_ATTRS];
};

struct pa_frag {
    uint8_t used;
    uint16_t sync_handle;
    size_t len;
    uint8_t buf[1650];            /* the most periodic advertising data can hold */
};

struct dump {
    enum out_mode mode;
    uint64_t first_ts; /* microseconds */
    int have_first;
    unsigned long packets, errors, skipped;
    /* L2CAP recombination, one per direction, up to 16 links each */
    struct ble_l2cap_rx rx[2];
    struct ble_l2cap_rx_slot slots[2][16];
    uint8_t store[2][16][4 + 65535];
    /* GATT by handle: what discovery on each link showed */
    struct gatt_link links[GATT_LINKS];
    /* periodic advertising data gathered from fragments, per sync handle */
    struct pa_frag pa[PA_FRAGS];
};

static char line[LINE_MAX_];

/* ---- output helpers ---- */

static void put_err(struct ble_str *s, struct dump *d, const char *what, int rc)
{
    d->errors++;
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"error\":\"");
        ble_str_puts(s, what);
        ble_str_puts(s, ": ");
        ble_str_puts(s, ble_err_name(rc));
        ble_str_putc(s, '"');
        return;
    }
    ble_str_puts(s, " !");
    ble_str_puts(s, what);
    ble_str_puts(s, ": ");
    ble_str_puts(s, ble_strerror(rc));
    ble_str_puts(s, " (");
    ble_str_puts(s, ble_err_name(rc));
    ble_str_putc(s, ')');
}

/* 0 for a PDU without parameters (its fields are all markers). */
static int has_fields(const struct ble_pdu_desc *desc)
{
    size_t i;
    for (i = 0; i < desc->nfields && desc->fields[i].kind == BLE_FK_NONE; i++) {
    }
    return i < desc->nfields;
}

/* "name" then the PDU's fields, in the mode's form. */
static void put_pdu(struct ble_str *s, struct dump *d, const char *key, const struct ble_pdu_desc *desc,
                    const void *pdu)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":");
        ble_pdu_print(desc, pdu, s, BLE_PRINT_JSON);
        return;
    }
    if (d->mode == OUT_LINE) {
        if (!has_fields(desc))
            return; /* a PDU without parameters: nothing follows its name */
        ble_str_putc(s, ' ');
    }
    ble_pdu_print(desc, pdu, s, d->mode == OUT_VERBOSE ? BLE_PRINT_MULTILINE : 0);
}

static void put_name(struct ble_str *s, struct dump *d, const char *key, const char *name)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":\"");
        ble_str_puts(s, name);
        ble_str_putc(s, '"');
    } else {
        ble_str_putc(s, ' ');
        ble_str_puts(s, name);
    }
}

static void put_hex_field(struct ble_str *s, struct dump *d, const char *key, unsigned v, unsigned digits)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":");
        ble_str_udec(s, v);
    } else {
        ble_str_putc(s, ' ');
        ble_str_puts(s, key);
        ble_str_putc(s, '=');
        ble_str_hex(s, v, digits);
    }
}

/* ---- objects and lists inside a packet's output ----
 * A list is a JSON array under its key, or "key[i]:" items on the line (on
 * their own lines with -v); an item's fields are a JSON object, or
 * "name=value" pairs. */

struct obj {
    int first;
};

static void list_open(struct ble_str *s, struct dump *d, const char *key)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":[");
    }
}

static void list_close(struct ble_str *s, struct dump *d)
{
    if (d->mode == OUT_JSON)
        ble_str_putc(s, ']');
}

/* Item i of a list: its prefix, and an object for its fields. */
static void item_open(struct ble_str *s, struct dump *d, const char *key, unsigned i, struct obj *o)
{
    o->first = 1;
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, i ? ",{" : "{");
        return;
    }
    ble_str_puts(s, d->mode == OUT_VERBOSE ? "\n  " : " ");
    ble_str_puts(s, key);
    ble_str_putc(s, '[');
    ble_str_udec(s, i);
    ble_str_puts(s, "]:");
}

static void item_close(struct ble_str *s, struct dump *d)
{
    if (d->mode == OUT_JSON)
        ble_str_putc(s, '}');
}

static void f_key(struct ble_str *s, struct dump *d, struct obj *o, const char *key)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, o->first ? "\"" : ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":");
    } else {
        ble_str_putc(s, ' ');
        ble_str_puts(s, key);
        ble_str_putc(s, '=');
    }
    o->first = 0;
}

static void f_hex(struct ble_str *s, struct dump *d, struct obj *o, const char *key, unsigned long v, unsigned digits)
{
    f_key(s, d, o, key);
    if (d->mode == OUT_JSON)
        ble_str_udec(s, v);
    else
        ble_str_hex(s, v, digits);
}

static void f_dec(struct ble_str *s, struct dump *d, struct obj *o, const char *key, unsigned long v)
{
    f_key(s, d, o, key);
    ble_str_udec(s, v);
}

static void f_bytes(struct ble_str *s, struct dump *d, struct obj *o, const char *key, struct ble_view v)
{
    f_key(s, d, o, key);
    if (d->mode == OUT_JSON) {
        ble_str_putc(s, '"');
        ble_str_hexbytes(s, v.p, v.len);
        ble_str_putc(s, '"');
        return;
    }
    ble_str_putc(s, '[');
    ble_str_udec(s, v.len);
    ble_str_putc(s, ']');
    ble_str_hexbytes(s, v.p, v.len);
}

static void f_str(struct ble_str *s, struct dump *d, struct obj *o, const char *key, const char *v)
{
    f_key(s, d, o, key);
    if (d->mode == OUT_JSON)
        ble_str_putc(s, '"');
    ble_str_puts(s, v);
    if (d->mode == OUT_JSON)
        ble_str_putc(s, '"');
}

/* A list inside an object: a JSON array under key, or key[i] items. */
static void f_list_open(struct ble_str *s, struct dump *d, struct obj *o, const char *key)
{
    if (d->mode == OUT_JSON) {
        f_key(s, d, o, key);
        ble_str_putc(s, '[');
    }
}

static void f_list_close(struct ble_str *s, struct dump *d)
{
    if (d->mode == OUT_JSON)
        ble_str_putc(s, ']');
}

/* A decoded structure as one item's fields (the table printer's form). */
static void f_pdu(struct ble_str *s, struct dump *d, struct obj *o, const struct ble_pdu_desc *desc, const void *pdu)
{
    if (d->mode == OUT_JSON) {
        f_key(s, d, o, "fields");
        ble_pdu_print(desc, pdu, s, BLE_PRINT_JSON);
        return;
    }
    ble_str_putc(s, ' ');
    ble_pdu_print(desc, pdu, s, 0);
    o->first = 0;
}

/* A note on a part that is not decoded now ("key: text"). */
static void put_note(struct ble_str *s, struct dump *d, const char *key, const char *text)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":\"");
        ble_str_puts(s, text);
        ble_str_putc(s, '"');
        return;
    }
    ble_str_putc(s, ' ');
    ble_str_puts(s, key);
    ble_str_puts(s, ": ");
    ble_str_puts(s, text);
}

/* ---- LC3 and metadata LTVs (Assigned Numbers 6.12.4-6.12.6) as fields ---- */

static void f_ltv_error(struct ble_str *s, struct dump *d, struct obj *o, const char *key, int rc)
{
    d->errors++;
    f_str(s, d, o, key, ble_err_name(rc));
}

/* An LC3 Codec_Specific_Configuration: the Types present, named. */
static void f_lc3_cfg(struct ble_str *s, struct dump *d, struct obj *o, struct ble_view v)
{
    struct ble_bap_codec_cfg c;
    int rc;
    memset(&c, 0, sizeof c);
    rc = ble_bap_codec_cfg_decode(v.p, v.len, &c, 0);
    if (rc != BLE_OK) {
        f_ltv_error(s, d, o, "lc3_configuration_error", rc);
        return;
    }
    if (c.present & (1u << 0x01))
        f_dec(s, d, o, "sampling_frequency_hz", ble_bap_freq_hz(c.sampling_frequency));
    if (c.present & (1u << 0x02))
        f_str(s, d, o, "frame_duration", c.frame_duration ? "10 ms" : "7.5 ms");
    if (c.present & (1u << 0x03))
        f_hex(s, d, o, "audio_channel_allocation", c.audio_channel_allocation, 8);
    if (c.present & (1u << 0x04))
        f_dec(s, d, o, "octets_per_codec_frame", c.octets_per_codec_frame);
    if (c.present & (1u << 0x05))
        f_dec(s, d, o, "codec_frame_blocks_per_sdu", c.codec_frame_blocks_per_sdu);
}

/* LC3 Codec_Specific_Capabilities. */
static void f_lc3_cap(struct ble_str *s, struct dump *d, struct obj *o, struct ble_view v)
{
    struct ble_bap_codec_cap c;
    int rc;
    memset(&c, 0, sizeof c);
    rc = ble_bap_codec_cap_decode(v.p, v.len, &c, 0);
    if (rc != BLE_OK) {
        f_ltv_error(s, d, o, "lc3_capabilities_error", rc);
        return;
    }
    if (c.present & (1u << BLE_BAP_CAP_SAMPLING_FREQUENCIES))
        f_hex(s, d, o, "supported_sampling_frequencies", c.sampling_frequencies, 4);
    if (c.present & (1u << BLE_BAP_CAP_FRAME_DURATIONS))
        f_hex(s, d, o, "supported_frame_durations", c.frame_durations, 2);
    if (c.present & (1u << BLE_BAP_CAP_AUDIO_CHANNEL_COUNTS))
        f_hex(s, d, o, "supported_audio_channel_counts", c.audio_channel_counts, 2);
    if (c.present & (1u << BLE_BAP_CAP_OCTETS_PER_CODEC_FRAME)) {
        f_dec(s, d, o, "octets_per_codec_frame_min", c.octets_min);
        f_dec(s, d, o, "octets_per_codec_frame_max", c.octets_max);
    }
    if (c.present & (1u << BLE_BAP_CAP_MAX_CODEC_FRAMES_PER_SDU))
        f_dec(s, d, o, "max_codec_frames_per_sdu", c.max_codec_frames_per_sdu);
}

/* Metadata: each LTV under its Type's name (lower case); the context
 * bitfields as numbers, the other values as octets. */
static void f_meta(struct ble_str *s, struct dump *d, struct obj *o, struct ble_view v)
{
    struct ble_rd r;
    uint8_t type;
    struct ble_view val;
    int rc;
    ble_rd_init(&r, v.p, v.len);
    while ((rc = ble_ltv_next(&r, &type, &val)) == BLE_OK) {
        char key[48];
        const char *name = ble_bap_meta_name(type);
        size_t i;
        if (name && *name) {
            for (i = 0; name[i] && i + 1 < sizeof key; i++)
                key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
            key[i] = 0;
        } else {
            sprintf(key, "metadata_type_0x%02x", type);
        }
        if ((type == 0x01 || type == 0x02) && val.len == 2) /* Preferred/Streaming_Audio_Contexts */
            f_hex(s, d, o, key, ble_get_le16(val.p), 4);
        else
            f_bytes(s, d, o, key, val);
    }
    if (rc != BLE_ERR_AGAIN)
        f_ltv_error(s, d, o, "metadata_error", rc);
}

/* ---- advertising data (Core Supplement Part A) and LE Audio service data ---- */

/* BAP 1.0 3.5.3 (ASCS), 3.7.2.1 (Broadcast Audio Announcement), 3.7.2.2
 * (Basic Audio Announcement: the BASE). p: the Service Data's UUID and data.
 * 1 when the UUID is one of these (printed, or its error put), else 0. */
static int put_bap_svc(struct ble_str *s, struct dump *d, const char *key, unsigned i, const uint8_t *p, size_t n)
{
    struct obj o;
    uint16_t uuid = n >= 2 ? ble_get_le16(p) : 0;
    int rc = BLE_OK;
    if (uuid == BLE_BAP_UUID_BROADCAST_AUDIO_ANNOUNCEMENT) {
        uint32_t id = 0;
        rc = ble_bap_broadcast_announcement_decode(p, n, &id);
        if (rc == BLE_OK) {
            item_open(s, d, key, i, &o);
            f_str(s, d, &o, "announcement", "Broadcast Audio Announcement");
            f_hex(s, d, &o, "broadcast_id", id, 6);
            item_close(s, d);
        }
    } else if (uuid == BLE_BAP_UUID_BASIC_AUDIO_ANNOUNCEMENT) {
        struct ble_bap_base base;
        rc = ble_bap_basic_announcement_decode(p, n, &base);
        if (rc == BLE_OK) {
            struct ble_bap_base_it it, bit;
            struct ble_bap_subgroup sg;
            struct ble_bap_bis bis;
            unsigned k = 0;
            item_open(s, d, key, i, &o);
            f_str(s, d, &o, "announcement", "Basic Audio Announcement");
            f_dec(s, d, &o, "presentation_delay_us", base.presentation_delay);
            f_dec(s, d, &o, "num_subgroups", base.num_subgroups);
            f_list_open(s, d, &o, "subgroups");
            ble_bap_base_it_init(&it, &base);
            while (ble_bap_subgroup_next(&it, &sg) == BLE_OK) {
                struct obj g, b;
                unsigned j = 0;
                item_open(s, d, "subgroups", k++, &g);
                f_dec(s, d, &g, "num_bis", sg.num_bis);
                f_bytes(s, d, &g, "codec_id", ble_view_make(sg.codec_id, 5));
                f_bytes(s, d, &g, "codec_specific_configuration", sg.codec_cfg);
                if (sg.codec_id[0] == 0x06)
                    f_lc3_cfg(s, d, &g, sg.codec_cfg);
                f_bytes(s, d, &g, "metadata", sg.metadata);
                f_meta(s, d, &g, sg.metadata);
                f_list_open(s, d, &g, "bis");
                ble_bap_bis_it_init(&bit, &sg);
                while (ble_bap_bis_next(&bit, &bis) == BLE_OK) {
                    item_open(s, d, "bis", j++, &b);
                    f_dec(s, d, &b, "bis_index", bis.index);
                    f_bytes(s, d, &b, "codec_specific_configuration", bis.codec_cfg);
                    if (sg.codec_id[0] == 0x06)
                        f_lc3_cfg(s, d, &b, bis.codec_cfg);
                    item_close(s, d);
                }
                f_list_close(s, d);
                item_close(s, d);
            }
            f_list_close(s, d);
            item_close(s, d);
        }
    } else if (uuid == BLE_ASCS_UUID_SERVICE) {
        /* Announcement_Type, Available_Audio_Contexts (sink, source),
         * Metadata_Length, Metadata */
        if (n < 2 + 1 + 4 + 1)
            rc = BLE_ERR_SHORT;
        else if (n != 2u + 1 + 4 + 1 + p[7])
            rc = n < 2u + 1 + 4 + 1 + p[7] ? BLE_ERR_SHORT : BLE_ERR_TRAILING;
        else {
            item_open(s, d, key, i, &o);
            f_str(s, d, &o, "announcement", p[2] == 0x00 ? "General Announcement" : p[2] == 0x01 ?
                  "Targeted Announcement" : "reserved announcement type");
            f_hex(s, d, &o, "sink_contexts", ble_get_le16(p + 3), 4);
            f_hex(s, d, &o, "source_contexts", ble_get_le16(p + 5), 4);
            f_bytes(s, d, &o, "metadata", ble_view_make(p + 8, p[7]));
            f_meta(s, d, &o, ble_view_make(p + 8, p[7]));
            item_close(s, d);
        }
    } else {
        return 0;
    }
    if (rc != BLE_OK && d->mode == OUT_JSON) { /* an element of the list */
        d->errors++;
        item_open(s, d, key, i, &o);
        f_str(s, d, &o, "error", ble_err_name(rc));
        item_close(s, d);
    } else if (rc != BLE_OK) {
        put_err(s, d, "BAP service data", rc);
    }
    return 1;
}

/* The AD structures of one report's data, then the LE Audio service data
 * among them. */
static void put_ad(struct ble_str *s, struct dump *d, const char *prefix, const uint8_t *p, size_t n)
{
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct a;
    int rc;
    unsigned i = 0, k = 0, bap = 0;
    char key[32], bkey[32];
    sprintf(key, "%.20sad", prefix);
    sprintf(bkey, "%.20sbap", prefix);
    ble_gap_ad_it_init(&it, p, n);
    list_open(s, d, key);
    while ((rc = ble_gap_ad_next(&it, &a)) > 0) {
        if (d->mode == OUT_JSON) {
            if (i)
                ble_str_putc(s, ',');
        } else {
            ble_str_puts(s, d->mode == OUT_VERBOSE ? "\n  " : " ");
            ble_str_puts(s, key);
            ble_str_putc(s, '[');
            ble_str_udec(s, i);
            ble_str_puts(s, "]: ");
        }
        ble_gap_ad_print(a.type, a.data.p, a.data.len, s, d->mode == OUT_JSON ? BLE_PRINT_JSON : 0);
        i++;
    }
    list_close(s, d);
    if (rc < 0)
        put_err(s, d, "advertising data", rc);
    /* LE Audio service data (AD type 0x16, Service Data - 16-bit UUID) */
    ble_gap_ad_it_init(&it, p, n);
    while (ble_gap_ad_next(&it, &a) > 0) {
        if (a.type != 0x16)
            continue;
        if (d->mode == OUT_JSON && !bap) {
            list_open(s, d, bkey);
            bap = 1;
        }
        k += (unsigned)put_bap_svc(s, d, bkey, k, a.data.p, a.data.len);
    }
    if (bap)
        list_close(s, d);
}

/* Periodic advertising data arrives in fragments (Data_Status 0x01: more
 * to come): gathered per sync handle, decoded when whole. */
static void put_pa_data(struct ble_str *s, struct dump *d, uint16_t sync, uint8_t status, struct ble_view data)
{
    struct pa_frag *f = 0, *free_slot = 0;
    size_t i;
    for (i = 0; i < PA_FRAGS; i++) {
        if (d->pa[i].used && d->pa[i].sync_handle == sync)
            f = &d->pa[i];
        else if (!d->pa[i].used && !free_slot)
            free_slot = &d->pa[i];
    }
    if (status == 0x00 && !f) {
        put_ad(s, d, "", data.p, data.len);
        return;
    }
    if (!f) {
        if (!free_slot) {
            put_note(s, d, "ad", "(fragment; too many periodic trains gathering)");
            return;
        }
        f = free_slot;
        f->used = 1;
        f->sync_handle = sync;
        f->len = 0;
    }
    if (f->len + data.len > sizeof f->buf) {
        f->used = 0;
        put_err(s, d, "periodic advertising data", BLE_ERR_TOO_LONG);
        return;
    }
    memcpy(f->buf + f->len, data.p, data.len);
    f->len += data.len;
    if (status == 0x01) {
        put_note(s, d, "ad", "(fragment)");
        return;
    }
    f->used = 0;
    if (status == 0x00)
        put_ad(s, d, "", f->buf, f->len);
    else
        put_note(s, d, "ad", "(truncated: the controller gave up on the rest)");
}

static void put_reports_ad(struct ble_str *s, struct dump *d, uint8_t sub, const union ble_hci_le_evt_params *u)
{
    size_t i;
    char key[24];
    if (sub == BLE_HCI_LE_EVT_ADV_REPORT) {
        struct ble_hci_le_evt_adv_report_entry e;
        for (i = 0; ble_arr_get(&u->adv_report.reports, &ble_hci_le_evt_adv_report_entry_desc, i, &e) == BLE_OK; i++) {
            sprintf(key, "reports[%u].", (unsigned)i);
            put_ad(s, d, key, e.data.p, e.data.len);
        }
    } else if (sub == BLE_HCI_LE_EVT_EXT_ADV_REPORT) {
        struct ble_hci_le_evt_ext_adv_report_entry e;
        for (i = 0; ble_arr_get(&u->ext_adv_report.reports, &ble_hci_le_evt_ext_adv_report_entry_desc, i, &e) == BLE_OK;
             i++) {
            sprintf(key, "reports[%u].", (unsigned)i);
            /* Event_Type bits 5-6 (7.7.65.13): 01 more data to come, 10 truncated */
            if (((e.event_type >> 5) & 3) != 0)
                put_note(s, d, "ad", "(fragment)");
            else
                put_ad(s, d, key, e.data.p, e.data.len);
        }
    } else if (sub == BLE_HCI_LE_EVT_PA_REPORT) {
        put_pa_data(s, d, u->pa_report.sync_handle, u->pa_report.data_status, u->pa_report.data);
    } else if (sub == BLE_HCI_LE_EVT_PA_REPORT_V2) {
        put_pa_data(s, d, u->pa_report_v2.sync_handle, u->pa_report_v2.data_status, u->pa_report_v2.data);
    }
}

/* ---- GATT by handle: characteristic values named and decoded ---- */

static struct gatt_link *gatt_link(struct dump *d, uint16_t acl)
{
    size_t i;
    struct gatt_link *free_link = 0;
    for (i = 0; i < GATT_LINKS; i++) {
        if (d->links[i].acl == acl + 1u)
            return &d->links[i];
        if (!d->links[i].acl && !free_link)
            free_link = &d->links[i];
    }
    if (free_link) {
        memset(free_link, 0, sizeof *free_link);
        free_link->acl = (uint16_t)(acl + 1u); /* 0 marks a free entry */
        free_link->mtu = 23;                    /* ATT_MTU before an exchange (Vol 3 Part F 3.2.8) */
    }
    return free_link;
}

static void gatt_link_down(struct dump *d, uint16_t acl)
{
    size_t i;
    for (i = 0; i < GATT_LINKS; i++)
        if (d->links[i].acl == acl + 1u)
            d->links[i].acl = 0;
}

static void gatt_add(struct gatt_link *l, uint16_t handle, uint16_t uuid)
{
    unsigned i;
    for (i = 0; i < l->n && l->a[i].handle != handle; i++)
        ;
    if (i == l->n) {
        if (l->n == GATT_ATTRS)
            return; /* a larger database: the rest goes unnamed */
        l->n++;
    }
    l->a[i].handle = handle;
    l->a[i].uuid = uuid;
}

static uint16_t gatt_uuid(const struct gatt_link *l, uint16_t handle)
{
    unsigned i;
    for (i = 0; i < l->n; i++)
        if (l->a[i].handle == handle)
            return l->a[i].uuid;
    return 0;
}

/* The characteristics and descriptors whose values bledump decodes. */
static const char *gatt_name(uint16_t uuid)
{
    switch (uuid) {
    case 0x2902: return "Client Characteristic Configuration";
    case BLE_ASCS_UUID_SINK_ASE: return "Sink ASE";
    case BLE_ASCS_UUID_SOURCE_ASE: return "Source ASE";
    case BLE_ASCS_UUID_ASE_CP: return "ASE Control Point";
    case BLE_PACS_UUID_SINK_PAC: return "Sink PAC";
    case BLE_PACS_UUID_SINK_AUDIO_LOCATIONS: return "Sink Audio Locations";
    case BLE_PACS_UUID_SOURCE_PAC: return "Source PAC";
    case BLE_PACS_UUID_SOURCE_AUDIO_LOCATIONS: return "Source Audio Locations";
    case BLE_PACS_UUID_AVAILABLE_AUDIO_CONTEXTS: return "Available Audio Contexts";
    case BLE_PACS_UUID_SUPPORTED_AUDIO_CONTEXTS: return "Supported Audio Contexts";
    default: return 0;
    }
}

/* The LTVs of a Control Point operation's ASEs, named: the LC3
 * configuration of Config Codec, the metadata of Enable / Update Metadata. */
static void put_cp_ltvs(struct ble_str *s, struct dump *d, struct obj *o, const struct ble_ascs_cp_write *w)
{
    size_t i;
    struct obj a;
    if (w->opcode == BLE_ASCS_OP_CONFIG_CODEC) {
        struct ble_ascs_codec_ase e;
        f_list_open(s, d, o, "lc3");
        for (i = 0; ble_arr_get(&w->p.config_codec.ases, &ble_ascs_codec_ase_desc, i, &e) == BLE_OK; i++) {
            item_open(s, d, "lc3", (unsigned)i, &a);
            f_dec(s, d, &a, "ase_id", e.ase_id);
            if (e.codec_id[0] == 0x06)
                f_lc3_cfg(s, d, &a, e.codec_specific_configuration);
            item_close(s, d);
        }
        f_list_close(s, d);
    } else if (w->opcode == BLE_ASCS_OP_ENABLE || w->opcode == BLE_ASCS_OP_UPDATE_METADATA) {
        struct ble_ascs_meta_ase e;
        const struct ble_arr *arr = w->opcode == BLE_ASCS_OP_ENABLE ? &w->p.enable.ases : &w->p.update_metadata.ases;
        f_list_open(s, d, o, "metadata");
        for (i = 0; ble_arr_get(arr, &ble_ascs_meta_ase_desc, i, &e) == BLE_OK; i++) {
            item_open(s, d, "metadata", (unsigned)i, &a);
            f_dec(s, d, &a, "ase_id", e.ase_id);
            f_meta(s, d, &a, e.metadata);
            item_close(s, d);
        }
        f_list_close(s, d);
    }
}

/* One value of a known attribute. write: it goes to the server (a Control
 * Point operation), else it comes from it. complete: 0 for a Read Response
 * that filled ATT_MTU, whose rest a Read Blob may fetch. */
static void put_gatt_value(struct ble_str *s, struct dump *d, uint16_t uuid, int write, struct ble_view v,
                           int complete)
{
    const char *name = gatt_name(uuid);
    struct obj o;
    int rc = BLE_OK;
    if (!name)
        return;
    o.first = 1;
    if (d->mode == OUT_JSON)
        ble_str_puts(s, ",\"gatt\":{");
    else
        ble_str_puts(s, d->mode == OUT_VERBOSE ? "\n  gatt:" : " gatt:");
    f_str(s, d, &o, "characteristic", name);
    switch (uuid) {
    case 0x2902:
        if (v.len != 2)
            rc = v.len < 2 ? BLE_ERR_SHORT : BLE_ERR_TRAILING;
        else
            f_hex(s, d, &o, "cccd", ble_get_le16(v.p), 4);
        break;
    case BLE_ASCS_UUID_SINK_ASE:
    case BLE_ASCS_UUID_SOURCE_ASE: {
        struct ble_ascs_ase_value a;
        rc = ble_ascs_ase_value_decode(v.p, v.len, &a);
        if (rc == BLE_OK) {
            f_dec(s, d, &o, "ase_id", a.ase_id);
            f_str(s, d, &o, "ase_state", ble_ascs_state_name(a.state));
            if (has_fields(&ble_ascs_state_descs[a.state]))
                f_pdu(s, d, &o, &ble_ascs_state_descs[a.state], &a.p);
            if (a.state == BLE_ASCS_STATE_CODEC_CONFIGURED && a.p.codec_configured.codec_id[0] == 0x06)
                f_lc3_cfg(s, d, &o, a.p.codec_configured.codec_specific_configuration);
            else if (a.state == BLE_ASCS_STATE_ENABLING)
                f_meta(s, d, &o, a.p.enabling.metadata);
            else if (a.state == BLE_ASCS_STATE_STREAMING)
                f_meta(s, d, &o, a.p.streaming.metadata);
            else if (a.state == BLE_ASCS_STATE_DISABLING)
                f_meta(s, d, &o, a.p.disabling.metadata);
        }
        break;
    }
    case BLE_ASCS_UUID_ASE_CP:
        if (write) {
            struct ble_ascs_cp_write w;
            rc = ble_ascs_cp_write_decode(v.p, v.len, &w);
            if (rc == BLE_OK) {
                f_str(s, d, &o, "operation", ble_ascs_opcode_name(w.opcode));
                f_pdu(s, d, &o, w.desc, &w.p);
                put_cp_ltvs(s, d, &o, &w);
            } else if (rc == BLE_ERR_UNKNOWN) { /* the server answers Unsupported Opcode (ASCS 5) */
                f_hex(s, d, &o, "opcode", w.opcode, 2);
                f_str(s, d, &o, "operation", "(not defined by ASCS)");
                rc = BLE_OK;
            }
        } else {
            struct ble_ascs_cp_rsp r;
            struct ble_ascs_rsp_entry e;
            size_t i;
            rc = ble_ascs_cp_rsp_decode(v.p, v.len, &r);
            if (rc == BLE_OK) {
                f_str(s, d, &o, "operation", ble_ascs_opcode_name(r.opcode));
                f_hex(s, d, &o, "number_of_ases", r.number_of_ases, 2);
                f_list_open(s, d, &o, "ases");
                for (i = 0; ble_arr_get(&r.ases, &ble_ascs_rsp_entry_desc, i, &e) == BLE_OK; i++) {
                    struct obj a;
                    item_open(s, d, "ases", (unsigned)i, &a);
                    f_dec(s, d, &a, "ase_id", e.ase_id);
                    f_str(s, d, &a, "response_code", ble_ascs_response_code_name(e.response_code));
                    f_hex(s, d, &a, "reason", e.reason, 2);
                    item_close(s, d);
                }
                f_list_close(s, d);
            }
        }
        break;
    case BLE_PACS_UUID_SINK_PAC:
    case BLE_PACS_UUID_SOURCE_PAC: {
        struct ble_pacs_pac pac;
        rc = ble_pacs_pac_decode(v.p, v.len, &pac);
        if (rc == BLE_OK) {
            struct ble_pacs_it it;
            struct ble_pacs_record r;
            unsigned i = 0;
            f_dec(s, d, &o, "num_pac_records", pac.num_records);
            f_list_open(s, d, &o, "records");
            ble_pacs_it_init(&it, &pac);
            while (ble_pacs_next(&it, &r) == BLE_OK) {
                struct obj a;
                item_open(s, d, "records", i++, &a);
                f_bytes(s, d, &a, "codec_id", ble_view_make(r.codec_id, 5));
                f_bytes(s, d, &a, "codec_specific_capabilities", r.caps);
                if (r.codec_id[0] == 0x06)
                    f_lc3_cap(s, d, &a, r.caps);
                f_bytes(s, d, &a, "metadata", r.metadata);
                f_meta(s, d, &a, r.metadata);
                item_close(s, d);
            }
            f_list_close(s, d);
        }
        break;
    }
    case BLE_PACS_UUID_SINK_AUDIO_LOCATIONS:
    case BLE_PACS_UUID_SOURCE_AUDIO_LOCATIONS: {
        uint32_t loc;
        rc = ble_pacs_locations_decode(v.p, v.len, &loc);
        if (rc == BLE_OK)
            f_hex(s, d, &o, "audio_locations", loc, 8);
        break;
    }
    default: { /* the two Audio Contexts characteristics */
        uint16_t sink, source;
        rc = ble_pacs_contexts_decode(v.p, v.len, &sink, &source);
        if (rc == BLE_OK) {
            f_hex(s, d, &o, "sink_contexts", sink, 4);
            f_hex(s, d, &o, "source_contexts", source, 4);
        }
        break;
    }
    }
    if (d->mode == OUT_JSON)
        ble_str_putc(s, '}');
    if (rc != BLE_OK) {
        if (complete)
            put_err(s, d, "GATT value", rc);
        else
            put_note(s, d, "gatt_value", "(continues in Read Blob)");
    }
}

/* ATT through GATT (Vol 3 Part G): discovery fills the link's handle map;
 * reads, notifications, indications and writes of known handles print
 * their values. */
static void gatt_att(struct ble_str *s, struct dump *d, uint16_t acl, int dir, const struct ble_att_pdu *att)
{
    struct gatt_link *l = gatt_link(d, acl);
    struct ble_att_iter it;
    uint16_t h;
    struct ble_view v;
    if (!l)
        return;
    switch (att->opcode) {
    case BLE_ATT_EXCHANGE_MTU_REQ: l->mtu_req = att->p.exchange_mtu_req.client_rx_mtu; break;
    case BLE_ATT_EXCHANGE_MTU_RSP: {
        uint16_t m = att->p.exchange_mtu_rsp.server_rx_mtu;
        if (l->mtu_req && l->mtu_req < m)
            m = l->mtu_req;
        l->mtu = m < 23 ? 23 : m;
        break;
    }
    case BLE_ATT_READ_BY_TYPE_REQ:
        v = att->p.read_by_type_req.attribute_type;
        l->rbt_type[dir] = v.len == 2 ? ble_get_le16(v.p) : 0;
        break;
    case BLE_ATT_READ_BY_TYPE_RSP:
        if (ble_att_read_by_type_rsp_iter(&it, &att->p.read_by_type_rsp) != BLE_OK)
            break;
        while (ble_att_read_by_type_rsp_next(&it, &h, &v) == BLE_OK) {
            if (l->rbt_type[!dir] == 0x2803 && v.len == 5) /* Properties, Value Handle, 16-bit UUID (3.3.1) */
                gatt_add(l, ble_get_le16(v.p + 1), ble_get_le16(v.p + 3));
            else if (l->rbt_type[!dir] && l->rbt_type[!dir] != 0x2803) { /* values read by their type */
                gatt_add(l, h, l->rbt_type[!dir]);
                put_gatt_value(s, d, l->rbt_type[!dir], 0, v, 1);
            }
        }
        break;
    case BLE_ATT_FIND_INFORMATION_RSP: {
        struct ble_uuid u;
        if (ble_att_find_information_rsp_iter(&it, &att->p.find_information_rsp) != BLE_OK)
            break;
        while (ble_att_find_information_rsp_next(&it, &h, &u) == BLE_OK)
            if (u.len == 2)
                gatt_add(l, h, ble_get_le16(u.v));
        break;
    }
    case BLE_ATT_READ_REQ: l->read_handle[dir] = att->p.read_req.attribute_handle; break;
    case BLE_ATT_READ_BLOB_REQ: l->read_handle[dir] = 0; break; /* a part: not decoded alone */
    case BLE_ATT_READ_RSP:
        if (l->read_handle[!dir]) {
            v = att->p.read_rsp.attribute_value;
            put_gatt_value(s, d, gatt_uuid(l, l->read_handle[!dir]), 0, v, v.len < (size_t)l->mtu - 1u);
        }
        l->read_handle[!dir] = 0;
        break;
    case BLE_ATT_ERROR_RSP: l->read_handle[!dir] = 0; break;
    case BLE_ATT_HANDLE_VALUE_NTF:
    case BLE_ATT_HANDLE_VALUE_IND:
        put_gatt_value(s, d, gatt_uuid(l, att->p.handle_value_ntf.attribute_handle), 0,
                       att->p.handle_value_ntf.attribute_value, 1);
        break;
    case BLE_ATT_WRITE_REQ:
    case BLE_ATT_WRITE_CMD:
        put_gatt_value(s, d, gatt_uuid(l, att->p.write_req.attribute_handle), 1, att->p.write_req.attribute_value, 1);
        break;
    default: break;
    }
}

/* ---- layers ---- */

static void decode_cmd(struct ble_str *s, struct dump *d, const uint8_t *p, size_t n)
{
    struct ble_rd r;
    uint16_t op;
    struct ble_view params;
    ble_rd_init(&r, p, n);
    op = ble_rd_u16(&r);
    params = ble_rd_view(&r, ble_rd_u8(&r));
    if (ble_rd_end(&r) != BLE_OK) {
        put_err(s, d, "command packet", ble_rd_end(&r));
        return;
    }
    put_hex_field(s, d, "opcode", op, 4);
#ifdef BLE_HCI_CMD_H
    {
        const struct ble_pdu_desc *desc = ble_hci_cmd_desc(op);
        union ble_hci_cmd_params u;
        int rc;
        if (!desc) {
            put_name(s, d, "name", (op >> 10) == 0x3F ? "Vendor" : "Unknown");
            return;
        }
        put_name(s, d, "name", ble_pdu_name(desc));
        rc = ble_pdu_decode(desc, params.p, params.len, &u);
        if (rc == BLE_OK)
            put_pdu(s, d, "params", desc, &u);
        else
            put_err(s, d, "parameters", rc);
    }
#else
    (void)params;
#endif
}

static void decode_return(struct ble_str *s, struct dump *d, uint16_t op, struct ble_view ret)
{
#ifdef BLE_HCI_CMD_H
    const struct ble_pdu_desc *desc = ble_hci_ret_desc(op);
    union ble_hci_ret_params u;
    int rc;
    if (!desc) {
        if (ret.len)
            put_name(s, d, "ret_name", "(return parameters not in the tables)");
        return;
    }
    put_name(s, d, "command", ble_pdu_name(ble_hci_cmd_desc(op)));
    rc = ble_pdu_decode(desc, ret.p, ret.len, &u);
    if (rc == BLE_OK)
        put_pdu(s, d, "ret", desc, &u);
    else
        put_err(s, d, "return parameters", rc);
#else
    (void)s, (void)d, (void)op, (void)ret;
#endif
}

static void decode_evt(struct ble_str *s, struct dump *d, const uint8_t *p, size_t n)
{
    struct ble_hci_evt_pkt pkt;
    const struct ble_pdu_desc *desc;
    union ble_hci_evt_params u;
    int rc = ble_hci_evt_packet(p, n, &pkt);
    if (rc != BLE_OK) {
        put_err(s, d, "event packet", rc);
        return;
    }
    put_hex_field(s, d, "code", pkt.code, 2);
    desc = ble_hci_evt_desc(pkt.code);
    if (!desc) {
        put_name(s, d, "name", "Unknown");
        return;
    }
    put_name(s, d, "name", ble_pdu_name(desc));
    rc = ble_pdu_decode(desc, pkt.params.p, pkt.params.len, &u);
    if (rc != BLE_OK) {
        put_err(s, d, "parameters", rc);
        return;
    }
    if (pkt.code == BLE_HCI_EVT_LE_META) {
        const struct ble_pdu_desc *le = ble_hci_le_evt_desc(u.le_meta.subevent_code);
        union ble_hci_le_evt_params lu;
        put_hex_field(s, d, "subevent", u.le_meta.subevent_code, 2);
        if (!le) {
            put_name(s, d, "subevent_name", "Unknown");
            return;
        }
        put_name(s, d, "subevent_name", ble_pdu_name(le));
        rc = ble_pdu_decode(le, u.le_meta.parameters.p, u.le_meta.parameters.len, &lu);
        if (rc == BLE_OK) {
            put_pdu(s, d, "params", le, &lu);
            put_reports_ad(s, d, u.le_meta.subevent_code, &lu);
        } else
            put_err(s, d, "parameters", rc);
        return;
    }
    put_pdu(s, d, "params", desc, &u);
    if (pkt.code == BLE_HCI_EVT_DISCONNECTION_COMPLETE && u.disconnection_complete.status == 0) {
        /* the link is gone: a PDU half gathered on it is dropped and counted */
        ble_l2cap_rx_detach(&d->rx[0], u.disconnection_complete.connection_handle);
        ble_l2cap_rx_detach(&d->rx[1], u.disconnection_complete.connection_handle);
        gatt_link_down(d, u.disconnection_complete.connection_handle);
    }
    if (pkt.code == BLE_HCI_EVT_COMMAND_COMPLETE)
        decode_return(s, d, u.command_complete.command_opcode, u.command_complete.return_parameters);
}

static void decode_l2cap(struct ble_str *s, struct dump *d, int dir, const struct ble_l2cap_pdu *pdu)
{
    put_hex_field(s, d, "cid", pdu->cid, 4);
    if (pdu->cid == BLE_L2CAP_CID_LE_SIGNALING) {
        struct ble_l2cap_sig sig;
        int rc = ble_l2cap_sig_decode(pdu->payload.p, pdu->payload.len, &sig);
        if (rc == BLE_OK) {
            put_name(s, d, "l2cap", ble_pdu_name(sig.desc));
            put_hex_field(s, d, "id", sig.id, 2);
            put_pdu(s, d, "sig", sig.desc, &sig.p);
        } else if (rc == BLE_ERR_UNKNOWN) {
            put_name(s, d, "l2cap", "signaling (code not defined for LE)");
            put_hex_field(s, d, "sig_code", sig.code, 2);
        } else {
            put_err(s, d, "signaling", rc);
        }
        return;
    }
    if (pdu->cid == BLE_L2CAP_CID_ATT) {
        struct ble_att_pdu att;
        int rc = ble_att_decode(pdu->payload.p, pdu->payload.len, &att);
        if (rc == BLE_OK) {
            put_name(s, d, "l2cap", "ATT");
            put_name(s, d, "att", ble_att_op_name(att.opcode));
            put_pdu(s, d, "att_params", att.desc, &att.p);
            gatt_att(s, d, pdu->handle, dir, &att);
        } else if (rc == BLE_ERR_UNKNOWN) {
            put_name(s, d, "l2cap", "ATT");
            put_hex_field(s, d, "att_opcode", att.opcode, 2);
            put_name(s, d, "att", "(opcode not defined)");
        } else {
            put_name(s, d, "l2cap", "ATT");
            put_err(s, d, "ATT", rc);
        }
        return;
    }
    if (pdu->cid == BLE_L2CAP_CID_SMP)
        put_name(s, d, "l2cap", "SMP");
    else if (pdu->cid >= BLE_L2CAP_CID_DYN_MIN && pdu->cid <= BLE_L2CAP_CID_DYN_MAX)
        put_name(s, d, "l2cap", "LE credit-based channel");
    else
        put_name(s, d, "l2cap", "unknown channel");
    if (pdu->payload.len)
        put_hex_field(s, d, "opcode", pdu->payload.p[0], 2);
    put_hex_field(s, d, "len", (unsigned)pdu->payload.len, 4);
}

static void decode_acl(struct ble_str *s, struct dump *d, int dir, const uint8_t *p, size_t n)
{
    struct ble_hci_acl acl;
    struct ble_l2cap_pdu pdu;
    int rc = ble_hci_acl_decode(p, n, &acl);
    if (rc != BLE_OK) {
        put_err(s, d, "ACL packet", rc);
        return;
    }
    put_hex_field(s, d, "handle", acl.handle, 4);
    put_hex_field(s, d, "pb", acl.pb, 1);
    put_hex_field(s, d, "dlen", (unsigned)acl.data.len, 4);
    /* a capture may start mid-connection: a link attaches on first sight,
     * with the storage of the slot the recombiner will pick (the first free) */
    {
        size_t k;
        for (k = 0; k < 16 && d->slots[dir][k].slot.used; k++)
            ;
        if (k < 16)
            (void)ble_l2cap_rx_attach(&d->rx[dir], acl.handle, d->store[dir][k], sizeof d->store[dir][k]);
    }
    rc = ble_l2cap_rx_push(&d->rx[dir], &acl, &pdu);
    if (rc == BLE_OK)
        decode_l2cap(s, d, dir, &pdu);
    else if (rc == BLE_ERR_AGAIN)
        put_name(s, d, "l2cap", "fragment");
    else
        put_err(s, d, "L2CAP", rc);
}

static void decode_iso(struct ble_str *s, struct dump *d, const uint8_t *p, size_t n)
{
    struct ble_hci_iso iso;
    int rc = ble_hci_iso_decode(p, n, &iso);
    if (rc != BLE_OK) {
        put_err(s, d, "ISO packet", rc);
        return;
    }
    put_hex_field(s, d, "handle", iso.handle, 4);
    put_hex_field(s, d, "pb", iso.pb, 1);
    if (iso.ts)
        put_hex_field(s, d, "timestamp", iso.timestamp, 8);
    if (iso.has_sdu_hdr) {
        put_hex_field(s, d, "seq", iso.seq, 4);
        put_hex_field(s, d, "sdu_len", iso.sdu_len, 4);
        put_hex_field(s, d, "status", iso.status, 1);
    }
    put_hex_field(s, d, "dlen", (unsigned)iso.data.len, 4);
}

static const char *type_name(unsigned t)
{
    switch (t) {
    case BLE_H4_CMD: return "cmd";
    case BLE_H4_ACL: return "acl";
    case BLE_H4_SCO: return "sco";
    case BLE_H4_EVT: return "evt";
    case BLE_H4_ISO: return "iso";
    default: return "other";
    }
}

/* One HCI packet: H4 type, direction (0 host to controller, 1 controller to
 * host), time in microseconds. */
static void packet(struct dump *d, unsigned type, int dir, uint64_t ts, const uint8_t *p, size_t n)
{
    struct ble_str s;
    uint64_t rel;
    if (!d->have_first) {
        d->first_ts = ts;
        d->have_first = 1;
    }
    rel = ts >= d->first_ts ? ts - d->first_ts : 0;
    d->packets++;
    ble_str_init(&s, line, sizeof line);
    if (d->mode == OUT_JSON) {
        ble_str_puts(&s, "{\"n\":");
        ble_str_udec(&s, d->packets);
        ble_str_puts(&s, ",\"ts\":");
        ble_str_udec(&s, rel / 1000000u);
        ble_str_putc(&s, '.');
        {
            char us[7];
            unsigned long v = (unsigned long)(rel % 1000000u);
            int i;
            for (i = 5; i >= 0; i--, v /= 10)
                us[i] = (char)('0' + v % 10);
            us[6] = 0;
            ble_str_puts(&s, us);
        }
        ble_str_puts(&s, dir ? ",\"dir\":\"rx\",\"type\":\"" : ",\"dir\":\"tx\",\"type\":\"");
        ble_str_puts(&s, type_name(type));
        ble_str_putc(&s, '"');
    } else {
        char head[48];
        sprintf(head, "%6lu %5lu.%06lu %c %-3s", d->packets, (unsigned long)(rel / 1000000u),
                (unsigned long)(rel % 1000000u), dir ? '>' : '<', type_name(type));
        ble_str_puts(&s, head);
    }
    switch (type) {
    case BLE_H4_CMD: decode_cmd(&s, d, p, n); break;
    case BLE_H4_EVT: decode_evt(&s, d, p, n); break;
    case BLE_H4_ACL: decode_acl(&s, d, dir, p, n); break;
    case BLE_H4_ISO: decode_iso(&s, d, p, n); break;
    case BLE_H4_SCO: {
        struct ble_hci_sco sco;
        int rc = ble_hci_sco_decode(p, n, &sco);
        if (rc == BLE_OK)
            put_hex_field(&s, d, "handle", sco.handle, 4);
        else
            put_err(&s, d, "SCO packet", rc);
        break;
    }
    default:
        put_err(&s, d, "packet type", BLE_ERR_UNKNOWN);
        break;
    }
    if (d->mode == OUT_JSON)
        ble_str_putc(&s, '}');
    if (s.truncated)
        fputs(d->mode == OUT_JSON ? "{\"error\":\"line too long\"}" : line, stdout);
    else
        fputs(line, stdout);
    putchar('\n');
}

/* ---- capture formats ---- */

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int read_exact(FILE *f, uint8_t *buf, size_t n)
{
    return fread(buf, 1, n, f) == n;
}

/* The next record header: 1, 0 at a clean end of file, -1 when the file ends
 * inside the header (a capture cut short). */
static int read_header(FILE *f, uint8_t *buf, size_t n)
{
    size_t got = fread(buf, 1, n, f);
    return got == n ? 1 : got == 0 ? 0 : -1;
}

static int cut_short(const struct dump *d)
{
    fprintf(stderr, "bledump: record %lu is cut short\n", d->packets + d->skipped + 1);
    return 1;
}

static uint8_t rec[70000];

/* btsnoop (datalinks 1001 H1, 1002 H4, 2001 monitor); returns the exit status. */
static int run_btsnoop(struct dump *d, FILE *f, uint32_t datalink)
{
    uint8_t h[24];
    /* 0 AD to 1970 in microseconds: btsnoop's epoch */
    const uint64_t epoch = 0x00dcddb30f2f8000ull;
    int more;
    while ((more = read_header(f, h, sizeof h)) == 1) {
        uint32_t incl = be32(h + 4), flags = be32(h + 8);
        uint64_t ts = ((uint64_t)be32(h + 16) << 32) | be32(h + 20);
        int dir = flags & 1;
        ts = ts >= epoch ? ts - epoch : ts;
        if (incl > sizeof rec || !read_exact(f, rec, incl)) {
            fprintf(stderr, "bledump: record %lu is cut short or longer than %u octets\n",
                    d->packets + d->skipped + 1, (unsigned)sizeof rec);
            return 1;
        }
        if (datalink == 1002) { /* H4: indicator first */
            if (!incl) {
                d->skipped++;
                continue;
            }
            packet(d, rec[0], dir, ts, rec + 1, incl - 1);
        } else if (datalink == 1001) { /* H1: the flags say command/event or data */
            unsigned t = (flags & 2) ? (dir ? BLE_H4_EVT : BLE_H4_CMD) : BLE_H4_ACL;
            packet(d, t, dir, ts, rec, incl);
        } else { /* monitor: opcode in the low 16 bits of flags */
            unsigned op = flags & 0xFFFF, t;
            switch (op) {
            case 2: t = BLE_H4_CMD, dir = 0; break;
            case 3: t = BLE_H4_EVT, dir = 1; break;
            case 4: t = BLE_H4_ACL, dir = 0; break;
            case 5: t = BLE_H4_ACL, dir = 1; break;
            case 6: t = BLE_H4_SCO, dir = 0; break;
            case 7: t = BLE_H4_SCO, dir = 1; break;
            case 18: t = BLE_H4_ISO, dir = 0; break;
            case 19: t = BLE_H4_ISO, dir = 1; break;
            default: t = 0; break; /* index, notes, logging: not HCI traffic */
            }
            if (!t) {
                d->skipped++;
                continue;
            }
            packet(d, t, dir, ts, rec, incl);
        }
    }
    if (more < 0)
        return cut_short(d);
    if (!feof(f)) {
        fprintf(stderr, "bledump: read error\n");
        return 1;
    }
    return 0;
}

/* pcap with link type 187 (H4) or 201 (H4 with a 4-octet direction header). */
static int run_pcap(struct dump *d, FILE *f, const uint8_t *gh)
{
    uint32_t magic = be32(gh);
    int swapped = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
    int nano = magic == 0xa1b23c4du || magic == 0x4d3cb2a1u;
    uint8_t h[16];
#define PCAP32(p) (swapped ? ((uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 | (uint32_t)(p)[2] << 16 | (uint32_t)(p)[3] << 24) : be32(p))
    uint32_t linktype = PCAP32(gh + 20) & 0xFFFF;
    if (linktype != 187 && linktype != 201) {
        fprintf(stderr, "bledump: pcap link type %u is not Bluetooth H4 (187 or 201)\n", (unsigned)linktype);
        return 1;
    }
    int more;
    while ((more = read_header(f, h, sizeof h)) == 1) {
        uint32_t incl = PCAP32(h + 8);
        uint64_t ts = (uint64_t)PCAP32(h) * 1000000u + (nano ? PCAP32(h + 4) / 1000u : PCAP32(h + 4));
        size_t off = 0;
        int dir = 0;
        if (incl > sizeof rec || !read_exact(f, rec, incl)) {
            fprintf(stderr, "bledump: record %lu is cut short or longer than %u octets\n",
                    d->packets + d->skipped + 1, (unsigned)sizeof rec);
            return 1;
        }
        if (linktype == 201) {
            if (incl < 4) {
                d->skipped++;
                continue;
            }
            dir = be32(rec) & 1; /* 0 sent, 1 received */
            off = 4;
        }
        if (incl <= off) {
            d->skipped++;
            continue;
        }
        packet(d, rec[off], dir, ts, rec + off + 1, incl - off - 1);
    }
#undef PCAP32
    return more < 0 ? cut_short(d) : 0;
}

/* ---- --list ---- */

static void list_row(const char *kind, const struct ble_pdu_desc *d, unsigned digits)
{
    const char *c = ble_pdu_name(d);
    printf("%s 0x%0*x ", kind, (int)digits, (unsigned)d->code);
    for (; *c; c++)
        putchar(*c == ' ' ? '_' : *c);
    putchar('\n');
}

static void list_table(const char *kind, const struct ble_pdu_desc *t, size_t n, unsigned digits)
{
    size_t i;
    for (i = 0; i < n; i++)
        list_row(kind, &t[i], digits);
}

static void list(void)
{
#ifdef BLE_HCI_CMD_H
    {
        size_t i;
        for (i = 0; i < BLE_HCI_CMD_COUNT; i++)
            list_row("cmd", ble_hci_cmd_descs[i], 4);
    }
#endif
    list_table("evt", ble_hci_evt_descs, BLE_HCI_EVT_COUNT, 2);
    list_table("le", ble_hci_le_evt_descs, BLE_HCI_LE_EVT_COUNT, 2);
    list_table("sig", ble_l2cap_sig_descs, BLE_L2CAP_SIG_COUNT, 2);
}

static struct dump dump;

int main(int argc, char **argv)
{
    const char *path = 0;
    FILE *f;
    uint8_t gh[24];
    int i, rc;
    dump.mode = OUT_LINE;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            dump.mode = OUT_VERBOSE;
        else if (!strcmp(argv[i], "--json"))
            dump.mode = OUT_JSON;
        else if (!strcmp(argv[i], "--list")) {
            list();
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "bledump: unknown option %s\n", argv[i]);
            return 2;
        } else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: bledump [-v] [--json] FILE | bledump --list\n");
        return 2;
    }
    f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "bledump: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (i = 0; i < 2; i++)
        ble_l2cap_rx_init(&dump.rx[i], dump.slots[i], 16);
    if (!read_exact(f, gh, 16)) {
        fprintf(stderr, "bledump: %s: too short for a capture header\n", path);
        return 1;
    }
    if (!memcmp(gh, "btsnoop\0", 8)) {
        uint32_t dl = be32(gh + 12);
        if (be32(gh + 8) != 1 || (dl != 1001 && dl != 1002 && dl != 2001)) {
            fprintf(stderr, "bledump: btsnoop version %u datalink %u not supported (1001, 1002, 2001)\n",
                    (unsigned)be32(gh + 8), (unsigned)dl);
            return 1;
        }
        rc = run_btsnoop(&dump, f, dl);
    } else if (read_exact(f, gh + 16, 8) &&
               (be32(gh) == 0xa1b2c3d4u || be32(gh) == 0xd4c3b2a1u || be32(gh) == 0xa1b23c4du ||
                be32(gh) == 0x4d3cb2a1u)) {
        rc = run_pcap(&dump, f, gh);
    } else {
        fprintf(stderr, "bledump: %s is neither btsnoop nor pcap\n", path);
        return 1;
    }
    fprintf(stderr, "bledump: %lu packets, %lu with decode errors, %lu records not HCI traffic\n",
            dump.packets, dump.errors, dump.skipped);
    return rc;
}
