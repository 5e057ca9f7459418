// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../../src/interfaces/ICommunityMarket.sol";
import {MarketTestBase} from "../utils/MarketTestBase.sol";
import {CentsToken} from "../utils/CentsToken.sol";
import {FeeToken} from "../utils/FeeToken.sol";
import {MarketHandler} from "./MarketHandler.sol";

/// @notice Market invariants with random places (dust, place-and-cancel at the top), fills,
///         cancels, expiries, reclaims, renewals, prunes, withdrawals (current and legacy),
///         payment-token switches (18 and 2 decimals; a fee-on-transfer token refused), member
///         deactivations, donations and closes.
contract MarketInvariantTest is MarketTestBase {
    MarketHandler internal handler;
    CentsToken internal cents;
    FeeToken internal fee;
    uint32 internal constant MEMBERS = 6;

    function setUp() public {
        _setUpMarket(4);
        cents = new CentsToken();
        fee = new FeeToken();
        // members 4 and 5 join after the first close with no share: they can be deactivated
        for (uint256 i = 4; i < MEMBERS; ++i) {
            address w = vm.addr(_pk(i));
            wallets.push(w);
            vm.prank(mgr);
            community.addMember(w, keccak256(abi.encode(i)), ICommunity.Connection.SinglePhase, 0, "m");
            token.mint(w, 1_000_000e18);
            vm.prank(w);
            token.approve(address(market), type(uint256).max);
        }
        for (uint256 i; i < MEMBERS; ++i) {
            cents.mint(wallets[i], 1e9);
            vm.startPrank(wallets[i]);
            cents.approve(address(market), type(uint256).max);
            fee.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
        vm.prank(wallets[0]);
        community.donate(4, 100_000, "");
        vm.prank(wallets[1]);
        community.donate(5, 60_000, "");
        // a first order starts era 0 (dBRL), so the eras views answer from the start
        uint64 first = _sell(0, P, 1000);
        vm.prank(wallets[0]);
        market.cancel(first);
        handler = new MarketHandler(community, market, token, cents, fee, mgr, wallets);
        targetContract(address(handler));
        // a selector listed k times is picked k times as often: placements dominate, so the book
        // fills up and crosses between the switches that empty it
        MarketHandler h = handler;
        bytes4[28] memory sels = [
            h.place.selector,
            h.place.selector,
            h.place.selector,
            h.place.selector,
            h.fillLanes.selector,
            h.place.selector,
            h.place.selector,
            h.place.selector,
            h.place.selector,
            h.placeDust.selector,
            h.cancelTop.selector,
            h.cancel.selector,
            h.cancel.selector,
            h.reclaim.selector,
            h.renew.selector,
            h.prune.selector,
            h.withdraw.selector,
            h.withdrawLegacy.selector,
            h.switchToken.selector,
            h.tryFeeToken.selector,
            h.setMinOrder.selector,
            h.toggleActive.selector,
            h.warp.selector,
            h.repoint.selector,
            h.donate.selector,
            h.donateToPool.selector,
            h.closeCycle.selector,
            h.closeMany.selector
        ];
        bytes4[] memory list = new bytes4[](sels.length);
        for (uint256 i; i < sels.length; ++i) {
            list[i] = sels[i];
        }
        targetSelector(FuzzSelector(address(handler), list));
    }

    function afterInvariant() public view {
        string[19] memory keys = [
            "placed",
            "dust",
            "topPairs",
            "cancelled",
            "reclaimed",
            "reclaimedStale",
            "prunes",
            "withdrawn",
            "legacyWithdrawn",
            "switches",
            "feeRefused",
            "deactivated",
            "reactivated",
            "repointed",
            "inactiveRefused",
            "tooManyRefused",
            "tooSmallRefused",
            "notReclaimableRefused",
            "restNotPlaced"
        ];
        for (uint256 i; i < keys.length; ++i) {
            console.log(keys[i], handler.count(bytes32(bytes(keys[i]))));
        }
        console.log("unlisted", handler.count("unlisted"), "fills", handler.ghostFills());
    }

    /// @dev 1. Σ member balances + Σ escrowed in sell orders + pool = Σ issued − Σ compensated −
    ///      Σ expired (closes and escrow drops). Two closes happened in setUp (1,100 kWh issued).
    function invariant_creditsConserved() public view {
        int256 sum;
        for (uint32 i; i < MEMBERS; ++i) {
            sum += int256(uint256(ICommunityViews(address(community)).member(i).balanceWh));
        }
        // the escrows from the handler's open orders (every open order is among them: invariant_book
        // checks that against ordersOf); invariant_escrowMatchesOrders walks every id instead
        sum += int256(uint256(ICommunityViews(address(community)).poolBalance())) + int256(_openSellWh())
        - int256(uint256(market.expiredInEscrowWh()));
        assertEq(sum, 1_100_000 + handler.ghostIssued() - handler.ghostCompensated() - handler.ghostExpired());
    }

    function _openSellWh() internal view returns (uint256 sellWh) {
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            ICommunityMarket.Order memory o = market.order(handler.ids(i));
            if (o.status == ICommunityMarket.Status.Open && o.side == ICommunityMarket.Side.Sell) {
                sellWh += o.remainingWh;
            }
        }
    }

    /// @dev The Σ remaining of open sell orders = what the sellers' escrow accounts hold + what they
    ///      dropped as expired that no order has found short yet (`expiredInEscrowWh`).
    function invariant_escrowMatchesOrders() public view {
        assertEq(_openSellWh(), uint256(_escrowedWh()) + market.expiredInEscrowWh());
    }

    /// @dev 2. Per token T: T held by the market = (T current ? owedToken : 0) + legacyOwed(T), to
    ///      the base unit (no fee token ever reaches it); owedToken = Σ open current-era buy escrow
    ///      + Σ current proceeds; legacyOwed(T) = Σ stale buy escrow in T + Σ legacy proceeds in T.
    function invariant_tokensAccounted() public view {
        address cur = handler.marketToken();
        (, uint16 era) = market.eraOf(0);
        address[3] memory ts = [address(token), address(cents), address(fee)];
        uint256[3] memory stale;
        uint256 current;
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            ICommunityMarket.Order memory o = market.order(handler.ids(i));
            if (o.status != ICommunityMarket.Status.Open || o.side != ICommunityMarket.Side.Buy) continue;
            assertEq(o.escrowToken, (uint256(o.remainingWh) * o.priceTokenPerKwh + 999) / 1000, "escrow = ceil");
            if (!o.stale) {
                assertEq(o.era, era);
                current += o.escrowToken;
                continue;
            }
            assertLt(o.era, era);
            address t = handler.eraToken(o.era);
            for (uint256 k; k < 3; ++k) {
                if (ts[k] == t) stale[k] += o.escrowToken;
            }
        }
        for (uint256 w; w < MEMBERS; ++w) {
            current += market.proceedsOf(handler.wallets(w));
            for (uint16 e; e < era; ++e) {
                uint256 p = market.legacyProceedsOf(handler.wallets(w), e);
                address t = handler.eraToken(e);
                for (uint256 k; k < 3; ++k) {
                    if (ts[k] == t) stale[k] += p;
                }
            }
        }
        assertEq(market.owedToken(), current, "owedToken = current buy escrow + proceeds");
        for (uint256 k; k < 3; ++k) {
            assertEq(market.legacyOwed(ts[k]), stale[k], "legacyOwed = stale buy escrow + legacy proceeds");
            uint256 owed = (ts[k] == cur ? market.owedToken() : 0) + market.legacyOwed(ts[k]);
            assertEq(IERC20(ts[k]).balanceOf(address(market)), owed, "balance = owed");
        }
        assertEq(fee.balanceOf(address(market)), 0);
    }

    /// @dev Re-pointing (issue #12): no two members share a wallet, every member's wallet maps back
    ///      to it, and a wallet a member had before is nobody's: no orders, no proceeds, no rights
    ///      (the handler's tries with it all failed). Credits and tokens are conserved by the other
    ///      invariants, which run across re-points.
    function invariant_walletsAfterRepoint() public view {
        for (uint32 i; i < MEMBERS; ++i) {
            address w = ICommunityViews(address(community)).member(i).wallet;
            assertEq(w, handler.wallets(i), "the handler follows the member's wallet");
            (bool found, uint32 id) = community.memberIdOf(w);
            assertTrue(found && id == i, "a member's wallet maps back to it");
            for (uint32 j; j < i; ++j) {
                assertTrue(ICommunityViews(address(community)).member(j).wallet != w, "no two members share a wallet");
            }
        }
        uint256 n = handler.oldWalletCount();
        for (uint256 k; k < n; ++k) {
            address old = handler.oldWallets(k);
            (bool found,) = community.memberIdOf(old);
            assertFalse(found, "an old wallet is not a member");
            assertEq(market.ordersOf(old).length, 0, "an old wallet has no orders");
            assertEq(market.proceedsOf(old), 0, "an old wallet has no proceeds");
        }
        assertFalse(handler.ghostOldWalletActed(), "an old wallet can do nothing");
    }

    /// @dev Ghosts of the fills, cancels, reclaims and withdrawals; no order filled beyond its size.
    function invariant_fillsWithinLimits() public {
        assertFalse(handler.ghostPriceOutsideLimits(), "every fill at the maker's price, within the taker's");
        assertFalse(handler.ghostCancelMismatch(), "cancel and reclaim return exactly what is left");
        assertFalse(handler.ghostTelescopeBroken(), "the fills of an order pay the price of the whole");
        assertFalse(handler.ghostInactiveFilled(), "an inactive member's order is never filled");
        assertFalse(handler.ghostStaleFilled(), "an order of an older token is never filled");
        assertFalse(handler.ghostWithdrawMismatch(), "a withdrawal pays what the view shows");
        handler.checkOverfill();
        assertFalse(handler.ghostOverfilled());
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            ICommunityMarket.Order memory o = market.order(handler.ids(i));
            assertLe(o.remainingWh, o.quantityWh);
        }
    }

    /// @dev (32 levels a side: prices take 10 steps.) The book is sorted, never crossed, its levels add up (below) and no member has more than
    ///      MAX_OPEN open orders (one campaign for the three: each campaign costs ~10 s).
    function invariant_book() public view {
        ICommunityMarket.Book memory b = market.book(32);
        for (uint256 k = 1; k < b.asks.length; ++k) {
            assertGt(b.asks[k].priceTokenPerKwh, b.asks[k - 1].priceTokenPerKwh);
        }
        for (uint256 k = 1; k < b.bids.length; ++k) {
            assertLt(b.bids[k].priceTokenPerKwh, b.bids[k - 1].priceTokenPerKwh);
        }
        if (b.bids.length != 0 && b.asks.length != 0) {
            assertLt(b.bids[0].priceTokenPerKwh, b.asks[0].priceTokenPerKwh, "never crossed");
        }
        assertFalse(b.truncated);
        _checkLevelsAndLanes(b);
    }

    /// @dev Each level's totals = Σ remainingWh and count of the in-book orders at its price, and
    ///      every in-book order is in a shown level (while a switch is pending the book shows none);
    ///      no member has more than MAX_OPEN open orders, and `ordersOf` lists all of them. One walk
    ///      over the open orders for both.
    function _checkLevelsAndLanes(ICommunityMarket.Book memory b) internal view {
        bool pending = handler.pending();
        uint256 n = handler.idCount();
        uint256[] memory wh = new uint256[](b.bids.length + b.asks.length);
        uint256[] memory cnt = new uint256[](wh.length);
        uint256[] memory open = new uint256[](MEMBERS);
        for (uint256 i; i < n; ++i) {
            ICommunityMarket.Order memory o = market.order(handler.ids(i));
            if (o.status == ICommunityMarket.Status.Open) ++open[o.memberId];
            if (!o.inBook) continue;
            if (o.status != ICommunityMarket.Status.Open) assertTrue(false, "an order in the book is open");
            if (pending) continue;
            bool sell = o.side == ICommunityMarket.Side.Sell;
            ICommunityMarket.Level[] memory ls = sell ? b.asks : b.bids;
            uint256 off = sell ? b.bids.length : 0;
            bool found;
            for (uint256 k; k < ls.length; ++k) {
                if (ls[k].priceTokenPerKwh != o.priceTokenPerKwh) continue;
                wh[off + k] += o.remainingWh;
                ++cnt[off + k];
                found = true;
            }
            if (!found) assertTrue(false, "an in-book order is in a level");
        }
        for (uint256 k; k < b.bids.length; ++k) {
            assertEq(b.bids[k].totalWh, wh[k], "bid level Wh");
            assertEq(b.bids[k].orderCount, cnt[k], "bid level count");
        }
        for (uint256 k; k < b.asks.length; ++k) {
            assertEq(b.asks[k].totalWh, wh[b.bids.length + k], "ask level Wh");
            assertEq(b.asks[k].orderCount, cnt[b.bids.length + k], "ask level count");
        }
        for (uint256 w; w < MEMBERS; ++w) {
            assertLe(open[w], 8, "at most MAX_OPEN open orders");
            assertEq(market.ordersOf(handler.wallets(w)).length, open[w], "ordersOf lists every open order");
        }
    }
}
