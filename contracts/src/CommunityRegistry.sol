// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityRegistry} from "./interfaces/ICommunityRegistry.sol";
import {ICommunityMarket} from "./interfaces/ICommunityMarket.sol";

/// @title CommunityRegistry — creates communities as minimal clones and indexes memberships
/// @notice Lets a wallet find its communities without a backend.
contract CommunityRegistry is ICommunityRegistry {
    /// @inheritdoc ICommunityRegistry
    address public immutable implementation;
    /// @inheritdoc ICommunityRegistry
    address public immutable marketImplementation;

    address[] private _communities;
    mapping(address community => bool) private _isCommunity;
    mapping(address wallet => address[]) private _communitiesOf;
    /// @dev 1 + the community's index in `_communitiesOf[wallet]` (0 = not listed).
    mapping(address wallet => mapping(address community => uint256 indexPlusOne)) private _recorded;

    /// @notice Clones `implementation_` (a self-locked Community) and `marketImplementation_` (a
    ///         CommunityMarket) for every community. Both are deployed beforehand in their own
    ///         transactions, so no deployment transaction needs more than ~5M gas.
    constructor(address implementation_, address marketImplementation_) {
        if (implementation_.code.length == 0) revert NotAContract(implementation_);
        if (marketImplementation_.code.length == 0) revert NotAContract(marketImplementation_);
        implementation = implementation_;
        marketImplementation = marketImplementation_;
    }

    /// @inheritdoc ICommunityRegistry
    function createCommunity(
        ICommunity.Settings calldata settings,
        ICommunity.FioBStep[] calldata fioBSchedule,
        uint32 firstCycle
    ) external returns (address community) {
        community = Clones.clone(implementation);
        _isCommunity[community] = true;
        _communities.push(community);
        _record(msg.sender, community);
        emit CommunityCreated(community, msg.sender, settings.name);
        ICommunity(community).initialize(address(this), msg.sender, settings, fioBSchedule, firstCycle);
        address market = Clones.clone(marketImplementation);
        ICommunityMarket(market).initialize(community);
        ICommunity(community).attachMarket(market);
    }

    /// @inheritdoc ICommunityRegistry
    function marketOf(address community) external view returns (address) {
        return _isCommunity[community] ? ICommunity(community).market() : address(0);
    }

    /// @inheritdoc ICommunityRegistry
    function recordMembership(address wallet) external {
        if (!_isCommunity[msg.sender]) revert NotACommunity(msg.sender);
        _record(wallet, msg.sender);
    }

    /// @inheritdoc ICommunityRegistry
    function dropMembership(address wallet) external {
        if (!_isCommunity[msg.sender]) revert NotACommunity(msg.sender);
        uint256 indexPlusOne = _recorded[wallet][msg.sender];
        if (indexPlusOne == 0) return;
        address[] storage list = _communitiesOf[wallet];
        address last = list[list.length - 1];
        list[indexPlusOne - 1] = last; // swap with the last and pop: O(1)
        _recorded[wallet][last] = indexPlusOne;
        list.pop();
        delete _recorded[wallet][msg.sender];
        emit MembershipDropped(wallet, msg.sender);
    }

    /// @inheritdoc ICommunityRegistry
    function isCommunity(address community) external view returns (bool) {
        return _isCommunity[community];
    }

    /// @inheritdoc ICommunityRegistry
    function communityCount() external view returns (uint256) {
        return _communities.length;
    }

    /// @inheritdoc ICommunityRegistry
    function hasMembership(address wallet, address community) external view returns (bool) {
        return _recorded[wallet][community] != 0;
    }

    /// @notice Up to `limit` communities from index `offset` on, oldest first (empty past the end).
    function communities(uint256 offset, uint256 limit) external view returns (address[] memory list) {
        uint256 count = _communities.length;
        if (offset >= count) return list;
        uint256 end = limit > count - offset ? count : offset + limit;
        list = new address[](end - offset);
        for (uint256 i; i < list.length; ++i) {
            list[i] = _communities[offset + i];
        }
    }

    /// @inheritdoc ICommunityRegistry
    function communitiesOf(address wallet, uint256 offset, uint256 limit)
        external
        view
        returns (address[] memory page, uint256 total)
    {
        address[] storage all = _communitiesOf[wallet];
        total = all.length;
        if (offset >= total) return (page, total);
        uint256 end = limit > total - offset ? total : offset + limit;
        page = new address[](end - offset);
        for (uint256 i; i < page.length; ++i) {
            page[i] = all[offset + i];
        }
    }

    function _record(address wallet, address community) private {
        if (_recorded[wallet][community] != 0) return;
        address[] storage list = _communitiesOf[wallet];
        list.push(community);
        _recorded[wallet][community] = list.length;
        emit MembershipRecorded(wallet, community);
    }
}
