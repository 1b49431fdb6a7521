/* Fuzz harness of the ISO data path (layers/iso.h).
 * Input: a script. op % 3 == 0: one ISO data packet of n octets into the
 * receiver (2 streams, 24 octets of storage each); op % 3 == 1: attach or
 * detach a stream; op % 3 == 2: an SDU of up to 200 octets sent through the
 * fragmenter at an ISO length of 5..68 into a fresh receiver.
 * Invariants: every push delivers, waits, or counts its reason (no silent
 * drop); a delivered SDU lies in the packet or the stream's storage and is no
 * longer than the storage; the loopback returns the SDU byte for byte with
 * its sequence number.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static uint32_t reasons(const struct ble_iso_rx_stats *s)
{
    return s->unknown_handle + s->malformed + s->cont_without_first + s->too_long + s->overrun +
           s->short_sdu;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    static uint8_t store[2][24];
    static const uint16_t handles[2] = { 0x0101, 0x0102 };
    struct ble_iso_rx rx;
    struct ble_iso_rx_slot slots[2];
    size_t i = 0, k;
    ble_iso_rx_init(&rx, slots, 2);
    while (i + 2 <= n) {
        uint8_t op = d[i], arg = d[i + 1];
        i += 2;
        switch (op % 3) {
        case 0: {
            struct ble_iso_sdu sdu;
            uint32_t before = reasons(&rx.stats), sdus = rx.stats.sdus;
            int rc;
            k = arg;
            if (k > n - i)
                k = n - i;
            rc = ble_iso_rx_push(&rx, d + i, k, &sdu);
            if (rc == BLE_OK) {
                int in_pkt = sdu.data.len == 0 || (sdu.data.p >= d + i && sdu.data.p + sdu.data.len <= d + i + k);
                int in_store = sdu.data.p >= store[0] && sdu.data.p + sdu.data.len <= store[1] + 24;
                FUZZ_CHECK(in_pkt || in_store);
                FUZZ_CHECK(in_pkt || sdu.data.len <= 24);
                FUZZ_CHECK(rx.stats.sdus == sdus + 1);
            } else if (rc != BLE_ERR_AGAIN) {
                FUZZ_CHECK(reasons(&rx.stats) > before);
            }
            i += k;
            break;
        }
        case 1:
            if (arg & 0x80)
                ble_iso_rx_detach(&rx, handles[arg & 1]);
            else
                (void)ble_iso_rx_attach(&rx, handles[arg & 1], store[arg & 1], sizeof store[0]);
            break;
        default: {
            static uint8_t sdu_in[200], rstore[200], pkt[80];
            struct ble_iso_rx rx2;
            struct ble_iso_rx_slot slot2;
            struct ble_iso_tx tx;
            struct ble_iso_sdu out;
            int m, rc = BLE_ERR_AGAIN, with_ts = op & 0x40;
            size_t len = (size_t)arg * 200 / 256;
            uint16_t iso_len = (uint16_t)(5 + (op >> 2) % 64 + (with_ts ? 4 : 0));
            for (k = 0; k < len; k++)
                sdu_in[k] = (uint8_t)(k ^ op);
            ble_iso_rx_init(&rx2, &slot2, 1);
            FUZZ_CHECK(ble_iso_rx_attach(&rx2, 0x0200, rstore, sizeof rstore) == BLE_OK);
            FUZZ_CHECK(ble_iso_tx_init(&tx, 0x0200, iso_len, (uint16_t)(op * 257), with_ts, 0x1000,
                                       ble_view_make(sdu_in, len)) == BLE_OK);
            while ((m = ble_iso_tx_next(&tx, pkt, sizeof pkt)) > 0) {
                FUZZ_CHECK(rc == BLE_ERR_AGAIN);
                FUZZ_CHECK(m <= 4 + iso_len);
                rc = ble_iso_rx_push(&rx2, pkt, (size_t)m, &out);
            }
            FUZZ_CHECK(m == 0 && rc == BLE_OK);
            FUZZ_CHECK(out.data.len == len && (len == 0 || memcmp(out.data.p, sdu_in, len) == 0));
            FUZZ_CHECK(out.seq == (uint16_t)(op * 257) && out.has_timestamp == (with_ts != 0));
            break;
        }
        }
    }
    return 0;
}
