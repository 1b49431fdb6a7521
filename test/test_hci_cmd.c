/* Unit tests of layers/hci_cmd.h.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

void suite_hci_cmd(void)
{
}
