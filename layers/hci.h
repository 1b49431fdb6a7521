/* blekit HCI layer: status codes, H4 packet indicators, commands and their
 * return parameters (layers/hci_cmd.h), events and LE meta subevents
 * (layers/hci_evt.h). Core 6.0 Vol 4 Parts A and E.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef BLE_H
#error "include ble.h, not layers/hci.h"
#endif

#ifndef BLE_HCI_H
#define BLE_HCI_H

#ifdef __cplusplus
extern "C" {
#endif

/* Controller error codes (Core 6.0 Vol 1 Part F 1.3): X(code, NAME, "Spec name"). */
#define BLE_HCI_STATUS_TABLE(X)                                                            \
    X(0x00, SUCCESS, "Success")                                                            \
    X(0x01, UNKNOWN_COMMAND, "Unknown HCI Command")                                        \
    X(0x02, UNKNOWN_CONN_ID, "Unknown Connection Identifier")                              \
    X(0x03, HARDWARE_FAILURE, "Hardware Failure")                                          \
    X(0x04, PAGE_TIMEOUT, "Page Timeout")                                                  \
    X(0x05, AUTH_FAILURE, "Authentication Failure")                                        \
    X(0x06, PIN_OR_KEY_MISSING, "PIN or Key Missing")                                      \
    X(0x07, MEMORY_CAPACITY_EXCEEDED, "Memory Capacity Exceeded")                          \
    X(0x08, CONN_TIMEOUT, "Connection Timeout")                                            \
    X(0x09, CONN_LIMIT_EXCEEDED, "Connection Limit Exceeded")                              \
    X(0x0A, SYNC_CONN_LIMIT_EXCEEDED, "Synchronous Connection Limit To A Device Exceeded") \
    X(0x0B, CONN_ALREADY_EXISTS, "Connection Already Exists")                              \
    X(0x0C, COMMAND_DISALLOWED, "Command Disallowed")                                      \
    X(0x0D, REJECTED_LIMITED_RESOURCES, "Connection Rejected due to Limited Resources")    \
    X(0x0E, REJECTED_SECURITY, "Connection Rejected Due To Security Reasons")              \
    X(0x0F, REJECTED_BD_ADDR, "Connection Rejected due to Unacceptable BD_ADDR")           \
    X(0x10, ACCEPT_TIMEOUT, "Connection Accept Timeout Exceeded")                          \
    X(0x11, UNSUPPORTED_FEATURE, "Unsupported Feature or Parameter Value")                 \
    X(0x12, INVALID_PARAMS, "Invalid HCI Command Parameters")                              \
    X(0x13, REMOTE_USER_TERMINATED, "Remote User Terminated Connection")                   \
    X(0x14, REMOTE_LOW_RESOURCES, "Remote Device Terminated Connection due to Low Resources") \
    X(0x15, REMOTE_POWER_OFF, "Remote Device Terminated Connection due to Power Off")      \
    X(0x16, LOCAL_HOST_TERMINATED, "Connection Terminated By Local Host")                  \
    X(0x17, REPEATED_ATTEMPTS, "Repeated Attempts")                                        \
    X(0x18, PAIRING_NOT_ALLOWED, "Pairing Not Allowed")                                    \
    X(0x19, UNKNOWN_LMP_PDU, "Unknown LMP PDU")                                            \
    X(0x1A, UNSUPPORTED_REMOTE_FEATURE, "Unsupported Remote Feature")                      \
    X(0x1B, SCO_OFFSET_REJECTED, "SCO Offset Rejected")                                    \
    X(0x1C, SCO_INTERVAL_REJECTED, "SCO Interval Rejected")                                \
    X(0x1D, SCO_AIR_MODE_REJECTED, "SCO Air Mode Rejected")                                \
    X(0x1E, INVALID_LL_PARAMS, "Invalid LMP Parameters / Invalid LL Parameters")           \
    X(0x1F, UNSPECIFIED, "Unspecified Error")                                              \
    X(0x20, UNSUPPORTED_LL_PARAM_VALUE, "Unsupported LMP Parameter Value / Unsupported LL Parameter Value") \
    X(0x21, ROLE_CHANGE_NOT_ALLOWED, "Role Change Not Allowed")                            \
    X(0x22, LL_RESPONSE_TIMEOUT, "LMP Response Timeout / LL Response Timeout")             \
    X(0x23, LL_PROCEDURE_COLLISION, "LMP Error Transaction Collision / LL Procedure Collision") \
    X(0x24, LMP_PDU_NOT_ALLOWED, "LMP PDU Not Allowed")                                    \
    X(0x25, ENCRYPTION_MODE_NOT_ACCEPTABLE, "Encryption Mode Not Acceptable")              \
    X(0x26, LINK_KEY_CANNOT_BE_CHANGED, "Link Key cannot be Changed")                      \
    X(0x27, QOS_NOT_SUPPORTED, "Requested QoS Not Supported")                              \
    X(0x28, INSTANT_PASSED, "Instant Passed")                                              \
    X(0x29, UNIT_KEY_NOT_SUPPORTED, "Pairing With Unit Key Not Supported")                 \
    X(0x2A, DIFFERENT_TRANSACTION_COLLISION, "Different Transaction Collision")            \
    X(0x2C, QOS_UNACCEPTABLE_PARAM, "QoS Unacceptable Parameter")                          \
    X(0x2D, QOS_REJECTED, "QoS Rejected")                                                  \
    X(0x2E, CHANNEL_CLASSIFICATION_NOT_SUPPORTED, "Channel Classification Not Supported")  \
    X(0x2F, INSUFFICIENT_SECURITY, "Insufficient Security")                                \
    X(0x30, PARAM_OUT_OF_RANGE, "Parameter Out Of Mandatory Range")                        \
    X(0x32, ROLE_SWITCH_PENDING, "Role Switch Pending")                                    \
    X(0x34, RESERVED_SLOT_VIOLATION, "Reserved Slot Violation")                            \
    X(0x35, ROLE_SWITCH_FAILED, "Role Switch Failed")                                      \
    X(0x36, EIR_TOO_LARGE, "Extended Inquiry Response Too Large")                          \
    X(0x37, SSP_NOT_SUPPORTED_BY_HOST, "Secure Simple Pairing Not Supported By Host")      \
    X(0x38, HOST_BUSY_PAIRING, "Host Busy - Pairing")                                      \
    X(0x39, NO_SUITABLE_CHANNEL, "Connection Rejected due to No Suitable Channel Found")   \
    X(0x3A, CONTROLLER_BUSY, "Controller Busy")                                            \
    X(0x3B, UNACCEPTABLE_CONN_PARAMS, "Unacceptable Connection Parameters")                \
    X(0x3C, ADV_TIMEOUT, "Advertising Timeout")                                            \
    X(0x3D, MIC_FAILURE, "Connection Terminated due to MIC Failure")                       \
    X(0x3E, CONN_FAILED_TO_ESTABLISH, "Connection Failed to be Established / Synchronization Timeout") \
    X(0x3F, MAC_CONN_FAILED, "Previously used")                                            \
    X(0x40, COARSE_CLOCK_ADJ_REJECTED, "Coarse Clock Adjustment Rejected but Will Try to Adjust Using Clock Dragging") \
    X(0x41, TYPE0_SUBMAP_NOT_DEFINED, "Type0 Submap Not Defined")                          \
    X(0x42, UNKNOWN_ADV_ID, "Unknown Advertising Identifier")                              \
    X(0x43, LIMIT_REACHED, "Limit Reached")                                                \
    X(0x44, OPERATION_CANCELLED_BY_HOST, "Operation Cancelled by Host")                    \
    X(0x45, PACKET_TOO_LONG, "Packet Too Long")                                            \
    X(0x46, TOO_LATE, "Too Late")                                                          \
    X(0x47, TOO_EARLY, "Too Early")                                                        \
    X(0x48, INSUFFICIENT_CHANNELS, "Insufficient Channels")

#define BLE_HCI_STATUS_ENUM_(code, NAME, str) BLE_HCI_##NAME = (code),
enum ble_hci_status { BLE_HCI_STATUS_TABLE(BLE_HCI_STATUS_ENUM_) BLE_HCI_STATUS_END_ };
#undef BLE_HCI_STATUS_ENUM_

/* Value names of status fields, for the field printers. */
extern const struct ble_names ble_hci_status_names;
/* The status code's name, or NULL for a code the specification does not define. */
BLE_API const char *ble_hci_status_name(unsigned status);

/* H4 packet indicators (Core 6.0 Vol 4 Part A 2). */
enum ble_h4_type {
    BLE_H4_CMD = 0x01,
    BLE_H4_ACL = 0x02,
    BLE_H4_SCO = 0x03,
    BLE_H4_EVT = 0x04,
    BLE_H4_ISO = 0x05
};

#ifdef __cplusplus
}
#endif

#endif /* BLE_HCI_H */

#if defined(BLE_IMPLEMENTATION) && !defined(BLE_HCI_IMPL)
#define BLE_HCI_IMPL

#ifdef __cplusplus
extern "C" {
#endif

#if BLE_CFG_NAMES
#define BLE_HCI_STATUS_NAME_(code, NAME, str) { (code), str },
static const struct ble_name ble_hci_status_list_[] = { BLE_HCI_STATUS_TABLE(BLE_HCI_STATUS_NAME_) };
#undef BLE_HCI_STATUS_NAME_
const struct ble_names ble_hci_status_names = {
    ble_hci_status_list_, (uint16_t)(sizeof ble_hci_status_list_ / sizeof ble_hci_status_list_[0])
};
#else
const struct ble_names ble_hci_status_names = { 0, 0 };
#endif

BLE_DEF const char *ble_hci_status_name(unsigned status)
{
    return ble_names_get(&ble_hci_status_names, status);
}

#ifdef __cplusplus
}
#endif

#endif /* BLE_IMPLEMENTATION */
