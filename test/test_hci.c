/* Unit tests of layers/hci.h: status codes, framing, packet headers.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

static void status_codes_have_spec_names(void)
{
    /* Core 6.0 Vol 1 Part F 1.3 */
    CHECK_STR(ble_hci_status_name(0x00), "Success");
    CHECK_STR(ble_hci_status_name(0x0C), "Command Disallowed");
    CHECK_STR(ble_hci_status_name(0x3E),
              "Connection Failed to be Established / Synchronization Timeout");
    CHECK(ble_hci_status_name(0x2B) == 0); /* reserved */
    CHECK(ble_hci_status_name(0xFF) == 0);
    CHECK_EQ(BLE_HCI_UNKNOWN_ADV_ID, 0x42);
}

void suite_hci(void)
{
    TT_RUN(status_codes_have_spec_names);
}
