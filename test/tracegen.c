/* tracegen: writes a btsnoop capture of realistic LE traffic, the same for
 * every run (a fixed seed), for make bench-trace and the bledump test.
 *
 *   tracegen [-m] COUNT FILE     COUNT HCI packets; -m: monitor datalink
 *                                (2001) instead of H4 (1002)
 *
 * The traffic repeats one scenario with varying addresses, handles and data:
 * scanning with legacy and extended advertising reports, a connection, ATT
 * discovery (MTU, services, characteristics, descriptors, a CCCD write) and
 * notifications with Number Of Completed Packets, an LE credit-based channel
 * carrying SDUs cut into K-frames (and into 27-octet ACL fragments towards the
 * controller), a CIG with two CISes and their ISO data both ways (some SDUs
 * fragmented), and the disconnection. The two datalinks carry the same
 * packets in the same order, so tools reading either can be compared.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CMD = 1, ACL = 2, EVT = 4, ISO = 5 };

static FILE *out;
static int monitor;
static unsigned long left;      /* packets still to write */
static uint64_t ts = 0x00E03AB44A676000ull; /* 2024-01-01 in btsnoop time (us since 0 AD) */
static uint32_t rng = 0x2545F491u;

static uint32_t rnd(void) /* xorshift32 */
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

/* One HCI packet; dir 0 host to controller, 1 controller to host. */
static void emit(unsigned type, int dir, const uint8_t *p, size_t n, unsigned dt_us)
{
    uint8_t h[24];
    uint32_t flags, len = (uint32_t)n + (monitor ? 0 : 1);
    if (!left)
        return;
    left--;
    ts += dt_us;
    if (monitor) {
        static const uint8_t op[6][2] = { { 0, 0 }, { 2, 2 }, { 4, 5 }, { 0, 0 }, { 3, 3 }, { 18, 19 } };
        flags = op[type][dir]; /* controller index 0 in the top half */
    } else {
        flags = (uint32_t)dir | (type == CMD || type == EVT ? 2u : 0u);
    }
    be32(h, len);
    be32(h + 4, len);
    be32(h + 8, flags);
    be32(h + 12, 0);
    be32(h + 16, (uint32_t)(ts >> 32));
    be32(h + 20, (uint32_t)ts);
    fwrite(h, 1, sizeof h, out);
    if (!monitor)
        fputc((int)type, out);
    fwrite(p, 1, n, out);
}

/* ---- packet builders: a buffer and a length ---- */

static uint8_t pk[1100];
static size_t pn;

static void u8(unsigned v) { pk[pn++] = (uint8_t)v; }
static void u16(unsigned v) { u8(v & 0xFF), u8((v >> 8) & 0xFF); }
static void u24(uint32_t v) { u16(v & 0xFFFF), u8(v >> 16); }
static void bytes(const uint8_t *p, size_t n) { memcpy(pk + pn, p, n), pn += n; }
static void fill(size_t n) { while (n--) u8(rnd()); }

static void cmd(unsigned opcode, const uint8_t *params, size_t n)
{
    uint8_t b[258];
    b[0] = (uint8_t)opcode, b[1] = (uint8_t)(opcode >> 8), b[2] = (uint8_t)n;
    if (n)
        memcpy(b + 3, params, n);
    emit(CMD, 0, b, n + 3, 150);
}

static void evt(unsigned code, const uint8_t *params, size_t n, unsigned dt)
{
    uint8_t b[260];
    b[0] = (uint8_t)code, b[1] = (uint8_t)n;
    memcpy(b + 2, params, n);
    emit(EVT, 1, b, n + 2, dt);
}

/* Command Complete with return parameters, or Command Status (ret NULL) */
static void cc(unsigned opcode, const uint8_t *ret, size_t n)
{
    uint8_t b[64];
    b[0] = 1, b[1] = (uint8_t)opcode, b[2] = (uint8_t)(opcode >> 8);
    if (n)
        memcpy(b + 3, ret, n);
    evt(0x0E, b, n + 3, 80);
}
static void cs(unsigned opcode)
{
    uint8_t b[4] = { 0, 1, 0, 0 };
    b[2] = (uint8_t)opcode, b[3] = (uint8_t)(opcode >> 8);
    evt(0x0F, b, 4, 80);
}
static void cmd_ok(unsigned opcode, const uint8_t *params, size_t n)
{
    static const uint8_t ok = 0;
    cmd(opcode, params, n);
    cc(opcode, &ok, 1);
}

/* an ACL packet; pb: 0 first non-flushable (host), 1 continuation, 2 first flushable */
static void acl(int dir, unsigned handle, unsigned pb, const uint8_t *p, size_t n, unsigned dt)
{
    uint8_t b[260];
    b[0] = (uint8_t)handle, b[1] = (uint8_t)(((handle >> 8) & 0x0F) | (pb << 4));
    b[2] = (uint8_t)n, b[3] = (uint8_t)(n >> 8);
    memcpy(b + 4, p, n);
    emit(ACL, dir, b, n + 4, dt);
}

/* one L2CAP PDU, cut into ACL packets of at most frag octets */
static void l2cap(int dir, unsigned handle, unsigned cid, const uint8_t *p, size_t n, size_t frag, unsigned dt)
{
    uint8_t b[1100];
    size_t pos = 0, total = n + 4;
    b[0] = (uint8_t)n, b[1] = (uint8_t)(n >> 8), b[2] = (uint8_t)cid, b[3] = (uint8_t)(cid >> 8);
    memcpy(b + 4, p, n);
    while (pos < total) {
        size_t k = total - pos < frag ? total - pos : frag;
        acl(dir, handle, pos ? 1 : dir ? 2 : 0, b + pos, k, pos ? 20 : dt);
        pos += k;
    }
}

static void att(int dir, unsigned handle)
{
    l2cap(dir, handle, 0x0004, pk, pn, 251, dir ? 600 : 200);
}

static void nocp(unsigned handle, unsigned count)
{
    uint8_t b[5];
    b[0] = 1, b[1] = (uint8_t)handle, b[2] = (uint8_t)(handle >> 8), b[3] = (uint8_t)count, b[4] = 0;
    evt(0x13, b, 5, 300);
}

/* ---- the scenario ---- */

static uint8_t addr[6];

static void new_addr(void)
{
    int i;
    for (i = 0; i < 6; i++)
        addr[i] = (uint8_t)rnd();
    addr[5] |= 0xC0; /* a static random address */
}

/* advertising data: flags, a name, 16-bit UUIDs, manufacturer data */
static size_t make_ad(uint8_t *b, size_t max)
{
    static const char *names[] = { "Thermo", "HR Strap", "Earbud L", "Earbud R", "Lamp", "Tag" };
    const char *nm = names[rnd() % 6];
    size_t n = 0, l = strlen(nm), m;
    b[n++] = 2, b[n++] = 0x01, b[n++] = 0x06;
    b[n++] = (uint8_t)(l + 1), b[n++] = 0x09;
    memcpy(b + n, nm, l), n += l;
    b[n++] = 5, b[n++] = 0x03, b[n++] = 0x0F, b[n++] = 0x18, b[n++] = 0x4E, b[n++] = 0x18;
    m = max - n - 2 < 12 ? max - n - 2 : 4 + rnd() % 9;
    b[n++] = (uint8_t)(m + 1), b[n++] = 0xFF;
    while (m--)
        b[n++] = (uint8_t)rnd();
    return n;
}

static void scan(unsigned reports)
{
    static const uint8_t scan_params[] = { 0x01, 0x60, 0x00, 0x30, 0x00, 0x01, 0x00 };
    static const uint8_t enable[] = { 0x01, 0x00 }, disable[] = { 0x00, 0x00 };
    unsigned i;
    cmd_ok(0x200B, scan_params, sizeof scan_params);
    cmd_ok(0x200C, enable, sizeof enable);
    for (i = 0; i < reports; i++) {
        uint8_t ad[229];
        size_t adl;
        if (i % 8 == 0)
            new_addr();
        pn = 0;
        if (i % 3 != 2) { /* legacy: ADV_IND or SCAN_RSP */
            adl = make_ad(ad, 31);
            u8(0x02), u8(1), u8(i % 2 ? 0x04 : 0x00), u8(1), bytes(addr, 6), u8((unsigned)adl), bytes(ad, adl);
            u8(0xC0 + rnd() % 32);
        } else { /* extended: connectable on LE 1M, or non-connectable on LE 2M with a longer payload */
            int conn = rnd() % 2;
            adl = make_ad(ad, conn ? 31 : 60 + rnd() % 120);
            u8(0x0D), u8(1), u16(conn ? 0x0013 : 0x0000), u8(1), bytes(addr, 6);
            u8(1), u8(conn ? 0 : 2), u8(conn ? 0xFF : rnd() % 16), u8(0x7F), u8(0xC0 + rnd() % 32);
            u16(0), u8(0), memset(pk + pn, 0, 6), pn += 6;
            u8((unsigned)adl), bytes(ad, adl);
        }
        evt(0x3E, pk, pn, 700 + rnd() % 1500);
    }
    cmd_ok(0x200C, disable, sizeof disable);
}

static void connect(unsigned h)
{
    pn = 0;
    u16(0x0060), u16(0x0030), u8(0), u8(1), bytes(addr, 6), u8(0);
    u16(0x0018), u16(0x0028), u16(0), u16(0x01F4), u16(0), u16(0);
    cmd(0x200D, pk, pn);
    cs(0x200D);
    pn = 0;
    u8(0x01), u8(0), u16(h), u8(0), u8(1), bytes(addr, 6), u16(0x0024), u16(0), u16(0x01F4), u8(0);
    evt(0x3E, pk, pn, 30000);
}

static void discover(unsigned h)
{
    unsigned i, n;
    pn = 0, u8(0x02), u16(247), att(0, h);
    pn = 0, u8(0x03), u16(247), att(1, h);
    pn = 0, u8(0x10), u16(1), u16(0xFFFF), u16(0x2800), att(0, h);
    pn = 0, u8(0x11), u8(6);
    for (i = 0; i < 6; i++)
        u16(1 + 10 * i), u16(10 + 10 * i), u16(0x1800 + i);
    att(1, h);
    pn = 0, u8(0x10), u16(61), u16(0xFFFF), u16(0x2800), att(0, h);
    pn = 0, u8(0x01), u8(0x10), u16(61), u8(0x0A), att(1, h);
    /* Read Using Characteristic UUID (Vol 3 Part G 4.8.2): the Device Name.
     * (Characteristic discovery by Read By Type of 0x2803 is left out: btmon
     * 5.66 crashes on that request.) */
    pn = 0, u8(0x08), u16(1), u16(10), u16(0x2A00), att(0, h);
    pn = 0, u8(0x09), u8(2 + 8), u16(3), bytes((const uint8_t *)"Sensor 1", 8), att(1, h);
    for (i = 0; i < 6; i++) { /* read the values of six characteristics */
        pn = 0, u8(0x0A), u16(3 + 3 * i), att(0, h);
        n = 1 + rnd() % 20;
        pn = 0, u8(0x0B), fill(n), att(1, h);
    }
    pn = 0, u8(0x04), u16(4), u16(5), att(0, h);
    pn = 0, u8(0x05), u8(1), u16(4), u16(0x2A37), u16(5), u16(0x2902), att(1, h);
    pn = 0, u8(0x12), u16(5), u16(0x0001), att(0, h);
    pn = 0, u8(0x13), att(1, h);
}

static void notifications(unsigned h, unsigned count)
{
    unsigned i;
    for (i = 0; i < count; i++) {
        pn = 0, u8(0x1B), u16(3 + 3 * (rnd() % 18)), fill(2 + rnd() % 20);
        att(1, h);
        if (i % 4 == 3) { /* a write command the other way, then its completion */
            pn = 0, u8(0x52), u16(6), fill(4), att(0, h);
            nocp(h, 1);
        }
    }
}

static void coc(unsigned h, unsigned sdus)
{
    uint8_t sdu[602], kf[250];
    unsigned i, id = 1 + rnd() % 200, scid = 0x0040 + rnd() % 32, dcid = 0x0041 + rnd() % 32;
    /* LE Credit Based Connection Request / Response (Vol 3 Part A 4.22, 4.23) */
    pn = 0, u8(0x14), u8(id), u16(10), u16(0x0080), u16(scid), u16(600), u16(247), u16(8);
    l2cap(0, h, 0x0005, pk, pn, 251, 400);
    pn = 0, u8(0x15), u8(id), u16(10), u16(dcid), u16(600), u16(247), u16(8), u16(0);
    l2cap(1, h, 0x0005, pk, pn, 251, 7500);
    for (i = 0; i < sdus; i++) {
        size_t len = 100 + rnd() % 500, pos = 0, first = 1;
        int dir = (int)(i % 2);
        size_t k;
        for (k = 0; k < len; k++)
            sdu[k] = (uint8_t)rnd();
        while (pos < len) { /* K-frames of MPS 247, the first with the SDU length */
            size_t room = first ? 245 : 247, m = len - pos < room ? len - pos : room, kn = 0;
            if (first)
                kf[kn++] = (uint8_t)len, kf[kn++] = (uint8_t)(len >> 8);
            memcpy(kf + kn, sdu + pos, m);
            kn += m;
            /* towards the controller: its 27-octet ACL buffers */
            l2cap(dir, h, dir ? scid : dcid, kf, kn, dir ? 251 : 27, 1200);
            pos += m;
            first = 0;
        }
        if (i % 4 == 3) { /* LE Flow Control Credit (4.24) */
            pn = 0, u8(0x16), u8(1 + rnd() % 200), u16(4), u16(dir ? dcid : scid), u16(4);
            l2cap(!dir, h, 0x0005, pk, pn, 251, 300);
        }
    }
}

static void cis(unsigned h, unsigned cig, unsigned sdus)
{
    unsigned c0 = 0x0100 + (rnd() % 64) * 2, c1 = c0 + 1, i;
    /* LE Set CIG Parameters (Vol 4 Part E 7.8.97): 10 ms, two CISes */
    pn = 0;
    u8(cig), u24(10000), u24(10000), u8(0), u8(0), u8(0), u16(10), u16(10), u8(2);
    for (i = 0; i < 2; i++)
        u8(i), u16(40), u16(i ? 40 : 0), u8(2), u8(2), u8(2), u8(2);
    cmd(0x2062, pk, pn);
    pn = 0, u8(0), u8(cig), u8(2), u16(c0), u16(c1), cc(0x2062, pk, pn);
    /* LE Create CIS (7.8.99) */
    pn = 0, u8(2), u16(c0), u16(h), u16(c1), u16(h);
    cmd(0x2064, pk, pn);
    cs(0x2064);
    for (i = 0; i < 2; i++) { /* LE CIS Established (7.7.65.25) */
        pn = 0;
        u8(0x19), u8(0), u16(i ? c1 : c0), u24(3500), u24(3500), u24(13500), u24(13500);
        u8(2), u8(2), u8(3), u8(1), u8(i), u8(2), u8(2), u16(40), u16(i ? 40 : 0), u16(8);
        evt(0x3E, pk, pn, 20000);
    }
    for (i = 0; i < 3; i++) { /* LE Setup ISO Data Path (7.8.109): LC3 over HCI */
        unsigned ch = i == 2 ? c1 : c0;
        pn = 0, u16(ch), u8(i == 1 ? 1 : 0), u8(0), u8(0x06), u16(0), u16(0), u24(0), u8(0);
        cmd(0x206E, pk, pn);
        pn = 0, u8(0), u16(ch), cc(0x206E, pk, pn);
    }
    for (i = 0; i < sdus; i++) {
        unsigned seq = i & 0xFFFF;
        /* towards the controller: 40-octet LC3 frames on both CISes, every
         * eighth one an SDU of 80 cut in two */
        if (i % 8 == 7) {
            pn = 0, u16(c0 | 0x0000), u16(4 + 40), u16(seq), u16(80), fill(40);
            emit(ISO, 0, pk, pn, 100);
            pn = 0, u16(c0 | 0x3000), u16(40), fill(40);
            emit(ISO, 0, pk, pn, 100);
        } else {
            pn = 0, u16(c0 | 0x2000), u16(4 + 40), u16(seq), u16(40), fill(40);
            emit(ISO, 0, pk, pn, 100);
        }
        pn = 0, u16(c1 | 0x2000), u16(4 + 40), u16(seq), u16(40), fill(40);
        emit(ISO, 0, pk, pn, 100);
        /* from the controller: time-stamped SDUs, now and then lost */
        pn = 0, u16(c1 | 0x6000), u16(0); /* the length is set below */
        {
            uint32_t t = (uint32_t)ts;
            u16(t & 0xFFFF), u16(t >> 16);
        }
        if (i % 50 == 49)
            u16(seq), u16(0x8000); /* lost: no data */
        else
            u16(seq), u16(40), fill(40);
        pk[2] = (uint8_t)(pn - 4), pk[3] = 0;
        emit(ISO, 1, pk, pn, 9700);
        if (i % 6 == 5) {
            uint8_t b[9];
            b[0] = 2, b[1] = (uint8_t)c0, b[2] = (uint8_t)(c0 >> 8), b[3] = 6, b[4] = 0;
            b[5] = (uint8_t)c1, b[6] = (uint8_t)(c1 >> 8), b[7] = 6, b[8] = 0;
            evt(0x13, b, 9, 200);
        }
    }
    /* the CISes end with the link */
}

static void disconnect(unsigned h)
{
    pn = 0, u16(h), u8(0x13), cmd(0x0406, pk, pn);
    cs(0x0406);
    pn = 0, u8(0), u16(h), u8(0x16), evt(0x05, pk, pn, 40000);
}

int main(int argc, char **argv)
{
    uint8_t h[16];
    unsigned cycle = 0;
    int a = 1;
    if (argc > 1 && !strcmp(argv[1], "-m"))
        monitor = 1, a++;
    if (argc != a + 2 || !(left = strtoul(argv[a], 0, 10))) {
        fprintf(stderr, "usage: tracegen [-m] COUNT FILE\n");
        return 2;
    }
    out = fopen(argv[a + 1], "wb");
    if (!out) {
        perror(argv[a + 1]);
        return 1;
    }
    memcpy(h, "btsnoop\0", 8);
    be32(h + 8, 1);
    be32(h + 12, monitor ? 2001 : 1002);
    fwrite(h, 1, sizeof h, out);
    cmd_ok(0x0C03, 0, 0); /* HCI_Reset */
    while (left) {
        unsigned handle = 0x0040 + cycle % 8;
        scan(250 + rnd() % 150);
        connect(handle);
        discover(handle);
        notifications(handle, 200 + rnd() % 100);
        coc(handle, 20 + rnd() % 20);
        cis(handle, cycle % 16, 200 + rnd() % 150);
        disconnect(handle);
        cycle++;
    }
    if (fclose(out)) {
        perror(argv[a + 1]);
        return 1;
    }
    return 0;
}
