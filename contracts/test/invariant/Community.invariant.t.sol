// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

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
            uint64 bal = community.member(i).balanceWh;
            ICommunity.Lot[] memory lots = community.lotsOf(i);
            if (lots.length > 61 || _sumLots(i) != bal) lotsOk = false;
            for (uint256 k = 1; k < lots.length; ++k) {
                if (lots[k].originCycle <= lots[k - 1].originCycle) lotsOk = false;
            }
            sum += int256(uint256(bal));
        }
    }

    function invariant_creditsConserved() public view {
        (int256 sum,) = _sumBalances();
        assertEq(
            sum, handler.ghostIssued() - handler.ghostCompensated() - handler.ghostExpired() + handler.ghostAdjusted()
        );
    }

    function invariant_lotsSumToBalance() public view {
        (, bool ok) = _sumBalances();
        assertTrue(ok);
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
