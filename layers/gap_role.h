/* blekit GAP roles: broadcaster, observer, peripheral and central as one step
 * machine over HCI (Core 6.0 Vol 3 Part C 9, Vol 4 Part E 7.8), with the
 * connection table, parameter updates, disconnection and periodic
 * advertising sync. It encodes every command through the command tables
 * (layers/hci_cmd.h) and reads every event through the event tables
 * (layers/hci_evt.h).
 *
 *   struct ble_gap g;  ble_gap_init(&g, &cfg);
 *   ble_gap_adv_start / scan_start / connect / sync_create ...   API requests
 *   ble_gap_poll_cmd(&g, now, &host, buf, cap)   the next HCI command, through
 *                                  the host machine's credits (or host NULL)
 *   ble_gap_on_hci_event(&g, now, evt, len)      every event packet
 *   ble_gap_poll_event(&g, &ev)                  what happened, for the app
 *   ble_gap_on_timer / ble_gap_next_deadline     command, connect and sync timeouts
 *
 * The machine sends one command at a time: a request is a procedure (one or
 * more commands, e.g. parameters, data fragments, enable) queued in order;
 * the next command goes out when the last one completed. Views in events
 * (report data, raw parameters) point into the event packet last given to
 * ble_gap_on_hci_event or into the reassembly storage: they stay valid until
 * the next call of ble_gap_on_hci_event. Drain poll_event after each event.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/gap_role.h"
#endif

#ifndef BLE_GAP_ROLE_H
#define BLE_GAP_ROLE_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Extended report reassembly (Core 6.0 Vol 4 Part E 7.7.65.13, 7.7.65.15)
 * The controller may split one advertisement or periodic advertisement into
 * several reports: each but the last says "incomplete, more data to come";
 * the last says "complete" or "incomplete, truncated". Fragments are keyed by
 * the advertiser (address type, address, SID) or by the sync handle, so
 * reports of several advertisers may interleave. Each slot holds one report
 * in progress in caller storage. */
#define BLE_GAP_DATA_COMPLETE 0
#define BLE_GAP_DATA_MORE 1
#define BLE_GAP_DATA_TRUNCATED 2

struct ble_gap_reasm_key {
    uint8_t kind;      /* 0: advertiser (addr_type, addr, sid); 1: sync handle */
    uint8_t addr_type;
    uint8_t sid;
    uint8_t addr[6];
    uint16_t sync_handle;
};

struct ble_gap_reasm_slot {
    struct ble_gap_reasm_key key;
    uint8_t used;      /* a report is in progress */
    uint8_t overflow;  /* octets were dropped: the report is truncated */
    uint32_t epoch;    /* the epoch its finished data was handed out in */
    size_t len;
    uint8_t *buf;      /* cap octets of caller storage */
};

struct ble_gap_reasm_stats {
    uint32_t overflows;    /* reports longer than a slot: delivered truncated */
    uint32_t evictions;    /* a report in progress dropped for a new advertiser */
    uint32_t dropped;      /* fragments with no slot to go to */
    uint32_t bad_status;   /* Data_Status 0b11 (reserved): taken as truncated */
};

struct ble_gap_reasm {
    struct ble_gap_reasm_slot *slots;
    size_t n, cap;         /* slots, octets per slot */
    uint32_t epoch;        /* bumped by ble_gap_reasm_epoch(): delivered data lives one epoch */
    uint32_t clock;        /* claim order, for eviction of the oldest */
    struct ble_gap_reasm_stats stats;
};

/* slots: n slots; storage: n * cap octets (cap up to BLE_GAP_AD_EXT_MAX). */
BLE_API void ble_gap_reasm_init(struct ble_gap_reasm *r, struct ble_gap_reasm_slot *slots, size_t n,
                                uint8_t *storage, size_t cap);
/* Starts a new epoch: data delivered before it may be overwritten now. */
BLE_API void ble_gap_reasm_epoch(struct ble_gap_reasm *r);
/* One report fragment with its Data_Status. 1: a whole report is in *out
 * (a view of the input when it came in one piece, else of the slot) and
 * *truncated says whether data is missing; 0: more is to come. */
BLE_API int ble_gap_reasm_push(struct ble_gap_reasm *r, const struct ble_gap_reasm_key *key,
                               unsigned data_status, const uint8_t *data, size_t len,
                               struct ble_view *out, uint8_t *truncated);

/* ---- Parameters of the requests ----------------------------------------- */

/* Connection parameters in controller units: intervals 1.25 ms, latency in
 * connection events, supervision timeout 10 ms, CE lengths 0.625 ms. */
struct ble_gap_conn_params {
    uint16_t interval_min, interval_max, latency, timeout, min_ce, max_ce;
};
/* Vol 4 Part E 7.8.18 ranges and the timeout rule of Vol 6 Part B 4.5.2. */
BLE_API int ble_gap_conn_params_valid(const struct ble_gap_conn_params *p);
/* The same values as an L2CAP Connection Parameter Update Request (Vol 3
 * Part A 4.20), for a peripheral whose peer lacks the Connection Parameters
 * Request procedure, and back (the central answering that request). */
BLE_API void ble_gap_conn_params_to_l2cap(const struct ble_gap_conn_params *p,
                                          struct ble_l2cap_sig_conn_param_update_req *out);
BLE_API void ble_gap_conn_params_from_l2cap(const struct ble_l2cap_sig_conn_param_update_req *in,
                                            struct ble_gap_conn_params *out);

/* Advertising_Event_Properties bits (Vol 4 Part E 7.8.53). */
#define BLE_GAP_ADV_PROP_CONNECTABLE 0x0001
#define BLE_GAP_ADV_PROP_SCANNABLE 0x0002
#define BLE_GAP_ADV_PROP_DIRECTED 0x0004
#define BLE_GAP_ADV_PROP_HIGH_DUTY 0x0008
#define BLE_GAP_ADV_PROP_LEGACY 0x0010
#define BLE_GAP_ADV_PROP_ANONYMOUS 0x0020
#define BLE_GAP_ADV_PROP_TX_POWER 0x0040

/* One advertising set. With legacy = 1 the legacy commands (7.8.5..7.8.9) run
 * and props map to the legacy Advertising_Type; otherwise the extended
 * commands (7.8.53..7.8.56) and, with periodic = 1, periodic advertising
 * (7.8.61..7.8.63). The data stays the caller's: it must stay valid while the
 * set advertises (a restart after disconnection sends no data again, but
 * the views are kept). */
struct ble_gap_adv_params {
    uint8_t handle;          /* Advertising_Handle (0 for legacy) */
    uint8_t legacy;          /* 1: legacy commands */
    uint16_t props;          /* BLE_GAP_ADV_PROP_* */
    uint32_t interval_min, interval_max; /* 0.625 ms units */
    uint8_t channel_map;     /* 0: all three (0x07) */
    uint8_t own_addr_type, peer_addr_type, filter_policy;
    uint8_t peer_addr[6];
    int8_t tx_power;         /* extended: dBm, 127 no preference */
    uint8_t primary_phy, secondary_phy; /* extended: 1 LE 1M, 3 LE Coded; 0 means 1 */
    uint8_t sid;
    uint8_t set_random_addr; /* extended: send random_addr for the set first */
    uint8_t random_addr[6];
    uint16_t duration;       /* extended: 10 ms units, 0 none */
    uint8_t max_events;      /* extended: 0 none */
    uint8_t restart;         /* connectable: advertise again after the connection ends */
    const uint8_t *ad;       /* advertising data (legacy: up to 31, else 1650) */
    size_t ad_len;
    const uint8_t *sr;       /* scan response data */
    size_t sr_len;
    uint8_t periodic;        /* extended: periodic advertising too */
    uint16_t pa_interval_min, pa_interval_max, pa_props; /* 1.25 ms units */
    const uint8_t *pa;       /* periodic advertising data (up to 1650) */
    size_t pa_len;
};

/* Duplicate filtering of ble_gap_scan_params.filter_duplicates. */
#define BLE_GAP_DUP_OFF 0
#define BLE_GAP_DUP_CONTROLLER 1     /* Filter_Duplicates = 1 */
#define BLE_GAP_DUP_CONTROLLER_PERIOD 2 /* extended: reset each scan period */
#define BLE_GAP_DUP_HOST 3           /* the caller-sized table of ble_gap_cfg */

/* Scanning (7.8.10, 7.8.11 legacy; 7.8.64, 7.8.65 extended). Extended scans
 * the PHYs in phys (bit 0 LE 1M, bit 2 LE Coded) with the same type,
 * interval and window. */
struct ble_gap_scan_params {
    uint8_t legacy;
    uint8_t active;          /* 1: scan requests */
    uint16_t interval, window; /* 0.625 ms units */
    uint8_t own_addr_type, filter_policy;
    uint8_t filter_duplicates; /* BLE_GAP_DUP_* */
    uint8_t phys;            /* extended: 0 means LE 1M */
    uint16_t duration, period; /* extended: 10 ms, 1.28 s units; 0 none */
};

/* Create connection (7.8.12) or extended create connection (7.8.66) on
 * every PHY of phys (bit 0 LE 1M, bit 1 LE 2M, bit 2 LE Coded), with the same
 * scan and connection parameters on each. timeout_ms: the host cancels the
 * attempt after it (0: never). */
struct ble_gap_connect_params {
    uint8_t legacy;
    uint8_t filter_policy, own_addr_type, peer_addr_type;
    uint8_t peer_addr[6];
    uint8_t phys;            /* extended: 0 means LE 1M */
    uint16_t scan_interval, scan_window;
    struct ble_gap_conn_params conn;
    uint32_t timeout_ms;
};

/* Periodic Advertising Create Sync (7.8.67). timeout_ms: the host cancels a
 * sync not established by then (0: never). */
struct ble_gap_sync_params {
    uint8_t options, sid, addr_type;
    uint8_t addr[6];
    uint16_t skip, sync_timeout; /* sync_timeout in 10 ms units */
    uint8_t cte_type;
    uint32_t timeout_ms;
};

/* ---- State ---------------------------------------------------------------- */

enum ble_gap_adv_state { BLE_GAP_ADV_IDLE, BLE_GAP_ADV_STARTING, BLE_GAP_ADV_ON, BLE_GAP_ADV_STOPPING,
                         BLE_GAP_ADV_CONNECTED /* stopped by a connection; restarts after it */ };
enum ble_gap_scan_state { BLE_GAP_SCAN_IDLE, BLE_GAP_SCAN_STARTING, BLE_GAP_SCAN_ON, BLE_GAP_SCAN_STOPPING };
enum ble_gap_init_state { BLE_GAP_INIT_IDLE, BLE_GAP_INIT_STARTING, BLE_GAP_INIT_ON, BLE_GAP_INIT_CANCELLING };
enum ble_gap_sync_state { BLE_GAP_SYNC_FREE, BLE_GAP_SYNC_CREATING, BLE_GAP_SYNC_PENDING,
                          BLE_GAP_SYNC_CANCELLING, BLE_GAP_SYNC_ON, BLE_GAP_SYNC_TERMINATING };

struct ble_gap_adv_set {
    uint8_t state;           /* enum ble_gap_adv_state */
    struct ble_gap_adv_params p;
};

#define BLE_GAP_ROLE_CENTRAL 0
#define BLE_GAP_ROLE_PERIPHERAL 1

/* One connection (Vol 4 Part E 7.7.65.1, .3, .7, .12, 7.7.8). */
struct ble_gap_conn {
    uint8_t used;
    uint8_t role;            /* BLE_GAP_ROLE_* */
    uint16_t handle;
    uint8_t peer_addr_type;
    uint8_t peer_addr[6];
    uint16_t interval, latency, timeout;
    uint8_t tx_phy, rx_phy;  /* 1 LE 1M, 2 LE 2M, 3 LE Coded */
    uint16_t max_tx_octets, max_tx_time, max_rx_octets, max_rx_time;
    uint8_t encrypted, key_size;
    uint8_t security;        /* the security level the caller reported */
    uint8_t adv_set;         /* peripheral: 1 + index of the set it came from, 0 none */
    uint8_t updating;        /* an LE Connection Update awaits its Complete event */
    uint8_t param_req;       /* a Remote Connection Parameter Request awaits its reply */
    struct ble_gap_conn_params req; /* what that request asked */
    uint8_t disconnecting;
};

/* Periodic advertising sync (7.7.65.14). */
struct ble_gap_sync {
    uint8_t state;           /* enum ble_gap_sync_state */
    uint16_t handle;
    uint8_t sid, addr_type, phy;
    uint8_t addr[6];
    uint16_t interval;       /* 1.25 ms units */
};

/* A queued procedure: its commands are built when due. */
struct ble_gap_proc {
    uint8_t kind, step;
    uint8_t idx;             /* adv set or sync index */
    uint8_t reason;          /* disconnect, negative reply */
    uint8_t nocheck;         /* about a handle the table does not hold */
    uint16_t handle;
    uint16_t off;            /* data fragment offset */
    struct ble_gap_conn_params cp;
};

/* ---- Events --------------------------------------------------------------- */

enum ble_gap_ev_type {
    BLE_GAP_EV_NONE,
    BLE_GAP_EV_ADV_STARTED,    /* adv_handle; status != 0: failed (opcode), set idle */
    BLE_GAP_EV_ADV_STOPPED,    /* adv_handle; status: 0 stopped by the app, else the
                                  controller's (0x3C timeout, 0x43 limit); handle: the
                                  connection when a connection ended it (connected = 1) */
    BLE_GAP_EV_SCAN_STARTED,   /* status != 0: failed */
    BLE_GAP_EV_SCAN_STOPPED,   /* status 0: by the app; timeout = 1: LE Scan Timeout */
    BLE_GAP_EV_ADV_REPORT,     /* u.report: one whole advertisement (legacy, directed or extended) */
    BLE_GAP_EV_CONNECTED,      /* handle, u.conn; status != 0: the attempt failed (err
                                  BLE_ERR_TIMEOUT when the host's timeout cancelled it) */
    BLE_GAP_EV_DISCONNECTED,   /* handle, reason, u.conn as it was */
    BLE_GAP_EV_CONN_UPDATED,   /* handle, status, u.conn with the new values */
    BLE_GAP_EV_CONN_PARAM_REQ, /* handle, u.params: answer with ble_gap_conn_param_reply() */
    BLE_GAP_EV_PHY_UPDATED,    /* handle, status, u.conn */
    BLE_GAP_EV_DATA_LEN_CHANGED, /* handle, u.conn */
    BLE_GAP_EV_ENC_CHANGED,    /* handle, status, u.conn */
    BLE_GAP_EV_SYNC_ESTABLISHED, /* handle (sync), u.sync; status != 0: failed
                                    (0x44 when cancelled; err BLE_ERR_TIMEOUT by the host's timeout) */
    BLE_GAP_EV_SYNC_LOST,      /* handle (sync) */
    BLE_GAP_EV_SYNC_TERMINATED, /* handle (sync), status */
    BLE_GAP_EV_PA_REPORT,      /* handle (sync), u.report: one whole periodic advertisement */
    BLE_GAP_EV_BIGINFO,        /* handle (sync), raw: the LE BIGInfo Advertising Report parameters */
    BLE_GAP_EV_CMD_FAILED      /* a command with no other outcome failed: opcode, status,
                                  handle; or err (BLE_ERR_TIMEOUT, BLE_ERR_NOT_FOUND) */
};

struct ble_gap_report {
    uint16_t event_type;     /* extended Event_Type bits (legacy reports mapped to them) */
    uint8_t addr_type;
    uint8_t addr[6];
    uint8_t primary_phy, secondary_phy, sid;
    int8_t tx_power, rssi;
    uint16_t pa_interval;
    uint8_t direct_addr_type;
    uint8_t direct_addr[6];
    uint8_t truncated;       /* data is missing (Data_Status truncated, or no room) */
    struct ble_view data;
};

struct ble_gap_event {
    uint8_t type;            /* enum ble_gap_ev_type */
    uint8_t status;          /* HCI status */
    uint8_t reason;          /* disconnection reason */
    uint8_t adv_handle;
    uint8_t connected, timeout;
    uint16_t handle;         /* connection or sync handle */
    uint16_t opcode;         /* the command that failed */
    int err;                 /* a kit error where no HCI status says it */
    union {
        struct ble_gap_report report;
        struct ble_gap_conn conn;
        struct ble_gap_conn_params params;
        struct ble_gap_sync sync;
    } u;
    struct ble_view raw;     /* the (sub)event's parameters */
};

struct ble_gap_stats {
    uint32_t malformed;      /* events that did not decode */
    uint32_t ignored;        /* events not for this machine, or in no state to take them */
    uint32_t unknown_handle; /* events about a connection or sync not in the tables */
    uint32_t no_conn_slot;   /* connections refused for want of a slot (disconnected) */
    uint32_t events_lost;    /* events dropped: the queue was full */
    uint32_t duplicates;     /* reports the host table filtered */
    uint32_t cmd_timeouts;
};

/* One entry of the host's duplicate filter: advertiser, SID, properties and
 * a hash of the data, so changed data is reported again. */
struct ble_gap_dup {
    uint8_t used, addr_type, sid;
    uint8_t addr[6];
    uint16_t props;
    uint16_t hash;
};

struct ble_gap_cfg {
    struct ble_gap_reasm_slot *reasm_slots; /* reassembly: n slots of cap octets each */
    size_t reasm_n;
    uint8_t *reasm_storage;
    size_t reasm_cap;
    struct ble_gap_dup *dup;  /* host duplicate filter table (BLE_GAP_DUP_HOST) */
    size_t dup_n;
    uint32_t cmd_timeout_ms;  /* 0: BLE_CFG_HCI_CMD_TIMEOUT_MS */
};

struct ble_gap {
    struct ble_gap_cfg cfg;
    struct ble_gap_reasm reasm;
    uint8_t scan_state;      /* enum ble_gap_scan_state */
    uint8_t init_state;      /* enum ble_gap_init_state */
    uint8_t init_timed_out;
    uint32_t init_deadline;
    struct ble_gap_connect_params connect;
    struct ble_gap_scan_params scan;
    struct ble_gap_sync_params sync_p;
    uint8_t sync_idx, sync_timed_out; /* the sync being created */
    uint32_t sync_deadline;
    uint16_t await_op;       /* the command sent and not yet completed (0: none) */
    uint32_t await_deadline;
    size_t dup_next;
    struct ble_gap_adv_set adv[BLE_CFG_GAP_ADV_SETS];
    struct ble_gap_conn conns[BLE_CFG_GAP_MAX_CONNS];
    struct ble_gap_sync syncs[BLE_CFG_GAP_MAX_SYNCS];
    struct ble_gap_proc procs[BLE_CFG_GAP_PROCS];
    uint8_t proc_head, proc_n;
    struct ble_gap_event events[BLE_CFG_GAP_EVENTS];
    uint8_t ev_head, ev_n;
    struct ble_gap_stats stats;
};

/* cfg may be NULL: no reassembly storage (fragmented reports arrive marked
 * truncated with their first fragment), no host duplicate table. */
BLE_API void ble_gap_init(struct ble_gap *g, const struct ble_gap_cfg *cfg);

/* Requests. Each returns BLE_OK once queued; BLE_ERR_STATE when the role is
 * not in a state to take it, BLE_ERR_PARAM for invalid parameters,
 * BLE_ERR_FULL when BLE_CFG_GAP_PROCS procedures wait, BLE_ERR_NOT_FOUND for
 * an unknown handle. Nothing changes on error. */
/* Broadcaster, peripheral: configure and enable one advertising set (index
 * by handle among BLE_CFG_GAP_ADV_SETS; legacy uses set 0). */
BLE_API int ble_gap_adv_start(struct ble_gap *g, uint32_t now, const struct ble_gap_adv_params *p);
/* Disable it (and its periodic advertising). */
BLE_API int ble_gap_adv_stop(struct ble_gap *g, uint32_t now, uint8_t handle);
/* Observer. */
BLE_API int ble_gap_scan_start(struct ble_gap *g, uint32_t now, const struct ble_gap_scan_params *p);
BLE_API int ble_gap_scan_stop(struct ble_gap *g, uint32_t now);
/* Central. */
BLE_API int ble_gap_connect(struct ble_gap *g, uint32_t now, const struct ble_gap_connect_params *p);
BLE_API int ble_gap_connect_cancel(struct ble_gap *g, uint32_t now);
/* LE Connection Update (7.8.18), central or peripheral. A peripheral whose
 * update fails with Unsupported Remote Feature (0x1A) uses the L2CAP request
 * (ble_l2cap_conn_param_update with ble_gap_conn_params_to_l2cap). */
BLE_API int ble_gap_conn_update(struct ble_gap *g, uint32_t now, uint16_t handle,
                                const struct ble_gap_conn_params *p);
/* Answers BLE_GAP_EV_CONN_PARAM_REQ (7.8.31 / 7.8.32): accept with p (NULL:
 * the values asked for), or reject with Unacceptable Connection Parameters. */
BLE_API int ble_gap_conn_param_reply(struct ble_gap *g, uint32_t now, uint16_t handle, int accept,
                                     const struct ble_gap_conn_params *p);
BLE_API int ble_gap_disconnect(struct ble_gap *g, uint32_t now, uint16_t handle, uint8_t reason);
/* The security level the caller's security manager reached (kept, reported in events). */
BLE_API int ble_gap_conn_set_security(struct ble_gap *g, uint16_t handle, uint8_t level);
BLE_API const struct ble_gap_conn *ble_gap_conn_find(const struct ble_gap *g, uint16_t handle);
/* Periodic advertising sync. */
BLE_API int ble_gap_sync_create(struct ble_gap *g, uint32_t now, const struct ble_gap_sync_params *p);
BLE_API int ble_gap_sync_cancel(struct ble_gap *g, uint32_t now);
BLE_API int ble_gap_sync_terminate(struct ble_gap *g, uint32_t now, uint16_t sync_handle);
BLE_API const struct ble_gap_sync *ble_gap_sync_find(const struct ble_gap *g, uint16_t sync_handle);

/* The next HCI command packet (after the H4 indicator) into buf: its length;
 * BLE_ERR_AGAIN when none is due or one awaits completion. With host, the
 * command goes through ble_hci_host_cmd (its credits and per-opcode rule;
 * its errors are returned and nothing changes); host NULL: no flow control. */
BLE_API int ble_gap_poll_cmd(struct ble_gap *g, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                             size_t cap);
/* One HCI event packet (after the H4 indicator): BLE_OK (taken or counted as
 * ignored), or its decode error (counted in stats.malformed). */
BLE_API int ble_gap_on_hci_event(struct ble_gap *g, uint32_t now, const uint8_t *evt, size_t len);
BLE_API int ble_gap_on_timer(struct ble_gap *g, uint32_t now);
BLE_API uint32_t ble_gap_next_deadline(const struct ble_gap *g);
/* BLE_OK and *ev, or BLE_ERR_AGAIN when none waits. */
BLE_API int ble_gap_poll_event(struct ble_gap *g, struct ble_gap_event *ev);

#ifdef __cplusplus
}
#endif

#endif /* BLE_GAP_ROLE_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_GAP_ROLE_IMPL)
#define BLE_GAP_ROLE_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Reassembly ---- */

BLE_DEF void ble_gap_reasm_init(struct ble_gap_reasm *r, struct ble_gap_reasm_slot *slots, size_t n,
                                uint8_t *storage, size_t cap)
{
    size_t i;
    ble_memset(r, 0, sizeof *r);
    if (!slots || !storage || !cap)
        n = 0;
    r->slots = slots;
    r->n = n;
    r->cap = cap;
    r->epoch = 1;
    for (i = 0; i < n; i++) {
        ble_memset(&slots[i], 0, sizeof slots[i]);
        slots[i].buf = storage + i * cap;
    }
}

BLE_DEF void ble_gap_reasm_epoch(struct ble_gap_reasm *r)
{
    r->epoch++;
}

static int ble_gap_key_eq_(const struct ble_gap_reasm_key *a, const struct ble_gap_reasm_key *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == 1)
        return a->sync_handle == b->sync_handle;
    return a->addr_type == b->addr_type && a->sid == b->sid && !ble_memneq(a->addr, b->addr, 6);
}

static void ble_gap_reasm_append_(struct ble_gap_reasm *r, struct ble_gap_reasm_slot *s,
                                  const uint8_t *data, size_t len)
{
    size_t room = r->cap - s->len;
    if (len > room) {
        if (!s->overflow)
            r->stats.overflows++;
        s->overflow = 1;
        len = room;
    }
    if (len)
        ble_memcpy(s->buf + s->len, data, len);
    s->len += len;
}

BLE_DEF int ble_gap_reasm_push(struct ble_gap_reasm *r, const struct ble_gap_reasm_key *key,
                               unsigned data_status, const uint8_t *data, size_t len,
                               struct ble_view *out, uint8_t *truncated)
{
    struct ble_gap_reasm_slot *s = 0, *victim = 0;
    size_t i;
    if (data_status > BLE_GAP_DATA_TRUNCATED) {
        r->stats.bad_status++;
        data_status = BLE_GAP_DATA_TRUNCATED;
    }
    for (i = 0; i < r->n && !s; i++)
        if (r->slots[i].used && ble_gap_key_eq_(&r->slots[i].key, key))
            s = &r->slots[i];
    if (!s && data_status != BLE_GAP_DATA_MORE) {
        /* the whole report in one piece: zero copy */
        *out = ble_view_make(data, len);
        *truncated = (uint8_t)(data_status == BLE_GAP_DATA_TRUNCATED);
        return 1;
    }
    if (!s) {
        /* a new report: a free slot whose data was not handed out in this
         * epoch, else the oldest report in progress gives way */
        for (i = 0; i < r->n && !s; i++) {
            struct ble_gap_reasm_slot *c = &r->slots[i];
            if (!c->used && c->epoch != r->epoch)
                s = c;
            else if (c->used && (!victim || (uint32_t)(c->epoch - victim->epoch) > 0x7FFFFFFFu))
                victim = c;
        }
        if (!s && victim) {
            r->stats.evictions++;
            s = victim;
        }
        if (!s) {
            /* no storage at all: the first fragment alone, marked truncated */
            r->stats.dropped++;
            *out = ble_view_make(data, len);
            *truncated = 1;
            return 1;
        }
        s->key = *key;
        s->used = 1;
        s->overflow = 0;
        s->len = 0;
        s->epoch = r->clock++; /* while used, epoch holds the claim order */
    }
    ble_gap_reasm_append_(r, s, data, len);
    if (data_status == BLE_GAP_DATA_MORE)
        return 0;
    s->used = 0;
    s->epoch = r->epoch; /* handed out now: kept until the next epoch */
    *out = ble_view_make(s->buf, s->len);
    *truncated = (uint8_t)(data_status == BLE_GAP_DATA_TRUNCATED || s->overflow);
    return 1;
}

/* ---- Parameters ---- */

BLE_DEF int ble_gap_conn_params_valid(const struct ble_gap_conn_params *p)
{
    struct ble_l2cap_sig_conn_param_update_req q;
    ble_gap_conn_params_to_l2cap(p, &q);
    return ble_l2cap_conn_params_valid(&q) && p->min_ce <= p->max_ce;
}

BLE_DEF void ble_gap_conn_params_to_l2cap(const struct ble_gap_conn_params *p,
                                          struct ble_l2cap_sig_conn_param_update_req *out)
{
    out->interval_min = p->interval_min;
    out->interval_max = p->interval_max;
    out->latency = p->latency;
    out->timeout = p->timeout;
}

BLE_DEF void ble_gap_conn_params_from_l2cap(const struct ble_l2cap_sig_conn_param_update_req *in,
                                            struct ble_gap_conn_params *out)
{
    ble_memset(out, 0, sizeof *out);
    out->interval_min = in->interval_min;
    out->interval_max = in->interval_max;
    out->latency = in->latency;
    out->timeout = in->timeout;
}

/* ---- Machine ---- */

enum ble_gap_proc_kind_ {
    BLE_GAP_P_ADV_START_ = 1,
    BLE_GAP_P_ADV_STOP_,
    BLE_GAP_P_SCAN_START_,
    BLE_GAP_P_SCAN_STOP_,
    BLE_GAP_P_CONNECT_,
    BLE_GAP_P_CONNECT_CANCEL_,
    BLE_GAP_P_CONN_UPDATE_,
    BLE_GAP_P_PARAM_REPLY_,
    BLE_GAP_P_PARAM_NEG_REPLY_,
    BLE_GAP_P_DISCONNECT_,
    BLE_GAP_P_SYNC_CREATE_,
    BLE_GAP_P_SYNC_CANCEL_,
    BLE_GAP_P_SYNC_TERMINATE_
};

/* Steps of advertising start and stop, in command order. */
enum ble_gap_adv_step_ {
    BLE_GAP_S_PARAMS_,    /* LE Set (Extended) Advertising Parameters */
    BLE_GAP_S_RAND_,      /* LE Set Advertising Set Random Address */
    BLE_GAP_S_AD_,        /* LE Set (Extended) Advertising Data, fragment by fragment */
    BLE_GAP_S_SR_,        /* LE Set (Extended) Scan Response Data */
    BLE_GAP_S_PA_PARAMS_, /* LE Set Periodic Advertising Parameters */
    BLE_GAP_S_PA_DATA_,   /* LE Set Periodic Advertising Data */
    BLE_GAP_S_PA_EN_,     /* LE Set Periodic Advertising Enable */
    BLE_GAP_S_EN_,        /* LE Set (Extended) Advertising Enable */
    BLE_GAP_S_END_
};

/* Octets of data one command carries (7.8.54: 251; 7.8.62: 252). */
#define BLE_GAP_EXT_FRAG_ 251u
#define BLE_GAP_PA_FRAG_ 252u

BLE_DEF void ble_gap_init(struct ble_gap *g, const struct ble_gap_cfg *cfg)
{
    ble_memset(g, 0, sizeof *g);
    if (cfg)
        g->cfg = *cfg;
    if (!g->cfg.cmd_timeout_ms)
        g->cfg.cmd_timeout_ms = BLE_CFG_HCI_CMD_TIMEOUT_MS;
    if (!g->cfg.dup)
        g->cfg.dup_n = 0;
    if (g->cfg.dup_n)
        ble_memset(g->cfg.dup, 0, g->cfg.dup_n * sizeof g->cfg.dup[0]);
    ble_gap_reasm_init(&g->reasm, g->cfg.reasm_slots, g->cfg.reasm_n, g->cfg.reasm_storage, g->cfg.reasm_cap);
}

static struct ble_gap_event *ble_gap_ev_(struct ble_gap *g, uint8_t type)
{
    struct ble_gap_event *ev;
    if (g->ev_n >= BLE_CFG_GAP_EVENTS) {
        g->stats.events_lost++;
        return 0;
    }
    ev = &g->events[(g->ev_head + g->ev_n) % BLE_CFG_GAP_EVENTS];
    g->ev_n++;
    ble_memset(ev, 0, sizeof *ev);
    ev->type = type;
    return ev;
}

BLE_DEF int ble_gap_poll_event(struct ble_gap *g, struct ble_gap_event *ev)
{
    if (!g->ev_n)
        return BLE_ERR_AGAIN;
    *ev = g->events[g->ev_head];
    g->ev_head = (uint8_t)((g->ev_head + 1) % BLE_CFG_GAP_EVENTS);
    g->ev_n--;
    return BLE_OK;
}

static struct ble_gap_conn *ble_gap_conn_(struct ble_gap *g, uint16_t handle)
{
    size_t i;
    for (i = 0; i < BLE_CFG_GAP_MAX_CONNS; i++)
        if (g->conns[i].used && g->conns[i].handle == handle)
            return &g->conns[i];
    return 0;
}

BLE_DEF const struct ble_gap_conn *ble_gap_conn_find(const struct ble_gap *g, uint16_t handle)
{
    return ble_gap_conn_((struct ble_gap *)(uintptr_t)g, handle);
}

static struct ble_gap_sync *ble_gap_sync_(struct ble_gap *g, uint16_t handle)
{
    size_t i;
    for (i = 0; i < BLE_CFG_GAP_MAX_SYNCS; i++)
        if ((g->syncs[i].state == BLE_GAP_SYNC_ON || g->syncs[i].state == BLE_GAP_SYNC_TERMINATING) &&
            g->syncs[i].handle == handle)
            return &g->syncs[i];
    return 0;
}

BLE_DEF const struct ble_gap_sync *ble_gap_sync_find(const struct ble_gap *g, uint16_t sync_handle)
{
    return ble_gap_sync_((struct ble_gap *)(uintptr_t)g, sync_handle);
}

static struct ble_gap_proc *ble_gap_head_(struct ble_gap *g)
{
    return g->proc_n ? &g->procs[g->proc_head] : 0;
}

static struct ble_gap_proc *ble_gap_enqueue_(struct ble_gap *g, uint8_t kind)
{
    struct ble_gap_proc *pr;
    if (g->proc_n >= BLE_CFG_GAP_PROCS)
        return 0;
    pr = &g->procs[(g->proc_head + g->proc_n) % BLE_CFG_GAP_PROCS];
    g->proc_n++;
    ble_memset(pr, 0, sizeof *pr);
    pr->kind = kind;
    return pr;
}

static void ble_gap_pop_(struct ble_gap *g)
{
    g->proc_head = (uint8_t)((g->proc_head + 1) % BLE_CFG_GAP_PROCS);
    g->proc_n--;
}

/* Legacy Advertising_Type (7.8.5) from extended properties. */
static uint8_t ble_gap_legacy_adv_type_(uint16_t props)
{
    if (props & BLE_GAP_ADV_PROP_DIRECTED)
        return (props & BLE_GAP_ADV_PROP_HIGH_DUTY) ? 0x01 : 0x04;
    if (props & BLE_GAP_ADV_PROP_CONNECTABLE)
        return 0x00; /* ADV_IND */
    if (props & BLE_GAP_ADV_PROP_SCANNABLE)
        return 0x02; /* ADV_SCAN_IND */
    return 0x03;     /* ADV_NONCONN_IND */
}

static size_t ble_gap_frag_(size_t total, size_t off, size_t max)
{
    return total - off > max ? max : total - off;
}

/* Operation of the fragment at off (7.8.54: 0 intermediate, 1 first, 2 last,
 * 3 complete). */
static uint8_t ble_gap_frag_op_(size_t total, size_t off, size_t max)
{
    int first = off == 0, last = total - off <= max;
    return (uint8_t)(first && last ? 3 : first ? 1 : last ? 2 : 0);
}

/* Whether advertising step s applies to set p. */
static int ble_gap_adv_step_applies_(const struct ble_gap_adv_params *p, unsigned s)
{
    switch (s) {
    case BLE_GAP_S_PARAMS_: return 1;
    case BLE_GAP_S_RAND_: return !p->legacy && p->set_random_addr;
    case BLE_GAP_S_AD_: return p->legacy || p->ad_len > 0;
    case BLE_GAP_S_SR_: return p->legacy ? p->sr_len > 0 : p->sr_len > 0;
    case BLE_GAP_S_PA_PARAMS_:
    case BLE_GAP_S_PA_DATA_:
    case BLE_GAP_S_PA_EN_: return !p->legacy && p->periodic && (s != BLE_GAP_S_PA_DATA_ || p->pa_len);
    case BLE_GAP_S_EN_: return 1;
    default: return 0;
    }
}

/* LE Set Advertising Enable (7.8.9) or LE Set Extended Advertising Enable
 * (7.8.56) of this one set. */
static int ble_gap_adv_enable_cmd_(const struct ble_gap_adv_params *e, int on, uint16_t *op, uint8_t *p)
{
    if (e->legacy) {
        struct ble_hci_cmd_le_set_adv_enable c;
        *op = BLE_HCI_CMD_LE_SET_ADV_ENABLE;
        c.advertising_enable = (uint8_t)on;
        return ble_hci_cmd_le_set_adv_enable_encode(&c, p, 255);
    } else {
        struct ble_hci_cmd_le_set_ext_adv_enable c;
        struct ble_hci_cmd_ext_adv_set set;
        *op = BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE;
        set.advertising_handle = e->handle;
        set.duration = on ? e->duration : 0;
        set.max_extended_advertising_events = on ? e->max_events : 0;
        c.enable = (uint8_t)on;
        c.sets.n = 1;
        c.sets.raw = ble_view_make(0, 0);
        c.sets.items = &set;
        return ble_hci_cmd_le_set_ext_adv_enable_encode(&c, p, 255);
    }
}

/* The next command of procedure pr: 1 with *op (and its parameters in p
 * unless p is NULL), 0 when the procedure has none left, BLE_ERR_NOT_FOUND
 * when the connection it is about has gone. */
static int ble_gap_build_(struct ble_gap *g, struct ble_gap_proc *pr, uint16_t *op, uint8_t *p, size_t *plen)
{
    int n = 0;
    switch (pr->kind) {
    case BLE_GAP_P_ADV_START_: {
        const struct ble_gap_adv_params *a = &g->adv[pr->idx].p;
        while (pr->step < BLE_GAP_S_END_ && !ble_gap_adv_step_applies_(a, pr->step))
            pr->step++;
        switch (pr->step) {
        case BLE_GAP_S_PARAMS_:
            if (a->legacy) {
                struct ble_hci_cmd_le_set_adv_params c; /* 7.8.5 */
                *op = BLE_HCI_CMD_LE_SET_ADV_PARAMS;
                if (!p)
                    return 1;
                c.advertising_interval_min = (uint16_t)a->interval_min;
                c.advertising_interval_max = (uint16_t)a->interval_max;
                c.advertising_type = ble_gap_legacy_adv_type_(a->props);
                c.own_address_type = a->own_addr_type;
                c.peer_address_type = a->peer_addr_type;
                ble_memcpy(c.peer_address, a->peer_addr, 6);
                c.advertising_channel_map = a->channel_map ? a->channel_map : 0x07;
                c.advertising_filter_policy = a->filter_policy;
                n = ble_hci_cmd_le_set_adv_params_encode(&c, p, 255);
            } else {
                struct ble_hci_cmd_le_set_ext_adv_params c; /* 7.8.53 */
                *op = BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS;
                if (!p)
                    return 1;
                c.advertising_handle = a->handle;
                c.advertising_event_properties = a->props;
                c.primary_advertising_interval_min = a->interval_min;
                c.primary_advertising_interval_max = a->interval_max;
                c.primary_advertising_channel_map = a->channel_map ? a->channel_map : 0x07;
                c.own_address_type = a->own_addr_type;
                c.peer_address_type = a->peer_addr_type;
                ble_memcpy(c.peer_address, a->peer_addr, 6);
                c.advertising_filter_policy = a->filter_policy;
                c.advertising_tx_power = a->tx_power;
                c.primary_advertising_phy = a->primary_phy ? a->primary_phy : 1;
                c.secondary_advertising_max_skip = 0;
                c.secondary_advertising_phy = a->secondary_phy ? a->secondary_phy : 1;
                c.advertising_sid = a->sid;
                c.scan_request_notification_enable = 0;
                n = ble_hci_cmd_le_set_ext_adv_params_encode(&c, p, 255);
            }
            break;
        case BLE_GAP_S_RAND_: {
            struct ble_hci_cmd_le_set_adv_set_random_address c; /* 7.8.52 */
            *op = BLE_HCI_CMD_LE_SET_ADV_SET_RANDOM_ADDRESS;
            if (!p)
                return 1;
            c.advertising_handle = a->handle;
            ble_memcpy(c.random_address, a->random_addr, 6);
            n = ble_hci_cmd_le_set_adv_set_random_address_encode(&c, p, 255);
            break;
        }
        case BLE_GAP_S_AD_:
        case BLE_GAP_S_SR_: {
            int sr = pr->step == BLE_GAP_S_SR_;
            const uint8_t *d = sr ? a->sr : a->ad;
            size_t len = sr ? a->sr_len : a->ad_len;
            if (a->legacy) {
                /* 7.8.7, 7.8.8: always 31 octets, zero padded */
                struct ble_hci_cmd_le_set_adv_data c;
                *op = sr ? BLE_HCI_CMD_LE_SET_SCAN_RSP_DATA : BLE_HCI_CMD_LE_SET_ADV_DATA;
                if (!p)
                    return 1;
                ble_memset(&c, 0, sizeof c);
                c.advertising_data_length = (uint8_t)len;
                if (len)
                    ble_memcpy(c.advertising_data, d, len);
                n = ble_hci_cmd_le_set_adv_data_encode(&c, p, 255);
            } else {
                /* 7.8.54, 7.8.55: same layout, Fragment_Preference 1 (the
                 * controller should not fragment further) */
                struct ble_hci_cmd_le_set_ext_adv_data c;
                size_t f = ble_gap_frag_(len, pr->off, BLE_GAP_EXT_FRAG_);
                *op = sr ? BLE_HCI_CMD_LE_SET_EXT_SCAN_RSP_DATA : BLE_HCI_CMD_LE_SET_EXT_ADV_DATA;
                if (!p)
                    return 1;
                c.advertising_handle = a->handle;
                c.operation = ble_gap_frag_op_(len, pr->off, BLE_GAP_EXT_FRAG_);
                c.fragment_preference = 1;
                c.advertising_data = ble_view_make(d + pr->off, f);
                n = ble_hci_cmd_le_set_ext_adv_data_encode(&c, p, 255);
            }
            break;
        }
        case BLE_GAP_S_PA_PARAMS_: {
            struct ble_hci_cmd_le_set_pa_params c; /* 7.8.61 */
            *op = BLE_HCI_CMD_LE_SET_PA_PARAMS;
            if (!p)
                return 1;
            c.advertising_handle = a->handle;
            c.periodic_advertising_interval_min = a->pa_interval_min;
            c.periodic_advertising_interval_max = a->pa_interval_max;
            c.periodic_advertising_properties = a->pa_props;
            n = ble_hci_cmd_le_set_pa_params_encode(&c, p, 255);
            break;
        }
        case BLE_GAP_S_PA_DATA_: {
            struct ble_hci_cmd_le_set_pa_data c; /* 7.8.62 */
            *op = BLE_HCI_CMD_LE_SET_PA_DATA;
            if (!p)
                return 1;
            c.advertising_handle = a->handle;
            c.operation = ble_gap_frag_op_(a->pa_len, pr->off, BLE_GAP_PA_FRAG_);
            c.advertising_data = ble_view_make(a->pa + pr->off, ble_gap_frag_(a->pa_len, pr->off, BLE_GAP_PA_FRAG_));
            n = ble_hci_cmd_le_set_pa_data_encode(&c, p, 255);
            break;
        }
        case BLE_GAP_S_PA_EN_: {
            struct ble_hci_cmd_le_set_pa_enable c; /* 7.8.63 */
            *op = BLE_HCI_CMD_LE_SET_PA_ENABLE;
            if (!p)
                return 1;
            c.enable = 1;
            c.advertising_handle = a->handle;
            n = ble_hci_cmd_le_set_pa_enable_encode(&c, p, 255);
            break;
        }
        case BLE_GAP_S_EN_:
            if (!p) {
                *op = a->legacy ? BLE_HCI_CMD_LE_SET_ADV_ENABLE : BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE;
                return 1;
            }
            n = ble_gap_adv_enable_cmd_(a, 1, op, p);
            break;
        default:
            return 0;
        }
        break;
    }
    case BLE_GAP_P_ADV_STOP_: {
        const struct ble_gap_adv_params *a = &g->adv[pr->idx].p;
        if (pr->step == BLE_GAP_S_PA_EN_ && !(!a->legacy && a->periodic))
            pr->step = BLE_GAP_S_EN_;
        if (pr->step == BLE_GAP_S_PA_EN_) {
            struct ble_hci_cmd_le_set_pa_enable c;
            *op = BLE_HCI_CMD_LE_SET_PA_ENABLE;
            if (!p)
                return 1;
            c.enable = 0;
            c.advertising_handle = a->handle;
            n = ble_hci_cmd_le_set_pa_enable_encode(&c, p, 255);
            break;
        }
        if (pr->step != BLE_GAP_S_EN_)
            return 0;
        if (!p) {
            *op = a->legacy ? BLE_HCI_CMD_LE_SET_ADV_ENABLE : BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE;
            return 1;
        }
        n = ble_gap_adv_enable_cmd_(a, 0, op, p);
        break;
    }
    case BLE_GAP_P_SCAN_START_:
    case BLE_GAP_P_SCAN_STOP_: {
        const struct ble_gap_scan_params *s = &g->scan;
        int on = pr->kind == BLE_GAP_P_SCAN_START_;
        if (on && pr->step == 0) {
            if (s->legacy) {
                struct ble_hci_cmd_le_set_scan_params c; /* 7.8.10 */
                *op = BLE_HCI_CMD_LE_SET_SCAN_PARAMS;
                if (!p)
                    return 1;
                c.le_scan_type = s->active;
                c.le_scan_interval = s->interval;
                c.le_scan_window = s->window;
                c.own_address_type = s->own_addr_type;
                c.scanning_filter_policy = s->filter_policy;
                n = ble_hci_cmd_le_set_scan_params_encode(&c, p, 255);
            } else {
                struct ble_hci_cmd_le_set_ext_scan_params c; /* 7.8.64 */
                struct ble_hci_cmd_ext_scan_phy ph[2];
                size_t k;
                *op = BLE_HCI_CMD_LE_SET_EXT_SCAN_PARAMS;
                if (!p)
                    return 1;
                c.own_address_type = s->own_addr_type;
                c.scanning_filter_policy = s->filter_policy;
                c.scanning_phys = s->phys;
                c.phys.n = (size_t)((s->phys & 1) + ((s->phys >> 2) & 1));
                for (k = 0; k < c.phys.n; k++) {
                    ph[k].scan_type = s->active;
                    ph[k].scan_interval = s->interval;
                    ph[k].scan_window = s->window;
                }
                c.phys.raw = ble_view_make(0, 0);
                c.phys.items = ph;
                n = ble_hci_cmd_le_set_ext_scan_params_encode(&c, p, 255);
            }
            break;
        }
        if (pr->step > 1 || (!on && pr->step > 0))
            return 0;
        {
            uint8_t dup = s->filter_duplicates == BLE_GAP_DUP_HOST ? 0 : s->filter_duplicates;
            if (s->legacy) {
                struct ble_hci_cmd_le_set_scan_enable c; /* 7.8.11 */
                *op = BLE_HCI_CMD_LE_SET_SCAN_ENABLE;
                if (!p)
                    return 1;
                c.le_scan_enable = (uint8_t)on;
                c.filter_duplicates = on ? dup : 0;
                n = ble_hci_cmd_le_set_scan_enable_encode(&c, p, 255);
            } else {
                struct ble_hci_cmd_le_set_ext_scan_enable c; /* 7.8.65 */
                *op = BLE_HCI_CMD_LE_SET_EXT_SCAN_ENABLE;
                if (!p)
                    return 1;
                c.enable = (uint8_t)on;
                c.filter_duplicates = on ? dup : 0;
                c.duration = on ? s->duration : 0;
                c.period = on ? s->period : 0;
                n = ble_hci_cmd_le_set_ext_scan_enable_encode(&c, p, 255);
            }
        }
        break;
    }
    case BLE_GAP_P_CONNECT_: {
        const struct ble_gap_connect_params *c = &g->connect;
        if (pr->step)
            return 0;
        if (c->legacy) {
            struct ble_hci_cmd_le_create_conn m; /* 7.8.12 */
            *op = BLE_HCI_CMD_LE_CREATE_CONN;
            if (!p)
                return 1;
            m.le_scan_interval = c->scan_interval;
            m.le_scan_window = c->scan_window;
            m.initiator_filter_policy = c->filter_policy;
            m.peer_address_type = c->peer_addr_type;
            ble_memcpy(m.peer_address, c->peer_addr, 6);
            m.own_address_type = c->own_addr_type;
            m.connection_interval_min = c->conn.interval_min;
            m.connection_interval_max = c->conn.interval_max;
            m.max_latency = c->conn.latency;
            m.supervision_timeout = c->conn.timeout;
            m.min_ce_length = c->conn.min_ce;
            m.max_ce_length = c->conn.max_ce;
            n = ble_hci_cmd_le_create_conn_encode(&m, p, 255);
        } else {
            struct ble_hci_cmd_le_ext_create_conn m; /* 7.8.66 */
            struct ble_hci_cmd_ext_conn_phy ph[3];
            size_t k;
            *op = BLE_HCI_CMD_LE_EXT_CREATE_CONN;
            if (!p)
                return 1;
            m.initiator_filter_policy = c->filter_policy;
            m.own_address_type = c->own_addr_type;
            m.peer_address_type = c->peer_addr_type;
            ble_memcpy(m.peer_address, c->peer_addr, 6);
            m.initiating_phys = c->phys;
            m.phys.n = (size_t)((c->phys & 1) + ((c->phys >> 1) & 1) + ((c->phys >> 2) & 1));
            for (k = 0; k < m.phys.n; k++) {
                ph[k].scan_interval = c->scan_interval;
                ph[k].scan_window = c->scan_window;
                ph[k].connection_interval_min = c->conn.interval_min;
                ph[k].connection_interval_max = c->conn.interval_max;
                ph[k].max_latency = c->conn.latency;
                ph[k].supervision_timeout = c->conn.timeout;
                ph[k].min_ce_length = c->conn.min_ce;
                ph[k].max_ce_length = c->conn.max_ce;
            }
            m.phys.raw = ble_view_make(0, 0);
            m.phys.items = ph;
            n = ble_hci_cmd_le_ext_create_conn_encode(&m, p, 255);
        }
        break;
    }
    case BLE_GAP_P_CONNECT_CANCEL_:
    case BLE_GAP_P_SYNC_CANCEL_:
        if (pr->step)
            return 0;
        *op = pr->kind == BLE_GAP_P_SYNC_CANCEL_ ? BLE_HCI_CMD_LE_PA_CREATE_SYNC_CANCEL
                                                : BLE_HCI_CMD_LE_CREATE_CONN_CANCEL;
        break; /* no parameters */
    case BLE_GAP_P_CONN_UPDATE_:
    case BLE_GAP_P_PARAM_REPLY_: {
        struct ble_hci_cmd_le_conn_update c; /* 7.8.18; 7.8.31 has the same layout */
        if (pr->step)
            return 0;
        if (!ble_gap_conn_(g, pr->handle))
            return BLE_ERR_NOT_FOUND;
        *op = pr->kind == BLE_GAP_P_CONN_UPDATE_ ? BLE_HCI_CMD_LE_CONN_UPDATE : BLE_HCI_CMD_LE_REMOTE_CONN_PARAM_REPLY;
        if (!p)
            return 1;
        c.connection_handle = pr->handle;
        c.connection_interval_min = pr->cp.interval_min;
        c.connection_interval_max = pr->cp.interval_max;
        c.max_latency = pr->cp.latency;
        c.supervision_timeout = pr->cp.timeout;
        c.min_ce_length = pr->cp.min_ce;
        c.max_ce_length = pr->cp.max_ce;
        n = ble_hci_cmd_le_conn_update_encode(&c, p, 255);
        break;
    }
    case BLE_GAP_P_PARAM_NEG_REPLY_:
    case BLE_GAP_P_DISCONNECT_: {
        struct ble_hci_cmd_disconnect c; /* 7.1.6; 7.8.32 has the same layout */
        if (pr->step)
            return 0;
        if (!pr->nocheck && !ble_gap_conn_(g, pr->handle))
            return BLE_ERR_NOT_FOUND;
        *op = pr->kind == BLE_GAP_P_DISCONNECT_ ? BLE_HCI_CMD_DISCONNECT : BLE_HCI_CMD_LE_REMOTE_CONN_PARAM_NEG_REPLY;
        if (!p)
            return 1;
        c.connection_handle = pr->handle;
        c.reason = pr->reason;
        n = ble_hci_cmd_disconnect_encode(&c, p, 255);
        break;
    }
    case BLE_GAP_P_SYNC_CREATE_: {
        struct ble_hci_cmd_le_pa_create_sync c; /* 7.8.67 */
        const struct ble_gap_sync_params *s = &g->sync_p;
        if (pr->step)
            return 0;
        *op = BLE_HCI_CMD_LE_PA_CREATE_SYNC;
        if (!p)
            return 1;
        c.options = s->options;
        c.advertising_sid = s->sid;
        c.advertiser_address_type = s->addr_type;
        ble_memcpy(c.advertiser_address, s->addr, 6);
        c.skip = s->skip;
        c.sync_timeout = s->sync_timeout;
        c.sync_cte_type = s->cte_type;
        n = ble_hci_cmd_le_pa_create_sync_encode(&c, p, 255);
        break;
    }
    case BLE_GAP_P_SYNC_TERMINATE_: {
        struct ble_hci_cmd_le_pa_terminate_sync c; /* 7.8.69 */
        if (pr->step)
            return 0;
        *op = BLE_HCI_CMD_LE_PA_TERMINATE_SYNC;
        if (!p)
            return 1;
        c.sync_handle = pr->handle;
        n = ble_hci_cmd_le_pa_terminate_sync_encode(&c, p, 255);
        break;
    }
    default:
        return 0;
    }
    if (n < 0)
        return n; /* cannot happen: the requests validated what goes in */
    if (plen)
        *plen = (size_t)n;
    return 1;
}

/* A sync is being created (7.8.67 allows one at a time). */
static int ble_gap_sync_busy_(const struct ble_gap *g)
{
    size_t i;
    for (i = 0; i < BLE_CFG_GAP_MAX_SYNCS; i++)
        if (g->syncs[i].state == BLE_GAP_SYNC_CREATING || g->syncs[i].state == BLE_GAP_SYNC_PENDING ||
            g->syncs[i].state == BLE_GAP_SYNC_CANCELLING)
            return 1;
    return 0;
}

/* A cancel completed (well or not): the connection or sync event that ends
 * the attempt must follow; if none comes within the command timeout the
 * host gives up on it (ble_gap_on_timer). */
static void ble_gap_cancel_done_(struct ble_gap *g, const struct ble_gap_proc *pr, uint32_t now)
{
    if (pr->kind == BLE_GAP_P_CONNECT_CANCEL_ && g->init_state == BLE_GAP_INIT_CANCELLING)
        g->init_deadline = ble_deadline_after(now, g->cfg.cmd_timeout_ms);
    if (pr->kind == BLE_GAP_P_SYNC_CANCEL_ && ble_gap_sync_busy_(g) &&
        g->syncs[g->sync_idx].state == BLE_GAP_SYNC_CANCELLING)
        g->sync_deadline = ble_deadline_after(now, g->cfg.cmd_timeout_ms);
}

/* The head procedure ended well: its effect on the roles. */
static void ble_gap_proc_done_(struct ble_gap *g, struct ble_gap_proc *pr, uint32_t now)
{
    struct ble_gap_event *ev;
    struct ble_gap_conn *c;
    switch (pr->kind) {
    case BLE_GAP_P_ADV_START_:
        g->adv[pr->idx].state = BLE_GAP_ADV_ON;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STARTED)) != 0)
            ev->adv_handle = g->adv[pr->idx].p.handle;
        break;
    case BLE_GAP_P_ADV_STOP_:
        g->adv[pr->idx].state = BLE_GAP_ADV_IDLE;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STOPPED)) != 0)
            ev->adv_handle = g->adv[pr->idx].p.handle;
        break;
    case BLE_GAP_P_SCAN_START_:
        g->scan_state = BLE_GAP_SCAN_ON;
        (void)ble_gap_ev_(g, BLE_GAP_EV_SCAN_STARTED);
        break;
    case BLE_GAP_P_SCAN_STOP_:
        g->scan_state = BLE_GAP_SCAN_IDLE;
        (void)ble_gap_ev_(g, BLE_GAP_EV_SCAN_STOPPED);
        break;
    case BLE_GAP_P_CONNECT_: /* Command Status: the controller initiates (7.8.12) */
        g->init_state = BLE_GAP_INIT_ON;
        g->init_deadline = g->connect.timeout_ms ? ble_deadline_after(now, g->connect.timeout_ms) : BLE_NO_DEADLINE;
        break;
    case BLE_GAP_P_CONN_UPDATE_:
        if ((c = ble_gap_conn_(g, pr->handle)) != 0)
            c->updating = 1;
        break;
    case BLE_GAP_P_SYNC_CREATE_: /* Command Status: the controller looks for the train */
        if (g->syncs[pr->idx].state == BLE_GAP_SYNC_CREATING) {
            g->syncs[pr->idx].state = BLE_GAP_SYNC_PENDING;
            g->sync_deadline = g->sync_p.timeout_ms ? ble_deadline_after(now, g->sync_p.timeout_ms) : BLE_NO_DEADLINE;
        }
        break;
    case BLE_GAP_P_SYNC_TERMINATE_:
        if (g->syncs[pr->idx].state == BLE_GAP_SYNC_TERMINATING && g->syncs[pr->idx].handle == pr->handle) {
            g->syncs[pr->idx].state = BLE_GAP_SYNC_FREE;
            if ((ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_TERMINATED)) != 0)
                ev->handle = pr->handle;
        }
        break;
    case BLE_GAP_P_CONNECT_CANCEL_:
    case BLE_GAP_P_SYNC_CANCEL_:
        ble_gap_cancel_done_(g, pr, now);
        break;
    default: /* replies: their outcome comes in later events */
        break;
    }
}

/* The head procedure failed at command op: status from the controller, or
 * err from the host (timeout, connection gone). */
static void ble_gap_proc_fail_(struct ble_gap *g, struct ble_gap_proc *pr, uint16_t op, uint8_t status, int err,
                               uint32_t now)
{
    struct ble_gap_event *ev = 0;
    struct ble_gap_conn *c;
    switch (pr->kind) {
    case BLE_GAP_P_ADV_START_:
        g->adv[pr->idx].state = BLE_GAP_ADV_IDLE;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STARTED)) != 0)
            ev->adv_handle = g->adv[pr->idx].p.handle;
        break;
    case BLE_GAP_P_ADV_STOP_:
        g->adv[pr->idx].state = BLE_GAP_ADV_ON;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_CMD_FAILED)) != 0)
            ev->adv_handle = g->adv[pr->idx].p.handle;
        break;
    case BLE_GAP_P_SCAN_START_:
        g->scan_state = BLE_GAP_SCAN_IDLE;
        ev = ble_gap_ev_(g, BLE_GAP_EV_SCAN_STARTED);
        break;
    case BLE_GAP_P_SCAN_STOP_:
        g->scan_state = BLE_GAP_SCAN_ON;
        ev = ble_gap_ev_(g, BLE_GAP_EV_CMD_FAILED);
        break;
    case BLE_GAP_P_CONNECT_:
        g->init_state = BLE_GAP_INIT_IDLE;
        ev = ble_gap_ev_(g, BLE_GAP_EV_CONNECTED);
        break;
    case BLE_GAP_P_CONN_UPDATE_:
        ev = ble_gap_ev_(g, BLE_GAP_EV_CONN_UPDATED);
        if (ev && (c = ble_gap_conn_(g, pr->handle)) != 0)
            ev->u.conn = *c;
        break;
    case BLE_GAP_P_DISCONNECT_:
        if ((c = ble_gap_conn_(g, pr->handle)) != 0)
            c->disconnecting = 0;
        ev = ble_gap_ev_(g, BLE_GAP_EV_CMD_FAILED);
        break;
    case BLE_GAP_P_SYNC_CREATE_:
        if (g->syncs[pr->idx].state == BLE_GAP_SYNC_CREATING)
            g->syncs[pr->idx].state = BLE_GAP_SYNC_FREE;
        ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_ESTABLISHED);
        break;
    case BLE_GAP_P_SYNC_TERMINATE_:
        if (g->syncs[pr->idx].state == BLE_GAP_SYNC_TERMINATING && g->syncs[pr->idx].handle == pr->handle)
            g->syncs[pr->idx].state = BLE_GAP_SYNC_ON;
        ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_TERMINATED);
        break;
    case BLE_GAP_P_CONNECT_CANCEL_:
    case BLE_GAP_P_SYNC_CANCEL_:
        /* Command Disallowed: nothing to cancel any more; the connection or
         * sync event tells how it ended */
        ble_gap_cancel_done_(g, pr, now);
        if (!err)
            return;
        ev = ble_gap_ev_(g, BLE_GAP_EV_CMD_FAILED);
        break;
    default:
        ev = ble_gap_ev_(g, BLE_GAP_EV_CMD_FAILED);
        break;
    }
    if (!ev)
        return;
    ev->status = status;
    ev->err = err;
    ev->opcode = op;
    if (!ev->handle)
        ev->handle = pr->handle;
}

/* Finishes head procedures that have no command left (or whose connection
 * went away), until one has a command to send. */
static void ble_gap_settle_(struct ble_gap *g, uint32_t now)
{
    struct ble_gap_proc *pr;
    if (g->await_op)
        return; /* the head's command is in flight: its completion moves on */
    while ((pr = ble_gap_head_(g)) != 0) {
        uint16_t op = 0;
        int rc = ble_gap_build_(g, pr, &op, 0, 0);
        if (rc == 1)
            return;
        if (rc == 0)
            ble_gap_proc_done_(g, pr, now);
        else
            ble_gap_proc_fail_(g, pr, op, 0, rc, now);
        ble_gap_pop_(g);
    }
}

/* The command awaited completed with status (Command Complete or Status). */
static void ble_gap_cmd_completed_(struct ble_gap *g, uint32_t now, uint8_t status)
{
    struct ble_gap_proc *pr = ble_gap_head_(g);
    uint16_t op = g->await_op;
    g->await_op = 0;
    if (!pr)
        return;
    if (status != BLE_HCI_SUCCESS) {
        ble_gap_proc_fail_(g, pr, op, status, BLE_OK, now);
        ble_gap_pop_(g);
        ble_gap_settle_(g, now);
        return;
    }
    if (pr->kind == BLE_GAP_P_ADV_START_ && !g->adv[pr->idx].p.legacy &&
        (pr->step == BLE_GAP_S_AD_ || pr->step == BLE_GAP_S_SR_ || pr->step == BLE_GAP_S_PA_DATA_)) {
        const struct ble_gap_adv_params *a = &g->adv[pr->idx].p;
        size_t len = pr->step == BLE_GAP_S_AD_ ? a->ad_len : pr->step == BLE_GAP_S_SR_ ? a->sr_len : a->pa_len;
        size_t max = pr->step == BLE_GAP_S_PA_DATA_ ? BLE_GAP_PA_FRAG_ : BLE_GAP_EXT_FRAG_;
        pr->off = (uint16_t)(pr->off + ble_gap_frag_(len, pr->off, max));
        if (pr->off < len)
            return; /* the next fragment */
        pr->off = 0;
    }
    pr->step++;
    ble_gap_settle_(g, now);
}

static int ble_gap_push_proc_(struct ble_gap *g, uint32_t now, struct ble_gap_proc **out, uint8_t kind)
{
    *out = ble_gap_enqueue_(g, kind);
    (void)now;
    return *out ? BLE_OK : BLE_ERR_FULL;
}

/* ---- Requests ---- */

static int ble_gap_adv_params_ok_(const struct ble_gap_adv_params *p)
{
    size_t max = p->legacy ? BLE_GAP_AD_LEGACY_MAX : BLE_GAP_AD_EXT_MAX;
    if (p->ad_len > max || p->sr_len > max || (p->ad_len && !p->ad) || (p->sr_len && !p->sr))
        return 0;
    if (p->legacy && (p->periodic || p->handle || p->interval_min > 0xFFFF || p->interval_max > 0xFFFF))
        return 0;
    if (!p->legacy && (p->handle > 0xEF || p->interval_min > 0xFFFFFF || p->interval_max > 0xFFFFFF))
        return 0;
    if (p->interval_min > p->interval_max)
        return 0;
    if (p->periodic && (p->pa_len > BLE_GAP_AD_EXT_MAX || (p->pa_len && !p->pa) ||
                        p->pa_interval_min > p->pa_interval_max))
        return 0;
    return 1;
}

static int ble_gap_adv_find_(const struct ble_gap *g, uint8_t handle, int legacy)
{
    size_t i;
    for (i = 0; i < BLE_CFG_GAP_ADV_SETS; i++)
        if (g->adv[i].state != BLE_GAP_ADV_IDLE && g->adv[i].p.handle == handle &&
            g->adv[i].p.legacy == legacy)
            return (int)i;
    return -1;
}

BLE_DEF int ble_gap_adv_start(struct ble_gap *g, uint32_t now, const struct ble_gap_adv_params *p)
{
    struct ble_gap_proc *pr;
    int i, k;
    if (!ble_gap_adv_params_ok_(p))
        return BLE_ERR_PARAM;
    i = ble_gap_adv_find_(g, p->handle, p->legacy);
    if (i < 0) {
        for (k = 0; k < BLE_CFG_GAP_ADV_SETS && i < 0; k++)
            if (g->adv[k].state == BLE_GAP_ADV_IDLE)
                i = k;
        if (i < 0)
            return BLE_ERR_FULL;
    } else if (g->adv[i].state != BLE_GAP_ADV_CONNECTED) {
        return BLE_ERR_STATE;
    }
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_ADV_START_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->idx = (uint8_t)i;
    g->adv[i].p = *p;
    g->adv[i].state = BLE_GAP_ADV_STARTING;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_adv_stop(struct ble_gap *g, uint32_t now, uint8_t handle)
{
    struct ble_gap_proc *pr;
    struct ble_gap_event *ev;
    size_t i;
    for (i = 0; i < BLE_CFG_GAP_ADV_SETS; i++)
        if (g->adv[i].state != BLE_GAP_ADV_IDLE && g->adv[i].p.handle == handle)
            break;
    if (i == BLE_CFG_GAP_ADV_SETS)
        return BLE_ERR_NOT_FOUND;
    if (g->adv[i].state == BLE_GAP_ADV_CONNECTED) {
        /* stopped already by its connection: only the restart is forgotten */
        g->adv[i].state = BLE_GAP_ADV_IDLE;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STOPPED)) != 0)
            ev->adv_handle = handle;
        return BLE_OK;
    }
    if (g->adv[i].state != BLE_GAP_ADV_ON)
        return BLE_ERR_STATE;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_ADV_STOP_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->idx = (uint8_t)i;
    pr->step = BLE_GAP_S_PA_EN_;
    g->adv[i].state = BLE_GAP_ADV_STOPPING;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_scan_start(struct ble_gap *g, uint32_t now, const struct ble_gap_scan_params *p)
{
    struct ble_gap_proc *pr;
    uint8_t phys = p->phys ? p->phys : 1;
    if (g->scan_state != BLE_GAP_SCAN_IDLE)
        return BLE_ERR_STATE;
    if (p->window > p->interval || p->active > 1 || p->filter_duplicates > BLE_GAP_DUP_HOST ||
        (p->legacy && p->filter_duplicates == BLE_GAP_DUP_CONTROLLER_PERIOD) || (phys & ~0x05u))
        return BLE_ERR_PARAM;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_SCAN_START_) != BLE_OK)
        return BLE_ERR_FULL;
    g->scan = *p;
    g->scan.phys = phys;
    g->scan_state = BLE_GAP_SCAN_STARTING;
    if (g->cfg.dup_n)
        ble_memset(g->cfg.dup, 0, g->cfg.dup_n * sizeof g->cfg.dup[0]);
    g->dup_next = 0;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_scan_stop(struct ble_gap *g, uint32_t now)
{
    struct ble_gap_proc *pr;
    if (g->scan_state != BLE_GAP_SCAN_ON)
        return BLE_ERR_STATE;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_SCAN_STOP_) != BLE_OK)
        return BLE_ERR_FULL;
    g->scan_state = BLE_GAP_SCAN_STOPPING;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_connect(struct ble_gap *g, uint32_t now, const struct ble_gap_connect_params *p)
{
    struct ble_gap_proc *pr;
    uint8_t phys = p->phys ? p->phys : 1;
    if (g->init_state != BLE_GAP_INIT_IDLE)
        return BLE_ERR_STATE;
    if (!ble_gap_conn_params_valid(&p->conn) || p->scan_window > p->scan_interval || (phys & ~0x07u) ||
        (p->legacy && phys != 1) || p->timeout_ms > 0x7FFFFFFFu)
        return BLE_ERR_PARAM;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_CONNECT_) != BLE_OK)
        return BLE_ERR_FULL;
    g->connect = *p;
    g->connect.phys = phys;
    g->init_state = BLE_GAP_INIT_STARTING;
    g->init_timed_out = 0;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_connect_cancel(struct ble_gap *g, uint32_t now)
{
    struct ble_gap_proc *pr;
    if (g->init_state != BLE_GAP_INIT_ON)
        return BLE_ERR_STATE;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_CONNECT_CANCEL_) != BLE_OK)
        return BLE_ERR_FULL;
    g->init_state = BLE_GAP_INIT_CANCELLING;
    g->init_deadline = BLE_NO_DEADLINE;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_conn_update(struct ble_gap *g, uint32_t now, uint16_t handle,
                                const struct ble_gap_conn_params *p)
{
    struct ble_gap_proc *pr;
    struct ble_gap_conn *c = ble_gap_conn_(g, handle);
    if (!c)
        return BLE_ERR_NOT_FOUND;
    if (!ble_gap_conn_params_valid(p))
        return BLE_ERR_PARAM;
    if (c->updating || c->disconnecting)
        return BLE_ERR_STATE;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_CONN_UPDATE_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->handle = handle;
    pr->cp = *p;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_conn_param_reply(struct ble_gap *g, uint32_t now, uint16_t handle, int accept,
                                     const struct ble_gap_conn_params *p)
{
    struct ble_gap_proc *pr;
    struct ble_gap_conn *c = ble_gap_conn_(g, handle);
    if (!c)
        return BLE_ERR_NOT_FOUND;
    if (!c->param_req)
        return BLE_ERR_STATE;
    if (accept && p && !ble_gap_conn_params_valid(p))
        return BLE_ERR_PARAM;
    if (ble_gap_push_proc_(g, now, &pr, accept ? BLE_GAP_P_PARAM_REPLY_ : BLE_GAP_P_PARAM_NEG_REPLY_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->handle = handle;
    if (accept)
        pr->cp = p ? *p : c->req;
    pr->reason = 0x3B; /* Unacceptable Connection Parameters (7.8.32) */
    c->param_req = 0;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_disconnect(struct ble_gap *g, uint32_t now, uint16_t handle, uint8_t reason)
{
    struct ble_gap_proc *pr;
    struct ble_gap_conn *c = ble_gap_conn_(g, handle);
    if (!c)
        return BLE_ERR_NOT_FOUND;
    if (c->disconnecting)
        return BLE_ERR_STATE;
    /* 7.1.6: the reasons a host may give */
    if (reason != 0x05 && reason != 0x13 && reason != 0x14 && reason != 0x15 && reason != 0x1A &&
        reason != 0x29 && reason != 0x3B)
        return BLE_ERR_PARAM;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_DISCONNECT_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->handle = handle;
    pr->reason = reason;
    c->disconnecting = 1;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_conn_set_security(struct ble_gap *g, uint16_t handle, uint8_t level)
{
    struct ble_gap_conn *c = ble_gap_conn_(g, handle);
    if (!c)
        return BLE_ERR_NOT_FOUND;
    if (level > 4)
        return BLE_ERR_PARAM;
    c->security = level;
    return BLE_OK;
}

BLE_DEF int ble_gap_sync_create(struct ble_gap *g, uint32_t now, const struct ble_gap_sync_params *p)
{
    struct ble_gap_proc *pr;
    size_t i;
    /* 7.8.67: one create sync pending at a time */
    if (ble_gap_sync_busy_(g))
        return BLE_ERR_STATE;
    if (p->sid > 0x0F || p->skip > 0x01F3 || p->sync_timeout < 0x000A || p->sync_timeout > 0x4000 ||
        p->timeout_ms > 0x7FFFFFFFu)
        return BLE_ERR_PARAM;
    for (i = 0; i < BLE_CFG_GAP_MAX_SYNCS; i++)
        if (g->syncs[i].state == BLE_GAP_SYNC_FREE)
            break;
    if (i == BLE_CFG_GAP_MAX_SYNCS)
        return BLE_ERR_FULL;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_SYNC_CREATE_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->idx = (uint8_t)i;
    g->sync_p = *p;
    g->sync_idx = (uint8_t)i;
    g->sync_timed_out = 0;
    ble_memset(&g->syncs[i], 0, sizeof g->syncs[i]);
    g->syncs[i].state = BLE_GAP_SYNC_CREATING;
    g->syncs[i].sid = p->sid;
    g->syncs[i].addr_type = p->addr_type;
    ble_memcpy(g->syncs[i].addr, p->addr, 6);
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_sync_cancel(struct ble_gap *g, uint32_t now)
{
    struct ble_gap_proc *pr;
    if (!ble_gap_sync_busy_(g) || g->syncs[g->sync_idx].state != BLE_GAP_SYNC_PENDING)
        return BLE_ERR_STATE;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_SYNC_CANCEL_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->idx = g->sync_idx;
    g->syncs[g->sync_idx].state = BLE_GAP_SYNC_CANCELLING;
    g->sync_deadline = BLE_NO_DEADLINE;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

BLE_DEF int ble_gap_sync_terminate(struct ble_gap *g, uint32_t now, uint16_t sync_handle)
{
    struct ble_gap_proc *pr;
    struct ble_gap_sync *s = ble_gap_sync_(g, sync_handle);
    if (!s)
        return BLE_ERR_NOT_FOUND;
    if (s->state != BLE_GAP_SYNC_ON)
        return BLE_ERR_STATE;
    if (ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_SYNC_TERMINATE_) != BLE_OK)
        return BLE_ERR_FULL;
    pr->idx = (uint8_t)(s - g->syncs);
    pr->handle = sync_handle;
    s->state = BLE_GAP_SYNC_TERMINATING;
    ble_gap_settle_(g, now);
    return BLE_OK;
}

/* ---- Output ---- */

BLE_DEF int ble_gap_poll_cmd(struct ble_gap *g, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                             size_t cap)
{
    uint8_t p[255];
    size_t plen = 0;
    uint16_t op = 0;
    int rc;
    struct ble_gap_proc *pr;
    if (g->await_op)
        return BLE_ERR_AGAIN;
    ble_gap_settle_(g, now);
    pr = ble_gap_head_(g);
    if (!pr)
        return BLE_ERR_AGAIN;
    rc = ble_gap_build_(g, pr, &op, p, &plen);
    if (rc != 1)
        return rc < 0 ? rc : BLE_ERR_AGAIN; /* settle left a command: cannot happen */
    if (host)
        rc = ble_hci_host_cmd(host, now, op, p, plen, buf, cap);
    else
        rc = ble_hci_cmd_packet(op, p, plen, buf, cap);
    if (rc < 0)
        return rc;
    g->await_op = op;
    g->await_deadline = ble_deadline_after(now, g->cfg.cmd_timeout_ms);
    return rc;
}

/* ---- Events in ---- */

/* 16-bit FNV-1a folding of the report data, for the duplicate table. */
static uint16_t ble_gap_hash_(struct ble_view d)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < d.len; i++)
        h = (h ^ d.p[i]) * 16777619u;
    return (uint16_t)(h ^ (h >> 16));
}

/* 1 when the host table has seen this report already (and records it). */
static int ble_gap_dup_seen_(struct ble_gap *g, const struct ble_gap_report *r)
{
    struct ble_gap_dup *e = 0;
    uint16_t props = (uint16_t)(r->event_type & 0x1F), hash = ble_gap_hash_(r->data);
    size_t i;
    for (i = 0; i < g->cfg.dup_n && !e; i++) {
        struct ble_gap_dup *c = &g->cfg.dup[i];
        if (c->used && c->addr_type == r->addr_type && c->sid == r->sid && c->props == props &&
            !ble_memneq(c->addr, r->addr, 6))
            e = c;
    }
    if (e && e->hash == hash)
        return 1;
    if (!e) {
        e = &g->cfg.dup[g->dup_next];
        g->dup_next = (g->dup_next + 1) % g->cfg.dup_n;
        e->used = 1;
        e->addr_type = r->addr_type;
        e->sid = r->sid;
        e->props = props;
        ble_memcpy(e->addr, r->addr, 6);
    }
    e->hash = hash;
    return 0;
}

static void ble_gap_report_(struct ble_gap *g, struct ble_gap_report *r, struct ble_view raw)
{
    struct ble_gap_event *ev;
    if (g->scan.filter_duplicates == BLE_GAP_DUP_HOST && g->cfg.dup_n && ble_gap_dup_seen_(g, r)) {
        g->stats.duplicates++;
        return;
    }
    if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_REPORT)) != 0) {
        ev->u.report = *r;
        ev->raw = raw;
    }
}

/* Extended Event_Type of a legacy report's PDU type (7.7.65.13 table). */
static uint16_t ble_gap_legacy_evt_type_(uint8_t t)
{
    switch (t) {
    case 0x00: return 0x13; /* ADV_IND */
    case 0x01: return 0x15; /* ADV_DIRECT_IND */
    case 0x02: return 0x12; /* ADV_SCAN_IND */
    case 0x03: return 0x10; /* ADV_NONCONN_IND */
    case 0x04: return 0x1A; /* SCAN_RSP */
    default: return 0x10;
    }
}

static void ble_gap_on_ext_report_(struct ble_gap *g, const struct ble_hci_le_evt_ext_adv_report_entry *e,
                                   struct ble_view raw)
{
    struct ble_gap_report r;
    struct ble_gap_reasm_key k;
    ble_memset(&r, 0, sizeof r);
    ble_memset(&k, 0, sizeof k);
    k.kind = (uint8_t)((e->event_type & 0x08) ? 2 : 0); /* a scan response is its own report */
    k.addr_type = e->address_type;
    k.sid = e->advertising_sid;
    ble_memcpy(k.addr, e->address, 6);
    if (ble_gap_reasm_push(&g->reasm, &k, (e->event_type >> 5) & 3u, e->data.p, e->data.len, &r.data,
                           &r.truncated) != 1)
        return;
    r.event_type = (uint16_t)(e->event_type & ~0x60u);
    r.addr_type = e->address_type;
    ble_memcpy(r.addr, e->address, 6);
    r.primary_phy = e->primary_phy;
    r.secondary_phy = e->secondary_phy;
    r.sid = e->advertising_sid;
    r.tx_power = e->tx_power;
    r.rssi = e->rssi;
    r.pa_interval = e->periodic_advertising_interval;
    r.direct_addr_type = e->direct_address_type;
    ble_memcpy(r.direct_addr, e->direct_address, 6);
    ble_gap_report_(g, &r, raw);
}

static void ble_gap_conn_fill_(struct ble_gap_conn *c, uint16_t handle, uint8_t role, uint8_t at,
                               const uint8_t *addr, uint16_t itv, uint16_t lat, uint16_t to)
{
    ble_memset(c, 0, sizeof *c);
    c->used = 1;
    c->handle = handle;
    c->role = role;
    c->peer_addr_type = at;
    ble_memcpy(c->peer_addr, addr, 6);
    c->interval = itv;
    c->latency = lat;
    c->timeout = to;
    /* Vol 6 Part B 4.5.10: a new connection starts on LE 1M with 27 octets, 328 us */
    c->tx_phy = c->rx_phy = 1;
    c->max_tx_octets = c->max_rx_octets = 27;
    c->max_tx_time = c->max_rx_time = 328;
}

/* LE Connection Complete, Enhanced v1/v2 (7.7.65.1, 7.7.65.10). adv: the
 * advertising handle of v2, 0xFF otherwise. */
static void ble_gap_on_conn_complete_(struct ble_gap *g, uint8_t status, uint16_t handle, uint8_t role,
                                      uint8_t at, const uint8_t *addr, uint16_t itv, uint16_t lat,
                                      uint16_t to, struct ble_view raw)
{
    struct ble_gap_event *ev;
    struct ble_gap_conn *c = 0;
    int legacy_set = -1;
    size_t i;
    for (i = 0; i < BLE_CFG_GAP_ADV_SETS; i++)
        if (g->adv[i].p.legacy && g->adv[i].state == BLE_GAP_ADV_ON)
            legacy_set = (int)i;
    if (role == BLE_GAP_ROLE_CENTRAL && (g->init_state == BLE_GAP_INIT_ON || g->init_state == BLE_GAP_INIT_CANCELLING)) {
        g->init_state = BLE_GAP_INIT_IDLE;
        if (status != BLE_HCI_SUCCESS) {
            /* 7.8.13: a cancelled attempt ends with Unknown Connection Identifier */
            if ((ev = ble_gap_ev_(g, BLE_GAP_EV_CONNECTED)) != 0) {
                ev->status = status;
                ev->err = g->init_timed_out ? BLE_ERR_TIMEOUT : BLE_OK;
                ev->opcode = g->connect.legacy ? BLE_HCI_CMD_LE_CREATE_CONN : BLE_HCI_CMD_LE_EXT_CREATE_CONN;
                ev->raw = raw;
            }
            return;
        }
    } else if (status != BLE_HCI_SUCCESS) {
        /* legacy high duty directed advertising ends with Advertising Timeout
         * as a failed peripheral connection (7.8.9) */
        if (role == BLE_GAP_ROLE_PERIPHERAL && legacy_set >= 0) {
            g->adv[legacy_set].state = BLE_GAP_ADV_IDLE;
            if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STOPPED)) != 0) {
                ev->status = status;
                ev->raw = raw;
            }
            return;
        }
        g->stats.ignored++;
        return;
    }
    if (!ble_hci_handle_valid(handle) || role > 1) {
        g->stats.malformed++;
        return;
    }
    c = ble_gap_conn_(g, handle);
    for (i = 0; i < BLE_CFG_GAP_MAX_CONNS && !c; i++)
        if (!g->conns[i].used)
            c = &g->conns[i];
    if (!c) {
        /* no room: end it at once (Remote Device Terminated due to Low Resources) */
        struct ble_gap_proc *pr = ble_gap_enqueue_(g, BLE_GAP_P_DISCONNECT_);
        g->stats.no_conn_slot++;
        if (pr) {
            pr->handle = handle;
            pr->reason = 0x14;
            pr->nocheck = 1;
        }
        return;
    }
    ble_gap_conn_fill_(c, handle, role, at, addr, itv, lat, to);
    if ((ev = ble_gap_ev_(g, BLE_GAP_EV_CONNECTED)) != 0) {
        ev->handle = handle;
        ev->u.conn = *c;
        ev->raw = raw;
    }
    /* a legacy connectable set stops when it connects (7.8.9); an extended
     * set says so in LE Advertising Set Terminated */
    if (role == BLE_GAP_ROLE_PERIPHERAL && legacy_set >= 0 &&
        (g->adv[legacy_set].p.props & BLE_GAP_ADV_PROP_CONNECTABLE)) {
        struct ble_gap_adv_set *s = &g->adv[legacy_set];
        s->state = s->p.restart ? BLE_GAP_ADV_CONNECTED : BLE_GAP_ADV_IDLE;
        c->adv_set = (uint8_t)(legacy_set + 1);
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STOPPED)) != 0) {
            ev->connected = 1;
            ev->handle = handle;
        }
    }
}

static void ble_gap_on_disconnected_(struct ble_gap *g, uint32_t now, const struct ble_hci_evt_disconnection_complete *d,
                                     struct ble_view raw)
{
    struct ble_gap_event *ev;
    uint16_t h = (uint16_t)(d->connection_handle & 0x0FFF);
    struct ble_gap_conn *c = ble_gap_conn_(g, h);
    if (!c) {
        g->stats.unknown_handle++;
        return;
    }
    if (d->status != BLE_HCI_SUCCESS) { /* 7.7.5: the Disconnect command failed */
        c->disconnecting = 0;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_CMD_FAILED)) != 0) {
            ev->status = d->status;
            ev->handle = h;
            ev->opcode = BLE_HCI_CMD_DISCONNECT;
        }
        return;
    }
    if ((ev = ble_gap_ev_(g, BLE_GAP_EV_DISCONNECTED)) != 0) {
        ev->handle = h;
        ev->reason = d->reason;
        ev->u.conn = *c;
        ev->raw = raw;
    }
    c->used = 0;
    if (c->adv_set && c->adv_set <= BLE_CFG_GAP_ADV_SETS) {
        /* the peripheral advertises again when asked to */
        struct ble_gap_adv_set *s = &g->adv[c->adv_set - 1];
        if (s->state == BLE_GAP_ADV_CONNECTED) {
            struct ble_gap_proc *pr = ble_gap_enqueue_(g, BLE_GAP_P_ADV_START_);
            if (pr) {
                pr->idx = (uint8_t)(c->adv_set - 1);
                pr->step = BLE_GAP_S_EN_;
                s->state = BLE_GAP_ADV_STARTING;
                ble_gap_settle_(g, now);
            } else {
                s->state = BLE_GAP_ADV_IDLE;
                if ((ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STARTED)) != 0) {
                    ev->adv_handle = s->p.handle;
                    ev->err = BLE_ERR_FULL;
                }
            }
        }
    }
}

static struct ble_gap_event *ble_gap_conn_ev_(struct ble_gap *g, uint8_t type, struct ble_gap_conn *c,
                                              uint8_t status, struct ble_view raw)
{
    struct ble_gap_event *ev = ble_gap_ev_(g, type);
    if (ev) {
        ev->handle = c->handle;
        ev->status = status;
        ev->u.conn = *c;
        ev->raw = raw;
    }
    return ev;
}

/* One LE Meta subevent. */
static int ble_gap_on_le_(struct ble_gap *g, uint32_t now, uint8_t code, struct ble_view raw)
{
    union ble_hci_le_evt_params u;
    struct ble_gap_event *ev;
    struct ble_gap_conn *c;
    struct ble_gap_sync *s;
    const struct ble_pdu_desc *d = ble_hci_le_evt_desc(code);
    int rc;
    size_t i;
    switch (code) {
    case BLE_HCI_LE_EVT_CONN_COMPLETE: case BLE_HCI_LE_EVT_ADV_REPORT: case BLE_HCI_LE_EVT_CONN_UPDATE_COMPLETE:
    case BLE_HCI_LE_EVT_REMOTE_CONN_PARAM_REQUEST: case BLE_HCI_LE_EVT_DATA_LENGTH_CHANGE:
    case BLE_HCI_LE_EVT_ENH_CONN_COMPLETE: case BLE_HCI_LE_EVT_DIRECTED_ADV_REPORT:
    case BLE_HCI_LE_EVT_PHY_UPDATE_COMPLETE: case BLE_HCI_LE_EVT_EXT_ADV_REPORT:
    case BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED: case BLE_HCI_LE_EVT_PA_REPORT: case BLE_HCI_LE_EVT_PA_SYNC_LOST:
    case BLE_HCI_LE_EVT_SCAN_TIMEOUT: case BLE_HCI_LE_EVT_ADV_SET_TERMINATED:
    case BLE_HCI_LE_EVT_PAST_RECEIVED: case BLE_HCI_LE_EVT_BIGINFO_ADV_REPORT:
    case BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED_V2: case BLE_HCI_LE_EVT_PA_REPORT_V2:
    case BLE_HCI_LE_EVT_PAST_RECEIVED_V2: case BLE_HCI_LE_EVT_ENH_CONN_COMPLETE_V2:
        break;
    default:
        g->stats.ignored++; /* not a GAP role's subevent (CIS, BIG, CS, ...) */
        return BLE_OK;
    }
    rc = ble_pdu_decode(d, raw.p, raw.len, &u);
    if (rc != BLE_OK) {
        g->stats.malformed++;
        return rc;
    }
    switch (code) {
    case BLE_HCI_LE_EVT_CONN_COMPLETE: { /* 7.7.65.1 */
        const struct ble_hci_le_evt_conn_complete *e = &u.conn_complete;
        ble_gap_on_conn_complete_(g, e->status, e->connection_handle, e->role, e->peer_address_type,
                                  e->peer_address, e->connection_interval, e->peripheral_latency,
                                  e->supervision_timeout, raw);
        break;
    }
    case BLE_HCI_LE_EVT_ENH_CONN_COMPLETE: { /* 7.7.65.10 [v1] */
        const struct ble_hci_le_evt_enh_conn_complete *e = &u.enh_conn_complete;
        ble_gap_on_conn_complete_(g, e->status, e->connection_handle, e->role, e->peer_address_type,
                                  e->peer_address, e->connection_interval, e->peripheral_latency,
                                  e->supervision_timeout, raw);
        break;
    }
    case BLE_HCI_LE_EVT_ENH_CONN_COMPLETE_V2: { /* 7.7.65.10 [v2] */
        const struct ble_hci_le_evt_enh_conn_complete_v2 *e = &u.enh_conn_complete_v2;
        ble_gap_on_conn_complete_(g, e->status, e->connection_handle, e->role, e->peer_address_type,
                                  e->peer_address, e->connection_interval, e->peripheral_latency,
                                  e->supervision_timeout, raw);
        break;
    }
    case BLE_HCI_LE_EVT_ADV_REPORT: /* 7.7.65.2 */
    case BLE_HCI_LE_EVT_DIRECTED_ADV_REPORT: /* 7.7.65.11 */
    case BLE_HCI_LE_EVT_EXT_ADV_REPORT: { /* 7.7.65.13 */
        const struct ble_arr *a = code == BLE_HCI_LE_EVT_ADV_REPORT ? &u.adv_report.reports
                                  : code == BLE_HCI_LE_EVT_DIRECTED_ADV_REPORT ? &u.directed_adv_report.reports
                                                                               : &u.ext_adv_report.reports;
        if (g->scan_state == BLE_GAP_SCAN_IDLE) {
            g->stats.ignored++;
            break;
        }
        for (i = 0; i < a->n; i++) {
            struct ble_gap_report r;
            ble_memset(&r, 0, sizeof r);
            r.tx_power = 127; /* not available */
            r.primary_phy = 1;
            r.sid = 0xFF;
            if (code == BLE_HCI_LE_EVT_ADV_REPORT) {
                struct ble_hci_le_evt_adv_report_entry e;
                if (ble_arr_get(a, &ble_hci_le_evt_adv_report_entry_desc, i, &e) != BLE_OK)
                    break;
                r.event_type = ble_gap_legacy_evt_type_(e.event_type);
                r.addr_type = e.address_type;
                ble_memcpy(r.addr, e.address, 6);
                r.data = e.data;
                r.rssi = e.rssi;
                ble_gap_report_(g, &r, raw);
            } else if (code == BLE_HCI_LE_EVT_DIRECTED_ADV_REPORT) {
                struct ble_hci_le_evt_directed_adv_report_entry e;
                if (ble_arr_get(a, &ble_hci_le_evt_directed_adv_report_entry_desc, i, &e) != BLE_OK)
                    break;
                r.event_type = ble_gap_legacy_evt_type_(e.event_type);
                r.addr_type = e.address_type;
                ble_memcpy(r.addr, e.address, 6);
                r.direct_addr_type = e.direct_address_type;
                ble_memcpy(r.direct_addr, e.direct_address, 6);
                r.rssi = e.rssi;
                ble_gap_report_(g, &r, raw);
            } else {
                struct ble_hci_le_evt_ext_adv_report_entry e;
                if (ble_arr_get(a, &ble_hci_le_evt_ext_adv_report_entry_desc, i, &e) != BLE_OK)
                    break;
                ble_gap_on_ext_report_(g, &e, raw);
            }
        }
        break;
    }
    case BLE_HCI_LE_EVT_CONN_UPDATE_COMPLETE: { /* 7.7.65.3: ours or the peer's */
        const struct ble_hci_le_evt_conn_update_complete *e = &u.conn_update_complete;
        if ((c = ble_gap_conn_(g, e->connection_handle)) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        c->updating = 0;
        if (e->status == BLE_HCI_SUCCESS) {
            c->interval = e->connection_interval;
            c->latency = e->peripheral_latency;
            c->timeout = e->supervision_timeout;
        }
        (void)ble_gap_conn_ev_(g, BLE_GAP_EV_CONN_UPDATED, c, e->status, raw);
        break;
    }
    case BLE_HCI_LE_EVT_REMOTE_CONN_PARAM_REQUEST: { /* 7.7.65.6: the app decides */
        const struct ble_hci_le_evt_remote_conn_param_request *e = &u.remote_conn_param_request;
        if ((c = ble_gap_conn_(g, e->connection_handle)) == 0) {
            /* the controller waits for an answer: refuse for the unknown link */
            struct ble_gap_proc *pr = ble_gap_enqueue_(g, BLE_GAP_P_PARAM_NEG_REPLY_);
            g->stats.unknown_handle++;
            if (pr) {
                pr->handle = e->connection_handle;
                pr->reason = 0x02; /* Unknown Connection Identifier */
                pr->nocheck = 1;
                ble_gap_settle_(g, now);
            }
            break;
        }
        c->param_req = 1;
        ble_memset(&c->req, 0, sizeof c->req);
        c->req.interval_min = e->interval_min;
        c->req.interval_max = e->interval_max;
        c->req.latency = e->max_latency;
        c->req.timeout = e->timeout;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_CONN_PARAM_REQ)) != 0) {
            ev->handle = c->handle;
            ev->u.params = c->req;
            ev->raw = raw;
        }
        break;
    }
    case BLE_HCI_LE_EVT_DATA_LENGTH_CHANGE: { /* 7.7.65.7 */
        const struct ble_hci_le_evt_data_length_change *e = &u.data_length_change;
        if ((c = ble_gap_conn_(g, e->connection_handle)) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        c->max_tx_octets = e->max_tx_octets;
        c->max_tx_time = e->max_tx_time;
        c->max_rx_octets = e->max_rx_octets;
        c->max_rx_time = e->max_rx_time;
        (void)ble_gap_conn_ev_(g, BLE_GAP_EV_DATA_LEN_CHANGED, c, 0, raw);
        break;
    }
    case BLE_HCI_LE_EVT_PHY_UPDATE_COMPLETE: { /* 7.7.65.12 */
        const struct ble_hci_le_evt_phy_update_complete *e = &u.phy_update_complete;
        if ((c = ble_gap_conn_(g, e->connection_handle)) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        if (e->status == BLE_HCI_SUCCESS) {
            c->tx_phy = e->tx_phy;
            c->rx_phy = e->rx_phy;
        }
        (void)ble_gap_conn_ev_(g, BLE_GAP_EV_PHY_UPDATED, c, e->status, raw);
        break;
    }
    case BLE_HCI_LE_EVT_SCAN_TIMEOUT: /* 7.7.65.17: the extended scan's Duration ran out */
        if (g->scan_state != BLE_GAP_SCAN_ON) {
            g->stats.ignored++;
            break;
        }
        g->scan_state = BLE_GAP_SCAN_IDLE;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_SCAN_STOPPED)) != 0)
            ev->timeout = 1;
        break;
    case BLE_HCI_LE_EVT_ADV_SET_TERMINATED: { /* 7.7.65.18 */
        const struct ble_hci_le_evt_adv_set_terminated *e = &u.adv_set_terminated;
        int k = ble_gap_adv_find_(g, e->advertising_handle, 0);
        struct ble_gap_adv_set *set;
        if (k < 0 || (g->adv[k].state != BLE_GAP_ADV_ON && g->adv[k].state != BLE_GAP_ADV_STOPPING)) {
            g->stats.ignored++;
            break;
        }
        set = &g->adv[k];
        ev = ble_gap_ev_(g, BLE_GAP_EV_ADV_STOPPED);
        if (ev) {
            ev->adv_handle = e->advertising_handle;
            ev->status = e->status;
            ev->raw = raw;
        }
        if (e->status == BLE_HCI_SUCCESS) {
            /* ended by a connection: Connection_Handle names it */
            c = ble_gap_conn_(g, e->connection_handle);
            if (c)
                c->adv_set = (uint8_t)(k + 1);
            if (ev) {
                ev->connected = 1;
                ev->handle = e->connection_handle;
            }
            set->state = c && set->p.restart ? BLE_GAP_ADV_CONNECTED : BLE_GAP_ADV_IDLE;
        } else {
            set->state = BLE_GAP_ADV_IDLE; /* 0x3C Advertising Timeout, 0x43 Limit Reached */
        }
        break;
    }
    case BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED: /* 7.7.65.14 */
    case BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED_V2: {
        const struct ble_hci_le_evt_pa_sync_established *e = &u.pa_sync_established; /* v2 begins alike */
        struct ble_gap_sync *t = &g->syncs[g->sync_idx];
        if (!ble_gap_sync_busy_(g) || t->state == BLE_GAP_SYNC_CREATING) {
            g->stats.ignored++; /* no create sync outstanding */
            break;
        }
        ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_ESTABLISHED);
        if (e->status != BLE_HCI_SUCCESS) {
            t->state = BLE_GAP_SYNC_FREE;
            if (ev) {
                ev->status = e->status;
                ev->err = g->sync_timed_out ? BLE_ERR_TIMEOUT : BLE_OK;
                ev->raw = raw;
            }
            break;
        }
        t->state = BLE_GAP_SYNC_ON;
        t->handle = e->sync_handle;
        t->sid = e->advertising_sid;
        t->addr_type = e->advertiser_address_type;
        ble_memcpy(t->addr, e->advertiser_address, 6);
        t->phy = e->advertiser_phy;
        t->interval = e->periodic_advertising_interval;
        if (ev) {
            ev->handle = t->handle;
            ev->u.sync = *t;
            ev->raw = raw;
        }
        break;
    }
    case BLE_HCI_LE_EVT_PAST_RECEIVED: /* 7.7.65.24: a sync handed over by a peer */
    case BLE_HCI_LE_EVT_PAST_RECEIVED_V2: {
        const struct ble_hci_le_evt_past_received *e = &u.past_received;
        struct ble_gap_sync *t = 0;
        if (e->status != BLE_HCI_SUCCESS) {
            g->stats.ignored++;
            break;
        }
        for (i = 0; i < BLE_CFG_GAP_MAX_SYNCS && !t; i++)
            if (g->syncs[i].state == BLE_GAP_SYNC_FREE)
                t = &g->syncs[i];
        if (!t) {
            /* no room: let the train go */
            struct ble_gap_proc *pr = ble_gap_enqueue_(g, BLE_GAP_P_SYNC_TERMINATE_);
            g->stats.ignored++;
            if (pr) {
                pr->idx = 0;
                pr->handle = e->sync_handle;
                ble_gap_settle_(g, now);
            }
            break;
        }
        ble_memset(t, 0, sizeof *t);
        t->state = BLE_GAP_SYNC_ON;
        t->handle = e->sync_handle;
        t->sid = e->advertising_sid;
        t->addr_type = e->advertiser_address_type;
        ble_memcpy(t->addr, e->advertiser_address, 6);
        t->phy = e->advertiser_phy;
        t->interval = e->periodic_advertising_interval;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_ESTABLISHED)) != 0) {
            ev->handle = t->handle;
            ev->u.sync = *t;
            ev->raw = raw;
        }
        break;
    }
    case BLE_HCI_LE_EVT_PA_REPORT: /* 7.7.65.15 */
    case BLE_HCI_LE_EVT_PA_REPORT_V2: {
        uint16_t sh = code == BLE_HCI_LE_EVT_PA_REPORT ? u.pa_report.sync_handle : u.pa_report_v2.sync_handle;
        struct ble_gap_report r;
        struct ble_gap_reasm_key k;
        unsigned st = code == BLE_HCI_LE_EVT_PA_REPORT ? u.pa_report.data_status : u.pa_report_v2.data_status;
        struct ble_view data = code == BLE_HCI_LE_EVT_PA_REPORT ? u.pa_report.data : u.pa_report_v2.data;
        if ((s = ble_gap_sync_(g, sh)) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        ble_memset(&r, 0, sizeof r);
        ble_memset(&k, 0, sizeof k);
        k.kind = 1;
        k.sync_handle = sh;
        if (ble_gap_reasm_push(&g->reasm, &k, st, data.p, data.len, &r.data, &r.truncated) != 1)
            break;
        r.tx_power = code == BLE_HCI_LE_EVT_PA_REPORT ? u.pa_report.tx_power : u.pa_report_v2.tx_power;
        r.rssi = code == BLE_HCI_LE_EVT_PA_REPORT ? u.pa_report.rssi : u.pa_report_v2.rssi;
        r.addr_type = s->addr_type;
        ble_memcpy(r.addr, s->addr, 6);
        r.sid = s->sid;
        r.secondary_phy = s->phy;
        r.pa_interval = s->interval;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_PA_REPORT)) != 0) {
            ev->handle = sh;
            ev->u.report = r;
            ev->raw = raw;
        }
        break;
    }
    case BLE_HCI_LE_EVT_PA_SYNC_LOST: /* 7.7.65.16 */
        if ((s = ble_gap_sync_(g, u.pa_sync_lost.sync_handle)) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        s->state = BLE_GAP_SYNC_FREE;
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_LOST)) != 0)
            ev->handle = u.pa_sync_lost.sync_handle;
        break;
    case BLE_HCI_LE_EVT_BIGINFO_ADV_REPORT: /* 7.7.65.34 */
        if (ble_gap_sync_(g, u.biginfo_adv_report.sync_handle) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        if ((ev = ble_gap_ev_(g, BLE_GAP_EV_BIGINFO)) != 0) {
            ev->handle = u.biginfo_adv_report.sync_handle;
            ev->raw = raw;
        }
        break;
    default:
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_gap_on_hci_event(struct ble_gap *g, uint32_t now, const uint8_t *evt, size_t len)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params u;
    struct ble_gap_event *ev;
    struct ble_gap_conn *c;
    const struct ble_pdu_desc *d;
    int rc;
    ble_gap_reasm_epoch(&g->reasm); /* views handed out before this event may go */
    rc = ble_hci_evt_packet(evt, len, &pkt);
    if (rc == BLE_OK) {
        d = ble_hci_evt_desc(pkt.code);
        switch (pkt.code) {
        case BLE_HCI_EVT_COMMAND_COMPLETE: case BLE_HCI_EVT_COMMAND_STATUS: case BLE_HCI_EVT_LE_META:
        case BLE_HCI_EVT_DISCONNECTION_COMPLETE: case BLE_HCI_EVT_ENCRYPTION_CHANGE:
        case BLE_HCI_EVT_ENCRYPTION_CHANGE_V2: case BLE_HCI_EVT_ENCRYPTION_KEY_REFRESH_COMPLETE:
            break;
        default:
            g->stats.ignored++;
            return BLE_OK;
        }
        rc = ble_pdu_decode(d, pkt.params.p, pkt.params.len, &u);
    }
    if (rc != BLE_OK) {
        g->stats.malformed++;
        return rc;
    }
    switch (pkt.code) {
    case BLE_HCI_EVT_COMMAND_COMPLETE: /* 7.7.14: Return_Parameters begin with Status */
        if (!g->await_op || u.command_complete.command_opcode != g->await_op) {
            g->stats.ignored++;
            break;
        }
        if (!u.command_complete.return_parameters.len) {
            g->stats.malformed++;
            return BLE_ERR_SHORT;
        }
        ble_gap_cmd_completed_(g, now, u.command_complete.return_parameters.p[0]);
        break;
    case BLE_HCI_EVT_COMMAND_STATUS: /* 7.7.15 */
        if (!g->await_op || u.command_status.command_opcode != g->await_op) {
            g->stats.ignored++;
            break;
        }
        ble_gap_cmd_completed_(g, now, u.command_status.status);
        break;
    case BLE_HCI_EVT_DISCONNECTION_COMPLETE: /* 7.7.5 */
        ble_gap_on_disconnected_(g, now, &u.disconnection_complete, pkt.params);
        break;
    case BLE_HCI_EVT_ENCRYPTION_CHANGE: /* 7.7.8 */
    case BLE_HCI_EVT_ENCRYPTION_CHANGE_V2:
    case BLE_HCI_EVT_ENCRYPTION_KEY_REFRESH_COMPLETE: { /* 7.7.39 */
        uint16_t h = (uint16_t)((pkt.code == BLE_HCI_EVT_ENCRYPTION_KEY_REFRESH_COMPLETE
                                     ? u.encryption_key_refresh_complete.connection_handle
                                     : u.encryption_change.connection_handle) & 0x0FFF);
        uint8_t status = pkt.code == BLE_HCI_EVT_ENCRYPTION_KEY_REFRESH_COMPLETE
                             ? u.encryption_key_refresh_complete.status : u.encryption_change.status;
        if ((c = ble_gap_conn_(g, h)) == 0) {
            g->stats.unknown_handle++;
            break;
        }
        if (status == BLE_HCI_SUCCESS && pkt.code != BLE_HCI_EVT_ENCRYPTION_KEY_REFRESH_COMPLETE) {
            c->encrypted = u.encryption_change.encryption_enabled;
            if (pkt.code == BLE_HCI_EVT_ENCRYPTION_CHANGE_V2)
                c->key_size = u.encryption_change_v2.encryption_key_size;
            if (!c->encrypted)
                c->key_size = 0, c->security = 1;
        }
        ev = ble_gap_conn_ev_(g, BLE_GAP_EV_ENC_CHANGED, c, status, pkt.params);
        (void)ev;
        break;
    }
    case BLE_HCI_EVT_LE_META: /* 7.7.65 */
        return ble_gap_on_le_(g, now, u.le_meta.subevent_code, u.le_meta.parameters);
    default:
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_gap_on_timer(struct ble_gap *g, uint32_t now)
{
    struct ble_gap_proc *pr;
    if (g->await_op && ble_time_reached(now, g->await_deadline)) {
        /* the controller never answered: the procedure fails, the next may go */
        uint16_t op = g->await_op;
        g->stats.cmd_timeouts++;
        g->await_op = 0;
        if ((pr = ble_gap_head_(g)) != 0) {
            ble_gap_proc_fail_(g, pr, op, 0, BLE_ERR_TIMEOUT, now);
            ble_gap_pop_(g);
        }
        ble_gap_settle_(g, now);
    }
    if (g->init_state == BLE_GAP_INIT_CANCELLING && g->init_deadline != BLE_NO_DEADLINE &&
        ble_time_reached(now, g->init_deadline)) {
        /* cancelled, and no Connection Complete came: the attempt is over */
        struct ble_gap_event *ev = ble_gap_ev_(g, BLE_GAP_EV_CONNECTED);
        g->init_state = BLE_GAP_INIT_IDLE;
        if (ev)
            ev->err = BLE_ERR_TIMEOUT;
    }
    if (ble_gap_sync_busy_(g) && g->syncs[g->sync_idx].state == BLE_GAP_SYNC_CANCELLING &&
        g->sync_deadline != BLE_NO_DEADLINE && ble_time_reached(now, g->sync_deadline)) {
        struct ble_gap_event *ev = ble_gap_ev_(g, BLE_GAP_EV_SYNC_ESTABLISHED);
        g->syncs[g->sync_idx].state = BLE_GAP_SYNC_FREE;
        if (ev)
            ev->err = BLE_ERR_TIMEOUT;
    }
    if (g->init_state == BLE_GAP_INIT_ON && g->init_deadline != BLE_NO_DEADLINE &&
        ble_time_reached(now, g->init_deadline) &&
        ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_CONNECT_CANCEL_) == BLE_OK) {
        /* the host's connect timeout: cancel; Connection Complete follows */
        g->init_state = BLE_GAP_INIT_CANCELLING;
        g->init_deadline = BLE_NO_DEADLINE;
        g->init_timed_out = 1;
        ble_gap_settle_(g, now);
    }
    if (ble_gap_sync_busy_(g) && g->syncs[g->sync_idx].state == BLE_GAP_SYNC_PENDING &&
        g->sync_deadline != BLE_NO_DEADLINE && ble_time_reached(now, g->sync_deadline) &&
        ble_gap_push_proc_(g, now, &pr, BLE_GAP_P_SYNC_CANCEL_) == BLE_OK) {
        pr->idx = g->sync_idx;
        g->syncs[g->sync_idx].state = BLE_GAP_SYNC_CANCELLING;
        g->sync_deadline = BLE_NO_DEADLINE;
        g->sync_timed_out = 1;
        ble_gap_settle_(g, now);
    }
    return BLE_OK;
}

BLE_DEF uint32_t ble_gap_next_deadline(const struct ble_gap *g)
{
    uint32_t d = BLE_NO_DEADLINE;
    if (g->await_op)
        d = ble_deadline_min(d, g->await_deadline);
    if ((g->init_state == BLE_GAP_INIT_ON || g->init_state == BLE_GAP_INIT_CANCELLING) &&
        g->init_deadline != BLE_NO_DEADLINE)
        d = ble_deadline_min(d, g->init_deadline);
    if (ble_gap_sync_busy_(g) &&
        (g->syncs[g->sync_idx].state == BLE_GAP_SYNC_PENDING ||
         g->syncs[g->sync_idx].state == BLE_GAP_SYNC_CANCELLING) &&
        g->sync_deadline != BLE_NO_DEADLINE)
        d = ble_deadline_min(d, g->sync_deadline);
    return d;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
