// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICommonErrors — the errors both the ledger (ICommunity) and the market (ICommunityMarket) raise
/// @notice Declared once; both interfaces inherit them, so each has one selector and one meaning.
interface ICommonErrors {
    error AlreadyInitialized();
    error ZeroAddress();
    error NotAMember(address wallet);
    error MemberInactive(uint32 memberId);
    error ZeroAmount();
    error InsufficientCredits(uint32 memberId, uint64 balanceWh, uint64 amountWh);
    error CycleIsClosing(uint32 cycle);
}
