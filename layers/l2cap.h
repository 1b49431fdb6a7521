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

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Channels of one LE-U link (Vol 3 Part A 3.4, 4, 6, 10.1) ----------------
 * One caller-owned struct ble_l2cap_link per LE-U link: the LE signaling
 * channel, the credit-based channels (LE Credit Based Flow Control mode and
 * Enhanced Credit Based Flow Control mode) and the routing of the fixed
 * channels. Inputs: received L2CAP PDUs (from ble_l2cap_rx_push), API
 * requests, time. Outputs, pulled: whole L2CAP PDUs (basic header and
 * payload; the caller fragments them with ble_l2cap_tx) and events. The
 * struct holds its own queues: it must not be moved after _init.
 *
 * Channel states (a slot is CLOSED when free):
 *   WAIT_CONNECT    we sent an LE Credit Based / Credit Based Connection
 *                   Request; RTX armed (4.22, 4.25)
 *   WAIT_ACCEPT     the peer asked; the application decides (accept/reject)
 *   OPEN            data flows; a Credit Based Reconfigure Request of ours
 *                   may be outstanding (pending == RECONF, RTX armed)
 *   WAIT_DISCONNECT we sent a Disconnection Request; RTX armed (4.6) */
enum ble_l2cap_chan_state {
    BLE_L2CAP_CH_CLOSED,
    BLE_L2CAP_CH_WAIT_CONNECT,
    BLE_L2CAP_CH_WAIT_ACCEPT,
    BLE_L2CAP_CH_OPEN,
    BLE_L2CAP_CH_WAIT_DISCONNECT
};

/* Flow control mode of a channel (10.1). */
enum ble_l2cap_mode {
    BLE_L2CAP_MODE_LE_CREDIT = 1, /* LE Credit Based Flow Control (4.22) */
    BLE_L2CAP_MODE_ECFC = 2       /* Enhanced Credit Based Flow Control (4.25) */
};

/* The request of ours a channel waits on. */
enum ble_l2cap_pending {
    BLE_L2CAP_PEND_NONE,
    BLE_L2CAP_PEND_CONNECT,
    BLE_L2CAP_PEND_DISCONNECT,
    BLE_L2CAP_PEND_RECONF
};

enum ble_l2cap_role { BLE_L2CAP_CENTRAL = 0, BLE_L2CAP_PERIPHERAL = 1 };

/* Why a channel closed (CLOSED events) or a procedure ended. */
enum ble_l2cap_reason {
    BLE_L2CAP_REASON_NONE,
    BLE_L2CAP_REASON_LOCAL,           /* ble_l2cap_disconnect() */
    BLE_L2CAP_REASON_REMOTE,          /* the peer's Disconnection Request (4.6) */
    BLE_L2CAP_REASON_REFUSED,         /* connection refused: see result (4.23, 4.26) */
    BLE_L2CAP_REASON_TIMEOUT,         /* RTX expired (6.2.1) */
    BLE_L2CAP_REASON_LINK_DOWN,       /* ble_l2cap_link_down() */
    BLE_L2CAP_REASON_REJECTED,        /* Command Reject to our request (4.1) */
    BLE_L2CAP_REASON_NO_CREDIT,       /* K-frame from a peer with no credit (10.1) */
    BLE_L2CAP_REASON_CREDIT_OVERFLOW, /* credits past 65535 (4.24) */
    BLE_L2CAP_REASON_SDU_TOO_LONG,    /* SDU length over our MTU (3.4.3) */
    BLE_L2CAP_REASON_KFRAME_TOO_LONG, /* K-frame payload over our MPS (3.4.3) */
    BLE_L2CAP_REASON_SDU_OVERFLOW,    /* more octets than the SDU length (3.4.3) */
    BLE_L2CAP_REASON_MALFORMED,       /* first K-frame without the SDU length */
    BLE_L2CAP_REASON_BAD_RESPONSE     /* connection response with invalid values */
};

enum ble_l2cap_ev_type {
    BLE_L2CAP_EV_NONE,
    BLE_L2CAP_EV_CONN_REQ,       /* decide: n channels cids[] on spsm; peer mtu, mps,
                                    credits; answer with ble_l2cap_accept/reject(cid) */
    BLE_L2CAP_EV_OPENED,         /* cid open: peer mtu, mps, credits (what we may send) */
    BLE_L2CAP_EV_CLOSED,         /* cid closed: reason, result (REFUSED) */
    BLE_L2CAP_EV_SDU,            /* cid: a whole SDU in data, valid until the next
                                    ble_l2cap_on_pdu / link_down on this link */
    BLE_L2CAP_EV_TX_DONE,        /* cid: the SDU given to send_sdu is all out */
    BLE_L2CAP_EV_RECONF_DONE,    /* our reconfigure of cid (first): result, or reason
                                    REJECTED / TIMEOUT */
    BLE_L2CAP_EV_RECONFIGURED,   /* the peer reconfigured cid: new peer mtu, mps */
    BLE_L2CAP_EV_CONN_PARAM_REQ, /* central: the peripheral asks cpu; answer with
                                    ble_l2cap_conn_param_reply() */
    BLE_L2CAP_EV_CONN_PARAM_RSP  /* peripheral: result (0 accepted, 1 rejected), or
                                    reason REJECTED / TIMEOUT */
};

struct ble_l2cap_event {
    uint8_t type;    /* enum ble_l2cap_ev_type */
    uint8_t reason;  /* enum ble_l2cap_reason */
    uint8_t n;       /* CONN_REQ: channels offered in cids[] */
    uint16_t cid;    /* local CID (CONN_REQ: cids[0]) */
    uint16_t result; /* protocol result code */
    uint16_t spsm;
    uint16_t mtu, mps, credits;
    uint16_t cids[BLE_L2CAP_ECFC_MAX_CIDS];
    struct ble_l2cap_sig_conn_param_update_req cpu;
    struct ble_view data;
};

/* What we receive on a channel: MTU (largest SDU), MPS (largest K-frame
 * payload) and the credits we give at open (K-frames the peer may send). */
struct ble_l2cap_coc_params {
    uint16_t mtu, mps, credits;
};

struct ble_l2cap_link_cfg {
    uint8_t role;          /* enum ble_l2cap_role */
    uint8_t auto_credits;  /* 1: give credits back as K-frames arrive (the peer's
                              credits kept between half and all of the initial);
                              0: the application calls ble_l2cap_give_credits() */
    uint16_t sig_mtu;      /* largest C-frame accepted (MTUsig); 0: 23 */
    uint32_t rtx_ms;       /* 0: BLE_CFG_L2CAP_RTX_MS */
    const uint16_t *spsms; /* SPSMs offered to the application; others are refused
                              with 0x0002 by the machine. NULL: every SPSM */
    size_t nspsms;
};

struct ble_l2cap_chan {
    uint8_t state;           /* enum ble_l2cap_chan_state */
    uint8_t mode;            /* enum ble_l2cap_mode */
    uint8_t pending;         /* enum ble_l2cap_pending */
    uint8_t sig_id;          /* identifier of that request (or of the peer's, WAIT_ACCEPT) */
    uint8_t pos;             /* position in its credit-based request */
    uint8_t close_reason;    /* why a disconnection started */
    uint8_t rx_in_sdu;       /* 1: K-frames of an SDU are arriving */
    uint8_t tx_active;       /* 1: an SDU is being sent */
    uint16_t spsm;
    uint16_t lcid, rcid;
    uint16_t local_mtu, local_mps, local_credits_init;
    uint16_t local_credits;  /* K-frames the peer may still send us */
    uint16_t peer_mtu, peer_mps;
    uint16_t peer_credits;   /* K-frames we may still send */
    uint16_t new_mtu, new_mps; /* our reconfigure in flight */
    uint32_t rtx;            /* RTX deadline, BLE_NO_DEADLINE when none */
    uint8_t *rx_buf;         /* caller storage for reassembly */
    size_t rx_cap;
    uint16_t rx_sdu_len, rx_have;
    const uint8_t *tx_p;     /* the SDU being sent (caller memory) */
    uint16_t tx_len, tx_off;
    uint8_t tx_first;        /* the next K-frame is the SDU's first */
};

/* A peer's connection request awaiting the application (one per identifier). */
struct ble_l2cap_inreq {
    uint8_t used, id, code, n;     /* code: LE_CREDIT_CONN_REQ or CREDIT_CONN_REQ */
    uint16_t result;               /* why the machine refused some positions */
    uint16_t lcid[BLE_L2CAP_ECFC_MAX_CIDS]; /* per position: our CID, 0 if refused */
};

struct ble_l2cap_link_stats {
    uint32_t sig_rx;          /* C-frames received */
    uint32_t rejects_sent;    /* Command Rejects sent */
    uint32_t bad_identifier;  /* commands with identifier 0, dropped (4) */
    uint32_t short_cframe;    /* C-frames shorter than a command header, dropped */
    uint32_t unmatched_rsp;   /* responses with no matching request, ignored */
    uint32_t bad_rsp;         /* responses that did not decode, ignored */
    uint32_t unknown_cid;     /* PDUs on a CID with no channel, dropped */
    uint32_t not_open;        /* K-frames on a channel not open, dropped */
    uint32_t ignored_ind;     /* credit indications for no channel or of 0 credits */
    uint32_t violations;      /* channels disconnected for a protocol violation */
    uint32_t refused;         /* peer requests refused by the machine */
    uint32_t events_dropped;  /* the event queue was full */
    uint32_t sig_dropped;     /* signaling PDUs lost to a full queue */
    uint32_t after_down;      /* inputs after link_down, ignored */
};

/* Signaling PDUs queued for poll_tx: a whole C-frame each (at most the LE
 * signaling MTU, 23 octets, which every command we send fits). */
#define BLE_L2CAP_SIGQ_LEN (2 * BLE_CFG_L2CAP_MAX_CHANNELS + 4)
#define BLE_L2CAP_MAX_INREQ 2
struct ble_l2cap_sigq_item {
    uint8_t len;
    uint8_t b[BLE_L2CAP_LE_SIG_MTU];
};

struct ble_l2cap_link {
    struct ble_l2cap_link_cfg cfg;
    uint8_t down;           /* link_down() was called: only init revives it */
    uint8_t next_id;        /* last signaling identifier used */
    uint8_t tx_rr;          /* round robin over channels with K-frames to send */
    uint8_t cpu_out_id;     /* our Connection Parameter Update Request (0: none) */
    uint8_t cpu_in_id;      /* the peer's, awaiting conn_param_reply (0: none) */
    uint32_t cpu_rtx;
    struct ble_l2cap_chan ch[BLE_CFG_L2CAP_MAX_CHANNELS];
    struct ble_l2cap_inreq inreq[BLE_L2CAP_MAX_INREQ];
    struct ble_queue sigq, evq;
    struct ble_l2cap_sigq_item sigbuf[BLE_L2CAP_SIGQ_LEN];
    struct ble_l2cap_event evbuf[BLE_CFG_L2CAP_EVENTS];
    struct ble_l2cap_link_stats stats;
};

/* The machine's limits (4.22, 4.25, 4.20). */
#define BLE_L2CAP_LE_MIN_MTU 23
#define BLE_L2CAP_ECFC_MIN_MTU 64
#define BLE_L2CAP_MAX_MPS 65533
#define BLE_L2CAP_SPSM_MAX 0x00FF

/* Starts a link: cfg may be NULL (central, MTUsig 23, default RTX, manual
 * credits, every SPSM offered). */
BLE_API void ble_l2cap_link_init(struct ble_l2cap_link *l, const struct ble_l2cap_link_cfg *cfg);
/* One received L2CAP PDU. Returns 0 when the machine consumed it (events and
 * responses may follow), BLE_L2CAP_CID_ATT or BLE_L2CAP_CID_SMP for the caller
 * to route pdu->payload to ATT or SMP, or a negative ble_err when it was
 * dropped, refused or ended a channel (each counted in stats):
 * BLE_ERR_NOT_FOUND (no such channel), BLE_ERR_UNKNOWN (Command Reject sent),
 * BLE_ERR_TOO_LONG (over MTUsig), BLE_ERR_MALFORMED, BLE_ERR_PROTOCOL (the
 * channel is being disconnected), BLE_ERR_STATE (after link_down). */
BLE_API int ble_l2cap_on_pdu(struct ble_l2cap_link *l, uint32_t now, const struct ble_l2cap_pdu *pdu);
/* Opens an LE credit-based channel on spsm (4.22), reassembling into buf
 * (cap >= p->mtu). Our CID (> 0), or BLE_ERR_PARAM / RANGE (values outside
 * 4.22), BLE_ERR_FULL (no slot or signaling queue full), BLE_ERR_STATE. */
BLE_API int ble_l2cap_connect(struct ble_l2cap_link *l, uint32_t now, uint16_t spsm,
                              const struct ble_l2cap_coc_params *p, uint8_t *buf, size_t cap);
/* Opens n (1..5) enhanced credit-based channels at once (4.25), channel i
 * reassembling into bufs[i] (each of cap octets >= p->mtu); their CIDs go to
 * cids[]. n, or a negative ble_err as for connect. */
BLE_API int ble_l2cap_ecfc_connect(struct ble_l2cap_link *l, uint32_t now, uint16_t spsm,
                                   const struct ble_l2cap_coc_params *p, uint8_t *const *bufs,
                                   size_t cap, size_t n, uint16_t *cids);
/* Accepts the request of a CONN_REQ event (cid: its cids[0]): channel i of
 * cids[] reassembles into bufs[i] (cap octets each >= p->mtu), or is refused
 * when bufs[i] is NULL (result 0x0004). n must be the event's n. */
BLE_API int ble_l2cap_accept(struct ble_l2cap_link *l, uint32_t now, uint16_t cid,
                             const struct ble_l2cap_coc_params *p, uint8_t *const *bufs,
                             size_t cap, size_t n);
/* Refuses the request of a CONN_REQ event with a refusal result (4.23, 4.26). */
BLE_API int ble_l2cap_reject(struct ble_l2cap_link *l, uint32_t now, uint16_t cid, uint16_t result);
/* Sends one SDU (at most the peer's MTU) on an open channel. The octets stay
 * the caller's and must stay valid until the TX_DONE (or CLOSED) event.
 * BLE_ERR_BUSY while an SDU is being sent, BLE_ERR_TOO_LONG, BLE_ERR_STATE. */
BLE_API int ble_l2cap_send_sdu(struct ble_l2cap_link *l, uint32_t now, uint16_t cid,
                               const uint8_t *sdu, size_t len);
/* Gives the peer n more credits (a Flow Control Credit Indication, 4.24).
 * BLE_ERR_RANGE when its credits would pass 65535 or n is 0. */
BLE_API int ble_l2cap_give_credits(struct ble_l2cap_link *l, uint32_t now, uint16_t cid, uint16_t n);
/* Disconnects an open channel (4.6): CLOSED follows the response or RTX. */
BLE_API int ble_l2cap_disconnect(struct ble_l2cap_link *l, uint32_t now, uint16_t cid);
/* Reconfigures n (1..5) open ECFC channels to receive up to mtu / mps (4.27):
 * the MTU may not decrease, the MPS only with n == 1; each channel's
 * storage must hold mtu. BLE_ERR_RANGE, BLE_ERR_NO_SPACE, BLE_ERR_BUSY. */
BLE_API int ble_l2cap_reconfigure(struct ble_l2cap_link *l, uint32_t now, const uint16_t *cids,
                                  size_t n, uint16_t mtu, uint16_t mps);
/* Peripheral: asks the central for connection parameters (4.20).
 * BLE_ERR_STATE for a central, BLE_ERR_RANGE (4.20 ranges), BLE_ERR_BUSY. */
BLE_API int ble_l2cap_conn_param_update(struct ble_l2cap_link *l, uint32_t now,
                                        const struct ble_l2cap_sig_conn_param_update_req *p);
/* Central: answers the CONN_PARAM_REQ event, accepted (result 0x0000) or
 * not (0x0001). BLE_ERR_STATE when no request waits. */
BLE_API int ble_l2cap_conn_param_reply(struct ble_l2cap_link *l, uint32_t now, int accept);
/* The link is gone: every channel closes with an event; only init revives it. */
BLE_API void ble_l2cap_link_down(struct ble_l2cap_link *l, uint32_t now);
/* RTX expiries: closes what timed out (with events). */
BLE_API void ble_l2cap_on_timer(struct ble_l2cap_link *l, uint32_t now);
BLE_API uint32_t ble_l2cap_next_deadline(const struct ble_l2cap_link *l);
/* The next whole L2CAP PDU to send (basic header and payload) into buf:
 * signaling first, then K-frames of channels holding credits (a K-frame is
 * cut to fit cap). Its length; BLE_ERR_AGAIN when nothing is due;
 * BLE_ERR_NO_SPACE (nothing taken) when cap cannot hold the next PDU. */
BLE_API int ble_l2cap_poll_tx(struct ble_l2cap_link *l, uint8_t *buf, size_t cap);
/* The next event; BLE_ERR_AGAIN when none. */
BLE_API int ble_l2cap_poll_event(struct ble_l2cap_link *l, struct ble_l2cap_event *ev);
/* The channel with local CID cid, or NULL. */
BLE_API const struct ble_l2cap_chan *ble_l2cap_chan_get(const struct ble_l2cap_link *l, uint16_t cid);
/* 1 when the Connection Parameter Update values are inside 4.20's ranges. */
BLE_API int ble_l2cap_conn_params_valid(const struct ble_l2cap_sig_conn_param_update_req *p);

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

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Channels of one LE-U link ---- */

BLE_DEF int ble_l2cap_conn_params_valid(const struct ble_l2cap_sig_conn_param_update_req *p)
{
    /* 4.20: interval 6..3200 (1.25 ms), latency 0..499, timeout 10..3200 (10 ms),
     * and the supervision timeout longer than (1 + latency) * interval_max * 2:
     * timeout * 10 > (1 + latency) * interval_max * 1.25 * 2, that is
     * timeout * 4 > (1 + latency) * interval_max */
    if (p->interval_min < 6 || p->interval_min > 3200 || p->interval_max < 6 ||
        p->interval_max > 3200 || p->interval_min > p->interval_max)
        return 0;
    if (p->latency > 499 || p->timeout < 10 || p->timeout > 3200)
        return 0;
    return (uint32_t)p->timeout * 4u > (1u + p->latency) * (uint32_t)p->interval_max;
}

static void ble_l2cap_ev_(struct ble_l2cap_link *l, const struct ble_l2cap_event *ev)
{
    if (ble_queue_push(&l->evq, ev) != BLE_OK)
        l->stats.events_dropped++;
}

static void ble_l2cap_ev_init_(struct ble_l2cap_event *ev, uint8_t type, const struct ble_l2cap_chan *c)
{
    ble_memset(ev, 0, sizeof *ev);
    ev->type = type;
    if (c) {
        ev->cid = c->lcid;
        ev->spsm = c->spsm;
        ev->mtu = c->peer_mtu;
        ev->mps = c->peer_mps;
        ev->credits = c->peer_credits;
    }
}

static int ble_l2cap_sig_room_(const struct ble_l2cap_link *l, size_t n)
{
    return ble_queue_count(&l->sigq) + n <= BLE_L2CAP_SIGQ_LEN;
}

/* Queues one command; a full queue is counted. */
static int ble_l2cap_sig_send_(struct ble_l2cap_link *l, uint8_t code, uint8_t id, const void *params)
{
    struct ble_l2cap_sigq_item it;
    int n = ble_l2cap_sig_encode(code, id, params, it.b, sizeof it.b);
    if (n < 0) /* cannot happen for the commands the machine builds */
        return n;
    it.len = (uint8_t)n;
    if (ble_queue_push(&l->sigq, &it) != BLE_OK) {
        l->stats.sig_dropped++;
        return BLE_ERR_FULL;
    }
    return BLE_OK;
}

/* 4.1: Command Reject with its reason and data (0, 2 or 4 octets). */
static void ble_l2cap_reject_cmd_(struct ble_l2cap_link *l, uint8_t id, uint16_t reason, uint16_t d0,
                                  uint16_t d1, size_t dlen)
{
    struct ble_l2cap_sig_command_reject r;
    uint8_t data[4];
    ble_put_le16(data, d0);
    ble_put_le16(data + 2, d1);
    r.reason = reason;
    r.data = ble_view_make(data, dlen);
    l->stats.rejects_sent++;
    (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_COMMAND_REJECT, id, &r);
}

static uint8_t ble_l2cap_new_id_(struct ble_l2cap_link *l)
{
    unsigned tries, i;
    for (tries = 0; tries < 256; tries++) {
        int used = 0;
        l->next_id = (uint8_t)(l->next_id + 1);
        if (!l->next_id)
            l->next_id = 1; /* 0x00 is never a valid identifier (4) */
        used = l->next_id == l->cpu_out_id;
        for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS && !used; i++)
            used = l->ch[i].pending != BLE_L2CAP_PEND_NONE && l->ch[i].sig_id == l->next_id;
        if (!used)
            break;
    }
    return l->next_id;
}

static struct ble_l2cap_chan *ble_l2cap_by_lcid_(struct ble_l2cap_link *l, uint16_t cid)
{
    size_t i;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++)
        if (l->ch[i].state != BLE_L2CAP_CH_CLOSED && l->ch[i].lcid == cid)
            return &l->ch[i];
    return 0;
}

/* The channel whose peer endpoint is cid, in a state that knows it. */
static struct ble_l2cap_chan *ble_l2cap_by_rcid_(struct ble_l2cap_link *l, uint16_t cid)
{
    size_t i;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++)
        if ((l->ch[i].state == BLE_L2CAP_CH_OPEN || l->ch[i].state == BLE_L2CAP_CH_WAIT_DISCONNECT ||
             l->ch[i].state == BLE_L2CAP_CH_WAIT_ACCEPT) &&
            l->ch[i].rcid == cid)
            return &l->ch[i];
    return 0;
}

BLE_DEF const struct ble_l2cap_chan *ble_l2cap_chan_get(const struct ble_l2cap_link *l, uint16_t cid)
{
    return ble_l2cap_by_lcid_((struct ble_l2cap_link *)(uintptr_t)l, cid);
}

static size_t ble_l2cap_free_slots_(const struct ble_l2cap_link *l)
{
    size_t i, n = 0;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++)
        n += l->ch[i].state == BLE_L2CAP_CH_CLOSED;
    return n;
}

/* Claims a free slot with the lowest free dynamic CID (2.1). */
static struct ble_l2cap_chan *ble_l2cap_claim_(struct ble_l2cap_link *l)
{
    size_t i;
    uint16_t cid;
    struct ble_l2cap_chan *c = 0;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS && !c; i++)
        if (l->ch[i].state == BLE_L2CAP_CH_CLOSED)
            c = &l->ch[i];
    if (!c)
        return 0;
    for (cid = BLE_L2CAP_CID_DYN_MIN; cid <= BLE_L2CAP_CID_DYN_MAX; cid++)
        if (!ble_l2cap_by_lcid_(l, cid))
            break;
    ble_memset(c, 0, sizeof *c);
    c->lcid = cid; /* MAX_CHANNELS <= 64 CIDs, so one is always free */
    c->rtx = BLE_NO_DEADLINE;
    return c;
}

static void ble_l2cap_close_(struct ble_l2cap_link *l, struct ble_l2cap_chan *c, uint8_t reason, uint16_t result)
{
    struct ble_l2cap_event ev;
    ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_CLOSED, c);
    ev.reason = reason;
    ev.result = result;
    ble_l2cap_ev_(l, &ev);
    ble_memset(c, 0, sizeof *c);
    c->state = BLE_L2CAP_CH_CLOSED;
    c->rtx = BLE_NO_DEADLINE;
}

/* 4.6: sends a Disconnection Request and waits for the response under RTX.
 * Data stops at once in both directions. */
static void ble_l2cap_start_disc_(struct ble_l2cap_link *l, uint32_t now, struct ble_l2cap_chan *c, uint8_t reason)
{
    struct ble_l2cap_sig_disconnection_req r;
    r.destination_cid = c->rcid;
    r.source_cid = c->lcid;
    c->state = BLE_L2CAP_CH_WAIT_DISCONNECT;
    c->pending = BLE_L2CAP_PEND_DISCONNECT;
    c->close_reason = reason;
    c->sig_id = ble_l2cap_new_id_(l);
    c->rtx = ble_deadline_after(now, l->cfg.rtx_ms);
    c->tx_active = 0;
    c->rx_in_sdu = 0;
    (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_DISCONNECTION_REQ, c->sig_id, &r);
}

/* A fatal protocol violation on a channel: the channel (not the link) is
 * disconnected (3.4.3, 4.24, 10.1). */
static int ble_l2cap_violation_(struct ble_l2cap_link *l, uint32_t now, struct ble_l2cap_chan *c, uint8_t reason)
{
    l->stats.violations++;
    ble_l2cap_start_disc_(l, now, c, reason);
    return BLE_ERR_PROTOCOL;
}

BLE_DEF void ble_l2cap_link_init(struct ble_l2cap_link *l, const struct ble_l2cap_link_cfg *cfg)
{
    size_t i;
    ble_memset(l, 0, sizeof *l);
    if (cfg)
        l->cfg = *cfg;
    if (l->cfg.sig_mtu < BLE_L2CAP_LE_SIG_MTU)
        l->cfg.sig_mtu = BLE_L2CAP_LE_SIG_MTU;
    if (!l->cfg.rtx_ms)
        l->cfg.rtx_ms = BLE_CFG_L2CAP_RTX_MS;
    if (!l->cfg.spsms)
        l->cfg.nspsms = 0;
    l->cpu_rtx = BLE_NO_DEADLINE;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++)
        l->ch[i].rtx = BLE_NO_DEADLINE;
    ble_queue_init(&l->sigq, l->sigbuf, sizeof l->sigbuf[0], BLE_L2CAP_SIGQ_LEN);
    ble_queue_init(&l->evq, l->evbuf, sizeof l->evbuf[0], BLE_CFG_L2CAP_EVENTS);
}

static int ble_l2cap_params_ok_(uint8_t mode, uint16_t mtu, uint16_t mps)
{
    /* 4.22: MTU >= 23, MPS 23..65533; 4.25: MTU >= 64, MPS 64..65533 */
    uint16_t min = mode == BLE_L2CAP_MODE_ECFC ? BLE_L2CAP_ECFC_MIN_MTU : BLE_L2CAP_LE_MIN_MTU;
    return mtu >= min && mps >= min && mps <= BLE_L2CAP_MAX_MPS;
}

static int ble_l2cap_open_(struct ble_l2cap_link *l, uint32_t now, uint8_t mode, uint16_t spsm,
                           const struct ble_l2cap_coc_params *p, uint8_t *const *bufs, size_t cap,
                           size_t n, uint16_t *cids)
{
    struct ble_l2cap_sig_cid sc[BLE_L2CAP_ECFC_MAX_CIDS];
    uint8_t id;
    size_t i;
    if (l->down)
        return BLE_ERR_STATE;
    if (!p || !bufs || n < 1 || n > BLE_L2CAP_ECFC_MAX_CIDS || (mode == BLE_L2CAP_MODE_LE_CREDIT && n != 1))
        return BLE_ERR_PARAM;
    if (spsm < 1 || spsm > BLE_L2CAP_SPSM_MAX || !ble_l2cap_params_ok_(mode, p->mtu, p->mps))
        return BLE_ERR_RANGE;
    for (i = 0; i < n; i++)
        if (!bufs[i] || cap < p->mtu)
            return BLE_ERR_PARAM;
    if (ble_l2cap_free_slots_(l) < n || !ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    id = ble_l2cap_new_id_(l);
    for (i = 0; i < n; i++) {
        struct ble_l2cap_chan *c = ble_l2cap_claim_(l);
        c->state = BLE_L2CAP_CH_WAIT_CONNECT;
        c->mode = mode;
        c->pending = BLE_L2CAP_PEND_CONNECT;
        c->sig_id = id;
        c->pos = (uint8_t)i;
        c->spsm = spsm;
        c->local_mtu = p->mtu;
        c->local_mps = p->mps;
        c->local_credits = c->local_credits_init = p->credits;
        c->rx_buf = bufs[i];
        c->rx_cap = cap;
        c->rtx = ble_deadline_after(now, l->cfg.rtx_ms);
        sc[i].cid = c->lcid;
        if (cids)
            cids[i] = c->lcid;
    }
    if (mode == BLE_L2CAP_MODE_LE_CREDIT) { /* 4.22 */
        struct ble_l2cap_sig_le_credit_conn_req r;
        r.spsm = spsm;
        r.source_cid = sc[0].cid;
        r.mtu = p->mtu;
        r.mps = p->mps;
        r.initial_credits = p->credits;
        (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ, id, &r);
        return sc[0].cid;
    } else { /* 4.25 */
        struct ble_l2cap_sig_credit_conn_req r;
        r.spsm = spsm;
        r.mtu = p->mtu;
        r.mps = p->mps;
        r.initial_credits = p->credits;
        r.source_cid.n = n;
        r.source_cid.raw = ble_view_make(0, 0);
        r.source_cid.items = sc;
        (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CREDIT_CONN_REQ, id, &r);
        return (int)n;
    }
}

BLE_DEF int ble_l2cap_connect(struct ble_l2cap_link *l, uint32_t now, uint16_t spsm,
                              const struct ble_l2cap_coc_params *p, uint8_t *buf, size_t cap)
{
    uint8_t *bufs[1];
    bufs[0] = buf;
    return ble_l2cap_open_(l, now, BLE_L2CAP_MODE_LE_CREDIT, spsm, p, bufs, cap, 1, 0);
}

BLE_DEF int ble_l2cap_ecfc_connect(struct ble_l2cap_link *l, uint32_t now, uint16_t spsm,
                                   const struct ble_l2cap_coc_params *p, uint8_t *const *bufs,
                                   size_t cap, size_t n, uint16_t *cids)
{
    return ble_l2cap_open_(l, now, BLE_L2CAP_MODE_ECFC, spsm, p, bufs, cap, n, cids);
}

static struct ble_l2cap_inreq *ble_l2cap_inreq_of_(struct ble_l2cap_link *l, uint16_t cid)
{
    size_t i, k;
    for (i = 0; i < BLE_L2CAP_MAX_INREQ; i++)
        for (k = 0; l->inreq[i].used && k < l->inreq[i].n; k++)
            if (l->inreq[i].lcid[k] == cid && cid)
                return &l->inreq[i];
    return 0;
}

/* Answers a peer's connection request: LE (4.23) or credit based (4.26). */
static void ble_l2cap_conn_rsp_(struct ble_l2cap_link *l, uint8_t code, uint8_t id, const uint16_t *dcids,
                                size_t n, const struct ble_l2cap_coc_params *p, uint16_t result)
{
    if (code == BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ) {
        struct ble_l2cap_sig_le_credit_conn_rsp r;
        ble_memset(&r, 0, sizeof r);
        r.result = result;
        if (result == BLE_L2CAP_CONN_SUCCESS && p) {
            r.destination_cid = dcids[0];
            r.mtu = p->mtu;
            r.mps = p->mps;
            r.initial_credits = p->credits;
        }
        (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_LE_CREDIT_CONN_RSP, id, &r);
    } else {
        struct ble_l2cap_sig_credit_conn_rsp r;
        struct ble_l2cap_sig_cid dc[BLE_L2CAP_ECFC_MAX_CIDS];
        size_t i, any = 0;
        ble_memset(&r, 0, sizeof r);
        for (i = 0; i < n; i++) {
            dc[i].cid = dcids[i];
            any |= dcids[i];
        }
        if (any && p) {
            r.mtu = p->mtu;
            r.mps = p->mps;
            r.initial_credits = p->credits;
        }
        r.result = result;
        r.destination_cid.n = n; /* every Source CID answered, 0x0000 if refused */
        r.destination_cid.items = dc;
        (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CREDIT_CONN_RSP, id, &r);
    }
}

BLE_DEF int ble_l2cap_accept(struct ble_l2cap_link *l, uint32_t now, uint16_t cid,
                             const struct ble_l2cap_coc_params *p, uint8_t *const *bufs,
                             size_t cap, size_t n)
{
    struct ble_l2cap_inreq *q;
    uint16_t dcids[BLE_L2CAP_ECFC_MAX_CIDS];
    uint16_t result;
    size_t k, j, offered = 0, taken = 0;
    uint8_t mode;
    (void)now;
    if (l->down)
        return BLE_ERR_STATE;
    q = ble_l2cap_inreq_of_(l, cid);
    if (!q)
        return BLE_ERR_NOT_FOUND;
    mode = q->code == BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ ? BLE_L2CAP_MODE_LE_CREDIT : BLE_L2CAP_MODE_ECFC;
    for (k = 0; k < q->n; k++)
        offered += q->lcid[k] != 0;
    if (!p || !bufs || n != offered)
        return BLE_ERR_PARAM;
    if (!ble_l2cap_params_ok_(mode, p->mtu, p->mps))
        return BLE_ERR_RANGE;
    for (j = 0; j < n; j++) {
        if (bufs[j] && cap < p->mtu)
            return BLE_ERR_PARAM;
        taken += bufs[j] != 0;
    }
    if (mode == BLE_L2CAP_MODE_LE_CREDIT && !taken)
        return BLE_ERR_PARAM; /* refusing is ble_l2cap_reject() */
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    result = q->result;
    for (k = 0, j = 0; k < q->n; k++) {
        struct ble_l2cap_chan *c;
        dcids[k] = 0;
        if (!q->lcid[k])
            continue;
        c = ble_l2cap_by_lcid_(l, q->lcid[k]);
        if (!bufs[j++]) { /* the application refused this one */
            if (!result)
                result = BLE_L2CAP_CONN_NO_RESOURCES;
            ble_memset(c, 0, sizeof *c);
            c->rtx = BLE_NO_DEADLINE;
            continue;
        }
        /* WAIT_ACCEPT -> OPEN (4.23, 4.26) */
        c->state = BLE_L2CAP_CH_OPEN;
        c->local_mtu = p->mtu;
        c->local_mps = p->mps;
        c->local_credits = c->local_credits_init = p->credits;
        c->rx_buf = bufs[j - 1];
        c->rx_cap = cap;
        dcids[k] = c->lcid;
        {
            struct ble_l2cap_event ev;
            ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_OPENED, c);
            ble_l2cap_ev_(l, &ev);
        }
    }
    if (!taken && !result)
        result = BLE_L2CAP_CONN_NO_RESOURCES;
    ble_l2cap_conn_rsp_(l, q->code, q->id, dcids, q->n, p, result);
    q->used = 0;
    return BLE_OK;
}

BLE_DEF int ble_l2cap_reject(struct ble_l2cap_link *l, uint32_t now, uint16_t cid, uint16_t result)
{
    struct ble_l2cap_inreq *q;
    uint16_t dcids[BLE_L2CAP_ECFC_MAX_CIDS];
    size_t k;
    (void)now;
    if (l->down)
        return BLE_ERR_STATE;
    q = ble_l2cap_inreq_of_(l, cid);
    if (!q)
        return BLE_ERR_NOT_FOUND;
    if (result == BLE_L2CAP_CONN_SUCCESS || result >= BLE_L2CAP_CONN_PENDING ||
        result == 0x0001 || result == 0x0003)
        return BLE_ERR_RANGE;
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    for (k = 0; k < q->n; k++) {
        struct ble_l2cap_chan *c = q->lcid[k] ? ble_l2cap_by_lcid_(l, q->lcid[k]) : 0;
        dcids[k] = 0;
        if (c) { /* WAIT_ACCEPT -> CLOSED: the application refused */
            ble_memset(c, 0, sizeof *c);
            c->rtx = BLE_NO_DEADLINE;
        }
    }
    ble_l2cap_conn_rsp_(l, q->code, q->id, dcids, q->n, 0, result);
    q->used = 0;
    return BLE_OK;
}

/* The peer's LE Credit Based (4.22) or Credit Based (4.25) Connection Request. */
static int ble_l2cap_on_conn_req_(struct ble_l2cap_link *l, const struct ble_l2cap_sig *s)
{
    uint16_t scid[BLE_L2CAP_ECFC_MAX_CIDS], lcids[BLE_L2CAP_ECFC_MAX_CIDS];
    uint16_t spsm, mtu, mps, credits, all = 0, some = 0;
    uint8_t mode;
    size_t n, k, i, claimed = 0;
    struct ble_l2cap_inreq *q = 0;
    struct ble_l2cap_event ev;
    if (s->code == BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ) {
        const struct ble_l2cap_sig_le_credit_conn_req *r = &s->p.le_credit_conn_req;
        mode = BLE_L2CAP_MODE_LE_CREDIT;
        n = 1;
        scid[0] = r->source_cid;
        spsm = r->spsm, mtu = r->mtu, mps = r->mps, credits = r->initial_credits;
    } else {
        const struct ble_l2cap_sig_credit_conn_req *r = &s->p.credit_conn_req;
        mode = BLE_L2CAP_MODE_ECFC;
        n = r->source_cid.n;
        if (n < 1 || n > BLE_L2CAP_ECFC_MAX_CIDS) { /* 4.25: 1 to 5 Source CIDs */
            ble_l2cap_reject_cmd_(l, s->id, BLE_L2CAP_REJECT_NOT_UNDERSTOOD, 0, 0, 0);
            return BLE_ERR_UNKNOWN;
        }
        for (k = 0; k < n; k++) {
            struct ble_l2cap_sig_cid c;
            (void)ble_arr_get(&r->source_cid, &ble_l2cap_sig_cid_desc, k, &c);
            scid[k] = c.cid;
        }
        spsm = r->spsm, mtu = r->mtu, mps = r->mps, credits = r->initial_credits;
    }
    for (i = 0; i < BLE_L2CAP_MAX_INREQ && !q; i++)
        if (!l->inreq[i].used)
            q = &l->inreq[i];
    /* refusals of the whole request first (4.23, 4.26) */
    if (spsm < 1 || spsm > BLE_L2CAP_SPSM_MAX)
        all = BLE_L2CAP_CONN_SPSM_NOT_SUPPORTED;
    else if (l->cfg.spsms) {
        all = BLE_L2CAP_CONN_SPSM_NOT_SUPPORTED;
        for (i = 0; i < l->cfg.nspsms; i++)
            if (l->cfg.spsms[i] == spsm)
                all = 0;
    }
    if (!all && !ble_l2cap_params_ok_(mode, mtu, mps))
        all = BLE_L2CAP_CONN_INVALID_PARAMS;
    if (!all && !q)
        all = BLE_L2CAP_CONN_NO_RESOURCES;
    /* then each Source CID */
    for (k = 0; k < n; k++) {
        uint16_t why = all;
        lcids[k] = 0;
        if (!why && (scid[k] < BLE_L2CAP_CID_DYN_MIN || scid[k] > BLE_L2CAP_CID_DYN_MAX))
            why = BLE_L2CAP_CONN_INVALID_SOURCE_CID;
        if (!why && ble_l2cap_by_rcid_(l, scid[k]))
            why = BLE_L2CAP_CONN_SOURCE_CID_ALLOCATED;
        for (i = 0; i < k && !why; i++)
            if (scid[i] == scid[k])
                why = BLE_L2CAP_CONN_SOURCE_CID_ALLOCATED;
        if (!why && !ble_l2cap_free_slots_(l))
            why = BLE_L2CAP_CONN_NO_RESOURCES;
        if (why) {
            if (!some)
                some = why;
            continue;
        }
        {   /* CLOSED -> WAIT_ACCEPT */
            struct ble_l2cap_chan *c = ble_l2cap_claim_(l);
            c->state = BLE_L2CAP_CH_WAIT_ACCEPT;
            c->mode = mode;
            c->sig_id = s->id;
            c->pos = (uint8_t)k;
            c->spsm = spsm;
            c->rcid = scid[k];
            c->peer_mtu = mtu;
            c->peer_mps = mps;
            c->peer_credits = credits;
            lcids[k] = c->lcid;
            claimed++;
        }
    }
    if (!claimed) {
        l->stats.refused++;
        ble_l2cap_conn_rsp_(l, s->code, s->id, lcids, n, 0, some);
        return BLE_OK;
    }
    q->used = 1;
    q->id = s->id;
    q->code = s->code;
    q->n = (uint8_t)n;
    q->result = some;
    ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_CONN_REQ, 0);
    for (k = 0; k < n; k++) {
        q->lcid[k] = lcids[k];
        if (lcids[k])
            ev.cids[ev.n++] = lcids[k];
    }
    ev.cid = ev.cids[0];
    ev.spsm = spsm;
    ev.mtu = mtu;
    ev.mps = mps;
    ev.credits = credits;
    ble_l2cap_ev_(l, &ev);
    return BLE_OK;
}

/* Our connection request answered: one channel (4.23) or several (4.26). */
static int ble_l2cap_on_conn_rsp_(struct ble_l2cap_link *l, uint32_t now, const struct ble_l2cap_sig *s)
{
    struct ble_l2cap_chan *chans[BLE_L2CAP_ECFC_MAX_CIDS];
    uint16_t dcid[BLE_L2CAP_ECFC_MAX_CIDS];
    uint16_t mtu, mps, credits, result;
    uint8_t mode = s->code == BLE_L2CAP_SIG_LE_CREDIT_CONN_RSP ? BLE_L2CAP_MODE_LE_CREDIT : BLE_L2CAP_MODE_ECFC;
    size_t n = 0, i, k, ndc;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        struct ble_l2cap_chan *c = &l->ch[i];
        if (c->state == BLE_L2CAP_CH_WAIT_CONNECT && c->sig_id == s->id && c->mode == mode &&
            c->pos < BLE_L2CAP_ECFC_MAX_CIDS) {
            chans[c->pos] = c;
            n++;
        }
    }
    if (!n) {
        l->stats.unmatched_rsp++;
        return BLE_ERR_NOT_FOUND;
    }
    if (mode == BLE_L2CAP_MODE_LE_CREDIT) {
        const struct ble_l2cap_sig_le_credit_conn_rsp *r = &s->p.le_credit_conn_rsp;
        ndc = 1;
        dcid[0] = r->result == BLE_L2CAP_CONN_SUCCESS ? r->destination_cid : 0;
        mtu = r->mtu, mps = r->mps, credits = r->initial_credits, result = r->result;
    } else {
        const struct ble_l2cap_sig_credit_conn_rsp *r = &s->p.credit_conn_rsp;
        ndc = r->destination_cid.n;
        for (k = 0; k < ndc && k < BLE_L2CAP_ECFC_MAX_CIDS; k++) {
            struct ble_l2cap_sig_cid c;
            (void)ble_arr_get(&r->destination_cid, &ble_l2cap_sig_cid_desc, k, &c);
            dcid[k] = c.cid;
        }
        mtu = r->mtu, mps = r->mps, credits = r->initial_credits, result = r->result;
    }
    if (ndc != n) { /* 4.26: one Destination CID per Source CID */
        for (k = 0; k < n; k++)
            ble_l2cap_close_(l, chans[k], BLE_L2CAP_REASON_BAD_RESPONSE, result);
        l->stats.violations++;
        return BLE_ERR_PROTOCOL;
    }
    for (k = 0; k < n; k++) {
        struct ble_l2cap_chan *c = chans[k];
        int dup = 0;
        c->pending = BLE_L2CAP_PEND_NONE;
        c->rtx = BLE_NO_DEADLINE;
        if (!dcid[k]) { /* WAIT_CONNECT -> CLOSED: refused */
            ble_l2cap_close_(l, c, BLE_L2CAP_REASON_REFUSED,
                             result ? result : (uint16_t)BLE_L2CAP_CONN_NO_RESOURCES);
            continue;
        }
        for (i = 0; i < k; i++)
            dup |= dcid[i] == dcid[k];
        if (dcid[k] < BLE_L2CAP_CID_DYN_MIN || dcid[k] > BLE_L2CAP_CID_DYN_MAX) {
            l->stats.violations++; /* no valid endpoint to disconnect */
            ble_l2cap_close_(l, c, BLE_L2CAP_REASON_BAD_RESPONSE, result);
            continue;
        }
        c->rcid = dcid[k];
        c->peer_mtu = mtu;
        c->peer_mps = mps;
        c->peer_credits = credits;
        if (dup || ble_l2cap_by_rcid_(l, dcid[k]) || !ble_l2cap_params_ok_(mode, mtu, mps)) {
            /* WAIT_CONNECT -> WAIT_DISCONNECT: the peer opened it with values
             * we cannot use (4.23, 4.26) */
            (void)ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_BAD_RESPONSE);
            continue;
        }
        c->state = BLE_L2CAP_CH_OPEN; /* WAIT_CONNECT -> OPEN */
        {
            struct ble_l2cap_event ev;
            ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_OPENED, c);
            ev.result = result;
            ble_l2cap_ev_(l, &ev);
        }
    }
    return BLE_OK;
}

/* 4.6: the peer's Disconnection Request. */
static int ble_l2cap_on_disc_req_(struct ble_l2cap_link *l, const struct ble_l2cap_sig *s)
{
    const struct ble_l2cap_sig_disconnection_req *r = &s->p.disconnection_req;
    struct ble_l2cap_chan *c = ble_l2cap_by_lcid_(l, r->destination_cid);
    struct ble_l2cap_sig_disconnection_rsp rsp;
    if (!c || c->rcid != r->source_cid ||
        (c->state != BLE_L2CAP_CH_OPEN && c->state != BLE_L2CAP_CH_WAIT_DISCONNECT)) {
        /* 4.1: Invalid CID in request, with the CIDs of the request */
        ble_l2cap_reject_cmd_(l, s->id, BLE_L2CAP_REJECT_INVALID_CID, r->destination_cid, r->source_cid, 4);
        return BLE_ERR_NOT_FOUND;
    }
    rsp.destination_cid = r->destination_cid;
    rsp.source_cid = r->source_cid;
    (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_DISCONNECTION_RSP, s->id, &rsp);
    switch (c->state) {
    case BLE_L2CAP_CH_OPEN: /* OPEN -> CLOSED (4.6) */
        ble_l2cap_close_(l, c, BLE_L2CAP_REASON_REMOTE, 0);
        break;
    default: /* WAIT_DISCONNECT -> CLOSED: both ends disconnected at once */
        ble_l2cap_close_(l, c, c->close_reason, 0);
        break;
    }
    return BLE_OK;
}

/* 4.7: the answer to our Disconnection Request. */
static int ble_l2cap_on_disc_rsp_(struct ble_l2cap_link *l, const struct ble_l2cap_sig *s)
{
    const struct ble_l2cap_sig_disconnection_rsp *r = &s->p.disconnection_rsp;
    struct ble_l2cap_chan *c = ble_l2cap_by_lcid_(l, r->source_cid);
    if (!c || c->state != BLE_L2CAP_CH_WAIT_DISCONNECT || c->sig_id != s->id || c->rcid != r->destination_cid) {
        l->stats.unmatched_rsp++;
        return BLE_ERR_NOT_FOUND;
    }
    ble_l2cap_close_(l, c, c->close_reason, 0); /* WAIT_DISCONNECT -> CLOSED */
    return BLE_OK;
}

/* 4.24: the peer gives us credits for sending. */
static int ble_l2cap_on_credit_(struct ble_l2cap_link *l, uint32_t now, const struct ble_l2cap_sig *s)
{
    const struct ble_l2cap_sig_flow_control_credit_ind *r = &s->p.flow_control_credit_ind;
    struct ble_l2cap_chan *c = ble_l2cap_by_rcid_(l, r->cid);
    if (!c || c->state != BLE_L2CAP_CH_OPEN || !r->credits) {
        l->stats.ignored_ind++;
        return BLE_ERR_NOT_FOUND;
    }
    if ((uint32_t)c->peer_credits + r->credits > 0xFFFFu) /* 4.24: shall disconnect */
        return ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_CREDIT_OVERFLOW);
    c->peer_credits = (uint16_t)(c->peer_credits + r->credits);
    return BLE_OK;
}

/* 4.27 -> 4.28: the peer reconfigures what it receives (what we send). */
static int ble_l2cap_on_reconf_req_(struct ble_l2cap_link *l, const struct ble_l2cap_sig *s)
{
    const struct ble_l2cap_sig_credit_reconf_req *r = &s->p.credit_reconf_req;
    struct ble_l2cap_chan *chans[BLE_L2CAP_ECFC_MAX_CIDS];
    struct ble_l2cap_sig_credit_reconf_rsp rsp;
    size_t n = r->destination_cid.n, k;
    if (n < 1 || n > BLE_L2CAP_ECFC_MAX_CIDS) {
        ble_l2cap_reject_cmd_(l, s->id, BLE_L2CAP_REJECT_NOT_UNDERSTOOD, 0, 0, 0);
        return BLE_ERR_UNKNOWN;
    }
    rsp.result = BLE_L2CAP_RECONF_SUCCESS;
    /* every channel checked before any changes */
    for (k = 0; k < n && !rsp.result; k++) {
        struct ble_l2cap_sig_cid c;
        (void)ble_arr_get(&r->destination_cid, &ble_l2cap_sig_cid_desc, k, &c);
        chans[k] = ble_l2cap_by_rcid_(l, c.cid);
        if (!chans[k] || chans[k]->state != BLE_L2CAP_CH_OPEN || chans[k]->mode != BLE_L2CAP_MODE_ECFC)
            rsp.result = BLE_L2CAP_RECONF_INVALID_DCID;
    }
    for (k = 0; k < n && !rsp.result; k++) {
        if (r->mtu < chans[k]->peer_mtu)
            rsp.result = BLE_L2CAP_RECONF_MTU_REDUCED;
        else if (r->mps < chans[k]->peer_mps && n > 1)
            rsp.result = BLE_L2CAP_RECONF_MPS_REDUCED;
    }
    if (!rsp.result && !ble_l2cap_params_ok_(BLE_L2CAP_MODE_ECFC, r->mtu, r->mps))
        rsp.result = BLE_L2CAP_RECONF_UNACCEPTABLE;
    for (k = 0; k < n && !rsp.result; k++) {
        struct ble_l2cap_event ev;
        chans[k]->peer_mtu = r->mtu;
        chans[k]->peer_mps = r->mps;
        ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_RECONFIGURED, chans[k]);
        ble_l2cap_ev_(l, &ev);
    }
    if (rsp.result)
        l->stats.refused++;
    (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CREDIT_RECONF_RSP, s->id, &rsp);
    return rsp.result ? BLE_ERR_RANGE : BLE_OK;
}

/* Ends our reconfigure of the channels waiting on id (4.28). */
static int ble_l2cap_reconf_end_(struct ble_l2cap_link *l, uint8_t id, uint16_t result, uint8_t reason)
{
    size_t i;
    struct ble_l2cap_event ev;
    int found = 0;
    ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_RECONF_DONE, 0);
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        struct ble_l2cap_chan *c = &l->ch[i];
        if (c->state != BLE_L2CAP_CH_OPEN || c->pending != BLE_L2CAP_PEND_RECONF || c->sig_id != id)
            continue;
        if (!found || c->pos == 0)
            ev.cid = c->lcid;
        found = 1;
        c->pending = BLE_L2CAP_PEND_NONE;
        c->rtx = BLE_NO_DEADLINE;
        if (!reason && result == BLE_L2CAP_RECONF_SUCCESS) {
            c->local_mtu = c->new_mtu;
            c->local_mps = c->new_mps;
        }
        ev.mtu = c->new_mtu;
        ev.mps = c->new_mps;
    }
    if (!found)
        return 0;
    ev.result = result;
    ev.reason = reason;
    ble_l2cap_ev_(l, &ev);
    return 1;
}

/* 4.20: the peripheral asks the central for connection parameters. */
static int ble_l2cap_on_cpu_req_(struct ble_l2cap_link *l, const struct ble_l2cap_sig *s)
{
    struct ble_l2cap_sig_conn_param_update_rsp rsp;
    struct ble_l2cap_event ev;
    if (l->cfg.role != BLE_L2CAP_CENTRAL) { /* 4.20: only a central takes it */
        ble_l2cap_reject_cmd_(l, s->id, BLE_L2CAP_REJECT_NOT_UNDERSTOOD, 0, 0, 0);
        return BLE_ERR_UNKNOWN;
    }
    if (!ble_l2cap_conn_params_valid(&s->p.conn_param_update_req) || l->cpu_in_id) {
        rsp.result = 0x0001; /* Connection Parameters rejected (4.21) */
        l->stats.refused++;
        (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CONN_PARAM_UPDATE_RSP, s->id, &rsp);
        return BLE_ERR_RANGE;
    }
    l->cpu_in_id = s->id;
    ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_CONN_PARAM_REQ, 0);
    ev.cpu = s->p.conn_param_update_req;
    ble_l2cap_ev_(l, &ev);
    return BLE_OK;
}

static void ble_l2cap_cpu_end_(struct ble_l2cap_link *l, uint16_t result, uint8_t reason)
{
    struct ble_l2cap_event ev;
    ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_CONN_PARAM_RSP, 0);
    ev.result = result;
    ev.reason = reason;
    l->cpu_out_id = 0;
    l->cpu_rtx = BLE_NO_DEADLINE;
    ble_l2cap_ev_(l, &ev);
}

/* 4.1: the peer rejected a request of ours. */
static int ble_l2cap_on_reject_(struct ble_l2cap_link *l, const struct ble_l2cap_sig *s)
{
    size_t i;
    int found = 0;
    if (l->cpu_out_id && l->cpu_out_id == s->id) {
        ble_l2cap_cpu_end_(l, 0xFFFF, BLE_L2CAP_REASON_REJECTED);
        return BLE_OK;
    }
    if (ble_l2cap_reconf_end_(l, s->id, 0xFFFF, BLE_L2CAP_REASON_REJECTED))
        return BLE_OK;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        struct ble_l2cap_chan *c = &l->ch[i];
        if (c->pending == BLE_L2CAP_PEND_NONE || c->sig_id != s->id)
            continue;
        found = 1;
        switch (c->state) {
        case BLE_L2CAP_CH_WAIT_CONNECT: /* WAIT_CONNECT -> CLOSED */
            ble_l2cap_close_(l, c, BLE_L2CAP_REASON_REJECTED, s->p.command_reject.reason);
            break;
        case BLE_L2CAP_CH_WAIT_DISCONNECT: /* the peer knows no such channel: closed */
            ble_l2cap_close_(l, c, c->close_reason, s->p.command_reject.reason);
            break;
        default:
            break;
        }
    }
    if (!found) {
        l->stats.unmatched_rsp++;
        return BLE_ERR_NOT_FOUND;
    }
    return BLE_OK;
}

static int ble_l2cap_is_request_(uint8_t code)
{
    return code == BLE_L2CAP_SIG_DISCONNECTION_REQ || code == BLE_L2CAP_SIG_CONN_PARAM_UPDATE_REQ ||
           code == BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ || code == BLE_L2CAP_SIG_FLOW_CONTROL_CREDIT_IND ||
           code == BLE_L2CAP_SIG_CREDIT_CONN_REQ || code == BLE_L2CAP_SIG_CREDIT_RECONF_REQ;
}

/* One C-frame on the LE signaling channel (4): one command per C-frame. */
static int ble_l2cap_on_sig_(struct ble_l2cap_link *l, uint32_t now, struct ble_view f)
{
    struct ble_l2cap_sig s;
    int rc;
    l->stats.sig_rx++;
    if (f.len < 4) {
        l->stats.short_cframe++;
        return BLE_ERR_SHORT;
    }
    if (f.p[1] == 0) { /* 4: identifier 0x00 is never used; nothing answers it */
        l->stats.bad_identifier++;
        return BLE_ERR_MALFORMED;
    }
    if (f.len > l->cfg.sig_mtu) { /* 4.1: Signaling MTU exceeded, with our MTUsig */
        ble_l2cap_reject_cmd_(l, f.p[1], BLE_L2CAP_REJECT_MTU_EXCEEDED, l->cfg.sig_mtu, 0, 2);
        return BLE_ERR_TOO_LONG;
    }
    rc = ble_l2cap_sig_decode(f.p, f.len, &s);
    if (rc != BLE_OK) {
        /* an unknown code, or a command whose length or fields are wrong:
         * a request is answered with Command Reject (not understood), a
         * response is ignored */
        if (rc == BLE_ERR_UNKNOWN || ble_l2cap_is_request_(f.p[0])) {
            ble_l2cap_reject_cmd_(l, f.p[1], BLE_L2CAP_REJECT_NOT_UNDERSTOOD, 0, 0, 0);
            return BLE_ERR_UNKNOWN;
        }
        l->stats.bad_rsp++;
        return BLE_ERR_MALFORMED;
    }
    switch (s.code) {
    case BLE_L2CAP_SIG_COMMAND_REJECT: return ble_l2cap_on_reject_(l, &s);                 /* 4.1 */
    case BLE_L2CAP_SIG_DISCONNECTION_REQ: return ble_l2cap_on_disc_req_(l, &s);            /* 4.6 */
    case BLE_L2CAP_SIG_DISCONNECTION_RSP: return ble_l2cap_on_disc_rsp_(l, &s);            /* 4.7 */
    case BLE_L2CAP_SIG_CONN_PARAM_UPDATE_REQ: return ble_l2cap_on_cpu_req_(l, &s);         /* 4.20 */
    case BLE_L2CAP_SIG_CONN_PARAM_UPDATE_RSP:                                              /* 4.21 */
        if (!l->cpu_out_id || l->cpu_out_id != s.id) {
            l->stats.unmatched_rsp++;
            return BLE_ERR_NOT_FOUND;
        }
        ble_l2cap_cpu_end_(l, s.p.conn_param_update_rsp.result, BLE_L2CAP_REASON_NONE);
        return BLE_OK;
    case BLE_L2CAP_SIG_LE_CREDIT_CONN_REQ: return ble_l2cap_on_conn_req_(l, &s);           /* 4.22 */
    case BLE_L2CAP_SIG_LE_CREDIT_CONN_RSP: return ble_l2cap_on_conn_rsp_(l, now, &s);      /* 4.23 */
    case BLE_L2CAP_SIG_FLOW_CONTROL_CREDIT_IND: return ble_l2cap_on_credit_(l, now, &s);   /* 4.24 */
    case BLE_L2CAP_SIG_CREDIT_CONN_REQ: return ble_l2cap_on_conn_req_(l, &s);              /* 4.25 */
    case BLE_L2CAP_SIG_CREDIT_CONN_RSP: return ble_l2cap_on_conn_rsp_(l, now, &s);         /* 4.26 */
    case BLE_L2CAP_SIG_CREDIT_RECONF_REQ: return ble_l2cap_on_reconf_req_(l, &s);          /* 4.27 */
    case BLE_L2CAP_SIG_CREDIT_RECONF_RSP:                                                  /* 4.28 */
        if (!ble_l2cap_reconf_end_(l, s.id, s.p.credit_reconf_rsp.result, BLE_L2CAP_REASON_NONE)) {
            l->stats.unmatched_rsp++;
            return BLE_ERR_NOT_FOUND;
        }
        return BLE_OK;
    default: /* every code of the table is handled above */
        return BLE_ERR_UNKNOWN;
    }
}

/* Keeps the peer's credits between half and all of the initial credits. */
static void ble_l2cap_auto_credits_(struct ble_l2cap_link *l, struct ble_l2cap_chan *c)
{
    struct ble_l2cap_sig_flow_control_credit_ind r;
    if (!l->cfg.auto_credits || c->local_credits >= (c->local_credits_init + 1u) / 2u ||
        !ble_l2cap_sig_room_(l, 1))
        return;
    r.cid = c->lcid;
    r.credits = (uint16_t)(c->local_credits_init - c->local_credits);
    if (!r.credits)
        return;
    c->local_credits = c->local_credits_init;
    (void)ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_FLOW_CONTROL_CREDIT_IND, ble_l2cap_new_id_(l), &r);
}

/* One K-frame on a credit-based channel (3.4.3, 10.1). */
static int ble_l2cap_on_kframe_(struct ble_l2cap_link *l, uint32_t now, struct ble_l2cap_chan *c, struct ble_view f)
{
    const uint8_t *p = f.p;
    size_t n = f.len;
    switch (c->state) {
    case BLE_L2CAP_CH_OPEN:
        break;
    default: /* WAIT_CONNECT, WAIT_ACCEPT, WAIT_DISCONNECT: no data flows */
        l->stats.not_open++;
        return BLE_ERR_STATE;
    }
    if (!c->local_credits) /* 10.1: a K-frame without credit: disconnect */
        return ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_NO_CREDIT);
    c->local_credits--;
    if (n > c->local_mps) /* 3.4.3: payload over MPS */
        return ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_KFRAME_TOO_LONG);
    if (!c->rx_in_sdu) {
        if (n < 2)
            return ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_MALFORMED);
        c->rx_sdu_len = ble_get_le16(p);
        p += 2;
        n -= 2;
        if (c->rx_sdu_len > c->local_mtu || c->rx_sdu_len > c->rx_cap) /* 3.4.3: SDU over MTU */
            return ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_SDU_TOO_LONG);
        c->rx_have = 0;
        c->rx_in_sdu = 1;
    }
    if (n > (size_t)(c->rx_sdu_len - c->rx_have)) /* 3.4.3: more than the SDU length */
        return ble_l2cap_violation_(l, now, c, BLE_L2CAP_REASON_SDU_OVERFLOW);
    ble_memcpy(c->rx_buf + c->rx_have, p, n);
    c->rx_have = (uint16_t)(c->rx_have + n);
    if (c->rx_have == c->rx_sdu_len) {
        struct ble_l2cap_event ev;
        ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_SDU, c);
        ev.data = ble_view_make(c->rx_buf, c->rx_have);
        ble_l2cap_ev_(l, &ev);
        c->rx_in_sdu = 0;
    }
    ble_l2cap_auto_credits_(l, c);
    return BLE_OK;
}

BLE_DEF int ble_l2cap_on_pdu(struct ble_l2cap_link *l, uint32_t now, const struct ble_l2cap_pdu *pdu)
{
    struct ble_l2cap_chan *c;
    if (l->down) {
        l->stats.after_down++;
        return BLE_ERR_STATE;
    }
    switch (pdu->cid) {
    case BLE_L2CAP_CID_ATT: /* fixed channels the caller routes (2.1) */
    case BLE_L2CAP_CID_SMP:
        return pdu->cid;
    case BLE_L2CAP_CID_LE_SIGNALING:
        return ble_l2cap_on_sig_(l, now, pdu->payload);
    default:
        c = ble_l2cap_by_lcid_(l, pdu->cid);
        if (!c || pdu->cid < BLE_L2CAP_CID_DYN_MIN) {
            l->stats.unknown_cid++;
            return BLE_ERR_NOT_FOUND;
        }
        return ble_l2cap_on_kframe_(l, now, c, pdu->payload);
    }
}

static struct ble_l2cap_chan *ble_l2cap_open_chan_(struct ble_l2cap_link *l, uint16_t cid, int *rc)
{
    struct ble_l2cap_chan *c = l->down ? 0 : ble_l2cap_by_lcid_(l, cid);
    *rc = l->down ? BLE_ERR_STATE : !c ? BLE_ERR_NOT_FOUND : c->state != BLE_L2CAP_CH_OPEN ? BLE_ERR_STATE : BLE_OK;
    return *rc == BLE_OK ? c : 0;
}

BLE_DEF int ble_l2cap_send_sdu(struct ble_l2cap_link *l, uint32_t now, uint16_t cid,
                               const uint8_t *sdu, size_t len)
{
    int rc;
    struct ble_l2cap_chan *c = ble_l2cap_open_chan_(l, cid, &rc);
    (void)now;
    if (!c)
        return rc;
    if (len && !sdu)
        return BLE_ERR_PARAM;
    if (c->tx_active)
        return BLE_ERR_BUSY;
    if (len > c->peer_mtu)
        return BLE_ERR_TOO_LONG;
    c->tx_p = sdu;
    c->tx_len = (uint16_t)len;
    c->tx_off = 0;
    c->tx_first = 1;
    c->tx_active = 1;
    return BLE_OK;
}

BLE_DEF int ble_l2cap_give_credits(struct ble_l2cap_link *l, uint32_t now, uint16_t cid, uint16_t n)
{
    struct ble_l2cap_sig_flow_control_credit_ind r;
    int rc;
    struct ble_l2cap_chan *c = ble_l2cap_open_chan_(l, cid, &rc);
    (void)now;
    if (!c)
        return rc;
    if (!n || (uint32_t)c->local_credits + n > 0xFFFFu) /* 4.24: 1..65535, never past */
        return BLE_ERR_RANGE;
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    r.cid = c->lcid;
    r.credits = n;
    c->local_credits = (uint16_t)(c->local_credits + n);
    return ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_FLOW_CONTROL_CREDIT_IND, ble_l2cap_new_id_(l), &r);
}

BLE_DEF int ble_l2cap_disconnect(struct ble_l2cap_link *l, uint32_t now, uint16_t cid)
{
    int rc;
    struct ble_l2cap_chan *c = ble_l2cap_open_chan_(l, cid, &rc);
    if (!c)
        return rc;
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    if (c->pending == BLE_L2CAP_PEND_RECONF) /* the reconfigure ends with the channel */
        (void)ble_l2cap_reconf_end_(l, c->sig_id, 0xFFFF, BLE_L2CAP_REASON_LOCAL);
    ble_l2cap_start_disc_(l, now, c, BLE_L2CAP_REASON_LOCAL); /* OPEN -> WAIT_DISCONNECT */
    return BLE_OK;
}

BLE_DEF int ble_l2cap_reconfigure(struct ble_l2cap_link *l, uint32_t now, const uint16_t *cids,
                                  size_t n, uint16_t mtu, uint16_t mps)
{
    struct ble_l2cap_chan *chans[BLE_L2CAP_ECFC_MAX_CIDS];
    struct ble_l2cap_sig_cid sc[BLE_L2CAP_ECFC_MAX_CIDS];
    struct ble_l2cap_sig_credit_reconf_req r;
    size_t k, j;
    uint8_t id;
    int rc;
    if (!cids || n < 1 || n > BLE_L2CAP_ECFC_MAX_CIDS)
        return BLE_ERR_PARAM;
    if (!ble_l2cap_params_ok_(BLE_L2CAP_MODE_ECFC, mtu, mps))
        return BLE_ERR_RANGE;
    for (k = 0; k < n; k++) {
        chans[k] = ble_l2cap_open_chan_(l, cids[k], &rc);
        if (!chans[k])
            return rc;
        for (j = 0; j < k; j++)
            if (chans[j] == chans[k])
                return BLE_ERR_PARAM;
        if (chans[k]->mode != BLE_L2CAP_MODE_ECFC)
            return BLE_ERR_STATE;
        if (chans[k]->pending != BLE_L2CAP_PEND_NONE)
            return BLE_ERR_BUSY;
        if (mtu < chans[k]->local_mtu || (n > 1 && mps < chans[k]->local_mps)) /* 4.27 */
            return BLE_ERR_RANGE;
        if (mtu > chans[k]->rx_cap)
            return BLE_ERR_NO_SPACE;
    }
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    id = ble_l2cap_new_id_(l);
    for (k = 0; k < n; k++) {
        chans[k]->pending = BLE_L2CAP_PEND_RECONF;
        chans[k]->sig_id = id;
        chans[k]->pos = (uint8_t)k;
        chans[k]->new_mtu = mtu;
        chans[k]->new_mps = mps;
        chans[k]->rtx = ble_deadline_after(now, l->cfg.rtx_ms);
        sc[k].cid = chans[k]->lcid; /* our endpoints: the peer's destinations */
    }
    r.mtu = mtu;
    r.mps = mps;
    r.destination_cid.n = n;
    r.destination_cid.raw = ble_view_make(0, 0);
    r.destination_cid.items = sc;
    return ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CREDIT_RECONF_REQ, id, &r);
}

BLE_DEF int ble_l2cap_conn_param_update(struct ble_l2cap_link *l, uint32_t now,
                                        const struct ble_l2cap_sig_conn_param_update_req *p)
{
    if (l->down || l->cfg.role != BLE_L2CAP_PERIPHERAL) /* 4.20: the peripheral asks */
        return BLE_ERR_STATE;
    if (!p)
        return BLE_ERR_PARAM;
    if (!ble_l2cap_conn_params_valid(p))
        return BLE_ERR_RANGE;
    if (l->cpu_out_id)
        return BLE_ERR_BUSY;
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    l->cpu_out_id = ble_l2cap_new_id_(l);
    l->cpu_rtx = ble_deadline_after(now, l->cfg.rtx_ms);
    return ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CONN_PARAM_UPDATE_REQ, l->cpu_out_id, p);
}

BLE_DEF int ble_l2cap_conn_param_reply(struct ble_l2cap_link *l, uint32_t now, int accept)
{
    struct ble_l2cap_sig_conn_param_update_rsp r;
    int rc;
    (void)now;
    if (l->down || !l->cpu_in_id)
        return BLE_ERR_STATE;
    if (!ble_l2cap_sig_room_(l, 1))
        return BLE_ERR_FULL;
    r.result = accept ? 0x0000 : 0x0001; /* 4.21 */
    rc = ble_l2cap_sig_send_(l, BLE_L2CAP_SIG_CONN_PARAM_UPDATE_RSP, l->cpu_in_id, &r);
    l->cpu_in_id = 0;
    return rc;
}

BLE_DEF void ble_l2cap_link_down(struct ble_l2cap_link *l, uint32_t now)
{
    size_t i;
    (void)now;
    if (l->down)
        return;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++)
        if (l->ch[i].state != BLE_L2CAP_CH_CLOSED) /* every state -> CLOSED */
            ble_l2cap_close_(l, &l->ch[i], BLE_L2CAP_REASON_LINK_DOWN, 0);
    if (l->cpu_out_id)
        ble_l2cap_cpu_end_(l, 0xFFFF, BLE_L2CAP_REASON_LINK_DOWN);
    l->cpu_in_id = 0;
    ble_memset(l->inreq, 0, sizeof l->inreq);
    while (ble_queue_pop(&l->sigq, 0) == BLE_OK) {
    }
    l->down = 1;
}

BLE_DEF void ble_l2cap_on_timer(struct ble_l2cap_link *l, uint32_t now)
{
    size_t i;
    if (l->down)
        return;
    if (l->cpu_out_id && ble_time_reached(now, l->cpu_rtx))
        ble_l2cap_cpu_end_(l, 0xFFFF, BLE_L2CAP_REASON_TIMEOUT);
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        struct ble_l2cap_chan *c = &l->ch[i];
        if (c->state == BLE_L2CAP_CH_CLOSED || !ble_time_reached(now, c->rtx))
            continue;
        switch (c->pending) { /* 6.2.1: RTX expired */
        case BLE_L2CAP_PEND_CONNECT: /* WAIT_CONNECT -> CLOSED */
            ble_l2cap_close_(l, c, BLE_L2CAP_REASON_TIMEOUT, 0);
            break;
        case BLE_L2CAP_PEND_DISCONNECT: /* WAIT_DISCONNECT -> CLOSED */
            ble_l2cap_close_(l, c, c->close_reason, 0);
            break;
        case BLE_L2CAP_PEND_RECONF: /* OPEN -> WAIT_DISCONNECT: an unresponsive peer */
            (void)ble_l2cap_reconf_end_(l, c->sig_id, 0xFFFF, BLE_L2CAP_REASON_TIMEOUT);
            ble_l2cap_start_disc_(l, now, c, BLE_L2CAP_REASON_TIMEOUT);
            break;
        default:
            c->rtx = BLE_NO_DEADLINE;
            break;
        }
    }
}

BLE_DEF uint32_t ble_l2cap_next_deadline(const struct ble_l2cap_link *l)
{
    uint32_t d = l->down ? BLE_NO_DEADLINE : l->cpu_out_id ? l->cpu_rtx : BLE_NO_DEADLINE;
    size_t i;
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS && !l->down; i++)
        if (l->ch[i].state != BLE_L2CAP_CH_CLOSED)
            d = ble_deadline_min(d, l->ch[i].rtx);
    return d;
}

BLE_DEF int ble_l2cap_poll_tx(struct ble_l2cap_link *l, uint8_t *buf, size_t cap)
{
    size_t i;
    const struct ble_l2cap_sigq_item *it = (const struct ble_l2cap_sigq_item *)ble_queue_peek(&l->sigq);
    if (it) { /* signaling first: a C-frame on CID 0x0005 */
        if (cap < (size_t)BLE_L2CAP_HDR_LEN + it->len)
            return BLE_ERR_NO_SPACE;
        ble_put_le16(buf, it->len);
        ble_put_le16(buf + 2, BLE_L2CAP_CID_LE_SIGNALING);
        ble_memcpy(buf + BLE_L2CAP_HDR_LEN, it->b, it->len);
        i = BLE_L2CAP_HDR_LEN + it->len;
        (void)ble_queue_pop(&l->sigq, 0);
        return (int)i;
    }
    for (i = 0; i < BLE_CFG_L2CAP_MAX_CHANNELS; i++) {
        struct ble_l2cap_chan *c = &l->ch[(l->tx_rr + i) % BLE_CFG_L2CAP_MAX_CHANNELS];
        size_t hdr, room, left, chunk, mps;
        if (c->state != BLE_L2CAP_CH_OPEN || !c->tx_active || !c->peer_credits)
            continue;
        /* 3.4.2: the first K-frame of an SDU carries the 2-octet SDU length */
        hdr = BLE_L2CAP_HDR_LEN + (c->tx_first ? 2u : 0u);
        left = (size_t)(c->tx_len - c->tx_off);
        if (cap < hdr + (left ? 1u : 0u))
            return BLE_ERR_NO_SPACE;
        mps = (size_t)c->peer_mps - (c->tx_first ? 2u : 0u);
        room = cap - hdr;
        chunk = left < mps ? left : mps;
        if (chunk > room)
            chunk = room;
        ble_put_le16(buf, (uint16_t)(hdr - BLE_L2CAP_HDR_LEN + chunk));
        ble_put_le16(buf + 2, c->rcid);
        if (c->tx_first)
            ble_put_le16(buf + 4, c->tx_len);
        ble_memcpy(buf + hdr, c->tx_p + c->tx_off, chunk);
        c->tx_off = (uint16_t)(c->tx_off + chunk);
        c->tx_first = 0;
        c->peer_credits--;
        l->tx_rr = (uint8_t)((l->tx_rr + i + 1) % BLE_CFG_L2CAP_MAX_CHANNELS);
        if (c->tx_off == c->tx_len) {
            struct ble_l2cap_event ev;
            c->tx_active = 0;
            ble_l2cap_ev_init_(&ev, BLE_L2CAP_EV_TX_DONE, c);
            ble_l2cap_ev_(l, &ev);
        }
        return (int)(hdr + chunk);
    }
    return BLE_ERR_AGAIN;
}

BLE_DEF int ble_l2cap_poll_event(struct ble_l2cap_link *l, struct ble_l2cap_event *ev)
{
    return ble_queue_pop(&l->evq, ev);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
