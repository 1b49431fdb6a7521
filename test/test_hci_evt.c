/* Unit tests of layers/hci_evt.h.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

void suite_hci_evt(void)
{
}
