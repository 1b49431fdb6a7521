/* blekit BAP broadcast: the Broadcast Source and the Broadcast Sink of BAP 1.0
 * section 6 as step machines over HCI. Each is a caller-owned struct that
 * turns requests and HCI events into a line of HCI commands, sent one at a
 * time (the next once the previous one's Command Complete or Command Status
 * arrived), and into events for the application:
 *
 *     ble_bap_bsrc_start(&src, now, &params)        LE Set Extended Advertising
 *                                                   ... LE Create BIG
 *     ble_bap_bsrc_poll_cmd(&src, now, &host, buf, cap)   the next command packet
 *     ble_bap_bsrc_on_hci_event(&src, now, evt, len)      every HCI event
 *     ble_bap_bsrc_poll_event(&src, &ev)                  BIG created, started, ...
 *     ble_bap_bsrc_on_timer(&src, now)        at ble_bap_bsrc_next_deadline()
 *     ble_bap_bsrc_send(&src, bis_index, sdu, len); ble_bap_bsrc_poll_iso(...)
 *
 * The sink is fed extended advertising reports, periodic advertising reports,
 * BIGInfo and BIG events the same way, and ISO data packets (on_iso).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not profiles/bap_broadcast.h"
#endif

#ifndef BLE_BAP_BROADCAST_H
#define BLE_BAP_BROADCAST_H

#ifdef __cplusplus
extern "C" {
#endif

/* Octets of queued HCI commands (4 octets of header each plus parameters):
 * a source start queues its seven commands at once. */
#ifndef BLE_CFG_BAP_BCAST_CMDQ
#define BLE_CFG_BAP_BCAST_CMDQ 512
#endif
/* BISes one source sends or one sink receives. */
#ifndef BLE_CFG_BAP_BCAST_MAX_BIS
#define BLE_CFG_BAP_BCAST_MAX_BIS 4
#endif
/* Events a machine queues for the application. */
#ifndef BLE_CFG_BAP_BCAST_EVENTS
#define BLE_CFG_BAP_BCAST_EVENTS 8
#endif
/* Milliseconds a command sent may wait for its Command Complete or Command
 * Status (and the source's Create BIG and Terminate BIG for their LE
 * completion events) before the procedure fails with BLE_ERR_TIMEOUT. */
#ifndef BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS
#define BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS 2000
#endif
/* Periodic advertising data a sink gathers from report fragments (and keeps
 * as the BASE's copy). */
#ifndef BLE_CFG_BAP_BCAST_PA_MAX
#define BLE_CFG_BAP_BCAST_PA_MAX 256
#endif

/* The step a FAILED event names: a command, or the LE event that carried a
 * failure status (BIG_COMPLETE, PA_SYNC, BIG_SYNC), or a check of the kit. */
#define BLE_BAP_BCAST_STEPS(X)                                                               \
    X(NONE, "none")                                                                          \
    X(ADV_PARAMS, "LE Set Extended Advertising Parameters")                                  \
    X(ADV_DATA, "LE Set Extended Advertising Data")                                          \
    X(PA_PARAMS, "LE Set Periodic Advertising Parameters")                                   \
    X(PA_DATA, "LE Set Periodic Advertising Data")                                           \
    X(PA_ENABLE, "LE Set Periodic Advertising Enable")                                       \
    X(ADV_ENABLE, "LE Set Extended Advertising Enable")                                      \
    X(CREATE_BIG, "LE Create BIG")                                                           \
    X(BIG_COMPLETE, "LE Create BIG Complete")                                                \
    X(DATA_PATH, "LE Setup ISO Data Path")                                                   \
    X(TERMINATE_BIG, "LE Terminate BIG")                                                     \
    X(PA_DISABLE, "LE Set Periodic Advertising Enable (off)")                                \
    X(ADV_DISABLE, "LE Set Extended Advertising Enable (off)")                               \
    X(PA_CREATE_SYNC, "LE Periodic Advertising Create Sync")                                 \
    X(PA_SYNC, "LE Periodic Advertising Sync Established")                                   \
    X(BIS_CHECK, "BIS indexes against BASE and BIGInfo")                                     \
    X(BIG_CREATE_SYNC, "LE BIG Create Sync")                                                 \
    X(BIG_SYNC, "LE BIG Sync Established")                                                   \
    X(BIG_TERMINATE_SYNC, "LE BIG Terminate Sync")                                           \
    X(PA_TERMINATE_SYNC, "LE Periodic Advertising Terminate Sync")                           \
    X(PA_SYNC_CANCEL, "LE Periodic Advertising Create Sync Cancel")
#define BLE_BAP_BCAST_STEP_ENUM_(n, s) BLE_BAP_BCAST_STEP_##n,
enum ble_bap_bcast_step { BLE_BAP_BCAST_STEPS(BLE_BAP_BCAST_STEP_ENUM_) BLE_BAP_BCAST_STEP_END_ };
#undef BLE_BAP_BCAST_STEP_ENUM_
BLE_API const char *ble_bap_bcast_step_name(unsigned step);

enum ble_bap_bcast_ev_type {
    BLE_BAP_BCAST_EV_NONE,
    BLE_BAP_BCAST_EV_BIG_CREATED,  /* source: BIG up, bis_handles[num_bis] */
    BLE_BAP_BCAST_EV_STARTED,      /* data paths set: source sends, sink receives */
    BLE_BAP_BCAST_EV_STOPPED,      /* stop done: idle (source: the BIS handles gone, for
                                      ble_hci_host_handle_closed(); status: the Reason
                                      when the controller ended the BIG unasked) */
    BLE_BAP_BCAST_EV_FAILED,       /* step, opcode, status (HCI) or err (kit): idle */
    BLE_BAP_BCAST_EV_ANNOUNCEMENT, /* sink: a Broadcast Audio Announcement (addr, sid, broadcast_id) */
    BLE_BAP_BCAST_EV_PA_SYNCED,    /* sink: sync_handle */
    BLE_BAP_BCAST_EV_BASE,         /* sink: a new BASE (base, valid until the next BASE) */
    BLE_BAP_BCAST_EV_BAD_BASE,     /* sink: PA data without a valid BASE (err) */
    BLE_BAP_BCAST_EV_BIG_SYNCED,   /* sink: bis_handles[num_bis] */
    BLE_BAP_BCAST_EV_SDU,          /* sink: sdu (bis_index; status; lost_before) */
    BLE_BAP_BCAST_EV_SDU_LOST,     /* sink: SDUs that did not arrive: count, or err */
    BLE_BAP_BCAST_EV_PA_LOST,      /* sink: PA sync lost */
    BLE_BAP_BCAST_EV_BIG_LOST      /* sink: BIG sync lost (status: reason) */
};

struct ble_bap_bcast_event {
    uint8_t type;             /* enum ble_bap_bcast_ev_type */
    uint8_t step;             /* FAILED: enum ble_bap_bcast_step */
    uint8_t status;           /* FAILED: HCI status; BIG_LOST: reason */
    uint16_t opcode;          /* FAILED: the command (0 for an LE event or a check;
                                 with BLE_ERR_TIMEOUT the command left unanswered) */
    int err;                  /* FAILED, BAD_BASE, SDU_LOST: a ble_err, else 0 */
    uint8_t num_bis;
    uint16_t bis_handles[BLE_CFG_BAP_BCAST_MAX_BIS];
    uint8_t addr_type, addr[6], sid;
    uint32_t broadcast_id;
    uint16_t sync_handle;
    uint8_t bis_index;        /* SDU, SDU_LOST: the BIS (1..31) */
    uint16_t count;           /* SDU_LOST: SDUs missing */
    struct ble_bap_base base; /* BASE */
    struct ble_iso_sdu sdu;   /* SDU: a view valid until the next on_iso */
};

struct ble_bap_bcast_stats {
    uint32_t ignored;         /* events for other handles, opcodes or states */
    uint32_t malformed;       /* events that did not decode */
    uint32_t pa_truncated;    /* PA data truncated or over BLE_CFG_BAP_BCAST_PA_MAX */
    uint32_t events_dropped;  /* the event queue was full */
    uint32_t timeouts;        /* procedures failed with BLE_ERR_TIMEOUT */
};

/* The machines' common parts: the command line and the event queue. */
struct ble_bap_bcast_core {
    uint16_t used;            /* octets in q */
    uint16_t await_op;        /* the command sent, awaiting its completion */
    uint8_t await_step;
    uint8_t ev_head, ev_count;
    uint32_t deadline;        /* of the completion awaited (now-based milliseconds) */
    uint8_t q[BLE_CFG_BAP_BCAST_CMDQ];
    struct ble_bap_bcast_event ev[BLE_CFG_BAP_BCAST_EVENTS];
    struct ble_bap_bcast_stats stats;
};

/* ---- Broadcast Source (BAP 1.0 6: stream configuration, establishment, release) */
enum ble_bap_bsrc_state {
    BLE_BAP_BSRC_IDLE,
    BLE_BAP_BSRC_STARTING,    /* advertising and Create BIG in progress */
    BLE_BAP_BSRC_DATA_PATH,   /* BIG up, data paths being set */
    BLE_BAP_BSRC_STREAMING,   /* send() accepted */
    BLE_BAP_BSRC_STOPPING
};

struct ble_bap_bsrc_params {
    uint8_t adv_handle;            /* 0x00..0xEF */
    uint8_t adv_sid;               /* 0x0..0xF */
    uint8_t big_handle;            /* 0x00..0xEF */
    uint8_t own_addr_type;
    uint32_t adv_interval;         /* 0.625 ms units; 0: 160 (100 ms) */
    uint16_t pa_interval;          /* 1.25 ms units; 0: 80 (100 ms) */
    uint32_t broadcast_id;         /* 24 bits */
    const uint8_t *name;           /* Broadcast Name (CSS Part A 1.22), 4..32 octets, or NULL */
    size_t name_len;
    const struct ble_bap_subgroup *subgroups; /* the BASE; BIS_index k is the BIG's BIS k */
    size_t num_subgroups;
    const struct ble_bap_qos *qos; /* a setting of Table 6.4 (ble_bap_qos_get) */
    uint8_t phy;                   /* 0x01 LE 1M, 0x02 LE 2M, 0x04 LE Coded */
    const uint8_t *broadcast_code; /* 16 octets, or NULL: unencrypted */
    uint16_t iso_len;              /* the controller's ISO_Data_Packet_Length */
};

struct ble_bap_bsrc {
    uint8_t state;                 /* enum ble_bap_bsrc_state */
    uint8_t adv_handle, big_handle, num_bis;
    uint8_t end_reason;            /* the controller ended the BIG: its Reason, for STOPPED */
    uint8_t gone;                  /* the BIG ended while the awaited command was out */
    uint16_t iso_len, max_sdu;
    uint16_t bis_handles[BLE_CFG_BAP_BCAST_MAX_BIS];
    uint16_t seq[BLE_CFG_BAP_BCAST_MAX_BIS];
    uint8_t sending[BLE_CFG_BAP_BCAST_MAX_BIS];
    uint8_t next_bis;              /* round robin of poll_iso */
    struct ble_iso_tx tx[BLE_CFG_BAP_BCAST_MAX_BIS];
    struct ble_bap_bcast_core c;
};

BLE_API void ble_bap_bsrc_init(struct ble_bap_bsrc *m);
/* Checks everything and queues the seven commands of Broadcast Audio Stream
 * configuration and establishment (Periodic
 * Advertising with the BASE, Extended Advertising with the Broadcast Audio
 * Announcement, Create BIG). BLE_OK; BLE_ERR_STATE unless idle; BLE_ERR_PARAM
 * or BLE_ERR_RANGE for bad parameters (a BIS_index over the BIS count or
 * BLE_CFG_BAP_BCAST_MAX_BIS); BLE_ERR_TOO_LONG when the data does not fit one
 * command. Nothing changes on error. */
BLE_API int ble_bap_bsrc_start(struct ble_bap_bsrc *m, uint32_t now, const struct ble_bap_bsrc_params *p);
/* Terminate BIG, then periodic and extended advertising off (Broadcast Audio
 * Stream release). BLE_ERR_STATE unless streaming. A Terminate BIG Complete
 * the controller gives unasked while streaming or setting the data paths
 * takes advertising off the same way and ends in STOPPED with its Reason;
 * one that comes before the stop's own Terminate BIG is answered lets that
 * answer's status pass. */
BLE_API int ble_bap_bsrc_stop(struct ble_bap_bsrc *m, uint32_t now);
/* One SDU for BIS bis_index (1..num_bis); the data must stay until poll_iso
 * has sent it. BLE_ERR_STATE unless streaming, BLE_ERR_RANGE for the index,
 * BLE_ERR_BUSY while the BIS's previous SDU is going out, BLE_ERR_TOO_LONG
 * over the QoS setting's Max_SDU. */
BLE_API int ble_bap_bsrc_send(struct ble_bap_bsrc *m, unsigned bis_index, const uint8_t *sdu, size_t len);
/* The next ISO data packet (after the H4 indicator): its length, or
 * BLE_ERR_AGAIN (nothing to send or, with host, no controller buffer),
 * BLE_ERR_NO_SPACE. With host, the packet is accounted there. */
BLE_API int ble_bap_bsrc_poll_iso(struct ble_bap_bsrc *m, struct ble_hci_host *host, uint8_t *buf, size_t cap);
/* The next HCI command packet (after the H4 indicator) through host (its
 * credits) or directly when host is NULL: its length or BLE_ERR_AGAIN. */
BLE_API int ble_bap_bsrc_poll_cmd(struct ble_bap_bsrc *m, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                                  size_t cap);
/* One HCI event packet (after the H4 indicator): BLE_OK or its decode error. */
BLE_API int ble_bap_bsrc_on_hci_event(struct ble_bap_bsrc *m, uint32_t now, const uint8_t *evt, size_t len);
/* BLE_OK with the next event, BLE_ERR_AGAIN when none. */
BLE_API int ble_bap_bsrc_poll_event(struct ble_bap_bsrc *m, struct ble_bap_bcast_event *ev);
/* A command unanswered, or a Create BIG Complete / Terminate BIG Complete
 * not come, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS after: FAILED (the step, the
 * command, err BLE_ERR_TIMEOUT) and idle. Always BLE_OK. */
BLE_API int ble_bap_bsrc_on_timer(struct ble_bap_bsrc *m, uint32_t now);
/* When on_timer is next due, or BLE_NO_DEADLINE. */
BLE_API uint32_t ble_bap_bsrc_next_deadline(const struct ble_bap_bsrc *m);

/* ---- Broadcast Sink (BAP 1.0 6: synchronizing to a PA and to a BIG) ---------- */
enum ble_bap_bsnk_state {
    BLE_BAP_BSNK_IDLE,
    BLE_BAP_BSNK_PA_SYNCING,  /* Create Sync sent, awaiting PA Sync Established */
    BLE_BAP_BSNK_PA_SYNCED,   /* awaiting the BASE and BIGInfo */
    BLE_BAP_BSNK_BIG_SYNCING, /* BIG Create Sync sent */
    BLE_BAP_BSNK_DATA_PATH,   /* BIG synced, data paths being set */
    BLE_BAP_BSNK_STREAMING,
    BLE_BAP_BSNK_STOPPING
};

struct ble_bap_bsnk_sync_params {
    uint8_t addr_type, addr[6], sid;  /* from an ANNOUNCEMENT event */
    uint16_t sync_timeout;            /* PA Sync_Timeout, 10 ms units; 0: 1000 */
    uint16_t big_sync_timeout;        /* 10 ms units; 0: 1000 */
    uint8_t big_handle;               /* 0x00..0xEF */
    const uint8_t *bis;               /* BIS indexes to receive (1..31) */
    size_t num_bis;                   /* 1..BLE_CFG_BAP_BCAST_MAX_BIS */
    const uint8_t *broadcast_code;    /* 16 octets, or NULL */
};

struct ble_bap_bsnk {
    uint8_t state;                    /* enum ble_bap_bsnk_state */
    uint8_t pa_synced, big_synced, base_ok, base_bad, have_biginfo, encrypted;
    uint8_t gone;                     /* stopping: the sync the awaited terminate names is lost */
    uint8_t addr_type, addr[6], sid, big_handle, num_bis;
    uint8_t bis[BLE_CFG_BAP_BCAST_MAX_BIS];
    uint8_t code[16], has_code;
    uint16_t sync_handle, big_sync_timeout, pa_len, base_len;
    uint8_t biginfo_num_bis;
    uint16_t bis_handles[BLE_CFG_BAP_BCAST_MAX_BIS];
    uint8_t pa[BLE_CFG_BAP_BCAST_PA_MAX];   /* fragments gathering */
    uint8_t base[BLE_CFG_BAP_BCAST_PA_MAX]; /* the PA data holding the BASE */
    uint8_t *store;                   /* SDU storage, split between the BISes */
    size_t store_len;
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slots[BLE_CFG_BAP_BCAST_MAX_BIS];
    struct ble_bap_bcast_core c;
};

/* store: storage for received SDUs, split evenly between the BISes synced. */
BLE_API void ble_bap_bsnk_init(struct ble_bap_bsnk *m, uint8_t *store, size_t store_len);
/* Periodic Advertising Create Sync to the announced source, then BIG
 * Create Sync with the BIS indexes once BASE and BIGInfo arrived. BLE_OK;
 * BLE_ERR_STATE unless idle; BLE_ERR_PARAM or BLE_ERR_RANGE; nothing changes
 * on error. */
BLE_API int ble_bap_bsnk_sync(struct ble_bap_bsnk *m, uint32_t now, const struct ble_bap_bsnk_sync_params *p);
/* BIG Terminate Sync and PA Terminate Sync (or Create Sync Cancel while
 * syncing). BLE_ERR_STATE when idle or stopping. A sync lost (or a pending
 * BIG sync failed) meanwhile needs no terminate: one still queued is not
 * sent, one sent completes whatever its status. A start command refused
 * after the stop does not fail it either (nothing to cancel for a Create
 * Sync or BIG Create Sync refused). The stop ends in STOPPED. */
BLE_API int ble_bap_bsnk_stop(struct ble_bap_bsnk *m, uint32_t now);
BLE_API int ble_bap_bsnk_poll_cmd(struct ble_bap_bsnk *m, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                                  size_t cap);
BLE_API int ble_bap_bsnk_on_hci_event(struct ble_bap_bsnk *m, uint32_t now, const uint8_t *evt, size_t len);
/* One ISO data packet (after the H4 indicator): BLE_OK (an SDU or a fragment
 * kept), its decode error, BLE_ERR_NOT_FOUND for another handle, or
 * ble_iso_rx_push's error (also reported as SDU_LOST). An SDU event's view
 * points into pkt (an SDU in one packet) or into the sink's storage: poll
 * the events before the next on_iso. */
BLE_API int ble_bap_bsnk_on_iso(struct ble_bap_bsnk *m, uint32_t now, const uint8_t *pkt, size_t len);
BLE_API int ble_bap_bsnk_poll_event(struct ble_bap_bsnk *m, struct ble_bap_bcast_event *ev);
/* A command unanswered BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS after it went:
 * FAILED (the step, the command, err BLE_ERR_TIMEOUT) and idle. The PA
 * and BIG syncs themselves have no host timeout: the controller ends them
 * (Sync_Timeout, BIG_Sync_Timeout), or stop() does. Always BLE_OK. */
BLE_API int ble_bap_bsnk_on_timer(struct ble_bap_bsnk *m, uint32_t now);
BLE_API uint32_t ble_bap_bsnk_next_deadline(const struct ble_bap_bsnk *m);

#ifdef __cplusplus
}
#endif

#endif /* BLE_BAP_BROADCAST_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_BAP_BROADCAST_IMPL)
#define BLE_BAP_BROADCAST_IMPL

#ifdef __cplusplus
extern "C" {
#endif

BLE_DEF const char *ble_bap_bcast_step_name(unsigned step)
{
#define BLE_BAP_BCAST_STEP_NAME_(n, s) s,
    static const char *const names[] = { BLE_BAP_BCAST_STEPS(BLE_BAP_BCAST_STEP_NAME_) };
#undef BLE_BAP_BCAST_STEP_NAME_
    return step < BLE_BAP_BCAST_STEP_END_ ? names[step] : "?";
}

/* ---- Common: command line, events ---- */

#define BLE_BAP_BCAST_REC_ 4 /* opcode (2), step, length */

static void ble_bap_bcast_core_init_(struct ble_bap_bcast_core *c)
{
    ble_memset(c, 0, sizeof *c);
}

/* Queues a command: BLE_OK or BLE_ERR_FULL (nothing queued). */
static int ble_bap_bcast_push_(struct ble_bap_bcast_core *c, uint16_t op, uint8_t step, const uint8_t *p, size_t n)
{
    if (n > 255 || c->used + BLE_BAP_BCAST_REC_ + n > sizeof c->q)
        return BLE_ERR_FULL;
    ble_put_le16(c->q + c->used, op);
    c->q[c->used + 2] = step;
    c->q[c->used + 3] = (uint8_t)n;
    if (n)
        ble_memcpy(c->q + c->used + BLE_BAP_BCAST_REC_, p, n);
    c->used = (uint16_t)(c->used + BLE_BAP_BCAST_REC_ + n);
    return BLE_OK;
}

/* Takes the queued commands of one step out of the line: how many. */
static unsigned ble_bap_bcast_drop_(struct ble_bap_bcast_core *c, uint8_t step)
{
    size_t i = 0, j, n;
    unsigned k = 0;
    while (i < c->used) {
        n = BLE_BAP_BCAST_REC_ + c->q[i + 3];
        if (c->q[i + 2] != step) {
            i += n;
            continue;
        }
        for (j = i + n; j < c->used; j++) /* overlapping: no memcpy */
            c->q[j - n] = c->q[j];
        c->used = (uint16_t)(c->used - n);
        k++;
    }
    return k;
}

static void ble_bap_bcast_flush_(struct ble_bap_bcast_core *c)
{
    c->used = 0;
    c->await_op = 0;
    c->await_step = 0;
}

static struct ble_bap_bcast_event *ble_bap_bcast_ev_(struct ble_bap_bcast_core *c, uint8_t type)
{
    struct ble_bap_bcast_event *e;
    if (c->ev_count >= BLE_CFG_BAP_BCAST_EVENTS) {
        c->stats.events_dropped++;
        return 0;
    }
    e = &c->ev[(c->ev_head + c->ev_count) % BLE_CFG_BAP_BCAST_EVENTS];
    c->ev_count++;
    ble_memset(e, 0, sizeof *e);
    e->type = type;
    e->sync_handle = 0xFFFF;
    return e;
}

static void ble_bap_bcast_fail_(struct ble_bap_bcast_core *c, uint8_t step, uint16_t op, uint8_t status, int err)
{
    struct ble_bap_bcast_event *e;
    ble_bap_bcast_flush_(c);
    e = ble_bap_bcast_ev_(c, BLE_BAP_BCAST_EV_FAILED);
    if (e) {
        e->step = step;
        e->opcode = op;
        e->status = status;
        e->err = err;
    }
}

static int ble_bap_bcast_poll_event_(struct ble_bap_bcast_core *c, struct ble_bap_bcast_event *ev)
{
    if (!c->ev_count)
        return BLE_ERR_AGAIN;
    *ev = c->ev[c->ev_head];
    c->ev_head = (uint8_t)((c->ev_head + 1) % BLE_CFG_BAP_BCAST_EVENTS);
    c->ev_count--;
    return BLE_OK;
}

/* The head of the line as a command packet, once nothing is awaited. */
static int ble_bap_bcast_poll_cmd_(struct ble_bap_bcast_core *c, uint32_t now, struct ble_hci_host *host,
                                   uint8_t *buf, size_t cap)
{
    uint16_t op;
    size_t n, i;
    int rc;
    if (c->await_op || !c->used)
        return BLE_ERR_AGAIN;
    op = ble_get_le16(c->q);
    n = c->q[3];
    if (host)
        rc = ble_hci_host_cmd(host, now, op, c->q + BLE_BAP_BCAST_REC_, n, buf, cap);
    else
        rc = ble_hci_cmd_packet(op, c->q + BLE_BAP_BCAST_REC_, n, buf, cap);
    if (rc < 0)
        return rc;
    c->await_op = op;
    c->await_step = c->q[2];
    c->deadline = ble_deadline_after(now, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
    n += BLE_BAP_BCAST_REC_;
    for (i = n; i < c->used; i++) /* the line moves up (overlapping: no memcpy) */
        c->q[i - n] = c->q[i];
    c->used = (uint16_t)(c->used - n);
    return rc;
}

/* Splits an event packet: 1 with a Command Complete/Status for the command
 * awaited (*status), 2 with an LE subevent decoded into *u (*sub), 0 when
 * it is not the machine's, or a decode error. */
static int ble_bap_bcast_event_(struct ble_bap_bcast_core *c, const uint8_t *evt, size_t len, uint8_t *status,
                                uint8_t *sub, union ble_hci_le_evt_params *u)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params e;
    int rc = ble_hci_evt_packet(evt, len, &pkt);
    if (rc == BLE_OK && pkt.code != BLE_HCI_EVT_COMMAND_COMPLETE && pkt.code != BLE_HCI_EVT_COMMAND_STATUS &&
        pkt.code != BLE_HCI_EVT_LE_META) {
        c->stats.ignored++;
        return 0;
    }
    if (rc == BLE_OK)
        rc = ble_pdu_decode(ble_hci_evt_desc(pkt.code), pkt.params.p, pkt.params.len, &e);
    if (rc != BLE_OK) {
        c->stats.malformed++;
        return rc;
    }
    switch (pkt.code) {
    case BLE_HCI_EVT_COMMAND_COMPLETE: /* Core 6.0 Vol 4 Part E 7.7.14 */
        if (!c->await_op || e.command_complete.command_opcode != c->await_op)
            break;
        if (!e.command_complete.return_parameters.len) {
            c->stats.malformed++;
            return BLE_ERR_SHORT;
        }
        *status = e.command_complete.return_parameters.p[0];
        return 1;
    case BLE_HCI_EVT_COMMAND_STATUS: /* 7.7.15 */
        if (!c->await_op || e.command_status.command_opcode != c->await_op)
            break;
        *status = e.command_status.status;
        return 1;
    default: /* 7.7.65 */
        switch (e.le_meta.subevent_code) {
        case BLE_HCI_LE_EVT_EXT_ADV_REPORT: case BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED:
        case BLE_HCI_LE_EVT_PA_REPORT: case BLE_HCI_LE_EVT_PA_SYNC_LOST:
        case BLE_HCI_LE_EVT_CREATE_BIG_COMPLETE: case BLE_HCI_LE_EVT_TERMINATE_BIG_COMPLETE:
        case BLE_HCI_LE_EVT_BIG_SYNC_ESTABLISHED: case BLE_HCI_LE_EVT_BIG_SYNC_LOST:
        case BLE_HCI_LE_EVT_BIGINFO_ADV_REPORT:
            break;
        default:
            c->stats.ignored++;
            return 0;
        }
        rc = ble_pdu_decode(ble_hci_le_evt_desc(e.le_meta.subevent_code), e.le_meta.parameters.p,
                            e.le_meta.parameters.len, u);
        if (rc != BLE_OK) {
            c->stats.malformed++;
            return rc;
        }
        *sub = e.le_meta.subevent_code;
        return 2;
    }
    c->stats.ignored++;
    return 0;
}

/* The BIS handles of Create BIG Complete / BIG Sync Established: BLE_OK or
 * BLE_ERR_MALFORMED when their count is not the one asked. */
static int ble_bap_bcast_handles_(const struct ble_arr *a, uint8_t num_bis, uint16_t *out)
{
    struct ble_hci_le_evt_bis_handle h;
    size_t i;
    if (a->n != num_bis)
        return BLE_ERR_MALFORMED;
    for (i = 0; i < num_bis; i++) {
        if (ble_arr_get(a, &ble_hci_le_evt_bis_handle_desc, i, &h) != BLE_OK ||
            !ble_hci_handle_valid(h.connection_handle))
            return BLE_ERR_MALFORMED;
    }
    for (i = 0; i < num_bis; i++) {
        (void)ble_arr_get(a, &ble_hci_le_evt_bis_handle_desc, i, &h);
        out[i] = h.connection_handle;
    }
    return BLE_OK;
}

/* LE Setup ISO Data Path (7.8.109) over HCI (Data_Path_ID 0) with the
 * transparent Codec_ID (Coding_Format 0x03): the host does the codec. */
static int ble_bap_bcast_data_paths_(struct ble_bap_bcast_core *c, const uint16_t *handles, uint8_t n,
                                     uint8_t direction)
{
    struct ble_hci_cmd_le_setup_iso_data_path d;
    uint8_t p[32];
    size_t i;
    int len;
    for (i = 0; i < n; i++) {
        ble_memset(&d, 0, sizeof d);
        d.connection_handle = handles[i];
        d.data_path_direction = direction;
        d.data_path_id = 0x00;
        d.codec_id[0] = 0x03;
        d.codec_configuration = ble_view_make(0, 0);
        len = ble_hci_cmd_le_setup_iso_data_path_encode(&d, p, sizeof p);
        if (len < 0 || ble_bap_bcast_push_(c, BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH, BLE_BAP_BCAST_STEP_DATA_PATH, p,
                                           (size_t)len) != BLE_OK)
            return BLE_ERR_FULL;
    }
    return BLE_OK;
}

/* ---- Broadcast Source ---- */

BLE_DEF void ble_bap_bsrc_init(struct ble_bap_bsrc *m)
{
    ble_memset(m, 0, sizeof *m);
    ble_bap_bcast_core_init_(&m->c);
}

/* The Broadcast Audio Announcement's AD (BAP 1.0 3.7.2.1) and the Broadcast
 * Name (CSS Part A 1.22): length or a negative ble_err. */
static int ble_bap_bsrc_adv_data_(const struct ble_bap_bsrc_params *p, uint8_t *buf, size_t cap)
{
    struct ble_gap_ad_builder b;
    uint8_t svc[5];
    int rc = ble_bap_broadcast_announcement_encode(p->broadcast_id, svc, sizeof svc);
    if (rc < 0)
        return rc;
    ble_gap_ad_builder_init(&b, buf, cap);
    if (ble_gap_ad_add(&b, BLE_GAP_AD_SERVICE_DATA16, svc, 5) < 0)
        return BLE_ERR_TOO_LONG;
    if (p->name && ble_gap_ad_add(&b, BLE_GAP_AD_BROADCAST_NAME, p->name, p->name_len) < 0)
        return BLE_ERR_TOO_LONG;
    return (int)b.len;
}

/* The Basic Audio Announcement's AD (3.7.2.2): Service Data 0x1851 + BASE. */
static int ble_bap_bsrc_pa_data_(const struct ble_bap_bsrc_params *p, uint8_t *buf, size_t cap)
{
    int rc;
    if (cap < 2)
        return BLE_ERR_TOO_LONG;
    rc = ble_bap_basic_announcement_encode(p->qos->presentation_delay, p->subgroups, p->num_subgroups, buf + 2,
                                           cap - 2);
    if (rc < 0)
        return rc == BLE_ERR_NO_SPACE ? BLE_ERR_TOO_LONG : rc;
    if (rc + 1 > 255)
        return BLE_ERR_TOO_LONG;
    buf[0] = (uint8_t)(rc + 1);
    buf[1] = BLE_GAP_AD_SERVICE_DATA16;
    return rc + 2;
}

/* Counts the BISes of the subgroups and checks their indexes run 1..n. */
static int ble_bap_bsrc_count_bis_(const struct ble_bap_bsrc_params *p, uint8_t *num)
{
    uint32_t seen = 0;
    size_t i, j, n = 0;
    for (i = 0; i < p->num_subgroups; i++) {
        const struct ble_bap_subgroup *sg = &p->subgroups[i];
        if (!sg->bis || !sg->num_bis)
            return BLE_ERR_PARAM;
        for (j = 0; j < sg->num_bis; j++) {
            uint8_t k = sg->bis[j].index;
            if (k < 1 || k > BLE_CFG_BAP_BCAST_MAX_BIS || (seen >> k & 1u))
                return BLE_ERR_RANGE;
            seen |= 1u << k;
            n++;
        }
    }
    if (!n || seen != ((1u << (n + 1)) - 2u)) /* indexes 1..n, each once */
        return BLE_ERR_RANGE;
    *num = (uint8_t)n;
    return BLE_OK;
}

static uint8_t ble_bap_adv_phy_(uint8_t iso_phy)
{
    return (uint8_t)(iso_phy == 0x02 ? 2 : iso_phy == 0x04 ? 3 : 1);
}

BLE_DEF int ble_bap_bsrc_start(struct ble_bap_bsrc *m, uint32_t now, const struct ble_bap_bsrc_params *p)
{
    struct ble_hci_cmd_le_set_ext_adv_params ap;
    struct ble_hci_cmd_le_set_ext_adv_data ad;
    struct ble_hci_cmd_le_set_pa_params pp;
    struct ble_hci_cmd_le_set_pa_data pd;
    struct ble_hci_cmd_le_set_pa_enable pe;
    struct ble_hci_cmd_le_set_ext_adv_enable ae;
    struct ble_hci_cmd_ext_adv_set set;
    struct ble_hci_cmd_le_create_big big;
    struct ble_iso_qos iq;
    uint8_t data[255], adv[255], cmd[260];
    uint8_t num_bis = 0;
    uint16_t saved = m->c.used;
    int n, dlen, alen;
    (void)now;
    if (m->state != BLE_BAP_BSRC_IDLE)
        return BLE_ERR_STATE;
    if (!p || !p->subgroups || !p->num_subgroups || !p->qos || (p->name && (p->name_len < 4 || p->name_len > 32)))
        return BLE_ERR_PARAM;
    if (p->adv_handle > 0xEF || p->adv_sid > 0x0F || p->big_handle > 0xEF || p->adv_interval > 0xFFFFFF ||
        (p->adv_interval && p->adv_interval < 0x20) || (p->pa_interval && p->pa_interval < 6) ||
        p->broadcast_id > 0xFFFFFF)
        return BLE_ERR_RANGE;
    if (p->iso_len < 5)
        return BLE_ERR_PARAM;
    n = ble_bap_bsrc_count_bis_(p, &num_bis);
    if (n != BLE_OK)
        return n;
    ble_bap_qos_to_iso(p->qos, p->phy, &iq);
    if ((n = ble_iso_big_params(p->big_handle, p->adv_handle, num_bis, &iq, 0, p->broadcast_code, &big)) != BLE_OK)
        return n;
    if ((alen = ble_bap_bsrc_adv_data_(p, adv, 251)) < 0)
        return alen;
    if ((dlen = ble_bap_bsrc_pa_data_(p, data, 252)) < 0)
        return dlen;

    /* Core 6.0 Vol 4 Part E 7.8.53: non-connectable, non-scannable,
     * undirected extended advertising (BAP 1.0 3.7.2.1) */
    ble_memset(&ap, 0, sizeof ap);
    ap.advertising_handle = p->adv_handle;
    ap.advertising_event_properties = 0x0000;
    ap.primary_advertising_interval_min = p->adv_interval ? p->adv_interval : 160;
    ap.primary_advertising_interval_max = ap.primary_advertising_interval_min;
    ap.primary_advertising_channel_map = 0x07;
    ap.own_address_type = p->own_addr_type;
    ap.advertising_tx_power = 127;
    ap.primary_advertising_phy = 0x01;
    ap.secondary_advertising_phy = ble_bap_adv_phy_(p->phy);
    ap.advertising_sid = p->adv_sid;
    n = ble_hci_cmd_le_set_ext_adv_params_encode(&ap, cmd, sizeof cmd);
    n = n < 0 ? n : ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_EXT_ADV_PARAMS, BLE_BAP_BCAST_STEP_ADV_PARAMS, cmd,
                                        (size_t)n);
    /* 7.8.54: one complete fragment, no controller fragmentation preference */
    ad.advertising_handle = p->adv_handle;
    ad.operation = 0x03;
    ad.fragment_preference = 0x01;
    ad.advertising_data = ble_view_make(adv, (size_t)alen);
    if (n == BLE_OK && (n = ble_hci_cmd_le_set_ext_adv_data_encode(&ad, cmd, sizeof cmd)) >= 0)
        n = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_EXT_ADV_DATA, BLE_BAP_BCAST_STEP_ADV_DATA, cmd, (size_t)n);
    /* 7.8.61 */
    pp.advertising_handle = p->adv_handle;
    pp.periodic_advertising_interval_min = p->pa_interval ? p->pa_interval : 80;
    pp.periodic_advertising_interval_max = pp.periodic_advertising_interval_min;
    pp.periodic_advertising_properties = 0;
    if (n == BLE_OK && (n = ble_hci_cmd_le_set_pa_params_encode(&pp, cmd, sizeof cmd)) >= 0)
        n = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_PA_PARAMS, BLE_BAP_BCAST_STEP_PA_PARAMS, cmd, (size_t)n);
    /* 7.8.62 */
    pd.advertising_handle = p->adv_handle;
    pd.operation = 0x03;
    pd.advertising_data = ble_view_make(data, (size_t)dlen);
    if (n == BLE_OK && (n = ble_hci_cmd_le_set_pa_data_encode(&pd, cmd, sizeof cmd)) >= 0)
        n = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_PA_DATA, BLE_BAP_BCAST_STEP_PA_DATA, cmd, (size_t)n);
    /* 7.8.63 */
    pe.enable = 0x01;
    pe.advertising_handle = p->adv_handle;
    if (n == BLE_OK && (n = ble_hci_cmd_le_set_pa_enable_encode(&pe, cmd, sizeof cmd)) >= 0)
        n = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_PA_ENABLE, BLE_BAP_BCAST_STEP_PA_ENABLE, cmd, (size_t)n);
    /* 7.8.56 */
    set.advertising_handle = p->adv_handle;
    set.duration = 0;
    set.max_extended_advertising_events = 0;
    ae.enable = 0x01;
    ae.sets.n = 1;
    ae.sets.raw = ble_view_make(0, 0);
    ae.sets.items = &set;
    if (n == BLE_OK && (n = ble_hci_cmd_le_set_ext_adv_enable_encode(&ae, cmd, sizeof cmd)) >= 0)
        n = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE, BLE_BAP_BCAST_STEP_ADV_ENABLE, cmd,
                                (size_t)n);
    /* 7.8.103 */
    if (n == BLE_OK && (n = ble_hci_cmd_le_create_big_encode(&big, cmd, sizeof cmd)) >= 0)
        n = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_CREATE_BIG, BLE_BAP_BCAST_STEP_CREATE_BIG, cmd, (size_t)n);
    if (n != BLE_OK) {
        m->c.used = saved;
        return n < 0 ? n : BLE_ERR_FULL;
    }
    m->adv_handle = p->adv_handle;
    m->big_handle = p->big_handle;
    m->num_bis = num_bis;
    m->iso_len = p->iso_len;
    m->max_sdu = big.max_sdu;
    m->end_reason = 0;
    ble_memset(m->seq, 0, sizeof m->seq);
    ble_memset(m->sending, 0, sizeof m->sending);
    m->state = BLE_BAP_BSRC_STARTING;
    return BLE_OK;
}

BLE_DEF int ble_bap_bsrc_stop(struct ble_bap_bsrc *m, uint32_t now)
{
    uint8_t cmd[2];
    (void)now;
    if (m->state != BLE_BAP_BSRC_STREAMING)
        return BLE_ERR_STATE;
    cmd[0] = m->big_handle; /* 7.8.105 */
    cmd[1] = 0x16;          /* Connection Terminated by Local Host */
    if (ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_TERMINATE_BIG, BLE_BAP_BCAST_STEP_TERMINATE_BIG, cmd, 2) != BLE_OK)
        return BLE_ERR_FULL;
    m->end_reason = 0;
    ble_memset(m->sending, 0, sizeof m->sending);
    m->state = BLE_BAP_BSRC_STOPPING;
    return BLE_OK;
}

/* After Terminate BIG Complete: periodic, then extended advertising off. */
static void ble_bap_bsrc_adv_off_(struct ble_bap_bsrc *m)
{
    uint8_t cmd[6];
    cmd[0] = 0x00; /* 7.8.63 Enable */
    cmd[1] = m->adv_handle;
    (void)ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_PA_ENABLE, BLE_BAP_BCAST_STEP_PA_DISABLE, cmd, 2);
    cmd[0] = 0x00; /* 7.8.56 Enable, Num_Sets 1, handle, Duration, Max events */
    cmd[1] = 0x01;
    cmd[2] = m->adv_handle;
    cmd[3] = cmd[4] = cmd[5] = 0;
    (void)ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_SET_EXT_ADV_ENABLE, BLE_BAP_BCAST_STEP_ADV_DISABLE, cmd, 6);
}

BLE_DEF int ble_bap_bsrc_send(struct ble_bap_bsrc *m, unsigned bis_index, const uint8_t *sdu, size_t len)
{
    struct ble_iso_tx t;
    int rc;
    if (m->state != BLE_BAP_BSRC_STREAMING)
        return BLE_ERR_STATE;
    if (bis_index < 1 || bis_index > m->num_bis)
        return BLE_ERR_RANGE;
    if (m->sending[bis_index - 1])
        return BLE_ERR_BUSY;
    if (len > m->max_sdu) /* the BIG's Max_SDU (7.8.103) */
        return BLE_ERR_TOO_LONG;
    rc = ble_iso_tx_init(&t, m->bis_handles[bis_index - 1], m->iso_len, m->seq[bis_index - 1], 0, 0,
                         ble_view_make(sdu, len));
    if (rc != BLE_OK)
        return rc;
    m->tx[bis_index - 1] = t;
    m->seq[bis_index - 1]++;
    m->sending[bis_index - 1] = 1;
    return BLE_OK;
}

BLE_DEF int ble_bap_bsrc_poll_iso(struct ble_bap_bsrc *m, struct ble_hci_host *host, uint8_t *buf, size_t cap)
{
    size_t k;
    int n;
    for (k = 0; k < m->num_bis; k++) {
        size_t i = (m->next_bis + k) % m->num_bis;
        struct ble_iso_tx save;
        if (!m->sending[i])
            continue;
        if (host && ble_hci_host_iso_can_send(host) != BLE_OK)
            return BLE_ERR_AGAIN;
        save = m->tx[i];
        n = ble_iso_tx_next(&m->tx[i], buf, cap);
        if (n < 0)
            return n;
        if (host && ble_hci_host_iso_sent(host, m->tx[i].handle) != BLE_OK) {
            m->tx[i] = save; /* not granted: the packet goes again */
            return BLE_ERR_AGAIN;
        }
        if (m->tx[i].off >= m->tx[i].sdu.len)
            m->sending[i] = 0;
        m->next_bis = (uint8_t)((i + 1) % m->num_bis);
        return n;
    }
    return BLE_ERR_AGAIN;
}

BLE_DEF int ble_bap_bsrc_poll_cmd(struct ble_bap_bsrc *m, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                                  size_t cap)
{
    return ble_bap_bcast_poll_cmd_(&m->c, now, host, buf, cap);
}

static void ble_bap_bsrc_fail_(struct ble_bap_bsrc *m, uint8_t step, uint16_t op, uint8_t status, int err)
{
    ble_bap_bcast_fail_(&m->c, step, op, status, err);
    ble_memset(m->sending, 0, sizeof m->sending);
    m->gone = 0;
    m->state = BLE_BAP_BSRC_IDLE;
}

BLE_DEF int ble_bap_bsrc_on_hci_event(struct ble_bap_bsrc *m, uint32_t now, const uint8_t *evt, size_t len)
{
    union ble_hci_le_evt_params u;
    struct ble_bap_bcast_event *e;
    uint8_t status = 0, sub = 0;
    int rc = ble_bap_bcast_event_(&m->c, evt, len, &status, &sub, &u);
    if (rc <= 0)
        return rc;
    if (rc == 1) { /* the awaited command completed */
        uint16_t op = m->c.await_op;
        uint8_t step = m->c.await_step, gone = m->gone;
        m->c.await_op = 0;
        m->gone = 0;
        if (status != BLE_HCI_SUCCESS && !gone) {
            ble_bap_bsrc_fail_(m, step, op, status, BLE_OK);
            return BLE_OK;
        }
        if (gone && step == BLE_BAP_BCAST_STEP_TERMINATE_BIG) { /* its Complete came first */
            ble_bap_bsrc_adv_off_(m);
            return BLE_OK;
        }
        if (step == BLE_BAP_BCAST_STEP_CREATE_BIG || step == BLE_BAP_BCAST_STEP_TERMINATE_BIG) /* its LE event next */
            m->c.deadline = ble_deadline_after(now, BLE_CFG_BAP_BCAST_CMD_TIMEOUT_MS);
        if (step == BLE_BAP_BCAST_STEP_DATA_PATH && !m->c.used && m->state == BLE_BAP_BSRC_DATA_PATH) {
            m->state = BLE_BAP_BSRC_STREAMING;
            if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_STARTED)) != 0) {
                e->num_bis = m->num_bis;
                ble_memcpy(e->bis_handles, m->bis_handles, sizeof m->bis_handles);
            }
        } else if (step == BLE_BAP_BCAST_STEP_ADV_DISABLE && m->state == BLE_BAP_BSRC_STOPPING) {
            m->state = BLE_BAP_BSRC_IDLE;
            if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_STOPPED)) != 0) { /* the BISes gone */
                e->status = m->end_reason;
                e->num_bis = m->num_bis;
                ble_memcpy(e->bis_handles, m->bis_handles, sizeof m->bis_handles);
            }
        }
        return BLE_OK;
    }
    switch (sub) {
    case BLE_HCI_LE_EVT_CREATE_BIG_COMPLETE: /* 7.7.65.27 */
        if (m->state != BLE_BAP_BSRC_STARTING || m->c.used || u.create_big_complete.big_handle != m->big_handle) {
            m->c.stats.ignored++;
            break;
        }
        if (u.create_big_complete.status != BLE_HCI_SUCCESS) {
            ble_bap_bsrc_fail_(m, BLE_BAP_BCAST_STEP_BIG_COMPLETE, 0, u.create_big_complete.status, BLE_OK);
            break;
        }
        if (ble_bap_bcast_handles_(&u.create_big_complete.connection_handles, m->num_bis, m->bis_handles) !=
            BLE_OK) {
            ble_bap_bsrc_fail_(m, BLE_BAP_BCAST_STEP_BIG_COMPLETE, 0, 0, BLE_ERR_MALFORMED);
            break;
        }
        (void)ble_bap_bcast_data_paths_(&m->c, m->bis_handles, m->num_bis, 0x00); /* input: host to controller */
        m->state = BLE_BAP_BSRC_DATA_PATH;
        if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_BIG_CREATED)) != 0) {
            e->num_bis = m->num_bis;
            ble_memcpy(e->bis_handles, m->bis_handles, sizeof m->bis_handles);
        }
        break;
    case BLE_HCI_LE_EVT_TERMINATE_BIG_COMPLETE: /* 7.7.65.28 */
        if ((m->state == BLE_BAP_BSRC_STREAMING || m->state == BLE_BAP_BSRC_DATA_PATH) &&
            u.terminate_big_complete.big_handle == m->big_handle) {
            /* the controller ended the BIG unasked: no more data paths,
             * advertising goes too */
            ble_memset(m->sending, 0, sizeof m->sending);
            m->end_reason = u.terminate_big_complete.reason;
            (void)ble_bap_bcast_drop_(&m->c, BLE_BAP_BCAST_STEP_DATA_PATH);
            m->gone = m->c.await_op ? 1 : 0;
            m->state = BLE_BAP_BSRC_STOPPING;
            ble_bap_bsrc_adv_off_(m);
            break;
        }
        if (m->state == BLE_BAP_BSRC_STOPPING && m->c.await_op && m->c.await_step == BLE_BAP_BCAST_STEP_TERMINATE_BIG &&
            u.terminate_big_complete.big_handle == m->big_handle) {
            m->gone = 1; /* ended before the Terminate BIG took: whatever its status, advertising next */
            break;
        }
        if (m->state != BLE_BAP_BSRC_STOPPING || m->c.await_op || m->c.used ||
            u.terminate_big_complete.big_handle != m->big_handle) {
            m->c.stats.ignored++;
            break;
        }
        ble_bap_bsrc_adv_off_(m);
        break;
    default:
        m->c.stats.ignored++;
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_bap_bsrc_poll_event(struct ble_bap_bsrc *m, struct ble_bap_bcast_event *ev)
{
    return ble_bap_bcast_poll_event_(&m->c, ev);
}

/* A completion awaited: a command's, or (nothing queued nor awaited) the
 * Create BIG Complete of a start or the Terminate BIG Complete of a stop. */
static int ble_bap_bsrc_waiting_(const struct ble_bap_bsrc *m)
{
    return m->c.await_op ||
           ((m->state == BLE_BAP_BSRC_STARTING || m->state == BLE_BAP_BSRC_STOPPING) && !m->c.used);
}

BLE_DEF int ble_bap_bsrc_on_timer(struct ble_bap_bsrc *m, uint32_t now)
{
    uint16_t op = BLE_HCI_CMD_LE_TERMINATE_BIG;
    uint8_t step = BLE_BAP_BCAST_STEP_TERMINATE_BIG;
    if (!ble_bap_bsrc_waiting_(m) || !ble_time_reached(now, m->c.deadline))
        return BLE_OK;
    if (m->c.await_op) {
        op = m->c.await_op;
        step = m->c.await_step;
    } else if (m->state == BLE_BAP_BSRC_STARTING) {
        op = BLE_HCI_CMD_LE_CREATE_BIG;
        step = BLE_BAP_BCAST_STEP_BIG_COMPLETE;
    }
    m->c.stats.timeouts++;
    ble_bap_bsrc_fail_(m, step, op, 0, BLE_ERR_TIMEOUT);
    return BLE_OK;
}

BLE_DEF uint32_t ble_bap_bsrc_next_deadline(const struct ble_bap_bsrc *m)
{
    return ble_bap_bsrc_waiting_(m) ? m->c.deadline : BLE_NO_DEADLINE;
}

/* ---- Broadcast Sink ---- */

BLE_DEF void ble_bap_bsnk_init(struct ble_bap_bsnk *m, uint8_t *store, size_t store_len)
{
    ble_memset(m, 0, sizeof *m);
    ble_bap_bcast_core_init_(&m->c);
    m->store = store;
    m->store_len = store ? store_len : 0;
    m->sync_handle = 0xFFFF;
    ble_iso_rx_init(&m->rx, m->slots, BLE_CFG_BAP_BCAST_MAX_BIS);
}

static void ble_bap_bsnk_detach_(struct ble_bap_bsnk *m)
{
    size_t i;
    if (m->big_synced)
        for (i = 0; i < m->num_bis; i++)
            ble_iso_rx_detach(&m->rx, m->bis_handles[i]);
    m->big_synced = 0;
}

static void ble_bap_bsnk_idle_(struct ble_bap_bsnk *m)
{
    ble_bap_bsnk_detach_(m);
    m->state = BLE_BAP_BSNK_IDLE;
    m->pa_synced = 0;
    m->gone = 0;
    m->sync_handle = 0xFFFF;
}

/* Stopping, a sync lost: its terminate still queued is not sent, the one
 * awaited completes whatever its status; STOPPED once nothing is left. */
static int ble_bap_bsnk_lost_stopping_(struct ble_bap_bsnk *m, uint8_t step)
{
    int took = ble_bap_bcast_drop_(&m->c, step) != 0;
    if (m->c.await_op && m->c.await_step == step) {
        m->gone = 1;
        took = 1;
    }
    if (took && !m->c.used && !m->c.await_op) {
        ble_bap_bsnk_idle_(m);
        (void)ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_STOPPED);
    }
    return took;
}

static void ble_bap_bsnk_fail_(struct ble_bap_bsnk *m, uint8_t step, uint16_t op, uint8_t status, int err)
{
    uint16_t sh = m->pa_synced ? m->sync_handle : 0xFFFF;
    ble_bap_bcast_fail_(&m->c, step, op, status, err);
    ble_bap_bsnk_idle_(m);
    if (m->c.ev_count) /* the FAILED event names a PA sync the controller still holds */
        m->c.ev[(m->c.ev_head + m->c.ev_count - 1) % BLE_CFG_BAP_BCAST_EVENTS].sync_handle = sh;
}

BLE_DEF int ble_bap_bsnk_sync(struct ble_bap_bsnk *m, uint32_t now, const struct ble_bap_bsnk_sync_params *p)
{
    struct ble_hci_cmd_le_pa_create_sync c;
    uint8_t cmd[16];
    size_t i, j;
    int n;
    (void)now;
    if (m->state != BLE_BAP_BSNK_IDLE)
        return BLE_ERR_STATE;
    if (!p || !p->bis || !p->num_bis || p->num_bis > BLE_CFG_BAP_BCAST_MAX_BIS)
        return BLE_ERR_PARAM;
    if (p->sid > 0x0F || p->addr_type > 0x03 || p->big_handle > 0xEF || (p->sync_timeout && p->sync_timeout < 0x0A) ||
        p->sync_timeout > 0x4000 || (p->big_sync_timeout && p->big_sync_timeout < 0x0A) ||
        p->big_sync_timeout > 0x4000)
        return BLE_ERR_RANGE;
    for (i = 0; i < p->num_bis; i++) {
        if (p->bis[i] < 1 || p->bis[i] > 31)
            return BLE_ERR_RANGE;
        for (j = 0; j < i; j++)
            if (p->bis[j] == p->bis[i])
                return BLE_ERR_PARAM;
    }
    /* Core 6.0 Vol 4 Part E 7.8.67: this advertiser and SID, reports on */
    ble_memset(&c, 0, sizeof c);
    c.options = 0x00;
    c.advertising_sid = p->sid;
    c.advertiser_address_type = p->addr_type;
    ble_memcpy(c.advertiser_address, p->addr, 6);
    c.skip = 0;
    c.sync_timeout = p->sync_timeout ? p->sync_timeout : 1000;
    c.sync_cte_type = 0;
    n = ble_hci_cmd_le_pa_create_sync_encode(&c, cmd, sizeof cmd);
    if (n < 0)
        return n;
    if (ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_PA_CREATE_SYNC, BLE_BAP_BCAST_STEP_PA_CREATE_SYNC, cmd,
                            (size_t)n) != BLE_OK)
        return BLE_ERR_FULL;
    m->addr_type = p->addr_type;
    ble_memcpy(m->addr, p->addr, 6);
    m->sid = p->sid;
    m->big_handle = p->big_handle;
    m->big_sync_timeout = p->big_sync_timeout ? p->big_sync_timeout : 1000;
    m->num_bis = (uint8_t)p->num_bis;
    ble_memcpy(m->bis, p->bis, p->num_bis);
    m->has_code = p->broadcast_code ? 1 : 0;
    if (p->broadcast_code)
        ble_memcpy(m->code, p->broadcast_code, 16);
    else
        ble_memset(m->code, 0, 16);
    m->base_ok = m->base_bad = m->have_biginfo = 0;
    m->pa_len = m->base_len = 0;
    m->state = BLE_BAP_BSNK_PA_SYNCING;
    return BLE_OK;
}

BLE_DEF int ble_bap_bsnk_stop(struct ble_bap_bsnk *m, uint32_t now)
{
    uint8_t cmd[2];
    uint16_t used = m->c.used;
    int rc = BLE_OK;
    (void)now;
    if (m->state == BLE_BAP_BSNK_IDLE || m->state == BLE_BAP_BSNK_STOPPING)
        return BLE_ERR_STATE;
    if (m->state == BLE_BAP_BSNK_PA_SYNCING) { /* 7.8.68: no parameters */
        m->c.used = 0; /* Create Sync still queued: nothing to cancel */
        if (!used)
            rc = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_PA_CREATE_SYNC_CANCEL, BLE_BAP_BCAST_STEP_PA_SYNC_CANCEL, 0,
                                     0);
    } else {
        m->c.used = 0; /* drop commands not sent (data paths, BIG Create Sync) */
        /* 7.8.107, for a BIG Create Sync sent (one still queued is dropped) */
        if (m->state > BLE_BAP_BSNK_BIG_SYNCING || (m->state == BLE_BAP_BSNK_BIG_SYNCING && !used)) {
            cmd[0] = m->big_handle;
            rc = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_BIG_TERMINATE_SYNC, BLE_BAP_BCAST_STEP_BIG_TERMINATE_SYNC,
                                     cmd, 1);
        }
        if (rc == BLE_OK && m->pa_synced) { /* 7.8.69 */
            ble_put_le16(cmd, m->sync_handle);
            rc = ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_PA_TERMINATE_SYNC, BLE_BAP_BCAST_STEP_PA_TERMINATE_SYNC,
                                     cmd, 2);
        }
    }
    if (rc != BLE_OK) {
        m->c.used = used;
        return rc;
    }
    ble_bap_bsnk_detach_(m);
    m->state = BLE_BAP_BSNK_STOPPING;
    if (!m->c.used && !m->c.await_op) {
        ble_bap_bsnk_idle_(m);
        (void)ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_STOPPED);
    }
    return BLE_OK;
}

BLE_DEF int ble_bap_bsnk_poll_cmd(struct ble_bap_bsnk *m, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                                  size_t cap)
{
    return ble_bap_bcast_poll_cmd_(&m->c, now, host, buf, cap);
}

/* A BIS index in the BASE? */
static int ble_bap_bsnk_in_base_(const struct ble_bap_base *b, uint8_t index)
{
    struct ble_bap_base_it it, bit;
    struct ble_bap_subgroup sg;
    struct ble_bap_bis bis;
    ble_bap_base_it_init(&it, b);
    while (ble_bap_subgroup_next(&it, &sg) == BLE_OK) {
        ble_bap_bis_it_init(&bit, &sg);
        while (ble_bap_bis_next(&bit, &bis) == BLE_OK)
            if (bis.index == index)
                return 1;
    }
    return 0;
}

/* The Basic Audio Announcement in PA data: BLE_OK with the BASE,
 * BLE_ERR_NOT_FOUND without one, or the BASE's decode error. */
static int ble_bap_bsnk_find_base_(const uint8_t *p, size_t len, struct ble_bap_base *out)
{
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    int rc;
    ble_gap_ad_it_init(&it, p, len);
    while ((rc = ble_gap_ad_next(&it, &s)) == 1) {
        if (s.type != BLE_GAP_AD_SERVICE_DATA16 || s.data.len < 2 ||
            ble_get_le16(s.data.p) != BLE_BAP_UUID_BASIC_AUDIO_ANNOUNCEMENT)
            continue;
        return ble_bap_basic_announcement_decode(s.data.p, s.data.len, out);
    }
    return rc < 0 ? rc : BLE_ERR_NOT_FOUND;
}

/* BASE and BIGInfo known: BIG Create Sync (7.8.106) for the BIS indexes
 * asked, each checked against both first. */
static void ble_bap_bsnk_try_big_(struct ble_bap_bsnk *m)
{
    struct ble_hci_cmd_le_big_create_sync c;
    struct ble_hci_cmd_bis_index idx[BLE_CFG_BAP_BCAST_MAX_BIS];
    struct ble_bap_base b;
    uint8_t cmd[64];
    size_t i;
    int n;
    if (m->state != BLE_BAP_BSNK_PA_SYNCED || !m->base_ok || !m->have_biginfo || m->c.used || m->c.await_op)
        return;
    (void)ble_bap_bsnk_find_base_(m->base, m->base_len, &b);
    for (i = 0; i < m->num_bis; i++)
        if (!ble_bap_bsnk_in_base_(&b, m->bis[i]) || m->bis[i] > m->biginfo_num_bis) {
            ble_bap_bsnk_fail_(m, BLE_BAP_BCAST_STEP_BIS_CHECK, 0, 0, BLE_ERR_NOT_FOUND);
            return;
        }
    if (m->encrypted && !m->has_code) {
        ble_bap_bsnk_fail_(m, BLE_BAP_BCAST_STEP_BIS_CHECK, 0, 0, BLE_ERR_PARAM);
        return;
    }
    ble_memset(&c, 0, sizeof c);
    c.big_handle = m->big_handle;
    c.sync_handle = m->sync_handle;
    c.encryption = m->encrypted;
    ble_memcpy(c.broadcast_code, m->code, 16);
    c.mse = 0;
    c.big_sync_timeout = m->big_sync_timeout;
    for (i = 0; i < m->num_bis; i++)
        idx[i].bis = m->bis[i];
    c.bis.n = m->num_bis;
    c.bis.raw = ble_view_make(0, 0);
    c.bis.items = idx;
    n = ble_hci_cmd_le_big_create_sync_encode(&c, cmd, sizeof cmd);
    if (n < 0 || ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_BIG_CREATE_SYNC, BLE_BAP_BCAST_STEP_BIG_CREATE_SYNC, cmd,
                                     (size_t)n) != BLE_OK)
        return;
    m->state = BLE_BAP_BSNK_BIG_SYNCING;
}

/* One complete PA data unit: a new BASE, a bad one, or the same again. */
static void ble_bap_bsnk_pa_data_(struct ble_bap_bsnk *m, const uint8_t *p, size_t len)
{
    struct ble_bap_base b;
    struct ble_bap_bcast_event *e;
    int rc;
    if (m->base_ok && len == m->base_len && !ble_memneq(p, m->base, len))
        return; /* the same BASE, every periodic interval */
    rc = ble_bap_bsnk_find_base_(p, len, &b);
    if (rc != BLE_OK) {
        if (!m->base_bad && (e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_BAD_BASE)) != 0)
            e->err = rc;
        m->base_bad = 1;
        return;
    }
    ble_memcpy(m->base, p, len);
    m->base_len = (uint16_t)len;
    m->base_ok = 1;
    m->base_bad = 0;
    if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_BASE)) != 0) {
        (void)ble_bap_bsnk_find_base_(m->base, m->base_len, &e->base);
        e->sync_handle = m->sync_handle;
    }
    ble_bap_bsnk_try_big_(m);
}

static void ble_bap_bsnk_adv_report_(struct ble_bap_bsnk *m, const struct ble_arr *reports)
{
    struct ble_hci_le_evt_ext_adv_report_entry r;
    struct ble_gap_ad_it it;
    struct ble_gap_ad_struct s;
    struct ble_bap_bcast_event *e;
    uint32_t id;
    size_t i;
    for (i = 0; i < reports->n; i++) {
        if (ble_arr_get(reports, &ble_hci_le_evt_ext_adv_report_entry_desc, i, &r) != BLE_OK)
            break;
        if (r.event_type & 0x0070) /* legacy, or data incomplete or truncated (7.7.65.13) */
            continue;
        ble_gap_ad_it_init(&it, r.data.p, r.data.len);
        while (ble_gap_ad_next(&it, &s) == 1) {
            if (s.type != BLE_GAP_AD_SERVICE_DATA16 ||
                ble_bap_broadcast_announcement_decode(s.data.p, s.data.len, &id) != BLE_OK)
                continue;
            if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_ANNOUNCEMENT)) != 0) {
                e->addr_type = r.address_type;
                ble_memcpy(e->addr, r.address, 6);
                e->sid = r.advertising_sid;
                e->broadcast_id = id;
            }
            break;
        }
    }
}

BLE_DEF int ble_bap_bsnk_on_hci_event(struct ble_bap_bsnk *m, uint32_t now, const uint8_t *evt, size_t len)
{
    union ble_hci_le_evt_params u;
    struct ble_bap_bcast_event *e;
    uint8_t status = 0, sub = 0;
    int rc = ble_bap_bcast_event_(&m->c, evt, len, &status, &sub, &u);
    (void)now;
    if (rc <= 0)
        return rc;
    if (rc == 1) {
        uint16_t op = m->c.await_op;
        uint8_t step = m->c.await_step, gone = m->gone;
        m->c.await_op = 0;
        m->gone = 0;
        if (status != BLE_HCI_SUCCESS && m->state == BLE_BAP_BSNK_STOPPING &&
            (step == BLE_BAP_BCAST_STEP_PA_CREATE_SYNC || step == BLE_BAP_BCAST_STEP_BIG_CREATE_SYNC ||
             step == BLE_BAP_BCAST_STEP_DATA_PATH)) {
            /* a start command refused after the stop: the stop goes on,
             * without cancelling or terminating a sync never begun */
            (void)ble_bap_bcast_drop_(&m->c, step == BLE_BAP_BCAST_STEP_PA_CREATE_SYNC
                                                 ? BLE_BAP_BCAST_STEP_PA_SYNC_CANCEL
                                                 : step == BLE_BAP_BCAST_STEP_BIG_CREATE_SYNC
                                                       ? BLE_BAP_BCAST_STEP_BIG_TERMINATE_SYNC
                                                       : BLE_BAP_BCAST_STEP_NONE);
            gone = 1;
        }
        if (status != BLE_HCI_SUCCESS && step != BLE_BAP_BCAST_STEP_PA_SYNC_CANCEL && !gone) {
            ble_bap_bsnk_fail_(m, step, op, status, BLE_OK);
            return BLE_OK;
        }
        if (step == BLE_BAP_BCAST_STEP_DATA_PATH && !m->c.used && m->state == BLE_BAP_BSNK_DATA_PATH) {
            m->state = BLE_BAP_BSNK_STREAMING;
            if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_STARTED)) != 0) {
                e->num_bis = m->num_bis;
                ble_memcpy(e->bis_handles, m->bis_handles, sizeof m->bis_handles);
            }
        } else if (m->state == BLE_BAP_BSNK_STOPPING && !m->c.used) {
            ble_bap_bsnk_idle_(m);
            (void)ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_STOPPED);
        }
        return BLE_OK;
    }
    switch (sub) {
    case BLE_HCI_LE_EVT_EXT_ADV_REPORT: /* 7.7.65.13 */
        ble_bap_bsnk_adv_report_(m, &u.ext_adv_report.reports);
        break;
    case BLE_HCI_LE_EVT_PA_SYNC_ESTABLISHED: /* 7.7.65.14 */
        if (m->state == BLE_BAP_BSNK_STOPPING && !m->pa_synced && u.pa_sync_established.status == BLE_HCI_SUCCESS &&
            u.pa_sync_established.advertising_sid == m->sid &&
            !ble_memneq(u.pa_sync_established.advertiser_address, m->addr, 6)) {
            uint8_t cmd[2]; /* synced before the cancel took: terminate it (7.8.69) */
            ble_put_le16(cmd, u.pa_sync_established.sync_handle);
            if (ble_bap_bcast_push_(&m->c, BLE_HCI_CMD_LE_PA_TERMINATE_SYNC, BLE_BAP_BCAST_STEP_PA_TERMINATE_SYNC,
                                    cmd, 2) == BLE_OK) {
                m->pa_synced = 1;
                m->sync_handle = u.pa_sync_established.sync_handle;
            }
            break;
        }
        if (m->state != BLE_BAP_BSNK_PA_SYNCING || m->c.await_op || m->c.used ||
            u.pa_sync_established.advertising_sid != m->sid ||
            ble_memneq(u.pa_sync_established.advertiser_address, m->addr, 6)) {
            m->c.stats.ignored++;
            break;
        }
        if (u.pa_sync_established.status != BLE_HCI_SUCCESS) {
            ble_bap_bsnk_fail_(m, BLE_BAP_BCAST_STEP_PA_SYNC, 0, u.pa_sync_established.status, BLE_OK);
            break;
        }
        m->pa_synced = 1;
        m->sync_handle = u.pa_sync_established.sync_handle;
        m->state = BLE_BAP_BSNK_PA_SYNCED;
        if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_PA_SYNCED)) != 0)
            e->sync_handle = m->sync_handle;
        break;
    case BLE_HCI_LE_EVT_PA_REPORT: { /* 7.7.65.15: Data_Status 0 complete, 1 more to come, 2 truncated */
        const struct ble_hci_le_evt_pa_report *r = &u.pa_report;
        if (!m->pa_synced || r->sync_handle != m->sync_handle || m->state == BLE_BAP_BSNK_STOPPING) {
            m->c.stats.ignored++;
            break;
        }
        if (m->pa_len == 0xFFFF) { /* the rest of a unit already dropped */
            if (r->data_status != 1)
                m->pa_len = 0;
            break;
        }
        if (r->data_status > 1 || m->pa_len + r->data.len > sizeof m->pa) {
            m->c.stats.pa_truncated++;
            m->pa_len = (uint16_t)(r->data_status == 1 ? 0xFFFF : 0);
            break;
        }
        if (r->data.len)
            ble_memcpy(m->pa + m->pa_len, r->data.p, r->data.len);
        m->pa_len = (uint16_t)(m->pa_len + r->data.len);
        if (r->data_status == 0) {
            size_t n = m->pa_len;
            m->pa_len = 0;
            ble_bap_bsnk_pa_data_(m, m->pa, n);
        }
        break;
    }
    case BLE_HCI_LE_EVT_BIGINFO_ADV_REPORT: /* 7.7.65.34 */
        if (!m->pa_synced || u.biginfo_adv_report.sync_handle != m->sync_handle ||
            m->state != BLE_BAP_BSNK_PA_SYNCED) {
            m->c.stats.ignored++;
            break;
        }
        m->have_biginfo = 1;
        m->biginfo_num_bis = u.biginfo_adv_report.num_bis;
        m->encrypted = u.biginfo_adv_report.encryption ? 1 : 0;
        ble_bap_bsnk_try_big_(m);
        break;
    case BLE_HCI_LE_EVT_PA_SYNC_LOST: /* 7.7.65.16 */
        if (!m->pa_synced || u.pa_sync_lost.sync_handle != m->sync_handle) {
            m->c.stats.ignored++;
            break;
        }
        m->pa_synced = 0;
        m->pa_len = 0;
        if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_PA_LOST)) != 0)
            e->sync_handle = m->sync_handle;
        m->sync_handle = 0xFFFF;
        if (m->state == BLE_BAP_BSNK_PA_SYNCED) { /* no BIG: nothing left */
            ble_bap_bcast_flush_(&m->c);
            ble_bap_bsnk_idle_(m);
        } else if (m->state == BLE_BAP_BSNK_STOPPING) {
            (void)ble_bap_bsnk_lost_stopping_(m, BLE_BAP_BCAST_STEP_PA_TERMINATE_SYNC);
        }
        break;
    case BLE_HCI_LE_EVT_BIG_SYNC_ESTABLISHED: /* 7.7.65.29 */
        if (m->state == BLE_BAP_BSNK_STOPPING && u.big_sync_established.big_handle == m->big_handle &&
            u.big_sync_established.status != BLE_HCI_SUCCESS &&
            ble_bap_bsnk_lost_stopping_(m, BLE_BAP_BCAST_STEP_BIG_TERMINATE_SYNC))
            break; /* the pending sync failed before its BIG Terminate Sync went */
        if (m->state != BLE_BAP_BSNK_BIG_SYNCING || m->c.await_op || m->c.used ||
            u.big_sync_established.big_handle != m->big_handle) {
            m->c.stats.ignored++;
            break;
        }
        if (u.big_sync_established.status != BLE_HCI_SUCCESS) {
            ble_bap_bsnk_fail_(m, BLE_BAP_BCAST_STEP_BIG_SYNC, 0, u.big_sync_established.status, BLE_OK);
            break;
        }
        if (ble_bap_bcast_handles_(&u.big_sync_established.connection_handles, m->num_bis, m->bis_handles) !=
            BLE_OK) {
            ble_bap_bsnk_fail_(m, BLE_BAP_BCAST_STEP_BIG_SYNC, 0, 0, BLE_ERR_MALFORMED);
            break;
        }
        {
            size_t i, per = m->store_len / m->num_bis;
            for (i = 0; i < m->num_bis; i++)
                (void)ble_iso_rx_attach(&m->rx, m->bis_handles[i], m->store + i * per, per > 4095 ? 4095 : per);
        }
        m->big_synced = 1;
        (void)ble_bap_bcast_data_paths_(&m->c, m->bis_handles, m->num_bis, 0x01); /* output: controller to host */
        m->state = BLE_BAP_BSNK_DATA_PATH;
        if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_BIG_SYNCED)) != 0) {
            e->num_bis = m->num_bis;
            ble_memcpy(e->bis_handles, m->bis_handles, sizeof m->bis_handles);
        }
        break;
    case BLE_HCI_LE_EVT_BIG_SYNC_LOST: /* 7.7.65.30 */
        if (m->state == BLE_BAP_BSNK_STOPPING && u.big_sync_lost.big_handle == m->big_handle &&
            ble_bap_bsnk_lost_stopping_(m, BLE_BAP_BCAST_STEP_BIG_TERMINATE_SYNC))
            break;
        if (!m->big_synced || u.big_sync_lost.big_handle != m->big_handle || m->state == BLE_BAP_BSNK_STOPPING) {
            m->c.stats.ignored++;
            break;
        }
        ble_bap_bsnk_detach_(m);
        ble_bap_bcast_flush_(&m->c);
        if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_BIG_LOST)) != 0)
            e->status = u.big_sync_lost.reason;
        /* with the PA sync kept, the next BIGInfo syncs again */
        m->have_biginfo = 0;
        if (m->pa_synced)
            m->state = BLE_BAP_BSNK_PA_SYNCED;
        else
            ble_bap_bsnk_idle_(m);
        break;
    default:
        m->c.stats.ignored++;
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_bap_bsnk_on_iso(struct ble_bap_bsnk *m, uint32_t now, const uint8_t *pkt, size_t len)
{
    struct ble_iso_sdu sdu;
    struct ble_bap_bcast_event *e;
    struct ble_hci_iso h;
    size_t i;
    int rc;
    (void)now;
    rc = ble_hci_iso_decode(pkt, len, &h);
    if (rc != BLE_OK) {
        m->c.stats.malformed++;
        return rc;
    }
    if (!m->big_synced) {
        m->c.stats.ignored++;
        return BLE_ERR_NOT_FOUND;
    }
    for (i = 0; i < m->num_bis && m->bis_handles[i] != h.handle; i++)
        ;
    if (i == m->num_bis) {
        m->c.stats.ignored++;
        return BLE_ERR_NOT_FOUND;
    }
    rc = ble_iso_rx_push(&m->rx, pkt, len, &sdu);
    if (rc == BLE_ERR_AGAIN)
        return BLE_OK;
    if (rc != BLE_OK) {
        if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_SDU_LOST)) != 0) {
            e->bis_index = m->bis[i];
            e->count = 1;
            e->err = rc;
        }
        return rc;
    }
    if (sdu.lost_before && (e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_SDU_LOST)) != 0) {
        e->bis_index = m->bis[i];
        e->count = sdu.lost_before;
    }
    if ((e = ble_bap_bcast_ev_(&m->c, BLE_BAP_BCAST_EV_SDU)) != 0) {
        e->bis_index = m->bis[i];
        e->sdu = sdu;
    }
    return BLE_OK;
}

BLE_DEF int ble_bap_bsnk_poll_event(struct ble_bap_bsnk *m, struct ble_bap_bcast_event *ev)
{
    return ble_bap_bcast_poll_event_(&m->c, ev);
}

BLE_DEF int ble_bap_bsnk_on_timer(struct ble_bap_bsnk *m, uint32_t now)
{
    if (!m->c.await_op || !ble_time_reached(now, m->c.deadline))
        return BLE_OK;
    m->c.stats.timeouts++;
    ble_bap_bsnk_fail_(m, m->c.await_step, m->c.await_op, 0, BLE_ERR_TIMEOUT);
    return BLE_OK;
}

BLE_DEF uint32_t ble_bap_bsnk_next_deadline(const struct ble_bap_bsnk *m)
{
    return m->c.await_op ? m->c.deadline : BLE_NO_DEADLINE;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
