/* blekit L2CAP layer: basic frames, recombination of ACL fragments into PDUs,
 * fragmentation of PDUs into ACL packets, and the LE signaling channel's
 * commands (Core 6.0 Vol 3 Part A).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/l2cap.h"
#endif

#ifndef BLE_L2CAP_H
#define BLE_L2CAP_H

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed channels of an LE-U logical link (Vol 3 Part A 2.1). */
enum ble_l2cap_cid {
    BLE_L2CAP_CID_NULL = 0x0000,
    BLE_L2CAP_CID_ATT = 0x0004,
    BLE_L2CAP_CID_LE_SIGNALING = 0x0005,
    BLE_L2CAP_CID_SMP = 0x0006,
    BLE_L2CAP_CID_DYN_MIN = 0x0040, /* dynamically allocated on LE-U */
    BLE_L2CAP_CID_DYN_MAX = 0x007F
};
#define BLE_L2CAP_HDR_LEN 4

/* ---- Basic frame (Vol 3 Part A 3.1) -------------------------------------- */

/* A whole L2CAP PDU: channel and payload (a view into the caller's bytes). */
struct ble_l2cap_pdu {
    uint16_t handle;
    uint16_t cid;
    struct ble_view payload;
};
/* One basic frame: BLE_OK, BLE_ERR_SHORT / BLE_ERR_TRAILING when the length
 * field disagrees with len. */
BLE_API int ble_l2cap_frame_decode(const uint8_t *in, size_t len, struct ble_l2cap_pdu *out);

/* ---- Recombination (Vol 3 Part A 7.2) --------------------------------------
 * One slot per connection handle, each with caller storage for the largest
 * PDU accepted on that link (header included). A PDU that arrives whole in
 * one ACL packet is returned as a view into that packet (no copy); a
 * fragmented one is gathered in the slot's storage. Every malformed case is
 * rejected, counted, and never leaves a partial PDU behind. */
struct ble_l2cap_rx_stats {
    uint32_t pdus;                 /* whole PDUs delivered */
    uint32_t unknown_handle;       /* fragment of a handle with no slot (or detached) */
    uint32_t empty_fragment;       /* ACL packet with no data */
    uint32_t cont_without_start;   /* continuation with no PDU in progress */
    uint32_t start_in_progress;    /* start while a PDU was in progress: that one dropped */
    uint32_t too_long;             /* PDU longer than the slot's storage */
    uint32_t overflow;             /* fragments past the declared length */
    uint32_t dropped_on_detach;    /* PDU in progress when its handle went away */
};

struct ble_l2cap_rx_slot {
    struct ble_slot slot; /* first: the link's handle */
    uint8_t *buf;       /* caller storage */
    uint32_t cap;
    uint8_t discard;    /* dropping the rest of a PDU too long */
    uint32_t have;      /* octets gathered (or, discarding, seen), header included */
    uint32_t need;      /* 4 + the declared length once the header is in; 0 before */
};

struct ble_l2cap_rx {
    struct ble_l2cap_rx_slot *slots;
    size_t nslots;
    struct ble_l2cap_rx_stats stats;
};

BLE_API void ble_l2cap_rx_init(struct ble_l2cap_rx *rx, struct ble_l2cap_rx_slot *slots, size_t nslots);
/* A link came up: give its handle storage of cap octets (at least 4; more
 * than 4 + 65535, the largest PDU, is not used). BLE_ERR_FULL when no slot
 * is free, BLE_ERR_BUSY when the handle has one. */
BLE_API int ble_l2cap_rx_attach(struct ble_l2cap_rx *rx, uint16_t handle, uint8_t *buf, size_t cap);
/* The link went away: a PDU in progress is dropped and counted. */
BLE_API void ble_l2cap_rx_detach(struct ble_l2cap_rx *rx, uint16_t handle);
/* One ACL packet in. BLE_OK: *out holds a whole PDU (valid until the next
 * push on that handle). BLE_ERR_AGAIN: fragment kept, more to come.
 * Errors, each counted in stats: BLE_ERR_NOT_FOUND (unknown handle),
 * BLE_ERR_SHORT (empty fragment), BLE_ERR_STATE (continuation without start),
 * BLE_ERR_TOO_LONG (PDU over the storage; its continuations are absorbed),
 * BLE_ERR_MALFORMED (more octets than the PDU declared). */
BLE_API int ble_l2cap_rx_push(struct ble_l2cap_rx *rx, const struct ble_hci_acl *acl,
                              struct ble_l2cap_pdu *out);

/* ---- Fragmentation (Vol 3 Part A 7.2) -------------------------------------
 * Splits one PDU (header built here, payload from the caller) into ACL
 * packets of at most acl_len data octets (the controller's LE ACL data packet
 * length): the first with PB 00 (first, non-flushable), the rest with PB 01. */
struct ble_l2cap_tx {
    uint16_t handle;
    uint16_t cid;
    uint16_t acl_len;
    struct ble_view payload;
    size_t off;         /* octets of header + payload already packed */
};
/* BLE_ERR_TOO_LONG for a payload over 65535 octets, BLE_ERR_PARAM for
 * acl_len 0 or a bad handle. */
BLE_API int ble_l2cap_tx_init(struct ble_l2cap_tx *tx, uint16_t handle, uint16_t cid,
                              struct ble_view payload, uint16_t acl_len);
/* The next ACL packet (HCI ACL header and data) into buf: its length, 0 when
 * the PDU is all out, BLE_ERR_NO_SPACE (nothing written) when cap is short. */
BLE_API int ble_l2cap_tx_next(struct ble_l2cap_tx *tx, uint8_t *buf, size_t cap);
/* Number of ACL packets a payload of n octets takes. */
static inline size_t ble_l2cap_tx_count(size_t n, uint16_t acl_len)
{
    return acl_len ? (n + BLE_L2CAP_HDR_LEN + acl_len - 1) / acl_len : 0;
}

/* ---- LE signaling channel (Vol 3 Part A 4) ---------------------------------- */

/* Command Reject reasons (4.1). */
enum ble_l2cap_reject_reason {
    BLE_L2CAP_REJECT_NOT_UNDERSTOOD = 0x0000,
    BLE_L2CAP_REJECT_MTU_EXCEEDED = 0x0001,
    BLE_L2CAP_REJECT_INVALID_CID = 0x0002
};

/* Results of the LE Credit Based and Credit Based Connection Responses
 * (4.23, 4.26), with the words of the credit-based (ECFC) table. */
#define BLE_L2CAP_CONN_RESULTS(X)                                                          \
    X(0x0000, SUCCESS, "Connection successful")                                             \
    X(0x0002, SPSM_NOT_SUPPORTED, "Connection refused - SPSM not supported")               \
    X(0x0004, NO_RESOURCES, "Connection refused - no resources available")                 \
    X(0x0005, INSUFF_AUTHENTICATION, "Connection refused - insufficient authentication")   \
    X(0x0006, INSUFF_AUTHORIZATION, "Connection refused - insufficient authorization")     \
    X(0x0007, KEY_SIZE_TOO_SHORT, "Connection refused - encryption key size too short")    \
    X(0x0008, INSUFF_ENCRYPTION, "Connection refused - insufficient encryption")           \
    X(0x0009, INVALID_SOURCE_CID, "Connection refused - invalid Source CID")               \
    X(0x000A, SOURCE_CID_ALLOCATED, "Connection refused - Source CID already allocated")   \
    X(0x000B, UNACCEPTABLE_PARAMS, "Connection refused - unacceptable parameters")         \
    X(0x000C, INVALID_PARAMS, "Connection refused - invalid parameters")                   \
    X(0x000D, PENDING, "Connection pending - no further information available")            \
    X(0x000E, PENDING_AUTHENTICATION, "Connection pending - authentication pending")       \
    X(0x000F, PENDING_AUTHORIZATION, "Connection pending - authorization pending")

#define BLE_L2CAP_CONN_RESULT_ENUM_(v, NAME, s) BLE_L2CAP_CONN_##NAME = (v),
enum ble_l2cap_conn_result { BLE_L2CAP_CONN_RESULTS(BLE_L2CAP_CONN_RESULT_ENUM_) BLE_L2CAP_CONN_END_ };
#undef BLE_L2CAP_CONN_RESULT_ENUM_

/* Credit Based Reconfigure Response results (4.28). */
enum ble_l2cap_reconf_result {
    BLE_L2CAP_RECONF_SUCCESS = 0x0000,
    BLE_L2CAP_RECONF_MTU_REDUCED = 0x0001,
    BLE_L2CAP_RECONF_MPS_REDUCED = 0x0002,
    BLE_L2CAP_RECONF_INVALID_DCID = 0x0003,
    BLE_L2CAP_RECONF_UNACCEPTABLE = 0x0004
};

/* The LE signaling commands: X(code, NAME, name, "Spec Name", FIELDS, flags). */
#define BLE_L2CAP_SIG_TABLE(X)                                                             \
    X(0x01, COMMAND_REJECT, command_reject, "L2CAP_COMMAND_REJECT_RSP", BLE_L2CAP_SIG_REJECT_F, 0) \
    X(0x06, DISCONNECTION_REQ, disconnection_req, "L2CAP_DISCONNECTION_REQ", BLE_L2CAP_SIG_DISC_F, 0) \
    X(0x07, DISCONNECTION_RSP, disconnection_rsp, "L2CAP_DISCONNECTION_RSP", BLE_L2CAP_SIG_DISC_F, 0) \
    X(0x12, CONN_PARAM_UPDATE_REQ, conn_param_update_req, "L2CAP_CONNECTION_PARAMETER_UPDATE_REQ", BLE_L2CAP_SIG_CPU_REQ_F, 0) \
    X(0x13, CONN_PARAM_UPDATE_RSP, conn_param_update_rsp, "L2CAP_CONNECTION_PARAMETER_UPDATE_RSP", BLE_L2CAP_SIG_RESULT_F, 0) \
    X(0x14, LE_CREDIT_CONN_REQ, le_credit_conn_req, "L2CAP_LE_CREDIT_BASED_CONNECTION_REQ", BLE_L2CAP_SIG_LE_CONN_REQ_F, 0) \
    X(0x15, LE_CREDIT_CONN_RSP, le_credit_conn_rsp, "L2CAP_LE_CREDIT_BASED_CONNECTION_RSP", BLE_L2CAP_SIG_LE_CONN_RSP_F, 0) \
    X(0x16, FLOW_CONTROL_CREDIT_IND, flow_control_credit_ind, "L2CAP_FLOW_CONTROL_CREDIT_IND", BLE_L2CAP_SIG_CREDIT_F, 0) \
    X(0x17, CREDIT_CONN_REQ, credit_conn_req, "L2CAP_CREDIT_BASED_CONNECTION_REQ", BLE_L2CAP_SIG_ECFC_REQ_F, 0) \
    X(0x18, CREDIT_CONN_RSP, credit_conn_rsp, "L2CAP_CREDIT_BASED_CONNECTION_RSP", BLE_L2CAP_SIG_ECFC_RSP_F, 0) \
    X(0x19, CREDIT_RECONF_REQ, credit_reconf_req, "L2CAP_CREDIT_BASED_RECONFIGURE_REQ", BLE_L2CAP_SIG_RECONF_REQ_F, 0) \
    X(0x1A, CREDIT_RECONF_RSP, credit_reconf_rsp, "L2CAP_CREDIT_BASED_RECONFIGURE_RSP", BLE_L2CAP_SIG_RESULT_F, 0)

/* 4.1: Reason, then 0, 2 or 4 octets of data (the MTU, or the two CIDs). */
#define BLE_L2CAP_SIG_REJECT_F(F, S)                                                       \
    F(S, U16, reason, &ble_l2cap_reject_names)                                             \
    F(S, REST, data, 0)
/* 4.6, 4.7 */
#define BLE_L2CAP_SIG_DISC_F(F, S)                                                         \
    F(S, U16, destination_cid, 0)                                                          \
    F(S, U16, source_cid, 0)
/* 4.20 (units: 1.25 ms, events, 10 ms) */
#define BLE_L2CAP_SIG_CPU_REQ_F(F, S)                                                      \
    F(S, U16, interval_min, 0)                                                             \
    F(S, U16, interval_max, 0)                                                             \
    F(S, U16, latency, 0)                                                                  \
    F(S, U16, timeout, 0)
/* 4.21, 4.28 */
#define BLE_L2CAP_SIG_RESULT_F(F, S) F(S, U16, result, 0)
/* 4.22 */
#define BLE_L2CAP_SIG_LE_CONN_REQ_F(F, S)                                                  \
    F(S, U16, spsm, 0)                                                                     \
    F(S, U16, source_cid, 0)                                                               \
    F(S, U16, mtu, 0)                                                                      \
    F(S, U16, mps, 0)                                                                      \
    F(S, U16, initial_credits, 0)
/* 4.23 */
#define BLE_L2CAP_SIG_LE_CONN_RSP_F(F, S)                                                  \
    F(S, U16, destination_cid, 0)                                                          \
    F(S, U16, mtu, 0)                                                                      \
    F(S, U16, mps, 0)                                                                      \
    F(S, U16, initial_credits, 0)                                                          \
    F(S, U16, result, &ble_l2cap_conn_result_names)
/* 4.24 */
#define BLE_L2CAP_SIG_CREDIT_F(F, S)                                                       \
    F(S, U16, cid, 0)                                                                      \
    F(S, U16, credits, 0)
/* one CID of the credit-based lists */
#define BLE_L2CAP_SIG_CID_F(F, S) F(S, U16, cid, 0)
/* 4.25: 1 to 5 Source CIDs to the end */
#define BLE_L2CAP_SIG_ECFC_REQ_F(F, S)                                                     \
    F(S, U16, spsm, 0)                                                                     \
    F(S, U16, mtu, 0)                                                                      \
    F(S, U16, mps, 0)                                                                      \
    F(S, U16, initial_credits, 0)                                                          \
    F(S, ARRR, source_cid, ble_l2cap_sig_cid_desc)
/* 4.26: Destination CIDs to the end (0x0000 for a refused channel) */
#define BLE_L2CAP_SIG_ECFC_RSP_F(F, S)                                                     \
    F(S, U16, mtu, 0)                                                                      \
    F(S, U16, mps, 0)                                                                      \
    F(S, U16, initial_credits, 0)                                                          \
    F(S, U16, result, &ble_l2cap_conn_result_names)                                        \
    F(S, ARRR, destination_cid, ble_l2cap_sig_cid_desc)
/* 4.27 */
#define BLE_L2CAP_SIG_RECONF_REQ_F(F, S)                                                   \
    F(S, U16, mtu, 0)                                                                      \
    F(S, U16, mps, 0)                                                                      \
    F(S, ARRR, destination_cid, ble_l2cap_sig_cid_desc)

#define BLE_L2CAP_SIG_X_CODE_(code, NAME, name, str, FIELDS, fl) BLE_GEN_CODE(BLE_L2CAP_SIG, code, NAME)
#define BLE_L2CAP_SIG_X_INDEX_(code, NAME, name, str, FIELDS, fl) BLE_GEN_INDEX(BLE_L2CAP_SIG, NAME)
#define BLE_L2CAP_SIG_X_STRUCT_(code, NAME, name, str, FIELDS, fl) BLE_GEN_STRUCT(ble_l2cap_sig, name, FIELDS)
#define BLE_L2CAP_SIG_X_UNION_(code, NAME, name, str, FIELDS, fl) BLE_GEN_UNION(ble_l2cap_sig, name)
#define BLE_L2CAP_SIG_X_WRAP_(code, NAME, name, str, FIELDS, fl) BLE_GEN_WRAP(ble_l2cap_sig, BLE_L2CAP_SIG, NAME, name)

enum ble_l2cap_sig_code { BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_CODE_) BLE_L2CAP_SIG_CODE_END_ };
enum ble_l2cap_sig_index { BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_INDEX_) BLE_L2CAP_SIG_COUNT };
BLE_GEN_STRUCT(ble_l2cap_sig, cid, BLE_L2CAP_SIG_CID_F)
BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_STRUCT_)
union ble_l2cap_sig_params { BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_UNION_) };

extern const struct ble_pdu_desc ble_l2cap_sig_descs[BLE_L2CAP_SIG_COUNT];
extern const struct ble_pdu_desc ble_l2cap_sig_cid_desc;
extern const struct ble_names ble_l2cap_reject_names;
extern const struct ble_names ble_l2cap_conn_result_names;
BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_WRAP_)

/* The most CIDs one credit-based request may carry (4.25). */
#define BLE_L2CAP_ECFC_MAX_CIDS 5
/* The smallest signaling MTU on LE (MTUsig, 4.1). */
#define BLE_L2CAP_LE_SIG_MTU 23

/* One signaling command (a whole C-frame payload on the LE signaling
 * channel: one command per C-frame, 4): header and parameters. */
struct ble_l2cap_sig {
    uint8_t code;
    uint8_t id;
    const struct ble_pdu_desc *desc;   /* NULL for an unknown code */
    union ble_l2cap_sig_params p;      /* valid when desc is set */
    struct ble_view data;              /* the command's data octets */
};
/* Decodes a C-frame payload. BLE_OK; BLE_ERR_SHORT / BLE_ERR_TRAILING when the
 * length field disagrees with len; BLE_ERR_UNKNOWN for a code LE does not
 * define (header and data still filled: answer with Command Reject); a
 * parameter error of the code's table. *out is untouched on other errors. */
BLE_API int ble_l2cap_sig_decode(const uint8_t *in, size_t len, struct ble_l2cap_sig *out);
/* Encodes code, identifier and the parameters (the struct of the code's
 * table row): the length, or a negative ble_err with nothing written. */
BLE_API int ble_l2cap_sig_encode(uint8_t code, uint8_t id, const void *params, uint8_t *buf, size_t cap);
/* The descriptor of a signaling code, or NULL. */
BLE_API const struct ble_pdu_desc *ble_l2cap_sig_desc(unsigned code);

#ifdef __cplusplus
}
#endif

#endif /* BLE_L2CAP_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_L2CAP_IMPL)
#define BLE_L2CAP_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#if BLE_CFG_NAMES
static const struct ble_name ble_l2cap_reject_list_[] = {
    { 0x0000, "Command not understood" },
    { 0x0001, "Signaling MTU exceeded" },
    { 0x0002, "Invalid CID in request" },
};
const struct ble_names ble_l2cap_reject_names = { ble_l2cap_reject_list_, 3 };
#define BLE_L2CAP_CONN_RESULT_NAME_(v, NAME, s) { (v), s },
static const struct ble_name ble_l2cap_conn_result_list_[] = {
    BLE_L2CAP_CONN_RESULTS(BLE_L2CAP_CONN_RESULT_NAME_)
};
#undef BLE_L2CAP_CONN_RESULT_NAME_
const struct ble_names ble_l2cap_conn_result_names = {
    ble_l2cap_conn_result_list_,
    (uint16_t)(sizeof ble_l2cap_conn_result_list_ / sizeof ble_l2cap_conn_result_list_[0])
};
#else
const struct ble_names ble_l2cap_reject_names = { 0, 0 };
const struct ble_names ble_l2cap_conn_result_names = { 0, 0 };
#endif

#define BLE_L2CAP_SIG_X_FIELDS_(code, NAME, name, str, FIELDS, fl) BLE_GEN_FIELDS(ble_l2cap_sig, name, FIELDS)
#define BLE_L2CAP_SIG_X_DESC_(code, NAME, name, str, FIELDS, fl) BLE_GEN_DESC(ble_l2cap_sig, code, name, str, fl)
BLE_GEN_FIELDS(ble_l2cap_sig, cid, BLE_L2CAP_SIG_CID_F)
const struct ble_pdu_desc ble_l2cap_sig_cid_desc = BLE_GEN_ELEM_DESC(ble_l2cap_sig, cid);
BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_FIELDS_)
const struct ble_pdu_desc ble_l2cap_sig_descs[BLE_L2CAP_SIG_COUNT] = {
    BLE_L2CAP_SIG_TABLE(BLE_L2CAP_SIG_X_DESC_)
};

BLE_DEF const struct ble_pdu_desc *ble_l2cap_sig_desc(unsigned code)
{
    return ble_pdu_find(ble_l2cap_sig_descs, BLE_L2CAP_SIG_COUNT, code);
}

BLE_DEF int ble_l2cap_sig_decode(const uint8_t *in, size_t len, struct ble_l2cap_sig *out)
{
    struct ble_rd r;
    uint8_t code, id;
    struct ble_view data;
    const struct ble_pdu_desc *d;
    int rc;
    ble_rd_init(&r, in, len);
    code = ble_rd_u8(&r);
    id = ble_rd_u8(&r);
    data = ble_rd_view(&r, ble_rd_u16(&r));
    rc = ble_rd_end(&r);
    if (rc != BLE_OK)
        return rc;
    d = ble_l2cap_sig_desc(code);
    if (d) {
        union ble_l2cap_sig_params p;
        rc = ble_pdu_decode(d, data.p, data.len, &p);
        if (rc != BLE_OK)
            return rc;
        out->p = p;
    }
    out->code = code;
    out->id = id;
    out->desc = d;
    out->data = data;
    return d ? BLE_OK : BLE_ERR_UNKNOWN;
}

BLE_DEF int ble_l2cap_sig_encode(uint8_t code, uint8_t id, const void *params, uint8_t *buf, size_t cap)
{
    const struct ble_pdu_desc *d = ble_l2cap_sig_desc(code);
    int n;
    if (!d || !params)
        return BLE_ERR_PARAM;
    n = ble_pdu_size(d, params);
    if (n < 0)
        return n;
    if (n > 0xFFFF)
        return BLE_ERR_TOO_LONG;
    if ((size_t)n + 4 > cap)
        return BLE_ERR_NO_SPACE;
    buf[0] = code;
    buf[1] = id;
    ble_put_le16(buf + 2, (uint16_t)n);
    return ble_pdu_encode(d, params, buf + 4, cap - 4) + 4;
}

/* ---- Basic frames ---- */

BLE_DEF int ble_l2cap_frame_decode(const uint8_t *in, size_t len, struct ble_l2cap_pdu *out)
{
    struct ble_rd r;
    uint16_t plen, cid;
    struct ble_view v;
    ble_rd_init(&r, in, len);
    plen = ble_rd_u16(&r);
    cid = ble_rd_u16(&r);
    v = ble_rd_view(&r, plen);
    if (ble_rd_end(&r) != BLE_OK)
        return ble_rd_end(&r);
    out->cid = cid;
    out->payload = v;
    return BLE_OK;
}

/* ---- Recombination ---- */

BLE_DEF void ble_l2cap_rx_init(struct ble_l2cap_rx *rx, struct ble_l2cap_rx_slot *slots, size_t nslots)
{
    ble_memset(rx, 0, sizeof(*rx));
    rx->slots = slots;
    rx->nslots = slots ? nslots : 0;
    if (rx->nslots)
        ble_memset(slots, 0, nslots * sizeof(*slots));
}

static struct ble_l2cap_rx_slot *ble_l2cap_rx_slot_(struct ble_l2cap_rx *rx, uint16_t handle)
{
    return (struct ble_l2cap_rx_slot *)ble_slot_find(rx->slots, rx->nslots, sizeof *rx->slots, handle);
}

BLE_DEF int ble_l2cap_rx_attach(struct ble_l2cap_rx *rx, uint16_t handle, uint8_t *buf, size_t cap)
{
    struct ble_l2cap_rx_slot *s;
    int rc;
    if (!buf || cap < BLE_L2CAP_HDR_LEN || !ble_hci_handle_valid(handle))
        return BLE_ERR_PARAM;
    s = (struct ble_l2cap_rx_slot *)ble_slot_claim(rx->slots, rx->nslots, sizeof *rx->slots, handle, &rc);
    if (!s)
        return rc;
    s->buf = buf;
    s->cap = (uint32_t)(cap > BLE_L2CAP_HDR_LEN + 0xFFFFu ? BLE_L2CAP_HDR_LEN + 0xFFFFu : cap);
    return BLE_OK;
}

BLE_DEF void ble_l2cap_rx_detach(struct ble_l2cap_rx *rx, uint16_t handle)
{
    struct ble_l2cap_rx_slot *s = ble_l2cap_rx_slot_(rx, handle);
    if (!s)
        return;
    if (s->have || s->discard)
        rx->stats.dropped_on_detach++;
    s->slot.used = 0;
}

/* Drops the PDU in progress (the caller counts why). */
static void ble_l2cap_rx_reset_(struct ble_l2cap_rx_slot *s)
{
    s->have = 0;
    s->need = 0;
    s->discard = 0;
}

BLE_DEF int ble_l2cap_rx_push(struct ble_l2cap_rx *rx, const struct ble_hci_acl *acl,
                              struct ble_l2cap_pdu *out)
{
    struct ble_l2cap_rx_slot *s = ble_l2cap_rx_slot_(rx, acl->handle);
    const uint8_t *p = acl->data.p;
    size_t n = acl->data.len, take;
    if (!s) {
        rx->stats.unknown_handle++;
        return BLE_ERR_NOT_FOUND;
    }
    if (n == 0) {
        rx->stats.empty_fragment++;
        return BLE_ERR_SHORT;
    }
    if (acl->pb == BLE_HCI_ACL_PB_CONTINUING) {
        if (s->discard) { /* the rest of a PDU too long, absorbed by its declared length */
            s->have += (uint32_t)n;
            if (s->have > s->need) {
                rx->stats.overflow++;
                ble_l2cap_rx_reset_(s);
                return BLE_ERR_MALFORMED;
            }
            if (s->have == s->need)
                ble_l2cap_rx_reset_(s);
            return BLE_ERR_AGAIN;
        }
        if (!s->have) {
            rx->stats.cont_without_start++;
            return BLE_ERR_STATE;
        }
    } else { /* a start: 00, 10, or 11 (a complete PDU, AMP era) */
        if (s->have || s->discard) {
            if (!s->discard) /* a PDU too long was counted when it began */
                rx->stats.start_in_progress++;
            ble_l2cap_rx_reset_(s);
        }
        /* a whole PDU in one fragment: hand out a view, copy nothing */
        if (n >= BLE_L2CAP_HDR_LEN && ble_get_le16(p) + (size_t)BLE_L2CAP_HDR_LEN == n) {
            out->handle = acl->handle;
            out->cid = ble_get_le16(p + 2);
            out->payload = ble_view_make(p + BLE_L2CAP_HDR_LEN, n - BLE_L2CAP_HDR_LEN);
            rx->stats.pdus++;
            return BLE_OK;
        }
    }
    /* gather: first the header (it may be split), then the payload */
    while (n) {
        if (!s->need) {
            take = BLE_L2CAP_HDR_LEN - s->have < n ? BLE_L2CAP_HDR_LEN - s->have : n;
            ble_memcpy(s->buf + s->have, p, take);
            s->have += (uint32_t)take;
            p += take;
            n -= take;
            if (s->have < BLE_L2CAP_HDR_LEN)
                return BLE_ERR_AGAIN;
            s->need = (uint32_t)ble_get_le16(s->buf) + BLE_L2CAP_HDR_LEN;
            if (s->need > s->cap) {
                rx->stats.too_long++;
                s->discard = 1; /* absorb the rest by the declared length */
                s->have += (uint32_t)n;
                if (s->have > s->need) {
                    rx->stats.overflow++;
                    ble_l2cap_rx_reset_(s);
                } else if (s->have == s->need) {
                    ble_l2cap_rx_reset_(s);
                }
                return BLE_ERR_TOO_LONG;
            }
            continue;
        }
        if (n > s->need - s->have) {
            rx->stats.overflow++;
            ble_l2cap_rx_reset_(s);
            return BLE_ERR_MALFORMED;
        }
        ble_memcpy(s->buf + s->have, p, n);
        s->have += (uint32_t)n;
        n = 0;
    }
    if (s->need && s->have == s->need) {
        out->handle = acl->handle;
        out->cid = ble_get_le16(s->buf + 2);
        out->payload = ble_view_make(s->buf + BLE_L2CAP_HDR_LEN, s->have - BLE_L2CAP_HDR_LEN);
        s->have = 0;
        s->need = 0;
        rx->stats.pdus++;
        return BLE_OK;
    }
    return BLE_ERR_AGAIN;
}

/* ---- Fragmentation ---- */

BLE_DEF int ble_l2cap_tx_init(struct ble_l2cap_tx *tx, uint16_t handle, uint16_t cid,
                              struct ble_view payload, uint16_t acl_len)
{
    if (!acl_len || !ble_hci_handle_valid(handle) || (payload.len && !payload.p))
        return BLE_ERR_PARAM;
    if (payload.len > 0xFFFF)
        return BLE_ERR_TOO_LONG;
    tx->handle = handle;
    tx->cid = cid;
    tx->acl_len = acl_len;
    tx->payload = payload;
    tx->off = 0;
    return BLE_OK;
}

BLE_DEF int ble_l2cap_tx_next(struct ble_l2cap_tx *tx, uint8_t *buf, size_t cap)
{
    size_t total = BLE_L2CAP_HDR_LEN + tx->payload.len, n, i = 0;
    uint8_t *d;
    if (tx->off >= total)
        return 0;
    n = total - tx->off < tx->acl_len ? total - tx->off : tx->acl_len;
    if (4 + n > cap)
        return BLE_ERR_NO_SPACE;
    /* Vol 4 Part E 5.4.2: host to controller, first fragment PB 00 (LE-U is
     * non-flushable), continuations PB 01 */
    ble_put_le16(buf, (uint16_t)(tx->handle | ((tx->off ? 1u : 0u) << 12)));
    ble_put_le16(buf + 2, (uint16_t)n);
    d = buf + 4;
    while (tx->off < BLE_L2CAP_HDR_LEN && i < n) { /* the basic header */
        uint8_t hdr[BLE_L2CAP_HDR_LEN];
        ble_put_le16(hdr, (uint16_t)tx->payload.len);
        ble_put_le16(hdr + 2, tx->cid);
        d[i++] = hdr[tx->off++];
    }
    if (i < n) {
        ble_memcpy(d + i, tx->payload.p + (tx->off - BLE_L2CAP_HDR_LEN), n - i);
        tx->off += n - i;
    }
    return (int)(4 + n);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
