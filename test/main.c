/* The unit-test program. This translation unit holds the kit's implementation;
 * the suites are separate translation units that include ble.h for
 * declarations only, so every test build is also a many-TU build.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#define DEMO_TABLE_IMPLEMENTATION
#include "demo_table.h"
#include "tt.h"
#include "suites.h"

int main(void)
{
    suite_base();
    suite_aes();
    suite_table();
    suite_hci();
    suite_hci_host();
    suite_l2cap();
    suite_l2cap_coc();
    suite_iso();
    suite_regress();
    suite_hci_cmd();
    suite_hci_evt();
    suite_att();
    suite_gatt_srv();
    suite_gatt_cli();
    suite_ascs();
    suite_gap_ad();
    suite_gap_role();
    suite_bap();
    suite_pacs();
    suite_bap_client();
    suite_ascs_gatt();
    suite_cover();
    suite_bap_srv();
    suite_bap_broadcast();
    TT_PRINTF("%u passed, %u failed\n", tt_.passed, tt_.failed);
    return tt_.failed ? 1 : 0;
}
