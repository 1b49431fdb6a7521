/* unicast-client: a BAP Unicast Client that streams to one Sink ASE.
 * It scans for a device announcing ASCS, connects, exchanges the MTU,
 * discovers PACS and ASCS, reads the Sink PAC, configures the Sink ASE with
 * LC3 16_2 and the QoS 16_2_1, sets up the CIG and the CIS, streams COUNT
 * SDUs at the SDU interval (synthetic octets: octet i of SDU n is
 * (n + i) & 0xFF), then disables and releases the ASE, removes the CIG and
 * disconnects, and prints a summary.
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

#define ASCS_UUID_SERVICE 0x184E
#define ASCS_UUID_SINK_ASE 0x2BC4
#define ASCS_UUID_ASE_CP 0x2BC6

enum phase {
    P_SCAN, P_CONNECTING, P_MTU, P_SERVICES, P_CHRS, P_DESCS, P_READ_PAC, P_SUB_ASE, P_SUB_CP,
    P_READ_ASE, P_AUDIO, P_DISCONNECTING, P_DONE
};

struct client {
    struct transport t;
    struct stack st;
    struct ble_gatt_cli cli;
    uint8_t cli_buf[BLE_GATT_CLI_BUF_SIZE(247)];
    uint8_t ntf[1024];
    enum phase phase;
    uint16_t conn;
    /* what discovery found */
    uint16_t pacs_start, pacs_end, ascs_start, ascs_end;
    uint16_t sink_pac, sink_ase, sink_ase_cccd, ase_cp, ase_cp_cccd;
    uint8_t ase_id, ase_state;
    uint8_t cp[64];               /* a Control Point write waiting for the GATT client */
    size_t cp_len;
    /* the stream */
    struct ble_bap_qos qos;
    uint16_t cis;
    uint32_t next_sdu;
    unsigned long count, sent, errors;
    int cis_up, path_up, streaming_seen, released_seen, cig_set, disconnected, mtu, drain;
    uint32_t drain_end;
};

static struct client C;

static void fail(struct client *c, const char *what)
{
    fprintf(stderr, "client: %s\n", what);
    c->errors++;
}

/* ---- the audio-control seam: ASE Control Point operations (ASCS 1.0 5) ----- */

/* The write goes out when the GATT client is free (one request at a time). */
static void cp_flush(struct client *c)
{
    int rc;
    if (!c->cp_len)
        return;
    rc = ble_gatt_cli_write(&c->cli, c->st.now, c->ase_cp, c->cp, c->cp_len);
    if (rc == BLE_ERR_BUSY)
        return;
    if (rc != BLE_OK)
        fail(c, "ASE Control Point write");
    c->cp_len = 0;
}

static void cp_write(struct client *c, uint8_t opcode, const void *params)
{
    int n = ble_ascs_cp_write_encode(opcode, params, c->cp, sizeof c->cp);
    if (n < 0 || c->cp_len) {
        fail(c, "ASE Control Point operation");
        return;
    }
    c->cp_len = (size_t)n;
    cp_flush(c);
}

static struct ble_arr one(const void *item)
{
    struct ble_arr a;
    memset(&a, 0, sizeof a);
    a.n = 1;
    a.items = item;
    return a;
}

static void audio_config_codec(struct client *c)
{
    static uint8_t cfg[32];
    struct ble_bap_codec_cfg cc;
    struct ble_ascs_codec_ase a;
    struct ble_ascs_op_config_codec op;
    int n;
    ble_bap_lc3_set_cfg(c->qos.set, 0x00000001 /* Front Left */, &cc);
    n = ble_bap_codec_cfg_encode(&cc, cfg, sizeof cfg);
    memset(&a, 0, sizeof a);
    a.ase_id = c->ase_id;
    a.target_latency = 0x01; /* low latency */
    a.target_phy = 0x02;     /* LE 2M */
    a.codec_id[0] = 0x06;    /* LC3 */
    a.codec_specific_configuration = ble_view_make(cfg, n > 0 ? (size_t)n : 0);
    memset(&op, 0, sizeof op);
    op.ases = one(&a);
    cp_write(c, BLE_ASCS_OP_CONFIG_CODEC, &op);
}

static void audio_config_qos(struct client *c)
{
    struct ble_ascs_qos_ase a;
    struct ble_ascs_op_config_qos op;
    memset(&a, 0, sizeof a);
    a.ase_id = c->ase_id;
    a.cig_id = 0;
    a.cis_id = 0;
    a.sdu_interval = c->qos.sdu_interval;
    a.framing = c->qos.framing;
    a.phy = 0x02;
    a.max_sdu = c->qos.max_sdu;
    a.retransmission_number = c->qos.retransmission_number;
    a.max_transport_latency = c->qos.max_transport_latency;
    a.presentation_delay = c->qos.presentation_delay;
    op.ases = one(&a);
    cp_write(c, BLE_ASCS_OP_CONFIG_QOS, &op);
}

static void audio_enable(struct client *c)
{
    static const uint8_t meta[] = { 0x03, 0x02, 0x04, 0x00 }; /* Streaming_Audio_Contexts: Media */
    struct ble_ascs_meta_ase a;
    struct ble_ascs_op_enable op;
    a.ase_id = c->ase_id;
    a.metadata = ble_view_make(meta, sizeof meta);
    op.ases = one(&a);
    cp_write(c, BLE_ASCS_OP_ENABLE, &op);
}

static void audio_id_op(struct client *c, uint8_t opcode)
{
    struct ble_ascs_id_ase a;
    struct ble_ascs_op_disable op; /* Disable and Release have the same parameters */
    a.ase_id = c->ase_id;
    op.ases = one(&a);
    cp_write(c, opcode, &op);
}

/* LE Set CIG Parameters for CIG 0, CIS 0, from the QoS (Vol 4 Part E 7.8.97). */
static void cig_setup(struct client *c)
{
    struct ble_iso_qos iq;
    struct ble_iso_cis_qos cq;
    struct ble_hci_cmd_le_set_cig_params cig;
    struct ble_hci_cmd_cis_config cis;
    uint8_t b[64];
    int n;
    ble_bap_qos_to_iso(&c->qos, 0x02, &iq);
    cq.cis_id = 0;
    cq.c_to_p = &iq;
    cq.p_to_c = 0;
    if (ble_iso_cig_params(0, &cq, 1, 0, 0, &cig, &cis) != BLE_OK ||
        (n = ble_hci_cmd_le_set_cig_params_encode(&cig, b, sizeof b)) < 0)
        fail(c, "CIG parameters");
    else
        stack_cmd(&c->st, BLE_HCI_CMD_LE_SET_CIG_PARAMS, b, (size_t)n);
}

/* What the ASE's state asks for next (BAP 1.0 5.6). */
static void on_ase(struct client *c, const uint8_t *v, size_t len)
{
    struct ble_ascs_ase_value a;
    uint8_t b[8];
    if (ble_ascs_ase_value_decode(v, len, &a) != BLE_OK) {
        fail(c, "ASE value does not decode");
        return;
    }
    if (!c->ase_id)
        c->ase_id = a.ase_id;
    printf("client: ASE %u %s\n", a.ase_id, ble_ascs_state_name(a.state));
    c->ase_state = a.state;
    switch (a.state) {
    case BLE_ASCS_STATE_IDLE:
        if (c->released_seen) {
            /* released: the CIG goes, then the link */
            b[0] = 0;
            stack_cmd(&c->st, BLE_HCI_CMD_LE_REMOVE_CIG, b, 1);
            ble_put_le16(b, c->conn);
            b[2] = BLE_HCI_REMOTE_USER_TERMINATED;
            stack_cmd(&c->st, BLE_HCI_CMD_DISCONNECT, b, 3);
            c->phase = P_DISCONNECTING;
        } else {
            audio_config_codec(c);
        }
        break;
    case BLE_ASCS_STATE_CODEC_CONFIGURED:
        if (c->released_seen) { /* the server cached the configuration: same as Idle */
            b[0] = 0;
            stack_cmd(&c->st, BLE_HCI_CMD_LE_REMOVE_CIG, b, 1);
            ble_put_le16(b, c->conn);
            b[2] = BLE_HCI_REMOTE_USER_TERMINATED;
            stack_cmd(&c->st, BLE_HCI_CMD_DISCONNECT, b, 3);
            c->phase = P_DISCONNECTING;
        } else {
            audio_config_qos(c);
        }
        break;
    case BLE_ASCS_STATE_QOS_CONFIGURED:
        if (c->streaming_seen)
            audio_id_op(c, BLE_ASCS_OP_RELEASE); /* disabled: release */
        else
            cig_setup(c);
        break;
    case BLE_ASCS_STATE_ENABLING:
        if (!c->cis_up) { /* LE Create CIS (7.8.99): CIS and ACL handle */
            b[0] = 1;
            ble_put_le16(b + 1, c->cis);
            ble_put_le16(b + 3, c->conn);
            stack_cmd(&c->st, BLE_HCI_CMD_LE_CREATE_CIS, b, 5);
        }
        break;
    case BLE_ASCS_STATE_STREAMING:
        c->streaming_seen = 1;
        c->next_sdu = c->st.now;
        break;
    case BLE_ASCS_STATE_RELEASING:
        c->released_seen = 1;
        if (c->cis_up) { /* the client ends the CIS (BAP 1.0 5.6.6) */
            ble_put_le16(b, c->cis);
            b[2] = BLE_HCI_REMOTE_USER_TERMINATED;
            stack_cmd(&c->st, BLE_HCI_CMD_DISCONNECT, b, 3);
        }
        break;
    default:
        break;
    }
}

static void on_cp_notify(struct client *c, const uint8_t *v, size_t len)
{
    struct ble_ascs_cp_rsp r;
    size_t i;
    if (ble_ascs_cp_rsp_decode(v, len, &r) != BLE_OK) {
        fail(c, "Control Point notification does not decode");
        return;
    }
    for (i = 0; i < r.ases.n; i++) {
        struct ble_ascs_rsp_entry e;
        if (ble_arr_get(&r.ases, &ble_ascs_rsp_entry_desc, i, &e) == BLE_OK && e.response_code) {
            fprintf(stderr, "client: %s refused: %s\n", ble_ascs_opcode_name(r.opcode),
                    ble_ascs_response_code_name(e.response_code));
            c->errors++;
        }
    }
}

/* ---- GATT: MTU, discovery, subscriptions ----------------------------------- */

static void gatt_next(struct client *c)
{
    uint32_t now = c->st.now;
    int rc = BLE_OK;
    struct ble_uuid u;
    switch (c->phase) {
    case P_SERVICES: rc = ble_gatt_cli_discover_services(&c->cli, now); break;
    case P_CHRS:
        rc = ble_gatt_cli_discover_characteristics(&c->cli, now, c->pacs_start < c->ascs_start ? c->pacs_start : c->ascs_start,
                                                   c->pacs_end > c->ascs_end ? c->pacs_end : c->ascs_end, 0);
        break;
    case P_DESCS: rc = ble_gatt_cli_discover_descriptors(&c->cli, now, c->ascs_start, c->ascs_end); break;
    case P_READ_PAC: rc = ble_gatt_cli_read(&c->cli, now, c->sink_pac); break;
    case P_SUB_ASE: rc = ble_gatt_cli_subscribe(&c->cli, now, c->sink_ase_cccd, 1); break;
    case P_SUB_CP: rc = ble_gatt_cli_subscribe(&c->cli, now, c->ase_cp_cccd, 1); break;
    case P_READ_ASE: rc = ble_gatt_cli_read(&c->cli, now, c->sink_ase); break;
    default: break;
    }
    (void)u;
    if (rc != BLE_OK)
        fail(c, "GATT procedure refused");
}

static void on_gatt(struct client *c, const struct ble_gatt_cli_event *e)
{
    uint16_t u16 = e->uuid.len == 2 ? ble_get_le16(e->uuid.v) : 0;
    switch (e->type) {
    case BLE_GATT_CLI_EV_SERVICE:
        if (u16 == BLE_PACS_UUID_SERVICE)
            c->pacs_start = e->handle, c->pacs_end = e->end_handle;
        if (u16 == ASCS_UUID_SERVICE)
            c->ascs_start = e->handle, c->ascs_end = e->end_handle;
        break;
    case BLE_GATT_CLI_EV_CHARACTERISTIC:
        if (u16 == BLE_PACS_UUID_SINK_PAC)
            c->sink_pac = e->value_handle;
        if (u16 == ASCS_UUID_SINK_ASE)
            c->sink_ase = e->value_handle;
        if (u16 == ASCS_UUID_ASE_CP)
            c->ase_cp = e->value_handle;
        break;
    case BLE_GATT_CLI_EV_DESCRIPTOR:
        /* a CCCD belongs to the characteristic value before it */
        if (u16 == BLE_GATT_UUID_CCCD && c->sink_ase && e->handle > c->sink_ase &&
            (e->handle < c->ase_cp || c->ase_cp < c->sink_ase) && !c->sink_ase_cccd)
            c->sink_ase_cccd = e->handle;
        else if (u16 == BLE_GATT_UUID_CCCD && c->ase_cp && e->handle > c->ase_cp && !c->ase_cp_cccd)
            c->ase_cp_cccd = e->handle;
        break;
    case BLE_GATT_CLI_EV_VALUE:
        if (c->phase == P_READ_PAC) {
            struct ble_pacs_pac pac;
            if (ble_pacs_pac_decode(e->data.p, e->data.len, &pac) == BLE_OK)
                printf("client: Sink PAC: %u record(s)\n", pac.num_records);
            else
                fail(c, "Sink PAC does not decode");
        } else if (c->phase == P_READ_ASE) {
            on_ase(c, e->data.p, e->data.len);
        }
        break;
    case BLE_GATT_CLI_EV_NOTIFICATION:
        if (e->handle == c->sink_ase)
            on_ase(c, e->data.p, e->data.len);
        else if (e->handle == c->ase_cp)
            on_cp_notify(c, e->data.p, e->data.len);
        break;
    case BLE_GATT_CLI_EV_DONE:
        if (e->status || e->err) {
            fprintf(stderr, "client: %s failed: ATT 0x%02x, %s\n", ble_gatt_cli_proc_name(e->proc), e->status,
                    ble_strerror(e->err));
            c->errors++;
            break;
        }
        switch (c->phase) {
        case P_MTU:
            c->mtu = e->value;
            printf("client: ATT_MTU %u\n", e->value);
            c->phase = P_SERVICES;
            break;
        case P_SERVICES:
            printf("client: PACS 0x%04x-0x%04x, ASCS 0x%04x-0x%04x\n", c->pacs_start, c->pacs_end, c->ascs_start,
                   c->ascs_end);
            if (!c->pacs_start || !c->ascs_start) {
                fail(c, "PACS or ASCS missing");
                return;
            }
            c->phase = P_CHRS;
            break;
        case P_CHRS: c->phase = P_DESCS; break;
        case P_DESCS:
            printf("client: Sink PAC 0x%04x, Sink ASE 0x%04x (CCCD 0x%04x), ASE Control Point 0x%04x (CCCD 0x%04x)\n",
                   c->sink_pac, c->sink_ase, c->sink_ase_cccd, c->ase_cp, c->ase_cp_cccd);
            if (!c->sink_pac || !c->sink_ase_cccd || !c->ase_cp_cccd) {
                fail(c, "ASCS characteristics missing");
                return;
            }
            c->phase = P_READ_PAC;
            break;
        case P_READ_PAC: c->phase = P_SUB_ASE; break;
        case P_SUB_ASE: c->phase = P_SUB_CP; break;
        case P_SUB_CP: c->phase = P_READ_ASE; break;
        case P_READ_ASE: c->phase = P_AUDIO; return;
        default: return;
        }
        gatt_next(c);
        break;
    default:
        break;
    }
}

static void gatt_pump(struct client *c)
{
    struct ble_gatt_cli_event e;
    uint8_t buf[256];
    int n;
    while (ble_gatt_cli_poll_event(&c->cli, &e) == BLE_OK)
        on_gatt(c, &e);
    cp_flush(c);
    while (stack_l2cap_room(&c->st) && (n = ble_gatt_cli_poll_tx(&c->cli, buf, sizeof buf)) > 0)
        stack_l2cap_send(&c->st, BLE_L2CAP_CID_ATT, buf, (size_t)n);
}

/* ---- HCI: scanning, connection, CIG and CIS --------------------------------- */

static int announces_ascs(const struct ble_view *ad)
{
    /* a Service Data - 16-bit UUID structure of ASCS (BAP 1.0 3.5.3) */
    size_t i = 0;
    while (i + 1 < ad->len && ad->p[i]) {
        size_t l = ad->p[i];
        if (i + 1 + l > ad->len)
            return 0;
        if (ad->p[i + 1] == 0x16 && l >= 3 && ble_get_le16(ad->p + i + 2) == ASCS_UUID_SERVICE)
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
    } else if (g->type == BLE_GAP_EV_CONNECTED) {
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

static void on_cmd_done(struct client *c, const struct ble_hci_host_event *e)
{
    if (e->opcode == BLE_HCI_CMD_LE_SET_CIG_PARAMS) {
        struct ble_hci_ret_le_set_cig_params r;
        /* ret after Status: CIG_ID, CIS_Count, Connection_Handle[i] */
        if (e->status || e->ret.len < 4) {
            fail(c, "LE Set CIG Parameters failed");
            return;
        }
        (void)r;
        c->cis = ble_get_le16(e->ret.p + 2);
        c->cig_set = 1;
        printf("client: CIG 0 set, CIS handle 0x%04x\n", c->cis);
        audio_enable(c);
    } else if (e->opcode == BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH) {
        if (e->status)
            fail(c, "LE Setup ISO Data Path failed");
        else
            c->path_up = 1;
    } else if (e->opcode == BLE_HCI_CMD_LE_CREATE_CIS || e->opcode == BLE_HCI_CMD_DISCONNECT ||
               e->opcode == BLE_HCI_CMD_LE_REMOVE_CIG) {
        if (e->status) {
            fprintf(stderr, "client: command 0x%04x: %s\n", e->opcode, ble_hci_status_name(e->status));
            c->errors++;
        }
    }
}

static void on_hci(struct client *c, const struct ble_hci_evt_pkt *e)
{
    if (e->code == BLE_HCI_EVT_LE_META && e->params.len > 1 && e->params.p[0] == BLE_HCI_LE_EVT_CIS_ESTABLISHED) {
        struct ble_hci_le_evt_cis_established ce;
        struct ble_hci_cmd_le_setup_iso_data_path dp;
        uint8_t b[32];
        int n;
        if (ble_hci_le_evt_cis_established_decode(e->params.p + 1, e->params.len - 1, &ce) != BLE_OK || ce.status) {
            fail(c, "CIS not established");
            return;
        }
        printf("client: CIS 0x%04x established\n", ce.connection_handle);
        c->cis_up = 1;
        stack_cis_up(&c->st, ce.connection_handle);
        memset(&dp, 0, sizeof dp);
        dp.connection_handle = ce.connection_handle;
        dp.data_path_direction = 0x00; /* input: host to controller */
        dp.codec_id[0] = 0x03;         /* transparent: the host encodes LC3 */
        n = ble_hci_cmd_le_setup_iso_data_path_encode(&dp, b, sizeof b);
        if (n > 0)
            stack_cmd(&c->st, BLE_HCI_CMD_LE_SETUP_ISO_DATA_PATH, b, (size_t)n);
    } else if (e->code == BLE_HCI_EVT_DISCONNECTION_COMPLETE && e->params.len >= 4 &&
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
    if (c->ase_state != BLE_ASCS_STATE_STREAMING || !c->path_up || c->drain)
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
    const char *spec = 0, *snoop = 0;
    unsigned timeout_s = 60;
    int i;
    uint32_t end;
    struct client *c = &C;
    c->count = 500;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--transport") && i + 1 < argc)
            spec = argv[++i];
        else if (!strcmp(argv[i], "--btsnoop") && i + 1 < argc)
            snoop = argv[++i];
        else if (!strcmp(argv[i], "--count") && i + 1 < argc)
            c->count = strtoul(argv[++i], 0, 10);
        else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
            timeout_s = (unsigned)strtoul(argv[++i], 0, 10);
        else {
            fprintf(stderr, "usage: unicast-client --transport SPEC [--btsnoop FILE] [--count N] [--timeout S]\n");
            return 2;
        }
    }
    setvbuf(stdout, 0, _IOLBF, 0); /* progress lines reach a log at once */
    if (!spec || transport_open(&c->t, spec) < 0 || (snoop && transport_snoop_open(&c->t, snoop) < 0))
        return 2;
    if (ble_bap_qos_get("16_2_1", BLE_BAP_UNICAST, &c->qos) != BLE_OK)
        return 2;
    stack_init(&c->st, &c->t);
    end = ble_deadline_after(c->st.now, timeout_s * 1000u);
    while (c->phase != P_DONE) {
        struct stack_event ev;
        uint32_t d = end;
        if (c->ase_state == BLE_ASCS_STATE_STREAMING && !c->drain)
            d = ble_deadline_min(d, c->next_sdu);
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
        case STACK_EV_ATT: ble_gatt_cli_on_pdu(&c->cli, c->st.now, ev.data.p, ev.data.len); break;
        case STACK_EV_CMD_DONE: on_cmd_done(c, &ev.cmd); break;
        case STACK_EV_HCI: on_hci(c, &ev.hci); break;
        default: break;
        }
        if (c->st.conn == c->conn && c->phase >= P_MTU && c->phase < P_DONE) {
            ble_gatt_cli_on_timer(&c->cli, c->st.now);
            gatt_pump(c);
        }
        stream(c);
        if (c->drain == 1 && (c->st.iso_completed >= c->sent || ble_time_reached(c->st.now, c->drain_end))) {
            c->drain = 2;
            audio_id_op(c, BLE_ASCS_OP_DISABLE);
            gatt_pump(c);
        }
    }
    printf("client: summary: SDUs sent %lu, acknowledged %lu (Number Of Completed Packets), errors %lu; "
           "MTU %d, streaming %s, released %s, disconnected %s\n",
           c->sent, c->st.iso_completed, c->errors, c->mtu, c->streaming_seen ? "yes" : "no",
           c->released_seen ? "yes" : "no", c->disconnected ? "yes" : "no");
    transport_close(&c->t);
    return (c->sent == c->count && c->st.iso_completed == c->sent && !c->errors && c->mtu && c->streaming_seen &&
            c->released_seen && c->disconnected) ? 0 : 1;
}
