// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../../src/interfaces/ICommunityMarket.sol";
import {CommunityMarket} from "../../src/CommunityMarket.sol";
import {DemoBRL} from "../../src/DemoBRL.sol";
import {CommunityTestBase} from "./CommunityTestBase.sol";

/// @dev A community with four members holding lots of two origins, its market, and dBRL.
///      Members 0..3 = wallets of private keys 0xA0..0xA3 (40 / 30 / 20 / 10 % shares); lots:
///      202512: 400 / 300 / 200 / 100 kWh, 202601: 40 / 30 / 20 / 10 kWh. Open cycle: 202602.
abstract contract MarketTestBase is CommunityTestBase {
    CommunityMarket internal market;
    DemoBRL internal token;
    uint32 internal constant JAN = 202601;
    uint32 internal constant FEB = 202602;
    uint128 internal constant P = 0.5e18; // 0.50 dBRL per kWh
    address[] internal wallets;

    function _pk(uint256 i) internal pure returns (uint256) {
        return 0xA0 + i;
    }

    function _setUpMarket(uint256 members) internal {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        market = CommunityMarket(community.market());
        token = new DemoBRL(address(this));
        // forge-lint: disable-next-line(unsafe-typecast) -- small
        uint32 share = uint32(1_000_000 / members);
        for (uint256 i; i < members; ++i) {
            address w = vm.addr(_pk(i));
            wallets.push(w);
            // forge-lint: disable-next-line(unsafe-typecast) -- small
            uint32 s = members == 4
                // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
                ? uint32(400_000 - 100_000 * i)
                : (i == members - 1 ? uint32(1_000_000 - share * (members - 1)) : share);
            vm.prank(mgr);
            community.addMember(w, keccak256(abi.encode(i)), ICommunity.Connection.SinglePhase, s, "m");
            token.mint(w, 1_000_000e18);
            vm.prank(w);
            token.approve(address(market), type(uint256).max);
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- small
        _post(FIRST, uint64(1_000_000 * members / 4), new uint64[](members));
        _close(FIRST);
        // forge-lint: disable-next-line(unsafe-typecast) -- small
        _post(JAN, uint64(100_000 * members / 4), new uint64[](members));
        _close(JAN);
        _setPolicy(address(token), ICommunity.TradingPolicy.PricedOrders);
    }

    function _setPolicy(address t, ICommunity.TradingPolicy p) internal {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_II);
        s.paymentToken = t;
        s.tradingPolicy = p;
        vm.prank(mgr);
        community.updateSettings(s);
    }

    function _place(uint256 who, ICommunityMarket.Side side, uint128 price, uint64 wh) internal returns (uint64 id) {
        vm.prank(wallets[who]);
        (id,) = market.placeOrder(side, price, wh, 0, false, 0, 16);
    }

    function _sell(uint256 who, uint128 price, uint64 wh) internal returns (uint64) {
        return _place(who, ICommunityMarket.Side.Sell, price, wh);
    }

    function _buy(uint256 who, uint128 price, uint64 wh) internal returns (uint64) {
        return _place(who, ICommunityMarket.Side.Buy, price, wh);
    }

    /// @dev Σ credits in the market's escrow accounts: Σ remainingWh of open sell orders less what
    ///      the escrows dropped as expired (walks every order id: a test helper, not a view).
    function _escrowedWh() internal view returns (uint64) {
        uint256 sum;
        for (uint64 id = 1;; ++id) {
            try market.order(id) returns (ICommunityMarket.Order memory o) {
                if (o.side == ICommunityMarket.Side.Sell && o.status == ICommunityMarket.Status.Open) {
                    sum += o.remainingWh;
                }
            } catch {
                break;
            }
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- test figures
        return uint64(sum - market.expiredInEscrowWh());
    }

    function _bal(uint256 who) internal view returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        return ICommunityViews(address(community)).member(uint32(who)).balanceWh;
    }

    /// @dev Closes the open cycle with zero consumption and `gen` Wh generated.
    function _closeOpen(uint64 gen) internal {
        uint32 c = ICommunityViews(address(community)).openCycle();
        _post(c, gen, new uint64[](ICommunityViews(address(community)).memberCount()));
        _close(c);
    }
}
