// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {MemberStateLib} from "../src/libraries/MemberStateLib.sol";

/// @dev The packed member word: every field reads back what was written, and writing one field
///      never disturbs another (fuzzed over whole words, so stray bits would show).
contract MemberStateLibTest is Test {
    using MemberStateLib for uint256;

    function _conn(uint8 c) internal pure returns (ICommunity.Connection) {
        return ICommunity.Connection(bound(c, 0, 2));
    }

    function testFuzz_create(uint32 share, uint8 c) public pure {
        uint256 w = MemberStateLib.create(share, _conn(c));
        assertEq(w.sharePpm(), share);
        assertEq(uint8(w.connection()), uint8(_conn(c)));
        assertTrue(w.active());
        assertEq(w.readingOrdinal(), 0);
        assertEq(w.consumedWh(), 0);
        assertEq(w.balanceWh(), 0);
        assertEq(w.oldestLotOrdinal(), 0);
        assertFalse(w.hasPendingShare());
        assertEq(w >> 241, 0, "bits 241..255 are free");
    }

    function testFuzz_roundTrip(
        uint32 share,
        uint8 c,
        bool on,
        uint32 ordinal,
        uint64 consumed,
        uint64 balance,
        uint32 oldest,
        bool pending
    ) public pure {
        uint256 w = MemberStateLib.create(0, ICommunity.Connection.SinglePhase).withSharePpm(share)
            .withConnection(_conn(c));
        w = w.withActive(on).withPendingShare(pending).withReading(ordinal, consumed).withCredits(balance, oldest);
        assertEq(w.sharePpm(), share);
        assertEq(uint8(w.connection()), uint8(_conn(c)));
        assertEq(w.active(), on);
        assertEq(w.readingOrdinal(), ordinal);
        assertEq(w.consumedWh(), consumed);
        assertEq(w.balanceWh(), balance);
        assertEq(w.oldestLotOrdinal(), oldest);
        assertEq(w.hasPendingShare(), pending);
        assertEq(w >> 241, 0, "bits 241..255 stay 0");
    }

    /// Each setter changes its own bits only: on an arbitrary word, every other field is kept.
    function testFuzz_settersAreIsolated(
        uint256 w,
        uint32 share,
        uint32 ordinal,
        uint64 consumed,
        uint64 balance,
        uint32 oldest,
        bool on,
        bool pending
    ) public pure {
        uint256 a = w.withSharePpm(share);
        assertEq(a.hasPendingShare(), w.hasPendingShare());
        assertEq(a.sharePpm(), share);
        assertEq(a.active(), w.active());
        assertEq(a.readingOrdinal(), w.readingOrdinal());
        assertEq(a.consumedWh(), w.consumedWh());
        assertEq(a.balanceWh(), w.balanceWh());
        assertEq(a.oldestLotOrdinal(), w.oldestLotOrdinal());

        uint256 b = w.withReading(ordinal, consumed);
        assertEq(b.sharePpm(), w.sharePpm());
        assertEq(b.active(), w.active());
        assertEq(b.balanceWh(), w.balanceWh());
        assertEq(b.oldestLotOrdinal(), w.oldestLotOrdinal());
        assertEq(b.readingOrdinal(), ordinal);
        assertEq(b.consumedWh(), consumed);
        assertEq(b.hasPendingShare(), w.hasPendingShare());

        uint256 c = w.withCredits(balance, oldest);
        assertEq(c.sharePpm(), w.sharePpm());
        assertEq(c.readingOrdinal(), w.readingOrdinal());
        assertEq(c.consumedWh(), w.consumedWh());
        assertEq(c.active(), w.active());
        assertEq(c.balanceWh(), balance);
        assertEq(c.oldestLotOrdinal(), oldest);
        assertEq(c >> 240, w >> 240, "bits above the header are never touched");
        assertEq(c.hasPendingShare(), w.hasPendingShare());

        uint256 d = w.withActive(on);
        assertEq(d.active(), on);
        assertEq(d.sharePpm(), w.sharePpm());
        assertEq(d.readingOrdinal(), w.readingOrdinal());
        assertEq(d.balanceWh(), w.balanceWh());
        assertEq(d.hasPendingShare(), w.hasPendingShare());

        // the pending flag is bit 240 alone: every other bit of the word is kept
        uint256 e = w.withPendingShare(pending);
        assertEq(e.hasPendingShare(), pending);
        assertEq(e & ~(uint256(1) << 240), w & ~(uint256(1) << 240), "only bit 240 changes");
        assertEq(e.sharePpm(), w.sharePpm());
        assertEq(e.active(), w.active());
        assertEq(e.balanceWh(), w.balanceWh());
        assertEq(e.oldestLotOrdinal(), w.oldestLotOrdinal());
    }

    function test_activeFlagClears() public pure {
        uint256 w = MemberStateLib.create(1, ICommunity.Connection.ThreePhase);
        assertFalse(w.withActive(false).active());
        assertEq(uint8(w.withActive(false).connection()), uint8(ICommunity.Connection.ThreePhase));
    }
}
