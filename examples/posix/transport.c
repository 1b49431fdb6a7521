/* transport: see transport.h.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* cfmakeraw, CRTSCTS, the higher baud rates */
#endif
#include "transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

/* The Linux HCI socket (include/net/bluetooth/hci_sock.h), declared here so
 * that no BlueZ headers are needed. */
#ifndef AF_BLUETOOTH
#define AF_BLUETOOTH 31
#endif
#define BTPROTO_HCI_ 1
#define HCI_CHANNEL_USER_ 1
struct sockaddr_hci_ {
    sa_family_t hci_family;
    unsigned short hci_dev;
    unsigned short hci_channel;
};

static int fail(const char *spec, const char *what)
{
    fprintf(stderr, "transport %s: %s: %s\n", spec, what, strerror(errno));
    return -1;
}

static speed_t baud(long rate)
{
    switch (rate) {
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
#ifdef B1000000
    case 1000000: return B1000000;
    case 2000000: return B2000000;
    case 3000000: return B3000000;
#endif
    default: return 0;
    }
}

static int open_uart(struct transport *t, const char *spec, const char *arg)
{
    char path[256];
    const char *comma = strchr(arg, ',');
    long rate = comma ? strtol(comma + 1, 0, 10) : 115200;
    size_t n = comma ? (size_t)(comma - arg) : strlen(arg);
    struct termios tio;
    speed_t sp = baud(rate);
    if (!sp || n >= sizeof path) {
        fprintf(stderr, "transport %s: unsupported baud rate %ld\n", spec, rate);
        return -1;
    }
    memcpy(path, arg, n);
    path[n] = 0;
    t->fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (t->fd < 0)
        return fail(spec, "open");
    if (tcgetattr(t->fd, &tio) < 0)
        return fail(spec, "tcgetattr");
    cfmakeraw(&tio);               /* 8 bits, no parity, no echo, no line editing */
    tio.c_cflag |= CLOCAL | CREAD | CRTSCTS; /* H4 needs hardware flow control */
    tio.c_cflag &= (tcflag_t)~CSTOPB;
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    cfsetispeed(&tio, sp);
    cfsetospeed(&tio, sp);
    if (tcsetattr(t->fd, TCSANOW, &tio) < 0)
        return fail(spec, "tcsetattr");
    tcflush(t->fd, TCIOFLUSH);
    return 0;
}

static int open_unix(struct transport *t, const char *spec, const char *path)
{
    struct sockaddr_un a;
    if (strlen(path) >= sizeof a.sun_path) {
        fprintf(stderr, "transport %s: path too long\n", spec);
        return -1;
    }
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, path);
    t->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (t->fd < 0)
        return fail(spec, "socket");
    if (connect(t->fd, (struct sockaddr *)&a, sizeof a) < 0)
        return fail(spec, "connect");
    return 0;
}

static int open_tcp(struct transport *t, const char *spec, const char *arg)
{
    char host[256];
    const char *colon = strrchr(arg, ':');
    struct addrinfo hints, *res, *ai;
    size_t n;
    if (!colon || (n = (size_t)(colon - arg)) >= sizeof host) {
        fprintf(stderr, "transport %s: want tcp:host:port\n", spec);
        return -1;
    }
    memcpy(host, arg, n);
    host[n] = 0;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, colon + 1, &hints, &res)) {
        fprintf(stderr, "transport %s: cannot resolve\n", spec);
        return -1;
    }
    t->fd = -1;
    for (ai = res; ai && t->fd < 0; ai = ai->ai_next) {
        t->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (t->fd >= 0 && connect(t->fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            close(t->fd);
            t->fd = -1;
        }
    }
    freeaddrinfo(res);
    return t->fd < 0 ? fail(spec, "connect") : 0;
}

static int open_hci(struct transport *t, const char *spec, const char *arg)
{
    struct sockaddr_hci_ a;
    memset(&a, 0, sizeof a);
    a.hci_family = AF_BLUETOOTH;
    a.hci_dev = (unsigned short)strtoul(arg, 0, 10);
    a.hci_channel = HCI_CHANNEL_USER_;
    t->fd = socket(AF_BLUETOOTH, SOCK_RAW | SOCK_CLOEXEC, BTPROTO_HCI_);
    if (t->fd < 0)
        return fail(spec, "socket(AF_BLUETOOTH)");
    if (bind(t->fd, (struct sockaddr *)&a, sizeof a) < 0)
        return fail(spec, "bind HCI_CHANNEL_USER (is the device down? CAP_NET_ADMIN?)");
    return 0;
}

int transport_open(struct transport *t, const char *spec)
{
    memset(t, 0, sizeof *t);
    t->fd = -1;
    if (!strncmp(spec, "uart:", 5))
        return open_uart(t, spec, spec + 5);
    if (!strncmp(spec, "unix:", 5))
        return open_unix(t, spec, spec + 5);
    if (!strncmp(spec, "tcp:", 4))
        return open_tcp(t, spec, spec + 4);
    if (!strncmp(spec, "hci:", 4))
        return open_hci(t, spec, spec + 4);
    fprintf(stderr, "transport %s: want uart:DEV,BAUD, unix:PATH, tcp:HOST:PORT or hci:N\n", spec);
    return -1;
}

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

int transport_snoop_open(struct transport *t, const char *path)
{
    static const uint8_t hdr[16] = { 'b', 't', 's', 'n', 'o', 'o', 'p', 0, 0, 0, 0, 1, 0, 0, 0x03, 0xEA };
    t->snoop = fopen(path, "wb");
    if (!t->snoop || fwrite(hdr, 1, sizeof hdr, t->snoop) != sizeof hdr) {
        fprintf(stderr, "btsnoop %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

void transport_snoop(struct transport *t, int dir, uint8_t type, const uint8_t *p, size_t n)
{
    /* btsnoop record: original and included length, flags (bit 0: received,
     * bit 1: command or event), drops, time in us since 0 AD */
    uint8_t rec[24];
    struct timeval tv;
    uint64_t us;
    if (!t->snoop)
        return;
    gettimeofday(&tv, 0);
    us = (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec + 0x00dcddb30f2f8000ull;
    be32(rec, (uint32_t)(n + 1));
    be32(rec + 4, (uint32_t)(n + 1));
    be32(rec + 8, (uint32_t)(dir ? 1 : 0) | ((type == 0x01 || type == 0x04) ? 2u : 0u));
    be32(rec + 12, 0);
    be32(rec + 16, (uint32_t)(us >> 32));
    be32(rec + 20, (uint32_t)us);
    fwrite(rec, 1, sizeof rec, t->snoop);
    fputc(type, t->snoop);
    fwrite(p, 1, n, t->snoop);
}

int transport_send(struct transport *t, uint8_t type, const uint8_t *p, size_t n)
{
    static uint8_t buf[1 + 4 + 65535];
    size_t off = 0;
    if (n + 1 > sizeof buf)
        return -1;
    buf[0] = type;
    memcpy(buf + 1, p, n);
    while (off < n + 1) {
        ssize_t w = write(t->fd, buf + off, n + 1 - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            fprintf(stderr, "transport: write: %s\n", strerror(errno));
            return -1;
        }
        off += (size_t)w;
    }
    t->tx_packets++;
    transport_snoop(t, 0, type, p, n);
    return 0;
}

long transport_recv(struct transport *t, uint8_t *buf, size_t cap, int timeout_ms)
{
    struct pollfd pfd;
    ssize_t r;
    int rc;
    pfd.fd = t->fd;
    pfd.events = POLLIN;
    rc = poll(&pfd, 1, timeout_ms);
    if (rc < 0)
        return errno == EINTR ? 0 : -1;
    if (rc == 0)
        return 0;
    r = read(t->fd, buf, cap);
    if (r < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : -1;
    if (r == 0)
        return -1; /* the controller went away */
    t->rx_octets += (unsigned long)r;
    return (long)r;
}

void transport_close(struct transport *t)
{
    if (t->snoop)
        fclose(t->snoop);
    if (t->fd >= 0)
        close(t->fd);
    t->snoop = 0;
    t->fd = -1;
}
