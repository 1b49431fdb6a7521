/* Fuzz harness of L2CAP recombination and fragmentation (layers/l2cap.h).
 * Input: a script. Each step: an op octet, then its bytes.
 *   op % 4 == 0: ACL fragment: handle selector, PB, length n, n data octets
 *   op % 4 == 1: attach handle selector with storage of 4 + (octet % 60)
 *   op % 4 == 2: detach handle selector
 *   op % 4 == 3: loopback: a payload of (octet) octets sent through the
 *                fragmenter at ACL length 1 + (octet % 40) and back
 * Invariants: a delivered PDU's payload is exactly its declared length and
 * lies inside the fragment or the slot's storage; nothing is gathered past
 * the storage; every fragment either delivers, waits, or is counted in one
 * of the drop reasons; the loopback returns the payload byte for byte.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static const uint16_t handles[3] = { 0x0040, 0x0041, 0x0EFF };

static uint32_t drops(const struct ble_l2cap_rx_stats *s)
{
    return s->unknown_handle + s->empty_fragment + s->cont_without_start + s->too_long +
           s->overflow;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_l2cap_rx rx;
    struct ble_l2cap_rx_slot slots[2];
    static uint8_t store[3][64];
    size_t i = 0, k;
    ble_l2cap_rx_init(&rx, slots, 2);
    while (i < n) {
        uint8_t op = d[i++];
        if (i + 1 > n)
            return 0;
        switch (op % 4) {
        case 0: {
            struct ble_hci_acl a;
            struct ble_l2cap_pdu pdu;
            uint32_t before = drops(&rx.stats), pdus = rx.stats.pdus;
            size_t cap = 0, s;
            int rc;
            if (i + 3 > n)
                return 0;
            a.handle = handles[d[i] % 3];
            a.pb = d[i + 1] & 3;
            a.bc = 0;
            k = d[i + 2];
            i += 3;
            if (k > n - i)
                k = n - i;
            a.data = ble_view_make(d + i, k);
            rc = ble_l2cap_rx_push(&rx, &a, &pdu);
            for (s = 0; s < 2; s++)
                if (slots[s].slot.used && slots[s].slot.handle == a.handle) {
                    cap = slots[s].cap;
                    FUZZ_CHECK(slots[s].discard || slots[s].have <= slots[s].cap);
                }
            if (rc == BLE_OK) {
                int in_frag = pdu.payload.p >= d + i && pdu.payload.p + pdu.payload.len <= d + i + k;
                int in_store = 0;
                for (s = 0; s < 3; s++)
                    if (pdu.payload.p >= store[s] && pdu.payload.p + pdu.payload.len <= store[s] + 64)
                        in_store = 1;
                FUZZ_CHECK(in_frag || in_store);
                FUZZ_CHECK(ble_get_le16(pdu.payload.p - 4) == pdu.payload.len);
                FUZZ_CHECK(pdu.payload.len + 4 <= (in_frag ? k : cap));
                FUZZ_CHECK(rx.stats.pdus == pdus + 1);
            } else if (rc == BLE_ERR_AGAIN) {
                FUZZ_CHECK(drops(&rx.stats) == before || rx.stats.overflow);
            } else {
                FUZZ_CHECK(drops(&rx.stats) > before); /* no silent drop */
            }
            i += k;
            break;
        }
        case 1: {
            unsigned sel = d[i] % 3;
            (void)ble_l2cap_rx_attach(&rx, handles[sel], store[sel], 4 + (size_t)(d[i] % 60));
            i++;
            break;
        }
        case 2:
            ble_l2cap_rx_detach(&rx, handles[d[i] % 3]);
            i++;
            break;
        default: {
            /* a separate pair: fragmenter into a fresh recombiner */
            static uint8_t payload[256], big[300], pkt[64];
            struct ble_l2cap_rx rx2;
            struct ble_l2cap_rx_slot slot2;
            struct ble_l2cap_tx tx;
            struct ble_l2cap_pdu pdu;
            int m, rc = BLE_ERR_AGAIN;
            if (i + 2 > n)
                return 0;
            k = d[i];
            for (m = 0; m < (int)k; m++)
                payload[m] = (uint8_t)(d[i] ^ m);
            ble_l2cap_rx_init(&rx2, &slot2, 1);
            FUZZ_CHECK(ble_l2cap_rx_attach(&rx2, 0x10, big, sizeof big) == BLE_OK);
            FUZZ_CHECK(ble_l2cap_tx_init(&tx, 0x10, 0x0044, ble_view_make(payload, k),
                                         (uint16_t)(1 + d[i + 1] % 40)) == BLE_OK);
            while ((m = ble_l2cap_tx_next(&tx, pkt, sizeof pkt)) > 0) {
                struct ble_hci_acl a;
                FUZZ_CHECK(ble_hci_acl_decode(pkt, (size_t)m, &a) == BLE_OK);
                FUZZ_CHECK(rc == BLE_ERR_AGAIN);
                rc = ble_l2cap_rx_push(&rx2, &a, &pdu);
            }
            FUZZ_CHECK(rc == BLE_OK && pdu.cid == 0x0044 && pdu.payload.len == k);
            FUZZ_CHECK(memcmp(pdu.payload.p, payload, k) == 0);
            i += 2;
            break;
        }
        }
    }
    return 0;
}
