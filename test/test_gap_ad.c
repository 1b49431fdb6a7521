/* Unit tests of the advertising-data part of layers/gap.h: the iterator, every
 * AD type's typed decoder, the builder and the printer.
 * Core 6.0 Vol 3 Part C 11; Core Specification Supplement (CSS) Part A;
 * Assigned Numbers 2.3.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

/* A legacy advertising payload of the kind CSS Part A describes: Flags,
 * Complete Local Name and Tx Power Level (Vol 3 Part C 11: Length, AD type,
 * AD data, one structure after the other). */
static const uint8_t adv_typical[] = {
    0x02,             /* Length: AD type + 1 octet */
    0x01,             /* AD type: Flags (CSS Part A 1.3) */
    0x06,             /* LE General Discoverable Mode | BR/EDR Not Supported */
    0x06,             /* Length: AD type + 5 octets */
    0x09,             /* AD type: Complete Local Name (CSS Part A 1.2) */
    'P', 'h', 'o', 'n', 'e',
    0x02,             /* Length: AD type + 1 octet */
    0x0A,             /* AD type: Tx Power Level (CSS Part A 1.5) */
    0xF4,             /* -12 dBm */
};

static void iterator_walks_a_typical_payload(void)
{
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    ble_gap_ad_it_init(&it, adv_typical, sizeof adv_typical);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(s.off, 0);
    CHECK_EQ(s.type, BLE_GAP_AD_FLAGS);
    CHECK_EQ(s.data.len, 1);
    CHECK(s.data.p == adv_typical + 2);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(s.off, 3);
    CHECK_EQ(s.type, BLE_GAP_AD_COMPLETE_NAME);
    CHECK_EQ(s.data.len, 5);
    CHECK_MEM(s.data.p, "Phone", 5);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(s.off, 10);
    CHECK_EQ(s.type, BLE_GAP_AD_TX_POWER);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
    CHECK_EQ(it.pos, sizeof adv_typical);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0); /* the end sticks */
    CHECK_EQ(it.err, BLE_OK);
}

static void iterator_empty_data_is_the_end_not_an_error(void)
{
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    ble_gap_ad_it_init(&it, adv_typical, 0);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
    ble_gap_ad_it_init(&it, NULL, 5);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
}

static void iterator_zero_length_ends_and_zero_padding_is_accepted(void)
{
    /* Vol 3 Part C 11: a zero Length ends the significant part early; the
     * non-significant part up to 31 octets is zeros */
    uint8_t d[31];
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    memset(d, 0, sizeof d);
    d[0] = 0x02; d[1] = 0x01; d[2] = 0x06; /* Flags */
    /* d[3] = 0: Length zero, then zeros to octet 30 */
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
    CHECK_EQ(it.pos, 3); /* where the significant part ends */
    CHECK_EQ(it.err, BLE_OK);
    /* a zero Length as the very first octet: no structures at all */
    ble_gap_ad_it_init(&it, d + 3, sizeof d - 3);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
}

static void iterator_reports_a_non_zero_octet_after_a_zero_length(void)
{
    uint8_t d[31];
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    memset(d, 0, sizeof d);
    d[0] = 0x02; d[1] = 0x01; d[2] = 0x06; /* Flags */
    d[3] = 0x00;                           /* zero Length */
    d[9] = 0x4B;                           /* garbage in the padding */
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_MALFORMED);
    CHECK_EQ(it.err_off, 9);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_MALFORMED); /* sticks */
    /* what looks like a structure after the zero is garbage too */
    d[9] = 0; d[4] = 0x02; d[5] = 0x0A; d[6] = 0x00;
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_MALFORMED);
    CHECK_EQ(it.err_off, 4);
}

static void iterator_reports_a_length_past_the_end_with_its_offset(void)
{
    static const uint8_t d[] = {
        0x02, 0x01, 0x06,       /* Flags */
        0x06, 0x09, 'P', 'h'    /* Length 6, but only 3 octets follow */
    };
    static const uint8_t lone[] = { 0x02, 0x01, 0x06, 0x01 }; /* Length 1, no AD type */
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_SHORT);
    CHECK_EQ(it.err_off, 3);
    CHECK_EQ(it.pos, 3);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_SHORT);
    ble_gap_ad_it_init(&it, lone, sizeof lone);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_SHORT);
    CHECK_EQ(it.err_off, 3);
}

static void iterator_type_only_structure_has_empty_data(void)
{
    static const uint8_t d[] = { 0x01, 0x09 }; /* Complete Local Name of 0 octets */
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(s.type, 0x09);
    CHECK_EQ(s.data.len, 0);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
}

static void iterator_data_exactly_filling_31_octets(void)
{
    uint8_t d[31];
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    d[0] = 0x02; d[1] = 0x01; d[2] = 0x06;          /* Flags: 3 octets */
    d[3] = 27; d[4] = 0x09;                         /* Complete Local Name: 28 octets */
    memcpy(d + 5, "abcdefghijklmnopqrstuvwxyz", 26);
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(s.data.len, 26);
    CHECK(s.data.p + s.data.len == d + 31);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 0);
    CHECK_EQ(it.pos, 31);
    d[3] = 28; /* one octet too many */
    ble_gap_ad_it_init(&it, d, sizeof d);
    CHECK_EQ(ble_gap_ad_next(&it, &s), 1);
    CHECK_EQ(ble_gap_ad_next(&it, &s), BLE_ERR_SHORT);
    CHECK_EQ(it.err_off, 3);
}

static void iterator_walks_1650_octets_of_extended_data(void)
{
    /* Vol 4 Part E 7.8.54: up to 1650 octets; six structures of 256 octets
     * (Length 255) and one of 114: lengths far past a uint8_t total */
    static uint8_t d[BLE_GAP_AD_EXT_MAX];
    struct ble_gap_ad_builder b;
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    uint8_t payload[254];
    size_t n = 0, end = 0;
    int i;
    for (i = 0; i < 254; i++)
        payload[i] = (uint8_t)i;
    ble_gap_ad_builder_init(&b, d, sizeof d);
    for (i = 0; i < 6; i++)
        CHECK_EQ(ble_gap_ad_add_manufacturer(&b, 0x05F1, payload, 252), 256);
    CHECK_EQ(ble_gap_ad_add_manufacturer(&b, 0x05F1, payload, 110), 114);
    CHECK_EQ(b.len, 1650);
    CHECK_EQ(ble_gap_ad_add_flags(&b, 0x06), BLE_ERR_NO_SPACE);
    ble_gap_ad_it_init(&it, d, sizeof d);
    while (ble_gap_ad_next(&it, &s) == 1) {
        CHECK_EQ(s.off, end);
        end = s.off + 2 + s.data.len;
        n++;
    }
    CHECK_EQ(n, 7);
    CHECK_EQ(end, 1650);
    CHECK_EQ(it.err, BLE_OK);
    CHECK_EQ(s.off, 1536);
    CHECK_EQ(s.data.len, 112); /* company identifier + 110 */
}

static void find_tells_absent_from_malformed(void)
{
    static const uint8_t bad[] = { 0x02, 0x01, 0x06, 0x09, 0x09, 'x' };
    struct ble_gap_ad_struct s;
    CHECK_EQ(ble_gap_ad_find(adv_typical, sizeof adv_typical, BLE_GAP_AD_TX_POWER, &s), BLE_OK);
    CHECK_EQ(s.off, 10);
    CHECK_EQ(ble_gap_ad_find(adv_typical, sizeof adv_typical, BLE_GAP_AD_APPEARANCE, &s), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_gap_ad_find(bad, sizeof bad, BLE_GAP_AD_APPEARANCE, &s), BLE_ERR_SHORT);
    CHECK_EQ(ble_gap_ad_find(bad, sizeof bad, BLE_GAP_AD_FLAGS, &s), BLE_OK);
}

/* ---- typed decoders ---- */

/* One valid value of every AD type (the AD data only), annotated. */
struct ad_vec {
    uint8_t type;
    uint8_t len;
    uint8_t d[60];
};
static const struct ad_vec valid[] = {
    { 0x01, 1, { 0x06 } },                                   /* Flags: general, no BR/EDR */
    { 0x02, 2, { 0x0F, 0x18 } },                             /* 0x180F */
    { 0x03, 4, { 0x0F, 0x18, 0x0A, 0x18 } },                 /* 0x180F, 0x180A */
    { 0x04, 4, { 0x78, 0x56, 0x34, 0x12 } },                 /* 0x12345678 */
    { 0x05, 0, { 0 } },                                      /* no 32-bit UUIDs */
    { 0x06, 16, { 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00, 0x0F, 0x18, 0x00, 0x00 } },
    { 0x07, 16, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 } },
    { 0x08, 3, { 'P', 'h', 'o' } },
    { 0x09, 5, { 'P', 'h', 'o', 'n', 'e' } },
    { 0x0A, 1, { 0xF4 } },                                   /* -12 dBm */
    { 0x0D, 3, { 0x0C, 0x02, 0x5A } },                       /* Class of Device 0x5A020C */
    { 0x0E, 16, { 0xC1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x0F, 16, { 0xA1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x10, 8, { 0x02, 0x00, 0x5D, 0x00, 0x34, 0x12, 0x00, 0x01 } }, /* Device ID: USB IF, 0x005D, 0x1234, 0x0100 */
    { 0x11, 1, { 0x0B } },                                   /* OOB present, LE, random address */
    { 0x12, 4, { 0x06, 0x00, 0x80, 0x0C } },                 /* 7.5 ms .. 4 s */
    { 0x14, 2, { 0x12, 0x18 } },
    { 0x15, 16, { 0xF0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x16, 3, { 0x0F, 0x18, 0x64 } },                       /* Battery Service: 100 % */
    { 0x17, 6, { 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 } },     /* 11:22:33:44:55:66 */
    { 0x18, 12, { 1, 2, 3, 4, 5, 0xC6, 7, 8, 9, 10, 11, 0xC0 } },
    { 0x19, 2, { 0xC1, 0x03 } },                             /* 0x03C1: HID keyboard */
    { 0x1A, 2, { 0x40, 0x06 } },                             /* 1600 x 0.625 ms = 1 s */
    { 0x1B, 7, { 0x66, 0x55, 0x44, 0x33, 0x22, 0xC1, 0x01 } }, /* random address */
    { 0x1C, 1, { 0x02 } },                                   /* both roles, Peripheral preferred */
    { 0x1D, 16, { 0xC2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x1E, 16, { 0xA2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x1F, 8, { 1, 0, 0, 0, 2, 0, 1, 0 } },                 /* 0x00000001, 0x00010002 */
    { 0x20, 5, { 0x78, 0x56, 0x34, 0x12, 0xEE } },
    { 0x21, 17, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x99 } },
    { 0x22, 16, { 0xCC, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x23, 16, { 0xDD, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { 0x24, 12, { 0x17, '/', '/', 'b', 'l', 'e', 'k', 'i', 't', '.', 'i', 'o' } }, /* U+0017 "https:" */
    { 0x25, 1, { 0x00 } },                                   /* IPS configuration, no fields */
    { 0x26, 5, { 0x01, 0x02, 0x02, 0xAA, 0xBB } },           /* one Transport Block, 2 octets of data */
    { 0x27, 2, { 0x01, 0x40 } },                             /* encryption, LE 2M... bits */
    { 0x28, 7, { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F, 0x10, 0x00 } }, /* all 37 channels, instant 16 */
    { 0x29, 7, { 0x12, 0x34, 0x56, 0x78, 0x00, 0x03, 0x00 } }, /* Link ID, transaction 0, PDU 2 octets */
    { 0x2A, 14, { 0x68, 0x01, 0, 0, 1, 0x12, 0x34, 0xFF, 0xFF, 0x00, 1, 2, 3, 4 } },
    { 0x2B, 22, { 0x01, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 } }, /* Secure Network beacon */
    { 0x2C, 33, { 0x05, 0x40 } },                            /* BIGInfo: offset 5, units 1, rest 0 */
    { 0x2D, 16, { 'b', 'r', 'o', 'a', 'd', 'c', 'a', 's', 't', 0, 0, 0, 0, 0, 0, 0 } },
    { 0x2E, 6, { 1, 2, 3, 4, 5, 6 } },
    { 0x2F, 3, { 0x00, 0x00, 0x01 } },                       /* 65536 x 0.625 ms */
    { 0x30, 7, { 'C', 'o', 'n', 'c', 'e', 'r', 't' } },
    { 0x31, 11, { 1, 2, 3, 4, 5, 0xAB, 0xCD, 9, 9, 9, 9 } }, /* randomizer, 2 octets, MIC */
    { 0x32, 8, { 0x78, 0x56, 0x34, 0x12, 4, 10, 2, 4 } },
    { 0x34, 3, { 0x01, 0x02, 0x03 } },
    { 0x3D, 2, { 0x03, 0x50 } },                             /* association + battery, 80 dB */
    { 0xFF, 4, { 0xF1, 0x05, 0x01, 0x02 } },                 /* company 0x05F1 */
};
#define NVALID (sizeof valid / sizeof valid[0])

static const uint8_t *vec(uint8_t type)
{
    size_t i;
    for (i = 0; i < NVALID; i++)
        if (valid[i].type == type)
            return valid[i].d;
    return NULL;
}

static void every_assigned_type_has_a_vector_and_a_name(void)
{
    size_t i;
    CHECK_EQ(NVALID, BLE_GAP_AD_COUNT);
    for (i = 0; i < BLE_GAP_AD_COUNT; i++) {
        CHECK_EQ(ble_gap_ad_descs[i].code, valid[i].type);
        if (i)
            CHECK(ble_gap_ad_descs[i].code > ble_gap_ad_descs[i - 1].code);
        CHECK(ble_gap_ad_type_name(valid[i].type)[0] != '\0');
    }
    CHECK_STR(ble_gap_ad_type_name(BLE_GAP_AD_COMPLETE_NAME), "Complete Local Name");
    CHECK_STR(ble_gap_ad_type_name(0x13), "");
    CHECK(ble_gap_ad_desc(0x33) == NULL);
}

static void every_valid_vector_decodes_and_re_encodes(void)
{
    size_t i, k;
    for (i = 0; i < NVALID; i++) {
        struct ble_gap_ad ad;
        struct ble_gap_ad_builder b;
        uint8_t out[80];
        int rc = ble_gap_ad_decode(valid[i].type, valid[i].d, valid[i].len, &ad);
        if (rc != BLE_OK)
            TT_PRINTF("  type 0x%02x\n", valid[i].type);
        CHECK_EQ(rc, BLE_OK);
        CHECK(ad.desc == &ble_gap_ad_descs[i]);
        CHECK_EQ(ble_gap_ad_value_encode(valid[i].type, &ad.v, out, sizeof out), valid[i].len);
        CHECK_MEM(out, valid[i].d, valid[i].len);
        if (valid[i].len)
            CHECK_EQ(ble_gap_ad_value_encode(valid[i].type, &ad.v, out, valid[i].len - 1u), BLE_ERR_NO_SPACE);
        ble_gap_ad_builder_init(&b, out, sizeof out);
        CHECK_EQ(ble_gap_ad_add_value(&b, valid[i].type, &ad.v), valid[i].len + 2);
        CHECK_EQ(out[0], valid[i].len + 1);
        CHECK_EQ(out[1], valid[i].type);
        CHECK_MEM(out + 2, valid[i].d, valid[i].len);
        /* every prefix: accepted or malformed, never anything else, and *out
         * untouched when refused */
        for (k = 0; k < valid[i].len; k++) {
            struct ble_gap_ad p;
            tt_poison(&p, sizeof p);
            rc = ble_gap_ad_decode(valid[i].type, valid[i].d, k, &p);
            CHECK(rc == BLE_OK || rc == BLE_ERR_MALFORMED);
            if (rc != BLE_OK)
                CHECK(tt_is_poison(&p, sizeof p));
        }
    }
}

static void fixed_size_types_refuse_one_octet_less_and_more(void)
{
    uint8_t zeros[64];
    size_t i;
    memset(zeros, 0, sizeof zeros);
    for (i = 0; i < BLE_GAP_AD_COUNT; i++) {
        const struct ble_gap_ad_limits *l = &ble_gap_ad_limits[i];
        unsigned t = ble_gap_ad_descs[i].code;
        struct ble_gap_ad ad;
        if (l->min)
            CHECK_EQ(ble_gap_ad_decode((uint8_t)t, zeros, l->min - 1u, &ad), BLE_ERR_MALFORMED);
        if (l->max < 60)
            CHECK_EQ(ble_gap_ad_decode((uint8_t)t, zeros, l->max + 1u, &ad), BLE_ERR_MALFORMED);
    }
}

static void malformed_lengths_are_refused(void)
{
    /* X(type, octets): each must give BLE_ERR_MALFORMED */
    static const struct { uint8_t type; uint8_t len; uint8_t d[40]; } bad[] = {
        { 0x01, 0, { 0 } },                       /* Flags of 0 octets */
        { 0x02, 3, { 0x0F, 0x18, 0x0A } },        /* 16-bit UUIDs: not a multiple of 2 */
        { 0x03, 1, { 0x0F } },
        { 0x05, 6, { 1, 2, 3, 4, 5, 6 } },        /* 32-bit UUIDs: not a multiple of 4 */
        { 0x1F, 2, { 1, 2 } },
        { 0x07, 17, { 0 } },                      /* 128-bit UUIDs: not a multiple of 16 */
        { 0x15, 8, { 0 } },
        { 0x0A, 2, { 0xF4, 0 } },                 /* Tx Power: one octet */
        { 0x10, 10, { 0 } },                      /* Device ID 8 or TK 16 */
        { 0x16, 1, { 0x0F } },                    /* Service Data 16: UUID cut */
        { 0x20, 3, { 1, 2, 3 } },
        { 0x21, 15, { 0 } },
        { 0x17, 7, { 1, 2, 3, 4, 5, 6, 7 } },     /* target addresses: multiple of 6 */
        { 0x18, 0, { 0 } },                       /* and at least one */
        { 0x19, 3, { 0xC1, 0x03, 0x00 } },        /* Appearance of 3 octets */
        { 0x19, 1, { 0xC1 } },
        { 0x1B, 6, { 1, 2, 3, 4, 5, 6 } },        /* address without its type octet */
        { 0x24, 0, { 0 } },                       /* URI without a scheme */
        { 0x24, 3, { 0x17, 0xC3, 0x28 } },        /* not UTF-8 */
        { 0x24, 2, { 0xC0, 0x97 } },              /* overlong scheme code point */
        { 0x26, 2, { 0x01, 0x00 } },              /* Transport Block without its length */
        { 0x26, 5, { 0x01, 0x00, 0x05, 1, 2 } },  /* Transport Data past the end */
        { 0x29, 5, { 1, 2, 3, 4, 0 } },           /* PB-ADV without a PDU */
        { 0x2A, 13, { 0 } },                      /* Network PDU under 14 octets */
        { 0x2A, 30, { 0 } },                      /* and over 29 */
        { 0x2B, 21, { 0x01, 0 } },                /* Secure Network beacon: 22 octets */
        { 0x2B, 20, { 0x00, 0 } },                /* Unprovisioned Device beacon: 19 or 23 */
        { 0x2B, 0, { 0 } },
        { 0x2C, 34, { 0 } },                      /* BIGInfo: 33 or 57 */
        { 0x2F, 2, { 0, 1 } },                    /* Advertising Interval - long: 3 or 4 */
        { 0x2F, 5, { 0 } },
        { 0x30, 3, { 'A', 'b', 'c' } },           /* Broadcast_Name: 4 characters at least */
        { 0x30, 8, { 0xC3, 0xA9, 0xC3, 0xA9, 0xC3, 0xA9, 0xC3, 0xA9 } }, /* 4 characters but ... */
        { 0x30, 5, { 'A', 'b', 'c', 'd', 0xFF } },/* not UTF-8 */
        { 0x31, 8, { 0 } },                       /* Randomizer and MIC need 9 */
        { 0x32, 7, { 0 } },
        { 0x3D, 3, { 0 } },
        { 0xFF, 1, { 0xF1 } },                    /* company identifier cut */
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct ble_gap_ad ad;
        int want = BLE_ERR_MALFORMED;
        if (bad[i].type == 0x30 && bad[i].len == 8)
            want = BLE_OK; /* é x 4: four characters in eight octets is fine */
        tt_poison(&ad, sizeof ad);
        if (ble_gap_ad_decode(bad[i].type, bad[i].d, bad[i].len, &ad) != want)
            TT_PRINTF("  case %u: type 0x%02x len %u\n", (unsigned)i, bad[i].type, bad[i].len);
        CHECK_EQ(ble_gap_ad_decode(bad[i].type, bad[i].d, bad[i].len, &ad), want);
        if (want != BLE_OK)
            CHECK(tt_is_poison(&ad, sizeof ad));
    }
}

static void broadcast_name_counts_characters_not_octets(void)
{
    /* CSS Part A 1.22: 4 to 32 characters of UTF-8 */
    uint8_t d[128];
    struct ble_gap_ad_broadcast_name n;
    memset(d, 'a', sizeof d);
    CHECK_EQ(ble_gap_ad_broadcast_name_decode(d, 32, &n), BLE_OK);
    CHECK_EQ(ble_gap_ad_broadcast_name_decode(d, 33, &n), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_gap_ad_broadcast_name_decode(d, 4, &n), BLE_OK);
    CHECK(n.name.p == d);
}

static void typed_values_read_as_the_spec_says(void)
{
    struct ble_gap_ad ad;
    struct ble_uuid u;
    struct ble_gap_ad_tx_power tx;
    struct ble_gap_ad_appearance ap;
    struct ble_gap_ad_transport_discovery tds;
    struct ble_gap_ad_tds_block blk;
    /* Tx Power Level is signed (CSS Part A 1.5) */
    CHECK_EQ(ble_gap_ad_tx_power_decode((const uint8_t *)"\xF4", 1, &tx), BLE_OK);
    CHECK_EQ(tx.tx_power, -12);
    CHECK_EQ(ble_gap_ad_appearance_decode((const uint8_t *)"\xC1\x03", 2, &ap), BLE_OK);
    CHECK_EQ(ap.appearance, 0x03C1);
    /* UUID lists read back as UUIDs, zero copy */
    CHECK_EQ(ble_gap_ad_decode(0x03, vec(0x03), 4, &ad), BLE_OK);
    CHECK_EQ(ad.v.uuid16_complete.uuids.n, 2);
    CHECK(ad.v.uuid16_complete.uuids.raw.p == vec(0x03));
    CHECK_EQ(ble_gap_ad_uuid(&ad, 1, &u), BLE_OK);
    CHECK_EQ(u.len, 2);
    CHECK_EQ(ble_get_le16(u.v), 0x180A);
    CHECK_EQ(ble_gap_ad_uuid(&ad, 2, &u), BLE_ERR_NOT_FOUND);
    /* the 128-bit form of 0x180F is the same UUID */
    CHECK_EQ(ble_gap_ad_decode(0x06, vec(0x06), 16, &ad), BLE_OK);
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_OK);
    {
        struct ble_uuid bas = ble_uuid16(0x180F);
        CHECK(ble_uuid_eq(&u, &bas));
    }
    /* service data: its UUID, then the data */
    CHECK_EQ(ble_gap_ad_decode(0x16, vec(0x16), 3, &ad), BLE_OK);
    CHECK_EQ(ad.v.service_data16.uuid, 0x180F);
    CHECK_EQ(ad.v.service_data16.data.len, 1);
    CHECK_EQ(ad.v.service_data16.data.p[0], 100);
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_OK);
    CHECK_EQ(ble_get_le16(u.v), 0x180F);
    /* LE Bluetooth Device Address: address then type */
    CHECK_EQ(ble_gap_ad_decode(0x1B, vec(0x1B), 7, &ad), BLE_OK);
    CHECK_EQ(ad.v.le_addr.addr[5], 0xC1);
    CHECK_EQ(ad.v.le_addr.addr_type, 1);
    /* Device ID (8 octets) and TK (16) share 0x10 */
    CHECK_EQ(ble_gap_ad_decode(0x10, vec(0x10), 8, &ad), BLE_OK);
    CHECK_EQ(ad.v.device_id_tk.size, 8);
    CHECK_EQ(ad.v.device_id_tk.vendor_id_source, 2);
    CHECK_EQ(ad.v.device_id_tk.vendor_id, 0x005D);
    CHECK_EQ(ad.v.device_id_tk.product_id, 0x1234);
    CHECK_EQ(ad.v.device_id_tk.version, 0x0100);
    CHECK_EQ(ble_gap_ad_decode(0x10, vec(0x0E), 16, &ad), BLE_OK);
    CHECK_EQ(ad.v.device_id_tk.size, 16);
    CHECK_EQ(ad.v.device_id_tk.tk[0], 0xC1);
    /* URI: the scheme's code point, then the rest */
    CHECK_EQ(ble_gap_ad_decode(0x24, vec(0x24), 12, &ad), BLE_OK);
    CHECK_EQ(ad.v.uri.scheme, 0x17);
    CHECK_EQ(ad.v.uri.uri.len, 11);
    CHECK_EQ(ble_gap_ad_decode(0x24, (const uint8_t *)"\xC2\x80//x", 5, &ad), BLE_OK);
    CHECK_EQ(ad.v.uri.scheme, 0x80);
    /* Transport Discovery: blocks */
    CHECK_EQ(ble_gap_ad_transport_discovery_decode(vec(0x26), 5, &tds), BLE_OK);
    CHECK_EQ(tds.blocks.n, 1);
    CHECK_EQ(ble_arr_get(&tds.blocks, &ble_gap_ad_tds_block_desc, 0, &blk), BLE_OK);
    CHECK_EQ(blk.org_id, 1);
    CHECK_EQ(blk.transport_data.len, 2);
    /* Encrypted Advertising Data: Randomizer, Payload, MIC */
    CHECK_EQ(ble_gap_ad_decode(0x31, vec(0x31), 11, &ad), BLE_OK);
    CHECK_EQ(ad.v.encrypted_data.payload.len, 2);
    CHECK_EQ(ad.v.encrypted_data.payload.p[0], 0xAB);
    CHECK_EQ(ad.v.encrypted_data.mic[0], 9);
    /* Advertising Interval - long in 3 and in 4 octets */
    CHECK_EQ(ble_gap_ad_decode(0x2F, vec(0x2F), 3, &ad), BLE_OK);
    CHECK_EQ(ad.v.adv_interval_long.interval, 0x10000);
    CHECK_EQ(ad.v.adv_interval_long.size, 3);
    CHECK_EQ(ble_gap_ad_decode(0x2F, (const uint8_t *)"\x01\x02\x03\x04", 4, &ad), BLE_OK);
    CHECK_EQ(ad.v.adv_interval_long.interval, 0x04030201);
    /* unknown types keep their data */
    tt_poison(&ad, sizeof ad);
    CHECK_EQ(ble_gap_ad_decode(0x13, vec(0x01), 1, &ad), BLE_ERR_UNKNOWN);
    CHECK(ad.desc == NULL);
    CHECK_EQ(ad.type, 0x13);
    CHECK(ad.data.p == vec(0x01));
}

static void biginfo_bit_fields(void)
{
    /* Core 6.0 Vol 6 Part B 4.4.5.4: BIG_Offset 14 bits, BIG_Offset_Units 1,
     * ISO_Interval 12, Num_BIS 5, NSE 5, BN 3, Sub_Interval 20, PTO 4,
     * BIS_Spacing 20, IRC 4, Max_PDU 8, RFU 8, SeedAccessAddress 32,
     * SDU_Interval 20, Max_SDU 12, BaseCRCInit 16, ChM 37, PHY 3,
     * bisPayloadCount 39, Framing 1; then GIV 8 and GSKD 16 octets. */
    uint8_t d[57], out[57];
    struct ble_gap_ad_biginfo b, c;
    size_t i;
    memset(d, 0, sizeof d);
    d[0] = 0x05; d[1] = 0x40;  /* BIG_Offset 5, units 300 us */
    d[1] |= 0x80; d[2] = 0x04; /* ISO_Interval bit 15..26: 1 | 4 << 1 = 9 */
    d[3] = 0x10;               /* Num_BIS: bits 27..31 = 0x10 >> 3 = 2 */
    d[4] = 0x22;               /* NSE = 2, BN = 1 */
    d[13] = 0x78; d[14] = 0x56; d[15] = 0x34; d[16] = 0x12; /* SeedAccessAddress */
    d[32] = 0x80;              /* Framing */
    for (i = 33; i < 57; i++)
        d[i] = (uint8_t)i;     /* GIV, GSKD */
    CHECK_EQ(ble_gap_ad_biginfo_decode(d, 33, &b), BLE_OK);
    CHECK_EQ(b.big_offset, 5);
    CHECK_EQ(b.big_offset_units, 1);
    CHECK_EQ(b.iso_interval, 9);
    CHECK_EQ(b.num_bis, 2);
    CHECK_EQ(b.nse, 2);
    CHECK_EQ(b.bn, 1);
    CHECK_EQ(b.seed_access_address, 0x12345678);
    CHECK_EQ(b.framing, 1);
    CHECK_EQ(b.encrypted, 0);
    CHECK_EQ(ble_gap_ad_biginfo_decode(d, 57, &c), BLE_OK);
    CHECK_EQ(c.encrypted, 1);
    CHECK_EQ(c.giv[0], 33);
    CHECK_EQ(c.gskd[15], 56);
    CHECK_EQ(ble_gap_ad_biginfo_encode(&c, out, sizeof out), 57);
    CHECK_MEM(out, d, 57);
    /* a field too wide for its bits is refused, nothing written */
    c.num_bis = 32;
    tt_poison(out, sizeof out);
    CHECK_EQ(ble_gap_ad_biginfo_encode(&c, out, sizeof out), BLE_ERR_RANGE);
    CHECK(tt_is_poison(out, sizeof out));
}

/* ---- builder ---- */

static void builder_round_trip(void)
{
    uint8_t buf[64];
    struct ble_gap_ad_builder b;
    struct ble_uuid uu[3];
    static const uint8_t u128[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    struct ble_gap_ad ad;
    static const uint8_t want[] = {
        0x02, 0x01, 0x06,                         /* Flags */
        0x05, 0x03, 0x0F, 0x18, 0x0A, 0x18,       /* Complete 16-bit: 0x180F, 0x180A (from 128-bit form) */
        0x11, 0x07, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, /* Complete 128-bit */
        0x04, 0x09, 'k', 'i', 't',               /* Complete Local Name */
        0x02, 0x0A, 0xF4,                         /* Tx Power -12 */
        0x03, 0x19, 0xC1, 0x03,                   /* Appearance */
        0x05, 0xFF, 0xF1, 0x05, 0xAA, 0xBB,       /* Manufacturer 0x05F1 */
        0x04, 0x16, 0x0F, 0x18, 0x64,             /* Service Data 0x180F */
    };
    uu[0] = ble_uuid16(0x180F);
    ble_uuid_from_le(&uu[1], u128, 16);
    uu[2] = ble_uuid16(0x180A);
    ble_uuid_to128(&uu[2], buf); /* the 128-bit form of a SIG UUID goes in the 16-bit list */
    ble_uuid_from_le(&uu[2], buf, 16);
    ble_gap_ad_builder_init(&b, buf, sizeof buf);
    CHECK_EQ(ble_gap_ad_add_flags(&b, BLE_GAP_AD_FLAG_LE_GENERAL | BLE_GAP_AD_FLAG_NO_BREDR), 3);
    CHECK_EQ(ble_gap_ad_add_uuids(&b, uu, 3, BLE_GAP_AD_UUIDS_COMPLETE), 6 + 18);
    CHECK_EQ(ble_gap_ad_add_name(&b, "kit", 3, 0), 5);
    CHECK_EQ(ble_gap_ad_add_tx_power(&b, -12), 3);
    CHECK_EQ(ble_gap_ad_add_appearance(&b, 0x03C1), 4);
    CHECK_EQ(ble_gap_ad_add_manufacturer(&b, 0x05F1, "\xAA\xBB", 2), 6);
    CHECK_EQ(ble_gap_ad_add_service_data(&b, &uu[0], "\x64", 1), 5);
    CHECK_EQ(b.len, sizeof want);
    CHECK_MEM(buf, want, sizeof want);
    /* iterate back: every structure decodes by its type */
    ble_gap_ad_it_init(&it, buf, b.len);
    while (ble_gap_ad_next(&it, &s) == 1)
        CHECK_EQ(ble_gap_ad_decode(s.type, s.data.p, s.data.len, &ad), BLE_OK);
    CHECK_EQ(it.err, BLE_OK);
    CHECK_EQ(it.pos, sizeof want);
    /* no UUIDs: nothing written */
    CHECK_EQ(ble_gap_ad_add_uuids(&b, uu, 0, BLE_GAP_AD_UUIDS_SOLICIT), 0);
    CHECK_EQ(b.len, sizeof want);
}

static void builder_out_of_space_writes_nothing(void)
{
    uint8_t buf[40];
    struct ble_gap_ad_builder b;
    struct ble_uuid uu[2];
    static const uint8_t u128[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    uint8_t big[255];
    struct ble_gap_ad_flags fl;
    memset(big, 0x11, sizeof big);
    tt_poison(buf, sizeof buf);
    ble_gap_ad_builder_init(&b, buf, BLE_GAP_AD_LEGACY_MAX);
    CHECK_EQ(ble_gap_ad_add_manufacturer(&b, 0x05F1, big, 20), 24);
    /* 7 octets left: a 16-bit list (4) fits, the 128-bit one (18) does not:
     * all or none */
    uu[0] = ble_uuid16(0x180F);
    ble_uuid_from_le(&uu[1], u128, 16);
    CHECK_EQ(ble_gap_ad_add_uuids(&b, uu, 2, BLE_GAP_AD_UUIDS_INCOMPLETE), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_gap_ad_add_manufacturer(&b, 0x05F1, big, 4), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_gap_ad_add(&b, 0x09, big, 6), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_gap_ad_add_service_data(&b, &uu[1], big, 1), BLE_ERR_NO_SPACE);
    fl.flags = 6;
    fl.reserved = ble_view_make(big, 5);
    CHECK_EQ(ble_gap_ad_add_value(&b, BLE_GAP_AD_FLAGS, &fl), BLE_ERR_NO_SPACE);
    CHECK_EQ(b.len, 24);
    CHECK(tt_is_poison(buf + 24, sizeof buf - 24));
    /* too long for one structure, whatever the room */
    tt_poison(buf, sizeof buf);
    ble_gap_ad_builder_init(&b, buf, sizeof buf);
    CHECK_EQ(ble_gap_ad_add(&b, 0xFF, big, 255), BLE_ERR_TOO_LONG);
    CHECK_EQ(ble_gap_ad_add_manufacturer(&b, 1, big, 253), BLE_ERR_TOO_LONG);
    CHECK_EQ(b.len, 0);
    /* a value its type does not allow is refused before anything is written */
    fl.reserved = ble_view_make(big, 0);
    {
        struct ble_gap_ad_broadcast_name bn;
        bn.name = ble_view_make((const uint8_t *)"abc", 3);
        CHECK_EQ(ble_gap_ad_add_value(&b, BLE_GAP_AD_BROADCAST_NAME, &bn), BLE_ERR_MALFORMED);
    }
    CHECK_EQ(ble_gap_ad_add_value(&b, 0x13, &fl), BLE_ERR_UNKNOWN);
    CHECK_EQ(b.len, 0);
    CHECK(tt_is_poison(buf, sizeof buf));
    /* exactly filling the buffer is fine */
    ble_gap_ad_builder_init(&b, buf, 31);
    CHECK_EQ(ble_gap_ad_add(&b, 0xFF, big, 29), 31);
    CHECK_EQ(ble_gap_ad_add_flags(&b, 6), BLE_ERR_NO_SPACE);
}

static void builder_shortens_a_name_that_does_not_fit(void)
{
    uint8_t buf[31];
    struct ble_gap_ad_builder b;
    ble_gap_ad_builder_init(&b, buf, 10);
    CHECK_EQ(ble_gap_ad_add_name(&b, "blekit-sensor", 13, 4), 10);
    CHECK_EQ(buf[0], 9);
    CHECK_EQ(buf[1], BLE_GAP_AD_SHORT_NAME);
    CHECK_MEM(buf + 2, "blekit-s", 8);
    /* never inside a UTF-8 character: "a" + "é" (2 octets) in room for 2 */
    ble_gap_ad_builder_init(&b, buf, 4);
    CHECK_EQ(ble_gap_ad_add_name(&b, "a\xC3\xA9", 3, 0), 3);
    CHECK_EQ(buf[0], 2);
    CHECK_EQ(buf[1], BLE_GAP_AD_SHORT_NAME);
    CHECK_EQ(buf[2], 'a');
    /* shorter than the caller accepts: nothing */
    tt_poison(buf, sizeof buf);
    ble_gap_ad_builder_init(&b, buf, 6);
    CHECK_EQ(ble_gap_ad_add_name(&b, "blekit-sensor", 13, 5), BLE_ERR_NO_SPACE);
    CHECK_EQ(b.len, 0);
    CHECK(tt_is_poison(buf, sizeof buf));
    /* the whole name fits: complete */
    ble_gap_ad_builder_init(&b, buf, 31);
    CHECK_EQ(ble_gap_ad_add_name(&b, "blekit-sensor", 13, 5), 15);
    CHECK_EQ(buf[1], BLE_GAP_AD_COMPLETE_NAME);
}

static void builder_chooses_uuid_and_service_data_types_by_size(void)
{
    uint8_t buf[64];
    struct ble_gap_ad_builder b;
    struct ble_uuid u[2];
    static const uint8_t u32le[4] = { 0x78, 0x56, 0x34, 0x12 };
    static const uint8_t want[] = {
        0x03, 0x14, 0x0F, 0x18,                   /* 16-bit solicitation */
        0x05, 0x1F, 0x78, 0x56, 0x34, 0x12,       /* 32-bit solicitation */
        0x06, 0x20, 0x78, 0x56, 0x34, 0x12, 0x01, /* Service Data - 32-bit UUID */
    };
    ble_uuid_from_le(&u[0], u32le, 4);
    u[1] = ble_uuid16(0x180F);
    ble_gap_ad_builder_init(&b, buf, sizeof buf);
    CHECK_EQ(ble_gap_ad_add_uuids(&b, u, 2, BLE_GAP_AD_UUIDS_SOLICIT), 10);
    CHECK_EQ(ble_gap_ad_add_service_data(&b, &u[0], "\x01", 1), 7);
    CHECK_MEM(buf, want, sizeof want);
}

/* ---- printer ---- */

static void printer_in_three_modes(void)
{
    char txt[512];
    struct ble_str s;
    static const uint8_t svc[] = { 0x04, 0x16, 0x0F, 0x18, 0x64, 0x02, 0x19, 0xC1 };
#if BLE_CFG_NAMES
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(adv_typical, sizeof adv_typical, &s, 0);
    CHECK_STR(txt, "Flags: flags=0x06 (LE General Discoverable Mode, BR/EDR Not Supported); "
                   "Complete Local Name: name=\"Phone\"; Tx Power Level: tx_power=-12");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(adv_typical, sizeof adv_typical, &s, BLE_PRINT_MULTILINE);
    CHECK_STR(txt, "Flags:\n  flags=0x06 (LE General Discoverable Mode, BR/EDR Not Supported)\n"
                   "Complete Local Name:\n  name=\"Phone\"\n"
                   "Tx Power Level:\n  tx_power=-12");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(adv_typical, sizeof adv_typical, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "{\"ad\":[{\"type\":1,\"name\":\"Flags\",\"value\":{\"flags\":6,\"flags_names\":"
                   "[\"LE General Discoverable Mode\",\"BR/EDR Not Supported\"]}},"
                   "{\"type\":9,\"name\":\"Complete Local Name\",\"value\":{\"name\":\"Phone\"}},"
                   "{\"type\":10,\"name\":\"Tx Power Level\",\"value\":{\"tx_power\":-12}}]}");
    /* service data, then an Appearance cut short: the error and the raw octets */
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(svc, sizeof svc, &s, 0);
    CHECK_STR(txt, "Service Data - 16-bit UUID: uuid=0x180f data=[1]64; "
                   "Appearance: error=BLE_ERR_MALFORMED data=[1]c1");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(svc, sizeof svc, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "{\"ad\":[{\"type\":22,\"name\":\"Service Data - 16-bit UUID\",\"value\":{\"uuid\":\"0x180f\",\"data\":\"64\"}},"
                   "{\"type\":25,\"name\":\"Appearance\",\"error\":\"BLE_ERR_MALFORMED\",\"data\":\"c1\"}]}");
    /* the iterator's error ends the output */
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(adv_typical, 8, &s, 0);
    CHECK_STR(txt, "Flags: flags=0x06 (LE General Discoverable Mode, BR/EDR Not Supported); "
                   "error=BLE_ERR_SHORT offset=3");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(adv_typical, 8, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "{\"ad\":[{\"type\":1,\"name\":\"Flags\",\"value\":{\"flags\":6,\"flags_names\":"
                   "[\"LE General Discoverable Mode\",\"BR/EDR Not Supported\"]}}],"
                   "\"error\":\"BLE_ERR_SHORT\",\"offset\":3}");
    /* unknown types and names that need escaping */
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print(0x13, (const uint8_t *)"\x01\x02", 2, &s, 0);
    CHECK_STR(txt, "AD type 0x13: data=[2]0102");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print(0x09, (const uint8_t *)"a\"\n\xFF", 4, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "{\"type\":9,\"name\":\"Complete Local Name\",\"value\":{\"name\":\"a\\\"\\u000a\\u00ff\"}}");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print(0x03, vec(0x03), 4, &s, 0);
    CHECK_STR(txt, "Complete List of 16-bit Service or Service Class UUIDs: uuids=[0x180f,0x180a]");
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print(0x1C, vec(0x1C), 1, &s, 0);
    CHECK_STR(txt, "LE Role: role=0x02 (Peripheral and Central Role supported, Peripheral Role preferred)");
#else
    ble_str_init(&s, txt, sizeof txt);
    ble_gap_ad_print_all(svc, sizeof svc, &s, BLE_PRINT_JSON);
    CHECK_STR(txt, "");
#endif
}

static void printer_stays_in_bounds_for_every_type(void)
{
    size_t i, cap;
    char txt[64];
    for (i = 0; i < NVALID; i++) {
        for (cap = 0; cap < sizeof txt; cap += 7) {
            unsigned m;
            for (m = 0; m < 3; m++) {
                struct ble_str s;
                memset(txt, 0x5A, sizeof txt);
                ble_str_init(&s, txt, cap);
                ble_gap_ad_print(valid[i].type, valid[i].d, valid[i].len, &s, m == 0 ? 0 : m == 1 ? BLE_PRINT_MULTILINE : BLE_PRINT_JSON);
                CHECK(s.len < cap || cap == 0);
                if (cap < sizeof txt)
                    CHECK_EQ(txt[cap], 0x5A);
            }
        }
    }
}

/* Core 6.0 Vol 3 Part C 8, the example of extended inquiry response data
 * (the format AD data shares, Part C 11): a Complete Local Name "Phone", a
 * Complete List of 16-bit Service Class UUIDs 0x1105 and 0x110B, then zero
 * octets up to the 240 of an EIR packet. */
static void core_eir_example_decodes(void)
{
    uint8_t eir[240] = {
        0x06, 0x09, 'P', 'h', 'o', 'n', 'e', /* Length 6, Complete Local Name */
        0x05, 0x03, 0x05, 0x11, 0x0B, 0x11,  /* Length 5, Complete List of 16-bit UUIDs */
    };                                       /* 0x00 ...: the non-significant part */
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct st;
    struct ble_gap_ad ad;
    struct ble_uuid u, ref;
    ble_gap_ad_it_init(&it, eir, sizeof eir);
    CHECK_EQ(ble_gap_ad_next(&it, &st), 1);
    CHECK_EQ(ble_gap_ad_decode(st.type, st.data.p, st.data.len, &ad), BLE_OK);
    CHECK_EQ(ad.type, BLE_GAP_AD_COMPLETE_NAME);
    CHECK_EQ(ad.data.len, 5);
    CHECK_MEM(ad.data.p, "Phone", 5);
    CHECK_EQ(ble_gap_ad_next(&it, &st), 1);
    CHECK_EQ(st.off, 7);
    CHECK_EQ(ble_gap_ad_decode(st.type, st.data.p, st.data.len, &ad), BLE_OK);
    CHECK_EQ(ad.type, BLE_GAP_AD_UUID16_COMPLETE);
    CHECK_EQ(ble_gap_ad_uuid(&ad, 0, &u), BLE_OK);
    ref = ble_uuid16(0x1105);
    CHECK(ble_uuid_eq(&u, &ref));
    CHECK_EQ(ble_gap_ad_uuid(&ad, 1, &u), BLE_OK);
    ref = ble_uuid16(0x110B);
    CHECK(ble_uuid_eq(&u, &ref));
    CHECK(ble_gap_ad_uuid(&ad, 2, &u) != BLE_OK);
    /* the zero octets end the significant part: the end, not an error */
    CHECK_EQ(ble_gap_ad_next(&it, &st), 0);
    CHECK_EQ(it.err, BLE_OK);
    CHECK_EQ(it.pos, 13);
}

void suite_gap_ad(void)
{
    TT_RUN(core_eir_example_decodes);
    TT_RUN(iterator_walks_a_typical_payload);
    TT_RUN(iterator_empty_data_is_the_end_not_an_error);
    TT_RUN(iterator_zero_length_ends_and_zero_padding_is_accepted);
    TT_RUN(iterator_reports_a_non_zero_octet_after_a_zero_length);
    TT_RUN(iterator_reports_a_length_past_the_end_with_its_offset);
    TT_RUN(iterator_type_only_structure_has_empty_data);
    TT_RUN(iterator_data_exactly_filling_31_octets);
    TT_RUN(iterator_walks_1650_octets_of_extended_data);
    TT_RUN(find_tells_absent_from_malformed);
    TT_RUN(every_assigned_type_has_a_vector_and_a_name);
    TT_RUN(every_valid_vector_decodes_and_re_encodes);
    TT_RUN(fixed_size_types_refuse_one_octet_less_and_more);
    TT_RUN(malformed_lengths_are_refused);
    TT_RUN(broadcast_name_counts_characters_not_octets);
    TT_RUN(typed_values_read_as_the_spec_says);
    TT_RUN(biginfo_bit_fields);
    TT_RUN(builder_round_trip);
    TT_RUN(builder_out_of_space_writes_nothing);
    TT_RUN(builder_shortens_a_name_that_does_not_fit);
    TT_RUN(builder_chooses_uuid_and_service_data_types_by_size);
    TT_RUN(printer_in_three_modes);
    TT_RUN(printer_stays_in_bounds_for_every_type);
}
