// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityMarket} from "./interfaces/ICommunityMarket.sol";
import {CreditAccounts} from "./libraries/CreditAccounts.sol";
import {CycleLib} from "./libraries/CycleLib.sol";

/// @title CommunityMarket — a price-time priority book for one community's energy credits
/// @notice See ICommunityMarket. Rounding telescopes on both sides: a fill that takes an order from
///         `r` to `r − a` Wh moves ceil(r × price / 1000) − ceil((r − a) × price / 1000) token units,
///         so the fills of any order add up to ceil(quantity × price / 1000) however they are split
///         (a buy order's escrow is always ceil(remaining × price / 1000), derived, not stored).
///         Cancelling or reclaiming returns exactly the escrow left.
/// @dev Deployed as an OpenZeppelin `Clones` minimal proxy by `CommunityRegistry`. Layout:
///      - An order is one storage slot; a standing order has one more (`_renewed`). The owner is
///        the member (`memberId`); its wallet is cached in `_accts` with its proceeds. A taker order
///        that fills completely and is not standing is not stored.
///      - Each member's open orders are listed in one slot, `_lanes` (MAX_OPEN ids); a lane is
///        freed lazily: the next order of the member reuses an empty lane or one whose order closed.
///        `ordersOf` reads that slot and at most MAX_OPEN orders, whatever the history.
///      - Sell orders of one member share one credit escrow account in the community,
///        `ESCROW_BASE + memberId` (lots keep their origin). Lots that expire there are dropped by
///        the community; until an order of the member finds its credits short, the Wh stay in its
///        `remainingWh` and are counted in `expiredInEscrowWh`.
///      - Price levels per side form a singly linked list from the best price (`worse`), one slot
///        per level holding its FIFO of orders (`head` … `tail`) and running totals of the orders in
///        the book (`liveWh`, `liveCount`): `book` reads them, never the orders. Cancelling marks the
///        order and takes it out of its level's totals; its node stays in the list until matching
///        reaches it, and a level with no live order stays linked until matching, `prune` or a new
///        level's placement walk unlinks it. Those dead nodes and empty levels, and expired or
///        inactive makers, do not count toward a taker's `maxFills` (at most MAX_PRUNE per
///        transaction), and what is left of an order never rests crossed (RestNotPlaced).
///      - Payment-token eras: when the community's payment token changes, the next placement starts
///        a new era (`PaymentTokenSwitched`): both sides start empty, orders placed before
///        (`id < eraStart`) are stale — never filled or renewed, only cancelled or reclaimed, their
///        buy escrow returned in their own token — and what the market owed in the old token moves
///        to `_legacyOwed` (proceeds stay withdrawable in it, to any address). A level belongs to
///        the era of its first order (`firstId`), so a stale level at a price is simply replaced.
///      - Token accounting, per token T: T's balance ≥ (T = current token ? `_owed` : 0) +
///        `_legacyOwed[T]`; `_owed` = Σ open current-era buy escrow + Σ current-era proceeds.
///        A transfer in that leaves the market holding less than it owes in that token (a
///        fee-on-transfer or rebasing token) is refused (`UnsupportedToken`).
contract CommunityMarket is ICommunityMarket, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using CycleLib for uint32;

    /// @notice Member `m`'s credit escrow account in the community is `ESCROW_BASE + m`.
    uint256 public constant ESCROW_BASE = CreditAccounts.ESCROW_BASE;
    /// @notice Most levels with live orders walked to place a new price level (from the hint).
    uint256 public constant MAX_WALK = 64;
    /// @notice Most dead orders, empty levels and expired or inactive makers a transaction takes out
    ///         of the book on its way (they do not count toward `maxFills`).
    uint256 public constant MAX_PRUNE = 256;
    /// @notice Most empty levels `book` skips per side before it reports `truncated`.
    uint256 public constant MAX_SKIP = 1024;
    /// @notice Most open orders per member.
    uint256 public constant MAX_OPEN = 8;
    uint256 private constant WH_PER_KWH = 1000;
    uint256 private constant MAX_PRICE = type(uint72).max;
    uint256 private constant MAX_WH = type(uint40).max;
    uint256 private constant LANE = 0xffffffff;
    // Order flags: bit 0 sell, bit 1 standing, bit 2 in the book, bits 3-4 the status.
    uint8 private constant SELL = 1;
    uint8 private constant STANDING = 2;
    uint8 private constant IN_BOOK = 4;
    uint8 private constant STATUS_SHIFT = 3;
    uint8 private constant STATUS_MASK = 3 << 3;
    uint8 private constant UNLISTED_EXPIRED = 0;
    uint8 private constant UNLISTED_INACTIVE = 1;

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

    /// @dev One slot per price level; linked in its side's list ⇔ `head != 0` and `firstId` ≥ the
    ///      era's first id. `liveWh` / `liveCount`: Σ remainingWh and count of its orders in the book.
    struct Lvl {
        uint72 worse; // the next worse level's price (0 = none)
        uint32 head;
        uint32 tail;
        uint16 soonest; // asks: soonest lot expiry as a month ordinal (≤ exact; 0 = none)
        uint48 liveWh;
        uint16 liveCount;
        uint32 firstId; // the smallest order id it holds: the level's era
    }

    /// @dev The globals every order placement touches, in one slot.
    struct Top {
        uint72 bestBid;
        uint72 bestAsk;
        uint32 lastId;
        uint32 lastFillMaker; // the maker of the era's last fill: its price is the last price
        uint32 eraStart; // the first order id of the current payment-token era
        uint16 era;
    }

    /// @dev A member's wallet (cached at its first order) and its proceeds of era `era`.
    struct Acct {
        address wallet;
        uint80 proceeds;
        uint16 era;
    }

    /// @dev The taker's running state while it crosses the book.
    struct Taker {
        uint32 id;
        uint32 memberId;
        bool sell;
        uint72 price;
        uint40 remainingWh;
        uint32 cycle;
        uint16 era;
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
    /// @dev Σ Wh the escrows dropped as expired that are still in some sell order's remainingWh.
    uint64 private _phantomWh;
    mapping(uint256 id => Slot) private _orders;
    mapping(uint256 id => uint32 cycle) private _renewed; // standing orders only
    mapping(bool sell => mapping(uint256 price => Lvl)) private _levels;
    mapping(uint32 memberId => Acct) private _accts;
    mapping(uint32 memberId => uint256 ids) private _lanes; // MAX_OPEN × uint32 order ids
    mapping(uint16 era => mapping(uint32 memberId => uint256)) private _legacyProceeds;
    mapping(address token => uint256) private _legacyOwed;
    Era[] private _eras;

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

    /// @inheritdoc ICommunityMarket
    function onWalletChanged(uint32 memberId, address wallet) external {
        if (msg.sender != _community) revert NotCommunity(msg.sender);
        Acct storage a = _accts[memberId];
        if (a.wallet == address(0)) return; // no order yet: its first order caches the wallet
        a.wallet = wallet;
        emit OwnerWalletChanged(memberId, wallet);
    }

    // ───────────────────────────── orders ─────────────────────────────

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: PricedOrdersDisabled, NoPaymentToken, NotAMember, MemberInactive,
    ///      CycleIsClosing, ZeroAmount, ZeroPrice, AmountTooLarge, OrderTooSmall, AlreadyExpired,
    ///      SelfTrade, InsufficientCredits, BadHint, TooManyOpenOrders, UnsupportedToken; token
    ///      transfer errors (allowance / balance).
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
        uint32 memberId = o.memberId;
        if (_accts[memberId].wallet != msg.sender) revert NotOrderOwner(orderId, msg.sender);
        (uint64 wh, uint256 tok) = _close(orderId, o, Status.Cancelled);
        emit OrderCancelled(orderId, wh, tok);
        if (tok != 0) _refund(orderId, memberId, msg.sender, tok);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: UnknownOrder, OrderNotOpen, NotReclaimable, CycleIsClosing (sell orders).
    function reclaimExpired(uint64 orderId) external nonReentrant {
        Slot storage o = _open(orderId);
        uint32 memberId = o.memberId;
        address owner = _accts[memberId].wallet;
        uint64 exp = o.expiresAt;
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        bool expired = exp != 0 && exp <= block.timestamp;
        if (!expired && orderId >= _top.eraStart) {
            (uint32 idPlusOne, bool active,,, address token,,) = ICommunity(_community).marketContext(owner);
            if (idPlusOne != 0 && active && token == _token) revert NotReclaimable(orderId);
        }
        (uint64 wh, uint256 tok) = _close(orderId, o, Status.Expired);
        emit OrderExpired(orderId, wh, tok);
        if (tok != 0) _refund(orderId, memberId, owner, tok);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Ids that are unknown, closed, not standing, expired or already renewed for the open cycle
    ///      are skipped silently; one that cannot be topped up or placed (no credits / allowance /
    ///      balance, priced orders off, an inactive owner, a stale token, a price that would cross
    ///      the book, no level found within MAX_WALK) emits RenewalSkipped: the batch never reverts
    ///      for one order (only CycleIsClosing, for all). A partly filled order still in the book is
    ///      topped up in place (keeps its queue position); one that had left the book goes back at
    ///      the back of its level.
    function renewStanding(uint64[] calldata orderIds) external nonReentrant {
        ICommunity c = ICommunity(_community);
        Top memory top = _top;
        for (uint256 i; i < orderIds.length; ++i) {
            uint64 id = orderIds[i];
            Slot storage o = _orders[id];
            uint8 f = o.flags;
            if (o.price == 0 || _status(f) != Status.Open || f & STANDING == 0) continue;
            // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
            if (o.expiresAt != 0 && o.expiresAt <= block.timestamp) continue;
            (uint32 idPlusOne, bool active, uint32 cycle, bool closing, address token, ICommunity.TradingPolicy p,) =
                c.marketContext(_accts[o.memberId].wallet);
            if (closing) revert CycleIsClosing(cycle);
            if (_renewed[id] >= cycle) continue;
            if (
                idPlusOne == 0 || !active || p != ICommunity.TradingPolicy.PricedOrders || token == address(0)
                    || token != _token || id < top.eraStart || !_renew(id, o, cycle, top)
            ) {
                emit RenewalSkipped(id, cycle);
            }
        }
        _top = top;
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: NotAMember (a wallet the community does not know), NothingToWithdraw.
    function withdraw() external nonReentrant {
        _withdraw(msg.sender);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: ZeroAddress, NotAMember, NothingToWithdraw.
    function withdrawTo(address to) external nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        _withdraw(to);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reverts: UnknownEra (the current era or later: use withdraw), ZeroAddress, NotAMember,
    ///      NothingToWithdraw.
    function withdrawLegacy(uint16 era, address to) external nonReentrant {
        if (era >= _top.era) revert UnknownEra(era);
        if (to == address(0)) revert ZeroAddress();
        uint32 m = _memberOf(msg.sender);
        uint256 amount = _legacyProceeds[era][m];
        _legacyProceeds[era][m] = 0;
        Acct storage a = _accts[m];
        if (a.era == era && a.proceeds != 0) {
            amount += a.proceeds;
            a.proceeds = 0;
        }
        if (amount == 0) revert NothingToWithdraw();
        address token = _eras[era].token;
        _legacyOwed[token] -= amount;
        emit ProceedsWithdrawn(msg.sender, to, token, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc ICommunityMarket
    /// @dev At most MAX_PRUNE levels; empty levels below a live one are unlinked by the placement
    ///      walk of any new level past them.
    function prune(Side side) external nonReentrant {
        bool sell = side == Side.Sell;
        Top memory top = _top;
        uint256 n;
        for (; n < MAX_PRUNE; ++n) {
            uint72 best = sell ? top.bestAsk : top.bestBid;
            if (best == 0 || _levels[sell][best].liveCount != 0) break;
            _unlinkBest(sell, best, top);
        }
        _top = top;
        emit Pruned(side, n);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICommunityMarket
    function community() external view returns (address) {
        return _community;
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Reads each shown level's running totals (never its orders); skips empty levels, at most
    ///      MAX_SKIP per side (then `truncated`). Levels include orders past their `expiresAt` until
    ///      matching, `prune` or a reclaim takes them out. While the community's payment token differs
    ///      from the market's (a switch not yet started by a placement) both sides are empty: the
    ///      orders there are priced in the old token. `soonestExpiryCycle` of an ask level is the
    ///      soonest among its sellers' escrows when their orders joined it (≤ exact).
    function book(uint8 depth) external view returns (Book memory b) {
        (,,,, address token, ICommunity.TradingPolicy policy, uint32 minWh) =
            ICommunity(_community).marketContext(address(0));
        b.paymentToken = token;
        b.minOrderWh = minWh;
        if (token != address(0)) {
            try IERC20Metadata(token).decimals() returns (uint8 d) {
                b.tokenDecimals = d;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        b.pricedOrdersAllowed = policy == ICommunity.TradingPolicy.PricedOrders && token != address(0);
        if (token != _token) return b;
        Top memory t = _top;
        bool pb;
        bool pa;
        (b.bids, pb) = _levelsFrom(false, t.bestBid, depth);
        (b.asks, pa) = _levelsFrom(true, t.bestAsk, depth);
        b.truncated = pb || pa;
        if (t.lastFillMaker != 0) b.lastPriceTokenPerKwh = _orders[t.lastFillMaker].price;
    }

    /// @inheritdoc ICommunityMarket
    /// @dev Newest first; at most MAX_OPEN (one slot and their order slots: the same cost whatever
    ///      the history). Includes open orders out of the book (filled standing, expired, stale).
    ///      `stale` is also set while the community's token differs from the market's.
    function ordersOf(address owner) external view returns (Order[] memory list) {
        (uint32 idPlusOne,,,, address token,,) = ICommunity(_community).marketContext(owner);
        if (idPlusOne == 0) return list;
        uint256 w = _lanes[idPlusOne - 1];
        uint256[] memory ids = new uint256[](MAX_OPEN);
        uint256 n;
        for (uint256 i; i < MAX_OPEN; ++i) {
            uint256 id = (w >> (32 * i)) & LANE;
            if (id == 0 || !_isOpen(id)) continue;
            uint256 j = n++;
            for (; j != 0 && ids[j - 1] < id; --j) {
                ids[j] = ids[j - 1];
            }
            ids[j] = id;
        }
        Top memory t = _top;
        bool pending = token != _token;
        list = new Order[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _view(ids[i], t);
            if (pending) list[i].stale = true;
        }
    }

    /// @inheritdoc ICommunityMarket
    /// @dev An id up to the last one with no stored order was a taker order filled at once: it reads
    ///      as Filled with zero figures (see its OrderPlaced and OrderFilled events).
    function order(uint64 orderId) external view returns (Order memory) {
        Top memory t = _top;
        if (orderId == 0 || orderId > t.lastId) revert UnknownOrder(orderId);
        return _view(orderId, t);
    }

    /// @inheritdoc ICommunityMarket
    function proceedsOf(address owner) external view returns (uint256) {
        (bool found, uint32 memberId) = ICommunity(_community).memberIdOf(owner);
        if (!found) return 0;
        Acct memory a = _accts[memberId];
        return a.era == _top.era ? a.proceeds : 0;
    }

    /// @inheritdoc ICommunityMarket
    function legacyProceedsOf(address owner, uint16 era) external view returns (uint256 amount) {
        (bool found, uint32 memberId) = ICommunity(_community).memberIdOf(owner);
        if (!found || era >= _top.era) return 0;
        amount = _legacyProceeds[era][memberId];
        Acct memory a = _accts[memberId];
        if (a.era == era) amount += a.proceeds;
    }

    /// @inheritdoc ICommunityMarket
    function eraOf(uint16 era) external view returns (Era memory, uint16 current) {
        if (era >= _eras.length) revert UnknownEra(era);
        return (_eras[era], _top.era);
    }

    /// @inheritdoc ICommunityMarket
    function expiredInEscrowWh() external view returns (uint64) {
        return _phantomWh;
    }

    /// @inheritdoc ICommunityMarket
    function owedToken() external view returns (uint256) {
        return _owed;
    }

    /// @inheritdoc ICommunityMarket
    function legacyOwed(address token) external view returns (uint256) {
        return _legacyOwed[token];
    }

    // ───────────────────────────── internals: placing ─────────────────────────────

    /// @dev Checks policy, token and membership in one community call, then the request.
    function _trader(address wallet, Req memory q) private view returns (uint32 memberId, uint32 cycle, address token) {
        (uint32 idPlusOne, bool active, uint32 open, bool closing, address t, ICommunity.TradingPolicy p, uint32 min) =
            ICommunity(_community).marketContext(wallet);
        if (p != ICommunity.TradingPolicy.PricedOrders) revert PricedOrdersDisabled();
        if (t == address(0)) revert NoPaymentToken();
        if (idPlusOne == 0) revert NotAMember(wallet);
        memberId = idPlusOne - 1;
        if (!active) revert MemberInactive(memberId);
        if (closing) revert CycleIsClosing(open);
        _checkRequest(q, min);
        return (memberId, open, t);
    }

    function _memberOf(address wallet) private view returns (uint32) {
        (bool found, uint32 memberId) = ICommunity(_community).memberIdOf(wallet);
        if (!found) revert NotAMember(wallet);
        return memberId;
    }

    function _place(Req memory q, Permit memory p) private returns (uint64 orderId, uint64 filledWh) {
        (uint32 memberId, uint32 cycle, address token) = _trader(msg.sender, q);
        if (p.deadline != 0) {
            try IERC20Permit(token).permit(msg.sender, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {} // solhint-disable-line no-empty-blocks
        }
        Top memory top = _top;
        uint32 id = top.lastId + 1;
        top.lastId = id;
        if (token != _token) _switchToken(token, top, id);
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
        t.era = top.era;
        _match(t, top, q.maxFills);
        if (t.lastMaker != 0) top.lastFillMaker = t.lastMaker;
        _store(q, t, top);
        _top = top;
        // tokens last (checks-effects-interactions)
        if (t.tokenIn != 0) {
            _owed += _u96(t.tokenIn);
            _pull(token, msg.sender, t.tokenIn);
        }
        if (t.tokenOut != 0) {
            _owed -= _u96(t.tokenOut);
            IERC20(token).safeTransfer(msg.sender, t.tokenOut);
        }
        return (id, q.quantityWh - t.remainingWh);
    }

    function _checkRequest(Req memory q, uint32 minWh) private view {
        if (q.quantityWh == 0) revert ZeroAmount();
        if (q.price == 0) revert ZeroPrice();
        if (q.price > MAX_PRICE) revert AmountTooLarge(q.price, MAX_PRICE);
        if (q.quantityWh > MAX_WH) revert AmountTooLarge(q.quantityWh, MAX_WH);
        if (q.quantityWh < minWh) revert OrderTooSmall(q.quantityWh, minWh);
        // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
        if (q.expiresAt != 0 && q.expiresAt <= block.timestamp) revert AlreadyExpired(q.expiresAt);
        if (q.expiresAt > type(uint32).max) revert AmountTooLarge(q.expiresAt, type(uint32).max);
    }

    /// @dev The community's payment token is not the market's: a new era starts at order `id`
    ///      (the first token ever only records era 0).
    function _switchToken(address token, Top memory top, uint32 id) private {
        address old = _token;
        if (old != address(0)) {
            if (_owed != 0) _legacyOwed[old] += _owed;
            top.era += 1;
            top.eraStart = id;
            top.bestBid = 0;
            top.bestAsk = 0;
            top.lastFillMaker = 0;
        }
        _token = token;
        _owed = 0;
        _eras.push(Era(id, token));
        emit PaymentTokenSwitched(old, token, top.era, id);
    }

    /// @dev Pulls `amount` of `token` from `from` (already added to `_owed`) and refuses a token
    ///      that leaves the market holding less than it owes in it (fee-on-transfer, rebasing down).
    function _pull(address token, address from, uint256 amount) private {
        IERC20(token).safeTransferFrom(from, address(this), amount);
        uint256 held = IERC20(token).balanceOf(address(this));
        if (held < _owed) revert UnsupportedToken(token, amount, amount + held - _owed);
    }

    /// @dev Records the taker's order unless it filled completely and is not standing; what is
    ///      left rests in the book with its escrow — unless it would rest crossed (RestNotPlaced).
    function _store(Req memory q, Taker memory t, Top memory top) private {
        uint40 rest = t.remainingWh;
        if (rest != 0 && _crossesLive(t.sell, t.price, top)) {
            emit RestNotPlaced(t.id, rest);
            rest = 0;
        }
        if (rest == 0 && !q.standing) return; // filled at once (or rest not placed): not stored
        Acct storage a = _accts[t.memberId];
        if (a.wallet == address(0)) a.wallet = msg.sender; // once per member
        _addLane(t.memberId, t.id);
        uint8 f = (t.sell ? SELL : 0) | (q.standing ? STANDING : 0);
        if (q.standing) _renewed[t.id] = t.cycle;
        uint16 soonest;
        if (rest != 0) {
            if (t.sell) {
                (uint64 moved, uint64 expired, uint32 s,) =
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
        if (rest != 0 && !_insert(t.id, o, top, q.hint, soonest)) revert BadHint(q.hint);
        _orders[t.id] = o;
    }

    /// @dev Lists order `id` in its member's lanes: an empty lane, else one whose order closed.
    function _addLane(uint32 memberId, uint32 id) private {
        uint256 w = _lanes[memberId];
        uint256 lane = MAX_OPEN;
        for (uint256 i; i < MAX_OPEN; ++i) {
            if ((w >> (32 * i)) & LANE == 0) {
                lane = i;
                break;
            }
        }
        if (lane == MAX_OPEN) {
            for (uint256 i; i < MAX_OPEN; ++i) {
                if (!_isOpen((w >> (32 * i)) & LANE)) {
                    lane = i;
                    break;
                }
            }
            if (lane == MAX_OPEN) revert TooManyOpenOrders(memberId, MAX_OPEN);
        }
        _lanes[memberId] = (w & ~(LANE << (32 * lane))) | (uint256(id) << (32 * lane));
    }

    /// @dev Crosses the opposite side while the taker's price reaches its best level: at most
    ///      `maxFills` fills, and at most MAX_PRUNE dead orders, empty levels and expired or inactive
    ///      makers taken out on the way (not counted as fills). Fills at the maker's price.
    function _match(Taker memory t, Top memory top, uint8 maxFills) private {
        bool opp = !t.sell; // the makers' side: true = asks
        uint256 fills;
        uint256 pops;
        while (fills < maxFills && t.remainingWh != 0) {
            uint72 best = opp ? top.bestAsk : top.bestBid;
            if (best == 0 || (opp ? best > t.price : best < t.price)) break;
            Lvl storage l = _levels[opp][best];
            if (l.liveCount == 0) {
                if (pops++ == MAX_PRUNE) break;
                _unlinkBest(opp, best, top); // an empty level: its nodes are all dead
                continue;
            }
            uint32 mid = l.head;
            Slot storage m = _orders[mid];
            if (m.flags & IN_BOOK == 0) {
                if (pops++ == MAX_PRUNE) break;
                _advance(opp, best, l, m.next, top); // a dead node: cancelled or reclaimed
                continue;
            }
            // forge-lint: disable-next-line(block-timestamp) -- expiry is a date; validators' seconds do not matter
            if (m.expiresAt != 0 && m.expiresAt <= block.timestamp) {
                if (pops++ == MAX_PRUNE) break;
                _unlist(mid, UNLISTED_EXPIRED, opp, best, top);
                continue;
            }
            if (m.memberId == t.memberId) revert SelfTrade(mid);
            (uint40 amount, bool inactive) = _fill(t, l, m, mid, best);
            if (inactive) {
                if (pops++ == MAX_PRUNE) break;
                _unlist(mid, UNLISTED_INACTIVE, opp, best, top);
                continue;
            }
            if (amount == 0) ++pops;
            else ++fills;
            if (m.remainingWh == 0) _leave(mid, amount == 0, opp, best, top);
        }
    }

    /// @dev Maker `mid`, at the head of level `best`, was filled to 0 (or found its escrow empty:
    ///      `emptied`): it leaves the book; a standing order that filled stays open until renewed.
    function _leave(uint32 mid, bool emptied, bool sell, uint72 best, Top memory top) private {
        Slot storage m = _orders[mid];
        Lvl storage l = _levels[sell][best];
        uint8 f = m.flags & ~IN_BOOK;
        if (f & STANDING == 0 || emptied) {
            f = _withStatus(f, emptied ? Status.Expired : Status.Filled);
            if (emptied) emit OrderExpired(mid, 0, 0);
        }
        m.flags = f;
        --l.liveCount;
        _advance(sell, best, l, m.next, top);
    }

    /// @dev One fill against maker `m` (at the head of level `l`, price `best`) at the maker's price;
    ///      nothing when the maker's member is inactive.
    function _fill(Taker memory t, Lvl storage l, Slot storage m, uint32 mid, uint72 best)
        private
        returns (uint40 amount, bool inactive)
    {
        uint40 rem = m.remainingWh;
        amount = t.remainingWh < rem ? t.remainingWh : rem;
        uint256 cost;
        if (!t.sell) {
            uint64 moved;
            uint64 expired;
            uint32 s;
            (moved, expired, s, inactive) =
                ICommunity(_community).moveCreditsForMarket(ESCROW_BASE + m.memberId, t.memberId, amount);
            if (inactive) return (0, true);
            if (expired != 0) _phantomWh += expired;
            if (moved < amount) {
                // the seller's escrow is empty: the rest of this order had expired there
                // forge-lint: disable-next-line(unsafe-typecast) -- moved < amount, a uint40
                uint40 short = rem - uint40(moved);
                _phantomWh -= short;
                l.liveWh -= short;
                rem -= short;
                // forge-lint: disable-next-line(unsafe-typecast) -- moved < amount, a uint40
                amount = uint40(moved);
            }
            // the level's soonest expiry is exact again when this maker is its only order left
            if (rem != amount && l.head == l.tail) l.soonest = _ord(s);
            cost = _ceilCost(rem, best) - _ceilCost(rem - amount, best);
            if (cost != 0) _creditProceeds(m.memberId, cost, t.era);
            t.tokenIn += cost;
        } else {
            uint64 moved;
            (moved,,, inactive) = ICommunity(_community).moveCreditsForMarket(t.memberId, m.memberId, amount);
            if (inactive) return (0, true);
            if (moved != amount) revert InsufficientCredits(t.memberId, moved, amount);
            cost = _ceilCost(rem, best) - _ceilCost(rem - amount, best);
            t.tokenOut += cost;
        }
        m.remainingWh = rem - amount;
        if (amount == 0) return (0, false);
        l.liveWh -= amount;
        t.remainingWh -= amount;
        t.lastMaker = mid;
        emit OrderFilled(mid, t.id, t.cycle, m.memberId, t.memberId, _side(m.flags), best, amount, cost);
    }

    /// @dev Adds `amount` to member `m`'s proceeds of era `era` (proceeds of an older era it still
    ///      holds move to `_legacyProceeds` first).
    function _creditProceeds(uint32 m, uint256 amount, uint16 era) private {
        Acct storage a = _accts[m];
        uint256 p = a.proceeds;
        uint16 e = a.era;
        if (e != era) {
            if (p != 0) _legacyProceeds[e][m] += p;
            p = 0;
            a.era = era;
        }
        p += amount;
        if (p > type(uint80).max) revert AmountTooLarge(p, type(uint80).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        a.proceeds = uint80(p);
    }

    /// @dev Takes the maker at the head of level `l` out of the book without filling it (expired,
    ///      or its member inactive): it stays open (reclaimable), its lane kept.
    function _unlist(uint32 mid, uint8 reason, bool sell, uint72 best, Top memory top) private {
        Slot storage m = _orders[mid];
        Lvl storage l = _levels[sell][best];
        m.flags &= ~IN_BOOK;
        l.liveWh -= m.remainingWh;
        --l.liveCount;
        emit OrderUnlisted(mid, reason);
        _advance(sell, best, l, m.next, top);
    }

    /// @dev Appends order `id` (in memory, written by the caller) to the back of its price level,
    ///      linking the level first if it is not linked in this era. False: no place found for a new
    ///      level within MAX_WALK live levels from the hint (or the best).
    function _insert(uint32 id, Slot memory o, Top memory top, uint128 hint, uint16 soonest) private returns (bool) {
        bool sell = o.flags & SELL != 0;
        uint72 price = o.price;
        Lvl storage l = _levels[sell][price];
        o.flags |= IN_BOOK;
        o.next = 0;
        if (l.head == 0 || l.firstId < top.eraStart) {
            (bool found, uint72 better) = _betterNeighbour(sell, price, hint, sell ? top.bestAsk : top.bestBid, top);
            if (!found) return false;
            uint72 worse;
            if (better == 0) {
                worse = sell ? top.bestAsk : top.bestBid;
                if (sell) top.bestAsk = price;
                else top.bestBid = price;
            } else {
                Lvl storage b = _levels[sell][better];
                worse = b.worse;
                b.worse = price;
            }
            _levels[sell][price] = Lvl(worse, id, id, soonest, o.remainingWh, 1, id);
            return true;
        }
        _orders[l.tail].next = id; // the tail may be a dead node: still in the list
        Lvl memory v = l;
        if (soonest != 0 && (v.soonest == 0 || soonest < v.soonest)) v.soonest = soonest;
        v.liveWh = _add48(v.liveWh, o.remainingWh);
        if (v.liveCount == type(uint16).max) revert AmountTooLarge(uint256(v.liveCount) + 1, type(uint16).max);
        ++v.liveCount;
        v.tail = id;
        if (id < v.firstId) v.firstId = id; // a renewed standing order (same era)
        _levels[sell][price] = v;
        return true;
    }

    /// @dev The linked level just better than a new level at `price` (0 = it becomes the best):
    ///      from the hint when it is a linked level of this era better than `price`, else from the
    ///      best price, walking at most MAX_WALK levels with live orders; empty levels met on the way
    ///      are unlinked (at most MAX_PRUNE). `found` false when a bound is reached first.
    function _betterNeighbour(bool sell, uint72 price, uint128 hint, uint72 best, Top memory top)
        private
        returns (bool found, uint72 better)
    {
        mapping(uint256 => Lvl) storage levels = _levels[sell];
        uint256 cur = best;
        if (hint != 0 && hint <= MAX_PRICE && _linked(levels[hint], top) && _isBetter(sell, hint, price)) cur = hint;
        else if (cur == 0 || !_isBetter(sell, cur, price)) return (true, 0);
        uint256 steps;
        uint256 pruned;
        for (;;) {
            Lvl storage c = levels[cur];
            uint256 w = c.worse;
            if (w == 0 || !_isBetter(sell, w, price)) break;
            Lvl storage wl = levels[w];
            if (wl.liveCount == 0) {
                if (pruned++ == MAX_PRUNE) return (false, 0);
                c.worse = wl.worse; // unlink the empty level
                delete levels[w];
                continue;
            }
            if (steps++ == MAX_WALK) return (false, 0);
            cur = w;
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- a level price ≤ MAX_PRICE
        return (true, uint72(cur));
    }

    function _linked(Lvl storage l, Top memory top) private view returns (bool) {
        return l.head != 0 && l.firstId >= top.eraStart;
    }

    function _isBetter(bool sell, uint256 a, uint256 b) private pure returns (bool) {
        return sell ? a < b : a > b;
    }

    /// @dev Whether an order of side `sell` at `price` would cross the opposite best.
    function _crosses(bool sell, uint72 price, Top memory top) private pure returns (bool) {
        uint72 opp = sell ? top.bestBid : top.bestAsk;
        return opp != 0 && (sell ? opp >= price : opp <= price);
    }

    /// @dev Whether an order of side `sell` at `price` would cross a live opposite level: empty levels
    ///      at the opposite top are unlinked first (at most MAX_PRUNE; only when the price crosses).
    function _crossesLive(bool sell, uint72 price, Top memory top) private returns (bool) {
        bool opp = !sell;
        for (uint256 n; _crosses(sell, price, top); ++n) {
            uint72 best = opp ? top.bestAsk : top.bestBid;
            if (n == MAX_PRUNE || _levels[opp][best].liveCount != 0) return true;
            _unlinkBest(opp, best, top);
        }
        return false;
    }

    /// @dev The head of the best level of a side left it: the level's next order (`next`) becomes
    ///      its head, or the level, then empty, is unlinked.
    function _advance(bool sell, uint72 price, Lvl storage l, uint32 next, Top memory top) private {
        if (next != 0) {
            l.head = next;
            return;
        }
        _unlinkBest(sell, price, top);
    }

    function _unlinkBest(bool sell, uint72 price, Top memory top) private {
        uint72 worse = _levels[sell][price].worse;
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

    /// @dev Closes an open order with `status`: out of the book (out of its level's totals; its node
    ///      stays in the list, dead, until matching pops it), credits back to the member (sell),
    ///      escrowed token returned for the caller to pay out (buy; `_owed` is left to the caller).
    function _close(uint64 orderId, Slot storage o, Status status) private returns (uint64 wh, uint256 tok) {
        Slot memory s = o;
        uint40 rem = s.remainingWh;
        bool sell = s.flags & SELL != 0;
        if (s.flags & IN_BOOK != 0) {
            Lvl storage l = _levels[sell][s.price];
            // its level, unless the level at this price is a newer era's (then this order is stale)
            if (l.head != 0 && orderId >= l.firstId) {
                l.liveWh -= rem;
                --l.liveCount;
            }
        }
        s.remainingWh = 0;
        s.flags = _withStatus(s.flags & ~IN_BOOK, status);
        _orders[orderId] = s;
        if (sell) {
            if (rem != 0) {
                uint64 expired;
                (wh, expired,,) = ICommunity(_community).moveCreditsForMarket(ESCROW_BASE + s.memberId, s.memberId, rem);
                if (expired != 0 || wh != rem) _phantomWh = _phantomWh + expired - (rem - wh);
            }
        } else {
            tok = _ceilCost(rem, s.price);
        }
    }

    /// @dev Returns `tok` of a closed buy order's escrow to `owner`, in the order's era's token; a
    ///      transfer that fails (e.g. a blocklist) credits the owner's proceeds of that era instead.
    function _refund(uint64 orderId, uint32 memberId, address owner, uint256 tok) private {
        Top memory top = _top;
        if (orderId >= top.eraStart) {
            _owed -= _u96(tok);
            if (!IERC20(_token).trySafeTransfer(owner, tok)) {
                _owed += _u96(tok);
                _creditProceeds(memberId, tok, top.era);
                emit RefundCredited(orderId, top.era, tok);
            }
            return;
        }
        uint16 era = _eraOfId(orderId);
        address token = _eras[era].token;
        _legacyOwed[token] -= tok;
        if (!IERC20(token).trySafeTransfer(owner, tok)) {
            _legacyOwed[token] += tok;
            _legacyProceeds[era][memberId] += tok;
            emit RefundCredited(orderId, era, tok);
        }
    }

    function _withdraw(address to) private {
        uint32 m = _memberOf(msg.sender);
        Acct storage a = _accts[m];
        uint256 amount = a.era == _top.era ? a.proceeds : 0;
        if (amount == 0) revert NothingToWithdraw();
        a.proceeds = 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- proceeds ≤ _owed, a uint96
        _owed -= uint96(amount);
        emit ProceedsWithdrawn(msg.sender, to, _token, amount);
        IERC20(_token).safeTransfer(to, amount);
    }

    /// @dev Tops a standing order up to its quantity for `cycle` (as much as available) and puts it
    ///      back in the book if it had left it. False (nothing changed): it cannot be placed (it would
    ///      cross, or no level found) or nothing could be added.
    function _renew(uint64 id, Slot storage o, uint32 cycle, Top memory top) private returns (bool) {
        Slot memory s = o;
        bool sell = s.flags & SELL != 0;
        bool inBook = s.flags & IN_BOOK != 0;
        if (!inBook) {
            if (_crossesLive(sell, s.price, top)) return false;
            if (!_linked(_levels[sell][s.price], top)) {
                (bool found,) = _betterNeighbour(sell, s.price, 0, sell ? top.bestAsk : top.bestBid, top);
                if (!found) return false;
            }
        }
        uint40 need = s.quantityWh - s.remainingWh;
        uint16 soonest;
        if (sell) {
            (uint64 moved, uint64 expired, uint32 se,) =
                ICommunity(_community).moveCreditsForMarket(s.memberId, ESCROW_BASE + s.memberId, need);
            if (expired != 0) _phantomWh += expired;
            soonest = _ord(se);
            // forge-lint: disable-next-line(unsafe-typecast) -- ≤ need, a uint40
            need = uint40(moved);
            if (need == 0 && s.remainingWh == 0) return false;
        } else {
            uint256 more = _ceilCost(s.quantityWh, s.price) - _ceilCost(s.remainingWh, s.price);
            if (more != 0) {
                address owner = _accts[s.memberId].wallet;
                IERC20 token = IERC20(_token);
                if (more > type(uint96).max || !token.trySafeTransferFrom(owner, address(this), more)) return false;
                // forge-lint: disable-next-line(unsafe-typecast) -- bounded above
                _owed += uint96(more);
                uint256 held = token.balanceOf(address(this));
                if (held < _owed) revert UnsupportedToken(address(token), more, more + held - _owed);
            }
        }
        s.remainingWh += need;
        _renewed[id] = cycle;
        if (inBook) {
            Lvl storage l = _levels[sell][s.price];
            l.liveWh = _add48(l.liveWh, need);
            uint16 ls = l.soonest;
            if (soonest != 0 && (ls == 0 || soonest < ls)) l.soonest = soonest;
        } else if (s.remainingWh != 0) {
            // forge-lint: disable-next-line(unsafe-typecast) -- ids are uint32
            _insert(uint32(id), s, top, 0, soonest); // found above: pruning only shortens the walk
        }
        _orders[id] = s;
        emit OrderRenewed(id, cycle, s.remainingWh);
        return true;
    }

    // ───────────────────────────── internals: views, maths ─────────────────────────────

    function _isOpen(uint256 id) private view returns (bool) {
        Slot storage o = _orders[id];
        return o.price != 0 && _status(o.flags) == Status.Open;
    }

    /// @dev The era of order `id` (binary search over the eras' first ids).
    function _eraOfId(uint256 id) private view returns (uint16) {
        uint256 lo;
        uint256 hi = _eras.length;
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) / 2;
            if (_eras[mid].firstOrderId <= id) lo = mid;
            else hi = mid;
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- eras are counted in a uint16
        return uint16(lo);
    }

    function _levelsFrom(bool sell, uint256 best, uint8 depth)
        private
        view
        returns (Level[] memory out, bool partial_)
    {
        out = new Level[](depth);
        uint256 n;
        uint256 skipped;
        for (uint256 p = best; p != 0 && n < depth;) {
            Lvl storage l = _levels[sell][p];
            Lvl memory v = l;
            if (v.liveCount != 0) {
                // forge-lint: disable-next-line(unsafe-typecast) -- prices ≤ MAX_PRICE
                out[n++] = Level(uint128(p), v.liveWh, v.liveCount, _cycle(v.soonest));
            } else if (++skipped > MAX_SKIP) {
                partial_ = true;
                break;
            }
            p = v.worse;
        }
        assembly ("memory-safe") {
            mstore(out, n)
        }
    }

    function _view(uint256 id, Top memory t) private view returns (Order memory v) {
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
        v.stale = id < t.eraStart;
        v.era = v.stale ? _eraOfId(id) : t.era;
        v.inBook = o.flags & IN_BOOK != 0 && !v.stale;
        if (!sell && open) v.escrowToken = uint128(_ceilCost(o.remainingWh, o.price));
        if (sell && v.inBook) v.soonestExpiryCycle = _cycle(_levels[true][o.price].soonest);
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

    /// @dev ceil(wh × price / 1000): a buy order's escrow; differences of it are what fills move.
    function _ceilCost(uint256 wh, uint256 price) private pure returns (uint256) {
        return (wh * price + WH_PER_KWH - 1) / WH_PER_KWH;
    }

    /// @dev A level's running Wh plus `wh`, within its 48 bits.
    function _add48(uint48 a, uint256 wh) private pure returns (uint48) {
        uint256 sum = uint256(a) + wh;
        if (sum > type(uint48).max) revert AmountTooLarge(sum, type(uint48).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        return uint48(sum);
    }

    function _u96(uint256 v) private pure returns (uint96) {
        if (v > type(uint96).max) revert AmountTooLarge(v, type(uint96).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        return uint96(v);
    }
}
