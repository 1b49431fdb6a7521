/* blekit base layer: errors, byte helpers, bounded cursors, views, text sink,
 * addresses, UUIDs, time, a caller-owned queue, and the PDU table machinery that
 * every protocol layer describes its PDUs with.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/base.h"
#endif

#ifndef BLE_BASE_H
#define BLE_BASE_H

#include <stddef.h>
#include <stdint.h>
#if BLE_CFG_LIBC
#include <string.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Linkage ------------------------------------------------------------- */

#if defined(__GNUC__) || defined(__clang__)
#define BLE_MAYBE_UNUSED __attribute__((unused))
#else
#define BLE_MAYBE_UNUSED
#endif

#if BLE_CFG_STATIC
#define BLE_API static BLE_MAYBE_UNUSED
#else
#define BLE_API extern
#endif
/* Definitions in the implementation part carry BLE_DEF: static under
 * BLE_CFG_STATIC, external otherwise. */
#if BLE_CFG_STATIC
#define BLE_DEF static BLE_MAYBE_UNUSED
#else
#define BLE_DEF
#endif

/* Names compiled in or out (BLE_CFG_NAMES). BLE_NAME_INIT(s) is an initializer
 * list element that exists only when names are kept. */
#if BLE_CFG_NAMES
#define BLE_NAME_INIT(s) s,
#else
#define BLE_NAME_INIT(s)
#endif

/* ---- Errors -------------------------------------------------------------- */

/* X(name, value, text). C error returns of the kit; protocol error codes carried
 * in PDUs (HCI status, ATT errors, ASCS reasons) are separate enums per layer. */
#define BLE_ERRORS(X)                                                                  \
    X(BLE_OK, 0, "ok")                                                                 \
    X(BLE_ERR_SHORT, -1, "input ends before the PDU does")                             \
    X(BLE_ERR_TRAILING, -2, "bytes left over after the PDU")                           \
    X(BLE_ERR_TOO_LONG, -3, "length exceeds what the format or configuration allows")  \
    X(BLE_ERR_NO_SPACE, -4, "output buffer too small")                                 \
    X(BLE_ERR_RANGE, -5, "field value outside the range the specification allows")    \
    X(BLE_ERR_MALFORMED, -6, "inconsistent structure: length or count fields disagree") \
    X(BLE_ERR_UNKNOWN, -7, "unknown opcode or type")                                   \
    X(BLE_ERR_PARAM, -8, "invalid argument from the caller")                           \
    X(BLE_ERR_STATE, -9, "not allowed in the current state")                           \
    X(BLE_ERR_BUSY, -10, "a procedure of this kind is already in progress")            \
    X(BLE_ERR_AGAIN, -11, "nothing available now")                                     \
    X(BLE_ERR_NOT_FOUND, -12, "no such handle, channel or entry")                      \
    X(BLE_ERR_FULL, -13, "caller-sized table or queue is full")                        \
    X(BLE_ERR_TIMEOUT, -14, "procedure timed out")                                     \
    X(BLE_ERR_PROTOCOL, -15, "peer violated the protocol")

#define BLE_ERR_ENUM_(name, value, text) name = (value),
enum ble_err { BLE_ERRORS(BLE_ERR_ENUM_) BLE_ERR_MIN_ = -16 };
#undef BLE_ERR_ENUM_

/* The error's enum name ("BLE_ERR_SHORT"); "BLE_ERR_?" for a value not in the enum. */
BLE_API const char *ble_err_name(int err);
/* What the error means, one short phrase. */
BLE_API const char *ble_strerror(int err);

/* ---- Byte helpers -------------------------------------------------------- */

static inline void ble_memcpy(void *dst, const void *src, size_t n)
{
    if (n == 0)
        return;
#if BLE_CFG_LIBC
    memcpy(dst, src, n);
#else
    {
        uint8_t *d = (uint8_t *)dst;
        const uint8_t *s = (const uint8_t *)src;
        while (n--)
            *d++ = *s++;
    }
#endif
}

static inline void ble_memset(void *dst, int v, size_t n)
{
    if (n == 0)
        return;
#if BLE_CFG_LIBC
    memset(dst, v, n);
#else
    {
        uint8_t *d = (uint8_t *)dst;
        while (n--)
            *d++ = (uint8_t)v;
    }
#endif
}

/* 0 when equal (like memcmp's sign is not promised: only zero / non-zero). */
static inline int ble_memneq(const void *a, const void *b, size_t n)
{
    const uint8_t *x = (const uint8_t *)a;
    const uint8_t *y = (const uint8_t *)b;
    size_t i;
    for (i = 0; i < n; i++)
        if (x[i] != y[i])
            return 1;
    return 0;
}

/* Little-endian loads and stores: Bluetooth puts every multi-octet field least
 * significant octet first (Core 6.0 Vol 1 Part E 2.2). No alignment assumed. */
static inline uint16_t ble_get_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | ((unsigned)p[1] << 8));
}
static inline uint32_t ble_get_le24(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
}
static inline uint32_t ble_get_le32(const uint8_t *p)
{
    return ble_get_le24(p) | ((uint32_t)p[3] << 24);
}
static inline uint64_t ble_get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    while (n--)
        v = (v << 8) | p[n];
    return v;
}
static inline void ble_put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void ble_put_le24(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
}
static inline void ble_put_le32(uint8_t *p, uint32_t v)
{
    ble_put_le24(p, v);
    p[3] = (uint8_t)(v >> 24);
}
static inline void ble_put_le(uint8_t *p, uint64_t v, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

/* ---- Views --------------------------------------------------------------- */

/* A run of bytes inside the caller's input (decoders) or the caller's data
 * (encoders). The kit never owns what a view points at. */
struct ble_view {
    const uint8_t *p;
    size_t len;
};

static inline struct ble_view ble_view_make(const uint8_t *p, size_t len)
{
    struct ble_view v;
    v.p = p;
    v.len = len;
    return v;
}

/* ---- Bounded reader ------------------------------------------------------ */

/* Reads fields in order; the first error sticks: later reads return zeros and
 * do not move, so a decoder reads a whole PDU and checks once. */
struct ble_rd {
    const uint8_t *p;
    size_t len;
    size_t pos;
    int err;
};

static inline void ble_rd_init(struct ble_rd *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->len = p ? len : 0;
    r->pos = 0;
    r->err = BLE_OK;
}
static inline size_t ble_rd_left(const struct ble_rd *r)
{
    return r->len - r->pos;
}
/* 1 when n more bytes can be read; otherwise sets BLE_ERR_SHORT and returns 0. */
static inline int ble_rd_need(struct ble_rd *r, size_t n)
{
    if (r->err)
        return 0;
    if (n > r->len - r->pos) {
        r->err = BLE_ERR_SHORT;
        return 0;
    }
    return 1;
}
/* Sets an error (the first one sticks). */
static inline void ble_rd_fail(struct ble_rd *r, int err)
{
    if (!r->err)
        r->err = err;
}
static inline uint8_t ble_rd_u8(struct ble_rd *r)
{
    return ble_rd_need(r, 1) ? r->p[r->pos++] : 0;
}
static inline uint16_t ble_rd_u16(struct ble_rd *r)
{
    uint16_t v = 0;
    if (ble_rd_need(r, 2)) {
        v = ble_get_le16(r->p + r->pos);
        r->pos += 2;
    }
    return v;
}
static inline uint32_t ble_rd_u24(struct ble_rd *r)
{
    uint32_t v = 0;
    if (ble_rd_need(r, 3)) {
        v = ble_get_le24(r->p + r->pos);
        r->pos += 3;
    }
    return v;
}
static inline uint32_t ble_rd_u32(struct ble_rd *r)
{
    uint32_t v = 0;
    if (ble_rd_need(r, 4)) {
        v = ble_get_le32(r->p + r->pos);
        r->pos += 4;
    }
    return v;
}
/* n = 1..8 bytes, little-endian. */
static inline uint64_t ble_rd_uint(struct ble_rd *r, unsigned n)
{
    uint64_t v = 0;
    if (n > 8) {
        ble_rd_fail(r, BLE_ERR_PARAM);
        return 0;
    }
    if (ble_rd_need(r, n) && n) {
        v = ble_get_le(r->p + r->pos, n);
        r->pos += n;
    }
    return v;
}
/* A view of the next n bytes (zero copy); an empty view on error. */
static inline struct ble_view ble_rd_view(struct ble_rd *r, size_t n)
{
    struct ble_view v = ble_view_make(0, 0);
    if (ble_rd_need(r, n) && n) {
        v.p = r->p + r->pos;
        v.len = n;
        r->pos += n;
    }
    return v;
}
/* Everything that is left, as a view. */
static inline struct ble_view ble_rd_rest(struct ble_rd *r)
{
    return ble_rd_view(r, r->err ? 0 : ble_rd_left(r));
}
/* Copies n bytes into dst; dst is not touched on error. */
static inline void ble_rd_copy(struct ble_rd *r, void *dst, size_t n)
{
    if (ble_rd_need(r, n) && n) {
        ble_memcpy(dst, r->p + r->pos, n);
        r->pos += n;
    }
}
static inline void ble_rd_skip(struct ble_rd *r, size_t n)
{
    if (ble_rd_need(r, n))
        r->pos += n;
}
/* The verdict on a whole PDU: the sticky error, else BLE_ERR_TRAILING when
 * bytes are left, else BLE_OK. */
static inline int ble_rd_end(const struct ble_rd *r)
{
    if (r->err)
        return r->err;
    return r->pos == r->len ? BLE_OK : BLE_ERR_TRAILING;
}

/* ---- Bounded writer ------------------------------------------------------ */

/* Writes fields in order, never past cap; the first error sticks. A writer
 * made by ble_wr_init_count() has no buffer and only counts, which gives every
 * encoder its _size() for free and lets it check the size before writing. */
struct ble_wr {
    uint8_t *p;
    size_t cap;
    size_t pos;
    int err;
};

static inline void ble_wr_init(struct ble_wr *w, uint8_t *p, size_t cap)
{
    w->p = p;
    w->cap = p ? cap : 0;
    w->pos = 0;
    w->err = p || !cap ? BLE_OK : BLE_ERR_PARAM;
}
static inline void ble_wr_init_count(struct ble_wr *w)
{
    w->p = 0;
    w->cap = (size_t)-1;
    w->pos = 0;
    w->err = BLE_OK;
}
static inline void ble_wr_fail(struct ble_wr *w, int err)
{
    if (!w->err)
        w->err = err;
}
/* Room for n more bytes: returns where to put them (NULL in counting mode),
 * and moves on; on error returns NULL and sets BLE_ERR_NO_SPACE. */
static inline uint8_t *ble_wr_take(struct ble_wr *w, size_t n, int *ok)
{
    uint8_t *at = 0;
    *ok = 0;
    if (w->err)
        return 0;
    if (n > w->cap - w->pos) {
        w->err = BLE_ERR_NO_SPACE;
        return 0;
    }
    if (w->p)
        at = w->p + w->pos;
    w->pos += n;
    *ok = 1;
    return at;
}
static inline void ble_wr_uint(struct ble_wr *w, uint64_t v, unsigned n)
{
    int ok;
    uint8_t *at = ble_wr_take(w, n, &ok);
    if (at)
        ble_put_le(at, v, n);
}
static inline void ble_wr_u8(struct ble_wr *w, uint8_t v)
{
    int ok;
    uint8_t *at = ble_wr_take(w, 1, &ok);
    if (at)
        *at = v;
}
static inline void ble_wr_u16(struct ble_wr *w, uint16_t v)
{
    int ok;
    uint8_t *at = ble_wr_take(w, 2, &ok);
    if (at)
        ble_put_le16(at, v);
}
static inline void ble_wr_u24(struct ble_wr *w, uint32_t v)
{
    int ok;
    uint8_t *at = ble_wr_take(w, 3, &ok);
    if (at)
        ble_put_le24(at, v);
}
static inline void ble_wr_u32(struct ble_wr *w, uint32_t v)
{
    int ok;
    uint8_t *at = ble_wr_take(w, 4, &ok);
    if (at)
        ble_put_le32(at, v);
}
static inline void ble_wr_bytes(struct ble_wr *w, const void *src, size_t n)
{
    int ok;
    uint8_t *at;
    if (n && !src) {
        ble_wr_fail(w, BLE_ERR_PARAM);
        return;
    }
    at = ble_wr_take(w, n, &ok);
    if (at)
        ble_memcpy(at, src, n);
}
static inline void ble_wr_zeros(struct ble_wr *w, size_t n)
{
    int ok;
    uint8_t *at = ble_wr_take(w, n, &ok);
    if (at)
        ble_memset(at, 0, n);
}
/* The length written (or counted), or the sticky error. */
static inline int ble_wr_done(const struct ble_wr *w)
{
    if (w->err)
        return w->err;
    return w->pos > 0x7FFFFFFFu ? BLE_ERR_TOO_LONG : (int)w->pos;
}

/* ---- Text sink ----------------------------------------------------------- */

/* Printers write into caller memory, never through stdio: the kit prints on a
 * target with no C library. The text is always NUL-terminated (when cap > 0);
 * what does not fit is cut and `truncated` is set. */
struct ble_str {
    char *p;
    size_t cap;
    size_t len;
    int truncated;
};

BLE_API void ble_str_init(struct ble_str *s, char *buf, size_t cap);
BLE_API void ble_str_putc(struct ble_str *s, char c);
BLE_API void ble_str_puts(struct ble_str *s, const char *text);
/* Unsigned hexadecimal with 0x and at least `digits` digits. */
BLE_API void ble_str_hex(struct ble_str *s, uint64_t v, unsigned digits);
BLE_API void ble_str_udec(struct ble_str *s, uint64_t v);
BLE_API void ble_str_dec(struct ble_str *s, int64_t v);
/* Bytes as two hex digits each, no separator. */
BLE_API void ble_str_hexbytes(struct ble_str *s, const uint8_t *p, size_t n);

/* ---- Addresses and UUIDs ------------------------------------------------- */

/* Address types of HCI (Core 6.0 Vol 4 Part E 7.8.5, 7.7.65.10). */
enum ble_addr_type {
    BLE_ADDR_PUBLIC = 0x00,
    BLE_ADDR_RANDOM = 0x01,
    BLE_ADDR_PUBLIC_ID = 0x02,
    BLE_ADDR_RANDOM_ID = 0x03
};

/* A device address; a[0] is the least significant octet, as on air. */
struct ble_addr {
    uint8_t type;
    uint8_t a[6];
};

/* Kinds of random address by the two most significant bits (Core 6.0 Vol 6
 * Part B 1.3.2). */
enum ble_random_kind {
    BLE_RANDOM_NON_RESOLVABLE = 0,
    BLE_RANDOM_RESOLVABLE = 1,
    BLE_RANDOM_RESERVED = 2,
    BLE_RANDOM_STATIC = 3
};
static inline enum ble_random_kind ble_addr_random_kind(const uint8_t a[6])
{
    return (enum ble_random_kind)(a[5] >> 6);
}
/* "AA:BB:CC:DD:EE:FF", most significant octet first as people write it. */
BLE_API void ble_str_addr(struct ble_str *s, const uint8_t a[6]);

/* A 16-, 32- or 128-bit UUID; v holds the octets little-endian, as on air. */
struct ble_uuid {
    uint8_t len; /* 2, 4 or 16 */
    uint8_t v[16];
};

/* The Bluetooth Base UUID 00000000-0000-1000-8000-00805F9B34FB, little-endian
 * (Core 6.0 Vol 3 Part B 2.5.1). */
#define BLE_BASE_UUID_LE                                                                   \
    { 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, \
      0x00, 0x00 }

/* Reads a UUID of len 2, 4 or 16 octets; BLE_ERR_MALFORMED for another length. */
BLE_API int ble_uuid_from_le(struct ble_uuid *u, const uint8_t *p, size_t len);
BLE_API struct ble_uuid ble_uuid16(uint16_t v);
/* The 128-bit form, little-endian. */
BLE_API void ble_uuid_to128(const struct ble_uuid *u, uint8_t out[16]);
/* Equal as 128-bit UUIDs: 0x180F equals 0000180F-0000-1000-8000-00805F9B34FB. */
BLE_API int ble_uuid_eq(const struct ble_uuid *a, const struct ble_uuid *b);
/* The shortest form (16 or 32 bits when derived from the Base UUID). */
BLE_API struct ble_uuid ble_uuid_shortest(const struct ble_uuid *u);
/* "0x180F", "0x12345678", or "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
BLE_API void ble_str_uuid(struct ble_str *s, const struct ble_uuid *u);

/* ---- Time ---------------------------------------------------------------- */

/* Time is a monotonic uint32 millisecond count the caller passes in; it may
 * wrap. Deadlines compare by signed distance, so any two deadlines within
 * 2^31 ms (24 days) of each other order correctly. */
#define BLE_NO_DEADLINE 0xFFFFFFFFu

/* now + ms, never equal to BLE_NO_DEADLINE (that one value moves 1 ms on). */
static inline uint32_t ble_deadline_after(uint32_t now, uint32_t ms)
{
    uint32_t d = now + ms;
    return d == BLE_NO_DEADLINE ? 0u : d;
}
/* 1 when `now` is at or past `deadline` (never for BLE_NO_DEADLINE). */
static inline int ble_time_reached(uint32_t now, uint32_t deadline)
{
    return deadline != BLE_NO_DEADLINE && (uint32_t)(now - deadline) < 0x80000000u;
}
/* The earlier of two deadlines (BLE_NO_DEADLINE counts as never). */
static inline uint32_t ble_deadline_min(uint32_t a, uint32_t b)
{
    if (a == BLE_NO_DEADLINE)
        return b;
    if (b == BLE_NO_DEADLINE)
        return a;
    return (uint32_t)(a - b) < 0x80000000u ? b : a;
}

/* ---- Queue over caller storage ------------------------------------------- */

/* A FIFO of fixed-size items in memory the caller gives; state machines queue
 * their events and outgoing PDUs in one. Pushing to a full queue fails with
 * BLE_ERR_FULL and changes nothing (callers count it: nothing is lost silently). */
struct ble_queue {
    uint8_t *buf;
    size_t item;
    size_t cap;
    size_t head;
    size_t count;
};

BLE_API void ble_queue_init(struct ble_queue *q, void *storage, size_t item_size, size_t cap);
BLE_API int ble_queue_push(struct ble_queue *q, const void *item);
/* The oldest item, or NULL when empty; it stays queued. */
BLE_API void *ble_queue_peek(const struct ble_queue *q);
/* Copies the oldest item out (when out is not NULL) and removes it;
 * BLE_ERR_AGAIN when empty. */
BLE_API int ble_queue_pop(struct ble_queue *q, void *out);
static inline size_t ble_queue_count(const struct ble_queue *q)
{
    return q->count;
}

/* ---- Per-handle slots ----------------------------------------------------
 * Layers that keep state per connection, CIS or BIS handle keep it in a
 * caller array of slot structs whose first member is a struct ble_slot. */
struct ble_slot {
    uint16_t handle;
    uint8_t used;
};
/* The used slot of handle in an array of n slots of size octets, or NULL
 * (like strchr, a const array gives a pointer the caller keeps const). */
BLE_API void *ble_slot_find(const void *slots, size_t n, size_t size, unsigned handle);
/* Claims a free slot for handle, zeroed but for its struct ble_slot: its
 * address, or NULL with *err BLE_ERR_BUSY (handle has a slot) or BLE_ERR_FULL. */
BLE_API void *ble_slot_claim(void *slots, size_t n, size_t size, unsigned handle, int *err);

/* ---- Value names --------------------------------------------------------- */

/* A sorted table of value -> name (HCI status codes, AD types, ...). */
struct ble_name {
    uint16_t v;
    const char *s;
};
struct ble_names {
    const struct ble_name *v;
    uint16_t n;
};
/* The name of v, or NULL when the table has none (binary search). */
BLE_API const char *ble_names_get(const struct ble_names *t, unsigned v);

/* ---- PDU tables ------------------------------------------------------------
 * Each PDU family (HCI commands, events, L2CAP signaling, ATT, ...) is one
 * X-macro table, hand-edited C, one row per PDU:
 *
 *     #define MY_TABLE(X) \
 *         X(0x200A, LE_SET_ADV_ENABLE, le_set_adv_enable, \
 *           "LE Set Advertising Enable", MY_LE_SET_ADV_ENABLE_F)
 *     #define MY_LE_SET_ADV_ENABLE_F(F, S) F(S, U8, enable, 0)
 *
 * A field row is F(S, KIND, name, arg). Expanding the table gives the typed
 * struct of each PDU, a const field descriptor array, and one descriptor per
 * PDU; four interpreters (decode, encode, size, print) walk the descriptors, so
 * adding an opcode is one row and code size stays flat. The kinds: */
enum ble_fk {
    BLE_FK_NONE,  /* no bytes: the placeholder of a PDU without parameters */
    BLE_FK_U8,    /* arg: NULL or a struct ble_names for printing */
    BLE_FK_S8,    /* signed octet (RSSI, TX power) */
    BLE_FK_U16,
    BLE_FK_S16,   /* signed 16 bits (the IQ reports' RSSI) */
    BLE_FK_U24,   /* held in uint32_t */
    BLE_FK_U32,
    BLE_FK_U40,   /* held in uint64_t */
    BLE_FK_U48,   /* held in uint64_t */
    BLE_FK_U64,
    BLE_FK_ADDR,  /* 6 octets, uint8_t[6], printed as an address */
    BLE_FK_BYTES, /* arg octets, uint8_t[arg] (keys, masks, channel maps) */
    BLE_FK_LV8,   /* one length octet, then that many octets: a struct ble_view */
    BLE_FK_REST,  /* every remaining octet (last field only): a struct ble_view */
    BLE_FK_ARR8,  /* one count octet, then count elements described by the
                     descriptor `arg` (its fields may be of any kind but the
                     arrays and REST): a struct ble_arr */
    BLE_FK_ARRP,  /* like ARR8 without a count octet: one element per bit set
                     in the U8 field just before it (the PHY bitmask of LE
                     Extended Create Connection and Set Extended Scan
                     Parameters, Core 6.0 Vol 4 Part E 7.8.66, 7.8.64) */
    BLE_FK_ARRR,  /* elements to the end of the PDU, no count octet (last
                     field): the CID lists of L2CAP credit-based signaling */
    BLE_FK_COUNT_
};

/* An array field. Decoding fills n and raw (a view of the elements' octets,
 * zero copy; items = NULL); read element i with ble_arr_get(). Encoding writes
 * items (n element structs) when items is set, else the raw octets, which must
 * hold exactly n well-formed elements. */
struct ble_arr {
    size_t n;
    struct ble_view raw;
    const void *items;
};

struct ble_pdu_desc;

struct ble_field {
    uint8_t kind;   /* enum ble_fk */
    uint8_t len;    /* BLE_FK_BYTES: the octet count */
    uint16_t off;   /* offset of the member in the PDU struct */
#if BLE_CFG_NAMES
    const char *name;
#endif
    const void *aux; /* BLE_FK_ARR8: element descriptor; scalars: value names or NULL */
};

/* Descriptor flags. */
#define BLE_PDU_F_TRAILING_OK 0x01 /* decode ignores octets after the last field */

struct ble_pdu_desc {
    uint16_t code;   /* opcode, event code, ... */
    uint16_t size;   /* sizeof the PDU struct */
    uint8_t nfields;
    uint8_t flags;
#if BLE_CFG_NAMES
    const char *name;
#endif
    const struct ble_field *fields;
};

/* Decodes the parameters of one PDU (in, len) into the struct at out.
 * BLE_OK, or a negative ble_err with *out untouched. Exactly len octets must be
 * consumed (BLE_ERR_TRAILING otherwise, unless the descriptor allows it). */
BLE_API int ble_pdu_decode(const struct ble_pdu_desc *d, const uint8_t *in, size_t len,
                           void *out);
/* Encodes the struct at pdu into buf: the length, or a negative ble_err with
 * nothing written (BLE_ERR_NO_SPACE when cap is short). */
BLE_API int ble_pdu_encode(const struct ble_pdu_desc *d, const void *pdu, uint8_t *buf,
                           size_t cap);
/* The encoded length, or a negative ble_err. */
BLE_API int ble_pdu_size(const struct ble_pdu_desc *d, const void *pdu);
/* Appends "field=value ..." for every field (BLE_PRINT_MULTILINE: one field a
 * line, each indented by two spaces; BLE_PRINT_JSON: one JSON object, integers
 * as numbers (40 bits and wider as "0x..." strings), a named value with a
 * "<field>_name" member beside it, addresses and octet strings as strings,
 * arrays as arrays of objects). Prints nothing without BLE_CFG_NAMES. */
#define BLE_PRINT_MULTILINE 0x01
#define BLE_PRINT_JSON 0x02
BLE_API void ble_pdu_print(const struct ble_pdu_desc *d, const void *pdu, struct ble_str *s,
                           unsigned flags);
/* The PDU's name ("" without BLE_CFG_NAMES). */
BLE_API const char *ble_pdu_name(const struct ble_pdu_desc *d);
/* The descriptor with this code in a table sorted by code (no code twice), or
 * NULL. A table whose first rows have consecutive codes finds those at once. */
BLE_API const struct ble_pdu_desc *ble_pdu_find(const struct ble_pdu_desc *tab, size_t n,
                                                unsigned code);
/* The same in a table of pointers to descriptors sorted by code. */
BLE_API const struct ble_pdu_desc *ble_pdu_find_ptr(const struct ble_pdu_desc *const *tab, size_t n,
                                                    unsigned code);
/* Decodes element i of an array field (elem: the array's element descriptor)
 * into out: BLE_OK, or a negative ble_err with *out untouched. */
BLE_API int ble_arr_get(const struct ble_arr *a, const struct ble_pdu_desc *elem, size_t i,
                        void *out);

/* Struct members, one macro per kind: BLE_FT_<KIND>(name, arg). */
#define BLE_FT_NONE(n, a) uint8_t n;
#define BLE_FT_U8(n, a) uint8_t n;
#define BLE_FT_S8(n, a) int8_t n;
#define BLE_FT_U16(n, a) uint16_t n;
#define BLE_FT_S16(n, a) int16_t n;
#define BLE_FT_U24(n, a) uint32_t n;
#define BLE_FT_U32(n, a) uint32_t n;
#define BLE_FT_U40(n, a) uint64_t n;
#define BLE_FT_U48(n, a) uint64_t n;
#define BLE_FT_U64(n, a) uint64_t n;
#define BLE_FT_ADDR(n, a) uint8_t n[6];
#define BLE_FT_BYTES(n, a) uint8_t n[a];
#define BLE_FT_LV8(n, a) struct ble_view n;
#define BLE_FT_REST(n, a) struct ble_view n;
#define BLE_FT_ARR8(n, a) struct ble_arr n;
#define BLE_FT_ARRP(n, a) struct ble_arr n;
#define BLE_FT_ARRR(n, a) struct ble_arr n;

/* Field descriptors, one macro per kind: BLE_FD_<KIND>(S, name, arg). */
#define BLE_FD_(k, l, S, n, aux) { (uint8_t)(k), (uint8_t)(l), (uint16_t)offsetof(S, n), BLE_NAME_INIT(#n)(const void *)(aux) },
#define BLE_FD_NONE(S, n, a) BLE_FD_(BLE_FK_NONE, 0, S, n, 0)
#define BLE_FD_U8(S, n, a) BLE_FD_(BLE_FK_U8, 0, S, n, a)
#define BLE_FD_S8(S, n, a) BLE_FD_(BLE_FK_S8, 0, S, n, a)
#define BLE_FD_U16(S, n, a) BLE_FD_(BLE_FK_U16, 0, S, n, a)
#define BLE_FD_S16(S, n, a) BLE_FD_(BLE_FK_S16, 0, S, n, a)
#define BLE_FD_U24(S, n, a) BLE_FD_(BLE_FK_U24, 0, S, n, a)
#define BLE_FD_U32(S, n, a) BLE_FD_(BLE_FK_U32, 0, S, n, a)
#define BLE_FD_U40(S, n, a) BLE_FD_(BLE_FK_U40, 0, S, n, a)
#define BLE_FD_U48(S, n, a) BLE_FD_(BLE_FK_U48, 0, S, n, a)
#define BLE_FD_U64(S, n, a) BLE_FD_(BLE_FK_U64, 0, S, n, a)
#define BLE_FD_ADDR(S, n, a) BLE_FD_(BLE_FK_ADDR, 6, S, n, 0)
#define BLE_FD_BYTES(S, n, a) BLE_FD_(BLE_FK_BYTES, a, S, n, 0)
#define BLE_FD_LV8(S, n, a) BLE_FD_(BLE_FK_LV8, 0, S, n, 0)
#define BLE_FD_REST(S, n, a) BLE_FD_(BLE_FK_REST, 0, S, n, 0)
#define BLE_FD_ARR8(S, n, a) BLE_FD_(BLE_FK_ARR8, 0, S, n, &a)
#define BLE_FD_ARRP(S, n, a) BLE_FD_(BLE_FK_ARRP, 0, S, n, &a)
#define BLE_FD_ARRR(S, n, a) BLE_FD_(BLE_FK_ARRR, 0, S, n, &a)

/* Callbacks for a field list F(S, KIND, name, arg). */
#define BLE_F_MEMBER(S, k, n, a) BLE_FT_##k(n, a)
#define BLE_F_DESC(S, k, n, a) BLE_FD_##k(S, n, a)
/* The field list of a PDU without parameters. */
#define BLE_NOFIELDS(F, S) F(S, NONE, none_, 0)

/* Generators for a family with lower-case prefix P and upper-case prefix PU
 * (e.g. ble_hci_cmd, BLE_HCI_CMD), to be expanded by a table row
 * X(code, NAME, name, "Spec Name", FIELDS):
 *   BLE_GEN_CODE    enum constant PU_NAME = code
 *   BLE_GEN_INDEX   enum constant PU_IDX_NAME (row position in the table)
 *   BLE_GEN_STRUCT  struct P_name
 *   BLE_GEN_UNION   member of a union of every PDU of the family
 *   BLE_GEN_FIELDS  const field descriptors P_name_fields_ (implementation part)
 *   BLE_GEN_DESC    the row of the family's descriptor table P_descs[]
 *   BLE_GEN_WRAP    typed P_name_encode() / P_name_decode() wrappers
 * A large family whose wrappers firmware calls one by one (the HCI commands)
 * gives each row a descriptor object of its own instead, so that a linker
 * dropping unused sections (-ffunction-sections -fdata-sections
 * --gc-sections) keeps only the rows the image names:
 *   BLE_GEN_DESC_EXTERN  declaration of the descriptor P_name_desc
 *   BLE_GEN_DESC_OBJ     its definition (implementation part)
 *   BLE_GEN_DESC_PTR     the row of the lookup table P_descs[] of pointers,
 *                        searched with ble_pdu_find_ptr()
 *   BLE_GEN_WRAP_OBJ     the typed wrappers, through P_name_desc only */
#define BLE_GEN_CODE(PU, code, NAME) PU##_##NAME = (code),
#define BLE_GEN_INDEX(PU, NAME) PU##_IDX_##NAME,
#define BLE_GEN_STRUCT(P, name, FIELDS) struct P##_##name { FIELDS(BLE_F_MEMBER, ~) };
#define BLE_GEN_UNION(P, name) struct P##_##name name;
#define BLE_GEN_FIELDS(P, name, FIELDS)                                                    \
    static const struct ble_field P##_##name##_fields_[] = { FIELDS(BLE_F_DESC, struct P##_##name) };
#define BLE_GEN_DESC_INIT_(P, code, name, str, flags)                                       \
    { (uint16_t)(code), (uint16_t)sizeof(struct P##_##name),                               \
      (uint8_t)(sizeof(P##_##name##_fields_) / sizeof(struct ble_field)), (uint8_t)(flags), \
      BLE_NAME_INIT(str) P##_##name##_fields_ }
#define BLE_GEN_DESC(P, code, name, str, flags) BLE_GEN_DESC_INIT_(P, code, name, str, flags),
#define BLE_GEN_DESC_EXTERN(P, name) extern const struct ble_pdu_desc P##_##name##_desc;
#define BLE_GEN_DESC_OBJ(P, code, name, str, flags)                                         \
    const struct ble_pdu_desc P##_##name##_desc = BLE_GEN_DESC_INIT_(P, code, name, str, flags);
#define BLE_GEN_DESC_PTR(P, name) &P##_##name##_desc,
#define BLE_GEN_WRAP(P, PU, NAME, name)                                                     \
    static inline int P##_##name##_encode(const struct P##_##name *p, uint8_t *buf, size_t cap) \
    {                                                                                       \
        return ble_pdu_encode(&P##_descs[PU##_IDX_##NAME], p, buf, cap);                    \
    }                                                                                       \
    static inline int P##_##name##_decode(const uint8_t *in, size_t len, struct P##_##name *out) \
    {                                                                                       \
        return ble_pdu_decode(&P##_descs[PU##_IDX_##NAME], in, len, out);                   \
    }
/* A case of a switch over a family's codes, returning its row of P_descs[]: */
#define BLE_GEN_CASE(P, PU, code, NAME)                                                     \
    case (code):                                                                            \
        return &P##_descs[PU##_IDX_##NAME];
#define BLE_GEN_WRAP_OBJ(P, name)                                                           \
    static inline int P##_##name##_encode(const struct P##_##name *p, uint8_t *buf, size_t cap) \
    {                                                                                       \
        return ble_pdu_encode(&P##_##name##_desc, p, buf, cap);                             \
    }                                                                                       \
    static inline int P##_##name##_decode(const uint8_t *in, size_t len, struct P##_##name *out) \
    {                                                                                       \
        return ble_pdu_decode(&P##_##name##_desc, in, len, out);                            \
    }
/* A descriptor for an array element type (not a family row): */
#define BLE_GEN_ELEM_DESC(P, name)                                                          \
    { 0, (uint16_t)sizeof(struct P##_##name),                                              \
      (uint8_t)(sizeof(P##_##name##_fields_) / sizeof(struct ble_field)), 0,               \
      BLE_NAME_INIT(#name) P##_##name##_fields_ }

/* ---- LTV structures ------------------------------------------------------
 * Length (1 octet, counting Type and Value), Type (1), Value: the format of
 * LE Audio's Codec_Specific_Configuration, Codec_Specific_Capabilities and
 * Metadata (BAP 1.0 3.7.2.2, PACS 1.0 3.1.1, ASCS 1.0 4.1). A Length of 0
 * has no Type octet and is malformed. */
/* The next structure: BLE_OK with *type and *value (a view into the input)
 * and the reader moved on; BLE_ERR_AGAIN at the clean end of the list;
 * BLE_ERR_SHORT when the structure runs past the end; BLE_ERR_MALFORMED for
 * Length 0. The reader does not move on error. */
BLE_API int ble_ltv_next(struct ble_rd *r, uint8_t *type, struct ble_view *value);
/* A whole list: BLE_OK, or the first error with *bad_type the Type octet of
 * the structure at fault (0 when it has no Type octet) and *bad_off its
 * offset (either pointer may be NULL). */
BLE_API int ble_ltv_check(const uint8_t *p, size_t len, uint8_t *bad_type, size_t *bad_off);
/* The Value of the first structure of `type` into *value: BLE_OK,
 * BLE_ERR_NOT_FOUND, or the list's error. */
BLE_API int ble_ltv_find(const uint8_t *p, size_t len, uint8_t type, struct ble_view *value);
/* Appends one structure (n <= 254 value octets): BLE_ERR_TOO_LONG over
 * that, else the writer's sticky error decides. */
BLE_API void ble_ltv_put(struct ble_wr *w, uint8_t type, const void *value, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* BLE_BASE_H */

/* ========================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_BASE_IMPL)
#define BLE_BASE_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#define BLE_ERR_NAME_(name, value, text) case value: return #name;
BLE_DEF const char *ble_err_name(int err)
{
    switch (err) {
        BLE_ERRORS(BLE_ERR_NAME_)
    default:
        return "BLE_ERR_?";
    }
}
#undef BLE_ERR_NAME_

#define BLE_ERR_TEXT_(name, value, text) case value: return text;
BLE_DEF const char *ble_strerror(int err)
{
    switch (err) {
        BLE_ERRORS(BLE_ERR_TEXT_)
    default:
        return "unknown error";
    }
}
#undef BLE_ERR_TEXT_

/* ---- Text sink ---- */

BLE_DEF void ble_str_init(struct ble_str *s, char *buf, size_t cap)
{
    s->p = buf;
    s->cap = buf ? cap : 0;
    s->len = 0;
    s->truncated = 0;
    if (s->cap)
        s->p[0] = '\0';
}

BLE_DEF void ble_str_putc(struct ble_str *s, char c)
{
    if (s->len + 1 >= s->cap) {
        s->truncated = 1;
        return;
    }
    s->p[s->len++] = c;
    s->p[s->len] = '\0';
}

BLE_DEF void ble_str_puts(struct ble_str *s, const char *text)
{
    if (!text)
        return;
    while (*text)
        ble_str_putc(s, *text++);
}

static const char ble_hexdig_[] = "0123456789abcdef";

BLE_DEF void ble_str_hex(struct ble_str *s, uint64_t v, unsigned digits)
{
    char tmp[16];
    unsigned n = 0;
    if (digits > 16)
        digits = 16;
    do {
        tmp[n++] = ble_hexdig_[v & 0xF];
        v >>= 4;
    } while (v && n < 16);
    while (n < digits)
        tmp[n++] = '0';
    ble_str_putc(s, '0');
    ble_str_putc(s, 'x');
    while (n)
        ble_str_putc(s, tmp[--n]);
}

BLE_DEF void ble_str_udec(struct ble_str *s, uint64_t v)
{
    char tmp[20];
    unsigned n = 0;
    do {
        tmp[n++] = (char)('0' + (unsigned)(v % 10));
        v /= 10;
    } while (v);
    while (n)
        ble_str_putc(s, tmp[--n]);
}

BLE_DEF void ble_str_dec(struct ble_str *s, int64_t v)
{
    if (v < 0) {
        ble_str_putc(s, '-');
        /* negate in unsigned arithmetic: INT64_MIN has no positive twin */
        ble_str_udec(s, (uint64_t)0 - (uint64_t)v);
    } else {
        ble_str_udec(s, (uint64_t)v);
    }
}

BLE_DEF void ble_str_hexbytes(struct ble_str *s, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        ble_str_putc(s, ble_hexdig_[p[i] >> 4]);
        ble_str_putc(s, ble_hexdig_[p[i] & 0xF]);
    }
}

BLE_DEF void ble_str_addr(struct ble_str *s, const uint8_t a[6])
{
    int i;
    for (i = 5; i >= 0; i--) {
        ble_str_hexbytes(s, &a[i], 1);
        if (i)
            ble_str_putc(s, ':');
    }
}

/* ---- UUIDs ---- */

static const uint8_t ble_base_uuid_[16] = BLE_BASE_UUID_LE;

BLE_DEF int ble_uuid_from_le(struct ble_uuid *u, const uint8_t *p, size_t len)
{
    if (len != 2 && len != 4 && len != 16)
        return BLE_ERR_MALFORMED;
    if (!p || !u)
        return BLE_ERR_PARAM;
    ble_memset(u, 0, sizeof(*u));
    u->len = (uint8_t)len;
    ble_memcpy(u->v, p, len);
    return BLE_OK;
}

BLE_DEF struct ble_uuid ble_uuid16(uint16_t v)
{
    struct ble_uuid u;
    ble_memset(&u, 0, sizeof(u));
    u.len = 2;
    ble_put_le16(u.v, v);
    return u;
}

BLE_DEF void ble_uuid_to128(const struct ble_uuid *u, uint8_t out[16])
{
    if (u->len == 16) {
        ble_memcpy(out, u->v, 16);
        return;
    }
    /* 16- and 32-bit UUIDs stand in octets 12..15 of the Base UUID */
    ble_memcpy(out, ble_base_uuid_, 16);
    out[12] = u->v[0];
    out[13] = u->v[1];
    out[14] = u->len == 4 ? u->v[2] : 0;
    out[15] = u->len == 4 ? u->v[3] : 0;
}

BLE_DEF int ble_uuid_eq(const struct ble_uuid *a, const struct ble_uuid *b)
{
    uint8_t x[16], y[16];
    ble_uuid_to128(a, x);
    ble_uuid_to128(b, y);
    return !ble_memneq(x, y, 16);
}

BLE_DEF struct ble_uuid ble_uuid_shortest(const struct ble_uuid *u)
{
    struct ble_uuid r;
    uint8_t full[16];
    ble_uuid_to128(u, full);
    ble_memset(&r, 0, sizeof(r));
    if (ble_memneq(full, ble_base_uuid_, 12)) {
        r.len = 16;
        ble_memcpy(r.v, full, 16);
    } else if (full[14] == 0 && full[15] == 0) {
        r.len = 2;
        ble_memcpy(r.v, full + 12, 2);
    } else {
        r.len = 4;
        ble_memcpy(r.v, full + 12, 4);
    }
    return r;
}

BLE_DEF void ble_str_uuid(struct ble_str *s, const struct ble_uuid *u)
{
    int i;
    if (u->len == 2 || u->len == 4) {
        ble_str_hex(s, ble_get_le(u->v, u->len), u->len * 2u);
        return;
    }
    for (i = 15; i >= 0; i--) {
        ble_str_hexbytes(s, &u->v[i], 1);
        if (i == 12 || i == 10 || i == 8 || i == 6)
            ble_str_putc(s, '-');
    }
}

/* ---- Queue ---- */

BLE_DEF void ble_queue_init(struct ble_queue *q, void *storage, size_t item_size, size_t cap)
{
    q->buf = (uint8_t *)storage;
    q->item = item_size;
    q->cap = storage && item_size ? cap : 0;
    q->head = 0;
    q->count = 0;
}

BLE_DEF int ble_queue_push(struct ble_queue *q, const void *item)
{
    size_t tail;
    if (q->count >= q->cap)
        return BLE_ERR_FULL;
    tail = q->head + q->count;
    if (tail >= q->cap)
        tail -= q->cap;
    ble_memcpy(q->buf + tail * q->item, item, q->item);
    q->count++;
    return BLE_OK;
}

BLE_DEF void *ble_queue_peek(const struct ble_queue *q)
{
    return q->count ? q->buf + q->head * q->item : 0;
}

BLE_DEF int ble_queue_pop(struct ble_queue *q, void *out)
{
    if (!q->count)
        return BLE_ERR_AGAIN;
    if (out)
        ble_memcpy(out, q->buf + q->head * q->item, q->item);
    q->head = q->head + 1 == q->cap ? 0 : q->head + 1;
    q->count--;
    return BLE_OK;
}

/* ---- Per-handle slots ---- */

BLE_DEF void *ble_slot_find(const void *slots, size_t n, size_t size, unsigned handle)
{
    uint8_t *p = (uint8_t *)(uintptr_t)slots;
    size_t i;
    for (i = 0; p && i < n; i++, p += size) {
        struct ble_slot s;
        ble_memcpy(&s, p, sizeof s);
        if (s.used && s.handle == handle)
            return p;
    }
    return 0;
}

BLE_DEF void *ble_slot_claim(void *slots, size_t n, size_t size, unsigned handle, int *err)
{
    uint8_t *p = (uint8_t *)slots;
    size_t i;
    if (ble_slot_find(slots, n, size, handle)) {
        *err = BLE_ERR_BUSY;
        return 0;
    }
    for (i = 0; p && i < n; i++, p += size) {
        struct ble_slot s;
        ble_memcpy(&s, p, sizeof s);
        if (s.used)
            continue;
        ble_memset(p, 0, size);
        s.handle = (uint16_t)handle;
        s.used = 1;
        ble_memcpy(p, &s, sizeof s);
        *err = BLE_OK;
        return p;
    }
    *err = BLE_ERR_FULL;
    return 0;
}

/* ---- Value names ---- */

BLE_DEF const char *ble_names_get(const struct ble_names *t, unsigned v)
{
    size_t lo = 0, hi;
    if (!t)
        return 0;
    hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid].v == v)
            return t->v[mid].s;
        if (t->v[mid].v < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ---- PDU table interpreter ----
 * One scalar step serves every field of every PDU, in both directions; array
 * fields loop over their element fields with the same step (arrays do not
 * nest, so nothing recurses). */

static int ble_field_fixed_len_(const struct ble_field *f)
{
    switch (f->kind) {
    case BLE_FK_NONE: return 0;
    case BLE_FK_U8:
    case BLE_FK_S8: return 1;
    case BLE_FK_U16:
    case BLE_FK_S16: return 2;
    case BLE_FK_U24: return 3;
    case BLE_FK_U32: return 4;
    case BLE_FK_U40: return 5;
    case BLE_FK_U48: return 6;
    case BLE_FK_U64: return 8;
    case BLE_FK_ADDR: return 6;
    case BLE_FK_BYTES: return f->len;
    default: return -1;
    }
}

/* Reads one non-array field; base == NULL only validates. */
static void ble_field_read_(const struct ble_field *f, struct ble_rd *r, uint8_t *base)
{
    uint8_t *m = base ? base + f->off : 0;
    int n = ble_field_fixed_len_(f);
    if (f->kind == BLE_FK_NONE)
        return;
    if (n >= 0) {
        uint64_t v;
        if (f->kind == BLE_FK_ADDR || f->kind == BLE_FK_BYTES) {
            if (m)
                ble_rd_copy(r, m, (size_t)n);
            else
                ble_rd_skip(r, (size_t)n);
            return;
        }
        v = ble_rd_uint(r, (unsigned)n);
        if (!m || r->err)
            return;
        switch (f->kind) {
        case BLE_FK_U8: *m = (uint8_t)v; break;
        case BLE_FK_S8: { int8_t s = (int8_t)(v >= 0x80 ? (int)v - 256 : (int)v); ble_memcpy(m, &s, 1); } break;
        case BLE_FK_U16: { uint16_t x = (uint16_t)v; ble_memcpy(m, &x, sizeof x); } break;
        case BLE_FK_S16: { int16_t x = (int16_t)(v >= 0x8000 ? (long)v - 65536L : (long)v); ble_memcpy(m, &x, sizeof x); } break;
        case BLE_FK_U24:
        case BLE_FK_U32: { uint32_t x = (uint32_t)v; ble_memcpy(m, &x, sizeof x); } break;
        case BLE_FK_U40:
        case BLE_FK_U48:
        case BLE_FK_U64: ble_memcpy(m, &v, sizeof v); break;
        default: break;
        }
        return;
    }
    if (f->kind == BLE_FK_LV8 || f->kind == BLE_FK_REST) {
        struct ble_view v;
        size_t len = f->kind == BLE_FK_LV8 ? ble_rd_u8(r) : ble_rd_left(r);
        v = ble_rd_view(r, len);
        if (m && !r->err)
            ble_memcpy(m, &v, sizeof v);
        return;
    }
    ble_rd_fail(r, BLE_ERR_PARAM); /* an array inside an array: a table error */
}

/* Writes one non-array field from the struct at base. */
static void ble_field_write_(const struct ble_field *f, struct ble_wr *w, const uint8_t *base)
{
    const uint8_t *m = base + f->off;
    int n = ble_field_fixed_len_(f);
    if (n >= 0) {
        uint64_t v = 0;
        switch (f->kind) {
        case BLE_FK_NONE: return;
        case BLE_FK_ADDR:
        case BLE_FK_BYTES: ble_wr_bytes(w, m, (size_t)n); return;
        case BLE_FK_U8: v = *m; break;
        case BLE_FK_S8: { int8_t s; ble_memcpy(&s, m, 1); v = (uint8_t)s; } break;
        case BLE_FK_U16: { uint16_t x; ble_memcpy(&x, m, sizeof x); v = x; } break;
        case BLE_FK_S16: { int16_t x; ble_memcpy(&x, m, sizeof x); v = (uint16_t)x; } break;
        case BLE_FK_U24:
        case BLE_FK_U32: {
            uint32_t x;
            ble_memcpy(&x, m, sizeof x);
            v = x;
            if (f->kind == BLE_FK_U24 && x > 0xFFFFFFu)
                ble_wr_fail(w, BLE_ERR_RANGE);
        } break;
        default:
            ble_memcpy(&v, m, sizeof v);
            if (n < 8 && (v >> (8 * n)))
                ble_wr_fail(w, BLE_ERR_RANGE);
            break;
        }
        ble_wr_uint(w, v, (unsigned)n);
        return;
    }
    if (f->kind == BLE_FK_LV8 || f->kind == BLE_FK_REST) {
        struct ble_view v;
        ble_memcpy(&v, m, sizeof v);
        if (f->kind == BLE_FK_LV8) {
            if (v.len > 0xFF) {
                ble_wr_fail(w, BLE_ERR_TOO_LONG);
                return;
            }
            ble_wr_u8(w, (uint8_t)v.len);
        }
        ble_wr_bytes(w, v.p, v.len);
        return;
    }
    ble_wr_fail(w, BLE_ERR_PARAM);
}

static int ble_fk_is_array_(unsigned kind)
{
    return kind == BLE_FK_ARR8 || kind == BLE_FK_ARRP || kind == BLE_FK_ARRR;
}

static size_t ble_popcount8_(uint8_t v)
{
    size_t n = 0;
    for (; v; v &= (uint8_t)(v - 1))
        n++;
    return n;
}

/* Walks n elements of an array in r (validating only). */
static void ble_arr_skip_(const struct ble_pdu_desc *e, struct ble_rd *r, size_t n)
{
    size_t i, j;
    for (i = 0; i < n && !r->err; i++)
        for (j = 0; j < e->nfields; j++)
            ble_field_read_(&e->fields[j], r, 0);
}

/* Walks elements to the end of r; their count. An element without octets
 * could never end the walk: that is a table error. */
static size_t ble_arr_skip_rest_(const struct ble_pdu_desc *e, struct ble_rd *r)
{
    size_t n = 0, before;
    while (!r->err && ble_rd_left(r)) {
        before = r->pos;
        ble_arr_skip_(e, r, 1);
        if (r->pos == before)
            ble_rd_fail(r, BLE_ERR_PARAM);
        n++;
    }
    return n;
}

/* One pass over the fields: validates (out == NULL) or fills out. */
static int ble_pdu_read_(const struct ble_pdu_desc *d, const uint8_t *in, size_t len, uint8_t *out)
{
    struct ble_rd r;
    size_t i;
    ble_rd_init(&r, in, len);
    for (i = 0; i < d->nfields && !r.err; i++) {
        const struct ble_field *f = &d->fields[i];
        if (f->kind == BLE_FK_REST && i + 1 != d->nfields) {
            ble_rd_fail(&r, BLE_ERR_PARAM);
        } else if (ble_fk_is_array_(f->kind)) {
            struct ble_arr a;
            size_t start;
            a.n = 0;
            if (f->kind == BLE_FK_ARR8)
                a.n = ble_rd_u8(&r);
            else if (f->kind == BLE_FK_ARRR && i + 1 != d->nfields)
                ble_rd_fail(&r, BLE_ERR_PARAM); /* a table error: not last */
            else if (f->kind == BLE_FK_ARRP && i > 0 && d->fields[i - 1].kind == BLE_FK_U8 && r.pos > 0)
                a.n = ble_popcount8_(in[r.pos - 1]); /* the U8 just read */
            else if (f->kind == BLE_FK_ARRP)
                ble_rd_fail(&r, BLE_ERR_PARAM); /* a table error */
            start = r.pos;
            if (f->kind == BLE_FK_ARRR)
                a.n = ble_arr_skip_rest_((const struct ble_pdu_desc *)f->aux, &r);
            else
                ble_arr_skip_((const struct ble_pdu_desc *)f->aux, &r, a.n);
            a.raw = ble_view_make(r.err || r.pos == start ? 0 : in + start, r.pos - start);
            a.items = 0;
            if (out && !r.err)
                ble_memcpy(out + f->off, &a, sizeof a);
        } else {
            ble_field_read_(f, &r, out);
        }
    }
    if (r.err)
        return r.err;
    if (r.pos != r.len && (d->flags & BLE_PDU_F_TRAILING_OK))
        return BLE_OK;
    return ble_rd_end(&r);
}

BLE_DEF int ble_pdu_decode(const struct ble_pdu_desc *d, const uint8_t *in, size_t len, void *out)
{
    int rc;
    if (!d || !out || (len && !in))
        return BLE_ERR_PARAM;
    rc = ble_pdu_read_(d, in, len, 0); /* validate everything before touching *out */
    if (rc)
        return rc;
    return ble_pdu_read_(d, in, len, (uint8_t *)out);
}

static void ble_pdu_write_(const struct ble_pdu_desc *d, const uint8_t *pdu, struct ble_wr *w)
{
    size_t i, k, j;
    for (i = 0; i < d->nfields && !w->err; i++) {
        const struct ble_field *f = &d->fields[i];
        const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
        struct ble_arr a;
        if (!ble_fk_is_array_(f->kind)) {
            if (f->kind == BLE_FK_REST && i + 1 != d->nfields)
                ble_wr_fail(w, BLE_ERR_PARAM);
            ble_field_write_(f, w, pdu);
            continue;
        }
        ble_memcpy(&a, pdu + f->off, sizeof a);
        if (f->kind == BLE_FK_ARRP) {
            /* the count is the number of bits set in the U8 field before */
            if (i == 0 || d->fields[i - 1].kind != BLE_FK_U8) {
                ble_wr_fail(w, BLE_ERR_PARAM);
                break;
            }
            if (a.n != ble_popcount8_(pdu[d->fields[i - 1].off])) {
                ble_wr_fail(w, BLE_ERR_MALFORMED);
                break;
            }
        } else if (f->kind == BLE_FK_ARRR) {
            if (i + 1 != d->nfields) {
                ble_wr_fail(w, BLE_ERR_PARAM);
                break;
            }
        } else if (a.n > 0xFF) {
            ble_wr_fail(w, BLE_ERR_TOO_LONG);
            break;
        } else {
            ble_wr_u8(w, (uint8_t)a.n);
        }
        if (a.items) {
            for (k = 0; k < a.n; k++)
                for (j = 0; j < e->nfields; j++)
                    ble_field_write_(&e->fields[j], w, (const uint8_t *)a.items + k * e->size);
        } else {
            /* raw elements must be exactly n well-formed elements */
            struct ble_rd r;
            ble_rd_init(&r, a.raw.p, a.raw.len);
            ble_arr_skip_(e, &r, a.n);
            if (ble_rd_end(&r) != BLE_OK || (a.raw.len && !a.raw.p)) {
                /* a table error stays a table error; anything else is a raw
                 * view that does not hold n elements */
                ble_wr_fail(w, r.err == BLE_ERR_PARAM ? BLE_ERR_PARAM : BLE_ERR_MALFORMED);
                break;
            }
            ble_wr_bytes(w, a.raw.p, a.raw.len);
        }
    }
}

BLE_DEF int ble_pdu_size(const struct ble_pdu_desc *d, const void *pdu)
{
    struct ble_wr w;
    if (!d || !pdu)
        return BLE_ERR_PARAM;
    ble_wr_init_count(&w);
    ble_pdu_write_(d, (const uint8_t *)pdu, &w);
    return ble_wr_done(&w);
}

BLE_DEF int ble_pdu_encode(const struct ble_pdu_desc *d, const void *pdu, uint8_t *buf, size_t cap)
{
    struct ble_wr w;
    int n = ble_pdu_size(d, pdu); /* size and validity first: nothing is written on error */
    if (n < 0)
        return n;
    if ((size_t)n > cap)
        return BLE_ERR_NO_SPACE;
    if (n && !buf)
        return BLE_ERR_PARAM;
    ble_wr_init(&w, buf, cap);
    ble_pdu_write_(d, (const uint8_t *)pdu, &w);
    return ble_wr_done(&w);
}

BLE_DEF const char *ble_pdu_name(const struct ble_pdu_desc *d)
{
#if BLE_CFG_NAMES
    return d && d->name ? d->name : "";
#else
    (void)d;
    return "";
#endif
}

BLE_DEF const struct ble_pdu_desc *ble_pdu_find(const struct ble_pdu_desc *tab, size_t n, unsigned code)
{
    size_t lo = 0, hi = n, i;
    if (!n || code < tab[0].code)
        return 0;
    /* Codes rise by at least one a row, so this code sits at row
     * code - tab[0].code or before it: a table without gaps (the LE
     * subevents, the ATT opcodes up to 0x13, the AD types up to 0x0A, the
     * ASCS opcodes) finds it there at once, and the search never looks past
     * that row. */
    i = code - tab[0].code;
    if (i < n) {
        if (tab[i].code == code)
            return &tab[i];
        hi = i;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab[mid].code == code)
            return &tab[mid];
        if (tab[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

BLE_DEF const struct ble_pdu_desc *ble_pdu_find_ptr(const struct ble_pdu_desc *const *tab, size_t n,
                                                    unsigned code)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab[mid]->code == code)
            return tab[mid];
        if (tab[mid]->code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

BLE_DEF int ble_arr_get(const struct ble_arr *a, const struct ble_pdu_desc *elem, size_t i, void *out)
{
    struct ble_rd r;
    size_t start, j;
    if (!a || !elem || !out)
        return BLE_ERR_PARAM;
    if (i >= a->n)
        return BLE_ERR_NOT_FOUND;
    if (a->items) {
        ble_memcpy(out, (const uint8_t *)a->items + i * elem->size, elem->size);
        return BLE_OK;
    }
    ble_rd_init(&r, a->raw.p, a->raw.len);
    ble_arr_skip_(elem, &r, i);
    start = r.pos;
    ble_arr_skip_(elem, &r, 1); /* validate element i before writing out */
    if (r.err)
        return r.err;
    r.pos = start;
    for (j = 0; j < elem->nfields; j++)
        ble_field_read_(&elem->fields[j], &r, (uint8_t *)out);
    return r.err;
}

#if BLE_CFG_NAMES
/* A JSON string of plain text: quotes, backslashes and control octets escaped. */
static void ble_str_json_text_(struct ble_str *s, const char *t)
{
    ble_str_putc(s, '"');
    for (; *t; t++) {
        unsigned char c = (unsigned char)*t;
        if (c == '"' || c == '\\') {
            ble_str_putc(s, '\\');
            ble_str_putc(s, (char)c);
        } else if (c < 0x20) {
            ble_str_puts(s, "\\u00");
            ble_str_hexbytes(s, &c, 1);
        } else {
            ble_str_putc(s, (char)c);
        }
    }
    ble_str_putc(s, '"');
}

static void ble_field_print_(const struct ble_field *f, const uint8_t *base, struct ble_str *s,
                             unsigned flags)
{
    const uint8_t *m = base + f->off;
    uint64_t v = 0;
    int n = ble_field_fixed_len_(f);
    int json = (flags & BLE_PRINT_JSON) != 0;
    const char *vn;
    switch (f->kind) {
    case BLE_FK_NONE:
        return;
    case BLE_FK_ADDR:
        if (json)
            ble_str_putc(s, '"');
        ble_str_addr(s, m);
        if (json)
            ble_str_putc(s, '"');
        return;
    case BLE_FK_BYTES:
        if (json)
            ble_str_putc(s, '"');
        ble_str_hexbytes(s, m, f->len);
        if (json)
            ble_str_putc(s, '"');
        return;
    case BLE_FK_S16: {
        int16_t x;
        ble_memcpy(&x, m, sizeof x);
        ble_str_dec(s, x);
        return;
    }
    case BLE_FK_S8: {
        int8_t x;
        ble_memcpy(&x, m, 1);
        ble_str_dec(s, x);
        return;
    }
    case BLE_FK_LV8:
    case BLE_FK_REST: {
        struct ble_view w;
        ble_memcpy(&w, m, sizeof w);
        if (json) {
            ble_str_putc(s, '"');
        } else {
            ble_str_putc(s, '[');
            ble_str_udec(s, w.len);
            ble_str_puts(s, "]");
        }
        if (w.p)
            ble_str_hexbytes(s, w.p, w.len);
        if (json)
            ble_str_putc(s, '"');
        return;
    }
    case BLE_FK_U8: v = *m; break;
    case BLE_FK_U16: { uint16_t x; ble_memcpy(&x, m, sizeof x); v = x; } break;
    case BLE_FK_U24:
    case BLE_FK_U32: { uint32_t x; ble_memcpy(&x, m, sizeof x); v = x; } break;
    default: ble_memcpy(&v, m, sizeof v); break;
    }
    vn = f->aux ? ble_names_get((const struct ble_names *)f->aux, (unsigned)v) : 0;
    if (json) {
        if (n > 4) { /* past 2^53 a JSON number loses digits: a hex string */
            ble_str_putc(s, '"');
            ble_str_hex(s, v, (unsigned)n * 2u);
            ble_str_putc(s, '"');
        } else {
            ble_str_udec(s, v);
        }
        if (vn) {
            ble_str_puts(s, ",\"");
            ble_str_puts(s, f->name);
            ble_str_puts(s, "_name\":");
            ble_str_json_text_(s, vn);
        }
        return;
    }
    ble_str_hex(s, v, (unsigned)n * 2u);
    if (vn) {
        ble_str_puts(s, " (");
        ble_str_puts(s, vn);
        ble_str_putc(s, ')');
    }
}

static void ble_field_label_(struct ble_str *s, unsigned flags, int *first, const char *arr,
                             size_t idx, const char *name)
{
    if (flags & BLE_PRINT_JSON) {
        if (!*first)
            ble_str_putc(s, ',');
        *first = 0;
        ble_str_putc(s, '"');
        ble_str_puts(s, name);
        ble_str_puts(s, "\":");
        return;
    }
    if (flags & BLE_PRINT_MULTILINE)
        ble_str_puts(s, "\n  ");
    else if (!*first)
        ble_str_putc(s, ' ');
    *first = 0;
    if (arr) {
        ble_str_puts(s, arr);
        ble_str_putc(s, '[');
        ble_str_udec(s, idx);
        ble_str_puts(s, "].");
    }
    ble_str_puts(s, name);
    ble_str_putc(s, '=');
}
#endif

BLE_DEF void ble_pdu_print(const struct ble_pdu_desc *d, const void *pdu, struct ble_str *s, unsigned flags)
{
#if BLE_CFG_NAMES
    const uint8_t *base = (const uint8_t *)pdu;
    int first = 1, json = (flags & BLE_PRINT_JSON) != 0;
    size_t i, k, j;
    if (json)
        ble_str_putc(s, '{');
    for (i = 0; i < d->nfields; i++) {
        const struct ble_field *f = &d->fields[i];
        const struct ble_pdu_desc *e = (const struct ble_pdu_desc *)f->aux;
        struct ble_arr a;
        union {
            uint8_t b[BLE_CFG_PRINT_ELEM_MAX];
            uint64_t align_u64;
            const void *align_ptr;
        } elem;
        if (f->kind == BLE_FK_NONE)
            continue;
        if (!ble_fk_is_array_(f->kind)) {
            ble_field_label_(s, flags, &first, 0, 0, f->name);
            ble_field_print_(f, base, s, flags);
            continue;
        }
        ble_memcpy(&a, base + f->off, sizeof a);
        ble_field_label_(s, flags, &first, 0, 0, f->name);
        if (json)
            ble_str_putc(s, '[');
        else
            ble_str_udec(s, a.n);
        /* elements decode one at a time into a bounded scratch struct */
        if (e->size > sizeof elem.b) {
            ble_str_puts(s, json ? "]" : " (elements larger than BLE_CFG_PRINT_ELEM_MAX)");
            continue;
        }
        for (k = 0; k < a.n; k++) {
            int efirst = 1;
            if (ble_arr_get(&a, e, k, elem.b) != BLE_OK)
                break;
            if (json)
                ble_str_puts(s, k ? ",{" : "{");
            for (j = 0; j < e->nfields; j++) {
                if (e->fields[j].kind == BLE_FK_NONE)
                    continue;
                ble_field_label_(s, flags, json ? &efirst : &first, f->name, k, e->fields[j].name);
                ble_field_print_(&e->fields[j], elem.b, s, flags);
            }
            if (json)
                ble_str_putc(s, '}');
        }
        if (json)
            ble_str_putc(s, ']');
    }
    if (json)
        ble_str_putc(s, '}');
#else
    (void)d;
    (void)pdu;
    (void)s;
    (void)flags;
#endif
}

/* ---- LTV structures ---- */

BLE_DEF int ble_ltv_next(struct ble_rd *r, uint8_t *type, struct ble_view *value)
{
    size_t left, l;
    if (r->err)
        return r->err;
    left = ble_rd_left(r);
    if (!left)
        return BLE_ERR_AGAIN;
    l = r->p[r->pos];
    if (l == 0)
        return BLE_ERR_MALFORMED;
    if (l > left - 1)
        return BLE_ERR_SHORT;
    *type = r->p[r->pos + 1];
    *value = ble_view_make(l > 1 ? r->p + r->pos + 2 : 0, l - 1);
    r->pos += 1 + l;
    return BLE_OK;
}

BLE_DEF int ble_ltv_check(const uint8_t *p, size_t len, uint8_t *bad_type, size_t *bad_off)
{
    struct ble_rd r;
    uint8_t t;
    struct ble_view v;
    int rc;
    ble_rd_init(&r, p, len);
    while ((rc = ble_ltv_next(&r, &t, &v)) == BLE_OK)
        ;
    if (rc == BLE_ERR_AGAIN)
        return BLE_OK;
    if (bad_type)
        *bad_type = ble_rd_left(&r) >= 2 ? r.p[r.pos + 1] : 0;
    if (bad_off)
        *bad_off = r.pos;
    return rc;
}

BLE_DEF int ble_ltv_find(const uint8_t *p, size_t len, uint8_t type, struct ble_view *value)
{
    struct ble_rd r;
    uint8_t t;
    struct ble_view v;
    int rc = ble_ltv_check(p, len, 0, 0);
    if (rc != BLE_OK)
        return rc;
    ble_rd_init(&r, p, len);
    while (ble_ltv_next(&r, &t, &v) == BLE_OK)
        if (t == type) {
            *value = v;
            return BLE_OK;
        }
    return BLE_ERR_NOT_FOUND;
}

BLE_DEF void ble_ltv_put(struct ble_wr *w, uint8_t type, const void *value, size_t n)
{
    if (n > 254) {
        ble_wr_fail(w, BLE_ERR_TOO_LONG);
        return;
    }
    ble_wr_u8(w, (uint8_t)(n + 1));
    ble_wr_u8(w, type);
    ble_wr_bytes(w, value, n);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
