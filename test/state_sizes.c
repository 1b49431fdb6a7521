/* make size reads the RAM each caller-owned state struct takes on the target:
 * one array per struct, sized like it, measured from the symbol table. */
#include "../ble.h"
#define STATE(name) extern const char state_##name[sizeof(struct name)]; \
                    const char state_##name[sizeof(struct name)] = { 0 };
STATE(ble_h4)
STATE(ble_hci_host)
STATE(ble_queue)
STATE(ble_l2cap_rx)
STATE(ble_l2cap_link)
STATE(ble_iso_tx)
STATE(ble_iso_rx)
STATE(ble_gatt_srv)
STATE(ble_gatt_cli)
STATE(ble_cmac)
STATE(ble_ascs_conn)
STATE(ble_gap)
STATE(ble_bap_cli)
STATE(ble_bap_srv)
STATE(ble_bap_srv_cis)
STATE(ble_ascs_ase)
STATE(ble_l2cap_rx_slot)
STATE(ble_iso_rx_slot)
STATE(ble_gap_conn)
