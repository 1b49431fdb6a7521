/* blekit GATT layer (Core 6.0 Vol 3 Part G): the server over a caller-owned,
 * const attribute database. The client (ble_gatt_cli_) is layers/gatt_client.h.
 * SPDX-License-Identifier: Apache-2.0
 *
 * THE DATABASE is a const array the caller defines, built with macros so a
 * service reads like its specification table:
 *
 *     static const uint8_t level_init[] = { 100 };
 *     static uint8_t level_mem[1];
 *     static struct ble_gatt_buf level = { level_mem, 1, 1 };
 *     static const struct ble_gatt_attr db[] = {
 *         BLE_GATT_PRIMARY_SERVICE(0x180F),                          handle 1
 *         BLE_GATT_CHARACTERISTIC(0x2A19, BLE_GATT_PROP_READ | BLE_GATT_PROP_NOTIFY,
 *                                 BLE_GATT_PERM_READ, BLE_GATT_VAL_RAM(&level, 7)),  2, 3
 *         BLE_GATT_CCCD(BLE_GATT_PERM_WRITE),                        4
 *     };
 *
 * Handles are assigned by position: the first attribute is 0x0001, each next
 * one the previous + 1 (a characteristic macro is two attributes: the
 * declaration and the value). BLE_GATT_HANDLE_AT(h) (not an attribute) makes
 * the next attribute's handle h; handles must increase. ble_gatt_db_check()
 * verifies the structure; ble_gatt_srv_init() calls it.
 *
 * Values come from one of: the table (BLE_GATT_VAL_CONST, may live in flash),
 * caller RAM (BLE_GATT_VAL_RAM: a struct ble_gatt_buf of pointer, length,
 * capacity; writes go there), or a hook (BLE_GATT_VAL_HOOK: the server emits
 * a READ_REQ / WRITE_REQ event with a token and answers the client only when
 * the caller calls ble_gatt_srv_reply(), possibly much later). CCCDs, Client
 * Supported Features and the change-aware state are per connection, kept in
 * struct ble_gatt_srv; the Database Hash value is computed once by
 * ble_gatt_db_hash() (Vol 3 Part G 7.3.1) and passed in ble_gatt_srv_cfg.db_hash.
 *
 * THE SERVER is one struct ble_gatt_srv per connection (ATT bearer on CID 4):
 *
 *     ble_gatt_srv_init(&srv, &cfg);          db, MTU limit, caller storage
 *     ble_gatt_srv_on_pdu(&srv, now, pdu, len);   a PDU received on CID 4
 *     ble_gatt_srv_notify / _indicate(&srv, now, handle, value, len);
 *     ble_gatt_srv_reply(&srv, now, token, status, data, len);   hook answers
 *     while ((n = ble_gatt_srv_poll_tx(&srv, buf, sizeof buf)) > 0) send(buf, n);
 *     while (ble_gatt_srv_poll_event(&srv, &ev) == BLE_OK) handle(&ev);
 *     ble_gatt_srv_on_timer(&srv, now);       at ble_gatt_srv_next_deadline()
 */
#ifndef BLE_H
#error "include ble.h, not layers/gatt.h"
#endif

#ifndef BLE_GATT_H
#define BLE_GATT_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- UUIDs of GATT (Assigned Numbers 3.4, 3.7, 3.8) ---- */
#define BLE_GATT_UUID_PRIMARY_SERVICE 0x2800
#define BLE_GATT_UUID_SECONDARY_SERVICE 0x2801
#define BLE_GATT_UUID_INCLUDE 0x2802
#define BLE_GATT_UUID_CHARACTERISTIC 0x2803
#define BLE_GATT_UUID_EXT_PROPS 0x2900
#define BLE_GATT_UUID_USER_DESC 0x2901
#define BLE_GATT_UUID_CCCD 0x2902
#define BLE_GATT_UUID_SCCD 0x2903
#define BLE_GATT_UUID_PRESENTATION_FORMAT 0x2904
#define BLE_GATT_UUID_AGGREGATE_FORMAT 0x2905
#define BLE_GATT_UUID_SERVICE_CHANGED 0x2A05
#define BLE_GATT_UUID_CLIENT_FEATURES 0x2B29
#define BLE_GATT_UUID_DATABASE_HASH 0x2B2A
#define BLE_GATT_UUID_SERVER_FEATURES 0x2B3A

/* Characteristic Properties (3.3.1.1). */
#define BLE_GATT_PROP_BROADCAST 0x01
#define BLE_GATT_PROP_READ 0x02
#define BLE_GATT_PROP_WRITE_NO_RSP 0x04
#define BLE_GATT_PROP_WRITE 0x08
#define BLE_GATT_PROP_NOTIFY 0x10
#define BLE_GATT_PROP_INDICATE 0x20
#define BLE_GATT_PROP_SIGNED_WRITE 0x40
#define BLE_GATT_PROP_EXT 0x80

/* Attribute permissions (3.2.5, Vol 3 Part F 3.2.5): what the server
 * enforces. Each security permission includes its access bit. */
#define BLE_GATT_PERM_READ 0x0001
#define BLE_GATT_PERM_WRITE 0x0002
#define BLE_GATT_PERM_READ_ENC (0x0004 | BLE_GATT_PERM_READ)     /* encrypted link */
#define BLE_GATT_PERM_READ_AUTHEN (0x0008 | BLE_GATT_PERM_READ)  /* authenticated (MITM) pairing */
#define BLE_GATT_PERM_READ_SC (0x0010 | BLE_GATT_PERM_READ)      /* LE Secure Connections, MITM */
#define BLE_GATT_PERM_READ_AUTHOR (0x0020 | BLE_GATT_PERM_READ)  /* ble_gatt_srv_set_authorized() */
#define BLE_GATT_PERM_WRITE_ENC (0x0040 | BLE_GATT_PERM_WRITE)
#define BLE_GATT_PERM_WRITE_AUTHEN (0x0080 | BLE_GATT_PERM_WRITE)
#define BLE_GATT_PERM_WRITE_SC (0x0100 | BLE_GATT_PERM_WRITE)
#define BLE_GATT_PERM_WRITE_AUTHOR (0x0200 | BLE_GATT_PERM_WRITE)
#define BLE_GATT_PERM_KEY16 0x0400 /* where encryption is needed: a 16-octet key */

/* Link security the caller reports (LE security mode 1, Vol 3 Part C 10.2.1). */
enum ble_gatt_sec {
    BLE_GATT_SEC_NONE = 1,   /* no encryption */
    BLE_GATT_SEC_ENC = 2,    /* encrypted, unauthenticated pairing */
    BLE_GATT_SEC_AUTHEN = 3, /* encrypted, authenticated pairing */
    BLE_GATT_SEC_SC = 4      /* encrypted, authenticated LE Secure Connections */
};

/* Client Supported Features bits (7.2) and Server Supported Features (7.4). */
#define BLE_GATT_CSF_ROBUST_CACHING 0x01
#define BLE_GATT_CSF_EATT 0x02
#define BLE_GATT_CSF_MULTI_NTF 0x04
#define BLE_GATT_SSF_EATT 0x01

/* ---- The attribute database ---- */

enum ble_gatt_kind {
    BLE_GATT_K_PRIMARY,   /* Primary Service declaration (3.1) */
    BLE_GATT_K_SECONDARY, /* Secondary Service declaration */
    BLE_GATT_K_INCLUDE,   /* Include declaration (3.2): id = the included service's handle */
    BLE_GATT_K_CHRC,      /* Characteristic declaration (3.3.1): value computed */
    BLE_GATT_K_VALUE,     /* Characteristic Value declaration (3.3.2) */
    BLE_GATT_K_CCCD,      /* Client Characteristic Configuration (3.3.3.3), per connection */
    BLE_GATT_K_DESC,      /* any other descriptor */
    BLE_GATT_K_AT         /* not an attribute: the next attribute's handle is `handle` */
};

enum ble_gatt_src {
    BLE_GATT_SRC_NONE,  /* no value (Service Changed: indications only) */
    BLE_GATT_SRC_CONST, /* data, len: in the table */
    BLE_GATT_SRC_RAM,   /* ram: caller memory, written in place */
    BLE_GATT_SRC_HOOK,  /* the caller answers READ_REQ / WRITE_REQ events; len: largest value (0: 512) */
    BLE_GATT_SRC_HASH,  /* Database Hash: ble_gatt_srv_cfg.db_hash */
    BLE_GATT_SRC_CSF    /* Client Supported Features of this connection */
};

/* A value in caller RAM: len octets valid of cap. */
struct ble_gatt_buf {
    uint8_t *p;
    uint16_t len;
    uint16_t cap;
};

struct ble_gatt_attr {
    uint16_t handle;          /* BLE_GATT_K_AT only */
    uint8_t kind;             /* enum ble_gatt_kind */
    uint8_t props;            /* BLE_GATT_PROP_* (CHRC and VALUE) */
    uint16_t perms;           /* BLE_GATT_PERM_* */
    uint16_t uuid16;          /* type (VALUE, DESC) or service UUID, when uuid128 is NULL */
    const uint8_t *uuid128;   /* a 128-bit UUID, little-endian */
    uint8_t src;              /* enum ble_gatt_src */
    uint16_t len;             /* CONST: length; HOOK: largest value */
    const uint8_t *data;      /* CONST */
    struct ble_gatt_buf *ram; /* RAM */
    uint16_t id;              /* the caller's id in events; INCLUDE: included service's handle */
};

/* Value sources: the last five fields of an attribute. */
#define BLE_GATT_VAL_NONE BLE_GATT_SRC_NONE, 0, 0, 0, 0
#define BLE_GATT_VAL_CONST(arr) BLE_GATT_SRC_CONST, (uint16_t)sizeof(arr), (arr), 0, 0
#define BLE_GATT_VAL_BYTES(ptr, n) BLE_GATT_SRC_CONST, (uint16_t)(n), (const uint8_t *)(ptr), 0, 0
#define BLE_GATT_VAL_RAM(bufp, ident) BLE_GATT_SRC_RAM, 0, 0, (bufp), (ident)
#define BLE_GATT_VAL_HOOK(ident, maxlen) BLE_GATT_SRC_HOOK, (maxlen), 0, 0, (ident)

#define BLE_GATT_ATTR_(kind, props, perms, u16, u128, ...)                                 \
    { 0, (uint8_t)(kind), (uint8_t)(props), (uint16_t)(perms), (uint16_t)(u16), (u128), __VA_ARGS__ }
#define BLE_GATT_HANDLE_AT(h)                                                              \
    { (uint16_t)(h), (uint8_t)BLE_GATT_K_AT, 0, 0, 0, 0, BLE_GATT_VAL_NONE }
#define BLE_GATT_PRIMARY_SERVICE(u16)                                                      \
    BLE_GATT_ATTR_(BLE_GATT_K_PRIMARY, 0, BLE_GATT_PERM_READ, u16, 0, BLE_GATT_VAL_NONE)
#define BLE_GATT_PRIMARY_SERVICE128(u128)                                                  \
    BLE_GATT_ATTR_(BLE_GATT_K_PRIMARY, 0, BLE_GATT_PERM_READ, 0, u128, BLE_GATT_VAL_NONE)
#define BLE_GATT_SECONDARY_SERVICE(u16)                                                    \
    BLE_GATT_ATTR_(BLE_GATT_K_SECONDARY, 0, BLE_GATT_PERM_READ, u16, 0, BLE_GATT_VAL_NONE)
#define BLE_GATT_SECONDARY_SERVICE128(u128)                                                \
    BLE_GATT_ATTR_(BLE_GATT_K_SECONDARY, 0, BLE_GATT_PERM_READ, 0, u128, BLE_GATT_VAL_NONE)
#define BLE_GATT_INCLUDE(service_handle)                                                   \
    BLE_GATT_ATTR_(BLE_GATT_K_INCLUDE, 0, BLE_GATT_PERM_READ, 0, 0, BLE_GATT_SRC_NONE, 0, 0, 0, \
                   (uint16_t)(service_handle))
/* Two attributes: the declaration, then the value with perms and its source. */
#define BLE_GATT_CHARACTERISTIC(u16, props, perms, ...)                                    \
    BLE_GATT_ATTR_(BLE_GATT_K_CHRC, props, BLE_GATT_PERM_READ, u16, 0, BLE_GATT_VAL_NONE), \
    BLE_GATT_ATTR_(BLE_GATT_K_VALUE, props, perms, u16, 0, __VA_ARGS__)
#define BLE_GATT_CHARACTERISTIC128(u128, props, perms, ...)                                \
    BLE_GATT_ATTR_(BLE_GATT_K_CHRC, props, BLE_GATT_PERM_READ, 0, u128, BLE_GATT_VAL_NONE), \
    BLE_GATT_ATTR_(BLE_GATT_K_VALUE, props, perms, 0, u128, __VA_ARGS__)
/* CCCD: always readable; perms say who may write (BLE_GATT_PERM_WRITE...). */
#define BLE_GATT_CCCD(perms)                                                               \
    BLE_GATT_ATTR_(BLE_GATT_K_CCCD, 0, (perms) | BLE_GATT_PERM_READ, BLE_GATT_UUID_CCCD, 0, \
                   BLE_GATT_VAL_NONE)
#define BLE_GATT_DESCRIPTOR(u16, perms, ...)                                               \
    BLE_GATT_ATTR_(BLE_GATT_K_DESC, 0, perms, u16, 0, __VA_ARGS__)
#define BLE_GATT_DESCRIPTOR128(u128, perms, ...)                                           \
    BLE_GATT_ATTR_(BLE_GATT_K_DESC, 0, perms, 0, u128, __VA_ARGS__)
/* Characteristic Extended Properties (3.3.3.1): a 2-octet const array. */
#define BLE_GATT_EXT_PROPS(arr)                                                            \
    BLE_GATT_DESCRIPTOR(BLE_GATT_UUID_EXT_PROPS, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(arr))
/* Characteristic User Description (3.3.3.2). */
#define BLE_GATT_USER_DESC(perms, ...)                                                     \
    BLE_GATT_DESCRIPTOR(BLE_GATT_UUID_USER_DESC, perms, __VA_ARGS__)
/* Characteristic Presentation Format (3.3.3.5): a 7-octet const array. */
#define BLE_GATT_PRESENTATION_FORMAT(arr)                                                  \
    BLE_GATT_DESCRIPTOR(BLE_GATT_UUID_PRESENTATION_FORMAT, BLE_GATT_PERM_READ, BLE_GATT_VAL_CONST(arr))
/* The GATT service's characteristics (7.1 - 7.4). */
#define BLE_GATT_SERVICE_CHANGED(cccd_perms)                                               \
    BLE_GATT_CHARACTERISTIC(BLE_GATT_UUID_SERVICE_CHANGED, BLE_GATT_PROP_INDICATE, 0, BLE_GATT_VAL_NONE), \
    BLE_GATT_CCCD(cccd_perms)
#define BLE_GATT_CLIENT_FEATURES(perms)                                                    \
    BLE_GATT_CHARACTERISTIC(BLE_GATT_UUID_CLIENT_FEATURES, BLE_GATT_PROP_READ | BLE_GATT_PROP_WRITE, \
                            perms, BLE_GATT_SRC_CSF, 0, 0, 0, 0)
#define BLE_GATT_DATABASE_HASH()                                                           \
    BLE_GATT_CHARACTERISTIC(BLE_GATT_UUID_DATABASE_HASH, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, \
                            BLE_GATT_SRC_HASH, 16, 0, 0, 0)
#define BLE_GATT_SERVER_FEATURES(arr)                                                      \
    BLE_GATT_CHARACTERISTIC(BLE_GATT_UUID_SERVER_FEATURES, BLE_GATT_PROP_READ, BLE_GATT_PERM_READ, \
                            BLE_GATT_VAL_CONST(arr))

/* The database's structure: handles increase and fit 16 bits, the first
 * attribute is a service, every declaration is followed by its value, every
 * value follows its declaration with the same UUID, descriptors sit inside a
 * characteristic, includes name a service, values have their source's
 * pointers. BLE_OK (with *cccds, the number of CCCDs, when not NULL) or
 * BLE_ERR_MALFORMED. */
BLE_API int ble_gatt_db_check(const struct ble_gatt_attr *attrs, size_t n, size_t *cccds);
/* The handle of attrs[i] (BLE_GATT_K_AT entries give 0). */
BLE_API uint16_t ble_gatt_db_handle(const struct ble_gatt_attr *attrs, size_t n, size_t i);
/* The Database Hash (Vol 3 Part G 7.3.1): AES-CMAC with an all-zero key over
 * the handle, type and value of every service, include and characteristic
 * declaration and Extended Properties descriptor, and the handle and type of
 * every User Description, CCCD, SCCD, Presentation Format and Aggregate Format
 * descriptor, in handle order. hash gets the characteristic's value as it is
 * sent: little-endian (F 3.3.1), so the CMAC's most significant octet last.
 * Compute it once (at build time, or at boot for a database in RAM) and pass
 * it in ble_gatt_srv_cfg.db_hash. BLE_OK; BLE_ERR_MALFORMED as
 * ble_gatt_db_check(); BLE_ERR_PARAM when an Extended Properties value comes
 * from a hook (the hash must not wait for the application). */
BLE_API int ble_gatt_db_hash(const struct ble_gatt_attr *attrs, size_t n, uint8_t hash[16]);

/* ---- The server ---- */

enum ble_gatt_srv_ev_type {
    BLE_GATT_SRV_EV_READ_REQ = 1, /* hook read: token, handle, id, offset; answer with _reply */
    BLE_GATT_SRV_EV_WRITE_REQ,    /* hook write: token (0 for a command: no reply), handle,
                                     id, offset, data (valid until the reply, or for a
                                     command until the next on_pdu) */
    BLE_GATT_SRV_EV_WRITTEN,      /* a RAM value changed: handle, id, offset, data */
    BLE_GATT_SRV_EV_CCCD,         /* a CCCD written: handle (the value's), value (bits) */
    BLE_GATT_SRV_EV_CLIENT_FEATURES, /* Client Supported Features written: value */
    BLE_GATT_SRV_EV_MTU,          /* MTU exchanged: value (the ATT_MTU now) */
    BLE_GATT_SRV_EV_CONFIRMED,    /* the outstanding indication was confirmed: handle */
    BLE_GATT_SRV_EV_TIMEOUT,      /* no confirmation in 30 s: the bearer is dead (F 3.3.3) */
    BLE_GATT_SRV_EV_CHANGE_AWARE  /* a change-unaware client became change-aware (G 2.5.2.1) */
};

struct ble_gatt_srv_event {
    uint8_t type;          /* enum ble_gatt_srv_ev_type */
    uint8_t opcode;        /* the ATT request or command behind it (0: none) */
    uint16_t handle;
    uint16_t id;           /* the attribute's id */
    uint16_t token;
    uint16_t offset;
    uint16_t value;
    struct ble_view data;
};

struct ble_gatt_srv_stats {
    uint32_t ignored_commands;   /* unknown, malformed, refused or change-unaware commands */
    uint32_t unexpected_pdus;    /* responses, notifications, unsolicited confirmations */
    uint32_t busy_requests;      /* a request while the previous is unanswered (dropped) */
    uint32_t events_dropped;     /* the event queue was full */
    uint32_t bad_signatures;     /* signed writes the policy refused or could not check */
    uint32_t after_timeout;      /* PDUs dropped after the transaction timeout */
    uint32_t repeated_mtu;       /* Exchange MTU after the first (answered, not applied) */
};

/* A queued Prepare Write (Vol 3 Part F 3.4.6.1); the value is in prep_buf. */
struct ble_gatt_srv_prep {
    uint16_t handle;
    uint16_t offset;
    uint16_t len;
    uint16_t pos;
};

/* Signed Write policy: 1 when sig (SignCounter and MAC, Vol 3 Part H 2.4.5)
 * signs msg (opcode, handle, value) for this peer. Pure: it must not call
 * the kit. NULL: signed writes are ignored and counted. */
typedef int (*ble_gatt_srv_verify_fn)(void *ctx, const uint8_t *msg, size_t len, const uint8_t *sig);

struct ble_gatt_srv_cfg {
    const struct ble_gatt_attr *attrs;
    size_t n;
    uint16_t mtu_max;            /* our Rx MTU, 23..BLE_ATT_VALUE_MAX+5 (0: 23) */
    uint8_t *buf;                /* BLE_GATT_SRV_BUF_SIZE(mtu_max) octets */
    size_t buf_len;
    uint16_t *cccd;              /* one per CCCD of the database, in order */
    size_t cccd_n;
    struct ble_gatt_srv_prep *prep; /* the prepare queue: entries ... */
    size_t prep_n;
    uint8_t *prep_buf;           /* ... and their values */
    size_t prep_buf_len;
    struct ble_gatt_srv_event *events;
    size_t events_n;
    const uint8_t *db_hash;      /* 16 octets, Vol 3 Part G 7.3 (caller-computed), or NULL */
    ble_gatt_srv_verify_fn verify_signed;
    void *verify_ctx;
    uint32_t timeout_ms;         /* 0: BLE_CFG_GATT_TIMEOUT_MS */
};
/* Octets of cfg.buf for an MTU: the request being served, the response, and
 * the next notification or indication. */
#define BLE_GATT_SRV_BUF_SIZE(mtu) (3u * (size_t)(mtu))

struct ble_gatt_srv {
    struct ble_gatt_srv_cfg cfg;
    struct ble_queue evq;
    uint16_t mtu;
    uint8_t mtu_done;
    uint8_t sec_level, key_size, authorized;
    uint8_t dead;                /* transaction timeout: no more ATT traffic (F 3.3.3) */
    /* the request being served */
    uint8_t req_op;              /* 0: none */
    uint8_t waiting;             /* for ble_gatt_srv_reply() */
    uint16_t req_len;
    uint16_t token, token_next;
    uint16_t cur_handle;         /* the hook attribute asked */
    uint16_t cont;               /* continuation: list or queue position */
    uint16_t rsp_len;            /* response octets built */
    uint8_t rsp_ready;
    /* notifications and indications */
    uint16_t out_len;            /* an unsent notification or indication in the out buffer */
    uint8_t ind_state;           /* 0 none, 1 queued, 2 sent, waiting for confirmation */
    uint16_t ind_handle;
    uint32_t ind_deadline;
    /* prepare queue */
    size_t prep_count, prep_used;
    /* robust caching (G 2.5.2.1) */
    uint8_t csf;
    uint8_t aware;               /* 1: change-aware */
    uint8_t aware_next;          /* becomes change-aware with the next request */
    uint8_t scratch[20];         /* computed values: declarations, CCCD, features */
    struct ble_gatt_srv_stats stats;
};

/* Checks the database and the storage and starts a connection: ATT_MTU 23,
 * security BLE_GATT_SEC_NONE, CCCDs and client features cleared,
 * change-aware. BLE_OK; BLE_ERR_MALFORMED (database), BLE_ERR_NO_SPACE
 * (storage too small), BLE_ERR_PARAM. */
BLE_API int ble_gatt_srv_init(struct ble_gatt_srv *s, const struct ble_gatt_srv_cfg *cfg);
/* One ATT PDU received on the ATT channel: BLE_OK (whatever the PDU, its
 * result is a response, an event, or a counted ignore), BLE_ERR_PARAM. */
BLE_API int ble_gatt_srv_on_pdu(struct ble_gatt_srv *s, uint32_t now, const uint8_t *pdu, size_t len);
/* The next PDU to send into buf: its length (never above the ATT_MTU);
 * BLE_ERR_AGAIN when none; BLE_ERR_NO_SPACE when cap is short (kept). */
BLE_API int ble_gatt_srv_poll_tx(struct ble_gatt_srv *s, uint8_t *buf, size_t cap);
BLE_API int ble_gatt_srv_poll_event(struct ble_gatt_srv *s, struct ble_gatt_srv_event *ev);
/* Sends a Handle Value Notification of the characteristic value at handle:
 * value (cut to ATT_MTU - 3), or the database's current value when value is
 * NULL. BLE_OK; BLE_ERR_NOT_FOUND (no such value), BLE_ERR_PARAM (the
 * properties do not allow it), BLE_ERR_STATE (the client has not enabled it,
 * or the bearer timed out), BLE_ERR_BUSY (the previous one is not sent yet). */
BLE_API int ble_gatt_srv_notify(struct ble_gatt_srv *s, uint32_t now, uint16_t handle,
                                const uint8_t *value, size_t len);
/* One Multiple Handle Value Notification (F 3.4.7.4) of n >= 2 values, each
 * sent whole (its Length field is exact, so nothing is cut: BLE_ERR_TOO_LONG
 * when the tuples do not fit the ATT_MTU; split them, or notify singly).
 * Each handle must be a notifiable value the client enabled, as for
 * ble_gatt_srv_notify(); BLE_ERR_STATE also when the client has not set the
 * Multiple Handle Value Notifications bit of Client Supported Features (G
 * 7.2). Nothing is queued unless every tuple passes. */
BLE_API int ble_gatt_srv_notify_multiple(struct ble_gatt_srv *s, uint32_t now, const uint16_t *handles,
                                         const struct ble_view *values, size_t n);
/* The same for an indication; BLE_ERR_BUSY while one is outstanding (F
 * 3.4.7.2: one at a time, until its confirmation; EV_CONFIRMED tells). The
 * 30 s transaction timer runs from this call. */
BLE_API int ble_gatt_srv_indicate(struct ble_gatt_srv *s, uint32_t now, uint16_t handle,
                                  const uint8_t *value, size_t len);
/* Answers a READ_REQ / WRITE_REQ event: status 0 and the value (read: from
 * the event's offset on) or an ATT error code. BLE_OK; BLE_ERR_NOT_FOUND when
 * token is not the one awaited. */
BLE_API int ble_gatt_srv_reply(struct ble_gatt_srv *s, uint32_t now, uint16_t token, uint8_t status,
                               const uint8_t *data, size_t len);
/* The link's security (enum ble_gatt_sec) and encryption key size (7..16).
 * Values outside those ranges fail closed: an unknown level is
 * BLE_GATT_SEC_NONE, an impossible key size is no key. */
BLE_API void ble_gatt_srv_set_security(struct ble_gatt_srv *s, uint8_t level, uint8_t key_size);
BLE_API void ble_gatt_srv_set_authorized(struct ble_gatt_srv *s, int authorized);
/* The database changed in handles start..end (the caller swapped cfg.attrs
 * or changed what hooks serve): a robust-caching client becomes
 * change-unaware, and a Service Changed indication is sent when enabled.
 * BLE_OK, or the indication's error (BLE_ERR_BUSY: call again later). */
BLE_API int ble_gatt_srv_db_changed(struct ble_gatt_srv *s, uint32_t now, uint16_t start, uint16_t end);
BLE_API int ble_gatt_srv_on_timer(struct ble_gatt_srv *s, uint32_t now);
BLE_API uint32_t ble_gatt_srv_next_deadline(const struct ble_gatt_srv *s);
/* The CCCD bits (1 notify, 2 indicate) of the characteristic value at handle
 * for this connection, 0 when none. */
BLE_API uint16_t ble_gatt_srv_cccd(const struct ble_gatt_srv *s, uint16_t value_handle);

#ifdef __cplusplus
}
#endif

#endif /* BLE_GATT_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_GATT_IMPL)
#define BLE_GATT_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Walking the database ---- */

struct ble_gatt_it_ {
    const struct ble_gatt_attr *a;
    size_t n, i;          /* next entry */
    uint32_t next;        /* the next attribute's handle */
    uint16_t h;           /* the current attribute's handle */
    const struct ble_gatt_attr *cur;
    size_t cccd;          /* index of the current CCCD, when it is one */
    size_t cccds;         /* CCCDs passed */
    uint8_t props;        /* properties of the characteristic we are in */
    uint16_t value_h;     /* its value handle */
};

static void ble_gatt_it_init_(struct ble_gatt_it_ *it, const struct ble_gatt_attr *a, size_t n)
{
    it->a = a;
    it->n = n;
    it->i = 0;
    it->next = 1;
    it->h = 0;
    it->cur = 0;
    it->cccd = it->cccds = 0;
    it->props = 0;
    it->value_h = 0;
}

/* Moves to the next attribute: 1, or 0 at the end (or past handle 0xFFFF). */
static int ble_gatt_it_next_(struct ble_gatt_it_ *it)
{
    while (it->i < it->n) {
        const struct ble_gatt_attr *e = &it->a[it->i++];
        if (e->kind == BLE_GATT_K_AT) {
            it->next = e->handle;
            continue;
        }
        if (it->next == 0 || it->next > 0xFFFF)
            return 0;
        it->h = (uint16_t)it->next;
        it->next++;
        it->cur = e;
        if (e->kind == BLE_GATT_K_PRIMARY || e->kind == BLE_GATT_K_SECONDARY) {
            it->props = 0;
            it->value_h = 0;
        } else if (e->kind == BLE_GATT_K_CHRC) {
            it->props = e->props;
            it->value_h = 0;
        } else if (e->kind == BLE_GATT_K_VALUE) {
            it->value_h = it->h;
        } else if (e->kind == BLE_GATT_K_CCCD) {
            it->cccd = it->cccds++;
        }
        return 1;
    }
    return 0;
}

/* Positions it on the attribute with handle h: 1, or 0 when none. */
static int ble_gatt_find_(struct ble_gatt_it_ *it, const struct ble_gatt_attr *a, size_t n, uint16_t h)
{
    ble_gatt_it_init_(it, a, n);
    while (ble_gatt_it_next_(it)) {
        if (it->h == h)
            return 1;
        if (it->h > h)
            return 0;
    }
    return 0;
}

static int ble_gatt_is_service_(const struct ble_gatt_attr *e)
{
    return e->kind == BLE_GATT_K_PRIMARY || e->kind == BLE_GATT_K_SECONDARY;
}

/* The last handle of the group that starts at it (a service). */
static uint16_t ble_gatt_group_end_(const struct ble_gatt_it_ *at)
{
    struct ble_gatt_it_ it = *at;
    uint16_t end = at->h;
    while (ble_gatt_it_next_(&it) && !ble_gatt_is_service_(it.cur))
        end = it.h;
    return end;
}

/* The attribute type (3.1 - 3.3). */
static struct ble_uuid ble_gatt_type_(const struct ble_gatt_attr *e)
{
    struct ble_uuid u;
    switch (e->kind) {
    case BLE_GATT_K_PRIMARY: return ble_uuid16(BLE_GATT_UUID_PRIMARY_SERVICE);
    case BLE_GATT_K_SECONDARY: return ble_uuid16(BLE_GATT_UUID_SECONDARY_SERVICE);
    case BLE_GATT_K_INCLUDE: return ble_uuid16(BLE_GATT_UUID_INCLUDE);
    case BLE_GATT_K_CHRC: return ble_uuid16(BLE_GATT_UUID_CHARACTERISTIC);
    default: break;
    }
    if (e->uuid128)
        ble_uuid_from_le(&u, e->uuid128, 16);
    else
        u = ble_uuid16(e->uuid16);
    return u;
}

/* The UUID the entry carries (a service's, a characteristic's) as ATT sends it. */
static size_t ble_gatt_uuid_wire_(const struct ble_gatt_attr *e, uint8_t *out)
{
    if (e->uuid128) {
        ble_memcpy(out, e->uuid128, 16);
        return 16;
    }
    ble_put_le16(out, e->uuid16);
    return 2;
}

BLE_DEF uint16_t ble_gatt_db_handle(const struct ble_gatt_attr *attrs, size_t n, size_t i)
{
    struct ble_gatt_it_ it;
    ble_gatt_it_init_(&it, attrs, n);
    while (ble_gatt_it_next_(&it))
        if (it.i - 1 == i)
            return it.h;
    return 0;
}

BLE_DEF int ble_gatt_db_check(const struct ble_gatt_attr *attrs, size_t n, size_t *cccds)
{
    struct ble_gatt_it_ it;
    uint32_t prev = 0;
    size_t i, count = 0;
    int in_chrc = 0, first = 1;
    if (!attrs && n)
        return BLE_ERR_PARAM;
    /* every handle increases and fits: check the raw sequence first */
    {
        uint32_t next = 1;
        for (i = 0; i < n; i++) {
            if (attrs[i].kind == BLE_GATT_K_AT) {
                next = attrs[i].handle;
                continue;
            }
            if (attrs[i].kind > BLE_GATT_K_AT || next <= prev || next > 0xFFFF)
                return BLE_ERR_MALFORMED;
            prev = next++;
        }
    }
    ble_gatt_it_init_(&it, attrs, n);
    while (ble_gatt_it_next_(&it)) {
        const struct ble_gatt_attr *e = it.cur;
        if (first && !ble_gatt_is_service_(e))
            return BLE_ERR_MALFORMED;
        first = 0;
        switch (e->kind) {
        case BLE_GATT_K_PRIMARY:
        case BLE_GATT_K_SECONDARY:
            if (in_chrc == 2)
                return BLE_ERR_MALFORMED;
            in_chrc = 0;
            break;
        case BLE_GATT_K_INCLUDE: {
            struct ble_gatt_it_ t;
            if (in_chrc || !ble_gatt_find_(&t, attrs, n, e->id) || !ble_gatt_is_service_(t.cur))
                return BLE_ERR_MALFORMED;
            break;
        }
        case BLE_GATT_K_CHRC: {
            /* 3.3.2: the value declaration follows, with the same UUID */
            struct ble_gatt_it_ t = it;
            const struct ble_gatt_attr *v;
            if (!ble_gatt_it_next_(&t) || t.cur->kind != BLE_GATT_K_VALUE)
                return BLE_ERR_MALFORMED;
            v = t.cur;
            if ((!e->uuid128) != (!v->uuid128) || (e->uuid128 && ble_memneq(e->uuid128, v->uuid128, 16)) ||
                (!e->uuid128 && e->uuid16 != v->uuid16))
                return BLE_ERR_MALFORMED;
            in_chrc = 2;
            break;
        }
        case BLE_GATT_K_VALUE:
            if (in_chrc != 2)
                return BLE_ERR_MALFORMED;
            in_chrc = 1;
            break;
        case BLE_GATT_K_CCCD:
            count++;
            /* fall through */
        default:
            if (in_chrc != 1)
                return BLE_ERR_MALFORMED;
            break;
        }
        if (e->src == BLE_GATT_SRC_CONST && e->len && !e->data)
            return BLE_ERR_MALFORMED;
        if (e->src == BLE_GATT_SRC_RAM && (!e->ram || (e->ram->cap && !e->ram->p) || e->ram->len > e->ram->cap))
            return BLE_ERR_MALFORMED;
        if (e->src > BLE_GATT_SRC_CSF)
            return BLE_ERR_MALFORMED;
    }
    if (cccds)
        *cccds = count;
    return BLE_OK;
}

/* ---- Server internals ---- */

#define BLE_GATT_HOOK_ (-100) /* a value the caller must give (async) */

static uint8_t *ble_gatt_req_(struct ble_gatt_srv *s) { return s->cfg.buf; }
static uint8_t *ble_gatt_rsp_(struct ble_gatt_srv *s) { return s->cfg.buf + s->cfg.mtu_max; }
static uint8_t *ble_gatt_out_(struct ble_gatt_srv *s) { return s->cfg.buf + 2u * s->cfg.mtu_max; }

static void ble_gatt_ev_(struct ble_gatt_srv *s, uint8_t type, uint8_t op, uint16_t handle, uint16_t id,
                         uint16_t value, struct ble_view data)
{
    struct ble_gatt_srv_event ev;
    ble_memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.opcode = op;
    ev.handle = handle;
    ev.id = id;
    ev.value = value;
    ev.data = data;
    if (ble_queue_push(&s->evq, &ev) != BLE_OK)
        s->stats.events_dropped++;
}

/* An Error Response (F 3.4.1.1) as the answer to the request being served. */
static void ble_gatt_err_(struct ble_gatt_srv *s, uint8_t op, uint16_t handle, uint8_t code)
{
    uint8_t *r = ble_gatt_rsp_(s);
    r[0] = BLE_ATT_ERROR_RSP;
    r[1] = op;
    ble_put_le16(r + 2, handle);
    r[4] = code;
    s->rsp_len = 5;
    s->rsp_ready = 1;
    s->waiting = 0;
}

static void ble_gatt_done_(struct ble_gatt_srv *s, size_t len)
{
    s->rsp_len = (uint16_t)len;
    s->rsp_ready = 1;
    s->waiting = 0;
}

/* Security needed by perms for one direction (F 3.2.5; C 10.2.1): 0 or an ATT
 * error. Unencrypted with encryption needed: Insufficient Encryption when
 * unauthenticated encryption would do, Insufficient Authentication when
 * authentication is needed; too weak a key: Encryption Key Size Too Short. */
static uint8_t ble_gatt_sec_(const struct ble_gatt_srv *s, uint16_t perms, int write)
{
    uint16_t enc = write ? 0x0040 : 0x0004, authen = write ? 0x0080 : 0x0008;
    uint16_t sc = write ? 0x0100 : 0x0010, author = write ? 0x0200 : 0x0020;
    unsigned need = (perms & sc) ? 4 : (perms & authen) ? 3 : (perms & enc) ? 2 : 1;
    if (need > s->sec_level)
        return (need == 2 && s->sec_level < 2) ? (uint8_t)BLE_ATT_ERR_INSUFFICIENT_ENCRYPTION
                                               : (uint8_t)BLE_ATT_ERR_INSUFFICIENT_AUTHENTICATION;
    if (need >= 2 && (perms & BLE_GATT_PERM_KEY16) && s->key_size < 16)
        return BLE_ATT_ERR_ENCRYPTION_KEY_SIZE_TOO_SHORT;
    if ((perms & author) && !s->authorized)
        return BLE_ATT_ERR_INSUFFICIENT_AUTHORIZATION;
    return 0;
}

/* May this connection read (write) the attribute: 0 or an ATT error. */
static uint8_t ble_gatt_access_(const struct ble_gatt_srv *s, const struct ble_gatt_attr *e, int write)
{
    switch (e->kind) {
    case BLE_GATT_K_PRIMARY:
    case BLE_GATT_K_SECONDARY:
    case BLE_GATT_K_INCLUDE:
    case BLE_GATT_K_CHRC: /* declarations: readable, never writable, no security (3.1-3.3) */
        return write ? (uint8_t)BLE_ATT_ERR_WRITE_NOT_PERMITTED : 0;
    default:
        break;
    }
    if (!(e->perms & (write ? BLE_GATT_PERM_WRITE : BLE_GATT_PERM_READ)))
        return write ? BLE_ATT_ERR_WRITE_NOT_PERMITTED : BLE_ATT_ERR_READ_NOT_PERMITTED;
    if (write && (e->src == BLE_GATT_SRC_CONST || e->src == BLE_GATT_SRC_NONE || e->src == BLE_GATT_SRC_HASH) &&
        e->kind != BLE_GATT_K_CCCD)
        return BLE_ATT_ERR_WRITE_NOT_PERMITTED;
    return ble_gatt_sec_(s, e->perms, write);
}

/* The value of a declaration (service, include, characteristic) at it, into
 * x (at most 19 octets): its length; 0 for any other attribute. */
static size_t ble_gatt_decl_value_(const struct ble_gatt_attr *attrs, size_t n, const struct ble_gatt_it_ *it,
                                   uint8_t *x)
{
    const struct ble_gatt_attr *e = it->cur;
    switch (e->kind) {
    case BLE_GATT_K_PRIMARY:
    case BLE_GATT_K_SECONDARY: /* 3.1: the service UUID */
        return ble_gatt_uuid_wire_(e, x);
    case BLE_GATT_K_INCLUDE: { /* 3.2: handle, end group handle, a 16-bit UUID only */
        struct ble_gatt_it_ t;
        if (!ble_gatt_find_(&t, attrs, n, e->id))
            return 0;
        ble_put_le16(x, t.h);
        ble_put_le16(x + 2, ble_gatt_group_end_(&t));
        if (t.cur->uuid128)
            return 4;
        ble_put_le16(x + 4, t.cur->uuid16);
        return 6;
    }
    case BLE_GATT_K_CHRC: { /* 3.3.1: properties, value handle, UUID */
        struct ble_gatt_it_ t = *it;
        if (!ble_gatt_it_next_(&t))
            return 0;
        x[0] = e->props;
        ble_put_le16(x + 1, t.h);
        return 3 + ble_gatt_uuid_wire_(t.cur, x + 3);
    }
    default:
        return 0;
    }
}

BLE_DEF int ble_gatt_db_hash(const struct ble_gatt_attr *attrs, size_t n, uint8_t hash[16])
{
    static const uint8_t zero_key[16] = {0};
    struct ble_gatt_it_ it;
    struct ble_cmac c;
    uint8_t mac[16];
    unsigned i;
    int rc = ble_gatt_db_check(attrs, n, 0);
    if (rc != BLE_OK)
        return rc;
    /* the one value the hash reads from a source: Extended Properties */
    ble_gatt_it_init_(&it, attrs, n);
    while (ble_gatt_it_next_(&it))
        if (it.cur->kind == BLE_GATT_K_DESC && !it.cur->uuid128 && it.cur->uuid16 == BLE_GATT_UUID_EXT_PROPS &&
            it.cur->src != BLE_GATT_SRC_CONST && it.cur->src != BLE_GATT_SRC_RAM)
            return BLE_ERR_PARAM;
    ble_cmac_init(&c, zero_key);
    ble_gatt_it_init_(&it, attrs, n);
    while (ble_gatt_it_next_(&it)) {
        const struct ble_gatt_attr *e = it.cur;
        uint8_t x[2 + 2 + 19];
        size_t len = 0;
        uint16_t type;
        if (e->kind == BLE_GATT_K_VALUE || (e->kind == BLE_GATT_K_DESC && e->uuid128))
            continue; /* characteristic values and 128-bit-typed descriptors are not hashed */
        switch (e->kind) {
        case BLE_GATT_K_PRIMARY: type = BLE_GATT_UUID_PRIMARY_SERVICE; break;
        case BLE_GATT_K_SECONDARY: type = BLE_GATT_UUID_SECONDARY_SERVICE; break;
        case BLE_GATT_K_INCLUDE: type = BLE_GATT_UUID_INCLUDE; break;
        case BLE_GATT_K_CHRC: type = BLE_GATT_UUID_CHARACTERISTIC; break;
        default: type = e->uuid16; break;
        }
        if (e->kind == BLE_GATT_K_DESC && type != BLE_GATT_UUID_EXT_PROPS && type != BLE_GATT_UUID_USER_DESC &&
            type != BLE_GATT_UUID_CCCD && type != BLE_GATT_UUID_SCCD && type != BLE_GATT_UUID_PRESENTATION_FORMAT &&
            type != BLE_GATT_UUID_AGGREGATE_FORMAT)
            continue;
        ble_put_le16(x, it.h);
        ble_put_le16(x + 2, type);
        if (e->kind != BLE_GATT_K_DESC && e->kind != BLE_GATT_K_CCCD)
            len = ble_gatt_decl_value_(attrs, n, &it, x + 4);
        ble_cmac_update(&c, x, 4 + len);
        if (type == BLE_GATT_UUID_EXT_PROPS) { /* handle, type and value */
            if (e->src == BLE_GATT_SRC_CONST)
                ble_cmac_update(&c, e->data, e->len);
            else
                ble_cmac_update(&c, e->ram->p, e->ram->len);
        }
    }
    ble_cmac_final(&c, mac);
    for (i = 0; i < 16; i++) /* the CMAC's most significant octet goes last (F 3.3.1: little-endian) */
        hash[i] = mac[15 - i];
    return BLE_OK;
}

/* The value of the attribute at it: BLE_OK with *p, *len; BLE_GATT_HOOK_ for
 * a hook. Computed values use s->scratch. */
static int ble_gatt_value_(struct ble_gatt_srv *s, const struct ble_gatt_it_ *it, const uint8_t **p, size_t *len)
{
    const struct ble_gatt_attr *e = it->cur;
    uint8_t *x = s->scratch;
    *p = x;
    *len = 0;
    switch (e->kind) {
    case BLE_GATT_K_PRIMARY:
    case BLE_GATT_K_SECONDARY:
    case BLE_GATT_K_INCLUDE:
    case BLE_GATT_K_CHRC:
        *len = ble_gatt_decl_value_(s->cfg.attrs, s->cfg.n, it, x);
        return BLE_OK;
    case BLE_GATT_K_CCCD:
        ble_put_le16(x, it->cccd < s->cfg.cccd_n ? s->cfg.cccd[it->cccd] : 0);
        *len = 2;
        return BLE_OK;
    default:
        break;
    }
    switch (e->src) {
    case BLE_GATT_SRC_CONST:
        *p = e->data;
        *len = e->len;
        return BLE_OK;
    case BLE_GATT_SRC_RAM:
        *p = e->ram->p;
        *len = e->ram->len;
        return BLE_OK;
    case BLE_GATT_SRC_HOOK:
        return BLE_GATT_HOOK_;
    case BLE_GATT_SRC_HASH:
        if (s->cfg.db_hash)
            *p = s->cfg.db_hash;
        else
            ble_memset(x, 0, 16);
        *len = 16;
        if (!s->aware)
            s->aware_next = 1; /* G 2.5.2.1: change-aware from the next request */
        return BLE_OK;
    case BLE_GATT_SRC_CSF:
        x[0] = s->csf;
        *len = 1;
        return BLE_OK;
    default:
        return BLE_OK;
    }
}

/* Fixed-length values (in the table, or computed): Read Blob may answer
 * Attribute Not Long for them (F 3.4.4.5). */
static int ble_gatt_fixed_(const struct ble_gatt_attr *e)
{
    if (e->kind != BLE_GATT_K_VALUE && e->kind != BLE_GATT_K_DESC)
        return 1; /* declarations and CCCDs */
    return e->src == BLE_GATT_SRC_CONST || e->src == BLE_GATT_SRC_HASH || e->src == BLE_GATT_SRC_CSF;
}

/* Starts a hook read or write: the event, and waiting for the reply. */
static void ble_gatt_hook_(struct ble_gatt_srv *s, uint8_t type, const struct ble_gatt_it_ *it, uint16_t offset,
                           struct ble_view data)
{
    struct ble_gatt_srv_event ev;
    if (++s->token_next == 0)
        s->token_next = 1;
    s->token = s->token_next;
    s->waiting = 1;
    s->cur_handle = it->h;
    ble_memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.opcode = s->req_op;
    ev.handle = it->h;
    ev.id = it->cur->id;
    ev.token = s->token;
    ev.offset = offset;
    ev.data = data;
    if (ble_queue_push(&s->evq, &ev) != BLE_OK) {
        /* nobody will answer: the request fails now rather than hang */
        s->stats.events_dropped++;
        ble_gatt_err_(s, s->req_op, it->h, BLE_ATT_ERR_UNLIKELY_ERROR);
    }
}

/* Validates (apply 0) or performs (apply 1) a write of data at offset to the
 * attribute at it, access already checked: 0 or an ATT error. Hooks are the
 * caller's: only their length is checked here. A write at an offset leaves
 * the value offset + len octets long. */
static uint8_t ble_gatt_write_(struct ble_gatt_srv *s, const struct ble_gatt_it_ *it, uint16_t offset,
                               const uint8_t *data, size_t len, int apply)
{
    const struct ble_gatt_attr *e = it->cur;
    if (e->kind == BLE_GATT_K_CCCD) {
        /* G 3.3.3.3: two octets, bit 0 notifications, bit 1 indications, each
         * only where the characteristic's properties allow it */
        uint16_t v, allowed = (uint16_t)(((it->props & BLE_GATT_PROP_NOTIFY) ? 1u : 0u) |
                                         ((it->props & BLE_GATT_PROP_INDICATE) ? 2u : 0u));
        if (offset)
            return offset > 2 ? BLE_ATT_ERR_INVALID_OFFSET : BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
        if (len != 2)
            return BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
        v = ble_get_le16(data);
        if (v & ~allowed)
            return BLE_ATT_ERR_VALUE_NOT_ALLOWED;
        if (apply && it->cccd < s->cfg.cccd_n) {
            s->cfg.cccd[it->cccd] = v;
            ble_gatt_ev_(s, BLE_GATT_SRV_EV_CCCD, s->req_op, it->value_h, e->id, v, ble_view_make(0, 0));
        }
        return 0;
    }
    switch (e->src) {
    case BLE_GATT_SRC_RAM: {
        struct ble_gatt_buf *b = e->ram;
        if (offset > b->len)
            return BLE_ATT_ERR_INVALID_OFFSET;
        if ((size_t)offset + len > b->cap)
            return BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
        if (apply) {
            ble_memcpy(b->p + offset, data, len);
            b->len = (uint16_t)(offset + len);
            ble_gatt_ev_(s, BLE_GATT_SRV_EV_WRITTEN, s->req_op, it->h, e->id, 0,
                         ble_view_make(b->p + offset, len));
        }
        return 0;
    }
    case BLE_GATT_SRC_HOOK:
        if ((size_t)offset + len > (e->len ? e->len : BLE_ATT_VALUE_MAX))
            return BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
        return 0;
    case BLE_GATT_SRC_CSF: {
        /* G 7.2: a client may not clear a bit it has set; bits the server
         * does not know are not kept */
        uint8_t v;
        if (offset)
            return BLE_ATT_ERR_INVALID_OFFSET;
        if (len < 1)
            return BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
        v = (uint8_t)(data[0] & (BLE_GATT_CSF_ROBUST_CACHING | BLE_GATT_CSF_EATT | BLE_GATT_CSF_MULTI_NTF));
        if (s->csf & ~v)
            return BLE_ATT_ERR_VALUE_NOT_ALLOWED;
        if (apply && v != s->csf) {
            s->csf = v;
            ble_gatt_ev_(s, BLE_GATT_SRV_EV_CLIENT_FEATURES, s->req_op, it->h, e->id, v, ble_view_make(0, 0));
        }
        return 0;
    }
    default:
        return BLE_ATT_ERR_WRITE_NOT_PERMITTED;
    }
}

/* A handle range of a request (F 3.4.3.1 ...): 0 when valid, else Invalid
 * Handle (reported with the starting handle). */
static int ble_gatt_range_ok_(uint16_t start, uint16_t end)
{
    return start != 0 && start <= end;
}

/* ---- The requests (Vol 3 Part F 3.4) ---- */

/* 3.4.2: Exchange MTU */
static void ble_gatt_mtu_(struct ble_gatt_srv *s, uint16_t client)
{
    uint8_t *r = ble_gatt_rsp_(s);
    r[0] = BLE_ATT_EXCHANGE_MTU_RSP;
    ble_put_le16(r + 1, s->cfg.mtu_max);
    ble_gatt_done_(s, 3);
    if (s->mtu_done) {
        s->stats.repeated_mtu++; /* sent once per connection (3.4.2.1): the first one holds */
        return;
    }
    s->mtu_done = 1;
    if (client < BLE_ATT_MTU_MIN)
        client = BLE_ATT_MTU_MIN;
    s->mtu = client < s->cfg.mtu_max ? client : s->cfg.mtu_max;
    ble_gatt_ev_(s, BLE_GATT_SRV_EV_MTU, BLE_ATT_EXCHANGE_MTU_REQ, 0, 0, s->mtu, ble_view_make(0, 0));
}

/* 3.4.3.1: Find Information: handle-UUID pairs of one UUID size */
static void ble_gatt_find_info_(struct ble_gatt_srv *s, uint16_t start, uint16_t end)
{
    struct ble_gatt_it_ it;
    uint8_t *r = ble_gatt_rsp_(s);
    size_t pos = 2, elem = 0;
    ble_gatt_it_init_(&it, s->cfg.attrs, s->cfg.n);
    while (ble_gatt_it_next_(&it) && it.h <= end) {
        struct ble_uuid u;
        uint8_t w[16];
        size_t ulen;
        if (it.h < start)
            continue;
        u = ble_gatt_type_(it.cur);
        ulen = (size_t)ble_att_uuid_wire(&u, w);
        if (!elem)
            elem = ulen + 2;
        if (ulen + 2 != elem || pos + elem > s->mtu)
            break;
        ble_put_le16(r + pos, it.h);
        ble_memcpy(r + pos + 2, w, ulen);
        pos += elem;
    }
    if (!elem) {
        ble_gatt_err_(s, BLE_ATT_FIND_INFORMATION_REQ, start, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND);
        return;
    }
    r[0] = BLE_ATT_FIND_INFORMATION_RSP;
    r[1] = elem == 4 ? BLE_ATT_FORMAT_UUID16 : BLE_ATT_FORMAT_UUID128;
    ble_gatt_done_(s, pos);
}

/* 3.4.3.3: Find By Type Value: handles and group ends of attributes of a
 * 16-bit type whose value matches (hook values are not compared) */
static void ble_gatt_find_by_type_(struct ble_gatt_srv *s, const struct ble_att_find_by_type_value_req *q)
{
    struct ble_gatt_it_ it;
    uint8_t *r = ble_gatt_rsp_(s);
    size_t pos = 1;
    struct ble_uuid want = ble_uuid16(q->attribute_type);
    ble_gatt_it_init_(&it, s->cfg.attrs, s->cfg.n);
    while (ble_gatt_it_next_(&it) && it.h <= q->ending_handle) {
        struct ble_uuid t;
        const uint8_t *p;
        size_t len;
        if (it.h < q->starting_handle)
            continue;
        t = ble_gatt_type_(it.cur);
        if (!ble_uuid_eq(&t, &want) || ble_gatt_access_(s, it.cur, 0))
            continue;
        if (ble_gatt_value_(s, &it, &p, &len) != BLE_OK || len != q->attribute_value.len ||
            (len && ble_memneq(p, q->attribute_value.p, len)))
            continue;
        if (pos + 4 > s->mtu)
            break;
        ble_put_le16(r + pos, it.h);
        ble_put_le16(r + pos + 2, ble_gatt_is_service_(it.cur) ? ble_gatt_group_end_(&it) : it.h);
        pos += 4;
    }
    if (pos == 1) {
        ble_gatt_err_(s, BLE_ATT_FIND_BY_TYPE_VALUE_REQ, q->starting_handle, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND);
        return;
    }
    r[0] = BLE_ATT_FIND_BY_TYPE_VALUE_RSP;
    ble_gatt_done_(s, pos);
}

/* 3.4.4.1: Read By Type: handle-value pairs of one length, each value cut to
 * min(ATT_MTU - 4, 253) octets; an error on the first match is the answer, a
 * later one ends the list */
static void ble_gatt_read_by_type_(struct ble_gatt_srv *s, uint16_t start, uint16_t end, const struct ble_uuid *want)
{
    struct ble_gatt_it_ it;
    uint8_t *r = ble_gatt_rsp_(s);
    size_t pos = 2, elem = 0, cut = (size_t)s->mtu - 4 < 253 ? (size_t)s->mtu - 4 : 253;
    ble_gatt_it_init_(&it, s->cfg.attrs, s->cfg.n);
    while (ble_gatt_it_next_(&it) && it.h <= end) {
        struct ble_uuid t;
        const uint8_t *p;
        size_t len;
        uint8_t err;
        int rc;
        if (it.h < start)
            continue;
        t = ble_gatt_type_(it.cur);
        if (!ble_uuid_eq(&t, want))
            continue;
        err = ble_gatt_access_(s, it.cur, 0);
        if (err) {
            if (!elem)
                ble_gatt_err_(s, BLE_ATT_READ_BY_TYPE_REQ, it.h, err);
            break;
        }
        rc = ble_gatt_value_(s, &it, &p, &len);
        if (rc == BLE_GATT_HOOK_) {
            if (!elem) /* the answer is this one value, when the caller gives it */
                ble_gatt_hook_(s, BLE_GATT_SRV_EV_READ_REQ, &it, 0, ble_view_make(0, 0));
            break;
        }
        if (len > cut)
            len = cut;
        if (!elem)
            elem = len + 2;
        if (len + 2 != elem || pos + elem > s->mtu)
            break;
        ble_put_le16(r + pos, it.h);
        ble_memcpy(r + pos + 2, p, len);
        pos += elem;
    }
    if (s->rsp_ready || s->waiting)
        return;
    if (!elem) {
        ble_gatt_err_(s, BLE_ATT_READ_BY_TYPE_REQ, start, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND);
        return;
    }
    r[0] = BLE_ATT_READ_BY_TYPE_RSP;
    r[1] = (uint8_t)elem;
    ble_gatt_done_(s, pos);
}

/* 3.4.4.9: Read By Group Type: primary or secondary services only */
static void ble_gatt_read_by_group_(struct ble_gatt_srv *s, uint16_t start, uint16_t end, const struct ble_uuid *want)
{
    struct ble_gatt_it_ it;
    uint8_t *r = ble_gatt_rsp_(s);
    size_t pos = 2, elem = 0;
    struct ble_uuid prim = ble_uuid16(BLE_GATT_UUID_PRIMARY_SERVICE);
    struct ble_uuid sec = ble_uuid16(BLE_GATT_UUID_SECONDARY_SERVICE);
    if (!ble_uuid_eq(want, &prim) && !ble_uuid_eq(want, &sec)) {
        ble_gatt_err_(s, BLE_ATT_READ_BY_GROUP_TYPE_REQ, start, BLE_ATT_ERR_UNSUPPORTED_GROUP_TYPE);
        return;
    }
    ble_gatt_it_init_(&it, s->cfg.attrs, s->cfg.n);
    while (ble_gatt_it_next_(&it) && it.h <= end) {
        struct ble_uuid t;
        uint8_t w[16];
        size_t len;
        if (it.h < start)
            continue;
        t = ble_gatt_type_(it.cur);
        if (!ble_uuid_eq(&t, want))
            continue;
        len = ble_gatt_uuid_wire_(it.cur, w);
        if (!elem)
            elem = len + 4;
        if (len + 4 != elem || pos + elem > s->mtu)
            break;
        ble_put_le16(r + pos, it.h);
        ble_put_le16(r + pos + 2, ble_gatt_group_end_(&it));
        ble_memcpy(r + pos + 4, w, len);
        pos += elem;
    }
    if (!elem) {
        ble_gatt_err_(s, BLE_ATT_READ_BY_GROUP_TYPE_REQ, start, BLE_ATT_ERR_ATTRIBUTE_NOT_FOUND);
        return;
    }
    r[0] = BLE_ATT_READ_BY_GROUP_TYPE_RSP;
    r[1] = (uint8_t)elem;
    ble_gatt_done_(s, pos);
}

/* 3.4.4.3, 3.4.4.5: Read and Read Blob */
static void ble_gatt_read_(struct ble_gatt_srv *s, uint8_t op, uint16_t h, uint16_t offset)
{
    struct ble_gatt_it_ it;
    uint8_t *r = ble_gatt_rsp_(s);
    const uint8_t *p;
    size_t len, room = (size_t)s->mtu - 1;
    uint8_t err;
    if (!ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, h)) {
        ble_gatt_err_(s, op, h, BLE_ATT_ERR_INVALID_HANDLE);
        return;
    }
    err = ble_gatt_access_(s, it.cur, 0);
    if (err) {
        ble_gatt_err_(s, op, h, err);
        return;
    }
    if (ble_gatt_value_(s, &it, &p, &len) == BLE_GATT_HOOK_) {
        ble_gatt_hook_(s, BLE_GATT_SRV_EV_READ_REQ, &it, offset, ble_view_make(0, 0));
        return;
    }
    if (op == BLE_ATT_READ_BLOB_REQ) {
        if (offset > len) {
            ble_gatt_err_(s, op, h, BLE_ATT_ERR_INVALID_OFFSET);
            return;
        }
        if (ble_gatt_fixed_(it.cur) && len <= (size_t)s->mtu - 3) {
            ble_gatt_err_(s, op, h, BLE_ATT_ERR_ATTRIBUTE_NOT_LONG);
            return;
        }
        p += offset;
        len -= offset;
    }
    if (len > room)
        len = room;
    r[0] = (uint8_t)(op + 1);
    ble_memcpy(r + 1, p, len);
    ble_gatt_done_(s, 1 + len);
}

/* Appends one value to a Read Multiple (3.4.4.7: values cut at ATT_MTU) or
 * Read Multiple Variable (3.4.4.11: length and value, the last cut) response. */
static void ble_gatt_multi_add_(struct ble_gatt_srv *s, const uint8_t *p, size_t len)
{
    uint8_t *r = ble_gatt_rsp_(s);
    size_t room = s->mtu - s->rsp_len;
    if (s->req_op == BLE_ATT_READ_MULTIPLE_VARIABLE_REQ) {
        if (room < 2)
            return;
        ble_put_le16(r + s->rsp_len, (uint16_t)(len > 0xFFFF ? 0xFFFF : len));
        s->rsp_len += 2;
        room -= 2;
    }
    if (len > room)
        len = room;
    ble_memcpy(r + s->rsp_len, p, len);
    s->rsp_len = (uint16_t)(s->rsp_len + len);
}

/* Read Multiple (Variable) from handle s->cont on; stops at a hook. */
static void ble_gatt_multi_run_(struct ble_gatt_srv *s)
{
    const uint8_t *list = ble_gatt_req_(s) + 1;
    size_t n = ((size_t)s->req_len - 1) / 2;
    for (; s->cont < n; s->cont++) {
        struct ble_gatt_it_ it;
        uint16_t h = ble_get_le16(list + 2u * s->cont);
        const uint8_t *p;
        size_t len;
        uint8_t err;
        if (!ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, h)) {
            ble_gatt_err_(s, s->req_op, h, BLE_ATT_ERR_INVALID_HANDLE);
            return;
        }
        err = ble_gatt_access_(s, it.cur, 0);
        if (err) {
            ble_gatt_err_(s, s->req_op, h, err);
            return;
        }
        if (ble_gatt_value_(s, &it, &p, &len) == BLE_GATT_HOOK_) {
            if (s->rsp_len >= s->mtu)
                continue; /* the response is full: the value would not be sent */
            ble_gatt_hook_(s, BLE_GATT_SRV_EV_READ_REQ, &it, 0, ble_view_make(0, 0));
            return;
        }
        ble_gatt_multi_add_(s, p, len);
    }
    ble_gatt_rsp_(s)[0] = (uint8_t)(s->req_op + 1);
    ble_gatt_done_(s, s->rsp_len);
}

/* 3.4.5.1, 3.4.5.3, 3.4.5.4: Write Request, Write Command, Signed Write */
static void ble_gatt_write_req_(struct ble_gatt_srv *s, uint8_t op, uint16_t h, struct ble_view v)
{
    struct ble_gatt_it_ it;
    int cmd = op != BLE_ATT_WRITE_REQ;
    uint8_t err = 0;
    if (!ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, h))
        err = BLE_ATT_ERR_INVALID_HANDLE;
    else if (cmd && it.cur->kind == BLE_GATT_K_VALUE &&
             !(it.cur->props & (op == BLE_ATT_WRITE_CMD ? BLE_GATT_PROP_WRITE_NO_RSP : BLE_GATT_PROP_SIGNED_WRITE)))
        err = BLE_ATT_ERR_WRITE_NOT_PERMITTED;
    if (!err)
        err = ble_gatt_access_(s, it.cur, 1);
    if (!err)
        err = ble_gatt_write_(s, &it, 0, v.p, v.len, 0);
    if (!err && it.cur->src == BLE_GATT_SRC_HOOK && it.cur->kind != BLE_GATT_K_CCCD) {
        /* the value is in the request copy; the event's view stays valid */
        struct ble_view d = ble_view_make(v.len ? ble_gatt_req_(s) + 3 : 0, v.len);
        if (cmd) {
            struct ble_gatt_srv_event ev;
            ble_memset(&ev, 0, sizeof ev);
            ev.type = BLE_GATT_SRV_EV_WRITE_REQ;
            ev.opcode = op;
            ev.handle = h;
            ev.id = it.cur->id;
            ev.data = d;
            if (ble_queue_push(&s->evq, &ev) != BLE_OK)
                s->stats.events_dropped++;
            return;
        }
        ble_gatt_hook_(s, BLE_GATT_SRV_EV_WRITE_REQ, &it, 0, d);
        return;
    }
    if (!err)
        ble_gatt_write_(s, &it, 0, v.p, v.len, 1);
    if (cmd) {
        if (err)
            s->stats.ignored_commands++; /* 3.4.5.3: no response, whatever happens */
        return;
    }
    if (err) {
        ble_gatt_err_(s, op, h, err);
        return;
    }
    ble_gatt_rsp_(s)[0] = BLE_ATT_WRITE_RSP;
    ble_gatt_done_(s, 1);
}

/* 3.4.6.1: Prepare Write: access now, offsets and lengths at execute */
static void ble_gatt_prepare_(struct ble_gatt_srv *s, const struct ble_att_prepare_write_req *q)
{
    struct ble_gatt_it_ it;
    struct ble_gatt_srv_prep *e;
    uint8_t *r = ble_gatt_rsp_(s);
    uint8_t err;
    size_t len = q->part_attribute_value.len;
    if (!ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, q->attribute_handle)) {
        ble_gatt_err_(s, BLE_ATT_PREPARE_WRITE_REQ, q->attribute_handle, BLE_ATT_ERR_INVALID_HANDLE);
        return;
    }
    err = ble_gatt_access_(s, it.cur, 1);
    if (err) {
        ble_gatt_err_(s, BLE_ATT_PREPARE_WRITE_REQ, q->attribute_handle, err);
        return;
    }
    if (s->prep_count >= s->cfg.prep_n || len > s->cfg.prep_buf_len - s->prep_used) {
        ble_gatt_err_(s, BLE_ATT_PREPARE_WRITE_REQ, q->attribute_handle, BLE_ATT_ERR_PREPARE_QUEUE_FULL);
        return;
    }
    e = &s->cfg.prep[s->prep_count++];
    e->handle = q->attribute_handle;
    e->offset = q->value_offset;
    e->len = (uint16_t)len;
    e->pos = (uint16_t)s->prep_used;
    ble_memcpy(s->cfg.prep_buf + s->prep_used, q->part_attribute_value.p, len);
    s->prep_used += len;
    /* 3.4.6.2: the response echoes the request */
    ble_memcpy(r, ble_gatt_req_(s), s->req_len);
    r[0] = BLE_ATT_PREPARE_WRITE_RSP;
    ble_gatt_done_(s, s->req_len);
}

static void ble_gatt_prep_clear_(struct ble_gatt_srv *s)
{
    s->prep_count = 0;
    s->prep_used = 0;
}

/* Checks every queued write in order, as if applied: each offset against the
 * length the earlier ones left, each end against the capacity. 0, or the
 * error with *bad the handle. */
static uint8_t ble_gatt_exec_check_(struct ble_gatt_srv *s, uint16_t *bad)
{
    size_t k, j;
    for (k = 0; k < s->prep_count; k++) {
        const struct ble_gatt_srv_prep *e = &s->cfg.prep[k];
        struct ble_gatt_it_ it;
        uint8_t err;
        *bad = e->handle;
        if (!ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, e->handle))
            return BLE_ATT_ERR_INVALID_HANDLE; /* the database changed under the queue */
        if (it.cur->src == BLE_GATT_SRC_RAM && it.cur->kind != BLE_GATT_K_CCCD) {
            /* the length this value has after the earlier queued writes */
            size_t cur = it.cur->ram->len;
            for (j = 0; j < k; j++)
                if (s->cfg.prep[j].handle == e->handle)
                    cur = (size_t)s->cfg.prep[j].offset + s->cfg.prep[j].len;
            if (e->offset > cur)
                return BLE_ATT_ERR_INVALID_OFFSET;
            if ((size_t)e->offset + e->len > it.cur->ram->cap)
                return BLE_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
            continue;
        }
        err = ble_gatt_write_(s, &it, e->offset, s->cfg.prep_buf + e->pos, e->len, 0);
        if (err)
            return err;
    }
    return 0;
}

/* Execute from queue entry s->cont on: hooks one by one (each awaits its
 * reply), then every other value at once. */
static void ble_gatt_exec_run_(struct ble_gatt_srv *s)
{
    size_t k;
    for (; s->cont < s->prep_count; s->cont++) {
        const struct ble_gatt_srv_prep *e = &s->cfg.prep[s->cont];
        struct ble_gatt_it_ it;
        if (ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, e->handle) && it.cur->src == BLE_GATT_SRC_HOOK &&
            it.cur->kind != BLE_GATT_K_CCCD) {
            ble_gatt_hook_(s, BLE_GATT_SRV_EV_WRITE_REQ, &it, e->offset,
                           ble_view_make(e->len ? s->cfg.prep_buf + e->pos : 0, e->len));
            s->cont++;
            return;
        }
    }
    for (k = 0; k < s->prep_count; k++) {
        const struct ble_gatt_srv_prep *e = &s->cfg.prep[k];
        struct ble_gatt_it_ it;
        if (ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, e->handle) &&
            (it.cur->src != BLE_GATT_SRC_HOOK || it.cur->kind == BLE_GATT_K_CCCD))
            ble_gatt_write_(s, &it, e->offset, s->cfg.prep_buf + e->pos, e->len, 1);
    }
    ble_gatt_prep_clear_(s);
    ble_gatt_rsp_(s)[0] = BLE_ATT_EXECUTE_WRITE_RSP;
    ble_gatt_done_(s, 1);
}

/* 3.4.6.3: Execute Write: all or nothing */
static void ble_gatt_execute_(struct ble_gatt_srv *s, uint8_t flags)
{
    uint16_t bad = 0;
    uint8_t err;
    if (flags > BLE_ATT_EXEC_WRITE) {
        ble_gatt_err_(s, BLE_ATT_EXECUTE_WRITE_REQ, 0, BLE_ATT_ERR_INVALID_PDU);
        return;
    }
    if (flags == BLE_ATT_EXEC_CANCEL) {
        ble_gatt_prep_clear_(s);
        ble_gatt_rsp_(s)[0] = BLE_ATT_EXECUTE_WRITE_RSP;
        ble_gatt_done_(s, 1);
        return;
    }
    err = ble_gatt_exec_check_(s, &bad);
    if (err) {
        ble_gatt_prep_clear_(s);
        ble_gatt_err_(s, BLE_ATT_EXECUTE_WRITE_REQ, bad, err);
        return;
    }
    s->cont = 0;
    ble_gatt_exec_run_(s);
}

/* The handle a request names first (for Database Out Of Sync). */
static uint16_t ble_gatt_req_handle_(const uint8_t *pdu, size_t len)
{
    return len >= 3 ? ble_get_le16(pdu + 1) : 0;
}

/* G 2.5.2.1: may this request be served, or is the client change-unaware?
 * 1 to serve. */
static int ble_gatt_robust_(struct ble_gatt_srv *s, const struct ble_att_pdu *q, const uint8_t *pdu, size_t len)
{
    struct ble_uuid u, hash = ble_uuid16(BLE_GATT_UUID_DATABASE_HASH);
    if (s->aware || !(s->csf & BLE_GATT_CSF_ROBUST_CACHING))
        return 1;
    if (s->aware_next) { /* after Database Out Of Sync, or after reading the hash */
        s->aware = 1;
        s->aware_next = 0;
        ble_gatt_ev_(s, BLE_GATT_SRV_EV_CHANGE_AWARE, q->opcode, 0, 0, 0, ble_view_make(0, 0));
        return 1;
    }
    if (q->opcode == BLE_ATT_EXCHANGE_MTU_REQ)
        return 1;
    if (q->opcode == BLE_ATT_READ_BY_TYPE_REQ &&
        ble_att_uuid_from_view(q->p.read_by_type_req.attribute_type, &u) == BLE_OK && ble_uuid_eq(&u, &hash))
        return 1; /* reading the Database Hash is how it catches up */
    ble_gatt_err_(s, q->opcode, ble_gatt_req_handle_(pdu, len), BLE_ATT_ERR_DATABASE_OUT_OF_SYNC);
    s->aware_next = 1;
    return 0;
}

/* ---- Entry points ---- */

BLE_DEF int ble_gatt_srv_init(struct ble_gatt_srv *s, const struct ble_gatt_srv_cfg *cfg)
{
    size_t cccds = 0;
    int rc;
    if (!s || !cfg)
        return BLE_ERR_PARAM;
    rc = ble_gatt_db_check(cfg->attrs, cfg->n, &cccds);
    if (rc)
        return rc;
    if (cfg->mtu_max && (cfg->mtu_max < BLE_ATT_MTU_MIN || cfg->mtu_max > BLE_ATT_VALUE_MAX + 5))
        return BLE_ERR_PARAM;
    ble_memset(s, 0, sizeof *s);
    s->cfg = *cfg;
    if (!s->cfg.mtu_max)
        s->cfg.mtu_max = BLE_ATT_MTU_MIN;
    if (!s->cfg.timeout_ms)
        s->cfg.timeout_ms = BLE_CFG_GATT_TIMEOUT_MS;
    if (!cfg->buf || cfg->buf_len < BLE_GATT_SRV_BUF_SIZE(s->cfg.mtu_max) || cfg->cccd_n < cccds ||
        (cccds && !cfg->cccd) || !cfg->events || !cfg->events_n || (cfg->prep_n && !cfg->prep) ||
        (cfg->prep_buf_len && !cfg->prep_buf))
        return BLE_ERR_NO_SPACE;
    if (cccds)
        ble_memset(cfg->cccd, 0, cccds * sizeof cfg->cccd[0]);
    ble_queue_init(&s->evq, cfg->events, sizeof cfg->events[0], cfg->events_n);
    s->mtu = BLE_ATT_MTU_MIN;
    s->sec_level = BLE_GATT_SEC_NONE;
    s->key_size = 0;
    s->aware = 1;
    s->ind_deadline = BLE_NO_DEADLINE;
    return BLE_OK;
}

BLE_DEF int ble_gatt_srv_on_pdu(struct ble_gatt_srv *s, uint32_t now, const uint8_t *pdu, size_t len)
{
    struct ble_att_pdu q;
    int rc;
    (void)now;
    if (!s || (len && !pdu))
        return BLE_ERR_PARAM;
    if (s->dead) { /* F 3.3.3: no more ATT traffic after a transaction timeout */
        s->stats.after_timeout++;
        return BLE_OK;
    }
    if (len == 0) {
        s->stats.unexpected_pdus++;
        return BLE_OK;
    }
    rc = ble_att_decode(pdu, len, &q);
    if (rc == BLE_ERR_UNKNOWN || ble_att_op_type(pdu[0]) == BLE_ATT_TYPE_UNKNOWN) {
        if (ble_att_op_command_flag(pdu[0])) { /* 3.4.9: unknown commands are ignored */
            s->stats.ignored_commands++;
            return BLE_OK;
        }
        if (s->req_op || s->rsp_ready) {
            s->stats.busy_requests++;
            return BLE_OK;
        }
        s->req_op = pdu[0];
        ble_gatt_err_(s, pdu[0], 0, BLE_ATT_ERR_REQUEST_NOT_SUPPORTED);
        return BLE_OK;
    }
    switch (ble_att_op_type(pdu[0])) {
    case BLE_ATT_TYPE_COMMAND:
        if (rc != BLE_OK || len > s->mtu || (!s->aware && (s->csf & BLE_GATT_CSF_ROBUST_CACHING))) {
            /* malformed, longer than ATT_MTU, or change-unaware (G 2.5.2.1) */
            s->stats.ignored_commands++;
            return BLE_OK;
        }
        if (q.opcode == BLE_ATT_SIGNED_WRITE_CMD &&
            (!s->cfg.verify_signed ||
             !s->cfg.verify_signed(s->cfg.verify_ctx, pdu, len - BLE_ATT_SIGNATURE_LEN, q.auth_signature))) {
            s->stats.bad_signatures++;
            return BLE_OK;
        }
        if (s->req_op && q.p.write_cmd.attribute_value.len) {
            /* the request copy is in use: a hook could not keep the value */
            struct ble_gatt_it_ it;
            if (ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, q.p.write_cmd.attribute_handle) &&
                it.cur->src == BLE_GATT_SRC_HOOK) {
                s->stats.ignored_commands++;
                return BLE_OK;
            }
        } else if (!s->req_op) {
            ble_memcpy(ble_gatt_req_(s), pdu, len);
        }
        {
            uint8_t keep = s->req_op;
            s->req_op = q.opcode;
            ble_gatt_write_req_(s, q.opcode, q.p.write_cmd.attribute_handle, q.p.write_cmd.attribute_value);
            s->req_op = keep;
        }
        return BLE_OK;
    case BLE_ATT_TYPE_CONFIRMATION:
        if (rc != BLE_OK || s->ind_state != 2) {
            s->stats.unexpected_pdus++;
            return BLE_OK;
        }
        s->ind_state = 0;
        s->ind_deadline = BLE_NO_DEADLINE;
        ble_gatt_ev_(s, BLE_GATT_SRV_EV_CONFIRMED, BLE_ATT_HANDLE_VALUE_CFM, s->ind_handle, 0, 0,
                     ble_view_make(0, 0));
        {
            struct ble_gatt_it_ it;
            if (!s->aware && ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, s->ind_handle) &&
                !it.cur->uuid128 && it.cur->uuid16 == BLE_GATT_UUID_SERVICE_CHANGED) {
                s->aware = 1; /* G 2.5.2.1: Service Changed confirmed */
                s->aware_next = 0;
                ble_gatt_ev_(s, BLE_GATT_SRV_EV_CHANGE_AWARE, BLE_ATT_HANDLE_VALUE_CFM, 0, 0, 0,
                             ble_view_make(0, 0));
            }
        }
        return BLE_OK;
    case BLE_ATT_TYPE_REQUEST:
        break;
    default: /* responses and notifications are the client's to receive */
        s->stats.unexpected_pdus++;
        return BLE_OK;
    }
    if (s->req_op || s->rsp_ready) { /* F 3.3.2: one request at a time */
        s->stats.busy_requests++;
        return BLE_OK;
    }
    s->req_op = pdu[0];
    s->rsp_len = 0;
    if (rc != BLE_OK) {
        ble_gatt_err_(s, pdu[0], 0, BLE_ATT_ERR_INVALID_PDU);
        return BLE_OK;
    }
    if (len > s->mtu) {
        /* longer than ATT_MTU: not a PDU the client may send (F 3.2.8) */
        ble_gatt_err_(s, pdu[0], ble_gatt_req_handle_(pdu, len), BLE_ATT_ERR_INVALID_PDU);
        return BLE_OK;
    }
    ble_memcpy(ble_gatt_req_(s), pdu, len);
    s->req_len = (uint16_t)len;
    if (!ble_gatt_robust_(s, &q, pdu, len))
        return BLE_OK;
    switch (q.opcode) {
    case BLE_ATT_EXCHANGE_MTU_REQ:
        ble_gatt_mtu_(s, q.p.exchange_mtu_req.client_rx_mtu);
        break;
    case BLE_ATT_FIND_INFORMATION_REQ: {
        const struct ble_att_find_information_req *p = &q.p.find_information_req;
        if (!ble_gatt_range_ok_(p->starting_handle, p->ending_handle))
            ble_gatt_err_(s, q.opcode, p->starting_handle, BLE_ATT_ERR_INVALID_HANDLE);
        else
            ble_gatt_find_info_(s, p->starting_handle, p->ending_handle);
        break;
    }
    case BLE_ATT_FIND_BY_TYPE_VALUE_REQ: {
        const struct ble_att_find_by_type_value_req *p = &q.p.find_by_type_value_req;
        if (!ble_gatt_range_ok_(p->starting_handle, p->ending_handle))
            ble_gatt_err_(s, q.opcode, p->starting_handle, BLE_ATT_ERR_INVALID_HANDLE);
        else
            ble_gatt_find_by_type_(s, p);
        break;
    }
    case BLE_ATT_READ_BY_TYPE_REQ:
    case BLE_ATT_READ_BY_GROUP_TYPE_REQ: {
        /* the two share their layout: range, then a 2- or 16-octet UUID */
        const struct ble_att_read_by_type_req *p = &q.p.read_by_type_req;
        struct ble_uuid u;
        uint16_t st = p->starting_handle, en = p->ending_handle;
        struct ble_view t = q.opcode == BLE_ATT_READ_BY_TYPE_REQ ? p->attribute_type
                                                                 : q.p.read_by_group_type_req.attribute_group_type;
        if (q.opcode == BLE_ATT_READ_BY_GROUP_TYPE_REQ) {
            st = q.p.read_by_group_type_req.starting_handle;
            en = q.p.read_by_group_type_req.ending_handle;
        }
        ble_att_uuid_from_view(t, &u);
        if (!ble_gatt_range_ok_(st, en))
            ble_gatt_err_(s, q.opcode, st, BLE_ATT_ERR_INVALID_HANDLE);
        else if (q.opcode == BLE_ATT_READ_BY_TYPE_REQ)
            ble_gatt_read_by_type_(s, st, en, &u);
        else
            ble_gatt_read_by_group_(s, st, en, &u);
        break;
    }
    case BLE_ATT_READ_REQ:
        ble_gatt_read_(s, q.opcode, q.p.read_req.attribute_handle, 0);
        break;
    case BLE_ATT_READ_BLOB_REQ:
        ble_gatt_read_(s, q.opcode, q.p.read_blob_req.attribute_handle, q.p.read_blob_req.value_offset);
        break;
    case BLE_ATT_READ_MULTIPLE_REQ:
    case BLE_ATT_READ_MULTIPLE_VARIABLE_REQ:
        s->cont = 0;
        s->rsp_len = 1;
        ble_gatt_multi_run_(s);
        break;
    case BLE_ATT_WRITE_REQ:
        ble_gatt_write_req_(s, q.opcode, q.p.write_req.attribute_handle, q.p.write_req.attribute_value);
        break;
    case BLE_ATT_PREPARE_WRITE_REQ:
        ble_gatt_prepare_(s, &q.p.prepare_write_req);
        break;
    case BLE_ATT_EXECUTE_WRITE_REQ:
        ble_gatt_execute_(s, q.p.execute_write_req.flags);
        break;
    default: /* every request of the table is served above */
        ble_gatt_err_(s, q.opcode, 0, BLE_ATT_ERR_REQUEST_NOT_SUPPORTED);
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_gatt_srv_reply(struct ble_gatt_srv *s, uint32_t now, uint16_t token, uint8_t status,
                               const uint8_t *data, size_t len)
{
    uint8_t *r;
    size_t room;
    (void)now;
    if (!s || !s->waiting || token != s->token || !token || (len && !data))
        return BLE_ERR_NOT_FOUND;
    s->waiting = 0;
    if (s->dead) { /* nothing more goes out on this bearer */
        s->req_op = 0;
        return BLE_OK;
    }
    if (status) {
        if (s->req_op == BLE_ATT_EXECUTE_WRITE_REQ)
            ble_gatt_prep_clear_(s);
        ble_gatt_err_(s, s->req_op, s->cur_handle, status);
        return BLE_OK;
    }
    r = ble_gatt_rsp_(s);
    room = (size_t)s->mtu - 1;
    switch (s->req_op) {
    case BLE_ATT_READ_REQ:
    case BLE_ATT_READ_BLOB_REQ:
        if (len > room)
            len = room;
        r[0] = (uint8_t)(s->req_op + 1);
        ble_memcpy(r + 1, data, len);
        ble_gatt_done_(s, 1 + len);
        break;
    case BLE_ATT_READ_BY_TYPE_REQ: {
        size_t cut = (size_t)s->mtu - 4 < 253 ? (size_t)s->mtu - 4 : 253;
        if (len > cut)
            len = cut;
        r[0] = BLE_ATT_READ_BY_TYPE_RSP;
        r[1] = (uint8_t)(len + 2);
        ble_put_le16(r + 2, s->cur_handle);
        ble_memcpy(r + 4, data, len);
        ble_gatt_done_(s, 4 + len);
        break;
    }
    case BLE_ATT_READ_MULTIPLE_REQ:
    case BLE_ATT_READ_MULTIPLE_VARIABLE_REQ:
        ble_gatt_multi_add_(s, data, len);
        s->cont++;
        ble_gatt_multi_run_(s);
        break;
    case BLE_ATT_WRITE_REQ:
        r[0] = BLE_ATT_WRITE_RSP;
        ble_gatt_done_(s, 1);
        break;
    case BLE_ATT_EXECUTE_WRITE_REQ:
        ble_gatt_exec_run_(s);
        break;
    default:
        s->req_op = 0;
        break;
    }
    return BLE_OK;
}

BLE_DEF int ble_gatt_srv_poll_tx(struct ble_gatt_srv *s, uint8_t *buf, size_t cap)
{
    if (!s || (cap && !buf))
        return BLE_ERR_PARAM;
    if (s->dead)
        return BLE_ERR_AGAIN;
    if (s->rsp_ready) {
        if (cap < s->rsp_len)
            return BLE_ERR_NO_SPACE;
        ble_memcpy(buf, ble_gatt_rsp_(s), s->rsp_len);
        s->rsp_ready = 0;
        s->req_op = 0;
        return s->rsp_len;
    }
    if (s->out_len) {
        int n = s->out_len;
        if (cap < s->out_len)
            return BLE_ERR_NO_SPACE;
        ble_memcpy(buf, ble_gatt_out_(s), s->out_len);
        s->out_len = 0;
        if (s->ind_state == 1)
            s->ind_state = 2;
        return n;
    }
    return BLE_ERR_AGAIN;
}

BLE_DEF int ble_gatt_srv_poll_event(struct ble_gatt_srv *s, struct ble_gatt_srv_event *ev)
{
    if (!s || !ev)
        return BLE_ERR_PARAM;
    return ble_queue_pop(&s->evq, ev);
}

/* Notification or indication of the value at handle. */
/* May the value at h be notified (ind 0) or indicated (1) now? BLE_OK with
 * it on the value, or the error the send functions document. */
static int ble_gatt_may_send_(struct ble_gatt_srv *s, uint16_t h, int ind, struct ble_gatt_it_ *it)
{
    struct ble_gatt_it_ c;
    uint16_t bits = 0;
    if (s->dead)
        return BLE_ERR_STATE;
    if (!ble_gatt_find_(it, s->cfg.attrs, s->cfg.n, h) || it->cur->kind != BLE_GATT_K_VALUE)
        return BLE_ERR_NOT_FOUND;
    if (!(it->cur->props & (ind ? BLE_GATT_PROP_INDICATE : BLE_GATT_PROP_NOTIFY)))
        return BLE_ERR_PARAM;
    /* the CCCD that follows the value, inside the characteristic */
    c = *it;
    while (ble_gatt_it_next_(&c) && (c.cur->kind == BLE_GATT_K_CCCD || c.cur->kind == BLE_GATT_K_DESC))
        if (c.cur->kind == BLE_GATT_K_CCCD) {
            bits = c.cccd < s->cfg.cccd_n ? s->cfg.cccd[c.cccd] : 0;
            break;
        }
    return bits & (ind ? 2u : 1u) ? BLE_OK : BLE_ERR_STATE;
}

static int ble_gatt_send_(struct ble_gatt_srv *s, uint32_t now, uint16_t h, const uint8_t *value, size_t len, int ind)
{
    struct ble_gatt_it_ it;
    uint8_t *o;
    int rc;
    if (!s || (len && !value))
        return BLE_ERR_PARAM;
    rc = ble_gatt_may_send_(s, h, ind, &it);
    if (rc != BLE_OK)
        return rc;
    if (s->out_len || (ind && s->ind_state))
        return BLE_ERR_BUSY;
    if (!value && ble_gatt_value_(s, &it, &value, &len) != BLE_OK)
        return BLE_ERR_PARAM; /* a hook's value: give it */
    if (len > (size_t)s->mtu - 3)
        len = (size_t)s->mtu - 3; /* F 3.4.7.1, 3.4.7.2 */
    o = ble_gatt_out_(s);
    o[0] = ind ? BLE_ATT_HANDLE_VALUE_IND : BLE_ATT_HANDLE_VALUE_NTF;
    ble_put_le16(o + 1, h);
    ble_memcpy(o + 3, value, len);
    s->out_len = (uint16_t)(3 + len);
    if (ind) {
        s->ind_state = 1;
        s->ind_handle = h;
        s->ind_deadline = ble_deadline_after(now, s->cfg.timeout_ms);
    }
    return BLE_OK;
}

BLE_DEF int ble_gatt_srv_notify_multiple(struct ble_gatt_srv *s, uint32_t now, const uint16_t *handles,
                                         const struct ble_view *values, size_t n)
{
    struct ble_gatt_it_ it;
    uint8_t *o;
    size_t i, total = 1;
    (void)now;
    if (!s || !handles || !values || n < 2)
        return BLE_ERR_PARAM;
    /* every tuple is checked before any octet is written */
    for (i = 0; i < n; i++) {
        int rc = ble_gatt_may_send_(s, handles[i], 0, &it);
        if (rc != BLE_OK)
            return rc;
        if (values[i].len && !values[i].p)
            return BLE_ERR_PARAM;
        total += 4 + values[i].len;
        if (total > s->mtu)
            return BLE_ERR_TOO_LONG; /* a tuple's Length is exact: nothing is cut */
    }
    if (!(s->csf & BLE_GATT_CSF_MULTI_NTF))
        return BLE_ERR_STATE; /* G 7.2: the client has not said it supports them */
    if (s->out_len)
        return BLE_ERR_BUSY;
    o = ble_gatt_out_(s);
    o[0] = BLE_ATT_MULTIPLE_HANDLE_VALUE_NTF;
    total = 1;
    for (i = 0; i < n; i++) {
        ble_put_le16(o + total, handles[i]);
        ble_put_le16(o + total + 2, (uint16_t)values[i].len);
        if (values[i].len)
            ble_memcpy(o + total + 4, values[i].p, values[i].len);
        total += 4 + values[i].len;
    }
    s->out_len = (uint16_t)total;
    return BLE_OK;
}

BLE_DEF int ble_gatt_srv_notify(struct ble_gatt_srv *s, uint32_t now, uint16_t handle, const uint8_t *value,
                                size_t len)
{
    return ble_gatt_send_(s, now, handle, value, len, 0);
}

BLE_DEF int ble_gatt_srv_indicate(struct ble_gatt_srv *s, uint32_t now, uint16_t handle, const uint8_t *value,
                                  size_t len)
{
    return ble_gatt_send_(s, now, handle, value, len, 1);
}

BLE_DEF void ble_gatt_srv_set_security(struct ble_gatt_srv *s, uint8_t level, uint8_t key_size)
{
    /* fail closed: a level or key size that cannot be counts as none */
    s->sec_level = level < BLE_GATT_SEC_NONE || level > BLE_GATT_SEC_SC ? (uint8_t)BLE_GATT_SEC_NONE : level;
    s->key_size = s->sec_level >= BLE_GATT_SEC_ENC && key_size >= 7 && key_size <= 16 ? key_size : 0;
}

BLE_DEF void ble_gatt_srv_set_authorized(struct ble_gatt_srv *s, int authorized)
{
    s->authorized = authorized != 0;
}

BLE_DEF int ble_gatt_srv_db_changed(struct ble_gatt_srv *s, uint32_t now, uint16_t start, uint16_t end)
{
    struct ble_gatt_it_ it;
    uint8_t v[4];
    if (!s || !start || start > end)
        return BLE_ERR_PARAM;
    if (s->csf & BLE_GATT_CSF_ROBUST_CACHING) {
        s->aware = 0;
        s->aware_next = 0;
    }
    ble_put_le16(v, start);
    ble_put_le16(v + 2, end);
    ble_gatt_it_init_(&it, s->cfg.attrs, s->cfg.n);
    while (ble_gatt_it_next_(&it))
        if (it.cur->kind == BLE_GATT_K_VALUE && !it.cur->uuid128 && it.cur->uuid16 == BLE_GATT_UUID_SERVICE_CHANGED) {
            int rc = ble_gatt_srv_indicate(s, now, it.h, v, 4);
            return rc == BLE_ERR_STATE && !s->dead ? BLE_OK : rc; /* not enabled: nothing to send */
        }
    return BLE_OK;
}

BLE_DEF int ble_gatt_srv_on_timer(struct ble_gatt_srv *s, uint32_t now)
{
    if (!s)
        return BLE_ERR_PARAM;
    if (!s->dead && s->ind_state && ble_time_reached(now, s->ind_deadline)) {
        /* F 3.3.3: the transaction failed; the bearer carries nothing more */
        s->dead = 1;
        s->ind_state = 0;
        s->ind_deadline = BLE_NO_DEADLINE;
        ble_gatt_ev_(s, BLE_GATT_SRV_EV_TIMEOUT, BLE_ATT_HANDLE_VALUE_IND, s->ind_handle, 0, 0, ble_view_make(0, 0));
    }
    return BLE_OK;
}

BLE_DEF uint32_t ble_gatt_srv_next_deadline(const struct ble_gatt_srv *s)
{
    return s && !s->dead && s->ind_state ? s->ind_deadline : BLE_NO_DEADLINE;
}

BLE_DEF uint16_t ble_gatt_srv_cccd(const struct ble_gatt_srv *s, uint16_t value_handle)
{
    struct ble_gatt_it_ it;
    if (!s || !ble_gatt_find_(&it, s->cfg.attrs, s->cfg.n, value_handle) || it.cur->kind != BLE_GATT_K_VALUE)
        return 0;
    while (ble_gatt_it_next_(&it) && (it.cur->kind == BLE_GATT_K_CCCD || it.cur->kind == BLE_GATT_K_DESC))
        if (it.cur->kind == BLE_GATT_K_CCCD)
            return it.cccd < s->cfg.cccd_n ? s->cfg.cccd[it.cccd] : 0;
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
