/* blekit GATT client (Core 6.0 Vol 3 Part G 4): the procedures a client runs
 * over one ATT bearer, as a state machine that sends requests, checks every
 * response against the request it answers, and streams the results out as
 * events into caller storage.
 * SPDX-License-Identifier: Apache-2.0
 *
 * One struct ble_gatt_cli per ATT bearer (the connection's CID 4):
 *
 *     ble_gatt_cli_init(&c, &cfg);             MTU limit, caller storage
 *     ble_gatt_cli_discover_services(&c, now); one procedure at a time ...
 *     ble_gatt_cli_on_pdu(&c, now, pdu, len);  responses, notifications,
 *                                              indications from the server
 *     while ((n = ble_gatt_cli_poll_tx(&c, buf, sizeof buf)) > 0) send(buf, n);
 *     while (ble_gatt_cli_poll_event(&c, &ev) == BLE_OK) handle(&ev);
 *     ble_gatt_cli_on_timer(&c, now);          at ble_gatt_cli_next_deadline()
 *
 * ROUTING: on a bearer where both devices are client and server, responses,
 * notifications and indications go to the client (ble_gatt_cli_on_pdu), and
 * requests, commands and confirmations to the server (ble_att_op_type()
 * tells them apart).
 *
 * ONE REQUEST OUTSTANDING (Vol 3 Part F 3.3.2): a procedure start returns
 * BLE_ERR_BUSY until the previous procedure's DONE event has been pulled.
 * Every started procedure ends with exactly one BLE_GATT_CLI_EV_DONE event
 * carrying the ATT error code (status, 0 on success) or a kit error (err).
 * Write Without Response and Signed Write Without Response are commands:
 * they queue one PDU and end there, with no DONE.
 *
 * RESULTS: the client keeps a copy of the current response in cfg.buf; each
 * poll_event gives one result of it (a service, an include, a characteristic,
 * a descriptor, a value) with views into that copy, valid until the next
 * poll_event call. The next request of a multi-request procedure is built only
 * when every result of the current response has been pulled, so the caller's
 * pace is the flow control.
 *
 * NOTIFICATIONS AND INDICATIONS are copied into the caller's ring (cfg.ntf)
 * when they arrive and given out in order; an indication is confirmed when the
 * caller has pulled it. One that does not fit is counted and reported by an
 * EV_LOST event (an indication that does not fit is still confirmed, so that
 * the server's transaction does not time out, and reported the same way).
 *
 * THE TRANSACTION TIMER (Vol 3 Part F 3.3.3) runs for each request from the
 * latest `now` the client was given when the request is pulled by poll_tx;
 * after BLE_CFG_GATT_TIMEOUT_MS without a response the procedure ends with
 * err BLE_ERR_TIMEOUT and the bearer is dead: every later call returns
 * BLE_ERR_TIMEOUT and nothing is sent again (events already queued are still
 * given out).
 *
 * A RESPONSE THAT DOES NOT ANSWER the outstanding request (another opcode, an
 * Error Response naming another request, malformed, longer than ATT_MTU,
 * handles that do not increase or leave the requested range, a Length or
 * Format the procedure cannot have, a Prepare Write echo that differs) ends the
 * procedure with err set (BLE_ERR_PROTOCOL, BLE_ERR_MALFORMED, ...), counted
 * in stats.bad_responses. Prepared writes are then cancelled first
 * (Execute Write Request, Flags 0x00).
 */
#ifndef BLE_H
#error "include ble.h, not layers/gatt_client.h"
#endif

#ifndef BLE_GATT_CLIENT_H
#define BLE_GATT_CLIENT_H

#ifdef __cplusplus
extern "C" {
#endif

/* The procedures (Vol 3 Part G section), as events name them. */
enum ble_gatt_cli_proc {
    BLE_GATT_CLI_P_NONE = 0,
    BLE_GATT_CLI_P_MTU,               /* 4.3.1 Exchange MTU */
    BLE_GATT_CLI_P_DISC_ALL_SVC,      /* 4.4.1 Discover All Primary Services */
    BLE_GATT_CLI_P_DISC_SVC_UUID,     /* 4.4.2 Discover Primary Service by Service UUID */
    BLE_GATT_CLI_P_FIND_INCLUDED,     /* 4.5.1 Find Included Services */
    BLE_GATT_CLI_P_DISC_ALL_CHRC,     /* 4.6.1 Discover All Characteristics of a Service */
    BLE_GATT_CLI_P_DISC_CHRC_UUID,    /* 4.6.2 Discover Characteristics by UUID */
    BLE_GATT_CLI_P_DISC_DESC,         /* 4.7.1 Discover All Characteristic Descriptors */
    BLE_GATT_CLI_P_READ,              /* 4.8.1, 4.12.1 Read Characteristic Value / Descriptor */
    BLE_GATT_CLI_P_READ_UUID,         /* 4.8.2 Read Using Characteristic UUID */
    BLE_GATT_CLI_P_READ_LONG,         /* 4.8.3, 4.12.2 Read Long Characteristic Values / Descriptors */
    BLE_GATT_CLI_P_READ_MULTIPLE,     /* 4.8.4 Read Multiple Characteristic Values */
    BLE_GATT_CLI_P_READ_MULTIPLE_VAR, /* 4.8.5 Read Multiple Variable Length Characteristic Values */
    BLE_GATT_CLI_P_WRITE,             /* 4.9.3, 4.12.3 Write Characteristic Value / Descriptor */
    BLE_GATT_CLI_P_WRITE_LONG,        /* 4.9.4, 4.12.4 Write Long Characteristic Values / Descriptors */
    BLE_GATT_CLI_P_RELIABLE_WRITE,    /* 4.9.5 Reliable Writes */
    BLE_GATT_CLI_P_SUBSCRIBE,         /* 4.10, 4.11 via 4.12.3: the CCCD written */
    BLE_GATT_CLI_P_COUNT_
};

enum ble_gatt_cli_ev_type {
    BLE_GATT_CLI_EV_SERVICE = 1,   /* handle (start), end_handle, uuid */
    BLE_GATT_CLI_EV_INCLUDE,       /* handle (the include declaration), start_handle,
                                      end_handle and uuid of the included service */
    BLE_GATT_CLI_EV_CHARACTERISTIC,/* handle (declaration), props, value_handle, uuid */
    BLE_GATT_CLI_EV_DESCRIPTOR,    /* handle, uuid */
    BLE_GATT_CLI_EV_VALUE,         /* handle, offset, data; Read Multiple: handle 0 and
                                      the concatenated values; Read Multiple Variable:
                                      value = the declared length (data may be shorter) */
    BLE_GATT_CLI_EV_NOTIFICATION,  /* handle, data (also each value of a Multiple Handle
                                      Value Notification) */
    BLE_GATT_CLI_EV_INDICATION,    /* handle, data; confirmed once pulled */
    BLE_GATT_CLI_EV_LOST,          /* count: notifications, value: indications that did
                                      not fit cfg.ntf since the last EV_LOST */
    BLE_GATT_CLI_EV_DONE           /* proc ended: status (ATT error, 0 success), err (BLE_OK
                                      or a ble_err), handle (the Error Response's handle),
                                      value (the ATT_MTU after an Exchange MTU) */
};

struct ble_gatt_cli_event {
    uint8_t type;          /* enum ble_gatt_cli_ev_type */
    uint8_t proc;          /* enum ble_gatt_cli_proc (NONE for notifications) */
    uint8_t status;        /* DONE: the ATT error code, 0 on success */
    uint8_t props;         /* CHARACTERISTIC: Characteristic Properties */
    int err;               /* DONE: BLE_OK, or why the procedure failed */
    uint16_t handle;
    uint16_t start_handle; /* INCLUDE */
    uint16_t end_handle;   /* SERVICE, INCLUDE */
    uint16_t value_handle; /* CHARACTERISTIC */
    uint16_t offset;       /* VALUE */
    uint16_t value;
    uint32_t count;        /* LOST */
    struct ble_uuid uuid;
    struct ble_view data;  /* valid until the next poll_event call */
};

struct ble_gatt_cli_stats {
    uint32_t bad_responses;     /* responses that ended a procedure with err set */
    uint32_t unexpected_pdus;   /* responses with no request outstanding; requests,
                                   commands, confirmations, unknown opcodes */
    uint32_t bad_notifications; /* malformed or longer than ATT_MTU (dropped, not confirmed) */
    uint32_t lost_notifications;/* did not fit cfg.ntf (reported by EV_LOST) */
    uint32_t lost_indications;  /* did not fit cfg.ntf (confirmed, reported by EV_LOST) */
    uint32_t echo_mismatches;   /* Prepare Write Responses that differ from the request */
    uint32_t after_timeout;     /* PDUs received after the transaction timeout */
};

/* One write of a Reliable Writes procedure (4.9.5): value[0..len) at handle,
 * from offset 0. The caller's memory stays valid until DONE. */
struct ble_gatt_cli_write_item {
    uint16_t handle;
    uint16_t len;
    const uint8_t *value;
};

/* Signed Write signer: writes into sig the 12-octet signature (SignCounter
 * and MAC, Vol 3 Part H 2.4.5) of msg (opcode, handle, value); 0 on success.
 * Pure: it must not call the kit. */
typedef int (*ble_gatt_cli_sign_fn)(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig);

struct ble_gatt_cli_cfg {
    uint16_t mtu_max;        /* our Rx MTU, 23..BLE_ATT_VALUE_MAX+5 (0: 23) */
    uint8_t *buf;            /* BLE_GATT_CLI_BUF_SIZE(mtu_max) octets */
    size_t buf_len;
    uint8_t *ntf;            /* the notification ring: at least BLE_GATT_CLI_NTF_MIN(mtu_max) */
    size_t ntf_len;
    uint32_t timeout_ms;     /* 0: BLE_CFG_GATT_TIMEOUT_MS */
    ble_gatt_cli_sign_fn sign; /* NULL: no Signed Write */
    void *sign_ctx;
};
/* Octets of cfg.buf: the outstanding request, the response copy, a command. */
#define BLE_GATT_CLI_BUF_SIZE(mtu) (3u * (size_t)(mtu))
/* Octets one notification takes in the ring (a 6-octet header, the value). */
#define BLE_GATT_CLI_NTF_ENTRY(value_len) (6u + (size_t)(value_len))
/* The least ring: one notification of the largest value (ATT_MTU - 3). */
#define BLE_GATT_CLI_NTF_MIN(mtu) BLE_GATT_CLI_NTF_ENTRY((size_t)(mtu) - 3u)

struct ble_gatt_cli {
    struct ble_gatt_cli_cfg cfg;
    uint16_t mtu;            /* the ATT_MTU now */
    uint8_t mtu_done;        /* Exchange MTU started (once per connection, G 4.3.1) */
    uint8_t dead;            /* transaction timeout: no more ATT traffic (F 3.3.3) */
    uint8_t proc;            /* enum ble_gatt_cli_proc, NONE when idle */
    uint8_t phase;           /* what the procedure waits for */
    uint8_t req_op;          /* the request in the request buffer */
    uint8_t cancelling;      /* an Execute Write cancel is on its way */
    uint8_t inc_ready;       /* an include's 128-bit UUID was read: its event is next */
    uint8_t more;            /* Read Long: the last part was full */
    uint8_t status;          /* DONE to give: ATT error code ... */
    int err;                 /* ... or kit error */
    uint16_t err_handle;
    uint16_t req_len, rsp_len, rsp_pos, rsp_idx;
    uint16_t cmd_len;
    uint16_t cfm_pending;    /* confirmations to send */
    uint32_t deadline;
    uint32_t now;            /* the latest time given */
    /* the procedure's parameters */
    uint32_t next;           /* discovery: the next request's starting handle */
    uint16_t end;            /* discovery: the range's end */
    uint16_t handle;         /* read / write long: the handle */
    uint32_t offset;         /* read / write long: the next offset */
    struct ble_uuid uuid;    /* searched type */
    const uint8_t *wval;     /* write long value */
    uint16_t wlen, wpos;     /* its length, the octets prepared and checked */
    uint16_t chunk;          /* octets in the Prepare Write in flight */
    uint8_t wdone;           /* the current value is wholly prepared */
    const struct ble_gatt_cli_write_item *items;
    size_t items_n, item;
    uint16_t inc_decl, inc_start, inc_end;
    uint16_t part_off;       /* Read Long: the offset of the part in the response copy */
    /* the notification ring */
    size_t r, w, wrap_end, hold;
    uint8_t wrapped;
    uint32_t lost_ntf, lost_ind; /* not reported yet */
    struct ble_gatt_cli_stats stats;
};

/* Checks the storage and starts a bearer: ATT_MTU 23, idle. BLE_OK;
 * BLE_ERR_NO_SPACE (storage too small), BLE_ERR_PARAM. */
BLE_API int ble_gatt_cli_init(struct ble_gatt_cli *c, const struct ble_gatt_cli_cfg *cfg);
/* Every procedure start below returns BLE_OK (a request is queued for
 * poll_tx), BLE_ERR_BUSY (a procedure has not given its DONE yet),
 * BLE_ERR_PARAM, BLE_ERR_TOO_LONG (does not fit the ATT_MTU or 512 octets),
 * BLE_ERR_STATE, or BLE_ERR_TIMEOUT (the bearer is dead). */
/* 4.3.1: our Rx MTU (cfg.mtu_max); once per connection (BLE_ERR_STATE after). */
BLE_API int ble_gatt_cli_exchange_mtu(struct ble_gatt_cli *c, uint32_t now);
/* 4.4.1: every primary service, EV_SERVICE each. */
BLE_API int ble_gatt_cli_discover_services(struct ble_gatt_cli *c, uint32_t now);
/* 4.4.2: the primary services of one UUID (16- or 128-bit; 32-bit is sent as 128). */
BLE_API int ble_gatt_cli_discover_services_by_uuid(struct ble_gatt_cli *c, uint32_t now, const struct ble_uuid *uuid);
/* 4.5.1: the includes of the service start..end, EV_INCLUDE each (a Read Request
 * fetches the UUID of an included service with a 128-bit UUID). */
BLE_API int ble_gatt_cli_find_included(struct ble_gatt_cli *c, uint32_t now, uint16_t start, uint16_t end);
/* 4.6.1 / 4.6.2: characteristics in start..end, all or of one UUID. */
BLE_API int ble_gatt_cli_discover_characteristics(struct ble_gatt_cli *c, uint32_t now, uint16_t start,
                                                  uint16_t end, const struct ble_uuid *uuid /* NULL: all */);
/* 4.7.1: descriptors in start..end (the value handle + 1 .. the characteristic's end). */
BLE_API int ble_gatt_cli_discover_descriptors(struct ble_gatt_cli *c, uint32_t now, uint16_t start, uint16_t end);
/* 4.8.1: one EV_VALUE of at most ATT_MTU - 1 octets. */
BLE_API int ble_gatt_cli_read(struct ble_gatt_cli *c, uint32_t now, uint16_t handle);
/* 4.8.2: one Read By Type Request over start..end; EV_VALUE for each handle-value
 * pair of its response (values cut at ATT_MTU - 4: read the rest with read_long). */
BLE_API int ble_gatt_cli_read_by_uuid(struct ble_gatt_cli *c, uint32_t now, uint16_t start, uint16_t end,
                                      const struct ble_uuid *uuid);
/* 4.8.3: Read Request (or Read Blob Request when offset > 0), then Read Blob
 * Requests until a part shorter than ATT_MTU - 1; EV_VALUE per part. */
BLE_API int ble_gatt_cli_read_long(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, uint16_t offset);
/* 4.8.4 / 4.8.5: two or more handles (copied; the request must fit the ATT_MTU). */
BLE_API int ble_gatt_cli_read_multiple(struct ble_gatt_cli *c, uint32_t now, const uint16_t *handles, size_t n);
BLE_API int ble_gatt_cli_read_multiple_variable(struct ble_gatt_cli *c, uint32_t now, const uint16_t *handles,
                                                size_t n);
/* 4.9.1: Write Command of at most ATT_MTU - 3 octets; BLE_ERR_BUSY while the
 * previous command is unsent. No DONE. */
BLE_API int ble_gatt_cli_write_cmd(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, const uint8_t *value,
                                   size_t len);
/* 4.9.2: Signed Write Command (cfg.sign signs it; BLE_ERR_STATE without one),
 * at most ATT_MTU - 15 octets. No DONE. */
BLE_API int ble_gatt_cli_signed_write(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, const uint8_t *value,
                                      size_t len);
/* 4.9.3: Write Request of at most ATT_MTU - 3 octets (copied). */
BLE_API int ble_gatt_cli_write(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, const uint8_t *value,
                               size_t len);
/* 4.9.4: Prepare Write Requests of ATT_MTU - 5 octets from offset, each echo
 * checked, then Execute Write. value stays valid until DONE. */
BLE_API int ble_gatt_cli_write_long(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, uint16_t offset,
                                    const uint8_t *value, size_t len);
/* 4.9.5: every write prepared and its echo checked, then executed; a
 * mismatch cancels them all (Execute Write, Flags 0x00) and ends with
 * BLE_ERR_PROTOCOL. items stay valid until DONE. */
BLE_API int ble_gatt_cli_reliable_write(struct ble_gatt_cli *c, uint32_t now, const struct ble_gatt_cli_write_item *items,
                                        size_t n);
/* 4.10, 4.11, 4.12.3: writes the CCCD at cccd_handle: bit 0 notifications,
 * bit 1 indications, 0 unsubscribes. */
BLE_API int ble_gatt_cli_subscribe(struct ble_gatt_cli *c, uint32_t now, uint16_t cccd_handle, uint16_t bits);

/* One ATT PDU from the server (a response, a notification, an indication):
 * BLE_OK whatever the PDU (a result, a DONE, or a counted ignore);
 * BLE_ERR_TIMEOUT on a dead bearer; BLE_ERR_PARAM. */
BLE_API int ble_gatt_cli_on_pdu(struct ble_gatt_cli *c, uint32_t now, const uint8_t *pdu, size_t len);
/* The next PDU to send (a confirmation, a command, the request): its length;
 * BLE_ERR_AGAIN when none; BLE_ERR_NO_SPACE when cap is short (kept);
 * BLE_ERR_TIMEOUT on a dead bearer. */
BLE_API int ble_gatt_cli_poll_tx(struct ble_gatt_cli *c, uint8_t *buf, size_t cap);
/* The next event: BLE_OK; BLE_ERR_AGAIN when none (BLE_ERR_TIMEOUT when none
 * and the bearer is dead). Views stay valid until the next call. */
BLE_API int ble_gatt_cli_poll_event(struct ble_gatt_cli *c, struct ble_gatt_cli_event *ev);
/* Time passing: BLE_OK; BLE_ERR_TIMEOUT once the bearer is dead. */
BLE_API int ble_gatt_cli_on_timer(struct ble_gatt_cli *c, uint32_t now);
BLE_API uint32_t ble_gatt_cli_next_deadline(const struct ble_gatt_cli *c);
/* The procedure's name ("Discover All Primary Services"), "" without names. */
BLE_API const char *ble_gatt_cli_proc_name(unsigned proc);

#ifdef __cplusplus
}
#endif

#endif /* BLE_GATT_CLIENT_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_GATT_CLIENT_IMPL)
#define BLE_GATT_CLIENT_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* What the procedure waits for. */
enum {
    BLE_GATT_CLI_PH_IDLE_ = 0,
    BLE_GATT_CLI_PH_QUEUED_,  /* the request is built, poll_tx has not taken it */
    BLE_GATT_CLI_PH_WAIT_,    /* sent; the transaction timer runs */
    BLE_GATT_CLI_PH_RESULTS_, /* the response copy is being given out */
    BLE_GATT_CLI_PH_DONE_     /* the DONE event is next */
};
#define BLE_GATT_CLI_HDR_ 6u /* ring entry: type, 0, handle, length */

static uint8_t *ble_gatt_cli_req_(struct ble_gatt_cli *c) { return c->cfg.buf; }
static uint8_t *ble_gatt_cli_rsp_(struct ble_gatt_cli *c) { return c->cfg.buf + c->cfg.mtu_max; }
static uint8_t *ble_gatt_cli_cmd_(struct ble_gatt_cli *c) { return c->cfg.buf + 2u * c->cfg.mtu_max; }

BLE_DEF const char *ble_gatt_cli_proc_name(unsigned proc)
{
#if BLE_CFG_NAMES
    static const char *const names[BLE_GATT_CLI_P_COUNT_] = {
        "None", "Exchange MTU", "Discover All Primary Services", "Discover Primary Service by Service UUID",
        "Find Included Services", "Discover All Characteristics of a Service", "Discover Characteristics by UUID",
        "Discover All Characteristic Descriptors", "Read Characteristic Value", "Read Using Characteristic UUID",
        "Read Long Characteristic Values", "Read Multiple Characteristic Values",
        "Read Multiple Variable Length Characteristic Values", "Write Characteristic Value",
        "Write Long Characteristic Values", "Reliable Writes", "Write Client Characteristic Configuration"
    };
    return proc < BLE_GATT_CLI_P_COUNT_ ? names[proc] : "";
#else
    (void)proc;
    return "";
#endif
}

BLE_DEF int ble_gatt_cli_init(struct ble_gatt_cli *c, const struct ble_gatt_cli_cfg *cfg)
{
    uint16_t mtu;
    if (!c || !cfg)
        return BLE_ERR_PARAM;
    mtu = cfg->mtu_max ? cfg->mtu_max : (uint16_t)BLE_ATT_MTU_MIN;
    if (mtu < BLE_ATT_MTU_MIN || mtu > BLE_ATT_VALUE_MAX + 5)
        return BLE_ERR_PARAM;
    if (!cfg->buf || cfg->buf_len < BLE_GATT_CLI_BUF_SIZE(mtu) || !cfg->ntf ||
        cfg->ntf_len < BLE_GATT_CLI_NTF_MIN(mtu))
        return BLE_ERR_NO_SPACE;
    ble_memset(c, 0, sizeof *c);
    c->cfg = *cfg;
    c->cfg.mtu_max = mtu;
    if (!c->cfg.timeout_ms)
        c->cfg.timeout_ms = BLE_CFG_GATT_TIMEOUT_MS;
    c->mtu = BLE_ATT_MTU_MIN;
    c->deadline = BLE_NO_DEADLINE;
    return BLE_OK;
}

/* ---- Requests ---- */

static void ble_gatt_cli_queue_(struct ble_gatt_cli *c, size_t len)
{
    c->req_op = ble_gatt_cli_req_(c)[0];
    c->req_len = (uint16_t)len;
    c->phase = BLE_GATT_CLI_PH_QUEUED_;
}

static void ble_gatt_cli_finish_(struct ble_gatt_cli *c, uint8_t status, int err)
{
    c->status = status;
    c->err = err;
    c->phase = BLE_GATT_CLI_PH_DONE_;
    c->deadline = BLE_NO_DEADLINE;
}

/* A range request: opcode, start, end, and a UUID type when uuid is set. */
static void ble_gatt_cli_range_req_(struct ble_gatt_cli *c, uint8_t op, const struct ble_uuid *type,
                                    const struct ble_uuid *value)
{
    uint8_t *q = ble_gatt_cli_req_(c);
    size_t n = 5;
    q[0] = op;
    ble_put_le16(q + 1, (uint16_t)c->next);
    ble_put_le16(q + 3, c->end);
    if (type)
        n += (size_t)ble_att_uuid_wire(type, q + n);
    if (value)
        n += (size_t)ble_att_uuid_wire(value, q + n);
    ble_gatt_cli_queue_(c, n);
}

/* The request that continues the procedure (or its DONE). */
static void ble_gatt_cli_step_(struct ble_gatt_cli *c)
{
    struct ble_uuid t;
    uint8_t *q = ble_gatt_cli_req_(c);
    switch (c->proc) {
    case BLE_GATT_CLI_P_DISC_ALL_SVC: /* 4.4.1 */
    case BLE_GATT_CLI_P_DISC_SVC_UUID: /* 4.4.2 */
    case BLE_GATT_CLI_P_FIND_INCLUDED: /* 4.5.1 */
    case BLE_GATT_CLI_P_DISC_ALL_CHRC: /* 4.6.1 */
    case BLE_GATT_CLI_P_DISC_CHRC_UUID: /* 4.6.2 */
    case BLE_GATT_CLI_P_DISC_DESC: /* 4.7.1 */
        if (c->next > c->end) { /* the last handle was the range's end (0xFFFF at most) */
            ble_gatt_cli_finish_(c, 0, BLE_OK);
            return;
        }
        t = ble_uuid16(c->proc == BLE_GATT_CLI_P_FIND_INCLUDED ? BLE_GATT_UUID_INCLUDE
                       : c->proc <= BLE_GATT_CLI_P_DISC_SVC_UUID ? BLE_GATT_UUID_PRIMARY_SERVICE
                                                                 : BLE_GATT_UUID_CHARACTERISTIC);
        if (c->proc == BLE_GATT_CLI_P_DISC_ALL_SVC)
            ble_gatt_cli_range_req_(c, BLE_ATT_READ_BY_GROUP_TYPE_REQ, &t, 0);
        else if (c->proc == BLE_GATT_CLI_P_DISC_SVC_UUID)
            ble_gatt_cli_range_req_(c, BLE_ATT_FIND_BY_TYPE_VALUE_REQ, &t, &c->uuid);
        else if (c->proc == BLE_GATT_CLI_P_DISC_DESC)
            ble_gatt_cli_range_req_(c, BLE_ATT_FIND_INFORMATION_REQ, 0, 0);
        else
            ble_gatt_cli_range_req_(c, BLE_ATT_READ_BY_TYPE_REQ, &t, 0);
        return;
    case BLE_GATT_CLI_P_READ_LONG: /* 4.8.3: until a part shorter than ATT_MTU - 1 */
        if (!c->more) {
            ble_gatt_cli_finish_(c, 0, BLE_OK);
            return;
        }
        if (c->offset > BLE_ATT_VALUE_MAX) { /* longer than any attribute (F 3.2.9) */
            c->stats.bad_responses++;
            ble_gatt_cli_finish_(c, 0, BLE_ERR_TOO_LONG);
            return;
        }
        q[0] = BLE_ATT_READ_BLOB_REQ;
        ble_put_le16(q + 1, c->handle);
        ble_put_le16(q + 3, (uint16_t)c->offset);
        ble_gatt_cli_queue_(c, 5);
        return;
    case BLE_GATT_CLI_P_WRITE_LONG: /* 4.9.4 */
    case BLE_GATT_CLI_P_RELIABLE_WRITE: { /* 4.9.5 */
        size_t room = (size_t)c->mtu - 5, left;
        if (c->wdone && c->proc == BLE_GATT_CLI_P_RELIABLE_WRITE && c->item + 1 < c->items_n) {
            c->item++; /* the next value, from offset 0 */
            c->handle = c->items[c->item].handle;
            c->wval = c->items[c->item].value;
            c->wlen = c->items[c->item].len;
            c->wpos = 0;
            c->wdone = 0;
        }
        if (c->wdone) { /* every part is queued and its echo checked */
            q[0] = BLE_ATT_EXECUTE_WRITE_REQ;
            q[1] = BLE_ATT_EXEC_WRITE;
            ble_gatt_cli_queue_(c, 2);
            return;
        }
        left = (size_t)c->wlen - c->wpos;
        c->chunk = (uint16_t)(left < room ? left : room);
        q[0] = BLE_ATT_PREPARE_WRITE_REQ;
        ble_put_le16(q + 1, c->handle);
        ble_put_le16(q + 3, (uint16_t)(c->offset + c->wpos));
        if (c->chunk)
            ble_memcpy(q + 5, c->wval + c->wpos, c->chunk);
        ble_gatt_cli_queue_(c, 5u + c->chunk);
        return;
    }
    default:
        ble_gatt_cli_finish_(c, 0, BLE_OK);
        return;
    }
}

/* Prepared writes may be queued on the server: cancel them (4.9.4, 4.9.5),
 * then end with status / err. */
static void ble_gatt_cli_cancel_(struct ble_gatt_cli *c, uint8_t status, int err, uint16_t h)
{
    uint8_t *q = ble_gatt_cli_req_(c);
    c->status = status;
    c->err = err;
    c->err_handle = h;
    c->cancelling = 1;
    q[0] = BLE_ATT_EXECUTE_WRITE_REQ;
    q[1] = BLE_ATT_EXEC_CANCEL;
    ble_gatt_cli_queue_(c, 2);
}

/* A response that does not answer the request ends the procedure. */
static void ble_gatt_cli_bad_(struct ble_gatt_cli *c, int err)
{
    c->stats.bad_responses++;
    if (c->req_op == BLE_ATT_PREPARE_WRITE_REQ)
        ble_gatt_cli_cancel_(c, 0, err, 0);
    else
        ble_gatt_cli_finish_(c, 0, err);
}

/* An Error Response to the outstanding request. */
static void ble_gatt_cli_error_(struct ble_gatt_cli *c, uint8_t code, uint16_t h)
{
    c->err_handle = h;
    switch (c->proc) {
    case BLE_GATT_CLI_P_DISC_ALL_SVC:
    case BLE_GATT_CLI_P_DISC_SVC_UUID:
    case BLE_GATT_CLI_P_FIND_INCLUDED:
    case BLE_GATT_CLI_P_DISC_ALL_CHRC:
    case BLE_GATT_CLI_P_DISC_CHRC_UUID:
    case BLE_GATT_CLI_P_DISC_DESC:
        /* 4.4.1 - 4.7.1: Attribute Not Found completes the discovery; the
         * Read Request for an included service's UUID is no discovery step */
        if (code == BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND && c->req_op != BLE_ATT_READ_REQ) {
            c->err_handle = 0;
            ble_gatt_cli_finish_(c, 0, BLE_OK);
            return;
        }
        break;
    case BLE_GATT_CLI_P_READ_LONG:
        /* 4.8.3: a value of exactly ATT_MTU - 1 octets ends on Attribute Not Long */
        if (code == BLE_ATT_ERR_ATTRIBUTE_NOT_LONG && c->req_op == BLE_ATT_READ_BLOB_REQ && c->rsp_idx) {
            c->err_handle = 0;
            ble_gatt_cli_finish_(c, 0, BLE_OK);
            return;
        }
        break;
    case BLE_GATT_CLI_P_WRITE_LONG:
    case BLE_GATT_CLI_P_RELIABLE_WRITE:
        if (c->req_op == BLE_ATT_PREPARE_WRITE_REQ) {
            ble_gatt_cli_cancel_(c, code, BLE_OK, h);
            return;
        }
        break;
    default:
        break;
    }
    ble_gatt_cli_finish_(c, code, BLE_OK);
}

/* Checks a list response against the request before anything of it is
 * given out: elements of a size the procedure can have, handles inside the
 * requested range and increasing. Sets *next past the last one. */
static int ble_gatt_cli_check_list_(const struct ble_gatt_cli *c, const struct ble_att_pdu *p, uint32_t *next)
{
    struct ble_att_iter it;
    struct ble_view v;
    struct ble_uuid u;
    uint32_t min = c->next;
    uint16_t h, e;
    size_t k;
    switch (p->opcode) {
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP: /* 4.4.1: Length 6 or 20 */
        if (p->p.read_by_group_type_rsp.length != 6 && p->p.read_by_group_type_rsp.length != 20)
            return BLE_ERR_PROTOCOL;
        ble_att_read_by_group_type_rsp_iter(&it, &p->p.read_by_group_type_rsp);
        while (ble_att_read_by_group_type_rsp_next(&it, &h, &e, &v) == BLE_OK) {
            if (h < min || e < h || e > c->end)
                return BLE_ERR_PROTOCOL;
            min = (uint32_t)e + 1;
        }
        break;
    case BLE_ATT_FIND_BY_TYPE_VALUE_RSP: /* 4.4.2 */
        for (k = 0; k < p->p.find_by_type_value_rsp.handles_information_list.n; k++) {
            const uint8_t *x = p->p.find_by_type_value_rsp.handles_information_list.raw.p + 4 * k;
            h = ble_get_le16(x);
            e = ble_get_le16(x + 2);
            if (h < min || e < h || e > c->end)
                return BLE_ERR_PROTOCOL;
            min = (uint32_t)e + 1;
        }
        break;
    case BLE_ATT_READ_BY_TYPE_RSP: {
        uint8_t l = p->p.read_by_type_rsp.length;
        if (c->proc == BLE_GATT_CLI_P_FIND_INCLUDED && l != 8 && l != 6) /* 4.5.1 */
            return BLE_ERR_PROTOCOL;
        if (c->proc != BLE_GATT_CLI_P_FIND_INCLUDED && c->proc != BLE_GATT_CLI_P_READ_UUID && l != 7 && l != 21)
            return BLE_ERR_PROTOCOL; /* 4.6.1: properties, value handle, a 2- or 16-octet UUID */
        ble_att_read_by_type_rsp_iter(&it, &p->p.read_by_type_rsp);
        while (ble_att_read_by_type_rsp_next(&it, &h, &v) == BLE_OK) {
            if (h < min || h > c->end)
                return BLE_ERR_PROTOCOL;
            if (c->proc == BLE_GATT_CLI_P_FIND_INCLUDED &&
                (!ble_get_le16(v.p) || ble_get_le16(v.p + 2) < ble_get_le16(v.p)))
                return BLE_ERR_PROTOCOL; /* an included service's range */
            if ((c->proc == BLE_GATT_CLI_P_DISC_ALL_CHRC || c->proc == BLE_GATT_CLI_P_DISC_CHRC_UUID) &&
                (ble_get_le16(v.p + 1) <= h || ble_get_le16(v.p + 1) > c->end))
                return BLE_ERR_PROTOCOL; /* the value follows its declaration, inside the service */
            min = (uint32_t)h + 1;
        }
        break;
    }
    case BLE_ATT_FIND_INFORMATION_RSP: /* 4.7.1 */
        ble_att_find_information_rsp_iter(&it, &p->p.find_information_rsp);
        while (ble_att_find_information_rsp_next(&it, &h, &u) == BLE_OK) {
            if (h < min || h > c->end)
                return BLE_ERR_PROTOCOL;
            min = (uint32_t)h + 1;
        }
        break;
    default:
        return BLE_ERR_PROTOCOL;
    }
    *next = min;
    return BLE_OK;
}

/* Copies a response with results and starts giving them out. */
static void ble_gatt_cli_results_(struct ble_gatt_cli *c, const uint8_t *pdu, size_t len, size_t first)
{
    ble_memcpy(ble_gatt_cli_rsp_(c), pdu, len);
    c->rsp_len = (uint16_t)len;
    c->rsp_pos = (uint16_t)first;
    c->phase = BLE_GATT_CLI_PH_RESULTS_;
}

/* A response (or Error Response) to the outstanding request. */
static void ble_gatt_cli_response_(struct ble_gatt_cli *c, const uint8_t *pdu, size_t len)
{
    struct ble_att_pdu p;
    uint32_t next = 0;
    int rc;
    c->deadline = BLE_NO_DEADLINE;
    if (c->cancelling) { /* the cancel's answer: end with what made us cancel */
        if (!(len == 1 && pdu[0] == BLE_ATT_EXECUTE_WRITE_RSP) &&
            !(len == 5 && pdu[0] == BLE_ATT_ERROR_RSP && pdu[1] == BLE_ATT_EXECUTE_WRITE_REQ))
            c->stats.bad_responses++;
        c->cancelling = 0;
        c->phase = BLE_GATT_CLI_PH_DONE_;
        return;
    }
    if (len > c->mtu) { /* F 3.2.8 */
        ble_gatt_cli_bad_(c, BLE_ERR_TOO_LONG);
        return;
    }
    rc = ble_att_decode(pdu, len, &p);
    if (rc != BLE_OK) {
        ble_gatt_cli_bad_(c, rc);
        return;
    }
    if (p.opcode == BLE_ATT_ERROR_RSP) { /* F 3.4.1.1: it names the request it answers */
        if (p.p.error_rsp.request_opcode_in_error != c->req_op || !p.p.error_rsp.error_code) {
            ble_gatt_cli_bad_(c, BLE_ERR_PROTOCOL);
            return;
        }
        ble_gatt_cli_error_(c, p.p.error_rsp.error_code, p.p.error_rsp.attribute_handle_in_error);
        return;
    }
    if (p.opcode != ble_att_rsp_opcode(c->req_op)) {
        ble_gatt_cli_bad_(c, BLE_ERR_PROTOCOL);
        return;
    }
    switch (p.opcode) {
    case BLE_ATT_EXCHANGE_MTU_RSP: { /* G 4.3.1: the smaller Rx MTU, 23 at least */
        uint16_t m = p.p.exchange_mtu_rsp.server_rx_mtu;
        if (m > c->cfg.mtu_max)
            m = c->cfg.mtu_max;
        c->mtu = m < BLE_ATT_MTU_MIN ? (uint16_t)BLE_ATT_MTU_MIN : m;
        ble_gatt_cli_finish_(c, 0, BLE_OK);
        return;
    }
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP:
    case BLE_ATT_FIND_BY_TYPE_VALUE_RSP:
    case BLE_ATT_READ_BY_TYPE_RSP:
    case BLE_ATT_FIND_INFORMATION_RSP:
        rc = ble_gatt_cli_check_list_(c, &p, &next);
        if (rc) {
            ble_gatt_cli_bad_(c, rc);
            return;
        }
        c->next = next;
        ble_gatt_cli_results_(c, pdu, len, p.opcode == BLE_ATT_FIND_BY_TYPE_VALUE_RSP ? 1 : 2);
        return;
    case BLE_ATT_READ_RSP:
        if (c->proc == BLE_GATT_CLI_P_FIND_INCLUDED) { /* 4.5.1: the included service's 128-bit UUID */
            if (len != 17) {
                ble_gatt_cli_bad_(c, BLE_ERR_PROTOCOL);
                return;
            }
            ble_uuid_from_le(&c->uuid, pdu + 1, 16);
            c->inc_ready = 1;
            c->phase = BLE_GATT_CLI_PH_RESULTS_; /* the copy of the Read By Type Response resumes */
            return;
        }
        /* fall through */
    case BLE_ATT_READ_BLOB_RSP:
        if (c->proc == BLE_GATT_CLI_P_READ_LONG) { /* 4.8.3 */
            c->part_off = (uint16_t)c->offset;
            c->offset += (uint32_t)(len - 1);
            c->more = len == c->mtu;
            c->rsp_idx = 1; /* a part arrived */
        }
        ble_gatt_cli_results_(c, pdu, len, 1);
        return;
    case BLE_ATT_READ_MULTIPLE_RSP:
        ble_gatt_cli_results_(c, pdu, len, 1);
        return;
    case BLE_ATT_READ_MULTIPLE_VARIABLE_RSP: { /* 4.8.5: at most one tuple per handle asked */
        struct ble_att_iter it;
        size_t k = 0;
        ble_att_read_multiple_variable_rsp_iter(&it, &p.p.read_multiple_variable_rsp);
        while (ble_att_read_multiple_variable_rsp_next(&it, 0, 0) == BLE_OK)
            k++;
        if (k > (size_t)(c->req_len - 1) / 2) {
            ble_gatt_cli_bad_(c, BLE_ERR_PROTOCOL);
            return;
        }
        ble_gatt_cli_results_(c, pdu, len, 1);
        c->rsp_idx = 0;
        return;
    }
    case BLE_ATT_PREPARE_WRITE_RSP: /* 4.9.4, 4.9.5: the echo of what was sent */
        if (len != c->req_len || ble_memneq(pdu + 1, ble_gatt_cli_req_(c) + 1, len - 1)) {
            c->stats.echo_mismatches++;
            ble_gatt_cli_bad_(c, BLE_ERR_PROTOCOL);
            return;
        }
        c->wpos = (uint16_t)(c->wpos + c->chunk);
        if (c->wpos >= c->wlen)
            c->wdone = 1;
        ble_gatt_cli_step_(c);
        return;
    default: /* Write Response, Execute Write Response */
        ble_gatt_cli_finish_(c, 0, BLE_OK);
        return;
    }
}

/* The next result of the response copy: 1 with *ev; 0 when all are out;
 * -1 when a request must come first (an included service's UUID). */
static int ble_gatt_cli_result_(struct ble_gatt_cli *c, struct ble_gatt_cli_event *ev)
{
    const uint8_t *r = ble_gatt_cli_rsp_(c), *e;
    size_t l;
    if (c->inc_ready) {
        c->inc_ready = 0;
        ev->type = BLE_GATT_CLI_EV_INCLUDE;
        ev->handle = c->inc_decl;
        ev->start_handle = c->inc_start;
        ev->end_handle = c->inc_end;
        ev->uuid = c->uuid;
        return 1;
    }
    if (r[0] == BLE_ATT_READ_RSP || r[0] == BLE_ATT_READ_BLOB_RSP || r[0] == BLE_ATT_READ_MULTIPLE_RSP) {
        if (c->rsp_pos > c->rsp_len)
            return 0; /* one value, possibly empty, given out */
        l = (size_t)c->rsp_len - c->rsp_pos;
        ev->type = BLE_GATT_CLI_EV_VALUE;
        ev->handle = r[0] == BLE_ATT_READ_MULTIPLE_RSP ? 0 : c->handle;
        ev->offset = c->proc == BLE_GATT_CLI_P_READ_LONG ? c->part_off : 0;
        ev->data = ble_view_make(l ? r + c->rsp_pos : 0, l);
        c->rsp_pos = (uint16_t)(c->rsp_len + 1);
        return 1;
    }
    while (c->rsp_pos < c->rsp_len) {
        e = r + c->rsp_pos;
        switch (r[0]) {
        case BLE_ATT_READ_BY_GROUP_TYPE_RSP:
            l = r[1];
            c->rsp_pos = (uint16_t)(c->rsp_pos + l);
            ev->type = BLE_GATT_CLI_EV_SERVICE;
            ev->handle = ble_get_le16(e);
            ev->end_handle = ble_get_le16(e + 2);
            ble_uuid_from_le(&ev->uuid, e + 4, l - 4);
            return 1;
        case BLE_ATT_FIND_BY_TYPE_VALUE_RSP:
            c->rsp_pos = (uint16_t)(c->rsp_pos + 4);
            ev->type = BLE_GATT_CLI_EV_SERVICE;
            ev->handle = ble_get_le16(e);
            ev->end_handle = ble_get_le16(e + 2);
            ev->uuid = c->uuid;
            return 1;
        case BLE_ATT_READ_BY_TYPE_RSP:
            l = r[1];
            c->rsp_pos = (uint16_t)(c->rsp_pos + l);
            if (c->proc == BLE_GATT_CLI_P_FIND_INCLUDED) {
                if (l == 6) { /* 3.2: no UUID in the declaration: read it (4.5.1) */
                    uint8_t *q = ble_gatt_cli_req_(c);
                    c->inc_decl = ble_get_le16(e);
                    c->inc_start = ble_get_le16(e + 2);
                    c->inc_end = ble_get_le16(e + 4);
                    q[0] = BLE_ATT_READ_REQ;
                    ble_put_le16(q + 1, c->inc_start);
                    ble_gatt_cli_queue_(c, 3);
                    return -1;
                }
                ev->type = BLE_GATT_CLI_EV_INCLUDE;
                ev->handle = ble_get_le16(e);
                ev->start_handle = ble_get_le16(e + 2);
                ev->end_handle = ble_get_le16(e + 4);
                ble_uuid_from_le(&ev->uuid, e + 6, 2);
                return 1;
            }
            if (c->proc == BLE_GATT_CLI_P_READ_UUID) {
                ev->type = BLE_GATT_CLI_EV_VALUE;
                ev->handle = ble_get_le16(e);
                ev->data = ble_view_make(l > 2 ? e + 2 : 0, l - 2);
                return 1;
            }
            ble_uuid_from_le(&ev->uuid, e + 5, l - 5);
            if (c->proc == BLE_GATT_CLI_P_DISC_CHRC_UUID && !ble_uuid_eq(&ev->uuid, &c->uuid))
                continue; /* 4.6.2: only the characteristics of the UUID */
            ev->type = BLE_GATT_CLI_EV_CHARACTERISTIC;
            ev->handle = ble_get_le16(e);
            ev->props = e[2];
            ev->value_handle = ble_get_le16(e + 3);
            return 1;
        case BLE_ATT_FIND_INFORMATION_RSP:
            l = r[1] == BLE_ATT_FORMAT_UUID16 ? 4 : 18;
            c->rsp_pos = (uint16_t)(c->rsp_pos + l);
            ev->type = BLE_GATT_CLI_EV_DESCRIPTOR;
            ev->handle = ble_get_le16(e);
            ble_uuid_from_le(&ev->uuid, e + 2, l - 2);
            return 1;
        case BLE_ATT_READ_MULTIPLE_VARIABLE_RSP: {
            size_t left = (size_t)c->rsp_len - c->rsp_pos, n;
            uint16_t vl = ble_get_le16(e);
            n = vl <= left - 2 ? vl : left - 2; /* the last may be cut at ATT_MTU */
            c->rsp_pos = (uint16_t)(c->rsp_pos + 2 + n);
            ev->type = BLE_GATT_CLI_EV_VALUE;
            ev->handle = ble_get_le16(ble_gatt_cli_req_(c) + 1 + 2 * c->rsp_idx++);
            ev->value = vl;
            ev->data = ble_view_make(n ? e + 2 : 0, n);
            return 1;
        }
        default: /* unreachable: on_pdu copies no other response */
            c->rsp_pos = c->rsp_len;
            return 0;
        }
    }
    return 0;
}

/* ---- The notification ring ---- */

static int ble_gatt_cli_ring_put_(struct ble_gatt_cli *c, uint8_t type, uint16_t h, const uint8_t *v, size_t n)
{
    size_t need = BLE_GATT_CLI_HDR_ + n, at;
    uint8_t *x;
    if (!c->wrapped) {
        if (c->cfg.ntf_len - c->w >= need) {
            at = c->w;
        } else if (c->r >= need) { /* continue at the start; the tail stays unused */
            c->wrap_end = c->w;
            c->wrapped = 1;
            at = 0;
        } else {
            return BLE_ERR_FULL;
        }
    } else if (c->r - c->w >= need) {
        at = c->w;
    } else {
        return BLE_ERR_FULL;
    }
    x = c->cfg.ntf + at;
    x[0] = type;
    x[1] = 0;
    ble_put_le16(x + 2, h);
    ble_put_le16(x + 4, (uint16_t)n);
    if (n)
        ble_memcpy(x + BLE_GATT_CLI_HDR_, v, n);
    c->w = at + need;
    return BLE_OK;
}

static int ble_gatt_cli_ring_get_(struct ble_gatt_cli *c, struct ble_gatt_cli_event *ev)
{
    const uint8_t *x;
    size_t n;
    if (c->wrapped && c->r >= c->wrap_end) {
        c->r = 0;
        c->wrapped = 0;
    }
    if (!c->wrapped && c->r == c->w) {
        c->r = c->w = 0;
        return 0;
    }
    x = c->cfg.ntf + c->r;
    n = ble_get_le16(x + 4);
    ev->type = x[0];
    ev->handle = ble_get_le16(x + 2);
    ev->data = ble_view_make(n ? x + BLE_GATT_CLI_HDR_ : 0, n);
    c->hold = BLE_GATT_CLI_HDR_ + n;
    return 1;
}

/* F 3.4.7.1 - 3.4.7.4, G 4.10, 4.11: notifications and indications. */
static void ble_gatt_cli_ntf_(struct ble_gatt_cli *c, const uint8_t *pdu, size_t len)
{
    struct ble_att_pdu p;
    if (len > c->mtu || ble_att_decode(pdu, len, &p) != BLE_OK) {
        c->stats.bad_notifications++;
        return;
    }
    if (p.opcode == BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF) {
        struct ble_att_iter it;
        struct ble_view v;
        uint16_t h;
        ble_att_multiple_handle_value_ntf_iter(&it, &p.p.multiple_handle_value_ntf);
        while (ble_att_multiple_handle_value_ntf_next(&it, &h, &v) == BLE_OK)
            if (ble_gatt_cli_ring_put_(c, BLE_GATT_CLI_EV_NOTIFICATION, h, v.p, v.len) != BLE_OK) {
                c->stats.lost_notifications++;
                c->lost_ntf++;
            }
        return;
    }
    if (ble_gatt_cli_ring_put_(c, p.opcode == BLE_ATT_HANDLE_VALUE_IND ? BLE_GATT_CLI_EV_INDICATION
                                                                      : BLE_GATT_CLI_EV_NOTIFICATION,
                               p.p.handle_value_ntf.attribute_handle, p.p.handle_value_ntf.attribute_value.p,
                               p.p.handle_value_ntf.attribute_value.len) == BLE_OK)
        return;
    if (p.opcode == BLE_ATT_HANDLE_VALUE_IND) {
        c->stats.lost_indications++;
        c->lost_ind++;
        c->cfm_pending++; /* F 3.4.7.2: else the server's transaction times out */
    } else {
        c->stats.lost_notifications++;
        c->lost_ntf++;
    }
}

/* ---- Entry points ---- */

BLE_DEF int ble_gatt_cli_on_pdu(struct ble_gatt_cli *c, uint32_t now, const uint8_t *pdu, size_t len)
{
    if (!c || (len && !pdu))
        return BLE_ERR_PARAM;
    c->now = now;
    if (c->dead) { /* F 3.3.3: no more ATT traffic after a transaction timeout */
        c->stats.after_timeout++;
        return BLE_ERR_TIMEOUT;
    }
    if (!len) {
        c->stats.unexpected_pdus++;
        return BLE_OK;
    }
    switch (ble_att_op_type(pdu[0])) {
    case BLE_ATT_TYPE_NOTIFICATION:
    case BLE_ATT_TYPE_INDICATION:
        ble_gatt_cli_ntf_(c, pdu, len);
        break;
    case BLE_ATT_TYPE_RESPONSE:
        if (c->phase != BLE_GATT_CLI_PH_WAIT_) {
            c->stats.unexpected_pdus++;
            break;
        }
        ble_gatt_cli_response_(c, pdu, len);
        break;
    default: /* requests, commands and confirmations are the server's */
        c->stats.unexpected_pdus++;
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_poll_tx(struct ble_gatt_cli *c, uint8_t *buf, size_t cap)
{
    if (!c || (cap && !buf))
        return BLE_ERR_PARAM;
    if (c->dead)
        return BLE_ERR_TIMEOUT;
    if (c->cfm_pending) { /* F 3.4.7.3 */
        if (cap < 1)
            return BLE_ERR_NO_SPACE;
        buf[0] = BLE_ATT_HANDLE_VALUE_CFM;
        c->cfm_pending--;
        return 1;
    }
    if (c->cmd_len) {
        int n = c->cmd_len;
        if (cap < c->cmd_len)
            return BLE_ERR_NO_SPACE;
        ble_memcpy(buf, ble_gatt_cli_cmd_(c), c->cmd_len);
        c->cmd_len = 0;
        return n;
    }
    if (c->phase == BLE_GATT_CLI_PH_QUEUED_) {
        if (cap < c->req_len)
            return BLE_ERR_NO_SPACE;
        ble_memcpy(buf, ble_gatt_cli_req_(c), c->req_len);
        c->phase = BLE_GATT_CLI_PH_WAIT_;
        c->deadline = ble_deadline_after(c->now, c->cfg.timeout_ms); /* F 3.3.3 */
        return c->req_len;
    }
    return BLE_ERR_AGAIN;
}

BLE_DEF int ble_gatt_cli_poll_event(struct ble_gatt_cli *c, struct ble_gatt_cli_event *ev)
{
    if (!c || !ev)
        return BLE_ERR_PARAM;
    ble_memset(ev, 0, sizeof *ev);
    if (c->hold) { /* the entry given last is read */
        c->r += c->hold;
        c->hold = 0;
    }
    if (c->lost_ntf || c->lost_ind) {
        ev->type = BLE_GATT_CLI_EV_LOST;
        ev->count = c->lost_ntf;
        ev->value = (uint16_t)(c->lost_ind > 0xFFFFu ? 0xFFFFu : c->lost_ind);
        c->lost_ntf = c->lost_ind = 0;
        return BLE_OK;
    }
    if (ble_gatt_cli_ring_get_(c, ev)) {
        if (ev->type == BLE_GATT_CLI_EV_INDICATION && !c->dead)
            c->cfm_pending++; /* the application has it now (F 3.4.7.3) */
        return BLE_OK;
    }
    ev->proc = c->proc;
    if (c->phase == BLE_GATT_CLI_PH_RESULTS_) {
        int rc = ble_gatt_cli_result_(c, ev);
        if (rc == 1)
            return BLE_OK;
        if (rc == 0)
            ble_gatt_cli_step_(c); /* every result is out: the next request, or DONE */
    }
    if (c->phase == BLE_GATT_CLI_PH_DONE_) {
        ev->type = BLE_GATT_CLI_EV_DONE;
        ev->status = c->status;
        ev->err = c->err;
        ev->handle = c->err_handle;
        ev->value = c->proc == BLE_GATT_CLI_P_MTU ? c->mtu : 0;
        c->proc = BLE_GATT_CLI_P_NONE;
        c->phase = BLE_GATT_CLI_PH_IDLE_;
        return BLE_OK;
    }
    ble_memset(ev, 0, sizeof *ev);
    return c->dead ? BLE_ERR_TIMEOUT : BLE_ERR_AGAIN;
}

BLE_DEF int ble_gatt_cli_on_timer(struct ble_gatt_cli *c, uint32_t now)
{
    if (!c)
        return BLE_ERR_PARAM;
    c->now = now;
    if (c->dead)
        return BLE_ERR_TIMEOUT;
    if (c->phase == BLE_GATT_CLI_PH_WAIT_ && ble_time_reached(now, c->deadline)) {
        /* F 3.3.3: the transaction failed; the bearer carries nothing more */
        c->dead = 1;
        c->cfm_pending = 0;
        c->cmd_len = 0;
        c->cancelling = 0;
        c->err_handle = 0;
        ble_gatt_cli_finish_(c, 0, BLE_ERR_TIMEOUT);
        return BLE_ERR_TIMEOUT;
    }
    return BLE_OK;
}

BLE_DEF uint32_t ble_gatt_cli_next_deadline(const struct ble_gatt_cli *c)
{
    return c && !c->dead && c->phase == BLE_GATT_CLI_PH_WAIT_ ? c->deadline : BLE_NO_DEADLINE;
}

/* ---- Procedure starts ---- */

static int ble_gatt_cli_begin_(struct ble_gatt_cli *c, uint32_t now)
{
    if (!c)
        return BLE_ERR_PARAM;
    c->now = now;
    if (c->dead)
        return BLE_ERR_TIMEOUT;
    if (c->proc)
        return BLE_ERR_BUSY; /* F 3.3.2: one request at a time */
    return BLE_OK;
}

static void ble_gatt_cli_start_(struct ble_gatt_cli *c, uint8_t proc)
{
    c->proc = proc;
    c->status = 0;
    c->err = BLE_OK;
    c->err_handle = 0;
    c->cancelling = 0;
    c->inc_ready = 0;
    c->more = 0;
    c->rsp_len = c->rsp_pos = c->rsp_idx = 0;
}

static int ble_gatt_cli_uuid_ok_(const struct ble_uuid *u)
{
    return u && (u->len == 2 || u->len == 4 || u->len == 16);
}

BLE_DEF int ble_gatt_cli_exchange_mtu(struct ble_gatt_cli *c, uint32_t now)
{
    int rc = ble_gatt_cli_begin_(c, now);
    uint8_t *q;
    if (rc)
        return rc;
    if (c->mtu_done)
        return BLE_ERR_STATE; /* G 4.3.1: once per connection */
    c->mtu_done = 1;
    ble_gatt_cli_start_(c, BLE_GATT_CLI_P_MTU);
    q = ble_gatt_cli_req_(c);
    q[0] = BLE_ATT_EXCHANGE_MTU_REQ;
    ble_put_le16(q + 1, c->cfg.mtu_max);
    ble_gatt_cli_queue_(c, 3);
    return BLE_OK;
}

/* A discovery over start..end (searching uuid when set). */
static int ble_gatt_cli_discover_(struct ble_gatt_cli *c, uint32_t now, uint8_t proc, uint16_t start,
                                  uint16_t end, const struct ble_uuid *uuid)
{
    int rc = ble_gatt_cli_begin_(c, now);
    if (rc)
        return rc;
    if (!start || start > end || (uuid && !ble_gatt_cli_uuid_ok_(uuid)))
        return BLE_ERR_PARAM;
    ble_gatt_cli_start_(c, proc);
    c->next = start;
    c->end = end;
    if (uuid)
        c->uuid = *uuid;
    ble_gatt_cli_step_(c);
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_discover_services(struct ble_gatt_cli *c, uint32_t now)
{
    return ble_gatt_cli_discover_(c, now, BLE_GATT_CLI_P_DISC_ALL_SVC, 0x0001, 0xFFFF, 0);
}

BLE_DEF int ble_gatt_cli_discover_services_by_uuid(struct ble_gatt_cli *c, uint32_t now, const struct ble_uuid *uuid)
{
    if (!ble_gatt_cli_uuid_ok_(uuid))
        return BLE_ERR_PARAM;
    return ble_gatt_cli_discover_(c, now, BLE_GATT_CLI_P_DISC_SVC_UUID, 0x0001, 0xFFFF, uuid);
}

BLE_DEF int ble_gatt_cli_find_included(struct ble_gatt_cli *c, uint32_t now, uint16_t start, uint16_t end)
{
    return ble_gatt_cli_discover_(c, now, BLE_GATT_CLI_P_FIND_INCLUDED, start, end, 0);
}

BLE_DEF int ble_gatt_cli_discover_characteristics(struct ble_gatt_cli *c, uint32_t now, uint16_t start,
                                                  uint16_t end, const struct ble_uuid *uuid)
{
    return ble_gatt_cli_discover_(c, now, uuid ? BLE_GATT_CLI_P_DISC_CHRC_UUID : BLE_GATT_CLI_P_DISC_ALL_CHRC,
                                  start, end, uuid);
}

BLE_DEF int ble_gatt_cli_discover_descriptors(struct ble_gatt_cli *c, uint32_t now, uint16_t start, uint16_t end)
{
    return ble_gatt_cli_discover_(c, now, BLE_GATT_CLI_P_DISC_DESC, start, end, 0);
}

BLE_DEF int ble_gatt_cli_read(struct ble_gatt_cli *c, uint32_t now, uint16_t handle)
{
    int rc = ble_gatt_cli_begin_(c, now);
    uint8_t *q;
    if (rc)
        return rc;
    if (!handle)
        return BLE_ERR_PARAM;
    ble_gatt_cli_start_(c, BLE_GATT_CLI_P_READ);
    c->handle = handle;
    q = ble_gatt_cli_req_(c);
    q[0] = BLE_ATT_READ_REQ;
    ble_put_le16(q + 1, handle);
    ble_gatt_cli_queue_(c, 3);
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_read_by_uuid(struct ble_gatt_cli *c, uint32_t now, uint16_t start, uint16_t end,
                                      const struct ble_uuid *uuid)
{
    int rc = ble_gatt_cli_begin_(c, now);
    if (rc)
        return rc;
    if (!start || start > end || !ble_gatt_cli_uuid_ok_(uuid))
        return BLE_ERR_PARAM;
    ble_gatt_cli_start_(c, BLE_GATT_CLI_P_READ_UUID);
    c->next = start;
    c->end = end;
    ble_gatt_cli_range_req_(c, BLE_ATT_READ_BY_TYPE_REQ, uuid, 0);
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_read_long(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, uint16_t offset)
{
    int rc = ble_gatt_cli_begin_(c, now);
    uint8_t *q;
    if (rc)
        return rc;
    if (!handle || offset > BLE_ATT_VALUE_MAX)
        return BLE_ERR_PARAM;
    ble_gatt_cli_start_(c, BLE_GATT_CLI_P_READ_LONG);
    c->handle = handle;
    c->offset = offset;
    q = ble_gatt_cli_req_(c);
    ble_put_le16(q + 1, handle);
    if (offset) {
        q[0] = BLE_ATT_READ_BLOB_REQ;
        ble_put_le16(q + 3, offset);
        ble_gatt_cli_queue_(c, 5);
    } else {
        q[0] = BLE_ATT_READ_REQ; /* 4.8.3: the first part may come by Read Request */
        ble_gatt_cli_queue_(c, 3);
    }
    return BLE_OK;
}

static int ble_gatt_cli_read_multi_(struct ble_gatt_cli *c, uint32_t now, uint8_t proc, uint8_t op,
                                    const uint16_t *handles, size_t n)
{
    int rc = ble_gatt_cli_begin_(c, now);
    uint8_t *q;
    size_t k;
    if (rc)
        return rc;
    if (!handles || n < 2) /* F 3.4.4.7, 3.4.4.11: two or more */
        return BLE_ERR_PARAM;
    for (k = 0; k < n; k++)
        if (!handles[k])
            return BLE_ERR_PARAM;
    if (n > ((size_t)c->mtu - 1) / 2)
        return BLE_ERR_TOO_LONG;
    ble_gatt_cli_start_(c, proc);
    q = ble_gatt_cli_req_(c);
    q[0] = op;
    for (k = 0; k < n; k++)
        ble_put_le16(q + 1 + 2 * k, handles[k]);
    ble_gatt_cli_queue_(c, 1 + 2 * n);
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_read_multiple(struct ble_gatt_cli *c, uint32_t now, const uint16_t *handles, size_t n)
{
    return ble_gatt_cli_read_multi_(c, now, BLE_GATT_CLI_P_READ_MULTIPLE, BLE_ATT_READ_MULTIPLE_REQ, handles, n);
}

BLE_DEF int ble_gatt_cli_read_multiple_variable(struct ble_gatt_cli *c, uint32_t now, const uint16_t *handles,
                                                size_t n)
{
    return ble_gatt_cli_read_multi_(c, now, BLE_GATT_CLI_P_READ_MULTIPLE_VAR, BLE_ATT_READ_MULTIPLE_VARIABLE_REQ,
                                    handles, n);
}

/* Writes opcode, handle, value into q: the length. */
static size_t ble_gatt_cli_hv_(uint8_t *q, uint8_t op, uint16_t handle, const uint8_t *value, size_t len)
{
    q[0] = op;
    ble_put_le16(q + 1, handle);
    if (len)
        ble_memcpy(q + 3, value, len);
    return 3 + len;
}

BLE_DEF int ble_gatt_cli_write_cmd(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, const uint8_t *value,
                                   size_t len)
{
    if (!c || (len && !value) || !handle)
        return BLE_ERR_PARAM;
    c->now = now;
    if (c->dead)
        return BLE_ERR_TIMEOUT;
    if (len > (size_t)c->mtu - 3) /* F 3.4.5.3 */
        return BLE_ERR_TOO_LONG;
    if (c->cmd_len)
        return BLE_ERR_BUSY;
    c->cmd_len = (uint16_t)ble_gatt_cli_hv_(ble_gatt_cli_cmd_(c), BLE_ATT_WRITE_CMD, handle, value, len);
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_signed_write(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, const uint8_t *value,
                                      size_t len)
{
    uint8_t *q;
    size_t n;
    if (!c || (len && !value) || !handle)
        return BLE_ERR_PARAM;
    c->now = now;
    if (c->dead)
        return BLE_ERR_TIMEOUT;
    if (!c->cfg.sign)
        return BLE_ERR_STATE;
    if (len > (size_t)c->mtu - 3 - BLE_ATT_SIGNATURE_LEN) /* F 3.4.5.4 */
        return BLE_ERR_TOO_LONG;
    if (c->cmd_len)
        return BLE_ERR_BUSY;
    q = ble_gatt_cli_cmd_(c);
    n = ble_gatt_cli_hv_(q, BLE_ATT_SIGNED_WRITE_CMD, handle, value, len);
    if (c->cfg.sign(c->cfg.sign_ctx, q, n, q + n) != 0)
        return BLE_ERR_STATE;
    c->cmd_len = (uint16_t)(n + BLE_ATT_SIGNATURE_LEN);
    return BLE_OK;
}

static int ble_gatt_cli_write_(struct ble_gatt_cli *c, uint32_t now, uint8_t proc, uint16_t handle,
                               const uint8_t *value, size_t len)
{
    int rc = ble_gatt_cli_begin_(c, now);
    if (rc)
        return rc;
    if (!handle || (len && !value))
        return BLE_ERR_PARAM;
    if (len > (size_t)c->mtu - 3) /* F 3.4.5.1 */
        return BLE_ERR_TOO_LONG;
    ble_gatt_cli_start_(c, proc);
    c->handle = handle;
    ble_gatt_cli_queue_(c, ble_gatt_cli_hv_(ble_gatt_cli_req_(c), BLE_ATT_WRITE_REQ, handle, value, len));
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_write(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, const uint8_t *value,
                               size_t len)
{
    return ble_gatt_cli_write_(c, now, BLE_GATT_CLI_P_WRITE, handle, value, len);
}

BLE_DEF int ble_gatt_cli_subscribe(struct ble_gatt_cli *c, uint32_t now, uint16_t cccd_handle, uint16_t bits)
{
    uint8_t v[2];
    if (bits > 3) /* G 3.3.3.3: bits 2..15 are reserved */
        return BLE_ERR_PARAM;
    ble_put_le16(v, bits);
    return ble_gatt_cli_write_(c, now, BLE_GATT_CLI_P_SUBSCRIBE, cccd_handle, v, 2);
}

BLE_DEF int ble_gatt_cli_write_long(struct ble_gatt_cli *c, uint32_t now, uint16_t handle, uint16_t offset,
                                    const uint8_t *value, size_t len)
{
    int rc = ble_gatt_cli_begin_(c, now);
    if (rc)
        return rc;
    if (!handle || (len && !value))
        return BLE_ERR_PARAM;
    if ((size_t)offset + len > BLE_ATT_VALUE_MAX) /* F 3.2.9 */
        return BLE_ERR_TOO_LONG;
    ble_gatt_cli_start_(c, BLE_GATT_CLI_P_WRITE_LONG);
    c->handle = handle;
    c->offset = offset;
    c->wval = value;
    c->wlen = (uint16_t)len;
    c->wpos = 0;
    c->wdone = 0;
    ble_gatt_cli_step_(c);
    return BLE_OK;
}

BLE_DEF int ble_gatt_cli_reliable_write(struct ble_gatt_cli *c, uint32_t now, const struct ble_gatt_cli_write_item *items,
                                        size_t n)
{
    int rc = ble_gatt_cli_begin_(c, now);
    size_t k;
    if (rc)
        return rc;
    if (!items || !n)
        return BLE_ERR_PARAM;
    for (k = 0; k < n; k++) {
        if (!items[k].handle || (items[k].len && !items[k].value))
            return BLE_ERR_PARAM;
        if (items[k].len > BLE_ATT_VALUE_MAX)
            return BLE_ERR_TOO_LONG;
    }
    ble_gatt_cli_start_(c, BLE_GATT_CLI_P_RELIABLE_WRITE);
    c->items = items;
    c->items_n = n;
    c->item = 0;
    c->handle = items[0].handle;
    c->wval = items[0].value;
    c->wlen = items[0].len;
    c->offset = 0;
    c->wpos = 0;
    c->wdone = 0;
    ble_gatt_cli_step_(c);
    return BLE_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
