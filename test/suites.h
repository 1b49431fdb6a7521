/* The unit-test suites; main.c runs them in order. */
#ifndef SUITES_H
#define SUITES_H
void suite_base(void);
void suite_aes(void);
void suite_table(void);
void suite_hci(void);
void suite_hci_host(void);
void suite_l2cap(void);
void suite_l2cap_coc(void);
void suite_iso(void);
void suite_regress(void);
void suite_hci_cmd(void);
void suite_hci_evt(void);
void suite_att(void);
void suite_gatt_srv(void);
void suite_gatt_cli(void);
void suite_ascs(void);
void suite_gap_ad(void);
void suite_gap_role(void);
void suite_bap(void);
void suite_pacs(void);
void suite_bap_client(void);
void suite_ascs_gatt(void);
void suite_cover(void);
void suite_bap_srv(void);
void suite_bap_broadcast(void);
#endif
