// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {ICommunityMarket} from "../src/interfaces/ICommunityMarket.sol";
import {MarketTestBase} from "./utils/MarketTestBase.sol";
import {BlocklistToken, DecimalsToken, FeeOnTransferToken} from "./utils/AttackTokens.sol";

/// @notice Issue #13, item by item: each test is the attack as an attacker would run it against the
///         market; each fails on the market before #13 (the figure it asserts is the one the attack
///         got there, noted in the test) and passes only with the fix.
contract MarketAttacksTest is MarketTestBase {
    ICommunityMarket.Side internal constant BUY = ICommunityMarket.Side.Buy;
    ICommunityMarket.Side internal constant SELL = ICommunityMarket.Side.Sell;
    address internal current; // the payment token in use

    function setUp() public {
        _setUpMarket(4);
        current = address(token);
    }

    function _adopt(address t) internal {
        _setPolicy(t, ICommunity.TradingPolicy.PricedOrders);
        current = t;
        for (uint256 i; i < wallets.length; ++i) {
            DecimalsToken(t).mint(wallets[i], 1e30);
            vm.prank(wallets[i]);
            DecimalsToken(t).approve(address(market), type(uint256).max);
        }
    }

    function _setMin(uint32 minWh) internal {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_II);
        s.paymentToken = current;
        s.tradingPolicy = ICommunity.TradingPolicy.PricedOrders;
        s.minOrderWh = minWh;
        vm.prank(mgr);
        community.updateSettings(s);
    }

    /// @dev Share 0 through a filed schedule (shares are fixed after the first close), then inactive.
    function _deactivate(uint32 m) internal {
        uint32[] memory ids = new uint32[](2);
        uint32[] memory shares = new uint32[](2);
        (ids[0], ids[1]) = (m, m == 3 ? 2 : 3);
        uint32 moved = ICommunityViews(address(community)).member(m).sharePpm;
        (shares[0], shares[1]) = (0, ICommunityViews(address(community)).member(ids[1]).sharePpm + moved);
        uint32 open = ICommunityViews(address(community)).openCycle();
        uint32 next = open % 100 == 12 ? open + 89 : open + 1;
        vm.prank(mgr);
        community.scheduleShares(ids, shares, next, 20260115, keccak256("t"));
        _closeOpen(0);
        _closeOpen(0);
        vm.prank(mgr);
        community.setActive(m, false);
    }

    function _order(uint256 who, ICommunityMarket.Side side, uint128 price, uint64 wh, uint8 maxFills)
        internal
        returns (uint64 id, uint64 filled)
    {
        vm.prank(wallets[who]);
        (id, filled) = market.placeOrder(side, price, wh, 0, false, 0, maxFills);
    }

    // ───────────── 1. a token switch must not reprice sells ─────────────

    /// @dev Before: the 6-decimal asks stayed in the book and a 20 kWh buy at 500,000 base units of
    ///      the 18-decimal token swept them for 10^-11 of their price; the standing sell renewed.
    function test_attack1_tokenSwitch_neverFillsOrRenewsInTheNewToken() public {
        DecimalsToken t6 = new DecimalsToken(6);
        _adopt(address(t6));
        (uint64 ask,) = _order(0, SELL, 500_000, 10_000, 4); // R$ 0,50 / kWh in 6 decimals
        vm.prank(wallets[2]);
        (uint64 standing,) = market.placeOrder(SELL, 400_000, 10_000, 0, true, 0, 4);
        _order(3, BUY, 400_000, 10_000, 4); // fills the standing sell: it waits for renewal
        DecimalsToken t18 = new DecimalsToken(18);
        _adopt(address(t18));
        assertEq(market.book(10).asks.length, 0, "the old asks are not shown in the new token");
        uint64 creditsBefore = _bal(1);
        (uint64 sweep, uint64 filled) = _order(1, BUY, 500_000, 20_000, 16);
        assertEq(filled, 0, "a stale ask is never filled in the new token");
        assertEq(_bal(1), creditsBefore);
        assertTrue(market.order(ask).stale);
        assertEq(market.order(sweep).remainingWh, 20_000, "the new bid rests in the new era's book");
        _closeOpen(0);
        uint64[] memory ids = new uint64[](1);
        ids[0] = standing;
        vm.expectEmit(address(market));
        emit ICommunityMarket.RenewalSkipped(standing, 202603);
        market.renewStanding(ids);
        assertEq(market.order(standing).remainingWh, 0, "the standing sell is not renewed at the old number");
        uint64 before = _bal(0);
        vm.prank(wallets[0]);
        market.cancel(ask);
        assertEq(_bal(0) - before, 10_000, "the stale sell's credits come back");
        (ICommunityMarket.Era memory e0, uint16 era) = market.eraOf(0);
        assertEq(e0.token, address(t6));
        assertEq(era, 1, "t6 (the first token an order used), then t18");
    }

    // ───────────── 2. the ask side telescopes; a minimum order size ─────────────

    /// @dev Before: each 10 Wh buy paid floor(10 × 50 / 1000) = 0 — the whole kWh for nothing.
    function test_attack2_splitBuys_2decimals_payTheWholePrice() public {
        DecimalsToken t2 = new DecimalsToken(2);
        _adopt(address(t2));
        _order(0, SELL, 50, 1000, 4); // R$ 0,50 / kWh in cents
        uint256 paid = t2.balanceOf(wallets[1]);
        for (uint256 i; i < 100; ++i) {
            _order(1, BUY, 50, 10, 1);
        }
        paid -= t2.balanceOf(wallets[1]);
        assertEq(paid, 50, "100 buys of 10 Wh pay exactly one kWh at 50");
        assertEq(market.proceedsOf(wallets[0]), 50);
    }

    /// @dev Before: 1,000 buys of 1 Wh at 8,999 per kWh paid 8 each = 8,000 (11 % less).
    function test_attack2_splitBuys_4decimals_payTheWholePrice() public {
        DecimalsToken t4 = new DecimalsToken(4);
        _adopt(address(t4));
        _order(0, SELL, 8999, 1000, 4);
        uint256 paid = t4.balanceOf(wallets[1]);
        for (uint256 i; i < 1000; ++i) {
            _order(1, BUY, 8999, 1, 1);
        }
        paid -= t4.balanceOf(wallets[1]);
        assertEq(paid, 8999);
    }

    /// @dev Any split of a sell order's quantity pays ceil(quantity × price / 1000) in total.
    function testFuzz_askSide_anySplitPaysTheWhole(uint64 qty, uint128 price, uint256 seed) public {
        qty = uint64(bound(qty, 1, 50_000));
        price = uint128(bound(price, 1, 4e21)); // ≤ the market's price width (2^72 − 1)
        _order(0, SELL, price, qty, 4);
        uint256 before = token.balanceOf(wallets[1]);
        uint64 left = qty;
        for (uint256 i; left != 0 && i < 24; ++i) {
            uint64 part = i == 23 ? left : uint64(bound(uint256(keccak256(abi.encode(seed, i))), 1, left));
            _order(1, BUY, price, part, 1);
            left -= part;
        }
        assertEq(before - token.balanceOf(wallets[1]), (uint256(qty) * price + 999) / 1000);
    }

    function test_attack2_minimumOrderSize() public {
        _setMin(1000);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.OrderTooSmall.selector, 999, 1000));
        _order(0, SELL, P, 999, 4);
        _order(0, SELL, P, 1000, 4);
        assertEq(market.book(1).minOrderWh, 1000);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.OrderTooSmall.selector, 1, 1000));
        _order(1, BUY, P, 1, 4);
    }

    // ───────────── 3. fee-on-transfer tokens are refused ─────────────

    /// @dev Before: the buy rested with 99 % of its escrow; the last canceller could not be paid.
    function test_attack3_feeOnTransferToken_refused() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        _adopt(address(fee));
        vm.prank(wallets[1]);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.UnsupportedToken.selector, address(fee), 1e18, 0.99e18));
        market.placeOrder(BUY, 1e18, 1000, 0, false, 0, 4);
        _order(0, SELL, 1e18, 1000, 4);
        vm.prank(wallets[1]);
        vm.expectPartialRevert(ICommunityMarket.UnsupportedToken.selector);
        market.placeOrder(BUY, 1e18, 1000, 0, false, 0, 4); // a taker paying the maker: refused too
        assertEq(fee.balanceOf(address(market)), 0);
    }

    // ───────────── 4. dead orders cost takers nothing; never rest crossed ─────────────

    /// @dev Before: 16 place-and-cancel pairs at a better price made a 16-fill taker fill nothing
    ///      and rest crossed above the ask at P.
    function test_attack4_cancelledOrdersAtTheTop_doNotBlockTheTaker() public {
        _order(0, SELL, P, 10_000, 4);
        vm.startPrank(wallets[2]);
        for (uint256 i; i < 100; ++i) {
            (uint64 id,) = market.placeOrder(SELL, P - 1, 1, 0, false, 0, 0); // one level, dead nodes
            market.cancel(id);
        }
        for (uint256 i; i < 100; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            (uint64 id,) = market.placeOrder(SELL, P - 2 - uint128(i), 1, 0, false, P - 1, 0); // dead levels
            market.cancel(id);
        }
        vm.stopPrank();
        ICommunityMarket.Book memory b = market.book(10);
        assertEq(b.asks.length, 1, "the book shows only the live level (totals: no order is read)");
        assertFalse(b.truncated);
        (uint64 taker, uint64 filled) = _order(1, BUY, P + 10, 10_000, 16);
        assertEq(filled, 10_000, "the dead orders cost no fill");
        assertEq(market.order(taker).remainingWh, 0);
        assertEq(market.book(10).bids.length, 0);
    }

    /// @dev Before: expired makers each used up a fill step (and were closed at the taker's cost).
    function test_attack4_expiredMakers_doNotCountAndAreUnlisted() public {
        for (uint256 i; i < 7; ++i) {
            vm.prank(wallets[2]);
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            market.placeOrder(SELL, P - 7 + uint128(i), 100, uint64(block.timestamp + 60), false, 0, 0);
        }
        _order(0, SELL, P, 10_000, 4);
        vm.warp(block.timestamp + 61);
        (, uint64 filled) = _order(1, BUY, P, 10_000, 1);
        assertEq(filled, 10_000, "one fill step is enough behind 7 expired makers");
        assertEq(market.ordersOf(wallets[2]).length, 7, "unlisted, still open: reclaimable");
    }

    /// @dev Before: maxFills = 0 rested the order across the book.
    function test_attack4_neverRestsCrossed() public {
        _order(0, SELL, P, 10_000, 4);
        vm.expectEmit(address(market));
        emit ICommunityMarket.RestNotPlaced(2, 5000);
        (uint64 id,) = _order(1, BUY, P + 1, 5000, 0);
        assertEq(market.book(1).bids.length, 0, "no bid at or above the best ask");
        assertEq(market.order(id).remainingWh, 0);
        assertEq(market.owedToken(), 0, "no escrow taken");
    }

    /// @dev More dead orders than MAX_PRUNE: the first taker clears MAX_PRUNE of them and does not
    ///      rest crossed; the next one fills. Nobody is blocked for good.
    function test_attack4_moreDeadThanThePruneBound_clearsInSteps() public {
        _order(0, SELL, P, 10_000, 4);
        vm.startPrank(wallets[2]);
        for (uint256 i; i < 300; ++i) {
            (uint64 id,) = market.placeOrder(SELL, P - 1, 1, 0, false, 0, 0);
            market.cancel(id);
        }
        vm.stopPrank();
        _order(3, SELL, P - 1, 10_000, 0); // a live order behind 300 dead nodes in its level
        (, uint64 f1) = _order(1, BUY, P, 10_000, 16);
        assertEq(f1, 0, "MAX_PRUNE dead nodes taken out, no fill");
        assertEq(market.book(1).bids.length, 0, "not rested crossed");
        (, uint64 f2) = _order(1, BUY, P, 10_000, 16);
        assertEq(f2, 10_000, "the next taker reaches the live order");
    }

    /// @dev Dead levels beyond MAX_SKIP at the top: `book` stays bounded and says it is truncated;
    ///      `prune` (anyone) clears them.
    function test_attack4_manyDeadLevelsAtTheTop_bookTruncated_pruneClears() public {
        _order(0, SELL, P, 10_000, 4);
        uint256 n = market.MAX_SKIP() + 10;
        uint64[] memory ids = new uint64[](n);
        vm.startPrank(wallets[2]);
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            (ids[i],) = market.placeOrder(SELL, P - 1 - uint128(i), 1, 0, false, 0, 0);
            if (i % 7 == 6) {
                for (uint256 j = i - 6; j <= i; ++j) {
                    market.cancel(ids[j]); // at most 8 open: cancel in sevens
                }
            }
        }
        for (uint256 j = n - n % 7; j < n; ++j) {
            market.cancel(ids[j]);
        }
        vm.stopPrank();
        ICommunityMarket.Book memory b = market.book(10);
        assertTrue(b.truncated, "more than MAX_SKIP empty levels: said, not hidden");
        assertEq(b.asks.length, 0);
        market.prune(SELL);
        b = market.book(10);
        assertFalse(b.truncated);
        assertEq(b.asks.length, 1);
        assertEq(b.asks[0].priceTokenPerKwh, P);
    }

    /// @dev An emptied level at the top of the other side is not a live order to cross: a maker-only
    ///      bid still rests, a standing bid still renews (found by the invariant suite).
    function test_attack4_emptiedBestAsk_isNotCrossed() public {
        uint64 ask = _sell(1, P, 1000);
        vm.prank(wallets[1]);
        market.cancel(ask);
        (uint64 bid,) = _order(0, BUY, 2 * P, 1000, 0);
        assertTrue(market.order(bid).inBook, "nothing live to cross: the bid rests");
    }

    function test_attack5_emptiedBestAsk_doesNotSkipARenewal() public {
        vm.prank(wallets[0]);
        (uint64 bid,) = market.placeOrder(BUY, 2 * P, 1000, 0, true, 0, 16);
        _sell(1, 2 * P, 1000);
        uint64 low = _sell(3, P, 1000);
        vm.prank(wallets[3]);
        market.cancel(low);
        _closeOpen(0);
        uint64[] memory ids = new uint64[](1);
        ids[0] = bid;
        market.renewStanding(ids);
        assertTrue(market.order(bid).inBook, "nothing live to cross: renewed");
    }

    // ───────────── 5. dead levels: hints and renewals ─────────────

    /// @dev Before: 65 dead levels between the hint and a new price made any new level BadHint.
    function test_attack5_deadLevels_theHintStillPlaces() public {
        _order(0, BUY, P, 1000, 4);
        vm.startPrank(wallets[2]);
        for (uint256 i; i < 100; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            (uint64 id,) = market.placeOrder(BUY, P - 1 - uint128(i), 1, 0, false, P - uint128(i), 0);
            market.cancel(id);
        }
        vm.stopPrank();
        vm.prank(wallets[1]);
        (uint64 id,) = market.placeOrder(BUY, P - 200, 1000, 0, false, P, 0); // the hint the app reads: P
        assertTrue(market.order(id).inBook);
        ICommunityMarket.Book memory b = market.book(10);
        assertEq(b.bids.length, 2);
        assertEq(b.bids[1].priceTokenPerKwh, P - 200);
    }

    /// @dev Before: renewStanding had no hint and one order it could not place reverted the batch.
    function test_attack5_renewal_skipsWhatItCannotPlace_batchGoesOn() public {
        vm.prank(wallets[1]);
        (uint64 crossing,) = market.placeOrder(BUY, P, 1000, 0, true, 0, 4);
        vm.prank(wallets[2]);
        (uint64 fine,) = market.placeOrder(SELL, 2 * P, 1000, 0, true, 0, 4);
        _order(0, SELL, P, 1000, 4); // fills the standing buy
        _order(3, BUY, 2 * P, 1000, 4); // fills the standing sell
        _order(0, SELL, P - 1, 5000, 4); // the standing buy at P would now rest crossed
        _closeOpen(0);
        uint64[] memory ids = new uint64[](2);
        ids[0] = crossing;
        ids[1] = fine;
        vm.expectEmit(address(market));
        emit ICommunityMarket.RenewalSkipped(crossing, 202603);
        market.renewStanding(ids);
        assertEq(market.order(crossing).remainingWh, 0, "skipped: it would cross the ask at P - 1");
        assertEq(market.order(fine).remainingWh, 1000, "renewed in the same batch");
        assertEq(market.order(fine).renewedCycle, 202603);
    }

    /// @dev A standing order behind more than MAX_WALK live levels is skipped, not reverted.
    function test_attack5_renewal_behindManyLevels_skipped() public {
        delete wallets;
        _setUpMarket(12);
        vm.prank(wallets[0]);
        (uint64 standing,) = market.placeOrder(SELL, 1000 * P, 100, 0, true, 0, 4);
        _order(1, BUY, 1000 * P, 100, 4); // filled: out of the book until renewed
        uint128 prev;
        for (uint256 i; i < 70; ++i) {
            vm.prank(wallets[2 + i % 10]);
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            market.placeOrder(SELL, P + uint128(i), 100, 0, false, prev, 0);
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            prev = P + uint128(i);
        }
        _closeOpen(0);
        uint64[] memory ids = new uint64[](1);
        ids[0] = standing;
        vm.expectEmit(address(market));
        emit ICommunityMarket.RenewalSkipped(standing, 202603);
        market.renewStanding(ids);
    }

    // ───────────── 7. a migration cannot be blocked ─────────────

    /// @dev Before: a 1-wei buy escrow or proceeds the token would not transfer kept `_owed` above
    ///      zero and every new priced order reverted PaymentTokenInUse for ever.
    function test_attack7_migration_1weiEscrowAndBlocklistedProceeds() public {
        BlocklistToken old = new BlocklistToken();
        _adopt(address(old));
        (uint64 dust,) = _order(1, BUY, 1, 1, 4); // escrow ceil(1 × 1 / 1000) = 1 base unit
        _order(0, SELL, 1e6, 1000, 4);
        _order(2, BUY, 1e6, 1000, 4); // member 0 earns 1e6 proceeds
        (uint64 blockedBid,) = _order(3, BUY, 2, 1000, 4);
        old.setBlocked(wallets[0], true);
        old.setBlocked(wallets[3], true);
        DecimalsToken next = new DecimalsToken(18);
        _adopt(address(next));
        _order(0, SELL, P, 1000, 4);
        (, uint64 filled) = _order(2, BUY, P, 1000, 4);
        assertEq(filled, 1000, "the new token trades at once");
        // the old token's claims: refunded or withdrawable to another address
        vm.prank(stranger);
        market.reclaimExpired(dust);
        assertEq(old.balanceOf(wallets[1]), 1e30 + 0, "dust refunded (1 unit back)");
        vm.expectEmit(address(market));
        emit ICommunityMarket.RefundCredited(blockedBid, 0, 2);
        vm.prank(stranger);
        market.reclaimExpired(blockedBid); // member 3 is blocklisted: credited to its era-1 proceeds
        assertEq(market.legacyProceedsOf(wallets[3], 0), 2);
        address safe = makeAddr("safe");
        vm.prank(wallets[0]);
        market.withdrawLegacy(0, safe);
        assertEq(old.balanceOf(safe), 1e6, "member 0's proceeds, to another address");
        vm.prank(wallets[3]);
        market.withdrawLegacy(0, safe);
        assertEq(market.legacyOwed(address(old)), 0, "the old token is paid out");
        assertEq(old.balanceOf(address(market)), 0);
    }

    // ───────────── 8. an inactive maker does not trade ─────────────

    /// @dev Before: a deactivated member's bid kept buying credits it could not use.
    function test_attack8_inactiveMakersBid_isNotFilled() public {
        (uint64 bid,) = _order(1, BUY, P, 10_000, 4);
        _deactivate(1);
        uint64 before = _bal(1);
        vm.expectEmit(address(market));
        emit ICommunityMarket.OrderUnlisted(bid, 1);
        (uint64 ask, uint64 filled) = _order(0, SELL, P, 10_000, 4);
        assertEq(filled, 0);
        assertEq(_bal(1), before, "no credits bought for an inactive member");
        assertTrue(market.order(ask).inBook, "the sell rests: the bid was taken out");
        uint256 tok = token.balanceOf(wallets[1]);
        vm.prank(stranger);
        market.reclaimExpired(bid);
        assertEq(token.balanceOf(wallets[1]) - tok, 10 * uint256(P) / 2 * 2, "escrow back to the inactive member");
    }

    function test_attack8_inactiveMakersAsk_isNotFilled() public {
        (uint64 ask,) = _order(0, SELL, P, 10_000, 4);
        _deactivate(0);
        (, uint64 filled) = _order(1, BUY, P, 10_000, 4);
        assertEq(filled, 0);
        assertFalse(market.order(ask).inBook);
    }

    // ───────────── 6. per-member open orders ─────────────

    function test_attack6_openOrdersPerMember_bounded_lanesReused() public {
        uint64[] memory ids = new uint64[](8);
        for (uint256 i; i < 8; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
            (ids[i],) = _order(2, BUY, 1 + uint128(i), 1000, 0);
        }
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.TooManyOpenOrders.selector, 2, 8));
        _order(2, BUY, 100, 1000, 0);
        vm.prank(wallets[2]);
        market.cancel(ids[3]);
        (uint64 n,) = _order(2, BUY, 100, 1000, 0);
        ICommunityMarket.Order[] memory list = market.ordersOf(wallets[2]);
        assertEq(list.length, 8);
        assertEq(list[0].id, n, "newest first");
    }
}
