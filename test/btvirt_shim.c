/* btvirt_shim: an LD_PRELOAD library that lets BlueZ 5.66's controller
 * emulator (btvirt -s) run the end-to-end test inside an unprivileged
 * sandbox and carry LE Audio traffic. Each part below fixes one measured
 * problem of btvirt 5.66; none changes what the emulated controllers do
 * with a packet, only how packets cross the Unix sockets.
 *
 *   1. AF_ALG sockets are refused in the sandbox, and btdev will not create
 *      LE controllers without them: socket(AF_ALG) gets a dummy descriptor
 *      and bind()/setsockopt()/accept() on it succeed (no encryption is
 *      used; LE Rand still works).
 *   2. The server's H4 reader mis-parses a packet header split across two
 *      reads: recv() on a client socket is clipped so that it never ends
 *      inside a packet header (it may end inside a payload, which the
 *      reader handles).
 *   3. The server drops every H4 ISO packet (type 0x05) from a host. btdev
 *      routes ACL by the 12-bit handle, which also finds CIS handles, sends
 *      Number Of Completed Packets and forwards header and payload
 *      unchanged when the flags are not 0: so an ISO packet comes in as ACL
 *      (0x02) with the RFU bit 15 of its handle field set as a marker, and a
 *      marked ACL packet going out to a host is turned back into ISO. ISO
 *      on a BIS no receiver is synced to would make btdev follow a NULL link
 *      and crash: such packets are dropped here and answered with Number Of
 *      Completed Packets, as a controller with no receiver would still
 *      complete them. btdev links a receiver's BISes to the first unlinked
 *      BISes of the source it synced to; the shim follows the BIG events the
 *      same way (exact with one broadcast source per btvirt, as in the tests).
 *   4. The server sends with MSG_DONTWAIT and silently drops what does not
 *      fit the socket's send buffer (a few hundred packets): accepted
 *      client sockets get an 8 MiB SO_SNDBUF.
 *   5. (in test/e2e.sh) LE BIG Terminate Sync crashes btdev with a
 *      use-after-free; GLIBC_TUNABLES=glibc.malloc.tcache_count=0 avoids it.
 *   6. btdev executes the LE 5.2 commands but reports HCI version 4.0, no
 *      LE features and clears the 5.x supported-command bits, so a host that
 *      checks them would not use ISO: the Command Complete events of Read
 *      Local Version, Read Local Supported Commands and LE Read Local
 *      Supported Features are rewritten to say 5.2 with extended and
 *      periodic advertising, CIS central/peripheral, ISO broadcaster and
 *      synchronized receiver.
 *   7. The server binds fixed paths /tmp/bt-server-*, which collide between
 *      parallel runs: with BTVIRT_DIR set, bind() and unlink() of those paths
 *      are moved into that directory.
 *
 * Build: gcc -shared -fPIC -O2 test/btvirt_shim.c -o build/btvirt_shim.so -ldl
 * SPDX-License-Identifier: Apache-2.0
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif
#define MAX_FD 1024
#define ISO_MARK 0x80 /* bit 15 of the handle field, in its second octet */

/* Per descriptor: an AF_ALG dummy, or an accepted client and how many
 * payload octets of a packet still follow in its stream. */
static unsigned char fd_alg[MAX_FD];
static unsigned char fd_client[MAX_FD];
static size_t fd_payload_left[MAX_FD];
static unsigned char fd_dropping[MAX_FD]; /* the payload left belongs to a dropped packet */

/* BISes of the BIGs created (part 3): the source's descriptor and BIG, and
 * the receiver synced to it (-1: none). */
#define MAX_BIS 32
struct bis {
    int used;
    uint16_t handle;
    int src_fd;
    uint8_t big;
    int sync_fd;
    uint8_t sync_big;
};
static struct bis bises[MAX_BIS];

#define REAL(name) static __typeof__(name) *real_##name; if (!real_##name) real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int fd_ok(int fd) { return fd >= 0 && fd < MAX_FD; }

/* ---- 1: AF_ALG ---------------------------------------------------------- */
int socket(int domain, int type, int protocol)
{
    REAL(socket);
    if (domain == AF_ALG) {
        int fd = real_socket(AF_UNIX, SOCK_DGRAM | (type & SOCK_CLOEXEC), 0);
        if (fd_ok(fd))
            fd_alg[fd] = 1;
        return fd;
    }
    return real_socket(domain, type, protocol);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    REAL(setsockopt);
    if (fd_ok(fd) && fd_alg[fd])
        return 0;
    return real_setsockopt(fd, level, name, val, len);
}

int close(int fd)
{
    int i;
    REAL(close);
    if (fd_ok(fd)) {
        fd_alg[fd] = 0;
        fd_client[fd] = 0;
        fd_payload_left[fd] = 0;
        fd_dropping[fd] = 0;
        for (i = 0; i < MAX_BIS; i++) {
            if (bises[i].src_fd == fd)
                bises[i].used = 0;
            if (bises[i].sync_fd == fd)
                bises[i].sync_fd = -1;
        }
    }
    return real_close(fd);
}

/* ---- 7: socket paths ------------------------------------------------------- */
static const char *moved_path(const char *path, char *out, size_t cap)
{
    const char *dir = getenv("BTVIRT_DIR");
    if (!dir || strncmp(path, "/tmp/bt-server-", 15))
        return path;
    if ((size_t)snprintf(out, cap, "%s/%s", dir, path + 5) >= cap)
        return path;
    return out;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    REAL(bind);
    if (fd_ok(fd) && fd_alg[fd])
        return 0;
    if (addr && addr->sa_family == AF_UNIX) {
        struct sockaddr_un un;
        char buf[sizeof un.sun_path];
        const struct sockaddr_un *in = (const struct sockaddr_un *)(const void *)addr;
        const char *p = moved_path(in->sun_path, buf, sizeof buf);
        if (p != in->sun_path) {
            memset(&un, 0, sizeof un);
            un.sun_family = AF_UNIX;
            strcpy(un.sun_path, p);
            return real_bind(fd, (const struct sockaddr *)&un, sizeof un);
        }
    }
    return real_bind(fd, addr, len);
}

int unlink(const char *path)
{
    char buf[108];
    REAL(unlink);
    return real_unlink(moved_path(path, buf, sizeof buf));
}

/* ---- 4: accepted clients (and 1: accept on an AF_ALG dummy) ---------------- */
int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    int nfd;
    REAL(accept);
    if (fd_ok(fd) && fd_alg[fd]) {
        nfd = socket(AF_ALG, 0, 0);
        return nfd;
    }
    nfd = real_accept(fd, addr, len);
    if (fd_ok(nfd)) {
        int sz = 8 << 20;
        REAL(setsockopt);
        real_setsockopt(nfd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
        fd_client[nfd] = 1;
        fd_payload_left[nfd] = 0;
    }
    return nfd;
}

/* ---- 2 and 3: from a host to btvirt ------------------------------------------ */
static size_t h4_header_len(uint8_t type)
{
    switch (type) {
    case 0x01: return 3; /* command: opcode, length */
    case 0x02: return 4; /* ACL: handle, 16-bit length */
    case 0x05: return 4; /* ISO: handle, 14-bit length */
    default: return 0;
    }
}

static size_t h4_payload_len(const uint8_t *p)
{
    if (p[0] == 0x01)
        return p[3];
    if (p[0] == 0x02)
        return (size_t)p[3] | (size_t)p[4] << 8;
    return ((size_t)p[3] | (size_t)p[4] << 8) & 0x3FFF;
}

/* How many of the n octets at p may be handed to btvirt: everything up to
 * the last whole packet, or into a payload, but never into a header. */
static size_t clip(int fd, const uint8_t *p, size_t n)
{
    size_t off = 0, left = fd_payload_left[fd];
    if (left)
        off = left < n ? left : n;
    while (off < n) {
        size_t hl = h4_header_len(p[off]);
        if (!hl)
            return n; /* not H4: let btvirt report it */
        if (off + 1 + hl > n)
            break;
        off += 1 + hl + h4_payload_len(p + off);
        if (off > n)
            return n; /* ends inside a payload */
    }
    return off;
}

/* A BIS of this source that no receiver is synced to. */
static int bis_unheard(int fd, uint16_t handle)
{
    int i;
    for (i = 0; i < MAX_BIS; i++)
        if (bises[i].used && bises[i].src_fd == fd && bises[i].handle == handle)
            return bises[i].sync_fd < 0;
    return 0;
}

static void completed(int fd, uint16_t handle)
{
    /* Number Of Completed Packets (Vol 4 Part E 7.7.19): one handle, one packet */
    uint8_t e[8] = { 0x04, 0x13, 0x05, 0x01, 0, 0, 0x01, 0x00 };
    REAL(send);
    e[4] = (uint8_t)handle;
    e[5] = (uint8_t)(handle >> 8);
    real_send(fd, e, sizeof e, MSG_DONTWAIT | MSG_NOSIGNAL);
}

/* Follows the stream over the n octets given, tunnels ISO as marked ACL and
 * removes ISO for BISes nobody hears; returns the octets left for btvirt. */
static size_t consumed(int fd, uint8_t *p, size_t n)
{
    size_t r = 0, w = 0, left = fd_payload_left[fd];
    int drop = fd_dropping[fd];
    if (left) {
        size_t k = left < n ? left : n;
        if (!drop)
            memmove(p + w, p + r, k), w += k;
        r += k;
        left -= k;
    }
    while (r < n) {
        size_t hl = h4_header_len(p[r]), total, k;
        if (!hl) { /* not H4: btvirt reports it */
            memmove(p + w, p + r, n - r);
            w += n - r;
            left = 0;
            break;
        }
        total = 1 + hl + h4_payload_len(p + r); /* clip() never cuts a header */
        k = total < n - r ? total : n - r;
        drop = 0;
        if (p[r] == 0x05) {
            uint16_t h = (uint16_t)((p[r + 1] | p[r + 2] << 8) & 0x0FFF);
            if (bis_unheard(fd, h)) {
                drop = 1;
                completed(fd, h);
            } else {
                p[r] = 0x02;
                p[r + 2] |= ISO_MARK;
            }
        }
        if (!drop)
            memmove(p + w, p + r, k), w += k;
        r += k;
        left = total - k;
    }
    fd_payload_left[fd] = left;
    fd_dropping[fd] = (unsigned char)(left ? drop : 0);
    return w;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
    ssize_t n;
    size_t take;
    int tries;
    REAL(recv);
    if (!fd_ok(fd) || !fd_client[fd] || (flags & MSG_PEEK))
        return real_recv(fd, buf, len, flags);
    for (tries = 0;; tries++) {
        n = real_recv(fd, buf, len, flags | MSG_PEEK);
        if (n <= 0)
            return n;
        take = clip(fd, buf, (size_t)n);
        if (take)
            break;
        if ((size_t)n == len || tries > 200)
            return real_recv(fd, buf, len, flags); /* cannot happen with H4 headers */
        {
            /* a header is cut: its rest follows at once from the host */
            struct pollfd pfd;
            pfd.fd = fd;
            pfd.events = POLLIN;
            poll(&pfd, 1, 5);
        }
    }
    n = real_recv(fd, buf, take, flags);
    if (n > 0)
        n = (ssize_t)consumed(fd, buf, (size_t)n); /* 0 when all was dropped: btvirt reads on */
    return n;
}

/* ---- 3 and 6: from btvirt to a host --------------------------------------------- */
static void set_bit(uint8_t *octets, unsigned n)
{
    octets[n / 8] = (uint8_t)(octets[n / 8] | 1u << (n % 8));
}

/* A Command Complete event's return parameters (after Status) for opcode. */
static void rewrite_event(uint8_t *p, size_t n)
{
    /* 04 0e plen ncmd op_lo op_hi status ret... */
    unsigned op;
    uint8_t *ret;
    size_t rlen;
    if (n < 7 || p[1] != 0x0E || p[6] != 0)
        return;
    op = (unsigned)p[4] | (unsigned)p[5] << 8;
    ret = p + 7;
    rlen = n - 7;
    if (op == 0x1001 && rlen >= 8) { /* Read Local Version Information */
        ret[0] = 0x0B;               /* HCI_Version 5.2 */
        ret[3] = 0x0B;               /* LMP_Version 5.2 */
    } else if (op == 0x2003 && rlen >= 8) { /* LE Read Local Supported Features */
        static const unsigned bits[] = {
            12, /* LE Extended Advertising */
            13, /* LE Periodic Advertising */
            28, /* Connected Isochronous Stream - Central */
            29, /* Connected Isochronous Stream - Peripheral */
            30, /* Isochronous Broadcaster */
            31, /* Synchronized Receiver */
        };
        size_t i;
        for (i = 0; i < sizeof bits / sizeof bits[0]; i++)
            set_bit(ret, bits[i]);
    } else if (op == 0x1002 && rlen >= 64) { /* Read Local Supported Commands */
        /* (octet, bit) of the LE 5.0 / 5.2 commands btdev executes */
        static const uint8_t cmds[][2] = {
            { 36, 1 }, { 36, 2 }, { 36, 3 }, { 36, 4 }, { 36, 5 }, { 36, 6 }, { 36, 7 },
            { 37, 0 }, { 37, 1 }, { 37, 2 }, { 37, 3 }, { 37, 4 }, { 37, 5 }, { 37, 6 }, { 37, 7 },
            { 38, 0 }, { 38, 1 }, { 38, 2 },
            { 41, 5 }, /* LE Read Buffer Size v2 */
            { 41, 7 }, { 42, 1 }, { 42, 2 }, { 42, 3 }, { 42, 4 }, /* CIG, CIS */
            { 42, 5 }, { 42, 7 }, { 43, 0 }, { 43, 1 },             /* BIG */
            { 43, 3 }, { 43, 4 },                                   /* ISO data path */
            { 44, 1 },                                              /* LE Set Host Feature */
        };
        size_t i;
        for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
            set_bit(ret, cmds[i][0] * 8u + cmds[i][1]);
    }
}

/* Follows the BIG events a host receives (Vol 4 Part E 7.7.65.27-30) and the
 * completion of LE BIG Terminate Sync (7.8.107). p: 04 3e len subevent ... */
static void track_bis(int fd, const uint8_t *p, size_t n)
{
    int i;
    size_t k;
    if (n >= 8 && p[1] == 0x0E && (p[4] | p[5] << 8) == 0x206C && p[6] == 0) {
        for (i = 0; i < MAX_BIS; i++) /* Terminate Sync done: Status, BIG_Handle */
            if (bises[i].sync_fd == fd && bises[i].sync_big == p[7])
                bises[i].sync_fd = -1;
        return;
    }
    if (n < 6 || p[1] != 0x3E)
        return;
    switch (p[3]) {
    case 0x1B: /* Create BIG Complete: status, BIG, ..., Num_BIS at 21, handles */
        if (p[4] || n < 22)
            return;
        for (k = 0; k < p[21] && 22 + 2 * k + 1 < n; k++)
            for (i = 0; i < MAX_BIS; i++)
                if (!bises[i].used) {
                    bises[i].used = 1;
                    bises[i].handle = (uint16_t)(p[22 + 2 * k] | p[23 + 2 * k] << 8);
                    bises[i].src_fd = fd;
                    bises[i].big = p[5];
                    bises[i].sync_fd = -1;
                    break;
                }
        break;
    case 0x1C: /* Terminate BIG Complete: BIG, reason */
        for (i = 0; i < MAX_BIS; i++)
            if (bises[i].used && bises[i].src_fd == fd && bises[i].big == p[4])
                bises[i].used = 0;
        break;
    case 0x1D: /* BIG Sync Established: status, BIG, ..., Num_BIS at 17 */
        if (p[4] || n < 18)
            return;
        for (k = 0; k < p[17]; k++)
            for (i = 0; i < MAX_BIS; i++)
                if (bises[i].used && bises[i].src_fd != fd && bises[i].sync_fd < 0) {
                    bises[i].sync_fd = fd;
                    bises[i].sync_big = p[5];
                    break;
                }
        break;
    case 0x1E: /* BIG Sync Lost: BIG, reason */
        for (i = 0; i < MAX_BIS; i++)
            if (bises[i].sync_fd == fd && bises[i].sync_big == p[4])
                bises[i].sync_fd = -1;
        break;
    default:
        break;
    }
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    static uint8_t pkt[65536 + 8];
    size_t n = 0, i;
    struct iovec iov;
    struct msghdr m;
    REAL(sendmsg);
    if (!fd_ok(fd) || !fd_client[fd])
        return real_sendmsg(fd, msg, flags);
    for (i = 0; i < (size_t)msg->msg_iovlen; i++) {
        size_t l = msg->msg_iov[i].iov_len;
        if (n + l > sizeof pkt)
            return real_sendmsg(fd, msg, flags);
        memcpy(pkt + n, msg->msg_iov[i].iov_base, l);
        n += l;
    }
    /* btdev sends one whole packet per call */
    if (n >= 5 && pkt[0] == 0x02 && (pkt[2] & ISO_MARK)) {
        pkt[0] = 0x05;
        pkt[2] &= (uint8_t)~ISO_MARK;
    } else if (n >= 3 && pkt[0] == 0x04) {
        rewrite_event(pkt, n);
        track_bis(fd, pkt, n);
    }
    iov.iov_base = pkt;
    iov.iov_len = n;
    m = *msg;
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    return real_sendmsg(fd, &m, flags);
}
