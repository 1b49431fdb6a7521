/* blekit: Bluetooth Low Energy host layers as one header-only C kit.
 * SPDX-License-Identifier: Apache-2.0
 *
 * USING IT
 *   1. Add this directory to the include path and include "ble.h" wherever the
 *      kit is used.
 *   2. In exactly one C (or C++) file, define BLE_IMPLEMENTATION before the
 *      include. That file holds the kit's code; every other file sees
 *      declarations and tiny static inline helpers only:
 *          #define BLE_IMPLEMENTATION
 *          #include "ble.h"
 *   3. Configure with BLE_CFG_* macros (defaults below), defined identically in
 *      every translation unit: on the command line, or in a file named by
 *      BLE_CONFIG_FILE (-DBLE_CONFIG_FILE='"my_ble_cfg.h"').
 *
 * THE CONTRACT EVERY LAYER FOLLOWS
 *   Codecs:  int ble_x_decode(const uint8_t *in, size_t len, struct ble_x *out);
 *            int ble_x_encode(const struct ble_x *in, uint8_t *buf, size_t cap);
 *            Both return a negative enum ble_err on failure (ble_strerror()
 *            names it). decode never reads past len and leaves *out untouched on
 *            error; encode returns the length written, never writes past cap,
 *            and writes nothing on error. Variable-length values are views
 *            (pointer + length) into the caller's input: nothing is copied.
 *   State machines: the caller owns the state struct and every buffer.
 *            ble_x_init(x, cfg)           caller storage and limits
 *            ble_x_on_rx(x, now_ms, ...)  bytes received
 *            ble_x_<request>(x, now_ms..) an API request
 *            ble_x_on_timer(x, now_ms)    time passing
 *            ble_x_next_deadline(x)       when to call on_timer next
 *                                         (BLE_NO_DEADLINE when never)
 *            ble_x_poll_tx / poll_event   outputs, pulled into caller buffers
 *   The kit never allocates, blocks, sleeps, reads a clock, calls back or keeps
 *   a global: a firmware loop reads bytes, steps, writes what the kit produced
 *   and arms one timer.
 *
 * Layers, bottom up: layers/base.h (cursors, views, errors, PDU tables), and
 * the protocol layers as they land. See README.md for the full picture.
 */
#ifndef BLE_H
#define BLE_H

#define BLE_VERSION_MAJOR 0
#define BLE_VERSION_MINOR 1
#define BLE_VERSION_PATCH 0
#define BLE_VERSION_STRING "0.1.0"
/* One number that grows with every release: 0xMMmmpp. */
#define BLE_VERSION ((BLE_VERSION_MAJOR << 16) | (BLE_VERSION_MINOR << 8) | BLE_VERSION_PATCH)

#ifdef BLE_CONFIG_FILE
#include BLE_CONFIG_FILE
#endif

/* ---- Configuration: every BLE_CFG_* macro with its default ---------------- */

/* 1: keep PDU and field names and the field printers (tools, logs).
 * 0: compile them out; name lookups return "" and printers print nothing. */
#ifndef BLE_CFG_NAMES
#define BLE_CFG_NAMES 1
#endif

/* Largest array element struct the printer decodes (on the stack), in bytes. */
#ifndef BLE_CFG_PRINT_ELEM_MAX
#define BLE_CFG_PRINT_ELEM_MAX 96
#endif

/* 1: use the C library's memcpy/memset/memcmp; 0: the kit's own byte loops
 * (for targets without a C library). Defaults to 1 on hosted compilers. */
#ifndef BLE_CFG_LIBC
#if defined(__STDC_HOSTED__) && __STDC_HOSTED__
#define BLE_CFG_LIBC 1
#else
#define BLE_CFG_LIBC 0
#endif
#endif

/* Linkage of the kit's non-inline functions. Define BLE_CFG_STATIC to 1 to make
 * every function static to the one translation unit that includes the kit with
 * BLE_IMPLEMENTATION (then no other file may use it). */
#ifndef BLE_CFG_STATIC
#define BLE_CFG_STATIC 0
#endif

/* HCI host flow control (layers/hci.h). */
/* Connection, CIS and BIS handles whose in-flight packets are tracked. */
#ifndef BLE_CFG_HCI_MAX_HANDLES
#define BLE_CFG_HCI_MAX_HANDLES 8
#endif
/* Commands that may await their Command Complete / Status at once (each of a
 * different opcode). */
#ifndef BLE_CFG_HCI_MAX_PENDING
#define BLE_CFG_HCI_MAX_PENDING 4
#endif
/* How long a command may go without Command Complete / Status (ms). */
#ifndef BLE_CFG_HCI_CMD_TIMEOUT_MS
#define BLE_CFG_HCI_CMD_TIMEOUT_MS 5000
#endif

/* L2CAP channels of one LE-U link (layers/l2cap.h). */
/* Credit-based channels (LE CoC and ECFC) one struct ble_l2cap_link holds. */
#ifndef BLE_CFG_L2CAP_MAX_CHANNELS
#define BLE_CFG_L2CAP_MAX_CHANNELS 4
#endif
/* RTX: how long a signaling request may wait for its response (ms); Core 6.0
 * Vol 3 Part A 6.2.1 allows 1 to 60 seconds. */
#ifndef BLE_CFG_L2CAP_RTX_MS
#define BLE_CFG_L2CAP_RTX_MS 30000
#endif
/* Events a struct ble_l2cap_link queues for the application. */
#ifndef BLE_CFG_L2CAP_EVENTS
#define BLE_CFG_L2CAP_EVENTS 8
#endif

/* GATT server (layers/gatt.h). */
/* ATT transaction timeout (Core 6.0 Vol 3 Part F 3.3.3): how long an
 * indication may wait for its confirmation (ms). */
#ifndef BLE_CFG_GATT_TIMEOUT_MS
#define BLE_CFG_GATT_TIMEOUT_MS 30000
#endif

/* GAP roles (layers/gap_role.h). */
/* Connections one struct ble_gap tracks. */
#ifndef BLE_CFG_GAP_MAX_CONNS
#define BLE_CFG_GAP_MAX_CONNS 4
#endif
/* Advertising sets (legacy advertising uses one). */
#ifndef BLE_CFG_GAP_ADV_SETS
#define BLE_CFG_GAP_ADV_SETS 2
#endif
/* Periodic advertising syncs. */
#ifndef BLE_CFG_GAP_MAX_SYNCS
#define BLE_CFG_GAP_MAX_SYNCS 2
#endif
/* Requests (procedures of one or more HCI commands) that may wait in line. */
#ifndef BLE_CFG_GAP_PROCS
#define BLE_CFG_GAP_PROCS 4
#endif
/* Events a struct ble_gap queues for the application. */
#ifndef BLE_CFG_GAP_EVENTS
#define BLE_CFG_GAP_EVENTS 8
#endif

/* ASCS server (profiles/ascs.h). */
/* ASEs per client connection (Sink and Source together). */
#ifndef BLE_CFG_ASCS_MAX_ASES
#define BLE_CFG_ASCS_MAX_ASES 4
#endif
/* ASEs one ASE Control Point write may name (at least BLE_CFG_ASCS_MAX_ASES). */
#ifndef BLE_CFG_ASCS_MAX_CP_ASES
#define BLE_CFG_ASCS_MAX_CP_ASES 8
#endif
/* Octets of Codec_Specific_Configuration and of Metadata an ASE keeps. */
#ifndef BLE_CFG_ASCS_CODEC_CFG_MAX
#define BLE_CFG_ASCS_CODEC_CFG_MAX 32
#endif
#ifndef BLE_CFG_ASCS_METADATA_MAX
#define BLE_CFG_ASCS_METADATA_MAX 32
#endif

/* BAP unicast client (profiles/bap_client.h). */
/* ASE characteristics one struct ble_bap_cli tracks (Sink and Source). */
#ifndef BLE_CFG_BAP_CLI_MAX_ASES
#define BLE_CFG_BAP_CLI_MAX_ASES 4
#endif
/* Octets of each ASE value the client keeps (the value read or notified last). */
#ifndef BLE_CFG_BAP_CLI_ASE_VALUE_MAX
#define BLE_CFG_BAP_CLI_ASE_VALUE_MAX 64
#endif
/* Octets of one ASE Control Point write it builds. */
#ifndef BLE_CFG_BAP_CLI_CP_MAX
#define BLE_CFG_BAP_CLI_CP_MAX 64
#endif
/* Events it queues for the application. */
#ifndef BLE_CFG_BAP_CLI_EVENTS
#define BLE_CFG_BAP_CLI_EVENTS 8
#endif

#endif /* BLE_H */

/* Layers, each below the ones that use it. Each header holds a declaration part
 * and, under BLE_IMPLEMENTATION, its code; both are guarded separately so that a
 * file may include ble.h more than once. */
#include "layers/base.h"
#include "layers/aes.h"
#include "layers/hci.h"
#include "layers/hci_cmd.h"
#include "layers/hci_evt.h"
#include "layers/hci_host.h"
#include "layers/iso.h"
#include "layers/l2cap.h"
#include "layers/att.h"
#include "layers/gatt.h"
#include "layers/gatt_client.h"
#include "profiles/ascs.h"
#include "layers/gap.h"
#include "layers/gap_role.h"
#include "profiles/bap.h"
#include "profiles/pacs.h"
#include "profiles/bap_client.h"
#include "profiles/bap_server.h"
#include "profiles/bap_broadcast.h"
