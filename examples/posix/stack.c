/* stack: see stack.h. The kit's implementation is compiled here.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#endif
#define BLE_IMPLEMENTATION
#include "stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NO_HANDLE 0xFFFFu

uint32_t stack_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

int stack_opt(struct stack_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (*i + 1 >= argc)
        return 0;
    if (!strcmp(a, "--transport"))
        o->spec = argv[++*i];
    else if (!strcmp(a, "--btsnoop"))
        o->snoop = argv[++*i];
    else if (!strcmp(a, "--timeout"))
        o->timeout_s = (unsigned)strtoul(argv[++*i], 0, 10);
    else
        return 0;
    return 1;
}

int stack_open(const struct stack_opts *o, struct transport *t)
{
    setvbuf(stdout, 0, _IOLBF, 0);
    if (!o->spec || transport_open(t, o->spec) < 0 || (o->snoop && transport_snoop_open(t, o->snoop) < 0))
        return -1;
    return 0;
}

void stack_init(struct stack *st, struct transport *t)
{
    memset(st, 0, sizeof *st);
    st->t = t;
    st->now = stack_clock();
    st->conn = NO_HANDLE;
    st->cis[0] = st->cis[1] = NO_HANDLE;
    ble_h4_init(&st->h4, st->h4_mem, sizeof st->h4_mem);
    ble_hci_host_init(&st->host, NULL); /* default event masks, ISO on */
    ble_gap_init(&st->gap, NULL);
    ble_l2cap_rx_init(&st->l2rx, st->l2rx_slot, 1);
    ble_iso_rx_init(&st->isorx, st->isorx_slot, 2);
    ble_hci_host_start(&st->host, st->now);
}

int stack_cmd(struct stack *st, uint16_t opcode, const uint8_t *params, size_t len)
{
    struct stack_cmd *c;
    if (st->cmd_n == STACK_CMD_Q || len > sizeof c->p)
        return -1;
    c = &st->cmdq[(st->cmd_head + st->cmd_n++) % STACK_CMD_Q];
    c->opcode = opcode;
    c->len = (uint8_t)len;
    memcpy(c->p, params, len);
    return 0;
}

unsigned stack_l2cap_room(const struct stack *st)
{
    return st->conn == NO_HANDLE ? 0 : STACK_ACL_Q - st->acl_n;
}

int stack_l2cap_send(struct stack *st, uint16_t cid, const uint8_t *p, size_t len)
{
    struct stack_pdu *q;
    if (st->conn == NO_HANDLE || st->acl_n == STACK_ACL_Q || len + 4 > STACK_PDU_MAX)
        return -1;
    q = &st->aclq[(st->acl_head + st->acl_n++) % STACK_ACL_Q];
    ble_put_le16(q->b, (uint16_t)len);
    ble_put_le16(q->b + 2, cid);
    memcpy(q->b + 4, p, len);
    q->len = (uint16_t)(len + 4);
    return 0;
}

int stack_iso_send(struct stack *st, uint16_t handle, uint16_t seq, const uint8_t *sdu, size_t len)
{
    if (!st->ready || st->isotx_active)
        return 1;
    if (len > sizeof st->isotx_mem ||
        ble_iso_tx_init(&st->isotx, handle, st->host.ctrl.iso_len, seq, 0, 0, ble_view_make(st->isotx_mem, len)) != BLE_OK)
        return -1;
    memcpy(st->isotx_mem, sdu, len); /* the SDU goes out over several steps */
    st->isotx_active = 1;
    return 0;
}

void stack_cis_up(struct stack *st, uint16_t handle)
{
    int i;
    for (i = 0; i < 2; i++)
        if (st->cis[i] == NO_HANDLE) {
            st->cis[i] = handle;
            ble_iso_rx_attach(&st->isorx, handle, st->isorx_mem[i], sizeof st->isorx_mem[i]);
            return;
        }
}

void stack_cis_down(struct stack *st, uint16_t handle)
{
    int i;
    for (i = 0; i < 2; i++)
        if (st->cis[i] == handle) {
            st->cis[i] = NO_HANDLE;
            ble_iso_rx_detach(&st->isorx, handle);
            ble_hci_host_handle_closed(&st->host, handle);
            if (st->isotx_active && st->isotx.handle == handle)
                st->isotx_active = 0;
        }
}

/* ---- output: everything the machines produced, as far as credits allow ---- */

int stack_write(struct stack *st, uint8_t type, const uint8_t *p, size_t len)
{
    if (transport_send(st->t, type, p, len) < 0) {
        st->fatal = "transport write failed";
        return -1;
    }
    return 0;
}

static int send_cmd_packet(struct stack *st, const uint8_t *pkt, int n)
{
    stack_write(st, BLE_H4_CMD, pkt, (size_t)n);
    return n;
}

static void flush(struct stack *st)
{
    uint8_t buf[1 + 4 + 1024];
    int n;
    /* bring-up, then the GAP machine's procedures, then the application's
     * commands, each through the host's command credits */
    while ((n = ble_hci_host_poll_cmd(&st->host, st->now, buf, sizeof buf)) > 0)
        send_cmd_packet(st, buf, n);
    if (!st->ready)
        return;
    while ((n = ble_gap_poll_cmd(&st->gap, st->now, &st->host, buf, sizeof buf)) > 0)
        send_cmd_packet(st, buf, n);
    while (st->cmd_n) {
        struct stack_cmd *c = &st->cmdq[st->cmd_head];
        n = ble_hci_host_cmd(&st->host, st->now, c->opcode, c->p, c->len, buf, sizeof buf);
        if (n < 0)
            break; /* no credit, or this opcode is outstanding: later */
        send_cmd_packet(st, buf, n);
        st->cmd_head = (st->cmd_head + 1) % STACK_CMD_Q;
        st->cmd_n--;
    }
    /* L2CAP signaling answers, then ACL fragments against the ACL buffers */
    if (st->conn != NO_HANDLE) {
        uint8_t pdu[STACK_PDU_MAX];
        while (st->acl_n < STACK_ACL_Q && (n = ble_l2cap_poll_tx(&st->link, pdu, sizeof pdu)) > 0)
            stack_l2cap_send(st, ble_get_le16(pdu + 2), pdu + 4, (size_t)n - 4);
    }
    while (st->conn != NO_HANDLE && (st->l2tx_active || st->acl_n) &&
           ble_hci_host_acl_can_send(&st->host) == BLE_OK) {
        if (!st->l2tx_active) {
            struct stack_pdu *q = &st->aclq[st->acl_head];
            ble_l2cap_tx_init(&st->l2tx, st->conn, ble_get_le16(q->b + 2),
                              ble_view_make(q->b + 4, q->len - 4u), st->host.ctrl.acl_len);
            st->l2tx_active = 1;
        }
        n = ble_l2cap_tx_next(&st->l2tx, buf, sizeof buf);
        if (n <= 0) {
            st->l2tx_active = 0;
            st->acl_head = (st->acl_head + 1) % STACK_ACL_Q;
            st->acl_n--;
            continue;
        }
        ble_hci_host_acl_sent(&st->host, st->conn);
        stack_write(st, BLE_H4_ACL, buf, (size_t)n);
    }
    /* ISO packets of the SDU being sent, against the ISO buffers */
    while (st->isotx_active && ble_hci_host_iso_can_send(&st->host) == BLE_OK) {
        n = ble_iso_tx_next(&st->isotx, buf, sizeof buf);
        if (n <= 0) {
            st->isotx_active = 0;
            break;
        }
        ble_hci_host_iso_sent(&st->host, st->isotx.handle);
        stack_write(st, BLE_H4_ISO, buf, (size_t)n);
        if (st->isotx.off == st->isotx.sdu.len)
            st->isotx_active = 0;
    }
}

/* ---- input: one packet from the controller ---- */

static void on_packet(struct stack *st, const struct ble_h4_pkt *pkt, struct stack_event *ev)
{
    transport_snoop(st->t, 1, pkt->type, pkt->p, pkt->len);
    if (pkt->type == BLE_H4_EVT) {
        struct ble_hci_host_event hev;
        ble_hci_host_on_event(&st->host, st->now, pkt->p, pkt->len, &hev);
        if (st->ready)
            ble_gap_on_hci_event(&st->gap, st->now, pkt->p, pkt->len);
        switch (hev.type) {
        case BLE_HCI_HOST_EV_READY:
            st->ready = 1;
            ev->type = STACK_EV_READY;
            break;
        case BLE_HCI_HOST_EV_FAILED:
            st->fatal = "controller bring-up failed";
            ev->type = STACK_EV_FATAL;
            ev->why = st->fatal;
            ev->err = hev.err ? hev.err : BLE_ERR_PROTOCOL;
            break;
        case BLE_HCI_HOST_EV_CMD_DONE:
            ev->type = STACK_EV_CMD_DONE;
            ev->cmd = hev;
            ev->raw = ble_view_make(pkt->p, pkt->len);
            break;
        case BLE_HCI_HOST_EV_PASS:
            st->raw_pending = 1; /* after the GAP machine's events */
            break;
        default:
            break;
        }
    } else if (pkt->type == BLE_H4_ACL) {
        struct ble_hci_acl acl;
        struct ble_l2cap_pdu pdu;
        if (ble_hci_acl_decode(pkt->p, pkt->len, &acl) == BLE_OK && acl.handle == st->conn &&
            ble_l2cap_rx_push(&st->l2rx, &acl, &pdu) == BLE_OK &&
            ble_l2cap_on_pdu(&st->link, st->now, &pdu) == BLE_L2CAP_CID_ATT) {
            ev->type = STACK_EV_ATT;
            ev->data = pdu.payload;
        }
    } else if (pkt->type == BLE_H4_ISO) {
        /* the CISes attached here are reassembled here; other handles' packets
         * go to the application as they came */
        uint16_t h = pkt->len >= 2 ? (uint16_t)(ble_get_le16(pkt->p) & 0x0FFF) : NO_HANDLE;
        if (h != NO_HANDLE && (h == st->cis[0] || h == st->cis[1])) {
            if (ble_iso_rx_push(&st->isorx, pkt->p, pkt->len, &ev->sdu) == BLE_OK)
                ev->type = STACK_EV_SDU;
        } else {
            ev->type = STACK_EV_ISO;
            ev->raw = ble_view_make(pkt->p, pkt->len);
        }
    }
}

/* The GAP machine's view of the connection drives L2CAP's. */
static void on_gap(struct stack *st, const struct ble_gap_event *g)
{
    if (g->type == BLE_GAP_EV_CONNECTED && g->status == 0 && st->conn == NO_HANDLE) {
        struct ble_l2cap_link_cfg cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.role = g->u.conn.role == BLE_GAP_ROLE_CENTRAL ? BLE_L2CAP_CENTRAL : BLE_L2CAP_PERIPHERAL;
        cfg.auto_credits = 1;
        st->conn = g->handle;
        ble_l2cap_rx_attach(&st->l2rx, g->handle, st->l2rx_mem, sizeof st->l2rx_mem);
        ble_l2cap_link_init(&st->link, &cfg);
    } else if (g->type == BLE_GAP_EV_DISCONNECTED && g->handle == st->conn) {
        ble_l2cap_rx_detach(&st->l2rx, st->conn);
        ble_l2cap_link_down(&st->link, st->now);
        st->conn = NO_HANDLE;
        st->acl_n = 0;
        st->l2tx_active = 0;
    }
}

static uint32_t next_deadline(const struct stack *st, uint32_t d)
{
    d = ble_deadline_min(d, ble_hci_host_next_deadline(&st->host));
    d = ble_deadline_min(d, ble_gap_next_deadline(&st->gap));
    if (st->conn != NO_HANDLE)
        d = ble_deadline_min(d, ble_l2cap_next_deadline(&st->link));
    return d;
}

void stack_step(struct stack *st, uint32_t deadline, struct stack_event *ev)
{
    struct ble_l2cap_event lev;
    memset(ev, 0, sizeof *ev);
    st->now = stack_clock();
    if (st->fatal) {
        ev->type = STACK_EV_FATAL;
        ev->why = st->fatal;
        ev->err = BLE_ERR_STATE;
        return;
    }
    /* 1. events the machines hold from the last packet */
    if (ble_gap_poll_event(&st->gap, &ev->gap) == BLE_OK) {
        on_gap(st, &ev->gap);
        ev->type = STACK_EV_GAP;
        return;
    }
    if (st->raw_pending) {
        struct ble_h4_pkt pkt;
        st->raw_pending = 0;
        ble_h4_packet(&st->h4, &pkt);
        if (ble_hci_evt_packet(pkt.p, pkt.len, &ev->hci) == BLE_OK) {
            ev->type = STACK_EV_HCI;
            ev->raw = ble_view_make(pkt.p, pkt.len);
            return;
        }
    }
    while (st->conn != NO_HANDLE && ble_l2cap_poll_event(&st->link, &lev) == BLE_OK) {
        /* no credit-based channels are opened here: nothing to act on */
    }
    /* 2. write what they produced */
    flush(st);
    /* 3. one packet: from bytes read before, else wait for bytes or the deadline */
    if (st->rx_off == st->rx_len) {
        uint32_t d = next_deadline(st, deadline);
        int wait = -1;
        long n;
        if (d != BLE_NO_DEADLINE)
            wait = ble_time_reached(st->now, d) ? 0 : (int)(d - st->now);
        n = transport_recv(st->t, st->rx, sizeof st->rx, wait);
        if (n < 0) {
            st->fatal = "transport closed or failed";
            ev->type = STACK_EV_FATAL;
            ev->why = st->fatal;
            ev->err = BLE_ERR_STATE;
            return;
        }
        st->rx_len = (size_t)n;
        st->rx_off = 0;
        st->now = stack_clock();
    }
    while (st->rx_off < st->rx_len) {
        size_t used;
        int rc = ble_h4_push(&st->h4, st->rx + st->rx_off, st->rx_len - st->rx_off, &used);
        st->rx_off += used;
        if (rc == BLE_OK) {
            struct ble_h4_pkt pkt;
            ble_h4_packet(&st->h4, &pkt);
            on_packet(st, &pkt, ev);
            break;
        }
    }
    /* 4. timers */
    {
        struct ble_hci_host_event hev;
        ble_hci_host_on_timer(&st->host, st->now, &hev);
        if (hev.type == BLE_HCI_HOST_EV_FAILED || hev.type == BLE_HCI_HOST_EV_CMD_TIMEOUT) {
            /* the controller stopped answering (Vol 4 Part E 4.4): reported
             * now, or at the next step if this one carries a packet */
            st->fatal = "HCI command timeout";
            if (ev->type == STACK_EV_NONE) {
                ev->type = STACK_EV_FATAL;
                ev->why = st->fatal;
                ev->err = BLE_ERR_TIMEOUT;
            }
        }
        ble_gap_on_timer(&st->gap, st->now);
        if (st->conn != NO_HANDLE)
            ble_l2cap_on_timer(&st->link, st->now);
    }
}
