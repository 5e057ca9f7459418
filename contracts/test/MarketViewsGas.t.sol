// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {ICommunityMarket} from "../src/interfaces/ICommunityMarket.sol";
import {MarketTestBase} from "./utils/MarketTestBase.sol";

/// @notice The views a screen reads (`book(10)`, `ordersOf`, `proceedsOf`), in gas, on a market
///         with 1, 1,000 and 50,000 orders ever placed and with 10,000 dead orders at the top of the
///         book (one price) and at the bottom (at the maximum price): printed, and held flat (within
///         10 % of the 1-order figure). Before #13, `ordersOf` walked every id ever placed (it failed
///         a 30M-gas `eth_call` after about 11,700) and `book` walked the orders of the levels it
///         showed. Storage is cooled before each read, as a fresh `eth_call` sees it.
contract MarketViewsGasTest is MarketTestBase {
    ICommunityMarket.Side internal constant BUY = ICommunityMarket.Side.Buy;
    ICommunityMarket.Side internal constant SELL = ICommunityMarket.Side.Sell;
    uint128 internal constant MID = 1e15;

    struct Views {
        uint256 book;
        uint256 ordersOf;
        uint256 proceedsOf;
    }

    function _views() internal returns (Views memory v) {
        bytes[3] memory calls = [
            abi.encodeCall(ICommunityMarket.book, (10)),
            abi.encodeCall(ICommunityMarket.ordersOf, (wallets[1])),
            abi.encodeCall(ICommunityMarket.proceedsOf, (wallets[1]))
        ];
        uint256[3] memory g;
        for (uint256 i; i < 3; ++i) {
            vm.cool(address(market));
            vm.cool(address(community));
            vm.cool(address(token));
            vm.resumeGasMetering();
            (bool ok,) = address(market).staticcall(calls[i]);
            g[i] = vm.lastCallGas().gasTotalUsed;
            vm.pauseGasMetering();
            assertTrue(ok);
        }
        v = Views(g[0], g[1], g[2]);
    }

    /// @dev Twelve live levels per side from members 2 and 4 (asks) and 3 and 5 (bids), and member 1
    ///      with one open order and some proceeds.
    function _liveBook() internal {
        for (uint256 i; i < 12; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            uint128 d = uint128(i);
            vm.prank(wallets[i < 6 ? 2 : 4]);
            market.placeOrder(SELL, MID + 1 + d, 1000, 0, false, d == 0 ? 0 : MID + d, 0);
            vm.prank(wallets[i < 6 ? 3 : 5]);
            market.placeOrder(BUY, MID - 1 - d, 1000, 0, false, d == 0 ? 0 : MID - d, 0);
        }
        vm.prank(wallets[1]);
        market.placeOrder(SELL, MID + 1, 500, 0, false, 0, 0);
        vm.prank(wallets[0]);
        market.placeOrder(BUY, MID + 1, 1500, 0, false, 0, 4); // fills member 1's sell too
        vm.prank(wallets[1]);
        market.placeOrder(BUY, MID - 20, 1000, 0, false, MID - 12, 0);
    }

    /// @dev `n` orders placed and cancelled by member 0 at `price` (dead nodes in one level, or
    ///      below the book when the price is the maximum).
    function _history(uint256 n, uint128 price, ICommunityMarket.Side side) internal {
        vm.startPrank(wallets[0]);
        for (uint256 i; i < n; ++i) {
            (uint64 id,) = market.placeOrder(side, price, 1, 0, false, 0, 0);
            market.cancel(id);
        }
        vm.stopPrank();
    }

    function _print(string memory what, Views memory v) internal pure {
        console.log(what);
        console.log("  book(10)", v.book);
        console.log("  ordersOf", v.ordersOf);
        console.log("  proceedsOf", v.proceedsOf);
    }

    function _flat(Views memory base, Views memory v, string memory what) internal pure {
        assertLe(v.book * 100, base.book * 110, string.concat(what, ": book"));
        assertLe(v.ordersOf * 100, base.ordersOf * 110, string.concat(what, ": ordersOf"));
        assertLe(v.proceedsOf * 100, base.proceedsOf * 110, string.concat(what, ": proceedsOf"));
    }

    function test_gas_views_flatWithHistory() public {
        vm.pauseGasMetering();
        _setUpMarket(6);
        _liveBook();
        Views memory base = _views();
        _print("views, a book of 12 levels per side, 28 orders ever placed", base);
        _history(1000, MID - 100, BUY); // below the shown bids: dead nodes in one level
        Views memory v1k = _views();
        _print("views, after 1,000 more orders placed and cancelled", v1k);
        _flat(base, v1k, "1,000 orders");
        _history(49_000, MID - 100, BUY);
        Views memory v50k = _views();
        _print("views, after 50,000 orders placed and cancelled", v50k);
        _flat(base, v50k, "50,000 orders");
    }

    function test_gas_views_flatWithDeadOrdersAtTopAndBottom() public {
        vm.pauseGasMetering();
        _setUpMarket(6);
        _liveBook();
        Views memory base = _views();
        // 10,000 dead asks in an emptied level above the best ask: one level skipped, no order read
        _history(10_000, MID + 1, SELL);
        Views memory top = _views();
        _print("views, 10,000 dead orders at the top of the book (an emptied level above the best ask)", top);
        _flat(base, top, "10,000 dead at the top");
        // 10,000 dead bids parked below the book, and asks at the maximum price
        _history(5000, 1, BUY);
        _history(5000, type(uint72).max, SELL);
        Views memory bottom = _views();
        _print("views, and 10,000 more at the bottom (bids at 1, asks at the maximum price)", bottom);
        _flat(base, bottom, "10,000 dead at the bottom");
        assertEq(market.book(10).asks[0].totalWh, 1000, "the best live level, its totals unchanged");
    }
}
