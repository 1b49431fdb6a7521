/* blekit BAP unicast client: the Basic Audio Profile 1.0 unicast client
 * (BAP 1.0 5) over one connection to a unicast server, as a step machine that
 * drives a GATT client (layers/gatt_client.h) against the server's PACS and
 * ASCS, and produces the HCI commands of the CIG and its CISes
 * (layers/iso.h, layers/hci_cmd.h).
 * SPDX-License-Identifier: Apache-2.0
 *
 *     struct ble_gatt_cli gc;  ble_gatt_cli_init(&gc, &gcfg);
 *     struct ble_bap_cli b;    cfg.gatt = &gc; cfg.acl_handle = h; ...
 *     ble_bap_cli_init(&b, &cfg);
 *     ble_bap_cli_discover(&b, now);          one procedure at a time:
 *     ble_bap_cli_config_codec_lc3(&b, now, ase_id, "16_2", ...);
 *     ble_bap_cli_config_qos_named(&b, now, ase_id, cig, cis, "16_2_1", phy);
 *     ble_bap_cli_enable(&b, now, ase_id, meta, len); ... disable, release
 *
 *   the caller still moves every packet:
 *     ble_bap_cli_on_att(&b, now, pdu, len);  ATT responses and notifications
 *     n = ble_bap_cli_poll_att(&b, buf, cap); ATT requests to send
 *     n = ble_bap_cli_poll_cmd(&b, now, &host, buf, cap);  HCI commands
 *     ble_bap_cli_on_hci_event(&b, now, evt, len);         HCI events
 *     while (ble_bap_cli_poll_event(&b, &ev) == BLE_OK) handle(&ev);
 *     ble_bap_cli_on_timer(&b, now);           at ble_bap_cli_next_deadline()
 *
 * THE GATT CLIENT is the machine's while it is attached: it starts the GATT
 * procedures and pulls every GATT event itself (ble_bap_cli_on_att and
 * poll_att are ble_gatt_cli_on_pdu and poll_tx followed by that step).
 *
 * PROCEDURES (one at a time; a start returns BLE_ERR_BUSY until the DONE
 * event of the previous one has been pulled, like the GATT client). Each ends
 * with exactly one BLE_BAP_CLI_EV_DONE carrying err (a ble_err: BLE_ERR_TIMEOUT,
 * BLE_ERR_PROTOCOL, BLE_ERR_STATE when the server moved the ASE off the
 * procedure's path, ...), att_status (an ATT Error Response), response_code
 * and reason (the ASE Control Point notification, ASCS 1.0 4.2) and
 * hci_status (a command or CIS Established status); success is all zero.
 *   Discover: PACS and ASCS, their characteristics and CCCDs; reads the PAC
 *     records, Audio Locations and Contexts and every ASE; subscribes to the
 *     ASEs and the ASE Control Point.
 *   Config Codec (BAP 5.6.1): the ASE's Codec Configured notification gives
 *     the server's preferences (ble_bap_cli_find_ase().prefs).
 *   Config QoS (5.6.2): LE Set CIG Parameters for the ASEs of the CIG first.
 *   Enable (5.6.3): Enable, then once Enabling LE Create CIS, on CIS
 *     Established LE Setup ISO Data Path, and for a Source ASE Receiver Start
 *     Ready (5.6.3.1): ends Streaming (a Sink ASE: when its data path is
 *     set; the server starts it).
 *   Disable (5.6.5): and Receiver Stop Ready for a Source ASE (5.6.5.1).
 *   Update Metadata (5.6.4).
 *   Release (5.6.6): Release, HCI Disconnect of the ASE's CIS when no other
 *     ASE uses it, waits for the server's Idle or Codec Configured, then LE
 *     Remove CIG when no ASE is left in it.
 *
 * SERVER NOTIFICATIONS: every ASE notification is checked against the ASCS
 * transition table (ble_ascs_next_state): the operation in flight, or a
 * transition the server may make on its own (its Config Codec, Disable,
 * Update Metadata, Release, Receiver Start Ready of a Sink ASE, the end of
 * Releasing, a lost CIS) is followed and reported (EV_STATE, server = 1 for
 * the server's own); any other state is not followed, is counted in
 * stats.bad_transitions and reported as EV_UNEXPECTED, as is an ASE_ID
 * that is not the characteristic's (stats.unknown_ase).
 */
#ifndef BLE_H
#error "include ble.h, not profiles/bap_client.h"
#endif

#ifndef BLE_BAP_CLIENT_H
#define BLE_BAP_CLIENT_H

#ifdef __cplusplus
extern "C" {
#endif

enum ble_bap_cli_proc {
    BLE_BAP_CLI_P_NONE = 0,
    BLE_BAP_CLI_P_DISCOVER,
    BLE_BAP_CLI_P_CONFIG_CODEC,
    BLE_BAP_CLI_P_CONFIG_QOS,
    BLE_BAP_CLI_P_ENABLE,
    BLE_BAP_CLI_P_DISABLE,
    BLE_BAP_CLI_P_UPDATE_METADATA,
    BLE_BAP_CLI_P_RELEASE,
    BLE_BAP_CLI_P_COUNT_
};

enum ble_bap_cli_ev_type {
    BLE_BAP_CLI_EV_DONE = 1,   /* proc ended: ase_id, err, att_status, response_code, reason, hci_status */
    BLE_BAP_CLI_EV_STATE,      /* a tracked ASE moved: ase_id, dir, from, to, input (enum
                                  ble_ascs_input), server (1: not our operation) */
    BLE_BAP_CLI_EV_UNEXPECTED, /* an ASE notification not followed: ase_id (as notified),
                                  from (tracked), to (notified), err (BLE_ERR_PROTOCOL:
                                  no such transition; BLE_ERR_NOT_FOUND: unknown ASE_ID;
                                  BLE_ERR_MALFORMED) */
    BLE_BAP_CLI_EV_CIS_LOST,   /* an established CIS went away: handle, hci_status (reason) */
    BLE_BAP_CLI_EV_CONTEXTS    /* Available Audio Contexts notified: value (sink | source << 16) */
};

struct ble_bap_cli_event {
    uint8_t type;          /* enum ble_bap_cli_ev_type */
    uint8_t proc;          /* DONE: enum ble_bap_cli_proc */
    uint8_t ase_id;
    uint8_t dir;
    uint8_t from, to, input, server;
    uint8_t att_status, response_code, reason, hci_status;
    int err;
    uint16_t handle;
    uint32_t value;
};

/* One ASE of the server as the client tracks it. */
struct ble_bap_cli_ase {
    uint16_t handle, cccd;      /* value handle and its CCCD (0: none) */
    uint8_t dir;                /* BLE_ASCS_DIR_SINK / _SOURCE */
    uint8_t id;                 /* ASE_ID (read at discovery) */
    uint8_t state;              /* enum ble_ascs_state */
    uint8_t path;               /* its ISO data path is set up */
    uint8_t has_qos;            /* qos is the one asked for in Config QoS */
    struct ble_ascs_codec_prefs prefs; /* the last Codec Configured value's */
    struct ble_ascs_qos qos;    /* the last QoS asked for or notified; cig/cis ids */
    uint16_t value_len;
    uint8_t value[BLE_CFG_BAP_CLI_ASE_VALUE_MAX]; /* the last ASE value (first octets) */
};

struct ble_bap_cli_cis {
    uint8_t cis_id;
    uint8_t state;              /* 0 none, 1 creating, 2 established, 3 disconnecting */
    uint16_t handle;            /* from LE Set CIG Parameters (0xFFFF: none yet) */
};

struct ble_bap_cli_cfg {
    struct ble_gatt_cli *gatt;  /* initialised GATT client of the connection's bearer */
    uint16_t acl_handle;
    uint8_t *sink_pac;          /* storage for the Sink PAC value (NULL: not kept) */
    size_t sink_pac_cap;
    uint8_t *source_pac;
    size_t source_pac_cap;
    uint32_t cmd_timeout_ms;    /* HCI command completion; 0: BLE_CFG_HCI_CMD_TIMEOUT_MS */
    uint32_t ntf_timeout_ms;    /* the server's notifications after a Control Point
                                   write; 0: BLE_CFG_GATT_TIMEOUT_MS */
};

struct ble_bap_cli_stats {
    uint32_t bad_transitions;   /* ASE notifications of a state not reachable */
    uint32_t unknown_ase;       /* ASE notifications naming an ASE_ID not the characteristic's */
    uint32_t malformed;         /* notifications or values that did not decode */
    uint32_t unexpected_cp;     /* Control Point notifications for no operation in flight */
    uint32_t ignored_ntf;       /* notifications of other characteristics */
    uint32_t lost_ntf;          /* notifications the GATT client could not keep */
    uint32_t ignored_hci;       /* HCI events of no command or CIS of ours */
    uint32_t cmd_timeouts;
    uint32_t events_dropped;    /* the event queue was full (never a DONE) */
    uint32_t ases_dropped;      /* ASE characteristics over BLE_CFG_BAP_CLI_MAX_ASES */
    uint32_t pac_truncated;     /* PAC values longer than their storage */
};

struct ble_bap_cli {
    struct ble_bap_cli_cfg cfg;
    uint8_t dead;               /* the ACL went away */
    uint8_t gatt_busy;          /* a GATT procedure has not given its DONE */
    uint8_t gatt_mine;          /* ... and it serves the procedure in flight */
    uint8_t hci_mine;           /* the command awaited serves the procedure in flight */
    uint8_t proc, step, ase, sub;
    uint8_t cp_op, cp_flags, want;
    uint16_t okmask;            /* states the procedure's ASE may be in */
    uint16_t cp_len;
    uint16_t hci_op;            /* command to send next (0: none) */
    uint16_t await_op;          /* command awaiting its completion */
    uint32_t hci_deadline, ntf_deadline;
    uint32_t now;
    /* discovery */
    uint16_t pacs_start, pacs_end, ascs_start, ascs_end;
    uint16_t pacs[6];           /* value handles, enum ble_pacs_chr order */
    uint16_t cp_handle, cp_cccd, cur_chr;
    uint16_t rd_len;
    uint8_t rd[8];
    uint8_t n_ases;
    struct ble_bap_cli_ase ases[BLE_CFG_BAP_CLI_MAX_ASES];
    /* PACS values read */
    size_t sink_pac_len, source_pac_len;
    uint32_t sink_locations, source_locations;
    uint16_t avail_sink, avail_source, supp_sink, supp_source;
    /* the CIG */
    uint8_t cig_id, cig_set, n_cis;
    struct ble_bap_cli_cis cis[BLE_CFG_BAP_CLI_MAX_ASES];
    uint8_t cp[BLE_CFG_BAP_CLI_CP_MAX];
    /* events */
    uint8_t ev_head, ev_count;
    struct ble_bap_cli_event ev[BLE_CFG_BAP_CLI_EVENTS];
    struct ble_bap_cli_stats stats;
};

/* Codec configuration of Config Codec (ASCS 1.0 5.1). */
struct ble_bap_cli_codec {
    uint8_t codec_id[5];        /* Coding_Format, Company_ID, Vendor codec ID */
    uint8_t target_latency;     /* 0x01 low latency, 0x02 balanced, 0x03 high reliability */
    uint8_t target_phy;         /* 0x01 1M, 0x02 2M, 0x03 Coded */
    const uint8_t *cfg;         /* Codec_Specific_Configuration LTVs (copied) */
    size_t cfg_len;
};

/* BLE_OK; BLE_ERR_PARAM (no GATT client, bad handle). */
BLE_API int ble_bap_cli_init(struct ble_bap_cli *b, const struct ble_bap_cli_cfg *cfg);
/* Procedure starts: BLE_OK; BLE_ERR_BUSY (the previous DONE not pulled),
 * BLE_ERR_STATE (not discovered, the ASE's state does not allow it, the ACL is
 * gone), BLE_ERR_NOT_FOUND (no such ASE), BLE_ERR_PARAM / BLE_ERR_RANGE /
 * BLE_ERR_TOO_LONG (parameters; nothing changes). */
BLE_API int ble_bap_cli_discover(struct ble_bap_cli *b, uint32_t now);
BLE_API int ble_bap_cli_config_codec(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id,
                                     const struct ble_bap_cli_codec *c);
/* LC3 with the Codec_Specific_Configuration of a BAP Table 3.5 set ("16_2")
 * and an Audio_Channel_Allocation (0: none sent). */
BLE_API int ble_bap_cli_config_codec_lc3(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id, const char *set,
                                         uint32_t allocation, uint8_t target_latency, uint8_t target_phy);
/* qos->cig_id and cis_id name the CIS; the CIG is this struct's (one per
 * connection: every ASE uses the first CIG_ID given). */
BLE_API int ble_bap_cli_config_qos(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id,
                                   const struct ble_ascs_qos *qos);
/* A BAP Table 5.2 setting by name ("16_2_1") on phy (0x01, 0x02, 0x04); the
 * Presentation_Delay is the setting's, brought into the server's range. */
BLE_API int ble_bap_cli_config_qos_named(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id, uint8_t cig_id,
                                         uint8_t cis_id, const char *name, uint8_t phy);
BLE_API int ble_bap_cli_enable(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id, const uint8_t *meta,
                               size_t len);
BLE_API int ble_bap_cli_disable(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id);
BLE_API int ble_bap_cli_update_metadata(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id,
                                        const uint8_t *meta, size_t len);
BLE_API int ble_bap_cli_release(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id);

/* An ATT PDU from the server (ble_gatt_cli_on_pdu, then the machine's step). */
BLE_API int ble_bap_cli_on_att(struct ble_bap_cli *b, uint32_t now, const uint8_t *pdu, size_t len);
/* The next ATT PDU to send (the step, then ble_gatt_cli_poll_tx). */
BLE_API int ble_bap_cli_poll_att(struct ble_bap_cli *b, uint8_t *buf, size_t cap);
/* The next HCI command packet (after the H4 indicator): its length;
 * BLE_ERR_AGAIN when none is due; with host, through ble_hci_host_cmd (its
 * errors are returned and the command stays due); BLE_ERR_NO_SPACE. */
BLE_API int ble_bap_cli_poll_cmd(struct ble_bap_cli *b, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                                 size_t cap);
/* One HCI event packet: BLE_OK (taken or counted), or its decode error. */
BLE_API int ble_bap_cli_on_hci_event(struct ble_bap_cli *b, uint32_t now, const uint8_t *evt, size_t len);
BLE_API int ble_bap_cli_on_timer(struct ble_bap_cli *b, uint32_t now);
BLE_API uint32_t ble_bap_cli_next_deadline(const struct ble_bap_cli *b);
/* BLE_OK and *ev; BLE_ERR_AGAIN when none. */
BLE_API int ble_bap_cli_poll_event(struct ble_bap_cli *b, struct ble_bap_cli_event *ev);
/* The tracked ASE of an ASE_ID, or NULL. */
BLE_API const struct ble_bap_cli_ase *ble_bap_cli_find_ase(const struct ble_bap_cli *b, uint8_t ase_id);
/* The Sink / Source PAC value read (a view of cfg storage; len 0 when none). */
BLE_API struct ble_view ble_bap_cli_pac(const struct ble_bap_cli *b, unsigned dir);
BLE_API const char *ble_bap_cli_proc_name(unsigned proc);

#ifdef __cplusplus
}
#endif

#endif /* BLE_BAP_CLIENT_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_BAP_CLIENT_IMPL)
#define BLE_BAP_CLIENT_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* Steps of a Control Point write. */
#define BLE_BAP_CLI_CP_STARTED_ 0x01 /* the Write Request is queued */
#define BLE_BAP_CLI_CP_WRITTEN_ 0x02 /* its Write Response came */
#define BLE_BAP_CLI_CP_ANSWERED_ 0x04 /* the Control Point notification said Success */
#define BLE_BAP_CLI_CP_REACHED_ 0x08 /* the ASE notified the wanted state */
#define BLE_BAP_CLI_CP_ALL_ 0x0F
#define BLE_BAP_CLI_S_(s) (1u << BLE_ASCS_STATE_##s)
#define BLE_BAP_CLI_NONE_ 0xFF
/* CIS states */
#define BLE_BAP_CLI_CIS_NONE_ 0
#define BLE_BAP_CLI_CIS_CREATING_ 1
#define BLE_BAP_CLI_CIS_UP_ 2
#define BLE_BAP_CLI_CIS_CLOSING_ 3
/* Discovery steps */
enum {
    BLE_BAP_CLI_D_SVC_PACS_, BLE_BAP_CLI_D_SVC_ASCS_, BLE_BAP_CLI_D_CHR_PACS_, BLE_BAP_CLI_D_CHR_ASCS_,
    BLE_BAP_CLI_D_DESC_, BLE_BAP_CLI_D_READ_, BLE_BAP_CLI_D_SUB_
};
/* Operation steps */
enum {
    BLE_BAP_CLI_O_CIG_, BLE_BAP_CLI_O_CP_, BLE_BAP_CLI_O_CIS_, BLE_BAP_CLI_O_PATH_, BLE_BAP_CLI_O_CP2_,
    BLE_BAP_CLI_O_DISC_, BLE_BAP_CLI_O_WAIT_, BLE_BAP_CLI_O_RMCIG_
};

BLE_DEF const char *ble_bap_cli_proc_name(unsigned proc)
{
#if BLE_CFG_NAMES
    static const char *const names[BLE_BAP_CLI_P_COUNT_] = { "None", "Discover", "Config Codec", "Config QoS",
                                                             "Enable", "Disable", "Update Metadata", "Release" };
    return proc < BLE_BAP_CLI_P_COUNT_ ? names[proc] : "";
#else
    (void)proc;
    return "";
#endif
}

BLE_DEF int ble_bap_cli_init(struct ble_bap_cli *b, const struct ble_bap_cli_cfg *cfg)
{
    if (!b || !cfg || !cfg->gatt || !ble_hci_handle_valid(cfg->acl_handle) ||
        (cfg->sink_pac_cap && !cfg->sink_pac) || (cfg->source_pac_cap && !cfg->source_pac))
        return BLE_ERR_PARAM;
    ble_memset(b, 0, sizeof *b);
    b->cfg = *cfg;
    if (!b->cfg.cmd_timeout_ms)
        b->cfg.cmd_timeout_ms = BLE_CFG_HCI_CMD_TIMEOUT_MS;
    if (!b->cfg.ntf_timeout_ms)
        b->cfg.ntf_timeout_ms = BLE_CFG_GATT_TIMEOUT_MS;
    b->hci_deadline = BLE_NO_DEADLINE;
    b->ntf_deadline = BLE_NO_DEADLINE;
    return BLE_OK;
}

/* ---- Events ---- */

static struct ble_bap_cli_event *ble_bap_cli_ev_(struct ble_bap_cli *b, uint8_t type)
{
    struct ble_bap_cli_event *e;
    /* one slot stays for the DONE of the procedure in flight */
    if (b->ev_count >= (type == BLE_BAP_CLI_EV_DONE ? BLE_CFG_BAP_CLI_EVENTS : BLE_CFG_BAP_CLI_EVENTS - 1)) {
        b->stats.events_dropped++;
        return 0;
    }
    e = &b->ev[(b->ev_head + b->ev_count) % BLE_CFG_BAP_CLI_EVENTS];
    b->ev_count++;
    ble_memset(e, 0, sizeof *e);
    e->type = type;
    return e;
}

BLE_DEF int ble_bap_cli_poll_event(struct ble_bap_cli *b, struct ble_bap_cli_event *ev)
{
    if (!b->ev_count)
        return BLE_ERR_AGAIN;
    *ev = b->ev[b->ev_head];
    b->ev_head = (uint8_t)((b->ev_head + 1) % BLE_CFG_BAP_CLI_EVENTS);
    b->ev_count--;
    if (ev->type == BLE_BAP_CLI_EV_DONE)
        b->proc = BLE_BAP_CLI_P_NONE; /* a new procedure may start */
    return BLE_OK;
}

/* The procedure ends: its one DONE. proc stays set (starts say BUSY) until pulled. */
static void ble_bap_cli_finish_(struct ble_bap_cli *b, int err, uint8_t att, uint8_t rc, uint8_t reason,
                                uint8_t hci)
{
    struct ble_bap_cli_event *e = ble_bap_cli_ev_(b, BLE_BAP_CLI_EV_DONE);
    if (e) {
        e->proc = b->proc;
        e->ase_id = b->ase < b->n_ases ? b->ases[b->ase].id : 0;
        e->err = err;
        e->att_status = att;
        e->response_code = rc;
        e->reason = reason;
        e->hci_status = hci;
    }
    b->step = BLE_BAP_CLI_NONE_;
    b->cp_op = 0;
    b->cp_flags = 0;
    b->hci_op = 0;
    b->gatt_mine = 0;
    b->hci_mine = 0;
    b->ntf_deadline = BLE_NO_DEADLINE;
}

static int ble_bap_cli_running_(const struct ble_bap_cli *b)
{
    return b->proc != BLE_BAP_CLI_P_NONE && b->step != BLE_BAP_CLI_NONE_;
}

/* ---- ASEs ---- */

static struct ble_bap_cli_ase *ble_bap_cli_find_(struct ble_bap_cli *b, uint8_t id)
{
    size_t i;
    for (i = 0; i < b->n_ases; i++)
        if (id && b->ases[i].id == id)
            return &b->ases[i];
    return 0;
}

BLE_DEF const struct ble_bap_cli_ase *ble_bap_cli_find_ase(const struct ble_bap_cli *b, uint8_t ase_id)
{
    size_t i;
    for (i = 0; i < b->n_ases; i++)
        if (ase_id && b->ases[i].id == ase_id)
            return &b->ases[i];
    return 0;
}

BLE_DEF struct ble_view ble_bap_cli_pac(const struct ble_bap_cli *b, unsigned dir)
{
    if (dir == BLE_ASCS_DIR_SINK && b->cfg.sink_pac)
        return ble_view_make(b->cfg.sink_pac, b->sink_pac_len);
    if (dir == BLE_ASCS_DIR_SOURCE && b->cfg.source_pac)
        return ble_view_make(b->cfg.source_pac, b->source_pac_len);
    return ble_view_make(0, 0);
}

/* Takes a decoded ASE value into the tracked ASE. */
static void ble_bap_cli_apply_(struct ble_bap_cli_ase *a, const struct ble_ascs_ase_value *v, const uint8_t *raw,
                               size_t len)
{
    a->state = v->state;
    switch (v->state) {
    case BLE_ASCS_STATE_CODEC_CONFIGURED: { /* ASCS 4.1 Table 4.3 */
        const struct ble_ascs_state_codec_configured *c = &v->p.codec_configured;
        a->prefs.framing = c->framing;
        a->prefs.preferred_phy = c->preferred_phy;
        a->prefs.preferred_retransmission_number = c->preferred_retransmission_number;
        a->prefs.max_transport_latency = c->max_transport_latency;
        a->prefs.presentation_delay_min = c->presentation_delay_min;
        a->prefs.presentation_delay_max = c->presentation_delay_max;
        a->prefs.preferred_presentation_delay_min = c->preferred_presentation_delay_min;
        a->prefs.preferred_presentation_delay_max = c->preferred_presentation_delay_max;
        a->has_qos = 0;
        break;
    }
    case BLE_ASCS_STATE_QOS_CONFIGURED: { /* Table 4.4 */
        const struct ble_ascs_state_qos_configured *q = &v->p.qos_configured;
        a->qos.cig_id = q->cig_id;
        a->qos.cis_id = q->cis_id;
        a->qos.sdu_interval = q->sdu_interval;
        a->qos.framing = q->framing;
        a->qos.phy = q->phy;
        a->qos.max_sdu = q->max_sdu;
        a->qos.retransmission_number = q->retransmission_number;
        a->qos.max_transport_latency = q->max_transport_latency;
        a->qos.presentation_delay = q->presentation_delay;
        break;
    }
    case BLE_ASCS_STATE_ENABLING: case BLE_ASCS_STATE_STREAMING: case BLE_ASCS_STATE_DISABLING:
        a->qos.cig_id = v->p.enabling.cig_id; /* Table 4.5 */
        a->qos.cis_id = v->p.enabling.cis_id;
        break;
    default: /* Idle, Releasing */
        a->has_qos = 0;
        break;
    }
    if (len > sizeof a->value)
        len = sizeof a->value;
    ble_memcpy(a->value, raw, len);
    a->value_len = (uint16_t)len;
}

static struct ble_bap_cli_cis *ble_bap_cli_cis_(struct ble_bap_cli *b, uint8_t cis_id)
{
    size_t i;
    for (i = 0; i < b->n_cis; i++)
        if (b->cis[i].cis_id == cis_id)
            return &b->cis[i];
    return 0;
}

static struct ble_bap_cli_cis *ble_bap_cli_cis_handle_(struct ble_bap_cli *b, uint16_t handle)
{
    size_t i;
    for (i = 0; i < b->n_cis; i++)
        if (b->cis[i].handle == handle)
            return &b->cis[i];
    return 0;
}

/* Is an ASE in a state that holds QoS (QoS Configured .. Disabling)? */
static int ble_bap_cli_holds_(const struct ble_bap_cli_ase *a)
{
    return a->state >= BLE_ASCS_STATE_QOS_CONFIGURED && a->state <= BLE_ASCS_STATE_DISABLING;
}

/* Any CIS of the CIG created or being created. */
static int ble_bap_cli_cig_live_(const struct ble_bap_cli *b)
{
    size_t i;
    for (i = 0; i < b->n_cis; i++)
        if (b->cis[i].state != BLE_BAP_CLI_CIS_NONE_)
            return 1;
    return 0;
}

/* ---- Starting procedures ---- */

static int ble_bap_cli_can_start_(struct ble_bap_cli *b)
{
    if (b->dead)
        return BLE_ERR_STATE;
    if (b->proc != BLE_BAP_CLI_P_NONE)
        return BLE_ERR_BUSY;
    if (b->cfg.gatt->dead)
        return BLE_ERR_TIMEOUT; /* Vol 3 Part F 3.3.3: no more ATT on this bearer */
    return BLE_OK;
}

static void ble_bap_cli_begin_(struct ble_bap_cli *b, uint32_t now, uint8_t proc, size_t ase, uint8_t step)
{
    b->now = now;
    b->proc = proc;
    b->ase = (uint8_t)ase;
    b->step = step;
    b->sub = 0;
    b->cp_op = 0;
    b->cp_flags = 0;
    b->hci_op = 0;
}

BLE_DEF int ble_bap_cli_discover(struct ble_bap_cli *b, uint32_t now)
{
    int rc = ble_bap_cli_can_start_(b);
    if (rc != BLE_OK)
        return rc;
    b->n_ases = 0;
    b->pacs_start = b->pacs_end = b->ascs_start = b->ascs_end = 0;
    ble_memset(b->pacs, 0, sizeof b->pacs);
    b->cp_handle = b->cp_cccd = b->cur_chr = 0;
    b->sink_pac_len = b->source_pac_len = 0;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_DISCOVER, BLE_BAP_CLI_NONE_, BLE_BAP_CLI_D_SVC_PACS_);
    return BLE_OK;
}

/* The ASE for an operation: BLE_OK with *idx, or why not. */
static int ble_bap_cli_op_ase_(struct ble_bap_cli *b, uint8_t ase_id, uint16_t states, size_t *idx)
{
    struct ble_bap_cli_ase *a;
    int rc = ble_bap_cli_can_start_(b);
    if (rc != BLE_OK)
        return rc;
    if (!b->cp_handle)
        return BLE_ERR_STATE;
    a = ble_bap_cli_find_(b, ase_id);
    if (!a)
        return BLE_ERR_NOT_FOUND;
    if (!((1u << a->state) & states))
        return BLE_ERR_STATE;
    *idx = (size_t)(a - b->ases);
    return BLE_OK;
}

/* Encodes a one-ASE Control Point write into b->cp. */
static int ble_bap_cli_cp_encode_(struct ble_bap_cli *b, uint8_t op, const void *elem)
{
    union ble_ascs_op_params p;
    int n;
    ble_memset(&p, 0, sizeof p);
    p.config_codec.ases.n = 1; /* every operation's parameters are one array */
    p.config_codec.ases.items = elem;
    n = ble_ascs_cp_write_encode(op, &p, b->cp, sizeof b->cp);
    if (n < 0)
        return n == BLE_ERR_NO_SPACE ? BLE_ERR_TOO_LONG : n;
    if ((size_t)n > (size_t)b->cfg.gatt->mtu - 3u)
        return BLE_ERR_TOO_LONG;
    b->cp_len = (uint16_t)n;
    return BLE_OK;
}

/* The first Control Point write of an operation: op, the state wanted, the
 * states allowed meanwhile. */
static void ble_bap_cli_cp_step_(struct ble_bap_cli *b, uint8_t step, uint8_t op, uint8_t want, uint16_t ok)
{
    b->step = step;
    b->cp_op = op;
    b->want = want;
    b->okmask = ok;
    b->cp_flags = 0;
}

BLE_DEF int ble_bap_cli_config_codec(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id,
                                     const struct ble_bap_cli_codec *c)
{
    struct ble_ascs_codec_ase e;
    size_t i;
    int rc;
    uint8_t bad;
    /* ASCS 3.1: from Idle, Codec Configured or QoS Configured */
    rc = ble_bap_cli_op_ase_(b, ase_id, BLE_BAP_CLI_S_(IDLE) | BLE_BAP_CLI_S_(CODEC_CONFIGURED) |
                                            BLE_BAP_CLI_S_(QOS_CONFIGURED), &i);
    if (rc != BLE_OK)
        return rc;
    if (!c || (c->cfg_len && !c->cfg) || c->cfg_len > 255 || c->target_latency < 1 || c->target_latency > 3 ||
        c->target_phy < 1 || c->target_phy > 3 || ble_ascs_ltv_check(c->cfg, c->cfg_len, &bad) != BLE_OK)
        return BLE_ERR_PARAM;
    ble_memset(&e, 0, sizeof e);
    e.ase_id = ase_id;
    e.target_latency = c->target_latency;
    e.target_phy = c->target_phy;
    ble_memcpy(e.codec_id, c->codec_id, 5);
    e.codec_specific_configuration = ble_view_make(c->cfg, c->cfg_len);
    rc = ble_bap_cli_cp_encode_(b, BLE_ASCS_OP_CONFIG_CODEC, &e);
    if (rc != BLE_OK)
        return rc;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_CONFIG_CODEC, i, 0);
    ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP_, BLE_ASCS_OP_CONFIG_CODEC, BLE_ASCS_STATE_CODEC_CONFIGURED,
                         (uint16_t)((1u << b->ases[i].state) | BLE_BAP_CLI_S_(CODEC_CONFIGURED)));
    return BLE_OK;
}

BLE_DEF int ble_bap_cli_config_codec_lc3(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id, const char *set,
                                         uint32_t allocation, uint8_t target_latency, uint8_t target_phy)
{
    const struct ble_bap_lc3_set *s = set ? ble_bap_lc3_set_find(set) : 0;
    struct ble_bap_codec_cfg cc;
    struct ble_bap_cli_codec c;
    uint8_t ltv[32];
    int n;
    if (!s)
        return BLE_ERR_NOT_FOUND;
    ble_bap_lc3_set_cfg(s, allocation, &cc);
    n = ble_bap_codec_cfg_encode(&cc, ltv, sizeof ltv);
    if (n < 0)
        return n;
    ble_memset(&c, 0, sizeof c);
    c.codec_id[0] = BLE_BAP_CODING_LC3; /* Company_ID and Vendor ID 0 (BAP 3.5.1) */
    c.target_latency = target_latency;
    c.target_phy = target_phy;
    c.cfg = ltv;
    c.cfg_len = (size_t)n;
    return ble_bap_cli_config_codec(b, now, ase_id, &c);
}

/* The ISO QoS of one ASE's direction. */
static void ble_bap_cli_iso_qos_(const struct ble_ascs_qos *q, struct ble_iso_qos *out)
{
    out->sdu_interval = q->sdu_interval;
    out->framing = q->framing;
    out->max_sdu = q->max_sdu;
    out->rtn = q->retransmission_number;
    out->max_transport_latency = q->max_transport_latency;
    out->phy = q->phy;
}

/* LE Set CIG Parameters for the ASEs holding QoS in the CIG (and the one
 * being configured, with `extra`), CIS ids in *ids. */
static int ble_bap_cli_cig_build_(const struct ble_bap_cli *b, size_t extra, const struct ble_ascs_qos *eq,
                                  struct ble_hci_cmd_le_set_cig_params *cmd,
                                  struct ble_hci_cmd_cis_config *cc, uint8_t *ids, size_t *nids)
{
    struct ble_iso_qos iq[BLE_CFG_BAP_CLI_MAX_ASES];
    struct ble_iso_cis_qos cq[BLE_CFG_BAP_CLI_MAX_ASES];
    size_t i, j, n = 0;
    uint8_t cig = eq->cig_id;
    for (i = 0; i < b->n_ases; i++) {
        const struct ble_bap_cli_ase *a = &b->ases[i];
        const struct ble_ascs_qos *q = i == extra ? eq : &a->qos;
        if (i != extra && (!a->has_qos || !ble_bap_cli_holds_(a) || a->qos.cig_id != cig))
            continue;
        ble_bap_cli_iso_qos_(q, &iq[i]);
        for (j = 0; j < n && cq[j].cis_id != q->cis_id; j++)
            ;
        if (j == n) {
            cq[n].cis_id = q->cis_id;
            cq[n].c_to_p = 0;
            cq[n].p_to_c = 0;
            n++;
        }
        /* a Sink ASE is fed by the client, the Central: Central to Peripheral */
        if (a->dir == BLE_ASCS_DIR_SINK) {
            if (cq[j].c_to_p)
                return BLE_ERR_PARAM;
            cq[j].c_to_p = &iq[i];
        } else {
            if (cq[j].p_to_c)
                return BLE_ERR_PARAM;
            cq[j].p_to_c = &iq[i];
        }
    }
    for (j = 0; j < n; j++)
        ids[j] = cq[j].cis_id;
    *nids = n;
    return ble_iso_cig_params(cig, cq, n, 0, 0, cmd, cc);
}

BLE_DEF int ble_bap_cli_config_qos(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id,
                                   const struct ble_ascs_qos *qos)
{
    struct ble_hci_cmd_le_set_cig_params cmd;
    struct ble_hci_cmd_cis_config cc[BLE_CFG_BAP_CLI_MAX_ASES];
    struct ble_ascs_qos_ase e;
    struct ble_bap_cli_cis *cis;
    uint8_t ids[BLE_CFG_BAP_CLI_MAX_ASES];
    size_t i, n;
    int rc, need_cig;
    /* ASCS 3.2: from Codec Configured or QoS Configured */
    rc = ble_bap_cli_op_ase_(b, ase_id, BLE_BAP_CLI_S_(CODEC_CONFIGURED) | BLE_BAP_CLI_S_(QOS_CONFIGURED), &i);
    if (rc != BLE_OK)
        return rc;
    if (!qos)
        return BLE_ERR_PARAM;
    if ((b->cig_set || b->n_cis) && qos->cig_id != b->cig_id)
        return BLE_ERR_STATE; /* one CIG per connection */
    rc = ble_bap_cli_cig_build_(b, i, qos, &cmd, cc, ids, &n);
    if (rc != BLE_OK)
        return rc;
    cis = ble_bap_cli_cis_(b, qos->cis_id);
    /* Vol 4 Part E 7.8.97: the CIG cannot change once one of its CISes exists */
    need_cig = !ble_bap_cli_cig_live_(b);
    if (!need_cig && (!cis || cis->handle == 0xFFFF))
        return BLE_ERR_STATE;
    ble_memset(&e, 0, sizeof e);
    e.ase_id = ase_id;
    e.cig_id = qos->cig_id;
    e.cis_id = qos->cis_id;
    e.sdu_interval = qos->sdu_interval;
    e.framing = qos->framing;
    e.phy = qos->phy;
    e.max_sdu = qos->max_sdu;
    e.retransmission_number = qos->retransmission_number;
    e.max_transport_latency = qos->max_transport_latency;
    e.presentation_delay = qos->presentation_delay;
    rc = ble_bap_cli_cp_encode_(b, BLE_ASCS_OP_CONFIG_QOS, &e);
    if (rc != BLE_OK)
        return rc;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_CONFIG_QOS, i, 0);
    b->ases[i].qos = *qos;
    b->ases[i].has_qos = 1;
    b->cig_id = qos->cig_id;
    ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP_, BLE_ASCS_OP_CONFIG_QOS, BLE_ASCS_STATE_QOS_CONFIGURED,
                         BLE_BAP_CLI_S_(CODEC_CONFIGURED) | BLE_BAP_CLI_S_(QOS_CONFIGURED));
    if (need_cig) {
        b->step = BLE_BAP_CLI_O_CIG_;
        b->hci_op = BLE_HCI_CMD_LE_SET_CIG_PARAMS;
    }
    return BLE_OK;
}

BLE_DEF int ble_bap_cli_config_qos_named(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id, uint8_t cig_id,
                                         uint8_t cis_id, const char *name, uint8_t phy)
{
    struct ble_bap_qos bq;
    struct ble_ascs_qos q;
    const struct ble_bap_cli_ase *a = ble_bap_cli_find_(b, ase_id);
    uint32_t pd;
    if (!name || ble_bap_qos_get(name, BLE_BAP_UNICAST, &bq) != BLE_OK)
        return BLE_ERR_NOT_FOUND;
    if (!a)
        return BLE_ERR_NOT_FOUND;
    pd = bq.presentation_delay;
    /* ASCS 5.2: within the server's Presentation_Delay_Min..Max */
    if (a->prefs.presentation_delay_max && pd > a->prefs.presentation_delay_max)
        pd = a->prefs.presentation_delay_max;
    if (pd < a->prefs.presentation_delay_min)
        pd = a->prefs.presentation_delay_min;
    ble_memset(&q, 0, sizeof q);
    q.cig_id = cig_id;
    q.cis_id = cis_id;
    q.sdu_interval = bq.sdu_interval;
    q.framing = bq.framing;
    q.phy = phy;
    q.max_sdu = bq.max_sdu;
    q.retransmission_number = bq.retransmission_number;
    q.max_transport_latency = bq.max_transport_latency;
    q.presentation_delay = pd;
    return ble_bap_cli_config_qos(b, now, ase_id, &q);
}

/* Enable and Update Metadata: the ASE_ID and Metadata. */
static int ble_bap_cli_meta_op_(struct ble_bap_cli *b, uint8_t op, uint8_t ase_id, const uint8_t *meta,
                                size_t len)
{
    struct ble_ascs_meta_ase e;
    uint8_t bad;
    if ((len && !meta) || len > 255 || ble_ascs_ltv_check(meta, len, &bad) != BLE_OK)
        return BLE_ERR_PARAM;
    ble_memset(&e, 0, sizeof e);
    e.ase_id = ase_id;
    e.metadata = ble_view_make(meta, len);
    return ble_bap_cli_cp_encode_(b, op, &e);
}

static int ble_bap_cli_id_op_(struct ble_bap_cli *b, uint8_t op, uint8_t ase_id)
{
    struct ble_ascs_id_ase e;
    e.ase_id = ase_id;
    return ble_bap_cli_cp_encode_(b, op, &e);
}

BLE_DEF int ble_bap_cli_enable(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id, const uint8_t *meta,
                               size_t len)
{
    size_t i;
    struct ble_bap_cli_cis *cis;
    int rc = ble_bap_cli_op_ase_(b, ase_id, BLE_BAP_CLI_S_(QOS_CONFIGURED), &i);
    if (rc != BLE_OK)
        return rc;
    cis = ble_bap_cli_cis_(b, b->ases[i].qos.cis_id);
    if (b->ases[i].qos.cig_id != b->cig_id || !cis || cis->handle == 0xFFFF)
        return BLE_ERR_STATE; /* the CIG was not set for it */
    rc = ble_bap_cli_meta_op_(b, BLE_ASCS_OP_ENABLE, ase_id, meta, len);
    if (rc != BLE_OK)
        return rc;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_ENABLE, i, 0);
    ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP_, BLE_ASCS_OP_ENABLE, BLE_ASCS_STATE_ENABLING,
                         BLE_BAP_CLI_S_(QOS_CONFIGURED) | BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING));
    return BLE_OK;
}

BLE_DEF int ble_bap_cli_disable(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id)
{
    size_t i;
    int rc = ble_bap_cli_op_ase_(b, ase_id, BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING), &i);
    if (rc != BLE_OK)
        return rc;
    rc = ble_bap_cli_id_op_(b, BLE_ASCS_OP_DISABLE, ase_id);
    if (rc != BLE_OK)
        return rc;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_DISABLE, i, 0);
    /* ASCS 5.5: a Sink ASE goes back to QoS Configured, a Source ASE to Disabling */
    ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP_, BLE_ASCS_OP_DISABLE,
                         b->ases[i].dir == BLE_ASCS_DIR_SINK ? BLE_ASCS_STATE_QOS_CONFIGURED
                                                             : BLE_ASCS_STATE_DISABLING,
                         BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING) | BLE_BAP_CLI_S_(DISABLING) |
                             BLE_BAP_CLI_S_(QOS_CONFIGURED));
    return BLE_OK;
}

BLE_DEF int ble_bap_cli_update_metadata(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id,
                                        const uint8_t *meta, size_t len)
{
    size_t i;
    int rc = ble_bap_cli_op_ase_(b, ase_id, BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING), &i);
    if (rc != BLE_OK)
        return rc;
    rc = ble_bap_cli_meta_op_(b, BLE_ASCS_OP_UPDATE_METADATA, ase_id, meta, len);
    if (rc != BLE_OK)
        return rc;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_UPDATE_METADATA, i, 0);
    ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP_, BLE_ASCS_OP_UPDATE_METADATA, b->ases[i].state,
                         BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING));
    return BLE_OK;
}

BLE_DEF int ble_bap_cli_release(struct ble_bap_cli *b, uint32_t now, uint8_t ase_id)
{
    size_t i;
    int rc = ble_bap_cli_op_ase_(b, ase_id, BLE_BAP_CLI_S_(CODEC_CONFIGURED) | BLE_BAP_CLI_S_(QOS_CONFIGURED) |
                                                BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING) |
                                                BLE_BAP_CLI_S_(DISABLING), &i);
    if (rc != BLE_OK)
        return rc;
    rc = ble_bap_cli_id_op_(b, BLE_ASCS_OP_RELEASE, ase_id);
    if (rc != BLE_OK)
        return rc;
    ble_bap_cli_begin_(b, now, BLE_BAP_CLI_P_RELEASE, i, 0);
    ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP_, BLE_ASCS_OP_RELEASE, BLE_ASCS_STATE_RELEASING,
                         (uint16_t)((1u << b->ases[i].state) | BLE_BAP_CLI_S_(RELEASING) | BLE_BAP_CLI_S_(IDLE) |
                                    BLE_BAP_CLI_S_(CODEC_CONFIGURED)));
    return BLE_OK;
}

/* ---- The step: what the procedure does next ---- */

/* The characteristic read at discovery step `sub`: its value handle (0: none). */
static uint16_t ble_bap_cli_read_handle_(const struct ble_bap_cli *b, unsigned sub)
{
    if (sub < 6)
        return b->pacs[sub];
    sub -= 6;
    return sub < b->n_ases ? b->ases[sub].handle : 0;
}

/* Starts a GATT procedure; a start error ends ours. */
static void ble_bap_cli_gatt_(struct ble_bap_cli *b, int rc)
{
    if (rc == BLE_OK)
        b->gatt_busy = b->gatt_mine = 1;
    else
        ble_bap_cli_finish_(b, rc, 0, 0, 0, 0);
}

static void ble_bap_cli_disc_step_(struct ble_bap_cli *b)
{
    struct ble_gatt_cli *g = b->cfg.gatt;
    struct ble_uuid u;
    uint16_t h;
    switch (b->step) {
    case BLE_BAP_CLI_D_SVC_PACS_:
        u = ble_uuid16(BLE_PACS_UUID_SERVICE);
        ble_bap_cli_gatt_(b, ble_gatt_cli_discover_services_by_uuid(g, b->now, &u));
        break;
    case BLE_BAP_CLI_D_SVC_ASCS_:
        u = ble_uuid16(BLE_ASCS_UUID_SERVICE);
        ble_bap_cli_gatt_(b, ble_gatt_cli_discover_services_by_uuid(g, b->now, &u));
        break;
    case BLE_BAP_CLI_D_CHR_PACS_:
        ble_bap_cli_gatt_(b, ble_gatt_cli_discover_characteristics(g, b->now, b->pacs_start, b->pacs_end, 0));
        break;
    case BLE_BAP_CLI_D_CHR_ASCS_:
        ble_bap_cli_gatt_(b, ble_gatt_cli_discover_characteristics(g, b->now, b->ascs_start, b->ascs_end, 0));
        break;
    case BLE_BAP_CLI_D_DESC_:
        b->cur_chr = 0;
        if (b->ascs_start == b->ascs_end) {
            b->step = BLE_BAP_CLI_D_READ_;
            break;
        }
        ble_bap_cli_gatt_(b, ble_gatt_cli_discover_descriptors(g, b->now, (uint16_t)(b->ascs_start + 1),
                                                               b->ascs_end));
        break;
    case BLE_BAP_CLI_D_READ_:
        while (b->sub < 6u + b->n_ases && !ble_bap_cli_read_handle_(b, b->sub))
            b->sub++;
        if (b->sub == 6u + b->n_ases) {
            b->step = BLE_BAP_CLI_D_SUB_;
            b->sub = 0;
            break;
        }
        h = ble_bap_cli_read_handle_(b, b->sub);
        b->rd_len = 0;
        if (b->sub >= 6)
            b->ases[b->sub - 6].value_len = 0;
        else if (b->sub == BLE_PACS_CHR_SINK_PAC)
            b->sink_pac_len = 0;
        else if (b->sub == BLE_PACS_CHR_SOURCE_PAC)
            b->source_pac_len = 0;
        ble_bap_cli_gatt_(b, ble_gatt_cli_read_long(g, b->now, h, 0));
        break;
    case BLE_BAP_CLI_D_SUB_:
        /* the ASEs, then the Control Point (BAP 5.1: notifications enabled) */
        while (b->sub < b->n_ases && !b->ases[b->sub].cccd)
            b->sub++;
        if (b->sub < b->n_ases) {
            ble_bap_cli_gatt_(b, ble_gatt_cli_subscribe(g, b->now, b->ases[b->sub].cccd, 1));
        } else if (b->sub == b->n_ases) {
            ble_bap_cli_gatt_(b, ble_gatt_cli_subscribe(g, b->now, b->cp_cccd, 1));
        } else {
            ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
        }
        break;
    default:
        break;
    }
}

/* Can the Release procedure disconnect the ASE's CIS: established, and no
 * other ASE still using it. */
static struct ble_bap_cli_cis *ble_bap_cli_cis_to_close_(struct ble_bap_cli *b)
{
    const struct ble_bap_cli_ase *a = &b->ases[b->ase];
    struct ble_bap_cli_cis *cis = ble_bap_cli_cis_(b, a->qos.cis_id);
    size_t i;
    if (!cis || cis->state != BLE_BAP_CLI_CIS_UP_)
        return 0;
    for (i = 0; i < b->n_ases; i++)
        if (i != b->ase && b->ases[i].qos.cis_id == a->qos.cis_id && b->ases[i].state >= BLE_ASCS_STATE_ENABLING &&
            b->ases[i].state <= BLE_ASCS_STATE_DISABLING)
            return 0;
    return cis;
}

/* No ASE holds QoS and no CIS is up: the CIG can go (BAP 5.6.6). */
static int ble_bap_cli_cig_unused_(const struct ble_bap_cli *b)
{
    size_t i;
    for (i = 0; i < b->n_ases; i++)
        if (ble_bap_cli_holds_(&b->ases[i]) || b->ases[i].state == BLE_ASCS_STATE_RELEASING)
            return 0;
    return !ble_bap_cli_cig_live_(b);
}

/* Waiting for the server or the controller: bounded by ntf_timeout_ms. */
static void ble_bap_cli_arm_(struct ble_bap_cli *b)
{
    if (b->ntf_deadline == BLE_NO_DEADLINE)
        b->ntf_deadline = ble_deadline_after(b->now, b->cfg.ntf_timeout_ms);
}

static void ble_bap_cli_op_step_(struct ble_bap_cli *b)
{
    struct ble_bap_cli_ase *a = &b->ases[b->ase];
    struct ble_bap_cli_cis *cis;
    switch (b->step) {
    case BLE_BAP_CLI_O_CIG_: /* waits for LE Set CIG Parameters */
        break;
    case BLE_BAP_CLI_O_CP_:
    case BLE_BAP_CLI_O_CP2_:
        if (!(b->cp_flags & BLE_BAP_CLI_CP_STARTED_)) {
            int rc = ble_gatt_cli_write(b->cfg.gatt, b->now, b->cp_handle, b->cp, b->cp_len);
            if (rc == BLE_OK)
                b->cp_flags |= BLE_BAP_CLI_CP_STARTED_;
            ble_bap_cli_gatt_(b, rc);
            break;
        }
        if ((b->cp_flags & BLE_BAP_CLI_CP_ALL_) != BLE_BAP_CLI_CP_ALL_)
            break;
        /* the Control Point operation is done */
        b->cp_flags = 0;
        b->cp_op = 0;
        b->ntf_deadline = BLE_NO_DEADLINE;
        if (b->step == BLE_BAP_CLI_O_CP2_) {
            ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
            break;
        }
        switch (b->proc) {
        case BLE_BAP_CLI_P_ENABLE:
            b->okmask = BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING);
            b->step = BLE_BAP_CLI_O_CIS_;
            break;
        case BLE_BAP_CLI_P_DISABLE:
            if (a->dir == BLE_ASCS_DIR_SOURCE && a->state == BLE_ASCS_STATE_DISABLING) {
                /* ASCS 5.6, BAP 5.6.5.1: the client, receiver, stops */
                if (ble_bap_cli_id_op_(b, BLE_ASCS_OP_RECEIVER_STOP_READY, a->id) != BLE_OK)
                    break;
                ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP2_, BLE_ASCS_OP_RECEIVER_STOP_READY,
                                     BLE_ASCS_STATE_QOS_CONFIGURED,
                                     BLE_BAP_CLI_S_(DISABLING) | BLE_BAP_CLI_S_(QOS_CONFIGURED));
            } else {
                ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
                return;
            }
            break;
        case BLE_BAP_CLI_P_RELEASE:
            b->okmask = BLE_BAP_CLI_S_(RELEASING) | BLE_BAP_CLI_S_(IDLE) | BLE_BAP_CLI_S_(CODEC_CONFIGURED);
            b->step = BLE_BAP_CLI_O_DISC_;
            break;
        default:
            ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
            return;
        }
        ble_bap_cli_op_step_(b);
        break;
    case BLE_BAP_CLI_O_CIS_: /* BAP 5.6.3: the client creates the CIS once Enabling */
        cis = ble_bap_cli_cis_(b, a->qos.cis_id);
        if (!cis) {
            ble_bap_cli_finish_(b, BLE_ERR_STATE, 0, 0, 0, 0);
            break;
        }
        if (cis->state == BLE_BAP_CLI_CIS_NONE_ && !b->hci_op && !b->await_op) {
            b->hci_op = BLE_HCI_CMD_LE_CREATE_CIS;
        } else if (cis->state == BLE_BAP_CLI_CIS_CREATING_) {
            ble_bap_cli_arm_(b); /* LE CIS Established to come */
        } else if (cis->state == BLE_BAP_CLI_CIS_UP_) {
            b->ntf_deadline = BLE_NO_DEADLINE;
            b->step = BLE_BAP_CLI_O_PATH_;
            ble_bap_cli_op_step_(b);
        }
        break;
    case BLE_BAP_CLI_O_PATH_:
        if (!a->path) {
            if (!b->hci_op && !b->await_op)
                b->hci_op = BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH;
            break;
        }
        if (a->dir == BLE_ASCS_DIR_SOURCE && a->state == BLE_ASCS_STATE_ENABLING) {
            /* BAP 5.6.3.1: the client, receiver of a Source ASE, is ready */
            if (ble_bap_cli_id_op_(b, BLE_ASCS_OP_RECEIVER_START_READY, a->id) != BLE_OK)
                break;
            ble_bap_cli_cp_step_(b, BLE_BAP_CLI_O_CP2_, BLE_ASCS_OP_RECEIVER_START_READY,
                                 BLE_ASCS_STATE_STREAMING,
                                 BLE_BAP_CLI_S_(ENABLING) | BLE_BAP_CLI_S_(STREAMING));
            ble_bap_cli_op_step_(b);
            break;
        }
        ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
        break;
    case BLE_BAP_CLI_O_DISC_:
        cis = ble_bap_cli_cis_to_close_(b);
        if (cis) {
            if (!b->hci_op && !b->await_op)
                b->hci_op = BLE_HCI_CMD_DISCONNECT;
            break;
        }
        cis = ble_bap_cli_cis_(b, a->qos.cis_id);
        if (cis && cis->state == BLE_BAP_CLI_CIS_CLOSING_) {
            ble_bap_cli_arm_(b); /* Disconnection Complete to come */
            break;
        }
        b->step = BLE_BAP_CLI_O_WAIT_;
        /* fall through */
    case BLE_BAP_CLI_O_WAIT_: /* the server ends Releasing (ASCS 3.7) */
        if (a->state != BLE_ASCS_STATE_IDLE && a->state != BLE_ASCS_STATE_CODEC_CONFIGURED) {
            ble_bap_cli_arm_(b);
            break;
        }
        b->ntf_deadline = BLE_NO_DEADLINE;
        if (!b->cig_set || !ble_bap_cli_cig_unused_(b)) {
            ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
            break;
        }
        b->step = BLE_BAP_CLI_O_RMCIG_;
        /* fall through */
    case BLE_BAP_CLI_O_RMCIG_:
        if (!b->hci_op && !b->await_op && b->cig_set)
            b->hci_op = BLE_HCI_CMD_LE_REMOVE_CIG;
        break;
    default:
        break;
    }
}

/* Runs the procedure as far as it goes without new input. */
static void ble_bap_cli_step_(struct ble_bap_cli *b)
{
    if (!ble_bap_cli_running_(b) || b->gatt_busy)
        return;
    if (b->proc == BLE_BAP_CLI_P_DISCOVER) {
        uint8_t s;
        do {
            s = b->step;
            ble_bap_cli_disc_step_(b);
        } while (ble_bap_cli_running_(b) && !b->gatt_busy && b->step != s);
    } else {
        ble_bap_cli_op_step_(b);
    }
}

/* ---- GATT results ---- */

static void ble_bap_cli_on_chr_(struct ble_bap_cli *b, const struct ble_gatt_cli_event *e)
{
    uint16_t u;
    if (e->uuid.len != 2)
        return;
    u = ble_get_le16(e->uuid.v);
    if (b->step == BLE_BAP_CLI_D_CHR_PACS_) {
        if (u >= BLE_PACS_UUID_SINK_PAC && u <= BLE_PACS_UUID_SUPPORTED_AUDIO_CONTEXTS)
            b->pacs[u - BLE_PACS_UUID_SINK_PAC] = e->value_handle;
        return;
    }
    if (u == BLE_ASCS_UUID_ASE_CP) {
        b->cp_handle = e->value_handle;
    } else if (u == BLE_ASCS_UUID_SINK_ASE || u == BLE_ASCS_UUID_SOURCE_ASE) {
        struct ble_bap_cli_ase *a;
        if (b->n_ases >= BLE_CFG_BAP_CLI_MAX_ASES) {
            b->stats.ases_dropped++;
            return;
        }
        a = &b->ases[b->n_ases++];
        ble_memset(a, 0, sizeof *a);
        a->handle = e->value_handle;
        a->dir = u == BLE_ASCS_UUID_SINK_ASE ? BLE_ASCS_DIR_SINK : BLE_ASCS_DIR_SOURCE;
    }
}

/* Find Information over the ASCS range: a CCCD belongs to the characteristic
 * value before it. */
static void ble_bap_cli_on_desc_(struct ble_bap_cli *b, const struct ble_gatt_cli_event *e)
{
    size_t i;
    if (e->handle == b->cp_handle) {
        b->cur_chr = 0xFFFF;
        return;
    }
    for (i = 0; i < b->n_ases; i++)
        if (e->handle == b->ases[i].handle) {
            b->cur_chr = (uint16_t)(i + 1);
            return;
        }
    if (e->uuid.len == 2 && ble_get_le16(e->uuid.v) == BLE_GATT_UUID_CHARACTERISTIC) {
        b->cur_chr = 0;
    } else if (e->uuid.len == 2 && ble_get_le16(e->uuid.v) == BLE_GATT_UUID_CCCD) {
        if (b->cur_chr == 0xFFFF && !b->cp_cccd)
            b->cp_cccd = e->handle;
        else if (b->cur_chr && b->cur_chr <= b->n_ases && !b->ases[b->cur_chr - 1].cccd)
            b->ases[b->cur_chr - 1].cccd = e->handle;
    }
}

/* One part of a Read Long at discovery. */
static void ble_bap_cli_on_value_(struct ble_bap_cli *b, const struct ble_gatt_cli_event *e)
{
    uint8_t *dst;
    size_t cap, *len, off = e->offset, n = e->data.len;
    uint16_t alen;
    if (b->sub >= 6) {
        struct ble_bap_cli_ase *a = &b->ases[b->sub - 6];
        if (off != a->value_len || off + n > sizeof a->value) {
            b->stats.malformed++;
            a->value_len = 0xFFFF; /* too long for the copy: undecodable */
            return;
        }
        ble_memcpy(a->value + off, e->data.p, n);
        a->value_len = (uint16_t)(off + n);
        return;
    }
    if (b->sub == BLE_PACS_CHR_SINK_PAC || b->sub == BLE_PACS_CHR_SOURCE_PAC) {
        int sink = b->sub == BLE_PACS_CHR_SINK_PAC;
        dst = sink ? b->cfg.sink_pac : b->cfg.source_pac;
        cap = sink ? b->cfg.sink_pac_cap : b->cfg.source_pac_cap;
        len = sink ? &b->sink_pac_len : &b->source_pac_len;
        if (off != *len)
            return;
        if (off + n > cap) {
            b->stats.pac_truncated++;
            n = cap - off;
        }
        if (n)
            ble_memcpy(dst + off, e->data.p, n);
        *len = off + n;
        return;
    }
    alen = b->rd_len;
    if (off != alen || off + n > sizeof b->rd) {
        b->rd_len = 0xFFFF;
        return;
    }
    ble_memcpy(b->rd + off, e->data.p, n);
    b->rd_len = (uint16_t)(off + n);
}

/* A read of discovery finished: decode what it read. BLE_OK or why not. */
static int ble_bap_cli_read_done_(struct ble_bap_cli *b)
{
    uint16_t s, r;
    uint32_t l;
    if (b->sub >= 6) {
        struct ble_bap_cli_ase *a = &b->ases[b->sub - 6];
        struct ble_ascs_ase_value v;
        size_t i;
        if (a->value_len == 0xFFFF || ble_ascs_ase_value_decode(a->value, a->value_len, &v) != BLE_OK ||
            v.ase_id == 0) {
            b->stats.malformed++;
            return BLE_ERR_MALFORMED;
        }
        for (i = 0; i < b->n_ases; i++)
            if (b->ases[i].id == v.ase_id && &b->ases[i] != a)
                return BLE_ERR_PROTOCOL; /* ASCS 4.1: ASE_IDs are unique */
        a->id = v.ase_id;
        ble_bap_cli_apply_(a, &v, a->value, a->value_len);
        return BLE_OK;
    }
    switch (b->sub) {
    case BLE_PACS_CHR_SINK_PAC: case BLE_PACS_CHR_SOURCE_PAC:
        return BLE_OK; /* kept raw: ble_pacs_pac_decode() on ble_bap_cli_pac() */
    case BLE_PACS_CHR_SINK_LOCATIONS: case BLE_PACS_CHR_SOURCE_LOCATIONS:
        if (b->rd_len == 0xFFFF || ble_pacs_locations_decode(b->rd, b->rd_len, &l) != BLE_OK)
            break;
        if (b->sub == BLE_PACS_CHR_SINK_LOCATIONS)
            b->sink_locations = l;
        else
            b->source_locations = l;
        return BLE_OK;
    default:
        if (b->rd_len == 0xFFFF || ble_pacs_contexts_decode(b->rd, b->rd_len, &s, &r) != BLE_OK)
            break;
        if (b->sub == BLE_PACS_CHR_AVAILABLE_CONTEXTS)
            b->avail_sink = s, b->avail_source = r;
        else
            b->supp_sink = s, b->supp_source = r;
        return BLE_OK;
    }
    b->stats.malformed++;
    return BLE_ERR_MALFORMED;
}

/* A GATT procedure of ours ended. */
static void ble_bap_cli_gatt_done_(struct ble_bap_cli *b, const struct ble_gatt_cli_event *e)
{
    int rc;
    b->gatt_busy = 0;
    if (!b->gatt_mine || !ble_bap_cli_running_(b))
        return; /* the procedure it served already ended */
    b->gatt_mine = 0;
    if (e->err != BLE_OK || e->status) {
        ble_bap_cli_finish_(b, e->err, e->status, 0, 0, 0);
        return;
    }
    if (b->proc != BLE_BAP_CLI_P_DISCOVER) {
        if ((b->step == BLE_BAP_CLI_O_CP_ || b->step == BLE_BAP_CLI_O_CP2_) &&
            (b->cp_flags & BLE_BAP_CLI_CP_STARTED_)) {
            b->cp_flags |= BLE_BAP_CLI_CP_WRITTEN_;
            if ((b->cp_flags & BLE_BAP_CLI_CP_ALL_) != BLE_BAP_CLI_CP_ALL_)
                b->ntf_deadline = ble_deadline_after(b->now, b->cfg.ntf_timeout_ms);
        }
        return;
    }
    switch (b->step) {
    case BLE_BAP_CLI_D_SVC_PACS_:
        if (!b->pacs_start) {
            ble_bap_cli_finish_(b, BLE_ERR_NOT_FOUND, 0, 0, 0, 0);
            return;
        }
        b->step = BLE_BAP_CLI_D_SVC_ASCS_;
        break;
    case BLE_BAP_CLI_D_SVC_ASCS_:
        if (!b->ascs_start) {
            ble_bap_cli_finish_(b, BLE_ERR_NOT_FOUND, 0, 0, 0, 0);
            return;
        }
        b->step = BLE_BAP_CLI_D_CHR_PACS_;
        break;
    case BLE_BAP_CLI_D_CHR_PACS_:
        b->step = BLE_BAP_CLI_D_CHR_ASCS_;
        break;
    case BLE_BAP_CLI_D_CHR_ASCS_:
        if (!b->cp_handle) { /* ASCS 4: the Control Point is mandatory */
            ble_bap_cli_finish_(b, BLE_ERR_NOT_FOUND, 0, 0, 0, 0);
            return;
        }
        b->step = BLE_BAP_CLI_D_DESC_;
        break;
    case BLE_BAP_CLI_D_DESC_:
        if (!b->cp_cccd) {
            b->cp_handle = 0;
            ble_bap_cli_finish_(b, BLE_ERR_NOT_FOUND, 0, 0, 0, 0);
            return;
        }
        b->step = BLE_BAP_CLI_D_READ_;
        b->sub = 0;
        break;
    case BLE_BAP_CLI_D_READ_:
        rc = ble_bap_cli_read_done_(b);
        if (rc != BLE_OK) {
            b->cp_handle = 0;
            ble_bap_cli_finish_(b, rc, 0, 0, 0, 0);
            return;
        }
        b->sub++;
        break;
    case BLE_BAP_CLI_D_SUB_:
        b->sub++;
        break;
    default:
        break;
    }
}

/* ---- Server notifications ---- */

static void ble_bap_cli_unexpected_(struct ble_bap_cli *b, uint8_t ase_id, uint8_t from, uint8_t to, int err)
{
    struct ble_bap_cli_event *e = ble_bap_cli_ev_(b, BLE_BAP_CLI_EV_UNEXPECTED);
    if (e) {
        e->ase_id = ase_id;
        e->from = from;
        e->to = to;
        e->err = err;
    }
}

/* An ASE notification (ASCS 4.1), checked against the transition table. */
static void ble_bap_cli_on_ase_(struct ble_bap_cli *b, struct ble_bap_cli_ase *a, struct ble_view d)
{
    static const uint8_t srv_inputs[] = {
        BLE_ASCS_IN_SRV_CONFIG_CODEC, BLE_ASCS_IN_SRV_RECEIVER_START_READY, BLE_ASCS_IN_SRV_DISABLE,
        BLE_ASCS_IN_SRV_UPDATE_METADATA, BLE_ASCS_IN_SRV_RELEASE, BLE_ASCS_IN_RELEASED,
        BLE_ASCS_IN_RELEASED_CACHED, BLE_ASCS_IN_CIS_LOST
    };
    struct ble_ascs_ase_value v;
    struct ble_bap_cli_event *e;
    size_t i, idx = (size_t)(a - b->ases);
    int ours, input = -1;
    uint8_t from = a->state;
    if (ble_ascs_ase_value_decode(d.p, d.len, &v) != BLE_OK) {
        b->stats.malformed++;
        ble_bap_cli_unexpected_(b, a->id, from, 0xFF, BLE_ERR_MALFORMED);
        return;
    }
    if (!a->id || v.ase_id != a->id) {
        b->stats.unknown_ase++;
        ble_bap_cli_unexpected_(b, v.ase_id, from, v.state, BLE_ERR_NOT_FOUND);
        return;
    }
    ours = ble_bap_cli_running_(b) && b->proc != BLE_BAP_CLI_P_DISCOVER && b->ase == idx && b->cp_op &&
           (b->cp_flags & BLE_BAP_CLI_CP_STARTED_);
    if (ours && ble_ascs_next_state(a->dir, from, b->cp_op) == (int)v.state)
        input = b->cp_op;
    for (i = 0; input < 0 && i < sizeof srv_inputs; i++)
        if (ble_ascs_next_state(a->dir, from, srv_inputs[i]) == (int)v.state)
            input = srv_inputs[i];
    if (input < 0) {
        b->stats.bad_transitions++;
        ble_bap_cli_unexpected_(b, v.ase_id, from, v.state, BLE_ERR_PROTOCOL);
        return;
    }
    ble_bap_cli_apply_(a, &v, d.p, d.len);
    if (a->state == BLE_ASCS_STATE_QOS_CONFIGURED && from >= BLE_ASCS_STATE_ENABLING)
        a->has_qos = 1; /* back from Enabling..Disabling: the QoS still holds */
    if (a->state < BLE_ASCS_STATE_ENABLING || a->state > BLE_ASCS_STATE_DISABLING) {
        /* its CIS may stay for another ASE, its data path goes with it */
        if (a->state != BLE_ASCS_STATE_QOS_CONFIGURED)
            a->path = 0;
    }
    e = ble_bap_cli_ev_(b, BLE_BAP_CLI_EV_STATE);
    if (e) {
        e->ase_id = a->id;
        e->dir = a->dir;
        e->from = from;
        e->to = a->state;
        e->input = (uint8_t)input;
        e->server = input == b->cp_op && ours ? 0 : 1;
    }
    if (!ble_bap_cli_running_(b) || b->proc == BLE_BAP_CLI_P_DISCOVER || b->ase != idx)
        return;
    if (input == b->cp_op && ours) {
        if (a->state == b->want)
            b->cp_flags |= BLE_BAP_CLI_CP_REACHED_;
    } else if (!((1u << a->state) & b->okmask)) {
        /* the server took the ASE off the procedure's path */
        ble_bap_cli_finish_(b, BLE_ERR_STATE, 0, 0, 0, 0);
    }
}

/* The ASE Control Point notification (ASCS 4.2). */
static void ble_bap_cli_on_cp_(struct ble_bap_cli *b, struct ble_view d)
{
    struct ble_ascs_cp_rsp r;
    struct ble_ascs_rsp_entry en;
    size_t i;
    int waiting = ble_bap_cli_running_(b) && b->proc != BLE_BAP_CLI_P_DISCOVER && b->cp_op &&
                  (b->cp_flags & BLE_BAP_CLI_CP_STARTED_) && !(b->cp_flags & BLE_BAP_CLI_CP_ANSWERED_);
    if (ble_ascs_cp_rsp_decode(d.p, d.len, &r) != BLE_OK) {
        b->stats.malformed++;
        if (waiting)
            ble_bap_cli_finish_(b, BLE_ERR_MALFORMED, 0, 0, 0, 0);
        return;
    }
    if (!waiting || r.opcode != b->cp_op) {
        b->stats.unexpected_cp++;
        return;
    }
    for (i = 0; i < r.ases.n; i++) {
        if (ble_arr_get(&r.ases, &ble_ascs_rsp_entry_desc, i, &en) != BLE_OK)
            break;
        /* ASCS 4.2: the 0xFF form (Invalid Length, Unsupported Opcode) names ASE 0 */
        if (r.number_of_ases == BLE_ASCS_NUM_ASES_INVALID || en.ase_id == b->ases[b->ase].id) {
            if (en.response_code != BLE_ASCS_RSP_SUCCESS || r.number_of_ases == BLE_ASCS_NUM_ASES_INVALID) {
                ble_bap_cli_finish_(b, BLE_OK, 0, en.response_code, en.reason, 0);
                return;
            }
            b->cp_flags |= BLE_BAP_CLI_CP_ANSWERED_;
            return;
        }
    }
    /* our opcode without our ASE */
    ble_bap_cli_finish_(b, BLE_ERR_PROTOCOL, 0, 0, 0, 0);
}

static void ble_bap_cli_on_ntf_(struct ble_bap_cli *b, const struct ble_gatt_cli_event *e)
{
    size_t i;
    uint16_t s, r;
    if (b->cp_handle && e->handle == b->cp_handle) {
        ble_bap_cli_on_cp_(b, e->data);
        return;
    }
    for (i = 0; i < b->n_ases; i++)
        if (e->handle == b->ases[i].handle) {
            ble_bap_cli_on_ase_(b, &b->ases[i], e->data);
            return;
        }
    if (b->pacs[BLE_PACS_CHR_AVAILABLE_CONTEXTS] && e->handle == b->pacs[BLE_PACS_CHR_AVAILABLE_CONTEXTS] &&
        ble_pacs_contexts_decode(e->data.p, e->data.len, &s, &r) == BLE_OK) {
        struct ble_bap_cli_event *ev = ble_bap_cli_ev_(b, BLE_BAP_CLI_EV_CONTEXTS);
        b->avail_sink = s;
        b->avail_source = r;
        if (ev) {
            ev->handle = e->handle;
            ev->value = (uint32_t)s | (uint32_t)r << 16;
        }
        return;
    }
    b->stats.ignored_ntf++;
}

/* Pulls every GATT event and moves the procedure on. */
static void ble_bap_cli_pump_(struct ble_bap_cli *b)
{
    struct ble_gatt_cli_event e;
    for (;;) {
        ble_bap_cli_step_(b);
        if (ble_gatt_cli_poll_event(b->cfg.gatt, &e) != BLE_OK)
            break;
        switch (e.type) {
        case BLE_GATT_CLI_EV_SERVICE:
            if (b->proc == BLE_BAP_CLI_P_DISCOVER && b->step == BLE_BAP_CLI_D_SVC_PACS_ && !b->pacs_start)
                b->pacs_start = e.handle, b->pacs_end = e.end_handle;
            else if (b->proc == BLE_BAP_CLI_P_DISCOVER && b->step == BLE_BAP_CLI_D_SVC_ASCS_ && !b->ascs_start)
                b->ascs_start = e.handle, b->ascs_end = e.end_handle;
            break;
        case BLE_GATT_CLI_EV_CHARACTERISTIC:
            if (b->proc == BLE_BAP_CLI_P_DISCOVER)
                ble_bap_cli_on_chr_(b, &e);
            break;
        case BLE_GATT_CLI_EV_DESCRIPTOR:
            if (b->proc == BLE_BAP_CLI_P_DISCOVER && b->step == BLE_BAP_CLI_D_DESC_)
                ble_bap_cli_on_desc_(b, &e);
            break;
        case BLE_GATT_CLI_EV_VALUE:
            if (b->proc == BLE_BAP_CLI_P_DISCOVER && b->step == BLE_BAP_CLI_D_READ_ && ble_bap_cli_running_(b))
                ble_bap_cli_on_value_(b, &e);
            break;
        case BLE_GATT_CLI_EV_NOTIFICATION:
        case BLE_GATT_CLI_EV_INDICATION:
            ble_bap_cli_on_ntf_(b, &e);
            break;
        case BLE_GATT_CLI_EV_LOST:
            b->stats.lost_ntf += e.count + e.value;
            break;
        case BLE_GATT_CLI_EV_DONE:
            ble_bap_cli_gatt_done_(b, &e);
            break;
        default:
            break;
        }
    }
}

BLE_DEF int ble_bap_cli_on_att(struct ble_bap_cli *b, uint32_t now, const uint8_t *pdu, size_t len)
{
    int rc;
    b->now = now;
    rc = ble_gatt_cli_on_pdu(b->cfg.gatt, now, pdu, len);
    ble_bap_cli_pump_(b);
    return rc;
}

BLE_DEF int ble_bap_cli_poll_att(struct ble_bap_cli *b, uint8_t *buf, size_t cap)
{
    ble_bap_cli_pump_(b);
    return ble_gatt_cli_poll_tx(b->cfg.gatt, buf, cap);
}

/* ---- HCI ---- */

/* The parameters of the command due (b->hci_op). */
static int ble_bap_cli_build_cmd_(struct ble_bap_cli *b, uint8_t *p, size_t cap)
{
    struct ble_bap_cli_ase *a = &b->ases[b->ase];
    struct ble_bap_cli_cis *cis = ble_bap_cli_cis_(b, a->qos.cis_id);
    switch (b->hci_op) {
    case BLE_HCI_CMD_LE_SET_CIG_PARAMS: { /* Vol 4 Part E 7.8.97 */
        struct ble_hci_cmd_le_set_cig_params cmd;
        struct ble_hci_cmd_cis_config cc[BLE_CFG_BAP_CLI_MAX_ASES];
        uint8_t ids[BLE_CFG_BAP_CLI_MAX_ASES];
        size_t n, i;
        int rc = ble_bap_cli_cig_build_(b, b->ase, &a->qos, &cmd, cc, ids, &n);
        if (rc != BLE_OK)
            return rc;
        rc = ble_hci_cmd_le_set_cig_params_encode(&cmd, p, cap);
        if (rc < 0)
            return rc;
        b->n_cis = (uint8_t)n;
        for (i = 0; i < n; i++) {
            b->cis[i].cis_id = ids[i];
            b->cis[i].state = BLE_BAP_CLI_CIS_NONE_;
            b->cis[i].handle = 0xFFFF;
        }
        return rc;
    }
    case BLE_HCI_CMD_LE_CREATE_CIS: { /* 7.8.99 */
        struct ble_hci_cmd_le_create_cis c;
        struct ble_hci_cmd_cis_pair pr;
        if (!cis)
            return BLE_ERR_STATE;
        pr.cis_connection_handle = cis->handle;
        pr.acl_connection_handle = b->cfg.acl_handle;
        ble_memset(&c, 0, sizeof c);
        c.cis.n = 1;
        c.cis.items = &pr;
        return ble_hci_cmd_le_create_cis_encode(&c, p, cap);
    }
    case BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH: { /* 7.8.109: HCI path, transparent */
        struct ble_hci_cmd_le_setup_iso_data_path c;
        if (!cis)
            return BLE_ERR_STATE;
        ble_memset(&c, 0, sizeof c);
        c.connection_handle = cis->handle;
        /* a Sink ASE's audio goes from the host out (input to the controller) */
        c.data_path_direction = a->dir == BLE_ASCS_DIR_SINK ? 0x00 : 0x01;
        c.data_path_id = 0x00;
        c.codec_id[0] = 0x03; /* Transparent (Assigned Numbers 2.11) */
        c.codec_configuration = ble_view_make(0, 0);
        return ble_hci_cmd_le_setup_iso_data_path_encode(&c, p, cap);
    }
    case BLE_HCI_CMD_DISCONNECT: { /* 7.1.6 */
        struct ble_hci_cmd_disconnect c;
        if (!cis)
            return BLE_ERR_STATE;
        c.connection_handle = cis->handle;
        c.reason = 0x13; /* Remote User Terminated Connection */
        return ble_hci_cmd_disconnect_encode(&c, p, cap);
    }
    case BLE_HCI_CMD_LE_REMOVE_CIG: { /* 7.8.100 */
        struct ble_hci_cmd_le_remove_cig c;
        c.cig_id = b->cig_id;
        return ble_hci_cmd_le_remove_cig_encode(&c, p, cap);
    }
    default:
        return BLE_ERR_AGAIN;
    }
}

BLE_DEF int ble_bap_cli_poll_cmd(struct ble_bap_cli *b, uint32_t now, struct ble_hci_host *host, uint8_t *buf,
                                 size_t cap)
{
    uint8_t p[64];
    int rc, n;
    uint16_t op;
    b->now = now;
    ble_bap_cli_pump_(b);
    if (!b->hci_op || b->await_op || !ble_bap_cli_running_(b))
        return BLE_ERR_AGAIN;
    /* built again on each poll: nothing changes until it goes out */
    {
        struct ble_bap_cli_cis save[BLE_CFG_BAP_CLI_MAX_ASES];
        uint8_t n_save = b->n_cis;
        size_t i;
        for (i = 0; i < BLE_CFG_BAP_CLI_MAX_ASES; i++)
            save[i] = b->cis[i];
        n = ble_bap_cli_build_cmd_(b, p, sizeof p);
        if (n < 0) {
            if (n == BLE_ERR_AGAIN)
                return n;
            ble_bap_cli_finish_(b, n, 0, 0, 0, 0);
            return BLE_ERR_AGAIN;
        }
        op = b->hci_op;
        if (host)
            rc = ble_hci_host_cmd(host, now, op, p, (size_t)n, buf, cap);
        else
            rc = ble_hci_cmd_packet(op, p, (size_t)n, buf, cap);
        if (rc < 0) {
            for (i = 0; i < BLE_CFG_BAP_CLI_MAX_ASES; i++)
                b->cis[i] = save[i];
            b->n_cis = n_save;
            return rc;
        }
    }
    b->await_op = op;
    b->hci_mine = 1;
    b->hci_op = 0;
    b->hci_deadline = ble_deadline_after(now, b->cfg.cmd_timeout_ms);
    return rc;
}

/* LE Set CIG Parameters' return parameters: the CIS handles, in the order of
 * the CISes sent (Vol 4 Part E 7.8.97). */
static int ble_bap_cli_cig_ret_(struct ble_bap_cli *b, struct ble_view ret)
{
    struct ble_hci_ret_le_set_cig_params r;
    struct ble_hci_ret_cis_handle h[BLE_CFG_BAP_CLI_MAX_ASES];
    size_t i;
    if (ble_hci_ret_le_set_cig_params_decode(ret.p, ret.len, &r) != BLE_OK || r.cig_id != b->cig_id ||
        r.connection_handles.n != b->n_cis) {
        b->n_cis = 0;
        return BLE_ERR_PROTOCOL;
    }
    for (i = 0; i < r.connection_handles.n; i++)
        if (ble_arr_get(&r.connection_handles, &ble_hci_ret_cis_handle_desc, i, &h[i]) != BLE_OK ||
            !ble_hci_handle_valid(h[i].connection_handle)) {
            b->n_cis = 0;
            return BLE_ERR_PROTOCOL;
        }
    for (i = 0; i < r.connection_handles.n; i++)
        b->cis[i].handle = h[i].connection_handle;
    b->cig_set = 1;
    return BLE_OK;
}

/* The command awaited completed with status; ret: Command Complete's return
 * parameters (empty for Command Status). */
static void ble_bap_cli_cmd_done_(struct ble_bap_cli *b, uint8_t status, struct ble_view ret)
{
    uint16_t op = b->await_op;
    struct ble_bap_cli_ase *a = &b->ases[b->ase < b->n_ases ? b->ase : 0];
    struct ble_bap_cli_cis *cis = ble_bap_cli_cis_(b, a->qos.cis_id);
    int mine = b->hci_mine && ble_bap_cli_running_(b);
    b->await_op = 0;
    b->hci_mine = 0;
    b->hci_deadline = BLE_NO_DEADLINE;
    if (!mine) {
        /* a command of an ended procedure: its effect on the CIS still counts */
        if (status == BLE_HCI_SUCCESS && op == BLE_HCI_CMD_LE_SET_CIG_PARAMS)
            (void)ble_bap_cli_cig_ret_(b, ret);
        else if (status == BLE_HCI_SUCCESS && cis && op == BLE_HCI_CMD_LE_CREATE_CIS)
            cis->state = BLE_BAP_CLI_CIS_CREATING_;
        else if (status == BLE_HCI_SUCCESS && cis && op == BLE_HCI_CMD_DISCONNECT)
            cis->state = BLE_BAP_CLI_CIS_CLOSING_;
        return;
    }
    if (status != BLE_HCI_SUCCESS) {
        if (op == BLE_HCI_CMD_LE_SET_CIG_PARAMS)
            b->n_cis = 0;
        ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, status);
        return;
    }
    switch (op) {
    case BLE_HCI_CMD_LE_SET_CIG_PARAMS:
        if (ble_bap_cli_cig_ret_(b, ret) != BLE_OK) {
            ble_bap_cli_finish_(b, BLE_ERR_PROTOCOL, 0, 0, 0, 0);
            return;
        }
        b->step = BLE_BAP_CLI_O_CP_;
        break;
    case BLE_HCI_CMD_LE_CREATE_CIS: /* Command Status: CIS Established follows */
        if (cis)
            cis->state = BLE_BAP_CLI_CIS_CREATING_;
        break;
    case BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH:
        a->path = 1;
        break;
    case BLE_HCI_CMD_DISCONNECT:
        if (cis)
            cis->state = BLE_BAP_CLI_CIS_CLOSING_;
        break;
    case BLE_HCI_CMD_LE_REMOVE_CIG:
        b->cig_set = 0;
        b->n_cis = 0;
        ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, 0);
        return;
    default:
        break;
    }
}

static void ble_bap_cli_cis_gone_(struct ble_bap_cli *b, struct ble_bap_cli_cis *cis, uint8_t reason, int report)
{
    size_t i;
    for (i = 0; i < b->n_ases; i++)
        if (b->ases[i].qos.cis_id == cis->cis_id)
            b->ases[i].path = 0;
    cis->state = BLE_BAP_CLI_CIS_NONE_;
    if (report) {
        struct ble_bap_cli_event *e = ble_bap_cli_ev_(b, BLE_BAP_CLI_EV_CIS_LOST);
        if (e) {
            e->handle = cis->handle;
            e->hci_status = reason;
        }
    }
}

BLE_DEF int ble_bap_cli_on_hci_event(struct ble_bap_cli *b, uint32_t now, const uint8_t *evt, size_t len)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params u;
    struct ble_bap_cli_cis *cis;
    int rc;
    b->now = now;
    rc = ble_hci_evt_packet(evt, len, &pkt);
    if (rc == BLE_OK) {
        const struct ble_pdu_desc *d = ble_hci_evt_desc(pkt.code);
        if (!d) {
            b->stats.ignored_hci++;
            return BLE_OK;
        }
        rc = ble_pdu_decode(d, pkt.params.p, pkt.params.len, &u);
    }
    if (rc != BLE_OK)
        return rc;
    switch (pkt.code) {
    case BLE_HCI_EVT_COMMAND_COMPLETE: /* 7.7.14 */
        if (!b->await_op || u.command_complete.command_opcode != b->await_op ||
            !u.command_complete.return_parameters.len) {
            b->stats.ignored_hci++;
            break;
        }
        ble_bap_cli_cmd_done_(b, u.command_complete.return_parameters.p[0], u.command_complete.return_parameters);
        break;
    case BLE_HCI_EVT_COMMAND_STATUS: /* 7.7.15 */
        if (!b->await_op || u.command_status.command_opcode != b->await_op) {
            b->stats.ignored_hci++;
            break;
        }
        ble_bap_cli_cmd_done_(b, u.command_status.status, ble_view_make(0, 0));
        break;
    case BLE_HCI_EVT_DISCONNECTION_COMPLETE: { /* 7.7.5 */
        uint16_t h = (uint16_t)(u.disconnection_complete.connection_handle & 0x0FFF);
        if (u.disconnection_complete.status != BLE_HCI_SUCCESS) {
            b->stats.ignored_hci++;
            break;
        }
        if (h == b->cfg.acl_handle) {
            size_t i;
            b->dead = 1;
            for (i = 0; i < b->n_cis; i++)
                b->cis[i].state = BLE_BAP_CLI_CIS_NONE_;
            if (ble_bap_cli_running_(b))
                ble_bap_cli_finish_(b, BLE_ERR_STATE, 0, 0, 0, u.disconnection_complete.reason);
            break;
        }
        cis = ble_bap_cli_cis_handle_(b, h);
        if (!cis || cis->state == BLE_BAP_CLI_CIS_NONE_) {
            b->stats.ignored_hci++;
            break;
        }
        {
            int asked = cis->state == BLE_BAP_CLI_CIS_CLOSING_;
            int awaited = ble_bap_cli_running_(b) && (b->step == BLE_BAP_CLI_O_CIS_ || b->step == BLE_BAP_CLI_O_PATH_) &&
                          b->ases[b->ase].qos.cis_id == cis->cis_id;
            ble_bap_cli_cis_gone_(b, cis, u.disconnection_complete.reason, !asked);
            if (awaited)
                ble_bap_cli_finish_(b, BLE_ERR_STATE, 0, 0, 0, u.disconnection_complete.reason);
        }
        break;
    }
    case BLE_HCI_EVT_LE_META: { /* 7.7.65.25: LE CIS Established */
        uint8_t sub = u.le_meta.subevent_code;
        union ble_hci_le_evt_params le;
        const struct ble_pdu_desc *d;
        if (sub != BLE_HCI_LE_EVT_CIS_ESTABLISHED && sub != BLE_HCI_LE_EVT_CIS_ESTABLISHED_V2) {
            b->stats.ignored_hci++;
            break;
        }
        d = ble_hci_le_evt_desc(sub);
        rc = ble_pdu_decode(d, u.le_meta.parameters.p, u.le_meta.parameters.len, &le);
        if (rc != BLE_OK)
            return rc;
        cis = ble_bap_cli_cis_handle_(b, (uint16_t)(le.cis_established.connection_handle & 0x0FFF));
        if (!cis || cis->state != BLE_BAP_CLI_CIS_CREATING_) {
            b->stats.ignored_hci++;
            break;
        }
        if (le.cis_established.status != BLE_HCI_SUCCESS) {
            cis->state = BLE_BAP_CLI_CIS_NONE_;
            if (ble_bap_cli_running_(b) && b->step == BLE_BAP_CLI_O_CIS_)
                ble_bap_cli_finish_(b, BLE_OK, 0, 0, 0, le.cis_established.status);
            break;
        }
        cis->state = BLE_BAP_CLI_CIS_UP_;
        break;
    }
    default:
        b->stats.ignored_hci++;
        break;
    }
    ble_bap_cli_pump_(b);
    return BLE_OK;
}

BLE_DEF int ble_bap_cli_on_timer(struct ble_bap_cli *b, uint32_t now)
{
    int rc;
    b->now = now;
    rc = ble_gatt_cli_on_timer(b->cfg.gatt, now);
    if (b->await_op && ble_time_reached(now, b->hci_deadline)) {
        b->stats.cmd_timeouts++;
        b->await_op = 0;
        b->hci_deadline = BLE_NO_DEADLINE;
        if (b->hci_mine && ble_bap_cli_running_(b))
            ble_bap_cli_finish_(b, BLE_ERR_TIMEOUT, 0, 0, 0, 0);
        b->hci_mine = 0;
    }
    if (ble_bap_cli_running_(b) && ble_time_reached(now, b->ntf_deadline))
        ble_bap_cli_finish_(b, BLE_ERR_TIMEOUT, 0, 0, 0, 0);
    ble_bap_cli_pump_(b);
    return rc == BLE_ERR_TIMEOUT ? BLE_OK : rc;
}

BLE_DEF uint32_t ble_bap_cli_next_deadline(const struct ble_bap_cli *b)
{
    uint32_t d = ble_gatt_cli_next_deadline(b->cfg.gatt);
    d = ble_deadline_min(d, b->await_op ? b->hci_deadline : BLE_NO_DEADLINE);
    return ble_deadline_min(d, ble_bap_cli_running_(b) ? b->ntf_deadline : BLE_NO_DEADLINE);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
