/* Unit tests of the GATT client (layers/gatt_client.h, Core 6.0 Vol 3 Part G
 * 4): byte-exact request/response sequences of every procedure against the
 * ATT PDU formats of Part F 3.4, the client against the kit's own server in a
 * loopback, and the error paths (every ATT error, the transaction timeout,
 * responses that do not answer the request, busy).
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* ---- A client with its storage --------------------------------------------- */

#define MTU_MAX 64
static struct ble_gatt_cli c;
static uint8_t cbuf[BLE_GATT_CLI_BUF_SIZE(MTU_MAX)];
static uint8_t ring[256];
static uint8_t txb[600];
static struct ble_gatt_cli_event ev;
static uint32_t now;

static int sign_fn(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig)
{
    (void)ctx;
    (void)msg;
    ble_memset(sig, 0x5A, BLE_ATT_SIGNATURE_LEN);
    sig[0] = (uint8_t)len;
    return 0;
}

static struct ble_gatt_cli *setup_ring(uint16_t mtu_max, size_t ring_len)
{
    struct ble_gatt_cli_cfg cfg;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.mtu_max = mtu_max;
    cfg.buf = cbuf;
    cfg.buf_len = sizeof cbuf;
    cfg.ntf = ring;
    cfg.ntf_len = ring_len;
    cfg.sign = sign_fn;
    tt_poison(cbuf, sizeof cbuf);
    tt_poison(ring, sizeof ring);
    CHECK_EQ(ble_gatt_cli_init(&c, &cfg), BLE_OK);
    now = 0;
    return &c;
}

static struct ble_gatt_cli *setup(void)
{
    return setup_ring(MTU_MAX, sizeof ring);
}

#define B(...) { __VA_ARGS__ }
/* The next PDU the client sends is exactly these octets. */
#define EXPECT_TX(...)                                                                     \
    do {                                                                                   \
        static const uint8_t e_[] = { __VA_ARGS__ };                                       \
        int n_ = ble_gatt_cli_poll_tx(&c, txb, sizeof txb);                                \
        CHECK_EQ(n_, (int)sizeof e_);                                                      \
        if (n_ == (int)sizeof e_)                                                          \
            CHECK_MEM(txb, e_, sizeof e_);                                                 \
    } while (0)
#define EXPECT_NO_TX() CHECK_EQ(ble_gatt_cli_poll_tx(&c, txb, sizeof txb), BLE_ERR_AGAIN)
/* The server answers these octets. */
#define RX(...)                                                                            \
    do {                                                                                   \
        static const uint8_t r_[] = { __VA_ARGS__ };                                       \
        CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, r_, sizeof r_), BLE_OK);                     \
    } while (0)

static int next_ev(void)
{
    return ble_gatt_cli_poll_event(&c, &ev);
}

static void expect_done(uint8_t proc, uint8_t status, int err)
{
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
    CHECK_EQ(ev.proc, proc);
    CHECK_EQ(ev.status, status);
    CHECK_EQ(ev.err, err);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    CHECK_EQ(c.proc, BLE_GATT_CLI_P_NONE);
}

static int view_is(struct ble_view v, const uint8_t *p, size_t n)
{
    return v.len == n && (!n || tt_memeq(v.p, p, n));
}

static int in_storage(struct ble_view v)
{
    return !v.len || (v.p >= cbuf && v.p + v.len <= cbuf + sizeof cbuf) ||
           (v.p >= ring && v.p + v.len <= ring + sizeof ring);
}

static const uint8_t u128_a[16] = { 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12,
                                    0x34, 0x12, 0x78, 0x56, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t u128_b[16] = { 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12,
                                    0x34, 0x12, 0x78, 0x56, 0x02, 0x00, 0x00, 0x00 };
static const uint8_t u128_c[16] = { 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12,
                                    0x34, 0x12, 0x78, 0x56, 0x03, 0x00, 0x00, 0x00 };
#define U128A 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 0x01, 0x00, 0x00, 0x00
#define U128B 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 0x02, 0x00, 0x00, 0x00

static struct ble_uuid uuid128(const uint8_t *le)
{
    struct ble_uuid u;
    ble_uuid_from_le(&u, le, 16);
    return u;
}

/* ---- init -------------------------------------------------------------------- */

static void test_init_checks_storage(void)
{
    struct ble_gatt_cli_cfg cfg;
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.buf = cbuf;
    cfg.buf_len = BLE_GATT_CLI_BUF_SIZE(23);
    cfg.ntf = ring;
    cfg.ntf_len = BLE_GATT_CLI_NTF_MIN(23);
    CHECK_EQ(ble_gatt_cli_init(&c, &cfg), BLE_OK); /* mtu_max 0: 23 */
    CHECK_EQ(c.mtu, 23);
    CHECK_EQ(c.cfg.timeout_ms, BLE_CFG_GATT_TIMEOUT_MS);
    CHECK_EQ(ble_gatt_cli_next_deadline(&c), BLE_NO_DEADLINE);
    cfg.ntf_len--;
    CHECK_EQ(ble_gatt_cli_init(&c, &cfg), BLE_ERR_NO_SPACE);
    cfg.ntf_len++;
    cfg.mtu_max = 24; /* 72 octets of buf needed */
    CHECK_EQ(ble_gatt_cli_init(&c, &cfg), BLE_ERR_NO_SPACE);
    cfg.mtu_max = 22;
    CHECK_EQ(ble_gatt_cli_init(&c, &cfg), BLE_ERR_PARAM);
    cfg.mtu_max = 518;
    CHECK_EQ(ble_gatt_cli_init(&c, &cfg), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_init(0, &cfg), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_init(&c, 0), BLE_ERR_PARAM);
}

/* ---- Byte-exact procedures ---------------------------------------------------- */

/* G 4.3.1; F 3.4.2.1, 3.4.2.2 */
static void test_exchange_mtu_once_and_the_smaller(void)
{
    setup();
    CHECK_EQ(ble_gatt_cli_exchange_mtu(&c, now), BLE_OK);
    EXPECT_TX(0x02, 0x40, 0x00);   /* ATT_EXCHANGE_MTU_REQ, Client Rx MTU 64 */
    EXPECT_NO_TX();
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN); /* nothing before the response */
    RX(0x03, 0x30, 0x00);          /* Server Rx MTU 48 */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
    CHECK_EQ(ev.proc, BLE_GATT_CLI_P_MTU);
    CHECK_EQ(ev.value, 48);
    CHECK_EQ(c.mtu, 48);
    CHECK_EQ(ble_gatt_cli_exchange_mtu(&c, now), BLE_ERR_STATE); /* once per connection */
    /* a server above our limit: ours; below 23: 23 */
    setup();
    ble_gatt_cli_exchange_mtu(&c, now);
    EXPECT_TX(0x02, 0x40, 0x00);
    RX(0x03, 0x00, 0x02);
    expect_done(BLE_GATT_CLI_P_MTU, 0, BLE_OK);
    CHECK_EQ(c.mtu, 64);
    setup();
    ble_gatt_cli_exchange_mtu(&c, now);
    EXPECT_TX(0x02, 0x40, 0x00);
    RX(0x03, 0x10, 0x00);
    expect_done(BLE_GATT_CLI_P_MTU, 0, BLE_OK);
    CHECK_EQ(c.mtu, 23);
    /* refused: the ATT_MTU stays 23 */
    setup();
    ble_gatt_cli_exchange_mtu(&c, now);
    EXPECT_TX(0x02, 0x40, 0x00);
    RX(0x01, 0x02, 0x00, 0x00, 0x06);
    expect_done(BLE_GATT_CLI_P_MTU, BLE_ATT_ERR_REQUEST_NOT_SUPPORTED, BLE_OK);
    CHECK_EQ(c.mtu, 23);
}

/* G 4.4.1: Read By Group Type over 0x0001..0xFFFF, next from the last end + 1,
 * until Attribute Not Found. */
static void test_discover_all_primary_services(void)
{
    struct ble_uuid u = uuid128(u128_a), v = ble_uuid16(0x180F);
    setup();
    CHECK_EQ(ble_gatt_cli_discover_services(&c, now), BLE_OK);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28); /* F 3.4.4.9, type 0x2800 */
    RX(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x00, 0x18, 0x06, 0x00, 0x09, 0x00, 0x0F, 0x18);
    EXPECT_NO_TX(); /* the next request waits until the results are pulled */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_SERVICE);
    CHECK_EQ(ev.proc, BLE_GATT_CLI_P_DISC_ALL_SVC);
    CHECK_EQ(ev.handle, 1);
    CHECK_EQ(ev.end_handle, 5);
    CHECK_EQ(ev.uuid.len, 2);
    EXPECT_NO_TX();
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 6);
    CHECK_EQ(ev.end_handle, 9);
    CHECK(ble_uuid_eq(&ev.uuid, &v));
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN); /* the next request is queued */
    EXPECT_TX(0x10, 0x0A, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x14, 0x0A, 0x00, 0x0C, 0x00, U128A);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x0A);
    CHECK_EQ(ev.end_handle, 0x0C);
    CHECK(ble_uuid_eq(&ev.uuid, &u));
    CHECK_EQ(ev.uuid.len, 16);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x10, 0x0D, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x01, 0x10, 0x0D, 0x00, 0x0A); /* Attribute Not Found: complete */
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_OK);
    EXPECT_NO_TX();
}

static void test_discovery_ends_at_handle_ffff(void)
{
    setup();
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x18);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.end_handle, 0xFFFF);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_OK);
    EXPECT_NO_TX(); /* no request after 0xFFFF */
}

/* G 4.4.2: Find By Type Value, type 0x2800, the UUID as value */
static void test_discover_primary_service_by_uuid(void)
{
    struct ble_uuid u16 = ble_uuid16(0x180F), u = uuid128(u128_b);
    setup();
    CHECK_EQ(ble_gatt_cli_discover_services_by_uuid(&c, now, &u16), BLE_OK);
    EXPECT_TX(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18);
    RX(0x07, 0x04, 0x00, 0x08, 0x00, 0x20, 0x00, 0x22, 0x00);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_SERVICE);
    CHECK_EQ(ev.handle, 4);
    CHECK_EQ(ev.end_handle, 8);
    CHECK(ble_uuid_eq(&ev.uuid, &u16));
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x20);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x06, 0x23, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18);
    RX(0x01, 0x06, 0x23, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_DISC_SVC_UUID, 0, BLE_OK);
    /* 128-bit: 16 octets of value, 23 octets in all */
    CHECK_EQ(ble_gatt_cli_discover_services_by_uuid(&c, now, &u), BLE_OK);
    EXPECT_TX(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, U128B);
    RX(0x01, 0x06, 0x01, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_DISC_SVC_UUID, 0, BLE_OK);
}

/* G 4.5.1: Read By Type 0x2802 over the service; a 128-bit included service
 * has no UUID in the declaration and is read with a Read Request. */
static void test_find_included_services(void)
{
    struct ble_uuid u = uuid128(u128_c);
    setup();
    CHECK_EQ(ble_gatt_cli_find_included(&c, now, 0x0004, 0x000A), BLE_OK);
    EXPECT_TX(0x08, 0x04, 0x00, 0x0A, 0x00, 0x02, 0x28);
    RX(0x09, 0x08, 0x05, 0x00, 0x40, 0x00, 0x42, 0x00, 0x10, 0xFF);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_INCLUDE);
    CHECK_EQ(ev.handle, 5);
    CHECK_EQ(ev.start_handle, 0x40);
    CHECK_EQ(ev.end_handle, 0x42);
    CHECK_EQ(ev.uuid.len, 2);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x08, 0x06, 0x00, 0x0A, 0x00, 0x02, 0x28);
    RX(0x09, 0x06, 0x06, 0x00, 0x50, 0x00, 0x52, 0x00);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x0A, 0x50, 0x00); /* Read Request of the included service's declaration */
    RX(0x0B, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 0x03, 0x00, 0x00, 0x00);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_INCLUDE);
    CHECK_EQ(ev.handle, 6);
    CHECK_EQ(ev.start_handle, 0x50);
    CHECK_EQ(ev.end_handle, 0x52);
    CHECK(ble_uuid_eq(&ev.uuid, &u));
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x08, 0x07, 0x00, 0x0A, 0x00, 0x02, 0x28); /* after the last include */
    RX(0x01, 0x08, 0x07, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_FIND_INCLUDED, 0, BLE_OK);
    /* the UUID read failing ends the procedure with its error */
    ble_gatt_cli_find_included(&c, now, 0x0004, 0x000A);
    EXPECT_TX(0x08, 0x04, 0x00, 0x0A, 0x00, 0x02, 0x28);
    RX(0x09, 0x06, 0x06, 0x00, 0x50, 0x00, 0x52, 0x00);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x0A, 0x50, 0x00);
    RX(0x01, 0x0A, 0x50, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_FIND_INCLUDED, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND, BLE_OK);
}

/* G 4.6.1 / 4.6.2: Read By Type 0x2803, next from the last declaration + 1 */
static void test_discover_characteristics(void)
{
    struct ble_uuid want = ble_uuid16(0x2A19), u = uuid128(u128_b);
    setup();
    CHECK_EQ(ble_gatt_cli_discover_characteristics(&c, now, 0x0001, 0x0010, 0), BLE_OK);
    EXPECT_TX(0x08, 0x01, 0x00, 0x10, 0x00, 0x03, 0x28);
    RX(0x09, 0x07, 0x02, 0x00, 0x02, 0x03, 0x00, 0x00, 0x2A, 0x07, 0x00, 0x12, 0x08, 0x00, 0x19, 0x2A);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_CHARACTERISTIC);
    CHECK_EQ(ev.handle, 2);
    CHECK_EQ(ev.props, BLE_GATT_PROP_READ);
    CHECK_EQ(ev.value_handle, 3);
    CHECK_EQ(ev.uuid.len, 2);
    CHECK_EQ(ev.uuid.v[0], 0x00);
    CHECK_EQ(ev.uuid.v[1], 0x2A);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 7);
    CHECK_EQ(ev.props, 0x12);
    CHECK_EQ(ev.value_handle, 8);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x08, 0x08, 0x00, 0x10, 0x00, 0x03, 0x28);
    RX(0x09, 0x15, 0x0C, 0x00, 0x0A, 0x0D, 0x00, U128B);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x0C);
    CHECK(ble_uuid_eq(&ev.uuid, &u));
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x08, 0x0D, 0x00, 0x10, 0x00, 0x03, 0x28);
    RX(0x01, 0x08, 0x0D, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_CHRC, 0, BLE_OK);
    /* by UUID: the same requests, only the matching ones come out */
    CHECK_EQ(ble_gatt_cli_discover_characteristics(&c, now, 0x0001, 0x0008, &want), BLE_OK);
    EXPECT_TX(0x08, 0x01, 0x00, 0x08, 0x00, 0x03, 0x28);
    RX(0x09, 0x07, 0x02, 0x00, 0x02, 0x03, 0x00, 0x00, 0x2A, 0x07, 0x00, 0x12, 0x08, 0x00, 0x19, 0x2A);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_CHARACTERISTIC);
    CHECK_EQ(ev.handle, 7);
    CHECK_EQ(ev.proc, BLE_GATT_CLI_P_DISC_CHRC_UUID);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x08, 0x08, 0x00, 0x08, 0x00, 0x03, 0x28);
    RX(0x01, 0x08, 0x08, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_DISC_CHRC_UUID, 0, BLE_OK);
}

/* G 4.7.1: Find Information; the last handle at the range's end ends it */
static void test_discover_descriptors(void)
{
    setup();
    CHECK_EQ(ble_gatt_cli_discover_descriptors(&c, now, 0x0009, 0x000C), BLE_OK);
    EXPECT_TX(0x04, 0x09, 0x00, 0x0C, 0x00);
    RX(0x05, 0x01, 0x09, 0x00, 0x02, 0x29, 0x0A, 0x00, 0x01, 0x29);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DESCRIPTOR);
    CHECK_EQ(ev.handle, 9);
    CHECK_EQ(ev.uuid.v[0], 0x02);
    CHECK_EQ(ev.uuid.v[1], 0x29);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x0A);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x04, 0x0B, 0x00, 0x0C, 0x00);
    RX(0x05, 0x02, 0x0C, 0x00, U128A);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x0C);
    CHECK_EQ(ev.uuid.len, 16);
    expect_done(BLE_GATT_CLI_P_DISC_DESC, 0, BLE_OK); /* 0x0C was the end: no request */
    EXPECT_NO_TX();
}

/* G 4.8.1, 4.8.2 */
static void test_read_and_read_by_uuid(void)
{
    static const uint8_t abc[] = { 'a', 'b', 'c' };
    struct ble_uuid u = ble_uuid16(0x2A19);
    setup();
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0003), BLE_OK);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x0B, 'a', 'b', 'c');
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_VALUE);
    CHECK_EQ(ev.handle, 3);
    CHECK_EQ(ev.offset, 0);
    CHECK(view_is(ev.data, abc, 3));
    CHECK(in_storage(ev.data));
    expect_done(BLE_GATT_CLI_P_READ, 0, BLE_OK);
    /* an empty value is one event with no data */
    ble_gatt_cli_read(&c, now, 0x0003);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x0B);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.data.len, 0);
    expect_done(BLE_GATT_CLI_P_READ, 0, BLE_OK);
    CHECK_EQ(ble_gatt_cli_read_by_uuid(&c, now, 0x0001, 0xFFFF, &u), BLE_OK);
    EXPECT_TX(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x19, 0x2A);
    RX(0x09, 0x03, 0x08, 0x00, 0x64, 0x20, 0x00, 0x32);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_VALUE);
    CHECK_EQ(ev.handle, 8);
    CHECK_EQ(ev.data.len, 1);
    CHECK_EQ(ev.data.p[0], 0x64);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x20);
    expect_done(BLE_GATT_CLI_P_READ_UUID, 0, BLE_OK);
    EXPECT_NO_TX();
    /* nothing of the type: the error comes out */
    ble_gatt_cli_read_by_uuid(&c, now, 0x0001, 0xFFFF, &u);
    EXPECT_TX(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x19, 0x2A);
    RX(0x01, 0x08, 0x01, 0x00, 0x0A);
    expect_done(BLE_GATT_CLI_P_READ_UUID, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND, BLE_OK);
}

/* G 4.8.3: Read, then Read Blob from the octets received, until a short part */
static void test_read_long(void)
{
    setup_ring(23, sizeof ring);
    CHECK_EQ(ble_gatt_cli_read_long(&c, now, 0x000C, 0), BLE_OK);
    EXPECT_TX(0x0A, 0x0C, 0x00);
    RX(0x0B, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_VALUE);
    CHECK_EQ(ev.offset, 0);
    CHECK_EQ(ev.data.len, 22);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x0C, 0x0C, 0x00, 0x16, 0x00); /* offset 22 */
    RX(0x0D, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.offset, 22);
    CHECK_EQ(ev.data.p[0], 22);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x0C, 0x0C, 0x00, 0x2C, 0x00); /* offset 44 */
    RX(0x0D, 44, 45);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.offset, 44);
    CHECK_EQ(ev.data.len, 2);
    expect_done(BLE_GATT_CLI_P_READ_LONG, 0, BLE_OK);
    /* a value of exactly ATT_MTU - 1: Attribute Not Long on the blob ends it */
    ble_gatt_cli_read_long(&c, now, 0x0003, 0);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x0B, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x0C, 0x03, 0x00, 0x16, 0x00);
    RX(0x01, 0x0C, 0x03, 0x00, 0x0B);
    expect_done(BLE_GATT_CLI_P_READ_LONG, 0, BLE_OK);
    /* from an offset: Read Blob first, and there Attribute Not Long is an error */
    ble_gatt_cli_read_long(&c, now, 0x0003, 5);
    EXPECT_TX(0x0C, 0x03, 0x00, 0x05, 0x00);
    RX(0x01, 0x0C, 0x03, 0x00, 0x0B);
    expect_done(BLE_GATT_CLI_P_READ_LONG, BLE_ATT_ERR_ATTRIBUTE_NOT_LONG, BLE_OK);
}

/* A server that never sends a short part: the read stops past 512 octets */
static void test_read_long_stops_past_512(void)
{
    uint8_t part[23];
    int parts = 0;
    setup_ring(23, sizeof ring);
    ble_memset(part, 0x11, sizeof part);
    part[0] = BLE_ATT_READ_RSP;
    ble_gatt_cli_read_long(&c, now, 0x000C, 0);
    for (;;) {
        int n = ble_gatt_cli_poll_tx(&c, txb, sizeof txb);
        if (n < 0)
            break;
        CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, part, sizeof part), BLE_OK);
        part[0] = BLE_ATT_READ_BLOB_RSP;
        while (next_ev() == BLE_OK && ev.type == BLE_GATT_CLI_EV_VALUE)
            parts++;
        if (ev.type == BLE_GATT_CLI_EV_DONE)
            break;
    }
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
    CHECK_EQ(ev.err, BLE_ERR_TOO_LONG);
    CHECK_EQ(parts, 24); /* 24 x 22 = 528: the offset passed 512 */
}

/* G 4.8.4, 4.8.5 */
static void test_read_multiple_and_variable(void)
{
    static const uint16_t hs[2] = { 0x0003, 0x0008 };
    static const uint8_t set[] = { 'a', 'b', 0x64 };
    static const uint8_t ab[] = { 'a', 'b' };
    setup();
    CHECK_EQ(ble_gatt_cli_read_multiple(&c, now, hs, 2), BLE_OK);
    EXPECT_TX(0x0E, 0x03, 0x00, 0x08, 0x00);
    RX(0x0F, 'a', 'b', 0x64);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_VALUE);
    CHECK_EQ(ev.handle, 0);
    CHECK(view_is(ev.data, set, 3));
    expect_done(BLE_GATT_CLI_P_READ_MULTIPLE, 0, BLE_OK);
    CHECK_EQ(ble_gatt_cli_read_multiple_variable(&c, now, hs, 2), BLE_OK);
    EXPECT_TX(0x20, 0x03, 0x00, 0x08, 0x00);
    RX(0x21, 0x02, 0x00, 'a', 'b', 0x05, 0x00, 0x64); /* the second cut short */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 3);
    CHECK_EQ(ev.value, 2);
    CHECK(view_is(ev.data, ab, 2));
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 8);
    CHECK_EQ(ev.value, 5);
    CHECK_EQ(ev.data.len, 1);
    expect_done(BLE_GATT_CLI_P_READ_MULTIPLE_VAR, 0, BLE_OK);
    /* more tuples than handles asked */
    ble_gatt_cli_read_multiple_variable(&c, now, hs, 2);
    EXPECT_TX(0x20, 0x03, 0x00, 0x08, 0x00);
    RX(0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    expect_done(BLE_GATT_CLI_P_READ_MULTIPLE_VAR, 0, BLE_ERR_PROTOCOL);
    CHECK_EQ(ble_gatt_cli_read_multiple(&c, now, hs, 1), BLE_ERR_PARAM);
    {
        static const uint16_t many[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
        setup_ring(23, sizeof ring);
        CHECK_EQ(ble_gatt_cli_read_multiple(&c, now, many, 12), BLE_ERR_TOO_LONG); /* 25 > 23 */
        CHECK_EQ(ble_gatt_cli_read_multiple(&c, now, many, 11), BLE_OK);
    }
}

/* G 4.9.1 - 4.9.3, 4.12.3 */
static void test_writes_commands_and_subscribe(void)
{
    static const uint8_t v[] = { 0x01, 0x02 };
    setup();
    CHECK_EQ(ble_gatt_cli_write(&c, now, 0x000D, v, 2), BLE_OK);
    EXPECT_TX(0x12, 0x0D, 0x00, 0x01, 0x02);
    /* commands go out while the request is outstanding; no DONE for them */
    CHECK_EQ(ble_gatt_cli_write_cmd(&c, now, 0x000E, v, 2), BLE_OK);
    CHECK_EQ(ble_gatt_cli_write_cmd(&c, now, 0x000E, v, 2), BLE_ERR_BUSY);
    EXPECT_TX(0x52, 0x0E, 0x00, 0x01, 0x02);
    CHECK_EQ(ble_gatt_cli_signed_write(&c, now, 0x000E, v, 2), BLE_OK);
    EXPECT_TX(0xD2, 0x0E, 0x00, 0x01, 0x02, 5, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A,
              0x5A);
    RX(0x13);
    expect_done(BLE_GATT_CLI_P_WRITE, 0, BLE_OK);
    CHECK_EQ(ble_gatt_cli_subscribe(&c, now, 0x0009, 0x0003), BLE_OK);
    EXPECT_TX(0x12, 0x09, 0x00, 0x03, 0x00);
    RX(0x13);
    expect_done(BLE_GATT_CLI_P_SUBSCRIBE, 0, BLE_OK);
    CHECK_EQ(ble_gatt_cli_subscribe(&c, now, 0x0009, 0x0004), BLE_ERR_PARAM);
    /* sizes against ATT_MTU 64 */
    CHECK_EQ(ble_gatt_cli_write(&c, now, 0x000D, txb, 62), BLE_ERR_TOO_LONG);
    CHECK_EQ(ble_gatt_cli_write_cmd(&c, now, 0x000D, txb, 62), BLE_ERR_TOO_LONG);
    CHECK_EQ(ble_gatt_cli_signed_write(&c, now, 0x000D, txb, 50), BLE_ERR_TOO_LONG);
    CHECK_EQ(ble_gatt_cli_write(&c, now, 0, v, 2), BLE_ERR_PARAM);
    c.cfg.sign = 0;
    CHECK_EQ(ble_gatt_cli_signed_write(&c, now, 0x000D, v, 2), BLE_ERR_STATE);
}

/* G 4.9.4: Prepare Writes of ATT_MTU - 5 octets, each echo checked, then Execute */
static void test_write_long(void)
{
    uint8_t v[40];
    size_t i;
    for (i = 0; i < sizeof v; i++)
        v[i] = (uint8_t)(0x40 + i);
    setup_ring(23, sizeof ring);
    CHECK_EQ(ble_gatt_cli_write_long(&c, now, 0x000D, 0, v, sizeof v), BLE_OK);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B,
              0x4C, 0x4D, 0x4E, 0x4F, 0x50, 0x51);
    RX(0x17, 0x0D, 0x00, 0x00, 0x00, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C,
       0x4D, 0x4E, 0x4F, 0x50, 0x51);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x12, 0x00, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D,
              0x5E, 0x5F, 0x60, 0x61, 0x62, 0x63);
    RX(0x17, 0x0D, 0x00, 0x12, 0x00, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E,
       0x5F, 0x60, 0x61, 0x62, 0x63);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x24, 0x00, 0x64, 0x65, 0x66, 0x67);
    RX(0x17, 0x0D, 0x00, 0x24, 0x00, 0x64, 0x65, 0x66, 0x67);
    EXPECT_TX(0x18, 0x01); /* Execute Write, Flags 0x01 */
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    RX(0x19);
    expect_done(BLE_GATT_CLI_P_WRITE_LONG, 0, BLE_OK);
    /* Prepare Queue Full: cancelled, then DONE with the error */
    ble_gatt_cli_write_long(&c, now, 0x000D, 4, v, 3);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x04, 0x00, 0x40, 0x41, 0x42);
    RX(0x01, 0x16, 0x0D, 0x00, 0x09);
    EXPECT_TX(0x18, 0x00);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    RX(0x19);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
    CHECK_EQ(ev.status, BLE_ATT_ERR_PREPARE_QUEUE_FULL);
    CHECK_EQ(ev.handle, 0x000D);
    /* an execute that fails */
    ble_gatt_cli_write_long(&c, now, 0x000D, 0, v, 1);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0x40);
    RX(0x17, 0x0D, 0x00, 0x00, 0x00, 0x40);
    EXPECT_TX(0x18, 0x01);
    RX(0x01, 0x18, 0x0D, 0x00, 0x0D);
    expect_done(BLE_GATT_CLI_P_WRITE_LONG, BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH, BLE_OK);
    CHECK_EQ(ble_gatt_cli_write_long(&c, now, 0x000D, 500, v, 13), BLE_ERR_TOO_LONG);
}

/* G 4.9.5: every echo checked; a mismatch cancels with Flags 0x00 */
static void test_reliable_write_and_echo_mismatch(void)
{
    static const uint8_t a[] = { 0xA1, 0xA2 };
    static const uint8_t b[] = { 0xB1 };
    struct ble_gatt_cli_write_item w[2];
    setup();
    w[0].handle = 0x000D;
    w[0].value = a;
    w[0].len = 2;
    w[1].handle = 0x000E;
    w[1].value = b;
    w[1].len = 1;
    CHECK_EQ(ble_gatt_cli_reliable_write(&c, now, w, 2), BLE_OK);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA2);
    RX(0x17, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA2);
    EXPECT_TX(0x16, 0x0E, 0x00, 0x00, 0x00, 0xB1);
    RX(0x17, 0x0E, 0x00, 0x00, 0x00, 0xB1);
    EXPECT_TX(0x18, 0x01);
    RX(0x19);
    expect_done(BLE_GATT_CLI_P_RELIABLE_WRITE, 0, BLE_OK);
    /* the server echoes another value: cancel, and say why */
    ble_gatt_cli_reliable_write(&c, now, w, 2);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA2);
    RX(0x17, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA3);
    EXPECT_TX(0x18, 0x00);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    RX(0x19);
    expect_done(BLE_GATT_CLI_P_RELIABLE_WRITE, 0, BLE_ERR_PROTOCOL);
    CHECK_EQ(c.stats.echo_mismatches, 1);
    /* another offset, or a shorter echo, is a mismatch too */
    ble_gatt_cli_reliable_write(&c, now, w, 2);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA2);
    RX(0x17, 0x0D, 0x00, 0x01, 0x00, 0xA1, 0xA2);
    EXPECT_TX(0x18, 0x00);
    RX(0x19);
    expect_done(BLE_GATT_CLI_P_RELIABLE_WRITE, 0, BLE_ERR_PROTOCOL);
    ble_gatt_cli_reliable_write(&c, now, w, 2);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA2);
    RX(0x17, 0x0D, 0x00, 0x00, 0x00, 0xA1);
    EXPECT_TX(0x18, 0x00);
    RX(0x01, 0x18, 0x00, 0x00, 0x0E); /* even the cancel failing ends it once */
    expect_done(BLE_GATT_CLI_P_RELIABLE_WRITE, 0, BLE_ERR_PROTOCOL);
    CHECK_EQ(c.stats.echo_mismatches, 3);
    CHECK_EQ(c.stats.bad_responses, 3);
    /* a malformed Prepare Write Response cancels too; a wrong answer to the
     * cancel is counted, and the procedure still ends once */
    ble_gatt_cli_reliable_write(&c, now, w, 2);
    EXPECT_TX(0x16, 0x0D, 0x00, 0x00, 0x00, 0xA1, 0xA2);
    RX(0x17, 0x0D, 0x00);
    EXPECT_TX(0x18, 0x00);
    RX(0x13);
    expect_done(BLE_GATT_CLI_P_RELIABLE_WRITE, 0, BLE_ERR_SHORT);
    CHECK_EQ(c.stats.bad_responses, 5);
    CHECK_EQ(ble_gatt_cli_reliable_write(&c, now, w, 0), BLE_ERR_PARAM);
}

/* G 4.10, 4.11; F 3.4.7: notifications and indications, confirmed once pulled */
static void test_notifications_and_indications(void)
{
    setup();
    RX(0x1B, 0x08, 0x00, 0x64);
    RX(0x1D, 0x08, 0x00, 0x65, 0x66);
    RX(0x23, 0x08, 0x00, 0x01, 0x00, 0x67, 0x0D, 0x00, 0x00, 0x00); /* F 3.4.7.4 */
    EXPECT_NO_TX(); /* no confirmation before the application has the indication */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_NOTIFICATION);
    CHECK_EQ(ev.proc, BLE_GATT_CLI_P_NONE);
    CHECK_EQ(ev.handle, 8);
    CHECK_EQ(ev.data.len, 1);
    CHECK_EQ(ev.data.p[0], 0x64);
    CHECK(in_storage(ev.data));
    EXPECT_NO_TX();
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_INDICATION);
    CHECK_EQ(ev.data.len, 2);
    CHECK_EQ(ev.data.p[1], 0x66);
    EXPECT_TX(0x1E); /* F 3.4.7.3 */
    EXPECT_NO_TX();
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_NOTIFICATION);
    CHECK_EQ(ev.handle, 8);
    CHECK_EQ(ev.data.p[0], 0x67);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 0x0D);
    CHECK_EQ(ev.data.len, 0);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    /* malformed ones are counted, and nothing is confirmed */
    RX(0x1B, 0x08);
    RX(0x1D);
    RX(0x23, 0x08, 0x00, 0x05, 0x00, 0x01);
    CHECK_EQ(c.stats.bad_notifications, 3);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_NO_TX();
}

/* A full ring: counted and reported, never silently dropped; the ring wraps */
static void test_lost_notifications_are_reported(void)
{
    int i, got = 0;
    setup_ring(23, 40); /* room for two 8-octet values (14 each) */
    RX(0x1B, 0x01, 0x00, 1, 2, 3, 4, 5, 6, 7, 8);
    RX(0x1B, 0x02, 0x00, 1, 2, 3, 4, 5, 6, 7, 8);
    RX(0x1B, 0x03, 0x00, 1, 2, 3, 4, 5, 6, 7, 8);
    RX(0x1D, 0x04, 0x00, 1, 2, 3, 4, 5, 6, 7, 8);
    CHECK_EQ(c.stats.lost_notifications, 1);
    CHECK_EQ(c.stats.lost_indications, 1);
    EXPECT_TX(0x1E); /* a lost indication is still confirmed */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_LOST);
    CHECK_EQ(ev.count, 1);
    CHECK_EQ(ev.value, 1);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 1);
    /* the entry given out stays until the next poll_event: still full */
    RX(0x1B, 0x05, 0x00, 9, 9, 9, 9, 9, 9, 9, 9);
    CHECK_EQ(c.stats.lost_notifications, 2);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_LOST);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 2);
    /* one slot free at the start: the next one wraps there */
    RX(0x1B, 0x05, 0x00, 9, 9, 9, 9, 9, 9, 9, 9);
    CHECK_EQ(c.stats.lost_notifications, 2);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 5);
    CHECK_EQ(ev.data.p[0], 9);
    CHECK(ev.data.p >= ring && ev.data.p + ev.data.len <= ring + 40);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    /* wrapped: room between the write and the read position; a Multiple
     * Handle Value Notification whose second value does not fit */
    setup_ring(23, 40);
    RX(0x1B, 0x01, 0x00, 1, 2, 3, 4, 5, 6, 7, 8);
    RX(0x1B, 0x02, 0x00, 1, 2, 3, 4, 5, 6, 7, 8);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(next_ev(), BLE_OK); /* entry 1 free, entry 2 held */
    RX(0x1B, 0x03, 0x00, 7); /* 7 octets at the end: fits after entry 2 */
    RX(0x23, 0x04, 0x00, 0x01, 0x00, 4, 0x05, 0x00, 0x01, 0x00, 5, 0x06, 0x00, 0x01, 0x00, 6);
    CHECK_EQ(c.stats.lost_notifications, 1); /* 4 wraps to the start, 5 fits after it, 6 does not */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_LOST);
    CHECK_EQ(ev.count, 1);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 3);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 4);
    CHECK_EQ(ev.data.p[0], 4);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.handle, 5);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    setup_ring(23, 40);
    /* many in a row, pulled as they come: none lost */
    for (i = 0; i < 50; i++) {
        uint8_t n[8] = { 0x1B, 0x07, 0x00, (uint8_t)i, 1, 2, 3, 4 };
        CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, n, (size_t)(4 + i % 5)), BLE_OK);
        if (i % 2)
            while (next_ev() == BLE_OK) {
                CHECK_EQ(ev.data.p[0], got);
                got++;
            }
    }
    while (next_ev() == BLE_OK)
        got++;
    CHECK_EQ(got, 50);
    CHECK_EQ(c.stats.lost_notifications, 0);
}

/* ---- Error paths ------------------------------------------------------------- */

/* F 3.4.1.1: every error code of an Error Response ends the procedure with it */
static void test_every_att_error_reaches_done(void)
{
    static const uint8_t codes[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C,
                                     0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x80, 0x9F, 0xE0, 0xFC, 0xFD,
                                     0xFE, 0xFF };
    size_t i;
    setup();
    for (i = 0; i < sizeof codes; i++) {
        uint8_t e[5] = { 0x01, 0x0A, 0x03, 0x00, 0 };
        e[4] = codes[i];
        CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0003), BLE_OK);
        EXPECT_TX(0x0A, 0x03, 0x00);
        CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, e, 5), BLE_OK);
        CHECK_EQ(next_ev(), BLE_OK);
        CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
        CHECK_EQ(ev.status, codes[i]);
        CHECK_EQ(ev.err, BLE_OK);
        CHECK_EQ(ev.handle, 3);
    }
    /* in a discovery, errors other than Attribute Not Found are errors */
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x01, 0x10, 0x01, 0x00, 0x0F);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, BLE_ATT_ERR_INSUFFICIENT_ENCRYPTION, BLE_OK);
    CHECK_EQ(c.stats.bad_responses, 0);
}

/* F 3.3.3: 30 s without a response; the bearer is dead for good */
static void test_transaction_timeout_kills_the_bearer(void)
{
    static const uint8_t v[] = { 1 };
    setup();
    now = 1000;
    ble_gatt_cli_read(&c, now, 0x0003);
    CHECK_EQ(ble_gatt_cli_next_deadline(&c), BLE_NO_DEADLINE); /* not sent yet */
    EXPECT_TX(0x0A, 0x03, 0x00);
    CHECK_EQ(ble_gatt_cli_next_deadline(&c), 31000);
    CHECK_EQ(ble_gatt_cli_on_timer(&c, 30999), BLE_OK);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    RX(0x1D, 0x08, 0x00, 0x01); /* an indication arrives meanwhile */
    CHECK_EQ(ble_gatt_cli_on_timer(&c, 31000), BLE_ERR_TIMEOUT);
    CHECK_EQ(ble_gatt_cli_next_deadline(&c), BLE_NO_DEADLINE);
    CHECK_EQ(next_ev(), BLE_OK); /* what was received is still given out ... */
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_INDICATION);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
    CHECK_EQ(ev.proc, BLE_GATT_CLI_P_READ);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
    CHECK_EQ(next_ev(), BLE_ERR_TIMEOUT);
    /* ... but nothing goes out (not even the confirmation) and nothing starts */
    CHECK_EQ(ble_gatt_cli_poll_tx(&c, txb, sizeof txb), BLE_ERR_TIMEOUT);
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0003), BLE_ERR_TIMEOUT);
    CHECK_EQ(ble_gatt_cli_discover_services(&c, now), BLE_ERR_TIMEOUT);
    CHECK_EQ(ble_gatt_cli_write_cmd(&c, now, 0x0003, v, 1), BLE_ERR_TIMEOUT);
    CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, (const uint8_t *)"\x0B\x01", 2), BLE_ERR_TIMEOUT);
    CHECK_EQ(ble_gatt_cli_on_timer(&c, now + 100000), BLE_ERR_TIMEOUT);
    CHECK_EQ(c.stats.after_timeout, 1);
    /* the timer runs from the latest time given when the request leaves */
    setup();
    now = 0xFFFFF000u; /* wraps */
    ble_gatt_cli_read(&c, now, 0x0003);
    CHECK_EQ(ble_gatt_cli_on_timer(&c, 0xFFFFFF00u), BLE_OK);
    EXPECT_TX(0x0A, 0x03, 0x00);
    CHECK_EQ(ble_gatt_cli_next_deadline(&c), 0xFFFFFF00u + 30000u);
    CHECK_EQ(ble_gatt_cli_on_timer(&c, 0xFFFFFF00u + 29999u), BLE_OK);
    RX(0x0B, 0x01);
    CHECK_EQ(ble_gatt_cli_next_deadline(&c), BLE_NO_DEADLINE);
    CHECK_EQ(ble_gatt_cli_on_timer(&c, 0xFFFFFF00u + 40000u), BLE_OK);
}

/* Responses that do not answer the request end it with an error and are counted */
static void test_mismatched_and_malformed_responses(void)
{
    static const uint16_t hs[2] = { 3, 8 };
    setup();
    /* another response opcode */
    ble_gatt_cli_read(&c, now, 0x0003);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x13);
    expect_done(BLE_GATT_CLI_P_READ, 0, BLE_ERR_PROTOCOL);
    /* an Error Response for another request, or with code 0 */
    ble_gatt_cli_read(&c, now, 0x0003);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x01, 0x0C, 0x03, 0x00, 0x01);
    expect_done(BLE_GATT_CLI_P_READ, 0, BLE_ERR_PROTOCOL);
    ble_gatt_cli_read(&c, now, 0x0003);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x01, 0x0A, 0x03, 0x00, 0x00);
    expect_done(BLE_GATT_CLI_P_READ, 0, BLE_ERR_PROTOCOL);
    /* malformed: a Length that is no whole element */
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x00);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_ERR_MALFORMED);
    /* a Length no service can have (a 4-octet UUID) */
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x08, 0x01, 0x00, 0x05, 0x00, 0x00, 0x18, 0x00, 0x00);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_ERR_PROTOCOL);
    /* handles that do not increase: a second request starting at 6 answered with 1 */
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x00, 0x18);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x10, 0x06, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x00, 0x18);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_ERR_PROTOCOL);
    /* within one response, out of order; end before start */
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x06, 0x06, 0x00, 0x09, 0x00, 0x00, 0x18, 0x01, 0x00, 0x05, 0x00, 0x00, 0x18);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_ERR_PROTOCOL);
    ble_gatt_cli_discover_services(&c, now);
    EXPECT_TX(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28);
    RX(0x11, 0x06, 0x06, 0x00, 0x05, 0x00, 0x00, 0x18);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_SVC, 0, BLE_ERR_PROTOCOL);
    /* a handle outside the requested range */
    ble_gatt_cli_discover_characteristics(&c, now, 1, 5, 0);
    EXPECT_TX(0x08, 0x01, 0x00, 0x05, 0x00, 0x03, 0x28);
    RX(0x09, 0x07, 0x06, 0x00, 0x02, 0x07, 0x00, 0x00, 0x2A);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_CHRC, 0, BLE_ERR_PROTOCOL);
    /* a value handle before its declaration */
    ble_gatt_cli_discover_characteristics(&c, now, 1, 5, 0);
    EXPECT_TX(0x08, 0x01, 0x00, 0x05, 0x00, 0x03, 0x28);
    RX(0x09, 0x07, 0x03, 0x00, 0x02, 0x02, 0x00, 0x00, 0x2A);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_CHRC, 0, BLE_ERR_PROTOCOL);
    /* a Length no characteristic declaration has */
    ble_gatt_cli_discover_characteristics(&c, now, 1, 5, 0);
    EXPECT_TX(0x08, 0x01, 0x00, 0x05, 0x00, 0x03, 0x28);
    RX(0x09, 0x04, 0x02, 0x00, 0x02, 0x03);
    expect_done(BLE_GATT_CLI_P_DISC_ALL_CHRC, 0, BLE_ERR_PROTOCOL);
    /* descriptors: a bad Format; a handle below the start */
    ble_gatt_cli_discover_descriptors(&c, now, 4, 5);
    EXPECT_TX(0x04, 0x04, 0x00, 0x05, 0x00);
    RX(0x05, 0x03, 0x04, 0x00, 0x02, 0x29);
    expect_done(BLE_GATT_CLI_P_DISC_DESC, 0, BLE_ERR_MALFORMED);
    ble_gatt_cli_discover_descriptors(&c, now, 4, 5);
    EXPECT_TX(0x04, 0x04, 0x00, 0x05, 0x00);
    RX(0x05, 0x01, 0x03, 0x00, 0x02, 0x29);
    expect_done(BLE_GATT_CLI_P_DISC_DESC, 0, BLE_ERR_PROTOCOL);
    /* Find By Type Value: a group that ends before it starts */
    {
        struct ble_uuid u16 = ble_uuid16(0x180F);
        ble_gatt_cli_discover_services_by_uuid(&c, now, &u16);
        EXPECT_TX(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18);
        RX(0x07, 0x08, 0x00, 0x04, 0x00);
        expect_done(BLE_GATT_CLI_P_DISC_SVC_UUID, 0, BLE_ERR_PROTOCOL);
    }
    /* includes: a Length of 7; an included range starting at 0 */
    ble_gatt_cli_find_included(&c, now, 4, 10);
    EXPECT_TX(0x08, 0x04, 0x00, 0x0A, 0x00, 0x02, 0x28);
    RX(0x09, 0x07, 0x05, 0x00, 0x40, 0x00, 0x42, 0x00, 0x10);
    expect_done(BLE_GATT_CLI_P_FIND_INCLUDED, 0, BLE_ERR_PROTOCOL);
    ble_gatt_cli_find_included(&c, now, 4, 10);
    EXPECT_TX(0x08, 0x04, 0x00, 0x0A, 0x00, 0x02, 0x28);
    RX(0x09, 0x06, 0x05, 0x00, 0x00, 0x00, 0x42, 0x00);
    expect_done(BLE_GATT_CLI_P_FIND_INCLUDED, 0, BLE_ERR_PROTOCOL);
    /* the included service's UUID read is not 16 octets */
    ble_gatt_cli_find_included(&c, now, 4, 10);
    EXPECT_TX(0x08, 0x04, 0x00, 0x0A, 0x00, 0x02, 0x28);
    RX(0x09, 0x06, 0x06, 0x00, 0x50, 0x00, 0x52, 0x00);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    EXPECT_TX(0x0A, 0x50, 0x00);
    RX(0x0B, 0x10, 0xFF);
    expect_done(BLE_GATT_CLI_P_FIND_INCLUDED, 0, BLE_ERR_PROTOCOL);
    /* a response longer than the ATT_MTU */
    setup_ring(23, sizeof ring);
    ble_gatt_cli_read(&c, now, 0x0003);
    EXPECT_TX(0x0A, 0x03, 0x00);
    RX(0x0B, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22);
    expect_done(BLE_GATT_CLI_P_READ, 0, BLE_ERR_TOO_LONG);
    /* a Write Response with a parameter */
    ble_gatt_cli_write(&c, now, 3, (const uint8_t *)"x", 1);
    EXPECT_TX(0x12, 0x03, 0x00, 'x');
    RX(0x13, 0x00);
    expect_done(BLE_GATT_CLI_P_WRITE, 0, BLE_ERR_TRAILING);
    CHECK_EQ(c.stats.bad_responses, 2);
    /* responses without a request, requests, confirmations, unknown opcodes: counted */
    RX(0x0B, 0x01);
    RX(0x0A, 0x03, 0x00);
    RX(0x1E);
    RX(0x3F, 0x01);
    CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, txb, 0), BLE_OK);
    CHECK_EQ(c.stats.unexpected_pdus, 5);
    CHECK_EQ(next_ev(), BLE_ERR_AGAIN);
    /* a response before the request has left */
    ble_gatt_cli_read_multiple(&c, now, hs, 2);
    RX(0x0F, 0x01);
    CHECK_EQ(c.stats.unexpected_pdus, 6);
    EXPECT_TX(0x0E, 0x03, 0x00, 0x08, 0x00);
    RX(0x0F, 0x01);
    CHECK_EQ(next_ev(), BLE_OK);
    expect_done(BLE_GATT_CLI_P_READ_MULTIPLE, 0, BLE_OK);
}

/* F 3.3.2: one request at a time; BUSY until DONE is pulled */
static void test_busy_and_parameters(void)
{
    struct ble_uuid bad;
    setup();
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0003), BLE_OK);
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0004), BLE_ERR_BUSY);
    CHECK_EQ(ble_gatt_cli_discover_services(&c, now), BLE_ERR_BUSY);
    CHECK_EQ(ble_gatt_cli_exchange_mtu(&c, now), BLE_ERR_BUSY);
    EXPECT_TX(0x0A, 0x03, 0x00);
    EXPECT_NO_TX();
    RX(0x0B);
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0004), BLE_ERR_BUSY); /* DONE not pulled */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_DONE);
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0x0004), BLE_OK);
    setup();
    bad.len = 3;
    CHECK_EQ(ble_gatt_cli_read(&c, now, 0), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_discover_services_by_uuid(&c, now, &bad), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_discover_services_by_uuid(&c, now, 0), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_discover_characteristics(&c, now, 5, 4, 0), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_discover_descriptors(&c, now, 0, 4), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_read_by_uuid(&c, now, 1, 4, &bad), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_read_long(&c, now, 3, 513), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_poll_tx(&c, txb, sizeof txb), BLE_ERR_AGAIN);
    CHECK_EQ(c.proc, BLE_GATT_CLI_P_NONE); /* nothing started */
    /* a short poll_tx buffer keeps the PDU */
    ble_gatt_cli_read(&c, now, 3);
    CHECK_EQ(ble_gatt_cli_poll_tx(&c, txb, 2), BLE_ERR_NO_SPACE);
    EXPECT_TX(0x0A, 0x03, 0x00);
    CHECK_EQ(ble_gatt_cli_poll_event(&c, 0), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_on_pdu(0, now, txb, 1), BLE_ERR_PARAM);
    CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, 0, 1), BLE_ERR_PARAM);
    CHECK_STR(ble_gatt_cli_proc_name(BLE_GATT_CLI_P_RELIABLE_WRITE), BLE_CFG_NAMES ? "Reliable Writes" : "");
}

/* ---- Loopback against the kit's own server ------------------------------------ */

static const uint8_t name[] = { 'b', 'l', 'e', 'k', 'i', 't' };
static const uint8_t level_desc[] = { 'L', 'e', 'v', 'e', 'l' };
static const uint8_t sec_value[] = { 0x07 };
static uint8_t level_mem[1];
static struct ble_gatt_buf level;
static uint8_t long_mem[100];
static struct ble_gatt_buf long_value;

#define L_LEVEL 8
#define L_LEVEL_CCCD 9
#define L_LONG 13
#define L_HOOK 15

static const struct ble_gatt_attr db[] = {
    BLE_GATT_PRIMARY_SERVICE(0x1800),                                                    /* 1 */
    BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(name)), /* 2, 3 */
    BLE_GATT_PRIMARY_SERVICE(0x180F),                                                    /* 4 */
    BLE_GATT_INCLUDE(0x0040),                                                            /* 5 */
    BLE_GATT_INCLUDE(0x0050),                                                            /* 6 */
    BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY | BLE_GATT_PROP_INDICATE,
                            BLE_GATT_PERM_READ, BLE_GATT_VAL_RAM(&level, 1)),            /* 7, 8 */
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),                                                  /* 9 */
    BLE_GATT_USER_DESC(BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(level_desc)),             /* 10 */
    BLE_GATT_PRIMARY_SERVICE128(u128_a),                                                 /* 11 */
    BLE_GATT_CHARACTERISTIC128(u128_b, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE | BLE_GATT_PROP_WRITE_NO_RSP,
                               BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_RAM(&long_value, 2)), /* 12, 13 */
    BLE_GATT_CHARACTERISTIC(0xFF01, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE,
                            BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_HOOK(7, 20)), /* 14, 15 */
    BLE_GATT_HANDLE_AT(0x0040),
    BLE_GATT_SECONDARY_SERVICE(0xFF10),                                                  /* 0x40 */
    BLE_GATT_CHARACTERISTIC(0xFF11, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(sec_value)),
    BLE_GATT_HANDLE_AT(0x0050),
    BLE_GATT_SECONDARY_SERVICE128(u128_c),                                               /* 0x50 */
    BLE_GATT_CHARACTERISTIC(0xFF12, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(sec_value)),
};

static struct {
    struct ble_gatt_srv srv;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(100)];
    uint16_t cccd[1];
    struct ble_gatt_srv_prep prep[8];
    uint8_t prep_buf[160];
    struct ble_gatt_srv_event events[8];
} sv;
static uint8_t hook_value[20];
static size_t hook_len;
static int srv_confirmed; /* EV_CONFIRMED events the server gave */

/* Collected results of one procedure. */
static struct ble_gatt_cli_event got[48];
static size_t got_n;
static uint8_t got_data[600];
static size_t got_data_len;

static void loop_setup(uint16_t cli_mtu)
{
    struct ble_gatt_srv_cfg cfg;
    size_t i;
    level_mem[0] = 100;
    level.p = level_mem;
    level.len = 1;
    level.cap = 1;
    for (i = 0; i < sizeof long_mem; i++)
        long_mem[i] = (uint8_t)(i + 1);
    long_value.p = long_mem;
    long_value.len = 80;
    long_value.cap = sizeof long_mem;
    hook_len = 3;
    hook_value[0] = 'h', hook_value[1] = 'k', hook_value[2] = '!';
    ble_memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = sizeof db / sizeof db[0];
    cfg.mtu_max = 100;
    cfg.buf = sv.buf;
    cfg.buf_len = sizeof sv.buf;
    cfg.cccd = sv.cccd;
    cfg.cccd_n = 1;
    cfg.prep = sv.prep;
    cfg.prep_n = 8;
    cfg.prep_buf = sv.prep_buf;
    cfg.prep_buf_len = sizeof sv.prep_buf;
    cfg.events = sv.events;
    cfg.events_n = 8;
    CHECK_EQ(ble_gatt_srv_init(&sv.srv, &cfg), BLE_OK);
    setup_ring(cli_mtu, sizeof ring);
}

/* Moves PDUs both ways and answers the server's hook events until quiet. */
static void pump(void)
{
    int moved = 1, guard = 0;
    while (moved && guard++ < 100) {
        struct ble_gatt_srv_event se;
        int n;
        moved = 0;
        while ((n = ble_gatt_cli_poll_tx(&c, txb, sizeof txb)) > 0) {
            CHECK(n <= c.mtu);
            CHECK_EQ(ble_gatt_srv_on_pdu(&sv.srv, now, txb, (size_t)n), BLE_OK);
            moved = 1;
        }
        while ((n = ble_gatt_srv_poll_tx(&sv.srv, txb, sizeof txb)) > 0) {
            CHECK_EQ(ble_gatt_cli_on_pdu(&c, now, txb, (size_t)n), BLE_OK);
            moved = 1;
        }
        while (ble_gatt_srv_poll_event(&sv.srv, &se) == BLE_OK) {
            srv_confirmed += se.type == BLE_GATT_SRV_EV_CONFIRMED;
            if (se.type == BLE_GATT_SRV_EV_READ_REQ) {
                size_t off = se.offset < hook_len ? se.offset : hook_len;
                ble_gatt_srv_reply(&sv.srv, now, se.token, 0, hook_value + off, hook_len - off);
                moved = 1;
            } else if (se.type == BLE_GATT_SRV_EV_WRITE_REQ) {
                if (se.token) {
                    ble_memcpy(hook_value, se.data.p, se.data.len);
                    hook_len = se.data.len;
                    ble_gatt_srv_reply(&sv.srv, now, se.token, 0, 0, 0);
                }
                moved = 1;
            }
        }
    }
}

/* Runs the started procedure to its DONE: the events in got[], value octets
 * appended in got_data; returns the DONE event. */
static struct ble_gatt_cli_event run(void)
{
    int guard = 0;
    got_n = 0;
    got_data_len = 0;
    for (;;) {
        pump();
        while (next_ev() == BLE_OK) {
            CHECK(in_storage(ev.data));
            if (ev.type == BLE_GATT_CLI_EV_DONE)
                return ev;
            if (got_n < sizeof got / sizeof got[0])
                got[got_n++] = ev;
            if (ev.data.len && got_data_len + ev.data.len <= sizeof got_data) {
                ble_memcpy(got_data + got_data_len, ev.data.p, ev.data.len);
                got_data_len += ev.data.len;
            }
        }
        if (++guard > 200) {
            CHECK(0);
            return ev;
        }
    }
}

static void test_loopback_mtu_and_discovery(void)
{
    struct ble_gatt_cli_event d;
    struct ble_uuid u;
    loop_setup(MTU_MAX);
    CHECK_EQ(ble_gatt_cli_exchange_mtu(&c, now), BLE_OK);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(d.value, 64);
    CHECK_EQ(c.mtu, 64);
    CHECK_EQ(sv.srv.mtu, 64);
    /* G 4.4.1: the three primary services, not the secondary ones */
    ble_gatt_cli_discover_services(&c, now);
    d = run();
    CHECK_EQ(d.err, BLE_OK);
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 3);
    CHECK_EQ(got[0].handle, 1);
    CHECK_EQ(got[0].end_handle, 3);
    CHECK_EQ(got[1].handle, 4);
    CHECK_EQ(got[1].end_handle, 10);
    CHECK_EQ(got[2].handle, 11);
    CHECK_EQ(got[2].end_handle, 15);
    u = uuid128(u128_a);
    CHECK(ble_uuid_eq(&got[2].uuid, &u));
    /* G 4.4.2 */
    ble_gatt_cli_discover_services_by_uuid(&c, now, &u);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 1);
    CHECK_EQ(got[0].handle, 11);
    CHECK_EQ(got[0].end_handle, 15);
    /* G 4.5.1: a 16-bit and a 128-bit included secondary service */
    ble_gatt_cli_find_included(&c, now, 4, 10);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 2);
    CHECK_EQ(got[0].type, BLE_GATT_CLI_EV_INCLUDE);
    CHECK_EQ(got[0].handle, 5);
    CHECK_EQ(got[0].start_handle, 0x40);
    CHECK_EQ(got[0].end_handle, 0x42);
    u = ble_uuid16(0xFF10);
    CHECK(ble_uuid_eq(&got[0].uuid, &u));
    CHECK_EQ(got[1].handle, 6);
    CHECK_EQ(got[1].start_handle, 0x50);
    CHECK_EQ(got[1].end_handle, 0x52);
    u = uuid128(u128_c);
    CHECK(ble_uuid_eq(&got[1].uuid, &u));
    /* G 4.6.1 over the whole database */
    ble_gatt_cli_discover_characteristics(&c, now, 1, 0xFFFF, 0);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 6);
    CHECK_EQ(got[0].handle, 2);
    CHECK_EQ(got[0].value_handle, 3);
    CHECK_EQ(got[1].handle, 7);
    CHECK_EQ(got[1].value_handle, L_LEVEL);
    CHECK_EQ(got[1].props, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY | BLE_GATT_PROP_INDICATE);
    CHECK_EQ(got[2].handle, 12);
    CHECK_EQ(got[2].uuid.len, 16);
    CHECK_EQ(got[3].value_handle, L_HOOK);
    CHECK_EQ(got[4].handle, 0x41);
    CHECK_EQ(got[5].handle, 0x51);
    /* G 4.6.2 */
    u = ble_uuid16(0x2A19);
    ble_gatt_cli_discover_characteristics(&c, now, 4, 10, &u);
    d = run();
    CHECK_EQ(got_n, 1);
    CHECK_EQ(got[0].value_handle, L_LEVEL);
    /* G 4.7.1: the level's descriptors */
    ble_gatt_cli_discover_descriptors(&c, now, L_LEVEL + 1, 10);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 2);
    CHECK_EQ(got[0].handle, L_LEVEL_CCCD);
    u = ble_uuid16(BLE_GATT_UUID_CCCD);
    CHECK(ble_uuid_eq(&got[0].uuid, &u));
    CHECK_EQ(got[1].handle, 10);
}

static void test_loopback_reads(void)
{
    static const uint16_t hs[3] = { 3, L_LEVEL, L_HOOK };
    struct ble_gatt_cli_event d;
    struct ble_uuid u = ble_uuid16(0x2A19);
    loop_setup(23);
    ble_gatt_cli_read(&c, now, 3);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 1);
    CHECK(view_is(ble_view_make(got_data, got_data_len), name, sizeof name));
    /* a hook value answered through the server's event */
    ble_gatt_cli_read(&c, now, L_HOOK);
    d = run();
    CHECK_EQ(got_data_len, 3);
    CHECK_EQ(got_data[2], '!');
    /* G 4.8.3: 80 octets at ATT_MTU 23: 22 + 22 + 22 + 14 */
    ble_gatt_cli_read_long(&c, now, L_LONG, 0);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 4);
    CHECK_EQ(got[3].offset, 66);
    CHECK_EQ(got_data_len, 80);
    CHECK(view_is(ble_view_make(got_data, got_data_len), long_mem, 80));
    ble_gatt_cli_read_by_uuid(&c, now, 1, 0xFFFF, &u);
    d = run();
    CHECK_EQ(got_n, 1);
    CHECK_EQ(got[0].handle, L_LEVEL);
    CHECK_EQ(got_data[0], 100);
    ble_gatt_cli_read_multiple(&c, now, hs, 3);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_data_len, 6 + 1 + 3);
    ble_gatt_cli_read_multiple_variable(&c, now, hs, 3);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 3);
    CHECK_EQ(got[0].handle, 3);
    CHECK_EQ(got[0].value, 6);
    CHECK_EQ(got[1].handle, L_LEVEL);
    CHECK_EQ(got[2].handle, L_HOOK);
    CHECK_EQ(got[2].value, 3);
    /* the server's errors reach DONE */
    ble_gatt_cli_read(&c, now, 0x0030);
    d = run();
    CHECK_EQ(d.status, BLE_ATT_ERR_INVALID_HANDLE);
    CHECK_EQ(d.handle, 0x0030);
    ble_gatt_cli_read_long(&c, now, L_LONG, 90);
    d = run();
    CHECK_EQ(d.status, BLE_ATT_ERR_INVALID_OFFSET);
}

static void test_loopback_writes(void)
{
    uint8_t v[70];
    struct ble_gatt_cli_write_item w[2];
    struct ble_gatt_cli_event d;
    size_t i;
    loop_setup(23);
    for (i = 0; i < sizeof v; i++)
        v[i] = (uint8_t)(0xC0 ^ i);
    ble_gatt_cli_write(&c, now, L_HOOK, v, 5);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(hook_len, 5);
    CHECK_MEM(hook_value, v, 5);
    /* G 4.9.4: 70 octets from offset 10 in four prepares */
    ble_gatt_cli_write_long(&c, now, L_LONG, 10, v, sizeof v);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(d.err, BLE_OK);
    CHECK_EQ(long_value.len, 80);
    CHECK_MEM(long_mem + 10, v, sizeof v);
    CHECK_EQ(long_mem[9], 10);
    /* G 4.9.5 */
    w[0].handle = L_LONG;
    w[0].value = v + 1;
    w[0].len = 30;
    w[1].handle = L_HOOK;
    w[1].value = v + 2;
    w[1].len = 4;
    ble_gatt_cli_reliable_write(&c, now, w, 2);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(d.err, BLE_OK);
    CHECK_EQ(long_value.len, 30);
    CHECK_MEM(long_mem, v + 1, 30);
    CHECK_EQ(hook_len, 4);
    CHECK_MEM(hook_value, v + 2, 4);
    CHECK_EQ(sv.srv.prep_count, 0);
    /* a write the server refuses */
    ble_gatt_cli_write(&c, now, 3, v, 1);
    d = run();
    CHECK_EQ(d.status, BLE_ATT_ERR_WRITE_NOT_PERMITTED);
    /* a long write past the value's room: the execute fails, nothing changes */
    ble_gatt_cli_write_long(&c, now, L_LONG, 90, v, 20);
    d = run();
    CHECK(d.status != 0);
    CHECK_EQ(long_value.len, 30);
    CHECK_EQ(sv.srv.prep_count, 0);
    /* a command */
    CHECK_EQ(ble_gatt_cli_write_cmd(&c, now, L_LONG, v, 3), BLE_OK);
    pump();
    CHECK_EQ(long_value.len, 3);
}

static void test_loopback_subscribe_notify_indicate(void)
{
    static const uint8_t v1[] = { 55 };
    static const uint8_t v2[] = { 66, 67 };
    struct ble_gatt_cli_event d;
    loop_setup(23);
    srv_confirmed = 0;
    CHECK_EQ(ble_gatt_srv_notify(&sv.srv, now, L_LEVEL, v1, 1), BLE_ERR_STATE); /* not enabled yet */
    ble_gatt_cli_subscribe(&c, now, L_LEVEL_CCCD, 3);
    d = run();
    CHECK_EQ(d.status, 0);
    CHECK_EQ(ble_gatt_srv_cccd(&sv.srv, L_LEVEL), 3);
    CHECK_EQ(ble_gatt_srv_notify(&sv.srv, now, L_LEVEL, v1, 1), BLE_OK);
    pump();
    CHECK_EQ(ble_gatt_srv_indicate(&sv.srv, now, L_LEVEL, v2, 2), BLE_OK);
    pump();
    CHECK_EQ(ble_gatt_srv_indicate(&sv.srv, now, L_LEVEL, v2, 2), BLE_ERR_BUSY); /* not confirmed yet */
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_NOTIFICATION);
    CHECK_EQ(ev.handle, L_LEVEL);
    CHECK(view_is(ev.data, v1, 1));
    CHECK_EQ(next_ev(), BLE_OK);
    CHECK_EQ(ev.type, BLE_GATT_CLI_EV_INDICATION);
    CHECK(view_is(ev.data, v2, 2));
    CHECK_EQ(srv_confirmed, 0);
    pump(); /* the confirmation */
    CHECK_EQ(srv_confirmed, 1);
    CHECK_EQ(ble_gatt_srv_indicate(&sv.srv, now, L_LEVEL, v2, 2), BLE_OK);
    pump();
    /* unsubscribe */
    ble_gatt_cli_subscribe(&c, now, L_LEVEL_CCCD, 0);
    d = run(); /* pulls the indication too (got[0]) and confirms it */
    CHECK_EQ(d.status, 0);
    CHECK_EQ(got_n, 1);
    CHECK_EQ(got[0].type, BLE_GATT_CLI_EV_INDICATION);
    CHECK_EQ(ble_gatt_srv_cccd(&sv.srv, L_LEVEL), 0);
    pump();
    CHECK_EQ(sv.srv.ind_state, 0);
    CHECK_EQ(srv_confirmed, 2);
    CHECK_EQ(ble_gatt_srv_notify(&sv.srv, now, L_LEVEL, v1, 1), BLE_ERR_STATE);
}

void suite_gatt_cli(void)
{
    TT_RUN(test_init_checks_storage);
    TT_RUN(test_exchange_mtu_once_and_the_smaller);
    TT_RUN(test_discover_all_primary_services);
    TT_RUN(test_discovery_ends_at_handle_ffff);
    TT_RUN(test_discover_primary_service_by_uuid);
    TT_RUN(test_find_included_services);
    TT_RUN(test_discover_characteristics);
    TT_RUN(test_discover_descriptors);
    TT_RUN(test_read_and_read_by_uuid);
    TT_RUN(test_read_long);
    TT_RUN(test_read_long_stops_past_512);
    TT_RUN(test_read_multiple_and_variable);
    TT_RUN(test_writes_commands_and_subscribe);
    TT_RUN(test_write_long);
    TT_RUN(test_reliable_write_and_echo_mismatch);
    TT_RUN(test_notifications_and_indications);
    TT_RUN(test_lost_notifications_are_reported);
    TT_RUN(test_every_att_error_reaches_done);
    TT_RUN(test_transaction_timeout_kills_the_bearer);
    TT_RUN(test_mismatched_and_malformed_responses);
    TT_RUN(test_busy_and_parameters);
    TT_RUN(test_loopback_mtu_and_discovery);
    TT_RUN(test_loopback_reads);
    TT_RUN(test_loopback_writes);
    TT_RUN(test_loopback_subscribe_notify_indicate);
}
