// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityMarket} from "./interfaces/ICommunityMarket.sol";

/// @title CommunityMarket — a price-time priority book for one community's energy credits
/// @notice See ICommunityMarket. Rounding: a buy order escrows ceil(quantityWh × price / 1000)
///         token units; each fill costs floor(amountWh × makerPrice / 1000), paid by the buyer; what
///         is left of a buy escrow when the order completes is credited to its owner's proceeds, when
///         it is cancelled or reclaimed it is transferred back — "cancelling returns exactly what is
///         left". Buy escrow returned for a maker found expired while matching is credited to its
///         owner's proceeds too (pull), so a taker never transfers tokens to makers.
/// @dev Deployed as an OpenZeppelin `Clones` minimal proxy by `CommunityRegistry`.
///      - Sell orders escrow credits in the community's account `ESCROW_BASE + orderId`, moved with
///        `ICommunity.moveCreditsForMarket` (lots keep their origin; expired lots are dropped lazily).
///      - Price levels per side form a sorted doubly-linked list (`better` / `worse`) with the best
///        price in `_top`. Each level is a FIFO singly-linked list of orders. Cancelling or reclaiming
///        an order that is not at the head only updates the level's totals and marks the order: the
///        dead node is popped when matching reaches it (it counts toward `maxFills`), or discarded with
///        the level when its last open order leaves.
///      - Only the count of an owner's open orders is kept (`_owners`); `ordersOf` finds them by
///        walking ids down from the newest (no per-owner list to relink on every close).
///      - Token accounting: `_owed` = Σ open buy escrow + Σ unwithdrawn proceeds ≤ token balance.
contract CommunityMarket is ICommunityMarket, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Order `id`'s credit escrow account in the community.
    uint256 public constant ESCROW_BASE = 1 << 33;
    /// @notice Most levels walked to place a new price level without a usable hint.
    uint256 public constant MAX_WALK = 64;
    uint256 private constant WH_PER_KWH = 1000;
    uint256 private constant MAX_PRICE = type(uint96).max;
    uint8 private constant STANDING = 1;
    uint8 private constant IN_BOOK = 2;

    /// @dev Three slots per order.
    struct Slot {
        // slot 0
        address owner;
        uint32 memberId;
        Side side;
        Status status;
        uint8 flags; // STANDING | IN_BOOK
        uint40 expiresAt;
        // slot 1
        uint96 price;
        uint64 remainingWh;
        uint64 quantityWh;
        uint32 renewedCycle;
        // slot 2
        uint96 escrowToken;
        uint32 soonestExpiry;
        uint40 nextInLevel;
    }

    struct Lvl {
        uint96 better;
        uint96 worse;
        uint40 head;
        uint40 tail;
        uint64 totalWh;
        uint32 orderCount;
        uint32 soonestExpiry;
    }

    struct Top {
        uint96 bestBid;
        uint96 bestAsk;
        uint64 escrowedWh;
    }

    struct OwnerInfo {
        uint128 proceeds;
        uint32 openCount;
    }

    /// @dev The taker's running state while it crosses the book.
    struct Taker {
        uint40 id;
        address owner;
        uint32 memberId;
        Side side;
        uint96 price;
        uint64 remainingWh;
        uint32 cycle;
        uint256 tokenIn; // buyer pays: fills + the escrow of what rests
        uint256 tokenOut; // seller receives
        uint40 lastMaker; // the maker of the last fill (fills are at the maker's price)
    }

    /// @dev An order request (placeOrder's arguments).
    struct Req {
        Side side;
        uint128 price;
        uint64 quantityWh;
        uint64 expiresAt;
        bool standing;
        uint128 hint;
        uint8 maxFills;
    }

    address private _community;
    uint40 private _lastId;
    /// @dev The maker of the market's last fill: its price is the last price (no slot of its own).
    uint40 private _lastFillMaker;
    Top private _top;
    address private _token;
    uint96 private _owed;
    mapping(uint256 id => Slot) private _orders;
    mapping(Side side => mapping(uint96 price => Lvl)) private _levels;
    mapping(address owner => OwnerInfo) private _owners;

    /// @notice Locks the implementation: only clones are initialised.
    constructor() {
        _community = address(1);
    }

    /// @inheritdoc ICommunityMarket
    function initialize(address community_) external {
        if (_community != address(0) || community_ == address(0)) revert AlreadyInitialized();
        _community = community_;
    }

    // ───────────────────────────── orders ─────────────────────────────

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: PricedOrdersDisabled, NoPaymentToken, PaymentTokenInUse, NotAMember,
    ///      MemberInactive, CycleIsClosing, ZeroAmount, ZeroPrice, AmountTooLarge, AlreadyExpired,
    ///      SelfTrade, InsufficientCredits, BadHint; token transfer errors (allowance / balance).
    function placeOrder(
        Side side,
        uint128 priceTokenPerKwh,
        uint64 quantityWh,
        uint64 expiresAt,
        bool standing,
        uint128 hintPriceTokenPerKwh,
        uint8 maxFills
    ) external nonReentrant returns (uint64 orderId, uint64 filledWh) {
        Permit memory none;
        return
            _place(Req(side, priceTokenPerKwh, quantityWh, expiresAt, standing, hintPriceTokenPerKwh, maxFills), none);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev A failing permit (e.g. front-run with the same signature) is ignored: the transfer then
    ///      relies on the allowance as it stands.
    function placeBuyWithPermit(
        uint128 priceTokenPerKwh,
        uint64 quantityWh,
        uint64 expiresAt,
        bool standing,
        uint128 hintPriceTokenPerKwh,
        uint8 maxFills,
        uint256 permitValue,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint64 orderId, uint64 filledWh) {
        Req memory q; // field by field: the legacy pipeline (lite profile) runs out of stack otherwise
        q.side = Side.Buy;
        q.price = priceTokenPerKwh;
        q.quantityWh = quantityWh;
        q.expiresAt = expiresAt;
        q.standing = standing;
        q.hint = hintPriceTokenPerKwh;
        q.maxFills = maxFills;
        return _place(q, Permit(permitValue, permitDeadline, v, r, s));
    }

    /// @dev Permit arguments (`deadline == 0`: no permit).
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: UnknownOrder, NotOrderOwner, OrderNotOpen, CycleIsClosing (sell orders).
    function cancel(uint64 orderId) external nonReentrant {
        Slot storage o = _open(orderId);
        if (o.owner != msg.sender) revert NotOrderOwner(orderId, msg.sender);
        Top memory top = _top;
        (uint64 wh, uint256 tok) = _close(orderId, o, Status.Cancelled, top);
        _top = top;
        emit OrderCancelled(orderId, wh, tok);
        if (tok != 0) {
            _owed -= _u96(tok);
            IERC20(_token).safeTransfer(msg.sender, tok);
        }
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: UnknownOrder, OrderNotOpen, NotExpired, CycleIsClosing (sell orders).
    function reclaimExpired(uint64 orderId) external nonReentrant {
        Slot storage o = _open(orderId);
        uint64 exp = o.expiresAt;
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        if (exp == 0 || exp > block.timestamp) revert NotExpired(exp);
        address owner = o.owner;
        Top memory top = _top;
        (uint64 wh, uint256 tok) = _close(orderId, o, Status.Expired, top);
        _top = top;
        emit OrderExpired(orderId, wh, tok);
        if (tok != 0) {
            _owed -= _u96(tok);
            IERC20(_token).safeTransfer(owner, tok);
        }
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Ids that are unknown, closed, not standing, expired or already renewed for the open cycle
    ///      are skipped silently; an order that cannot be topped up at all emits RenewalSkipped. A
    ///      partly filled order still in the book is topped up in place (keeps its queue position);
    ///      one that had left the book (fully filled) goes back at the back of its level.
    function renewStanding(uint64[] calldata orderIds) external nonReentrant {
        ICommunity c = ICommunity(_community);
        for (uint256 i; i < orderIds.length; ++i) {
            uint64 id = orderIds[i];
            Slot storage o = _orders[id];
            if (o.status != Status.Open || o.flags & STANDING == 0) continue;
            // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
            if (o.expiresAt != 0 && o.expiresAt <= block.timestamp) continue;
            (uint32 idPlusOne, bool active, uint32 cycle, bool closing, address token, ICommunity.TradingPolicy p) =
                c.marketContext(o.owner);
            if (closing) revert CycleIsClosing(cycle);
            if (o.renewedCycle >= cycle) continue;
            if (
                idPlusOne == 0 || !active || p != ICommunity.TradingPolicy.PricedOrders || token == address(0)
                    || (o.side == Side.Buy && token != _token)
            ) {
                emit RenewalSkipped(id, cycle);
                continue;
            }
            _renew(id, o, cycle);
        }
    }

    /// @inheritdoc ICommunityMarket
    function withdraw() external nonReentrant {
        OwnerInfo storage ow = _owners[msg.sender];
        uint256 amount = ow.proceeds;
        if (amount == 0) revert NothingToWithdraw();
        ow.proceeds = 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- proceeds ≤ _owed, a uint96
        _owed -= uint96(amount);
        emit ProceedsWithdrawn(msg.sender, amount);
        IERC20(_token).safeTransfer(msg.sender, amount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICommunityMarket
    function community() external view returns (address) {
        return _community;
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Levels include orders past their `expiresAt` until they are reclaimed or matched.
    ///      `soonestExpiryCycle` of a level is the soonest among the orders that joined it (≤ exact).
    function book(uint8 depth) external view returns (Book memory b) {
        Top memory t = _top;
        b.bids = _levelsFrom(Side.Buy, t.bestBid, depth);
        b.asks = _levelsFrom(Side.Sell, t.bestAsk, depth);
        b.lastPriceTokenPerKwh = _orders[_lastFillMaker].price; // id 0: never filled, price 0
        ICommunity.Settings memory s = ICommunity(_community).settings();
        b.paymentToken = s.paymentToken;
        if (s.paymentToken != address(0)) {
            try IERC20Metadata(s.paymentToken).decimals() returns (uint8 d) {
                b.tokenDecimals = d;
            } catch {}
        }
        b.pricedOrdersAllowed = s.tradingPolicy == ICommunity.TradingPolicy.PricedOrders && s.paymentToken != address(0)
            && (_owed == 0 || s.paymentToken == _token);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Newest first; includes fully filled standing orders (open, out of the book until renewed).
    ///      Walks ids down from the newest until all `openCount` open orders of `owner` are found.
    function ordersOf(address owner) external view returns (Order[] memory list) {
        list = new Order[](_owners[owner].openCount);
        uint256 n;
        for (uint256 id = _lastId; id != 0 && n < list.length; --id) {
            Slot storage o = _orders[id];
            if (o.owner == owner && o.status == Status.Open) list[n++] = _view(id);
        }
    }

    /// @inheritdoc ICommunityMarket
    function order(uint64 orderId) external view returns (Order memory) {
        if (_orders[orderId].owner == address(0)) revert UnknownOrder(orderId);
        return _view(orderId);
    }

    /// @inheritdoc ICommunityMarket
    function proceedsOf(address owner) external view returns (uint256) {
        return _owners[owner].proceeds;
    }

    /// @inheritdoc ICommunityMarket
    function escrowedWh() external view returns (uint64) {
        return _top.escrowedWh;
    }

    /// @inheritdoc ICommunityMarket
    function owedToken() external view returns (uint256) {
        return _owed;
    }

    // ───────────────────────────── internals: placing ─────────────────────────────

    /// @dev Checks policy, token and membership in one community call; returns the member id,
    ///      the open cycle and the payment token.
    function _trader(address wallet) private view returns (uint32 memberId, uint32 cycle, address token) {
        (uint32 idPlusOne, bool active, uint32 open, bool closing, address t, ICommunity.TradingPolicy p) =
            ICommunity(_community).marketContext(wallet);
        if (p != ICommunity.TradingPolicy.PricedOrders) revert PricedOrdersDisabled();
        if (t == address(0)) revert NoPaymentToken();
        if (idPlusOne == 0) revert NotAMember(wallet);
        memberId = idPlusOne - 1;
        if (!active) revert MemberInactive(memberId);
        if (closing) revert CycleIsClosing(open);
        return (memberId, open, t);
    }

    function _place(Req memory q, Permit memory p) private returns (uint64 orderId, uint64 filledWh) {
        (uint32 memberId, uint32 cycle, address token) = _trader(msg.sender);
        if (p.deadline != 0) {
            try IERC20Permit(token).permit(msg.sender, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {}
        }
        _checkRequest(q, token);
        uint40 id = _lastId + 1;
        _lastId = id;
        emit OrderPlaced(id, memberId, q.side, q.price, q.quantityWh, q.expiresAt, q.standing);
        // forge-lint: disable-next-line(unsafe-typecast) -- price ≤ MAX_PRICE checked
        Taker memory t = Taker(id, msg.sender, memberId, q.side, uint96(q.price), q.quantityWh, cycle, 0, 0, 0);
        Top memory top = _top;
        _match(t, top, q.maxFills);
        if (t.lastMaker != 0) _lastFillMaker = t.lastMaker;
        _store(q, t, top);
        _top = top;
        // tokens last (checks-effects-interactions)
        if (t.tokenIn != 0) {
            _owed += _u96(t.tokenIn);
            IERC20(token).safeTransferFrom(msg.sender, address(this), t.tokenIn);
        }
        if (t.tokenOut != 0) {
            _owed -= _u96(t.tokenOut);
            IERC20(token).safeTransfer(msg.sender, t.tokenOut);
        }
        return (id, q.quantityWh - t.remainingWh);
    }

    function _checkRequest(Req memory q, address token) private {
        if (q.quantityWh == 0) revert ZeroAmount();
        if (q.price == 0) revert ZeroPrice();
        if (q.price > MAX_PRICE) revert AmountTooLarge(q.price, MAX_PRICE);
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        if (q.expiresAt != 0 && q.expiresAt <= block.timestamp) revert AlreadyExpired(q.expiresAt);
        if (q.expiresAt > type(uint40).max) revert AmountTooLarge(q.expiresAt, type(uint40).max);
        if (token != _token) {
            if (_owed != 0) revert PaymentTokenInUse(_token);
            _token = token;
        }
    }

    /// @dev Records the taker's order; what is left rests in the book with its escrow.
    function _store(Req memory q, Taker memory t, Top memory top) private {
        uint40 id = t.id;
        Slot storage o = _orders[id];
        o.owner = msg.sender;
        o.memberId = t.memberId;
        o.side = q.side;
        o.flags = q.standing ? STANDING : 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- checked in _checkRequest
        o.expiresAt = uint40(q.expiresAt);
        o.price = t.price;
        o.quantityWh = q.quantityWh;
        o.renewedCycle = t.cycle;
        uint64 rest = t.remainingWh;
        if (rest == 0 && !q.standing) {
            o.status = Status.Filled;
            return;
        }
        o.remainingWh = rest;
        _owners[msg.sender].openCount += 1;
        if (rest == 0) return;
        if (q.side == Side.Sell) {
            (uint64 moved,, uint32 soonest) =
                ICommunity(_community).moveCreditsForMarket(t.memberId, ESCROW_BASE + id, rest);
            if (moved != rest) revert InsufficientCredits(t.memberId, moved, rest);
            o.soonestExpiry = soonest;
            top.escrowedWh += moved;
        } else {
            uint256 escrow = _ceilCost(rest, t.price);
            // forge-lint: disable-next-line(unsafe-typecast) -- _u96 checks
            o.escrowToken = _u96(escrow);
            t.tokenIn += escrow;
        }
        _insert(id, o, top, q.hint);
    }

    /// @dev Crosses the opposite side while the taker's price reaches its best level, at most
    ///      `maxFills` makers (dead and expired makers count). Fills at the maker's price.
    function _match(Taker memory t, Top memory top, uint8 maxFills) private {
        Side opp = t.side == Side.Buy ? Side.Sell : Side.Buy;
        for (uint256 n; n < maxFills && t.remainingWh != 0; ++n) {
            uint96 best = opp == Side.Sell ? top.bestAsk : top.bestBid;
            if (best == 0 || (opp == Side.Sell ? best > t.price : best < t.price)) break;
            Lvl storage l = _levels[opp][best];
            uint40 mid = l.head;
            Slot storage m = _orders[mid];
            if (m.status != Status.Open) {
                l.head = m.nextInLevel; // a dead node: cancelled or reclaimed while not at the head
                continue;
            }
            // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
            if (m.expiresAt != 0 && m.expiresAt <= block.timestamp) {
                l.head = m.nextInLevel; // popped first: `_close` may delete the level
                (uint64 wh, uint256 tok) = _close(mid, m, Status.Expired, top);
                // forge-lint: disable-next-line(unsafe-typecast) -- a uint96 escrow
                if (tok != 0) _owners[m.owner].proceeds += uint128(tok); // still owed: credited (pull)
                emit OrderExpired(mid, wh, tok);
                continue;
            }
            if (m.owner == t.owner) revert SelfTrade(mid);
            uint64 amount = _fill(t, top, l, m, mid, best);
            if (m.remainingWh == 0) {
                // leaves the book from the head of its level
                l.head = m.nextInLevel;
                _leaveLevel(opp, best, l, top);
                m.flags &= ~IN_BOOK;
                if (m.flags & STANDING == 0 || amount == 0) {
                    m.status = amount == 0 ? Status.Expired : Status.Filled;
                    _removeFromOwner(m);
                    uint96 dust = m.escrowToken;
                    if (dust != 0) {
                        m.escrowToken = 0;
                        _owners[m.owner].proceeds += dust;
                    }
                    if (amount == 0) emit OrderExpired(mid, 0, dust);
                }
            }
        }
    }

    /// @dev One fill against maker `m` (at the head of level `l`, price `best`) at the maker's price.
    function _fill(Taker memory t, Top memory top, Lvl storage l, Slot storage m, uint40 mid, uint96 best)
        private
        returns (uint64 amount)
    {
        amount = t.remainingWh < m.remainingWh ? t.remainingWh : m.remainingWh;
        uint256 cost;
        if (m.side == Side.Sell) {
            (uint64 moved, uint64 expired, uint32 soonest) =
                ICommunity(_community).moveCreditsForMarket(ESCROW_BASE + mid, t.memberId, amount);
            if (expired != 0) {
                m.remainingWh -= expired;
                l.totalWh -= expired;
                top.escrowedWh -= expired;
            }
            m.soonestExpiry = soonest;
            amount = moved;
            top.escrowedWh -= moved;
            cost = uint256(amount) * best / WH_PER_KWH;
            // forge-lint: disable-next-line(unsafe-typecast) -- ≤ the taker's uint96-checked payment
            _owners[m.owner].proceeds += uint128(cost);
            t.tokenIn += cost;
        } else {
            (uint64 moved,,) = ICommunity(_community).moveCreditsForMarket(t.memberId, m.memberId, amount);
            if (moved != amount) revert InsufficientCredits(t.memberId, moved, amount);
            cost = uint256(amount) * best / WH_PER_KWH;
            // forge-lint: disable-next-line(unsafe-typecast) -- cost ≤ the maker's escrow (a ceil)
            m.escrowToken -= uint96(cost);
            t.tokenOut += cost;
        }
        if (amount == 0) return 0;
        m.remainingWh -= amount;
        l.totalWh -= amount;
        t.remainingWh -= amount;
        t.lastMaker = mid;
        emit OrderFilled(mid, t.id, t.cycle, m.memberId, t.memberId, m.side, best, amount, cost);
    }

    /// @dev Appends order `id` to the back of its price level, creating the level if needed.
    function _insert(uint40 id, Slot storage o, Top memory top, uint128 hint) private {
        Side side = o.side;
        uint96 price = o.price;
        Lvl storage l = _levels[side][price];
        o.flags |= IN_BOOK;
        if (l.orderCount == 0) {
            (uint96 better, uint96 worse) = _neighbours(side, price, hint, side == Side.Buy ? top.bestBid : top.bestAsk);
            l.better = better;
            l.worse = worse;
            l.head = id;
            if (better == 0) {
                if (side == Side.Buy) top.bestBid = price;
                else top.bestAsk = price;
            } else {
                _levels[side][better].worse = price;
            }
            if (worse != 0) _levels[side][worse].better = price;
            l.soonestExpiry = o.soonestExpiry;
        } else {
            _orders[l.tail].nextInLevel = id;
            uint32 se = o.soonestExpiry;
            if (se != 0 && (l.soonestExpiry == 0 || se < l.soonestExpiry)) l.soonestExpiry = se;
        }
        o.nextInLevel = 0;
        l.tail = id;
        l.orderCount += 1;
        l.totalWh += o.remainingWh;
    }

    /// @dev The levels just better and just worse than a new level at `price` (0 = none): the hint
    ///      checked in O(1), else a walk from the best price of at most MAX_WALK levels.
    function _neighbours(Side side, uint96 price, uint128 hint, uint96 best)
        private
        view
        returns (uint96 better, uint96 worse)
    {
        mapping(uint96 => Lvl) storage levels = _levels[side];
        if (hint != 0 && hint <= MAX_PRICE) {
            // forge-lint: disable-next-line(unsafe-typecast) -- ≤ MAX_PRICE
            uint96 h = uint96(hint);
            Lvl storage hl = levels[h];
            if (hl.orderCount != 0) {
                if (_isBetter(side, h, price)) {
                    if (hl.worse == 0 || _isBetter(side, price, hl.worse)) return (h, hl.worse);
                } else if (hl.better == 0 || _isBetter(side, hl.better, price)) {
                    return (hl.better, h);
                }
            }
        }
        uint96 cur = best;
        for (uint256 steps; cur != 0 && _isBetter(side, cur, price); ++steps) {
            if (steps == MAX_WALK) revert BadHint(hint);
            better = cur;
            cur = levels[cur].worse;
        }
        worse = cur;
    }

    function _isBetter(Side side, uint96 a, uint96 b) private pure returns (bool) {
        return side == Side.Buy ? a > b : a < b;
    }

    /// @dev One open order left level `l` at `price`: removes the level when it was the last one.
    function _leaveLevel(Side side, uint96 price, Lvl storage l, Top memory top) private {
        uint32 count = l.orderCount - 1;
        if (count != 0) {
            l.orderCount = count;
            return;
        }
        uint96 better = l.better;
        uint96 worse = l.worse;
        if (better == 0) {
            if (side == Side.Buy) top.bestBid = worse;
            else top.bestAsk = worse;
        } else {
            _levels[side][better].worse = worse;
        }
        if (worse != 0) _levels[side][worse].better = better;
        delete _levels[side][price];
    }

    // ───────────────────────────── internals: closing and renewing ─────────────────────────────

    function _open(uint64 orderId) private view returns (Slot storage o) {
        o = _orders[orderId];
        if (o.owner == address(0)) revert UnknownOrder(orderId);
        if (o.status != Status.Open) revert OrderNotOpen(orderId);
    }

    /// @dev Closes an open order with `status`: out of the book and the owner's list, credits back to
    ///      the owner (sell), escrowed token returned for the caller to pay out (buy; `_owed` is
    ///      left to the caller). Updates `top` in memory.
    function _close(uint64 orderId, Slot storage o, Status status, Top memory top)
        private
        returns (uint64 wh, uint256 tok)
    {
        uint64 remaining = o.remainingWh;
        if (o.flags & IN_BOOK != 0) {
            Lvl storage l = _levels[o.side][o.price];
            l.totalWh -= remaining;
            _leaveLevel(o.side, o.price, l, top); // the node stays in the level's list until popped
            o.flags &= ~IN_BOOK;
        }
        o.status = status;
        o.remainingWh = 0;
        _removeFromOwner(o);
        if (o.side == Side.Sell) {
            if (remaining != 0) {
                (wh,,) = ICommunity(_community).moveCreditsForMarket(ESCROW_BASE + orderId, o.memberId, remaining);
                top.escrowedWh -= remaining; // what did not come back had expired (EscrowExpired)
            }
        } else {
            tok = o.escrowToken;
            if (tok != 0) o.escrowToken = 0;
        }
    }

    /// @dev Tops a standing order up to its quantity for `cycle` (as much as available).
    function _renew(uint64 id, Slot storage o, uint32 cycle) private {
        uint64 need = o.quantityWh - o.remainingWh;
        Top memory top = _top;
        bool added;
        if (o.side == Side.Sell) {
            (uint64 moved, uint64 expired, uint32 soonest) =
                ICommunity(_community).moveCreditsForMarket(o.memberId, ESCROW_BASE + id, need);
            if (expired != 0) {
                o.remainingWh -= expired;
                top.escrowedWh -= expired;
                if (o.flags & IN_BOOK != 0) _levels[o.side][o.price].totalWh -= expired;
            }
            o.soonestExpiry = soonest;
            need = moved;
            top.escrowedWh += moved;
            added = moved != 0;
        } else {
            uint256 want = _ceilCost(o.quantityWh, o.price);
            uint256 have = o.escrowToken;
            if (want > have) {
                uint256 more = want - have;
                if (more > type(uint96).max || !IERC20(_token).trySafeTransferFrom(o.owner, address(this), more)) {
                    emit RenewalSkipped(id, cycle);
                    return;
                }
                // forge-lint: disable-next-line(unsafe-typecast) -- want = ceil cost checked at placement
                o.escrowToken = uint96(want);
                // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
                _owed += uint96(more);
            }
            added = true;
        }
        if (!added && o.remainingWh == 0) {
            emit RenewalSkipped(id, cycle);
            return;
        }
        o.remainingWh += need;
        o.renewedCycle = cycle;
        if (o.flags & IN_BOOK != 0) {
            _levels[o.side][o.price].totalWh += need;
        } else if (o.remainingWh != 0) {
            // forge-lint: disable-next-line(unsafe-typecast) -- ids are uint40
            _insert(uint40(id), o, top, 0);
        }
        _top = top;
        emit OrderRenewed(id, cycle, o.remainingWh);
    }

    // ───────────────────────────── internals: owners, views, maths ─────────────────────────────

    function _removeFromOwner(Slot storage o) private {
        _owners[o.owner].openCount -= 1;
    }

    function _levelsFrom(Side side, uint96 best, uint8 depth) private view returns (Level[] memory out) {
        out = new Level[](depth);
        uint256 n;
        for (uint96 p = best; p != 0 && n < depth; ++n) {
            Lvl storage l = _levels[side][p];
            out[n] = Level(p, l.totalWh, l.orderCount, l.soonestExpiry);
            p = l.worse;
        }
        assembly ("memory-safe") {
            mstore(out, n)
        }
    }

    function _view(uint256 id) private view returns (Order memory) {
        Slot storage o = _orders[id];
        // forge-lint: disable-next-line(unsafe-typecast) -- ids are uint40
        uint64 id64 = uint64(id);
        return Order({
            id: id64,
            side: o.side,
            status: o.status,
            memberId: o.memberId,
            owner: o.owner,
            priceTokenPerKwh: o.price,
            quantityWh: o.quantityWh,
            remainingWh: o.remainingWh,
            expiresAt: o.expiresAt,
            standing: o.flags & STANDING != 0,
            renewedCycle: o.renewedCycle,
            escrowToken: o.escrowToken,
            soonestExpiryCycle: o.side == Side.Sell ? o.soonestExpiry : 0
        });
    }

    /// @dev ceil(wh × price / 1000): a buy order's escrow.
    function _ceilCost(uint64 wh, uint96 price) private pure returns (uint256) {
        return (uint256(wh) * price + WH_PER_KWH - 1) / WH_PER_KWH;
    }

    function _u96(uint256 v) private pure returns (uint96) {
        if (v > type(uint96).max) revert AmountTooLarge(v, type(uint96).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        return uint96(v);
    }
}
