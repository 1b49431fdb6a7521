/* Fuzz harness of the ASCS server (profiles/ascs.h), structure-aware: the
 * input is a script, one command octet then its operands:
 *   0 k bytes..       a raw Control Point write of k octets
 *   1 op n (id x)..   a well-formed write: opcode op, n ASEs, each an ASE_ID
 *                     and one octet that varies its parameters
 *   2 id code reason  the application answers one ASE
 *   3                 every pending decision accepted
 *   4 cis / 5 cis     CIS (0, cis & 1) established / lost
 *   6 kind id x       a server-initiated operation
 *   7                 ACL lost, then the client connects again
 *   8                 notifications polled
 * Invariants: every ASE state is one ASCS defines (a Sink ASE is never
 * Disabling); every transition taken (each STATE event) is a row of the
 * transition table; every notification and every read decodes with the
 * codec and names a real ASE; a write whose length is invalid changes no ASE.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define CONN 0x0040
static const uint8_t dirs[4] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE, BLE_ASCS_DIR_SINK,
                                 BLE_ASCS_DIR_SOURCE };

static void check_states(const struct ble_ascs *s)
{
    size_t c, k;
    for (c = 0; c < s->cfg.n_conns; c++) {
        if (!s->cfg.conns[c].used)
            continue;
        for (k = 0; k < s->cfg.n_ases; k++) {
            const struct ble_ascs_ase *a = &s->cfg.conns[c].ases[k];
            FUZZ_CHECK(a->state < BLE_ASCS_STATE_COUNT);
            FUZZ_CHECK(!(a->dir == BLE_ASCS_DIR_SINK && a->state == BLE_ASCS_STATE_DISABLING));
            FUZZ_CHECK(a->cfg_len <= BLE_CFG_ASCS_CODEC_CFG_MAX && a->meta_len <= BLE_CFG_ASCS_METADATA_MAX);
        }
    }
}

static void check_value(const uint8_t *v, int n, uint8_t ase_id)
{
    struct ble_ascs_ase_value a;
    uint8_t again[64];
    FUZZ_CHECK(n >= 2);
    FUZZ_CHECK(ble_ascs_ase_value_decode(v, (size_t)n, &a) == BLE_OK);
    FUZZ_CHECK(a.ase_id == ase_id && a.ase_id >= 1 && a.ase_id <= 4);
    FUZZ_CHECK(ble_ascs_ase_value_encode(&a, again, sizeof again) == n);
    FUZZ_CHECK(memcmp(again, v, (size_t)n) == 0);
}

static void poll_notify(struct ble_ascs *s)
{
    uint8_t buf[64];
    struct ble_ascs_notify_target to;
    int n;
    while ((n = ble_ascs_poll_notify(s, &to, buf, sizeof buf)) != BLE_ERR_AGAIN) {
        FUZZ_CHECK(n > 0);
        if (to.chr == BLE_ASCS_CHR_ASE_CP) {
            struct ble_ascs_cp_rsp r;
            size_t i;
            FUZZ_CHECK(ble_ascs_cp_rsp_decode(buf, (size_t)n, &r) == BLE_OK);
            for (i = 0; i < r.ases.n; i++) {
                struct ble_ascs_rsp_entry e;
                FUZZ_CHECK(ble_arr_get(&r.ases, &ble_ascs_rsp_entry_desc, i, &e) == BLE_OK);
                FUZZ_CHECK(e.response_code <= BLE_ASCS_RSP_UNSPECIFIED_ERROR);
                FUZZ_CHECK(r.number_of_ases != 0xFF || (e.ase_id == 0 && e.reason == 0));
            }
        } else {
            FUZZ_CHECK(to.chr == BLE_ASCS_CHR_SINK_ASE || to.chr == BLE_ASCS_CHR_SOURCE_ASE);
            FUZZ_CHECK(to.chr == dirs[to.ase_id - 1]);
            check_value(buf, n, to.ase_id);
        }
    }
}

/* Events: every transition must be a row of the table; decisions are
 * answered by the script (commands 2 and 3) or here when accept is set. */
static void poll_events(struct ble_ascs *s, int accept)
{
    struct ble_ascs_event ev;
    while (ble_ascs_poll_event(s, &ev) == BLE_OK) {
        if (ev.type == BLE_ASCS_EV_STATE) {
            FUZZ_CHECK(ble_ascs_next_state(ev.dir, ev.from, ev.input) == ev.to);
        } else {
            FUZZ_CHECK(ev.type == BLE_ASCS_EV_DECIDE);
            FUZZ_CHECK(ev.opcode >= 1 && ev.opcode <= 8);
            if (accept) {
                struct ble_ascs_answer a;
                memset(&a, 0, sizeof a);
                a.prefs.max_transport_latency = 20;
                a.prefs.presentation_delay_max = 40000;
                FUZZ_CHECK(ble_ascs_decide(s, 0, ev.conn, ev.ase_id, &a) == BLE_OK);
            }
        }
    }
}

/* A well-formed write: n ASEs of opcode op with parameters varied by x. */
static size_t build(uint8_t *w, uint8_t op, const uint8_t *ids, const uint8_t *xs, size_t n)
{
    size_t len = 2, i;
    w[0] = op;
    w[1] = (uint8_t)n;
    for (i = 0; i < n; i++) {
        uint8_t x = xs[i];
        w[len++] = ids[i];
        switch (op) {
        case BLE_ASCS_OP_CONFIG_CODEC:
            w[len++] = 0x02, w[len++] = (uint8_t)(x & 3);
            w[len++] = 0x06, w[len++] = 0, w[len++] = 0, w[len++] = 0, w[len++] = 0;
            w[len++] = 3, w[len++] = 2, w[len++] = 1, w[len++] = (uint8_t)(x >> 2 ? 3 : 9);
            if (x & 0x80)
                w[len - 3] = 4; /* an LTV past its end */
            break;
        case BLE_ASCS_OP_CONFIG_QOS:
            w[len++] = 0, w[len++] = (uint8_t)((x >> 4) & 1);
            w[len++] = 0x10, w[len++] = 0x27, w[len++] = 0;
            w[len++] = (uint8_t)((x >> 1) & 1), w[len++] = (uint8_t)(x & 0x0A ? 2 : 0);
            w[len++] = 40, w[len++] = 0, w[len++] = 2, w[len++] = (uint8_t)(x & 0x20 ? 3 : 10), w[len++] = 0;
            w[len++] = 0x40, w[len++] = 0x9c, w[len++] = 0;
            break;
        case BLE_ASCS_OP_ENABLE:
        case BLE_ASCS_OP_UPDATE_METADATA:
            w[len++] = 4, w[len++] = (uint8_t)(x & 1 ? 3 : 5), w[len++] = 2, w[len++] = 4, w[len++] = 0;
            break;
        default:
            break;
        }
    }
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_ascs s;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[64];
    struct ble_ascs_event eq[64];
    struct ble_ascs_cfg cfg;
    size_t i = 0;
    memset(&cfg, 0, sizeof cfg);
    cfg.dirs = dirs;
    cfg.n_ases = 4;
    cfg.conns = conns;
    cfg.n_conns = 1;
    cfg.notify = nq;
    cfg.notify_cap = 64;
    cfg.events = eq;
    cfg.event_cap = 64;
    cfg.cache_on_acl_loss = n ? d[0] & 1 : 0;
    FUZZ_CHECK(ble_ascs_init(&s, &cfg) == BLE_OK);
    FUZZ_CHECK(ble_ascs_acl_connected(&s, CONN) == BLE_OK);
    while (i < n) {
        uint8_t cmd = d[i++] % 9;
        switch (cmd) {
        case 0: {
            size_t k;
            struct ble_ascs_cp_write w;
            struct ble_ascs_ase before[BLE_CFG_ASCS_MAX_ASES];
            int rc, busy = conns[0].cp_busy;
            if (i >= n)
                return 0;
            k = d[i++];
            if (k > n - i)
                k = n - i;
            memcpy(before, conns[0].ases, sizeof before);
            rc = ble_ascs_cp_write_decode(d + i, k, &w);
            FUZZ_CHECK(ble_ascs_on_cp_write(&s, 0, CONN, d + i, k) == (busy ? BLE_ERR_BUSY : BLE_OK));
            if (rc != BLE_OK && rc != BLE_ERR_UNKNOWN) /* invalid length: no ASE touched */
                FUZZ_CHECK(memcmp(before, conns[0].ases, sizeof before) == 0);
            i += k;
            break;
        }
        case 1: {
            uint8_t w[2 + 8 * 17], ids[8], xs[8];
            size_t cnt, j;
            if (i + 2 > n)
                return 0;
            cnt = 1 + d[i + 1] % 4;
            if (i + 2 + 2 * cnt > n)
                return 0;
            for (j = 0; j < cnt; j++) {
                ids[j] = (uint8_t)(d[i + 2 + 2 * j] % 6);
                xs[j] = d[i + 3 + 2 * j];
            }
            (void)ble_ascs_on_cp_write(&s, 0, CONN, w, build(w, (uint8_t)(1 + d[i] % 8), ids, xs, cnt));
            i += 2 + 2 * cnt;
            break;
        }
        case 2: {
            struct ble_ascs_answer a;
            if (i + 3 > n)
                return 0;
            memset(&a, 0, sizeof a);
            a.response_code = (uint8_t)(d[i + 1] % 16);
            a.reason = d[i + 2] & 0x0F;
            a.prefs.max_transport_latency = 5;
            (void)ble_ascs_decide(&s, 0, CONN, (uint8_t)(d[i] % 6), &a);
            i += 3;
            break;
        }
        case 3: {
            struct ble_ascs_answer a;
            uint8_t id;
            memset(&a, 0, sizeof a);
            a.prefs.max_transport_latency = 20;
            a.prefs.presentation_delay_max = 40000;
            for (id = 1; id <= 4; id++)
                (void)ble_ascs_decide(&s, 0, CONN, id, &a);
            break;
        }
        case 4:
        case 5:
            if (i >= n)
                return 0;
            if (cmd == 4)
                (void)ble_ascs_cis_established(&s, 0, CONN, 0, d[i] & 1);
            else
                (void)ble_ascs_cis_lost(&s, 0, CONN, 0, d[i] & 1);
            i++;
            break;
        case 6: {
            static const uint8_t lc3[5] = { 6, 0, 0, 0, 0 };
            static const uint8_t cfgv[3] = { 2, 1, 3 };
            static const uint8_t md[4] = { 3, 2, 4, 0 };
            struct ble_ascs_codec_prefs p;
            uint8_t id;
            if (i + 3 > n)
                return 0;
            id = (uint8_t)(d[i + 1] % 6);
            memset(&p, 0, sizeof p);
            p.max_transport_latency = (uint16_t)(d[i + 2] & 1 ? 10 : 2);
            switch (d[i] % 6) {
            case 0: (void)ble_ascs_configure_codec(&s, 0, CONN, id, lc3, cfgv, d[i + 2] % 4, &p); break;
            case 1: (void)ble_ascs_disable(&s, 0, CONN, id); break;
            case 2: (void)ble_ascs_release(&s, 0, CONN, id); break;
            case 3: (void)ble_ascs_update_metadata(&s, 0, CONN, id, md, d[i + 2] % 5); break;
            case 4: (void)ble_ascs_receiver_start_ready(&s, 0, CONN, id); break;
            default: (void)ble_ascs_released(&s, 0, CONN, id, d[i + 2] & 1); break;
            }
            i += 3;
            break;
        }
        case 7:
            FUZZ_CHECK(ble_ascs_acl_disconnected(&s, 0, CONN) == BLE_OK);
            poll_notify(&s); /* nothing of the old link is left */
            FUZZ_CHECK(ble_ascs_acl_connected(&s, CONN) == BLE_OK);
            break;
        default:
            poll_notify(&s);
            break;
        }
        check_states(&s);
        poll_events(&s, 0);
        {
            uint8_t id, buf[64];
            for (id = 1; id <= 4; id++) {
                int r = ble_ascs_read_ase(&s, CONN, id, buf, sizeof buf);
                check_value(buf, r, id);
            }
        }
    }
    poll_notify(&s);
    FUZZ_CHECK(s.stats.events_dropped == 0);
    return 0;
}
