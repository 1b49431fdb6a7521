/* bledump: decodes a Bluetooth HCI capture through every layer the kit knows.
 *
 *   bledump [-v] [--json] FILE      btsnoop (H1, H4 or monitor datalink) or pcap
 *                                   (Bluetooth H4 link types 187 and 201)
 *   bledump --list                  every command, event, LE subevent and
 *                                   signaling code the kit decodes
 *
 * One line per packet; -v prints every field on its own line; --json prints
 * JSON Lines (see README: "bledump"). Whatever a packet holds, it gets a line:
 * what does not decode says why, and the closing summary on stderr counts it.
 * Exit status: 0 decoded, 1 the file is not a capture or is cut short, 2 usage.
 * SPDX-License-Identifier: Apache-2.0
 */
#define BLE_IMPLEMENTATION
#include "../ble.h"

#include <stdio.h>
#include <errno.h>
#include <string.h>

#define LINE_MAX_ 16384

enum out_mode { OUT_LINE, OUT_VERBOSE, OUT_JSON };

struct dump {
    enum out_mode mode;
    uint64_t first_ts; /* microseconds */
    int have_first;
    unsigned long packets, errors, skipped;
    /* L2CAP recombination, one per direction, up to 16 links each */
    struct ble_l2cap_rx rx[2];
    struct ble_l2cap_rx_slot slots[2][16];
    uint8_t store[2][16][4 + 65535];
};

static char line[LINE_MAX_];

/* ---- output helpers ---- */

static void put_err(struct ble_str *s, struct dump *d, const char *what, int rc)
{
    d->errors++;
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"error\":\"");
        ble_str_puts(s, what);
        ble_str_puts(s, ": ");
        ble_str_puts(s, ble_err_name(rc));
        ble_str_putc(s, '"');
        return;
    }
    ble_str_puts(s, " !");
    ble_str_puts(s, what);
    ble_str_puts(s, ": ");
    ble_str_puts(s, ble_strerror(rc));
    ble_str_puts(s, " (");
    ble_str_puts(s, ble_err_name(rc));
    ble_str_putc(s, ')');
}

/* "name" then the PDU's fields, in the mode's form. */
static void put_pdu(struct ble_str *s, struct dump *d, const char *key, const struct ble_pdu_desc *desc,
                    const void *pdu)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":");
        ble_pdu_print(desc, pdu, s, BLE_PRINT_JSON);
        return;
    }
    if (d->mode == OUT_LINE) {
        size_t i;
        for (i = 0; i < desc->nfields && desc->fields[i].kind == BLE_FK_NONE; i++) {
        }
        if (i == desc->nfields)
            return; /* a PDU without parameters: nothing follows its name */
        ble_str_putc(s, ' ');
    }
    ble_pdu_print(desc, pdu, s, d->mode == OUT_VERBOSE ? BLE_PRINT_MULTILINE : 0);
}

static void put_name(struct ble_str *s, struct dump *d, const char *key, const char *name)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":\"");
        ble_str_puts(s, name);
        ble_str_putc(s, '"');
    } else {
        ble_str_putc(s, ' ');
        ble_str_puts(s, name);
    }
}

static void put_hex_field(struct ble_str *s, struct dump *d, const char *key, unsigned v, unsigned digits)
{
    if (d->mode == OUT_JSON) {
        ble_str_puts(s, ",\"");
        ble_str_puts(s, key);
        ble_str_puts(s, "\":");
        ble_str_udec(s, v);
    } else {
        ble_str_putc(s, ' ');
        ble_str_puts(s, key);
        ble_str_putc(s, '=');
        ble_str_hex(s, v, digits);
    }
}

/* ---- layers ---- */

static void decode_cmd(struct ble_str *s, struct dump *d, const uint8_t *p, size_t n)
{
    struct ble_rd r;
    uint16_t op;
    struct ble_view params;
    ble_rd_init(&r, p, n);
    op = ble_rd_u16(&r);
    params = ble_rd_view(&r, ble_rd_u8(&r));
    if (ble_rd_end(&r) != BLE_OK) {
        put_err(s, d, "command packet", ble_rd_end(&r));
        return;
    }
    put_hex_field(s, d, "opcode", op, 4);
#ifdef BLE_HCI_CMD_H
    {
        const struct ble_pdu_desc *desc = ble_hci_cmd_desc(op);
        union ble_hci_cmd_params u;
        int rc;
        if (!desc) {
            put_name(s, d, "name", (op >> 10) == 0x3F ? "Vendor" : "Unknown");
            return;
        }
        put_name(s, d, "name", ble_pdu_name(desc));
        rc = ble_pdu_decode(desc, params.p, params.len, &u);
        if (rc == BLE_OK)
            put_pdu(s, d, "params", desc, &u);
        else
            put_err(s, d, "parameters", rc);
    }
#else
    (void)params;
#endif
}

static void decode_return(struct ble_str *s, struct dump *d, uint16_t op, struct ble_view ret)
{
#ifdef BLE_HCI_CMD_H
    const struct ble_pdu_desc *desc = ble_hci_ret_desc(op);
    union ble_hci_ret_params u;
    int rc;
    if (!desc) {
        if (ret.len)
            put_name(s, d, "ret_name", "(return parameters not in the tables)");
        return;
    }
    put_name(s, d, "command", ble_pdu_name(ble_hci_cmd_desc(op)));
    rc = ble_pdu_decode(desc, ret.p, ret.len, &u);
    if (rc == BLE_OK)
        put_pdu(s, d, "ret", desc, &u);
    else
        put_err(s, d, "return parameters", rc);
#else
    (void)s, (void)d, (void)op, (void)ret;
#endif
}

static void decode_evt(struct ble_str *s, struct dump *d, const uint8_t *p, size_t n)
{
    struct ble_hci_evt_pkt pkt;
    const struct ble_pdu_desc *desc;
    union ble_hci_evt_params u;
    int rc = ble_hci_evt_packet(p, n, &pkt);
    if (rc != BLE_OK) {
        put_err(s, d, "event packet", rc);
        return;
    }
    put_hex_field(s, d, "code", pkt.code, 2);
    desc = ble_hci_evt_desc(pkt.code);
    if (!desc) {
        put_name(s, d, "name", "Unknown");
        return;
    }
    put_name(s, d, "name", ble_pdu_name(desc));
    rc = ble_pdu_decode(desc, pkt.params.p, pkt.params.len, &u);
    if (rc != BLE_OK) {
        put_err(s, d, "parameters", rc);
        return;
    }
    if (pkt.code == BLE_HCI_EVT_LE_META) {
        const struct ble_pdu_desc *le = ble_hci_le_evt_desc(u.le_meta.subevent_code);
        union ble_hci_le_evt_params lu;
        put_hex_field(s, d, "subevent", u.le_meta.subevent_code, 2);
        if (!le) {
            put_name(s, d, "subevent_name", "Unknown");
            return;
        }
        put_name(s, d, "subevent_name", ble_pdu_name(le));
        rc = ble_pdu_decode(le, u.le_meta.parameters.p, u.le_meta.parameters.len, &lu);
        if (rc == BLE_OK)
            put_pdu(s, d, "params", le, &lu);
        else
            put_err(s, d, "parameters", rc);
        return;
    }
    put_pdu(s, d, "params", desc, &u);
    if (pkt.code == BLE_HCI_EVT_DISCONNECTION_COMPLETE && u.disconnection_complete.status == 0) {
        /* the link is gone: a PDU half gathered on it is dropped and counted */
        ble_l2cap_rx_detach(&d->rx[0], u.disconnection_complete.connection_handle);
        ble_l2cap_rx_detach(&d->rx[1], u.disconnection_complete.connection_handle);
    }
    if (pkt.code == BLE_HCI_EVT_COMMAND_COMPLETE)
        decode_return(s, d, u.command_complete.command_opcode, u.command_complete.return_parameters);
}

static void decode_l2cap(struct ble_str *s, struct dump *d, const struct ble_l2cap_pdu *pdu)
{
    put_hex_field(s, d, "cid", pdu->cid, 4);
    if (pdu->cid == BLE_L2CAP_CID_LE_SIGNALING) {
        struct ble_l2cap_sig sig;
        int rc = ble_l2cap_sig_decode(pdu->payload.p, pdu->payload.len, &sig);
        if (rc == BLE_OK) {
            put_name(s, d, "l2cap", ble_pdu_name(sig.desc));
            put_hex_field(s, d, "id", sig.id, 2);
            put_pdu(s, d, "sig", sig.desc, &sig.p);
        } else if (rc == BLE_ERR_UNKNOWN) {
            put_name(s, d, "l2cap", "signaling (code not defined for LE)");
            put_hex_field(s, d, "sig_code", sig.code, 2);
        } else {
            put_err(s, d, "signaling", rc);
        }
        return;
    }
    if (pdu->cid == BLE_L2CAP_CID_ATT) {
        struct ble_att_pdu att;
        int rc = ble_att_decode(pdu->payload.p, pdu->payload.len, &att);
        if (rc == BLE_OK) {
            put_name(s, d, "l2cap", "ATT");
            put_name(s, d, "att", ble_att_op_name(att.opcode));
            put_pdu(s, d, "att_params", att.desc, &att.p);
        } else if (rc == BLE_ERR_UNKNOWN) {
            put_name(s, d, "l2cap", "ATT");
            put_hex_field(s, d, "att_opcode", att.opcode, 2);
            put_name(s, d, "att", "(opcode not defined)");
        } else {
            put_name(s, d, "l2cap", "ATT");
            put_err(s, d, "ATT", rc);
        }
        return;
    }
    if (pdu->cid == BLE_L2CAP_CID_SMP)
        put_name(s, d, "l2cap", "SMP");
    else if (pdu->cid >= BLE_L2CAP_CID_DYN_MIN && pdu->cid <= BLE_L2CAP_CID_DYN_MAX)
        put_name(s, d, "l2cap", "LE credit-based channel");
    else
        put_name(s, d, "l2cap", "unknown channel");
    if (pdu->payload.len)
        put_hex_field(s, d, "opcode", pdu->payload.p[0], 2);
    put_hex_field(s, d, "len", (unsigned)pdu->payload.len, 4);
}

static void decode_acl(struct ble_str *s, struct dump *d, int dir, const uint8_t *p, size_t n)
{
    struct ble_hci_acl acl;
    struct ble_l2cap_pdu pdu;
    int rc = ble_hci_acl_decode(p, n, &acl);
    if (rc != BLE_OK) {
        put_err(s, d, "ACL packet", rc);
        return;
    }
    put_hex_field(s, d, "handle", acl.handle, 4);
    put_hex_field(s, d, "pb", acl.pb, 1);
    put_hex_field(s, d, "dlen", (unsigned)acl.data.len, 4);
    /* a capture may start mid-connection: a link attaches on first sight,
     * with the storage of the slot the recombiner will pick (the first free) */
    {
        size_t k;
        for (k = 0; k < 16 && d->slots[dir][k].slot.used; k++)
            ;
        if (k < 16)
            (void)ble_l2cap_rx_attach(&d->rx[dir], acl.handle, d->store[dir][k], sizeof d->store[dir][k]);
    }
    rc = ble_l2cap_rx_push(&d->rx[dir], &acl, &pdu);
    if (rc == BLE_OK)
        decode_l2cap(s, d, &pdu);
    else if (rc == BLE_ERR_AGAIN)
        put_name(s, d, "l2cap", "fragment");
    else
        put_err(s, d, "L2CAP", rc);
}

static void decode_iso(struct ble_str *s, struct dump *d, const uint8_t *p, size_t n)
{
    struct ble_hci_iso iso;
    int rc = ble_hci_iso_decode(p, n, &iso);
    if (rc != BLE_OK) {
        put_err(s, d, "ISO packet", rc);
        return;
    }
    put_hex_field(s, d, "handle", iso.handle, 4);
    put_hex_field(s, d, "pb", iso.pb, 1);
    if (iso.ts)
        put_hex_field(s, d, "timestamp", iso.timestamp, 8);
    if (iso.has_sdu_hdr) {
        put_hex_field(s, d, "seq", iso.seq, 4);
        put_hex_field(s, d, "sdu_len", iso.sdu_len, 4);
        put_hex_field(s, d, "status", iso.status, 1);
    }
    put_hex_field(s, d, "dlen", (unsigned)iso.data.len, 4);
}

static const char *type_name(unsigned t)
{
    switch (t) {
    case BLE_H4_CMD: return "cmd";
    case BLE_H4_ACL: return "acl";
    case BLE_H4_SCO: return "sco";
    case BLE_H4_EVT: return "evt";
    case BLE_H4_ISO: return "iso";
    default: return "other";
    }
}

/* One HCI packet: H4 type, direction (0 host to controller, 1 controller to
 * host), time in microseconds. */
static void packet(struct dump *d, unsigned type, int dir, uint64_t ts, const uint8_t *p, size_t n)
{
    struct ble_str s;
    uint64_t rel;
    if (!d->have_first) {
        d->first_ts = ts;
        d->have_first = 1;
    }
    rel = ts >= d->first_ts ? ts - d->first_ts : 0;
    d->packets++;
    ble_str_init(&s, line, sizeof line);
    if (d->mode == OUT_JSON) {
        ble_str_puts(&s, "{\"n\":");
        ble_str_udec(&s, d->packets);
        ble_str_puts(&s, ",\"ts\":");
        ble_str_udec(&s, rel / 1000000u);
        ble_str_putc(&s, '.');
        {
            char us[7];
            unsigned long v = (unsigned long)(rel % 1000000u);
            int i;
            for (i = 5; i >= 0; i--, v /= 10)
                us[i] = (char)('0' + v % 10);
            us[6] = 0;
            ble_str_puts(&s, us);
        }
        ble_str_puts(&s, dir ? ",\"dir\":\"rx\",\"type\":\"" : ",\"dir\":\"tx\",\"type\":\"");
        ble_str_puts(&s, type_name(type));
        ble_str_putc(&s, '"');
    } else {
        char head[48];
        sprintf(head, "%6lu %5lu.%06lu %c %-3s", d->packets, (unsigned long)(rel / 1000000u),
                (unsigned long)(rel % 1000000u), dir ? '>' : '<', type_name(type));
        ble_str_puts(&s, head);
    }
    switch (type) {
    case BLE_H4_CMD: decode_cmd(&s, d, p, n); break;
    case BLE_H4_EVT: decode_evt(&s, d, p, n); break;
    case BLE_H4_ACL: decode_acl(&s, d, dir, p, n); break;
    case BLE_H4_ISO: decode_iso(&s, d, p, n); break;
    case BLE_H4_SCO: {
        struct ble_hci_sco sco;
        int rc = ble_hci_sco_decode(p, n, &sco);
        if (rc == BLE_OK)
            put_hex_field(&s, d, "handle", sco.handle, 4);
        else
            put_err(&s, d, "SCO packet", rc);
        break;
    }
    default:
        put_err(&s, d, "packet type", BLE_ERR_UNKNOWN);
        break;
    }
    if (d->mode == OUT_JSON)
        ble_str_putc(&s, '}');
    if (s.truncated)
        fputs(d->mode == OUT_JSON ? "{\"error\":\"line too long\"}" : line, stdout);
    else
        fputs(line, stdout);
    putchar('\n');
}

/* ---- capture formats ---- */

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int read_exact(FILE *f, uint8_t *buf, size_t n)
{
    return fread(buf, 1, n, f) == n;
}

/* The next record header: 1, 0 at a clean end of file, -1 when the file ends
 * inside the header (a capture cut short). */
static int read_header(FILE *f, uint8_t *buf, size_t n)
{
    size_t got = fread(buf, 1, n, f);
    return got == n ? 1 : got == 0 ? 0 : -1;
}

static int cut_short(const struct dump *d)
{
    fprintf(stderr, "bledump: record %lu is cut short\n", d->packets + d->skipped + 1);
    return 1;
}

static uint8_t rec[70000];

/* btsnoop (datalinks 1001 H1, 1002 H4, 2001 monitor); returns the exit status. */
static int run_btsnoop(struct dump *d, FILE *f, uint32_t datalink)
{
    uint8_t h[24];
    /* 0 AD to 1970 in microseconds: btsnoop's epoch */
    const uint64_t epoch = 0x00dcddb30f2f8000ull;
    int more;
    while ((more = read_header(f, h, sizeof h)) == 1) {
        uint32_t incl = be32(h + 4), flags = be32(h + 8);
        uint64_t ts = ((uint64_t)be32(h + 16) << 32) | be32(h + 20);
        int dir = flags & 1;
        ts = ts >= epoch ? ts - epoch : ts;
        if (incl > sizeof rec || !read_exact(f, rec, incl)) {
            fprintf(stderr, "bledump: record %lu is cut short or longer than %u octets\n",
                    d->packets + d->skipped + 1, (unsigned)sizeof rec);
            return 1;
        }
        if (datalink == 1002) { /* H4: indicator first */
            if (!incl) {
                d->skipped++;
                continue;
            }
            packet(d, rec[0], dir, ts, rec + 1, incl - 1);
        } else if (datalink == 1001) { /* H1: the flags say command/event or data */
            unsigned t = (flags & 2) ? (dir ? BLE_H4_EVT : BLE_H4_CMD) : BLE_H4_ACL;
            packet(d, t, dir, ts, rec, incl);
        } else { /* monitor: opcode in the low 16 bits of flags */
            unsigned op = flags & 0xFFFF, t;
            switch (op) {
            case 2: t = BLE_H4_CMD, dir = 0; break;
            case 3: t = BLE_H4_EVT, dir = 1; break;
            case 4: t = BLE_H4_ACL, dir = 0; break;
            case 5: t = BLE_H4_ACL, dir = 1; break;
            case 6: t = BLE_H4_SCO, dir = 0; break;
            case 7: t = BLE_H4_SCO, dir = 1; break;
            case 18: t = BLE_H4_ISO, dir = 0; break;
            case 19: t = BLE_H4_ISO, dir = 1; break;
            default: t = 0; break; /* index, notes, logging: not HCI traffic */
            }
            if (!t) {
                d->skipped++;
                continue;
            }
            packet(d, t, dir, ts, rec, incl);
        }
    }
    if (more < 0)
        return cut_short(d);
    if (!feof(f)) {
        fprintf(stderr, "bledump: read error\n");
        return 1;
    }
    return 0;
}

/* pcap with link type 187 (H4) or 201 (H4 with a 4-octet direction header). */
static int run_pcap(struct dump *d, FILE *f, const uint8_t *gh)
{
    uint32_t magic = be32(gh);
    int swapped = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
    int nano = magic == 0xa1b23c4du || magic == 0x4d3cb2a1u;
    uint8_t h[16];
#define PCAP32(p) (swapped ? ((uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 | (uint32_t)(p)[2] << 16 | (uint32_t)(p)[3] << 24) : be32(p))
    uint32_t linktype = PCAP32(gh + 20) & 0xFFFF;
    if (linktype != 187 && linktype != 201) {
        fprintf(stderr, "bledump: pcap link type %u is not Bluetooth H4 (187 or 201)\n", (unsigned)linktype);
        return 1;
    }
    int more;
    while ((more = read_header(f, h, sizeof h)) == 1) {
        uint32_t incl = PCAP32(h + 8);
        uint64_t ts = (uint64_t)PCAP32(h) * 1000000u + (nano ? PCAP32(h + 4) / 1000u : PCAP32(h + 4));
        size_t off = 0;
        int dir = 0;
        if (incl > sizeof rec || !read_exact(f, rec, incl)) {
            fprintf(stderr, "bledump: record %lu is cut short or longer than %u octets\n",
                    d->packets + d->skipped + 1, (unsigned)sizeof rec);
            return 1;
        }
        if (linktype == 201) {
            if (incl < 4) {
                d->skipped++;
                continue;
            }
            dir = be32(rec) & 1; /* 0 sent, 1 received */
            off = 4;
        }
        if (incl <= off) {
            d->skipped++;
            continue;
        }
        packet(d, rec[off], dir, ts, rec + off + 1, incl - off - 1);
    }
#undef PCAP32
    return more < 0 ? cut_short(d) : 0;
}

/* ---- --list ---- */

static void list_row(const char *kind, const struct ble_pdu_desc *d, unsigned digits)
{
    const char *c = ble_pdu_name(d);
    printf("%s 0x%0*x ", kind, (int)digits, (unsigned)d->code);
    for (; *c; c++)
        putchar(*c == ' ' ? '_' : *c);
    putchar('\n');
}

static void list_table(const char *kind, const struct ble_pdu_desc *t, size_t n, unsigned digits)
{
    size_t i;
    for (i = 0; i < n; i++)
        list_row(kind, &t[i], digits);
}

static void list(void)
{
#ifdef BLE_HCI_CMD_H
    {
        size_t i;
        for (i = 0; i < BLE_HCI_CMD_COUNT; i++)
            list_row("cmd", ble_hci_cmd_descs[i], 4);
    }
#endif
    list_table("evt", ble_hci_evt_descs, BLE_HCI_EVT_COUNT, 2);
    list_table("le", ble_hci_le_evt_descs, BLE_HCI_LE_EVT_COUNT, 2);
    list_table("sig", ble_l2cap_sig_descs, BLE_L2CAP_SIG_COUNT, 2);
}

static struct dump dump;

int main(int argc, char **argv)
{
    const char *path = 0;
    FILE *f;
    uint8_t gh[24];
    int i, rc;
    dump.mode = OUT_LINE;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            dump.mode = OUT_VERBOSE;
        else if (!strcmp(argv[i], "--json"))
            dump.mode = OUT_JSON;
        else if (!strcmp(argv[i], "--list")) {
            list();
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "bledump: unknown option %s\n", argv[i]);
            return 2;
        } else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: bledump [-v] [--json] FILE | bledump --list\n");
        return 2;
    }
    f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "bledump: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (i = 0; i < 2; i++)
        ble_l2cap_rx_init(&dump.rx[i], dump.slots[i], 16);
    if (!read_exact(f, gh, 16)) {
        fprintf(stderr, "bledump: %s: too short for a capture header\n", path);
        return 1;
    }
    if (!memcmp(gh, "btsnoop\0", 8)) {
        uint32_t dl = be32(gh + 12);
        if (be32(gh + 8) != 1 || (dl != 1001 && dl != 1002 && dl != 2001)) {
            fprintf(stderr, "bledump: btsnoop version %u datalink %u not supported (1001, 1002, 2001)\n",
                    (unsigned)be32(gh + 8), (unsigned)dl);
            return 1;
        }
        rc = run_btsnoop(&dump, f, dl);
    } else if (read_exact(f, gh + 16, 8) &&
               (be32(gh) == 0xa1b2c3d4u || be32(gh) == 0xd4c3b2a1u || be32(gh) == 0xa1b23c4du ||
                be32(gh) == 0x4d3cb2a1u)) {
        rc = run_pcap(&dump, f, gh);
    } else {
        fprintf(stderr, "bledump: %s is neither btsnoop nor pcap\n", path);
        return 1;
    }
    fprintf(stderr, "bledump: %lu packets, %lu with decode errors, %lu records not HCI traffic\n",
            dump.packets, dump.errors, dump.skipped);
    return rc;
}
