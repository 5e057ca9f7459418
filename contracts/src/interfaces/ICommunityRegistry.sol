// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./ICommunity.sol";

/// @title ICommunityRegistry — creates communities and finds a wallet's communities without a backend
interface ICommunityRegistry {
    event CommunityCreated(address indexed community, address indexed manager, string name);
    event MembershipRecorded(address indexed wallet, address indexed community);
    event MembershipDropped(address indexed wallet, address indexed community);

    error NotACommunity(address caller);
    /// @notice A constructor argument that must be a deployed contract has no code.
    error NotAContract(address account);

    /// @notice The Community implementation every community is a minimal clone of.
    function implementation() external view returns (address);

    /// @notice The CommunityMarket implementation every community's market is a minimal clone of.
    function marketImplementation() external view returns (address);

    /// @notice Creates a community and its market (attached to it); the caller becomes its manager.
    function createCommunity(
        ICommunity.Settings calldata settings,
        ICommunity.FioBStep[] calldata fioBSchedule,
        uint32 firstCycle
    ) external returns (address community);

    /// @notice Called by a community when a wallet claimed or accepted its membership (or became its
    ///         manager): the community is listed for that wallet (once).
    function recordMembership(address wallet) external;
    /// @notice Called by a community when `wallet` stopped being one of its members (its member's
    ///         wallet changed): the community leaves that wallet's list (nothing if it was not there).
    function dropMembership(address wallet) external;

    function isCommunity(address community) external view returns (bool);
    /// @notice The market of a community created here (0 for an unknown address).
    function marketOf(address community) external view returns (address);
    function communityCount() external view returns (uint256);
    /// @notice Whether `community` is listed for `wallet` (`communitiesOf`): true once the wallet
    ///         claimed an invitation or accepted its membership, or manages the community.
    function hasMembership(address wallet, address community) external view returns (bool);
    function communities(uint256 offset, uint256 limit) external view returns (address[] memory);
    /// @notice Up to `limit` of the communities where `wallet` is (or was made) a member or manager,
    ///         from index `offset` on, oldest first (empty past the end), and how many there are in
    ///         all. Paged: anyone can create communities naming a wallet, so the full list can grow
    ///         past what one `eth_call` can return; a page costs the same whatever the total.
    function communitiesOf(address wallet, uint256 offset, uint256 limit)
        external
        view
        returns (address[] memory page, uint256 total);
}
