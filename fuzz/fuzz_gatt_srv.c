/* Fuzz harness of the GATT server (layers/gatt.h), structure-aware: the input
 * is a script over a sample database.
 *   0 n bytes..       a raw ATT PDU of n octets received
 *   1 k a b c d n ..  a request of opcode table[k] with handles a..d near the
 *                     database's and n octets of value
 *   2 h n / 3 h n     notify / indicate the value at handle h (n octets); a
 *                     notify with h >= 0xC0 is a Multiple Handle Value
 *                     Notification of two handles, the octets split in two
 *   4 st n ..         reply to the last hook event (status, n octets)
 *   5 lo hi           time passes (lo | hi << 8) * 64 ms, then on_timer
 *   6 lvl key         link security
 *   7 a b             the database changed in handles a..b
 *   8                 poll every PDU out; 9 every event
 * Invariants: every PDU out decodes with ble_att_decode and fits the ATT_MTU;
 * a response answers the request being served (its own opcode or an Error
 * Response naming it) and only once; handles in responses, notifications and
 * indications exist in the database; a failed Execute Write leaves every RAM
 * value as it was (but for Write Commands that came in before its response
 * was polled); at most one indication is unconfirmed; nothing leaves
 * after the transaction timeout; the database changes only by permitted
 * writes (the read-only RAM value never changes, the value that needs an
 * authenticated link and a 16-octet key changes only once the link has had
 * them).
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static const uint8_t name[] = { 'f', 'u', 'z', 'z' };
static const uint8_t ssf[] = { 0x01 };
static const uint8_t hash[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t u128[16] = { 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12,
                                  0x34, 0x12, 0x78, 0x56, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fmt[] = { 0x04, 0x00, 0xAD, 0x27, 0x01, 0x00, 0x00 };
static uint8_t m_level[1], m_long[80], m_small[6];
static struct ble_gatt_buf b_level, b_long, b_small;

static const struct ble_gatt_attr db[] = {
    BLE_GATT_PRIMARY_SERVICE(0x1800),
    BLE_GATT_CHARACTERISTIC(0x2A00, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(name)),
    BLE_GATT_PRIMARY_SERVICE(0x1801),
    BLE_GATT_SERVICE_CHANGED(BLE_GATT_PERM_WRITE),
    BLE_GATT_CLIENT_FEATURES(BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE),
    BLE_GATT_DATABASE_HASH(),
    BLE_GATT_SERVER_FEATURES(ssf),
    BLE_GATT_PRIMARY_SERVICE(0x180F),
    BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY, BLE_GATT_PERM_READ,
                            BLE_GATT_VAL_RAM(&b_level, 1)),
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),
    BLE_GATT_PRESENTATION_FORMAT(fmt),
    BLE_GATT_PRIMARY_SERVICE128(u128),
    BLE_GATT_INCLUDE(0x0040),
    BLE_GATT_CHARACTERISTIC128(u128, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE,
                               BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_RAM(&b_long, 2)),
    BLE_GATT_CHARACTERISTIC(0xFF01, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE | BLE_GATT_PROP_WRITE_NO_RSP,
                            BLE_GATT_PERM_READ | BLE_GATT_PERM_WRITE, BLE_GATT_VAL_HOOK(3, 30)),
    BLE_GATT_CHARACTERISTIC(0xFF02, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE | BLE_GATT_PROP_NOTIFY |
                                        BLE_GATT_PROP_INDICATE | BLE_GATT_PROP_WRITE_NO_RSP,
                            BLE_GATT_PERM_READ_ENC | BLE_GATT_PERM_WRITE_AUTHEN | BLE_GATT_PERM_KEY16,
                            BLE_GATT_VAL_RAM(&b_small, 4)),
    BLE_GATT_CCCD(BLE_GATT_PERM_WRITE_ENC),
    BLE_GATT_HANDLE_AT(0x0040),
    BLE_GATT_SECONDARY_SERVICE(0xFF10),
    BLE_GATT_CHARACTERISTIC(0xFF11, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(ssf)),
};
#define DB_N (sizeof db / sizeof db[0])
#define MTU_MAX 64

static int verify(void *ctx, const uint8_t *msg, size_t len, const uint8_t *sig)
{
    (void)ctx;
    (void)msg;
    (void)len;
    return sig[0] == 0x5A;
}

static int handle_exists(uint16_t h)
{
    size_t i;
    for (i = 0; i < DB_N; i++)
        if (db[i].kind != BLE_GATT_K_AT && ble_gatt_db_handle(db, DB_N, i) == h)
            return 1;
    return 0;
}

/* The RAM values, to compare around an Execute Write. */
struct snap {
    uint8_t level[1], lng[80], small[6];
    uint16_t l0, l1, l2;
};
static void take(struct snap *s)
{
    memcpy(s->level, m_level, sizeof m_level);
    memcpy(s->lng, m_long, sizeof m_long);
    memcpy(s->small, m_small, sizeof m_small);
    s->l0 = b_level.len;
    s->l1 = b_long.len;
    s->l2 = b_small.len;
}
static int same(const struct snap *s)
{
    struct snap t;
    take(&t);
    return !memcmp(s->level, t.level, sizeof t.level) && !memcmp(s->lng, t.lng, sizeof t.lng) &&
           !memcmp(s->small, t.small, sizeof t.small) && s->l0 == t.l0 && s->l1 == t.l1 && s->l2 == t.l2;
}

static struct {
    struct ble_gatt_srv srv;
    uint8_t buf[BLE_GATT_SRV_BUF_SIZE(MTU_MAX)];
    uint16_t cccd[3];
    struct ble_gatt_srv_prep prep[3];
    uint8_t prep_buf[48];
    struct ble_gatt_srv_event events[4];
} f;

static int expect;            /* the request being served, -1 when none */
static int had_authen16;      /* the link has been authenticated with a 16-octet key */
static int ind_out, exec_snap_valid;
static struct snap exec_snap;

/* Every handle of a response's list exists. */
static void check_handles(const struct ble_att_pdu *p)
{
    struct ble_att_iter it;
    struct ble_view v;
    struct ble_uuid u;
    uint16_t h, e;
    size_t k;
    switch (p->opcode) {
    case BLE_ATT_FIND_INFORMATION_RSP:
        FUZZ_CHECK(ble_att_find_information_rsp_iter(&it, &p->p.find_information_rsp) == BLE_OK);
        while (ble_att_find_information_rsp_next(&it, &h, &u) == BLE_OK)
            FUZZ_CHECK(handle_exists(h));
        break;
    case BLE_ATT_READ_BY_TYPE_RSP:
        FUZZ_CHECK(ble_att_read_by_type_rsp_iter(&it, &p->p.read_by_type_rsp) == BLE_OK);
        while (ble_att_read_by_type_rsp_next(&it, &h, &v) == BLE_OK)
            FUZZ_CHECK(handle_exists(h));
        break;
    case BLE_ATT_READ_BY_GROUP_TYPE_RSP:
        FUZZ_CHECK(ble_att_read_by_group_type_rsp_iter(&it, &p->p.read_by_group_type_rsp) == BLE_OK);
        while (ble_att_read_by_group_type_rsp_next(&it, &h, &e, &v) == BLE_OK)
            FUZZ_CHECK(handle_exists(h) && handle_exists(e) && e >= h);
        break;
    case BLE_ATT_FIND_BY_TYPE_VALUE_RSP:
        for (k = 0; k < p->p.find_by_type_value_rsp.handles_information_list.n; k++) {
            struct ble_att_handles_information hi;
            FUZZ_CHECK(ble_arr_get(&p->p.find_by_type_value_rsp.handles_information_list,
                                   &ble_att_handles_information_desc, k, &hi) == BLE_OK);
            FUZZ_CHECK(handle_exists(hi.found_attribute_handle) && handle_exists(hi.group_end_handle));
        }
        break;
    case BLE_ATT_HANDLE_VALUE_NTF:
    case BLE_ATT_HANDLE_VALUE_IND:
        FUZZ_CHECK(handle_exists(p->p.handle_value_ntf.attribute_handle));
        break;
    case BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF:
        FUZZ_CHECK(ble_att_multiple_handle_value_ntf_iter(&it, &p->p.multiple_handle_value_ntf) == BLE_OK);
        k = 0;
        while (ble_att_multiple_handle_value_ntf_next(&it, &h, &v) == BLE_OK) {
            FUZZ_CHECK(handle_exists(h));
            k++;
        }
        FUZZ_CHECK(k >= 2);
        break;
    default:
        break;
    }
}

static void poll_all(void)
{
    uint8_t out[MTU_MAX + 8];
    int n;
    while ((n = ble_gatt_srv_poll_tx(&f.srv, out, sizeof out)) > 0) {
        struct ble_att_pdu p;
        FUZZ_CHECK(!f.srv.dead);
        FUZZ_CHECK((size_t)n <= f.srv.mtu);
        FUZZ_CHECK(ble_att_decode(out, (size_t)n, &p) == BLE_OK);
        check_handles(&p);
        if (p.opcode == BLE_ATT_HANDLE_VALUE_IND) {
            FUZZ_CHECK(!ind_out); /* one outstanding indication */
            ind_out = 1;
        } else if (p.opcode != BLE_ATT_HANDLE_VALUE_NTF && p.opcode != BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF) {
            FUZZ_CHECK(expect >= 0);
            if (p.opcode == BLE_ATT_ERROR_RSP)
                FUZZ_CHECK(p.p.error_rsp.request_opcode_in_error == (unsigned)expect && p.p.error_rsp.error_code != 0);
            else
                FUZZ_CHECK(p.opcode == ble_att_rsp_opcode((unsigned)expect));
            if (expect == BLE_ATT_EXECUTE_WRITE_REQ && p.opcode == BLE_ATT_ERROR_RSP && exec_snap_valid)
                FUZZ_CHECK(same(&exec_snap)); /* a failed execute changes nothing */
            expect = -1;
            exec_snap_valid = 0;
        }
    }
    FUZZ_CHECK(n == BLE_ERR_AGAIN);
}

/* A command (Write Command, Signed Write) that arrives while an Execute Write
 * awaits its response may change RAM values legitimately: its changes become
 * part of the values the failed execute must leave alone. */
static void rebase(struct snap *base, const struct snap *pre, const struct snap *post)
{
    size_t i;
    for (i = 0; i < sizeof base->level; i++)
        if (pre->level[i] != post->level[i])
            base->level[i] = post->level[i];
    for (i = 0; i < sizeof base->lng; i++)
        if (pre->lng[i] != post->lng[i])
            base->lng[i] = post->lng[i];
    for (i = 0; i < sizeof base->small; i++)
        if (pre->small[i] != post->small[i])
            base->small[i] = post->small[i];
    if (pre->l0 != post->l0)
        base->l0 = post->l0;
    if (pre->l1 != post->l1)
        base->l1 = post->l1;
    if (pre->l2 != post->l2)
        base->l2 = post->l2;
}

static void rx(const uint8_t *pdu, size_t len)
{
    uint32_t busy = f.srv.stats.busy_requests;
    int was_dead = f.srv.dead;
    int req = len && (ble_att_op_type(pdu[0]) == BLE_ATT_TYPE_REQUEST ||
                      (ble_att_op_type(pdu[0]) == BLE_ATT_TYPE_UNKNOWN && !ble_att_op_command_flag(pdu[0])));
    struct snap before;
    take(&before);
    FUZZ_CHECK(ble_gatt_srv_on_pdu(&f.srv, 0, pdu, len) == BLE_OK);
    if (exec_snap_valid && !req) {
        struct snap after;
        take(&after);
        rebase(&exec_snap, &before, &after);
    }
    if (req && !was_dead && f.srv.stats.busy_requests == busy) {
        FUZZ_CHECK(expect < 0);
        expect = pdu[0];
        if (pdu[0] == BLE_ATT_EXECUTE_WRITE_REQ) {
            exec_snap = before;
            exec_snap_valid = 1;
        }
    }
    if (len == 1 && pdu[0] == BLE_ATT_HANDLE_VALUE_CFM && !was_dead && f.srv.ind_state == 0)
        ind_out = 0;
}

static const uint8_t reqs[] = { 0x02, 0x04, 0x06, 0x08, 0x0A, 0x0C, 0x0E, 0x10, 0x12, 0x16, 0x18,
                                0x20, 0x52, 0xD2, 0x1E, 0x3F };

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_gatt_srv_cfg cfg;
    struct ble_gatt_srv_event ev;
    uint16_t token = 0;
    uint32_t now = 0;
    size_t i = 0;
    memset(m_level, 50, sizeof m_level);
    memset(m_long, 0x4C, sizeof m_long);
    memset(m_small, 0x53, sizeof m_small);
    b_level.p = m_level, b_level.len = 1, b_level.cap = 1;
    b_long.p = m_long, b_long.len = 40, b_long.cap = sizeof m_long;
    b_small.p = m_small, b_small.len = 2, b_small.cap = sizeof m_small;
    memset(&cfg, 0, sizeof cfg);
    cfg.attrs = db;
    cfg.n = DB_N;
    cfg.mtu_max = MTU_MAX;
    cfg.buf = f.buf;
    cfg.buf_len = sizeof f.buf;
    cfg.cccd = f.cccd;
    cfg.cccd_n = 3;
    cfg.prep = f.prep;
    cfg.prep_n = 3;
    cfg.prep_buf = f.prep_buf;
    cfg.prep_buf_len = sizeof f.prep_buf;
    cfg.events = f.events;
    cfg.events_n = 4;
    cfg.db_hash = hash;
    cfg.verify_signed = verify;
    FUZZ_CHECK(ble_gatt_srv_init(&f.srv, &cfg) == BLE_OK);
    expect = -1;
    had_authen16 = 0;
    ind_out = 0;
    exec_snap_valid = 0;
    while (i < n) {
        uint8_t op = d[i++] % 10;
        size_t k;
        switch (op) {
        case 0:
            if (i >= n)
                return 0;
            k = d[i++] % (MTU_MAX + 8);
            if (k > n - i)
                k = n - i;
            rx(d + i, k);
            i += k;
            break;
        case 1: {
            uint8_t pdu[MTU_MAX + 8];
            if (i + 6 > n)
                return 0;
            pdu[0] = reqs[d[i] % sizeof reqs];
            pdu[1] = (uint8_t)(d[i + 1] % 0x48);
            pdu[2] = d[i + 2] & 0x80 ? 0xFF : 0;
            pdu[3] = (uint8_t)(d[i + 3] % 0x48);
            pdu[4] = d[i + 4] & 0x80 ? 0xFF : 0;
            k = d[i + 5] % 40;
            i += 6;
            if (k > n - i)
                k = n - i;
            memcpy(pdu + 5, d + i, k);
            i += k;
            rx(pdu, 5 + k);
            break;
        }
        case 2:
        case 3: {
            int rc;
            if (i + 2 > n)
                return 0;
            k = d[i + 1] % 80;
            if (k > n - i - 2)
                k = n - i - 2;
            if (op == 2 && d[i] >= 0xC0) {
                uint16_t hs[2];
                struct ble_view vs[2];
                hs[0] = (uint16_t)(d[i] % 0x48);
                hs[1] = (uint16_t)(d[i] * 7u % 0x48);
                vs[0] = ble_view_make(d + i + 2, k / 2);
                vs[1] = ble_view_make(d + i + 2 + k / 2, k - k / 2);
                rc = ble_gatt_srv_notify_multiple(&f.srv, now, hs, vs, 2);
                FUZZ_CHECK(rc == BLE_OK || rc == BLE_ERR_STATE || rc == BLE_ERR_BUSY || rc == BLE_ERR_PARAM ||
                           rc == BLE_ERR_NOT_FOUND || rc == BLE_ERR_TOO_LONG);
            } else {
                rc = (op == 2 ? ble_gatt_srv_notify : ble_gatt_srv_indicate)(&f.srv, now, (uint16_t)(d[i] % 0x48),
                                                                            k ? d + i + 2 : 0, k);
                FUZZ_CHECK(rc == BLE_OK || rc == BLE_ERR_STATE || rc == BLE_ERR_BUSY || rc == BLE_ERR_PARAM ||
                           rc == BLE_ERR_NOT_FOUND);
            }
            i += 2 + k;
            break;
        }
        case 4:
            if (i + 2 > n)
                return 0;
            k = d[i + 1] % 70;
            if (k > n - i - 2)
                k = n - i - 2;
            (void)ble_gatt_srv_reply(&f.srv, now, token, d[i] < 0x80 ? 0 : d[i], k ? d + i + 2 : 0, k);
            i += 2 + k;
            break;
        case 5:
            if (i + 2 > n)
                return 0;
            now += (uint32_t)(d[i] | d[i + 1] << 8) * 64u;
            i += 2;
            FUZZ_CHECK(ble_gatt_srv_on_timer(&f.srv, now) == BLE_OK);
            if (f.srv.dead)
                ind_out = 0;
            FUZZ_CHECK(f.srv.dead || !ble_time_reached(now, ble_gatt_srv_next_deadline(&f.srv)));
            break;
        case 6:
            if (i + 2 > n)
                return 0;
            ble_gatt_srv_set_security(&f.srv, d[i] % 5, d[i + 1]);
            i += 2;
            break;
        case 7:
            if (i + 2 > n)
                return 0;
            (void)ble_gatt_srv_db_changed(&f.srv, now, d[i], (uint16_t)(d[i] + d[i + 1]));
            i += 2;
            break;
        case 8:
            poll_all();
            break;
        default:
            while (ble_gatt_srv_poll_event(&f.srv, &ev) == BLE_OK) {
                FUZZ_CHECK(ev.type >= BLE_GATT_SRV_EV_READ_REQ && ev.type <= BLE_GATT_SRV_EV_CHANGE_AWARE);
                if (ev.token)
                    token = ev.token;
            }
            break;
        }
        FUZZ_CHECK(f.srv.ind_state <= 2);
        FUZZ_CHECK(f.srv.prep_count <= 3 && f.srv.prep_used <= sizeof f.prep_buf);
        /* only permitted writes change the database */
        FUZZ_CHECK(b_level.len == 1 && m_level[0] == 50);
        if (f.srv.sec_level >= BLE_GATT_SEC_AUTHEN && f.srv.key_size == 16)
            had_authen16 = 1;
        FUZZ_CHECK(had_authen16 || (b_small.len == 2 && m_small[0] == 0x53 && m_small[1] == 0x53));
    }
    poll_all();
    return 0;
}
