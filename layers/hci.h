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

/* ---- Host side of the HCI: flow control and controller bring-up -----------
 * One caller-owned struct per controller. It brings the controller up
 * (Reset, local version, supported commands and features, BD_ADDR, event
 * masks, LE features, buffer sizes with fallbacks, LE event mask, ISO host
 * support), then grants commands against the controller's command credits
 * (Num_HCI_Command_Packets) with at most one outstanding command per opcode,
 * and ACL and ISO packets against the controller's buffers, returning
 * credits on Number Of Completed Packets and on disconnection. Inputs: events
 * (ble_hci_host_on_event), requests (start, cmd, acl/iso_sent), time
 * (on_timer). Output: bring-up commands (poll_cmd) and one event per input. */

enum ble_hci_host_state {
    BLE_HCI_HOST_IDLE,
    BLE_HCI_HOST_RESET,
    BLE_HCI_HOST_READ_VERSION,
    BLE_HCI_HOST_READ_COMMANDS,
    BLE_HCI_HOST_READ_FEATURES,
    BLE_HCI_HOST_READ_BD_ADDR,
    BLE_HCI_HOST_SET_EVENT_MASK,
    BLE_HCI_HOST_SET_EVENT_MASK_2,
    BLE_HCI_HOST_LE_READ_FEATURES,
    BLE_HCI_HOST_WRITE_LE_HOST_SUPPORT,
    BLE_HCI_HOST_LE_READ_BUFFER_V2,
    BLE_HCI_HOST_LE_READ_BUFFER,
    BLE_HCI_HOST_READ_BUFFER,
    BLE_HCI_HOST_LE_SET_EVENT_MASK,
    BLE_HCI_HOST_LE_SET_HOST_FEATURE,
    BLE_HCI_HOST_READY,
    BLE_HCI_HOST_FAILED
};

struct ble_hci_host_cfg {
    uint64_t event_mask;        /* Set Event Mask (7.3.1) */
    uint64_t event_mask_2;      /* Set Event Mask Page 2 (7.3.69), sent when supported */
    uint64_t le_event_mask;     /* LE Set Event Mask (7.8.1) */
    uint8_t iso;                /* 1: set the Isochronous Channels host feature when the
                                   controller has CIS or BIS support */
    uint32_t cmd_timeout_ms;    /* 0: BLE_CFG_HCI_CMD_TIMEOUT_MS */
};
/* Defaults: the events an LE host uses (Disconnection Complete, Encryption
 * Change v1/v2, Read Remote Version Complete, Hardware Error, Data Buffer
 * Overflow, Key Refresh, Authenticated Payload Timeout, LE Meta) and LE
 * subevents 0x01..0x22; ISO on. */
BLE_API void ble_hci_host_cfg_default(struct ble_hci_host_cfg *cfg);

/* What the controller told during bring-up. */
struct ble_hci_controller {
    uint8_t hci_version, lmp_version;
    uint16_t hci_subversion, company_id, lmp_subversion;
    uint8_t commands[64];      /* Supported_Commands (6.27) */
    uint8_t features[8];       /* LMP features page 0 */
    uint8_t le_features[8];    /* LE features (Vol 6 Part B 4.6) */
    uint8_t bd_addr[6];
    uint16_t acl_len, iso_len; /* max data length of one ACL / ISO packet */
    uint16_t acl_num, iso_num; /* controller buffers */
};
/* Supported_Commands bit (octet, bit) is set. */
static inline int ble_hci_cmd_supported(const struct ble_hci_controller *c, unsigned octet, unsigned bit)
{
    return octet < 64 && bit < 8 && ((c->commands[octet] >> bit) & 1u);
}
/* LE feature bit n (Vol 6 Part B 4.6) is set. */
static inline int ble_hci_le_feature(const struct ble_hci_controller *c, unsigned n)
{
    return n < 64 && ((c->le_features[n / 8] >> (n % 8)) & 1u);
}

enum ble_hci_host_ev_type {
    BLE_HCI_HOST_EV_NONE,        /* consumed (credits, completed packets) */
    BLE_HCI_HOST_EV_PASS,        /* not the flow's: the application decodes it */
    BLE_HCI_HOST_EV_CMD_DONE,    /* an application command completed: opcode, status, ret */
    BLE_HCI_HOST_EV_CMD_TIMEOUT, /* no completion in time: opcode */
    BLE_HCI_HOST_EV_READY,       /* bring-up finished: see host->ctrl */
    BLE_HCI_HOST_EV_FAILED       /* bring-up stopped: opcode, status (HCI) or err */
};

struct ble_hci_host_event {
    uint8_t type;              /* enum ble_hci_host_ev_type */
    uint8_t status;            /* HCI status of the command */
    uint8_t via_status;        /* 1: completed by Command Status (ret is empty) */
    uint16_t opcode;
    int err;                   /* BLE_ERR_TIMEOUT / BLE_ERR_PROTOCOL on FAILED */
    struct ble_view ret;       /* return parameters after the status, in the event */
};

struct ble_hci_host_stats {
    uint32_t unmatched_completions; /* Command Complete/Status for no outstanding opcode */
    uint32_t nocp_unknown_handle;   /* completed packets of a handle with none in flight */
    uint32_t nocp_excess;           /* more completed than in flight (clamped) */
    uint32_t cmd_timeouts;
    uint32_t malformed_events;      /* flow-control events that did not decode */
};

struct ble_hci_host_pending {
    uint16_t opcode;   /* 0: free slot */
    uint8_t app;       /* the application's command (else bring-up's) */
    uint32_t deadline;
};

struct ble_hci_host_handle {
    uint16_t handle;
    uint8_t used;
    uint8_t iso;       /* counts against the ISO buffers */
    uint16_t in_flight;
};

struct ble_hci_host {
    uint8_t state;             /* enum ble_hci_host_state */
    uint8_t credits;           /* Num_HCI_Command_Packets */
    uint8_t cmd_ready;         /* a bring-up command waits in cmd[] */
    uint8_t cmd_len;
    uint8_t cmd[3 + 8];
    uint16_t acl_free, iso_free;
    struct ble_hci_host_cfg cfg;
    struct ble_hci_controller ctrl;
    struct ble_hci_host_pending pending[BLE_CFG_HCI_MAX_PENDING];
    struct ble_hci_host_handle handles[BLE_CFG_HCI_MAX_HANDLES];
    struct ble_hci_host_stats stats;
};

/* cfg may be NULL for the defaults. */
BLE_API void ble_hci_host_init(struct ble_hci_host *h, const struct ble_hci_host_cfg *cfg);
/* Begins bring-up with HCI_Reset (BLE_ERR_STATE unless idle, ready or failed). */
BLE_API int ble_hci_host_start(struct ble_hci_host *h, uint32_t now_ms);
/* The next bring-up command packet (after the H4 indicator) into buf: its
 * length, BLE_ERR_AGAIN when none is due or no credit is left. */
BLE_API int ble_hci_host_poll_cmd(struct ble_hci_host *h, uint32_t now_ms, uint8_t *buf, size_t cap);
/* An application command: encodes the packet into buf and takes a credit.
 * The length; BLE_ERR_STATE before ready, BLE_ERR_AGAIN without a credit,
 * BLE_ERR_BUSY while this opcode is outstanding, BLE_ERR_FULL when
 * BLE_CFG_HCI_MAX_PENDING commands are. Nothing changes on error. */
BLE_API int ble_hci_host_cmd(struct ble_hci_host *h, uint32_t now_ms, uint16_t opcode,
                             const uint8_t *params, size_t plen, uint8_t *buf, size_t cap);
/* One event packet (after the H4 indicator). Fills *ev; returns BLE_OK or the
 * event packet's decode error (then ev->type is PASS: the app sees it too). */
BLE_API int ble_hci_host_on_event(struct ble_hci_host *h, uint32_t now_ms, const uint8_t *evt,
                                  size_t len, struct ble_hci_host_event *ev);
/* Command timeouts: fills *ev (type NONE when nothing expired). */
BLE_API void ble_hci_host_on_timer(struct ble_hci_host *h, uint32_t now_ms, struct ble_hci_host_event *ev);
BLE_API uint32_t ble_hci_host_next_deadline(const struct ble_hci_host *h);
/* May one more ACL (ISO) packet go to the controller now? BLE_OK or BLE_ERR_AGAIN. */
BLE_API int ble_hci_host_acl_can_send(const struct ble_hci_host *h);
BLE_API int ble_hci_host_iso_can_send(const struct ble_hci_host *h);
/* Account one ACL (ISO) packet sent on handle: BLE_OK, BLE_ERR_AGAIN (no
 * buffer), BLE_ERR_FULL (no handle slot), BLE_ERR_RANGE (bad handle). */
BLE_API int ble_hci_host_acl_sent(struct ble_hci_host *h, uint16_t handle);
BLE_API int ble_hci_host_iso_sent(struct ble_hci_host *h, uint16_t handle);
/* A handle went away without Disconnection Complete (a BIS of a terminated
 * BIG): its in-flight packets return to the pool. */
BLE_API void ble_hci_host_handle_closed(struct ble_hci_host *h, uint16_t handle);
/* Packets in flight on handle. */
BLE_API unsigned ble_hci_host_in_flight(const struct ble_hci_host *h, uint16_t handle);

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

/* ---- Host flow control and bring-up ---- */

/* Opcodes and Supported_Commands bits of bring-up (Core 6.0 Vol 4 Part E 7, 6.27). */
#define BLE_HCI_OP_SET_EVENT_MASK_ 0x0C01
#define BLE_HCI_OP_RESET_ 0x0C03
#define BLE_HCI_OP_SET_EVENT_MASK_2_ 0x0C63
#define BLE_HCI_OP_WRITE_LE_HOST_SUPPORT_ 0x0C6D
#define BLE_HCI_OP_READ_LOCAL_VERSION_ 0x1001
#define BLE_HCI_OP_READ_LOCAL_COMMANDS_ 0x1002
#define BLE_HCI_OP_READ_LOCAL_FEATURES_ 0x1003
#define BLE_HCI_OP_READ_BUFFER_SIZE_ 0x1005
#define BLE_HCI_OP_READ_BD_ADDR_ 0x1009
#define BLE_HCI_OP_LE_SET_EVENT_MASK_ 0x2001
#define BLE_HCI_OP_LE_READ_BUFFER_SIZE_ 0x2002
#define BLE_HCI_OP_LE_READ_FEATURES_ 0x2003
#define BLE_HCI_OP_LE_READ_BUFFER_SIZE_V2_ 0x2060
#define BLE_HCI_OP_LE_SET_HOST_FEATURE_ 0x2074
#define BLE_HCI_EVT_DISCONNECTION_COMPLETE_ 0x05
#define BLE_HCI_EVT_COMMAND_COMPLETE_ 0x0E
#define BLE_HCI_EVT_COMMAND_STATUS_ 0x0F
#define BLE_HCI_EVT_NUM_COMPLETED_PACKETS_ 0x13

BLE_DEF void ble_hci_host_cfg_default(struct ble_hci_host_cfg *cfg)
{
    ble_memset(cfg, 0, sizeof(*cfg));
    /* bits 4 Disconnection Complete, 7 Encryption Change, 11 Read Remote Version
     * Complete, 15 Hardware Error, 25 Data Buffer Overflow, 47 Encryption Key
     * Refresh Complete, 61 LE Meta (7.3.1) */
    cfg->event_mask = 0x2000800002008890ull;
    /* page 2: bit 23 Authenticated Payload Timeout Expired, 25 Encryption Change v2 */
    cfg->event_mask_2 = 0x0000000002800000ull;
    /* LE subevents 0x01..0x22 (bit n is subevent n + 1) */
    cfg->le_event_mask = 0x00000003FFFFFFFFull;
    cfg->iso = 1;
    cfg->cmd_timeout_ms = BLE_CFG_HCI_CMD_TIMEOUT_MS;
}

BLE_DEF void ble_hci_host_init(struct ble_hci_host *h, const struct ble_hci_host_cfg *cfg)
{
    ble_memset(h, 0, sizeof(*h));
    if (cfg)
        h->cfg = *cfg;
    else
        ble_hci_host_cfg_default(&h->cfg);
    if (!h->cfg.cmd_timeout_ms)
        h->cfg.cmd_timeout_ms = BLE_CFG_HCI_CMD_TIMEOUT_MS;
    h->state = BLE_HCI_HOST_IDLE;
    h->credits = 1; /* the host may send one command before any event (7.7.14) */
}

static struct ble_hci_host_pending *ble_hci_host_find_pending_(struct ble_hci_host *h, uint16_t op)
{
    size_t i;
    for (i = 0; i < BLE_CFG_HCI_MAX_PENDING; i++)
        if (h->pending[i].opcode == op && op)
            return &h->pending[i];
    return 0;
}

/* Takes a credit and a pending slot for opcode; BLE_OK or why not. */
static int ble_hci_host_take_(struct ble_hci_host *h, uint32_t now, uint16_t op, uint8_t app)
{
    struct ble_hci_host_pending *slot;
    if (!h->credits)
        return BLE_ERR_AGAIN;
    if (ble_hci_host_find_pending_(h, op))
        return BLE_ERR_BUSY;
    {
        size_t i;
        for (i = 0, slot = 0; i < BLE_CFG_HCI_MAX_PENDING && !slot; i++)
            if (!h->pending[i].opcode)
                slot = &h->pending[i];
    }
    if (!slot)
        return BLE_ERR_FULL;
    slot->opcode = op;
    slot->app = app;
    slot->deadline = ble_deadline_after(now, h->cfg.cmd_timeout_ms);
    h->credits--;
    return BLE_OK;
}

/* Queues the bring-up command of the current state. */
static void ble_hci_host_queue_(struct ble_hci_host *h)
{
    uint8_t p[8] = { 0 };
    size_t n = 0;
    uint16_t op;
    switch (h->state) {
    case BLE_HCI_HOST_RESET: op = BLE_HCI_OP_RESET_; break;
    case BLE_HCI_HOST_READ_VERSION: op = BLE_HCI_OP_READ_LOCAL_VERSION_; break;
    case BLE_HCI_HOST_READ_COMMANDS: op = BLE_HCI_OP_READ_LOCAL_COMMANDS_; break;
    case BLE_HCI_HOST_READ_FEATURES: op = BLE_HCI_OP_READ_LOCAL_FEATURES_; break;
    case BLE_HCI_HOST_READ_BD_ADDR: op = BLE_HCI_OP_READ_BD_ADDR_; break;
    case BLE_HCI_HOST_SET_EVENT_MASK:
        op = BLE_HCI_OP_SET_EVENT_MASK_;
        ble_put_le(p, h->cfg.event_mask, 8), n = 8;
        break;
    case BLE_HCI_HOST_SET_EVENT_MASK_2:
        op = BLE_HCI_OP_SET_EVENT_MASK_2_;
        ble_put_le(p, h->cfg.event_mask_2, 8), n = 8;
        break;
    case BLE_HCI_HOST_LE_READ_FEATURES: op = BLE_HCI_OP_LE_READ_FEATURES_; break;
    case BLE_HCI_HOST_WRITE_LE_HOST_SUPPORT:
        op = BLE_HCI_OP_WRITE_LE_HOST_SUPPORT_;
        p[0] = 1, p[1] = 0, n = 2; /* LE_Supported_Host = 1, Unused = 0 (7.3.79) */
        break;
    case BLE_HCI_HOST_LE_READ_BUFFER_V2: op = BLE_HCI_OP_LE_READ_BUFFER_SIZE_V2_; break;
    case BLE_HCI_HOST_LE_READ_BUFFER: op = BLE_HCI_OP_LE_READ_BUFFER_SIZE_; break;
    case BLE_HCI_HOST_READ_BUFFER: op = BLE_HCI_OP_READ_BUFFER_SIZE_; break;
    case BLE_HCI_HOST_LE_SET_EVENT_MASK:
        op = BLE_HCI_OP_LE_SET_EVENT_MASK_;
        ble_put_le(p, h->cfg.le_event_mask, 8), n = 8;
        break;
    case BLE_HCI_HOST_LE_SET_HOST_FEATURE:
        op = BLE_HCI_OP_LE_SET_HOST_FEATURE_;
        p[0] = 32, p[1] = 1, n = 2; /* Connected Isochronous Stream (Host Support) */
        break;
    default:
        h->cmd_ready = 0;
        return;
    }
    h->cmd_len = (uint8_t)ble_hci_cmd_packet(op, p, n, h->cmd, sizeof h->cmd);
    h->cmd_ready = 1;
}

/* The bring-up step after `from`, skipping what the controller lacks. */
static uint8_t ble_hci_host_next_state_(const struct ble_hci_host *h, unsigned from)
{
    const struct ble_hci_controller *c = &h->ctrl;
    unsigned s = from + 1;
    for (;; s++) {
        switch (s) {
        case BLE_HCI_HOST_SET_EVENT_MASK_2:
            if (!ble_hci_cmd_supported(c, 22, 2))
                continue;
            break;
        case BLE_HCI_HOST_WRITE_LE_HOST_SUPPORT:
            /* only a controller that also does BR/EDR (LMP feature bit 37,
             * "BR/EDR Not Supported", clear) needs LE enabled by the host */
            if (c->features[4] & 0x20)
                continue;
            break;
        case BLE_HCI_HOST_LE_READ_BUFFER_V2:
            if (!ble_hci_cmd_supported(c, 41, 5) && h->cfg.iso != 2)
                continue;
            break;
        case BLE_HCI_HOST_LE_READ_BUFFER:
            if (c->acl_num || c->iso_num) /* v2 answered */
                continue;
            break;
        case BLE_HCI_HOST_READ_BUFFER:
            /* no LE buffers: LE shares the BR/EDR ACL buffers (7.8.2) */
            if (c->acl_len && c->acl_num)
                continue;
            break;
        case BLE_HCI_HOST_LE_SET_HOST_FEATURE:
            if (!h->cfg.iso || (h->cfg.iso == 1 && !ble_hci_le_feature(c, 28) &&
                                !ble_hci_le_feature(c, 29) && !ble_hci_le_feature(c, 30) &&
                                !ble_hci_le_feature(c, 31)))
                continue;
            break;
        default:
            break;
        }
        return (uint8_t)s;
    }
}

BLE_DEF int ble_hci_host_start(struct ble_hci_host *h, uint32_t now_ms)
{
    (void)now_ms;
    if (h->state != BLE_HCI_HOST_IDLE && h->state != BLE_HCI_HOST_READY &&
        h->state != BLE_HCI_HOST_FAILED)
        return BLE_ERR_STATE;
    ble_memset(&h->ctrl, 0, sizeof h->ctrl);
    ble_memset(h->handles, 0, sizeof h->handles);
    h->acl_free = h->iso_free = 0;
    h->state = BLE_HCI_HOST_RESET;
    ble_hci_host_queue_(h);
    return BLE_OK;
}

BLE_DEF int ble_hci_host_poll_cmd(struct ble_hci_host *h, uint32_t now_ms, uint8_t *buf, size_t cap)
{
    int rc;
    if (!h->cmd_ready)
        return BLE_ERR_AGAIN;
    if (cap < h->cmd_len)
        return BLE_ERR_NO_SPACE;
    rc = ble_hci_host_take_(h, now_ms, ble_get_le16(h->cmd), 0);
    if (rc != BLE_OK)
        return rc;
    ble_memcpy(buf, h->cmd, h->cmd_len);
    h->cmd_ready = 0;
    return h->cmd_len;
}

BLE_DEF int ble_hci_host_cmd(struct ble_hci_host *h, uint32_t now_ms, uint16_t opcode,
                             const uint8_t *params, size_t plen, uint8_t *buf, size_t cap)
{
    int rc, n;
    if (h->state != BLE_HCI_HOST_READY)
        return BLE_ERR_STATE;
    if (opcode == BLE_HCI_OP_NOP)
        return BLE_ERR_PARAM;
    if (plen > 0xFF)
        return BLE_ERR_TOO_LONG;
    if (plen && !params)
        return BLE_ERR_PARAM;
    if (3 + plen > cap)
        return BLE_ERR_NO_SPACE;
    rc = ble_hci_host_take_(h, now_ms, opcode, 1);
    if (rc != BLE_OK)
        return rc;
    n = ble_hci_cmd_packet(opcode, params, plen, buf, cap);
    return n;
}

/* Parses the bring-up command's return parameters into h->ctrl. */
static int ble_hci_host_take_ret_(struct ble_hci_host *h, uint16_t op, struct ble_view ret)
{
    struct ble_rd r;
    struct ble_hci_controller *c = &h->ctrl;
    ble_rd_init(&r, ret.p, ret.len);
    switch (op) {
    case BLE_HCI_OP_READ_LOCAL_VERSION_: /* 7.4.1 */
        c->hci_version = ble_rd_u8(&r);
        c->hci_subversion = ble_rd_u16(&r);
        c->lmp_version = ble_rd_u8(&r);
        c->company_id = ble_rd_u16(&r);
        c->lmp_subversion = ble_rd_u16(&r);
        break;
    case BLE_HCI_OP_READ_LOCAL_COMMANDS_: ble_rd_copy(&r, c->commands, 64); break; /* 7.4.2 */
    case BLE_HCI_OP_READ_LOCAL_FEATURES_: ble_rd_copy(&r, c->features, 8); break;  /* 7.4.3 */
    case BLE_HCI_OP_READ_BD_ADDR_: ble_rd_copy(&r, c->bd_addr, 6); break;         /* 7.4.6 */
    case BLE_HCI_OP_LE_READ_FEATURES_: ble_rd_copy(&r, c->le_features, 8); break; /* 7.8.3 */
    case BLE_HCI_OP_LE_READ_BUFFER_SIZE_V2_: /* 7.8.2 */
        c->acl_len = ble_rd_u16(&r);
        c->acl_num = ble_rd_u8(&r);
        c->iso_len = ble_rd_u16(&r);
        c->iso_num = ble_rd_u8(&r);
        break;
    case BLE_HCI_OP_LE_READ_BUFFER_SIZE_:
        c->acl_len = ble_rd_u16(&r);
        c->acl_num = ble_rd_u8(&r);
        break;
    case BLE_HCI_OP_READ_BUFFER_SIZE_: /* 7.4.5 */
        c->acl_len = ble_rd_u16(&r);
        (void)ble_rd_u8(&r); /* Synchronous_Data_Packet_Length */
        c->acl_num = ble_rd_u16(&r);
        (void)ble_rd_u16(&r); /* Total_Num_Synchronous_Data_Packets */
        break;
    default:
        return BLE_OK;
    }
    /* return parameters may grow in later versions: extra octets are fine */
    return r.err;
}

static int ble_hci_host_optional_(unsigned state)
{
    return state == BLE_HCI_HOST_SET_EVENT_MASK_2 || state == BLE_HCI_HOST_WRITE_LE_HOST_SUPPORT ||
           state == BLE_HCI_HOST_LE_READ_BUFFER_V2 || state == BLE_HCI_HOST_LE_SET_HOST_FEATURE;
}

/* A bring-up command completed: advance, or fail. */
static void ble_hci_host_bringup_done_(struct ble_hci_host *h, uint16_t op, uint8_t status,
                                       int via_status, struct ble_view ret, struct ble_hci_host_event *ev)
{
    int rc = BLE_OK;
    if (status == BLE_HCI_SUCCESS && via_status)
        rc = BLE_ERR_PROTOCOL; /* these commands complete with Command Complete */
    else if (status == BLE_HCI_SUCCESS)
        rc = ble_hci_host_take_ret_(h, op, ret);
    if ((status != BLE_HCI_SUCCESS || rc != BLE_OK) && !ble_hci_host_optional_(h->state)) {
        h->state = BLE_HCI_HOST_FAILED;
        h->cmd_ready = 0;
        ev->type = BLE_HCI_HOST_EV_FAILED;
        ev->err = rc;
        return;
    }
    if (h->state == BLE_HCI_HOST_LE_READ_BUFFER_V2 && (status || rc)) {
        h->ctrl.acl_num = h->ctrl.iso_num = 0; /* fall back to v1 */
        h->ctrl.acl_len = h->ctrl.iso_len = 0;
    }
    h->state = ble_hci_host_next_state_(h, h->state);
    if (h->state == BLE_HCI_HOST_READY) {
        h->acl_free = h->ctrl.acl_num;
        h->iso_free = h->ctrl.iso_num;
        ev->type = BLE_HCI_HOST_EV_READY;
        return;
    }
    ble_hci_host_queue_(h);
    ev->type = BLE_HCI_HOST_EV_NONE;
}

static struct ble_hci_host_handle *ble_hci_host_handle_(struct ble_hci_host *h, uint16_t handle)
{
    size_t i;
    for (i = 0; i < BLE_CFG_HCI_MAX_HANDLES; i++)
        if (h->handles[i].used && h->handles[i].handle == handle)
            return &h->handles[i];
    return 0;
}

static void ble_hci_host_release_(struct ble_hci_host *h, struct ble_hci_host_handle *e, unsigned n)
{
    if (e->iso)
        h->iso_free = (uint16_t)(h->iso_free + n);
    else
        h->acl_free = (uint16_t)(h->acl_free + n);
    e->in_flight = (uint16_t)(e->in_flight - n);
}

BLE_DEF int ble_hci_host_on_event(struct ble_hci_host *h, uint32_t now_ms, const uint8_t *evt,
                                  size_t len, struct ble_hci_host_event *ev)
{
    struct ble_hci_evt_pkt pkt;
    struct ble_rd r;
    int rc;
    (void)now_ms;
    ble_memset(ev, 0, sizeof(*ev));
    ev->type = BLE_HCI_HOST_EV_PASS;
    rc = ble_hci_evt_packet(evt, len, &pkt);
    if (rc != BLE_OK)
        return rc;
    ble_rd_init(&r, pkt.params.p, pkt.params.len);
    switch (pkt.code) {
    case BLE_HCI_EVT_COMMAND_COMPLETE_: /* 7.7.14 */
    case BLE_HCI_EVT_COMMAND_STATUS_: { /* 7.7.15 */
        struct ble_hci_host_pending *slot;
        uint8_t ncmd, status = 0;
        uint16_t op;
        int via_status = pkt.code == BLE_HCI_EVT_COMMAND_STATUS_;
        if (via_status)
            status = ble_rd_u8(&r);
        ncmd = ble_rd_u8(&r);
        op = ble_rd_u16(&r);
        if (!via_status && op != BLE_HCI_OP_NOP)
            status = ble_rd_u8(&r); /* every return parameter list starts with Status */
        if (r.err || (via_status && ble_rd_left(&r))) {
            h->stats.malformed_events++;
            return r.err ? r.err : BLE_ERR_TRAILING;
        }
        h->credits = ncmd; /* the controller's current allowance, not an increment */
        ev->type = BLE_HCI_HOST_EV_NONE;
        if (op == BLE_HCI_OP_NOP)
            return BLE_OK;
        slot = ble_hci_host_find_pending_(h, op);
        if (!slot) {
            h->stats.unmatched_completions++;
            return BLE_OK;
        }
        slot->opcode = 0;
        ev->opcode = op;
        ev->status = status;
        ev->via_status = (uint8_t)via_status;
        ev->ret = ble_rd_rest(&r);
        if (slot->app)
            ev->type = BLE_HCI_HOST_EV_CMD_DONE;
        else if (h->state > BLE_HCI_HOST_IDLE && h->state < BLE_HCI_HOST_READY)
            ble_hci_host_bringup_done_(h, op, status, via_status, ev->ret, ev);
        return BLE_OK;
    }
    case BLE_HCI_EVT_NUM_COMPLETED_PACKETS_: { /* 7.7.19 */
        uint8_t n = ble_rd_u8(&r), i;
        if (!ble_rd_need(&r, (size_t)n * 4) || ble_rd_left(&r) != (size_t)n * 4) {
            h->stats.malformed_events++;
            return r.err ? r.err : BLE_ERR_TRAILING;
        }
        for (i = 0; i < n; i++) {
            uint16_t handle = ble_rd_u16(&r) & 0x0FFF, done = ble_rd_u16(&r);
            struct ble_hci_host_handle *e = ble_hci_host_handle_(h, handle);
            if (!e) {
                if (done)
                    h->stats.nocp_unknown_handle++;
                continue;
            }
            if (done > e->in_flight) {
                h->stats.nocp_excess++;
                done = e->in_flight;
            }
            ble_hci_host_release_(h, e, done);
        }
        ev->type = BLE_HCI_HOST_EV_NONE;
        return BLE_OK;
    }
    case BLE_HCI_EVT_DISCONNECTION_COMPLETE_: { /* 7.7.5: the handle's buffers return */
        uint8_t status = ble_rd_u8(&r);
        uint16_t handle = ble_rd_u16(&r) & 0x0FFF;
        (void)ble_rd_u8(&r);
        if (ble_rd_end(&r) == BLE_OK && status == BLE_HCI_SUCCESS)
            ble_hci_host_handle_closed(h, handle);
        return BLE_OK; /* the application sees it too */
    }
    default:
        return BLE_OK;
    }
}

BLE_DEF void ble_hci_host_on_timer(struct ble_hci_host *h, uint32_t now_ms, struct ble_hci_host_event *ev)
{
    size_t i;
    ble_memset(ev, 0, sizeof(*ev));
    ev->type = BLE_HCI_HOST_EV_NONE;
    for (i = 0; i < BLE_CFG_HCI_MAX_PENDING; i++) {
        struct ble_hci_host_pending *p = &h->pending[i];
        if (!p->opcode || !ble_time_reached(now_ms, p->deadline))
            continue;
        h->stats.cmd_timeouts++;
        ev->opcode = p->opcode;
        ev->err = BLE_ERR_TIMEOUT;
        p->opcode = 0;
        /* the controller lost it: allow one command again */
        if (!h->credits)
            h->credits = 1;
        if (!p->app && h->state > BLE_HCI_HOST_IDLE && h->state < BLE_HCI_HOST_READY) {
            h->state = BLE_HCI_HOST_FAILED;
            h->cmd_ready = 0;
            ev->type = BLE_HCI_HOST_EV_FAILED;
        } else {
            ev->type = BLE_HCI_HOST_EV_CMD_TIMEOUT;
        }
        return; /* one event per call: call again for the next */
    }
}

BLE_DEF uint32_t ble_hci_host_next_deadline(const struct ble_hci_host *h)
{
    uint32_t d = BLE_NO_DEADLINE;
    size_t i;
    for (i = 0; i < BLE_CFG_HCI_MAX_PENDING; i++)
        if (h->pending[i].opcode)
            d = ble_deadline_min(d, h->pending[i].deadline);
    return d;
}

BLE_DEF int ble_hci_host_acl_can_send(const struct ble_hci_host *h)
{
    return h->state == BLE_HCI_HOST_READY && h->acl_free ? BLE_OK : BLE_ERR_AGAIN;
}

BLE_DEF int ble_hci_host_iso_can_send(const struct ble_hci_host *h)
{
    return h->state == BLE_HCI_HOST_READY && h->iso_free ? BLE_OK : BLE_ERR_AGAIN;
}

static int ble_hci_host_sent_(struct ble_hci_host *h, uint16_t handle, uint8_t iso)
{
    struct ble_hci_host_handle *e;
    size_t i;
    if (!ble_hci_handle_valid(handle))
        return BLE_ERR_RANGE;
    if ((iso ? ble_hci_host_iso_can_send(h) : ble_hci_host_acl_can_send(h)) != BLE_OK)
        return BLE_ERR_AGAIN;
    e = ble_hci_host_handle_(h, handle);
    if (e && e->iso != iso)
        return BLE_ERR_PARAM; /* an ACL handle used for ISO or the reverse */
    for (i = 0; i < BLE_CFG_HCI_MAX_HANDLES && !e; i++)
        if (!h->handles[i].used) {
            e = &h->handles[i];
            e->used = 1;
            e->handle = handle;
            e->iso = iso;
            e->in_flight = 0;
        }
    if (!e)
        return BLE_ERR_FULL;
    e->in_flight++;
    if (iso)
        h->iso_free--;
    else
        h->acl_free--;
    return BLE_OK;
}

BLE_DEF int ble_hci_host_acl_sent(struct ble_hci_host *h, uint16_t handle)
{
    return ble_hci_host_sent_(h, handle, 0);
}

BLE_DEF int ble_hci_host_iso_sent(struct ble_hci_host *h, uint16_t handle)
{
    return ble_hci_host_sent_(h, handle, 1);
}

BLE_DEF void ble_hci_host_handle_closed(struct ble_hci_host *h, uint16_t handle)
{
    struct ble_hci_host_handle *e = ble_hci_host_handle_(h, handle);
    if (!e)
        return;
    ble_hci_host_release_(h, e, e->in_flight);
    e->used = 0;
}

BLE_DEF unsigned ble_hci_host_in_flight(const struct ble_hci_host *h, uint16_t handle)
{
    size_t i;
    for (i = 0; i < BLE_CFG_HCI_MAX_HANDLES; i++)
        if (h->handles[i].used && h->handles[i].handle == handle)
            return h->handles[i].in_flight;
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
