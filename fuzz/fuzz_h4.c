/* Fuzz harness of the H4 framer and the data packet headers (layers/hci.h).
 * Input: a split-size octet, a storage-size octet, then the byte stream.
 * Invariants: the stream fed in pieces yields exactly the packets (and
 * errors) of the stream fed one octet at a time; every octet is accounted for
 * (delivered in a packet, dropped and counted, or held in an unfinished
 * packet); no packet exceeds the storage; every ACL, ISO and SCO packet that
 * decodes re-encodes to the same octets.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

#define MAX_EVENTS 4096

struct trace {
    size_t n;
    int rc[MAX_EVENTS];
    uint32_t sum[MAX_EVENTS]; /* a digest of each packet */
};

static uint32_t digest(const struct ble_h4_pkt *p)
{
    uint32_t h = 2166136261u ^ p->type;
    size_t i;
    for (i = 0; i < p->len; i++)
        h = (h ^ p->p[i]) * 16777619u;
    return h ^ (uint32_t)p->len;
}

static void check_packet(const struct ble_h4_pkt *p, size_t cap)
{
    uint8_t out[70000];
    FUZZ_CHECK(p->len + 1 <= cap);
    if (p->type == BLE_H4_ACL) {
        struct ble_hci_acl a;
        if (ble_hci_acl_decode(p->p, p->len, &a) == BLE_OK) {
            FUZZ_CHECK(ble_hci_acl_encode(&a, out, sizeof out) == (int)p->len);
            FUZZ_CHECK(memcmp(out, p->p, p->len) == 0);
        }
    } else if (p->type == BLE_H4_ISO) {
        struct ble_hci_iso v;
        if (ble_hci_iso_decode(p->p, p->len, &v) == BLE_OK) {
            int n = ble_hci_iso_encode(&v, out, sizeof out);
            /* the RFU bits (handle bit 15, length bits 14-15, SDU length
             * bits 12-13) are not kept: compare with them cleared */
            uint8_t ref[70000];
            FUZZ_CHECK(n == (int)p->len);
            memcpy(ref, p->p, p->len);
            ref[1] &= 0x7F;
            ref[3] &= 0x3F;
            if (v.has_sdu_hdr)
                ref[4 + (v.ts ? 4 : 0) + 3] &= 0xCF;
            FUZZ_CHECK(memcmp(out, ref, p->len) == 0);
        }
    } else if (p->type == BLE_H4_SCO) {
        struct ble_hci_sco s;
        if (ble_hci_sco_decode(p->p, p->len, &s) == BLE_OK)
            FUZZ_CHECK(s.data.len + 3 == p->len);
    }
}

/* Feeds the stream in pieces of `piece` octets (0: all at once). */
static void run(const uint8_t *in, size_t len, size_t piece, size_t cap, struct trace *t)
{
    uint8_t *store = (uint8_t *)malloc(cap);
    struct ble_h4 h;
    size_t pos = 0, delivered = 0;
    FUZZ_CHECK(store != NULL);
    FUZZ_CHECK(ble_h4_init(&h, store, cap) == BLE_OK);
    t->n = 0;
    while (pos < len) {
        size_t end = piece && pos + piece < len ? pos + piece : len;
        while (pos < end) {
            size_t used;
            int rc = ble_h4_push(&h, in + pos, end - pos, &used);
            FUZZ_CHECK(used <= end - pos);
            FUZZ_CHECK(rc == BLE_OK || rc == BLE_ERR_AGAIN || rc == BLE_ERR_UNKNOWN ||
                       rc == BLE_ERR_TOO_LONG);
            FUZZ_CHECK(used > 0 || rc == BLE_OK); /* progress: no endless loop */
            pos += used;
            if (rc == BLE_ERR_AGAIN)
                continue;
            FUZZ_CHECK(t->n < MAX_EVENTS);
            t->rc[t->n] = rc;
            t->sum[t->n] = 0;
            if (rc == BLE_OK) {
                struct ble_h4_pkt p;
                FUZZ_CHECK(ble_h4_packet(&h, &p) == BLE_OK);
                check_packet(&p, cap);
                t->sum[t->n] = digest(&p);
                delivered += p.len + 1;
            }
            t->n++;
        }
    }
    /* every octet: delivered, dropped, or in the packet still being collected */
    FUZZ_CHECK(delivered + h.stats.octets_dropped + (h.ready ? 0 : h.have) == len);
    free(store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct trace a, b;
    size_t piece, cap, i;
    if (size < 2 || size > 8192)
        return 0;
    piece = data[0] % 17;
    cap = BLE_H4_MIN_CAP + (size_t)data[1] * 4;
    run(data + 2, size - 2, piece, cap, &a);
    run(data + 2, size - 2, 1, cap, &b);
    FUZZ_CHECK(a.n == b.n);
    for (i = 0; i < a.n; i++)
        FUZZ_CHECK(a.rc[i] == b.rc[i] && a.sum[i] == b.sum[i]);
    return 0;
}
