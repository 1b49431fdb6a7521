/* Unit tests of profiles/bap.h: the LC3 configuration and capability LTVs,
 * Metadata, the LC3 sets and QoS tables, the BASE and the broadcast
 * announcements, and the LTV walk of layers/base.h that ASCS shares.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

#include <string.h>

/* ---- Vectors ---- */

/* Codec_Specific_Configuration (Assigned Numbers 6.12.5): 48 kHz, 10 ms,
 * Front Left + Front Right, 100 octets, 1 block */
static const uint8_t v_cfg[] = {
    0x02, 0x01, 0x08,                   /* Sampling_Frequency 48000 */
    0x02, 0x02, 0x01,                   /* Frame_Duration 10 ms */
    0x05, 0x03, 0x03, 0x00, 0x00, 0x00, /* Audio_Channel_Allocation FL|FR */
    0x03, 0x04, 0x64, 0x00,             /* Octets_Per_Codec_Frame 100 */
    0x02, 0x05, 0x01,                   /* Codec_Frame_Blocks_Per_SDU 1 */
};
/* Codec_Specific_Capabilities (Assigned Numbers 6.12.4): 16, 24, 48 kHz;
 * 7.5 and 10 ms, 10 preferred; 1 or 2 channels; 30..155 octets; 2 frames */
static const uint8_t v_cap[] = {
    0x03, 0x01, 0x94, 0x00,             /* frequencies: bits 2 (16k), 4 (24k), 7 (48k) */
    0x02, 0x02, 0x23,                   /* durations: 7.5, 10, 10 preferred */
    0x02, 0x03, 0x03,                   /* channel counts 1, 2 */
    0x05, 0x04, 0x1e, 0x00, 0x9b, 0x00, /* octets 30..155 */
    0x02, 0x05, 0x02,                   /* max 2 codec frames per SDU */
};
/* BASE (BAP 1.0 3.7.2.2, Table 3.16): a stereo 48_2 broadcast, one subgroup,
 * two BISes, Streaming_Audio_Contexts Media */
static const uint8_t v_base[] = {
    0x40, 0x9c, 0x00,                   /* Presentation_Delay 40000 us */
    0x01,                               /* Num_Subgroups */
    0x02,                               /* [0] Num_BIS */
    0x06, 0x00, 0x00, 0x00, 0x00,       /* [0] Codec_ID: LC3 */
    0x0a,                               /* [0] Codec_Specific_Configuration_Length */
    0x02, 0x01, 0x08, 0x02, 0x02, 0x01, 0x03, 0x04, 0x64, 0x00,
    0x04,                               /* [0] Metadata_Length */
    0x03, 0x02, 0x04, 0x00,             /* Streaming_Audio_Contexts: Media */
    0x01,                               /* [0][0] BIS_index 1 */
    0x06, 0x05, 0x03, 0x01, 0x00, 0x00, 0x00, /* Front Left */
    0x02,                               /* [0][1] BIS_index 2 */
    0x06, 0x05, 0x03, 0x02, 0x00, 0x00, 0x00, /* Front Right */
};

static void ltv_walk_is_shared_and_reports_where(void)
{
    static const uint8_t ok[] = { 0x02, 0x01, 0x08, 0x01, 0x09 };
    static const uint8_t zero[] = { 0x02, 0x01, 0x08, 0x00, 0x07 };
    static const uint8_t past[] = { 0x02, 0x01, 0x08, 0x04, 0x02, 0x01 };
    struct ble_view v;
    struct ble_rd r;
    uint8_t t = 0, bad = 0xA5;
    size_t off = 99;
    CHECK_EQ(ble_ltv_check(ok, sizeof ok, &bad, &off), BLE_OK);
    CHECK_EQ(ble_ltv_find(ok, sizeof ok, 0x09, &v), BLE_OK);
    CHECK_EQ(v.len, 0);
    CHECK_EQ(ble_ltv_find(ok, sizeof ok, 0x05, &v), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_ltv_check(zero, sizeof zero, &bad, &off), BLE_ERR_MALFORMED);
    CHECK_EQ(off, 3);
    CHECK_EQ(ble_ltv_check(past, sizeof past, &bad, &off), BLE_ERR_SHORT);
    CHECK_EQ(off, 3);
    CHECK_EQ(bad, 0x02);
    CHECK_EQ(ble_ltv_find(past, sizeof past, 0x01, &v), BLE_ERR_SHORT);
    /* ASCS takes the same walk */
    ble_rd_init(&r, ok, sizeof ok);
    CHECK_EQ(ble_ascs_ltv_next(&r, &t, &v), BLE_OK);
    CHECK_EQ(t, 0x01);
    CHECK_EQ(ble_ascs_ltv_check(past, sizeof past, &bad), BLE_ERR_SHORT);
}

static void ltv_put_builds_and_refuses_long_values(void)
{
    uint8_t buf[8], big[255];
    struct ble_wr w;
    static const uint8_t expect[] = { 0x03, 0x04, 0x28, 0x00 };
    ble_wr_init(&w, buf, sizeof buf);
    ble_ltv_put(&w, 0x04, "\x28\x00", 2);
    CHECK_EQ(ble_wr_done(&w), 4);
    CHECK_MEM(buf, expect, 4);
    memset(big, 0, sizeof big);
    ble_wr_init_count(&w);
    ble_ltv_put(&w, 0xFF, big, 255);
    CHECK_EQ(ble_wr_done(&w), BLE_ERR_TOO_LONG);
    ble_wr_init(&w, buf, 3);
    ble_ltv_put(&w, 0x04, "\x28\x00", 2);
    CHECK_EQ(ble_wr_done(&w), BLE_ERR_NO_SPACE);
}

static void codec_cfg_decodes_and_reencodes_byte_exact(void)
{
    struct ble_bap_codec_cfg c;
    uint8_t out[32];
    CHECK_EQ(ble_bap_codec_cfg_decode(v_cfg, sizeof v_cfg, &c, 0), BLE_OK);
    CHECK_EQ(c.present, 0x3E);
    CHECK_EQ(c.sampling_frequency, BLE_BAP_FREQ_48000);
    CHECK_EQ(ble_bap_freq_hz(c.sampling_frequency), 48000);
    CHECK_EQ(c.frame_duration, BLE_BAP_DURATION_10MS);
    CHECK_EQ(c.audio_channel_allocation, BLE_BAP_LOC_FRONT_LEFT | BLE_BAP_LOC_FRONT_RIGHT);
    CHECK_EQ(c.octets_per_codec_frame, 100);
    CHECK_EQ(c.codec_frame_blocks_per_sdu, 1);
    CHECK_EQ(ble_bap_codec_cfg_encode(&c, out, sizeof out), (int)sizeof v_cfg);
    CHECK_MEM(out, v_cfg, sizeof v_cfg);
    memset(out, 0xA5, sizeof out);
    CHECK_EQ(ble_bap_codec_cfg_encode(&c, out, sizeof v_cfg - 1), BLE_ERR_NO_SPACE);
    CHECK_EQ(out[0], 0xA5);
}

static void codec_cfg_every_type_round_trips_alone(void)
{
    unsigned t;
    for (t = 1; t <= 5; t++) {
        struct ble_bap_codec_cfg c, d;
        uint8_t out[8];
        int n;
        memset(&c, 0, sizeof c);
        c.present = (uint8_t)(1u << t);
        c.sampling_frequency = 0x0D;
        c.frame_duration = 0x00;
        c.audio_channel_allocation = 0x0FFFFFFF;
        c.octets_per_codec_frame = 0xBEEF;
        c.codec_frame_blocks_per_sdu = 7;
        n = ble_bap_codec_cfg_encode(&c, out, sizeof out);
        CHECK(n >= 3);
        CHECK_EQ(out[1], t);
        CHECK_EQ(ble_bap_codec_cfg_decode(out, (size_t)n, &d, 0), BLE_OK);
        CHECK_EQ(d.present, c.present);
        CHECK_EQ(ble_bap_codec_cfg_encode(&d, out + 0, sizeof out), n);
    }
}

static void codec_cfg_reserved_values_are_rejected(void)
{
    static const uint8_t bad_freq[][3] = { { 2, 1, 0x00 }, { 2, 1, 0x0E }, { 2, 1, 0xFF } };
    static const uint8_t bad_dur[] = { 2, 2, 0x02 };
    static const uint8_t bad_alloc[] = { 5, 3, 0, 0, 0, 0x10 };
    static const uint8_t wrong_len[] = { 3, 1, 0x08, 0x00 };
    static const uint8_t twice[] = { 2, 1, 0x08, 2, 1, 0x03 };
    struct ble_bap_codec_cfg c, poison;
    uint8_t bad;
    size_t i;
    memset(&poison, 0xA5, sizeof poison);
    for (i = 0; i < 3; i++) {
        c = poison;
        bad = 0;
        CHECK_EQ(ble_bap_codec_cfg_decode(bad_freq[i], 3, &c, &bad), BLE_ERR_RANGE);
        CHECK_EQ(bad, BLE_BAP_CFG_SAMPLING_FREQUENCY);
        CHECK_MEM(&c, &poison, sizeof c);
    }
    CHECK_EQ(ble_bap_codec_cfg_decode(bad_dur, 3, &c, &bad), BLE_ERR_RANGE);
    CHECK_EQ(bad, BLE_BAP_CFG_FRAME_DURATION);
    CHECK_EQ(ble_bap_codec_cfg_decode(bad_alloc, 6, &c, &bad), BLE_ERR_RANGE);
    CHECK_EQ(bad, BLE_BAP_CFG_AUDIO_CHANNEL_ALLOCATION);
    CHECK_EQ(ble_bap_codec_cfg_decode(wrong_len, 4, &c, &bad), BLE_ERR_MALFORMED);
    CHECK_EQ(bad, BLE_BAP_CFG_SAMPLING_FREQUENCY);
    CHECK_EQ(ble_bap_codec_cfg_decode(twice, 6, &c, &bad), BLE_ERR_MALFORMED);
    CHECK_MEM(&c, &poison, sizeof c);
    /* the encoder refuses what the decoder refuses */
    memset(&c, 0, sizeof c);
    c.present = 1u << 2;
    c.frame_duration = 2;
    CHECK_EQ(ble_bap_codec_cfg_encode(&c, (uint8_t *)&poison, sizeof poison), BLE_ERR_RANGE);
    /* unknown Types are skipped */
    CHECK_EQ(ble_bap_codec_cfg_decode((const uint8_t *)"\x02\x77\x01", 3, &c, &bad), BLE_OK);
    CHECK_EQ(c.present, 0);
}

static void codec_cfg_truncated_at_every_prefix_leaves_output_alone(void)
{
    size_t n;
    for (n = 1; n < sizeof v_cfg; n++) {
        struct ble_bap_codec_cfg c, poison;
        int rc;
        memset(&poison, 0xA5, sizeof poison);
        c = poison;
        rc = ble_bap_codec_cfg_decode(v_cfg, n, &c, 0);
        /* a cut at a structure boundary is a shorter, valid list */
        if (n == 3 || n == 6 || n == 12 || n == 16) {
            CHECK_EQ(rc, BLE_OK);
            continue;
        }
        CHECK_EQ(rc, BLE_ERR_SHORT);
        CHECK_MEM(&c, &poison, sizeof c);
    }
}

static void codec_cap_decodes_and_reencodes_byte_exact(void)
{
    struct ble_bap_codec_cap c;
    uint8_t out[32];
    size_t n;
    CHECK_EQ(ble_bap_codec_cap_decode(v_cap, sizeof v_cap, &c, 0), BLE_OK);
    CHECK_EQ(c.sampling_frequencies, 0x0094);
    CHECK_EQ(c.frame_durations, 0x23);
    CHECK_EQ(c.audio_channel_counts, 0x03);
    CHECK_EQ(c.octets_min, 30);
    CHECK_EQ(c.octets_max, 155);
    CHECK_EQ(c.max_codec_frames_per_sdu, 2);
    CHECK_EQ(ble_bap_codec_cap_encode(&c, out, sizeof out), (int)sizeof v_cap);
    CHECK_MEM(out, v_cap, sizeof v_cap);
    for (n = 1; n < sizeof v_cap; n++) {
        struct ble_bap_codec_cap d, poison;
        int rc;
        memset(&poison, 0xA5, sizeof poison);
        d = poison;
        rc = ble_bap_codec_cap_decode(v_cap, n, &d, 0);
        if (n == 4 || n == 7 || n == 10 || n == 16)
            CHECK_EQ(rc, BLE_OK);
        else {
            CHECK_EQ(rc, BLE_ERR_SHORT);
            CHECK_MEM(&d, &poison, sizeof d);
        }
    }
}

static void codec_cap_reserved_values_are_rejected(void)
{
    static const uint8_t freq_rfu[] = { 3, 1, 0x00, 0x20 };    /* bit 13 */
    static const uint8_t dur_rfu[] = { 2, 2, 0x04 };           /* bit 2 */
    static const uint8_t dur_pref_only[] = { 2, 2, 0x12 }; /* 10 ms supported, 7.5 preferred */
    static const uint8_t min_over_max[] = { 5, 4, 0x64, 0x00, 0x28, 0x00 };
    struct ble_bap_codec_cap c;
    uint8_t bad = 0;
    CHECK_EQ(ble_bap_codec_cap_decode(freq_rfu, 4, &c, &bad), BLE_ERR_RANGE);
    CHECK_EQ(bad, BLE_BAP_CAP_SAMPLING_FREQUENCIES);
    CHECK_EQ(ble_bap_codec_cap_decode(dur_rfu, 3, &c, &bad), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_codec_cap_decode(dur_pref_only, 3, &c, &bad), BLE_ERR_RANGE);
    CHECK_EQ(bad, BLE_BAP_CAP_FRAME_DURATIONS);
    CHECK_EQ(ble_bap_codec_cap_decode(min_over_max, 6, &c, &bad), BLE_ERR_RANGE);
    CHECK_EQ(bad, BLE_BAP_CAP_OCTETS_PER_CODEC_FRAME);
}

static void configuration_fits_capabilities_by_each_rule(void)
{
    struct ble_bap_codec_cfg cfg;
    struct ble_bap_codec_cap cap;
    CHECK_EQ(ble_bap_codec_cap_decode(v_cap, sizeof v_cap, &cap, 0), BLE_OK);
    CHECK_EQ(ble_bap_codec_cfg_decode(v_cfg, sizeof v_cfg, &cfg, 0), BLE_OK);
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), 0);
    cfg.sampling_frequency = BLE_BAP_FREQ_32000;
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_SAMPLING_FREQUENCY);
    cfg.sampling_frequency = BLE_BAP_FREQ_16000;
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), 0);
    cfg.audio_channel_allocation = 0x7; /* three channels */
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_AUDIO_CHANNEL_ALLOCATION);
    cfg.audio_channel_allocation = 0x3;
    cfg.octets_per_codec_frame = 156;
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_OCTETS_PER_CODEC_FRAME);
    cfg.octets_per_codec_frame = 30;
    cfg.codec_frame_blocks_per_sdu = 2; /* 2 channels x 2 blocks > 2 */
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_CODEC_FRAME_BLOCKS_PER_SDU);
    cfg.codec_frame_blocks_per_sdu = 1;
    cap.frame_durations = 0x01; /* 7.5 ms only */
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_FRAME_DURATION);
    cap.frame_durations = 0x03;
    /* without Supported_Audio_Channel_Counts only one channel fits */
    cap.present &= (uint8_t)~(1u << 3);
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_AUDIO_CHANNEL_ALLOCATION);
    cfg.audio_channel_allocation = BLE_BAP_LOC_FRONT_LEFT;
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), 0);
    cfg.present &= (uint8_t)~(1u << 4);
    CHECK_EQ(ble_bap_codec_cfg_fits(&cfg, &cap), BLE_BAP_CFG_OCTETS_PER_CODEC_FRAME);
}

/* One structure of every Metadata Type of Assigned Numbers 6.12.6. */
static const uint8_t v_meta[] = {
    0x03, 0x01, 0x06, 0x00,             /* Preferred_Audio_Contexts: Conversational | Media */
    0x03, 0x02, 0x04, 0x00,             /* Streaming_Audio_Contexts: Media */
    0x04, 0x03, 'N', 'e', 'w',          /* Program_Info */
    0x04, 0x04, 'e', 'n', 'g',          /* Language */
    0x03, 0x05, 0x01, 0x02,             /* CCID_List */
    0x02, 0x06, 0x0F,                   /* Parental_Rating: age 18 */
    0x05, 0x07, 'h', 't', 't', 'p',     /* Program_Info_URI */
    0x02, 0x08, 0x01,                   /* Audio_Active_State: audio */
    0x01, 0x09,                         /* Broadcast_Audio_Immediate_Rendering_Flag */
    0x02, 0x0A, 0x00,                   /* Assisted_Listening_Stream */
    0x05, 0x0B, 'J', 'a', 'z', 'z',     /* Broadcast_Name */
    0x04, 0xFE, 0x34, 0x12, 0x99,       /* Extended_Metadata type 0x1234 */
    0x04, 0xFF, 0x59, 0x00, 0x42,       /* Vendor_Specific, company 0x0059 */
};

static void metadata_every_type_decodes_and_reencodes(void)
{
    struct ble_rd r;
    struct ble_view v;
    uint8_t t, out[sizeof v_meta];
    struct ble_wr w;
    unsigned count = 0;
    ble_rd_init(&r, v_meta, sizeof v_meta);
    ble_wr_init(&w, out, sizeof out);
    while (ble_ltv_next(&r, &t, &v) == BLE_OK) {
        struct ble_bap_meta m;
        CHECK_EQ(ble_bap_meta_decode(t, v.p, v.len, &m), BLE_OK);
        CHECK(ble_bap_meta_name(t)[0] != '\0');
        switch (t) {
        case BLE_BAP_META_PREFERRED_AUDIO_CONTEXTS: CHECK_EQ(m.v.contexts, 0x0006); break;
        case BLE_BAP_META_STREAMING_AUDIO_CONTEXTS: CHECK_EQ(m.v.contexts, BLE_BAP_CONTEXT_MEDIA); break;
        case BLE_BAP_META_LANGUAGE: CHECK_MEM(m.v.language, "eng", 3); break;
        case BLE_BAP_META_CCID_LIST: CHECK_EQ(m.v.ccids.len, 2); break;
        case BLE_BAP_META_PARENTAL_RATING: CHECK_EQ(m.v.parental_rating, 0x0F); break;
        case BLE_BAP_META_AUDIO_ACTIVE_STATE: CHECK_EQ(m.v.audio_active_state, 1); break;
        case BLE_BAP_META_BROADCAST_NAME: CHECK_MEM(m.v.text.p, "Jazz", 4); break;
        case BLE_BAP_META_EXTENDED_METADATA: CHECK_EQ(m.v.ext.id, 0x1234); break;
        case BLE_BAP_META_VENDOR_SPECIFIC:
            CHECK_EQ(m.v.ext.id, 0x0059);
            CHECK_EQ(m.v.ext.data.len, 1);
            break;
        default: break;
        }
        /* encode from the typed members, not the raw value */
        m.value = ble_view_make(0, 0);
        CHECK_EQ(ble_bap_meta_put(&w, &m), BLE_OK);
        count++;
    }
    CHECK_EQ(count, 13);
    CHECK_EQ(ble_wr_done(&w), (int)sizeof v_meta);
    CHECK_MEM(out, v_meta, sizeof v_meta);
    CHECK_EQ(ble_bap_meta_check(v_meta, sizeof v_meta, 0), BLE_OK);
    CHECK_STR(ble_bap_meta_name(0x02), "Streaming_Audio_Contexts");
    CHECK_STR(ble_bap_meta_name(0x40), "");
}

static void metadata_reserved_values_and_lengths_are_rejected(void)
{
    struct ble_bap_meta m, poison;
    uint8_t bad = 0;
    memset(&poison, 0xA5, sizeof poison);
    m = poison;
    CHECK_EQ(ble_bap_meta_decode(0x02, (const uint8_t *)"\x00\x10", 2, &m), BLE_ERR_RANGE);
    CHECK_MEM(&m, &poison, sizeof m);
    CHECK_EQ(ble_bap_meta_decode(0x02, (const uint8_t *)"\x04", 1, &m), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_bap_meta_decode(0x04, (const uint8_t *)"EN1", 3, &m), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_meta_decode(0x06, (const uint8_t *)"\x10", 1, &m), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_meta_decode(0x08, (const uint8_t *)"\x02", 1, &m), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_meta_decode(0x09, (const uint8_t *)"\x00", 1, &m), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_bap_meta_decode(0x0A, (const uint8_t *)"\x01", 1, &m), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_meta_decode(0x0B, (const uint8_t *)"abc", 3, &m), BLE_ERR_MALFORMED);
    {
        /* 32 characters of 2 octets each: 64 octets, allowed; 129 octets are not */
        uint8_t name[129];
        size_t i;
        for (i = 0; i < 64; i += 2) {
            name[i] = 0xC3;
            name[i + 1] = 0xA9; /* U+00E9 */
        }
        CHECK_EQ(ble_bap_meta_decode(0x0B, name, 64, &m), BLE_OK);
        CHECK_EQ(m.v.text.len, 64);
        memset(name, 'a', sizeof name);
        CHECK_EQ(ble_bap_meta_decode(0x0B, name, 129, &m), BLE_ERR_MALFORMED);
        m = poison;
    }
    CHECK_EQ(ble_bap_meta_decode(0x05, 0, 0, &m), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_bap_meta_decode(0xFF, (const uint8_t *)"\x59", 1, &m), BLE_ERR_MALFORMED);
    CHECK_MEM(&m, &poison, sizeof m);
    /* unknown Types are named as such and kept whole */
    CHECK_EQ(ble_bap_meta_decode(0x40, (const uint8_t *)"\x01", 1, &m), BLE_ERR_UNKNOWN);
    CHECK_EQ(m.type, 0x40);
    CHECK_EQ(m.value.len, 1);
    CHECK_EQ(ble_bap_meta_check((const uint8_t *)"\x03\x02\x00\x80", 4, &bad), BLE_ERR_RANGE);
    CHECK_EQ(bad, 0x02);
    CHECK_EQ(ble_bap_meta_check((const uint8_t *)"\x02\x40\x00", 3, &bad), BLE_OK);
}

static void context_and_location_bits_are_named(void)
{
    CHECK_STR(ble_bap_context_name(BLE_BAP_CONTEXT_MEDIA), "Media");
    CHECK_STR(ble_bap_context_name(0x0800), "Emergency alarm");
    CHECK_STR(ble_bap_context_name(0x1000), "");
    CHECK_STR(ble_bap_location_name(0x00000001), "Front Left");
    CHECK_STR(ble_bap_location_name(0x08000000), "Right Surround");
    CHECK_STR(ble_bap_location_name(0x00000003), "");
}

static void lc3_sets_match_bap_table_3_5(void)
{
    const struct ble_bap_lc3_set *s = ble_bap_lc3_set_find("16_2");
    size_t i;
    CHECK(s != NULL);
    CHECK_EQ(s->sampling_frequency, BLE_BAP_FREQ_16000);
    CHECK_EQ(s->frame_duration, BLE_BAP_DURATION_10MS);
    CHECK_EQ(s->octets_per_codec_frame, 40);
    CHECK_EQ(s->bitrate_bps, 32000);
    s = ble_bap_lc3_set_find("441_1");
    CHECK_EQ(s->octets_per_codec_frame, 97);
    CHECK_EQ(s->sdu_interval_us, 8163);
    CHECK_EQ(s->framing, 1);
    CHECK_EQ(ble_bap_lc3_set_find("48_6")->octets_per_codec_frame, 155);
    CHECK(ble_bap_lc3_set_find("48_7") == NULL);
    CHECK(ble_bap_lc3_set_find("48") == NULL);
    /* the bitrate is octets x 8 / frame duration for the 48 kHz rows */
    for (i = 10; i < BLE_BAP_LC3_SET_COUNT; i++) {
        s = &ble_bap_lc3_sets[i];
        CHECK_EQ(s->bitrate_bps, (uint32_t)s->octets_per_codec_frame * 8u * 1000000u / s->sdu_interval_us);
    }
}

static void qos_settings_match_bap_tables_5_2_and_6_4(void)
{
    struct ble_bap_qos q;
    CHECK_EQ(ble_bap_qos_get("16_2_1", BLE_BAP_UNICAST, &q), BLE_OK);
    CHECK_EQ(q.sdu_interval, 10000);
    CHECK_EQ(q.framing, 0);
    CHECK_EQ(q.max_sdu, 40);
    CHECK_EQ(q.retransmission_number, 2);
    CHECK_EQ(q.max_transport_latency, 10);
    CHECK_EQ(q.presentation_delay, 40000);
    CHECK_EQ(ble_bap_qos_get("48_4_2", BLE_BAP_UNICAST, &q), BLE_OK);
    CHECK_EQ(q.retransmission_number, 13);
    CHECK_EQ(q.max_transport_latency, 100);
    CHECK_EQ(ble_bap_qos_get("441_2_1", BLE_BAP_UNICAST, &q), BLE_OK);
    CHECK_EQ(q.sdu_interval, 10884);
    CHECK_EQ(q.framing, 1);
    CHECK_EQ(q.retransmission_number, 5);
    CHECK_EQ(q.max_transport_latency, 31);
    CHECK_EQ(ble_bap_qos_get("48_2_1", BLE_BAP_BROADCAST, &q), BLE_OK);
    CHECK_EQ(q.retransmission_number, 4);
    CHECK_EQ(q.max_transport_latency, 20);
    CHECK_EQ(ble_bap_qos_get("48_2_2", BLE_BAP_BROADCAST, &q), BLE_OK);
    CHECK_EQ(q.retransmission_number, 4);
    CHECK_EQ(q.max_transport_latency, 65);
    CHECK_EQ(ble_bap_qos_get("8_1_2", BLE_BAP_BROADCAST, &q), BLE_OK);
    CHECK_EQ(q.max_transport_latency, 45);
    CHECK_EQ(q.max_sdu, 26);
    CHECK_EQ(ble_bap_qos_get("48_2_3", BLE_BAP_UNICAST, &q), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_bap_qos_get("49_2_1", BLE_BAP_UNICAST, &q), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_bap_qos_get("_1", BLE_BAP_UNICAST, &q), BLE_ERR_NOT_FOUND);
}

static void lc3_set_gives_its_configuration(void)
{
    struct ble_bap_codec_cfg c;
    uint8_t out[32];
    static const uint8_t expect[] = { 0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x05, 0x03, 0x01, 0x00,
                                      0x00, 0x00, 0x03, 0x04, 0x28, 0x00 };
    ble_bap_lc3_set_cfg(ble_bap_lc3_set_find("16_2"), BLE_BAP_LOC_FRONT_LEFT, &c);
    CHECK_EQ(ble_bap_codec_cfg_encode(&c, out, sizeof out), (int)sizeof expect);
    CHECK_MEM(out, expect, sizeof expect);
}

static void base_decodes_and_iterates_without_copies(void)
{
    struct ble_bap_base b;
    struct ble_bap_base_it it, bit;
    struct ble_bap_subgroup sg;
    struct ble_bap_bis bis;
    struct ble_bap_codec_cfg c;
    CHECK_EQ(ble_bap_base_decode(v_base, sizeof v_base, &b), BLE_OK);
    CHECK_EQ(b.presentation_delay, 40000);
    CHECK_EQ(b.num_subgroups, 1);
    ble_bap_base_it_init(&it, &b);
    CHECK_EQ(ble_bap_subgroup_next(&it, &sg), BLE_OK);
    CHECK_EQ(sg.num_bis, 2);
    CHECK_EQ(sg.codec_id[0], BLE_BAP_CODING_LC3);
    CHECK(sg.codec_cfg.p == v_base + 11);
    CHECK_EQ(sg.codec_cfg.len, 10);
    CHECK_EQ(sg.metadata.len, 4);
    CHECK_EQ(ble_bap_codec_cfg_decode(sg.codec_cfg.p, sg.codec_cfg.len, &c, 0), BLE_OK);
    CHECK_EQ(c.octets_per_codec_frame, 100);
    ble_bap_bis_it_init(&bit, &sg);
    CHECK_EQ(ble_bap_bis_next(&bit, &bis), BLE_OK);
    CHECK_EQ(bis.index, 1);
    CHECK_EQ(ble_bap_codec_cfg_decode(bis.codec_cfg.p, bis.codec_cfg.len, &c, 0), BLE_OK);
    CHECK_EQ(c.audio_channel_allocation, BLE_BAP_LOC_FRONT_LEFT);
    CHECK_EQ(ble_bap_bis_next(&bit, &bis), BLE_OK);
    CHECK_EQ(bis.index, 2);
    CHECK(bis.codec_cfg.p == v_base + sizeof v_base - 6);
    CHECK_EQ(ble_bap_bis_next(&bit, &bis), BLE_ERR_AGAIN);
    CHECK_EQ(ble_bap_subgroup_next(&it, &sg), BLE_ERR_AGAIN);
}

static void base_encodes_byte_exact_from_arrays_and_from_raw(void)
{
    struct ble_bap_subgroup sg;
    struct ble_bap_bis bis[2];
    struct ble_bap_base b;
    struct ble_bap_base_it it;
    uint8_t out[64];
    memset(&sg, 0, sizeof sg);
    sg.num_bis = 2;
    memcpy(sg.codec_id, "\x06\x00\x00\x00\x00", 5);
    sg.codec_cfg = ble_view_make(v_base + 11, 10);
    sg.metadata = ble_view_make(v_base + 22, 4);
    bis[0].index = 1;
    bis[0].codec_cfg = ble_view_make(v_base + 28, 6);
    bis[1].index = 2;
    bis[1].codec_cfg = ble_view_make(v_base + 36, 6);
    sg.bis = bis;
    CHECK_EQ(ble_bap_base_encode(40000, &sg, 1, out, sizeof out), (int)sizeof v_base);
    CHECK_MEM(out, v_base, sizeof v_base);
    memset(out, 0xA5, sizeof out);
    CHECK_EQ(ble_bap_base_encode(40000, &sg, 1, out, sizeof v_base - 1), BLE_ERR_NO_SPACE);
    CHECK_EQ(out[0], 0xA5);
    /* the decoded subgroup re-encodes from its raw BIS octets */
    CHECK_EQ(ble_bap_base_decode(v_base, sizeof v_base, &b), BLE_OK);
    ble_bap_base_it_init(&it, &b);
    CHECK_EQ(ble_bap_subgroup_next(&it, &sg), BLE_OK);
    CHECK_EQ(ble_bap_base_encode(b.presentation_delay, &sg, 1, out, sizeof out), (int)sizeof v_base);
    CHECK_MEM(out, v_base, sizeof v_base);
    /* the same rules as the decoder */
    bis[1].index = 1;
    sg.bis = bis;
    CHECK_EQ(ble_bap_base_encode(40000, &sg, 1, out, sizeof out), BLE_ERR_MALFORMED);
    bis[1].index = 32;
    CHECK_EQ(ble_bap_base_encode(40000, &sg, 1, out, sizeof out), BLE_ERR_RANGE);
    CHECK_EQ(ble_bap_base_encode(40000, &sg, 0, out, sizeof out), BLE_ERR_PARAM);
}

static void base_truncated_at_every_prefix_leaves_output_alone(void)
{
    size_t n;
    for (n = 0; n < sizeof v_base; n++) {
        struct ble_bap_base b, poison;
        memset(&poison, 0xA5, sizeof poison);
        b = poison;
        CHECK_EQ(ble_bap_base_decode(v_base, n, &b), BLE_ERR_SHORT);
        CHECK_MEM(&b, &poison, sizeof b);
    }
}

static void base_validation_rules(void)
{
    uint8_t v[sizeof v_base + 1];
    struct ble_bap_base b;
    memcpy(v, v_base, sizeof v_base);
    v[sizeof v_base] = 0;
    CHECK_EQ(ble_bap_base_decode(v, sizeof v_base + 1, &b), BLE_ERR_TRAILING);
    v[3] = 0; /* Num_Subgroups 0 */
    CHECK_EQ(ble_bap_base_decode(v, 4, &b), BLE_ERR_MALFORMED);
    memcpy(v, v_base, sizeof v_base);
    v[26] = 0; /* BIS_index 0 */
    CHECK_EQ(ble_bap_base_decode(v, sizeof v_base, &b), BLE_ERR_RANGE);
    v[26] = 32;
    CHECK_EQ(ble_bap_base_decode(v, sizeof v_base, &b), BLE_ERR_RANGE);
    v[26] = 2; /* twice 2 */
    CHECK_EQ(ble_bap_base_decode(v, sizeof v_base, &b), BLE_ERR_MALFORMED);
    memcpy(v, v_base, sizeof v_base);
    v[28] = 0x00; /* an LTV of Length 0 inside a BIS configuration */
    CHECK_EQ(ble_bap_base_decode(v, sizeof v_base, &b), BLE_ERR_MALFORMED);
    memcpy(v, v_base, sizeof v_base);
    v[22] = 0x04; /* Metadata LTV running past its length */
    CHECK_EQ(ble_bap_base_decode(v, sizeof v_base, &b), BLE_ERR_MALFORMED);
}

static void broadcast_announcements_carry_their_uuids(void)
{
    static const uint8_t bcast[] = { 0x52, 0x18, 0x56, 0x34, 0x12 }; /* Broadcast_ID 0x123456 */
    uint8_t svc[64], enc[64], out[5];
    uint32_t id = 0;
    struct ble_bap_base b;
    struct ble_bap_subgroup sg;
    struct ble_bap_base_it it;
    CHECK_EQ(ble_bap_broadcast_announcement_decode(bcast, 5, &id), BLE_OK);
    CHECK_EQ(id, 0x123456);
    CHECK_EQ(ble_bap_broadcast_announcement_encode(id, out, sizeof out), 5);
    CHECK_MEM(out, bcast, 5);
    CHECK_EQ(ble_bap_broadcast_announcement_decode(bcast, 4, &id), BLE_ERR_SHORT);
    CHECK_EQ(ble_bap_broadcast_announcement_decode(v_base, 5, &id), BLE_ERR_UNKNOWN);
    CHECK_EQ(ble_bap_broadcast_announcement_encode(0x1000000, out, sizeof out), BLE_ERR_RANGE);
    svc[0] = 0x51;
    svc[1] = 0x18;
    memcpy(svc + 2, v_base, sizeof v_base);
    CHECK_EQ(ble_bap_basic_announcement_decode(svc, sizeof v_base + 2, &b), BLE_OK);
    CHECK_EQ(ble_bap_basic_announcement_decode(bcast, 5, &b), BLE_ERR_UNKNOWN);
    ble_bap_base_it_init(&it, &b);
    CHECK_EQ(ble_bap_subgroup_next(&it, &sg), BLE_OK);
    /* sg points into svc: encode elsewhere */
    memset(enc, 0, sizeof enc);
    CHECK_EQ(ble_bap_basic_announcement_encode(40000, &sg, 1, enc, sizeof enc), (int)sizeof v_base + 2);
    CHECK_MEM(enc, svc, sizeof v_base + 2);
}

/* Core 6.0 Vol 4 Part E 7.8.97: CIS 0 both ways and CIS 1 Central to
 * Peripheral only, all 16_2_1 (BAP Table 5.2) on LE 2M */
static const uint8_t v_cig[] = {
    0x01,                               /* CIG_ID */
    0x10, 0x27, 0x00,                   /* SDU_Interval_C_To_P 10000 us */
    0x10, 0x27, 0x00,                   /* SDU_Interval_P_To_C 10000 us */
    0x00,                               /* Worst_Case_SCA */
    0x00,                               /* Packing: sequential */
    0x00,                               /* Framing: unframed */
    0x0a, 0x00,                         /* Max_Transport_Latency_C_To_P 10 ms */
    0x0a, 0x00,                         /* Max_Transport_Latency_P_To_C 10 ms */
    0x02,                               /* CIS_Count */
    0x00, 0x28, 0x00, 0x28, 0x00, 0x02, 0x02, 0x02, 0x02, /* CIS 0: SDUs 40/40, 2M, RTN 2/2 */
    0x01, 0x28, 0x00, 0x00, 0x00, 0x02, 0x02, 0x02, 0x00, /* CIS 1: 40/0, PHY 2M both, RTN 2/0 */
};
/* 7.8.103: two BISes of 48_2_2 (BAP Table 6.4) on LE 2M, unencrypted */
static const uint8_t v_big[] = {
    0x00,                               /* BIG_Handle */
    0x01,                               /* Advertising_Handle */
    0x02,                               /* Num_BIS */
    0x10, 0x27, 0x00,                   /* SDU_Interval 10000 us */
    0x64, 0x00,                         /* Max_SDU 100 */
    0x41, 0x00,                         /* Max_Transport_Latency 65 ms */
    0x04,                               /* RTN */
    0x02,                               /* PHY LE 2M */
    0x00, 0x00,                         /* Packing, Framing */
    0x00,                               /* Encryption */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Broadcast_Code */
};

static void cig_parameters_from_bap_qos_byte_exact(void)
{
    struct ble_bap_qos bq;
    struct ble_iso_qos q, q2;
    struct ble_iso_cis_qos cis[2];
    struct ble_hci_cmd_le_set_cig_params cmd, poison;
    struct ble_hci_cmd_cis_config cc[2];
    uint8_t out[64];
    CHECK_EQ(ble_bap_qos_get("16_2_1", BLE_BAP_UNICAST, &bq), BLE_OK);
    ble_bap_qos_to_iso(&bq, 0x02, &q);
    cis[0].cis_id = 0;
    cis[0].c_to_p = &q;
    cis[0].p_to_c = &q;
    cis[1].cis_id = 1;
    cis[1].c_to_p = &q;
    cis[1].p_to_c = 0;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_OK);
    CHECK_EQ(ble_hci_cmd_le_set_cig_params_encode(&cmd, out, sizeof out), (int)sizeof v_cig);
    CHECK_MEM(out, v_cig, sizeof v_cig);
    /* the rules of 7.8.97, nothing written on error */
    memset(&poison, 0xA5, sizeof poison);
    cmd = poison;
    q2 = q;
    q2.sdu_interval = 7500; /* two SDU intervals in one direction */
    cis[1].c_to_p = &q2;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_PARAM);
    CHECK_MEM(&cmd, &poison, sizeof cmd);
    q2 = q;
    q2.framing = 1;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_PARAM);
    q2 = q;
    q2.max_transport_latency = 4;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_RANGE);
    q2 = q;
    q2.phy = 0x08;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_RANGE);
    q2 = q;
    q2.sdu_interval = 0xFE;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_RANGE);
    q2 = q;
    q2.max_sdu = 0x1000;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_RANGE);
    q2 = q;
    q2.max_transport_latency = 8; /* a smaller latency is taken for the direction */
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_OK);
    CHECK_EQ(cmd.max_transport_latency_c_to_p, 8);
    CHECK_EQ(cmd.max_transport_latency_p_to_c, 10);
    cis[1].cis_id = 0; /* the same CIS twice */
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_PARAM);
    cis[1].cis_id = 0xF0;
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_RANGE);
    cis[1].cis_id = 1;
    CHECK_EQ(ble_iso_cig_params(0xF0, cis, 2, 0, 0, &cmd, cc), BLE_ERR_RANGE);
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 8, 0, &cmd, cc), BLE_ERR_RANGE);
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 2, &cmd, cc), BLE_ERR_RANGE);
    CHECK_EQ(ble_iso_cig_params(1, cis, 0, 0, 0, &cmd, cc), BLE_ERR_PARAM);
    cis[1].c_to_p = 0; /* a CIS with no data */
    CHECK_EQ(ble_iso_cig_params(1, cis, 2, 0, 0, &cmd, cc), BLE_ERR_PARAM);
}

static void big_parameters_from_bap_qos_byte_exact(void)
{
    struct ble_bap_qos bq;
    struct ble_iso_qos q;
    struct ble_hci_cmd_le_create_big cmd, poison;
    uint8_t out[40], code[16];
    CHECK_EQ(ble_bap_qos_get("48_2_2", BLE_BAP_BROADCAST, &bq), BLE_OK);
    ble_bap_qos_to_iso(&bq, 0x02, &q);
    CHECK_EQ(ble_iso_big_params(0, 1, 2, &q, 0, 0, &cmd), BLE_OK);
    CHECK_EQ(ble_hci_cmd_le_create_big_encode(&cmd, out, sizeof out), (int)sizeof v_big);
    CHECK_MEM(out, v_big, sizeof v_big);
    memset(code, 0x42, sizeof code);
    CHECK_EQ(ble_iso_big_params(0, 1, 2, &q, 0, code, &cmd), BLE_OK);
    CHECK_EQ(cmd.encryption, 1);
    CHECK_MEM(cmd.broadcast_code, code, 16);
    memset(&poison, 0xA5, sizeof poison);
    cmd = poison;
    CHECK_EQ(ble_iso_big_params(0xF0, 1, 2, &q, 0, 0, &cmd), BLE_ERR_RANGE);
    CHECK_EQ(ble_iso_big_params(0, 0xF0, 2, &q, 0, 0, &cmd), BLE_ERR_RANGE);
    CHECK_EQ(ble_iso_big_params(0, 1, 0, &q, 0, 0, &cmd), BLE_ERR_RANGE);
    CHECK_EQ(ble_iso_big_params(0, 1, 32, &q, 0, 0, &cmd), BLE_ERR_RANGE);
    q.rtn = 0x1F;
    CHECK_EQ(ble_iso_big_params(0, 1, 2, &q, 0, 0, &cmd), BLE_ERR_RANGE);
    q.rtn = 4;
    q.max_sdu = 0;
    CHECK_EQ(ble_iso_big_params(0, 1, 2, &q, 0, 0, &cmd), BLE_ERR_RANGE);
    CHECK_MEM(&cmd, &poison, sizeof cmd);
}

void suite_bap(void)
{
    TT_RUN(ltv_walk_is_shared_and_reports_where);
    TT_RUN(ltv_put_builds_and_refuses_long_values);
    TT_RUN(codec_cfg_decodes_and_reencodes_byte_exact);
    TT_RUN(codec_cfg_every_type_round_trips_alone);
    TT_RUN(codec_cfg_reserved_values_are_rejected);
    TT_RUN(codec_cfg_truncated_at_every_prefix_leaves_output_alone);
    TT_RUN(codec_cap_decodes_and_reencodes_byte_exact);
    TT_RUN(codec_cap_reserved_values_are_rejected);
    TT_RUN(configuration_fits_capabilities_by_each_rule);
    TT_RUN(metadata_every_type_decodes_and_reencodes);
    TT_RUN(metadata_reserved_values_and_lengths_are_rejected);
    TT_RUN(context_and_location_bits_are_named);
    TT_RUN(lc3_sets_match_bap_table_3_5);
    TT_RUN(qos_settings_match_bap_tables_5_2_and_6_4);
    TT_RUN(lc3_set_gives_its_configuration);
    TT_RUN(base_decodes_and_iterates_without_copies);
    TT_RUN(base_encodes_byte_exact_from_arrays_and_from_raw);
    TT_RUN(base_truncated_at_every_prefix_leaves_output_alone);
    TT_RUN(base_validation_rules);
    TT_RUN(broadcast_announcements_carry_their_uuids);
    TT_RUN(cig_parameters_from_bap_qos_byte_exact);
    TT_RUN(big_parameters_from_bap_qos_byte_exact);
}
