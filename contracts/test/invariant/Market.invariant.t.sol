// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {ICommunityMarket} from "../../src/interfaces/ICommunityMarket.sol";
import {MarketTestBase} from "../utils/MarketTestBase.sol";
import {MarketHandler} from "./MarketHandler.sol";

/// @notice Market invariants with random places, fills, cancels, expiries, renewals, withdrawals,
///         donations and closes.
contract MarketInvariantTest is MarketTestBase {
    MarketHandler internal handler;

    function setUp() public {
        _setUpMarket(4);
        handler = new MarketHandler(community, market, token, mgr, wallets);
        targetContract(address(handler));
    }

    /// @dev 1. Σ member balances + Σ escrowed in sell orders + pool = Σ issued − Σ compensated −
    ///      Σ expired (closes and escrow drops). Two closes happened in setUp (1,100 kWh issued).
    function invariant_creditsConserved() public view {
        int256 sum;
        for (uint32 i; i < 4; ++i) {
            sum += int256(uint256(ICommunityViews(address(community)).member(i).balanceWh));
        }
        sum += int256(uint256(ICommunityViews(address(community)).poolBalance())) + int256(uint256(_escrowedWh()));
        assertEq(sum, 1_100_000 + handler.ghostIssued() - handler.ghostCompensated() - handler.ghostExpired());
    }

    /// @dev The Σ remaining of open sell orders = what the sellers' escrow accounts hold + what they
    ///      dropped as expired that no order has found short yet (`expiredInEscrowWh`).
    function invariant_escrowMatchesOrders() public view {
        uint256 n = handler.idCount();
        uint256 sellWh;
        uint256 buyToken;
        for (uint256 i; i < n; ++i) {
            ICommunityMarket.Order memory o = market.order(handler.ids(i));
            if (o.status != ICommunityMarket.Status.Open) continue;
            if (o.side == ICommunityMarket.Side.Sell) sellWh += o.remainingWh;
            else buyToken += o.escrowToken;
        }
        assertEq(sellWh, uint256(_escrowedWh()) + market.expiredInEscrowWh());
        uint256 proceeds;
        for (uint256 i; i < 4; ++i) {
            proceeds += market.proceedsOf(wallets[i]);
        }
        // 2. token held by the market = Σ open buy escrow + Σ unwithdrawn proceeds (= owedToken)
        assertEq(market.owedToken(), buyToken + proceeds);
        assertEq(token.balanceOf(address(market)), buyToken + proceeds);
    }

    function invariant_fillsWithinLimits() public view {
        assertFalse(handler.ghostPriceOutsideLimits(), "every fill at the maker's price, within the taker's");
        assertFalse(handler.ghostCancelMismatch(), "cancel returns exactly what is left");
    }

    function invariant_noOverfill() public {
        handler.checkOverfill();
        assertFalse(handler.ghostOverfilled());
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            ICommunityMarket.Order memory o = market.order(handler.ids(i));
            assertLe(o.remainingWh, o.quantityWh);
        }
    }

    /// @dev The book is sorted and its levels add up.
    function invariant_bookSorted() public view {
        ICommunityMarket.Book memory b = market.book(255);
        for (uint256 k = 1; k < b.asks.length; ++k) {
            assertGt(b.asks[k].priceTokenPerKwh, b.asks[k - 1].priceTokenPerKwh);
        }
        for (uint256 k = 1; k < b.bids.length; ++k) {
            assertLt(b.bids[k].priceTokenPerKwh, b.bids[k - 1].priceTokenPerKwh);
        }
    }
}
