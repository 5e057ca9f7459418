// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../../src/interfaces/ICommunityMarket.sol";
import {Community} from "../../src/Community.sol";
import {CommunityMarket} from "../../src/CommunityMarket.sol";
import {DemoBRL} from "../../src/DemoBRL.sol";

/// @dev Random but valid market activity; tracks credit flows, fills and cancels in ghosts.
contract MarketHandler is Test {
    Community public community;
    CommunityMarket public market;
    DemoBRL public token;
    address public mgr;
    address[] public wallets;
    uint64[] public ids; // every order placed

    int256 public ghostIssued;
    int256 public ghostCompensated;
    int256 public ghostExpired; // closes + EscrowExpired
    bool public ghostPriceOutsideLimits;
    bool public ghostOverfilled;
    bool public ghostCancelMismatch;
    uint256 public ghostFills;
    mapping(uint64 => uint64) public filledOf; // Σ OrderFilled amounts per order (maker or taker)
    // what each order was placed with: a taker filled at once is not stored by the market
    mapping(uint64 => uint128) public placedPrice;
    mapping(uint64 => bool) public placedBuy;
    mapping(uint64 => uint64) public placedQty;

    constructor(Community c, CommunityMarket m, DemoBRL t, address manager_, address[] memory w) {
        community = c;
        market = m;
        token = t;
        mgr = manager_;
        wallets = w;
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function _who(uint256 seed) internal view returns (address w, uint32 id) {
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        id = uint32(seed % wallets.length);
        w = wallets[id];
    }

    /// @dev Reads fills and escrow expiries from the logs of the last calls.
    function _scan() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            bytes32 sig = logs[i].topics[0];
            if (sig == ICommunity.EscrowExpired.selector) {
                (uint64 amount) = abi.decode(logs[i].data, (uint64));
                ghostExpired += int256(uint256(amount));
            } else if (sig == ICommunityMarket.OrderFilled.selector) {
                uint64 maker = uint64(uint256(logs[i].topics[1]));
                uint64 taker = uint64(uint256(logs[i].topics[2]));
                (,,, uint128 price, uint64 amount,) =
                    abi.decode(logs[i].data, (uint32, uint32, ICommunityMarket.Side, uint128, uint64, uint256));
                if (price != market.order(maker).priceTokenPerKwh || price != placedPrice[maker]) {
                    ghostPriceOutsideLimits = true;
                }
                if (placedBuy[taker] ? price > placedPrice[taker] : price < placedPrice[taker]) {
                    ghostPriceOutsideLimits = true;
                }
                filledOf[maker] += amount;
                filledOf[taker] += amount;
                ++ghostFills;
            } else if (sig == ICommunity.MemberSettled.selector) {
                ICommunity.Settlement memory s = abi.decode(logs[i].data, (ICommunity.Settlement));
                ghostIssued += int256(uint256(s.allocatedWh));
                ghostCompensated += int256(uint256(s.compensatedWh));
                ghostExpired += int256(uint256(s.expiredWh));
            } else if (sig == ICommunity.PoolExpired.selector) {
                ghostExpired += int256(uint256(abi.decode(logs[i].data, (uint64))));
            }
        }
    }

    function place(uint256 whoSeed, bool buy, uint128 price, uint64 wh, uint8 maxFills, bool standing, uint8 expiry)
        external
    {
        (address w, uint32 id) = _who(whoSeed);
        price = uint128(bound(price, 1, 20)) * 1e15;
        if (!buy) {
            uint64 bal = ICommunityViews(address(community)).member(id).balanceWh;
            if (bal == 0) return;
            wh = uint64(bound(wh, 1, bal));
        } else {
            wh = uint64(bound(wh, 1, 200_000));
        }
        uint64 expiresAt = expiry % 3 == 0 ? uint64(block.timestamp + 1 + expiry) : 0;
        vm.recordLogs();
        vm.prank(w);
        try market.placeOrder(
            buy ? ICommunityMarket.Side.Buy : ICommunityMarket.Side.Sell,
            price,
            wh,
            expiresAt,
            standing,
            0,
            uint8(bound(maxFills, 1, 8))
        ) returns (
            uint64 oid, uint64
        ) {
            ids.push(oid);
            placedPrice[oid] = price;
            placedBuy[oid] = buy;
            placedQty[oid] = wh;
        } catch {
            // the logs of a reverted placement are recorded too (fills before a SelfTrade): drop them
            vm.getRecordedLogs();
        }
        _scan();
    }

    function cancel(uint256 seed) external {
        if (ids.length == 0) return;
        uint64 id = ids[seed % ids.length];
        ICommunityMarket.Order memory o = market.order(id);
        if (o.status != ICommunityMarket.Status.Open) return;
        uint256 tokBefore = token.balanceOf(o.owner);
        uint64 whBefore = ICommunityViews(address(community)).member(o.memberId).balanceWh;
        uint64 phantomBefore = market.expiredInEscrowWh();
        vm.recordLogs();
        vm.prank(o.owner);
        market.cancel(id);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        int256 escrowExpired;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ICommunity.EscrowExpired.selector) {
                escrowExpired += int256(uint256(abi.decode(logs[i].data, (uint64))));
            }
        }
        ghostExpired += escrowExpired;
        // exactly what was left: tokens to the wei; credits = remaining − what had expired in the
        // seller's escrow (dropped now, or earlier and so counted in expiredInEscrowWh)
        if (token.balanceOf(o.owner) - tokBefore != o.escrowToken) ghostCancelMismatch = true;
        uint64 back = ICommunityViews(address(community)).member(o.memberId).balanceWh - whBefore;
        uint64 left = o.side == ICommunityMarket.Side.Sell ? o.remainingWh : 0;
        int256 phantomDelta = int256(uint256(market.expiredInEscrowWh())) - int256(uint256(phantomBefore));
        if (int256(uint256(back)) + escrowExpired != int256(uint256(left)) + phantomDelta) {
            ghostCancelMismatch = true;
        }
        if (o.side == ICommunityMarket.Side.Buy && back != 0) ghostCancelMismatch = true;
    }

    function reclaim(uint256 seed) external {
        if (ids.length == 0) return;
        uint64 id = ids[seed % ids.length];
        ICommunityMarket.Order memory o = market.order(id);
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        if (o.status != ICommunityMarket.Status.Open || o.expiresAt == 0 || o.expiresAt > block.timestamp) return;
        vm.recordLogs();
        market.reclaimExpired(id);
        _scan();
    }

    function warp(uint32 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 400));
    }

    function renew(uint256 seed, uint8 n) external {
        if (ids.length == 0) return;
        uint64[] memory list = new uint64[](bound(n, 1, 4));
        for (uint256 i; i < list.length; ++i) {
            list[i] = ids[(seed % ids.length + i) % ids.length]; // no overflow at seed = max
        }
        vm.recordLogs();
        market.renewStanding(list);
        _scan();
    }

    function withdraw(uint256 whoSeed) external {
        (address w,) = _who(whoSeed);
        if (market.proceedsOf(w) == 0) return;
        vm.prank(w);
        market.withdraw();
    }

    function donate(uint256 fromSeed, uint64 amount) external {
        (address w, uint32 from) = _who(fromSeed);
        uint64 bal = ICommunityViews(address(community)).member(from).balanceWh;
        if (bal == 0) return;
        vm.prank(w);
        community.donate((from + 1) % uint32(wallets.length), uint64(bound(amount, 1, bal)), "");
    }

    function donateToPool(uint256 fromSeed, uint64 amount) external {
        (address w, uint32 from) = _who(fromSeed);
        uint64 bal = ICommunityViews(address(community)).member(from).balanceWh;
        if (bal == 0) return;
        vm.prank(w);
        community.donateToPool(uint64(bound(amount, 1, bal)), "");
    }

    /// @dev Closes the open cycle (everyone consumes a little); lots in escrow age too.
    function closeCycle(uint64 gen, uint256 seed) external {
        uint32 cycle = ICommunityViews(address(community)).openCycle();
        uint32 n = ICommunityViews(address(community)).memberCount();
        uint64[] memory cons = new uint64[](n);
        uint32[] memory mids = new uint32[](n);
        for (uint32 i; i < n; ++i) {
            mids[i] = i;
            cons[i] = uint64(uint256(keccak256(abi.encode(seed, i))) % 150_000);
        }
        vm.startPrank(mgr);
        community.postGeneration(cycle, uint64(bound(gen, 0, 1_000_000)));
        community.postReadings(cycle, mids, cons);
        vm.recordLogs();
        community.closeCycle(cycle, 0);
        vm.stopPrank();
        _scan();
    }

    /// @dev Several closes at once so lots held in escrow reach their expiry within a run.
    function closeMany(uint8 count, uint256 seed) external {
        count = uint8(bound(count, 1, 12));
        for (uint256 i; i < count; ++i) {
            this.closeCycle(0, uint256(keccak256(abi.encode(seed, i)))); // no overflow at seed = max
        }
    }

    function checkOverfill() external {
        for (uint256 i; i < ids.length; ++i) {
            ICommunityMarket.Order memory o = market.order(ids[i]);
            if (filledOf[ids[i]] > placedQty[ids[i]] && !o.standing) ghostOverfilled = true;
            if (o.priceTokenPerKwh != 0 && o.quantityWh != placedQty[ids[i]]) ghostOverfilled = true;
        }
    }
}
