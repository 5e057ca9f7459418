// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "../src/interfaces/ICommonErrors.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @notice donate / donateToPool / assignFromPool, the pool's lots and their expiry, uint32 lanes.
contract DonationsTest is CommunityTestBase {
    uint32 internal constant JAN = 202601;
    uint32 internal constant FEB = 202602;

    /// @dev Three members (50 / 30 / 20 %), two closed cycles, nobody consumes:
    ///      lots 202512: 500 / 300 / 200 kWh; 202601: 50 / 30 / 20 kWh. Open cycle: 202602.
    function setUp() public {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        _add(0, ICommunity.Connection.SinglePhase, 500_000);
        _add(1, ICommunity.Connection.TwoPhase, 300_000);
        _add(2, ICommunity.Connection.ThreePhase, 200_000);
        _post(FIRST, 1_000_000, new uint64[](3));
        _close(FIRST);
        _post(JAN, 100_000, new uint64[](3));
        _close(JAN);
    }

    /// @dev Member 3 joins with share 0 and is deactivated (after the first close only a member
    ///      without a share can be): an inactive member for the revert tests.
    function _inactiveMember() internal returns (uint32 id) {
        id = _add(3, ICommunity.Connection.SinglePhase, 0);
        vm.prank(mgr);
        community.setActive(id, false);
    }

    function _lot(uint32 id, uint256 i) internal view returns (ICommunity.Lot memory) {
        return ICommunityViews(address(community)).lotsOf(id)[i];
    }

    function _closeWith(uint64 gen, uint64[] memory cons) internal {
        uint32 cycle = ICommunityViews(address(community)).openCycle();
        _post(cycle, gen, cons);
        _close(cycle);
    }

    // ───────────── donate ─────────────

    function test_donate_oldestFirstKeepsOrigin() public {
        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- short test strings
        emit ICommunity.CreditsDonated(0, 1, FEB, 520_000, bytes32("obrigado"));
        vm.prank(_wallet(0));
        community.donate(1, 520_000, "obrigado");

        ICommunity.Lot[] memory from = ICommunityViews(address(community)).lotsOf(0);
        assertEq(from.length, 1);
        assertEq(from[0].originCycle, JAN);
        assertEq(from[0].amountWh, 30_000);
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 30_000);

        ICommunity.Lot[] memory to = ICommunityViews(address(community)).lotsOf(1);
        assertEq(to.length, 2);
        assertEq(to[0].originCycle, FIRST);
        assertEq(to[0].expiryCycle, 203012, "expiry kept");
        assertEq(to[0].amountWh, 800_000);
        assertEq(to[1].originCycle, JAN);
        assertEq(to[1].amountWh, 50_000);
        assertEq(ICommunityViews(address(community)).member(1).balanceWh, 850_000);
        assertEq(_sumLots(0) + _sumLots(1) + _sumLots(2), 1_100_000, "conserved");
    }

    function test_donate_wholeBalance_thenReceivesAgain() public {
        vm.prank(_wallet(2));
        community.donate(0, 220_000, "");
        assertEq(ICommunityViews(address(community)).member(2).balanceWh, 0);
        assertEq(ICommunityViews(address(community)).lotsOf(2).length, 0);
        vm.prank(_wallet(0));
        community.donate(2, 1, "");
        assertEq(_lot(2, 0).originCycle, FIRST);
        assertEq(_lot(2, 0).amountWh, 1);
        // the next close draws on the received lot first (GD II, 20 kWh allocation, 120.001 kWh
        // consumed: down to the 100 kWh minimum it may compensate up to 25.3 kWh, so all 20.001)
        uint64[] memory cons = new uint64[](3);
        cons[2] = 120_001;
        vm.recordLogs();
        _closeWith(100_000, cons);
        ICommunity.Settlement[] memory s = _settlements(vm.getRecordedLogs());
        assertEq(s[2].usedFromLotsWh, 1);
        assertEq(s[2].balanceWh, 0);
    }

    /// @dev A member who joins later has an oldest-lot pointer at its first cycle; an older donated
    ///      lot must still show and be used first.
    function test_donate_toNewMember_olderLotThanItsFirstCycle() public {
        _add(3, ICommunity.Connection.SinglePhase, 0);
        vm.prank(_wallet(0));
        community.donate(3, 520_000, "");
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(3);
        assertEq(lots.length, 2);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].amountWh, 500_000);
        assertEq(lots[1].originCycle, JAN);
        assertEq(lots[1].amountWh, 20_000);
        assertEq(ICommunityViews(address(community)).member(3).balanceWh, 520_000);
    }

    function test_donate_reverts_NotAMember() public {
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, stranger));
        vm.prank(stranger);
        community.donate(1, 1, "");
    }

    function test_donate_reverts_SelfTransfer() public {
        vm.startPrank(_wallet(0));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.SelfTransfer.selector, uint32(0)));
        community.donate(0, 1, "");
    }

    function test_donate_reverts_UnknownMember() public {
        vm.startPrank(_wallet(0));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(7)));
        community.donate(7, 1, "");
    }

    function test_donate_reverts_ZeroAmount() public {
        vm.startPrank(_wallet(0));
        vm.expectRevert(ICommonErrors.ZeroAmount.selector);
        community.donate(1, 0, "");
    }

    function test_donate_reverts_InsufficientCredits() public {
        vm.startPrank(_wallet(0));
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.InsufficientCredits.selector, uint32(0), 550_000, 550_001));
        community.donate(1, 550_001, "");
    }

    function test_donate_reverts_MemberInactive() public {
        vm.startPrank(_wallet(0));
        vm.stopPrank();

        uint32 inactive = _inactiveMember();
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, inactive));
        vm.prank(_wallet(0));
        community.donate(inactive, 1, "");
    }

    function test_donate_reverts_MemberInactive2() public {
        vm.startPrank(_wallet(0));
        vm.stopPrank();

        uint32 inactive = _inactiveMember();
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, inactive));
        vm.prank(_wallet(3));
        community.donate(0, 1, "");
    }

    function test_donate_reverts_CycleIsClosing() public {
        vm.startPrank(_wallet(0));
        vm.stopPrank();

        // not while a batched close is in progress
        _post(FEB, 1000, new uint64[](3));
        vm.prank(mgr);
        community.closeCycle(FEB, 1);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FEB));
        vm.prank(_wallet(0));
        community.donate(1, 1, "");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 550_000 + 500, "unchanged by the reverts");
    }

    // ───────────── the pool ─────────────

    function test_donateToPool_andAssign() public {
        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- short test strings
        emit ICommunity.PoolDonated(1, FEB, 310_000, bytes32("solidariedade"));
        vm.prank(_wallet(1));
        community.donateToPool(310_000, "solidariedade");
        assertEq(ICommunityViews(address(community)).poolBalance(), 310_000);
        ICommunity.Lot[] memory pool = ICommunityViews(address(community)).poolLots();
        assertEq(pool.length, 2);
        assertEq(pool[0].originCycle, FIRST);
        assertEq(pool[0].amountWh, 300_000);
        assertEq(pool[1].originCycle, JAN);
        assertEq(pool[1].amountWh, 10_000);
        assertEq(ICommunityViews(address(community)).member(1).balanceWh, 20_000);
        assertEq(ICommunityViews(address(community)).dashboardOf(_wallet(0)).poolWh, 310_000);
        assertEq(ICommunityViews(address(community)).dashboardOf(stranger).poolWh, 310_000);

        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- short test strings
        emit ICommunity.PoolAssigned(2, FEB, 305_000, bytes32("tarifa social"));
        vm.prank(mgr);
        community.assignFromPool(2, 305_000, "tarifa social");
        assertEq(ICommunityViews(address(community)).poolBalance(), 5000);
        pool = ICommunityViews(address(community)).poolLots();
        assertEq(pool.length, 1);
        assertEq(pool[0].originCycle, JAN);
        assertEq(pool[0].amountWh, 5000);
        assertEq(_lot(2, 0).amountWh, 500_000);
        assertEq(_lot(2, 1).amountWh, 25_000);
        assertEq(ICommunityViews(address(community)).member(2).balanceWh, 525_000);
    }

    function test_donateToPool_reverts_NotAMember() public {
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, stranger));
        vm.prank(stranger);
        community.donateToPool(1, "");
    }

    function test_donateToPool_reverts_ZeroAmount() public {
        vm.startPrank(_wallet(2));
        vm.expectRevert(ICommonErrors.ZeroAmount.selector);
        community.donateToPool(0, "");
    }

    function test_donateToPool_reverts_InsufficientCredits() public {
        vm.startPrank(_wallet(2));
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.InsufficientCredits.selector, uint32(2), 220_000, 220_001));
        community.donateToPool(220_001, "");
    }

    function test_donateToPool_reverts_MemberInactive() public {
        vm.startPrank(_wallet(2));
        vm.stopPrank();
        uint32 inactive = _inactiveMember();
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, inactive));
        vm.prank(_wallet(3));
        community.donateToPool(1, "");
    }

    function test_assignFromPool_reverts_NotManager() public {
        vm.prank(_wallet(0));
        community.donateToPool(1000, "");
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, _wallet(0)));
        vm.prank(_wallet(0));
        community.assignFromPool(1, 1, "");
    }

    function test_assignFromPool_reverts_PoolInsufficient() public {
        vm.prank(_wallet(0));
        community.donateToPool(1000, "");
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.PoolInsufficient.selector, 1000, 1001));
        community.assignFromPool(1, 1001, "");
    }

    function test_assignFromPool_reverts_ZeroAmount() public {
        vm.prank(_wallet(0));
        community.donateToPool(1000, "");
        vm.startPrank(mgr);
        vm.expectRevert(ICommonErrors.ZeroAmount.selector);
        community.assignFromPool(1, 0, "");
    }

    function test_assignFromPool_reverts_UnknownMember() public {
        vm.prank(_wallet(0));
        community.donateToPool(1000, "");
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(3)));
        community.assignFromPool(3, 1, "");
    }

    function test_assignFromPool_reverts_MemberInactive() public {
        vm.prank(_wallet(0));
        community.donateToPool(1000, "");
        uint32 inactive = _inactiveMember();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, inactive));
        community.assignFromPool(inactive, 1, "");
        vm.stopPrank();
        assertEq(ICommunityViews(address(community)).poolBalance(), 1000);
    }

    function test_assignFromPool_notWhileClosing() public {
        vm.prank(_wallet(0));
        community.donateToPool(1000, "");
        _post(FEB, 1000, new uint64[](3));
        vm.startPrank(mgr);
        community.closeCycle(FEB, 1);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FEB));
        community.assignFromPool(1, 1, "");
        vm.stopPrank();
    }

    /// @dev The pool's lot of FIRST expires at the close of FIRST + 60 and counts in expiredWh.
    function test_poolLotExpires() public {
        vm.prank(_wallet(0));
        community.donateToPool(520_000, ""); // 500 kWh of FIRST, 20 kWh of JAN
        vm.prank(mgr);
        community.assignFromPool(1, 100_000, ""); // pool keeps 400 kWh of FIRST
        uint64[] memory none = new uint64[](3);
        while (ICommunityViews(address(community)).openCycle() != 203012) {
            _closeWith(0, none);
        }
        assertEq(ICommunityViews(address(community)).poolBalance(), 420_000);
        assertEq(ICommunityViews(address(community)).dashboardOf(stranger).poolWh, 420_000);
        uint32 expiring = ICommunityViews(address(community)).openCycle();
        _post(expiring, 0, none);
        vm.expectEmit(address(community));
        emit ICommunity.PoolExpired(expiring, 400_000);
        _close(expiring);
        assertEq(ICommunityViews(address(community)).poolBalance(), 20_000);
        ICommunity.Lot[] memory pool = ICommunityViews(address(community)).poolLots();
        assertEq(pool.length, 1);
        assertEq(pool[0].originCycle, JAN);
        // members' FIRST lots expire too: 0 gave all, 1 had 300 + 100 assigned, 2 had 200
        assertEq(ICommunityViews(address(community)).cycleInfo(expiring).expiredWh, 400_000 + 0 + 400_000 + 200_000);
        _closeWith(0, none);
        assertEq(ICommunityViews(address(community)).poolBalance(), 0);
        assertEq(ICommunityViews(address(community)).poolLots().length, 0);
    }

    // ───────────── uint32 lanes ─────────────

    function test_postGeneration_tooLarge() public {
        uint64 max = type(uint32).max;
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.GenerationTooLarge.selector, max + 1, max));
        community.postGeneration(FEB, max + 1);
        community.postGeneration(FEB, max); // 4.29 GWh: more than a 5 MW plant makes in a month
        vm.stopPrank();
    }

    function test_fullLane_roundTrips() public {
        uint64 max = type(uint32).max;
        _post(FEB, max, new uint64[](3));
        _close(FEB);
        assertEq(_lot(0, 2).amountWh, max / 2);
        assertEq(ICommunityViews(address(community)).member(2).balanceWh, 220_000 + max / 5);
    }

    function test_lotTooLarge_onAdjust() public {
        uint64 room = type(uint32).max - 50_000; // member 0's JAN lot is 50 kWh
        vm.startPrank(mgr);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunity.LotTooLarge.selector, JAN, uint256(type(uint32).max) + 1, type(uint32).max
            )
        );
        // forge-lint: disable-next-line(unsafe-typecast) -- fits int64
        community.adjustCredits(0, int64(uint64(room)) + 1, "");
    }

    function test_lotTooLarge_onDonate() public {
        uint64 room = type(uint32).max - 50_000; // member 0's JAN lot is 50 kWh
        vm.startPrank(mgr);
        // forge-lint: disable-next-line(unsafe-typecast) -- fits int64
        community.adjustCredits(0, int64(uint64(room)), ""); // JAN lot full
        vm.stopPrank();
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 500_000 + uint64(type(uint32).max));
        // member 1 gives all of its FIRST lot, then 1 Wh of its JAN lot, into the full lane
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunity.LotTooLarge.selector, JAN, uint256(type(uint32).max) + 1, type(uint32).max
            )
        );
        vm.prank(_wallet(1));
        community.donate(0, 300_001, "");
    }

    function test_donationHistory_eventsCarryCycle() public {
        vm.recordLogs();
        vm.prank(_wallet(0));
        community.donate(2, 1, "m");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], ICommunity.CreditsDonated.selector);
        assertEq(uint256(logs[0].topics[1]), 0);
        assertEq(uint256(logs[0].topics[2]), 2);
        assertEq(uint256(logs[0].topics[3]), FEB);
    }
}
