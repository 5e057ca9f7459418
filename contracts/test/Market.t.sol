// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "../src/interfaces/ICommonErrors.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../src/interfaces/ICommunityMarket.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {CreditAccounts} from "../src/libraries/CreditAccounts.sol";
import {CommunityMarket} from "../src/CommunityMarket.sol";
import {DemoBRL} from "../src/DemoBRL.sol";
import {MarketTestBase} from "./utils/MarketTestBase.sol";

/// @notice CommunityMarket: every function and revert, matching, escrow, expiry, permit, renewals.
contract MarketTest is MarketTestBase {
    ICommunityMarket.Side internal constant BUY = ICommunityMarket.Side.Buy;
    ICommunityMarket.Side internal constant SELL = ICommunityMarket.Side.Sell;
    uint256 internal constant ESCROW = CreditAccounts.ESCROW_BASE;

    function setUp() public {
        _setUpMarket(4);
    }

    // ───────────── setup and access ─────────────

    function test_init_attached() public view {
        assertEq(community.market(), address(market));
        assertEq(registry.marketOf(address(community)), address(market));
        assertEq(registry.marketOf(stranger), address(0));
        assertEq(market.community(), address(community));
    }

    function test_init_marketInitializedOnce() public {
        vm.expectRevert(ICommonErrors.AlreadyInitialized.selector);
        market.initialize(stranger);
    }

    function test_init_marketImplementationLocked() public {
        CommunityMarket impl = CommunityMarket(registry.marketImplementation());
        vm.expectRevert(ICommonErrors.AlreadyInitialized.selector);
        impl.initialize(stranger);
    }

    function test_init_marketRefusesZeroCommunity() public {
        CommunityMarket fresh = CommunityMarket(Clones.clone(registry.marketImplementation()));
        vm.expectRevert(ICommonErrors.ZeroAddress.selector);
        fresh.initialize(address(0));
    }

    function test_init_marketAttachedOnce() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MarketAlreadyAttached.selector, address(market)));
        vm.prank(address(registry));
        community.attachMarket(stranger);
    }

    function test_init_onlyRegistryAttaches() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotMarket.selector, stranger));
        vm.prank(stranger);
        community.attachMarket(stranger);
    }

    function test_init_onlyMarketMovesEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotMarket.selector, stranger));
        vm.prank(stranger);
        community.moveCreditsForMarket(0, ESCROW + 1, 1);
    }

    // ───────────── resting orders ─────────────

    function test_sell_rests_escrowsOldestLotFirst() public {
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderPlaced(1, 0, SELL, P, 410_000, 0, false);
        uint64 id = _sell(0, P, 410_000);
        assertEq(id, 1);
        assertEq(_bal(0), 30_000);
        ICommunity.Lot[] memory left = ICommunityViews(address(community)).lotsOf(0);
        assertEq(left.length, 1);
        assertEq(left[0].originCycle, JAN, "the oldest lot went first");
        assertEq(_escrowedWh(), 410_000);
        ICommunityMarket.Order memory o = market.order(id);
        assertEq(o.remainingWh, 410_000);
        assertEq(o.soonestExpiryCycle, 203012, "202512 + 60 months");
        assertEq(uint8(o.status), uint8(ICommunityMarket.Status.Open));
        ICommunityMarket.Book memory b = market.book(5);
        assertEq(b.asks.length, 1);
        assertEq(b.bids.length, 0);
        assertEq(b.asks[0].priceTokenPerKwh, P);
        assertEq(b.asks[0].totalWh, 410_000);
        assertEq(b.asks[0].orderCount, 1);
        assertEq(b.asks[0].soonestExpiryCycle, 203012);
        assertEq(b.paymentToken, address(token));
        assertEq(b.tokenDecimals, 18);
        assertTrue(b.pricedOrdersAllowed);
        assertEq(market.ordersOf(wallets[0]).length, 1);
    }

    function test_buy_rests_escrowsCeil() public {
        uint256 before = token.balanceOf(wallets[1]);
        vm.prank(wallets[1]);
        (uint64 id, uint64 filled) = market.placeOrder(BUY, 333, 1001, 0, false, 0, 4);
        assertEq(filled, 0);
        assertEq(before - token.balanceOf(wallets[1]), 334, "ceil(1001 x 333 / 1000)");
        assertEq(market.order(id).escrowToken, 334);
        assertEq(market.owedToken(), 334);
        assertEq(token.balanceOf(address(market)), 334);
        assertEq(market.book(1).bids[0].totalWh, 1001);
    }

    // ───────────── fills ─────────────

    function test_fill_atMakerPrice_buyerKeepsOrigins() public {
        uint64 ask = _sell(0, P, 410_000);
        uint256 before = token.balanceOf(wallets[1]);
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderFilled(ask, 2, FEB, 0, 1, SELL, P, 405_000, 405_000 * uint256(P) / 1000);
        vm.prank(wallets[1]);
        (uint64 id, uint64 filled) = market.placeOrder(BUY, P * 2, 405_000, 0, false, 0, 4);
        assertEq(filled, 405_000);
        uint256 cost = 405_000 * uint256(P) / 1000;
        assertEq(before - token.balanceOf(wallets[1]), cost, "paid at the maker's price");
        assertEq(market.proceedsOf(wallets[0]), cost);
        assertEq(uint8(market.order(id).status), uint8(ICommunityMarket.Status.Filled));
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(1);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].expiryCycle, 203012, "expiry travels");
        assertEq(lots[0].amountWh, 700_000);
        assertEq(lots[1].originCycle, JAN);
        assertEq(lots[1].amountWh, 35_000);
        assertEq(market.order(ask).remainingWh, 5000, "partial fill");
        assertEq(market.order(ask).soonestExpiryCycle, 203101, "only the 202601 lot is left");
        assertEq(_escrowedWh(), 5000);
        assertEq(market.book(1).lastPriceTokenPerKwh, P);
        assertEq(market.ordersOf(wallets[1]).length, 0, "a filled order is not open");
    }

    function test_priceTimePriority_olderFirstAtOnePrice() public {
        uint64 a = _sell(0, P, 10_000);
        uint64 c = _sell(2, P, 10_000);
        _buy(1, P, 10_000);
        assertEq(market.order(a).remainingWh, 0);
        assertEq(market.order(c).remainingWh, 10_000);
    }

    function test_priceTimePriority_betterPriceFirst() public {
        uint64 a = _sell(0, P + 1, 10_000);
        uint64 c = _sell(2, P, 10_000);
        _buy(1, P + 1, 10_000);
        assertEq(market.order(a).remainingWh, 10_000);
        assertEq(market.order(c).remainingWh, 0);
        assertEq(market.book(4).asks[0].priceTokenPerKwh, P + 1);
    }

    function test_crossingOrder_fillsAcrossLevels_thenRests() public {
        _sell(0, P + 2, 10_000);
        _sell(2, P, 10_000);
        _sell(3, P + 1, 10_000);
        uint256 before = token.balanceOf(wallets[1]);
        vm.prank(wallets[1]);
        (uint64 id, uint64 filled) = market.placeOrder(BUY, P + 3, 50_000, 0, false, 0, 10);
        assertEq(filled, 30_000);
        uint256 paid =
            10 * uint256(P) + 10 * uint256(P + 1) + 10 * uint256(P + 2) + (20_000 * uint256(P + 3) + 999) / 1000;
        assertEq(before - token.balanceOf(wallets[1]), paid);
        assertEq(market.book(4).asks.length, 0);
        assertEq(market.book(4).bids[0].totalWh, 20_000);
        assertEq(market.order(id).remainingWh, 20_000);
        assertEq(market.book(1).lastPriceTokenPerKwh, P + 2);
    }

    function test_maxFills_boundThenRestNotPlacedCrossed() public {
        _sell(0, P, 10_000);
        _sell(2, P, 10_000);
        _sell(3, P, 10_000);
        vm.expectEmit(address(market));
        emit ICommunityMarket.RestNotPlaced(4, 10_000);
        vm.prank(wallets[1]);
        (uint64 id, uint64 filled) = market.placeOrder(BUY, P, 30_000, 0, false, 0, 2);
        assertEq(filled, 20_000);
        assertEq(market.order(id).remainingWh, 0, "the rest would cross the ask at P: not placed");
        assertEq(market.book(1).asks[0].totalWh, 10_000);
        assertEq(market.book(1).bids.length, 0, "never rests crossed");
        assertEq(market.owedToken(), 20 * uint256(P), "the sellers' proceeds only: no escrow taken for the rest");
    }

    /// @dev A fill against a buy maker pays ceil(old escrow) − ceil(new escrow): a completed buy
    ///      order leaves no dust behind; a partial one pays at most the ceil of its part.
    function test_takerSells_intoBid_getsTokensAtOnce_escrowDeltaToSeller_OrderNotOpen() public {
        vm.prank(wallets[1]);
        (uint64 bid,) = market.placeOrder(BUY, 333, 1001, 0, false, 0, 4); // escrow ceil(333.333) = 334
        uint256 before = token.balanceOf(wallets[0]);
        vm.prank(wallets[0]);
        (uint64 taker, uint64 filled) = market.placeOrder(SELL, 300, 1001, 0, false, 0, 4);
        assertEq(filled, 1001);
        assertEq(token.balanceOf(wallets[0]) - before, 334, "ceil(1001 x 333 / 1000) - ceil(0)");
        assertEq(market.proceedsOf(wallets[1]), 0, "no dust left for the buyer");
        assertEq(uint8(market.order(bid).status), uint8(ICommunityMarket.Status.Filled));
        assertEq(ICommunityViews(address(community)).lotsOf(1)[0].amountWh, 300_000 + 1001, "oldest lot of the seller");
        assertEq(market.owedToken(), 0);
        assertEq(token.balanceOf(address(market)), 0);
        // the taker filled at once and is not stored: it reads as Filled with zero figures
        ICommunityMarket.Order memory t = market.order(taker);
        assertEq(uint8(t.status), uint8(ICommunityMarket.Status.Filled));
        assertEq(t.priceTokenPerKwh, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.OrderNotOpen.selector, taker));
        vm.prank(wallets[0]);
        market.cancel(taker);
    }

    function test_takerSells_intoBid_getsTokensAtOnce_escrowDeltaToSeller_UnknownOrder() public {
        vm.prank(wallets[1]);
        (uint64 bid,) = market.placeOrder(BUY, 333, 1001, 0, false, 0, 4); // escrow ceil(333.333) = 334
        uint256 before = token.balanceOf(wallets[0]);
        vm.prank(wallets[0]);
        (uint64 taker, uint64 filled) = market.placeOrder(SELL, 300, 1001, 0, false, 0, 4);
        assertEq(filled, 1001);
        assertEq(token.balanceOf(wallets[0]) - before, 334, "ceil(1001 x 333 / 1000) - ceil(0)");
        assertEq(market.proceedsOf(wallets[1]), 0, "no dust left for the buyer");
        assertEq(uint8(market.order(bid).status), uint8(ICommunityMarket.Status.Filled));
        assertEq(ICommunityViews(address(community)).lotsOf(1)[0].amountWh, 300_000 + 1001, "oldest lot of the seller");
        assertEq(market.owedToken(), 0);
        assertEq(token.balanceOf(address(market)), 0);
        // the taker filled at once and is not stored: it reads as Filled with zero figures
        ICommunityMarket.Order memory t = market.order(taker);
        assertEq(uint8(t.status), uint8(ICommunityMarket.Status.Filled));
        assertEq(t.priceTokenPerKwh, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.UnknownOrder.selector, taker + 1));
        market.order(taker + 1);
    }

    // ───────────── cancel ─────────────

    function test_cancel_sell_returnsSameLots() public {
        uint64 id = _sell(0, P, 420_000);
        _buy(1, P, 15_000);
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderCancelled(id, 405_000, 0);
        vm.prank(wallets[0]);
        market.cancel(id);
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(0);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].amountWh, 385_000);
        assertEq(lots[1].originCycle, JAN);
        assertEq(lots[1].amountWh, 40_000);
        assertEq(_escrowedWh(), 0);
        assertEq(market.book(1).asks.length, 0);
        assertEq(market.ordersOf(wallets[0]).length, 0);
        assertEq(uint8(market.order(id).status), uint8(ICommunityMarket.Status.Cancelled));
    }

    function test_cancel_buy_returnsExactTokens() public {
        vm.prank(wallets[1]);
        (uint64 id,) = market.placeOrder(BUY, 333, 3001, 0, false, 0, 4); // escrow ceil(999.333) = 1000
        uint256 start = token.balanceOf(wallets[1]) + 1000;
        vm.prank(wallets[0]);
        market.placeOrder(SELL, 333, 1001, 0, false, 0, 4); // costs the bid 1000 - ceil(666) = 334
        assertEq(market.order(id).escrowToken, 666, "ceil(2000 x 333 / 1000)");
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderCancelled(id, 0, 666);
        vm.prank(wallets[1]);
        market.cancel(id);
        assertEq(start - token.balanceOf(wallets[1]), 334, "to the wei");
        assertEq(token.balanceOf(address(market)), 0);
        assertEq(market.owedToken(), 0);
    }

    function test_cancel_reverts_NotOrderOwner() public {
        uint64 id = _sell(0, P, 1000);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotOrderOwner.selector, id, wallets[1]));
        vm.prank(wallets[1]);
        market.cancel(id);
    }

    function test_cancel_reverts_UnknownOrder() public {
        uint64 id = _sell(0, P, 1000);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.UnknownOrder.selector, 99));
        market.cancel(99);
    }

    function test_cancel_reverts_OrderNotOpen() public {
        uint64 id = _sell(0, P, 1000);
        vm.prank(wallets[0]);
        market.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.OrderNotOpen.selector, id));
        vm.prank(wallets[0]);
        market.cancel(id);
    }

    function test_cancel_reverts_UnknownOrder2() public {
        uint64 id = _sell(0, P, 1000);
        vm.prank(wallets[0]);
        market.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.UnknownOrder.selector, 99));
        market.order(99);
    }

    function test_cancel_middleOfLevel_deadNodeSkipped() public {
        _sell(0, P, 1000);
        uint64 mid = _sell(2, P, 1000);
        uint64 last = _sell(3, P, 1000);
        vm.prank(wallets[2]);
        market.cancel(mid);
        assertEq(market.book(1).asks[0].orderCount, 2);
        vm.prank(wallets[1]);
        (, uint64 filled) = market.placeOrder(BUY, P, 2000, 0, false, 0, 3);
        assertEq(filled, 2000, "the cancelled order in between is skipped");
        assertEq(market.order(last).remainingWh, 0);
        assertEq(market.book(1).asks.length, 0);
    }

    // ───────────── expiry ─────────────

    function test_expiry_notFilled_reclaimable_NotExpired() public {
        uint64 t = uint64(block.timestamp);
        vm.prank(wallets[0]);
        (uint64 a,) = market.placeOrder(SELL, P, 10_000, t + 100, false, 0, 4);
        vm.prank(wallets[2]);
        (uint64 c,) = market.placeOrder(SELL, P, 10_000, t + 100, false, 0, 4);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotReclaimable.selector, c));
        market.reclaimExpired(c);
    }

    function test_expiry_notFilled_reclaimable_NotExpired2() public {
        uint64 t = uint64(block.timestamp);
        vm.prank(wallets[0]);
        (uint64 a,) = market.placeOrder(SELL, P, 10_000, t + 100, false, 0, 4);
        vm.prank(wallets[2]);
        (uint64 c,) = market.placeOrder(SELL, P, 10_000, t + 100, false, 0, 4);
        vm.warp(t + 100);
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderUnlisted(a, 0);
        vm.prank(wallets[1]);
        (uint64 bid, uint64 filled) = market.placeOrder(BUY, P, 5000, 0, false, 0, 1);
        assertEq(filled, 0, "an expired maker never fills");
        assertEq(market.order(bid).remainingWh, 5000, "expired makers do not use up maxFills: the bid rests");
        assertFalse(market.order(a).inBook, "taken out of the book, still open until reclaimed");
        assertEq(market.book(4).asks.length, 0);
        vm.prank(stranger);
        market.reclaimExpired(a);
        assertEq(_bal(0), 440_000, "escrow back to the owner");
        vm.prank(stranger);
        market.reclaimExpired(c);
        assertEq(_bal(2), 220_000);
        assertEq(uint8(market.order(c).status), uint8(ICommunityMarket.Status.Expired));
        assertEq(_escrowedWh(), 0);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotReclaimable.selector, bid));
        market.reclaimExpired(bid);
    }

    // ───────────── withdraw ─────────────

    function test_withdraw() public {
        _sell(0, P, 10_000);
        _buy(1, P, 10_000);
        uint256 before = token.balanceOf(wallets[0]);
        vm.expectEmit(address(market));
        emit ICommunityMarket.ProceedsWithdrawn(wallets[0], wallets[0], address(token), 10 * uint256(P));
        vm.prank(wallets[0]);
        market.withdraw();
        assertEq(token.balanceOf(wallets[0]) - before, 10 * uint256(P));
        assertEq(market.proceedsOf(wallets[0]), 0);
        vm.expectRevert(ICommunityMarket.NothingToWithdraw.selector);
        vm.prank(wallets[0]);
        market.withdraw();
    }

    // ───────────── lots expiring in escrow ─────────────

    function test_escrowedLotsExpire_droppedAndCounted() public {
        uint64 id = _sell(0, P, 420_000); // 400 kWh of 202512 + 20 kWh of 202601
        for (uint256 i; i < 59; ++i) {
            _closeOpen(0);
        }
        // the 202512 lot expired at the close of 203012; the 202601 one lives until 203101's
        assertEq(ICommunityViews(address(community)).openCycle(), 203101);
        vm.expectEmit(address(community));
        emit ICommunity.EscrowExpired(ESCROW + 0, 203101, 400_000); // member 0's escrow
        vm.prank(wallets[1]);
        (, uint64 filled) = market.placeOrder(BUY, P, 420_000, 0, false, 0, 4);
        assertEq(filled, 20_000, "only the lot that has not expired");
        assertEq(market.order(id).remainingWh, 0);
        assertEq(_escrowedWh(), 0);
        assertEq(market.book(1).asks.length, 0);
        assertEq(market.book(1).bids[0].totalWh, 400_000);
    }

    /// @dev Two sell orders of one member share its escrow: lots that expire there are dropped
    ///      when the escrow is next touched, and the orders that then find it short lose the Wh.
    function test_sharedEscrow_expiredLotsLeaveTheOrdersThatFindThemShort() public {
        uint64 a = _sell(0, P, 400_000); // the whole 202512 lot
        uint64 b = _sell(0, P, 30_000); // from the 202601 lot
        assertEq(_escrowedWh(), 430_000);
        for (uint256 i; i < 59; ++i) {
            _closeOpen(0);
        }
        vm.expectEmit(address(community));
        emit ICommunity.EscrowExpired(ESCROW + 0, 203101, 400_000);
        vm.prank(wallets[1]);
        (, uint64 filled) = market.placeOrder(BUY, P, 30_000, 0, false, 0, 1);
        assertEq(filled, 30_000, "order a is filled from the lot that has not expired");
        assertEq(market.order(a).remainingWh, 370_000);
        assertEq(market.expiredInEscrowWh(), 400_000);
        assertEq(_escrowedWh(), 0, "the escrow is empty");
        // the next buyer finds the escrow empty: a, then b, expire without a fill (2 steps)
        vm.prank(wallets[2]);
        (uint64 c, uint64 filled2) = market.placeOrder(BUY, P, 1000, 0, false, 0, 2);
        assertEq(filled2, 0);
        assertEq(uint8(market.order(a).status), uint8(ICommunityMarket.Status.Expired));
        assertEq(uint8(market.order(b).status), uint8(ICommunityMarket.Status.Expired));
        assertEq(market.expiredInEscrowWh(), 0);
        assertEq(_escrowedWh(), 0);
        assertEq(market.book(1).asks.length, 0);
        assertEq(market.order(c).remainingWh, 1000, "rests");
    }

    /// @dev Cancelling only marks the order: its node stays in the level's list, dead, and a level
    ///      whose orders are all dead stays linked. `book` skips both; matching pops each dead node
    ///      (one step of maxFills) and the level with its last node; a new order at a dead level's
    ///      price joins it there.
    function test_deadNodesAndLevels_skipped_popped_joined() public {
        uint64 a = _sell(0, P, 1000);
        _sell(2, P + 1, 1000);
        vm.prank(wallets[0]);
        market.cancel(a);
        ICommunityMarket.Book memory bk = market.book(5);
        assertEq(bk.asks.length, 1, "the all-dead level is not shown");
        assertEq(bk.asks[0].priceTokenPerKwh, P + 1);
        assertEq(_escrowedWh(), 1000);
        // a new order at P joins the dead level, ahead of P + 1
        uint64 a2 = _sell(3, P, 500);
        bk = market.book(5);
        assertEq(bk.asks.length, 2);
        assertEq(bk.asks[0].priceTokenPerKwh, P);
        assertEq(bk.asks[0].orderCount, 1);
        assertEq(bk.asks[0].totalWh, 500);
        vm.prank(wallets[3]);
        market.cancel(a2);
        // two dead nodes at P: they do not count toward maxFills — one step pops both (and the
        // level) and fills at P + 1
        vm.prank(wallets[1]);
        (, uint64 f1) = market.placeOrder(BUY, P + 1, 1000, 0, false, 0, 1);
        assertEq(f1, 1000, "dead nodes and the empty level cost no fill step");
        assertEq(market.book(5).asks.length, 0);
        assertEq(_escrowedWh(), 0);
    }

    // ───────────── views and more paths ─────────────

    function test_ordersOf_openOnly_O1Removal() public {
        uint64 a = _sell(0, P, 1000);
        uint64 b = _sell(0, P + 1, 1000);
        uint64 c = _sell(0, P + 2, 1000);
        vm.prank(wallets[0]);
        market.cancel(b);
        ICommunityMarket.Order[] memory list = market.ordersOf(wallets[0]);
        assertEq(list.length, 2);
        assertEq(list[0].id, c, "newest first");
        assertEq(list[1].id, a);
        _buy(1, P, 1000);
        list = market.ordersOf(wallets[0]);
        assertEq(list.length, 1);
        assertEq(list[0].id, c);
        assertEq(market.ordersOf(stranger).length, 0);
    }

    function test_reclaimExpired_buy_transfersTokens() public {
        uint64 t = uint64(block.timestamp);
        vm.prank(wallets[1]);
        (uint64 id,) = market.placeOrder(BUY, P, 3000, t + 5, false, 0, 4);
        uint256 before = token.balanceOf(wallets[1]);
        vm.warp(t + 5);
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderExpired(id, 0, 3 * uint256(P));
        vm.prank(stranger);
        market.reclaimExpired(id);
        assertEq(token.balanceOf(wallets[1]) - before, 3 * uint256(P));
        assertEq(market.owedToken(), 0);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.OrderNotOpen.selector, id));
        market.reclaimExpired(id);
    }

    function test_renew_skipped_whenPolicyOff() public {
        vm.prank(wallets[0]);
        (uint64 id,) = market.placeOrder(SELL, P, 10_000, 0, true, 0, 4);
        _buy(1, P, 10_000);
        _closeOpen(0);
        _setPolicy(address(token), ICommunity.TradingPolicy.DonationsOnly);
        uint64[] memory ids = new uint64[](2);
        ids[0] = id;
        ids[1] = 999; // unknown: skipped silently
        vm.expectEmit(address(market));
        emit ICommunityMarket.RenewalSkipped(id, 202603);
        market.renewStanding(ids);
        assertEq(market.order(id).remainingWh, 0);
        vm.prank(wallets[0]);
        market.cancel(id); // exits even with priced orders off
        assertEq(market.ordersOf(wallets[0]).length, 0);
    }

    function test_paymentTokenSwitch_startsNewEra_oldEscrowRefundedInOldToken() public {
        uint64 id = _buy(1, P, 1000);
        DemoBRL other = new DemoBRL(address(this));
        _setPolicy(address(other), ICommunity.TradingPolicy.PricedOrders);
        assertEq(market.book(1).bids.length, 0, "the old era's book is not shown in the new token");
        other.mint(wallets[0], 1e24);
        vm.prank(wallets[0]);
        other.approve(address(market), type(uint256).max);
        vm.prank(wallets[0]);
        (, uint64 filled) = market.placeOrder(SELL, P, 1000, 0, false, 0, 1);
        assertEq(filled, 0, "the old bid is stale: never filled in the new token");
        assertTrue(market.order(id).stale);
        uint256 before = token.balanceOf(wallets[1]);
        vm.prank(wallets[1]);
        market.cancel(id); // refunded in the old token
        assertEq(token.balanceOf(wallets[1]) - before, P, "ceil(1000 x P / 1000) in the old token");
        assertEq(market.legacyOwed(address(token)), 0);
        assertTrue(market.book(1).pricedOrdersAllowed);
    }
}
