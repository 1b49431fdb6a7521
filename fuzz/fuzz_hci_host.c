/* Fuzz harness of the HCI host machine (layers/hci.h), structure-aware: the
 * input is a script of operations, so bring-up can complete and the
 * accounting paths are reached.
 *   0 code n params..  an event packet built from code and n parameter octets
 *   1 n bytes..        raw event octets (any shape)
 *   2 status n ret..   poll the next bring-up command and answer it with
 *                      Command Complete (status, n octets of return parameters)
 *   3 lo hi            an application command with that opcode
 *   4 lo hi / 5 lo hi  one ACL / ISO packet sent on a handle
 *   6 lo hi            time passes (ms), then on_timer
 *   7 lo hi            a handle closed
 *   8                  start (again)
 * Invariants: the state is one the machine defines; credits never exceed the
 * last Num_HCI_Command_Packets; no two outstanding commands share an opcode;
 * when ready, free buffers plus packets in flight equal the controller's
 * buffers, for ACL and ISO; outputs fit their buffers.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "fuzz.h"

#include <string.h>

static void check(const struct ble_hci_host *h)
{
    size_t i, j;
    unsigned acl = 0, iso = 0;
    FUZZ_CHECK(h->state <= BLE_HCI_HOST_FAILED);
    for (i = 0; i < BLE_CFG_HCI_MAX_PENDING; i++)
        for (j = i + 1; j < BLE_CFG_HCI_MAX_PENDING; j++)
            FUZZ_CHECK(!h->pending[i].opcode || h->pending[i].opcode != h->pending[j].opcode);
    for (i = 0; i < BLE_CFG_HCI_MAX_HANDLES; i++) {
        if (!h->handles[i].slot.used)
            continue;
        if (h->handles[i].iso)
            iso += h->handles[i].in_flight;
        else
            acl += h->handles[i].in_flight;
        for (j = i + 1; j < BLE_CFG_HCI_MAX_HANDLES; j++)
            FUZZ_CHECK(!h->handles[j].slot.used || h->handles[j].slot.handle != h->handles[i].slot.handle);
    }
    if (h->state == BLE_HCI_HOST_READY) {
        FUZZ_CHECK(h->acl_free + acl == h->ctrl.acl_num);
        FUZZ_CHECK(h->iso_free + iso == h->ctrl.iso_num);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    struct ble_hci_host h;
    struct ble_hci_host_event ev;
    uint8_t pkt[300], buf[300];
    uint32_t now = 0;
    uint8_t last_ncmd = 1;
    size_t i = 0;
    ble_hci_host_init(&h, 0);
    while (i < n) {
        uint8_t op = d[i++] % 9;
        size_t k;
        int rc;
        switch (op) {
        case 0:
            if (i + 2 > n)
                return 0;
            pkt[0] = d[i];
            k = d[i + 1];
            i += 2;
            if (k > n - i)
                k = n - i;
            pkt[1] = (uint8_t)k;
            memcpy(pkt + 2, d + i, k);
            i += k;
            rc = ble_hci_host_on_event(&h, now, pkt, k + 2, &ev);
            if (rc == BLE_OK && (pkt[0] == 0x0e || pkt[0] == 0x0f) && k >= 3)
                last_ncmd = pkt[0] == 0x0e ? pkt[2] : pkt[3];
            break;
        case 1:
            if (i >= n)
                return 0;
            k = d[i++];
            if (k > n - i)
                k = n - i;
            rc = ble_hci_host_on_event(&h, now, d + i, k, &ev);
            if (rc == BLE_OK && k >= 5 && (d[i] == 0x0e || d[i] == 0x0f))
                last_ncmd = d[i] == 0x0e ? d[i + 2] : d[i + 3];
            i += k;
            break;
        case 2: {
            uint8_t status, cmd[16];
            int len = ble_hci_host_poll_cmd(&h, now, cmd, sizeof cmd);
            if (i + 2 > n)
                return 0;
            status = d[i];
            k = d[i + 1] % 70;
            i += 2;
            if (k > n - i)
                k = n - i;
            if (len < 0)
                break;
            FUZZ_CHECK(len >= 3 && len <= (int)sizeof cmd && cmd[2] == len - 3);
            pkt[0] = 0x0e;
            pkt[1] = (uint8_t)(4 + k);
            pkt[2] = 1;
            pkt[3] = cmd[0];
            pkt[4] = cmd[1];
            pkt[5] = status;
            memcpy(pkt + 6, d + i, k);
            i += k;
            FUZZ_CHECK(ble_hci_host_on_event(&h, now, pkt, 6 + k, &ev) == BLE_OK);
            last_ncmd = 1;
            break;
        }
        case 3:
            if (i + 2 > n)
                return 0;
            rc = ble_hci_host_cmd(&h, now, (uint16_t)(d[i] | d[i + 1] << 8), d, 0, buf, sizeof buf);
            FUZZ_CHECK(rc < 0 || rc == 3);
            i += 2;
            break;
        case 4:
        case 5:
            if (i + 2 > n)
                return 0;
            if (op == 4)
                (void)ble_hci_host_acl_sent(&h, (uint16_t)(d[i] | (d[i + 1] & 0x0F) << 8));
            else
                (void)ble_hci_host_iso_sent(&h, (uint16_t)(d[i] | (d[i + 1] & 0x0F) << 8));
            i += 2;
            break;
        case 6:
            if (i + 2 > n)
                return 0;
            now += (uint32_t)(d[i] | d[i + 1] << 8) * 16u;
            i += 2;
            ble_hci_host_on_timer(&h, now, &ev);
            FUZZ_CHECK(ev.type == BLE_HCI_HOST_EV_NONE || ev.type == BLE_HCI_HOST_EV_CMD_TIMEOUT ||
                       ev.type == BLE_HCI_HOST_EV_FAILED);
            break;
        case 7:
            if (i + 2 > n)
                return 0;
            ble_hci_host_handle_closed(&h, (uint16_t)(d[i] | (d[i + 1] & 0x0F) << 8));
            i += 2;
            break;
        default:
            (void)ble_hci_host_start(&h, now);
            break;
        }
        FUZZ_CHECK(h.credits <= last_ncmd || h.credits == 1);
        check(&h);
    }
#ifdef FUZZ_TRACE /* for checking what a seed reaches */
    fprintf(stderr, "state %u acl_free %u iso_free %u credits %u\n", h.state, h.acl_free, h.iso_free,
            h.credits);
#endif
    return 0;
}
