// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {CommunityTestBase} from "../utils/CommunityTestBase.sol";
import {CommunityHandler} from "./CommunityHandler.sol";

contract CommunityInvariantTest is CommunityTestBase {
    CommunityHandler internal handler;

    function setUp() public {
        _deploy(ICommunity.Regime.GD_II, 202001); // Fio B steps start in 2023
        handler = new CommunityHandler(community, mgr);
        targetContract(address(handler));
    }

    function _sumBalances() internal view returns (int256 sum, bool lotsOk) {
        lotsOk = true;
        uint32 n = ICommunityViews(address(community)).memberCount();
        for (uint32 i; i < n; ++i) {
            uint64 bal = ICommunityViews(address(community)).member(i).balanceWh;
            ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(i);
            if (lots.length > 61 || _sumLots(i) != bal) lotsOk = false;
            for (uint256 k = 1; k < lots.length; ++k) {
                if (lots[k].originCycle <= lots[k - 1].originCycle) lotsOk = false;
            }
            sum += int256(uint256(bal));
        }
    }

    /// @dev Σ member balances + pool = Σ issued − Σ compensated − Σ expired ± Σ adjustments.
    function invariant_creditsConserved() public view {
        (int256 sum,) = _sumBalances();
        assertEq(
            sum + int256(uint256(ICommunityViews(address(community)).poolBalance())),
            handler.ghostIssued() - handler.ghostCompensated() - handler.ghostExpired() + handler.ghostAdjusted()
        );
        assertFalse(handler.ghostExpiredMismatch(), "cycle expiredWh = members' + pool's expired");
    }

    /// @dev Members' and the pool's lots add up to their balances, ≤ 61 lots, oldest first, none
    ///      past its expiry.
    function invariant_lotsSumToBalance() public view {
        (, bool ok) = _sumBalances();
        assertTrue(ok);
        ICommunity.Lot[] memory pool = ICommunityViews(address(community)).poolLots();
        uint256 sum;
        uint32 open = ICommunityViews(address(community)).openCycle();
        for (uint256 k; k < pool.length; ++k) {
            sum += pool[k].amountWh;
            assertGe(pool[k].expiryCycle, open, "no pool lot outlives its expiry");
            if (k > 0) assertGt(pool[k].originCycle, pool[k - 1].originCycle);
        }
        assertLe(pool.length, 61);
        assertEq(sum, ICommunityViews(address(community)).poolBalance());
    }

    function invariant_sharesSumAtClose() public view {
        assertFalse(handler.ghostSharesBroken());
    }

    /// @dev Every close allocates with the shares in force for its cycle (a schedule filed during a
    ///      cycle never changes that cycle's allocation).
    function invariant_closeUsesSharesInForce() public view {
        assertFalse(handler.ghostAllocationWrong());
    }

    /// @dev Once the open cycle has closed at least once the total in force stays 1,000,000, and a
    ///      schedule is applied at most once, never after being cancelled.
    function invariant_shareSchedules() public view {
        if (handler.closedCount() != 0) assertEq(ICommunityViews(address(community)).totalSharePpm(), 1_000_000);
        assertLe(handler.ghostSchedulesApplied() + handler.ghostSchedulesCancelled(), handler.ghostSchedules());
        ICommunity.ShareSchedule memory s = ICommunityViews(address(community)).shareSchedule();
        assertEq(s.id, handler.ghostSchedules());
        if (s.pending) assertGt(s.effectiveCycle, ICommunityViews(address(community)).openCycle());
        // a member's pending share is the pending schedule's line, shown only while it waits
        uint32 n = ICommunityViews(address(community)).memberCount();
        for (uint32 i; i < n; ++i) {
            uint32 c = ICommunityViews(address(community)).member(i).pendingShareCycle;
            if (c != 0) {
                assertTrue(s.pending, "pending line without a pending schedule");
                assertEq(c, s.effectiveCycle);
            }
        }
    }

    function invariant_accessControl() public view {
        assertFalse(handler.ghostAccessBroken());
    }

    function invariant_closedCyclesImmutable() public view {
        uint256 n = handler.closedCount();
        for (uint256 i; i < n; ++i) {
            uint32 c = handler.closedCycles(i);
            assertEq(keccak256(abi.encode(ICommunityViews(address(community)).cycleInfo(c))), handler.closedHash(c));
            assertTrue(ICommunityViews(address(community)).cycleInfo(c).closed);
        }
    }
}
