/* broadcast-sink: a BAP Broadcast Sink that receives one BIS, over any
 * transport. It scans (extended, passive) for a Broadcast Audio
 * Announcement, then the Broadcast Sink machine (profiles/bap_broadcast.h)
 * synchronizes to the source's periodic advertising, gathers the BASE,
 * checks it against the BIGInfo, synchronizes to the BIG for BIS 1 and sets
 * up its data path. The program checks every SDU (octet i of SDU n is
 * (n + i) & 0xFF, n its packet sequence number, as broadcast-source sends)
 * and their order; after EXPECT SDUs it ends the BIG and PA syncs and
 * prints a summary.
 *
 * Scanning is off while the PA Create Sync command is issued and on again
 * once the controller took it: a controller synchronizes only while
 * scanning (Vol 4 Part E 7.8.67), and some begin the attempt only when
 * scanning is enabled after the command.
 *
 *   broadcast-sink --transport unix:/tmp/bt-server-bredrle [--btsnoop FILE]
 *                  [--expect N] [--timeout S] [--broadcast-id ID]
 *
 * Exit status 0 when the sink synchronized to the PA and the BIG, found a
 * valid BASE, received at least N SDUs in order and intact, and stopped.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum phase { P_SCAN, P_SCAN_OFF, P_PA_SYNC, P_SYNCED, P_STOPPING, P_DONE };

struct sink {
    struct transport t;
    struct stack st;
    struct ble_bap_bsnk snk;
    uint8_t store[1024];         /* SDUs being reassembled */
    enum phase phase;
    long want_id;                /* -1: the first broadcast found */
    struct ble_bap_bcast_event found;
    unsigned long expect, sdus, sdus_bad, seq_errors, lost, errors;
    uint16_t next_seq;
    int seq_known, pa_synced, base_ok, big_synced, receiving, stopped;
};

static struct sink K;

static void sink_fail(struct sink *k, const char *what, int rc)
{
    fprintf(stderr, "sink: %s: %s\n", what, ble_strerror(rc));
    k->errors++;
}

static void scan(struct sink *k)
{
    struct ble_gap_scan_params sp;
    int rc;
    memset(&sp, 0, sizeof sp);
    sp.legacy = 0; /* extended: the announcement is in an extended advertisement */
    sp.interval = sp.window = 0x0030;
    rc = ble_gap_scan_start(&k->st.gap, k->st.now, &sp);
    if (rc != BLE_OK)
        sink_fail(k, "scan", rc);
}

static void sync_to(struct sink *k)
{
    static const uint8_t bis[] = { 1 };
    struct ble_bap_bsnk_sync_params p;
    int rc;
    memset(&p, 0, sizeof p);
    p.addr_type = k->found.addr_type;
    memcpy(p.addr, k->found.addr, 6);
    p.sid = k->found.sid;
    p.big_handle = 0x00;
    p.bis = bis;
    p.num_bis = 1;
    rc = ble_bap_bsnk_sync(&k->snk, k->st.now, &p);
    if (rc != BLE_OK) {
        sink_fail(k, "sync", rc);
        k->phase = P_DONE;
        return;
    }
    k->phase = P_PA_SYNC;
}

/* BAP 1.0 3.7.2.2: what the BASE offers, subgroup by subgroup. */
static void print_base(struct sink *k, const struct ble_bap_base *b)
{
    struct ble_bap_base_it it, bit;
    struct ble_bap_subgroup sg;
    struct ble_bap_bis bis;
    struct ble_bap_codec_cfg cfg;
    printf("sink: BASE: presentation delay %lu us, %u subgroup(s)\n", (unsigned long)b->presentation_delay,
           b->num_subgroups);
    ble_bap_base_it_init(&it, b);
    while (ble_bap_subgroup_next(&it, &sg) == BLE_OK) {
        memset(&cfg, 0, sizeof cfg);
        if (ble_bap_codec_cfg_decode(sg.codec_cfg.p, sg.codec_cfg.len, &cfg, 0) == BLE_OK)
            printf("sink:   codec 0x%02x, %lu Hz, %u octets per frame, %u BIS\n", sg.codec_id[0],
                   (unsigned long)ble_bap_freq_hz(cfg.sampling_frequency), cfg.octets_per_codec_frame, sg.num_bis);
        ble_bap_bis_it_init(&bit, &sg);
        while (ble_bap_bis_next(&bit, &bis) == BLE_OK)
            if (bis.index == 1 && sg.codec_id[0] == 0x06)
                k->base_ok = 1;
    }
}

static void check_sdu(struct sink *k, const struct ble_iso_sdu *u, unsigned lost_before)
{
    size_t i;
    int ok = u->status == BLE_HCI_ISO_VALID && u->data.len > 0;
    if (k->seq_known && (u->seq != k->next_seq || lost_before))
        k->seq_errors++;
    k->seq_known = 1;
    k->next_seq = (uint16_t)(u->seq + 1);
    for (i = 0; ok && i < u->data.len; i++)
        ok = u->data.p[i] == (uint8_t)(u->seq + i);
    if (ok)
        k->sdus++;
    else
        k->sdus_bad++;
}

static void on_bcast(struct sink *k, const struct ble_bap_bcast_event *e)
{
    int rc;
    switch (e->type) {
    case BLE_BAP_BCAST_EV_ANNOUNCEMENT:
        if (k->phase != P_SCAN || (k->want_id >= 0 && (uint32_t)k->want_id != e->broadcast_id))
            break;
        printf("sink: found broadcast 0x%06lx from %02x:%02x:%02x:%02x:%02x:%02x, SID %u\n",
               (unsigned long)e->broadcast_id, e->addr[5], e->addr[4], e->addr[3], e->addr[2], e->addr[1],
               e->addr[0], e->sid);
        k->found = *e;
        k->phase = P_SCAN_OFF;
        rc = ble_gap_scan_stop(&k->st.gap, k->st.now);
        if (rc != BLE_OK)
            sink_fail(k, "scan stop", rc);
        break;
    case BLE_BAP_BCAST_EV_PA_SYNCED:
        printf("sink: PA synced, handle 0x%04x\n", e->sync_handle);
        k->pa_synced = 1;
        k->phase = P_SYNCED;
        ble_gap_scan_stop(&k->st.gap, k->st.now); /* the sync needs no more scanning */
        break;
    case BLE_BAP_BCAST_EV_BASE: print_base(k, &e->base); break;
    case BLE_BAP_BCAST_EV_BAD_BASE: sink_fail(k, "periodic advertising without a valid BASE", e->err); break;
    case BLE_BAP_BCAST_EV_BIG_SYNCED:
        k->big_synced = 1;
        printf("sink: BIG synced, BIS 1 handle 0x%04x\n", e->bis_handles[0]);
        break;
    case BLE_BAP_BCAST_EV_STARTED:
        k->receiving = 1;
        printf("sink: receiving\n");
        break;
    case BLE_BAP_BCAST_EV_SDU:
        check_sdu(k, &e->sdu, e->sdu.lost_before);
        if (k->sdus >= k->expect && k->phase == P_SYNCED) {
            rc = ble_bap_bsnk_stop(&k->snk, k->st.now);
            if (rc != BLE_OK) {
                sink_fail(k, "stop", rc);
                k->phase = P_DONE;
            } else {
                k->phase = P_STOPPING;
            }
        }
        break;
    case BLE_BAP_BCAST_EV_SDU_LOST:
        k->lost += e->count ? e->count : 1;
        break;
    case BLE_BAP_BCAST_EV_STOPPED:
        printf("sink: stopped, BIG and PA syncs ended\n");
        k->stopped = 1;
        k->phase = P_DONE;
        break;
    case BLE_BAP_BCAST_EV_PA_LOST:
        printf("sink: PA sync lost\n");
        break;
    case BLE_BAP_BCAST_EV_BIG_LOST:
        fprintf(stderr, "sink: BIG sync lost (0x%02x)\n", e->status);
        k->errors++;
        k->phase = P_DONE;
        break;
    case BLE_BAP_BCAST_EV_FAILED:
        fprintf(stderr, "sink: %s failed: HCI status 0x%02x, %s\n", ble_bap_bcast_step_name(e->step), e->status,
                ble_strerror(e->err));
        k->errors++;
        k->phase = P_DONE;
        break;
    default:
        break;
    }
}

static void pump(struct sink *k)
{
    struct ble_bap_bcast_event e;
    uint8_t buf[1 + 4 + 255];
    int n;
    while (ble_bap_bsnk_poll_event(&k->snk, &e) == BLE_OK)
        on_bcast(k, &e);
    while ((n = ble_bap_bsnk_poll_cmd(&k->snk, k->st.now, &k->st.host, buf, sizeof buf)) > 0)
        stack_write(&k->st, BLE_H4_CMD, buf, (size_t)n);
}

static void sink_on_gap(struct sink *k, const struct ble_gap_event *g)
{
    if (g->type == BLE_GAP_EV_SCAN_STOPPED && k->phase == P_SCAN_OFF)
        sync_to(k);
}

/* The controller took PA Create Sync (Command Status): scan again. */
static void on_cmd_done(struct sink *k, const struct ble_hci_host_event *c)
{
    if (c->opcode == BLE_HCI_CMD_LE_PA_CREATE_SYNC && k->phase == P_PA_SYNC && !c->status)
        scan(k);
}

/* Everything before the first event: the machine and the stack. */
static void sink_start(struct sink *k)
{
    ble_bap_bsnk_init(&k->snk, k->store, sizeof k->store);
    stack_init(&k->st, &k->t);
}

/* One event of the loop; k->phase is P_DONE when the run is over. */
static void sink_event(struct sink *k, const struct stack_event *ev)
{
    switch (ev->type) {
    case STACK_EV_FATAL:
        fprintf(stderr, "sink: %s (%s)\n", ev->why, ble_strerror(ev->err));
        k->errors++;
        k->phase = P_DONE;
        break;
    case STACK_EV_READY:
        printf("sink: controller up (HCI version %u), scanning\n", k->st.host.ctrl.hci_version);
        scan(k);
        break;
    case STACK_EV_GAP: sink_on_gap(k, &ev->gap); break;
    case STACK_EV_CMD_DONE:
        ble_bap_bsnk_on_hci_event(&k->snk, k->st.now, ev->raw.p, ev->raw.len);
        on_cmd_done(k, &ev->cmd);
        break;
    case STACK_EV_HCI: ble_bap_bsnk_on_hci_event(&k->snk, k->st.now, ev->raw.p, ev->raw.len); break;
    case STACK_EV_ISO:
        /* SDUs come out as events; errors are counted there (SDU_LOST) */
        (void)ble_bap_bsnk_on_iso(&k->snk, k->st.now, ev->raw.p, ev->raw.len);
        break;
    default: break;
    }
    ble_bap_bsnk_on_timer(&k->snk, k->st.now); /* a command unanswered ends in FAILED */
    pump(k);
}

int main(int argc, char **argv)
{
    struct stack_opts o;
    int i;
    uint32_t end;
    struct sink *k = &K;
    memset(&o, 0, sizeof o);
    o.timeout_s = 60;
    k->expect = 500;
    k->want_id = -1;
    for (i = 1; i < argc; i++) {
        if (stack_opt(&o, argc, argv, &i))
            continue;
        if (!strcmp(argv[i], "--expect") && i + 1 < argc)
            k->expect = strtoul(argv[++i], 0, 10);
        else if (!strcmp(argv[i], "--broadcast-id") && i + 1 < argc)
            k->want_id = (long)(strtoul(argv[++i], 0, 0) & 0xFFFFFFu);
        else {
            fprintf(stderr, "usage: broadcast-sink --transport SPEC [--btsnoop FILE] [--expect N] [--timeout S] "
                            "[--broadcast-id ID]\n");
            return 2;
        }
    }
    if (stack_open(&o, &k->t) < 0)
        return 2;
    sink_start(k);
    end = ble_deadline_after(k->st.now, o.timeout_s * 1000u);
    while (k->phase != P_DONE) {
        struct stack_event ev;
        stack_step(&k->st, ble_deadline_min(end, ble_bap_bsnk_next_deadline(&k->snk)), &ev);
        if (ble_time_reached(k->st.now, end)) {
            fprintf(stderr, "sink: timeout\n");
            k->errors++;
            break;
        }
        sink_event(k, &ev);
    }
    printf("sink: summary: PA synced %s, BASE %s, BIG synced %s, SDUs received %lu intact, %lu bad, "
           "%lu out of order, %lu lost, errors %lu, stopped %s\n",
           k->pa_synced ? "yes" : "no", k->base_ok ? "valid" : "missing", k->big_synced ? "yes" : "no", k->sdus,
           k->sdus_bad, k->seq_errors, k->lost, k->errors, k->stopped ? "yes" : "no");
    transport_close(&k->t);
    return (k->pa_synced && k->base_ok && k->big_synced && k->receiving && k->sdus >= k->expect && !k->sdus_bad &&
            !k->seq_errors && !k->errors && k->stopped) ? 0 : 1;
}
