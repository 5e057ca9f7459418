// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./ICommunity.sol";

/// @title ICommunityViews — the read-only views of a community, served by `CommunityViews`
/// @notice Called on the community's own address like any of its functions: the ledger's
///         fallback runs them on its storage inside a static call, so they can never write.
interface ICommunityViews {
    /// @notice The open cycle's state, as the manager's console shows it (`consolePage`).
    struct ConsoleCycle {
        uint32 openCycle; // YYYYMM
        bool closing; // a batched close is under way
        uint32 cursor; // next member id to settle while closing
        bool generationPosted;
        uint64 generatedWh; // the open cycle's generation (0 until posted)
        uint32 memberCount;
        uint32 activeCount;
        uint32 readingsCount; // active members with a reading for the open cycle
    }

    /// @notice One member's row of the manager's console (`consolePage`).
    struct ConsoleMember {
        ICommunity.MemberView member;
        bool hasReading; // a reading for the open cycle is on file
        uint64 consumedWh; // that reading (0 when none)
        uint64 expiringWh; // Σ of its lots that expire at the open cycle's close (expiry ≤ open cycle)
    }

    /// @notice The registry that created this community.
    function registry() external view returns (address);
    /// @notice The current settings.
    function settings() external view returns (ICommunity.Settings memory);
    /// @notice The Fio B share for `year`: the step with the greatest year ≤ `year` (0 if none).
    function fioBSharePpm(uint16 year) external view returns (uint32);
    /// @notice Number of members ever added (ids are 0..memberCount-1).
    function memberCount() external view returns (uint32);
    /// @notice Σ of the shares in force for the open cycle, in ppm (1,000,000 once a cycle closed).
    function totalSharePpm() external view returns (uint32);
    /// @notice The cycle readings are being posted for (YYYYMM).
    function openCycle() external view returns (uint32);
    /// @notice The solidarity pool's balance (Σ of its lots).
    function poolBalance() external view returns (uint64);
    /// @notice A closed cycle's totals (all zero with `closed == false` otherwise).
    function cycleInfo(uint32 cycle) external view returns (ICommunity.CycleInfo memory);
    /// @notice One member: `sharePpm` is its share in force for the open cycle, `pendingSharePpm` the
    ///         share filed for `pendingShareCycle` (0 when nothing is pending); `UnknownMember` for an
    ///         unknown id.
    function member(uint32 memberId) external view returns (ICommunity.MemberView memory);
    /// @notice Up to `limit` members from id `offset` on (empty past the end).
    function members(uint32 offset, uint32 limit) external view returns (ICommunity.MemberView[] memory);
    /// @notice A member's credit lots, oldest first (origin and expiry as YYYYMM).
    function lotsOf(uint32 memberId) external view returns (ICommunity.Lot[] memory);
    /// @notice The solidarity pool's lots, oldest first (the pool's lots expire like members' lots).
    function poolLots() external view returns (ICommunity.Lot[] memory);
    /// @notice The member's last reading: its cycle (YYYYMM, 0 if none) and consumption.
    function readingOf(uint32 memberId) external view returns (uint32 cycle, uint64 consumedWh);
    /// @notice The latest share schedule (`scheduleShares`), pending or not (all zero when none was
    ///         filed): `pending` while it is neither cancelled nor in force yet.
    function shareSchedule() external view returns (ICommunity.ShareSchedule memory);
    /// @notice Member `memberId`'s outstanding invitation: the address of the key its link carries
    ///         (0 when none was issued or it was revoked), its expiry (unix seconds) and whether it
    ///         was claimed. Lets a link say it is used, expired or replaced before anyone signs.
    function invitation(uint32 memberId) external view returns (address key, uint64 expiresAt, bool used);
    /// @notice The manager's console in pages: the open cycle's state and, for members
    ///         [`offset`, `offset + limit`) (clipped to `memberCount`; empty past the end or with
    ///         `limit` 0), each one's view, its reading for the open cycle (from storage, not logs)
    ///         and its credits expiring at the open cycle's close. A page of 500 members with lots
    ///         costs about 10.4M gas (`ConsoleViewsGas.t.sol`), well under an `eth_call` cap.
    function consolePage(uint32 offset, uint32 limit)
        external
        view
        returns (ConsoleCycle memory cycle, ConsoleMember[] memory rows);
    /// @notice Everything a dashboard needs in one call; works for non-members (`isMember == false`).
    function dashboardOf(address wallet) external view returns (ICommunity.Dashboard memory);
}
