/* Compile and link check of the one include, built as C99, C11 and C++11, as one
 * translation unit and as two (CC_IMPL in one, CC_MAIN in the other), and with
 * the configuration switches flipped. It calls one function of every header so
 * that a misspelled implementation switch fails to link.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifdef CC_IMPL
#define BLE_IMPLEMENTATION
#endif
#include "../ble.h"

#ifdef __cplusplus
extern "C" {
#endif
int cc_use_kit(void);
#ifdef __cplusplus
}
#endif

#ifdef CC_IMPL
int cc_use_kit(void)
{
    /* layers/base.h */
    struct ble_uuid u = ble_uuid16(0x180F);
    uint32_t loc = 0;
    int ok = ble_strerror(BLE_ERR_SHORT)[0] != '\0';
    ok &= u.len == 2;
    /* layers/aes.h */
    {
        uint8_t key[16] = { 0 }, mac[16];
        ble_aes_cmac(key, "", 0, mac);
        ok &= mac[0] == 0x43; /* AES-CMAC of the empty message under the zero key: 4387C14B... */
    }
    /* layers/gatt.h */
    {
        static const struct ble_gatt_attr db[] = { BLE_GATT_PRIMARY_SERVICE(0x180F) };
        uint8_t hash[16];
        ok &= ble_gatt_db_hash(db, 1, hash) == BLE_OK;
    }
    /* layers/hci_evt.h */
    ok &= ble_hci_evt_desc(BLE_HCI_EVT_COMMAND_COMPLETE) != 0;
    /* layers/att.h */
    ok &= ble_att_rsp_opcode(BLE_ATT_READ_REQ) == BLE_ATT_READ_RSP;
    /* layers/gatt_client.h */
    ok &= ble_gatt_cli_next_deadline(0) == BLE_NO_DEADLINE;
    /* layers/gap.h */
    ok &= ble_gap_ad_find((const uint8_t *)"\x02\x01\x06", 3, BLE_GAP_AD_FLAGS, 0) == BLE_OK;
    /* layers/gap_role.h */
    {
        struct ble_gap_conn_params cp = { 24, 40, 0, 400, 0, 0 };
        ok &= ble_gap_conn_params_valid(&cp);
    }
    /* profiles/bap.h */
    ok &= ble_bap_freq_hz(BLE_BAP_FREQ_48000) == 48000;
    /* profiles/ascs.h GATT glue */
    ok &= ble_ascs_gatt_flush(0, 0, 1, 0, 0) == BLE_ERR_PARAM;
    /* profiles/bap_server.h */
    ok &= ble_bap_srv_next_deadline(0) == BLE_NO_DEADLINE;
    /* profiles/bap_broadcast.h */
    ok &= ble_bap_bcast_step_name(BLE_BAP_BCAST_STEP_CREATE_BIG)[0] == 'L';
    {
        struct ble_bap_bsnk snk;
        ble_bap_bsnk_init(&snk, 0, 0);
        ok &= ble_bap_bsnk_next_deadline(&snk) == BLE_NO_DEADLINE;
    }
    /* profiles/pacs.h */
    ok &= ble_pacs_locations_decode((const uint8_t *)"\x01\x00\x00\x00", 4, &loc) == BLE_OK;
    /* profiles/bap_client.h */
    ok &= ble_bap_cli_init(0, 0) == BLE_ERR_PARAM;
    /* layers/iso.h CIG/BIG helpers */
    ok &= ble_iso_big_params(0, 0, 1, 0, 0, 0, 0) == BLE_ERR_PARAM;
    return ok ? 0 : 1;
}
#endif

#ifdef CC_MAIN
int main(void)
{
    struct ble_rd r;
    ble_rd_init(&r, (const uint8_t *)"\x01", 1);
    if (ble_rd_u8(&r) != 1 || ble_rd_end(&r) != BLE_OK)
        return 1;
    if (ble_err_name(BLE_ERR_NO_SPACE)[0] != 'B')
        return 1;
    return cc_use_kit();
}
#endif
