/* broadcast-source: a BAP Broadcast Source with one BIS, over any transport.
 * The Broadcast Source machine (profiles/bap_broadcast.h) sets up extended
 * advertising with the Broadcast Audio Announcement and the Broadcast Name,
 * periodic advertising with the BASE (LC3 16_2, one subgroup, one BIS),
 * creates the BIG with the QoS 16_2_1 of BAP 1.0 Table 6.4 and
 * the BIS's data path. The program sends one SDU per SDU interval
 * (synthetic octets: octet i of SDU n is (n + i) & 0xFF, n its packet
 * sequence number), until COUNT SDUs went out or SIGINT/SIGTERM arrives;
 * then it waits for the controller to take the last ones, the machine
 * terminates the BIG and stops advertising, and a summary is printed.
 *
 *   broadcast-source --transport unix:/tmp/bt-server-bredrle [--btsnoop FILE]
 *                    [--count N] [--timeout S] [--broadcast-id ID]
 *
 * Exit status 0 when the BIG was created, SDUs were sent and every one was
 * acknowledged by Number Of Completed Packets, and the stop completed.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* sigaction */
#endif
#include "stack.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum phase { P_START, P_STREAMING, P_DRAIN, P_STOPPING, P_DONE };

struct source {
    struct transport t;
    struct stack st;
    struct ble_bap_bsrc src;
    struct ble_bap_qos qos;
    struct ble_bap_bis bis;
    struct ble_bap_subgroup sg;
    uint32_t broadcast_id;
    enum phase phase;
    uint8_t sdu[512];            /* the SDU going out (kept until poll_iso took it) */
    uint32_t next_sdu, drain_end;
    unsigned long count, sent, errors;
    int big_created, streamed, stopped;
    uint16_t bis_handle;
};

static struct source S;
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void source_fail(struct source *s, const char *what, int rc)
{
    fprintf(stderr, "source: %s: %s\n", what, ble_strerror(rc));
    s->errors++;
}

/* BAP 1.0 3.7.2.2: the BASE of one subgroup (LC3 16_2) with BIS 1. It is
 * kept to 24 octets, so that the periodic advertising data (Service Data
 * 0x1851 + BASE, 28 octets) fits one 31-octet PDU with no chaining: the
 * mandatory LC3 configuration (BAP 1.0 4.3.2) only, no metadata and no
 * channel allocation (mono). Some controllers, BlueZ's emulator 5.66 among
 * them, keep only 31 octets of periodic advertising data. */
static const uint8_t sg_cfg[] = { 0x02, 0x01, 0x03,        /* Sampling_Frequency: 16 kHz */
                                  0x02, 0x02, 0x01,        /* Frame_Duration: 10 ms */
                                  0x03, 0x04, 0x28, 0x00 }; /* Octets_Per_Codec_Frame: 40 */
static const uint8_t bcast_name[] = { 'b', 'l', 'e', 'k', 'i', 't' };

static void start(struct source *s)
{
    struct ble_bap_bsrc_params p;
    int rc;
    memset(&s->bis, 0, sizeof s->bis);
    s->bis.index = 1;
    s->bis.codec_cfg = ble_view_make(0, 0);
    memset(&s->sg, 0, sizeof s->sg);
    s->sg.num_bis = 1;
    s->sg.codec_id[0] = 0x06; /* LC3 */
    s->sg.codec_cfg = ble_view_make(sg_cfg, sizeof sg_cfg);
    s->sg.metadata = ble_view_make(0, 0);
    s->sg.bis = &s->bis;
    memset(&p, 0, sizeof p);
    p.adv_handle = 0x00;
    p.adv_sid = 0x01;
    p.big_handle = 0x00;
    p.own_addr_type = 0x00; /* public */
    p.broadcast_id = s->broadcast_id;
    p.name = bcast_name;
    p.name_len = sizeof bcast_name;
    p.subgroups = &s->sg;
    p.num_subgroups = 1;
    p.qos = &s->qos;
    p.phy = 0x02; /* LE 2M */
    p.iso_len = s->st.host.ctrl.iso_len;
    rc = ble_bap_bsrc_start(&s->src, s->st.now, &p);
    if (rc != BLE_OK) {
        source_fail(s, "start", rc);
        s->phase = P_DONE;
        return;
    }
    printf("source: starting broadcast 0x%06lx \"blekit\"\n", (unsigned long)s->broadcast_id);
}

static void on_bcast(struct source *s, const struct ble_bap_bcast_event *e)
{
    unsigned i;
    switch (e->type) {
    case BLE_BAP_BCAST_EV_BIG_CREATED:
        s->big_created = 1;
        s->bis_handle = e->bis_handles[0];
        printf("source: BIG created, BIS 1 handle 0x%04x\n", s->bis_handle);
        break;
    case BLE_BAP_BCAST_EV_STARTED:
        printf("source: streaming, SDU interval %lu us, %u octets\n", (unsigned long)s->qos.sdu_interval,
               s->qos.max_sdu);
        s->phase = P_STREAMING;
        s->streamed = 1;
        s->next_sdu = s->st.now;
        break;
    case BLE_BAP_BCAST_EV_STOPPED:
        for (i = 0; i < e->num_bis; i++) /* their buffers return (Vol 4 Part E 7.8.104) */
            ble_hci_host_handle_closed(&s->st.host, e->bis_handles[i]);
        printf("source: stopped, BIG terminated, advertising off\n");
        s->stopped = 1;
        s->phase = P_DONE;
        break;
    case BLE_BAP_BCAST_EV_FAILED:
        fprintf(stderr, "source: %s failed: HCI status 0x%02x, %s\n", ble_bap_bcast_step_name(e->step), e->status,
                ble_strerror(e->err));
        s->errors++;
        s->phase = P_DONE;
        break;
    default:
        break;
    }
}

/* Everything the machine produced: its events, its commands through the
 * host's credits, the ISO packets of the SDU being sent against the
 * controller's ISO buffers. */
static void pump(struct source *s)
{
    struct ble_bap_bcast_event e;
    uint8_t buf[1 + 4 + 1024];
    int n;
    while (ble_bap_bsrc_poll_event(&s->src, &e) == BLE_OK)
        on_bcast(s, &e);
    while ((n = ble_bap_bsrc_poll_cmd(&s->src, s->st.now, &s->st.host, buf, sizeof buf)) > 0)
        stack_write(&s->st, BLE_H4_CMD, buf, (size_t)n);
    while ((n = ble_bap_bsrc_poll_iso(&s->src, &s->st.host, buf, sizeof buf)) > 0)
        stack_write(&s->st, BLE_H4_ISO, buf, (size_t)n);
    if (n < 0 && n != BLE_ERR_AGAIN)
        source_fail(s, "ISO packet", n);
}

/* One SDU per SDU interval while streaming; then drain, then stop. */
static void stream(struct source *s)
{
    size_t i;
    int rc;
    if (s->phase == P_STREAMING && (stop_requested || (s->count && s->sent == s->count))) {
        s->phase = P_DRAIN; /* the controller takes the last ones first */
        s->drain_end = ble_deadline_after(s->st.now, 2000);
    }
    if (s->phase == P_DRAIN &&
        (s->st.host.stats.iso_completed >= s->sent || ble_time_reached(s->st.now, s->drain_end))) {
        rc = ble_bap_bsrc_stop(&s->src, s->st.now);
        if (rc != BLE_OK) {
            source_fail(s, "stop", rc);
            s->phase = P_DONE;
        } else {
            s->phase = P_STOPPING;
        }
        return;
    }
    if (s->phase != P_STREAMING || !ble_time_reached(s->st.now, s->next_sdu))
        return;
    for (i = 0; i < s->qos.max_sdu; i++)
        s->sdu[i] = (uint8_t)(s->sent + i); /* stands for one LC3 frame */
    rc = ble_bap_bsrc_send(&s->src, 1, s->sdu, s->qos.max_sdu);
    if (rc == BLE_OK) {
        s->sent++;
        s->next_sdu = ble_deadline_after(s->next_sdu, s->qos.sdu_interval / 1000u);
    } else if (rc != BLE_ERR_BUSY) {
        source_fail(s, "SDU refused", rc);
    }
}

int main(int argc, char **argv)
{
    struct stack_opts o;
    int i;
    uint32_t end;
    struct source *s = &S;
    struct sigaction sa;
    memset(&o, 0, sizeof o);
    o.timeout_s = 60;
    s->broadcast_id = 0x0B1E57;
    for (i = 1; i < argc; i++) {
        if (stack_opt(&o, argc, argv, &i))
            continue;
        if (!strcmp(argv[i], "--count") && i + 1 < argc)
            s->count = strtoul(argv[++i], 0, 10);
        else if (!strcmp(argv[i], "--broadcast-id") && i + 1 < argc)
            s->broadcast_id = (uint32_t)strtoul(argv[++i], 0, 0) & 0xFFFFFFu;
        else {
            fprintf(stderr, "usage: broadcast-source --transport SPEC [--btsnoop FILE] [--count N] [--timeout S] "
                            "[--broadcast-id ID]\n");
            return 2;
        }
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns, the loop sees the flag */
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    if (stack_open(&o, &s->t) < 0)
        return 2;
    if (ble_bap_qos_get("16_2_1", BLE_BAP_BROADCAST, &s->qos) != BLE_OK)
        return 2;
    ble_bap_bsrc_init(&s->src);
    stack_init(&s->st, &s->t);
    end = ble_deadline_after(s->st.now, o.timeout_s * 1000u);
    while (s->phase != P_DONE) {
        struct stack_event ev;
        uint32_t d = end;
        if (s->phase == P_STREAMING)
            d = ble_deadline_min(d, s->next_sdu);
        if (s->phase == P_DRAIN)
            d = ble_deadline_min(d, s->drain_end);
        d = ble_deadline_min(d, ble_bap_bsrc_next_deadline(&s->src));
        stack_step(&s->st, d, &ev);
        if (ble_time_reached(s->st.now, end)) {
            fprintf(stderr, "source: timeout\n");
            s->errors++;
            break;
        }
        switch (ev.type) {
        case STACK_EV_FATAL:
            fprintf(stderr, "source: %s (%s)\n", ev.why, ble_strerror(ev.err));
            s->errors++;
            s->phase = P_DONE;
            break;
        case STACK_EV_READY:
            printf("source: controller up (HCI version %u), ISO buffers %u x %u\n", s->st.host.ctrl.hci_version,
                   s->st.host.ctrl.iso_len, s->st.host.ctrl.iso_num);
            start(s);
            break;
        case STACK_EV_CMD_DONE:
        case STACK_EV_HCI: ble_bap_bsrc_on_hci_event(&s->src, s->st.now, ev.raw.p, ev.raw.len); break;
        default: break;
        }
        ble_bap_bsrc_on_timer(&s->src, s->st.now); /* a command unanswered ends in FAILED */
        if (stop_requested && s->phase == P_START && s->src.state == BLE_BAP_BSRC_IDLE)
            s->phase = P_DONE; /* stopped before anything began */
        pump(s);
        stream(s);
        pump(s);
    }
    printf("source: summary: SDUs sent %lu, acknowledged %lu (Number Of Completed Packets), errors %lu; "
           "BIG created %s, streamed %s, stopped %s\n",
           s->sent, (unsigned long)s->st.host.stats.iso_completed, s->errors, s->big_created ? "yes" : "no",
           s->streamed ? "yes" : "no", s->stopped ? "yes" : "no");
    transport_close(&s->t);
    return (s->big_created && s->streamed && s->sent && s->st.host.stats.iso_completed == s->sent && !s->errors &&
            s->stopped) ? 0 : 1;
}
