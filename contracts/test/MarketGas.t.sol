// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../src/interfaces/ICommunityMarket.sol";
import {MarketTestBase} from "./utils/MarketTestBase.sol";

/// @notice Market gas (design.md "Performance budgets"): donate ≤ 60k, a resting order ≤ 120k, each
///         fill ≤ 100k, cancel ≤ 50k, flat within 10 % from a book of 1 to 1,000 orders.
/// @dev Every measured call is a transaction of its own: the market's, the community's and the
///      token's storage is cooled first (`vm.cool`); the figure is the call's execution gas
///      (`vm.lastCallGas`), without the 21,000 intrinsic gas or calldata, refunds NOT subtracted.
///      The book holds N asks and N bids (N = 1, 100, 1,000), either each at its own price or all at
///      one price per side; every order is 0.1 kWh from members 1..3; member 0 is the taker.
///      Fill cost per maker = (gas(taker filling 10 makers) − gas(filling 1)) / 9; "single fill" is the
///      whole taker transaction that fills one maker (the taker, filled at once, is not stored).
///      Resting orders are measured for a member that has placed orders before: a member's very
///      first order also stores its wallet in the market (one new slot, once) and its first sell
///      opens its escrow account in the community (two new slots, once); those figures are printed
///      ("first order of its member") and not held to the budget.
contract MarketGasTest is MarketTestBase {
    ICommunityMarket.Side internal constant BUY = ICommunityMarket.Side.Buy;
    ICommunityMarket.Side internal constant SELL = ICommunityMarket.Side.Sell;
    uint128 internal constant MID = 1_000_000;
    uint64 internal constant Q = 100; // 0.1 kWh: 1,000 asks fit the makers' credits

    struct Figures {
        uint256 donate;
        uint256 restBuy;
        uint256 restSell;
        uint256 restBuyFirst; // member 0's first order ever (not a budget figure: once per member)
        uint256 restSellFirst;
        uint256 fillAsk1; // taker buys from one sell maker
        uint256 fillAskEach; // marginal per sell maker
        uint256 fillBid1;
        uint256 fillBidEach;
        uint256 cancelBuy;
        uint256 cancelSell;
    }

    function _tx(address from, address to, bytes memory data) internal returns (uint256 gas) {
        vm.cool(address(market));
        vm.cool(address(community));
        vm.cool(address(token));
        vm.prank(from);
        vm.resumeGasMetering();
        (bool ok, bytes memory ret) = to.call(data);
        gas = vm.lastCallGas().gasTotalUsed;
        vm.pauseGasMetering();
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    function _order(ICommunityMarket.Side side, uint128 price, uint64 wh, uint128 hint, uint8 maxFills)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeCall(ICommunityMarket.placeOrder, (side, price, wh, 0, false, hint, maxFills));
    }

    /// @dev N asks above MID and N bids below, each at its own price (`distinct`) or one per side.
    function _book(uint256 n, bool distinct) internal returns (uint64 midBid, uint64 midAsk) {
        uint128 prevAsk;
        uint128 prevBid;
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            uint128 d = distinct ? uint128(i) : 0;
            vm.prank(wallets[1 + i % 3]);
            (uint64 a,) = market.placeOrder(SELL, MID + 1 + d, Q, 0, false, prevAsk, 0);
            vm.prank(wallets[1 + (i + 1) % 3]);
            (uint64 b,) = market.placeOrder(BUY, MID - 1 - d, Q, 0, false, prevBid, 0);
            prevAsk = MID + 1 + d;
            prevBid = MID - 1 - d;
            if (i == n / 2) (midBid, midAsk) = (b, a);
        }
    }

    function _measure(uint256 n, bool distinct) internal returns (Figures memory f) {
        vm.pauseGasMetering();
        _setUpMarket(4);
        (uint64 midBid, uint64 midAsk) = _book(n, distinct);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        uint128 worstBid = distinct ? MID - uint128(n) : MID - 1;
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        uint128 worstAsk = distinct ? MID + uint128(n) : MID + 1;
        uint256 snap = vm.snapshotState();

        f.donate = _tx(wallets[1], address(community), abi.encodeCall(ICommunity.donate, (2, 1000, "")));
        vm.revertToState(snap);
        // a resting order: a new worst level (distinct) or the back of the only level (one price)
        f.restBuy = _tx(wallets[1], address(market), _order(BUY, distinct ? worstBid - 1 : worstBid, Q, worstBid, 4));
        vm.revertToState(snap);
        f.restSell = _tx(wallets[1], address(market), _order(SELL, distinct ? worstAsk + 1 : worstAsk, Q, worstAsk, 4));
        vm.revertToState(snap);
        // the first resting order of a member also stores its wallet (once), and its first sell
        // opens its escrow account in the community (once): printed, not held to the budget
        f.restBuyFirst =
            _tx(wallets[0], address(market), _order(BUY, distinct ? worstBid - 1 : worstBid, Q, worstBid, 0));
        vm.revertToState(snap);
        f.restSellFirst =
            _tx(wallets[0], address(market), _order(SELL, distinct ? worstAsk + 1 : worstAsk, Q, worstAsk, 0));
        vm.revertToState(snap);
        // fills: member 0 takes 1 or 10 makers (0.1 kWh each) at the best prices
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        f.fillAsk1 = _tx(wallets[0], address(market), _order(BUY, MID + 10 + uint128(n), Q, 0, 1));
        vm.revertToState(snap);
        if (n >= 10) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            uint256 g10 = _tx(wallets[0], address(market), _order(BUY, MID + 10 + uint128(n), 10 * Q, 0, 10));
            f.fillAskEach = (g10 - f.fillAsk1) / 9;
            vm.revertToState(snap);
        }
        f.fillBid1 = _tx(wallets[0], address(market), _order(SELL, 1, Q, 0, 1));
        vm.revertToState(snap);
        if (n >= 10) {
            uint256 g10 = _tx(wallets[0], address(market), _order(SELL, 1, 10 * Q, 0, 10));
            f.fillBidEach = (g10 - f.fillBid1) / 9;
            vm.revertToState(snap);
        }
        address bidOwner = market.order(midBid).owner;
        f.cancelBuy = _tx(bidOwner, address(market), abi.encodeCall(ICommunityMarket.cancel, (midBid)));
        vm.revertToState(snap);
        address askOwner = market.order(midAsk).owner;
        f.cancelSell = _tx(askOwner, address(market), abi.encodeCall(ICommunityMarket.cancel, (midAsk)));
        vm.revertToState(snap);

        console.log(
            distinct
                ? "book: N asks + N bids, each at its own price; N ="
                : "book: N asks + N bids at one price per side; N =",
            n
        );
        console.log("  donate", f.donate);
        console.log("  resting buy", f.restBuy);
        console.log("  resting sell", f.restSell);
        console.log("  resting buy, first order of its member", f.restBuyFirst);
        console.log("  resting sell, first order of its member", f.restSellFirst);
        console.log("  taker buy filling 1 ask (whole tx)", f.fillAsk1);
        console.log("  each further ask filled", f.fillAskEach);
        console.log("  taker sell filling 1 bid (whole tx)", f.fillBid1);
        console.log("  each further bid filled", f.fillBidEach);
        console.log("  cancel buy", f.cancelBuy);
        console.log("  cancel sell", f.cancelSell);
    }

    /// @dev The design budgets, asserted as they are. What keeps each within it (see CommunityMarket):
    ///      - a resting order writes one new order slot (a taker filled at once writes none), joins
    ///        a level (one slot, and the old tail's `next`) or links a new one (one new slot, and the
    ///        better neighbour's `worse`); a sell adds to the member's one escrow account in the
    ///        community (existing words, after its first sell order);
    ///      - a fill updates the maker's slot, the level only when the maker leaves it, and credits
    ///        the maker's proceeds (sell makers) in a slot that holds its wallet since its first order;
    ///      - cancel writes the order's slot only (the level keeps no totals) and returns the escrow
    ///        (a community call or a token transfer);
    ///      - the globals a placement touches (best bid / ask, last id, last fill) are one slot.
    ///      The taker transaction that fills one maker is held to the fill budget too.
    uint256 internal constant BUDGET_DONATE = 60_000;
    uint256 internal constant BUDGET_REST = 120_000;
    uint256 internal constant BUDGET_FILL = 100_000;
    uint256 internal constant BUDGET_CANCEL = 50_000;

    function _checkBudgets(Figures memory f) internal pure {
        assertLe(f.donate, BUDGET_DONATE, "donate");
        assertLe(f.restBuy, BUDGET_REST, "resting buy");
        assertLe(f.restSell, BUDGET_REST, "resting sell");
        assertLe(f.fillAsk1, BUDGET_FILL, "taker tx filling one ask");
        assertLe(f.fillBid1, BUDGET_FILL, "taker tx filling one bid");
        assertLe(f.fillAskEach, BUDGET_FILL, "each ask fill");
        assertLe(f.fillBidEach, BUDGET_FILL, "each bid fill");
        assertLe(f.cancelBuy, BUDGET_CANCEL, "cancel buy");
        assertLe(f.cancelSell, BUDGET_CANCEL, "cancel sell");
    }

    function _flat(uint256 a, uint256 b, string memory what) internal pure {
        uint256 hi = a > b ? a : b;
        uint256 lo = a > b ? b : a;
        assertLe(hi * 100, lo * 110, what);
    }

    function _run(bool distinct) internal {
        Figures memory f1 = _measure(1, distinct);
        Figures memory f100 = _measure(100, distinct);
        Figures memory f1000 = _measure(1000, distinct);
        _checkBudgets(f1);
        _checkBudgets(f100);
        _checkBudgets(f1000);
        _flat(f1.restBuy, f1000.restBuy, "resting buy flat 1 -> 1,000");
        _flat(f1.restSell, f1000.restSell, "resting sell flat 1 -> 1,000");
        _flat(f1.fillAsk1, f1000.fillAsk1, "ask fill flat 1 -> 1,000");
        _flat(f1.fillBid1, f1000.fillBid1, "bid fill flat 1 -> 1,000");
        _flat(f100.fillAskEach, f1000.fillAskEach, "each ask fill flat 100 -> 1,000");
        _flat(f100.fillBidEach, f1000.fillBidEach, "each bid fill flat 100 -> 1,000");
        _flat(f1.cancelBuy, f1000.cancelBuy, "cancel buy flat 1 -> 1,000");
        _flat(f1.cancelSell, f1000.cancelSell, "cancel sell flat 1 -> 1,000");
    }

    function test_gas_market_distinctPrices() public {
        _run(true);
    }

    function test_gas_market_onePrice() public {
        _run(false);
    }
}
