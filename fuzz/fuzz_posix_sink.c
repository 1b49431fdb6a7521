/* Fuzz harness of the reference integration (examples/posix): the whole
 * broadcast sink, from the H4 framer through the HCI host, GAP scanning, the
 * Broadcast Sink machine (announcements, PA sync, BASE from fragments,
 * BIGInfo, BIG sync, ISO reassembly) to the application's SDU checks, fed
 * the input as the byte stream of its controller over a socket pair. Every
 * octet an attacker in radio range controls (advertising, periodic
 * advertising, BIS payloads) passes through here. The seeds are the
 * controller side of a real run against btvirt (bring-up, announcement, PA
 * sync and BASE, BIG sync, 20 SDUs, the syncs ended), cut at several points.
 * Invariants: the loop reaches the end of the input (at most a bounded
 * number of steps per octet); the machine is in a state it defines, and
 * streaming only with a BIG synced; a BIG sync only after a PA sync; no
 * more SDUs checked than reassembly delivered; the stack's queues stay in
 * their bounds and its ACL and ISO buffer accounting adds up.
 * SPDX-License-Identifier: Apache-2.0
 */
#define _DEFAULT_SOURCE 1
#include "../examples/posix/stack.c"
#include "../examples/posix/transport.c"
/* the sink's program, quiet: its progress lines would drown the fuzzer's */
static int quiet_(const void *to, ...)
{
    (void)to;
    return 0;
}
#define main broadcast_sink_main
#define printf(...) quiet_(__VA_ARGS__)
#define fprintf(...) quiet_(__VA_ARGS__)
#include "../examples/posix/broadcast-sink.c"
#undef main
#undef printf
#undef fprintf
#include "fuzz.h"
#include "posix_harness.h"

static void check(const struct sink *k)
{
    const struct ble_bap_bsnk *m = &k->snk;
    FUZZ_CHECK(m->state <= BLE_BAP_BSNK_STOPPING);
    FUZZ_CHECK(k->phase <= P_DONE);
    FUZZ_CHECK(m->state != BLE_BAP_BSNK_STREAMING || (m->big_synced && m->num_bis >= 1));
    FUZZ_CHECK(m->num_bis <= BLE_CFG_BAP_BCAST_MAX_BIS);
    FUZZ_CHECK(m->c.used <= sizeof m->c.q && m->c.ev_count <= BLE_CFG_BAP_BCAST_EVENTS);
    FUZZ_CHECK(m->pa_len <= sizeof m->pa && m->base_len <= sizeof m->base);
    FUZZ_CHECK(!k->big_synced || k->pa_synced);
    FUZZ_CHECK(k->sdus + k->sdus_bad <= m->rx.stats.sdus); /* each SDU reassembly gave, checked once */
    fuzz_check_stack(&k->st);
}

static struct sink K;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int sv[2], ended = 0;
    size_t steps, limit = 64 + 8 * size;
    struct sink *k = &K;
    if (fuzz_controller_open(sv, data, size) < 0)
        return 0;
    memset(k, 0, sizeof *k);
    k->t.fd = sv[0];
    k->expect = 10;
    k->want_id = -1;
    sink_start(k);
    for (steps = 0; steps < limit && k->phase != P_DONE; steps++) {
        struct stack_event ev;
        stack_step(&k->st, k->st.now, &ev); /* deadline now: never waits */
        sink_event(k, &ev);
        check(k);
        fuzz_controller_drain(sv[1]);
        if (ev.type == STACK_EV_FATAL) {
            ended = 1;
            break;
        }
    }
    FUZZ_CHECK(ended || k->phase == P_DONE);
#ifdef FUZZ_SHOW
    fprintf(stderr, "PA %d, BASE %d, BIG %d, SDUs %lu, bad %lu, stopped %d\n", k->pa_synced, k->base_ok,
            k->big_synced, k->sdus, k->sdus_bad, k->stopped);
#endif
    fuzz_controller_close(sv);
    return 0;
}
