/* stack: the kit's machines wired to one transport in a single-threaded
 * poll() loop; what a POSIX host copies. One controller, one LE connection,
 * up to two CIS.
 *
 *   stack_init(&st, &transport, role);
 *   for (;;) {
 *       stack_step(&st, my_deadline, &ev);  writes what the machines produced,
 *                                           waits for bytes or the next deadline,
 *                                           frames one packet, steps the machines
 *       switch (ev.type) { ... }            what the application sees
 *   }
 *
 * Views in an event stay valid until the next stack_step.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef EXAMPLES_POSIX_STACK_H
#define EXAMPLES_POSIX_STACK_H

#include "../../ble.h"
#include "transport.h"

enum stack_ev_type {
    STACK_EV_NONE,   /* a timer ran, or bytes came without a whole packet */
    STACK_EV_READY,  /* controller brought up: st->host.ctrl */
    STACK_EV_GAP,    /* ev.gap: advertising, reports, connections */
    STACK_EV_HCI,    /* ev.hci: an event packet for the application (LE Meta and
                        the others the machines do not consume), after the
                        machines saw it; ev.raw: the packet */
    STACK_EV_CMD_DONE, /* ev.cmd: an application command completed; ev.raw: the
                          Command Complete / Status packet */
    STACK_EV_ATT,    /* ev.data: an ATT PDU on the connection */
    STACK_EV_SDU,    /* ev.sdu: an ISO SDU of a CIS attached with stack_cis_up() */
    STACK_EV_ISO,    /* ev.raw: an ISO data packet of a handle not attached
                        (the application reassembles it, e.g. a profile
                        machine's on_iso) */
    STACK_EV_FATAL   /* the transport closed or failed, bring-up failed or a
                        command timed out: ev.why, ev.err */
};

struct stack_event {
    uint8_t type;
    int err;
    const char *why;
    struct ble_gap_event gap;
    struct ble_hci_evt_pkt hci;
    struct ble_view raw;       /* HCI, CMD_DONE: the event packet after its indicator;
                                  ISO: the ISO data packet after its indicator */
    struct ble_hci_host_event cmd;
    struct ble_view data;
    struct ble_iso_sdu sdu;
};

#define STACK_ACL_Q 8
#define STACK_CMD_Q 8
#define STACK_PDU_MAX (4 + 517)

struct stack_pdu {
    uint16_t len;
    uint8_t b[STACK_PDU_MAX];
};

struct stack_cmd {
    uint16_t opcode;
    uint8_t len;
    uint8_t p[255];
};

struct stack {
    struct transport *t;
    uint32_t now;
    /* receive: bytes, H4 framing */
    uint8_t rx[4096];
    size_t rx_len, rx_off;
    uint8_t h4_mem[1 + 4 + 1024];
    struct ble_h4 h4;
    /* HCI */
    struct ble_hci_host host;
    struct ble_gap gap;
    uint8_t ready;
    const char *fatal;         /* why the stack stopped (sticky), or NULL */
    struct stack_cmd cmdq[STACK_CMD_Q];
    unsigned cmd_head, cmd_n;
    uint8_t raw_pending;       /* the event packet in h4 goes to the application next */
    /* the connection: L2CAP recombination, the link's signaling, ACL out */
    uint16_t conn;             /* 0xFFFF: none */
    struct ble_l2cap_rx l2rx;
    struct ble_l2cap_rx_slot l2rx_slot[1];
    uint8_t l2rx_mem[STACK_PDU_MAX];
    struct ble_l2cap_link link;
    struct stack_pdu aclq[STACK_ACL_Q];
    unsigned acl_head, acl_n;
    struct ble_l2cap_tx l2tx;
    uint8_t l2tx_active;
    /* ISO: reassembly of the CISes; what the controller acknowledged is
     * host.stats.iso_completed */
    struct ble_iso_rx isorx;
    struct ble_iso_rx_slot isorx_slot[2];
    uint8_t isorx_mem[2][512];
    struct ble_iso_tx isotx;     /* the SDU being sent */
    uint8_t isotx_active;
    uint8_t isotx_mem[512];
    uint16_t cis[2];             /* CIS handles attached (0xFFFF: none) */
};

/* The options every program takes: --transport SPEC, --btsnoop FILE,
 * --timeout S (default 60). */
struct stack_opts {
    const char *spec, *snoop;
    unsigned timeout_s;
};
/* 1 when argv[*i] is one of them with its value (*i moved onto the value),
 * else 0. o starts zeroed. */
int stack_opt(struct stack_opts *o, int argc, char **argv, int *i);
/* stdout line-buffered (progress lines reach a log at once), then the
 * transport and its btsnoop file opened: 0, or -1 (no --transport, or it
 * did not open; the reason is printed). */
int stack_open(const struct stack_opts *o, struct transport *t);

void stack_init(struct stack *st, struct transport *t);
/* Milliseconds of a monotonic clock. */
uint32_t stack_clock(void);
/* Queues an HCI command for the application: 0, or -1 when the queue is full. */
int stack_cmd(struct stack *st, uint16_t opcode, const uint8_t *params, size_t len);
/* Writes a packet a machine built against the host's credits or buffers
 * (e.g. a profile machine's poll_cmd with &st->host): 0 or -1. */
int stack_write(struct stack *st, uint8_t type, const uint8_t *p, size_t len);
/* PDUs stack_l2cap_send() takes now (0 without a connection): poll a
 * machine's next PDU only when there is room, so that nothing is dropped. */
unsigned stack_l2cap_room(const struct stack *st);
/* Queues an L2CAP PDU payload on cid of the connection: 0 or -1 (full, too long). */
int stack_l2cap_send(struct stack *st, uint16_t cid, const uint8_t *p, size_t len);
/* Takes one SDU for a CIS (copied; its ISO packets go out as the controller's
 * buffers allow): 0, 1 when the previous SDU is still going out (try after
 * the next step), -1 for an SDU too long. */
int stack_iso_send(struct stack *st, uint16_t handle, uint16_t seq, const uint8_t *sdu, size_t len);
/* A CIS came up / went away: reassembly and buffer accounting follow it
 * (ISO packets of handles not attached come as STACK_EV_ISO). */
void stack_cis_up(struct stack *st, uint16_t handle);
void stack_cis_down(struct stack *st, uint16_t handle);
/* One turn of the loop (see above); waits at most until deadline. */
void stack_step(struct stack *st, uint32_t deadline, struct stack_event *ev);

#endif
