/* blekit HCI host machine: controller bring-up, command flow control and
 * ACL/ISO buffer accounting (Core 6.0 Vol 4 Part E 4, 7). It reads events
 * through the event table (layers/hci_evt.h), so it comes after it.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/hci_host.h"
#endif

#ifndef BLE_HCI_HOST_H
#define BLE_HCI_HOST_H

#ifdef __cplusplus
extern "C" {
#endif

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
    uint32_t acl_completed;         /* ACL packets Number Of Completed Packets returned */
    uint32_t iso_completed;         /* ISO packets it returned (CIS and BIS handles) */
};

struct ble_hci_host_pending {
    uint16_t opcode;   /* 0: free slot */
    uint8_t app;       /* the application's command (else bring-up's) */
    uint32_t deadline;
};

struct ble_hci_host_handle {
    struct ble_slot slot; /* first: the connection, CIS or BIS handle */
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

#endif /* BLE_HCI_HOST_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_HCI_HOST_IMPL)
#define BLE_HCI_HOST_IMPL

#ifdef __cplusplus
extern "C" {
#endif

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

/* Parses the bring-up command's return parameters into h->ctrl. This reads
 * the fields by hand rather than through BLE_HCI_RET_TABLE on purpose: the
 * table decoder is strict (trailing octets are an error, right for a
 * parsing reference), while bring-up must accept the longer return
 * parameters a controller of a later version may send. */
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
    return (struct ble_hci_host_handle *)ble_slot_find(h->handles, BLE_CFG_HCI_MAX_HANDLES,
                                                        sizeof h->handles[0], handle);
}

static void ble_hci_host_release_(struct ble_hci_host *h, struct ble_hci_host_handle *e, unsigned n)
{
    if (e->iso)
        h->iso_free = (uint16_t)(h->iso_free + n);
    else
        h->acl_free = (uint16_t)(h->acl_free + n);
    e->in_flight = (uint16_t)(e->in_flight - n);
}

/* A command completed (Command Complete or Command Status): credits, and the
 * outstanding command it answers. */
static void ble_hci_host_completed_(struct ble_hci_host *h, uint8_t ncmd, uint16_t op, uint8_t status,
                                    int via_status, struct ble_view ret, struct ble_hci_host_event *ev)
{
    struct ble_hci_host_pending *slot;
    h->credits = ncmd; /* the controller's current allowance, not an increment */
    ev->type = BLE_HCI_HOST_EV_NONE;
    if (op == BLE_HCI_OP_NOP)
        return;
    slot = ble_hci_host_find_pending_(h, op);
    if (!slot) {
        h->stats.unmatched_completions++;
        return;
    }
    slot->opcode = 0;
    ev->opcode = op;
    ev->status = status;
    ev->via_status = (uint8_t)via_status;
    ev->ret = ret;
    if (slot->app)
        ev->type = BLE_HCI_HOST_EV_CMD_DONE;
    else if (h->state > BLE_HCI_HOST_IDLE && h->state < BLE_HCI_HOST_READY)
        ble_hci_host_bringup_done_(h, op, status, via_status, ret, ev);
}

BLE_DEF int ble_hci_host_on_event(struct ble_hci_host *h, uint32_t now_ms, const uint8_t *evt,
                                  size_t len, struct ble_hci_host_event *ev)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params p;
    int rc;
    (void)now_ms;
    ble_memset(ev, 0, sizeof(*ev));
    ev->type = BLE_HCI_HOST_EV_PASS;
    rc = ble_hci_evt_packet(evt, len, &pkt);
    if (rc != BLE_OK)
        return rc;
    switch (pkt.code) {
    case BLE_HCI_EVT_COMMAND_COMPLETE: { /* 7.7.14 */
        struct ble_view ret;
        rc = ble_hci_evt_command_complete_decode(pkt.params.p, pkt.params.len, &p.command_complete);
        ret = p.command_complete.return_parameters;
        /* every return parameter list starts with Status; NOP has none */
        if (rc == BLE_OK && p.command_complete.command_opcode != BLE_HCI_OP_NOP && !ret.len)
            rc = BLE_ERR_SHORT;
        if (rc != BLE_OK)
            break;
        ble_hci_host_completed_(h, p.command_complete.num_hci_command_packets,
                                p.command_complete.command_opcode, ret.len ? ret.p[0] : 0, 0,
                                ret.len ? ble_view_make(ret.p + 1, ret.len - 1) : ret, ev);
        return BLE_OK;
    }
    case BLE_HCI_EVT_COMMAND_STATUS: /* 7.7.15 */
        rc = ble_hci_evt_command_status_decode(pkt.params.p, pkt.params.len, &p.command_status);
        if (rc != BLE_OK)
            break;
        ble_hci_host_completed_(h, p.command_status.num_hci_command_packets,
                                p.command_status.command_opcode, p.command_status.status, 1,
                                ble_view_make(0, 0), ev);
        return BLE_OK;
    case BLE_HCI_EVT_NUMBER_OF_COMPLETED_PACKETS: { /* 7.7.19 */
        struct ble_hci_evt_nocp_entry e;
        size_t i;
        rc = ble_hci_evt_number_of_completed_packets_decode(pkt.params.p, pkt.params.len,
                                                             &p.number_of_completed_packets);
        if (rc != BLE_OK)
            break;
        for (i = 0; i < p.number_of_completed_packets.handles.n; i++) {
            struct ble_hci_host_handle *slot;
            uint16_t done;
            if (ble_arr_get(&p.number_of_completed_packets.handles, &ble_hci_evt_nocp_entry_desc, i, &e))
                break; /* cannot happen: the decode validated every element */
            slot = ble_hci_host_handle_(h, e.connection_handle & 0x0FFF);
            done = e.num_completed_packets;
            if (!slot) {
                if (done)
                    h->stats.nocp_unknown_handle++;
                continue;
            }
            if (done > slot->in_flight) {
                h->stats.nocp_excess++;
                done = slot->in_flight;
            }
            if (slot->iso)
                h->stats.iso_completed += done;
            else
                h->stats.acl_completed += done;
            ble_hci_host_release_(h, slot, done);
        }
        ev->type = BLE_HCI_HOST_EV_NONE;
        return BLE_OK;
    }
    case BLE_HCI_EVT_DISCONNECTION_COMPLETE: /* 7.7.5: the handle's buffers return */
        rc = ble_hci_evt_disconnection_complete_decode(pkt.params.p, pkt.params.len,
                                                       &p.disconnection_complete);
        if (rc == BLE_OK && p.disconnection_complete.status == BLE_HCI_SUCCESS)
            ble_hci_host_handle_closed(h, p.disconnection_complete.connection_handle & 0x0FFF);
        return BLE_OK; /* the application sees it too, malformed or not */
    default:
        return BLE_OK;
    }
    h->stats.malformed_events++;
    return rc;
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
    if (!ble_hci_handle_valid(handle))
        return BLE_ERR_RANGE;
    if ((iso ? ble_hci_host_iso_can_send(h) : ble_hci_host_acl_can_send(h)) != BLE_OK)
        return BLE_ERR_AGAIN;
    e = ble_hci_host_handle_(h, handle);
    if (e && e->iso != iso)
        return BLE_ERR_PARAM; /* an ACL handle used for ISO or the reverse */
    if (!e) {
        int rc;
        e = (struct ble_hci_host_handle *)ble_slot_claim(h->handles, BLE_CFG_HCI_MAX_HANDLES,
                                                         sizeof h->handles[0], handle, &rc);
        if (!e)
            return rc;
        e->iso = iso;
    }
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
    e->slot.used = 0;
}

BLE_DEF unsigned ble_hci_host_in_flight(const struct ble_hci_host *h, uint16_t handle)
{
    const struct ble_hci_host_handle *e = (const struct ble_hci_host_handle *)ble_slot_find(
        h->handles, BLE_CFG_HCI_MAX_HANDLES, sizeof h->handles[0], handle);
    return e ? e->in_flight : 0;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
