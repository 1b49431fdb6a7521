/* blekit BAP: the data formats of the Basic Audio Profile 1.0 and the
 * Assigned Numbers it uses: Codec_Specific_Configuration and
 * Codec_Specific_Capabilities LTVs of LC3, Metadata LTVs, context types and
 * audio locations, the LC3 configuration sets and their QoS settings, and the
 * BASE of broadcast announcements.
 * SPDX-License-Identifier: Apache-2.0
 *
 *     struct ble_bap_codec_cfg cfg;  uint8_t bad;
 *     if (ble_bap_codec_cfg_decode(ltvs, n, &cfg, &bad) == BLE_OK &&
 *         ble_bap_codec_cfg_fits(&cfg, &cap) == 0) { ... }
 *     struct ble_bap_qos q;  ble_bap_qos_get("48_2_2", BLE_BAP_BROADCAST, &q);
 *     struct ble_bap_base base;  struct ble_bap_base_it it;  struct ble_bap_subgroup sg;
 *     ble_bap_basic_announcement_decode(svc, svc_len, &base);  // every level validated
 *     ble_bap_base_it_init(&it, &base);
 *     while (ble_bap_subgroup_next(&it, &sg) == BLE_OK) ... ble_bap_bis_next(&sg_it, &bis) ...
 *
 * The LTV walk itself is ble_ltv_next() of layers/base.h, shared with ASCS.
 */
#ifndef BLE_H
#error "include ble.h, not profiles/bap.h"
#endif

#ifndef BLE_BAP_H
#define BLE_BAP_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Codec_ID (Assigned Numbers 2.11; BAP 1.0 4.2) ------------------------ */
#define BLE_BAP_CODING_LC3 0x06
#define BLE_BAP_CODING_VENDOR 0xFF

/* ---- Codec_Specific_Configuration LTVs (Assigned Numbers 6.12.5) ----------- */
#define BLE_BAP_CFG_SAMPLING_FREQUENCY 0x01     /* 1 octet, code below */
#define BLE_BAP_CFG_FRAME_DURATION 0x02         /* 1 octet: 0x00 7.5 ms, 0x01 10 ms */
#define BLE_BAP_CFG_AUDIO_CHANNEL_ALLOCATION 0x03 /* 4 octets, audio location bits */
#define BLE_BAP_CFG_OCTETS_PER_CODEC_FRAME 0x04 /* 2 octets */
#define BLE_BAP_CFG_CODEC_FRAME_BLOCKS_PER_SDU 0x05 /* 1 octet */

/* Sampling_Frequency codes 0x01..0x0D; the capability bit of code c is 1 << (c - 1). */
#define BLE_BAP_FREQ_8000 0x01
#define BLE_BAP_FREQ_11025 0x02
#define BLE_BAP_FREQ_16000 0x03
#define BLE_BAP_FREQ_22050 0x04
#define BLE_BAP_FREQ_24000 0x05
#define BLE_BAP_FREQ_32000 0x06
#define BLE_BAP_FREQ_44100 0x07
#define BLE_BAP_FREQ_48000 0x08
#define BLE_BAP_FREQ_88200 0x09
#define BLE_BAP_FREQ_96000 0x0A
#define BLE_BAP_FREQ_176400 0x0B
#define BLE_BAP_FREQ_192000 0x0C
#define BLE_BAP_FREQ_384000 0x0D
#define BLE_BAP_DURATION_7_5MS 0x00
#define BLE_BAP_DURATION_10MS 0x01
/* Hz of a Sampling_Frequency code, 0 for a reserved one. */
BLE_API uint32_t ble_bap_freq_hz(unsigned code);

/* A decoded configuration. `present` has bit (1 << Type) for each LTV seen. */
struct ble_bap_codec_cfg {
    uint8_t present;
    uint8_t sampling_frequency;       /* code */
    uint8_t frame_duration;
    uint32_t audio_channel_allocation;
    uint16_t octets_per_codec_frame;
    uint8_t codec_frame_blocks_per_sdu;
};
/* Decodes a Codec_Specific_Configuration. BLE_OK; BLE_ERR_SHORT /
 * BLE_ERR_MALFORMED for a broken LTV list; BLE_ERR_MALFORMED for a known Type
 * of the wrong length or given twice; BLE_ERR_RANGE for a reserved value
 * (Sampling_Frequency 0x00 or over 0x0D, Frame_Duration over 0x01, allocation
 * bits 28..31). *bad_type (may be NULL) names the Type at fault. Types BAP
 * does not define are skipped. *out untouched on error. */
BLE_API int ble_bap_codec_cfg_decode(const uint8_t *p, size_t len, struct ble_bap_codec_cfg *out,
                                     uint8_t *bad_type);
/* The LTVs of `present`, in Type order: length or a negative ble_err
 * (BLE_ERR_RANGE for a reserved value, nothing written). */
BLE_API int ble_bap_codec_cfg_encode(const struct ble_bap_codec_cfg *c, uint8_t *buf, size_t cap);

/* ---- Codec_Specific_Capabilities LTVs (Assigned Numbers 6.12.4) ------------ */
#define BLE_BAP_CAP_SAMPLING_FREQUENCIES 0x01   /* 2 octets, bit c-1 per code c */
#define BLE_BAP_CAP_FRAME_DURATIONS 0x02        /* 1 octet, bits below */
#define BLE_BAP_CAP_AUDIO_CHANNEL_COUNTS 0x03   /* 1 octet, bit n-1: n channels */
#define BLE_BAP_CAP_OCTETS_PER_CODEC_FRAME 0x04 /* 4 octets: min, max */
#define BLE_BAP_CAP_MAX_CODEC_FRAMES_PER_SDU 0x05 /* 1 octet */
#define BLE_BAP_CAP_DUR_7_5 0x01
#define BLE_BAP_CAP_DUR_10 0x02
#define BLE_BAP_CAP_DUR_7_5_PREFERRED 0x10
#define BLE_BAP_CAP_DUR_10_PREFERRED 0x20

struct ble_bap_codec_cap {
    uint8_t present;                  /* bit (1 << Type) */
    uint16_t sampling_frequencies;
    uint8_t frame_durations;
    uint8_t audio_channel_counts;     /* absent: 1 channel (BAP 4.3.1) */
    uint16_t octets_min, octets_max;
    uint8_t max_codec_frames_per_sdu; /* absent: 1 */
};
/* Like ble_bap_codec_cfg_decode. BLE_ERR_RANGE: frequency bits 13..15,
 * duration bits 2, 3, 6, 7, a preferred duration not supported, octets min
 * over max. */
BLE_API int ble_bap_codec_cap_decode(const uint8_t *p, size_t len, struct ble_bap_codec_cap *out,
                                     uint8_t *bad_type);
BLE_API int ble_bap_codec_cap_encode(const struct ble_bap_codec_cap *c, uint8_t *buf, size_t cap);
/* 0 when the LC3 configuration fits the capabilities; else the
 * Codec_Specific_Configuration Type that does not (or is missing: frequency,
 * duration and octets are needed on both sides). Channels: the bits of the
 * allocation (1 without one); frames per SDU: channels x blocks. */
BLE_API int ble_bap_codec_cfg_fits(const struct ble_bap_codec_cfg *cfg, const struct ble_bap_codec_cap *cap);

/* ---- Metadata LTVs (Assigned Numbers 6.12.6) ------------------------------
 * X(Type, NAME, "Name", min value length, max value length). Broadcast_Name
 * is 4 to 32 UTF-8 characters: 4 to 128 octets. */
#define BLE_BAP_META_TYPES(X)                                                               \
    X(0x01, PREFERRED_AUDIO_CONTEXTS, "Preferred_Audio_Contexts", 2, 2)                     \
    X(0x02, STREAMING_AUDIO_CONTEXTS, "Streaming_Audio_Contexts", 2, 2)                     \
    X(0x03, PROGRAM_INFO, "Program_Info", 0, 254)                                           \
    X(0x04, LANGUAGE, "Language", 3, 3)                                                     \
    X(0x05, CCID_LIST, "CCID_List", 1, 254)                                                 \
    X(0x06, PARENTAL_RATING, "Parental_Rating", 1, 1)                                       \
    X(0x07, PROGRAM_INFO_URI, "Program_Info_URI", 0, 254)                                   \
    X(0x08, AUDIO_ACTIVE_STATE, "Audio_Active_State", 1, 1)                                 \
    X(0x09, BROADCAST_AUDIO_IMMEDIATE_RENDERING_FLAG, "Broadcast_Audio_Immediate_Rendering_Flag", 0, 0) \
    X(0x0A, ASSISTED_LISTENING_STREAM, "Assisted_Listening_Stream", 1, 1)                   \
    X(0x0B, BROADCAST_NAME, "Broadcast_Name", 4, 128)                                        \
    X(0xFE, EXTENDED_METADATA, "Extended_Metadata", 2, 254)                                 \
    X(0xFF, VENDOR_SPECIFIC, "Vendor_Specific", 2, 254)
#define BLE_BAP_META_ENUM_(v, NAME, s, mn, mx) BLE_BAP_META_##NAME = (v),
enum ble_bap_meta_type { BLE_BAP_META_TYPES(BLE_BAP_META_ENUM_) BLE_BAP_META_END_ };
#undef BLE_BAP_META_ENUM_

/* One Metadata structure, typed. */
struct ble_bap_meta {
    uint8_t type;
    struct ble_view value;            /* the whole Value */
    union {
        uint16_t contexts;            /* 0x01, 0x02: context type bits */
        struct ble_view text;         /* 0x03, 0x07, 0x0B: UTF-8 as sent */
        uint8_t language[3];          /* 0x04: ISO 639-3, lower-case letters */
        struct ble_view ccids;        /* 0x05: one CCID per octet */
        uint8_t parental_rating;      /* 0x06: 0x00 none, 0x01 any age, n: age n + 3 */
        uint8_t audio_active_state;   /* 0x08: 0x00 no audio, 0x01 audio */
        uint8_t assisted_listening;   /* 0x0A: 0x00 unspecified enhancement */
        struct {
            uint16_t id;              /* 0xFE: Extended Metadata Type; 0xFF: Company ID */
            struct ble_view data;
        } ext;                        /* 0xFE, 0xFF */
    } v;
};
/* One structure's Value. BLE_OK; BLE_ERR_UNKNOWN for a Type the table does
 * not have (type and value still filled); BLE_ERR_MALFORMED for a length
 * outside the Type's; BLE_ERR_RANGE for a reserved value (context bits
 * 12..15, a Language octet not a..z, Parental_Rating over 0x0F,
 * Audio_Active_State over 0x01, Assisted_Listening_Stream over 0x00). */
BLE_API int ble_bap_meta_decode(uint8_t type, const uint8_t *v, size_t len, struct ble_bap_meta *out);
/* Appends the structure to w (the typed members decide the Value; unknown
 * Types write `value`). BLE_ERR_RANGE / BLE_ERR_MALFORMED as for decode. */
BLE_API int ble_bap_meta_put(struct ble_wr *w, const struct ble_bap_meta *m);
/* A whole Metadata list: BLE_OK (unknown Types allowed), or the first error
 * with *bad_type the Type at fault. */
BLE_API int ble_bap_meta_check(const uint8_t *p, size_t len, uint8_t *bad_type);
/* "Streaming_Audio_Contexts"; "" for an unknown Type or without names. */
BLE_API const char *ble_bap_meta_name(unsigned type);

/* ---- Context Type bits (Assigned Numbers 6.12.3) -------------------------- */
#define BLE_BAP_CONTEXTS(X)                                                                 \
    X(0x0001, UNSPECIFIED, "Unspecified")                                                   \
    X(0x0002, CONVERSATIONAL, "Conversational")                                             \
    X(0x0004, MEDIA, "Media")                                                               \
    X(0x0008, GAME, "Game")                                                                 \
    X(0x0010, INSTRUCTIONAL, "Instructional")                                               \
    X(0x0020, VOICE_ASSISTANTS, "Voice assistants")                                         \
    X(0x0040, LIVE, "Live")                                                                 \
    X(0x0080, SOUND_EFFECTS, "Sound effects")                                               \
    X(0x0100, NOTIFICATIONS, "Notifications")                                               \
    X(0x0200, RINGTONE, "Ringtone")                                                         \
    X(0x0400, ALERTS, "Alerts")                                                             \
    X(0x0800, EMERGENCY_ALARM, "Emergency alarm")
#define BLE_BAP_CTX_ENUM_(v, NAME, s) BLE_BAP_CONTEXT_##NAME = (v),
enum ble_bap_context { BLE_BAP_CONTEXT_PROHIBITED = 0, BLE_BAP_CONTEXTS(BLE_BAP_CTX_ENUM_) BLE_BAP_CONTEXT_END_ };
#undef BLE_BAP_CTX_ENUM_
#define BLE_BAP_CONTEXT_RFU 0xF000u

/* ---- Audio Location bits (Assigned Numbers 6.12.1) ------------------------ */
#define BLE_BAP_LOCATIONS(X)                                                                \
    X(0x00000001, FRONT_LEFT, "Front Left")                                                 \
    X(0x00000002, FRONT_RIGHT, "Front Right")                                               \
    X(0x00000004, FRONT_CENTER, "Front Center")                                             \
    X(0x00000008, LFE1, "Low Frequency Effects 1")                                          \
    X(0x00000010, BACK_LEFT, "Back Left")                                                   \
    X(0x00000020, BACK_RIGHT, "Back Right")                                                 \
    X(0x00000040, FRONT_LEFT_OF_CENTER, "Front Left of Center")                             \
    X(0x00000080, FRONT_RIGHT_OF_CENTER, "Front Right of Center")                           \
    X(0x00000100, BACK_CENTER, "Back Center")                                               \
    X(0x00000200, LFE2, "Low Frequency Effects 2")                                          \
    X(0x00000400, SIDE_LEFT, "Side Left")                                                   \
    X(0x00000800, SIDE_RIGHT, "Side Right")                                                 \
    X(0x00001000, TOP_FRONT_LEFT, "Top Front Left")                                         \
    X(0x00002000, TOP_FRONT_RIGHT, "Top Front Right")                                       \
    X(0x00004000, TOP_FRONT_CENTER, "Top Front Center")                                     \
    X(0x00008000, TOP_CENTER, "Top Center")                                                 \
    X(0x00010000, TOP_BACK_LEFT, "Top Back Left")                                           \
    X(0x00020000, TOP_BACK_RIGHT, "Top Back Right")                                         \
    X(0x00040000, TOP_SIDE_LEFT, "Top Side Left")                                           \
    X(0x00080000, TOP_SIDE_RIGHT, "Top Side Right")                                         \
    X(0x00100000, TOP_BACK_CENTER, "Top Back Center")                                       \
    X(0x00200000, BOTTOM_FRONT_CENTER, "Bottom Front Center")                               \
    X(0x00400000, BOTTOM_FRONT_LEFT, "Bottom Front Left")                                   \
    X(0x00800000, BOTTOM_FRONT_RIGHT, "Bottom Front Right")                                 \
    X(0x01000000, FRONT_LEFT_WIDE, "Front Left Wide")                                       \
    X(0x02000000, FRONT_RIGHT_WIDE, "Front Right Wide")                                     \
    X(0x04000000, LEFT_SURROUND, "Left Surround")                                           \
    X(0x08000000, RIGHT_SURROUND, "Right Surround")
#define BLE_BAP_LOC_DEF_(v, NAME, s) BLE_BAP_LOC_##NAME = (v),
enum ble_bap_location { BLE_BAP_LOC_MONO = 0, BLE_BAP_LOCATIONS(BLE_BAP_LOC_DEF_) BLE_BAP_LOC_END_ };
#undef BLE_BAP_LOC_DEF_
#define BLE_BAP_LOCATION_RFU 0xF0000000u
/* The name of one bit ("Media", "Front Left"), "" for none or several bits. */
BLE_API const char *ble_bap_context_name(unsigned bit);
BLE_API const char *ble_bap_location_name(uint32_t bit);

/* ---- LC3 configuration sets and QoS settings --------------------------------
 * BAP 1.0 Table 3.5 (codec configuration settings), Table 5.2 (unicast QoS)
 * and Table 6.4 (broadcast QoS). Every setting has Presentation_Delay
 * 40000 us and Max_SDU equal to the octets per frame (one channel, one
 * frame per SDU). Rows: X(name, Sampling_Frequency, Frame_Duration, octets,
 * bitrate bps, SDU_Interval us, Framing, unicast low latency RTN, latency ms,
 * unicast high reliability RTN, latency, broadcast low latency RTN, latency,
 * broadcast high reliability RTN, latency). */
#define BLE_BAP_LC3_SETS(X)                                                                 \
    X("8_1", 0x01, 0, 26, 27734, 7500, 0, 2, 8, 13, 75, 2, 8, 4, 45)                        \
    X("8_2", 0x01, 1, 30, 24000, 10000, 0, 2, 10, 13, 95, 2, 10, 4, 60)                     \
    X("16_1", 0x03, 0, 30, 32000, 7500, 0, 2, 8, 13, 75, 2, 8, 4, 45)                       \
    X("16_2", 0x03, 1, 40, 32000, 10000, 0, 2, 10, 13, 95, 2, 10, 4, 60)                    \
    X("24_1", 0x05, 0, 45, 48000, 7500, 0, 2, 8, 13, 75, 2, 8, 4, 45)                       \
    X("24_2", 0x05, 1, 60, 48000, 10000, 0, 2, 10, 13, 95, 2, 10, 4, 60)                    \
    X("32_1", 0x06, 0, 60, 64000, 7500, 0, 2, 8, 13, 75, 2, 8, 4, 45)                       \
    X("32_2", 0x06, 1, 80, 64000, 10000, 0, 2, 10, 13, 95, 2, 10, 4, 60)                    \
    X("441_1", 0x07, 0, 97, 95060, 8163, 1, 5, 24, 13, 80, 4, 24, 4, 54)                    \
    X("441_2", 0x07, 1, 130, 95550, 10884, 1, 5, 31, 13, 85, 4, 31, 4, 60)                  \
    X("48_1", 0x08, 0, 75, 80000, 7500, 0, 5, 15, 13, 75, 4, 15, 4, 50)                     \
    X("48_2", 0x08, 1, 100, 80000, 10000, 0, 5, 20, 13, 95, 4, 20, 4, 65)                   \
    X("48_3", 0x08, 0, 90, 96000, 7500, 0, 5, 15, 13, 75, 4, 15, 4, 50)                     \
    X("48_4", 0x08, 1, 120, 96000, 10000, 0, 5, 20, 13, 100, 4, 20, 4, 65)                  \
    X("48_5", 0x08, 0, 117, 124800, 7500, 0, 5, 15, 13, 75, 4, 15, 4, 50)                   \
    X("48_6", 0x08, 1, 155, 124000, 10000, 0, 5, 20, 13, 100, 4, 20, 4, 65)

struct ble_bap_lc3_set {
    const char *name;                 /* "48_2" */
    uint8_t sampling_frequency, frame_duration;
    uint16_t octets_per_codec_frame;
    uint32_t bitrate_bps;
    uint32_t sdu_interval_us;
    uint8_t framing;                  /* 0 unframed, 1 framed */
    uint8_t rtn[4];                   /* indexed by BLE_BAP_UNICAST/BROADCAST + LL/HR */
    uint8_t max_transport_latency_ms[4];
};
#define BLE_BAP_LC3_SET_COUNT 16
extern const struct ble_bap_lc3_set ble_bap_lc3_sets[BLE_BAP_LC3_SET_COUNT];
/* The set of a name ("16_2"), or NULL. */
BLE_API const struct ble_bap_lc3_set *ble_bap_lc3_set_find(const char *name);

#define BLE_BAP_UNICAST 0
#define BLE_BAP_BROADCAST 2
#define BLE_BAP_PRESENTATION_DELAY_US 40000u

/* One QoS setting, ready for Config QoS or LE Create BIG. */
struct ble_bap_qos {
    const struct ble_bap_lc3_set *set;
    uint32_t sdu_interval;            /* us */
    uint8_t framing;
    uint16_t max_sdu;
    uint8_t retransmission_number;
    uint16_t max_transport_latency;   /* ms */
    uint32_t presentation_delay;      /* us */
};
/* The setting "<set>_1" (low latency) or "<set>_2" (high reliability) of
 * Table 5.2 (BLE_BAP_UNICAST) or 6.4 (BLE_BAP_BROADCAST): BLE_OK or
 * BLE_ERR_NOT_FOUND. */
BLE_API int ble_bap_qos_get(const char *name, int where, struct ble_bap_qos *out);
/* The ISO QoS of one direction of a BAP QoS setting on a PHY (0x01 1M,
 * 0x02 2M, 0x04 Coded), for ble_iso_cig_params() / ble_iso_big_params(). */
BLE_API void ble_bap_qos_to_iso(const struct ble_bap_qos *q, uint8_t phy, struct ble_iso_qos *out);
/* The Codec_Specific_Configuration of a set: frequency, duration, octets,
 * and the allocation when not 0 (1 block per SDU is the default). */
BLE_API void ble_bap_lc3_set_cfg(const struct ble_bap_lc3_set *s, uint32_t allocation,
                                 struct ble_bap_codec_cfg *out);

/* ---- BASE (BAP 1.0 3.7.2.2, Table 3.16) -------------------------------------
 * Level 1: Presentation_Delay (3 octets, us), Num_Subgroups. Level 2, per
 * subgroup: Num_BIS, Codec_ID (5), Codec_Specific_Configuration (length +
 * LTVs), Metadata (length + LTVs). Level 3, per BIS: BIS_index,
 * Codec_Specific_Configuration (length + LTVs). */
#define BLE_BAP_UUID_BASIC_AUDIO_ANNOUNCEMENT 0x1851
#define BLE_BAP_UUID_BROADCAST_AUDIO_ANNOUNCEMENT 0x1852

struct ble_bap_bis {
    uint8_t index;                    /* BIS_index 1..31 */
    struct ble_view codec_cfg;
};
struct ble_bap_subgroup {
    uint8_t num_bis;
    uint8_t codec_id[5];
    struct ble_view codec_cfg;
    struct ble_view metadata;
    struct ble_view bis_raw;          /* decode: the level-3 octets */
    const struct ble_bap_bis *bis;    /* encode: num_bis entries (else bis_raw is written) */
};
struct ble_bap_base {
    uint32_t presentation_delay;
    uint8_t num_subgroups;
    struct ble_view subgroups;        /* the level-2 and -3 octets */
};
/* Decodes and validates a whole BASE: BLE_OK; BLE_ERR_SHORT; BLE_ERR_TRAILING;
 * BLE_ERR_MALFORMED (Num_Subgroups or Num_BIS 0, a BIS_index twice, an LTV
 * list broken); BLE_ERR_RANGE (BIS_index 0 or over 31). *out untouched on error. */
BLE_API int ble_bap_base_decode(const uint8_t *p, size_t len, struct ble_bap_base *out);
/* Encodes a BASE from n subgroups (the same checks): length or a negative
 * ble_err with nothing written. */
BLE_API int ble_bap_base_encode(uint32_t presentation_delay, const struct ble_bap_subgroup *sg,
                                size_t n, uint8_t *buf, size_t cap);

/* Zero-copy walk over a decoded BASE (or a subgroup's BISes). */
struct ble_bap_base_it {
    struct ble_rd r;
    size_t left;
};
BLE_API void ble_bap_base_it_init(struct ble_bap_base_it *it, const struct ble_bap_base *b);
BLE_API void ble_bap_bis_it_init(struct ble_bap_base_it *it, const struct ble_bap_subgroup *sg);
/* BLE_OK with the next one; BLE_ERR_AGAIN after the last (or for a walk over
 * octets no decode validated and found broken). */
BLE_API int ble_bap_subgroup_next(struct ble_bap_base_it *it, struct ble_bap_subgroup *sg);
BLE_API int ble_bap_bis_next(struct ble_bap_base_it *it, struct ble_bap_bis *bis);

/* Service Data (AD type 0x16) of the Basic Audio Announcement: UUID 0x1851
 * then the BASE. BLE_ERR_UNKNOWN for another UUID. */
BLE_API int ble_bap_basic_announcement_decode(const uint8_t *svc, size_t len, struct ble_bap_base *out);
BLE_API int ble_bap_basic_announcement_encode(uint32_t presentation_delay, const struct ble_bap_subgroup *sg,
                                              size_t n, uint8_t *buf, size_t cap);
/* Service Data of the Broadcast Audio Announcement (3.7.2.1): UUID 0x1852,
 * Broadcast_ID (3 octets). BLE_ERR_UNKNOWN for another UUID. */
BLE_API int ble_bap_broadcast_announcement_decode(const uint8_t *svc, size_t len, uint32_t *broadcast_id);
BLE_API int ble_bap_broadcast_announcement_encode(uint32_t broadcast_id, uint8_t *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* BLE_BAP_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_BAP_IMPL)
#define BLE_BAP_IMPL

#ifdef __cplusplus
extern "C" {
#endif

BLE_DEF uint32_t ble_bap_freq_hz(unsigned code)
{
    static const uint32_t hz[13] = { 8000,  11025, 16000,  22050,  24000,  32000, 44100,
                                     48000, 88200, 96000, 176400, 192000, 384000 };
    return code >= 1 && code <= 13 ? hz[code - 1] : 0;
}

/* The Type octet of the structure an LTV walk stopped at (0: none). */
static uint8_t ble_bap_bad_type_(const struct ble_rd *r)
{
    return ble_rd_left(r) >= 2 && r->p[r->pos] ? r->p[r->pos + 1] : 0;
}

/* Value lengths of Codec_Specific_Configuration and _Capabilities Types 1..5. */
static const uint8_t ble_bap_cfg_len_[6] = { 0, 1, 1, 4, 2, 1 };
static const uint8_t ble_bap_cap_len_[6] = { 0, 2, 1, 1, 4, 1 };

static int ble_bap_cfg_value_ok_(const struct ble_bap_codec_cfg *c, uint8_t *bad)
{
    if ((c->present & (1u << 1)) && (c->sampling_frequency == 0 || c->sampling_frequency > 0x0D)) {
        *bad = 1;
        return BLE_ERR_RANGE;
    }
    if ((c->present & (1u << 2)) && c->frame_duration > 0x01) {
        *bad = 2;
        return BLE_ERR_RANGE;
    }
    if ((c->present & (1u << 3)) && (c->audio_channel_allocation & BLE_BAP_LOCATION_RFU)) {
        *bad = 3;
        return BLE_ERR_RANGE;
    }
    return BLE_OK;
}

/* The five known Types (1..5) of a Codec_Specific_Configuration or
 * _Capabilities string: each at most once, with its fixed length (lens[t]);
 * other Types are skipped. v[t] points at the value of each present Type.
 * On error, *bad is the offending Type (0: the structure itself). */
static int ble_bap_ltv5_walk_(const uint8_t *p, size_t len, const uint8_t *lens, uint8_t *present,
                              const uint8_t *v[6], uint8_t *bad)
{
    struct ble_rd r;
    struct ble_view val;
    uint8_t t = 0;
    int rc;
    *present = 0;
    *bad = 0;
    ble_rd_init(&r, p, len);
    while ((rc = ble_ltv_next(&r, &t, &val)) == BLE_OK) {
        if (t < 1 || t > 5)
            continue;
        if (val.len != lens[t] || (*present & (1u << t))) {
            *bad = t;
            return BLE_ERR_MALFORMED;
        }
        *present |= (uint8_t)(1u << t);
        v[t] = val.p;
    }
    if (rc == BLE_ERR_AGAIN)
        return BLE_OK;
    *bad = ble_bap_bad_type_(&r);
    return rc;
}

/* The present Types of v (raw values, lens[t] octets each) as LTVs, in Type
 * order; BLE_ERR_NO_SPACE with buf untouched when they do not fit. */
static int ble_bap_ltv5_put_(uint8_t present, const uint8_t v[6][4], const uint8_t *lens, uint8_t *buf,
                             size_t cap)
{
    struct ble_wr w;
    unsigned t;
    size_t need = 0;
    for (t = 1; t <= 5; t++)
        if (present & (1u << t))
            need += 2u + lens[t];
    if (need > cap)
        return BLE_ERR_NO_SPACE;
    ble_wr_init(&w, buf, cap);
    for (t = 1; t <= 5; t++)
        if (present & (1u << t))
            ble_ltv_put(&w, (uint8_t)t, v[t], lens[t]);
    return ble_wr_done(&w);
}

BLE_DEF int ble_bap_codec_cfg_decode(const uint8_t *p, size_t len, struct ble_bap_codec_cfg *out,
                                     uint8_t *bad_type)
{
    struct ble_bap_codec_cfg c;
    const uint8_t *v[6] = { 0, 0, 0, 0, 0, 0 };
    uint8_t bad = 0;
    int rc;
    if (!out || (len && !p))
        return BLE_ERR_PARAM;
    ble_memset(&c, 0, sizeof c);
    rc = ble_bap_ltv5_walk_(p, len, ble_bap_cfg_len_, &c.present, v, &bad);
    if (rc == BLE_OK) {
        if (v[1])
            c.sampling_frequency = v[1][0];
        if (v[2])
            c.frame_duration = v[2][0];
        if (v[3])
            c.audio_channel_allocation = ble_get_le32(v[3]);
        if (v[4])
            c.octets_per_codec_frame = ble_get_le16(v[4]);
        if (v[5])
            c.codec_frame_blocks_per_sdu = v[5][0];
        rc = ble_bap_cfg_value_ok_(&c, &bad);
    }
    if (rc != BLE_OK) {
        if (bad_type)
            *bad_type = bad;
        return rc;
    }
    *out = c;
    return BLE_OK;
}

BLE_DEF int ble_bap_codec_cfg_encode(const struct ble_bap_codec_cfg *c, uint8_t *buf, size_t cap)
{
    uint8_t v[6][4], bad;
    int rc;
    if (!c)
        return BLE_ERR_PARAM;
    rc = ble_bap_cfg_value_ok_(c, &bad);
    if (rc != BLE_OK)
        return rc;
    v[1][0] = c->sampling_frequency;
    v[2][0] = c->frame_duration;
    ble_put_le32(v[3], c->audio_channel_allocation);
    ble_put_le16(v[4], c->octets_per_codec_frame);
    v[5][0] = c->codec_frame_blocks_per_sdu;
    return ble_bap_ltv5_put_(c->present, (const uint8_t(*)[4])v, ble_bap_cfg_len_, buf, cap);
}

static int ble_bap_cap_value_ok_(const struct ble_bap_codec_cap *c, uint8_t *bad)
{
    if ((c->present & (1u << 1)) && (c->sampling_frequencies & 0xE000u)) {
        *bad = 1;
        return BLE_ERR_RANGE;
    }
    if ((c->present & (1u << 2)) &&
        ((c->frame_durations & 0xCC) || ((c->frame_durations >> 4) & ~c->frame_durations & 0x03))) {
        *bad = 2;
        return BLE_ERR_RANGE;
    }
    if ((c->present & (1u << 4)) && c->octets_min > c->octets_max) {
        *bad = 4;
        return BLE_ERR_RANGE;
    }
    return BLE_OK;
}

BLE_DEF int ble_bap_codec_cap_decode(const uint8_t *p, size_t len, struct ble_bap_codec_cap *out,
                                     uint8_t *bad_type)
{
    struct ble_bap_codec_cap c;
    const uint8_t *v[6] = { 0, 0, 0, 0, 0, 0 };
    uint8_t bad = 0;
    int rc;
    if (!out || (len && !p))
        return BLE_ERR_PARAM;
    ble_memset(&c, 0, sizeof c);
    rc = ble_bap_ltv5_walk_(p, len, ble_bap_cap_len_, &c.present, v, &bad);
    if (rc == BLE_OK) {
        if (v[1])
            c.sampling_frequencies = ble_get_le16(v[1]);
        if (v[2])
            c.frame_durations = v[2][0];
        if (v[3])
            c.audio_channel_counts = v[3][0];
        if (v[4]) {
            c.octets_min = ble_get_le16(v[4]);
            c.octets_max = ble_get_le16(v[4] + 2);
        }
        if (v[5])
            c.max_codec_frames_per_sdu = v[5][0];
        rc = ble_bap_cap_value_ok_(&c, &bad);
    }
    if (rc != BLE_OK) {
        if (bad_type)
            *bad_type = bad;
        return rc;
    }
    *out = c;
    return BLE_OK;
}

BLE_DEF int ble_bap_codec_cap_encode(const struct ble_bap_codec_cap *c, uint8_t *buf, size_t cap)
{
    uint8_t v[6][4], bad;
    int rc;
    if (!c)
        return BLE_ERR_PARAM;
    rc = ble_bap_cap_value_ok_(c, &bad);
    if (rc != BLE_OK)
        return rc;
    ble_put_le16(v[1], c->sampling_frequencies);
    v[2][0] = c->frame_durations;
    v[3][0] = c->audio_channel_counts;
    ble_put_le16(v[4], c->octets_min);
    ble_put_le16(v[4] + 2, c->octets_max);
    v[5][0] = c->max_codec_frames_per_sdu;
    return ble_bap_ltv5_put_(c->present, (const uint8_t(*)[4])v, ble_bap_cap_len_, buf, cap);
}

static unsigned ble_bap_popcount_(uint32_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

BLE_DEF int ble_bap_codec_cfg_fits(const struct ble_bap_codec_cfg *cfg, const struct ble_bap_codec_cap *cap)
{
    unsigned ch, counts, blocks, maxf;
    if (!(cfg->present & (1u << 1)) || !(cap->present & (1u << 1)) || cfg->sampling_frequency == 0 ||
        cfg->sampling_frequency > 16 || !(cap->sampling_frequencies & (1u << (cfg->sampling_frequency - 1))))
        return BLE_BAP_CFG_SAMPLING_FREQUENCY;
    if (!(cfg->present & (1u << 2)) || !(cap->present & (1u << 2)) || cfg->frame_duration > 1 ||
        !(cap->frame_durations & (1u << cfg->frame_duration)))
        return BLE_BAP_CFG_FRAME_DURATION;
    ch = cfg->present & (1u << 3) ? ble_bap_popcount_(cfg->audio_channel_allocation) : 1;
    if (ch == 0)
        ch = 1; /* 0x00000000: mono, one channel */
    counts = cap->present & (1u << 3) ? cap->audio_channel_counts : 0x01;
    if (ch > 8 || !(counts & (1u << (ch - 1))))
        return BLE_BAP_CFG_AUDIO_CHANNEL_ALLOCATION;
    if (!(cfg->present & (1u << 4)) || !(cap->present & (1u << 4)) ||
        cfg->octets_per_codec_frame < cap->octets_min || cfg->octets_per_codec_frame > cap->octets_max)
        return BLE_BAP_CFG_OCTETS_PER_CODEC_FRAME;
    blocks = cfg->present & (1u << 5) ? cfg->codec_frame_blocks_per_sdu : 1;
    maxf = cap->present & (1u << 5) ? cap->max_codec_frames_per_sdu : 1;
    if (ch * blocks > maxf)
        return BLE_BAP_CFG_CODEC_FRAME_BLOCKS_PER_SDU;
    return 0;
}

/* ---- Metadata ---- */

struct ble_bap_meta_desc_ {
    uint8_t type, min, max;
#if BLE_CFG_NAMES
    const char *name;
#endif
};
#define BLE_BAP_META_ROW_(v, NAME, s, mn, mx) { (v), (mn), (mx) BLE_BAP_META_NAME_(s) },
#if BLE_CFG_NAMES
#define BLE_BAP_META_NAME_(s) , s
#else
#define BLE_BAP_META_NAME_(s)
#endif
static const struct ble_bap_meta_desc_ ble_bap_meta_rows_[] = { BLE_BAP_META_TYPES(BLE_BAP_META_ROW_) };
#undef BLE_BAP_META_ROW_
#undef BLE_BAP_META_NAME_

static const struct ble_bap_meta_desc_ *ble_bap_meta_row_(unsigned type)
{
    size_t i;
    for (i = 0; i < sizeof ble_bap_meta_rows_ / sizeof ble_bap_meta_rows_[0]; i++)
        if (ble_bap_meta_rows_[i].type == type)
            return &ble_bap_meta_rows_[i];
    return 0;
}

BLE_DEF const char *ble_bap_meta_name(unsigned type)
{
#if BLE_CFG_NAMES
    const struct ble_bap_meta_desc_ *row = ble_bap_meta_row_(type);
    return row ? row->name : "";
#else
    (void)type;
    return "";
#endif
}

/* Reserved values of a typed Value (the length already fits the row). */
static int ble_bap_meta_value_ok_(uint8_t type, const uint8_t *v)
{
    unsigned i;
    switch (type) {
    case BLE_BAP_META_PREFERRED_AUDIO_CONTEXTS:
    case BLE_BAP_META_STREAMING_AUDIO_CONTEXTS:
        return ble_get_le16(v) & BLE_BAP_CONTEXT_RFU ? BLE_ERR_RANGE : BLE_OK;
    case BLE_BAP_META_LANGUAGE:
        for (i = 0; i < 3; i++)
            if (v[i] < 'a' || v[i] > 'z')
                return BLE_ERR_RANGE;
        return BLE_OK;
    case BLE_BAP_META_PARENTAL_RATING:
        return v[0] > 0x0F ? BLE_ERR_RANGE : BLE_OK;
    case BLE_BAP_META_AUDIO_ACTIVE_STATE:
        return v[0] > 0x01 ? BLE_ERR_RANGE : BLE_OK;
    case BLE_BAP_META_ASSISTED_LISTENING_STREAM:
        return v[0] > 0x00 ? BLE_ERR_RANGE : BLE_OK;
    default:
        return BLE_OK;
    }
}

BLE_DEF int ble_bap_meta_decode(uint8_t type, const uint8_t *v, size_t len, struct ble_bap_meta *out)
{
    const struct ble_bap_meta_desc_ *row = ble_bap_meta_row_(type);
    struct ble_bap_meta m;
    int rc;
    if (!out || (len && !v))
        return BLE_ERR_PARAM;
    ble_memset(&m, 0, sizeof m);
    m.type = type;
    m.value = ble_view_make(len ? v : 0, len);
    if (!row) {
        *out = m;
        return BLE_ERR_UNKNOWN;
    }
    if (len < row->min || len > row->max)
        return BLE_ERR_MALFORMED;
    rc = ble_bap_meta_value_ok_(type, v);
    if (rc != BLE_OK)
        return rc;
    switch (type) {
    case BLE_BAP_META_PREFERRED_AUDIO_CONTEXTS:
    case BLE_BAP_META_STREAMING_AUDIO_CONTEXTS: m.v.contexts = ble_get_le16(v); break;
    case BLE_BAP_META_PROGRAM_INFO:
    case BLE_BAP_META_PROGRAM_INFO_URI:
    case BLE_BAP_META_BROADCAST_NAME: m.v.text = m.value; break;
    case BLE_BAP_META_LANGUAGE: ble_memcpy(m.v.language, v, 3); break;
    case BLE_BAP_META_CCID_LIST: m.v.ccids = m.value; break;
    case BLE_BAP_META_PARENTAL_RATING: m.v.parental_rating = v[0]; break;
    case BLE_BAP_META_AUDIO_ACTIVE_STATE: m.v.audio_active_state = v[0]; break;
    case BLE_BAP_META_ASSISTED_LISTENING_STREAM: m.v.assisted_listening = v[0]; break;
    case BLE_BAP_META_EXTENDED_METADATA:
    case BLE_BAP_META_VENDOR_SPECIFIC:
        m.v.ext.id = ble_get_le16(v);
        m.v.ext.data = ble_view_make(len > 2 ? v + 2 : 0, len - 2);
        break;
    default: break; /* 0x09: no Value */
    }
    *out = m;
    return BLE_OK;
}

BLE_DEF int ble_bap_meta_put(struct ble_wr *w, const struct ble_bap_meta *m)
{
    const struct ble_bap_meta_desc_ *row;
    uint8_t v[256];
    const uint8_t *src = v;
    size_t n = 0;
    int rc;
    if (!m || !w)
        return BLE_ERR_PARAM;
    row = ble_bap_meta_row_(m->type);
    switch (m->type) {
    case BLE_BAP_META_PREFERRED_AUDIO_CONTEXTS:
    case BLE_BAP_META_STREAMING_AUDIO_CONTEXTS: ble_put_le16(v, m->v.contexts); n = 2; break;
    case BLE_BAP_META_PROGRAM_INFO:
    case BLE_BAP_META_PROGRAM_INFO_URI:
    case BLE_BAP_META_BROADCAST_NAME: src = m->v.text.p; n = m->v.text.len; break;
    case BLE_BAP_META_LANGUAGE: src = m->v.language; n = 3; break;
    case BLE_BAP_META_CCID_LIST: src = m->v.ccids.p; n = m->v.ccids.len; break;
    case BLE_BAP_META_PARENTAL_RATING: v[0] = m->v.parental_rating; n = 1; break;
    case BLE_BAP_META_AUDIO_ACTIVE_STATE: v[0] = m->v.audio_active_state; n = 1; break;
    case BLE_BAP_META_ASSISTED_LISTENING_STREAM: v[0] = m->v.assisted_listening; n = 1; break;
    case BLE_BAP_META_BROADCAST_AUDIO_IMMEDIATE_RENDERING_FLAG: n = 0; break;
    case BLE_BAP_META_EXTENDED_METADATA:
    case BLE_BAP_META_VENDOR_SPECIFIC:
        if (m->v.ext.data.len > 252 || (m->v.ext.data.len && !m->v.ext.data.p))
            return BLE_ERR_TOO_LONG;
        ble_put_le16(v, m->v.ext.id);
        ble_memcpy(v + 2, m->v.ext.data.p, m->v.ext.data.len);
        n = 2 + m->v.ext.data.len;
        break;
    default: src = m->value.p; n = m->value.len; break;
    }
    if (n > 254 || (n && !src))
        return BLE_ERR_TOO_LONG;
    if (row) {
        if (n < row->min || n > row->max)
            return BLE_ERR_MALFORMED;
        rc = ble_bap_meta_value_ok_(m->type, src);
        if (rc != BLE_OK)
            return rc;
    }
    ble_ltv_put(w, m->type, src, n);
    return w->err;
}

BLE_DEF int ble_bap_meta_check(const uint8_t *p, size_t len, uint8_t *bad_type)
{
    struct ble_rd r;
    struct ble_view v;
    uint8_t t;
    int rc;
    ble_rd_init(&r, p, len);
    while ((rc = ble_ltv_next(&r, &t, &v)) == BLE_OK) {
        struct ble_bap_meta m;
        int mrc = ble_bap_meta_decode(t, v.p, v.len, &m);
        if (mrc != BLE_OK && mrc != BLE_ERR_UNKNOWN) {
            if (bad_type)
                *bad_type = t;
            return mrc;
        }
    }
    if (rc == BLE_ERR_AGAIN)
        return BLE_OK;
    if (bad_type)
        *bad_type = ble_bap_bad_type_(&r);
    return rc;
}

/* ---- Context and location names ---- */

#if BLE_CFG_NAMES
#define BLE_BAP_BITNAME_(v, NAME, s) { (uint32_t)(v), s },
struct ble_bap_bit_ {
    uint32_t bit;
    const char *s;
};
static const struct ble_bap_bit_ ble_bap_ctx_names_[] = { BLE_BAP_CONTEXTS(BLE_BAP_BITNAME_) };
static const struct ble_bap_bit_ ble_bap_loc_names_[] = { BLE_BAP_LOCATIONS(BLE_BAP_BITNAME_) };
#undef BLE_BAP_BITNAME_
static const char *ble_bap_bitname_(const struct ble_bap_bit_ *t, size_t n, uint32_t bit)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (t[i].bit == bit)
            return t[i].s;
    return "";
}
#endif

BLE_DEF const char *ble_bap_context_name(unsigned bit)
{
#if BLE_CFG_NAMES
    return ble_bap_bitname_(ble_bap_ctx_names_, sizeof ble_bap_ctx_names_ / sizeof ble_bap_ctx_names_[0], bit);
#else
    (void)bit;
    return "";
#endif
}

BLE_DEF const char *ble_bap_location_name(uint32_t bit)
{
#if BLE_CFG_NAMES
    return ble_bap_bitname_(ble_bap_loc_names_, sizeof ble_bap_loc_names_ / sizeof ble_bap_loc_names_[0], bit);
#else
    (void)bit;
    return "";
#endif
}

/* ---- LC3 sets and QoS ---- */

#define BLE_BAP_SET_ROW_(nm, f, d, o, br, si, fr, ull, ulm, uhr, uhm, bll, blm, bhr, bhm)    \
    { nm, f, d, o, br, si, fr, { ull, uhr, bll, bhr }, { ulm, uhm, blm, bhm } },
const struct ble_bap_lc3_set ble_bap_lc3_sets[BLE_BAP_LC3_SET_COUNT] = { BLE_BAP_LC3_SETS(BLE_BAP_SET_ROW_) };
#undef BLE_BAP_SET_ROW_

static int ble_bap_streq_n_(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (a[i] != b[i] || !a[i])
            return 0;
    return b[n] == '\0';
}

static const struct ble_bap_lc3_set *ble_bap_set_n_(const char *name, size_t n)
{
    size_t i;
    for (i = 0; i < BLE_BAP_LC3_SET_COUNT; i++)
        if (ble_bap_streq_n_(name, ble_bap_lc3_sets[i].name, n))
            return &ble_bap_lc3_sets[i];
    return 0;
}

BLE_DEF const struct ble_bap_lc3_set *ble_bap_lc3_set_find(const char *name)
{
    size_t n = 0;
    if (!name)
        return 0;
    while (name[n])
        n++;
    return ble_bap_set_n_(name, n);
}

BLE_DEF int ble_bap_qos_get(const char *name, int where, struct ble_bap_qos *out)
{
    const struct ble_bap_lc3_set *s;
    size_t n = 0;
    unsigned k;
    if (!name || !out || (where != BLE_BAP_UNICAST && where != BLE_BAP_BROADCAST))
        return BLE_ERR_PARAM;
    while (name[n])
        n++;
    if (n < 3 || name[n - 2] != '_' || (name[n - 1] != '1' && name[n - 1] != '2'))
        return BLE_ERR_NOT_FOUND;
    s = ble_bap_set_n_(name, n - 2);
    if (!s)
        return BLE_ERR_NOT_FOUND;
    k = (unsigned)where + (unsigned)(name[n - 1] - '1');
    out->set = s;
    out->sdu_interval = s->sdu_interval_us;
    out->framing = s->framing;
    out->max_sdu = s->octets_per_codec_frame;
    out->retransmission_number = s->rtn[k];
    out->max_transport_latency = s->max_transport_latency_ms[k];
    out->presentation_delay = BLE_BAP_PRESENTATION_DELAY_US;
    return BLE_OK;
}

BLE_DEF void ble_bap_qos_to_iso(const struct ble_bap_qos *q, uint8_t phy, struct ble_iso_qos *out)
{
    out->sdu_interval = q->sdu_interval;
    out->framing = q->framing;
    out->max_sdu = q->max_sdu;
    out->rtn = q->retransmission_number;
    out->max_transport_latency = q->max_transport_latency;
    out->phy = phy;
}

BLE_DEF void ble_bap_lc3_set_cfg(const struct ble_bap_lc3_set *s, uint32_t allocation,
                                 struct ble_bap_codec_cfg *out)
{
    ble_memset(out, 0, sizeof *out);
    out->present = (1u << 1) | (1u << 2) | (1u << 4) | (allocation ? (1u << 3) : 0);
    out->sampling_frequency = s->sampling_frequency;
    out->frame_duration = s->frame_duration;
    out->audio_channel_allocation = allocation;
    out->octets_per_codec_frame = s->octets_per_codec_frame;
}

/* ---- BASE ---- */

/* Reads one subgroup's level 2 and 3 from r: BLE_OK, or the error. With
 * seen (the BIS indexes so far) the levels are validated. */
static int ble_bap_subgroup_rd_(struct ble_rd *r, struct ble_bap_subgroup *sg, uint32_t *seen)
{
    size_t k, start;
    sg->num_bis = ble_rd_u8(r);
    ble_rd_copy(r, sg->codec_id, 5);
    sg->codec_cfg = ble_rd_view(r, ble_rd_u8(r));
    sg->metadata = ble_rd_view(r, ble_rd_u8(r));
    sg->bis = 0;
    start = r->pos;
    for (k = 0; k < sg->num_bis && !r->err; k++) {
        uint8_t idx = ble_rd_u8(r);
        struct ble_view c = ble_rd_view(r, ble_rd_u8(r));
        if (r->err || !seen)
            continue;
        if (idx == 0 || idx > 31)
            ble_rd_fail(r, BLE_ERR_RANGE);
        else if (*seen & (1ul << idx))
            ble_rd_fail(r, BLE_ERR_MALFORMED);
        else if (ble_ltv_check(c.p, c.len, 0, 0) != BLE_OK)
            ble_rd_fail(r, BLE_ERR_MALFORMED);
        else
            *seen |= 1ul << idx;
    }
    sg->bis_raw = ble_view_make(r->err ? 0 : r->p + start, r->err ? 0 : r->pos - start);
    if (!r->err && seen &&
        (sg->num_bis == 0 || ble_ltv_check(sg->codec_cfg.p, sg->codec_cfg.len, 0, 0) != BLE_OK ||
         ble_ltv_check(sg->metadata.p, sg->metadata.len, 0, 0) != BLE_OK))
        ble_rd_fail(r, BLE_ERR_MALFORMED);
    return r->err;
}

BLE_DEF int ble_bap_base_decode(const uint8_t *p, size_t len, struct ble_bap_base *out)
{
    struct ble_rd r;
    struct ble_bap_base b;
    struct ble_bap_subgroup sg;
    uint32_t seen = 0;
    size_t i;
    if (!out || (len && !p))
        return BLE_ERR_PARAM;
    ble_rd_init(&r, p, len);
    b.presentation_delay = ble_rd_u24(&r);
    b.num_subgroups = ble_rd_u8(&r);
    b.subgroups = ble_view_make(r.err ? 0 : r.p + r.pos, r.err ? 0 : ble_rd_left(&r));
    if (!r.err && b.num_subgroups == 0)
        return BLE_ERR_MALFORMED;
    for (i = 0; i < b.num_subgroups && !r.err; i++)
        ble_bap_subgroup_rd_(&r, &sg, &seen);
    if (ble_rd_end(&r) != BLE_OK)
        return ble_rd_end(&r);
    *out = b;
    return BLE_OK;
}

BLE_DEF void ble_bap_base_it_init(struct ble_bap_base_it *it, const struct ble_bap_base *b)
{
    ble_rd_init(&it->r, b->subgroups.p, b->subgroups.len);
    it->left = b->num_subgroups;
}

BLE_DEF void ble_bap_bis_it_init(struct ble_bap_base_it *it, const struct ble_bap_subgroup *sg)
{
    ble_rd_init(&it->r, sg->bis_raw.p, sg->bis_raw.len);
    it->left = sg->num_bis;
}

BLE_DEF int ble_bap_subgroup_next(struct ble_bap_base_it *it, struct ble_bap_subgroup *sg)
{
    struct ble_bap_subgroup s;
    struct ble_rd r = it->r;
    if (!it->left || ble_bap_subgroup_rd_(&r, &s, 0) != BLE_OK)
        return BLE_ERR_AGAIN;
    it->r = r;
    it->left--;
    *sg = s;
    return BLE_OK;
}

BLE_DEF int ble_bap_bis_next(struct ble_bap_base_it *it, struct ble_bap_bis *bis)
{
    struct ble_rd r = it->r;
    struct ble_bap_bis b;
    if (!it->left)
        return BLE_ERR_AGAIN;
    b.index = ble_rd_u8(&r);
    b.codec_cfg = ble_rd_view(&r, ble_rd_u8(&r));
    if (r.err)
        return BLE_ERR_AGAIN;
    it->r = r;
    it->left--;
    *bis = b;
    return BLE_OK;
}

/* Writes (or counts) a BASE after checking it. */
static int ble_bap_base_wr_(struct ble_wr *w, uint32_t pd, const struct ble_bap_subgroup *sg, size_t n)
{
    uint32_t seen = 0;
    size_t i, k;
    if (n == 0 || n > 255 || pd > 0xFFFFFFu || (n && !sg))
        return BLE_ERR_PARAM;
    ble_wr_u24(w, pd);
    ble_wr_u8(w, (uint8_t)n);
    for (i = 0; i < n; i++) {
        const struct ble_bap_subgroup *s = &sg[i];
        struct ble_bap_base_it it;
        struct ble_bap_bis b;
        if (s->num_bis == 0 || s->codec_cfg.len > 255 || s->metadata.len > 255 ||
            ble_ltv_check(s->codec_cfg.p, s->codec_cfg.len, 0, 0) != BLE_OK ||
            ble_ltv_check(s->metadata.p, s->metadata.len, 0, 0) != BLE_OK)
            return BLE_ERR_MALFORMED;
        ble_wr_u8(w, s->num_bis);
        ble_wr_bytes(w, s->codec_id, 5);
        ble_wr_u8(w, (uint8_t)s->codec_cfg.len);
        ble_wr_bytes(w, s->codec_cfg.p, s->codec_cfg.len);
        ble_wr_u8(w, (uint8_t)s->metadata.len);
        ble_wr_bytes(w, s->metadata.p, s->metadata.len);
        ble_bap_bis_it_init(&it, s);
        for (k = 0; k < s->num_bis; k++) {
            if (s->bis)
                b = s->bis[k];
            else if (ble_bap_bis_next(&it, &b) != BLE_OK)
                return BLE_ERR_MALFORMED;
            if (b.index == 0 || b.index > 31)
                return BLE_ERR_RANGE;
            if ((seen & (1ul << b.index)) || b.codec_cfg.len > 255 ||
                ble_ltv_check(b.codec_cfg.p, b.codec_cfg.len, 0, 0) != BLE_OK)
                return BLE_ERR_MALFORMED;
            seen |= 1ul << b.index;
            ble_wr_u8(w, b.index);
            ble_wr_u8(w, (uint8_t)b.codec_cfg.len);
            ble_wr_bytes(w, b.codec_cfg.p, b.codec_cfg.len);
        }
        if (!s->bis && it.r.pos != s->bis_raw.len)
            return BLE_ERR_MALFORMED;
    }
    return ble_wr_done(w);
}

BLE_DEF int ble_bap_base_encode(uint32_t presentation_delay, const struct ble_bap_subgroup *sg,
                                size_t n, uint8_t *buf, size_t cap)
{
    struct ble_wr w;
    int rc;
    ble_wr_init_count(&w);
    rc = ble_bap_base_wr_(&w, presentation_delay, sg, n);
    if (rc < 0)
        return rc;
    if ((size_t)rc > cap)
        return BLE_ERR_NO_SPACE;
    ble_wr_init(&w, buf, cap);
    return ble_bap_base_wr_(&w, presentation_delay, sg, n);
}

static int ble_bap_svc_uuid_(const uint8_t *svc, size_t len, uint16_t uuid)
{
    if (len && !svc)
        return BLE_ERR_PARAM;
    if (len < 2)
        return BLE_ERR_SHORT;
    return ble_get_le16(svc) == uuid ? BLE_OK : BLE_ERR_UNKNOWN;
}

BLE_DEF int ble_bap_basic_announcement_decode(const uint8_t *svc, size_t len, struct ble_bap_base *out)
{
    int rc = ble_bap_svc_uuid_(svc, len, BLE_BAP_UUID_BASIC_AUDIO_ANNOUNCEMENT);
    return rc != BLE_OK ? rc : ble_bap_base_decode(svc + 2, len - 2, out);
}

BLE_DEF int ble_bap_basic_announcement_encode(uint32_t presentation_delay, const struct ble_bap_subgroup *sg,
                                              size_t n, uint8_t *buf, size_t cap)
{
    int rc;
    if (cap < 2)
        return BLE_ERR_NO_SPACE;
    rc = ble_bap_base_encode(presentation_delay, sg, n, buf ? buf + 2 : 0, cap - 2);
    if (rc < 0)
        return rc;
    ble_put_le16(buf, BLE_BAP_UUID_BASIC_AUDIO_ANNOUNCEMENT);
    return rc + 2;
}

BLE_DEF int ble_bap_broadcast_announcement_decode(const uint8_t *svc, size_t len, uint32_t *broadcast_id)
{
    int rc = ble_bap_svc_uuid_(svc, len, BLE_BAP_UUID_BROADCAST_AUDIO_ANNOUNCEMENT);
    if (rc != BLE_OK)
        return rc;
    if (len < 5)
        return BLE_ERR_SHORT;
    if (len > 5)
        return BLE_ERR_TRAILING;
    if (!broadcast_id)
        return BLE_ERR_PARAM;
    *broadcast_id = ble_get_le24(svc + 2);
    return BLE_OK;
}

BLE_DEF int ble_bap_broadcast_announcement_encode(uint32_t broadcast_id, uint8_t *buf, size_t cap)
{
    if (broadcast_id > 0xFFFFFFu)
        return BLE_ERR_RANGE;
    if (cap < 5)
        return BLE_ERR_NO_SPACE;
    if (!buf)
        return BLE_ERR_PARAM;
    ble_put_le16(buf, BLE_BAP_UUID_BROADCAST_AUDIO_ANNOUNCEMENT);
    ble_put_le24(buf + 2, broadcast_id);
    return 5;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
