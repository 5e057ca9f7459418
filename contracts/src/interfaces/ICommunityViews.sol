// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./ICommunity.sol";

/// @title ICommunityViews — the read-only views of a community, served by `CommunityViews`
/// @notice Called on the community's own address like any of its functions: the ledger's
///         fallback runs them on its storage inside a static call, so they can never write.
interface ICommunityViews {
    /// @notice One member; reverts with `UnknownMember` for an unknown id.
    function member(uint32 memberId) external view returns (ICommunity.MemberView memory);
    /// @notice Up to `limit` members from id `offset` on (empty past the end).
    function members(uint32 offset, uint32 limit) external view returns (ICommunity.MemberView[] memory);
    /// @notice A member's credit lots, oldest first (origin and expiry as YYYYMM).
    function lotsOf(uint32 memberId) external view returns (ICommunity.Lot[] memory);
    /// @notice The solidarity pool's lots, oldest first (the pool's lots expire like members' lots).
    function poolLots() external view returns (ICommunity.Lot[] memory);
    /// @notice The member's last reading: its cycle (YYYYMM, 0 if none) and consumption.
    function readingOf(uint32 memberId) external view returns (uint32 cycle, uint64 consumedWh);
    /// @notice Everything a dashboard needs in one call; works for non-members (`isMember == false`).
    function dashboardOf(address wallet) external view returns (ICommunity.Dashboard memory);
}
