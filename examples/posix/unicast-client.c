/* unicast-client: a BAP Unicast Client that streams to one Sink ASE.
 * It scans for a device announcing ASCS, connects, exchanges the MTU, and
 * hands the connection's GATT client to the BAP unicast client machine
 * (profiles/bap_client.h), which discovers PACS and ASCS, configures the
 * Sink ASE with LC3 16_2 and the QoS 16_2_1, sets up the CIG and the CIS
 * and takes the ASE to Streaming. The program streams COUNT SDUs at the SDU
 * interval (synthetic octets: octet i of SDU n is (n + i) & 0xFF), then the
 * machine disables and releases the ASE (ending the CIS, removing the CIG)
 * and the program disconnects and prints a summary.
 *
 *   unicast-client --transport unix:/tmp/bt-server-bredrle [--btsnoop FILE]
 *                  [--count N] [--timeout S]
 *
 * Exit status 0 when every step happened and every SDU was acknowledged by
 * Number Of Completed Packets.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum phase { P_SCAN, P_CONNECTING, P_MTU, P_AUDIO, P_DISCONNECTING, P_DONE };

struct client {
    struct transport t;
    struct stack st;
    struct ble_gatt_cli cli;
    uint8_t cli_buf[BLE_GATT_CLI_BUF_SIZE(247)];
    uint8_t ntf[1024];
    struct ble_bap_cli bap;      /* owns the GATT client once the MTU is exchanged */
    uint8_t sink_pac[64];
    enum phase phase;
    uint16_t conn;
    uint8_t ase_id, ase_state;
    /* the stream */
    struct ble_bap_qos qos;
    uint16_t cis;
    uint32_t next_sdu;
    unsigned long count, sent, errors;
    int cis_up, streaming_seen, released, disconnected, mtu, drain;
    uint32_t drain_end;
};

static struct client C;

static void fail(struct client *c, const char *what)
{
    fprintf(stderr, "client: %s\n", what);
    c->errors++;
}

/* ---- audio control: one BAP procedure after another (BAP 1.0 5.6) ---------- */

static void start(struct client *c, int rc, const char *what)
{
    if (rc != BLE_OK) {
        fprintf(stderr, "client: %s: %s\n", what, ble_strerror(rc));
        c->errors++;
    }
}

static void discovered(struct client *c)
{
    const struct ble_bap_cli *b = &c->bap;
    struct ble_view v = ble_bap_cli_pac(b, BLE_ASCS_DIR_SINK);
    struct ble_pacs_pac pac;
    unsigned i;
    printf("client: PACS 0x%04x-0x%04x, ASCS 0x%04x-0x%04x, %u ASE(s)\n", b->pacs_start, b->pacs_end,
           b->ascs_start, b->ascs_end, b->n_ases);
    if (ble_pacs_pac_decode(v.p, v.len, &pac) == BLE_OK)
        printf("client: Sink PAC: %u record(s)\n", pac.num_records);
    else
        fail(c, "Sink PAC does not decode");
    for (i = 0; i < b->n_ases && !c->ase_id; i++)
        if (b->ases[i].dir == BLE_ASCS_DIR_SINK)
            c->ase_id = b->ases[i].id;
    if (!c->ase_id) {
        fail(c, "no Sink ASE");
        return;
    }
    start(c, ble_bap_cli_config_codec_lc3(&c->bap, c->st.now, c->ase_id, "16_2", 0x00000001 /* Front Left */,
                                          0x01 /* low latency */, 0x02 /* LE 2M */),
          "Config Codec");
}

static void disconnect(struct client *c)
{
    uint8_t b[3];
    ble_put_le16(b, c->conn);
    b[2] = BLE_HCI_REMOTE_USER_TERMINATED;
    stack_cmd(&c->st, BLE_HCI_CMD_DISCONNECT, b, 3);
    c->phase = P_DISCONNECTING;
}

static void on_bap(struct client *c, const struct ble_bap_cli_event *e)
{
    static const uint8_t meta[] = { 0x03, 0x02, 0x04, 0x00 }; /* Streaming_Audio_Contexts: Media */
    if (e->type == BLE_BAP_CLI_EV_STATE) {
        printf("client: ASE %u %s%s\n", e->ase_id, ble_ascs_state_name(e->to), e->server ? " (server)" : "");
        if (e->ase_id == c->ase_id)
            c->ase_state = e->to;
        if (e->to == BLE_ASCS_STATE_STREAMING) {
            c->streaming_seen = 1;
            c->next_sdu = c->st.now;
        }
        return;
    }
    if (e->type == BLE_BAP_CLI_EV_UNEXPECTED) {
        fail(c, "the server moved the ASE where it may not go");
        return;
    }
    if (e->type != BLE_BAP_CLI_EV_DONE)
        return;
    if (e->err || e->att_status || e->response_code || e->hci_status) {
        fprintf(stderr, "client: %s failed: %s, ATT 0x%02x, ASCS %s, HCI 0x%02x\n", ble_bap_cli_proc_name(e->proc),
                ble_strerror(e->err), e->att_status, ble_ascs_response_code_name(e->response_code), e->hci_status);
        c->errors++;
        disconnect(c);
        return;
    }
    switch (e->proc) {
    case BLE_BAP_CLI_P_DISCOVER: discovered(c); break;
    case BLE_BAP_CLI_P_CONFIG_CODEC:
        start(c, ble_bap_cli_config_qos_named(&c->bap, c->st.now, c->ase_id, 0, 0, "16_2_1", 0x02), "Config QoS");
        break;
    case BLE_BAP_CLI_P_CONFIG_QOS:
        start(c, ble_bap_cli_enable(&c->bap, c->st.now, c->ase_id, meta, sizeof meta), "Enable");
        break;
    case BLE_BAP_CLI_P_ENABLE: break; /* Streaming: the SDUs flow (stream()) */
    case BLE_BAP_CLI_P_DISABLE:
        start(c, ble_bap_cli_release(&c->bap, c->st.now, c->ase_id), "Release");
        break;
    case BLE_BAP_CLI_P_RELEASE: /* CIS ended, ASE Idle, CIG removed */
        c->released = 1;
        disconnect(c);
        break;
    default: break;
    }
}

/* ---- GATT: the MTU first, then the BAP machine drives the bearer ----------- */

static void att_pump(struct client *c)
{
    struct ble_gatt_cli_event ge;
    struct ble_bap_cli_event be;
    uint8_t buf[256];
    int n;
    if (c->phase == P_MTU) {
        while (ble_gatt_cli_poll_event(&c->cli, &ge) == BLE_OK) {
            struct ble_bap_cli_cfg cfg;
            if (ge.type != BLE_GATT_CLI_EV_DONE)
                continue;
            if (ge.status || ge.err) {
                fail(c, "MTU exchange failed");
                disconnect(c);
                return;
            }
            c->mtu = ge.value;
            printf("client: ATT_MTU %u\n", ge.value);
            memset(&cfg, 0, sizeof cfg);
            cfg.gatt = &c->cli;
            cfg.acl_handle = c->conn;
            cfg.sink_pac = c->sink_pac;
            cfg.sink_pac_cap = sizeof c->sink_pac;
            if (ble_bap_cli_init(&c->bap, &cfg) != BLE_OK) {
                fail(c, "BAP client refused");
                return;
            }
            c->phase = P_AUDIO;
            start(c, ble_bap_cli_discover(&c->bap, c->st.now), "Discover");
        }
        while (stack_l2cap_room(&c->st) && (n = ble_gatt_cli_poll_tx(&c->cli, buf, sizeof buf)) > 0)
            stack_l2cap_send(&c->st, BLE_L2CAP_CID_ATT, buf, (size_t)n);
        if (c->phase == P_MTU)
            return;
    }
    if (c->phase != P_AUDIO)
        return;
    while (ble_bap_cli_poll_event(&c->bap, &be) == BLE_OK)
        on_bap(c, &be);
    while (stack_l2cap_room(&c->st) && (n = ble_bap_cli_poll_att(&c->bap, buf, sizeof buf)) > 0)
        stack_l2cap_send(&c->st, BLE_L2CAP_CID_ATT, buf, (size_t)n);
    /* the machine's HCI commands (CIG, CIS, data path), through the host's credits */
    while ((n = ble_bap_cli_poll_cmd(&c->bap, c->st.now, &c->st.host, buf, sizeof buf)) > 0)
        stack_write(&c->st, BLE_H4_CMD, buf, (size_t)n);
}

/* ---- HCI: scanning, connection, the CIS for ISO ------------------------------ */

static int announces_ascs(const struct ble_view *ad)
{
    /* a Service Data - 16-bit UUID structure of ASCS (BAP 1.0 3.5.3) */
    size_t i = 0;
    while (i + 1 < ad->len && ad->p[i]) {
        size_t l = ad->p[i];
        if (i + 1 + l > ad->len)
            return 0;
        if (ad->p[i + 1] == 0x16 && l >= 3 && ble_get_le16(ad->p + i + 2) == BLE_ASCS_UUID_SERVICE)
            return 1;
        i += 1 + l;
    }
    return 0;
}

static void on_gap(struct client *c, const struct ble_gap_event *g)
{
    if (g->type == BLE_GAP_EV_ADV_REPORT && c->phase == P_SCAN && announces_ascs(&g->u.report.data)) {
        struct ble_gap_connect_params p;
        printf("client: found %02x:%02x:%02x:%02x:%02x:%02x announcing ASCS\n", g->u.report.addr[5],
               g->u.report.addr[4], g->u.report.addr[3], g->u.report.addr[2], g->u.report.addr[1],
               g->u.report.addr[0]);
        ble_gap_scan_stop(&c->st.gap, c->st.now);
        memset(&p, 0, sizeof p);
        p.legacy = 1;
        p.peer_addr_type = g->u.report.addr_type;
        memcpy(p.peer_addr, g->u.report.addr, 6);
        p.scan_interval = p.scan_window = 0x0060;
        p.conn.interval_min = p.conn.interval_max = 0x0008; /* 10 ms */
        p.conn.timeout = 200;                              /* 2 s */
        p.timeout_ms = 5000;
        if (ble_gap_connect(&c->st.gap, c->st.now, &p) == BLE_OK)
            c->phase = P_CONNECTING;
        else
            fail(c, "connect refused");
    } else if (g->type == BLE_GAP_EV_CONNECTED && c->phase == P_CONNECTING) {
        struct ble_gatt_cli_cfg cfg;
        if (g->status) {
            fail(c, "connection failed");
            c->phase = P_DONE;
            return;
        }
        printf("client: connected, handle 0x%04x\n", g->handle);
        c->conn = g->handle;
        memset(&cfg, 0, sizeof cfg);
        cfg.mtu_max = 247;
        cfg.buf = c->cli_buf;
        cfg.buf_len = sizeof c->cli_buf;
        cfg.ntf = c->ntf;
        cfg.ntf_len = sizeof c->ntf;
        ble_gatt_cli_init(&c->cli, &cfg);
        ble_gatt_cli_exchange_mtu(&c->cli, c->st.now);
        c->phase = P_MTU;
    } else if (g->type == BLE_GAP_EV_DISCONNECTED && g->handle == c->conn) {
        printf("client: disconnected (0x%02x)\n", g->reason);
        c->disconnected = 1;
        c->phase = P_DONE;
    }
}

/* Every event packet goes to the BAP machine; the CIS's coming and going also
 * to the stack, which sends the SDUs. */
static void on_hci(struct client *c, const struct ble_view *raw, const struct ble_hci_evt_pkt *e)
{
    if (c->phase == P_AUDIO || c->phase == P_DISCONNECTING)
        ble_bap_cli_on_hci_event(&c->bap, c->st.now, raw->p, raw->len);
    if (e->code == BLE_HCI_EVT_LE_META && e->params.len > 1 && e->params.p[0] == BLE_HCI_LE_EVT_CIS_ESTABLISHED) {
        struct ble_hci_le_evt_cis_established ce;
        if (ble_hci_le_evt_cis_established_decode(e->params.p + 1, e->params.len - 1, &ce) == BLE_OK && !ce.status) {
            printf("client: CIS 0x%04x established\n", ce.connection_handle);
            c->cis = ce.connection_handle;
            c->cis_up = 1;
            stack_cis_up(&c->st, c->cis);
        }
    } else if (e->code == BLE_HCI_EVT_DISCONNECTION_COMPLETE && e->params.len >= 4 && c->cis_up &&
               ble_get_le16(e->params.p + 1) == c->cis) {
        printf("client: CIS 0x%04x disconnected\n", c->cis);
        c->cis_up = 0;
        stack_cis_down(&c->st, c->cis);
    }
}

/* ---- streaming: one SDU per SDU interval while the ASE streams --------------- */

static void stream(struct client *c)
{
    uint8_t sdu[512];
    size_t i;
    int rc;
    if (c->ase_state != BLE_ASCS_STATE_STREAMING || !c->cis_up || c->drain)
        return;
    if (c->sent == c->count) {
        c->drain = 1; /* wait for the controller to take the last ones, then disable */
        c->drain_end = ble_deadline_after(c->st.now, 2000);
        return;
    }
    if (!ble_time_reached(c->st.now, c->next_sdu))
        return;
    for (i = 0; i < c->qos.max_sdu; i++)
        sdu[i] = (uint8_t)(c->sent + i); /* stands for one LC3 frame */
    rc = stack_iso_send(&c->st, c->cis, (uint16_t)c->sent, sdu, c->qos.max_sdu);
    if (rc == 0) {
        c->sent++;
        c->next_sdu = ble_deadline_after(c->next_sdu, c->qos.sdu_interval / 1000u);
    } else if (rc < 0) {
        fail(c, "SDU refused");
    }
}

int main(int argc, char **argv)
{
    struct stack_opts o;
    int i;
    uint32_t end;
    struct client *c = &C;
    memset(&o, 0, sizeof o);
    o.timeout_s = 60;
    c->count = 500;
    for (i = 1; i < argc; i++) {
        if (stack_opt(&o, argc, argv, &i))
            continue;
        if (!strcmp(argv[i], "--count") && i + 1 < argc)
            c->count = strtoul(argv[++i], 0, 10);
        else {
            fprintf(stderr, "usage: unicast-client --transport SPEC [--btsnoop FILE] [--count N] [--timeout S]\n");
            return 2;
        }
    }
    if (stack_open(&o, &c->t) < 0)
        return 2;
    if (ble_bap_qos_get("16_2_1", BLE_BAP_UNICAST, &c->qos) != BLE_OK)
        return 2;
    stack_init(&c->st, &c->t);
    end = ble_deadline_after(c->st.now, o.timeout_s * 1000u);
    while (c->phase != P_DONE) {
        struct stack_event ev;
        uint32_t d = end;
        if (c->ase_state == BLE_ASCS_STATE_STREAMING && !c->drain)
            d = ble_deadline_min(d, c->next_sdu);
        if (c->phase == P_AUDIO)
            d = ble_deadline_min(d, ble_bap_cli_next_deadline(&c->bap));
        stack_step(&c->st, d, &ev);
        if (ble_time_reached(c->st.now, end)) {
            fail(c, "timeout");
            break;
        }
        switch (ev.type) {
        case STACK_EV_FATAL:
            fprintf(stderr, "client: %s (%s)\n", ev.why, ble_strerror(ev.err));
            c->errors++;
            c->phase = P_DONE;
            break;
        case STACK_EV_READY: {
            struct ble_gap_scan_params sp;
            memset(&sp, 0, sizeof sp);
            sp.legacy = 1;
            sp.interval = sp.window = 0x0030;
            ble_gap_scan_start(&c->st.gap, c->st.now, &sp);
            printf("client: controller up (HCI version %u), scanning\n", c->st.host.ctrl.hci_version);
            break;
        }
        case STACK_EV_GAP: on_gap(c, &ev.gap); break;
        case STACK_EV_ATT:
            if (c->phase == P_MTU)
                ble_gatt_cli_on_pdu(&c->cli, c->st.now, ev.data.p, ev.data.len);
            else if (c->phase == P_AUDIO)
                ble_bap_cli_on_att(&c->bap, c->st.now, ev.data.p, ev.data.len);
            break;
        case STACK_EV_CMD_DONE:
        case STACK_EV_HCI: on_hci(c, &ev.raw, &ev.hci); break;
        default: break;
        }
        if (c->phase == P_AUDIO)
            ble_bap_cli_on_timer(&c->bap, c->st.now);
        att_pump(c);
        stream(c);
        if (c->drain == 1 &&
            (c->st.host.stats.iso_completed >= c->sent || ble_time_reached(c->st.now, c->drain_end))) {
            c->drain = 2;
            start(c, ble_bap_cli_disable(&c->bap, c->st.now, c->ase_id), "Disable");
            att_pump(c);
        }
    }
    printf("client: summary: SDUs sent %lu, acknowledged %lu (Number Of Completed Packets), errors %lu; "
           "MTU %d, streaming %s, released %s, disconnected %s\n",
           c->sent, (unsigned long)c->st.host.stats.iso_completed, c->errors, c->mtu,
           c->streaming_seen ? "yes" : "no",
           c->released ? "yes" : "no", c->disconnected ? "yes" : "no");
    transport_close(&c->t);
    return (c->sent == c->count && c->st.host.stats.iso_completed == c->sent && !c->errors && c->mtu &&
            c->streaming_seen && c->released && c->disconnected) ? 0 : 1;
}
