/* blekit ISO data path: SDUs split into HCI ISO data packets and gathered back
 * from them, per CIS or BIS handle (Core 6.0 Vol 4 Part E 5.4.5, Vol 6 Part G).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/iso.h"
#endif

#ifndef BLE_ISO_H
#define BLE_ISO_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Outgoing: one SDU into ISO data packets ------------------------------
 * The packets carry at most iso_len octets of ISO_Data_Load each (the
 * controller's ISO_Data_Packet_Length from LE Read Buffer Size v2). The first
 * carries the optional time stamp, the Packet_Sequence_Number and the
 * ISO_SDU_Length; PB is complete (10) when the SDU fits one packet, else first
 * (00), continuation (01) ... last (11). Send each packet only when
 * ble_hci_host_iso_sent() grants a buffer. */
struct ble_iso_tx {
    uint16_t handle;
    uint16_t iso_len;
    uint16_t seq;
    uint8_t ts;
    uint32_t timestamp;
    struct ble_view sdu;
    size_t off;      /* SDU octets already packed */
    uint8_t started; /* the first packet is out */
};
/* BLE_ERR_PARAM for a bad handle or an ISO length too small for the headers
 * (9 octets with a time stamp, 5 without: the headers and one SDU octet);
 * BLE_ERR_TOO_LONG for an SDU over 4095 octets (12-bit ISO_SDU_Length). */
BLE_API int ble_iso_tx_init(struct ble_iso_tx *tx, uint16_t handle, uint16_t iso_len, uint16_t seq,
                            int with_timestamp, uint32_t timestamp, struct ble_view sdu);
/* The next ISO data packet (after the H4 indicator) into buf: its length, 0
 * when the SDU is all out, BLE_ERR_NO_SPACE (nothing written) when cap is short. */
BLE_API int ble_iso_tx_next(struct ble_iso_tx *tx, uint8_t *buf, size_t cap);

/* ---- Incoming: ISO data packets into SDUs ---------------------------------
 * One slot per CIS/BIS handle, with caller storage for the largest SDU. A
 * complete-SDU packet is handed out as a view into the packet (no copy);
 * fragments are gathered. The Packet_Status_Flag and time stamp of the first
 * fragment describe the SDU, sequence numbers are checked, and an SDU
 * that cannot be delivered is counted with its reason and reported by the
 * return code: nothing is dropped silently. */
struct ble_iso_rx_stats {
    uint32_t sdus;              /* SDUs delivered (any status) */
    uint32_t sdus_invalid;      /* delivered with status possibly invalid */
    uint32_t sdus_lost;         /* reported lost by the controller (status lost) */
    uint32_t seq_gaps;          /* SDUs missing between two sequence numbers */
    uint32_t unknown_handle;
    uint32_t malformed;         /* packet header or lengths that do not decode */
    uint32_t cont_without_first;/* continuation or last with no SDU in progress */
    uint32_t first_in_progress; /* first/complete while an SDU was gathering: it is dropped */
    uint32_t too_long;          /* SDU longer than the slot's storage */
    uint32_t overrun;           /* fragments past the SDU length */
    uint32_t short_sdu;         /* last fragment before the SDU length was reached */
};

struct ble_iso_sdu {
    uint16_t handle;
    uint16_t seq;
    uint8_t status;        /* enum ble_hci_iso_status, from the first fragment */
    uint8_t has_timestamp;
    uint32_t timestamp;
    uint16_t lost_before;  /* SDUs missing since the previous sequence number */
    struct ble_view data;
};

struct ble_iso_rx_slot {
    struct ble_slot slot; /* first: the stream's handle */
    uint8_t *buf;
    uint16_t cap;
    uint8_t gathering;
    uint8_t discard;       /* absorbing the fragments of an SDU too long */
    uint8_t seq_known;
    uint8_t status;
    uint8_t has_timestamp;
    uint16_t seq;          /* of the SDU gathering, or the last delivered */
    uint16_t next_seq;
    uint16_t sdu_len;
    uint16_t have;
    uint16_t lost;         /* SDUs missing before the one gathering */
    uint32_t timestamp;
};

struct ble_iso_rx {
    struct ble_iso_rx_slot *slots;
    size_t nslots;
    struct ble_iso_rx_stats stats;
};

BLE_API void ble_iso_rx_init(struct ble_iso_rx *rx, struct ble_iso_rx_slot *slots, size_t nslots);
/* A CIS/BIS came up: storage of cap octets (at most 4095, the largest SDU).
 * BLE_ERR_FULL when no slot is free, BLE_ERR_BUSY when the handle has one. */
BLE_API int ble_iso_rx_attach(struct ble_iso_rx *rx, uint16_t handle, uint8_t *buf, size_t cap);
/* The stream went away; an SDU gathering is counted as dropped (first_in_progress). */
BLE_API void ble_iso_rx_detach(struct ble_iso_rx *rx, uint16_t handle);
/* One ISO data packet (after the H4 indicator). BLE_OK: *sdu holds a whole
 * SDU (valid until the next push on that handle; status may say possibly
 * invalid or lost, lost_before counts SDUs missing before it). BLE_ERR_AGAIN:
 * fragment kept. Errors, each counted: BLE_ERR_NOT_FOUND, BLE_ERR_MALFORMED
 * (header or lengths), BLE_ERR_STATE (continuation without first),
 * BLE_ERR_TOO_LONG (SDU over the storage, dropped), BLE_ERR_RANGE (fragments
 * past, or a last fragment short of, the SDU length: the SDU is dropped). */
BLE_API int ble_iso_rx_push(struct ble_iso_rx *rx, const uint8_t *pkt, size_t len, struct ble_iso_sdu *sdu);

/* ---- CIG and BIG parameters from stream QoS -------------------------------
 * One direction of one stream as a profile configures it (BAP's Config QoS,
 * ASCS 1.0 5.2; the QoS settings of BAP 1.0 Tables 5.2 and 6.4), turned into
 * the HCI commands that create it. */
struct ble_iso_qos {
    uint32_t sdu_interval;          /* us, 0x0000FF..0x0FFFFF */
    uint8_t framing;                /* 0 unframed, 1 framed */
    uint16_t max_sdu;               /* octets, up to 0x0FFF */
    uint8_t rtn;                    /* retransmissions */
    uint16_t max_transport_latency; /* ms, 0x0005..0x0FA0 */
    uint8_t phy;                    /* bits: 0x01 LE 1M, 0x02 LE 2M, 0x04 LE Coded */
};
/* One CIS: its QoS from Central to Peripheral and back; NULL for a
 * direction that carries no data (Max_SDU 0 there). */
struct ble_iso_cis_qos {
    uint8_t cis_id;                 /* 0x00..0xEF */
    const struct ble_iso_qos *c_to_p;
    const struct ble_iso_qos *p_to_c;
};
/* LE Set CIG Parameters (Core 6.0 Vol 4 Part E 7.8.97) for n (1..31) CISes:
 * out and its n elements in cis_out (out->cis points at them). The CIG has
 * one SDU interval and one latency per direction and one Framing: every CIS
 * using a direction must agree on its SDU interval (the latency taken is the
 * smallest asked), and all on framing. A direction no CIS uses takes the
 * other's values. BLE_OK; BLE_ERR_RANGE for a value outside 7.8.97's range
 * (IDs, SDU interval, latency, Max_SDU, PHY, SCA, packing, framing);
 * BLE_ERR_PARAM for CISes that disagree, repeat a CIS_ID or carry nothing.
 * Nothing is written on error. */
BLE_API int ble_iso_cig_params(uint8_t cig_id, const struct ble_iso_cis_qos *cis, size_t n,
                               uint8_t worst_case_sca, uint8_t packing,
                               struct ble_hci_cmd_le_set_cig_params *out,
                               struct ble_hci_cmd_cis_config *cis_out);
/* LE Create BIG (7.8.103) of num_bis (1..31) BISes with the same QoS;
 * broadcast_code NULL: unencrypted. BLE_OK or BLE_ERR_RANGE (handles over
 * 0xEF, RTN over 0x1E, Max_SDU 0, and the ranges above); nothing written on error. */
BLE_API int ble_iso_big_params(uint8_t big_handle, uint8_t adv_handle, uint8_t num_bis,
                               const struct ble_iso_qos *q, uint8_t packing,
                               const uint8_t *broadcast_code, struct ble_hci_cmd_le_create_big *out);

#ifdef __cplusplus
}
#endif

#endif /* BLE_ISO_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_ISO_IMPL)
#define BLE_ISO_IMPL

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Outgoing ---- */

BLE_DEF int ble_iso_tx_init(struct ble_iso_tx *tx, uint16_t handle, uint16_t iso_len, uint16_t seq,
                            int with_timestamp, uint32_t timestamp, struct ble_view sdu)
{
    unsigned hdr = with_timestamp ? 8u : 4u;
    if (!ble_hci_handle_valid(handle) || iso_len < hdr + 1 || iso_len > 0x3FFF || (sdu.len && !sdu.p))
        return BLE_ERR_PARAM;
    if (sdu.len > 0x0FFF)
        return BLE_ERR_TOO_LONG;
    tx->handle = handle;
    tx->iso_len = iso_len;
    tx->seq = seq;
    tx->ts = with_timestamp ? 1 : 0;
    tx->timestamp = timestamp;
    tx->sdu = sdu;
    tx->off = 0;
    tx->started = 0;
    return BLE_OK;
}

BLE_DEF int ble_iso_tx_next(struct ble_iso_tx *tx, uint8_t *buf, size_t cap)
{
    struct ble_hci_iso p;
    size_t room, left = tx->sdu.len - tx->off;
    int n;
    if (tx->started && !left)
        return 0;
    ble_memset(&p, 0, sizeof p);
    p.handle = tx->handle;
    room = tx->iso_len;
    if (!tx->started) {
        room -= tx->ts ? 8u : 4u;
        p.ts = tx->ts;
        p.timestamp = tx->timestamp;
        p.seq = tx->seq;
        p.sdu_len = (uint16_t)tx->sdu.len;
        p.pb = left <= room ? BLE_HCI_ISO_PB_COMPLETE : BLE_HCI_ISO_PB_FIRST;
    } else {
        p.pb = left <= room ? BLE_HCI_ISO_PB_LAST : BLE_HCI_ISO_PB_CONTINUATION;
    }
    if (room > left)
        room = left;
    p.data = ble_view_make(tx->sdu.p ? tx->sdu.p + tx->off : 0, room);
    n = ble_hci_iso_encode(&p, buf, cap);
    if (n < 0)
        return n;
    tx->off += room;
    tx->started = 1;
    return n;
}

/* ---- Incoming ---- */

BLE_DEF void ble_iso_rx_init(struct ble_iso_rx *rx, struct ble_iso_rx_slot *slots, size_t nslots)
{
    ble_memset(rx, 0, sizeof(*rx));
    rx->slots = slots;
    rx->nslots = slots ? nslots : 0;
    if (rx->nslots)
        ble_memset(slots, 0, nslots * sizeof(*slots));
}

static struct ble_iso_rx_slot *ble_iso_rx_slot_(struct ble_iso_rx *rx, uint16_t handle)
{
    return (struct ble_iso_rx_slot *)ble_slot_find(rx->slots, rx->nslots, sizeof *rx->slots, handle);
}

BLE_DEF int ble_iso_rx_attach(struct ble_iso_rx *rx, uint16_t handle, uint8_t *buf, size_t cap)
{
    struct ble_iso_rx_slot *s;
    int rc;
    if (!buf || !ble_hci_handle_valid(handle))
        return BLE_ERR_PARAM;
    s = (struct ble_iso_rx_slot *)ble_slot_claim(rx->slots, rx->nslots, sizeof *rx->slots, handle, &rc);
    if (!s)
        return rc;
    s->buf = buf;
    s->cap = (uint16_t)(cap > 0x0FFF ? 0x0FFF : cap);
    return BLE_OK;
}

BLE_DEF void ble_iso_rx_detach(struct ble_iso_rx *rx, uint16_t handle)
{
    struct ble_iso_rx_slot *s = ble_iso_rx_slot_(rx, handle);
    if (!s)
        return;
    if (s->gathering)
        rx->stats.first_in_progress++;
    s->slot.used = 0;
    s->gathering = 0;
}

/* Sequence bookkeeping at the start of an SDU: how many went missing. */
static uint16_t ble_iso_rx_gap_(struct ble_iso_rx *rx, struct ble_iso_rx_slot *s, uint16_t seq)
{
    uint16_t lost = 0;
    if (s->seq_known && seq != s->next_seq) {
        /* 16-bit wrap: a step back or a repeat counts as no loss, only forward gaps */
        uint16_t d = (uint16_t)(seq - s->next_seq);
        if (d < 0x8000u) {
            lost = d;
            rx->stats.seq_gaps += d;
        }
    }
    s->seq_known = 1;
    s->seq = seq;
    s->next_seq = (uint16_t)(seq + 1);
    return lost;
}

static int ble_iso_rx_deliver_(struct ble_iso_rx *rx, struct ble_iso_rx_slot *s, struct ble_iso_sdu *sdu,
                               const uint8_t *p, size_t n, uint16_t lost)
{
    sdu->handle = s->slot.handle;
    sdu->seq = s->seq;
    sdu->status = s->status;
    sdu->has_timestamp = s->has_timestamp;
    sdu->timestamp = s->timestamp;
    sdu->lost_before = lost;
    sdu->data = ble_view_make(p, n);
    rx->stats.sdus++;
    if (s->status == BLE_HCI_ISO_POSSIBLY_INVALID)
        rx->stats.sdus_invalid++;
    else if (s->status == BLE_HCI_ISO_LOST)
        rx->stats.sdus_lost++;
    s->gathering = 0;
    return BLE_OK;
}

BLE_DEF int ble_iso_rx_push(struct ble_iso_rx *rx, const uint8_t *pkt, size_t len, struct ble_iso_sdu *sdu)
{
    struct ble_hci_iso v;
    struct ble_iso_rx_slot *s;
    /* the complete/last checks of the header decoder are ours to count here,
     * so decode leniently: header, optional SDU header, data */
    int rc = ble_hci_iso_decode(pkt, len, &v);
    uint16_t lost;
    if (rc == BLE_ERR_SHORT || (rc != BLE_OK && len < 4)) {
        rx->stats.malformed++;
        return BLE_ERR_MALFORMED;
    }
    if (rc != BLE_OK) {
        rx->stats.malformed++;
        s = ble_iso_rx_slot_(rx, (uint16_t)(ble_get_le16(pkt) & 0x0FFF));
        if (s && s->gathering) { /* the SDU this fragment belonged to is gone */
            s->gathering = 0;
            rx->stats.first_in_progress++;
        }
        return BLE_ERR_MALFORMED;
    }
    s = ble_iso_rx_slot_(rx, v.handle);
    if (!s) {
        rx->stats.unknown_handle++;
        return BLE_ERR_NOT_FOUND;
    }
    if (v.has_sdu_hdr) { /* first or complete */
        if (s->gathering) {
            rx->stats.first_in_progress++;
            s->gathering = 0;
        }
        s->discard = 0;
        lost = ble_iso_rx_gap_(rx, s, v.seq);
        s->status = v.status;
        s->has_timestamp = v.ts;
        s->timestamp = v.timestamp;
        if (v.pb == BLE_HCI_ISO_PB_COMPLETE) /* whole: a view into the packet */
            return ble_iso_rx_deliver_(rx, s, sdu, v.data.p, v.data.len, lost);
        if (v.sdu_len > s->cap) {
            rx->stats.too_long++;
            s->discard = 1; /* its other fragments are absorbed, not counted again */
            return BLE_ERR_TOO_LONG;
        }
        s->gathering = 1;
        s->sdu_len = v.sdu_len;
        s->have = (uint16_t)v.data.len;
        s->lost = lost; /* reported with the SDU when it is whole */
        ble_memcpy(s->buf, v.data.p, v.data.len);
        return BLE_ERR_AGAIN;
    }
    /* continuation or last */
    if (s->discard) {
        if (v.pb == BLE_HCI_ISO_PB_LAST)
            s->discard = 0;
        return BLE_ERR_AGAIN;
    }
    if (!s->gathering) {
        rx->stats.cont_without_first++;
        return BLE_ERR_STATE;
    }
    if (v.data.len > (size_t)(s->sdu_len - s->have)) {
        rx->stats.overrun++;
        s->gathering = 0;
        return BLE_ERR_RANGE;
    }
    ble_memcpy(s->buf + s->have, v.data.p, v.data.len);
    s->have = (uint16_t)(s->have + v.data.len);
    if (v.pb == BLE_HCI_ISO_PB_CONTINUATION)
        return BLE_ERR_AGAIN;
    if (s->have != s->sdu_len) {
        rx->stats.short_sdu++;
        s->gathering = 0;
        return BLE_ERR_RANGE;
    }
    return ble_iso_rx_deliver_(rx, s, sdu, s->buf, s->have, s->lost);
}

/* ---- CIG and BIG parameters ---- */

/* The ranges of 7.8.97 / 7.8.103 shared by CIS and BIS QoS. */
static int ble_iso_qos_ok_(const struct ble_iso_qos *q)
{
    return q->sdu_interval >= 0xFF && q->sdu_interval <= 0xFFFFF && q->framing <= 1 &&
           q->max_sdu <= 0x0FFF && q->max_transport_latency >= 0x0005 &&
           q->max_transport_latency <= 0x0FA0 && q->phy && !(q->phy & ~0x07u);
}

BLE_DEF int ble_iso_cig_params(uint8_t cig_id, const struct ble_iso_cis_qos *cis, size_t n,
                               uint8_t worst_case_sca, uint8_t packing,
                               struct ble_hci_cmd_le_set_cig_params *out,
                               struct ble_hci_cmd_cis_config *cis_out)
{
    const struct ble_iso_qos *dir0[2] = { 0, 0 };
    uint16_t lat[2] = { 0, 0 };
    uint32_t ids[8];
    size_t i;
    unsigned d;
    int framing = -1;
    if (!cis || !out || !cis_out || n == 0 || n > 0x1F)
        return BLE_ERR_PARAM;
    if (cig_id > 0xEF || worst_case_sca > 7 || packing > 1)
        return BLE_ERR_RANGE;
    ble_memset(ids, 0, sizeof ids);
    /* validate everything first */
    for (i = 0; i < n; i++) {
        const struct ble_iso_qos *q[2];
        q[0] = cis[i].c_to_p;
        q[1] = cis[i].p_to_c;
        if (cis[i].cis_id > 0xEF)
            return BLE_ERR_RANGE;
        if (ids[cis[i].cis_id >> 5] & (1ul << (cis[i].cis_id & 31)))
            return BLE_ERR_PARAM;
        ids[cis[i].cis_id >> 5] |= 1ul << (cis[i].cis_id & 31);
        if (!q[0] && !q[1])
            return BLE_ERR_PARAM;
        for (d = 0; d < 2; d++) {
            if (!q[d])
                continue;
            if (!ble_iso_qos_ok_(q[d]))
                return BLE_ERR_RANGE;
            if (framing >= 0 && q[d]->framing != framing)
                return BLE_ERR_PARAM;
            framing = q[d]->framing;
            if (dir0[d] && dir0[d]->sdu_interval != q[d]->sdu_interval)
                return BLE_ERR_PARAM;
            if (!dir0[d] || q[d]->max_transport_latency < lat[d])
                lat[d] = q[d]->max_transport_latency;
            if (!dir0[d])
                dir0[d] = q[d];
        }
    }
    for (d = 0; d < 2; d++)
        if (!dir0[d]) {
            dir0[d] = dir0[1 - d];
            lat[d] = lat[1 - d];
        }
    ble_memset(out, 0, sizeof *out);
    out->cig_id = cig_id;
    out->sdu_interval_c_to_p = dir0[0]->sdu_interval;
    out->sdu_interval_p_to_c = dir0[1]->sdu_interval;
    out->worst_case_sca = worst_case_sca;
    out->packing = packing;
    out->framing = (uint8_t)framing;
    out->max_transport_latency_c_to_p = lat[0];
    out->max_transport_latency_p_to_c = lat[1];
    for (i = 0; i < n; i++) {
        const struct ble_iso_qos *a = cis[i].c_to_p, *b = cis[i].p_to_c;
        struct ble_hci_cmd_cis_config *c = &cis_out[i];
        c->cis_id = cis[i].cis_id;
        c->max_sdu_c_to_p = a ? a->max_sdu : 0;
        c->max_sdu_p_to_c = b ? b->max_sdu : 0;
        /* a direction without data still needs a valid PHY: the other's */
        c->phy_c_to_p = a ? a->phy : b->phy;
        c->phy_p_to_c = b ? b->phy : a->phy;
        c->rtn_c_to_p = a ? a->rtn : 0;
        c->rtn_p_to_c = b ? b->rtn : 0;
    }
    out->cis.n = n;
    out->cis.raw = ble_view_make(0, 0);
    out->cis.items = cis_out;
    return BLE_OK;
}

BLE_DEF int ble_iso_big_params(uint8_t big_handle, uint8_t adv_handle, uint8_t num_bis,
                               const struct ble_iso_qos *q, uint8_t packing,
                               const uint8_t *broadcast_code, struct ble_hci_cmd_le_create_big *out)
{
    if (!q || !out)
        return BLE_ERR_PARAM;
    if (big_handle > 0xEF || adv_handle > 0xEF || num_bis == 0 || num_bis > 0x1F || packing > 1 ||
        !ble_iso_qos_ok_(q) || q->max_sdu == 0 || q->rtn > 0x1E)
        return BLE_ERR_RANGE;
    ble_memset(out, 0, sizeof *out);
    out->big_handle = big_handle;
    out->advertising_handle = adv_handle;
    out->num_bis = num_bis;
    out->sdu_interval = q->sdu_interval;
    out->max_sdu = q->max_sdu;
    out->max_transport_latency = q->max_transport_latency;
    out->rtn = q->rtn;
    out->phy = q->phy;
    out->packing = packing;
    out->framing = q->framing;
    out->encryption = broadcast_code ? 1 : 0;
    if (broadcast_code)
        ble_memcpy(out->broadcast_code, broadcast_code, 16);
    return BLE_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
