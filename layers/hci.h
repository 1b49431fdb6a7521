/* blekit HCI layer: status codes, H4 packet indicators, commands and their
 * return parameters (layers/hci_cmd.h), events and LE meta subevents
 * (layers/hci_evt.h). Core 6.0 Vol 4 Parts A and E.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/hci.h"
#endif

#ifndef BLE_HCI_H
#define BLE_HCI_H

#ifdef __cplusplus
extern "C" {
#endif

/* Controller error codes (Core 6.0 Vol 1 Part F 1.3): X(code, NAME, "Spec name"). */
#define BLE_HCI_STATUS_TABLE(X)                                                            \
    X(0x00, SUCCESS, "Success")                                                            \
    X(0x01, UNKNOWN_COMMAND, "Unknown HCI Command")                                        \
    X(0x02, UNKNOWN_CONN_ID, "Unknown Connection Identifier")                              \
    X(0x03, HARDWARE_FAILURE, "Hardware Failure")                                          \
    X(0x04, PAGE_TIMEOUT, "Page Timeout")                                                  \
    X(0x05, AUTH_FAILURE, "Authentication Failure")                                        \
    X(0x06, PIN_OR_KEY_MISSING, "PIN or Key Missing")                                      \
    X(0x07, MEMORY_CAPACITY_EXCEEDED, "Memory Capacity Exceeded")                          \
    X(0x08, CONN_TIMEOUT, "Connection Timeout")                                            \
    X(0x09, CONN_LIMIT_EXCEEDED, "Connection Limit Exceeded")                              \
    X(0x0A, SYNC_CONN_LIMIT_EXCEEDED, "Synchronous Connection Limit To A Device Exceeded") \
    X(0x0B, CONN_ALREADY_EXISTS, "Connection Already Exists")                              \
    X(0x0C, COMMAND_DISALLOWED, "Command Disallowed")                                      \
    X(0x0D, REJECTED_LIMITED_RESOURCES, "Connection Rejected due to Limited Resources")    \
    X(0x0E, REJECTED_SECURITY, "Connection Rejected Due To Security Reasons")              \
    X(0x0F, REJECTED_BD_ADDR, "Connection Rejected due to Unacceptable BD_ADDR")           \
    X(0x10, ACCEPT_TIMEOUT, "Connection Accept Timeout Exceeded")                          \
    X(0x11, UNSUPPORTED_FEATURE, "Unsupported Feature or Parameter Value")                 \
    X(0x12, INVALID_PARAMS, "Invalid HCI Command Parameters")                              \
    X(0x13, REMOTE_USER_TERMINATED, "Remote User Terminated Connection")                   \
    X(0x14, REMOTE_LOW_RESOURCES, "Remote Device Terminated Connection due to Low Resources") \
    X(0x15, REMOTE_POWER_OFF, "Remote Device Terminated Connection due to Power Off")      \
    X(0x16, LOCAL_HOST_TERMINATED, "Connection Terminated By Local Host")                  \
    X(0x17, REPEATED_ATTEMPTS, "Repeated Attempts")                                        \
    X(0x18, PAIRING_NOT_ALLOWED, "Pairing Not Allowed")                                    \
    X(0x19, UNKNOWN_LMP_PDU, "Unknown LMP PDU")                                            \
    X(0x1A, UNSUPPORTED_REMOTE_FEATURE, "Unsupported Remote Feature")                      \
    X(0x1B, SCO_OFFSET_REJECTED, "SCO Offset Rejected")                                    \
    X(0x1C, SCO_INTERVAL_REJECTED, "SCO Interval Rejected")                                \
    X(0x1D, SCO_AIR_MODE_REJECTED, "SCO Air Mode Rejected")                                \
    X(0x1E, INVALID_LL_PARAMS, "Invalid LMP Parameters / Invalid LL Parameters")           \
    X(0x1F, UNSPECIFIED, "Unspecified Error")                                              \
    X(0x20, UNSUPPORTED_LL_PARAM_VALUE, "Unsupported LMP Parameter Value / Unsupported LL Parameter Value") \
    X(0x21, ROLE_CHANGE_NOT_ALLOWED, "Role Change Not Allowed")                            \
    X(0x22, LL_RESPONSE_TIMEOUT, "LMP Response Timeout / LL Response Timeout")             \
    X(0x23, LL_PROCEDURE_COLLISION, "LMP Error Transaction Collision / LL Procedure Collision") \
    X(0x24, LMP_PDU_NOT_ALLOWED, "LMP PDU Not Allowed")                                    \
    X(0x25, ENCRYPTION_MODE_NOT_ACCEPTABLE, "Encryption Mode Not Acceptable")              \
    X(0x26, LINK_KEY_CANNOT_BE_CHANGED, "Link Key cannot be Changed")                      \
    X(0x27, QOS_NOT_SUPPORTED, "Requested QoS Not Supported")                              \
    X(0x28, INSTANT_PASSED, "Instant Passed")                                              \
    X(0x29, UNIT_KEY_NOT_SUPPORTED, "Pairing With Unit Key Not Supported")                 \
    X(0x2A, DIFFERENT_TRANSACTION_COLLISION, "Different Transaction Collision")            \
    X(0x2C, QOS_UNACCEPTABLE_PARAM, "QoS Unacceptable Parameter")                          \
    X(0x2D, QOS_REJECTED, "QoS Rejected")                                                  \
    X(0x2E, CHANNEL_CLASSIFICATION_NOT_SUPPORTED, "Channel Classification Not Supported")  \
    X(0x2F, INSUFFICIENT_SECURITY, "Insufficient Security")                                \
    X(0x30, PARAM_OUT_OF_RANGE, "Parameter Out Of Mandatory Range")                        \
    X(0x32, ROLE_SWITCH_PENDING, "Role Switch Pending")                                    \
    X(0x34, RESERVED_SLOT_VIOLATION, "Reserved Slot Violation")                            \
    X(0x35, ROLE_SWITCH_FAILED, "Role Switch Failed")                                      \
    X(0x36, EIR_TOO_LARGE, "Extended Inquiry Response Too Large")                          \
    X(0x37, SSP_NOT_SUPPORTED_BY_HOST, "Secure Simple Pairing Not Supported By Host")      \
    X(0x38, HOST_BUSY_PAIRING, "Host Busy - Pairing")                                      \
    X(0x39, NO_SUITABLE_CHANNEL, "Connection Rejected due to No Suitable Channel Found")   \
    X(0x3A, CONTROLLER_BUSY, "Controller Busy")                                            \
    X(0x3B, UNACCEPTABLE_CONN_PARAMS, "Unacceptable Connection Parameters")                \
    X(0x3C, ADV_TIMEOUT, "Advertising Timeout")                                            \
    X(0x3D, MIC_FAILURE, "Connection Terminated due to MIC Failure")                       \
    X(0x3E, CONN_FAILED_TO_ESTABLISH, "Connection Failed to be Established / Synchronization Timeout") \
    X(0x3F, MAC_CONN_FAILED, "Previously used")                                            \
    X(0x40, COARSE_CLOCK_ADJ_REJECTED, "Coarse Clock Adjustment Rejected but Will Try to Adjust Using Clock Dragging") \
    X(0x41, TYPE0_SUBMAP_NOT_DEFINED, "Type0 Submap Not Defined")                          \
    X(0x42, UNKNOWN_ADV_ID, "Unknown Advertising Identifier")                              \
    X(0x43, LIMIT_REACHED, "Limit Reached")                                                \
    X(0x44, OPERATION_CANCELLED_BY_HOST, "Operation Cancelled by Host")                    \
    X(0x45, PACKET_TOO_LONG, "Packet Too Long")                                            \
    X(0x46, TOO_LATE, "Too Late")                                                          \
    X(0x47, TOO_EARLY, "Too Early")                                                        \
    X(0x48, INSUFFICIENT_CHANNELS, "Insufficient Channels")

#define BLE_HCI_STATUS_ENUM_(code, NAME, str) BLE_HCI_##NAME = (code),
enum ble_hci_status { BLE_HCI_STATUS_TABLE(BLE_HCI_STATUS_ENUM_) BLE_HCI_STATUS_END_ };
#undef BLE_HCI_STATUS_ENUM_

/* Value names of status fields, for the field printers. */
extern const struct ble_names ble_hci_status_names;
/* The status code's name, or NULL for a code the specification does not define. */
BLE_API const char *ble_hci_status_name(unsigned status);

/* H4 packet indicators (Core 6.0 Vol 4 Part A 2). */
enum ble_h4_type {
    BLE_H4_CMD = 0x01,
    BLE_H4_ACL = 0x02,
    BLE_H4_SCO = 0x03,
    BLE_H4_EVT = 0x04,
    BLE_H4_ISO = 0x05
};

/* ---- H4 stream framer ----------------------------------------------------
 * Bytes arrive in any pieces; the framer collects one packet at a time into
 * caller storage and stops right after it completes. The loop:
 *
 *     while (len) {
 *         size_t used;
 *         int rc = ble_h4_push(&h4, p, len, &used);
 *         p += used, len -= used;
 *         if (rc == BLE_OK) { struct ble_h4_pkt pkt; ble_h4_packet(&h4, &pkt); ... }
 *         else if (rc != BLE_ERR_AGAIN) { log ble_strerror(rc); the stats count it }
 *     }
 *
 * Resynchronisation: an octet that is no packet indicator is dropped on its
 * own (BLE_ERR_UNKNOWN, counted) and the next octet is tried as an indicator.
 * A packet whose header announces more than the storage holds is skipped
 * whole, by its announced length, so the stream stays in step
 * (BLE_ERR_TOO_LONG, counted, reported when its header completes). */
struct ble_h4_stats {
    uint32_t packets;     /* whole packets delivered */
    uint32_t bad_type;    /* octets dropped for not being a packet indicator */
    uint32_t too_long;    /* packets skipped for not fitting the storage */
    uint32_t octets_dropped; /* every octet not delivered in a packet */
};

struct ble_h4 {
    uint8_t *buf;   /* caller storage: indicator, header and payload */
    size_t cap;
    size_t have;    /* octets of the current packet in buf */
    size_t need;    /* its total length once the header is in, else 0 */
    size_t skip;    /* octets still to discard of a packet too long */
    uint8_t ready;  /* a whole packet sits in buf */
    struct ble_h4_stats stats;
};

/* A packet inside the framer's storage: valid until the next push. */
struct ble_h4_pkt {
    uint8_t type;          /* enum ble_h4_type */
    const uint8_t *p;      /* header and payload, after the indicator */
    size_t len;
};

/* Storage of at least BLE_H4_MIN_CAP octets (an indicator and the longest
 * header); size it for the largest packet expected: 1 + 2 + 255 for events,
 * 1 + 4 + the controller's ACL or ISO data length. */
#define BLE_H4_MIN_CAP 5
BLE_API int ble_h4_init(struct ble_h4 *h, uint8_t *buf, size_t cap);
/* Consumes octets up to the end of one packet; *used tells how many. BLE_OK: a
 * packet is ready; BLE_ERR_AGAIN: everything was consumed, no packet yet;
 * BLE_ERR_UNKNOWN / BLE_ERR_TOO_LONG: see above (the stream goes on). */
BLE_API int ble_h4_push(struct ble_h4 *h, const uint8_t *in, size_t len, size_t *used);
/* The packet completed by the last push: BLE_OK, or BLE_ERR_AGAIN (and an
 * empty *pkt) when none. */
BLE_API int ble_h4_packet(const struct ble_h4 *h, struct ble_h4_pkt *pkt);
/* Header length after the indicator (3, 4, 3, 2, 4), or 0 for no packet type. */
BLE_API size_t ble_h4_header_len(unsigned type);

/* ---- Data packet headers (Core 6.0 Vol 4 Part E 5.4) ---------------------- */

/* Connection handles are 12 bits, 0x0000..0x0EFF; 0x0F00..0x0FFF are reserved. */
#define BLE_HCI_HANDLE_MAX 0x0EFF
static inline int ble_hci_handle_valid(unsigned handle)
{
    return handle <= BLE_HCI_HANDLE_MAX;
}

/* ACL Packet_Boundary_Flag (5.4.2). */
enum ble_hci_acl_pb {
    BLE_HCI_ACL_PB_FIRST_NON_FLUSHABLE = 0x0, /* host to controller */
    BLE_HCI_ACL_PB_CONTINUING = 0x1,
    BLE_HCI_ACL_PB_FIRST_FLUSHABLE = 0x2,
    BLE_HCI_ACL_PB_COMPLETE = 0x3
};

/* An HCI ACL Data packet, after the H4 indicator (5.4.2). */
struct ble_hci_acl {
    uint16_t handle;   /* 12 bits */
    uint8_t pb;        /* enum ble_hci_acl_pb */
    uint8_t bc;        /* Broadcast_Flag: 0 point-to-point */
    struct ble_view data;
};
/* BLE_OK, BLE_ERR_SHORT (header or data cut), BLE_ERR_TRAILING (octets past
 * Data_Total_Length). *out is untouched on error; data points into in. */
BLE_API int ble_hci_acl_decode(const uint8_t *in, size_t len, struct ble_hci_acl *out);
/* Header and data into buf: the length, or a negative ble_err with nothing
 * written (BLE_ERR_RANGE for a handle or flag out of its bits). */
BLE_API int ble_hci_acl_encode(const struct ble_hci_acl *acl, uint8_t *buf, size_t cap);

/* A Synchronous Data packet (5.4.3); SCO is BR/EDR, decoded for tools. */
struct ble_hci_sco {
    uint16_t handle;
    uint8_t status; /* Packet_Status_Flag, 2 bits */
    struct ble_view data;
};
BLE_API int ble_hci_sco_decode(const uint8_t *in, size_t len, struct ble_hci_sco *out);

/* ISO PB_Flag (5.4.5). */
enum ble_hci_iso_pb {
    BLE_HCI_ISO_PB_FIRST = 0x0,
    BLE_HCI_ISO_PB_CONTINUATION = 0x1,
    BLE_HCI_ISO_PB_COMPLETE = 0x2,
    BLE_HCI_ISO_PB_LAST = 0x3
};
/* ISO Packet_Status_Flag, controller to host (5.4.5). */
enum ble_hci_iso_status {
    BLE_HCI_ISO_VALID = 0x0,
    BLE_HCI_ISO_POSSIBLY_INVALID = 0x1,
    BLE_HCI_ISO_LOST = 0x2
};

/* An HCI ISO Data packet (5.4.5). The sequence number, SDU length and status
 * are present (has_sdu_hdr) only in a first or complete fragment; the time
 * stamp only when the TS_Flag is set. */
struct ble_hci_iso {
    uint16_t handle;
    uint8_t pb;            /* enum ble_hci_iso_pb */
    uint8_t ts;            /* TS_Flag */
    uint8_t has_sdu_hdr;
    uint8_t status;        /* Packet_Status_Flag (has_sdu_hdr) */
    uint32_t timestamp;    /* us (ts) */
    uint16_t seq;          /* Packet_Sequence_Number (has_sdu_hdr) */
    uint16_t sdu_len;      /* ISO_SDU_Length, 12 bits (has_sdu_hdr) */
    struct ble_view data;  /* ISO_SDU_Fragment */
};
BLE_API int ble_hci_iso_decode(const uint8_t *in, size_t len, struct ble_hci_iso *out);
/* has_sdu_hdr is derived from pb when encoding. */
BLE_API int ble_hci_iso_encode(const struct ble_hci_iso *iso, uint8_t *buf, size_t cap);


/* ---- Command packets ------------------------------------------------------ */

/* Opcode = OGF << 10 | OCF (Core 6.0 Vol 4 Part E 5.4.1). */
#define BLE_HCI_OP(ogf, ocf) ((uint16_t)(((ogf) << 10) | (ocf)))
#define BLE_HCI_OP_NOP 0x0000 /* Command Complete/Status with no command: credits only */

/* An HCI Command packet (after the H4 indicator): opcode, length, parameters.
 * The length, or a negative ble_err with nothing written. */
BLE_API int ble_hci_cmd_packet(uint16_t opcode, const uint8_t *params, size_t plen, uint8_t *buf,
                               size_t cap);

/* An HCI Event packet split into its code and parameters (5.4.4): BLE_OK, or
 * BLE_ERR_SHORT / BLE_ERR_TRAILING when Parameter_Total_Length disagrees. */
struct ble_hci_evt_pkt {
    uint8_t code;
    struct ble_view params;
};
BLE_API int ble_hci_evt_packet(const uint8_t *in, size_t len, struct ble_hci_evt_pkt *out);

#ifdef __cplusplus
}
#endif

#endif /* BLE_HCI_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_HCI_IMPL)
#define BLE_HCI_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#if BLE_CFG_NAMES
#define BLE_HCI_STATUS_NAME_(code, NAME, str) { (code), str },
static const struct ble_name ble_hci_status_list_[] = { BLE_HCI_STATUS_TABLE(BLE_HCI_STATUS_NAME_) };
#undef BLE_HCI_STATUS_NAME_
const struct ble_names ble_hci_status_names = {
    ble_hci_status_list_, (uint16_t)(sizeof ble_hci_status_list_ / sizeof ble_hci_status_list_[0])
};
#else
const struct ble_names ble_hci_status_names = { 0, 0 };
#endif

BLE_DEF const char *ble_hci_status_name(unsigned status)
{
    return ble_names_get(&ble_hci_status_names, status);
}

/* ---- H4 framer ---- */

BLE_DEF size_t ble_h4_header_len(unsigned type)
{
    switch (type) {
    case BLE_H4_CMD: return 3; /* opcode, length */
    case BLE_H4_ACL: return 4; /* handle and flags, 16-bit length */
    case BLE_H4_SCO: return 3; /* handle and flags, length */
    case BLE_H4_EVT: return 2; /* event code, length */
    case BLE_H4_ISO: return 4; /* handle and flags, 14-bit length */
    default: return 0;
    }
}

/* Payload length announced by a complete header (h points at the indicator). */
static size_t ble_h4_payload_len_(const uint8_t *h)
{
    switch (h[0]) {
    case BLE_H4_CMD:
    case BLE_H4_SCO: return h[3];
    case BLE_H4_EVT: return h[2];
    case BLE_H4_ACL: return ble_get_le16(h + 3);
    default: return ble_get_le16(h + 3) & 0x3FFFu; /* ISO: two RFU bits on top */
    }
}

BLE_DEF int ble_h4_init(struct ble_h4 *h, uint8_t *buf, size_t cap)
{
    ble_memset(h, 0, sizeof(*h));
    if (!buf || cap < BLE_H4_MIN_CAP)
        return BLE_ERR_PARAM;
    h->buf = buf;
    h->cap = cap;
    return BLE_OK;
}

BLE_DEF int ble_h4_push(struct ble_h4 *h, const uint8_t *in, size_t len, size_t *used)
{
    size_t n = 0, take;
    *used = 0;
    if (!h->buf || (len && !in))
        return BLE_ERR_PARAM;
    if (h->ready) { /* the previous packet was handed out: start the next */
        h->ready = 0;
        h->have = 0;
        h->need = 0;
    }
    while (n < len) {
        if (h->skip) { /* discard the rest of a packet that did not fit */
            take = len - n < h->skip ? len - n : h->skip;
            h->skip -= take;
            h->stats.octets_dropped += (uint32_t)take;
            n += take;
            continue;
        }
        if (h->have == 0) {
            if (!ble_h4_header_len(in[n])) {
                h->stats.bad_type++;
                h->stats.octets_dropped++;
                *used = n + 1;
                return BLE_ERR_UNKNOWN;
            }
            h->buf[h->have++] = in[n++];
            continue;
        }
        if (h->need == 0) { /* collecting the header */
            size_t hl = 1 + ble_h4_header_len(h->buf[0]);
            take = hl - h->have;
            if (take > len - n)
                take = len - n;
            ble_memcpy(h->buf + h->have, in + n, take);
            h->have += take;
            n += take;
            if (h->have < hl)
                break;
            h->need = hl + ble_h4_payload_len_(h->buf);
            if (h->need > h->cap) {
                h->stats.too_long++;
                h->stats.octets_dropped += (uint32_t)h->have;
                h->skip = h->need - h->have;
                h->have = 0;
                h->need = 0;
                *used = n;
                return BLE_ERR_TOO_LONG;
            }
        }
        take = h->need - h->have; /* the payload, in one copy */
        if (take > len - n)
            take = len - n;
        ble_memcpy(h->buf + h->have, in + n, take);
        h->have += take;
        n += take;
        if (h->have == h->need) {
            h->ready = 1;
            h->stats.packets++;
            *used = n;
            return BLE_OK;
        }
    }
    *used = n;
    return BLE_ERR_AGAIN;
}

BLE_DEF int ble_h4_packet(const struct ble_h4 *h, struct ble_h4_pkt *pkt)
{
    if (!h->ready) {
        pkt->type = 0;
        pkt->p = 0;
        pkt->len = 0;
        return BLE_ERR_AGAIN;
    }
    pkt->type = h->buf[0];
    pkt->p = h->buf + 1;
    pkt->len = h->have - 1;
    return BLE_OK;
}

/* ---- Data packet headers ---- */

BLE_DEF int ble_hci_acl_decode(const uint8_t *in, size_t len, struct ble_hci_acl *out)
{
    struct ble_rd r;
    uint16_t hf, dlen;
    struct ble_view data;
    ble_rd_init(&r, in, len);
    hf = ble_rd_u16(&r);
    dlen = ble_rd_u16(&r);
    data = ble_rd_view(&r, dlen);
    if (ble_rd_end(&r) != BLE_OK)
        return ble_rd_end(&r);
    out->handle = hf & 0x0FFFu;
    out->pb = (uint8_t)((hf >> 12) & 3u);
    out->bc = (uint8_t)(hf >> 14);
    out->data = data;
    return BLE_OK;
}

BLE_DEF int ble_hci_acl_encode(const struct ble_hci_acl *acl, uint8_t *buf, size_t cap)
{
    struct ble_wr w;
    if (acl->handle > 0x0FFF || acl->pb > 3 || acl->bc > 3)
        return BLE_ERR_RANGE;
    if (acl->data.len > 0xFFFF)
        return BLE_ERR_TOO_LONG;
    if (acl->data.len + 4 > cap)
        return BLE_ERR_NO_SPACE;
    ble_wr_init(&w, buf, cap);
    ble_wr_u16(&w, (uint16_t)(acl->handle | (acl->pb << 12) | (acl->bc << 14)));
    ble_wr_u16(&w, (uint16_t)acl->data.len);
    ble_wr_bytes(&w, acl->data.p, acl->data.len);
    return ble_wr_done(&w);
}

BLE_DEF int ble_hci_sco_decode(const uint8_t *in, size_t len, struct ble_hci_sco *out)
{
    struct ble_rd r;
    uint16_t hf;
    struct ble_view data;
    ble_rd_init(&r, in, len);
    hf = ble_rd_u16(&r);
    data = ble_rd_view(&r, ble_rd_u8(&r));
    if (ble_rd_end(&r) != BLE_OK)
        return ble_rd_end(&r);
    out->handle = hf & 0x0FFFu;
    out->status = (uint8_t)((hf >> 12) & 3u);
    out->data = data;
    return BLE_OK;
}

BLE_DEF int ble_hci_iso_decode(const uint8_t *in, size_t len, struct ble_hci_iso *out)
{
    struct ble_rd r, load;
    struct ble_hci_iso v;
    uint16_t hf, sl;
    ble_memset(&v, 0, sizeof v);
    ble_rd_init(&r, in, len);
    hf = ble_rd_u16(&r);
    load.p = 0;
    {
        struct ble_view l = ble_rd_view(&r, ble_rd_u16(&r) & 0x3FFFu);
        if (ble_rd_end(&r) != BLE_OK)
            return ble_rd_end(&r);
        ble_rd_init(&load, l.p, l.len);
    }
    v.handle = hf & 0x0FFFu;
    v.pb = (uint8_t)((hf >> 12) & 3u);
    v.ts = (uint8_t)((hf >> 14) & 1u);
    if (v.ts)
        v.timestamp = ble_rd_u32(&load);
    v.has_sdu_hdr = v.pb == BLE_HCI_ISO_PB_FIRST || v.pb == BLE_HCI_ISO_PB_COMPLETE;
    if (v.has_sdu_hdr) {
        v.seq = ble_rd_u16(&load);
        sl = ble_rd_u16(&load);
        v.sdu_len = sl & 0x0FFFu;
        v.status = (uint8_t)(sl >> 14);
    }
    v.data = ble_rd_rest(&load);
    if (load.err)
        return BLE_ERR_MALFORMED; /* the data load is shorter than its own headers */
    if (v.pb == BLE_HCI_ISO_PB_COMPLETE && v.status == BLE_HCI_ISO_VALID && v.data.len != v.sdu_len)
        return BLE_ERR_MALFORMED; /* a complete, valid SDU carries exactly its length */
    if (v.data.len > v.sdu_len && v.has_sdu_hdr)
        return BLE_ERR_MALFORMED; /* a fragment longer than its SDU */
    *out = v;
    return BLE_OK;
}

BLE_DEF int ble_hci_iso_encode(const struct ble_hci_iso *iso, uint8_t *buf, size_t cap)
{
    struct ble_wr w;
    size_t load;
    int sdu_hdr = iso->pb == BLE_HCI_ISO_PB_FIRST || iso->pb == BLE_HCI_ISO_PB_COMPLETE;
    if (iso->handle > 0x0FFF || iso->pb > 3 || iso->ts > 1 || iso->status > 3 ||
        iso->sdu_len > 0x0FFF)
        return BLE_ERR_RANGE;
    load = (iso->ts ? 4u : 0u) + (sdu_hdr ? 4u : 0u) + iso->data.len;
    if (load > 0x3FFF)
        return BLE_ERR_TOO_LONG;
    if (sdu_hdr && iso->data.len > iso->sdu_len)
        return BLE_ERR_MALFORMED;
    if (load + 4 > cap)
        return BLE_ERR_NO_SPACE;
    ble_wr_init(&w, buf, cap);
    ble_wr_u16(&w, (uint16_t)(iso->handle | (iso->pb << 12) | (iso->ts << 14)));
    ble_wr_u16(&w, (uint16_t)load);
    if (iso->ts)
        ble_wr_u32(&w, iso->timestamp);
    if (sdu_hdr) {
        ble_wr_u16(&w, iso->seq);
        ble_wr_u16(&w, (uint16_t)(iso->sdu_len | (iso->status << 14)));
    }
    ble_wr_bytes(&w, iso->data.p, iso->data.len);
    return ble_wr_done(&w);
}


/* ---- Command and event packets ---- */

BLE_DEF int ble_hci_cmd_packet(uint16_t opcode, const uint8_t *params, size_t plen, uint8_t *buf,
                               size_t cap)
{
    struct ble_wr w;
    if (plen > 0xFF)
        return BLE_ERR_TOO_LONG;
    if (plen && !params)
        return BLE_ERR_PARAM;
    if (3 + plen > cap)
        return BLE_ERR_NO_SPACE;
    ble_wr_init(&w, buf, cap);
    ble_wr_u16(&w, opcode);
    ble_wr_u8(&w, (uint8_t)plen);
    ble_wr_bytes(&w, params, plen);
    return ble_wr_done(&w);
}

BLE_DEF int ble_hci_evt_packet(const uint8_t *in, size_t len, struct ble_hci_evt_pkt *out)
{
    struct ble_rd r;
    uint8_t code;
    struct ble_view v;
    ble_rd_init(&r, in, len);
    code = ble_rd_u8(&r);
    v = ble_rd_view(&r, ble_rd_u8(&r));
    if (ble_rd_end(&r) != BLE_OK)
        return ble_rd_end(&r);
    out->code = code;
    out->params = v;
    return BLE_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
