/* make bench: micro-benchmarks of the kit's hot paths. Each prints one line
 * "name ns/op MB/s": the median of 7 timed runs of many iterations, MB/s over
 * the PDU octets processed (0 where a benchmark moves no PDU octets).
 *
 * build/bench --iterations N [--only TEXT]: each benchmark (or only those
 * whose name contains TEXT) runs once, exactly N iterations, without warm-up,
 * so that an instruction count does not depend on the clock:
 *     valgrind --tool=callgrind --callgrind-out-file=cg.out build/bench --iterations 1000
 *     callgrind_annotate --inclusive=yes cg.out | grep ' b_'
 * gives each benchmark's function b_<name> with its instructions; divided by
 * N, the instructions per operation (test/bench_ir.sh prints that table).
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
#include <string.h>

typedef void (*bench_fn)(long iters);

/* --iterations N: one run of exactly N iterations; --only TEXT: a filter */
#define BENCH(name, fn, iters, bytes) bench(name, #fn, fn, iters, bytes)
static long fixed_iters;
static const char *only;

static void bench(const char *name, const char *fn_name, bench_fn fn, long iters, size_t bytes_per_op)
{
    double t[RUNS], ns;
    int i;
    if (only && !strstr(name, only))
        return;
    if (fixed_iters) {
        double t0 = now_ns();
        fn(fixed_iters);
        ns = (now_ns() - t0) / (double)fixed_iters;
        printf("%-36s %10.1f ns/op  %s, one run of %ld\n", name, ns, fn_name, fixed_iters);
        return;
    }
    fn(iters / 10); /* warm up */
    for (i = 0; i < RUNS; i++) {
        double t0 = now_ns();
        fn(iters);
        t[i] = (now_ns() - t0) / (double)iters;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    ns = t[RUNS / 2];
    printf("%-36s %10.1f ns/op %10.1f MB/s\n", name, ns,
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

/* one op = the whole 64 KiB stream framed, one push per packet (a transport
 * that delivers whole packets) */
static void b_h4_whole(long n)
{
    static uint8_t store[300];
    while (n--) {
        struct ble_h4 h;
        size_t pos = 0, used;
        ble_h4_init(&h, store, sizeof store);
        while (pos < h4_len) {
            /* indicator, header and payload in one call */
            size_t len = 1 + ble_h4_header_len(h4_stream[pos]);
            len += h4_stream[pos] == BLE_H4_EVT ? h4_stream[pos + 2] : ble_get_le16(h4_stream + pos + 3) & 0x3FFFu;
            ble_h4_push(&h, h4_stream + pos, len, &used);
            pos += used;
        }
        sink += h.stats.packets;
    }
}

/* one op = the whole 64 KiB stream framed, one octet per push (a UART
 * receive interrupt) */
static void b_h4_bytes(long n)
{
    static uint8_t store[300];
    while (n--) {
        struct ble_h4 h;
        size_t pos, used;
        ble_h4_init(&h, store, sizeof store);
        for (pos = 0; pos < h4_len; pos++)
            ble_h4_push(&h, h4_stream + pos, 1, &used);
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

/* one op = the 10 AD structures of the extended report walked */
static void b_ad_iter(long n)
{
    const uint8_t *ad = ev_ext + ev_ext_len - 40;
    while (n--) {
        struct ble_gap_ad_it it;
        struct ble_gap_ad_struct st;
        ble_gap_ad_it_init(&it, ad, 40);
        while (ble_gap_ad_next(&it, &st) == 1)
            sink += st.type;
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

/* one op = a 120-octet SDU cut into ISO packets of 32 octets of data */
static void b_iso_tx(long n)
{
    static uint8_t sdu[120], pkt[40];
    uint16_t seq = 0;
    while (n--) {
        struct ble_iso_tx tx;
        int m;
        ble_iso_tx_init(&tx, 0x101, 32, seq++, 0, 0, ble_view_make(sdu, sizeof sdu));
        while ((m = ble_iso_tx_next(&tx, pkt, sizeof pkt)) > 0)
            sink += pkt[(size_t)m - 1];
    }
}

/* one op = those ISO packets gathered back into the SDU */
static void b_iso_rx(long n)
{
    static uint8_t sdu[120], store[128], pkts[8][40];
    static int lens[8];
    static int count;
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slot;
    int i;
    if (!count) {
        struct ble_iso_tx tx;
        ble_iso_tx_init(&tx, 0x101, 32, 7, 0, 0, ble_view_make(sdu, sizeof sdu));
        while ((lens[count] = ble_iso_tx_next(&tx, pkts[count], sizeof pkts[0])) > 0)
            count++;
    }
    ble_iso_rx_init(&rx, &slot, 1);
    ble_iso_rx_attach(&rx, 0x101, store, sizeof store);
    while (n--)
        for (i = 0; i < count; i++) {
            struct ble_iso_sdu out;
            if (ble_iso_rx_push(&rx, pkts[i], (size_t)lens[i], &out) == BLE_OK)
                sink += (uint32_t)out.data.len;
        }
}

/* ---- GATT server: 200 attributes, 20 services of 10 ----
 * each service: declaration; a readable constant; a read/write value in RAM;
 * a notifying value with its CCCD; a readable name */
#define SRV_N 20
#define DB_N (SRV_N * 10)
#define DB_MTU 247
static struct ble_gatt_attr db[DB_N];
static struct ble_gatt_buf db_ram[SRV_N];
static uint8_t db_ram_v[SRV_N][8];
static const uint8_t db_const[4] = { 1, 2, 3, 4 };
static const uint8_t db_name[6] = { 'S', 'e', 'n', 's', 'o', 'r' };
static struct {
    struct ble_gatt_srv srv;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(DB_MTU)];
    uint16_t cccd[SRV_N];
    struct ble_gatt_srv_event events[4];
} gs;

static void make_db(void)
{
    static const struct ble_gatt_attr svc = BLE_GATT_PRIMARY_SERVICE(0x1800);
    static const struct ble_gatt_attr c1[] = { BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ,
                                                                       BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(db_const)) };
    static const struct ble_gatt_attr c3[] = { BLE_GATT_CHARACTERISTIC(0x2A02, BLE_GATT_PROP_NOTIFY, 0,
                                                                       BLE_GATT_VAL_NONE),
                                               BLE_GATT_CCCD(BLE_GATT_PERM_WRITE) };
    static const struct ble_gatt_attr c4[] = { BLE_GATT_CHARACTERISTIC(0x2A03, BLE_GATT_PROP_READ,
                                                                       BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(db_name)) };
    struct ble_gatt_srv_cfg cfg;
    size_t i, k = 0;
    for (i = 0; i < SRV_N; i++) {
        struct ble_gatt_attr c2[] = { BLE_GATT_CHARACTERISTIC(0x2A01, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE,
                                                              BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE,
                                                              BLE_GATT_VAL_RAM(&db_ram[i], (uint16_t)i)) };
        db_ram[i].p = db_ram_v[i], db_ram[i].len = 4, db_ram[i].cap = sizeof db_ram_v[i];
        db[k] = svc, db[k++].uuid16 = (uint16_t)(0x1800 + i);
        db[k++] = c1[0], db[k++] = c1[1];
        db[k++] = c2[0], db[k++] = c2[1];
        db[k++] = c3[0], db[k++] = c3[1], db[k++] = c3[2];
        db[k++] = c4[0], db[k++] = c4[1];
    }
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = DB_N;
    cfg.mtu_max = DB_MTU;
    cfg.buf = gs.buf;
    cfg.buf_len = sizeof gs.buf;
    cfg.cccd = gs.cccd;
    cfg.cccd_n = SRV_N;
    cfg.events = gs.events;
    cfg.events_n = 4;
    if (ble_gatt_srv_init(&gs.srv, &cfg) != BLE_OK) {
        fprintf(stderr, "bench: the 200-attribute database does not check\n");
        exit(1);
    }
}

/* one request through ble_gatt_srv_on_pdu and its response pulled */
static void att_req(const uint8_t *req, size_t len, long n)
{
    uint8_t out[DB_MTU];
    struct ble_gatt_srv_event ev;
    while (n--) {
        ble_gatt_srv_on_pdu(&gs.srv, 0, req, len);
        sink += (uint32_t)ble_gatt_srv_poll_tx(&gs.srv, out, sizeof out);
        while (ble_gatt_srv_poll_event(&gs.srv, &ev) == BLE_OK)
            sink += ev.type;
    }
}

/* primary services over the whole range: all 20 in one response */
static const uint8_t q_rbgt[] = { 0x10, 0x01, 0x00, 0xff, 0xff, 0x00, 0x28 };
/* characteristic declarations over the whole range: 35 in one response */
static const uint8_t q_rbt[] = { 0x08, 0x01, 0x00, 0xff, 0xff, 0x03, 0x28 };
/* handles and types over the whole range: 61 in one response */
static const uint8_t q_fi[] = { 0x04, 0x01, 0x00, 0xff, 0xff };
/* the constant value of the last service (handle 193) */
static const uint8_t q_read[] = { 0x0a, 0xc1, 0x00 };
/* 4 octets into the RAM value of the last service (handle 195) */
static const uint8_t q_write[] = { 0x12, 0xc3, 0x00, 0xde, 0xad, 0xbe, 0xef };

/* the request is answered with its response of exactly len octets: the
 * benchmark measures real work, not an error path */
static void att_expect(const uint8_t *req, size_t len, uint8_t rsp_op, int rsp_len)
{
    uint8_t out[DB_MTU];
    struct ble_gatt_srv_event ev;
    int m;
    ble_gatt_srv_on_pdu(&gs.srv, 0, req, len);
    m = ble_gatt_srv_poll_tx(&gs.srv, out, sizeof out);
    while (ble_gatt_srv_poll_event(&gs.srv, &ev) == BLE_OK)
        ;
    if (m != rsp_len || out[0] != rsp_op) {
        fprintf(stderr, "bench: ATT request 0x%02x answered 0x%02x, %d octets\n", req[0], out[0], m);
        exit(1);
    }
}

static void b_gatt_rbgt(long n) { att_req(q_rbgt, sizeof q_rbgt, n); }
static void b_gatt_rbt(long n) { att_req(q_rbt, sizeof q_rbt, n); }
static void b_gatt_fi(long n) { att_req(q_fi, sizeof q_fi, n); }
static void b_gatt_read(long n) { att_req(q_read, sizeof q_read, n); }
static void b_gatt_write(long n) { att_req(q_write, sizeof q_write, n); }

/* ---- ASCS: a Config Codec for a Sink and a Source ASE, accepted ---- */
static struct {
    struct ble_ascs srv;
    struct ble_ascs_conn conns[1];
    struct ble_ascs_notify nq[8];
    struct ble_ascs_event eq[8];
} as;

static void make_ascs(void)
{
    static const uint8_t dirs[2] = { BLE_ASCS_DIR_SINK, BLE_ASCS_DIR_SOURCE };
    struct ble_ascs_cfg cfg;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.dirs = dirs;
    cfg.n_ases = 2;
    cfg.conns = as.conns;
    cfg.n_conns = 1;
    cfg.notify = as.nq;
    cfg.notify_cap = 8;
    cfg.events = as.eq;
    cfg.event_cap = 8;
    if (ble_ascs_init(&as.srv, &cfg) != BLE_OK || ble_ascs_acl_connected(&as.srv, 0x40) != BLE_OK) {
        fprintf(stderr, "bench: ASCS setup failed\n");
        exit(1);
    }
}

/* one op = the Control Point write, both DECIDE events answered, the Control
 * Point response and both ASE notifications pulled (BAP 1.0 5.1, ASCS 5.1) */
static void ascs_config_codec(long n)
{
    static const uint8_t w[] = {
        0x01, 0x02,
        0x01, 0x02, 0x02, 0x06, 0x00, 0x00, 0x00, 0x00, 0x0a,
        0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00,
        0x02, 0x02, 0x02, 0x06, 0x00, 0x00, 0x00, 0x00, 0x0a,
        0x02, 0x01, 0x03, 0x02, 0x02, 0x01, 0x03, 0x04, 0x28, 0x00,
    };
    struct ble_ascs_answer a;
    ble_memset(&a, 0, sizeof a);
    a.prefs.preferred_phy = 0x02;
    a.prefs.preferred_retransmission_number = 2;
    a.prefs.max_transport_latency = 10;
    a.prefs.presentation_delay_min = 20000;
    a.prefs.presentation_delay_max = 40000;
    while (n--) {
        struct ble_ascs_event ev;
        struct ble_ascs_notify_target to;
        uint8_t buf[64];
        int m;
        if (ble_ascs_on_cp_write(&as.srv, 0, 0x40, w, sizeof w) != BLE_OK)
            exit(1);
        while (ble_ascs_poll_event(&as.srv, &ev) == BLE_OK)
            if (ev.type == BLE_ASCS_EV_DECIDE)
                ble_ascs_decide(&as.srv, 0, ev.conn, ev.ase_id, &a);
        while ((m = ble_ascs_poll_notify(&as.srv, &to, buf, sizeof buf)) > 0)
            sink += (uint32_t)m;
        while (ble_ascs_poll_event(&as.srv, &ev) == BLE_OK)
            sink += ev.to;
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

/* the setup calls ascs_config_codec itself, so that b_ascs counts only the
 * benchmark's iterations */
static void b_ascs(long n) { ascs_config_codec(n); }

int main(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--iterations") && i + 1 < argc && (fixed_iters = atol(argv[i + 1])) > 0)
            i++;
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: bench [--iterations N] [--only TEXT]\n");
            return 2;
        }
    }
    make_h4_stream();
    make_ext_report();
    make_db();
    make_ascs();
    {
        /* ATT_MTU 247 for the server benchmarks */
        static const uint8_t mtu[] = { 0x02, DB_MTU, 0x00 };
        att_req(mtu, sizeof mtu, 1);
        att_expect(q_rbgt, sizeof q_rbgt, 0x11, 2 + 20 * 6);
        att_expect(q_rbt, sizeof q_rbt, 0x09, 2 + 35 * 7);
        att_expect(q_fi, sizeof q_fi, 0x05, 2 + 61 * 4);
        att_expect(q_read, sizeof q_read, 0x0b, 1 + 4);
        att_expect(q_write, sizeof q_write, 0x13, 1);
    }
    ascs_config_codec(1);
    if (ble_ascs_ase_state(&as.srv, 0x40, 1) != BLE_ASCS_STATE_CODEC_CONFIGURED ||
        ble_ascs_ase_state(&as.srv, 0x40, 2) != BLE_ASCS_STATE_CODEC_CONFIGURED) {
        fprintf(stderr, "bench: the Config Codec was not accepted\n");
        return 1;
    }
    BENCH("H4 framing, 64 KiB, whole packets", b_h4_whole, 2000, h4_len);
    BENCH("H4 framing, 64 KiB, 512-octet reads", b_h4, 2000, h4_len);
    BENCH("H4 framing, 64 KiB, byte at a time", b_h4_bytes, 200, h4_len);
    BENCH("HCI Command Complete decode", b_evt_cc, 2000000, sizeof ev_cc);
    BENCH("HCI LE Ext Adv Report, 10 AD", b_evt_ext_report, 1000000, ev_ext_len);
    BENCH("AD iteration, 10 structures", b_ad_iter, 2000000, 40);
    BENCH("L2CAP 247-octet PDU, 27-octet ACL", b_l2cap, 200000, 247);
    BENCH("ISO fragment 120-octet SDU by 32", b_iso_tx, 500000, 120);
    BENCH("ISO reassemble 120-octet SDU", b_iso_rx, 500000, 120);
    BENCH("GATT srv Read By Group Type, 200", b_gatt_rbgt, 100000, sizeof q_rbgt);
    BENCH("GATT srv Read By Type, 200", b_gatt_rbt, 100000, sizeof q_rbt);
    BENCH("GATT srv Find Information, 200", b_gatt_fi, 100000, sizeof q_fi);
    BENCH("GATT srv Read, 200", b_gatt_read, 500000, sizeof q_read);
    BENCH("GATT srv Write, 200", b_gatt_write, 500000, sizeof q_write);
    BENCH("ASCS Config Codec, 2 ASEs", b_ascs, 200000, 40);
    BENCH("ATT Read By Group Type Req decode", b_att_decode, 2000000, 7);
    BENCH("reader: 8 fields (15 octets)", b_reader, 2000000, sizeof v_adv_params);
    BENCH("decode: 15-octet fixed PDU", b_decode_adv_params, 2000000, sizeof v_adv_params);
    BENCH("decode: CIG params, 2 CIS", b_decode_cig, 1000000, sizeof v_cig);
    BENCH("encode: CIG params, 2 CIS", b_encode_cig, 1000000, sizeof v_cig);
    BENCH("print: CIG params, 2 CIS", b_print_cig, 200000, sizeof v_cig);
    BENCH("queue: push + pop", b_queue, 5000000, 0);
    BENCH("table lookup by code", b_find, 5000000, 0);
    BENCH("AES-128 block (expanded key)", b_aes, 1000000, 16);
    BENCH("AES-CMAC, 1 KiB message", b_cmac, 20000, sizeof cmac_msg);
    return 0;
}
