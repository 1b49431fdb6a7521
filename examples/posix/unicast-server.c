/* unicast-server: a BAP Unicast Server with one Sink ASE, over any transport.
 * It advertises connectable with the ASCS service data, serves PACS and ASCS
 * over GATT and accepts the client's codec configuration and QoS. The BAP
 * unicast server machine (profiles/bap_server.h) does the rest of the
 * server's side: it accepts the client's CIS for the ASE, sets up its ISO
 * data path, tells ASCS of the CIS and makes the Sink ASE ready, and
 * reassembles the ISO SDUs for the streaming ASE. The program checks their
 * sequence numbers and pattern (octet i of SDU n is (n + i) & 0xFF, as
 * unicast-client sends).
 *
 *   unicast-server --transport unix:/tmp/bt-server-bredrle [--btsnoop FILE]
 *                  [--expect N] [--timeout S] [--assume-encrypted]
 *
 * Exit status 0 when the client connected, exchanged the MTU, took the ASE to
 * Streaming, sent at least N SDUs that arrived in order and intact, released
 * the ASE and disconnected.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- GATT database: PACS, then ASCS with one Sink ASE ---------------------- */
static uint8_t sink_pac_mem[32], sink_loc_mem[4], src_pac_mem[32], src_loc_mem[4], avail_mem[4], supp_mem[4];
static struct ble_gatt_buf sink_pac = { sink_pac_mem, 0, sizeof sink_pac_mem };
static struct ble_gatt_buf sink_loc = { sink_loc_mem, 0, sizeof sink_loc_mem };
static struct ble_gatt_buf src_pac = { src_pac_mem, 0, sizeof src_pac_mem };
static struct ble_gatt_buf src_loc = { src_loc_mem, 0, sizeof src_loc_mem };
static struct ble_gatt_buf avail = { avail_mem, 0, sizeof avail_mem };
static struct ble_gatt_buf supp = { supp_mem, 0, sizeof supp_mem };

#define ASCS_FIRST (1 + BLE_PACS_ATTR_COUNT) /* the ASCS service declaration */

static const struct ble_gatt_attr db[] = {
    BLE_PACS_ATTRS(&sink_pac, &sink_loc, &src_pac, &src_loc, &avail, &supp),
    BLE_ASCS_ATTRS(1, 0), /* ASCS 1.0 4: one Sink ASE and the Control Point */
};
#define DB_N (sizeof db / sizeof db[0])

struct server {
    struct transport t;
    struct stack st;
    /* GATT server of the connection */
    struct ble_gatt_srv srv;
    uint8_t srv_buf[BLE_GATT_SRV_BUF_SIZE(247)];
    uint16_t cccd[8];
    struct ble_gatt_srv_event srv_ev[8];
    /* ASCS: one Sink ASE, one client */
    struct ble_ascs ascs;
    struct ble_ascs_conn ascs_conn[1];
    struct ble_ascs_notify ascs_nq[8];
    struct ble_ascs_event ascs_eq[8];
    /* BAP unicast server: the CISes of the ASEs, their data paths and SDUs */
    struct ble_bap_srv bap;
    struct ble_bap_srv_cis bap_cis[2];
    struct ble_iso_rx_slot bap_rx_slots[2];
    uint8_t bap_rx_mem[2 * 512];
    struct ble_bap_srv_event bap_eq[8];
    uint16_t conn;
    int connected, assume_encrypted, done;
    uint16_t cis;                 /* the ASE's CIS while it is up (0xFFFF: none) */
    /* what the run showed */
    int mtu, streaming, released, disconnected;
    unsigned long sdus, sdus_bad, seq_errors, sdus_dropped;
    uint16_t next_seq;
    int seq_known;
};

static const uint8_t sink_dirs[] = { BLE_ASCS_DIR_SINK };

static void db_values(void)
{
    /* PACS 1.0 3.1: one LC3 record, 16 kHz, 10 ms, 1 channel, 40 octets per frame */
    static const uint8_t lc3_caps[] = { 0x03, 0x01, 0x04, 0x00, /* Supported_Sampling_Frequencies: 16 kHz */
                                        0x02, 0x02, 0x02,       /* Supported_Frame_Durations: 10 ms */
                                        0x02, 0x03, 0x01,       /* Supported_Audio_Channel_Counts: 1 */
                                        0x05, 0x04, 0x28, 0x00, 0x28, 0x00 }; /* octets 40..40 */
    struct ble_pacs_record rec;
    int n;
    memset(&rec, 0, sizeof rec);
    rec.codec_id[0] = 0x06; /* LC3 */
    rec.caps = ble_view_make(lc3_caps, sizeof lc3_caps);
    n = ble_pacs_pac_encode(&rec, 1, sink_pac.p, sink_pac.cap);
    sink_pac.len = (uint16_t)(n > 0 ? n : 0);
    /* the service table has the source characteristics too: they must hold
     * valid values (PACS 1.0 3.3, 3.4) though no Source ASE is offered and no
     * source context is available */
    n = ble_pacs_pac_encode(&rec, 1, src_pac.p, src_pac.cap);
    src_pac.len = (uint16_t)(n > 0 ? n : 0);
    ble_pacs_locations_put(&sink_loc, 0x00000001); /* Front Left */
    ble_pacs_locations_put(&src_loc, 0x00000001);
    ble_pacs_contexts_put(&avail, BLE_BAP_CONTEXT_MEDIA, 0);
    ble_pacs_contexts_put(&supp, BLE_BAP_CONTEXT_MEDIA, 0);
}

static void on_connected(struct server *s, uint16_t handle, int assume_encrypted)
{
    struct ble_gatt_srv_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = DB_N;
    cfg.mtu_max = 247;
    cfg.buf = s->srv_buf;
    cfg.buf_len = sizeof s->srv_buf;
    cfg.cccd = s->cccd;
    cfg.cccd_n = 8;
    cfg.events = s->srv_ev;
    cfg.events_n = 8;
    if (ble_gatt_srv_init(&s->srv, &cfg) != BLE_OK)
        fprintf(stderr, "server: GATT database refused\n");
    if (assume_encrypted)
        ble_gatt_srv_set_security(&s->srv, BLE_GATT_SEC_ENC, 16);
    ble_ascs_acl_connected(&s->ascs, handle);
    s->conn = handle;
    s->connected = 1;
}

/* ASCS decisions: this sink takes LC3 with the QoS of its preferences. */
static void decide(struct server *s, const struct ble_ascs_event *ev)
{
    struct ble_ascs_answer a;
    memset(&a, 0, sizeof a);
    if (ev->opcode == BLE_ASCS_OP_CONFIG_CODEC && ev->codec_id[0] != 0x06)
        a.response_code = 0x07; /* Unsupported Configuration Parameter Value */
    a.prefs.framing = 0;
    a.prefs.preferred_phy = 0x02;
    a.prefs.preferred_retransmission_number = 2;
    a.prefs.max_transport_latency = 10;
    a.prefs.presentation_delay_min = 20000;
    a.prefs.presentation_delay_max = 40000;
    ble_ascs_decide(&s->ascs, s->st.now, ev->conn, ev->ase_id, &a);
}

/* The application's side of ASCS: decisions and state changes (the BAP
 * machine makes the Sink ASE ready once its CIS and data path are up). */
static void ascs_events(struct server *s)
{
    struct ble_ascs_event ev;
    while (ble_ascs_poll_event(&s->ascs, &ev) == BLE_OK) {
        if (ev.type == BLE_ASCS_EV_DECIDE) {
            decide(s, &ev);
            continue;
        }
        printf("server: ASE %u %s -> %s\n", ev.ase_id, ble_ascs_state_name(ev.from), ble_ascs_state_name(ev.to));
        if (ev.to == BLE_ASCS_STATE_STREAMING)
            s->streaming = 1;
        if (ev.to == BLE_ASCS_STATE_RELEASING && s->cis == 0xFFFF)
            ble_ascs_released(&s->ascs, s->st.now, ev.conn, ev.ase_id, 0);
        if (ev.from == BLE_ASCS_STATE_RELEASING)
            s->released = 1;
    }
}

/* GATT server events (ASCS's reads and Control Point writes go to the ASCS
 * glue), then ASCS's notifications and held write responses in ASCS order,
 * as far as the ACL queue takes them (the GATT server holds one at a time). */
static void gatt_pump(struct server *s)
{
    struct ble_gatt_srv_event ev;
    struct ble_ascs_gatt_link link;
    uint8_t buf[256];
    int n;
    while (ble_gatt_srv_poll_event(&s->srv, &ev) == BLE_OK) {
        if (ev.type == BLE_GATT_SRV_EV_MTU) {
            s->mtu = ev.value;
            printf("server: ATT_MTU %u\n", ev.value);
        } else if (ble_ascs_gatt_on_event(&s->ascs, s->st.now, s->conn, &s->srv, &ev) == BLE_ERR_NOT_FOUND &&
                   (ev.type == BLE_GATT_SRV_EV_READ_REQ || ev.type == BLE_GATT_SRV_EV_WRITE_REQ)) {
            ble_gatt_srv_reply(&s->srv, s->st.now, ev.token, 0x0E /* Unlikely Error */, 0, 0);
        }
    }
    ascs_events(s);
    link.conn = s->conn;
    link.gatt = &s->srv;
    for (;;) {
        while (stack_l2cap_room(&s->st) && (n = ble_gatt_srv_poll_tx(&s->srv, buf, sizeof buf)) > 0)
            stack_l2cap_send(&s->st, BLE_L2CAP_CID_ATT, buf, (size_t)n);
        if (!stack_l2cap_room(&s->st) || ble_ascs_gatt_flush(&s->ascs, s->st.now, ASCS_FIRST, &link, 1) <= 0)
            break;
    }
}

static void check_sdu(struct server *s, const struct ble_iso_sdu *u)
{
    size_t i;
    int ok = u->status == BLE_HCI_ISO_VALID && u->data.len > 0;
    if (s->seq_known && u->seq != s->next_seq)
        s->seq_errors++;
    s->seq_known = 1;
    s->next_seq = (uint16_t)(u->seq + 1);
    for (i = 0; ok && i < u->data.len; i++)
        ok = u->data.p[i] == (uint8_t)(u->seq + i);
    if (ok)
        s->sdus++;
    else
        s->sdus_bad++;
}

/* The BAP machine's events: the CIS of the ASE, its data path, the ACL
 * going; a Releasing ASE is released once its CIS is gone. Then its HCI
 * commands, through the host's command credits. */
static void bap_pump(struct server *s)
{
    struct ble_bap_srv_event e;
    uint8_t buf[64];
    int n;
    ble_bap_srv_on_timer(&s->bap, s->st.now);
    while (ble_bap_srv_poll_event(&s->bap, &e) == BLE_OK) {
        switch (e.type) {
        case BLE_BAP_SRV_EV_CIS_ACCEPTED:
            printf("server: CIS 0x%04x (CIG %u, CIS %u) accepted\n", e.cis_handle, e.cig_id, e.cis_id);
            break;
        case BLE_BAP_SRV_EV_CIS_REJECTED:
            printf("server: CIS 0x%04x (CIG %u, CIS %u) rejected (0x%02x)\n", e.cis_handle, e.cig_id, e.cis_id,
                   e.status);
            break;
        case BLE_BAP_SRV_EV_CIS_FAILED:
            fprintf(stderr, "server: CIS 0x%04x failed (0x%02x, %s)\n", e.cis_handle, e.status, ble_strerror(e.err));
            break;
        case BLE_BAP_SRV_EV_CIS_UP:
            printf("server: CIS 0x%04x established\n", e.cis_handle);
            if (e.acl == s->conn)
                s->cis = e.cis_handle;
            break;
        case BLE_BAP_SRV_EV_PATH_READY:
            printf("server: CIS 0x%04x ISO data path %s set up\n", e.cis_handle,
                   e.dir == BLE_BAP_SRV_PATH_OUT ? "output" : "input");
            break;
        case BLE_BAP_SRV_EV_PATH_FAILED:
            fprintf(stderr, "server: CIS 0x%04x ISO data path failed (0x%02x, %s)\n", e.cis_handle, e.status,
                    ble_strerror(e.err));
            break;
        case BLE_BAP_SRV_EV_CIS_DOWN:
            printf("server: CIS 0x%04x disconnected (0x%02x)\n", e.cis_handle, e.status);
            if (e.cis_handle == s->cis)
                s->cis = 0xFFFF;
            if (s->cis == 0xFFFF && ble_ascs_ase_state(&s->ascs, s->conn, 1) == BLE_ASCS_STATE_RELEASING)
                ble_ascs_released(&s->ascs, s->st.now, s->conn, 1, 0);
            break;
        case BLE_BAP_SRV_EV_ACL_DOWN: /* the ASE went home with its ACL: the run is over */
            if (e.acl == s->conn)
                s->done = 1;
            break;
        default:
            break;
        }
    }
    while ((n = ble_bap_srv_poll_cmd(&s->bap, s->st.now, &s->st.host, buf, sizeof buf)) > 0)
        stack_write(&s->st, BLE_H4_CMD, buf, (size_t)n);
}

/* An ISO data packet: the BAP machine gives the SDUs of the streaming ASE.
 * BLE_ERR_STATE means a whole SDU no ASE streams for only when reassembly
 * delivered one: a continuation fragment without its first gives the same
 * code from ble_iso_rx_push() and is no SDU. */
static void on_iso(struct server *s, const struct ble_view *pkt)
{
    struct ble_bap_srv_sdu u;
    uint32_t whole = s->bap.rx.stats.sdus;
    int rc = ble_bap_srv_on_iso(&s->bap, s->st.now, pkt->p, pkt->len, &u);
    if (rc == BLE_OK)
        check_sdu(s, &u.sdu);
    else if (rc == BLE_ERR_STATE && s->bap.rx.stats.sdus != whole)
        s->sdus_dropped++; /* the ASE does not stream (yet, or any more) */
}

static void advertise(struct server *s)
{
    /* Flags; 16-bit UUIDs ASCS and PACS; ASCS service data (BAP 1.0 3.5.3:
     * General Announcement, sink and source Available Audio Contexts, no
     * metadata) */
    static const uint8_t ad[] = { 0x02, 0x01, 0x06,
                                  0x05, 0x03, 0x4E, 0x18, 0x50, 0x18,
                                  0x09, 0x16, 0x4E, 0x18, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00 };
    struct ble_gap_adv_params a;
    memset(&a, 0, sizeof a);
    a.legacy = 1;
    a.props = BLE_GAP_ADV_PROP_CONNECTABLE | BLE_GAP_ADV_PROP_SCANNABLE | BLE_GAP_ADV_PROP_LEGACY;
    a.interval_min = a.interval_max = 0x20;
    a.ad = ad;
    a.ad_len = sizeof ad;
    if (ble_gap_adv_start(&s->st.gap, s->st.now, &a) != BLE_OK)
        fprintf(stderr, "server: cannot advertise\n");
}

/* Everything before the first event: values, the ASCS machine, the stack. */
static void server_start(struct server *s)
{
    struct ble_ascs_cfg acfg;
    struct ble_bap_srv_cfg bcfg;
    db_values();
    memset(&acfg, 0, sizeof acfg);
    acfg.dirs = sink_dirs;
    acfg.n_ases = 1;
    acfg.conns = s->ascs_conn;
    acfg.n_conns = 1;
    acfg.notify = s->ascs_nq;
    acfg.notify_cap = 8;
    acfg.events = s->ascs_eq;
    acfg.event_cap = 8;
    ble_ascs_init(&s->ascs, &acfg);
    memset(&bcfg, 0, sizeof bcfg);
    bcfg.ascs = &s->ascs;
    bcfg.cis = s->bap_cis;
    bcfg.n_cis = 2; /* a second CIS is refused, not left to the controller's timeout */
    bcfg.rx_slots = s->bap_rx_slots;
    bcfg.rx_buf = s->bap_rx_mem;
    bcfg.rx_buf_per_cis = sizeof s->bap_rx_mem / 2;
    bcfg.events = s->bap_eq;
    bcfg.event_cap = 8;
    ble_bap_srv_init(&s->bap, &bcfg);
    s->cis = 0xFFFF;
    stack_init(&s->st, &s->t);
}

/* One event of the loop; s->done when the run is over. */
static void server_event(struct server *s, const struct stack_event *ev)
{
    switch (ev->type) {
    case STACK_EV_FATAL:
        fprintf(stderr, "server: %s (%s)\n", ev->why, ble_strerror(ev->err));
        s->done = 1;
        break;
    case STACK_EV_READY:
        printf("server: controller %02x:%02x:%02x:%02x:%02x:%02x HCI version %u, ACL %u x %u, ISO %u x %u\n",
               s->st.host.ctrl.bd_addr[5], s->st.host.ctrl.bd_addr[4], s->st.host.ctrl.bd_addr[3],
               s->st.host.ctrl.bd_addr[2], s->st.host.ctrl.bd_addr[1], s->st.host.ctrl.bd_addr[0],
               s->st.host.ctrl.hci_version, s->st.host.ctrl.acl_len, s->st.host.ctrl.acl_num,
               s->st.host.ctrl.iso_len, s->st.host.ctrl.iso_num);
        advertise(s);
        break;
    case STACK_EV_GAP:
        if (ev->gap.type == BLE_GAP_EV_ADV_STARTED && !ev->gap.status)
            printf("server: advertising\n");
        if (ev->gap.type == BLE_GAP_EV_CONNECTED && !ev->gap.status && !s->connected) {
            printf("server: connected, handle 0x%04x\n", ev->gap.handle);
            on_connected(s, ev->gap.handle, s->assume_encrypted);
        }
        if (ev->gap.type == BLE_GAP_EV_DISCONNECTED && s->connected && ev->gap.handle == s->conn) {
            printf("server: disconnected (0x%02x)\n", ev->gap.reason);
            s->disconnected = 1; /* done when the BAP machine has taken the ASE home */
            s->connected = 0;
        }
        break;
    case STACK_EV_ATT:
        if (s->connected)
            ble_gatt_srv_on_pdu(&s->srv, s->st.now, ev->data.p, ev->data.len);
        break;
    case STACK_EV_HCI:
    case STACK_EV_CMD_DONE: /* the completions of the BAP machine's commands */
        ble_bap_srv_on_hci_event(&s->bap, s->st.now, ev->raw.p, ev->raw.len);
        break;
    case STACK_EV_ISO:
        on_iso(s, &ev->raw);
        break;
    default:
        break;
    }
    bap_pump(s);
    if (s->connected) {
        ble_gatt_srv_on_timer(&s->srv, s->st.now);
        gatt_pump(s);
    }
}

static struct server S;

int main(int argc, char **argv)
{
    struct stack_opts o;
    unsigned long expect = 500;
    int i;
    uint32_t end;
    struct server *s = &S;
    memset(&o, 0, sizeof o);
    o.timeout_s = 60;
    for (i = 1; i < argc; i++) {
        if (stack_opt(&o, argc, argv, &i))
            continue;
        if (!strcmp(argv[i], "--expect") && i + 1 < argc)
            expect = strtoul(argv[++i], 0, 10);
        else if (!strcmp(argv[i], "--assume-encrypted"))
            s->assume_encrypted = 1;
        else {
            fprintf(stderr, "usage: unicast-server --transport SPEC [--btsnoop FILE] [--expect N] "
                            "[--timeout S] [--assume-encrypted]\n");
            return 2;
        }
    }
    if (stack_open(&o, &s->t) < 0)
        return 2;
    if (s->assume_encrypted)
        fprintf(stderr, "server: treating the link as encrypted (PACS and ASCS need it; for controllers without encryption only)\n");
    server_start(s);
    end = ble_deadline_after(s->st.now, o.timeout_s * 1000u);
    while (!s->done) {
        struct stack_event ev;
        stack_step(&s->st, ble_deadline_min(end, ble_bap_srv_next_deadline(&s->bap)), &ev);
        if (ble_time_reached(s->st.now, end)) {
            fprintf(stderr, "server: timeout\n");
            break;
        }
        server_event(s, &ev);
    }
    printf("server: summary: MTU %d, streaming %s, SDUs received %lu intact, %lu bad, %lu out of order, "
           "%lu lost by the controller, %lu while not streaming, ASE released %s, disconnected %s\n",
           s->mtu, s->streaming ? "yes" : "no", s->sdus, s->sdus_bad, s->seq_errors,
           (unsigned long)(s->bap.rx.stats.seq_gaps + s->bap.rx.stats.sdus_lost), s->sdus_dropped,
           s->released ? "yes" : "no", s->disconnected ? "yes" : "no");
    transport_close(&s->t);
    return (s->mtu && s->streaming && s->sdus >= expect && !s->sdus_bad && !s->seq_errors && s->released &&
            s->disconnected) ? 0 : 1;
}
