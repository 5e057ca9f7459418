// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {CycleLib} from "../src/libraries/CycleLib.sol";

contract CycleLibHarness {
    function toOrdinal(uint32 c) external pure returns (uint32) {
        return CycleLib.toOrdinal(c);
    }
}

contract CycleLibTest is Test {
    CycleLibHarness internal h = new CycleLibHarness();

    function test_ordinal() public pure {
        assertEq(CycleLib.toOrdinal(202601), 2026 * 12);
        assertEq(CycleLib.toOrdinal(202512), 2025 * 12 + 11);
        assertEq(CycleLib.fromOrdinal(2026 * 12), 202601);
        assertEq(CycleLib.addMonths(202512, 1), 202601);
        assertEq(CycleLib.addMonths(202601, 60), 203101);
        assertEq(CycleLib.year(202607), 2026);
    }

    function test_validity() public {
        assertTrue(CycleLib.isValid(200001));
        assertTrue(CycleLib.isValid(220012));
        assertFalse(CycleLib.isValid(199912));
        assertFalse(CycleLib.isValid(220101));
        assertFalse(CycleLib.isValid(202600));
        assertFalse(CycleLib.isValid(202613));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidCycle.selector, uint32(202613)));
        h.toOrdinal(202613);
    }

    function testFuzz_roundTrip(uint32 y, uint32 m) public pure {
        y = uint32(bound(y, 2000, 2200));
        m = uint32(bound(m, 1, 12));
        uint32 c = y * 100 + m;
        assertEq(CycleLib.fromOrdinal(CycleLib.toOrdinal(c)), c);
        // 220012 is the last valid cycle: one month later is out of range (InvalidCycle)
        if (c != 220012) assertEq(CycleLib.toOrdinal(CycleLib.addMonths(c, 1)), CycleLib.toOrdinal(c) + 1);
    }
}
