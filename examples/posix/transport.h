/* transport: the byte pipe between a POSIX host and its controller, and a
 * btsnoop log of every packet that crosses it.
 *
 *   uart:/dev/ttyACM0,1000000   H4 over a serial port (raw, 8N1, RTS/CTS)
 *   unix:/path                  H4 over a Unix stream socket (btvirt -s)
 *   tcp:host:port               H4 over TCP
 *   hci:0                       Linux HCI user channel of hci0: one packet per
 *                               read and write, indicator first (the device
 *                               must be down; needs CAP_NET_ADMIN)
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef EXAMPLES_POSIX_TRANSPORT_H
#define EXAMPLES_POSIX_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct transport {
    int fd;
    FILE *snoop;        /* btsnoop, datalink 1002 (H4), or NULL */
    unsigned long tx_packets, rx_octets;
};

/* Opens spec (see above): 0, or -1 with a message on stderr. */
int transport_open(struct transport *t, const char *spec);
/* Starts a btsnoop file (H4 datalink 1002: tshark and bledump decode every
 * packet type, ISO included): 0 or -1. */
int transport_snoop_open(struct transport *t, const char *path);
/* Logs one packet: dir 0 host to controller, 1 controller to host; p is the
 * packet after its indicator. */
void transport_snoop(struct transport *t, int dir, uint8_t type, const uint8_t *p, size_t n);
/* Writes one H4 packet (indicator, then p) in one write and logs it: 0 or -1. */
int transport_send(struct transport *t, uint8_t type, const uint8_t *p, size_t n);
/* Waits up to timeout_ms (-1: forever) for bytes and reads what is there:
 * the count, 0 on timeout, -1 on error or end of stream. */
long transport_recv(struct transport *t, uint8_t *buf, size_t cap, int timeout_ms);
void transport_close(struct transport *t);

#endif
