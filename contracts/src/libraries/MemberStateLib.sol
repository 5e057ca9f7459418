// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "../interfaces/ICommunity.sol";

/// @title MemberStateLib — one credit account's hot state, packed by hand into one uint256
/// @notice A member's state is read and written once per reading and once per close, so it lives in
///         a single storage word that is loaded with one SLOAD and stored with one SSTORE (the
///         compiler's struct packing re-reads and re-masks the slot for each field it writes).
///         Layout, low bits first:
///
///         | bits    | field            | notes                                             |
///         |---------|------------------|---------------------------------------------------|
///         | 0..31   | sharePpm         | ≤ 1,000,000                                       |
///         | 32..39  | connection       | ICommunity.Connection                             |
///         | 40..47  | active           | 0 / 1                                             |
///         | 48..79  | readingOrdinal   | month ordinal of the last reading (0 = none)      |
///         | 80..143 | consumedWh       | that reading                                      |
///         | 144..207| balanceWh        | Σ lots (account header)                           |
///         | 208..239| oldestLotOrdinal | ≤ origin of the oldest non-empty lot (header)     |
///         | 240     | pendingShare     | 1: a share schedule lists this member (its line   |
///         |         |                  | is in `CommunityLayout._shareBook.pending`)       |
///         | 241..255| —                | free, always 0                                    |
///
///         `balanceWh` and `oldestLotOrdinal` form the *account header* every credit account has
///         (members, the solidarity pool, later order escrows); other accounts use only those bits.
library MemberStateLib {
    uint256 private constant M32 = type(uint32).max;
    uint256 private constant M64 = type(uint64).max;
    uint256 private constant M8 = type(uint8).max;

    uint256 private constant SHARE = 0;
    uint256 private constant CONNECTION = 32;
    uint256 private constant ACTIVE = 40;
    uint256 private constant READING_ORDINAL = 48;
    uint256 private constant CONSUMED = 80;
    uint256 private constant BALANCE = 144;
    uint256 private constant OLDEST = 208;
    uint256 private constant PENDING = 240;

    /// @notice A new active member with no reading, no credits.
    function create(uint32 sharePpm_, ICommunity.Connection connection_) internal pure returns (uint256 w) {
        w = uint256(sharePpm_) | (uint256(uint8(connection_)) << CONNECTION) | (uint256(1) << ACTIVE);
    }

    function sharePpm(uint256 w) internal pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to 32 bits
        return uint32(w & M32);
    }

    function withSharePpm(uint256 w, uint32 v) internal pure returns (uint256) {
        return (w & ~M32) | uint256(v);
    }

    function connection(uint256 w) internal pure returns (ICommunity.Connection) {
        return ICommunity.Connection((w >> CONNECTION) & M8);
    }

    function withConnection(uint256 w, ICommunity.Connection v) internal pure returns (uint256) {
        return (w & ~(M8 << CONNECTION)) | (uint256(uint8(v)) << CONNECTION);
    }

    function active(uint256 w) internal pure returns (bool) {
        return (w >> ACTIVE) & 1 != 0;
    }

    function withActive(uint256 w, bool v) internal pure returns (uint256) {
        return (w & ~(M8 << ACTIVE)) | ((v ? uint256(1) : 0) << ACTIVE);
    }

    function readingOrdinal(uint256 w) internal pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to 32 bits
        return uint32((w >> READING_ORDINAL) & M32);
    }

    function consumedWh(uint256 w) internal pure returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to 64 bits
        return uint64((w >> CONSUMED) & M64);
    }

    /// @notice Records a reading: its month ordinal and consumption.
    function withReading(uint256 w, uint32 ordinal, uint64 consumed) internal pure returns (uint256) {
        return (w & ~((M32 << READING_ORDINAL) | (M64 << CONSUMED))) | (uint256(ordinal) << READING_ORDINAL)
            | (uint256(consumed) << CONSUMED);
    }

    function balanceWh(uint256 w) internal pure returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to 64 bits
        return uint64((w >> BALANCE) & M64);
    }

    function oldestLotOrdinal(uint256 w) internal pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to 32 bits
        return uint32((w >> OLDEST) & M32);
    }

    /// @notice Whether a share schedule holds a line for this member (see `CommunityLayout._sharesOf`).
    function hasPendingShare(uint256 w) internal pure returns (bool) {
        return (w >> PENDING) & 1 != 0;
    }

    function withPendingShare(uint256 w, bool v) internal pure returns (uint256) {
        return (w & ~(uint256(1) << PENDING)) | ((v ? uint256(1) : 0) << PENDING);
    }

    /// @notice Sets the account header: balance and oldest-lot pointer.
    function withCredits(uint256 w, uint64 balance, uint32 oldest) internal pure returns (uint256) {
        return (w & ~((M64 << BALANCE) | (M32 << OLDEST))) | (uint256(balance) << BALANCE) | (uint256(oldest) << OLDEST);
    }
}
