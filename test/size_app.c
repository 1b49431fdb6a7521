/* make size: three firmware images built from the kit as a product would use
 * it, linked with --gc-sections so only what the main loop reaches counts.
 *
 *   APP=1  LE peripheral with a GATT server (a sensor: advertises, serves a
 *          small database, notifies)
 *   APP=2  LE Audio unicast server: GAP peripheral, GATT server with PACS and
 *          ASCS (BLE_ASCS_ATTRS and its glue), the ASCS machine, the BAP
 *          unicast server (CIS accept, data paths, SDUs to the Sink ASE),
 *          ISO in and out
 *   APP=3  central: GAP scanning and connecting, GATT client, the BAP unicast
 *          client (discovery, Config Codec / QoS, Enable, CIG and CIS,
 *          Disable, Release), ISO in and out
 *
 * The main loop is the one of a real port: octets from a UART into the H4
 * framer, each packet to the layer that takes it, and every layer's output
 * pulled and written back. The UART and the tick are memory-mapped registers
 * here (never executed; only linked).
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#include "../ble.h"

#ifndef APP
#define APP 1
#endif

#define UART_RX (*(volatile uint8_t *)0x40001000u)
#define UART_TX (*(volatile uint8_t *)0x40001004u)
#define TICK (*(volatile uint32_t *)0x40002000u)

/* freestanding images: the compiler may call these for struct copies */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *p = (uint8_t *)d;
    const uint8_t *q = (const uint8_t *)s;
    while (n--)
        *p++ = *q++;
    return d;
}
void *memset(void *d, int c, size_t n)
{
    uint8_t *p = (uint8_t *)d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

#define MTU 247
#define CONNS 1

static struct {
    struct ble_h4 h4;
    uint8_t h4_buf[4 + 251 + 1];
    struct ble_hci_host host;
    struct ble_gap gap;
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot rx_slots[CONNS];
    uint8_t rx_buf[CONNS][4 + MTU];
    struct ble_l2cap_link link;
    uint16_t conn;
    uint8_t out[4 + 4 + 251];
    uint8_t att[MTU];
#if APP == 1 || APP == 2
    struct ble_gatt_srv srv;
    uint8_t srv_buf[BLE_GATT_SRV_BUF_SIZE(MTU)];
    uint16_t cccd[16];
    struct ble_gatt_srv_event srv_events[4];
#endif
#if APP == 3
    struct ble_iso_rx iso_rx;
    struct ble_iso_rx_slot iso_slots[2];
    uint8_t iso_buf[2][160];
#endif
#if APP == 2
    struct ble_ascs ascs;
    struct ble_ascs_conn ascs_conns[CONNS];
    struct ble_ascs_notify ascs_nq[8];
    struct ble_ascs_event ascs_eq[8];
    struct ble_bap_srv bap;
    struct ble_bap_srv_cis bap_cis[2];
    struct ble_iso_rx_slot bap_rx_slots[2];
    uint8_t bap_rx_buf[2 * 160];
    struct ble_bap_srv_event bap_eq[8];
#endif
#if APP == 3
    struct ble_gatt_cli cli;
    struct ble_bap_cli bap;
    uint8_t sink_pac[64];
    int bap_on;
    uint8_t cli_buf[BLE_GATT_CLI_BUF_SIZE(MTU)];
    uint8_t cli_ntf[BLE_GATT_CLI_NTF_MIN(MTU)];
    struct ble_gap_reasm_slot reasm_slots[2];
    uint8_t reasm_storage[2 * 256];
#endif
} st;

static void uart_write(unsigned type, const uint8_t *p, size_t n)
{
    UART_TX = (uint8_t)type;
    while (n--)
        UART_TX = *p++;
}

/* one L2CAP PDU out on the connection, cut to the controller's ACL size */
static void l2cap_send(uint16_t cid, const uint8_t *pdu, size_t len)
{
    struct ble_l2cap_tx tx;
    int n;
    if (ble_l2cap_tx_init(&tx, st.conn, cid, ble_view_make(pdu, len), 251) != BLE_OK)
        return;
    while ((n = ble_l2cap_tx_next(&tx, st.out, sizeof st.out)) > 0) {
        uart_write(BLE_H4_ACL, st.out, (size_t)n);
        ble_hci_host_acl_sent(&st.host, st.conn);
    }
}

/* ---- the GATT database ---- */
#if APP == 1
static const uint8_t dev_name[] = { 'S', 'e', 'n', 's', 'o', 'r' };
static uint8_t temp_v[2];
static struct ble_gatt_buf temp = { temp_v, 2, 2 };
static const struct ble_gatt_attr db[] = {
    BLE_GATT_PRIMARY_SERVICE(0x1800),
    BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(dev_name)),
    BLE_GATT_PRIMARY_SERVICE(0x1801),
    BLE_GATT_SERVICE_CHANGED(BLE_GATT_PERM_WRITE),
    BLE_GATT_PRIMARY_SERVICE(0x181A),
    BLE_GATT_CHARACTERISTIC(0x2A6E, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY, BLE_GATT_PERM_READ,
                            BLE_GATT_VAL_RAM(&temp, 1)),
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),
};
#elif APP == 2
static uint8_t pac_v[32], loc_v[4], ctx_v[4], sctx_v[4], spac_v[32], sloc_v[4];
static struct ble_gatt_buf sink_pac = { pac_v, 0, 32 }, sink_loc = { loc_v, 4, 4 }, src_pac = { spac_v, 0, 32 },
                           src_loc = { sloc_v, 4, 4 }, avail = { ctx_v, 4, 4 }, supp = { sctx_v, 4, 4 };
#define ASCS_FIRST (3 + 2 + BLE_PACS_ATTR_COUNT + 1)
static const struct ble_gatt_attr db[] = {
    BLE_GATT_PRIMARY_SERVICE(0x1800),
    BLE_GATT_PRIMARY_SERVICE(0x1801),
    BLE_GATT_SERVICE_CHANGED(BLE_GATT_PERM_WRITE),
    BLE_PACS_ATTRS(&sink_pac, &sink_loc, &src_pac, &src_loc, &avail, &supp),
    BLE_ASCS_ATTRS(1, 1),
};
#endif

#if APP == 1 || APP == 2
static void srv_start(void)
{
    struct ble_gatt_srv_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = sizeof db / sizeof db[0];
    cfg.mtu_max = MTU;
    cfg.buf = st.srv_buf;
    cfg.buf_len = sizeof st.srv_buf;
    cfg.cccd = st.cccd;
    ble_gatt_db_check(db, cfg.n, &cfg.cccd_n);
    cfg.events = st.srv_events;
    cfg.events_n = 4;
    ble_gatt_srv_init(&st.srv, &cfg);
}
#endif

/* ---- per packet ---- */
static void on_acl(uint32_t now, const uint8_t *p, size_t n)
{
    struct ble_hci_acl acl;
    struct ble_l2cap_pdu pdu;
    if (ble_hci_acl_decode(p, n, &acl) != BLE_OK || ble_l2cap_rx_push(&st.rx, &acl, &pdu) != BLE_OK)
        return;
    if (pdu.cid == BLE_L2CAP_CID_ATT) {
#if APP == 3
        if (st.bap_on)
            ble_bap_cli_on_att(&st.bap, now, pdu.payload.p, pdu.payload.len);
        else
            ble_gatt_cli_on_pdu(&st.cli, now, pdu.payload.p, pdu.payload.len);
#else
        ble_gatt_srv_on_pdu(&st.srv, now, pdu.payload.p, pdu.payload.len);
#endif
    } else {
        ble_l2cap_on_pdu(&st.link, now, &pdu);
    }
}

static void on_event(uint32_t now, const uint8_t *p, size_t n)
{
    struct ble_hci_host_event hev;
    ble_hci_host_on_event(&st.host, now, p, n, &hev);
    ble_gap_on_hci_event(&st.gap, now, p, n);
#if APP == 2
    ble_bap_srv_on_hci_event(&st.bap, now, p, n);
#elif APP == 3
    if (st.bap_on)
        ble_bap_cli_on_hci_event(&st.bap, now, p, n);
#endif
}

#if APP == 2 || APP == 3
static void on_iso(uint32_t now, const uint8_t *p, size_t n)
{
#if APP == 2
    struct ble_bap_srv_sdu sdu;
    if (ble_bap_srv_on_iso(&st.bap, now, p, n, &sdu) == BLE_OK)
        UART_TX = sdu.sdu.data.len ? sdu.sdu.data.p[0] : 0; /* to the codec */
#else
    struct ble_iso_sdu sdu;
    (void)now;
    if (ble_iso_rx_push(&st.iso_rx, p, n, &sdu) == BLE_OK)
        UART_TX = sdu.data.len ? sdu.data.p[0] : 0; /* to the codec */
#endif
}

/* one 40-octet LC3 frame from the codec to the controller */
static void iso_send(uint16_t handle, uint16_t seq)
{
    static const uint8_t frame[40] = { 0 };
    struct ble_iso_tx tx;
    int n;
    if (ble_hci_host_iso_can_send(&st.host) != BLE_OK)
        return;
    ble_iso_tx_init(&tx, handle, 251, seq, 0, 0, ble_view_make(frame, sizeof frame));
    while ((n = ble_iso_tx_next(&tx, st.out, sizeof st.out)) > 0) {
        uart_write(BLE_H4_ISO, st.out, (size_t)n);
        ble_hci_host_iso_sent(&st.host, handle);
    }
}
#endif

/* ---- the application ---- */
static void on_gap_event(uint32_t now, const struct ble_gap_event *ev)
{
    struct ble_l2cap_link_cfg lcfg;
    if (ev->type == BLE_GAP_EV_CONNECTED && ev->status == 0) {
        st.conn = ev->handle;
        ble_l2cap_rx_attach(&st.rx, ev->handle, st.rx_buf[0], sizeof st.rx_buf[0]);
        memset(&lcfg, 0, sizeof lcfg);
        lcfg.role = ev->u.conn.role == BLE_GAP_ROLE_CENTRAL ? BLE_L2CAP_CENTRAL : BLE_L2CAP_PERIPHERAL;
        ble_l2cap_link_init(&st.link, &lcfg);
#if APP == 1 || APP == 2
        srv_start();
#endif
#if APP == 2
        ble_ascs_acl_connected(&st.ascs, ev->handle);
#endif
#if APP == 3
        ble_gatt_cli_exchange_mtu(&st.cli, now);
#endif
    } else if (ev->type == BLE_GAP_EV_DISCONNECTED) {
        ble_l2cap_rx_detach(&st.rx, ev->handle);
        ble_l2cap_link_down(&st.link, now);
        ble_hci_host_handle_closed(&st.host, ev->handle);
#if APP == 2
        ble_ascs_acl_disconnected(&st.ascs, now, ev->handle);
#endif
    }
#if APP == 3
    else if (ev->type == BLE_GAP_EV_ADV_REPORT) {
        struct ble_gap_ad_struct ad;
        if (ble_gap_ad_find(ev->u.report.data.p, ev->u.report.data.len, 0x16, &ad) == BLE_OK) {
            struct ble_gap_connect_params cp;
            memset(&cp, 0, sizeof cp);
            cp.peer_addr_type = ev->u.report.addr_type;
            memcpy(cp.peer_addr, ev->u.report.addr, 6);
            ble_gap_connect(&st.gap, now, &cp);
        }
    }
#else
    (void)now;
#endif
}

#if APP == 3
/* The MTU first; then the BAP unicast client drives the bearer: discovery,
 * LC3 16_2 on the first ASE, QoS 16_2_1 with its CIG, Enable (CIS and data
 * path follow), and at the application's word Disable and Release. */
static void on_cli_event(uint32_t now, const struct ble_gatt_cli_event *ev)
{
    struct ble_bap_cli_cfg cfg;
    if (ev->type != BLE_GATT_CLI_EV_DONE || ev->status || ev->err)
        return;
    memset(&cfg, 0, sizeof cfg);
    cfg.gatt = &st.cli;
    cfg.acl_handle = st.conn;
    cfg.sink_pac = st.sink_pac;
    cfg.sink_pac_cap = sizeof st.sink_pac;
    if (ble_bap_cli_init(&st.bap, &cfg) == BLE_OK && ble_bap_cli_discover(&st.bap, now) == BLE_OK)
        st.bap_on = 1;
}

static void on_bap_event(uint32_t now, const struct ble_bap_cli_event *ev)
{
    static const uint8_t meta[] = { 3, 0x02, 0x04, 0x00 }; /* Streaming_Audio_Contexts: media */
    if (ev->type != BLE_BAP_CLI_EV_DONE || ev->err)
        return;
    if (ev->proc == BLE_BAP_CLI_P_DISCOVER)
        ble_bap_cli_config_codec_lc3(&st.bap, now, 1, "16_2", 0x1, 0x02, 0x02);
    else if (ev->proc == BLE_BAP_CLI_P_CONFIG_CODEC)
        ble_bap_cli_config_qos_named(&st.bap, now, 1, 0, 0, "16_2_1", 0x02);
    else if (ev->proc == BLE_BAP_CLI_P_CONFIG_QOS)
        ble_bap_cli_enable(&st.bap, now, 1, meta, sizeof meta);
    else if (ev->proc == BLE_BAP_CLI_P_DISABLE)
        ble_bap_cli_release(&st.bap, now, 1);
}
#endif

void app_main(void);
void app_main(void)
{
    struct ble_hci_host_cfg hcfg;
    struct ble_gap_cfg gcfg;
#if APP == 2 || APP == 3
    uint16_t seq = 0;
#endif
    ble_h4_init(&st.h4, st.h4_buf, sizeof st.h4_buf);
    ble_hci_host_cfg_default(&hcfg);
    ble_hci_host_init(&st.host, &hcfg);
    memset(&gcfg, 0, sizeof gcfg);
#if APP == 3
    gcfg.reasm_slots = st.reasm_slots;
    gcfg.reasm_n = 2;
    gcfg.reasm_storage = st.reasm_storage;
    gcfg.reasm_cap = 256;
#endif
    ble_gap_init(&st.gap, &gcfg);
    ble_l2cap_rx_init(&st.rx, st.rx_slots, CONNS);
#if APP == 3
    ble_iso_rx_init(&st.iso_rx, st.iso_slots, 2);
#endif
#if APP == 2
    {
        static const uint8_t dirs[] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };
        struct ble_ascs_cfg acfg;
        struct ble_bap_srv_cfg bcfg;
        memset(&acfg, 0, sizeof acfg);
        acfg.dirs = dirs;
        acfg.n_ases = 2;
        acfg.conns = st.ascs_conns;
        acfg.n_conns = CONNS;
        acfg.notify = st.ascs_nq;
        acfg.notify_cap = 8;
        acfg.events = st.ascs_eq;
        acfg.event_cap = 8;
        ble_ascs_init(&st.ascs, &acfg);
        memset(&bcfg, 0, sizeof bcfg);
        bcfg.ascs = &st.ascs;
        bcfg.cis = st.bap_cis;
        bcfg.n_cis = 2;
        bcfg.rx_slots = st.bap_rx_slots;
        bcfg.rx_buf = st.bap_rx_buf;
        bcfg.rx_buf_per_cis = 160;
        bcfg.events = st.bap_eq;
        bcfg.event_cap = 8;
        ble_bap_srv_init(&st.bap, &bcfg);
        ble_pacs_locations_put(&sink_loc, 0x3);
        ble_pacs_contexts_put(&avail, 0x0206, 0x0206);
    }
#endif
#if APP == 3
    {
        struct ble_gatt_cli_cfg ccfg;
        memset(&ccfg, 0, sizeof ccfg);
        ccfg.mtu_max = MTU;
        ccfg.buf = st.cli_buf;
        ccfg.buf_len = sizeof st.cli_buf;
        ccfg.ntf = st.cli_ntf;
        ccfg.ntf_len = sizeof st.cli_ntf;
        ble_gatt_cli_init(&st.cli, &ccfg);
    }
#endif
    ble_hci_host_start(&st.host, TICK);
    for (;;) {
        uint32_t now = TICK;
        uint8_t b = UART_RX;
        size_t used;
        struct ble_h4_pkt pkt;
        struct ble_gap_event gev;
        struct ble_hci_host_event hev;
        int n;
        if (ble_h4_push(&st.h4, &b, 1, &used) == BLE_OK && ble_h4_packet(&st.h4, &pkt) == BLE_OK) {
            if (pkt.type == BLE_H4_EVT)
                on_event(now, pkt.p, pkt.len);
            else if (pkt.type == BLE_H4_ACL)
                on_acl(now, pkt.p, pkt.len);
#if APP == 2 || APP == 3
            else if (pkt.type == BLE_H4_ISO)
                on_iso(now, pkt.p, pkt.len);
#endif
        }
        /* timers */
        ble_hci_host_on_timer(&st.host, now, &hev);
        ble_gap_on_timer(&st.gap, now);
        ble_l2cap_on_timer(&st.link, now);
        /* outputs */
        while ((n = ble_hci_host_poll_cmd(&st.host, now, st.out, sizeof st.out)) > 0)
            uart_write(BLE_H4_CMD, st.out, (size_t)n);
        while ((n = ble_gap_poll_cmd(&st.gap, now, &st.host, st.out, sizeof st.out)) > 0)
            uart_write(BLE_H4_CMD, st.out, (size_t)n);
        while (ble_gap_poll_event(&st.gap, &gev) == BLE_OK)
            on_gap_event(now, &gev);
        while ((n = ble_l2cap_poll_tx(&st.link, st.out, sizeof st.out)) > 0)
            l2cap_send(BLE_L2CAP_CID_LE_SIGNALING, st.out, (size_t)n);
#if APP == 1 || APP == 2
        {
            struct ble_gatt_srv_event sev;
            ble_gatt_srv_on_timer(&st.srv, now);
            while ((n = ble_gatt_srv_poll_tx(&st.srv, st.att, sizeof st.att)) > 0)
                l2cap_send(BLE_L2CAP_CID_ATT, st.att, (size_t)n);
            while (ble_gatt_srv_poll_event(&st.srv, &sev) == BLE_OK) {
#if APP == 2
                if (ble_ascs_gatt_on_event(&st.ascs, now, st.conn, &st.srv, &sev) == BLE_ERR_NOT_FOUND &&
                    (sev.type == BLE_GATT_SRV_EV_READ_REQ || sev.type == BLE_GATT_SRV_EV_WRITE_REQ))
                    ble_gatt_srv_reply(&st.srv, now, sev.token, 0x0E, 0, 0);
#else
                (void)sev;
#endif
            }
        }
#if APP == 1
        if (UART_RX == 0x55) { /* a new temperature */
            temp_v[0] = UART_RX;
            ble_gatt_srv_notify(&st.srv, now, 7, temp_v, 2);
        }
        if (UART_RX == 0xAA) { /* start advertising */
            static const uint8_t ad[] = { 2, 0x01, 0x06, 3, 0x03, 0x1A, 0x18 };
            struct ble_gap_adv_params ap;
            memset(&ap, 0, sizeof ap);
            ap.legacy = 1;
            ap.props = BLE_GAP_ADV_PROP_CONNECTABLE | BLE_GAP_ADV_PROP_SCANNABLE;
            ap.interval_min = ap.interval_max = 160;
            ap.ad = ad;
            ap.ad_len = sizeof ad;
            ap.restart = 1;
            ble_gap_adv_start(&st.gap, now, &ap);
        }
#else
        {
            struct ble_ascs_event aev;
            struct ble_ascs_answer ans;
            memset(&ans, 0, sizeof ans);
            while (ble_ascs_poll_event(&st.ascs, &aev) == BLE_OK)
                if (aev.type == BLE_ASCS_EV_DECIDE)
                    ble_ascs_decide(&st.ascs, now, aev.conn, aev.ase_id, &ans);
            struct ble_ascs_gatt_link link;
            struct ble_bap_srv_event bev;
            link.conn = st.conn;
            link.gatt = &st.srv;
            do
                while ((n = ble_gatt_srv_poll_tx(&st.srv, st.att, sizeof st.att)) > 0)
                    l2cap_send(BLE_L2CAP_CID_ATT, st.att, (size_t)n);
            while (ble_ascs_gatt_flush(&st.ascs, now, ASCS_FIRST, &link, 1) > 0);
            ble_bap_srv_on_timer(&st.bap, now);
            while ((n = ble_bap_srv_poll_cmd(&st.bap, now, &st.host, st.out, sizeof st.out)) > 0)
                uart_write(BLE_H4_CMD, st.out, (size_t)n);
            while (ble_bap_srv_poll_event(&st.bap, &bev) == BLE_OK)
                UART_TX = bev.type; /* to the application */
            if (UART_RX == 0xAA) { /* start advertising: extended, connectable */
                static const uint8_t ad[] = { 2, 0x01, 0x06, 4, 0x16, 0x4E, 0x18, 0x00 };
                struct ble_gap_adv_params ap;
                memset(&ap, 0, sizeof ap);
                ap.props = BLE_GAP_ADV_PROP_CONNECTABLE;
                ap.interval_min = ap.interval_max = 160;
                ap.ad = ad;
                ap.ad_len = sizeof ad;
                ap.restart = 1;
                ble_gap_adv_start(&st.gap, now, &ap);
            }
            if (UART_RX == 0x10 && (n = ble_bap_srv_cis_handle(&st.bap, st.conn, 2)) >= 0)
                iso_send((uint16_t)n, seq++); /* the Source ASE's audio */
        }
#endif
#else /* APP == 3 */
        {
            struct ble_gatt_cli_event cev;
            ble_gatt_cli_on_timer(&st.cli, now);
            if (!st.bap_on) {
                while ((n = ble_gatt_cli_poll_tx(&st.cli, st.att, sizeof st.att)) > 0)
                    l2cap_send(BLE_L2CAP_CID_ATT, st.att, (size_t)n);
                while (ble_gatt_cli_poll_event(&st.cli, &cev) == BLE_OK)
                    on_cli_event(now, &cev);
            } else {
                struct ble_bap_cli_event bev;
                ble_bap_cli_on_timer(&st.bap, now);
                while (ble_bap_cli_poll_event(&st.bap, &bev) == BLE_OK)
                    on_bap_event(now, &bev);
                while ((n = ble_bap_cli_poll_att(&st.bap, st.att, sizeof st.att)) > 0)
                    l2cap_send(BLE_L2CAP_CID_ATT, st.att, (size_t)n);
                while ((n = ble_bap_cli_poll_cmd(&st.bap, now, &st.host, st.out, sizeof st.out)) > 0)
                    uart_write(BLE_H4_CMD, st.out, (size_t)n);
            }
            if (UART_RX == 0xAA) {
                struct ble_gap_scan_params sp;
                memset(&sp, 0, sizeof sp);
                sp.interval = sp.window = 0x30;
                ble_gap_scan_start(&st.gap, now, &sp);
            }
            if (UART_RX == 0x30 && st.bap_on)
                ble_bap_cli_disable(&st.bap, now, 1);
            if (UART_RX == 0x10)
                iso_send(0x0100, seq++);
        }
#endif
    }
}
