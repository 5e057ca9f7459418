// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICommonErrors} from "../../src/interfaces/ICommonErrors.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../../src/interfaces/ICommunityMarket.sol";
import {Community} from "../../src/Community.sol";
import {CommunityMarket} from "../../src/CommunityMarket.sol";
import {DemoBRL} from "../../src/DemoBRL.sol";
import {CentsToken} from "../utils/CentsToken.sol";
import {FeeToken} from "../utils/FeeToken.sol";

/// @dev Random but valid market activity (fail_on_revert: every call is computed valid from the
///      views, and an expected revert is expected explicitly); tracks credit flows, fills, token
///      payments and cancels in ghosts. Members 0..3 hold shares; 4 and 5 have none and are the ones
///      deactivated and reactivated. The payment token switches between dBRL (18 decimals) and a
///      2-decimal token; a fee-on-transfer token is tried and must be refused.
contract MarketHandler is Test {
    Community public community;
    CommunityMarket public market;
    DemoBRL public token;
    CentsToken public cents;
    FeeToken public fee;
    address public mgr;
    address public sink = makeAddr("sink"); // withdrawTo / withdrawLegacy destination
    address[] public wallets;
    uint64[] public ids; // stored orders not yet seen closed (closed ones are dropped)

    uint256 internal constant LEVELS = 10; // prices are k × scale, k in 1..LEVELS
    uint256 internal constant MAX_OPEN = 8;

    int256 public ghostIssued;
    int256 public ghostCompensated;
    int256 public ghostExpired; // closes + EscrowExpired
    bool public ghostPriceOutsideLimits;
    bool public ghostOverfilled;
    bool public ghostCancelMismatch;
    bool public ghostTelescopeBroken; // Σ tokens of one maker order's fills ≠ the price of the whole
    bool public ghostInactiveFilled; // an OrderFilled whose maker member is inactive
    bool public ghostStaleFilled; // a fill against an order of an older payment token
    bool public ghostWithdrawMismatch; // a withdrawal did not deliver what the view said
    uint256 public ghostFills;
    mapping(uint64 => uint64) public filledOf; // Σ OrderFilled amounts per order (maker or taker)
    mapping(uint64 => uint256) public paidOf; // Σ OrderFilled token amounts per maker order
    mapping(uint64 => uint64) public makerFilledOf; // Σ OrderFilled amounts per maker order
    mapping(uint64 => uint64) public restedOf; // what a non-standing order rested with after matching
    // what each order was placed with: a taker filled at once is not stored by the market
    mapping(uint64 => uint128) public placedPrice;
    mapping(uint64 => bool) public placedBuy;
    mapping(uint64 => uint64) public placedQty;
    mapping(uint64 => bool) public placedStanding;

    // re-pointing (issue #12): wallets members had before, and whether one of them still acted
    address[] public oldWallets;
    bool public ghostOldWalletActed;
    uint256 internal _nextWallet;

    // figures for the report (printed by the suite's afterInvariant)
    mapping(bytes32 => uint256) public count;

    constructor(
        Community c,
        CommunityMarket m,
        DemoBRL t,
        CentsToken ct,
        FeeToken ft,
        address manager_,
        address[] memory w
    ) {
        community = c;
        market = m;
        token = t;
        cents = ct;
        fee = ft;
        mgr = manager_;
        wallets = w;
    }

    function oldWalletCount() external view returns (uint256) {
        return oldWallets.length;
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    // ───────────────────────────── views ─────────────────────────────

    function _views() internal view returns (ICommunityViews) {
        return ICommunityViews(address(community));
    }

    function _settings() internal view returns (ICommunity.Settings memory) {
        return _views().settings();
    }

    function _active(uint32 id) internal view returns (bool) {
        return _views().member(id).active;
    }

    function _balance(uint32 id) internal view returns (uint64) {
        return _views().member(id).balanceWh;
    }

    /// @dev The market's current payment token (the era of the last placement).
    function marketToken() public view returns (address) {
        (, uint16 cur) = market.eraOf(0);
        (ICommunityMarket.Era memory e,) = market.eraOf(cur);
        return e.token;
    }

    function eraToken(uint16 era) public view returns (address) {
        (ICommunityMarket.Era memory e,) = market.eraOf(era);
        return e.token;
    }

    /// @dev The community switched token and no placement has started the new era yet.
    function pending() public view returns (bool) {
        return _settings().paymentToken != marketToken();
    }

    /// @dev Base units per kWh of one price step: 0.001 dBRL, or 13 cents (rounding per Wh matters).
    function _scale(address t) internal view returns (uint128) {
        return t == address(cents) ? 13 : 1e15;
    }

    function _minWh() internal view returns (uint64) {
        uint64 m = _settings().minOrderWh;
        return m == 0 ? 1 : m;
    }

    function _who(uint256 seed) internal view returns (address w, uint32 id) {
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
        id = uint32(seed % wallets.length);
        w = wallets[id];
    }

    function _ceil(uint256 wh, uint256 price) internal pure returns (uint256) {
        return (wh * price + 999) / 1000;
    }

    function _side(bool buy) internal pure returns (ICommunityMarket.Side) {
        return buy ? ICommunityMarket.Side.Buy : ICommunityMarket.Side.Sell;
    }

    /// @dev Best bid and ask of the current book (0 = none); both 0 while a switch is pending
    ///      (the next placement starts with an empty book).
    function _best() internal view returns (uint128 bid, uint128 ask) {
        ICommunityMarket.Book memory b = market.book(1);
        if (b.bids.length != 0) bid = b.bids[0].priceTokenPerKwh;
        if (b.asks.length != 0) ask = b.asks[0].priceTokenPerKwh;
    }

    /// @dev A price on the grid that a taker of member `w` can use without meeting one of its own
    ///      orders in the book (SelfTrade): a buy stays below its lowest ask, a sell above its
    ///      highest bid. `ok` false when no such price is left on the grid.
    function _avoidSelf(address w, bool buy, uint128 price, uint128 scale) internal view returns (bool ok, uint128) {
        if (pending()) return (true, price); // the book starts empty in the new era
        ICommunityMarket.Order[] memory list = market.ordersOf(w);
        for (uint256 i; i < list.length; ++i) {
            ICommunityMarket.Order memory o = list[i];
            if (!o.inBook) continue;
            if (buy && o.side == ICommunityMarket.Side.Sell && price >= o.priceTokenPerKwh) {
                if (o.priceTokenPerKwh <= scale) return (false, 0);
                price = o.priceTokenPerKwh - scale;
            } else if (!buy && o.side == ICommunityMarket.Side.Buy && price <= o.priceTokenPerKwh) {
                if (o.priceTokenPerKwh >= LEVELS * scale) return (false, 0);
                price = o.priceTokenPerKwh + scale;
            }
        }
        return (true, price);
    }

    /// @dev Enough of the token for a buy at `price` (fills telescope per maker: at most one base
    ///      unit of rounding per fill above qty × price / 1000).
    function _canPay(address w, address t, uint64 wh, uint128 price, uint8 maxFills) internal returns (bool) {
        uint256 need = _ceil(wh, price) + maxFills;
        if (IERC20(t).balanceOf(w) >= need) return true;
        if (t == address(cents)) {
            cents.mint(w, need);
            return true;
        }
        return false;
    }

    // ───────────────────────────── logs ─────────────────────────────

    /// @dev Reads fills, escrow expiries and settlements from the logs since the last recordLogs;
    ///      returns Σ EscrowExpired.
    function _scan() internal returns (int256 escrowExpired) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length == 0) continue;
            bytes32 sig = logs[i].topics[0];
            if (sig == ICommunity.EscrowExpired.selector) {
                (uint64 amount) = abi.decode(logs[i].data, (uint64));
                escrowExpired += int256(uint256(amount));
            } else if (sig == ICommunityMarket.OrderFilled.selector) {
                _onFill(logs[i]);
            } else if (sig == ICommunity.MemberSettled.selector) {
                ICommunity.Settlement memory s = abi.decode(logs[i].data, (ICommunity.Settlement));
                ghostIssued += int256(uint256(s.allocatedWh));
                ghostCompensated += int256(uint256(s.compensatedWh));
                ghostExpired += int256(uint256(s.expiredWh));
            } else if (sig == ICommunity.PoolExpired.selector) {
                ghostExpired += int256(uint256(abi.decode(logs[i].data, (uint64))));
            } else if (sig == ICommunityMarket.RestNotPlaced.selector) {
                ++count["restNotPlaced"];
            } else if (sig == ICommunityMarket.OrderUnlisted.selector) {
                ++count["unlisted"];
            }
        }
        ghostExpired += escrowExpired;
    }

    function _onFill(Vm.Log memory log) internal {
        uint64 maker = uint64(uint256(log.topics[1]));
        uint64 taker = uint64(uint256(log.topics[2]));
        (uint32 makerMember,,, uint128 price, uint64 amount, uint256 tok) =
            abi.decode(log.data, (uint32, uint32, ICommunityMarket.Side, uint128, uint64, uint256));
        ICommunityMarket.Order memory m = market.order(maker);
        if (price != m.priceTokenPerKwh || price != placedPrice[maker]) ghostPriceOutsideLimits = true;
        if (placedBuy[taker] ? price > placedPrice[taker] : price < placedPrice[taker]) {
            ghostPriceOutsideLimits = true;
        }
        if (!_active(makerMember)) ghostInactiveFilled = true;
        if (m.stale) ghostStaleFilled = true;
        filledOf[maker] += amount;
        filledOf[taker] += amount;
        paidOf[maker] += tok;
        makerFilledOf[maker] += amount;
        if (!placedStanding[maker]) {
            // telescoping: the maker fills of what rested pay at most, and once it is all filled
            // exactly, the price of the whole rest, however they were split
            uint256 whole = _ceil(restedOf[maker], price);
            if (paidOf[maker] > whole) ghostTelescopeBroken = true;
            if (makerFilledOf[maker] == restedOf[maker] && paidOf[maker] != whole) ghostTelescopeBroken = true;
            if (filledOf[maker] > placedQty[maker] || makerFilledOf[maker] > restedOf[maker]) {
                ghostOverfilled = true;
            }
        }
        ++ghostFills;
    }

    /// @dev Drops closed orders from `ids` (a closed status is final).
    function _compact() internal {
        for (uint256 i; i < ids.length;) {
            if (market.order(ids[i]).status != ICommunityMarket.Status.Open) {
                ids[i] = ids[ids.length - 1];
                ids.pop();
            } else {
                ++i;
            }
        }
    }

    // ───────────────────────────── placing ─────────────────────────────

    /// @dev Places a valid order (the caller checked membership, activity, lanes and credits);
    ///      records it and scans its logs.
    function _placeValid(address w, bool buy, uint128 price, uint64 wh, uint64 expiresAt, bool standing, uint8 maxFills)
        internal
        returns (uint64 oid)
    {
        vm.recordLogs();
        vm.prank(w);
        (oid,) = market.placeOrder(_side(buy), price, wh, expiresAt, standing, 0, maxFills);
        placedPrice[oid] = price;
        placedBuy[oid] = buy;
        placedQty[oid] = wh;
        placedStanding[oid] = standing;
        _scan();
        ICommunityMarket.Order memory o = market.order(oid);
        if (o.priceTokenPerKwh != 0) ids.push(oid); // stored (not filled at once)
        restedOf[oid] = o.remainingWh;
        ++count["placed"];
    }

    function place(uint256 whoSeed, bool buy, uint128 k, uint64 wh, uint8 maxFills, bool standing, uint8 expiry)
        external
    {
        (address w, uint32 id) = _who(whoSeed);
        if (!_active(id)) return _placeInactive(w, id);
        if (market.ordersOf(w).length >= MAX_OPEN) return _full(w, id, whoSeed);
        uint64 lo = _minWh();
        if (!buy) {
            uint64 bal = _balance(id);
            if (bal < lo) return;
            wh = uint64(_bound(wh, lo, bal));
        } else {
            wh = uint64(_bound(wh, lo, 200_000));
        }
        maxFills = uint8(_bound(maxFills, 0, 8));
        (bool ok, uint128 price) = _price(w, buy, k, wh, maxFills);
        if (!ok) return;
        _placeValid(w, buy, price, wh, expiry % 3 == 0 ? uint64(block.timestamp + 1 + expiry) : 0, standing, maxFills);
        _compact();
    }

    /// @dev Step `k` of the grid in the community's token, moved off the member's own orders; `ok`
    ///      false when none is left or the member cannot pay for a buy.
    function _price(address w, bool buy, uint128 k, uint64 wh, uint8 maxFills)
        internal
        returns (bool ok, uint128 price)
    {
        address t = _settings().paymentToken;
        uint128 scale = _scale(t);
        (ok, price) = _avoidSelf(w, buy, uint128(_bound(k, 1, LEVELS)) * scale, scale);
        if (ok && buy) ok = _canPay(w, t, wh, price, maxFills);
    }

    /// @dev An inactive member's placement is refused (expected revert).
    function _placeInactive(address w, uint32 id) internal {
        uint128 price = _scale(_settings().paymentToken);
        uint64 wh = _minWh();
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, id));
        vm.prank(w);
        market.placeOrder(ICommunityMarket.Side.Buy, price, wh, 0, false, 0, 1);
        ++count["inactiveRefused"];
    }

    /// @dev A member with MAX_OPEN open orders: either a ninth order that would rest is refused
    ///      (TooManyOpenOrders, expected), or its oldest order is cancelled.
    function _full(address w, uint32 id, uint256 seed) internal {
        if (seed & 256 != 0) {
            ICommunityMarket.Order[] memory list = market.ordersOf(w);
            _cancel(list[list.length - 1].id);
            _compact();
            return;
        }
        (bool buy, uint128 price) = _resting();
        uint64 wh = _minWh();
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.TooManyOpenOrders.selector, id, MAX_OPEN));
        vm.prank(w);
        market.placeOrder(_side(buy), price, wh, 0, false, 0, 1);
        ++count["tooManyRefused"];
    }

    /// @dev A side and price that rest without crossing: a buy at the lowest step when no ask is
    ///      there, else (then no bid at all) a sell at the highest step.
    function _resting() internal view returns (bool buy, uint128 price) {
        uint128 scale = _scale(_settings().paymentToken);
        (uint128 bid, uint128 ask) = _best();
        buy = ask == 0 || ask > scale;
        // forge-lint: disable-next-line(unsafe-typecast) -- LEVELS is 10
        price = buy ? scale : uint128(LEVELS) * scale;
        if (!buy) assertLt(bid, price, "no bid at the highest step");
    }

    /// @dev Fills a member's lanes with resting dust orders up to MAX_OPEN; the next one that
    ///      would rest is refused (TooManyOpenOrders, expected).
    function fillLanes(uint256 whoSeed) external {
        (address w, uint32 id) = _who(whoSeed);
        if (!_active(id)) return;
        uint64 wh = _minWh();
        while (market.ordersOf(w).length < MAX_OPEN) {
            (bool buy, uint128 price) = _resting();
            if (buy ? !_canPay(w, _settings().paymentToken, wh, price, 0) : _balance(id) < wh) return;
            uint64 oid = _placeValid(w, buy, price, wh, 0, false, 1);
            assertTrue(market.order(oid).inBook, "a non-crossing order rests");
        }
        _full(w, id, 0);
    }

    /// @dev Dust at the minimum size: 1 Wh (or the community's minimum), and with a minimum above
    ///      1 Wh, one Wh less is refused (OrderTooSmall, expected).
    function placeDust(uint256 whoSeed, bool buy, uint128 k, uint8 maxFills) external {
        (address w, uint32 id) = _who(whoSeed);
        if (!_active(id) || market.ordersOf(w).length >= MAX_OPEN) return;
        uint128 price = uint128(_bound(k, 1, LEVELS)) * _scale(_settings().paymentToken);
        uint64 wh = _minWh();
        if (wh > 1) {
            vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.OrderTooSmall.selector, wh - 1, wh));
            vm.prank(w);
            market.placeOrder(_side(buy), price, wh - 1, 0, false, 0, 1);
            ++count["tooSmallRefused"];
        }
        if (!buy && _balance(id) < wh) return;
        maxFills = uint8(_bound(maxFills, 1, 8));
        bool ok;
        (ok, price) = _price(w, buy, k, wh, maxFills);
        if (!ok) return;
        _placeValid(w, buy, price, wh, 0, false, maxFills);
        ++count["dust"];
        _compact();
    }

    /// @dev `pairs` place-and-cancel pairs at the best price of a side (dead nodes at the top of the
    ///      book: they must cost the next taker nothing).
    function cancelTop(uint256 whoSeed, bool buy, uint8 pairs) external {
        (address w, uint32 id) = _who(whoSeed);
        if (!_active(id) || market.ordersOf(w).length >= MAX_OPEN) return;
        address t = _settings().paymentToken;
        uint128 scale = _scale(t);
        uint64 wh = _minWh();
        pairs = uint8(_bound(pairs, 1, 16)); // 16: the app taker's maxFills
        for (uint256 i; i < pairs; ++i) {
            (uint128 bid, uint128 ask) = _best();
            uint128 price;
            if (buy) {
                price = bid != 0 ? bid : (ask == 0 ? 10 * scale : ask - scale);
                if (price == 0) return;
                if (!_canPay(w, t, wh, price, 0)) return;
            } else {
                price = ask != 0 ? ask : (bid == 0 ? 10 * scale : bid + scale);
                if (price > LEVELS * scale) return;
                if (_balance(id) < wh) return;
            }
            // maxFills 1, not 0: an empty level left at the opposite best (liveCount 0) counts as
            // crossing until matching pops it (see the report: RestNotPlaced with maxFills 0)
            uint64 oid = _placeValid(w, buy, price, wh, 0, false, 1);
            assertTrue(market.order(oid).inBook, "a non-crossing order rests");
            _cancel(oid);
            ++count["topPairs"];
        }
        _compact();
    }

    // ───────────────────────────── closing orders ─────────────────────────────

    function cancel(uint256 seed) external {
        if (ids.length == 0) return;
        _cancel(ids[seed % ids.length]);
        _compact();
    }

    /// @dev Cancels an open order as its owner and checks that exactly what was left came back:
    ///      tokens to the base unit in the order's own era's token; credits = remaining − what had
    ///      expired in the seller's escrow (dropped now, or earlier and so in expiredInEscrowWh).
    function _cancel(uint64 id) internal {
        ICommunityMarket.Order memory o = market.order(id);
        if (o.status != ICommunityMarket.Status.Open) return;
        vm.recordLogs();
        (uint256 tokBefore, uint64 whBefore, uint64 phantomBefore, IERC20 t) = _before(o);
        vm.prank(o.owner);
        market.cancel(id);
        _checkReturned(o, tokBefore, whBefore, phantomBefore, t, _scan());
        ++count["cancelled"];
    }

    function _before(ICommunityMarket.Order memory o)
        internal
        view
        returns (uint256 tokBefore, uint64 whBefore, uint64 phantomBefore, IERC20 t)
    {
        t = IERC20(eraToken(o.era));
        tokBefore = t.balanceOf(o.owner);
        whBefore = _balance(o.memberId);
        phantomBefore = market.expiredInEscrowWh();
    }

    function _checkReturned(
        ICommunityMarket.Order memory o,
        uint256 tokBefore,
        uint64 whBefore,
        uint64 phantomBefore,
        IERC20 t,
        int256 escrowExpired
    ) internal {
        if (t.balanceOf(o.owner) - tokBefore != o.escrowToken) ghostCancelMismatch = true;
        uint64 back = _balance(o.memberId) - whBefore;
        uint64 left = o.side == ICommunityMarket.Side.Sell ? o.remainingWh : 0;
        int256 phantomDelta = int256(uint256(market.expiredInEscrowWh())) - int256(uint256(phantomBefore));
        if (int256(uint256(back)) + escrowExpired != int256(uint256(left)) + phantomDelta) {
            ghostCancelMismatch = true;
        }
        if (o.side == ICommunityMarket.Side.Buy && back != 0) ghostCancelMismatch = true;
    }

    /// @dev Whether anyone may reclaim order `o`: expired, stale (older token, or a switch pending)
    ///      or its member inactive.
    function _reclaimable(ICommunityMarket.Order memory o) internal view returns (bool) {
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        bool expired = o.expiresAt != 0 && o.expiresAt <= block.timestamp;
        return expired || o.stale || pending() || !_active(o.memberId);
    }

    /// @dev Reclaims the first reclaimable open order from `seed` on (a stranger calls); with
    ///      `tryLive`, reclaiming one that is not reclaimable is refused (NotReclaimable, expected).
    function reclaim(uint256 seed, bool tryLive) external {
        uint256 n = ids.length;
        if (n == 0) return;
        for (uint256 j; j < n; ++j) {
            uint64 id = ids[(seed % n + j) % n];
            ICommunityMarket.Order memory o = market.order(id);
            if (o.status != ICommunityMarket.Status.Open) continue;
            if (!_reclaimable(o)) {
                if (!tryLive) continue;
                vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotReclaimable.selector, id));
                market.reclaimExpired(id);
                ++count["notReclaimableRefused"];
                return;
            }
            if (o.stale) ++count["reclaimedStale"];
            vm.recordLogs();
            (uint256 tokBefore, uint64 whBefore, uint64 phantomBefore, IERC20 t) = _before(o);
            market.reclaimExpired(id);
            _checkReturned(o, tokBefore, whBefore, phantomBefore, t, _scan());
            ++count["reclaimed"];
            _compact();
            return;
        }
    }

    function renew(uint256 seed, uint8 n) external {
        if (ids.length == 0) return;
        uint64[] memory list = new uint64[](_bound(n, 1, 4));
        for (uint256 i; i < list.length; ++i) {
            list[i] = ids[(seed % ids.length + i) % ids.length]; // no overflow at seed = max
        }
        vm.recordLogs();
        market.renewStanding(list);
        _scan();
        _compact();
    }

    function prune(bool sell) external {
        vm.recordLogs();
        market.prune(_side(!sell));
        _scan();
        ++count["prunes"];
    }

    // ───────────────────────────── tokens ─────────────────────────────

    function withdraw(uint256 whoSeed, bool toSink) external {
        (address w,) = _who(whoSeed);
        uint256 amount = market.proceedsOf(w);
        if (amount == 0) return;
        address to = toSink ? sink : w;
        IERC20 t = IERC20(marketToken());
        uint256 before = t.balanceOf(to);
        vm.prank(w);
        if (toSink) market.withdrawTo(to);
        else market.withdraw();
        if (t.balanceOf(to) - before != amount || market.proceedsOf(w) != 0) ghostWithdrawMismatch = true;
        ++count["withdrawn"];
    }

    /// @dev Withdraws a member's proceeds of an older era (in that era's token), to itself or a sink.
    function withdrawLegacy(uint256 whoSeed, uint16 eraSeed, bool toSink) external {
        (address w,) = _who(whoSeed);
        (, uint16 cur) = market.eraOf(0);
        if (cur == 0) return;
        for (uint256 j; j < cur; ++j) {
            // forge-lint: disable-next-line(unsafe-typecast) -- < cur, a uint16
            uint16 e = uint16((eraSeed % cur + j) % cur);
            uint256 amount = market.legacyProceedsOf(w, e);
            if (amount == 0) continue;
            address to = toSink ? sink : w;
            IERC20 t = IERC20(eraToken(e));
            uint256 before = t.balanceOf(to);
            vm.prank(w);
            market.withdrawLegacy(e, to);
            if (t.balanceOf(to) - before != amount || market.legacyProceedsOf(w, e) != 0) {
                ghostWithdrawMismatch = true;
            }
            ++count["legacyWithdrawn"];
            return;
        }
    }

    /// @dev The community switches between dBRL and the 2-decimal token (the next placement starts
    ///      the new era), every other call.
    function switchToken(bool now_) external {
        if (!now_) return; // half the calls: an era lasts long enough for the book to fill and cross
        ICommunity.Settings memory s = _settings();
        s.paymentToken = s.paymentToken == address(token) ? address(cents) : address(token);
        vm.prank(mgr);
        community.updateSettings(s);
        ++count["switches"];
    }

    /// @dev The community switches to a fee-on-transfer token: a buy is refused (UnsupportedToken,
    ///      expected) and nothing changes; the community switches back.
    function tryFeeToken(uint256 whoSeed, uint128 k, uint64 wh) external {
        (address w, uint32 id) = _who(whoSeed);
        if (!_active(id) || market.ordersOf(w).length >= MAX_OPEN) return;
        ICommunity.Settings memory s = _settings();
        address prev = s.paymentToken;
        (, uint16 eraBefore) = market.eraOf(0);
        s.paymentToken = address(fee);
        vm.prank(mgr);
        community.updateSettings(s);
        uint128 price = uint128(_bound(k, 1, LEVELS)) * 1e15;
        wh = uint64(_bound(wh, _minWh(), 200_000));
        uint256 amount = _ceil(wh, price); // the book is empty in the new era: all of it rests
        if (fee.balanceOf(w) < amount) fee.mint(w, amount);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunityMarket.UnsupportedToken.selector, address(fee), amount, amount - fee.feeOf(amount)
            )
        );
        vm.prank(w);
        market.placeOrder(ICommunityMarket.Side.Buy, price, wh, 0, false, 0, 4);
        s.paymentToken = prev;
        vm.prank(mgr);
        community.updateSettings(s);
        (, uint16 eraAfter) = market.eraOf(0);
        assertEq(eraAfter, eraBefore, "a refused token starts no era");
        assertEq(fee.balanceOf(address(market)), 0, "the market holds no fee token");
        ++count["feeRefused"];
    }

    /// @dev The community's minimum order size (0..25 Wh).
    function setMinOrder(uint32 minWh) external {
        ICommunity.Settings memory s = _settings();
        s.minOrderWh = uint32(_bound(minWh, 0, 25));
        vm.prank(mgr);
        community.updateSettings(s);
    }

    // ───────────────────────────── members and credits ─────────────────────────────

    /// @dev Deactivates or reactivates member 4 or 5 (no share: the ledger allows it).
    function toggleActive(bool second) external {
        uint32 m = second ? 5 : 4;
        bool active = _active(m);
        vm.prank(mgr);
        community.setActive(m, !active);
        if (active) ++count["deactivated"];
        else ++count["reactivated"];
    }

    /// @dev The EIP-712 digest an invitation key signs for `wallet` to claim member `memberId`.
    function _claimDigest(uint32 memberId, address wallet) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Compartilha"),
                keccak256("1"),
                block.chainid,
                address(community)
            )
        );
        bytes32 claimHash = keccak256(abi.encode(keccak256("Claim(uint32 memberId,address wallet)"), memberId, wallet));
        return keccak256(abi.encodePacked("\x19\x01", domain, claimHash));
    }

    /// @dev A lost phone: the manager invites member `whoSeed` again and a fresh wallet (funded and
    ///      approving the market like the others) claims it; the member's wallet changes with its
    ///      open orders, escrow and proceeds. Then the old wallet tries to withdraw, cancel, place,
    ///      donate and claim again: every one must fail.
    function repoint(uint256 whoSeed, uint256 keySeed) external {
        (address old, uint32 id) = _who(whoSeed);
        uint256 pk = _bound(keySeed, 1, 1e30);
        address fresh = vm.addr(0xF0000 + ++_nextWallet);
        vm.prank(token.owner());
        token.mint(fresh, 1_000_000e18);
        cents.mint(fresh, 1e9);
        vm.startPrank(fresh);
        token.approve(address(market), type(uint256).max);
        cents.approve(address(market), type(uint256).max);
        fee.approve(address(market), type(uint256).max);
        vm.stopPrank();
        vm.prank(mgr);
        community.invite(id, vm.addr(pk), uint64(block.timestamp + 1 days));
        (uint8 v, bytes32 r, bytes32 sg) = vm.sign(pk, _claimDigest(id, fresh));
        vm.prank(fresh);
        community.claim(id, abi.encodePacked(r, sg, v));
        wallets[id] = fresh;
        oldWallets.push(old);
        ++count["repointed"];
        _tryOld(old, abi.encodeCall(market.withdraw, ()), address(market));
        _tryOld(old, abi.encodeCall(market.withdrawTo, (sink)), address(market));
        _tryOld(
            old,
            abi.encodeCall(
                market.placeOrder, (ICommunityMarket.Side.Sell, _scale(marketToken()), 1000, 0, false, 0, 8)
            ),
            address(market)
        );
        _tryOld(old, abi.encodeCall(community.donateToPool, (1, bytes32(0))), address(community));
        _tryOld(old, abi.encodeCall(community.acceptMembership, ()), address(community));
        ICommunityMarket.Order[] memory open = market.ordersOf(fresh);
        for (uint256 k; k < open.length; ++k) {
            _tryOld(old, abi.encodeCall(market.cancel, (open[k].id)), address(market));
        }
    }

    function _tryOld(address old, bytes memory data, address target) internal {
        vm.prank(old);
        (bool ok,) = target.call(data);
        if (ok) ghostOldWalletActed = true;
    }

    function warp(uint32 secs) external {
        vm.warp(block.timestamp + _bound(secs, 1, 400));
    }

    function donate(uint256 fromSeed, uint64 amount) external {
        (address w, uint32 from) = _who(fromSeed);
        if (!_active(from)) return;
        uint64 bal = _balance(from);
        if (bal == 0) return;
        uint32 n = uint32(wallets.length);
        uint32 to = (from + 1) % n;
        while (!_active(to)) to = (to + 1) % n; // members 0..3 are always active
        vm.prank(w);
        community.donate(to, uint64(_bound(amount, 1, bal)), "");
    }

    function donateToPool(uint256 fromSeed, uint64 amount) external {
        (address w, uint32 from) = _who(fromSeed);
        if (!_active(from)) return;
        uint64 bal = _balance(from);
        if (bal == 0) return;
        vm.prank(w);
        community.donateToPool(uint64(_bound(amount, 1, bal)), "");
    }

    /// @dev Closes the open cycle (every active member consumes a little); lots in escrow age too.
    function closeCycle(uint64 gen, uint256 seed) external {
        uint32 cycle = _views().openCycle();
        uint32 n = _views().memberCount();
        uint256 k;
        for (uint32 i; i < n; ++i) {
            if (_active(i)) ++k;
        }
        uint64[] memory cons = new uint64[](k);
        uint32[] memory mids = new uint32[](k);
        k = 0;
        for (uint32 i; i < n; ++i) {
            if (!_active(i)) continue;
            mids[k] = i;
            cons[k++] = uint64(uint256(keccak256(abi.encode(seed, i))) % 150_000);
        }
        vm.startPrank(mgr);
        community.postGeneration(cycle, uint64(_bound(gen, 0, 1_000_000)));
        community.postReadings(cycle, mids, cons);
        vm.recordLogs();
        community.closeCycle(cycle, 0);
        vm.stopPrank();
        _scan();
    }

    /// @dev Several closes at once so lots held in escrow reach their expiry within a run.
    function closeMany(uint8 n, uint256 seed) external {
        n = uint8(_bound(n, 1, 6));
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i))); // no overflow at seed = max
            this.closeCycle(uint64(r >> 192), r); // some generation: sellers keep credits to sell
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
