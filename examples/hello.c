/* hello: the kit's contract in one screen. A canned H4 byte stream (what a
 * controller and host exchange over a UART) is fed to the framer in uneven
 * pieces, exactly as a firmware loop feeds what its UART driver read; each
 * whole packet is decoded into caller structs that point into the stream.
 *   make && build/hello
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION /* this one file holds the kit's code */
#include "../ble.h"

#include <stdio.h>

static const uint8_t stream[] = {
    0x01, 0x03, 0x0c, 0x00,                                     /* HCI_Reset */
    0x04, 0x0e, 0x04, 0x01, 0x03, 0x0c, 0x00,                   /* Command Complete */
    0x02, 0x40, 0x20, 0x07, 0x00, 0x03, 0x00, 0x04, 0x00, 0x0a, 0x01, 0x00, /* ACL */
    0x05, 0x01, 0x21, 0x0c, 0x00, 0x05, 0x00, 0x08, 0x00,       /* ISO, complete SDU */
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x7f,                                                       /* line noise */
    0x04, 0x05, 0x04, 0x00, 0x40, 0x00, 0x13,                   /* Disconnection Complete */
};

static void show(const struct ble_h4_pkt *pkt)
{
    char line[160];
    struct ble_str s;
    ble_str_init(&s, line, sizeof line);
    switch (pkt->type) {
    case BLE_H4_CMD:
        ble_str_puts(&s, "cmd opcode=");
        ble_str_hex(&s, ble_get_le16(pkt->p), 4);
        ble_str_puts(&s, " params=");
        ble_str_udec(&s, pkt->p[2]);
        break;
    case BLE_H4_EVT:
        ble_str_puts(&s, "evt code=");
        ble_str_hex(&s, pkt->p[0], 2);
        ble_str_puts(&s, " params=");
        ble_str_hexbytes(&s, pkt->p + 2, pkt->len - 2);
        break;
    case BLE_H4_ACL: {
        struct ble_hci_acl a;
        int rc = ble_hci_acl_decode(pkt->p, pkt->len, &a);
        if (rc != BLE_OK) {
            ble_str_puts(&s, "acl: ");
            ble_str_puts(&s, ble_strerror(rc));
            break;
        }
        ble_str_puts(&s, "acl handle=");
        ble_str_hex(&s, a.handle, 4);
        ble_str_puts(&s, " pb=");
        ble_str_udec(&s, a.pb);
        ble_str_puts(&s, " data=");
        ble_str_hexbytes(&s, a.data.p, a.data.len);
        break;
    }
    case BLE_H4_ISO: {
        struct ble_hci_iso v;
        int rc = ble_hci_iso_decode(pkt->p, pkt->len, &v);
        if (rc != BLE_OK) {
            ble_str_puts(&s, "iso: ");
            ble_str_puts(&s, ble_strerror(rc));
            break;
        }
        ble_str_puts(&s, "iso handle=");
        ble_str_hex(&s, v.handle, 4);
        ble_str_puts(&s, " seq=");
        ble_str_udec(&s, v.seq);
        ble_str_puts(&s, " sdu_len=");
        ble_str_udec(&s, v.sdu_len);
        ble_str_puts(&s, " sdu=");
        ble_str_hexbytes(&s, v.data.p, v.data.len);
        break;
    }
    default:
        ble_str_puts(&s, "other");
        break;
    }
    puts(line);
}

int main(void)
{
    uint8_t storage[64]; /* one packet at a time, in memory the caller owns */
    struct ble_h4 h4;
    size_t pos = 0, piece = 5; /* uneven reads, as a UART driver delivers them */
    ble_h4_init(&h4, storage, sizeof storage);
    while (pos < sizeof stream) {
        size_t len = sizeof stream - pos < piece ? sizeof stream - pos : piece;
        const uint8_t *p = stream + pos;
        pos += len;
        while (len) {
            size_t used;
            int rc = ble_h4_push(&h4, p, len, &used);
            p += used;
            len -= used;
            if (rc == BLE_OK) {
                struct ble_h4_pkt pkt;
                if (ble_h4_packet(&h4, &pkt) == BLE_OK)
                    show(&pkt);
            } else if (rc != BLE_ERR_AGAIN) {
                printf("skipped: %s (%s)\n", ble_strerror(rc), ble_err_name(rc));
            }
        }
    }
    printf("%lu packets, %lu octets dropped\n", (unsigned long)h4.stats.packets,
           (unsigned long)h4.stats.octets_dropped);
    return 0;
}
