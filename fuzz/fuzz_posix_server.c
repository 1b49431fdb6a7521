/* Fuzz harness of the reference integration (examples/posix): the whole
 * unicast server, from the H4 framer through the HCI host, GAP, L2CAP, the
 * GATT server, ASCS and the BAP unicast server (CIS accept, data paths, ISO
 * reassembly) to the application, fed the input as
 * the byte stream of its controller over a socket pair. The seeds are the
 * controller side of a real run against btvirt (bring-up, connection and
 * GATT, CIS, a whole 20-SDU stream), so mutations start deep in the scenario.
 * Invariants: the loop reaches the end of the input (no livelock: at most a
 * bounded number of steps per octet); the ASE is in a state ASCS defines;
 * when the controller is up, free ACL and ISO buffers plus packets in flight
 * equal the controller's; the stack's queues stay in their bounds; every
 * ISO packet goes to the BAP machine (the stack reassembles none); the
 * server counts no more SDUs than the BAP machine's reassembly delivered; a
 * CIS slot is in a state the machine defines, a data path is due or done,
 * not both, and only an established CIS holds a reassembly slot; at most one
 * command is awaited, of a slot that exists.
 * SPDX-License-Identifier: Apache-2.0
 */
#define _DEFAULT_SOURCE 1
#include "../examples/posix/stack.c"
#include "../examples/posix/transport.c"
/* the server's program, quiet: its progress lines would drown the fuzzer's */
#define main unicast_server_main
#define printf(...) ((void)0)
#define fprintf(...) ((void)0)
#include "../examples/posix/unicast-server.c"
#undef main
#undef printf
#undef fprintf
#include "fuzz.h"
#include "posix_harness.h"

static void check(const struct server *s)
{
    int st = ble_ascs_ase_state(&s->ascs, s->conn, 1);
    FUZZ_CHECK(st == -1 || (st >= BLE_ASCS_STATE_IDLE && st <= BLE_ASCS_STATE_RELEASING));
    fuzz_check_stack(&s->st);
    FUZZ_CHECK(s->st.isorx.stats.sdus == 0 && s->st.isorx.stats.unknown_handle == 0);
    FUZZ_CHECK(s->sdus + s->sdus_bad + s->sdus_dropped <= s->bap.rx.stats.sdus);
    FUZZ_CHECK(!s->bap.await_op || s->bap.await_slot < 2);
    {
        size_t i;
        for (i = 0; i < 2; i++) {
            const struct ble_bap_srv_cis *c = &s->bap_cis[i];
            FUZZ_CHECK(c->state <= BLE_BAP_SRV_CIS_UP);
            FUZZ_CHECK((c->paths_due & c->paths_done) == 0);
            FUZZ_CHECK(!c->rx || c->state == BLE_BAP_SRV_CIS_UP);
        }
    }
}

static struct server S;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int sv[2], ended = 0;
    size_t steps, limit = 64 + 8 * size;
    struct server *s = &S;
    if (fuzz_controller_open(sv, data, size) < 0)
        return 0;
    memset(s, 0, sizeof *s);
    s->t.fd = sv[0];
    s->assume_encrypted = 1;
    server_start(s);
    for (steps = 0; steps < limit && !s->done; steps++) {
        struct stack_event ev;
        stack_step(&s->st, s->st.now, &ev); /* deadline now: never waits */
        server_event(s, &ev);
        check(s);
        fuzz_controller_drain(sv[1]);
        if (ev.type == STACK_EV_FATAL) {
            ended = 1;
            break;
        }
    }
    FUZZ_CHECK(ended || s->done);
#ifdef FUZZ_SHOW
    fprintf(stderr, "streaming %d, SDUs %lu, released %d, disconnected %d, done %d; CIS requests %lu, rejected %lu\n",
            s->streaming, s->sdus, s->released, s->disconnected, s->done, (unsigned long)s->bap.stats.cis_requests,
            (unsigned long)s->bap.stats.cis_rejected);
#endif
    fuzz_controller_close(sv);
    return 0;
}
