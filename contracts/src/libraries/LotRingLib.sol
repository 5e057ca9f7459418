// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "../interfaces/ICommunity.sol";
import {CycleLib} from "./CycleLib.sol";

/// @title LotRingLib — the 60-month ring of credit lots of one account, and the one walk over it
/// @notice A ring holds the lots of 60 consecutive origin months, eight uint32 lanes per storage
///         slot (slots 0..6 full, slot 7 has four lanes): the lot of month ordinal `o` sits at ring
///         index `o % 60`. `take` is the only walk that removes credits, oldest first — for the
///         close (credits used), adjustments and escrow expiry — and, with a destination, the only
///         move between accounts (donations, the pool, market escrows), where every Wh keeps its
///         origin month and so its expiry. Each ring slot is read and written at most once per call.
library LotRingLib {
    uint32 internal constant LIFE_MONTHS = 60;
    uint256 internal constant LANES_PER_SLOT = 8;
    uint256 internal constant LANE_BITS = 32;
    uint256 internal constant LANE_MASK = type(uint32).max;
    uint32 internal constant NONE = type(uint32).max;

    /// @dev Storage slot key and bit shift of the lot of month ordinal `o` in the ring.
    function lane(uint32 o) internal pure returns (uint256 key, uint256 shift) {
        uint256 r = o % LIFE_MONTHS;
        key = r / LANES_PER_SLOT;
        shift = (r % LANES_PER_SLOT) * LANE_BITS;
    }

    /// @dev Lanes from ordinal `o`'s lane to the end of its slot (the last slot has only four lanes).
    function lanesLeftInSlot(uint32 o) internal pure returns (uint32) {
        uint32 r = o % LIFE_MONTHS;
        uint32 slotEnd = (r / 8 + 1) * 8; // LANES_PER_SLOT
        return (slotEnd > LIFE_MONTHS ? LIFE_MONTHS : slotEnd) - r;
    }

    /// @dev Takes up to `amount` Wh from `src`'s lots of ordinals `from..to`, oldest first. With
    ///      `move`, each part is added to `dst`'s lot of the same ordinal (reverting `LotTooLarge`
    ///      past a lane); without it `dst` is not touched (pass `src`). Returns `o`, the ordinal of
    ///      the oldest lot `src` may still hold (≤ `to + 1`), what could not be taken, and the first
    ///      ordinal moved (`NONE` if nothing was).
    function take(
        mapping(uint256 => uint256) storage src,
        mapping(uint256 => uint256) storage dst,
        bool move,
        uint32 from,
        uint32 to,
        uint64 amount
    ) internal returns (uint32 o, uint256 remaining, uint32 firstTaken) {
        remaining = amount;
        firstTaken = NONE;
        o = from;
        while (remaining != 0 && o <= to) {
            (uint256 key, uint256 shift) = lane(o);
            uint32 slotEnd = o + lanesLeftInSlot(o);
            uint256 s = src[key];
            if (s == 0) {
                o = slotEnd; // skip the empty slot
                continue;
            }
            uint256 before = s;
            uint256 d = move ? dst[key] : 0;
            for (; o < slotEnd && o <= to; ++o) {
                uint256 lot = (s >> shift) & LANE_MASK;
                if (lot != 0) {
                    uint256 part = lot < remaining ? lot : remaining;
                    if (move) {
                        uint256 grown = ((d >> shift) & LANE_MASK) + part;
                        if (grown > LANE_MASK) {
                            revert ICommunity.LotTooLarge(CycleLib.fromOrdinal(o), grown, LANE_MASK);
                        }
                        d += part << shift;
                    }
                    if (firstTaken == NONE) firstTaken = o;
                    remaining -= part;
                    s -= part << shift;
                    if (remaining == 0) {
                        if (lot == part) ++o; // emptied: the oldest lot left is later
                        break;
                    }
                }
                shift += LANE_BITS;
            }
            if (s != before) {
                src[key] = s;
                if (move) dst[key] = d;
            }
        }
        if (o > to + 1) o = to + 1; // only past an empty tail, which a covered `amount` never reaches
    }
}
