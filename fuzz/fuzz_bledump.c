/* Fuzz harness of bledump's decoding: every layer above HCI that a capture
 * reaches (L2CAP recombination, signaling, ATT, GATT values by handle,
 * advertising data, LE Audio service data, periodic data gathered from
 * fragments), fed a script of packets.
 * Input: a mode octet (line, verbose or JSON), then records of type (1),
 * direction (1), length (2, little-endian) and that many octets.
 * Invariants: every packet gives one line; a JSON line is well formed (its
 * strings closed, its brackets balanced and nested, one object); the GATT
 * link table and the periodic fragments stay within their bounds.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <string.h>

static int fuzz_json_;
static unsigned long fuzz_lines_;
static void fuzz_line_(const char *text);
#define fputs(text, stream) fuzz_line_(text)
#define putchar(c) ((void)0)
#define main bledump_main
#include "../examples/bledump.c"
#undef main
#undef fputs
#undef putchar
#include "fuzz.h"

/* JSON shape: strings closed (with escapes), {} and [] nested, one value. */
static void fuzz_line_(const char *text)
{
    char stack[64];
    size_t depth = 0, i;
    int in_str = 0, esc = 0, closed = 0;
    fuzz_lines_++;
    if (!fuzz_json_)
        return;
    FUZZ_CHECK(text[0] == '{');
    for (i = 0; text[i]; i++) {
        char c = text[i];
        FUZZ_CHECK(!closed); /* nothing after the object */
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
            else
                FUZZ_CHECK((unsigned char)c >= 0x20);
            continue;
        }
        if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            FUZZ_CHECK(depth < sizeof stack);
            stack[depth++] = c;
        } else if (c == '}' || c == ']') {
            FUZZ_CHECK(depth > 0 && stack[depth - 1] == (c == '}' ? '{' : '['));
            if (--depth == 0)
                closed = 1;
        } else if (c == ',') {
            FUZZ_CHECK(i > 0 && text[i - 1] != ',' && text[i - 1] != '{' && text[i - 1] != '[');
        }
    }
    FUZZ_CHECK(!in_str && depth == 0 && closed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum out_mode modes[3] = { OUT_LINE, OUT_VERBOSE, OUT_JSON };
    struct dump *d = &dump;
    size_t off = 1, i;
    unsigned long packets = 0;
    if (size < 1)
        return 0;
    /* a fresh dump without clearing its 2 MiB of recombination storage */
    d->mode = modes[data[0] % 3];
    d->have_first = 0;
    d->packets = d->errors = d->skipped = 0;
    memset(d->links, 0, sizeof d->links);
    memset(d->pa, 0, sizeof d->pa);
    for (i = 0; i < 2; i++)
        ble_l2cap_rx_init(&d->rx[i], d->slots[i], 16);
    fuzz_json_ = d->mode == OUT_JSON;
    fuzz_lines_ = 0;
    while (off + 4 <= size) {
        unsigned type = data[off], dir = data[off + 1] & 1;
        size_t n = (size_t)data[off + 2] | (size_t)data[off + 3] << 8;
        off += 4;
        if (n > size - off)
            n = size - off;
        packet(d, type, (int)dir, packets * 1000u, data + off, n);
        packets++;
        off += n;
        FUZZ_CHECK(fuzz_lines_ == packets);
        for (i = 0; i < GATT_LINKS; i++)
            FUZZ_CHECK(d->links[i].n <= GATT_ATTRS && (d->links[i].mtu >= 23 || !d->links[i].acl));
        for (i = 0; i < PA_FRAGS; i++)
            FUZZ_CHECK(d->pa[i].len <= sizeof d->pa[i].buf);
    }
    FUZZ_CHECK(d->packets == packets);
    return 0;
}
