/* make bench: micro-benchmarks of the kit's hot paths. Each prints one line
 * "name ns/op MB/s": the median of 7 timed runs of many iterations, MB/s over
 * the PDU octets processed (0 where a benchmark moves no PDU octets).
 * SPDX-License-Identifier: Apache-2.0
 */
#define _POSIX_C_SOURCE 199309L
#define BLE_IMPLEMENTATION
#define DEMO_TABLE_IMPLEMENTATION
#include "demo_table.h"

#include <stdio.h>
#include <time.h>

#define RUNS 7

static volatile uint32_t sink;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#include <stdlib.h>

typedef void (*bench_fn)(long iters);

static void bench(const char *name, bench_fn fn, long iters, size_t bytes_per_op)
{
    double t[RUNS], ns;
    int i;
    fn(iters / 10); /* warm up */
    for (i = 0; i < RUNS; i++) {
        double t0 = now_ns();
        fn(iters);
        t[i] = (now_ns() - t0) / (double)iters;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    ns = t[RUNS / 2];
    printf("%-32s %10.1f ns/op %10.1f MB/s\n", name, ns,
           bytes_per_op ? (double)bytes_per_op / ns * 1e3 : 0.0);
}

static const uint8_t v_cig[] = {
    0x00, 0x10, 0x27, 0x00, 0x10, 0x27, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x0a, 0x00,
    0x02, 0x00, 0x28, 0x00, 0x28, 0x00, 0x02, 0x02, 0x02, 0x02,
    0x01, 0x28, 0x00, 0x28, 0x00, 0x02, 0x02, 0x02, 0x02,
};
static const uint8_t v_adv_params[] = {
    0x00, 0x08, 0x00, 0x08, 0x00, 0x00, 0x00, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x07, 0x00,
};

/* read through a volatile pointer so the compiler cannot fold the input */
static const uint8_t *volatile input_adv_params = v_adv_params;

static void b_reader(long n)
{
    struct ble_rd r;
    uint32_t acc = 0;
    while (n--) {
        ble_rd_init(&r, input_adv_params, sizeof v_adv_params);
        acc += ble_rd_u16(&r);
        acc += ble_rd_u16(&r);
        acc += ble_rd_u8(&r);
        acc += ble_rd_u8(&r);
        acc += ble_rd_u8(&r);
        acc += (uint32_t)ble_rd_view(&r, 6).len;
        acc += ble_rd_u8(&r);
        acc += ble_rd_u8(&r);
        acc += (uint32_t)ble_rd_end(&r);
    }
    sink = acc;
}

static void b_decode_adv_params(long n)
{
    struct demo_set_adv_params p;
    while (n--) {
        demo_set_adv_params_decode(v_adv_params, sizeof v_adv_params, &p);
        sink += p.adv_interval_min;
    }
}

static void b_decode_cig(long n)
{
    struct demo_set_cig_params p;
    while (n--) {
        demo_set_cig_params_decode(v_cig, sizeof v_cig, &p);
        sink += (uint32_t)p.cis.n;
    }
}

static void b_encode_cig(long n)
{
    struct demo_set_cig_params p;
    uint8_t out[64];
    demo_set_cig_params_decode(v_cig, sizeof v_cig, &p);
    while (n--)
        sink += (uint32_t)demo_set_cig_params_encode(&p, out, sizeof out);
}

static void b_print_cig(long n)
{
    struct demo_set_cig_params p;
    char buf[512];
    struct ble_str s;
    demo_set_cig_params_decode(v_cig, sizeof v_cig, &p);
    while (n--) {
        ble_str_init(&s, buf, sizeof buf);
        ble_pdu_print(&demo_descs[DEMO_IDX_SET_CIG_PARAMS], &p, &s, 0);
        sink += (uint32_t)s.len;
    }
}

static void b_queue(long n)
{
    uint32_t store[8], v = 0;
    struct ble_queue q;
    ble_queue_init(&q, store, sizeof store[0], 8);
    while (n--) {
        ble_queue_push(&q, &v);
        ble_queue_pop(&q, &v);
        v++;
    }
    sink = v;
}

static void b_find(long n)
{
    static const uint16_t codes[] = { 0x0C03, 0x2062, 0x3E02, 0xFC00, 0x2007 };
    unsigned i = 0;
    while (n--)
        sink += ble_pdu_find(demo_descs, DEMO_COUNT, codes[i++ % 5]) != 0;
}

/* ---- layers ---- */

static uint8_t h4_stream[64 * 1024];
static size_t h4_len;

static void make_h4_stream(void)
{
    /* Number Of Completed Packets, an ACL packet of 27 octets, an ISO SDU of 40 */
    static const uint8_t nocp[] = { 0x04, 0x13, 0x05, 0x01, 0x40, 0x00, 0x01, 0x00 };
    uint8_t acl[1 + 4 + 27], iso[1 + 8 + 40];
    ble_memset(acl, 0x11, sizeof acl);
    ble_memcpy(acl, "\x02\x40\x20\x1b\x00\x17\x00\x04\x00", 9);
    ble_memset(iso, 0x22, sizeof iso);
    ble_memcpy(iso, "\x05\x01\x21\x2c\x00\x05\x00\x28\x00", 9);
    while (h4_len + sizeof nocp + sizeof acl + sizeof iso <= sizeof h4_stream) {
        ble_memcpy(h4_stream + h4_len, nocp, sizeof nocp), h4_len += sizeof nocp;
        ble_memcpy(h4_stream + h4_len, acl, sizeof acl), h4_len += sizeof acl;
        ble_memcpy(h4_stream + h4_len, iso, sizeof iso), h4_len += sizeof iso;
    }
}

/* one op = the whole 64 KiB stream framed, fed in 512-octet reads */
static void b_h4(long n)
{
    static uint8_t store[300];
    while (n--) {
        struct ble_h4 h;
        size_t pos = 0;
        ble_h4_init(&h, store, sizeof store);
        while (pos < h4_len) {
            size_t end = pos + 512 < h4_len ? pos + 512 : h4_len;
            while (pos < end) {
                size_t used;
                ble_h4_push(&h, h4_stream + pos, end - pos, &used);
                pos += used;
            }
        }
        sink += h.stats.packets;
    }
}

static const uint8_t ev_cc[] = { 0x0e, 0x0a, 0x01, 0x01, 0x10, 0x00, 0x0d, 0x34, 0x12, 0x0d, 0x59, 0x00 };
static uint8_t ev_ext[255];
static size_t ev_ext_len;

/* LE Extended Advertising Report with one report carrying 10 AD structures */
static void make_ext_report(void)
{
    size_t n = 0, i;
    ev_ext[n++] = 0x3e;
    n++; /* length, below */
    ev_ext[n++] = 0x0d;
    ev_ext[n++] = 0x01;
    ev_ext[n++] = 0x13, ev_ext[n++] = 0x00;
    ev_ext[n++] = 0x01;
    for (i = 0; i < 6; i++)
        ev_ext[n++] = (uint8_t)i;
    ev_ext[n++] = 0x01, ev_ext[n++] = 0x00, ev_ext[n++] = 0xff, ev_ext[n++] = 0x7f, ev_ext[n++] = 0xc4;
    ev_ext[n++] = 0x00, ev_ext[n++] = 0x00, ev_ext[n++] = 0x00;
    for (i = 0; i < 6; i++)
        ev_ext[n++] = 0;
    ev_ext[n++] = 10 * 4;
    for (i = 0; i < 10; i++)
        ev_ext[n++] = 3, ev_ext[n++] = 0x16, ev_ext[n++] = (uint8_t)i, ev_ext[n++] = 0x18;
    ev_ext[1] = (uint8_t)(n - 2);
    ev_ext_len = n;
}

static void b_evt_cc(long n)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params u;
    while (n--) {
        ble_hci_evt_packet(ev_cc, sizeof ev_cc, &pkt);
        ble_pdu_decode(ble_hci_evt_desc(pkt.code), pkt.params.p, pkt.params.len, &u);
        sink += u.command_complete.command_opcode;
    }
}

static void b_evt_ext_report(long n)
{
    struct ble_hci_evt_pkt pkt;
    union ble_hci_evt_params u;
    union ble_hci_le_evt_params le;
    while (n--) {
        ble_hci_evt_packet(ev_ext, ev_ext_len, &pkt);
        ble_pdu_decode(ble_hci_evt_desc(pkt.code), pkt.params.p, pkt.params.len, &u);
        ble_pdu_decode(ble_hci_le_evt_desc(u.le_meta.subevent_code), u.le_meta.parameters.p,
                       u.le_meta.parameters.len, &le);
        sink += (uint32_t)le.ext_adv_report.reports.n;
    }
}

/* one op = a 247-octet PDU cut into 27-octet ACL packets and gathered back */
static void b_l2cap(long n)
{
    static uint8_t payload[247], store[260], pkts[10][31];
    static int lens[10];
    static int count;
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slot;
    int i;
    if (!count) {
        struct ble_l2cap_tx tx;
        ble_l2cap_tx_init(&tx, 0x40, 0x0040, ble_view_make(payload, sizeof payload), 27);
        while ((lens[count] = ble_l2cap_tx_next(&tx, pkts[count], sizeof pkts[0])) > 0)
            pkts[count][1] |= 0x20, count++; /* delivered as PB 10 */
    }
    ble_l2cap_rx_init(&rx, &slot, 1);
    ble_l2cap_rx_attach(&rx, 0x40, store, sizeof store);
    while (n--)
        for (i = 0; i < count; i++) {
            struct ble_hci_acl a;
            struct ble_l2cap_pdu pdu;
            ble_hci_acl_decode(pkts[i], (size_t)lens[i], &a);
            if (ble_l2cap_rx_push(&rx, &a, &pdu) == BLE_OK)
                sink += (uint32_t)pdu.payload.len;
        }
}

/* one op = a 120-octet SDU cut into ISO packets of 32 and gathered back */
static void b_iso(long n)
{
    static uint8_t sdu[120], store[128], pkt[40];
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    uint16_t seq = 0;
    ble_iso_rx_init(&rx, &slot, 1);
    ble_iso_rx_attach(&rx, 0x101, store, sizeof store);
    while (n--) {
        struct ble_iso_tx tx;
        struct ble_iso_sdu out;
        int m;
        ble_iso_tx_init(&tx, 0x101, 32, seq++, 0, 0, ble_view_make(sdu, sizeof sdu));
        while ((m = ble_iso_tx_next(&tx, pkt, sizeof pkt)) > 0)
            if (ble_iso_rx_push(&rx, pkt, (size_t)m, &out) == BLE_OK)
                sink += (uint32_t)out.data.len;
    }
}

static void b_att_decode(long n)
{
    static const uint8_t rbgt[] = { 0x10, 0x01, 0x00, 0xff, 0xff, 0x00, 0x28 };
    struct ble_att_pdu pdu;
    while (n--) {
        ble_att_decode(rbgt, sizeof rbgt, &pdu);
        sink += pdu.opcode;
    }
}

static uint8_t cmac_msg[1024];

static void b_cmac(long n)
{
    static const uint8_t key[16] = { 1 };
    uint8_t mac[16];
    while (n--) {
        ble_aes_cmac(key, cmac_msg, sizeof cmac_msg, mac);
        sink += mac[0];
    }
}

static void b_aes(long n)
{
    static const uint8_t key[16] = { 1 };
    struct ble_aes128 a;
    uint8_t block[16] = { 0 };
    ble_aes128_init(&a, key);
    while (n--)
        ble_aes128_encrypt(&a, block, block);
    sink += block[0];
}

int main(void)
{
    make_h4_stream();
    make_ext_report();
    bench("H4 framing, 64 KiB mixed stream", b_h4, 2000, h4_len);
    bench("HCI Command Complete decode", b_evt_cc, 2000000, sizeof ev_cc);
    bench("HCI LE Ext Adv Report, 10 AD", b_evt_ext_report, 1000000, ev_ext_len);
    bench("L2CAP 247-octet PDU, 27-octet ACL", b_l2cap, 200000, 247);
    bench("ISO 120-octet SDU, 32-octet packets", b_iso, 500000, 120);
    bench("ATT Read By Group Type Req decode", b_att_decode, 2000000, 7);
    bench("reader: 8 fields (15 octets)", b_reader, 2000000, sizeof v_adv_params);
    bench("decode: 15-octet fixed PDU", b_decode_adv_params, 2000000, sizeof v_adv_params);
    bench("decode: CIG params, 2 CIS", b_decode_cig, 1000000, sizeof v_cig);
    bench("encode: CIG params, 2 CIS", b_encode_cig, 1000000, sizeof v_cig);
    bench("print: CIG params, 2 CIS", b_print_cig, 200000, sizeof v_cig);
    bench("queue: push + pop", b_queue, 5000000, 0);
    bench("table lookup by code", b_find, 5000000, 0);
    bench("AES-128 block (expanded key)", b_aes, 1000000, 16);
    bench("AES-CMAC, 1 KiB message", b_cmac, 20000, sizeof cmac_msg);
    return 0;
}
