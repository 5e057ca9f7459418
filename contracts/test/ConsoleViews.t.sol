// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @notice `consolePage` against the per-member views it replaces in the console (`member`,
///         `readingOf`, `lotsOf` filtered to the lots expiring at the open cycle's close), and its
///         paging edges.
contract ConsoleViewsTest is CommunityTestBase {
    uint256 internal constant N = 9;

    function _views() internal view returns (ICommunityViews) {
        return ICommunityViews(address(community));
    }

    /// @dev One page, decoded here with nothing else live (the IR pipeline's stack stays shallow).
    function _page(uint32 offset, uint32 limit)
        internal
        view
        returns (ICommunityViews.ConsoleCycle memory, ICommunityViews.ConsoleMember[] memory)
    {
        return _views().consolePage(offset, limit);
    }

    /// @dev Page [offset, offset + size) checked against the per-member views; its length.
    function _checkedPage(uint32 offset, uint32 size) internal view returns (uint256) {
        (, ICommunityViews.ConsoleMember[] memory rows) = _page(offset, size);
        _check(offset, rows);
        for (uint256 i; i < rows.length; ++i) {
            assertEq(rows[i].member.id, offset + i);
        }
        return rows.length;
    }

    function _setUp(uint256 n) internal {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        // forge-lint: disable-next-line(unsafe-typecast) -- n is small
        uint32 share = uint32(1_000_000 / n);
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- n is small
            _add(i, ICommunity.Connection(i % 3), i == n - 1 ? uint32(1_000_000 - share * (n - 1)) : share);
        }
    }

    /// @dev Members below their allocation bank lots, the others draw on them; odd members consume
    ///      more on odd rounds so their lots are partly used.
    function _consumption(uint256 n, uint256 round) internal pure returns (uint64[] memory cons) {
        cons = new uint64[](n);
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- small
            cons[i] = uint64((i % 2 == 1 && round % 3 == 0 ? 900 : 200 + 40 * i) * 1000);
        }
    }

    /// @dev `cycles` full cycles: generation, readings, close.
    function _run(uint256 n, uint256 cycles) internal {
        for (uint256 r; r < cycles; ++r) {
            uint32 c = _views().openCycle();
            _post(c, 600_000 * uint64(n), _consumption(n, r));
            _close(c);
        }
    }

    /// @dev Every row of `rows` (from id `offset`) equals what the per-member views say.
    function _check(uint32 offset, ICommunityViews.ConsoleMember[] memory rows) internal view {
        uint32 open = _views().openCycle();
        for (uint256 i; i < rows.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- small
            uint32 id = offset + uint32(i);
            assertEq(abi.encode(rows[i].member), abi.encode(_views().member(id)), "member view");
            (uint32 rc, uint64 consumed) = _views().readingOf(id);
            assertEq(rows[i].hasReading, rc == open, "has reading");
            assertEq(rows[i].consumedWh, rc == open ? consumed : 0, "reading");
            ICommunity.Lot[] memory lots = _views().lotsOf(id);
            uint64 expiring;
            for (uint256 k; k < lots.length; ++k) {
                if (lots[k].expiryCycle <= open) expiring += lots[k].amountWh;
            }
            assertEq(rows[i].expiringWh, expiring, "expiring");
        }
    }

    function test_console_matchesPerMemberViews_withExpiringLots() public {
        _setUp(N);
        _run(N, 61); // lots of the first cycles reach their expiry at the open cycle's close
        (ICommunityViews.ConsoleCycle memory c, ICommunityViews.ConsoleMember[] memory rows) = _page(0, 100);
        assertEq(rows.length, N);
        _check(0, rows);
        uint256 totalExpiring;
        for (uint256 i; i < N; ++i) {
            totalExpiring += rows[i].expiringWh;
        }
        assertGt(totalExpiring, 0, "some lots expire at this close");
        assertEq(c.openCycle, _views().openCycle());
        assertFalse(c.generationPosted);
        assertEq(c.generatedWh, 0);
        assertEq(c.readingsCount, 0);
        assertEq(c.activeCount, N);
        assertEq(c.memberCount, N);
        _halfPosted();
        _halfClosed();
    }

    /// @dev The generation and the even members' readings posted: the page shows exactly those.
    function _halfPosted() internal {
        uint32 open = _views().openCycle();
        uint64[] memory cons = _consumption(N, 1);
        uint32[] memory ids = new uint32[](4);
        uint64[] memory some = new uint64[](4);
        for (uint256 i; i < 4; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- small
            ids[i] = uint32(2 * i);
            some[i] = cons[2 * i];
        }
        vm.startPrank(mgr);
        community.postGeneration(open, 5_400_000);
        community.postReadings(open, ids, some);
        vm.stopPrank();
        (ICommunityViews.ConsoleCycle memory c, ICommunityViews.ConsoleMember[] memory rows) = _page(0, 100);
        _check(0, rows);
        assertTrue(c.generationPosted);
        assertEq(c.generatedWh, 5_400_000);
        assertEq(c.readingsCount, 4);
        assertTrue(rows[2].hasReading);
        assertEq(rows[2].consumedWh, cons[2]);
        assertFalse(rows[1].hasReading);
        assertEq(rows[1].consumedWh, 0);
    }

    /// @dev A batched close half-way: settled members have no lot expiring any more.
    function _halfClosed() internal {
        uint32 open = _views().openCycle();
        vm.startPrank(mgr);
        community.postReadings(open, _ids(N), _consumption(N, 1));
        assertFalse(community.closeCycle(open, 4));
        vm.stopPrank();
        (ICommunityViews.ConsoleCycle memory c, ICommunityViews.ConsoleMember[] memory rows) = _page(0, 100);
        assertTrue(c.closing);
        assertEq(c.cursor, 4);
        _check(0, rows);
        for (uint256 i; i < 4; ++i) {
            assertEq(rows[i].expiringWh, 0, "settled: expired already");
        }
    }

    function test_console_pagingEdges() public {
        _setUp(N);
        _run(N, 2);
        (ICommunityViews.ConsoleCycle memory c, ICommunityViews.ConsoleMember[] memory rows) = _page(uint32(N), 10);
        assertEq(rows.length, 0, "offset at the end");
        assertEq(c.memberCount, N, "the cycle state comes with an empty page");
        (, rows) = _page(1000, 10);
        assertEq(rows.length, 0, "offset past the end");
        (, rows) = _page(type(uint32).max, type(uint32).max);
        assertEq(rows.length, 0, "no overflow at the top");
        (, rows) = _page(0, 0);
        assertEq(rows.length, 0, "limit 0");
        (, rows) = _page(3, type(uint32).max);
        assertEq(rows.length, N - 3, "limit past the end: clipped");
        _check(3, rows);
        // Pages of 4: 4 + 4 + 1, the last one partial, together every member once.
        // (unrolled: a loop here is too deep a stack for the IR pipeline once the pages are inlined)
        assertEq(_checkedPage(0, 4), 4);
        assertEq(_checkedPage(4, 4), 4);
        assertEq(_checkedPage(8, 4), N - 8);
    }

    function test_console_emptyCommunity() public {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        (ICommunityViews.ConsoleCycle memory c, ICommunityViews.ConsoleMember[] memory rows) = _page(0, 100);
        assertEq(rows.length, 0);
        assertEq(c.openCycle, FIRST);
        assertEq(c.memberCount, 0);
    }
}
