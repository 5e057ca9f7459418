// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title CreditAccounts — the numbering of credit accounts in a community's ledger, defined once
/// @notice Member `id` is account `id` (< 2^32); the solidarity pool is `POOL`; a market escrow is
///         `ESCROW_BASE + memberId`, one per selling member. The ledger and the market both use it.
library CreditAccounts {
    uint256 internal constant POOL = 1 << 32;
    uint256 internal constant ESCROW_BASE = 1 << 33;
}
