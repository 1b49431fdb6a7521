/* The kit alone, as firmware compiles it: the translation unit that holds the
 * implementation. Used for the cross builds, the symbol check and make size.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#include "../ble.h"
