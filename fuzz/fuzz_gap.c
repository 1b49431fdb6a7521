/* Fuzz harness of the GAP role machine (layers/gap_role.h), structure-aware:
 * the input is a script of operations.
 *   0 code n params..     an HCI event packet built from code and n octets
 *   1 sub n params..      an LE Meta event with subevent sub and n octets
 *   2 how status          poll the next command; answer it (how bit 0: with
 *                         Command Status, else Command Complete; bit 1: not at all)
 *   3 api a b c d         an API request chosen by api with argument octets
 *   4 lo hi               time passes (ms), then on_timer
 *   5 a st n data..       an extended report fragment of advertiser a with
 *                         Data_Status st (reassembly)
 * Invariants: every state is one the machine defines; at most one command
 * awaits completion and it is the head procedure's; no two connections share
 * a handle; at most one sync is being created; queues stay in bounds; every
 * command polled is one packet that decodes with its table row and fits the
 * buffer; every report's data lies inside the event given or the reassembly
 * storage, within a slot, and a whole report put together from fragments is
 * the concatenation of their data while no slot was short.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION /* it checks the machine with ble_gap_build_, private to gap_role.h */
#include "../ble.h"
#include "fuzz.h"

#include <string.h>

#define SLOT 300

struct fz {
    struct ble_gap g;
    struct ble_gap_reasm_slot slots[2];
    uint8_t mem[2 * SLOT];
    struct ble_gap_dup dup[3];
    uint8_t evt[2 + 255];
    size_t evt_len;
    uint8_t adv_data[BLE_GAP_AD_EXT_MAX];
    uint32_t now;
};

static void check_state(const struct fz *f)
{
    const struct ble_gap *g = &f->g;
    size_t i, j, creating = 0;
    FUZZ_CHECK(g->scan_state <= BLE_GAP_SCAN_STOPPING);
    FUZZ_CHECK(g->init_state <= BLE_GAP_INIT_CANCELLING);
    FUZZ_CHECK(g->proc_n <= BLE_CFG_GAP_PROCS && g->proc_head < BLE_CFG_GAP_PROCS);
    FUZZ_CHECK(g->ev_n <= BLE_CFG_GAP_EVENTS && g->ev_head < BLE_CFG_GAP_EVENTS);
    FUZZ_CHECK(!g->await_op || g->proc_n > 0);
    if (g->await_op) {
        /* the command in flight is the head procedure's (unless the
         * connection it is about went away meanwhile) */
        struct ble_gap_proc pr = g->procs[g->proc_head];
        uint16_t op = 0;
        int rc = ble_gap_build_((struct ble_gap *)(uintptr_t)g, &pr, &op, 0, 0);
        FUZZ_CHECK(rc == 1 || rc == BLE_ERR_NOT_FOUND);
        FUZZ_CHECK(rc != 1 || op == g->await_op);
    }
    for (i = 0; i < BLE_CFG_GAP_ADV_SETS; i++)
        FUZZ_CHECK(g->adv[i].state <= BLE_GAP_ADV_CONNECTED);
    for (i = 0; i < BLE_CFG_GAP_MAX_CONNS; i++) {
        if (!g->conns[i].used)
            continue;
        FUZZ_CHECK(ble_hci_handle_valid(g->conns[i].handle));
        FUZZ_CHECK(g->conns[i].role <= 1);
        FUZZ_CHECK(g->conns[i].adv_set <= BLE_CFG_GAP_ADV_SETS);
        for (j = i + 1; j < BLE_CFG_GAP_MAX_CONNS; j++)
            FUZZ_CHECK(!g->conns[j].used || g->conns[j].handle != g->conns[i].handle);
    }
    for (i = 0; i < BLE_CFG_GAP_MAX_SYNCS; i++) {
        FUZZ_CHECK(g->syncs[i].state <= BLE_GAP_SYNC_TERMINATING);
        if (g->syncs[i].state >= BLE_GAP_SYNC_CREATING && g->syncs[i].state <= BLE_GAP_SYNC_CANCELLING) {
            creating++;
            FUZZ_CHECK(i == g->sync_idx);
        }
    }
    FUZZ_CHECK(creating <= 1);
    for (i = 0; i < 2; i++) {
        FUZZ_CHECK(f->slots[i].len <= SLOT);
        FUZZ_CHECK(f->slots[i].buf == f->mem + i * SLOT);
    }
}

static int inside(const uint8_t *p, size_t n, const uint8_t *base, size_t len)
{
    return p >= base && n <= len && (size_t)(p - base) <= len - n;
}

static void drain(struct fz *f)
{
    struct ble_gap_event ev;
    while (ble_gap_poll_event(&f->g, &ev) == BLE_OK) {
        FUZZ_CHECK(ev.type >= BLE_GAP_EV_ADV_STARTED && ev.type <= BLE_GAP_EV_CMD_FAILED);
        if (ev.type == BLE_GAP_EV_ADV_REPORT || ev.type == BLE_GAP_EV_PA_REPORT) {
            const struct ble_view d = ev.u.report.data;
            FUZZ_CHECK(d.len == 0 || inside(d.p, d.len, f->evt, f->evt_len) ||
                       (inside(d.p, d.len, f->mem, sizeof f->mem) && d.len <= SLOT &&
                        (size_t)(d.p - f->mem) % SLOT == 0));
            FUZZ_CHECK(ev.u.report.truncated <= 1);
        }
        if (ev.raw.len)
            FUZZ_CHECK(inside(ev.raw.p, ev.raw.len, f->evt, f->evt_len));
        if (ev.type == BLE_GAP_EV_CONNECTED && ev.status == 0)
            FUZZ_CHECK(ble_gap_conn_find(&f->g, ev.handle) != 0 || !ev.u.conn.used);
    }
}

static void feed(struct fz *f)
{
    (void)ble_gap_on_hci_event(&f->g, f->now, f->evt, f->evt_len);
}

static void poll_and_answer(struct fz *f, uint8_t how, uint8_t status)
{
    uint8_t buf[3 + 255];
    int n = ble_gap_poll_cmd(&f->g, f->now, 0, buf, (how & 4) ? 10 : sizeof buf);
    const struct ble_pdu_desc *d;
    uint16_t op;
    if (n < 0) {
        FUZZ_CHECK(n == BLE_ERR_AGAIN || n == BLE_ERR_NO_SPACE);
        return;
    }
    FUZZ_CHECK(n >= 3 && n <= (int)sizeof buf && buf[2] == n - 3);
    op = ble_get_le16(buf);
    FUZZ_CHECK(op == f->g.await_op);
    d = ble_hci_cmd_desc(op);
    FUZZ_CHECK(d != 0);
    if (d) {
        union {
            union ble_hci_cmd_params p;
            uint8_t raw[512];
        } u;
        uint8_t again[255];
        FUZZ_CHECK(ble_pdu_decode(d, buf + 3, (size_t)n - 3, &u) == BLE_OK);
        FUZZ_CHECK(ble_pdu_encode(d, &u, again, sizeof again) == n - 3);
        FUZZ_CHECK(memcmp(again, buf + 3, (size_t)n - 3) == 0);
    }
    if (how & 2)
        return;
    if (how & 1) {
        f->evt[0] = 0x0F, f->evt[1] = 4, f->evt[2] = status, f->evt[3] = 1;
        ble_put_le16(f->evt + 4, op);
        f->evt_len = 6;
    } else {
        f->evt[0] = 0x0E, f->evt[1] = 4, f->evt[2] = 1;
        ble_put_le16(f->evt + 3, op);
        f->evt[5] = status;
        f->evt_len = 6;
    }
    feed(f);
}

static void api(struct fz *f, uint8_t which, const uint8_t *a)
{
    struct ble_gap *g = &f->g;
    switch (which % 14) {
    case 0:
    case 1: {
        struct ble_gap_adv_params p;
        memset(&p, 0, sizeof p);
        p.legacy = (uint8_t)(which % 14 == 0);
        p.handle = p.legacy ? 0 : (uint8_t)(a[0] & 3);
        p.props = (uint16_t)(a[1] & 0x0F);
        p.interval_min = p.interval_max = 0x20;
        p.ad = f->adv_data;
        p.ad_len = p.legacy ? (size_t)(a[2] % 32) : (size_t)a[2] * 7;
        p.sr = f->adv_data;
        p.sr_len = p.legacy ? (size_t)(a[3] % 32) : (size_t)(a[3] & 0x0F) * 50;
        p.restart = (uint8_t)(a[1] >> 7);
        p.periodic = (uint8_t)(!p.legacy && (a[1] & 0x40));
        p.pa = f->adv_data;
        p.pa_len = (size_t)(a[3] >> 4) * 90;
        p.pa_interval_min = p.pa_interval_max = 0x50;
        p.set_random_addr = (uint8_t)((a[1] >> 5) & 1);
        (void)ble_gap_adv_start(g, f->now, &p);
        break;
    }
    case 2: (void)ble_gap_adv_stop(g, f->now, (uint8_t)(a[0] & 3)); break;
    case 3: {
        struct ble_gap_scan_params s;
        memset(&s, 0, sizeof s);
        s.legacy = (uint8_t)(a[0] & 1);
        s.active = (uint8_t)((a[0] >> 1) & 1);
        s.interval = 0x40;
        s.window = 0x20;
        s.filter_duplicates = (uint8_t)(a[1] & 3);
        s.phys = (uint8_t)(a[2] & 5);
        s.duration = a[3];
        (void)ble_gap_scan_start(g, f->now, &s);
        break;
    }
    case 4: (void)ble_gap_scan_stop(g, f->now); break;
    case 5: {
        struct ble_gap_connect_params c;
        memset(&c, 0, sizeof c);
        c.legacy = (uint8_t)(a[0] & 1);
        c.phys = (uint8_t)(a[1] & 7);
        c.scan_interval = c.scan_window = 0x30;
        c.conn.interval_min = 24;
        c.conn.interval_max = 40;
        c.conn.timeout = (uint16_t)(a[2] * 4);
        c.timeout_ms = a[3] * 10u;
        (void)ble_gap_connect(g, f->now, &c);
        break;
    }
    case 6: (void)ble_gap_connect_cancel(g, f->now); break;
    case 7: {
        struct ble_gap_conn_params cp;
        memset(&cp, 0, sizeof cp);
        cp.interval_min = a[1];
        cp.interval_max = (uint16_t)(a[1] + a[2]);
        cp.timeout = (uint16_t)(a[3] * 8);
        (void)ble_gap_conn_update(g, f->now, (uint16_t)(a[0] & 7), &cp);
        break;
    }
    case 8: (void)ble_gap_conn_param_reply(g, f->now, (uint16_t)(a[0] & 7), a[1] & 1, 0); break;
    case 9: (void)ble_gap_disconnect(g, f->now, (uint16_t)(a[0] & 7), a[1]); break;
    case 10: {
        struct ble_gap_sync_params s;
        memset(&s, 0, sizeof s);
        s.sid = (uint8_t)(a[0] & 0x1F);
        s.sync_timeout = (uint16_t)(a[1] * 64);
        s.timeout_ms = a[2] * 10u;
        (void)ble_gap_sync_create(g, f->now, &s);
        break;
    }
    case 11: (void)ble_gap_sync_cancel(g, f->now); break;
    case 12: (void)ble_gap_sync_terminate(g, f->now, (uint16_t)(a[0] & 7)); break;
    default: (void)ble_gap_conn_set_security(g, (uint16_t)(a[0] & 7), a[1]); break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fz f;
    struct ble_gap_cfg cfg;
    size_t i = 0, k;
    /* reassembly model: one report in progress per advertiser 0..1 */
    uint8_t model[2][SLOT];
    size_t model_len[2] = { 0, 0 };
    uint8_t model_ok[2] = { 1, 1 };
    memset(&f, 0, sizeof f);
    for (k = 0; k < sizeof f.adv_data; k++)
        f.adv_data[k] = (uint8_t)(k * 7);
    memset(&cfg, 0, sizeof cfg);
    cfg.reasm_slots = f.slots;
    cfg.reasm_n = 2;
    cfg.reasm_storage = f.mem;
    cfg.reasm_cap = SLOT;
    cfg.dup = f.dup;
    cfg.dup_n = 3;
    cfg.cmd_timeout_ms = 500;
    ble_gap_init(&f.g, &cfg);
    while (i < size) {
        uint8_t op = data[i++];
        switch (op % 6) {
        case 0:
        case 1: {
            uint8_t code, n;
            if (size - i < 2)
                return 0;
            code = data[i], n = data[i + 1];
            i += 2;
            if (n > size - i)
                n = (uint8_t)(size - i);
            if (op % 6 == 0) {
                f.evt[0] = code;
                f.evt[1] = n;
                memcpy(f.evt + 2, data + i, n);
                f.evt_len = 2u + n;
            } else {
                if (n == 255)
                    n = 254;
                f.evt[0] = 0x3E;
                f.evt[1] = (uint8_t)(n + 1);
                f.evt[2] = code;
                memcpy(f.evt + 3, data + i, n);
                f.evt_len = 3u + n;
            }
            i += n;
            model_ok[0] = model_ok[1] = 0; /* raw events may carry fragments too */
            feed(&f);
            break;
        }
        case 2:
            if (size - i < 2)
                return 0;
            poll_and_answer(&f, data[i], data[i + 1]);
            i += 2;
            break;
        case 3:
            if (size - i < 5)
                return 0;
            api(&f, data[i], data + i + 1);
            i += 5;
            break;
        case 4:
            if (size - i < 2)
                return 0;
            f.now += ble_get_le16(data + i);
            i += 2;
            (void)ble_gap_on_timer(&f.g, f.now);
            break;
        default: {
            uint8_t a, st, n;
            struct ble_gap_event ev;
            int scanning = f.g.scan_state != BLE_GAP_SCAN_IDLE, got = 0;
            if (size - i < 3)
                return 0;
            a = data[i] & 1, st = data[i + 1] & 3, n = data[i + 2];
            i += 3;
            if (n > size - i)
                n = (uint8_t)(size - i);
            if (n > 200)
                n = 200;
            memset(f.evt, 0, 3 + 25);
            f.evt[0] = 0x3E;
            f.evt[1] = (uint8_t)(1 + 1 + 24 + n);
            f.evt[2] = 0x0D;
            f.evt[3] = 1;
            ble_put_le16(f.evt + 4, (uint16_t)(st << 5));
            f.evt[7] = a; /* address */
            f.evt[15] = 0x01; /* SID 1 */
            f.evt[27] = n;
            memcpy(f.evt + 28, data + i, n);
            f.evt_len = 28u + n;
            i += n;
            /* drain first so the report (if any) is the only one */
            drain(&f);
            check_state(&f);
            feed(&f);
            if (scanning) {
                int host_dup = f.g.scan.filter_duplicates == BLE_GAP_DUP_HOST;
                if (model_len[a] + n <= SLOT)
                    memcpy(model[a] + model_len[a], data + i - n, n);
                else
                    model_ok[a] = 0;
                model_len[a] += n;
                while (ble_gap_poll_event(&f.g, &ev) == BLE_OK)
                    if (ev.type == BLE_GAP_EV_ADV_REPORT) {
                        got = 1;
                        if (model_ok[a] && model_ok[!a] && f.g.reasm.stats.evictions == 0 &&
                            f.g.reasm.stats.dropped == 0) {
                            FUZZ_CHECK(ev.u.report.data.len == model_len[a]);
                            FUZZ_CHECK(!model_len[a] || memcmp(ev.u.report.data.p, model[a], model_len[a]) == 0);
                            FUZZ_CHECK(ev.u.report.truncated == (st != BLE_GAP_DATA_COMPLETE));
                        }
                    }
                if (st != BLE_GAP_DATA_MORE) {
                    FUZZ_CHECK(got || host_dup);
                    model_len[a] = 0;
                    model_ok[a] = 1;
                }
            }
            break;
        }
        }
        drain(&f);
        check_state(&f);
    }
    return 0;
}
