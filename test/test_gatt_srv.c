/* Unit tests of the GATT server (layers/gatt.h, Core 6.0 Vol 3 Part G over
 * the ATT PDUs of Part F 3.4): a sample database built with the macros,
 * byte-exact request/response vectors for every request and error path,
 * discovery walked as a client would, long and prepared writes, CCCDs per
 * connection, indication flow control and the transaction timeout,
 * asynchronous hook replies, security levels, robust caching, MTU limits.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* ---- The sample database -------------------------------------------------- */

static const uint8_t device_name[] = { 'b', 'l', 'e', 'k', 'i', 't' };
static const uint8_t appearance[] = { 0x00, 0x00 };
static const uint8_t server_features[] = { BLE_GATT_SSF_EATT };
static const uint8_t level_format[] = { 0x04, 0x00, 0xAD, 0x27, 0x01, 0x00, 0x00 }; /* uint8, percent */
static const uint8_t long_desc[] = { 'L', 'o', 'n', 'g' };
static const uint8_t sc_value[] = { 0x5C };
static const uint8_t ext_props[] = { 0x00, 0x00 };
static const uint8_t secondary_value[] = { 0x07 };
/* 128-bit UUIDs, little-endian */
static const uint8_t uuid_svc[16] = { 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12,
                                      0x34, 0x12, 0x78, 0x56, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t uuid_long[16] = { 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12,
                                       0x34, 0x12, 0x78, 0x56, 0x02, 0x00, 0x00, 0x00 };
static const uint8_t db_hash[16] = { 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
                                     0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF };

static uint8_t level_mem[1];
static struct ble_gatt_buf level;
static uint8_t long_mem[100];
static struct ble_gatt_buf long_value;
static uint8_t secret_mem[4];
static struct ble_gatt_buf secret;
static uint8_t ind_mem[8];
static struct ble_gatt_buf ind_value;

#define H_NAME 3
#define H_SC 8
#define H_SC_CCCD 9
#define H_CSF 11
#define H_HASH 13
#define H_SSF 15
#define H_LEVEL 18
#define H_LEVEL_CCCD 19
#define H_LONG 24
#define H_HOOK 27
#define H_SECRET 29
#define H_SCONLY 31
#define H_IND 33
#define H_IND_CCCD 34

static const struct ble_gatt_attr db[] = {
    BLE_GATT_PRIMARY_SERVICE(0x1800), /* 1: GAP */
    BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(device_name)),
    BLE_GATT_CHARACTERISTIC(0x2A01, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(appearance)),
    BLE_GATT_PRIMARY_SERVICE(0x1801), /* 6: GATT */
    BLE_GATT_SERVICE_CHANGED(BLE_GATT_PERM_WRITE),
    BLE_GATT_CLIENT_FEATURES(BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE),
    BLE_GATT_DATABASE_HASH(),
    BLE_GATT_SERVER_FEATURES(server_features),
    BLE_GATT_PRIMARY_SERVICE(0x180F), /* 16: Battery */
    BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY, BLE_GATT_PERM_READ,
                            BLE_GATT_VAL_RAM(&level, 1)),
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),
    BLE_GATT_PRESENTATION_FORMAT(level_format),
    BLE_GATT_PRIMARY_SERVICE128(uuid_svc), /* 21: custom */
    BLE_GATT_INCLUDE(0x0100),
    BLE_GATT_CHARACTERISTIC128(uuid_long, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE,
                               BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_RAM(&long_value, 2)),
    BLE_GATT_USER_DESC(BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(long_desc)),
    BLE_GATT_CHARACTERISTIC(0xFF01, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE | BLE_GATT_PROP_WRITE_NO_RSP,
                            BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_HOOK(42, 20)),
    BLE_GATT_CHARACTERISTIC(0xFF02, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE,
                            BLE_GATT_PERM_READ_ENC | BLE_GATT_PERM_WRITE_AUTHEN, BLE_GATT_VAL_RAM(&secret, 3)),
    BLE_GATT_CHARACTERISTIC(0xFF03, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ_SC | BLE_GATT_PERM_KEY16,
                            BLE_GATT_VAL_CONST(sc_value)),
    BLE_GATT_CHARACTERISTIC(0xFF04, BLE_GATT_PROP_NOTIFY | BLE_GATT_PROP_INDICATE | BLE_GATT_PROP_WRITE_NO_RSP |
                                        BLE_GATT_PROP_SIGNED_WRITE | BLE_GATT_PROP_EXT,
                            BLE_GATT_PERM_WRITE, BLE_GATT_VAL_RAM(&ind_value, 4)),
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),
    BLE_GATT_EXT_PROPS(ext_props),
    BLE_GATT_HANDLE_AT(0x0100),
    BLE_GATT_SECONDARY_SERVICE(0xFF10), /* 0x0100 */
    BLE_GATT_CHARACTERISTIC(0xFF11, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(secondary_value)),
};
#define DB_N (sizeof db / sizeof db[0])
#define DB_ATTRS (DB_N - 1) /* the HANDLE_AT entry is no attribute */

/* A test's server with its storage. */
struct fixture {
    struct ble_gatt_srv srv;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(100)];
    uint16_t cccd[3];
    struct ble_gatt_srv_prep prep[4];
    uint8_t prep_buf[64];
    struct ble_gatt_srv_event events[8];
};
static struct fixture fx, fx2;

static int verify_sig(void *ctx, const uint8_t *msg, size_t len, const uint8_t *sig)
{
    size_t i;
    (void)ctx;
    (void)msg;
    (void)len;
    for (i = 0; i < BLE_ATT_SIGNATURE_LEN; i++)
        if (sig[i] != 0x11)
            return 0;
    return 1;
}

static void values_reset(void)
{
    size_t i;
    level_mem[0] = 100;
    level.p = level_mem;
    level.len = 1;
    level.cap = 1;
    for (i = 0; i < sizeof long_mem; i++)
        long_mem[i] = (uint8_t)i;
    long_value.p = long_mem;
    long_value.len = 60;
    long_value.cap = sizeof long_mem;
    ble_memset(secret_mem, 0x53, sizeof secret_mem);
    secret.p = secret_mem;
    secret.len = 4;
    secret.cap = 4;
    ind_mem[0] = 0x01;
    ind_mem[1] = 0x02;
    ind_value.p = ind_mem;
    ind_value.len = 2;
    ind_value.cap = sizeof ind_mem;
}

static struct ble_gatt_srv *setup_fx(struct fixture *f, uint16_t mtu_max)
{
    struct ble_gatt_srv_cfg cfg;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = DB_N;
    cfg.mtu_max = mtu_max;
    cfg.buf = f->buf;
    cfg.buf_len = sizeof f->buf;
    cfg.cccd = f->cccd;
    cfg.cccd_n = 3;
    cfg.prep = f->prep;
    cfg.prep_n = 4;
    cfg.prep_buf = f->prep_buf;
    cfg.prep_buf_len = sizeof f->prep_buf;
    cfg.events = f->events;
    cfg.events_n = 8;
    cfg.db_hash = db_hash;
    cfg.verify_signed = verify_sig;
    CHECK_EQ(ble_gatt_srv_init(&f->srv, &cfg), BLE_OK);
    return &f->srv;
}

static struct ble_gatt_srv *setup(uint16_t mtu_max)
{
    values_reset();
    return setup_fx(&fx, mtu_max);
}

static uint8_t out[600];
static int out_len;

/* Sends one request; the PDU the server answers lands in out / out_len
 * (BLE_ERR_AGAIN when it answers nothing). */
static int send_pdu(struct ble_gatt_srv *s, uint32_t now, const uint8_t *pdu, size_t len)
{
    CHECK_EQ(ble_gatt_srv_on_pdu(s, now, pdu, len), BLE_OK);
    out_len = ble_gatt_srv_poll_tx(s, out, sizeof out);
    return out_len;
}

#define XFER(s, req, rsp)                                                                  \
    do {                                                                                   \
        static const uint8_t rq_[] = req;                                                  \
        static const uint8_t rs_[] = rsp;                                                  \
        CHECK_EQ(send_pdu((s), 0, rq_, sizeof rq_), (int)sizeof rs_);                      \
        if (out_len == (int)sizeof rs_)                                                    \
            CHECK_MEM(out, rs_, sizeof rs_);                                               \
    } while (0)
#define B(...) { __VA_ARGS__ }

/* ---- Database ------------------------------------------------------------- */

static void test_db_check_sample_and_handles_by_position(void)
{
    size_t cccds = 0;
    CHECK_EQ(ble_gatt_db_check(db, DB_N, &cccds), BLE_OK);
    CHECK_EQ(cccds, 3);
    CHECK_EQ(ble_gatt_db_handle(db, DB_N, 0), 1);
    CHECK_EQ(ble_gatt_db_handle(db, DB_N, 2), H_NAME);
    CHECK_EQ(ble_gatt_db_handle(db, DB_N, 34), 35);
    CHECK_EQ(ble_gatt_db_handle(db, DB_N, 35), 0);      /* the HANDLE_AT entry */
    CHECK_EQ(ble_gatt_db_handle(db, DB_N, 36), 0x0100); /* explicit handle */
    CHECK_EQ(ble_gatt_db_handle(db, DB_N, 38), 0x0102);
}

static void test_db_check_rejects_bad_structure(void)
{
    static const struct ble_gatt_attr no_service[] = {
        BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(device_name)),
    };
    static const struct ble_gatt_attr decl_alone[] = {
        BLE_GATT_PRIMARY_SERVICE(0x1800),
        BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(device_name)),
        BLE_GATT_PRIMARY_SERVICE(0x1801),
    };
    static const struct ble_gatt_attr backwards[] = {
        BLE_GATT_HANDLE_AT(5),
        BLE_GATT_PRIMARY_SERVICE(0x1800),
        BLE_GATT_HANDLE_AT(5),
        BLE_GATT_PRIMARY_SERVICE(0x1801),
    };
    static const struct ble_gatt_attr desc_outside[] = {
        BLE_GATT_PRIMARY_SERVICE(0x1800),
        BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),
    };
    static const struct ble_gatt_attr include_nowhere[] = {
        BLE_GATT_PRIMARY_SERVICE(0x1800),
        BLE_GATT_INCLUDE(7),
    };
    static const struct ble_gatt_attr past_ffff[] = {
        BLE_GATT_HANDLE_AT(0xFFFF),
        BLE_GATT_PRIMARY_SERVICE(0x1800),
        BLE_GATT_PRIMARY_SERVICE(0x1801),
    };
    struct ble_gatt_srv_cfg cfg;
    CHECK_EQ(ble_gatt_db_check(no_service, 2, 0), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_gatt_db_check(decl_alone, 2, 0), BLE_ERR_MALFORMED); /* declaration without value */
    CHECK_EQ(ble_gatt_db_check(decl_alone, 3, 0), BLE_OK);
    CHECK_EQ(ble_gatt_db_check(backwards, 4, 0), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_gatt_db_check(desc_outside, 2, 0), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_gatt_db_check(include_nowhere, 2, 0), BLE_ERR_MALFORMED);
    CHECK_EQ(ble_gatt_db_check(past_ffff, 3, 0), BLE_ERR_MALFORMED);
    /* init refuses storage that is too small */
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = DB_N;
    cfg.buf = fx.buf;
    cfg.buf_len = sizeof fx.buf;
    cfg.events = fx.events;
    cfg.events_n = 8;
    cfg.cccd = fx.cccd;
    cfg.cccd_n = 2; /* three CCCDs */
    CHECK_EQ(ble_gatt_srv_init(&fx.srv, &cfg), BLE_ERR_NO_SPACE);
    cfg.cccd_n = 3;
    cfg.mtu_max = 200; /* needs 600 octets of buf */
    CHECK_EQ(ble_gatt_srv_init(&fx.srv, &cfg), BLE_ERR_NO_SPACE);
    cfg.mtu_max = 10;
    CHECK_EQ(ble_gatt_srv_init(&fx.srv, &cfg), BLE_ERR_PARAM);
}

/* ---- Exchange MTU (F 3.4.2) ------------------------------------------------ */

static void test_exchange_mtu_takes_the_smaller(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    CHECK_EQ(s->mtu, 23);
    XFER(s, B(0x02, 0xF7, 0x00), B(0x03, 0x64, 0x00)); /* client 247, server 100 */
    CHECK_EQ(s->mtu, 100);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_MTU);
    CHECK_EQ(ev.value, 100);
    /* once per connection: a second one is answered, not applied */
    XFER(s, B(0x02, 0x30, 0x00), B(0x03, 0x64, 0x00));
    CHECK_EQ(s->mtu, 100);
    CHECK_EQ(s->stats.repeated_mtu, 1);
    s = setup(100);
    XFER(s, B(0x02, 0x10, 0x00), B(0x03, 0x64, 0x00)); /* below 23: 23 */
    CHECK_EQ(s->mtu, 23);
    s = setup(100);
    XFER(s, B(0x02, 0x30, 0x00), B(0x03, 0x64, 0x00));
    CHECK_EQ(s->mtu, 48);
}

/* ---- Read (F 3.4.4.3) ------------------------------------------------------ */

static void test_read_values_and_declarations(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x0A, 0x03, 0x00), B(0x0B, 'b', 'l', 'e', 'k', 'i', 't'));
    XFER(s, B(0x0A, 0x01, 0x00), B(0x0B, 0x00, 0x18));                   /* service UUID */
    XFER(s, B(0x0A, 0x02, 0x00), B(0x0B, 0x02, 0x03, 0x00, 0x00, 0x2A)); /* props, handle, UUID */
    XFER(s, B(0x0A, 0x16, 0x00), B(0x0B, 0x00, 0x01, 0x02, 0x01, 0x10, 0xFF)); /* include */
    XFER(s, B(0x0A, 0x12, 0x00), B(0x0B, 100));
    XFER(s, B(0x0A, 0x13, 0x00), B(0x0B, 0x00, 0x00)); /* CCCD of this connection */
    XFER(s, B(0x0A, 0x0D, 0x00), B(0x0B, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA,
                                    0xAB, 0xAC, 0xAD, 0xAE, 0xAF));
    XFER(s, B(0x0A, 0x0F, 0x00), B(0x0B, 0x01));
    XFER(s, B(0x0A, 0x02, 0x01), B(0x0B, 0x07));
}

static void test_read_errors(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x0A, 0x00, 0x00), B(0x01, 0x0A, 0x00, 0x00, 0x01));       /* handle 0: Invalid Handle */
    XFER(s, B(0x0A, 0x24, 0x00), B(0x01, 0x0A, 0x24, 0x00, 0x01));       /* a gap */
    XFER(s, B(0x0A, 0x08, 0x00), B(0x01, 0x0A, 0x08, 0x00, 0x02));       /* Service Changed: not readable */
    XFER(s, B(0x0A, 0x21, 0x00), B(0x01, 0x0A, 0x21, 0x00, 0x02));       /* write-only value */
    XFER(s, B(0x0A, 0x03), B(0x01, 0x0A, 0x00, 0x00, 0x04));             /* short: Invalid PDU */
    XFER(s, B(0x0A, 0x03, 0x00, 0x00), B(0x01, 0x0A, 0x00, 0x00, 0x04)); /* trailing octet */
}

/* ---- Read Blob (F 3.4.4.5) and MTU truncation ------------------------------ */

static void test_long_read_with_blob(void)
{
    struct ble_gatt_srv *s = setup(100);
    uint8_t got[60];
    size_t have = 0;
    int i;
    /* Read: the first ATT_MTU - 1 = 22 octets */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0A\x18\x00", 3), 23);
    ble_memcpy(got, out + 1, 22);
    have = 22;
    while (have < 60) {
        uint8_t rq[5] = { 0x0C, 0x18, 0x00, 0, 0 };
        ble_put_le16(rq + 3, (uint16_t)have);
        out_len = send_pdu(s, 0, rq, 5);
        CHECK(out_len > 1 && out[0] == 0x0D);
        if (out_len <= 1)
            break;
        ble_memcpy(got + have, out + 1, (size_t)out_len - 1);
        have += (size_t)out_len - 1;
    }
    CHECK_EQ(have, 60);
    for (i = 0; i < 60; i++)
        CHECK_EQ(got[i], i);
    XFER(s, B(0x0C, 0x18, 0x00, 0x3C, 0x00), B(0x0D));                      /* offset = length: empty */
    XFER(s, B(0x0C, 0x18, 0x00, 0x3D, 0x00), B(0x01, 0x0C, 0x18, 0x00, 0x07)); /* past it: Invalid Offset */
    XFER(s, B(0x0C, 0x03, 0x00, 0x01, 0x00), B(0x01, 0x0C, 0x03, 0x00, 0x0B)); /* fixed, short: Not Long */
    XFER(s, B(0x0C, 0x08, 0x00, 0x00, 0x00), B(0x01, 0x0C, 0x08, 0x00, 0x02));
    XFER(s, B(0x0C, 0x99, 0x00, 0x00, 0x00), B(0x01, 0x0C, 0x99, 0x00, 0x01));
    /* after a larger MTU one Read has it all */
    XFER(s, B(0x02, 0x64, 0x00), B(0x03, 0x64, 0x00));
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0A\x18\x00", 3), 61);
}

/* ---- Read Multiple (F 3.4.4.7) and Read Multiple Variable (3.4.4.11) -------- */

static void test_read_multiple(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x0E, 0x03, 0x00, 0x05, 0x00, 0x12, 0x00), B(0x0F, 'b', 'l', 'e', 'k', 'i', 't', 0x00, 0x00, 100));
    XFER(s, B(0x0E, 0x03, 0x00, 0x40, 0x00), B(0x01, 0x0E, 0x40, 0x00, 0x01));
    XFER(s, B(0x0E, 0x03, 0x00, 0x08, 0x00), B(0x01, 0x0E, 0x08, 0x00, 0x02));
    XFER(s, B(0x0E, 0x03, 0x00), B(0x01, 0x0E, 0x00, 0x00, 0x04)); /* one handle: Invalid PDU */
    /* values cut where the response reaches ATT_MTU (23) */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0E\x03\x00\x18\x00", 5), 23);
    CHECK_MEM(out + 1, "blekit", 6);
    CHECK_EQ(out[7], 0);
    CHECK_EQ(out[22], 15);
}

static void test_read_multiple_variable(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_att_pdu pdu;
    struct ble_att_iter it;
    uint16_t vl;
    struct ble_view v;
    XFER(s, B(0x20, 0x03, 0x00, 0x05, 0x00), B(0x21, 0x06, 0x00, 'b', 'l', 'e', 'k', 'i', 't', 0x02, 0x00, 0x00, 0x00));
    XFER(s, B(0x20, 0x03, 0x00, 0x1F, 0x00), B(0x01, 0x20, 0x1F, 0x00, 0x05)); /* authentication needed */
    /* the last value cut at ATT_MTU, its length field the whole value's */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x20\x03\x00\x18\x00", 5), 23);
    CHECK_EQ(ble_att_decode(out, (size_t)out_len, &pdu), BLE_OK);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_iter(&it, &pdu.p.read_multiple_variable_rsp), BLE_OK);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
    CHECK_EQ(vl, 6);
    CHECK_EQ(ble_att_read_multiple_variable_rsp_next(&it, &vl, &v), BLE_OK);
    CHECK_EQ(vl, 60);
    CHECK_EQ(v.len, 12);
}

/* ---- Discovery (G 4.4 - 4.7) ------------------------------------------------ */

static void test_read_by_group_type_primary_services(void)
{
    struct ble_gatt_srv *s = setup(100);
    /* 16-bit UUIDs first: three fit in 23 octets */
    XFER(s, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28),
         B(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x00, 0x18, 0x06, 0x00, 0x0F, 0x00, 0x01, 0x18, 0x10, 0x00, 0x14,
           0x00, 0x0F, 0x18));
    /* then the 128-bit one alone (its length differs) */
    XFER(s, B(0x10, 0x15, 0x00, 0xFF, 0xFF, 0x00, 0x28),
         B(0x11, 0x14, 0x15, 0x00, 0x23, 0x00, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78,
           0x56, 0x01, 0x00, 0x00, 0x00));
    XFER(s, B(0x10, 0x24, 0x00, 0xFF, 0xFF, 0x00, 0x28), B(0x01, 0x10, 0x24, 0x00, 0x0A));
    /* secondary services, the group type as a 128-bit UUID */
    XFER(s, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00,
              0x01, 0x28, 0x00, 0x00),
         B(0x11, 0x06, 0x00, 0x01, 0x02, 0x01, 0x10, 0xFF));
    XFER(s, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x03, 0x28), B(0x01, 0x10, 0x01, 0x00, 0x10)); /* not a group */
    XFER(s, B(0x10, 0x05, 0x00, 0x01, 0x00, 0x00, 0x28), B(0x01, 0x10, 0x05, 0x00, 0x01)); /* inverted */
    XFER(s, B(0x10, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x28), B(0x01, 0x10, 0x00, 0x00, 0x01)); /* zero */
    XFER(s, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00), B(0x01, 0x10, 0x00, 0x00, 0x04));       /* 1-octet UUID */
}

static void test_find_by_type_value(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18), B(0x07, 0x10, 0x00, 0x14, 0x00));
    XFER(s, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34,
              0x12, 0x78, 0x56, 0x01, 0x00, 0x00, 0x00),
         B(0x07, 0x15, 0x00, 0x23, 0x00));
    XFER(s, B(0x06, 0x11, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18), B(0x01, 0x06, 0x11, 0x00, 0x0A));
    XFER(s, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x2A, 'b', 'l', 'e', 'k', 'i', 't'), B(0x07, 0x03, 0x00, 0x03, 0x00));
    XFER(s, B(0x06, 0x09, 0x00, 0x01, 0x00, 0x00, 0x28, 0x0F, 0x18), B(0x01, 0x06, 0x09, 0x00, 0x01));
    XFER(s, B(0x06, 0x00, 0x00, 0x01, 0x00, 0x00, 0x28, 0x0F, 0x18), B(0x01, 0x06, 0x00, 0x00, 0x01));
}

static void test_read_by_type_characteristics(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x03, 0x28),
         B(0x09, 0x07, 0x02, 0x00, 0x02, 0x03, 0x00, 0x00, 0x2A, 0x04, 0x00, 0x02, 0x05, 0x00, 0x01, 0x2A, 0x07,
           0x00, 0x20, 0x08, 0x00, 0x05, 0x2A));
    XFER(s, B(0x08, 0x17, 0x00, 0x17, 0x00, 0x03, 0x28),
         B(0x09, 0x15, 0x17, 0x00, 0x0A, 0x18, 0x00, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12,
           0x78, 0x56, 0x02, 0x00, 0x00, 0x00));
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x02, 0x28), B(0x09, 0x08, 0x16, 0x00, 0x00, 0x01, 0x02, 0x01, 0x10, 0xFF));
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x99, 0x99), B(0x01, 0x08, 0x01, 0x00, 0x0A));
    XFER(s, B(0x08, 0x02, 0x00, 0x01, 0x00, 0x03, 0x28), B(0x01, 0x08, 0x02, 0x00, 0x01));
    /* the first match unreadable: its error; a value over ATT_MTU - 4: cut */
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x02, 0xFF), B(0x01, 0x08, 0x1D, 0x00, 0x0F));
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56,
              0x02, 0x00, 0x00, 0x00),
         B(0x09, 0x15, 0x18, 0x00, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18));
    /* the Database Hash by type, as a client reads it */
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x2A, 0x2B),
         B(0x09, 0x12, 0x0D, 0x00, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC,
           0xAD, 0xAE, 0xAF));
}

static void test_find_information(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x04, 0x01, 0x00, 0x05, 0x00),
         B(0x05, 0x01, 0x01, 0x00, 0x00, 0x28, 0x02, 0x00, 0x03, 0x28, 0x03, 0x00, 0x00, 0x2A, 0x04, 0x00, 0x03,
           0x28, 0x05, 0x00, 0x01, 0x2A));
    XFER(s, B(0x04, 0x13, 0x00, 0x14, 0x00), B(0x05, 0x01, 0x13, 0x00, 0x02, 0x29, 0x14, 0x00, 0x04, 0x29));
    XFER(s, B(0x04, 0x18, 0x00, 0x18, 0x00),
         B(0x05, 0x02, 0x18, 0x00, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 0x02,
           0x00, 0x00, 0x00));
    XFER(s, B(0x04, 0xFF, 0xFF, 0xFF, 0xFF), B(0x01, 0x04, 0xFF, 0xFF, 0x0A));
    XFER(s, B(0x04, 0x00, 0x00, 0xFF, 0xFF), B(0x01, 0x04, 0x00, 0x00, 0x01));
    XFER(s, B(0x04, 0x10, 0x00, 0x0F, 0x00), B(0x01, 0x04, 0x10, 0x00, 0x01));
}

/* A client's full discovery: services by group type, characteristics by
 * type in each, descriptors by Find Information between them; every
 * attribute of the database is met exactly once. */
static void test_discovery_walks_the_whole_database(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_att_pdu pdu;
    struct ble_att_iter it;
    uint16_t svc_start[8], svc_end[8], h, e;
    struct ble_view v;
    struct ble_uuid u;
    size_t nsvc = 0, k, found = 0;
    uint8_t rq[32];
    uint16_t start = 1;
    /* primary and secondary services (G 4.4.1) */
    for (k = 0; k < 2; k++) {
        start = 1;
        for (;;) {
            rq[0] = 0x10;
            ble_put_le16(rq + 1, start);
            ble_put_le16(rq + 3, 0xFFFF);
            ble_put_le16(rq + 5, (uint16_t)(0x2800 + k));
            send_pdu(s, 0, rq, 7);
            CHECK_EQ(ble_att_decode(out, (size_t)out_len, &pdu), BLE_OK);
            if (pdu.opcode == BLE_ATT_ERROR_RSP) {
                CHECK_EQ(pdu.p.error_rsp.error_code, 0x0A);
                break;
            }
            CHECK_EQ(ble_att_read_by_group_type_rsp_iter(&it, &pdu.p.read_by_group_type_rsp), BLE_OK);
            while (ble_att_read_by_group_type_rsp_next(&it, &h, &e, &v) == BLE_OK && nsvc < 8) {
                svc_start[nsvc] = h;
                svc_end[nsvc++] = e;
                start = (uint16_t)(e + 1);
            }
            if (start == 0)
                break;
        }
    }
    CHECK_EQ(nsvc, 5);
    /* inside each service: includes, characteristics, descriptors */
    for (k = 0; k < nsvc; k++) {
        uint16_t at = svc_start[k];
        found++; /* the service declaration */
        while (at < svc_end[k]) {
            rq[0] = 0x04;
            ble_put_le16(rq + 1, (uint16_t)(at + 1));
            ble_put_le16(rq + 3, svc_end[k]);
            send_pdu(s, 0, rq, 5);
            CHECK_EQ(ble_att_decode(out, (size_t)out_len, &pdu), BLE_OK);
            if (pdu.opcode != BLE_ATT_FIND_INFORMATION_RSP)
                break;
            CHECK_EQ(ble_att_find_information_rsp_iter(&it, &pdu.p.find_information_rsp), BLE_OK);
            while (ble_att_find_information_rsp_next(&it, &h, &u) == BLE_OK) {
                CHECK(h > at && h <= svc_end[k]);
                at = h;
                found++;
            }
        }
    }
    CHECK_EQ(found, DB_ATTRS);
    /* characteristics of the battery service (G 4.6.1) */
    rq[0] = 0x08;
    ble_put_le16(rq + 1, 16);
    ble_put_le16(rq + 3, 20);
    ble_put_le16(rq + 5, 0x2803);
    send_pdu(s, 0, rq, 7);
    CHECK_EQ(ble_att_decode(out, (size_t)out_len, &pdu), BLE_OK);
    CHECK_EQ(pdu.opcode, BLE_ATT_READ_BY_TYPE_RSP);
    CHECK_EQ(ble_att_read_by_type_rsp_iter(&it, &pdu.p.read_by_type_rsp), BLE_OK);
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_OK);
    CHECK_EQ(h, 17);
    CHECK_EQ(v.len, 5);
    CHECK_EQ(v.p[0], 0x12);
    CHECK_EQ(ble_get_le16(v.p + 1), H_LEVEL);
    CHECK_EQ(ble_att_read_by_type_rsp_next(&it, &h, &v), BLE_ERR_NOT_FOUND);
}

/* ---- Writes (F 3.4.5) ------------------------------------------------------- */

static void test_write_request_and_command(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    XFER(s, B(0x12, 0x18, 0x00, 0xAA, 0xBB, 0xCC), B(0x13));
    CHECK_EQ(long_value.len, 3);
    CHECK_EQ(long_mem[0], 0xAA);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_WRITTEN);
    CHECK_EQ(ev.handle, H_LONG);
    CHECK_EQ(ev.id, 2);
    CHECK_EQ(ev.data.len, 3);
    XFER(s, B(0x12, 0x03, 0x00, 0x41), B(0x01, 0x12, 0x03, 0x00, 0x03)); /* const: Write Not Permitted */
    XFER(s, B(0x12, 0x02, 0x00, 0x41), B(0x01, 0x12, 0x02, 0x00, 0x03)); /* declaration */
    XFER(s, B(0x12, 0x0D, 0x00, 0x41), B(0x01, 0x12, 0x0D, 0x00, 0x03)); /* Database Hash */
    XFER(s, B(0x12, 0x77, 0x00, 0x41), B(0x01, 0x12, 0x77, 0x00, 0x01));
    XFER(s, B(0x12, 0x21, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9), B(0x01, 0x12, 0x21, 0x00, 0x0D)); /* over capacity */
    XFER(s, B(0x12, 0x21, 0x00, 9, 8, 7), B(0x13));
    CHECK_EQ(ind_value.len, 3);
    /* Write Command: no response, ever */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x52\x21\x00\x05", 4), BLE_ERR_AGAIN);
    CHECK_EQ(ind_value.len, 1);
    CHECK_EQ(ind_mem[0], 5);
    /* no Write Without Response property: ignored and counted */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x52\x18\x00\x05", 4), BLE_ERR_AGAIN);
    CHECK_EQ(s->stats.ignored_commands, 1);
    CHECK_EQ(long_value.len, 3);
}

static void test_signed_write_uses_the_verify_policy(void)
{
    struct ble_gatt_srv *s = setup(100);
    uint8_t pdu[16] = { 0xD2, 0x21, 0x00, 0x77 };
    ble_memset(pdu + 4, 0x11, 12);
    CHECK_EQ(send_pdu(s, 0, pdu, sizeof pdu), BLE_ERR_AGAIN);
    CHECK_EQ(ind_value.len, 1);
    CHECK_EQ(ind_mem[0], 0x77);
    pdu[3] = 0x78;
    pdu[15] = 0x12; /* a bad signature */
    CHECK_EQ(send_pdu(s, 0, pdu, sizeof pdu), BLE_ERR_AGAIN);
    CHECK_EQ(ind_mem[0], 0x77);
    CHECK_EQ(s->stats.bad_signatures, 1);
    pdu[1] = 0x18; /* no signed-write property */
    pdu[15] = 0x11;
    CHECK_EQ(send_pdu(s, 0, pdu, sizeof pdu), BLE_ERR_AGAIN);
    CHECK_EQ(s->stats.ignored_commands, 1);
}

/* ---- Long and prepared writes (F 3.4.6) ------------------------------------- */

static void test_long_write_with_prepare_and_execute(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x16, 0x18, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63), B(0x17, 0x18, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63));
    XFER(s, B(0x16, 0x18, 0x00, 0x03, 0x00, 0x64, 0x65), B(0x17, 0x18, 0x00, 0x03, 0x00, 0x64, 0x65));
    XFER(s, B(0x16, 0x21, 0x00, 0x00, 0x00, 0x01), B(0x17, 0x21, 0x00, 0x00, 0x00, 0x01));
    CHECK_EQ(long_value.len, 60); /* nothing yet */
    XFER(s, B(0x18, 0x01), B(0x19));
    CHECK_EQ(long_value.len, 5);
    CHECK_MEM(long_mem, "abcde", 5);
    CHECK_EQ(ind_value.len, 1);
    CHECK_EQ(s->prep_count, 0);
}

static void test_failed_execute_changes_nothing(void)
{
    struct ble_gatt_srv *s = setup(100);
    uint8_t before[100];
    ble_memcpy(before, long_mem, sizeof before);
    XFER(s, B(0x16, 0x21, 0x00, 0x00, 0x00, 0x09), B(0x17, 0x21, 0x00, 0x00, 0x00, 0x09));
    XFER(s, B(0x16, 0x18, 0x00, 0x00, 0x00, 0x61), B(0x17, 0x18, 0x00, 0x00, 0x00, 0x61));
    /* offset 5 after a write that leaves 1 octet: Invalid Offset */
    XFER(s, B(0x16, 0x18, 0x00, 0x05, 0x00, 0x62), B(0x17, 0x18, 0x00, 0x05, 0x00, 0x62));
    XFER(s, B(0x18, 0x01), B(0x01, 0x18, 0x18, 0x00, 0x07));
    CHECK_EQ(long_value.len, 60);
    CHECK_MEM(long_mem, before, sizeof before);
    CHECK_EQ(ind_value.len, 2);
    CHECK_EQ(ind_mem[0], 1);
    /* over capacity: Invalid Attribute Value Length, and again nothing */
    XFER(s, B(0x16, 0x21, 0x00, 0x02, 0x00, 1, 2, 3, 4, 5, 6, 7), B(0x17, 0x21, 0x00, 0x02, 0x00, 1, 2, 3, 4, 5, 6, 7));
    XFER(s, B(0x18, 0x01), B(0x01, 0x18, 0x21, 0x00, 0x0D));
    CHECK_EQ(ind_value.len, 2);
    /* a CCCD value that is not allowed fails the execute */
    XFER(s, B(0x16, 0x13, 0x00, 0x00, 0x00, 0x02, 0x00), B(0x17, 0x13, 0x00, 0x00, 0x00, 0x02, 0x00));
    XFER(s, B(0x18, 0x01), B(0x01, 0x18, 0x13, 0x00, 0x13));
    CHECK_EQ(ble_gatt_srv_cccd(s, H_LEVEL), 0);
}

static void test_prepare_errors_and_cancel(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x16, 0x03, 0x00, 0x00, 0x00, 0x01), B(0x01, 0x16, 0x03, 0x00, 0x03));
    XFER(s, B(0x16, 0x50, 0x00, 0x00, 0x00, 0x01), B(0x01, 0x16, 0x50, 0x00, 0x01));
    XFER(s, B(0x16, 0x1D, 0x00, 0x00, 0x00, 0x01), B(0x01, 0x16, 0x1D, 0x00, 0x05));
    XFER(s, B(0x16, 0x18, 0x00, 0x00, 0x00, 0x01), B(0x17, 0x18, 0x00, 0x00, 0x00, 0x01));
    XFER(s, B(0x16, 0x18, 0x00, 0x01, 0x00, 0x02), B(0x17, 0x18, 0x00, 0x01, 0x00, 0x02));
    XFER(s, B(0x16, 0x18, 0x00, 0x02, 0x00, 0x03), B(0x17, 0x18, 0x00, 0x02, 0x00, 0x03));
    XFER(s, B(0x16, 0x18, 0x00, 0x03, 0x00, 0x04), B(0x17, 0x18, 0x00, 0x03, 0x00, 0x04));
    XFER(s, B(0x16, 0x18, 0x00, 0x04, 0x00, 0x05), B(0x01, 0x16, 0x18, 0x00, 0x09)); /* four entries */
    XFER(s, B(0x18, 0x02), B(0x01, 0x18, 0x00, 0x00, 0x04));                         /* reserved flag */
    XFER(s, B(0x18, 0x00), B(0x19));                                                 /* cancel */
    CHECK_EQ(s->prep_count, 0);
    CHECK_EQ(long_value.len, 60);
    XFER(s, B(0x18, 0x01), B(0x19)); /* nothing queued */
    CHECK_EQ(long_value.len, 60);
}

/* ---- CCCDs, notifications, indications ------------------------------------- */

static void test_cccd_per_connection_and_allowed_bits(void)
{
    struct ble_gatt_srv *s = setup(100), *t;
    struct ble_gatt_srv_event ev;
    t = setup_fx(&fx2, 23);
    XFER(s, B(0x12, 0x13, 0x00, 0x01, 0x00), B(0x13));
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_CCCD);
    CHECK_EQ(ev.handle, H_LEVEL);
    CHECK_EQ(ev.value, 1);
    CHECK_EQ(ble_gatt_srv_cccd(s, H_LEVEL), 1);
    CHECK_EQ(ble_gatt_srv_cccd(t, H_LEVEL), 0); /* the other connection's */
    XFER(s, B(0x0A, 0x13, 0x00), B(0x0B, 0x01, 0x00));
    XFER(t, B(0x0A, 0x13, 0x00), B(0x0B, 0x00, 0x00));
    XFER(s, B(0x12, 0x13, 0x00, 0x02, 0x00), B(0x01, 0x12, 0x13, 0x00, 0x13)); /* no indicate property */
    XFER(s, B(0x12, 0x13, 0x00, 0x04, 0x00), B(0x01, 0x12, 0x13, 0x00, 0x13)); /* reserved bit */
    XFER(s, B(0x12, 0x13, 0x00, 0x01), B(0x01, 0x12, 0x13, 0x00, 0x0D));       /* one octet */
    XFER(s, B(0x12, 0x22, 0x00, 0x03, 0x00), B(0x13));                          /* both allowed here */
    CHECK_EQ(ble_gatt_srv_cccd(s, H_IND), 3);
    CHECK_EQ(ble_gatt_srv_cccd(s, H_LEVEL), 1);
}

static void test_notification(void)
{
    struct ble_gatt_srv *s = setup(100);
    static const uint8_t big[40] = { 0 };
    CHECK_EQ(ble_gatt_srv_notify(s, 0, H_LEVEL, 0, 0), BLE_ERR_STATE); /* not enabled */
    CHECK_EQ(ble_gatt_srv_notify(s, 0, H_NAME, 0, 0), BLE_ERR_PARAM);  /* not notifiable */
    CHECK_EQ(ble_gatt_srv_notify(s, 0, 0x13, 0, 0), BLE_ERR_NOT_FOUND);
    XFER(s, B(0x12, 0x13, 0x00, 0x01, 0x00), B(0x13));
    CHECK_EQ(ble_gatt_srv_notify(s, 0, H_LEVEL, 0, 0), BLE_OK); /* the current value */
    CHECK_EQ(ble_gatt_srv_notify(s, 0, H_LEVEL, 0, 0), BLE_ERR_BUSY);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, 3), BLE_ERR_NO_SPACE);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 4);
    CHECK_MEM(out, "\x1B\x12\x00\x64", 4);
    CHECK_EQ(ble_gatt_srv_notify(s, 0, H_LEVEL, big, sizeof big), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 23); /* cut to ATT_MTU - 3 */
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), BLE_ERR_AGAIN);
}

/* F 3.4.7.4: Multiple Handle Value Notification, once the client has set
 * the Multiple Handle Value Notifications bit of Client Supported Features. */
static void test_multiple_notification(void)
{
    struct ble_gatt_srv *s = setup(100);
    static const uint8_t ten[10] = { 0 };
    uint16_t hs[2] = { H_LEVEL, H_IND };
    struct ble_view vs[2];
    vs[0] = ble_view_make((const uint8_t *)"\x64", 1);
    vs[1] = ble_view_make((const uint8_t *)"\x01\x02\x03", 3);
    XFER(s, B(0x12, 0x13, 0x00, 0x01, 0x00), B(0x13)); /* level: notify */
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_ERR_STATE); /* H_IND not enabled */
    XFER(s, B(0x12, 0x22, 0x00, 0x01, 0x00), B(0x13));
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_ERR_STATE); /* client features */
    XFER(s, B(0x12, 0x0B, 0x00, 0x04), B(0x13));
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 1), BLE_ERR_PARAM); /* one value: use notify */
    hs[0] = H_NAME;
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_ERR_PARAM); /* not notifiable */
    hs[0] = H_LEVEL;
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_OK);
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_ERR_BUSY);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 13);
    CHECK_MEM(out, "\x23\x12\x00\x01\x00\x64\x21\x00\x03\x00\x01\x02\x03", 13);
    /* 1 + 14 + 14 octets do not fit ATT_MTU 23: refused whole, nothing cut */
    vs[0] = ble_view_make(ten, sizeof ten);
    vs[1] = ble_view_make(ten, sizeof ten);
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_ERR_TOO_LONG);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), BLE_ERR_AGAIN);
    /* after an MTU exchange they fit */
    XFER(s, B(0x02, 0x40, 0x00), B(0x03, 0x64, 0x00));
    CHECK_EQ(ble_gatt_srv_notify_multiple(s, 0, hs, vs, 2), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 29);
}

static void test_indication_waits_for_confirmation(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    XFER(s, B(0x12, 0x22, 0x00, 0x02, 0x00), B(0x13));
    while (ble_gatt_srv_poll_event(s, &ev) == BLE_OK) {
    }
    CHECK_EQ(ble_gatt_srv_indicate(s, 1000, H_IND, (const uint8_t *)"\x05", 1), BLE_OK);
    CHECK_EQ(ble_gatt_srv_next_deadline(s), 31000);
    CHECK_EQ(ble_gatt_srv_indicate(s, 1001, H_IND, (const uint8_t *)"\x06", 1), BLE_ERR_BUSY);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 4);
    CHECK_MEM(out, "\x1D\x21\x00\x05", 4);
    CHECK_EQ(ble_gatt_srv_indicate(s, 1002, H_IND, (const uint8_t *)"\x06", 1), BLE_ERR_BUSY); /* sent, unconfirmed */
    CHECK_EQ(ble_gatt_srv_notify(s, 1002, H_IND, (const uint8_t *)"\x07", 1), BLE_ERR_STATE);  /* notify bit off */
    /* a confirmation frees the way */
    CHECK_EQ(send_pdu(s, 2000, (const uint8_t *)"\x1E", 1), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_CONFIRMED);
    CHECK_EQ(ev.handle, H_IND);
    CHECK_EQ(ble_gatt_srv_next_deadline(s), BLE_NO_DEADLINE);
    CHECK_EQ(ble_gatt_srv_indicate(s, 2001, H_IND, (const uint8_t *)"\x06", 1), BLE_OK);
    /* a confirmation before the indication went out is counted, not taken */
    CHECK_EQ(send_pdu(s, 2002, (const uint8_t *)"\x1E", 1), 4);
    CHECK_EQ(s->stats.unexpected_pdus, 1);
    CHECK_EQ(send_pdu(s, 2003, (const uint8_t *)"\x1E", 1), BLE_ERR_AGAIN);
    CHECK_EQ(s->stats.unexpected_pdus, 1);
    CHECK_EQ(send_pdu(s, 2004, (const uint8_t *)"\x1E", 1), BLE_ERR_AGAIN);
    CHECK_EQ(s->stats.unexpected_pdus, 2);
}

static void test_transaction_timeout_ends_the_bearer(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    XFER(s, B(0x12, 0x22, 0x00, 0x02, 0x00), B(0x13));
    while (ble_gatt_srv_poll_event(s, &ev) == BLE_OK) {
    }
    CHECK_EQ(ble_gatt_srv_indicate(s, 1000, H_IND, 0, 0), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 5);
    CHECK_EQ(ble_gatt_srv_on_timer(s, 30999), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_on_timer(s, 31000), BLE_OK); /* 30 s */
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_TIMEOUT);
    CHECK_EQ(ev.handle, H_IND);
    CHECK_EQ(ble_gatt_srv_next_deadline(s), BLE_NO_DEADLINE);
    /* F 3.3.3: nothing more on this bearer */
    CHECK_EQ(send_pdu(s, 31001, (const uint8_t *)"\x0A\x03\x00", 3), BLE_ERR_AGAIN);
    CHECK_EQ(s->stats.after_timeout, 1);
    CHECK_EQ(ble_gatt_srv_indicate(s, 31002, H_IND, 0, 0), BLE_ERR_STATE);
    CHECK_EQ(ble_gatt_srv_notify(s, 31002, H_IND, 0, 0), BLE_ERR_STATE);
}

/* ---- Asynchronous hook replies ---------------------------------------------- */

static void test_hook_read_answers_later(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0A\x1B\x00", 3), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_READ_REQ);
    CHECK_EQ(ev.handle, H_HOOK);
    CHECK_EQ(ev.id, 42);
    CHECK_EQ(ev.opcode, BLE_ATT_READ_REQ);
    CHECK(ev.token != 0);
    /* ATT is sequential: another request meanwhile is dropped and counted */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0A\x03\x00", 3), BLE_ERR_AGAIN);
    CHECK_EQ(s->stats.busy_requests, 1);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, (uint16_t)(ev.token + 1), 0, 0, 0), BLE_ERR_NOT_FOUND);
    CHECK_EQ(ble_gatt_srv_reply(s, 5, ev.token, 0, (const uint8_t *)"hi", 2), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 3);
    CHECK_MEM(out, "\x0Bhi", 3);
    CHECK_EQ(ble_gatt_srv_reply(s, 5, ev.token, 0, 0, 0), BLE_ERR_NOT_FOUND); /* only once */
    /* Read Blob passes the offset; an error status becomes the Error Response */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0C\x1B\x00\x05\x00", 5), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.offset, 5);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, ev.token, BLE_ATT_ERR_INVALID_OFFSET, 0, 0), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 5);
    CHECK_MEM(out, "\x01\x0C\x1B\x00\x07", 5);
    /* Read By Type whose first match is a hook: one element, when answered */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x08\x01\x00\xFF\xFF\x01\xFF", 7), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, ev.token, 0, (const uint8_t *)"xyz", 3), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 7);
    CHECK_MEM(out, "\x09\x05\x1B\x00xyz", 7);
    /* Read Multiple with a hook in the middle */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0E\x12\x00\x1B\x00\x12\x00", 7), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, ev.token, 0, (const uint8_t *)"ab", 2), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 5);
    CHECK_MEM(out, "\x0F\x64" "ab\x64", 5);
}

static void test_hook_write_answers_later(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x12\x1B\x00\x01\x02", 5), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_WRITE_REQ);
    CHECK_EQ(ev.data.len, 2);
    CHECK_MEM(ev.data.p, "\x01\x02", 2);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, ev.token, 0x80, 0, 0), BLE_OK); /* application error */
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 5);
    CHECK_MEM(out, "\x01\x12\x1B\x00\x80", 5);
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x12\x1B\x00\x03", 4), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, ev.token, 0, 0, 0), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 1);
    CHECK_EQ(out[0], 0x13);
    /* longer than the hook's largest value: refused before the caller sees it */
    XFER(s, B(0x02, 0x64, 0x00), B(0x03, 0x64, 0x00));
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK); /* EV_MTU */
    XFER(s, B(0x12, 0x1B, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21),
         B(0x01, 0x12, 0x1B, 0x00, 0x0D));
    /* a Write Command: an event without a token */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x52\x1B\x00\x09", 4), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_WRITE_REQ);
    CHECK_EQ(ev.token, 0);
    CHECK_EQ(ev.data.p[0], 9);
    /* prepared writes to a hook: delivered at execute, one by one */
    XFER(s, B(0x16, 0x1B, 0x00, 0x00, 0x00, 0x41), B(0x17, 0x1B, 0x00, 0x00, 0x00, 0x41));
    XFER(s, B(0x16, 0x18, 0x00, 0x00, 0x00, 0x61), B(0x17, 0x18, 0x00, 0x00, 0x00, 0x61));
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x18\x01", 2), BLE_ERR_AGAIN);
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_WRITE_REQ);
    CHECK_EQ(ev.opcode, BLE_ATT_EXECUTE_WRITE_REQ);
    CHECK_EQ(ev.data.p[0], 0x41);
    CHECK_EQ(long_value.len, 60);
    CHECK_EQ(ble_gatt_srv_reply(s, 0, ev.token, BLE_ATT_ERR_WRITE_REQUEST_REJECTED, 0, 0), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 5);
    CHECK_MEM(out, "\x01\x18\x1B\x00\xFC", 5);
    CHECK_EQ(long_value.len, 60); /* the hook refused: the RAM value stays */
}

/* ---- Security (F 4; C 10.2.1) ---------------------------------------------- */

static void test_security_errors_at_each_level(void)
{
    struct ble_gatt_srv *s = setup(100);
    /* level 1: encryption needed to read, authentication to write */
    XFER(s, B(0x0A, 0x1D, 0x00), B(0x01, 0x0A, 0x1D, 0x00, 0x0F));
    XFER(s, B(0x12, 0x1D, 0x00, 0x01), B(0x01, 0x12, 0x1D, 0x00, 0x05));
    XFER(s, B(0x0A, 0x1F, 0x00), B(0x01, 0x0A, 0x1F, 0x00, 0x05));
    /* level 2: reads, not writes */
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_ENC, 16);
    XFER(s, B(0x0A, 0x1D, 0x00), B(0x0B, 0x53, 0x53, 0x53, 0x53));
    XFER(s, B(0x12, 0x1D, 0x00, 0x01), B(0x01, 0x12, 0x1D, 0x00, 0x05));
    XFER(s, B(0x0A, 0x1F, 0x00), B(0x01, 0x0A, 0x1F, 0x00, 0x05));
    /* level 3: writes; Secure Connections still needed for 0xFF03 */
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_AUTHEN, 16);
    XFER(s, B(0x12, 0x1D, 0x00, 0x01), B(0x13));
    XFER(s, B(0x0A, 0x1F, 0x00), B(0x01, 0x0A, 0x1F, 0x00, 0x05));
    /* level 4 with a 7-octet key: the key is too short */
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_SC, 7);
    XFER(s, B(0x0A, 0x1F, 0x00), B(0x01, 0x0A, 0x1F, 0x00, 0x0C));
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_SC, 16);
    XFER(s, B(0x0A, 0x1F, 0x00), B(0x0B, 0x5C));
    /* impossible values fail closed: a 17-octet key is no key, level 5 is none */
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_SC, 17);
    XFER(s, B(0x0A, 0x1F, 0x00), B(0x01, 0x0A, 0x1F, 0x00, 0x0C));
    ble_gatt_srv_set_security(s, 5, 16);
    XFER(s, B(0x0A, 0x1D, 0x00), B(0x01, 0x0A, 0x1D, 0x00, 0x0F));
    /* declarations need no security */
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_NONE, 0);
    XFER(s, B(0x0A, 0x1C, 0x00), B(0x0B, 0x0A, 0x1D, 0x00, 0x02, 0xFF));
}

/* ---- Protocol errors (F 3.4.9, 3.3) ----------------------------------------- */

static void test_unknown_requests_and_commands(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x3F, 0x01), B(0x01, 0x3F, 0x00, 0x00, 0x06)); /* unknown request */
    XFER(s, B(0x14), B(0x01, 0x14, 0x00, 0x00, 0x06));       /* reserved opcode */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x7F\x01", 2), BLE_ERR_AGAIN); /* unknown command */
    CHECK_EQ(s->stats.ignored_commands, 1);
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x0B\x01", 2), BLE_ERR_AGAIN); /* a response */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x1B\x01\x00", 3), BLE_ERR_AGAIN); /* a notification */
    CHECK_EQ(s->stats.unexpected_pdus, 2);
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x52\x01", 2), BLE_ERR_AGAIN); /* malformed command */
    CHECK_EQ(s->stats.ignored_commands, 2);
    XFER(s, B(0x02, 0x17), B(0x01, 0x02, 0x00, 0x00, 0x04)); /* malformed request */
    /* longer than ATT_MTU: Invalid PDU */
    XFER(s, B(0x12, 0x18, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21),
         B(0x01, 0x12, 0x18, 0x00, 0x04));
}

/* ---- Robust caching (G 2.5.2.1, 7.2, 7.3) ----------------------------------- */

static void test_robust_caching_out_of_sync(void)
{
    struct ble_gatt_srv *s = setup(100);
    struct ble_gatt_srv_event ev;
    XFER(s, B(0x12, 0x0B, 0x00, 0x01), B(0x13));
    CHECK_EQ(ble_gatt_srv_poll_event(s, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_SRV_EV_CLIENT_FEATURES);
    CHECK_EQ(ev.value, 1);
    XFER(s, B(0x0A, 0x0B, 0x00), B(0x0B, 0x01));
    XFER(s, B(0x12, 0x0B, 0x00, 0x00), B(0x01, 0x12, 0x0B, 0x00, 0x13)); /* no clearing */
    XFER(s, B(0x12, 0x0B, 0x00, 0x07), B(0x13));
    /* the database changes; Service Changed is not enabled */
    CHECK_EQ(ble_gatt_srv_db_changed(s, 0, 0x16, 0x23), BLE_OK);
    XFER(s, B(0x0A, 0x03, 0x00), B(0x01, 0x0A, 0x03, 0x00, 0x12));
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x52\x21\x00\x05", 4), BLE_ERR_AGAIN); /* ignored */
    CHECK_EQ(ind_value.len, 2);
    /* the next request: change-aware again */
    XFER(s, B(0x0A, 0x03, 0x00), B(0x0B, 'b', 'l', 'e', 'k', 'i', 't'));
    /* again, this time reading the hash first */
    CHECK_EQ(ble_gatt_srv_db_changed(s, 0, 0x16, 0x23), BLE_OK);
    XFER(s, B(0x02, 0x30, 0x00), B(0x03, 0x64, 0x00)); /* MTU exchange is served */
    XFER(s, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x2A, 0x2B),
         B(0x09, 0x12, 0x0D, 0x00, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC,
           0xAD, 0xAE, 0xAF));
    XFER(s, B(0x0A, 0x05, 0x00), B(0x0B, 0x00, 0x00));
    CHECK_EQ(s->aware, 1);
}

static void test_service_changed_indication_makes_aware(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x12, 0x0B, 0x00, 0x01), B(0x13));
    XFER(s, B(0x12, 0x09, 0x00, 0x02, 0x00), B(0x13));
    CHECK_EQ(ble_gatt_srv_db_changed(s, 0, 0x16, 0x23), BLE_OK);
    CHECK_EQ(ble_gatt_srv_poll_tx(s, out, sizeof out), 7);
    CHECK_MEM(out, "\x1D\x08\x00\x16\x00\x23\x00", 7);
    CHECK_EQ(s->aware, 0);
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x1E", 1), BLE_ERR_AGAIN);
    CHECK_EQ(s->aware, 1);
    XFER(s, B(0x0A, 0x03, 0x00), B(0x0B, 'b', 'l', 'e', 'k', 'i', 't'));
}

/* ---- MTU limits --------------------------------------------------------------- */

static void test_mtu_truncation_of_read_by_type(void)
{
    struct ble_gatt_srv *s = setup(100);
    XFER(s, B(0x02, 0x64, 0x00), B(0x03, 0x64, 0x00));
    /* 60 octets fit now (MTU - 4 = 96) */
    CHECK_EQ(send_pdu(s, 0,
                      (const uint8_t *)"\x08\x01\x00\xFF\xFF\xF0\xDE\xBC\x9A\x78\x56\x34\x12\x34\x12\x78\x56"
                                       "\x02\x00\x00\x00",
                      21),
             64);
    CHECK_EQ(out[1], 62);
    /* Find Information fills to the MTU */
    CHECK_EQ(send_pdu(s, 0, (const uint8_t *)"\x04\x01\x00\x17\x00", 5), 2 + 4 * 23);
}

/* Vol 3 Part G Appendix B: the example database, built with the macros,
 * hashes to F1CA2D48 ECF58BAC 8A8830BB B9FBA990 (sent little-endian). Only
 * declarations and the listed descriptors count: values do not. */
static const uint8_t hx_name[] = { 'x' }, hx_app[] = { 0, 0 }, hx_gm[] = { 1 }, hx_ext[] = { 0, 0 },
                     hx_bl[] = { 50 }, hx_other[] = { 99 };
#define HASH_EXAMPLE_DB(name_value)                                                                 \
    BLE_GATT_PRIMARY_SERVICE(0x1800),                                                               \
    BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE, BLE_GATT_PERM_READ,   \
                            BLE_GATT_VAL_CONST(name_value)),                                        \
    BLE_GATT_CHARACTERISTIC(0x2A01, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(hx_app)), \
    BLE_GATT_PRIMARY_SERVICE(0x1801),                                                               \
    BLE_GATT_SERVICE_CHANGED(BLE_GATT_PERM_WRITE),                                                  \
    BLE_GATT_CLIENT_FEATURES(BLE_GATT_PERM_WRITE | BLE_GATT_PERM_READ),                             \
    BLE_GATT_DATABASE_HASH(),                                                                       \
    BLE_GATT_PRIMARY_SERVICE(0x1808),                                                               \
    BLE_GATT_INCLUDE(0x0014),                                                                       \
    BLE_GATT_CHARACTERISTIC(0x2A18, BLE_GATT_PROP_READ | BLE_GATT_PROP_INDICATE | BLE_GATT_PROP_EXT, \
                            BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(hx_gm)),                         \
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),                                                             \
    BLE_GATT_EXT_PROPS(hx_ext),                                                                     \
    BLE_GATT_SECONDARY_SERVICE(0x180F),                                                             \
    BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(hx_bl))

static void test_database_hash_of_the_spec_example(void)
{
    static const struct ble_gatt_attr ex[] = { HASH_EXAMPLE_DB(hx_name) };
    static const struct ble_gatt_attr other_value[] = { HASH_EXAMPLE_DB(hx_other) };
    static const uint8_t want[16] = { 0x90, 0xA9, 0xFB, 0xB9, 0xBB, 0x30, 0x88, 0x8A,
                                      0xAC, 0x8B, 0xF5, 0xEC, 0x48, 0x2D, 0xCA, 0xF1 };
    uint8_t hash[16], again[16];
    CHECK_EQ(ble_gatt_db_handle(ex, sizeof ex / sizeof ex[0], sizeof ex / sizeof ex[0] - 1), 0x0016);
    CHECK_EQ(ble_gatt_db_hash(ex, sizeof ex / sizeof ex[0], hash), BLE_OK);
    CHECK_MEM(hash, want, 16);
    /* a characteristic value is not part of the hash */
    CHECK_EQ(ble_gatt_db_hash(other_value, sizeof other_value / sizeof other_value[0], again), BLE_OK);
    CHECK_MEM(again, want, 16);
}

static void test_database_hash_follows_structure(void)
{
    static const uint8_t user_desc[] = { 'd' };
    static const struct ble_gatt_attr with_desc[] = { HASH_EXAMPLE_DB(hx_name),
                                                      BLE_GATT_USER_DESC(BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(user_desc)) };
    static const struct ble_gatt_attr with_vendor_desc[] = { HASH_EXAMPLE_DB(hx_name),
                                                             BLE_GATT_DESCRIPTOR(0x2A99, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(user_desc)) };
    static const struct ble_gatt_attr with_vendor_desc2[] = { HASH_EXAMPLE_DB(hx_name),
                                                              BLE_GATT_DESCRIPTOR(0x2A98, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(hx_other)) };
    static const struct ble_gatt_attr hook_ext[] = {
        BLE_GATT_PRIMARY_SERVICE(0x180F),
        BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ | BLE_GATT_PROP_EXT, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(hx_bl)),
        BLE_GATT_DESCRIPTOR(BLE_GATT_UUID_EXT_PROPS, BLE_GATT_PERM_READ, BLE_GATT_VAL_HOOK(1, 2)) };
    static const struct ble_gatt_attr bad[] = { BLE_GATT_CCCD(BLE_GATT_PERM_WRITE) };
    static const uint8_t want[16] = { 0x90, 0xA9, 0xFB, 0xB9, 0xBB, 0x30, 0x88, 0x8A,
                                      0xAC, 0x8B, 0xF5, 0xEC, 0x48, 0x2D, 0xCA, 0xF1 };
    uint8_t hash[16], vendor[16], poison[16];
    /* any added attribute grows the included service's group (its end handle
     * is in the Include declaration), so the hash changes ... */
    CHECK_EQ(ble_gatt_db_hash(with_vendor_desc, sizeof with_vendor_desc / sizeof with_vendor_desc[0], vendor), BLE_OK);
    CHECK(!tt_memeq(vendor, want, 16));
    /* ... but a descriptor type the hash does not list adds nothing itself:
     * another such type, with another value, gives the same hash */
    CHECK_EQ(ble_gatt_db_hash(with_vendor_desc2, sizeof with_vendor_desc2 / sizeof with_vendor_desc2[0], hash), BLE_OK);
    CHECK_MEM(hash, vendor, 16);
    /* a User Description adds its handle and type */
    CHECK_EQ(ble_gatt_db_hash(with_desc, sizeof with_desc / sizeof with_desc[0], hash), BLE_OK);
    CHECK(!tt_memeq(hash, vendor, 16));
    CHECK(!tt_memeq(hash, want, 16));
    /* errors write nothing */
    ble_memset(hash, 0xA5, 16);
    ble_memset(poison, 0xA5, 16);
    CHECK_EQ(ble_gatt_db_hash(hook_ext, sizeof hook_ext / sizeof hook_ext[0], hash), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_db_hash(bad, 1, hash), BLE_ERR_MALFORMED);
    CHECK_MEM(hash, poison, 16);
}

/* ---- Every ATT error the server sends (F 3.4.1.1), each from one request ---- */

struct err_case {
    uint8_t req[8];
    size_t len;
    uint8_t code; /* the Error Response's code */
};

static void test_every_error_code_is_reachable(void)
{
    static const struct err_case cases[] = {
        { { 0x0A, 0x00, 0x00 }, 3, BLE_ATT_ERR_INVALID_HANDLE },                 /* handle 0 */
        { { 0x0A, 0x50, 0x00 }, 3, BLE_ATT_ERR_INVALID_HANDLE },                 /* no such handle */
        { { 0x0A, 0x21, 0x00 }, 3, BLE_ATT_ERR_READ_NOT_PERMITTED },             /* write-only value */
        { { 0x12, 0x03, 0x00, 0x41 }, 4, BLE_ATT_ERR_WRITE_NOT_PERMITTED },      /* Device Name */
        { { 0x0A, 0x03 }, 2, BLE_ATT_ERR_INVALID_PDU },                          /* handle cut short */
        { { 0x12, 0x1D, 0x00, 0x01 }, 4, BLE_ATT_ERR_INSUFFICIENT_AUTHENTICATION },
        { { 0x3F, 0x01 }, 2, BLE_ATT_ERR_REQUEST_NOT_SUPPORTED },                /* unknown request */
        { { 0x0C, 0x18, 0x00, 0x3D, 0x00 }, 5, BLE_ATT_ERR_INVALID_OFFSET },     /* past the 60 octets */
        { { 0x08, 0x01, 0x00, 0x01, 0x00, 0x03, 0x28 }, 7, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND },
        { { 0x12, 0x13, 0x00, 0x01 }, 4, BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH }, /* 1-octet CCCD */
        { { 0x0A, 0x1D, 0x00 }, 3, BLE_ATT_ERR_INSUFFICIENT_ENCRYPTION },
        { { 0x10, 0x01, 0x00, 0xFF, 0xFF, 0x03, 0x28 }, 7, BLE_ATT_ERR_UNSUPPORTED_GROUP_TYPE },
        { { 0x12, 0x13, 0x00, 0x04, 0x00 }, 5, BLE_ATT_ERR_VALUE_NOT_ALLOWED },  /* reserved CCCD bit */
    };
    static const uint8_t tag[] = { 0x7A };
    static const struct ble_gatt_attr author_db[] = {
        BLE_GATT_PRIMARY_SERVICE(0x180A),
        BLE_GATT_CHARACTERISTIC(0xFF20, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ_AUTHOR, BLE_GATT_VAL_CONST(tag)),
    };
    static const uint8_t sc_read[] = { 0x0A, 0x1F, 0x00 };
    static const uint8_t author_read[] = { 0x0A, 0x03, 0x00 };
    static const uint8_t prep[] = { 0x16, 0x18, 0x00, 0x00, 0x00, 0x01 };
    uint32_t seen = 0;
    struct ble_gatt_srv *s;
    struct ble_gatt_srv_cfg cfg;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s = setup(100);
        CHECK_EQ(send_pdu(s, 0, cases[i].req, cases[i].len), 5);
        CHECK_EQ(out[0], BLE_ATT_ERROR_RSP);
        CHECK_EQ(out[1], cases[i].req[0]);
        CHECK_EQ(out[4], cases[i].code);
        seen |= 1u << out[4];
    }
    /* Insufficient Encryption Key Size: Secure Connections with a 7-octet key */
    s = setup(100);
    ble_gatt_srv_set_security(s, BLE_GATT_SEC_SC, 7);
    CHECK_EQ(send_pdu(s, 0, sc_read, sizeof sc_read), 5);
    CHECK_EQ(out[4], BLE_ATT_ERR_ENCRYPTION_KEY_SIZE_TOO_SHORT);
    seen |= 1u << out[4];
    /* Prepare Queue Full: one more entry than the caller's four */
    s = setup(100);
    for (i = 0; i < 4; i++)
        CHECK_EQ(send_pdu(s, 0, prep, sizeof prep), (int)sizeof prep);
    CHECK_EQ(send_pdu(s, 0, prep, sizeof prep), 5);
    CHECK_EQ(out[4], BLE_ATT_ERR_PREPARE_QUEUE_FULL);
    seen |= 1u << out[4];
    /* Insufficient Authorization, then the read once the caller authorizes */
    cfg = fx.srv.cfg;
    cfg.attrs = author_db;
    cfg.n = sizeof author_db / sizeof author_db[0];
    CHECK_EQ(ble_gatt_srv_init(&fx.srv, &cfg), BLE_OK);
    s = &fx.srv;
    CHECK_EQ(send_pdu(s, 0, author_read, sizeof author_read), 5);
    CHECK_EQ(out[4], BLE_ATT_ERR_INSUFFICIENT_AUTHORIZATION);
    seen |= 1u << out[4];
    ble_gatt_srv_set_authorized(s, 1);
    CHECK_EQ(send_pdu(s, 0, author_read, sizeof author_read), 2);
    CHECK_MEM(out, "\x0B\x7A", 2);
    /* Attribute Not Long and Database Out Of Sync have their own scenario
     * tests (test_long_read_with_blob, test_robust_caching_out_of_sync);
     * with them, every code 0x01-0x13 the server sends is covered: 0x0E
     * (Unlikely Error) and 0x11 (Insufficient Resources) it never sends. */
    seen |= 1u << BLE_ATT_ERR_ATTRIBUTE_NOT_LONG;
    seen |= 1u << BLE_ATT_ERR_DATABASE_OUT_OF_SYNC;
    CHECK_EQ(seen, 0xFFFFEu & ~((1u << 0x0E) | (1u << 0x11)) & ((1u << 0x14) - 1u));
}

void suite_gatt_srv(void)
{
    TT_RUN(test_db_check_sample_and_handles_by_position);
    TT_RUN(test_db_check_rejects_bad_structure);
    TT_RUN(test_exchange_mtu_takes_the_smaller);
    TT_RUN(test_read_values_and_declarations);
    TT_RUN(test_read_errors);
    TT_RUN(test_long_read_with_blob);
    TT_RUN(test_read_multiple);
    TT_RUN(test_read_multiple_variable);
    TT_RUN(test_read_by_group_type_primary_services);
    TT_RUN(test_find_by_type_value);
    TT_RUN(test_read_by_type_characteristics);
    TT_RUN(test_find_information);
    TT_RUN(test_discovery_walks_the_whole_database);
    TT_RUN(test_write_request_and_command);
    TT_RUN(test_signed_write_uses_the_verify_policy);
    TT_RUN(test_long_write_with_prepare_and_execute);
    TT_RUN(test_failed_execute_changes_nothing);
    TT_RUN(test_prepare_errors_and_cancel);
    TT_RUN(test_cccd_per_connection_and_allowed_bits);
    TT_RUN(test_notification);
    TT_RUN(test_multiple_notification);
    TT_RUN(test_indication_waits_for_confirmation);
    TT_RUN(test_transaction_timeout_ends_the_bearer);
    TT_RUN(test_hook_read_answers_later);
    TT_RUN(test_hook_write_answers_later);
    TT_RUN(test_security_errors_at_each_level);
    TT_RUN(test_unknown_requests_and_commands);
    TT_RUN(test_every_error_code_is_reachable);
    TT_RUN(test_robust_caching_out_of_sync);
    TT_RUN(test_service_changed_indication_makes_aware);
    TT_RUN(test_mtu_truncation_of_read_by_type);
    TT_RUN(test_database_hash_of_the_spec_example);
    TT_RUN(test_database_hash_follows_structure);
}
