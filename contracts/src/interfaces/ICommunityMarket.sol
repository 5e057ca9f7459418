// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "./ICommonErrors.sol";

/// @title ICommunityMarket — buy and sell orders for a community's energy credits
/// @notice One market per community. Sell orders escrow credits (their lots keep their origin, so
///         expiry travels with them); buy orders escrow the community's payment token (ERC-20,
///         EIP-2612 permit when supported). Limit price in token base units per kWh
///         (`priceTokenPerKwh`), quantities in Wh. Price-time priority; an incoming order that
///         crosses the book fills at once against the best prices, at most `maxFills` makers per
///         transaction; the rest rests. Makers' token proceeds are credited for them to withdraw.
///         Priced orders only when the community's trading policy is `PricedOrders` (Law 14.300
///         art. 28 — domain.md §2.6); donations live in the Community and are always available.
interface ICommunityMarket is ICommonErrors {
    enum Side {
        Buy,
        Sell
    }

    enum Status {
        Open,
        Filled,
        Cancelled,
        Expired
    }

    struct Order {
        uint64 id;
        Side side;
        Status status;
        uint32 memberId;
        address owner;
        uint128 priceTokenPerKwh;
        uint64 quantityWh; // original (and the standing amount renewed each cycle)
        uint64 remainingWh;
        uint64 expiresAt; // unix seconds, 0 = no expiry
        bool standing; // renews each cycle with the same price and quantity until cancelled
        uint32 renewedCycle; // the open cycle it was last (re)filled for
        uint128 escrowToken; // buy, open: token still escrowed = ceil(remainingWh × price / 1000)
        uint32 soonestExpiryCycle; // sell, in the book: its level's soonest lot expiry (≤ exact; YYYYMM, 0 = none)
        bool inBook; // resting in the book (open orders out of it: filled standing, expired, inactive owner, stale)
        bool stale; // priced in a payment token the community no longer uses: never filled or renewed
        uint16 era; // the payment-token era it was placed in (see `eraOf`)
    }

    struct Level {
        uint128 priceTokenPerKwh;
        uint64 totalWh;
        uint32 orderCount;
        uint32 soonestExpiryCycle; // asks: soonest lot expiry at this level
    }

    struct Book {
        Level[] bids; // best (highest) first
        Level[] asks; // best (lowest) first
        uint128 lastPriceTokenPerKwh;
        address paymentToken;
        uint8 tokenDecimals;
        bool pricedOrdersAllowed;
        uint32 minOrderWh; // the community's minimum order size (0 = none)
        bool truncated; // more than MAX_SKIP empty levels were met: the sides may show fewer levels than asked
    }

    /// @notice A payment-token era: orders from `firstOrderId` on are priced in `token`.
    struct Era {
        uint32 firstOrderId;
        address token;
    }

    event OrderPlaced(
        uint64 indexed orderId,
        uint32 indexed memberId,
        Side side,
        uint128 priceTokenPerKwh,
        uint64 quantityWh,
        uint64 expiresAt,
        bool standing
    );
    event OrderFilled(
        uint64 indexed makerOrderId,
        uint64 indexed takerOrderId,
        uint32 indexed cycle,
        uint32 makerMemberId,
        uint32 takerMemberId,
        Side makerSide,
        uint128 priceTokenPerKwh,
        uint64 amountWh,
        uint256 tokenAmount
    );
    event OrderCancelled(uint64 indexed orderId, uint64 returnedWh, uint256 returnedToken);
    event OrderExpired(uint64 indexed orderId, uint64 returnedWh, uint256 returnedToken);
    event OrderRenewed(uint64 indexed orderId, uint32 indexed cycle, uint64 remainingWh);
    event ProceedsWithdrawn(address indexed owner, address indexed to, address token, uint256 amount);
    /// @notice The community's payment token changed: orders before `firstOrderId` are stale (never
    ///         filled or renewed; cancel or reclaim returns their escrow in the old token).
    event PaymentTokenSwitched(address indexed oldToken, address indexed newToken, uint16 era, uint64 firstOrderId);
    /// @notice Matching took an order out of the book without filling it: expired (`reason` 0) or its
    ///         member is inactive (1). It stays open until cancelled or reclaimed.
    event OrderUnlisted(uint64 indexed orderId, uint8 reason);
    /// @notice What was left of a new order after matching was not placed, because resting it would
    ///         cross the book (matching stopped at `maxFills` or at the pruning bound first).
    event RestNotPlaced(uint64 indexed orderId, uint64 remainingWh);
    /// @notice A refund could not be transferred to the order's owner (e.g. a token blocklist): it
    ///         was credited to the owner's proceeds in that era instead (withdrawable to any address).
    event RefundCredited(uint64 indexed orderId, uint16 era, uint256 amount);
    /// @notice `prune` unlinked `steps` empty levels from the top of `side` .
    event Pruned(Side side, uint256 steps);
    /// @notice A standing order could not be topped up for `cycle` (no credits / allowance / balance,
    ///         priced orders off, or the owner is no longer an active member).
    event RenewalSkipped(uint64 indexed orderId, uint32 indexed cycle);
    /// @notice Member `memberId`'s orders and refunds now belong to `wallet` (its wallet changed).
    event OwnerWalletChanged(uint32 indexed memberId, address indexed wallet);

    error PricedOrdersDisabled();
    error NoPaymentToken();
    error ZeroPrice();
    error SelfTrade(uint64 makerOrderId);
    error NotOrderOwner(uint64 orderId, address caller);
    error OrderNotOpen(uint64 orderId);
    error UnknownOrder(uint64 orderId);
    error AlreadyExpired(uint64 expiresAt);
    error BadHint(uint128 hintPrice);
    error NothingToWithdraw();
    /// @notice A price, quantity or token amount beyond the market's storage widths.
    error AmountTooLarge(uint256 value, uint256 max);
    /// @notice A member may have at most `max` open orders (cancel or reclaim one first).
    error TooManyOpenOrders(uint32 memberId, uint256 max);
    /// @notice An order below the community's minimum order size.
    error OrderTooSmall(uint64 quantityWh, uint64 minWh);
    /// @notice The payment token left the market holding less than it owes after a transfer in
    ///         (fee-on-transfer or rebasing): refused (supported: plain ERC-20, optionally EIP-2612).
    ///         `received` is what the market can account for of `sent`.
    error UnsupportedToken(address token, uint256 sent, uint256 received);
    /// @notice The order is open, in force and its member active: only its owner may cancel it.
    error NotReclaimable(uint64 orderId);
    /// @notice No such payment-token era.
    error UnknownEra(uint16 era);
    /// @notice Only the market's community may call this.
    error NotCommunity(address caller);

    /// @notice Called once by the registry right after cloning.
    function initialize(address community) external;
    /// @notice Community only: member `memberId`'s wallet is now `wallet`; the market's copy of it
    ///         (the owner of its orders, the receiver of its refunds) follows.
    function onWalletChanged(uint32 memberId, address wallet) external;

    /// @notice Places a buy or sell order; crosses the book first (at most `maxFills` makers filled;
    ///         cancelled orders, empty levels and expired or inactive makers met on the way are taken
    ///         out without counting, at most MAX_PRUNE of them), then rests the rest — unless resting
    ///         it would cross the book, in which case it is not placed (RestNotPlaced). An order that
    ///         fills at once and is not standing is not stored: `order(id)` reads it as Filled with
    ///         zero figures (OrderPlaced and OrderFilled carry them). At most MAX_OPEN open orders per
    ///         member; at least the community's `minOrderWh`.
    /// @param hintPriceTokenPerKwh an existing level price at or next to where a new level goes
    ///        (from `book`); 0 = search from the best price (bounded).
    function placeOrder(
        Side side,
        uint128 priceTokenPerKwh,
        uint64 quantityWh,
        uint64 expiresAt,
        bool standing,
        uint128 hintPriceTokenPerKwh,
        uint8 maxFills
    ) external returns (uint64 orderId, uint64 filledWh);

    /// @notice placeOrder(Buy, …) after an EIP-2612 permit of the payment token (one signature).
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
    ) external returns (uint64 orderId, uint64 filledWh);

    /// @notice Cancels an open order and returns exactly what is left in escrow.
    function cancel(uint64 orderId) external;

    /// @notice Anyone may close an order that is expired, stale (older payment token) or whose member
    ///         is inactive, returning its escrow to its owner (a token refund that cannot be
    ///         transferred is credited to the owner's proceeds of that era).
    function reclaimExpired(uint64 orderId) external;

    /// @notice Tops up standing orders for the new open cycle (anyone; bounded by ids.length).
    function renewStanding(uint64[] calldata orderIds) external;

    /// @notice Withdraws the caller's (member's) proceeds in the current payment token.
    function withdraw() external;
    /// @notice Withdraws the caller's proceeds in the current payment token to `to` (e.g. when the
    ///         token blocklists the member's wallet).
    function withdrawTo(address to) external;
    /// @notice Withdraws the caller's proceeds of a previous payment-token era, in that token, to `to`.
    function withdrawLegacy(uint16 era, address to) external;
    /// @notice Unlinks the empty levels at the top of `side` (anyone; at most MAX_PRUNE).
    function prune(Side side) external;

    function community() external view returns (address);
    function book(uint8 depth) external view returns (Book memory);
    function ordersOf(address owner) external view returns (Order[] memory);
    function order(uint64 orderId) external view returns (Order memory);
    function proceedsOf(address owner) external view returns (uint256);
    /// @notice `owner`'s proceeds of payment-token era `era` (in that era's token).
    function legacyProceedsOf(address owner, uint16 era) external view returns (uint256);
    /// @notice The payment-token era `era` (0 = the first token) and the current era's number.
    function eraOf(uint16 era) external view returns (Era memory, uint16 current);
    /// @notice Σ Wh dropped as expired from sellers' escrows that is still counted in some open sell
    ///         order's remainingWh (it leaves the order that next finds its seller's escrow short).
    function expiredInEscrowWh() external view returns (uint64);
    /// @notice Σ the market owes in the current payment token: open buy escrow + unwithdrawn proceeds
    ///         (its token balance is at least this plus `legacyOwed` of the same token).
    function owedToken() external view returns (uint256);
    /// @notice Σ the market owes in `token` from previous eras (stale buy escrow + legacy proceeds).
    function legacyOwed(address token) external view returns (uint256);
}
