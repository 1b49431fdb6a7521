/* Fuzz harness of the BAP unicast client (profiles/bap_client.h), structure-
 * aware: the input is a script of procedure starts, server ATT PDUs and
 * notifications, HCI events and clock steps.
 *   first octet: bit 0 set: discovery runs from the script; clear: the
 *                server's database is taken as discovered (Sink ASE 1 at
 *                0x0022, Source ASE 2 at 0x0025, Control Point 0x0028) with
 *                the ASE states of bits 1..3 and 4..6
 *   0 k a        start procedure k % 9 on ASE 1 + (a & 1) (CIS a >> 1 & 1)
 *   1 n bytes..  a raw ATT PDU of n octets from the server
 *   2 a n b..    an ASE notification of ASE characteristic a & 1: n octets
 *   3 op id rc r a Control Point notification of one ASE
 *   4 n bytes..  a raw HCI event of n octets
 *   5 k s        an HCI event shaped for the client: k % 6 = Command Complete
 *                / Command Status of the command awaited (status s), CIS
 *                Established (status s), Disconnection Complete of the CIS
 *                or of the ACL, the Write Response
 *   6 t          time passes t * 128 ms, then on_timer
 *   7 cap        poll one ATT PDU and one HCI command into cap octets
 *   8 k          pull up to k events
 * Invariants: an ASE's tracked state moves only along a transition of the
 * ASCS table, announced by an EV_STATE whose from is the state before; no
 * output is longer than the buffer given, and nothing is written past what
 * is returned; driven to the end (outputs polled, the clock run past every
 * timeout), every started procedure has given exactly one DONE.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define MTU 64
static struct ble_gatt_cli gc;
static uint8_t gbuf[BLE_GATT_CLI_BUF_SIZE(MTU)];
static uint8_t gring[256];
static struct ble_bap_cli b;
static uint8_t sink_pac[40], src_pac[40];
static uint8_t out[300];
static uint8_t track[BLE_CFG_BAP_CLI_MAX_ASES];
static uint32_t dropped;
static unsigned long started, dones;
static int rediscovered;
static int resync; /* a discovery ended: take its states once the queue is empty */
static uint32_t now;

static void sync_track(void)
{
    size_t i;
    for (i = 0; i < b.n_ases; i++)
        track[i] = b.ases[i].state;
    dropped = b.stats.events_dropped;
}

static void check_states(void)
{
    size_t i;
    for (i = 0; i < b.n_ases; i++)
        FUZZ_CHECK(b.ases[i].state < BLE_ASCS_STATE_COUNT);
    /* with no events lost and none waiting, the states are those announced */
    if (b.stats.events_dropped == dropped && !b.ev_count && !resync && b.proc != BLE_BAP_CLI_P_DISCOVER)
        for (i = 0; i < b.n_ases; i++)
            FUZZ_CHECK(b.ases[i].state == track[i]);
}

static void pull(unsigned k)
{
    struct ble_bap_cli_event ev;
    while (k-- && ble_bap_cli_poll_event(&b, &ev) == BLE_OK) {
        if (ev.type == BLE_BAP_CLI_EV_DONE) {
            dones++;
            FUZZ_CHECK(dones <= started);
            /* the values read at discovery are the start; events queued
             * after this DONE already moved the machine's states, so the
             * states are taken when the queue is drained */
            if (ev.proc == BLE_BAP_CLI_P_DISCOVER)
                resync = 1;
        } else if (ev.type == BLE_BAP_CLI_EV_STATE) {
            size_t i;
            for (i = 0; i < b.n_ases && b.ases[i].id != ev.ase_id; i++)
                ;
            /* an ASE forgotten by a new discovery may still have events queued */
            FUZZ_CHECK(i < b.n_ases || rediscovered);
            FUZZ_CHECK(ble_ascs_next_state(ev.dir, ev.from, ev.input) == (int)ev.to);
            if (i == b.n_ases)
                continue;
            FUZZ_CHECK(ev.dir == b.ases[i].dir);
            FUZZ_CHECK(ble_ascs_next_state(ev.dir, ev.from, ev.input) == (int)ev.to);
            if (b.stats.events_dropped == dropped && !resync)
                FUZZ_CHECK(track[i] == ev.from);
            track[i] = ev.to;
        }
    }
    if ((resync || b.stats.events_dropped != dropped) && !b.ev_count) {
        sync_track();
        resync = 0;
    }
}

static void poll_out(size_t cap)
{
    int n;
    if (cap > sizeof out)
        cap = sizeof out;
    memset(out, 0xA5, sizeof out);
    n = ble_bap_cli_poll_att(&b, out, cap);
    FUZZ_CHECK(n <= (int)cap);
    if (n >= 0)
        for (size_t i = (size_t)n; i < sizeof out; i++)
            FUZZ_CHECK(out[i] == 0xA5);
    memset(out, 0xA5, sizeof out);
    n = ble_bap_cli_poll_cmd(&b, now, 0, out, cap);
    FUZZ_CHECK(n <= (int)cap);
    if (n >= 0)
        for (size_t i = (size_t)n; i < sizeof out; i++)
            FUZZ_CHECK(out[i] == 0xA5);
}

static void start(unsigned k, unsigned a)
{
    static const uint8_t meta[] = { 0x03, 0x02, 0x04, 0x00 };
    uint8_t id = (uint8_t)(1 + (a & 1));
    uint8_t cis = (uint8_t)((a >> 1) & 1);
    int rc;
    switch (k % 9) {
    case 0: rc = ble_bap_cli_discover(&b, now); rediscovered |= rc == BLE_OK; break;
    case 1: rc = ble_bap_cli_config_codec_lc3(&b, now, id, a & 4 ? "48_2" : "16_2", a & 8 ? 1 : 0, 2, 2); break;
    case 2: rc = ble_bap_cli_config_qos_named(&b, now, id, 1, cis, a & 4 ? "16_2_2" : "16_2_1", 2); break;
    case 3: rc = ble_bap_cli_enable(&b, now, id, meta, a & 4 ? sizeof meta : 0); break;
    case 4: rc = ble_bap_cli_disable(&b, now, id); break;
    case 5: rc = ble_bap_cli_update_metadata(&b, now, id, meta, sizeof meta); break;
    case 6: rc = ble_bap_cli_release(&b, now, id); break;
    case 7: {
        struct ble_ascs_qos q;
        memset(&q, 0, sizeof q);
        q.cig_id = (uint8_t)(a >> 4);
        q.cis_id = cis;
        q.sdu_interval = 10000;
        q.max_sdu = 40;
        q.phy = 2;
        q.retransmission_number = 2;
        q.max_transport_latency = 10;
        rc = ble_bap_cli_config_qos(&b, now, id, &q);
        break;
    }
    default: {
        struct ble_bap_cli_codec c;
        memset(&c, 0, sizeof c);
        c.codec_id[0] = 0xFF;
        c.target_latency = 1;
        c.target_phy = 1;
        rc = ble_bap_cli_config_codec(&b, now, id, &c);
        break;
    }
    }
    if (rc == BLE_OK)
        started++;
}

static void hci(const uint8_t *p, size_t n)
{
    (void)ble_bap_cli_on_hci_event(&b, now, p, n);
}

static void shaped_hci(unsigned k, uint8_t s)
{
    uint8_t e[40];
    memset(e, 0, sizeof e);
    switch (k % 6) {
    case 0: /* Command Complete of the awaited command */
        e[0] = 0x0E;
        e[2] = 1;
        e[3] = (uint8_t)b.await_op;
        e[4] = (uint8_t)(b.await_op >> 8);
        e[5] = s & 0x80 ? s : 0;
        if (b.await_op == BLE_HCI_CMD_LE_SET_CIG_PARAMS) {
            size_t i;
            e[6] = b.cig_id;
            e[7] = b.n_cis;
            for (i = 0; i < b.n_cis; i++)
                e[8 + 2 * i] = (uint8_t)(0x60 + i);
            e[1] = (uint8_t)(6 + 2 * b.n_cis);
        } else if (b.await_op == BLE_HCI_CMD_LE_REMOVE_CIG) {
            e[6] = b.cig_id;
            e[1] = 5;
        } else {
            e[6] = 0x60;
            e[1] = 6;
        }
        hci(e, 2u + e[1]);
        break;
    case 1: /* Command Status */
        e[0] = 0x0F;
        e[1] = 4;
        e[2] = s & 0x80 ? s : 0;
        e[3] = 1;
        e[4] = (uint8_t)b.await_op;
        e[5] = (uint8_t)(b.await_op >> 8);
        hci(e, 6);
        break;
    case 2: /* LE CIS Established of CIS 0x0060 + (s & 1) */
        e[0] = 0x3E;
        e[1] = 29;
        e[2] = 0x19;
        e[3] = s & 0x80 ? s : 0;
        e[4] = (uint8_t)(0x60 + (s & 1));
        hci(e, 31);
        break;
    case 3: /* Disconnection Complete of a CIS */
    case 4: /* ... or of the ACL */
        e[0] = 0x05;
        e[1] = 4;
        e[3] = k % 6 == 3 ? (uint8_t)(0x60 + (s & 1)) : 0x40;
        e[5] = 0x13;
        hci(e, 6);
        break;
    default: { /* the Write Response */
        static const uint8_t wr[] = { 0x13 };
        (void)ble_bap_cli_on_att(&b, now, wr, 1);
        break;
    }
    }
}

static void take_as_discovered(uint8_t states)
{
    static const uint8_t dirs[2] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };
    size_t i;
    b.cp_handle = 0x28;
    b.cp_cccd = 0x29;
    b.pacs[BLE_PACS_CHR_AVAILABLE_CONTEXTS] = 0x0F;
    b.n_ases = 2;
    for (i = 0; i < 2; i++) {
        b.ases[i].handle = (uint16_t)(0x22 + 3 * i);
        b.ases[i].cccd = (uint16_t)(0x23 + 3 * i);
        b.ases[i].id = (uint8_t)(i + 1);
        b.ases[i].dir = dirs[i];
        b.ases[i].state = (uint8_t)(((states >> (1 + 3 * i)) & 7) % BLE_ASCS_STATE_COUNT);
    }
    sync_track();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ble_gatt_cli_cfg g;
    struct ble_bap_cli_cfg c;
    size_t i = 1, n;
    uint8_t pdu[80];
    int round;
    if (!size)
        return 0;
    memset(&g, 0, sizeof g);
    g.mtu_max = MTU;
    g.buf = gbuf;
    g.buf_len = sizeof gbuf;
    g.ntf = gring;
    g.ntf_len = sizeof gring;
    FUZZ_CHECK(ble_gatt_cli_init(&gc, &g) == BLE_OK);
    gc.mtu = MTU; /* as after Exchange MTU */
    memset(&c, 0, sizeof c);
    c.gatt = &gc;
    c.acl_handle = 0x40;
    c.sink_pac = sink_pac;
    c.sink_pac_cap = sizeof sink_pac;
    c.source_pac = src_pac;
    c.source_pac_cap = sizeof src_pac;
    FUZZ_CHECK(ble_bap_cli_init(&b, &c) == BLE_OK);
    started = dones = 0;
    rediscovered = 0;
    resync = 0;
    now = 1;
    memset(track, 0, sizeof track);
    dropped = 0;
    if (data[0] & 1) {
        FUZZ_CHECK(ble_bap_cli_discover(&b, now) == BLE_OK);
        started++;
    } else {
        take_as_discovered(data[0]);
    }
    while (i < size) {
        uint8_t op = data[i++];
        switch (op % 9) {
        case 0:
            if (i + 2 > size)
                return 0;
            start(data[i], data[i + 1]);
            i += 2;
            break;
        case 1: case 4:
            if (i >= size)
                return 0;
            n = data[i++];
            if (n > size - i)
                n = size - i;
            if (op % 9 == 1)
                (void)ble_bap_cli_on_att(&b, now, data + i, n);
            else
                hci(data + i, n);
            i += n;
            break;
        case 2:
            if (i + 2 > size)
                return 0;
            pdu[0] = 0x1B;
            pdu[1] = data[i] & 1 ? 0x25 : 0x22;
            pdu[2] = 0;
            n = data[i + 1] % 60;
            i += 2;
            if (n > size - i)
                n = size - i;
            memcpy(pdu + 3, data + i, n);
            (void)ble_bap_cli_on_att(&b, now, pdu, 3 + n);
            i += n;
            break;
        case 3:
            if (i + 4 > size)
                return 0;
            pdu[0] = 0x1B;
            pdu[1] = 0x28;
            pdu[2] = 0;
            pdu[3] = data[i];
            pdu[4] = 1;
            memcpy(pdu + 5, data + i + 1, 3);
            (void)ble_bap_cli_on_att(&b, now, pdu, 8);
            i += 4;
            break;
        case 5:
            if (i + 2 > size)
                return 0;
            shaped_hci(data[i], data[i + 1]);
            i += 2;
            break;
        case 6:
            if (i >= size)
                return 0;
            now += (uint32_t)data[i++] * 128u;
            (void)ble_bap_cli_on_timer(&b, now);
            break;
        case 7:
            if (i >= size)
                return 0;
            poll_out(data[i++]);
            break;
        default:
            if (i >= size)
                return 0;
            pull(data[i++]);
            break;
        }
        check_states();
    }
    /* driven to the end: every started procedure gives its one DONE */
    for (round = 0; round < 64 && dones < started; round++) {
        poll_out(sizeof out);
        now += 60000;
        (void)ble_bap_cli_on_timer(&b, now);
        pull(1000);
    }
    pull(1000);
    FUZZ_CHECK(dones == started);
    return 0;
}
