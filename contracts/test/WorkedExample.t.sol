// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @notice domain.md §6: six units, 30 kWp, 3,600 kWh, 2026 (Fio B 60 %), both regimes.
contract WorkedExampleTest is CommunityTestBase {
    uint32 internal constant CYCLE = 202601;

    struct Expected {
        uint64 comp;
        uint64 billed;
        uint64 created;
        uint64 fromLots;
        uint64 balance;
        bool minApplied;
        uint64 fioB;
        uint64 bill;
    }

    function _setUpExample(ICommunity.Regime regime) internal returns (ICommunity.Settlement[] memory) {
        _deploy(regime, FIRST);
        ICommunity.Connection three = ICommunity.Connection.ThreePhase;
        ICommunity.Connection two = ICommunity.Connection.TwoPhase;
        _add(0, three, 200_000); // A
        _add(1, two, 200_000); // B
        _add(2, three, 150_000); // C
        _add(3, two, 150_000); // D
        _add(4, ICommunity.Connection.SinglePhase, 150_000); // E
        _add(5, three, 150_000); // F

        // A quiet December 2025 so D can hold 120 kWh of older credits (an adjustment to the bill).
        _post(FIRST, 0, new uint64[](6));
        _close(FIRST);
        vm.prank(mgr);
        community.adjustCredits(3, 120_000, keccak256("bill 2025-12"));

        uint64[] memory cons = new uint64[](6);
        cons[0] = 500_000;
        cons[1] = 350_000;
        cons[2] = 600_000;
        cons[3] = 300_000;
        cons[4] = 250_000;
        cons[5] = 800_000;
        _post(CYCLE, 3_600_000, cons);
        vm.recordLogs();
        _close(CYCLE);
        return _settlements(vm.getRecordedLogs());
    }

    function _check(ICommunity.Settlement[] memory s, uint256 i, Expected memory e) internal view {
        uint64[6] memory alloc = [uint64(720_000), 720_000, 540_000, 540_000, 540_000, 540_000];
        uint64[6] memory cons = [uint64(500_000), 350_000, 600_000, 300_000, 250_000, 800_000];
        uint64[6] memory minWh = [uint64(100_000), 50_000, 100_000, 50_000, 30_000, 100_000];
        assertEq(s[i].allocatedWh, alloc[i], "allocated");
        assertEq(s[i].consumedWh, cons[i], "consumed");
        assertEq(s[i].compensatedWh, e.comp, "compensated");
        assertEq(s[i].billedWh, e.billed, "billed");
        assertEq(s[i].createdWh, e.created, "created");
        assertEq(s[i].usedFromLotsWh, e.fromLots, "fromLots");
        assertEq(s[i].expiredWh, 0, "expired");
        assertEq(s[i].balanceWh, e.balance, "balance");
        assertEq(s[i].minimumWh, minWh[i], "minimum");
        assertEq(s[i].minimumApplied, e.minApplied, "minimumApplied");
        assertEq(s[i].fioBMicroBrl, e.fioB, "fioB");
        assertEq(s[i].billMicroBrl, e.bill, "bill");
        uint64 noSolar = (cons[i] > minWh[i] ? cons[i] : minWh[i]) * 800_000 / 1000;
        assertEq(s[i].noSolarBillMicroBrl, noSolar, "noSolar");
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(ICommunityViews(address(community)).member(uint32(i)).balanceWh, e.balance, "stored balance");
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(_sumLots(uint32(i)), e.balance, "lots");
    }

    function test_GD_II() public {
        ICommunity.Settlement[] memory s = _setUpExample(ICommunity.Regime.GD_II);
        assertEq(s.length, 6);
        _check(s, 0, Expected(500_000, 0, 220_000, 0, 220_000, false, 84_000_000, 84_000_000));
        _check(s, 1, Expected(350_000, 0, 370_000, 0, 370_000, false, 58_800_000, 58_800_000));
        _check(s, 2, Expected(540_000, 60_000, 0, 0, 0, false, 90_720_000, 138_720_000));
        _check(s, 3, Expected(300_000, 0, 240_000, 0, 360_000, false, 50_400_000, 50_400_000));
        _check(s, 4, Expected(250_000, 0, 290_000, 0, 290_000, false, 42_000_000, 42_000_000));
        _check(s, 5, Expected(540_000, 260_000, 0, 0, 0, false, 90_720_000, 298_720_000));

        ICommunity.CycleInfo memory info = ICommunityViews(address(community)).cycleInfo(CYCLE);
        assertEq(info.generatedWh, 3_600_000);
        assertEq(info.issuedWh, 3_600_000);
        assertEq(info.compensatedWh, 2_480_000);
        assertEq(info.expiredWh, 0);
        assertTrue(info.closed);
        assertEq(ICommunityViews(address(community)).openCycle(), 202602);

        ICommunity.Lot[] memory d = ICommunityViews(address(community)).lotsOf(3);
        assertEq(d.length, 2);
        assertEq(d[0].originCycle, 202512);
        assertEq(d[0].expiryCycle, 203012);
        assertEq(d[0].amountWh, 120_000);
        assertEq(d[1].originCycle, 202601);
        assertEq(d[1].amountWh, 240_000);
    }

    function test_GD_I() public {
        ICommunity.Settlement[] memory s = _setUpExample(ICommunity.Regime.GD_I);
        _check(s, 0, Expected(400_000, 100_000, 320_000, 0, 320_000, true, 0, 80_000_000));
        _check(s, 1, Expected(300_000, 50_000, 420_000, 0, 420_000, true, 0, 40_000_000));
        _check(s, 2, Expected(500_000, 100_000, 40_000, 0, 40_000, true, 0, 80_000_000));
        _check(s, 3, Expected(250_000, 50_000, 290_000, 0, 410_000, true, 0, 40_000_000));
        _check(s, 4, Expected(220_000, 30_000, 320_000, 0, 320_000, true, 0, 24_000_000));
        _check(s, 5, Expected(540_000, 260_000, 0, 0, 0, false, 0, 208_000_000));
        assertEq(ICommunityViews(address(community)).cycleInfo(CYCLE).compensatedWh, 2_210_000);
    }

    /// @dev The same figures when the close runs in batches of 4 and 2 members.
    function test_GD_II_batched() public {
        _deploy(ICommunity.Regime.GD_II, CYCLE);
        for (uint256 i; i < 6; ++i) {
            _add(i, ICommunity.Connection.ThreePhase, i < 2 ? 200_000 : 150_000);
        }
        uint64[] memory cons = new uint64[](6);
        _post(CYCLE, 3_600_001, cons);
        vm.recordLogs();
        vm.startPrank(mgr);
        assertFalse(community.closeCycle(CYCLE, 4));
        assertTrue(community.closeCycle(CYCLE, 4));
        vm.stopPrank();
        ICommunity.Settlement[] memory s = _settlements(vm.getRecordedLogs());
        uint256 sum;
        for (uint256 i; i < 6; ++i) {
            sum += s[i].allocatedWh;
        }
        assertEq(sum, 3_600_001, "allocation sums exactly to generation");
        Vm.Log[] memory none = vm.getRecordedLogs();
        assertEq(none.length, 0);
    }
}
