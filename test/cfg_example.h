/* An example configuration file, selected with
 * -DBLE_CONFIG_FILE='"test/cfg_example.h"'; the header checks build with it. */
#define BLE_CFG_NAMES 0
#define BLE_CFG_PRINT_ELEM_MAX 32
