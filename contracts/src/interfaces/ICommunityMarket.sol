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
    event ProceedsWithdrawn(address indexed owner, uint256 amount);
    /// @notice A standing order could not be topped up for `cycle` (no credits / allowance / balance,
    ///         priced orders off, or the owner is no longer an active member).
    event RenewalSkipped(uint64 indexed orderId, uint32 indexed cycle);

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
    error NotExpired(uint64 expiresAt);
    /// @notice A price, quantity or token amount beyond the market's storage widths.
    error AmountTooLarge(uint256 value, uint256 max);
    /// @notice The community switched payment token while the market still owes the old one
    ///         (open buy escrow or unwithdrawn proceeds): new priced orders wait until it is paid out.
    error PaymentTokenInUse(address token);

    /// @notice Called once by the registry right after cloning.
    function initialize(address community) external;

    /// @notice Places a buy or sell order; crosses the book first (≤ maxFills steps: makers filled,
    ///         and cancelled or expired makers met on the way), rests the rest. An order that fills
    ///         at once and is not standing is not stored: `order(id)` reads it as Filled with zero
    ///         figures (OrderPlaced and OrderFilled carry them).
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

    /// @notice After expiry anyone may return an order's escrow to its owner.
    function reclaimExpired(uint64 orderId) external;

    /// @notice Tops up standing orders for the new open cycle (anyone; bounded by ids.length).
    function renewStanding(uint64[] calldata orderIds) external;

    /// @notice Withdraws the caller's (member's) credited token proceeds.
    function withdraw() external;

    function community() external view returns (address);
    function book(uint8 depth) external view returns (Book memory);
    function ordersOf(address owner) external view returns (Order[] memory);
    function order(uint64 orderId) external view returns (Order memory);
    function proceedsOf(address owner) external view returns (uint256);
    /// @notice Σ credits held in the market's escrow accounts (one per selling member; lots expired
    ///         but not yet dropped included) = Σ remainingWh of open sell orders − expiredInEscrowWh.
    function escrowedWh() external view returns (uint64);
    /// @notice Σ Wh dropped as expired from sellers' escrows that is still counted in some open sell
    ///         order's remainingWh (it leaves the order that next finds its seller's escrow short).
    function expiredInEscrowWh() external view returns (uint64);
    /// @notice Σ token the market owes: open buy escrow + unwithdrawn proceeds (its token balance
    ///         is at least this).
    function owedToken() external view returns (uint256);
}
