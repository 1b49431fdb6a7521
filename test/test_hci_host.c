/* Unit tests of the HCI host machine (layers/hci.h): bring-up against
 * recorded controller answers, command credits, per-opcode outstanding
 * commands, ACL/ISO buffer accounting and command timeouts.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "../ble.h"
#include "tt.h"
#include "suites.h"

/* Command Complete (Core 6.0 Vol 4 Part E 7.7.14) with ncmd, opcode, status and
 * the rest of the return parameters. */
static int cc(struct ble_hci_host *h, uint32_t now, uint8_t ncmd, uint16_t op, uint8_t status,
              const uint8_t *ret, size_t n, struct ble_hci_host_event *ev)
{
    uint8_t e[96];
    size_t i;
    e[0] = 0x0e;
    e[1] = (uint8_t)(4 + n);
    e[2] = ncmd;
    ble_put_le16(e + 3, op);
    e[5] = status;
    for (i = 0; i < n; i++)
        e[6 + i] = ret[i];
    return ble_hci_host_on_event(h, now, e, 6 + n, ev);
}

static int cs(struct ble_hci_host *h, uint8_t status, uint8_t ncmd, uint16_t op,
              struct ble_hci_host_event *ev)
{
    uint8_t e[6] = { 0x0f, 0x04, 0, 0, 0, 0 };
    e[2] = status;
    e[3] = ncmd;
    ble_put_le16(e + 4, op);
    return ble_hci_host_on_event(h, 0, e, sizeof e, ev);
}

/* Expects the next bring-up command to be `op` with these parameters. */
static void expect_cmd(struct ble_hci_host *h, uint16_t op, const char *params, size_t n)
{
    uint8_t buf[16];
    int len = ble_hci_host_poll_cmd(h, 0, buf, sizeof buf);
    CHECK_EQ(len, (int)(3 + n));
    CHECK_EQ(ble_get_le16(buf), op);
    CHECK_EQ(buf[2], n);
    if (len == (int)(3 + n))
        CHECK_MEM(buf + 3, params, n);
}

/* Read Local Version: HCI 5.4 (0x0d), rev 0x1234, LMP 0x0d, company 0x0059, sub 0x5678 */
static const uint8_t ret_version[] = { 0x0d, 0x34, 0x12, 0x0d, 0x59, 0x00, 0x78, 0x56 };
static const uint8_t ret_bd_addr[] = { 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
/* LMP features: byte 4 bit 5 set: BR/EDR not supported (an LE-only controller) */
static const uint8_t ret_features_le_only[] = { 0, 0, 0, 0, 0x60, 0, 0, 0 };
/* LE features: bit 28 CIS Central, bit 29 CIS Peripheral */
static const uint8_t ret_le_features_cis[] = { 0x01, 0, 0, 0x30, 0, 0, 0, 0 };
/* LE Read Buffer Size v2: ACL 251 x 3, ISO 300 x 2 */
static const uint8_t ret_buf_v2[] = { 0xfb, 0x00, 0x03, 0x2c, 0x01, 0x02 };

static void bring_up_modern(struct ble_hci_host *h)
{
    uint8_t cmds[64];
    struct ble_hci_host_event ev;
    ble_memset(cmds, 0, sizeof cmds);
    cmds[22] = 0x04; /* Set Event Mask Page 2 */
    cmds[41] = 0x20; /* LE Read Buffer Size v2 */
    ble_hci_host_init(h, 0);
    CHECK_EQ(ble_hci_host_start(h, 0), BLE_OK);
    expect_cmd(h, 0x0C03, "", 0);
    CHECK_EQ(cc(h, 0, 1, 0x0C03, 0, 0, 0, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_NONE);
    expect_cmd(h, 0x1001, "", 0);
    cc(h, 0, 1, 0x1001, 0, ret_version, sizeof ret_version, &ev);
    expect_cmd(h, 0x1002, "", 0);
    cc(h, 0, 1, 0x1002, 0, cmds, sizeof cmds, &ev);
    expect_cmd(h, 0x1003, "", 0);
    cc(h, 0, 1, 0x1003, 0, ret_features_le_only, 8, &ev);
    expect_cmd(h, 0x1009, "", 0);
    cc(h, 0, 1, 0x1009, 0, ret_bd_addr, 6, &ev);
    expect_cmd(h, 0x0C01, "\x90\x88\x00\x02\x00\x80\x00\x20", 8);
    cc(h, 0, 1, 0x0C01, 0, 0, 0, &ev);
    expect_cmd(h, 0x0C63, "\x00\x00\x80\x02\x00\x00\x00\x00", 8);
    cc(h, 0, 1, 0x0C63, 0, 0, 0, &ev);
    expect_cmd(h, 0x2003, "", 0);
    cc(h, 0, 1, 0x2003, 0, ret_le_features_cis, 8, &ev);
    /* LE-only: no Write LE Host Support; v2 supported */
    expect_cmd(h, 0x2060, "", 0);
    cc(h, 0, 1, 0x2060, 0, ret_buf_v2, sizeof ret_buf_v2, &ev);
    expect_cmd(h, 0x2001, "\xff\xff\xff\xff\x03\x00\x00\x00", 8);
    cc(h, 0, 1, 0x2001, 0, 0, 0, &ev);
    expect_cmd(h, 0x2074, "\x20\x01", 2); /* bit 32 = 1: ISO host support */
    CHECK_EQ(cc(h, 0, 2, 0x2074, 0, 0, 0, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_READY);
    CHECK_EQ(h->state, BLE_HCI_HOST_READY);
}

static void bring_up_reads_the_controller_and_uses_v2_buffers(void)
{
    struct ble_hci_host h;
    bring_up_modern(&h);
    CHECK_EQ(h.ctrl.hci_version, 0x0d);
    CHECK_EQ(h.ctrl.company_id, 0x0059);
    CHECK_EQ(h.ctrl.lmp_subversion, 0x5678);
    CHECK_MEM(h.ctrl.bd_addr, ret_bd_addr, 6);
    CHECK_EQ(h.ctrl.acl_len, 251);
    CHECK_EQ(h.ctrl.acl_num, 3);
    CHECK_EQ(h.ctrl.iso_len, 300);
    CHECK_EQ(h.ctrl.iso_num, 2);
    CHECK_EQ(h.acl_free, 3);
    CHECK_EQ(h.iso_free, 2);
    CHECK_EQ(h.credits, 2);
    CHECK_EQ(ble_hci_host_next_deadline(&h), BLE_NO_DEADLINE);
}

/* An old dual-mode controller: no Page 2, no v2, no LE buffers of its own. */
static void bring_up_falls_back_to_shared_acl_buffers(void)
{
    struct ble_hci_host h;
    struct ble_hci_host_event ev;
    uint8_t cmds[64], none[8];
    ble_memset(cmds, 0, sizeof cmds);
    ble_memset(none, 0, sizeof none);
    ble_hci_host_init(&h, 0);
    ble_hci_host_start(&h, 0);
    expect_cmd(&h, 0x0C03, "", 0);
    cc(&h, 0, 1, 0x0C03, 0, 0, 0, &ev);
    expect_cmd(&h, 0x1001, "", 0);
    cc(&h, 0, 1, 0x1001, 0, ret_version, sizeof ret_version, &ev);
    expect_cmd(&h, 0x1002, "", 0);
    cc(&h, 0, 1, 0x1002, 0, cmds, sizeof cmds, &ev);
    expect_cmd(&h, 0x1003, "", 0);
    cc(&h, 0, 1, 0x1003, 0, none, 8, &ev); /* BR/EDR supported */
    expect_cmd(&h, 0x1009, "", 0);
    cc(&h, 0, 1, 0x1009, 0, ret_bd_addr, 6, &ev);
    expect_cmd(&h, 0x0C01, "\x90\x88\x00\x02\x00\x80\x00\x20", 8);
    cc(&h, 0, 1, 0x0C01, 0, 0, 0, &ev);
    expect_cmd(&h, 0x2003, "", 0); /* no Page 2 */
    cc(&h, 0, 1, 0x2003, 0, none, 8, &ev);
    expect_cmd(&h, 0x0C6D, "\x01\x00", 2); /* dual mode: enable LE */
    cc(&h, 0, 1, 0x0C6D, 0, 0, 0, &ev);
    expect_cmd(&h, 0x2002, "", 0); /* v1 */
    cc(&h, 0, 1, 0x2002, 0, (const uint8_t *)"\x00\x00\x00", 3, &ev); /* no LE buffers */
    expect_cmd(&h, 0x1005, "", 0);
    /* ACL 1021 octets, SCO 64, 8 ACL buffers, 1 SCO */
    cc(&h, 0, 1, 0x1005, 0, (const uint8_t *)"\xfd\x03\x40\x08\x00\x01\x00", 7, &ev);
    expect_cmd(&h, 0x2001, "\xff\xff\xff\xff\x03\x00\x00\x00", 8);
    cc(&h, 0, 1, 0x2001, 0, 0, 0, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_READY); /* no ISO support: no host feature */
    CHECK_EQ(h.ctrl.acl_len, 1021);
    CHECK_EQ(h.acl_free, 8);
    CHECK_EQ(h.iso_free, 0);
    CHECK_EQ(ble_hci_host_iso_can_send(&h), BLE_ERR_AGAIN);
}

static void read_buffer_size_v2_unknown_falls_back_to_v1(void)
{
    struct ble_hci_host h;
    struct ble_hci_host_cfg cfg;
    struct ble_hci_host_event ev;
    uint8_t zero[64];
    ble_memset(zero, 0, sizeof zero);
    ble_hci_host_cfg_default(&cfg);
    cfg.iso = 2; /* try ISO whatever the controller claims */
    ble_hci_host_init(&h, &cfg);
    ble_hci_host_start(&h, 0);
    expect_cmd(&h, 0x0C03, "", 0);
    cc(&h, 0, 1, 0x0C03, 0, 0, 0, &ev);
    expect_cmd(&h, 0x1001, "", 0);
    cc(&h, 0, 1, 0x1001, 0, ret_version, sizeof ret_version, &ev);
    expect_cmd(&h, 0x1002, "", 0);
    cc(&h, 0, 1, 0x1002, 0, zero, 64, &ev);
    expect_cmd(&h, 0x1003, "", 0);
    cc(&h, 0, 1, 0x1003, 0, ret_features_le_only, 8, &ev);
    expect_cmd(&h, 0x1009, "", 0);
    cc(&h, 0, 1, 0x1009, 0, ret_bd_addr, 6, &ev);
    expect_cmd(&h, 0x0C01, "\x90\x88\x00\x02\x00\x80\x00\x20", 8);
    cc(&h, 0, 1, 0x0C01, 0, 0, 0, &ev);
    expect_cmd(&h, 0x2003, "", 0);
    cc(&h, 0, 1, 0x2003, 0, zero, 8, &ev);
    expect_cmd(&h, 0x2060, "", 0);
    cc(&h, 0, 1, 0x2060, BLE_HCI_UNKNOWN_COMMAND, 0, 0, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_NONE);
    expect_cmd(&h, 0x2002, "", 0);
    cc(&h, 0, 1, 0x2002, 0, (const uint8_t *)"\xfb\x00\x04", 3, &ev);
    expect_cmd(&h, 0x2001, "\xff\xff\xff\xff\x03\x00\x00\x00", 8);
    cc(&h, 0, 1, 0x2001, 0, 0, 0, &ev);
    expect_cmd(&h, 0x2074, "\x20\x01", 2);
    cc(&h, 0, 1, 0x2074, BLE_HCI_UNKNOWN_COMMAND, 0, 0, &ev); /* optional */
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_READY);
    CHECK_EQ(h.acl_free, 4);
}

static void bring_up_fails_on_a_mandatory_error_or_silence(void)
{
    struct ble_hci_host h;
    struct ble_hci_host_event ev;
    uint8_t buf[16];
    ble_hci_host_init(&h, 0);
    ble_hci_host_start(&h, 0);
    expect_cmd(&h, 0x0C03, "", 0);
    cc(&h, 0, 1, 0x0C03, BLE_HCI_HARDWARE_FAILURE, 0, 0, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_FAILED);
    CHECK_EQ(ev.opcode, 0x0C03);
    CHECK_EQ(ev.status, BLE_HCI_HARDWARE_FAILURE);
    CHECK_EQ(h.state, BLE_HCI_HOST_FAILED);
    CHECK_EQ(ble_hci_host_poll_cmd(&h, 0, buf, sizeof buf), BLE_ERR_AGAIN);
    /* silence: the command times out */
    CHECK_EQ(ble_hci_host_start(&h, 1000), BLE_OK);
    CHECK_EQ(ble_hci_host_poll_cmd(&h, 1000, buf, sizeof buf), 3);
    CHECK_EQ(ble_hci_host_next_deadline(&h), 1000 + BLE_CFG_HCI_CMD_TIMEOUT_MS);
    ble_hci_host_on_timer(&h, 999 + BLE_CFG_HCI_CMD_TIMEOUT_MS, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_NONE);
    ble_hci_host_on_timer(&h, 1000 + BLE_CFG_HCI_CMD_TIMEOUT_MS, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_FAILED);
    CHECK_EQ(ev.err, BLE_ERR_TIMEOUT);
    CHECK_EQ(h.stats.cmd_timeouts, 1);
    CHECK_EQ(ble_hci_host_next_deadline(&h), BLE_NO_DEADLINE);
    /* a short Read Local Version answer is a failure too */
    ble_hci_host_start(&h, 0);
    expect_cmd(&h, 0x0C03, "", 0);
    cc(&h, 0, 1, 0x0C03, 0, 0, 0, &ev);
    expect_cmd(&h, 0x1001, "", 0);
    cc(&h, 0, 1, 0x1001, 0, ret_version, 3, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_FAILED);
    CHECK_EQ(ev.err, BLE_ERR_SHORT);
}

static void commands_wait_for_credits_and_one_per_opcode(void)
{
    struct ble_hci_host h;
    struct ble_hci_host_event ev;
    uint8_t buf[16], before[16];
    bring_up_modern(&h); /* ends with 2 credits */
    CHECK_EQ(ble_hci_host_cmd(&h, 0, 0x200A, (const uint8_t *)"\x01", 1, buf, sizeof buf), 4);
    CHECK_MEM(buf, "\x0a\x20\x01\x01", 4);
    /* the same opcode again: busy, nothing written */
    tt_poison(buf, sizeof buf);
    ble_memcpy(before, buf, sizeof buf);
    CHECK_EQ(ble_hci_host_cmd(&h, 0, 0x200A, (const uint8_t *)"\x00", 1, buf, sizeof buf), BLE_ERR_BUSY);
    CHECK_MEM(buf, before, sizeof buf);
    CHECK_EQ(ble_hci_host_cmd(&h, 0, 0x0406, (const uint8_t *)"\x40\x00\x13", 3, buf, sizeof buf), 6);
    CHECK_EQ(h.credits, 0);
    CHECK_EQ(ble_hci_host_cmd(&h, 0, 0x2005, ret_bd_addr, 6, buf, sizeof buf), BLE_ERR_AGAIN);
    /* Disconnect completes through Command Status */
    CHECK_EQ(cs(&h, 0, 1, 0x0406, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_CMD_DONE);
    CHECK_EQ(ev.via_status, 1);
    CHECK_EQ(ev.opcode, 0x0406);
    CHECK_EQ(h.credits, 1);
    CHECK_EQ(cc(&h, 0, 1, 0x200A, BLE_HCI_COMMAND_DISALLOWED, 0, 0, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_CMD_DONE);
    CHECK_EQ(ev.status, BLE_HCI_COMMAND_DISALLOWED);
    CHECK_EQ(ev.ret.len, 0);
    /* a completion nobody waits for is counted */
    cc(&h, 0, 1, 0x200A, 0, 0, 0, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_NONE);
    CHECK_EQ(h.stats.unmatched_completions, 1);
    /* NOP (opcode 0x0000): credits only, no return parameters */
    {
        const uint8_t nop[] = { 0x0e, 0x03, 0x05, 0x00, 0x00 };
        const uint8_t cut[] = { 0x0e, 0x02, 0x05, 0x00 };
        CHECK_EQ(ble_hci_host_on_event(&h, 0, nop, sizeof nop, &ev), BLE_OK);
        CHECK_EQ(ev.type, BLE_HCI_HOST_EV_NONE);
        CHECK_EQ(h.credits, 5);
        CHECK_EQ(ble_hci_host_on_event(&h, 0, cut, sizeof cut, &ev), BLE_ERR_SHORT);
        CHECK_EQ(h.credits, 5); /* a malformed event changes nothing */
    }
    CHECK_EQ(ble_hci_host_cmd(&h, 0, 0x0000, 0, 0, buf, sizeof buf), BLE_ERR_PARAM);
}

static void app_command_times_out(void)
{
    struct ble_hci_host h;
    struct ble_hci_host_event ev;
    uint8_t buf[8];
    bring_up_modern(&h);
    CHECK_EQ(ble_hci_host_cmd(&h, 100, 0x200C, (const uint8_t *)"\x01\x00", 2, buf, sizeof buf), 5);
    ble_hci_host_on_timer(&h, 100 + BLE_CFG_HCI_CMD_TIMEOUT_MS, &ev);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_CMD_TIMEOUT);
    CHECK_EQ(ev.opcode, 0x200C);
    CHECK_EQ(h.state, BLE_HCI_HOST_READY);
    CHECK_EQ(ble_hci_host_cmd(&h, 0, 0x200C, (const uint8_t *)"\x01\x00", 2, buf, sizeof buf), 5);
}

static void acl_buffers_return_on_completed_packets_and_disconnection(void)
{
    struct ble_hci_host h;
    struct ble_hci_host_event ev;
    /* Number Of Completed Packets: 2 handles (7.7.19) */
    const uint8_t nocp[] = { 0x13, 0x09, 0x02, 0x40, 0x00, 0x01, 0x00, 0x41, 0x00, 0x05, 0x00 };
    const uint8_t nocp_bad[] = { 0x13, 0x05, 0x02, 0x40, 0x00, 0x01, 0x00 };
    /* Disconnection Complete: handle 0x0040, reason 0x13 (7.7.5) */
    const uint8_t disc[] = { 0x05, 0x04, 0x00, 0x40, 0x00, 0x13 };
    bring_up_modern(&h); /* 3 ACL buffers, 2 ISO */
    CHECK_EQ(ble_hci_host_acl_sent(&h, 0x40), BLE_OK);
    CHECK_EQ(ble_hci_host_acl_sent(&h, 0x40), BLE_OK);
    CHECK_EQ(ble_hci_host_acl_sent(&h, 0x41), BLE_OK);
    CHECK_EQ(ble_hci_host_acl_sent(&h, 0x41), BLE_ERR_AGAIN);
    CHECK_EQ(ble_hci_host_acl_can_send(&h), BLE_ERR_AGAIN);
    CHECK_EQ(ble_hci_host_iso_sent(&h, 0x40), BLE_ERR_PARAM); /* an ACL handle */
    CHECK_EQ(ble_hci_host_iso_sent(&h, 0x101), BLE_OK);
    CHECK_EQ(ble_hci_host_acl_sent(&h, 0x1000), BLE_ERR_RANGE);
    CHECK_EQ(ble_hci_host_on_event(&h, 0, nocp, sizeof nocp, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_NONE);
    CHECK_EQ(ble_hci_host_in_flight(&h, 0x40), 1);
    CHECK_EQ(ble_hci_host_in_flight(&h, 0x41), 0);
    CHECK_EQ(h.stats.nocp_excess, 1); /* 5 completed, 1 in flight */
    CHECK_EQ(h.stats.acl_completed, 2); /* 1 of 0x40, 1 (clamped) of 0x41 */
    CHECK_EQ(h.stats.iso_completed, 0);
    CHECK_EQ(h.acl_free, 2);
    CHECK_EQ(ble_hci_host_on_event(&h, 0, nocp_bad, sizeof nocp_bad, &ev), BLE_ERR_SHORT);
    CHECK_EQ(h.stats.malformed_events, 1);
    CHECK_EQ(h.acl_free, 2); /* a malformed event returns nothing */
    CHECK_EQ(ble_hci_host_on_event(&h, 0, disc, sizeof disc, &ev), BLE_OK);
    CHECK_EQ(ev.type, BLE_HCI_HOST_EV_PASS); /* the application sees it too */
    CHECK_EQ(h.acl_free, 3);
    CHECK_EQ(ble_hci_host_in_flight(&h, 0x40), 0);
    CHECK_EQ(ble_hci_host_on_event(&h, 0, nocp, sizeof nocp, &ev), BLE_OK);
    CHECK_EQ(h.stats.nocp_unknown_handle, 1); /* 0x40 is gone */
    CHECK_EQ(h.stats.acl_completed, 2);         /* the disconnection returned 0x40's, not completed */
    {   /* the ISO packet on CIS 0x101 completes: counted apart from ACL */
        const uint8_t nocp_iso[] = { 0x13, 0x05, 0x01, 0x01, 0x01, 0x01, 0x00 };
        CHECK_EQ(ble_hci_host_on_event(&h, 0, nocp_iso, sizeof nocp_iso, &ev), BLE_OK);
        CHECK_EQ(h.stats.iso_completed, 1);
        CHECK_EQ(h.stats.acl_completed, 2);
        CHECK_EQ(h.iso_free, 2);
    }
    CHECK_EQ(ble_hci_host_iso_sent(&h, 0x101), BLE_OK);
    ble_hci_host_handle_closed(&h, 0x101);
    CHECK_EQ(h.iso_free, 2);
    CHECK_EQ(h.stats.iso_completed, 1);
}

void suite_hci_host(void)
{
    TT_RUN(bring_up_reads_the_controller_and_uses_v2_buffers);
    TT_RUN(bring_up_falls_back_to_shared_acl_buffers);
    TT_RUN(read_buffer_size_v2_unknown_falls_back_to_v1);
    TT_RUN(bring_up_fails_on_a_mandatory_error_or_silence);
    TT_RUN(commands_wait_for_credits_and_one_per_opcode);
    TT_RUN(app_command_times_out);
    TT_RUN(acl_buffers_return_on_completed_packets_and_disconnection);
}
