/* Table-row checks shared by the unit tests of the HCI tables: a canonical
 * parameter string for any descriptor, and the round trip, size, short-room
 * encode, array-element and truncation checks run over it.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef SYNTH_H
#define SYNTH_H
#include "../ble.h"

/* A canonical parameter string for d into buf: its length, 0 when cap is too
 * small; *rest_len gets the octets of a trailing REST or ARRR field. */
size_t synth_params(const struct ble_pdu_desc *d, uint8_t *buf, size_t cap, size_t *rest_len);
/* Decode, size, encode and every prefix of the canonical string of d, using
 * u (usize octets) as the decoded struct. */
void check_table_row(const struct ble_pdu_desc *d, void *u, size_t usize);
/* A specification vector b (len octets) of d: decodes into u (usize octets),
 * sizes and re-encodes byte-exact, and every prefix is BLE_ERR_SHORT with u
 * untouched (but for a trailing REST field, where a prefix is valid). */
void check_vector(const struct ble_pdu_desc *d, const uint8_t *b, size_t len, void *u,
                  size_t usize);
#endif
