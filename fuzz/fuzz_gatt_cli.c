/* Fuzz harness of the GATT client (layers/gatt_client.h), structure-aware:
 * the input is a script of procedure starts, server PDUs and clock steps.
 *   0 k a b c d   start procedure k % 18 with parameters from a..d
 *   1 n bytes..   a raw ATT PDU of n octets from the server
 *   2 m n bytes.. a response shaped for the outstanding request: m & 3 = 0 its
 *                 response opcode then the n octets, 1 an Error Response
 *                 naming it (code = first octet), 2 the request echoed (a
 *                 Prepare Write Response), 3 the echo with one octet changed
 *   3 lo hi       time passes (lo | hi << 8) * 16 ms, then on_timer
 *   4             poll every PDU out;  5 k  pull up to k events
 *   6 n bytes..   a Write Command or (n odd) a Signed Write
 * Invariants: at most one request outstanding; every PDU out decodes and fits
 * the ATT_MTU; a Prepare Write carries the caller's value at its offset;
 * confirmations never outnumber the indications given out or lost; events'
 * views lie in the client's storage; result events belong to the running
 * procedure; nothing goes out on a dead bearer; and, driven to the end
 * (the clock run past the transaction timeout if need be), every started
 * procedure has given exactly one DONE.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define MTU_MAX 48
static struct ble_gatt_cli c;
static uint8_t cbuf[BLE_GATT_CLI_BUF_SIZE(MTU_MAX)];
static uint8_t ring[120];
static uint8_t last_req[MTU_MAX];
static size_t last_req_len;
static uint8_t wvalue[520];
static struct ble_gatt_cli_write_item items[3];
static uint16_t wl_handle, wl_offset;
static size_t wl_len;
static int running;           /* the procedure started and not DONE, 0 when none */
static int outstanding;       /* a request sent and not answered */
static unsigned long started, dones, cfms, inds;
static uint32_t now;

static int sign(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig)
{
    (void)ctx;
    memset(sig, msg[len - 1], BLE_ATT_SIGNATURE_LEN);
    return len & 8 ? 1 : 0; /* sometimes refuses */
}

static int in_storage(struct ble_view v)
{
    return !v.len || (v.p >= cbuf && v.p + v.len <= cbuf + sizeof cbuf) ||
           (v.p >= ring && v.p + v.len <= ring + sizeof ring);
}

static void after_input(void)
{
    if (c.phase != 2 /* waiting for a response */)
        outstanding = 0;
}

static void poll_all(void)
{
    uint8_t out[MTU_MAX + 16];
    int n;
    while ((n = ble_gatt_cli_poll_tx(&c, out, sizeof out)) > 0) {
        struct ble_att_pdu p;
        FUZZ_CHECK(!c.dead);
        FUZZ_CHECK((size_t)n <= c.mtu);
        FUZZ_CHECK(ble_att_decode(out, (size_t)n, &p) == BLE_OK);
        if (ble_att_is_request(p.opcode)) {
            FUZZ_CHECK(!outstanding); /* F 3.3.2 */
            FUZZ_CHECK(running);
            outstanding = 1;
            memcpy(last_req, out, (size_t)n);
            last_req_len = (size_t)n;
            if (p.opcode == BLE_ATT_PREPARE_WRITE_REQ && running == BLE_GATT_CLI_P_WRITE_LONG && !c.cancelling) {
                const struct ble_att_prepare_write_req *q = &p.p.prepare_write_req;
                size_t at = (size_t)q->value_offset - wl_offset;
                FUZZ_CHECK(q->attribute_handle == wl_handle && q->value_offset >= wl_offset);
                FUZZ_CHECK(at + q->part_attribute_value.len <= wl_len);
                FUZZ_CHECK(!q->part_attribute_value.len ||
                           !memcmp(q->part_attribute_value.p, wvalue + at, q->part_attribute_value.len));
            }
        } else if (p.opcode == BLE_ATT_HANDLE_VALUE_CFM) {
            cfms++;
            FUZZ_CHECK(cfms <= inds + c.stats.lost_indications);
        } else {
            FUZZ_CHECK(ble_att_is_command(p.opcode));
        }
    }
    FUZZ_CHECK(n == BLE_ERR_AGAIN || (n == BLE_ERR_TIMEOUT && c.dead));
}

static void pull(unsigned k)
{
    struct ble_gatt_cli_event ev;
    while (k--) {
        int rc = ble_gatt_cli_poll_event(&c, &ev);
        if (rc != BLE_OK) {
            FUZZ_CHECK(rc == BLE_ERR_AGAIN || (rc == BLE_ERR_TIMEOUT && c.dead));
            return;
        }
        FUZZ_CHECK(ev.type >= BLE_GATT_CLI_EV_SERVICE && ev.type <= BLE_GATT_CLI_EV_DONE);
        FUZZ_CHECK(in_storage(ev.data));
        switch (ev.type) {
        case BLE_GATT_CLI_EV_DONE:
            FUZZ_CHECK(running && ev.proc == running);
            FUZZ_CHECK(ev.err <= 0 && (ev.err == BLE_OK || ev.status == 0));
            dones++;
            running = 0;
            break;
        case BLE_GATT_CLI_EV_INDICATION:
            inds++;
            /* fall through */
        case BLE_GATT_CLI_EV_NOTIFICATION:
        case BLE_GATT_CLI_EV_LOST:
            FUZZ_CHECK(ev.proc == BLE_GATT_CLI_P_NONE);
            break;
        default:
            FUZZ_CHECK(running && ev.proc == running);
            break;
        }
    }
}

static void start(const uint8_t *a)
{
    static const uint8_t procs[] = { BLE_GATT_CLI_P_MTU, BLE_GATT_CLI_P_DISC_ALL_SVC, BLE_GATT_CLI_P_DISC_SVC_UUID,
                                     BLE_GATT_CLI_P_FIND_INCLUDED, BLE_GATT_CLI_P_DISC_ALL_CHRC,
                                     BLE_GATT_CLI_P_DISC_CHRC_UUID, BLE_GATT_CLI_P_DISC_DESC, BLE_GATT_CLI_P_READ,
                                     BLE_GATT_CLI_P_READ_UUID, BLE_GATT_CLI_P_READ_LONG,
                                     BLE_GATT_CLI_P_READ_MULTIPLE, BLE_GATT_CLI_P_READ_MULTIPLE_VAR,
                                     BLE_GATT_CLI_P_WRITE, BLE_GATT_CLI_P_WRITE_LONG,
                                     BLE_GATT_CLI_P_RELIABLE_WRITE, BLE_GATT_CLI_P_SUBSCRIBE,
                                     BLE_GATT_CLI_P_DISC_ALL_SVC, BLE_GATT_CLI_P_READ_LONG };
    uint8_t proc = procs[a[0] % sizeof procs];
    uint16_t s = (uint16_t)(a[1] | (a[2] & 0x80 ? 0xFF00 : 0)), e = (uint16_t)(s + a[3] + (a[2] & 0x7F));
    struct ble_uuid u = a[4] & 1 ? ble_uuid16((uint16_t)(0x2A00 + a[4])) : ble_uuid16(0x2800);
    uint16_t hs[8];
    size_t n = 2 + a[3] % 30, k;
    int rc;
    if (a[4] & 2) {
        uint8_t full[16];
        memset(full, a[4], sizeof full);
        ble_uuid_from_le(&u, full, 16);
    }
    for (k = 0; k < 8; k++)
        hs[k] = (uint16_t)(s + k);
    switch (proc) {
    case BLE_GATT_CLI_P_MTU: rc = ble_gatt_cli_exchange_mtu(&c, now); break;
    case BLE_GATT_CLI_P_DISC_ALL_SVC: rc = ble_gatt_cli_discover_services(&c, now); break;
    case BLE_GATT_CLI_P_DISC_SVC_UUID: rc = ble_gatt_cli_discover_services_by_uuid(&c, now, &u); break;
    case BLE_GATT_CLI_P_FIND_INCLUDED: rc = ble_gatt_cli_find_included(&c, now, s, e); break;
    case BLE_GATT_CLI_P_DISC_ALL_CHRC: rc = ble_gatt_cli_discover_characteristics(&c, now, s, e, 0); break;
    case BLE_GATT_CLI_P_DISC_CHRC_UUID: rc = ble_gatt_cli_discover_characteristics(&c, now, s, e, &u); break;
    case BLE_GATT_CLI_P_DISC_DESC: rc = ble_gatt_cli_discover_descriptors(&c, now, s, e); break;
    case BLE_GATT_CLI_P_READ: rc = ble_gatt_cli_read(&c, now, s); break;
    case BLE_GATT_CLI_P_READ_UUID: rc = ble_gatt_cli_read_by_uuid(&c, now, s, e, &u); break;
    case BLE_GATT_CLI_P_READ_LONG: rc = ble_gatt_cli_read_long(&c, now, s, (uint16_t)(a[3] * 3)); break;
    case BLE_GATT_CLI_P_READ_MULTIPLE: rc = ble_gatt_cli_read_multiple(&c, now, hs, a[3] % 9); break;
    case BLE_GATT_CLI_P_READ_MULTIPLE_VAR: rc = ble_gatt_cli_read_multiple_variable(&c, now, hs, a[3] % 9); break;
    case BLE_GATT_CLI_P_WRITE: rc = ble_gatt_cli_write(&c, now, s, wvalue, n); break;
    case BLE_GATT_CLI_P_WRITE_LONG:
        rc = ble_gatt_cli_write_long(&c, now, s, (uint16_t)(a[4] * 2), wvalue, (size_t)a[3] * 2);
        if (rc == BLE_OK) {
            wl_handle = s;
            wl_offset = (uint16_t)(a[4] * 2);
            wl_len = (size_t)a[3] * 2;
        }
        break;
    case BLE_GATT_CLI_P_RELIABLE_WRITE:
        for (k = 0; k < 3; k++) {
            items[k].handle = (uint16_t)(s + k);
            items[k].len = (uint16_t)((a[3] >> (2 * k)) % 4 * 9);
            items[k].value = wvalue + 7 * k;
        }
        rc = ble_gatt_cli_reliable_write(&c, now, items, 1 + a[4] % 3);
        break;
    default: rc = ble_gatt_cli_subscribe(&c, now, s, (uint16_t)(a[4] % 5)); break;
    }
    if (rc == BLE_OK) {
        FUZZ_CHECK(!running); /* one procedure at a time */
        running = proc;
        started++;
    } else {
        FUZZ_CHECK(rc == BLE_ERR_BUSY || rc == BLE_ERR_PARAM || rc == BLE_ERR_TOO_LONG || rc == BLE_ERR_STATE ||
                   rc == BLE_ERR_TIMEOUT);
        FUZZ_CHECK(rc != BLE_ERR_BUSY || running);
        FUZZ_CHECK(rc != BLE_ERR_TIMEOUT || c.dead);
    }
}

static void rx(const uint8_t *pdu, size_t len)
{
    int rc = ble_gatt_cli_on_pdu(&c, now, pdu, len);
    FUZZ_CHECK(rc == BLE_OK || (rc == BLE_ERR_TIMEOUT && c.dead));
    after_input();
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_gatt_cli_cfg cfg;
    size_t i = 0, k;
    int guard;
    memset(&cfg, 0, sizeof cfg);
    cfg.mtu_max = MTU_MAX;
    cfg.buf = cbuf;
    cfg.buf_len = sizeof cbuf;
    cfg.ntf = ring;
    cfg.ntf_len = sizeof ring;
    cfg.sign = sign;
    cfg.timeout_ms = 3000;
    FUZZ_CHECK(ble_gatt_cli_init(&c, &cfg) == BLE_OK);
    for (k = 0; k < sizeof wvalue; k++)
        wvalue[k] = (uint8_t)(k * 7 + 1);
    running = outstanding = 0;
    started = dones = cfms = inds = 0;
    now = 0;
    while (i < n) {
        uint8_t op = d[i++] % 7;
        switch (op) {
        case 0:
            if (i + 5 > n)
                goto end;
            start(d + i);
            i += 5;
            break;
        case 1:
            if (i >= n)
                goto end;
            k = d[i++] % (MTU_MAX + 4);
            if (k > n - i)
                k = n - i;
            rx(d + i, k);
            i += k;
            break;
        case 2: {
            uint8_t pdu[MTU_MAX + 8];
            size_t len;
            if (i + 2 > n)
                goto end;
            k = d[i + 1] % (MTU_MAX + 2);
            i += 2;
            if (k > n - i)
                k = n - i;
            switch (d[i - 2] & 3) {
            case 0:
                pdu[0] = (uint8_t)(c.req_op + 1);
                memcpy(pdu + 1, d + i, k);
                len = 1 + k;
                break;
            case 1:
                pdu[0] = BLE_ATT_ERROR_RSP;
                pdu[1] = c.req_op;
                pdu[2] = last_req_len > 2 ? last_req[1] : 0;
                pdu[3] = last_req_len > 2 ? last_req[2] : 0;
                pdu[4] = k ? d[i] : 0x0A;
                len = 5;
                break;
            default:
                memcpy(pdu, last_req, last_req_len);
                pdu[0] = (uint8_t)(last_req[0] + 1);
                len = last_req_len ? last_req_len : 1;
                if ((d[i - 2] & 3) == 3 && len > 1)
                    pdu[len - 1] ^= (uint8_t)(k | 1);
                break;
            }
            i += k;
            rx(pdu, len);
            break;
        }
        case 3:
            if (i + 2 > n)
                goto end;
            now += (uint32_t)(d[i] | d[i + 1] << 8) * 16u;
            i += 2;
            {
                int rc = ble_gatt_cli_on_timer(&c, now);
                FUZZ_CHECK(rc == BLE_OK || (rc == BLE_ERR_TIMEOUT && c.dead));
                after_input();
                FUZZ_CHECK(c.dead || !ble_time_reached(now, ble_gatt_cli_next_deadline(&c)));
            }
            break;
        case 4:
            poll_all();
            break;
        case 5:
            if (i >= n)
                goto end;
            pull(d[i++] % 8 + 1);
            break;
        default: {
            int rc;
            if (i >= n)
                goto end;
            k = d[i++] % 40;
            rc = (k & 1 ? ble_gatt_cli_signed_write : ble_gatt_cli_write_cmd)(&c, now, (uint16_t)(k + 1), wvalue, k);
            FUZZ_CHECK(rc == BLE_OK || rc == BLE_ERR_BUSY || rc == BLE_ERR_TOO_LONG || rc == BLE_ERR_STATE ||
                       (rc == BLE_ERR_TIMEOUT && c.dead));
            break;
        }
        }
        FUZZ_CHECK(c.mtu >= BLE_ATT_MTU_MIN && c.mtu <= MTU_MAX);
        FUZZ_CHECK(c.rsp_len <= MTU_MAX && c.req_len <= MTU_MAX);
        FUZZ_CHECK(c.r <= sizeof ring && c.w <= sizeof ring);
        FUZZ_CHECK(started - dones == (running ? 1u : 0u));
    }
end:
    /* drive to the end: every started procedure gives its DONE, by timeout if need be */
    for (guard = 0; running && guard < 2000; guard++) {
        int rc;
        pull(8);
        poll_all();
        now += 3001;
        rc = ble_gatt_cli_on_timer(&c, now);
        FUZZ_CHECK(rc == BLE_OK || (rc == BLE_ERR_TIMEOUT && c.dead));
        after_input();
    }
    pull(1000);
    FUZZ_CHECK(!running);
    FUZZ_CHECK(started == dones);
    if (c.dead) {
        uint8_t out[8];
        FUZZ_CHECK(ble_gatt_cli_poll_tx(&c, out, sizeof out) == BLE_ERR_TIMEOUT);
    }
    return 0;
}
