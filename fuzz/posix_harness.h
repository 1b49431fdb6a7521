/* What the whole-program harnesses of examples/posix (fuzz_posix_*.c) share:
 * the input as the byte stream of a controller on one end of a socket pair,
 * what the program writes to its controller dropped, and the invariants of
 * the stack under the program. Include after stack.c and fuzz.h.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef FUZZ_POSIX_HARNESS_H
#define FUZZ_POSIX_HARNESS_H

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

/* sv[0] for the program's transport; sv[1] the controller's end, holding
 * the whole input and then the end of the stream. 0, or -1 (input over
 * 64 KiB, or no socket pair). */
static int fuzz_controller_open(int sv[2], const uint8_t *data, size_t size)
{
    int sz = 1 << 20;
    size_t off = 0;
    if (size > 65536 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
        return -1;
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
    while (off < size) {
        ssize_t w = write(sv[1], data + off, size - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    shutdown(sv[1], SHUT_WR);
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    return 0;
}

/* What the host sent to its controller: dropped. */
static void fuzz_controller_drain(int fd)
{
    uint8_t drop[4096];
    while (read(fd, drop, sizeof drop) > 0) {
    }
}

static void fuzz_controller_close(int sv[2])
{
    close(sv[0]);
    close(sv[1]);
}

/* The stack's queues stay in their bounds; once the controller is up, free
 * ACL and ISO buffers plus packets in flight equal the controller's. */
static void fuzz_check_stack(const struct stack *st)
{
    const struct ble_hci_host *h = &st->host;
    FUZZ_CHECK(st->acl_n <= STACK_ACL_Q && st->cmd_n <= STACK_CMD_Q);
    FUZZ_CHECK(!st->l2tx_active || st->acl_n > 0);
    if (st->ready) {
        unsigned acl = 0, iso = 0;
        size_t i;
        for (i = 0; i < BLE_CFG_HCI_MAX_HANDLES; i++)
            if (h->handles[i].slot.used)
                *(h->handles[i].iso ? &iso : &acl) += h->handles[i].in_flight;
        FUZZ_CHECK(h->acl_free + acl == h->ctrl.acl_num);
        FUZZ_CHECK(h->iso_free + iso == h->ctrl.iso_num);
    }
}

#endif
