/* blekit BAP unicast server: the ASCS machine of profiles/ascs.h tied to the
 * controller's CISes and ISO data paths (BAP 1.0 5.6, ASCS 1.0 3, Core 6.0
 * Vol 4 Part E 7.7.65.25/26, 7.8.102/103/109).
 * SPDX-License-Identifier: Apache-2.0
 *
 *     struct ble_bap_srv b;  struct ble_bap_srv_cis cis[2];
 *     struct ble_iso_rx_slot rxs[2];  uint8_t rxmem[2 * 160];
 *     struct ble_bap_srv_event bq[8];
 *     struct ble_bap_srv_cfg bc = { &ascs, cis, 2, rxs, rxmem, 160, bq, 8, 0, 0 };
 *     ble_bap_srv_init(&b, &bc);
 *     ble_bap_srv_on_hci_event(&b, now, evt, len);  // every HCI event packet
 *     while ((n = ble_bap_srv_poll_cmd(&b, now, &host, buf, sizeof buf)) > 0) send(buf, n);
 *     if (ble_bap_srv_on_iso(&b, now, pkt, len, &sdu) == BLE_OK) play(sdu.ase_id, sdu.sdu.data);
 *     while (ble_bap_srv_poll_event(&b, &ev) == BLE_OK) ...
 *
 * What it does: an LE CIS Request is accepted when an ASE of that ACL is QoS
 * Configured or Enabling with the CIS's CIG_ID and CIS_ID, else rejected;
 * an established CIS is told to ASCS (ble_ascs_cis_established) and gets an
 * HCI ISO data path per direction its ASEs use (Sink ASE: output, Controller
 * to Host; Source ASE: input), Transparent codec (the host codes); so
 * does an ASE configured later onto a CIS already up (BAP 1.0 5.6.3: no new
 * CIS Established comes for it) at the next ble_bap_srv_poll_cmd() or
 * ble_bap_srv_on_hci_event(); a Sink
 * ASE in Enabling whose output path is set is made ready
 * (ble_ascs_receiver_start_ready), so it streams; a CIS disconnection is a
 * CIS loss for its ASEs (ble_ascs_cis_lost), an ACL disconnection an ACL
 * loss (ble_ascs_acl_disconnected). ISO data of a CIS goes through
 * ble_iso_rx to its streaming Sink ASE, counted per CIS. Commands go one at
 * a time, with the command credits of struct ble_hci_host when one is
 * given (as ble_gap_poll_cmd). Audio the server sends (Source ASE) goes
 * through ble_iso_tx on ble_bap_srv_cis_handle(). */
#ifndef BLE_H
#error "include ble.h, not profiles/bap_server.h"
#endif

#ifndef BLE_BAP_SERVER_H
#define BLE_BAP_SERVER_H

#ifdef __cplusplus
extern "C" {
#endif

/* Data path directions a CIS needs (bits). */
#define BLE_BAP_SRV_PATH_IN 0x01  /* Host to Controller: a Source ASE (Setup Direction 0x00) */
#define BLE_BAP_SRV_PATH_OUT 0x02 /* Controller to Host: a Sink ASE (Setup Direction 0x01) */
/* Reject reason when no ASE waits for the CIS (Vol 1 Part F 2.59). */
#define BLE_BAP_SRV_REJECT_REASON 0x3B /* Unacceptable Connection Parameters */

enum ble_bap_srv_cis_state {
    BLE_BAP_SRV_CIS_FREE,
    BLE_BAP_SRV_CIS_ACCEPT_DUE,  /* LE Accept CIS Request to send */
    BLE_BAP_SRV_CIS_ACCEPTING,   /* sent: awaiting its status, then CIS Established */
    BLE_BAP_SRV_CIS_REJECT_DUE,  /* LE Reject CIS Request to send */
    BLE_BAP_SRV_CIS_REJECTING,   /* sent: awaiting its completion */
    BLE_BAP_SRV_CIS_UP           /* established; data paths set up in turn */
};

/* One CIS of the server. */
struct ble_bap_srv_cis {
    uint16_t acl, handle;
    uint8_t state;               /* enum ble_bap_srv_cis_state */
    uint8_t cig_id, cis_id;
    uint8_t reason;              /* REJECT_DUE: the reason */
    uint8_t paths_due;           /* BLE_BAP_SRV_PATH_* still to set up */
    uint8_t paths_done;          /* set up */
    uint8_t rx;                  /* an ISO rx slot is attached */
    uint32_t sdus;               /* SDUs delivered to the Sink ASE */
    uint32_t sdus_lost;          /* reported lost by the controller or missing by sequence number */
    uint32_t sdus_dropped;       /* received while no Sink ASE of the CIS streams */
};

enum ble_bap_srv_ev_type {
    BLE_BAP_SRV_EV_CIS_ACCEPTED = 1, /* LE Accept CIS Request sent */
    BLE_BAP_SRV_EV_CIS_REJECTED,     /* LE Reject CIS Request sent: reason */
    BLE_BAP_SRV_EV_CIS_UP,           /* established */
    BLE_BAP_SRV_EV_CIS_FAILED,       /* accept refused or establishment failed: status (err on timeout) */
    BLE_BAP_SRV_EV_CIS_DOWN,         /* disconnected: reason */
    BLE_BAP_SRV_EV_PATH_READY,       /* a data path is set: dir */
    BLE_BAP_SRV_EV_PATH_FAILED,      /* LE Setup ISO Data Path failed: dir, status (err on timeout) */
    BLE_BAP_SRV_EV_ACL_DOWN          /* the ACL went: its ASEs went home */
};

struct ble_bap_srv_event {
    uint8_t type;                /* enum ble_bap_srv_ev_type */
    uint8_t status;              /* HCI status, or the disconnection / reject reason */
    uint8_t cig_id, cis_id;
    uint8_t dir;                 /* BLE_BAP_SRV_PATH_* */
    uint16_t acl, cis_handle;
    int err;                     /* BLE_ERR_TIMEOUT when the controller never answered */
};

/* A received SDU and the ASE it is for. */
struct ble_bap_srv_sdu {
    uint16_t acl;
    uint8_t ase_id;
    struct ble_iso_sdu sdu;      /* view valid until the next ISO packet of that CIS */
};

struct ble_bap_srv_stats {
    uint32_t cis_requests, cis_rejected, cis_no_slot;
    uint32_t cis_failed, unknown_handle, ignored_events, malformed, cmd_timeouts;
};

struct ble_bap_srv_cfg {
    struct ble_ascs *ascs;
    struct ble_bap_srv_cis *cis;     /* CIS slots */
    size_t n_cis;
    struct ble_iso_rx_slot *rx_slots; /* n_cis ISO reassembly slots */
    uint8_t *rx_buf;                 /* n_cis * rx_buf_per_cis octets: the largest SDU of a CIS */
    size_t rx_buf_per_cis;
    struct ble_bap_srv_event *events;
    size_t event_cap;
    uint8_t reject_reason;           /* 0: BLE_BAP_SRV_REJECT_REASON */
    uint32_t cmd_timeout_ms;         /* 0: BLE_CFG_HCI_CMD_TIMEOUT_MS */
};

struct ble_bap_srv {
    struct ble_bap_srv_cfg cfg;
    struct ble_iso_rx rx;
    struct ble_queue events;
    uint16_t await_op;               /* the command sent and not completed (0: none) */
    uint8_t await_slot, await_dir;
    uint32_t await_deadline;
    struct ble_bap_srv_stats stats;
};

/* BLE_OK; BLE_ERR_PARAM for missing storage or an rx_buf_per_cis over 4095. */
BLE_API int ble_bap_srv_init(struct ble_bap_srv *b, const struct ble_bap_srv_cfg *cfg);
/* One HCI event packet (after the H4 indicator): LE CIS Request, LE CIS
 * Established [v1, v2], Disconnection Complete, and the Command Complete /
 * Status of its own command; others are counted and ignored. BLE_OK, or the
 * decode error of a malformed event. */
BLE_API int ble_bap_srv_on_hci_event(struct ble_bap_srv *b, uint32_t now_ms, const uint8_t *evt, size_t len);
/* The next HCI command packet into buf (through host's credits when host is
 * not NULL): its length; BLE_ERR_AGAIN when none is due or one awaits its
 * completion; host's errors (BLE_ERR_AGAIN without a credit). */
BLE_API int ble_bap_srv_poll_cmd(struct ble_bap_srv *b, uint32_t now_ms, struct ble_hci_host *host,
                                 uint8_t *buf, size_t cap);
/* One ISO data packet. BLE_OK: *out holds an SDU of a streaming Sink ASE;
 * BLE_ERR_AGAIN: a fragment kept; BLE_ERR_STATE: a whole SDU no Sink ASE
 * streams for (counted in sdus_dropped); ble_iso_rx_push()'s errors. */
BLE_API int ble_bap_srv_on_iso(struct ble_bap_srv *b, uint32_t now_ms, const uint8_t *pkt, size_t len,
                               struct ble_bap_srv_sdu *out);
BLE_API int ble_bap_srv_on_timer(struct ble_bap_srv *b, uint32_t now_ms);
BLE_API uint32_t ble_bap_srv_next_deadline(const struct ble_bap_srv *b);
BLE_API int ble_bap_srv_poll_event(struct ble_bap_srv *b, struct ble_bap_srv_event *ev);
/* The established CIS of an ASE: its connection handle, or BLE_ERR_NOT_FOUND. */
BLE_API int ble_bap_srv_cis_handle(const struct ble_bap_srv *b, uint16_t acl, uint8_t ase_id);
/* The slot of a CIS handle, or NULL. */
BLE_API const struct ble_bap_srv_cis *ble_bap_srv_cis_find(const struct ble_bap_srv *b, uint16_t handle);

#ifdef __cplusplus
}
#endif

#endif /* BLE_BAP_SERVER_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_BAP_SERVER_IMPL)
#define BLE_BAP_SERVER_IMPL

#ifdef __cplusplus
extern "C" {
#endif

BLE_DEF int ble_bap_srv_init(struct ble_bap_srv *b, const struct ble_bap_srv_cfg *cfg)
{
    if (!b || !cfg || !cfg->ascs || !cfg->cis || !cfg->n_cis || cfg->n_cis > 0xFF || !cfg->rx_slots ||
        !cfg->rx_buf || !cfg->rx_buf_per_cis || cfg->rx_buf_per_cis > 4095 || !cfg->events || !cfg->event_cap)
        return BLE_ERR_PARAM;
    ble_memset(b, 0, sizeof *b);
    b->cfg = *cfg;
    ble_memset(cfg->cis, 0, cfg->n_cis * sizeof *cfg->cis);
    ble_iso_rx_init(&b->rx, cfg->rx_slots, cfg->n_cis);
    ble_queue_init(&b->events, cfg->events, sizeof *cfg->events, cfg->event_cap);
    return BLE_OK;
}

static void ble_bap_srv_ev_(struct ble_bap_srv *b, uint8_t type, const struct ble_bap_srv_cis *c,
                            uint8_t status, uint8_t dir, int err)
{
    struct ble_bap_srv_event ev;
    ble_memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.status = status;
    ev.cig_id = c->cig_id;
    ev.cis_id = c->cis_id;
    ev.dir = dir;
    ev.acl = c->acl;
    ev.cis_handle = c->handle;
    ev.err = err;
    if (ble_queue_push(&b->events, &ev) != BLE_OK)
        b->stats.ignored_events++;
}

static struct ble_bap_srv_cis *ble_bap_srv_slot_(const struct ble_bap_srv *b, uint16_t handle)
{
    size_t i;
    for (i = 0; i < b->cfg.n_cis; i++)
        if (b->cfg.cis[i].state != BLE_BAP_SRV_CIS_FREE && b->cfg.cis[i].handle == handle)
            return &b->cfg.cis[i];
    return 0;
}

/* The ASEs of acl using (cig, cis) in states from..to (only those ASCS does
 * not know the CIS is up for when late): their direction bits; *sink gets
 * the Sink ASE (or NULL). */
static uint8_t ble_bap_srv_ases_(const struct ble_bap_srv *b, uint16_t acl, uint8_t cig, uint8_t cis,
                                 uint8_t from, uint8_t to, int late, struct ble_ascs_ase **sink)
{
    const struct ble_ascs *s = b->cfg.ascs;
    size_t ci, k;
    uint8_t dirs = 0;
    if (sink)
        *sink = 0;
    for (ci = 0; ci < s->cfg.n_conns; ci++) {
        struct ble_ascs_conn *c = &s->cfg.conns[ci];
        if (!c->used || c->handle != acl)
            continue;
        for (k = 0; k < s->cfg.n_ases; k++) {
            struct ble_ascs_ase *a = &c->ases[k];
            if (a->state < from || a->state > to || a->qos.cig_id != cig || a->qos.cis_id != cis ||
                (late && a->cis_up))
                continue;
            dirs |= a->dir == BLE_ASCS_DIR_SINK ? BLE_BAP_SRV_PATH_OUT : BLE_BAP_SRV_PATH_IN;
            if (sink && a->dir == BLE_ASCS_DIR_SINK)
                *sink = a;
        }
    }
    return dirs;
}

/* The data paths of dirs are wanted on CIS c (those neither set up nor
 * awaiting their completion): an output path gets the CIS an ISO
 * reassembly slot. */
static void ble_bap_srv_want_paths_(struct ble_bap_srv *b, struct ble_bap_srv_cis *c, uint8_t dirs)
{
    if (b->await_op == BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH && b->await_slot == (size_t)(c - b->cfg.cis))
        dirs = (uint8_t)(dirs & ~b->await_dir);
    c->paths_due = (uint8_t)(c->paths_due | (dirs & ~c->paths_done));
    if ((c->paths_due & BLE_BAP_SRV_PATH_OUT) && !c->rx &&
        ble_iso_rx_attach(&b->rx, c->handle, b->cfg.rx_buf + (size_t)(c - b->cfg.cis) * b->cfg.rx_buf_per_cis,
                          b->cfg.rx_buf_per_cis) == BLE_OK)
        c->rx = 1;
}

/* An ASE put on a CIS already up (BAP 1.0 5.6.3: the client establishes a
 * CIS only when it is not) gets no CIS Established: ASCS is told the CIS is
 * up for it, and the path of its direction is set up if it is not yet (a
 * path asked for and refused is asked again only for such a newcomer).
 * A Sink ASE in Enabling whose output path is set is ready to receive. */
static void ble_bap_srv_settle_(struct ble_bap_srv *b, uint32_t now_ms)
{
    size_t i;
    for (i = 0; i < b->cfg.n_cis; i++) {
        struct ble_bap_srv_cis *c = &b->cfg.cis[i];
        struct ble_ascs_ase *a;
        uint8_t late;
        if (c->state != BLE_BAP_SRV_CIS_UP)
            continue;
        late = ble_bap_srv_ases_(b, c->acl, c->cig_id, c->cis_id, BLE_ASCS_STATE_QOS_CONFIGURED,
                                 BLE_ASCS_STATE_DISABLING, 1, 0);
        if (late) {
            ble_ascs_cis_established(b->cfg.ascs, now_ms, c->acl, c->cig_id, c->cis_id);
            ble_bap_srv_want_paths_(b, c, late);
        }
        if (!(c->paths_done & BLE_BAP_SRV_PATH_OUT))
            continue;
        ble_bap_srv_ases_(b, c->acl, c->cig_id, c->cis_id, BLE_ASCS_STATE_ENABLING, BLE_ASCS_STATE_ENABLING, 0, &a);
        if (a && !a->rx_ready && !a->pend_op)
            ble_ascs_receiver_start_ready(b->cfg.ascs, now_ms, c->acl, a->id);
    }
}

static void ble_bap_srv_free_(struct ble_bap_srv *b, struct ble_bap_srv_cis *c)
{
    if (c->rx)
        ble_iso_rx_detach(&b->rx, c->handle);
    if (b->await_op && b->await_slot == (size_t)(c - b->cfg.cis))
        b->await_op = 0; /* its completion, if it comes, matches nothing */
    c->state = BLE_BAP_SRV_CIS_FREE;
    c->rx = 0;
}

/* 7.7.65.26: accept when an ASE waits for this CIS, else reject. */
static void ble_bap_srv_cis_request_(struct ble_bap_srv *b, const struct ble_hci_le_evt_cis_request *r)
{
    struct ble_bap_srv_cis *c = 0;
    uint16_t h = (uint16_t)(r->cis_connection_handle & 0x0FFF);
    size_t i;
    b->stats.cis_requests++;
    if (ble_bap_srv_slot_(b, h)) {
        b->stats.ignored_events++; /* a handle in use: the controller repeats itself */
        return;
    }
    for (i = 0; i < b->cfg.n_cis && !c; i++)
        if (b->cfg.cis[i].state == BLE_BAP_SRV_CIS_FREE)
            c = &b->cfg.cis[i];
    if (!c) {
        b->stats.cis_no_slot++; /* left to the controller's Connection Accept Timeout */
        return;
    }
    ble_memset(c, 0, sizeof *c);
    c->acl = (uint16_t)(r->acl_connection_handle & 0x0FFF);
    c->handle = h;
    c->cig_id = r->cig_id;
    c->cis_id = r->cis_id;
    if (ble_bap_srv_ases_(b, c->acl, c->cig_id, c->cis_id, BLE_ASCS_STATE_QOS_CONFIGURED,
                          BLE_ASCS_STATE_ENABLING, 0, 0)) {
        c->state = BLE_BAP_SRV_CIS_ACCEPT_DUE;
    } else {
        c->state = BLE_BAP_SRV_CIS_REJECT_DUE;
        c->reason = b->cfg.reject_reason ? b->cfg.reject_reason : (uint8_t)BLE_BAP_SRV_REJECT_REASON;
        b->stats.cis_rejected++;
    }
}

/* 7.7.65.25 */
static void ble_bap_srv_cis_established_(struct ble_bap_srv *b, uint32_t now_ms, uint8_t status, uint16_t handle)
{
    struct ble_bap_srv_cis *c = ble_bap_srv_slot_(b, (uint16_t)(handle & 0x0FFF));
    if (!c || c->state != BLE_BAP_SRV_CIS_ACCEPTING) {
        b->stats.unknown_handle++;
        return;
    }
    if (b->await_op == BLE_HCI_CMD_LE_ACCEPT_CIS_REQUEST && b->await_slot == (size_t)(c - b->cfg.cis))
        b->await_op = 0; /* the event may overtake the Command Status */
    if (status != BLE_HCI_SUCCESS) {
        b->stats.cis_failed++;
        ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_CIS_FAILED, c, status, 0, 0);
        ble_bap_srv_free_(b, c);
        return;
    }
    c->state = BLE_BAP_SRV_CIS_UP;
    ble_bap_srv_want_paths_(b, c, ble_bap_srv_ases_(b, c->acl, c->cig_id, c->cis_id, BLE_ASCS_STATE_QOS_CONFIGURED,
                                                    BLE_ASCS_STATE_DISABLING, 0, 0));
    ble_ascs_cis_established(b->cfg.ascs, now_ms, c->acl, c->cig_id, c->cis_id);
    ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_CIS_UP, c, 0, 0, 0);
}

/* The command awaited completed with status (Command Status or Complete). */
static void ble_bap_srv_done_(struct ble_bap_srv *b, uint8_t status, int err)
{
    struct ble_bap_srv_cis *c = &b->cfg.cis[b->await_slot];
    uint16_t op = b->await_op;
    b->await_op = 0;
    switch (op) {
    case BLE_HCI_CMD_LE_ACCEPT_CIS_REQUEST: /* 7.8.102: Command Status, then CIS Established */
        if (status == BLE_HCI_SUCCESS && !err)
            break;
        b->stats.cis_failed++;
        ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_CIS_FAILED, c, status, 0, err);
        ble_bap_srv_free_(b, c);
        break;
    case BLE_HCI_CMD_LE_REJECT_CIS_REQUEST: /* 7.8.103: Command Complete; the CIS is no more */
        ble_bap_srv_free_(b, c);
        break;
    case BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH: /* 7.8.109 */
        if (status == BLE_HCI_SUCCESS && !err) {
            c->paths_done |= b->await_dir;
            ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_PATH_READY, c, 0, b->await_dir, 0);
        } else {
            ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_PATH_FAILED, c, status, b->await_dir, err);
        }
        break;
    default:
        break;
    }
}

BLE_DEF int ble_bap_srv_on_hci_event(struct ble_bap_srv *b, uint32_t now_ms, const uint8_t *evt, size_t len)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params u;
    union ble_hci_le_evt_params le;
    int rc;
    if (!b || (len && !evt))
        return BLE_ERR_PARAM;
    rc = ble_hci_evt_packet(evt, len, &pkt);
    if (rc == BLE_OK) {
        switch (pkt.code) {
        case BLE_HCI_EVT_COMMAND_COMPLETE: case BLE_HCI_EVT_COMMAND_STATUS:
        case BLE_HCI_EVT_DISCONNECTION_COMPLETE: case BLE_HCI_EVT_LE_META:
            break;
        default:
            b->stats.ignored_events++;
            return BLE_OK;
        }
        rc = ble_pdu_decode(ble_hci_evt_desc(pkt.code), pkt.params.p, pkt.params.len, &u);
    }
    if (rc == BLE_OK && pkt.code == BLE_HCI_EVT_LE_META) {
        uint8_t sub = u.le_meta.subevent_code;
        if (sub != BLE_HCI_LE_EVT_CIS_REQUEST && sub != BLE_HCI_LE_EVT_CIS_ESTABLISHED &&
            sub != BLE_HCI_LE_EVT_CIS_ESTABLISHED_V2) {
            b->stats.ignored_events++;
            return BLE_OK;
        }
        rc = ble_pdu_decode(ble_hci_le_evt_desc(sub), u.le_meta.parameters.p, u.le_meta.parameters.len, &le);
    }
    if (rc != BLE_OK) {
        b->stats.malformed++;
        return rc;
    }
    switch (pkt.code) {
    case BLE_HCI_EVT_COMMAND_COMPLETE: /* 7.7.14: Return_Parameters begin with Status */
        if (!b->await_op || u.command_complete.command_opcode != b->await_op ||
            !u.command_complete.return_parameters.len) {
            b->stats.ignored_events++;
            break;
        }
        ble_bap_srv_done_(b, u.command_complete.return_parameters.p[0], 0);
        break;
    case BLE_HCI_EVT_COMMAND_STATUS: /* 7.7.15 */
        if (!b->await_op || u.command_status.command_opcode != b->await_op ||
            (u.command_status.status == BLE_HCI_SUCCESS && b->await_op != BLE_HCI_CMD_LE_ACCEPT_CIS_REQUEST)) {
            b->stats.ignored_events++;
            break;
        }
        ble_bap_srv_done_(b, u.command_status.status, 0);
        break;
    case BLE_HCI_EVT_DISCONNECTION_COMPLETE: { /* 7.7.5 */
        uint16_t h = (uint16_t)(u.disconnection_complete.connection_handle & 0x0FFF);
        struct ble_bap_srv_cis *c = ble_bap_srv_slot_(b, h);
        size_t i;
        if (u.disconnection_complete.status != BLE_HCI_SUCCESS) {
            b->stats.ignored_events++;
            break;
        }
        if (c) {
            if (c->state == BLE_BAP_SRV_CIS_UP) {
                ble_ascs_cis_lost(b->cfg.ascs, now_ms, c->acl, c->cig_id, c->cis_id);
                ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_CIS_DOWN, c, u.disconnection_complete.reason, 0, 0);
            }
            ble_bap_srv_free_(b, c);
            break;
        }
        /* the ACL: its CISes are gone with it (Vol 6 Part B 5.1.15), then its ASEs */
        for (i = 0; i < b->cfg.n_cis; i++)
            if (b->cfg.cis[i].state != BLE_BAP_SRV_CIS_FREE && b->cfg.cis[i].acl == h)
                ble_bap_srv_free_(b, &b->cfg.cis[i]);
        if (ble_ascs_acl_disconnected(b->cfg.ascs, now_ms, h) == BLE_OK) {
            struct ble_bap_srv_cis z;
            ble_memset(&z, 0, sizeof z);
            z.acl = h;
            ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_ACL_DOWN, &z, u.disconnection_complete.reason, 0, 0);
        } else {
            b->stats.unknown_handle++;
        }
        break;
    }
    case BLE_HCI_EVT_LE_META:
        if (u.le_meta.subevent_code == BLE_HCI_LE_EVT_CIS_REQUEST)
            ble_bap_srv_cis_request_(b, &le.cis_request);
        else if (u.le_meta.subevent_code == BLE_HCI_LE_EVT_CIS_ESTABLISHED)
            ble_bap_srv_cis_established_(b, now_ms, le.cis_established.status, le.cis_established.connection_handle);
        else
            ble_bap_srv_cis_established_(b, now_ms, le.cis_established_v2.status,
                                         le.cis_established_v2.connection_handle);
        break;
    default:
        break;
    }
    ble_bap_srv_settle_(b, now_ms);
    return BLE_OK;
}

BLE_DEF int ble_bap_srv_poll_cmd(struct ble_bap_srv *b, uint32_t now_ms, struct ble_hci_host *host,
                                 uint8_t *buf, size_t cap)
{
    uint8_t p[16];
    int plen = BLE_ERR_AGAIN;
    uint16_t op = 0;
    uint8_t dir = 0;
    size_t i;
    int rc;
    if (!b)
        return BLE_ERR_PARAM;
    ble_bap_srv_settle_(b, now_ms);
    if (b->await_op)
        return BLE_ERR_AGAIN;
    for (i = 0; i < b->cfg.n_cis && plen < 0; i++) {
        struct ble_bap_srv_cis *c = &b->cfg.cis[i];
        if (c->state == BLE_BAP_SRV_CIS_ACCEPT_DUE) {
            struct ble_hci_cmd_le_accept_cis_request a; /* 7.8.102 */
            a.connection_handle = c->handle;
            op = BLE_HCI_CMD_LE_ACCEPT_CIS_REQUEST;
            plen = ble_hci_cmd_le_accept_cis_request_encode(&a, p, sizeof p);
        } else if (c->state == BLE_BAP_SRV_CIS_REJECT_DUE) {
            struct ble_hci_cmd_le_reject_cis_request r; /* 7.8.103 */
            r.connection_handle = c->handle;
            r.reason = c->reason;
            op = BLE_HCI_CMD_LE_REJECT_CIS_REQUEST;
            plen = ble_hci_cmd_le_reject_cis_request_encode(&r, p, sizeof p);
        } else if (c->state == BLE_BAP_SRV_CIS_UP && c->paths_due) {
            struct ble_hci_cmd_le_setup_iso_data_path d; /* 7.8.109 */
            static const uint8_t transparent[5] = { 0x03, 0, 0, 0, 0 };
            dir = (c->paths_due & BLE_BAP_SRV_PATH_OUT) ? BLE_BAP_SRV_PATH_OUT : BLE_BAP_SRV_PATH_IN;
            d.connection_handle = c->handle;
            d.data_path_direction = dir == BLE_BAP_SRV_PATH_OUT ? 0x01 : 0x00;
            d.data_path_id = 0x00; /* HCI */
            ble_memcpy(d.codec_id, transparent, 5);
            d.controller_delay = 0;
            d.codec_configuration = ble_view_make(0, 0);
            op = BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH;
            plen = ble_hci_cmd_le_setup_iso_data_path_encode(&d, p, sizeof p);
        }
        if (plen >= 0) {
            rc = host ? ble_hci_host_cmd(host, now_ms, op, p, (size_t)plen, buf, cap)
                      : ble_hci_cmd_packet(op, p, (size_t)plen, buf, cap);
            if (rc < 0)
                return rc;
            b->await_op = op;
            b->await_slot = (uint8_t)i;
            b->await_dir = dir;
            b->await_deadline = ble_deadline_after(now_ms, b->cfg.cmd_timeout_ms ? b->cfg.cmd_timeout_ms
                                                                                 : BLE_CFG_HCI_CMD_TIMEOUT_MS);
            if (c->state == BLE_BAP_SRV_CIS_ACCEPT_DUE) {
                c->state = BLE_BAP_SRV_CIS_ACCEPTING;
                ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_CIS_ACCEPTED, c, 0, 0, 0);
            } else if (c->state == BLE_BAP_SRV_CIS_REJECT_DUE) {
                c->state = BLE_BAP_SRV_CIS_REJECTING;
                ble_bap_srv_ev_(b, BLE_BAP_SRV_EV_CIS_REJECTED, c, c->reason, 0, 0);
            } else {
                c->paths_due = (uint8_t)(c->paths_due & ~dir); /* asked once: it succeeds or fails */
            }
            return rc;
        }
    }
    return BLE_ERR_AGAIN;
}

BLE_DEF int ble_bap_srv_on_iso(struct ble_bap_srv *b, uint32_t now_ms, const uint8_t *pkt, size_t len,
                               struct ble_bap_srv_sdu *out)
{
    struct ble_iso_sdu sdu;
    struct ble_bap_srv_cis *c;
    struct ble_ascs_ase *a;
    int rc;
    (void)now_ms;
    if (!b || !out)
        return BLE_ERR_PARAM;
    rc = ble_iso_rx_push(&b->rx, pkt, len, &sdu);
    if (rc != BLE_OK)
        return rc;
    c = ble_bap_srv_slot_(b, sdu.handle);
    if (!c)
        return BLE_ERR_NOT_FOUND; /* attached slots belong to CISes: never */
    c->sdus_lost += sdu.lost_before + (sdu.status == BLE_HCI_ISO_LOST ? 1u : 0u);
    ble_bap_srv_ases_(b, c->acl, c->cig_id, c->cis_id, BLE_ASCS_STATE_STREAMING, BLE_ASCS_STATE_STREAMING, 0, &a);
    if (!a) {
        c->sdus_dropped++;
        return BLE_ERR_STATE;
    }
    c->sdus++;
    out->acl = c->acl;
    out->ase_id = a->id;
    out->sdu = sdu;
    return BLE_OK;
}

BLE_DEF int ble_bap_srv_on_timer(struct ble_bap_srv *b, uint32_t now_ms)
{
    if (!b)
        return BLE_ERR_PARAM;
    if (b->await_op && ble_time_reached(now_ms, b->await_deadline)) {
        b->stats.cmd_timeouts++;
        ble_bap_srv_done_(b, 0, BLE_ERR_TIMEOUT);
    }
    return BLE_OK;
}

BLE_DEF uint32_t ble_bap_srv_next_deadline(const struct ble_bap_srv *b)
{
    return b && b->await_op ? b->await_deadline : BLE_NO_DEADLINE;
}

BLE_DEF int ble_bap_srv_poll_event(struct ble_bap_srv *b, struct ble_bap_srv_event *ev)
{
    if (!b || !ev)
        return BLE_ERR_PARAM;
    return ble_queue_pop(&b->events, ev);
}

BLE_DEF int ble_bap_srv_cis_handle(const struct ble_bap_srv *b, uint16_t acl, uint8_t ase_id)
{
    int st = ble_ascs_ase_state(b->cfg.ascs, acl, ase_id);
    size_t ci, i;
    const struct ble_ascs *s = b->cfg.ascs;
    if (st < BLE_ASCS_STATE_QOS_CONFIGURED || st > BLE_ASCS_STATE_DISABLING)
        return BLE_ERR_NOT_FOUND;
    for (ci = 0; ci < s->cfg.n_conns; ci++) {
        const struct ble_ascs_conn *c = &s->cfg.conns[ci];
        if (!c->used || c->handle != acl)
            continue;
        for (i = 0; i < b->cfg.n_cis; i++) {
            const struct ble_bap_srv_cis *x = &b->cfg.cis[i];
            if (x->state == BLE_BAP_SRV_CIS_UP && x->acl == acl && x->cig_id == c->ases[ase_id - 1].qos.cig_id &&
                x->cis_id == c->ases[ase_id - 1].qos.cis_id)
                return x->handle;
        }
    }
    return BLE_ERR_NOT_FOUND;
}

BLE_DEF const struct ble_bap_srv_cis *ble_bap_srv_cis_find(const struct ble_bap_srv *b, uint16_t handle)
{
    return b ? ble_bap_srv_slot_(b, handle) : 0;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
