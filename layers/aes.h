/* blekit AES-128 and AES-CMAC: the security function e (Core 6.0 Vol 3 Part H
 * 2.2.1, FIPS-197) and AES-CMAC (Part H 2.2.5, RFC 4493), which the GATT
 * Database Hash (Vol 3 Part G 7.3.1) and the SMP functions are built on.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Octet strings are in the order FIPS-197 and RFC 4493 write them: key[0],
 * block[0] and mac[0] are the most significant octets. (The Core
 * specification writes its security functions' values MSB first too; over
 * HCI and in PDUs they travel little-endian, so a caller reverses them at
 * that boundary, as Part H D.1 shows.)
 *
 *     struct ble_cmac c;
 *     ble_cmac_init(&c, key);
 *     ble_cmac_update(&c, part1, n1);    as many times as needed
 *     ble_cmac_final(&c, mac);
 *
 * A straightforward byte-oriented implementation: table S-box in flash, no
 * data-dependent branches, but table lookups are data-dependent, so on a core
 * with a data cache it is not constant-time. That is harmless for the
 * Database Hash (its key is public, all zero); for secret keys prefer the
 * controller's LE Encrypt or a hardware AES.
 */
#ifndef BLE_H
#error "include ble.h, not layers/aes.h"
#endif

#ifndef BLE_AES_H
#define BLE_AES_H

#ifdef __cplusplus
extern "C" {
#endif

/* An expanded AES-128 key: 11 round keys. */
struct ble_aes128 {
    uint8_t rk[176];
};

BLE_API void ble_aes128_init(struct ble_aes128 *a, const uint8_t key[16]);
/* out = AES-128(key, in); in and out may be the same block. */
BLE_API void ble_aes128_encrypt(const struct ble_aes128 *a, const uint8_t in[16], uint8_t out[16]);
/* The security function e of Part H 2.2.1 in one call. */
BLE_API void ble_aes_e(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]);

/* AES-CMAC over a message given in any number of parts. */
struct ble_cmac {
    struct ble_aes128 aes;
    uint8_t x[16];   /* the chaining value */
    uint8_t buf[16]; /* the last, possibly partial, block: kept until more data proves it is not the last */
    uint8_t n;       /* octets in buf */
};

BLE_API void ble_cmac_init(struct ble_cmac *c, const uint8_t key[16]);
BLE_API void ble_cmac_update(struct ble_cmac *c, const void *data, size_t len);
/* The 16-octet MAC; c must be initialised again before reuse. */
BLE_API void ble_cmac_final(struct ble_cmac *c, uint8_t mac[16]);
/* AES-CMAC of one contiguous message. */
BLE_API void ble_aes_cmac(const uint8_t key[16], const void *msg, size_t len, uint8_t mac[16]);

#ifdef __cplusplus
}
#endif

#endif /* BLE_AES_H */

/* ======================================================================== */
#if defined(BLE_IMPLEMENTATION) && !defined(BLE_AES_IMPL)
#define BLE_AES_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* FIPS-197 5.1.1, Figure 7. */
static const uint8_t ble_aes_sbox_[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16};

/* Multiplication by x in GF(2^8) (FIPS-197 4.2.1), without a branch. */
static uint8_t ble_aes_xtime_(uint8_t b)
{
    return (uint8_t)((b << 1) ^ (0x1b & (0u - (unsigned)(b >> 7))));
}

BLE_DEF void ble_aes128_init(struct ble_aes128 *a, const uint8_t key[16])
{
    /* FIPS-197 5.2: w[i] = w[i-4] ^ (i % 4 == 0 ? SubWord(RotWord(w[i-1])) ^ Rcon : w[i-1]) */
    uint8_t rcon = 1;
    size_t i;
    ble_memcpy(a->rk, key, 16);
    for (i = 16; i < 176; i += 4) {
        uint8_t t0 = a->rk[i - 4], t1 = a->rk[i - 3], t2 = a->rk[i - 2], t3 = a->rk[i - 1];
        if (i % 16 == 0) {
            uint8_t u = t0;
            t0 = (uint8_t)(ble_aes_sbox_[t1] ^ rcon);
            t1 = ble_aes_sbox_[t2];
            t2 = ble_aes_sbox_[t3];
            t3 = ble_aes_sbox_[u];
            rcon = ble_aes_xtime_(rcon);
        }
        a->rk[i] = (uint8_t)(a->rk[i - 16] ^ t0);
        a->rk[i + 1] = (uint8_t)(a->rk[i - 15] ^ t1);
        a->rk[i + 2] = (uint8_t)(a->rk[i - 14] ^ t2);
        a->rk[i + 3] = (uint8_t)(a->rk[i - 13] ^ t3);
    }
}

BLE_DEF void ble_aes128_encrypt(const struct ble_aes128 *a, const uint8_t in[16], uint8_t out[16])
{
    uint8_t s[16], t[16];
    unsigned round, i;
    for (i = 0; i < 16; i++)
        s[i] = (uint8_t)(in[i] ^ a->rk[i]);
    for (round = 1; round <= 10; round++) {
        /* SubBytes and ShiftRows together: the state is column-major, row r
         * of column c comes from column (c + r) % 4 (FIPS-197 5.1.2) */
        for (i = 0; i < 16; i++)
            t[i] = ble_aes_sbox_[s[(i + 4 * (i % 4)) % 16]];
        if (round < 10) { /* MixColumns (5.1.3) */
            for (i = 0; i < 16; i += 4) {
                uint8_t a0 = t[i], a1 = t[i + 1], a2 = t[i + 2], a3 = t[i + 3];
                uint8_t all = (uint8_t)(a0 ^ a1 ^ a2 ^ a3);
                t[i] = (uint8_t)(a0 ^ all ^ ble_aes_xtime_((uint8_t)(a0 ^ a1)));
                t[i + 1] = (uint8_t)(a1 ^ all ^ ble_aes_xtime_((uint8_t)(a1 ^ a2)));
                t[i + 2] = (uint8_t)(a2 ^ all ^ ble_aes_xtime_((uint8_t)(a2 ^ a3)));
                t[i + 3] = (uint8_t)(a3 ^ all ^ ble_aes_xtime_((uint8_t)(a3 ^ a0)));
            }
        }
        for (i = 0; i < 16; i++)
            s[i] = (uint8_t)(t[i] ^ a->rk[16 * round + i]);
    }
    ble_memcpy(out, s, 16);
}

BLE_DEF void ble_aes_e(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    struct ble_aes128 a;
    ble_aes128_init(&a, key);
    ble_aes128_encrypt(&a, in, out);
}

BLE_DEF void ble_cmac_init(struct ble_cmac *c, const uint8_t key[16])
{
    ble_aes128_init(&c->aes, key);
    ble_memset(c->x, 0, 16);
    ble_memset(c->buf, 0, 16);
    c->n = 0;
}

BLE_DEF void ble_cmac_update(struct ble_cmac *c, const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    while (len) {
        size_t take;
        if (c->n == 16) { /* more data follows, so the buffered block is not the last */
            unsigned i;
            for (i = 0; i < 16; i++)
                c->x[i] = (uint8_t)(c->x[i] ^ c->buf[i]);
            ble_aes128_encrypt(&c->aes, c->x, c->x);
            c->n = 0;
        }
        take = 16u - c->n;
        if (take > len)
            take = len;
        ble_memcpy(c->buf + c->n, p, take);
        c->n = (uint8_t)(c->n + take);
        p += take;
        len -= take;
    }
}

/* RFC 4493 2.3: K = L << 1, xor Rb (0x87) when L's top bit was set. */
static void ble_cmac_dbl_(uint8_t k[16])
{
    uint8_t carry = (uint8_t)(k[0] >> 7);
    unsigned i;
    for (i = 0; i < 15; i++)
        k[i] = (uint8_t)((k[i] << 1) | (k[i + 1] >> 7));
    k[15] = (uint8_t)((k[15] << 1) ^ (0x87 & (0u - (unsigned)carry)));
}

BLE_DEF void ble_cmac_final(struct ble_cmac *c, uint8_t mac[16])
{
    static const uint8_t zero[16] = {0};
    uint8_t k[16];
    unsigned i;
    ble_aes128_encrypt(&c->aes, zero, k); /* L */
    ble_cmac_dbl_(k);                     /* K1 */
    if (c->n < 16) {                      /* incomplete (or empty) last block: pad, K2 */
        c->buf[c->n] = 0x80;
        for (i = c->n + 1u; i < 16; i++)
            c->buf[i] = 0;
        ble_cmac_dbl_(k);
    }
    for (i = 0; i < 16; i++)
        c->x[i] = (uint8_t)(c->x[i] ^ c->buf[i] ^ k[i]);
    ble_aes128_encrypt(&c->aes, c->x, mac);
}

BLE_DEF void ble_aes_cmac(const uint8_t key[16], const void *msg, size_t len, uint8_t mac[16])
{
    struct ble_cmac c;
    ble_cmac_init(&c, key);
    ble_cmac_update(&c, msg, len);
    ble_cmac_final(&c, mac);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
