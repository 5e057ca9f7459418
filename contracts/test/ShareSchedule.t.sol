// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "../src/interfaces/ICommonErrors.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @notice Share changes are filed for a later cycle (domain.md §2.2, §7 rule 2; issue #17): the
///         cycle being read keeps the shares in force, the effective cycle uses the new ones.
/// @dev Three members — A three-phase 50 %, B two-phase 30 %, C single-phase 20 % — and a first
///      cycle (202512) closed with nothing generated, so the open cycle is N = 202601.
contract ShareScheduleTest is CommunityTestBase {
    uint32 internal constant N = 202601;
    uint32 internal constant N1 = 202602;
    uint32 internal constant N2 = 202603;
    uint32 internal constant FILED = 20260115;
    bytes32 internal constant DOC = keccak256("rateio 2026-02.csv");
    bytes32 internal constant DOC2 = keccak256("rateio 2026-03.csv");
    uint64 internal constant GEN = 1_000_000; // 1,000 kWh a cycle

    function setUp() public {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        _add(0, ICommunity.Connection.ThreePhase, 500_000); // A
        _add(1, ICommunity.Connection.TwoPhase, 300_000); // B
        _add(2, ICommunity.Connection.SinglePhase, 200_000); // C
        _post(FIRST, 0, new uint64[](3));
        _close(FIRST);
    }

    function _v() internal view returns (ICommunityViews) {
        return ICommunityViews(address(community));
    }

    function _three(uint32 a, uint32 b, uint32 c) internal pure returns (uint32[] memory x) {
        x = new uint32[](3);
        (x[0], x[1], x[2]) = (a, b, c);
    }

    function _two(uint32 a, uint32 b) internal pure returns (uint32[] memory x) {
        x = new uint32[](2);
        (x[0], x[1]) = (a, b);
    }

    function _file(uint32[] memory ids, uint32[] memory shares, uint32 effective, bytes32 doc) internal {
        vm.prank(mgr);
        community.scheduleShares(ids, shares, effective, FILED, doc);
    }

    /// @dev A: 40 %, B: 30 %, C: 30 % from N+1.
    function _fileA() internal {
        _file(_ids(3), _three(400_000, 300_000, 300_000), N1, DOC);
    }

    /// @dev Closes the open cycle with GEN and nobody consuming; returns its settlements.
    function _closeOpen() internal returns (ICommunity.Settlement[] memory) {
        uint32 cycle = ICommunityViews(address(community)).openCycle();
        _post(cycle, GEN, new uint64[](ICommunityViews(address(community)).memberCount()));
        vm.recordLogs();
        _close(cycle);
        return _settlements(vm.getRecordedLogs());
    }

    function _assertAllocated(ICommunity.Settlement[] memory s, uint64 a, uint64 b, uint64 c) internal pure {
        assertEq(s[0].allocatedWh, a, "A allocated");
        assertEq(s[1].allocatedWh, b, "B allocated");
        assertEq(s[2].allocatedWh, c, "C allocated");
    }

    // ───────────── the schedule and its effect ─────────────

    /// @dev Filed during N for N+1: N's close allocates 500/300/200 kWh, N+1's 400/300/300 kWh.
    function test_schedule_nextCycle_leavesOpenCycleUntouched() public {
        vm.expectEmit(address(community));
        emit ICommunity.MemberShareScheduled(0, 500_000, 400_000, N1, 1);
        vm.expectEmit(address(community));
        emit ICommunity.MemberShareScheduled(1, 300_000, 300_000, N1, 1);
        vm.expectEmit(address(community));
        emit ICommunity.MemberShareScheduled(2, 200_000, 300_000, N1, 1);
        vm.expectEmit(address(community));
        emit ICommunity.ShareScheduleCreated(1, N1, FILED, DOC, 1_000_000);
        _fileA();

        ICommunity.MemberView memory a = _v().member(0);
        assertEq(a.sharePpm, 500_000, "in force for N");
        assertEq(a.pendingSharePpm, 400_000);
        assertEq(a.pendingShareCycle, N1);
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 1_000_000);
        ICommunity.ShareSchedule memory sch = _v().shareSchedule();
        assertEq(sch.id, 1);
        assertEq(sch.effectiveCycle, N1);
        assertEq(sch.filedOn, FILED);
        assertEq(sch.documentHash, DOC);
        assertEq(sch.totalPpm, 1_000_000);
        assertTrue(sch.pending);
        assertFalse(sch.cancelled);
        ICommunity.Dashboard memory d = _v().dashboardOf(_wallet(2));
        assertEq(d.member.sharePpm, 200_000);
        assertEq(d.member.pendingSharePpm, 300_000, "C's dashboard: 30 % from 02/2026");
        assertEq(d.member.pendingShareCycle, N1);

        // N: the old shares
        _post(N, GEN, new uint64[](3));
        vm.recordLogs();
        vm.expectEmit(address(community));
        emit ICommunity.ShareScheduleApplied(1, N1, 1_000_000);
        _close(N);
        _assertAllocated(_settlements(vm.getRecordedLogs()), 500_000, 300_000, 200_000);

        // in force now: shown as the current share, nothing pending
        a = _v().member(0);
        assertEq(a.sharePpm, 400_000);
        assertEq(a.pendingSharePpm, 0);
        assertEq(a.pendingShareCycle, 0);
        assertFalse(_v().shareSchedule().pending);
        assertEq(_v().members(0, 3)[2].sharePpm, 300_000);

        // N+1: the new ones
        _assertAllocated(_closeOpen(), 400_000, 300_000, 300_000);
        _assertAllocated(_closeOpen(), 400_000, 300_000, 300_000);
    }

    /// @dev Same change with consumption: in N+1 member C (single-phase, 30 kWh minimum) consumes
    ///      250 kWh, all compensated from its 300 kWh allocation (GD II, Fio B 60 % in 2026:
    ///      R$ 0.168 × 250 = R$ 42.00 ≥ R$ 24.00), 50 kWh banked; in N it had 200 kWh allocated.
    function test_schedule_nextCycle_settlementFigures() public {
        _fileA();
        uint64[] memory cons = new uint64[](3);
        cons[2] = 250_000;
        _post(N, GEN, cons);
        vm.recordLogs();
        _close(N);
        ICommunity.Settlement[] memory s = _settlements(vm.getRecordedLogs());
        assertEq(s[2].allocatedWh, 200_000);
        assertEq(s[2].compensatedWh, 200_000);
        assertEq(s[2].billedWh, 50_000);
        assertEq(s[2].createdWh, 0);
        assertEq(s[2].billMicroBrl, 40_000_000 + 33_600_000, "50 kWh x 0.80 + 200 kWh x 0.168");

        _post(N1, GEN, cons);
        vm.recordLogs();
        _close(N1);
        s = _settlements(vm.getRecordedLogs());
        assertEq(s[2].allocatedWh, 300_000);
        assertEq(s[2].compensatedWh, 250_000);
        assertEq(s[2].createdWh, 50_000);
        assertEq(s[2].billMicroBrl, 42_000_000);
        assertEq(s[2].balanceWh, 50_000);
    }

    /// @dev A for N+1; once in force (open N+1), B for N+2 lists only B and C (A keeps its 40 %
    ///      from A, not yet folded into its word): N+1 allocates 400/300/300, N+2 400/100/500.
    function test_schedule_twoInARow() public {
        _fileA();
        _closeOpen();
        assertEq(ICommunityViews(address(community)).openCycle(), N1);

        vm.expectEmit(address(community));
        emit ICommunity.MemberShareScheduled(1, 300_000, 100_000, N2, 2);
        vm.expectEmit(address(community));
        emit ICommunity.MemberShareScheduled(2, 300_000, 500_000, N2, 2);
        _file(_two(1, 2), _two(100_000, 500_000), N2, DOC2);
        assertEq(_v().member(0).sharePpm, 400_000, "A: schedule 1's share, in force");
        assertEq(_v().member(0).pendingShareCycle, 0);
        assertEq(_v().member(2).sharePpm, 300_000);
        assertEq(_v().member(2).pendingSharePpm, 500_000);

        vm.recordLogs();
        _post(N1, GEN, new uint64[](3));
        vm.expectEmit(address(community));
        emit ICommunity.ShareScheduleApplied(2, N2, 1_000_000);
        _close(N1);
        _assertAllocated(_settlements(vm.getRecordedLogs()), 400_000, 300_000, 300_000);
        _assertAllocated(_closeOpen(), 400_000, 100_000, 500_000);
        assertEq(_v().shareSchedule().id, 2);
    }

    /// @dev Cancelled, then a new table for the same cycle that lists A and B only: C keeps 20 %
    ///      (its line of the cancelled schedule, 30 %, is ignored).
    function test_schedule_cancelThenReschedule() public {
        _fileA();
        vm.expectEmit(address(community));
        emit ICommunity.ShareScheduleCancelled(1, N1);
        vm.prank(mgr);
        community.cancelShareSchedule();
        ICommunity.ShareSchedule memory sch = _v().shareSchedule();
        assertTrue(sch.cancelled);
        assertFalse(sch.pending);
        assertEq(_v().member(2).sharePpm, 200_000);
        assertEq(_v().member(2).pendingShareCycle, 0, "a cancelled line is not pending");

        _file(_two(0, 1), _two(600_000, 200_000), N1, DOC2);
        assertEq(_v().shareSchedule().id, 2);
        assertEq(_v().member(0).pendingSharePpm, 600_000);
        assertEq(_v().member(2).pendingShareCycle, 0);

        _assertAllocated(_closeOpen(), 500_000, 300_000, 200_000);
        _assertAllocated(_closeOpen(), 600_000, 200_000, 200_000);
    }

    /// @dev A batched close of the effective cycle: members settled first are folded, the others
    ///      still read their line; the views agree throughout, and the totals add up.
    function test_schedule_batchedCloseAcrossEffectiveCycle() public {
        _fileA();
        _closeOpen();
        _post(N1, GEN, new uint64[](3));
        vm.recordLogs();
        vm.startPrank(mgr);
        assertFalse(community.closeCycle(N1, 1));
        assertEq(_v().member(0).sharePpm, 400_000);
        assertEq(_v().member(2).sharePpm, 300_000);
        assertFalse(community.closeCycle(N1, 1));
        assertTrue(community.closeCycle(N1, 1));
        vm.stopPrank();
        _assertAllocated(_settlements(vm.getRecordedLogs()), 400_000, 300_000, 300_000);
        assertEq(ICommunityViews(address(community)).cycleInfo(N1).issuedWh, GEN);
    }

    /// @dev A member who joins after the first close (share 0) gets its share by a schedule.
    function test_schedule_newMemberJoinsWithZeroThenScheduled() public {
        uint32 d = _add(3, ICommunity.Connection.SinglePhase, 0);
        uint32[] memory ids = new uint32[](2);
        (ids[0], ids[1]) = (0, d);
        _file(ids, _two(300_000, 200_000), N1, DOC);
        ICommunity.Settlement[] memory s = _closeOpen();
        assertEq(s[3].allocatedWh, 0);
        s = _closeOpen();
        _assertAllocated(s, 300_000, 300_000, 200_000);
        assertEq(s[3].allocatedWh, 200_000);
    }

    /// @dev The furthest cycle allowed: 12 after the open one.
    function test_schedule_twelveCyclesAhead() public {
        _file(_two(0, 2), _two(300_000, 400_000), 202701, DOC);
        assertEq(_v().member(0).pendingShareCycle, 202701);
        for (uint256 k; k < 12; ++k) {
            _assertAllocated(_closeOpen(), 500_000, 300_000, 200_000);
        }
        assertEq(ICommunityViews(address(community)).openCycle(), 202701);
        _assertAllocated(_closeOpen(), 300_000, 300_000, 400_000);
    }

    /// @dev A leaving member is scheduled to 0 and deactivated once that is in force.
    function test_schedule_memberLeaves() public {
        _file(_two(0, 2), _two(700_000, 0), N1, DOC);
        _closeOpen();
        assertEq(_v().member(2).sharePpm, 0);
        vm.expectEmit(address(community));
        emit ICommunity.MemberActiveChanged(2, false);
        vm.prank(mgr);
        community.setActive(2, false);
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 1_000_000);
        _post(N1, GEN, new uint64[](2)); // readings of the active members, A and B
        vm.recordLogs();
        _close(N1);
        _assertAllocated(_settlements(vm.getRecordedLogs()), 700_000, 300_000, 0);
    }

    // ───────────── refused ─────────────

    function test_schedule_reverts_ShareSchedulePending() public {
        _fileA();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ShareSchedulePending.selector, uint32(1), N1));
        _file(_ids(3), _three(300_000, 300_000, 400_000), N2, DOC2);
    }

    function test_schedule_reverts_EffectiveCycleNotAfterOpen_open() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.EffectiveCycleNotAfterOpen.selector, N, N));
        _file(_ids(3), _three(400_000, 300_000, 300_000), N, DOC);
    }

    function test_schedule_reverts_EffectiveCycleNotAfterOpen_closed() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.EffectiveCycleNotAfterOpen.selector, FIRST, N));
        _file(_ids(3), _three(400_000, 300_000, 300_000), FIRST, DOC);
    }

    function test_schedule_reverts_EffectiveCycleTooFar() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICommunity.EffectiveCycleTooFar.selector, uint32(202702), uint32(202701))
        );
        _file(_ids(3), _three(400_000, 300_000, 300_000), 202702, DOC);
    }

    function test_schedule_reverts_InvalidCycle() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidCycle.selector, uint32(202613)));
        _file(_ids(3), _three(400_000, 300_000, 300_000), 202613, DOC);
    }

    function test_schedule_reverts_DocumentAlreadyFiled() public {
        _fileA();
        vm.prank(mgr);
        community.cancelShareSchedule();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.DocumentAlreadyFiled.selector, DOC));
        _file(_ids(3), _three(300_000, 300_000, 400_000), N1, DOC);
    }

    function test_schedule_reverts_DocumentHashMissing() public {
        vm.expectRevert(ICommunity.DocumentHashMissing.selector);
        _file(_ids(3), _three(400_000, 300_000, 300_000), N1, bytes32(0));
    }

    function test_schedule_reverts_InvalidFilingDate_month() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidFilingDate.selector, uint32(20261315)));
        vm.prank(mgr);
        community.scheduleShares(_ids(3), _three(400_000, 300_000, 300_000), N1, 20261315, DOC);
    }

    function test_schedule_reverts_InvalidFilingDate_day() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidFilingDate.selector, uint32(20260132)));
        vm.prank(mgr);
        community.scheduleShares(_ids(3), _three(400_000, 300_000, 300_000), N1, 20260132, DOC);
    }

    function test_schedule_reverts_InvalidFilingDate_dayZero() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidFilingDate.selector, uint32(20260100)));
        vm.prank(mgr);
        community.scheduleShares(_ids(3), _three(400_000, 300_000, 300_000), N1, 20260100, DOC);
    }

    /// @dev Not summing: refused, and nothing of it is left (no line, no schedule, document free).
    function test_schedule_reverts_SharesDoNotSum_nothingHalfApplied() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.SharesDoNotSum.selector, uint32(1_100_000)));
        _file(_two(0, 2), _two(500_000, 300_000), N1, DOC);
        assertEq(_v().shareSchedule().id, 0);
        for (uint32 i; i < 3; ++i) {
            assertEq(_v().member(i).pendingShareCycle, 0);
        }
        assertEq(_v().member(2).sharePpm, 200_000);
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 1_000_000);
        _file(_two(0, 2), _two(400_000, 300_000), N1, DOC); // the same document, now summing
        _assertAllocated(_closeOpen(), 500_000, 300_000, 200_000);
        _assertAllocated(_closeOpen(), 400_000, 300_000, 300_000);
    }

    function test_schedule_reverts_DuplicateMember() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.DuplicateMember.selector, uint32(0)));
        _file(_three(0, 1, 0), _three(400_000, 300_000, 100_000), N1, DOC);
    }

    function test_schedule_reverts_UnknownMember() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(3)));
        _file(_two(0, 3), _two(400_000, 100_000), N1, DOC);
    }

    function test_schedule_reverts_ShareTooLarge() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ShareTooLarge.selector, uint32(1_000_001)));
        _file(_two(0, 1), _two(1_000_001, 0), N1, DOC);
    }

    function test_schedule_reverts_LengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.LengthMismatch.selector, 3, 2));
        _file(_ids(3), _two(400_000, 300_000), N1, DOC);
    }

    function test_schedule_reverts_BatchTooLarge() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BatchTooLarge.selector, 1001, 1000));
        _file(new uint32[](1001), new uint32[](1001), N1, DOC);
    }

    function test_schedule_reverts_NotManager() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, reader));
        vm.prank(reader);
        community.scheduleShares(_ids(3), _three(400_000, 300_000, 300_000), N1, FILED, DOC);
    }

    function test_schedule_reverts_CycleIsClosing() public {
        _post(N, GEN, new uint64[](3));
        vm.prank(mgr);
        community.closeCycle(N, 1);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, N));
        _file(_ids(3), _three(400_000, 300_000, 300_000), N1, DOC);
    }

    function test_schedule_reverts_NothingClosedYet() public {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        _add(0, ICommunity.Connection.ThreePhase, 1_000_000);
        vm.expectRevert(ICommunity.NothingClosedYet.selector);
        _file(_ids(1), new uint32[](1), 202601, DOC);
    }

    /// @dev Scheduling a non-zero share for an inactive member.
    function test_schedule_reverts_MemberInactive() public {
        uint32 d = _add(3, ICommunity.Connection.SinglePhase, 0);
        vm.prank(mgr);
        community.setActive(d, false);
        uint32[] memory ids = new uint32[](2);
        (ids[0], ids[1]) = (0, d);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, d));
        _file(ids, _two(400_000, 100_000), N1, DOC);
    }

    function test_cancel_reverts_NoShareSchedulePending_none() public {
        vm.expectRevert(ICommunity.NoShareSchedulePending.selector);
        vm.prank(mgr);
        community.cancelShareSchedule();
    }

    function test_cancel_reverts_NoShareSchedulePending_inForce() public {
        _fileA();
        _closeOpen();
        vm.expectRevert(ICommunity.NoShareSchedulePending.selector);
        vm.prank(mgr);
        community.cancelShareSchedule();
    }

    function test_cancel_reverts_NoShareSchedulePending_twice() public {
        _fileA();
        vm.prank(mgr);
        community.cancelShareSchedule();
        vm.expectRevert(ICommunity.NoShareSchedulePending.selector);
        vm.prank(mgr);
        community.cancelShareSchedule();
    }

    function test_cancel_reverts_NotManager() public {
        _fileA();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.cancelShareSchedule();
    }

    // ───────────── immediate changes after the first close ─────────────

    function test_setShares_reverts_SharesFixedUseSchedule() public {
        vm.expectRevert(ICommunity.SharesFixedUseSchedule.selector);
        vm.prank(mgr);
        community.setShares(_two(0, 2), _two(400_000, 300_000));
    }

    function test_addMember_reverts_SharesFixedUseSchedule() public {
        vm.expectRevert(ICommunity.SharesFixedUseSchedule.selector);
        _add(3, ICommunity.Connection.SinglePhase, 1);
    }

    /// @dev A member deactivated between the proposal and its effect: refused while its share in
    ///      force is not 0 (the schedule takes it to 0 only from N+1).
    function test_setActive_reverts_MemberHasShare_inForce() public {
        _file(_two(0, 2), _two(700_000, 0), N1, DOC);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberHasShare.selector, uint32(2), uint32(200_000)));
        vm.prank(mgr);
        community.setActive(2, false);
    }

    /// @dev …and while a non-zero share is pending for it.
    function test_setActive_reverts_MemberHasShare_pending() public {
        uint32 d = _add(3, ICommunity.Connection.SinglePhase, 0);
        uint32[] memory ids = new uint32[](2);
        (ids[0], ids[1]) = (0, d);
        _file(ids, _two(400_000, 100_000), N1, DOC);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberHasShare.selector, d, uint32(100_000)));
        vm.prank(mgr);
        community.setActive(d, false);
    }

    /// @dev With a share in force, even without any schedule.
    function test_setActive_reverts_MemberHasShare_noSchedule() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberHasShare.selector, uint32(0), uint32(500_000)));
        vm.prank(mgr);
        community.setActive(0, false);
    }

    /// @dev A member without a share is deactivated and reactivated after the first close; the
    ///      shares stay as they were.
    function test_setActive_withoutShare_afterFirstClose() public {
        uint32 d = _add(3, ICommunity.Connection.SinglePhase, 0);
        vm.startPrank(mgr);
        community.setActive(d, false);
        community.setActive(d, true);
        vm.stopPrank();
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 1_000_000);
        assertTrue(_v().member(d).active);
    }

    // ───────────── history ─────────────

    /// @dev A member's history shows when its share changed and why: its line's event carries the
    ///      schedule, whose event carries the filing date and the document.
    function test_schedule_eventsForHistory() public {
        vm.recordLogs();
        _fileA();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 lines;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ICommunity.MemberShareScheduled.selector) {
                ++lines;
                assertEq(logs[i].topics[2], bytes32(uint256(N1)), "effective cycle indexed");
                assertEq(logs[i].topics[3], bytes32(uint256(1)), "schedule id indexed");
            }
            if (logs[i].topics[0] == ICommunity.ShareScheduleCreated.selector) {
                (uint32 filedOn, bytes32 doc, uint32 total) = abi.decode(logs[i].data, (uint32, bytes32, uint32));
                assertEq(filedOn, FILED);
                assertEq(doc, DOC);
                assertEq(total, 1_000_000);
            }
        }
        assertEq(lines, 3);
    }
}
