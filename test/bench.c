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

int main(void)
{
    bench("reader: 8 fields (15 octets)", b_reader, 2000000, sizeof v_adv_params);
    bench("decode: 15-octet fixed PDU", b_decode_adv_params, 2000000, sizeof v_adv_params);
    bench("decode: CIG params, 2 CIS", b_decode_cig, 1000000, sizeof v_cig);
    bench("encode: CIG params, 2 CIS", b_encode_cig, 1000000, sizeof v_cig);
    bench("print: CIG params, 2 CIS", b_print_cig, 200000, sizeof v_cig);
    bench("queue: push + pop", b_queue, 5000000, 0);
    bench("table lookup by code", b_find, 5000000, 0);
    return 0;
}
