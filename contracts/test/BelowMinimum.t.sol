// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {SettlementLib} from "../src/libraries/SettlementLib.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @notice GD II below the minimum (issue #17, REN 1.000 art. 655-I): the setting
///         `gd2BelowMinimum`, in both regimes and both settings, against figures computed by hand.
/// @dev Tariffs of domain.md §6: full R$ 0.80/kWh, Fio B R$ 0.28/kWh, 2026 (Fio B 60 %: R$ 0.168
///      per compensated kWh). Two units, 540 kWh allocated each, no older credits:
///      - L, single-phase (30 kWh minimum = R$ 24.00), consumes 20 kWh: under its minimum;
///      - J, three-phase (100 kWh minimum = R$ 80.00), consumes 110 kWh: just above it.
///      GD II, DownToMinimum: the cap is c* = floor((cons − min) × 0.80 / (0.80 − 0.168)):
///      L: cons ≤ min, c* = 0 → compensates nothing, pays R$ 24.00 (minimum), banks 540 kWh;
///      J: c* = floor(10,000 Wh × 800,000 × 1e6 / 632,000,000,000) = 12,658 Wh; bill
///         97.342 kWh × 0.80 = R$ 77.8736 + 12.658 kWh × 0.168 = R$ 2.126544 → R$ 80.000144 ≥ R$ 80.00
///         (one more Wh: R$ 77.8728 + 2.126712 = R$ 79.999512, under it); banks 527.342 kWh.
///      GD II, AllConsumption: L compensates 20 kWh (R$ 3.36 of Fio B), J 110 kWh (R$ 18.48): both
///      pay the minimum all the same (R$ 24.00 / R$ 80.00) and bank 520 / 430 kWh.
///      GD I (either setting): L compensates 0 (pays 30 kWh = R$ 24.00, banks 540), J 10 kWh (pays
///      100 kWh = R$ 80.00, banks 530).
contract BelowMinimumTest is CommunityTestBase {
    uint32 internal constant CYCLE = 202601;

    struct Expected {
        uint64 comp;
        uint64 billed;
        uint64 created;
        bool minApplied;
        uint64 fioB;
        uint64 bill;
    }

    function _run(ICommunity.Regime regime, ICommunity.BelowMinimum policy)
        internal
        returns (ICommunity.Settlement[] memory)
    {
        _deploy(regime, CYCLE);
        ICommunity.Settings memory s = _settings(regime);
        s.gd2BelowMinimum = policy;
        vm.prank(mgr);
        community.updateSettings(s);
        assertEq(uint8(ICommunityViews(address(community)).settings().gd2BelowMinimum), uint8(policy));
        _add(0, ICommunity.Connection.SinglePhase, 500_000); // L
        _add(1, ICommunity.Connection.ThreePhase, 500_000); // J
        uint64[] memory cons = new uint64[](2);
        (cons[0], cons[1]) = (20_000, 110_000);
        _post(CYCLE, 1_080_000, cons);
        vm.recordLogs();
        _close(CYCLE);
        return _settlements(vm.getRecordedLogs());
    }

    function _check(ICommunity.Settlement memory s, Expected memory e) internal pure {
        assertEq(s.allocatedWh, 540_000, "allocated");
        assertEq(s.compensatedWh, e.comp, "compensated");
        assertEq(s.billedWh, e.billed, "billed");
        assertEq(s.createdWh, e.created, "created");
        assertEq(s.usedFromLotsWh, 0, "from lots");
        assertEq(s.balanceWh, e.created, "balance");
        assertEq(s.minimumApplied, e.minApplied, "minimum applied");
        assertEq(s.fioBMicroBrl, e.fioB, "Fio B");
        assertEq(s.billMicroBrl, e.bill, "bill");
    }

    function test_gd2_downToMinimum() public {
        ICommunity.Settlement[] memory s = _run(ICommunity.Regime.GD_II, ICommunity.BelowMinimum.DownToMinimum);
        _check(s[0], Expected(0, 20_000, 540_000, true, 0, 24_000_000));
        _check(s[1], Expected(12_658, 97_342, 527_342, false, 2_126_544, 80_000_144));
        assertEq(ICommunityViews(address(community)).cycleInfo(CYCLE).compensatedWh, 12_658);
    }

    function test_gd2_allConsumption() public {
        ICommunity.Settlement[] memory s = _run(ICommunity.Regime.GD_II, ICommunity.BelowMinimum.AllConsumption);
        _check(s[0], Expected(20_000, 0, 520_000, true, 3_360_000, 24_000_000));
        _check(s[1], Expected(110_000, 0, 430_000, true, 18_480_000, 80_000_000));
        assertEq(ICommunityViews(address(community)).cycleInfo(CYCLE).compensatedWh, 130_000);
    }

    function test_gd1_downToMinimum() public {
        ICommunity.Settlement[] memory s = _run(ICommunity.Regime.GD_I, ICommunity.BelowMinimum.DownToMinimum);
        _check(s[0], Expected(0, 30_000, 540_000, true, 0, 24_000_000));
        _check(s[1], Expected(10_000, 100_000, 530_000, true, 0, 80_000_000));
    }

    /// @dev GD I ignores the setting: the same figures.
    function test_gd1_allConsumption() public {
        ICommunity.Settlement[] memory s = _run(ICommunity.Regime.GD_I, ICommunity.BelowMinimum.AllConsumption);
        _check(s[0], Expected(0, 30_000, 540_000, true, 0, 24_000_000));
        _check(s[1], Expected(10_000, 100_000, 530_000, true, 0, 80_000_000));
    }

    /// @dev The default of a community created without naming it is DownToMinimum (enum value 0),
    ///      and the setting is carried by `SettingsUpdated` and the dashboard.
    function test_setting_defaultAndEvent() public {
        _deploy(ICommunity.Regime.GD_II, CYCLE);
        assertEq(
            uint8(ICommunityViews(address(community)).settings().gd2BelowMinimum),
            uint8(ICommunity.BelowMinimum.DownToMinimum)
        );
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_II);
        s.gd2BelowMinimum = ICommunity.BelowMinimum.AllConsumption;
        vm.expectEmit(address(community));
        emit ICommunity.SettingsUpdated(s);
        vm.prank(mgr);
        community.updateSettings(s);
        assertEq(
            uint8(ICommunityViews(address(community)).settings().gd2BelowMinimum),
            uint8(ICommunity.BelowMinimum.AllConsumption)
        );
    }

    /// @dev An out-of-range enum value is refused by the ABI decoder (nothing stored).
    function test_setting_reverts_outOfRange() public {
        _deploy(ICommunity.Regime.GD_II, CYCLE);
        bytes memory data = abi.encodeCall(ICommunity.updateSettings, (_settings(ICommunity.Regime.GD_II)));
        // the last word of the encoded tuple head is gd2BelowMinimum (the strings come after the head)
        uint256 at = 4 + 32 + 32 * 8; // selector, tuple offset, then the ninth head word
        assembly ("memory-safe") {
            mstore(add(add(data, 32), at), 2)
        }
        vm.prank(mgr);
        (bool ok,) = address(community).call(data);
        assertFalse(ok);
        assertEq(uint8(ICommunityViews(address(community)).settings().gd2BelowMinimum), 0);
    }
}

/// @notice SettlementLib's cap on its own.
contract Gd2CapTest is Test {
    function _in(uint64 alloc, uint64 cons, uint64 bal, uint64 minWh, uint64 fioB, uint32 share, bool all)
        internal
        pure
        returns (SettlementLib.Input memory)
    {
        return SettlementLib.Input(
            alloc,
            cons,
            bal,
            minWh,
            ICommunity.Regime.GD_II,
            800_000,
            fioB,
            share,
            all ? ICommunity.BelowMinimum.AllConsumption : ICommunity.BelowMinimum.DownToMinimum
        );
    }

    /// @dev Hand-computed: unit J above, and the cap binding on older credits (no allocation, 500
    ///      kWh banked): 3φ consuming 150 kWh → c* = floor(50,000 × 8e11 / 6.32e11) = 63,291 Wh.
    function test_cap_handFigures() public pure {
        assertEq(SettlementLib.gd2Cap(_in(540_000, 110_000, 0, 100_000, 280_000, 600_000, false)), 12_658);
        ICommunity.Settlement memory s =
            SettlementLib.settle(_in(0, 150_000, 500_000, 100_000, 280_000, 600_000, false));
        assertEq(s.compensatedWh, 63_291);
        assertEq(s.usedFromLotsWh, 63_291);
        // 86.709 kWh × 0.80 = 69.3672 + 63.291 × 0.168 = 10.632888 → R$ 80.000088
        assertEq(s.billMicroBrl, 80_000_088);
        assertFalse(s.minimumApplied);
    }

    /// @dev At exactly the minimum nothing is compensated; at Fio B = full tariff charged in full
    ///      (denominator 0) compensating changes nothing, so there is no cap.
    function test_cap_edges() public pure {
        assertEq(SettlementLib.gd2Cap(_in(540_000, 100_000, 0, 100_000, 280_000, 600_000, false)), 0);
        assertEq(SettlementLib.gd2Cap(_in(540_000, 110_000, 0, 100_000, 800_000, 1_000_000, false)), type(uint256).max);
        ICommunity.Settlement memory s =
            SettlementLib.settle(_in(540_000, 110_000, 0, 100_000, 800_000, 1_000_000, false));
        assertEq(s.compensatedWh, 110_000);
        assertEq(s.billMicroBrl, 88_000_000, "110 kWh x 0.80 of Fio B");
        // no Fio B at all (share 0): the cap is cons − min
        assertEq(SettlementLib.gd2Cap(_in(540_000, 110_000, 0, 100_000, 280_000, 0, false)), 10_000);
    }

    /// @dev DownToMinimum compensates min(what AllConsumption compensates, the cap), and the cap is
    ///      the largest amount whose exact (unrounded) bill is still at or above the minimum: with
    ///      one Wh more it would fall under it. Nothing when consumption is at or under the minimum.
    function testFuzz_cap_isTheLargestAtOrAboveMinimum(
        uint64 alloc,
        uint64 cons,
        uint64 bal,
        uint8 conn,
        uint64 fioB,
        uint32 share
    ) public pure {
        alloc = uint64(bound(alloc, 0, 1e10));
        cons = uint64(bound(cons, 0, 1e10));
        bal = uint64(bound(bal, 0, 1e10));
        fioB = uint64(bound(fioB, 1, 800_000));
        share = uint32(bound(share, 0, 1_000_000));
        uint64 minWh = SettlementLib.minimumWh(ICommunity.Connection(bound(conn, 0, 2)));
        ICommunity.Settlement memory d = SettlementLib.settle(_in(alloc, cons, bal, minWh, fioB, share, false));
        ICommunity.Settlement memory a = SettlementLib.settle(_in(alloc, cons, bal, minWh, fioB, share, true));
        uint256 cap = SettlementLib.gd2Cap(_in(alloc, cons, bal, minWh, fioB, share, false));
        assertEq(d.compensatedWh, a.compensatedWh < cap ? a.compensatedWh : cap, "min(all, cap)");
        if (cons <= minWh) assertEq(d.compensatedWh, 0, "nothing at or under the minimum");
        uint256 c = d.compensatedWh;
        // exact bill × 1e6 (µR$·Wh/kWh units): (cons − c) × full × 1e6 + c × fioB × share
        uint256 minimum = uint256(minWh) * 800_000 * 1e6;
        if (c > 0) assertGe((uint256(cons) - c) * 800_000 * 1e6 + c * fioB * share, minimum, "bill >= minimum");
        if (c < a.compensatedWh && cons > minWh) {
            // one Wh more would take the exact bill under the minimum
            assertLt((uint256(cons) - c - 1) * 800_000 * 1e6 + (c + 1) * fioB * share, minimum, "largest");
        }
        assertEq(uint256(d.compensatedWh) + d.createdWh, uint256(alloc) + d.usedFromLotsWh, "sources");
    }
}
