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
        uint32 n = community.memberCount();
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
            sum + int256(uint256(community.poolBalance())),
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
        uint32 open = community.openCycle();
        for (uint256 k; k < pool.length; ++k) {
            sum += pool[k].amountWh;
            assertGe(pool[k].expiryCycle, open, "no pool lot outlives its expiry");
            if (k > 0) assertGt(pool[k].originCycle, pool[k - 1].originCycle);
        }
        assertLe(pool.length, 61);
        assertEq(sum, community.poolBalance());
    }

    function invariant_sharesSumAtClose() public view {
        assertFalse(handler.ghostSharesBroken());
    }

    function invariant_accessControl() public view {
        assertFalse(handler.ghostAccessBroken());
    }

    function invariant_closedCyclesImmutable() public view {
        uint256 n = handler.closedCount();
        for (uint256 i; i < n; ++i) {
            uint32 c = handler.closedCycles(i);
            assertEq(keccak256(abi.encode(community.cycleInfo(c))), handler.closedHash(c));
            assertTrue(community.cycleInfo(c).closed);
        }
    }
}
