// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityViews} from "./interfaces/ICommunityViews.sol";
import {ICommunityMarket} from "./interfaces/ICommunityMarket.sol";
import {CreditAccounts} from "./libraries/CreditAccounts.sol";
import {CycleLib} from "./libraries/CycleLib.sol";

/// @title CommunityMarket — a price-time priority book for one community's energy credits
/// @notice See ICommunityMarket. Rounding: a buy order's escrow is always
///         ceil(remainingWh × price / 1000) token units (derived, not stored). A fill against a
///         sell maker costs the buyer floor(amountWh × price / 1000), credited to the maker's
///         proceeds; a fill against a buy maker pays the seller ceil(old escrow) − ceil(new escrow)
///         (≥ floor and ≤ ceil of amountWh × price / 1000), so a completed buy order leaves no dust.
///         Cancelling or reclaiming returns exactly the escrow left; buy escrow of a maker found
///         expired while matching is credited to its member's proceeds (pull), so a taker never
///         transfers tokens to makers.
/// @dev Deployed as an OpenZeppelin `Clones` minimal proxy by `CommunityRegistry`. Gas layout:
///      - An order is one storage slot; a standing order has one more (`_renewed`). The owner is
///        the member (`memberId`); its wallet (fixed in the community for life) is cached in
///        `_accts` with the member's proceeds. A taker order that fills completely and is not
///        standing is not stored: an id ≤ the last id with no stored order reads as Filled (its
///        figures are in OrderPlaced / OrderFilled).
///      - Sell orders of one member share one credit escrow account in the community,
///        `ESCROW_BASE + memberId`, moved with `ICommunity.moveCreditsForMarket` (lots keep their
///        origin, oldest first). Lots that expire there are dropped by the community
///        (`EscrowExpired`); until an order of the member finds its credits short, the Wh stay in
///        its `remainingWh` and are counted in `expiredInEscrowWh` (the order that finds the
///        escrow short is reduced by the shortfall, which leaves that counter).
///      - Price levels per side form a singly linked list from the best price (`worse`), one slot
///        per level, each a FIFO singly linked list of orders (`head` … `tail`). Cancelling or
///        reclaiming an order only marks the order (one slot): it stays in its level's list as a
///        dead node, popped when matching reaches it (a step of `maxFills`); a level whose list is
///        all dead stays linked until matching pops it, and a new order at its price joins it
///        there. Levels keep no totals: `book` and `escrowedWh` add up the live orders of the
///        levels they show (views walk, transactions do not).
///      - `ordersOf` walks ids down from the newest (no per-member list or count to update).
///      - Token accounting: `_owed` = Σ open buy escrow + Σ unwithdrawn proceeds ≤ token balance.
contract CommunityMarket is ICommunityMarket, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using CycleLib for uint32;

    /// @notice Member `m`'s credit escrow account in the community is `ESCROW_BASE + m`.
    uint256 public constant ESCROW_BASE = CreditAccounts.ESCROW_BASE;
    /// @notice Most levels walked to place a new price level without a usable hint.
    uint256 public constant MAX_WALK = 64;
    /// @dev Most open orders `ordersOf` lists (newest first).
    uint256 private constant MAX_LISTED = 128;
    uint256 private constant WH_PER_KWH = 1000;
    uint256 private constant MAX_PRICE = type(uint72).max;
    uint256 private constant MAX_WH = type(uint40).max;
    // Order flags: bit 0 sell, bit 1 standing, bit 2 in the book, bits 3-4 the status.
    uint8 private constant SELL = 1;
    uint8 private constant STANDING = 2;
    uint8 private constant IN_BOOK = 4;
    uint8 private constant STATUS_SHIFT = 3;
    uint8 private constant STATUS_MASK = 3 << 3;

    /// @dev One slot per order (price > 0 marks a stored order).
    struct Slot {
        uint32 memberId;
        uint72 price;
        uint40 remainingWh;
        uint40 quantityWh;
        uint32 expiresAt;
        uint32 next; // the next order in its level (FIFO)
        uint8 flags;
    }

    /// @dev One slot per price level; `head != 0` ⇔ the level is linked in its side's list.
    struct Lvl {
        uint72 worse; // the next worse level's price (0 = none)
        uint32 head;
        uint32 tail;
        uint16 soonest; // asks: soonest lot expiry as a month ordinal (≤ exact; 0 = none)
    }

    /// @dev The globals every order placement touches, in one slot.
    struct Top {
        uint72 bestBid;
        uint72 bestAsk;
        uint32 lastId;
        uint32 lastFillMaker; // the maker of the market's last fill: its price is the last price
    }

    struct Acct {
        address wallet;
        uint96 proceeds;
    }

    /// @dev The taker's running state while it crosses the book.
    struct Taker {
        uint32 id;
        uint32 memberId;
        bool sell;
        uint72 price;
        uint40 remainingWh;
        uint32 cycle;
        uint256 tokenIn; // buyer pays: fills + the escrow of what rests
        uint256 tokenOut; // seller receives
        uint32 lastMaker; // the maker of the last fill (fills are at the maker's price)
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

    /// @dev Permit arguments (`deadline == 0`: no permit).
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    address private _community;
    address private _token;
    uint96 private _owed;
    Top private _top;
    /// @dev Σ Wh the escrows dropped as expired that are still in some sell order's remainingWh
    ///      (written only when an escrow reports expired lots or comes up short).
    uint64 private _phantomWh;
    mapping(uint256 id => Slot) private _orders;
    mapping(uint256 id => uint32 cycle) private _renewed; // standing orders only
    mapping(bool sell => mapping(uint256 price => Lvl)) private _levels;
    mapping(uint32 memberId => Acct) private _accts;

    /// @notice Locks the implementation: only clones are initialised.
    constructor() {
        _community = address(1);
    }

    /// @inheritdoc ICommunityMarket
    function initialize(address community_) external {
        if (_community != address(0)) revert AlreadyInitialized();
        if (community_ == address(0)) revert ZeroAddress();
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

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: UnknownOrder, NotOrderOwner, OrderNotOpen, CycleIsClosing (sell orders).
    function cancel(uint64 orderId) external nonReentrant {
        Slot storage o = _open(orderId);
        if (_accts[o.memberId].wallet != msg.sender) revert NotOrderOwner(orderId, msg.sender);
        (uint64 wh, uint256 tok) = _close(orderId, o, Status.Cancelled);
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
        address owner = _accts[o.memberId].wallet;
        (uint64 wh, uint256 tok) = _close(orderId, o, Status.Expired);
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
            uint8 f = o.flags;
            if (o.price == 0 || _status(f) != Status.Open || f & STANDING == 0) continue;
            // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
            if (o.expiresAt != 0 && o.expiresAt <= block.timestamp) continue;
            (uint32 idPlusOne, bool active, uint32 cycle, bool closing, address token, ICommunity.TradingPolicy p) =
                c.marketContext(_accts[o.memberId].wallet);
            if (closing) revert CycleIsClosing(cycle);
            if (_renewed[id] >= cycle) continue;
            if (
                idPlusOne == 0 || !active || p != ICommunity.TradingPolicy.PricedOrders || token == address(0)
                    || (f & SELL == 0 && token != _token)
            ) {
                emit RenewalSkipped(id, cycle);
                continue;
            }
            _renew(id, o, cycle);
        }
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: NotAMember (a wallet the community does not know), NothingToWithdraw.
    function withdraw() external nonReentrant {
        Acct storage a = _accts[_memberOf(msg.sender)];
        uint256 amount = a.proceeds;
        if (amount == 0) revert NothingToWithdraw();
        a.proceeds = 0;
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
    /// @dev Levels include orders past their `expiresAt` until they are reclaimed or matched; levels
    ///      with no live order are skipped. Walks each shown level's orders (a view: O(orders shown)).
    ///      `soonestExpiryCycle` of an ask level is the soonest among its sellers' escrows when their
    ///      orders joined it (≤ exact).
    function book(uint8 depth) external view returns (Book memory b) {
        Top memory t = _top;
        b.bids = _levelsFrom(false, t.bestBid, depth);
        b.asks = _levelsFrom(true, t.bestAsk, depth);
        b.lastPriceTokenPerKwh = _orders[t.lastFillMaker].price; // id 0: never filled, price 0
        ICommunity.Settings memory s = ICommunityViews(_community).settings();
        b.paymentToken = s.paymentToken;
        if (s.paymentToken != address(0)) {
            try IERC20Metadata(s.paymentToken).decimals() returns (uint8 d) {
                b.tokenDecimals = d;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        b.pricedOrdersAllowed = s.tradingPolicy == ICommunity.TradingPolicy.PricedOrders && s.paymentToken != address(0)
            && (_owed == 0 || s.paymentToken == _token);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Newest first; includes fully filled standing orders (open, out of the book until renewed).
    ///      One pass over every id down from the newest (one cold SLOAD each: about 14,000 orders per
    ///      eth_call under a 30M gas cap), listing at most MAX_LISTED open orders.
    function ordersOf(address owner) external view returns (Order[] memory list) {
        (bool found, uint32 memberId) = ICommunity(_community).memberIdOf(owner);
        if (!found) return list;
        uint256[] memory ids = new uint256[](MAX_LISTED);
        uint256 n;
        for (uint256 id = _top.lastId; id != 0 && n < MAX_LISTED; --id) {
            if (_isOpenOf(id, memberId)) ids[n++] = id;
        }
        list = new Order[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _view(ids[i]);
        }
    }

    /// @inheritdoc ICommunityMarket
    /// @dev An id up to the last one with no stored order was a taker order filled at once: it reads
    ///      as Filled with zero figures (see its OrderPlaced and OrderFilled events).
    function order(uint64 orderId) external view returns (Order memory) {
        if (orderId == 0 || orderId > _top.lastId) revert UnknownOrder(orderId);
        return _view(orderId);
    }

    /// @inheritdoc ICommunityMarket
    function proceedsOf(address owner) external view returns (uint256) {
        (bool found, uint32 memberId) = ICommunity(_community).memberIdOf(owner);
        return found ? _accts[memberId].proceeds : 0;
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Σ remainingWh of the live asks (walks the whole ask side: a view) less what the escrows
    ///      dropped as expired.
    function escrowedWh() external view returns (uint64) {
        uint256 sum;
        for (uint256 p = _top.bestAsk; p != 0;) {
            Lvl storage l = _levels[true][p];
            (uint256 wh,) = _live(l.head);
            sum += wh;
            p = l.worse;
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- Σ credits escrowed fits the credit width
        return uint64(sum - _phantomWh);
    }

    /// @inheritdoc ICommunityMarket
    function expiredInEscrowWh() external view returns (uint64) {
        return _phantomWh;
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

    function _memberOf(address wallet) private view returns (uint32) {
        (bool found, uint32 memberId) = ICommunity(_community).memberIdOf(wallet);
        if (!found) revert NotAMember(wallet);
        return memberId;
    }

    function _place(Req memory q, Permit memory p) private returns (uint64 orderId, uint64 filledWh) {
        (uint32 memberId, uint32 cycle, address token) = _trader(msg.sender);
        if (p.deadline != 0) {
            try IERC20Permit(token).permit(msg.sender, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {} // solhint-disable-line no-empty-blocks
        }
        _checkRequest(q, token);
        Top memory top = _top;
        uint32 id = top.lastId + 1;
        top.lastId = id;
        emit OrderPlaced(id, memberId, q.side, q.price, q.quantityWh, q.expiresAt, q.standing);
        Taker memory t;
        t.id = id;
        t.memberId = memberId;
        t.sell = q.side == Side.Sell;
        // forge-lint: disable-next-line(unsafe-typecast) -- ≤ MAX_PRICE checked
        t.price = uint72(q.price);
        // forge-lint: disable-next-line(unsafe-typecast) -- ≤ MAX_WH checked
        t.remainingWh = uint40(q.quantityWh);
        t.cycle = cycle;
        _match(t, top, q.maxFills);
        if (t.lastMaker != 0) top.lastFillMaker = t.lastMaker;
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
        if (q.quantityWh > MAX_WH) revert AmountTooLarge(q.quantityWh, MAX_WH);
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        if (q.expiresAt != 0 && q.expiresAt <= block.timestamp) revert AlreadyExpired(q.expiresAt);
        if (q.expiresAt > type(uint32).max) revert AmountTooLarge(q.expiresAt, type(uint32).max);
        if (token != _token) {
            if (_owed != 0) revert PaymentTokenInUse(_token);
            _token = token;
        }
    }

    /// @dev Records the taker's order unless it filled completely and is not standing; what is
    ///      left rests in the book with its escrow.
    function _store(Req memory q, Taker memory t, Top memory top) private {
        uint40 rest = t.remainingWh;
        if (rest == 0 && !q.standing) return; // filled at once: not stored (reads as Filled)
        Acct storage a = _accts[t.memberId];
        if (a.wallet == address(0)) a.wallet = msg.sender; // once per member (wallets are for life)
        uint8 f = (t.sell ? SELL : 0) | (q.standing ? STANDING : 0);
        if (q.standing) _renewed[t.id] = t.cycle;
        uint16 soonest;
        if (rest != 0) {
            if (t.sell) {
                (uint64 moved, uint64 expired, uint32 s) =
                    ICommunity(_community).moveCreditsForMarket(t.memberId, ESCROW_BASE + t.memberId, rest);
                if (moved != rest) revert InsufficientCredits(t.memberId, moved, rest);
                if (expired != 0) _phantomWh += expired;
                soonest = _ord(s);
            } else {
                t.tokenIn += _ceilCost(rest, t.price);
            }
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- ≤ MAX_WH and uint32 checked in _checkRequest
        Slot memory o = Slot(t.memberId, t.price, rest, uint40(q.quantityWh), uint32(q.expiresAt), 0, f);
        if (rest != 0) _insert(t.id, o, top, q.hint, soonest);
        _orders[t.id] = o;
    }

    /// @dev Crosses the opposite side while the taker's price reaches its best level, at most
    ///      `maxFills` steps (fills, and dead orders, dead levels and expired makers popped).
    ///      Fills at the maker's price.
    function _match(Taker memory t, Top memory top, uint8 maxFills) private {
        bool opp = !t.sell; // the makers' side: true = asks
        for (uint256 n; n < maxFills && t.remainingWh != 0; ++n) {
            uint72 best = opp ? top.bestAsk : top.bestBid;
            if (best == 0 || (opp ? best > t.price : best < t.price)) break;
            Lvl storage l = _levels[opp][best];
            uint32 mid = l.head;
            Slot storage m = _orders[mid];
            uint8 f = m.flags;
            if (f & IN_BOOK == 0) {
                _advance(opp, best, l, m.next, top); // a dead node: cancelled or reclaimed
                continue;
            }
            // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
            if (m.expiresAt != 0 && m.expiresAt <= block.timestamp) {
                (uint64 wh, uint256 tok) = _close(mid, m, Status.Expired);
                // forge-lint: disable-next-line(unsafe-typecast) -- a uint96-checked escrow
                if (tok != 0) _accts[m.memberId].proceeds += uint96(tok); // still owed: credited (pull)
                emit OrderExpired(mid, wh, tok);
                _advance(opp, best, l, m.next, top);
                continue;
            }
            if (m.memberId == t.memberId) revert SelfTrade(mid);
            uint40 amount = _fill(t, l, m, mid, best);
            if (m.remainingWh == 0) {
                // leaves the book from the head of its level
                f &= ~IN_BOOK;
                if (f & STANDING == 0 || amount == 0) {
                    f = _withStatus(f, amount == 0 ? Status.Expired : Status.Filled);
                    if (amount == 0) emit OrderExpired(mid, 0, 0);
                }
                m.flags = f;
                _advance(opp, best, l, m.next, top);
            }
        }
    }

    /// @dev One fill against maker `m` (at the head of level `l`, price `best`) at the maker's price.
    function _fill(Taker memory t, Lvl storage l, Slot storage m, uint32 mid, uint72 best)
        private
        returns (uint40 amount)
    {
        uint40 rem = m.remainingWh;
        amount = t.remainingWh < rem ? t.remainingWh : rem;
        uint256 cost;
        if (!t.sell) {
            (uint64 moved, uint64 expired, uint32 s) =
                ICommunity(_community).moveCreditsForMarket(ESCROW_BASE + m.memberId, t.memberId, amount);
            if (expired != 0) _phantomWh += expired;
            if (moved < amount) {
                // the seller's escrow is empty: the rest of this order had expired there
                // forge-lint: disable-next-line(unsafe-typecast) -- moved < amount, a uint40
                uint40 short = rem - uint40(moved);
                _phantomWh -= short;
                rem -= short;
                // forge-lint: disable-next-line(unsafe-typecast) -- moved < amount, a uint40
                amount = uint40(moved);
            }
            // the level's soonest expiry is exact again when this maker is its only order left
            if (rem != amount && l.head == l.tail) l.soonest = _ord(s);
            cost = uint256(amount) * best / WH_PER_KWH;
            // forge-lint: disable-next-line(unsafe-typecast) -- ≤ the taker's uint96-checked payment
            if (cost != 0) _accts[m.memberId].proceeds += uint96(cost);
            t.tokenIn += cost;
        } else {
            (uint64 moved,,) = ICommunity(_community).moveCreditsForMarket(t.memberId, m.memberId, amount);
            if (moved != amount) revert InsufficientCredits(t.memberId, moved, amount);
            cost = _ceilCost(rem, best) - _ceilCost(rem - amount, best);
            t.tokenOut += cost;
        }
        m.remainingWh = rem - amount;
        if (amount == 0) return 0;
        t.remainingWh -= amount;
        t.lastMaker = mid;
        emit OrderFilled(mid, t.id, t.cycle, m.memberId, t.memberId, _side(m.flags), best, amount, cost);
    }

    /// @dev Appends order `id` (in memory, written by the caller) to the back of its price level,
    ///      linking the level first if it is not in the list.
    function _insert(uint32 id, Slot memory o, Top memory top, uint128 hint, uint16 soonest) private {
        bool sell = o.flags & SELL != 0;
        uint72 price = o.price;
        Lvl storage l = _levels[sell][price];
        o.flags |= IN_BOOK;
        o.next = 0;
        if (l.head == 0) {
            uint72 best = sell ? top.bestAsk : top.bestBid;
            uint72 better = _betterNeighbour(sell, price, hint, best);
            if (better == 0) {
                l.worse = best;
                if (sell) top.bestAsk = price;
                else top.bestBid = price;
            } else {
                Lvl storage b = _levels[sell][better];
                l.worse = b.worse;
                b.worse = price;
            }
            l.head = id;
            l.soonest = soonest;
        } else {
            _orders[l.tail].next = id; // the tail may be a dead node: still in the list
            uint16 se = l.soonest;
            if (soonest != 0 && (se == 0 || soonest < se)) l.soonest = soonest;
        }
        l.tail = id;
    }

    /// @dev The linked level just better than a new level at `price` (0 = it becomes the best):
    ///      from the hint when it is a linked level better than `price`, else from the best price,
    ///      walking at most MAX_WALK levels.
    function _betterNeighbour(bool sell, uint72 price, uint128 hint, uint72 best) private view returns (uint72 better) {
        mapping(uint256 => Lvl) storage levels = _levels[sell];
        uint256 cur = best;
        if (hint != 0 && hint <= MAX_PRICE && levels[hint].head != 0 && _isBetter(sell, hint, price)) cur = hint;
        else if (cur == 0 || !_isBetter(sell, cur, price)) return 0;
        for (uint256 steps;; ++steps) {
            uint256 w = levels[cur].worse;
            if (w == 0 || !_isBetter(sell, w, price)) break;
            if (steps == MAX_WALK) revert BadHint(hint);
            cur = w;
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- a level price ≤ MAX_PRICE
        return uint72(cur);
    }

    function _isBetter(bool sell, uint256 a, uint256 b) private pure returns (bool) {
        return sell ? a < b : a > b;
    }

    /// @dev The head of the best level of a side left it: the level's next order (`next`) becomes
    ///      its head, or the level, then empty, is unlinked.
    function _advance(bool sell, uint72 price, Lvl storage l, uint32 next, Top memory top) private {
        if (next != 0) {
            l.head = next;
            return;
        }
        uint72 worse = l.worse;
        if (sell) top.bestAsk = worse;
        else top.bestBid = worse;
        delete _levels[sell][price];
    }

    // ───────────────────────────── internals: closing and renewing ─────────────────────────────

    function _open(uint64 orderId) private view returns (Slot storage o) {
        o = _orders[orderId];
        if (o.price == 0) {
            if (orderId == 0 || orderId > _top.lastId) revert UnknownOrder(orderId);
            revert OrderNotOpen(orderId); // a taker order filled at once
        }
        if (_status(o.flags) != Status.Open) revert OrderNotOpen(orderId);
    }

    /// @dev Closes an open order with `status`: out of the book (its node stays in its level's
    ///      list, dead, until matching pops it), credits back to the member (sell), escrowed token
    ///      returned for the caller to pay out (buy; `_owed` is left to the caller). Writes the
    ///      order's slot only.
    function _close(uint64 orderId, Slot storage o, Status status) private returns (uint64 wh, uint256 tok) {
        Slot memory s = o;
        uint40 rem = s.remainingWh;
        bool sell = s.flags & SELL != 0;
        s.remainingWh = 0;
        s.flags = _withStatus(s.flags & ~IN_BOOK, status);
        _orders[orderId] = s;
        if (sell) {
            if (rem != 0) {
                uint64 expired;
                (wh, expired,) = ICommunity(_community).moveCreditsForMarket(ESCROW_BASE + s.memberId, s.memberId, rem);
                if (expired != 0 || wh != rem) _phantomWh = _phantomWh + expired - (rem - wh);
            }
        } else {
            tok = _ceilCost(rem, s.price);
        }
    }

    /// @dev Tops a standing order up to its quantity for `cycle` (as much as available).
    function _renew(uint64 id, Slot storage o, uint32 cycle) private {
        Slot memory s = o;
        uint40 need = s.quantityWh - s.remainingWh;
        Top memory top = _top;
        uint16 soonest;
        bool sell = s.flags & SELL != 0;
        if (sell) {
            (uint64 moved, uint64 expired, uint32 se) =
                ICommunity(_community).moveCreditsForMarket(s.memberId, ESCROW_BASE + s.memberId, need);
            if (expired != 0) _phantomWh += expired;
            soonest = _ord(se);
            // forge-lint: disable-next-line(unsafe-typecast) -- ≤ need, a uint40
            need = uint40(moved);
            if (need == 0 && s.remainingWh == 0) {
                emit RenewalSkipped(id, cycle);
                return;
            }
        } else {
            uint256 more = _ceilCost(s.quantityWh, s.price) - _ceilCost(s.remainingWh, s.price);
            if (more != 0) {
                address owner = _accts[s.memberId].wallet;
                if (more > type(uint96).max || !IERC20(_token).trySafeTransferFrom(owner, address(this), more)) {
                    emit RenewalSkipped(id, cycle);
                    return;
                }
                // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
                _owed += uint96(more);
            }
        }
        s.remainingWh += need;
        _renewed[id] = cycle;
        if (s.flags & IN_BOOK != 0) {
            Lvl storage l = _levels[sell][s.price];
            uint16 ls = l.soonest;
            if (soonest != 0 && (ls == 0 || soonest < ls)) l.soonest = soonest;
        } else if (s.remainingWh != 0) {
            // forge-lint: disable-next-line(unsafe-typecast) -- ids are uint32
            _insert(uint32(id), s, top, 0, soonest);
        }
        _orders[id] = s;
        _top = top;
        emit OrderRenewed(id, cycle, s.remainingWh);
    }

    // ───────────────────────────── internals: views, maths ─────────────────────────────

    function _isOpenOf(uint256 id, uint32 memberId) private view returns (bool) {
        Slot storage o = _orders[id];
        return o.price != 0 && o.memberId == memberId && _status(o.flags) == Status.Open;
    }

    function _levelsFrom(bool sell, uint256 best, uint8 depth) private view returns (Level[] memory out) {
        out = new Level[](depth);
        uint256 n;
        for (uint256 p = best; p != 0 && n < depth;) {
            Lvl storage l = _levels[sell][p];
            (uint256 wh, uint256 count) = _live(l.head);
            // forge-lint: disable-next-line(unsafe-typecast) -- prices ≤ MAX_PRICE; Σ Wh and counts fit
            if (count != 0) out[n++] = Level(uint128(p), uint64(wh), uint32(count), _cycle(l.soonest));
            p = l.worse;
        }
        assembly ("memory-safe") {
            mstore(out, n)
        }
    }

    /// @dev Σ remainingWh and count of the live (in the book) orders of a level's list from `head`.
    function _live(uint32 head) private view returns (uint256 wh, uint256 count) {
        for (uint256 id = head; id != 0;) {
            Slot storage o = _orders[id];
            if (o.flags & IN_BOOK != 0) {
                wh += o.remainingWh;
                ++count;
            }
            id = o.next;
        }
    }

    function _view(uint256 id) private view returns (Order memory v) {
        Slot memory o = _orders[id];
        // forge-lint: disable-next-line(unsafe-typecast) -- ids are uint32
        v.id = uint64(id);
        if (o.price == 0) {
            v.status = Status.Filled; // a taker order filled at once (not stored)
            return v;
        }
        bool sell = o.flags & SELL != 0;
        bool open = _status(o.flags) == Status.Open;
        v.side = _side(o.flags);
        v.status = _status(o.flags);
        v.memberId = o.memberId;
        v.owner = _accts[o.memberId].wallet;
        v.priceTokenPerKwh = o.price;
        v.quantityWh = o.quantityWh;
        v.remainingWh = o.remainingWh;
        v.expiresAt = o.expiresAt;
        v.standing = o.flags & STANDING != 0;
        v.renewedCycle = v.standing ? _renewed[id] : 0;
        if (!sell && open) v.escrowToken = uint128(_ceilCost(o.remainingWh, o.price));
        if (sell && o.flags & IN_BOOK != 0) v.soonestExpiryCycle = _cycle(_levels[true][o.price].soonest);
    }

    function _side(uint8 f) private pure returns (Side) {
        return f & SELL != 0 ? Side.Sell : Side.Buy;
    }

    function _status(uint8 f) private pure returns (Status) {
        return Status((f & STATUS_MASK) >> STATUS_SHIFT);
    }

    function _withStatus(uint8 f, Status s) private pure returns (uint8) {
        return (f & ~STATUS_MASK) | (uint8(s) << STATUS_SHIFT);
    }

    /// @dev YYYYMM (0 = none) → month ordinal (0 = none), and back.
    function _ord(uint32 cycle) private pure returns (uint16) {
        // forge-lint: disable-next-line(unsafe-typecast) -- ordinals of real cycles fit 16 bits
        return cycle == 0 ? 0 : uint16(cycle.toOrdinal());
    }

    function _cycle(uint16 ordinal) private pure returns (uint32) {
        return ordinal == 0 ? 0 : CycleLib.fromOrdinal(ordinal);
    }

    /// @dev ceil(wh × price / 1000): a buy order's escrow.
    function _ceilCost(uint256 wh, uint256 price) private pure returns (uint256) {
        return (wh * price + WH_PER_KWH - 1) / WH_PER_KWH;
    }

    function _u96(uint256 v) private pure returns (uint96) {
        if (v > type(uint96).max) revert AmountTooLarge(v, type(uint96).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        return uint96(v);
    }
}
