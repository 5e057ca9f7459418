// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {SettlementLib} from "../src/libraries/SettlementLib.sol";

contract SettlementLibTest is Test {
    function _in(uint64 alloc, uint64 cons, uint64 bal, uint64 minWh, ICommunity.Regime r)
        internal
        pure
        returns (SettlementLib.Input memory)
    {
        return SettlementLib.Input(
            alloc, cons, bal, minWh, r, 800_000, 280_000, 600_000, ICommunity.BelowMinimum.DownToMinimum
        );
    }

    function test_unit_C_GD_II() public pure {
        ICommunity.Settlement memory s =
            SettlementLib.settle(_in(540_000, 600_000, 0, 100_000, ICommunity.Regime.GD_II));
        assertEq(s.compensatedWh, 540_000);
        assertEq(s.billedWh, 60_000);
        assertEq(s.fioBMicroBrl, 90_720_000);
        assertEq(s.billMicroBrl, 138_720_000);
        assertFalse(s.minimumApplied);
    }

    function test_unit_A_GD_I() public pure {
        ICommunity.Settlement memory s = SettlementLib.settle(_in(720_000, 500_000, 0, 100_000, ICommunity.Regime.GD_I));
        assertEq(s.compensatedWh, 400_000);
        assertEq(s.createdWh, 320_000);
        assertEq(s.billMicroBrl, 80_000_000);
        assertTrue(s.minimumApplied);
    }

    function test_usesLotsAfterAllocation() public pure {
        ICommunity.Settlement memory s = SettlementLib.settle(_in(100, 400, 500, 0, ICommunity.Regime.GD_II));
        assertEq(s.compensatedWh, 400);
        assertEq(s.usedFromLotsWh, 300);
        assertEq(s.createdWh, 0);
    }

    function test_minimums() public pure {
        assertEq(SettlementLib.minimumWh(ICommunity.Connection.SinglePhase), 30_000);
        assertEq(SettlementLib.minimumWh(ICommunity.Connection.TwoPhase), 50_000);
        assertEq(SettlementLib.minimumWh(ICommunity.Connection.ThreePhase), 100_000);
    }

    function testFuzz_allocationSumsToGeneration(uint64 g, uint32 a, uint32 b) public pure {
        a = uint32(bound(a, 0, 1_000_000));
        b = uint32(bound(b, a, 1_000_000));
        uint256 sum = uint256(SettlementLib.allocation(g, 0, a)) + SettlementLib.allocation(g, a, b)
            + SettlementLib.allocation(g, b, 1_000_000);
        assertEq(sum, g);
    }

    function testFuzz_settle(uint64 alloc, uint64 cons, uint64 bal, uint8 conn, bool gd2) public pure {
        alloc = uint64(bound(alloc, 0, 1e12));
        cons = uint64(bound(cons, 0, 1e12));
        bal = uint64(bound(bal, 0, 1e12));
        uint64 minWh = SettlementLib.minimumWh(ICommunity.Connection(bound(conn, 0, 2)));
        ICommunity.Regime r = gd2 ? ICommunity.Regime.GD_II : ICommunity.Regime.GD_I;
        ICommunity.Settlement memory s = SettlementLib.settle(_in(alloc, cons, bal, minWh, r));

        assertLe(s.compensatedWh, cons, "compensated <= consumption");
        assertLe(s.compensatedWh, uint256(alloc) + bal, "compensated <= available");
        assertEq(uint256(s.compensatedWh), uint256(alloc) - s.createdWh + s.usedFromLotsWh, "sources");
        assertLe(s.usedFromLotsWh, bal);
        uint64 minMoney = SettlementLib.money(minWh, 800_000);
        assertGe(s.billMicroBrl, minMoney, "bill >= minimum money");
        assertGe(s.noSolarBillMicroBrl, s.billMicroBrl - s.fioBMicroBrl, "solar never raises the energy part");
        if (!gd2) {
            assertGe(s.billedWh, minWh, "GD I never compensates below the minimum");
            assertEq(s.fioBMicroBrl, 0);
            if (cons >= minWh) assertGe(cons - s.compensatedWh, minWh);
        } else {
            assertEq(s.billedWh, cons - s.compensatedWh);
        }
    }
}
