// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {LotRingLib} from "../src/libraries/LotRingLib.sol";

/// @dev Two rings in storage, filled lot by lot, for fuzzing the one walk that takes and moves credits.
contract RingHarness {
    mapping(uint256 => uint256) internal _src;
    mapping(uint256 => uint256) internal _dst;

    function setLot(bool dst, uint32 o, uint32 amount) external {
        (uint256 key, uint256 shift) = LotRingLib.lane(o);
        mapping(uint256 => uint256) storage ring = dst ? _dst : _src;
        ring[key] = (ring[key] & ~(LotRingLib.LANE_MASK << shift)) | (uint256(amount) << shift);
    }

    function lot(bool dst, uint32 o) public view returns (uint256) {
        (uint256 key, uint256 shift) = LotRingLib.lane(o);
        return ((dst ? _dst : _src)[key] >> shift) & LotRingLib.LANE_MASK;
    }

    function take(bool move, uint32 from, uint32 to, uint64 amount) external returns (uint32, uint256, uint32) {
        return LotRingLib.take(_src, move ? _dst : _src, move, from, to, amount);
    }
}

contract LotRingLibTest is Test {
    RingHarness internal ring;
    uint32 internal constant BASE = 24_300; // an ordinal in 2025

    function setUp() public {
        ring = new RingHarness();
    }

    function _fill(uint256 seed, uint256 density) internal returns (uint256 total, uint32[60] memory lots) {
        for (uint32 i; i < 60; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (r % 100 >= density) continue;
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded below 2^20
            lots[i] = uint32(1 + (r >> 8) % (1 << 20));
            ring.setLot(false, BASE + i, lots[i]);
            total += lots[i];
        }
    }

    function test_laneLayout() public pure {
        (uint256 key, uint256 shift) = LotRingLib.lane(59);
        assertEq(key, 7);
        assertEq(shift, 3 * 32);
        assertEq(LotRingLib.lanesLeftInSlot(56), 4, "the last slot has four lanes");
        assertEq(LotRingLib.lanesLeftInSlot(3), 5);
        assertEq(LotRingLib.lanesLeftInSlot(60), 8, "ordinal 60 is ring index 0");
    }

    /// Taking credits conserves them: what is left plus what was taken is what there was, oldest
    /// lots go first, and the pointer returned leaves nothing older behind.
    function testFuzz_takeConserves(uint256 seed, uint8 density, uint64 amount) public {
        (uint256 total, uint32[60] memory before) = _fill(seed, bound(density, 1, 100));
        amount = uint64(bound(amount, 0, total + 10));
        (uint32 o, uint256 remaining,) = ring.take(false, BASE, BASE + 59, amount);
        uint256 left;
        for (uint32 i; i < 60; ++i) {
            uint256 now_ = ring.lot(false, BASE + i);
            assertLe(now_, before[i]);
            left += now_;
            if (BASE + i < o) assertEq(now_, 0, "nothing older than the pointer");
        }
        uint256 taken = total - left;
        assertEq(taken + remaining, amount, "taken + not taken = asked");
        assertEq(remaining, amount > total ? amount - total : 0);
        assertLe(o, BASE + 60);
    }

    /// Moving credits conserves them lot by lot: each origin month gains in `dst` exactly what it
    /// lost in `src`, so every Wh keeps its expiry.
    function testFuzz_moveKeepsOrigins(uint256 seed, uint8 density, uint64 amount) public {
        (uint256 total, uint32[60] memory before) = _fill(seed, bound(density, 1, 100));
        vm.assume(total > 0);
        amount = uint64(bound(amount, 1, total));
        for (uint32 i; i < 60; i += 7) {
            ring.setLot(true, BASE + i, 5);
        }
        (, uint256 remaining, uint32 first) = ring.take(true, BASE, BASE + 59, amount);
        assertEq(remaining, 0);
        uint256 moved;
        uint32 firstSeen = type(uint32).max;
        for (uint32 i; i < 60; ++i) {
            uint256 lost = before[i] - ring.lot(false, BASE + i);
            uint256 gained = ring.lot(true, BASE + i) - (i % 7 == 0 ? 5 : 0);
            assertEq(gained, lost, "same origin month");
            moved += lost;
            if (lost != 0 && firstSeen == type(uint32).max) firstSeen = BASE + i;
        }
        assertEq(moved, amount);
        assertEq(first, firstSeen);
    }

    function test_moveRevertsPastALane() public {
        ring.setLot(false, BASE, 10);
        ring.setLot(true, BASE, type(uint32).max);
        vm.expectRevert();
        ring.take(true, BASE, BASE + 59, 10);
    }

    function test_takeSkipsEmptySlotsAndStopsAtTo() public {
        ring.setLot(false, BASE + 20, 7);
        ring.setLot(false, BASE + 40, 9);
        (uint32 o, uint256 remaining,) = ring.take(false, BASE, BASE + 30, 100);
        assertEq(remaining, 93, "lots after `to` are not touched");
        assertEq(ring.lot(false, BASE + 40), 9);
        assertEq(o, BASE + 31);
    }
}
